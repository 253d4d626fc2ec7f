//! `asl validate`: diagnostics as `file:line:col: severity CODE message`, or as JSON.

use std::process::ExitCode;

use engine::{analyze, Analysis, MachineType, Options, ParseOptions};
use serde_json::json;

use crate::usage_error;

struct Args {
    files: Vec<String>,
    json: bool,
    errors_only: bool,
    machine_type: MachineType,
    machine: Option<String>,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut out = Args { files: Vec::new(), json: false, errors_only: false, machine_type: MachineType::Standard, machine: None };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--json" => out.json = true,
            "--errors-only" => out.errors_only = true,
            "--type" => match it.next().map(|s| s.to_ascii_uppercase()).as_deref() {
                Some("STANDARD") => out.machine_type = MachineType::Standard,
                Some("EXPRESS") => out.machine_type = MachineType::Express,
                _ => return Err("--type takes STANDARD or EXPRESS".into()),
            },
            "--machine" => out.machine = Some(it.next().ok_or("--machine takes a logical id")?.clone()),
            s if s.starts_with("--") => return Err(format!("unknown option '{s}'")),
            file => out.files.push(file.to_owned()),
        }
    }
    if out.files.is_empty() {
        return Err("validate needs at least one FILE".into());
    }
    Ok(out)
}

pub fn run(args: &[String]) -> ExitCode {
    let args = match parse_args(args) {
        Ok(a) => a,
        Err(e) => return usage_error(&e),
    };
    let mut any_errors = false;
    let mut unreadable = false;
    let mut reports = Vec::new();
    for file in &args.files {
        let text = match std::fs::read(file).map(String::from_utf8) {
            Ok(Ok(t)) => t,
            Ok(Err(_)) => {
                eprintln!("asl: {file}: not UTF-8 text");
                unreadable = true;
                continue;
            }
            Err(e) => {
                eprintln!("asl: {file}: {e}");
                unreadable = true;
                continue;
            }
        };
        for (machine, analysis) in analyses(&text, &args) {
            any_errors |= analysis.has_errors();
            let label = match &machine {
                Some(id) => format!("{file} [{id}]"),
                None => file.clone(),
            };
            if args.json {
                reports.push(json_report(file, machine.as_deref(), &analysis, args.errors_only));
            } else {
                print_text(&label, file, &analysis, args.errors_only);
            }
        }
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&reports).unwrap_or_default());
    }
    if unreadable {
        ExitCode::from(2)
    } else if any_errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// One analysis per state machine: a template without `--machine` is checked machine by machine.
fn analyses(text: &str, args: &Args) -> Vec<(Option<String>, Analysis)> {
    let options = |machine: Option<String>| Options { parse: ParseOptions { machine }, machine_type: args.machine_type };
    let first = analyze(text, &options(args.machine.clone()));
    let machines: Vec<String> = first.parsed.template_machines.iter().map(|m| m.logical_id.clone()).collect();
    if machines.len() <= 1 || args.machine.is_some() {
        let id = first.parsed.selected_machine.clone();
        return vec![(id, first)];
    }
    let mut out = vec![(Some(machines[0].clone()), first)];
    for id in &machines[1..] {
        out.push((Some(id.clone()), analyze(text, &options(Some(id.clone())))));
    }
    out
}

fn print_text(label: &str, file: &str, analysis: &Analysis, errors_only: bool) {
    let shown: Vec<_> = analysis.diagnostics.iter().filter(|d| !errors_only || d.is_error()).collect();
    for d in &shown {
        let (line, col) = d.range.map_or((1, 1), |r| (r.start.line, r.start.column));
        let at = if d.pointer.is_empty() { String::new() } else { format!(" (at {})", d.pointer) };
        let machine = label.strip_prefix(file).unwrap_or("");
        println!("{file}:{line}:{col}:{machine} {} {} {}{at}", d.severity.as_str().to_lowercase(), d.code, d.message);
    }
    let errors = analysis.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = analysis.diagnostics.len() - errors;
    if errors == 0 {
        eprintln!("{label}: OK ({warnings} warning(s))");
    } else {
        eprintln!("{label}: {errors} error(s), {warnings} warning(s)");
    }
}

fn json_report(file: &str, machine: Option<&str>, analysis: &Analysis, errors_only: bool) -> serde_json::Value {
    let diagnostics: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| !errors_only || d.is_error())
        .map(|d| {
            json!({
                "severity": d.severity.as_str(),
                "code": d.code,
                "message": d.message,
                "location": d.pointer,
                "line": d.range.map(|r| r.start.line),
                "column": d.range.map(|r| r.start.column),
                "endLine": d.range.map(|r| r.end.line),
                "endColumn": d.range.map(|r| r.end.column),
            })
        })
        .collect();
    json!({
        "file": file,
        "machine": machine,
        "result": if analysis.has_errors() { "FAIL" } else { "OK" },
        "diagnostics": diagnostics,
    })
}

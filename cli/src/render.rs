//! `asl render DEFINITION [-o FILE]`: the state machine drawn as SVG, the same layout the app shows.

use std::process::ExitCode;

use engine::asl::StateKind;
use engine::{parse, ParseOptions};

use crate::load;
use crate::usage_error;

pub fn run(args: &[String]) -> ExitCode {
    let mut file = None;
    let mut out = None;
    let mut machine_id = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let r = match a.as_str() {
            "-o" | "--output" => load::value(&mut it, "-o").map(|v| out = Some(v)),
            "--machine" => load::value(&mut it, "--machine").map(|v| machine_id = Some(v)),
            s if s.starts_with('-') => Err(format!("unknown option '{s}'")),
            f if file.is_none() => {
                file = Some(f.to_owned());
                Ok(())
            }
            extra => Err(format!("unexpected argument '{extra}'")),
        };
        if let Err(e) = r {
            return usage_error(&e);
        }
    }
    let Some(file) = file else { return usage_error("render needs a DEFINITION file") };
    let text = match load::read_text(&file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("asl: {e}");
            return ExitCode::from(2);
        }
    };
    // Drawing works on broken definitions too: whatever could be read is drawn.
    let parsed = parse(&text, &ParseOptions { machine: machine_id });
    let Some(machine) = parsed.machine.as_ref() else {
        eprintln!("asl: {file}: nothing to draw ({})", parsed.diagnostics.first().map(|d| d.message.as_str()).unwrap_or("no state machine"));
        return ExitCode::from(2);
    };
    let layout = engine::layout::layout(machine);
    let subtitle = |name: &str| {
        machine.scope.walk().into_iter().find(|s| s.name == name).and_then(|s| match &s.kind {
            StateKind::Task(t) => t.resource.as_ref().map(|r| r.display_name()),
            _ => None,
        })
    };
    let svg = engine::layout::to_svg(&layout, &subtitle);
    match out {
        Some(path) => {
            if let Err(e) = std::fs::write(&path, svg) {
                eprintln!("asl: {path}: {e}");
                return ExitCode::from(2);
            }
        }
        None => println!("{svg}"),
    }
    ExitCode::SUCCESS
}

//! `asl conformance PATH...`: runs conformance case files and prints one JSON line per case, then a summary.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use engine::conformance::{check, run_case};
use serde_json::{json, Value};

use crate::usage_error;

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path).into_iter().flatten().flatten().map(|e| e.path()).collect();
        entries.sort();
        for e in entries {
            collect(&e, out);
        }
    } else if path.extension().is_some_and(|e| e == "json") {
        out.push(path.to_owned());
    }
}

pub fn run(args: &[String]) -> ExitCode {
    if args.is_empty() || args.iter().any(|a| a.starts_with("--")) {
        return usage_error("conformance takes case files or folders");
    }
    let mut files = Vec::new();
    for a in args {
        let p = Path::new(a);
        if !p.exists() {
            eprintln!("asl: {a}: no such file or folder");
            return ExitCode::from(2);
        }
        collect(p, &mut files);
    }
    let (mut cases, mut passed, mut cause_passed, mut unreadable) = (0, 0, 0, 0);
    for file in &files {
        let case: Value = match std::fs::read_to_string(file).ok().and_then(|t| serde_json::from_str(&t).ok()) {
            Some(c) => c,
            None => {
                eprintln!("asl: {}: not a readable JSON case", file.display());
                unreadable += 1;
                continue;
            }
        };
        if case.get("definition").is_none() || case.get("expected").is_none() {
            continue; // index.json, summary.json and other non-case files
        }
        cases += 1;
        let run = run_case(&case);
        let verdict = check(&case, &run.result);
        passed += verdict.passed as usize;
        cause_passed += verdict.cause_passed as usize;
        println!("{}", serde_json::to_string(&run.result).unwrap_or_default());
    }
    let summary = json!({"name": "(summary)", "summary": {"cases": cases, "passed": passed, "failed": cases - passed, "strictCausePassed": cause_passed, "unreadable": unreadable}});
    println!("{summary}");
    eprintln!("{passed} passed, {} failed", cases - passed);
    if unreadable > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS }
}

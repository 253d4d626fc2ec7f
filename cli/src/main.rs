//! `asl`: the ASL Studio command line over the same engine the browser runs.

mod validate;

use std::process::ExitCode;

const USAGE: &str = "\
usage: asl <command> [options]

commands:
  validate FILE...   check state machine definitions (ASL JSON or YAML, or CloudFormation/SAM templates)
      --json             print diagnostics as JSON
      --type TYPE        STANDARD (default) or EXPRESS
      --machine ID       in a template, check only this state machine (default: all of them)
      --errors-only      do not print warnings

exit status: 0 no errors, 1 errors found, 2 usage error or unreadable file
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("validate") => validate::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => usage_error(&format!("unknown command '{other}'")),
        None => usage_error("no command given"),
    }
}

/// Prints a usage error and returns exit status 2.
pub fn usage_error(message: &str) -> ExitCode {
    eprintln!("asl: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

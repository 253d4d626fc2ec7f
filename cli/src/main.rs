//! `asl`: the ASL Studio command line over the same engine the browser runs.

/// A faster allocator for the native CLI: the interpreter allocates many small JSON values.
#[global_allocator]
static GLOBAL: alloc::MiMalloc = alloc::MiMalloc;

mod alloc;
mod conformance;
mod eval;
mod load;
mod render;
mod run;
mod test;
mod validate;

use std::process::ExitCode;

const USAGE: &str = r#"
usage: asl <command> [options]

commands:
  validate FILE...   check state machine definitions (ASL JSON or YAML, or CloudFormation/SAM templates)
      --json             print diagnostics as JSON
      --type TYPE        STANDARD (default) or EXPRESS
      --machine ID       in a template, check only this state machine (default: all of them)
      --errors-only      do not print warnings

  run DEFINITION      run one execution with mocked tasks; prints {"status", "output"} or {"status", "error", "cause"}
      --input FILE|-     execution input (default {})
      --mocks FILE       a MockConfigFile.json (with --test-case NAME) or inline mocks {"State": [{"Return": …}, …]}
      --test-case NAME   the MockConfigFile test case to use
      --state-machine N  the state machine's name in the MockConfigFile (default: its only one)
      --seed N           seed for jitter, UUIDs and random numbers (default 0)
      --history FILE     write the history (GetExecutionHistory shape) and the data-flow stages
      --repeat N         run N times and print timing to stderr
      --type TYPE        STANDARD (default) or EXPRESS
      --unmocked fail|input   what an unmocked Task does (default: fail with Simulator.MissingMock)
      --no-limits        do not enforce AWS's payload and history quotas
      --max-transitions N     stop after N state transitions (default 10000000)
      --output-only      print only the output of a successful execution
  test MOCKCONFIG DEFINITION   run every test case of the MockConfigFile
      --input FILE       execution input for every case
      --expect FILE      {"case": {"status": …, "output": …}} expectations (wildcards <*> allowed)
  eval EXPRESSION      evaluate a JSONata expression as a state would ({% %} optional)
      --input FILE       the state input, read as $states.input (default {})
      --var name=JSON    a workflow variable (repeatable)
      --now TIMESTAMP    the virtual time for $now()/$millis() (default 2024-01-01T00:00:00Z)
      --seed N           seed for $random()/$uuid()
      --json             print {"result": …} / {"undefined": true} / {"error": code, "message": …}
  render DEFINITION    draw the state machine as SVG (-o FILE to write it; also works on broken definitions)
  conformance PATH...  run conformance case files (folders are searched); one JSON line per case, then a summary

exit status: 0 success, 1 errors found / execution failed / test failed, 2 usage error or unreadable file
"#;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("validate") => validate::run(&args[1..]),
        Some("run") => run::run(&args[1..]),
        Some("test") => test::run(&args[1..]),
        Some("conformance") => conformance::run(&args[1..]),
        Some("eval") => eval::run(&args[1..]),
        Some("render") => render::run(&args[1..]),
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

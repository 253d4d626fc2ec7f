//! `asl test MockConfigFile.json DEFINITION`: every test case of the state machine, one line each.

use std::process::ExitCode;

use engine::conformance::value_problems;
use engine::exec::{Execution, Status};
use engine::mock::Mocks;
use serde_json::{json, Value};

use crate::load;
use crate::run::{config, result_json, RunArgs};
use crate::usage_error;

pub fn run(args: &[String]) -> ExitCode {
    let mut files = Vec::new();
    let mut input = None;
    let mut expect = None;
    let mut state_machine = None;
    let mut machine = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let r = match arg.as_str() {
            "--input" => load::value(&mut it, "--input").map(|v| input = Some(v)),
            "--expect" => load::value(&mut it, "--expect").map(|v| expect = Some(v)),
            "--state-machine" => load::value(&mut it, "--state-machine").map(|v| state_machine = Some(v)),
            "--machine" => load::value(&mut it, "--machine").map(|v| machine = Some(v)),
            s if s.starts_with("--") => Err(format!("unknown option '{s}'")),
            f => {
                files.push(f.to_owned());
                Ok(())
            }
        };
        if let Err(e) = r {
            return usage_error(&e);
        }
    }
    let [mock_file, definition] = files.as_slice() else {
        return usage_error("test needs MockConfigFile.json and DEFINITION");
    };
    let result = (|| -> Result<(Value, Value, engine::asl::StateMachine), String> {
        let config_file = load::json(mock_file)?;
        let expectations = match &expect {
            Some(p) => load::json(p)?,
            None => json!({}),
        };
        let m = load::definition(definition, machine.clone(), engine::MachineType::Standard)?;
        Ok((config_file, expectations, m))
    })();
    let (config_file, expectations, sm) = match result {
        Ok(x) => x,
        Err(e) => {
            eprintln!("asl: {e}");
            return ExitCode::from(2);
        }
    };
    let cases: Vec<(String, String)> = Mocks::test_cases(&config_file)
        .into_iter()
        .filter(|(m, _)| state_machine.as_deref().is_none_or(|s| s == m))
        .collect();
    let machines: std::collections::BTreeSet<&String> = cases.iter().map(|(m, _)| m).collect();
    if machines.len() > 1 {
        return usage_error(&format!("{mock_file} describes several state machines ({machines:?}); pick one with --state-machine"));
    }
    if cases.is_empty() {
        eprintln!("asl: {mock_file} has no test cases{}", state_machine.map(|s| format!(" for '{s}'")).unwrap_or_default());
        return ExitCode::from(2);
    }
    let (mut passed, mut failed) = (0, 0);
    for (machine_name, case) in &cases {
        let args = RunArgs {
            definition: definition.clone(),
            input: input.clone(),
            mocks: None,
            test_case: Some(case.clone()),
            state_machine: Some(machine_name.clone()),
            machine: machine.clone(),
            seed: 0,
            history: None,
            repeat: 1,
            machine_type: engine::MachineType::Standard,
            unmocked: engine::exec::Unmocked::Fail,
            no_limits: false,
            max_transitions: 10_000_000,
            output_only: false,
        };
        let outcome = Mocks::from_config(&config_file, Some(machine_name), case).and_then(|m| config(&args, m));
        let config = match outcome {
            Ok(c) => c,
            Err(e) => {
                eprintln!("asl: {e}");
                return ExitCode::from(2);
            }
        };
        let mut exec = Execution::new(&sm, config);
        exec.run(args.max_transitions);
        let mut line = result_json(exec.status());
        line["testCase"] = json!(case);
        let ok = match expectations.get(case) {
            Some(expected) => {
                let mut problems = Vec::new();
                value_problems(expected, &filtered(&line, expected), "$", &mut problems);
                if !problems.is_empty() {
                    line["problems"] = json!(problems);
                }
                problems.is_empty()
            }
            None => matches!(exec.status(), Status::Succeeded { .. }),
        };
        line["result"] = json!(if ok { "PASS" } else { "FAIL" });
        if ok {
            passed += 1;
        } else {
            failed += 1;
        }
        println!("{}", serde_json::to_string(&line).unwrap_or_default());
    }
    eprintln!("{passed} passed, {failed} failed");
    if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

/// Only the keys the expectation names (`status`, `output`, `error`, `cause`), so extra keys do not fail.
fn filtered(line: &Value, expected: &Value) -> Value {
    match expected.as_object() {
        Some(keys) => Value::Object(keys.keys().map(|k| (k.clone(), line.get(k).cloned().unwrap_or(Value::Null))).collect()),
        None => line.clone(),
    }
}

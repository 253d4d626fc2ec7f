//! `asl run`: one execution (or `--repeat N` of them, timed) with mocks, printing the result as JSON.

use std::process::ExitCode;
use std::time::Instant;

use engine::exec::{Config, Execution, Limits, Recording, Status, Unmocked};
use engine::mock::Mocks;
use engine::MachineType;
use serde_json::{json, Value};

use crate::load;
use crate::usage_error;

pub struct RunArgs {
    pub definition: String,
    pub input: Option<String>,
    pub mocks: Option<String>,
    pub test_case: Option<String>,
    pub state_machine: Option<String>,
    pub machine: Option<String>,
    pub seed: u64,
    pub history: Option<String>,
    pub repeat: u32,
    pub machine_type: MachineType,
    pub unmocked: Unmocked,
    pub no_limits: bool,
    pub max_transitions: u64,
    pub output_only: bool,
}

fn parse(args: &[String]) -> Result<RunArgs, String> {
    let mut out = RunArgs {
        definition: String::new(),
        input: None,
        mocks: None,
        test_case: None,
        state_machine: None,
        machine: None,
        seed: 0,
        history: None,
        repeat: 1,
        machine_type: MachineType::Standard,
        unmocked: Unmocked::Fail,
        no_limits: false,
        max_transitions: 10_000_000,
        output_only: false,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--input" => out.input = Some(load::value(&mut it, "--input")?),
            "--mocks" => out.mocks = Some(load::value(&mut it, "--mocks")?),
            "--test-case" => out.test_case = Some(load::value(&mut it, "--test-case")?),
            "--state-machine" => out.state_machine = Some(load::value(&mut it, "--state-machine")?),
            "--machine" => out.machine = Some(load::value(&mut it, "--machine")?),
            "--seed" => out.seed = load::value(&mut it, "--seed")?.parse().map_err(|_| "--seed takes a whole number")?,
            "--history" => out.history = Some(load::value(&mut it, "--history")?),
            "--repeat" => out.repeat = load::value(&mut it, "--repeat")?.parse().ok().filter(|n| *n > 0).ok_or("--repeat takes a positive number")?,
            "--type" => out.machine_type = load::machine_type(&load::value(&mut it, "--type")?)?,
            "--unmocked" => {
                out.unmocked = match load::value(&mut it, "--unmocked")?.as_str() {
                    "fail" => Unmocked::Fail,
                    "input" => Unmocked::ReturnInput,
                    _ => return Err("--unmocked takes 'fail' or 'input'".into()),
                }
            }
            "--no-limits" => out.no_limits = true,
            "--output-only" => out.output_only = true,
            "--max-transitions" => {
                out.max_transitions = load::value(&mut it, "--max-transitions")?.parse().map_err(|_| "--max-transitions takes a whole number")?
            }
            s if s.starts_with("--") => return Err(format!("unknown option '{s}'")),
            file if out.definition.is_empty() => out.definition = file.to_owned(),
            extra => return Err(format!("unexpected argument '{extra}'")),
        }
    }
    if out.definition.is_empty() {
        return Err("run needs a DEFINITION file".into());
    }
    Ok(out)
}

/// Builds the execution's configuration from the command line (shared with `asl test`).
pub fn config(args: &RunArgs, mocks: Mocks) -> Result<Config, String> {
    let input = match &args.input {
        None => json!({}),
        Some(path) => load::json(path)?,
    };
    Ok(Config {
        input: input.into(),
        seed: args.seed,
        machine_type: args.machine_type,
        mocks,
        unmocked: args.unmocked,
        limits: if args.no_limits { Limits::none() } else { Limits::aws(args.machine_type) },
        state_machine_name: args.state_machine.clone().or_else(|| args.machine.clone()).unwrap_or_else(|| "StateMachine".into()),
        ..Config::default()
    })
}

/// The mocks a run uses: a MockConfigFile test case (`--test-case`), or an inline `{"State": [...]}` file.
pub fn mocks(args: &RunArgs) -> Result<Mocks, String> {
    let Some(path) = &args.mocks else { return Ok(Mocks::default()) };
    let value = load::json(path)?;
    match (&args.test_case, value.get("StateMachines")) {
        (Some(case), _) => Mocks::from_config(&value, args.state_machine.as_deref(), case),
        (None, Some(_)) => Err(format!("{path} is a MockConfigFile: say which test case with --test-case NAME")),
        (None, None) => Mocks::from_inline(&value),
    }
}

pub fn result_json(status: &Status) -> Value {
    match status {
        Status::Succeeded { output } => json!({"status": "SUCCEEDED", "output": output}),
        Status::Running => json!({"status": "RUNNING"}),
        Status::Failed { error, cause } | Status::TimedOut { error, cause } | Status::Aborted { error, cause } => {
            json!({"status": status.name(), "error": error, "cause": cause})
        }
    }
}

pub fn run(args: &[String]) -> ExitCode {
    let args = match parse(args) {
        Ok(a) => a,
        Err(e) => return usage_error(&e),
    };
    let machine = match load::definition(&args.definition, args.machine.clone(), args.machine_type) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("asl: {e}");
            return ExitCode::from(2);
        }
    };
    let config = match mocks(&args).and_then(|m| config(&args, m)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("asl: {e}");
            return ExitCode::from(2);
        }
    };
    let timed = args.repeat > 1;
    let mut durations = Vec::new();
    let mut last = None;
    let program = engine::exec::Program::new(&machine);
    for i in 0..args.repeat {
        let mut config = config.clone();
        if timed && args.history.is_none() {
            config.recording = Recording::Outline;
        }
        let started = Instant::now();
        let mut exec = Execution::start(&program, config);
        let pause = exec.run(args.max_transitions);
        durations.push(started.elapsed());
        if i + 1 == args.repeat {
            last = Some((exec, pause));
        }
    }
    let Some((exec, pause)) = last else { return ExitCode::from(2) };
    let mut result = result_json(exec.status());
    match pause {
        engine::exec::Pause::WaitingForCallbacks(callbacks) => {
            result["waitingFor"] = json!(callbacks);
            result["note"] = json!("The execution waits for SendTaskSuccess/SendTaskFailure; mock these tasks to run it to the end.");
        }
        engine::exec::Pause::BudgetExhausted { transitions } => {
            result["note"] = json!(format!("Stopped after {transitions} state transitions (--max-transitions): the state machine may loop forever."));
        }
        _ => {}
    }
    let printed = match (args.output_only, exec.status()) {
        (true, Status::Succeeded { output }) => output.to_json(),
        _ => result,
    };
    println!("{}", serde_json::to_string(&printed).unwrap_or_default());
    if let Some(path) = &args.history {
        let events: Vec<Value> = exec.history().iter().map(|e| e.to_aws_json()).collect();
        let doc = json!({"events": events, "stateVisits": exec.visits(), "taskCalls": exec.task_calls()});
        if let Err(e) = std::fs::write(path, serde_json::to_string_pretty(&doc).unwrap_or_default()) {
            eprintln!("asl: {path}: {e}");
            return ExitCode::from(2);
        }
    }
    if timed {
        durations.sort();
        let median = durations[durations.len() / 2];
        let min = durations[0];
        let transitions = exec.transitions();
        eprintln!(
            "runs {}  transitions/run {transitions}  median {:.3} ms  min {:.3} ms  transitions/s (median) {:.0}",
            args.repeat,
            median.as_secs_f64() * 1e3,
            min.as_secs_f64() * 1e3,
            transitions as f64 / median.as_secs_f64()
        );
    }
    match exec.status() {
        Status::Succeeded { .. } => ExitCode::SUCCESS,
        _ => ExitCode::from(1),
    }
}

//! The conformance corpus format (`../shared/conformance`): running a case and matching its expectations,
//! with the corpus's wildcard rules (`<*>`). Pure: the caller reads the files.

use serde_json::{json, Map, Value};

use crate::exec::{Config, Execution, Recording, Status};
use crate::mock::Mocks;
use crate::parse::{parse, ParseOptions};

/// The outcome of one case, as the `asl conformance` line: `{"name","status","output"|"error","cause"}`.
pub struct CaseRun {
    pub result: Value,
    /// `{state: [{"event", "resource", …}]}` in call order, comparable with the case's `task_requests`.
    pub task_requests: Value,
}

pub fn run_case(case: &Value) -> CaseRun {
    run_case_recorded(case, Recording::Full)
}

/// `run_case` with the given recording (the outcome must not depend on it).
pub fn run_case_recorded(case: &Value, recording: Recording) -> CaseRun {
    let name = case.get("name").cloned().unwrap_or(Value::Null);
    let error = |message: String| CaseRun {
        result: json!({"name": name, "status": "ERROR", "error": "Simulator.CaseError", "cause": message}),
        task_requests: json!({}),
    };
    let definition = case.get("definition").cloned().unwrap_or(Value::Null);
    let parsed = parse(&definition.to_string(), &ParseOptions::default());
    let Some(machine) = parsed.machine.as_ref().filter(|_| !parsed.has_errors()) else {
        let first = parsed.diagnostics.iter().find(|d| d.is_error()).map(|d| d.message.clone()).unwrap_or_default();
        return error(format!("The definition does not validate: {first}"));
    };
    let mocks = match Mocks::from_inline(case.get("mocks").unwrap_or(&json!({}))) {
        Ok(m) => m,
        Err(e) => return error(e),
    };
    let config = Config { input: case.get("input").map_or_else(crate::value::Value::empty_object, crate::value::Value::from), mocks, recording, ..Config::default() };
    let mut exec = Execution::new(machine, config);
    exec.run(1_000_000);
    let result = match exec.status() {
        Status::Succeeded { output } => json!({"name": name, "status": "SUCCEEDED", "output": output}),
        Status::Failed { error, cause } | Status::TimedOut { error, cause } | Status::Aborted { error, cause } => {
            json!({"name": name, "status": exec.status().name(), "error": error, "cause": cause})
        }
        Status::Running => {
            let waiting = exec.pending_callbacks().into_iter().map(|c| c.state).collect::<Vec<_>>();
            json!({"name": name, "status": "RUNNING", "error": "Simulator.Paused", "cause": format!("The execution is waiting for callbacks from {waiting:?}")})
        }
    };
    let mut requests: Map<String, Value> = Map::new();
    for call in exec.task_calls() {
        let mut r = Map::new();
        r.insert("event".into(), json!(call.event));
        r.insert("resource".into(), json!(call.resource));
        let payload = if call.event == "TaskScheduled" { "parameters" } else { "input" };
        r.insert(payload.into(), call.parameters.to_json());
        if let Some(t) = &call.resource_type {
            r.insert("resourceType".into(), json!(t));
        }
        if let Some(t) = call.timeout_seconds {
            r.insert("timeoutInSeconds".into(), json!(t));
        }
        if let Some(h) = call.heartbeat_seconds {
            r.insert("heartbeatInSeconds".into(), json!(h));
        }
        requests.entry(call.state.clone()).or_insert_with(|| json!([])).as_array_mut().map(|a| a.push(Value::Object(r)));
    }
    CaseRun { result, task_requests: Value::Object(requests) }
}

/// Which parts of a case's expectation a result meets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Status, and output (success) or error (failure).
    pub passed: bool,
    /// The cause matches too (stricter: AWS's exact wording).
    pub cause_passed: bool,
    pub problems: Vec<String>,
}

pub fn check(case: &Value, result: &Value) -> Verdict {
    let expected = &case["expected"];
    let mut problems = Vec::new();
    if result["status"] != expected["status"] {
        problems.push(format!("status: expected {}, got {}", expected["status"], result["status"]));
        return Verdict { passed: false, cause_passed: false, problems };
    }
    if expected["status"] == "SUCCEEDED" {
        value_problems(&expected["output"], &result["output"], "$output", &mut problems);
        let passed = problems.is_empty();
        return Verdict { passed, cause_passed: passed, problems };
    }
    value_problems(&expected["error"], &result["error"], "$error", &mut problems);
    let passed = problems.is_empty();
    let mut cause_problems = Vec::new();
    let mut cause = result["cause"].clone();
    if expected["cause_is_json"] == json!(true) {
        cause = cause.as_str().and_then(|s| serde_json::from_str(s).ok()).unwrap_or(Value::Null);
    }
    value_problems(&expected["cause"], &cause, "$cause", &mut cause_problems);
    let cause_passed = passed && cause_problems.is_empty();
    problems.extend(cause_problems);
    Verdict { passed, cause_passed, problems }
}

/// The corpus's matching rules: `"<*>"` matches anything; `<*>` inside a string matches any substring;
/// objects ignore key order; numbers compare by value.
pub fn value_problems(expected: &Value, actual: &Value, path: &str, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::String(e), _) if e == "<*>" => {}
        (Value::String(e), Value::String(a)) if e.contains("<*>") => {
            if !wildcard_match(e, a) {
                out.push(format!("{path}: {a:?} does not match {e:?}"));
            }
        }
        (Value::Number(e), Value::Number(a)) => {
            if e.as_f64() != a.as_f64() {
                out.push(format!("{path}: expected {e}, got {a}"));
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                out.push(format!("{path}: expected {} elements, got {}", e.len(), a.len()));
                return;
            }
            for (i, (x, y)) in e.iter().zip(a).enumerate() {
                value_problems(x, y, &format!("{path}[{i}]"), out);
            }
        }
        (Value::Object(e), Value::Object(a)) => {
            let missing: Vec<&String> = e.keys().filter(|k| !a.contains_key(*k)).collect();
            let extra: Vec<&String> = a.keys().filter(|k| !e.contains_key(*k)).collect();
            if !missing.is_empty() || !extra.is_empty() {
                out.push(format!("{path}: keys differ (missing {missing:?}, unexpected {extra:?})"));
            }
            for (k, v) in e {
                if let Some(w) = a.get(k) {
                    value_problems(v, w, &format!("{path}.{k}"), out);
                }
            }
        }
        (e, a) => {
            if e != a {
                out.push(format!("{path}: expected {e}, got {a}"));
            }
        }
    }
}

fn wildcard_match(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split("<*>").collect();
    let (first, rest) = (parts[0], &parts[1..]);
    let Some(mut remaining) = text.strip_prefix(first) else { return false };
    for (i, part) in rest.iter().enumerate() {
        if i + 1 == rest.len() {
            return remaining.ends_with(part);
        }
        match remaining.find(part) {
            Some(at) => remaining = &remaining[at + part.len()..],
            None => return false,
        }
    }
    remaining.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        assert!(wildcard_match("arn:<*>:states:<*>", "arn:aws:states:us-east-1"));
        assert!(wildcard_match("<*>", ""));
        assert!(!wildcard_match("a<*>b", "ac"));
        assert!(wildcard_match("a<*>b<*>", "axbyy"));
        let mut p = Vec::new();
        value_problems(&json!({"a": [1, "<*>"]}), &json!({"a": [1.0, {"x": 1}]}), "$", &mut p);
        assert!(p.is_empty(), "{p:?}");
    }
}

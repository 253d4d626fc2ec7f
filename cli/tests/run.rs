//! `asl run`, `asl test` and `asl conformance` as a user (or a CI job) runs them.

use std::process::Command;

use serde_json::{json, Value};

fn asl(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_asl")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().expect("runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn json_line(s: &str) -> Value {
    serde_json::from_str(s.lines().next().unwrap_or("")).unwrap_or(Value::Null)
}

#[test]
fn run_prints_status_and_output() {
    let (code, stdout, _) = asl(&["run", "tests/fixtures/hello.asl.json"]);
    assert_eq!(code, 0);
    assert_eq!(json_line(&stdout), json!({"status": "SUCCEEDED", "output": {"out": {"greeting": "hello"}}}));
}

#[test]
fn run_with_a_mock_config_test_case_and_history() {
    let history = std::env::temp_dir().join(format!("asl-history-{}.json", std::process::id()));
    let (code, stdout, stderr) = asl(&[
        "run", "tests/fixtures/order.asl.json", "--mocks", "tests/fixtures/order.mocks.json", "--test-case", "FlakyThenOk",
        "--history", history.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(json_line(&stdout), json!({"status": "SUCCEEDED", "output": {"charged": true}}));
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&history).unwrap()).unwrap();
    let types: Vec<&str> = doc["events"].as_array().unwrap().iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(types.iter().filter(|t| **t == "TaskScheduled").count(), 2, "a retry: {types:?}");
    assert!(doc["stateVisits"][0]["stages"].as_array().unwrap().iter().any(|s| s["stage"] == "Retry"));
    let _ = std::fs::remove_file(history);
}

#[test]
fn run_failure_exits_one_with_error_and_cause() {
    let (code, stdout, _) = asl(&["run", "tests/fixtures/order.asl.json", "--mocks", "tests/fixtures/order.mocks.json", "--test-case", "Broken"]);
    assert_eq!(code, 1);
    assert_eq!(json_line(&stdout), json!({"status": "FAILED", "error": "PaymentFailed", "cause": "down"}));
}

#[test]
fn run_refuses_invalid_definitions_and_unknown_test_cases() {
    let (code, _, stderr) = asl(&["run", "tests/fixtures/broken-order.asl.json"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("MISSING_TRANSITION_TARGET"), "{stderr}");
    let (code, _, stderr) = asl(&["run", "tests/fixtures/order.asl.json", "--mocks", "tests/fixtures/order.mocks.json", "--test-case", "Nope"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no test case 'Nope'"), "{stderr}");
}

#[test]
fn test_runs_every_case_against_expectations() {
    let (code, stdout, stderr) = asl(&["test", "tests/fixtures/order.mocks.json", "tests/fixtures/order.asl.json", "--expect", "tests/fixtures/order.expect.json"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(stdout.lines().count(), 3);
    assert!(stdout.lines().all(|l| json_line(l)["result"] == "PASS"), "{stdout}");
    assert!(stderr.contains("3 passed, 0 failed"));
}

#[test]
fn conformance_prints_one_line_per_case_then_a_summary() {
    let dir = std::env::temp_dir().join(format!("asl-cases-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let case = json!({
        "name": "demo", "definition": {"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"x": 1}, "End": true}}},
        "input": {}, "mocks": {}, "expected": {"status": "SUCCEEDED", "output": {"x": 1}}
    });
    std::fs::write(dir.join("demo.json"), case.to_string()).unwrap();
    let (code, stdout, _) = asl(&["conformance", dir.to_str().unwrap()]);
    assert_eq!(code, 0);
    let lines: Vec<Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0], json!({"name": "demo", "status": "SUCCEEDED", "output": {"x": 1}}));
    assert_eq!(lines[1]["summary"]["passed"], 1);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn render_draws_every_state_and_transition_even_for_broken_definitions() {
    let (code, stdout, _) = asl(&["render", "../examples/variables-approval/definition.asl.json"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("<svg"));
    for state in ["Record request", "Check policy", "Within limit?", "Ask manager", "Email manager", "Log request", "Notify"] {
        assert!(stdout.contains(&format!("data-state=\"{state}\"")), "{state} missing");
    }
    assert!(stdout.contains(r#"data-from="Within limit?" data-to="Notify""#));
    assert!(stdout.contains("$amount &lt;= $limit"), "rule summary as edge label");
    let (code, stdout, _) = asl(&["render", "tests/fixtures/broken-order.asl.json"]);
    assert_eq!(code, 0, "a broken definition is still drawn");
    assert!(stdout.contains(r#"data-state="Charge""#));
}

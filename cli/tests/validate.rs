//! `asl validate` as a user runs it: output format, JSON, exit statuses.

use std::process::Command;

fn asl(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_asl")).args(args).current_dir(env!("CARGO_MANIFEST_DIR")).output().expect("runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn valid_file_exits_zero() {
    let (code, stdout, stderr) = asl(&["validate", "tests/fixtures/hello.asl.json"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("OK"));
}

#[test]
fn broken_files_say_where_and_why() {
    let (code, stdout, _) = asl(&["validate", "tests/fixtures/broken-order.asl.json", "tests/fixtures/broken-wait.asl.yaml"]);
    assert_eq!(code, 1);
    let expected = [
        "tests/fixtures/broken-order.asl.json:8:23: error SCHEMA_VALIDATION_FAILED The value for the field 'Payload.$' must be a valid JSONPath",
        "tests/fixtures/broken-order.asl.json:13:45: error SCHEMA_VALIDATION_FAILED The field 'NumericGreaterThan' must be a number, but it is a string",
        "tests/fixtures/broken-order.asl.json:13:75: error MISSING_TRANSITION_TARGET Missing 'Next' target: Approve",
        "tests/fixtures/broken-wait.asl.yaml:5:5: error SCHEMA_VALIDATION_FAILED String does not match RFC3339 timestamp",
        "tests/fixtures/broken-wait.asl.yaml:10:3: error MISSING_TRANSITION_TARGET State \"Orphan\" is not reachable.",
    ];
    for line in expected {
        assert!(stdout.lines().any(|l| l.starts_with(line)), "missing {line:?} in\n{stdout}");
    }
}

#[test]
fn json_output() {
    let (code, stdout, _) = asl(&["validate", "--json", "tests/fixtures/broken-order.asl.json"]);
    assert_eq!(code, 1);
    let reports: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let report = &reports[0];
    assert_eq!(report["result"], "FAIL");
    let missing = report["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "MISSING_TRANSITION_TARGET").unwrap();
    assert_eq!(missing["location"], "/States/Charge/Choices/0/Next");
    assert_eq!((missing["line"].as_u64(), missing["column"].as_u64()), (Some(13), Some(75)));
}

#[test]
fn templates_are_checked_machine_by_machine() {
    let (code, stdout, stderr) = asl(&["validate", "--type", "EXPRESS", "tests/fixtures/two-machines.yaml"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("[Good]: OK"), "{stderr}");
    assert!(stdout.contains("[Bad] error SCHEMA_VALIDATION_FAILED Express state machine does not support '.waitForTaskToken'"), "{stdout}");
    let (code, _, _) = asl(&["validate", "--type", "EXPRESS", "--machine", "Good", "tests/fixtures/two-machines.yaml"]);
    assert_eq!(code, 0);
}

#[test]
fn usage_and_unreadable_files_exit_two() {
    assert_eq!(asl(&[]).0, 2);
    assert_eq!(asl(&["validate"]).0, 2);
    assert_eq!(asl(&["validate", "--bogus", "x"]).0, 2);
    assert_eq!(asl(&["frobnicate"]).0, 2);
    let (code, _, stderr) = asl(&["validate", "tests/fixtures/does-not-exist.json"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("does-not-exist.json"));
}

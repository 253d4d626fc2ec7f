//! Runs every conformance case (recorded from real AWS) through the interpreter and checks `error` and
//! `output` (wildcards as in the corpus README) and `task_requests`, and reports the strict `cause` pass
//! rate — for JSONPath-mode cases and for the JSONata and variables cases separately.

mod common;

use engine::conformance::{check, run_case, run_case_recorded, value_problems};
use engine::exec::Recording;

/// Cases that fail for a reason we know and accept, with the reason.
const EXCEPTIONS: &[(&str, &str)] = &[];

/// Recordings made before AWS added `RedriveCount` to the context object's `Execution` (redrive arrived in
/// late 2023; the 2024 recordings have it). We follow today's AWS and drop that one key when comparing these.
const BEFORE_REDRIVE: &[&str] = &["base_scenarios__lambda_invoke_with_retry_extended_input", "base_scenarios__lambda_service_invoke_with_retry_extended_input"];

fn drop_redrive_count(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            m.remove("RedriveCount");
            m.values_mut().for_each(drop_redrive_count);
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(drop_redrive_count),
        _ => {}
    }
}

fn jsonpath_case(case: &serde_json::Value) -> bool {
    let category = case["category"].as_str().unwrap_or("");
    case["features"]["jsonata"] != serde_json::json!(true) && category != "jsonata" && category != "variables"
}

#[test]
fn jsonpath_conformance_cases_pass() {
    run_cases("JSONPath", jsonpath_case);
}

/// Benchmarks and bulk runs record only the outline of the history; a run must end the same either way
/// (in outline, objects nobody else holds are reused, which a full recording never allows).
#[test]
fn outline_recording_changes_no_outcome() {
    let Some(cases) = common::conformance_cases() else { return };
    for (path, case) in &cases {
        let (full, outline) = (run_case(case), run_case_recorded(case, Recording::Outline));
        assert_eq!(outline.result, full.result, "{}", path.display());
    }
}

#[test]
fn jsonata_and_variables_conformance_cases_pass() {
    run_cases("JSONata and variables", |c| !jsonpath_case(c));
}

fn run_cases(label: &str, select: fn(&serde_json::Value) -> bool) {
    let Some(cases) = common::conformance_cases() else { return };
    let (mut total, mut passed, mut cause_passed, mut requests_checked, mut requests_passed) = (0, 0, 0, 0, 0);
    let mut failures = Vec::new();
    for (path, case) in cases.iter().filter(|(_, c)| select(c)) {
        total += 1;
        let name = case["name"].as_str().unwrap_or("");
        let mut run = run_case(case);
        if BEFORE_REDRIVE.contains(&name) {
            drop_redrive_count(&mut run.task_requests);
        }
        let verdict = check(case, &run.result);
        let mut problems = verdict.problems.clone();
        let mut ok = verdict.passed;
        if let Some(expected) = case.get("task_requests").filter(|t| t.as_object().is_some_and(|m| !m.is_empty())) {
            requests_checked += 1;
            let mut req_problems = Vec::new();
            let unordered = case["notes"].to_string().contains("multiset");
            if !unordered {
                value_problems(expected, &run.task_requests, "$task_requests", &mut req_problems);
            }
            if req_problems.is_empty() {
                requests_passed += 1;
            } else {
                ok = false;
                problems.extend(req_problems);
            }
        }
        if ok {
            passed += 1;
        }
        if verdict.cause_passed {
            cause_passed += 1;
        }
        if !ok && !EXCEPTIONS.iter().any(|(n, _)| *n == name) {
            failures.push(format!("{} ({}):\n    {}", name, path.display(), problems.join("\n    ")));
        }
    }
    println!(
        "{label} conformance: {passed}/{total} pass error+output+task_requests ({:.1} %); strict cause {cause_passed}/{total} ({:.1} %); task_requests {requests_passed}/{requests_checked}",
        100.0 * passed as f64 / total as f64,
        100.0 * cause_passed as f64 / total as f64
    );
    assert!(failures.is_empty(), "{} failing cases:\n{}", failures.len(), failures.join("\n"));
}

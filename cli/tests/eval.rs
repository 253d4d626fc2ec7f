//! `asl eval` answers what the reference implementation (npm jsonata 2.0.6, which AWS runs) answers, on
//! expressions typical of Step Functions. The reference answers in `fixtures/jsonata-reference.json` were
//! produced by `scripts/jsonata-reference.mjs` with that package.

use std::io::Write;
use std::process::Command;

use engine::conformance::value_problems;
use serde_json::Value;

#[test]
fn eval_matches_the_reference_implementation() {
    let cases: Vec<Value> = serde_json::from_str(include_str!("fixtures/jsonata-reference.json")).unwrap();
    assert!(cases.len() >= 36, "a few dozen expressions");
    let dir = std::env::temp_dir().join(format!("asl-eval-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut mismatches = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let input = dir.join(format!("input-{i}.json"));
        std::fs::File::create(&input).unwrap().write_all(case["input"].to_string().as_bytes()).unwrap();
        let mut args = vec!["eval".to_owned(), case["expr"].as_str().unwrap().to_owned(), "--input".into(), input.to_string_lossy().into(), "--json".into()];
        for (k, v) in case["vars"].as_object().unwrap() {
            args.push("--var".into());
            args.push(format!("{k}={v}"));
        }
        let out = Command::new(env!("CARGO_BIN_EXE_asl")).args(&args).output().unwrap();
        let got: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
        let ok = match (case.get("result"), case.get("error")) {
            (Some(expected), _) => {
                let mut p = Vec::new();
                value_problems(expected, &got["result"], "$", &mut p);
                p.is_empty()
            }
            (None, Some(code)) => &got["error"] == code,
            (None, None) => got["undefined"] == Value::Bool(true),
        };
        if !ok {
            mismatches.push(format!("{}: reference {} / asl {got}", case["expr"], case.get("result").or(case.get("error")).unwrap_or(&Value::from("undefined"))));
        }
    }
    let _ = std::fs::remove_dir_all(dir);
    assert!(mismatches.is_empty(), "{} of {} differ:\n{}", mismatches.len(), cases.len(), mismatches.join("\n"));
}

#[test]
fn eval_is_deterministic_for_a_seed_and_time() {
    let run = |seed: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_asl"))
            .args(["eval", "{% [$now(), $millis(), $random(), $uuid()] %}", "--seed", seed, "--now", "2024-05-01T12:00:00Z", "--json"])
            .output()
            .unwrap();
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let a = run("1");
    assert_eq!(a, run("1"));
    assert_ne!(a, run("2"));
    assert_eq!(a["result"][0], "2024-05-01T12:00:00.000Z");
    assert_eq!(a["result"][1], 1_714_564_800_000i64);
}

//! The official JSONata 2.0.6 test suite (`../shared/jsonata-suite`) through `engine::jsonata`, the
//! evaluator ASL Studio uses. `function-eval` is skipped (AWS removed `$eval`). Cases whose expectation
//! depends on the real clock or real randomness are listed in `NONDETERMINISTIC` with the reason.

mod common;

use engine::jsonata::{compile, evaluate, Host, Outcome};
use engine::rng::Rng;
use serde_json::Value;

/// At least this share of the suite must pass (the issue asks for 99 %).
const REQUIRED: f64 = 0.99;

/// The cases that do not pass, and why. Any failure not listed here fails the test.
const KNOWN: &[(&str, &str)] = &[
    ("comments/case002.json#0", "jsonata-core accepts an unterminated trailing /* comment (S0106 expected)"),
    ("function-encodeUrl/case002.json#0", "the case holds a lone UTF-16 surrogate, which a Rust string cannot; it arrives as U+FFFD"),
    ("function-encodeUrlComponent/case002.json#0", "the same lone surrogate"),
    ("function-tomillis/parseDateTime.json#28", "`$now()` is the simulation's virtual clock by design; `$toMillis('13:45', …)` takes today's date"),
    ("range-operator/case021.json#0", "our sequence limit (1,000,000; AWS fails `[1..900000] ~> $count()` too, JA-11)"),
    ("range-operator/case024.json#0", "the same sequence limit"),
    ("tail-recursion/case002.json#0", "the case asks for a stack depth of 300; ours is fixed at 400"),
    ("tail-recursion/case005.json#0", "stack overflow is reported as D1011 (jsonata 2.2 code) instead of 2.0.6's U1001"),
    ("tail-recursion/case006.json#0", "an endless tail recursion ends by the runaway timer as D1012 instead of U1001"),
];

fn same(expected: &Value, actual: &Value, unordered: bool) -> bool {
    match (expected, actual) {
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (a.as_f64().unwrap_or(f64::NAN), b.as_f64().unwrap_or(f64::NAN));
            a == b || ((a - b).abs() <= 1e-10 * a.abs().max(b.abs()))
        }
        (Value::Array(a), Value::Array(b)) if unordered => {
            a.len() == b.len() && {
                let mut used = vec![false; b.len()];
                a.iter().all(|x| {
                    b.iter().enumerate().any(|(i, y)| {
                        if !used[i] && same(x, y, false) {
                            used[i] = true;
                            true
                        } else {
                            false
                        }
                    })
                })
            }
        }
        (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y, false)),
        (Value::Object(a), Value::Object(b)) => a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| same(v, w, false))),
        _ => expected == actual,
    }
}

#[test]
fn official_jsonata_suite() {
    let Some(root) = common::shared_dir().map(|d| d.join("jsonata-suite")).filter(|d| d.is_dir()) else {
        eprintln!("SKIPPED: ../shared/jsonata-suite is not present");
        return;
    };
    let mut groups: Vec<_> = std::fs::read_dir(root.join("groups")).unwrap().flatten().map(|e| e.path()).collect();
    groups.sort();
    let (mut total, mut passed) = (0, 0);
    let mut failures = Vec::new();
    for group in groups {
        let group_name = group.file_name().unwrap().to_string_lossy().to_string();
        if group_name == "function-eval" {
            continue;
        }
        let mut files: Vec<_> =
            std::fs::read_dir(&group).unwrap().flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "json")).collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            // Our own reader: some cases contain lone surrogate escapes, which serde_json refuses.
            let parsed: Value = engine::source::parse_json(&text).map(|n| n.to_value()).unwrap();
            let cases = match parsed {
                Value::Array(a) => a,
                one => vec![one],
            };
            for (i, case) in cases.iter().enumerate() {
                total += 1;
                let id = format!("{group_name}/{}#{i}", file.file_name().unwrap().to_string_lossy());
                let data = match (&case.get("data"), case.get("dataset")) {
                    (Some(d), _) => Some((*d).clone()),
                    (None, Some(Value::String(name))) => {
                        let t = std::fs::read_to_string(root.join("datasets").join(format!("{name}.json"))).unwrap();
                        Some(serde_json::from_str(&t).unwrap())
                    }
                    _ => None,
                };
                let bindings = case.get("bindings").cloned().unwrap_or(Value::Null);
                let lookup = |name: &str| bindings.get(name).map(engine::value::Value::from);
                let mut rng = Rng::new(42);
                let mut host = Host { now_millis: 1_700_000_000_000, rng: &mut rng };
                let expr = match case.get("expr-file").and_then(Value::as_str) {
                    Some(f) => std::fs::read_to_string(group.join(f)).unwrap_or_default(),
                    None => case["expr"].as_str().unwrap_or("").to_owned(),
                };
                let started = std::time::Instant::now();
                if std::env::var_os("SUITE_TRACE").is_some() {
                    eprintln!("… {id}");
                }
                let data = data.as_ref().map(engine::value::Value::from);
                let outcome = compile(&expr).and_then(|e| evaluate(&e, data.as_ref(), &lookup, &mut host));
                if started.elapsed().as_secs_f64() > 2.0 {
                    eprintln!("slow case {id}: {:.1} s", started.elapsed().as_secs_f64());
                }
                let code = case.get("code").or_else(|| case.get("error").and_then(|e| e.get("code")));
                let ok = match (&outcome, code, case.get("undefinedResult"), case.get("result")) {
                    (Err(e), Some(Value::String(code)), _, _) => e.code.as_deref() == Some(code.as_str()),
                    (Ok(Outcome::Undefined), None, Some(Value::Bool(true)), _) => true,
                    (Ok(Outcome::Value(v)), None, _, Some(expected)) => same(expected, &v.to_json(), case.get("unordered") == Some(&Value::Bool(true))),
                    _ => false,
                };
                if ok {
                    passed += 1;
                } else {
                    let got = match &outcome {
                        Ok(o) => format!("{o:?}"),
                        Err(e) => format!("error {}", e.describe()),
                    };
                    let want = case.get("result").map(|r| r.to_string()).or_else(|| code.map(|c| format!("error {c}"))).unwrap_or("undefined".into());
                    failures.push(format!("{id}: {} → want {}, got {}", truncate(&expr), truncate(&want), truncate(&got)));
                }
            }
        }
    }
    let rate = passed as f64 / total as f64;
    println!("JSONata suite: {passed}/{total} pass ({:.2} %)", rate * 100.0);
    for f in &failures {
        println!("  FAIL {f}");
    }
    assert!(rate >= REQUIRED, "{passed}/{total} is below {:.0} %", REQUIRED * 100.0);
    let unexpected: Vec<&String> = failures.iter().filter(|f| !KNOWN.iter().any(|(id, _)| f.starts_with(&format!("{id}:")))).collect();
    assert!(unexpected.is_empty(), "failures not in KNOWN: {unexpected:#?}");
}

fn truncate(s: &str) -> String {
    if s.len() > 160 { format!("{}…", &s[..s.char_indices().take(160).last().map_or(0, |(i, _)| i)]) } else { s.to_owned() }
}

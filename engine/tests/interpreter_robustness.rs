//! The interpreter never panics: any definition that parses (valid or not), any input, any mocks.
//! Machines come from a small grammar of ASL states so that most of them are valid and actually run deep.
//!
//! Longer: `PROPTEST_CASES=20000 cargo test --release -p engine --test interpreter_robustness`.

use engine::exec::{Config, Execution, External, Limits};
use engine::mock::Mocks;
use engine::{parse, ParseOptions};
use proptest::prelude::*;
use serde_json::{json, Value};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(500)
}

const PATHS: &[&str] = &["$", "$.a", "$.b[0]", "$.a.b", "$$.Execution.Input", "$.missing", "$..a", "$.b[*]", "$v", "$$.Map.Item.Value"];
const EXPRESSIONS: &[&str] = &[
    "{% $states.input %}", "{% $states.input.a * 2 %}", "{% $v %}", "{% $sum($states.input.b) %}", "{% $states.result %}",
    "{% [1..3] %}", "{% $random() > 0.5 %}", "{% $now() %}", "{% $undefinedFunction() %}", "{% ( %}", "{% $states.input.a = 'x' %}",
    "{% $count($states.input) %}", "{% {'k': $uuid()} %}", "{% function($x){$x} %}",
];
const RESOURCES: &[&str] = &[
    "arn:aws:lambda:us-east-1:1:function:f",
    "arn:aws:states:::lambda:invoke",
    "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
    "arn:aws:states:::states:startExecution.sync:2",
    "arn:aws:states:us-east-1:1:activity:a",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-5i64..5).prop_map(|n| json!(n)),
        Just(json!(2.5)),
        prop::sample::select(&["x", "", "2024-01-01T00:00:00Z", "a*"][..]).prop_map(|s| json!(s)),
    ]
}

fn data() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(&["a", "b", "c"][..]), inner), 0..4)
                .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

/// One state named `S{i}` whose transitions point at other states `S{j}` (j in 0..n).
fn state(n: usize, depth: u32) -> BoxedStrategy<Value> {
    let next = (0..n).prop_map(|j| json!(format!("S{j}")));
    let path = prop::sample::select(PATHS).prop_map(|p| json!(p));
    let simple = prop_oneof![
        (next.clone(), path.clone(), data()).prop_map(|(nx, p, d)| json!({"Type": "Pass", "InputPath": p, "Result": d, "ResultPath": "$.r", "Next": nx})),
        (next.clone(), path.clone()).prop_map(|(nx, p)| json!({"Type": "Pass", "Parameters": {"x.$": p, "f.$": "States.Format('{}', $.a)", "l": 1}, "Assign": {"v.$": "$"}, "Next": nx})),
        (next.clone(), path.clone(), leaf()).prop_map(|(nx, p, v)| json!({"Type": "Choice", "Choices": [{"Variable": p, "StringEquals": "x", "Next": nx.clone()}, {"Not": {"Variable": "$.a", "IsPresent": true}, "Next": nx}], "Default": "End", "Assign": {"w": v}})),
        (next.clone(), 0i64..3).prop_map(|(nx, s)| json!({"Type": "Wait", "Seconds": s, "Next": nx})),
        (next.clone(), path.clone()).prop_map(|(nx, p)| json!({"Type": "Wait", "SecondsPath": p, "Next": nx})),
        (next.clone(), prop::sample::select(RESOURCES), any::<bool>(), 1i64..4).prop_map(|(nx, r, catch, t)| {
            let mut s = json!({"Type": "Task", "Resource": r, "TimeoutSeconds": t + 1, "HeartbeatSeconds": t, "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2, "JitterStrategy": "FULL"}], "Next": nx});
            if catch {
                s["Catch"] = json!([{"ErrorEquals": ["States.ALL"], "ResultPath": "$.err", "Next": "End"}]);
            }
            s
        }),
        path.clone().prop_map(|p| json!({"Type": "Fail", "ErrorPath": p, "Cause": "c"})),
        (next.clone(), prop::sample::select(EXPRESSIONS), prop::sample::select(EXPRESSIONS)).prop_map(|(nx, a, b)| json!({"Type": "Pass", "QueryLanguage": "JSONata", "Assign": {"v": a}, "Output": {"o": b}, "Next": nx})),
        (next.clone(), prop::sample::select(EXPRESSIONS)).prop_map(|(nx, c)| json!({"Type": "Choice", "QueryLanguage": "JSONata", "Choices": [{"Condition": c, "Next": nx}], "Default": "End"})),
        (next.clone(), prop::sample::select(RESOURCES), prop::sample::select(EXPRESSIONS)).prop_map(|(nx, r, e)| json!({"Type": "Task", "QueryLanguage": "JSONata", "Resource": r, "Arguments": {"x": e}, "Output": e, "Catch": [{"ErrorEquals": ["States.ALL"], "Output": "{% $states.errorOutput %}", "Next": nx.clone()}], "Next": nx})),
        (next.clone(), prop::sample::select(EXPRESSIONS)).prop_map(|(nx, e)| json!({"Type": "Map", "QueryLanguage": "JSONata", "Items": e, "ItemProcessor": {"StartAt": "MX", "States": {"MX": {"Type": "Pass", "End": true}}}, "Next": nx})),
    ];
    if depth == 0 {
        return simple.boxed();
    }
    let inner = || {
        (1usize..4).prop_flat_map(move |m| {
            prop::collection::vec(state(m, depth - 1), m).prop_map(move |states| {
                let mut map = serde_json::Map::new();
                for (i, s) in states.into_iter().enumerate() {
                    map.insert(format!("S{i}"), s);
                }
                map.insert("End".into(), json!({"Type": "Succeed"}));
                // Inner names must be unique in the whole machine: prefix them.
                let prefix = format!("D{depth}x");
                let mut renamed = serde_json::to_string(&Value::Object(map)).unwrap().replace("\"End\"", &format!("\"{prefix}End\""));
                for j in 0..m {
                    renamed = renamed.replace(&format!("\"S{j}\""), &format!("\"{prefix}S{j}\""));
                }
                json!({"StartAt": format!("{prefix}S0"), "States": serde_json::from_str::<Value>(&renamed).unwrap()})
            })
        })
    };
    prop_oneof![
        4 => simple,
        1 => (next.clone(), inner(), inner()).prop_map(|(nx, a, b)| json!({"Type": "Parallel", "Branches": [a, b], "Next": nx})),
        1 => (next, inner(), path, 0i64..3, any::<bool>()).prop_map(|(nx, p, items, mc, dist)| {
            let mut processor = p;
            if dist {
                processor["ProcessorConfig"] = json!({"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"});
            }
            json!({"Type": "Map", "ItemsPath": items, "MaxConcurrency": mc, "ToleratedFailureCount": 1, "ItemSelector": {"v.$": "$$.Map.Item.Value"}, "ItemProcessor": processor, "Next": nx})
        }),
    ]
    .boxed()
}

fn machine() -> impl Strategy<Value = Value> {
    (1usize..6).prop_flat_map(|n| prop::collection::vec(state(n, 1), n)).prop_map(|states| {
        let mut map = serde_json::Map::new();
        for (i, s) in states.into_iter().enumerate() {
            map.insert(format!("S{i}"), s);
        }
        map.insert("End".into(), json!({"Type": "Succeed"}));
        json!({"StartAt": "S0", "States": map})
    })
}

fn mocks() -> impl Strategy<Value = Value> {
    let response = prop_oneof![
        data().prop_map(|d| json!({"Return": d})),
        Just(json!({"Throw": {"Error": "E", "Cause": "c"}})),
        Just(json!({"Throw": {}})),
        (0u32..20).prop_map(|d| json!({"Return": {"a": 1}, "Duration": d})),
    ];
    prop::collection::vec((prop::sample::select(&["S0", "S1", "S2", "D1xS0", "D1xS1"][..]), prop::collection::vec(response, 0..4)), 0..4)
        .prop_map(|entries| Value::Object(entries.into_iter().map(|(k, v)| (k.to_owned(), Value::Array(v))).collect()))
}

/// Runs each case on its own thread with a large stack: values may nest up to 1000 levels (AWS's limit),
/// and an unoptimised build's frames for cloning, dropping and serialising such values need more than the
/// 2 MB a test thread has. (Release frames are far smaller; see ARCHITECTURE.md.)
fn exercise(definition: &Value, input: Value, mocks: &Value, seed: u64) {
    let (definition, mocks) = (definition.clone(), mocks.clone());
    let worker = std::thread::Builder::new().stack_size(256 << 20).spawn(move || exercise_on_this_thread(&definition, input, &mocks, seed));
    if let Err(panic) = worker.expect("a test thread").join() {
        std::panic::resume_unwind(panic);
    }
}

fn exercise_on_this_thread(definition: &Value, input: Value, mocks: &Value, seed: u64) {
    let t0 = std::time::Instant::now();
    if std::env::var_os("DUMP_CASE").is_some() {
        let _ = std::fs::write("/tmp/last-case.json", json!({"def": definition, "input": input, "mocks": mocks, "seed": seed}).to_string());
    }
    let parsed = parse(&definition.to_string(), &ParseOptions::default());
    let Some(machine) = parsed.machine else { return };
    if std::env::var_os("REPLAY_VERBOSE").is_some() {
        eprintln!("{:?} parsed", t0.elapsed());
    }
    // AWS's quotas, as the app and the CLI run by default: without them a generated loop may grow its data
    // without bound (e.g. a Map over `$..a` copying nested subtrees each round), which is what `--no-limits`
    // means and is only for benchmarks. The no-limits mode is covered by `degenerate_machines_end_cleanly`.
    let limits = Limits::aws(engine::MachineType::Standard);
    let config = Config { input: input.into(), seed, mocks: Mocks::from_inline(mocks).unwrap_or_default(), limits, max_recorded_bytes: 8 << 20, ..Config::default() };
    let mut exec = Execution::new(&machine, config);
    for round in 0..4 {
        exec.run(400);
        // Answer whatever waits, alternating success, failure and heartbeats, then let timers fire.
        for (i, cb) in exec.pending_callbacks().into_iter().enumerate() {
            let msg = match (round + i) % 3 {
                0 => External::Success { token: cb.token, output: json!({"ok": round}) },
                1 => External::Failure { token: cb.token, error: Some("No".into()), cause: None },
                _ => External::Heartbeat { token: cb.token },
            };
            let _ = exec.send(msg);
        }
        exec.step();
        if std::env::var_os("REPLAY_VERBOSE").is_some() {
            eprintln!("{:?} round {round}: status {} transitions {} events {} children {} visits {}", t0.elapsed(), exec.status().name(), exec.transitions(), exec.history().len(), exec.child_histories().len(), exec.visits().len());
        }
    }
    let verbose = std::env::var_os("REPLAY_VERBOSE").is_some();
    let t = std::time::Instant::now();
    let _ = exec.send(External::Stop { error: None, cause: None });
    if verbose {
        eprintln!("stop {:?}", t.elapsed());
    }
    for e in exec.history() {
        let _ = e.to_aws_json();
    }
    if verbose {
        eprintln!("export {:?}", t.elapsed());
    }
    let _ = serde_json::to_string(exec.visits());
    if verbose {
        eprintln!("visits {:?}", t.elapsed());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn generated_machines_run_without_panicking(def in machine(), input in data(), mocks in mocks(), seed in any::<u64>()) {
        exercise(&def, input, &mocks, seed);
    }

    #[test]
    fn broken_definitions_do_not_panic_either(def in machine(), cut in 0usize..400, seed in any::<u64>()) {
        // Remove one state or one field somewhere: dangling transitions, missing fields.
        let text = def.to_string();
        let cut = cut.min(text.len().saturating_sub(1));
        let mut broken = text.clone();
        if let Some((i, _)) = text.char_indices().find(|(i, c)| *i >= cut && *c == ',') {
            broken.replace_range(i..(i + 1), "}");
        }
        if let Ok(v) = serde_json::from_str::<Value>(&broken) {
            exercise(&v, json!({}), &json!({}), seed);
        }
        exercise(&def, json!("not an object"), &json!({"S0": [{"Return": null}]}), seed);
    }
}

/// Re-runs a case written by `DUMP_CASE=1` (the last one before a crash): `REPLAY_CASE=/tmp/last-case.json
/// cargo test --release -p engine --test interpreter_robustness replay -- --ignored --nocapture`.
#[test]
#[ignore]
fn replay_dumped_case() {
    let path = std::env::var("REPLAY_CASE").unwrap_or_else(|_| "/tmp/last-case.json".into());
    let case: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    exercise(&case["def"], case["input"].clone(), &case["mocks"], case["seed"].as_u64().unwrap());
}

/// Broken shapes the app may try to simulate while the text is being edited: empty scopes, missing starts,
/// unknown types, dangling transitions. They must end with an error, never a panic.
#[test]
fn degenerate_machines_end_cleanly() {
    // With AWS's quotas, a loop that doubles its data ends at the 256 KiB payload limit.
    let doubling = json!({"StartAt": "L", "States": {"L": {"Type": "Pass", "Parameters": {"x.$": "$", "y.$": "$"}, "Next": "L"}}});
    let m = parse(&doubling.to_string(), &ParseOptions::default()).machine.unwrap();
    let mut exec = Execution::new(&m, Config::default());
    exec.run(1_000);
    assert!(matches!(exec.status(), engine::exec::Status::Failed { error: Some(e), .. } if e == "States.DataLimitExceeded"));
    for def in [
        json!({"StartAt": "A", "States": {}}),
        json!({"StartAt": "Nope", "States": {"A": {"Type": "Pass", "End": true}}}),
        json!({"StartAt": "A", "States": {"A": {"Type": "Map", "ItemProcessor": {"StartAt": "X", "States": {}}, "End": true}}}),
        json!({"StartAt": "A", "States": {"A": {"Type": "Parallel", "Branches": [], "End": true}}}),
        json!({"StartAt": "A", "States": {"A": {"Type": "Bogus"}}}),
        json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Gone"}}}),
        json!({"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": []}}}),
        json!({"StartAt": "A", "States": {"A": {"Type": "Task", "End": true}}}),
        json!({"StartAt": "A", "States": {"A": {"Type": "Wait", "End": true}}}),
        json!({"QueryLanguage": "JSONata", "StartAt": "A", "States": {"A": {"Type": "Pass", "Output": "{% ( %}", "End": true}}}),
    ] {
        exercise_on_this_thread(&def, json!({}), &json!({}), 1);
        let parsed = parse(&def.to_string(), &ParseOptions::default());
        if let Some(m) = parsed.machine {
            // Also without quotas (benchmark mode), where these shapes still end.
            let mut unlimited = Execution::new(&m, Config { limits: Limits::none(), ..Config::default() });
            unlimited.run(2_000);
            let mut exec = Execution::new(&m, Config::default());
            exec.run(100);
            assert!(exec.is_finished() || !exec.pending_callbacks().is_empty() || exec.history().len() > 0, "{def}");
        }
    }
}

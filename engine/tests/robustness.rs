//! Parse + validate never panic: on arbitrary bytes, on mutated valid definitions (JSON and YAML), and on
//! random documents built from ASL's own vocabulary so that deep code paths are reached.
//!
//! Run longer with `PROPTEST_CASES=20000 cargo test --release -p engine --test robustness`.

use engine::{analyze, MachineType, Options};
use proptest::prelude::*;
use serde_json::{json, Value};

const SEEDS: &[&str] = &[
    r#"{"Comment":"c","StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f","Payload.$":"$"},"ResultSelector":{"v.$":"States.Format('{}', $.Payload)"},"Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":2,"MaxAttempts":3,"BackoffRate":1.5,"JitterStrategy":"FULL"}],"Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.err","Next":"F"}],"Next":"C"},"C":{"Type":"Choice","Choices":[{"And":[{"Variable":"$.a","NumericGreaterThan":1},{"Not":{"Variable":"$.b","StringMatches":"x*"}}],"Next":"P"}],"Default":"W"},"W":{"Type":"Wait","TimestampPath":"$.t","Next":"P"},"P":{"Type":"Parallel","Branches":[{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","ItemSelector":{"i.$":"$$.Map.Item.Index"},"MaxConcurrency":2,"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}},"End":true}}}],"End":true},"F":{"Type":"Fail","ErrorPath":"$.err.Error"}}}"#,
    r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Arguments":{"QueueUrl":"q","MessageBody":"{% $states.context.Task.Token %}"},"Assign":{"x":"{% $states.result %}"},"Output":"{% $x %}","TimeoutSeconds":"{% 5 %}","Next":"B"},"B":{"Type":"Choice","Choices":[{"Condition":"{% $x > 1 %}","Next":"C","Output":{"a":1}}],"Default":"C"},"C":{"Type":"Succeed"}}}"#,
    "StartAt: A\nStates:\n  A:\n    Type: Wait\n    Seconds: 5\n    Next: B\n  B:\n    Type: Pass\n    Result: {a: [1, 2]}\n    End: true\n",
    "Resources:\n  M:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionSubstitutions: {F: !GetAtt Fn.Arn}\n      Definition:\n        StartAt: A\n        States:\n          A: {Type: Task, Resource: '${F}', End: true}\n  Fn: {Type: AWS::Serverless::Function}\n",
];

/// 1000 cases by default; `PROPTEST_CASES` raises it for a soak.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(1000)
}

fn run(text: &str) {
    for machine_type in [MachineType::Standard, MachineType::Express] {
        let analysis = analyze(text, &Options { machine_type, ..Options::default() });
        // Touch the results so nothing is optimised away, and check each diagnostic is well formed.
        for d in &analysis.diagnostics {
            assert!(!d.message.is_empty());
            if let Some(r) = d.range {
                assert!(r.start.offset <= r.end.offset && r.end.offset <= text.len());
            }
        }
    }
}

/// Byte-level edits of a seed: delete, insert, replace or duplicate a run.
fn mutate(seed: &str, edits: &[(u16, u16, u8, u8)]) -> String {
    let mut bytes = seed.as_bytes().to_vec();
    for &(pos, len, byte, op) in edits {
        if bytes.is_empty() {
            bytes.push(byte);
            continue;
        }
        let pos = pos as usize % bytes.len();
        let end = (pos + (len as usize % 16)).min(bytes.len());
        match op % 4 {
            0 => {
                bytes.drain(pos..end);
            }
            1 => {
                let alphabet = b"{}[]\":,.$ \n-1aeTtn\\%!&*|";
                bytes.insert(pos, alphabet[byte as usize % alphabet.len()]);
            }
            2 => bytes[pos] = byte,
            _ => {
                let run: Vec<u8> = bytes[pos..end].to_vec();
                bytes.splice(pos..pos, run);
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

const KEYS: &[&str] = &[
    "Type", "Next", "End", "StartAt", "States", "Resource", "Parameters", "ResultPath", "InputPath", "OutputPath", "Result",
    "ResultSelector", "Choices", "Default", "Variable", "And", "Or", "Not", "StringEquals", "NumericLessThanPath", "IsPresent",
    "Condition", "Seconds", "Timestamp", "SecondsPath", "Branches", "ItemProcessor", "Iterator", "ProcessorConfig", "Mode",
    "ItemsPath", "Items", "ItemSelector", "ItemReader", "ItemBatcher", "ResultWriter", "MaxConcurrency", "Retry", "Catch",
    "ErrorEquals", "IntervalSeconds", "BackoffRate", "MaxAttempts", "Assign", "Output", "Arguments", "QueryLanguage", "Label",
    "Error", "Cause", "ErrorPath", "TimeoutSeconds", "HeartbeatSeconds", "Credentials", "RoleArn", "x.$", "A", "B",
];
const STRINGS: &[&str] = &[
    "Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map", "A", "B", "$", "$.a", "$$.Map.Item.Value", "$x",
    "$.a[?(@.b > 1)]", "States.Format('{}', $.a)", "States.ALL", "{% $states.input %}", "{% 1 +", "JSONata", "JSONPath",
    "DISTRIBUTED", "arn:aws:states:::lambda:invoke", "2024-01-01T00:00:00Z", "", "$[", "States.Array(States.Array(",
];

fn asl_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-3i64..100).prop_map(|n| json!(n)),
        Just(json!(1.5)),
        prop::sample::select(STRINGS).prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(6, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        run(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn mutated_definitions(seed in prop::sample::select(SEEDS), edits in prop::collection::vec(any::<(u16, u16, u8, u8)>(), 1..6)) {
        run(&mutate(seed, &edits));
    }

    #[test]
    fn random_asl_shaped_documents(states in prop::collection::vec((prop::sample::select(&["A", "B", "C"][..]), asl_value()), 0..4), start in asl_value()) {
        let states: serde_json::Map<String, Value> = states.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        let doc = json!({"StartAt": start, "States": states});
        run(&doc.to_string());
        run(&json!({"StartAt": "A", "States": {"A": doc["States"].clone()}}).to_string());
    }
}

#[test]
fn pathological_inputs_do_not_overflow_the_stack() {
    let deep_json = format!("{}{}", "[".repeat(50_000), "]".repeat(50_000));
    run(&deep_json);
    let deep_yaml = format!("a: {}", "[".repeat(50_000));
    run(&deep_yaml);
    let mut nested = json!({"Type": "Pass", "End": true});
    for _ in 0..300 {
        nested = json!({"Type": "Parallel", "End": true, "Branches": [{"StartAt": "A", "States": {"A": nested}}]});
    }
    run(&json!({"StartAt": "A", "States": {"A": nested}}).to_string());
    let mut rule = json!({"Variable": "$.x", "IsPresent": true});
    for _ in 0..300 {
        rule = json!({"Not": rule});
    }
    run(&json!({"StartAt": "A", "States": {"A": {"Type": "Choice", "Choices": [{"Not": rule, "Next": "A"}]}}}).to_string());
    let filter = format!("$.a[?({}@.b{})]", "(".repeat(5000), ")".repeat(5000));
    run(&json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": filter, "End": true}}}).to_string());
}

//! Interpreter semantics, one line per checklist item (IDs in the test names), through one helper:
//! `check(definition, input, mocks, expected)` where `expected` uses the corpus's `<*>` wildcards.

use engine::conformance::value_problems;
use engine::exec::{Config, Execution, External, Limits, Pause, Recording, Status, Unmocked};
use engine::mock::Mocks;
use engine::{parse, MachineType, ParseOptions};
use serde_json::{json, Value};

const LAMBDA: &str = "arn:aws:lambda:us-east-1:123456789012:function:f";

fn machine(definition: &str) -> engine::asl::StateMachine {
    let text = if definition.trim_start().starts_with('{') && definition.contains("\"States\"") {
        definition.to_owned()
    } else {
        format!(r#"{{"StartAt":"A","States":{{{definition}}}}}"#)
    };
    let parsed = parse(&text, &ParseOptions::default());
    assert!(!parsed.has_errors(), "{:#?}", parsed.diagnostics);
    parsed.machine.unwrap()
}

fn execute(definition: &str, input: Value, mocks: Value, tweak: impl FnOnce(&mut Config)) -> Execution {
    let mut config = Config { input: input.into(), mocks: Mocks::from_inline(&mocks).unwrap(), ..Config::default() };
    tweak(&mut config);
    let mut exec = Execution::new(&machine(definition), config);
    exec.run(100_000);
    exec
}

fn result(exec: &Execution) -> Value {
    match exec.status() {
        Status::Succeeded { output } => json!({"status": "SUCCEEDED", "output": output}),
        Status::Running => json!({"status": "RUNNING"}),
        s @ (Status::Failed { error, cause } | Status::TimedOut { error, cause } | Status::Aborted { error, cause }) => {
            json!({"status": s.name(), "error": error, "cause": cause})
        }
    }
}

/// The one helper: runs `definition` with `input` and `mocks` and matches the result against `expected`.
/// Runs the case with the full recording and with the outline only (as benchmarks do, where objects
/// nobody else holds are reused): both must end as expected.
fn check(definition: &str, input: Value, mocks: Value, expected: Value) {
    for recording in [Recording::Full, Recording::Outline] {
        let exec = execute(definition, input.clone(), mocks.clone(), |c| c.recording = recording);
        let actual = result(&exec);
        let mut problems = Vec::new();
        let filtered: Value = expected.as_object().unwrap().keys().map(|k| (k.clone(), actual.get(k).cloned().unwrap_or(Value::Null))).collect();
        value_problems(&expected, &filtered, "$", &mut problems);
        assert!(problems.is_empty(), "{definition} ({recording:?})\n{problems:?}\nactual: {actual}");
    }
}

fn types(exec: &Execution) -> Vec<&'static str> {
    exec.history().iter().map(|e| e.event_type).collect()
}

fn ok(output: Value) -> Value {
    json!({"status": "SUCCEEDED", "output": output})
}

fn failed(error: &str, cause: &str) -> Value {
    json!({"status": "FAILED", "error": error, "cause": cause})
}

// ---- IO: the JSONPath data flow ----
#[test] fn io_01_task_data_flow_order() { check(&format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","InputPath":"$.in","Parameters":{{"v.$":"$.x"}},"ResultSelector":{{"r.$":"$.out"}},"ResultPath":"$.res","OutputPath":"$.res","End":true}}"#), json!({"in": {"x": 1}, "keep": true}), json!({"A": [{"Return": {"out": 42}}]}), ok(json!({"r": 42}))); }
#[test] fn io_02_pass_without_fields_passes_input() { check(r#""A":{"Type":"Pass","End":true}"#, json!({"a": 1}), json!({}), ok(json!({"a": 1}))); }
#[test] fn io_03_input_path_null_is_empty_object() { check(r#""A":{"Type":"Pass","InputPath":null,"End":true}"#, json!({"a": 1}), json!({}), ok(json!({}))); }
#[test] fn io_03_slice_collects_an_array() { check(r#""A":{"Type":"Pass","InputPath":"$.a[0:2]","End":true}"#, json!({"a": [1, 2, 3]}), json!({}), ok(json!([1, 2]))); }
#[test] fn io_04_missing_input_path_is_runtime() { check(r#""A":{"Type":"Pass","InputPath":"$.x","End":true}"#, json!({}), json!({}), failed("States.Runtime", "An error occurred while executing the state 'A' (entered at the event id #2). Invalid path '$.x' : No results for path: $['x']")); }
#[test] fn io_04_err_05_runtime_is_never_caught() { check(&format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","OutputPath":"$.nope","Catch":[{{"ErrorEquals":["States.Runtime"],"Next":"B"}}],"End":true}},"B":{{"Type":"Succeed"}}"#), json!({}), json!({"A": [{"Return": {}}]}), json!({"status": "FAILED", "error": "States.Runtime"})); }
#[test] fn io_05_literal_keys_stay_literal() { check(r#""A":{"Type":"Pass","Parameters":{"p":"$.x","n":{"q.$":"$.x"}},"End":true}"#, json!({"x": 5}), json!({}), ok(json!({"p": "$.x", "n": {"q": 5}}))); }
#[test]
fn io_05_template_members_keep_the_written_order() {
    // Literal and computed members interleaved: the output lists them as the template does (AWS prints them
    // in that order), whichever of them the state computes.
    let exec = execute(r#""A":{"Type":"Pass","Parameters":{"z":1,"y.$":"$.x","x":{"w":2},"v.$":"States.Format('{}', $.x)"},"End":true}"#, json!({"x": 5}), json!({}), |_| {});
    let Status::Succeeded { output } = exec.status() else { panic!("{:?}", exec.status()) };
    assert_eq!(output.to_string(), r#"{"z":1,"y":5,"x":{"w":2},"v":"5"}"#);
}
#[test]
fn io_05_each_state_builds_its_own_object() {
    // Objects of different shapes and sizes (one large enough for a hash index) in a row, and one kept
    // inside the next: in outline recording each may be built in the memory of the one before last.
    let wide: String = (1..14).map(|i| format!(r#""k{i}":{i},"#)).collect();
    let def = format!(
        r#""A":{{"Type":"Pass","Parameters":{{{wide}"k0.$":"$.x"}},"Next":"B"}},"B":{{"Type":"Pass","Parameters":{{"b.$":"$.k0","lit":1}},"Next":"C"}},"C":{{"Type":"Pass","Parameters":{{"first":0,"c.$":"$.b","last.$":"$.lit"}},"Next":"D"}},"D":{{"Type":"Task","Resource":"{LAMBDA}","Parameters":{{"d.$":"$.c","keep.$":"$"}},"Next":"E"}},"E":{{"Type":"Pass","Parameters":{{{wide}"e.$":"$.d","k.$":"$.keep"}},"End":true}}"#
    );
    let expected = format!(r#"{{{}"e":5,"k":{{"first":0,"c":5,"last":1}}}}"#, wide);
    for recording in [Recording::Full, Recording::Outline] {
        let exec = execute(&def, json!({"x": 5}), json!({}), |c| {
            c.recording = recording;
            c.unmocked = Unmocked::ReturnInput;
        });
        let Status::Succeeded { output } = exec.status() else { panic!("{:?}", exec.status()) };
        assert_eq!(output.to_string(), expected, "{recording:?}");
    }
}
#[test] fn st_task_04_timeout_seconds_path_times_the_call() { check(&format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","TimeoutSecondsPath":"$.t","End":true}}"#), json!({"t": 2}), json!({"A": [{"Return": 1, "Duration": 5}]}), json!({"status": "FAILED", "error": "States.Timeout"})); }
#[test] fn st_task_04_timeout_seconds_path_missing() { check(&format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","TimeoutSecondsPath":"$.t","HeartbeatSecondsPath":"$.h","End":true}}"#), json!({}), json!({}), failed("States.Runtime", "An error occurred while executing the state 'A' (entered at the event id #2). Invalid path '$.t' : No results for path: $['t']")); }
#[test] fn st_task_05_heartbeat_seconds_path_not_positive() { check(&format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","TimeoutSecondsPath":"$.t","HeartbeatSecondsPath":"$.h","End":true}}"#), json!({"t": 9, "h": 0}), json!({}), failed("States.Runtime", "An error occurred while executing the state 'A' (entered at the event id #2). The HeartbeatSecondsPath field refers to value \"0\" which is not a valid positive integer: $.h")); }
#[test] fn io_08_parameters_path_missing() { check(r#""A":{"Type":"Pass","Parameters":{"v.$":"$.nope"},"End":true}"#, json!({"a": 1}), json!({}), failed("States.Runtime", "An error occurred while executing the state 'A' (entered at the event id #2). The JSONPath '$.nope' specified for the field 'v.$' could not be found in the input '{\"a\":1}'")); }
#[test] fn io_09_result_path_merges_into_raw_input() { check(r#""A":{"Type":"Pass","InputPath":"$.a","Result":7,"ResultPath":"$.b.c","End":true}"#, json!({"a": 1}), json!({}), ok(json!({"a": 1, "b": {"c": 7}}))); }
#[test] fn io_09_result_path_null_discards() { check(r#""A":{"Type":"Pass","Result":7,"ResultPath":null,"End":true}"#, json!({"a": 1}), json!({}), ok(json!({"a": 1}))); }
#[test] fn io_11_output_path_null_is_empty_object() { check(r#""A":{"Type":"Pass","OutputPath":null,"End":true}"#, json!({"a": 1}), json!({}), ok(json!({}))); }
#[test] fn io_12_ctx_01_context_object() { check(r#""A":{"Type":"Pass","Parameters":{"name.$":"$$.State.Name","input.$":"$$.Execution.Input","id.$":"$$.Execution.Id"},"End":true}"#, json!({"k": 1}), json!({}), ok(json!({"name": "A", "input": {"k": 1}, "id": "arn:aws:states:<*>:execution:<*>"}))); }
/// CTX-02, CTX-04: every state sees its own name and entry time (the interpreter reuses both while they stay
/// the same, so a stale one would show here), and `State` lists `Name` before `EnteredTime`, as AWS's
/// recorded `$$` does.
#[test]
fn ctx_02_each_state_sees_its_own_name_and_entry_time() {
    let definition = r#""A":{"Type":"Pass","Parameters":{"s.$":"$$.State"},"ResultPath":"$.a","Next":"B"},"B":{"Type":"Pass","Parameters":{"s.$":"$$.State"},"ResultPath":"$.b","Next":"W"},"W":{"Type":"Wait","Seconds":5,"Next":"C"},"C":{"Type":"Pass","Parameters":{"s.$":"$$.State","start.$":"$$.Execution.StartTime"},"ResultPath":"$.c","End":true}"#;
    for recording in [Recording::Full, Recording::Outline] {
        let exec = execute(definition, json!({}), json!({}), |c| c.recording = recording);
        let Status::Succeeded { output } = exec.status() else { panic!("{:?}", result(&exec)) };
        assert_eq!(
            serde_json::to_string(output).unwrap(),
            r#"{"a":{"s":{"Name":"A","EnteredTime":"2024-01-01T00:00:00Z"}},"b":{"s":{"Name":"B","EnteredTime":"2024-01-01T00:00:00Z"}},"c":{"s":{"Name":"C","EnteredTime":"2024-01-01T00:00:05Z"},"start":"2024-01-01T00:00:00Z"}}"#
        );
    }
}
#[test] fn top_08_any_json_is_an_input() { check(r#""A":{"Type":"Pass","End":true}"#, json!("just a string"), json!({}), ok(json!("just a string"))); }

// ---- Pass, Choice, Wait, Succeed, Fail ----
#[test] fn st_pass_02_result_is_never_evaluated() { check(r#""A":{"Type":"Pass","Result":{"x":"$.y"},"End":true}"#, json!({"y": 1}), json!({}), ok(json!({"x": "$.y"}))); }
#[test] fn st_choice_02_first_matching_rule_wins() { check(r#""A":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,"Next":"B"},{"Variable":"$.n","NumericGreaterThan":0,"Next":"C"}]},"B":{"Type":"Pass","Result":"B","End":true},"C":{"Type":"Pass","Result":"C","End":true}"#, json!({"n": 5}), json!({}), ok(json!("B"))); }
#[test] fn st_choice_02_no_match_no_default() { check(r#""A":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericEquals":1,"Next":"B"}]},"B":{"Type":"Succeed"}"#, json!({"n": 5}), json!({}), json!({"status": "FAILED", "error": "States.NoChoiceMatched"})); }
#[test] fn ch_03_and_or_not() { check(r#""A":{"Type":"Choice","Choices":[{"And":[{"Variable":"$.a","BooleanEquals":true},{"Or":[{"Not":{"Variable":"$.b","IsPresent":true}},{"Variable":"$.c","StringEquals":"x"}]}],"Next":"B"}],"Default":"C"},"B":{"Type":"Pass","Result":"B","End":true},"C":{"Type":"Pass","Result":"C","End":true}"#, json!({"a": true, "b": 1, "c": "x"}), json!({}), ok(json!("B"))); }
#[test] fn ch_06_type_mismatch_is_false() { check(r#""A":{"Type":"Choice","Choices":[{"Variable":"$.n","StringEquals":"1","Next":"B"}],"Default":"C"},"B":{"Type":"Pass","Result":"B","End":true},"C":{"Type":"Pass","Result":"C","End":true}"#, json!({"n": 1}), json!({}), ok(json!("C"))); }
#[test] fn ch_07_strings_compare_as_utf16() { check(r#""A":{"Type":"Choice","Choices":[{"Variable":"$.s","StringLessThan":"\uE000","Next":"B"}],"Default":"C"},"B":{"Type":"Pass","Result":"less","End":true},"C":{"Type":"Pass","Result":"not less","End":true}"#, json!({"s": "😀"}), json!({}), ok(json!("less"))); }
#[test] fn ch_09_string_matches_with_escapes() { check(r#""A":{"Type":"Choice","Choices":[{"Variable":"$.s","StringMatches":"log-*.txt\\*","Next":"B"}],"Default":"C"},"B":{"Type":"Pass","Result":"B","End":true},"C":{"Type":"Pass","Result":"C","End":true}"#, json!({"s": "log-2024.txt*"}), json!({}), ok(json!("B"))); }
#[test] fn ch_10_is_present_false_on_missing() { check(r#""A":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":false,"Next":"B"}]},"B":{"Type":"Pass","Result":"absent","End":true}"#, json!({}), json!({}), ok(json!("absent"))); }
#[test] fn ch_11_missing_variable_is_runtime() { check(r#""A":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1,"Next":"B"}]},"B":{"Type":"Succeed"}"#, json!({}), json!({}), failed("States.Runtime", "An error occurred while executing the state 'A' (entered at the event id #2). Invalid path '$.x': The choice state's condition path references an invalid value.")); }
#[test] fn ch_13_timestamps_compare_instants() { check(r#""A":{"Type":"Choice","Choices":[{"Variable":"$.t","TimestampEquals":"2024-01-01T00:00:00Z","Next":"B"}],"Default":"C"},"B":{"Type":"Pass","Result":"same","End":true},"C":{"Type":"Pass","Result":"differs","End":true}"#, json!({"t": "2024-01-01T02:00:00+02:00"}), json!({}), ok(json!("same"))); }
#[test] fn ch_05_path_operand() { check(r#""A":{"Type":"Choice","Choices":[{"Variable":"$.a","NumericLessThanPath":"$.b","Next":"B"}],"Default":"C"},"B":{"Type":"Pass","Result":"B","End":true},"C":{"Type":"Pass","Result":"C","End":true}"#, json!({"a": 1, "b": 2}), json!({}), ok(json!("B"))); }
#[test] fn st_wait_03_negative_seconds_path() { check(r#""A":{"Type":"Wait","SecondsPath":"$.s","End":true}"#, json!({"s": -1}), json!({}), failed("States.Runtime", "An error occurred while executing the state 'A' (entered at the event id #2). The SecondsPath parameter references a negative value: $.s == -1")); }
#[test] fn st_wait_04_bad_timestamp_path() { check(r#""A":{"Type":"Wait","TimestampPath":"$.t","End":true}"#, json!({"t": "2016-12-05 21:29:29"}), json!({}), failed("States.Runtime", "An error occurred while executing the state 'A' (entered at the event id #2). The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.t == 2016-12-05 21:29:29")); }
#[test] fn st_fail_02_error_path_and_intrinsic_cause() { check(r#""A":{"Type":"Fail","ErrorPath":"$.e","CausePath":"States.Format('bad {}', $.n)"}"#, json!({"e": "MyError", "n": 3}), json!({}), failed("MyError", "bad 3")); }
#[test] fn st_fail_04_missing_fields_are_absent() { check(r#""A":{"Type":"Fail","Error":"OnlyError"}"#, json!({}), json!({}), json!({"status": "FAILED", "error": "OnlyError", "cause": null})); }
#[test] fn st_succ_01_output_path() { check(r#""A":{"Type":"Succeed","InputPath":"$.a","OutputPath":"$.b"}"#, json!({"a": {"b": 2}}), json!({}), ok(json!(2))); }

// ---- Errors: Retry and Catch ----
#[test] fn err_07_retry_then_succeed() { check(&format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Retry":[{{"ErrorEquals":["Flaky"],"MaxAttempts":2}}],"End":true}}"#), json!({}), json!({"A": [{"Throw": {"Error": "Flaky"}}, {"Throw": {"Error": "Flaky"}}, {"Return": "third time"}]}), ok(json!("third time"))); }
#[test] fn err_06_max_attempts_zero_never_retries() { check(&format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Retry":[{{"ErrorEquals":["Flaky"],"MaxAttempts":0}}],"End":true}}"#), json!({}), json!({"A": [{"Throw": {"Error": "Flaky", "Cause": "c"}}, {"Return": 1}]}), failed("Flaky", "c")); }
#[test] fn err_07_first_matching_retrier_decides() { check(&format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Retry":[{{"ErrorEquals":["E"],"MaxAttempts":1}},{{"ErrorEquals":["States.ALL"],"MaxAttempts":5}}],"End":true}}"#), json!({}), json!({"A": [{"Throw": {"Error": "E"}}, {"Throw": {"Error": "E"}}, {"Return": "never"}]}), json!({"status": "FAILED", "error": "E"})); }
#[test] fn err_04_task_failed_does_not_match_timeout() { check(&format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Catch":[{{"ErrorEquals":["States.TaskFailed"],"Next":"B"}}],"End":true}},"B":{{"Type":"Succeed"}}"#), json!({}), json!({"A": [{"Throw": {"Error": "States.Timeout"}}]}), json!({"status": "FAILED", "error": "States.Timeout"})); }
#[test] fn err_04_task_failed_matches_custom_errors() { check(&format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Catch":[{{"ErrorEquals":["States.TaskFailed"],"Next":"B"}}],"End":true}},"B":{{"Type":"Succeed"}}"#), json!({}), json!({"A": [{"Throw": {"Error": "Custom.Boom", "Cause": "x"}}]}), ok(json!({"Error": "Custom.Boom", "Cause": "x"}))); }
#[test] fn err_10_catcher_result_path_into_raw_input() { check(&format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","InputPath":"$.in","Catch":[{{"ErrorEquals":["States.ALL"],"ResultPath":"$.err","Next":"B"}}],"End":true}},"B":{{"Type":"Succeed"}}"#), json!({"in": 1, "k": 2}), json!({"A": [{"Throw": {"Error": "E", "Cause": "C"}}]}), ok(json!({"in": 1, "k": 2, "err": {"Error": "E", "Cause": "C"}}))); }
#[test] fn err_10_failure_without_names() { check(&format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Catch":[{{"ErrorEquals":["States.ALL"],"Next":"B"}}],"End":true}},"B":{{"Type":"Succeed"}}"#), json!({}), json!({"A": [{"Throw": {}}]}), ok(json!({"Error": null, "Cause": null}))); }
#[test] fn st_task_13_data_limit_is_catchable() { check(&format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Catch":[{{"ErrorEquals":["States.ALL"],"Next":"B"}}],"End":true}},"B":{{"Type":"Pass","End":true}}"#), json!({}), json!({"A": [{"Return": "x".repeat(262_200)}]}), ok(json!({"Error": "States.DataLimitExceeded", "Cause": "<*>"}))); }
#[test] fn st_pass_05_oversized_output_fails() { check(r#""A":{"Type":"Pass","Parameters":{"a.$":"$.s","b.$":"$.s"},"End":true}"#, json!({"s": "y".repeat(140_000)}), json!({}), json!({"status": "FAILED", "error": "States.DataLimitExceeded"})); }

// ---- Parallel and Map ----
#[test] fn st_par_03_results_in_branch_order() { check(r#""A":{"Type":"Parallel","Branches":[{"StartAt":"X","States":{"X":{"Type":"Wait","Seconds":5,"Next":"X2"},"X2":{"Type":"Pass","Result":1,"End":true}}},{"StartAt":"Y","States":{"Y":{"Type":"Pass","Result":2,"End":true}}}],"End":true}"#, json!({}), json!({}), ok(json!([1, 2]))); }
#[test] fn st_par_05_err_11_branch_error_propagates() { check(r#""A":{"Type":"Parallel","Branches":[{"StartAt":"X","States":{"X":{"Type":"Wait","Seconds":5,"End":true}}},{"StartAt":"Y","States":{"Y":{"Type":"Fail","Error":"FailureType","Cause":"why"}}}],"End":true}"#, json!({}), json!({}), failed("FailureType", "why")); }
#[test] fn st_map_03_items_path_and_selector() { check(r#""A":{"Type":"Map","ItemsPath":"$.items","ItemSelector":{"v.$":"$$.Map.Item.Value","i.$":"$$.Map.Item.Index","k.$":"$.k"},"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}"#, json!({"items": ["a", "b"], "k": 9}), json!({}), ok(json!([{"v": "a", "i": 0, "k": 9}, {"v": "b", "i": 1, "k": 9}]))); }
#[test] fn st_map_08_iteration_error_propagates() { check(r#""A":{"Type":"Map","ItemProcessor":{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"F"}],"Default":"P"},"F":{"Type":"Fail","Error":"Two"},"P":{"Type":"Pass","End":true}}},"End":true}"#, json!([1, 2, 3]), json!({}), json!({"status": "FAILED", "error": "Two"})); }
#[test] fn st_map_09_tolerated_failures() { check(r#""A":{"Type":"Map","ToleratedFailureCount":1,"ItemProcessor":{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"F"}],"Default":"P"},"F":{"Type":"Fail","Error":"Two"},"P":{"Type":"Pass","End":true}}},"End":true}"#, json!([1, 2, 3]), json!({}), ok(json!([1, {"Error": "Two", "Cause": null}, 3]))); }
#[test] fn st_map_09_threshold_exceeded() { check(r#""A":{"Type":"Map","ToleratedFailurePercentage":10,"ItemProcessor":{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E"}}},"End":true}"#, json!([1, 2, 3]), json!({}), failed("States.ExceedToleratedFailureThreshold", "The specified tolerated failure threshold was exceeded")); }
#[test] fn st_map_10_negative_tolerance() { check(r#""A":{"Type":"Map","ToleratedFailureCountPath":"$.n","ItemsPath":"$.i","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}"#, json!({"n": -1, "i": [1]}), json!({}), failed("States.Runtime", "An error occurred while executing the state 'A' (entered at the event id #2). ToleratedFailureCount cannot be negative.")); }
#[test] fn st_map_14_item_batcher() { check(r#""A":{"Type":"Map","ItemBatcher":{"MaxItemsPerBatch":2,"BatchInput":{"k.$":"$.k"}},"ItemsPath":"$.i","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}"#, json!({"i": [1, 2, 3], "k": 0}), json!({}), ok(json!([{"Items": [1, 2], "BatchInput": {"k": 0}}, {"Items": [3], "BatchInput": {"k": 0}}]))); }
#[test] fn st_map_12_item_reader_from_mock() { check(r#""A":{"Type":"Map","ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"},"Parameters":{"Bucket":"b","Key":"k.csv"}},"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}"#, json!({}), json!({"A": [{"Return": "id,name\n1,ann\n2,bob\n"}]}), ok(json!([{"id": "1", "name": "ann"}, {"id": "2", "name": "bob"}]))); }

// ---- Tasks, mocks, timeouts ----
#[test] fn st_task_03_timeout_fires_on_the_virtual_clock() { check(&format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","TimeoutSeconds":5,"End":true}}"#), json!({}), json!({"A": [{"Return": 1, "Duration": 60}]}), json!({"status": "FAILED", "error": "States.Timeout", "cause": null})); }
#[test] fn st_task_05_heartbeat_expiry_is_states_timeout() { check(&format!(r#""A":{{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","HeartbeatSeconds":5,"Parameters":{{"QueueUrl":"q","MessageBody.$":"$$.Task.Token"}},"Catch":[{{"ErrorEquals":["States.HeartbeatTimeout"],"Next":"B"}}],"End":true}},"B":{{"Type":"Succeed"}}"#), json!({}), json!({"A": [{"Return": 1, "Duration": 60}]}), ok(json!({"Error": "States.Timeout", "Cause": ""}))); }
#[test] fn unmocked_tasks_fail_clearly() { check(&format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","End":true}}"#), json!({}), json!({}), failed("Simulator.MissingMock", "No mocked response for call #0 of the Task state 'A' (arn:aws:lambda:us-east-1:123456789012:function:f). Add a mock for it, or let unmocked tasks return their input.")); }
#[test] fn var_05_assignments_take_effect_in_the_next_state() { check(r#""A":{"Type":"Pass","Assign":{"x":1,"y":2},"Next":"B"},"B":{"Type":"Pass","Assign":{"x.$":"$y","y.$":"$x"},"OutputPath":"$x","Next":"C"},"C":{"Type":"Pass","Parameters":{"x.$":"$x","y.$":"$y"},"End":true}"#, json!({"x": "input"}), json!({}), ok(json!({"x": 2, "y": 1}))); }
#[test] fn var_08_branches_read_outer_variables() { check(r#""A":{"Type":"Pass","Assign":{"outer":"o"},"Next":"P"},"P":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Parameters":{"v.$":"$outer"},"End":true}}}],"End":true}"#, json!({}), json!({}), ok(json!([{"v": "o"}]))); }

#[test]
fn err_08_backoff_delays_on_the_virtual_clock() {
    let def = format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Retry":[{{"ErrorEquals":["E"],"IntervalSeconds":2,"BackoffRate":3,"MaxDelaySeconds":10,"MaxAttempts":3}}],"End":true}}"#);
    let exec = execute(&def, json!({}), json!({"A": [{"Throw": {"Error": "E"}}, {"Throw": {"Error": "E"}}, {"Throw": {"Error": "E"}}, {"Return": 1}]}), |_| {});
    let scheduled: Vec<i128> = exec.history().iter().filter(|e| e.event_type == "LambdaFunctionScheduled").map(|e| e.timestamp()).collect();
    let gaps: Vec<i128> = scheduled.windows(2).map(|w| (w[1] - w[0]) / 1_000_000_000).collect();
    assert_eq!(gaps, [2, 6, 10]); // 2, 2×3, min(2×9, 10)
}

#[test]
fn err_08_full_jitter_is_seeded() {
    let def = format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Retry":[{{"ErrorEquals":["E"],"IntervalSeconds":100,"JitterStrategy":"FULL","MaxAttempts":1}}],"End":true}}"#);
    let mocks = json!({"A": [{"Throw": {"Error": "E"}}, {"Return": 1}]});
    let delay = |seed| {
        let exec = execute(&def, json!({}), mocks.clone(), |c| c.seed = seed);
        let t: Vec<i128> = exec.history().iter().filter(|e| e.event_type == "LambdaFunctionScheduled").map(|e| e.timestamp()).collect();
        t[1] - t[0]
    };
    assert_eq!(delay(1), delay(1));
    assert_ne!(delay(1), delay(2));
    assert!(delay(1) <= 100_000_000_000 && delay(3) <= 100_000_000_000);
    // History times are whole milliseconds, as in GetExecutionHistory.
    assert!((1..20).all(|seed| delay(seed) % 1_000_000 == 0));
}

#[test]
fn st_wait_01_a_year_of_waiting_takes_no_time() {
    let started = std::time::Instant::now();
    let exec = execute(r#""A":{"Type":"Wait","Seconds":31449600,"End":true}"#, json!({}), json!({}), |_| {});
    assert!(matches!(exec.status(), Status::Succeeded { .. }));
    let h = exec.history();
    assert_eq!((h.last().unwrap().timestamp() - h[0].timestamp()) / 1_000_000_000, 31_449_600); // 364 days
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn hist_12_task_event_sequences() {
    let exec = execute(&format!(r#""A":{{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{{"FunctionName":"f"}},"End":true}}"#), json!({}), json!({"A": [{"Return": {"Payload": 1}}]}), |_| {});
    assert_eq!(types(&exec), ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"]);
    let scheduled = exec.history()[2].to_aws_json();
    assert_eq!(scheduled["taskScheduledEventDetails"]["resourceType"], "lambda"); // HIST-05
    assert_eq!(scheduled["taskScheduledEventDetails"]["resource"], "invoke");
    assert_eq!(scheduled["taskScheduledEventDetails"]["parameters"], "{\"FunctionName\":\"f\"}");
    assert_eq!(exec.history()[5].to_aws_json()["stateExitedEventDetails"]["output"], "{\"Payload\":1}");
}

#[test]
fn hist_09_map_events_with_max_concurrency_one() {
    let exec = execute(r#""A":{"Type":"Map","MaxConcurrency":1,"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}"#, json!([1, 2]), json!({}), |_| {});
    assert_eq!(
        types(&exec),
        ["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapIterationStarted", "PassStateEntered", "PassStateExited", "MapIterationSucceeded", "MapIterationStarted", "PassStateEntered", "PassStateExited", "MapIterationSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"]
    );
}

#[test]
fn hist_10_distributed_children_have_their_own_histories() {
    let exec = execute(r#""A":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}"#, json!([1, 2]), json!({}), |_| {});
    assert_eq!(types(&exec), ["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"]);
    assert_eq!(exec.child_histories().len(), 2);
    let child: Vec<_> = exec.child_histories()[0].iter().map(|e| e.event_type).collect();
    assert_eq!(child, ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]);
}

#[test]
fn st_task_10_callbacks_pause_and_resume() {
    let def = r#""A":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"QueueUrl":"q","MessageBody":{"token.$":"$$.Task.Token"}},"Next":"B"},"B":{"Type":"Pass","End":true}"#;
    let mut exec = execute(def, json!({}), json!({}), |_| {});
    let Pause::WaitingForCallbacks(waiting) = exec.run(1000) else { panic!("should wait") };
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].state, "A");
    let token = waiting[0].token.clone();
    assert_eq!(exec.task_calls()[0].parameters["MessageBody"]["token"], json!(token));
    assert!(exec.send(External::Success { token: "nope".into(), output: json!(1) }).is_err());
    exec.send(External::Success { token, output: json!({"approved": true}) }).unwrap();
    assert_eq!(exec.run(1000), Pause::Finished);
    assert_eq!(exec.status(), &Status::Succeeded { output: json!({"approved": true}).into() });
    assert!(types(&exec).contains(&"TaskSubmitted"));
}

#[test]
fn st_task_10_callback_failure_and_heartbeat() {
    let def = r#""A":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","HeartbeatSeconds":10,"Parameters":{"QueueUrl":"q","MessageBody.$":"$$.Task.Token"},"End":true}"#;
    let mut exec = execute(def, json!({}), json!({}), |_| {});
    let token = exec.pending_callbacks()[0].token.clone();
    exec.send(External::Heartbeat { token: token.clone() }).unwrap();
    exec.send(External::Failure { token, error: Some("Rejected".into()), cause: Some("no".into()) }).unwrap();
    exec.run(1000);
    assert_eq!(exec.status(), &Status::Failed { error: Some("Rejected".into()), cause: Some("no".into()) });
}

#[test]
fn st_task_05_missed_heartbeat_times_out() {
    let def = r#""A":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","HeartbeatSeconds":10,"Parameters":{"QueueUrl":"q","MessageBody.$":"$$.Task.Token"},"End":true}"#;
    let mut exec = execute(def, json!({}), json!({}), |_| {});
    // Nothing is sent: `run` waits for the caller; stepping lets virtual time reach the heartbeat deadline.
    assert!(matches!(exec.run(1000), Pause::WaitingForCallbacks(_)));
    let events: Vec<&str> = exec.step().iter().map(|e| e.event_type).collect();
    assert_eq!(events, ["TaskTimedOut", "ExecutionFailed"]);
    assert_eq!(exec.status(), &Status::Failed { error: Some("States.Timeout".into()), cause: None });
    assert_eq!((exec.now() - exec.history()[0].timestamp()) / 1_000_000_000, 10);
}

#[test]
fn stop_aborts_running_states() {
    let mut exec = execute(r#""A":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"QueueUrl":"q","MessageBody.$":"$$.Task.Token"},"End":true}"#, json!({}), json!({}), |_| {});
    exec.send(External::Stop { error: Some("User".into()), cause: None }).unwrap();
    assert_eq!(exec.status().name(), "ABORTED");
    assert_eq!(&types(&exec)[types(&exec).len() - 2..], ["TaskStateAborted", "ExecutionAborted"]);
}

#[test]
fn top_05_execution_timeout() {
    let exec = execute(r#"{"TimeoutSeconds":10,"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":60,"End":true}}}"#, json!({}), json!({}), |_| {});
    assert_eq!(exec.status().name(), "TIMED_OUT");
    assert_eq!(&types(&exec)[types(&exec).len() - 2..], ["WaitStateAborted", "ExecutionTimedOut"]);
}

#[test]
fn quota_03_express_five_minute_limit() {
    let exec = execute(r#""A":{"Type":"Wait","Seconds":600,"End":true}"#, json!({}), json!({}), |c| c.machine_type = MachineType::Express);
    assert_eq!(exec.status().name(), "TIMED_OUT");
}

#[test]
fn quota_02_history_limit_for_standard() {
    let def = r#""A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}"#;
    let exec = execute(def, json!({}), json!({}), |_| {});
    let Status::Failed { error, cause } = exec.status() else { panic!("{:?}", exec.status()) };
    assert_eq!(error.as_deref(), Some("States.Runtime"));
    assert!(cause.as_deref().unwrap().contains("25000"));
    // HIST-15: the exact point is not documented; it fails in the step that reaches 25 000 events.
    assert!((25_000..=25_003).contains(&exec.history().len()), "{}", exec.history().len());
}

#[test]
fn step_budget_ends_infinite_loops() {
    let def = r#""A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}"#;
    let mut exec = Execution::new(&machine(def), Config { limits: Limits::none(), ..Config::default() });
    assert_eq!(exec.run(1000), Pause::BudgetExhausted { transitions: 1000 });
    assert_eq!(exec.status(), &Status::Running);
}

#[test]
fn breakpoints_pause_before_the_state() {
    let def = r#""A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}"#;
    let mut exec = Execution::new(&machine(def), Config::default());
    exec.set_breakpoints(["B".to_owned()]);
    assert_eq!(exec.run(100), Pause::Breakpoint { state: "B".into() });
    assert!(!types(&exec).contains(&"PassStateExited") || types(&exec).iter().filter(|t| **t == "PassStateEntered").count() == 1);
    assert_eq!(exec.run(100), Pause::Finished);
}

#[test]
fn unmocked_tasks_can_return_their_input() {
    let exec = execute(&format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Parameters":{{"x.$":"$.y"}},"End":true}}"#), json!({"y": 3}), json!({}), |c| c.unmocked = Unmocked::ReturnInput);
    assert_eq!(exec.status(), &Status::Succeeded { output: json!({"x": 3}).into() });
}

#[test]
fn mock_config_file_ranges_advance_across_retries() {
    let config = json!({"StateMachines": {"M": {"TestCases": {"T": {"A": "R"}}}}, "MockedResponses": {"R": {"0-1": {"Throw": {"Error": "E"}}, "2": {"Return": "ok"}}}});
    let def = format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Retry":[{{"ErrorEquals":["E"]}}],"End":true}}"#);
    let mut exec = Execution::new(&machine(&def), Config { mocks: Mocks::from_config(&config, None, "T").unwrap(), ..Config::default() });
    exec.run(100);
    assert_eq!(exec.status(), &Status::Succeeded { output: json!("ok").into() });
}

#[test]
fn determinism_same_inputs_same_history_bytes() {
    let def = format!(r#""A":{{"Type":"Pass","Parameters":{{"id.$":"States.UUID()","r.$":"States.MathRandom(0, 1000)"}},"Next":"T"}},"T":{{"Type":"Task","Resource":"{LAMBDA}","Retry":[{{"ErrorEquals":["States.ALL"],"JitterStrategy":"FULL"}}],"Next":"M"}},"M":{{"Type":"Map","ItemsPath":"$.items","ItemProcessor":{{"StartAt":"W","States":{{"W":{{"Type":"Wait","SecondsPath":"$","End":true}}}}}},"End":true}}"#);
    let run = |seed| {
        let exec = execute(&def, json!({"items": [3, 1, 2]}), json!({"T": [{"Throw": {"Error": "E"}}, {"Return": {"items": [3, 1, 2]}}]}), |c| c.seed = seed);
        serde_json::to_string(&exec.history().iter().map(|e| e.to_aws_json()).collect::<Vec<_>>()).unwrap()
    };
    assert_eq!(run(7), run(7));
    assert_ne!(run(7), run(8));
}

/// The recording budget counts every recording of a payload at its full size, even when one shared value
/// is recorded again and again (an unchanged input passed along a chain): here exactly ten fit.
#[test]
fn recording_budget_counts_each_recording_of_a_shared_payload() {
    let states: Vec<String> = (0..20).map(|i| format!(r#""{}":{{"Type":"Pass","{}}}"#, if i == 0 { "A".into() } else { format!("S{i}") }, if i == 19 { r#"End":true"#.into() } else { format!(r#"Next":"S{}""#, i + 1) })).collect();
    let input = json!({"data": "x".repeat(1000)});
    let size = input.to_string().len();
    let exec = execute(&states.join(","), input, json!({}), |c| c.max_recorded_bytes = 10 * size + size / 2);
    assert!(exec.recording_truncated());
    let in_history = exec.history().iter().flat_map(|e| e.details()).filter(|(_, d)| matches!(d, engine::history::Detail::Payload(_))).count();
    let in_stages = exec.visits().iter().flat_map(|v| &v.stages).filter(|s| s.value.is_some()).count();
    assert_eq!(in_history + in_stages, 10);
    assert!(exec.history().iter().flat_map(|e| e.details()).any(|(_, d)| matches!(d, engine::history::Detail::Truncated)));
}

/// Inside `run`, a call that takes no virtual time completes within the happening that made it when
/// nothing else is due; `step` always goes through the agenda. Both must record the same history, with
/// branches interleaving, a retry, a call that takes time and an unmocked call.
#[test]
fn run_and_step_record_the_same_history() {
    let task = |next: &str| format!(r#"{{"Type":"Task","Resource":"{LAMBDA}","Retry":[{{"ErrorEquals":["States.ALL"],"IntervalSeconds":1}}],{next}}}"#);
    let def = format!(
        r#""A":{{"Type":"Parallel","Branches":[{{"StartAt":"X","States":{{"X":{},"B":{}}}}},{{"StartAt":"C","States":{{"C":{}}}}}],"Next":"D"}},"D":{}"#,
        task(r#""Next":"B""#),
        task(r#""End":true"#),
        task(r#""End":true"#),
        task(r#""End":true"#)
    );
    let mocks = json!({"X": [{"Throw": {"Error": "E"}}, {"Return": 1}], "B": [{"Return": 2, "Duration": 2}], "C": [{"Return": 3}]});
    let config = || Config { mocks: Mocks::from_inline(&mocks).unwrap(), unmocked: Unmocked::ReturnInput, ..Config::default() };
    let m = machine(&def);
    let events = |exec: &Execution| exec.history().iter().map(|e| e.to_aws_json()).collect::<Vec<_>>();
    let mut ran = Execution::new(&m, config());
    assert_eq!(ran.run(1_000), Pause::Finished);
    let mut stepped = Execution::new(&m, config());
    while !stepped.is_finished() && !stepped.step().is_empty() {}
    assert!(matches!(stepped.status(), Status::Succeeded { .. }), "{:?}", stepped.status());
    assert_eq!(events(&stepped), events(&ran));
}

/// `run` lets a transition skip the agenda when nothing else is due; stopping it after every state (the
/// budget), or alternating it with `step`, must not change the order of anything.
#[test]
fn runs_cut_short_record_the_same_history() {
    let task = |next: &str| format!(r#"{{"Type":"Task","Resource":"{LAMBDA}","Retry":[{{"ErrorEquals":["States.ALL"],"IntervalSeconds":1}}],{next}}}"#);
    let def = format!(
        r#""A":{{"Type":"Parallel","Branches":[{{"StartAt":"X","States":{{"X":{},"B":{}}}}},{{"StartAt":"C","States":{{"C":{}}}}}],"Next":"M"}},"M":{{"Type":"Map","MaxConcurrency":2,"ItemsPath":"$$.Execution.Input.items","ItemProcessor":{{"StartAt":"I","States":{{"I":{{"Type":"Pass","Next":"J"}},"J":{}}}}},"Next":"D"}},"D":{}"#,
        task(r#""Next":"B""#),
        task(r#""End":true"#),
        task(r#""End":true"#),
        task(r#""End":true"#),
        task(r#""End":true"#)
    );
    let mocks = json!({"X": [{"Throw": {"Error": "E"}}, {"Return": 1}], "B": [{"Return": 2, "Duration": 2}], "C": [{"Return": 3}], "J": [{"Return": 4}, {"Return": 5, "Duration": 1}, {"Return": 6}]});
    let config = || Config { mocks: Mocks::from_inline(&mocks).unwrap(), unmocked: Unmocked::ReturnInput, input: json!({"items": [1, 2, 3]}).into(), ..Config::default() };
    let m = machine(&def);
    let events = |exec: &Execution| exec.history().iter().map(|e| e.to_aws_json()).collect::<Vec<_>>();
    let mut whole = Execution::new(&m, config());
    assert_eq!(whole.run(1_000), Pause::Finished);
    assert!(matches!(whole.status(), Status::Succeeded { .. }), "{:?}", whole.status());
    let mut cut = Execution::new(&m, config());
    while cut.run(1) != Pause::Finished {}
    assert_eq!(events(&cut), events(&whole), "run(1) until finished");
    let mut mixed = Execution::new(&m, config());
    for turn in 0.. {
        if mixed.is_finished() {
            break;
        }
        if turn % 2 == 0 {
            mixed.run(1);
        } else {
            mixed.step();
        }
    }
    assert_eq!(events(&mixed), events(&whole), "run(1) and step in turn");
}

#[test]
fn replay_to_n_equals_stepping_to_n() {
    let def = r#""A":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","Parameters":{"QueueUrl":"q","MessageBody.$":"$$.Task.Token"},"Next":"P"},"P":{"Type":"Parallel","Branches":[{"StartAt":"X","States":{"X":{"Type":"Wait","Seconds":3,"End":true}}},{"StartAt":"Y","States":{"Y":{"Type":"Pass","End":true}}}],"End":true}"#;
    let m = machine(def);
    let mut live = Execution::new(&m, Config::default());
    live.run(100);
    let token = live.pending_callbacks()[0].token.clone();
    live.send(External::Success { token, output: json!({"ok": 1}) }).unwrap();
    live.run(100);
    let full: Vec<_> = live.history().iter().map(|e| e.to_aws_json()).collect();
    for n in [1, 4, 7, full.len()] {
        let replayed = Execution::replay(&m, Config::default(), live.externals(), n);
        let prefix: Vec<_> = replayed.history().iter().take(n).map(|e| e.to_aws_json()).collect();
        assert_eq!(prefix, full[..n.min(full.len())], "replay to {n}");
    }
}

// ---- JSONata states and variables (issue 5) ----
#[test] fn ja_05_states_input_and_output() { check(r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":{"twice":"{% $states.input.n * 2 %}","name":"{% $states.context.State.Name %}"},"End":true}}}"#, json!({"n": 21}), json!({}), ok(json!({"twice": 42, "name": "A"}))); }
#[test] fn ja_12_task_arguments_and_result() { check(&format!(r#"{{"QueryLanguage":"JSONata","StartAt":"A","States":{{"A":{{"Type":"Task","Resource":"{LAMBDA}","Arguments":{{"x":"{{% $states.input.a %}}"}},"Output":"{{% $states.result.v + 1 %}}","End":true}}}}}}"#), json!({"a": 1}), json!({"A": [{"Return": {"v": 41}}]}), ok(json!(42))); }
#[test] fn ja_13_assign_and_output_see_the_same_variables() { check(r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"x":1},"Next":"B"},"B":{"Type":"Pass","Assign":{"x":"{% $x + 1 %}"},"Output":"{% $x %}","Next":"C"},"C":{"Type":"Pass","Output":"{% [$states.input, $x] %}","End":true}}}"#, json!({}), json!({}), ok(json!([1, 2]))); }
#[test] fn ch_14_jsonata_conditions() { check(r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Choice","Choices":[{"Condition":"{% $states.input.n > 10 %}","Next":"B","Output":"big"}],"Default":"B","Output":"small"},"B":{"Type":"Succeed"}}}"#, json!({"n": 11}), json!({}), ok(json!("big"))); }
#[test] fn ja_07_non_boolean_condition() { check(r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Choice","Choices":[{"Condition":"{% $states.input.n %}","Next":"B"}]},"B":{"Type":"Succeed"}}}"#, json!({"n": 1}), json!({}), failed("States.QueryEvaluationError", "An error occurred while executing the state 'A' (entered at the event id #2). The JSONata expression '$states.input.n' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was 'number' for value: 1")); }
#[test] fn ja_14_jsonata_catcher_output() { check(&format!(r#"{{"QueryLanguage":"JSONata","StartAt":"A","States":{{"A":{{"Type":"Task","Resource":"{LAMBDA}","Catch":[{{"ErrorEquals":["States.ALL"],"Output":"{{% $states.errorOutput.Error & '!' %}}","Next":"B"}}],"End":true}},"B":{{"Type":"Succeed"}}}}}}"#), json!({}), json!({"A": [{"Throw": {"Error": "Boom"}}]}), ok(json!("Boom!"))); }
#[test] fn st_map_04_jsonata_items_and_selector() { check(r#"{"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","Items":"{% $states.input.xs %}","ItemSelector":{"v":"{% $states.context.Map.Item.Value * 10 %}","i":"{% $states.context.Map.Item.Index %}"},"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}"#, json!({"xs": [1, 2]}), json!({}), ok(json!([{"v": 10, "i": 0}, {"v": 20, "i": 1}]))); }
#[test] fn var_09_variables_have_a_size_limit() { check(r#""A":{"Type":"Pass","Assign":{"big.$":"$.s"},"End":true}"#, json!({"s": "z".repeat(270_000)}), json!({}), json!({"status": "FAILED", "error": "States.DataLimitExceeded"})); }

#[test]
fn ja_09_now_and_millis_read_the_virtual_clock() {
    let def = r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"t0":"{% $millis() %}"},"Next":"W"},"W":{"Type":"Wait","Seconds":90,"Next":"B"},"B":{"Type":"Pass","Output":{"elapsed":"{% $millis() - $t0 %}","now":"{% $now() %}"},"End":true}}}"#;
    let exec = execute(def, json!({}), json!({}), |_| {});
    assert_eq!(exec.status(), &Status::Succeeded { output: json!({"elapsed": 90_000, "now": "2024-01-01T00:01:30.000Z"}).into() });
}

#[test]
fn ja_09_random_and_uuid_follow_the_seed() {
    let def = r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":{"r":"{% $random() %}","u":"{% $uuid() %}","s":"{% $shuffle([1,2,3,4,5,6]) %}"},"End":true}}}"#;
    let output = |seed| match execute(def, json!({}), json!({}), |c| c.seed = seed).status() {
        Status::Succeeded { output } => output.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(output(3), output(3));
    assert_ne!(output(3)["u"], output(4)["u"]);
}

#[test]
fn ja_08_query_errors_record_evaluation_failed() {
    let exec = execute(r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":{"x":"{% $nope %}"},"End":true}}}"#, json!({}), json!({}), |_| {});
    assert_eq!(types(&exec), ["ExecutionStarted", "PassStateEntered", "EvaluationFailed", "ExecutionFailed"]);
    let details = exec.history()[2].to_aws_json()["evaluationFailedEventDetails"].clone();
    assert_eq!(details["location"], "Output/x");
    assert_eq!(details["state"], "A");
}

#[test]
fn jsonata_data_flow_stages_are_recorded() {
    let def = format!(r#"{{"QueryLanguage":"JSONata","StartAt":"A","States":{{"A":{{"Type":"Task","Resource":"{LAMBDA}","Arguments":{{"q":"{{% $states.input.q %}}"}},"Assign":{{"seen":"{{% $states.result %}}"}},"Output":"{{% $states.result.n %}}","End":true}}}}}}"#);
    let exec = execute(&def, json!({"q": 1}), json!({"A": [{"Return": {"n": 5}}]}), |_| {});
    let stages: Vec<&str> = exec.visits()[0].stages.iter().map(|s| s.stage).collect();
    assert_eq!(stages, ["Input", "AfterArguments", "Mock", "Result", "Assign", "Output"]);
    let exited = exec.history().iter().find(|e| e.event_type == "TaskStateExited").unwrap().to_aws_json();
    assert_eq!(exited["stateExitedEventDetails"]["assignedVariables"]["seen"], "{\"n\":5}"); // VAR-12
}

/// WebAssembly pages have a 1 MB stack. A machine that nests its data one level per loop iteration must end
/// with the 1000-level error (never a stack overflow) on a 1 MB thread, history export included. Optimised
/// builds only: unoptimised frames are several times larger than what runs in the page.
#[test]
#[cfg_attr(debug_assertions, ignore)]
fn deep_values_fit_a_one_megabyte_stack() {
    let def = r#""A":{"Type":"Pass","Parameters":{"x.$":"$"},"Next":"A"}"#;
    let m = machine(def);
    let worker = std::thread::Builder::new().stack_size(1 << 20).spawn(move || {
        let mut exec = Execution::new(&m, Config { limits: Limits::none(), ..Config::default() });
        exec.run(5_000);
        let exported: Vec<Value> = exec.history().iter().map(|e| e.to_aws_json()).collect();
        let text = serde_json::to_string(&exported).unwrap();
        // Values are not `Send`: only the error and cause leave the thread.
        let Status::Failed { error, cause } = exec.status().clone() else { panic!("{:?}", exec.status()) };
        (error, cause, text.len())
    });
    let (error, cause, _) = worker.unwrap().join().expect("no stack overflow");
    assert_eq!(error.as_deref(), Some("States.Runtime"));
    assert!(cause.unwrap().contains("nested more than 1000 levels"));
}

#[test]
fn apigateway_header_check_applies_in_both_languages() {
    let expected = |def: &str| {
        let exec = execute(def, json!({}), json!({}), |_| {});
        let Status::Failed { error, cause } = exec.status() else { panic!("{:?}", exec.status()) };
        assert_eq!(error.as_deref(), Some("States.Runtime"));
        assert!(cause.as_deref().unwrap().contains("[The value of the field 'Headers' has an invalid format]"));
    };
    expected(r#""A":{"Type":"Task","Resource":"arn:aws:states:::apigateway:invoke","Parameters":{"ApiEndpoint":"e","Method":"GET","Headers":{"h":"single"}},"End":true}"#);
    expected(r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::apigateway:invoke","Arguments":{"ApiEndpoint":"e","Method":"GET","Headers":{"h":"single"}},"End":true}}}"#);
}

//! One invalid definition per static rule of the checklist (VAL-*, and the per-state rules they cite), each
//! paired with the nearest valid variant. A case is one line: `rule!(name, invalid, CODE, pointer, valid)`.
//!
//! Definitions starting with `{` are whole machines; otherwise they are the body of `States`, with `StartAt: "A"`.

use engine::{analyze, Diagnostic, MachineType, Options, Severity};

fn definition(text: &str) -> String {
    let t = text.trim_start();
    if t.is_empty() || t.starts_with('{') || t.starts_with('[') { text.to_owned() } else { format!(r#"{{"StartAt":"A","States":{{{text}}}}}"#) }
}

fn diagnostics(text: &str, machine_type: MachineType) -> Vec<Diagnostic> {
    analyze(&definition(text), &Options { machine_type, ..Options::default() }).diagnostics
}

/// The invalid definition reports `code` at `pointer` (with `severity`); the valid one reports no error at all.
fn check(invalid: &str, code: &str, pointer: &str, valid: &str, machine_type: MachineType, severity: Severity) {
    let found = diagnostics(invalid, machine_type);
    assert!(
        found.iter().any(|d| d.code == code && d.pointer == pointer && d.severity == severity),
        "expected {severity:?} {code} at '{pointer}' for {invalid}\n got: {found:#?}"
    );
    let errors: Vec<_> = diagnostics(valid, machine_type).into_iter().filter(|d| d.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "the valid variant {valid} got errors: {errors:#?}");
    if severity == Severity::Warning {
        assert!(!diagnostics(valid, machine_type).iter().any(|d| d.code == code), "the valid variant still warns {code}");
    }
}

macro_rules! rule {
    ($name:ident, $bad:expr, $code:literal, $ptr:literal, $good:expr) => {
        #[test]
        fn $name() {
            check($bad, $code, $ptr, $good, MachineType::Standard, Severity::Error);
        }
    };
    ($name:ident, express, $bad:expr, $code:literal, $ptr:literal, $good:expr) => {
        #[test]
        fn $name() {
            check($bad, $code, $ptr, $good, MachineType::Express, Severity::Error);
        }
    };
    ($name:ident, warning, $bad:expr, $code:literal, $ptr:literal, $good:expr) => {
        #[test]
        fn $name() {
            check($bad, $code, $ptr, $good, MachineType::Standard, Severity::Warning);
        }
    };
}

const PASS_END: &str = r#""A":{"Type":"Pass","End":true}"#;
const LAMBDA: &str = "arn:aws:lambda:us-east-1:123456789012:function:f";

// VAL-04: unparsable JSON.
rule!(val_04_invalid_json, r#"{"StartAt": "A", "States": {"#, "INVALID_JSON_DESCRIPTION", "", PASS_END);
// VAL-05 / TOP-01: required top-level fields; an empty definition.
rule!(val_05_top_01_required_fields, r#"{"Comment":"x"}"#, "SCHEMA_VALIDATION_FAILED", "", PASS_END);
rule!(val_05_top_01_missing_start_at, r#"{"States":{"A":{"Type":"Pass","End":true}}}"#, "SCHEMA_VALIDATION_FAILED", "", PASS_END);
rule!(val_05_top_01_empty_definition, " ", "SCHEMA_VALIDATION_FAILED", "", PASS_END);
rule!(val_05_top_01_not_an_object, "[1, 2]", "SCHEMA_VALIDATION_FAILED", "", PASS_END);
// VAL-06 / TOP-02 / ST-COM-06: every transition target exists in the same scope.
rule!(val_06_start_at_missing, r#"{"StartAt":"B","States":{"A":{"Type":"Pass","End":true}}}"#, "MISSING_TRANSITION_TARGET", "/StartAt", PASS_END);
rule!(val_06_next_missing, r#""A":{"Type":"Pass","Next":"B"}"#, "MISSING_TRANSITION_TARGET", "/States/A/Next", r#""A":{"Type":"Pass","Next":"B"},"B":{"Type":"Succeed"}"#);
rule!(val_06_default_missing, r#""A":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"B"}],"Default":"C"},"B":{"Type":"Succeed"}"#, "MISSING_TRANSITION_TARGET", "/States/A/Default", r#""A":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"B"}],"Default":"B"},"B":{"Type":"Succeed"}"#);
rule!(val_06_choice_rule_next_missing, r#""A":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"C"}],"Default":"B"},"B":{"Type":"Succeed"}"#, "MISSING_TRANSITION_TARGET", "/States/A/Choices/0/Next", r#""A":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"B"}],"Default":"B"},"B":{"Type":"Succeed"}"#);
rule!(val_06_catch_next_missing, &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Catch":[{{"ErrorEquals":["States.ALL"],"Next":"Z"}}],"End":true}}"#), "MISSING_TRANSITION_TARGET", "/States/A/Catch/0/Next", &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Catch":[{{"ErrorEquals":["States.ALL"],"Next":"Z"}}],"End":true}},"Z":{{"Type":"Fail"}}"#));
rule!(val_06_next_into_a_branch, r#""A":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"Next":"B"}"#, "MISSING_TRANSITION_TARGET", "/States/A/Next", r#""A":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"Next":"C"},"C":{"Type":"Succeed"}"#);
rule!(val_06_next_out_of_a_processor, r#""A":{"Type":"Map","ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Pass","Next":"A"}}},"End":true}"#, "MISSING_TRANSITION_TARGET", "/States/A/ItemProcessor/States/B/Next", r#""A":{"Type":"Map","ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}},"End":true}"#);
// VAL-07: every state is reachable from its scope's StartAt.
rule!(val_07_unreachable, r#""A":{"Type":"Pass","End":true},"B":{"Type":"Succeed"}"#, "MISSING_TRANSITION_TARGET", "/States/B", r#""A":{"Type":"Pass","Next":"B"},"B":{"Type":"Succeed"}"#);
rule!(val_07_unreachable_in_branch, r#""A":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true},"C":{"Type":"Pass","End":true}}}],"End":true}"#, "MISSING_TRANSITION_TARGET", "/States/A/Branches/0/States/C", r#""A":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Next":"C"},"C":{"Type":"Pass","End":true}}}],"End":true}"#);
// VAL-08: a scope needs a terminal state.
rule!(val_08_no_terminal_state, r#""A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}"#, "MISSING_END_STATE", "", r#""A":{"Type":"Pass","Next":"B"},"B":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"A"}],"Default":"C"},"C":{"Type":"Succeed"}"#);
rule!(val_08_no_terminal_in_branch, r#""A":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","Next":"B"}}}],"End":true}"#, "MISSING_END_STATE", "/States/A/Branches/0", r#""A":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"End":true}"#);
// VAL-09 / TOP-09: unique state names in the whole machine; at most 80 characters.
rule!(val_09_duplicate_in_same_scope, r#""A":{"Type":"Pass","End":true},"A":{"Type":"Pass","End":true}"#, "DUPLICATE_STATE_NAME", "/States/A", PASS_END);
rule!(val_09_duplicate_across_scopes, r#""A":{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}],"End":true}"#, "DUPLICATE_STATE_NAME", "/States/A/Branches/0/States/A", r#""A":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"End":true}"#);
#[test]
fn val_09_name_too_long() {
    let named = |n: usize| format!(r#"{{"StartAt":"{x}","States":{{"{x}":{{"Type":"Succeed"}}}}}}"#, x = "x".repeat(n));
    check(&named(81), "INVALID_STATE_NAME", &format!("/States/{}", "x".repeat(81)), &named(80), MachineType::Standard, Severity::Error);
}
// VAL-10 / ST-COM-01 / ST-COM-04: Type enum; Next/End rules.
rule!(val_10_bad_type, r#""A":{"Type":"pass","End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Type", PASS_END);
rule!(val_10_missing_type, r#""A":{"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A", PASS_END);
rule!(val_10_both_next_and_end, r#""A":{"Type":"Pass","Next":"B","End":true},"B":{"Type":"Succeed"}"#, "SCHEMA_VALIDATION_FAILED", "/States/A", r#""A":{"Type":"Pass","Next":"B"},"B":{"Type":"Succeed"}"#);
rule!(val_10_neither_next_nor_end, r#""A":{"Type":"Pass"}"#, "SCHEMA_VALIDATION_FAILED", "/States/A", PASS_END);
rule!(val_10_end_false_needs_next, r#""A":{"Type":"Pass","End":false}"#, "SCHEMA_VALIDATION_FAILED", "/States/A", PASS_END);
rule!(val_10_succeed_with_next, r#""A":{"Type":"Succeed","Next":"A"}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Next", r#""A":{"Type":"Succeed"}"#);
rule!(val_10_fail_with_end, r#""A":{"Type":"Fail","End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/End", r#""A":{"Type":"Fail"}"#);
// VAL-11 / ST-COM-07/08/09 / JA-04: field applicability by type and query language.
rule!(val_11_timeout_on_parallel, r#""A":{"Type":"Parallel","TimeoutSeconds":5,"Branches":[{"StartAt":"B","States":{"B":{"Type":"Succeed"}}}],"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/TimeoutSeconds", r#""A":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Succeed"}}}],"End":true}"#);
rule!(val_11_retry_on_pass, r#""A":{"Type":"Pass","Retry":[],"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Retry", PASS_END);
rule!(val_11_unknown_field, r#""A":{"Type":"Pass","Nxt":"A","End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Nxt", PASS_END);
rule!(val_11_output_in_jsonpath, r#""A":{"Type":"Pass","Output":{},"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Output", r#""A":{"Type":"Pass","QueryLanguage":"JSONata","Output":{},"End":true}"#);
rule!(val_11_input_path_in_jsonata, r#""A":{"Type":"Pass","QueryLanguage":"JSONata","InputPath":"$.x","End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/InputPath", r#""A":{"Type":"Pass","InputPath":"$.x","End":true}"#);
rule!(val_11_result_path_on_wait, r#""A":{"Type":"Wait","Seconds":1,"ResultPath":"$.x","End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/ResultPath", r#""A":{"Type":"Wait","Seconds":1,"OutputPath":"$.x","End":true}"#);
rule!(val_11_arguments_on_map, r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Map","Arguments":{},"ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}}}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Arguments", r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Map","Items":"{% $states.input %}","ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}}}"#);
rule!(st_com_03_query_language_on_processor, r#""A":{"Type":"Map","ItemProcessor":{"QueryLanguage":"JSONata","StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/ItemProcessor/QueryLanguage", r#""A":{"Type":"Map","ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed","QueryLanguage":"JSONata"}}},"End":true}"#);
rule!(top_10_unknown_top_level_field, r#"{"StartAt":"A","Stats":{},"States":{"A":{"Type":"Succeed"}}}"#, "SCHEMA_VALIDATION_FAILED", "/Stats", r#"{"StartAt":"A","Comment":"c","Version":"1.0","TimeoutSeconds":5,"States":{"A":{"Type":"Succeed"}}}"#);
// VAL-12: mutually exclusive fields.
rule!(val_12_timeout_and_path, &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","TimeoutSeconds":5,"TimeoutSecondsPath":"$.t","End":true}}"#), "SCHEMA_VALIDATION_FAILED", "/States/A", &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","TimeoutSecondsPath":"$.t","End":true}}"#));
rule!(val_12_heartbeat_and_path, &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","HeartbeatSeconds":5,"HeartbeatSecondsPath":"$.t","End":true}}"#), "SCHEMA_VALIDATION_FAILED", "/States/A", &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","HeartbeatSeconds":5,"End":true}}"#));
rule!(val_12_wait_two_durations, r#""A":{"Type":"Wait","Seconds":1,"SecondsPath":"$.s","End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A", r#""A":{"Type":"Wait","SecondsPath":"$.s","End":true}"#);
rule!(val_12_wait_no_duration, r#""A":{"Type":"Wait","End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A", r#""A":{"Type":"Wait","TimestampPath":"$.t","End":true}"#);
rule!(val_12_error_and_error_path, r#""A":{"Type":"Fail","Error":"E","ErrorPath":"$.e"}"#, "SCHEMA_VALIDATION_FAILED", "/States/A", r#""A":{"Type":"Fail","Error":"E","CausePath":"$.c"}"#);
rule!(val_12_iterator_and_processor, r#""A":{"Type":"Map","Iterator":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"ItemProcessor":{"StartAt":"C","States":{"C":{"Type":"Succeed"}}},"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A", r#""A":{"Type":"Map","Iterator":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#);
rule!(val_12_item_selector_and_parameters, r#""A":{"Type":"Map","ItemSelector":{},"Parameters":{},"ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A", r#""A":{"Type":"Map","Parameters":{"v.$":"$$.Map.Item.Value"},"ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#);
rule!(val_12_max_concurrency_and_path, r#""A":{"Type":"Map","MaxConcurrency":1,"MaxConcurrencyPath":"$.m","ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A", r#""A":{"Type":"Map","MaxConcurrency":1,"ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#);
rule!(val_12_tolerated_count_and_path, r#""A":{"Type":"Map","ToleratedFailureCount":1,"ToleratedFailureCountPath":"$.m","ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A", r#""A":{"Type":"Map","ToleratedFailureCountPath":"$.m","ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#);
// VAL-13: types and ranges.
rule!(val_13_task_timeout_zero, &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","TimeoutSeconds":0,"End":true}}"#), "SCHEMA_VALIDATION_FAILED", "/States/A/TimeoutSeconds", &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","TimeoutSeconds":1,"End":true}}"#));
rule!(val_13_heartbeat_not_below_timeout, &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","TimeoutSeconds":5,"HeartbeatSeconds":5,"End":true}}"#), "SCHEMA_VALIDATION_FAILED", "/States/A/HeartbeatSeconds", &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","TimeoutSeconds":5,"HeartbeatSeconds":4,"End":true}}"#));
rule!(val_13_top_timeout_negative, r#"{"StartAt":"A","TimeoutSeconds":-1,"States":{"A":{"Type":"Succeed"}}}"#, "SCHEMA_VALIDATION_FAILED", "/TimeoutSeconds", r#"{"StartAt":"A","TimeoutSeconds":99999999,"States":{"A":{"Type":"Succeed"}}}"#);
rule!(val_13_interval_zero, &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Retry":[{{"ErrorEquals":["E"],"IntervalSeconds":0}}],"End":true}}"#), "SCHEMA_VALIDATION_FAILED", "/States/A/Retry/0/IntervalSeconds", &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Retry":[{{"ErrorEquals":["E"],"IntervalSeconds":1}}],"End":true}}"#));
rule!(val_13_max_attempts_negative, &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Retry":[{{"ErrorEquals":["E"],"MaxAttempts":-1}}],"End":true}}"#), "SCHEMA_VALIDATION_FAILED", "/States/A/Retry/0/MaxAttempts", &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Retry":[{{"ErrorEquals":["E"],"MaxAttempts":0}}],"End":true}}"#));
rule!(val_13_backoff_below_one, &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Retry":[{{"ErrorEquals":["E"],"BackoffRate":0.5}}],"End":true}}"#), "SCHEMA_VALIDATION_FAILED", "/States/A/Retry/0/BackoffRate", &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Retry":[{{"ErrorEquals":["E"],"BackoffRate":1}}],"End":true}}"#));
rule!(val_13_max_delay_too_big, &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Retry":[{{"ErrorEquals":["E"],"MaxDelaySeconds":31622401}}],"End":true}}"#), "SCHEMA_VALIDATION_FAILED", "/States/A/Retry/0/MaxDelaySeconds", &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Retry":[{{"ErrorEquals":["E"],"MaxDelaySeconds":31622400}}],"End":true}}"#));
rule!(val_13_jitter_enum, &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Retry":[{{"ErrorEquals":["E"],"JitterStrategy":"HALF"}}],"End":true}}"#), "SCHEMA_VALIDATION_FAILED", "/States/A/Retry/0/JitterStrategy", &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Retry":[{{"ErrorEquals":["E"],"JitterStrategy":"FULL"}}],"End":true}}"#));
rule!(val_13_max_concurrency_negative, r#""A":{"Type":"Map","MaxConcurrency":-1,"ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/MaxConcurrency", r#""A":{"Type":"Map","MaxConcurrency":0,"ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#);
rule!(val_13_tolerated_percentage_range, r#""A":{"Type":"Map","ToleratedFailurePercentage":100.1,"ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/ToleratedFailurePercentage", r#""A":{"Type":"Map","ToleratedFailurePercentage":1.1,"ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#);
rule!(val_13_wait_seconds_is_a_string, r#""A":{"Type":"Wait","Seconds":"5","End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Seconds", r#""A":{"Type":"Wait","Seconds":5,"End":true}"#);
rule!(val_13_wait_seconds_fraction, r#""A":{"Type":"Wait","Seconds":1.5,"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Seconds", r#""A":{"Type":"Wait","Seconds":2,"End":true}"#);
rule!(val_13_st_wait_04_timestamp_literal, r#""A":{"Type":"Wait","Timestamp":"2016-03-14 01:59:00Z","End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Timestamp", r#""A":{"Type":"Wait","Timestamp":"2016-03-14T01:59:00Z","End":true}"#);
rule!(val_13_end_is_a_string, r#""A":{"Type":"Pass","End":"true"}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/End", PASS_END);
rule!(val_13_comment_is_a_number, r#""A":{"Type":"Pass","Comment":1,"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Comment", r#""A":{"Type":"Pass","Comment":"1","End":true}"#);
rule!(val_13_ch_05_numeric_operand_type, r#""A":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":"1","Next":"B"}]},"B":{"Type":"Succeed"}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Choices/0/NumericEquals", r#""A":{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":1,"Next":"B"}]},"B":{"Type":"Succeed"}"#);
rule!(val_13_ch_12_is_operand_boolean, r#""A":{"Type":"Choice","Choices":[{"Variable":"$.x","IsNull":"true","Next":"B"}]},"B":{"Type":"Succeed"}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Choices/0/IsNull", r#""A":{"Type":"Choice","Choices":[{"Variable":"$.x","IsNull":false,"Next":"B"}]},"B":{"Type":"Succeed"}"#);
rule!(val_13_ch_13_timestamp_operand, r#""A":{"Type":"Choice","Choices":[{"Variable":"$.x","TimestampEquals":"yesterday","Next":"B"}]},"B":{"Type":"Succeed"}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Choices/0/TimestampEquals", r#""A":{"Type":"Choice","Choices":[{"Variable":"$.x","TimestampEquals":"2024-01-01T00:00:00Z","Next":"B"}]},"B":{"Type":"Succeed"}"#);
// VAL-14 / CH-01..03: Choice structure.
rule!(val_14_choices_empty, r#""A":{"Type":"Choice","Choices":[],"Default":"B"},"B":{"Type":"Succeed"}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Choices", r#""A":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"B"}],"Default":"B"},"B":{"Type":"Succeed"}"#);
rule!(val_14_top_rule_needs_next, r#""A":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true}],"Default":"B"},"B":{"Type":"Succeed"}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Choices/0", r#""A":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"B"}],"Default":"B"},"B":{"Type":"Succeed"}"#);
rule!(val_14_nested_rule_has_next, r#""A":{"Type":"Choice","Choices":[{"Not":{"Variable":"$.x","IsPresent":true,"Next":"B"},"Next":"B"}]},"B":{"Type":"Succeed"}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Choices/0/Not/Next", r#""A":{"Type":"Choice","Choices":[{"Not":{"Variable":"$.x","IsPresent":true},"Next":"B"}]},"B":{"Type":"Succeed"}"#);
rule!(val_14_two_operators, r#""A":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"IsNull":false,"Next":"B"}]},"B":{"Type":"Succeed"}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Choices/0", r#""A":{"Type":"Choice","Choices":[{"And":[{"Variable":"$.x","IsPresent":true},{"Variable":"$.x","IsNull":false}],"Next":"B"}]},"B":{"Type":"Succeed"}"#);
rule!(val_14_and_empty, r#""A":{"Type":"Choice","Choices":[{"And":[],"Next":"B"}]},"B":{"Type":"Succeed"}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Choices/0/And", r#""A":{"Type":"Choice","Choices":[{"Or":[{"Variable":"$.x","IsPresent":true}],"Next":"B"}]},"B":{"Type":"Succeed"}"#);
rule!(val_14_not_is_an_array, r#""A":{"Type":"Choice","Choices":[{"Not":[{"Variable":"$.x","IsPresent":true}],"Next":"B"}]},"B":{"Type":"Succeed"}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Choices/0/Not", r#""A":{"Type":"Choice","Choices":[{"Not":{"Variable":"$.x","IsPresent":true},"Next":"B"}]},"B":{"Type":"Succeed"}"#);
rule!(val_14_comparison_with_boolean, r#""A":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Not":{"Variable":"$.y","IsPresent":true},"Next":"B"}]},"B":{"Type":"Succeed"}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Choices/0", r#""A":{"Type":"Choice","Choices":[{"Not":{"Variable":"$.y","IsPresent":true},"Next":"B"}]},"B":{"Type":"Succeed"}"#);
rule!(val_14_no_operator, r#""A":{"Type":"Choice","Choices":[{"Variable":"$.x","Next":"B"}]},"B":{"Type":"Succeed"}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Choices/0", r#""A":{"Type":"Choice","Choices":[{"Variable":"$.x","StringMatches":"a*","Next":"B"}]},"B":{"Type":"Succeed"}"#);
rule!(ch_14_variable_in_jsonata, r#""A":{"Type":"Choice","QueryLanguage":"JSONata","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"B"}]},"B":{"Type":"Succeed"}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Choices/0/Variable", r#""A":{"Type":"Choice","QueryLanguage":"JSONata","Choices":[{"Condition":"{% $exists($states.input.x) %}","Next":"B"}]},"B":{"Type":"Succeed"}"#);
// VAL-15 / ERR-03: ErrorEquals, States.ALL, catcher Next.
rule!(val_15_error_equals_empty, &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Retry":[{{"ErrorEquals":[]}}],"End":true}}"#), "SCHEMA_VALIDATION_FAILED", "/States/A/Retry/0/ErrorEquals", &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Retry":[{{"ErrorEquals":["States.TaskFailed"]}}],"End":true}}"#));
rule!(val_15_states_all_not_last, &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Retry":[{{"ErrorEquals":["States.ALL"]}},{{"ErrorEquals":["E"]}}],"End":true}}"#), "SCHEMA_VALIDATION_FAILED", "/States/A/Retry/0/ErrorEquals", &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Retry":[{{"ErrorEquals":["E"]}},{{"ErrorEquals":["States.ALL"]}}],"End":true}}"#));
rule!(val_15_states_all_not_alone, &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Catch":[{{"ErrorEquals":["E","States.ALL"],"Next":"B"}}],"End":true}},"B":{{"Type":"Fail"}}"#), "SCHEMA_VALIDATION_FAILED", "/States/A/Catch/0/ErrorEquals", &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Catch":[{{"ErrorEquals":["E","F"],"Next":"B"}}],"End":true}},"B":{{"Type":"Fail"}}"#));
rule!(val_15_catcher_needs_next, &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Catch":[{{"ErrorEquals":["E"]}}],"End":true}}"#), "SCHEMA_VALIDATION_FAILED", "/States/A/Catch/0", &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Catch":[{{"ErrorEquals":["E"],"Next":"A"}}],"End":true}}"#));
// VAL-16 / IO-07 / INT-02: path and intrinsic syntax.
rule!(val_16_input_path_syntax, r#""A":{"Type":"Pass","InputPath":"foo","End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/InputPath", r#""A":{"Type":"Pass","InputPath":"$.foo[0:2]","End":true}"#);
rule!(val_16_result_path_context, r#""A":{"Type":"Pass","ResultPath":"$$.x","End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/ResultPath", r#""A":{"Type":"Pass","ResultPath":null,"End":true}"#);
rule!(val_16_result_path_not_reference, r#""A":{"Type":"Pass","ResultPath":"$.a[*]","End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/ResultPath", r#""A":{"Type":"Pass","ResultPath":"$.a['b c']","End":true}"#);
rule!(val_16_var_11_result_path_variable, r#""A":{"Type":"Pass","ResultPath":"$x","End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/ResultPath", r#""A":{"Type":"Pass","Assign":{"x.$":"$"},"End":true}"#);
rule!(val_16_items_path_null, r#""A":{"Type":"Map","ItemsPath":null,"ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/ItemsPath", r#""A":{"Type":"Map","ItemsPath":"$$.Execution.Input.items","ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#);
rule!(val_16_variable_not_reference, r#""A":{"Type":"Choice","Choices":[{"Variable":"$.a[*]","IsPresent":true,"Next":"B"}]},"B":{"Type":"Succeed"}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Choices/0/Variable", r#""A":{"Type":"Choice","Choices":[{"Variable":"$v.a[0]","IsPresent":true,"Next":"B"}]},"B":{"Type":"Succeed"}"#);
rule!(val_16_io_07_dollar_value, r#""A":{"Type":"Pass","Parameters":{"x.$":"foo"},"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Parameters/x.$", r#""A":{"Type":"Pass","Parameters":{"x.$":"$.foo"},"End":true}"#);
rule!(val_16_int_02_intrinsic_arity, r#""A":{"Type":"Pass","Parameters":{"x.$":"States.UUID(1)"},"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Parameters/x.$", r#""A":{"Type":"Pass","Parameters":{"x.$":"States.UUID()"},"End":true}"#);
rule!(val_16_int_02_unknown_intrinsic, r#""A":{"Type":"Pass","Parameters":{"n":{"x.$":"States.Concat($.a)"}},"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Parameters/n/x.$", r#""A":{"Type":"Pass","Parameters":{"n":{"x.$":"States.Format('{}', $.a)"}},"End":true}"#);
rule!(val_16_int_04_nesting_limit, &format!(r#""A":{{"Type":"Pass","Parameters":{{"x.$":"{}1{}"}},"End":true}}"#, "States.Array(".repeat(11), ")".repeat(11)), "SCHEMA_VALIDATION_FAILED", "/States/A/Parameters/x.$", &format!(r#""A":{{"Type":"Pass","Parameters":{{"x.$":"{}1{}"}},"End":true}}"#, "States.Array(".repeat(10), ")".repeat(10)));
rule!(val_16_io_05_duplicate_after_strip, r#""A":{"Type":"Pass","Parameters":{"x":1,"x.$":"$.x"},"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Parameters/x.$", r#""A":{"Type":"Pass","Parameters":{"y":1,"x.$":"$.x"},"End":true}"#);
rule!(val_16_st_fail_02_error_path, r#""A":{"Type":"Fail","ErrorPath":"$.e[*]"}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/ErrorPath", r#""A":{"Type":"Fail","ErrorPath":"States.Format('E{}', $.e)"}"#);
rule!(val_16_seconds_path_syntax, r#""A":{"Type":"Wait","SecondsPath":"$.s..t","End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/SecondsPath", r#""A":{"Type":"Wait","SecondsPath":"$.s.t","End":true}"#);
// VAL-17 / ST-PAR-01: Parallel branches.
rule!(val_17_branches_empty, r#""A":{"Type":"Parallel","Branches":[],"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Branches", r#""A":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Succeed"}}}],"End":true}"#);
rule!(val_17_branch_without_start_at, r#""A":{"Type":"Parallel","Branches":[{"States":{"B":{"Type":"Succeed"}}}],"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Branches/0", r#""A":{"Type":"Parallel","Branches":[{"StartAt":"B","Comment":"c","States":{"B":{"Type":"Succeed"}}}],"End":true}"#);
// VAL-18 / ST-MAP-*: Map structure.
rule!(val_18_map_without_processor, r#""A":{"Type":"Map","End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A", r#""A":{"Type":"Map","ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#);
rule!(val_18_mode_enum, r#""A":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"PARALLEL"},"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/ItemProcessor/ProcessorConfig/Mode", r#""A":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#);
rule!(val_18_distributed_needs_execution_type, r#""A":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/ItemProcessor/ProcessorConfig", r#""A":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#);
rule!(val_18_st_map_14_batcher_needs_a_max, r#""A":{"Type":"Map","ItemBatcher":{"BatchInput":{}},"ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/ItemBatcher", r#""A":{"Type":"Map","ItemBatcher":{"MaxItemsPerBatch":10,"BatchInput":{}},"ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#);
rule!(val_18_st_map_15_writer_combination, r#""A":{"Type":"Map","ResultWriter":{"Resource":"arn:aws:states:::s3:putObject"},"ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/ResultWriter", r#""A":{"Type":"Map","ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"b","Prefix":"p"}},"ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#);
rule!(val_18_st_map_12_reader_enum, r#""A":{"Type":"Map","ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"XML"}},"ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/ItemReader/ReaderConfig/InputType", r#""A":{"Type":"Map","ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW"}},"ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#);
rule!(val_18_st_map_16_label_characters, r#""A":{"Type":"Map","Label":"my label","ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#, "INVALID_LABEL_NAME", "/States/A/Label", r#""A":{"Type":"Map","Label":"my-label","ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#);
rule!(val_18_st_map_16_label_unique, r#""A":{"Type":"Map","Label":"L","ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"Next":"C"},"C":{"Type":"Map","Label":"L","ItemProcessor":{"StartAt":"D","States":{"D":{"Type":"Succeed"}}},"End":true}"#, "DUPLICATE_LABEL_NAME", "/States/C/Label", r#""A":{"Type":"Map","Label":"L","ItemProcessor":{"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"Next":"C"},"C":{"Type":"Map","Label":"M","ItemProcessor":{"StartAt":"D","States":{"D":{"Type":"Succeed"}}},"End":true}"#);
// VAL-19 / ST-TASK-01 / ST-TASK-06 / ST-TASK-12: Task resources and credentials; Express restrictions.
rule!(val_19_task_needs_resource, r#""A":{"Type":"Task","End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A", &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","End":true}}"#));
rule!(val_19_st_task_01_unrecognized_api, r#""A":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:query","End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Resource", r#""A":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:dynamodb:query","End":true}"#);
rule!(val_19_st_task_01_not_an_arn, r#""A":{"Type":"Task","Resource":"my-function","End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Resource", r#""A":{"Type":"Task","Resource":"arn:aws:states:us-east-1:123456789012:activity:worker","End":true}"#);
rule!(val_19_sdk_has_no_sync, r#""A":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:getObject.sync","End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Resource", r#""A":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:getObject.waitForTaskToken","End":true}"#);
rule!(val_19_st_task_06_credentials_role, &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Credentials":{{"Role":"x"}},"End":true}}"#), "SCHEMA_VALIDATION_FAILED", "/States/A/Credentials", &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","Credentials":{{"RoleArn.$":"$.role"}},"End":true}}"#));
rule!(val_19_st_task_12_express_sync, express, r#""A":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2","End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Resource", r#""A":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution","End":true}"#);
rule!(val_19_st_task_12_express_callback, express, r#""A":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Resource", r#""A":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","End":true}"#);
rule!(val_19_st_task_12_express_activity, express, r#""A":{"Type":"Task","Resource":"arn:aws:states:us-east-1:123456789012:activity:a","End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Resource", &format!(r#""A":{{"Type":"Task","Resource":"{LAMBDA}","End":true}}"#));
rule!(val_19_st_map_02_express_distributed, express, r#""A":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/ItemProcessor/ProcessorConfig/Mode", r#""A":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}"#);
// VAL-20 / TOP-07: QueryLanguage values and the JSONata-machine rule.
rule!(val_20_top_07_jsonpath_in_jsonata_machine, r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","QueryLanguage":"JSONPath","End":true}}}"#, "SCHEMA_VALIDATION_FAILED", "/States/A", r#"{"StartAt":"A","States":{"A":{"Type":"Pass","QueryLanguage":"JSONata","End":true}}}"#);
rule!(val_20_query_language_value, r#"{"QueryLanguage":"jsonata","StartAt":"A","States":{"A":{"Type":"Succeed"}}}"#, "SCHEMA_VALIDATION_FAILED", "/QueryLanguage", r#"{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Succeed"}}}"#);
// VAL-21 / JA-02: JSONata delimiters.
rule!(val_21_ja_02_unclosed_expression, r#""A":{"Type":"Pass","QueryLanguage":"JSONata","Output":{"x":"{% $states.input "},"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Output/x", r#""A":{"Type":"Pass","QueryLanguage":"JSONata","Output":{"x":"{% $states.input %}"},"End":true}"#);
// VAL-22 / VAR-03: variable names.
rule!(val_22_var_03_states_is_reserved, r#""A":{"Type":"Pass","Assign":{"states":1},"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Assign/states", r#""A":{"Type":"Pass","Assign":{"state":1},"End":true}"#);
rule!(val_22_var_03_identifier, r#""A":{"Type":"Pass","Assign":{"1x.$":"$"},"End":true}"#, "SCHEMA_VALIDATION_FAILED", "/States/A/Assign/1x.$", r#""A":{"Type":"Pass","Assign":{"x1.$":"$"},"End":true}"#);
// VAL-23: the 1 MB definition quota.
rule!(val_23_definition_too_large, &format!(r#"{{"Comment":"{}","StartAt":"A","States":{{"A":{{"Type":"Succeed"}}}}}}"#, "x".repeat(1_048_600)), "SCHEMA_VALIDATION_FAILED", "", &format!(r#"{{"Comment":"{}","StartAt":"A","States":{{"A":{{"Type":"Succeed"}}}}}}"#, "x".repeat(1000)));
// VAL-24: warnings.
rule!(val_24_no_dollar, warning, r#""A":{"Type":"Pass","Parameters":{"x":"$.x"},"End":true}"#, "NO_DOLLAR", "/States/A/Parameters/x", r#""A":{"Type":"Pass","Parameters":{"x.$":"$.x"},"End":true}"#);
rule!(val_24_no_path, warning, r#""A":{"Type":"Fail","Error":"$.error"}"#, "NO_PATH", "/States/A/Error", r#""A":{"Type":"Fail","ErrorPath":"$.error"}"#);
rule!(val_24_pass_result_is_static, warning, r#""A":{"Type":"Pass","Result":{"x":"$.x"},"End":true}"#, "PASS_RESULT_IS_STATIC", "/States/A/Result", r#""A":{"Type":"Pass","Parameters":{"x.$":"$.x"},"End":true}"#);

#[test]
fn diagnostics_carry_text_ranges() {
    let text = "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"Next\": \"Nope\"}\n  }\n}";
    let analysis = analyze(text, &Options::default());
    let d = analysis.diagnostics.iter().find(|d| d.code == "MISSING_TRANSITION_TARGET").expect("diagnostic");
    let range = d.range.expect("range");
    assert_eq!((range.start.line, range.start.column), (4, 27));
    assert_eq!(&text[range.start.offset..range.end.offset], "\"Next\": \"Nope\"");
}

#[test]
fn all_problems_are_reported_not_only_the_first() {
    let text = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"X"},"B":{"Type":"Wait","End":true},"C":{"Type":"Bogus"}}}"#;
    let codes: Vec<_> = analyze(text, &Options::default()).diagnostics.into_iter().map(|d| (d.code, d.pointer)).collect();
    for expected in [
        ("MISSING_TRANSITION_TARGET", "/States/A/Next"),
        ("SCHEMA_VALIDATION_FAILED", "/States/B"),
        ("SCHEMA_VALIDATION_FAILED", "/States/C/Type"),
    ] {
        assert!(codes.iter().any(|(c, p)| *c == expected.0 && p == expected.1), "{expected:?} missing from {codes:?}");
    }
}

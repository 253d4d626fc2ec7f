//! Parsing ASL from JSON, YAML and CloudFormation/SAM templates, with diagnostics located in the original text.

use engine::{analyze, parse, Options, ParseOptions};
use serde_json::json;

fn definition_of(text: &str, machine: Option<&str>) -> serde_json::Value {
    let parsed = parse(text, &ParseOptions { machine: machine.map(str::to_owned) });
    assert!(!parsed.has_errors(), "{:#?}", parsed.diagnostics);
    parsed.definition.expect("a definition")
}

#[test]
fn asl_yaml() {
    let text = "Comment: YAML form\nStartAt: Hello\nStates:\n  Hello:\n    Type: Pass\n    Result:\n      greeting: hi\n    End: true\n";
    assert_eq!(
        definition_of(text, None),
        json!({"Comment": "YAML form", "StartAt": "Hello", "States": {"Hello": {"Type": "Pass", "Result": {"greeting": "hi"}, "End": true}}})
    );
}

const SAM: &str = r#"AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Parameters:
  TableName:
    Type: String
    Default: orders
Resources:
  OrderFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
  OrderMachine:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionSubstitutions:
        OrderFunctionArn: !GetAtt OrderFunction.Arn
        Table: !Ref TableName
      Definition:
        StartAt: Process
        States:
          Process:
            Type: Task
            Resource: ${OrderFunctionArn}
            Next: Save
          Save:
            Type: Task
            Resource: arn:aws:states:::dynamodb:putItem
            Parameters:
              TableName: ${Table}
              Item:
                id:
                  S.$: $.id
            End: true
  LegacyMachine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionString: !Sub |
        {
          "StartAt": "Call",
          "States": {
            "Call": {"Type": "Task", "Resource": "${OrderFunction.Arn}", "Next": "Bad"}
          }
        }
"#;

#[test]
fn sam_template_with_substitutions() {
    let parsed = parse(SAM, &ParseOptions::default());
    let ids: Vec<_> = parsed.template_machines.iter().map(|m| m.logical_id.as_str()).collect();
    assert_eq!(ids, ["OrderMachine", "LegacyMachine"]);
    assert_eq!(parsed.selected_machine.as_deref(), Some("OrderMachine"));
    let def = definition_of(SAM, Some("OrderMachine"));
    assert_eq!(def["States"]["Process"]["Resource"], "arn:aws:lambda:us-east-1:123456789012:function:OrderFunction");
    assert_eq!(def["States"]["Save"]["Parameters"]["TableName"], "orders");
}

#[test]
fn definition_string_with_fn_sub_is_located_in_the_template() {
    let analysis = analyze(SAM, &Options { parse: ParseOptions { machine: Some("LegacyMachine".into()) }, ..Options::default() });
    assert_eq!(
        analysis.parsed.definition.as_ref().unwrap()["States"]["Call"]["Resource"],
        "arn:aws:lambda:us-east-1:123456789012:function:OrderFunction"
    );
    let missing = analysis.diagnostics.iter().find(|d| d.code == "MISSING_TRANSITION_TARGET").expect("the dangling Next");
    let range = missing.range.expect("located");
    // The block scalar's lines map back onto the template's lines.
    let line = SAM.lines().nth(range.start.line - 1).unwrap();
    assert!(line.contains("\"Next\": \"Bad\""), "pointed at line {}: {line}", range.start.line);
}

#[test]
fn cloudformation_json_with_fn_join() {
    let text = r#"{
  "Resources": {
    "Machine": {
      "Type": "AWS::StepFunctions::StateMachine",
      "Properties": {
        "DefinitionString": {"Fn::Join": ["", ["{\"StartAt\": \"A\",", "\"States\": {\"A\": {\"Type\": \"Task\", \"Resource\": \"", {"Fn::GetAtt": ["Fn", "Arn"]}, "\", \"End\": true}}}"]]}
      }
    },
    "Fn": {"Type": "AWS::Lambda::Function"}
  }
}"#;
    let def = definition_of(text, None);
    assert_eq!(def["States"]["A"]["Resource"], "arn:aws:lambda:us-east-1:123456789012:function:Fn");
}

#[test]
fn template_problems_are_explained() {
    let no_machine = "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n";
    let parsed = parse(no_machine, &ParseOptions::default());
    assert!(parsed.diagnostics.iter().any(|d| d.code == "TEMPLATE" && d.message.contains("no AWS::StepFunctions::StateMachine")));
    let from_file = "Resources:\n  M:\n    Type: AWS::Serverless::StateMachine\n    Properties:\n      DefinitionUri: statemachine/flow.asl.json\n";
    let parsed = parse(from_file, &ParseOptions::default());
    assert!(parsed.diagnostics.iter().any(|d| d.code == "TEMPLATE" && d.message.contains("DefinitionUri")));
    let unknown = parse(SAM, &ParseOptions { machine: Some("Nope".into()) });
    assert!(unknown.diagnostics.iter().any(|d| d.message.contains("no state machine named 'Nope'")));
}

#[test]
fn syntax_errors_say_where() {
    for (text, line, column) in [("{\n  \"StartAt\": \"A\",\n  \"States\": {,}\n}", 3, 14), ("StartAt: A\nStates: [1,\n", 3, 1)] {
        let parsed = parse(text, &ParseOptions::default());
        let d = &parsed.diagnostics[0];
        assert_eq!(d.code, "INVALID_JSON_DESCRIPTION");
        let r = d.range.unwrap();
        assert_eq!((r.start.line, r.start.column), (line, column), "{d:?}");
        assert!(d.message.contains(&format!("line {line}")), "{}", d.message);
    }
}

#[test]
fn duplicate_keys_are_noticed() {
    let text = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"End":true}}}"#;
    let parsed = parse(text, &ParseOptions::default());
    let d = parsed.diagnostics.iter().find(|d| d.code == "DUPLICATE_FIELD").expect("warned");
    assert_eq!(&text[d.range.unwrap().start.offset..d.range.unwrap().end.offset], "\"End\"");
}

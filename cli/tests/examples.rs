//! Every example of the gallery (`examples/index.json`) validates and runs with its mocks to its expected result.

use std::process::Command;

use engine::conformance::value_problems;
use serde_json::Value;

#[test]
fn gallery_examples_run_to_their_expected_results() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let index: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(root.join("index.json")).unwrap()).unwrap();
    assert!(index.len() >= 10);
    for example in &index {
        let id = example["id"].as_str().unwrap();
        assert!(example["description"].as_str().is_some_and(|d| d.len() > 80), "{id} needs a paragraph of explanation");
        let dir = root.join(id);
        let file = |name: &str| dir.join(name).to_string_lossy().into_owned();
        let definition = file(example["file"].as_str().unwrap_or("definition.asl.json"));
        let validate = Command::new(env!("CARGO_BIN_EXE_asl")).args(["validate", "--errors-only", &definition]).output().unwrap();
        assert!(validate.status.success(), "{id}: {}", String::from_utf8_lossy(&validate.stdout));
        let mut args = vec!["run".to_owned(), definition, "--input".into(), file("input.json")];
        if let Some(machine) = example["machine"].as_str() {
            args.extend(["--machine".into(), machine.to_owned()]);
        }
        if dir.join("mocks.json").exists() {
            args.extend(["--mocks".into(), file("mocks.json")]);
        }
        let out = Command::new(env!("CARGO_BIN_EXE_asl")).args(&args).output().unwrap();
        let got: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
        let expected: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
        let mut problems = Vec::new();
        value_problems(&expected, &got, "$", &mut problems);
        assert!(problems.is_empty(), "{id}: {problems:?}\n got {got}");
    }
}

//! Every definition in the conformance corpus was accepted by real AWS: it must validate with zero ERRORs.

mod common;

use engine::{analyze, Options};

#[test]
fn every_conformance_definition_validates_without_errors() {
    let Some(cases) = common::conformance_cases() else { return };
    assert!(!cases.is_empty());
    let mut failures = Vec::new();
    for (path, case) in &cases {
        let text = serde_json::to_string_pretty(&case["definition"]).unwrap();
        let analysis = analyze(&text, &Options::default());
        let errors: Vec<String> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| format!("{} {} {}", d.code, d.pointer, d.message))
            .collect();
        if !errors.is_empty() {
            failures.push(format!("{}:\n    {}", path.display(), errors.join("\n    ")));
        }
    }
    println!("{} conformance definitions validated", cases.len());
    assert!(failures.is_empty(), "{} of {} definitions got errors:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

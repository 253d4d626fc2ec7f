//! Writing a definition back out: pretty JSON and YAML, with the author's key order kept.

use serde_json::Value;
use yaml_rust2::yaml::Hash;
use yaml_rust2::{Yaml, YamlEmitter};

/// The definition as JSON, indented by two spaces (the style of the AWS console).
pub fn to_json(definition: &Value) -> String {
    // Serializing a `Value` into a `String` cannot fail: every key is a string and every number is finite.
    serde_json::to_string_pretty(definition).unwrap_or_default()
}

/// The definition as a YAML document that reads back to the same JSON value.
pub fn to_yaml(definition: &Value) -> String {
    let mut out = String::new();
    let mut emitter = YamlEmitter::new(&mut out);
    // Multi-line strings (long Comments, JSONata blocks) are easier to read as literal blocks.
    emitter.multiline_strings(true);
    if emitter.dump(&yaml_of(definition)).is_err() {
        return String::new();
    }
    let body = out.strip_prefix("---\n").or_else(|| out.strip_prefix("---")).unwrap_or(&out).trim_start_matches(' ');
    format!("{body}\n")
}

fn yaml_of(value: &Value) -> Yaml {
    match value {
        Value::Null => Yaml::Null,
        Value::Bool(b) => Yaml::Boolean(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Yaml::Integer(i),
            // Large unsigned integers and fractions keep their JSON spelling, which YAML reads back as is.
            None => Yaml::Real(n.to_string()),
        },
        Value::String(s) => Yaml::String(s.clone()),
        Value::Array(items) => Yaml::Array(items.iter().map(yaml_of).collect()),
        Value::Object(map) => {
            let mut hash = Hash::new();
            for (k, v) in map {
                hash.insert(Yaml::String(k.clone()), yaml_of(v));
            }
            Yaml::Hash(hash)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{parse, ParseOptions};
    use serde_json::json;

    /// Exports read back through our own parser to the same definition.
    fn round_trips(definition: Value) {
        let yaml = to_yaml(&definition);
        let parsed = parse(&yaml, &ParseOptions::default());
        assert_eq!(parsed.definition.as_ref(), Some(&definition), "YAML:\n{yaml}");
        let json = to_json(&definition);
        assert_eq!(parse(&json, &ParseOptions::default()).definition.as_ref(), Some(&definition));
    }

    #[test]
    fn yaml_export_round_trips_awkward_values() {
        round_trips(json!({
            "Comment": "line one\nline two: with a colon",
            "StartAt": "A",
            "States": {
                "A": {"Type": "Pass", "Result": {"yes": "yes", "no": "no", "on": "off", "null": null, "n": "123", "f": "1.5",
                    "big": 18446744073709551615u64, "neg": -3, "frac": 0.1, "e": 1e300, "empty": {}, "list": [], "t": true,
                    "dollar.$": "$.x", "jsonata": "{% $states.input.a & '#' %}", "star": "*", "amp": "&x", "dash": "- x", "space": " x "},
                    "Next": "B"},
                "B": {"Type": "Succeed"}
            }
        }));
    }

    #[test]
    fn yaml_keeps_key_order() {
        let yaml = to_yaml(&json!({"StartAt": "Z", "States": {"Z": {"Type": "Succeed"}, "A": {"Type": "Fail"}}}));
        assert!(yaml.find("Z:").unwrap() < yaml.find("A:").unwrap(), "{yaml}");
        assert!(yaml.starts_with("StartAt: Z"), "{yaml}");
    }
}

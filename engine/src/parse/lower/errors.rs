//! Lowering `Retry` and `Catch` (ERR-06, ERR-09, VAL-15).

use super::values::{PathKind, StatesAccess};
use super::{article, Lower};
use crate::asl::{Catcher, Jitter, PathField, QueryLanguage, Retrier};
use crate::diagnostic::{pointer_index, pointer_join};
use crate::source::{Node, NodeKind};

impl Lower {
    pub(super) fn retriers(&mut self, node: &Node, pointer: &str) -> Vec<Retrier> {
        let NodeKind::Array(items) = &node.kind else { return Vec::new() };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = pointer_index(pointer, i);
            let Some(members) = item.members() else {
                self.error(&at, format!("A retrier must be a JSON object, but it is {}", article(item.type_name())));
                continue;
            };
            let mut r = Retrier::default();
            for m in members {
                let p = pointer_join(&at, &m.key);
                match m.key.as_str() {
                    "ErrorEquals" => r.error_equals = self.error_equals(&m.value, &p),
                    "IntervalSeconds" => {
                        r.interval_seconds = self.int_in(&m.value, &p, "IntervalSeconds", 1, 99_999_999).unwrap_or(1) as f64
                    }
                    "MaxAttempts" => r.max_attempts = self.int_in(&m.value, &p, "MaxAttempts", 0, 99_999_999).unwrap_or(3),
                    "BackoffRate" => match &m.value.kind {
                        NodeKind::Number(n) if n.as_f64().is_some_and(|f| f >= 1.0) => r.backoff_rate = n.as_f64().unwrap_or(2.0),
                        NodeKind::Number(n) => self.error(&p, format!("The field 'BackoffRate' must be at least 1.0, but it is {n}")),
                        _ => self.type_error(&m.value, &p, "BackoffRate", "a number"),
                    },
                    "MaxDelaySeconds" => {
                        r.max_delay_seconds = self.int_in(&m.value, &p, "MaxDelaySeconds", 1, 31_622_400).map(|v| v as f64)
                    }
                    "JitterStrategy" => match m.value.as_str() {
                        Some("FULL") => r.jitter = Jitter::Full,
                        Some("NONE") => r.jitter = Jitter::None,
                        _ => self.error(&p, "The field 'JitterStrategy' should have one of these values: [FULL, NONE]"),
                    },
                    "Comment" => r.comment = self.string(&m.value, &p, "Comment"),
                    other => self.error(&p, format!("Field '{other}' is not supported in a retrier")),
                }
            }
            if item.get("ErrorEquals").is_none() {
                self.error(&at, "These fields are required: [ErrorEquals]");
            }
            out.push(r);
        }
        self.states_all_last(out.iter().map(|r| &r.error_equals).collect(), pointer);
        out
    }

    pub(super) fn catchers(&mut self, node: &Node, pointer: &str, ql: QueryLanguage) -> Vec<Catcher> {
        let NodeKind::Array(items) = &node.kind else { return Vec::new() };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = pointer_index(pointer, i);
            let Some(members) = item.members() else {
                self.error(&at, format!("A catcher must be a JSON object, but it is {}", article(item.type_name())));
                continue;
            };
            let mut c = Catcher::default();
            for m in members {
                let p = pointer_join(&at, &m.key);
                match (m.key.as_str(), ql) {
                    ("ErrorEquals", _) => c.error_equals = self.error_equals(&m.value, &p),
                    ("Next", _) => c.next = self.string(&m.value, &p, "Next"),
                    ("Comment", _) => c.comment = self.string(&m.value, &p, "Comment"),
                    ("Assign", _) => {
                        self.assign_in(&m.value, &p, ql, StatesAccess::ErrorOutput);
                        c.assign = Some(m.value.to_value());
                    }
                    ("ResultPath", QueryLanguage::JSONPath) => match &m.value.kind {
                        NodeKind::Null => c.result_path = PathField::Null,
                        NodeKind::String(s) => {
                            self.check_path(s, &p, "ResultPath", PathKind::ResultPath);
                            c.result_path = PathField::Path(s.clone());
                        }
                        _ => self.type_error(&m.value, &p, "ResultPath", "a string or null"),
                    },
                    ("Output", QueryLanguage::JSONata) => {
                        self.jsonata_value_in(&m.value, &p, StatesAccess::ErrorOutput);
                        c.output = Some(m.value.to_value());
                    }
                    ("ResultPath", QueryLanguage::JSONata) => self.error(
                        &p,
                        "The QueryLanguage is set to 'JSONata', but field 'ResultPath' is only supported for the 'JSONPath' QueryLanguage",
                    ),
                    ("Output", QueryLanguage::JSONPath) => self.error(
                        &p,
                        "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage",
                    ),
                    (other, _) => self.error(&p, format!("Field '{other}' is not supported in a catcher")),
                }
            }
            let missing: Vec<&str> = ["ErrorEquals", "Next"].into_iter().filter(|f| item.get(f).is_none()).collect();
            if !missing.is_empty() {
                self.error(&at, format!("These fields are required: [{}]", missing.join(", ")));
            }
            out.push(c);
        }
        self.states_all_last(out.iter().map(|c| &c.error_equals).collect(), pointer);
        out
    }

    fn error_equals(&mut self, node: &Node, pointer: &str) -> Vec<String> {
        let NodeKind::Array(items) = &node.kind else {
            self.type_error(node, pointer, "ErrorEquals", "a non-empty array of error names");
            return Vec::new();
        };
        if items.is_empty() {
            self.error(pointer, "The field 'ErrorEquals' must list at least one error name");
        }
        let mut names = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item.as_str() {
                Some(s) => names.push(s.to_owned()),
                None => self.type_error(item, &pointer_index(pointer, i), "ErrorEquals", "an array of strings"),
            }
        }
        names
    }

    /// VAL-15 / ERR-03: `States.ALL` appears alone, and only in the last retrier or catcher.
    fn states_all_last(&mut self, lists: Vec<&Vec<String>>, pointer: &str) {
        let count = lists.len();
        for (i, names) in lists.into_iter().enumerate() {
            if names.iter().any(|n| n == "States.ALL") && (names.len() > 1 || i + 1 != count) {
                self.error(
                    &pointer_join(&pointer_index(pointer, i), "ErrorEquals"),
                    "States.ALL can only appear in the last element, and by itself.",
                );
            }
        }
    }
}

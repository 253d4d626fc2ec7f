//! Lowering: the spanned tree of a definition into the typed model, with every schema diagnostic on the way.
//!
//! It never stops at the first problem: a field that is wrong is reported and left out, and the rest of
//! the definition is still read, so that the editor can draw what it can while the text is being fixed.

mod errors;
mod fields;
mod map;
mod rules;
mod states;
mod values;

use indexmap::IndexMap;

use crate::asl::{QueryLanguage, Scope, StateMachine};
use crate::diagnostic::{code, pointer_join, Diagnostic};
use crate::source::{Node, NodeKind, Span};

pub use values::{is_valid_variable_name, strip_strings};

/// Nesting of Parallel/Map scopes deeper than this is reported as `TOO_DEEPLY_NESTED` and not read further.
pub const MAX_SCOPE_DEPTH: usize = 40;

pub struct Lowered {
    pub machine: Option<StateMachine>,
    pub diagnostics: Vec<Diagnostic>,
    /// Diagnostics whose place is better given by a span than by their pointer (e.g. a duplicated key).
    pub span_overrides: Vec<(usize, Span)>,
}

pub fn lower(root: &Node) -> Lowered {
    let mut cx = Lower { diags: Vec::new(), span_overrides: Vec::new(), machine_ql: QueryLanguage::JSONPath, scope_depth: 0 };
    let machine = cx.machine(root);
    Lowered { machine, diagnostics: cx.diags, span_overrides: cx.span_overrides }
}

pub(crate) struct Lower {
    diags: Vec<Diagnostic>,
    span_overrides: Vec<(usize, Span)>,
    machine_ql: QueryLanguage,
    scope_depth: usize,
}

impl Lower {
    fn error(&mut self, pointer: &str, message: impl Into<String>) {
        self.diags.push(Diagnostic::error(code::SCHEMA_VALIDATION_FAILED, pointer, message));
    }

    fn push(&mut self, diagnostic: Diagnostic) {
        self.diags.push(diagnostic);
    }

    fn push_at(&mut self, diagnostic: Diagnostic, span: Span) {
        self.span_overrides.push((self.diags.len(), span));
        self.diags.push(diagnostic);
    }

    fn machine(&mut self, root: &Node) -> Option<StateMachine> {
        if root.members().is_none() {
            self.error("", "Definition must be a valid JSON object");
            return None;
        }
        self.machine_ql = QueryLanguage::JSONPath;
        if let Some(ql) = root.get("QueryLanguage") {
            match ql.as_str().and_then(QueryLanguage::parse) {
                Some(q) => self.machine_ql = q,
                None => self.error("/QueryLanguage", "The field 'QueryLanguage' must be one of [JSONPath, JSONata]"),
            }
        }
        let mut comment = None;
        let mut version = None;
        let mut timeout_seconds = None;
        for m in root.members().unwrap_or_default() {
            let p = pointer_join("", &m.key);
            match m.key.as_str() {
                "StartAt" | "States" | "QueryLanguage" => {}
                "Comment" => comment = self.string(&m.value, &p, "Comment"),
                "Version" => {
                    version = self.string(&m.value, &p, "Version");
                    if version.as_deref().is_some_and(|v| v != "1.0") {
                        self.push(Diagnostic::warning(code::SCHEMA_VALIDATION_FAILED, &p, "The only defined Version is \"1.0\""));
                    }
                }
                "TimeoutSeconds" => timeout_seconds = self.positive_int(&m.value, &p, "TimeoutSeconds"),
                other => self.error(&p, format!("Field '{other}' is not supported at the top level of a state machine")),
            }
        }
        let scope = self.scope(root, "", &[]);
        Some(StateMachine { comment, version, timeout_seconds, query_language: self.machine_ql, scope })
    }

    /// Reads `StartAt` and `States` (and `Comment` plus `extra` fields, which the caller handles) of a scope.
    fn scope(&mut self, node: &Node, pointer: &str, extra: &[&str]) -> Scope {
        let mut scope = Scope { pointer: pointer.to_owned(), ..Scope::default() };
        let start_at = node.get("StartAt");
        let states = node.get("States");
        match (start_at, states) {
            (None, None) => self.error(pointer, "These fields are required: [States, StartAt]"),
            (None, Some(_)) => self.error(pointer, "These fields are required: [StartAt]"),
            (Some(_), None) => self.error(pointer, "These fields are required: [States]"),
            _ => {}
        }
        if pointer.is_empty() {
            // The top level's other fields were read by `machine`.
        } else {
            for m in node.members().unwrap_or_default() {
                match m.key.as_str() {
                    "StartAt" | "States" => {}
                    "Comment" => scope.comment = self.string(&m.value, &pointer_join(pointer, "Comment"), "Comment"),
                    k if extra.contains(&k) => {}
                    other => self.error(&pointer_join(pointer, other), format!("Field '{other}' is not supported")),
                }
            }
        }
        if let Some(start) = start_at {
            scope.start_at = self.string(start, &pointer_join(pointer, "StartAt"), "StartAt").unwrap_or_default();
        }
        if let Some(states) = states {
            scope.states = self.states(states, &pointer_join(pointer, "States"));
        }
        scope
    }

    fn states(&mut self, node: &Node, pointer: &str) -> IndexMap<String, crate::asl::State> {
        let mut out = IndexMap::new();
        let Some(members) = node.members() else {
            self.error(pointer, format!("The field 'States' must be a JSON object, but it is {}", article(node.type_name())));
            return out;
        };
        for m in members {
            let p = pointer_join(pointer, &m.key);
            if out.contains_key(&m.key) {
                self.push_at(
                    Diagnostic::error(code::DUPLICATE_STATE_NAME, &p, format!("Duplicate State name: {}", m.key)),
                    m.key_span,
                );
                continue;
            }
            let state = self.state(&m.key, &m.value, &p);
            out.insert(m.key.clone(), state);
        }
        out
    }

    // ---- typed readers: each reports a wrong type and returns None ----

    fn string(&mut self, node: &Node, pointer: &str, field: &str) -> Option<String> {
        match &node.kind {
            NodeKind::String(s) => Some(s.clone()),
            _ => {
                self.type_error(node, pointer, field, "a string");
                None
            }
        }
    }

    fn type_error(&mut self, node: &Node, pointer: &str, field: &str, expected: &str) {
        self.error(pointer, format!("The field '{field}' must be {expected}, but it is {}", article(node.type_name())));
    }

    /// An integer within `min..=max`, reporting its type or range.
    fn int_in(&mut self, node: &Node, pointer: &str, field: &str, min: i64, max: i64) -> Option<i64> {
        let n = match &node.kind {
            NodeKind::Number(n) => n,
            _ => {
                self.type_error(node, pointer, field, "an integer");
                return None;
            }
        };
        let value = n.as_i64().or_else(|| n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15).map(|f| f as i64));
        match value {
            None => {
                self.error(pointer, format!("The field '{field}' must be an integer, but it is {n}"));
                None
            }
            Some(v) if v < min || v > max => {
                let range = if max == i64::MAX { format!("at least {min}") } else { format!("between {min} and {max}") };
                self.error(pointer, format!("The field '{field}' must be {range}, but it is {v}"));
                None
            }
            Some(v) => Some(v),
        }
    }

    fn positive_int(&mut self, node: &Node, pointer: &str, field: &str) -> Option<i64> {
        self.int_in(node, pointer, field, 1, 99_999_999)
    }
}

/// "an object", "a string", …
pub(crate) fn article(type_name: &str) -> String {
    match type_name.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => format!("an {type_name}"),
        _ => format!("a {type_name}"),
    }
}

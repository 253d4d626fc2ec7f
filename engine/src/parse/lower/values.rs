//! Checks of field values: paths, payload templates with `.$` keys, JSONata strings, Assign blocks.

use std::collections::HashSet;

use super::Lower;
use crate::asl::{is_jsonata, QueryLanguage};
use crate::diagnostic::{code, pointer_index, pointer_join, Diagnostic};
use crate::path::{parse_intrinsic, parse_path, Root};
use crate::source::{Node, NodeKind};

/// Which of `$states.result` / `$states.errorOutput` a JSONata field may read (JA-05).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StatesAccess {
    None,
    /// Top-level Output and Assign of Task, Parallel and Map.
    Result,
    /// Catcher Output and Assign.
    ErrorOutput,
}

/// What kind of path a field takes (PATH-04, VAL-16).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PathKind {
    /// Any JSONPath (InputPath, OutputPath): `$$` and variables allowed.
    Path,
    /// A reference path (ItemsPath, …Path fields, Choice Variable): `$$` and variables allowed.
    Reference,
    /// ResultPath: a reference path that may not start with `$$` or name a variable (IO-09, VAR-11).
    ResultPath,
    /// Fail ErrorPath/CausePath: a reference path or an intrinsic call (ST-FAIL-02).
    ReferenceOrIntrinsic,
}

/// VAR-03: a Unicode identifier of at most 80 characters, not `states`.
pub fn is_valid_variable_name(name: &str) -> bool {
    let mut chars = name.chars();
    let starts_well = chars.next().is_some_and(|c| c.is_alphabetic() || c == '_');
    starts_well && chars.all(|c| c.is_alphanumeric() || c == '_') && name.chars().count() <= 80 && name != "states"
}

impl Lower {
    pub(super) fn check_path(&mut self, text: &str, pointer: &str, field: &str, kind: PathKind) {
        if kind == PathKind::ReferenceOrIntrinsic && text.starts_with("States.") {
            if let Err(e) = parse_intrinsic(text) {
                self.error(pointer, format!("The value for the field '{field}' must be a valid reference path or intrinsic function call: {e}"));
            }
            return;
        }
        let parsed = match parse_path(text) {
            Ok(p) => p,
            Err(e) => {
                self.error(pointer, format!("The value for the field '{field}' must be a valid JSONPath: {e}"));
                return;
            }
        };
        if kind != PathKind::Path && !parsed.is_reference() {
            self.error(
                pointer,
                format!("The value for the field '{field}' must be a valid ReferencePath: '{text}' may only use names and array indexes (no *, .., slices, filters or functions)"),
            );
        }
        if kind == PathKind::ResultPath {
            match parsed.root {
                Root::Context => self.error(pointer, format!("The field '{field}' can not start with '$$': results are written into the state's input, not the context object")),
                Root::Variable(v) => self.error(pointer, format!("The field '{field}' can not refer to the variable '${v}': use Assign to set variables")),
                Root::Input => {}
            }
        }
    }

    /// A JSONPath payload template (IO-05, IO-07): `.$` keys hold paths or intrinsic calls.
    pub(super) fn template(&mut self, node: &Node, pointer: &str) {
        let mut stack = vec![(node, pointer.to_owned(), 0usize)];
        while let Some((node, pointer, depth)) = stack.pop() {
            match &node.kind {
                NodeKind::Object(members) => {
                    let mut seen = HashSet::new();
                    for m in members {
                        let at = pointer_join(&pointer, &m.key);
                        let plain = m.key.strip_suffix(".$").unwrap_or(&m.key);
                        if !seen.insert(plain) {
                            self.push_at(
                                Diagnostic::error(
                                    code::SCHEMA_VALIDATION_FAILED,
                                    &at,
                                    format!("The field '{plain}' appears twice (once with '.$'); after removing '.$' keys must be unique"),
                                ),
                                m.key_span,
                            );
                        }
                        if m.key.ends_with(".$") {
                            self.dynamic_value(&m.value, &at, &m.key);
                        } else {
                            if let Some(s) = m.value.as_str() {
                                if looks_dynamic(s) {
                                    self.push(Diagnostic::warning(
                                        code::NO_DOLLAR,
                                        &at,
                                        format!("The value '{s}' looks like a path or intrinsic function, but the field '{}' does not end in '.$', so it is used as a literal string", m.key),
                                    ));
                                }
                            }
                            stack.push((&m.value, at, depth + 1));
                        }
                    }
                }
                NodeKind::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        stack.push((item, pointer_index(&pointer, i), depth + 1));
                    }
                }
                _ => {}
            }
        }
    }

    /// The value of a `.$` key: a path (`$…`, `$$…`, `$var…`) or an intrinsic call.
    fn dynamic_value(&mut self, value: &Node, pointer: &str, key: &str) {
        let message = format!("The value for the field '{key}' must be a valid JSONPath or a valid intrinsic function call");
        let Some(text) = value.as_str() else {
            self.error(pointer, message);
            return;
        };
        let problem = if text.starts_with('$') {
            parse_path(text).err()
        } else if text.starts_with("States.") {
            parse_intrinsic(text).err()
        } else {
            Some(format!("'{text}' is neither"))
        };
        if let Some(problem) = problem {
            self.error(pointer, format!("{message}: {problem}"));
        }
    }

    /// Strings inside a JSONata field: `{%` must be closed by `%}` (JA-02), and every expression must parse
    /// (VAL-21), never use `$$` (JA-06), and use `$states.result`/`$states.errorOutput` only where `allowed`.
    pub(super) fn jsonata_value(&mut self, node: &Node, pointer: &str) {
        self.jsonata_value_in(node, pointer, StatesAccess::None);
    }

    pub(super) fn jsonata_value_in(&mut self, node: &Node, pointer: &str, allowed: StatesAccess) {
        let mut stack = vec![(node, pointer.to_owned())];
        while let Some((node, pointer)) = stack.pop() {
            match &node.kind {
                NodeKind::String(s) => {
                    if s.starts_with("{%") && !is_jsonata(s) {
                        self.error(&pointer, "This JSONata expression starts with '{%' but does not end with '%}' (nothing, not even a space, may follow it)");
                    } else if is_jsonata(s) && s[2..s.len() - 2].trim().is_empty() {
                        self.error(&pointer, "The JSONata expression is empty");
                    } else if is_jsonata(s) {
                        self.check_expression(node, s, &pointer, allowed);
                    } else if !is_jsonata(s) && s.trim().starts_with("{%") && s.trim().ends_with("%}") {
                        // AWS accepts this and uses the string as written (observed), which is rarely what was meant.
                        self.push(Diagnostic::warning(
                            code::SCHEMA_VALIDATION_FAILED,
                            &pointer,
                            "This string has spaces around '{% … %}', so it is a literal string, not a JSONata expression",
                        ));
                    }
                }
                NodeKind::Object(members) => {
                    for m in members {
                        stack.push((&m.value, pointer_join(&pointer, &m.key)));
                    }
                }
                NodeKind::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        stack.push((item, pointer_index(&pointer, i)));
                    }
                }
                _ => {}
            }
        }
    }

    /// An `Assign` block (VAR-01..03): valid variable names; values per query language.
    pub(super) fn assign(&mut self, node: &Node, pointer: &str, ql: QueryLanguage) {
        self.assign_in(node, pointer, ql, StatesAccess::None);
    }

    pub(super) fn assign_in(&mut self, node: &Node, pointer: &str, ql: QueryLanguage, allowed: StatesAccess) {
        let Some(members) = node.members() else {
            self.error(pointer, "The field 'Assign' must be a JSON object");
            return;
        };
        let mut seen = HashSet::new();
        for m in members {
            let at = pointer_join(pointer, &m.key);
            let (name, dynamic) = match (ql, m.key.strip_suffix(".$")) {
                (QueryLanguage::JSONPath, Some(name)) => (name, true),
                _ => (m.key.as_str(), false),
            };
            if !is_valid_variable_name(name) {
                let why = if name == "states" {
                    "'states' is reserved".to_owned()
                } else {
                    "a variable name must start with a letter or '_', contain only letters, digits and '_', and be at most 80 characters".to_owned()
                };
                self.error(&at, format!("Invalid variable name '{name}' in Assign: {why}"));
            }
            if !seen.insert(name) {
                self.error(&at, format!("The variable '{name}' is assigned twice in the same Assign"));
            }
            match (ql, dynamic) {
                (QueryLanguage::JSONPath, true) => self.dynamic_value(&m.value, &at, &m.key),
                (QueryLanguage::JSONPath, false) => self.template(&m.value, &at),
                (QueryLanguage::JSONata, _) => self.jsonata_value_in(&m.value, &at, allowed),
            }
        }
    }
}

fn looks_dynamic(s: &str) -> bool {
    s.starts_with("$.") || s.starts_with("$$.") || (s.starts_with("States.") && s.ends_with(')') && s.contains('('))
}

impl Lower {
    fn check_expression(&mut self, node: &Node, text: &str, pointer: &str, allowed: StatesAccess) {
        let inner = &text[2..text.len() - 2];
        let leading = inner.len() - inner.trim_start().len();
        if let Err(e) = crate::jsonata::compile(inner) {
            // Point at the character when the text has no escapes before it (the usual case).
            let at = e.position.map(|p| node.span.start + 1 + 2 + leading + p);
            let message = format!("The JSONata expression is not valid: {}", e.describe());
            let d = Diagnostic::error(code::SCHEMA_VALIDATION_FAILED, pointer, message);
            match at {
                Some(at) if at < node.span.end => self.push_at(d, crate::source::Span::new(at, at + 1)),
                _ => self.push(d),
            }
            return;
        }
        let code_text = strip_strings(inner);
        if code_text.contains("$$") {
            self.error(pointer, "JSONata expressions cannot use '$$'; the context object is $states.context");
        }
        for (name, needs) in [("$states.result", StatesAccess::Result), ("$states.errorOutput", StatesAccess::ErrorOutput)] {
            if code_text.contains(name) && allowed != needs {
                let place = match needs {
                    StatesAccess::Result => "only in the Output and Assign of a Task, Parallel or Map state",
                    _ => "only in a Catcher's Output and Assign",
                };
                self.error(pointer, format!("'{name}' is available {place}"));
            }
        }
    }
}

/// The expression with string literals blanked out, so that text inside quotes is not taken for code.
pub fn strip_strings(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in text.chars() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
                out.push(' ');
            }
            None => {
                if c == '"' || c == '\'' {
                    quote = Some(c);
                    out.push(' ');
                } else {
                    out.push(c);
                }
            }
        }
    }
    out
}

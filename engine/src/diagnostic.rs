//! Diagnostics: what parsing and validation report, located by JSON pointer and text range.

use serde::Serialize;

use crate::source::TextRange;

/// How serious a diagnostic is, as in AWS's `ValidateStateMachineDefinition`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "ERROR",
            Severity::Warning => "WARNING",
        }
    }
}

/// Diagnostic codes. The ones AWS documents keep AWS's names; ours are marked as such.
pub mod code {
    pub const INVALID_JSON_DESCRIPTION: &str = "INVALID_JSON_DESCRIPTION";
    pub const MISSING_DESCRIPTION: &str = "MISSING_DESCRIPTION";
    pub const SCHEMA_VALIDATION_FAILED: &str = "SCHEMA_VALIDATION_FAILED";
    pub const INVALID_RESOURCE: &str = "INVALID_RESOURCE";
    pub const MISSING_END_STATE: &str = "MISSING_END_STATE";
    pub const DUPLICATE_STATE_NAME: &str = "DUPLICATE_STATE_NAME";
    pub const INVALID_STATE_NAME: &str = "INVALID_STATE_NAME";
    pub const DUPLICATE_LABEL_NAME: &str = "DUPLICATE_LABEL_NAME";
    pub const INVALID_LABEL_NAME: &str = "INVALID_LABEL_NAME";
    pub const MISSING_TRANSITION_TARGET: &str = "MISSING_TRANSITION_TARGET";
    pub const TOO_DEEPLY_NESTED: &str = "TOO_DEEPLY_NESTED";
    pub const NO_DOLLAR: &str = "NO_DOLLAR";
    pub const NO_PATH: &str = "NO_PATH";
    pub const PASS_RESULT_IS_STATIC: &str = "PASS_RESULT_IS_STATIC";
    /// Ours: a JSON object repeats a key (serde and Jackson keep the last one silently).
    pub const DUPLICATE_FIELD: &str = "DUPLICATE_FIELD";
    /// Ours: a CloudFormation/SAM template could not be turned into one definition.
    pub const TEMPLATE: &str = "TEMPLATE";
    /// Ours: a `${...}` substitution or intrinsic in a template that we could only stand in for.
    pub const UNRESOLVED_SUBSTITUTION: &str = "UNRESOLVED_SUBSTITUTION";
}

/// One finding about a definition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    /// RFC 6901 JSON pointer into the definition (`""` is the whole document).
    pub pointer: String,
    /// Where the pointer lands in the text the user wrote, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<TextRange>,
}

impl Diagnostic {
    pub fn error(code: &'static str, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, code, message: message.into(), pointer: pointer.into(), range: None }
    }

    pub fn warning(code: &'static str, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, code, message: message.into(), pointer: pointer.into(), range: None }
    }

    pub fn with_range(mut self, range: Option<TextRange>) -> Self {
        self.range = range;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Appends one segment to a JSON pointer, escaping `~` and `/` as RFC 6901 requires.
pub fn pointer_join(base: &str, segment: &str) -> String {
    let mut out = String::with_capacity(base.len() + segment.len() + 1);
    out.push_str(base);
    out.push('/');
    for ch in segment.chars() {
        match ch {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// Appends an array index to a JSON pointer.
pub fn pointer_index(base: &str, index: usize) -> String {
    format!("{base}/{index}")
}

//! The typed Amazon States Language model: every field of every state type, in JSONPath and JSONata mode.
//!
//! The model is lenient on purpose: it holds whatever a definition says, even a broken one, so that the
//! graph can be drawn while the text is being fixed. Whether it is valid is the validator's business.

mod choice;
pub mod resource;
mod state;

pub use choice::{ChoiceRule, Comparison, ComparisonKind, Operand, RuleBody};
pub use resource::{IntegrationPattern, Resource};
pub use state::*;

use indexmap::IndexMap;
use serde::Serialize;

/// `QueryLanguage`: how a state's fields are evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum QueryLanguage {
    #[default]
    JSONPath,
    JSONata,
}

impl QueryLanguage {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "JSONPath" => Some(QueryLanguage::JSONPath),
            "JSONata" => Some(QueryLanguage::JSONata),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            QueryLanguage::JSONPath => "JSONPath",
            QueryLanguage::JSONata => "JSONata",
        }
    }
}

/// A whole state machine definition (the top level).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StateMachine {
    pub comment: Option<String>,
    pub version: Option<String>,
    pub timeout_seconds: Option<i64>,
    pub query_language: QueryLanguage,
    /// The top-level `StartAt` and `States`.
    pub scope: Scope,
}

/// A `StartAt` + `States` pair: the top level, a Parallel branch, or a Map's ItemProcessor.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Scope {
    pub start_at: String,
    pub states: IndexMap<String, State>,
    pub comment: Option<String>,
    /// JSON pointer of this scope's object (`""` for the top level).
    pub pointer: String,
}

impl Scope {
    /// Every state in this scope and all nested scopes, depth first in written order.
    pub fn walk(&self) -> Vec<&State> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    fn collect<'a>(&'a self, out: &mut Vec<&'a State>) {
        for state in self.states.values() {
            out.push(state);
            for child in state.child_scopes() {
                child.collect(out);
            }
        }
    }
}

/// The symbol of a comparison's ordering, for summaries (`==`, `<`, `>=`, …).
pub fn choice_ordering_symbol(o: choice::Ordering) -> &'static str {
    match o {
        choice::Ordering::Equals => "==",
        choice::Ordering::LessThan => "<",
        choice::Ordering::GreaterThan => ">",
        choice::Ordering::LessThanEquals => "<=",
        choice::Ordering::GreaterThanEquals => ">=",
    }
}

/// True when a string is a JSONata expression in ASL's sense: exactly `{%` … `%}`, no surrounding space.
pub fn is_jsonata(s: &str) -> bool {
    s.len() >= 4 && s.starts_with("{%") && s.ends_with("%}")
}

//! States and the fields they share: transitions, data-flow fields, Retry and Catch.

use serde::Serialize;
use serde_json::Value;

use super::{ChoiceRule, QueryLanguage, Resource, Scope};

/// The eight state types of ASL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum StateType {
    Task,
    Pass,
    Choice,
    Wait,
    Succeed,
    Fail,
    Parallel,
    Map,
}

impl StateType {
    pub const ALL: [StateType; 8] = [
        StateType::Task,
        StateType::Wait,
        StateType::Pass,
        StateType::Succeed,
        StateType::Fail,
        StateType::Choice,
        StateType::Parallel,
        StateType::Map,
    ];

    pub fn parse(s: &str) -> Option<Self> {
        StateType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            StateType::Task => "Task",
            StateType::Pass => "Pass",
            StateType::Choice => "Choice",
            StateType::Wait => "Wait",
            StateType::Succeed => "Succeed",
            StateType::Fail => "Fail",
            StateType::Parallel => "Parallel",
            StateType::Map => "Map",
        }
    }
}

/// A field that is a number literal in JSONPath and may be a JSONata expression in JSONata states.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum NumberOrExpr {
    Number(f64),
    Expr(String),
}

/// A path field where `null` means something different from absence (`InputPath: null` → `{}`).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub enum PathField {
    #[default]
    Absent,
    Null,
    Path(String),
}

impl PathField {
    pub fn as_path(&self) -> Option<&str> {
        match self {
            PathField::Path(p) => Some(p),
            _ => None,
        }
    }
}

/// Where a state goes next.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub enum Transition {
    Next(String),
    End,
    /// Choice, Succeed and Fail (and broken states) have neither.
    #[default]
    None,
}

/// One state, with the fields common to all types and its type-specific part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct State {
    pub name: String,
    /// JSON pointer of the state object, e.g. `/States/Validate`.
    pub pointer: String,
    /// `None` when `Type` is missing or not one of the eight.
    pub state_type: Option<StateType>,
    pub comment: Option<String>,
    /// The language this state's fields use (its own `QueryLanguage`, else the machine's).
    pub query_language: QueryLanguage,
    pub transition: Transition,
    pub input_path: PathField,
    pub output_path: PathField,
    pub result_path: PathField,
    pub parameters: Option<Value>,
    pub result_selector: Option<Value>,
    pub arguments: Option<Value>,
    pub output: Option<Value>,
    pub assign: Option<Value>,
    pub retry: Vec<Retrier>,
    pub catch: Vec<Catcher>,
    pub kind: StateKind,
}

impl State {
    pub fn type_name(&self) -> &'static str {
        self.state_type.map_or("Unknown", StateType::as_str)
    }

    /// Nested scopes: the branches of a Parallel state, the ItemProcessor of a Map state.
    pub fn child_scopes(&self) -> Vec<&Scope> {
        match &self.kind {
            StateKind::Parallel(p) => p.branches.iter().collect(),
            StateKind::Map(m) => m.processor.iter().collect(),
            _ => Vec::new(),
        }
    }

    /// Every transition target named by this state, with the pointer of the field that names it.
    pub fn targets(&self) -> Vec<(String, &str)> {
        let mut out = Vec::new();
        if let Transition::Next(next) = &self.transition {
            out.push((format!("{}/Next", self.pointer), next.as_str()));
        }
        if let StateKind::Choice(choice) = &self.kind {
            for (i, rule) in choice.choices.iter().enumerate() {
                if let Some(next) = &rule.next {
                    out.push((format!("{}/Choices/{i}/Next", self.pointer), next.as_str()));
                }
            }
            if let Some(default) = &choice.default {
                out.push((format!("{}/Default", self.pointer), default.as_str()));
            }
        }
        for (i, catcher) in self.catch.iter().enumerate() {
            if let Some(next) = &catcher.next {
                out.push((format!("{}/Catch/{i}/Next", self.pointer), next.as_str()));
            }
        }
        out
    }

    /// Terminal per ST-COM-05: `End: true`, Succeed, Fail.
    pub fn is_terminal(&self) -> bool {
        matches!(self.transition, Transition::End)
            || matches!(self.state_type, Some(StateType::Succeed | StateType::Fail))
    }
}

/// The type-specific part of a state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum StateKind {
    Task(Task),
    Pass(Pass),
    Choice(Choice),
    Wait(Wait),
    Succeed,
    Fail(Fail),
    Parallel(Parallel),
    Map(Box<Map>),
    /// `Type` missing or unknown.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Task {
    pub resource: Option<Resource>,
    pub timeout_seconds: Option<NumberOrExpr>,
    pub timeout_seconds_path: Option<String>,
    pub heartbeat_seconds: Option<NumberOrExpr>,
    pub heartbeat_seconds_path: Option<String>,
    pub credentials: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pass {
    pub result: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Choice {
    pub choices: Vec<ChoiceRule>,
    pub default: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Wait {
    pub seconds: Option<NumberOrExpr>,
    pub seconds_path: Option<String>,
    /// A timestamp literal, or a JSONata expression in JSONata states.
    pub timestamp: Option<String>,
    pub timestamp_path: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fail {
    pub error: Option<String>,
    pub error_path: Option<String>,
    pub cause: Option<String>,
    pub cause_path: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parallel {
    pub branches: Vec<Scope>,
}

/// `ProcessorConfig.Mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum MapMode {
    #[default]
    Inline,
    Distributed,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Map {
    /// `ItemProcessor`, or the deprecated `Iterator`.
    pub processor: Option<Scope>,
    pub uses_iterator: bool,
    pub mode: MapMode,
    /// `ProcessorConfig.ExecutionType` (`STANDARD` or `EXPRESS`), distributed mode only.
    pub execution_type: Option<String>,
    pub items_path: PathField,
    /// JSONata `Items`: an array literal or an expression.
    pub items: Option<Value>,
    /// `ItemSelector`, or the deprecated Map `Parameters`.
    pub item_selector: Option<Value>,
    pub item_reader: Option<Value>,
    pub item_batcher: Option<Value>,
    pub result_writer: Option<Value>,
    pub max_concurrency: Option<NumberOrExpr>,
    pub max_concurrency_path: Option<String>,
    pub tolerated_failure_count: Option<NumberOrExpr>,
    pub tolerated_failure_count_path: Option<String>,
    pub tolerated_failure_percentage: Option<NumberOrExpr>,
    pub tolerated_failure_percentage_path: Option<String>,
    pub label: Option<String>,
}

/// `JitterStrategy` of a Retrier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Jitter {
    #[default]
    None,
    Full,
}

/// One element of `Retry`, with AWS's defaults filled in (ERR-06).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Retrier {
    pub error_equals: Vec<String>,
    pub interval_seconds: f64,
    pub max_attempts: i64,
    pub backoff_rate: f64,
    pub max_delay_seconds: Option<f64>,
    pub jitter: Jitter,
    pub comment: Option<String>,
}

impl Default for Retrier {
    fn default() -> Self {
        Retrier {
            error_equals: Vec::new(),
            interval_seconds: 1.0,
            max_attempts: 3,
            backoff_rate: 2.0,
            max_delay_seconds: None,
            jitter: Jitter::None,
            comment: None,
        }
    }
}

/// One element of `Catch` (ERR-09).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Catcher {
    pub error_equals: Vec<String>,
    pub next: Option<String>,
    pub result_path: PathField,
    pub output: Option<Value>,
    pub assign: Option<Value>,
    pub comment: Option<String>,
}

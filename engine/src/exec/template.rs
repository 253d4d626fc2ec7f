//! Payload templates (IO-05): compiled once, so that running a state never re-parses a path.

use serde_json::{Map, Value};

use crate::path::eval::{evaluate_ref, PathEnv, PathError};
use crate::path::functions::{call, IntrinsicError};
use crate::path::{parse_intrinsic, parse_path, Intrinsic, Path};
use crate::rng::Rng;

/// A path with the text it was written as (for messages).
#[derive(Debug, Clone)]
pub struct CPath {
    pub path: Path,
    pub text: String,
}

impl CPath {
    pub fn parse(text: &str) -> Option<CPath> {
        parse_path(text).ok().map(|path| CPath { path, text: text.to_owned() })
    }

    pub fn uses_context(&self) -> bool {
        matches!(self.path.root, crate::path::Root::Context)
    }
}

#[derive(Debug, Clone)]
pub enum Template {
    Literal(Value),
    Object(Vec<(String, Template)>),
    Array(Vec<Template>),
    /// A `key.$` whose value is a path; `field` is the key as written (with `.$`).
    Path { path: CPath, field: String },
    Intrinsic { call: Intrinsic, text: String, field: String },
}

/// Why a template could not be filled in.
#[derive(Debug, Clone)]
pub enum TemplateError {
    Path { field: String, path: String, error: PathError },
    Intrinsic { field: String, text: String, error: IntrinsicError },
}

impl TemplateError {
    /// IO-08's wording (observed from AWS), or the intrinsic's problem.
    pub fn message(&self, input: &Value) -> String {
        match self {
            TemplateError::Path { field, path, .. } => {
                format!("The JSONPath '{path}' specified for the field '{field}' could not be found in the input '{input}'")
            }
            TemplateError::Intrinsic { field, error: IntrinsicError::Path { path, .. }, .. } => {
                format!("The JSONPath '{path}' specified for the field '{field}' could not be found in the input '{input}'")
            }
            TemplateError::Intrinsic { field, text, error: IntrinsicError::Invalid(m) } => {
                format!("The intrinsic function '{text}' specified for the field '{field}' failed: {m}")
            }
        }
    }
}

impl Template {
    pub fn compile(value: &Value) -> Template {
        match value {
            Value::Object(map) => {
                let mut members = Vec::with_capacity(map.len());
                let mut all_literal = true;
                for (key, v) in map {
                    let member = match (key.strip_suffix(".$"), v.as_str()) {
                        (Some(plain), Some(text)) if text.starts_with("States.") => match parse_intrinsic(text) {
                            Ok(call) => (plain.to_owned(), Template::Intrinsic { call, text: text.to_owned(), field: key.clone() }),
                            Err(_) => (plain.to_owned(), Template::Literal(Value::Null)),
                        },
                        (Some(plain), Some(text)) => match CPath::parse(text) {
                            Some(path) => (plain.to_owned(), Template::Path { path, field: key.clone() }),
                            None => (plain.to_owned(), Template::Literal(Value::Null)),
                        },
                        _ => (key.clone(), Template::compile(v)),
                    };
                    all_literal &= matches!(member.1, Template::Literal(_)) && !key.ends_with(".$");
                    members.push(member);
                }
                if all_literal {
                    Template::Literal(value.clone())
                } else {
                    Template::Object(members)
                }
            }
            Value::Array(items) => {
                let items: Vec<Template> = items.iter().map(Template::compile).collect();
                if items.iter().all(|t| matches!(t, Template::Literal(_))) {
                    Template::Literal(value.clone())
                } else {
                    Template::Array(items)
                }
            }
            other => Template::Literal(other.clone()),
        }
    }

    pub fn uses_context(&self) -> bool {
        match self {
            Template::Literal(_) => false,
            Template::Object(m) => m.iter().any(|(_, t)| t.uses_context()),
            Template::Array(a) => a.iter().any(Template::uses_context),
            Template::Path { path, .. } => path.uses_context(),
            Template::Intrinsic { text, .. } => text.contains("$$"),
        }
    }

    pub fn evaluate(&self, env: &PathEnv, rng: &mut Rng) -> Result<Value, TemplateError> {
        match self {
            Template::Literal(v) => Ok(v.clone()),
            Template::Object(members) => {
                let mut map = Map::with_capacity(members.len());
                for (key, t) in members {
                    map.insert(key.clone(), t.evaluate(env, rng)?);
                }
                Ok(Value::Object(map))
            }
            Template::Array(items) => items.iter().map(|t| t.evaluate(env, rng)).collect::<Result<Vec<_>, _>>().map(Value::Array),
            Template::Path { path, field } => evaluate_ref(&path.path, env)
                .map(|v| v.into_owned())
                .map_err(|error| TemplateError::Path { field: field.clone(), path: path.text.clone(), error }),
            Template::Intrinsic { call: c, text, field } => {
                call(c, env, rng).map_err(|error| TemplateError::Intrinsic { field: field.clone(), text: text.clone(), error })
            }
        }
    }
}

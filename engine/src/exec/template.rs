//! Payload templates (IO-05): compiled once, so that running a state never re-parses a path.

use std::rc::Rc;

use crate::value::{Map, Str, Value};

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
    /// An object in which two members write the same key (`a` and `a.$`): the last one wins.
    Object { members: Vec<(Str, Template)> },
    /// An object whose keys are all distinct: `shape` holds every member in order, the literal ones with
    /// their values, and `slots` say which members are computed. Evaluating copies the shape and fills the
    /// slots, so literal members cost a reference count each.
    Shaped { shape: Map, slots: Vec<(usize, Template)> },
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
    /// Compiles a template as the definition holds it.
    pub fn compile(value: &serde_json::Value) -> Template {
        use serde_json::Value as Json;
        match value {
            Json::Object(map) => {
                let mut members = Vec::with_capacity(map.len());
                let mut all_literal = true;
                for (key, v) in map {
                    let member = match (key.strip_suffix(".$"), v.as_str()) {
                        (Some(plain), Some(text)) if text.starts_with("States.") => match parse_intrinsic(text) {
                            Ok(call) => (Str::from(plain), Template::Intrinsic { call, text: text.to_owned(), field: key.clone() }),
                            Err(_) => (Str::from(plain), Template::Literal(Value::Null)),
                        },
                        (Some(plain), Some(text)) => match CPath::parse(text) {
                            Some(path) => (Str::from(plain), Template::Path { path, field: key.clone() }),
                            None => (Str::from(plain), Template::Literal(Value::Null)),
                        },
                        _ => (Str::from(key.as_str()), Template::compile(v)),
                    };
                    all_literal &= matches!(member.1, Template::Literal(_)) && !key.ends_with(".$");
                    members.push(member);
                }
                if all_literal {
                    Template::Literal(Value::from(value))
                } else {
                    let distinct = members.iter().enumerate().all(|(i, (k, _))| members[..i].iter().all(|(other, _)| other != k));
                    if distinct {
                        let mut shape = Map::with_capacity(members.len());
                        let mut slots = Vec::new();
                        for (i, (key, t)) in members.into_iter().enumerate() {
                            match t {
                                Template::Literal(v) => shape.push_new(key, v),
                                computed => {
                                    shape.push_new(key, Value::Null);
                                    slots.push((i, computed));
                                }
                            }
                        }
                        Template::Shaped { shape, slots }
                    } else {
                        Template::Object { members }
                    }
                }
            }
            Json::Array(items) => {
                let items: Vec<Template> = items.iter().map(Template::compile).collect();
                if items.iter().all(|t| matches!(t, Template::Literal(_))) {
                    Template::Literal(Value::from(value))
                } else {
                    Template::Array(items)
                }
            }
            other => Template::Literal(Value::from(other)),
        }
    }

    pub fn uses_context(&self) -> bool {
        match self {
            Template::Literal(_) => false,
            Template::Object { members, .. } => members.iter().any(|(_, t)| t.uses_context()),
            Template::Shaped { slots, .. } => slots.iter().any(|(_, t)| t.uses_context()),
            Template::Array(a) => a.iter().any(Template::uses_context),
            Template::Path { path, .. } => path.uses_context(),
            Template::Intrinsic { text, .. } => text.contains("$$"),
        }
    }

    pub fn evaluate(&self, env: &PathEnv, rng: &mut Rng) -> Result<Value, TemplateError> {
        match self {
            Template::Literal(v) => Ok(v.clone()),
            Template::Object { members } => {
                let mut map = Map::with_capacity(members.len());
                for (key, t) in members {
                    let value = t.evaluate(env, rng)?;
                    map.insert(key, value);
                }
                Ok(Value::object(map))
            }
            Template::Shaped { shape, slots } => {
                let mut map = shape.clone();
                fill_slots(&mut map, slots, env, rng)?;
                Ok(Value::object(map))
            }
            Template::Array(items) => items.iter().map(|t| t.evaluate(env, rng)).collect::<Result<Vec<_>, _>>().map(Value::array),
            Template::Path { path, field } => evaluate_ref(&path.path, env)
                .map(|v| v.into_owned())
                .map_err(|error| TemplateError::Path { field: field.clone(), path: path.text.clone(), error }),
            Template::Intrinsic { call: c, text, field } => {
                call(c, env, rng).map_err(|error| TemplateError::Intrinsic { field: field.clone(), text: text.clone(), error })
            }
        }
    }

    /// `evaluate`, building an object in `spare` (an emptied object that nobody else holds) instead of in
    /// new memory: a chain of states that each build an object then allocates none.
    #[inline(always)]
    pub fn evaluate_reusing(&self, env: &PathEnv, rng: &mut Rng, spare: Option<Rc<Map>>) -> Result<Value, TemplateError> {
        match spare {
            Some(object) => self.evaluate_in(env, rng, object),
            None => self.evaluate(env, rng),
        }
    }

    fn evaluate_in(&self, env: &PathEnv, rng: &mut Rng, mut object: Rc<Map>) -> Result<Value, TemplateError> {
        if let (Template::Shaped { shape, slots }, Some(map)) = (self, Rc::get_mut(&mut object)) {
            map.clone_from(shape);
            fill_slots(map, slots, env, rng)?;
            return Ok(Value::Object(object));
        }
        self.evaluate(env, rng)
    }
}

/// Fills the computed members of a prepared shape (`Template::Shaped`).
#[inline(always)]
fn fill_slots(map: &mut Map, slots: &[(usize, Template)], env: &PathEnv, rng: &mut Rng) -> Result<(), TemplateError> {
    for (i, t) in slots {
        // A path is by far the commonest computed member: evaluated here, without a call.
        let value = match t {
            Template::Path { path, field } => match evaluate_ref(&path.path, env) {
                Ok(v) => v.into_owned(),
                Err(error) => return Err(TemplateError::Path { field: field.clone(), path: path.text.clone(), error }),
            },
            other => other.evaluate(env, rng)?,
        };
        *map.value_at_mut(*i) = value;
    }
    Ok(())
}

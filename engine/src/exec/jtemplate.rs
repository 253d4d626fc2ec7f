//! JSONata field values (JA-02/03): JSON in which every `{% … %}` string is an expression, compiled once.

use crate::value::{Str, Value};

use crate::asl::is_jsonata;
use crate::jsonata::{compile, Expression};

/// A field value with its expressions compiled. `field` is the location AWS names in causes
/// (`Output`, `Output/result`, `Arguments/FunctionName`, `Items`).
pub enum JTemplate {
    Literal(Value),
    Expr { expr: Box<Expression>, field: String },
    /// An expression that does not parse (the validator reported it; evaluating it fails).
    Invalid { text: String, field: String, message: String },
    Object(Vec<(Str, JTemplate)>),
    Array(Vec<JTemplate>),
}

impl std::fmt::Debug for JTemplate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JTemplate::Literal(v) => write!(f, "Literal({v})"),
            JTemplate::Expr { expr, field } => write!(f, "Expr({} @ {field})", expr.text),
            JTemplate::Invalid { text, .. } => write!(f, "Invalid({text})"),
            JTemplate::Object(m) => f.debug_list().entries(m.iter().map(|(k, _)| k)).finish(),
            JTemplate::Array(a) => write!(f, "Array({})", a.len()),
        }
    }
}

impl JTemplate {
    /// Compiles a field value as the definition holds it.
    pub fn compile(value: &serde_json::Value, field: &str) -> JTemplate {
        use serde_json::Value as Json;
        match value {
            Json::String(s) if is_jsonata(s) => {
                let text = s[2..s.len() - 2].trim().to_owned();
                match compile(&text) {
                    Ok(expr) => JTemplate::Expr { expr: Box::new(expr), field: field.to_owned() },
                    Err(e) => JTemplate::Invalid { text, field: field.to_owned(), message: e.describe() },
                }
            }
            Json::Object(m) => {
                let members: Vec<(Str, JTemplate)> = m.iter().map(|(k, v)| (Str::from(k), JTemplate::compile(v, &format!("{field}/{k}")))).collect();
                if members.iter().all(|(_, t)| matches!(t, JTemplate::Literal(_))) {
                    JTemplate::Literal(Value::from(value))
                } else {
                    JTemplate::Object(members)
                }
            }
            Json::Array(items) => {
                let items: Vec<JTemplate> = items.iter().enumerate().map(|(i, v)| JTemplate::compile(v, &format!("{field}[{i}]"))).collect();
                if items.iter().all(|t| matches!(t, JTemplate::Literal(_))) {
                    JTemplate::Literal(Value::from(value))
                } else {
                    JTemplate::Array(items)
                }
            }
            other => JTemplate::Literal(Value::from(other)),
        }
    }
}

//! JSONata as AWS Step Functions runs it: JSONata 2.0.6 without `$eval`, plus AWS's `$partition`, `$range`,
//! `$hash`, `$random([seed])`, `$uuid`, `$parse` (JA-09/10). `$now`/`$millis` read the virtual clock and the
//! random functions draw from the execution's seed, so evaluation stays deterministic.
//!
//! The evaluator is the `jsonata-core` crate; nothing outside this module sees its types.

mod functions;

use std::cell::RefCell;
use std::rc::Rc;

use jsonata_core::evaluator::{Context, Evaluator, EvaluatorError, EvaluatorOptions};
use jsonata_core::value::{JArray, JValue};
use crate::value::{Map, Number, Value};

use crate::rng::Rng;

/// Evaluation limits that keep a hostile expression from exhausting the stack or memory (JA-11: AWS too
/// rejects very deep or very long evaluations). The same numbers apply natively and in the page.
pub const MAX_DEPTH: usize = 400;
pub const MAX_SEQUENCE: usize = 1_000_000;

/// An infinite *tail* recursion never deepens the stack, so only time can stop it. Natively the evaluator's
/// own wall-clock guard ends an evaluation after this long; this is the engine's single exception to "no
/// clocks", and it can only turn an evaluation that has already run away into an error. In the page
/// (`wasm32`, where `Instant` does not exist) the app runs the engine where it can be terminated instead.
pub const RUNAWAY_MS: u64 = 3_000;

/// A parsed expression (the text between `{%` and `%}`, trimmed).
pub struct Expression {
    ast: jsonata_core::ast::AstNode,
    pub text: String,
    /// `$name` references in the text, so that only those variables are converted and bound.
    names: Vec<String>,
}

/// A failed parse or evaluation: the JSONata error code (`T1006`, `S0201`, …) and message.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonataError {
    pub code: Option<String>,
    pub message: String,
    /// Character offset of a syntax error, when the parser says.
    pub position: Option<usize>,
}

impl JsonataError {
    /// `CODE: message`, the form AWS puts into causes.
    pub fn describe(&self) -> String {
        match &self.code {
            // "Invalid syntax: T1006: …" → "T1006: …", the form jsonata-js (and so AWS) reports.
            Some(code) => {
                let text = match self.message.find(&format!("{code}:")) {
                    Some(at) => self.message[at..].to_owned(),
                    None => format!("{code}: {}", self.message),
                };
                // jsonata-core names the culprit ("…non-function: $f"); jsonata-js, and so AWS, does not.
                for fixed in ["T1006: Attempted to invoke a non-function", "T1008: Attempted to partially apply a non-function"] {
                    if text.starts_with(fixed) {
                        return fixed.to_owned();
                    }
                }
                text
            }
            None => self.message.clone(),
        }
    }
}

/// What an expression produced.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Value(Value),
    /// Nothing (JSONata's `undefined`).
    Undefined,
    /// A function value, which no ASL field accepts.
    Function,
}

/// Everything an evaluation may read besides its text.
pub struct Host<'a> {
    /// Virtual time for `$now()` and `$millis()`, milliseconds since the Unix epoch.
    pub now_millis: i64,
    /// Draws the seed for `$random()`, `$uuid()` and `$shuffle()`.
    pub rng: &'a mut Rng,
}

/// Parses an expression (without delimiters).
pub fn compile(text: &str) -> Result<Expression, JsonataError> {
    let trimmed = text.trim();
    let ast = jsonata_core::parser::parse(trimmed).map_err(|e| {
        let message = e.to_string();
        let code = error_code(&message);
        JsonataError { position: position_of(&message), code, message }
    })?;
    Ok(Expression { ast, text: trimmed.to_owned(), names: variable_names(trimmed) })
}

/// Evaluates with `input` as the context document (`None`: no document, as in ASL fields) and with
/// `variables` bound as `$name` (only those the expression mentions are converted).
pub fn evaluate(expr: &Expression, input: Option<&Value>, variables: &dyn Fn(&str) -> Option<Value>, host: &mut Host) -> Result<Outcome, JsonataError> {
    let mut context = Context::new();
    for name in &expr.names {
        if let Some(v) = variables(name) {
            context.bind(name.clone(), to_jvalue(&v));
        }
    }
    let options = EvaluatorOptions {
        max_stack_depth: Some(MAX_DEPTH),
        max_sequence_length: Some(MAX_SEQUENCE),
        timeout_ms: if cfg!(target_arch = "wasm32") { None } else { Some(RUNAWAY_MS) },
        ..EvaluatorOptions::default()
    };
    let mut evaluator = Evaluator::with_options(context, options);
    let rng = Rc::new(RefCell::new(Rng::new(host.rng.next_u64())));
    functions::register(&mut evaluator, host.now_millis, rng).map_err(|e| error(&e))?;
    let data = input.map_or(JValue::Undefined, to_jvalue);
    let result = evaluator.evaluate(&expr.ast, &data).map_err(|e| error(&e))?;
    Ok(match &result {
        JValue::Undefined => Outcome::Undefined,
        v if v.is_function() => Outcome::Function,
        v => Outcome::Value(to_value(v).unwrap_or(Value::Null)),
    })
}

fn error(e: &EvaluatorError) -> JsonataError {
    let message = e.message().to_owned();
    JsonataError { code: error_code(&message), message, position: None }
}

/// The JSONata error code (`T1006`) at the start of a message or after a prefix such as "Invalid syntax: ".
fn error_code(message: &str) -> Option<String> {
    let bytes = message.as_bytes();
    (0..bytes.len().saturating_sub(5)).find_map(|i| {
        let starts_word = i == 0 || bytes[i - 1] == b' ';
        let shape = bytes[i].is_ascii_uppercase() && bytes[i + 1..i + 5].iter().all(u8::is_ascii_digit) && bytes[i + 5] == b':';
        (starts_word && shape).then(|| message[i..i + 5].to_owned())
    })
}

/// "… at position 12" / "position: 12" in parser messages, when present.
fn position_of(message: &str) -> Option<usize> {
    let at = message.find("position")?;
    message[at..].chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect::<String>().parse().ok()
}

/// `$name` tokens (outside string literals) that could refer to variables.
fn variable_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut quote: Option<char> = None;
    while let Some((_, c)) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), '\\') => {
                chars.next();
            }
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '$') => {
                let mut name = String::new();
                while let Some(&(_, n)) = chars.peek() {
                    if n.is_alphanumeric() || n == '_' {
                        name.push(n);
                        chars.next();
                    } else {
                        break;
                    }
                }
                if !name.is_empty() && !names.contains(&name) {
                    names.push(name);
                }
            }
            _ => {}
        }
    }
    names
}

/// Our values as JSONata's (strings are shared, not copied).
pub(crate) fn to_jvalue(v: &Value) -> JValue {
    match v {
        Value::Null => JValue::Null,
        Value::Bool(b) => JValue::Bool(*b),
        Value::Number(n) => JValue::Number(n.as_f64().unwrap_or(0.0)),
        Value::String(s) => JValue::String(s.shared().clone()),
        Value::Array(items) => {
            // jsonata-core tracks whether an array holds arrays, as its own conversion from JSON does.
            let flat = !items.iter().any(Value::is_array);
            JValue::Array(JArray::new_flat(items.iter().map(to_jvalue).collect(), flat))
        }
        Value::Object(m) => JValue::object(m.iter().map(|(k, v)| (k.as_str().to_owned(), to_jvalue(v))).collect()),
    }
}

/// JSONata values back into JSON as `JSON.stringify` would write them: integral numbers without a
/// fraction, `undefined` members left out, functions as null inside containers.
pub(crate) fn to_value(v: &JValue) -> Option<Value> {
    Some(match v {
        JValue::Undefined => return None,
        JValue::Null => Value::Null,
        JValue::Bool(b) => Value::Bool(*b),
        JValue::Number(n) => number(*n),
        JValue::String(s) => Value::String(s.clone().into()),
        JValue::Array(items) => Value::array(items.iter().map(|i| to_value(i).unwrap_or(Value::Null)).collect()),
        JValue::Object(map) => {
            let mut out = Map::new();
            for (k, v) in map.iter() {
                // JSON.stringify leaves out undefined members and function members.
                if !v.is_function() {
                    if let Some(v) = to_value(v) {
                        out.insert(k.as_str(), v);
                    }
                }
            }
            Value::object(out)
        }
        _ => Value::Null,
    })
}

/// A JSON number the way JavaScript prints it: integers (up to 2^53) without a fraction.
pub(crate) fn number(n: f64) -> Value {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        Value::Number(Number::from(n as i64))
    } else {
        Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn eval(text: &str, input: serde_json::Value) -> Outcome {
        let mut rng = Rng::new(1);
        evaluate(&compile(text).unwrap(), Some(&Value::from(input)), &|_| None, &mut Host { now_millis: 1_700_000_000_000, rng: &mut rng }).unwrap()
    }

    #[test]
    fn evaluates_with_aws_functions() {
        assert_eq!(eval("$sum(items.price)", json!({"items": [{"price": 1}, {"price": 2.5}]})), Outcome::Value(crate::val!(3.5)));
        assert_eq!(eval("$partition([1,2,3,4,5], 2)", json!({})), Outcome::Value(crate::val!([[1, 2], [3, 4], [5]])));
        assert_eq!(eval("$range(0, 10, 3)", json!({})), Outcome::Value(crate::val!([0, 3, 6, 9])));
        assert_eq!(eval("$range(5, 1, -2)", json!({})), Outcome::Value(crate::val!([5, 3, 1])));
        assert_eq!(eval("$hash('input data', 'SHA-1')", json!({})), Outcome::Value(crate::val!("aaff4a450a104cd177d28d18d74485e8cae074b7")));
        assert_eq!(eval("$parse('{\"a\":[1]}')", json!({})), Outcome::Value(crate::val!({"a": [1]})));
        assert_eq!(eval("$millis()", json!({})), Outcome::Value(crate::val!(1_700_000_000_000i64)));
        assert_eq!(eval("$now()", json!({})), Outcome::Value(crate::val!("2023-11-14T22:13:20.000Z")));
        assert_eq!(eval("$random(7) = $random(7)", json!({})), Outcome::Value(crate::val!(true)));
        assert_eq!(eval("nothing", json!({})), Outcome::Undefined);
        assert_eq!(eval("function($x){$x}", json!({})), Outcome::Function);
    }

    #[test]
    fn eval_is_gone_and_errors_carry_codes() {
        let mut rng = Rng::new(1);
        let e = evaluate(&compile("$eval('1')").unwrap(), None, &|_| None, &mut Host { now_millis: 0, rng: &mut rng }).unwrap_err();
        assert_eq!(e.describe(), "T1006: Attempted to invoke a non-function");
        assert!(compile("1 +").is_err());
    }

    #[test]
    fn hostile_expressions_are_bounded() {
        let mut rng = Rng::new(1);
        let host = &mut Host { now_millis: 0, rng: &mut rng };
        assert!(evaluate(&compile("[1..10000000] ~> $count()").unwrap(), None, &|_| None, host).is_err());
        assert!(evaluate(&compile("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000))").unwrap(), None, &|_| None, host).is_err());
    }
}

//! Evaluating intrinsic function calls (INT-06..23), with AWS's observed quirks.

use crate::value::{Map, Number, Value};

use super::eval::{evaluate_ref, loose_eq, PathEnv, PathError};
use super::{Arg, Intrinsic};
use crate::rng::{JavaRandom, Rng};

/// Why an intrinsic call failed at run time.
#[derive(Debug, Clone, PartialEq)]
pub enum IntrinsicError {
    /// A path argument found nothing.
    Path { path: String, error: PathError },
    /// An argument had the wrong type or value.
    Invalid(String),
}

/// INT-17/18, QUOTA-10: Base64 and Hash inputs are limited to 10 000 characters.
const MAX_TEXT: usize = 10_000;

pub fn call(call: &Intrinsic, env: &PathEnv, rng: &mut Rng) -> Result<Value, IntrinsicError> {
    // Calls rarely take more than four arguments: those stay on the stack.
    let mut args: smallvec::SmallVec<[Value; 4]> = smallvec::SmallVec::with_capacity(call.args.len());
    for arg in &call.args {
        args.push(match arg {
            Arg::String(s) => Value::String(s.clone()),
            Arg::Number(n) => Value::Number(n.clone()),
            Arg::Bool(b) => Value::Bool(*b),
            Arg::Null => Value::Null,
            Arg::Path(p) => evaluate_ref(p, env)
                .map_err(|error| IntrinsicError::Path { path: path_text(p), error })?
                .into_owned(),
            Arg::Call(inner) => self::call(inner, env, rng)?,
        });
    }
    let name = call.name.as_str();
    let bad = |msg: String| Err(IntrinsicError::Invalid(format!("{name}: {msg}")));
    match name {
        "States.Format" => format(&args, &call.args).map(Value::from).map_err(|m| IntrinsicError::Invalid(format!("{name}: {m}"))),
        "States.StringToJson" => match &args[0] {
            Value::String(s) if s.trim().is_empty() => Ok(Value::Null),
            Value::String(s) => serde_json::from_str(s).or_else(|e| bad(format!("the string is not valid JSON ({e})"))),
            other => bad(format!("expected a string, got {}", type_name(other))),
        },
        "States.JsonToString" => Ok(Value::from(args[0].to_string())),
        "States.Array" => Ok(Value::array(args.into_vec())),
        "States.ArrayPartition" => {
            let array = array_arg(&args[0], name)?;
            let size = java_round(number_arg(&args[1], name)?);
            if size <= 0 {
                return bad(format!("the chunk size must be a positive integer, got {size}"));
            }
            Ok(Value::array(array.chunks(size as usize).map(|c| Value::array(c.to_vec())).collect()))
        }
        "States.ArrayContains" => Ok(Value::Bool(array_arg(&args[0], name)?.iter().any(|v| loose_eq(v, &args[1])))),
        "States.ArrayRange" => {
            let first = java_round(number_arg(&args[0], name)?);
            let last = java_round(number_arg(&args[1], name)?);
            let step = java_round(number_arg(&args[2], name)?);
            if step == 0 {
                return bad("the step must not be 0".into());
            }
            let mut out = Vec::new();
            let mut v = first;
            while (step > 0 && v <= last) || (step < 0 && v >= last) {
                out.push(Value::from(v));
                if out.len() > 1000 {
                    return bad("the range has more than 1000 elements".into());
                }
                v += step;
            }
            Ok(Value::array(out))
        }
        "States.ArrayGetItem" => {
            let array = array_arg(&args[0], name)?;
            let index = java_round(number_arg(&args[1], name)?);
            match usize::try_from(index).ok().and_then(|i| array.get(i)) {
                Some(v) => Ok(v.clone()),
                None => bad(format!("index {index} is out of bounds for an array of length {}", array.len())),
            }
        }
        "States.ArrayLength" => Ok(Value::from(array_arg(&args[0], name)?.len())),
        "States.ArrayUnique" => {
            let mut out: Vec<Value> = Vec::new();
            for v in array_arg(&args[0], name)? {
                if !out.iter().any(|o| loose_eq(o, v)) {
                    out.push(v.clone());
                }
            }
            Ok(Value::array(out))
        }
        "States.Base64Encode" => {
            let s = string_arg(&args[0], name)?;
            if s.chars().count() > MAX_TEXT {
                return bad(format!("the input is longer than {MAX_TEXT} characters"));
            }
            Ok(Value::from(base64_encode(s.as_bytes())))
        }
        "States.Base64Decode" => {
            let s = string_arg(&args[0], name)?;
            if s.chars().count() > MAX_TEXT {
                return bad(format!("the input is longer than {MAX_TEXT} characters"));
            }
            match base64_decode(s) {
                Some(bytes) => Ok(Value::from(String::from_utf8_lossy(&bytes).into_owned())),
                None => bad("the input is not valid Base64".into()),
            }
        }
        "States.Hash" => {
            let data = match &args[0] {
                Value::String(s) => s.to_string(),
                other => other.to_string(),
            };
            if data.chars().count() > MAX_TEXT {
                return bad(format!("the input is longer than {MAX_TEXT} characters"));
            }
            let algorithm = string_arg(&args[1], name)?;
            hash(&data, algorithm).map(Value::from).ok_or_else(|| {
                IntrinsicError::Invalid(format!("{name}: unknown algorithm '{algorithm}' (use MD5, SHA-1, SHA-256, SHA-384 or SHA-512)"))
            })
        }
        "States.JsonMerge" => {
            let (Value::Object(a), Value::Object(b)) = (&args[0], &args[1]) else {
                return bad("both arguments must be JSON objects".into());
            };
            if args[2] != Value::Bool(false) {
                return bad("only shallow merging is supported: the third argument must be false".into());
            }
            let mut merged: Map = (**a).clone();
            for (k, v) in b.iter() {
                merged.insert(k, v.clone());
            }
            Ok(Value::object(merged))
        }
        "States.MathRandom" => {
            let start = java_round(number_arg(&args[0], name)?);
            let end = java_round(number_arg(&args[1], name)?);
            if end <= start {
                return bad(format!("the end ({end}) must be greater than the start ({start})"));
            }
            match args.get(2) {
                Some(seed) => {
                    let seed = java_round(number_arg(seed, name)?);
                    let bound = i32::try_from(end - start).unwrap_or(i32::MAX);
                    Ok(Value::from(start + JavaRandom::new(seed).next_int(bound) as i64))
                }
                None => Ok(Value::from(rng.range(start, end))),
            }
        }
        "States.MathAdd" => {
            let a = java_round(number_arg(&args[0], name)?);
            let b = java_round(number_arg(&args[1], name)?);
            let range = i32::MIN as i64..=i32::MAX as i64;
            if !range.contains(&a) || !range.contains(&b) {
                return bad("the operands must be between -2147483648 and 2147483647".into());
            }
            Ok(Value::from(a + b))
        }
        "States.StringSplit" => {
            let s = string_arg(&args[0], name)?;
            let delimiters = string_arg(&args[1], name)?;
            let parts = s.split(|c: char| delimiters.contains(c)).filter(|p| !p.is_empty());
            Ok(Value::array(parts.map(Value::from).collect()))
        }
        "States.UUID" => Ok(Value::from(rng.uuid())),
        other => Err(IntrinsicError::Invalid(format!("Unknown intrinsic function '{other}'"))),
    }
}

fn path_text(p: &super::Path) -> String {
    let root = match &p.root {
        super::Root::Input => "$".to_owned(),
        super::Root::Context => "$$".to_owned(),
        super::Root::Variable(v) => format!("${v}"),
    };
    format!("{root}{}", &super::eval::normalized(&p.segments)[1..])
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn array_arg<'v>(v: &'v Value, name: &str) -> Result<&'v Vec<Value>, IntrinsicError> {
    v.as_array().ok_or_else(|| IntrinsicError::Invalid(format!("{name}: expected an array, got {}", type_name(v))))
}

fn number_arg(v: &Value, name: &str) -> Result<f64, IntrinsicError> {
    v.as_f64().ok_or_else(|| IntrinsicError::Invalid(format!("{name}: expected a number, got {}", type_name(v))))
}

fn string_arg<'v>(v: &'v Value, name: &str) -> Result<&'v str, IntrinsicError> {
    v.as_str().ok_or_else(|| IntrinsicError::Invalid(format!("{name}: expected a string, got {}", type_name(v))))
}

/// Java's `Math.round`: half up towards positive infinity (INT-06: 1.5→2, −1.5→−1, −2.5→−2).
pub fn java_round(x: f64) -> i64 {
    (x + 0.5).floor() as i64
}

/// INT-07: `{}` placeholders; `\{` and `\}` (kept escaped by the parser) are literal braces.
fn format(args: &[Value], raw: &[Arg]) -> Result<String, String> {
    let Value::String(template) = &args[0] else { return Err("the first argument must be a string".into()) };
    let escaped_in_literal = matches!(raw.first(), Some(Arg::String(_)));
    let values = &args[1..];
    let mut out = String::with_capacity(template.len() + 16 * values.len());
    let mut used = 0;
    let mut rest: &str = template;
    // Copies the text between the interesting characters in one go.
    while let Some(at) = rest.find(['{', '\\']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if escaped_in_literal && (tail.starts_with("\\{") || tail.starts_with("\\}")) {
            out.push_str(&tail[1..2]);
            rest = &tail[2..];
        } else if tail.starts_with("{}") {
            let v = values.get(used).ok_or("there are more {} placeholders than arguments")?;
            used += 1;
            render_into(&mut out, v);
            rest = &tail[2..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    if used != values.len() {
        return Err(format!("{} argument(s) given for {used} placeholder(s)", values.len()));
    }
    Ok(out)
}

/// How AWS's Java runtime prints a value into a string (objects as Java maps: `{a=1, b=[]}`).
fn render_into(out: &mut String, v: &Value) {
    use std::fmt::Write;
    match v {
        Value::String(s) => out.push_str(s),
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let _ = write!(out, "{n}");
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                render_into(out, item);
            }
            out.push(']');
        }
        Value::Object(m) => {
            out.push('{');
            for (i, (k, v)) in m.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(k);
                out.push('=');
                render_into(out, v);
            }
            out.push('}');
        }
    }
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (chunk[0] as u32) << 16 | (*chunk.get(1).unwrap_or(&0) as u32) << 8 | *chunk.get(2).unwrap_or(&0) as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(B64[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let clean: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if clean.len() % 4 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(clean.len() / 4 * 3);
    for chunk in clean.chunks(4) {
        let mut n = 0u32;
        let mut pad = 0;
        for &c in chunk {
            let v = match c {
                b'=' => {
                    pad += 1;
                    0
                }
                _ if pad > 0 => return None,
                _ => B64.iter().position(|&b| b == c)? as u32,
            };
            n = n << 6 | v;
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad.min(2)]);
    }
    Some(out)
}

fn hash(data: &str, algorithm: &str) -> Option<String> {
    use sha2::Digest;
    let bytes = data.as_bytes();
    let digest: Vec<u8> = match algorithm {
        "MD5" => md5::Md5::digest(bytes).to_vec(),
        "SHA-1" => sha1::Sha1::digest(bytes).to_vec(),
        "SHA-256" => sha2::Sha256::digest(bytes).to_vec(),
        "SHA-384" => sha2::Sha384::digest(bytes).to_vec(),
        "SHA-512" => sha2::Sha512::digest(bytes).to_vec(),
        _ => return None,
    };
    Some(digest.iter().map(|b| format!("{b:02x}")).collect())
}

/// A number value from an i64 or f64, as JSON would hold it.
pub fn number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        Value::from(x as i64)
    } else {
        Number::from_f64(x).map_or(Value::Null, Value::Number)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{eval::NoVariables, parse_intrinsic};
    use super::*;
    use serde_json::json;

    fn run(text: &str, input: serde_json::Value) -> Result<Value, IntrinsicError> {
        let (input, ctx) = (Value::from(input), Value::empty_object());
        call(&parse_intrinsic(text).unwrap(), &PathEnv { input: &input, context: &ctx, variables: &NoVariables }, &mut Rng::new(1))
    }

    #[test]
    fn intrinsics_behave_like_aws() {
        let cases: &[(&str, serde_json::Value, serde_json::Value)] = &[
            ("States.Format('a {} b {}', $.x, $.o)", json!({"x": 1.5, "o": {"Arg1": 1, "Arg2": []}}), json!("a 1.5 b {Arg1=1, Arg2=[]}")), // INT-07
            ("States.Format('\\{literal\\} {}', $.x)", json!({"x": null}), json!("{literal} null")),
            ("States.StringToJson($.s)", json!({"s": " "}), json!(null)), // INT-08
            ("States.StringToJson($.s)", json!({"s": "{\"a\":[1]}"}), json!({"a": [1]})),
            ("States.JsonToString($.o)", json!({"o": {"name": "Foo", "year": 2020}}), json!("{\"name\":\"Foo\",\"year\":2020}")), // INT-09
            ("States.ArrayPartition($.a, 2)", json!({"a": [1, 2, 3]}), json!([[1, 2], [3]])), // INT-11
            ("States.ArrayContains($.a, $.v)", json!({"a": [{"x": 1}], "v": {"x": 1.0}}), json!(true)), // INT-12
            ("States.ArrayRange(0, 10, 3)", json!({}), json!([0, 3, 6, 9])), // INT-13
            ("States.ArrayRange(1, 9, 9)", json!({}), json!([1])),
            ("States.ArrayGetItem($.a, 1)", json!({"a": [5, 6]}), json!(6)),
            ("States.ArrayLength($.a)", json!({"a": [5, 6]}), json!(2)),
            ("States.ArrayUnique($.a)", json!({"a": [1, 2, 1, 3, 2]}), json!([1, 2, 3])),
            ("States.Base64Encode('Data to encode')", json!({}), json!("RGF0YSB0byBlbmNvZGU=")), // INT-17
            ("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')", json!({}), json!("Data to encode")),
            ("States.Hash('input data', 'SHA-1')", json!({}), json!("aaff4a450a104cd177d28d18d74485e8cae074b7")), // INT-18
            ("States.JsonMerge($.a, $.b, false)", json!({"a": {"x": 1, "n": {"p": 1}}, "b": {"n": {"q": 2}}}), json!({"x": 1, "n": {"q": 2}})), // INT-19
            ("States.MathAdd(-1.5, 0)", json!({}), json!(-1)), // INT-06
            ("States.MathAdd(2.5, 0)", json!({}), json!(3)),
            ("States.StringSplit($.s, '.+,=')", json!({"s": "This.is+a,test=string"}), json!(["This", "is", "a", "test", "string"])), // INT-22
            ("States.StringSplit(',,,,', ',')", json!({}), json!([])),
            ("States.Array(1, 'a', null, true)", json!({}), json!([1, "a", null, true])), // INT-10
        ];
        for (text, input, expected) in cases {
            assert_eq!(&run(text, input.clone()).unwrap(), expected, "{text}");
        }
    }

    #[test]
    fn seeded_math_random_is_repeatable() {
        // INT-20: the same seed gives the same number, within [start, end).
        let a = run("States.MathRandom(0, 999, 3)", json!({})).unwrap();
        assert_eq!(a, run("States.MathRandom(0, 999, 3)", json!({})).unwrap());
        assert_eq!(a, json!(239));
    }

    #[test]
    fn failures_are_reported() {
        for text in ["States.ArrayGetItem($.a, 5)", "States.ArrayPartition($.a, 0)", "States.JsonMerge($.a, $.a, true)", "States.Format('{} {}', 1)", "States.MathAdd(3000000000, 1)"] {
            assert!(matches!(run(text, json!({"a": [1]})), Err(IntrinsicError::Invalid(_))), "{text}");
        }
        assert!(matches!(run("States.ArrayLength($.missing)", json!({})), Err(IntrinsicError::Path { .. })));
    }
}

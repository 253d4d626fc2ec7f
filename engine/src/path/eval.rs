//! Evaluating paths against data: `$` (input), `$$` (context object), `$name` (variables), Jayway semantics.

use std::cmp::Ordering;

use crate::value::Value;

use super::{CompareOp, Filter, FilterOperand, Path, Root, Segment, UnionItem};

/// Where a path's roots point.
pub struct PathEnv<'a> {
    pub input: &'a Value,
    pub context: &'a Value,
    pub variables: &'a dyn Variables,
}

/// Workflow variables visible to a path (`$name`).
pub trait Variables {
    fn get(&self, name: &str) -> Option<&Value>;
}

/// No variables at all.
pub struct NoVariables;

impl Variables for NoVariables {
    fn get(&self, _: &str) -> Option<&Value> {
        None
    }
}

/// Why a path found nothing, in the words Jayway (and so AWS) uses.
#[derive(Debug, Clone, PartialEq)]
pub enum PathError {
    /// The last step found nothing: "No results for path: $['x']".
    NoResults(String),
    /// An intermediate step found nothing: "Missing property in path $['no']".
    MissingProperty(String),
    /// A `$name` variable that has no value.
    UnknownVariable(String),
}

impl PathError {
    /// "Invalid path '$.x' : No results for path: $['x']" (the form AWS reports for InputPath and friends).
    pub fn invalid_path_message(&self, path: &str) -> String {
        match self {
            PathError::NoResults(p) => format!("Invalid path '{path}' : No results for path: {p}"),
            PathError::MissingProperty(p) => format!("Invalid path '{path}' : Missing property in path {p}"),
            PathError::UnknownVariable(v) => format!("Invalid path '{path}' : The variable '${v}' has no value"),
        }
    }
}

/// The value a path selects: the single node of a definite path, or an array of every match otherwise.
pub fn evaluate(path: &Path, env: &PathEnv) -> Result<Value, PathError> {
    evaluate_ref(path, env).map(std::borrow::Cow::into_owned)
}

/// Like `evaluate`, but borrowing when the path is definite (the common case: no copy of the data).
#[inline]
pub fn evaluate_ref<'v>(path: &Path, env: &PathEnv<'v>) -> Result<std::borrow::Cow<'v, Value>, PathError> {
    // By far the commonest paths are member names and indexes into the input (`$.a.b[0]`), and every
    // state evaluates several: they are walked here without the general machinery. Anything else, and any
    // miss (which needs its error), goes the general way.
    if let Root::Input = path.root {
        let mut current = env.input;
        for segment in &path.segments {
            match member_or_item(current, segment) {
                Some(v) => current = v,
                None => return evaluate_ref_in_general(path, env),
            }
        }
        return Ok(std::borrow::Cow::Borrowed(current));
    }
    evaluate_ref_in_general(path, env)
}

fn evaluate_ref_in_general<'v>(path: &Path, env: &PathEnv<'v>) -> Result<std::borrow::Cow<'v, Value>, PathError> {
    let root: &'v Value = match &path.root {
        Root::Input => env.input,
        Root::Context => env.context,
        Root::Variable(name) => match env.variables.get(name) {
            // Variables are borrowed from the environment's owner for as long as the input is.
            Some(v) => return definite_or_all(v, path, env).map(|v| std::borrow::Cow::Owned(v.into_owned())),
            None => return Err(PathError::UnknownVariable(name.clone())),
        },
    };
    definite_or_all(root, path, env)
}

fn definite_or_all<'v>(root: &'v Value, path: &Path, env: &PathEnv) -> Result<std::borrow::Cow<'v, Value>, PathError> {
    if path.is_definite() {
        definite(root, &path.segments)
    } else {
        let mut current = vec![root];
        for segment in &path.segments {
            let mut next = Vec::new();
            for value in current {
                step(value, segment, env, &mut next);
            }
            current = next;
        }
        Ok(std::borrow::Cow::Owned(Value::array(current.into_iter().cloned().collect())))
    }
}

fn definite<'v>(root: &'v Value, segments: &[Segment]) -> Result<std::borrow::Cow<'v, Value>, PathError> {
    let mut current = root;
    for (i, segment) in segments.iter().enumerate() {
        let found = match segment {
            Segment::Function(name) => {
                return function(name, current).map(std::borrow::Cow::Owned).ok_or_else(|| PathError::NoResults(normalized(&segments[..=i])));
            }
            _ => member_or_item(current, segment),
        };
        match found {
            Some(v) => current = v,
            None if i + 1 == segments.len() => return Err(PathError::NoResults(normalized(segments))),
            None => return Err(PathError::MissingProperty(normalized(&segments[..=i]))),
        }
    }
    Ok(std::borrow::Cow::Borrowed(current))
}

/// One step of a definite path: the member a name selects in an object, or the item an index selects in an
/// array; `None` when there is none, or for any other kind of step.
#[inline]
fn member_or_item<'v>(current: &'v Value, segment: &Segment) -> Option<&'v Value> {
    match (segment, current) {
        (Segment::Child(name), Value::Object(map)) => map.get_hinted(name, name.hint()),
        (Segment::Index(index), Value::Array(items)) => resolve_index(*index, items.len()).and_then(|i| items.get(i)),
        _ => None,
    }
}

/// Jayway's normalized form: `$['a'][0]['b']`.
pub fn normalized(segments: &[Segment]) -> String {
    let mut out = String::from("$");
    for s in segments {
        match s {
            Segment::Child(n) => out.push_str(&format!("['{n}']")),
            Segment::Index(i) => out.push_str(&format!("[{i}]")),
            Segment::Function(f) => out.push_str(&format!(".{f}()")),
            Segment::Wildcard => out.push_str("[*]"),
            _ => out.push_str("[…]"),
        }
    }
    out
}

fn resolve_index(index: i64, len: usize) -> Option<usize> {
    if index >= 0 {
        Some(index as usize)
    } else {
        len.checked_sub(index.unsigned_abs() as usize)
    }
}

fn step<'v>(value: &'v Value, segment: &Segment, env: &PathEnv, out: &mut Vec<&'v Value>) {
    match segment {
        Segment::Child(name) => {
            if let Value::Object(m) = value {
                out.extend(m.get(name));
            }
        }
        Segment::Index(i) => {
            if let Value::Array(items) = value {
                out.extend(resolve_index(*i, items.len()).and_then(|i| items.get(i)));
            }
        }
        Segment::Wildcard => match value {
            Value::Array(items) => out.extend(items.iter()),
            Value::Object(m) => out.extend(m.values()),
            _ => {}
        },
        Segment::Slice(start, end, step_by) => {
            if let Value::Array(items) = value {
                let len = items.len() as i64;
                let clamp = |v: i64| if v < 0 { (len + v).max(0) } else { v.min(len) };
                let from = clamp(start.unwrap_or(0));
                let to = clamp(end.unwrap_or(len));
                let by = step_by.unwrap_or(1).max(1) as usize;
                if from < to {
                    out.extend(items[from as usize..to as usize].iter().step_by(by));
                }
            }
        }
        Segment::Union(items) => {
            for item in items {
                match (item, value) {
                    (UnionItem::Name(n), Value::Object(m)) => out.extend(m.get(n)),
                    (UnionItem::Index(i), Value::Array(a)) => out.extend(resolve_index(*i, a.len()).and_then(|i| a.get(i))),
                    _ => {}
                }
            }
        }
        Segment::Descendant(inner) => {
            let mut stack = vec![value];
            let mut visited = Vec::new();
            while let Some(v) = stack.pop() {
                visited.push(v);
                match v {
                    Value::Array(items) => stack.extend(items.iter().rev()),
                    Value::Object(m) => stack.extend(m.values().rev()),
                    _ => {}
                }
            }
            for v in visited {
                step(v, inner, env, out);
            }
        }
        Segment::Filter(filter) => {
            let candidates: Vec<&Value> = match value {
                Value::Array(items) => items.iter().collect(),
                Value::Object(_) => vec![value],
                _ => Vec::new(),
            };
            for c in candidates {
                if test(filter, c, env) {
                    out.push(c);
                }
            }
        }
        Segment::Function(_) => {}
    }
}

fn test(filter: &Filter, current: &Value, env: &PathEnv) -> bool {
    match filter {
        Filter::Or(a, b) => test(a, current, env) || test(b, current, env),
        Filter::And(a, b) => test(a, current, env) && test(b, current, env),
        Filter::Not(a) => !test(a, current, env),
        Filter::Exists(operand) => match operand_value(operand, current, env) {
            Some(Value::Bool(false)) | None => false,
            Some(_) => true,
        },
        Filter::Compare(left, op, right) => {
            let (Some(l), Some(r)) = (operand_value(left, current, env), operand_value(right, current, env)) else {
                return matches!(op, CompareOp::Ne | CompareOp::Nin);
            };
            compare(&l, *op, &r, right)
        }
    }
}

fn operand_value(operand: &FilterOperand, current: &Value, env: &PathEnv) -> Option<Value> {
    match operand {
        FilterOperand::Literal(v) => Some(v.clone()),
        FilterOperand::Regex(r) => Some(Value::string(r.as_str())),
        FilterOperand::Path { relative, segments } => {
            let root = if *relative { current } else { env.input };
            if segments.iter().all(|s| matches!(s, Segment::Child(_) | Segment::Index(_) | Segment::Function(_))) {
                definite(root, segments).ok().map(|v| v.into_owned())
            } else {
                let path = Path { root: Root::Input, segments: segments.clone() };
                evaluate(&path, &PathEnv { input: root, context: env.context, variables: env.variables }).ok()
            }
        }
    }
}

fn compare(l: &Value, op: CompareOp, r: &Value, right: &FilterOperand) -> bool {
    match op {
        CompareOp::Eq => loose_eq(l, r),
        CompareOp::Ne => !loose_eq(l, r),
        CompareOp::Lt | CompareOp::Le | CompareOp::Gt | CompareOp::Ge => {
            let ord = match (l, r) {
                (Value::Number(a), Value::Number(b)) => a.as_f64().partial_cmp(&b.as_f64()),
                (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
                _ => None,
            };
            match ord {
                None => false,
                Some(o) => match op {
                    CompareOp::Lt => o == Ordering::Less,
                    CompareOp::Le => o != Ordering::Greater,
                    CompareOp::Gt => o == Ordering::Greater,
                    _ => o != Ordering::Less,
                },
            }
        }
        CompareOp::Matches => match (l, right) {
            (Value::String(s), FilterOperand::Regex(re)) => regex_lite::Regex::new(re).is_ok_and(|re| re.is_match(s)),
            _ => false,
        },
        CompareOp::In => r.as_array().is_some_and(|a| a.iter().any(|x| loose_eq(l, x))),
        CompareOp::Nin => r.as_array().is_some_and(|a| !a.iter().any(|x| loose_eq(l, x))),
    }
}

/// Equality where numbers compare by value (1 == 1.0).
pub fn loose_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y.iter()).all(|(a, b)| loose_eq(a, b)),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| loose_eq(v, w))),
        _ => a == b,
    }
}

/// Jayway path functions: `length()`, `size()`, `min()`, `max()`, `avg()`, `sum()`, `stddev()`, `keys()`, `first()`, `last()`.
fn function(name: &str, value: &Value) -> Option<Value> {
    let numbers = || -> Option<Vec<f64>> { value.as_array()?.iter().map(Value::as_f64).collect() };
    let number = |f: f64| crate::value::Number::from_f64(f).map(Value::Number);
    match name {
        "length" | "size" => match value {
            Value::Array(a) => Some(a.len().into()),
            Value::Object(m) => Some(m.len().into()),
            Value::String(s) => Some(s.chars().count().into()),
            _ => None,
        },
        "min" => numbers()?.into_iter().reduce(f64::min).and_then(number),
        "max" => numbers()?.into_iter().reduce(f64::max).and_then(number),
        "sum" => number(numbers()?.iter().sum()),
        "avg" => {
            let n = numbers()?;
            (!n.is_empty()).then(|| n.iter().sum::<f64>() / n.len() as f64).and_then(number)
        }
        "stddev" => {
            let n = numbers()?;
            let mean = n.iter().sum::<f64>() / n.len().max(1) as f64;
            number((n.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n.len().max(1) as f64).sqrt())
        }
        "keys" => value.as_object().map(|m| Value::array(m.keys().cloned().map(Value::String).collect())),
        "first" => value.as_array()?.first().cloned(),
        "last" => value.as_array()?.last().cloned(),
        _ => None,
    }
}

/// Writes `value` at a reference path inside `target`, creating objects on the way (ResultPath, IO-09).
/// Returns false when the path cannot be applied (e.g. it goes through a string).
pub fn set_at(target: &mut Value, segments: &[Segment], value: Value) -> bool {
    let Some((last, init)) = segments.split_last() else {
        *target = value;
        return true;
    };
    let mut current = target;
    for segment in init {
        current = match segment {
            Segment::Child(name) => {
                if current.is_null() {
                    *current = Value::empty_object();
                }
                let Some(map) = current.as_object_mut() else { return false };
                map.get_or_insert_with(name, Value::empty_object)
            }
            Segment::Index(i) => {
                let Some(items) = current.as_array_mut() else { return false };
                let len = items.len();
                match resolve_index(*i, len).and_then(|i| items.get_mut(i)) {
                    Some(v) => v,
                    None => return false,
                }
            }
            _ => return false,
        };
    }
    match last {
        Segment::Child(name) => {
            if current.is_null() {
                *current = Value::empty_object();
            }
            let Some(map) = current.as_object_mut() else { return false };
            map.insert(name.as_str(), value);
            true
        }
        Segment::Index(i) => {
            let Some(items) = current.as_array_mut() else { return false };
            let len = items.len();
            match resolve_index(*i, len).and_then(|i| items.get_mut(i)) {
                Some(slot) => {
                    *slot = value;
                    true
                }
                None => false,
            }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse_path;
    use super::*;
    use serde_json::json;

    fn eval(path: &str, input: serde_json::Value) -> Result<Value, PathError> {
        let (input, ctx) = (Value::from(input), crate::val!({"Execution": {"Id": "arn"}}));
        evaluate(&parse_path(path).unwrap(), &PathEnv { input: &input, context: &ctx, variables: &NoVariables })
    }

    #[test]
    fn jayway_semantics() {
        let doc = json!({"a": {"b": [1, 2, 3]}, "items": [{"p": 5, "n": "x"}, {"p": 15, "n": "y"}], "k v": 1});
        let cases: &[(&str, serde_json::Value)] = &[
            ("$", doc.clone()),
            ("$.a.b[0]", json!(1)),
            ("$.a.b[-1]", json!(3)),
            ("$.a.b[0:2]", json!([1, 2])),
            ("$.a.b[*]", json!([1, 2, 3])),
            ("$.items[?(@.p > 10)].n", json!(["y"])),
            ("$.items[?(@.n == 'x')]", json!([{"p": 5, "n": "x"}])),
            ("$..n", json!(["x", "y"])),
            ("$['k v']", json!(1)),
            ("$.a.b.length()", json!(3)),
            ("$.items[*].p", json!([5, 15])),
            ("$.a.b[5:9]", json!([])),
        ];
        for (path, expected) in cases {
            assert_eq!(&eval(path, doc.clone()).unwrap(), expected, "{path}");
        }
        assert_eq!(eval("$$.Execution.Id", json!({})).unwrap(), json!("arn"));
    }

    #[test]
    fn errors_use_jayway_wording() {
        // IO-04: the messages AWS reports.
        let e = eval("$.x", json!({})).unwrap_err();
        assert_eq!(e.invalid_path_message("$.x"), "Invalid path '$.x' : No results for path: $['x']");
        let e = eval("$.no.such.result.path", json!({})).unwrap_err();
        assert_eq!(e.invalid_path_message("$.no.such.result.path"), "Invalid path '$.no.such.result.path' : Missing property in path $['no']");
    }

    #[test]
    fn set_at_creates_objects() {
        let mut v = crate::val!({"a": 1});
        assert!(set_at(&mut v, &parse_path("$.b.c").unwrap().segments, Value::from(2)));
        assert_eq!(v, json!({"a": 1, "b": {"c": 2}}));
        let mut s = Value::from("text");
        assert!(!set_at(&mut s, &parse_path("$.x").unwrap().segments, Value::from(1)));
    }
}

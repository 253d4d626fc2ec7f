//! The functions AWS adds to JSONata, and the ones it changes: `$now`/`$millis` on the virtual clock,
//! seeded `$random`/`$uuid`/`$shuffle`, and no `$eval`.

use std::cell::RefCell;
use std::rc::Rc;

use jsonata_core::evaluator::{Context, Evaluator, EvaluatorError};
use jsonata_core::value::JValue;

use super::{to_jvalue, to_value};
use crate::rng::Rng;
use crate::timestamp::format_timestamp;

type HostResult = Result<JValue, EvaluatorError>;

fn fail(code: &str, message: &str) -> EvaluatorError {
    EvaluatorError::EvaluationError(format!("{code}: {message}"))
}

fn arg_number(args: &[JValue], i: usize, function: &str) -> Result<f64, EvaluatorError> {
    match args.get(i) {
        Some(JValue::Number(n)) => Ok(*n),
        _ => Err(fail("T0410", &format!("Argument {} of function \"{function}\" does not match function signature", i + 1))),
    }
}

fn arg_string<'a>(args: &'a [JValue], i: usize, function: &str) -> Result<&'a str, EvaluatorError> {
    match args.get(i) {
        Some(JValue::String(s)) => Ok(s),
        _ => Err(fail("T0410", &format!("Argument {} of function \"{function}\" does not match function signature", i + 1))),
    }
}

pub(super) fn register(ev: &mut Evaluator, now_millis: i64, rng: Rc<RefCell<Rng>>) -> Result<(), EvaluatorError> {
    let iso_now = {
        let nanos = now_millis as i128 * 1_000_000;
        let s = format_timestamp(nanos);
        // `$now()` always prints milliseconds, like JavaScript's `toISOString`.
        if s.contains('.') { s } else { s.replacen('Z', ".000Z", 1) }
    };
    ev.register_fn_override("now", move |args: &[JValue]| -> HostResult {
        if args.is_empty() {
            return Ok(JValue::string(iso_now.clone()));
        }
        // `$now(picture, timezone)` formats the virtual time through `$fromMillis`.
        let mut context = Context::new();
        context.bind("m".into(), JValue::Number(now_millis as f64));
        context.bind("p".into(), args[0].clone());
        context.bind("t".into(), args.get(1).cloned().unwrap_or(JValue::Undefined));
        let ast = jsonata_core::parser::parse("$fromMillis($m, $p, $t)").map_err(|e| fail("D3110", &e.to_string()))?;
        Evaluator::with_context(context).evaluate(&ast, &JValue::Undefined)
    })?;
    ev.register_fn_override("millis", move |_: &[JValue]| -> HostResult { Ok(JValue::Number(now_millis as f64)) })?;
    let r = rng.clone();
    ev.register_fn_override("random", move |args: &[JValue]| -> HostResult {
        match args.first() {
            // AWS: the same seed gives the same number.
            Some(seed) => {
                let seed = match seed {
                    JValue::Number(n) => n.floor() as i64 as u64,
                    other => to_value(other).map(|v| v.to_string()).unwrap_or_default().bytes().fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64)),
                };
                Ok(JValue::Number(Rng::new(seed).next_f64()))
            }
            None => Ok(JValue::Number(r.borrow_mut().next_f64())),
        }
    })?;
    let r = rng.clone();
    ev.register_fn("uuid", move |_: &[JValue]| -> HostResult { Ok(JValue::string(r.borrow_mut().uuid())) })?;
    let r = rng;
    ev.register_fn_override("shuffle", move |args: &[JValue]| -> HostResult {
        let mut items: Vec<JValue> = match args.first() {
            Some(JValue::Array(a)) => a.iter().cloned().collect(),
            Some(JValue::Undefined) | None => return Ok(JValue::Undefined),
            Some(other) => vec![other.clone()],
        };
        let mut rng = r.borrow_mut();
        for i in (1..items.len()).rev() {
            let j = rng.range(0, i as i64 + 1) as usize;
            items.swap(i, j);
        }
        Ok(JValue::array(items))
    })?;
    ev.register_fn_override("eval", |_: &[JValue]| -> HostResult { Err(fail("T1006", "Attempted to invoke a non-function")) })?;
    ev.register_fn("partition", |args: &[JValue]| -> HostResult {
        let items: Vec<JValue> = match args.first() {
            Some(JValue::Array(a)) => a.iter().cloned().collect(),
            _ => return Err(fail("T0410", "Argument 1 of function \"partition\" does not match function signature")),
        };
        let size = arg_number(args, 1, "partition")?.floor();
        if size < 1.0 {
            return Err(fail("D3040", "The size argument of $partition must be a positive integer"));
        }
        Ok(JValue::array(items.chunks(size as usize).map(|c| JValue::array(c.to_vec())).collect()))
    })?;
    ev.register_fn("range", |args: &[JValue]| -> HostResult {
        let start = arg_number(args, 0, "range")?.floor() as i64;
        let end = arg_number(args, 1, "range")?.floor() as i64;
        let step = match args.get(2) {
            None | Some(JValue::Undefined) => 1,
            Some(_) => arg_number(args, 2, "range")?.floor() as i64,
        };
        if step == 0 {
            return Err(fail("D3041", "The step argument of $range must not be 0"));
        }
        let mut out = Vec::new();
        let mut v = start;
        while (step > 0 && v <= end) || (step < 0 && v >= end) {
            out.push(JValue::Number(v as f64));
            if out.len() > super::MAX_SEQUENCE {
                return Err(fail("D2014", "The size of the sequence allocated by the range operator exceeds the limit"));
            }
            v += step;
        }
        Ok(JValue::array(out))
    })?;
    ev.register_fn("hash", |args: &[JValue]| -> HostResult {
        let data = match args.first() {
            Some(JValue::String(s)) => s.to_string(),
            Some(other) => to_value(other).map(|v| v.to_string()).unwrap_or_default(),
            None => return Err(fail("T0410", "Argument 1 of function \"hash\" does not match function signature")),
        };
        let algorithm = arg_string(args, 1, "hash")?;
        let input = crate::value::Value::array(vec![data.into(), algorithm.into()]);
        let call = crate::path::parse_intrinsic("States.Hash($[0], $[1])").map_err(|e| fail("D3137", &e))?;
        let env = crate::path::eval::PathEnv { input: &input, context: &crate::value::Value::Null, variables: &crate::path::eval::NoVariables };
        match crate::path::functions::call(&call, &env, &mut Rng::new(0)) {
            Ok(v) => Ok(to_jvalue(&v)),
            Err(_) => Err(fail("D3137", &format!("Unsupported hash algorithm '{algorithm}': use MD5, SHA-1, SHA-256, SHA-384 or SHA-512"))),
        }
    })?;
    ev.register_fn("parse", |args: &[JValue]| -> HostResult {
        let text = arg_string(args, 0, "parse")?;
        serde_json::from_str::<crate::value::Value>(text).map(|v| to_jvalue(&v)).map_err(|e| fail("D3137", &format!("$parse: the string is not valid JSON ({e})")))
    })?;
    Ok(())
}

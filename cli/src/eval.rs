//! `asl eval EXPRESSION`: evaluates one JSONata expression the way a JSONata state would — no context
//! document, `$states.input` (and `$states.context`) bound, workflow variables as `$name`, the virtual
//! clock for `$now()`, a seed for `$random()`/`$uuid()`.

use std::process::ExitCode;

use engine::jsonata::{compile, evaluate, Host, Outcome};
use engine::rng::Rng;
use engine::timestamp::parse_timestamp;
use serde_json::{json, Value};

use crate::load;
use crate::usage_error;

pub fn run(args: &[String]) -> ExitCode {
    let mut expression = None;
    let mut input = json!({});
    let mut vars: Vec<(String, Value)> = Vec::new();
    let mut now = "2024-01-01T00:00:00Z".to_owned();
    let mut seed = 0u64;
    let mut as_json = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let r: Result<(), String> = (|| {
            match arg.as_str() {
                "--input" => input = load::json(&load::value(&mut it, "--input")?)?,
                "--var" => {
                    let v = load::value(&mut it, "--var")?;
                    let (name, value) = v.split_once('=').ok_or("--var takes name=JSON")?;
                    let value = serde_json::from_str(value).map_err(|e| format!("--var {name}: not JSON ({e})"))?;
                    vars.push((name.trim_start_matches('$').to_owned(), value));
                }
                "--now" => now = load::value(&mut it, "--now")?,
                "--seed" => seed = load::value(&mut it, "--seed")?.parse().map_err(|_| "--seed takes a whole number")?,
                "--json" => as_json = true,
                s if s.starts_with("--") => return Err(format!("unknown option '{s}'")),
                e if expression.is_none() => expression = Some(e.to_owned()),
                extra => return Err(format!("unexpected argument '{extra}'")),
            }
            Ok(())
        })();
        if let Err(e) = r {
            return usage_error(&e);
        }
    }
    let Some(expression) = expression else { return usage_error("eval needs an EXPRESSION") };
    let Some(now) = parse_timestamp(&now) else { return usage_error("--now takes an RFC 3339 timestamp such as 2024-01-01T00:00:00Z") };
    let text = expression.trim();
    let text = text.strip_prefix("{%").and_then(|t| t.strip_suffix("%}")).unwrap_or(text);
    let states = engine::value::Value::from(json!({"input": input, "context": {"Execution": {"Input": input}}}));
    let vars: Vec<(String, engine::value::Value)> = vars.into_iter().map(|(n, v): (String, serde_json::Value)| (n, v.into())).collect();
    let lookup = |name: &str| if name == "states" { Some(states.clone()) } else { vars.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()) };
    let mut rng = Rng::new(seed);
    let outcome = compile(text).and_then(|e| evaluate(&e, None, &lookup, &mut Host { now_millis: (now.epoch_nanos / 1_000_000) as i64, rng: &mut rng }));
    let (line, code) = match outcome {
        Ok(Outcome::Value(v)) => (if as_json { json!({"result": v}).to_string() } else { serde_json::to_string_pretty(&v).unwrap_or_default() }, 0),
        Ok(Outcome::Undefined) => (
            if as_json { json!({"undefined": true}).to_string() } else { format!("The JSONata expression '{text}' returned nothing (undefined).") },
            1,
        ),
        Ok(Outcome::Function) => (
            if as_json { json!({"function": true}).to_string() } else { format!("The JSONata expression '{text}' returned an unsupported result type (a function).") },
            1,
        ),
        Err(e) => (
            if as_json { json!({"error": e.code, "message": e.describe()}).to_string() } else { format!("The JSONata expression '{text}' threw an error during evaluation. {}", e.describe()) },
            1,
        ),
    };
    if code == 0 || as_json {
        println!("{line}");
    } else {
        eprintln!("{line}");
    }
    ExitCode::from(code)
}

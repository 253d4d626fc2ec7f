//! JSONata states (JA-*): `$states.input/result/errorOutput/context`, Arguments, Output, Assign, Condition,
//! Items, ItemSelector and the expression-valued numbers, with AWS's `States.QueryEvaluationError` causes
//! and the `EvaluationFailed` event (JA-07, JA-08).

use crate::value::{Map, Value};

use super::failure::Failure;
use super::jtemplate::JTemplate;
use super::plan::PKind;
use super::Execution;
use crate::history::Detail;
use crate::jsonata::{evaluate, Host, Outcome};
use crate::path::eval::Variables;
use crate::timestamp::parse_timestamp;

/// Why a JSONata field could not be evaluated: the field, the expression, and what went wrong.
struct QueryError {
    field: String,
    text: String,
    problem: String,
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

impl Execution {
    /// `$states` for the current state: `input` and `context`, plus `result` or `errorOutput` where allowed.
    pub(super) fn states_var(&mut self, fiber: usize, result: Option<&Value>, error_output: Option<&Value>) -> Value {
        let mut states = Map::new();
        states.insert("input", self.fibers[fiber].data.clone());
        let mut context = self.context(fiber);
        if let (Some(call), Some(m)) = (&self.fibers[fiber].task, context.as_object_mut()) {
            if !call.token.is_empty() {
                m.insert("Task", super::work::task_context(&call.token));
            }
        }
        states.insert("context", context);
        if let Some(r) = result {
            states.insert("result", r.clone());
        }
        if let Some(e) = error_output {
            states.insert("errorOutput", e.clone());
        }
        Value::object(states)
    }

    fn ja_value(&mut self, fiber: usize, t: &JTemplate, states: &Value) -> Result<Value, QueryError> {
        match t {
            JTemplate::Literal(v) => Ok(v.clone()),
            JTemplate::Invalid { text, field, message } => Err(QueryError { field: field.clone(), text: text.clone(), problem: format!("threw an error during evaluation. {message}") }),
            JTemplate::Object(members) => {
                let mut out = Map::with_capacity(members.len());
                for (k, t) in members {
                    out.insert(k.clone(), self.ja_value(fiber, t, states)?);
                }
                Ok(Value::object(out))
            }
            JTemplate::Array(items) => items.iter().map(|t| self.ja_value(fiber, t, states)).collect::<Result<Vec<_>, _>>().map(Value::array),
            JTemplate::Expr { expr, field } => {
                let vars = self.vars(fiber);
                let lookup = |name: &str| if name == "states" { Some(states.clone()) } else { vars.get(name).cloned() };
                let now_millis = (self.clock / 1_000_000) as i64;
                let mut host = Host { now_millis, rng: &mut self.rng };
                let problem = match evaluate(expr, None, &lookup, &mut host) {
                    Ok(Outcome::Value(v)) => return Ok(v),
                    Ok(Outcome::Undefined) => "returned nothing (undefined).".to_owned(),
                    Ok(Outcome::Function) => "returned an unsupported result type.".to_owned(),
                    Err(e) => format!("threw an error during evaluation. {}", e.describe()),
                };
                Err(QueryError { field: field.clone(), text: expr.text.clone(), problem })
            }
        }
    }

    /// The failure AWS reports for a JSONata problem, after recording `EvaluationFailed` (JA-08).
    fn query_failure(&mut self, fiber: usize, location: &str, detail: &str) -> Failure {
        let f = self.fibers[fiber].entered_event;
        let name = self.plan.states[self.fibers[fiber].state.unwrap_or(0)].name.clone();
        let cause = format!("An error occurred while executing the state '{name}' (entered at the event id #{f}). {detail}");
        let failure = Failure::new("States.QueryEvaluationError", &cause);
        let (error, c, loc) = (failure.error.clone().unwrap_or_default(), cause.clone(), location.to_owned());
        self.emit(fiber, "EvaluationFailed", || {
            vec![("error", Detail::Text(error)), ("cause", Detail::Text(c)), ("location", Detail::Text(loc)), ("state", Detail::Text(name))]
        });
        failure
    }

    /// Evaluates a JSONata field; a failure comes back worded as AWS words it.
    pub(super) fn ja_eval(&mut self, fiber: usize, t: &JTemplate, states: &Value) -> Result<Value, Failure> {
        self.ja_value(fiber, t, states).map_err(|e| {
            let detail = format!("The JSONata expression '{}' specified for the field '{}' {}", e.text, e.field, e.problem);
            self.query_failure(fiber, &e.field, &detail)
        })
    }

    /// Like `ja_eval`, and the value must be of JSON type `expected` (JA-07's "unexpected result type").
    pub(super) fn ja_typed(&mut self, fiber: usize, t: &JTemplate, states: &Value, expected: &str) -> Result<Value, Failure> {
        let v = self.ja_eval(fiber, t, states)?;
        if type_name(&v) == expected {
            return Ok(v);
        }
        let (text, field) = match t {
            JTemplate::Expr { expr, field } => (expr.text.clone(), field.clone()),
            _ => (v.to_string(), String::new()),
        };
        let detail = format!(
            "The JSONata expression '{text}' specified for the field '{field}' returned an unexpected result type. Expected '{expected}', but was '{}' for value: {v}",
            type_name(&v)
        );
        Err(self.query_failure(fiber, &field, &detail))
    }

    /// A whole number within a range, from a literal or an expression (TimeoutSeconds, Seconds, MaxConcurrency…).
    pub(super) fn ja_integer(&mut self, fiber: usize, t: &JTemplate, states: &Value, min: f64) -> Result<f64, Failure> {
        let v = self.ja_typed(fiber, t, states, "number")?;
        match v.as_f64() {
            Some(n) if n.fract() == 0.0 && n >= min => Ok(n),
            _ => {
                let field = match t {
                    JTemplate::Expr { field, .. } => field.clone(),
                    _ => String::new(),
                };
                let detail = format!("The value {v} of the field '{field}' must be an integer of at least {min}");
                Err(self.query_failure(fiber, &field, &detail))
            }
        }
    }

    /// Assign and Output of a JSONata state, both evaluated from the same data (JA-13); Output defaults to
    /// `default`.
    fn ja_assign_and_output(
        &mut self,
        fiber: usize,
        assign: Option<&JTemplate>,
        output: Option<&JTemplate>,
        states: &Value,
        default: Value,
    ) -> Result<(Option<Vec<(String, Value)>>, Value), Failure> {
        let assigned = match assign {
            None => None,
            Some(t) => match self.ja_typed(fiber, t, states, "object")? {
                Value::Object(m) => Some(super::variables::assignments(&m)),
                _ => None,
            },
        };
        let out = match output {
            None => default,
            Some(t) => self.ja_eval(fiber, t, states)?,
        };
        Ok((assigned, out))
    }

    /// Assign and Output, then the exit.
    pub(super) fn ja_exit(&mut self, fiber: usize, assign: Option<&JTemplate>, output: Option<&JTemplate>, states: &Value, default: Value, next: Option<Option<usize>>) {
        match self.ja_assign_and_output(fiber, assign, output, states, default) {
            Ok((assigned, out)) => {
                if assigned.is_some() {
                    self.fibers[fiber].pending_assign = assigned;
                }
                self.exit_current_state(fiber, out, next);
            }
            Err(f) => self.handle_error(fiber, f),
        }
    }

    /// Entering a JSONata state.
    pub(super) fn enter_jsonata(&mut self, fiber: usize) {
        let plan = self.plan.clone();
        let state = &plan.states[self.fibers[fiber].state.unwrap_or(0)];
        let Some(ja) = state.ja.as_deref() else { return };
        let input = self.fibers[fiber].data.clone();
        match &state.kind {
            PKind::Pass { .. } | PKind::Succeed => {
                let states = self.states_var(fiber, None, None);
                self.ja_exit(fiber, ja.assign.as_ref(), ja.output.as_ref(), &states, input, None);
            }
            PKind::Fail { .. } => {
                let states = self.states_var(fiber, None, None);
                let text = |this: &mut Self, t: &Option<JTemplate>| -> Result<Option<String>, Failure> {
                    match t {
                        None => Ok(None),
                        Some(t) => this.ja_typed(fiber, t, &states, "string").map(|v| v.as_str().map(str::to_owned)),
                    }
                };
                match (text(self, &ja.error), text(self, &ja.cause)) {
                    (Ok(error), Ok(cause)) => self.fail_fiber(fiber, Failure { error, cause, heartbeat: false }),
                    (Err(f), _) | (_, Err(f)) => self.fail_fiber(fiber, f),
                }
            }
            PKind::Choice { rules, default } => {
                let states = self.states_var(fiber, None, None);
                for (i, ((condition, assign, output), (_, next, _))) in ja.rules.iter().zip(rules).enumerate() {
                    match self.ja_typed(fiber, condition, &states, "boolean") {
                        Ok(Value::Bool(true)) => {
                            self.note(fiber, "Choice", || format!("Rule #{i} matched"));
                            return self.ja_exit(fiber, assign.as_ref(), output.as_ref(), &states, input, Some(*next));
                        }
                        Ok(_) => {}
                        Err(f) => return self.handle_error(fiber, f),
                    }
                }
                match default {
                    Some(d) => {
                        self.note(fiber, "Choice", || "No rule matched: Default".into());
                        self.ja_exit(fiber, ja.assign.as_ref(), ja.output.as_ref(), &states, input, Some(Some(*d)))
                    }
                    None => self.handle_error(fiber, Failure::new("States.NoChoiceMatched", "No Matches!")),
                }
            }
            PKind::Wait(_) => {
                let states = self.states_var(fiber, None, None);
                let deadline = if let Some(t) = &ja.seconds {
                    self.ja_integer(fiber, t, &states, 0.0).map(|s| self.clock + (s * 1e9) as i128)
                } else if let Some(t) = &ja.timestamp {
                    match self.ja_typed(fiber, t, &states, "string") {
                        Ok(Value::String(s)) => match parse_timestamp(&s) {
                            Some(ts) => Ok(ts.epoch_nanos),
                            None => {
                                let field = "Timestamp";
                                let detail = format!("The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {s}");
                                Err(self.query_failure(fiber, field, &detail))
                            }
                        },
                        Ok(_) => Ok(self.clock),
                        Err(f) => Err(f),
                    }
                } else {
                    Ok(self.clock)
                };
                let deadline = match deadline {
                    Ok(d) => d,
                    Err(f) => return self.handle_error(fiber, f),
                };
                // Output and Assign see the same data at the end of the wait as at its start.
                let (assigned, output) = match self.ja_assign_and_output(fiber, ja.assign.as_ref(), ja.output.as_ref(), &states, input) {
                    Ok(x) => x,
                    Err(f) => return self.handle_error(fiber, f),
                };
                self.fibers[fiber].pending_assign = assigned;
                self.fibers[fiber].effective = output;
                self.fibers[fiber].phase = super::Phase::InWait;
                let until = deadline.max(self.clock);
                self.note(fiber, "Wait", || format!("Waiting until {}", crate::timestamp::format_timestamp(until)));
                self.schedule_at(until, fiber, super::Happening::WaitDone);
            }
            PKind::Task(_) => self.enter_task(fiber),
            PKind::Parallel { .. } => {
                let effective = match &ja.arguments {
                    None => input,
                    Some(t) => {
                        let states = self.states_var(fiber, None, None);
                        match self.ja_eval(fiber, t, &states) {
                            Ok(v) => v,
                            Err(f) => return self.handle_error(fiber, f),
                        }
                    }
                };
                self.fibers[fiber].effective = effective;
                self.start_parallel(fiber);
            }
            PKind::Map(_) => {
                self.fibers[fiber].effective = input;
                self.start_map(fiber);
            }
        }
    }

    /// The items, concurrency and tolerance of a JSONata Map (ST-MAP-04).
    pub(super) fn ja_map_settings(&mut self, fiber: usize) -> Result<(Vec<Value>, f64, Option<f64>, Option<f64>), Failure> {
        let plan = self.plan.clone();
        let state = &plan.states[self.fibers[fiber].state.unwrap_or(0)];
        let ja = state.ja.as_deref().ok_or_else(|| Failure::new("States.Runtime", "not a JSONata state"))?;
        let states = self.states_var(fiber, None, None);
        let items = match &ja.items {
            Some(t) => self.ja_typed(fiber, t, &states, "array")?,
            None => match &self.fibers[fiber].data {
                Value::Array(a) => Value::Array(a.clone()),
                other => {
                    let detail = format!("Map state input must be an array but was: {other}");
                    return Err(self.query_failure(fiber, "Items", &detail));
                }
            },
        };
        let max = match &ja.max_concurrency {
            Some(t) => self.ja_integer(fiber, t, &states, 0.0)?,
            None => 0.0,
        };
        let count = match &ja.tolerated_count {
            Some(t) => Some(self.ja_integer(fiber, t, &states, 0.0)?),
            None => None,
        };
        let percentage = match &ja.tolerated_percentage {
            Some(t) => Some(self.ja_typed(fiber, t, &states, "number")?.as_f64().unwrap_or(0.0)),
            None => None,
        };
        Ok((items.as_array().cloned().unwrap_or_default(), max, count, percentage))
    }

    /// A JSONata Map iteration's input: ItemSelector with `$states.context.Map.Item`, or the item.
    pub(super) fn ja_item_input(&mut self, owner: usize, index: usize, item: Value) -> Result<Value, Failure> {
        let plan = self.plan.clone();
        let state = &plan.states[self.fibers[owner].state.unwrap_or(0)];
        let Some(selector) = state.ja.as_deref().and_then(|j| j.item_selector.as_ref()) else { return Ok(item) };
        let mut states = self.states_var(owner, None, None);
        if let Some(ctx) = states.as_object_mut().and_then(|s| s.get_mut("context")).and_then(Value::as_object_mut) {
            ctx.insert("Map", super::containers::map_item_context(index, item));
        }
        self.ja_eval(owner, selector, &states)
    }

    /// After a JSONata Task, Parallel or Map produced its result: Assign and Output see `$states.result`.
    pub(super) fn ja_complete(&mut self, fiber: usize, result: Value) {
        let plan = self.plan.clone();
        let state = &plan.states[self.fibers[fiber].state.unwrap_or(0)];
        let Some(ja) = state.ja.as_deref() else { return };
        let states = self.states_var(fiber, Some(&result), None);
        self.ja_exit(fiber, ja.assign.as_ref(), ja.output.as_ref(), &states, result, None);
    }

    /// A JSONata catcher (JA-14): Output (default: the error output) and Assign see `$states.errorOutput`.
    pub(super) fn ja_catch(&mut self, fiber: usize, catcher: usize, error_output: Value, next: Option<usize>) {
        let plan = self.plan.clone();
        let state = &plan.states[self.fibers[fiber].state.unwrap_or(0)];
        let (output, assign) = match state.ja.as_deref().and_then(|j| j.catchers.get(catcher)) {
            Some((o, a)) => (o.as_ref(), a.as_ref()),
            None => (None, None),
        };
        let states = self.states_var(fiber, None, Some(&error_output));
        self.fibers[fiber].pending_assign = None;
        self.ja_exit(fiber, assign, output, &states, error_output, Some(next));
    }
}

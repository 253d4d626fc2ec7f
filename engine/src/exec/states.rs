//! Entering and leaving states: the JSONPath data flow (IO-01) and the states that need no outside work.

use std::borrow::Cow;
use std::rc::Rc;

use crate::value::Value;

use super::failure::Failure;
use super::plan::{COperand, Cond, Dynamic, PKind, PState, PWait, ResultTarget, Selector, StateId};
use super::{json_size, Execution, Happening, ParentKind, Phase, Status};
use crate::asl::{ComparisonKind, StateType};
use crate::history::{Detail, StateVisit};
use crate::path::eval::{evaluate_ref, set_at, PathEnv, Variables};
use crate::timestamp::parse_timestamp;

pub(super) fn entered_event(t: StateType) -> &'static str {
    match t {
        StateType::Task => "TaskStateEntered",
        StateType::Pass => "PassStateEntered",
        StateType::Choice => "ChoiceStateEntered",
        StateType::Wait => "WaitStateEntered",
        StateType::Succeed => "SucceedStateEntered",
        StateType::Fail => "FailStateEntered",
        StateType::Parallel => "ParallelStateEntered",
        StateType::Map => "MapStateEntered",
    }
}

fn exited_event(t: StateType) -> &'static str {
    match t {
        StateType::Task => "TaskStateExited",
        StateType::Pass => "PassStateExited",
        StateType::Choice => "ChoiceStateExited",
        StateType::Wait => "WaitStateExited",
        StateType::Succeed => "SucceedStateExited",
        StateType::Fail => "FailStateExited",
        StateType::Parallel => "ParallelStateExited",
        StateType::Map => "MapStateExited",
    }
}

/// Applies InputPath/OutputPath (IO-03, IO-04, IO-11). In line: most states select the whole input.
#[inline(always)]
pub(super) fn select<'v>(selector: &Selector, data: &'v Value, context: &'v Value, variables: &'v dyn Variables) -> Result<Cow<'v, Value>, String> {
    match selector {
        Selector::Whole => Ok(Cow::Borrowed(data)),
        other => select_part(other, data, context, variables),
    }
}

fn select_part<'v>(selector: &Selector, data: &'v Value, context: &'v Value, variables: &'v dyn Variables) -> Result<Cow<'v, Value>, String> {
    match selector {
        Selector::Whole => Ok(Cow::Borrowed(data)),
        Selector::Empty => Ok(Cow::Owned(Value::Object(Default::default()))),
        Selector::Path(p) => evaluate_ref(&p.path, &PathEnv { input: data, context, variables })
            .map_err(|e| e.invalid_path_message(&p.text)),
    }
}

/// Applies ResultPath: the result is written into the raw input (IO-09).
pub(super) fn apply_result_path(target: &ResultTarget, raw: Value, result: Value) -> Result<Value, String> {
    match target {
        ResultTarget::Replace => Ok(result),
        ResultTarget::Discard => Ok(raw),
        ResultTarget::At(path) => {
            let mut raw = raw;
            if set_at(&mut raw, &path.path.segments, result) {
                Ok(raw)
            } else {
                Err(format!("Invalid path '{}' : the result cannot be written into the input at this path", path.text))
            }
        }
    }
}

impl Execution {
    /// The context object if the current state reads `$$`, else null (building it costs a copy of the input).
    pub(super) fn context_if_used(&mut self, fiber: usize) -> Value {
        if self.state(fiber).uses_context {
            self.context(fiber)
        } else {
            Value::Null
        }
    }

    pub(super) fn enter(&mut self, fiber: usize) {
        let Some(state_id) = self.fibers[fiber].state else {
            let f = self.runtime(fiber, "The next state does not exist");
            return self.fail_execution(fiber, f);
        };
        self.transitions += 1;
        let plan = self.plan.clone();
        let s = &plan.states[state_id];
        let f = &mut self.fibers[fiber];
        f.retry_counts.clear();
        f.phase = Phase::Busy;
        if self.config.recording == super::Recording::Full {
            self.visits.push(StateVisit {
                state: s.name.clone(),
                path: self.fibers[fiber].label.clone(),
                entered_event_id: 0,
                exited_event_id: None,
                stages: Vec::new(),
            });
            self.fibers[fiber].visit = Some(self.visits.len() - 1);
        }
        let full = self.config.recording == super::Recording::Full;
        let input = if full { self.fibers[fiber].data.clone() } else { Value::Null };
        let id = self.emit(fiber, entered_event(s.state_type), || vec![("name", Detail::Text(s.name.clone())), ("input", Detail::Payload(input.clone()))]);
        let f = &mut self.fibers[fiber];
        f.entered_event = id;
        if let Some(v) = f.visit {
            self.visits[v].entered_event_id = id;
        }
        if full {
            self.record(fiber, "Input", Some(&input), None);
        }
        if s.jsonata {
            return self.enter_jsonata(fiber);
        }
        match &s.kind {
            PKind::Pass { result } => self.run_pass(fiber, s, result.as_ref()),
            PKind::Choice { .. } => self.run_choice(fiber, state_id),
            PKind::Wait(_) => self.run_wait(fiber, state_id),
            PKind::Succeed => self.run_succeed(fiber, s),
            PKind::Fail { .. } => self.run_fail(fiber, state_id),
            PKind::Task(_) => self.enter_task(fiber),
            PKind::Parallel { .. } => {
                if let Some(effective) = self.effective_input(fiber, s) {
                    self.fibers[fiber].effective = effective;
                    self.start_parallel(fiber);
                }
            }
            PKind::Map(_) => {
                if let Some(effective) = self.input_path_only(fiber, s) {
                    self.fibers[fiber].effective = effective;
                    self.start_map(fiber);
                }
            }
        }
    }

    /// InputPath then Parameters (IO-01); on failure the failure has already been handled. The input is
    /// only borrowed: copying every state's whole input was the interpreter's largest single cost.
    /// `s` is the fiber's current state (looked up once per visit by the caller).
    pub(super) fn effective_input(&mut self, fiber: usize, s: &PState) -> Option<Value> {
        let Some(params) = &s.parameters else { return self.input_path_only(fiber, s) };
        let ctx = self.context_if_used(fiber);
        let vars = self.vars(fiber);
        let selected = match select(&s.input_path, &self.fibers[fiber].data, &ctx, &vars) {
            Ok(v) => v,
            Err(message) => {
                let f = self.runtime(fiber, &message);
                self.handle_error(fiber, f);
                return None;
            }
        };
        let env = PathEnv { input: &selected, context: &ctx, variables: &vars };
        match params.evaluate_reusing(&env, &mut self.rng, self.spare_object.take()) {
            Ok(v) => {
                if self.config.recording == super::Recording::Full {
                    if !matches!(s.input_path, Selector::Whole) {
                        let after = selected.clone().into_owned();
                        self.record(fiber, "AfterInputPath", Some(&after), None);
                    }
                    self.record(fiber, "AfterParameters", Some(&v), None);
                }
                Some(v)
            }
            Err(e) => {
                let message = e.message(&selected);
                let f = self.runtime(fiber, &message);
                self.handle_error(fiber, f);
                None
            }
        }
    }

    pub(super) fn input_path_only(&mut self, fiber: usize, s: &PState) -> Option<Value> {
        if matches!(s.input_path, Selector::Whole) {
            return Some(self.fibers[fiber].data.clone());
        }
        let ctx = self.context_if_used(fiber);
        match select(&s.input_path, &self.fibers[fiber].data, &ctx, &self.vars(fiber)) {
            Ok(v) => {
                let v = v.into_owned();
                self.record(fiber, "AfterInputPath", Some(&v), None);
                Some(v)
            }
            Err(message) => {
                let f = self.runtime(fiber, &message);
                self.handle_error(fiber, f);
                None
            }
        }
    }

    fn run_pass(&mut self, fiber: usize, s: &PState, result: Option<&Value>) {
        let result = match result {
            Some(r) => {
                // ST-PASS-02: Result is used as written; InputPath/Parameters still have to be valid.
                if self.effective_input(fiber, s).is_none() {
                    return;
                }
                r.clone()
            }
            None => match self.effective_input(fiber, s) {
                Some(v) => v,
                None => return,
            },
        };
        if let Some(assign) = &s.assign {
            if !self.prepare_assign(fiber, assign, &result) {
                return;
            }
        }
        self.finish_output(fiber, s, result, None);
    }

    /// Result → ResultPath → OutputPath → exit (Pass), shared with `complete_work` (after ResultSelector).
    pub(super) fn finish_output(&mut self, fiber: usize, s: &PState, result: Value, next: Option<Option<StateId>>) {
        let raw = if matches!(s.result_path, ResultTarget::Replace) { Value::Null } else { self.fibers[fiber].data.clone() };
        let combined = match apply_result_path(&s.result_path, raw, result) {
            Ok(v) => v,
            Err(m) => {
                let f = self.runtime(fiber, &m);
                return self.handle_error(fiber, f);
            }
        };
        if !matches!(s.result_path, ResultTarget::Replace) {
            self.record(fiber, "AfterResultPath", Some(&combined), None);
        }
        let output = if matches!(s.output_path, Selector::Whole) {
            combined
        } else {
            let ctx = self.context_if_used(fiber);
            match select(&s.output_path, &combined, &ctx, &self.vars(fiber)) {
                Ok(v) => v.into_owned(),
                Err(m) => {
                    let f = self.runtime(fiber, &m);
                    return self.handle_error(fiber, f);
                }
            }
        };
        self.exit_state(fiber, s, output, next);
    }

    /// `exit_state` for callers that do not hold the fiber's state (a Catcher, JSONata's Output).
    pub(super) fn exit_current_state(&mut self, fiber: usize, output: Value, next: Option<Option<StateId>>) {
        let plan = self.plan.clone();
        self.exit_state(fiber, &plan.states[self.fibers[fiber].state.unwrap_or(0)], output, next);
    }

    /// Records `…StateExited` and moves on (`next` overrides the state's own Next: Choice, Catch).
    pub(super) fn exit_state(&mut self, fiber: usize, s: &PState, output: Value, next: Option<Option<StateId>>) {
        if super::too_deep(&output) {
            // Not switchable: deeper values would threaten the stack (a WebAssembly page has 1 MB).
            let f = self.runtime(fiber, &format!("The state's output is nested more than {} levels deep, which AWS's JSON reader does not accept", super::MAX_NESTING));
            return self.fail_execution(fiber, f);
        }
        if let Some(limit) = self.config.limits.max_payload_bytes {
            if json_size(&output) > limit {
                let f = Failure::new(
                    "States.DataLimitExceeded",
                    &format!("The state/task '{}' returned a result with a size exceeding the maximum number of bytes service limit.", s.name),
                );
                // ST-PASS-05: the execution fails at once; there is no `…StateExited`.
                return self.fail_fiber(fiber, f);
            }
        }
        // Most states assign nothing: then neither check has anything to look at.
        let assigned = if self.fibers[fiber].pending_assign.is_some() {
            if let Some(f) = self.assign_too_large(fiber) {
                self.fibers[fiber].pending_assign = None;
                return self.fail_fiber(fiber, f);
            }
            self.apply_assign(fiber)
        } else {
            Vec::new()
        };
        let id = self.emit(fiber, exited_event(s.state_type), || {
            let mut d = vec![("name", Detail::Text(s.name.clone())), ("output", Detail::Payload(output.clone()))];
            if !assigned.is_empty() {
                d.push(("assignedVariables", Detail::Variables(assigned.clone())));
            }
            d
        });
        if !assigned.is_empty() {
            let note = assigned.iter().map(|(k, v)| format!("${k} = {v}")).collect::<Vec<_>>().join(", ");
            self.note(fiber, "Assign", || note);
        }
        self.record(fiber, "Output", Some(&output), None);
        if let Some(v) = self.fibers[fiber].visit {
            self.visits[v].exited_event_id = Some(id);
        }
        let ends = s.end || s.state_type == StateType::Succeed;
        match next {
            // A Choice rule or a Catcher names where to go, whatever the state says.
            Some(Some(n)) => self.go_to(fiber, n, output),
            None if ends => self.finish_fiber(fiber, output),
            None if s.next.is_some() => self.go_to(fiber, s.next.unwrap_or_default(), output),
            _ => {
                let f = self.runtime(fiber, "The state has no next state");
                self.fail_execution(fiber, f)
            }
        }
    }

    /// A finished fiber keeps no data: long Map loops would otherwise hold every iteration's last value.
    pub(super) fn release(&mut self, fiber: usize) {
        let f = &mut self.fibers[fiber];
        f.data = Value::Null;
        f.effective = Value::Null;
        f.task = None;
        f.pending_assign = None;
    }

    fn go_to(&mut self, fiber: usize, next: StateId, output: Value) {
        let f = &mut self.fibers[fiber];
        f.state = Some(next);
        let previous = std::mem::replace(&mut f.data, output);
        f.phase = Phase::Ready;
        f.task = None;
        self.keep_spare_object(previous);
        self.hand_over(fiber);
    }

    /// Keeps a value that is going away for the next template to build in, if it is an object that nobody
    /// else holds. It is emptied at once, so that it never keeps anything else alive.
    #[inline]
    fn keep_spare_object(&mut self, value: Value) {
        if let Value::Object(mut object) = value {
            if let Some(map) = Rc::get_mut(&mut object) {
                map.clear();
                self.spare_object = Some(object);
            }
        }
    }

    /// The fiber reached a terminal state.
    pub(super) fn finish_fiber(&mut self, fiber: usize, output: Value) {
        self.fibers[fiber].phase = Phase::Done;
        self.fibers[fiber].epoch += 1;
        self.release(fiber);
        let history = self.fibers[fiber].history;
        match self.fibers[fiber].parent {
            None => {
                self.emit(fiber, "ExecutionSucceeded", || vec![("output", Detail::Payload(output.clone()))]);
                self.status = Status::Succeeded { output };
                self.clear_agenda();
            }
            Some((container, index, ParentKind::Branch)) => self.branch_succeeded(container, index, output),
            Some((container, index, ParentKind::Iteration)) => {
                if history != 0 && history != self.fibers[self.containers[container].owner].history {
                    self.emit(fiber, "ExecutionSucceeded", || vec![("output", Detail::Payload(output.clone()))]);
                }
                self.iteration_succeeded(container, index, output)
            }
        }
    }

    fn run_choice(&mut self, fiber: usize, state_id: StateId) {
        let plan = self.plan.clone();
        let state = &plan.states[state_id];
        let PKind::Choice { rules, default } = &state.kind else { return };
        let ctx = self.context_if_used(fiber);
        let vars = self.vars(fiber);
        // The input is taken out of the fiber while the rules read it, and put back before any error
        // is handled (a catcher would need it); on the common path it simply becomes the output.
        let data = std::mem::take(&mut self.fibers[fiber].data);
        let effective = match select(&state.input_path, &data, &ctx, &vars) {
            Ok(v) => v,
            Err(m) => return self.restore_and_fail(fiber, data, &m),
        };
        let env = PathEnv { input: &effective, context: &ctx, variables: &vars };
        let mut chosen = None;
        let mut failure = None;
        let mut assign = state.assign.as_deref();
        for (i, (cond, next, rule_assign)) in rules.iter().enumerate() {
            match eval_cond(cond, &env) {
                Ok(true) => {
                    chosen = Some((i, *next));
                    // ST-CHOICE-03: only the chosen rule's Assign runs.
                    assign = rule_assign.as_ref();
                    break;
                }
                Ok(false) => {}
                Err(message) => {
                    failure = Some(message);
                    break;
                }
            }
        }
        let output = match (&failure, &state.output_path) {
            (Some(_), _) => Ok(Value::Null),
            (None, Selector::Whole) => Ok(effective.clone().into_owned()),
            (None, selector) => select(selector, &effective, &ctx, &vars).map(|v| v.into_owned()),
        };
        let effective_owned = if assign.is_some() { Some(effective.into_owned()) } else { None };
        self.fibers[fiber].data = data;
        if let Some(message) = failure {
            let f = self.runtime(fiber, &message);
            return self.handle_error(fiber, f);
        }
        let next = match chosen {
            Some((i, n)) => {
                self.note(fiber, "Choice", || format!("Rule #{i} matched"));
                n
            }
            None => match default {
                Some(d) => {
                    self.note(fiber, "Choice", || "No rule matched: Default".into());
                    Some(*d)
                }
                None => {
                    let f = Failure::new("States.NoChoiceMatched", "No Matches!");
                    return self.handle_error(fiber, f);
                }
            },
        };
        if let (Some(a), Some(effective)) = (assign, effective_owned) {
            if !self.prepare_assign(fiber, a, &effective) {
                return;
            }
        }
        match output {
            Ok(output) => self.exit_state(fiber, state, output, Some(next)),
            Err(m) => {
                let f = self.runtime(fiber, &m);
                self.handle_error(fiber, f)
            }
        }
    }

    fn run_wait(&mut self, fiber: usize, state_id: StateId) {
        let plan = self.plan.clone();
        let Some(effective) = self.input_path_only(fiber, &plan.states[state_id]) else { return };
        let PKind::Wait(wait) = &plan.states[state_id].kind else { return };
        let ctx = self.context_if_used(fiber);
        let env = PathEnv { input: &effective, context: &ctx, variables: &self.vars(fiber) };
        let deadline: Result<i128, String> = match wait {
            PWait::Seconds(s) => Ok(self.clock + (*s * 1e9) as i128),
            PWait::SecondsPath(p) => match evaluate_ref(&p.path, &env) {
                Err(_) => Err(format!("The SecondsPath parameter does not reference an input value: {}", p.text)),
                Ok(v) => match v.as_ref() {
                    Value::Number(n) if n.as_i64().is_some_and(|s| s < 0) || n.as_f64().is_some_and(|f| f < 0.0 && f.fract() == 0.0) => {
                        Err(format!("The SecondsPath parameter references a negative value: {} == {n}", p.text))
                    }
                    Value::Number(n) if n.is_i64() || n.is_u64() => Ok(self.clock + n.as_i64().unwrap_or(0) as i128 * 1_000_000_000),
                    other => Err(format!("The SecondsPath parameter cannot be parsed as a long value: {} == {}", p.text, plain(other))),
                },
            },
            PWait::Timestamp(t) => parse_timestamp(t).map(|t| t.epoch_nanos).ok_or_else(|| format!("The Timestamp '{t}' is not a valid timestamp")),
            PWait::TimestampPath(p) => {
                let value = evaluate_ref(&p.path, &env).map(|v| v.into_owned()).unwrap_or(Value::Null);
                value.as_str().and_then(parse_timestamp).map(|t| t.epoch_nanos).ok_or_else(|| {
                    format!("The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {} == {}", p.text, plain(&value))
                })
            }
            PWait::Invalid => Err("The Wait state has no valid duration".into()),
        };
        if let Some(a) = &plan.states[state_id].assign {
            if deadline.is_ok() && !self.prepare_assign(fiber, a, &effective) {
                return;
            }
        }
        match deadline {
            Ok(at) => {
                let until = at.max(self.clock);
                self.note(fiber, "Wait", || format!("Waiting until {}", crate::timestamp::format_timestamp(until)));
                self.fibers[fiber].effective = effective;
                self.fibers[fiber].phase = Phase::InWait;
                self.schedule_at(until, fiber, Happening::WaitDone);
            }
            Err(m) => {
                let f = self.runtime(fiber, &m);
                self.handle_error(fiber, f);
            }
        }
    }

    pub(super) fn wait_done(&mut self, fiber: usize) {
        let effective = std::mem::take(&mut self.fibers[fiber].effective);
        self.output_and_exit(fiber, effective);
    }

    fn run_succeed(&mut self, fiber: usize, s: &PState) {
        let Some(effective) = self.input_path_only(fiber, s) else { return };
        self.output_and_exit(fiber, effective);
    }

    /// OutputPath on the effective input, then the exit (Wait and Succeed, IO-01).
    fn output_and_exit(&mut self, fiber: usize, effective: Value) {
        let ctx = self.context_if_used(fiber);
        let plan = self.plan.clone();
        let s = &plan.states[self.fibers[fiber].state.unwrap_or(0)];
        match select(&s.output_path, &effective, &ctx, &self.vars(fiber)) {
            Ok(v) => {
                let v = v.into_owned();
                self.exit_state(fiber, s, v, None)
            }
            Err(m) => {
                let f = self.runtime(fiber, &m);
                self.handle_error(fiber, f)
            }
        }
    }

    /// Puts back an input taken out for reading, then fails the state with a `States.Runtime` message.
    pub(super) fn restore_and_fail(&mut self, fiber: usize, data: Value, message: &str) {
        self.fibers[fiber].data = data;
        let f = self.runtime(fiber, message);
        self.handle_error(fiber, f);
    }

    fn run_fail(&mut self, fiber: usize, state_id: StateId) {
        let plan = self.plan.clone();
        let PKind::Fail { error, error_path, cause, cause_path } = &plan.states[state_id].kind else { return };
        let ctx = self.context_if_used(fiber);
        let raw = self.fibers[fiber].data.clone();
        let mut resolve = |literal: &Option<String>, dynamic: &Option<Box<Dynamic>>, field: &str| -> Result<Option<String>, String> {
            if let Some(l) = literal {
                return Ok(Some(l.clone()));
            }
            let env = PathEnv { input: &raw, context: &ctx, variables: &self.vars(fiber) };
            match dynamic.as_deref() {
                None => Ok(None),
                Some(Dynamic::Path(p)) => match evaluate_ref(&p.path, &env) {
                    Ok(v) => Ok(Some(plain(&v))),
                    Err(_) => Err(format!("The JSONPath '{}' specified for the field '{field}' could not be found in the input '{raw}'", p.text)),
                },
                Some(Dynamic::Intrinsic(call, text)) => crate::path::functions::call(call, &env, &mut self.rng)
                    .map(|v| Some(plain(&v)))
                    .map_err(|e| format!("The intrinsic function '{text}' specified for the field '{field}' failed: {e:?}")),
            }
        };
        let error = resolve(error, error_path, "ErrorPath");
        let cause = resolve(cause, cause_path, "CausePath");
        match (error, cause) {
            (Ok(error), Ok(cause)) => self.fail_fiber(fiber, Failure { error, cause, heartbeat: false }),
            (Err(m), _) | (_, Err(m)) => {
                let f = self.runtime(fiber, &m);
                self.fail_execution(fiber, f)
            }
        }
    }
}

/// A value as AWS prints it inside messages: strings without quotes, everything else as JSON.
pub(super) fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.to_string(),
        other => other.to_string(),
    }
}

/// Evaluates a JSONPath Choice rule (CH-03..13).
pub(super) fn eval_cond(cond: &Cond, env: &PathEnv) -> Result<bool, String> {
    match cond {
        Cond::And(rules) => {
            for r in rules {
                if !eval_cond(r, env)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        Cond::Or(rules) => {
            for r in rules {
                if eval_cond(r, env)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Cond::Not(r) => Ok(!eval_cond(r, env)?),
        Cond::Never => Ok(false),
        Cond::Test { variable, kind, operand } => {
            let invalid = |path: &str| format!("Invalid path '{path}': The choice state's condition path references an invalid value.");
            let value = evaluate_ref(&variable.path, env);
            if *kind == ComparisonKind::IsPresent {
                return Ok(value.is_ok() == (operand_literal(operand) == Some(&Value::Bool(true))));
            }
            let value = value.map_err(|_| invalid(&variable.text))?;
            let operand_value: Cow<Value> = match operand {
                COperand::Literal(v) => Cow::Borrowed(v),
                COperand::Path(p) => evaluate_ref(&p.path, env).map_err(|_| invalid(&p.text))?,
            };
            Ok(compare(*kind, &value, &operand_value))
        }
    }
}

fn operand_literal(o: &COperand) -> Option<&Value> {
    match o {
        COperand::Literal(v) => Some(v),
        COperand::Path(_) => None,
    }
}

fn compare(kind: ComparisonKind, value: &Value, operand: &Value) -> bool {
    let flag = |b: bool| operand.as_bool() == Some(b);
    match kind {
        ComparisonKind::String(ord) => match (value, operand) {
            // CH-07: Java's String.compareTo, i.e. UTF-16 code units.
            (Value::String(a), Value::String(b)) => ord.holds(a.encode_utf16().cmp(b.encode_utf16())),
            _ => false,
        },
        ComparisonKind::StringMatches => match (value, operand) {
            (Value::String(a), Value::String(p)) => string_matches(a, p),
            _ => false,
        },
        ComparisonKind::Numeric(ord) => match (value.as_f64(), operand.as_f64()) {
            (Some(a), Some(b)) if value.is_number() && operand.is_number() => a.partial_cmp(&b).is_some_and(|c| ord.holds(c)),
            _ => false,
        },
        ComparisonKind::BooleanEquals => matches!((value, operand), (Value::Bool(a), Value::Bool(b)) if a == b),
        ComparisonKind::Timestamp(ord) => match (value.as_str().and_then(parse_timestamp), operand.as_str().and_then(parse_timestamp)) {
            (Some(a), Some(b)) => ord.holds(a.epoch_nanos.cmp(&b.epoch_nanos)),
            _ => false,
        },
        ComparisonKind::IsNull => flag(value.is_null()),
        ComparisonKind::IsPresent => flag(true),
        ComparisonKind::IsNumeric => flag(value.is_number()),
        ComparisonKind::IsString => flag(value.is_string()),
        ComparisonKind::IsBoolean => flag(value.is_boolean()),
        ComparisonKind::IsTimestamp => flag(value.as_str().and_then(parse_timestamp).is_some()),
    }
}

/// CH-09: `*` matches any run of characters; `\*` and `\\` are literal.
pub fn string_matches(text: &str, pattern: &str) -> bool {
    #[derive(PartialEq)]
    enum Tok {
        Star,
        Char(char),
    }
    let mut toks = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n) => toks.push(Tok::Char(n)),
                None => return false,
            },
            '*' => toks.push(Tok::Star),
            c => toks.push(Tok::Char(c)),
        }
    }
    let text: Vec<char> = text.chars().collect();
    // Classic wildcard matching with backtracking on the last star: linear in practice.
    let (mut t, mut p) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while t < text.len() {
        if p < toks.len() && toks[p] == Tok::Char(text[t]) {
            t += 1;
            p += 1;
        } else if p < toks.len() && toks[p] == Tok::Star {
            star = Some(p);
            mark = t;
            p += 1;
        } else if let Some(s) = star {
            p = s + 1;
            mark += 1;
            t = mark;
        } else {
            return false;
        }
    }
    while p < toks.len() && toks[p] == Tok::Star {
        p += 1;
    }
    p == toks.len()
}

//! Task states: the call's events per integration kind (HIST-05..07), mocked results, callbacks with
//! task tokens, and TimeoutSeconds/HeartbeatSeconds on the virtual clock.

use std::rc::Rc;

use crate::value::Value;
use crate::val;

use super::failure::Failure;
use super::plan::PKind;
use super::{json_size, Execution, Happening, Phase, Unmocked};
use crate::asl::{IntegrationPattern, Resource};
use crate::history::Detail;
use crate::mock::MockOutcome;
use crate::path::eval::{evaluate_ref, PathEnv};

/// The integration a Task calls, as the history names it.
#[derive(Debug, Clone, PartialEq)]
pub enum CallKind {
    Lambda,
    Activity,
    /// `resourceType` and `resource` as in `TaskScheduled` (`lambda`/`invoke`, `aws-sdk:s3`/`getObject`).
    Integration { resource_type: String, resource: String },
}

/// What a Task state calls, worked out once when the program is compiled.
#[derive(Debug, Clone, PartialEq)]
pub struct Callee {
    pub resource: String,
    pub kind: CallKind,
}

impl Callee {
    pub fn of(resource: &Resource) -> Callee {
        Callee { resource: resource.arn().to_owned(), kind: CallKind::of(resource) }
    }
}

/// What a JSONata Task state works out before calling: the Arguments, the timeout and heartbeat in
/// seconds, and the credentials. (A JSONPath Task fills its call in place.)
type PreparedCall = (Value, Option<f64>, Option<f64>, Option<Value>);

/// One Task call in flight.
#[derive(Debug, Clone)]
pub struct TaskCall {
    pub callee: Rc<Callee>,
    pub pattern: IntegrationPattern,
    pub params: Value,
    pub token: String,
    pub timeout: Option<f64>,
    pub heartbeat: Option<f64>,
    pub credentials: Option<Value>,
    pub beat: u64,
}

impl CallKind {
    fn of(resource: &Resource) -> CallKind {
        match resource {
            Resource::LambdaFunction { .. } => CallKind::Lambda,
            Resource::Activity { .. } => CallKind::Activity,
            Resource::Integration { service, api, pattern, .. } => {
                let suffix = match pattern {
                    IntegrationPattern::RequestResponse => "",
                    IntegrationPattern::Sync => ".sync",
                    IntegrationPattern::Sync2 => ".sync:2",
                    IntegrationPattern::WaitForTaskToken => ".waitForTaskToken",
                };
                CallKind::Integration { resource_type: service.clone(), resource: format!("{api}{suffix}") }
            }
            Resource::Unrecognized { arn } => CallKind::Integration { resource_type: "unknown".into(), resource: arn.clone() },
        }
    }
}

impl Execution {
    pub(super) fn enter_task(&mut self, fiber: usize) {
        let plan = self.plan.clone();
        let state = &plan.states[self.fibers[fiber].state.unwrap_or(0)];
        let PKind::Task(task) = &state.kind else { return };
        let pattern = task.resource.pattern();
        let token = if pattern != IntegrationPattern::RequestResponse || matches!(task.resource, Resource::Activity { .. }) {
            self.task_token()
        } else {
            String::new()
        };
        let mut ctx = self.context_if_used(fiber);
        // Observed: `.sync` tasks can read `$$.Task.Token` too, not only `.waitForTaskToken` ones.
        if pattern != IntegrationPattern::RequestResponse {
            if let Some(m) = ctx.as_object_mut() {
                m.insert("Task", task_context(&token));
            }
        }
        if let Some(ja) = state.ja.as_deref() {
            // JSONata: Arguments (default: the input), and expression-valued timeouts and credentials.
            let call = self.fresh_call(&task.callee, pattern, token);
            self.fibers[fiber].task = Some(call);
            let states = self.states_var(fiber, None, None);
            let prepared = (|| -> Result<PreparedCall, super::failure::Failure> {
                let params = match &ja.arguments {
                    Some(t) => self.ja_eval(fiber, t, &states)?,
                    None => self.fibers[fiber].data.clone(),
                };
                let timeout = match &ja.timeout {
                    Some(t) => Some(self.ja_integer(fiber, t, &states, 1.0)?),
                    None => None,
                };
                let heartbeat = match &ja.heartbeat {
                    Some(t) => Some(self.ja_integer(fiber, t, &states, 1.0)?),
                    None => None,
                };
                let credentials = match &ja.credentials {
                    Some(t) => Some(self.ja_eval(fiber, t, &states)?),
                    None => None,
                };
                Ok((params, timeout, heartbeat, credentials))
            })();
            match prepared {
                Ok((params, timeout, heartbeat, credentials)) => {
                    self.record(fiber, "AfterArguments", Some(&params), None);
                    let Some(mut call) = self.fibers[fiber].task.take() else { return };
                    call.params = params;
                    call.timeout = timeout;
                    call.heartbeat = heartbeat;
                    call.credentials = credentials;
                    return self.begin_call(fiber, call);
                }
                Err(f) => return self.handle_error(fiber, f),
            }
        }
        let vars = self.vars(fiber);
        // Borrow the input while the call is prepared; it goes back before any failure is handled.
        let data = std::mem::take(&mut self.fibers[fiber].data);
        let effective = match super::states::select(&state.input_path, &data, &ctx, &vars) {
            Ok(v) => v,
            Err(m) => return self.restore_and_fail(fiber, data, &m),
        };
        let env = PathEnv { input: &effective, context: &ctx, variables: &vars };
        let seconds = |literal: Option<f64>, path: &Option<super::template::CPath>, name: &str| -> Result<Option<f64>, String> {
            if let Some(l) = literal {
                return Ok(Some(l));
            }
            let Some(p) = path else { return Ok(None) };
            let v = evaluate_ref(&p.path, &env).map_err(|e| e.invalid_path_message(&p.text))?;
            match v.as_i64() {
                Some(n) if n > 0 => Ok(Some(n as f64)),
                _ => Err(format!("The {name}Path field refers to value \"{}\" which is not a valid positive integer: {}", super::states::plain(&v), p.text)),
            }
        };
        // The call is filled in where it lies, in its box: moving a prepared call around cost more than
        // anything else in this function.
        let call = {
            let (spare, rng, spare_object) = (&mut self.spare_call, &mut self.rng, &mut self.spare_object);
            let mut call = fresh_call(spare, &task.callee, pattern, token);
            // Parameters, then the timeouts, then the credentials: the first failure is the one reported. A
            // block rather than a closure: the closure's call cost about 30 instructions per Task.
            let prepared: Result<(), String> = 'prepare: {
                call.params = match &state.parameters {
                    None => effective.clone().into_owned(),
                    Some(t) => match t.evaluate_reusing(&env, rng, spare_object.take()) {
                        Ok(v) => v,
                        Err(e) => break 'prepare Err(e.message(&effective)),
                    },
                };
                // `seconds` would give None for both too, but most Tasks set neither, and the two calls cost
                // about 70 instructions per Task (callgrind, task-chain-1000).
                let timed = task.timeout_seconds.is_some() || task.timeout_seconds_path.is_some() || task.heartbeat_seconds.is_some() || task.heartbeat_seconds_path.is_some();
                if timed {
                    let timeouts = seconds(task.timeout_seconds, &task.timeout_seconds_path, "TimeoutSeconds")
                        .and_then(|t| Ok((t, seconds(task.heartbeat_seconds, &task.heartbeat_seconds_path, "HeartbeatSeconds")?)));
                    match timeouts {
                        Ok((timeout, heartbeat)) => (call.timeout, call.heartbeat) = (timeout, heartbeat),
                        Err(m) => break 'prepare Err(m),
                    }
                }
                if let Some(t) = &task.credentials {
                    match t.evaluate(&env, rng) {
                        Ok(v) => call.credentials = Some(v),
                        Err(e) => break 'prepare Err(e.message(&effective)),
                    }
                }
                Ok(())
            };
            match prepared {
                Ok(()) => Ok(call),
                Err(m) => Err((m, call)),
            }
        };
        let after_input_path = (self.config.recording == super::Recording::Full && !matches!(state.input_path, super::plan::Selector::Whole))
            .then(|| effective.clone().into_owned());
        drop(env);
        drop(effective);
        self.fibers[fiber].data = data;
        if let Some(v) = after_input_path {
            self.record(fiber, "AfterInputPath", Some(&v), None);
        }
        let call = match call {
            Ok(call) => call,
            Err((m, call)) => {
                self.spare(call);
                let f = self.runtime(fiber, &m);
                return self.handle_error(fiber, f);
            }
        };
        if state.parameters.is_some() {
            self.record(fiber, "AfterParameters", Some(&call.params), None);
        }
        self.begin_call(fiber, call);
    }

    /// A new call (see `fresh_call`).
    fn fresh_call(&mut self, callee: &Rc<Callee>, pattern: IntegrationPattern, token: String) -> Box<TaskCall> {
        fresh_call(&mut self.spare_call, callee, pattern, token)
    }

    /// Keeps a finished call's box for the next call; its payloads go now.
    #[inline(always)]
    fn spare(&mut self, mut call: Box<TaskCall>) {
        call.params = Value::Null;
        call.credentials = None;
        self.spare_call = Some(call);
    }

    /// Checks the prepared call as AWS does before calling an integration, then makes the first attempt.
    fn begin_call(&mut self, fiber: usize, call: Box<TaskCall>) {
        if let Some(problem) = integration_problem(&call.callee.kind, &call.params) {
            let f = self.runtime(fiber, &format!("The Parameters '{}' could not be used to start the Task: [{problem}]", call.params));
            return self.handle_error(fiber, f);
        }
        // The call stays in hand: when its outcome is due at once (most mocks), it never visits the fiber.
        match self.attempt(fiber, &call) {
            Some(outcome) => self.finish_with(fiber, call, outcome),
            None => self.fibers[fiber].task = Some(call),
        }
    }

    fn task_token(&mut self) -> String {
        let mut token = String::with_capacity(88);
        for _ in 0..4 {
            token.push_str(&format!("{:016x}", self.rng.next_u64()));
        }
        crate::path::functions::base64_encode(token.as_bytes())
    }

    /// Delivers a call's outcome that takes no virtual time: at once when `run` is going and nothing else
    /// is due now (the agenda would hand it over next anyway, so the history is the same), otherwise
    /// through the agenda (`step` shows the call's start and its end as two steps).
    fn finish_now_or_later(&mut self, fiber: usize, outcome: MockOutcome) -> Option<MockOutcome> {
        if self.nothing_else_due() {
            return Some(outcome);
        }
        self.schedule(fiber, Happening::outcome(outcome));
        None
    }

    /// Makes one attempt of a call; returns the outcome when it is to be handled at once.
    fn attempt(&mut self, fiber: usize, call: &TaskCall) -> Option<MockOutcome> {
        let f = &mut self.fibers[fiber];
        let state_id = f.state.unwrap_or(0);
        f.phase = Phase::InTask;
        let timing = |d: &mut Vec<(&'static str, Detail)>| {
            if let Some(t) = call.timeout {
                d.push(("timeoutInSeconds", Detail::Number(t as i64)));
            }
            if let Some(h) = call.heartbeat {
                d.push(("heartbeatInSeconds", Detail::Number(h as i64)));
            }
        };
        let credentials = |d: &mut Vec<(&'static str, Detail)>| {
            if let Some(Value::Object(c)) = &call.credentials {
                if let Some(role) = c.get("RoleArn") {
                    d.push(("taskCredentials", Detail::Object(val!({"roleArn": role}))));
                }
            }
        };
        match &call.callee.kind {
            CallKind::Lambda => {
                self.emit(fiber, "LambdaFunctionScheduled", || {
                    let mut d = vec![("resource", Detail::Text(call.callee.resource.clone())), ("input", Detail::Payload(call.params.clone()))];
                    if let Some(t) = call.timeout {
                        d.push(("timeoutInSeconds", Detail::Number(t as i64)));
                    }
                    credentials(&mut d);
                    d
                });
                self.emit(fiber, "LambdaFunctionStarted", Vec::new);
            }
            CallKind::Activity => {
                self.emit(fiber, "ActivityScheduled", || {
                    let mut d = vec![("resource", Detail::Text(call.callee.resource.clone())), ("input", Detail::Payload(call.params.clone()))];
                    timing(&mut d);
                    d
                });
                self.emit(fiber, "ActivityStarted", || vec![("workerName", Detail::Text("simulated-worker".into()))]);
            }
            CallKind::Integration { resource_type, resource } => {
                self.emit(fiber, "TaskScheduled", || {
                    let mut d = vec![
                        ("resourceType", Detail::Text(resource_type.clone())),
                        ("resource", Detail::Text(resource.clone())),
                        ("region", Detail::Text(crate::parse::template_defaults::REGION.into())),
                        ("parameters", Detail::Payload(call.params.clone())),
                    ];
                    timing(&mut d);
                    credentials(&mut d);
                    d
                });
                let ids = || vec![("resourceType", Detail::Text(resource_type.clone())), ("resource", Detail::Text(resource.clone()))];
                self.emit(fiber, "TaskStarted", ids);
                if call.pattern != IntegrationPattern::RequestResponse {
                    self.emit(fiber, "TaskSubmitted", || {
                        let mut d = ids();
                        d.push(("output", Detail::Payload(val!({}))));
                        d
                    });
                }
            }
        }
        if self.config.recording == super::Recording::Full {
            let (event, resource, resource_type) = match &call.callee.kind {
                CallKind::Lambda => ("LambdaFunctionScheduled", call.callee.resource.clone(), None),
                CallKind::Activity => ("ActivityScheduled", call.callee.resource.clone(), None),
                CallKind::Integration { resource_type, resource } => ("TaskScheduled", resource.clone(), Some(resource_type.clone())),
            };
            self.calls.push(super::TaskCallRecord {
                state: self.plan.states[state_id].name.clone(),
                event,
                resource,
                resource_type,
                parameters: call.params.clone(),
                timeout_seconds: call.timeout.map(|t| t as i64),
                heartbeat_seconds: call.heartbeat.map(|h| h as i64),
            });
        }
        let invocation = self.next_invocation(state_id);
        let response = self.mock_response(state_id, invocation);
        match response {
            Some(response) => {
                let duration = response.duration_seconds;
                self.note(fiber, "Mock", || format!("Call #{invocation} uses the mocked response{}", if duration > 0.0 { format!(", taking {duration} s") } else { String::new() }));
                if let Some(t) = call.timeout.filter(|t| duration > *t) {
                    self.schedule_at(self.clock + (t * 1e9) as i128, fiber, Happening::TaskTimeout { heartbeat: false, beat: 0 });
                } else if let Some(h) = call.heartbeat.filter(|h| duration > *h) {
                    self.schedule_at(self.clock + (h * 1e9) as i128, fiber, Happening::TaskTimeout { heartbeat: true, beat: 0 });
                } else if duration > 0.0 {
                    self.schedule_at(self.clock + (duration * 1e9) as i128, fiber, Happening::outcome(response.outcome));
                } else {
                    return self.finish_now_or_later(fiber, response.outcome);
                }
            }
            None if call.pattern == IntegrationPattern::WaitForTaskToken || call.callee.kind == CallKind::Activity => {
                let epoch = self.fibers[fiber].epoch;
                self.callbacks.insert(call.token.clone(), (fiber, epoch));
                self.note(fiber, "Callback", || format!("Waiting for SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat with token {}", call.token));
                if let Some(t) = call.timeout {
                    self.schedule_at(self.clock + (t * 1e9) as i128, fiber, Happening::TaskTimeout { heartbeat: false, beat: 0 });
                }
                if let Some(h) = call.heartbeat {
                    self.schedule_at(self.clock + (h * 1e9) as i128, fiber, Happening::TaskTimeout { heartbeat: true, beat: 0 });
                }
            }
            None => {
                let outcome = match self.config.unmocked {
                    Unmocked::ReturnInput => {
                        self.note(fiber, "Mock", || format!("No mock for call #{invocation}: the task returns its input"));
                        MockOutcome::Return(call.params.clone())
                    }
                    Unmocked::Fail => MockOutcome::Throw {
                        error: Some("Simulator.MissingMock".into()),
                        cause: Some(format!(
                            "No mocked response for call #{invocation} of the Task state '{}' ({}). Add a mock for it, or let unmocked tasks return their input.",
                            self.plan.states[state_id].name, call.callee.resource
                        )),
                    },
                };
                return self.finish_now_or_later(fiber, outcome);
            }
        }
        None
    }

    /// The outcome of the fiber's call in flight arrived (through the agenda).
    pub(super) fn task_done(&mut self, fiber: usize, outcome: MockOutcome) {
        let Some(call) = self.fibers[fiber].task.take() else { return };
        self.finish_with(fiber, call, outcome);
    }

    /// Handles a call's outcome, then keeps the call while its state waits to retry, or else its box.
    fn finish_with(&mut self, fiber: usize, call: Box<TaskCall>, outcome: MockOutcome) {
        self.finish_call(fiber, &call, outcome);
        let f = &mut self.fibers[fiber];
        if f.task.is_none() && f.phase == Phase::RetryWait {
            f.task = Some(call);
        } else {
            // The call is over: its box waits for the next call.
            self.spare(call);
        }
    }

    fn finish_call(&mut self, fiber: usize, call: &TaskCall, outcome: MockOutcome) {
        if !call.token.is_empty() {
            self.callbacks.remove(&call.token);
        }
        self.fibers[fiber].epoch += 1;
        match outcome {
            MockOutcome::Return(result) => {
                if let Some(limit) = self.config.limits.max_payload_bytes {
                    if json_size(&result) > limit {
                        // ST-TASK-13: a failure of the task, which Retry and Catch see.
                        let f = Failure::new(
                            "States.DataLimitExceeded",
                            &format!("The state/task '{}' returned a result with a size exceeding the maximum number of bytes service limit.", call.callee.resource),
                        );
                        self.emit_task_failure(fiber, call, &f, false);
                        return self.handle_error(fiber, f);
                    }
                }
                let event = match call.callee.kind {
                    CallKind::Lambda => "LambdaFunctionSucceeded",
                    CallKind::Activity => "ActivitySucceeded",
                    CallKind::Integration { .. } => "TaskSucceeded",
                };
                self.emit(fiber, event, || {
                    let mut d = integration_ids(call);
                    d.push(("output", Detail::Payload(result.clone())));
                    d
                });
                self.complete_work(fiber, result);
            }
            MockOutcome::Throw { error, cause } => {
                let f = Failure { error, cause, heartbeat: false };
                let timed_out = f.error.as_deref() == Some("States.Timeout");
                self.emit_task_failure(fiber, call, &f, timed_out);
                self.handle_error(fiber, f);
            }
        }
    }

    fn emit_task_failure(&mut self, fiber: usize, call: &TaskCall, f: &Failure, timed_out: bool) {
        let event = match (&call.callee.kind, timed_out) {
            (CallKind::Lambda, false) => "LambdaFunctionFailed",
            (CallKind::Lambda, true) => "LambdaFunctionTimedOut",
            (CallKind::Activity, false) => "ActivityFailed",
            (CallKind::Activity, true) => "ActivityTimedOut",
            (CallKind::Integration { .. }, false) => "TaskFailed",
            (CallKind::Integration { .. }, true) => "TaskTimedOut",
        };
        self.emit(fiber, event, || {
            let mut d = integration_ids(call);
            if let Some(e) = &f.error {
                d.push(("error", Detail::Text(e.clone())));
            }
            if let Some(c) = &f.cause {
                d.push(("cause", Detail::Text(c.clone())));
            }
            d
        });
    }

    pub(super) fn task_timed_out(&mut self, fiber: usize, heartbeat: bool, beat: u64) {
        let Some(call) = self.fibers[fiber].task.clone() else { return };
        if heartbeat && beat != call.beat {
            return;
        }
        self.callbacks.remove(&call.token);
        self.fibers[fiber].epoch += 1;
        // ST-TASK-05: AWS reports a missed heartbeat as States.Timeout too.
        let f = Failure { error: Some("States.Timeout".into()), cause: None, heartbeat };
        self.emit_task_failure(fiber, &call, &f, true);
        self.handle_error(fiber, f);
    }

    pub(super) fn callback_outcome(&mut self, token: &str, outcome: MockOutcome) -> Result<(), String> {
        let Some(&(fiber, epoch)) = self.callbacks.get(token) else {
            return Err(format!("Invalid Token: no task is waiting for the token '{token}'"));
        };
        if self.fibers[fiber].epoch != epoch {
            self.callbacks.remove(token);
            return Err("Task Timed Out: the task that issued this token is no longer waiting".into());
        }
        self.schedule(fiber, Happening::outcome(outcome));
        Ok(())
    }

    pub(super) fn heartbeat(&mut self, token: &str) -> Result<(), String> {
        let Some(&(fiber, _)) = self.callbacks.get(token) else {
            return Err(format!("Invalid Token: no task is waiting for the token '{token}'"));
        };
        let Some(call) = self.fibers[fiber].task.as_mut() else { return Err("No task is waiting".into()) };
        call.beat += 1;
        let (beat, heartbeat) = (call.beat, call.heartbeat);
        if let Some(h) = heartbeat {
            self.schedule_at(self.clock + (h * 1e9) as i128, fiber, Happening::TaskTimeout { heartbeat: true, beat });
        }
        Ok(())
    }

    /// After a Task, Parallel or Map produced its result: ResultSelector, then ResultPath and OutputPath.
    pub(super) fn complete_work(&mut self, fiber: usize, result: Value) {
        self.fibers[fiber].phase = Phase::Busy;
        self.record(fiber, "Result", Some(&result), None);
        let plan = self.plan.clone();
        let s = &plan.states[self.fibers[fiber].state.unwrap_or(0)];
        if s.jsonata {
            return self.ja_complete(fiber, result);
        }
        // VAR-06: a Task/Parallel/Map Assign sees the raw result.
        if let Some(assign) = &s.assign {
            if !self.prepare_assign(fiber, assign, &result) {
                return;
            }
        }
        let selected = match &s.result_selector {
            None => result,
            Some(t) => {
                let ctx = self.context_if_used(fiber);
                let env = PathEnv { input: &result, context: &ctx, variables: &self.vars(fiber) };
                match t.evaluate(&env, &mut self.rng) {
                    Ok(v) => {
                        self.record(fiber, "AfterResultSelector", Some(&v), None);
                        v
                    }
                    Err(e) => {
                        let f = self.runtime(fiber, &e.message(&result));
                        return self.handle_error(fiber, f);
                    }
                }
            }
        };
        self.finish_output(fiber, s, selected, None);
    }
}

/// A call with nothing prepared yet, in the previous call's box when there is one (see
/// `Execution::spare_call`; a spare box holds no payloads).
#[inline]
fn fresh_call(spare: &mut Option<Box<TaskCall>>, callee: &Rc<Callee>, pattern: IntegrationPattern, token: String) -> Box<TaskCall> {
    match spare.take() {
        Some(mut call) => {
            call.callee = callee.clone();
            call.pattern = pattern;
            call.token = token;
            call.timeout = None;
            call.heartbeat = None;
            call.beat = 0;
            call
        }
        None => Box::new(TaskCall { callee: callee.clone(), pattern, params: Value::Null, token, timeout: None, heartbeat: None, credentials: None, beat: 0 }),
    }
}

fn integration_ids(call: &TaskCall) -> Vec<(&'static str, Detail)> {
    match &call.callee.kind {
        CallKind::Integration { resource_type, resource } => {
            vec![("resourceType", Detail::Text(resource_type.clone())), ("resource", Detail::Text(resource.clone()))]
        }
        _ => Vec::new(),
    }
}

/// Checks AWS makes before calling an integration (observed: API Gateway header values must be lists).
fn integration_problem(kind: &CallKind, params: &Value) -> Option<&'static str> {
    match kind {
        CallKind::Integration { resource_type, .. } if resource_type == "apigateway" => {
            let headers = params.get("Headers")?.as_object()?;
            headers.values().any(|v| !v.is_array()).then_some("The value of the field 'Headers' has an invalid format")
        }
        _ => None,
    }
}

/// `$$.Task` (and `$states.context.Task`): `{"Token": …}`.
pub(super) fn task_context(token: &str) -> Value {
    let mut map = crate::value::Map::with_capacity(1);
    map.insert("Token", Value::from(token));
    Value::object(map)
}

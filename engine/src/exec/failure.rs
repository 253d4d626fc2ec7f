//! Errors: Retry and Catch (ERR-03..10), propagation out of branches and iterations, aborts, the end of
//! an execution on failure, timeout or stop.

use crate::value::Value;
use crate::val;

use super::plan::{PKind, ResultTarget};
use super::{Execution, Happening, ParentKind, Phase, Status};
use crate::asl::Jitter;
use crate::history::Detail;

/// An error name and cause; either may be absent (a `SendTaskFailure` without them, ERR-10).
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub error: Option<String>,
    pub cause: Option<String>,
    /// A heartbeat expiry: reported as `States.Timeout`, also matched by `States.HeartbeatTimeout`.
    pub heartbeat: bool,
}

impl Failure {
    pub fn new(error: &str, cause: &str) -> Failure {
        Failure { error: Some(error.to_owned()), cause: Some(cause.to_owned()), heartbeat: false }
    }

    pub fn is_runtime(&self) -> bool {
        self.error.as_deref() == Some("States.Runtime")
    }

    /// The Error Output object a catcher hands on (ERR-10).
    pub fn error_output(&self) -> Value {
        // Observed: a timed-out task hands on `"Cause": ""`, while SendTaskFailure without a cause gives null.
        let cause = match (&self.cause, self.error.as_deref()) {
            (None, Some("States.Timeout")) => Some(String::new()),
            (c, _) => c.clone(),
        };
        val!({"Error": self.error, "Cause": cause})
    }

    pub(super) fn details(&self) -> Vec<(&'static str, Detail)> {
        let mut d = Vec::new();
        if let Some(e) = &self.error {
            d.push(("error", Detail::Text(e.clone())));
        }
        if let Some(c) = &self.cause {
            d.push(("cause", Detail::Text(c.clone())));
        }
        d
    }
}

/// Whether a Retrier's or Catcher's `ErrorEquals` matches (ERR-03, ERR-04).
pub fn matches(error_equals: &[String], failure: &Failure) -> bool {
    let error = failure.error.as_deref();
    error_equals.iter().any(|name| match name.as_str() {
        "States.ALL" => !failure.is_runtime(),
        "States.TaskFailed" => !failure.is_runtime() && error != Some("States.Timeout"),
        "States.HeartbeatTimeout" if failure.heartbeat => true,
        other => error == Some(other),
    })
}

impl Execution {
    /// A `States.Runtime` failure worded as AWS words it, naming the state and its entered event.
    pub(super) fn runtime(&self, fiber: usize, message: &str) -> Failure {
        let f = &self.fibers[fiber];
        let name = &self.plan.states[f.state.unwrap_or(0)].name;
        Failure::new(
            "States.Runtime",
            &format!("An error occurred while executing the state '{name}' (entered at the event id #{}). {message}", f.entered_event),
        )
    }

    /// The current state of `fiber` failed: retry, catch, or fail the fiber.
    pub(super) fn handle_error(&mut self, fiber: usize, failure: Failure) {
        if failure.is_runtime() {
            // ERR-05: never retried, never caught; the execution fails at once.
            return self.fail_execution(fiber, failure);
        }
        let state_id = self.fibers[fiber].state.unwrap_or(0);
        let plan = self.plan.clone();
        let state = &plan.states[state_id];
        if self.fibers[fiber].retry_counts.len() != state.retry.len() {
            self.fibers[fiber].retry_counts = vec![0; state.retry.len()];
        }
        if let Some((i, retrier)) = state.retry.iter().enumerate().find(|(_, r)| matches(&r.error_equals, &failure)) {
            let attempt = self.fibers[fiber].retry_counts[i];
            self.fibers[fiber].pending_assign = None;
            if (attempt as i64) < retrier.max_attempts {
                let mut delay = retrier.interval_seconds * retrier.backoff_rate.powi(attempt as i32);
                if let Some(cap) = retrier.max_delay_seconds {
                    delay = delay.min(cap);
                }
                if retrier.jitter == Jitter::Full {
                    delay *= self.rng.next_f64();
                }
                self.fibers[fiber].retry_counts[i] += 1;
                self.fibers[fiber].phase = Phase::RetryWait;
                let note = format!(
                    "Retrier #{i} matched {}: attempt {} of {} after {delay:.3} s",
                    failure.error.as_deref().unwrap_or("(no error name)"),
                    attempt + 1,
                    retrier.max_attempts
                );
                self.record(fiber, "Retry", Some(&failure.error_output()), Some(note));
                // AWS keeps history times in milliseconds, so a jittered wait lands on a whole millisecond.
                let at = self.clock + (delay * 1e3).round() as i128 * 1_000_000;
                self.schedule_at(at, fiber, Happening::Retry);
                return;
            }
        }
        if let Some((i, catcher)) = state.catch.iter().enumerate().find(|(_, c)| matches(&c.error_equals, &failure)) {
            let error_output = failure.error_output();
            if state.jsonata {
                let note = format!("Catcher #{i} matched {}", failure.error.as_deref().unwrap_or("(no error name)"));
                self.record(fiber, "Catch", Some(&error_output), Some(note));
                return self.ja_catch(fiber, i, error_output, catcher.next);
            }
            let raw = self.fibers[fiber].data.clone();
            let output = match &catcher.result_path {
                ResultTarget::Replace => error_output,
                ResultTarget::Discard => raw,
                ResultTarget::At(path) => {
                    let mut target = raw;
                    if !crate::path::eval::set_at(&mut target, &path.path.segments, error_output) {
                        let f = self.runtime(fiber, &format!("Invalid path '{}': the error output cannot be written there", path.text));
                        return self.fail_execution(fiber, f);
                    }
                    target
                }
            };
            // VAR-07: only the catcher's Assign runs, with `$` = the error output.
            self.fibers[fiber].pending_assign = None;
            if let Some(assign) = &catcher.assign {
                if !self.prepare_assign(fiber, assign, &failure.error_output()) {
                    return;
                }
            }
            let note = format!("Catcher #{i} matched {}", failure.error.as_deref().unwrap_or("(no error name)"));
            self.record(fiber, "Catch", Some(&failure.error_output()), Some(note));
            return self.exit_current_state(fiber, output, Some(catcher.next));
        }
        self.fail_fiber(fiber, failure);
    }

    /// Reruns the work of the current state after a retry backoff (no new `…StateEntered`).
    pub(super) fn retry_now(&mut self, fiber: usize) {
        match self.state(fiber).kind {
            // AWS evaluates the Task's input again for every attempt ($$.State.RetryCount changes).
            PKind::Task(_) => self.enter_task(fiber),
            PKind::Parallel { .. } => self.start_parallel(fiber),
            PKind::Map(_) => self.start_map(fiber),
            _ => {}
        }
    }

    /// The fiber ends in failure: the execution fails, or its Parallel/Map is told.
    pub(super) fn fail_fiber(&mut self, fiber: usize, failure: Failure) {
        self.fibers[fiber].phase = Phase::Failed;
        self.fibers[fiber].epoch += 1;
        if self.fibers[fiber].parent.is_some() {
            self.release(fiber);
        }
        match self.fibers[fiber].parent {
            None => self.fail_execution(fiber, failure),
            Some((container, index, ParentKind::Branch)) => self.branch_failed(container, index, failure),
            Some((container, index, ParentKind::Iteration)) => self.iteration_failed(container, index, fiber, failure),
        }
    }

    /// Ends the whole execution with `ExecutionFailed`, aborting whatever still runs.
    pub(super) fn fail_execution(&mut self, fiber: usize, failure: Failure) {
        if self.is_finished() {
            return;
        }
        self.abort_all_except(fiber);
        // A failure inside a Distributed Map child is reported by its Map; the top level ends here.
        let history = self.fibers[fiber].history;
        let reporter = if history == 0 { fiber } else { 0 };
        self.emit(reporter, "ExecutionFailed", || failure.details());
        self.status = Status::Failed { error: failure.error, cause: failure.cause };
    }

    pub(super) fn execution_timed_out(&mut self) {
        if self.is_finished() {
            return;
        }
        self.abort_all_except(usize::MAX);
        let f = Failure { error: Some("States.Timeout".into()), cause: None, heartbeat: false };
        self.emit(0, "ExecutionTimedOut", || f.details());
        self.status = Status::TimedOut { error: f.error, cause: f.cause };
    }

    /// `StopExecution`: running states are aborted, then `ExecutionAborted`.
    pub(super) fn stop(&mut self, error: Option<String>, cause: Option<String>) {
        self.abort_all_except(usize::MAX);
        let f = Failure { error, cause, heartbeat: false };
        self.emit(0, "ExecutionAborted", || f.details());
        self.status = Status::Aborted { error: f.error, cause: f.cause };
    }

    fn abort_all_except(&mut self, keep: usize) {
        if self.fibers.first().is_some_and(|f| matches!(f.phase, Phase::Done | Phase::Failed | Phase::Aborted)) {
            return;
        }
        if keep != 0 {
            self.abort_fiber(0);
        } else {
            self.fibers[0].epoch += 1;
        }
        self.clear_agenda();
        self.callbacks.clear();
    }

    /// Aborts a fiber and everything under it, recording `…StateAborted` for states that have it (HIST-04).
    pub(super) fn abort_fiber(&mut self, fiber: usize) {
        let phase = self.fibers[fiber].phase;
        if matches!(phase, Phase::Done | Phase::Failed | Phase::Aborted) {
            return;
        }
        if let Phase::InContainer(c) = phase {
            self.abort_container(c);
        }
        let in_state = matches!(phase, Phase::InTask | Phase::InWait | Phase::InContainer(_) | Phase::RetryWait | Phase::Busy);
        if in_state {
            let event = match self.state(fiber).kind {
                PKind::Task(_) => Some("TaskStateAborted"),
                PKind::Wait(_) => Some("WaitStateAborted"),
                PKind::Parallel { .. } => Some("ParallelStateAborted"),
                PKind::Map(_) => Some("MapStateAborted"),
                _ => None,
            };
            if let Some(event) = event {
                self.emit(fiber, event, Vec::new);
            }
        }
        if let Some(call) = &self.fibers[fiber].task {
            self.callbacks.remove(&call.token);
        }
        self.fibers[fiber].phase = Phase::Aborted;
        self.fibers[fiber].epoch += 1;
        self.release(fiber);
    }
}

//! The interpreter: a deterministic discrete-event simulation of one execution.
//!
//! Inputs (definition, execution input, mocks, seed, start time, and whatever the caller sends later such
//! as task-token callbacks) go in; history events come out. Nothing inside reads a clock or draws
//! unseeded randomness, so the same inputs always give the same history, byte for byte.
//!
//! An execution is a tree of *fibers* (the top level, each Parallel branch, each Map iteration), each at
//! a state with its data. Pending *happenings* (enter a state, a task finishing, a Wait expiring, a retry
//! backoff elapsing, a timeout) wait in an agenda ordered by (virtual time, sequence number).

mod agenda;
mod containers;
mod context;
mod failure;
mod jsonata_flow;
mod jtemplate;
mod plan;
mod states;
pub mod template;
mod variables;
mod work;

use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;

use serde::Serialize;
use crate::value::Value;

use crate::asl::StateMachine;
use crate::history::{Detail, HistoryEvent, Stage, StateVisit};
use crate::mock::Mocks;
use crate::rng::Rng;
use crate::timestamp::parse_timestamp;
use crate::validate::MachineType;
use plan::{Plan, ScopeId, StateId};

pub use failure::Failure;

/// What to do when a Task has no mocked response (never a silent guess).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Unmocked {
    /// Fail the task with `Simulator.MissingMock` and a cause that says which call had no mock.
    #[default]
    Fail,
    /// Return the task's input (its Parameters) as its result.
    ReturnInput,
}

/// How much detail to record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum Recording {
    /// Every event with its payloads, and the data-flow stages of every state visit.
    #[default]
    Full,
    /// Event types and ids only (for benchmarks and bulk test runs).
    Outline,
}

/// AWS's quotas, each switchable (benchmarks compare with peers that enforce none of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// QUOTA-02: 25 000 events for Standard executions.
    pub max_history_events: Option<usize>,
    /// QUOTA-01: 256 KiB of UTF-8 per payload.
    pub max_payload_bytes: Option<usize>,
}

impl Limits {
    pub fn aws(machine_type: MachineType) -> Limits {
        Limits {
            max_history_events: (machine_type == MachineType::Standard).then_some(25_000),
            max_payload_bytes: Some(262_144),
        }
    }

    pub fn none() -> Limits {
        Limits { max_history_events: None, max_payload_bytes: None }
    }
}

/// Everything an execution depends on besides the definition: its ground state.
#[derive(Debug, Clone)]
pub struct Config {
    /// The execution input (shared: a caller that repeats an execution converts it once).
    pub input: Value,
    pub seed: u64,
    /// Virtual start time, nanoseconds since the Unix epoch.
    pub start_time: i128,
    pub execution_name: String,
    pub state_machine_name: String,
    pub machine_type: MachineType,
    pub mocks: Mocks,
    pub unmocked: Unmocked,
    pub limits: Limits,
    pub recording: Recording,
    /// How much payload text (history payloads and data-flow stages) one execution may keep; past it,
    /// payloads are recorded as truncated so that a growing payload in a long loop cannot exhaust memory.
    pub max_recorded_bytes: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            input: Value::empty_object(),
            seed: 0,
            start_time: parse_timestamp("2024-01-01T00:00:00Z").map_or(0, |t| t.epoch_nanos),
            execution_name: "simulation".into(),
            state_machine_name: "StateMachine".into(),
            machine_type: MachineType::Standard,
            mocks: Mocks::default(),
            unmocked: Unmocked::Fail,
            limits: Limits::aws(MachineType::Standard),
            recording: Recording::Full,
            max_recorded_bytes: 64 << 20,
        }
    }
}

/// Where an execution is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status")]
pub enum Status {
    #[serde(rename = "RUNNING")]
    Running,
    #[serde(rename = "SUCCEEDED")]
    Succeeded { output: Value },
    #[serde(rename = "FAILED")]
    Failed { error: Option<String>, cause: Option<String> },
    #[serde(rename = "TIMED_OUT")]
    TimedOut { error: Option<String>, cause: Option<String> },
    #[serde(rename = "ABORTED")]
    Aborted { error: Option<String>, cause: Option<String> },
}

impl Status {
    pub fn name(&self) -> &'static str {
        match self {
            Status::Running => "RUNNING",
            Status::Succeeded { .. } => "SUCCEEDED",
            Status::Failed { .. } => "FAILED",
            Status::TimedOut { .. } => "TIMED_OUT",
            Status::Aborted { .. } => "ABORTED",
        }
    }
}

/// A Task waiting for `SendTaskSuccess`/`Failure`/`Heartbeat` (or an activity waiting for a worker).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PendingCallback {
    pub token: String,
    pub state: String,
    pub resource: String,
}

/// Why `run` returned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Pause {
    /// The execution ended (see `status`).
    Finished,
    /// Nothing can happen until the caller sends a callback.
    WaitingForCallbacks(Vec<PendingCallback>),
    /// The next state to enter has a breakpoint.
    Breakpoint { state: String },
    /// The transition budget of this `run` is used up; the machine may loop forever.
    BudgetExhausted { transitions: u64 },
}

/// Something sent to the execution from outside, kept so that a replay can send it again.
#[derive(Debug, Clone, PartialEq)]
pub enum External {
    Success { token: String, output: serde_json::Value },
    Failure { token: String, error: Option<String>, cause: Option<String> },
    Heartbeat { token: String },
    Stop { error: Option<String>, cause: Option<String> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// About to enter `state` (scheduled).
    Ready,
    Busy,
    /// Inside a Task whose call is in flight (or waits for a callback).
    InTask,
    InWait,
    InContainer(usize),
    RetryWait,
    Done,
    Failed,
    Aborted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ParentKind {
    Branch,
    Iteration,
}

#[derive(Debug)]
struct Fiber {
    state: Option<StateId>,
    /// The raw input of the current state.
    data: Value,
    /// The effective input computed on entering (kept for retries of the same visit).
    effective: Value,
    parent: Option<(usize, usize, ParentKind)>,
    history: usize,
    last_event: u64,
    entered_event: u64,
    epoch: u64,
    retry_counts: Vec<u32>,
    phase: Phase,
    label: Vec<String>,
    visit: Option<usize>,
    /// The current Task call, for timeouts and callbacks.
    /// Boxed: fibers are many (one per Map iteration) and a call is moved in and out of its fiber.
    task: Option<Box<work::TaskCall>>,
    /// This fiber's variable scope.
    vars: usize,
    /// Assignments evaluated in the current state, applied when it exits (VAR-05).
    pending_assign: Option<Vec<(String, Value)>>,
}

#[derive(Debug, Clone)]
enum Happening {
    Enter,
    Retry,
    /// A Task's call returned this result (kept unboxed: it is the common case, and a value is small).
    TaskReturned(Value),
    /// A Task's call failed. Boxed: every transition goes through the agenda, so its entries are kept small.
    TaskThrew(Box<crate::mock::MockOutcome>),
    /// `beat` identifies the heartbeat window; a later heartbeat makes an earlier window's timeout stale.
    TaskTimeout { heartbeat: bool, beat: u64 },
    StartIteration(usize),
    WaitDone,
    ExecutionTimeout,
}

/// A state machine compiled for running (paths parsed, templates compiled, transitions resolved). Build it
/// once and start any number of executions from it.
#[derive(Clone)]
pub struct Program {
    plan: Rc<Plan>,
}

impl Program {
    pub fn new(machine: &StateMachine) -> Program {
        Program { plan: Rc::new(Plan::compile(machine)) }
    }
}

/// One execution of one state machine.
pub struct Execution {
    plan: Rc<Plan>,
    config: Config,
    clock: i128,
    rng: Rng,
    histories: Vec<Vec<HistoryEvent>>,
    visits: Vec<StateVisit>,
    fibers: Vec<Fiber>,
    containers: Vec<containers::Container>,
    agenda: agenda::Agenda,
    seq: u64,
    /// Calls so far per state (mock invocation numbers), indexed by state id.
    invocations: Vec<u32>,
    /// Each state's mocked responses, looked up once by name.
    state_mocks: Vec<Option<crate::mock::MockSequence>>,
    callbacks: BTreeMap<String, (usize, u64)>,
    status: Status,
    transitions: u64,
    breakpoints: HashSet<String>,
    skip_breakpoint: Option<usize>,
    externals: Vec<(usize, External)>,
    /// The parts of `$$` that every state's context shares (see `context::ContextParts`), made on first use.
    context_parts: Option<Box<context::ContextParts>>,
    history_overflow: bool,
    calls: Vec<TaskCallRecord>,
    recorded_bytes: usize,
    var_scopes: Rc<Vec<variables::VarScope>>,
    /// Inside `run` (not `step`): when nothing else is due, a call that takes no time may complete within
    /// the happening that made it (see `work::finish_now_or_later`), and a transition may skip the agenda
    /// (see `hand_over`).
    running: bool,
    /// The fiber (with its epoch and sequence number) that enters its next state as soon as the current
    /// happening is over: while `run` goes and nothing else is due, a transition skips the agenda (see
    /// `hand_over`).
    ready: Option<(usize, u64, u64)>,
    /// Payload sizes already measured for the recording budget, by the address of the shared array or object.
    measured: rustc_hash::FxHashMap<usize, (Value, usize)>,
    /// The box of the last finished Task call, for the next call to reuse: a run of Tasks then allocates
    /// none, where allocating and freeing one per Task made the allocator retire and revive a page each time.
    spare_call: Option<Box<work::TaskCall>>,
    /// A state's input object that nobody else held when the fiber moved on, emptied, for the next
    /// Parameters template to build its object in (`Template::evaluate_reusing`): in a chain of states with
    /// Parameters, each object then reuses the memory of the one before last.
    spare_object: Option<Rc<crate::value::Map>>,
}

/// One call a Task made (every attempt), as `TaskScheduled`/`LambdaFunctionScheduled`/`ActivityScheduled` show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskCallRecord {
    pub state: String,
    pub event: &'static str,
    pub resource: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<String>,
    pub parameters: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heartbeat_seconds: Option<i64>,
}

impl Happening {
    /// The happening that delivers a Task call's outcome.
    fn outcome(outcome: crate::mock::MockOutcome) -> Happening {
        match outcome {
            crate::mock::MockOutcome::Return(v) => Happening::TaskReturned(v),
            other => Happening::TaskThrew(Box::new(other)),
        }
    }
}

impl Execution {
    /// Starts an execution: `ExecutionStarted` is recorded and the first state is scheduled.
    pub fn new(machine: &StateMachine, config: Config) -> Execution {
        Execution::start(&Program::new(machine), config)
    }

    /// Starts an execution of an already compiled program.
    pub fn start(program: &Program, config: Config) -> Execution {
        Execution::with_plan(program.plan.clone(), config)
    }

    fn with_plan(plan: Rc<Plan>, config: Config) -> Execution {
        let states = plan.states.len();
        let mut exec = Execution {
            plan,
            clock: config.start_time,
            rng: Rng::new(config.seed),
            config,
            // Room for about one pass through every state (a Task records five events) plus the execution's
            // own events, so that a run through a long machine does not copy its history as it grows.
            histories: vec![Vec::with_capacity((states * 5 + 8).clamp(256, 1 << 15))],
            visits: Vec::new(),
            fibers: Vec::new(),
            containers: Vec::new(),
            agenda: agenda::Agenda::default(),
            seq: 0,
            invocations: Vec::new(),
            state_mocks: Vec::new(),
            callbacks: BTreeMap::new(),
            status: Status::Running,
            transitions: 0,
            breakpoints: HashSet::new(),
            skip_breakpoint: None,
            externals: Vec::new(),
            context_parts: None,
            history_overflow: false,
            calls: Vec::new(),
            spare_call: None,
            spare_object: None,
            recorded_bytes: 0,
            var_scopes: Rc::new(Vec::new()),
            running: false,
            ready: None,
            measured: Default::default(),
        };
        exec.invocations = vec![0; exec.plan.states.len()];
        exec.state_mocks = if exec.config.mocks.states.is_empty() {
            vec![None; exec.plan.states.len()]
        } else {
            exec.plan.states.iter().map(|s| exec.config.mocks.states.get(&s.name).cloned()).collect()
        };
        let start = exec.plan.start();
        let input = exec.config.input.clone();
        let top = exec.new_fiber(start, input.clone(), None, 0, Vec::new());
        let role = context::role_arn();
        exec.emit(top, "ExecutionStarted", || vec![("input", Detail::Payload(input.clone())), ("roleArn", Detail::Text(role))]);
        if let Some(limit) = exec.config.limits.max_payload_bytes {
            if json_size(&input) > limit {
                exec.fail_execution(top, Failure::new("States.DataLimitExceeded", "The execution input is larger than the maximum of 262144 bytes"));
                return exec;
            }
        }
        let cap: i128 = match exec.config.machine_type {
            MachineType::Express => 300,
            MachineType::Standard => 365 * 86_400,
        };
        let timeout = exec.plan.timeout_seconds.map_or(cap, |t| (t as i128).min(cap));
        exec.schedule_at(exec.clock + timeout * 1_000_000_000, top, Happening::ExecutionTimeout);
        match start {
            Some(_) => exec.schedule(top, Happening::Enter),
            None => exec.fail_execution(top, Failure::new("States.Runtime", "The definition has no valid StartAt state")),
        }
        exec
    }

    /// Replays the same inputs (including callbacks sent so far) up to `events` events of the main history.
    pub fn replay(machine: &StateMachine, config: Config, externals: &[(usize, External)], events: usize) -> Execution {
        let mut exec = Execution::new(machine, config);
        let mut sent = 0;
        loop {
            while sent < externals.len() && externals[sent].0 <= exec.histories[0].len() {
                let _ = exec.send(externals[sent].1.clone());
                sent += 1;
            }
            if exec.histories[0].len() >= events {
                break;
            }
            if !exec.step_one() {
                if sent < externals.len() {
                    let _ = exec.send(externals[sent].1.clone());
                    sent += 1;
                } else {
                    break;
                }
            }
        }
        exec
    }

    pub fn status(&self) -> &Status {
        &self.status
    }

    pub fn is_finished(&self) -> bool {
        self.status != Status::Running
    }

    /// The main history (`GetExecutionHistory` of this execution).
    pub fn history(&self) -> &[HistoryEvent] {
        &self.histories[0]
    }

    /// Histories of Distributed Map child executions, in the order they started.
    pub fn child_histories(&self) -> &[Vec<HistoryEvent>] {
        &self.histories[1..]
    }

    /// The data-flow stages of every state visit, in order of entry.
    pub fn visits(&self) -> &[StateVisit] {
        &self.visits
    }

    /// Virtual time now, nanoseconds since the Unix epoch.
    pub fn now(&self) -> i128 {
        self.clock
    }

    /// States entered so far (every `…StateEntered`, nested ones included).
    pub fn transitions(&self) -> u64 {
        self.transitions
    }

    /// Callbacks sent so far, with the main-history length at which each arrived (for replay).
    pub fn externals(&self) -> &[(usize, External)] {
        &self.externals
    }

    /// Every Task call made so far, in order.
    pub fn task_calls(&self) -> &[TaskCallRecord] {
        &self.calls
    }

    pub fn set_breakpoints(&mut self, states: impl IntoIterator<Item = String>) {
        self.breakpoints = states.into_iter().collect();
    }

    pub fn pending_callbacks(&self) -> Vec<PendingCallback> {
        self.callbacks
            .iter()
            .filter_map(|(token, (fiber, _))| {
                let f = &self.fibers[*fiber];
                let state = &self.plan.states[f.state?];
                Some(PendingCallback { token: token.clone(), state: state.name.clone(), resource: f.task.as_ref()?.callee.resource.clone() })
            })
            .collect()
    }

    /// Advances by one happening and returns the main-history events it recorded (none when nothing can
    /// happen without outside input, or the execution has ended).
    pub fn step(&mut self) -> Vec<HistoryEvent> {
        let before = self.histories[0].len();
        self.step_one();
        self.histories[0][before..].to_vec()
    }

    fn step_one(&mut self) -> bool {
        if self.is_finished() {
            return false;
        }
        let Some(next) = self.agenda.pop() else { return false };
        if self.fibers[next.fiber].epoch != next.epoch {
            return true;
        }
        self.clock = self.clock.max(next.time);
        self.handle(next.fiber, next.happening);
        self.check_history_full();
        true
    }

    /// QUOTA-02: the execution fails once its history is full (checked after every happening). The check
    /// is in line, the failure out of line: the check is on every transition's path.
    #[inline(always)]
    fn check_history_full(&mut self) {
        if self.history_overflow {
            self.history_full();
        }
    }

    #[inline(never)]
    fn history_full(&mut self) {
        if !self.is_finished() {
            let limit = self.config.limits.max_history_events.unwrap_or(0);
            self.fail_execution(0, Failure::new("States.Runtime", &format!("The execution reached the maximum number of history events ({limit})")));
        }
    }

    /// Whether what the current happening produces may be handled without the agenda: only inside `run`
    /// (`step` shows every happening on its own), with no breakpoint to look for, nothing handed over
    /// already, and nothing else due now, so that it would be the very next happening anyway and the
    /// history is the same either way.
    #[inline]
    fn nothing_else_due(&self) -> bool {
        // Most often false in executions with many branches or iterations, where the agenda is rarely empty:
        // that is checked first.
        self.agenda.nothing_due(self.clock) && self.running && self.ready.is_none() && self.breakpoints.is_empty() && !self.history_overflow
    }

    /// The fiber enters its (already set) next state: straight after this happening when nothing else is
    /// due, else through the agenda. It takes a sequence number either way, so that whatever is scheduled
    /// after it comes after it.
    #[inline]
    fn hand_over(&mut self, fiber: usize) {
        if self.nothing_else_due() {
            self.seq += 1;
            self.ready = Some((fiber, self.fibers[fiber].epoch, self.seq));
        } else {
            self.schedule(fiber, Happening::Enter);
        }
    }

    /// Puts a handed-over transition on the agenda (when `run` stops before taking it), with the sequence
    /// number it took, so it still comes before anything scheduled after it.
    fn park_ready(&mut self) {
        if let Some((fiber, epoch, seq)) = self.ready.take() {
            if !self.is_finished() {
                self.agenda.push(agenda::Scheduled { time: self.clock, seq, fiber, epoch, happening: Happening::Enter }, self.clock);
            }
        }
    }

    /// Drops everything pending (the execution ended).
    fn clear_agenda(&mut self) {
        self.agenda.clear();
        self.ready = None;
    }

    /// Runs until the execution ends, waits for a callback, reaches a breakpoint, or has entered
    /// `max_transitions` more states.
    pub fn run(&mut self, max_transitions: u64) -> Pause {
        self.running = true;
        let pause = self.run_until_pause(max_transitions);
        self.running = false;
        // A transition handed over but not taken (the budget ran out) waits on the agenda like any other.
        self.park_ready();
        pause
    }

    fn run_until_pause(&mut self, max_transitions: u64) -> Pause {
        let budget_end = self.transitions.saturating_add(max_transitions);
        loop {
            if self.is_finished() {
                return Pause::Finished;
            }
            if self.transitions >= budget_end {
                return Pause::BudgetExhausted { transitions: self.transitions };
            }
            // Never set while there are breakpoints, so the check for one can come after.
            if let Some((fiber, epoch, _)) = self.ready.take() {
                if self.fibers[fiber].epoch == epoch {
                    self.enter(fiber);
                    self.check_history_full();
                }
                continue;
            }
            if let Some(state) = self.breakpoint_ahead() {
                return Pause::Breakpoint { state };
            }
            // While a task waits for a callback, only timers (timeouts, heartbeats) are left: virtual time
            // would jump straight to them. Stop and let the caller answer, or `step` to let the time pass.
            if !self.callbacks.is_empty() && self.only_timers_left() {
                return Pause::WaitingForCallbacks(self.pending_callbacks());
            }
            if !self.step_one() {
                return if self.is_finished() { Pause::Finished } else { Pause::WaitingForCallbacks(self.pending_callbacks()) };
            }
        }
    }

    fn only_timers_left(&self) -> bool {
        self.agenda.iter().all(|s| {
            matches!(s.happening, Happening::ExecutionTimeout | Happening::TaskTimeout { .. }) || self.fibers[s.fiber].epoch != s.epoch
        })
    }

    /// The name of the state about to be entered, if it has a breakpoint (and was not just resumed past).
    fn breakpoint_ahead(&mut self) -> Option<String> {
        if self.breakpoints.is_empty() {
            return None;
        }
        let next = self.agenda.peek()?;
        if !matches!(next.happening, Happening::Enter) || self.fibers[next.fiber].epoch != next.epoch {
            return None;
        }
        let name = &self.plan.states[self.fibers[next.fiber].state?].name;
        if self.breakpoints.contains(name) && self.skip_breakpoint != Some(next.seq as usize) {
            self.skip_breakpoint = Some(next.seq as usize);
            return Some(name.clone());
        }
        None
    }

    /// Sends `SendTaskSuccess`/`Failure`/`Heartbeat` or `StopExecution`. Returns an error for an unknown token.
    pub fn send(&mut self, external: External) -> Result<(), String> {
        if self.is_finished() {
            return Err("The execution has already ended".into());
        }
        let at = self.histories[0].len();
        let result = match &external {
            External::Success { token, output } => self.callback_outcome(token, crate::mock::MockOutcome::Return(Value::from(output))),
            External::Failure { token, error, cause } => {
                self.callback_outcome(token, crate::mock::MockOutcome::Throw { error: error.clone(), cause: cause.clone() })
            }
            External::Heartbeat { token } => self.heartbeat(token),
            External::Stop { error, cause } => {
                self.stop(error.clone(), cause.clone());
                Ok(())
            }
        };
        if result.is_ok() {
            self.externals.push((at, external));
        }
        result
    }

    fn handle(&mut self, fiber: usize, happening: Happening) {
        match happening {
            Happening::Enter => self.enter(fiber),
            Happening::Retry => self.retry_now(fiber),
            Happening::TaskReturned(result) => self.task_done(fiber, crate::mock::MockOutcome::Return(result)),
            Happening::TaskThrew(outcome) => self.task_done(fiber, *outcome),
            Happening::TaskTimeout { heartbeat, beat } => self.task_timed_out(fiber, heartbeat, beat),
            Happening::StartIteration(container) => self.start_next_iteration(container),
            Happening::WaitDone => self.wait_done(fiber),
            Happening::ExecutionTimeout => self.execution_timed_out(),
        }
    }

    // ---- plumbing shared by the other modules ----

    fn new_fiber(&mut self, state: Option<StateId>, data: Value, parent: Option<(usize, usize, ParentKind)>, history: usize, label: Vec<String>) -> usize {
        let owner = parent.map(|(c, _, _)| self.containers[c].owner);
        let last_event = owner.map_or(0, |o| self.fibers[o].last_event);
        // A branch or iteration reads the variables of the state that started it; a Distributed Map child
        // (its own execution, in its own history) reads none (VAR-08).
        let parent_scope = owner.filter(|o| self.fibers[*o].history == history).map(|o| self.fibers[o].vars);
        Rc::make_mut(&mut self.var_scopes).push(variables::VarScope { parent: parent_scope, values: Default::default() });
        let vars = self.var_scopes.len() - 1;
        self.fibers.push(Fiber {
            state,
            data,
            effective: Value::Null,
            parent,
            history,
            last_event,
            entered_event: 0,
            epoch: 0,
            retry_counts: Vec::new(),
            phase: Phase::Ready,
            label,
            visit: None,
            task: None,
            vars,
            pending_assign: None,
        });
        self.fibers.len() - 1
    }

    fn schedule(&mut self, fiber: usize, happening: Happening) {
        self.schedule_at(self.clock, fiber, happening);
    }

    fn schedule_at(&mut self, time: i128, fiber: usize, happening: Happening) {
        self.seq += 1;
        let epoch = self.fibers[fiber].epoch;
        self.agenda.push(agenda::Scheduled { time, seq: self.seq, fiber, epoch, happening }, self.clock);
    }

    /// Records an event for `fiber`; `details` is only evaluated when payloads are recorded.
    fn emit(&mut self, fiber: usize, event_type: &'static str, details: impl FnOnce() -> Vec<(&'static str, Detail)>) -> u64 {
        let details = match self.config.recording {
            Recording::Full => {
                let mut details = details();
                for (_, d) in details.iter_mut() {
                    if let Detail::Payload(v) = d {
                        if !self.within_recording_budget(v) {
                            *d = Detail::Truncated;
                        }
                    }
                }
                details
            }
            Recording::Outline => Vec::new(),
        };
        // The fiber and its history are looked up once: every state records several events, and indexing
        // again after each write cost a fifth of the work of recording one.
        let f = &mut self.fibers[fiber];
        let history = f.history;
        let events = &mut self.histories[history];
        let id = events.len() as u64 + 1;
        events.push(HistoryEvent::new(id, f.last_event, self.clock, event_type, details));
        f.last_event = id;
        if history == 0 {
            if let Some(limit) = self.config.limits.max_history_events {
                if id as usize >= limit {
                    self.history_overflow = true;
                }
            }
        }
        id
    }

    fn state(&self, fiber: usize) -> &plan::PState {
        &self.plan.states[self.fibers[fiber].state.unwrap_or(0)]
    }

    /// Counts a payload against the recording budget; false once the budget is used up.
    fn within_recording_budget(&mut self, v: &Value) -> bool {
        if self.recorded_bytes > self.config.max_recorded_bytes {
            return false;
        }
        self.recorded_bytes += self.recorded_size(v);
        self.recorded_bytes <= self.config.max_recorded_bytes
    }

    /// `json_size` of a payload, measured once per array or object: one value is recorded many times (as a
    /// state's output, the next state's input, their stages), and measuring walks all of it. The cache keeps
    /// each measured value alive, so its address cannot be reused by another value.
    fn recorded_size(&mut self, v: &Value) -> usize {
        let key = match v {
            Value::Array(items) => Rc::as_ptr(items) as *const () as usize,
            Value::Object(m) => Rc::as_ptr(m) as *const () as usize,
            _ => return json_size(v),
        };
        if let Some((_, size)) = self.measured.get(&key) {
            return *size;
        }
        let size = json_size(v);
        self.measured.insert(key, (v.clone(), size));
        size
    }

    /// Whether some payloads were left out of the recording (see `Config::max_recorded_bytes`).
    pub fn recording_truncated(&self) -> bool {
        self.recorded_bytes > self.config.max_recorded_bytes
    }

    #[inline(always)]
    fn record(&mut self, fiber: usize, stage: &'static str, value: Option<&Value>, note: Option<String>) {
        if self.config.recording == Recording::Full {
            self.record_stage(fiber, stage, value, note);
        }
    }

    fn record_stage(&mut self, fiber: usize, stage: &'static str, value: Option<&Value>, note: Option<String>) {
        let value = match value {
            Some(v) if !self.within_recording_budget(v) => None,
            other => other,
        };
        if let Some(v) = self.fibers[fiber].visit {
            self.visits[v].stages.push(Stage { stage, value: value.cloned(), note });
        }
    }

    /// Records a stage that is only a note; the note is only written when stages are recorded.
    fn note(&mut self, fiber: usize, stage: &'static str, note: impl FnOnce() -> String) {
        if self.config.recording == Recording::Full {
            self.record(fiber, stage, None, Some(note()));
        }
    }

    /// The next invocation number of a state's mock (0-based, counted across retries and iterations).
    fn next_invocation(&mut self, state: StateId) -> u32 {
        match self.invocations.get_mut(state) {
            Some(n) => {
                *n += 1;
                *n - 1
            }
            None => 0,
        }
    }

    #[inline(always)]
    fn mock_response(&self, state: StateId, invocation: u32) -> Option<crate::mock::MockResponse> {
        self.state_mocks.get(state)?.as_ref()?.response(invocation).cloned()
    }

    fn scope_start(&self, scope: ScopeId) -> Option<StateId> {
        self.plan.scopes[scope].start
    }
}

/// Jackson's default nesting limit: AWS's JSON reader rejects anything deeper.
pub const MAX_NESTING: usize = 1000;

/// Whether a value nests deeper than `MAX_NESTING`. The recursion stops one level past the limit, so it is
/// never deeper than `MAX_NESTING` frames whatever the value; it allocates nothing, as it runs on every
/// state's output.
#[inline]
pub fn too_deep(v: &Value) -> bool {
    fn deeper_than(v: &Value, room: usize) -> bool {
        match v {
            Value::Array(items) => room == 0 || items.iter().filter(is_container).any(|i| deeper_than(i, room - 1)),
            Value::Object(m) => room == 0 || m.values().filter(is_container).any(|i| deeper_than(i, room - 1)),
            _ => false,
        }
    }
    // Scalars are skipped without a call: most of a payload's members are scalars, and most outputs are an
    // object of scalars, checked here without any call at all.
    fn is_container(v: &&Value) -> bool {
        matches!(v, Value::Array(_) | Value::Object(_))
    }
    match v {
        Value::Array(items) => items.iter().filter(is_container).any(|i| deeper_than(i, MAX_NESTING - 1)),
        Value::Object(m) => m.values().filter(is_container).any(|i| deeper_than(i, MAX_NESTING - 1)),
        _ => false,
    }
}

/// The length of a value's compact JSON text, without building the text.
pub fn json_size(v: &Value) -> usize {
    match v {
        Value::Null => 4,
        Value::Bool(b) => if *b { 4 } else { 5 },
        Value::Number(n) => number_size(n),
        Value::String(s) => string_size(s),
        Value::Array(items) => 2 + items.iter().map(json_size).sum::<usize>() + items.len().saturating_sub(1),
        Value::Object(m) => 2 + m.iter().map(|(k, v)| string_size(k) + 1 + json_size(v)).sum::<usize>() + m.len().saturating_sub(1),
    }
}

/// The length of a number's JSON text, without allocating it (the recording budget measures every payload).
fn number_size(n: &crate::value::Number) -> usize {
    let digits = |mut u: u64| {
        let mut count = 1;
        while u >= 10 {
            u /= 10;
            count += 1;
        }
        count
    };
    if let Some(u) = n.as_u64() {
        return digits(u);
    }
    if let Some(i) = n.as_i64() {
        return 1 + digits(i.unsigned_abs());
    }
    struct Count(usize);
    impl std::fmt::Write for Count {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0 += s.len();
            Ok(())
        }
    }
    let mut count = Count(0);
    let _ = std::fmt::Write::write_fmt(&mut count, format_args!("{n}"));
    count.0
}

fn string_size(s: &str) -> usize {
    2 + s.len() + s.bytes().filter(|b| matches!(b, b'"' | b'\\') || *b < 0x20).map(|b| if b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 8 | 12) { 5 } else { 1 }).sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::json_size;
    use crate::value::Value;

    #[test]
    fn json_size_is_the_length_of_the_compact_text() {
        for text in [r#"[0,7,10,-1,-10,18446744073709551615,-9223372036854775808,1.5,1e300,-0.0,0.1]"#, r#"{"a\"b":"x\ny\u0001","c":[true,false,null,{}]}"#] {
            let v: Value = serde_json::from_str(text).unwrap();
            assert_eq!(json_size(&v), v.to_string().len(), "{text}");
        }
    }
}

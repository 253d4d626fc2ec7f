//! Parallel and Map states: branches and iterations as child fibers, MaxConcurrency, tolerated failures,
//! ItemReader/ItemBatcher/ResultWriter for Distributed Maps (ST-PAR-*, ST-MAP-*, HIST-08..10).

use std::rc::Rc;

use serde_json::Value as Json;

use crate::value::{Map, Str, Value};
use crate::val;

use super::failure::Failure;
use super::plan::{PKind, PMap};
use super::states::plain;
use super::template::CPath;
use super::{Execution, Happening, ParentKind, Phase};
use crate::history::Detail;
use crate::mock::MockOutcome;
use crate::path::eval::{evaluate_ref, PathEnv};

/// At most how many iterations' fibers a Map reserves at its start (about 4 MB).
const ROOM_FOR_FIBERS: usize = 1 << 14;
/// At most how many history events a Map reserves at its start (about 12 MB).
const ROOM_FOR_EVENTS: usize = 1 << 18;

/// AWS runs at most 40 inline Map iterations at once (QUOTA-06).
const INLINE_CONCURRENCY: usize = 40;

#[derive(Debug)]
pub(super) struct Container {
    pub owner: usize,
    is_map: bool,
    total: usize,
    results: Vec<Value>,
    done: usize,
    failed: usize,
    next: usize,
    running: usize,
    limit: usize,
    inputs: Vec<Value>,
    children: Vec<usize>,
    tolerated_count: Option<f64>,
    tolerated_percentage: Option<f64>,
    finished: bool,
    start_pending: bool,
    distributed: bool,
    map_run_arn: String,
}

impl Container {
    fn new(owner: usize, is_map: bool, total: usize) -> Container {
        Container {
            owner,
            is_map,
            total,
            results: vec![Value::Null; total],
            done: 0,
            failed: 0,
            next: 0,
            running: 0,
            limit: usize::MAX,
            inputs: Vec::new(),
            children: vec![usize::MAX; total],
            tolerated_count: None,
            tolerated_percentage: None,
            finished: false,
            start_pending: false,
            distributed: false,
            map_run_arn: String::new(),
        }
    }
}

impl Execution {
    /// Where a branch or iteration of `parent` runs, for naming its data-flow visits: the parent's place plus
    /// `step`. Only full recording keeps visits, so otherwise the label stays empty (and costs nothing).
    fn child_label(&self, parent: usize, step: impl FnOnce() -> String) -> Vec<String> {
        if self.config.recording != super::Recording::Full {
            return Vec::new();
        }
        let mut label = self.fibers[parent].label.clone();
        label.push(step());
        label
    }

    /// Starts (or, on retry, restarts) every branch with the Parallel state's effective input.
    pub(super) fn start_parallel(&mut self, fiber: usize) {
        let plan = self.plan.clone();
        let PKind::Parallel { branches } = &plan.states[self.fibers[fiber].state.unwrap_or(0)].kind else { return };
        self.emit(fiber, "ParallelStateStarted", Vec::new);
        let c = self.containers.len();
        self.containers.push(Container::new(fiber, false, branches.len()));
        self.fibers[fiber].phase = Phase::InContainer(c);
        let input = self.fibers[fiber].effective.clone();
        let history = self.fibers[fiber].history;
        for (i, scope) in branches.iter().enumerate() {
            let label = self.child_label(fiber, || format!("{} branch {}", plan.states[self.fibers[fiber].state.unwrap_or(0)].name, i + 1));
            let child = self.new_fiber(self.scope_start(*scope), input.clone(), Some((c, i, ParentKind::Branch)), history, label);
            self.containers[c].children[i] = child;
            self.schedule(child, Happening::Enter);
        }
        if branches.is_empty() {
            self.complete_work(fiber, Value::array(Vec::new()));
        }
    }

    pub(super) fn branch_succeeded(&mut self, c: usize, index: usize, output: Value) {
        let container = &mut self.containers[c];
        if container.finished {
            return;
        }
        container.results[index] = output;
        container.done += 1;
        if container.done == container.total {
            container.finished = true;
            let owner = container.owner;
            let results = std::mem::take(&mut container.results);
            // Observed: AWS records no ParallelStateSucceeded; the state goes straight to Exited (HIST-08).
            self.complete_work(owner, Value::array(results));
        }
    }

    pub(super) fn branch_failed(&mut self, c: usize, _index: usize, failure: Failure) {
        if self.containers[c].finished {
            return;
        }
        self.containers[c].finished = true;
        let owner = self.containers[c].owner;
        for child in self.containers[c].children.clone() {
            if child != usize::MAX {
                self.abort_fiber(child);
            }
        }
        self.emit(owner, "ParallelStateFailed", Vec::new);
        self.fibers[owner].phase = Phase::Busy;
        // ST-PAR-05: the branch's original error, not States.BranchFailed.
        self.handle_error(owner, failure);
    }

    pub(super) fn abort_container(&mut self, c: usize) {
        if self.containers[c].finished {
            return;
        }
        self.containers[c].finished = true;
        let owner = self.containers[c].owner;
        let is_map = self.containers[c].is_map;
        for (index, child) in self.containers[c].children.clone().into_iter().enumerate() {
            if child == usize::MAX || matches!(self.fibers[child].phase, Phase::Done | Phase::Failed | Phase::Aborted) {
                continue;
            }
            self.abort_fiber(child);
            if is_map && !self.containers[c].distributed {
                let name = self.plan.states[self.fibers[owner].state.unwrap_or(0)].name.clone();
                self.emit(owner, "MapIterationAborted", || vec![("name", Detail::Text(name)), ("index", Detail::Number(index as i64))]);
            }
        }
    }

    /// Reads the items and the Map's settings, then starts iterating (again, on retry).
    pub(super) fn start_map(&mut self, fiber: usize) {
        let plan = self.plan.clone();
        let state = &plan.states[self.fibers[fiber].state.unwrap_or(0)];
        let PKind::Map(map) = &state.kind else { return };
        let effective = self.fibers[fiber].effective.clone();
        let ctx = self.context_if_used(fiber);
        let settings = if state.jsonata {
            self.ja_map_settings(fiber)
        } else {
            (|| -> Result<_, Failure> {
            let env = PathEnv { input: &effective, context: &ctx, variables: &self.vars(fiber) };
            let items = self.map_items(fiber, map, &env)?;
            let int_path = |p: &CPath, name: &str| -> Result<f64, Failure> {
                let v = evaluate_ref(&p.path, &env).map_err(|e| self.runtime(fiber, &e.invalid_path_message(&p.text)))?;
                match v.as_ref() {
                    Value::Number(n) if n.as_i64().is_some() => Ok(n.as_f64().unwrap_or(0.0)),
                    other => Err(self.runtime(fiber, &format!("The {name} field refers to value \"{}\" which is not a valid integer: {}", plain(other), p.text))),
                }
            };
            let max_concurrency = match (&map.max_concurrency, &map.max_concurrency_path) {
                (Some(n), _) => *n,
                (None, Some(p)) => int_path(p, "MaxConcurrencyPath")?,
                _ => 0.0,
            };
            let count = match (&map.tolerated_count, &map.tolerated_count_path) {
                (Some(n), _) => Some(*n),
                (None, Some(p)) => Some(int_path(p, "ToleratedFailureCountPath")?),
                _ => None,
            };
            if count.is_some_and(|c| c < 0.0) {
                return Err(self.runtime(fiber, "ToleratedFailureCount cannot be negative."));
            }
            let percentage = match (&map.tolerated_percentage, &map.tolerated_percentage_path) {
                (Some(n), _) => Some(*n),
                (None, Some(p)) => {
                    let v = evaluate_ref(&p.path, &env).map_err(|e| self.runtime(fiber, &e.invalid_path_message(&p.text)))?;
                    match v.as_f64() {
                        Some(f) => Some(f),
                        None => {
                            return Err(self.runtime(fiber, &format!("The ToleratedFailurePercentagePath field refers to value \"{}\" which is not a valid float: {}", plain(&v), p.text)))
                        }
                    }
                }
                _ => None,
            };
            if percentage.is_some_and(|p| !(0.0..=100.0).contains(&p)) {
                return Err(self.runtime(fiber, "ToleratedFailurePercentage must be between 0 and 100."));
            }
            Ok((items, max_concurrency, count, percentage))
        })()
        };
        let (items, max_concurrency, count, percentage) = match settings {
            Ok(s) => s,
            Err(f) => return self.handle_error(fiber, f),
        };
        let total = items.len();
        let length = if map.item_reader.is_some() { 0 } else { total };
        self.emit(fiber, "MapStateStarted", || vec![("length", Detail::Number(length as i64))]);
        let c = self.containers.len();
        let mut container = Container::new(fiber, true, total);
        container.inputs = items;
        container.tolerated_count = count;
        container.tolerated_percentage = percentage;
        container.distributed = map.distributed;
        container.limit = match (max_concurrency as usize, map.distributed) {
            (0, false) => INLINE_CONCURRENCY,
            (0, true) => 10_000,
            (n, _) => n,
        };
        self.containers.push(container);
        self.fibers[fiber].phase = Phase::InContainer(c);
        self.make_room_for_iterations(fiber, total, map);
        if map.distributed {
            let label = map.label.clone().unwrap_or_else(|| state.name.clone());
            let arn = format!(
                "arn:aws:states:{}:{}:mapRun:{}/{label}:{:08x}",
                crate::parse::template_defaults::REGION,
                crate::parse::template_defaults::ACCOUNT,
                self.config.state_machine_name,
                self.rng.next_u64() as u32
            );
            self.containers[c].map_run_arn = arn.clone();
            self.emit(fiber, "MapRunStarted", || vec![("mapRunArn", Detail::Text(arn))]);
        }
        if total == 0 {
            return self.finish_map(c);
        }
        self.containers[c].start_pending = true;
        self.schedule(fiber, Happening::StartIteration(c));
    }

    /// Reserves at once what a Map's iterations will need: a fiber and a variable scope each, and in an
    /// inline Map at least an entry and an exit per state of the processor in the history. Grown a doubling at
    /// a time instead, the history and the fibers were copied over and over, which took a sixth of the time of
    /// a Map of 10,000 items (map-10000). Never more events than the history limit leaves room for, and never
    /// more than `ROOM_FOR_FIBERS` and `ROOM_FOR_EVENTS`: a Map that fails early should not have claimed
    /// memory for a million iterations (beyond them, growing costs little next to the iterations).
    fn make_room_for_iterations(&mut self, fiber: usize, total: usize, map: &PMap) {
        let fibers = total.min(ROOM_FOR_FIBERS);
        self.fibers.reserve(fibers);
        Rc::make_mut(&mut self.var_scopes).reserve(fibers);
        if map.distributed {
            return;
        }
        let states = map.processor.map_or(0, |p| self.plan.scopes[p].states);
        let history = &mut self.histories[self.fibers[fiber].history];
        let mut events = total.saturating_mul(2 + 2 * states).min(ROOM_FOR_EVENTS);
        if let Some(limit) = self.config.limits.max_history_events {
            events = events.min(limit.saturating_sub(history.len()));
        }
        history.reserve(events);
    }

    /// The items to iterate: ItemReader (mocked) or ItemsPath, then ItemBatcher.
    fn map_items(&mut self, fiber: usize, map: &PMap, env: &PathEnv) -> Result<Vec<Value>, Failure> {
        let items = if let Some(reader) = &map.item_reader {
            self.read_items(fiber, reader)?
        } else {
            let source = match &map.items_path {
                None => env.input.clone(),
                Some(p) => evaluate_ref(&p.path, env).map_err(|e| self.runtime(fiber, &e.invalid_path_message(&p.text)))?.into_owned(),
            };
            match source {
                Value::Array(items) => Rc::unwrap_or_clone(items),
                // ST-MAP-03: a Distributed Map iterates an object's key-value pairs.
                Value::Object(m) if map.distributed => key_value_pairs(&m),
                other => {
                    let path = map.items_path.as_ref().map_or("$", |p| p.text.as_str());
                    return Err(self.runtime(fiber, &format!("The ItemsPath field '{path}' refers to value '{other}', which is not a JSON array")));
                }
            }
        };
        match &map.item_batcher {
            None => Ok(items),
            Some(batcher) => self.batch(fiber, batcher, items, env),
        }
    }

    /// ItemReader results come from the Map state's mock: a JSON array, or text read per `ReaderConfig.InputType`.
    fn read_items(&mut self, fiber: usize, reader: &Json) -> Result<Vec<Value>, Failure> {
        let state_id = self.fibers[fiber].state.unwrap_or(0);
        let name = self.plan.states[state_id].name.clone();
        let invocation = self.next_invocation(state_id);
        let failed = |cause: String| Failure::new("States.ItemReaderFailed", &cause);
        let Some(response) = self.mock_response(state_id, invocation) else {
            return Err(failed(format!("The ItemReader of the Map state '{name}' has no mocked data: add a mock for '{name}' whose Return is the list of items (or the object's text)")));
        };
        let data = match response.outcome {
            MockOutcome::Return(v) => v,
            MockOutcome::Throw { error, cause } => return Err(Failure { error, cause, heartbeat: false }),
        };
        let input_type = reader.pointer("/ReaderConfig/InputType").and_then(Json::as_str).unwrap_or("JSON");
        let items = match (data, input_type) {
            (Value::Array(items), _) => Rc::unwrap_or_clone(items),
            (Value::String(text), "CSV") => csv_items(&text, reader.pointer("/ReaderConfig/CSVHeaders"), reader.pointer("/ReaderConfig/CSVDelimiter").and_then(Json::as_str)).map_err(failed)?,
            (Value::String(text), "JSONL") => text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| serde_json::from_str::<Value>(l).map_err(|e| failed(format!("A JSONL line is not valid JSON: {e}"))))
                .collect::<Result<_, _>>()?,
            (Value::String(text), _) => match serde_json::from_str::<Value>(&text) {
                Ok(Value::Array(items)) => Rc::unwrap_or_clone(items),
                _ => return Err(failed("Attempting to map over non-iterable node.".into())),
            },
            (Value::Object(m), _) => match reader.pointer("/ReaderConfig/ItemsPointer").and_then(Json::as_str) {
                Some(pointer) => match Value::Object(m).pointer(pointer) {
                    Some(Value::Array(items)) => items.to_vec(),
                    _ => return Err(failed("Attempting to map over non-iterable node.".into())),
                },
                None => key_value_pairs(&m),
            },
            _ => return Err(failed("Attempting to map over non-iterable node.".into())),
        };
        let max = reader.pointer("/ReaderConfig/MaxItems").and_then(Json::as_u64).map_or(usize::MAX, |m| m as usize);
        Ok(items.into_iter().take(max).collect())
    }

    /// ST-MAP-14: `{"Items": [...], "BatchInput": {...}}` per batch.
    fn batch(&mut self, fiber: usize, batcher: &Json, items: Vec<Value>, env: &PathEnv) -> Result<Vec<Value>, Failure> {
        let number = |name: &str| -> Result<Option<usize>, Failure> {
            if let Some(n) = batcher.get(name).and_then(Json::as_u64) {
                return Ok(Some(n as usize));
            }
            match batcher.get(format!("{name}Path")).and_then(Json::as_str).and_then(CPath::parse) {
                Some(p) => match evaluate_ref(&p.path, env).ok().and_then(|v| v.as_u64()) {
                    Some(n) if n > 0 => Ok(Some(n as usize)),
                    _ => Err(self.runtime(fiber, &format!("The {name}Path field does not refer to a positive integer: {}", p.text))),
                },
                None => Ok(None),
            }
        };
        let max_items = number("MaxItemsPerBatch")?.unwrap_or(usize::MAX);
        let max_bytes = number("MaxInputBytesPerBatch")?.unwrap_or(usize::MAX);
        let batch_input = match batcher.get("BatchInput") {
            None => None,
            Some(t) => Some(
                super::template::Template::compile(t)
                    .evaluate(env, &mut self.rng)
                    .map_err(|e| self.runtime(fiber, &e.message(env.input)))?,
            ),
        };
        let mut batches = Vec::new();
        let mut current: Vec<Value> = Vec::new();
        let mut bytes = 0;
        for item in items {
            let size = super::json_size(&item);
            if !current.is_empty() && (current.len() >= max_items || bytes + size > max_bytes) {
                batches.push(std::mem::take(&mut current));
                bytes = 0;
            }
            bytes += size;
            current.push(item);
        }
        if !current.is_empty() {
            batches.push(current);
        }
        Ok(batches
            .into_iter()
            .map(|items| {
                let mut m = Map::new();
                m.insert("Items", Value::array(items));
                if let Some(b) = &batch_input {
                    m.insert("BatchInput", b.clone());
                }
                Value::object(m)
            })
            .collect())
    }

    /// Starts the next iteration if concurrency allows, and queues itself behind it (so that quick iterations
    /// run one after another, as AWS's histories show, while slow ones overlap).
    pub(super) fn start_next_iteration(&mut self, c: usize) {
        self.containers[c].start_pending = false;
        let container = &self.containers[c];
        if container.finished || container.next >= container.total || container.running >= container.limit {
            return;
        }
        let index = container.next;
        let owner = container.owner;
        let distributed = container.distributed;
        let plan = self.plan.clone();
        let state = &plan.states[self.fibers[owner].state.unwrap_or(0)];
        let PKind::Map(map) = &state.kind else { return };
        // Each item is handed to exactly one iteration (a retry of the Map reads the items again).
        let item = std::mem::take(&mut self.containers[c].inputs[index]);
        let input = match &map.item_selector {
            _ if state.jsonata => match self.ja_item_input(owner, index, item) {
                Ok(v) => v,
                Err(f) => return self.handle_error(owner, f),
            },
            None => item,
            Some(selector) => {
                let mut ctx = self.context(owner);
                if let Some(m) = ctx.as_object_mut() {
                    m.insert("Map", map_item_context(index, item));
                }
                let effective = self.fibers[owner].effective.clone();
                let env = PathEnv { input: &effective, context: &ctx, variables: &self.vars(owner) };
                match selector.evaluate(&env, &mut self.rng) {
                    Ok(v) => v,
                    Err(e) => {
                        let f = self.runtime(owner, &e.message(&effective));
                        return self.fail_execution(owner, f);
                    }
                }
            }
        };
        self.containers[c].next += 1;
        self.containers[c].running += 1;
        let history = if distributed {
            self.histories.push(Vec::new());
            self.histories.len() - 1
        } else {
            self.emit(owner, "MapIterationStarted", || vec![("name", Detail::Text(state.name.clone())), ("index", Detail::Number(index as i64))]);
            self.fibers[owner].history
        };
        let label = self.child_label(owner, || format!("{} iteration {index}", state.name));
        let start = map.processor.and_then(|p| self.scope_start(p));
        let child = self.new_fiber(start, input.clone(), Some((c, index, ParentKind::Iteration)), history, label);
        if distributed {
            self.fibers[child].last_event = 0;
            self.emit(child, "ExecutionStarted", || vec![("input", Detail::Payload(input))]);
        }
        self.containers[c].children[index] = child;
        self.schedule(child, Happening::Enter);
        self.queue_next_iteration(c);
    }

    fn queue_next_iteration(&mut self, c: usize) {
        let container = &self.containers[c];
        if !container.finished && !container.start_pending && container.next < container.total && container.running < container.limit {
            let owner = container.owner;
            self.containers[c].start_pending = true;
            self.schedule(owner, Happening::StartIteration(c));
        }
    }

    fn iteration_event(&mut self, c: usize, event: &'static str, index: usize) {
        if self.containers[c].distributed {
            return;
        }
        let owner = self.containers[c].owner;
        let plan = self.plan.clone();
        let name = &plan.states[self.fibers[owner].state.unwrap_or(0)].name;
        self.emit(owner, event, || vec![("name", Detail::Text(name.clone())), ("index", Detail::Number(index as i64))]);
    }

    pub(super) fn iteration_succeeded(&mut self, c: usize, index: usize, output: Value) {
        if self.containers[c].finished {
            return;
        }
        self.iteration_event(c, "MapIterationSucceeded", index);
        let container = &mut self.containers[c];
        container.results[index] = output;
        container.done += 1;
        container.running -= 1;
        if container.done + container.failed == container.total {
            self.finish_map(c);
        } else {
            self.queue_next_iteration(c);
        }
    }

    pub(super) fn iteration_failed(&mut self, c: usize, index: usize, child: usize, failure: Failure) {
        if self.containers[c].finished {
            return;
        }
        if self.containers[c].distributed {
            let details = failure.details();
            self.emit(child, "ExecutionFailed", || details);
        }
        self.iteration_event(c, "MapIterationFailed", index);
        let container = &mut self.containers[c];
        container.failed += 1;
        container.running -= 1;
        container.results[index] = failure.error_output();
        let tolerant = container.tolerated_count.is_some() || container.tolerated_percentage.is_some();
        let exceeded = !tolerant
            || container.tolerated_count.is_some_and(|n| container.failed as f64 > n)
            || container.tolerated_percentage.is_some_and(|p| container.failed as f64 * 100.0 / container.total as f64 > p);
        if !exceeded {
            if container.done + container.failed == container.total {
                return self.finish_map(c);
            }
            return self.queue_next_iteration(c);
        }
        let owner = container.owner;
        self.abort_container(c);
        // ST-MAP-08 / ST-MAP-09: the iteration's own error, unless a tolerance was set and exceeded.
        let failure = if tolerant {
            Failure::new("States.ExceedToleratedFailureThreshold", "The specified tolerated failure threshold was exceeded")
        } else {
            failure
        };
        if self.containers[c].distributed {
            let details = failure.details();
            self.emit(owner, "MapRunFailed", || details);
        }
        self.emit(owner, "MapStateFailed", Vec::new);
        self.fibers[owner].phase = Phase::Busy;
        self.handle_error(owner, failure);
    }

    fn finish_map(&mut self, c: usize) {
        self.containers[c].finished = true;
        let owner = self.containers[c].owner;
        if self.containers[c].distributed {
            self.emit(owner, "MapRunSucceeded", Vec::new);
        }
        self.emit(owner, "MapStateSucceeded", Vec::new);
        let results = std::mem::take(&mut self.containers[c].results);
        let plan = self.plan.clone();
        let writer = match &plan.states[self.fibers[owner].state.unwrap_or(0)].kind {
            PKind::Map(map) => map.result_writer.clone(),
            _ => None,
        };
        let result = match writer.as_ref().and_then(|w| w.get("Resource").map(|_| w)) {
            // ST-MAP-15: exported results are replaced by where they were written.
            Some(w) => {
                let params = w.get("Parameters").or_else(|| w.get("Arguments")).cloned().unwrap_or(Json::Null);
                let bucket = params.get("Bucket").cloned().unwrap_or(Json::Null);
                let prefix = params.get("Prefix").and_then(Json::as_str).unwrap_or("");
                let id = self.containers[c].map_run_arn.rsplit(':').next().unwrap_or("run").to_owned();
                val!({
                    "MapRunArn": self.containers[c].map_run_arn,
                    "ResultWriterDetails": {"Bucket": bucket, "Key": format!("{}{id}/manifest.json", if prefix.is_empty() { String::new() } else { format!("{prefix}/") })}
                })
            }
            None => Value::array(results),
        };
        self.complete_work(owner, result);
    }
}

/// Rows of a CSV text as objects keyed by the header row (or the given headers).
fn csv_items(text: &str, headers: Option<&Json>, delimiter: Option<&str>) -> Result<Vec<Value>, String> {
    let sep = match delimiter {
        Some("PIPE") => '|',
        Some("SEMICOLON") => ';',
        Some("SPACE") => ' ',
        Some("TAB") => '\t',
        _ => ',',
    };
    let mut lines = text.lines().filter(|l| !l.is_empty());
    let header: Vec<Str> = match headers.and_then(Json::as_array) {
        Some(h) => h.iter().map(|v| Str::from(v.as_str().unwrap_or(""))).collect(),
        None => lines.next().map(|l| l.split(sep).map(|s| Str::from(s.trim())).collect()).unwrap_or_default(),
    };
    let unique: std::collections::HashSet<&Str> = header.iter().collect();
    if unique.len() != header.len() {
        return Err("CSV headers cannot contain duplicates.".into());
    }
    Ok(lines
        .map(|line| {
            let m: Map = header.iter().cloned().zip(line.split(sep).map(Value::from)).collect();
            Value::object(m)
        })
        .collect())
}

/// ST-MAP-03: an object's members as `{"Key": …, "Value": …}` items.
fn key_value_pairs(m: &Map) -> Vec<Value> {
    m.iter()
        .map(|(k, v)| {
            let mut pair = Map::with_capacity(2);
            pair.push_new(Str::from("Key"), Value::String(k.clone()));
            pair.push_new(Str::from("Value"), v.clone());
            Value::object(pair)
        })
        .collect()
}

/// `$$.Map` for one iteration: `{"Item": {"Index": …, "Value": …}}`.
pub(super) fn map_item_context(index: usize, item: Value) -> Value {
    let mut entry = Map::with_capacity(2);
    entry.push_new(Str::from("Index"), Value::from(index));
    entry.push_new(Str::from("Value"), item);
    let mut map = Map::with_capacity(1);
    map.push_new(Str::from("Item"), Value::object(entry));
    Value::object(map)
}

//! The execution plan: the model compiled once for running — states numbered, transitions resolved,
//! paths and templates parsed.

use std::collections::HashMap;

use crate::value::Value;

use super::jtemplate::JTemplate;
use super::template::{CPath, Template};
use crate::asl::*;
use crate::path::{parse_intrinsic, Intrinsic};

pub type StateId = usize;
pub type ScopeId = usize;

#[derive(Debug)]
pub struct Plan {
    pub states: Vec<PState>,
    pub scopes: Vec<PScope>,
    pub timeout_seconds: Option<i64>,
}

#[derive(Debug)]
pub struct PScope {
    pub start: Option<StateId>,
    /// How many states the scope has (not counting those of the Parallels and Maps inside it).
    pub states: usize,
}

/// `InputPath`/`OutputPath`: absent means `$`, `null` means `{}` (IO-03, IO-11).
#[derive(Debug, Clone)]
pub enum Selector {
    Whole,
    Empty,
    Path(Box<CPath>),
}

/// `ResultPath`: absent means `$` (replace), `null` means discard (IO-09).
#[derive(Debug, Clone)]
pub enum ResultTarget {
    Replace,
    Discard,
    At(Box<CPath>),
}

#[derive(Debug)]
pub struct PState {
    pub name: String,
    pub state_type: StateType,
    pub next: Option<StateId>,
    pub end: bool,
    pub jsonata: bool,
    pub input_path: Selector,
    pub output_path: Selector,
    pub result_path: ResultTarget,
    pub parameters: Option<Box<Template>>,
    pub result_selector: Option<Box<Template>>,
    pub assign: Option<Box<Template>>,
    pub retry: Vec<Retrier>,
    pub catch: Vec<PCatcher>,
    /// Whether any field reads `$$`, so the context object must be built.
    pub uses_context: bool,
    pub kind: PKind,
    /// The JSONata fields, for states whose query language is JSONata.
    pub ja: Option<Box<JaFields>>,
}

// A long chain visits each state once, so each visit finds its state cold in the cache: the fields every
// visit reads are kept together, and whatever is large or rare (paths, templates, a Task's or a Fail's
// details) is boxed. Unboxed, a state took 1000 bytes, and a chain of Tasks had a tenth more first-level
// cache misses (callgrind's cache simulation, task-chain-1000).
const _: () = assert!(std::mem::size_of::<PState>() <= 256);

/// A JSONata state's fields, compiled (JA-03).
#[derive(Debug, Default)]
pub struct JaFields {
    pub arguments: Option<JTemplate>,
    pub output: Option<JTemplate>,
    pub assign: Option<JTemplate>,
    pub items: Option<JTemplate>,
    pub item_selector: Option<JTemplate>,
    pub timeout: Option<JTemplate>,
    pub heartbeat: Option<JTemplate>,
    pub credentials: Option<JTemplate>,
    pub seconds: Option<JTemplate>,
    pub timestamp: Option<JTemplate>,
    pub error: Option<JTemplate>,
    pub cause: Option<JTemplate>,
    pub max_concurrency: Option<JTemplate>,
    pub tolerated_count: Option<JTemplate>,
    pub tolerated_percentage: Option<JTemplate>,
    /// Per Choice rule: Condition, Assign, Output.
    pub rules: Vec<(JTemplate, Option<JTemplate>, Option<JTemplate>)>,
    /// Per catcher: Output, Assign.
    pub catchers: Vec<(Option<JTemplate>, Option<JTemplate>)>,
}

#[derive(Debug)]
pub struct PCatcher {
    pub error_equals: Vec<String>,
    pub next: Option<StateId>,
    pub result_path: ResultTarget,
    pub assign: Option<Template>,
}

#[derive(Debug)]
pub enum PKind {
    Pass { result: Option<Value> },
    Task(Box<PTask>),
    Choice { rules: Vec<(Cond, Option<StateId>, Option<Template>)>, default: Option<StateId> },
    Wait(PWait),
    Succeed,
    Fail { error: Option<String>, error_path: Option<Box<Dynamic>>, cause: Option<String>, cause_path: Option<Box<Dynamic>> },
    Parallel { branches: Vec<ScopeId> },
    Map(Box<PMap>),
}

/// A reference path or (for Fail ErrorPath/CausePath) an intrinsic call.
#[derive(Debug)]
pub enum Dynamic {
    Path(CPath),
    Intrinsic(Intrinsic, String),
}

#[derive(Debug)]
pub struct PTask {
    pub resource: Resource,
    pub callee: std::rc::Rc<super::work::Callee>,
    pub timeout_seconds: Option<f64>,
    pub timeout_seconds_path: Option<CPath>,
    pub heartbeat_seconds: Option<f64>,
    pub heartbeat_seconds_path: Option<CPath>,
    pub credentials: Option<Template>,
}

#[derive(Debug)]
pub enum PWait {
    Seconds(f64),
    SecondsPath(Box<CPath>),
    Timestamp(String),
    TimestampPath(Box<CPath>),
    Invalid,
}

#[derive(Debug)]
pub struct PMap {
    pub processor: Option<ScopeId>,
    pub distributed: bool,
    pub items_path: Option<CPath>,
    pub item_selector: Option<Template>,
    /// ItemReader, ItemBatcher and ResultWriter as the definition has them (read once per Map run).
    pub item_reader: Option<serde_json::Value>,
    pub item_batcher: Option<serde_json::Value>,
    pub result_writer: Option<serde_json::Value>,
    pub max_concurrency: Option<f64>,
    pub max_concurrency_path: Option<CPath>,
    pub tolerated_count: Option<f64>,
    pub tolerated_count_path: Option<CPath>,
    pub tolerated_percentage: Option<f64>,
    pub tolerated_percentage_path: Option<CPath>,
    pub label: Option<String>,
}

/// A compiled JSONPath Choice rule.
#[derive(Debug)]
pub enum Cond {
    And(Vec<Cond>),
    Or(Vec<Cond>),
    Not(Box<Cond>),
    Test { variable: CPath, kind: ComparisonKind, operand: COperand },
    /// A rule that could not be compiled (the validator reported it; it never matches).
    Never,
}

#[derive(Debug)]
pub enum COperand {
    Literal(Value),
    Path(CPath),
}

impl Plan {
    pub fn compile(machine: &StateMachine) -> Plan {
        let mut plan = Plan { states: Vec::new(), scopes: Vec::new(), timeout_seconds: machine.timeout_seconds };
        plan.scope(&machine.scope);
        plan
    }

    pub fn start(&self) -> Option<StateId> {
        self.scopes.first().and_then(|s| s.start)
    }

    fn scope(&mut self, scope: &Scope) -> ScopeId {
        let id = self.scopes.len();
        self.scopes.push(PScope { start: None, states: scope.states.len() });
        // Number the states first, so that transitions can be resolved.
        let first = self.states.len();
        let names: HashMap<&str, StateId> = scope.states.keys().enumerate().map(|(i, n)| (n.as_str(), first + i)).collect();
        for (name, _) in &scope.states {
            self.states.push(placeholder(name, id));
        }
        self.scopes[id].start = names.get(scope.start_at.as_str()).copied();
        for (i, state) in scope.states.values().enumerate() {
            let compiled = self.state(state, id, &names);
            self.states[first + i] = compiled;
        }
        id
    }

    fn state(&mut self, s: &State, _scope: ScopeId, names: &HashMap<&str, StateId>) -> PState {
        let resolve = |n: &str| names.get(n).copied();
        let (next, end) = match &s.transition {
            Transition::Next(n) => (resolve(n), false),
            Transition::End => (None, true),
            Transition::None => (None, false),
        };
        let state_type = s.state_type.unwrap_or(StateType::Pass);
        let mut uses_context = false;
        let mut selector = |p: &PathField| match p {
            PathField::Absent => Selector::Whole,
            PathField::Null => Selector::Empty,
            PathField::Path(t) => match CPath::parse(t) {
                Some(c) => {
                    uses_context |= c.uses_context();
                    Selector::Path(Box::new(c))
                }
                None => Selector::Whole,
            },
        };
        let input_path = selector(&s.input_path);
        let output_path = selector(&s.output_path);
        let result_path = result_target(&s.result_path);
        let template = |v: &Option<serde_json::Value>| v.as_ref().map(|v| Box::new(Template::compile(v)));
        let parameters = if state_type == StateType::Map { None } else { template(&s.parameters) };
        let result_selector = template(&s.result_selector);
        let catch = s
            .catch
            .iter()
            .map(|c| PCatcher {
                error_equals: c.error_equals.clone(),
                next: c.next.as_deref().and_then(resolve),
                result_path: result_target(&c.result_path),
                assign: c.assign.as_ref().map(Template::compile),
            })
            .collect();
        let kind = match &s.kind {
            StateKind::Pass(p) => PKind::Pass { result: p.result.as_ref().map(Value::from) },
            StateKind::Task(t) => PKind::Task({
                let resource = t.resource.clone().unwrap_or(Resource::Unrecognized { arn: String::new() });
                Box::new(PTask {
                callee: std::rc::Rc::new(super::work::Callee::of(&resource)),
                resource,
                timeout_seconds: number(&t.timeout_seconds),
                timeout_seconds_path: t.timeout_seconds_path.as_deref().and_then(CPath::parse),
                heartbeat_seconds: number(&t.heartbeat_seconds),
                heartbeat_seconds_path: t.heartbeat_seconds_path.as_deref().and_then(CPath::parse),
                credentials: t.credentials.as_ref().map(Template::compile),
            })}),
            StateKind::Choice(c) => PKind::Choice {
                rules: c.choices.iter().map(|r| (cond(r), r.next.as_deref().and_then(resolve), r.assign.as_ref().map(Template::compile))).collect(),
                default: c.default.as_deref().and_then(resolve),
            },
            StateKind::Wait(w) => PKind::Wait(match (&w.seconds, &w.seconds_path, &w.timestamp, &w.timestamp_path) {
                (Some(NumberOrExpr::Number(n)), _, _, _) => PWait::Seconds(*n),
                (_, Some(p), _, _) => CPath::parse(p).map_or(PWait::Invalid, |c| PWait::SecondsPath(Box::new(c))),
                (_, _, Some(t), _) => PWait::Timestamp(t.clone()),
                (_, _, _, Some(p)) => CPath::parse(p).map_or(PWait::Invalid, |c| PWait::TimestampPath(Box::new(c))),
                _ => PWait::Invalid,
            }),
            StateKind::Succeed | StateKind::Unknown => PKind::Succeed,
            StateKind::Fail(f) => PKind::Fail {
                error: f.error.clone(),
                error_path: f.error_path.as_deref().and_then(dynamic).map(Box::new),
                cause: f.cause.clone(),
                cause_path: f.cause_path.as_deref().and_then(dynamic).map(Box::new),
            },
            StateKind::Parallel(p) => PKind::Parallel { branches: p.branches.iter().map(|b| self.scope(b)).collect() },
            StateKind::Map(m) => PKind::Map(Box::new(PMap {
                processor: m.processor.as_ref().map(|p| self.scope(p)),
                distributed: m.mode == MapMode::Distributed,
                items_path: m.items_path.as_path().and_then(CPath::parse),
                item_selector: m.item_selector.as_ref().map(Template::compile),
                item_reader: m.item_reader.clone(),
                item_batcher: m.item_batcher.clone(),
                result_writer: m.result_writer.clone(),
                max_concurrency: number(&m.max_concurrency),
                max_concurrency_path: m.max_concurrency_path.as_deref().and_then(CPath::parse),
                tolerated_count: number(&m.tolerated_failure_count),
                tolerated_count_path: m.tolerated_failure_count_path.as_deref().and_then(CPath::parse),
                tolerated_percentage: number(&m.tolerated_failure_percentage),
                tolerated_percentage_path: m.tolerated_failure_percentage_path.as_deref().and_then(CPath::parse),
                label: m.label.clone(),
            })),
        };
        // `$$` can hide in templates, Choice rules, Wait/Fail paths: scan the state's own text once.
        uses_context |= serde_json::to_string(&s.kind).is_ok_and(|t| t.contains("$$"))
            || [&s.parameters, &s.result_selector, &s.assign].iter().any(|v| v.as_ref().is_some_and(|v| v.to_string().contains("$$")))
            || s.catch.iter().any(|c| matches!(&c.result_path, PathField::Path(p) if p.contains("$$")));
        let ja = (s.query_language == QueryLanguage::JSONata).then(|| Box::new(ja_fields(s)));
        PState {
            ja,
            name: s.name.clone(),
            state_type,
            next,
            end,
            jsonata: s.query_language == QueryLanguage::JSONata,
            input_path,
            output_path,
            result_path,
            parameters,
            result_selector,
            assign: template(&s.assign),
            retry: s.retry.clone(),
            catch,
            uses_context,
            kind,
        }
    }
}

fn placeholder(name: &str, _scope: ScopeId) -> PState {
    PState {
        name: name.to_owned(),
        state_type: StateType::Succeed,
        next: None,
        end: false,
        jsonata: false,
        input_path: Selector::Whole,
        output_path: Selector::Whole,
        result_path: ResultTarget::Replace,
        parameters: None,
        result_selector: None,
        assign: None,
        retry: Vec::new(),
        catch: Vec::new(),
        uses_context: false,
        kind: PKind::Succeed,
        ja: None,
    }
}

fn ja_fields(s: &State) -> JaFields {
    let t = |v: &Option<serde_json::Value>, field: &str| v.as_ref().map(|v| JTemplate::compile(v, field));
    let n = |v: &Option<NumberOrExpr>, field: &str| {
        v.as_ref().map(|v| match v {
            NumberOrExpr::Number(n) => JTemplate::Literal(crate::val!(n)),
            NumberOrExpr::Expr(e) => JTemplate::compile(&serde_json::Value::String(e.clone()), field),
        })
    };
    let text = |v: &Option<String>, field: &str| v.as_ref().map(|v| JTemplate::compile(&serde_json::Value::String(v.clone()), field));
    let mut f = JaFields {
        arguments: t(&s.arguments, "Arguments"),
        output: t(&s.output, "Output"),
        assign: t(&s.assign, "Assign"),
        catchers: s.catch.iter().map(|c| (t(&c.output, "Output"), t(&c.assign, "Assign"))).collect(),
        ..JaFields::default()
    };
    match &s.kind {
        StateKind::Task(task) => {
            f.timeout = n(&task.timeout_seconds, "TimeoutSeconds");
            f.heartbeat = n(&task.heartbeat_seconds, "HeartbeatSeconds");
            f.credentials = t(&task.credentials, "Credentials");
        }
        StateKind::Wait(w) => {
            f.seconds = n(&w.seconds, "Seconds");
            f.timestamp = text(&w.timestamp, "Timestamp");
        }
        StateKind::Fail(fail) => {
            f.error = text(&fail.error, "Error");
            f.cause = text(&fail.cause, "Cause");
        }
        StateKind::Choice(c) => {
            f.rules = c
                .choices
                .iter()
                .map(|r| {
                    let condition = match &r.body {
                        RuleBody::Condition(v) => JTemplate::compile(v, "Condition"),
                        _ => JTemplate::Literal(Value::Bool(false)),
                    };
                    (condition, t(&r.assign, "Assign"), t(&r.output, "Output"))
                })
                .collect();
        }
        StateKind::Map(m) => {
            f.items = t(&m.items, "Items");
            f.item_selector = t(&m.item_selector, "ItemSelector");
            f.max_concurrency = n(&m.max_concurrency, "MaxConcurrency");
            f.tolerated_count = n(&m.tolerated_failure_count, "ToleratedFailureCount");
            f.tolerated_percentage = n(&m.tolerated_failure_percentage, "ToleratedFailurePercentage");
        }
        _ => {}
    }
    f
}

fn result_target(p: &PathField) -> ResultTarget {
    match p {
        PathField::Absent => ResultTarget::Replace,
        PathField::Null => ResultTarget::Discard,
        PathField::Path(t) => match CPath::parse(t) {
            Some(c) if c.path.segments.is_empty() => ResultTarget::Replace,
            Some(c) => ResultTarget::At(Box::new(c)),
            None => ResultTarget::Replace,
        },
    }
}

fn number(v: &Option<NumberOrExpr>) -> Option<f64> {
    match v {
        Some(NumberOrExpr::Number(n)) => Some(*n),
        _ => None,
    }
}

fn dynamic(text: &str) -> Option<Dynamic> {
    if text.starts_with("States.") {
        parse_intrinsic(text).ok().map(|c| Dynamic::Intrinsic(c, text.to_owned()))
    } else {
        CPath::parse(text).map(Dynamic::Path)
    }
}

fn cond(rule: &ChoiceRule) -> Cond {
    match &rule.body {
        RuleBody::And(rules) => Cond::And(rules.iter().map(cond).collect()),
        RuleBody::Or(rules) => Cond::Or(rules.iter().map(cond).collect()),
        RuleBody::Not(r) => Cond::Not(Box::new(cond(r))),
        RuleBody::Test { variable, comparison } => match CPath::parse(variable) {
            Some(v) => Cond::Test {
                variable: v,
                kind: comparison.kind,
                operand: match &comparison.operand {
                    Operand::Literal(l) => COperand::Literal(Value::from(l)),
                    Operand::Path(p) => match CPath::parse(p) {
                        Some(p) => COperand::Path(p),
                        None => return Cond::Never,
                    },
                },
            },
            None => Cond::Never,
        },
        RuleBody::Condition(_) | RuleBody::Invalid => Cond::Never,
    }
}

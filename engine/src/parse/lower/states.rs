//! Lowering one state: its type, query language, field applicability, common fields and type-specific part.

use std::collections::HashSet;

use super::fields::{self, Lang, Ty};
use super::values::{PathKind, StatesAccess};
use super::{article, Lower, MAX_SCOPE_DEPTH};
use crate::asl::resource::known_integration;
use crate::asl::*;
use crate::diagnostic::{code, pointer_index, pointer_join, Diagnostic};
use crate::source::{Member, Node, NodeKind};
use crate::timestamp::parse_timestamp;

/// A state object whose fields have passed the applicability and type checks.
pub(super) struct Fields<'n> {
    pub node: &'n Node,
    pub pointer: String,
    ok: HashSet<&'n str>,
}

impl<'n> Fields<'n> {
    pub fn get(&self, name: &str) -> Option<&'n Node> {
        if self.ok.contains(name) {
            self.node.get(name)
        } else {
            None
        }
    }

    pub fn at(&self, name: &str) -> String {
        pointer_join(&self.pointer, name)
    }

    pub fn has(&self, name: &str) -> bool {
        self.node.get(name).is_some()
    }
}

impl Lower {
    pub(super) fn state(&mut self, name: &str, node: &Node, pointer: &str) -> State {
        let mut state = State {
            name: name.to_owned(),
            pointer: pointer.to_owned(),
            state_type: None,
            comment: None,
            query_language: self.machine_ql,
            transition: Transition::None,
            input_path: PathField::Absent,
            output_path: PathField::Absent,
            result_path: PathField::Absent,
            parameters: None,
            result_selector: None,
            arguments: None,
            output: None,
            assign: None,
            retry: Vec::new(),
            catch: Vec::new(),
            kind: StateKind::Unknown,
        };
        let Some(members) = node.members() else {
            self.error(pointer, format!("The state '{name}' must be a JSON object, but it is {}", article(node.type_name())));
            return state;
        };
        match node.get("Type") {
            None => self.error(pointer, "These fields are required: [Type]"),
            Some(t) => match t.as_str().and_then(StateType::parse) {
                Some(ty) => state.state_type = Some(ty),
                None => self.error(
                    &pointer_join(pointer, "Type"),
                    "The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]",
                ),
            },
        }
        if let Some(q) = node.get("QueryLanguage") {
            match q.as_str().and_then(QueryLanguage::parse) {
                Some(QueryLanguage::JSONPath) if self.machine_ql == QueryLanguage::JSONata => self.error(
                    pointer,
                    "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
                ),
                Some(q) => state.query_language = q,
                None => self.error(&pointer_join(pointer, "QueryLanguage"), "The field 'QueryLanguage' must be one of [JSONPath, JSONata]"),
            }
        }
        let Some(ty) = state.state_type else { return state };
        let ql = state.query_language;
        let mut ok = HashSet::new();
        for m in members {
            if self.check_field(ty, ql, m, pointer) {
                ok.insert(m.key.as_str());
            }
        }
        let f = Fields { node, pointer: pointer.to_owned(), ok };
        self.common(&mut state, &f, ty, ql);
        state.kind = match ty {
            StateType::Task => StateKind::Task(self.task(&f, ql)),
            StateType::Pass => StateKind::Pass(self.pass(&f)),
            StateType::Choice => StateKind::Choice(self.choice(&f, ql)),
            StateType::Wait => StateKind::Wait(self.wait(&f, ql)),
            StateType::Succeed => StateKind::Succeed,
            StateType::Fail => StateKind::Fail(self.fail(&f, ql)),
            StateType::Parallel => StateKind::Parallel(self.parallel(&f)),
            StateType::Map => StateKind::Map(Box::new(self.map(&f, ql))),
        };
        state
    }

    /// Applicability (VAL-11) and literal type (VAL-13) of one field; false when it must not be read.
    fn check_field(&mut self, ty: StateType, ql: QueryLanguage, m: &Member, pointer: &str) -> bool {
        let at = pointer_join(pointer, &m.key);
        let Some(spec) = fields::spec(&m.key).filter(|s| s.types.contains(&ty)) else {
            self.error(&at, format!("Field '{}' is not supported", m.key));
            return false;
        };
        match (spec.lang, ql) {
            (Lang::Jsonata, QueryLanguage::JSONPath) | (Lang::JsonPath, QueryLanguage::JSONata) => {
                let (is, only) = match ql {
                    QueryLanguage::JSONPath => ("JSONPath", "JSONata"),
                    QueryLanguage::JSONata => ("JSONata", "JSONPath"),
                };
                self.error(
                    &at,
                    format!("The QueryLanguage is set to '{is}', but field '{}' is only supported for the '{only}' QueryLanguage", m.key),
                );
                return false;
            }
            _ => {}
        }
        let v = &m.value;
        if spec.expr && ql == QueryLanguage::JSONata && v.as_str().is_some_and(is_jsonata) {
            return true;
        }
        let fits = match (spec.ty, &v.kind) {
            (Ty::Any, _) => true,
            (Ty::Str, NodeKind::String(_)) => true,
            (Ty::StrOrNull, NodeKind::String(_) | NodeKind::Null) => true,
            (Ty::Bool, NodeKind::Bool(_)) => true,
            (Ty::Obj, NodeKind::Object(_)) => true,
            (Ty::Arr, NodeKind::Array(_)) => true,
            (Ty::Num, NodeKind::Number(_)) => true,
            (Ty::Int, NodeKind::Number(n)) => n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0),
            _ => false,
        };
        if !fits {
            let expected = if spec.expr && ql == QueryLanguage::JSONata {
                format!("{} or a JSONata expression {{% … %}}", spec.ty.describe())
            } else {
                spec.ty.describe().to_owned()
            };
            let actual = match &v.kind {
                NodeKind::Number(n) => format!("the number {n}"),
                _ => article(v.type_name()),
            };
            self.error(&at, format!("The field '{}' must be {expected}, but it is {actual}", m.key));
        }
        fits
    }

    fn common(&mut self, state: &mut State, f: &Fields, ty: StateType, ql: QueryLanguage) {
        if let Some(c) = f.get("Comment") {
            state.comment = c.as_str().map(str::to_owned);
        }
        if state.name.chars().count() > 80 {
            self.push(Diagnostic::error(
                code::INVALID_STATE_NAME,
                &f.pointer,
                format!("State name is longer than 80 characters: {}", state.name),
            ));
        }
        state.input_path = self.path_field(f, "InputPath", PathKind::Path);
        state.output_path = self.path_field(f, "OutputPath", PathKind::Path);
        state.result_path = self.path_field(f, "ResultPath", PathKind::ResultPath);
        if let Some(p) = f.get("Parameters") {
            if ty != StateType::Map {
                self.template(p, &f.at("Parameters"));
                state.parameters = Some(p.to_value());
            }
        }
        if let Some(p) = f.get("ResultSelector") {
            self.template(p, &f.at("ResultSelector"));
            state.result_selector = Some(p.to_value());
        }
        if let Some(a) = f.get("Arguments") {
            self.jsonata_value(a, &f.at("Arguments"));
            state.arguments = Some(a.to_value());
        }
        let access = if matches!(ty, StateType::Task | StateType::Parallel | StateType::Map) { StatesAccess::Result } else { StatesAccess::None };
        if let Some(o) = f.get("Output") {
            self.jsonata_value_in(o, &f.at("Output"), access);
            state.output = Some(o.to_value());
        }
        if let Some(a) = f.get("Assign") {
            self.assign_in(a, &f.at("Assign"), ql, access);
            state.assign = Some(a.to_value());
        }
        if let Some(r) = f.get("Retry") {
            state.retry = self.retriers(r, &f.at("Retry"));
        }
        if let Some(c) = f.get("Catch") {
            state.catch = self.catchers(c, &f.at("Catch"), ql);
        }
        if matches!(ty, StateType::Task | StateType::Pass | StateType::Wait | StateType::Parallel | StateType::Map) {
            let next = f.get("Next").and_then(Node::as_str);
            let end = matches!(f.get("End").map(|n| &n.kind), Some(NodeKind::Bool(true)));
            state.transition = match (next, end) {
                (Some(n), false) => Transition::Next(n.to_owned()),
                (None, true) => Transition::End,
                (Some(n), true) => {
                    self.error(&f.pointer, "Only one of 'Next' and '\"End\": true' may be given");
                    Transition::Next(n.to_owned())
                }
                (None, false) => {
                    if !f.has("Next") {
                        self.error(&f.pointer, format!("A {} state must have 'Next' or '\"End\": true'", ty.as_str()));
                    }
                    Transition::None
                }
            };
        }
    }

    pub(super) fn path_field(&mut self, f: &Fields, name: &str, kind: PathKind) -> PathField {
        match f.get(name).map(|n| &n.kind) {
            None => PathField::Absent,
            Some(NodeKind::Null) => PathField::Null,
            Some(NodeKind::String(s)) => {
                self.check_path(s, &f.at(name), name, kind);
                PathField::Path(s.clone())
            }
            Some(_) => PathField::Absent,
        }
    }

    pub(super) fn opt_path(&mut self, f: &Fields, name: &str, kind: PathKind) -> Option<String> {
        self.path_field(f, name, kind).as_path().map(str::to_owned)
    }

    /// A literal number, or an expression in JSONata states, within `min..=max`.
    pub(super) fn number_or_expr(&mut self, f: &Fields, name: &str, min: f64, max: f64, integer: bool) -> Option<NumberOrExpr> {
        let node = f.get(name)?;
        match &node.kind {
            NodeKind::String(s) => {
                self.jsonata_value(node, &f.at(name));
                Some(NumberOrExpr::Expr(s.clone()))
            }
            NodeKind::Number(n) => {
                let v = n.as_f64().unwrap_or(f64::NAN);
                if !(min..=max).contains(&v) {
                    let kind = if integer { "an integer" } else { "a number" };
                    let range = if max >= 99_999_999.0 { format!("at least {min}") } else { format!("between {min} and {max}") };
                    self.error(&f.at(name), format!("The field '{name}' must be {kind} {range} (up to {max}), but it is {n}"));
                }
                Some(NumberOrExpr::Number(v))
            }
            _ => None,
        }
    }

    pub(super) fn exclusive(&mut self, f: &Fields, a: &str, b: &str) {
        if f.has(a) && f.has(b) {
            self.error(&f.pointer, format!("Only one of '{a}' and '{b}' may be given"));
        }
    }

    fn task(&mut self, f: &Fields, ql: QueryLanguage) -> Task {
        let resource = match f.get("Resource").and_then(Node::as_str) {
            Some(arn) => {
                let resource = Resource::parse(arn);
                if !resource_is_recognized(&resource) {
                    self.error(
                        &f.at("Resource"),
                        format!("The resource provided {arn} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region."),
                    );
                }
                Some(resource)
            }
            None => {
                if !f.has("Resource") {
                    self.error(&f.pointer, "These fields are required: [Resource]");
                }
                None
            }
        };
        self.exclusive(f, "TimeoutSeconds", "TimeoutSecondsPath");
        self.exclusive(f, "HeartbeatSeconds", "HeartbeatSecondsPath");
        let timeout_seconds = self.number_or_expr(f, "TimeoutSeconds", 1.0, 99_999_999.0, true);
        let heartbeat_seconds = self.number_or_expr(f, "HeartbeatSeconds", 1.0, 99_999_999.0, true);
        if let (Some(NumberOrExpr::Number(t)), Some(NumberOrExpr::Number(h))) = (&timeout_seconds, &heartbeat_seconds) {
            if h >= t {
                self.error(&f.at("HeartbeatSeconds"), "HeartbeatSeconds must be smaller than TimeoutSeconds");
            }
        }
        let credentials = f.get("Credentials").map(|c| {
            let at = f.at("Credentials");
            if c.get("RoleArn").is_none() && c.get("RoleArn.$").is_none() {
                self.error(&at, format!("The field 'RoleArn' is required but was missing at {at}"));
            }
            match ql {
                QueryLanguage::JSONPath => self.template(c, &at),
                QueryLanguage::JSONata => self.jsonata_value(c, &at),
            }
            c.to_value()
        });
        Task {
            resource,
            timeout_seconds,
            timeout_seconds_path: self.opt_path(f, "TimeoutSecondsPath", PathKind::Reference),
            heartbeat_seconds,
            heartbeat_seconds_path: self.opt_path(f, "HeartbeatSecondsPath", PathKind::Reference),
            credentials,
        }
    }

    fn pass(&mut self, f: &Fields) -> Pass {
        let result = f.get("Result").map(|r| {
            if let Some(p) = find_path_like(r) {
                self.push(Diagnostic::warning(
                    code::PASS_RESULT_IS_STATIC,
                    f.at("Result"),
                    format!("The Result of a Pass state is used as written: '{p}' will not be evaluated as a path"),
                ));
            }
            r.to_value()
        });
        Pass { result }
    }

    fn choice(&mut self, f: &Fields, ql: QueryLanguage) -> Choice {
        let mut choices = Vec::new();
        match f.get("Choices").map(|n| &n.kind) {
            Some(NodeKind::Array(items)) if items.is_empty() => self.error(&f.at("Choices"), "Value cannot be empty at Choices: a Choice state needs at least one rule"),
            Some(NodeKind::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    choices.push(self.rule(item, &pointer_index(&f.at("Choices"), i), ql, true, 0));
                }
            }
            _ if !f.has("Choices") => self.error(&f.pointer, "These fields are required: [Choices]"),
            _ => {}
        }
        let default = f.get("Default").and_then(Node::as_str).map(str::to_owned);
        Choice { choices, default }
    }

    fn wait(&mut self, f: &Fields, ql: QueryLanguage) -> Wait {
        let given: Vec<&str> = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"].into_iter().filter(|n| f.has(n)).collect();
        if given.len() != 1 {
            let options = match ql {
                QueryLanguage::JSONPath => "[Seconds, SecondsPath, Timestamp, TimestampPath]",
                QueryLanguage::JSONata => "[Seconds, Timestamp]",
            };
            self.error(&f.pointer, format!("A Wait state must have exactly one of {options}"));
        }
        let timestamp = f.get("Timestamp").and_then(Node::as_str).map(|t| {
            if !(ql == QueryLanguage::JSONata && is_jsonata(t)) && parse_timestamp(t).is_none() {
                self.error(&f.at("Timestamp"), format!("String does not match RFC3339 timestamp: '{t}'"));
            }
            t.to_owned()
        });
        Wait {
            seconds: self.number_or_expr(f, "Seconds", 0.0, 99_999_999.0, true),
            seconds_path: self.opt_path(f, "SecondsPath", PathKind::Reference),
            timestamp,
            timestamp_path: self.opt_path(f, "TimestampPath", PathKind::Reference),
        }
    }

    fn fail(&mut self, f: &Fields, ql: QueryLanguage) -> Fail {
        self.exclusive(f, "Error", "ErrorPath");
        self.exclusive(f, "Cause", "CausePath");
        let text = |this: &mut Self, name: &str| {
            let s = f.get(name).and_then(Node::as_str)?;
            match ql {
                QueryLanguage::JSONata => this.jsonata_value(f.get(name)?, &f.at(name)),
                QueryLanguage::JSONPath if s.starts_with("$.") || s.starts_with("$$.") => this.push(Diagnostic::warning(
                    code::NO_PATH,
                    f.at(name),
                    format!("'{s}' looks like a path, but '{name}' is used as written; use '{name}Path' to read it from the input"),
                )),
                QueryLanguage::JSONPath => {}
            }
            Some(s.to_owned())
        };
        let error = text(self, "Error");
        let cause = text(self, "Cause");
        Fail {
            error,
            error_path: self.opt_path(f, "ErrorPath", PathKind::ReferenceOrIntrinsic),
            cause,
            cause_path: self.opt_path(f, "CausePath", PathKind::ReferenceOrIntrinsic),
        }
    }

    fn parallel(&mut self, f: &Fields) -> Parallel {
        let mut branches = Vec::new();
        match f.get("Branches").map(|n| &n.kind) {
            Some(NodeKind::Array(items)) if items.is_empty() => {
                let at = f.at("Branches");
                self.error(&at, format!("Value cannot be empty at {at}"));
            }
            Some(NodeKind::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    let at = pointer_index(&f.at("Branches"), i);
                    if item.members().is_none() {
                        self.error(&at, format!("A branch must be a JSON object, but it is {}", article(item.type_name())));
                        continue;
                    }
                    if let Some(scope) = self.nested_scope(item, &at, &[]) {
                        branches.push(scope);
                    }
                }
            }
            _ if !f.has("Branches") => self.error(&f.pointer, "These fields are required: [Branches]"),
            _ => {}
        }
        Parallel { branches }
    }

    /// A Parallel branch or Map processor, within the nesting limit.
    pub(super) fn nested_scope(&mut self, node: &Node, pointer: &str, extra: &[&str]) -> Option<Scope> {
        if self.scope_depth >= MAX_SCOPE_DEPTH {
            self.push(Diagnostic::error(
                code::TOO_DEEPLY_NESTED,
                pointer,
                format!("Parallel and Map states are nested more than {MAX_SCOPE_DEPTH} levels deep"),
            ));
            return None;
        }
        self.scope_depth += 1;
        let scope = self.scope(node, pointer, extra);
        self.scope_depth -= 1;
        Some(scope)
    }
}

fn resource_is_recognized(resource: &Resource) -> bool {
    match resource {
        Resource::Unrecognized { .. } => false,
        Resource::Integration { service, api, pattern, .. } => match known_integration(service, api) {
            Some(Ok(patterns)) => patterns.contains(pattern),
            Some(Err(())) => false,
            // aws-sdk integrations support request-response and callbacks, never `.sync` (ST-TASK-09).
            None if service.starts_with("aws-sdk:") => !matches!(pattern, IntegrationPattern::Sync | IntegrationPattern::Sync2),
            None => true,
        },
        _ => true,
    }
}

/// The first string (or `.$` key) inside a Pass `Result` that looks like a path.
fn find_path_like(node: &Node) -> Option<String> {
    match &node.kind {
        NodeKind::String(s) if s.starts_with("$.") || s.starts_with("$$.") => Some(s.clone()),
        NodeKind::Array(items) => items.iter().find_map(find_path_like),
        NodeKind::Object(members) => members.iter().find_map(|m| {
            if m.key.ends_with(".$") {
                Some(m.key.clone())
            } else {
                find_path_like(&m.value)
            }
        }),
        _ => None,
    }
}

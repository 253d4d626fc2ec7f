//! Validation beyond the schema: transitions and reachability per scope, terminal states, unique names and
//! labels across the machine, and the Express-type restrictions (VAL-06..09, VAL-19, ST-MAP-16).
//!
//! Schema-level rules (field applicability, types, ranges, path and intrinsic syntax) are checked while
//! lowering, where the text is at hand; see `parse::lower`. `analyze` runs both.

mod graph;
mod variables;

pub use variables::UNASSIGNED_VARIABLE;

use std::collections::HashMap;

use serde::Serialize;

use crate::asl::{IntegrationPattern, MapMode, Resource, StateKind, StateMachine};
use crate::diagnostic::{code, Diagnostic};
use crate::parse::{parse, ParseOptions, Parsed};

/// `STANDARD` or `EXPRESS`, as in `ValidateStateMachineDefinition`'s `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum MachineType {
    #[default]
    Standard,
    Express,
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub parse: ParseOptions,
    pub machine_type: MachineType,
}

/// AWS's definition size quota (QUOTA-04, VAL-23).
pub const MAX_DEFINITION_BYTES: usize = 1_048_576;

/// The static rules that need the whole model.
pub fn validate(machine: &StateMachine, machine_type: MachineType) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    graph::check_scopes(&machine.scope, &mut diags);
    unique_names(machine, &mut diags);
    variables::check(&machine.scope, &Default::default(), &mut diags);
    if machine_type == MachineType::Express {
        express_rules(machine, &mut diags);
    }
    diags
}

/// A parsed and validated definition: the model plus every diagnostic, located in the text and in order.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub parsed: Parsed,
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Parses and validates `text` in one go.
pub fn analyze(text: &str, options: &Options) -> Analysis {
    let parsed = parse(text, &options.parse);
    let mut diagnostics = parsed.diagnostics.clone();
    if text.len() > MAX_DEFINITION_BYTES {
        diagnostics.push(Diagnostic::error(
            code::SCHEMA_VALIDATION_FAILED,
            "",
            format!("The definition is {} bytes; AWS accepts at most {MAX_DEFINITION_BYTES} bytes (1 MB)", text.len()),
        ));
    }
    if let Some(machine) = &parsed.machine {
        for mut d in validate(machine, options.machine_type) {
            parsed.locate(&mut d);
            diagnostics.push(d);
        }
    }
    diagnostics.sort_by_key(|d| (d.range.map_or(0, |r| r.start.offset), d.severity));
    Analysis { parsed, diagnostics }
}

/// VAL-09 across scopes, and DUPLICATE_LABEL_NAME for Map labels.
fn unique_names(machine: &StateMachine, diags: &mut Vec<Diagnostic>) {
    let mut names: HashMap<&str, &str> = HashMap::new();
    let mut labels: HashMap<&str, &str> = HashMap::new();
    for state in machine.scope.walk() {
        if let Some(first) = names.insert(&state.name, &state.pointer) {
            // Same-scope duplicates were reported while parsing, where both keys are still visible.
            names.insert(&state.name, first);
            diags.push(Diagnostic::error(
                code::DUPLICATE_STATE_NAME,
                &state.pointer,
                format!("Duplicate State name: {} (state names must be unique in the whole state machine, also across Parallel branches and Map processors; the first is at {first})", state.name),
            ));
        }
        if let StateKind::Map(map) = &state.kind {
            if let Some(label) = &map.label {
                if labels.insert(label, &state.pointer).is_some() {
                    diags.push(Diagnostic::error(
                        code::DUPLICATE_LABEL_NAME,
                        format!("{}/Label", state.pointer),
                        format!("Duplicate Label: {label} (Map labels must be unique in the state machine)"),
                    ));
                }
            }
        }
    }
}

/// ST-TASK-12 and ST-MAP-02: what an EXPRESS state machine cannot do.
fn express_rules(machine: &StateMachine, diags: &mut Vec<Diagnostic>) {
    for state in machine.scope.walk() {
        match &state.kind {
            StateKind::Task(task) => {
                let problem = match &task.resource {
                    Some(Resource::Activity { .. }) => Some("Express state machine does not support Activity ARN"),
                    Some(r) => match r.pattern() {
                        IntegrationPattern::Sync | IntegrationPattern::Sync2 => {
                            Some("Express state machine does not support '.sync' service integration")
                        }
                        IntegrationPattern::WaitForTaskToken => {
                            Some("Express state machine does not support '.waitForTaskToken' service integration")
                        }
                        IntegrationPattern::RequestResponse => None,
                    },
                    None => None,
                };
                if let Some(p) = problem {
                    diags.push(Diagnostic::error(code::SCHEMA_VALIDATION_FAILED, format!("{}/Resource", state.pointer), p));
                }
            }
            StateKind::Map(map) if map.mode == MapMode::Distributed => diags.push(Diagnostic::error(
                code::SCHEMA_VALIDATION_FAILED,
                format!("{}/ItemProcessor/ProcessorConfig/Mode", state.pointer),
                "Express state machine does not support Distributed Map",
            )),
            _ => {}
        }
    }
}

//! Parsing: ASL text (JSON, YAML, or a CloudFormation/SAM template holding it) into the model plus diagnostics.

pub mod lower;
mod template;

/// The stand-in region and account used for ARNs in templates and simulations.
pub mod template_defaults {
    pub use super::template::{ACCOUNT, REGION};
}

pub use template::TemplateMachine;

use serde::Serialize;

use crate::asl::StateMachine;
use crate::diagnostic::{code, Diagnostic};
use crate::source::{parse_json, parse_yaml, LineIndex, Node, SourceMap, Span};

/// The syntax a text was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Format {
    Json,
    Yaml,
}

/// What the caller wants from a parse.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// In a template with several state machines, the logical id of the one to read (default: the first).
    pub machine: Option<String>,
}

/// The result of parsing: the model (when the text could be read at all), and every diagnostic found.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub format: Format,
    pub machine: Option<StateMachine>,
    /// The definition as plain JSON (after template extraction and substitution).
    pub definition: Option<serde_json::Value>,
    pub diagnostics: Vec<Diagnostic>,
    /// State machines found when the text is a CloudFormation/SAM template; empty otherwise.
    pub template_machines: Vec<TemplateMachine>,
    /// The logical id read from the template.
    pub selected_machine: Option<String>,
    source_map: SourceMap,
    lines: LineIndex,
}

impl Parsed {
    /// Fills in the text range of a diagnostic from its pointer, unless it already has one.
    pub fn locate(&self, diagnostic: &mut Diagnostic) {
        if diagnostic.range.is_none() {
            diagnostic.range = self.source_map.span(&diagnostic.pointer).map(|s| self.lines.range(s));
        }
    }

    /// The text range of a JSON pointer into the definition.
    pub fn range_of(&self, pointer: &str) -> Option<crate::source::TextRange> {
        self.source_map.span(pointer).map(|s| self.lines.range(s))
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Reads `text` as ASL JSON, ASL YAML, or a template holding ASL. Never panics; never stops at the first problem.
pub fn parse(text: &str, options: &ParseOptions) -> Parsed {
    let lines = LineIndex::new(text);
    let mut parsed = Parsed {
        format: Format::Json,
        machine: None,
        definition: None,
        diagnostics: Vec::new(),
        template_machines: Vec::new(),
        selected_machine: None,
        source_map: SourceMap::default(),
        lines: lines.clone(),
    };
    if text.trim().is_empty() {
        parsed.diagnostics.push(Diagnostic::error(code::SCHEMA_VALIDATION_FAILED, "", "Definition must be a valid JSON object"));
        return parsed;
    }
    let root = match read_syntax(text, &mut parsed) {
        Some(root) => root,
        None => return parsed,
    };
    let definition = if template::is_template(&root) {
        parsed.template_machines = template::machines(&root);
        let chosen = match &options.machine {
            Some(id) => parsed.template_machines.iter().find(|m| &m.logical_id == id),
            None => parsed.template_machines.first(),
        };
        let Some(chosen) = chosen.cloned() else {
            let message = match &options.machine {
                Some(id) => format!("The template has no state machine named '{id}'"),
                None => "The template has no AWS::StepFunctions::StateMachine or AWS::Serverless::StateMachine resource".to_owned(),
            };
            parsed.diagnostics.push(Diagnostic::error(code::TEMPLATE, "", message));
            return parsed;
        };
        parsed.selected_machine = Some(chosen.logical_id.clone());
        match template::extract(text, &root, &chosen.logical_id, &mut parsed.diagnostics) {
            Some(node) => node,
            None => return parsed,
        }
    } else {
        root
    };
    parsed.source_map = SourceMap::build(&definition);
    let lowered = lower::lower(&definition);
    let first = parsed.diagnostics.len();
    parsed.diagnostics.extend(lowered.diagnostics);
    for (index, span) in lowered.span_overrides {
        if let Some(d) = parsed.diagnostics.get_mut(first + index) {
            d.range = Some(lines.range(span));
        }
    }
    parsed.definition = Some(definition.to_value());
    parsed.machine = lowered.machine;
    let mut diagnostics = std::mem::take(&mut parsed.diagnostics);
    diagnostics.iter_mut().for_each(|d| parsed.locate(d));
    parsed.diagnostics = diagnostics;
    parsed
}

/// JSON when the text starts like JSON, else YAML (YAML is a superset, but JSON gives better messages).
fn read_syntax(text: &str, parsed: &mut Parsed) -> Option<Node> {
    let looks_json = text.trim_start_matches('\u{feff}').trim_start().starts_with(['{', '[']);
    let result = if looks_json {
        parse_json(text)
    } else {
        parsed.format = Format::Yaml;
        parse_yaml(text).map(|(node, notes)| {
            for note in notes {
                parsed.diagnostics.push(
                    Diagnostic::warning(code::SCHEMA_VALIDATION_FAILED, "", note.message)
                        .with_range(Some(parsed.lines.range(Span::new(note.offset, note.offset)))),
                );
            }
            node
        })
    };
    match result {
        Ok(node) => {
            report_duplicate_keys(&node, parsed);
            Some(node)
        }
        Err(e) => {
            let range = parsed.lines.range(Span::new(e.offset, e.offset + 1));
            let what = if looks_json { "JSON" } else { "YAML" };
            parsed.diagnostics.push(
                Diagnostic::error(
                    code::INVALID_JSON_DESCRIPTION,
                    "",
                    format!("Invalid {what} at line {}, column {}: {}", range.start.line, range.start.column, e.message),
                )
                .with_range(Some(range)),
            );
            None
        }
    }
}

/// Duplicate keys outside `States` (those are DUPLICATE_STATE_NAME, reported by lowering): a warning, since the
/// last one silently wins in AWS's JSON reader too.
fn report_duplicate_keys(root: &Node, parsed: &mut Parsed) {
    let mut stack = vec![(root, String::new())];
    while let Some((node, pointer)) = stack.pop() {
        if let Some(members) = node.members() {
            let is_states = pointer.ends_with("/States") || pointer == "/States";
            let mut seen = std::collections::HashSet::new();
            for m in members {
                let child = crate::diagnostic::pointer_join(&pointer, &m.key);
                if !seen.insert(m.key.as_str()) && !is_states {
                    parsed.diagnostics.push(
                        Diagnostic::warning(
                            code::DUPLICATE_FIELD,
                            &child,
                            format!("The field '{}' appears more than once in this object; only the last one counts", m.key),
                        )
                        .with_range(Some(parsed.lines.range(m.key_span))),
                    );
                }
                stack.push((&m.value, child));
            }
        } else if let crate::source::NodeKind::Array(items) = &node.kind {
            for (i, item) in items.iter().enumerate() {
                stack.push((item, crate::diagnostic::pointer_index(&pointer, i)));
            }
        }
    }
}

//! CloudFormation and SAM templates that hold state machines: finding them, and turning one into a definition.
//!
//! Intrinsics (`Ref`, `Fn::GetAtt`, `Fn::Sub`, `Fn::Join`) and `DefinitionSubstitutions` are resolved to
//! plausible stand-ins (region `us-east-1`, account `123456789012`, ARNs shaped by the referenced resource's
//! type), because a simulator only needs the definition's shape, not the deployed names.

use serde::Serialize;

use crate::diagnostic::{code, Diagnostic};
use crate::source::{parse_json, parse_yaml, LineIndex, Member, Node, NodeKind, Span};

pub const REGION: &str = "us-east-1";
pub const ACCOUNT: &str = "123456789012";

/// One state machine resource found in a template.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TemplateMachine {
    pub logical_id: String,
    pub resource_type: String,
}

const MACHINE_TYPES: [&str; 2] = ["AWS::StepFunctions::StateMachine", "AWS::Serverless::StateMachine"];

/// Whether a document is a template rather than a definition.
pub fn is_template(root: &Node) -> bool {
    root.get("Resources").is_some_and(|r| r.members().is_some()) && root.get("States").is_none()
}

pub fn machines(root: &Node) -> Vec<TemplateMachine> {
    let Some(resources) = root.get("Resources").and_then(Node::members) else { return Vec::new() };
    resources
        .iter()
        .filter_map(|m| {
            let ty = m.value.get("Type")?.as_str()?;
            MACHINE_TYPES.contains(&ty).then(|| TemplateMachine { logical_id: m.key.clone(), resource_type: ty.to_owned() })
        })
        .collect()
}

/// The definition of machine `logical_id`, as a tree whose spans point into `text` (the template).
pub fn extract(text: &str, root: &Node, logical_id: &str, diags: &mut Vec<Diagnostic>) -> Option<Node> {
    let props = root.get("Resources")?.get(logical_id)?.get("Properties");
    let where_ = format!("state machine '{logical_id}'");
    let Some(props) = props else {
        diags.push(Diagnostic::error(code::TEMPLATE, "", format!("The {where_} has no Properties")));
        return None;
    };
    let mut resolver = Resolver { root, substitutions: props.get("DefinitionSubstitutions"), notes: Vec::new() };
    let result = if let Some(definition) = props.get("Definition") {
        let mut node = definition.clone();
        resolver.resolve_tree(&mut node);
        Some(node)
    } else if let Some(string) = props.get("DefinitionString") {
        resolver.definition_string(text, string, diags)
    } else {
        let file = ["DefinitionUri", "DefinitionS3Location"].into_iter().find(|k| props.get(k).is_some());
        let message = match file {
            Some(k) => format!("The {where_} loads its definition from a file ({k}), which ASL Studio cannot read here: open that file instead"),
            None => format!("The {where_} has no Definition or DefinitionString"),
        };
        diags.push(Diagnostic::error(code::TEMPLATE, "", message));
        None
    };
    for note in resolver.notes {
        diags.push(Diagnostic::warning(code::UNRESOLVED_SUBSTITUTION, "", note));
    }
    result
}

struct Resolver<'a> {
    root: &'a Node,
    substitutions: Option<&'a Node>,
    notes: Vec<String>,
}

impl Resolver<'_> {
    /// Replaces intrinsic objects by strings and applies DefinitionSubstitutions to every string.
    fn resolve_tree(&mut self, node: &mut Node) {
        if is_intrinsic(node) {
            let value = self.scalar(node);
            node.kind = NodeKind::String(self.substitute(&value));
            return;
        }
        match &mut node.kind {
            NodeKind::String(s) => *s = self.substitute(s),
            NodeKind::Array(items) => items.iter_mut().for_each(|i| self.resolve_tree(i)),
            NodeKind::Object(members) => {
                for m in members.iter_mut() {
                    m.key = self.substitute(&m.key);
                    self.resolve_tree(&mut m.value);
                }
            }
            _ => {}
        }
    }

    fn definition_string(&mut self, text: &str, string: &Node, diags: &mut Vec<Diagnostic>) -> Option<Node> {
        // The text node whose lines the inner definition occupies (inside a Fn::Sub when there is one).
        let text_node = match string.get("Fn::Sub") {
            Some(sub) => match &sub.kind {
                NodeKind::Array(items) => items.first().unwrap_or(sub),
                _ => sub,
            },
            None => string,
        };
        let inner = self.scalar(string);
        let inner = self.substitute(&inner);
        let parsed = if inner.trim_start().starts_with('{') {
            parse_json(&inner).map(|n| (n, Vec::new()))
        } else {
            parse_yaml(&inner)
        };
        match parsed {
            Ok((mut node, _)) => {
                let mapper = SpanMapper::new(text, text_node.span, &inner);
                node.remap_spans(&|s| mapper.map(s));
                Some(node)
            }
            Err(e) => {
                let at = SpanMapper::new(text, text_node.span, &inner).map(Span::new(e.offset, e.offset + 1));
                diags.push(
                    Diagnostic::error(code::INVALID_JSON_DESCRIPTION, "", format!("The DefinitionString is not valid: {}", e.message))
                        .with_range(Some(LineIndex::new(text).range(at))),
                );
                None
            }
        }
    }

    /// Applies `${name}` DefinitionSubstitutions to a string.
    fn substitute(&mut self, s: &str) -> String {
        let Some(subs) = self.substitutions.and_then(Node::members) else { return s.to_owned() };
        if !s.contains("${") {
            return s.to_owned();
        }
        let subs: Vec<Member> = subs.to_vec();
        let mut out = s.to_owned();
        for m in &subs {
            let needle = format!("${{{}}}", m.key);
            if out.contains(&needle) {
                let value = self.scalar(&m.value);
                out = out.replace(&needle, &value);
            }
        }
        out
    }

    /// The string value of a scalar or intrinsic.
    fn scalar(&mut self, node: &Node) -> String {
        match &node.kind {
            NodeKind::String(s) => s.clone(),
            NodeKind::Number(n) => n.to_string(),
            NodeKind::Bool(b) => b.to_string(),
            NodeKind::Null => String::new(),
            NodeKind::Array(_) => self.stand_in("a list where a single value was expected", "list"),
            NodeKind::Object(members) => {
                let Some(m) = members.first() else { return String::new() };
                match m.key.as_str() {
                    "Ref" => {
                        let name = self.scalar(&m.value);
                        self.reference(&name, None)
                    }
                    "Fn::GetAtt" => {
                        let (name, attr) = match &m.value.kind {
                            NodeKind::Array(items) if items.len() == 2 => (self.scalar(&items[0]), self.scalar(&items[1])),
                            _ => {
                                let s = self.scalar(&m.value);
                                match s.split_once('.') {
                                    Some((a, b)) => (a.to_owned(), b.to_owned()),
                                    None => (s, "Arn".to_owned()),
                                }
                            }
                        };
                        self.reference(&name, Some(&attr))
                    }
                    "Fn::Sub" => self.sub(&m.value),
                    "Fn::Join" => match &m.value.kind {
                        NodeKind::Array(items) if items.len() == 2 => {
                            let delimiter = self.scalar(&items[0]);
                            match &items[1].kind {
                                NodeKind::Array(parts) => {
                                    let parts: Vec<String> = parts.iter().map(|p| self.scalar(p)).collect();
                                    parts.join(&delimiter)
                                }
                                _ => self.scalar(&items[1]),
                            }
                        }
                        _ => self.stand_in("a malformed Fn::Join", "join"),
                    },
                    other => self.stand_in(&format!("the intrinsic {other}"), "value"),
                }
            }
        }
    }

    fn sub(&mut self, value: &Node) -> String {
        let (template, vars) = match &value.kind {
            NodeKind::Array(items) if !items.is_empty() => (self.scalar(&items[0]), items.get(1)),
            _ => (self.scalar(value), None),
        };
        let mut out = String::new();
        let mut rest = template.as_str();
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find('}') else {
                out.push_str(&rest[start..]);
                rest = "";
                break;
            };
            let name = &after[..end];
            if let Some(literal) = name.strip_prefix('!') {
                out.push_str(&format!("${{{literal}}}"));
            } else if let Some(v) = vars.and_then(|v| v.get(name)) {
                let v = v.clone();
                out.push_str(&self.scalar(&v));
            } else if self.substitutions.and_then(|s| s.get(name)).is_some() {
                // Left for DefinitionSubstitutions.
                out.push_str(&format!("${{{name}}}"));
            } else {
                let resolved = match name.split_once('.') {
                    Some((res, attr)) => self.reference(res, Some(attr)),
                    None => self.reference(name, None),
                };
                out.push_str(&resolved);
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        out
    }

    /// `Ref name` (attr None) or `GetAtt name.attr`.
    fn reference(&mut self, name: &str, attr: Option<&str>) -> String {
        match name {
            "AWS::Region" => return REGION.into(),
            "AWS::AccountId" => return ACCOUNT.into(),
            "AWS::Partition" => return "aws".into(),
            "AWS::URLSuffix" => return "amazonaws.com".into(),
            "AWS::StackName" => return "stack".into(),
            "AWS::StackId" => return format!("arn:aws:cloudformation:{REGION}:{ACCOUNT}:stack/stack/id"),
            "AWS::NoValue" => return String::new(),
            _ => {}
        }
        if let Some(param) = self.root.get("Parameters").and_then(|p| p.get(name)) {
            if let Some(default) = param.get("Default") {
                let default = default.clone();
                return self.scalar(&default);
            }
            return self.stand_in(&format!("the parameter '{name}' (it has no Default)"), name);
        }
        let Some(resource) = self.root.get("Resources").and_then(|r| r.get(name)) else {
            return self.stand_in(&format!("'{name}', which is not a parameter or resource of this template"), name);
        };
        let ty = resource.get("Type").and_then(Node::as_str).unwrap_or("");
        resource_value(ty, name, attr)
    }

    fn stand_in(&mut self, what: &str, value: &str) -> String {
        self.notes.push(format!("Could not resolve {what}; using '{value}' in its place"));
        value.to_owned()
    }
}

/// What `Ref` or `Fn::GetAtt … .Arn` of a resource of type `ty` looks like.
fn resource_value(ty: &str, name: &str, attr: Option<&str>) -> String {
    let arn = match ty {
        "AWS::Lambda::Function" | "AWS::Serverless::Function" => format!("arn:aws:lambda:{REGION}:{ACCOUNT}:function:{name}"),
        "AWS::SQS::Queue" => format!("arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"),
        "AWS::SNS::Topic" => format!("arn:aws:sns:{REGION}:{ACCOUNT}:{name}"),
        "AWS::DynamoDB::Table" | "AWS::Serverless::SimpleTable" => format!("arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{name}"),
        "AWS::StepFunctions::StateMachine" | "AWS::Serverless::StateMachine" => {
            format!("arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:{name}")
        }
        "AWS::StepFunctions::Activity" => format!("arn:aws:states:{REGION}:{ACCOUNT}:activity:{name}"),
        "AWS::S3::Bucket" => format!("arn:aws:s3:::{}", name.to_lowercase()),
        "AWS::Events::EventBus" => format!("arn:aws:events:{REGION}:{ACCOUNT}:event-bus/{name}"),
        "AWS::IAM::Role" => format!("arn:aws:iam::{ACCOUNT}:role/{name}"),
        _ => format!("arn:aws:cloudformation:{REGION}:{ACCOUNT}:{name}"),
    };
    match (attr, ty) {
        (Some("Arn"), _) => arn,
        (Some(_), _) => name.to_owned(),
        (None, "AWS::SQS::Queue") => format!("https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{name}"),
        (None, "AWS::SNS::Topic" | "AWS::StepFunctions::StateMachine" | "AWS::Serverless::StateMachine" | "AWS::StepFunctions::Activity") => arn,
        (None, "AWS::S3::Bucket") => name.to_lowercase(),
        (None, _) => name.to_owned(),
    }
}

fn is_intrinsic(node: &Node) -> bool {
    match node.members() {
        Some([m]) => m.key == "Ref" || m.key.starts_with("Fn::"),
        _ => false,
    }
}

/// Maps spans of a definition parsed from a string back into the template text.
struct SpanMapper {
    outer: LineIndex,
    inner: LineIndex,
    host: Span,
    /// For YAML block scalars: the template line of the inner text's first line, and its indentation.
    block: Option<(usize, usize)>,
}

impl SpanMapper {
    fn new(outer_text: &str, host: Span, inner_text: &str) -> Self {
        let outer = LineIndex::new(outer_text);
        let at_host = outer_text.get(host.start..).unwrap_or("");
        let block = if at_host.starts_with('|') || at_host.starts_with('>') {
            // Marked at the indicator: the text starts on the next line.
            let first_line = outer.position(host.start).line + 1;
            let line_text = &outer_text[outer.line_start(first_line)..];
            let indent = line_text.chars().take_while(|c| *c == ' ').count();
            Some((first_line, indent))
        } else if !at_host.starts_with(['"', '\'']) && inner_text.contains('\n') {
            // yaml-rust2 marks a block scalar at its first content character.
            let p = outer.position(host.start);
            Some((p.line, p.column - 1))
        } else {
            None
        };
        SpanMapper { outer, inner: LineIndex::new(inner_text), host, block }
    }

    fn map(&self, span: Span) -> Span {
        match self.block {
            None => self.host,
            Some((first_line, indent)) => {
                let point = |offset: usize| {
                    let p = self.inner.position(offset);
                    self.outer.offset_of(first_line + p.line - 1, indent + p.column - 1)
                };
                Span::new(point(span.start), point(span.end))
            }
        }
    }
}

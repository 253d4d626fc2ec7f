//! YAML (the `.asl.yaml` form and CloudFormation/SAM templates) into the spanned tree, with `!Tag` shorthands expanded.

use std::collections::HashMap;

use serde_json::Number;
use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::json::{JsonError, MAX_DEPTH};
use super::{LineIndex, Member, Node, NodeKind, Span};

/// Aliases can multiply a document exponentially; beyond this many nodes we stop.
const MAX_NODES: usize = 2_000_000;

/// A non-fatal remark about the YAML (e.g. only the first of several documents was read).
pub struct YamlNote {
    pub message: String,
    pub offset: usize,
}

pub fn parse_yaml(text: &str) -> Result<(Node, Vec<YamlNote>), JsonError> {
    let lines = LineIndex::new(text);
    let offset = |m: &Marker| lines.offset_of(m.line(), m.col());
    let mut parser = Parser::new_from_str(text);
    let mut builder = Builder::default();
    let mut notes = Vec::new();
    loop {
        let (event, mark) = match parser.next_token() {
            Ok(x) => x,
            Err(e) => return Err(JsonError { message: format!("YAML syntax error: {}", e.info()), offset: offset(e.marker()) }),
        };
        let at = offset(&mark);
        match event {
            Event::StreamEnd => break,
            Event::DocumentStart if builder.root.is_some() => {
                notes.push(YamlNote { message: "Only the first YAML document is read; the others are ignored".into(), offset: at });
                break;
            }
            other => builder.event(other, at, text).map_err(|message| JsonError { message, offset: at })?,
        }
    }
    match builder.root {
        Some(root) => Ok((root, notes)),
        None => Err(JsonError { message: "The document is empty".into(), offset: 0 }),
    }
}

enum Frame {
    Seq { start: usize, tag: Option<Tag>, anchor: usize, items: Vec<Node> },
    Map { start: usize, tag: Option<Tag>, anchor: usize, members: Vec<Member>, pending_key: Option<(String, Span)> },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    root: Option<Node>,
    nodes: usize,
}

impl Builder {
    fn event(&mut self, event: Event, at: usize, text: &str) -> Result<(), String> {
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                let end = scalar_end(text, at, &value, style);
                let node = scalar_node(value, style, tag.as_ref(), Span::new(at, end));
                self.finish(node, anchor)
            }
            Event::SequenceStart(anchor, tag) => self.open(Frame::Seq { start: at, tag, anchor, items: Vec::new() }),
            Event::MappingStart(anchor, tag) => {
                self.open(Frame::Map { start: at, tag, anchor, members: Vec::new(), pending_key: None })
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let frame = self.stack.pop().ok_or("Unbalanced YAML collection")?;
                let (node, anchor) = match frame {
                    Frame::Seq { start, tag, anchor, items } => {
                        (wrap_tag(Node::new(NodeKind::Array(items), Span::new(start, at)), tag.as_ref()), anchor)
                    }
                    Frame::Map { start, tag, anchor, members, .. } => {
                        (wrap_tag(Node::new(NodeKind::Object(members), Span::new(start, at)), tag.as_ref()), anchor)
                    }
                };
                self.finish(node, anchor)
            }
            Event::Alias(id) => {
                let node = self.anchors.get(&id).cloned().ok_or("An alias refers to an unknown anchor")?;
                self.nodes += count(&node);
                self.finish(node, 0)
            }
            _ => Ok(()),
        }
    }

    fn open(&mut self, frame: Frame) -> Result<(), String> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(format!("The document is nested more than {MAX_DEPTH} levels deep"));
        }
        self.stack.push(frame);
        Ok(())
    }

    fn finish(&mut self, node: Node, anchor: usize) -> Result<(), String> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err("The YAML document expands to too many values (aliases nested too deeply?)".into());
        }
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { members, pending_key, .. }) => match pending_key.take() {
                None => {
                    let key = match node.kind {
                        NodeKind::String(s) => s,
                        NodeKind::Number(n) => n.to_string(),
                        NodeKind::Bool(b) => b.to_string(),
                        NodeKind::Null => "null".into(),
                        _ => return Err("Mapping keys must be plain values, not lists or mappings".into()),
                    };
                    *pending_key = Some((key, node.span));
                }
                Some((key, key_span)) => members.push(Member { key, key_span, value: node }),
            },
        }
        Ok(())
    }
}

fn count(node: &Node) -> usize {
    match &node.kind {
        NodeKind::Array(items) => 1 + items.iter().map(count).sum::<usize>(),
        NodeKind::Object(members) => 1 + members.iter().map(|m| count(&m.value)).sum::<usize>(),
        _ => 1,
    }
}

/// Where a scalar ends in the text; exact for one-line plain scalars, close enough for the others.
fn scalar_end(text: &str, start: usize, value: &str, style: TScalarStyle) -> usize {
    let rest = text.get(start..).unwrap_or("");
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let guess = match style {
        TScalarStyle::Plain => value.len(),
        TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => value.len() + 2,
        _ => line_end,
    };
    start + guess.min(line_end.max(1))
}

fn is_core_tag(tag: &Tag) -> bool {
    tag.handle == "tag:yaml.org,2002:" || tag.handle == "!!"
}

fn scalar_node(value: String, style: TScalarStyle, tag: Option<&Tag>, span: Span) -> Node {
    let forced_string = tag.is_some_and(|t| is_core_tag(t) && t.suffix == "str");
    let kind = if style != TScalarStyle::Plain || forced_string {
        NodeKind::String(value)
    } else {
        resolve_plain(value)
    };
    wrap_tag(Node::new(kind, span), tag)
}

/// The YAML 1.2 core schema for unquoted scalars (what SAM and the VS Code toolkit expect).
fn resolve_plain(value: String) -> NodeKind {
    match value.as_str() {
        "" | "~" | "null" | "Null" | "NULL" => return NodeKind::Null,
        "true" | "True" | "TRUE" => return NodeKind::Bool(true),
        "false" | "False" | "FALSE" => return NodeKind::Bool(false),
        _ => {}
    }
    let looks_numeric = value
        .trim_start_matches(['-', '+'])
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || c == '.');
    if looks_numeric {
        if let Some(hex) = value.strip_prefix("0x") {
            if let Ok(n) = i64::from_str_radix(hex, 16) {
                return NodeKind::Number(n.into());
            }
        }
        if let Some(oct) = value.strip_prefix("0o") {
            if let Ok(n) = i64::from_str_radix(oct, 8) {
                return NodeKind::Number(n.into());
            }
        }
        let json_like = value.strip_prefix('+').unwrap_or(&value);
        if let Ok(n) = serde_json::from_str::<Number>(json_like) {
            return NodeKind::Number(n);
        }
        if let Ok(f) = json_like.parse::<f64>() {
            if let Some(n) = Number::from_f64(f) {
                return NodeKind::Number(n);
            }
        }
    }
    NodeKind::String(value)
}

/// CloudFormation's short forms (`!Sub x`) become their long forms (`{"Fn::Sub": x}`).
fn wrap_tag(node: Node, tag: Option<&Tag>) -> Node {
    let Some(tag) = tag else { return node };
    if tag.handle != "!" || tag.suffix.is_empty() {
        return node;
    }
    let key = match tag.suffix.as_str() {
        "Ref" | "Condition" => tag.suffix.clone(),
        other => format!("Fn::{other}"),
    };
    let span = node.span;
    Node::new(NodeKind::Object(vec![Member { key, key_span: span, value: node }]), span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_maps_to_json_with_spans() {
        let text = "StartAt: A\nStates:\n  A:\n    Type: Pass\n    Result: [1, 2.5, true, null, 'x']\n    End: true\n";
        let (node, notes) = parse_yaml(text).unwrap();
        assert!(notes.is_empty());
        assert_eq!(
            node.to_value(),
            serde_json::json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": [1, 2.5, true, null, "x"], "End": true}}})
        );
        let a = node.get("States").unwrap().get("A").unwrap().get("Type").unwrap();
        assert_eq!(&text[a.span.start..a.span.end], "Pass");
    }

    #[test]
    fn cloudformation_tags_expand() {
        let text = "a: !Sub 'x-${AWS::Region}'\nb: !GetAtt Fn.Arn\nc: !Join ['', [a, b]]\nd: !!str 12\n";
        let (node, _) = parse_yaml(text).unwrap();
        assert_eq!(
            node.to_value(),
            serde_json::json!({"a": {"Fn::Sub": "x-${AWS::Region}"}, "b": {"Fn::GetAtt": "Fn.Arn"}, "c": {"Fn::Join": ["", ["a", "b"]]}, "d": "12"})
        );
    }

    #[test]
    fn errors_and_bombs_do_not_panic() {
        assert!(parse_yaml("a: [1, 2").is_err());
        assert!(parse_yaml(&"[".repeat(10_000)).is_err());
        let bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n";
        assert!(parse_yaml(bomb).is_err());
    }
}

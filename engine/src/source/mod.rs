//! Source text: positions, spanned document trees, and the map from JSON pointers to text ranges.

mod json;
mod node;
mod yaml;

pub use json::parse_json;
pub use node::{Member, Node, NodeKind};
pub use yaml::parse_yaml;

use serde::Serialize;

use crate::diagnostic::{pointer_index, pointer_join};

/// A half-open range of byte offsets into a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end: end.max(start) }
    }

    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A position a person can read: 1-based line and column (in Unicode characters), plus the byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TextPos {
    pub offset: usize,
    pub line: usize,
    pub column: usize,
}

/// A range in the original text, from `start` (inclusive) to `end` (exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TextRange {
    pub start: TextPos,
    pub end: TextPos,
}

/// Converts byte offsets of one text into line/column positions.
#[derive(Debug, Clone)]
pub struct LineIndex {
    text: String,
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text: text.to_owned(), line_starts }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The byte offset where 1-based `line` starts (clamped to the text).
    pub fn line_start(&self, line: usize) -> usize {
        let idx = line.saturating_sub(1).min(self.line_starts.len() - 1);
        self.line_starts[idx]
    }

    /// The byte offset of a 1-based line and a 0-based character column, clamped to that line.
    pub fn offset_of(&self, line: usize, char_column: usize) -> usize {
        let start = self.line_start(line);
        let line_text = &self.text[start..];
        let line_text = line_text.split('\n').next().unwrap_or("");
        match line_text.char_indices().nth(char_column) {
            Some((i, _)) => start + i,
            None => start + line_text.len(),
        }
    }

    pub fn position(&self, offset: usize) -> TextPos {
        let offset = self.clamp(offset);
        let line_idx = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line_idx];
        let column = self.text[start..offset].chars().count() + 1;
        TextPos { offset, line: line_idx + 1, column }
    }

    pub fn range(&self, span: Span) -> TextRange {
        TextRange { start: self.position(span.start), end: self.position(span.end) }
    }

    /// Moves an offset back onto a character boundary inside the text.
    fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}

/// For every JSON pointer in a document, where it is in the text.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    entries: std::collections::HashMap<String, Span>,
}

impl SourceMap {
    /// Records the span of every value (for object members, from the key to the end of the value).
    pub fn build(root: &Node) -> Self {
        let mut map = SourceMap::default();
        let mut stack: Vec<(String, &Node, Span)> = vec![(String::new(), root, root.span)];
        while let Some((pointer, node, span)) = stack.pop() {
            match &node.kind {
                NodeKind::Object(members) => {
                    for member in members {
                        let child = pointer_join(&pointer, &member.key);
                        // The first occurrence of a duplicated key keeps its place.
                        if !map.entries.contains_key(&child) {
                            stack.push((child, &member.value, member.key_span.cover(member.value.span)));
                        }
                    }
                }
                NodeKind::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        stack.push((pointer_index(&pointer, i), item, item.span));
                    }
                }
                _ => {}
            }
            map.entries.insert(pointer, span);
        }
        map
    }

    /// The span of a pointer, or of its nearest ancestor that exists.
    pub fn span(&self, pointer: &str) -> Option<Span> {
        let mut p = pointer;
        loop {
            if let Some(span) = self.entries.get(p) {
                return Some(*span);
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return None,
            }
        }
    }
}

//! JSONPath as ASL uses it: paths (`$`, `$$` context, `$var` variables), reference paths, and intrinsic calls.

pub mod eval;
pub mod functions;
mod intrinsic;
mod parser;

pub use intrinsic::{parse_intrinsic, Arg, Intrinsic, INTRINSICS};
pub use parser::parse_path;

use serde::Serialize;

/// What a path starts from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Root {
    /// `$`: the data the field applies to.
    Input,
    /// `$$`: the context object.
    Context,
    /// `$name`: a workflow variable.
    Variable(String),
}

/// A member name in a path, with a hint: where in its object the member was found last time. Objects built
/// by the same template list their members in the same order, so the hint is nearly always right and a
/// lookup costs one comparison instead of a scan (see `value::Map::get_hinted`).
#[derive(Debug, Clone, Default)]
pub struct Name {
    text: String,
    hint: std::cell::Cell<u32>,
}

impl Name {
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn hint(&self) -> &std::cell::Cell<u32> {
        &self.hint
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl From<String> for Name {
    fn from(text: String) -> Name {
        Name { text, hint: Default::default() }
    }
}

impl From<&str> for Name {
    fn from(text: &str) -> Name {
        Name::from(text.to_owned())
    }
}

/// Only the text counts: the hint is a cache.
impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        self.text == other.text
    }
}

impl Serialize for Name {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Segment {
    /// `.name` or `['name']`
    Child(Name),
    /// `[3]` (negative counts from the end)
    Index(i64),
    /// `.*` or `[*]`
    Wildcard,
    /// `[start:end:step]`
    Slice(Option<i64>, Option<i64>, Option<i64>),
    /// `['a','b']` or `[0,2]`
    Union(Vec<UnionItem>),
    /// `..name`, `..*`, `..[0]`: the step applied at every depth.
    Descendant(Box<Segment>),
    /// `[?(expr)]`
    Filter(Filter),
    /// `.length()` and friends (Jayway functions), last in a path.
    Function(String),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum UnionItem {
    Name(String),
    Index(i64),
}

/// A filter expression: comparisons joined with `&&` / `||`, negation, and existence tests.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Filter {
    Or(Box<Filter>, Box<Filter>),
    And(Box<Filter>, Box<Filter>),
    Not(Box<Filter>),
    Compare(FilterOperand, CompareOp, FilterOperand),
    /// `@.x` alone: true when the path exists (and is not `false`/`null`, as Jayway does).
    Exists(FilterOperand),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CompareOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    /// `=~ /regex/`
    Matches,
    In,
    Nin,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum FilterOperand {
    /// `@…` (relative to the current element) or `$…` (absolute).
    Path { relative: bool, segments: Vec<Segment> },
    Literal(crate::value::Value),
    Regex(String),
}

/// A parsed path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Path {
    pub root: Root,
    pub segments: Vec<Segment>,
}

impl Path {
    /// A reference path names exactly one node: only names and indexes (PATH-02).
    pub fn is_reference(&self) -> bool {
        self.segments.iter().all(|s| matches!(s, Segment::Child(_) | Segment::Index(_)))
    }

    /// Whether this path can only ever select one value (no wildcard, slice, union, descent or filter).
    pub fn is_definite(&self) -> bool {
        self.segments.iter().all(|s| matches!(s, Segment::Child(_) | Segment::Index(_) | Segment::Function(_)))
    }
}

/// A reference path (PATH-02): a path without wildcards, slices, unions, filters or functions.
pub fn parse_reference_path(text: &str) -> Result<Path, String> {
    let path = parse_path(text)?;
    if path.is_reference() {
        Ok(path)
    } else {
        Err(format!("'{text}' is not a reference path: only names and array indexes are allowed (no *, .., slices, filters or functions)"))
    }
}

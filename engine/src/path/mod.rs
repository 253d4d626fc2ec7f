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

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Segment {
    /// `.name` or `['name']`
    Child(String),
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

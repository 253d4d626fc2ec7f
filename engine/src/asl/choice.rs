//! Choice rules: data tests with the 39 comparison operators, And/Or/Not, and JSONata conditions.

use serde::Serialize;
use serde_json::Value;

/// One rule of `Choices`, or a rule nested in `And`/`Or`/`Not`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceRule {
    /// Required at the top level, forbidden in nested rules (CH-01).
    pub next: Option<String>,
    pub comment: Option<String>,
    pub assign: Option<Value>,
    /// JSONata rules only.
    pub output: Option<Value>,
    pub body: RuleBody,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum RuleBody {
    And(Vec<ChoiceRule>),
    Or(Vec<ChoiceRule>),
    Not(Box<ChoiceRule>),
    /// `Variable` plus one comparison operator.
    Test { variable: String, comparison: Comparison },
    /// JSONata `Condition`: a boolean or an expression string.
    Condition(Value),
    /// A rule the parser could not make sense of (already reported).
    Invalid,
}

/// A comparison operator with its operand.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub kind: ComparisonKind,
    pub operand: Operand,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Operand {
    Literal(Value),
    /// The `…Path` variants: a reference path evaluated against the effective input.
    Path(String),
}

/// The families of comparison (CH-05); each operator name maps to a family and an ordering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ComparisonKind {
    String(Ordering),
    StringMatches,
    Numeric(Ordering),
    BooleanEquals,
    Timestamp(Ordering),
    IsNull,
    IsPresent,
    IsNumeric,
    IsString,
    IsBoolean,
    IsTimestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Ordering {
    Equals,
    LessThan,
    GreaterThan,
    LessThanEquals,
    GreaterThanEquals,
}

impl Ordering {
    const ALL: [(Ordering, &'static str); 5] = [
        (Ordering::Equals, "Equals"),
        (Ordering::LessThan, "LessThan"),
        (Ordering::GreaterThan, "GreaterThan"),
        (Ordering::LessThanEquals, "LessThanEquals"),
        (Ordering::GreaterThanEquals, "GreaterThanEquals"),
    ];

    /// Whether `cmp` (the comparison of the variable with the operand) satisfies this ordering.
    pub fn holds(self, cmp: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            Ordering::Equals => cmp == Equal,
            Ordering::LessThan => cmp == Less,
            Ordering::GreaterThan => cmp == Greater,
            Ordering::LessThanEquals => cmp != Greater,
            Ordering::GreaterThanEquals => cmp != Less,
        }
    }
}

impl ComparisonKind {
    /// Reads an operator name such as `NumericLessThanEqualsPath`; the flag says whether it is a `…Path` variant.
    pub fn parse(name: &str) -> Option<(ComparisonKind, bool)> {
        let simple = match name {
            "StringMatches" => Some(ComparisonKind::StringMatches),
            "IsNull" => Some(ComparisonKind::IsNull),
            "IsPresent" => Some(ComparisonKind::IsPresent),
            "IsNumeric" => Some(ComparisonKind::IsNumeric),
            "IsString" => Some(ComparisonKind::IsString),
            "IsBoolean" => Some(ComparisonKind::IsBoolean),
            "IsTimestamp" => Some(ComparisonKind::IsTimestamp),
            "BooleanEquals" => Some(ComparisonKind::BooleanEquals),
            _ => None,
        };
        if let Some(kind) = simple {
            return Some((kind, false));
        }
        if name == "BooleanEqualsPath" {
            return Some((ComparisonKind::BooleanEquals, true));
        }
        let (base, is_path) = match name.strip_suffix("Path") {
            Some(base) => (base, true),
            None => (name, false),
        };
        for (prefix, make) in [
            ("String", ComparisonKind::String as fn(Ordering) -> ComparisonKind),
            ("Numeric", ComparisonKind::Numeric),
            ("Timestamp", ComparisonKind::Timestamp),
        ] {
            if let Some(rest) = base.strip_prefix(prefix) {
                if let Some((ord, _)) = Ordering::ALL.iter().find(|(_, n)| *n == rest) {
                    return Some((make(*ord), is_path));
                }
            }
        }
        None
    }

    /// Every operator name AWS accepts (39 of them).
    pub fn all_names() -> Vec<String> {
        let mut names = Vec::new();
        for prefix in ["String", "Numeric", "Timestamp"] {
            for (_, ord) in Ordering::ALL {
                names.push(format!("{prefix}{ord}"));
                names.push(format!("{prefix}{ord}Path"));
            }
        }
        for n in [
            "StringMatches", "BooleanEquals", "BooleanEqualsPath", "IsNull", "IsPresent", "IsNumeric", "IsString",
            "IsBoolean", "IsTimestamp",
        ] {
            names.push(n.to_owned());
        }
        names
    }

    /// The JSON type the literal operand must have.
    pub fn operand_type(self) -> &'static str {
        match self {
            ComparisonKind::String(_) | ComparisonKind::StringMatches | ComparisonKind::Timestamp(_) => "string",
            ComparisonKind::Numeric(_) => "number",
            _ => "boolean",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_nine_operators_all_parse() {
        let names = ComparisonKind::all_names();
        assert_eq!(names.len(), 39);
        assert_eq!(names.iter().filter(|n| n.ends_with("Path")).count(), 16);
        for n in &names {
            assert!(ComparisonKind::parse(n).is_some(), "{n}");
        }
        assert_eq!(ComparisonKind::parse("IsNullPath"), None);
        assert_eq!(ComparisonKind::parse("StringMatchesPath"), None);
        assert_eq!(ComparisonKind::parse("NumericEqual"), None);
    }
}

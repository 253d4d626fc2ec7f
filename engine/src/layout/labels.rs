//! Short summaries of Choice rules for edge labels: `$.total > 1000`, `$.type == "gold"`, `not (…)`.

use crate::asl::{ChoiceRule, ComparisonKind, Operand, RuleBody};

const MAX: usize = 48;

pub fn rule_summary(rule: &ChoiceRule) -> String {
    let text = summary(rule, 0);
    if text.chars().count() > MAX {
        format!("{}…", text.chars().take(MAX - 1).collect::<String>())
    } else {
        text
    }
}

fn summary(rule: &ChoiceRule, depth: usize) -> String {
    if depth > 4 {
        return "…".into();
    }
    let join = |rules: &[ChoiceRule], word: &str| rules.iter().map(|r| summary(r, depth + 1)).collect::<Vec<_>>().join(&format!(" {word} "));
    match &rule.body {
        RuleBody::And(rules) => join(rules, "and"),
        RuleBody::Or(rules) => join(rules, "or"),
        RuleBody::Not(r) => format!("not ({})", summary(r, depth + 1)),
        RuleBody::Condition(c) => match c.as_str() {
            Some(s) if s.starts_with("{%") && s.ends_with("%}") => s[2..s.len() - 2].trim().to_owned(),
            _ => c.to_string(),
        },
        RuleBody::Invalid => "(invalid rule)".into(),
        RuleBody::Test { variable, comparison } => {
            use crate::asl::choice_ordering_symbol as sym;
            let operand = match &comparison.operand {
                Operand::Literal(v) => v.to_string(),
                Operand::Path(p) => p.clone(),
            };
            let flag = || matches!(&comparison.operand, Operand::Literal(serde_json::Value::Bool(true)));
            match comparison.kind {
                ComparisonKind::String(o) | ComparisonKind::Numeric(o) | ComparisonKind::Timestamp(o) => format!("{variable} {} {operand}", sym(o)),
                ComparisonKind::StringMatches => format!("{variable} matches {operand}"),
                ComparisonKind::BooleanEquals => format!("{variable} == {operand}"),
                ComparisonKind::IsPresent => format!("{variable} {}", if flag() { "is present" } else { "is absent" }),
                ComparisonKind::IsNull => format!("{variable} {}", if flag() { "is null" } else { "is not null" }),
                ComparisonKind::IsNumeric => format!("{variable} {}", if flag() { "is a number" } else { "is not a number" }),
                ComparisonKind::IsString => format!("{variable} {}", if flag() { "is a string" } else { "is not a string" }),
                ComparisonKind::IsBoolean => format!("{variable} {}", if flag() { "is a boolean" } else { "is not a boolean" }),
                ComparisonKind::IsTimestamp => format!("{variable} {}", if flag() { "is a timestamp" } else { "is not a timestamp" }),
            }
        }
    }
}

//! Lowering Choice rules (CH-01..14, VAL-14): data tests, And/Or/Not, JSONata conditions.

use super::values::PathKind;
use super::{article, Lower};
use crate::asl::{is_jsonata, ChoiceRule, Comparison, ComparisonKind, Operand, QueryLanguage, RuleBody};
use crate::diagnostic::{pointer_index, pointer_join};
use crate::source::{Node, NodeKind};
use crate::timestamp::parse_timestamp;

/// Rules nested deeper than this are reported rather than followed.
const MAX_RULE_DEPTH: usize = 64;

impl Lower {
    pub(super) fn rule(&mut self, node: &Node, pointer: &str, ql: QueryLanguage, top: bool, depth: usize) -> ChoiceRule {
        let mut rule = ChoiceRule { next: None, comment: None, assign: None, output: None, body: RuleBody::Invalid };
        let Some(members) = node.members() else {
            self.error(pointer, format!("A Choice rule must be a JSON object, but it is {}", article(node.type_name())));
            return rule;
        };
        if depth > MAX_RULE_DEPTH {
            self.error(pointer, format!("Choice rules are nested more than {MAX_RULE_DEPTH} levels deep"));
            return rule;
        }
        let mut operators = Vec::new();
        let mut booleans = Vec::new();
        for m in members {
            let at = pointer_join(pointer, &m.key);
            let key = m.key.as_str();
            let jsonpath_only = key == "Variable" || ComparisonKind::parse(key).is_some() || matches!(key, "And" | "Or" | "Not");
            let jsonata_only = matches!(key, "Condition" | "Output");
            if ql == QueryLanguage::JSONata && jsonpath_only {
                self.error(&at, format!("The QueryLanguage is set to 'JSONata', but field '{key}' is only supported for the 'JSONPath' QueryLanguage"));
                continue;
            }
            if ql == QueryLanguage::JSONPath && jsonata_only {
                self.error(&at, format!("The QueryLanguage is set to 'JSONPath', but field '{key}' is only supported for the 'JSONata' QueryLanguage"));
                continue;
            }
            match key {
                "Next" if top => rule.next = self.string(&m.value, &at, "Next"),
                "Comment" => rule.comment = self.string(&m.value, &at, "Comment"),
                "Assign" if top => {
                    self.assign(&m.value, &at, ql);
                    rule.assign = Some(m.value.to_value());
                }
                "Output" if top => {
                    self.jsonata_value(&m.value, &at);
                    rule.output = Some(m.value.to_value());
                }
                "Next" | "Assign" | "Output" => self.error(&at, format!("Field '{key}' is not supported in a nested Choice rule (only in the rules directly under Choices)")),
                "Condition" => {
                    match &m.value.kind {
                        NodeKind::Bool(_) => {}
                        NodeKind::String(s) if is_jsonata(s) => self.jsonata_value(&m.value, &at),
                        _ => self.error(&at, "The field 'Condition' must be a boolean or a JSONata expression {% … %}"),
                    }
                    rule.body = RuleBody::Condition(m.value.to_value());
                }
                "Variable" => {}
                "And" | "Or" | "Not" => booleans.push(m),
                _ if ComparisonKind::parse(key).is_some() => operators.push(m),
                _ => self.error(&at, format!("Field '{key}' is not supported in a Choice rule")),
            }
        }
        if top && rule.next.is_none() && node.get("Next").is_none() {
            self.error(pointer, "These fields are required: [Next]");
        }
        match ql {
            QueryLanguage::JSONata => {
                if node.get("Condition").is_none() {
                    self.error(pointer, "These fields are required: [Condition]");
                }
            }
            QueryLanguage::JSONPath => rule.body = self.jsonpath_body(node, pointer, &operators, &booleans, depth),
        }
        rule
    }

    fn jsonpath_body(
        &mut self,
        node: &Node,
        pointer: &str,
        operators: &[&crate::source::Member],
        booleans: &[&crate::source::Member],
        depth: usize,
    ) -> RuleBody {
        let variable = node.get("Variable");
        if !booleans.is_empty() {
            if booleans.len() > 1 || variable.is_some() || !operators.is_empty() {
                self.error(pointer, "A Choice rule must be either a comparison (Variable and one operator) or exactly one of And, Or, Not");
            }
            let m = booleans[0];
            let at = pointer_join(pointer, &m.key);
            return match (m.key.as_str(), &m.value.kind) {
                ("Not", NodeKind::Object(_)) => {
                    RuleBody::Not(Box::new(self.rule(&m.value, &at, QueryLanguage::JSONPath, false, depth + 1)))
                }
                ("Not", _) => {
                    self.type_error(&m.value, &at, "Not", "a JSON object (one Choice rule)");
                    RuleBody::Invalid
                }
                (key, NodeKind::Array(items)) => {
                    if items.is_empty() {
                        self.error(&at, format!("The field '{key}' must list at least one Choice rule"));
                    }
                    let rules = items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| self.rule(item, &pointer_index(&at, i), QueryLanguage::JSONPath, false, depth + 1))
                        .collect();
                    if key == "And" { RuleBody::And(rules) } else { RuleBody::Or(rules) }
                }
                (key, _) => {
                    self.type_error(&m.value, &at, key, "an array of Choice rules");
                    RuleBody::Invalid
                }
            };
        }
        let Some(variable) = variable else {
            if operators.is_empty() {
                self.error(pointer, "A Choice rule must be a comparison (Variable and one operator) or a Boolean expression (And, Or, Not)");
            } else {
                self.error(pointer, "These fields are required: [Variable]");
            }
            return RuleBody::Invalid;
        };
        let var_at = pointer_join(pointer, "Variable");
        let Some(var_text) = self.string(variable, &var_at, "Variable") else { return RuleBody::Invalid };
        self.check_path(&var_text, &var_at, "Variable", PathKind::Reference);
        if operators.len() != 1 {
            let msg = if operators.is_empty() {
                "A Choice rule with 'Variable' needs exactly one comparison operator (e.g. StringEquals, NumericGreaterThan, IsPresent)".to_owned()
            } else {
                let names: Vec<&str> = operators.iter().map(|m| m.key.as_str()).collect();
                format!("A Choice rule may have only one comparison operator, but it has {}", names.join(", "))
            };
            self.error(pointer, msg);
            if operators.is_empty() {
                return RuleBody::Invalid;
            }
        }
        let m = operators[0];
        let at = pointer_join(pointer, &m.key);
        let Some((kind, is_path)) = ComparisonKind::parse(&m.key) else { return RuleBody::Invalid };
        let operand = if is_path {
            match m.value.as_str() {
                Some(p) => {
                    self.check_path(p, &at, &m.key, PathKind::Reference);
                    Operand::Path(p.to_owned())
                }
                None => {
                    self.type_error(&m.value, &at, &m.key, "a string (a reference path)");
                    return RuleBody::Invalid;
                }
            }
        } else {
            let expected = kind.operand_type();
            let fits = matches!(
                (expected, &m.value.kind),
                ("string", NodeKind::String(_)) | ("number", NodeKind::Number(_)) | ("boolean", NodeKind::Bool(_))
            );
            if !fits {
                self.type_error(&m.value, &at, &m.key, &article(expected));
                return RuleBody::Invalid;
            }
            if let (ComparisonKind::Timestamp(_), Some(t)) = (kind, m.value.as_str()) {
                if parse_timestamp(t).is_none() {
                    self.error(&at, format!("String does not match RFC3339 timestamp: '{t}'"));
                }
            }
            Operand::Literal(m.value.to_value())
        };
        RuleBody::Test { variable: var_text, comparison: Comparison { kind, operand } }
    }
}

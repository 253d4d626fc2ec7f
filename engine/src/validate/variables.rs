//! Use-before-assign (VAR-04, VAR-08): a variable read in a state that no state able to run before it can
//! have assigned. A forward "may be assigned" analysis over each scope's transitions, where a Parallel
//! branch or Map processor starts with what is assigned on entry to its state.

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;

use crate::asl::{is_jsonata, ChoiceRule, Operand, PathField, QueryLanguage, RuleBody, Scope, State, StateKind};
use crate::diagnostic::Diagnostic;
use crate::parse::lower::strip_strings;

/// Our own code: AWS does not check this statically (VAR-08 leaves it open); the execution would fail.
pub const UNASSIGNED_VARIABLE: &str = "UNASSIGNED_VARIABLE";

pub(super) fn check(scope: &Scope, outer: &BTreeSet<String>, diags: &mut Vec<Diagnostic>) {
    let names: Vec<&String> = scope.states.keys().collect();
    let index: HashMap<&str, usize> = names.iter().enumerate().map(|(i, n)| (n.as_str(), i)).collect();
    let states: Vec<&State> = scope.states.values().collect();
    let assigned: Vec<BTreeSet<String>> = states.iter().map(|s| assigned_by(s)).collect();
    let mut before: Vec<Option<BTreeSet<String>>> = vec![None; states.len()];
    let Some(&start) = index.get(scope.start_at.as_str()) else { return };
    before[start] = Some(outer.clone());
    // Iterate to the fixpoint; sets only grow, and are bounded by the names in the machine.
    let mut changed = true;
    let mut rounds = 0;
    while changed && rounds < 10_000 {
        changed = false;
        rounds += 1;
        for (i, s) in states.iter().enumerate() {
            let Some(now) = before[i].clone() else { continue };
            let after: BTreeSet<String> = now.union(&assigned[i]).cloned().collect();
            for (_, target) in s.targets() {
                if let Some(&j) = index.get(target) {
                    let merged: BTreeSet<String> = match &before[j] {
                        Some(b) => b.union(&after).cloned().collect(),
                        None => after.clone(),
                    };
                    if before[j].as_ref() != Some(&merged) {
                        before[j] = Some(merged);
                        changed = true;
                    }
                }
            }
        }
    }
    for (i, s) in states.iter().enumerate() {
        let Some(available) = &before[i] else { continue };
        for name in read_by(s) {
            if !available.contains(&name) {
                diags.push(Diagnostic::warning(
                    UNASSIGNED_VARIABLE,
                    s.pointer.clone(),
                    format!("The variable '${name}' is read in state '{}', but no state that can run before it assigns it; the execution would fail here", s.name),
                ));
            }
        }
        for child in s.child_scopes() {
            check(child, available, diags);
        }
    }
}

fn keys(assign: &Option<Value>) -> impl Iterator<Item = String> + '_ {
    assign.iter().filter_map(Value::as_object).flat_map(|m| m.keys().map(|k| k.strip_suffix(".$").unwrap_or(k).to_owned()))
}

fn assigned_by(s: &State) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = keys(&s.assign).collect();
    for c in &s.catch {
        out.extend(keys(&c.assign));
    }
    if let StateKind::Choice(choice) = &s.kind {
        for rule in &choice.choices {
            out.extend(keys(&rule.assign));
        }
    }
    out
}

/// Variable names a state reads: `$name` roots of JSONPath paths, and `$name` in JSONata expressions.
fn read_by(s: &State) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut strings = Vec::new();
    for p in [&s.input_path, &s.output_path] {
        if let PathField::Path(p) = p {
            strings.push(p.clone());
        }
    }
    for v in [&s.parameters, &s.result_selector, &s.arguments, &s.output, &s.assign].into_iter().flatten() {
        collect_dynamic(v, s.query_language, &mut strings);
    }
    for c in &s.catch {
        for v in [&c.output, &c.assign].into_iter().flatten() {
            collect_dynamic(v, s.query_language, &mut strings);
        }
    }
    match &s.kind {
        StateKind::Choice(choice) => choice.choices.iter().for_each(|r| rule_strings(r, s.query_language, &mut strings)),
        StateKind::Map(m) => {
            if let PathField::Path(p) = &m.items_path {
                strings.push(p.clone());
            }
            for v in [&m.items, &m.item_selector].into_iter().flatten() {
                collect_dynamic(v, s.query_language, &mut strings);
            }
        }
        StateKind::Fail(f) => strings.extend([&f.error, &f.cause, &f.error_path, &f.cause_path].into_iter().flatten().cloned()),
        StateKind::Wait(w) => strings.extend([&w.timestamp, &w.seconds_path, &w.timestamp_path].into_iter().flatten().cloned()),
        _ => {}
    }
    for text in strings {
        if is_jsonata(&text) {
            out.extend(jsonata_reads(&text[2..text.len() - 2]));
        } else {
            out.extend(path_reads(&text));
        }
    }
    out
}

fn rule_strings(rule: &ChoiceRule, ql: QueryLanguage, out: &mut Vec<String>) {
    for v in [&rule.assign, &rule.output].into_iter().flatten() {
        collect_dynamic(v, ql, out);
    }
    match &rule.body {
        RuleBody::And(rs) | RuleBody::Or(rs) => rs.iter().for_each(|r| rule_strings(r, ql, out)),
        RuleBody::Not(r) => rule_strings(r, ql, out),
        RuleBody::Test { variable, comparison } => {
            out.push(variable.clone());
            if let Operand::Path(p) = &comparison.operand {
                out.push(p.clone());
            }
        }
        RuleBody::Condition(Value::String(c)) => out.push(c.clone()),
        _ => {}
    }
}

/// Strings that are evaluated: `.$` values in JSONPath templates, `{% %}` strings in JSONata values.
fn collect_dynamic(v: &Value, ql: QueryLanguage, out: &mut Vec<String>) {
    match v {
        Value::String(s) if ql == QueryLanguage::JSONata && is_jsonata(s) => out.push(s.clone()),
        Value::Object(m) => {
            for (k, v) in m {
                match v {
                    Value::String(s) if k.ends_with(".$") => out.push(s.clone()),
                    _ => collect_dynamic(v, ql, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect_dynamic(i, ql, out)),
        _ => {}
    }
}

/// `$name` path roots, also inside intrinsic arguments (`States.Format('{}', $name.x)`).
fn path_reads(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = strip_strings(text).chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '$' && (i == 0 || !chars[i - 1].is_alphanumeric() && chars[i - 1] != '$') {
            let name: String = chars[i + 1..].iter().take_while(|c| c.is_alphanumeric() || **c == '_').collect();
            if !name.is_empty() && chars.get(i + 1).is_some_and(|c| c.is_alphabetic() || *c == '_') {
                out.push(name.clone());
            }
            i += 1 + name.len();
        } else {
            i += 1;
        }
    }
    out
}

/// `$name` in a JSONata expression that is a variable: not `$states`, not a function call, not bound in the
/// expression itself (`$x := …`, `function($x)`).
fn jsonata_reads(expr: &str) -> Vec<String> {
    let code = strip_strings(expr);
    let chars: Vec<char> = code.chars().collect();
    let mut found = Vec::new();
    let mut bound = BTreeSet::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '$' {
            let name: String = chars[i + 1..].iter().take_while(|c| c.is_alphanumeric() || **c == '_').collect();
            let after: String = chars[i + 1 + name.len()..].iter().collect();
            let rest = after.trim_start();
            let before: String = chars[..i].iter().collect();
            let in_params = before.trim_end().ends_with("function(") || before.trim_end().ends_with('λ') || {
                let open = before.rfind("function(").or_else(|| before.rfind("λ("));
                open.is_some_and(|o| !before[o..].contains(')'))
            };
            if !name.is_empty() {
                if rest.starts_with(":=") || in_params {
                    bound.insert(name.clone());
                } else if !rest.starts_with('(') && name != "states" {
                    found.push(name.clone());
                }
            }
            i += 1 + name.len().max(0);
        } else {
            i += 1;
        }
    }
    found.into_iter().filter(|n| !bound.contains(n)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_found() {
        assert_eq!(path_reads("$total.x"), ["total"]);
        assert_eq!(path_reads("States.Format('{} $notme', $a, $$.x, $.y)"), ["a"]);
        assert_eq!(jsonata_reads("$sum($items.price) + $x"), ["items", "x"]);
        assert_eq!(jsonata_reads("($y := 1; $y + $states.input.z)"), Vec::<String>::new());
        assert_eq!(jsonata_reads("$map($l, function($v) { $v * 2 })"), ["l"]);
        assert_eq!(jsonata_reads("'$notme' & $me"), ["me"]);
    }
}

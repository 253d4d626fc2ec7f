//! Graph rules per scope (VAL-06, VAL-07, VAL-08): targets exist in the same scope, every state is reachable
//! from `StartAt`, and the scope can end.

use std::collections::HashSet;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::Bfs;

use crate::asl::Scope;
use crate::diagnostic::{code, Diagnostic};

pub(super) fn check_scopes(scope: &Scope, diags: &mut Vec<Diagnostic>) {
    // An explicit stack, so that deeply nested machines cannot exhaust the call stack.
    let mut stack = vec![scope];
    let all_names: HashSet<&str> = scope.walk().into_iter().map(|s| s.name.as_str()).collect();
    while let Some(scope) = stack.pop() {
        check_scope(scope, &all_names, diags);
        for state in scope.states.values() {
            stack.extend(state.child_scopes());
        }
    }
}

fn check_scope(scope: &Scope, all_names: &HashSet<&str>, diags: &mut Vec<Diagnostic>) {
    let mut graph: DiGraph<&str, ()> = DiGraph::new();
    let index: Vec<NodeIndex> = scope.states.keys().map(|name| graph.add_node(name.as_str())).collect();
    let missing = |name: &str| {
        let mut message = format!("Missing 'Next' target: {name}");
        if all_names.contains(name) {
            message.push_str(" (that state is in another scope: transitions cannot go into or out of a Parallel branch or Map processor)");
        }
        message
    };
    for (i, state) in scope.states.values().enumerate() {
        for (pointer, target) in state.targets() {
            match scope.states.get_index_of(target) {
                Some(j) => {
                    graph.add_edge(index[i], index[j], ());
                }
                None => diags.push(Diagnostic::error(code::MISSING_TRANSITION_TARGET, pointer, missing(target))),
            }
        }
    }
    let start = scope.states.get_index_of(scope.start_at.as_str());
    if start.is_none() && !scope.start_at.is_empty() {
        diags.push(Diagnostic::error(code::MISSING_TRANSITION_TARGET, format!("{}/StartAt", scope.pointer), missing(&scope.start_at)));
    }
    if scope.states.is_empty() {
        return;
    }
    if !scope.states.values().any(|s| s.is_terminal()) {
        // Measured on AWS: when this fires, unreachable-state diagnostics are not reported (VAL-08).
        let where_ = if scope.pointer.is_empty() { String::new() } else { format!(" (in {})", scope.pointer) };
        diags.push(Diagnostic::error(code::MISSING_END_STATE, scope.pointer.clone(), format!("Workflow has no terminal state{where_}")));
        return;
    }
    let Some(start) = start else { return };
    let mut reached = vec![false; scope.states.len()];
    let mut bfs = Bfs::new(&graph, index[start]);
    while let Some(n) = bfs.next(&graph) {
        reached[n.index()] = true;
    }
    for (i, state) in scope.states.values().enumerate() {
        if !reached[i] {
            diags.push(Diagnostic::error(
                code::MISSING_TRANSITION_TARGET,
                state.pointer.clone(),
                format!("State \"{}\" is not reachable.", state.name),
            ));
        }
    }
}

//! `engine::layout`: snapshots of small layouts and properties over generated machines.

mod common;

use engine::layout::{drawn_crossings, layout, BoxKind, CrossingRule, EdgeKind, EdgeRoute, Layout, NodeBox};
use engine::{parse, ParseOptions};
use proptest::prelude::*;
use serde_json::{json, Value};

fn lay(def: &Value) -> Layout {
    let parsed = parse(&def.to_string(), &ParseOptions::default());
    layout(parsed.machine.as_ref().expect("a model"))
}

fn node<'a>(l: &'a Layout, id: &str) -> &'a NodeBox {
    l.nodes.iter().find(|n| n.id == id).unwrap_or_else(|| panic!("no node {id}"))
}

#[test]
fn a_chain_flows_downwards_from_start_to_end() {
    let l = lay(&json!({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "C"}, "C": {"Type": "Succeed"}}}));
    let ids: Vec<(&str, f64, f64)> = l.nodes.iter().map(|n| (n.id.as_str(), n.x + n.w / 2.0, n.y)).collect();
    assert_eq!(ids, [("A", 84.0, 68.0), ("B", 84.0, 160.0), ("C", 84.0, 252.0), ("#start", 84.0, 0.0), ("#end", 84.0, 344.0)]);
    let edges: Vec<(&str, &str)> = l.edges.iter().map(|e| (e.from.as_str(), e.to.as_str())).collect();
    assert_eq!(edges, [("#start", "A"), ("A", "B"), ("B", "C"), ("C", "#end")]);
    assert_eq!(l.edges[1].points, [(84.0, 112.0), (84.0, 160.0)]);
    assert_eq!(l.crossings, 0);
}

#[test]
fn choice_edges_carry_rule_summaries_and_loops_are_back_edges() {
    let l = lay(&json!({"StartAt": "C", "States": {
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.total", "NumericGreaterThan": 1000, "Next": "Big"}, {"Not": {"Variable": "$.x", "IsPresent": true}, "Next": "C"}], "Default": "Small"},
        "Big": {"Type": "Succeed"}, "Small": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Big"}], "Next": "C"}}}));
    let label = |to: &str, kind: &str| l.edges.iter().find(|e| e.to == to && format!("{:?}", e.kind) == kind).and_then(|e| e.label.clone());
    assert_eq!(label("Big", "Choice").as_deref(), Some("$.total > 1000"));
    assert_eq!(label("C", "Choice").as_deref(), Some("not ($.x is present)"));
    assert_eq!(label("Small", "Default").as_deref(), Some("Default"));
    assert_eq!(label("Big", "Catch").as_deref(), Some("Catch: States.ALL"));
    assert!(l.edges.iter().any(|e| e.from == "Small" && e.to == "C" && e.back));
}

#[test]
fn containers_hold_their_lanes() {
    let l = lay(&json!({"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
        {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "X", "States": {"X": {"Type": "Pass", "End": true}}}}}}]}}}));
    let p = node(&l, "P");
    assert!(p.container);
    assert_eq!(l.lanes.iter().filter(|lane| lane.state == "P").count(), 2);
    for id in ["A", "M", "X"] {
        assert!(inside(node(&l, id), p), "{id} outside P");
    }
    assert!(inside(node(&l, "X"), node(&l, "M")));
}

fn inside(n: &NodeBox, c: &NodeBox) -> bool {
    n.x >= c.x && n.y >= c.y && n.x + n.w <= c.x + c.w + 1e-6 && n.y + n.h <= c.y + c.h + 1e-6
}

fn overlap(a: &NodeBox, b: &NodeBox) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

/// The properties every layout must have.
fn check_properties(def: &Value) {
    let parsed = parse(&def.to_string(), &ParseOptions::default());
    let Some(machine) = parsed.machine else { return };
    let l = layout(&machine);
    for (i, a) in l.nodes.iter().enumerate() {
        for b in &l.nodes[i + 1..] {
            if a.scope == b.scope {
                assert!(!overlap(a, b), "{} and {} overlap", a.id, b.id);
            }
        }
    }
    for n in l.nodes.iter().filter(|n| !n.scope.is_empty()) {
        // The container is the state whose pointer starts the scope's pointer.
        let owner = l.nodes.iter().filter(|c| c.container).find(|c| n.scope.contains(&format!("/{}/", c.id)) || n.scope.ends_with(&format!("/{}", c.id)));
        if let Some(c) = owner {
            assert!(inside(n, c), "{} is outside its container {}", n.id, c.id);
        }
    }
    // Exactly one route per transition named in the definition (targets that exist in the same scope).
    let mut expected = 0;
    for s in machine.scope.walk() {
        let scope_names: Vec<String> = scope_of(&machine.scope, &s.name).map(|sc| sc.states.keys().cloned().collect()).unwrap_or_default();
        expected += s.targets().iter().filter(|(_, t)| scope_names.iter().any(|n| n == t)).count();
    }
    let drawn = l.edges.iter().filter(|e| !matches!(e.kind, engine::layout::EdgeKind::Start | engine::layout::EdgeKind::End)).count();
    assert_eq!(drawn, expected);
    for e in &l.edges {
        assert!(e.points.len() >= 2, "{} → {} has no route", e.from, e.to);
        assert!(e.points.iter().all(|(x, y)| x.is_finite() && y.is_finite()));
    }
    assert!(l.nodes.iter().filter(|n| n.kind == BoxKind::State).count() == machine.scope.walk().len());
}

fn scope_of<'a>(scope: &'a engine::asl::Scope, name: &str) -> Option<&'a engine::asl::Scope> {
    if scope.states.contains_key(name) {
        return Some(scope);
    }
    scope.states.values().flat_map(|s| s.child_scopes()).find_map(|c| scope_of(c, name))
}

fn machine_strategy() -> impl Strategy<Value = Value> {
    let state = |n: usize, depth: u32| -> BoxedStrategy<Value> {
        let target = (0..n).prop_map(|j| json!(format!("S{j}")));
        let leaf = prop_oneof![
            target.clone().prop_map(|t| json!({"Type": "Pass", "Next": t})),
            (target.clone(), target.clone()).prop_map(|(a, b)| json!({"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": a}], "Default": b})),
            (target.clone(), target.clone()).prop_map(|(a, b)| json!({"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": a}], "Next": b})),
            Just(json!({"Type": "Succeed"})),
        ];
        if depth == 0 {
            return leaf.boxed();
        }
        prop_oneof![
            3 => leaf,
            1 => (target, 1usize..3).prop_map(move |(t, k)| {
                let branches: Vec<Value> = (0..k).map(|b| {
                    let p = format!("D{depth}B{b}");
                    json!({"StartAt": format!("{p}a"), "States": {format!("{p}a"): {"Type": "Pass", "Next": format!("{p}b")}, format!("{p}b"): {"Type": "Succeed"}}})
                }).collect();
                json!({"Type": "Parallel", "Branches": branches, "Next": t})
            }),
        ]
        .boxed()
    };
    (1usize..12).prop_flat_map(move |n| prop::collection::vec(state(n, 1), n)).prop_map(|states| {
        // Container inner names must be unique: suffix them with the state's index.
        let mut map = serde_json::Map::new();
        for (i, s) in states.into_iter().enumerate() {
            let text = s.to_string().replace("D1B", &format!("D{i}B"));
            map.insert(format!("S{i}"), serde_json::from_str(&text).unwrap());
        }
        json!({"StartAt": "S0", "States": map})
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn layouts_keep_their_properties(def in machine_strategy()) {
        check_properties(&def);
    }
}

#[test]
fn thirty_choice_diamonds_lay_out_quickly() {
    // layout-rs's cycle check went exponential on this shape; ours is linear in the edges per sweep.
    let mut states = serde_json::Map::new();
    for i in 0..30 {
        let next = if i + 1 == 30 { "Done".to_owned() } else { format!("C{}", i + 1) };
        states.insert(format!("C{i}"), json!({"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": true, "Next": format!("L{i}")}], "Default": format!("R{i}")}));
        states.insert(format!("L{i}"), json!({"Type": "Pass", "Next": next}));
        states.insert(format!("R{i}"), json!({"Type": "Pass", "Next": next}));
    }
    states.insert("Done".into(), json!({"Type": "Succeed"}));
    let def = json!({"StartAt": "C0", "States": states});
    check_properties(&def);
    assert_eq!(lay(&def).crossings, 0);
}

#[test]
fn every_conformance_definition_lays_out() {
    let Some(cases) = common::conformance_cases() else { return };
    for (_, case) in &cases {
        check_properties(&case["definition"]);
    }
}

/// The benchmark's wide-N shape: a Choice fans out to W Choices, each going to its own Work state or, by
/// Default, to one of a few shared ones (`Work_{(7i+3) mod W}`), and everything meets in Join.
fn wide(w: usize) -> Value {
    let mut states = serde_json::Map::new();
    let rules: Vec<Value> = (0..w).map(|i| json!({"Variable": "$.route", "NumericEquals": i, "Next": format!("Check_{i}")})).collect();
    states.insert("Dispatch".into(), json!({"Type": "Choice", "Choices": rules, "Default": "Fallback"}));
    for i in 0..w {
        states.insert(
            format!("Check_{i}"),
            json!({"Type": "Choice", "Choices": [{"Variable": "$.flag", "BooleanEquals": true, "Next": format!("Work_{i}")}], "Default": format!("Work_{}", (7 * i + 3) % w)}),
        );
        states.insert(format!("Work_{i}"), json!({"Type": "Pass", "Next": "Join"}));
    }
    states.insert("Fallback".into(), json!({"Type": "Pass", "Next": "Join"}));
    states.insert("Join".into(), json!({"Type": "Succeed"}));
    json!({"StartAt": "Dispatch", "States": states})
}

#[test]
fn states_sharing_targets_are_kept_together() {
    // With W = 98 this is ../shared/bench's wide-200, on which Graphviz dot leaves 582 crossings. Ordering
    // the layers from the depth-first walk along the edges alone leaves 605; starting from the walk in both
    // directions, which keeps the Choices of each shared Work state together, leaves 476.
    let l = lay(&wide(98));
    assert!(l.crossings <= 500, "{} crossings", l.crossings);
    assert_eq!(drawn_crossings(&l, CrossingRule::UnrelatedEdges), l.crossings);
}

#[test]
fn the_peers_crossing_rule_leaves_out_edges_that_share_a_state() {
    let edge = |from: &str, to: &str, points: [(f64, f64); 2]| EdgeRoute {
        from: from.into(),
        to: to.into(),
        kind: EdgeKind::Next,
        label: None,
        points: points.to_vec(),
        back: false,
        pointer: String::new(),
        label_at: None,
    };
    // A→B and A→C cross (drawn from two points of A's box); D→E crosses both.
    let edges = vec![edge("A", "B", [(0.0, 0.0), (10.0, 10.0)]), edge("A", "C", [(10.0, 0.0), (0.0, 10.0)]), edge("D", "E", [(0.0, 5.0), (10.0, 4.0)])];
    let l = Layout { width: 10.0, height: 10.0, nodes: Vec::new(), edges, lanes: Vec::new(), crossings: 0 };
    assert_eq!(drawn_crossings(&l, CrossingRule::AllPairs), 3);
    assert_eq!(drawn_crossings(&l, CrossingRule::UnrelatedEdges), 2);
}

//! Layout of a state machine for drawing: a box per state, a route per transition, and Parallel branches
//! and Map processors as containers laid out recursively (transitions never cross a container's edge).
//! Our own layered placement (`layered`), deterministic and panic-free; output types are ours.

mod layered;
mod labels;
mod svg;

pub use svg::{svg_size, to_svg};

use serde::Serialize;

use crate::asl::{Scope, State, StateKind, StateMachine, Transition};
pub use labels::rule_summary;

pub const STATE_WIDTH: f64 = 168.0;
pub const STATE_HEIGHT: f64 = 44.0;
pub const MARKER: f64 = 20.0;
/// Space inside a container around its contents, and the title bar above them.
pub const PADDING: f64 = 16.0;
pub const TITLE: f64 = 28.0;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum BoxKind {
    /// A state (its type, `None` when unknown).
    State,
    Start,
    End,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeBox {
    /// The state's name, or `#start`/`#end` with the scope's path for markers.
    pub id: String,
    pub kind: BoxKind,
    pub state_type: Option<String>,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    /// JSON pointer of the scope this box belongs to (`""` at the top level).
    pub scope: String,
    /// Set for Parallel and Map states, whose box contains lanes.
    pub container: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum EdgeKind {
    Start,
    Next,
    Choice,
    Default,
    Catch,
    End,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EdgeRoute {
    pub from: String,
    pub to: String,
    pub kind: EdgeKind,
    pub label: Option<String>,
    pub points: Vec<(f64, f64)>,
    /// Closes a loop: drawn against the flow.
    pub back: bool,
    /// JSON pointer of the field that makes this transition (for highlighting the text).
    pub pointer: String,
    /// Where the label's text starts (its baseline), clear of the other labels.
    pub label_at: Option<(f64, f64)>,
}

/// A Parallel branch or a Map processor, inside its state's box.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lane {
    pub state: String,
    pub label: String,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<NodeBox>,
    pub edges: Vec<EdgeRoute>,
    pub lanes: Vec<Lane>,
    /// Crossings left between layers (for benchmarks and tests).
    pub crossings: usize,
}

/// Where along its route (by length) a label may go, in order of preference: on its own edge, so a
/// reader sees which rule it belongs to, and clear of the labels of sibling edges.
const LABEL_SPOTS: [f64; 7] = [0.3, 0.5, 0.7, 0.2, 0.4, 0.6, 0.8];

/// The point a `fraction` of the way along a route (by length), nudged right of the line. (Rules of one
/// Choice leave from the same point, so labels at the start would pile on each other.)
fn point_along(points: &[(f64, f64)], fraction: f64) -> Option<(f64, f64)> {
    let length: f64 = points.windows(2).map(|w| (w[1].0 - w[0].0).hypot(w[1].1 - w[0].1)).sum();
    let mut left = length * fraction;
    for w in points.windows(2) {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        let step = (x1 - x0).hypot(y1 - y0);
        if step > 0.0 && left <= step {
            let t = left / step;
            return Some((x0 + (x1 - x0) * t + 6.0, y0 + (y1 - y0) * t));
        }
        left -= step;
    }
    points.first().map(|&(x, y)| (x + 6.0, y))
}

/// Which pairs of edges `drawn_crossings` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrossingRule {
    /// Every pair of distinct edges.
    AllPairs,
    /// Only edges that share no endpoint state: the rule `../shared/bench/peer/layout-peer.mjs` counts dot's,
    /// ELK's and dagre's drawings by (edges meeting at a state touch or fan out there, which is not a
    /// crossing a reader sees), so that figures compare with theirs.
    UnrelatedEdges,
}

/// Crossings as drawn: pairs of route segments that properly intersect (touching ends do not count); a
/// pair of edges that crosses k times counts k. Unlike `Layout::crossings`, this also sees loops drawn in
/// their lane. For benchmarks and tests; it compares every pair of segments, so it is not meant for the page.
pub fn drawn_crossings(layout: &Layout, rule: CrossingRule) -> usize {
    let segments: Vec<((f64, f64), (f64, f64), usize)> =
        layout.edges.iter().enumerate().flat_map(|(i, e)| e.points.windows(2).map(move |w| (w[0], w[1], i))).collect();
    let cross = |(a, b): ((f64, f64), (f64, f64)), (c, d): ((f64, f64), (f64, f64))| {
        let orient = |p: (f64, f64), q: (f64, f64), r: (f64, f64)| (q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0);
        let (d1, d2, d3, d4) = (orient(c, d, a), orient(c, d, b), orient(a, b, c), orient(a, b, d));
        let eps = 1e-6;
        ((d1 > eps && d2 < -eps) || (d1 < -eps && d2 > eps)) && ((d3 > eps && d4 < -eps) || (d3 < -eps && d4 > eps))
    };
    let related = |i: usize, j: usize| {
        let (a, b) = (&layout.edges[i], &layout.edges[j]);
        rule == CrossingRule::UnrelatedEdges && (a.from == b.from || a.from == b.to || a.to == b.from || a.to == b.to)
    };
    let mut count = 0;
    for (i, s) in segments.iter().enumerate() {
        for t in &segments[i + 1..] {
            if s.2 != t.2 && !related(s.2, t.2) && cross((s.0, s.1), (t.0, t.1)) {
                count += 1;
            }
        }
    }
    count
}

/// The estimated size of a label's text box (10-pixel sans-serif): enough to keep labels apart without
/// measuring text, which only a browser can do.
pub fn label_box(text: &str) -> (f64, f64) {
    (text.chars().count() as f64 * 5.6 + 8.0, 13.0)
}

/// Where each edge's label goes (`None` for edges without one): the first spot along its own route that
/// covers no label placed before it; when every spot is taken, the first spot moved down line by line.
/// Rules of one Choice often run close together, and their labels would otherwise be written over each other.
pub fn label_positions(edges: &[EdgeRoute]) -> Vec<Option<(f64, f64)>> {
    let mut placed: Vec<(f64, f64, f64, f64)> = Vec::new();
    let overlaps = |a: &(f64, f64, f64, f64), b: &(f64, f64, f64, f64)| a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3;
    edges
        .iter()
        .map(|edge| {
            let text = edge.label.as_deref()?;
            let (w, h) = label_box(text);
            let rect = |(x, y): (f64, f64)| (x - 4.0, y - 9.0, w, h);
            let free = LABEL_SPOTS
                .iter()
                .filter_map(|&f| point_along(&edge.points, f))
                .find(|&at| !placed.iter().any(|p| overlaps(p, &rect(at))));
            let (x, y) = match free {
                Some(at) => at,
                None => {
                    let (mut x, mut y) = point_along(&edge.points, LABEL_SPOTS[0])?;
                    // Bounded: a label moves at most a few lines, then stays where it is.
                    for _ in 0..8 {
                        match placed.iter().find(|p| overlaps(p, &rect((x, y)))) {
                            Some(other) => {
                                y = other.1 + other.3 + 9.5;
                                x += 2.0;
                            }
                            None => break,
                        }
                    }
                    (x, y)
                }
            };
            placed.push(rect((x, y)));
            Some((x, y))
        })
        .collect()
}

/// Lays out a whole machine. Never panics; unknown transition targets are simply not drawn.
pub fn layout(machine: &StateMachine) -> Layout {
    let mut out = Layout::default();
    let (w, h) = scope_layout(&machine.scope, 0.0, 0.0, &mut out, 0);
    out.width = w;
    out.height = h;
    // Labels beside a loop at the right edge reach past the boxes: the drawing must hold them too.
    let positions = label_positions(&out.edges);
    for (edge, at) in out.edges.iter_mut().zip(positions) {
        edge.label_at = at;
        if let (Some(text), Some((x, _))) = (&edge.label, at) {
            out.width = out.width.max(x - 4.0 + label_box(text).0);
        }
    }
    out
}

/// A scope laid out at (x, y); returns its size. Deeper scopes than this are drawn as plain boxes.
const MAX_NESTING: usize = 40;

fn scope_layout(scope: &Scope, x: f64, y: f64, out: &mut Layout, depth: usize) -> (f64, f64) {
    let states: Vec<&State> = scope.states.values().collect();
    // Sizes first: a container is as big as what it holds, laid out on its own (inner first).
    let mut inner: Vec<Option<Layout>> = Vec::with_capacity(states.len());
    let mut sizes: Vec<(f64, f64)> = Vec::with_capacity(states.len() + 2);
    for s in &states {
        let children = s.child_scopes();
        if children.is_empty() || depth >= MAX_NESTING {
            inner.push(None);
            sizes.push((STATE_WIDTH, STATE_HEIGHT));
            continue;
        }
        let mut sub = Layout::default();
        let mut cursor = PADDING;
        let mut tallest = 0.0f64;
        for (i, child) in children.iter().enumerate() {
            let (w, h) = scope_layout(child, cursor, TITLE + PADDING, &mut sub, depth + 1);
            let label = match &s.kind {
                StateKind::Parallel(_) => format!("Branch {}", i + 1),
                _ => "Item processor".to_owned(),
            };
            sub.lanes.push(Lane { state: s.name.clone(), label, x: cursor - PADDING / 2.0, y: TITLE + PADDING / 2.0, w: w + PADDING, h: h + PADDING });
            cursor += w + PADDING * 2.0;
            tallest = tallest.max(h);
        }
        let w = (cursor - PADDING).max(STATE_WIDTH);
        let h = TITLE + PADDING * 2.0 + tallest;
        for lane in sub.lanes.iter_mut().filter(|l| l.state == s.name) {
            lane.h = tallest + PADDING;
        }
        sizes.push((w, h));
        inner.push(Some(sub));
    }
    let start = states.len();
    let end = start + 1;
    sizes.push((MARKER, MARKER));
    sizes.push((MARKER, MARKER));
    let index = |name: &str| scope.states.get_index_of(name);
    let mut edges: Vec<(usize, usize)> = Vec::new();
    let mut meta: Vec<(EdgeKind, Option<String>, String)> = Vec::new();
    if let Some(s) = index(&scope.start_at) {
        edges.push((start, s));
        meta.push((EdgeKind::Start, None, format!("{}/StartAt", scope.pointer)));
    }
    for (i, s) in states.iter().enumerate() {
        if let Transition::Next(n) = &s.transition {
            if let Some(j) = index(n) {
                edges.push((i, j));
                meta.push((EdgeKind::Next, None, format!("{}/Next", s.pointer)));
            }
        }
        if let StateKind::Choice(c) = &s.kind {
            for (r, rule) in c.choices.iter().enumerate() {
                if let Some(j) = rule.next.as_deref().and_then(index) {
                    edges.push((i, j));
                    meta.push((EdgeKind::Choice, Some(rule_summary(rule)), format!("{}/Choices/{r}/Next", s.pointer)));
                }
            }
            if let Some(j) = c.default.as_deref().and_then(index) {
                edges.push((i, j));
                meta.push((EdgeKind::Default, Some("Default".into()), format!("{}/Default", s.pointer)));
            }
        }
        for (k, c) in s.catch.iter().enumerate() {
            if let Some(j) = c.next.as_deref().and_then(index) {
                edges.push((i, j));
                meta.push((EdgeKind::Catch, Some(format!("Catch: {}", c.error_equals.join(", "))), format!("{}/Catch/{k}/Next", s.pointer)));
            }
        }
        if s.is_terminal() {
            edges.push((i, end));
            meta.push((EdgeKind::End, None, s.pointer.clone()));
        }
    }
    let labelled = meta.iter().map(|(_, label, _)| label.is_some()).collect();
    let placed = layered::place(&layered::Graph { sizes: sizes.clone(), edges: edges.clone(), roots: vec![start], labelled });
    out.crossings += placed.crossings;
    let marker_id = |what: &str| if scope.pointer.is_empty() { format!("#{what}") } else { format!("#{what}:{}", scope.pointer) };
    let id_of = |v: usize| if v == start { marker_id("start") } else if v == end { marker_id("end") } else { states[v].name.clone() };
    for (v, &(px, py)) in placed.pos.iter().enumerate() {
        let (w, h) = sizes[v];
        let (nx, ny) = (x + px, y + py);
        let (kind, state_type, container) = if v == start {
            (BoxKind::Start, None, false)
        } else if v == end {
            (BoxKind::End, None, false)
        } else {
            (BoxKind::State, states[v].state_type.map(|t| t.as_str().to_owned()), inner[v].is_some())
        };
        out.nodes.push(NodeBox { id: id_of(v), kind, state_type, x: nx, y: ny, w, h, scope: scope.pointer.clone(), container });
        if let Some(Some(sub)) = inner.get(v) {
            for n in &sub.nodes {
                out.nodes.push(NodeBox { x: n.x + nx, y: n.y + ny, ..n.clone() });
            }
            for e in &sub.edges {
                out.edges.push(EdgeRoute { points: e.points.iter().map(|(a, b)| (a + nx, b + ny)).collect(), ..e.clone() });
            }
            for l in &sub.lanes {
                out.lanes.push(Lane { x: l.x + nx, y: l.y + ny, ..l.clone() });
            }
            out.crossings += sub.crossings;
        }
    }
    for (i, (&(a, b), (kind, label, pointer))) in edges.iter().zip(meta).enumerate() {
        out.edges.push(EdgeRoute {
            from: id_of(a),
            to: id_of(b),
            kind,
            label,
            points: placed.routes[i].iter().map(|(px, py)| (px + x, py + y)).collect(),
            back: placed.back[i],
            pointer,
            label_at: None,
        });
    }
    (placed.width, placed.height)
}

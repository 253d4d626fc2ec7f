//! One transition on the canvas: its route with rounded bends, an arrow head and its label.

use engine::layout::{EdgeKind, EdgeRoute};
use leptos::prelude::*;

use crate::store::Selection;

/// An SVG path through `points`, with the bends rounded off (radius at most `r`).
pub fn rounded_path(points: &[(f64, f64)], r: f64) -> String {
    let mut d = String::new();
    let Some(&(x0, y0)) = points.first() else { return d };
    d.push_str(&format!("M{x0:.1},{y0:.1}"));
    for i in 1..points.len() {
        let (x, y) = points[i];
        if let Some(&(nx, ny)) = points.get(i + 1) {
            let (px, py) = points[i - 1];
            let (a, b) = ((x - px).hypot(y - py), (nx - x).hypot(ny - y));
            let radius = r.min(a / 2.0).min(b / 2.0);
            if radius > 0.5 {
                let (sx, sy) = (x - (x - px) / a * radius, y - (y - py) / a * radius);
                let (ex, ey) = (x + (nx - x) / b * radius, y + (ny - y) / b * radius);
                d.push_str(&format!(" L{sx:.1},{sy:.1} Q{x:.1},{y:.1} {ex:.1},{ey:.1}"));
                continue;
            }
        }
        d.push_str(&format!(" L{x:.1},{y:.1}"));
    }
    d
}

/// A transition between two states (`data-testid="edge"`): Next, Default, a Choice rule or a Catch.
/// Loops are dashed; edges of the selected state are emphasised.
#[component]
pub fn EdgeView(edge: EdgeRoute, label_at: Option<(f64, f64)>) -> impl IntoView {
    let selection = expect_context::<Selection>();
    let (from, to) = (edge.from.clone(), edge.to.clone());
    let active = Signal::derive(move || selection.0.with(|s| s.as_deref().is_some_and(|n| n == from || n == to)));
    let kind = match edge.kind {
        EdgeKind::Choice => "choice",
        EdgeKind::Default => "default",
        EdgeKind::Catch => "catch",
        _ => "next",
    };
    let arrow = if edge.kind == EdgeKind::Catch { "url(#arrow-catch)" } else { "url(#arrow)" };
    let label = edge.label.clone().zip(label_at).map(|(text, (x, y))| {
        let (width, height) = engine::layout::label_box(&text);
        view! {
            <g class="edge-label">
                <rect x=x - 4.0 y=y - 9.0 width=width height=height rx="3"/>
                <text x=x y=y>{text}</text>
            </g>
        }
    });
    view! {
        <g
            data-testid="edge"
            data-from=edge.from.clone()
            data-to=edge.to.clone()
            data-kind=kind
            class=format!("edge {kind}")
            class:back=edge.back
            class:active=active
        >
            <path d=rounded_path(&edge.points, 8.0) marker-end=move || if active.get() { "url(#arrow-active)" } else { arrow }/>
            {label}
        </g>
    }
}

/// The line from a start marker to the first state, or from a terminal state to the end marker.
#[component]
pub fn MarkerEdge(edge: EdgeRoute) -> impl IntoView {
    view! {
        <g class="edge marker-edge" data-testid="marker-edge" data-from=edge.from.clone() data-to=edge.to.clone()>
            <path d=rounded_path(&edge.points, 8.0) marker-end="url(#arrow)"/>
        </g>
    }
}

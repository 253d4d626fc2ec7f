//! The graph canvas: the laid-out machine as SVG, with pan, zoom, fit-to-screen and selection.

use leptos::html::Div;
use leptos::prelude::*;

use super::edge::{EdgeView, MarkerEdge};
use super::state_node::{ContainerNode, Marker, StateNode};
use crate::hooks::use_pan_zoom::use_pan_zoom;
use crate::store::{Derived, Selection, View};
use engine::layout::{BoxKind, EdgeKind};

/// Space around the drawing inside the SVG's coordinate system.
pub const PAD: f64 = 24.0;

/// The SVG graph (`data-testid="canvas"`). Shows the newest graph without errors, fitted to the screen
/// whenever a document is opened; the user pans by dragging the background and zooms with the wheel.
#[component]
pub fn Canvas() -> impl IntoView {
    let derived = expect_context::<Derived>();
    let view = expect_context::<View>();
    let selection = expect_context::<Selection>();
    let viewport = NodeRef::<Div>::new();
    let pan_zoom = use_pan_zoom(viewport);
    let graph_size = move || {
        derived.shown_graph.with_untracked(|s| s.graph.as_ref().map(|g| (g.layout.width + 2.0 * PAD, g.layout.height + 2.0 * PAD)))
    };
    // Fit when a document is opened, when asked to, and once the viewport has its size; never because of
    // an edit (the user's zoom and pan stay).
    let drawn = Memo::new(move |_| derived.shown_graph.with(|s| (s.generation, s.graph.is_some())));
    Effect::new(move |_| {
        view.fit_requests.track();
        // Read, not just tracked: a memo nobody has read has no sources yet, so it would never change.
        drawn.with(|_| ());
        if viewport.get().is_some() {
            if let Some((w, h)) = graph_size() {
                pan_zoom.fit(w, h);
            }
        }
    });
    let press_origin = RwSignal::new((0.0, 0.0));

    let graph = move || {
        derived.shown_graph.get().graph.map(|graph| {
            let layout = &graph.layout;
            let containers = layout
                .nodes
                .iter()
                .filter(|n| n.container)
                .map(|n| {
                    let lanes: Vec<_> = layout.lanes.iter().filter(|l| l.state == n.id).cloned().collect();
                    view! { <ContainerNode node=n.clone() lanes=lanes/> }
                })
                .collect_view();
            let edges = layout
                .edges
                .iter()
                .map(|e| match e.kind {
                    EdgeKind::Start | EdgeKind::End => view! { <MarkerEdge edge=e.clone()/> }.into_any(),
                    _ => view! { <EdgeView edge=e.clone() label_at=e.label_at/> }.into_any(),
                })
                .collect_view();
            let nodes = layout
                .nodes
                .iter()
                .filter(|n| !n.container)
                .map(|n| match n.kind {
                    BoxKind::Start | BoxKind::End => view! { <Marker node=n.clone()/> }.into_any(),
                    BoxKind::State => {
                        let subtitle = graph.subtitles.get(&n.id).cloned().unwrap_or_default();
                        let comment = graph.comments.get(&n.id).cloned();
                        view! { <StateNode node=n.clone() subtitle=subtitle comment=comment/> }.into_any()
                    }
                })
                .collect_view();
            view! {
                <g class="containers">{containers}</g>
                <g class="edges">{edges}</g>
                <g class="nodes">{nodes}</g>
            }
        })
    };

    view! {
        <div
            class="viewport"
            class:panning=move || pan_zoom.dragging()
            node_ref=viewport
            on:pointerdown=move |ev| {
                press_origin.set((ev.client_x() as f64, ev.client_y() as f64));
                pan_zoom.pointer_down(&ev);
            }
            on:pointermove=move |ev| pan_zoom.pointer_move(&ev)
            on:pointerup=move |ev| {
                let was_panning = pan_zoom.dragging();
                pan_zoom.pointer_up();
                // A click on the drawing's background (not the end of a pan, not a button) clears the selection.
                let (x0, y0) = press_origin.get_untracked();
                let still = (ev.client_x() as f64 - x0).abs() + (ev.client_y() as f64 - y0).abs() < 4.0;
                if was_panning && still && ev.button() == 0 {
                    selection.0.set(None);
                }
            }
            on:pointercancel=move |_| pan_zoom.pointer_up()
            on:lostpointercapture=move |_| pan_zoom.pointer_up()
        >
            <svg data-testid="canvas" class="canvas" role="img" aria-label="State machine graph">
                <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" class="arrow-head"/>
                    </marker>
                    <marker id="arrow-catch" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" class="arrow-head catch"/>
                    </marker>
                    <marker id="arrow-active" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0,0 L10,5 L0,10 z" class="arrow-head active"/>
                    </marker>
                </defs>
                <g transform=move || pan_zoom.transform.get().css()>
                    <g transform=format!("translate({PAD} {PAD})")>{graph}</g>
                </g>
            </svg>
            <Show when=move || derived.shown_graph.with(|s| s.graph.is_none())>
                <div class="canvas-empty" data-testid="canvas-empty">
                    "Nothing to draw yet: the text is not a state machine. Fix the problems listed on the right, or open an example."
                </div>
            </Show>
            <div class="canvas-controls" role="toolbar" aria-label="Zoom">
                <button title="Zoom in" data-testid="zoom-in" on:click=move |_| pan_zoom.zoom_centre(1.25)>"+"</button>
                <button title="Zoom out" data-testid="zoom-out" on:click=move |_| pan_zoom.zoom_centre(0.8)>"−"</button>
                <button title="Fit to screen" data-testid="zoom-fit" on:click=move |_| view.request_fit()>"Fit"</button>
                <span class="zoom-level" data-testid="zoom-level">{move || format!("{:.0} %", pan_zoom.transform.get().k * 100.0)}</span>
            </div>
        </div>
    }
}

//! The example gallery: ready workflows with a thumbnail of their graph and a paragraph on what they show.

use leptos::prelude::*;

use super::import_dialog::Opener;
use super::modal::Modal;
use crate::examples::{Example, EXAMPLES};
use crate::store::analyse;

/// Whether the gallery is open.
#[derive(Clone, Copy)]
pub struct GalleryOpen(pub RwSignal<bool>);

/// A small drawing of an example's graph: boxes and routes only.
fn thumbnail(example: &Example) -> impl IntoView {
    let snapshot = analyse(example.text, example.machine.map(str::to_owned));
    let Some(graph) = snapshot.graph else { return view! { <svg class="thumb"></svg> }.into_any() };
    let layout = &graph.layout;
    let view_box = format!("-8 -8 {} {}", layout.width + 16.0, layout.height + 16.0);
    let boxes = layout
        .nodes
        .iter()
        .map(|n| {
            let class = format!("{} {}", super::state_node::type_class(n.state_type.as_deref()), if n.container { "container" } else { "" });
            view! { <rect class=class x=n.x y=n.y width=n.w height=n.h rx=if n.container { 10 } else { 6 }/> }
        })
        .collect_view();
    let routes = layout
        .edges
        .iter()
        .map(|e| view! { <path d=super::edge::rounded_path(&e.points, 6.0)/> })
        .collect_view();
    view! {
        <svg class="thumb" viewBox=view_box preserveAspectRatio="xMidYMid meet" aria-hidden="true">
            <g class="thumb-edges">{routes}</g>
            <g class="thumb-nodes">{boxes}</g>
        </svg>
    }
    .into_any()
}

/// The gallery dialog (`data-testid="gallery"`) with one card per example (`data-testid="example"`,
/// `data-example="<id>"`); choosing one opens it (the previous document can be restored with Undo).
#[component]
pub fn Gallery() -> impl IntoView {
    let open = expect_context::<GalleryOpen>();
    let opener = Opener::from_context();
    let choose = move |example: &'static Example| {
        opener.open_example(example);
        open.0.set(false);
    };
    let cards = move || {
        EXAMPLES
            .iter()
            .map(|example| {
                view! {
                    <li>
                        <button class="card" data-testid="example" data-example=example.id on:click=move |_| choose(example)>
                            {thumbnail(example)}
                            <span class="card-text">
                                <span class="card-title">{example.title}</span>
                                <span class="card-description">{example.description}</span>
                            </span>
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <Modal open=open.0 title="Examples" class="gallery" testid="gallery">
            <ul class="cards">{cards}</ul>
        </Modal>
    }
}

//! One state on the canvas: a box styled by its type with an icon, its name and its service; containers
//! (Parallel, Map) as titled frames holding their lanes; start and end markers.

use engine::layout::{BoxKind, Lane, NodeBox};
use leptos::prelude::*;

use crate::store::Selection;

/// Box names longer than this are cut with an ellipsis (the full name is in the tooltip).
const NAME_CHARS: usize = 18;
const SUBTITLE_CHARS: usize = 24;

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

/// The CSS class of a state type (`type-task`, …; `type-unknown` when the type is missing or wrong).
pub fn type_class(state_type: Option<&str>) -> String {
    format!("type-{}", state_type.unwrap_or("unknown").to_ascii_lowercase())
}

/// A 16×16 glyph per state type, drawn with plain shapes so that no icon font is needed.
fn icon(state_type: Option<&str>) -> impl IntoView {
    let d = match state_type {
        Some("Task") => "M3 4h10v8H3z M5 7h6 M5 9.5h4",
        Some("Choice") => "M8 1.5 14.5 8 8 14.5 1.5 8z",
        Some("Parallel") => "M4 2v12 M8 2v12 M12 2v12",
        Some("Map") => "M2 2h5v5H2z M9 2h5v5H9z M2 9h5v5H2z M9 9h5v5H9z",
        Some("Wait") => "M8 1.8a6.2 6.2 0 1 0 0.01 0z M8 4.5V8l2.6 1.8",
        Some("Pass") => "M2 8h10 M9 4.5 12.5 8 9 11.5",
        Some("Succeed") => "M2.5 8.5 6.2 12 13.5 4",
        Some("Fail") => "M3.5 3.5l9 9 M12.5 3.5l-9 9",
        _ => "M5 6a3 3 0 1 1 4.2 2.7C8.4 9.1 8 9.6 8 10.5 M8 12.5v1",
    };
    view! { <path class="icon" d=d/> }
}

/// Whether the state is the selected one, and a function that selects it (click, Enter or Space).
fn selection_of(name: &str) -> (impl Fn() -> bool + Copy + 'static, impl Fn() + Copy + 'static) {
    let selection = expect_context::<Selection>();
    let name = StoredValue::new(name.to_owned());
    let selected = move || selection.0.with(|s| name.with_value(|n| s.as_deref() == Some(n.as_str())));
    let select = move || selection.0.set(Some(name.get_value()));
    (selected, select)
}

fn on_key(select: impl Fn() + Copy + 'static) -> impl Fn(web_sys::KeyboardEvent) + 'static {
    move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Enter" || ev.key() == " " {
            ev.prevent_default();
            select();
        }
    }
}

/// A state's box (`data-testid="state-node"`).
#[component]
pub fn StateNode(node: NodeBox, subtitle: String, comment: Option<String>) -> impl IntoView {
    let (selected, select) = selection_of(&node.id);
    let tooltip = match &comment {
        Some(c) => format!("{} ({})\n{c}", node.id, subtitle),
        None => format!("{} ({})", node.id, subtitle),
    };
    let class = format!("state-node {}", type_class(node.state_type.as_deref()));
    let (cx, name_y, sub_y) = (node.x + node.w / 2.0 + 8.0, node.y + node.h / 2.0 - 3.0, node.y + node.h / 2.0 + 12.0);
    view! {
        <g
            data-testid="state-node"
            data-state=node.id.clone()
            data-state-type=node.state_type.clone().unwrap_or_else(|| "Unknown".into())
            class=class
            class:selected=selected
            on:click=move |_| select()
            on:keydown=on_key(select)
            tabindex="0"
            role="button"
            aria-label=format!("{} ({})", node.id, subtitle)
        >
            <title>{tooltip}</title>
            <rect class="box" x=node.x y=node.y width=node.w height=node.h rx="8"/>
            <g class="glyph" transform=format!("translate({} {})", node.x + 10.0, node.y + node.h / 2.0 - 8.0)>{icon(node.state_type.as_deref())}</g>
            <text class="name" x=cx y=name_y text-anchor="middle">{shorten(&node.id, NAME_CHARS)}</text>
            <text class="subtitle" x=cx y=sub_y text-anchor="middle">{shorten(&subtitle, SUBTITLE_CHARS)}</text>
        </g>
    }
}

/// A Parallel or Map state drawn as a frame around its branches or item processor (`data-testid="state-node"`).
#[component]
pub fn ContainerNode(node: NodeBox, lanes: Vec<Lane>) -> impl IntoView {
    let (selected, select) = selection_of(&node.id);
    let state_type = node.state_type.clone().unwrap_or_else(|| "Unknown".into());
    let class = format!("state-node container {}", type_class(node.state_type.as_deref()));
    let lanes = lanes
        .into_iter()
        .map(|l| {
            view! {
                <g class="lane">
                    <rect x=l.x y=l.y width=l.w height=l.h rx="6"/>
                    <text x=l.x + 8.0 y=l.y + 13.0>{l.label}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <g data-testid="state-node" data-state=node.id.clone() data-state-type=state_type.clone() class=class class:selected=selected>
            <title>{format!("{} ({state_type})", node.id)}</title>
            <rect class="box" x=node.x y=node.y width=node.w height=node.h rx="10"/>
            <g class="title" on:click=move |_| select() on:keydown=on_key(select) tabindex="0" role="button" aria-label=format!("{} ({state_type})", node.id)>
                <rect class="title-hit" x=node.x y=node.y width=node.w height="28"/>
                <g class="glyph" transform=format!("translate({} {})", node.x + 10.0, node.y + 6.0)>{icon(node.state_type.as_deref())}</g>
                <text class="name" x=node.x + 32.0 y=node.y + 19.0>{shorten(&node.id, NAME_CHARS + 8)}</text>
                <text class="kind" x=node.x + node.w - 10.0 y=node.y + 19.0 text-anchor="end">{state_type.clone()}</text>
            </g>
            <g class="lanes">{lanes}</g>
        </g>
    }
}

/// The start (filled) or end (ringed) marker of a scope.
#[component]
pub fn Marker(node: NodeBox) -> impl IntoView {
    let (cx, cy, r) = (node.x + node.w / 2.0, node.y + node.h / 2.0, node.w / 2.0);
    let is_end = node.kind == BoxKind::End;
    view! {
        <g class=if is_end { "marker end" } else { "marker start"} data-testid=if is_end { "end-marker" } else { "start-marker" }>
            <circle cx=cx cy=cy r=r/>
            {is_end.then(|| view! { <circle class="dot" cx=cx cy=cy r=r * 0.5/> })}
        </g>
    }
}

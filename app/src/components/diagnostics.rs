//! The list of problems found in the definition, each with its place; clicking one shows it in the text.

use engine::Severity;
use leptos::prelude::*;

use super::code_view::Reveal;
use crate::store::Derived;

/// Every diagnostic (`data-testid="diagnostic"`, `data-code`), errors and warnings, in text order.
#[component]
pub fn Diagnostics() -> impl IntoView {
    let derived = expect_context::<Derived>();
    let reveal = expect_context::<Reveal>();
    let counts = move || {
        derived.snapshot.with(|s| {
            let errors = s.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
            (errors, s.diagnostics.len() - errors)
        })
    };
    // Asks the code view to show a place (a counter makes asking twice for the same place work).
    let show = move |range: Option<(usize, usize)>| {
        if let Some((s, e)) = range {
            reveal.0.update(|r| {
                let n = r.map_or(0, |(_, _, n)| n + 1);
                *r = Some((s, e, n));
            });
        }
    };
    let items = move || {
        derived
            .snapshot
            .get()
            .diagnostics
            .iter()
            .map(|d| {
                let place = d.range.map(|r| format!("{}:{}", r.start.line, r.start.column)).unwrap_or_else(|| "—".into());
                let range = d.range.map(|r| (r.start.offset, r.end.offset));
                let severity = if d.severity == Severity::Error { "error" } else { "warning" };
                let pointer = if d.pointer.is_empty() { "(document)".to_owned() } else { d.pointer.clone() };
                let pointer_text = pointer.clone();
                view! {
                    <li
                        data-testid="diagnostic"
                        data-code=d.code
                        data-severity=severity
                        data-line=d.range.map(|r| r.start.line)
                        class=format!("diagnostic {severity}")
                        title=pointer
                        tabindex="0"
                        on:click=move |_| show(range)
                        on:keydown=move |ev| if ev.key() == "Enter" { show(range) }
                    >
                        <span class="where">{place}</span>
                        <span class="code">{d.code}</span>
                        <span class="message">{d.message.clone()}</span>
                        <span class="pointer">{pointer_text}</span>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div class="diagnostics" data-testid="diagnostics">
            <div class="pane-header">
                <span>"Problems"</span>
                <span class="counts" data-testid="diagnostic-counts">
                    {move || {
                        let (errors, warnings) = counts();
                        match (errors, warnings) {
                            (0, 0) => "No problems: the definition is valid".to_owned(),
                            _ => format!("{errors} error{} · {warnings} warning{}", if errors == 1 { "" } else { "s" }, if warnings == 1 { "" } else { "s" }),
                        }
                    }}
                </span>
            </div>
            <ul>{items}</ul>
        </div>
    }
}

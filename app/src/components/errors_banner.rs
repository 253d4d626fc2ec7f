//! The banner over the graph while the text has errors.

use leptos::prelude::*;

use crate::store::Derived;

/// Says the definition has errors (`data-testid="definition-errors"`), and whether the graph shown is the
/// last valid one rather than the current text.
#[component]
pub fn ErrorsBanner() -> impl IntoView {
    let derived = expect_context::<Derived>();
    let errors = move || derived.snapshot.with(|s| s.diagnostics.iter().filter(|d| d.is_error()).count());
    view! {
        <Show when=move || { errors() > 0 }>
            <div class="errors-banner" data-testid="definition-errors" role="alert">
                <strong>{move || format!("The definition has {} error{}.", errors(), if errors() == 1 { "" } else { "s" })}</strong>
                " "
                {move || {
                    let shown = derived.shown_graph.get();
                    if shown.stale {
                        "The graph shows the last valid version until they are fixed."
                    } else if shown.graph.is_some() {
                        "The graph shows what could be read."
                    } else {
                        "There is nothing to draw yet."
                    }
                }}
            </div>
        </Show>
    }
}

//! The state machine picker for templates that hold several.

use leptos::prelude::*;

use crate::store::{Derived, Document, Selection};

/// Shown when the document is a CloudFormation/SAM template with more than one state machine
/// (`data-testid="machine-picker"`, a select of logical ids).
#[component]
pub fn MachinePicker() -> impl IntoView {
    let document = expect_context::<Document>();
    let derived = expect_context::<Derived>();
    let selection = expect_context::<Selection>();
    let machines = move || derived.snapshot.with(|s| s.template_machines.clone());
    let current = move || derived.snapshot.with(|s| s.selected_machine.clone()).unwrap_or_default();
    view! {
        <Show when=move || { machines().len() > 1 }>
            <label class="machine-picker">
                "State machine "
                <select
                    data-testid="machine-picker"
                    prop:value=current
                    on:change=move |ev| {
                        let id = event_target_value(&ev);
                        document.machine.set(Some(id));
                        document.generation.update(|g| *g += 1);
                        selection.0.set(None);
                    }
                >
                    {move || machines().into_iter().map(|id| {
                        let selected = id == current();
                        view! { <option value=id.clone() selected=selected>{id.clone()}</option> }
                    }).collect_view()}
                </select>
            </label>
        </Show>
    }
}

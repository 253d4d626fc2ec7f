//! A dialog over the page: a title, a close button, its content; a click beside it or Escape closes it.

use leptos::prelude::*;

/// Shows `children` in a dialog while `open` is set (`data-testid` = `testid`, extra CSS class `class`).
/// Escape is handled page-wide by `use_escape_key`.
#[component]
pub fn Modal(open: RwSignal<bool>, title: &'static str, class: &'static str, testid: &'static str, children: ChildrenFn) -> impl IntoView {
    let children = StoredValue::new(children);
    view! {
        <Show when=move || open.get()>
            <div class="modal-backdrop" on:click=move |_| open.set(false)>
                <div
                    class=format!("modal {class}")
                    data-testid=testid
                    role="dialog"
                    aria-modal="true"
                    aria-label=title
                    on:click=|ev| ev.stop_propagation()
                >
                    <div class="modal-header">
                        <h2>{title}</h2>
                        <button class="close" aria-label="Close" on:click=move |_| open.set(false)>"×"</button>
                    </div>
                    {children.with_value(|children| children())}
                </div>
            </div>
        </Show>
    }
}

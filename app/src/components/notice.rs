//! A short-lived message at the bottom of the page, with an Undo when a document was replaced.

use leptos::prelude::*;

use crate::store::{Document, Notice, Selection, View};

/// Shows the current notice (`data-testid="notice"`); "Undo" reopens the document that was replaced.
#[component]
pub fn NoticeToast() -> impl IntoView {
    let notice = expect_context::<Notice>();
    let document = expect_context::<Document>();
    let (view_ctx, selection) = (expect_context::<View>(), expect_context::<Selection>());
    // A notice goes away by itself after a while (a newer one keeps its own time).
    Effect::new(move |_| {
        if let Some(message) = notice.0.get() {
            set_timeout(
                move || {
                    if notice.0.get_untracked().as_deref() == Some(message.as_str()) {
                        notice.0.set(None);
                    }
                },
                std::time::Duration::from_secs(12),
            );
        }
    });
    view! {
        <Show when=move || notice.0.with(Option::is_some)>
            <div class="notice" data-testid="notice" role="status">
                <span>{move || notice.0.get().unwrap_or_default()}</span>
                <Show when=move || document.previous.with(Option::is_some)>
                    <button data-testid="undo-open" on:click=move |_| {
                        if let Some((text, name, machine)) = document.previous.get_untracked() {
                            document.open(text, name, machine, &view_ctx, &selection);
                            document.previous.set(None);
                        }
                        notice.0.set(None);
                    }>"Undo"</button>
                </Show>
                <button class="close" aria-label="Dismiss" on:click=move |_| notice.0.set(None)>"×"</button>
            </div>
        </Show>
    }
}

//! A short-lived message at the bottom of the page, with Undo after a document was replaced.

use leptos::prelude::*;

use crate::store::{Document, Notice, Selection};

/// Plain messages go after this long; messages that offer Undo stay until dismissed or replaced.
const PLAIN_SECONDS: u64 = 8;

/// Shows the current notice (`data-testid="notice"`); "Undo" (`undo-open`) swaps back the document that
/// was replaced, and offers to swap again.
#[component]
pub fn NoticeToast() -> impl IntoView {
    let notice = expect_context::<Notice>();
    let document = expect_context::<Document>();
    let selection = expect_context::<Selection>();
    Effect::new(move |_| {
        let Some(message) = notice.0.get() else { return };
        if message.undo {
            return;
        }
        set_timeout(
            move || {
                if notice.0.with_untracked(|m| m.as_ref().map(|m| m.id)) == Some(message.id) {
                    notice.0.set(None);
                }
            },
            std::time::Duration::from_secs(PLAIN_SECONDS),
        );
    });
    let undo = move |_| {
        document.undo_open(&selection);
        let name = document.file_name.get_untracked();
        notice.opened(format!("Reopened {name}"), &document);
    };
    view! {
        <Show when=move || notice.0.with(Option::is_some)>
            <div class="notice" data-testid="notice" role="status">
                <span>{move || notice.0.get().map(|m| m.text).unwrap_or_default()}</span>
                <Show when=move || notice.0.with(|m| m.as_ref().is_some_and(|m| m.undo))>
                    <button data-testid="undo-open" on:click=undo>"Undo"</button>
                </Show>
                <button class="close" aria-label="Dismiss" on:click=move |_| notice.0.set(None)>"×"</button>
            </div>
        </Show>
    }
}

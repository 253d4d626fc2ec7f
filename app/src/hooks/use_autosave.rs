//! Autosave: the document is written to `localStorage` on every change and read back on the next visit.

use leptos::prelude::*;
use serde_json::json;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::store::{Document, Notice};

const KEY: &str = "asl-studio.document.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// How long typing must pause before the document is written (writing is synchronous in the browser).
const DELAY_MS: u64 = 400;

/// Keeps the autosave in step with the document, a moment after the last change, and at once when the
/// page is left (so that a reload or a closed tab right after typing loses nothing).
pub fn use_autosave() {
    let document = expect_context::<Document>();
    let notice = expect_context::<Notice>();
    let changes = StoredValue::new(0u64);
    let saved_change = StoredValue::new(0u64);
    let warned = StoredValue::new(false);
    let save_now = move || {
        if saved_change.get_value() == changes.get_value() {
            return;
        }
        saved_change.set_value(changes.get_value());
        let saved = json!({
            "text": document.text.get_untracked(),
            "fileName": document.file_name.get_untracked(),
            "machine": document.machine.get_untracked(),
        });
        // A full or disabled storage (private windows) means no autosave: say so once, keep working.
        let stored = storage().is_some_and(|s| s.set_item(KEY, &saved.to_string()).is_ok());
        if !stored && !warned.get_value() {
            warned.set_value(true);
            notice.say("This browser does not let the page save your work; export it before you leave");
        }
    };
    Effect::new(move |first: Option<()>| {
        document.text.track();
        document.file_name.track();
        document.machine.track();
        if first.is_none() {
            return;
        }
        changes.update_value(|n| *n += 1);
        let this_change = changes.get_value();
        set_timeout(
            move || {
                if changes.get_value() == this_change {
                    save_now();
                }
            },
            std::time::Duration::from_millis(DELAY_MS),
        );
    });
    if let Some(window) = web_sys::window() {
        let on_leave = Closure::<dyn Fn()>::new(save_now);
        let _ = window.add_event_listener_with_callback("pagehide", on_leave.as_ref().unchecked_ref());
        let _ = window.add_event_listener_with_callback("beforeunload", on_leave.as_ref().unchecked_ref());
        on_leave.forget();
    }
}

/// The autosaved document, if there is one: text, file name, template machine.
pub fn restore_autosave() -> Option<(String, String, Option<String>)> {
    let raw = storage()?.get_item(KEY).ok()??;
    let saved: serde_json::Value = serde_json::from_str(&raw).ok()?;
    let text = crate::store::normalize_line_ends(saved.get("text")?.as_str()?.to_owned());
    let file_name = saved.get("fileName").and_then(|v| v.as_str()).unwrap_or("definition.asl.json").to_owned();
    let machine = saved.get("machine").and_then(|v| v.as_str()).map(str::to_owned);
    Some((text, file_name, machine))
}

//! Autosave: the document is written to `localStorage` on every change and read back on the next visit.

use leptos::prelude::*;
use serde_json::json;

use crate::store::Document;

const KEY: &str = "asl-studio.document.v1";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Keeps the autosave in step with the document.
pub fn use_autosave() {
    let document = expect_context::<Document>();
    Effect::new(move |_| {
        let saved = json!({
            "text": *document.text.read(),
            "fileName": document.file_name.get(),
            "machine": document.machine.get(),
        });
        // A full or disabled storage (private windows) only means no autosave; the page goes on working.
        if let Some(storage) = storage() {
            let _ = storage.set_item(KEY, &saved.to_string());
        }
    });
}

/// The autosaved document, if there is one: text, file name, template machine.
pub fn restore_autosave() -> Option<(String, String, Option<String>)> {
    let raw = storage()?.get_item(KEY).ok()??;
    let saved: serde_json::Value = serde_json::from_str(&raw).ok()?;
    let text = saved.get("text")?.as_str()?.to_owned();
    let file_name = saved.get("fileName").and_then(|v| v.as_str()).unwrap_or("definition.asl.json").to_owned();
    let machine = saved.get("machine").and_then(|v| v.as_str()).map(str::to_owned);
    Some((text, file_name, machine))
}

//! Drag and drop of files anywhere on the page: the first dropped file is opened as the document.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::components::import_dialog::Opener;

/// Listens for files dragged over the window; returns whether a drag is in progress (for the overlay).
pub fn use_file_drop() -> RwSignal<bool> {
    let dropping = RwSignal::new(false);
    let opener = Opener::from_context();
    let Some(window) = web_sys::window() else { return dropping };
    let is_file_drag = |event: &web_sys::DragEvent| {
        event.data_transfer().is_some_and(|dt| dt.types().iter().any(|t| t.as_string().as_deref() == Some("Files")))
    };
    let over = Closure::<dyn Fn(web_sys::DragEvent)>::new(move |event: web_sys::DragEvent| {
        if is_file_drag(&event) {
            // Without preventDefault the browser would navigate to the dropped file.
            event.prevent_default();
            dropping.set(true);
        }
    });
    let leave = Closure::<dyn Fn(web_sys::DragEvent)>::new(move |event: web_sys::DragEvent| {
        // `relatedTarget` is null only when the pointer leaves the window itself.
        if event.related_target().is_none() {
            dropping.set(false);
        }
    });
    let drop = Closure::<dyn Fn(web_sys::DragEvent)>::new(move |event: web_sys::DragEvent| {
        dropping.set(false);
        let file = event.data_transfer().and_then(|dt| dt.files()).and_then(|files| files.get(0));
        if let Some(file) = file {
            event.prevent_default();
            opener.open_file(file);
        }
    });
    for (name, listener) in [("dragover", &over), ("dragleave", &leave), ("drop", &drop)] {
        let _ = window.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
    }
    // The page lives as long as the app: the listeners are never removed.
    over.forget();
    leave.forget();
    drop.forget();
    dropping
}

//! Escape closes what is open — dialogs, menus — and otherwise clears the selection; a click elsewhere
//! closes a menu.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::components::gallery::GalleryOpen;
use crate::components::import_dialog::ImportOpen;
use crate::store::Selection;

/// Listens for Escape on the whole page.
pub fn use_escape_key() {
    let (gallery, import, selection) = (expect_context::<GalleryOpen>(), expect_context::<ImportOpen>(), expect_context::<Selection>());
    let Some(window) = web_sys::window() else { return };
    let listener = Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |event: web_sys::KeyboardEvent| {
        if event.key() != "Escape" {
            return;
        }
        let document = web_sys::window().and_then(|w| w.document());
        let open_menu = document.as_ref().and_then(|d| d.query_selector("details[open]").ok().flatten());
        if gallery.0.get_untracked() || import.0.get_untracked() {
            gallery.0.set(false);
            import.0.set(false);
        } else if let Some(menu) = open_menu {
            let _ = menu.remove_attribute("open");
        } else {
            // In the editor, Escape belongs to the editor (it lets Tab leave it).
            let in_editor = document.and_then(|d| d.active_element()).is_some_and(|el| el.tag_name() == "TEXTAREA");
            if !in_editor {
                selection.0.set(None);
            }
        }
    });
    let _ = window.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
    listener.forget();
    // A menu also closes when the user clicks anywhere else.
    let outside = Closure::<dyn Fn(web_sys::PointerEvent)>::new(move |event: web_sys::PointerEvent| {
        let Some(menu) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector("details[open]").ok().flatten()) else { return };
        let inside = event.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()).is_some_and(|node| menu.contains(Some(&node)));
        if !inside {
            let _ = menu.remove_attribute("open");
        }
    });
    let _ = window.add_event_listener_with_callback("pointerdown", outside.as_ref().unchecked_ref());
    outside.forget();
}

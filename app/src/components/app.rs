//! The root component: builds the store and lays out the panels.

use leptos::prelude::*;

use super::canvas::Canvas;
use super::code_view::CodeView;
use super::diagnostics::Diagnostics;
use super::errors_banner::ErrorsBanner;
use super::gallery::{Gallery, GalleryOpen};
use super::import_dialog::{ImportDialog, ImportOpen, Opener};
use super::notice::NoticeToast;
use super::toolbar::Toolbar;
use crate::hooks::use_autosave::{restore_autosave, use_autosave};
use crate::hooks::use_escape_key::use_escape_key;
use crate::store::{Notice, SavedDocument};
use crate::hooks::use_file_drop::use_file_drop;
use crate::store::provide_store;

/// The whole page: toolbar, graph on the left, code and diagnostics on the right.
///
/// The first visit opens the default example (or the one named by `#example=<id>` in the address);
/// later visits reopen the autosaved document, so a reload never loses work.
#[component]
pub fn App() -> impl IntoView {
    let (first, kept) = initial_document();
    let (document, _) = provide_store(first.0, first.1, first.2);
    provide_context(GalleryOpen(RwSignal::new(false)));
    provide_context(ImportOpen(RwSignal::new(false)));
    // An example named in the address never overwrites autosaved work: that work waits behind Undo.
    if let Some(saved) = kept {
        document.previous.set(Some(saved));
        expect_context::<Notice>().opened("Opened the example from the address; Undo returns to your saved work", &document);
    }
    use_autosave();
    use_escape_key();
    use_example_links();
    let dropping = use_file_drop();

    view! {
        <div class="app" class:dropping=move || dropping.get()>
            <Toolbar/>
            <main class="workspace">
                <section class="graph-pane">
                    <ErrorsBanner/>
                    <Canvas/>
                </section>
                <section class="code-pane">
                    <CodeView/>
                    <Diagnostics/>
                </section>
            </main>
            <Gallery/>
            <ImportDialog/>
            <NoticeToast/>
            <div class="drop-hint" data-testid="drop-hint">"Drop an ASL JSON/YAML file or a SAM/CloudFormation template to open it"</div>
        </div>
    }
}

/// The document to start with: an example named in the address (`#example=<id>`), else the autosave,
/// else the default example. The second value is autosaved work that the named example replaced.
fn initial_document() -> (SavedDocument, Option<SavedDocument>) {
    let named = crate::examples::take_from_address();
    let saved = restore_autosave();
    let Some(example) = named.or_else(|| if saved.is_some() { None } else { crate::examples::default_example() }) else {
        return (saved.unwrap_or_else(|| (String::new(), "definition.asl.json".to_owned(), None)), None);
    };
    let opened = example.document();
    let kept = saved.filter(|s| named.is_some() && s.0.trim() != opened.0.trim() && !s.0.trim().is_empty());
    (opened, kept)
}

/// Opens the example named when the address changes to `#example=<id>` (a link followed in the same tab).
fn use_example_links() {
    use wasm_bindgen::JsCast;
    let opener = Opener::from_context();
    let Some(window) = web_sys::window() else { return };
    let listener = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        if let Some(example) = crate::examples::take_from_address() {
            opener.open_example(example);
        }
    });
    let _ = window.add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
    listener.forget();
}


//! The root component: builds the store and lays out the panels.

use leptos::prelude::*;

use super::canvas::Canvas;
use super::code_view::CodeView;
use super::diagnostics::Diagnostics;
use super::errors_banner::ErrorsBanner;
use super::gallery::{Gallery, GalleryOpen};
use super::import_dialog::{ImportDialog, ImportOpen};
use super::notice::NoticeToast;
use super::toolbar::Toolbar;
use crate::hooks::use_autosave::{restore_autosave, use_autosave};
use crate::hooks::use_file_drop::use_file_drop;
use crate::store::provide_store;

/// The whole page: toolbar, graph on the left, code and diagnostics on the right.
///
/// The first visit opens the default example (or the one named by `#example=<id>` in the address);
/// later visits reopen the autosaved document, so a reload never loses work.
#[component]
pub fn App() -> impl IntoView {
    let (text, file_name, machine) = initial_document();
    provide_store(text, file_name, machine);
    provide_context(GalleryOpen(RwSignal::new(false)));
    provide_context(ImportOpen(RwSignal::new(false)));
    use_autosave();
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

/// The document to start with: an example named in the address, else the autosave, else the default example.
fn initial_document() -> (String, String, Option<String>) {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    let named = hash.strip_prefix("#example=").and_then(crate::examples::find);
    if named.is_none() {
        if let Some(saved) = restore_autosave() {
            return saved;
        }
    }
    match named.or_else(crate::examples::default_example) {
        Some(example) => (example.text.to_owned(), example_file_name(example), example.machine.map(str::to_owned)),
        None => (String::new(), "definition.asl.json".to_owned(), None),
    }
}

/// The name an example is exported under, e.g. `order-fulfilment.asl.json`.
pub fn example_file_name(example: &crate::examples::Example) -> String {
    match example.file {
        "definition.asl.json" => format!("{}.asl.json", example.id),
        other => format!("{}-{other}", example.id),
    }
}

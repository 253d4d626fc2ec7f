//! The bar at the top: the product name and the document commands.

use leptos::prelude::*;

use super::export_menu::ExportMenu;
use super::gallery::GalleryOpen;
use super::import_dialog::ImportOpen;
use super::machine_picker::MachinePicker;

/// Examples, Import, Export, and the machine picker for templates.
#[component]
pub fn Toolbar() -> impl IntoView {
    let gallery = expect_context::<GalleryOpen>();
    let import = expect_context::<ImportOpen>();
    view! {
        <header class="toolbar">
            <div class="brand">
                <svg class="logo" viewBox="0 0 24 24" aria-hidden="true">
                    <rect x="3" y="2" width="10" height="6" rx="2"/>
                    <rect x="11" y="16" width="10" height="6" rx="2"/>
                    <path d="M8 8v5h8v3"/>
                </svg>
                <span>"ASL Studio"</span>
            </div>
            <button data-testid="open-examples" on:click=move |_| gallery.0.set(true)>"Examples"</button>
            <button data-testid="open-import" on:click=move |_| import.0.set(true)>"Import"</button>
            <ExportMenu/>
            <MachinePicker/>
            <span class="spacer"></span>
            <span class="tagline">"Design and simulate AWS Step Functions, in your browser"</span>
        </header>
    }
}

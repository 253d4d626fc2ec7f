//! Export: the definition as JSON or YAML, the graph as SVG or PNG.

use leptos::prelude::*;

use crate::export::{download_png, download_text};
use crate::store::{Derived, Document, Notice};

/// The file name without its extensions (`orders.asl.json` → `orders`).
pub fn base_name(file_name: &str) -> String {
    let mut name = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name).to_owned();
    for ext in [".json", ".yaml", ".yml", ".asl", ".template"] {
        if name.to_ascii_lowercase().ends_with(ext) {
            name.truncate(name.len() - ext.len());
        }
    }
    if name.is_empty() { "state-machine".to_owned() } else { name }
}

/// The Export menu (`data-testid="export-json"`, `export-yaml`, `export-svg`, `export-png`).
#[component]
pub fn ExportMenu() -> impl IntoView {
    let document = expect_context::<Document>();
    let derived = expect_context::<Derived>();
    let notice = expect_context::<Notice>();
    let report = move |result: Result<String, String>| match result {
        Ok(message) => notice.say(message),
        Err(problem) => notice.say(format!("Export failed: {problem}")),
    };
    let definition_text = move |yaml: bool| -> Result<(String, String), String> {
        let snapshot = derived.snapshot.get_untracked();
        let definition = snapshot.definition.as_ref().ok_or("the text cannot be read as a definition yet; fix the syntax errors first")?;
        // A template's machines each export under their own name.
        let base = match &snapshot.selected_machine {
            Some(id) if !snapshot.template_machines.is_empty() => format!("{}-{id}", base_name(&document.file_name.get_untracked())),
            _ => base_name(&document.file_name.get_untracked()),
        };
        if yaml {
            return Ok((format!("{base}.asl.yaml"), engine::export::to_yaml(definition)));
        }
        // A JSON definition is exported as written (the author's layout); YAML and templates are converted.
        let as_written = matches!(snapshot.format, engine::parse::Format::Json) && snapshot.template_machines.is_empty();
        let text = if as_written { document.text.get_untracked() } else { engine::export::to_json(definition) };
        Ok((format!("{base}.asl.json"), text))
    };
    let export_definition = move |yaml: bool| {
        report(definition_text(yaml).and_then(|(name, text)| {
            let mime = if yaml { "application/yaml" } else { "application/json" };
            download_text(&name, mime, &text).map(|_| format!("Exported {name}"))
        }))
    };
    let svg_of_graph = move || -> Result<(String, f64, f64), String> {
        let shown = derived.shown_graph.get_untracked();
        let graph = shown.graph.ok_or("there is no graph to export")?;
        let svg = engine::layout::to_svg(&graph.layout, &|name: &str| graph.subtitles.get(name).cloned());
        let (width, height) = engine::layout::svg_size(&graph.layout);
        Ok((svg, width, height))
    };
    let export_svg = move |_| {
        report(svg_of_graph().and_then(|(svg, _, _)| {
            let name = format!("{}.svg", base_name(&document.file_name.get_untracked()));
            download_text(&name, "image/svg+xml", &svg).map(|_| format!("Exported {name}"))
        }))
    };
    let export_png = move |_| {
        let name = format!("{}.png", base_name(&document.file_name.get_untracked()));
        let started = svg_of_graph().and_then(|(svg, w, h)| {
            // Twice the screen's resolution, within what browsers allow for a canvas.
            let scale = (16_000.0 / w.max(h)).min(2.0);
            let done_name = name.clone();
            download_png(name.clone(), &svg, w, h, scale, move |result| match result {
                Ok(()) => notice.say(format!("Exported {done_name}")),
                Err(problem) => notice.say(format!("Export failed: {problem}")),
            })
        });
        if let Err(problem) = started {
            notice.say(format!("Export failed: {problem}"));
        }
    };
    view! {
        <details class="menu" data-testid="export-menu">
            <summary>"Export"</summary>
            <div class="menu-items" on:click=move |ev| {
                // Close the menu once a choice is made.
                if let Some(details) = ev.current_target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok()).and_then(|el| el.parent_element()) {
                    let _ = details.remove_attribute("open");
                }
            }>
                <button data-testid="export-json" on:click=move |_| export_definition(false)>"Definition as JSON"</button>
                <button data-testid="export-yaml" on:click=move |_| export_definition(true)>"Definition as YAML"</button>
                <button data-testid="export-svg" on:click=export_svg>"Graph as SVG"</button>
                <button data-testid="export-png" on:click=export_png>"Graph as PNG"</button>
            </div>
        </details>
    }
}

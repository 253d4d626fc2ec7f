//! Import: open a file (picker or drag and drop) or paste text: ASL JSON, ASL YAML, or a CloudFormation/SAM
//! template (the machine picker then chooses among its state machines).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::modal::Modal;
use crate::examples::Example;
use crate::store::{Derived, Document, Notice, Selection};

/// Whether the import dialog is open.
#[derive(Clone, Copy)]
pub struct ImportOpen(pub RwSignal<bool>);

/// Larger files are refused: AWS's own limit is 1 MB, and the page must stay responsive.
const MAX_IMPORT_BYTES: f64 = 4.0 * 1024.0 * 1024.0;

/// The parts of the store an import touches, captured once so that browser callbacks can use them.
#[derive(Clone, Copy)]
pub struct Opener {
    document: Document,
    derived: Derived,
    selection: Selection,
    notice: Notice,
}

impl Opener {
    pub fn from_context() -> Self {
        Opener { document: expect_context(), derived: expect_context(), selection: expect_context(), notice: expect_context() }
    }

    /// Opens an example of the gallery, with Undo.
    pub fn open_example(&self, example: &Example) {
        let (text, file_name, machine) = example.document();
        self.document.open(text, file_name, machine, &self.selection);
        self.notice.opened(format!("Opened the example “{}”", example.title), &self.document);
    }

    /// Opens `text` as the document, saying what was opened (with Undo).
    pub fn open_text(&self, text: String, file_name: String) {
        if text.contains('\0') {
            self.notice.say(format!("{file_name} is not a text file; nothing was opened"));
            return;
        }
        self.document.open(text, file_name.clone(), None, &self.selection);
        // What was opened is told from the store's own analysis of the new text (no second parse).
        let snapshot = self.derived.snapshot.get_untracked();
        let errors = snapshot.diagnostics.iter().filter(|d| d.is_error()).count();
        let what = match (snapshot.template_machines.len(), &snapshot.format) {
            (0, engine::parse::Format::Yaml) => "an ASL YAML definition".to_owned(),
            (0, _) => "an ASL JSON definition".to_owned(),
            (1, _) => "a template with one state machine".to_owned(),
            (n, _) => format!("a template with {n} state machines (choose one at the top)"),
        };
        let problems = if errors == 0 { String::new() } else { format!("; it has {errors} error{}", if errors == 1 { "" } else { "s" }) };
        self.notice.opened(format!("Opened {file_name}: {what}{problems}"), &self.document);
    }

    /// Reads a file the user picked or dropped, then opens it.
    pub fn open_file(&self, file: web_sys::File) {
        let name = file.name();
        if file.size() > MAX_IMPORT_BYTES {
            self.notice.say(format!("{name} is {:.1} MB; files up to 4 MB can be opened", file.size() / 1_048_576.0));
            return;
        }
        let opener = *self;
        wasm_bindgen_futures::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => opener.open_text(text.as_string().unwrap_or_default(), name),
                Err(_) => opener.notice.say(format!("{name} could not be read")),
            }
        });
    }
}

/// The import dialog (`data-testid="import-dialog"`): a file picker (`import-file`), a paste box
/// (`import-paste`, `import-paste-open`), and a reminder that files can be dropped anywhere.
#[component]
pub fn ImportDialog() -> impl IntoView {
    let open = expect_context::<ImportOpen>();
    let opener = Opener::from_context();
    let pasted = RwSignal::new(String::new());
    let on_file = move |ev: web_sys::Event| {
        let input = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(file) = input.as_ref().and_then(|i| i.files()).and_then(|f| f.get(0)) {
            opener.open_file(file);
            open.0.set(false);
        }
        // Clearing the input lets the same file be chosen again later.
        if let Some(input) = input {
            input.set_value("");
        }
    };
    let open_pasted = move |_| {
        let text = pasted.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        let name = if text.trim_start().starts_with('{') { "pasted.asl.json" } else { "pasted.asl.yaml" };
        opener.open_text(text, name.to_owned());
        pasted.set(String::new());
        open.0.set(false);
    };
    view! {
        <Modal open=open.0 title="Import a state machine" class="import" testid="import-dialog">
            <p class="muted">"ASL JSON, ASL YAML, or a CloudFormation/SAM template (with several state machines, choose one at the top afterwards). Nothing leaves your browser."</p>
            <label class="file-button">
                "Choose a file…"
                <input type="file" data-testid="import-file" accept=".json,.yaml,.yml,.asl,.template,application/json,text/yaml" on:change=on_file/>
            </label>
            <p class="muted">"…or drop a file anywhere on the page, or paste the text here:"</p>
            <textarea
                class="paste"
                data-testid="import-paste"
                spellcheck="false"
                placeholder="{ \"StartAt\": …, \"States\": { … } }"
                prop:value=move || pasted.get()
                on:input=move |ev| pasted.set(event_target_value(&ev))
            ></textarea>
            <div class="modal-actions">
                <button class="primary" data-testid="import-paste-open" on:click=open_pasted disabled=move || pasted.with(|p| p.trim().is_empty())>"Open pasted text"</button>
            </div>
        </Modal>
    }
}

//! The example gallery, embedded at build time from `examples/` (see `build.rs`).

/// One ready-made workflow of the gallery.
pub struct Example {
    pub id: &'static str,
    pub title: &'static str,
    /// A paragraph on what the workflow shows.
    pub description: &'static str,
    /// The file name the example is opened as (its format shows in the name).
    pub file: &'static str,
    /// In a template, the state machine to show first.
    pub machine: Option<&'static str>,
    pub text: &'static str,
    /// The execution input that goes with it (used by the simulator).
    #[allow(dead_code)]
    pub input: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/examples.rs"));

impl Example {
    /// The name the example is shown and exported under, e.g. `order-fulfilment.asl.json`.
    pub fn file_name(&self) -> String {
        match self.file {
            "definition.asl.json" => format!("{}.asl.json", self.id),
            other => format!("{}-{other}", self.id),
        }
    }

    /// The example as a whole document: text, file name, template machine.
    pub fn document(&self) -> crate::store::SavedDocument {
        (self.text.to_owned(), self.file_name(), self.machine.map(str::to_owned))
    }
}

/// The example named by `#example=<id>` in the page's address, if any. A hash naming an example is removed
/// from the address, so that a reload shows the user's edits rather than the example again.
pub fn take_from_address() -> Option<&'static Example> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok()?;
    let id = hash.strip_prefix("#example=")?;
    if let (Ok(history), Ok(path)) = (window.history(), window.location().pathname()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
    find(id)
}

/// The example a first visit opens.
pub fn default_example() -> Option<&'static Example> {
    EXAMPLES.first()
}

pub fn find(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

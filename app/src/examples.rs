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

/// The example a first visit opens.
pub fn default_example() -> Option<&'static Example> {
    EXAMPLES.first()
}

pub fn find(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

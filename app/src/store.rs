//! The one store at the root: the document the user edits (ground state) and what is derived from it
//! (diagnostics, the graph), handed to components as narrow typed contexts.

use std::collections::HashMap;
use std::sync::Arc;

use engine::asl::StateKind;
use engine::layout::Layout;
use engine::parse::{Format, ParseOptions};
use engine::source::TextRange;
use engine::{analyze, Diagnostic, Options};
use leptos::prelude::*;

/// The document: the text as the user wrote it (the source of truth), its file name, and in a template
/// with several state machines, the one being shown.
#[derive(Clone, Copy)]
pub struct Document {
    pub text: RwSignal<String>,
    pub file_name: RwSignal<String>,
    pub machine: RwSignal<Option<String>>,
    /// Counts replacements of the whole document, so that the graph of an earlier document is never kept.
    pub generation: RwSignal<u64>,
    /// The document that the last `open` replaced, for "Undo": opening never loses the user's work.
    pub previous: RwSignal<Option<(String, String, Option<String>)>>,
}

impl Document {
    /// Replaces the whole document (an example, an import): the view is fitted again and the selection cleared.
    pub fn open(&self, text: String, file_name: String, machine: Option<String>, view: &View, selection: &Selection) {
        let replaced = (self.text.get_untracked(), self.file_name.get_untracked(), self.machine.get_untracked());
        self.previous.set((replaced.0 != text && !replaced.0.trim().is_empty()).then_some(replaced));
        self.machine.set(machine);
        self.file_name.set(file_name);
        self.text.set(text);
        self.generation.update(|g| *g += 1);
        selection.0.set(None);
        view.request_fit();
    }
}

/// The selected state, by name (names are unique across the whole machine).
#[derive(Clone, Copy)]
pub struct Selection(pub RwSignal<Option<String>>);

/// Requests to the canvas: fit the graph to the screen after the document was replaced.
#[derive(Clone, Copy)]
pub struct View {
    pub fit_requests: RwSignal<u64>,
}

impl View {
    pub fn request_fit(&self) {
        self.fit_requests.update(|n| *n += 1);
    }
}

/// A short message for the user (an import that failed, an export that was made).
#[derive(Clone, Copy)]
pub struct Notice(pub RwSignal<Option<String>>);

/// What one version of the text gives: every diagnostic, and the graph when there is a model to draw.
pub struct Snapshot {
    pub diagnostics: Vec<Diagnostic>,
    pub has_errors: bool,
    pub graph: Option<Arc<Graph>>,
    /// The text range of every state, by name, for highlighting the selection in the code view.
    pub state_ranges: HashMap<String, TextRange>,
    pub format: Format,
    /// Logical ids of the state machines when the text is a CloudFormation/SAM template.
    pub template_machines: Vec<String>,
    pub selected_machine: Option<String>,
    /// The definition as plain JSON (after template extraction), for export.
    pub definition: Option<serde_json::Value>,
}

/// A laid-out machine with what the canvas writes in its boxes.
pub struct Graph {
    pub layout: Layout,
    /// The second line of a box: the Task's service ("Lambda: Invoke") or the state's type.
    pub subtitles: HashMap<String, String>,
    pub comments: HashMap<String, String>,
}

/// A shared value compared by identity, so that memos notify only when a new value was computed.
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// The analysis of the current text, and the graph on screen: the newest one without errors, so that
/// nothing jumps while the user is in the middle of an edit (the first graph is drawn even with errors).
#[derive(Clone, Copy)]
pub struct Derived {
    pub snapshot: Memo<Shared<Snapshot>>,
    pub shown_graph: Memo<ShownGraph>,
}

/// The graph on screen, and the document generation it belongs to.
#[derive(Clone, PartialEq)]
pub struct ShownGraph {
    pub generation: u64,
    pub graph: Option<Shared<Graph>>,
    /// Set when the text has errors and this is an earlier graph.
    pub stale: bool,
}

pub fn analyse(text: &str, machine: Option<String>) -> Snapshot {
    let analysis = analyze(text, &Options { parse: ParseOptions { machine }, ..Options::default() });
    let has_errors = analysis.has_errors();
    let parsed = &analysis.parsed;
    let mut state_ranges = HashMap::new();
    let graph = parsed.machine.as_ref().map(|machine| {
        let mut subtitles = HashMap::new();
        let mut comments = HashMap::new();
        for state in machine.scope.walk() {
            let subtitle = match &state.kind {
                StateKind::Task(task) => task.resource.as_ref().map(|r| r.display_name()),
                _ => None,
            };
            subtitles.insert(state.name.clone(), subtitle.unwrap_or_else(|| state.type_name().to_owned()));
            if let Some(comment) = &state.comment {
                comments.insert(state.name.clone(), comment.clone());
            }
            if let Some(range) = parsed.range_of(&state.pointer) {
                state_ranges.insert(state.name.clone(), range);
            }
        }
        Arc::new(Graph { layout: engine::layout::layout(machine), subtitles, comments })
    });
    Snapshot {
        has_errors,
        graph,
        state_ranges,
        format: parsed.format,
        template_machines: parsed.template_machines.iter().map(|m| m.logical_id.clone()).collect(),
        selected_machine: parsed.selected_machine.clone(),
        definition: parsed.definition.clone(),
        diagnostics: analysis.diagnostics,
    }
}

fn same_drawing(a: Option<&Shared<Graph>>, b: Option<&Shared<Graph>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.layout == b.layout && a.subtitles == b.subtitles && a.comments == b.comments,
        _ => false,
    }
}

/// Builds the store and provides its parts as contexts. Called once, by the root component.
pub fn provide_store(text: String, file_name: String, machine: Option<String>) -> (Document, Derived) {
    let document = Document {
        text: RwSignal::new(text),
        file_name: RwSignal::new(file_name),
        machine: RwSignal::new(machine),
        generation: RwSignal::new(0),
        previous: RwSignal::new(None),
    };
    let snapshot = Memo::new(move |_| Shared(Arc::new(analyse(&document.text.read(), document.machine.get()))));
    let shown_graph = Memo::new(move |previous: Option<&ShownGraph>| {
        let snapshot = snapshot.get();
        let generation = document.generation.get();
        let current = snapshot.graph.clone().map(Shared);
        match previous {
            Some(last) if snapshot.has_errors && last.generation == generation && last.graph.is_some() => {
                ShownGraph { generation, graph: last.graph.clone(), stale: true }
            }
            // Most edits (a Comment, a parameter) leave the drawing as it was: keeping the same graph value
            // spares the canvas a redraw, which for hundreds of states costs more than the analysis.
            Some(last) if last.generation == generation && same_drawing(last.graph.as_ref(), current.as_ref()) => {
                ShownGraph { generation, graph: last.graph.clone(), stale: false }
            }
            _ => ShownGraph { generation, graph: current, stale: false },
        }
    });
    let derived = Derived { snapshot, shown_graph };
    provide_context(document);
    provide_context(derived);
    provide_context(Selection(RwSignal::new(None)));
    provide_context(View { fit_requests: RwSignal::new(0) });
    provide_context(Notice(RwSignal::new(None)));
    (document, derived)
}

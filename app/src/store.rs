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
    /// Counts changes of what is drawn as a whole (another document, another machine of a template), so
    /// that the graph of an earlier one is never kept.
    pub generation: RwSignal<u64>,
    /// Counts documents opened (examples, imports, undo): the code view then starts at the top.
    pub opened: RwSignal<u64>,
    /// Whether the user typed in this document since it was opened.
    pub edited: RwSignal<bool>,
    /// The user's work that an `open` replaced, for "Undo": opening never loses what was typed.
    pub previous: RwSignal<Option<SavedDocument>>,
}

/// A whole document: text, file name, template machine.
pub type SavedDocument = (String, String, Option<String>);

/// Line ends as the browser's textarea keeps them (`\n` only), so that the engine's offsets and the DOM's agree.
pub fn normalize_line_ends(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

impl Document {
    /// Replaces the whole document (an example, an import) and clears the selection; the canvas fits the
    /// new graph because the generation changes. The replaced document is kept for Undo if the user had typed in it (an untouched example
    /// never pushes out earlier work that is waiting there).
    pub fn open(&self, text: String, file_name: String, machine: Option<String>, selection: &Selection) {
        let text = normalize_line_ends(text);
        let current = (self.text.get_untracked(), self.file_name.get_untracked(), self.machine.get_untracked());
        let worth_keeping = !current.0.trim().is_empty() && current.0 != text;
        if worth_keeping && (self.edited.get_untracked() || self.previous.with_untracked(Option::is_none)) {
            self.previous.set(Some(current));
        }
        self.replace(text, file_name, machine, selection);
        self.edited.set(false);
    }

    /// Swaps the current document and the one kept for Undo (so a second Undo goes back again).
    pub fn undo_open(&self, selection: &Selection) {
        let Some((text, file_name, machine)) = self.previous.get_untracked() else { return };
        let current = (self.text.get_untracked(), self.file_name.get_untracked(), self.machine.get_untracked());
        self.replace(text, file_name, machine, selection);
        self.previous.set(Some(current));
        // What comes back is the user's own work: opening something else later must keep it again.
        self.edited.set(true);
    }

    /// The user typed: the new text, marked as work worth keeping.
    pub fn edit(&self, text: String) {
        self.text.set(text);
        if !self.edited.get_untracked() {
            self.edited.set(true);
        }
    }

    fn replace(&self, text: String, file_name: String, machine: Option<String>, selection: &Selection) {
        self.machine.set(machine);
        self.file_name.set(file_name);
        self.text.set(text);
        self.generation.update(|g| *g += 1);
        self.opened.update(|g| *g += 1);
        selection.0.set(None);
    }
}

/// The selected state, by name (names are unique across the whole machine), and whether the text cursor
/// chose it (then the code view must not scroll away from the cursor).
#[derive(Clone, Copy)]
pub struct Selection(pub RwSignal<Option<String>>, pub StoredValue<bool>);

/// Requests to the canvas: fit the graph to the screen (the Fit button; a new document fits by itself).
#[derive(Clone, Copy)]
pub struct View {
    pub fit_requests: RwSignal<u64>,
}

impl View {
    pub fn request_fit(&self) {
        self.fit_requests.update(|n| *n += 1);
    }
}

/// A short message for the user; `undo` offers to reopen the document an `open` replaced.
#[derive(Clone, PartialEq)]
pub struct Message {
    pub id: u64,
    pub text: String,
    pub undo: bool,
}

/// The message shown at the bottom of the page.
#[derive(Clone, Copy)]
pub struct Notice(pub RwSignal<Option<Message>>);

impl Notice {
    pub fn say(&self, text: impl Into<String>) {
        self.show(text.into(), false);
    }

    /// A message about a document just opened, with Undo when there is work to go back to.
    pub fn opened(&self, text: impl Into<String>, document: &Document) {
        self.show(text.into(), document.previous.with_untracked(Option::is_some));
    }

    fn show(&self, text: String, undo: bool) {
        let id = self.0.with_untracked(|m| m.as_ref().map_or(0, |m| m.id + 1));
        self.0.set(Some(Message { id, text, undo }));
    }
}

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
    /// Whether the graph was drawn from a text without errors (only such a graph is kept while typing).
    pub valid: bool,
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
        text: RwSignal::new(normalize_line_ends(text)),
        file_name: RwSignal::new(file_name),
        machine: RwSignal::new(machine),
        generation: RwSignal::new(0),
        opened: RwSignal::new(0),
        edited: RwSignal::new(false),
        previous: RwSignal::new(None),
    };
    let snapshot = Memo::new(move |_| {
        let machine = document.machine.get();
        let text = document.text.read();
        let mut snapshot = analyse(&text, machine.clone());
        // A template whose chosen machine was renamed or removed shows its first machine instead of nothing.
        if machine.is_some() && snapshot.selected_machine.is_none() && !snapshot.template_machines.is_empty() {
            snapshot = analyse(&text, None);
        }
        Shared(Arc::new(snapshot))
    });
    let shown_graph = Memo::new(move |previous: Option<&ShownGraph>| {
        let snapshot = snapshot.get();
        let generation = document.generation.get();
        let current = snapshot.graph.clone().map(Shared);
        let valid = !snapshot.has_errors;
        match previous {
            Some(last) if !valid && last.valid && last.generation == generation && last.graph.is_some() => {
                ShownGraph { generation, graph: last.graph.clone(), stale: true, valid: true }
            }
            // Most edits (a Comment, a parameter) leave the drawing as it was: keeping the same graph value
            // spares the canvas a redraw, which for hundreds of states costs more than the analysis.
            Some(last) if last.generation == generation && last.valid == valid && same_drawing(last.graph.as_ref(), current.as_ref()) => {
                ShownGraph { generation, graph: last.graph.clone(), stale: false, valid }
            }
            _ => ShownGraph { generation, graph: current, stale: false, valid },
        }
    });
    let derived = Derived { snapshot, shown_graph };
    provide_context(document);
    provide_context(derived);
    provide_context(Selection(RwSignal::new(None), StoredValue::new(false)));
    provide_context(crate::components::code_view::Reveal(RwSignal::new(None)));
    provide_context(View { fit_requests: RwSignal::new(0) });
    provide_context(Notice(RwSignal::new(None)));
    (document, derived)
}

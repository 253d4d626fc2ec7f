//! The code view: the definition as editable text, with line numbers, diagnostics marked in the text, and
//! the selected state's text highlighted. Every edit goes to the store, which re-parses and redraws.

use engine::Severity;
use leptos::html::{Div, Pre, Textarea};
use leptos::prelude::*;

use crate::store::{Derived, Document, Selection};
use crate::text::{byte_of, floor_boundary, utf16_of};

/// Must match `--code-line-height` in the stylesheet: scrolling to a line is computed with it.
const LINE_HEIGHT: f64 = 18.0;

/// A request to show a place in the text (from the diagnostics list): byte range, and a counter so that
/// asking twice for the same place still scrolls.
#[derive(Clone, Copy)]
pub struct Reveal(pub RwSignal<Option<(usize, usize, u64)>>);

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A mark at least one character wide: an empty range (a missing `}` at the end, a bad character) is
/// widened to the character there, or to the one before at the end of a line or of the text.
fn visible_span(text: &str, start: usize, end: usize, line_end: usize) -> (usize, usize) {
    let start = floor_boundary(text, start);
    let end = floor_boundary(text, end.max(start));
    if end > start {
        return (start, end);
    }
    match text[start..line_end.max(start)].chars().next() {
        Some(c) => (start, start + c.len_utf8()),
        None => match text[..start].chars().next_back() {
            Some(c) if c != '\n' => (start - c.len_utf8(), start),
            _ => (start, start),
        },
    }
}

/// Types `text` at the cursor the way the browser does, so that Ctrl+Z undoes it; false if unsupported.
fn insert_text(text: &str) -> bool {
    use wasm_bindgen::JsCast;
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| d.exec_command_with_show_ui_and_value("insertText", false, text).ok())
        .unwrap_or(false)
}

/// The lines from the one holding byte `start` to the one holding `end`, indented by two spaces, or
/// outdented by up to two: (block start, block end, new block).
fn reindent(text: &str, start: usize, end: usize, outdent: bool) -> (usize, usize, String) {
    let start = floor_boundary(text, start);
    let end = floor_boundary(text, end.max(start));
    let first = text[..start].rfind('\n').map_or(0, |i| i + 1);
    // A selection that ends at the start of a line does not take that line along.
    let last = if end > start && text[..end].ends_with('\n') { end - 1 } else { end };
    let stop = text[last..].find('\n').map_or(text.len(), |i| last + i);
    let block: Vec<String> = text[first..stop]
        .split('\n')
        .map(|line| match outdent {
            false => format!("  {line}"),
            true => line.strip_prefix("  ").or_else(|| line.strip_prefix(' ')).unwrap_or(line).to_owned(),
        })
        .collect();
    (first, stop, block.join("\n"))
}

/// Lines drawn above and below the visible ones, and the step by which the drawn window moves: the
/// backdrop holds only what is near the screen, so a keystroke costs the same in a short or a long text.
const WINDOW_MARGIN: usize = 60;
const WINDOW_STEP: usize = 30;

/// The backdrop's HTML for the lines `first..last` (0-based) of `text`: the text with its syntax colours
/// (`tokens`) and `<mark>`s where diagnostics and the selection are.
fn backdrop_html(text: &str, tokens: &[crate::highlight::Token], marks: &[(usize, usize, &'static str)], first: usize, last: usize) -> String {
    let line_start = |n: usize| if n == 0 { Some(0) } else { text.match_indices('\n').nth(n - 1).map(|(i, _)| i + 1) };
    let Some(from) = line_start(first) else { return String::new() };
    let to = line_start(last).map_or(text.len(), |i| i.saturating_sub(1)).max(from);
    let clip = |&(s, e, c): &(usize, usize, &'static str)| {
        let (s, e) = (s.max(from), e.min(to));
        (s < e).then(|| (floor_boundary(text, s), floor_boundary(text, e), c))
    };
    let tokens: Vec<_> = tokens.iter().filter(|t| t.1 > from && t.0 < to).filter_map(clip).collect();
    let marks: Vec<_> = marks.iter().filter(|m| m.1 > from && m.0 < to).filter_map(clip).collect();
    let mut cuts: Vec<usize> = Vec::with_capacity(2 + 2 * (tokens.len() + marks.len()));
    cuts.extend([from, to]);
    for &(s, e, _) in tokens.iter().chain(&marks) {
        cuts.push(s);
        cuts.push(e);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut html = String::with_capacity((to - from) * 2 + 64);
    let mut next_token = 0;
    for pair in cuts.windows(2) {
        let (s, e) = (pair[0], pair[1]);
        while next_token < tokens.len() && tokens[next_token].1 <= s {
            next_token += 1;
        }
        let token = tokens.get(next_token).filter(|t| t.0 <= s && e <= t.1).map(|t| t.2);
        let marked: Vec<&str> = marks.iter().filter(|&&(ms, me, _)| ms <= s && e <= me).map(|&(_, _, c)| c).collect();
        let piece = escape(&text[s..e]);
        match (marked.is_empty(), token) {
            (true, None) => html.push_str(&piece),
            (true, Some(class)) => html.push_str(&format!("<span class=\"{class}\">{piece}</span>")),
            (false, class) => html.push_str(&format!("<mark class=\"{} {}\">{piece}</mark>", marked.join(" "), class.unwrap_or(""))),
        }
    }
    html
}

/// The editable definition (`data-testid="code-editor"`, a textarea) over a backdrop that marks problems.
#[component]
pub fn CodeView() -> impl IntoView {
    let document = expect_context::<Document>();
    let derived = expect_context::<Derived>();
    let selection = expect_context::<Selection>();
    let reveal = expect_context::<Reveal>();
    let editor = NodeRef::<Textarea>::new();
    let backdrop = NodeRef::<Pre>::new();
    let gutter_inner = NodeRef::<Div>::new();
    let gutter = NodeRef::<Div>::new();

    let marks = Memo::new(move |_| {
        let snapshot = derived.snapshot.get();
        let text = document.text.read();
        let mut marks: Vec<(usize, usize, &'static str)> = Vec::new();
        if let Some(range) = selection.0.with(|s| s.as_ref().and_then(|name| snapshot.state_ranges.get(name).copied())) {
            marks.push((range.start.offset, range.end.offset, "sel"));
        }
        for d in &snapshot.diagnostics {
            let Some(range) = d.range else { continue };
            // Only the first line of a long range is underlined: the whole state would be a sea of red.
            let line_end = text[floor_boundary(&text, range.start.offset)..].find('\n').map_or(text.len(), |i| range.start.offset + i);
            let (start, end) = visible_span(&text, range.start.offset, range.end.offset.min(line_end), line_end);
            marks.push((start, end, if d.severity == Severity::Error { "err" } else { "warn" }));
        }
        marks
    });
    let tokens = Memo::new(move |_| {
        let yaml = derived.snapshot.with(|s| matches!(s.format, engine::parse::Format::Yaml));
        document.text.with(|t| crate::highlight::tokens(t, yaml))
    });
    // The first line of the drawn window (a multiple of WINDOW_STEP), moved as the textarea scrolls.
    let window_first = RwSignal::new(0usize);
    let window_lines = RwSignal::new(2 * WINDOW_MARGIN);
    let backdrop_content = Memo::new(move |_| {
        let (first, count) = (window_first.get(), window_lines.get());
        tokens.with(|tokens| backdrop_html(&document.text.read(), tokens, &marks.get(), first, first + count))
    });
    let line_count = Memo::new(move |_| document.text.with(|t| t.split('\n').count()));
    // Line numbers as one text block (thousands of elements would make every keystroke slow).
    let line_numbers = Memo::new(move |_| {
        let mut numbers = String::new();
        for line in 1..=line_count.get() {
            numbers.push_str(&line.to_string());
            numbers.push('\n');
        }
        numbers
    });
    let line_flags = Memo::new(move |_| {
        let snapshot = derived.snapshot.get();
        let mut flags: Vec<(usize, &'static str)> = Vec::new();
        for d in &snapshot.diagnostics {
            if let Some(r) = d.range {
                let flag = if d.severity == Severity::Error { "err" } else { "warn" };
                match flags.iter_mut().find(|(line, _)| *line == r.start.line) {
                    Some(existing) if flag == "err" => existing.1 = "err",
                    Some(_) => {}
                    None => flags.push((r.start.line, flag)),
                }
            }
        }
        flags
    });
    let gutter_flags = move || {
        line_flags
            .get()
            .into_iter()
            .map(|(line, flag)| {
                view! { <div class=format!("flag {flag}") style=format!("top: {}px", line.saturating_sub(1) as f64 * LINE_HEIGHT)>{line}</div> }
            })
            .collect_view()
    };

    let sync_scroll = move || {
        let Some(ta) = editor.get_untracked() else { return };
        // Transforms, not scroll positions: the backdrop is shorter than the text, and moving it this way
        // needs no layout.
        let (top, left) = (ta.scroll_top(), ta.scroll_left());
        let visible = (top as f64 / LINE_HEIGHT) as usize;
        let first = visible.saturating_sub(WINDOW_MARGIN) / WINDOW_STEP * WINDOW_STEP;
        let count = (ta.client_height() as f64 / LINE_HEIGHT) as usize + 2 * WINDOW_MARGIN + WINDOW_STEP;
        if window_first.get_untracked() != first {
            window_first.set(first);
        }
        if window_lines.get_untracked() != count {
            window_lines.set(count);
        }
        if let Some(b) = backdrop.get_untracked() {
            let shift = first as f64 * LINE_HEIGHT - top as f64;
            let _ = b.set_attribute("style", &format!("transform: translate({}px, {shift}px)", -left));
        }
        if let Some(g) = gutter_inner.get_untracked() {
            let _ = g.set_attribute("style", &format!("transform: translateY({}px)", -top));
        }
    };
    let scroll_to_line = move |line: usize| {
        let Some(ta) = editor.get_untracked() else { return };
        let top = (line.saturating_sub(1)) as f64 * LINE_HEIGHT;
        let (view_top, view_height) = (ta.scroll_top() as f64, ta.client_height() as f64);
        if top < view_top || top + LINE_HEIGHT > view_top + view_height {
            ta.set_scroll_top((top - view_height / 3.0).max(0.0) as i32);
        }
        sync_scroll();
    };
    // Bring the selected state's text into view, unless the text cursor chose it (the cursor is in view).
    Effect::new(move |_| {
        let name = selection.0.get();
        if selection.1.get_value() {
            selection.1.set_value(false);
            return;
        }
        let snapshot = derived.snapshot.get_untracked();
        if let Some(range) = name.and_then(|n| snapshot.state_ranges.get(&n).copied()) {
            scroll_to_line(range.start.line);
        }
    });
    // Show a diagnostic's place: scroll there and put the text cursor on it.
    Effect::new(move |_| {
        let Some((start, end, _)) = reveal.0.get() else { return };
        let Some(ta) = editor.get_untracked() else { return };
        let (line, s16, e16) = document.text.with_untracked(|t| (t[..floor_boundary(t, start)].matches('\n').count() + 1, utf16_of(t, start), utf16_of(t, end)));
        let _ = ta.focus();
        let _ = ta.set_selection_range(s16, e16);
        scroll_to_line(line);
    });
    // The textarea's value follows the document when it changes from elsewhere (examples, import, undo); the
    // user's own typing is already there, and writing it back would cost a relayout of the whole text.
    Effect::new(move |_| {
        let Some(ta) = editor.get() else { return };
        document.text.with(|text| {
            if ta.value() != *text {
                ta.set_value(text);
            }
        });
    });
    let tab_leaves = StoredValue::new(false);
    // A newly opened document starts at its first line.
    Effect::new(move |_| {
        document.opened.track();
        if let Some(ta) = editor.get_untracked() {
            ta.set_scroll_top(0);
            ta.set_scroll_left(0);
            let _ = ta.set_selection_range(0, 0);
            sync_scroll();
        }
    });
    // Keep the backdrop aligned when its content changes (typing can scroll the textarea).
    Effect::new(move |_| {
        // Read, not just tracked (a memo only follows its sources once it has been computed).
        backdrop_content.with(|_| ());
        request_animation_frame(sync_scroll);
    });

    // The state under the text cursor becomes the selection, as in the graph.
    let select_at_caret = move || {
        let Some(ta) = editor.get_untracked() else { return };
        let Some(units) = ta.selection_start().ok().flatten() else { return };
        let offset = document.text.with_untracked(|t| byte_of(t, units));
        let snapshot = derived.snapshot.get_untracked();
        let innermost = snapshot
            .state_ranges
            .iter()
            .filter(|(_, r)| r.start.offset <= offset && offset < r.end.offset)
            .min_by_key(|(_, r)| r.end.offset.saturating_sub(r.start.offset))
            .map(|(name, _)| name.clone());
        if innermost.is_some() && selection.0.get_untracked() != innermost {
            selection.1.set_value(true);
            selection.0.set(innermost);
        }
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        // Escape, then Tab, leaves the editor (keyboard users must never be trapped); otherwise Tab indents.
        if ev.key() == "Escape" {
            tab_leaves.set_value(true);
            return;
        }
        let leave = tab_leaves.get_value();
        tab_leaves.set_value(false);
        if ev.key() != "Tab" || leave || ev.ctrl_key() || ev.alt_key() || ev.meta_key() {
            return;
        }
        let Some(ta) = editor.get_untracked() else { return };
        ev.prevent_default();
        let (s16, e16) = (ta.selection_start().ok().flatten().unwrap_or(0), ta.selection_end().ok().flatten().unwrap_or(0));
        let value = ta.value();
        let (start, end) = (byte_of(&value, s16), byte_of(&value, e16));
        let one_line = !value[floor_boundary(&value, start)..floor_boundary(&value, end.max(start))].contains('\n');
        if one_line && !ev.shift_key() {
            if !insert_text("  ") {
                let _ = ta.set_range_text_with_start_and_end_and_mode("  ", s16, e16, "end");
                document.edit(ta.value());
            }
            return;
        }
        let (first, stop, block) = reindent(&value, start, end, ev.shift_key());
        let (first16, stop16) = (utf16_of(&value, first), utf16_of(&value, stop));
        let _ = ta.set_selection_range(first16, stop16);
        if !insert_text(&block) {
            let _ = ta.set_range_text_with_start_and_end_and_mode(&block, first16, stop16, "end");
            document.edit(ta.value());
        }
        let _ = ta.set_selection_range(first16, first16 + block.encode_utf16().count() as u32);
    };
    let line_info = move || {
        let (lines, format) = (line_count.get(), derived.snapshot.with(|s| s.format));
        format!("{lines} lines · {}", if matches!(format, engine::parse::Format::Yaml) { "YAML" } else { "JSON" })
    };

    view! {
        <div class="code-view">
            <div class="pane-header">
                <span class="file-name" data-testid="file-name">{move || document.file_name.get()}</span>
                <span class="muted">{line_info}</span>
            </div>
            <div class="editor">
                <div class="gutter" node_ref=gutter aria-hidden="true">
                    <div class="gutter-inner" node_ref=gutter_inner>
                        <pre class="numbers">{move || line_numbers.get()}</pre>
                        {gutter_flags}
                    </div>
                </div>
                <div class="editor-body highlighted">
                    <div class="backdrop" aria-hidden="true">
                        <pre class="backdrop-text" node_ref=backdrop inner_html=move || backdrop_content.get()></pre>
                    </div>
                    <textarea
                        data-testid="code-editor"
                        node_ref=editor
                        spellcheck="false"
                        autocapitalize="off"
                        autocomplete="off"
                        wrap="off"
                        aria-label="State machine definition"
                        on:input=move |ev| document.edit(event_target_value(&ev))
                        on:scroll=move |_| sync_scroll()
                        on:click=move |_| select_at_caret()
                        on:keyup=move |ev| if ev.key().starts_with("Arrow") || ev.key() == "PageUp" || ev.key() == "PageDown" { select_at_caret() }
                        on:keydown=on_keydown
                    ></textarea>
                </div>
            </div>
        </div>
    }
}

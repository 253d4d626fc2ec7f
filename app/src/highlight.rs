//! Syntax colouring for the code view: JSON and YAML tokens, with what matters in ASL picked out
//! (field names, `.$` keys, JSONPath and JSONata values). Lenient and linear: any text gives tokens.

/// A coloured stretch of text: byte range and CSS class.
pub type Token = (usize, usize, &'static str);

/// Tokens of `text`, read as YAML when `yaml` is set, else as JSON.
pub fn tokens(text: &str, yaml: bool) -> Vec<Token> {
    if yaml {
        yaml_tokens(text)
    } else {
        json_tokens(text)
    }
}

/// The class of a string value: query-language values stand out from plain strings.
fn value_class(content: &str) -> &'static str {
    let content = content.trim_start();
    if content.starts_with("{%") {
        "t-jsonata"
    } else if content.starts_with('$') || content.starts_with("States.") {
        "t-path"
    } else {
        "t-str"
    }
}

fn json_tokens(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(bytes.len());
                let rest = text[i..].trim_start_matches([' ', '\t', '\r']);
                // Between the quotes (an unterminated string may end anywhere, even inside a character).
                let inner_end = crate::text::floor_boundary(text, i.saturating_sub(1).max(start + 1));
                let inner = text.get(start + 1..inner_end).unwrap_or("");
                let class = if rest.starts_with(':') {
                    if inner.ends_with(".$") { "t-key-dollar" } else { "t-key" }
                } else {
                    value_class(inner)
                };
                out.push((start, i, class));
            }
            b'-' | b'0'..=b'9' => {
                while i < bytes.len() && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') {
                    i += 1;
                }
                out.push((start, i, "t-num"));
            }
            b't' | b'f' | b'n' => {
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                if matches!(&text[start..i], "true" | "false" | "null") {
                    out.push((start, i, "t-lit"));
                }
            }
            b'{' | b'}' | b'[' | b']' | b':' | b',' => {
                i += 1;
                out.push((start, i, "t-punct"));
            }
            _ => i += 1,
        }
    }
    // Indices only ever stop on ASCII bytes or the text's end, so every token lies on character boundaries;
    // the filter is a guard, not a repair.
    out.retain(|&(s, e, _)| s < e && text.is_char_boundary(s) && text.is_char_boundary(e));
    out
}

fn yaml_tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut offset = 0;
    // Inside a block scalar (`key: |` or `key: >`), lines indented deeper than the key are plain text.
    let mut block_of: Option<usize> = None;
    for line in text.split('\n') {
        let indent = line.len() - line.trim_start().len();
        match block_of {
            Some(parent) if line.trim().is_empty() || indent > parent => {
                if !line.trim().is_empty() {
                    out.push((offset + indent, offset + line.len(), "t-str"));
                }
            }
            _ => {
                block_of = None;
                yaml_line(line, offset, &mut out);
                let value = line.trim_end();
                if ["|", ">", "|-", ">-", "|+", ">+"].iter().any(|marker| value.ends_with(&format!(": {marker}")) || value == format!("- {marker}")) {
                    block_of = Some(indent);
                }
            }
        }
        offset += line.len() + 1;
    }
    out.retain(|&(s, e, _)| s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e));
    out
}

/// One YAML line: an optional `- `, an optional `key:`, a value, an optional `# comment`.
fn yaml_line(line: &str, base: usize, out: &mut Vec<Token>) {
    let mut pos = line.len() - line.trim_start().len();
    let rest = &line[pos..];
    if rest.starts_with('#') {
        out.push((base + pos, base + line.len(), "t-comment"));
        return;
    }
    if let Some(after) = rest.strip_prefix("- ").or_else(|| (rest == "-").then_some("")) {
        out.push((base + pos, base + pos + 1, "t-punct"));
        pos = line.len() - after.trim_start().len();
    }
    let rest = &line[pos..];
    // A key ends at the first `: ` (or a final `:`) outside quotes.
    if let Some(colon) = key_end(rest) {
        let key = &rest[..colon];
        out.push((base + pos, base + pos + colon, if key.trim_end().ends_with(".$") { "t-key-dollar" } else { "t-key" }));
        pos += colon + 1;
    }
    let value = &line[pos..];
    let start = pos + (value.len() - value.trim_start().len());
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    let (value, comment) = split_comment(value);
    let end = start + value.trim_end().len();
    let class = if value.starts_with('!') {
        "t-tag"
    } else if value.starts_with('"') || value.starts_with('\'') {
        value_class(value.trim_matches(['"', '\'']))
    } else if matches!(value.trim_end(), "true" | "false" | "null" | "~") {
        "t-lit"
    } else if value.trim_end().parse::<f64>().is_ok() {
        "t-num"
    } else if matches!(value.trim_end(), "|" | ">" | "|-" | ">-" | "{}" | "[]") {
        "t-punct"
    } else {
        value_class(value)
    };
    out.push((base + start, base + end, class));
    if let Some(comment) = comment {
        out.push((base + start + comment, base + line.len(), "t-comment"));
    }
}

fn key_end(rest: &str) -> Option<usize> {
    let first = rest.chars().next()?;
    if first == '"' || first == '\'' {
        let close = rest[1..].find(first)? + 1;
        let after = &rest[close + 1..];
        return (after.starts_with(": ") || after == ":" || after.starts_with(":\t")).then_some(close + 1);
    }
    if matches!(first, '{' | '[' | '!' | '|' | '>') {
        return None;
    }
    let colon = rest.find(": ").or_else(|| rest.ends_with(':').then(|| rest.len() - 1))?;
    (!rest[..colon].contains(" #")).then_some(colon)
}

/// A value and where its ` # comment` starts, if it has one (not inside quotes).
fn split_comment(value: &str) -> (&str, Option<usize>) {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (i, c) in value.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && previous.is_whitespace() => return (&value[..i], Some(i)),
            None => {}
        }
        previous = c;
    }
    (value, None)
}

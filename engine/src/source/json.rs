//! A JSON parser that keeps the span of every value and key, keeps duplicate keys, and never panics.

use serde_json::Number;

use super::{Member, Node, NodeKind, Span};

/// Deeper nesting than this is refused rather than risking the (small, in WebAssembly) stack.
pub const MAX_DEPTH: usize = 512;

/// Why a text is not JSON, and the byte offset where that became clear.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonError {
    pub message: String,
    pub offset: usize,
}

pub fn parse_json(text: &str) -> Result<Node, JsonError> {
    let mut p = Parser { src: text.as_bytes(), text, pos: 0 };
    // A byte-order mark is not part of the document.
    if text.starts_with('\u{feff}') {
        p.pos = 3;
    }
    p.skip_ws();
    if p.pos >= p.src.len() {
        return Err(p.error("The definition is empty: expected a JSON object"));
    }
    let node = p.value(0)?;
    p.skip_ws();
    if p.pos < p.src.len() {
        return Err(p.error(&format!("Unexpected {} after the end of the JSON document", p.describe_here())));
    }
    Ok(node)
}

struct Parser<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, message: &str) -> JsonError {
        JsonError { message: message.to_owned(), offset: self.pos.min(self.src.len()) }
    }

    fn describe_here(&self) -> String {
        match self.text.get(self.pos..).and_then(|s| s.chars().next()) {
            None => "end of text".to_owned(),
            Some(c) if c.is_control() => format!("control character U+{:04X}", c as u32),
            Some(c) => format!("character '{c}'"),
        }
    }

    fn skip_ws(&mut self) {
        while let Some(b) = self.src.get(self.pos) {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                _ => break,
            }
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error(&format!("The document is nested more than {MAX_DEPTH} levels deep")));
        }
        let start = self.pos;
        match self.src.get(self.pos) {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                let s = self.string()?;
                Ok(Node::new(NodeKind::String(s), Span::new(start, self.pos)))
            }
            Some(b't') => self.literal("true", NodeKind::Bool(true)),
            Some(b'f') => self.literal("false", NodeKind::Bool(false)),
            Some(b'n') => self.literal("null", NodeKind::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.error(&format!("Expected a JSON value but found {}", self.describe_here()))),
        }
    }

    fn literal(&mut self, word: &str, kind: NodeKind) -> Result<Node, JsonError> {
        let start = self.pos;
        if self.src[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(Node::new(kind, Span::new(start, self.pos)))
        } else {
            Err(self.error(&format!("Expected a JSON value but found {}", self.describe_here())))
        }
    }

    fn number(&mut self) -> Result<Node, JsonError> {
        let start = self.pos;
        let digits = |p: &mut Self| {
            let s = p.pos;
            while matches!(p.src.get(p.pos), Some(b'0'..=b'9')) {
                p.pos += 1;
            }
            p.pos > s
        };
        if self.src.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        if !digits(self) {
            return Err(self.error("Expected a digit in the number"));
        }
        if self.src[int_start] == b'0' && self.pos - int_start > 1 {
            return Err(JsonError { message: "Numbers may not have leading zeros".into(), offset: start });
        }
        if self.src.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            if !digits(self) {
                return Err(self.error("Expected a digit after the decimal point"));
            }
        }
        if matches!(self.src.get(self.pos), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.src.get(self.pos), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.error("Expected a digit in the exponent"));
            }
        }
        let text = &self.text[start..self.pos];
        match serde_json::from_str::<Number>(text) {
            Ok(n) => Ok(Node::new(NodeKind::Number(n), Span::new(start, self.pos))),
            Err(_) => Err(JsonError { message: format!("The number {text} is out of range"), offset: start }),
        }
    }

    fn string(&mut self) -> Result<String, JsonError> {
        let open = self.pos;
        self.pos += 1; // the opening quote
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            while let Some(&b) = self.src.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // The run ends on an ASCII byte or at the end, so both ends are char boundaries.
            out.push_str(&self.text[run_start..self.pos]);
            match self.src.get(self.pos) {
                None => {
                    return Err(JsonError { message: "This string is never closed: a '\"' is missing".into(), offset: open })
                }
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => {
                    return Err(self.error(&format!(
                        "Unescaped {} inside a string (write it as an escape such as \\n)",
                        self.describe_here()
                    )))
                }
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        let c = match self.src.get(self.pos) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let first = self.hex4()?;
                let c = if (0xD800..0xDC00).contains(&first) && self.src[self.pos..].starts_with(b"\\u") {
                    let save = self.pos;
                    self.pos += 2;
                    let second = self.hex4()?;
                    if (0xDC00..0xE000).contains(&second) {
                        char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
                    } else {
                        self.pos = save;
                        None
                    }
                } else {
                    char::from_u32(first)
                };
                // A lone surrogate cannot be represented in Rust strings; keep the replacement character.
                out.push(c.unwrap_or('\u{FFFD}'));
                return Ok(());
            }
            _ => return Err(self.error(&format!("Invalid escape sequence: '\\' followed by {}", self.describe_here()))),
        };
        out.push(c);
        self.pos += 1;
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self.src.get(self.pos..self.pos + 4).ok_or_else(|| self.error("Expected four hex digits after \\u"))?;
        let mut value = 0u32;
        for &d in digits {
            let v = (d as char).to_digit(16).ok_or_else(|| self.error("Expected four hex digits after \\u"))?;
            value = value * 16 + v;
        }
        self.pos += 4;
        Ok(value)
    }

    fn object(&mut self, depth: usize) -> Result<Node, JsonError> {
        let start = self.pos;
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_ws();
        if self.src.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(Node::new(NodeKind::Object(members), Span::new(start, self.pos)));
        }
        loop {
            self.skip_ws();
            if self.src.get(self.pos) != Some(&b'"') {
                let hint = if self.src.get(self.pos) == Some(&b'}') { " (a trailing comma is not allowed)" } else { "" };
                return Err(self.error(&format!(
                    "Expected a field name in double quotes but found {}{hint}",
                    self.describe_here()
                )));
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = Span::new(key_start, self.pos);
            self.skip_ws();
            if self.src.get(self.pos) != Some(&b':') {
                return Err(self.error(&format!("Expected ':' after the field name \"{key}\" but found {}", self.describe_here())));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.value(depth + 1)?;
            members.push(Member { key, key_span, value });
            self.skip_ws();
            match self.src.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Node::new(NodeKind::Object(members), Span::new(start, self.pos)));
                }
                _ => {
                    return Err(self.error(&format!(
                        "Expected ',' or '}}' after an object member but found {}",
                        self.describe_here()
                    )))
                }
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Node, JsonError> {
        let start = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.src.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(Node::new(NodeKind::Array(items), Span::new(start, self.pos)));
        }
        loop {
            self.skip_ws();
            if self.src.get(self.pos) == Some(&b']') {
                return Err(self.error("Expected a value but found ']' (a trailing comma is not allowed)"));
            }
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.src.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Node::new(NodeKind::Array(items), Span::new(start, self.pos)));
                }
                _ => {
                    return Err(self.error(&format!("Expected ',' or ']' after an array element but found {}", self.describe_here())))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_with_spans_and_duplicates() {
        let text = r#"{"a": [1, -2.5e3, "x\u00e9\ud83d\ude00"], "a": null}"#;
        let node = parse_json(text).unwrap();
        let members = node.members().unwrap();
        assert_eq!(members.len(), 2);
        assert_eq!(&text[members[0].key_span.start..members[0].key_span.end], "\"a\"");
        assert_eq!(&text[members[0].value.span.start..members[0].value.span.end], r#"[1, -2.5e3, "x\u00e9\ud83d\ude00"]"#);
        assert_eq!(node.to_value(), serde_json::json!({"a": null}));
        let NodeKind::Array(items) = &members[0].value.kind else { panic!() };
        assert_eq!(items[2].as_str(), Some("xé😀"));
    }

    #[test]
    fn errors_are_located() {
        for (text, offset, needle) in [
            ("", 0, "empty"),
            ("{\"a\": 1,}", 8, "trailing comma"),
            ("{\"a\" 1}", 5, "Expected ':'"),
            ("[1, 2", 5, "Expected ',' or ']'"),
            ("{\"a\": \"x}", 6, "never closed"),
            ("{\"a\": 01}", 6, "leading zeros"),
            ("{} x", 3, "after the end"),
            ("{\"a\": tru}", 6, "Expected a JSON value"),
            ("\"\\q\"", 2, "Invalid escape"),
            ("1e999", 0, "out of range"),
        ] {
            let err = parse_json(text).unwrap_err();
            assert_eq!(err.offset, offset, "{text}: {err:?}");
            assert!(err.message.contains(needle), "{text}: {err:?}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let text = "[".repeat(100_000);
        assert!(parse_json(&text).unwrap_err().message.contains("nested"));
    }
}

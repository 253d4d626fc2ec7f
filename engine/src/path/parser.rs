//! The JSONPath parser (Jayway syntax, as AWS uses it).

use super::{CompareOp, Filter, FilterOperand, Path, Root, Segment, UnionItem};

pub fn parse_path(text: &str) -> Result<Path, String> {
    let mut p = Cursor { chars: text.chars().collect(), pos: 0, depth: 0 };
    let path = p.path()?;
    if p.pos < p.chars.len() {
        return Err(p.err("unexpected character"));
    }
    Ok(path)
}

/// Filters can nest paths in paths; stop well before the stack could be at risk.
const MAX_NESTING: usize = 64;

struct Cursor {
    chars: Vec<char>,
    pos: usize,
    depth: usize,
}

impl Cursor {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.pos + n).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn err(&self, what: &str) -> String {
        let text: String = self.chars.iter().collect();
        match self.peek() {
            Some(c) => format!("Invalid path '{text}': {what} '{c}' at position {}", self.pos + 1),
            None => {
                let what = what.trim_end_matches(" near").trim_end_matches(" but found").trim_end_matches(" found");
                format!("Invalid path '{text}': {what}, but the path ends there")
            }
        }
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn path(&mut self) -> Result<Path, String> {
        if !self.eat('$') {
            return Err(self.err("a path must start with '$', found"));
        }
        let root = if self.eat('$') {
            Root::Context
        } else if self.peek().is_some_and(is_ident_start) {
            let start = self.pos;
            while self.peek().is_some_and(is_ident_continue) {
                self.pos += 1;
            }
            Root::Variable(self.chars[start..self.pos].iter().collect())
        } else {
            Root::Input
        };
        let segments = self.segments(false)?;
        Ok(Path { root, segments })
    }

    /// Segments until the end of the text (or, inside a filter, until a character that cannot continue a path).
    fn segments(&mut self, in_filter: bool) -> Result<Vec<Segment>, String> {
        let mut segments = Vec::new();
        loop {
            match self.peek() {
                None => break,
                Some('.') if self.peek_at(1) == Some('.') => {
                    self.pos += 2;
                    let inner = if self.peek() == Some('[') {
                        self.bracket()?
                    } else if self.eat('*') {
                        Segment::Wildcard
                    } else {
                        Segment::Child(self.dot_name(in_filter)?.into())
                    };
                    segments.push(Segment::Descendant(Box::new(inner)));
                }
                Some('.') => {
                    self.pos += 1;
                    if self.eat('*') {
                        segments.push(Segment::Wildcard);
                    } else if self.peek() == Some('[') {
                        // `$.['a b']` is accepted by AWS (PATH-03's own example).
                        segments.push(self.bracket()?);
                    } else {
                        let name = self.dot_name(in_filter)?;
                        if self.peek() == Some('(') && self.peek_at(1) == Some(')') {
                            self.pos += 2;
                            segments.push(Segment::Function(name));
                            if self.peek().is_some() && !in_filter {
                                return Err(self.err("a function must end the path, found"));
                            }
                        } else {
                            segments.push(Segment::Child(name.into()));
                        }
                    }
                }
                Some('[') => segments.push(self.bracket()?),
                Some(_) if in_filter => break,
                Some(_) => return Err(self.err("expected '.' or '[' but found")),
            }
        }
        Ok(segments)
    }

    /// A name after a dot: anything up to the next `.` or `[`, with `\` escaping the next character.
    fn dot_name(&mut self, in_filter: bool) -> Result<String, String> {
        let mut name = String::new();
        while let Some(c) = self.peek() {
            if c == '.' || c == '[' || (in_filter && (c.is_whitespace() || "()=!<>&|,]".contains(c))) {
                break;
            }
            if c == '(' && self.peek_at(1) == Some(')') {
                break;
            }
            self.pos += 1;
            if c == '\\' {
                match self.peek() {
                    Some(next) => {
                        name.push(next);
                        self.pos += 1;
                    }
                    None => return Err(self.err("a backslash must escape a character")),
                }
            } else {
                name.push(c);
            }
        }
        if name.is_empty() {
            return Err(self.err("expected a field name but found"));
        }
        Ok(name)
    }

    fn bracket(&mut self) -> Result<Segment, String> {
        self.pos += 1; // '['
        self.skip_ws();
        let segment = match self.peek() {
            Some('*') => {
                self.pos += 1;
                Segment::Wildcard
            }
            Some('?') => {
                self.pos += 1;
                self.skip_ws();
                if !self.eat('(') {
                    return Err(self.err("expected '(' after '?' but found"));
                }
                let filter = self.nested(|p| p.filter_or())?;
                self.skip_ws();
                if !self.eat(')') {
                    return Err(self.err("expected ')' to close the filter but found"));
                }
                Segment::Filter(filter)
            }
            Some('\'' | '"') => {
                let mut names = vec![self.quoted()?];
                self.skip_ws();
                while self.eat(',') {
                    self.skip_ws();
                    names.push(self.quoted()?);
                    self.skip_ws();
                }
                if names.len() == 1 {
                    Segment::Child(names.pop().unwrap_or_default().into())
                } else {
                    Segment::Union(names.into_iter().map(UnionItem::Name).collect())
                }
            }
            _ => self.index_or_slice()?,
        };
        self.skip_ws();
        if !self.eat(']') {
            return Err(self.err("expected ']' but found"));
        }
        Ok(segment)
    }

    fn index_or_slice(&mut self) -> Result<Segment, String> {
        let first = self.opt_int()?;
        self.skip_ws();
        if self.peek() == Some(':') {
            self.pos += 1;
            self.skip_ws();
            let end = self.opt_int()?;
            self.skip_ws();
            let step = if self.eat(':') {
                self.skip_ws();
                self.opt_int()?
            } else {
                None
            };
            return Ok(Segment::Slice(first, end, step));
        }
        let first = first.ok_or_else(|| self.err("expected an index, a name in quotes, '*' or a filter but found"))?;
        let mut items = vec![first];
        while self.eat(',') {
            self.skip_ws();
            items.push(self.opt_int()?.ok_or_else(|| self.err("expected an index but found"))?);
            self.skip_ws();
        }
        if items.len() == 1 {
            Ok(Segment::Index(first))
        } else {
            Ok(Segment::Union(items.into_iter().map(UnionItem::Index).collect()))
        }
    }

    fn opt_int(&mut self) -> Result<Option<i64>, String> {
        let start = self.pos;
        if self.peek() == Some('-') {
            self.pos += 1;
        }
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        if self.pos == start {
            return Ok(None);
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        text.parse::<i64>().map(Some).map_err(|_| format!("Invalid path: '{text}' is not a valid index"))
    }

    fn quoted(&mut self) -> Result<String, String> {
        let quote = match self.peek() {
            Some(q @ ('\'' | '"')) => q,
            _ => return Err(self.err("expected a quoted name but found")),
        };
        self.pos += 1;
        let mut out = String::new();
        loop {
            match self.peek() {
                None => return Err(self.err("a quoted name is not closed")),
                Some(c) if c == quote => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some('\\') => {
                    self.pos += 1;
                    match self.peek() {
                        // Jayway: a backslash escapes the quote; before anything else it is kept as written.
                        Some(c) if c == quote => {
                            out.push(c);
                            self.pos += 1;
                        }
                        Some(_) => out.push('\\'),
                        None => return Err(self.err("a backslash must escape a character")),
                    }
                }
                Some(c) => {
                    out.push(c);
                    self.pos += 1;
                }
            }
        }
    }

    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T, String>) -> Result<T, String> {
        if self.depth >= MAX_NESTING {
            return Err(self.err("the filter is nested too deeply near"));
        }
        self.depth += 1;
        let out = f(self);
        self.depth -= 1;
        out
    }

    fn filter_or(&mut self) -> Result<Filter, String> {
        let mut left = self.filter_and()?;
        loop {
            self.skip_ws();
            if self.peek() == Some('|') && self.peek_at(1) == Some('|') {
                self.pos += 2;
                let right = self.filter_and()?;
                left = Filter::Or(Box::new(left), Box::new(right));
            } else {
                return Ok(left);
            }
        }
    }

    fn filter_and(&mut self) -> Result<Filter, String> {
        let mut left = self.filter_unary()?;
        loop {
            self.skip_ws();
            if self.peek() == Some('&') && self.peek_at(1) == Some('&') {
                self.pos += 2;
                let right = self.filter_unary()?;
                left = Filter::And(Box::new(left), Box::new(right));
            } else {
                return Ok(left);
            }
        }
    }

    fn filter_unary(&mut self) -> Result<Filter, String> {
        self.skip_ws();
        if self.peek() == Some('!') && self.peek_at(1) != Some('=') {
            self.pos += 1;
            let inner = self.nested(|p| p.filter_unary())?;
            return Ok(Filter::Not(Box::new(inner)));
        }
        if self.eat('(') {
            let inner = self.nested(|p| p.filter_or())?;
            self.skip_ws();
            if !self.eat(')') {
                return Err(self.err("expected ')' but found"));
            }
            return Ok(inner);
        }
        let left = self.filter_operand()?;
        self.skip_ws();
        let op = match (self.peek(), self.peek_at(1)) {
            (Some('='), Some('=')) => Some((CompareOp::Eq, 2)),
            (Some('!'), Some('=')) => Some((CompareOp::Ne, 2)),
            (Some('<'), Some('=')) => Some((CompareOp::Le, 2)),
            (Some('>'), Some('=')) => Some((CompareOp::Ge, 2)),
            (Some('='), Some('~')) => Some((CompareOp::Matches, 2)),
            (Some('<'), _) => Some((CompareOp::Lt, 1)),
            (Some('>'), _) => Some((CompareOp::Gt, 1)),
            (Some('i'), Some('n')) => Some((CompareOp::In, 2)),
            (Some('n'), Some('i')) if self.peek_at(2) == Some('n') => Some((CompareOp::Nin, 3)),
            _ => None,
        };
        match op {
            None => match left {
                FilterOperand::Path { .. } => Ok(Filter::Exists(left)),
                _ => Err(self.err("expected a comparison operator but found")),
            },
            Some((op, len)) => {
                self.pos += len;
                self.skip_ws();
                let right = self.filter_operand()?;
                Ok(Filter::Compare(left, op, right))
            }
        }
    }

    fn filter_operand(&mut self) -> Result<FilterOperand, String> {
        self.skip_ws();
        match self.peek() {
            Some(c @ ('@' | '$')) => {
                self.pos += 1;
                let segments = self.nested(|p| p.segments(true))?;
                Ok(FilterOperand::Path { relative: c == '@', segments })
            }
            Some('\'' | '"') => Ok(FilterOperand::Literal(crate::value::Value::string(self.quoted()?))),
            Some('/') => {
                self.pos += 1;
                let start = self.pos;
                while self.peek().is_some_and(|c| c != '/') {
                    if self.peek() == Some('\\') {
                        self.pos += 1;
                    }
                    self.pos += 1;
                }
                let regex: String = self.chars[start..self.pos.min(self.chars.len())].iter().collect();
                if !self.eat('/') {
                    return Err(self.err("a regular expression is not closed with '/'"));
                }
                while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
                    self.pos += 1; // flags such as `i`
                }
                Ok(FilterOperand::Regex(regex))
            }
            Some('[') => {
                // A JSON array literal for `in` / `nin`; read up to the matching bracket.
                let start = self.pos;
                let mut depth = 0;
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    match c {
                        '[' => depth += 1,
                        ']' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                let text: String = self.chars[start..self.pos].iter().map(|c| if *c == '\'' { '"' } else { *c }).collect();
                serde_json::from_str(&text).map(FilterOperand::Literal).map_err(|_| self.err("invalid array literal near"))
            }
            _ => {
                let start = self.pos;
                while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) {
                    self.pos += 1;
                }
                let word: String = self.chars[start..self.pos].iter().collect();
                serde_json::from_str::<crate::value::Value>(&word)
                    .ok()
                    .filter(|v| !v.is_object() && !v.is_array())
                    .map(FilterOperand::Literal)
                    .ok_or_else(|| self.err("expected a path, a string, a number, true, false or null but found"))
            }
        }
    }
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_continue(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::super::*;

    #[test]
    fn parses_what_aws_accepts() {
        for text in [
            "$", "$$", "$.a", "$.a.b[0]", "$['a b'][0]", "$.abc.['def ghi']", "$$.Execution.Id", "$var", "$var.x[1]",
            "$.a[*]", "$.a[0:2]", "$.a[-1:]", "$[0,1]", "$['a','b']", "$..name", "$.a[?(@.price < 10)]",
            "$.a[?(@.x == 'y' && @.z)]", "$.a.length()", "$.store\\.book", "$.foo-bar", "$.ünïcode",
        ] {
            assert!(parse_path(text).is_ok(), "{text}: {:?}", parse_path(text));
        }
    }

    #[test]
    fn rejects_malformed_paths() {
        for text in ["", "a", "$.", "$[", "$[abc]", "$.a[0", "$.a[?(@.x <)]", "$['x", "$ .a", "$.a.length().b"] {
            assert!(parse_path(text).is_err(), "{text}");
        }
    }

    #[test]
    fn reference_paths_are_narrow() {
        assert!(parse_reference_path("$.a['b'][0]").is_ok());
        for text in ["$.a[*]", "$..a", "$.a[0:1]", "$.a[?(@.x)]", "$.a.length()"] {
            assert!(parse_reference_path(text).is_err(), "{text}");
        }
        assert_eq!(
            parse_path("$.a['b c'][2]").unwrap().segments,
            vec![Segment::Child("a".into()), Segment::Child("b c".into()), Segment::Index(2)]
        );
    }
}

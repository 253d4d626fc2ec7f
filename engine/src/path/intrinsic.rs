//! Intrinsic function calls (`States.Format('{}', $.x)`): syntax, arity, nesting (INT-02..04).

use serde::Serialize;

use super::{parse_path, Path};

/// Every intrinsic AWS offers, with its minimum and maximum number of arguments.
pub const INTRINSICS: &[(&str, usize, usize)] = &[
    ("States.Format", 1, usize::MAX),
    ("States.StringToJson", 1, 1),
    ("States.JsonToString", 1, 1),
    ("States.Array", 0, usize::MAX),
    ("States.ArrayPartition", 2, 2),
    ("States.ArrayContains", 2, 2),
    ("States.ArrayRange", 3, 3),
    ("States.ArrayGetItem", 2, 2),
    ("States.ArrayLength", 1, 1),
    ("States.ArrayUnique", 1, 1),
    ("States.Base64Encode", 1, 1),
    ("States.Base64Decode", 1, 1),
    ("States.Hash", 2, 2),
    ("States.JsonMerge", 3, 3),
    ("States.MathRandom", 2, 3),
    ("States.MathAdd", 2, 2),
    ("States.StringSplit", 2, 2),
    ("States.UUID", 0, 0),
];

/// INT-04: at most 10 calls nested in one field.
pub const MAX_NESTED_CALLS: usize = 10;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Intrinsic {
    pub name: String,
    pub args: Vec<Arg>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Arg {
    /// Shared, so that evaluating a call does not copy its literal strings.
    String(crate::value::Str),
    Number(serde_json::Number),
    Bool(bool),
    Null,
    Path(Path),
    Call(Intrinsic),
}

/// Parses a whole intrinsic call; the error says what is wrong in words.
pub fn parse_intrinsic(text: &str) -> Result<Intrinsic, String> {
    let mut p = Cursor { chars: text.chars().collect(), pos: 0, calls: 0 };
    let call = p.call()?;
    p.skip_ws();
    if p.pos < p.chars.len() {
        return Err(format!(
            "Unexpected text after the closing ')' of {} (indexing a result, as in States.StringSplit(…)[0], is not allowed)",
            call.name
        ));
    }
    Ok(call)
}

struct Cursor {
    chars: Vec<char>,
    pos: usize,
    calls: usize,
}

impl Cursor {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn call(&mut self) -> Result<Intrinsic, String> {
        self.calls += 1;
        if self.calls > MAX_NESTED_CALLS {
            return Err(format!("At most {MAX_NESTED_CALLS} intrinsic function calls may be nested in one field"));
        }
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_') {
            self.pos += 1;
        }
        let name: String = self.chars[start..self.pos].iter().collect();
        if self.peek() != Some('(') {
            return Err(format!("'{}' is not an intrinsic function call: expected a name such as States.Format followed by '('", self.chars.iter().collect::<String>()));
        }
        let Some(&(_, min, max)) = INTRINSICS.iter().find(|(n, _, _)| *n == name) else {
            return Err(format!("Unknown intrinsic function '{name}'"));
        };
        self.pos += 1;
        let mut args = Vec::new();
        self.skip_ws();
        if self.peek() == Some(')') {
            self.pos += 1;
        } else {
            loop {
                self.skip_ws();
                args.push(self.arg()?);
                self.skip_ws();
                match self.peek() {
                    Some(',') => self.pos += 1,
                    Some(')') => {
                        self.pos += 1;
                        break;
                    }
                    Some(c) => return Err(format!("Expected ',' or ')' in the arguments of {name} but found '{c}'")),
                    None => return Err(format!("The call to {name} is missing its closing ')'")),
                }
            }
        }
        if args.len() < min || args.len() > max {
            let expected = match (min, max) {
                (a, b) if a == b => format!("{a}"),
                (a, usize::MAX) => format!("at least {a}"),
                (a, b) => format!("{a} to {b}"),
            };
            return Err(format!("{name} takes {expected} argument(s) but was given {}", args.len()));
        }
        Ok(Intrinsic { name, args })
    }

    fn arg(&mut self) -> Result<Arg, String> {
        match self.peek() {
            Some('\'') => self.string(),
            Some('$') => {
                let start = self.pos;
                let mut bracket = 0i32;
                let mut quote: Option<char> = None;
                while let Some(c) = self.peek() {
                    match (quote, c) {
                        (Some(q), c) if c == q => quote = None,
                        (Some(_), '\\') => self.pos += 1,
                        (Some(_), _) => {}
                        (None, '\'' | '"') if bracket > 0 => quote = Some(c),
                        (None, '[') => bracket += 1,
                        (None, ']') => bracket -= 1,
                        (None, ',' | ')') if bracket <= 0 => break,
                        (None, c) if c.is_whitespace() && bracket <= 0 => break,
                        _ => {}
                    }
                    self.pos += 1;
                }
                let text: String = self.chars[start..self.pos.min(self.chars.len())].iter().collect();
                parse_path(&text).map(Arg::Path)
            }
            Some(c) if c.is_ascii_digit() || c == '-' => {
                let start = self.pos;
                while self.peek().is_some_and(|c| c.is_ascii_digit() || "+-.eE".contains(c)) {
                    self.pos += 1;
                }
                let text: String = self.chars[start..self.pos].iter().collect();
                serde_json::from_str(&text).map(Arg::Number).map_err(|_| format!("'{text}' is not a valid number"))
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let start = self.pos;
                while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
                    self.pos += 1;
                }
                let word: String = self.chars[start..self.pos].iter().collect();
                match word.as_str() {
                    "null" => Ok(Arg::Null),
                    "true" => Ok(Arg::Bool(true)),
                    "false" => Ok(Arg::Bool(false)),
                    _ => {
                        self.pos = start;
                        self.call().map(Arg::Call)
                    }
                }
            }
            Some(c) => Err(format!("Unexpected '{c}' where an intrinsic argument was expected (strings use single quotes)")),
            None => Err("An intrinsic function call ends in the middle of its arguments".into()),
        }
    }

    fn string(&mut self) -> Result<Arg, String> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            match self.peek() {
                None => return Err("A string argument is not closed with a single quote".into()),
                Some('\'') => {
                    self.pos += 1;
                    return Ok(Arg::String(out.into()));
                }
                Some('\\') => {
                    self.pos += 1;
                    match self.peek() {
                        Some(c) => {
                            // INT-03: `\'`, `\{`, `\}`, `\\` escape; keep the backslash before braces so that
                            // States.Format can tell an escaped brace from a placeholder.
                            if c == '{' || c == '}' {
                                out.push('\\');
                            }
                            out.push(c);
                            self.pos += 1;
                        }
                        None => return Err("A backslash at the end of a string argument escapes nothing".into()),
                    }
                }
                Some(c) => {
                    out.push(c);
                    self.pos += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested_calls_and_escapes() {
        let call = parse_intrinsic("States.Format('Hello \\'{}\\' \\{x\\}', States.ArrayGetItem($.a[0], 1), $$.Execution.Id)").unwrap();
        assert_eq!(call.name, "States.Format");
        assert_eq!(call.args[0], Arg::String("Hello '{}' \\{x\\}".into()));
        assert!(matches!(&call.args[1], Arg::Call(c) if c.name == "States.ArrayGetItem"));
        assert!(parse_intrinsic("States.JsonMerge($.a, $['b,c'], false)").is_ok());
        assert!(parse_intrinsic("States.UUID()").is_ok());
        assert!(parse_intrinsic("States.Array()").is_ok());
    }

    #[test]
    fn rejects_bad_calls() {
        for (text, needle) in [
            ("States.UUID(1)", "takes 0"),
            ("States.Nope(1)", "Unknown intrinsic"),
            ("States.Format('x'", "closing"),
            ("States.StringSplit($.a, ',')[0]", "indexing"),
            ("States.Format(\"x\")", "single quotes"),
            ("States.Format('x\\", "backslash"),
            ("States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array())))))))))))", "nested"),
        ] {
            let err = parse_intrinsic(text).unwrap_err();
            assert!(err.contains(needle), "{text}: {err}");
        }
    }
}

//! A JSON parser for the host's configuration: RFC 8259 text to a tree of [`Value`]s,
//! and back to compact text.
//!
//! Why not `JSON.parse` and serde: V8 compiles each WebAssembly function the first time
//! it runs, and serde's derived readers for the configuration's two dozen types were
//! about a fifth of all the code the first render ran. This parser and the readers in
//! [`crate::wire`] are a fraction of that, and they are the same on every target, so the
//! native tests check exactly what the browser runs.
//!
//! Strict where JSON is: no comments, no trailing commas, no leading zeros, no raw control
//! characters or lone surrogates in strings, nothing after the value. A repeated key
//! keeps its last value, as `JSON.parse` does. Nesting stops at [`MAX_DEPTH`] levels, so
//! no text can exhaust the stack.

use repay_engine::EngineError;

/// How deeply arrays and objects may nest (serde_json's limit too).
pub const MAX_DEPTH: u32 = repay_engine::error::MAX_JSON_DEPTH;

/// A JSON value. Numbers keep their text: the configuration's numbers are counts and
/// days, read exactly by [`crate::wire`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(String),
    Text(String),
    List(Vec<Value>),
    /// Members in the text's order, a repeated key only once (at its first place, with
    /// its last value).
    Object(Vec<(String, Value)>),
}

impl Value {
    /// Appends this value as compact JSON text.
    pub fn write(&self, out: &mut String) {
        match self {
            Self::Null => out.push_str("null"),
            Self::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
            Self::Number(number) => out.push_str(number),
            Self::Text(text) => write_text(text, out),
            Self::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Self::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_text(key, out);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

fn write_text(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let code = u32::from(c) as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[code >> 4]));
                out.push(char::from(HEX[code & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Parses `text`, which must hold exactly one JSON value.
///
/// # Errors
///
/// [`EngineError::MalformedJson`] at the line and column (1-based, in characters) of the
/// first character that cannot be JSON there.
pub fn parse(text: &str) -> Result<Value, EngineError> {
    let mut parser = Parser {
        text,
        at: 0,
        depth: 0,
    };
    parser.space();
    let value = parser.value()?;
    parser.space();
    if parser.at < text.len() {
        return Err(parser.fail("text after the JSON value"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
    depth: u32,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// The line and column (1-based, in characters) the parser is at.
    fn position(&self) -> (usize, usize) {
        let before = &self.text[..self.at.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, column)
    }

    #[inline(never)]
    fn fail(&self, message: &str) -> EngineError {
        let (line, column) = self.position();
        EngineError::MalformedJson {
            line,
            column,
            message: message.to_owned(),
        }
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// Takes `byte` (after any white space), or fails with `message`.
    fn expect(&mut self, byte: u8, message: &str) -> Result<(), EngineError> {
        self.space();
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.fail(message))
        }
    }

    fn value(&mut self) -> Result<Value, EngineError> {
        Ok(match self.peek() {
            Some(b'{') => self.nested(Self::object)?,
            Some(b'[') => self.nested(Self::list)?,
            Some(b'"') => Value::Text(self.string()?),
            Some(b't') => self.word("true", Value::Bool(true))?,
            Some(b'f') => self.word("false", Value::Bool(false))?,
            Some(b'n') => self.word("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            None => return Err(self.fail("the text ends where a value should be")),
            Some(_) => return Err(self.fail("expected a value")),
        })
    }

    fn nested(
        &mut self,
        read: fn(&mut Self) -> Result<Value, EngineError>,
    ) -> Result<Value, EngineError> {
        if self.depth == MAX_DEPTH {
            let (line, column) = self.position();
            return Err(EngineError::TooDeep {
                line,
                column,
                limit: MAX_DEPTH,
            });
        }
        self.depth += 1;
        self.at += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    fn word(&mut self, word: &str, value: Value) -> Result<Value, EngineError> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.fail("expected a value"))
        }
    }

    /// After `[`.
    fn list(&mut self) -> Result<Value, EngineError> {
        let mut items = Vec::new();
        self.space();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::List(items));
        }
        loop {
            self.space();
            items.push(self.value()?);
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::List(items));
                }
                _ => return Err(self.fail("expected `,` or `]`")),
            }
        }
    }

    /// After `{`.
    fn object(&mut self) -> Result<Value, EngineError> {
        let mut members: Vec<(String, Value)> = Vec::new();
        self.space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.space();
            if self.peek() != Some(b'"') {
                return Err(self.fail("expected a key in double quotes"));
            }
            let key = self.string()?;
            self.expect(b':', "expected `:`")?;
            self.space();
            let value = self.value()?;
            match members.iter_mut().find(|(k, _)| *k == key) {
                Some((_, earlier)) => *earlier = value,
                None => members.push((key, value)),
            }
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Value::Object(members));
                }
                _ => return Err(self.fail("expected `,` or `}`")),
            }
        }
    }

    /// At `"`.
    fn string(&mut self) -> Result<String, EngineError> {
        self.at += 1;
        let mut out = String::new();
        loop {
            let rest = &self.text[self.at..];
            // Everything up to the next quote, backslash or control character as it is.
            let plain = rest
                .bytes()
                .position(|b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(rest.len());
            out.push_str(&rest[..plain]);
            self.at += plain;
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    out.push(self.escape()?);
                }
                Some(_) => return Err(self.fail("a control character inside a string")),
                None => return Err(self.fail("the text ends inside a string")),
            }
        }
    }

    /// After `\`.
    fn escape(&mut self) -> Result<char, EngineError> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.at += 1;
                let first = self.hex4()?;
                let code = match first {
                    0xD800..=0xDBFF => {
                        if !self.text[self.at..].starts_with("\\u") {
                            return Err(self.fail("a lone surrogate in a \\u escape"));
                        }
                        self.at += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(self.fail("a lone surrogate in a \\u escape"));
                        }
                        0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return Err(self.fail("a lone surrogate in a \\u escape")),
                    _ => first,
                };
                return char::from_u32(code).ok_or_else(|| self.fail("an invalid \\u escape"));
            }
            _ => return Err(self.fail("an invalid escape")),
        };
        self.at += 1;
        Ok(c)
    }

    fn hex4(&mut self) -> Result<u32, EngineError> {
        let digits = self.text.get(self.at..self.at + 4).unwrap_or("");
        if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            self.at += 4;
            u32::from_str_radix(digits, 16).map_err(|_| self.fail("an invalid \\u escape"))
        } else {
            Err(self.fail("an invalid \\u escape"))
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, as its text.
    fn number(&mut self) -> Result<String, EngineError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.fail("expected a digit")),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            self.some_digits()?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            self.some_digits()?;
        }
        Ok(self.text[start..self.at].to_owned())
    }

    fn digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
    }

    fn some_digits(&mut self) -> Result<(), EngineError> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(self.fail("expected a digit"));
        }
        self.digits();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> (usize, usize) {
        match parse(text) {
            Err(EngineError::MalformedJson { line, column, .. }) => (line, column),
            other => panic!("{text:?}: {other:?}"),
        }
    }

    #[test]
    fn values_of_every_kind() {
        let text =
            " {\"a\": [1, -0.5e3, true, false, null], \"b\": \"x\\u00e9\\ud83d\\ude00\\n\"} ";
        let Value::Object(members) = parse(text).unwrap() else {
            panic!()
        };
        assert_eq!(members[0].0, "a");
        let Value::List(items) = &members[0].1 else {
            panic!()
        };
        assert_eq!(
            *items,
            [
                Value::Number("1".into()),
                Value::Number("-0.5e3".into()),
                Value::Bool(true),
                Value::Bool(false),
                Value::Null
            ]
        );
        assert_eq!(members[1].1, Value::Text("xé😀\n".into()));
    }

    #[test]
    fn values_are_written_back_as_compact_json_that_reads_the_same() {
        let text =
            "{ \"a\" : [1, -0.5e3, true, false, null],\n \"q\\\"\": \"\\\\ \\u0001\\t\\u00e9\" }";
        let value = parse(text).unwrap();
        let mut out = String::new();
        value.write(&mut out);
        assert_eq!(
            out,
            "{\"a\":[1,-0.5e3,true,false,null],\"q\\\"\":\"\\\\ \\u0001\\té\"}"
        );
        assert_eq!(parse(&out).unwrap(), value);
    }

    #[test]
    fn a_repeated_key_keeps_its_last_value_at_its_first_place() {
        let Value::Object(members) = parse("{\"a\": 1, \"b\": 2, \"a\": 3}").unwrap() else {
            panic!()
        };
        assert_eq!(members.len(), 2);
        assert_eq!(
            (members[0].0.as_str(), &members[0].1),
            ("a", &Value::Number("3".into()))
        );
    }

    #[test]
    fn what_json_does_not_allow_is_refused_where_it_is() {
        for (text, place) in [
            ("", (1, 1)),
            ("{", (1, 2)),
            ("{\"a\" 1}", (1, 6)),
            ("{\"a\": 1,}", (1, 9)),
            ("[1, 2,]", (1, 7)),
            ("[1 2]", (1, 4)),
            ("{a: 1}", (1, 2)),
            ("// no\n{}", (1, 1)),
            ("{}\n x", (2, 2)),
            ("01", (1, 2)),
            ("1.", (1, 3)),
            ("-", (1, 2)),
            ("1e", (1, 3)),
            ("+1", (1, 1)),
            ("tru", (1, 1)),
            ("\"a\tb\"", (1, 3)),
            ("\"\\x\"", (1, 3)),
            ("\"\\u12\"", (1, 4)),
            ("\"\\ud800\"", (1, 8)),
            ("\"\\udc00\"", (1, 8)),
            ("\"\\ud800\\u0041\"", (1, 14)),
            ("\"open", (1, 6)),
            ("{\"é\": \n  ]}", (2, 3)),
        ] {
            assert_eq!(at(text), place, "{text:?}");
        }
    }

    #[test]
    fn nesting_stops_at_the_limit_without_exhausting_the_stack() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(&deep(MAX_DEPTH as usize)).is_ok());
        // Valid JSON, only too deep: said so, at the first `[` past the limit.
        assert_eq!(
            parse(&deep(MAX_DEPTH as usize + 1)).map(drop),
            Err(EngineError::TooDeep {
                line: 1,
                column: MAX_DEPTH as usize + 1,
                limit: MAX_DEPTH
            })
        );
        assert!(matches!(
            parse(&"[".repeat(1_000_000)),
            Err(EngineError::TooDeep { .. })
        ));
    }
}

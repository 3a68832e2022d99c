//! The parts of the configuration's JSON Schema that the types alone cannot state, built
//! from the same constants the checks in [`crate::config`] use: addresses, the CSRF
//! header (from the list of headers it cannot be), theme variables (from
//! [`THEME_VARIABLES`] and the value each holds). The config's types name these with
//! `#[schemars(schema_with = …)]`; `crates/schemas` generates `docs/schemas/` from them.
//! Built only with the `schema` feature, never into the bundle.

use schemars::{json_schema, Schema, SchemaGenerator};

/// An address the schema can check: `https://…` or a path on the page's site (not `//`,
/// not a backslash). The widget then resolves it with the browser's URL parser.
const LINK_PATTERN: &str = r"^(https://|/(?![/\\]))[^\s\\]*$";
/// The endpoint: as a link, or `http://localhost` / `http://127.0.0.1` while developing.
const ENDPOINT_PATTERN: &str =
    r"^(https://[^\s\\]+|/(?![/\\])[^\s\\]*|http://(localhost|127\.0\.0\.1)([:/][^\s\\]*)?)$";
/// A stylesheet for the shadow root: a non-empty link.
const STYLESHEET_PATTERN: &str = r"^(https://|/(?![/\\]))[^\s\\]+$";
/// Text without control characters.
pub(crate) const NO_CONTROL_PATTERN: &str = r"^[^\u0000-\u001f\u007f]+$";
/// A cookie or header name: an HTTP token.
pub(crate) const TOKEN_PATTERN: &str = "^[A-Za-z0-9._-]+$";
/// A Subresource Integrity hash.
pub(crate) const INTEGRITY_PATTERN: &str = "^sha(256|384|512)-";

/// `word` matched in any case: `[Cc][Oo]…`.
pub(crate) fn any_case(word: &str) -> String {
    word.chars()
        .map(|c| {
            if c.is_ascii_alphabetic() {
                format!("[{}{}]", c.to_ascii_uppercase(), c.to_ascii_lowercase())
            } else {
                c.to_string()
            }
        })
        .collect()
}

repay_engine::text_schema!(
    /// An address on the page's site or over https.
    Link,
    "link",
    "An https:// address or a path on the host's site (/…). The widget resolves it against the page with the browser's URL parser and accepts it only if it leads to the page's own origin or to https (docs/embedding.md#configuration); this pattern is the part a schema can check.",
    LINK_PATTERN
);

/// The endpoint's schema.
pub fn endpoint(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "Where proposals are sent (POST): https://…, a path on the host's site (/…), or http://localhost / http://127.0.0.1 while developing. The widget resolves it against the page with the browser's URL parser and accepts it only if it leads to the page's own origin or to https (docs/embedding.md#configuration); this pattern is the part a schema can check.",
        "type": "string",
        "pattern": ENDPOINT_PATTERN,
    })
}

/// The shadow root's stylesheet.
pub fn stylesheet(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "repay-widget.css: an https:// address or a path on this site.",
        "type": "string",
        "pattern": STYLESHEET_PATTERN,
    })
}

/// `text` as the inside of a character class: `\`, `]`, `^` and `-` escaped.
pub(crate) fn literal(text: &str) -> String {
    text.chars()
        .map(|c| {
            if r"\]^-".contains(c) {
                format!("\\{c}")
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sending::csrf_header;
    use crate::theme::ThemeValue;
    use serde_json::Value;

    /// One rule for each kind of theme value: the schema's pattern, built from the same
    /// lists, gives the check's answer for every value tried, hand-picked and random.
    #[test]
    fn the_theme_patterns_say_what_the_checks_say() {
        let samples = [
            "#0b5cad",
            "#FFF",
            "#abcd",
            "#12345",
            "red",
            "currentColor",
            "rgb(1 2 3 / 50%)",
            "RGB(1,2,3)",
            "oklch(60% 0.1 250)",
            "url(x)",
            "rgb(1,2,3);x",
            "var(--x)",
            "0",
            "4px",
            "1.25REM",
            "60%",
            ".5em",
            "5",
            "5 px",
            "-1px",
            "0.8",
            ".5",
            "1.",
            "1..2",
            "Noto Sans",
            "\"PingFang SC\", sans-serif",
            "微软雅黑",
            "'a'",
            "a;b",
            "a(b)",
            "\"a",
            "",
            "   ",
            "a,,b",
            "x\u{7}",
            "\u{a0}",
        ];
        let mut values: Vec<String> = samples.iter().map(|s| (*s).to_owned()).collect();
        // Random strings over the characters the rules turn on.
        let alphabet: Vec<char> = "#0aZf9.,%/+- ()'\";:px微\u{85}".chars().collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            let mut value = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let length = (seed % 9) as usize;
            for i in 0..length {
                let pick = (seed >> (i * 5)) as usize % alphabet.len();
                value.push(alphabet[pick]);
            }
            values.push(value);
        }
        for kind in [
            ThemeValue::Colour,
            ThemeValue::Length,
            ThemeValue::Number,
            ThemeValue::FontFamilies,
        ] {
            let pattern = regex::Regex::new(&kind.pattern()).unwrap();
            for value in &values {
                assert_eq!(
                    pattern.is_match(value),
                    kind.allows(value),
                    "{kind:?} {value:?}: the schema and the check disagree"
                );
            }
        }
    }

    #[test]
    fn the_csrf_pattern_names_every_taken_header_in_any_case() {
        let mut generator = SchemaGenerator::default();
        let schema = csrf_header(&mut generator);
        let pattern = schema.get("pattern").and_then(Value::as_str).unwrap();
        assert!(pattern.contains("[Ii][Dd][Ee][Mm][Pp][Oo][Tt][Ee][Nn][Cc][Yy]-[Kk][Ee][Yy]"));
        assert!(pattern.contains("(?![Pp][Rr][Oo][Xx][Yy]-|[Ss][Ee][Cc]-)"));
    }
}

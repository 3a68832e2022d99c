//! The parts of the configuration's JSON Schema that the types alone cannot state, built
//! from the same constants the checks in [`crate::config`] use: addresses, the CSRF
//! header (from the list of headers it cannot be), theme variables (from
//! [`THEME_VARIABLES`] and the value each holds). The config's types name these with
//! `#[schemars(schema_with = …)]`; `crates/schemas` generates `docs/schemas/` from them.
//! Built only with the `schema` feature, never into the bundle.

use schemars::{json_schema, Schema, SchemaGenerator};
use serde_json::{Map, Value};

use super::{
    ThemeValue, CSRF_TAKEN_HEADERS, CSRF_TAKEN_PREFIXES, THEME_VALUE_MAX, THEME_VARIABLES,
};

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
fn any_case(word: &str) -> String {
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

/// The CSRF header: an HTTP token that is none of the headers it cannot be.
pub fn csrf_header(_: &mut SchemaGenerator) -> Schema {
    let taken: Vec<String> = CSRF_TAKEN_HEADERS.iter().map(|h| any_case(h)).collect();
    let prefixes: Vec<String> = CSRF_TAKEN_PREFIXES.iter().map(|p| any_case(p)).collect();
    let pattern = format!(
        "^(?!({})$)(?!{})[A-Za-z0-9._-]+$",
        taken.join("|"),
        prefixes.join("|")
    );
    json_schema!({
        "description": "The request header that carries the token: not one the widget sets itself (Content-Type, Idempotency-Key) nor one browsers forbid scripts to set (Cookie, Origin, Sec-…, Proxy-…).",
        "type": "string",
        "pattern": pattern,
    })
}

/// The characters a font family name cannot hold (they would end the declaration or
/// call a function), as the inside of a regular expression's class.
const FONT_FORBIDDEN: &str = r#"\u0000-\u001f\u007f-\u009f"'(){}\[\];:<>\\/@!*,#$%&=?^`|~+"#;

impl ThemeValue {
    /// The schema's name for values of this kind.
    fn schema_name(self) -> &'static str {
        match self {
            Self::Colour => "theme_colour",
            Self::Length => "theme_length",
            Self::Number => "theme_number",
            Self::FontFamilies => "theme_font",
        }
    }

    /// The pattern [`ThemeValue::allows`] checks, as a JSON Schema regular expression.
    fn pattern(self) -> String {
        match self {
            Self::Colour => {
                let functions = [
                    "rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch",
                ];
                let functions: Vec<String> = functions.iter().map(|f| any_case(f)).collect();
                format!(
                    r"^\s*(#([0-9A-Fa-f]{{3,4}}|[0-9A-Fa-f]{{6}}|[0-9A-Fa-f]{{8}})|[A-Za-z]+|({})\([A-Za-z0-9 .,%/+-]*\))\s*$",
                    functions.join("|")
                )
            }
            Self::Length => {
                let units = [
                    "px", "rem", "em", "%", "vw", "vh", "vmin", "vmax", "ch", "ex", "pt",
                ];
                let units: Vec<String> = units.iter().map(|u| any_case(u)).collect();
                format!(
                    r"^\s*(0|([0-9]+\.?[0-9]*|\.[0-9]+)({}))\s*$",
                    units.join("|")
                )
            }
            Self::Number => r"^\s*([0-9]+\.?[0-9]*|\.[0-9]+)\s*$".to_owned(),
            Self::FontFamilies => {
                let bad = FONT_FORBIDDEN;
                let name = format!(r"[^{bad}]*[^\s{bad}][^{bad}]*");
                let family = format!(r#"("{name}"|'{name}'|{name})"#);
                format!(r"^\s*{family}\s*(,\s*{family}\s*)*$")
            }
        }
    }

    fn description(self) -> &'static str {
        match self {
            Self::Colour => "A colour: #hex, a colour keyword, or rgb()/hsl()/hwb()/lab()/lch()/oklab()/oklch() of numbers.",
            Self::Length => "0 or a number with px, rem, em, %, vw, vh, vmin, vmax, ch, ex or pt.",
            Self::Number => "A plain number.",
            Self::FontFamilies => "Font family names, quoted or not, separated by commas: any script, without ( ) { } [ ] ; : < > \\ / and the other characters that could end the declaration or call a function.",
        }
    }
}

/// `theme.variables`: only the widget's custom properties, each with the value its kind
/// allows.
pub fn theme_variables(generator: &mut SchemaGenerator) -> Schema {
    let mut properties = Map::new();
    for name in THEME_VARIABLES {
        let kind = ThemeValue::of(name);
        let reference = format!("#/$defs/{}", kind.schema_name());
        properties.insert(name.to_owned(), serde_json::json!({ "$ref": reference }));
        let definitions = generator.definitions_mut();
        if !definitions.contains_key(kind.schema_name()) {
            definitions.insert(
                kind.schema_name().to_owned(),
                serde_json::json!({
                    "description": kind.description(),
                    "type": "string",
                    "maxLength": THEME_VALUE_MAX,
                    "pattern": kind.pattern(),
                }),
            );
        }
    }
    json_schema!({
        "description": "Values for the widget's CSS custom properties, named without the --repay- prefix (docs/embedding.md#look). Nothing that makes the browser fetch (url(), image-set()), at most 200 characters.",
        "type": "object",
        "propertyNames": { "enum": THEME_VARIABLES },
        "properties": Value::Object(properties),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csrf_pattern_names_every_taken_header_in_any_case() {
        let mut generator = SchemaGenerator::default();
        let schema = csrf_header(&mut generator);
        let pattern = schema.get("pattern").and_then(Value::as_str).unwrap();
        assert!(pattern.contains("[Ii][Dd][Ee][Mm][Pp][Oo][Tt][Ee][Nn][Cc][Yy]-[Kk][Ee][Yy]"));
        assert!(pattern.contains("(?![Pp][Rr][Oo][Xx][Yy]-|[Ss][Ee][Cc]-)"));
    }
}

//! The widget's look: the theme's custom properties, each held to the kind of value it
//! takes (a value that can only paint), and the shadow root's stylesheet.

use repay_engine::{EngineError, InvalidReason};
use serde::Deserialize;
use std::collections::BTreeMap;

use crate::links::{check_link, LinkUse, Page};

/// The widget's look, from the configuration's `theme`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ThemeWire {
    /// Values for the widget's CSS custom properties, named without the `--repay-`
    /// prefix: `{"color-accent": "#0b5cad", "radius": "4px"}`. See [`THEME_VARIABLES`].
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::theme::theme_variables")
    )]
    pub variables: BTreeMap<String, String>,
    /// Render inside a shadow root holding this stylesheet, out of reach of the host
    /// page's styles.
    #[serde(default)]
    pub shadow_dom: Option<ShadowDomWire>,
}

/// The stylesheet a widget in a shadow root loads (the host page's styles do not reach it).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ShadowDomWire {
    /// `repay-widget.css`: an `https://` address or a path on this site.
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::schema::stylesheet")
    )]
    pub stylesheet: String,
    /// Its Subresource Integrity hash (`sha384-…`, from the bundle's `integrity.json`).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(pattern(crate::schema::INTEGRITY_PATTERN))
    )]
    pub integrity: Option<String>,
}

/// The CSS custom properties a host may set, without their `--repay-` prefix. Every one
/// is declared in `styles/widget.css` (a test checks) and documented in `docs/embedding.md`.
pub const THEME_VARIABLES: [&str; 20] = [
    "color-surface",
    "color-text",
    "color-muted",
    "color-accent",
    "color-accent-text",
    "color-border",
    "color-emphasis-bg",
    "color-danger",
    "color-focus",
    "color-good",
    "color-series-0",
    "color-series-1",
    "color-series-2",
    "color-series-3",
    "font",
    "font-size",
    "radius",
    "space",
    "density",
    "max-width",
];

/// What a theme variable may hold: a value that can only paint, never make the browser
/// fetch something (`url(…)`, `image-set(…)`, `src(…)`) or break out of its declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeValue {
    /// `#0b5cad`, a colour keyword, or `rgb()`/`hsl()`/`oklch()`… of numbers.
    Colour,
    /// `0`, or a number with a unit: `4px`, `1.25rem`, `60%`.
    Length,
    /// A number: `0.8`.
    Number,
    /// Font family names, quoted or not, separated by commas.
    FontFamilies,
}

impl ThemeValue {
    pub fn of(name: &str) -> Self {
        match name {
            "font" => Self::FontFamilies,
            "density" => Self::Number,
            "font-size" | "radius" | "space" | "max-width" => Self::Length,
            _ => Self::Colour,
        }
    }

    /// Whether `value` is one this kind allows: the rule the schema's pattern states too
    /// (`schema.rs`, built from the same lists; a test holds the two to the same answers).
    pub fn allows(self, value: &str) -> bool {
        let value = value.trim();
        match self {
            Self::Colour => is_colour(value),
            Self::Length => is_length(value),
            Self::Number => is_number(value),
            Self::FontFamilies => value.split(',').all(is_font_family),
        }
    }
}

/// `1`, `0.8`, `.5`: digits with at most one decimal point.
fn is_number(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    digits > 0
        && text.chars().all(|c| c.is_ascii_digit() || c == '.')
        && text.matches('.').count() <= 1
}

/// The units a length may have, in any case: the check here and the schema's pattern.
pub const LENGTH_UNITS: [&str; 11] = [
    "px", "rem", "em", "%", "vw", "vh", "vmin", "vmax", "ch", "ex", "pt",
];

/// The colour functions a colour may be written with, in any case.
pub const COLOUR_FUNCTIONS: [&str; 9] = [
    "rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch",
];

/// The characters a colour function's arguments may hold besides ASCII letters and digits.
pub const COLOUR_ARGUMENT_MARKS: &str = " .,%/+-";

/// The characters a font family name may not hold (besides control characters): each
/// could end the declaration, start a function or an escape, or close a quote.
pub const FONT_FORBIDDEN: &str = "\"'(){}[];:<>\\/@!*,#$%&=?^`|~+";

fn is_length(text: &str) -> bool {
    // By `get`, never by slicing: a value in another script ends inside a character.
    text == "0"
        || LENGTH_UNITS.iter().any(|unit| {
            let split = text.len().saturating_sub(unit.len());
            match (text.get(..split), text.get(split..)) {
                (Some(number), Some(end)) => {
                    !number.is_empty() && end.eq_ignore_ascii_case(unit) && is_number(number)
                }
                _ => false,
            }
        })
}

fn is_colour(text: &str) -> bool {
    if let Some(hex) = text.strip_prefix('#') {
        return matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    if text.chars().all(|c| c.is_ascii_alphabetic()) {
        // A colour keyword (`rebeccapurple`, `transparent`, `currentColor`).
        return !text.is_empty();
    }
    let Some((function, rest)) = text.split_once('(') else {
        return false;
    };
    let Some(arguments) = rest.strip_suffix(')') else {
        return false;
    };
    COLOUR_FUNCTIONS
        .iter()
        .any(|f| function.eq_ignore_ascii_case(f))
        && arguments
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || COLOUR_ARGUMENT_MARKS.contains(c))
}

/// `Noto Sans`, `"PingFang SC"`, `微软雅黑`: a name in any script, optionally in one
/// pair of quotes, without the characters that could start anything but a name
/// (a function's parentheses, an escape, a declaration's or rule's end, a quote inside).
fn is_font_family(name: &str) -> bool {
    let name = name.trim();
    let inner = ['"', '\''].iter().find_map(|quote| {
        name.strip_prefix(*quote)
            .and_then(|rest| rest.strip_suffix(*quote))
    });
    let inner = inner.unwrap_or(name);
    !inner.trim().is_empty()
        && !inner
            .chars()
            .any(|c| c.is_control() || FONT_FORBIDDEN.contains(c))
}

/// Checks the theme: known variables, each with a value of its kind ([`ThemeValue`]),
/// and a stylesheet address that cannot run script.
/// Checks the theme. A variable that is unknown, or whose value is not allowed, is a
/// cosmetic mistake that must not take the tool away from a customer: it is dropped (the
/// widget keeps its default for it) and returned as a warning for the product team. The
/// shadow root's stylesheet is a security matter and stays an error.
pub(crate) fn check_theme(
    theme: &mut ThemeWire,
    page: &dyn Page,
) -> Result<Vec<EngineError>, EngineError> {
    let mut ignored = Vec::new();
    theme.variables.retain(|name, value| {
        let path = format!("theme.variables.{name}");
        let reason = if !THEME_VARIABLES.contains(&name.as_str()) {
            InvalidReason::UnknownField
        } else if value.len() > THEME_VALUE_MAX || !ThemeValue::of(name).allows(value) {
            InvalidReason::NotAllowed
        } else {
            return true;
        };
        ignored.push(EngineError::invalid(path, reason));
        false
    });
    if let Some(shadow) = &mut theme.shadow_dom {
        shadow.stylesheet = check_link(
            "theme.shadow_dom.stylesheet",
            &shadow.stylesheet,
            LinkUse::Link,
            page,
        )?;
        let sri = ["sha256-", "sha384-", "sha512-"];
        if let Some(integrity) = &shadow.integrity {
            if !sri.iter().any(|prefix| integrity.starts_with(prefix)) {
                let path = "theme.shadow_dom.integrity";
                return Err(EngineError::invalid(path, InvalidReason::NotAllowed));
            }
        }
    }
    Ok(ignored)
}

/// The longest theme value, in bytes.
pub const THEME_VALUE_MAX: usize = 200;

/// The theme's part of the JSON Schema, built from the same lists the checks use.
#[cfg(feature = "schema")]
mod schema {
    use schemars::{json_schema, Schema, SchemaGenerator};
    use serde_json::{Map, Value};

    use super::{ThemeValue, THEME_VALUE_MAX, THEME_VARIABLES};
    use crate::schema::{any_case, literal};

    /// [`crate::theme::FONT_FORBIDDEN`] and the control characters, as a character class's
    /// inside.
    fn font_forbidden() -> String {
        format!(
            r"\u0000-\u001f\u007f-\u009f{}",
            literal(crate::theme::FONT_FORBIDDEN).replace('[', r"\[")
        )
    }

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
        pub(crate) fn pattern(self) -> String {
            match self {
                Self::Colour => {
                    let functions: Vec<String> = crate::theme::COLOUR_FUNCTIONS
                        .iter()
                        .map(|f| any_case(f))
                        .collect();
                    format!(
                        r"^\s*(#([0-9A-Fa-f]{{3,4}}|[0-9A-Fa-f]{{6}}|[0-9A-Fa-f]{{8}})|[A-Za-z]+|({})\([A-Za-z0-9{}]*\))\s*$",
                        functions.join("|"),
                        literal(crate::theme::COLOUR_ARGUMENT_MARKS)
                    )
                }
                Self::Length => {
                    let units: Vec<String> = crate::theme::LENGTH_UNITS
                        .iter()
                        .map(|u| any_case(u))
                        .collect();
                    format!(
                        r"^\s*(0|([0-9]+\.?[0-9]*|\.[0-9]+)({}))\s*$",
                        units.join("|")
                    )
                }
                Self::Number => r"^\s*([0-9]+\.?[0-9]*|\.[0-9]+)\s*$".to_owned(),
                Self::FontFamilies => {
                    let bad = font_forbidden();
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
}

#[cfg(feature = "schema")]
pub use schema::theme_variables;

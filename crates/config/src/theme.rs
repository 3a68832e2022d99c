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
        schemars(schema_with = "crate::schema::theme_variables")
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

    fn allows(self, value: &str) -> bool {
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

fn is_length(text: &str) -> bool {
    const UNITS: [&str; 11] = [
        "px", "rem", "em", "%", "vw", "vh", "vmin", "vmax", "ch", "ex", "pt",
    ];
    text == "0"
        || UNITS.iter().any(|unit| {
            text.len() > unit.len()
                && text[text.len() - unit.len()..].eq_ignore_ascii_case(unit)
                && is_number(&text[..text.len() - unit.len()])
        })
}

fn is_colour(text: &str) -> bool {
    const FUNCTIONS: [&str; 9] = [
        "rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch",
    ];
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
    FUNCTIONS.iter().any(|f| function.eq_ignore_ascii_case(f))
        && arguments
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " .,%/+-".contains(c))
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
            .any(|c| c.is_control() || "\"'(){}[];:<>\\/@!*,#$%&=?^`|~+".contains(c))
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

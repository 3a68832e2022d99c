//! The engine's one error type: every failure names the input field it came from and a
//! machine-readable reason the widget translates.

use thiserror::Error;

/// Why an input was refused. `code()` is stable: the widget's message catalog keys on it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InvalidReason {
    #[error("is not a decimal number")]
    NotADecimal,
    #[error("has more than {max_decimals} decimal places")]
    TooPrecise { max_decimals: u32 },
    #[error("must not be negative")]
    Negative,
    #[error("is too large")]
    Overflow,
    #[error("is not a supported currency code")]
    UnsupportedCurrency,
    #[error("is not a supported locale")]
    UnsupportedLocale,
    #[error("is not a valid date (expected YYYY-MM-DD)")]
    ImpossibleDate,
    #[error("is missing")]
    Missing,
    #[error("is not a field this engine knows")]
    UnknownField,
    #[error("has the wrong type")]
    WrongType,
    #[error("is larger than {other}")]
    ExceedsOther { other: &'static str },
    #[error("is before {other}")]
    BeforeOther { other: &'static str },
    #[error("is after {other}")]
    AfterOther { other: &'static str },
    #[error("uses a different currency")]
    CurrencyMismatch,
    #[error("is not an allowed value")]
    NotAllowed,
    #[error("is outside the terms the policy allows")]
    TermOutsidePolicy,
    #[error("appears more than once in its object")]
    DuplicateKey,
    #[error("has no entries")]
    Empty,
    #[error("has more than {max} entries")]
    TooMany { max: usize },
    /// A text that must keep the placeholders it replaces (a bank's own wording).
    #[error("must keep exactly the placeholders {expected}")]
    Placeholders { expected: String },
    /// A counted text that must give its language's CLDR plural forms.
    #[error("must give the plural forms {expected}")]
    PluralForms { expected: String },
}

impl InvalidReason {
    /// A stable, machine-readable code for this reason.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotADecimal => "not_a_decimal",
            Self::TooPrecise { .. } => "too_precise",
            Self::Negative => "negative",
            Self::Overflow => "overflow",
            Self::UnsupportedCurrency => "unsupported_currency",
            Self::UnsupportedLocale => "unsupported_locale",
            Self::ImpossibleDate => "impossible_date",
            Self::Missing => "missing",
            Self::UnknownField => "unknown_field",
            Self::WrongType => "wrong_type",
            Self::ExceedsOther { .. } => "exceeds_other",
            Self::BeforeOther { .. } => "before_other",
            Self::AfterOther { .. } => "after_other",
            Self::CurrencyMismatch => "currency_mismatch",
            Self::NotAllowed => "not_allowed",
            Self::TermOutsidePolicy => "term_outside_policy",
            Self::DuplicateKey => "duplicate_key",
            Self::Empty => "empty",
            Self::TooMany { .. } => "too_many",
            Self::Placeholders { .. } => "placeholders",
            Self::PluralForms { .. } => "plural_forms",
        }
    }
}

/// How deeply arrays and objects may nest in any JSON the project reads: serde_json's
/// recursion limit (it refuses the 128th level), and the widget's reader's.
pub const MAX_JSON_DEPTH: u32 = 127;

/// Every way the engine refuses its input.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EngineError {
    /// A field holds a value the engine cannot use; `path` is a dotted JSON path.
    #[error("{path} {reason}")]
    Invalid { path: String, reason: InvalidReason },
    /// The document is JSON, but its arrays and objects nest more than `limit` levels
    /// deep at `line`:`column`; nothing deeper is read, so no reader can be made to
    /// exhaust its stack.
    #[error("nested more than {limit} levels deep at line {line}, column {column}")]
    TooDeep {
        line: usize,
        column: usize,
        limit: u32,
    },
    /// The document is not JSON at all, or not the expected shape at `line`:`column`.
    #[error("malformed JSON at line {line}, column {column}: {message}")]
    MalformedJson {
        line: usize,
        column: usize,
        message: String,
    },
}

impl EngineError {
    /// A refusal of the field at `path` for `reason`.
    pub fn invalid(path: impl Into<String>, reason: InvalidReason) -> Self {
        Self::Invalid {
            path: path.into(),
            reason,
        }
    }

    /// The error for JSON that could not be read into the expected shape.
    pub fn from_json(error: serde_json::Error) -> Self {
        // serde_json stops at its recursion limit with this message, as a syntax error.
        if error.to_string().starts_with("recursion limit exceeded") {
            return Self::TooDeep {
                line: error.line(),
                column: error.column(),
                limit: MAX_JSON_DEPTH,
            };
        }
        Self::MalformedJson {
            line: error.line(),
            column: error.column(),
            message: error.to_string(),
        }
    }

    /// The error for a document that is JSON but not the expected shape, naming the
    /// field: an unknown or missing field, a wrong type, an unknown variant. For text
    /// already read whole as JSON ([`crate::read_json`] checks it first).
    #[cfg(feature = "field-paths")]
    pub(crate) fn from_shape(error: serde_path_to_error::Error<serde_json::Error>) -> Self {
        let path = error.path().to_string();
        Self::from_located(error.into_inner(), &path)
    }

    /// As [`EngineError::from_shape`], where `path` leads to the object holding the fault
    /// (`"."` for the root, or unknown without the `field-paths` feature).
    pub(crate) fn from_located(inner: serde_json::Error, path: &str) -> Self {
        if inner.is_syntax() {
            // Only ever called on text already read whole as JSON (`read_json` checks it
            // first): serde_json words a value of the wrong shape for an enum (`{}` where
            // a name belongs) as a syntax error, but the text is JSON. It is the shape.
            let path = if path == "." { "" } else { path };
            return Self::invalid(path, InvalidReason::WrongType);
        }
        if !inner.is_data() {
            return Self::from_json(inner);
        }
        Self::from_shape_message(&inner.to_string(), path)
    }

    /// The error for serde's message about a document of the wrong shape (from any
    /// format), where `path` leads to the object holding the fault (`"."` when unknown).
    pub fn from_shape_message(message: &str, path: &str) -> Self {
        // serde words these messages the same way in every format; a missing field's name
        // is the first `quoted` word (its path stops at the object that lacks it).
        let quoted = message
            .split('`')
            .nth(1)
            .filter(|name| !name.is_empty())
            .map(str::to_owned);
        let join = |name: Option<String>| match (path, name) {
            (".", Some(name)) | ("", Some(name)) => name,
            (parent, Some(name)) => format!("{parent}.{name}"),
            (parent, None) => parent.to_owned(),
        };
        let (path, reason) = if message.starts_with("unknown field") {
            // A known path already ends at the unknown key; otherwise name the key.
            let name = if path == "." { quoted } else { None };
            (join(name), InvalidReason::UnknownField)
        } else if message.starts_with("missing field") {
            (join(quoted), InvalidReason::Missing)
        } else if message.starts_with("unknown variant") {
            (join(None), InvalidReason::NotAllowed)
        } else {
            (join(None), InvalidReason::WrongType)
        };
        Self::Invalid { path, reason }
    }

    /// Moves this error under `prefix`, so nested parsers report full paths.
    pub fn under(self, prefix: &str) -> Self {
        match self {
            Self::Invalid { path, reason } => Self::Invalid {
                path: if path.is_empty() {
                    prefix.to_owned()
                } else {
                    format!("{prefix}.{path}")
                },
                reason,
            },
            other => other,
        }
    }
}

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
        }
    }
}

/// Every way the engine refuses its input.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EngineError {
    /// A field holds a value the engine cannot use; `path` is a dotted JSON path.
    #[error("{path} {reason}")]
    Invalid { path: String, reason: InvalidReason },
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
        Self::MalformedJson {
            line: error.line(),
            column: error.column(),
            message: error.to_string(),
        }
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

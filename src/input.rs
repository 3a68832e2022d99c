//! What the customer types, made into engine values — forgiving of how people write
//! numbers (spaces, grouping commas, full-width digits from a Chinese keyboard), strict
//! about what they mean. Each failure is an [`InputError`] the field shows next to itself.

use jiff::civil::Date;
use repay_engine::account::parse_iso_date;
use repay_engine::{Currency, InvalidReason, Money};
use thiserror::Error;

/// Why a typed value cannot be used. The widget translates each into a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum InputError {
    #[error("empty")]
    Empty,
    #[error("not a number")]
    NotANumber,
    #[error("negative")]
    Negative,
    #[error("zero")]
    Zero,
    #[error("more than {max} decimal places")]
    TooManyDecimals { max: u32 },
    #[error("too large")]
    TooLarge,
    #[error("not a date")]
    NotADate,
    #[error("before {earliest}")]
    TooEarly { earliest: Date },
    #[error("after {latest}")]
    TooLate { latest: Date },
}

/// Rewrites what a person typed as a plain decimal: full-width digits and punctuation
/// become ASCII, spaces and grouping commas go, a leading currency sign goes.
fn normalise(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
            '．' | '。' => Some('.'),
            '－' | '−' => Some('-'),
            ',' | '，' | ' ' | '\u{a0}' | '\u{3000}' | '_' | '\'' => None,
            '¥' | '￥' | '$' | '€' | '£' => None,
            other => Some(other),
        })
        .collect()
}

/// An amount the customer typed, in `currency`, zero or more.
///
/// ```
/// use repay_widget::input::{parse_amount, InputError};
/// let cny = repay_engine::Currency::from_code("CNY").unwrap();
/// assert_eq!(parse_amount("８,０００．５", cny).unwrap().to_string(), "8000.50");
/// assert_eq!(parse_amount("abc", cny), Err(InputError::NotANumber));
/// assert_eq!(parse_amount("-5", cny), Err(InputError::Negative));
/// ```
///
/// # Errors
///
/// [`InputError::Empty`], [`InputError::NotANumber`], [`InputError::Negative`],
/// [`InputError::TooManyDecimals`] or [`InputError::TooLarge`].
pub fn parse_amount(text: &str, currency: Currency) -> Result<Money, InputError> {
    let plain = normalise(text);
    if plain.is_empty() {
        return Err(InputError::Empty);
    }
    let money = Money::parse(&plain, currency).map_err(|reason| match reason {
        InvalidReason::TooPrecise { max_decimals } => {
            InputError::TooManyDecimals { max: max_decimals }
        }
        InvalidReason::Overflow => InputError::TooLarge,
        _ => InputError::NotANumber,
    })?;
    if money.is_negative() {
        return Err(InputError::Negative);
    }
    Ok(money)
}

/// A date from an `<input type="date">` (always `YYYY-MM-DD`), within `earliest..=latest`.
///
/// # Errors
///
/// [`InputError::Empty`], [`InputError::NotADate`], [`InputError::TooEarly`] or
/// [`InputError::TooLate`].
pub fn parse_date(text: &str, earliest: Date, latest: Date) -> Result<Date, InputError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(InputError::Empty);
    }
    let date = parse_iso_date(text).ok_or(InputError::NotADate)?;
    if date < earliest {
        Err(InputError::TooEarly { earliest })
    } else if date > latest {
        Err(InputError::TooLate { latest })
    } else {
        Ok(date)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn cny() -> Currency {
        Currency::from_code("CNY").unwrap()
    }

    #[test]
    fn people_write_numbers_many_ways() {
        for (typed, amount) in [
            ("8000", "8000.00"),
            (" 8,000.50 ", "8000.50"),
            ("８０００", "8000.00"),
            ("¥12 345", "12345.00"),
            ("0.5", "0.50"),
            ("1'000", "1000.00"),
        ] {
            assert_eq!(
                parse_amount(typed, cny()).unwrap().to_string(),
                amount,
                "{typed:?}"
            );
        }
    }

    #[test]
    fn what_cannot_be_an_amount_says_why() {
        assert_eq!(parse_amount("", cny()), Err(InputError::Empty));
        assert_eq!(parse_amount("   ", cny()), Err(InputError::Empty));
        assert_eq!(parse_amount("eight", cny()), Err(InputError::NotANumber));
        assert_eq!(parse_amount("1e5", cny()), Err(InputError::NotANumber));
        assert_eq!(parse_amount("-1", cny()), Err(InputError::Negative));
        assert_eq!(
            parse_amount("1.234", cny()),
            Err(InputError::TooManyDecimals { max: 2 })
        );
        assert_eq!(
            parse_amount("9999999999999999", cny()),
            Err(InputError::TooLarge)
        );
    }

    #[test]
    fn dates_stay_inside_their_window() {
        let (from, to) = (date(2026, 11, 28), date(2027, 1, 2));
        assert_eq!(parse_date("2026-12-28", from, to), Ok(date(2026, 12, 28)));
        assert_eq!(
            parse_date("2026-11-27", from, to),
            Err(InputError::TooEarly { earliest: from })
        );
        assert_eq!(
            parse_date("2027-01-03", from, to),
            Err(InputError::TooLate { latest: to })
        );
        assert_eq!(
            parse_date("2027-02-30", from, to),
            Err(InputError::NotADate)
        );
        assert_eq!(parse_date("", from, to), Err(InputError::Empty));
    }
}

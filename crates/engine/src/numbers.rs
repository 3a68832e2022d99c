//! Strict parsing of the non-money decimals in a policy: rates and shares.

use rust_decimal::Decimal;

use crate::error::{EngineError, InvalidReason};

/// Decimal places a rate or share may carry; more is a data error, not precision.
const MAX_RATE_DECIMALS: usize = 10;

/// The value of a plain decimal whose shape the caller has checked (an optional `-`,
/// digits, at most one `.` with digits after it), or `None` past 28 significant digits.
///
/// Hand-rolled rather than `Decimal::from_str`, which also reads exponents and is
/// several kilobytes of the widget's wasm.
pub(crate) fn plain_decimal(text: &str) -> Option<Decimal> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut mantissa: i128 = 0;
    let mut scale: u32 = 0;
    let mut after_point = false;
    for byte in unsigned.bytes() {
        match byte {
            b'.' if !after_point => after_point = true,
            b'0'..=b'9' => {
                mantissa = mantissa
                    .checked_mul(10)?
                    .checked_add(i128::from(byte - b'0'))?;
                if after_point {
                    scale += 1;
                }
            }
            _ => return None,
        }
    }
    let signed = if negative { -mantissa } else { mantissa };
    Decimal::try_from_i128_with_scale(signed, scale).ok()
}

/// Parses a plain decimal such as `"0.0005"` (no exponent, no sign but `-`, no spaces).
///
/// # Errors
///
/// [`InvalidReason::NotADecimal`] or [`InvalidReason::TooPrecise`] at `path`.
pub fn parse_decimal(path: &str, text: &str) -> Result<Decimal, EngineError> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (integer, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    let well_formed = !integer.is_empty()
        && digits(integer)
        && digits(fraction)
        && (fraction.is_empty() != unsigned.contains('.'))
        && integer.len() <= 6;
    if !well_formed {
        return Err(EngineError::invalid(path, InvalidReason::NotADecimal));
    }
    if fraction.len() > MAX_RATE_DECIMALS {
        return Err(EngineError::invalid(
            path,
            InvalidReason::TooPrecise {
                max_decimals: MAX_RATE_DECIMALS as u32,
            },
        ));
    }
    plain_decimal(text).ok_or_else(|| EngineError::invalid(path, InvalidReason::NotADecimal))
}

/// Parses a share or rate between 0 and 1 inclusive.
///
/// # Errors
///
/// As [`parse_decimal`], plus [`InvalidReason::Negative`] below 0 and
/// [`InvalidReason::NotAllowed`] above 1.
pub fn parse_share(path: &str, text: &str) -> Result<Decimal, EngineError> {
    let value = parse_decimal(path, text)?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(EngineError::invalid(path, InvalidReason::Negative));
    }
    if value > Decimal::ONE {
        return Err(EngineError::invalid(path, InvalidReason::NotAllowed));
    }
    Ok(value)
}

/// Sorts a short list (policy stages, terms, timeline events: tens of items) by `key`,
/// stably. An insertion sort: the standard library's sorts are kilobytes of the widget's
/// wasm, and these lists are tiny.
pub(crate) fn sort_small_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && key(&items[j - 1]) > key(&items[j]) {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_decimals_read_exactly() {
        for text in [
            "0",
            "-0",
            "12.50",
            "0.0005",
            "-3.25",
            "79228162514264337593543950335",
        ] {
            assert_eq!(plain_decimal(text), text.parse::<Decimal>().ok(), "{text}");
        }
        assert_eq!(plain_decimal("0.0005").unwrap().scale(), 4);
        assert_eq!(plain_decimal("1.2.3"), None);
        assert_eq!(plain_decimal("792281625142643375935439503350"), None);
    }

    #[test]
    fn small_sorts_are_stable() {
        let mut items = [(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        sort_small_by_key(&mut items, |item| item.0);
        assert_eq!(items, [(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn shares_are_between_zero_and_one() {
        assert_eq!(parse_share("x", "0.5").unwrap(), Decimal::new(5, 1));
        assert_eq!(parse_share("x", "1").unwrap(), Decimal::ONE);
        assert_eq!(
            parse_share("x", "1.01"),
            Err(EngineError::invalid("x", InvalidReason::NotAllowed))
        );
        assert_eq!(
            parse_share("x", "-0.1"),
            Err(EngineError::invalid("x", InvalidReason::Negative))
        );
        for bad in ["", ".5", "5.", "1e-3", "0,5", " 0.5", "0.5%"] {
            assert_eq!(
                parse_share("x", bad),
                Err(EngineError::invalid("x", InvalidReason::NotADecimal)),
                "{bad:?}"
            );
        }
    }
}

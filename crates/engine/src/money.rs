//! Exact money: a [`Decimal`] held at exactly its currency's minor units, with explicit
//! rounding and checked arithmetic. There is no floating point anywhere in the engine.

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::error::InvalidReason;

/// The largest number of integer digits an amount may have. A card balance of a
/// quadrillion in any currency is a data error, and the bound keeps every later product
/// and sum far inside `Decimal`'s range.
const MAX_INTEGER_DIGITS: usize = 15;

/// ISO 4217 currencies the engine knows, with their minor units.
const CURRENCIES: &[(&str, u32)] = &[
    ("AUD", 2),
    ("BHD", 3),
    ("CAD", 2),
    ("CHF", 2),
    ("CNY", 2),
    ("EUR", 2),
    ("GBP", 2),
    ("HKD", 2),
    ("JOD", 3),
    ("JPY", 0),
    ("KRW", 0),
    ("KWD", 3),
    ("MOP", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("SGD", 2),
    ("TND", 3),
    ("TWD", 2),
    ("USD", 2),
];

/// An ISO 4217 currency and the number of decimal places its amounts carry.
///
/// # Examples
///
/// ```
/// use repay_engine::Currency;
/// let yen = Currency::from_code("JPY")?;
/// assert_eq!(yen.minor_units(), 0);
/// # Ok::<(), repay_engine::InvalidReason>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    code: &'static str,
    minor_units: u32,
}

impl Currency {
    /// Looks up a currency by its upper-case ISO 4217 code.
    ///
    /// # Errors
    ///
    /// [`InvalidReason::UnsupportedCurrency`] for a code the engine does not know.
    pub fn from_code(code: &str) -> Result<Self, InvalidReason> {
        CURRENCIES
            .iter()
            .find(|(known, _)| *known == code)
            .map(|&(code, minor_units)| Self { code, minor_units })
            .ok_or(InvalidReason::UnsupportedCurrency)
    }

    /// Every currency the engine knows, in code order.
    pub fn all() -> impl Iterator<Item = Self> {
        CURRENCIES
            .iter()
            .map(|&(code, minor_units)| Self { code, minor_units })
    }

    /// The ISO 4217 code, e.g. `"CNY"`.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// Decimal places in this currency's amounts: 2 for CNY, 0 for JPY, 3 for KWD.
    pub fn minor_units(&self) -> u32 {
        self.minor_units
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

/// How a computed amount is brought to minor units. A bank's policy chooses one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RoundingRule {
    /// Halves away from zero: 0.125 → 0.13 (the common banking rule in China and the US).
    #[default]
    HalfUp,
    /// Halves to the even neighbour: 0.125 → 0.12 ("banker's rounding").
    HalfEven,
}

impl RoundingRule {
    fn strategy(self) -> RoundingStrategy {
        match self {
            Self::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            Self::HalfEven => RoundingStrategy::MidpointNearestEven,
        }
    }
}

/// An exact amount of one currency, always held at exactly the currency's minor units.
///
/// # Examples
///
/// ```
/// use repay_engine::{Currency, Money};
/// let cny = Currency::from_code("CNY")?;
/// let a = Money::parse("1200.5", cny)?;
/// let b = Money::parse("0.75", cny)?;
/// assert_eq!(a.checked_add(b)?.to_string(), "1201.25");
/// # Ok::<(), repay_engine::InvalidReason>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// Zero in `currency`.
    pub fn zero(currency: Currency) -> Self {
        Self::at_scale(Decimal::ZERO, currency)
    }

    /// Parses a plain decimal string such as `"1234.56"` or `"-3"`.
    ///
    /// Only an optional leading minus, digits and at most one decimal point are accepted:
    /// no exponent, no grouping separators, no spaces, so what a person sees is what is
    /// parsed.
    ///
    /// # Errors
    ///
    /// [`InvalidReason::NotADecimal`] for anything else, [`InvalidReason::TooPrecise`] for
    /// more decimal places than the currency has, [`InvalidReason::Overflow`] for more than
    /// 15 integer digits.
    pub fn parse(text: &str, currency: Currency) -> Result<Self, InvalidReason> {
        let unsigned = text.strip_prefix('-').unwrap_or(text);
        let (integer, fraction) = match unsigned.split_once('.') {
            Some((integer, fraction)) => (integer, Some(fraction)),
            None => (unsigned, None),
        };
        let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(integer) || fraction.is_some_and(|f| !all_digits(f)) {
            return Err(InvalidReason::NotADecimal);
        }
        if integer.trim_start_matches('0').len() > MAX_INTEGER_DIGITS {
            return Err(InvalidReason::Overflow);
        }
        let decimals = fraction.map_or(0, str::len);
        if decimals > currency.minor_units as usize {
            return Err(InvalidReason::TooPrecise {
                max_decimals: currency.minor_units,
            });
        }
        let amount = crate::numbers::plain_decimal(text).ok_or(InvalidReason::NotADecimal)?;
        Ok(Self::at_scale(amount, currency))
    }

    /// An amount given in minor units: `from_minor(12345, CNY)` is 123.45.
    pub fn from_minor(minor: i64, currency: Currency) -> Self {
        Self::at_scale(Decimal::new(minor, currency.minor_units), currency)
    }

    /// Rounds an exact intermediate `value` to `currency`'s minor units by `rule`.
    ///
    /// # Examples
    ///
    /// ```
    /// use repay_engine::{Currency, Money, RoundingRule};
    /// use rust_decimal::Decimal;
    /// let usd = Currency::from_code("USD")?;
    /// let half_cent = Decimal::new(125, 3); // 0.125
    /// assert_eq!(Money::round(half_cent, usd, RoundingRule::HalfUp).to_string(), "0.13");
    /// assert_eq!(Money::round(half_cent, usd, RoundingRule::HalfEven).to_string(), "0.12");
    /// # Ok::<(), repay_engine::InvalidReason>(())
    /// ```
    pub fn round(value: Decimal, currency: Currency, rule: RoundingRule) -> Self {
        let rounded = value.round_dp_with_strategy(currency.minor_units, rule.strategy());
        Self::at_scale(rounded, currency)
    }

    fn at_scale(mut amount: Decimal, currency: Currency) -> Self {
        // Every constructor has already made the value exact at this scale, so rescaling
        // only adds trailing zeros; it never rounds.
        amount.rescale(currency.minor_units);
        Self { amount, currency }
    }

    /// The amount as a count of minor units (`12.34` CNY is 1234, `800` JPY is 800).
    pub fn in_minor_units(&self) -> i128 {
        // Every `Money` is held at exactly its currency's scale.
        self.amount.mantissa()
    }

    /// The exact amount.
    pub fn amount(&self) -> Decimal {
        self.amount
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// True when the amount is below zero.
    pub fn is_negative(&self) -> bool {
        self.amount.is_sign_negative() && !self.amount.is_zero()
    }

    /// True when the amount is exactly zero.
    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }

    /// `self + other`.
    ///
    /// # Errors
    ///
    /// [`InvalidReason::CurrencyMismatch`] across currencies, [`InvalidReason::Overflow`]
    /// past `Decimal`'s range.
    pub fn checked_add(self, other: Money) -> Result<Money, InvalidReason> {
        self.same_currency(other)?;
        let sum = self
            .amount
            .checked_add(other.amount)
            .ok_or(InvalidReason::Overflow)?;
        Ok(Self::at_scale(sum, self.currency))
    }

    /// `self - other`.
    ///
    /// # Errors
    ///
    /// As [`Money::checked_add`].
    pub fn checked_sub(self, other: Money) -> Result<Money, InvalidReason> {
        self.same_currency(other)?;
        let difference = self
            .amount
            .checked_sub(other.amount)
            .ok_or(InvalidReason::Overflow)?;
        Ok(Self::at_scale(difference, self.currency))
    }

    /// `self × factor`, rounded to minor units by `rule`.
    ///
    /// # Errors
    ///
    /// [`InvalidReason::Overflow`] past `Decimal`'s range.
    pub fn times(self, factor: Decimal, rule: RoundingRule) -> Result<Money, InvalidReason> {
        let product = self
            .amount
            .checked_mul(factor)
            .ok_or(InvalidReason::Overflow)?;
        Ok(Self::round(product, self.currency, rule))
    }

    /// The larger of `self` and `floor` (same currency assumed: both come from one policy).
    pub fn at_least(self, floor: Money) -> Money {
        if floor.amount > self.amount {
            Self::at_scale(floor.amount, self.currency)
        } else {
            self
        }
    }

    /// The smaller of `self` and `ceiling`.
    pub fn at_most(self, ceiling: Money) -> Money {
        if ceiling.amount < self.amount {
            Self::at_scale(ceiling.amount, self.currency)
        } else {
            self
        }
    }

    /// Splits a non-negative amount into `parts` instalments that sum exactly to it: each
    /// but the last is the even share rounded down to minor units, and the last absorbs
    /// the remainder (so it is never smaller than the others).
    ///
    /// # Examples
    ///
    /// ```
    /// use repay_engine::{Currency, Money};
    /// let cny = Currency::from_code("CNY")?;
    /// let parts = Money::parse("100.00", cny)?.split_evenly(3);
    /// let texts: Vec<String> = parts.iter().map(ToString::to_string).collect();
    /// assert_eq!(texts, ["33.33", "33.33", "33.34"]);
    /// # Ok::<(), repay_engine::InvalidReason>(())
    /// ```
    pub fn split_evenly(self, parts: u32) -> Vec<Money> {
        if parts == 0 {
            return Vec::new();
        }
        let share = (self.amount / Decimal::from(parts))
            .round_dp_with_strategy(self.currency.minor_units, RoundingStrategy::ToZero);
        let share = Self::at_scale(share, self.currency);
        // share × (parts − 1) ≤ amount, so the subtraction cannot overflow or go negative.
        let taken = share.amount * Decimal::from(parts - 1);
        let last = Self::at_scale(self.amount - taken, self.currency);
        let mut split = vec![share; parts as usize - 1];
        split.push(last);
        split
    }

    fn same_currency(self, other: Money) -> Result<(), InvalidReason> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(InvalidReason::CurrencyMismatch)
        }
    }
}

impl fmt::Display for Money {
    /// The canonical decimal string, exactly at minor units: `"1234.50"`, `"800"` for JPY.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.amount, f)
    }
}

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cny() -> Currency {
        Currency::from_code("CNY").unwrap()
    }

    #[test]
    fn parses_plain_decimals_at_minor_units() {
        assert_eq!(Money::parse("12", cny()).unwrap().to_string(), "12.00");
        assert_eq!(Money::parse("0.5", cny()).unwrap().to_string(), "0.50");
        assert_eq!(Money::parse("-3.25", cny()).unwrap().to_string(), "-3.25");
        let jpy = Currency::from_code("JPY").unwrap();
        assert_eq!(Money::parse("800", jpy).unwrap().to_string(), "800");
    }

    #[test]
    fn refuses_what_a_person_would_misread() {
        for text in [
            "", "-", ".5", "5.", "1,000", "1e3", " 1", "1 ", "+1", "1.2.3", "¥1", "1_000",
        ] {
            assert_eq!(
                Money::parse(text, cny()),
                Err(InvalidReason::NotADecimal),
                "{text:?}"
            );
        }
    }

    #[test]
    fn refuses_more_decimals_than_the_currency_has() {
        assert_eq!(
            Money::parse("1.005", cny()),
            Err(InvalidReason::TooPrecise { max_decimals: 2 })
        );
        let jpy = Currency::from_code("JPY").unwrap();
        assert_eq!(
            Money::parse("1.5", jpy),
            Err(InvalidReason::TooPrecise { max_decimals: 0 })
        );
    }

    #[test]
    fn refuses_absurdly_large_amounts() {
        assert_eq!(
            Money::parse("1000000000000000", cny()),
            Err(InvalidReason::Overflow)
        );
        assert!(Money::parse("000000000000000000999", cny()).is_ok());
    }

    #[test]
    fn arithmetic_stays_in_one_currency() {
        let usd = Currency::from_code("USD").unwrap();
        let a = Money::from_minor(100, cny());
        let b = Money::from_minor(100, usd);
        assert_eq!(a.checked_add(b), Err(InvalidReason::CurrencyMismatch));
        assert_eq!(a.checked_sub(a).unwrap(), Money::zero(cny()));
    }

    #[test]
    fn splitting_keeps_every_minor_unit() {
        let jpy = Currency::from_code("JPY").unwrap();
        let parts = Money::from_minor(1000, jpy).split_evenly(7);
        assert_eq!(parts.len(), 7);
        assert_eq!(parts[0].to_string(), "142");
        assert_eq!(parts[6].to_string(), "148");
        let sum = parts
            .iter()
            .fold(Money::zero(jpy), |a, b| a.checked_add(*b).unwrap());
        assert_eq!(sum, Money::from_minor(1000, jpy));
        assert!(Money::from_minor(5, jpy).split_evenly(0).is_empty());
    }

    #[test]
    fn unknown_currencies_are_refused() {
        assert_eq!(
            Currency::from_code("XXX"),
            Err(InvalidReason::UnsupportedCurrency)
        );
        assert_eq!(
            Currency::from_code("cny"),
            Err(InvalidReason::UnsupportedCurrency)
        );
    }
}

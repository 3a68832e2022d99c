//! The true annualised cost of a plan: the internal rate of return of its actual dated
//! cash flows, as a nominal and an effective annual rate.
//!
//! A rate is not money: it is found by an iterative solver, so it is computed in `f64`
//! and reported rounded to 0.0001 % (six decimal places of the fraction). To give the
//! same digits in the browser and on the bank's server, the solver uses only `+ − × ÷`
//! (powers by repeated squaring, no `powf`/`exp`/`ln`), which IEEE 754 makes identical on
//! every platform.

use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;

/// Days in the year used to annualise a daily rate.
const DAYS_PER_YEAR: u32 = 365;
/// Decimal places of the reported rate fraction: 0.182500 is 18.25 %.
const RATE_DECIMALS: u32 = 6;
/// The solver's bracket for the daily rate: 0 to 5 % a day (far above any lawful cost).
const MAX_DAILY_RATE: f64 = 0.05;

/// A dated cash flow: `amount` on `day` days after the start; positive is what the
/// customer keeps (the amount owed today that they do not pay today), negative what
/// they pay.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CashFlow {
    pub day: u32,
    pub amount: Decimal,
}

/// An annualised rate, as fractions (0.1825 is 18.25 %).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AnnualisedRate {
    /// The daily internal rate of return × 365.
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Rate"))]
    pub nominal: Decimal,
    /// (1 + daily internal rate of return)^365 − 1: what the plan really costs a year.
    #[serde(with = "rust_decimal::serde::str")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Rate"))]
    pub effective: Decimal,
}

/// `base^exponent` by repeated squaring: only multiplications, so bit-identical everywhere.
fn power(base: f64, mut exponent: u32) -> f64 {
    let mut result = 1.0;
    let mut square = base;
    while exponent > 0 {
        if exponent & 1 == 1 {
            result *= square;
        }
        square *= square;
        exponent >>= 1;
    }
    result
}

/// Net present value of `flows` at daily rate `rate`, and its derivative.
fn npv(flows: &[(u32, f64)], rate: f64) -> (f64, f64) {
    let growth = 1.0 + rate;
    flows
        .iter()
        .fold((0.0, 0.0), |(value, slope), &(day, amount)| {
            let discount = 1.0 / power(growth, day);
            (
                value + amount * discount,
                slope - f64::from(day) * amount * discount / growth,
            )
        })
}

fn to_rate_decimal_lossy(value: f64) -> Option<Decimal> {
    Decimal::from_f64(value).map(at_rate_scale)
}

/// A rate at exactly six decimal places, so every rate prints the same way.
fn at_rate_scale(value: Decimal) -> Decimal {
    let mut rate = value.round_dp(RATE_DECIMALS);
    rate.rescale(RATE_DECIMALS);
    rate
}

/// The annualised rate of `flows`, or `None` when there is no credit to price (everything
/// is paid on day 0), or the flows do not describe a cost (the customer pays back less
/// than they keep).
///
/// # Examples
///
/// ```
/// use repay_engine::rates::{annualised_rate, CashFlow};
/// use rust_decimal::Decimal;
/// // Keep 1000 today, pay 1010 in 30 days: 1 % a month.
/// let rate = annualised_rate(&[
///     CashFlow { day: 0, amount: Decimal::new(1000, 0) },
///     CashFlow { day: 30, amount: Decimal::new(-1010, 0) },
/// ]).unwrap();
/// assert_eq!(rate.nominal.round_dp(4).to_string(), "0.1211");
/// assert_eq!(rate.effective.round_dp(4).to_string(), "0.1287");
/// ```
pub fn annualised_rate(flows: &[CashFlow]) -> Option<AnnualisedRate> {
    if flows.iter().all(|f| f.day == 0) {
        return None;
    }
    let net: Decimal = flows.iter().map(|f| f.amount).sum();
    if net > Decimal::ZERO {
        return None;
    }
    if net.is_zero() {
        return Some(AnnualisedRate {
            nominal: at_rate_scale(Decimal::ZERO),
            effective: at_rate_scale(Decimal::ZERO),
        });
    }
    let flows: Vec<(u32, f64)> = flows
        .iter()
        .map(|f| {
            use rust_decimal::prelude::ToPrimitive;
            (f.day, f.amount.to_f64().unwrap_or(0.0))
        })
        .collect();
    // NPV rises with the rate (later payments weigh less): at 0 it is the net (< 0).
    let (mut low, mut high) = (0.0_f64, MAX_DAILY_RATE);
    if npv(&flows, high).0 < 0.0 {
        return None;
    }
    let mut rate = MAX_DAILY_RATE / 1000.0;
    for _ in 0..200 {
        let (value, slope) = npv(&flows, rate);
        if value < 0.0 {
            low = rate;
        } else {
            high = rate;
        }
        // Newton's step when it stays inside the bracket, bisection otherwise.
        let newton = if slope != 0.0 {
            rate - value / slope
        } else {
            f64::NAN
        };
        let next = if newton > low && newton < high {
            newton
        } else {
            (low + high) / 2.0
        };
        if (next - rate).abs() < 1e-16 || high - low < 1e-16 {
            rate = next;
            break;
        }
        rate = next;
    }
    Some(AnnualisedRate {
        nominal: to_rate_decimal_lossy(rate * f64::from(DAYS_PER_YEAR))?,
        effective: to_rate_decimal_lossy(power(1.0 + rate, DAYS_PER_YEAR) - 1.0)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow(day: u32, units: i64) -> CashFlow {
        CashFlow {
            day,
            amount: Decimal::from(units),
        }
    }

    #[test]
    fn no_credit_has_no_rate() {
        assert_eq!(annualised_rate(&[flow(0, 100), flow(0, -100)]), None);
    }

    #[test]
    fn paying_back_exactly_what_is_kept_costs_nothing() {
        let rate = annualised_rate(&[flow(0, 300), flow(30, -150), flow(61, -150)]).unwrap();
        assert_eq!(rate.nominal, Decimal::ZERO);
        assert_eq!(rate.effective, Decimal::ZERO);
    }

    #[test]
    fn paying_back_less_is_not_a_cost() {
        assert_eq!(annualised_rate(&[flow(0, 100), flow(30, -90)]), None);
    }

    #[test]
    fn one_year_at_ten_percent_effective() {
        // Keep 1000, pay 1100 after exactly 365 days: the effective rate is 10 %.
        let rate = annualised_rate(&[flow(0, 1000), flow(365, -1100)]).unwrap();
        assert_eq!(rate.effective.round_dp(4), Decimal::new(1000, 4));
    }
}

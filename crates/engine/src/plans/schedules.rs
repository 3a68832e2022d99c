//! Dated payments: spreading an amount over monthly payments under a pricing (flat
//! fee, level payments, equal principal), with the rounding the policy sets.

use jiff::civil::Date;
use rust_decimal::Decimal;

use super::offers::Builder;
use super::{DateText, Instalment};
use crate::calendar::add_months;
use crate::error::InvalidReason;
use crate::money::{Money, RoundingRule};

/// The pricing of a spread: how interest and fees are charged on the financed amount.
#[derive(Debug, Clone, Copy)]
pub(super) enum Spread {
    FlatFee { monthly_fee_rate: Decimal },
    Annuity { monthly_rate: Decimal },
    EqualPrincipal { monthly_rate: Decimal },
}

impl Builder<'_> {
    /// Spreads `financed` over `term` monthly payments from `first`. No payment is ever
    /// zero: an amount of fewer minor units than `term` is spread over that many payments
    /// of one unit or more, and a schedule stops as soon as the balance is repaid.
    pub(super) fn spread(
        &self,
        financed: Money,
        term: u32,
        first: Date,
        pricing: Spread,
    ) -> Result<Vec<Instalment>, InvalidReason> {
        let rule = self.rounding();
        let zero = self.zero();
        let due = |n: u32| {
            add_months(first, n)
                .map(DateText)
                .ok_or(InvalidReason::Overflow)
        };
        if financed.amount() <= Decimal::ZERO {
            return Ok(Vec::new());
        }
        let term = u32::try_from(financed.in_minor_units())
            .map_or(term, |units| term.min(units))
            .max(1);
        let mut rows = Vec::with_capacity(term as usize);
        let mut balance = financed;
        match pricing {
            Spread::FlatFee { monthly_fee_rate } => {
                let fee = financed.times(monthly_fee_rate, rule)?;
                for (n, principal) in financed.split_evenly(term).into_iter().enumerate() {
                    balance = balance.checked_sub(principal)?;
                    rows.push(Instalment {
                        number: n as u32 + 1,
                        due_date: due(n as u32)?,
                        principal,
                        interest: zero,
                        fee,
                        total: principal.checked_add(fee)?,
                        remaining_balance: balance,
                    });
                }
            }
            Spread::EqualPrincipal { monthly_rate } => {
                for (n, principal) in financed.split_evenly(term).into_iter().enumerate() {
                    let interest = balance.times(monthly_rate, rule)?;
                    balance = balance.checked_sub(principal)?;
                    rows.push(Instalment {
                        number: n as u32 + 1,
                        due_date: due(n as u32)?,
                        principal,
                        interest,
                        fee: zero,
                        total: principal.checked_add(interest)?,
                        remaining_balance: balance,
                    });
                }
            }
            Spread::Annuity { monthly_rate } => {
                if monthly_rate.is_zero() {
                    return self.spread(
                        financed,
                        term,
                        first,
                        Spread::EqualPrincipal { monthly_rate },
                    );
                }
                let payment = annuity_payment(financed, monthly_rate, term, rule)?;
                for n in 0..term {
                    if balance.is_zero() {
                        // Rounding the payment up repaid a tiny amount early.
                        break;
                    }
                    let interest = balance.times(monthly_rate, rule)?;
                    // The last payment clears the balance exactly, absorbing rounding.
                    let principal = if n + 1 == term {
                        balance
                    } else {
                        payment
                            .checked_sub(interest)?
                            .at_least(zero)
                            .at_most(balance)
                    };
                    balance = balance.checked_sub(principal)?;
                    rows.push(Instalment {
                        number: n + 1,
                        due_date: due(n)?,
                        principal,
                        interest,
                        fee: zero,
                        total: principal.checked_add(interest)?,
                        remaining_balance: balance,
                    });
                }
            }
        }
        Ok(rows)
    }
}

/// The level payment that repays `principal` over `term` months at `monthly_rate`:
/// P·r / (1 − (1 + r)^−n), rounded by `rule`.
fn annuity_payment(
    principal: Money,
    monthly_rate: Decimal,
    term: u32,
    rule: RoundingRule,
) -> Result<Money, InvalidReason> {
    let mut growth = Decimal::ONE;
    let factor = Decimal::ONE + monthly_rate;
    for _ in 0..term {
        growth = growth.checked_mul(factor).ok_or(InvalidReason::Overflow)?;
    }
    // P·r·g / (g − 1) with g = (1 + r)^n, the same formula without a negative power.
    let numerator = principal
        .amount()
        .checked_mul(monthly_rate)
        .and_then(|x| x.checked_mul(growth))
        .ok_or(InvalidReason::Overflow)?;
    let payment = numerator
        .checked_div(growth - Decimal::ONE)
        .ok_or(InvalidReason::Overflow)?;
    Ok(Money::round(payment, principal.currency(), rule))
}

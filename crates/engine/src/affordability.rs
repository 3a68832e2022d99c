//! What the customer can afford: from monthly income and essential expenses, the monthly
//! amount the policy expects can be repaid, the plans that fit it, and one to suggest.
//!
//! The budget figures stay wherever this runs (the customer's browser): nothing here
//! stores or sends them.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::error::{EngineError, InvalidReason};
use crate::money::Money;
use crate::plans::{Plan, Verdict};
use crate::policy::Policy;

/// The customer's monthly budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub monthly_income: Money,
    pub essential_expenses: Money,
}

/// The outcome of the budget check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Affordability {
    /// Income less essential expenses (zero when expenses are higher).
    pub disposable_income: Money,
    /// The share of disposable income the policy expects can go to repayment, rounded
    /// down to minor units.
    pub affordable_monthly: Money,
    /// Indices (into the plans given) of the allowed plans whose regular payment fits.
    pub fitting: Vec<usize>,
    /// The suggested plan: among those that fit, the ones approved on the spot when any
    /// is, and of those the one that costs least counted to their common horizon
    /// (interest on what a plan leaves on the card included), then the shortest
    /// ([`crate::plans::agreed_first`], [`crate::plans::cheapest`]).
    pub recommended: Option<usize>,
}

impl Budget {
    /// Checks a budget: both figures non-negative, in the account's currency.
    ///
    /// # Errors
    ///
    /// [`EngineError::Invalid`] at `monthly_income` or `essential_expenses`.
    pub fn new(monthly_income: Money, essential_expenses: Money) -> Result<Self, EngineError> {
        for (path, value) in [
            ("monthly_income", monthly_income),
            ("essential_expenses", essential_expenses),
        ] {
            if value.is_negative() {
                return Err(EngineError::invalid(path, InvalidReason::Negative));
            }
        }
        if monthly_income.currency() != essential_expenses.currency() {
            return Err(EngineError::invalid(
                "essential_expenses",
                InvalidReason::CurrencyMismatch,
            ));
        }
        Ok(Self {
            monthly_income,
            essential_expenses,
        })
    }
}

/// Checks `plans` against `budget` under `policy`'s affordability share.
///
/// # Errors
///
/// [`EngineError::Invalid`] when the budget's currency is not the plans' currency.
///
/// # Examples
///
/// ```
/// use repay_engine::affordability::{affordability, Budget};
/// use repay_engine::{all_plans, Money, PlanChoice, Scenario};
/// let s = Scenario::from_json(include_str!("../data/cn-card.json"))?;
/// let plans = all_plans(&s.account, &s.policy, &PlanChoice::default())?;
/// let cny = s.account.currency;
/// let budget = Budget::new(Money::parse("9000", cny)?, Money::parse("7000", cny)?)?;
/// let check = affordability(&budget, &s.policy, &plans)?;
/// assert_eq!(check.affordable_monthly.to_string(), "1000.00");
/// assert!(check.recommended.is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn affordability(
    budget: &Budget,
    policy: &Policy,
    plans: &[Plan],
) -> Result<Affordability, EngineError> {
    let currency = budget.monthly_income.currency();
    if plans.iter().any(|p| p.owed_today.currency() != currency) {
        return Err(EngineError::invalid(
            "monthly_income",
            InvalidReason::CurrencyMismatch,
        ));
    }
    let disposable = budget
        .monthly_income
        .checked_sub(budget.essential_expenses)
        .map_err(|r| EngineError::invalid("monthly_income", r))?
        .at_least(Money::zero(currency));
    let affordable = (disposable.amount() * policy.affordability_share)
        .round_dp_with_strategy(currency.minor_units(), RoundingStrategy::ToZero);
    let affordable = Money::round(affordable, currency, policy.rounding);
    let fitting: Vec<usize> = plans
        .iter()
        .enumerate()
        .filter(|(_, plan)| !matches!(plan.verdict, Verdict::NotAllowed { .. }))
        .filter(|(_, plan)| plan.instalment_amount.amount() <= affordable.amount())
        .map(|(index, _)| index)
        .collect();
    let fits: Vec<&Plan> = fitting.iter().map(|&index| &plans[index]).collect();
    let (candidates, _) = crate::plans::agreed_first(&fits);
    let recommended = crate::plans::cheapest(policy, &candidates, |_| 0)?
        .and_then(|(plan, _)| plans.iter().position(|p| std::ptr::eq(p, plan)));
    Ok(Affordability {
        disposable_income: disposable,
        affordable_monthly: affordable,
        fitting,
        recommended,
    })
}

/// The share of `affordable` a payment takes, for "uses 40 % of what you can afford".
pub fn share_of(payment: Money, affordable: Money) -> Option<Decimal> {
    if affordable.is_zero() {
        return None;
    }
    Some((payment.amount() / affordable.amount()).round_dp(4))
}

/// The shortest term of instalment or hardship offer `offer` whose regular payment fits
/// `affordable`, if any: longer terms lower the payment, so this is the cheapest plan of
/// that offer the customer can keep up with.
///
/// # Errors
///
/// As [`crate::plan_for`].
pub fn shortest_fitting_term(
    account: &crate::AccountSnapshot,
    policy: &Policy,
    offer: usize,
    choice: &crate::PlanChoice,
    affordable: Money,
) -> Result<Option<u32>, EngineError> {
    use crate::policy::PlanOffer;
    // Only spreads: a longer period before a review does not lower its payments.
    let terms = match policy.plans.get(offer) {
        Some(spread @ (PlanOffer::Instalment { .. } | PlanOffer::Hardship { .. })) => {
            spread.terms(policy.max_term_months)
        }
        _ => return Ok(None),
    };
    let fits = |term: u32| -> Result<bool, EngineError> {
        let choice = crate::PlanChoice {
            term_months: Some(term),
            ..choice.clone()
        };
        let plan = crate::plan_for(account, policy, offer, &choice)?;
        Ok(plan.instalment_amount.amount() <= affordable.amount())
    };
    // The payment falls as the term grows: binary search for the first term that fits.
    let (mut low, mut high) = (0, terms.len());
    while low < high {
        let middle = (low + high) / 2;
        if fits(terms[middle])? {
            high = middle;
        } else {
            low = middle + 1;
        }
    }
    Ok(terms.get(low).copied())
}

/// Every plan the policy offers, each instalment or hardship plan at the shortest term
/// whose payments fit `affordable` ([`shortest_fitting_term`]) when one does, else at its
/// default (the shortest offered, which costs least): the plans a customer who gave a
/// budget is shown before choosing a term themselves.
///
/// # Errors
///
/// As [`crate::plan_for`].
pub fn plans_fitting(
    account: &crate::AccountSnapshot,
    policy: &Policy,
    choice: &crate::PlanChoice,
    affordable: Option<Money>,
) -> Result<Vec<Plan>, EngineError> {
    (0..policy.plans.len())
        .map(|offer| {
            let term = match affordable {
                Some(affordable) => {
                    shortest_fitting_term(account, policy, offer, choice, affordable)?
                }
                None => None,
            };
            let choice = crate::PlanChoice {
                term_months: term.or(choice.term_months),
                ..choice.clone()
            };
            crate::plan_for(account, policy, offer, &choice)
        })
        .collect()
}

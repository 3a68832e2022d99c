//! Advice as claims: every sentence the widget says that rests on a date or an amount is
//! one of these values, made here with the figures it rests on, so that the view only
//! translates it and a test can check it on the engine's own timeline, as the money is
//! checked (`tests/claims.rs`).
//!
//! The rule every "pay X by D" claim keeps is [`crate::status::avoids`]: paying X on D
//! stops the harm, under the bank's policy, for the account as it will stand on D. Each
//! claim also says why D is its last day: the day after, the harm comes, or a charge is
//! added first (after which the amount no longer holds, since the next statement's
//! minimum is not known here). Dates a customer pays by are the bank's working days.
//! The rules, with worked examples, are in `docs/engine.md` ("Advice").

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::account::AccountSnapshot;
use crate::calendar::{days_between, DateText};
use crate::error::EngineError;
use crate::money::Money;
use crate::plans::{Plan, PlanKind, Verdict};
use crate::policy::{Consequence, PlanOffer, Policy, Pricing};
use crate::policy::{CreditRecord, OfferKind};
use crate::status::{least_on, status, Deadline, Harm, PartEffect, PartPayment, Status};

/// Days in the month over which interest on a balance left on the card is stated.
pub const MONTH_DAYS: u32 = 30;

/// "Paying `amount` by `by` avoids it": paying that much on any day up to and including
/// `by` stops the harm the claim is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PayBy {
    pub amount: Money,
    pub by: DateText,
    /// Why `by` is the last day: `false`, the harm itself comes the next working day
    /// (or the day after `by`); `true`, a charge is added before it (a late fee, penalty
    /// interest starting), after which more is needed.
    pub until_charge: bool,
}

/// Pay the overdue amount now: what brings the account current by the last working day
/// before the first thing on the timeline, which avoids everything on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PayNow {
    /// What brings the account current today.
    pub today: Money,
    /// What brings it current on `pay.by` (penalty interest accrues meanwhile), and by when.
    pub pay: PayBy,
    /// The first thing that would happen, and its date.
    pub first_date: DateText,
    pub first_harms: Vec<Harm>,
}

/// What matters most: the most severe harm to come (the earliest of equals), and the
/// least that stops it paid by a day that holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Leading {
    pub deadline: Deadline,
    pub pay: PayBy,
    /// When other things come sooner: the day by which bringing the account current
    /// avoids everything ([`PayNow`]'s).
    pub sooner: Option<DateText>,
}

/// The next charge (a late fee or penalty interest starting) and the least that stops it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextCharge {
    pub deadline: Deadline,
    pub pay: PayBy,
}

/// Whether a plan stops a harm that comes before its first payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stop {
    /// The plan is agreed on the spot and stops it.
    Agreed,
    /// The plan is reviewed, and the policy pauses it while the bank reviews.
    PausedWhileReviewed,
    /// The plan is reviewed and nothing pauses it meanwhile: it stops once the bank
    /// agrees, if that is before the harm's date.
    OnceAgreed,
    /// The plan does not stop it (the credit record stays late under this kind of plan,
    /// or the policy does not say what the plan means for the record).
    NotStopped,
}

/// A harm that comes on or before a plan's first payment is taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HarmBeforePayment {
    pub deadline: Deadline,
    pub stop: Stop,
    /// What avoids it otherwise.
    pub avoid: Option<PayBy>,
}

/// A balance a plan leaves on the card, at the card's ordinary rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LeftOnCard {
    pub amount: Money,
    /// The card's yearly rate.
    #[serde(with = "rust_decimal::serde::str")]
    pub yearly_rate: Decimal,
    /// Interest on `amount` for [`MONTH_DAYS`] days at the card's daily rate.
    pub monthly_interest: Money,
}

/// The review that ends a reduced-rate or token-payment plan, and what the period
/// itself charges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReviewNote {
    /// The day the bank reviews the plan with the customer ([`Plan::review_date`]).
    pub date: DateText,
    /// What is still owed then ([`Plan::left_after`]).
    pub owed: Money,
    /// The card's yearly rate, which applies to `owed` again unless something else is
    /// agreed at the review; the rate [`Plan::cost_to`] counts after the plan's end.
    #[serde(with = "rust_decimal::serde::str")]
    pub card_rate: Decimal,
    /// The rate charged during the period: the offer's reduced rate, zero for token
    /// payments with charges frozen, the card's rate otherwise.
    #[serde(with = "rust_decimal::serde::str")]
    pub period_rate: Decimal,
    /// For token payments: whether interest and fees are frozen during the period.
    pub charges_frozen: Option<bool>,
    /// The period's length in months.
    pub months: u32,
}

/// Why a plan's true annual rate differs from the rate its offer states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RateNote {
    /// The rate the offer states (an instalment's annual rate; a hardship plan's share of
    /// the card's rate; the card's rate for a deferral or the customer's own plan).
    #[serde(with = "rust_decimal::serde::str")]
    pub stated: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub nominal: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub effective: Decimal,
    /// Days from today to the first payment, which carries a whole month's interest:
    /// fewer than a month's days raise the true rate, more lower it.
    pub first_period_days: u32,
    /// Days in the month before the first payment's month day, for comparison.
    pub month_days: u32,
    /// The plan charges fees as well as interest (a flat monthly fee is all fee).
    pub fees: bool,
}

/// What a plan comes with beyond its figures, as claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanAdvice {
    pub offer: usize,
    /// What stays on the card once the plan's payments are made.
    pub left_on_card: Option<LeftOnCard>,
    /// What the plan costs counted to [`Advice::horizon`]: its own cost, and interest at
    /// the card's rate on what it leaves on the card until then.
    pub cost_to_horizon: Money,
    /// Harms that come on or before the first payment is taken, in date order.
    pub before_first_payment: Vec<HarmBeforePayment>,
    /// The first payment's date is not a working day: the day it is taken.
    pub first_taken_on: Option<DateText>,
    pub rate: Option<RateNote>,
    /// For a plan that ends in a review with something still owed.
    pub review: Option<ReviewNote>,
}

/// Everything the status and the plans claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Advice {
    pub pay_now: Option<PayNow>,
    pub leading: Option<Leading>,
    pub next_charge: Option<NextCharge>,
    /// See [`StatusAdvice::grace_until`].
    pub grace_until: Option<DateText>,
    /// The day plans are compared to: the latest end of the plans the bank allows.
    pub horizon: DateText,
    /// One per plan given, in order.
    pub plans: Vec<PlanAdvice>,
}

/// Whether a consequence is a charge: after it, what stops a later harm grows.
fn is_charge(consequence: Consequence) -> bool {
    matches!(
        consequence,
        Consequence::LateFee | Consequence::PenaltyInterest
    )
}

/// The least that stops `deadline`'s harm, and the last day it holds: the day before the
/// harm, or before the first charge that comes earlier: the timeline's act-before day,
/// already the last working day ([`crate::status::TimelineEvent::act_before`]).
///
/// # Errors
///
/// As [`least_on`].
pub fn pay_to_avoid(
    account: &AccountSnapshot,
    policy: &Policy,
    status: &Status,
    deadline: &Deadline,
) -> Result<Option<PayBy>, EngineError> {
    let charge_first = status
        .timeline
        .iter()
        .filter(|event| event.date < deadline.date)
        .find(|event| event.harms.iter().any(|h| is_charge(h.consequence)));
    let (last, until_charge) = match charge_first {
        Some(event) => (event.act_before.0, true),
        None => (deadline.act_before.0, false),
    };
    if last < account.as_of {
        return Ok(None);
    }
    let by = last;
    let amount = least_on(account, policy, by, deadline.harm.consequence)?;
    Ok(amount.map(|amount| PayBy {
        amount,
        by: DateText(by),
        until_charge,
    }))
}

/// The status's claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusAdvice {
    pub pay_now: Option<PayNow>,
    pub leading: Option<Leading>,
    pub next_charge: Option<NextCharge>,
    /// Inside the grace period: the last day paying what is owed avoids every charge
    /// (the first charge's act-before day). `None` outside it, or with no charge to come.
    pub grace_until: Option<DateText>,
}

/// The status's claims: pay now, what matters most, the next charge, the grace period's
/// last day.
///
/// # Errors
///
/// As [`status`] and [`least_on`].
pub fn status_advice(
    account: &AccountSnapshot,
    policy: &Policy,
    status: &Status,
) -> Result<StatusAdvice, EngineError> {
    let overflow = |r| EngineError::invalid("advice", r);
    let pay_now = match status.pay_by() {
        Some(first) if first.act_before.0 >= account.as_of => {
            let by = first.act_before.0;
            let then = crate::status::projected(account, policy, by)?;
            Some(PayNow {
                today: status.amount_to_bring_current,
                pay: PayBy {
                    amount: then.amount_to_bring_current().map_err(overflow)?,
                    by: DateText(by),
                    until_charge: false,
                },
                first_date: first.date,
                first_harms: first.harms.clone(),
            })
        }
        _ => None,
    };
    let leading = match status.leading() {
        Some(deadline) => pay_to_avoid(account, policy, status, deadline)?.map(|pay| Leading {
            deadline: *deadline,
            pay,
            sooner: pay_now.as_ref().map(|p| p.pay.by).filter(|by| *by < pay.by),
        }),
        None => None,
    };
    let next_charge = match status.next_charge() {
        Some(deadline) => pay_to_avoid(account, policy, status, deadline)?.map(|pay| NextCharge {
            deadline: *deadline,
            pay,
        }),
        None => None,
    };
    let grace_until = status
        .next_charge()
        .filter(|charge| status.in_grace_period && charge.act_before.0 >= account.as_of)
        .map(|charge| charge.act_before);
    Ok(StatusAdvice {
        pay_now,
        leading,
        next_charge,
        grace_until,
    })
}

/// For each consequence a part payment made today does not stop: what more, paid by
/// when, stops it (paid in all by that day, the payment made today counting towards it).
/// `None` for what the part payment already stops.
///
/// # Errors
///
/// As [`pay_to_avoid`].
pub fn after_part(
    account: &AccountSnapshot,
    policy: &Policy,
    part: &PartPayment,
) -> Result<Vec<Option<PayBy>>, EngineError> {
    let before = status(account, policy)?;
    part.outcomes
        .iter()
        .map(|outcome| {
            if outcome.effect == PartEffect::Avoided {
                return Ok(None);
            }
            let Some(pay) = pay_to_avoid(account, policy, &before, &outcome.deadline)? else {
                return Ok(None);
            };
            let more = pay
                .amount
                .checked_sub(part.paid)
                .map_err(|r| EngineError::invalid("paid", r))?;
            Ok((!more.is_negative() && !more.is_zero()).then_some(PayBy {
                amount: more,
                ..pay
            }))
        })
        .collect()
}

/// Whether an agreed plan of `kind` stops `consequence`: every charge and stage stops
/// (the plan's own figures count everything owed until it ends), and a late report too
/// unless the policy says the record stays late under it, or says nothing.
fn agreed_stops(policy: &Policy, kind: OfferKind, consequence: Consequence) -> bool {
    if consequence != Consequence::CreditBureauReport {
        return true;
    }
    policy
        .plan_effects
        .of(kind)
        .is_some_and(|effects| effects.credit_record != CreditRecord::LateUntilPaid)
}

/// Whether the policy pauses `consequence` while the bank reviews a proposal.
fn paused_while_reviewed(policy: &Policy, consequence: Consequence) -> bool {
    let review = policy.while_reviewed;
    match consequence {
        Consequence::LateFee | Consequence::PenaltyInterest => review.charges_paused,
        Consequence::CreditBureauReport => review.reporting_paused,
        _ => false,
    }
}

/// The rate an offer states, if it states one.
fn stated_rate(policy: &Policy, offer: &PlanOffer) -> Option<Decimal> {
    match offer {
        PlanOffer::Instalment { pricing, .. } => match pricing {
            Pricing::Annuity { annual_rate } | Pricing::EqualPrincipal { annual_rate } => {
                Some(*annual_rate)
            }
            Pricing::FlatFee { .. } => Some(Decimal::ZERO),
        },
        PlanOffer::Hardship {
            interest_rate_factor,
            ..
        } => Some(policy.interest.yearly * interest_rate_factor),
        PlanOffer::ReducedRate { annual_rate, .. } => Some(*annual_rate),
        PlanOffer::TokenPayments { charges_frozen, .. } => Some(if *charges_frozen {
            Decimal::ZERO
        } else {
            policy.interest.yearly
        }),
        PlanOffer::Deferral { .. } | PlanOffer::Custom { .. } => Some(policy.interest.yearly),
        _ => None,
    }
}

/// The claims that come with one plan.
fn plan_advice(
    account: &AccountSnapshot,
    policy: &Policy,
    status: &Status,
    plan: &Plan,
    horizon: Date,
) -> Result<PlanAdvice, EngineError> {
    let overflow = |r| EngineError::invalid("advice", r);
    let kind = policy.plans.get(plan.offer).map(PlanOffer::kind);
    let left = plan.left_after();
    let left_on_card = (!left.is_zero() && plan.kind == PlanKind::BringCurrent)
        .then(|| {
            Ok::<_, EngineError>(LeftOnCard {
                amount: left,
                yearly_rate: policy.interest.yearly,
                monthly_interest: crate::plans::card_interest(policy, left, i64::from(MONTH_DAYS))
                    .map_err(overflow)?,
            })
        })
        .transpose()?;
    let first = plan.first_payment_date.0;
    let taken = policy.working_days.on_or_after(first);
    let allowed = !matches!(plan.verdict, Verdict::NotAllowed { .. });
    let mut before_first_payment = Vec::new();
    if allowed && !plan.schedule.is_empty() {
        for deadline in status.deadlines.iter().filter(|d| d.date.0 <= taken) {
            let consequence = deadline.harm.consequence;
            let stops = kind.is_some_and(|k| agreed_stops(policy, k, consequence));
            let stop = match (&plan.verdict, stops) {
                (Verdict::ApprovedInstantly, true) => Stop::Agreed,
                (Verdict::NeedsReview { .. }, true)
                    if paused_while_reviewed(policy, consequence) =>
                {
                    Stop::PausedWhileReviewed
                }
                (Verdict::NeedsReview { .. }, true) => Stop::OnceAgreed,
                _ => Stop::NotStopped,
            };
            before_first_payment.push(HarmBeforePayment {
                deadline: *deadline,
                stop,
                avoid: pay_to_avoid(account, policy, status, deadline)?,
            });
        }
    }
    let rate = match (&plan.annualised_rate, policy.plans.get(plan.offer)) {
        (Some(rate), Some(offer)) => stated_rate(policy, offer).map(|stated| {
            let month_days = crate::calendar::add_months(account.as_of, 1)
                .map_or(MONTH_DAYS, |next| {
                    u32::try_from(days_between(account.as_of, next)).unwrap_or(MONTH_DAYS)
                });
            RateNote {
                stated,
                nominal: rate.nominal,
                effective: rate.effective,
                first_period_days: u32::try_from(days_between(account.as_of, first)).unwrap_or(0),
                month_days,
                fees: plan.schedule.iter().any(|row| !row.fee.is_zero()),
            }
        }),
        _ => None,
    };
    let offer = policy.plans.get(plan.offer);
    let review = match (plan.review_date, offer) {
        (Some(date), Some(offer)) => Some(ReviewNote {
            date,
            owed: left,
            card_rate: policy.interest.yearly,
            period_rate: stated_rate(policy, offer).unwrap_or(policy.interest.yearly),
            charges_frozen: match offer {
                PlanOffer::TokenPayments { charges_frozen, .. } => Some(*charges_frozen),
                _ => None,
            },
            months: plan.term_months,
        }),
        _ => None,
    };
    Ok(PlanAdvice {
        offer: plan.offer,
        left_on_card,
        cost_to_horizon: plan.cost_to(policy, horizon)?,
        before_first_payment,
        first_taken_on: (taken != first && !plan.schedule.is_empty()).then_some(DateText(taken)),
        rate,
        review,
    })
}

/// Every claim the status and `plans` (one per offer, as shown) make.
///
/// # Errors
///
/// As [`status`], [`least_on`] and [`Plan::cost_to`].
///
/// # Examples
///
/// ```
/// use repay_engine::advice::advise;
/// use repay_engine::{all_plans, PlanChoice, Scenario};
/// let s = Scenario::from_json(include_str!("../data/us-card.json"))?;
/// let plans = all_plans(&s.account, &s.policy, &PlanChoice::default())?;
/// let advice = advise(&s.account, &s.policy, &plans)?;
/// let pay_now = advice.pay_now.unwrap();
/// // $107.00 by 23 December, the day before a late fee and penalty interest.
/// assert_eq!(pay_now.pay.amount.to_string(), "107.00");
/// assert_eq!(pay_now.pay.by.0, jiff::civil::date(2026, 12, 23));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn advise(
    account: &AccountSnapshot,
    policy: &Policy,
    plans: &[Plan],
) -> Result<Advice, EngineError> {
    let status = status(account, policy)?;
    let StatusAdvice {
        pay_now,
        leading,
        next_charge,
        grace_until,
    } = status_advice(account, policy, &status)?;
    let horizon = crate::plans::horizon(plans, account.as_of);
    let plans = plans
        .iter()
        .map(|plan| plan_advice(account, policy, &status, plan, horizon))
        .collect::<Result<_, _>>()?;
    Ok(Advice {
        pay_now,
        leading,
        next_charge,
        grace_until,
        horizon: DateText(horizon),
        plans,
    })
}

//! Repayment plans: every plan the policy offers, each with its dated schedule, totals,
//! annualised rate and a verdict (approved instantly, needs review, not allowed) with
//! the reasons.
//!
//! This module holds the plan's types and the entry points; `offers` applies each
//! kind of offer's rules and limits, `schedules` works out dated payments.

mod offers;
mod schedules;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::account::AccountSnapshot;
use crate::calendar::{add_days, add_months, WorkingDays};
use crate::error::{EngineError, InvalidReason};
use crate::money::Money;
use crate::policy::{PlanOffer, Policy};
use crate::rates::AnnualisedRate;

/// How an instalment plan is priced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PricingMethod {
    /// A flat monthly fee on the original principal.
    FlatFee,
    /// Level payments (等额本息).
    Annuity,
    /// Equal principal (等额本金).
    EqualPrincipal,
}

/// The kinds of plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlanKind {
    PayInFull,
    BringCurrent,
    Instalment {
        method: PricingMethod,
    },
    Hardship,
    Deferral,
    Settlement,
    /// A lower rate for a period, then a review.
    ReducedRate,
    /// Token payments for a period, then a review.
    TokenPayments,
    Custom,
}

impl PlanKind {
    /// Whether the plan repays what is owed in monthly payments over a term: instalments,
    /// hardship, and the two plans that end in a review.
    pub fn is_monthly(&self) -> bool {
        matches!(
            self,
            PlanKind::Instalment { .. }
                | PlanKind::Hardship
                | PlanKind::ReducedRate
                | PlanKind::TokenPayments
        )
    }

    /// Whether the plan runs for a period and ends in a review with the bank (reduced
    /// rate, token payments): its term is the period before the review.
    pub fn ends_in_review(&self) -> bool {
        matches!(self, PlanKind::ReducedRate | PlanKind::TokenPayments)
    }

    /// The kind of offer this plan was computed for.
    pub fn offer_kind(&self) -> crate::policy::OfferKind {
        match self {
            PlanKind::PayInFull => crate::policy::OfferKind::PayInFull,
            PlanKind::BringCurrent => crate::policy::OfferKind::BringCurrent,
            PlanKind::Instalment { .. } => crate::policy::OfferKind::Instalment,
            PlanKind::Hardship => crate::policy::OfferKind::Hardship,
            PlanKind::Deferral => crate::policy::OfferKind::Deferral,
            PlanKind::Settlement => crate::policy::OfferKind::Settlement,
            PlanKind::ReducedRate => crate::policy::OfferKind::ReducedRate,
            PlanKind::TokenPayments => crate::policy::OfferKind::TokenPayments,
            PlanKind::Custom => crate::policy::OfferKind::Custom,
        }
    }
}

/// Why a plan needs review or is not allowed. Stable codes the widget translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PlanReason {
    /// The chosen term is not one the bank offers for this plan.
    TermNotOffered,
    /// The regular instalment is below the bank's minimum.
    InstalmentBelowMinimum,
    /// The down payment is below the bank's minimum.
    DownPaymentBelowMinimum,
    /// The down payment is more than is owed.
    DownPaymentAboveOwed,
    /// The first payment is later than the bank allows.
    FirstPaymentTooLate,
    /// The first payment is before the snapshot's date.
    FirstPaymentInPast,
    /// Nothing is overdue, so there is nothing to bring current.
    NothingOverdue,
    /// The deferral is longer than the bank allows, or zero days.
    DeferralNotOffered,
    /// The settlement asks the bank to forgo more than it allows.
    DiscountAboveCap,
    /// The custom payments do not repay everything owed.
    CustomDoesNotCover,
    /// A custom payment is below the bank's minimum payment.
    CustomPaymentBelowMinimum,
    /// Custom payment dates are not in order, or before the snapshot's date.
    CustomDatesOutOfOrder,
    /// The custom payments run past the longest term the bank allows.
    CustomTermTooLong,
    /// No custom payments were given.
    CustomEmpty,
    /// The bank reviews this plan (or this term) before agreeing.
    ReviewedByBank,
    /// Nothing is past due, and the bank takes plans only once something is.
    BeforeArrearsNotOffered,
}

/// What a plan states beyond its figures, as the customer saw it, in the proposal:
/// stable codes the widget translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Statement {
    /// What the plan repays (its starting balance) includes charges already made:
    /// late fees (违约金) and penalty interest (罚息) not waived, folded into the amount
    /// spread as principal.
    ChargesFolded {
        late_fees: Money,
        penalty_interest: Money,
    },
    /// The card's annual fee is still charged while the plan runs.
    AnnualFeeContinues,
    /// No annual fee is charged while the plan runs.
    AnnualFeeWaived,
    /// Other fees and penalty interest are still added while the plan is kept.
    OtherChargesContinue,
    /// No other fees or penalty interest are added while the plan is kept.
    OtherChargesStop,
    /// Collection about the debt stops once the bank agrees.
    CollectionStops,
    /// No new card may be applied for with the bank until the plan is repaid.
    NoNewCards,
}

/// The policy's answer for a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Verdict {
    ApprovedInstantly,
    NeedsReview { reasons: Vec<PlanReason> },
    NotAllowed { reasons: Vec<PlanReason> },
}

/// One payment in a plan's schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Instalment {
    /// 0 for a down payment, then 1, 2, …
    pub number: u32,
    pub due_date: DateText,
    pub principal: Money,
    pub interest: Money,
    pub fee: Money,
    pub total: Money,
    /// What is still owed under the plan after this payment.
    pub remaining_balance: Money,
}

pub use crate::calendar::DateText;

/// A payment the customer picks for a custom plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CustomPayment {
    pub date: Date,
    pub amount: Money,
}

/// What the customer chose; anything left `None` takes the policy's default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanChoice {
    /// Months of instalments (instalment, hardship plans).
    pub term_months: Option<u32>,
    /// The first payment's date (instalment, hardship, settlement plans).
    pub first_payment_date: Option<Date>,
    /// Paid up front on the snapshot's date (instalment plans).
    pub down_payment: Option<Money>,
    /// Days to defer (deferral plans).
    pub deferral_days: Option<u32>,
    /// The one-off amount offered (settlement plans).
    pub settlement_amount: Option<Money>,
    /// The customer's own payments (custom plans).
    pub custom_payments: Vec<CustomPayment>,
}

impl PlanChoice {
    /// The choice with only the fields `offer` uses: the term and first payment date of an
    /// instalment (and its down payment) or hardship plan, the days of a deferral, the
    /// amount and date of a settlement, the payments of a custom plan, nothing for paying
    /// in full or bringing the account current. The plan computed from it is the same,
    /// and a proposal carries the choice in this one form.
    pub fn for_offer(&self, offer: &PlanOffer) -> Self {
        let mut used = Self::default();
        match offer {
            PlanOffer::PayInFull { .. } | PlanOffer::BringCurrent { .. } => {}
            PlanOffer::Instalment { .. } => {
                used.term_months = self.term_months;
                used.first_payment_date = self.first_payment_date;
                // No down payment has one spelling: none, never a zero.
                used.down_payment = self.down_payment.filter(|m| !m.is_zero());
            }
            PlanOffer::Hardship { .. }
            | PlanOffer::ReducedRate { .. }
            | PlanOffer::TokenPayments { .. } => {
                used.term_months = self.term_months;
                used.first_payment_date = self.first_payment_date;
            }
            PlanOffer::Deferral { .. } => used.deferral_days = self.deferral_days,
            PlanOffer::Settlement { .. } => {
                used.settlement_amount = self.settlement_amount;
                used.first_payment_date = self.first_payment_date;
            }
            PlanOffer::Custom { .. } => used.custom_payments = self.custom_payments.clone(),
        }
        used
    }
}

/// A fully computed plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Plan {
    /// Which of the policy's offers this is (its index in `policy.plans`).
    pub offer: usize,
    #[serde(flatten)]
    pub kind: PlanKind,
    /// The term in months the plan was computed for (the customer's, or the offer's
    /// default). A spread whose amount is too small for that many payments of at least
    /// one minor unit ends when it is repaid, so its schedule can hold fewer payments:
    /// see [`Plan::payments`].
    pub term_months: u32,
    /// Everything owed today, before any waiver.
    pub owed_today: Money,
    pub down_payment: Money,
    /// What the plan spreads: owed today, less waivers and the down payment.
    pub financed: Money,
    /// The largest regular payment (the first, for plans whose payments fall).
    pub instalment_amount: Money,
    pub schedule: Vec<Instalment>,
    pub total_paid: Money,
    /// Interest and fees the plan's payments pay. For a plan that repays everything,
    /// `total_paid = owed_today − amount_waived + total_cost`.
    pub total_cost: Money,
    pub amount_waived: Money,
    /// Interest accrued under the plan that its payments do not cover (a custom plan
    /// whose payments fall short); zero for every plan that repays everything. Interest
    /// is never added to the principal: it stays interest, owed, and earns no interest.
    pub unpaid_interest: Money,
    pub first_payment_date: DateText,
    pub end_date: DateText,
    /// `None` when nothing is spread over time (everything paid today). For a plan that
    /// ends in a review, the rate of the period: what is still owed at the review counts
    /// as repaid that day.
    pub annualised_rate: Option<AnnualisedRate>,
    /// For a plan that ends in a review (reduced rate, token payments) with something
    /// still owed: the day the bank reviews it with the customer, a month after the
    /// period's last payment. What is owed then is [`Plan::left_after`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_date: Option<DateText>,
    /// What the plan states beyond its figures: the charges folded into what it repays,
    /// and what the policy's agreement for its kind says (`plan_effects.*.agreement`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statements: Vec<Statement>,
    pub verdict: Verdict,
}

impl Plan {
    /// The number of payments after any down payment.
    pub fn payments(&self) -> usize {
        self.schedule.iter().filter(|row| row.number > 0).count()
    }

    /// What the plan starts from: everything owed today less what the bank waives.
    pub fn starting_balance(&self) -> Money {
        self.owed_today
            .checked_sub(self.amount_waived)
            .unwrap_or(self.owed_today)
    }

    /// What is still owed under the plan after `payments` payments (the down payment
    /// counts as one): its starting balance for 0, the last balance once the schedule
    /// has run out.
    pub fn balance_after(&self, payments: usize) -> Money {
        match payments.checked_sub(1) {
            None => self.starting_balance(),
            Some(index) => self
                .schedule
                .get(index)
                .or(self.schedule.last())
                .map_or_else(|| self.starting_balance(), |row| row.remaining_balance),
        }
    }

    /// What the plan leaves owed once its payments are made: what bringing the account
    /// current leaves on the card, what a customer's own payments fall short by.
    pub fn left_after(&self) -> Money {
        self.schedule
            .last()
            .map_or(Money::zero(self.owed_today.currency()), |row| {
                row.remaining_balance
            })
    }

    /// What the plan costs counted to `horizon`: its own cost, and interest at the card's
    /// ordinary rate on what it leaves on the card ([`Plan::left_after`]) from its last
    /// payment to `horizon`. Plans are compared on one horizon, so that a plan that
    /// costs nothing because it leaves the balance on the card is not called cheapest.
    ///
    /// # Errors
    ///
    /// [`EngineError::Invalid`] only when a sum overflows.
    pub fn cost_to(&self, policy: &Policy, horizon: Date) -> Result<Money, EngineError> {
        let overflow = |r| EngineError::invalid("plan", r);
        let days = crate::calendar::days_between(self.end_date.0, horizon);
        let interest = card_interest(policy, self.left_after(), days).map_err(overflow)?;
        self.total_cost.checked_add(interest).map_err(overflow)
    }

    /// Whether the plan's amount is repaid in fewer payments than its term, because it is
    /// too small to spread over the whole term in payments of at least one minor unit.
    pub fn ends_early(&self) -> bool {
        self.kind.is_monthly() && self.payments() < self.term_months as usize
    }
}

/// The first payment date a plan takes when the customer picks none: one month after
/// `as_of`, or the latest day the offer allows if that comes sooner, moved back to the
/// bank's last working day before it (never before `as_of`), so the default is always a
/// date the policy accepts and on which the payment is taken as scheduled.
///
/// # Examples
///
/// ```
/// use jiff::civil::date;
/// use repay_engine::calendar::WorkingDays;
/// use repay_engine::plans::default_first_payment;
/// let every_day = WorkingDays::default();
/// assert_eq!(default_first_payment(date(2026, 11, 28), 35, &every_day), date(2026, 12, 28));
/// // 20 January plus a month is 20 February, 31 days on: past a 30-day limit.
/// assert_eq!(default_first_payment(date(2026, 1, 20), 30, &every_day), date(2026, 2, 19));
/// ```
pub fn default_first_payment(as_of: Date, latest_days: u32, working: &WorkingDays) -> Date {
    let month_on = add_months(as_of, 1).unwrap_or(as_of);
    let latest = add_days(as_of, i64::from(latest_days)).unwrap_or(as_of);
    working.on_or_before(month_on.min(latest), as_of)
}

/// The day a one-off payment made to stay ahead of the timeline is due: the last working
/// day before the first thing that would happen if nothing were paid (what avoids every
/// harm, a credit report before a fee when it comes first), never before `as_of`; `as_of`
/// itself when nothing is coming.
///
/// # Errors
///
/// As [`crate::status::status`].
pub fn pay_ahead_date(account: &AccountSnapshot, policy: &Policy) -> Result<Date, EngineError> {
    let status = crate::status::status(account, policy)?;
    Ok(match status.pay_by() {
        // Already the last working day before the harm (`TimelineEvent::act_before`).
        Some(first) => first.act_before.0.max(account.as_of),
        None => account.as_of,
    })
}

/// Interest at the card's ordinary daily rate on `amount` for `days` days (none for a
/// negative count), rounded by the policy's rule: the cost of what stays on the card.
///
/// # Errors
///
/// [`InvalidReason::Overflow`] only past `Decimal`'s range.
pub fn card_interest(policy: &Policy, amount: Money, days: i64) -> Result<Money, InvalidReason> {
    let days = rust_decimal::Decimal::from(days.max(0));
    amount.times(policy.interest.daily * days, policy.rounding)
}

/// The day plans are compared to: the latest end among `plans` the bank allows (not
/// [`Verdict::NotAllowed`]), never before `as_of`.
pub fn horizon(plans: &[Plan], as_of: Date) -> Date {
    plans
        .iter()
        .filter(|p| !matches!(p.verdict, Verdict::NotAllowed { .. }))
        .map(|p| p.end_date.0)
        .max()
        .unwrap_or(as_of)
        .max(as_of)
}

/// What "costs least" was compared on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Compared {
    pub horizon: DateText,
    pub cost: Money,
    /// Only plans the bank agrees on the spot were compared (some of those that fit
    /// are, and they come before any that waits for the bank's review).
    pub agreed_on_the_spot: bool,
    /// The next cheapest of those compared, and what it costs counted to `horizon`.
    pub next: Option<(usize, Money)>,
}

/// The plans a budget pick chooses from: those approved on the spot when any of
/// `fitting` is (certainty first, for a customer who has missed a payment), else all.
pub fn agreed_first<'a>(fitting: &[&'a Plan]) -> (Vec<&'a Plan>, bool) {
    let instant: Vec<&Plan> = fitting
        .iter()
        .copied()
        .filter(|p| matches!(p.verdict, Verdict::ApprovedInstantly))
        .collect();
    if instant.is_empty() {
        (fitting.to_vec(), false)
    } else {
        (instant, true)
    }
}

/// Of `candidates`, the one that costs least counted to their common horizon (the latest
/// end among them); among equals, the earlier in `order` (the policy's order of kinds for
/// the reason), then approved on the spot before needing review, then the shorter.
///
/// # Errors
///
/// As [`Plan::cost_to`].
pub fn cheapest<'a>(
    policy: &Policy,
    candidates: &[&'a Plan],
    order: impl Fn(&Plan) -> usize,
) -> Result<Option<(&'a Plan, Compared)>, EngineError> {
    let Some(horizon) = candidates.iter().map(|p| p.end_date.0).max() else {
        return Ok(None);
    };
    let mut ranked = Vec::with_capacity(candidates.len());
    for plan in candidates {
        let cost = plan.cost_to(policy, horizon)?;
        let key = (
            cost.amount(),
            order(plan),
            !matches!(plan.verdict, Verdict::ApprovedInstantly),
            plan.term_months,
        );
        ranked.push((key, *plan, cost));
    }
    crate::numbers::sort_small_by_key(&mut ranked, |r| r.0);
    let next = ranked.get(1).map(|(_, plan, cost)| (plan.offer, *cost));
    let best = ranked.first().map(|(_, plan, cost)| {
        (
            *plan,
            Compared {
                horizon: DateText(horizon),
                cost: *cost,
                agreed_on_the_spot: false,
                next,
            },
        )
    });
    Ok(best)
}

/// Every plan the policy offers, computed for `choice`.
///
/// # Errors
///
/// [`EngineError::Invalid`] only when a sum leaves `Decimal`'s range, which checked
/// accounts and policies cannot reach.
pub fn all_plans(
    account: &AccountSnapshot,
    policy: &Policy,
    choice: &PlanChoice,
) -> Result<Vec<Plan>, EngineError> {
    (0..policy.plans.len())
        .map(|offer| plan_for(account, policy, offer, choice))
        .collect()
}

/// The plan for the policy's offer number `offer`, computed for `choice`.
///
/// # Errors
///
/// [`EngineError::Invalid`] at `offer` when there is no such offer, or a sum overflows.
pub fn plan_for(
    account: &AccountSnapshot,
    policy: &Policy,
    offer: usize,
    choice: &PlanChoice,
) -> Result<Plan, EngineError> {
    let overflow = |_| EngineError::invalid("plan", InvalidReason::Overflow);
    let wire = policy
        .plans
        .get(offer)
        .ok_or_else(|| EngineError::invalid("offer", InvalidReason::NotAllowed))?;
    let builder = offers::Builder {
        account,
        policy,
        offer,
        owed: account.total_owed().map_err(overflow)?,
    };
    builder.build(wire, choice).map_err(overflow)
}

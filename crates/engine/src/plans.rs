//! Repayment plans: every plan the policy offers, each with its dated schedule, totals,
//! annualised rate and a verdict (approved instantly, needs review, not allowed) with
//! the reasons.

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::account::AccountSnapshot;
use crate::calendar::{add_days, add_months, days_between};
use crate::error::{EngineError, InvalidReason};
use crate::money::{Money, RoundingRule};
use crate::policy::{Approval, PlanOffer, Policy, Pricing};
use crate::rates::{annualised_rate, AnnualisedRate, CashFlow};

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
    Instalment { method: PricingMethod },
    Hardship,
    Deferral,
    Settlement,
    Custom,
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

/// A date that serialises as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateText(pub Date);

impl Serialize for DateText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&crate::account::iso_date(self.0))
    }
}

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
                used.down_payment = self.down_payment;
            }
            PlanOffer::Hardship { .. } => {
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
    /// `None` when nothing is spread over time (everything paid today).
    pub annualised_rate: Option<AnnualisedRate>,
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

    /// Whether the plan's amount is repaid in fewer payments than its term, because it is
    /// too small to spread over the whole term in payments of at least one minor unit.
    pub fn ends_early(&self) -> bool {
        matches!(self.kind, PlanKind::Instalment { .. } | PlanKind::Hardship)
            && self.payments() < self.term_months as usize
    }
}

/// The first payment date a plan takes when the customer picks none: one month after
/// `as_of`, or the latest day the offer allows if that comes sooner, so the default is
/// always a date the policy accepts.
///
/// # Examples
///
/// ```
/// use jiff::civil::date;
/// use repay_engine::plans::default_first_payment;
/// assert_eq!(default_first_payment(date(2026, 11, 28), 35), date(2026, 12, 28));
/// // 20 January plus a month is 20 February, 31 days on: past a 30-day limit.
/// assert_eq!(default_first_payment(date(2026, 1, 20), 30), date(2026, 2, 19));
/// ```
pub fn default_first_payment(as_of: Date, latest_days: u32) -> Date {
    let month_on = add_months(as_of, 1).unwrap_or(as_of);
    let latest = add_days(as_of, i64::from(latest_days)).unwrap_or(as_of);
    month_on.min(latest)
}

/// The pricing of a spread: how interest and fees are charged on the financed amount.
#[derive(Debug, Clone, Copy)]
enum Spread {
    FlatFee { monthly_fee_rate: Decimal },
    Annuity { monthly_rate: Decimal },
    EqualPrincipal { monthly_rate: Decimal },
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
    let builder = Builder {
        account,
        policy,
        offer,
        owed: account.total_owed().map_err(overflow)?,
    };
    builder.build(wire, choice).map_err(overflow)
}

struct Builder<'a> {
    account: &'a AccountSnapshot,
    policy: &'a Policy,
    offer: usize,
    owed: Money,
}

/// What a plan kind decides before the shared totals are worked out.
struct Draft {
    kind: PlanKind,
    term_months: u32,
    down_payment: Money,
    amount_waived: Money,
    unpaid_interest: Money,
    schedule: Vec<Instalment>,
    approval: Approval,
    reasons: Vec<PlanReason>,
}

impl Builder<'_> {
    fn rounding(&self) -> RoundingRule {
        self.policy.rounding
    }

    fn zero(&self) -> Money {
        Money::zero(self.owed.currency())
    }

    fn build(&self, wire: &PlanOffer, choice: &PlanChoice) -> Result<Plan, InvalidReason> {
        let draft = match wire {
            PlanOffer::PayInFull { approval } => self.lump_sum(
                PlanKind::PayInFull,
                self.owed,
                self.account.as_of,
                *approval,
                Vec::new(),
            )?,
            PlanOffer::BringCurrent { approval } => {
                let amount = self.account.amount_to_bring_current()?;
                let mut reasons = Vec::new();
                if self.account.overdue_amount.is_zero() {
                    reasons.push(PlanReason::NothingOverdue);
                }
                let mut draft = self.lump_sum(
                    PlanKind::BringCurrent,
                    amount,
                    self.account.as_of,
                    *approval,
                    reasons,
                )?;
                // Bringing the account current leaves the rest on the card's normal terms.
                let rest = self.owed.checked_sub(amount)?;
                if let Some(row) = draft.schedule.first_mut() {
                    row.remaining_balance = rest;
                }
                draft
            }
            PlanOffer::Instalment {
                pricing,
                terms,
                min_instalment,
                min_down_payment_share,
                latest_first_payment_days,
                approval,
            } => self.instalment(
                pricing,
                terms,
                *min_instalment,
                *min_down_payment_share,
                *latest_first_payment_days,
                *approval,
                choice,
            )?,
            PlanOffer::Hardship {
                min_term_months,
                max_term_months,
                interest_rate_factor,
                penalty_waiver_share,
                min_instalment,
                latest_first_payment_days,
                approval,
            } => self.hardship(
                (*min_term_months, *max_term_months),
                *interest_rate_factor,
                *penalty_waiver_share,
                *min_instalment,
                *latest_first_payment_days,
                *approval,
                choice,
            )?,
            PlanOffer::Deferral {
                max_days,
                fee,
                approval,
            } => self.deferral(*max_days, *fee, *approval, choice)?,
            PlanOffer::Settlement {
                discount_cap_share,
                latest_payment_days,
                approval,
            } => self.settlement(*discount_cap_share, *latest_payment_days, *approval, choice)?,
            PlanOffer::Custom {
                max_term_months,
                min_payment,
                approval,
            } => self.custom(*max_term_months, *min_payment, *approval, choice)?,
        };
        self.finish(draft)
    }

    fn lump_sum(
        &self,
        kind: PlanKind,
        amount: Money,
        date: Date,
        approval: Approval,
        reasons: Vec<PlanReason>,
    ) -> Result<Draft, InvalidReason> {
        let row = Instalment {
            number: 1,
            due_date: DateText(date),
            principal: amount,
            interest: self.zero(),
            fee: self.zero(),
            total: amount,
            remaining_balance: self.zero(),
        };
        Ok(self.one_payment(kind, row, approval, reasons))
    }

    /// A plan of one payment, `row`.
    fn one_payment(
        &self,
        kind: PlanKind,
        row: Instalment,
        approval: Approval,
        reasons: Vec<PlanReason>,
    ) -> Draft {
        // A payment of nothing is no payment: a plan with nothing to pay has no schedule.
        let schedule = if row.total.is_zero() {
            Vec::new()
        } else {
            vec![row]
        };
        Draft {
            kind,
            term_months: 1,
            down_payment: self.zero(),
            amount_waived: self.zero(),
            unpaid_interest: self.zero(),
            schedule,
            approval,
            reasons,
        }
    }

    /// The term a schedule is computed for: what was asked, within 1 and the policy's
    /// longest term, so an absurd request (a term of four billion months) gets a
    /// "not offered" verdict with a bounded schedule instead of exhausting memory.
    fn computable_term(&self, wanted: u32) -> u32 {
        wanted.clamp(1, self.policy.max_term_months)
    }

    /// The first payment date: the customer's, or [`default_first_payment`]; with the
    /// reasons it breaks.
    fn first_payment(
        &self,
        choice: &PlanChoice,
        latest_days: u32,
        reasons: &mut Vec<PlanReason>,
    ) -> Date {
        let as_of = self.account.as_of;
        let first = choice
            .first_payment_date
            .unwrap_or_else(|| default_first_payment(as_of, latest_days));
        if first < as_of {
            reasons.push(PlanReason::FirstPaymentInPast);
        } else if days_between(as_of, first) > i64::from(latest_days) {
            reasons.push(PlanReason::FirstPaymentTooLate);
        }
        first
    }

    #[allow(clippy::too_many_arguments)]
    fn instalment(
        &self,
        pricing: &Pricing,
        terms: &[u32],
        min_instalment: Option<Money>,
        min_down_payment_share: Option<Decimal>,
        latest_first_payment_days: u32,
        approval: Approval,
        choice: &PlanChoice,
    ) -> Result<Draft, InvalidReason> {
        let mut reasons = Vec::new();
        let wanted = choice
            .term_months
            .unwrap_or_else(|| terms.first().copied().unwrap_or(1));
        if !terms.contains(&wanted) || wanted > self.policy.max_term_months {
            reasons.push(PlanReason::TermNotOffered);
        }
        let term = self.computable_term(wanted);
        let min_down = match min_down_payment_share {
            Some(share) => self.owed.times(share, self.rounding())?,
            None => self.zero(),
        };
        let asked = choice.down_payment.unwrap_or(min_down);
        if asked.amount() < min_down.amount() {
            reasons.push(PlanReason::DownPaymentBelowMinimum);
        }
        if asked.amount() > self.owed.amount() || asked.is_negative() {
            reasons.push(PlanReason::DownPaymentAboveOwed);
        }
        // A plan that is not allowed still shows a schedule that adds up: the down payment
        // it shows is what was asked, within nothing and everything owed.
        let down_payment = asked.at_least(self.zero()).at_most(self.owed);
        let financed = self.owed.checked_sub(down_payment)?;
        let first = self.first_payment(choice, latest_first_payment_days, &mut reasons);
        let (method, pricing) = match *pricing {
            Pricing::FlatFee { monthly_fee_rate } => {
                (PricingMethod::FlatFee, Spread::FlatFee { monthly_fee_rate })
            }
            Pricing::Annuity { annual_rate } => (
                PricingMethod::Annuity,
                Spread::Annuity {
                    monthly_rate: annual_rate / Decimal::from(12),
                },
            ),
            Pricing::EqualPrincipal { annual_rate } => (
                PricingMethod::EqualPrincipal,
                Spread::EqualPrincipal {
                    monthly_rate: annual_rate / Decimal::from(12),
                },
            ),
        };
        let mut schedule = Vec::new();
        if !down_payment.is_zero() {
            schedule.push(Instalment {
                number: 0,
                due_date: DateText(self.account.as_of),
                principal: down_payment,
                interest: self.zero(),
                fee: self.zero(),
                total: down_payment,
                remaining_balance: financed,
            });
        }
        schedule.extend(self.spread(financed, term, first, pricing)?);
        if let Some(min) = min_instalment {
            if regular_instalment(&schedule, self.zero()).amount() < min.amount() {
                reasons.push(PlanReason::InstalmentBelowMinimum);
            }
        }
        Ok(Draft {
            kind: PlanKind::Instalment { method },
            term_months: term,
            down_payment,
            amount_waived: self.zero(),
            unpaid_interest: self.zero(),
            schedule,
            approval,
            reasons,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn hardship(
        &self,
        (min_term, max_term): (u32, u32),
        interest_rate_factor: Decimal,
        penalty_waiver_share: Decimal,
        min_instalment: Option<Money>,
        latest_first_payment_days: u32,
        approval: Approval,
        choice: &PlanChoice,
    ) -> Result<Draft, InvalidReason> {
        let mut reasons = Vec::new();
        let wanted = choice.term_months.unwrap_or(max_term);
        if wanted < min_term || wanted > max_term || wanted > self.policy.max_term_months {
            reasons.push(PlanReason::TermNotOffered);
        }
        let term = self.computable_term(wanted);
        let waived = self
            .account
            .penalty_interest_charged
            .times(penalty_waiver_share, self.rounding())?;
        let financed = self.owed.checked_sub(waived)?;
        // The policy's own yearly rate: an annual rate as stated (whatever its day count),
        // a daily rate times 365.
        let annual_rate = self.policy.interest.yearly * interest_rate_factor;
        let first = self.first_payment(choice, latest_first_payment_days, &mut reasons);
        let schedule = self.spread(
            financed,
            term,
            first,
            Spread::Annuity {
                monthly_rate: annual_rate / Decimal::from(12),
            },
        )?;
        if let Some(min) = min_instalment {
            if regular_instalment(&schedule, self.zero()).amount() < min.amount() {
                reasons.push(PlanReason::InstalmentBelowMinimum);
            }
        }
        Ok(Draft {
            kind: PlanKind::Hardship,
            term_months: term,
            down_payment: self.zero(),
            amount_waived: waived,
            unpaid_interest: self.zero(),
            schedule,
            approval,
            reasons,
        })
    }

    fn deferral(
        &self,
        max_days: u32,
        fee: Option<Money>,
        approval: Approval,
        choice: &PlanChoice,
    ) -> Result<Draft, InvalidReason> {
        let mut reasons = Vec::new();
        let days = choice.deferral_days.unwrap_or(max_days);
        if days == 0 || days > max_days {
            reasons.push(PlanReason::DeferralNotOffered);
        }
        let date = add_days(self.account.as_of, i64::from(days)).ok_or(InvalidReason::Overflow)?;
        // Ordinary interest keeps accruing on the statement balance while payment waits.
        let interest = self.account.statement_balance.times(
            self.policy.interest.daily * Decimal::from(days),
            self.rounding(),
        )?;
        let fee = fee.unwrap_or(self.zero());
        let total = self.owed.checked_add(interest)?.checked_add(fee)?;
        let row = Instalment {
            number: 1,
            due_date: DateText(date),
            principal: self.owed,
            interest,
            fee,
            total,
            remaining_balance: self.zero(),
        };
        Ok(self.one_payment(PlanKind::Deferral, row, approval, reasons))
    }

    fn settlement(
        &self,
        discount_cap_share: Decimal,
        latest_payment_days: u32,
        approval: Approval,
        choice: &PlanChoice,
    ) -> Result<Draft, InvalidReason> {
        let mut reasons = Vec::new();
        let largest_discount = self.owed.times(discount_cap_share, RoundingRule::HalfUp)?;
        let lowest_amount = self.owed.checked_sub(largest_discount)?;
        let amount = choice
            .settlement_amount
            .unwrap_or(lowest_amount)
            .at_most(self.owed);
        if amount.amount() < lowest_amount.amount() {
            reasons.push(PlanReason::DiscountAboveCap);
        }
        let date = choice.first_payment_date.unwrap_or(self.account.as_of);
        if date < self.account.as_of {
            reasons.push(PlanReason::FirstPaymentInPast);
        } else if days_between(self.account.as_of, date) > i64::from(latest_payment_days) {
            reasons.push(PlanReason::FirstPaymentTooLate);
        }
        let waived = self.owed.checked_sub(amount.at_least(self.zero()))?;
        let mut draft = self.lump_sum(
            PlanKind::Settlement,
            amount.at_least(self.zero()),
            date,
            approval,
            reasons,
        )?;
        draft.amount_waived = waived;
        Ok(draft)
    }

    fn custom(
        &self,
        max_term_months: u32,
        min_payment: Option<Money>,
        approval: Approval,
        choice: &PlanChoice,
    ) -> Result<Draft, InvalidReason> {
        let mut reasons = Vec::new();
        let payments = &choice.custom_payments;
        if payments.is_empty() {
            reasons.push(PlanReason::CustomEmpty);
        }
        let min = min_payment;
        let latest = add_months(
            self.account.as_of,
            max_term_months.min(self.policy.max_term_months),
        )
        .ok_or(InvalidReason::Overflow)?;
        let daily_rate = self.policy.interest.daily;
        let zero = self.zero();
        // Principal still owed, and interest accrued but not yet paid. Interest accrues
        // on the principal only and is never added to it: a payment that does not cover
        // the interest due leaves the rest as interest, paid first by the next payment.
        let mut principal_owed = self.owed;
        let mut interest_owed = zero;
        let mut previous = self.account.as_of;
        let mut schedule = Vec::new();
        for (index, payment) in payments.iter().enumerate() {
            if payment.date < previous || (index > 0 && payment.date == previous) {
                reasons.push(PlanReason::CustomDatesOutOfOrder);
            }
            if payment.date > latest {
                reasons.push(PlanReason::CustomTermTooLong);
            }
            // A payment must be at least one minor unit, and at least the bank's minimum.
            if payment.amount.amount() <= Decimal::ZERO
                || min.is_some_and(|min| payment.amount.amount() < min.amount())
            {
                reasons.push(PlanReason::CustomPaymentBelowMinimum);
            }
            if principal_owed.is_zero() && interest_owed.is_zero() {
                break;
            }
            // Simple interest on the principal for the days since the last payment.
            let days = days_between(previous, payment.date).max(0);
            let accrued =
                principal_owed.times(daily_rate * Decimal::from(days), self.rounding())?;
            interest_owed = interest_owed.checked_add(accrued)?;
            previous = payment.date.max(previous);
            let due = principal_owed.checked_add(interest_owed)?;
            let paid = payment.amount.at_least(zero).at_most(due);
            if paid.is_zero() {
                // No payment of nothing in a schedule; the reason above says why.
                continue;
            }
            let to_interest = paid.at_most(interest_owed);
            let principal = paid.checked_sub(to_interest)?;
            interest_owed = interest_owed.checked_sub(to_interest)?;
            principal_owed = principal_owed.checked_sub(principal)?;
            schedule.push(Instalment {
                number: u32::try_from(schedule.len() + 1).unwrap_or(u32::MAX),
                due_date: DateText(payment.date),
                principal,
                interest: to_interest,
                fee: zero,
                total: paid,
                remaining_balance: principal_owed.checked_add(interest_owed)?,
            });
        }
        let left = principal_owed.checked_add(interest_owed)?;
        if !left.is_zero() && !payments.is_empty() {
            reasons.push(PlanReason::CustomDoesNotCover);
        }
        reasons.dedup();
        let term = u32::try_from(schedule.len()).unwrap_or(u32::MAX);
        if payments.is_empty() {
            schedule = self
                .lump_sum(
                    PlanKind::Custom,
                    self.owed,
                    self.account.as_of,
                    approval,
                    Vec::new(),
                )?
                .schedule;
        }
        Ok(Draft {
            kind: PlanKind::Custom,
            term_months: term,
            down_payment: self.zero(),
            amount_waived: self.zero(),
            // Zero when there are no payments: nothing accrued.
            unpaid_interest: interest_owed,
            schedule,
            approval,
            reasons,
        })
    }

    /// Spreads `financed` over `term` monthly payments from `first`. No payment is ever
    /// zero: an amount of fewer minor units than `term` is spread over that many payments
    /// of one unit or more, and a schedule stops as soon as the balance is repaid.
    fn spread(
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

    /// Adds the totals, the annualised rate and the verdict.
    fn finish(&self, draft: Draft) -> Result<Plan, InvalidReason> {
        let zero = self.zero();
        let mut total_paid = zero;
        let mut total_cost = zero;
        for row in &draft.schedule {
            total_paid = total_paid.checked_add(row.total)?;
            total_cost = total_cost.checked_add(row.interest)?.checked_add(row.fee)?;
        }
        let first_payment_date = draft
            .schedule
            .iter()
            .find(|row| row.number > 0)
            .map_or(DateText(self.account.as_of), |row| row.due_date);
        let end_date = draft
            .schedule
            .last()
            .map_or(DateText(self.account.as_of), |row| row.due_date);
        let financed = self
            .owed
            .checked_sub(draft.amount_waived)?
            .checked_sub(draft.down_payment)?;
        let annualised_rate = self.rate(&draft, financed);
        let verdict = verdict(draft.reasons, draft.approval, draft.term_months);
        // Bringing current pays only part of what is owed; its cost is zero by definition.
        Ok(Plan {
            offer: self.offer,
            kind: draft.kind,
            term_months: draft.term_months,
            owed_today: self.owed,
            down_payment: draft.down_payment,
            financed,
            instalment_amount: regular_instalment(&draft.schedule, zero),
            schedule: draft.schedule,
            total_paid,
            total_cost,
            amount_waived: draft.amount_waived,
            unpaid_interest: draft.unpaid_interest,
            first_payment_date,
            end_date,
            annualised_rate,
            verdict,
        })
    }

    /// The annualised rate of spreading `financed`: the customer keeps it today and pays
    /// the schedule's payments (the down payment is paid today and nets out).
    fn rate(&self, draft: &Draft, financed: Money) -> Option<AnnualisedRate> {
        if matches!(
            draft.kind,
            PlanKind::BringCurrent | PlanKind::PayInFull | PlanKind::Settlement
        ) {
            return None;
        }
        let mut flows = vec![CashFlow {
            day: 0,
            amount: financed.amount(),
        }];
        for row in draft.schedule.iter().filter(|row| row.number > 0) {
            let day = u32::try_from(days_between(self.account.as_of, row.due_date.0)).ok()?;
            flows.push(CashFlow {
                day,
                amount: -row.total.amount(),
            });
        }
        annualised_rate(&flows)
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

/// The largest payment after any down payment.
fn regular_instalment(schedule: &[Instalment], zero: Money) -> Money {
    schedule
        .iter()
        .filter(|row| row.number > 0)
        .map(|row| row.total)
        .fold(zero, Money::at_least)
}

fn verdict(mut reasons: Vec<PlanReason>, approval: Approval, term_months: u32) -> Verdict {
    reasons.dedup();
    if !reasons.is_empty() {
        return Verdict::NotAllowed { reasons };
    }
    let instant = match approval {
        Approval::Instant => true,
        Approval::Review => false,
        Approval::InstantUpToMonths(months) => term_months <= months,
    };
    if instant {
        Verdict::ApprovedInstantly
    } else {
        Verdict::NeedsReview {
            reasons: vec![PlanReason::ReviewedByBank],
        }
    }
}

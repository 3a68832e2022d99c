//! Each kind of offer's rules: what the customer's choice means for it, the limits the
//! policy sets, and the verdict, on top of the schedules [`super::schedules`] works out.

use jiff::civil::Date;
use rust_decimal::Decimal;

use super::schedules::Spread;
use super::{
    default_first_payment, DateText, Instalment, Plan, PlanChoice, PlanKind, PlanReason,
    PricingMethod, Statement, Verdict,
};
use crate::account::AccountSnapshot;
use crate::calendar::{add_days, add_months, days_between};
use crate::error::InvalidReason;
use crate::money::{Money, RoundingRule};
use crate::policy::{Approval, PlanOffer, Policy, Pricing};
use crate::rates::{annualised_rate, AnnualisedRate, CashFlow};

pub(super) struct Builder<'a> {
    pub(super) account: &'a AccountSnapshot,
    pub(super) policy: &'a Policy,
    pub(super) offer: usize,
    pub(super) owed: Money,
}

/// What a plan kind decides before the shared totals are worked out.
pub(super) struct Outline {
    kind: PlanKind,
    term_months: u32,
    down_payment: Money,
    amount_waived: Money,
    unpaid_interest: Money,
    schedule: Vec<Instalment>,
    /// The day of the review that ends the plan, for the plans that end in one.
    review_date: Option<Date>,
    approval: Approval,
    reasons: Vec<PlanReason>,
}

impl Builder<'_> {
    pub(super) fn rounding(&self) -> RoundingRule {
        self.policy.rounding
    }

    pub(super) fn zero(&self) -> Money {
        Money::zero(self.owed.currency())
    }

    pub(super) fn build(
        &self,
        wire: &PlanOffer,
        choice: &PlanChoice,
    ) -> Result<Plan, InvalidReason> {
        let draft = match wire {
            PlanOffer::PayInFull { approval } => {
                let (date, then) = self.paid_ahead()?;
                let mut draft =
                    self.lump_sum(PlanKind::PayInFull, self.owed, date, *approval, Vec::new())?;
                // Interest accrues until the day it is paid: counted, not hidden.
                self.add_accrued(&mut draft, then.total_owed()?.checked_sub(self.owed)?)?;
                draft
            }
            PlanOffer::BringCurrent { approval } => {
                let amount = self.account.amount_to_bring_current()?;
                let mut reasons = Vec::new();
                if self.account.overdue_amount.is_zero() {
                    reasons.push(PlanReason::NothingOverdue);
                }
                let (date, then) = self.paid_ahead()?;
                let mut draft =
                    self.lump_sum(PlanKind::BringCurrent, amount, date, *approval, reasons)?;
                // Penalty interest accruing on what is overdue until it is paid.
                let accrued = then.amount_to_bring_current()?.checked_sub(amount)?;
                self.add_accrued(&mut draft, accrued)?;
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
            PlanOffer::ReducedRate {
                annual_rate,
                period_months,
                repay_over_months,
                min_instalment,
                latest_first_payment_days,
                approval,
            } => self.reduced_rate(
                *annual_rate,
                (period_months, *repay_over_months),
                *min_instalment,
                *latest_first_payment_days,
                *approval,
                choice,
            )?,
            PlanOffer::TokenPayments {
                amount,
                period_months,
                charges_frozen,
                latest_first_payment_days,
                approval,
            } => self.token_payments(
                *amount,
                period_months,
                *charges_frozen,
                *latest_first_payment_days,
                *approval,
                choice,
            )?,
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
    ) -> Result<Outline, InvalidReason> {
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

    /// The day a one-off payment is due ([`super::pay_ahead_date`]) and the account as it
    /// will stand that day if nothing is paid before.
    fn paid_ahead(&self) -> Result<(Date, AccountSnapshot), InvalidReason> {
        let date = super::pay_ahead_date(self.account, self.policy)
            .map_err(|_| InvalidReason::Overflow)?;
        let then = crate::status::projected(self.account, self.policy, date)
            .map_err(|_| InvalidReason::Overflow)?;
        Ok((date, then))
    }

    /// Adds interest accrued until a one-off payment's day to its one row.
    fn add_accrued(&self, draft: &mut Outline, accrued: Money) -> Result<(), InvalidReason> {
        if let Some(row) = draft.schedule.first_mut() {
            row.interest = accrued.at_least(self.zero());
            row.total = row.total.checked_add(row.interest)?;
        }
        Ok(())
    }

    /// A plan of one payment, `row`.
    fn one_payment(
        &self,
        kind: PlanKind,
        row: Instalment,
        approval: Approval,
        reasons: Vec<PlanReason>,
    ) -> Outline {
        // A payment of nothing is no payment: a plan with nothing to pay has no schedule.
        let schedule = if row.total.is_zero() {
            Vec::new()
        } else {
            vec![row]
        };
        Outline {
            kind,
            term_months: 1,
            down_payment: self.zero(),
            amount_waived: self.zero(),
            unpaid_interest: self.zero(),
            schedule,
            review_date: None,
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
        let first = choice.first_payment_date.unwrap_or_else(|| {
            default_first_payment(as_of, latest_days, &self.policy.working_days)
        });
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
    ) -> Result<Outline, InvalidReason> {
        let mut reasons = Vec::new();
        let term = self.offered_term(terms, choice, &mut reasons);
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
        below_minimum(&schedule, min_instalment, self.zero(), &mut reasons);
        Ok(Outline {
            kind: PlanKind::Instalment { method },
            term_months: term,
            down_payment,
            amount_waived: self.zero(),
            unpaid_interest: self.zero(),
            schedule,
            review_date: None,
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
    ) -> Result<Outline, InvalidReason> {
        let mut reasons = Vec::new();
        // With nothing chosen, the shortest term: it costs least (a longer one lowers
        // each payment and costs more, which the customer can choose).
        let wanted = choice.term_months.unwrap_or(min_term);
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
        below_minimum(&schedule, min_instalment, self.zero(), &mut reasons);
        Ok(Outline {
            kind: PlanKind::Hardship,
            term_months: term,
            down_payment: self.zero(),
            amount_waived: waived,
            unpaid_interest: self.zero(),
            schedule,
            review_date: None,
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
    ) -> Result<Outline, InvalidReason> {
        let mut reasons = Vec::new();
        // With nothing chosen, the longest deferral whose payment day is a working day.
        let days = choice.deferral_days.unwrap_or_else(|| {
            let as_of = self.account.as_of;
            let longest = add_days(as_of, i64::from(max_days)).unwrap_or(as_of);
            let day = self.policy.working_days.on_or_before(longest, as_of);
            u32::try_from(days_between(as_of, day)).unwrap_or(max_days)
        });
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
    ) -> Result<Outline, InvalidReason> {
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
        // With no date chosen: the day that stays ahead of the timeline, within the
        // offer's limit, on a working day (never today's date once it is reviewed).
        let date = match choice.first_payment_date {
            Some(date) => date,
            None => {
                let as_of = self.account.as_of;
                let ahead = super::pay_ahead_date(self.account, self.policy)
                    .map_err(|_| InvalidReason::Overflow)?;
                let latest = add_days(as_of, i64::from(latest_payment_days)).unwrap_or(as_of);
                self.policy
                    .working_days
                    .on_or_before(ahead.max(as_of).min(latest), as_of)
            }
        };
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

    /// The term of an offer that lists its terms (an instalment's, the periods before a
    /// review): the customer's, or with nothing chosen the shortest offered, which costs
    /// least; with the reasons it breaks.
    fn offered_term(
        &self,
        terms: &[u32],
        choice: &PlanChoice,
        reasons: &mut Vec<PlanReason>,
    ) -> u32 {
        let wanted = choice
            .term_months
            .unwrap_or_else(|| terms.iter().copied().min().unwrap_or(1));
        if !terms.contains(&wanted) || wanted > self.policy.max_term_months {
            reasons.push(PlanReason::TermNotOffered);
        }
        self.computable_term(wanted)
    }

    /// The review that ends a plan of `period` months from `first`, when it leaves
    /// something owed: a month after the period's last payment.
    fn review(
        &self,
        schedule: &[Instalment],
        first: Date,
        period: u32,
    ) -> Result<Option<Date>, InvalidReason> {
        // Nothing to pay, or everything repaid within the period: nothing to review.
        if schedule
            .last()
            .is_none_or(|row| row.remaining_balance.is_zero())
        {
            return Ok(None);
        }
        add_months(first, period)
            .map(Some)
            .ok_or(InvalidReason::Overflow)
    }

    /// A lower rate for a period: the first `period` payments of a level-payment spread
    /// of everything owed over `repay_over` months at `annual_rate`, then a review.
    fn reduced_rate(
        &self,
        annual_rate: Decimal,
        (periods, repay_over): (&[u32], u32),
        min_instalment: Option<Money>,
        latest_first_payment_days: u32,
        approval: Approval,
        choice: &PlanChoice,
    ) -> Result<Outline, InvalidReason> {
        let mut reasons = Vec::new();
        let period = self.offered_term(periods, choice, &mut reasons);
        let first = self.first_payment(choice, latest_first_payment_days, &mut reasons);
        let mut schedule = self.spread(
            self.owed,
            repay_over.max(period),
            first,
            Spread::Annuity {
                monthly_rate: annual_rate / Decimal::from(12),
            },
        )?;
        schedule.truncate(period as usize);
        below_minimum(&schedule, min_instalment, self.zero(), &mut reasons);
        Ok(Outline {
            kind: PlanKind::ReducedRate,
            term_months: period,
            down_payment: self.zero(),
            amount_waived: self.zero(),
            unpaid_interest: self.zero(),
            review_date: self.review(&schedule, first, period)?,
            schedule,
            approval,
            reasons,
        })
    }

    /// Token payments: `token` a month for a period, then a review. With charges frozen
    /// nothing is added; otherwise interest at the card's yearly rate accrues monthly
    /// (`yearly / 12` of the principal still owed), and a payment goes to interest first.
    /// Interest a token payment does not cover stays interest, owed and earning none,
    /// as in a customer's own plan.
    fn token_payments(
        &self,
        token: Money,
        periods: &[u32],
        charges_frozen: bool,
        latest_first_payment_days: u32,
        approval: Approval,
        choice: &PlanChoice,
    ) -> Result<Outline, InvalidReason> {
        let mut reasons = Vec::new();
        let period = self.offered_term(periods, choice, &mut reasons);
        let first = self.first_payment(choice, latest_first_payment_days, &mut reasons);
        let monthly_rate = if charges_frozen {
            Decimal::ZERO
        } else {
            self.policy.interest.yearly / Decimal::from(12)
        };
        let zero = self.zero();
        let mut principal_owed = self.owed;
        let mut interest_owed = zero;
        let mut schedule = Vec::with_capacity(period as usize);
        for n in 0..period {
            if principal_owed.is_zero() && interest_owed.is_zero() {
                break;
            }
            let accrued = principal_owed.times(monthly_rate, self.rounding())?;
            interest_owed = interest_owed.checked_add(accrued)?;
            let paid = token.at_most(principal_owed.checked_add(interest_owed)?);
            let to_interest = paid.at_most(interest_owed);
            let principal = paid.checked_sub(to_interest)?;
            interest_owed = interest_owed.checked_sub(to_interest)?;
            principal_owed = principal_owed.checked_sub(principal)?;
            schedule.push(Instalment {
                number: n + 1,
                due_date: DateText(add_months(first, n).ok_or(InvalidReason::Overflow)?),
                principal,
                interest: to_interest,
                fee: zero,
                total: paid,
                remaining_balance: principal_owed.checked_add(interest_owed)?,
            });
        }
        Ok(Outline {
            kind: PlanKind::TokenPayments,
            term_months: period,
            down_payment: self.zero(),
            amount_waived: self.zero(),
            unpaid_interest: interest_owed,
            review_date: self.review(&schedule, first, period)?,
            schedule,
            approval,
            reasons,
        })
    }

    fn custom(
        &self,
        max_term_months: u32,
        min_payment: Option<Money>,
        approval: Approval,
        choice: &PlanChoice,
    ) -> Result<Outline, InvalidReason> {
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
        Ok(Outline {
            kind: PlanKind::Custom,
            term_months: term,
            down_payment: self.zero(),
            amount_waived: self.zero(),
            // Zero when there are no payments: nothing accrued.
            unpaid_interest: interest_owed,
            schedule,
            review_date: None,
            approval,
            reasons,
        })
    }

    /// Adds the totals, the annualised rate and the verdict.
    fn finish(&self, mut draft: Outline) -> Result<Plan, InvalidReason> {
        if !self.account.in_arrears() && !self.policy.before_arrears {
            draft.reasons.push(PlanReason::BeforeArrearsNotOffered);
        }
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
        let statements = self.statements(&draft)?;
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
            review_date: draft.review_date.map(DateText),
            statements,
            verdict,
        })
    }

    /// What a plan states beyond its figures: for a plan that spreads what is owed, the
    /// charges already made that it repays as principal; then what the policy's
    /// agreement for the offer's kind says.
    fn statements(&self, draft: &Outline) -> Result<Vec<Statement>, InvalidReason> {
        let mut statements = Vec::new();
        if draft.kind.is_monthly() && !draft.schedule.is_empty() {
            let late_fees = self.account.fees_charged;
            // A hardship plan's waiver is of penalty interest: what is left of it is
            // repaid.
            let penalty_interest = self
                .account
                .penalty_interest_charged
                .checked_sub(draft.amount_waived)?
                .at_least(self.zero());
            if !late_fees.is_zero() || !penalty_interest.is_zero() {
                statements.push(Statement::ChargesFolded {
                    late_fees,
                    penalty_interest,
                });
            }
        }
        let agreement = self
            .policy
            .plans
            .get(self.offer)
            .and_then(|offer| self.policy.plan_effects.of(offer.kind()))
            .and_then(|effects| effects.agreement);
        if let Some(agreement) = agreement {
            statements.push(if agreement.annual_fee_continues {
                Statement::AnnualFeeContinues
            } else {
                Statement::AnnualFeeWaived
            });
            statements.push(if agreement.other_charges_continue {
                Statement::OtherChargesContinue
            } else {
                Statement::OtherChargesStop
            });
            if agreement.collection_stops {
                statements.push(Statement::CollectionStops);
            }
            if agreement.no_new_cards {
                statements.push(Statement::NoNewCards);
            }
        }
        Ok(statements)
    }

    /// The annualised rate of spreading `financed`: the customer keeps it today and pays
    /// the schedule's payments (the down payment is paid today and nets out).
    fn rate(&self, draft: &Outline, financed: Money) -> Option<AnnualisedRate> {
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
        // A plan that ends in a review is priced for its period: what is still owed
        // after its last payment counts as repaid with it.
        if let (Some(_), Some(last)) = (draft.review_date, draft.schedule.last()) {
            let day = u32::try_from(days_between(self.account.as_of, last.due_date.0)).ok()?;
            flows.push(CashFlow {
                day,
                amount: -last.remaining_balance.amount(),
            });
        }
        annualised_rate(&flows)
    }
}

/// Adds [`PlanReason::InstalmentBelowMinimum`] when the regular payment of `schedule`
/// is below the offer's `min_instalment`.
fn below_minimum(
    schedule: &[Instalment],
    min_instalment: Option<Money>,
    zero: Money,
    reasons: &mut Vec<PlanReason>,
) {
    if min_instalment.is_some_and(|min| regular_instalment(schedule, zero).amount() < min.amount())
    {
        reasons.push(PlanReason::InstalmentBelowMinimum);
    }
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

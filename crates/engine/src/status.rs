//! Where the customer stands: days past due, the delinquency stage, what has been
//! charged, a dated timeline of what happens next if nothing is paid (each with the date
//! to act before), the date by which paying avoids every one of those events, and what
//! waiting 30, 60 or 90 days would cost.

use jiff::civil::Date;
use serde::Serialize;

use crate::account::AccountSnapshot;
use crate::calendar::add_days;
use crate::calendar::DateText;
use crate::error::{EngineError, InvalidReason};
use crate::money::Money;
use crate::policy::Severity;
use crate::policy::{AvoidedBy, Consequence, PenaltyBase, Policy, Stage};

/// The waits whose cost the status reports.
pub const WAITS_IN_DAYS: [u32; 3] = [30, 60, 90];

/// How far ahead repeated late fees are listed one by one: ten years. A real policy's
/// last stage comes long before; the bound keeps a policy with a far-off stage and a
/// one-day cycle from listing millions of fees.
pub const FEE_HORIZON_DAYS: u32 = 3660;

/// One consequence that comes on a date, with how much the bank ranks its harm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Harm {
    pub consequence: Consequence,
    pub severity: Severity,
    /// A late fee's amount; `None` for every other consequence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
}

/// When the bank notifies the customer before a stage starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub date: DateText,
    /// Days of notice before the stage.
    pub days: u32,
    /// The notice date is today or later: a date the customer can still look out for.
    /// When it has passed, the date is no promise of anything to come.
    pub ahead: bool,
}

/// A date on which something happens if nothing is paid: everything that happens on that
/// day, read as one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEvent {
    pub date: DateText,
    /// Days past due on that date.
    pub day: u32,
    /// The last day a payment avoids what happens on this date: the last working day
    /// before it, never before today (the day before when no working day is left).
    pub act_before: DateText,
    /// The delinquency stage that starts on this date, if one does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// What happens, the most severe first, each consequence once.
    pub harms: Vec<Harm>,
    /// The most severe of `harms`.
    pub severity: Severity,
    /// The bank's notice before the stage, if the policy gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<Notice>,
}

/// The first date a consequence comes, and the last day a payment avoids it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Deadline {
    #[serde(flatten)]
    pub harm: Harm,
    pub date: DateText,
    pub act_before: DateText,
}

/// What waiting `days` more days would add to what is owed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WaitingCost {
    pub days: u32,
    pub interest: Money,
    pub penalty_interest: Money,
    pub late_fees: Money,
    pub total: Money,
}

/// What has been charged since the missed due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Charged {
    pub late_fees: Money,
    pub penalty_interest: Money,
    pub total: Money,
}

/// The account's overdue status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    pub days_past_due: u32,
    /// Still inside the grace period: nothing has been charged for lateness yet.
    pub in_grace_period: bool,
    /// The stage's code, or `None` before the first stage.
    pub stage: Option<String>,
    pub overdue_amount: Money,
    pub owed_today: Money,
    pub amount_to_bring_current: Money,
    pub charged: Charged,
    /// What happens if nothing is paid, in date order, one entry per date.
    pub timeline: Vec<TimelineEvent>,
    /// Each consequence to come once, at its first date: in date order, the most severe
    /// first on the same date.
    pub deadlines: Vec<Deadline>,
    pub cost_of_waiting: Vec<WaitingCost>,
}

impl Status {
    /// The date a payment must come before first: the timeline's first, since it is in
    /// date order. Its `act_before` is the earliest date by which bringing the account
    /// current avoids everything on the timeline (a credit-bureau report before a fee,
    /// when the report comes first). `None` when the timeline is empty.
    pub fn pay_by(&self) -> Option<&TimelineEvent> {
        self.timeline.first()
    }

    /// Whether this account has penalty interest to speak of: charged already, or
    /// coming within the cost of waiting. A policy without penalty interest (a UK card)
    /// gives `false`, so the widget does not show a row of zeros for a charge the customer
    /// will never pay.
    pub fn has_penalty_interest(&self) -> bool {
        self.charged_or_coming(self.charged.penalty_interest, |cost| cost.penalty_interest)
    }

    /// Whether this account has late fees to speak of: charged already, or coming within
    /// the cost of waiting.
    pub fn has_late_fees(&self) -> bool {
        self.charged_or_coming(self.charged.late_fees, |cost| cost.late_fees)
    }

    /// Whether a charge is non-zero so far (`charged`) or in any cost of waiting.
    fn charged_or_coming(&self, charged: Money, coming: impl Fn(&WaitingCost) -> Money) -> bool {
        !charged.is_zero()
            || self
                .cost_of_waiting
                .iter()
                .any(|cost| !coming(cost).is_zero())
    }

    /// What matters most: the most severe consequence to come, the earliest of equals.
    pub fn leading(&self) -> Option<&Deadline> {
        // Deadlines are in date order; `max_by_key` keeps the last of equals, so scan
        // backwards to keep the earliest.
        self.deadlines.iter().rev().max_by_key(|d| d.harm.severity)
    }

    /// The first charge to come: a late fee, or penalty interest starting.
    pub fn next_charge(&self) -> Option<&Deadline> {
        self.deadlines.iter().find(|d| {
            matches!(
                d.harm.consequence,
                Consequence::LateFee | Consequence::PenaltyInterest
            )
        })
    }
}

/// Works out the status of `account` under `policy` on the account's `as_of` date.
///
/// # Errors
///
/// [`EngineError::Invalid`] only when a sum leaves `Decimal`'s range or a date passes
/// the year 9999, which checked inputs cannot reach.
pub fn status(account: &AccountSnapshot, policy: &Policy) -> Result<Status, EngineError> {
    let overflow = |_| EngineError::invalid("status", InvalidReason::Overflow);
    let days_past_due = u32::try_from(account.days_past_due()).unwrap_or(u32::MAX);
    let charged_total = account
        .fees_charged
        .checked_add(account.penalty_interest_charged)
        .map_err(overflow)?;
    let overdue = account.in_arrears();
    let timeline = if overdue {
        timeline(account, policy, days_past_due, |_| false)
            .ok_or_else(|| EngineError::invalid("status", InvalidReason::Overflow))?
    } else {
        Vec::new()
    };
    let deadlines = deadlines(&timeline);
    let cost_of_waiting = WAITS_IN_DAYS
        .iter()
        .map(|&days| waiting_cost(account, policy, days_past_due, days, overdue))
        .collect::<Result<Vec<_>, _>>()
        .map_err(overflow)?;
    Ok(Status {
        days_past_due,
        in_grace_period: overdue && days_past_due <= policy.grace_days,
        stage: if overdue {
            policy
                .stage_at(i64::from(days_past_due))
                .map(|s| s.code.clone())
        } else {
            None
        },
        overdue_amount: account.overdue_amount,
        owed_today: account.total_owed().map_err(overflow)?,
        amount_to_bring_current: account.amount_to_bring_current().map_err(overflow)?,
        charged: Charged {
            late_fees: account.fees_charged,
            penalty_interest: account.penalty_interest_charged,
            total: charged_total,
        },
        timeline,
        deadlines,
        cost_of_waiting,
    })
}

/// The late fee charged on each fee day while `account`'s minimum stays unpaid: a share
/// of (or a fixed fee for) the unpaid part of the minimum; `None` when there is no fee
/// rule or nothing of the minimum is unpaid.
fn late_fee(account: &AccountSnapshot, policy: &Policy) -> Option<Money> {
    let rule = policy.late_fee.as_ref()?;
    let unpaid = account.unpaid_minimum();
    if unpaid.is_zero() {
        return None;
    }
    Some(rule.fee_for(unpaid, policy.rounding))
}

/// Days past due on which a late fee is charged, after `after` and up to `until`.
fn late_fee_days(policy: &Policy, after: u32, until: u32) -> Vec<u32> {
    let Some(rule) = &policy.late_fee else {
        return Vec::new();
    };
    let first = policy.grace_days.saturating_add(1);
    let mut days = Vec::new();
    let mut day = first;
    while day <= until {
        if day > after {
            days.push(day);
        }
        if !rule.per_cycle {
            break;
        }
        day = day.saturating_add(rule.cycle_days);
    }
    days
}

fn event_date(account: &AccountSnapshot, day: u32) -> Option<Date> {
    add_days(account.due_date, i64::from(day))
}

/// Whether a payment of `paid` made today stops `stage` from starting, under the
/// stage's `avoided_by` rule for `account` (before the payment).
fn stage_avoided(stage: &Stage, account: &AccountSnapshot, paid: Option<Money>) -> bool {
    let Some(paid) = paid else {
        return false;
    };
    needed_for(stage, account).is_some_and(|needed| paid.amount() >= needed)
}

/// What a payment made today must reach to stop `stage`, by its `avoided_by` rule.
fn needed_for(stage: &Stage, account: &AccountSnapshot) -> Option<rust_decimal::Decimal> {
    match stage.avoided_by {
        AvoidedBy::AmountToBringCurrent => {
            account.amount_to_bring_current().ok().map(|m| m.amount())
        }
        AvoidedBy::OverdueAmount => Some(account.overdue_amount.amount()),
        // A share rounds up to the cent: paying a cent less than the share is not enough.
        AvoidedBy::ShareOfOverdue(share) => Some(
            (account.overdue_amount.amount() * share).round_dp_with_strategy(
                account.currency.minor_units(),
                rust_decimal::RoundingStrategy::AwayFromZero,
            ),
        ),
    }
}

/// The last day to pay that avoids a harm on `date`: the last working day before it (a
/// payment made on the bank's weekend or holiday is not taken until after), never before
/// today; the day before it when no working day is left in between, or when it is
/// already past.
fn act_before(account: &AccountSnapshot, policy: &Policy, date: Date) -> Option<Date> {
    let day_before = add_days(date, -1)?;
    Some(if day_before < account.as_of {
        day_before
    } else {
        policy.working_days.on_or_before(day_before, account.as_of)
    })
}

/// The timeline of `account` at `today` days past due, one entry per date: every stage
/// still to start (except those `avoided` says a payment already made stops), every late
/// fee up to the horizon, penalty interest starting.
fn timeline(
    account: &AccountSnapshot,
    policy: &Policy,
    today: u32,
    avoided: impl Fn(&Stage) -> bool,
) -> Option<Vec<TimelineEvent>> {
    struct Day<'a> {
        stage: Option<&'a Stage>,
        harms: Vec<Harm>,
    }
    type Days<'a> = std::collections::BTreeMap<u32, Day<'a>>;
    /// Adds to `day` the stage that starts then, or a harm: the same consequence twice
    /// on one day is one (keeping a fee's amount).
    fn add<'a>(days: &mut Days<'a>, day: u32, stage: Option<&'a Stage>, harm: Option<Harm>) {
        let entry = days.entry(day).or_insert(Day {
            stage: None,
            harms: Vec::new(),
        });
        if entry.stage.is_none() {
            entry.stage = stage;
        }
        if let Some(harm) = harm {
            match entry
                .harms
                .iter_mut()
                .find(|h| h.consequence == harm.consequence)
            {
                Some(known) => known.amount = known.amount.or(harm.amount),
                None => entry.harms.push(harm),
            }
        }
    }
    let mut days = Days::new();
    let harm = |consequence: Consequence, amount: Option<Money>| Harm {
        consequence,
        severity: policy.severity.of(consequence),
        amount,
    };
    for stage in policy
        .stages
        .iter()
        .filter(|s| s.from_day > today && !avoided(s))
    {
        add(&mut days, stage.from_day, Some(stage), None);
        for &consequence in &stage.consequences {
            add(
                &mut days,
                stage.from_day,
                None,
                Some(harm(consequence, None)),
            );
        }
    }
    let horizon = policy
        .stages
        .iter()
        .map(|s| s.from_day)
        .max()
        .unwrap_or(0)
        .max(today.saturating_add(90))
        .min(today.saturating_add(FEE_HORIZON_DAYS));
    if let Some(amount) = late_fee(account, policy) {
        for day in late_fee_days(policy, today, horizon) {
            add(
                &mut days,
                day,
                None,
                Some(harm(Consequence::LateFee, Some(amount))),
            );
        }
    }
    if let Some(penalty) = &policy.penalty {
        if penalty.from_day > today && !account.overdue_amount.is_zero() {
            add(
                &mut days,
                penalty.from_day,
                None,
                Some(harm(Consequence::PenaltyInterest, None)),
            );
        }
    }
    days.into_iter()
        .map(|(day, Day { stage, mut harms })| {
            let date = event_date(account, day)?;
            // The most severe first; a stable sort keeps the policy's order among equals.
            crate::numbers::sort_small_by_key(&mut harms, |h| std::cmp::Reverse(h.severity));
            let notice = match stage {
                Some(stage) if stage.notice_days > 0 => {
                    let notice = add_days(date, -i64::from(stage.notice_days))?;
                    Some(Notice {
                        date: DateText(notice),
                        days: stage.notice_days,
                        ahead: notice >= account.as_of,
                    })
                }
                _ => None,
            };
            Some(TimelineEvent {
                date: DateText(date),
                day,
                act_before: DateText(act_before(account, policy, date)?),
                stage: stage.map(|s| s.code.clone()),
                severity: harms
                    .iter()
                    .map(|h| h.severity)
                    .max()
                    .unwrap_or(Severity::Low),
                harms,
                notice,
            })
        })
        .collect()
}

/// Each consequence on `timeline` once, at its first date.
fn deadlines(timeline: &[TimelineEvent]) -> Vec<Deadline> {
    let mut deadlines: Vec<Deadline> = Vec::new();
    for event in timeline {
        for harm in &event.harms {
            if deadlines
                .iter()
                .all(|d| d.harm.consequence != harm.consequence)
            {
                deadlines.push(Deadline {
                    harm: *harm,
                    date: event.date,
                    act_before: event.act_before,
                });
            }
        }
    }
    deadlines
}

/// What paying part of the overdue amount today does to one consequence to come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "effect", rename_all = "snake_case")]
pub enum PartEffect {
    /// It no longer comes.
    Avoided,
    /// A late fee still comes, smaller: `amount` instead of the deadline's.
    Smaller { amount: Money },
    /// Penalty interest still starts, on a smaller overdue amount.
    Lessened,
    /// It still comes, as before.
    NotAvoided,
}

/// One consequence to come, and what a part payment does to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PartOutcome {
    #[serde(flatten)]
    pub deadline: Deadline,
    #[serde(flatten)]
    pub effect: PartEffect,
}

/// What paying `paid` of the overdue amount today changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartPayment {
    pub paid: Money,
    /// What is still overdue after it (never below zero).
    pub still_overdue: Money,
    /// What brings the account current after it: `still_overdue` with the charges.
    pub still_to_bring_current: Money,
    /// Every consequence of the status's `deadlines`, in the same order.
    pub outcomes: Vec<PartOutcome>,
}

/// What paying `paid` today, less than what brings the account current, changes to the
/// consequences to come: which it avoids (each stage's `avoided_by` rule decides, and a
/// late fee on the unpaid minimum stops once the minimum is paid), which come smaller,
/// which still come.
///
/// # Errors
///
/// [`EngineError::Invalid`] at `paid` when it is zero or negative, or in another
/// currency; as [`status`] otherwise.
pub fn part_payment(
    account: &AccountSnapshot,
    policy: &Policy,
    paid: Money,
) -> Result<PartPayment, EngineError> {
    if paid.currency() != account.currency {
        return Err(EngineError::invalid(
            "paid",
            InvalidReason::CurrencyMismatch,
        ));
    }
    if paid.is_negative() || paid.is_zero() {
        return Err(EngineError::invalid("paid", InvalidReason::Negative));
    }
    let overflow = |_| EngineError::invalid("paid", InvalidReason::Overflow);
    let before = status(account, policy)?;
    let zero = Money::zero(account.currency);
    let less = |amount: Money| -> Result<Money, EngineError> {
        Ok(amount.checked_sub(paid).map_err(overflow)?.at_least(zero))
    };
    let after = after_payment(account, paid)?;
    let days_past_due = before.days_past_due;
    let after_timeline = if before.timeline.is_empty() {
        Vec::new()
    } else {
        timeline(&after, policy, days_past_due, |stage| {
            stage_avoided(stage, account, Some(paid))
        })
        .ok_or_else(|| EngineError::invalid("paid", InvalidReason::Overflow))?
    };
    let after_deadlines = deadlines(&after_timeline);
    let penalty_on_overdue = policy
        .penalty
        .is_some_and(|p| p.applies_to == PenaltyBase::OverdueAmount);
    let outcomes = before
        .deadlines
        .iter()
        .map(|deadline| {
            let still = after_deadlines
                .iter()
                .find(|d| d.harm.consequence == deadline.harm.consequence);
            let effect = match still {
                None => PartEffect::Avoided,
                Some(d) => match (d.harm.amount, deadline.harm.amount) {
                    (Some(now), Some(was)) if now.amount() < was.amount() => {
                        PartEffect::Smaller { amount: now }
                    }
                    _ if d.harm.consequence == Consequence::PenaltyInterest
                        && penalty_on_overdue =>
                    {
                        PartEffect::Lessened
                    }
                    _ => PartEffect::NotAvoided,
                },
            };
            PartOutcome {
                deadline: *deadline,
                effect,
            }
        })
        .collect();
    Ok(PartPayment {
        paid,
        still_overdue: after.overdue_amount,
        still_to_bring_current: less(before.amount_to_bring_current)?,
        outcomes,
    })
}

/// The account as it stands once `paid` is received on its `as_of` day: less overdue
/// (never below zero), a smaller balance, and the payment recorded as the last one.
///
/// # Errors
///
/// [`EngineError::Invalid`] at `paid` when a sum overflows.
pub fn after_payment(
    account: &AccountSnapshot,
    paid: Money,
) -> Result<AccountSnapshot, EngineError> {
    let overflow = |_| EngineError::invalid("paid", InvalidReason::Overflow);
    let zero = Money::zero(account.currency);
    let less = |amount: Money| -> Result<Money, EngineError> {
        Ok(amount.checked_sub(paid).map_err(overflow)?.at_least(zero))
    };
    let paid_since_due = match account.last_payment {
        Some(payment) if payment.date > account.due_date => {
            payment.amount.checked_add(paid).map_err(overflow)?
        }
        _ => paid,
    };
    Ok(AccountSnapshot {
        overdue_amount: less(account.overdue_amount)?,
        statement_balance: less(account.statement_balance)?,
        last_payment: Some(crate::account::Payment {
            amount: paid_since_due,
            date: account.as_of,
        }),
        ..account.clone()
    })
}

/// The account as the bank would see it on `on` if nothing were paid from its `as_of`
/// day: the late fees charged on the fee days up to and including `on`, the penalty
/// interest accrued by then, and the ordinary interest added to the balance, each worked
/// out exactly as the cost of waiting is. The overdue amount stays what it is: a later
/// statement's minimum is not known here, which is why advice never pairs an amount with
/// a date past the next fee (see [`crate::advice`]).
///
/// # Errors
///
/// [`EngineError::Invalid`] at `on` when it is before `as_of`, or a sum overflows.
pub fn projected(
    account: &AccountSnapshot,
    policy: &Policy,
    on: Date,
) -> Result<AccountSnapshot, EngineError> {
    let invalid = |reason| EngineError::invalid("on", reason);
    let wait = crate::calendar::days_between(account.as_of, on);
    let wait =
        u32::try_from(wait).map_err(|_| invalid(InvalidReason::BeforeOther { other: "as_of" }))?;
    if wait == 0 {
        return Ok(account.clone());
    }
    let today = u32::try_from(account.days_past_due()).unwrap_or(u32::MAX);
    let overdue = !account.overdue_amount.is_zero() && today > 0;
    let cost = waiting_cost(account, policy, today, wait, overdue).map_err(invalid)?;
    Ok(AccountSnapshot {
        as_of: on,
        statement_balance: account
            .statement_balance
            .checked_add(cost.interest)
            .map_err(invalid)?,
        fees_charged: account
            .fees_charged
            .checked_add(cost.late_fees)
            .map_err(invalid)?,
        penalty_interest_charged: account
            .penalty_interest_charged
            .checked_add(cost.penalty_interest)
            .map_err(invalid)?,
        ..account.clone()
    })
}

/// Whether paying `paid` on `on` (today or later) stops `consequence` from coming at the
/// first date today's timeline gives it: it has not come by `on`, and the account as it
/// stands on `on` ([`projected`]) with the payment received then no longer brings it
/// ([`part_payment`] decides, under each stage's `avoided_by` rule). The one rule every
/// sentence about paying by a date is checked against. A consequence that is not on
/// today's timeline is avoided by anything.
///
/// # Errors
///
/// As [`projected`] and [`part_payment`].
pub fn avoids(
    account: &AccountSnapshot,
    policy: &Policy,
    paid: Money,
    on: Date,
    consequence: Consequence,
) -> Result<bool, EngineError> {
    let today = status(account, policy)?;
    let Some(deadline) = today
        .deadlines
        .iter()
        .find(|d| d.harm.consequence == consequence)
    else {
        return Ok(true);
    };
    if on < account.as_of || deadline.date.0 <= on {
        return Ok(false);
    }
    if paid.is_zero() || paid.is_negative() {
        return Ok(false);
    }
    let then = projected(account, policy, on)?;
    let part = part_payment(&then, policy, paid)?;
    Ok(part
        .outcomes
        .iter()
        .find(|o| o.deadline.harm.consequence == consequence)
        .is_none_or(|o| o.effect == PartEffect::Avoided))
}

/// The least payment made on `on` that stops `consequence` ([`avoids`]), if any does:
/// the amounts tried are those the policy's rules turn on for the account as it stands
/// on `on` (each stage's `avoided_by` amount, the unpaid minimum that stops a late fee,
/// the overdue amount) and what brings it current, which stops everything.
///
/// # Errors
///
/// As [`avoids`].
pub fn least_on(
    account: &AccountSnapshot,
    policy: &Policy,
    on: Date,
    consequence: Consequence,
) -> Result<Option<Money>, EngineError> {
    let then = projected(account, policy, on)?;
    let current = then
        .amount_to_bring_current()
        .map_err(|r| EngineError::invalid("on", r))?;
    let mut least: Option<Money> = None;
    let tries = policy
        .stages
        .iter()
        .filter_map(|stage| needed_for(stage, &then))
        .chain([
            then.unpaid_minimum().amount(),
            then.overdue_amount.amount(),
            current.amount(),
        ])
        .filter(|amount| *amount > rust_decimal::Decimal::ZERO && *amount <= current.amount());
    for amount in tries {
        if least.is_some_and(|l| l.amount() <= amount) {
            continue;
        }
        let paid = Money::round(amount, account.currency, policy.rounding);
        if avoids(account, policy, paid, on, consequence)? {
            least = Some(paid);
        }
    }
    Ok(least)
}

/// For each of the status's `deadlines`, in order, the least payment made today that
/// avoids it, as [`part_payment`] decides: the amounts tried are those the policy's rules
/// turn on (each stage's `avoided_by` amount, the overdue amount), and what brings the
/// account current, which avoids everything on the timeline. A customer who cannot pay
/// everything learns that, say, paying the unpaid minimum by the day before stops the
/// credit report.
///
/// # Errors
///
/// As [`status`] and [`part_payment`].
pub fn least_to_avoid(
    account: &AccountSnapshot,
    policy: &Policy,
) -> Result<Vec<Money>, EngineError> {
    let before = status(account, policy)?;
    let current = before.amount_to_bring_current;
    let mut least = vec![current; before.deadlines.len()];
    // A handful of amounts, one per stage at most: each is tried, and each consequence
    // keeps the smallest that avoids it (no sort, which cost the bundle 1 KB).
    let tries = policy
        .stages
        .iter()
        .filter_map(|stage| needed_for(stage, account))
        .chain([account.overdue_amount.amount()])
        .filter(|amount| *amount > rust_decimal::Decimal::ZERO && *amount < current.amount());
    for amount in tries {
        // Each amount is already exact in minor units: rounding leaves it as it is.
        let paid = Money::round(amount, account.currency, policy.rounding);
        let part = part_payment(account, policy, paid)?;
        for (found, outcome) in least.iter_mut().zip(&part.outcomes) {
            if outcome.effect == PartEffect::Avoided && paid.amount() < found.amount() {
                *found = paid;
            }
        }
    }
    Ok(least)
}

fn waiting_cost(
    account: &AccountSnapshot,
    policy: &Policy,
    today: u32,
    wait: u32,
    overdue: bool,
) -> Result<WaitingCost, InvalidReason> {
    let zero = Money::zero(account.currency);
    let end = today.saturating_add(wait);
    let days = |n: u32| rust_decimal::Decimal::from(n);
    // Days in (today, end] on which penalty interest accrues.
    let penalty_days = match (&policy.penalty, overdue) {
        (Some(p), true) => end
            .saturating_sub(today.max(p.from_day.saturating_sub(1)))
            .min(wait),
        _ => 0,
    };
    let (penalty_interest, ordinary_days) = match &policy.penalty {
        Some(p) if penalty_days > 0 => {
            let (base, ordinary_days) = match p.applies_to {
                // On the whole balance the penalty rate replaces the ordinary rate…
                PenaltyBase::StatementBalance => (account.statement_balance, wait - penalty_days),
                // …on the overdue part it comes on top of ordinary interest.
                PenaltyBase::OverdueAmount => (account.overdue_amount, wait),
            };
            (
                base.times(p.rate.daily * days(penalty_days), policy.rounding)?,
                ordinary_days,
            )
        }
        _ => (zero, wait),
    };
    let interest = account
        .statement_balance
        .times(policy.interest.daily * days(ordinary_days), policy.rounding)?;
    let late_fees = match (late_fee(account, policy), overdue) {
        (Some(fee), true) => {
            let count = late_fee_days(policy, today, end).len();
            (0..count).try_fold(zero, |sum, _| sum.checked_add(fee))?
        }
        _ => zero,
    };
    Ok(WaitingCost {
        days: wait,
        interest,
        penalty_interest,
        late_fees,
        total: interest
            .checked_add(penalty_interest)?
            .checked_add(late_fees)?,
    })
}

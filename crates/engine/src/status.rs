//! Where the customer stands: days past due, the delinquency stage, what has been
//! charged, a dated timeline of what happens next if nothing is paid (each with the date
//! to act before), the date by which paying avoids every one of those events, and what
//! waiting 30, 60 or 90 days would cost.

use jiff::civil::Date;
use serde::Serialize;

use crate::account::AccountSnapshot;
use crate::calendar::add_days;
use crate::error::{EngineError, InvalidReason};
use crate::money::Money;
use crate::plans::DateText;
use crate::policy::{Consequence, PenaltyBase, Policy};

/// The waits whose cost the status reports.
pub const WAITS_IN_DAYS: [u32; 3] = [30, 60, 90];

/// How far ahead repeated late fees are listed one by one: ten years. A real policy's
/// last stage comes long before; the bound keeps a policy with a far-off stage and a
/// one-day cycle from listing millions of fees.
pub const FEE_HORIZON_DAYS: u32 = 3660;

/// Something that happens on a date if nothing is paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventKind {
    /// A delinquency stage starts, with its consequences.
    StageStarts {
        code: String,
        consequences: Vec<Consequence>,
        /// The bank notifies the customer on this date, if the stage has a notice period.
        notice_date: Option<DateText>,
    },
    /// A late fee (违约金) is charged: every fee that falls in the timeline's horizon is
    /// its own event.
    LateFee { amount: Money },
    /// Penalty interest (罚息) starts replacing ordinary interest.
    PenaltyInterestStarts,
}

/// A dated event on the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEvent {
    pub date: DateText,
    /// Days past due on that date.
    pub day: u32,
    /// The last day a payment avoids the event.
    pub act_before: DateText,
    #[serde(flatten)]
    pub kind: EventKind,
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
    /// What happens if nothing is paid, in date order.
    pub timeline: Vec<TimelineEvent>,
    pub cost_of_waiting: Vec<WaitingCost>,
}

impl Status {
    /// The event a payment must come before first: the timeline's first, since it is in
    /// date order. Its `act_before` is the earliest date by which bringing the account
    /// current avoids every event on the timeline (a credit-bureau report before a fee,
    /// when the report comes first). `None` when the timeline is empty.
    pub fn pay_by(&self) -> Option<&TimelineEvent> {
        self.timeline.first()
    }

    /// The first event on the timeline that costs money (a late fee, or penalty interest
    /// starting), if any.
    pub fn next_charge(&self) -> Option<&TimelineEvent> {
        self.timeline.iter().find(|e| {
            matches!(
                e.kind,
                EventKind::LateFee { .. } | EventKind::PenaltyInterestStarts
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
    let overdue = !account.overdue_amount.is_zero() && days_past_due > 0;
    let timeline = if overdue {
        timeline(account, policy, days_past_due)
            .ok_or_else(|| EngineError::invalid("status", InvalidReason::Overflow))?
    } else {
        Vec::new()
    };
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

fn timeline(account: &AccountSnapshot, policy: &Policy, today: u32) -> Option<Vec<TimelineEvent>> {
    let dated = |day: u32, kind: EventKind| -> Option<TimelineEvent> {
        let date = event_date(account, day)?;
        Some(TimelineEvent {
            date: DateText(date),
            day,
            act_before: DateText(add_days(date, -1)?),
            kind,
        })
    };
    let mut events = Vec::new();
    for stage in policy.stages.iter().filter(|s| s.from_day > today) {
        let notice_date = if stage.notice_days > 0 {
            Some(DateText(add_days(
                event_date(account, stage.from_day)?,
                -i64::from(stage.notice_days),
            )?))
        } else {
            None
        };
        events.push(dated(
            stage.from_day,
            EventKind::StageStarts {
                code: stage.code.clone(),
                consequences: stage.consequences.clone(),
                notice_date,
            },
        )?);
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
            events.push(dated(day, EventKind::LateFee { amount })?);
        }
    }
    if let Some(penalty) = &policy.penalty {
        if penalty.from_day > today {
            events.push(dated(penalty.from_day, EventKind::PenaltyInterestStarts)?);
        }
    }
    crate::numbers::sort_small_by_key(&mut events, |e| e.day);
    Some(events)
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

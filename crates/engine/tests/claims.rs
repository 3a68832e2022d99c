//! Claims are checked like the money: every sentence the widget says that rests on a date
//! or an amount is an engine claim (`repay_engine::advice`), and this checker simulates
//! each one on the engine's own timeline ([`status::avoids`], [`status::projected`]):
//!
//! - paying the stated amount by the stated day avoids what the claim says; a minor unit
//!   less does not (for "the least that avoids it"); the next working day it no longer
//!   holds (the harm comes, or a charge is added first, as the claim says);
//! - no day to pay by is on or after the harm it avoids, or before today;
//! - no notice is promised whose date has passed;
//! - a one-off payment is due by the day before the earliest harm, never before today;
//! - every harm before a plan's first payment is named;
//! - "costs least" compares plans to one horizon, counting what stays on the card;
//! - default terms are the shortest, default dates working days.
//!
//! Run over the four samples on every `as_of` day of a year (every day with
//! `REPAY_CLAIMS_FULL=1`, every fifth otherwise) and over random accounts and policies
//! (`PROPTEST_CASES` sets how many; 10,000 for the record in the closing note).
#![cfg(not(target_arch = "wasm32"))]

use jiff::civil::Date;
use proptest::prelude::*;
use repay_engine::advice::{advise, after_part, PayBy, Stop};
use repay_engine::affordability::{affordability, plans_fitting, Budget};
use repay_engine::calendar::add_days;
use repay_engine::guidance::{suggest, MissedReason, Why};
use repay_engine::policy::{AvoidedBy, Consequence, PlanOffer};
use repay_engine::status::{avoids, part_payment, projected, status, Status};
use repay_engine::{all_plans, Money, Plan, PlanChoice, PlanKind, Scenario, Verdict};

const SAMPLES: [&str; 5] = [
    include_str!("../data/cn-card.json"),
    include_str!("../data/us-card.json"),
    include_str!("../data/hk-card.json"),
    include_str!("../data/uk-card.json"),
    include_str!("../data/ie-card.json"),
];

type Check = Result<(), String>;

fn fail(what: impl std::fmt::Display) -> Check {
    Err(what.to_string())
}

fn one_unit_less(money: Money) -> Money {
    let unit = Money::from_minor(1, money.currency());
    money.checked_sub(unit).unwrap()
}

/// The first working day after `date`.
fn next_working(s: &Scenario, date: Date) -> Date {
    s.policy
        .working_days
        .on_or_after(add_days(date, 1).unwrap())
}

/// "Paying `pay.amount` by `pay.by` avoids `consequence` (first on `deadline_date`)":
/// it does on `pay.by`; `least` claims fail a minor unit less; the next working day
/// after `pay.by` the harm has come, or a charge came first as the claim says.
fn check_pay_by(
    s: &Scenario,
    st: &Status,
    what: &str,
    consequence: Consequence,
    deadline_date: Date,
    pay: &PayBy,
    least: bool,
) -> Check {
    let (a, p) = (&s.account, &s.policy);
    let by = pay.by.0;
    if by < a.as_of || by >= deadline_date {
        return fail(format!(
            "{what}: pay by {by} is not between today {} and the harm on {deadline_date}",
            a.as_of
        ));
    }
    if !avoids(a, p, pay.amount, by, consequence).unwrap() {
        return fail(format!(
            "{what}: paying {} on {by} does not avoid {consequence:?}",
            pay.amount
        ));
    }
    if least && avoids(a, p, one_unit_less(pay.amount), by, consequence).unwrap() {
        return fail(format!(
            "{what}: {} on {by} is not the least: a unit less avoids {consequence:?} too",
            pay.amount
        ));
    }
    // The claim's last day is its last: the next working day, the harm has come or a
    // charge came first.
    let next = next_working(s, by);
    let limit = if pay.until_charge {
        let charge = st.timeline.iter().find(|e| {
            e.date.0 < deadline_date
                && e.harms.iter().any(|h| {
                    matches!(
                        h.consequence,
                        Consequence::LateFee | Consequence::PenaltyInterest
                    )
                })
        });
        match charge {
            Some(event) => event.date.0,
            None => return fail(format!("{what}: says a charge comes first, none does")),
        }
    } else {
        deadline_date
    };
    if next < limit && s.policy.working_days.is_working(by) {
        return fail(format!(
            "{what}: {by} is not the last day: {next} is a working day before {limit}"
        ));
    }
    Ok(())
}

/// Every claim the engine makes for `s` with the plans at `choice`, checked.
fn check_claims(s: &Scenario) -> Check {
    let (a, p) = (&s.account, &s.policy);
    let st = status(a, p).unwrap();
    let plans = all_plans(a, p, &PlanChoice::default()).unwrap();
    let advice = advise(a, p, &plans).unwrap();

    // Notices: never a promise whose date has passed.
    for event in &st.timeline {
        if let Some(notice) = &event.notice {
            if notice.ahead && (notice.date.0 < a.as_of || notice.date >= event.date) {
                return fail(format!("notice {notice:?} promised for {:?}", event.date));
            }
            if !notice.ahead && notice.date.0 >= a.as_of {
                return fail(format!("notice {notice:?} said to have passed"));
            }
        }
    }

    // Every "pay by this day to avoid it": before the harm, never before today, the last
    // working day before it (the next working day is the harm's or later), and paying
    // what is owed that day does avoid it. The deadlines and pay-now say the same day.
    for event in &st.timeline {
        let by = event.act_before.0;
        if by < a.as_of {
            continue;
        }
        if by >= event.date.0 {
            return fail(format!("act before {by} is not before {:?}", event.date));
        }
        let working = p.working_days.is_working(by);
        let none_left = (0..)
            .map_while(|i| add_days(a.as_of, i).filter(|d| *d < event.date.0))
            .all(|d| !p.working_days.is_working(d));
        if !working && !none_left {
            return fail(format!("act before {by} is not a working day"));
        }
        if working && next_working(s, by) < event.date.0 {
            return fail(format!(
                "act before {by} is not the last working day before {:?}",
                event.date
            ));
        }
        let owed = projected(a, p, by)
            .unwrap()
            .amount_to_bring_current()
            .unwrap();
        // Each harm that first comes on this date (a repeated fee's later dates come
        // after the first, which this payment would be too late for).
        let first_here = event.harms.iter().filter(|h| {
            st.deadlines
                .iter()
                .any(|d| d.harm.consequence == h.consequence && d.date == event.date)
        });
        for harm in first_here {
            if !avoids(a, p, owed, by, harm.consequence).unwrap() {
                return fail(format!(
                    "paying {owed} by {by} does not avoid {:?}",
                    harm.consequence
                ));
            }
        }
    }
    for deadline in &st.deadlines {
        let event = st.timeline.iter().find(|e| e.date == deadline.date);
        if event.is_none_or(|e| e.act_before != deadline.act_before) {
            return fail(format!("deadline {deadline:?} and the timeline disagree"));
        }
    }
    if let (Some(pay_now), Some(first)) = (&advice.pay_now, st.pay_by()) {
        if pay_now.pay.by != first.act_before {
            return fail("pay now and the timeline's first act-before day disagree");
        }
    }

    // Grace: "paying by D avoids any charge": what is owed on D avoids every charge, and D
    // is the last working day before the first one.
    match (advice.grace_until, st.next_charge()) {
        (Some(by), Some(first)) => {
            if !st.in_grace_period || by.0 < a.as_of || by >= first.date {
                return fail(format!("grace until {by:?} against {first:?}"));
            }
            if p.working_days.is_working(by.0) && next_working(s, by.0) < first.date.0 {
                return fail(format!(
                    "grace until {by:?} is not the last day before {first:?}"
                ));
            }
            let owed = projected(a, p, by.0)
                .unwrap()
                .amount_to_bring_current()
                .unwrap();
            for charge in st.deadlines.iter().filter(|d| {
                matches!(
                    d.harm.consequence,
                    Consequence::LateFee | Consequence::PenaltyInterest
                )
            }) {
                if !avoids(a, p, owed, by.0, charge.harm.consequence).unwrap() {
                    return fail(format!("paying {owed} by {by:?} does not avoid {charge:?}"));
                }
            }
        }
        (Some(by), None) => return fail(format!("grace until {by:?} with no charge to come")),
        (None, Some(first)) if st.in_grace_period && first.act_before.0 >= a.as_of => {
            return fail("inside the grace period, its last day is not said")
        }
        _ => {}
    }

    // Pay now: by the last working day before the first harm, avoiding every harm.
    match (&advice.pay_now, st.pay_by()) {
        (Some(pay_now), Some(first)) => {
            for deadline in &st.deadlines {
                check_pay_by(
                    s,
                    &st,
                    "pay now",
                    deadline.harm.consequence,
                    first.date.0,
                    &pay_now.pay,
                    false,
                )?;
                if !avoids(
                    a,
                    p,
                    pay_now.pay.amount,
                    pay_now.pay.by.0,
                    deadline.harm.consequence,
                )
                .unwrap()
                {
                    return fail(format!("pay now misses {:?}", deadline.harm.consequence));
                }
            }
            let then = projected(a, p, pay_now.pay.by.0).unwrap();
            if then.amount_to_bring_current().unwrap() != pay_now.pay.amount {
                return fail("pay now's amount is not what brings the account current that day");
            }
        }
        (None, Some(first)) if first.act_before.0 >= a.as_of => {
            return fail("a harm is coming and no pay-now claim is made")
        }
        (Some(_), None) => return fail("pay now without a timeline"),
        _ => {}
    }

    // What matters most, and the next charge: said whenever there is still a day to act,
    // and then the least, by a day that holds.
    let still_time = |d: &repay_engine::status::Deadline| d.act_before.0 >= a.as_of;
    if st.leading().is_some_and(still_time) && advice.leading.is_none() {
        return fail("the most severe harm to come is not said");
    }
    if st.next_charge().is_some_and(still_time) && advice.next_charge.is_none() {
        return fail("the next charge is not said");
    }
    if let Some(leading) = &advice.leading {
        if Some(&leading.deadline) != st.leading() {
            return fail("what matters most is not the most severe harm to come");
        }
        check_pay_by(
            s,
            &st,
            "what matters most",
            leading.deadline.harm.consequence,
            leading.deadline.date.0,
            &leading.pay,
            true,
        )?;
    }
    if let Some(charge) = &advice.next_charge {
        check_pay_by(
            s,
            &st,
            "next charge",
            charge.deadline.harm.consequence,
            charge.deadline.date.0,
            &charge.pay,
            true,
        )?;
    }

    // Part payments: a quarter, half and all but a unit of what brings it current.
    let current = st.amount_to_bring_current;
    if !st.timeline.is_empty() && current.amount() > rust_decimal::Decimal::ONE {
        for share in [
            rust_decimal::Decimal::new(25, 2),
            rust_decimal::Decimal::new(5, 1),
        ] {
            let paid = current.times(share, p.rounding).unwrap();
            if paid.is_zero() {
                continue;
            }
            let part = part_payment(a, p, paid).unwrap();
            let then = after_part(a, p, &part).unwrap();
            for (outcome, more) in part.outcomes.iter().zip(&then) {
                let Some(more) = more else { continue };
                let total = PayBy {
                    amount: more.amount.checked_add(paid).unwrap(),
                    ..*more
                };
                check_pay_by(
                    s,
                    &st,
                    "after a part payment",
                    outcome.deadline.harm.consequence,
                    outcome.deadline.date.0,
                    &total,
                    true,
                )?;
            }
        }
    }

    // Plans.
    for (plan, claims) in plans.iter().zip(&advice.plans) {
        check_plan(s, &st, plan, claims)?;
    }
    Ok(())
}

fn check_plan(
    s: &Scenario,
    st: &Status,
    plan: &Plan,
    claims: &repay_engine::advice::PlanAdvice,
) -> Check {
    let (a, p) = (&s.account, &s.policy);
    let what = format!("plan {} ({:?})", plan.offer, plan.kind);
    let allowed = !matches!(plan.verdict, Verdict::NotAllowed { .. });
    // A one-off payment: never before today, by the day before the earliest harm.
    if matches!(plan.kind, PlanKind::PayInFull | PlanKind::BringCurrent) && allowed {
        let due = plan.first_payment_date.0;
        if due < a.as_of {
            return fail(format!("{what}: due {due}, before today"));
        }
        if let Some(first) = st.pay_by() {
            if due >= first.date.0 {
                return fail(format!(
                    "{what}: due {due}, on or after the harm on {:?}",
                    first.date
                ));
            }
            let paid = plan.total_paid;
            for deadline in &st.deadlines {
                if !avoids(a, p, paid, due, deadline.harm.consequence).unwrap() {
                    return fail(format!(
                        "{what}: paying {paid} on {due} does not avoid {:?}",
                        deadline.harm.consequence
                    ));
                }
            }
        }
    }
    // A default first payment of a spread: a working day, the shortest term.
    if matches!(plan.kind, PlanKind::Instalment { .. } | PlanKind::Hardship) {
        if !p.working_days.is_working(plan.first_payment_date.0)
            && plan.first_payment_date.0 > a.as_of
        {
            return fail(format!(
                "{what}: default first payment on a non-working day"
            ));
        }
        let shortest = match &p.plans[plan.offer] {
            PlanOffer::Instalment { terms, .. } => terms.iter().copied().min(),
            PlanOffer::Hardship {
                min_term_months, ..
            } => Some(*min_term_months),
            _ => None,
        };
        if shortest.is_some_and(|t| t.min(p.max_term_months) != plan.term_months) {
            return fail(format!(
                "{what}: default term {} is not the shortest",
                plan.term_months
            ));
        }
    }
    // Every harm before the first payment is taken is named, and nothing else.
    if allowed && !plan.schedule.is_empty() {
        let taken = p.working_days.on_or_after(plan.first_payment_date.0);
        let expected: Vec<_> = st
            .deadlines
            .iter()
            .filter(|d| d.date.0 <= taken)
            .map(|d| d.harm.consequence)
            .collect();
        let named: Vec<_> = claims
            .before_first_payment
            .iter()
            .map(|b| b.deadline.harm.consequence)
            .collect();
        if expected != named {
            return fail(format!(
                "{what}: harms before the first payment {named:?}, expected {expected:?}"
            ));
        }
        for before in &claims.before_first_payment {
            if before.stop == Stop::Agreed && !matches!(plan.verdict, Verdict::ApprovedInstantly) {
                return fail(format!(
                    "{what}: says agreeing stops it, but the plan is reviewed"
                ));
            }
            if before.stop == Stop::PausedWhileReviewed
                && !matches!(plan.verdict, Verdict::NeedsReview { .. })
            {
                return fail(format!("{what}: paused while reviewed, but not reviewed"));
            }
            if let Some(pay) = &before.avoid {
                check_pay_by(
                    s,
                    st,
                    &what,
                    before.deadline.harm.consequence,
                    before.deadline.date.0,
                    pay,
                    true,
                )?;
            }
        }
    }
    // What stays on the card, and its cost over 30 days at the card's rate.
    let left = plan.left_after();
    match &claims.left_on_card {
        Some(claim) => {
            let expected = left
                .times(
                    p.interest.daily * rust_decimal::Decimal::from(30),
                    p.rounding,
                )
                .unwrap();
            if claim.amount != left || claim.monthly_interest != expected {
                return fail(format!(
                    "{what}: left on card {claim:?}, expected {left} and {expected}"
                ));
            }
        }
        None if plan.kind == PlanKind::BringCurrent && !left.is_zero() => {
            return fail(format!(
                "{what}: leaves {left} on the card and does not say so"
            ))
        }
        None => {}
    }
    // The review: its day after the period's last payment, the amount still owed then
    // (what the plan's last row leaves), the card's rate that applies to it again (the
    // rate "costs least" counts after the plan's end), and the period's own rate.
    match &claims.review {
        Some(review) => {
            let offer = &p.plans[plan.offer];
            let period_rate = match offer {
                PlanOffer::ReducedRate { annual_rate, .. } => *annual_rate,
                PlanOffer::TokenPayments {
                    charges_frozen: true,
                    ..
                } => rust_decimal::Decimal::ZERO,
                _ => p.interest.yearly,
            };
            if Some(review.date) != plan.review_date
                || review.date.0 <= plan.end_date.0
                || review.owed != left
                || left.is_zero()
                || review.card_rate != p.interest.yearly
                || review.period_rate != period_rate
                || review.months != plan.term_months
            {
                return fail(format!("{what}: review {review:?} of {plan:?}"));
            }
        }
        None if plan.review_date.is_some() => {
            return fail(format!("{what}: ends in a review and does not say so"));
        }
        None => {}
    }
    if left.is_zero() && claims.cost_to_horizon != plan.total_cost {
        return fail(format!(
            "{what}: repays everything yet costs more than its cost"
        ));
    }
    Ok(())
}

/// "Costs least": the suggested plan costs no more, counted to the horizon it names, than
/// any other plan it was chosen from (interest on what stays on the card included).
fn check_suggestions(s: &Scenario) -> Check {
    let (a, p) = (&s.account, &s.policy);
    let currency = a.currency;
    let owed = a.total_owed().unwrap();
    let reasons = [
        None,
        Some(MissedReason::Forgot),
        Some(MissedReason::TemporaryEmergency),
        Some(MissedReason::IncomeLoss),
        Some(MissedReason::Illness),
    ];
    // Budgets from a twentieth of what is owed a month to all of it.
    for divisor in [20i64, 6, 1] {
        let spare = Money::round(
            owed.amount() * rust_decimal::Decimal::from(2) / rust_decimal::Decimal::from(divisor),
            currency,
            p.rounding,
        );
        let income = spare
            .checked_add(Money::parse("100", currency).unwrap())
            .unwrap();
        let budget = Budget::new(income, Money::parse("100", currency).unwrap()).unwrap();
        let affordable = affordability(&budget, p, &[]).unwrap().affordable_monthly;
        let plans = plans_fitting(a, p, &PlanChoice::default(), Some(affordable)).unwrap();
        let check = affordability(&budget, p, &plans).unwrap();
        for reason in reasons {
            let Some(suggestion) = suggest(p, &plans, reason, Some(&check)).unwrap() else {
                continue;
            };
            let (Some(offer), Some(compared)) = (suggestion.plan, suggestion.compared) else {
                continue;
            };
            let chosen = &plans[offer];
            let horizon = compared.horizon.0;
            if chosen.cost_to(p, horizon).unwrap() != compared.cost {
                return fail("the suggestion's cost is not its cost to the horizon");
            }
            // The pool it was chosen from.
            let pool: Vec<&Plan> = match suggestion.why {
                Why::SuitsReason { reason, .. } => {
                    let kinds = p.suggestions.for_reason(reason);
                    plans
                        .iter()
                        .filter(|plan| check.fitting.contains(&plan.offer))
                        .filter(|plan| kinds.contains(&p.plans[plan.offer].kind()))
                        .collect()
                }
                _ => {
                    let fitting: Vec<&Plan> = plans
                        .iter()
                        .filter(|plan| check.fitting.contains(&plan.offer))
                        .collect();
                    repay_engine::plans::agreed_first(&fitting).0
                }
            };
            for other in pool {
                if other.end_date.0 > horizon {
                    return fail("a plan compared ends after the horizon");
                }
                if other.cost_to(p, horizon).unwrap().amount() < compared.cost.amount() {
                    return fail(format!(
                        "{reason:?}: suggested {:?} at {} but {:?} costs {} to {horizon}",
                        chosen.kind,
                        compared.cost,
                        other.kind,
                        other.cost_to(p, horizon).unwrap()
                    ));
                }
            }
        }
    }
    Ok(())
}

/// The sample `which` with `as_of` moved `days` on: due date fixed (the account ages
/// through every stage), or moved with it (the same age on every weekday and holiday).
fn aged(which: usize, days: i64, keep_age: bool) -> Scenario {
    let mut s = Scenario::from_json(SAMPLES[which]).unwrap();
    s.account.as_of = add_days(s.account.as_of, days).unwrap();
    if keep_age {
        s.account.due_date = add_days(s.account.due_date, days).unwrap();
    }
    if let Some(payment) = &mut s.account.last_payment {
        if payment.date > s.account.as_of {
            payment.date = s.account.as_of;
        }
    }
    s
}

#[test]
fn every_claim_holds_for_the_samples_on_every_day_of_a_year() {
    let step = if std::env::var_os("REPAY_CLAIMS_FULL").is_some() {
        1
    } else {
        5
    };
    let mut checked = 0;
    for (which, sample) in SAMPLES.iter().enumerate() {
        for days in (0..365).step_by(step) {
            for keep_age in [true, false] {
                let s = aged(which, days, keep_age);
                if let Err(problem) = check_claims(&s) {
                    panic!(
                        "sample {which}, as_of {}, due {}: {problem}",
                        s.account.as_of, s.account.due_date
                    );
                }
                checked += 1;
            }
        }
        check_suggestions(&Scenario::from_json(sample).unwrap()).unwrap();
    }
    assert!(checked >= 4 * 2 * 73);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn every_claim_holds_for_random_accounts_and_policies(
        which in 0usize..SAMPLES.len(),
        balance in 1_000i64..5_000_000,
        overdue_share in 1u32..=100,
        fees in prop_oneof![Just(0i64), 0i64..20_000],
        penalty in prop_oneof![Just(0i64), 0i64..20_000],
        days_late in 0i64..240,
        grace in 0u32..6,
        stage_days in proptest::collection::vec(1u32..200, 1..6),
        avoided in proptest::collection::vec(0u8..3, 6),
        notices in proptest::collection::vec(0u32..50, 6),
        fee_cycle in 1u32..40,
        penalty_from in 1u32..120,
        as_of_shift in 0i64..400,
    ) {
        let mut s = Scenario::from_json(SAMPLES[which]).unwrap();
        let currency = s.account.currency;
        let a = &mut s.account;
        a.statement_balance = Money::from_minor(balance, currency);
        a.overdue_amount = Money::from_minor(balance * i64::from(overdue_share) / 100, currency);
        a.minimum_due = a.overdue_amount;
        a.fees_charged = Money::from_minor(fees, currency);
        a.penalty_interest_charged = Money::from_minor(penalty, currency);
        a.as_of = add_days(a.as_of, as_of_shift).unwrap();
        a.due_date = add_days(a.as_of, -days_late).unwrap();
        a.last_payment = None;
        let p = &mut s.policy;
        p.grace_days = grace;
        for (index, stage) in p.stages.iter_mut().enumerate() {
            if let Some(&day) = stage_days.get(index) {
                stage.from_day = day;
            }
            stage.notice_days = notices[index % notices.len()];
            stage.avoided_by = match avoided[index % avoided.len()] {
                0 => AvoidedBy::AmountToBringCurrent,
                1 => AvoidedBy::OverdueAmount,
                _ => AvoidedBy::ShareOfOverdue(rust_decimal::Decimal::new(5, 1)),
            };
        }
        p.stages.sort_by_key(|stage| stage.from_day);
        if let Some(fee) = &mut p.late_fee {
            fee.cycle_days = fee_cycle;
        }
        if let Some(rule) = &mut p.penalty {
            rule.from_day = penalty_from;
        }
        if let Err(problem) = check_claims(&s) {
            prop_assert!(false, "{}", problem);
        }
    }
}

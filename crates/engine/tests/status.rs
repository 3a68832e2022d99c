//! The overdue status of the illustrative accounts: stage, timeline and cost of waiting,
//! checked against dates and sums worked out by hand (and, for the USD interest, Python's
//! `decimal`: 2450.00 × 0.2499/365 × 25 = 41.94 half-even).

use jiff::civil::date;
use repay_engine::guidance::Severity;
use repay_engine::policy::Consequence;
use repay_engine::status::{status, Harm, Status, TimelineEvent};
use repay_engine::{EngineError, InvalidReason, Scenario};

const CN: &str = include_str!("../data/cn-card.json");
const US: &str = include_str!("../data/us-card.json");
const HK: &str = include_str!("../data/hk-card.json");
const UK: &str = include_str!("../data/uk-card.json");

/// The late fees on the timeline, as text.
fn fees(st: &Status) -> Vec<String> {
    st.timeline
        .iter()
        .flat_map(|e| &e.harms)
        .filter(|h| h.consequence == Consequence::LateFee)
        .map(|h| h.amount.unwrap().to_string())
        .collect()
}

fn consequences(event: &TimelineEvent) -> Vec<Consequence> {
    event.harms.iter().map(|h: &Harm| h.consequence).collect()
}

fn texts(status: &repay_engine::status::Status) -> Vec<(u32, String, String, String)> {
    status
        .cost_of_waiting
        .iter()
        .map(|c| {
            (
                c.days,
                c.interest.to_string(),
                c.penalty_interest.to_string(),
                format!("{} {}", c.late_fees, c.total),
            )
        })
        .collect()
}

#[test]
fn a_chinese_card_eighteen_days_late() {
    let s = Scenario::from_json(CN).unwrap();
    let st = status(&s.account, &s.policy).unwrap();
    assert_eq!(st.days_past_due, 18);
    assert!(!st.in_grace_period);
    assert_eq!(st.stage.as_deref(), Some("late"));
    assert_eq!(st.charged.total.to_string(), "50.74");
    assert_eq!(st.amount_to_bring_current.to_string(), "910.74");

    let events: Vec<_> = st
        .timeline
        .iter()
        .map(|e| (e.date.0, e.act_before.0, e.day))
        .collect();
    // Every fee up to the last stage is listed: one every 30 days from day 34. The day
    // to pay by is the last working day before each: the bank's weekend is Saturday and
    // Sunday (13 December and 7 February are Sundays, 13 March and 8 May Saturdays).
    assert_eq!(
        events,
        vec![
            (date(2026, 12, 10), date(2026, 12, 9), 30),
            (date(2026, 12, 14), date(2026, 12, 11), 34),
            (date(2027, 1, 9), date(2027, 1, 8), 60),
            (date(2027, 1, 13), date(2027, 1, 12), 64),
            (date(2027, 2, 8), date(2027, 2, 5), 90),
            (date(2027, 2, 12), date(2027, 2, 11), 94),
            (date(2027, 3, 14), date(2027, 3, 12), 124),
            (date(2027, 4, 13), date(2027, 4, 12), 154),
            (date(2027, 5, 9), date(2027, 5, 7), 180),
        ]
    );
    // Paying by 9 December avoids the credit-bureau report on the 10th, which comes
    // before the next fee (pay by Friday the 11th).
    let pay_by = st.pay_by().unwrap();
    assert_eq!(pay_by.act_before.0, date(2026, 12, 9));
    assert_eq!(pay_by.stage.as_deref(), Some("reported"));
    let next_charge = st.next_charge().unwrap();
    assert_eq!(next_charge.act_before.0, date(2026, 12, 11));
    assert_eq!(next_charge.harm.consequence, Consequence::LateFee);
    let reported = &st.timeline[0];
    assert_eq!(consequences(reported), [Consequence::CreditBureauReport]);
    assert_eq!(reported.severity, Severity::High);
    let notice = reported.notice.unwrap();
    assert_eq!(
        (notice.date.0, notice.days, notice.ahead),
        (date(2026, 12, 3), 7, true)
    );
    assert_eq!(fees(&st)[0], "43.00");
    assert_eq!(st.timeline[1].severity, Severity::Low);
    // What matters most leads: the report, a high harm, before the fees.
    let leading = st.leading().unwrap();
    assert_eq!(leading.harm.consequence, Consequence::CreditBureauReport);
    assert_eq!(leading.act_before.0, date(2026, 12, 9));
    // Each consequence once, at its first date, in date order.
    let firsts: Vec<_> = st
        .deadlines
        .iter()
        .map(|d| (d.harm.consequence, d.date.0))
        .collect();
    assert_eq!(
        firsts,
        vec![
            (Consequence::CreditBureauReport, date(2026, 12, 10)),
            (Consequence::LateFee, date(2026, 12, 14)),
            (Consequence::CardSuspension, date(2027, 1, 9)),
            (Consequence::Collections, date(2027, 2, 8)),
            (Consequence::LegalAction, date(2027, 5, 9)),
        ]
    );

    // Ordinary interest 8600 × 0.0005 a day, penalty 860 × 0.0005 a day, a 43.00 fee on
    // days 34, 64 and 94.
    assert_eq!(
        texts(&st),
        vec![
            (30, "129.00".into(), "12.90".into(), "43.00 184.90".into()),
            (60, "258.00".into(), "25.80".into(), "86.00 369.80".into()),
            (90, "387.00".into(), "38.70".into(), "129.00 554.70".into()),
        ]
    );
}

#[test]
fn a_us_card_before_its_penalty_rate() {
    let s = Scenario::from_json(US).unwrap();
    let st = status(&s.account, &s.policy).unwrap();
    assert_eq!(st.days_past_due, 34);
    assert_eq!(st.stage.as_deref(), Some("reported"));
    // One entry per date: the penalty-rate stage and penalty interest starting on day
    // 60 are one event, not two.
    let days: Vec<_> = st
        .timeline
        .iter()
        .map(|e| (e.day, e.stage.clone(), consequences(e)))
        .collect();
    let stage = |code: &str| Some(code.to_owned());
    use Consequence::{CardSuspension, Collections, LateFee, PenaltyInterest, WriteOff};
    assert_eq!(
        days,
        vec![
            (60, stage("penalty_rate"), vec![PenaltyInterest]),
            (61, None, vec![LateFee]),
            (90, stage("collections"), vec![Collections, CardSuspension]),
            (91, None, vec![LateFee]),
            (121, None, vec![LateFee]),
            (151, None, vec![LateFee]),
            (180, stage("charged_off"), vec![WriteOff]),
        ]
    );
    assert_eq!(
        fees(&st).len(),
        4,
        "a fee every 30 days from day 61 up to day 180"
    );
    assert_eq!(st.timeline[0].date.0, date(2026, 12, 24));
    // The 45 days' notice fell on 9 November, before this snapshot's 28 November: a
    // date that has passed, not a promise.
    let notice = st.timeline[0].notice.unwrap();
    assert_eq!((notice.date.0, notice.ahead), (date(2026, 11, 9), false));
    // Collections is the most severe harm to come, and the earliest of the severe ones.
    assert_eq!(st.leading().unwrap().harm.consequence, Collections);
    // The penalty APR replaces the ordinary APR on the balance from day 60.
    assert_eq!(
        texts(&st),
        vec![
            (30, "41.94".into(), "10.07".into(), "32.00 84.01".into()),
            (60, "41.94".into(), "70.46".into(), "64.00 176.40".into()),
            (90, "41.94".into(), "130.85".into(), "96.00 268.79".into()),
        ]
    );
}

#[test]
fn a_late_fee_is_a_share_of_the_minimum_still_unpaid() {
    // 10 % of a 150.00 minimum, 30.00 of which was paid after the due date: the fee is
    // 10 % of the 120.00 still unpaid, in the timeline and in the cost of waiting.
    let json = CN
        .replace("\"minimum_due\": \"860.00\"", "\"minimum_due\": \"150.00\"")
        .replace(
            "\"overdue_amount\": \"860.00\"",
            "\"overdue_amount\": \"150.00\"",
        )
        .replace(
            "\"amount\": \"1200.00\",\n      \"date\": \"2026-10-09\"",
            "\"amount\": \"30.00\",\n      \"date\": \"2026-11-15\"",
        )
        .replace(
            "\"share_of_unpaid_minimum\": \"0.05\"",
            "\"share_of_unpaid_minimum\": \"0.1\"",
        );
    let s = Scenario::from_json(&json).unwrap();
    assert_eq!(s.account.unpaid_minimum().to_string(), "120.00");
    let st = status(&s.account, &s.policy).unwrap();
    let charged = fees(&st);
    assert_eq!(charged.len(), 5);
    assert!(charged.iter().all(|fee| fee == "12.00"), "{charged:?}");
    assert_eq!(st.cost_of_waiting[0].late_fees.to_string(), "12.00");
    assert_eq!(st.cost_of_waiting[2].late_fees.to_string(), "36.00");

    // A payment on or before the due date is already out of the overdue amount.
    let mut on_time = s.clone();
    on_time.account.last_payment.as_mut().unwrap().date = date(2026, 11, 10);
    assert_eq!(on_time.account.unpaid_minimum().to_string(), "150.00");
    // Nothing of the minimum unpaid: no fee at all, not even the policy's minimum fee.
    let mut paid = s.clone();
    paid.account.last_payment.as_mut().unwrap().amount =
        repay_engine::Money::parse("150.00", s.account.currency).unwrap();
    let st = status(&paid.account, &paid.policy).unwrap();
    assert!(fees(&st).is_empty());
    assert!(st.cost_of_waiting.iter().all(|c| c.late_fees.is_zero()));
}

#[test]
fn paying_by_the_pay_by_date_avoids_every_event_on_every_day_of_a_year() {
    for sample in [CN, US] {
        let s = Scenario::from_json(sample).unwrap();
        for offset in 0..366 {
            let mut s = s.clone();
            s.account.as_of = repay_engine::calendar::add_days(s.account.due_date, offset).unwrap();
            s.account.last_payment = None;
            let st = status(&s.account, &s.policy).unwrap();
            match st.pay_by() {
                None => assert!(st.timeline.is_empty()),
                Some(pay_by) => {
                    for event in &st.timeline {
                        assert!(
                            pay_by.act_before <= event.act_before,
                            "as_of {}: pay by {:?} is after {event:?}",
                            s.account.as_of,
                            pay_by.act_before
                        );
                    }
                    assert!(pay_by.act_before.0 >= s.account.as_of);
                }
            }
            for deadline in &st.deadlines {
                assert!(st
                    .timeline
                    .iter()
                    .any(|e| e.date == deadline.date && e.harms.contains(&deadline.harm)));
            }
            if let Some(charge) = st.next_charge() {
                assert!(st.pay_by().unwrap().act_before <= charge.act_before);
            }
        }
    }
}

#[test]
fn inside_the_grace_period_nothing_is_charged_yet() {
    let mut s = Scenario::from_json(CN).unwrap();
    s.account.as_of = date(2026, 11, 12);
    s.account.fees_charged = repay_engine::Money::zero(s.account.currency);
    let st = status(&s.account, &s.policy).unwrap();
    assert_eq!(st.days_past_due, 2);
    assert!(st.in_grace_period);
    assert_eq!(st.stage.as_deref(), Some("reminder"));
    // The first late fee comes on day 4, right after the grace period.
    assert_eq!(st.timeline[0].day, 4);
}

#[test]
fn an_account_that_is_not_overdue_has_no_timeline() {
    let mut s = Scenario::from_json(CN).unwrap();
    s.account.overdue_amount = repay_engine::Money::zero(s.account.currency);
    let st = status(&s.account, &s.policy).unwrap();
    assert!(st.timeline.is_empty());
    assert_eq!(st.stage, None);
    assert!(st
        .cost_of_waiting
        .iter()
        .all(|c| c.late_fees.is_zero() && c.penalty_interest.is_zero()));
}

#[test]
fn a_wrong_configuration_names_the_path_from_the_root() {
    let cases = [
        (
            CN.replace(
                "\"terms\": [\n            3,",
                "\"terms\": [\n            0,",
            ),
            "policy.plans[2].instalment.terms[0]",
            InvalidReason::TermOutsidePolicy,
        ),
        (
            CN.replace(
                "\"min_instalment\": \"100.00\",",
                "\"min_instalment\": \"100.00\", \"surprise\": 1,",
            ),
            "policy.plans[2].instalment.surprise",
            InvalidReason::UnknownField,
        ),
        (
            CN.replace("\"grace_days\": 3,", "\"grace_days\": \"three\","),
            "policy.grace_days",
            InvalidReason::WrongType,
        ),
        (
            CN.replace("\"half_up\"", "\"sideways\""),
            "policy.rounding",
            InvalidReason::NotAllowed,
        ),
        (
            CN.replace(
                "\"max_term_months\": 60,\n    \"severity\"",
                "\"max_term_months\": 72,\n    \"severity\"",
            ),
            "policy.max_term_months",
            InvalidReason::NotAllowed,
        ),
        (
            CN.replace("\"affordability_share\": \"0.5\",", ""),
            "policy.affordability_share",
            InvalidReason::Missing,
        ),
        (
            CN.replace(
                "\"overdue_amount\": \"860.00\"",
                "\"overdue_amount\": \"86000.00\"",
            ),
            "account.overdue_amount",
            InvalidReason::ExceedsOther {
                other: "statement_balance",
            },
        ),
        (
            CN.replace(
                "\"credit_limit\": \"20000.00\"",
                "\"credit_limit\": \"20000.001\"",
            ),
            "account.credit_limit",
            InvalidReason::TooPrecise { max_decimals: 2 },
        ),
    ];
    for (json, path, reason) in cases {
        assert_ne!(
            json, CN,
            "the case for {path} must change the configuration"
        );
        assert_eq!(
            Scenario::from_json(&json).map(drop),
            Err(EngineError::invalid(path, reason)),
            "{path}"
        );
    }
}

/// The UK sample: no penalty interest at all, a £12 fee each month in arrears from the
/// 31st day. Interest by hand: 1840.00 × 0.249 / 365 = 1.2552… a day; × 30 = 37.657 →
/// 37.66, × 60 = 75.314 → 75.31, × 90 = 112.970 → 112.97 (half-even).
#[test]
fn a_uk_card_without_penalty_interest() {
    let s = Scenario::from_json(UK).unwrap();
    let st = status(&s.account, &s.policy).unwrap();
    assert_eq!(st.days_past_due, 22);
    assert_eq!(st.stage.as_deref(), Some("late"));
    assert_eq!(st.amount_to_bring_current.to_string(), "58.40");
    assert_eq!(
        texts(&st),
        vec![
            (30, "37.66".into(), "0.00".into(), "12.00 49.66".into()),
            (60, "75.31".into(), "0.00".into(), "24.00 99.31".into()),
            (90, "112.97".into(), "0.00".into(), "36.00 148.97".into()),
        ]
    );
    // The report on day 30 (6 December) comes before the next fee on day 31.
    let pay_by = st.pay_by().unwrap();
    assert_eq!(pay_by.date.0, date(2026, 12, 6));
    assert_eq!(consequences(pay_by), vec![Consequence::CreditBureauReport]);
    assert_eq!(st.next_charge().unwrap().date.0, date(2026, 12, 7));
    // Nothing to say about penalty interest; late fees, yes.
    assert!(!st.has_penalty_interest());
    assert!(st.has_late_fees());
}

/// The Hong Kong sample: a late charge of the unpaid minimum capped at HK$300, and from
/// day 60 a higher rate on the whole balance instead of the ordinary one. By hand:
/// 18640.00 × 0.34 / 365 = 17.3633 a day and × 0.36 / 365 = 18.3847; 25 days past due
/// today, so waiting 60 days is 34 days at the ordinary rate (590.35) and 26 at the
/// higher (478.00); 90 days, 34 and 56 (1029.54).
#[test]
fn a_hong_kong_card_with_a_capped_late_charge_and_an_overdue_rate() {
    let s = Scenario::from_json(HK).unwrap();
    let st = status(&s.account, &s.policy).unwrap();
    assert_eq!(st.days_past_due, 25);
    assert_eq!(st.amount_to_bring_current.to_string(), "766.00");
    assert_eq!(fees(&st), vec!["300.00"; 5]);
    assert_eq!(
        texts(&st),
        vec![
            (30, "520.90".into(), "0.00".into(), "300.00 820.90".into()),
            (
                60,
                "590.35".into(),
                "478.00".into(),
                "600.00 1668.35".into()
            ),
            (
                90,
                "590.35".into(),
                "1029.54".into(),
                "900.00 2519.89".into()
            ),
        ]
    );
    assert!(st.has_penalty_interest());
    assert!(st.has_late_fees());
    // Each of the other samples has both to speak of too.
    for json in [CN, US] {
        let s = Scenario::from_json(json).unwrap();
        let st = status(&s.account, &s.policy).unwrap();
        assert!(st.has_penalty_interest() && st.has_late_fees());
    }
}

/// The least payment that avoids each consequence: for every sample, paying it today
/// avoids that consequence and a cent less does not; the most serious harm of each
/// sample is stopped by its unpaid minimum, less than what brings the account current.
#[test]
fn the_least_payment_that_avoids_each_consequence() {
    use repay_engine::status::{least_to_avoid, part_payment, PartEffect};
    use repay_engine::Money;
    for (json, leading) in [(CN, "860.00"), (US, "75.00"), (HK, "466.00"), (UK, "46.40")] {
        let s = Scenario::from_json(json).unwrap();
        let st = status(&s.account, &s.policy).unwrap();
        let least = least_to_avoid(&s.account, &s.policy).unwrap();
        assert_eq!(least.len(), st.deadlines.len());
        let index = st
            .deadlines
            .iter()
            .position(|d| Some(d) == st.leading())
            .unwrap();
        assert_eq!(least[index].to_string(), leading, "{}", s.policy.name);
        let cent = Money::from_minor(1, s.account.currency);
        for (i, amount) in least.iter().enumerate() {
            assert!(amount.amount() <= st.amount_to_bring_current.amount());
            if *amount != st.amount_to_bring_current {
                let part = part_payment(&s.account, &s.policy, *amount).unwrap();
                assert_eq!(
                    part.outcomes[i].effect,
                    PartEffect::Avoided,
                    "{i}: {amount}"
                );
            }
            let less = amount.checked_sub(cent).unwrap();
            if !less.is_zero() {
                let part = part_payment(&s.account, &s.policy, less).unwrap();
                assert_ne!(part.outcomes[i].effect, PartEffect::Avoided, "{i}: {less}");
            }
        }
    }
}

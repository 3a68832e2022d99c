//! The overdue status of the illustrative accounts: stage, timeline and cost of waiting,
//! checked against dates and sums worked out by hand (and, for the USD interest, Python's
//! `decimal`: 2450.00 × 0.2499/365 × 25 = 41.94 half-even).

use jiff::civil::date;
use repay_engine::policy::Consequence;
use repay_engine::status::{status, EventKind};
use repay_engine::{EngineError, InvalidReason, Scenario};

const CN: &str = include_str!("../data/cn-card.json");
const US: &str = include_str!("../data/us-card.json");

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
    // Every fee up to the last stage is listed: one every 30 days from day 34.
    assert_eq!(
        events,
        vec![
            (date(2026, 12, 10), date(2026, 12, 9), 30),
            (date(2026, 12, 14), date(2026, 12, 13), 34),
            (date(2027, 1, 9), date(2027, 1, 8), 60),
            (date(2027, 1, 13), date(2027, 1, 12), 64),
            (date(2027, 2, 8), date(2027, 2, 7), 90),
            (date(2027, 2, 12), date(2027, 2, 11), 94),
            (date(2027, 3, 14), date(2027, 3, 13), 124),
            (date(2027, 4, 13), date(2027, 4, 12), 154),
            (date(2027, 5, 9), date(2027, 5, 8), 180),
        ]
    );
    // Paying by 9 December avoids the credit-bureau report on the 10th, which comes
    // before the next fee (pay by the 13th).
    let pay_by = st.pay_by().unwrap();
    assert_eq!(pay_by.act_before.0, date(2026, 12, 9));
    assert!(matches!(&pay_by.kind, EventKind::StageStarts { code, .. } if code == "reported"));
    let next_charge = st.next_charge().unwrap();
    assert_eq!(next_charge.act_before.0, date(2026, 12, 13));
    assert!(matches!(next_charge.kind, EventKind::LateFee { .. }));
    match &st.timeline[0].kind {
        EventKind::StageStarts {
            code,
            consequences,
            notice_date,
        } => {
            assert_eq!(code, "reported");
            assert_eq!(consequences, &[Consequence::CreditBureauReport]);
            assert_eq!(notice_date.map(|d| d.0), Some(date(2026, 12, 3)));
        }
        other => panic!("expected the reporting stage, got {other:?}"),
    }
    match &st.timeline[1].kind {
        EventKind::LateFee { amount } => assert_eq!(amount.to_string(), "43.00"),
        other => panic!("expected the next late fee, got {other:?}"),
    }

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
    let kinds: Vec<_> = st
        .timeline
        .iter()
        .map(|e| (e.day, matches!(e.kind, EventKind::PenaltyInterestStarts)))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (60, false),
            (60, true),
            (61, false),
            (90, false),
            (91, false),
            (121, false),
            (151, false),
            (180, false)
        ]
    );
    let fees = st
        .timeline
        .iter()
        .filter(|e| matches!(e.kind, EventKind::LateFee { .. }))
        .count();
    assert_eq!(fees, 4, "a fee every 30 days from day 61 up to day 180");
    assert_eq!(st.timeline[0].date.0, date(2026, 12, 24));
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
    let fees: Vec<String> = st
        .timeline
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::LateFee { amount } => Some(amount.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(fees.len(), 5);
    assert!(fees.iter().all(|fee| fee == "12.00"), "{fees:?}");
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
    assert!(st
        .timeline
        .iter()
        .all(|e| !matches!(e.kind, EventKind::LateFee { .. })));
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
            CN.replace("\"max_term_months\": 60\n", "\"max_term_months\": 72\n"),
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

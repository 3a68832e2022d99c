//! Property tests: the engine never panics on any input, refuses bad input with a typed
//! error, and every plan it generates keeps its invariants and verifies.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::assert_invariants;
use jiff::civil::date;
use proptest::prelude::*;
use repay_engine::calendar::add_days;
use repay_engine::plans::CustomPayment;
use repay_engine::policy::{DailyRate, PlanOffer};
use repay_engine::proposal::{verify, Proposal};
use repay_engine::rust_decimal::Decimal;
use repay_engine::status::status;
use repay_engine::{all_plans, Currency, Money, PlanChoice, RoundingRule, Scenario};

const CN: &str = include_str!("../data/cn-card.json");
const US: &str = include_str!("../data/us-card.json");
const HK: &str = include_str!("../data/hk-card.json");
const UK: &str = include_str!("../data/uk-card.json");
const IE: &str = include_str!("../data/ie-card.json");
/// Every sample customer: each property holds for all of them.
const SAMPLES: [&str; 5] = [CN, US, HK, UK, IE];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn amounts_parse_or_refuse_but_never_panic(text in "\\PC{0,24}") {
        let cny = Currency::from_code("CNY").unwrap();
        if let Ok(money) = Money::parse(&text, cny) {
            // What parses prints back in canonical form and parses to the same amount.
            prop_assert_eq!(Money::parse(&money.to_string(), cny), Ok(money));
        }
    }

    #[test]
    fn decimal_looking_amounts_round_trip(units in -999_999_999_999i64..999_999_999_999, cents in 0u32..100) {
        let cny = Currency::from_code("CNY").unwrap();
        let text = format!("{units}.{cents:02}");
        let money = Money::parse(&text, cny).unwrap();
        prop_assert_eq!(money.to_string(), text);
    }

    #[test]
    fn splitting_keeps_every_minor_unit(minor in 0i64..1_000_000_000_000, parts in 1u32..=60) {
        let usd = Currency::from_code("USD").unwrap();
        let whole = Money::from_minor(minor, usd);
        let split = whole.split_evenly(parts);
        prop_assert_eq!(split.len(), parts as usize);
        let sum = split.iter().try_fold(Money::zero(usd), |a, b| a.checked_add(*b)).unwrap();
        prop_assert_eq!(sum, whole);
        prop_assert!(split.iter().all(|p| !p.is_negative()));
    }

    #[test]
    fn any_text_as_a_configuration_is_refused_without_panicking(text in "\\PC{0,200}") {
        let _ = Scenario::from_json(&text);
    }

    #[test]
    fn damaged_configurations_are_refused_without_panicking(
        cut in 0usize..4000,
        insert in "\\PC{0,8}",
        which in 0usize..SAMPLES.len(),
    ) {
        let original = SAMPLES[which];
        let mut text: String = original.chars().take(cut).collect();
        text.push_str(&insert);
        text.extend(original.chars().skip(cut + insert.chars().count()));
        let _ = Scenario::from_json(&text);
    }

    #[test]
    fn every_plan_of_every_kind_keeps_its_invariants_and_verifies(
        which in 0usize..SAMPLES.len(),
        // Tiny balances too: fewer minor units than months.
        balance in prop_oneof![0i64..2_000, 0i64..10_000_000_000],
        overdue_share in 0u32..=100,
        fees in prop_oneof![Just(0i64), 0i64..100_000],
        penalty in prop_oneof![Just(0i64), 0i64..100_000],
        days_late in 0i64..400,
        term in 1u32..=60,
        first_payment_in in proptest::option::of(0i64..60),
        down_share in proptest::option::of(0u32..=100),
        deferral_days in proptest::option::of(0u32..120),
        settlement_share in proptest::option::of(0u32..=100),
        // Custom payments: gaps between them, and amounts from a few minor units (below
        // the interest accrued since the last payment) to more than is owed.
        custom in proptest::collection::vec(
            (1i64..95, prop_oneof![1i64..2_000, 0i64..2_000_000, 0i64..10_000_000_000]),
            0..7,
        ),
        day_count_360 in any::<bool>(),
        frozen in any::<bool>(),
    ) {
        let mut s = scenario(which, day_count_360);
        // Token payments with interest frozen, and with it running.
        for offer in &mut s.policy.plans {
            if let PlanOffer::TokenPayments { charges_frozen, .. } = offer {
                *charges_frozen = frozen;
            }
        }
        let currency = s.account.currency;
        let a = &mut s.account;
        a.statement_balance = Money::from_minor(balance, currency);
        a.overdue_amount = Money::from_minor(balance * i64::from(overdue_share) / 100, currency);
        a.minimum_due = a.overdue_amount;
        a.fees_charged = Money::from_minor(fees, currency);
        a.penalty_interest_charged = Money::from_minor(penalty, currency);
        a.due_date = date(2026, 1, 31);
        a.as_of = add_days(a.due_date, days_late).unwrap();
        a.last_payment = None;
        let owed = s.account.total_owed().unwrap();
        let share = |percent: u32| {
            owed.times(Decimal::new(i64::from(percent), 2), RoundingRule::HalfUp).unwrap()
        };
        let mut date_of_payment = s.account.as_of;
        let choice = PlanChoice {
            term_months: Some(term),
            first_payment_date: first_payment_in.and_then(|days| add_days(s.account.as_of, days)),
            down_payment: down_share.map(share),
            deferral_days,
            settlement_amount: settlement_share.map(share),
            custom_payments: custom
                .iter()
                .map(|&(gap, minor)| {
                    date_of_payment = add_days(date_of_payment, gap).unwrap();
                    CustomPayment {
                        date: date_of_payment,
                        amount: Money::from_minor(minor, currency),
                    }
                })
                .collect(),
        };
        let st = status(&s.account, &s.policy).unwrap();
        if let Some(pay_by) = st.pay_by() {
            prop_assert!(st.timeline.iter().all(|e| pay_by.act_before <= e.act_before));
        }
        let plans = all_plans(&s.account, &s.policy, &choice).unwrap();
        for plan in &plans {
            assert_invariants(plan);
            let proposal = Proposal::new(&s.account, &s.policy, plan.offer, &choice).unwrap();
            let differences = verify(&proposal, &s.account, &s.policy).unwrap();
            prop_assert!(differences.is_empty(), "{:?}", differences);
            // The same through JSON, as a bank receives it.
            let json = serde_json::to_string(&proposal).unwrap();
            let read = Proposal::from_json(&json).unwrap();
            prop_assert!(verify(&read, &s.account, &s.policy).unwrap().is_empty());
        }
    }
}

/// A sample scenario, its ordinary rate restated on a 360-day basis when asked.
fn scenario(which: usize, day_count_360: bool) -> Scenario {
    let mut s = Scenario::from_json(SAMPLES[which]).unwrap();
    if day_count_360 {
        let yearly = s.policy.interest.yearly;
        s.policy.interest = DailyRate {
            daily: yearly / Decimal::from(360),
            yearly,
        };
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_choice_gives_a_plan_or_a_typed_error_never_a_panic(
        which in 0usize..SAMPLES.len(),
        term in proptest::option::of(any::<u32>()),
        first_payment_in in proptest::option::of(-100_000i64..100_000),
        down_minor in proptest::option::of(-10_000_000_000i64..10_000_000_000),
        deferral_days in proptest::option::of(any::<u32>()),
        settlement_minor in proptest::option::of(-10_000_000_000i64..10_000_000_000),
        custom in proptest::collection::vec((-1000i64..3000, -1_000_000i64..1_000_000), 0..8),
    ) {
        let s = Scenario::from_json(SAMPLES[which]).unwrap();
        let currency = s.account.currency;
        let choice = PlanChoice {
            term_months: term,
            first_payment_date: first_payment_in.and_then(|days| add_days(s.account.as_of, days)),
            down_payment: down_minor.map(|m| Money::from_minor(m, currency)),
            deferral_days,
            settlement_amount: settlement_minor.map(|m| Money::from_minor(m, currency)),
            custom_payments: custom
                .iter()
                .filter_map(|&(days, minor)| {
                    Some(repay_engine::plans::CustomPayment {
                        date: add_days(s.account.as_of, days)?,
                        amount: Money::from_minor(minor, currency),
                    })
                })
                .collect(),
        };
        for offer in 0..s.policy.plans.len() {
            if let Ok(plan) = repay_engine::plan_for(&s.account, &s.policy, offer, &choice) {
                prop_assert!(plan.schedule.len() <= 61);
            }
        }
    }
}

//! Plans computed from the illustrative configurations, checked against reference values
//! computed independently (Python's `decimal` at 60 digits with plain bisection; the
//! script is in the comments of each test) and against the invariants every plan keeps.

use jiff::civil::date;
mod common;

use common::assert_invariants;
use repay_engine::plans::PricingMethod;
use repay_engine::{
    all_plans, plan_for, Money, Plan, PlanChoice, PlanKind, PlanReason, Scenario, Verdict,
};
use rust_decimal::Decimal;

const CN: &str = include_str!("../data/cn-card.json");
const US: &str = include_str!("../data/us-card.json");

fn scenario(json: &str) -> Scenario {
    Scenario::from_json(json).expect("the example configuration is valid")
}

/// The offer of instalments with a flat monthly fee.
fn flat_fee_offer(scenario: &Scenario) -> usize {
    offer_index(scenario, |p| {
        p.kind
            == PlanKind::Instalment {
                method: PricingMethod::FlatFee,
            }
    })
}

fn offer_index(scenario: &Scenario, wanted: impl Fn(&Plan) -> bool) -> usize {
    let plans = all_plans(&scenario.account, &scenario.policy, &PlanChoice::default()).unwrap();
    plans
        .iter()
        .position(wanted)
        .expect("the policy offers this plan")
}

#[test]
fn every_offered_plan_keeps_the_invariants() {
    for json in [CN, US] {
        let s = scenario(json);
        for term in [
            None,
            Some(3),
            Some(6),
            Some(12),
            Some(24),
            Some(36),
            Some(60),
        ] {
            let choice = PlanChoice {
                term_months: term,
                ..PlanChoice::default()
            };
            for plan in all_plans(&s.account, &s.policy, &choice).unwrap() {
                assert_invariants(&plan);
            }
        }
    }
}

#[test]
fn a_flat_monthly_fee_discloses_its_true_annual_rate() {
    // Reference (Python decimal, bisection on the daily-compounded NPV of the same dated
    // flows): fee 51.90 a month; nominal 0.130069, effective 0.138881. A "0.6 % a month"
    // fee looks like 7.2 % a year; it costs about 13.9 %.
    let s = scenario(CN);
    let offer = flat_fee_offer(&s);
    let choice = PlanChoice {
        term_months: Some(12),
        ..PlanChoice::default()
    };
    let plan = plan_for(&s.account, &s.policy, offer, &choice).unwrap();
    assert_eq!(plan.owed_today.to_string(), "8650.74");
    assert_eq!(plan.schedule.len(), 12);
    assert_eq!(plan.schedule[0].fee.to_string(), "51.90");
    assert_eq!(plan.schedule[0].principal.to_string(), "720.89");
    assert_eq!(plan.schedule[11].principal.to_string(), "720.95");
    assert_eq!(plan.schedule[0].due_date.0, date(2026, 12, 28));
    assert_eq!(plan.end_date.0, date(2027, 11, 28));
    assert_eq!(plan.total_cost.to_string(), "622.80");
    let rate = plan.annualised_rate.unwrap();
    assert!(
        (rate.nominal - Decimal::new(130_069, 6)).abs() <= Decimal::new(1, 6),
        "{rate:?}"
    );
    assert!(
        (rate.effective - Decimal::new(138_881, 6)).abs() <= Decimal::new(1, 6),
        "{rate:?}"
    );
    assert_eq!(plan.verdict, Verdict::ApprovedInstantly);
}

#[test]
fn annuity_payments_match_the_spreadsheet_formula() {
    // Reference: PMT(1 %, 12, 10000) = 888.4878867834… (Python decimal), so 888.49.
    let mut s = scenario(CN);
    s.account.statement_balance = Money::parse("10000.00", s.account.currency).unwrap();
    s.account.fees_charged = Money::zero(s.account.currency);
    s.account.penalty_interest_charged = Money::zero(s.account.currency);
    let offer = offer_index(&s, |p| {
        p.kind
            == PlanKind::Instalment {
                method: PricingMethod::Annuity,
            }
    });
    let choice = PlanChoice {
        term_months: Some(12),
        ..PlanChoice::default()
    };
    let plan = plan_for(&s.account, &s.policy, offer, &choice).unwrap();
    assert_eq!(plan.instalment_amount.to_string(), "888.49");
    assert_eq!(plan.schedule[0].interest.to_string(), "100.00");
    assert_eq!(plan.schedule[0].principal.to_string(), "788.49");
    // The last payment absorbs the rounding of the other eleven.
    let last = plan.schedule.last().unwrap();
    assert!(
        last.total.amount() < Decimal::new(88_900, 2)
            && last.total.amount() > Decimal::new(88_800, 2)
    );
    assert!(last.remaining_balance.is_zero());
}

#[test]
fn equal_principal_payments_fall_as_the_balance_falls() {
    let s = scenario(US);
    let offer = offer_index(&s, |p| {
        p.kind
            == PlanKind::Instalment {
                method: PricingMethod::EqualPrincipal,
            }
    });
    let plan = plan_for(&s.account, &s.policy, offer, &PlanChoice::default()).unwrap();
    let totals: Vec<_> = plan.schedule.iter().map(|r| r.total.amount()).collect();
    assert!(totals.windows(2).all(|w| w[0] >= w[1]), "{totals:?}");
    assert_eq!(plan.instalment_amount.amount(), totals[0]);
}

#[test]
fn hardship_waives_penalty_interest_and_can_suspend_interest() {
    let s = scenario(CN);
    let offer = offer_index(&s, |p| p.kind == PlanKind::Hardship);
    let plan = plan_for(&s.account, &s.policy, offer, &PlanChoice::default()).unwrap();
    assert_eq!(plan.term_months, 60);
    assert_eq!(plan.amount_waived.to_string(), "7.74");
    assert!(
        plan.total_cost.is_zero(),
        "interest suspended: {}",
        plan.total_cost
    );
    let rate = plan.annualised_rate.unwrap();
    assert!(rate.nominal.is_zero() && rate.effective.is_zero());
    assert_eq!(
        plan.verdict,
        Verdict::NeedsReview {
            reasons: vec![PlanReason::ReviewedByBank]
        }
    );
}

#[test]
fn terms_and_dates_outside_the_policy_are_not_allowed_and_say_why() {
    let s = scenario(CN);
    let offer = flat_fee_offer(&s);
    let choice = PlanChoice {
        term_months: Some(5),
        first_payment_date: Some(date(2027, 3, 1)),
        ..PlanChoice::default()
    };
    let plan = plan_for(&s.account, &s.policy, offer, &choice).unwrap();
    assert_eq!(
        plan.verdict,
        Verdict::NotAllowed {
            reasons: vec![PlanReason::TermNotOffered, PlanReason::FirstPaymentTooLate]
        }
    );
    // The schedule is still computed, so the customer sees what they asked for.
    assert_eq!(plan.schedule.len(), 5);
}

#[test]
fn long_terms_need_review_where_the_policy_says_so() {
    let s = scenario(CN);
    let offer = flat_fee_offer(&s);
    let choice = PlanChoice {
        term_months: Some(24),
        ..PlanChoice::default()
    };
    let plan = plan_for(&s.account, &s.policy, offer, &choice).unwrap();
    assert_eq!(
        plan.verdict,
        Verdict::NeedsReview {
            reasons: vec![PlanReason::ReviewedByBank]
        }
    );
}

#[test]
fn deferral_costs_the_interest_that_keeps_accruing() {
    let s = scenario(CN);
    let offer = offer_index(&s, |p| p.kind == PlanKind::Deferral);
    let plan = plan_for(&s.account, &s.policy, offer, &PlanChoice::default()).unwrap();
    // 8600.00 × 0.0005 × 30 = 129.00
    assert_eq!(plan.total_cost.to_string(), "129.00");
    assert_eq!(plan.end_date.0, date(2026, 12, 28));
    assert!(plan.annualised_rate.is_some());
}

#[test]
fn settlement_is_capped_by_the_policy() {
    let s = scenario(CN);
    let offer = offer_index(&s, |p| p.kind == PlanKind::Settlement);
    let lowest = plan_for(&s.account, &s.policy, offer, &PlanChoice::default()).unwrap();
    // 20 % of 8650.74 = 1730.148 → 1730.15 forgone at most.
    assert_eq!(lowest.amount_waived.to_string(), "1730.15");
    assert_eq!(lowest.total_paid.to_string(), "6920.59");
    let too_low = PlanChoice {
        settlement_amount: Some(Money::parse("5000.00", s.account.currency).unwrap()),
        ..PlanChoice::default()
    };
    let plan = plan_for(&s.account, &s.policy, offer, &too_low).unwrap();
    assert_eq!(
        plan.verdict,
        Verdict::NotAllowed {
            reasons: vec![PlanReason::DiscountAboveCap]
        }
    );
}

#[test]
fn a_custom_plan_must_repay_everything() {
    let s = scenario(CN);
    let cny = s.account.currency;
    let offer = offer_index(&s, |p| p.kind == PlanKind::Custom);
    let pay = |y, m, d, amount: &str| repay_engine::plans::CustomPayment {
        date: date(y, m, d),
        amount: Money::parse(amount, cny).unwrap(),
    };
    let short = PlanChoice {
        custom_payments: vec![pay(2026, 12, 5, "1000.00"), pay(2027, 1, 5, "1000.00")],
        ..PlanChoice::default()
    };
    let plan = plan_for(&s.account, &s.policy, offer, &short).unwrap();
    assert_eq!(
        plan.verdict,
        Verdict::NotAllowed {
            reasons: vec![PlanReason::CustomDoesNotCover]
        }
    );
    let enough = PlanChoice {
        custom_payments: vec![pay(2026, 12, 5, "5000.00"), pay(2027, 1, 5, "5000.00")],
        ..PlanChoice::default()
    };
    let plan = plan_for(&s.account, &s.policy, offer, &enough).unwrap();
    assert_eq!(
        plan.verdict,
        Verdict::NeedsReview {
            reasons: vec![PlanReason::ReviewedByBank]
        }
    );
    assert!(plan.schedule.last().unwrap().remaining_balance.is_zero());
    // Interest: 8650.74 × 0.0005 × 7 days = 30.28; the final payment is trimmed to what is owed.
    assert_eq!(plan.schedule[0].interest.to_string(), "30.28");
    assert!(plan.total_paid.amount() < Decimal::new(1_000_000, 2));
    assert_invariants(&plan);
}

#[test]
fn bringing_current_needs_something_overdue() {
    let mut s = scenario(US);
    let offer = offer_index(&s, |p| p.kind == PlanKind::BringCurrent);
    let plan = plan_for(&s.account, &s.policy, offer, &PlanChoice::default()).unwrap();
    assert_eq!(plan.total_paid.to_string(), "107.00");
    assert_eq!(plan.schedule[0].remaining_balance.to_string(), "2375.00");
    s.account.overdue_amount = Money::zero(s.account.currency);
    let plan = plan_for(&s.account, &s.policy, offer, &PlanChoice::default()).unwrap();
    assert_eq!(
        plan.verdict,
        Verdict::NotAllowed {
            reasons: vec![PlanReason::NothingOverdue]
        }
    );
}

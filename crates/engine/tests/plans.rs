//! Plans computed from the illustrative configurations, checked against reference values
//! computed independently (Python's `decimal` at 60 digits with plain bisection; the
//! script is in the comments of each test) and against the invariants every plan keeps.

use jiff::civil::date;
mod common;

use common::assert_invariants;
use repay_engine::plans::PricingMethod;
use repay_engine::policy::PlanOffer;
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

/// A choice of custom payments on these (date, amount) pairs, in the account's currency.
fn custom_payments(scenario: &Scenario, payments: &[(jiff::civil::Date, &str)]) -> PlanChoice {
    let currency = scenario.account.currency;
    PlanChoice {
        custom_payments: payments
            .iter()
            .map(|(date, amount)| repay_engine::plans::CustomPayment {
                date: *date,
                amount: Money::parse(amount, currency).unwrap(),
            })
            .collect(),
        ..PlanChoice::default()
    }
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
    // With no term chosen, the shortest the offer allows: it costs least.
    let default = plan_for(&s.account, &s.policy, offer, &PlanChoice::default()).unwrap();
    let PlanOffer::Hardship {
        min_term_months, ..
    } = s.policy.plans[offer]
    else {
        panic!("not a hardship offer");
    };
    assert_eq!(default.term_months, min_term_months);
    let longest = PlanChoice {
        term_months: Some(60),
        ..PlanChoice::default()
    };
    let plan = plan_for(&s.account, &s.policy, offer, &longest).unwrap();
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
    let offer = offer_index(&s, |p| p.kind == PlanKind::Custom);
    let short = custom_payments(
        &s,
        &[
            (date(2026, 12, 5), "1000.00"),
            (date(2027, 1, 5), "1000.00"),
        ],
    );
    let plan = plan_for(&s.account, &s.policy, offer, &short).unwrap();
    assert_eq!(
        plan.verdict,
        Verdict::NotAllowed {
            reasons: vec![PlanReason::CustomDoesNotCover]
        }
    );
    let enough = custom_payments(
        &s,
        &[
            (date(2026, 12, 5), "5000.00"),
            (date(2027, 1, 5), "5000.00"),
        ],
    );
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
    // A bank that takes plans before arrears: only this plan is refused, for this reason.
    s.policy.before_arrears = true;
    let plan = plan_for(&s.account, &s.policy, offer, &PlanChoice::default()).unwrap();
    assert_eq!(
        plan.verdict,
        Verdict::NotAllowed {
            reasons: vec![PlanReason::NothingOverdue]
        }
    );
}

/// The Irish sample as it stands before its due date: the statement's minimum still to
/// come on 4 December, nothing past due.
fn before_arrears(json: &str) -> Scenario {
    let mut s = scenario(json);
    let currency = s.account.currency;
    s.account.overdue_amount = Money::zero(currency);
    s.account.fees_charged = Money::zero(currency);
    s.account.due_date = date(2026, 12, 4);
    assert!(!s.account.in_arrears());
    s
}

#[test]
fn before_arrears_the_policy_decides_whether_any_plan_is_taken() {
    let mut s = before_arrears(IE);
    assert!(
        s.policy.before_arrears,
        "the Irish sample takes plans before arrears"
    );
    let status = repay_engine::status::status(&s.account, &s.policy).unwrap();
    assert!(
        status.timeline.is_empty() && status.deadlines.is_empty(),
        "nothing has begun"
    );
    let plans = all_plans(&s.account, &s.policy, &PlanChoice::default()).unwrap();
    for plan in &plans {
        assert_invariants(plan);
        match plan.kind {
            PlanKind::BringCurrent => assert_eq!(
                plan.verdict,
                Verdict::NotAllowed {
                    reasons: vec![PlanReason::NothingOverdue]
                }
            ),
            // The customer's own plan waits for payments; every other plan is offered.
            PlanKind::Custom => {}
            _ => assert!(
                !matches!(plan.verdict, Verdict::NotAllowed { .. }),
                "{plan:?}"
            ),
        }
    }
    // The same account at a bank that waits for arrears: every plan says why not.
    s.policy.before_arrears = false;
    for plan in all_plans(&s.account, &s.policy, &PlanChoice::default()).unwrap() {
        assert!(
            matches!(&plan.verdict, Verdict::NotAllowed { reasons }
                if reasons.contains(&PlanReason::BeforeArrearsNotOffered)),
            "{plan:?}"
        );
    }
    // In arrears, the flag changes nothing.
    let mut overdue = scenario(IE);
    overdue.policy.before_arrears = false;
    let with = all_plans(
        &scenario(IE).account,
        &scenario(IE).policy,
        &PlanChoice::default(),
    );
    let without = all_plans(&overdue.account, &overdue.policy, &PlanChoice::default());
    assert_eq!(with.unwrap(), without.unwrap());
}

#[test]
fn a_custom_payment_below_the_interest_leaves_interest_as_interest() {
    // 8650.74 owed at 0.05 % a day: 12 days accrue 51.90 of interest, and the first
    // payment is 50.00. The 1.90 it leaves stays interest (it earns none), is paid first
    // by the next payment, and counts in the cost.
    let s = scenario(CN);
    let offer = offer_index(&s, |p| p.kind == PlanKind::Custom);
    let choice = custom_payments(
        &s,
        &[(date(2026, 12, 10), "50.00"), (date(2027, 1, 9), "9000.00")],
    );
    let plan = plan_for(&s.account, &s.policy, offer, &choice).unwrap();
    let rows: Vec<_> = plan
        .schedule
        .iter()
        .map(|r| {
            [r.principal, r.interest, r.total, r.remaining_balance]
                .map(|m| m.to_string())
                .join(" ")
        })
        .collect();
    // Row 2: 30 days on 8650.74 accrue 129.76, with 1.90 left over.
    assert_eq!(
        rows,
        ["0.00 50.00 50.00 8652.64", "8650.74 131.66 8782.40 0.00"]
    );
    assert_eq!(plan.total_cost.to_string(), "181.66");
    assert_eq!(plan.total_paid.to_string(), "8832.40");
    assert!(plan.unpaid_interest.is_zero());
    assert_invariants(&plan);

    // Payments that stop short leave the interest owed as interest, not as principal.
    let short = custom_payments(&s, &[(date(2026, 12, 10), "50.00")]);
    let plan = plan_for(&s.account, &s.policy, offer, &short).unwrap();
    assert_eq!(plan.unpaid_interest.to_string(), "1.90");
    assert_eq!(plan.total_cost.to_string(), "50.00");
    assert_eq!(
        plan.schedule[0].remaining_balance.to_string(),
        "8652.64",
        "8650.74 of principal and 1.90 of interest"
    );
    assert!(matches!(
        &plan.verdict,
        Verdict::NotAllowed { reasons } if reasons.contains(&PlanReason::CustomDoesNotCover)
    ));
    assert_invariants(&plan);
}

#[test]
fn a_custom_payment_of_nothing_is_refused_and_not_scheduled() {
    let mut s = scenario(CN);
    s.policy.plans.iter_mut().for_each(|offer| {
        if let repay_engine::policy::PlanOffer::Custom { min_payment, .. } = offer {
            *min_payment = None;
        }
    });
    let cny = s.account.currency;
    let offer = offer_index(&s, |p| p.kind == PlanKind::Custom);
    let choice = PlanChoice {
        custom_payments: vec![
            repay_engine::plans::CustomPayment {
                date: date(2026, 12, 10),
                amount: Money::zero(cny),
            },
            repay_engine::plans::CustomPayment {
                date: date(2026, 12, 20),
                amount: Money::parse("9000.00", cny).unwrap(),
            },
        ],
        ..PlanChoice::default()
    };
    let plan = plan_for(&s.account, &s.policy, offer, &choice).unwrap();
    assert_eq!(plan.schedule.len(), 1);
    assert_eq!(plan.schedule[0].number, 1);
    assert_eq!(
        plan.verdict,
        Verdict::NotAllowed {
            reasons: vec![PlanReason::CustomPaymentBelowMinimum]
        }
    );
    assert_invariants(&plan);
}

#[test]
fn a_tiny_balance_is_repaid_in_fewer_payments_never_in_payments_of_zero() {
    for json in [CN, US] {
        let mut s = scenario(json);
        let currency = s.account.currency;
        s.account.fees_charged = Money::zero(currency);
        s.account.penalty_interest_charged = Money::zero(currency);
        for minor in 1..=40 {
            s.account.statement_balance = Money::from_minor(minor, currency);
            s.account.overdue_amount = s.account.statement_balance;
            s.account.minimum_due = s.account.statement_balance;
            for term in 1..=60 {
                let choice = PlanChoice {
                    term_months: Some(term),
                    ..PlanChoice::default()
                };
                for plan in all_plans(&s.account, &s.policy, &choice).unwrap() {
                    assert_invariants(&plan);
                    if matches!(plan.kind, PlanKind::Instalment { .. } | PlanKind::Hardship) {
                        assert!(plan.payments() as i64 <= minor.max(1), "{plan:?}");
                        assert_eq!(
                            plan.ends_early(),
                            plan.payments() < plan.term_months as usize
                        );
                    }
                }
            }
        }
        // 0.05 over 12 months of a flat-fee plan: five payments of 0.01, then repaid.
        s.account.statement_balance = Money::from_minor(5, currency);
        s.account.overdue_amount = s.account.statement_balance;
        s.account.minimum_due = s.account.statement_balance;
        let offer = offer_index(&s, |p| matches!(p.kind, PlanKind::Instalment { .. }));
        let choice = PlanChoice {
            term_months: Some(12),
            ..PlanChoice::default()
        };
        let plan = plan_for(&s.account, &s.policy, offer, &choice).unwrap();
        assert_eq!(plan.payments(), 5);
        assert_eq!(plan.term_months, 12);
        assert!(plan.ends_early());
    }
}

#[test]
fn the_default_first_payment_is_allowed_on_every_day_of_the_year() {
    // With `latest_first_payment_days: 30`, one month after 20 January (20 February, 31
    // days on) is too late: the default must stop at the latest day allowed.
    let json = CN.replace(
        "\"latest_first_payment_days\": 35",
        "\"latest_first_payment_days\": 30",
    );
    assert_ne!(json, CN);
    let base = scenario(&json);
    for year in [2026, 2028] {
        for day in 0..365 {
            let mut s = base.clone();
            s.account.as_of = repay_engine::calendar::add_days(date(year, 1, 1), day).unwrap();
            s.account.due_date = repay_engine::calendar::add_days(s.account.as_of, -18).unwrap();
            for plan in all_plans(&s.account, &s.policy, &PlanChoice::default()).unwrap() {
                if let Verdict::NotAllowed { reasons } = &plan.verdict {
                    assert!(
                        !reasons.contains(&PlanReason::FirstPaymentTooLate)
                            && !reasons.contains(&PlanReason::FirstPaymentInPast),
                        "as_of {}: {plan:?}",
                        s.account.as_of
                    );
                }
            }
        }
    }
    let mut s = base.clone();
    s.account.as_of = date(2026, 1, 20);
    let offer = flat_fee_offer(&s);
    let plan = plan_for(&s.account, &s.policy, offer, &PlanChoice::default()).unwrap();
    assert_eq!(plan.first_payment_date.0, date(2026, 2, 19));
}

#[test]
fn hardship_uses_the_policys_stated_yearly_rate_on_either_day_count() {
    // 24.99 % a year × 0.4 = 9.996 % a year, 0.833 % a month, whether the bank counts
    // 365 or 360 days: the day count sets the daily rate, not the yearly one.
    let first_interest = |json: &str| {
        let s = scenario(json);
        let offer = offer_index(&s, |p| p.kind == PlanKind::Hardship);
        let plan = plan_for(&s.account, &s.policy, offer, &PlanChoice::default()).unwrap();
        (plan.financed, plan.schedule[0].interest)
    };
    let (financed, on_365) = first_interest(US);
    let (_, on_360) = first_interest(&US.replace("\"day_count\": 365", "\"day_count\": 360"));
    assert_eq!(on_365, on_360);
    let expected = financed
        .times(
            Decimal::new(2499, 4) * Decimal::new(4, 1) / Decimal::from(12),
            repay_engine::RoundingRule::HalfEven,
        )
        .unwrap();
    assert_eq!(on_365, expected);
}

#[test]
fn a_plans_balance_runs_from_what_it_starts_from_to_its_last_row() {
    let s = scenario(CN);
    for plan in all_plans(&s.account, &s.policy, &PlanChoice::default()).unwrap() {
        // Starting balance: owed today, less what is waived.
        let start = plan.owed_today.amount() - plan.amount_waived.amount();
        assert_eq!(plan.balance_after(0).amount(), start, "{:?}", plan.kind);
        for (i, row) in plan.schedule.iter().enumerate() {
            assert_eq!(plan.balance_after(i + 1), row.remaining_balance);
        }
        let last = plan
            .schedule
            .last()
            .map_or(start, |row| row.remaining_balance.amount());
        assert_eq!(plan.balance_after(plan.schedule.len() + 5).amount(), last);
    }
    // A settlement waives part of what is owed.
    let offer = offer_index(&s, |p| p.kind == PlanKind::Settlement);
    let settlement = plan_for(&s.account, &s.policy, offer, &PlanChoice::default()).unwrap();
    assert!(settlement.balance_after(0).amount() < settlement.owed_today.amount());
}

const IE: &str = include_str!("../data/ie-card.json");

/// The Irish sample's offer of `kind`, and its plan for `choice`.
fn ie_plan(kind: PlanKind, choice: &PlanChoice) -> (Scenario, Plan) {
    let s = scenario(IE);
    let offer = offer_index(&s, |p| p.kind == kind);
    let plan = plan_for(&s.account, &s.policy, offer, choice).unwrap();
    assert_invariants(&plan);
    (s, plan)
}

fn amounts(plan: &Plan, part: impl Fn(&repay_engine::plans::Instalment) -> Money) -> Vec<String> {
    plan.schedule.iter().map(|r| part(r).to_string()).collect()
}

#[test]
fn a_reduced_rate_runs_for_its_period_then_leaves_the_rest_for_a_review() {
    // Python, `decimal` at 60 digits: P = 2470.00 (2460.00 + the 10.00 fee), r = 0.05/12,
    // g = (1 + r)^60, payment = round_half_even(P·r·g / (g − 1), 2) = 46.61; then for
    // each month interest = round_half_even(balance·r, 2), principal = 46.61 − interest.
    let (s, plan) = ie_plan(PlanKind::ReducedRate, &PlanChoice::default());
    assert_eq!(plan.term_months, 3, "the shortest period offered");
    assert_eq!(amounts(&plan, |r| r.total), ["46.61", "46.61", "46.61"]);
    assert_eq!(amounts(&plan, |r| r.interest), ["10.29", "10.14", "9.99"]);
    assert_eq!(
        amounts(&plan, |r| r.remaining_balance),
        ["2433.68", "2397.21", "2360.59"]
    );
    assert_eq!(plan.left_after().to_string(), "2360.59");
    // The first payment is 24 December (28 days on is a Saturday, then Christmas); the
    // review comes a month after the period's last payment.
    assert_eq!(plan.first_payment_date.0, date(2026, 12, 24));
    assert_eq!(plan.end_date.0, date(2027, 2, 24));
    assert_eq!(plan.review_date.map(|d| d.0), Some(date(2027, 3, 24)));
    // Priced for the period, what is left counted as repaid with the last payment:
    // +2470.00 on day 0, −46.61 on days 26, 57 and 88, −2360.59 on day 88. Bisection on
    // Σ flow / (1 + i)^(day / 365) = 0 gives i = 0.053159: above the stated 5 %, as the
    // first month's interest is charged for 26 days.
    let rate = plan.annualised_rate.unwrap();
    assert_eq!(rate.effective, Decimal::new(53159, 6), "{rate:?}");
    assert_eq!(
        plan.verdict,
        Verdict::NeedsReview {
            reasons: vec![PlanReason::ReviewedByBank]
        }
    );
    // Compared with the other plans on one horizon, what is left at the review counts at
    // the card's rate from the plan's end.
    let horizon = date(2030, 1, 1);
    let days = repay_engine::calendar::days_between(plan.end_date.0, horizon);
    let card = repay_engine::plans::card_interest(&s.policy, plan.left_after(), days).unwrap();
    assert_eq!(
        plan.cost_to(&s.policy, horizon).unwrap(),
        plan.total_cost.checked_add(card).unwrap()
    );
}

#[test]
fn a_reduced_rate_outside_its_periods_is_not_allowed() {
    let choice = PlanChoice {
        term_months: Some(9),
        ..PlanChoice::default()
    };
    let (_, plan) = ie_plan(PlanKind::ReducedRate, &choice);
    assert_eq!(
        plan.verdict,
        Verdict::NotAllowed {
            reasons: vec![PlanReason::TermNotOffered]
        }
    );
    let twelve = PlanChoice {
        term_months: Some(12),
        ..PlanChoice::default()
    };
    let (_, plan) = ie_plan(PlanKind::ReducedRate, &twelve);
    assert_eq!(plan.payments(), 12);
    assert!(matches!(plan.verdict, Verdict::NeedsReview { .. }));
}

#[test]
fn token_payments_with_charges_frozen_add_nothing() {
    let six = PlanChoice {
        term_months: Some(6),
        ..PlanChoice::default()
    };
    let (_, plan) = ie_plan(PlanKind::TokenPayments, &six);
    assert_eq!(amounts(&plan, |r| r.total), ["10.00"; 6]);
    assert!(plan.total_cost.is_zero() && plan.unpaid_interest.is_zero());
    assert_eq!(plan.left_after().to_string(), "2410.00");
    assert_eq!(plan.review_date.map(|d| d.0), Some(date(2027, 6, 24)));
    let rate = plan.annualised_rate.unwrap();
    assert!(
        rate.nominal.is_zero() && rate.effective.is_zero(),
        "{rate:?}"
    );
}

#[test]
fn token_payments_with_interest_running_pay_it_first_and_leave_the_rest_owed() {
    // Not frozen: interest at the card's 22.9 % a year, monthly on the principal:
    // round_half_even(2470.00 × 0.229 / 12, 2) = 47.14 a month, more than the 10.00
    // paid, so each payment is interest and the rest of the interest stays owed.
    let json = IE.replace("\"charges_frozen\": true", "\"charges_frozen\": false");
    let s = scenario(&json);
    let offer = offer_index(&s, |p| p.kind == PlanKind::TokenPayments);
    let plan = plan_for(&s.account, &s.policy, offer, &PlanChoice::default()).unwrap();
    assert_invariants(&plan);
    assert_eq!(amounts(&plan, |r| r.interest), ["10.00"; 3]);
    assert_eq!(amounts(&plan, |r| r.principal), ["0.00"; 3]);
    assert_eq!(
        amounts(&plan, |r| r.remaining_balance),
        ["2507.14", "2544.28", "2581.42"]
    );
    assert_eq!(plan.unpaid_interest.to_string(), "111.42");
    assert_eq!(plan.total_cost.to_string(), "30.00");
    let rate = plan.annualised_rate.unwrap();
    assert!(rate.nominal > Decimal::new(22, 2), "{rate:?}");
}

#[test]
fn a_token_payment_larger_than_what_is_owed_ends_the_plan_with_nothing_to_review() {
    let json = IE.replace("\"amount\": \"10.00\"", "\"amount\": \"2000.00\"");
    let s = scenario(&json);
    let offer = offer_index(&s, |p| p.kind == PlanKind::TokenPayments);
    let plan = plan_for(&s.account, &s.policy, offer, &PlanChoice::default()).unwrap();
    assert_invariants(&plan);
    assert_eq!(amounts(&plan, |r| r.total), ["2000.00", "470.00"]);
    assert!(plan.left_after().is_zero());
    assert_eq!(plan.review_date, None);
    assert!(plan.ends_early());
}

#[test]
fn review_offers_are_checked_by_name() {
    use repay_engine::{EngineError, InvalidReason};
    let refused = |from: &str, to: &str| {
        let json = IE.replacen(from, to, 1);
        assert_ne!(json, IE, "{from}");
        Scenario::from_json(&json).unwrap_err()
    };
    assert_eq!(
        refused("\"repay_over_months\": 60", "\"repay_over_months\": 6"),
        EngineError::invalid(
            "policy.plans[3].reduced_rate.period_months",
            InvalidReason::ExceedsOther {
                other: "repay_over_months"
            }
        )
    );
    assert_eq!(
        refused(
            "\"period_months\": [\n            3,\n            6,\n            12\n          ]",
            "\"period_months\": []"
        ),
        EngineError::invalid(
            "policy.plans[3].reduced_rate.period_months",
            InvalidReason::Missing
        )
    );
    assert_eq!(
        refused("\"amount\": \"10.00\"", "\"amount\": \"0\""),
        EngineError::invalid(
            "policy.plans[4].token_payments.amount",
            InvalidReason::NotAllowed
        )
    );
    assert_eq!(
        refused("\"amount\": \"10.00\"", "\"amount\": \"-1\""),
        EngineError::invalid(
            "policy.plans[4].token_payments.amount",
            InvalidReason::Negative
        )
    );
}

//! The budget check on the illustrative CNY account.

use repay_engine::affordability::{affordability, shortest_fitting_term, Budget};
use repay_engine::plans::PricingMethod;
use repay_engine::{all_plans, EngineError, InvalidReason, Money, PlanChoice, PlanKind, Scenario};

const CN: &str = include_str!("../data/cn-card.json");

fn money(text: &str) -> Money {
    Money::parse(text, repay_engine::Currency::from_code("CNY").unwrap()).unwrap()
}

#[test]
fn a_tight_budget_is_pointed_to_what_it_can_keep_up_with() {
    let s = Scenario::from_json(CN).unwrap();
    let plans = all_plans(&s.account, &s.policy, &PlanChoice::default()).unwrap();
    // 6000 − 5400 = 600 disposable; half of it, 300, for repayment.
    let budget = Budget::new(money("6000"), money("5400")).unwrap();
    let check = affordability(&budget, &s.policy, &plans).unwrap();
    assert_eq!(check.disposable_income.to_string(), "600.00");
    assert_eq!(check.affordable_monthly.to_string(), "300.00");
    let kinds: Vec<_> = check.fitting.iter().map(|&i| plans[i].kind).collect();
    assert_eq!(kinds, vec![PlanKind::Hardship]);
    assert_eq!(
        check.recommended.map(|i| plans[i].kind),
        Some(PlanKind::Hardship)
    );
}

#[test]
fn bringing_the_account_current_is_suggested_when_it_fits() {
    let s = Scenario::from_json(CN).unwrap();
    let plans = all_plans(&s.account, &s.policy, &PlanChoice::default()).unwrap();
    let budget = Budget::new(money("12000"), money("9000")).unwrap();
    let check = affordability(&budget, &s.policy, &plans).unwrap();
    assert_eq!(check.affordable_monthly.to_string(), "1500.00");
    // Instant, and it adds no cost: better than any plan that needs review or costs more.
    assert_eq!(
        check.recommended.map(|i| plans[i].kind),
        Some(PlanKind::BringCurrent)
    );
}

#[test]
fn expenses_above_income_leave_nothing_to_afford() {
    let s = Scenario::from_json(CN).unwrap();
    let plans = all_plans(&s.account, &s.policy, &PlanChoice::default()).unwrap();
    let budget = Budget::new(money("3000"), money("3500")).unwrap();
    let check = affordability(&budget, &s.policy, &plans).unwrap();
    assert!(check.affordable_monthly.is_zero());
    assert!(check.fitting.is_empty());
    assert_eq!(check.recommended, None);
}

#[test]
fn negative_figures_are_refused_by_name() {
    assert_eq!(
        Budget::new(money("-1"), money("0")),
        Err(EngineError::invalid(
            "monthly_income",
            InvalidReason::Negative
        ))
    );
    assert_eq!(
        Budget::new(money("1"), money("-0.01")),
        Err(EngineError::invalid(
            "essential_expenses",
            InvalidReason::Negative
        ))
    );
}

#[test]
fn the_shortest_term_that_fits_is_found() {
    let s = Scenario::from_json(CN).unwrap();
    let plans = all_plans(&s.account, &s.policy, &PlanChoice::default()).unwrap();
    let flat_fee = plans
        .iter()
        .position(|p| {
            p.kind
                == PlanKind::Instalment {
                    method: PricingMethod::FlatFee,
                }
        })
        .unwrap();
    // Terms 3, 6, 12, 24. At 12 months the largest payment is the last one, which
    // absorbs the rounding: 720.95 + 51.90 = 772.85.
    let term = |affordable: &str| {
        shortest_fitting_term(
            &s.account,
            &s.policy,
            flat_fee,
            &PlanChoice::default(),
            money(affordable),
        )
        .unwrap()
    };
    assert_eq!(term("800.00"), Some(12));
    assert_eq!(term("772.85"), Some(12));
    assert_eq!(term("772.84"), Some(24));
    assert_eq!(term("100.00"), None);
    let hardship = plans
        .iter()
        .position(|p| p.kind == PlanKind::Hardship)
        .unwrap();
    // 8643.00 (penalty waived) over n months, interest suspended: 28 months need 308.91
    // at most, 29 months 298.16 (the last payment).
    assert_eq!(
        shortest_fitting_term(
            &s.account,
            &s.policy,
            hardship,
            &PlanChoice::default(),
            money("300.00")
        )
        .unwrap(),
        Some(29)
    );
}

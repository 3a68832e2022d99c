//! The budget check on the illustrative CNY account.

use repay_engine::affordability::{affordability, plans_fitting, shortest_fitting_term, Budget};
use repay_engine::plans::PricingMethod;
use repay_engine::{all_plans, EngineError, InvalidReason, Money, PlanChoice, PlanKind, Scenario};

const CN: &str = include_str!("../data/cn-card.json");

fn money(text: &str) -> Money {
    Money::parse(text, repay_engine::Currency::from_code("CNY").unwrap()).unwrap()
}

#[test]
fn a_tight_budget_is_pointed_to_what_it_can_keep_up_with() {
    let s = Scenario::from_json(CN).unwrap();
    // 6000 − 5400 = 600 disposable; half of it, 300, for repayment.
    let budget = Budget::new(money("6000"), money("5400")).unwrap();
    // Each plan at the shortest term that fits, as the customer is shown them.
    let plans = plans_fitting(
        &s.account,
        &s.policy,
        &PlanChoice::default(),
        Some(money("300")),
    )
    .unwrap();
    let check = affordability(&budget, &s.policy, &plans).unwrap();
    assert_eq!(check.disposable_income.to_string(), "600.00");
    assert_eq!(check.affordable_monthly.to_string(), "300.00");
    let kinds: Vec<_> = check.fitting.iter().map(|&i| plans[i].kind).collect();
    // The annuity plan fits at its longest term; the hardship plan, interest suspended,
    // at 29 months and at no cost: it is the one suggested.
    assert_eq!(
        kinds,
        vec![
            PlanKind::Instalment {
                method: PricingMethod::Annuity
            },
            PlanKind::Hardship
        ]
    );
    assert_eq!(
        check.recommended.map(|i| plans[i].kind),
        Some(PlanKind::Hardship)
    );
}

#[test]
fn the_cheapest_plan_counted_to_one_horizon_is_suggested_not_the_one_that_leaves_the_balance() {
    let s = Scenario::from_json(CN).unwrap();
    let budget = Budget::new(money("12000"), money("9000")).unwrap();
    let plans = plans_fitting(
        &s.account,
        &s.policy,
        &PlanChoice::default(),
        Some(money("1500")),
    )
    .unwrap();
    let check = affordability(&budget, &s.policy, &plans).unwrap();
    assert_eq!(check.affordable_monthly.to_string(), "1500.00");
    // Bringing the account current costs 4.73 (penalty interest until 9 December) but
    // leaves 7,740.00 on the card at 18.25 % a year: counted to the 6-month plans' end on
    // 28 May 2027 (170 days after 9 December), 7,740.00 × 0.0005 × 170 = 657.90 more.
    // The 6-month annuity plan repays everything for 305.29: it is the one suggested.
    let bring_current = plans
        .iter()
        .find(|p| p.kind == PlanKind::BringCurrent)
        .unwrap();
    let horizon = jiff::civil::date(2027, 5, 28);
    assert_eq!(
        bring_current
            .cost_to(&s.policy, horizon)
            .unwrap()
            .to_string(),
        "662.63"
    );
    let pick = &plans[check.recommended.unwrap()];
    assert_eq!(
        pick.kind,
        PlanKind::Instalment {
            method: PricingMethod::Annuity
        }
    );
    assert_eq!(pick.end_date.0, horizon);
    assert_eq!(
        pick.cost_to(&s.policy, horizon).unwrap().to_string(),
        "305.29"
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

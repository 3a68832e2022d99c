//! One test per defect #28 found in the sentences the widget said, each failing on the
//! engine before it (the claims did not exist, or said otherwise). The figures are worked
//! by hand in each comment; `tests/claims.rs` checks every claim in general.

use jiff::civil::date;
use repay_engine::advice::{advise, Stop};
use repay_engine::affordability::{affordability, plans_fitting, Budget};
use repay_engine::guidance::{suggest, MissedReason};
use repay_engine::policy::Consequence;
use repay_engine::status::status;
use repay_engine::{all_plans, Money, PlanChoice, PlanKind, Scenario};

const CN: &str = include_str!("../data/cn-card.json");
const US: &str = include_str!("../data/us-card.json");
const HK: &str = include_str!("../data/hk-card.json");
const UK: &str = include_str!("../data/uk-card.json");

fn plan_of(plans: &[repay_engine::Plan], kind: PlanKind) -> &repay_engine::Plan {
    plans.iter().find(|p| p.kind == kind).unwrap()
}

/// Defect 1: A one-off payment was "due today" (the snapshot's day), and a settlement too.
#[test]
fn a_one_off_payment_is_due_the_day_before_the_first_harm_never_today() {
    let s = Scenario::from_json(US).unwrap();
    let plans = all_plans(&s.account, &s.policy, &PlanChoice::default()).unwrap();
    // A late fee and penalty interest come on 24 December: pay by the 23rd (a Wednesday).
    let current = plan_of(&plans, PlanKind::BringCurrent);
    assert_eq!(current.first_payment_date.0, date(2026, 12, 23));
    assert_eq!(current.total_paid.to_string(), "107.00");
    let settlement = plan_of(&plans, PlanKind::Settlement);
    assert_eq!(settlement.first_payment_date.0, date(2026, 12, 23));
    // The CN customer's penalty interest accrues until then: 860.00 × 0.0005 × 11 = 4.73.
    let s = Scenario::from_json(CN).unwrap();
    let plans = all_plans(&s.account, &s.policy, &PlanChoice::default()).unwrap();
    let current = plan_of(&plans, PlanKind::BringCurrent);
    assert_eq!(current.first_payment_date.0, date(2026, 12, 9));
    assert_eq!(current.total_paid.to_string(), "915.47");
}

/// Defect 2: Bringing the account current "costs nothing" and was called the cheapest, while
/// 2,375.00 stays on the card at 24.99 %.
#[test]
fn a_plan_that_leaves_a_balance_says_so_and_is_compared_with_it() {
    let s = Scenario::from_json(US).unwrap();
    let plans = all_plans(&s.account, &s.policy, &PlanChoice::default()).unwrap();
    let advice = advise(&s.account, &s.policy, &plans).unwrap();
    let current = plan_of(&plans, PlanKind::BringCurrent);
    let left = advice.plans[current.offer].left_on_card.unwrap();
    // 2,375.00 × 0.2499 / 365 × 30 = 48.78.
    assert_eq!(left.amount.to_string(), "2375.00");
    assert_eq!(left.monthly_interest.to_string(), "48.78");
    // Counted to a 6-month plan's end (28 May 2027, 156 days after 23 December):
    // 2,375.00 × 0.2499 / 365 × 156 = 253.6656, 253.67.
    assert_eq!(
        current
            .cost_to(&s.policy, date(2027, 5, 28))
            .unwrap()
            .to_string(),
        "253.67"
    );
}

/// Defect 3: A plan's first payment came after the harm it should prevent, silently.
#[test]
fn a_first_payment_after_a_harm_names_it_and_whether_the_plan_stops_it() {
    let s = Scenario::from_json(HK).unwrap();
    let plans = all_plans(&s.account, &s.policy, &PlanChoice::default()).unwrap();
    let advice = advise(&s.account, &s.policy, &plans).unwrap();
    // The 6-month plan (approved on the spot) starts on 28 December; the report comes on
    // 3 December and agreeing the plan stops it.
    let instalment = &advice.plans[2];
    assert_eq!(plans[2].first_payment_date.0, date(2026, 12, 28));
    let report = &instalment.before_first_payment[0];
    assert_eq!(
        report.deadline.harm.consequence,
        Consequence::CreditBureauReport
    );
    assert_eq!(report.deadline.date.0, date(2026, 12, 3));
    assert_eq!(report.stop, Stop::Agreed);
    // The deferral leaves the record late until paid: it does not stop the report, and
    // paying the unpaid minimum, HK$466.00, by 2 December does.
    let deferral = advice
        .plans
        .iter()
        .find(|p| plans[p.offer].kind == PlanKind::Deferral)
        .unwrap();
    let report = &deferral.before_first_payment[0];
    assert_eq!(report.stop, Stop::NotStopped);
    let avoid = report.avoid.unwrap();
    assert_eq!(
        (avoid.amount.to_string(), avoid.by.0),
        ("466.00".to_owned(), date(2026, 12, 2))
    );
}

/// Defect 4: A notice was promised that could no longer arrive in time. The engine knew
/// (`Notice::ahead`); the sentence did not use it. `tests/web.rs`
/// (`a_notice_whose_day_has_passed_is_not_promised`) reads the sentence in the browser.
#[test]
fn a_notice_whose_day_has_passed_is_not_promised() {
    let s = Scenario::from_json(US).unwrap();
    let st = status(&s.account, &s.policy).unwrap();
    // Penalty interest on 24 December with 45 days' notice: due on 9 November, passed.
    let penalty = st
        .timeline
        .iter()
        .find(|e| e.stage.as_deref() == Some("penalty_rate"))
        .unwrap();
    let notice = penalty.notice.unwrap();
    assert_eq!(notice.date.0, date(2026, 11, 9));
    assert!(!notice.ahead);
}

/// Defect 5: What matters most paired today's amount with a date eight weeks away.
#[test]
fn the_leading_amount_holds_until_the_date_it_is_paired_with() {
    let s = Scenario::from_json(US).unwrap();
    let plans = all_plans(&s.account, &s.policy, &PlanChoice::default()).unwrap();
    let leading = advise(&s.account, &s.policy, &plans)
        .unwrap()
        .leading
        .unwrap();
    assert_eq!(leading.deadline.harm.consequence, Consequence::Collections);
    assert_eq!(leading.deadline.date.0, date(2027, 1, 23));
    // $75.00 stops collections, said with 23 December (a late fee and penalty interest
    // come on the 24th), not with 22 January.
    assert_eq!(leading.pay.amount.to_string(), "75.00");
    assert_eq!(leading.pay.by.0, date(2026, 12, 23));
    assert!(leading.pay.until_charge);
}

/// The plans that fit a budget of `income` less `expenses` (leaving `affordable` a month)
/// and the suggestion for a short-term emergency with it.
fn emergency_with(
    s: &Scenario,
    income: &str,
    expenses: &str,
    affordable: &str,
) -> (
    Vec<repay_engine::Plan>,
    repay_engine::affordability::Affordability,
    repay_engine::guidance::Suggestion,
) {
    let currency = s.account.currency;
    let budget = Budget::new(
        Money::parse(income, currency).unwrap(),
        Money::parse(expenses, currency).unwrap(),
    )
    .unwrap();
    let monthly = affordability(&budget, &s.policy, &[])
        .unwrap()
        .affordable_monthly;
    assert_eq!(monthly.to_string(), affordable);
    let plans =
        plans_fitting(&s.account, &s.policy, &PlanChoice::default(), Some(monthly)).unwrap();
    let check = affordability(&budget, &s.policy, &plans).unwrap();
    let suggestion = suggest(
        &s.policy,
        &plans,
        Some(MissedReason::TemporaryEmergency),
        Some(&check),
    )
    .unwrap()
    .unwrap();
    (plans, check, suggestion)
}

/// Defect 6: Defaults and suggestions that cost the customer money: hardship defaulted to its
/// longest term, and a short-term emergency was pointed at a plan without comparing it
/// with paying the arrears.
#[test]
fn defaults_and_suggestions_cost_no_more_than_what_fits() {
    let s = Scenario::from_json(US).unwrap();
    let plans = all_plans(&s.account, &s.policy, &PlanChoice::default()).unwrap();
    let hardship = plan_of(&plans, PlanKind::Hardship);
    assert_eq!(hardship.term_months, 12, "the shortest term, not 60");
    // 120.00 a month to spare. Of the kinds suited to a short emergency (deferral,
    // instalments, bringing current), only bringing current (107.00) fits: it is the
    // suggestion, with nothing to compare.
    let (plans, _, suggestion) = emergency_with(&s, "2240", "2000", "120.00");
    let chosen = &plans[suggestion.plan.unwrap()];
    assert_eq!(chosen.kind, PlanKind::BringCurrent);
    assert!(suggestion.compared.is_none());
    // With 500.00 to spare the 6-month plan (431.94) fits too: the two are compared to
    // one horizon, and whatever is suggested costs no more there than the other.
    let (plans, check, suggestion) = emergency_with(&s, "3000", "2000", "500.00");
    let compared = suggestion.compared.expect("costs compared and said");
    let chosen = &plans[suggestion.plan.unwrap()];
    assert_eq!(
        compared.cost,
        chosen.cost_to(&s.policy, compared.horizon.0).unwrap()
    );
    for other in plans.iter().filter(|p| {
        check.fitting.contains(&p.offer)
            && matches!(p.kind, PlanKind::BringCurrent | PlanKind::Instalment { .. })
    }) {
        assert!(
            compared.cost.amount()
                <= other
                    .cost_to(&s.policy, compared.horizon.0)
                    .unwrap()
                    .amount(),
            "{:?} costs less than the suggestion on {}",
            other.kind,
            compared.horizon.0
        );
    }
}

/// Defect 7: "True annual rate 22.43 % (20.24 % nominal)" beside the product's 19.90 %, unexplained.
#[test]
fn a_true_rate_above_the_stated_one_says_why() {
    let s = Scenario::from_json(UK).unwrap();
    let plans = all_plans(&s.account, &s.policy, &PlanChoice::default()).unwrap();
    let advice = advise(&s.account, &s.policy, &plans).unwrap();
    let note = advice.plans[2].rate.unwrap();
    assert_eq!(note.stated.to_string(), "0.1990");
    // The first payment, 24 December, is 26 days away (the month has 30) and carries a
    // month's interest: the true rate is above the stated one.
    assert_eq!(note.first_period_days, 26);
    assert_eq!(note.month_days, 30);
    assert!(note.nominal > note.stated && note.effective > note.nominal);
    assert!(!note.fees);
}

/// The grace period's last day was worked out in a view: the due date plus the grace
/// days, whatever day of the week. It is a claim now: the last working day before the
/// first charge. The CN customer due on Thursday 12 November, one day past due (grace 3
/// days): penalty interest starts on Monday the 16th; the view said Sunday the 15th.
#[test]
fn the_grace_periods_last_day_is_the_last_working_day_before_the_first_charge() {
    let json = CN
        .replace(
            "\"due_date\": \"2026-11-10\"",
            "\"due_date\": \"2026-11-12\"",
        )
        .replace("\"as_of\": \"2026-11-28\"", "\"as_of\": \"2026-11-13\"");
    let s = Scenario::from_json(&json).unwrap();
    let st = status(&s.account, &s.policy).unwrap();
    assert!(st.in_grace_period);
    let first = st.next_charge().unwrap();
    assert_eq!(first.harm.consequence, Consequence::PenaltyInterest);
    assert_eq!(first.date.0, date(2026, 11, 16));
    let plans = all_plans(&s.account, &s.policy, &PlanChoice::default()).unwrap();
    let advice = advise(&s.account, &s.policy, &plans).unwrap();
    assert_eq!(advice.grace_until.unwrap().0, date(2026, 11, 13));
}

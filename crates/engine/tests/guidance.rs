//! What the policy says beyond the figures, on the illustrative accounts: what paying
//! part of the overdue amount avoids, the suggestion made from the customer's reason and
//! budget, and the policy tables' checks. Expected figures are worked out by hand.

use jiff::civil::date;
use repay_engine::affordability::{affordability, plans_fitting, Budget};
use repay_engine::guidance::{suggest, MissedReason, OfferKind, Severity, Suggestion, Why};
use repay_engine::policy::Consequence;
use repay_engine::status::{part_payment, status, PartEffect, PartPayment};
use repay_engine::{EngineError, InvalidReason, Money, Plan, PlanChoice, PlanKind, Scenario};

const CN: &str = include_str!("../data/cn-card.json");
const US: &str = include_str!("../data/us-card.json");

fn money(s: &Scenario, text: &str) -> Money {
    Money::parse(text, s.account.currency).unwrap()
}

fn effects(part: &PartPayment) -> Vec<(Consequence, PartEffect)> {
    part.outcomes
        .iter()
        .map(|o| (o.deadline.harm.consequence, o.effect))
        .collect()
}

#[test]
fn part_of_the_overdue_amount_makes_the_next_fee_smaller_and_stops_nothing_else() {
    use Consequence::{CardSuspension, Collections, CreditBureauReport, LateFee, LegalAction};
    let s = Scenario::from_json(CN).unwrap();
    let part = part_payment(&s.account, &s.policy, money(&s, "500")).unwrap();
    assert_eq!(part.still_overdue.to_string(), "360.00");
    assert_eq!(part.still_to_bring_current.to_string(), "410.74");
    // The fee is 5 % of the minimum still unpaid: 5 % of 360.00 instead of 860.00.
    assert_eq!(
        effects(&part),
        vec![
            (CreditBureauReport, PartEffect::NotAvoided),
            (
                LateFee,
                PartEffect::Smaller {
                    amount: money(&s, "18.00")
                }
            ),
            (CardSuspension, PartEffect::NotAvoided),
            (Collections, PartEffect::NotAvoided),
            (LegalAction, PartEffect::NotAvoided),
        ]
    );
}

#[test]
fn the_policy_decides_what_paying_the_overdue_amount_without_the_charges_stops() {
    use Consequence::{CardSuspension, Collections, CreditBureauReport, LateFee, LegalAction};
    let s = Scenario::from_json(CN).unwrap();
    // The sample's bank reports only an unpaid minimum (`avoided_by: overdue_amount`):
    // 860.00 stops the report and the fees, while the later stages wait for the 50.74
    // of charges too (the default rule).
    let part = part_payment(&s.account, &s.policy, money(&s, "860.00")).unwrap();
    assert_eq!(part.still_overdue.to_string(), "0.00");
    assert_eq!(
        effects(&part),
        vec![
            (CreditBureauReport, PartEffect::Avoided),
            (LateFee, PartEffect::Avoided),
            (CardSuspension, PartEffect::NotAvoided),
            (Collections, PartEffect::NotAvoided),
            (LegalAction, PartEffect::NotAvoided),
        ]
    );
    // One cent less stops no stage.
    let short = part_payment(&s.account, &s.policy, money(&s, "859.99")).unwrap();
    assert_eq!(short.outcomes[0].effect, PartEffect::NotAvoided);
    // What brings the account current stops everything.
    let whole = part_payment(&s.account, &s.policy, money(&s, "910.74")).unwrap();
    assert!(whole
        .outcomes
        .iter()
        .all(|o| o.effect == PartEffect::Avoided));
}

#[test]
fn a_us_payment_of_the_past_due_amount_stops_the_fee_collections_and_the_penalty_interest() {
    use Consequence::{CardSuspension, Collections, LateFee, PenaltyInterest, WriteOff};
    let s = Scenario::from_json(US).unwrap();
    // 50 of the 75 past due: a fixed fee is still charged in full, the penalty APR
    // still applies to the whole balance.
    let some = part_payment(&s.account, &s.policy, money(&s, "50")).unwrap();
    assert!(some
        .outcomes
        .iter()
        .all(|o| o.effect == PartEffect::NotAvoided));
    // The 75 past due without the 32 fee: the fee and collections stop (the sample's
    // rule for collections), the penalty-rate stage waits for the fee as well.
    let past_due = part_payment(&s.account, &s.policy, money(&s, "75")).unwrap();
    assert_eq!(
        effects(&past_due),
        vec![
            (PenaltyInterest, PartEffect::NotAvoided),
            (LateFee, PartEffect::Avoided),
            (Collections, PartEffect::Avoided),
            (CardSuspension, PartEffect::Avoided),
            (WriteOff, PartEffect::NotAvoided),
        ]
    );
}

#[test]
fn a_part_payment_of_nothing_or_in_another_currency_is_refused_at_paid() {
    let s = Scenario::from_json(CN).unwrap();
    for text in ["0", "-1"] {
        match part_payment(&s.account, &s.policy, money(&s, text)) {
            Err(EngineError::Invalid { path, reason }) => {
                assert_eq!(path, "paid");
                assert_eq!(reason, InvalidReason::Negative);
            }
            other => panic!("{text}: {other:?}"),
        }
    }
    let usd = Money::parse("10", repay_engine::Currency::from_code("USD").unwrap()).unwrap();
    assert!(matches!(
        part_payment(&s.account, &s.policy, usd),
        Err(EngineError::Invalid {
            reason: InvalidReason::CurrencyMismatch,
            ..
        })
    ));
}

#[test]
fn severity_is_the_policys_so_a_bank_can_lead_with_another_harm() {
    let s = Scenario::from_json(CN).unwrap();
    assert_eq!(
        status(&s.account, &s.policy)
            .unwrap()
            .leading()
            .unwrap()
            .harm
            .consequence,
        Consequence::CreditBureauReport
    );
    let json = CN.replace(
        "\"credit_bureau_report\": \"high\"",
        "\"credit_bureau_report\": \"low\"",
    );
    let s = Scenario::from_json(&json).unwrap();
    let st = status(&s.account, &s.policy).unwrap();
    // The report now weighs as little as a fee: the first high harm is collections,
    // on 8 February.
    let leading = st.leading().unwrap();
    assert_eq!(leading.harm.consequence, Consequence::Collections);
    assert_eq!(leading.date.0, date(2027, 2, 8));
    assert_eq!(st.timeline[0].severity, Severity::Low);
}

/// The plans as the customer sees them (each at the shortest term that fits the budget,
/// when one is given and a term fits; else at its default), and the budget check for
/// `income` and `expenses`.
fn plans_and_budget(
    s: &Scenario,
    budget: Option<(&str, &str)>,
) -> (
    Vec<Plan>,
    Option<repay_engine::affordability::Affordability>,
) {
    let budget =
        budget.map(|(income, expenses)| Budget::new(money(s, income), money(s, expenses)).unwrap());
    let affordable = budget.map(|b| {
        affordability(&b, &s.policy, &[])
            .unwrap()
            .affordable_monthly
    });
    let plans = plans_fitting(&s.account, &s.policy, &PlanChoice::default(), affordable).unwrap();
    let check = budget.map(|budget| affordability(&budget, &s.policy, &plans).unwrap());
    (plans, check)
}

fn kind_of(plans: &[Plan], suggestion: &Suggestion) -> Option<PlanKind> {
    suggestion.plan.map(|i| plans[i].kind)
}

#[test]
fn i_forgot_is_pointed_to_paying_the_overdue_amount_even_when_a_long_plan_fits_the_budget() {
    let s = Scenario::from_json(CN).unwrap();
    // 400 a month to spare: a long plan fits, 910.74 at once does not.
    let (plans, check) = plans_and_budget(&s, Some(("9000", "8200")));
    let check = check.unwrap();
    assert_eq!(check.affordable_monthly.to_string(), "400.00");
    let suggestion = suggest(&s.policy, &plans, Some(MissedReason::Forgot), Some(&check))
        .unwrap()
        .unwrap();
    assert_eq!(kind_of(&plans, &suggestion), Some(PlanKind::BringCurrent));
    assert_eq!(
        suggestion.why,
        Why::SuitsReason {
            reason: MissedReason::Forgot,
            fits_budget: Some(false)
        }
    );
    // And what fits the budget instead, for a customer who cannot pay it all now.
    assert_eq!(suggestion.fits_instead, check.recommended);
    assert!(suggestion.fits_instead.is_some());
    // Without a budget, the same plan, with nothing said about fitting.
    let suggestion = suggest(&s.policy, &plans, Some(MissedReason::Forgot), None)
        .unwrap()
        .unwrap();
    assert_eq!(kind_of(&plans, &suggestion), Some(PlanKind::BringCurrent));
    assert_eq!(
        suggestion.why,
        Why::SuitsReason {
            reason: MissedReason::Forgot,
            fits_budget: None
        }
    );
}

#[test]
fn lost_income_is_pointed_to_the_hardship_plan_and_told_when_even_that_does_not_fit() {
    let s = Scenario::from_json(US).unwrap();
    let (plans, _) = plans_and_budget(&s, None);
    let suggestion = suggest(&s.policy, &plans, Some(MissedReason::IncomeLoss), None)
        .unwrap()
        .unwrap();
    assert_eq!(kind_of(&plans, &suggestion), Some(PlanKind::Hardship));
    // 50 a month to spare, 25 of it for repayment: no plan's payment fits.
    let (plans, check) = plans_and_budget(&s, Some(("2550", "2500")));
    let check = check.unwrap();
    assert!(check.fitting.is_empty());
    let suggestion = suggest(
        &s.policy,
        &plans,
        Some(MissedReason::IncomeLoss),
        Some(&check),
    )
    .unwrap()
    .unwrap();
    assert_eq!(kind_of(&plans, &suggestion), Some(PlanKind::Hardship));
    assert_eq!(
        suggestion.why,
        Why::SuitsReason {
            reason: MissedReason::IncomeLoss,
            fits_budget: Some(false)
        }
    );
    assert_eq!(suggestion.fits_instead, None);
    // With no reason given, the same budget: nothing fits, said plainly.
    let suggestion = suggest(&s.policy, &plans, None, Some(&check))
        .unwrap()
        .unwrap();
    assert_eq!((suggestion.plan, suggestion.why), (None, Why::NothingFits));
}

#[test]
fn a_dispute_is_shown_how_to_dispute_and_no_reason_leaves_the_budget_to_decide() {
    let s = Scenario::from_json(CN).unwrap();
    let (plans, check) = plans_and_budget(&s, Some(("12000", "9000")));
    let check = check.unwrap();
    let dispute = suggest(&s.policy, &plans, Some(MissedReason::Dispute), Some(&check))
        .unwrap()
        .unwrap();
    assert_eq!((dispute.plan, dispute.why), (None, Why::Dispute));
    for reason in [None, Some(MissedReason::Other)] {
        let suggestion = suggest(&s.policy, &plans, reason, Some(&check))
            .unwrap()
            .unwrap();
        assert_eq!(suggestion.why, Why::FitsBudget);
        assert_eq!(suggestion.plan, check.recommended);
    }
    // Nothing to go on: no suggestion.
    assert_eq!(suggest(&s.policy, &plans, None, None), Ok(None));
}

#[test]
fn the_suggestion_table_is_the_policys_and_has_a_default() {
    // A bank that offers a custom plan to disputing customers.
    let json = CN.replace("\"dispute\": []", "\"dispute\": [\"custom\"]");
    let s = Scenario::from_json(&json).unwrap();
    assert_eq!(s.policy.suggestions.dispute, vec![OfferKind::Custom]);
    // A policy that says nothing takes the documented defaults.
    let start = CN.find("\"suggestions\"").unwrap();
    let end = start + CN[start..].find("},").unwrap() + 2;
    let silent = format!("{}{}", &CN[..start], &CN[end..]);
    let s = Scenario::from_json(&silent).unwrap();
    assert_eq!(
        s.policy.suggestions.for_reason(MissedReason::IncomeLoss),
        [OfferKind::Hardship, OfferKind::Instalment]
    );
    assert!(s.policy.suggestions.dispute.is_empty());
}

#[test]
fn wrong_guidance_in_a_policy_names_its_path() {
    let cases = [
        (
            CN.replacen("\"plan_ends_after\": 2", "\"plan_ends_after\": 0", 1),
            "policy.plan_effects.instalment.if_missed.plan_ends_after",
            InvalidReason::NotAllowed,
        ),
        (
            CN.replace(
                "\"avoided_by\": \"overdue_amount\"",
                "\"avoided_by\": {\"share_of_overdue\": \"1.5\"}",
            ),
            "policy.stages[2].avoided_by.share_of_overdue",
            InvalidReason::NotAllowed,
        ),
    ];
    for (json, want, reason) in cases {
        assert_ne!(
            json, CN,
            "the case for {want} must change the configuration"
        );
        match Scenario::from_json(&json) {
            Err(EngineError::Invalid { path, reason: got }) => {
                assert_eq!((path.as_str(), got), (want, reason.clone()));
            }
            other => panic!("{want}: {other:?}"),
        }
    }
    // An unknown kind in a table, or an unknown severity, is refused where it stands.
    let unknown = CN.replace(
        "\"income_loss\": [\n        \"hardship\"",
        "\"income_loss\": [\n        \"payday_loan\"",
    );
    assert_ne!(unknown, CN);
    assert!(Scenario::from_json(&unknown).is_err());
}

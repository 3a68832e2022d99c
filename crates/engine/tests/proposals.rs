//! Proposals have one acceptable form: the choice holds only what the offer uses, the
//! engine version is the verifier's, and no key appears twice anywhere.

use jiff::civil::date;
use repay_engine::proposal::{verify, Proposal};
use repay_engine::{EngineError, InvalidReason, Money, PlanChoice, PlanKind, Scenario};

const CN: &str = include_str!("../data/cn-card.json");

fn offer_of(s: &Scenario, wanted: impl Fn(&PlanKind) -> bool) -> usize {
    repay_engine::all_plans(&s.account, &s.policy, &PlanChoice::default())
        .unwrap()
        .iter()
        .position(|p| wanted(&p.kind))
        .unwrap()
}

fn paths(proposal: &Proposal, s: &Scenario) -> Vec<String> {
    verify(proposal, &s.account, &s.policy)
        .unwrap()
        .into_iter()
        .map(|d| d.path)
        .collect()
}

#[test]
fn a_proposal_carries_only_the_choice_its_offer_uses() {
    let s = Scenario::from_json(CN).unwrap();
    let cny = s.account.currency;
    let everything = PlanChoice {
        term_months: Some(12),
        first_payment_date: Some(date(2026, 12, 20)),
        down_payment: Some(Money::parse("100.00", cny).unwrap()),
        deferral_days: Some(10),
        settlement_amount: Some(Money::parse("8000.00", cny).unwrap()),
        custom_payments: vec![repay_engine::plans::CustomPayment {
            date: date(2026, 12, 20),
            amount: Money::parse("9000.00", cny).unwrap(),
        }],
    };
    let keys = |offer: usize| -> Vec<String> {
        let proposal = Proposal::new(&s.account, &s.policy, offer, &everything).unwrap();
        let value = serde_json::to_value(&proposal.choice).unwrap();
        value.as_object().unwrap().keys().cloned().collect()
    };
    assert!(keys(offer_of(&s, |k| *k == PlanKind::PayInFull)).is_empty());
    assert!(keys(offer_of(&s, |k| *k == PlanKind::BringCurrent)).is_empty());
    assert_eq!(
        keys(offer_of(&s, |k| matches!(k, PlanKind::Instalment { .. }))),
        ["down_payment", "first_payment_date", "term_months"]
    );
    assert_eq!(
        keys(offer_of(&s, |k| *k == PlanKind::Hardship)),
        ["first_payment_date", "term_months"]
    );
    assert_eq!(
        keys(offer_of(&s, |k| *k == PlanKind::Custom)),
        ["custom_payments"]
    );
}

#[test]
fn a_choice_field_the_offer_does_not_use_is_a_difference() {
    let s = Scenario::from_json(CN).unwrap();
    let hardship = offer_of(&s, |k| *k == PlanKind::Hardship);
    let mut proposal =
        Proposal::new(&s.account, &s.policy, hardship, &PlanChoice::default()).unwrap();
    assert!(paths(&proposal, &s).is_empty());
    proposal.choice.down_payment = Some("100.00".into());
    assert_eq!(paths(&proposal, &s), ["/choice/down_payment"]);

    let instalment = offer_of(&s, |k| matches!(k, PlanKind::Instalment { .. }));
    let mut proposal =
        Proposal::new(&s.account, &s.policy, instalment, &PlanChoice::default()).unwrap();
    proposal.choice.custom_payments = vec![repay_engine::proposal::CustomPaymentWire {
        date: "2026-12-20".into(),
        amount: "1.00".into(),
    }];
    assert_eq!(paths(&proposal, &s), ["/choice/custom_payments"]);
}

/// The CN sample's offer 2 (flat-fee instalments), as every platform keys it:
/// `tests/web.rs` checks the same value in the browser's wasm32.
pub const CN_OFFER_2_KEY: &str = "9426e461656e37c2";

#[test]
fn a_proposal_names_its_offer_by_a_key_the_same_on_every_platform() {
    let s = Scenario::from_json(CN).unwrap();
    let proposal = Proposal::new(&s.account, &s.policy, 2, &PlanChoice::default()).unwrap();
    assert_eq!(proposal.offer_key, CN_OFFER_2_KEY);
    assert_eq!(s.policy.plans[2].key_text(), CN_OFFER_2_KEY);
    // Every offer has its own key.
    let mut keys: Vec<u64> = s.policy.plans.iter().map(|o| o.key()).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), s.policy.plans.len());

    // The bank swapped offers 2 and 3 since the page was loaded: the proposal for the
    // offer the customer chose is a difference at /offer_key (and in its plan), never
    // booked as the offer now in its place.
    let mut swapped = s.clone();
    swapped.policy.plans.swap(2, 3);
    let found = paths(&proposal, &swapped);
    assert!(found.contains(&"/offer_key".to_owned()), "{found:?}");
    // Another offer's key with this offer's figures is a difference too.
    let mut relabelled = proposal.clone();
    relabelled.offer_key = s.policy.plans[3].key_text();
    assert_eq!(paths(&relabelled, &s), ["/offer_key"]);
}

/// Each kind has one code, and it is the one serde writes: the policy's key, the plan's
/// `kind`, the events' `plan`.
#[test]
fn every_kind_is_spelled_once() {
    use repay_engine::guidance::OfferKind;
    for kind in OfferKind::ALL {
        assert_eq!(serde_json::to_value(kind).unwrap(), kind.code());
    }
    let s = Scenario::from_json(CN).unwrap();
    let wire: serde_json::Value = serde_json::from_str(CN).unwrap();
    let plans = repay_engine::all_plans(&s.account, &s.policy, &PlanChoice::default()).unwrap();
    for (i, plan) in plans.iter().enumerate() {
        let code = plan.kind.offer_kind().code();
        assert_eq!(serde_json::to_value(plan.kind).unwrap()["kind"], code);
        assert!(wire["policy"]["plans"][i].get(code).is_some(), "{code}");
        assert_eq!(s.policy.plans[i].kind().code(), code);
    }
}

#[test]
fn another_engine_version_is_a_difference() {
    let s = Scenario::from_json(CN).unwrap();
    let mut proposal = Proposal::new(&s.account, &s.policy, 0, &PlanChoice::default()).unwrap();
    proposal.engine_version = "0.0.1".into();
    let differences = verify(&proposal, &s.account, &s.policy).unwrap();
    assert_eq!(differences.len(), 1);
    assert_eq!(differences[0].path, "/engine_version");
    assert_eq!(differences[0].expected, repay_engine::ENGINE_VERSION);
    assert_eq!(differences[0].found, "0.0.1");
}

#[test]
fn a_repeated_key_anywhere_is_refused_by_its_path() {
    let s = Scenario::from_json(CN).unwrap();
    let proposal = Proposal::new(&s.account, &s.policy, 2, &PlanChoice::default()).unwrap();
    let json = serde_json::to_string(&proposal).unwrap();
    let total = proposal.plan["total_paid"].as_str().unwrap();
    // The tampered copy first, the original last: a parser that keeps the last copy sees
    // the original, one that keeps the first books the tampered figure.
    let tampered = json.replace(
        &format!("\"total_paid\":\"{total}\""),
        &format!("\"total_paid\":\"2109.66\",\"total_paid\":\"{total}\""),
    );
    assert_ne!(tampered, json);
    assert_eq!(
        Proposal::from_json(&tampered),
        Err(EngineError::invalid(
            "plan.total_paid",
            InvalidReason::DuplicateKey
        ))
    );
    let in_schedule = json.replacen("\"fee\":", "\"fee\":\"0.00\",\"fee\":", 1);
    assert_eq!(
        Proposal::from_json(&in_schedule),
        Err(EngineError::invalid(
            "plan.schedule[0].fee",
            InvalidReason::DuplicateKey
        ))
    );
    let in_choice = json.replace(
        "\"choice\":{",
        "\"choice\":{\"term_months\":3,\"term_months\":12,",
    );
    assert!(matches!(
        Proposal::from_json(&in_choice),
        Err(EngineError::Invalid { path, reason: InvalidReason::DuplicateKey }) if path == "choice.term_months"
    ));
    // A configuration too.
    let config = CN.replace(
        "\"grace_days\": 3,",
        "\"grace_days\": 3, \"grace_days\": 30,",
    );
    assert_eq!(
        Scenario::from_json(&config).map(drop),
        Err(EngineError::invalid(
            "policy.grace_days",
            InvalidReason::DuplicateKey
        ))
    );
}

/// China's 个性化分期: the agreement's statements are the plan's, so the proposal carries
/// what the customer saw, and a proposal without them is a difference.
#[test]
fn a_hardship_proposal_carries_the_agreements_statements() {
    use repay_engine::plans::Statement;
    let s = Scenario::from_json(CN).unwrap();
    let offer = offer_of(&s, |k| *k == PlanKind::Hardship);
    let proposal = Proposal::new(&s.account, &s.policy, offer, &PlanChoice::default()).unwrap();
    let cny = s.account.currency;
    // The ¥43.00 违约金 is repaid as principal; the ¥7.74 罚息 is waived, so none is.
    let plan =
        repay_engine::plan_for(&s.account, &s.policy, offer, &PlanChoice::default()).unwrap();
    assert_eq!(
        plan.statements,
        [
            Statement::ChargesFolded {
                late_fees: Money::parse("43.00", cny).unwrap(),
                penalty_interest: Money::zero(cny),
            },
            Statement::AnnualFeeContinues,
            Statement::OtherChargesStop,
            Statement::CollectionStops,
            Statement::NoNewCards,
        ]
    );
    let value = serde_json::to_value(&proposal).unwrap();
    assert_eq!(
        value["plan"]["statements"],
        serde_json::json!([
            {"code": "charges_folded", "late_fees": "43.00", "penalty_interest": "0.00"},
            {"code": "annual_fee_continues"},
            {"code": "other_charges_stop"},
            {"code": "collection_stops"},
            {"code": "no_new_cards"},
        ])
    );
    // Sent without them, or with one changed: the bank finds the difference.
    let mut without = value.clone();
    without["plan"]
        .as_object_mut()
        .unwrap()
        .remove("statements");
    let without = Proposal::from_json(&without.to_string()).unwrap();
    assert_eq!(paths(&without, &s), ["/plan/statements"]);
    let mut changed = value;
    changed["plan"]["statements"][4]["code"] = "collection_stops".into();
    let changed = Proposal::from_json(&changed.to_string()).unwrap();
    assert_eq!(paths(&changed, &s), ["/plan/statements/4/code"]);
    // A plan of a kind whose agreement the policy does not state says only its figures.
    let instalment = offer_of(&s, |k| matches!(k, PlanKind::Instalment { .. }));
    let plan =
        repay_engine::plan_for(&s.account, &s.policy, instalment, &PlanChoice::default()).unwrap();
    assert!(matches!(
        plan.statements.as_slice(),
        [Statement::ChargesFolded { .. }]
    ));
}

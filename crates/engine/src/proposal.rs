//! Proposals: the customer's chosen plan in a canonical, versioned, serialisable form —
//! the choice that produced it and the plan the engine computed — and [`verify`], which
//! recomputes it from the same account and policy and reports every difference, so a
//! proposal altered on its way to the bank is caught.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::account::{iso_date, parse_iso_date, AccountSnapshot};
use crate::error::{EngineError, InvalidReason};
use crate::money::Money;
use crate::plans::{plan_for, CustomPayment, Plan, PlanChoice};
use crate::policy::Policy;
use crate::ENGINE_VERSION;

/// The version of the proposal format this engine writes and reads.
pub const PROPOSAL_SCHEMA_VERSION: u32 = 1;

/// A custom payment on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomPaymentWire {
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Date"))]
    pub date: String,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Amount"))]
    pub amount: String,
}

/// The customer's choice on the wire: everything needed to recompute the plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlanChoiceWire {
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "u32"))]
    pub term_months: Option<u32>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Date"))]
    pub first_payment_date: Option<String>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Amount"))]
    pub down_payment: Option<String>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "u32"))]
    pub deferral_days: Option<u32>,
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Amount"))]
    pub settlement_amount: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_payments: Vec<CustomPaymentWire>,
}

/// A member that is there has a value: `null` is refused (with its path), so a choice
/// has one spelling. An absent member is `None` (`#[serde(default)]`).
fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

impl PlanChoiceWire {
    /// The wire form of `choice`.
    pub fn from_choice(choice: &PlanChoice) -> Self {
        Self {
            term_months: choice.term_months,
            first_payment_date: choice.first_payment_date.map(iso_date),
            down_payment: choice.down_payment.map(|m| m.to_string()),
            deferral_days: choice.deferral_days,
            settlement_amount: choice.settlement_amount.map(|m| m.to_string()),
            custom_payments: choice
                .custom_payments
                .iter()
                .map(|p| CustomPaymentWire {
                    date: iso_date(p.date),
                    amount: p.amount.to_string(),
                })
                .collect(),
        }
    }

    /// Checks the choice for an account in `account`'s currency.
    ///
    /// # Errors
    ///
    /// [`EngineError::Invalid`] naming the field (`choice.custom_payments[1].amount`).
    pub fn to_choice(&self, account: &AccountSnapshot) -> Result<PlanChoice, EngineError> {
        let money = |path: String, text: &str| -> Result<Money, EngineError> {
            Money::parse(text, account.currency).map_err(|r| EngineError::invalid(path, r))
        };
        let date = |path: String, text: &str| -> Result<Date, EngineError> {
            parse_iso_date(text)
                .ok_or_else(|| EngineError::invalid(path, InvalidReason::ImpossibleDate))
        };
        Ok(PlanChoice {
            term_months: self.term_months,
            first_payment_date: self
                .first_payment_date
                .as_deref()
                .map(|t| date("choice.first_payment_date".into(), t))
                .transpose()?,
            down_payment: self
                .down_payment
                .as_deref()
                .map(|t| money("choice.down_payment".into(), t))
                .transpose()?,
            deferral_days: self.deferral_days,
            settlement_amount: self
                .settlement_amount
                .as_deref()
                .map(|t| money("choice.settlement_amount".into(), t))
                .transpose()?,
            custom_payments: self
                .custom_payments
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    Ok(CustomPayment {
                        date: date(format!("choice.custom_payments[{i}].date"), &p.date)?,
                        amount: money(format!("choice.custom_payments[{i}].amount"), &p.amount)?,
                    })
                })
                .collect::<Result<_, EngineError>>()?,
        })
    }
}

/// A proposal: which offer, the choice, and the plan as the engine computed it.
///
/// `P` is how the plan is held. Whoever checks a proposal reads it as a JSON tree
/// (`Value`, the default), to compare field by field with its own recomputation; whoever
/// writes one holds the engine's [`crate::Plan`] itself, or its JSON kept as written.
/// Every form serialises to the same document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Proposal<P = Value> {
    #[cfg_attr(feature = "schema", schemars(extend("const" = PROPOSAL_SCHEMA_VERSION)))]
    pub schema_version: u32,
    /// The engine version that computed `plan`.
    pub engine_version: String,
    /// The index of the chosen offer in the policy's `plans`.
    pub offer: usize,
    /// The chosen offer's identity ([`crate::policy::PlanOffer::key_text`]): 16 hex
    /// digits derived from everything the offer says. The offer the customer saw and
    /// chose; if the bank's offer at `offer` is another one, this is a difference.
    #[cfg_attr(
        feature = "schema",
        schemars(regex(pattern = r"^[0-9a-f]{16}$"), example = "9c1d5e0a7b2f4c83")
    )]
    pub offer_key: String,
    pub choice: PlanChoiceWire,
    /// The computed plan, exactly as the engine serialises it.
    pub plan: P,
}

/// One field where a proposal differs from the engine's recomputation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Difference {
    /// A JSON pointer into the proposal, e.g. `/plan/schedule/3/total`.
    pub path: String,
    /// What the engine computes (`null` when the field should not be there).
    pub expected: Value,
    /// What the proposal says (`null` when the field is missing).
    pub found: Value,
}

impl<P> Proposal<P> {
    /// The proposal for `plan`, the engine's plan for `offer` and `choice`, with the
    /// choice in its canonical form (only the fields the offer uses, amounts at minor
    /// units), its plan held as `P`.
    pub fn of_plan(
        policy: &Policy,
        choice: &PlanChoice,
        plan: &Plan,
        hold: impl FnOnce(&Plan) -> P,
    ) -> Self {
        let used = policy
            .plans
            .get(plan.offer)
            .map(|o| choice.for_offer(o))
            .unwrap_or_default();
        Self {
            schema_version: PROPOSAL_SCHEMA_VERSION,
            engine_version: ENGINE_VERSION.to_owned(),
            offer: plan.offer,
            offer_key: policy
                .plans
                .get(plan.offer)
                .map(crate::policy::PlanOffer::key_text)
                .unwrap_or_default(),
            choice: PlanChoiceWire::from_choice(&used),
            plan: hold(plan),
        }
    }
}

impl Proposal {
    /// Computes the plan for `offer` and `choice` and wraps it as a proposal, with the
    /// choice in its canonical form: only the fields the offer uses
    /// ([`PlanChoice::for_offer`]), amounts at minor units.
    ///
    /// # Errors
    ///
    /// As [`plan_for`].
    pub fn new(
        account: &AccountSnapshot,
        policy: &Policy,
        offer: usize,
        choice: &PlanChoice,
    ) -> Result<Self, EngineError> {
        let plan = plan_for(account, policy, offer, choice)?;
        let value = serde_json::to_value(&plan)
            .map_err(|_| EngineError::invalid("plan", InvalidReason::Overflow))?;
        Ok(Self::of_plan(policy, choice, &plan, |_| value))
    }

    /// Reads a proposal from JSON.
    ///
    /// # Errors
    ///
    /// [`EngineError::MalformedJson`] for anything that is not a proposal object,
    /// [`EngineError::Invalid`] at the path of a key repeated anywhere in the document
    /// ([`InvalidReason::DuplicateKey`]), and at `schema_version` for a version this
    /// engine cannot read.
    pub fn from_json(json: &str) -> Result<Self, EngineError> {
        let proposal: Self = crate::read_json(json)?;
        if proposal.schema_version != PROPOSAL_SCHEMA_VERSION {
            return Err(EngineError::invalid(
                "schema_version",
                InvalidReason::NotAllowed,
            ));
        }
        Ok(proposal)
    }
}

/// Recomputes `proposal` for `account` under `policy` and lists every difference.
/// An empty list means the proposal is exactly what the engine computes.
///
/// A proposal has exactly one acceptable form, so these are differences too: a choice
/// field the offer does not use (a down payment on a hardship plan, custom payments on an
/// instalment plan: expected `null`), an amount not written at minor units (`"12"` for
/// `"12.00"`), and an `engine_version` other than this engine's, since figures computed by
/// another version are not known to be these. A document that repeats a key is refused
/// before it gets here ([`Proposal::from_json`]).
///
/// # Errors
///
/// [`EngineError::Invalid`] when the proposal's choice or offer cannot be read at all
/// (its path says where).
///
/// # Examples
///
/// ```
/// use repay_engine::proposal::{verify, Proposal};
/// use repay_engine::{PlanChoice, Scenario};
/// let s = Scenario::from_json(include_str!("../data/us-card.json"))?;
/// let mut proposal = Proposal::new(&s.account, &s.policy, 2, &PlanChoice::default())?;
/// assert!(verify(&proposal, &s.account, &s.policy)?.is_empty());
///
/// proposal.plan["total_paid"] = "1.00".into();
/// let differences = verify(&proposal, &s.account, &s.policy)?;
/// assert_eq!(differences[0].path, "/plan/total_paid");
/// # Ok::<(), repay_engine::EngineError>(())
/// ```
pub fn verify(
    proposal: &Proposal,
    account: &AccountSnapshot,
    policy: &Policy,
) -> Result<Vec<Difference>, EngineError> {
    recompute(proposal, account, policy).map(|recomputed| recomputed.differences)
}

/// What a verifier recomputed for a proposal: the engine's own plan for its offer and
/// choice, and every difference from what the proposal says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recomputed {
    /// The plan as the engine computes it, typed: a bank decides from this (its
    /// verdict), never from the proposal's copy.
    pub plan: Plan,
    /// Empty when the proposal is exactly this plan ([`verify`]).
    pub differences: Vec<Difference>,
}

/// [`verify`], keeping the recomputed plan.
///
/// # Errors
///
/// As [`verify`].
pub fn recompute(
    proposal: &Proposal,
    account: &AccountSnapshot,
    policy: &Policy,
) -> Result<Recomputed, EngineError> {
    let choice = proposal.choice.to_choice(account)?;
    if proposal.offer >= policy.plans.len() {
        return Err(EngineError::invalid("offer", InvalidReason::NotAllowed));
    }
    let plan = plan_for(account, policy, proposal.offer, &choice)?;
    let value = serde_json::to_value(&plan)
        .map_err(|_| EngineError::invalid("plan", InvalidReason::Overflow))?;
    let expected = Proposal::of_plan(policy, &choice, &plan, |_| value);
    let mut differences = Vec::new();
    compare(
        "/engine_version",
        Some(&Value::from(ENGINE_VERSION)),
        Some(&Value::from(proposal.engine_version.as_str())),
        &mut differences,
    );
    // The offer the customer chose must be the one the bank offers at that place.
    compare(
        "/offer_key",
        Some(&Value::from(expected.offer_key.as_str())),
        Some(&Value::from(proposal.offer_key.as_str())),
        &mut differences,
    );
    // The choice must be in the canonical form the engine writes (`"12.00"`, not `"12"`,
    // and only the fields the offer uses).
    let canonical_choice = serde_json::to_value(&expected.choice).unwrap_or(Value::Null);
    let given_choice = serde_json::to_value(&proposal.choice).unwrap_or(Value::Null);
    compare(
        "/choice",
        Some(&canonical_choice),
        Some(&given_choice),
        &mut differences,
    );
    compare(
        "/plan",
        Some(&expected.plan),
        Some(&proposal.plan),
        &mut differences,
    );
    Ok(Recomputed { plan, differences })
}

/// Compares two JSON trees, `None` standing for a member or element that is absent: a
/// member present on one side only is a difference even when it is `null`, and so is an
/// element past the other array's end, so that one document has exactly one acceptable
/// form (`"x": null` added, or trailing `null`s, are not the engine's plan).
fn compare(path: &str, expected: Option<&Value>, found: Option<&Value>, out: &mut Vec<Difference>) {
    match (expected, found) {
        (Some(Value::Object(e)), Some(Value::Object(f))) => {
            let mut keys: Vec<&String> = e.keys().chain(f.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let child = format!("{path}/{}", key.replace('~', "~0").replace('/', "~1"));
                compare(&child, e.get(key), f.get(key), out);
            }
        }
        (Some(Value::Array(e)), Some(Value::Array(f))) => {
            for index in 0..e.len().max(f.len()) {
                compare(&format!("{path}/{index}"), e.get(index), f.get(index), out);
            }
        }
        (e, f) if e == f => {}
        (e, f) => out.push(Difference {
            path: path.to_owned(),
            expected: e.cloned().unwrap_or(Value::Null),
            found: f.cloned().unwrap_or(Value::Null),
        }),
    }
}

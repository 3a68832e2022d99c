//! The policy's tables beyond the figures, so that advice is data and not code: how much
//! harm each consequence does (severity), which plans suit which reason for a missed
//! payment, what each kind of plan means for the customer's credit record and what
//! happens if a payment under it is missed, and what happens to charges and reporting
//! while the bank reviews a proposal. [`crate::guidance`] makes the suggestion from them.
//!
//! Every table here has a default, written in [`Default`] and in `docs/engine.md`, for a
//! policy that says nothing; the sample policies state each one in full.

use serde::{Deserialize, Serialize};

use super::{Consequence, PlanOffer, Policy};
/// How much a consequence harms the customer, as the bank ranks it. Ordered: `Low` <
/// `Medium` < `High`, so the most severe sorts last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A cost that stops once the account is paid (a fee).
    Low,
    /// A cost or a restriction that lasts a while (penalty interest, a suspended card).
    Medium,
    /// Lasting harm: a credit record, collections, legal action, a written-off debt.
    High,
}

/// The severity of each consequence. A field left out takes its default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct SeverityTable {
    /// Default `low`.
    pub late_fee: Severity,
    /// Default `medium`.
    pub penalty_interest: Severity,
    /// Default `high`.
    pub credit_bureau_report: Severity,
    /// Default `medium`.
    pub card_suspension: Severity,
    /// Default `high`.
    pub collections: Severity,
    /// Default `high`.
    pub legal_action: Severity,
    /// Default `high`.
    pub write_off: Severity,
}

impl Default for SeverityTable {
    fn default() -> Self {
        Self {
            late_fee: Severity::Low,
            penalty_interest: Severity::Medium,
            credit_bureau_report: Severity::High,
            card_suspension: Severity::Medium,
            collections: Severity::High,
            legal_action: Severity::High,
            write_off: Severity::High,
        }
    }
}

impl SeverityTable {
    /// The severity of `consequence`.
    pub fn of(&self, consequence: Consequence) -> Severity {
        match consequence {
            Consequence::LateFee => self.late_fee,
            Consequence::PenaltyInterest => self.penalty_interest,
            Consequence::CreditBureauReport => self.credit_bureau_report,
            Consequence::CardSuspension => self.card_suspension,
            Consequence::Collections => self.collections,
            Consequence::LegalAction => self.legal_action,
            Consequence::WriteOff => self.write_off,
        }
    }
}

/// Why the payment was missed, as the customer said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MissedReason {
    Forgot,
    TemporaryEmergency,
    IncomeLoss,
    Illness,
    Dispute,
    Other,
}

impl MissedReason {
    /// Every reason, in the order the widget offers them.
    pub const ALL: [MissedReason; 6] = [
        MissedReason::Forgot,
        MissedReason::TemporaryEmergency,
        MissedReason::IncomeLoss,
        MissedReason::Illness,
        MissedReason::Dispute,
        MissedReason::Other,
    ];
}

/// A kind of offer, as the policy's tables name it (the keys of `plans[…]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OfferKind {
    PayInFull,
    BringCurrent,
    Instalment,
    Hardship,
    Deferral,
    Settlement,
    ReducedRate,
    TokenPayments,
    Custom,
}

impl OfferKind {
    /// Every kind, in the order the policy's schema lists them.
    pub const ALL: [Self; 9] = [
        Self::PayInFull,
        Self::BringCurrent,
        Self::Instalment,
        Self::Hardship,
        Self::Deferral,
        Self::Settlement,
        Self::ReducedRate,
        Self::TokenPayments,
        Self::Custom,
    ];

    /// The kind's code: the key of its offer in the policy's `plans`, its `kind` in a
    /// plan, and the `plan` of the host page's events. The one place it is spelled.
    pub fn code(self) -> &'static str {
        match self {
            Self::PayInFull => "pay_in_full",
            Self::BringCurrent => "bring_current",
            Self::Instalment => "instalment",
            Self::Hardship => "hardship",
            Self::Deferral => "deferral",
            Self::Settlement => "settlement",
            Self::ReducedRate => "reduced_rate",
            Self::TokenPayments => "token_payments",
            Self::Custom => "custom",
        }
    }
}

impl Policy {
    /// What agreeing to the plan of offer `offer` means, if the policy says.
    pub fn plan_effects_of(&self, offer: usize) -> Option<PlanEffects> {
        self.plans
            .get(offer)
            .and_then(|o| self.plan_effects.of(o.kind()))
    }
}

impl PlanOffer {
    /// This offer's kind.
    pub fn kind(&self) -> OfferKind {
        match self {
            Self::PayInFull { .. } => OfferKind::PayInFull,
            Self::BringCurrent { .. } => OfferKind::BringCurrent,
            Self::Instalment { .. } => OfferKind::Instalment,
            Self::Hardship { .. } => OfferKind::Hardship,
            Self::Deferral { .. } => OfferKind::Deferral,
            Self::Settlement { .. } => OfferKind::Settlement,
            Self::ReducedRate { .. } => OfferKind::ReducedRate,
            Self::TokenPayments { .. } => OfferKind::TokenPayments,
            Self::Custom { .. } => OfferKind::Custom,
        }
    }
}

/// The kinds of plan that suit each reason, best first. A reason left out takes its
/// default; an empty list means no plan is suggested for it (for a dispute, the default:
/// the customer is shown how to dispute instead).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct SuggestionTable {
    /// Default `["bring_current", "pay_in_full"]`: paying what is overdue puts it right.
    pub forgot: Vec<OfferKind>,
    /// Default `["deferral", "instalment", "bring_current"]`: time, then spreading.
    pub temporary_emergency: Vec<OfferKind>,
    /// Default `["hardship", "instalment"]`: lower payments over longer.
    pub income_loss: Vec<OfferKind>,
    /// Default `["hardship", "instalment", "deferral"]`.
    pub illness: Vec<OfferKind>,
    /// Default `[]`: a disputed charge calls for a dispute, not a plan.
    pub dispute: Vec<OfferKind>,
    /// Default `[]`: the budget decides, as when no reason is given.
    pub other: Vec<OfferKind>,
}

impl Default for SuggestionTable {
    fn default() -> Self {
        use OfferKind::{BringCurrent, Deferral, Hardship, Instalment, PayInFull};
        Self {
            forgot: vec![BringCurrent, PayInFull],
            temporary_emergency: vec![Deferral, Instalment, BringCurrent],
            income_loss: vec![Hardship, Instalment],
            illness: vec![Hardship, Instalment, Deferral],
            dispute: Vec::new(),
            other: Vec::new(),
        }
    }
}

impl SuggestionTable {
    /// The kinds of plan that suit `reason`, best first.
    pub fn for_reason(&self, reason: MissedReason) -> &[OfferKind] {
        match reason {
            MissedReason::Forgot => &self.forgot,
            MissedReason::TemporaryEmergency => &self.temporary_emergency,
            MissedReason::IncomeLoss => &self.income_loss,
            MissedReason::Illness => &self.illness,
            MissedReason::Dispute => &self.dispute,
            MissedReason::Other => &self.other,
        }
    }
}

/// What the customer's credit report shows once a plan of this kind is agreed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CreditRecord {
    /// Once paid, the account is reported as up to date again; a late payment already
    /// reported stays on the record.
    UpToDate,
    /// No further late payments are reported while the plan is kept.
    ReportingPaused,
    /// The account is reported as being repaid under an arrangement while the plan runs.
    ReportedAsArrangement,
    /// The debt is reported as settled for less than was owed.
    ReportedAsSettled,
    /// The account stays reported as late until everything is paid.
    LateUntilPaid,
}

/// What happens when a payment under a plan is missed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IfMissed {
    /// The plan ends after this many missed payments (1: the first one ends it).
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 12)))]
    pub plan_ends_after: u32,
    /// When the plan ends, the usual charges (interest, penalty interest, late fees)
    /// resume on what is still owed.
    pub charges_resume: bool,
}

/// What agreeing to a kind of plan means beyond its figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlanEffects {
    pub credit_record: CreditRecord,
    pub if_missed: IfMissed,
    /// What the agreement states, where a market's rules say it must (China's 个性化分期
    /// agreements list whether the annual fee and other charges continue, that
    /// collection stops, and that no new card may be applied for until it is repaid).
    /// Shown with the plan and on the review, and carried in the proposal's plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement: Option<Agreement>,
}

/// What an agreement of one kind of plan states, from the bank's policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// The card's annual fee is still charged while the plan runs.
    pub annual_fee_continues: bool,
    /// Other fees and penalty interest are still added while the plan is kept.
    pub other_charges_continue: bool,
    /// Collection about the debt stops once the bank agrees.
    pub collection_stops: bool,
    /// The customer may not apply for a new card with the bank until it is repaid.
    pub no_new_cards: bool,
}

/// What agreeing means, per kind of offer. A kind left out is shown without these
/// facts (the widget does not guess them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct PlanEffectsTable {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pay_in_full: Option<PlanEffects>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bring_current: Option<PlanEffects>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instalment: Option<PlanEffects>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hardship: Option<PlanEffects>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deferral: Option<PlanEffects>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settlement: Option<PlanEffects>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reduced_rate: Option<PlanEffects>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_payments: Option<PlanEffects>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom: Option<PlanEffects>,
}

impl PlanEffectsTable {
    /// What agreeing to an offer of `kind` means, if the policy says.
    pub fn of(&self, kind: OfferKind) -> Option<PlanEffects> {
        match kind {
            OfferKind::PayInFull => self.pay_in_full,
            OfferKind::BringCurrent => self.bring_current,
            OfferKind::Instalment => self.instalment,
            OfferKind::Hardship => self.hardship,
            OfferKind::Deferral => self.deferral,
            OfferKind::Settlement => self.settlement,
            OfferKind::ReducedRate => self.reduced_rate,
            OfferKind::TokenPayments => self.token_payments,
            OfferKind::Custom => self.custom,
        }
    }

    /// The path of the first `plan_ends_after` that is zero, if any.
    pub(crate) fn first_invalid(&self) -> Option<&'static str> {
        [
            ("plan_effects.pay_in_full", self.pay_in_full),
            ("plan_effects.bring_current", self.bring_current),
            ("plan_effects.instalment", self.instalment),
            ("plan_effects.hardship", self.hardship),
            ("plan_effects.deferral", self.deferral),
            ("plan_effects.settlement", self.settlement),
            ("plan_effects.reduced_rate", self.reduced_rate),
            ("plan_effects.token_payments", self.token_payments),
            ("plan_effects.custom", self.custom),
        ]
        .into_iter()
        .find(|(_, effects)| effects.is_some_and(|e| e.if_missed.plan_ends_after == 0))
        .map(|(path, _)| path)
    }
}

/// What happens to charges and reporting while the bank reviews a proposal. The default
/// is that nothing pauses until the bank agrees: the safe thing to tell a customer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct WhileReviewed {
    /// Interest, penalty interest and late fees stop while the proposal is reviewed.
    pub charges_paused: bool,
    /// No late payment is reported to the credit bureau while it is reviewed.
    pub reporting_paused: bool,
}

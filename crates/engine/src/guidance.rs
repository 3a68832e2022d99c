//! What the bank's policy says beyond the figures, so that advice is data and not code:
//! how much harm each consequence does (severity), which plans suit which reason for a
//! missed payment, what each kind of plan means for the customer's credit record and
//! what happens if a payment under it is missed, and what happens to charges and
//! reporting while the bank reviews a proposal. And the suggestion made from them.
//!
//! Every table here has a default, written in [`Default`] and in `docs/engine.md`, for a
//! policy that says nothing; the sample policies state each one in full.

use serde::{Deserialize, Serialize};

use crate::affordability::Affordability;
use crate::error::EngineError;
use crate::plans::{cheapest, Compared, Plan, Verdict};
use crate::policy::{Consequence, PlanOffer, Policy};

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
    Custom,
}

impl OfferKind {
    /// Every kind, in the order the policy's schema lists them.
    pub const ALL: [Self; 7] = [
        Self::PayInFull,
        Self::BringCurrent,
        Self::Instalment,
        Self::Hardship,
        Self::Deferral,
        Self::Settlement,
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
            Self::Custom => "custom",
        }
    }
}

impl crate::plans::PlanKind {
    /// The kind of offer this plan was computed for.
    pub fn offer_kind(&self) -> OfferKind {
        use crate::plans::PlanKind;
        match self {
            PlanKind::PayInFull => OfferKind::PayInFull,
            PlanKind::BringCurrent => OfferKind::BringCurrent,
            PlanKind::Instalment { .. } => OfferKind::Instalment,
            PlanKind::Hardship => OfferKind::Hardship,
            PlanKind::Deferral => OfferKind::Deferral,
            PlanKind::Settlement => OfferKind::Settlement,
            PlanKind::Custom => OfferKind::Custom,
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

/// Why a plan is suggested, or why none is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum Why {
    /// The plan is of a kind that suits the reason the customer gave. `fits_budget`
    /// says whether its regular payment fits the budget, when one was given.
    SuitsReason {
        reason: MissedReason,
        fits_budget: Option<bool>,
    },
    /// The plan fits the budget: of those that do (those agreed on the spot first, when
    /// any is), the one that costs least counted to their common horizon
    /// ([`crate::plans::cheapest`]).
    FitsBudget,
    /// The customer disputes a charge: how to dispute, not a plan.
    Dispute,
    /// A budget was given and no plan's regular payment fits it.
    NothingFits,
}

/// The plan suggested, why, and when it does not fit the budget, the plan that does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The suggested plan's index (its offer), if any.
    pub plan: Option<usize>,
    #[serde(flatten)]
    pub why: Why,
    /// When the suggested plan does not fit the budget: the plan that does, if any.
    pub fits_instead: Option<usize>,
    /// When the plan was picked as the cheapest of several: the day they were compared
    /// to (the latest end among them) and what the suggested plan costs counted to it,
    /// interest on what it leaves on the card included ([`Plan::cost_to`]).
    pub compared: Option<Compared>,
}

/// Suggests a plan from the reason the customer gave (`None`: they preferred not to
/// say) and their budget check, if any, under `policy`'s suggestion table. `plans` are
/// one per offer, in the policy's order.
///
/// In order: of the plans of the kinds that suit the reason and fit the budget, the one
/// that costs least counted to their common horizon ([`crate::plans::cheapest`]; without
/// a budget, of the plans of the first kind the policy lists for the reason); else one of those
/// kinds that does not fit (the one asking least each time, with the plan that fits
/// instead); else the cheapest plan that fits the budget; else, with a budget, that
/// nothing fits. A dispute with no kinds listed gives [`Why::Dispute`]. `None`: nothing
/// to go on.
///
/// # Errors
///
/// As [`Plan::cost_to`].
pub fn suggest(
    policy: &Policy,
    plans: &[Plan],
    reason: Option<MissedReason>,
    budget: Option<&Affordability>,
) -> Result<Option<Suggestion>, EngineError> {
    let allowed = |plan: &&Plan| !matches!(plan.verdict, Verdict::NotAllowed { .. });
    let fits = |plan: &Plan| budget.is_none_or(|b| b.fitting.contains(&plan.offer));
    let kind_of = |plan: &Plan| policy.plans.get(plan.offer).map(PlanOffer::kind);
    let budget_pick = budget.and_then(|b| b.recommended);
    if let Some(reason) = reason {
        let kinds = policy.suggestions.for_reason(reason);
        if kinds.is_empty() && reason == MissedReason::Dispute {
            return Ok(Some(Suggestion {
                plan: None,
                why: Why::Dispute,
                fits_instead: None,
                compared: None,
            }));
        }
        let order = |plan: &Plan| {
            kinds
                .iter()
                .position(|k| Some(*k) == kind_of(plan))
                .unwrap_or(usize::MAX)
        };
        let suited: Vec<&Plan> = plans
            .iter()
            .filter(allowed)
            .filter(|p| order(p) != usize::MAX)
            .collect();
        // With a budget, every suited kind competes on cost; without one, what fits is
        // not known, and the bank's order of kinds for the reason decides the kind.
        let first_kind = suited.iter().map(|p| order(p)).min();
        let fitting: Vec<&Plan> = suited
            .iter()
            .copied()
            .filter(|p| fits(p))
            .filter(|p| budget.is_some() || Some(order(p)) == first_kind)
            .collect();
        if let Some((plan, compared)) = cheapest(policy, &fitting, order)? {
            return Ok(Some(Suggestion {
                plan: Some(plan.offer),
                why: Why::SuitsReason {
                    reason,
                    fits_budget: budget.map(|_| true),
                },
                fits_instead: None,
                compared: (fitting.len() > 1).then_some(compared),
            }));
        }
        // Nothing of the reason's kinds fits: the one asking least each time, said so.
        let nearest = suited
            .iter()
            .min_by_key(|p| (order(p), p.instalment_amount.amount()));
        if let Some(plan) = nearest {
            return Ok(Some(Suggestion {
                plan: Some(plan.offer),
                why: Why::SuitsReason {
                    reason,
                    fits_budget: Some(false),
                },
                fits_instead: budget_pick,
                compared: None,
            }));
        }
    }
    Ok(match (budget, budget_pick) {
        (Some(check), Some(plan)) => {
            let fitting: Vec<&Plan> = plans
                .iter()
                .filter(|p| check.fitting.contains(&p.offer))
                .collect();
            let (candidates, agreed) = crate::plans::agreed_first(&fitting);
            let compared = cheapest(policy, &candidates, |_| 0)?.map(|(_, compared)| Compared {
                agreed_on_the_spot: agreed,
                ..compared
            });
            Some(Suggestion {
                plan: Some(plan),
                why: Why::FitsBudget,
                fits_instead: None,
                compared: compared.filter(|_| candidates.len() > 1),
            })
        }
        (Some(_), None) => Some(Suggestion {
            plan: None,
            why: Why::NothingFits,
            fits_instead: None,
            compared: None,
        }),
        (None, _) => None,
    })
}

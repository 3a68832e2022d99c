//! The suggestion: which of the plans the policy allows suits the customer, from the
//! reason they gave, their budget and the policy's tables ([`crate::policy::tables`]).

use crate::affordability::Affordability;
use crate::error::EngineError;
use crate::plans::{cheapest, Compared, Plan, Verdict};
pub use crate::policy::tables::{
    CreditRecord, IfMissed, MissedReason, OfferKind, PlanEffects, PlanEffectsTable, Severity,
    SeverityTable, SuggestionTable, WhileReviewed,
};
use crate::policy::{PlanOffer, Policy};
use serde::Serialize;

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

//! The events the widget reports to its host page, worked out from what the customer
//! sees: pure, so which event fires when is tested natively.
//!
//! An event's detail names steps, plan kinds, terms, ids and codes. It never carries a
//! budget figure, an amount, a name or anything the customer typed: host pages forward
//! these events to analytics.

use repay_engine::guidance::OfferKind;
use repay_engine::EngineError;
use serde::Serialize;

use crate::delivery::{Lifecycle, Progress, Trouble};
use crate::i18n::Locale;
use crate::state::Step;
use repay_contract::{AcceptedStatus, RefusalCode};

/// Something the host page may want to know. The DOM event's name is
/// `repay:` + [`WidgetEvent::name`]; its `detail` is the variant's detail, written by
/// serde in camelCase ([`WidgetEvent::detail`]). [`EventDetails`] names each event's
/// detail for the JSON Schema and the TypeScript declarations made from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum WidgetEvent {
    Ready(Ready),
    StepChange(StepChange),
    PlanChange(PlanChange),
    Submit(Submit),
    Submitted(Submitted),
    Error(ErrorDetail),
}

/// `repay:ready`: the widget shows its first step (or the confirmation, after a reload).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Ready {
    pub locale: Locale,
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::step"))]
    pub step: &'static str,
}

/// `repay:step-change`: the customer moved to another step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct StepChange {
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::step"))]
    pub step: &'static str,
}

/// `repay:plan-change`: the customer picked a plan, or another term for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PlanChange {
    /// The offer's index in `policy.plans`, as the proposal's `offer`.
    pub offer: u32,
    pub plan: OfferKind,
    /// The plan's number of payments.
    pub months: u32,
}

/// `repay:submit`: a proposal is on its way (once per round of sending, not per
/// attempt).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Submit {
    pub proposal_id: String,
}

/// `repay:submitted`: the bank accepted the proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Submitted {
    pub proposal_id: String,
    /// The bank's reference for it.
    pub reference: String,
    pub status: AcceptedStatus,
}

/// Every event the widget fires, by its DOM name, with its detail: what
/// `docs/schemas/events.schema.json` describes (never built, only described).
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[allow(dead_code)]
pub struct EventDetails {
    #[serde(rename = "repay:ready")]
    pub ready: Ready,
    #[serde(rename = "repay:step-change")]
    pub step_change: StepChange,
    #[serde(rename = "repay:plan-change")]
    pub plan_change: PlanChange,
    #[serde(rename = "repay:submit")]
    pub submit: Submit,
    #[serde(rename = "repay:submitted")]
    pub submitted: Submitted,
    /// The configuration cannot be used, or the bank refused the proposal, or sending
    /// stopped without an answer.
    #[serde(rename = "repay:error")]
    pub error: ErrorDetail,
}

/// The schemas of the fields the types say less about than the events do.
#[cfg(feature = "schema")]
mod schema {
    use schemars::{json_schema, Schema, SchemaGenerator};

    /// A step's name ([`super::step_name`]), or `confirmation`.
    pub fn step(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "enum": ["status", "situation", "options", "details", "review", "confirmation"]
        })
    }

    /// [`crate::delivery::Trouble::code`].
    pub fn cause(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "enum": ["offline", "unreachable", "bank_error", "busy", "signed_out"]
        })
    }
}

/// What went wrong, for the host page: `kind` and the variant's fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ErrorDetail {
    /// `field` is the configuration's path (`account.overdue_amount`), `reason` a code.
    Config { field: String, reason: &'static str },
    /// The bank answered with this contract error code.
    Refused {
        /// The contract's code (docs/contract.md), or one a newer bank wrote.
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        code: RefusalCode,
    },
    /// Automatic attempts stopped (or the browser is offline); the proposal is kept.
    /// `cause`: [`Trouble::code`] (`offline`, `unreachable`, `bank_error`, `busy`,
    /// `signed_out`).
    Failed {
        offline: bool,
        #[cfg_attr(feature = "schema", schemars(schema_with = "schema::cause"))]
        cause: &'static str,
    },
    /// A theme variable was dropped (unknown, or a value not allowed): the widget runs
    /// with its default for it. `field` is its path, `reason` a code.
    Ignored { field: String, reason: &'static str },
}

impl WidgetEvent {
    /// The event's name without the `repay:` prefix.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Ready(_) => "ready",
            Self::StepChange(_) => "step-change",
            Self::PlanChange(_) => "plan-change",
            Self::Submit(_) => "submit",
            Self::Submitted(_) => "submitted",
            Self::Error(_) => "error",
        }
    }

    /// The console's line for an unusable configuration (codes, not the panel's
    /// translated words: the engine's worded errors cost the bundle their text).
    pub fn console_text(&self) -> String {
        match self {
            Self::Error(ErrorDetail::Config { field, reason }) if field.is_empty() => {
                format!("repay-widget: the configuration is not JSON ({reason})")
            }
            Self::Error(ErrorDetail::Config { field, reason }) => {
                format!("repay-widget: the configuration's {field} cannot be used ({reason})")
            }
            Self::Error(ErrorDetail::Ignored { field, reason }) => format!(
                "repay-widget: the configuration's {field} is ignored ({reason}); the widget uses its default"
            ),
            _ => format!("repay-widget: {}", self.name()),
        }
    }

    /// The event's `detail`, as JSON for JavaScript (`JSON.parse` makes it the
    /// object): the variant's fields in camelCase, an error's `kind` first.
    pub fn detail(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The step's name in events.
pub fn step_name(step: Step) -> &'static str {
    match step {
        Step::Status => "status",
        Step::Situation => "situation",
        Step::Options => "options",
        Step::Details => "details",
        Step::Review => "review",
    }
}

/// The configuration error as an event: its path and reason code.
pub fn config_error(error: &EngineError) -> WidgetEvent {
    let (field, reason) = match error {
        EngineError::Invalid { path, reason } => (path.clone(), reason.code()),
        EngineError::MalformedJson { .. } => (String::new(), "malformed_json"),
        EngineError::TooDeep { .. } => (String::new(), "too_deep"),
    };
    WidgetEvent::Error(ErrorDetail::Config { field, reason })
}

/// The warning for a theme variable the configuration check dropped.
pub fn ignored(error: &EngineError) -> WidgetEvent {
    match config_error(error) {
        WidgetEvent::Error(ErrorDetail::Config { field, reason }) => {
            WidgetEvent::Error(ErrorDetail::Ignored { field, reason })
        }
        other => other,
    }
}

/// What the events are worked out from: the widget as the customer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub locale: Locale,
    /// The step's name, `"confirmation"` once the bank accepted.
    pub step: &'static str,
    /// The chosen plan: offer, kind and number of payments.
    pub plan: Option<(u32, OfferKind, u32)>,
    /// The round of sending and its proposal id.
    pub round: (u32, Option<String>),
    pub sending: Standing,
}

/// Where sending stands, as far as the host page is told: kept from one sight of the
/// widget to the next, so it owns only what an event names (never the bank's message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    Idle,
    Progress(Progress),
    Accepted {
        reference: String,
        status: AcceptedStatus,
    },
    Refused(RefusalCode),
}

impl From<Lifecycle<'_>> for Standing {
    fn from(lifecycle: Lifecycle<'_>) -> Self {
        match lifecycle {
            Lifecycle::Idle => Self::Idle,
            Lifecycle::Progress(progress) => Self::Progress(progress),
            Lifecycle::Accepted(receipt) => Self::Accepted {
                reference: receipt.reference.clone(),
                status: receipt.status,
            },
            Lifecycle::NeedsAttention(refusal) => Self::Refused(refusal.error.clone()),
        }
    }
}

/// The events between two sights of the widget; `before` is `None` for the first.
pub fn between(before: Option<&Seen>, now: &Seen) -> Vec<WidgetEvent> {
    let Some(before) = before else {
        return vec![WidgetEvent::Ready(Ready {
            locale: now.locale,
            step: now.step,
        })];
    };
    let mut events = Vec::new();
    if now.step != before.step {
        events.push(WidgetEvent::StepChange(StepChange { step: now.step }));
    }
    if let Some((offer, plan, months)) = now.plan {
        if now.plan != before.plan {
            events.push(WidgetEvent::PlanChange(PlanChange {
                offer,
                plan,
                months,
            }));
        }
    }
    if let (true, (_, Some(id))) = (now.round.0 > before.round.0, &now.round) {
        events.push(WidgetEvent::Submit(Submit {
            proposal_id: id.clone(),
        }));
    }
    if now.sending != before.sending {
        // An accepted proposal is no longer pending: its id is the one last seen.
        let proposal_id = (now.round.1.clone())
            .or_else(|| before.round.1.clone())
            .unwrap_or_default();
        match &now.sending {
            Standing::Accepted { reference, status } => {
                events.push(WidgetEvent::Submitted(Submitted {
                    proposal_id,
                    reference: reference.clone(),
                    status: *status,
                }))
            }
            Standing::Refused(code) => {
                events.push(WidgetEvent::Error(ErrorDetail::Refused {
                    code: code.clone(),
                }));
            }
            Standing::Progress(Progress::Failed { trouble }) => {
                events.push(WidgetEvent::Error(ErrorDetail::Failed {
                    offline: *trouble == Trouble::Offline,
                    cause: trouble.code(),
                }));
            }
            Standing::Idle | Standing::Progress(Progress::Sending | Progress::Retrying { .. }) => {}
        }
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::delivery::Receipt;
    use repay_contract::Refusal;

    fn seen() -> Seen {
        Seen {
            locale: Locale::EnUs,
            step: "status",
            plan: None,
            round: (0, None),
            sending: Standing::Idle,
        }
    }

    #[test]
    fn the_first_sight_is_ready_and_nothing_else() {
        let mut first = seen();
        first.plan = Some((2, OfferKind::Instalment, 6));
        assert_eq!(
            between(None, &first),
            vec![WidgetEvent::Ready(Ready {
                locale: Locale::EnUs,
                step: "status"
            })]
        );
        assert_eq!(between(Some(&first), &first), vec![]);
    }

    #[test]
    fn steps_plans_and_terms_each_fire_once() {
        let before = seen();
        let mut now = seen();
        now.step = "options";
        now.plan = Some((2, OfferKind::Instalment, 6));
        assert_eq!(
            between(Some(&before), &now),
            vec![
                WidgetEvent::StepChange(StepChange { step: "options" }),
                WidgetEvent::PlanChange(PlanChange {
                    offer: 2,
                    plan: OfferKind::Instalment,
                    months: 6
                })
            ]
        );
        let mut longer = now.clone();
        longer.plan = Some((2, OfferKind::Instalment, 12));
        assert_eq!(between(Some(&now), &longer).len(), 1);
    }

    #[test]
    fn a_round_of_sending_fires_submit_then_its_outcome() {
        let before = seen();
        let mut sending = seen();
        sending.round = (1, Some("id-1".into()));
        sending.sending = Standing::Progress(Progress::Sending);
        assert_eq!(
            between(Some(&before), &sending),
            vec![WidgetEvent::Submit(Submit {
                proposal_id: "id-1".into()
            })]
        );
        let mut retrying = sending.clone();
        retrying.sending = Standing::Progress(Progress::Retrying {
            seconds: 2,
            trouble: Trouble::Unreachable,
        });
        assert_eq!(between(Some(&sending), &retrying), vec![]);
        let mut accepted = sending.clone();
        accepted.round.1 = None;
        let receipt = Receipt {
            reference: "RP-1".into(),
            status: AcceptedStatus::UnderReview,
            message: Some("Thanks, Ms Li".into()),
            first_due: Some(crate::delivery::FirstPayment {
                date: jiff::civil::date(2026, 12, 28),
                amount: repay_engine::Money::parse(
                    "768.61",
                    repay_engine::Currency::from_code("CNY").unwrap(),
                )
                .unwrap(),
            }),
        };
        accepted.sending = Standing::from(Lifecycle::Accepted(&receipt));
        accepted.step = "confirmation";
        let events = between(Some(&retrying), &accepted);
        assert_eq!(
            events,
            vec![
                WidgetEvent::StepChange(StepChange {
                    step: "confirmation"
                }),
                WidgetEvent::Submitted(Submitted {
                    proposal_id: "id-1".into(),
                    reference: "RP-1".into(),
                    status: AcceptedStatus::UnderReview
                })
            ]
        );
        assert_eq!(
            events[1].detail(),
            r#"{"proposalId":"id-1","reference":"RP-1","status":"under_review"}"#
        );
        // The bank's own words and the amounts stay out of the detail.
        let detail = events[1].detail();
        assert!(
            !detail.contains("Ms Li") && !detail.contains("768.61"),
            "{detail}"
        );
    }

    #[test]
    fn refusals_and_stopped_attempts_are_errors() {
        let mut sending = seen();
        sending.round = (1, Some("id-1".into()));
        sending.sending = Standing::Progress(Progress::Sending);
        let mut refused = sending.clone();
        let refusal = Refusal::new(
            repay_contract::RefusalCode::FiguresDiffer,
            "the figures differ",
        );
        refused.sending = Standing::from(Lifecycle::NeedsAttention(&refusal));
        assert_eq!(
            between(Some(&sending), &refused)[0].detail(),
            r#"{"kind":"refused","code":"figures_differ"}"#
        );
        // A code this widget does not know is passed on as the bank wrote it.
        refused.sending =
            Standing::Refused(repay_contract::RefusalCode::Other("account_frozen".into()));
        assert_eq!(
            between(Some(&sending), &refused)[0].detail(),
            r#"{"kind":"refused","code":"account_frozen"}"#
        );
        let mut failed = sending.clone();
        failed.sending = Standing::Progress(Progress::Failed {
            trouble: Trouble::Offline,
        });
        assert_eq!(
            between(Some(&sending), &failed)[0].detail(),
            r#"{"kind":"failed","offline":true,"cause":"offline"}"#
        );
        failed.sending = Standing::Progress(Progress::Failed {
            trouble: Trouble::BankError,
        });
        assert_eq!(
            between(Some(&sending), &failed),
            vec![WidgetEvent::Error(ErrorDetail::Failed {
                offline: false,
                cause: "bank_error"
            })]
        );
    }

    #[test]
    fn a_configuration_error_names_its_field_and_reason() {
        let reason = repay_engine::InvalidReason::NotADecimal;
        let error = EngineError::invalid("account.overdue_amount", reason.clone());
        let event = config_error(&error);
        assert_eq!(event.name(), "error");
        assert_eq!(
            event.console_text(),
            "repay-widget: the configuration's account.overdue_amount cannot be used (not_a_decimal)"
        );
        assert_eq!(
            event.detail(),
            r#"{"kind":"config","field":"account.overdue_amount","reason":"not_a_decimal"}"#
        );
    }
}

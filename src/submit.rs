//! Sending a proposal, the pure part: the proposal built from what the customer chose
//! (given the time and an id, so it is the same every time for the same inputs), what
//! the bank's answers mean, and when to try again. Tested natively; [`crate::effects`]
//! does the browser's side (clock, ids, fetch, timers, storage). The types on the wire
//! are `repay_contract`'s, the same the dev-bank reads; `docs/contract.md` explains them.

use repay_contract::{
    Accepted, BudgetFigures, Consent, Contact, ContactChannel, Refusal, RefusalCode, SCHEMA_VERSION,
};
use repay_engine::proposal::Proposal;

use crate::config::WidgetConfig;
use crate::delivery::{Body, FirstPayment, Json, Pending, Trouble};
use crate::model::Model;
use crate::state::State;

/// The widget's version, sent with every proposal.
pub const WIDGET_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Attempts before the widget stops retrying on its own and offers "try again".
pub const MAX_ATTEMPTS: u32 = 5;
/// The first wait between attempts; it doubles each time, up to [`MAX_BACKOFF_MS`].
const BASE_BACKOFF_MS: u32 = 1_000;
const MAX_BACKOFF_MS: u32 = 16_000;
/// The longest `Retry-After` the widget waits for on its own.
pub const MAX_RETRY_AFTER_SECONDS: u32 = 60;

/// What one answer means for the proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Stored by the bank, with its reference and status.
    Accepted(Accepted),
    /// Worth another attempt with the same key, after `after_seconds` if the bank said.
    Retry {
        after_seconds: Option<u32>,
        trouble: Trouble,
    },
    /// Not decided, and not worth another attempt until the customer has acted.
    Held(Trouble),
    Refused(Refusal),
}

/// A `Retry-After` in seconds (an HTTP-date falls back to the widget's own backoff).
fn seconds(retry_after: Option<&str>) -> Option<u32> {
    retry_after.and_then(|v| v.trim().parse().ok())
}

/// Reads an HTTP answer: `status`, its `Retry-After` header and its body, if any. The
/// body is read as the contract's [`Accepted`] or [`Refusal`], as the status says.
pub fn classify(status: u16, retry_after: Option<&str>, body: Option<&str>) -> Outcome {
    let body = body.unwrap_or_default();
    match status {
        200..=299 => match serde_json::from_str::<Accepted>(body) {
            Ok(accepted) if !accepted.reference.is_empty() => Outcome::Accepted(accepted),
            // Success without a readable reference: asking again with the same key
            // returns the stored answer.
            _ => Outcome::Retry {
                after_seconds: None,
                trouble: Trouble::BankError,
            },
        },
        408 => Outcome::Retry {
            after_seconds: seconds(retry_after),
            trouble: Trouble::Unreachable,
        },
        429 | 503 => Outcome::Retry {
            after_seconds: seconds(retry_after),
            trouble: Trouble::Busy {
                seconds: seconds(retry_after),
            },
        },
        500..=599 => Outcome::Retry {
            after_seconds: seconds(retry_after),
            trouble: Trouble::BankError,
        },
        401 => Outcome::Held(Trouble::SignedOut),
        _ => {
            let refusal = serde_json::from_str::<Refusal>(body)
                .unwrap_or_else(|_| Refusal::new(RefusalCode::Other(format!("http_{status}")), ""));
            if status == 403 && refusal.error == RefusalCode::CsrfFailed {
                Outcome::Held(Trouble::SignedOut)
            } else {
                Outcome::Refused(refusal)
            }
        }
    }
}

/// The wait before attempt `attempt + 1` (after `attempt` failures, from 1), in ms:
/// exponential with "equal jitter" — half fixed, half drawn from `random` — so that
/// many widgets failing together do not come back together.
pub fn backoff_ms(attempt: u32, random: u32) -> u32 {
    let full = BASE_BACKOFF_MS
        .saturating_mul(1 << attempt.saturating_sub(1).min(16))
        .min(MAX_BACKOFF_MS);
    let half = full / 2;
    half + random % (half + 1)
}

/// The channel the customer chose, or the bank's first until they pick one.
pub fn contact_channel(config: &WidgetConfig, state: &State) -> ContactChannel {
    state
        .answers
        .contact_channel
        .or_else(|| config.contact_channels.first().copied())
        .unwrap_or(ContactChannel::Phone)
}

/// The proposal for the plan on screen, `model.plans[offer]`, which the engine computed
/// for exactly this choice: a pure function of what the customer chose, the moment they
/// agreed (`agreed_at`, RFC 3339) and the proposal's `id`. `None` when `offer` is not a
/// plan of the model.
pub fn proposal(
    config: &WidgetConfig,
    state: &State,
    model: &Model,
    offer: usize,
    agreed_at: String,
    id: String,
) -> Option<Pending> {
    let plan = model.plans.get(offer)?;
    let policy = &config.scenario.policy;
    let choice = model.choices.get(offer)?;
    let message = state.answers.message.trim();
    let shared_budget = match (&model.budget.income, &model.budget.expenses) {
        (Ok(Some(income)), Ok(Some(expenses))) if state.budget.share => {
            Some(BudgetFigures::new(*income, *expenses))
        }
        _ => None,
    };
    let body = Body {
        schema_version: SCHEMA_VERSION,
        proposal_id: id,
        account_reference: config.sending.account_reference.clone(),
        scenario: config.scenario_json.clone(),
        proposal: Proposal::of_plan(policy, choice, plan, Json::of),
        reason: state.answers.reason,
        budget: None,
        contact: Contact {
            channel: contact_channel(config, state),
            time: state.answers.contact_time,
        },
        message: (!message.is_empty()).then(|| message.to_owned()),
        consent: Consent {
            terms_version: config.terms.version.clone(),
            agreed_at,
        },
        locale: state.answers.locale,
        widget_version: WIDGET_VERSION.to_owned(),
    };
    Some(Pending {
        body,
        shared_budget,
        first_due: FirstPayment::of(plan),
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod tests {
    use super::*;
    use crate::actions::Action;
    use repay_contract::{AcceptedStatus, Submission};
    use repay_contract::{ContactTime, MissedReason};
    use repay_engine::PlanReason;
    use std::rc::Rc;
    use yew::Reducible;

    const CN: &str = include_str!("../crates/engine/data/cn-card.json");

    #[test]
    fn accepted_answers_carry_their_reference() {
        // Answers as docs/contract.md shows them.
        let first = r#"{"reference":"RP-000001","status":"approved","access_token":"t0k3n","duplicate":false}"#;
        let Outcome::Accepted(accepted) = classify(201, None, Some(first)) else {
            panic!("not accepted");
        };
        assert_eq!(
            (accepted.reference.as_str(), accepted.status),
            ("RP-000001", AcceptedStatus::Approved)
        );
        let repeat = r#"{"reference":"RP-000001","status":"under_review","message":"We will call you.","duplicate":true}"#;
        let Outcome::Accepted(accepted) = classify(200, None, Some(repeat)) else {
            panic!("not accepted");
        };
        assert_eq!(accepted.status, AcceptedStatus::UnderReview);
        assert_eq!(accepted.message.as_deref(), Some("We will call you."));
    }

    #[test]
    fn success_without_a_readable_reference_is_asked_again() {
        for body in [
            None,
            Some(""),
            Some("{}"),
            Some("<html>OK</html>"),
            Some(r#"{"reference":"","status":"approved"}"#),
            Some(r#"{"reference":"RP-1","status":"maybe"}"#),
        ] {
            assert_eq!(
                classify(201, None, body),
                Outcome::Retry {
                    after_seconds: None,
                    trouble: Trouble::BankError,
                },
                "{body:?}"
            );
        }
    }

    #[test]
    fn only_timeouts_rate_limits_and_server_errors_are_retried() {
        for status in [408, 429, 500, 502, 503, 504] {
            assert!(matches!(
                classify(status, None, None),
                Outcome::Retry { .. }
            ));
        }
        assert_eq!(
            classify(429, Some(" 7"), None),
            Outcome::Retry {
                after_seconds: Some(7),
                trouble: Trouble::Busy { seconds: Some(7) },
            }
        );
        // An HTTP-date Retry-After falls back to the widget's own backoff.
        assert_eq!(
            classify(503, Some("Wed, 21 Oct 2026 07:28:00 GMT"), None),
            Outcome::Retry {
                after_seconds: None,
                trouble: Trouble::Busy { seconds: None },
            }
        );
        // The bank failing is said as the bank failing, not as a network that is down.
        for status in [500, 502, 504] {
            assert!(matches!(
                classify(status, None, None),
                Outcome::Retry {
                    trouble: Trouble::BankError,
                    ..
                }
            ));
        }
        assert!(matches!(
            classify(408, None, None),
            Outcome::Retry {
                trouble: Trouble::Unreachable,
                ..
            }
        ));
        for status in [400, 403, 404, 409, 413, 415, 422] {
            assert!(
                matches!(classify(status, None, None), Outcome::Refused(_)),
                "{status}"
            );
        }
    }

    #[test]
    fn an_ended_sign_in_holds_the_proposal_until_the_customer_signs_in_again() {
        let signed_out = Outcome::Held(Trouble::SignedOut);
        let required = r#"{"error":"sign_in_required","message":"sign in"}"#;
        assert_eq!(classify(401, None, Some(required)), signed_out);
        assert_eq!(classify(401, None, None), signed_out);
        let csrf = r#"{"error":"csrf_failed","message":"reload"}"#;
        assert_eq!(classify(403, None, Some(csrf)), signed_out);
        // Another 403 is a refusal, as before.
        let other = r#"{"error":"forbidden","message":"no"}"#;
        assert!(matches!(
            classify(403, None, Some(other)),
            Outcome::Refused(_)
        ));
    }

    #[test]
    fn refusals_keep_the_code_and_reasons() {
        let rejected = r#"{"error":"rejected","message":"the bank's policy does not allow this plan","reasons":["instalment_below_minimum","reviewed_by_bank"]}"#;
        let Outcome::Refused(refusal) = classify(422, None, Some(rejected)) else {
            panic!("not refused");
        };
        assert_eq!(refusal.error, RefusalCode::Rejected);
        assert_eq!(
            refusal.reasons,
            [
                PlanReason::InstalmentBelowMinimum,
                PlanReason::ReviewedByBank
            ]
        );
        // The differences a figures_differ answer lists are for the bank's staff.
        let differ = r#"{"error":"figures_differ","message":"…","differences":[{"path":"/plan/total_paid","expected":"9.00","found":"1.00"}],"records_changed":["policy"]}"#;
        let Outcome::Refused(refusal) = classify(422, None, Some(differ)) else {
            panic!("not refused");
        };
        assert_eq!(refusal.error, RefusalCode::FiguresDiffer);
        assert_eq!(refusal.records_changed, ["policy"]);
        // Without a readable body, the status is the code.
        for body in [None, Some("Forbidden"), Some(r#"{"message":"no code"}"#)] {
            let Outcome::Refused(refusal) = classify(403, None, body) else {
                panic!("not refused");
            };
            assert_eq!(refusal.error.code(), "http_403", "{body:?}");
        }
    }

    #[test]
    fn every_status_the_contract_names_is_read_and_nothing_else() {
        // The codes as the contract's schema lists them, not as this module spells them.
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../docs/schemas/answer.schema.json")).unwrap();
        assert_eq!(
            schema["oneOf"][0]["properties"]["status"]["$ref"],
            "#/$defs/AcceptedStatus"
        );
        let codes: Vec<&str> = schema["$defs"]["AcceptedStatus"]["oneOf"]
            .as_array()
            .unwrap()
            .iter()
            .map(|code| code["const"].as_str().unwrap())
            .collect();
        assert_eq!(codes.len(), 3);
        let mut read = Vec::new();
        for code in &codes {
            let body = format!(r#"{{"reference":"RP-000009","status":"{code}"}}"#);
            let Outcome::Accepted(accepted) = classify(201, None, Some(&body)) else {
                panic!("{code} not read");
            };
            assert!(!read.contains(&accepted.status), "two codes read as one");
            read.push(accepted.status);
        }
        for other in ["Approved", "", "under review"] {
            let body = format!(r#"{{"reference":"RP-000009","status":"{other}"}}"#);
            assert!(matches!(
                classify(201, None, Some(&body)),
                Outcome::Retry { .. }
            ));
        }
    }

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        assert_eq!(backoff_ms(1, 0), 500);
        assert_eq!(backoff_ms(1, 500), 1_000);
        assert_eq!(backoff_ms(2, 0), 1_000);
        assert_eq!(backoff_ms(3, 0), 2_000);
        for attempt in 1..40 {
            for random in [0, 1, 7_999, u32::MAX] {
                let wait = backoff_ms(attempt, random);
                assert!((500..=MAX_BACKOFF_MS).contains(&wait), "{attempt} {random}");
            }
        }
    }

    /// A customer who chose the 12-month instalments of the Chinese sample.
    fn chosen(share_budget: bool) -> (WidgetConfig, State, Model) {
        let config = WidgetConfig::from_json(CN, &crate::links::native::PageAt::new()).unwrap();
        let actions = [
            Action::SetReason(Some(MissedReason::IncomeLoss)),
            Action::SetIncome("6000".into()),
            Action::SetExpenses("5400.5".into()),
            Action::SetShareBudget(share_budget),
            Action::SetTerm {
                offer: 2,
                months: 12,
            },
            Action::Choose(2),
            Action::SetContactChannel(ContactChannel::Sms),
            Action::SetContactTime(ContactTime::Evening),
            Action::SetMessage("  下个月可以多还一些。 ".into()),
        ];
        let state = actions.into_iter().fold(
            Rc::new(State::new(crate::i18n::Locale::ZhCn)),
            Reducible::reduce,
        );
        let model = crate::model::derive(&config.scenario, state.figure_inputs()).unwrap();
        ((config), (*state).clone(), model)
    }

    const ID: &str = "07070707-0707-4707-8707-070707070707";

    /// A proposal to send, for the reducer's and the draft's tests.
    pub(crate) fn sample_pending() -> Pending {
        let (config, state, model) = chosen(true);
        proposal(&config, &state, &model, 2, NOW.into(), ID.into()).unwrap()
    }
    const NOW: &str = "2026-11-28T10:15:00.000Z";

    #[test]
    fn the_proposal_is_what_the_bank_checks_and_recomputes() {
        let (config, state, model) = chosen(true);
        let pending = proposal(&config, &state, &model, 2, NOW.into(), ID.into()).unwrap();
        // Read as the bank reads it: the contract's checks, then the engine's
        // recomputation from the host's own account and policy.
        let sent: Submission = serde_json::from_str(&pending.json()).unwrap();
        repay_contract::check_fields(&sent).unwrap();
        let host: repay_engine::scenario::ScenarioWire = serde_json::from_str(CN).unwrap();
        assert_eq!(sent.scenario, host);
        let scenario = repay_engine::Scenario::from_wire(&host).unwrap();
        let differences =
            repay_engine::proposal::verify(&sent.proposal, &scenario.account, &scenario.policy)
                .unwrap();
        assert_eq!(differences, []);
        assert_eq!(sent.proposal.offer, 2);
        assert_eq!(sent.proposal.choice.term_months, Some(12));
        assert_eq!(pending.key(), ID);
        assert_eq!(sent.proposal_id, ID);
        assert_eq!(sent.consent.agreed_at, NOW);
        assert_eq!(sent.account_reference, "CN-6225-0042");
        assert_eq!(sent.message.as_deref(), Some("下个月可以多还一些。"));
        assert_eq!(sent.reason, Some(MissedReason::IncomeLoss));
        assert_eq!(sent.contact.channel, ContactChannel::Sms);
        assert_eq!(sent.locale, repay_contract::Locale::ZhCn);
        // The schedule's first payment, for the receipt.
        let first = pending.first_due.unwrap();
        assert_eq!(
            (first.date, first.amount.to_string()),
            (jiff::civil::date(2026, 12, 28), "772.79".into())
        );
    }

    #[test]
    fn the_budget_is_sent_only_when_shared_and_never_kept() {
        let (config, state, model) = chosen(true);
        let pending = proposal(&config, &state, &model, 2, NOW.into(), ID.into()).unwrap();
        let sent: serde_json::Value = serde_json::from_str(&pending.json()).unwrap();
        assert_eq!(sent["budget"]["monthly_income"], "6000.00");
        assert_eq!(sent["budget"]["essential_expenses"], "5400.50");
        assert_eq!(pending.body.budget, None, "the kept body has no budget");
        let kept = serde_json::to_value(&pending.body).unwrap();
        let mut without = sent.clone();
        without.as_object_mut().unwrap().remove("budget");
        assert_eq!(without, kept);

        let (config, state, model) = chosen(false);
        let unshared = proposal(&config, &state, &model, 2, NOW.into(), ID.into()).unwrap();
        let sent: serde_json::Value = serde_json::from_str(&unshared.json()).unwrap();
        assert!(sent.get("budget").is_none());
        assert!(!unshared.json().contains("6000"));
    }

    #[test]
    fn the_same_choice_at_the_same_moment_is_the_same_proposal() {
        let (config, state, model) = chosen(false);
        let a = proposal(&config, &state, &model, 2, NOW.into(), ID.into()).unwrap();
        let b = proposal(&config, &state, &model, 2, NOW.into(), ID.into()).unwrap();
        assert_eq!(a.json(), b.json());
        assert_eq!(
            proposal(&config, &state, &model, 99, NOW.into(), ID.into()),
            None
        );
    }
}

//! Sending a proposal, the pure part: the body the bank receives, what its answer means,
//! and when to try again. Tested natively; [`crate::client`] does the browser's side
//! (fetch, timers, storage). `docs/contract.md` is the contract.

use repay_engine::proposal::{PlanChoiceWire, PROPOSAL_SCHEMA_VERSION};
use repay_engine::{Money, Plan, PlanChoice, ENGINE_VERSION};
use serde::Serialize;

use crate::config::{ContactChannel, WidgetConfig};
use crate::state::{ContactTime, MissedReason};

/// The contract version the widget speaks.
pub const SCHEMA_VERSION: u32 = 1;
/// The widget's version, sent with every proposal.
pub const WIDGET_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Attempts before the widget stops retrying on its own and offers "try again".
pub const MAX_ATTEMPTS: u32 = 5;
/// The first wait between attempts; it doubles each time, up to [`MAX_BACKOFF_MS`].
const BASE_BACKOFF_MS: u32 = 1_000;
const MAX_BACKOFF_MS: u32 = 16_000;
/// The longest `Retry-After` the widget waits for on its own.
pub const MAX_RETRY_AFTER_SECONDS: u32 = 60;

/// A proposal on its way: the key and the body, which every retry repeats exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// The proposal id, also the `Idempotency-Key`.
    pub key: String,
    /// The body without budget figures: this is what is kept in session storage.
    pub body: String,
    /// The body with the budget the customer chose to share. Never stored: after a
    /// reload the proposal is resumed without it, which the bank treats as the same
    /// proposal (the contract leaves `budget` out of the idempotency comparison).
    pub shared: Option<String>,
    /// The plan's first payment, `YYYY-MM-DD` and a decimal amount, for the receipt.
    pub first_due: Option<(String, String)>,
}

impl Pending {
    /// The body to send now.
    pub fn body(&self) -> &str {
        self.shared.as_deref().unwrap_or(&self.body)
    }
}

/// What an accepted proposal became.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptedStatus {
    Received,
    Approved,
    UnderReview,
}

impl AcceptedStatus {
    pub const ALL: [AcceptedStatus; 3] = [Self::Received, Self::Approved, Self::UnderReview];

    /// Reads the contract's `status` code.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "received" => Some(Self::Received),
            "approved" => Some(Self::Approved),
            "under_review" => Some(Self::UnderReview),
            _ => None,
        }
    }
}

/// What the customer keeps after the bank accepted: enough to show the confirmation
/// again after a reload, and nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub reference: String,
    pub status: AcceptedStatus,
    /// The bank's own words, if it sent any.
    pub message: Option<String>,
    /// The first payment of the plan: `YYYY-MM-DD` and a decimal amount.
    pub first_due: Option<(String, String)>,
}

/// Where sending stands, as the customer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Lifecycle {
    /// Nothing sent yet.
    #[default]
    Idle,
    /// An attempt is on its way.
    Sending,
    /// The last attempt failed; the next starts in this many seconds.
    Retrying { seconds: u32 },
    /// The bank accepted the proposal.
    Accepted(Receipt),
    /// The bank refused it as it is: the customer must change something or call the bank.
    NeedsAttention(Refusal),
    /// The proposal is kept and not yet answered: offline, it goes as soon as the network
    /// is back; otherwise the automatic attempts stopped and "try again" is offered.
    Failed { offline: bool },
}

/// Why the bank refused a proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The contract's `error` code, or `http_NNN` for an answer without one.
    pub code: String,
    /// The policy's reason codes for a `rejected` proposal.
    pub reasons: Vec<String>,
}

/// The parts of any answer the widget reads (see `docs/schemas/answer.schema.json`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answer {
    pub reference: Option<String>,
    pub status: Option<AcceptedStatus>,
    pub message: Option<String>,
    pub error: Option<String>,
    pub reasons: Vec<String>,
}

/// What one answer means for the proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Stored by the bank, with its reference and status.
    Accepted {
        reference: String,
        status: AcceptedStatus,
        message: Option<String>,
    },
    /// Worth another attempt with the same key, after `after_seconds` if the bank said.
    Retry {
        after_seconds: Option<u32>,
    },
    Refused(Refusal),
}

/// Reads an HTTP answer: `status`, its `Retry-After` header and its body, if readable.
pub fn classify(status: u16, retry_after: Option<&str>, answer: Option<Answer>) -> Outcome {
    let answer = answer.unwrap_or_default();
    match status {
        200..=299 => match (answer.reference, answer.status) {
            (Some(reference), Some(status)) if !reference.is_empty() => Outcome::Accepted {
                reference,
                status,
                message: answer.message,
            },
            // Success without a readable reference: asking again with the same key
            // returns the stored answer.
            _ => Outcome::Retry {
                after_seconds: None,
            },
        },
        408 | 429 | 500..=599 => Outcome::Retry {
            after_seconds: retry_after.and_then(|v| v.trim().parse().ok()),
        },
        _ => Outcome::Refused(Refusal {
            code: answer.error.unwrap_or_else(|| format!("http_{status}")),
            reasons: answer.reasons,
        }),
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

/// A version 4 UUID from 16 random bytes (`crypto.getRandomValues`).
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut text = String::with_capacity(36);
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            text.push('-');
        }
        for nibble in [byte >> 4, byte & 0x0f] {
            text.push(char::from_digit(u32::from(nibble), 16).unwrap_or('0'));
        }
    }
    text
}

/// The customer's side of a proposal: everything but the plan itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Particulars<'a> {
    pub reason: Option<MissedReason>,
    /// Monthly income and essential expenses, only when the customer chose to share them.
    pub budget: Option<(Money, Money)>,
    pub channel: ContactChannel,
    pub time: ContactTime,
    pub message: &'a str,
    /// When the customer agreed to the terms, RFC 3339.
    pub agreed_at: &'a str,
    pub locale: &'a str,
}

/// The engine's proposal (`repay_engine::proposal::Proposal`) serialised straight from
/// the plan, without building a `serde_json::Value` first: the same JSON object, with
/// its keys in another order, and several KB less in the bundle.
#[derive(Serialize)]
struct ProposalOut<'a> {
    schema_version: u32,
    engine_version: &'a str,
    offer: usize,
    choice: PlanChoiceWire,
    plan: &'a Plan,
}

#[derive(Serialize)]
struct Body<'a> {
    schema_version: u32,
    proposal_id: &'a str,
    account_reference: &'a str,
    proposal: ProposalOut<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<MissedReason>,
    #[serde(skip_serializing_if = "Option::is_none")]
    budget: Option<BudgetFigures>,
    contact: Contact,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
    consent: Consent<'a>,
    locale: &'a str,
    widget_version: &'a str,
}

#[derive(Serialize)]
struct BudgetFigures {
    monthly_income: Money,
    essential_expenses: Money,
}

#[derive(Serialize)]
struct Contact {
    channel: ContactChannel,
    time: ContactTime,
}

#[derive(Serialize)]
struct Consent<'a> {
    terms_version: &'a str,
    agreed_at: &'a str,
}

/// Builds the proposal's body for `plan`, the engine's plan for `choice`, once with the
/// budget (when shared) and once without.
pub fn pending(
    config: &WidgetConfig,
    plan: &Plan,
    choice: &PlanChoice,
    key: String,
    who: &Particulars<'_>,
) -> Pending {
    let message = who.message.trim();
    let mut body = Body {
        schema_version: SCHEMA_VERSION,
        proposal_id: &key,
        account_reference: &config.sending.account_reference,
        proposal: ProposalOut {
            schema_version: PROPOSAL_SCHEMA_VERSION,
            engine_version: ENGINE_VERSION,
            offer: plan.offer,
            choice: PlanChoiceWire::from_choice(choice),
            plan,
        },
        reason: who.reason,
        budget: None,
        contact: Contact {
            channel: who.channel,
            time: who.time,
        },
        message: (!message.is_empty()).then_some(message),
        consent: Consent {
            terms_version: &config.terms.version,
            agreed_at: who.agreed_at,
        },
        locale: who.locale,
        widget_version: WIDGET_VERSION,
    };
    let kept = to_json(&body, &config.scenario_json);
    let shared = who.budget.map(|(income, expenses)| {
        body.budget = Some(BudgetFigures {
            monthly_income: income,
            essential_expenses: expenses,
        });
        to_json(&body, &config.scenario_json)
    });
    let first_due = plan.schedule.first().map(|payment| {
        let date = repay_engine::account::iso_date(payment.due_date.0);
        (date, payment.total.to_string())
    });
    Pending {
        key,
        body: kept,
        shared,
        first_due,
    }
}

/// The body as JSON with `scenario` (the host's own account and policy JSON) first.
fn to_json(body: &Body<'_>, scenario_json: &str) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    let rest = serde_json::to_string(body).unwrap_or_default();
    format!(
        "{{\"scenario\":{scenario_json},{}",
        rest.get(1..).unwrap_or("}")
    )
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use repay_engine::proposal::Proposal;

    const CN: &str = include_str!("../crates/engine/data/cn-card.json");

    fn accepted(reference: &str, status: AcceptedStatus) -> Option<Answer> {
        Some(Answer {
            reference: Some(reference.into()),
            status: Some(status),
            ..Answer::default()
        })
    }

    #[test]
    fn accepted_answers_carry_their_reference() {
        let outcome = classify(201, None, accepted("RP-000001", AcceptedStatus::Approved));
        assert_eq!(
            outcome,
            Outcome::Accepted {
                reference: "RP-000001".into(),
                status: AcceptedStatus::Approved,
                message: None
            }
        );
        let repeat = classify(
            200,
            None,
            accepted("RP-000001", AcceptedStatus::UnderReview),
        );
        assert!(matches!(repeat, Outcome::Accepted { .. }));
    }

    #[test]
    fn success_without_a_reference_is_asked_again() {
        for body in [
            None,
            Some(Answer::default()),
            accepted("", AcceptedStatus::Approved),
        ] {
            assert_eq!(
                classify(201, None, body),
                Outcome::Retry {
                    after_seconds: None
                }
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
                after_seconds: Some(7)
            }
        );
        // An HTTP-date Retry-After falls back to the widget's own backoff.
        assert_eq!(
            classify(503, Some("Wed, 21 Oct 2026 07:28:00 GMT"), None),
            Outcome::Retry {
                after_seconds: None
            }
        );
        for status in [400, 401, 403, 404, 409, 413, 415, 422] {
            assert!(
                matches!(classify(status, None, None), Outcome::Refused(_)),
                "{status}"
            );
        }
    }

    #[test]
    fn refusals_keep_the_code_and_reasons() {
        let refusal = Answer {
            error: Some("rejected".into()),
            reasons: vec!["below_min_instalment".into()],
            ..Answer::default()
        };
        let outcome = classify(422, None, Some(refusal));
        assert_eq!(
            outcome,
            Outcome::Refused(Refusal {
                code: "rejected".into(),
                reasons: vec!["below_min_instalment".into()]
            })
        );
        assert_eq!(
            classify(403, None, None),
            Outcome::Refused(Refusal {
                code: "http_403".into(),
                reasons: vec![]
            })
        );
    }

    #[test]
    fn every_status_the_contract_names_is_read_and_nothing_else() {
        // The codes as the contract's schema lists them, not as this module spells them.
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../docs/schemas/answer.schema.json")).unwrap();
        let codes: Vec<&str> = schema["oneOf"][0]["properties"]["status"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|code| code.as_str().unwrap())
            .collect();
        assert_eq!(codes.len(), AcceptedStatus::ALL.len());
        let read: Vec<AcceptedStatus> = codes
            .iter()
            .map(|code| AcceptedStatus::from_code(code).unwrap_or_else(|| panic!("{code}")))
            .collect();
        for (i, status) in read.iter().enumerate() {
            assert!(
                !read[i + 1..].contains(status),
                "two codes read as {status:?}"
            );
        }
        for other in ["maybe", "Approved", "", "under review"] {
            assert_eq!(AcceptedStatus::from_code(other), None, "{other}");
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

    #[test]
    fn uuids_are_version_4() {
        let id = uuid_v4([0xff; 16]);
        assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
    }

    fn particulars(budget: Option<(Money, Money)>) -> Particulars<'static> {
        Particulars {
            reason: Some(MissedReason::IncomeLoss),
            budget,
            channel: ContactChannel::Sms,
            time: ContactTime::Evening,
            message: "  下个月可以多还一些。 ",
            agreed_at: "2026-11-28T10:15:00.000Z",
            locale: "zh-CN",
        }
    }

    #[test]
    fn the_body_carries_the_hosts_scenario_and_the_budget_only_when_shared() {
        let config = WidgetConfig::from_json(CN, &crate::links::native::TestPage::new()).unwrap();
        let s = &config.scenario;
        let choice = PlanChoice {
            term_months: Some(12),
            ..PlanChoice::default()
        };
        let proposal = Proposal::new(&s.account, &s.policy, 2, &choice).unwrap();
        let plan = repay_engine::plan_for(&s.account, &s.policy, 2, &choice).unwrap();
        let currency = s.account.currency;
        let budget = (
            Money::parse("6000", currency).unwrap(),
            Money::parse("5400.5", currency).unwrap(),
        );
        let key = uuid_v4([7; 16]);
        let pending = pending(
            &config,
            &plan,
            &choice,
            key.clone(),
            &particulars(Some(budget)),
        );
        let kept: serde_json::Value = serde_json::from_str(&pending.body).unwrap();
        let sent: serde_json::Value = serde_json::from_str(pending.body()).unwrap();
        // The host's account and policy, as the engine's types read them.
        let host: repay_engine::scenario::ScenarioWire = serde_json::from_str(CN).unwrap();
        let sent_scenario: repay_engine::scenario::ScenarioWire =
            serde_json::from_value(sent["scenario"].clone()).unwrap();
        assert_eq!(sent_scenario, host);
        assert_eq!(sent["proposal"], serde_json::to_value(&proposal).unwrap());
        assert_eq!(sent["proposal_id"], key.as_str());
        assert_eq!(sent["account_reference"], "CN-6225-0042");
        assert_eq!(sent["message"], "下个月可以多还一些。");
        assert_eq!(sent["budget"]["essential_expenses"], "5400.50");
        assert!(
            kept.get("budget").is_none(),
            "budget figures are never kept"
        );
        let mut without = sent.clone();
        without.as_object_mut().unwrap().remove("budget");
        assert_eq!(without, kept);

        assert_eq!(
            pending.first_due,
            Some(("2026-12-28".into(), "772.79".into()))
        );

        let unshared = super::pending(&config, &plan, &choice, key, &particulars(None));
        assert_eq!(unshared.body(), unshared.body);
        assert!(!unshared.body.contains("6000"));
    }
}

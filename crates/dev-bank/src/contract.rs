//! The proposal contract, version 1: what `POST /api/proposals` accepts and answers.
//! `docs/contract.md` documents it field by field.

use repay_engine::proposal::{Difference, Proposal};
use repay_engine::scenario::ScenarioWire;
use repay_engine::{Currency, Money};
use serde::{Deserialize, Serialize};

/// The contract version this server speaks.
pub const SCHEMA_VERSION: u32 = 1;

/// The body of `POST /api/proposals`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    pub schema_version: u32,
    /// A UUID made by the widget; also the `Idempotency-Key` header.
    pub proposal_id: String,
    /// The bank's reference for the account, from the widget's configuration.
    pub account_reference: String,
    /// The account and policy the widget computed with. Never used to compute anything:
    /// the bank recomputes from its own records, and compares these with them only to
    /// explain a difference (`records_changed`).
    pub scenario: ScenarioWire,
    /// The chosen plan as the engine computed it.
    pub proposal: Proposal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<MissedReason>,
    /// Present only when the customer chose to share it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<BudgetFigures>,
    pub contact: Contact,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    pub consent: Consent,
    pub locale: Locale,
    pub widget_version: String,
}

/// Why the payment was missed, as the customer said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissedReason {
    Forgot,
    TemporaryEmergency,
    IncomeLoss,
    Illness,
    Dispute,
    Other,
}

/// How the customer wants to be contacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactChannel {
    Phone,
    Sms,
    Email,
    InApp,
}

/// When the customer prefers to be contacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactTime {
    Anytime,
    Morning,
    Afternoon,
    Evening,
}

/// The customer's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Locale {
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en-US")]
    EnUs,
}

/// The longest message the contract accepts, in characters.
pub const MAX_MESSAGE_CHARS: usize = 500;
/// The longest account reference, terms version or widget version, in characters.
pub const MAX_TEXT_CHARS: usize = 64;

/// Checks what the types cannot: the lengths, forms and characters the schema states.
/// Returns the first field at fault with its code. Runs before anything is stored, so a
/// refused body never is.
pub fn check_fields(submission: &Submission) -> Result<(), FieldError> {
    let fault = |path: &str, code: &str| {
        Err(FieldError {
            path: path.to_owned(),
            code: code.to_owned(),
        })
    };
    if !is_uuid(&submission.proposal_id) {
        return fault("proposal_id", "not_a_uuid");
    }
    for (path, text) in [
        ("account_reference", submission.account_reference.as_str()),
        (
            "consent.terms_version",
            submission.consent.terms_version.as_str(),
        ),
        ("widget_version", submission.widget_version.as_str()),
    ] {
        if text.trim().is_empty() {
            return fault(path, "missing");
        }
        if text.chars().count() > MAX_TEXT_CHARS {
            return fault(path, "too_long");
        }
        if text.chars().any(char::is_control) {
            return fault(path, "control_character");
        }
    }
    if let Some(message) = &submission.message {
        if message.chars().count() > MAX_MESSAGE_CHARS {
            return fault("message", "too_long");
        }
        // Line breaks are text; other control characters are not.
        if message
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        {
            return fault("message", "control_character");
        }
    }
    if submission
        .consent
        .agreed_at
        .parse::<jiff::Timestamp>()
        .is_err()
    {
        return fault("consent.agreed_at", "not_a_time");
    }
    if let Some(budget) = &submission.budget {
        // Money in the account's currency, read by the engine's own parser. (A currency
        // the engine does not know is refused with the scenario.)
        if let Ok(currency) = Currency::from_code(&submission.scenario.account.currency) {
            for (path, text) in [
                ("budget.monthly_income", &budget.monthly_income),
                ("budget.essential_expenses", &budget.essential_expenses),
            ] {
                match Money::parse(text, currency) {
                    Ok(money) if money.is_negative() => return fault(path, "negative"),
                    Ok(_) => {}
                    Err(reason) => return fault(path, reason.code()),
                }
            }
        }
    }
    Ok(())
}

/// A version 4 UUID as the widget writes it: 36 characters, lowercase hex and dashes.
pub fn is_uuid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(b),
        })
}

/// The customer's budget, shared with consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetFigures {
    pub monthly_income: String,
    pub essential_expenses: String,
}

/// How the bank may contact the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub channel: ContactChannel,
    pub time: ContactTime,
}

/// The customer's agreement to the bank's terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    pub terms_version: String,
    /// When the customer agreed, RFC 3339.
    pub agreed_at: String,
}

/// What happens to an accepted proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AcceptedStatus {
    /// Stored; the bank has not decided yet.
    Received,
    /// Within the policy's instant approval.
    Approved,
    /// The bank reviews it.
    UnderReview,
}

/// The answer to an accepted proposal (201, or 200 when it is a repeat).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accepted {
    pub reference: String,
    pub status: AcceptedStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The secret that lets whoever sent the proposal look it up
    /// (`GET /api/proposals/{reference}` with `Authorization: Bearer {access_token}`).
    /// Given only in the answers to the proposal's own requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    /// True when this answers a repeat of a proposal already stored.
    #[serde(default)]
    pub duplicate: bool,
}

/// A field the server refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// Dotted path from the body's root, e.g. `scenario.account.due_date`.
    pub path: String,
    /// The engine's reason code, e.g. `impossible_date`.
    pub code: String,
}

/// Every refusal: a machine-readable `error` code and the details that apply.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Refusal {
    pub error: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub differences: Vec<Difference>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<repay_engine::PlanReason>,
    /// For `figures_differ`: the parts of the bank's records that differ from the inputs
    /// the widget computed with (`account.as_of`, `policy`), when they do.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub records_changed: Vec<String>,
}

impl Refusal {
    pub fn new(error: &'static str, message: impl Into<String>) -> Self {
        Self {
            error,
            message: message.into(),
            fields: Vec::new(),
            differences: Vec::new(),
            reasons: Vec::new(),
            records_changed: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_have_one_form() {
        assert!(is_uuid("6f1c2a9e-2b1d-4c61-9a55-0d7a8f3b2c10"));
        for text in [
            "6F1C2A9E-2B1D-4C61-9A55-0D7A8F3B2C10",
            "6f1c2a9e2b1d4c619a550d7a8f3b2c10",
            "6f1c2a9e-2b1d-4c61-9a55-0d7a8f3b2c10x",
            "",
        ] {
            assert!(!is_uuid(text), "{text}");
        }
    }
}

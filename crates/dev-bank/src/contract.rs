//! The proposal contract, version 1: what `POST /api/proposals` accepts and answers.
//! `docs/contract.md` documents it field by field.

use repay_engine::proposal::{Difference, Proposal};
use repay_engine::scenario::ScenarioWire;
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
    pub reason: Option<String>,
    /// Present only when the customer chose to share it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<BudgetFigures>,
    pub contact: Contact,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    pub consent: Consent,
    pub locale: String,
    pub widget_version: String,
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
    pub channel: String,
    pub time: String,
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

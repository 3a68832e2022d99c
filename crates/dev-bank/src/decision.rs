//! The bank's decision on a valid submission, as pure functions over the bank's own
//! records: look up, recompute, compare, verdict. Nothing the client sent is used to
//! compute; its `scenario` is checked and compared only to explain a difference.

use axum::http::StatusCode;
use repay_engine::proposal::recompute;
use repay_engine::scenario::ScenarioWire;
use repay_engine::{Scenario, Verdict};

use crate::store::AccountRecords;
use crate::ApiError;
use repay_contract::{AcceptedStatus, FieldError, Refusal, RefusalCode, Submission};

/// What the bank knows that bears on one submission.
#[derive(Debug, Clone, Copy)]
pub struct Records<'a> {
    /// The account's snapshot and the policy in force, if the bank has the account.
    pub account: Option<&'a AccountRecords>,
    /// Whether the bank has published the terms the customer agreed to.
    pub terms_known: bool,
}

/// The bank's decision to accept a proposal: its status, and the records it was
/// recomputed from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision<'a> {
    pub status: AcceptedStatus,
    pub records: &'a AccountRecords,
}

fn unprocessable(refusal: Refusal) -> ApiError {
    ApiError {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        refusal: Box::new(refusal),
    }
}

fn field_refusal(error: RefusalCode, message: &str, path: &str) -> ApiError {
    let code = error.code().to_owned();
    let mut refusal = Refusal::new(error, message);
    refusal.fields.push(FieldError {
        path: path.to_owned(),
        code,
    });
    unprocessable(refusal)
}

/// The refusal for an account the bank does not know, and for one the caller does not
/// hold: the same, so that a stranger learns nothing about which references exist.
pub fn unknown_account() -> ApiError {
    field_refusal(
        RefusalCode::UnknownAccount,
        "the bank has no account with this account_reference",
        "account_reference",
    )
}

/// Decides a valid submission from the bank's `records`.
///
/// # Errors
///
/// The refusal to answer: `invalid` for a scenario the engine refuses,
/// `unknown_account`, `unknown_terms_version`, `figures_differ` (with what changed in
/// the bank's records, when something did), `rejected` (with the policy's reasons).
pub fn decide<'a>(submission: &Submission, records: Records<'a>) -> Result<Decision<'a>, ApiError> {
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    Scenario::from_wire(&submission.scenario)
        .map_err(|e| ApiError::from_engine(status, e, "scenario"))?;
    let Some(account) = records.account else {
        return Err(unknown_account());
    };
    if !records.terms_known {
        return Err(field_refusal(
            RefusalCode::UnknownTermsVersion,
            "the bank has published no terms of this version: reload the page to read the current terms",
            "consent.terms_version",
        ));
    }
    let ours = Scenario::from_wire(&account.scenario).map_err(|error| {
        eprintln!("dev-bank: the records of an account cannot be read: {error}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            RefusalCode::ServerError,
            "the bank's records cannot be read; try again later",
        )
    })?;
    let recomputed = recompute(&submission.proposal, &ours.account, &ours.policy)
        .map_err(|e| ApiError::from_engine(status, e, "proposal"))?;
    let differences = recomputed.differences;
    if !differences.is_empty() {
        let changed = changed_inputs(&submission.scenario, &account.scenario);
        let mut refusal = if changed.is_empty() {
            Refusal::new(
                RefusalCode::FiguresDiffer,
                "the proposal's figures are not what the bank computes for this account under its policy in force",
            )
        } else {
            Refusal::new(
                RefusalCode::FiguresDiffer,
                format!(
                    "the bank's records for this account have changed since the page was loaded ({}): reload the page to see the current figures",
                    changed.join(", ")
                ),
            )
        };
        refusal.differences = differences;
        refusal.records_changed = changed;
        return Err(unprocessable(refusal));
    }
    // Recomputed from the bank's records and identical: the verdict is the bank's own
    // plan's, read from the typed plan it computed, never from the proposal's copy.
    let status = match recomputed.plan.verdict {
        Verdict::ApprovedInstantly => AcceptedStatus::Approved,
        Verdict::NeedsReview { .. } => AcceptedStatus::UnderReview,
        Verdict::NotAllowed { reasons } => {
            let mut refusal = Refusal::new(
                RefusalCode::Rejected,
                "the bank's policy does not allow this plan",
            );
            refusal.reasons = reasons;
            return Err(unprocessable(refusal));
        }
    };
    Ok(Decision {
        status,
        records: account,
    })
}

/// The top-level parts of the bank's records that differ from the inputs the widget
/// computed with: each account field by name (`account.as_of`), the policy as a whole.
fn changed_inputs(sent: &ScenarioWire, ours: &ScenarioWire) -> Vec<String> {
    let fields = |account: &repay_engine::account::AccountSnapshotWire| match serde_json::to_value(
        account,
    ) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let (sent_account, our_account) = (fields(&sent.account), fields(&ours.account));
    let mut keys: Vec<&String> = sent_account.keys().chain(our_account.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut changed: Vec<String> = keys
        .into_iter()
        .filter(|key| sent_account.get(*key) != our_account.get(*key))
        .map(|key| format!("account.{key}"))
        .collect();
    if sent.policy != ours.policy {
        changed.push("policy".to_owned());
    }
    changed
}

/// What makes two requests "the same proposal" for idempotency: everything but the
/// budget, which the widget never keeps in storage and so cannot repeat after a reload.
pub fn without_budget(submission: &Submission) -> Submission {
    Submission {
        budget: None,
        ..submission.clone()
    }
}

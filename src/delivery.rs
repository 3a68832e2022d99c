//! A proposal on its way and where it stands: the types the state, the draft, the views
//! and the sending loop share ([`Pending`], [`Progress`], [`Report`], [`Lifecycle`],
//! [`Trouble`], [`Receipt`]),
//! kept apart from [`crate::submit`], which builds proposals and reads answers, so that
//! the state can hold them without depending on how they are made.

use jiff::civil::Date;
use repay_contract::{AcceptedStatus, BudgetFigures, Refusal, Submission};
use repay_engine::{Money, Plan};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// A value kept as the JSON it was written as: the scenario the customer's figures were
/// computed from and the plan the engine computed, in a proposal. A proposal resumed
/// after a reload is sent exactly as it was first, whatever the widget computes by then.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Json(Box<RawValue>);

impl Json {
    /// `value` serialised once.
    pub fn of(value: &impl Serialize) -> Self {
        // The engine's plans and scenarios are strings and numbers: they always serialise.
        Self(serde_json::value::to_raw_value(value).unwrap_or_else(|_| Self::empty()))
    }

    fn empty() -> Box<RawValue> {
        RawValue::from_string("{}".to_owned()).unwrap_or_else(|_| unreachable!("{{}} is JSON"))
    }
}

impl PartialEq for Json {
    fn eq(&self, other: &Self) -> bool {
        self.0.get() == other.0.get()
    }
}

impl Eq for Json {}

/// The proposal as the widget sends it: the contract's submission, with the scenario
/// and the plan as the configuration and the engine wrote them.
pub type Body = Submission<Json, Json>;

/// A plan's first payment: when and how much, for the confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FirstPayment {
    pub date: Date,
    pub amount: Money,
}

impl FirstPayment {
    /// The first payment of `plan`, if it has any.
    pub fn of(plan: &Plan) -> Option<Self> {
        plan.schedule.first().map(|payment| Self {
            date: payment.due_date.0,
            amount: payment.total,
        })
    }
}

/// A proposal on its way: the body every attempt repeats exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// The proposal without budget figures: this is what is kept in session storage.
    pub body: Body,
    /// The budget the customer chose to share. Never stored: after a reload the proposal
    /// is resumed without it, which the bank treats as the same proposal (the contract
    /// leaves `budget` out of the idempotency comparison).
    pub shared_budget: Option<BudgetFigures>,
    pub first_due: Option<FirstPayment>,
}

impl Pending {
    /// The proposal id, also the `Idempotency-Key`.
    pub fn key(&self) -> &str {
        &self.body.proposal_id
    }

    /// The JSON to send now: the body, with the shared budget if there is one.
    pub fn json(&self) -> String {
        let text = |body: &Body| serde_json::to_string(body).unwrap_or_default();
        match &self.shared_budget {
            None => text(&self.body),
            Some(budget) => text(&Body {
                budget: Some(budget.clone()),
                ..self.body.clone()
            }),
        }
    }
}

/// What the customer keeps after the bank accepted: enough to show the confirmation
/// again after a reload, and nothing else (not the answer's access token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub reference: String,
    pub status: AcceptedStatus,
    /// The bank's own words, if it sent any.
    pub message: Option<String>,
    pub first_due: Option<FirstPayment>,
}

/// Where a proposal on its way stands, from its first attempt until the bank answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// An attempt is on its way.
    Sending,
    /// The last attempt failed for `trouble`; the next starts in this many seconds.
    Retrying { seconds: u32, trouble: Trouble },
    /// The proposal is kept and not yet answered: offline, it goes as soon as the network
    /// is back; otherwise the automatic attempts stopped and "try again" is offered.
    Failed { trouble: Trouble },
}

/// What the sending loop reports to the state: progress, or the bank's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    Progress(Progress),
    /// The bank accepted the proposal.
    Accepted(Receipt),
    /// The bank refused it as it is: the customer must change something or call the bank.
    Refused(Refusal),
}

/// Where sending stands, as the customer sees it: a view of the state's delivery,
/// borrowed for one render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifecycle<'a> {
    /// Nothing sent yet.
    Idle,
    /// On its way.
    Progress(Progress),
    /// The bank accepted the proposal.
    Accepted(&'a Receipt),
    /// The bank refused it as it is.
    NeedsAttention(&'a Refusal),
}

/// Why a proposal is not answered yet: what the customer is told, and whether waiting
/// for the network or trying again later is what helps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trouble {
    /// The browser is offline: the proposal goes once it is back.
    Offline,
    /// No answer arrived: a network error, a timeout (408).
    Unreachable,
    /// The bank answered with an error of its own (500, 502, 504…): it is failing, not
    /// the customer; a retry is decided afresh.
    BankError,
    /// The bank asked to slow down (429, 503), for this many seconds if it said.
    Busy { seconds: Option<u32> },
    /// The bank no longer knows who is asking (401, or 403 `csrf_failed`: the sign-in
    /// ended): nothing was decided; it goes once the customer has signed in again.
    SignedOut,
}

impl Trouble {
    /// The code the host page's `repay:error` event gives for it.
    pub fn code(self) -> &'static str {
        match self {
            Self::Offline => "offline",
            Self::Unreachable => "unreachable",
            Self::BankError => "bank_error",
            Self::Busy { .. } => "busy",
            Self::SignedOut => "signed_out",
        }
    }
}

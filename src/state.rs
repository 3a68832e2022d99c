//! The widget's state: what the customer chose and typed, exactly as typed, and where
//! their proposal stands. How actions change it is [`crate::actions`], pure and tested
//! natively; what survives a reload is [`crate::draft`]; everything computed from it
//! (status, plans, the budget check) is derived in [`crate::model`]; effects (clock,
//! storage, network) are [`crate::effects`], never here.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use repay_contract::{ContactChannel, ContactTime, MissedReason};

use crate::delivery::{Lifecycle, Pending, Progress, Receipt};
use crate::i18n::Locale;

/// The steps of the flow, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    Status,
    Situation,
    Options,
    Details,
    Review,
}

impl Step {
    /// Every step, in the order the customer meets them.
    pub const ALL: [Step; 5] = [
        Step::Status,
        Step::Situation,
        Step::Options,
        Step::Details,
        Step::Review,
    ];

    pub(crate) fn next(self) -> Option<Step> {
        Self::ALL.get(self.index() + 1).copied()
    }

    pub(crate) fn previous(self) -> Option<Step> {
        self.index().checked_sub(1).map(|i| Self::ALL[i])
    }

    /// 0-based position in the flow.
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// One payment of the customer's own plan, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomRow {
    pub date: String,
    pub amount: String,
}

/// The longest message the customer can write to the bank.
pub const MESSAGE_MAX_CHARS: usize = repay_contract::MAX_MESSAGE_CHARS;
/// The most payments a customer's own plan can list.
pub const CUSTOM_ROWS_MAX: usize = 24;

/// A change on the options step whose figures are announced to a screen reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanChange {
    /// The first payment date: every plan's dates moved.
    FirstPayment,
    /// One plan's term, or the plan chosen.
    Plan(usize),
    /// A payment of the customer's own plan (its row): a problem with what was typed,
    /// else that plan's figures.
    CustomRow(usize),
}

/// The key of each offer `scenario` lists, in its order ([`State::offer_keys`]).
pub fn offer_keys(scenario: &repay_engine::Scenario) -> Vec<u64> {
    scenario
        .policy
        .plans
        .iter()
        .map(repay_engine::policy::PlanOffer::key)
        .collect()
}

/// What the customer has chosen and typed, except the budget: exactly what a reload
/// resumes from. It *is* the draft's content ([`crate::draft::Draft`]), kept in session
/// storage as serde JSON; everything else in [`State`] is either never stored (the
/// budget) or worked out again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers {
    pub locale: Locale,
    pub step: Step,
    pub reason: Option<MissedReason>,
    /// The first payment date as typed (`YYYY-MM-DD`); empty means the plan's default.
    pub first_payment: String,
    /// The term chosen for each instalment or hardship offer, by offer index.
    pub terms: BTreeMap<usize, u32>,
    /// The offer the customer picked.
    pub chosen: Option<usize>,
    pub custom_rows: Vec<CustomRow>,
    pub contact_channel: Option<ContactChannel>,
    pub contact_time: ContactTime,
    pub message: String,
    pub consent: bool,
    /// The key ([`repay_engine::policy::PlanOffer::key`]) of each offer the indices above
    /// (`terms`, `chosen`) refer to, in that order: when the bank's list changes, each
    /// choice follows its offer, and a chosen offer that is gone or changed is dropped.
    pub offer_keys: Vec<u64>,
}

impl Default for Answers {
    fn default() -> Self {
        Self {
            locale: Locale::default(),
            step: Step::Status,
            reason: None,
            first_payment: String::new(),
            terms: BTreeMap::new(),
            chosen: None,
            custom_rows: vec![CustomRow::default()],
            contact_channel: None,
            contact_time: ContactTime::default(),
            message: String::new(),
            consent: false,
            offer_keys: Vec::new(),
        }
    }
}

/// The budget as typed. It never leaves memory: not in the draft, and in a proposal only
/// when the customer chooses to share it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Budget {
    pub income: String,
    pub expenses: String,
    /// The customer chose to send the figures with the proposal.
    pub share: bool,
}

/// Where the customer's proposal stands: one value, which owns the proposal while it is
/// on its way, so that what is pending and what is said about it cannot disagree.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Delivery {
    /// Nothing sent yet (or the last proposal was refused and a new one may be made).
    #[default]
    Idle,
    /// On its way, from the first attempt until the bank answers.
    OnItsWay {
        pending: Box<Pending>,
        now: Progress,
    },
    /// The bank accepted it.
    Accepted(Receipt),
    /// The bank refused it as it was.
    Refused(repay_contract::Refusal),
}

impl Delivery {
    /// The proposal on its way, if one is.
    pub fn pending(&self) -> Option<&Pending> {
        match self {
            Self::OnItsWay { pending, .. } => Some(pending),
            _ => None,
        }
    }

    /// Where it stands, as the views and the host's events say it.
    pub fn lifecycle(&self) -> Lifecycle<'_> {
        match self {
            Self::Idle => Lifecycle::Idle,
            Self::OnItsWay { now, .. } => Lifecycle::Progress(*now),
            Self::Accepted(receipt) => Lifecycle::Accepted(receipt),
            Self::Refused(refusal) => Lifecycle::NeedsAttention(refusal),
        }
    }
}

/// What the computed figures depend on, as typed: a change to anything else (the
/// language, the step, the message) reuses the figures already computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureInputs<'a> {
    pub reason: Option<MissedReason>,
    pub first_payment: &'a str,
    pub terms: &'a BTreeMap<usize, u32>,
    pub custom_rows: &'a [CustomRow],
    pub income: &'a str,
    pub expenses: &'a str,
    pub part_payment: &'a str,
}

/// Everything about one widget: the customer's answers, their budget, where their
/// proposal stands, and what the views show of it (which panel is open, what changed
/// last). Views read it (`&State`); only [`crate::actions`] changes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub answers: Answers,
    pub budget: Budget,
    pub delivery: Delivery,
    /// The "pay the overdue amount now" panel is open.
    pub paying_now: bool,
    /// The details step shows every year of the schedule, not only the first.
    pub whole_schedule: bool,
    /// An amount the customer could pay now, less than the overdue amount, as typed: what
    /// it would still avoid is shown beside it.
    pub part_payment: String,
    /// What the customer last changed on the options step: its new figures are what is
    /// announced once they settle (a term, a choice or the first payment date).
    pub last_change: Option<PlanChange>,
    /// "Send" was pressed without consent: the consent box says it is needed.
    pub consent_missing: bool,
    /// Counts the rounds of sending started: each new round starts one delivery.
    pub round: u32,
    /// The chosen plan was dropped because the bank's offers changed: the options step
    /// says so until another is chosen.
    pub offers_changed: bool,
    /// Counts the changes to what the figures are computed from (the reason, the budget,
    /// the part payment, the first payment date, the terms, the customer's own plan), so
    /// the figures are recomputed only then and their inputs never copied to find out.
    pub figures: u32,
    /// The widget took over a screen the server rendered from the configuration alone,
    /// and the tab's draft is yet to be applied ([`crate::effects`]): nothing is saved
    /// until it is.
    pub awaiting_draft: bool,
}

impl State {
    /// The state a freshly mounted widget starts in.
    pub fn new(locale: Locale) -> Self {
        Self::resuming(Answers {
            locale,
            ..Answers::default()
        })
    }

    /// The state that resumes `answers`, nothing sent.
    pub fn resuming(answers: Answers) -> Self {
        Self {
            answers,
            budget: Budget::default(),
            delivery: Delivery::Idle,
            paying_now: false,
            whole_schedule: false,
            part_payment: String::new(),
            last_change: None,
            consent_missing: false,
            round: 0,
            offers_changed: false,
            figures: 0,
            awaiting_draft: false,
        }
    }

    /// What the figures are computed from, borrowed: the model reads only this
    /// ([`crate::model::derive`]), and the reducer compares it to count changes.
    pub fn figure_inputs(&self) -> FigureInputs<'_> {
        FigureInputs {
            reason: self.answers.reason,
            first_payment: &self.answers.first_payment,
            terms: &self.answers.terms,
            custom_rows: &self.answers.custom_rows,
            income: &self.budget.income,
            expenses: &self.budget.expenses,
            part_payment: &self.part_payment,
        }
    }

    /// Whether the figures' inputs differ between `self` and `other`.
    pub fn figures_differ(&self, other: &State) -> bool {
        self.figure_inputs() != other.figure_inputs()
    }

    /// Follows the bank's offers now listed, `keys` ([`State::offer_keys`]): each term and
    /// the chosen plan move with their offer; a chosen offer no longer listed (gone, or
    /// its terms changed) is dropped with the consent given for it, back at the options,
    /// and said. A proposal already on its way or accepted is what the customer saw and
    /// stays as it is.
    pub fn follow_offers(&mut self, keys: Vec<u64>) {
        if self.answers.offer_keys == keys {
            return;
        }
        let old = std::mem::replace(&mut self.answers.offer_keys, keys);
        // A state that never had keys has chosen nothing yet (the widget keys its state
        // on its first render); a locked one is settled.
        if old.is_empty() || self.is_locked() {
            return;
        }
        let answers = &mut self.answers;
        let now = &answers.offer_keys;
        let moved = |offer: usize| {
            let key = old.get(offer)?;
            now.iter().position(|k| k == key)
        };
        let terms = std::mem::take(&mut answers.terms)
            .into_iter()
            .filter_map(|(offer, months)| moved(offer).map(|to| (to, months)))
            .collect();
        let chosen = answers.chosen.map(moved);
        answers.terms = terms;
        match chosen {
            Some(Some(to)) => answers.chosen = Some(to),
            Some(None) => {
                answers.chosen = None;
                answers.consent = false;
                answers.step = answers.step.min(Step::Options);
                self.consent_missing = false;
                self.offers_changed = true;
            }
            None => {}
        }
        self.last_change = None;
        self.figures += 1;
    }

    /// A proposal is on its way or accepted: the plan and the answers are settled.
    pub fn is_locked(&self) -> bool {
        matches!(
            self.delivery,
            Delivery::OnItsWay { .. } | Delivery::Accepted(_)
        )
    }

    /// Whether the customer may move on from the current step: the options step needs a
    /// chosen plan; every other step can be left as it is.
    pub fn can_continue(&self) -> bool {
        match self.answers.step {
            Step::Options | Step::Details => self.answers.chosen.is_some(),
            Step::Review => false,
            Step::Status | Step::Situation => true,
        }
    }
}

//! The widget's state: what the customer chose and typed, exactly as typed, and where
//! their proposal stands. How actions change it is [`crate::actions`], pure and tested
//! natively; what survives a reload is [`crate::draft`]; everything computed from it
//! (status, plans, the budget check) is derived in [`crate::model`]; effects (clock,
//! storage, network) are [`crate::effects`], never here.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use repay_contract::{ContactChannel, ContactTime, MissedReason};

use crate::delivery::{Lifecycle, Pending};
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

/// Everything the customer has chosen and typed so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub locale: Locale,
    pub step: Step,
    /// The "pay the overdue amount now" panel is open.
    pub paying_now: bool,
    /// An amount the customer could pay now, less than the overdue amount, as typed: what
    /// it would still avoid is shown beside it.
    pub part_payment: String,
    pub reason: Option<MissedReason>,
    /// Budget figures as typed. They never leave the browser unless `share_budget`.
    pub income: String,
    pub expenses: String,
    /// The first payment date as typed (`YYYY-MM-DD`); empty means the plan's default.
    pub first_payment: String,
    /// The term chosen for each instalment or hardship offer, by offer index.
    pub terms: BTreeMap<usize, u32>,
    /// The offer the customer picked.
    pub chosen: Option<usize>,
    /// What the customer last changed on the options step: its new figures are what is
    /// announced once they settle (a term, a choice or the first payment date).
    pub last_change: Option<PlanChange>,
    pub custom_rows: Vec<CustomRow>,
    pub contact_channel: Option<ContactChannel>,
    pub contact_time: ContactTime,
    pub message: String,
    pub consent: bool,
    /// "Send" was pressed without consent: the consent box says it is needed.
    pub consent_missing: bool,
    pub share_budget: bool,
    /// The proposal being sent: from the first attempt until the bank answers.
    pub pending: Option<Pending>,
    pub lifecycle: Lifecycle,
    /// Counts the rounds of sending started: each new round starts one delivery.
    pub round: u32,
    /// The key ([`repay_engine::policy::PlanOffer::key`]) of each offer the indices above
    /// (`terms`, `chosen`) refer to, in that order: when the bank's list changes, each
    /// choice follows its offer, and a chosen offer that is gone or changed is dropped.
    pub offer_keys: Vec<u64>,
    /// The chosen plan was dropped because the bank's offers changed: the options step
    /// says so until another is chosen.
    pub offers_changed: bool,
}

impl State {
    /// The state a freshly mounted widget starts in.
    pub fn new(locale: Locale) -> Self {
        Self {
            locale,
            step: Step::Status,
            paying_now: false,
            part_payment: String::new(),
            reason: None,
            income: String::new(),
            expenses: String::new(),
            first_payment: String::new(),
            terms: BTreeMap::new(),
            chosen: None,
            last_change: None,
            custom_rows: vec![CustomRow::default()],
            contact_channel: None,
            contact_time: ContactTime::default(),
            message: String::new(),
            consent: false,
            consent_missing: false,
            share_budget: false,
            pending: None,
            lifecycle: Lifecycle::Idle,
            round: 0,
            offer_keys: Vec::new(),
            offers_changed: false,
        }
    }

    /// Follows the bank's offers now listed, `keys` ([`State::offer_keys`]): each term and
    /// the chosen plan move with their offer; a chosen offer no longer listed (gone, or
    /// its terms changed) is dropped with the consent given for it, back at the options,
    /// and said. A proposal already on its way or accepted is what the customer saw and
    /// stays as it is.
    pub fn follow_offers(&mut self, keys: Vec<u64>) {
        if self.offer_keys == keys {
            return;
        }
        let old = std::mem::replace(&mut self.offer_keys, keys);
        // A state that never had keys has chosen nothing yet (the widget keys its state
        // on its first render); a locked one is settled.
        if old.is_empty() || self.is_locked() {
            return;
        }
        let moved = |offer: usize| {
            let key = old.get(offer)?;
            self.offer_keys.iter().position(|k| k == key)
        };
        self.terms = std::mem::take(&mut self.terms)
            .into_iter()
            .filter_map(|(offer, months)| moved(offer).map(|to| (to, months)))
            .collect();
        if let Some(chosen) = self.chosen {
            match moved(chosen) {
                Some(to) => self.chosen = Some(to),
                None => {
                    self.chosen = None;
                    self.consent = false;
                    self.consent_missing = false;
                    self.offers_changed = true;
                    self.step = self.step.min(Step::Options);
                }
            }
        }
        self.last_change = None;
    }

    /// A proposal is on its way or accepted: the plan and the answers are settled.
    pub fn is_locked(&self) -> bool {
        self.pending.is_some() || matches!(self.lifecycle, Lifecycle::Accepted(_))
    }

    /// Whether the customer may move on from the current step: the options step needs a
    /// chosen plan; every other step can be left as it is.
    pub fn can_continue(&self) -> bool {
        match self.step {
            Step::Options | Step::Details => self.chosen.is_some(),
            Step::Review => false,
            Step::Status | Step::Situation => true,
        }
    }
}

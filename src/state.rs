//! The widget's state: one reducer, pure, tested natively. It holds what the customer
//! chose and typed, exactly as typed; everything computed from it (status, plans, the
//! budget check) is derived in [`crate::model`]. Effects (storage, network) live in
//! components, never here.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::Reducible;

use crate::config::ContactChannel;
use crate::i18n::Locale;

/// The steps of the flow, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

    fn next(self) -> Option<Step> {
        Self::ALL.get(self.index() + 1).copied()
    }

    fn previous(self) -> Option<Step> {
        self.index().checked_sub(1).map(|i| Self::ALL[i])
    }

    /// 0-based position in the flow.
    pub fn index(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// Why the payment was missed (optional; helps the bank choose how to help).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MissedReason {
    Forgot,
    TemporaryEmergency,
    IncomeLoss,
    Illness,
    Dispute,
    Other,
}

impl MissedReason {
    pub const ALL: [MissedReason; 6] = [
        MissedReason::Forgot,
        MissedReason::TemporaryEmergency,
        MissedReason::IncomeLoss,
        MissedReason::Illness,
        MissedReason::Dispute,
        MissedReason::Other,
    ];
}

/// When the customer prefers to be contacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactTime {
    #[default]
    Anytime,
    Morning,
    Afternoon,
    Evening,
}

impl ContactTime {
    pub const ALL: [ContactTime; 4] = [
        ContactTime::Anytime,
        ContactTime::Morning,
        ContactTime::Afternoon,
        ContactTime::Evening,
    ];
}

/// One payment of the customer's own plan, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomRow {
    pub date: String,
    pub amount: String,
}

/// The longest message the customer can write to the bank.
pub const MESSAGE_MAX_CHARS: usize = 500;
/// The most payments a customer's own plan can list.
pub const CUSTOM_ROWS_MAX: usize = 24;

/// Everything the customer has chosen and typed so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub locale: Locale,
    pub step: Step,
    /// The "pay the overdue amount now" panel is open.
    pub paying_now: bool,
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
    pub custom_rows: Vec<CustomRow>,
    pub contact_channel: Option<ContactChannel>,
    pub contact_time: ContactTime,
    pub message: String,
    pub consent: bool,
    pub share_budget: bool,
}

impl State {
    /// The state a freshly mounted widget starts in.
    pub fn new(locale: Locale) -> Self {
        Self {
            locale,
            step: Step::Status,
            paying_now: false,
            reason: None,
            income: String::new(),
            expenses: String::new(),
            first_payment: String::new(),
            terms: BTreeMap::new(),
            chosen: None,
            custom_rows: vec![CustomRow::default()],
            contact_channel: None,
            contact_time: ContactTime::default(),
            message: String::new(),
            consent: false,
            share_budget: false,
        }
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

/// What the customer can do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    SetLocale(Locale),
    /// Continue to the next step (ignored when the current step is not complete).
    Next,
    /// Back to the previous step.
    Back,
    /// Jump to an earlier step, or a later one already reachable.
    GoTo(Step),
    /// Open or close the "pay now" panel.
    TogglePayNow,
    SetReason(Option<MissedReason>),
    SetIncome(String),
    SetExpenses(String),
    /// Forget the budget figures (the customer changed their mind).
    ClearBudget,
    SetFirstPayment(String),
    SetTerm {
        offer: usize,
        months: u32,
    },
    Choose(usize),
    AddCustomRow,
    RemoveCustomRow(usize),
    SetCustomDate(usize, String),
    SetCustomAmount(usize, String),
    SetContactChannel(ContactChannel),
    SetContactTime(ContactTime),
    SetMessage(String),
    SetConsent(bool),
    SetShareBudget(bool),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetLocale(locale) => next.locale = locale,
            Action::Next => {
                if self.can_continue() {
                    if let Some(step) = self.step.next() {
                        next.step = step;
                        next.paying_now = false;
                    }
                }
            }
            Action::Back => {
                if let Some(step) = self.step.previous() {
                    next.step = step;
                }
            }
            Action::GoTo(step) => {
                // Later steps need a chosen plan, as Next does.
                let reachable = step <= self.step || step <= Step::Options || self.chosen.is_some();
                if reachable {
                    next.step = step;
                    next.paying_now = false;
                }
            }
            Action::TogglePayNow => next.paying_now = !self.paying_now,
            Action::SetReason(reason) => next.reason = reason,
            Action::SetIncome(text) => next.income = text,
            Action::SetExpenses(text) => next.expenses = text,
            Action::ClearBudget => {
                next.income.clear();
                next.expenses.clear();
                next.share_budget = false;
            }
            Action::SetFirstPayment(text) => next.first_payment = text,
            Action::SetTerm { offer, months } => {
                next.terms.insert(offer, months);
            }
            Action::Choose(offer) => next.chosen = Some(offer),
            Action::AddCustomRow => {
                if self.custom_rows.len() < CUSTOM_ROWS_MAX {
                    next.custom_rows.push(CustomRow::default());
                }
            }
            Action::RemoveCustomRow(index) => {
                if index < next.custom_rows.len() && next.custom_rows.len() > 1 {
                    next.custom_rows.remove(index);
                }
            }
            Action::SetCustomDate(index, text) => {
                if let Some(row) = next.custom_rows.get_mut(index) {
                    row.date = text;
                }
            }
            Action::SetCustomAmount(index, text) => {
                if let Some(row) = next.custom_rows.get_mut(index) {
                    row.amount = text;
                }
            }
            Action::SetContactChannel(channel) => next.contact_channel = Some(channel),
            Action::SetContactTime(time) => next.contact_time = time,
            Action::SetMessage(text) => {
                next.message = text.chars().take(MESSAGE_MAX_CHARS).collect()
            }
            Action::SetConsent(consent) => next.consent = consent,
            Action::SetShareBudget(share) => next.share_budget = share,
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start() -> Rc<State> {
        Rc::new(State::new(Locale::EnUs))
    }

    fn apply(state: Rc<State>, actions: impl IntoIterator<Item = Action>) -> Rc<State> {
        actions.into_iter().fold(state, Reducible::reduce)
    }

    #[test]
    fn switching_language_changes_only_the_language() {
        let next = start().reduce(Action::SetLocale(Locale::ZhCn));
        assert_eq!(next.locale, Locale::ZhCn);
        assert_eq!(next.step, Step::Status);
    }

    #[test]
    fn an_action_that_changes_nothing_keeps_the_same_state() {
        let state = start();
        let next = state.clone().reduce(Action::SetLocale(Locale::EnUs));
        assert!(Rc::ptr_eq(&state, &next));
    }

    #[test]
    fn the_options_step_needs_a_choice_before_moving_on() {
        let state = apply(start(), [Action::Next, Action::Next]);
        assert_eq!(state.step, Step::Options);
        let state = apply(state, [Action::Next]);
        assert_eq!(state.step, Step::Options, "no plan chosen yet");
        let state = apply(state, [Action::Choose(2), Action::Next, Action::Next]);
        assert_eq!(state.step, Step::Review);
        let state = apply(state, [Action::Next]);
        assert_eq!(state.step, Step::Review, "sending is not a step change");
    }

    #[test]
    fn later_steps_cannot_be_jumped_to_without_a_plan() {
        let state = apply(start(), [Action::GoTo(Step::Review)]);
        assert_eq!(state.step, Step::Status);
        let state = apply(state, [Action::GoTo(Step::Options), Action::Back]);
        assert_eq!(state.step, Step::Situation);
    }

    #[test]
    fn budget_figures_are_kept_as_typed_and_can_be_forgotten() {
        let state = apply(
            start(),
            [
                Action::SetIncome("８,000".into()),
                Action::SetExpenses("abc".into()),
                Action::SetShareBudget(true),
            ],
        );
        assert_eq!(state.income, "８,000");
        assert_eq!(state.expenses, "abc");
        let state = apply(state, [Action::ClearBudget]);
        assert!(state.income.is_empty() && state.expenses.is_empty() && !state.share_budget);
    }

    #[test]
    fn custom_rows_are_bounded_and_never_empty() {
        let state = apply(start(), [Action::RemoveCustomRow(0)]);
        assert_eq!(state.custom_rows.len(), 1);
        let state = apply(state, (0..40).map(|_| Action::AddCustomRow));
        assert_eq!(state.custom_rows.len(), CUSTOM_ROWS_MAX);
        let state = apply(
            state,
            [
                Action::SetCustomAmount(3, "100".into()),
                Action::SetCustomDate(99, "x".into()),
            ],
        );
        assert_eq!(state.custom_rows[3].amount, "100");
    }

    #[test]
    fn the_message_is_capped() {
        let state = apply(start(), [Action::SetMessage("字".repeat(600))]);
        assert_eq!(state.message.chars().count(), MESSAGE_MAX_CHARS);
    }
}

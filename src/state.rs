//! The widget's state: one reducer, pure, tested natively. It holds what the customer
//! chose and typed, exactly as typed; everything computed from it (status, plans, the
//! budget check) is derived in [`crate::model`]. Effects (storage, network) live in
//! components, never here.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::Serialize;
use yew::Reducible;

use crate::config::ContactChannel;
use crate::i18n::Locale;
use crate::submit::{AcceptedStatus, Lifecycle, Pending, Receipt};

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
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

/// The draft's storage text: fields apart by U+001F, list items by U+001E, an item's
/// parts by U+001D. Hand-written rather than serde: a derived (de)serialiser for the
/// draft costs the bundle several KB, and this format needs no escaping once typed text
/// is kept free of those three separators.
const FIELD: char = '\u{1f}';
const ITEM: char = '\u{1e}';
const PART: char = '\u{1d}';
const DRAFT_VERSION: &str = "d1";
const DRAFT_FIELDS: usize = 19;

/// Typed text without the draft's separators (nobody types them on purpose).
fn clean(text: &str) -> String {
    text.replace(['\u{1d}', '\u{1e}', '\u{1f}'], " ")
}

/// The position of `value` in `all`, as text.
fn code_of<T: PartialEq>(all: &[T], value: Option<&T>) -> String {
    value
        .and_then(|v| all.iter().position(|a| a == v))
        .map(|i| i.to_string())
        .unwrap_or_default()
}

/// The item of `all` at the position written as `text`.
fn from_code<T: Copy>(all: &[T], text: &str) -> Option<T> {
    all.get(text.parse::<usize>().ok()?).copied()
}

fn items(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.split(ITEM)
        .filter(|item| !item.is_empty())
        .map(|item| item.split_once(PART).unwrap_or((item, "")))
}

impl Draft {
    /// The text kept in session storage.
    pub fn encode(&self) -> String {
        let list = |pairs: Vec<(String, String)>| {
            pairs
                .iter()
                .map(|(a, b)| format!("{}{PART}{}", clean(a), clean(b)))
                .collect::<Vec<_>>()
                .join(&ITEM.to_string())
        };
        let pending = self.pending.as_ref();
        let receipt = self.receipt.as_ref();
        let first_due = pending
            .and_then(|p| p.first_due.clone())
            .or_else(|| receipt.and_then(|r| r.first_due.clone()))
            .unwrap_or_default();
        let fields: [String; DRAFT_FIELDS] = [
            DRAFT_VERSION.to_owned(),
            clean(&self.locale),
            code_of(&Step::ALL, self.step.as_ref()),
            code_of(&MissedReason::ALL, self.reason.as_ref()),
            clean(&self.first_payment),
            list(
                self.terms
                    .iter()
                    .map(|(o, m)| (o.to_string(), m.to_string()))
                    .collect(),
            ),
            self.chosen.map(|c| c.to_string()).unwrap_or_default(),
            list(
                self.custom_rows
                    .iter()
                    .map(|r| (r.date.clone(), r.amount.clone()))
                    .collect(),
            ),
            code_of(&ContactChannel::ALL, self.contact_channel.as_ref()),
            code_of(&ContactTime::ALL, Some(&self.contact_time)),
            clean(&self.message),
            if self.consent { "1" } else { "" }.to_owned(),
            pending.map(|p| clean(&p.key)).unwrap_or_default(),
            pending.map(|p| clean(&p.body)).unwrap_or_default(),
            clean(&first_due.0),
            clean(&first_due.1),
            receipt.map(|r| clean(&r.reference)).unwrap_or_default(),
            code_of(&AcceptedStatus::ALL, receipt.map(|r| &r.status)),
            receipt
                .and_then(|r| r.message.as_deref())
                .map(clean)
                .unwrap_or_default(),
        ];
        fields.join(&FIELD.to_string())
    }

    /// Reads a draft's storage text; `None` for anything else (another version, damage).
    pub fn decode(text: &str) -> Option<Draft> {
        let fields: Vec<&str> = text.split(FIELD).collect();
        let [version, locale, step, reason, first_payment, terms, chosen, custom_rows, channel, time, message, consent, key, body, due_date, due_amount, reference, status, bank_message] =
            <[&str; DRAFT_FIELDS]>::try_from(fields).ok()?;
        if version != DRAFT_VERSION {
            return None;
        }
        let first_due =
            (!due_date.is_empty()).then(|| (due_date.to_owned(), due_amount.to_owned()));
        let some = |text: &str| (!text.is_empty()).then(|| text.to_owned());
        Some(Draft {
            locale: locale.to_owned(),
            step: from_code(&Step::ALL, step),
            reason: from_code(&MissedReason::ALL, reason),
            first_payment: first_payment.to_owned(),
            terms: items(terms)
                .filter_map(|(o, m)| Some((o.parse().ok()?, m.parse().ok()?)))
                .collect(),
            chosen: chosen.parse().ok(),
            custom_rows: items(custom_rows)
                .map(|(date, amount)| CustomRow {
                    date: date.to_owned(),
                    amount: amount.to_owned(),
                })
                .collect(),
            contact_channel: from_code(&ContactChannel::ALL, channel),
            contact_time: from_code(&ContactTime::ALL, time).unwrap_or_default(),
            message: message.to_owned(),
            consent: consent == "1",
            pending: some(key).map(|key| Pending {
                key,
                body: body.to_owned(),
                shared: None,
                first_due: first_due.clone(),
            }),
            receipt: match (some(reference), from_code(&AcceptedStatus::ALL, status)) {
                (Some(reference), Some(status)) => Some(Receipt {
                    reference,
                    status,
                    message: some(bank_message),
                    first_due,
                }),
                _ => None,
            },
        })
    }
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
    /// "Send" was pressed without consent: the consent box says it is needed.
    pub consent_missing: bool,
    pub share_budget: bool,
    /// The proposal being sent: from the first attempt until the bank answers.
    pub pending: Option<Pending>,
    pub lifecycle: Lifecycle,
    /// Counts the rounds of sending started: each new round starts one delivery.
    pub round: u32,
}

/// What survives a reload, in session storage: everything the customer chose and typed
/// except the budget figures, which never leave memory, plus a proposal still on its
/// way or the bank's receipt. After acceptance only the receipt is kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub locale: String,
    pub step: Option<Step>,
    pub reason: Option<MissedReason>,
    pub first_payment: String,
    pub terms: Vec<(usize, u32)>,
    pub chosen: Option<usize>,
    pub custom_rows: Vec<CustomRow>,
    pub contact_channel: Option<ContactChannel>,
    pub contact_time: ContactTime,
    pub message: String,
    pub consent: bool,
    pub pending: Option<Pending>,
    pub receipt: Option<Receipt>,
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
            consent_missing: false,
            share_budget: false,
            pending: None,
            lifecycle: Lifecycle::Idle,
            round: 0,
        }
    }

    /// What to keep in session storage.
    pub fn draft(&self) -> Draft {
        if let Lifecycle::Accepted(receipt) = &self.lifecycle {
            return Draft {
                locale: self.locale.tag().to_owned(),
                receipt: Some(receipt.clone()),
                ..Draft::default()
            };
        }
        Draft {
            locale: self.locale.tag().to_owned(),
            step: Some(self.step),
            reason: self.reason,
            first_payment: self.first_payment.clone(),
            terms: self.terms.iter().map(|(&o, &m)| (o, m)).collect(),
            chosen: self.chosen,
            custom_rows: self.custom_rows.clone(),
            contact_channel: self.contact_channel,
            contact_time: self.contact_time,
            message: self.message.clone(),
            consent: self.consent,
            // The body with the shared budget stays in memory only.
            pending: self.pending.clone().map(|p| Pending { shared: None, ..p }),
            receipt: None,
        }
    }

    /// The state a reload resumes from. `offers` is how many plans the policy offers
    /// now: a draft that chose a plan no longer offered starts again at the options.
    pub fn restored(locale: Locale, draft: Draft, offers: usize) -> Self {
        let mut state = Self::new(Locale::from_tag(&draft.locale).unwrap_or(locale));
        if let Some(receipt) = draft.receipt {
            state.lifecycle = Lifecycle::Accepted(receipt);
            state.step = Step::Review;
            return state;
        }
        state.chosen = draft.chosen.filter(|&offer| offer < offers);
        let step = draft.step.unwrap_or(Step::Status);
        state.step = if state.chosen.is_none() {
            step.min(Step::Options)
        } else {
            step
        };
        state.reason = draft.reason;
        state.first_payment = draft.first_payment;
        for (offer, months) in draft.terms {
            state.terms.insert(offer, months);
        }
        if !draft.custom_rows.is_empty() {
            state.custom_rows = draft.custom_rows;
            state.custom_rows.truncate(CUSTOM_ROWS_MAX);
        }
        state.contact_channel = draft.contact_channel;
        state.contact_time = draft.contact_time;
        state.message = draft.message.chars().take(MESSAGE_MAX_CHARS).collect();
        state.consent = draft.consent;
        if let Some(pending) = draft.pending.filter(|_| state.chosen.is_some()) {
            // A proposal sent but not answered: resumed at the review, with the same key.
            state.pending = Some(pending);
            state.step = Step::Review;
            state.lifecycle = Lifecycle::Sending;
            state.round = 1;
        }
        state
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
    /// "Send" was pressed without consent.
    AskConsent,
    /// Start sending this proposal (ignored without consent or while one is on its way).
    Send(Pending),
    /// Send the proposal on its way again after the automatic attempts stopped (the
    /// customer's "try again"). Ignored while offline: the delivery is still waiting for
    /// the network then.
    Retry,
    /// What the client reports about the proposal on its way.
    Delivery(Lifecycle),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let moves = matches!(action, Action::Next | Action::Back | Action::GoTo(_));
        if moves && self.is_locked() {
            return self;
        }
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
            Action::SetConsent(consent) => {
                next.consent = consent;
                next.consent_missing = false;
            }
            Action::SetShareBudget(share) => next.share_budget = share,
            Action::AskConsent => next.consent_missing = !self.consent,
            Action::Send(pending) => {
                if self.consent && !self.is_locked() {
                    next.pending = Some(pending);
                    next.lifecycle = Lifecycle::Sending;
                    next.round += 1;
                }
            }
            Action::Retry => {
                let stopped = matches!(self.lifecycle, Lifecycle::Failed { offline: false, .. });
                if self.pending.is_some() && stopped {
                    next.lifecycle = Lifecycle::Sending;
                    next.round += 1;
                }
            }
            Action::Delivery(lifecycle) => {
                // Reports only count while a proposal is on its way, except a refusal
                // of one that could not even be built.
                if self.pending.is_some() || matches!(lifecycle, Lifecycle::NeedsAttention(_)) {
                    if matches!(
                        lifecycle,
                        Lifecycle::Accepted(_) | Lifecycle::NeedsAttention(_)
                    ) {
                        next.pending = None;
                    }
                    next.lifecycle = lifecycle;
                }
            }
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

    fn pending() -> Pending {
        Pending {
            key: "k-1".into(),
            body: "{}".into(),
            shared: Some("{\"budget\":{}}".into()),
            first_due: None,
        }
    }

    fn at_review() -> Rc<State> {
        apply(
            start(),
            [
                Action::Choose(2),
                Action::GoTo(Step::Review),
                Action::SetMessage("call after 6".into()),
            ],
        )
    }

    #[test]
    fn sending_needs_consent_and_starts_one_round() {
        let state = apply(at_review(), [Action::Send(pending())]);
        assert!(state.pending.is_none() && state.round == 0);
        let state = apply(state, [Action::AskConsent]);
        assert!(state.consent_missing);
        let state = apply(
            state,
            [
                Action::SetConsent(true),
                Action::Send(pending()),
                Action::Send(pending()),
            ],
        );
        assert!(!state.consent_missing);
        assert_eq!(state.round, 1, "a second press while sending is ignored");
        assert_eq!(state.lifecycle, Lifecycle::Sending);
    }

    #[test]
    fn a_proposal_on_its_way_locks_the_flow_until_answered() {
        let state = apply(
            at_review(),
            [
                Action::SetConsent(true),
                Action::Send(pending()),
                Action::Back,
            ],
        );
        assert_eq!(state.step, Step::Review, "no going back while sending");
        let offline = Lifecycle::Failed { offline: true };
        let state = apply(state, [Action::Delivery(offline.clone()), Action::Retry]);
        assert_eq!(
            (state.round, &state.lifecycle),
            (1, &offline),
            "still waiting"
        );
        let stopped = Lifecycle::Failed { offline: false };
        let state = apply(state, [Action::Delivery(stopped), Action::Retry]);
        assert_eq!((state.round, &state.lifecycle), (2, &Lifecycle::Sending));
        let refused = Lifecycle::NeedsAttention(crate::submit::Refusal {
            code: "rejected".into(),
            reasons: vec![],
        });
        let state = apply(state, [Action::Delivery(refused), Action::Back]);
        assert!(state.pending.is_none());
        assert_eq!(state.step, Step::Details, "a refused plan can be changed");
    }

    #[test]
    fn retry_only_restarts_a_stopped_proposal() {
        let state = apply(at_review(), [Action::Retry]);
        assert_eq!(state.round, 0);
        let state = apply(
            state,
            [
                Action::SetConsent(true),
                Action::Send(pending()),
                Action::Retry,
            ],
        );
        assert_eq!(state.round, 1, "already sending");
    }

    #[test]
    fn the_draft_keeps_what_was_typed_but_never_the_budget() {
        let state = apply(
            at_review(),
            [
                Action::SetIncome("8000".into()),
                Action::SetExpenses("7000".into()),
                Action::SetShareBudget(true),
                Action::SetConsent(true),
                Action::Send(pending()),
            ],
        );
        let draft = state.draft();
        let text = draft.encode();
        assert!(!text.contains("8000") && !text.contains("7000") && !text.contains("budget"));
        assert_eq!(Draft::decode(&text).as_ref(), Some(&draft));
        let restored = State::restored(Locale::ZhCn, draft, 8);
        assert_eq!(restored.locale, Locale::EnUs, "the draft's language wins");
        assert_eq!(restored.message, "call after 6");
        assert_eq!(restored.chosen, Some(2));
        assert_eq!(restored.step, Step::Review);
        assert!(restored.income.is_empty());
        let resumed = restored.pending.as_ref().unwrap();
        assert_eq!((resumed.key.as_str(), resumed.body()), ("k-1", "{}"));
        assert_eq!(
            (restored.round, &restored.lifecycle),
            (1, &Lifecycle::Sending)
        );
    }

    #[test]
    fn a_draft_for_a_plan_no_longer_offered_goes_back_to_the_options() {
        let draft = at_review().draft();
        let restored = State::restored(Locale::EnUs, draft, 2);
        assert_eq!((restored.chosen, restored.step), (None, Step::Options));
    }

    #[test]
    fn after_acceptance_only_the_receipt_is_kept() {
        let receipt = Receipt {
            reference: "RP-000001".into(),
            status: crate::submit::AcceptedStatus::Approved,
            message: None,
            first_due: None,
        };
        let state = apply(
            at_review(),
            [
                Action::SetConsent(true),
                Action::Send(pending()),
                Action::Delivery(Lifecycle::Accepted(receipt.clone())),
            ],
        );
        assert!(state.pending.is_none() && state.is_locked());
        let draft = state.draft();
        assert_eq!(draft.receipt.as_ref(), Some(&receipt));
        assert!(draft.message.is_empty() && draft.chosen.is_none());
        let restored = State::restored(Locale::EnUs, draft, 8);
        assert_eq!(restored.lifecycle, Lifecycle::Accepted(receipt));
    }

    #[test]
    fn a_draft_survives_its_storage_text() {
        let state = apply(
            at_review(),
            [
                Action::SetReason(Some(MissedReason::Illness)),
                Action::SetTerm {
                    offer: 2,
                    months: 24,
                },
                Action::SetTerm {
                    offer: 4,
                    months: 36,
                },
                Action::SetCustomDate(0, "2026-12-20".into()),
                Action::SetCustomAmount(0, "1\u{1f}00".into()),
                Action::AddCustomRow,
                Action::SetContactChannel(ContactChannel::Email),
                Action::SetContactTime(ContactTime::Evening),
                Action::SetMessage("第一行\n第二行".into()),
                Action::SetConsent(true),
            ],
        );
        let draft = state.draft();
        let back = Draft::decode(&draft.encode()).unwrap();
        assert_eq!(
            back.custom_rows[0].amount, "1 00",
            "separators become spaces"
        );
        assert_eq!(back.custom_rows.len(), 2);
        let mut expected = draft.clone();
        expected.custom_rows[0].amount = "1 00".into();
        assert_eq!(back, expected);
        let receipt = Receipt {
            reference: "RP-000002".into(),
            status: AcceptedStatus::UnderReview,
            message: Some("谢谢".into()),
            first_due: Some(("2026-12-28".into(), "772.79".into())),
        };
        let done = Draft {
            locale: "zh-CN".into(),
            receipt: Some(receipt),
            ..Draft::default()
        };
        assert_eq!(Draft::decode(&done.encode()).as_ref(), Some(&done));
    }

    #[test]
    fn damaged_or_foreign_storage_text_is_ignored() {
        for text in ["", "{\"step\":3}", "d2\u{1f}x", &"d1\u{1f}".repeat(30)] {
            assert_eq!(Draft::decode(text), None, "{text:?}");
        }
        let text = Draft::default().encode();
        let mut broken: Vec<&str> = text.split('\u{1f}').collect();
        broken[2] = "99";
        broken[6] = "x";
        let draft = Draft::decode(&broken.join("\u{1f}")).unwrap();
        assert_eq!((draft.step, draft.chosen), (None, None));
    }
}

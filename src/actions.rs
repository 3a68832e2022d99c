//! What the customer can do, and how each action changes the [`State`]: one reducer,
//! pure, tested natively.

use std::rc::Rc;

use yew::Reducible;

use crate::delivery::{Pending, Progress, Report, Trouble};
use crate::i18n::Locale;
use crate::state::Delivery;
use crate::state::{
    ContactChannel, ContactTime, CustomRow, MissedReason, PlanChange, State, Step, CUSTOM_ROWS_MAX,
    MESSAGE_MAX_CHARS,
};

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
    /// Shows every year of the schedule on the details step, or only the first again.
    ToggleWholeSchedule,
    /// The amount typed in "pay part of it now".
    SetPartPayment(String),
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
    Send(Box<Pending>),
    /// Send the proposal on its way again after the automatic attempts stopped (the
    /// customer's "try again"). Ignored while offline: the delivery is still waiting for
    /// the network then.
    Retry,
    /// What the client reports about the proposal on its way.
    Delivery(Report),
    /// The bank's offers as now configured, by key ([`State::follow_offers`]).
    Offers(Vec<u64>),
    /// After taking over a screen the server rendered: the state resumed from the tab's
    /// draft, if it kept one.
    Resume(Option<Box<State>>),
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
            Action::SetLocale(locale) => next.answers.locale = locale,
            Action::Next => {
                if self.can_continue() {
                    if let Some(step) = self.answers.step.next() {
                        next.answers.step = step;
                        next.paying_now = false;
                    }
                }
            }
            Action::Back => {
                if let Some(step) = self.answers.step.previous() {
                    next.answers.step = step;
                }
            }
            Action::GoTo(step) => {
                // Later steps need a chosen plan, as Next does.
                let reachable = step <= self.answers.step
                    || step <= Step::Options
                    || self.answers.chosen.is_some();
                if reachable {
                    next.answers.step = step;
                    next.paying_now = false;
                }
            }
            Action::TogglePayNow => next.paying_now = !self.paying_now,
            Action::ToggleWholeSchedule => next.whole_schedule = !self.whole_schedule,
            Action::SetPartPayment(text) => next.part_payment = text,
            Action::SetReason(reason) => next.answers.reason = reason,
            Action::SetIncome(text) => next.budget.income = text,
            Action::SetExpenses(text) => next.budget.expenses = text,
            Action::ClearBudget => {
                next.budget.income.clear();
                next.budget.expenses.clear();
                next.budget.share = false;
            }
            Action::SetFirstPayment(text) => {
                next.answers.first_payment = text;
                next.last_change = Some(PlanChange::FirstPayment);
            }
            Action::SetTerm { offer, months } => {
                next.answers.terms.insert(offer, months);
                next.last_change = Some(PlanChange::Plan(offer));
            }
            Action::Choose(offer) => {
                next.answers.chosen = Some(offer);
                next.offers_changed = false;
                next.last_change = Some(PlanChange::Plan(offer));
            }
            Action::Offers(keys) => next.follow_offers(keys),
            Action::AddCustomRow => {
                if self.answers.custom_rows.len() < CUSTOM_ROWS_MAX {
                    next.answers.custom_rows.push(CustomRow::default());
                }
            }
            Action::RemoveCustomRow(index) => {
                if index < next.answers.custom_rows.len() && next.answers.custom_rows.len() > 1 {
                    next.answers.custom_rows.remove(index);
                }
            }
            Action::SetCustomDate(index, text) => {
                if let Some(row) = next.answers.custom_rows.get_mut(index) {
                    row.date = text;
                    next.last_change = Some(PlanChange::CustomRow(index));
                }
            }
            Action::SetCustomAmount(index, text) => {
                if let Some(row) = next.answers.custom_rows.get_mut(index) {
                    row.amount = text;
                    next.last_change = Some(PlanChange::CustomRow(index));
                }
            }
            Action::SetContactChannel(channel) => next.answers.contact_channel = Some(channel),
            Action::SetContactTime(time) => next.answers.contact_time = time,
            Action::SetMessage(text) => {
                next.answers.message = text.chars().take(MESSAGE_MAX_CHARS).collect()
            }
            Action::SetConsent(consent) => {
                next.answers.consent = consent;
                next.consent_missing = false;
            }
            Action::SetShareBudget(share) => next.budget.share = share,
            Action::AskConsent => next.consent_missing = !self.answers.consent,
            Action::Send(pending) => {
                if self.answers.consent && !self.is_locked() {
                    next.delivery = Delivery::OnItsWay {
                        pending,
                        now: Progress::Sending,
                    };
                    next.round += 1;
                }
            }
            Action::Retry => {
                if let Delivery::OnItsWay { now, .. } = &mut next.delivery {
                    let stopped = matches!(
                        now,
                        Progress::Failed { trouble } if *trouble != Trouble::Offline
                    );
                    if stopped {
                        *now = Progress::Sending;
                        next.round += 1;
                    }
                }
            }
            Action::Resume(resumed) => {
                if self.awaiting_draft {
                    if let Some(resumed) = resumed {
                        next = *resumed;
                        // Counted on from here: the figures are recomputed below if
                        // what they depend on changed.
                        next.figures = self.figures;
                    }
                    next.awaiting_draft = false;
                }
            }
            Action::Delivery(report) => {
                // Reports only count while a proposal is on its way, except a refusal
                // of one that could not even be built.
                match (report, &mut next.delivery) {
                    (Report::Refused(refusal), _) => {
                        next.delivery = Delivery::Refused(refusal);
                    }
                    (Report::Accepted(receipt), Delivery::OnItsWay { .. }) => {
                        next.delivery = Delivery::Accepted(receipt);
                    }
                    (Report::Progress(progress), Delivery::OnItsWay { now, .. }) => {
                        *now = progress;
                    }
                    _ => {}
                }
            }
        }
        if next.figures_differ(&self) {
            next.figures += 1;
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod tests {
    use super::*;
    use crate::delivery::Lifecycle;
    use crate::state::{CUSTOM_ROWS_MAX, MESSAGE_MAX_CHARS};

    pub(crate) fn start() -> Rc<State> {
        Rc::new(State::new(Locale::EnUs))
    }

    pub(crate) fn apply(state: Rc<State>, actions: impl IntoIterator<Item = Action>) -> Rc<State> {
        actions.into_iter().fold(state, Reducible::reduce)
    }

    #[test]
    fn switching_language_changes_only_the_language() {
        let next = start().reduce(Action::SetLocale(Locale::ZhCn));
        assert_eq!(next.answers.locale, Locale::ZhCn);
        assert_eq!(next.answers.step, Step::Status);
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
        assert_eq!(state.answers.step, Step::Options);
        let state = apply(state, [Action::Next]);
        assert_eq!(state.answers.step, Step::Options, "no plan chosen yet");
        let state = apply(state, [Action::Choose(2), Action::Next, Action::Next]);
        assert_eq!(state.answers.step, Step::Review);
        let state = apply(state, [Action::Next]);
        assert_eq!(
            state.answers.step,
            Step::Review,
            "sending is not a step change"
        );
    }

    #[test]
    fn later_steps_cannot_be_jumped_to_without_a_plan() {
        let state = apply(start(), [Action::GoTo(Step::Review)]);
        assert_eq!(state.answers.step, Step::Status);
        let state = apply(state, [Action::GoTo(Step::Options), Action::Back]);
        assert_eq!(state.answers.step, Step::Situation);
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
        assert_eq!(state.budget.income, "８,000");
        assert_eq!(state.budget.expenses, "abc");
        let state = apply(state, [Action::ClearBudget]);
        assert!(
            state.budget.income.is_empty()
                && state.budget.expenses.is_empty()
                && !state.budget.share
        );
    }

    #[test]
    fn custom_rows_are_bounded_and_never_empty() {
        let state = apply(start(), [Action::RemoveCustomRow(0)]);
        assert_eq!(state.answers.custom_rows.len(), 1);
        let state = apply(state, (0..40).map(|_| Action::AddCustomRow));
        assert_eq!(state.answers.custom_rows.len(), CUSTOM_ROWS_MAX);
        let state = apply(
            state,
            [
                Action::SetCustomAmount(3, "100".into()),
                Action::SetCustomDate(99, "x".into()),
            ],
        );
        assert_eq!(state.answers.custom_rows[3].amount, "100");
    }

    #[test]
    fn the_message_is_capped() {
        let state = apply(start(), [Action::SetMessage("字".repeat(600))]);
        assert_eq!(state.answers.message.chars().count(), MESSAGE_MAX_CHARS);
    }

    fn pending() -> Pending {
        crate::submit::tests::sample_pending()
    }

    /// A customer at the review with plan 2 chosen and a message typed.
    pub(crate) fn at_review() -> Rc<State> {
        apply(
            start(),
            [
                // Keyed as the widget keys its state on its first render (the CN sample).
                Action::Offers(crate::state::offer_keys(
                    &repay_engine::Scenario::from_json(include_str!(
                        "../crates/engine/data/cn-card.json"
                    ))
                    .unwrap(),
                )),
                Action::Choose(2),
                Action::GoTo(Step::Review),
                Action::SetMessage("call after 6".into()),
            ],
        )
    }

    #[test]
    fn sending_needs_consent_and_starts_one_round() {
        let state = apply(at_review(), [Action::Send(Box::new(pending()))]);
        assert!(state.delivery.pending().is_none() && state.round == 0);
        let state = apply(state, [Action::AskConsent]);
        assert!(state.consent_missing);
        let state = apply(
            state,
            [
                Action::SetConsent(true),
                Action::Send(Box::new(pending())),
                Action::Send(Box::new(pending())),
            ],
        );
        assert!(!state.consent_missing);
        assert_eq!(state.round, 1, "a second press while sending is ignored");
        assert_eq!(
            state.delivery.lifecycle(),
            Lifecycle::Progress(Progress::Sending)
        );
    }

    #[test]
    fn a_proposal_on_its_way_locks_the_flow_until_answered() {
        let state = apply(
            at_review(),
            [
                Action::SetConsent(true),
                Action::Send(Box::new(pending())),
                Action::Back,
            ],
        );
        assert_eq!(
            state.answers.step,
            Step::Review,
            "no going back while sending"
        );
        let offline = Progress::Failed {
            trouble: Trouble::Offline,
        };
        let report = |progress| Action::Delivery(Report::Progress(progress));
        let state = apply(state, [report(offline), Action::Retry]);
        assert_eq!(
            (state.round, state.delivery.lifecycle()),
            (1, Lifecycle::Progress(offline)),
            "still waiting"
        );
        let stopped = Progress::Failed {
            trouble: Trouble::BankError,
        };
        let state = apply(state, [report(stopped), Action::Retry]);
        assert_eq!(
            (state.round, state.delivery.lifecycle()),
            (2, Lifecycle::Progress(Progress::Sending))
        );
        let refused = Report::Refused(repay_contract::Refusal::new(
            repay_contract::RefusalCode::Rejected,
            "",
        ));
        let state = apply(state, [Action::Delivery(refused), Action::Back]);
        assert!(state.delivery.pending().is_none());
        assert_eq!(
            state.answers.step,
            Step::Details,
            "a refused plan can be changed"
        );
    }

    /// A screen the server rendered is taken over from the configuration alone; the
    /// tab's draft is applied once, after that, and never over what the customer did.
    #[test]
    fn the_draft_resumes_once_after_a_takeover() {
        let taken_over = Rc::new(State {
            awaiting_draft: true,
            ..State::new(Locale::EnUs)
        });
        let draft = apply(
            at_review(),
            [Action::SetTerm {
                offer: 2,
                months: 12,
            }],
        );
        let resumed = apply(
            taken_over.clone(),
            [Action::Resume(Some(Box::new((*draft).clone())))],
        );
        assert_eq!(resumed.answers, draft.answers);
        assert!(!resumed.awaiting_draft);
        assert!(
            resumed.figures > taken_over.figures,
            "the figures are recomputed for the resumed answers"
        );
        let again = apply(
            resumed.clone(),
            [Action::Resume(Some(Box::new(State::new(Locale::ZhCn))))],
        );
        assert_eq!(
            again.answers, resumed.answers,
            "a second resume changes nothing"
        );
        let nothing_kept = apply(taken_over, [Action::Resume(None)]);
        assert!(!nothing_kept.awaiting_draft);
        assert_eq!(nothing_kept.answers.step, Step::Status);
    }

    #[test]
    fn retry_only_restarts_a_stopped_proposal() {
        let state = apply(at_review(), [Action::Retry]);
        assert_eq!(state.round, 0);
        let state = apply(
            state,
            [
                Action::SetConsent(true),
                Action::Send(Box::new(pending())),
                Action::Retry,
            ],
        );
        assert_eq!(state.round, 1, "already sending");
    }

    /// The figures are recomputed (their count bumped) on every change to what they are
    /// computed from, and on nothing else: a stale count would show stale figures.
    #[test]
    fn the_figures_count_every_change_to_their_inputs_and_nothing_else() {
        let bumps = [
            Action::SetReason(Some(MissedReason::Illness)),
            Action::SetIncome("1".into()),
            Action::SetExpenses("1".into()),
            Action::SetPartPayment("1".into()),
            Action::SetFirstPayment("2026-12-20".into()),
            Action::SetTerm {
                offer: 2,
                months: 6,
            },
            Action::SetCustomAmount(0, "1".into()),
            Action::SetCustomDate(0, "2026-12-20".into()),
            Action::AddCustomRow,
            Action::ClearBudget,
        ];
        let mut state = start();
        for action in bumps {
            let before = state.figures;
            state = apply(state, [action.clone()]);
            assert_eq!(state.figures, before + 1, "{action:?}");
        }
        let quiet = [
            Action::SetLocale(Locale::ZhCn),
            Action::SetMessage("hello".into()),
            Action::SetContactTime(ContactTime::Evening),
            Action::SetContactChannel(ContactChannel::Email),
            Action::SetConsent(true),
            Action::SetShareBudget(true),
            Action::TogglePayNow,
            Action::Choose(2),
            Action::Next,
        ];
        for action in quiet {
            let before = state.figures;
            state = apply(state, [action.clone()]);
            assert_eq!(state.figures, before, "{action:?}");
        }
    }

    #[test]
    fn a_part_payment_is_kept_as_typed_and_changes_nothing_else() {
        let state = start();
        let typed = apply(state.clone(), [Action::SetPartPayment("５00".into())]);
        assert_eq!(typed.part_payment, "５00");
        // Only the part payment and the count of figure changes differ.
        assert_eq!(
            State {
                figures: state.figures,
                part_payment: String::new(),
                ..(*typed).clone()
            },
            *state
        );
    }
}

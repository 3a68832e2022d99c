//! What survives a reload: the draft kept in session storage for one account in one tab.
//! Everything the customer chose and typed except the budget figures, which never leave
//! memory; a proposal still on its way, exactly as it was sent; or, once the bank
//! accepted, only the receipt. Stored as serde JSON. (The proposal's scenario and plan
//! are kept as the JSON they were sent as, so reading a draft back needs no reader for
//! the engine's types.)

use repay_contract::AcceptedStatus;
use repay_engine::account::{iso_date, parse_iso_date};
use repay_engine::{Money, Scenario};
use serde::{Deserialize, Serialize};

use crate::delivery::{Body, FirstPayment, Pending, Progress, Receipt};
use crate::state::{
    offer_keys, Answers, Delivery, State, Step, CUSTOM_ROWS_MAX, MESSAGE_MAX_CHARS,
};

/// The draft format's version: a draft of any other version is ignored. (4: the
/// answers are [`Answers`] itself.)
pub const DRAFT_VERSION: u32 = 4;

/// The draft as stored: the customer's answers as they are in the state, and where their
/// proposal stands. Every field is always written, so a draft missing one is damaged and
/// ignored like any other (no field defaults).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub version: u32,
    pub answers: Answers,
    /// A proposal sent and not yet answered, without the budget.
    pub pending: Option<Body>,
    /// The first payment of the pending proposal's plan, or of the accepted one.
    pub first_due: Option<StoredPayment>,
    pub receipt: Option<StoredReceipt>,
}

/// A first payment as stored: `YYYY-MM-DD` and the amount at minor units, read back in
/// the account's currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredPayment {
    pub date: String,
    pub amount: String,
}

/// What the bank's acceptance said, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredReceipt {
    pub reference: String,
    pub status: AcceptedStatus,
    #[serde(default)]
    pub message: Option<String>,
}

impl StoredPayment {
    fn of(payment: &FirstPayment) -> Self {
        Self {
            date: iso_date(payment.date),
            amount: payment.amount.to_string(),
        }
    }

    fn read(&self, scenario: &Scenario) -> Option<FirstPayment> {
        Some(FirstPayment {
            date: parse_iso_date(&self.date)?,
            amount: Money::parse(&self.amount, scenario.account.currency).ok()?,
        })
    }
}

impl Draft {
    /// The text kept in session storage.
    pub fn encode(&self) -> String {
        // Plain structs of strings and numbers always serialise.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a draft's storage text; `None` for anything else (another version, damage).
    pub fn decode(text: &str) -> Option<Draft> {
        serde_json::from_str::<Draft>(text)
            .ok()
            .filter(|draft| draft.version == DRAFT_VERSION)
    }
}

impl State {
    /// What to keep in session storage.
    pub fn draft(&self) -> Draft {
        if let Delivery::Accepted(receipt) = &self.delivery {
            return Draft {
                version: DRAFT_VERSION,
                answers: Answers {
                    locale: self.answers.locale,
                    ..Answers::default()
                },
                first_due: receipt.first_due.as_ref().map(StoredPayment::of),
                receipt: Some(StoredReceipt {
                    reference: receipt.reference.clone(),
                    status: receipt.status,
                    message: receipt.message.clone(),
                }),
                pending: None,
            };
        }
        let pending = self.delivery.pending();
        Draft {
            version: DRAFT_VERSION,
            answers: self.answers.clone(),
            // The shared budget stays in memory only.
            pending: pending.map(|p| p.body.clone()),
            first_due: pending
                .and_then(|p| p.first_due.as_ref())
                .map(StoredPayment::of),
            receipt: None,
        }
    }

    /// The state a reload resumes from, for the account and policy in `scenario`: a
    /// draft that chose a plan no longer offered starts again at the options.
    pub fn restored(draft: Draft, scenario: &Scenario) -> Self {
        let first_due = draft.first_due.and_then(|due| due.read(scenario));
        let mut answers = draft.answers;
        if let Some(receipt) = draft.receipt {
            let mut state = Self::new(answers.locale);
            state.answers.step = Step::Review;
            state.delivery = Delivery::Accepted(Receipt {
                reference: receipt.reference,
                status: receipt.status,
                message: receipt.message,
                first_due,
            });
            return state;
        }
        // What was stored is held to what the widget allows, as if typed again.
        let offers = scenario.policy.plans.len();
        answers.chosen = answers.chosen.filter(|&offer| offer < offers);
        if answers.chosen.is_none() {
            answers.step = answers.step.min(Step::Options);
        }
        if answers.custom_rows.is_empty() {
            answers.custom_rows = Answers::default().custom_rows;
        }
        answers.custom_rows.truncate(CUSTOM_ROWS_MAX);
        answers.message = answers.message.chars().take(MESSAGE_MAX_CHARS).collect();
        // The choices follow their offers as the bank lists them now. Kept without the
        // offers' keys, what the indices meant is not known: nothing chosen survives.
        if answers.offer_keys.is_empty() && (answers.chosen.is_some() || !answers.terms.is_empty())
        {
            answers.chosen = None;
            answers.terms.clear();
            answers.consent = false;
            answers.step = answers.step.min(Step::Options);
        }
        let mut state = Self::resuming(answers);
        state.follow_offers(offer_keys(scenario));
        if let Some(body) = draft.pending.filter(|_| state.answers.chosen.is_some()) {
            // A proposal sent but not answered: resumed at the review, with the same key.
            state.delivery = Delivery::OnItsWay {
                pending: Box::new(Pending {
                    body,
                    shared_budget: None,
                    first_due,
                }),
                now: Progress::Sending,
            };
            state.answers.step = Step::Review;
            state.round = 1;
        }
        state
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::actions::tests::{apply, at_review};
    use crate::actions::Action;
    use crate::delivery::{Lifecycle, Report};
    use crate::i18n::Locale;
    use crate::state::{ContactChannel, ContactTime, MissedReason};

    fn scenario() -> Scenario {
        Scenario::from_json(include_str!("../crates/engine/data/cn-card.json")).unwrap()
    }

    #[test]
    fn the_draft_keeps_what_was_typed_and_the_proposal_but_never_the_budget() {
        let pending = crate::submit::tests::sample_pending();
        let state = apply(
            at_review(),
            [
                Action::SetIncome("8000".into()),
                Action::SetExpenses("7000".into()),
                Action::SetShareBudget(true),
                Action::SetConsent(true),
                Action::Send(Box::new(pending.clone())),
            ],
        );
        let draft = state.draft();
        let text = draft.encode();
        assert!(!text.contains("8000") && !text.contains("7000") && !text.contains("budget"));
        assert_eq!(Draft::decode(&text).as_ref(), Some(&draft));
        let restored = State::restored(draft, &scenario());
        assert_eq!(
            restored.answers.locale,
            Locale::EnUs,
            "the draft's language wins"
        );
        assert_eq!(restored.answers.message, "call after 6");
        assert_eq!(restored.answers.chosen, Some(2));
        assert_eq!(restored.answers.step, Step::Review);
        assert!(restored.budget.income.is_empty());
        // The same proposal, sent again byte for byte, without the budget.
        let resumed = restored.delivery.pending().unwrap();
        assert_eq!(resumed.key(), pending.key());
        let unshared = Pending {
            shared_budget: None,
            ..pending.clone()
        };
        assert_eq!(resumed.json(), unshared.json());
        assert_eq!(resumed.first_due, pending.first_due);
        assert_eq!(
            (restored.round, restored.delivery.lifecycle()),
            (1, Lifecycle::Progress(Progress::Sending))
        );
    }

    #[test]
    fn a_draft_for_a_plan_no_longer_offered_goes_back_to_the_options() {
        let mut draft = at_review().draft();
        draft.answers.chosen = Some(99);
        let restored = State::restored(draft, &scenario());
        assert_eq!(
            (restored.answers.chosen, restored.answers.step),
            (None, Step::Options)
        );
    }

    #[test]
    fn after_acceptance_only_the_receipt_is_kept() {
        let receipt = Receipt {
            reference: "RP-000001".into(),
            status: AcceptedStatus::Approved,
            message: Some("谢谢".into()),
            first_due: Some(FirstPayment {
                date: jiff::civil::date(2026, 12, 28),
                amount: Money::parse("772.79", scenario().account.currency).unwrap(),
            }),
        };
        let state = apply(
            at_review(),
            [
                Action::SetConsent(true),
                Action::Send(Box::new(crate::submit::tests::sample_pending())),
                Action::Delivery(Report::Accepted(receipt.clone())),
            ],
        );
        assert!(state.delivery.pending().is_none() && state.is_locked());
        let draft = state.draft();
        assert!(
            draft.answers.message.is_empty()
                && draft.answers.chosen.is_none()
                && draft.pending.is_none()
        );
        let back = Draft::decode(&draft.encode()).unwrap();
        let restored = State::restored(back, &scenario());
        assert_eq!(restored.delivery.lifecycle(), Lifecycle::Accepted(&receipt));
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
                Action::SetCustomAmount(0, "1\u{1f}00\"}".into()),
                Action::AddCustomRow,
                Action::SetContactChannel(ContactChannel::Email),
                Action::SetContactTime(ContactTime::Evening),
                Action::SetMessage("第一行\n第二行 \\ \"引号\"".into()),
                Action::SetConsent(true),
            ],
        );
        let draft = state.draft();
        assert_eq!(Draft::decode(&draft.encode()), Some(draft.clone()));
        let restored = State::restored(draft, &scenario());
        let mut expected = (*state).clone();
        expected.consent_missing = false;
        // What was last announced is not what was typed: a reload announces afresh, and
        // computes the figures afresh.
        expected.last_change = None;
        expected.figures = restored.figures;
        assert_eq!(restored, expected, "typed text comes back exactly as typed");
    }

    #[test]
    fn damaged_or_foreign_storage_text_is_ignored() {
        let current = Draft {
            version: DRAFT_VERSION,
            ..Draft::default()
        }
        .encode();
        assert!(Draft::decode(&current).is_some());
        for text in [
            "",
            "{\"step\":\"review\"}",
            "{\"version\":1}",
            "{\"version\":2,\"step\":\"nowhere\"}",
            "d1\u{1f}en-US\u{1f}4",
            &current[..current.len() - 1],
        ] {
            assert_eq!(Draft::decode(text), None, "{text:?}");
        }
    }

    /// The CN sample with its offers rewritten by `change` (the policy's `plans` list).
    fn offers_changed(change: impl Fn(&mut Vec<serde_json::Value>)) -> Scenario {
        let mut json: serde_json::Value =
            serde_json::from_str(include_str!("../crates/engine/data/cn-card.json")).unwrap();
        change(json["policy"]["plans"].as_array_mut().unwrap());
        Scenario::from_json(&json.to_string()).unwrap()
    }

    /// At the review with offer 2 (flat-fee instalments) chosen for 12 months, consent
    /// given, the offers keyed as the CN sample lists them.
    fn chosen_at_review() -> State {
        let state = apply(
            at_review(),
            [
                Action::Offers(offer_keys(&scenario())),
                Action::SetTerm {
                    offer: 2,
                    months: 12,
                },
                Action::SetConsent(true),
            ],
        );
        (*state).clone()
    }

    /// What both a reload and `update()` must do with a changed list: the state after
    /// the draft is restored against `changed`, and after the widget is told of it.
    fn both_ways(changed: &Scenario) -> [State; 2] {
        let state = chosen_at_review();
        let reloaded = State::restored(state.draft(), changed);
        let updated = apply(
            std::rc::Rc::new(state),
            [Action::Offers(offer_keys(changed))],
        );
        [reloaded, (*updated).clone()]
    }

    #[test]
    fn a_choice_follows_its_offer_when_the_bank_reorders_the_list() {
        let swapped = offers_changed(|plans| plans.swap(2, 3));
        for state in both_ways(&swapped) {
            assert_eq!(
                state.answers.chosen,
                Some(3),
                "the flat-fee plan, now third"
            );
            assert_eq!(state.answers.terms.get(&3), Some(&12));
            assert_eq!(state.answers.terms.get(&2), None);
            assert_eq!(state.answers.step, Step::Review);
            assert!(state.answers.consent && !state.offers_changed);
        }
        let reversed = offers_changed(|plans| plans.reverse());
        let last = reversed.policy.plans.len() - 1;
        for state in both_ways(&reversed) {
            assert_eq!(state.answers.chosen, Some(last - 2));
        }
    }

    #[test]
    fn a_chosen_offer_replaced_or_changed_starts_again_at_the_options_without_consent() {
        let replaced = offers_changed(|plans| {
            plans.remove(2);
        });
        let repriced = offers_changed(|plans| {
            let text = plans[2].to_string().replace("0.006", "0.007");
            assert_ne!(text, plans[2].to_string(), "the flat fee is 0.6 % a month");
            plans[2] = serde_json::from_str(&text).unwrap();
        });
        for changed in [replaced, repriced] {
            for state in both_ways(&changed) {
                assert_eq!(state.answers.chosen, None);
                assert!(!state.answers.consent, "consent was given for another plan");
                assert_eq!(state.answers.step, Step::Options);
                assert!(state.offers_changed, "and the customer is told");
            }
        }
    }

    #[test]
    fn a_proposal_on_its_way_is_what_the_customer_saw_whatever_the_list_says() {
        let state = apply(
            std::rc::Rc::new(chosen_at_review()),
            [Action::Send(Box::new(
                crate::submit::tests::sample_pending(),
            ))],
        );
        let swapped = offers_changed(|plans| plans.swap(2, 3));
        let updated = apply(state, [Action::Offers(offer_keys(&swapped))]);
        assert!(updated.delivery.pending().is_some());
        assert_eq!(
            updated.answers.chosen,
            Some(2),
            "locked: nothing moves under a sent proposal"
        );
    }
}

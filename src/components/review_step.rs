//! Step 5, "Review and send": the chosen plan in brief, how the bank should get in
//! touch, an optional message, what to share, and consent to the bank's terms.

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::{fact, slot};

use crate::shared::Shared;

use crate::actions::Action;
use crate::components::bank_contact::bank_contact;
use crate::components::plan_card::verdict_text;
use crate::config::WidgetConfig;
use crate::delivery::{Lifecycle, Progress, Trouble};
use crate::effects::Effect;
use crate::format;
use crate::i18n::{fill, Locale, Msg};
use crate::labels;
use crate::model::Model;
use crate::state::{ContactTime, State, MESSAGE_MAX_CHARS};
use crate::submit::contact_channel;
use repay_contract::{Refusal, RefusalCode};
use repay_engine::PlanKind;

#[derive(Debug, Clone, PartialEq)]
pub struct ReviewStepProps<'a> {
    pub config: Shared<WidgetConfig>,
    pub state: &'a State,
    pub model: Shared<Model>,
    /// The chosen offer: `model.plans[offer]` is the plan reviewed.
    pub offer: usize,
    pub dispatch: Callback<Action>,
    /// Sending goes through the effects layer, which reads the clock and makes the id.
    pub effect: Callback<Effect>,
    pub heading: NodeRef,
    pub ids: AttrValue,
}

/// What the customer reads about a proposal on its way or refused.
fn lifecycle_text(lifecycle: Lifecycle<'_>, locale: Locale) -> String {
    let text = |msg: Msg| msg.text(locale).to_owned();
    match lifecycle {
        Lifecycle::Idle | Lifecycle::Accepted(_) => String::new(),
        Lifecycle::Progress(Progress::Sending) => text(Msg::Sending),
        Lifecycle::Progress(Progress::Retrying { seconds, trouble }) => {
            let msg = match trouble {
                Trouble::BankError => Msg::RetryingBankError,
                Trouble::Busy { .. } => Msg::RetryingBusy,
                // A signed-out customer is never retried automatically (`Outcome::Held`).
                Trouble::Offline | Trouble::Unreachable | Trouble::SignedOut => Msg::Retrying,
            };
            fill(
                msg.text(locale),
                &[("n", &format::integer(i64::from(seconds), locale))],
            )
        }
        Lifecycle::Progress(Progress::Failed {
            trouble: Trouble::Offline,
        }) => text(Msg::Offline),
        Lifecycle::Progress(Progress::Failed {
            trouble: Trouble::Unreachable,
        }) => text(Msg::SendFailed),
        Lifecycle::Progress(Progress::Failed {
            trouble: Trouble::BankError,
        }) => text(Msg::SendFailedBankError),
        Lifecycle::Progress(Progress::Failed {
            trouble: Trouble::SignedOut,
        }) => text(Msg::SendFailedSignedOut),
        Lifecycle::Progress(Progress::Failed {
            trouble: Trouble::Busy { seconds: Some(s) },
        }) => {
            // Said in whole minutes, rounded up: never sooner than the bank asked.
            let minutes = i64::from(s.div_ceil(60));
            fill(
                Msg::SendFailedBusyFor.count(locale, minutes),
                &[("n", &format::integer(minutes, locale))],
            )
        }
        Lifecycle::Progress(Progress::Failed {
            trouble: Trouble::Busy { seconds: None },
        }) => text(Msg::SendFailedBusy),
        Lifecycle::NeedsAttention(Refusal { error, .. }) => match error {
            RefusalCode::Rejected => text(Msg::RefusedRejected),
            RefusalCode::FiguresDiffer => text(Msg::RefusedFigures),
            RefusalCode::UnknownTermsVersion => text(Msg::RefusedTerms),
            _ => fill(Msg::RefusedOther.text(locale), &[("code", error.code())]),
        },
    }
}

#[inline(never)]
pub fn review_step(props: &ReviewStepProps<'_>) -> Html {
    let locale = props.state.answers.locale;
    let ids = &props.ids;
    let Some(plan) = props.model.plans.get(props.offer) else {
        return html! {};
    };
    let money = |m: &repay_engine::Money| format::money(m, locale);
    let (payment_label, payment_text) = labels::payment(plan, locale);
    let rate = plan.annualised_rate.as_ref().map_or_else(
        || Msg::NoRate.text(locale).to_owned(),
        |r| format::percent(&r.effective, locale),
    );
    let fact =
        |label: Msg, value: String| fact("repay-widget__fact", label.text(locale), value, None);
    let locked = props.state.is_locked();
    let chosen_channel = contact_channel(&props.config, props.state);
    let channel_name = format!("{ids}-contact");
    let channels = props.config.contact_channels.iter().enumerate().map(|(i, &channel)| {
        let id = format!("{ids}-contact-{i}");
        html! {
            <div class="repay-widget__choice">
                <input type="radio" id={id.clone()} name={channel_name.clone()} disabled={locked}
                    checked={chosen_channel == channel}
                    onchange={props.dispatch.reform(move |_: Event| Action::SetContactChannel(channel))} />
                <label for={id}>{ labels::contact_channel(channel, locale) }</label>
            </div>
        }
    });
    let time_name = format!("{ids}-time");
    let times = ContactTime::ALL.iter().enumerate().map(|(i, &time)| {
        let id = format!("{ids}-time-{i}");
        html! {
            <div class="repay-widget__choice">
                <input type="radio" id={id.clone()} name={time_name.clone()} disabled={locked}
                    checked={props.state.answers.contact_time == time}
                    onchange={props.dispatch.reform(move |_: Event| Action::SetContactTime(time))} />
                <label for={id}>{ labels::contact_time(time, locale) }</label>
            </div>
        }
    });
    let message_id = format!("{ids}-message");
    let counter_id = format!("{ids}-message-counter");
    let left = MESSAGE_MAX_CHARS.saturating_sub(props.state.answers.message.chars().count());
    let has_budget =
        !props.state.budget.income.is_empty() && !props.state.budget.expenses.is_empty();
    let share_id = format!("{ids}-share-budget");
    let consent_id = format!("{ids}-consent");
    let consent_label = html! {
        <>
            { Msg::ConsentBefore.text(locale) }
            <a class="repay-widget__link" href={props.config.terms.url.clone()} target="_blank" rel="noopener">
                { Msg::TermsLinkText.text(locale) }
            </a>
            { Msg::ConsentAfter.text(locale) }
        </>
    };
    let consent_error_id = format!("{ids}-consent-error");
    // Sending without consent moves focus here, and the error below is announced.
    let consent_box = NodeRef::default();
    let missing = props.state.consent_missing;
    let lifecycle = props.state.delivery.lifecycle();
    let offer = props.offer;
    let target = consent_box.clone();
    let onsend = props.effect.reform(move |_: MouseEvent| Effect::Send {
        offer,
        consent: target.clone(),
    });
    let failed = matches!(lifecycle, Lifecycle::Progress(Progress::Failed { .. }));
    // A payment made once, now, approved on the spot: the bank has nothing to discuss,
    // so the contact questions are not asked (the first configured channel goes).
    let one_off = matches!(plan.kind, PlanKind::PayInFull | PlanKind::BringCurrent)
        && plan.verdict == repay_engine::Verdict::ApprovedInstantly;
    let contact_questions = (!one_off).then(|| {
        html! {
            <>
                <fieldset class="repay-widget__fieldset" data-testid="contact-questions">
                    <legend>{ Msg::ContactLegend.text(locale) }</legend>
                    { for channels }
                </fieldset>
                <fieldset class="repay-widget__fieldset">
                    <legend>{ Msg::TimeLegend.text(locale) }</legend>
                    { for times }
                </fieldset>
            </>
        }
    });
    let refused = matches!(lifecycle, Lifecycle::NeedsAttention(_)).then(|| {
        bank_contact(
            props.config.bank_contact.as_ref(),
            Msg::ContactLeadRefused,
            locale,
        )
    });
    let stopped = matches!(lifecycle, Lifecycle::Progress(Progress::Failed { trouble }) if trouble != Trouble::Offline);
    html! {
        <div class="repay-widget__step" data-testid="review">
            <h2 class="repay-widget__heading" tabindex="-1" ref={props.heading.clone()}>
                { Msg::StepReview.text(locale) }
            </h2>
            <p class="repay-widget__intro">{ Msg::ReviewIntro.text(locale) }</p>
            <h3 class="repay-widget__subheading">{ labels::plan_name(plan, locale) }</h3>
            <dl class="repay-widget__facts" data-testid="review-summary">
                // The payments are the longest figure ("11 期 × US$224.01，最後一期
                // US$223.98"): a row of their own, not four lines in half of one.
                { crate::components::fact("repay-widget__fact repay-widget__fact--wide", payment_label.text(locale), payment_text, None) }
                { fact(Msg::FirstPaymentLabel, format::date(plan.first_payment_date.0, locale)) }
                { fact(Msg::LastPayment, format::date(plan.end_date.0, locale)) }
                { fact(if plan.review_date.is_some() { Msg::TotalPaidUntilReview } else { Msg::TotalPaid }, money(&plan.total_paid)) }
                { fact(Msg::ExtraCost, money(&plan.total_cost)) }
                { fact(Msg::TrueRate, rate) }
                { slot(props.state.answers.reason.map(|r| fact(Msg::YourReason, labels::missed_reason(r, locale).to_owned()))) }
            </dl>
            <p class="repay-widget__verdict">{ verdict_text(&plan.verdict, props.config.review_days, locale) }</p>
            // A plan that ends in a review: what is owed then, before anything is sent.
            { slot(props.model.advice.plans.get(props.offer).and_then(|advice| advice.review.as_ref()).map(|review| {
                let [when, until] = crate::components::plan_card::review_lines(review, locale);
                html! {
                    <ul class="repay-widget__notes" data-testid="review-then">
                        <li>{ when }</li>
                        <li>{ until }</li>
                    </ul>
                }
            })) }
            if !plan.statements.is_empty() {
                <h3 class="repay-widget__subheading">{ Msg::AgreementHeading.text(locale) }</h3>
                { crate::components::plan_card::statements(plan, "review-statements".to_owned(), locale) }
            }
            { slot(contact_questions) }
            <div class="repay-widget__field">
                <label class="repay-widget__label" for={message_id.clone()}>{ Msg::MessageLabel.text(locale) }</label>
                <textarea class="repay-widget__input repay-widget__textarea" id={message_id} rows="4" disabled={locked}
                    maxlength={MESSAGE_MAX_CHARS.to_string()} aria-describedby={counter_id.clone()}
                    value={props.state.answers.message.clone()}
                    oninput={props.dispatch.reform(|e: InputEvent| {
                        Action::SetMessage(e.target_unchecked_into::<HtmlTextAreaElement>().value())
                    })} />
                <p class="repay-widget__hint" id={counter_id}>
                    { fill(Msg::CharactersLeft.count(locale, i64::try_from(left).unwrap_or(i64::MAX)), &[("n", &left.to_string())]) }
                </p>
            </div>
            { slot(has_budget.then(|| html! {
                <div class="repay-widget__choice">
                    <input type="checkbox" id={share_id.clone()} disabled={locked} checked={props.state.budget.share}
                        onchange={props.dispatch.reform(|e: Event| {
                            Action::SetShareBudget(e.target_unchecked_into::<HtmlInputElement>().checked())
                        })} />
                    <label for={share_id}>{ Msg::ShareBudget.text(locale) }</label>
                </div>
            })) }
            <div class="repay-widget__choice">
                <input type="checkbox" id={consent_id.clone()} checked={props.state.answers.consent}
                    ref={consent_box.clone()}
                    data-testid="consent" disabled={locked}
                    aria-invalid={missing.then_some("true")}
                    aria-describedby={missing.then(|| consent_error_id.clone())}
                    onchange={props.dispatch.reform(|e: Event| {
                        Action::SetConsent(e.target_unchecked_into::<HtmlInputElement>().checked())
                    })} />
                <label for={consent_id}>{ consent_label }</label>
            </div>
            { slot(missing.then(|| html! {
                <p class="repay-widget__error-text" id={consent_error_id.clone()} data-testid="consent-error"
                    role="alert">
                    { Msg::ConsentRequired.text(locale) }
                </p>
            })) }
            <div class="repay-widget__send">
                // One button whose label follows the state, so focus stays on it.
                <button type="button" class="repay-widget__button" data-testid="send"
                    aria-disabled={(locked && !stopped).then_some("true")}
                    onclick={if failed { props.dispatch.reform(|_: MouseEvent| Action::Retry) } else { onsend }}>
                    { if failed { Msg::TryAgain } else { Msg::SendProposal }.text(locale) }
                </button>
                <p class="repay-widget__send-status" data-testid="send-status">
                    { lifecycle_text(lifecycle, locale) }
                </p>
                // Heard by a screen reader: "sending" once, however many attempts it takes
                // (the text stays the same through retries), and a failure assertively.
                <p class="repay-widget__visually-hidden" role="status">
                    { if matches!(lifecycle, Lifecycle::Progress(Progress::Sending | Progress::Retrying { .. })) { Msg::Sending.text(locale) } else { "" } }
                </p>
                <p class="repay-widget__visually-hidden" role="alert" data-testid="send-alert">
                    { if matches!(lifecycle, Lifecycle::Progress(Progress::Failed { .. }) | Lifecycle::NeedsAttention(_)) { lifecycle_text(lifecycle, locale) } else { String::new() } }
                </p>
            </div>
            { slot(refused) }
        </div>
    }
}

//! Step 1, "Where you stand": the overdue amount, how late it is, the stage, the last
//! payment received; what matters most and the dates that avoid each harm; the two ways
//! forward (pay the overdue amount now, or see the other options); what has been
//! charged, every date ahead and what waiting costs; and a person to talk to.

use yew::prelude::*;

use crate::components::{fact, slot};

use crate::shared::Shared;

use crate::actions::Action;
use crate::components::bank_contact::bank_contact;
use crate::components::debt_advice::debt_advice;
use crate::components::pay_now::{pay_now, PayNowProps};
use crate::components::timeline::{deadlines, leading, timeline, TimelineProps};
use crate::components::waiting_cost::{waiting_cost, WaitingCostProps};
use crate::config::WidgetConfig;
use crate::format;
use crate::i18n::{fill, Locale, Msg};
use crate::labels;
use crate::model::Model;
use crate::state::Step;

/// Days past due up to which the message reads as a friendly reminder: most people this
/// early simply forgot.
const EARLY_REMINDER_DAYS: u32 = 5;

#[derive(Debug, Clone, PartialEq)]
pub struct StatusStepProps {
    pub config: Shared<WidgetConfig>,
    pub model: Shared<Model>,
    pub locale: Locale,
    pub paying_now: bool,
    /// The part payment as typed.
    pub part_payment: AttrValue,
    pub dispatch: Callback<Action>,
    pub heading: NodeRef,
    pub ids: AttrValue,
}

pub fn status_step(props: &StatusStepProps) -> Html {
    let locale = props.locale;
    let status = &props.model.status;
    let account = &props.config.scenario.account;
    let days = status.days_past_due;
    let overdue = account.in_arrears();
    let intro = match days {
        _ if !overdue => Msg::NotYetDue,
        1..=EARLY_REMINDER_DAYS => Msg::ReminderEarly,
        _ => Msg::ReminderLater,
    };
    // Not in arrears: the next payment, when its date is still to come, and what the
    // customer can do if they fear it.
    let not_in_arrears = (!overdue).then(|| {
        let next =
            (account.due_date >= account.as_of && !account.minimum_due.is_zero()).then(|| {
                fill(
                    Msg::NextDue.text(locale),
                    &[
                        ("amount", &format::money(&account.minimum_due, locale)),
                        ("date", &format::date(account.due_date, locale)),
                    ],
                )
            });
        let what_now = if props.config.scenario.policy.before_arrears {
            Msg::BeforeArrearsOpen
        } else {
            Msg::BeforeArrearsClosed
        };
        html! {
            <>
                { slot(next.map(|text| html! { <p data-testid="next-due">{ text }</p> })) }
                <p data-testid="before-arrears">{ what_now.text(locale) }</p>
            </>
        }
    });
    let grace = props.model.advice.grace_until.map(|last_free_day| {
        html! {
            <p class="repay-widget__note" data-testid="grace">
                { fill(Msg::GraceNote.text(locale), &[("date", &format::date(last_free_day.0, locale))]) }
            </p>
        }
    });
    let stage = status.stage.as_ref().map(|code| {
        html! {
            { fact("repay-widget__fact", Msg::StageLabel.text(locale), labels::stage_name(code, locale).to_string(), Some("stage".to_owned())) }
        }
    });
    let money = |m: &repay_engine::Money| format::money(m, locale);
    let charged = if status.charged.total.is_zero() {
        html! { <p>{ Msg::NothingCharged.text(locale) }</p> }
    } else {
        html! {
            <dl class="repay-widget__facts">
                if status.has_late_fees() {
                    { fact("repay-widget__fact", Msg::LateFees.text(locale), money(&status.charged.late_fees), Some("fees-charged".to_owned())) }
                }
                if status.has_penalty_interest() {
                    { fact("repay-widget__fact", Msg::PenaltyInterest.text(locale), money(&status.charged.penalty_interest), Some("penalty-interest".to_owned())) }
                }
            </dl>
        }
    };
    // Not in arrears: a customer who fears the next payment. The bank says whether it
    // takes a plan now; nothing that has not begun is shown as coming.
    let before_arrears = !overdue && props.config.scenario.policy.before_arrears;
    let actions = (overdue || before_arrears).then(|| {
        let pay_now = overdue.then(|| html! {
            <button type="button" class="repay-widget__button" data-testid="pay-now"
                aria-expanded={if props.paying_now { "true" } else { "false" }}
                onclick={props.dispatch.reform(|_: MouseEvent| Action::TogglePayNow)}>
                { Msg::PayNow.text(locale) }
            </button>
        });
        html! {
            <div class="repay-widget__actions">
                { slot(pay_now) }
                <button type="button" class={classes!("repay-widget__button", overdue.then_some("repay-widget__button--secondary"))}
                        data-testid="see-options"
                        onclick={props.dispatch.reform(|_: MouseEvent| Action::GoTo(Step::Options))}>
                        // Before arrears there is no first way (paying the arrears):
                        // the plans are the way.
                        { if overdue { Msg::SeeOptions } else { Msg::SeePlansBeforeArrears }.text(locale) }
                    </button>
            </div>
        }
    });
    let pay_now = (overdue && props.paying_now).then(|| {
        pay_now(&PayNowProps {
            config: props.config.clone(),
            model: props.model.clone(),
            locale,
            part_payment: props.part_payment.clone(),
            dispatch: props.dispatch.clone(),
            ids: props.ids.clone(),
        })
    });
    let last_payment = account.last_payment.map(|payment| {
        fact(
            "repay-widget__fact repay-widget__fact--wide",
            Msg::LastPaymentReceived.text(locale),
            fill(
                Msg::LastPaymentValue.text(locale),
                &[
                    ("amount", &format::money(&payment.amount, locale)),
                    ("date", &format::date(payment.date, locale)),
                ],
            ),
            Some("last-payment".to_owned()),
        )
    });
    let timeline_props = TimelineProps {
        model: props.model.clone(),
        locale,
    };
    let as_of = fill(
        Msg::AsOf.text(locale),
        &[("date", &format::date(account.as_of, locale))],
    );

    // When none of the statement's minimum was paid, that is what is overdue: named in
    // the words of the statement the customer has in hand (最低還款額, minimum payment).
    let overdue_label = if status.overdue_amount == account.minimum_due {
        Msg::OverdueMinimum
    } else {
        Msg::OverdueAmount
    };

    html! {
        <div class="repay-widget__step" data-testid="status">
            <h2 class="repay-widget__heading" tabindex="-1" ref={props.heading.clone()}>
                { Msg::StepStatus.text(locale) }
            </h2>
            <p class="repay-widget__intro">{ intro.text(locale) }</p>
            { slot(not_in_arrears) }
            { slot(grace) }
            <dl class="repay-widget__facts">
                if overdue {
                    { fact("repay-widget__fact repay-widget__fact--main", overdue_label.text(locale), money(&status.overdue_amount), Some("overdue-amount".to_owned())) }
                    { fact("repay-widget__fact", Msg::DueDate.text(locale), format::date(account.due_date, locale), Some("due-date".to_owned())) }
                } else if account.due_date >= account.as_of {
                    { fact("repay-widget__fact repay-widget__fact--main", Msg::NextMinimum.text(locale), money(&account.minimum_due), Some("next-minimum".to_owned())) }
                    { fact("repay-widget__fact", Msg::NextDueDate.text(locale), format::date(account.due_date, locale), Some("due-date".to_owned())) }
                }
                { slot(stage) }
                { slot(last_payment) }
            </dl>
            if overdue {
                <p class="repay-widget__days" data-testid="days-past-due">
                    { fill(Msg::DaysPastDue.count(locale, i64::from(days)), &[("days", &format::integer(i64::from(days), locale))]) }
                </p>
            }
            { leading(&timeline_props) }
            { slot(actions) }
            { slot(pay_now) }
            <h3 class="repay-widget__subheading">{ Msg::ChargedSoFar.text(locale) }</h3>
            { charged }
            <p class="repay-widget__owed">
                { Msg::OwedToday.text(locale) }{ Msg::Colon.text(locale) }
                <strong data-testid="owed-today">{ money(&status.owed_today) }</strong>
            </p>
            { deadlines(&timeline_props) }
            { timeline(&timeline_props) }
            { slot(overdue.then(|| waiting_cost(&WaitingCostProps { model: props.model.clone(), locale }))) }
            { bank_contact(props.config.bank_contact.as_ref(), Msg::ContactLeadStatus, locale) }
            { debt_advice(&props.config.debt_advice, "debt-advice", locale) }
            <p class="repay-widget__as-of">{ as_of }</p>
        </div>
    }
}

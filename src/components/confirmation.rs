//! After the bank accepted the proposal, in the words that fit the plan: the reference;
//! for a one-off payment, the amount, the date and the ways to pay; for a plan agreed,
//! its first payment; for a plan under review, when the bank answers, what happens to
//! charges and reporting meanwhile, and the first payment if it agrees; then how to keep
//! the next due date (automatic payments, reminders) and a person to talk to.

use yew::prelude::*;

use crate::components::bank_contact::bank_contact;
use crate::components::debt_advice::debt_advice;
use crate::components::pay_now::channels;
use crate::components::plan_card::before_first_lines;
use crate::components::slot;
use crate::config::WidgetConfig;
use crate::delivery::Receipt;
use crate::format;
use crate::i18n::{fill, Locale, Msg};
use repay_contract::AcceptedStatus;
use repay_engine::advice::PlanAdvice;
use repay_engine::{Plan, PlanKind};

#[derive(Debug, Clone, PartialEq)]
pub struct ConfirmationProps<'a> {
    pub receipt: &'a Receipt,
    pub config: &'a WidgetConfig,
    /// The plan proposed (`None` if the configuration changed under a stored receipt).
    pub plan: Option<&'a Plan>,
    /// What the engine claims about that plan: harms before its first payment.
    pub advice: Option<&'a PlanAdvice>,
    pub locale: Locale,
    pub heading: NodeRef,
}

/// The confirmation, in place of the steps.
#[inline(never)]
pub fn confirmation(props: &ConfirmationProps<'_>) -> Html {
    let locale = props.locale;
    let receipt = props.receipt;
    let outcome = match (receipt.status, props.config.review_days) {
        (AcceptedStatus::Approved, _) => Msg::SentApproved.text(locale).to_owned(),
        (AcceptedStatus::UnderReview, Some(days)) => fill(
            Msg::SentReviewDays.count(locale, i64::from(days)),
            &[("days", &days.to_string())],
        ),
        (AcceptedStatus::UnderReview, None) => Msg::SentReview.text(locale).to_owned(),
        (AcceptedStatus::Received, _) => Msg::SentReceived.text(locale).to_owned(),
    };
    // A payment made once, now: what to pay and how, not a plan to keep.
    let one_off = props
        .plan
        .is_some_and(|p| matches!(p.kind, PlanKind::PayInFull | PlanKind::BringCurrent));
    let reviewed = receipt.status == AcceptedStatus::UnderReview;
    let first_due = receipt.first_due.map(|due| {
        let msg = match (one_off, reviewed) {
            (true, _) => Msg::PayOnceBy,
            (false, true) => Msg::FirstDueIfAgreed,
            (false, false) => Msg::FirstDue,
        };
        fill(
            msg.text(locale),
            &[
                ("amount", &format::money(&due.amount, locale)),
                ("date", &format::date(due.date, locale)),
            ],
        )
    });
    // What comes before the first payment, and whether the plan stops it.
    let before_first = props
        .advice
        .map(|advice| {
            before_first_lines(advice, receipt.status == AcceptedStatus::Approved, locale)
        })
        .filter(|lines| !lines.is_empty())
        .map(|lines| {
            html! {
                <ul class="repay-widget__notes" data-testid="before-first">
                    { for lines.into_iter().map(|text| html! { <li>{ text }</li> }) }
                </ul>
            }
        });
    let outcome = match (one_off, receipt.status) {
        (true, AcceptedStatus::Approved) => Msg::SentPayment.text(locale).to_owned(),
        _ => outcome,
    };
    let meanwhile = reviewed.then(|| {
        let review = props.config.scenario.policy.while_reviewed;
        let charges = if review.charges_paused {
            Msg::ReviewChargesPaused
        } else {
            Msg::ReviewChargesContinue
        };
        let reporting = if review.reporting_paused {
            Msg::ReviewReportingPaused
        } else {
            Msg::ReviewReportingContinue
        };
        html! {
            <div data-testid="meanwhile">
                <h3 class="repay-widget__subheading">{ Msg::MeanwhileHeading.text(locale) }</h3>
                <ul class="repay-widget__effects">
                    <li>{ charges.text(locale) }</li>
                    <li>{ reporting.text(locale) }</li>
                </ul>
            </div>
        }
    });
    let ways_to_pay = one_off.then(|| {
        html! {
            <div data-testid="ways-to-pay">
                <h3 class="repay-widget__subheading">{ Msg::WaysToPay.text(locale) }</h3>
                { channels(props.config, locale) }
            </div>
        }
    });
    let auto_debit = props.config.auto_debit_url();
    // The bank's own ways to keep the next due date, from the configuration.
    let link = |url: &String, label: Msg| {
        html! {
            <li>
                <a class="repay-widget__button repay-widget__button--secondary repay-widget__button-link"
                    href={url.clone()} target="_blank" rel="noopener">
                    { label.text(locale) }
                </a>
            </li>
        }
    };
    html! {
        <div class="repay-widget__step" data-testid="confirmation">
            <h2 class="repay-widget__heading" tabindex="-1" ref={props.heading.clone()}>
                { Msg::SentTitle.text(locale) }
            </h2>
            <dl class="repay-widget__facts">
                <div class="repay-widget__fact">
                    <dt>{ Msg::ReferenceLabel.text(locale) }</dt>
                    <dd class="repay-widget__reference" data-testid="reference">{ &receipt.reference }</dd>
                </div>
            </dl>
            <p data-testid="outcome">{ outcome }</p>
            { slot(receipt.message.as_ref().map(|m| html! { <p>{ m }</p> })) }
            { slot(first_due.map(|text| html! { <p data-testid="first-due">{ text }</p> })) }
            { slot(before_first) }
            { slot(ways_to_pay) }
            { slot(meanwhile) }
            <h3 class="repay-widget__subheading">{ Msg::NextTimeHeading.text(locale) }</h3>
            <ul class="repay-widget__actions" data-testid="next-time">
                { slot(auto_debit.map(|url| link(url, Msg::ChannelAutoDebit))) }
                { slot(props.config.reminders_url.as_ref().map(|url| link(url, Msg::SignUpReminders))) }
            </ul>
            { bank_contact(props.config.bank_contact.as_ref(), Msg::ContactLeadAfter, locale) }
            { debt_advice(&props.config.debt_advice, "debt-advice-after", locale) }
        </div>
    }
}

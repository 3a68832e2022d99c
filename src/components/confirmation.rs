//! After the bank accepted the proposal: the reference, what happens next, the first
//! payment, and how to keep the next due date: the bank's automatic payments and payment
//! reminders (calendar files of the schedule are on the plan details step).

use yew::prelude::*;

use crate::components::slot;
use crate::config::{PaymentChannelKind, WidgetConfig};
use crate::format;
use crate::i18n::{fill, Locale, Msg};
use crate::submit::Receipt;
use repay_contract::AcceptedStatus;

#[derive(Debug, Clone, PartialEq)]
pub struct ConfirmationProps<'a> {
    pub receipt: &'a Receipt,
    pub config: &'a WidgetConfig,
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
            Msg::SentReviewDays.text(locale),
            &[("days", &days.to_string())],
        ),
        (AcceptedStatus::UnderReview, None) => Msg::SentReview.text(locale).to_owned(),
        (AcceptedStatus::Received, _) => Msg::SentReceived.text(locale).to_owned(),
    };
    let first_due = receipt.first_due.map(|due| {
        fill(
            Msg::FirstDue.text(locale),
            &[
                ("amount", &format::money(&due.amount, locale)),
                ("date", &format::date(due.date, locale)),
            ],
        )
    });
    let auto_debit = props.config.payment_channels.iter().find_map(|channel| {
        channel
            .url
            .as_ref()
            .filter(|_| channel.kind == PaymentChannelKind::AutoDebit)
    });
    // The bank's own ways to keep the next due date, from the configuration.
    let link = |url: &String, label: Msg| {
        html! {
            <li>
                <a class="repay-widget__link" href={url.clone()} target="_blank" rel="noopener">
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
            <h3 class="repay-widget__subheading">{ Msg::NextTimeHeading.text(locale) }</h3>
            <ul class="repay-widget__actions" data-testid="next-time">
                { slot(auto_debit.map(|url| link(url, Msg::ChannelAutoDebit))) }
                { slot(props.config.reminders_url.as_ref().map(|url| link(url, Msg::SignUpReminders))) }
            </ul>
        </div>
    }
}

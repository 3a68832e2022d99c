//! "Where you stand": the overdue amount, how late it is and what has been charged.

use repay_engine::AccountSnapshot;
use yew::prelude::*;

use crate::format;
use crate::i18n::{fill, Locale, Msg};

/// Days past due up to which the message reads as a friendly reminder: most people this
/// early simply forgot.
const EARLY_REMINDER_DAYS: i64 = 5;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct StatusSummaryProps {
    pub account: AccountSnapshot,
    pub locale: Locale,
}

/// The customer's overdue status, in plain words.
#[component]
pub fn StatusSummary(props: &StatusSummaryProps) -> Html {
    let locale = props.locale;
    let account = &props.account;
    let days = account.days_past_due();
    let intro = match days {
        0 => Msg::NotYetDue,
        1..=EARLY_REMINDER_DAYS => Msg::ReminderEarly,
        _ => Msg::ReminderLater,
    };
    let days_text = fill(
        Msg::DaysPastDue.text(locale),
        &[("days", &format::integer(days, locale))],
    );
    let as_of = fill(
        Msg::AsOf.text(locale),
        &[("date", &format::date(account.as_of, locale))],
    );

    html! {
        <div class="repay-widget__step" data-testid="status">
            <h2 class="repay-widget__heading">{ Msg::StatusHeading.text(locale) }</h2>
            <p class="repay-widget__intro">{ intro.text(locale) }</p>
            <dl class="repay-widget__facts">
                <div class="repay-widget__fact repay-widget__fact--main">
                    <dt>{ Msg::OverdueAmount.text(locale) }</dt>
                    <dd data-testid="overdue-amount">{ format::money(&account.overdue_amount, locale) }</dd>
                </div>
                <div class="repay-widget__fact">
                    <dt>{ Msg::DueDate.text(locale) }</dt>
                    <dd data-testid="due-date">{ format::date(account.due_date, locale) }</dd>
                </div>
            </dl>
            <p class="repay-widget__days" data-testid="days-past-due">{ days_text }</p>
            <h3 class="repay-widget__subheading">{ Msg::ChargedSoFar.text(locale) }</h3>
            <dl class="repay-widget__facts">
                <div class="repay-widget__fact">
                    <dt>{ Msg::LateFees.text(locale) }</dt>
                    <dd data-testid="fees-charged">{ format::money(&account.fees_charged, locale) }</dd>
                </div>
                <div class="repay-widget__fact">
                    <dt>{ Msg::PenaltyInterest.text(locale) }</dt>
                    <dd data-testid="penalty-interest">{ format::money(&account.penalty_interest_charged, locale) }</dd>
                </div>
            </dl>
            <p class="repay-widget__as-of">{ as_of }</p>
        </div>
    }
}

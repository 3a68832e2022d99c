//! What happens if nothing is paid. First the dates that matter: each consequence once,
//! at its first date, with the last day a payment avoids it and how much it weighs (the
//! policy's severity), the most severe called out first. Then, folded away, every date
//! ahead, with everything that happens on one day read as one.

use repay_engine::status::{Notice, TimelineEvent};
use yew::prelude::*;

use crate::components::slot;
use crate::format;
use crate::i18n::{fill, Locale, Msg};
use crate::labels;
use crate::model::Model;
use crate::shared::Shared;

pub struct TimelineProps {
    pub model: Shared<Model>,
    pub locale: Locale,
}

fn time(date: jiff::civil::Date, locale: Locale) -> Html {
    html! {
        <time datetime={repay_engine::account::iso_date(date)}>{ format::date(date, locale) }</time>
    }
}

/// What matters most: the most severe consequence to come, and what stops it, as the
/// engine claims it ([`repay_engine::advice::Leading`]).
pub fn leading(props: &TimelineProps) -> Html {
    let locale = props.locale;
    let Some(leading) = &props.model.advice.leading else {
        return html! {};
    };
    // Something less severe comes first: the date that avoids everything is earlier.
    let sooner = leading.sooner.map(|date| {
        html! {
            <p data-testid="leading-sooner">
                { fill(Msg::LeadingSooner.text(locale), &[("date", &format::date(date.0, locale))]) }
            </p>
        }
    });
    let pay = if leading.pay.until_charge {
        Msg::LeadingPayUntilCharge
    } else {
        Msg::LeadingPay
    };
    html! {
        <section class="repay-widget__leading" data-testid="leading">
            <h3 class="repay-widget__subheading">{ Msg::LeadingHeading.text(locale) }</h3>
            <p class="repay-widget__leading-harm">
                { labels::harm_title(&leading.deadline.harm, locale) }{ Msg::Colon.text(locale) }
                { time(leading.deadline.date.0, locale) }
            </p>
            <p data-testid="leading-pay">
                { fill(pay.text(locale), &[
                    ("amount", &format::money(&leading.pay.amount, locale)),
                    ("date", &format::date(leading.pay.by.0, locale)),
                ]) }
            </p>
            { slot(sooner) }
        </section>
    }
}

/// Each consequence once, in date order, with its severity and the day to act before.
pub fn deadlines(props: &TimelineProps) -> Html {
    let locale = props.locale;
    let deadlines = &props.model.status.deadlines;
    if deadlines.is_empty() {
        return html! {};
    }
    let items = deadlines.iter().map(|deadline| {
        let severity = deadline.harm.severity;
        let class = format!(
            "repay-widget__deadline repay-widget__deadline--{}",
            severity_class(severity)
        );
        html! {
            <li class={class}>
                <p class="repay-widget__deadline-title">
                    <span class="repay-widget__severity">{ labels::severity(severity, locale) }</span>
                    { labels::harm_title(&deadline.harm, locale) }
                </p>
                <p class="repay-widget__event-detail">
                    { time(deadline.date.0, locale) }{ " · " }
                    { fill(Msg::ActBefore.text(locale), &[("date", &format::date(deadline.act_before.0, locale))]) }
                </p>
            </li>
        }
    });
    html! {
        <section class="repay-widget__section" data-testid="deadlines">
            <h3 class="repay-widget__subheading">{ Msg::DeadlinesHeading.text(locale) }</h3>
            <ol class="repay-widget__deadlines">{ for items }</ol>
        </section>
    }
}

fn severity_class(severity: repay_engine::guidance::Severity) -> &'static str {
    use repay_engine::guidance::Severity;
    match severity {
        Severity::High => "high",
        Severity::Medium => "medium",
        Severity::Low => "low",
    }
}

/// The bank's notice before a stage: a date still to come, or, once it has passed, the
/// day it was due (never a promise of notice that can no longer arrive in time).
fn notice_text(notice: &Notice, locale: Locale) -> String {
    if notice.ahead {
        fill(
            Msg::NoticeBy.text(locale),
            &[("date", &format::date(notice.date.0, locale))],
        )
    } else {
        fill(
            Msg::NoticePassed.count(locale, i64::from(notice.days)),
            &[
                ("days", &format::integer(i64::from(notice.days), locale)),
                ("date", &format::date(notice.date.0, locale)),
            ],
        )
    }
}

fn event(event: &TimelineEvent, locale: Locale) -> Html {
    let class = format!(
        "repay-widget__event repay-widget__event--{}",
        severity_class(event.severity)
    );
    let notice = event
        .notice
        .as_ref()
        .map(|n| html! { <p class="repay-widget__event-detail">{ notice_text(n, locale) }</p> });
    html! {
        <li class={class}>
            <span class="repay-widget__event-date">{ time(event.date.0, locale) }</span>
            <p class="repay-widget__event-title">{ labels::harms_title(&event.harms, locale) }</p>
            { slot(notice) }
            <p class="repay-widget__event-act">
                { fill(Msg::ActBefore.text(locale), &[("date", &format::date(event.act_before.0, locale))]) }
            </p>
        </li>
    }
}

/// Every date ahead if nothing is paid, folded away under its heading.
pub fn timeline(props: &TimelineProps) -> Html {
    let locale = props.locale;
    let events = &props.model.status.timeline;
    if events.is_empty() {
        return html! {};
    }
    html! {
        <details class="repay-widget__section repay-widget__more" data-testid="timeline">
            <summary class="repay-widget__subheading">{ Msg::TimelineHeading.text(locale) }</summary>
            <ol class="repay-widget__timeline">{ for events.iter().map(|e| event(e, locale)) }</ol>
        </details>
    }
}

//! "Pay the overdue amount now": the exact amount; first the date by which paying avoids
//! everything on the timeline (a credit-bureau report may come before any fee), then the
//! next charge and the date that stops it; the bank's payment channels from the
//! configuration; and, for a customer who cannot pay it all, what paying part of it now
//! would still avoid, as the engine works it out under the bank's policy.

use repay_engine::policy::Consequence;
use repay_engine::status::{PartEffect, PartPayment};
use yew::prelude::*;

use crate::components::slot;
use crate::components::text_field::{text_field, TextFieldProps};

use crate::shared::Shared;

use crate::actions::Action;
use crate::config::WidgetConfig;
use crate::format;
use crate::i18n::{fill, Locale, Msg};
use crate::labels;
use crate::model::Model;

pub struct PayNowProps {
    pub config: Shared<WidgetConfig>,
    pub model: Shared<Model>,
    pub locale: Locale,
    /// The part payment as typed.
    pub part_payment: AttrValue,
    pub dispatch: Callback<Action>,
    pub ids: AttrValue,
}

/// What paying `part` now would do, in words: a summary, then each consequence to come
/// with its class (`avoided`, `smaller`, `still`), its name, what the payment does to it
/// and, when it does not avoid it, the least payment that would (`least`, per deadline).
/// Shown beside the field and announced once the amount settles.
pub(crate) fn part_lines(
    part: &PartPayment,
    least: &[repay_engine::Money],
    locale: Locale,
) -> (String, Vec<PartLine>) {
    if part.still_to_bring_current.is_zero() {
        return (Msg::PartCoversAll.text(locale).to_owned(), Vec::new());
    }
    let outcomes = part
        .outcomes
        .iter()
        .zip(least)
        .map(|(outcome, least)| {
            let (class, effect) = match outcome.effect {
                PartEffect::Avoided => ("avoided", Msg::PartAvoided.text(locale).to_owned()),
                PartEffect::Smaller { amount } => (
                    "smaller",
                    fill(
                        Msg::PartSmaller.text(locale),
                        &[("amount", &format::money(&amount, locale))],
                    ),
                ),
                PartEffect::Lessened => ("smaller", Msg::PartLessened.text(locale).to_owned()),
                PartEffect::NotAvoided => ("still", Msg::PartNotAvoided.text(locale).to_owned()),
            };
            let avoid_with = (outcome.effect != PartEffect::Avoided).then(|| {
                fill(
                    Msg::PartAvoidWith.text(locale),
                    &[("amount", &format::money(least, locale))],
                )
            });
            PartLine {
                class,
                harm: labels::harm_title(&outcome.deadline.harm, locale),
                effect,
                avoid_with,
            }
        })
        .collect();
    let summary = fill(
        Msg::PartStillOverdue.text(locale),
        &[(
            "amount",
            &format::money(&part.still_to_bring_current, locale),
        )],
    );
    (summary, outcomes)
}

/// One consequence to come, as [`part_lines`] words it.
pub(crate) struct PartLine {
    pub class: &'static str,
    pub harm: String,
    pub effect: String,
    /// The least payment that would avoid it, when this one does not.
    pub avoid_with: Option<String>,
}

/// What paying part now would do: each consequence to come, avoided or not.
fn part_payment(props: &PayNowProps) -> Html {
    let locale = props.locale;
    let model = &props.model;
    let error = model
        .part_payment
        .as_ref()
        .err()
        .and_then(|e| labels::input_error(*e, locale))
        .map(AttrValue::from);
    let result = model
        .part_payment
        .as_ref()
        .ok()
        .and_then(Option::as_ref)
        .map(|part| {
            let (summary, outcomes) = part_lines(part, &model.least_to_avoid, locale);
            if outcomes.is_empty() {
                return html! { <p data-testid="part-result">{ summary }</p> };
            }
            let rows = outcomes.into_iter().map(|line| {
                html! {
                    <li class={format!("repay-widget__part repay-widget__part--{}", line.class)}>
                        <span class="repay-widget__part-harm">{ line.harm }</span>
                        <span class="repay-widget__part-effect">{ line.effect }</span>
                        { slot(line.avoid_with.map(|text| html! {
                            <span class="repay-widget__part-hint">{ text }</span>
                        })) }
                    </li>
                }
            });
            html! {
                <div data-testid="part-result">
                    <p>{ summary }</p>
                    <ul class="repay-widget__parts">{ for rows }</ul>
                </div>
            }
        });
    html! {
        <div class="repay-widget__part-payment" data-testid="part-payment">
            <h4 class="repay-widget__minor-heading">{ Msg::PartHeading.text(locale) }</h4>
            { text_field(&TextFieldProps {
                id: AttrValue::from(format!("{}-part", props.ids)),
                label: AttrValue::from(Msg::PartLabel.text(locale)),
                value: props.part_payment.clone(),
                inputmode: Some(AttrValue::Static("decimal")),
                error,
                on_input: props.dispatch.reform(Action::SetPartPayment),
                ..TextFieldProps::default()
            }) }
            // Announced once the amount settles (the widget's announcer), not per keystroke.
            <div>{ slot(result) }</div>
        </div>
    }
}

pub fn pay_now(props: &PayNowProps) -> Html {
    let locale = props.locale;
    let status = &props.model.status;
    let amount = format::money(&status.amount_to_bring_current, locale);
    let date = |d: repay_engine::plans::DateText| format::date(d.0, locale);
    let first = status.pay_by();
    let pay_by = first.map(|first| {
        html! {
            <p data-testid="pay-by">
                { fill(Msg::PayNowBy.text(locale), &[
                    ("date", &date(first.act_before)),
                    ("event", &labels::harms_title(&first.harms, locale)),
                    ("event_date", &date(first.date)),
                ]) }
            </p>
        }
    });
    // The next charge, when it comes later than the date already given.
    let next_charge = status
        .next_charge()
        .filter(|charge| first.is_none_or(|first| first.act_before < charge.act_before))
        .map(|charge| {
            let text = match (charge.harm.consequence, charge.harm.amount) {
                (Consequence::LateFee, Some(amount)) => fill(
                    Msg::PayNowNextFee.text(locale),
                    &[
                        ("amount", &format::money(&amount, locale)),
                        ("charge_date", &date(charge.date)),
                        ("date", &date(charge.act_before)),
                    ],
                ),
                _ => fill(
                    Msg::PayNowNextPenalty.text(locale),
                    &[
                        ("charge_date", &date(charge.date)),
                        ("date", &date(charge.act_before)),
                    ],
                ),
            };
            html! { <p data-testid="next-charge">{ text }</p> }
        });
    let list = channels(&props.config, locale);
    html! {
        <section class="repay-widget__panel" data-testid="pay-now-panel">
            <h3 class="repay-widget__subheading">
                { fill(Msg::PayNowHeading.text(locale), &[("amount", &amount)]) }
            </h3>
            <p>{ Msg::PayNowIncludes.text(locale) }</p>
            { slot(pay_by) }
            { slot(next_charge) }
            { list }
            { part_payment(props) }
        </section>
    }
}

/// The bank's ways to pay, from the configuration, in its order.
pub(crate) fn channels(config: &WidgetConfig, locale: Locale) -> Html {
    let channels = config.payment_channels.iter().map(|channel| {
        let name = channel.label.as_ref().map_or_else(
            || labels::payment_channel(channel.kind, locale).to_owned(),
            |l| l.get(locale).to_owned(),
        );
        let title = match &channel.url {
            Some(url) => html! { <a class="repay-widget__link" href={url.clone()}>{ name }</a> },
            None => html! { <span>{ name }</span> },
        };
        let details = (!channel.details.is_empty()).then(|| {
            let rows = channel.details.iter().map(|detail| {
                html! {
                    <div>
                        <dt>{ detail.label.get(locale) }</dt>
                        <dd>{ &detail.value }</dd>
                    </div>
                }
            });
            html! { <dl class="repay-widget__channel-details">{ for rows }</dl> }
        });
        html! { <li class="repay-widget__channel">{ title }{ slot(details) }</li> }
    });
    if config.payment_channels.is_empty() {
        html! { <p>{ Msg::NoChannels.text(locale) }</p> }
    } else {
        html! { <ul class="repay-widget__channels">{ for channels }</ul> }
    }
}

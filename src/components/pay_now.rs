//! "Pay the overdue amount now": the exact amount; first the date by which paying avoids
//! everything on the timeline (a credit-bureau report may come before any fee), then the
//! next charge and the date that stops it; the bank's payment channels from the
//! configuration; and, for a customer who cannot pay it all, what paying part of it now
//! would still avoid, as the engine works it out under the bank's policy.

use repay_engine::advice::PayBy;
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
/// with its class (`avoided`, `smaller`, `later`), its name, what the payment does to it
/// and, when it does not avoid it, what more paid by when would (`then`, per outcome,
/// the engine's claim). Shown beside the field and announced once the amount settles.
pub(crate) fn part_lines(
    part: &PartPayment,
    then: &[Option<PayBy>],
    locale: Locale,
) -> (String, Vec<PartLine>) {
    if part.still_to_bring_current.is_zero() {
        return (Msg::PartCoversAll.text(locale).to_owned(), Vec::new());
    }
    let outcomes = part
        .outcomes
        .iter()
        .enumerate()
        .map(|(index, outcome)| {
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
                PartEffect::NotAvoided => (
                    "later",
                    fill(
                        Msg::PartComesOn.text(locale),
                        &[("date", &format::date(outcome.deadline.date.0, locale))],
                    ),
                ),
            };
            let avoid_with = then.get(index).copied().flatten().map(|pay| {
                fill(
                    Msg::PartAvoidWith.text(locale),
                    &[
                        ("amount", &format::money(&pay.amount, locale)),
                        ("date", &format::date(pay.by.0, locale)),
                    ],
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
            let (summary, outcomes) = part_lines(part, &model.part_then, locale);
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
    let advice = &props.model.advice;
    let amount = format::money(&status.amount_to_bring_current, locale);
    let date = |d: repay_engine::plans::DateText| format::date(d.0, locale);
    let pay_now = advice.pay_now.as_ref();
    let pay_by = pay_now.map(|claim| {
        // Penalty interest accruing until the day paid: today's amount said too.
        let grows = (claim.pay.amount != claim.today).then(|| {
            html! {
                <p data-testid="pay-now-grows">
                    { fill(Msg::PayNowGrows.text(locale), &[("amount", &format::money(&claim.today, locale))]) }
                </p>
            }
        });
        html! {
            <>
                <p data-testid="pay-by">
                    { fill(Msg::PayNowBy.text(locale), &[
                        ("amount", &format::money(&claim.pay.amount, locale)),
                        ("date", &date(claim.pay.by)),
                        ("event", &labels::harms_title(&claim.first_harms, locale)),
                        ("event_date", &date(claim.first_date)),
                    ]) }
                </p>
                { slot(grows) }
            </>
        }
    });
    // The next charge, when its last day comes later than the day already given.
    let next_charge = advice
        .next_charge
        .as_ref()
        .filter(|charge| pay_now.is_none_or(|first| first.pay.by < charge.pay.by))
        .map(|charge| {
            let text = match (
                charge.deadline.harm.consequence,
                charge.deadline.harm.amount,
            ) {
                (Consequence::LateFee, Some(fee)) => fill(
                    Msg::PayNowNextFee.text(locale),
                    &[
                        ("fee", &format::money(&fee, locale)),
                        ("charge_date", &date(charge.deadline.date)),
                        ("amount", &format::money(&charge.pay.amount, locale)),
                        ("date", &date(charge.pay.by)),
                    ],
                ),
                _ => fill(
                    Msg::PayNowNextPenalty.text(locale),
                    &[
                        ("charge_date", &date(charge.deadline.date)),
                        ("amount", &format::money(&charge.pay.amount, locale)),
                        ("date", &date(charge.pay.by)),
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
            // A way to pay now is an action, and a target a thumb can hit (WCAG 2.5.8).
            Some(url) => html! {
                <a class="repay-widget__button repay-widget__button--secondary repay-widget__button-link" href={url.clone()}>{ name }</a>
            },
            None => html! { <span>{ name }</span> },
        };
        let details = (!channel.details.is_empty()).then(|| {
            let rows = channel.details.iter().map(|detail| {
                html! {
                    <div>
                        <dt>{ detail.label.get(locale) }</dt>
                        <dd>{ detail.value.get(locale) }</dd>
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

//! "Pay the overdue amount now": the exact amount; first the date by which paying avoids
//! everything on the timeline (a credit-bureau report may come before any fee), then the
//! next charge and the date that stops it; and the bank's payment channels from the
//! configuration.

use repay_engine::status::EventKind;
use yew::prelude::*;

use crate::components::slot;

use crate::shared::Shared;

use crate::config::WidgetConfig;
use crate::format;
use crate::i18n::{fill, Locale, Msg};
use crate::labels;
use crate::model::Model;

pub struct PayNowProps {
    pub config: Shared<WidgetConfig>,
    pub model: Shared<Model>,
    pub locale: Locale,
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
                    ("event", &labels::event_summary(&first.kind, locale)),
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
            let text = match &charge.kind {
                EventKind::LateFee { amount } => fill(
                    Msg::PayNowNextFee.text(locale),
                    &[
                        ("amount", &format::money(amount, locale)),
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
    let channels = props.config.payment_channels.iter().map(|channel| {
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
    let list = if props.config.payment_channels.is_empty() {
        html! { <p>{ Msg::NoChannels.text(locale) }</p> }
    } else {
        html! { <ul class="repay-widget__channels">{ for channels }</ul> }
    };
    html! {
        <section class="repay-widget__panel" data-testid="pay-now-panel">
            <h3 class="repay-widget__subheading">
                { fill(Msg::PayNowHeading.text(locale), &[("amount", &amount)]) }
            </h3>
            <p>{ Msg::PayNowIncludes.text(locale) }</p>
            { slot(pay_by) }
            { slot(next_charge) }
            { list }
        </section>
    }
}

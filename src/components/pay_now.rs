//! "Pay the overdue amount now": the exact amount, the date that stops the next charge,
//! and the bank's payment channels from the configuration.

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
    // The next charge is the first event that costs money; any event if none does.
    let next_charge = status
        .timeline
        .iter()
        .find(|e| {
            matches!(
                e.kind,
                EventKind::LateFee { .. } | EventKind::PenaltyInterestStarts
            )
        })
        .or_else(|| status.timeline.first());
    let pay_by = next_charge.map(|event| {
        html! {
            <p data-testid="pay-by">
                { fill(Msg::PayNowBy.text(locale), &[("date", &format::date(event.act_before.0, locale))]) }
            </p>
        }
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
            { list }
        </section>
    }
}

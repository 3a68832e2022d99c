//! "What happens if nothing is paid": the dated events ahead, each with the date to act
//! before, in the customer's own calendar.

use repay_engine::status::EventKind;
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

pub fn timeline(props: &TimelineProps) -> Html {
    let locale = props.locale;
    let events = &props.model.status.timeline;
    if events.is_empty() {
        return html! {};
    }
    let items = events.iter().map(|event| {
        let title = labels::event_title(&event.kind, locale);
        let (consequences, notice) = match &event.kind {
            EventKind::StageStarts { code, consequences, notice_date } => (
                consequences
                    .iter()
                    .filter(|c| !labels::stage_says(code, **c))
                    .map(|c| labels::consequence(*c, locale))
                    .collect::<Vec<_>>()
                    .join(Msg::ListSeparator.text(locale)),
                notice_date.map(|d| {
                    fill(Msg::NoticeBy.text(locale), &[("date", &format::date(d.0, locale))])
                }),
            ),
            EventKind::LateFee { .. } | EventKind::PenaltyInterestStarts => (String::new(), None),
        };
        let iso = repay_engine::account::iso_date(event.date.0);
        html! {
            <li class="repay-widget__event">
                <time class="repay-widget__event-date" datetime={iso}>
                    { format::date(event.date.0, locale) }
                </time>
                <p class="repay-widget__event-title">{ title }</p>
                { slot((!consequences.is_empty()).then(|| html! { <p class="repay-widget__event-detail">{ consequences }</p> })) }
                { slot(notice.map(|n| html! { <p class="repay-widget__event-detail">{ n }</p> })) }
                <p class="repay-widget__event-act">
                    { fill(Msg::ActBefore.text(locale), &[("date", &format::date(event.act_before.0, locale))]) }
                </p>
            </li>
        }
    });
    html! {
        <section class="repay-widget__section" data-testid="timeline">
            <h3 class="repay-widget__subheading">{ Msg::TimelineHeading.text(locale) }</h3>
            <ol class="repay-widget__timeline">{ for items }</ol>
        </section>
    }
}

//! "What waiting would cost": the extra charges after 30, 60 and 90 days, as a table.

use yew::prelude::*;

use crate::format;
use crate::i18n::{fill, Locale, Msg};
use crate::model::Model;
use crate::shared::Shared;

pub struct WaitingCostProps {
    pub model: Shared<Model>,
    pub locale: Locale,
}

pub fn waiting_cost(props: &WaitingCostProps) -> Html {
    let locale = props.locale;
    let money = |m: &repay_engine::Money| format::money(m, locale);
    // Each cell carries its column's name: on a phone the rows stack, and each amount is
    // shown beside its name instead of in a column cut off at the edge. The roles keep
    // the table a table for screen readers whatever the layout.
    let cell = |label: Msg, value: Html| {
        html! { <td role="cell" data-label={label.text(locale)}>{ value }</td> }
    };
    let status = &props.model.status;
    // A charge this account never bears (no penalty interest on a UK card) is no column
    // of zeros.
    let penalty = status.has_penalty_interest();
    let fees = status.has_late_fees();
    let rows = status.cost_of_waiting.iter().map(|cost| {
        html! {
            <tr role="row">
                <th scope="row" role="rowheader">{ fill(Msg::WaitDays.text(locale), &[("days", &cost.days.to_string())]) }</th>
                { cell(Msg::Interest, html! { money(&cost.interest) }) }
                if penalty {
                    { cell(Msg::PenaltyInterest, html! { money(&cost.penalty_interest) }) }
                }
                if fees {
                    { cell(Msg::LateFees, html! { money(&cost.late_fees) }) }
                }
                { cell(Msg::Total, html! { <strong>{ money(&cost.total) }</strong> }) }
            </tr>
        }
    });
    html! {
        <section class="repay-widget__section" data-testid="waiting-cost">
            <h3 class="repay-widget__subheading">{ Msg::WaitingHeading.text(locale) }</h3>
            <div class="repay-widget__table-scroll" tabindex="0" role="region"
                aria-label={Msg::WaitingHeading.text(locale)}>
                <table class="repay-widget__table repay-widget__table--stack" role="table">
                    <caption>{ Msg::WaitingCaption.text(locale) }</caption>
                    <thead role="rowgroup">
                        <tr role="row">
                            <th scope="col" role="columnheader">{ Msg::Wait.text(locale) }</th>
                            <th scope="col" role="columnheader">{ Msg::Interest.text(locale) }</th>
                            if penalty {
                                <th scope="col" role="columnheader">{ Msg::PenaltyInterest.text(locale) }</th>
                            }
                            if fees {
                                <th scope="col" role="columnheader">{ Msg::LateFees.text(locale) }</th>
                            }
                            <th scope="col" role="columnheader">{ Msg::Total.text(locale) }</th>
                        </tr>
                    </thead>
                    <tbody role="rowgroup">{ for rows }</tbody>
                </table>
            </div>
        </section>
    }
}

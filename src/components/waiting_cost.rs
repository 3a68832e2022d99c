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
    let rows = props.model.status.cost_of_waiting.iter().map(|cost| {
        html! {
            <tr>
                <th scope="row">{ fill(Msg::WaitDays.text(locale), &[("days", &cost.days.to_string())]) }</th>
                <td>{ money(&cost.interest) }</td>
                <td>{ money(&cost.penalty_interest) }</td>
                <td>{ money(&cost.late_fees) }</td>
                <td><strong>{ money(&cost.total) }</strong></td>
            </tr>
        }
    });
    html! {
        <section class="repay-widget__section" data-testid="waiting-cost">
            <h3 class="repay-widget__subheading">{ Msg::WaitingHeading.text(locale) }</h3>
            <div class="repay-widget__table-scroll" tabindex="0" role="region"
                aria-label={Msg::WaitingHeading.text(locale)}>
                <table class="repay-widget__table">
                    <caption>{ Msg::WaitingCaption.text(locale) }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ Msg::Wait.text(locale) }</th>
                            <th scope="col">{ Msg::Interest.text(locale) }</th>
                            <th scope="col">{ Msg::PenaltyInterest.text(locale) }</th>
                            <th scope="col">{ Msg::LateFees.text(locale) }</th>
                            <th scope="col">{ Msg::Total.text(locale) }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </section>
    }
}

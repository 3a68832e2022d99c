//! Step 4, "Plan details": the chosen plan's dated schedule as an accessible table, and
//! the schedule to keep: calendar reminders, a spreadsheet, a printout.

use yew::prelude::*;

use crate::effects::Effect;
use crate::format;
use crate::i18n::{fill, Locale, Msg};
use crate::labels;
use crate::model::Model;
use crate::shared::Shared;

#[derive(Debug, Clone, PartialEq)]
pub struct DetailsStepProps {
    pub model: Shared<Model>,
    /// The chosen offer: `model.plans[offer]` is the plan shown.
    pub offer: usize,
    pub locale: Locale,
    /// Downloads and printing go through the effects layer.
    pub effect: Callback<Effect>,
    pub heading: NodeRef,
    /// What agreeing means for the credit record and a missed payment, from the policy.
    pub effects: Option<repay_engine::guidance::PlanEffects>,
}

#[inline(never)]
pub fn details_step(props: &DetailsStepProps) -> Html {
    let locale = props.locale;
    let offer = props.offer;
    let Some(plan) = props.model.plans.get(offer) else {
        return html! {};
    };
    let name = labels::plan_name(plan, locale);
    let money = |m: &repay_engine::Money| format::money(m, locale);
    let headers = crate::export::schedule_headings(locale);
    let rows = plan.schedule.iter().map(|row| {
        let number = if row.number == 0 {
            Msg::DownPayment.text(locale).to_owned()
        } else {
            row.number.to_string()
        };
        // Each cell carries its column's name, for the stacked rows of a phone.
        let cell = |column: usize, value: Html| {
            html! { <td role="cell" data-label={headers.get(column).copied().unwrap_or_default()}>{ value }</td> }
        };
        html! {
            <tr role="row">
                <th scope="row" role="rowheader">{ number }</th>
                { cell(1, html! { <time datetime={repay_engine::account::iso_date(row.due_date.0)}>{ format::date(row.due_date.0, locale) }</time> }) }
                { cell(2, html! { money(&row.principal) }) }
                { cell(3, html! { money(&row.interest) }) }
                { cell(4, html! { money(&row.fee) }) }
                { cell(5, html! { <strong>{ money(&row.total) }</strong> }) }
                { cell(6, html! { money(&row.remaining_balance) }) }
            </tr>
        }
    });
    let on_ics = props
        .effect
        .reform(move |_: MouseEvent| Effect::Calendar { offer });
    let on_csv = props
        .effect
        .reform(move |_: MouseEvent| Effect::Spreadsheet { offer });
    let on_print = props.effect.reform(|_: MouseEvent| Effect::Print);
    html! {
        <div class="repay-widget__step" data-testid="details">
            <h2 class="repay-widget__heading" tabindex="-1" ref={props.heading.clone()}>
                { Msg::StepDetails.text(locale) }
            </h2>
            <div class="repay-widget__table-scroll" tabindex="0" role="region"
                aria-label={fill(Msg::ScheduleCaption.text(locale), &[("plan", name)])}>
                <table class="repay-widget__table repay-widget__table--stack repay-widget__schedule" data-testid="schedule" role="table">
                    <caption>{ fill(Msg::ScheduleCaption.text(locale), &[("plan", name)]) }</caption>
                    <thead role="rowgroup">
                        <tr role="row">{ for headers.iter().map(|h| html! { <th scope="col" role="columnheader">{ *h }</th> }) }</tr>
                    </thead>
                    <tbody role="rowgroup">{ for rows }</tbody>
                    <tfoot role="rowgroup">
                        <tr role="row">
                            <th scope="row" role="rowheader" colspan="5">{ Msg::TotalPaid.text(locale) }</th>
                            <td role="cell" data-label={Msg::TotalPaid.text(locale)}><strong>{ money(&plan.total_paid) }</strong></td>
                            <td role="cell" class="repay-widget__empty-cell"></td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            { crate::components::slot(props.effects.map(|e| crate::components::plan_card::plan_effects(&e, offer, locale))) }
            { crate::components::slot(matches!(plan.verdict, repay_engine::Verdict::NeedsReview { .. }).then(|| html! {
                <p class="repay-widget__note" data-testid="provisional">{ Msg::ProvisionalDates.text(locale) }</p>
            })) }
            <div class="repay-widget__actions repay-widget__no-print">
                <button type="button" class="repay-widget__button repay-widget__button--secondary"
                    data-testid="download-ics" onclick={on_ics}>{ Msg::DownloadIcs.text(locale) }</button>
                <button type="button" class="repay-widget__button repay-widget__button--secondary"
                    data-testid="download-csv" onclick={on_csv}>{ Msg::DownloadCsv.text(locale) }</button>
                <button type="button" class="repay-widget__button repay-widget__button--secondary"
                    data-testid="print" onclick={on_print}>{ Msg::Print.text(locale) }</button>
            </div>
        </div>
    }
}

//! Step 4, "Plan details": the chosen plan's dated schedule as an accessible table, and
//! the schedule to keep: calendar reminders, a spreadsheet, a printout. The table is
//! grouped by calendar year; on screen the years after the first twelve payments' fold
//! away behind one button (a 60-payment plan was about 16 screens long on a phone), in
//! print every row shows.

use yew::prelude::*;

use crate::actions::Action;
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
    /// Every year of the schedule is shown, not only the first.
    pub whole_schedule: bool,
    pub dispatch: Callback<Action>,
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
    let first_year = plan.schedule.first().map(|row| row.due_date.0.year());
    let last_year = plan.schedule.last().map(|row| row.due_date.0.year());
    let several_years = first_year != last_year;
    // The years of the first twelve payments show; later ones fold until asked for.
    let shown_to = plan
        .schedule
        .iter()
        .take(12)
        .map(|row| row.due_date.0.year())
        .max();
    let later = plan
        .schedule
        .iter()
        .filter(|row| Some(row.due_date.0.year()) > shown_to)
        .count();
    let mut year = None;
    let rows = plan.schedule.iter().map(|row| {
        let this_year = row.due_date.0.year();
        let folded = (!props.whole_schedule && Some(this_year) > shown_to)
            .then_some("repay-widget__folded");
        let year_row = (several_years && year != Some(this_year)).then(|| {
            year = Some(this_year);
            html! {
                <tr role="row" class={classes!("repay-widget__year-row", folded)}>
                    <th scope="rowgroup" role="rowheader" colspan="7">{ this_year }</th>
                </tr>
            }
        });
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
            <>
            { crate::components::slot(year_row) }
            <tr role="row" class={classes!(folded)}>
                <th scope="row" role="rowheader">{ number }</th>
                { cell(1, html! { <time datetime={repay_engine::account::iso_date(row.due_date.0)}>{ format::date(row.due_date.0, locale) }</time> }) }
                { cell(2, html! { money(&row.principal) }) }
                { cell(3, html! { money(&row.interest) }) }
                { cell(4, html! { money(&row.fee) }) }
                { cell(5, html! { <strong>{ money(&row.total) }</strong> }) }
                { cell(6, html! { money(&row.remaining_balance) }) }
            </tr>
            </>
        }
    });
    // One button for the years after the first: how many payments it shows, to when.
    let more = (later > 0).then(|| {
        let text = if props.whole_schedule {
            fill(
                Msg::ScheduleFirstYearOnly.text(locale),
                &[("year", &shown_to.unwrap_or_default().to_string())],
            )
        } else {
            let count = i64::try_from(later).unwrap_or(i64::MAX);
            fill(
                Msg::ScheduleShowLater.count(locale, count),
                &[
                    ("count", &format::integer(count, locale)),
                    ("year", &last_year.unwrap_or_default().to_string()),
                ],
            )
        };
        html! {
            <button type="button" class="repay-widget__button repay-widget__button--secondary repay-widget__no-print"
                data-testid="schedule-more"
                aria-expanded={if props.whole_schedule { "true" } else { "false" }}
                onclick={props.dispatch.reform(|_: MouseEvent| Action::ToggleWholeSchedule)}>
                { text }
            </button>
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
            { crate::components::slot(more) }
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

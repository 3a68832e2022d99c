//! Step 4, "Plan details": the chosen plan's dated schedule as an accessible table, and
//! the schedule to keep: calendar reminders, a spreadsheet, a printout.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::export;
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
    pub heading: NodeRef,
}

/// Offers `contents` as a file download through a temporary `blob:` link (no request,
/// no inline script: fine under a strict CSP).
fn download(file_name: &str, mime: &str, contents: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(link) = document
        .create_element("a")
        .map(|e| e.unchecked_into::<web_sys::HtmlAnchorElement>())
    {
        link.set_href(&url);
        link.set_download(file_name);
        link.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// The current time as an iCalendar UTC stamp, `YYYYMMDDTHHMMSSZ`.
fn ics_stamp() -> String {
    let iso = String::from(js_sys::Date::new_0().to_iso_string()); // 2026-11-28T10:15:00.000Z
    let digits: String = iso.chars().filter(char::is_ascii_digit).take(14).collect();
    format!(
        "{}T{}Z",
        &digits[..8.min(digits.len())],
        &digits[8.min(digits.len())..]
    )
}

/// Offers the plan's payments as calendar events with reminders (.ics).
fn download_ics(plan: &repay_engine::Plan, locale: Locale) {
    let summary = |n: usize, total: usize, amount: &str| {
        fill(
            Msg::IcsSummary.text(locale),
            &[
                ("n", &n.to_string()),
                ("total", &total.to_string()),
                ("amount", amount),
            ],
        )
    };
    let reminder = |amount: &str| fill(Msg::IcsReminder.text(locale), &[("amount", amount)]);
    let amount = |m: &repay_engine::Money| format::money(m, locale);
    let texts = export::IcsTexts {
        summary: &summary,
        reminder: &reminder,
        amount: &amount,
    };
    let first = repay_engine::account::iso_date(plan.first_payment_date.0);
    let uid = format!("repay-{first}-{}-{}", plan.offer, plan.term_months);
    download(
        &format!("repayment-schedule-{first}.ics"),
        "text/calendar;charset=utf-8",
        &export::ics(plan, &texts, &ics_stamp(), &uid),
    );
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
    let rows = plan.schedule.iter().map(|row| {
        let number = if row.number == 0 {
            Msg::DownPayment.text(locale).to_owned()
        } else {
            row.number.to_string()
        };
        html! {
            <tr>
                <th scope="row">{ number }</th>
                <td><time datetime={repay_engine::account::iso_date(row.due_date.0)}>{ format::date(row.due_date.0, locale) }</time></td>
                <td>{ money(&row.principal) }</td>
                <td>{ money(&row.interest) }</td>
                <td>{ money(&row.fee) }</td>
                <td><strong>{ money(&row.total) }</strong></td>
                <td>{ money(&row.remaining_balance) }</td>
            </tr>
        }
    });
    let headers = [
        Msg::Number,
        Msg::DueOn,
        Msg::Principal,
        Msg::Interest,
        Msg::Fee,
        Msg::Payment,
        Msg::BalanceAfter,
    ]
    .map(|m| m.text(locale));
    let file_base = format!(
        "repayment-schedule-{}",
        repay_engine::account::iso_date(plan.first_payment_date.0)
    );
    let on_ics = {
        let model = props.model.clone();
        Callback::from(move |_: MouseEvent| download_ics(&model.plans[offer], locale))
    };
    let on_csv = {
        let model = props.model.clone();
        let file = format!("{file_base}.csv");
        Callback::from(move |_: MouseEvent| {
            download(
                &file,
                "text/csv;charset=utf-8",
                &export::csv(&model.plans[offer], headers),
            )
        })
    };
    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    html! {
        <div class="repay-widget__step" data-testid="details">
            <h2 class="repay-widget__heading" tabindex="-1" ref={props.heading.clone()}>
                { Msg::StepDetails.text(locale) }
            </h2>
            <div class="repay-widget__table-scroll" tabindex="0" role="region"
                aria-label={fill(Msg::ScheduleCaption.text(locale), &[("plan", name)])}>
                <table class="repay-widget__table repay-widget__schedule" data-testid="schedule">
                    <caption>{ fill(Msg::ScheduleCaption.text(locale), &[("plan", name)]) }</caption>
                    <thead>
                        <tr>{ for headers.iter().map(|h| html! { <th scope="col">{ *h }</th> }) }</tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                    <tfoot>
                        <tr>
                            <th scope="row" colspan="5">{ Msg::TotalPaid.text(locale) }</th>
                            <td><strong>{ money(&plan.total_paid) }</strong></td>
                            <td></td>
                        </tr>
                    </tfoot>
                </table>
            </div>
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

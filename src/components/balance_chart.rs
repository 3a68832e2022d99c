//! Two charts for comparing plans, drawn as inline SVG (no chart library, no inline
//! styles, so a strict CSP holds): what is still owed over time, and each plan's extra
//! cost. Each has a text equivalent: the balance drawing is described by its legend (each
//! plan from what it starts at to the date it is paid off), the cost bars are text, and a
//! table gives the same figures.

use repay_engine::{Plan, PlanKind, Verdict};
use yew::prelude::*;

use crate::format;
use crate::i18n::{fill, Locale, Msg};
use crate::labels;
use crate::model::Model;
use crate::shared::Shared;

#[derive(Debug, Clone, PartialEq)]
pub struct BalanceChartProps {
    pub model: Shared<Model>,
    pub locale: Locale,
    pub ids: AttrValue,
}

// Geometry in whole SVG units: integers keep float formatting out of the wasm.
const WIDTH: i64 = 320;
const HEIGHT: i64 = 160;
const PAD: i64 = 8;
const BAR_HEIGHT: i64 = 10;
/// The longest cost bar, in its drawing's units (the track is 100 % of the width).
const BAR_SCALE: i64 = 100;
/// Payment numbers at which the table samples each plan's balance.
const SAMPLE_PAYMENTS: [usize; 9] = [0, 3, 6, 12, 18, 24, 36, 48, 60];

/// A money amount in whole units, for scaling a drawing only (never for money).
fn whole_units_lossy(money: &repay_engine::Money) -> i64 {
    use repay_engine::rust_decimal::prelude::ToPrimitive;
    money.amount().trunc().to_i64().unwrap_or(0).max(0)
}

pub fn balance_chart(props: &BalanceChartProps) -> Html {
    let locale = props.locale;
    // Compared: the allowed plans that spread payments over time.
    let plans: Vec<&Plan> = props
        .model
        .plans
        .iter()
        .filter(|p| matches!(p.kind, PlanKind::Instalment { .. } | PlanKind::Hardship))
        .filter(|p| !matches!(p.verdict, Verdict::NotAllowed { .. }))
        .collect();
    if plans.is_empty() {
        return html! {};
    }
    let longest = plans
        .iter()
        .map(|p| p.schedule.len())
        .max()
        .unwrap_or(1)
        .max(1) as i64;
    let highest = plans
        .iter()
        .map(|p| whole_units_lossy(&p.starting_balance()))
        .max()
        .unwrap_or(1)
        .max(1);
    let x = |i: i64| PAD + (WIDTH - 2 * PAD) * i / longest;
    let y = |v: i64| HEIGHT - PAD - (HEIGHT - 2 * PAD) * v / highest;
    let lines = plans.iter().enumerate().map(|(series, plan)| {
        let mut points = vec![format!(
            "{},{}",
            x(0),
            y(whole_units_lossy(&plan.starting_balance()))
        )];
        for (i, row) in plan.schedule.iter().enumerate() {
            points.push(format!(
                "{},{}",
                x(i as i64 + 1),
                y(whole_units_lossy(&row.remaining_balance))
            ));
        }
        html! {
            <polyline class={format!("repay-widget__series repay-widget__series--{}", series % 4)}
                points={points.join(" ")} fill="none" />
        }
    });
    let legend = plans.iter().enumerate().map(|(series, plan)| {
        html! {
            <li class={format!("repay-widget__legend-item repay-widget__legend-item--{}", series % 4)}>
                { fill(Msg::ChartLineItem.text(locale), &[
                    ("plan", labels::plan_name(plan, locale)),
                    ("amount", &format::money(&plan.starting_balance(), locale)),
                    ("date", &format::date(plan.end_date.0, locale)),
                ]) }
            </li>
        }
    });
    let highest_cost = plans
        .iter()
        .map(|p| whole_units_lossy(&p.total_cost))
        .max()
        .unwrap_or(0);
    // Each bar under its words: the words are text that wraps, never cut off at the
    // drawing's edge; the bar is a drawing of its length only (SVG attributes, no inline
    // style, so a strict CSP holds).
    let bars = plans.iter().enumerate().map(|(series, plan)| {
        let width = if highest_cost > 0 {
            BAR_SCALE * whole_units_lossy(&plan.total_cost) / highest_cost
        } else {
            0
        }
        .max(1);
        html! {
            <li class="repay-widget__bar-row">
                <span class="repay-widget__bar-label">
                    { labels::plan_name(plan, locale) }{ " · " }{ format::money(&plan.total_cost, locale) }
                </span>
                <svg class="repay-widget__bar-track" viewBox={format!("0 0 {BAR_SCALE} {BAR_HEIGHT}")}
                    preserveAspectRatio="none" aria-hidden="true" focusable="false">
                    <rect class={format!("repay-widget__bar repay-widget__bar--{}", series % 4)}
                        x="0" y="0" width={width.to_string()} height={BAR_HEIGHT.to_string()} />
                </svg>
            </li>
        }
    });
    let samples: Vec<usize> = SAMPLE_PAYMENTS
        .iter()
        .copied()
        .filter(|&n| (n as i64) <= longest)
        .collect();
    let table_rows = samples.iter().map(|&n| {
        let cells = plans.iter().map(|plan| {
            html! { <td>{ format::money(&plan.balance_after(n), locale) }</td> }
        });
        html! { <tr><th scope="row">{ n }</th>{ for cells }</tr> }
    });
    let balance_title = format!("{}-balance-title", props.ids);
    let cost_title = format!("{}-cost-title", props.ids);
    let legend_id = format!("{}-balance-legend", props.ids);
    html! {
        <section class="repay-widget__section repay-widget__charts" data-testid="charts">
            <h3 class="repay-widget__subheading" id={balance_title.clone()}>{ Msg::ChartBalanceTitle.text(locale) }</h3>
            <svg class="repay-widget__chart" viewBox={format!("0 0 {WIDTH} {HEIGHT}")}
                role="img" aria-labelledby={balance_title} aria-describedby={legend_id.clone()}
                focusable="false">
                <line class="repay-widget__axis" x1={PAD.to_string()} y1={(HEIGHT - PAD).to_string()}
                    x2={(WIDTH - PAD).to_string()} y2={(HEIGHT - PAD).to_string()} />
                { for lines }
            </svg>
            // The legend is the drawing's text alternative: each line from what it starts at
            // to the day it reaches nothing.
            <ul class="repay-widget__legend" id={legend_id}>{ for legend }</ul>
            <h3 class="repay-widget__subheading" id={cost_title.clone()}>{ Msg::ChartCostTitle.text(locale) }</h3>
            <ul class="repay-widget__bars" aria-labelledby={cost_title}>{ for bars }</ul>
            <details class="repay-widget__details">
                <summary>{ Msg::ChartAsTable.text(locale) }</summary>
                <div class="repay-widget__table-scroll" tabindex="0" role="region"
                    aria-label={Msg::ChartBalanceTitle.text(locale)}>
                    <table class="repay-widget__table">
                        <caption>{ Msg::ChartBalanceTitle.text(locale) }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ Msg::Number.text(locale) }</th>
                                { for plans.iter().map(|p| html! { <th scope="col">{ labels::plan_name(p, locale) }</th> }) }
                            </tr>
                        </thead>
                        <tbody>{ for table_rows }</tbody>
                        <tfoot>
                            <tr>
                                <th scope="row">{ Msg::ExtraCost.text(locale) }</th>
                                { for plans.iter().map(|p| html! { <td>{ format::money(&p.total_cost, locale) }</td> }) }
                            </tr>
                        </tfoot>
                    </table>
                </div>
            </details>
        </section>
    }
}

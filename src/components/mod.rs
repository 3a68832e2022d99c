//! The widget's components, one per file. Stateless parts of a step that hold no hooks
//! (the timeline, the cost of waiting, the pay-now panel) are plain view functions: each
//! Yew component costs about 0.4 KB brotli of machinery, and the bundle has a budget.

pub mod announce;
pub mod app;
pub mod balance_chart;
pub mod bank_contact;
pub mod config_error;
pub mod confirmation;
pub mod custom_plan;
pub mod debt_advice;
pub mod details_step;
pub mod language_switch;
pub mod navigation;
pub mod options_step;
pub mod pay_now;
pub mod plan_card;
pub mod progress;
pub mod review_step;
pub mod situation_step;
pub mod status_step;
pub mod suggestion;
pub mod text_field;
pub mod timeline;
pub mod waiting_cost;

use yew::Html;

/// Optional content that always keeps its place among its siblings. Yew matches unkeyed
/// children by position, counting from the end: an absent `Option` would shift the
/// siblings before it, so Yew would rebuild their DOM and the focused button would lose
/// focus. An empty fragment holds the place instead.
pub(crate) fn slot(content: Option<Html>) -> Html {
    content.unwrap_or_default()
}

/// One term and its value in a `<dl>`. Every fact in the widget goes through this one
/// function, so the bundle holds one copy of its markup code instead of one per use.
#[inline(never)]
pub(crate) fn fact(
    class: &'static str,
    label: &'static str,
    value: String,
    testid: Option<String>,
) -> Html {
    yew::html! {
        <div class={class}>
            <dt>{ label }</dt>
            <dd data-testid={testid}>{ value }</dd>
        </div>
    }
}

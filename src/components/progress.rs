//! Where the customer is in the flow: every step in order, the current one marked, the
//! ones already reachable as buttons.

use yew::prelude::*;

use crate::actions::Action;
use crate::i18n::{fill, Locale, Msg};
use crate::state::Step;

#[derive(Debug, Clone, PartialEq)]
pub struct ProgressProps {
    pub current: Step,
    /// A plan is chosen, so the steps after the options are reachable.
    pub chosen: bool,
    pub locale: Locale,
    pub dispatch: Callback<Action>,
}

/// The step's name.
pub(crate) fn step_name(step: Step, locale: Locale) -> &'static str {
    let msg = match step {
        Step::Status => Msg::StepStatus,
        Step::Situation => Msg::StepSituation,
        Step::Options => Msg::StepOptions,
        Step::Details => Msg::StepDetails,
        Step::Review => Msg::StepReview,
    };
    msg.text(locale)
}

/// The list of steps.
pub fn progress(props: &ProgressProps) -> Html {
    let locale = props.locale;
    let total = Step::ALL.len().to_string();
    let items = Step::ALL.iter().map(|&step| {
        let name = step_name(step, locale);
        let number = fill(
            Msg::StepOfTotal.text(locale),
            &[("n", &(step.index() + 1).to_string()), ("total", &total)],
        );
        let reachable = step <= props.current || step <= Step::Options || props.chosen;
        let current = step == props.current;
        let class = classes!(
            "repay-widget__progress-step",
            current.then_some("repay-widget__progress-step--current"),
            (step < props.current).then_some("repay-widget__progress-step--done"),
        );
        let content = if reachable && !current {
            html! {
                <button type="button" class="repay-widget__progress-button"
                    onclick={props.dispatch.reform(move |_: MouseEvent| Action::GoTo(step))}>
                    <span class="repay-widget__visually-hidden">{ format!("{number}: ") }</span>
                    { name }
                </button>
            }
        } else {
            html! {
                <span aria-current={current.then_some("step")}>
                    <span class="repay-widget__visually-hidden">{ format!("{number}: ") }</span>
                    { name }
                </span>
            }
        };
        html! { <li {class}>{ content }</li> }
    });
    html! {
        <nav class="repay-widget__progress" aria-label={Msg::ProgressLabel.text(locale)}>
            <ol>{ for items }</ol>
        </nav>
    }
}

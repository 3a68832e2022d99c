//! Back, skip and continue: the buttons under every step of the flow.

use yew::prelude::*;

use crate::components::slot;

use crate::actions::Action;
use crate::i18n::Msg;
use crate::state::{State, Step};

#[derive(Debug, Clone, PartialEq)]
pub struct NavigationProps<'a> {
    pub state: &'a State,
    /// What must be put right before moving on, when the figures typed on this step
    /// cannot be used (the situation step's budget with an error).
    pub(crate) problem: Option<Msg>,
    pub dispatch: Callback<Action>,
    pub ids: AttrValue,
}

/// Back, skip and continue, under every step.
pub fn navigation(props: &NavigationProps<'_>) -> Html {
    let locale = props.state.answers.locale;
    let step = props.state.answers.step;
    let back = (step != Step::Status).then(|| {
        html! {
            <button type="button" class="repay-widget__button repay-widget__button--secondary"
                data-testid="back" onclick={props.dispatch.reform(|_: MouseEvent| Action::Back)}>
                { Msg::Back.text(locale) }
            </button>
        }
    });
    let forward = match step {
        Step::Status | Step::Review => None,
        Step::Situation => Some(Msg::Skip),
        Step::Options | Step::Details => Some(Msg::Continue),
    };
    let blocked = !props.state.can_continue() || props.problem.is_some();
    let hint_id = format!("{}-continue-hint", props.ids);
    let forward = forward.map(|label| {
        let label = if step == Step::Situation
            && (!props.state.budget.income.is_empty() || props.state.answers.reason.is_some())
        {
            Msg::Continue
        } else {
            label
        };
        html! {
            <button type="button" class="repay-widget__button" data-testid="continue"
                aria-disabled={blocked.then_some("true")}
                aria-describedby={blocked.then(|| hint_id.clone())}
                onclick={if props.problem.is_some() {
                    Callback::noop()
                } else {
                    props.dispatch.reform(|_: MouseEvent| Action::Next)
                }}>
                { label.text(locale) }
            </button>
        }
    });
    let hint = (blocked && forward.is_some()).then(|| {
        html! {
            <p class="repay-widget__hint" id={hint_id.clone()}>
                { props.problem.unwrap_or(Msg::ChooseToContinue).text(locale) }
            </p>
        }
    });
    html! {
        <div class={classes!(
            "repay-widget__nav",
            (step == Step::Options && props.state.answers.chosen.is_some()).then_some("repay-widget__nav--sticky"),
        )}>
            { slot(back) }
            { slot(hint) }
            { slot(forward) }
        </div>
    }
}

//! Step 2, "Your situation" (optional): why the payment was missed, and a private budget
//! that stays in the browser, from which the engine works out an affordable amount.

use repay_engine::affordability::Affordability;
use repay_engine::Money;
use yew::prelude::*;

use crate::components::slot;

use crate::shared::Shared;

use crate::actions::Action;
use crate::components::bank_contact::bank_contact;
use crate::components::debt_advice::debt_advice;
use crate::components::text_field::{text_field, TextFieldProps};
use crate::config::WidgetConfig;
use crate::format;
use crate::i18n::{fill, Locale, Msg};
use crate::labels;
use crate::model::{Field, Model};
use crate::state::{MissedReason, State};
use repay_engine::guidance::{Suggestion, Why};

#[derive(Debug, Clone, PartialEq)]
pub struct SituationStepProps<'a> {
    pub config: Shared<WidgetConfig>,
    pub state: &'a State,
    pub model: Shared<Model>,
    pub dispatch: Callback<Action>,
    pub heading: NodeRef,
    pub ids: AttrValue,
}

fn error_of(field: &Field<Money>, locale: Locale) -> Option<AttrValue> {
    field
        .as_ref()
        .err()
        .and_then(|e| labels::input_error(*e, locale))
        .map(AttrValue::from)
}

/// What the budget leaves each month, in words.
pub(crate) fn affordable_text(affordability: &Affordability, locale: Locale) -> String {
    if affordability.affordable_monthly.is_zero() {
        Msg::NothingToSpare.text(locale).to_owned()
    } else {
        fill(
            Msg::Affordable.text(locale),
            &[(
                "amount",
                &format::money(&affordability.affordable_monthly, locale),
            )],
        )
    }
}

#[inline(never)]
pub fn situation_step(props: &SituationStepProps<'_>) -> Html {
    let locale = props.state.answers.locale;
    let ids = &props.ids;
    let reason_name = format!("{ids}-reason");
    let option = |value: Option<MissedReason>, label: &'static str| {
        let id = format!(
            "{ids}-reason-{}",
            value.map_or(MissedReason::ALL.len(), |r| r as usize)
        );
        html! {
            <div class="repay-widget__choice">
                <input type="radio" id={id.clone()} name={reason_name.clone()}
                    checked={props.state.answers.reason == value}
                    onchange={props.dispatch.reform(move |_: Event| Action::SetReason(value))} />
                <label for={id}>{ label }</label>
            </div>
        }
    };
    let reasons = MissedReason::ALL
        .iter()
        .map(|&r| option(Some(r), labels::missed_reason(r, locale)));
    let budget = &props.model.budget;
    let result = budget.affordability.as_ref().map(|a| {
        html! { <p class="repay-widget__result" data-testid="affordable">{ affordable_text(a, locale) }</p> }
    });
    let has_figures =
        !props.state.budget.income.is_empty() || !props.state.budget.expenses.is_empty();
    // No plan's payments fit the budget: say so here, with the shortest path to a person.
    let nothing_fits = matches!(
        props.model.suggestion,
        Some(Suggestion {
            why: Why::NothingFits,
            ..
        }) | Some(Suggestion {
            why: Why::SuitsReason {
                fits_budget: Some(false),
                ..
            },
            fits_instead: None,
            ..
        })
    );
    let no_fit = nothing_fits.then(|| {
        html! {
            <div data-testid="nothing-fits">
                <p>{ Msg::NothingFitsShort.text(locale) }</p>
                { bank_contact(props.config.bank_contact.as_ref(), Msg::ContactLeadNoFit, locale) }
                { debt_advice(&props.config.debt_advice, "debt-advice-no-fit", locale) }
            </div>
        }
    });
    html! {
        <div class="repay-widget__step" data-testid="situation">
            <h2 class="repay-widget__heading" tabindex="-1" ref={props.heading.clone()}>
                { Msg::StepSituation.text(locale) }
            </h2>
            <p class="repay-widget__intro">{ Msg::SituationIntro.text(locale) }</p>
            <fieldset class="repay-widget__fieldset">
                <legend>{ Msg::ReasonLegend.text(locale) }</legend>
                { for reasons }
                { option(None, Msg::ReasonNone.text(locale)) }
            </fieldset>
            <fieldset class="repay-widget__fieldset">
                <legend>{ Msg::BudgetLegend.text(locale) }</legend>
                <p class="repay-widget__note" data-testid="privacy-note">{ Msg::PrivacyNote.text(locale) }</p>
                { text_field(&TextFieldProps { id: AttrValue::from(format!("{ids}-income")), label: AttrValue::from(Msg::Income.text(locale)), value: AttrValue::from(props.state.budget.income.clone()), inputmode: Some(AttrValue::Static("decimal")), error: error_of(&budget.income, locale), on_input: props.dispatch.reform(Action::SetIncome), ..TextFieldProps::default() }) }
                { text_field(&TextFieldProps { id: AttrValue::from(format!("{ids}-expenses")), label: AttrValue::from(Msg::Expenses.text(locale)), value: AttrValue::from(props.state.budget.expenses.clone()), inputmode: Some(AttrValue::Static("decimal")), error: error_of(&budget.expenses, locale), on_input: props.dispatch.reform(Action::SetExpenses), ..TextFieldProps::default() }) }
                // Announced once the figures settle (the widget's announcer), not per keystroke.
                <div>{ slot(result) }</div>
                { slot(no_fit) }
                { slot(has_figures.then(|| html! {
                    <button type="button" class="repay-widget__button repay-widget__button--link"
                        onclick={props.dispatch.reform(|_: MouseEvent| Action::ClearBudget)}>
                        { Msg::ClearBudget.text(locale) }
                    </button>
                })) }
            </fieldset>
        </div>
    }
}

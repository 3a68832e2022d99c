//! The editor for the customer's own plan: a date and an amount per payment.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::slot;

use crate::actions::Action;
use crate::components::text_field::{text_field, TextFieldProps};
use crate::effects::Effect;
use crate::format;
use crate::i18n::{fill, Locale, Msg};
use crate::input::InputError;
use crate::labels;
use crate::model::CustomNote;
use crate::state::{CustomRow, CUSTOM_ROWS_MAX};

#[derive(Debug, Clone, PartialEq)]
pub struct CustomPlanProps {
    pub rows: Vec<CustomRow>,
    pub errors: Rc<Vec<(Option<InputError>, Option<InputError>)>>,
    /// Per row: a payment the engine counted for less than was typed.
    pub notes: Rc<Vec<Option<CustomNote>>>,
    pub locale: Locale,
    pub dispatch: Callback<Action>,
    /// Moves focus after a row is removed (the effects layer's).
    pub effect: Callback<Effect>,
    pub ids: AttrValue,
}

pub fn custom_plan(props: &CustomPlanProps) -> Html {
    let locale = props.locale;
    let error = |e: Option<InputError>| {
        e.and_then(|e| labels::input_error(e, locale))
            .map(AttrValue::from)
    };
    // Removing a row removes its button: focus goes to "Add a payment", which stays (or,
    // with the most rows, when that button is not there yet, to the plan's editor).
    let add_button = NodeRef::default();
    let editor = NodeRef::default();
    let can_add = props.rows.len() < CUSTOM_ROWS_MAX;
    let remove = |index: usize| {
        let (dispatch, effect) = (props.dispatch.clone(), props.effect.clone());
        let target = if can_add {
            add_button.clone()
        } else {
            editor.clone()
        };
        Callback::from(move |_: MouseEvent| {
            effect.emit(Effect::Focus(target.clone()));
            dispatch.emit(Action::RemoveCustomRow(index));
        })
    };
    let rows = props.rows.iter().enumerate().map(|(index, row)| {
        let n = (index + 1).to_string();
        let (date_error, amount_error) = props.errors.get(index).copied().unwrap_or((None, None));
        let note = props.notes.get(index).copied().flatten().map(|note| {
            let text = match note {
                CustomNote::CountedAs(amount) => fill(
                    Msg::CustomAboveOwed.text(locale),
                    &[("amount", &format::money(&amount, locale))],
                ),
                CustomNote::NotNeeded => Msg::CustomNotNeeded.text(locale).to_owned(),
            };
            html! {
                <p class="repay-widget__note repay-widget__note--warning" data-testid={format!("custom-note-{index}")}>{ text }</p>
            }
        });
        html! {
            <li class="repay-widget__custom-row" data-testid={format!("custom-row-{index}")}>
                { text_field(&TextFieldProps { id: AttrValue::from(format!("{}-custom-date-{index}", props.ids)), kind: AttrValue::Static("date"), label: AttrValue::from(fill(Msg::CustomDate.text(locale), &[("n", &n)])), value: AttrValue::from(row.date.clone()), error: error(date_error), on_input: props.dispatch.reform(move |text| Action::SetCustomDate(index, text)), ..TextFieldProps::default() }) }
                { text_field(&TextFieldProps { id: AttrValue::from(format!("{}-custom-amount-{index}", props.ids)), label: AttrValue::from(fill(Msg::CustomAmount.text(locale), &[("n", &n)])), inputmode: Some(AttrValue::Static("decimal")), value: AttrValue::from(row.amount.clone()), error: error(amount_error), on_input: props.dispatch.reform(move |text| Action::SetCustomAmount(index, text)), ..TextFieldProps::default() }) }
                { slot(note) }
                { slot((props.rows.len() > 1).then(|| html! {
                    <button type="button" class="repay-widget__button repay-widget__button--link"
                        onclick={remove(index)}>
                        { fill(Msg::RemovePayment.text(locale), &[("n", &n)]) }
                    </button>
                })) }
            </li>
        }
    });
    html! {
        <div class="repay-widget__custom" data-testid="custom-plan" tabindex="-1" ref={editor.clone()}>
            <p>{ Msg::CustomIntro.text(locale) }</p>
            <ol class="repay-widget__custom-rows">{ for rows }</ol>
            { slot(can_add.then(|| html! {
                <button type="button" class="repay-widget__button repay-widget__button--secondary"
                    data-testid="add-custom-row" ref={add_button.clone()}
                    onclick={props.dispatch.reform(|_: MouseEvent| Action::AddCustomRow)}>
                    { Msg::AddPayment.text(locale) }
                </button>
            })) }
        </div>
    }
}

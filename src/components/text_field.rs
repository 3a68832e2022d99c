//! A labelled text field with its hint and its error right next to it.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::slot;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextFieldProps {
    /// Unique on the page (carries the widget's id prefix).
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub hint: Option<AttrValue>,
    pub error: Option<AttrValue>,
    /// `date`, or empty for text.
    pub kind: AttrValue,
    /// The keyboard a phone shows: `decimal` for amounts.
    pub inputmode: Option<AttrValue>,
    pub min: Option<AttrValue>,
    pub max: Option<AttrValue>,
    pub on_input: Callback<String>,
}

/// The field (a view function: it holds no state, and its props change whenever the
/// step around it re-renders anyway).
pub fn text_field(props: &TextFieldProps) -> Html {
    let hint_id = format!("{}-hint", props.id);
    let error_id = format!("{}-error", props.id);
    let described: Vec<&str> = [
        props.hint.as_ref().map(|_| hint_id.as_str()),
        props.error.as_ref().map(|_| error_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let on_input = props
        .on_input
        .reform(|event: InputEvent| event.target_unchecked_into::<HtmlInputElement>().value());
    html! {
        <div class={classes!("repay-widget__field", props.error.as_ref().map(|_| "repay-widget__field--invalid"))}>
            <label class="repay-widget__label" for={props.id.clone()}>{ &props.label }</label>
            { slot(props.hint.as_ref().map(|hint| html! { <p class="repay-widget__hint" id={hint_id.clone()}>{ hint }</p> })) }
            <input class="repay-widget__input" id={props.id.clone()} type={if props.kind.is_empty() { AttrValue::Static("text") } else { props.kind.clone() }}
                inputmode={props.inputmode.clone()} autocomplete="off" spellcheck="false"
                min={props.min.clone()} max={props.max.clone()}
                value={props.value.clone()}
                aria-invalid={props.error.as_ref().map(|_| "true")}
                aria-describedby={(!described.is_empty()).then(|| described.join(" "))}
                oninput={on_input} />
            { slot(props.error.as_ref().map(|error| html! {
                <p class="repay-widget__error-text" id={error_id.clone()}>{ error }</p>
            })) }
        </div>
    }
}

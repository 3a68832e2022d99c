//! The language switch. Two languages are two buttons side by side, the current one
//! marked pressed: one tap, and both names always in sight. Three or more are a labelled
//! list box: five buttons of native names ("繁體中文（香港）") took three rows, some 150 px,
//! above the status on a 390 px phone, where the list box takes one.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::i18n::{Locale, Msg};

/// Up to this many languages are buttons; more are a list box.
const MOST_BUTTONS: usize = 2;

#[derive(Debug, Clone, PartialEq)]
pub struct LanguageSwitchProps {
    pub current: Locale,
    /// The languages the bank enables, in its order.
    pub locales: Vec<Locale>,
    pub on_change: Callback<Locale>,
}

/// The control that switches the widget's language; none for a bank with one language.
pub fn language_switch(props: &LanguageSwitchProps) -> Html {
    match props.locales.len() {
        0 | 1 => html! {},
        n if n <= MOST_BUTTONS => buttons(props),
        _ => list_box(props),
    }
}

fn buttons(props: &LanguageSwitchProps) -> Html {
    let buttons = props.locales.iter().map(|&locale| {
        let on_click = props.on_change.reform(move |_: MouseEvent| locale);
        let pressed = if locale == props.current {
            "true"
        } else {
            "false"
        };
        html! {
            <button type="button" class="repay-widget__language" lang={locale.tag()}
                aria-pressed={pressed} onclick={on_click}
                data-testid={format!("language-{}", locale.tag())}>
                { locale.native_name() }
            </button>
        }
    });
    html! {
        <div class="repay-widget__languages" role="group"
            aria-label={Msg::LanguageLabel.text(props.current)}>
            { for buttons }
        </div>
    }
}

fn list_box(props: &LanguageSwitchProps) -> Html {
    let current = props.current;
    // A value the list does not hold keeps the language as it is.
    let on_change = props.on_change.reform(move |event: Event| {
        let tag = event.target_unchecked_into::<HtmlSelectElement>().value();
        Locale::exact(&tag).unwrap_or(current)
    });
    let options = props.locales.iter().map(|&locale| {
        html! {
            <option value={locale.tag()} lang={locale.tag()} selected={locale == current}>
                { locale.native_name() }
            </option>
        }
    });
    html! {
        <label class="repay-widget__language-picker">
            <span class="repay-widget__language-label">{ Msg::LanguageLabel.text(current) }</span>
            <select class="repay-widget__language-select" onchange={on_change} data-testid="language">
                { for options }
            </select>
        </label>
    }
}

//! The language switch: one button per language the bank enables, the current one
//! marked pressed.

use yew::prelude::*;

use crate::i18n::{Locale, Msg};

#[derive(Debug, Clone, PartialEq)]
pub struct LanguageSwitchProps {
    pub current: Locale,
    /// The languages the bank enables, in its order.
    pub locales: Vec<Locale>,
    pub on_change: Callback<Locale>,
}

/// Buttons that switch the widget's language.
pub fn language_switch(props: &LanguageSwitchProps) -> Html {
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

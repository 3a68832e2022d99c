//! The language switch. Two languages are two buttons side by side, the current one
//! marked pressed: one tap, and both names always in sight. Three or more are a
//! disclosure that names the current language and opens onto the buttons: five buttons of
//! native names ("繁體中文（香港）") took three rows, some 150 px, above the status on a
//! 390 px phone, where the closed disclosure takes one. The language changes only when
//! one is chosen.

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
        n if n <= MOST_BUTTONS => language_buttons(props, None),
        _ => list_box(props),
    }
}

/// One button per language, the current one pressed; `inside`: the disclosure they sit
/// in and its summary, closed and focused once a language is chosen.
fn language_buttons(props: &LanguageSwitchProps, inside: Option<(NodeRef, NodeRef)>) -> Html {
    let buttons = props.locales.iter().map(|&locale| {
        let on_change = props.on_change.clone();
        let inside = inside.clone();
        let on_click = Callback::from(move |_: MouseEvent| {
            on_change.emit(locale);
            if let Some((details, summary)) = &inside {
                crate::effects::browser::close_disclosure(details, summary);
            }
        });
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

/// Three or more: a disclosure naming the current language, which opens onto the
/// buttons. A native list box changed the language on every arrow key while closed
/// (Chromium fires `change` as the value moves), re-rendering the whole widget under a
/// keyboard or screen-reader user who was only looking; here nothing changes until a
/// language is chosen.
fn list_box(props: &LanguageSwitchProps) -> Html {
    let current = props.current;
    let (details, summary) = (NodeRef::default(), NodeRef::default());
    html! {
        <details class="repay-widget__language-picker" data-testid="language" ref={details.clone()}>
            <summary class="repay-widget__language-summary" ref={summary.clone()}>
                <span class="repay-widget__language-label">
                    { Msg::LanguageLabel.text(current) }{ Msg::Colon.text(current) }
                </span>
                <span lang={current.tag()}>{ current.native_name() }</span>
            </summary>
            { language_buttons(props, Some((details, summary))) }
        </details>
    }
}

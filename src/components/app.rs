//! The root component: reads the configuration, holds the state, lays out the steps.

use yew::prelude::*;

use crate::components::config_error::ConfigErrorPanel;
use crate::components::language_switch::LanguageSwitch;
use crate::components::status_summary::StatusSummary;
use crate::config::WidgetConfig;
use crate::i18n::{Locale, Msg};
use crate::state::{Action, State};

/// What the host page gives the widget.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct AppProps {
    /// The configuration, as JSON text.
    pub config_json: AttrValue,
    /// The language to use when the configuration names none (the browser's).
    #[prop_or_default]
    pub fallback_locale: Locale,
}

/// The widget.
#[component]
pub fn App(props: &AppProps) -> Html {
    let config = use_memo(props.config_json.clone(), |json| {
        WidgetConfig::from_json(json)
    });
    let initial_locale = match &*config {
        Ok(config) => config.locale.unwrap_or(props.fallback_locale),
        Err(error) => error.locale.unwrap_or(props.fallback_locale),
    };
    let state = use_reducer(|| State::new(initial_locale));
    let locale = state.locale;
    let on_locale = {
        let state = state.clone();
        Callback::from(move |locale: Locale| state.dispatch(Action::SetLocale(locale)))
    };

    let body = match &*config {
        Ok(config) => {
            html! { <StatusSummary account={config.scenario.account.clone()} {locale} /> }
        }
        Err(error) => html! { <ConfigErrorPanel error={error.error.clone()} {locale} /> },
    };

    html! {
        <section class="repay-widget" lang={locale.tag()} data-testid="repay-widget"
            aria-label={Msg::WidgetTitle.text(locale)}>
            <header class="repay-widget__header">
                <p class="repay-widget__title">{ Msg::WidgetTitle.text(locale) }</p>
                <LanguageSwitch current={locale} on_change={on_locale} />
            </header>
            { body }
        </section>
    }
}

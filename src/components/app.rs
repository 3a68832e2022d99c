//! The root component: reads the configuration, holds the state, derives the figures
//! through the engine, and lays out the current step with its navigation.

use yew::prelude::*;

use crate::components::config_error::{config_error_panel, ConfigErrorPanelProps};
use crate::components::details_step::DetailsStep;
use crate::components::language_switch::{language_switch, LanguageSwitchProps};
use crate::components::navigation::{navigation, NavigationProps};
use crate::components::options_step::OptionsStep;
use crate::components::progress::{progress, ProgressProps};
use crate::components::review_step::ReviewStep;
use crate::components::situation_step::SituationStep;
use crate::components::status_step::StatusStep;
use crate::config::WidgetConfig;
use crate::i18n::{Locale, Msg};
use crate::model::{derive, Inputs};
use crate::shared::Shared;
use crate::state::Step;
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
        WidgetConfig::from_json(json).map(Shared::new)
    });
    let initial_locale = match &*config {
        Ok(config) => config.locale.unwrap_or(props.fallback_locale),
        Err(error) => error.locale.unwrap_or(props.fallback_locale),
    };
    let state = use_reducer(|| State::new(initial_locale));
    let dispatch = {
        let dispatcher = state.dispatcher();
        use_memo((), move |()| {
            Callback::from(move |action: Action| dispatcher.dispatch(action))
        })
    };
    // Recomputed only when an input the figures depend on changes.
    let checked = match &*config {
        Ok(config) => Some(config.clone()),
        Err(_) => None,
    };
    let model = use_memo((checked, Inputs::of(&state)), |(config, inputs)| {
        config
            .as_ref()
            .map(|config| derive(&config.scenario, inputs).map(Shared::new))
    });

    // Focus moves to the new step's heading, but never on first render: the widget
    // must not pull focus away from the host page as it loads.
    let heading = use_node_ref();
    let first_render = use_mut_ref(|| true);
    {
        let heading = heading.clone();
        use_effect_with(state.step, move |_| {
            if std::mem::replace(&mut *first_render.borrow_mut(), false) {
                return;
            }
            if let Some(element) = heading.cast::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
        });
    }

    // Ids inside the widget carry a per-instance prefix: several widgets can share a page.
    let ids = use_memo((), |()| {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        AttrValue::from(format!("repay-widget-{n}"))
    });

    let locale = state.locale;
    let on_locale = dispatch.reform(Action::SetLocale);
    let body = match (&*config, &*model) {
        (Err(error), _) => config_error_panel(&ConfigErrorPanelProps {
            error: error.error.clone(),
            locale,
        }),
        (Ok(_), Some(Err(error))) => config_error_panel(&ConfigErrorPanelProps {
            error: error.clone(),
            locale,
        }),
        (Ok(config), Some(Ok(model))) => {
            let step = match state.step {
                Step::Status => html! {
                    <StatusStep config={config.clone()} model={model.clone()} {locale}
                        paying_now={state.paying_now} dispatch={(*dispatch).clone()}
                        heading={heading.clone()} />
                },
                Step::Situation => html! {
                    <SituationStep state={(*state).clone()} model={model.clone()}
                        dispatch={(*dispatch).clone()} heading={heading.clone()} ids={(*ids).clone()} />
                },
                Step::Options => html! {
                    <OptionsStep config={config.clone()} state={(*state).clone()} model={model.clone()}
                        dispatch={(*dispatch).clone()} heading={heading.clone()} ids={(*ids).clone()} />
                },
                Step::Details | Step::Review => {
                    match state.chosen.filter(|&o| o < model.plans.len()) {
                        Some(offer) if state.step == Step::Details => html! {
                            <DetailsStep model={model.clone()} {offer} {locale} heading={heading.clone()} />
                        },
                        Some(offer) => html! {
                            <ReviewStep config={config.clone()} state={(*state).clone()} model={model.clone()} {offer}
                                dispatch={(*dispatch).clone()} heading={heading.clone()} ids={(*ids).clone()} />
                        },
                        // The reducer only reaches these steps with a chosen plan.
                        None => html! {},
                    }
                }
            };
            html! {
                <>
                    { progress(&ProgressProps {
                        current: state.step,
                        chosen: state.chosen.is_some(),
                        locale,
                        dispatch: (*dispatch).clone(),
                    }) }
                    { step }
                    { navigation(&NavigationProps {
                        state: (*state).clone(),
                        dispatch: (*dispatch).clone(),
                        ids: (*ids).clone(),
                    }) }
                </>
            }
        }
        (Ok(_), _) => html! {},
    };

    html! {
        <section class="repay-widget" lang={locale.tag()} data-testid="repay-widget"
            aria-label={Msg::WidgetTitle.text(locale)}>
            <header class="repay-widget__header">
                <p class="repay-widget__title">{ Msg::WidgetTitle.text(locale) }</p>
                { language_switch(&LanguageSwitchProps { current: locale, on_change: on_locale }) }
            </header>
            { body }
        </section>
    }
}

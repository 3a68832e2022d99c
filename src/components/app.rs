//! The root component: reads the configuration, holds the state, derives the figures
//! through the engine, and lays out the current step with its navigation.

use yew::prelude::*;

use crate::client;
use crate::components::config_error::{config_error_panel, ConfigErrorPanelProps};
use crate::components::confirmation::{confirmation, ConfirmationProps};
use crate::components::details_step::{details_step, DetailsStepProps};
use crate::components::language_switch::{language_switch, LanguageSwitchProps};
use crate::components::navigation::{navigation, NavigationProps};
use crate::components::options_step::{options_step, OptionsStepProps};
use crate::components::progress::{progress, ProgressProps};
use crate::components::review_step::{review_step, ReviewStepProps};
use crate::components::situation_step::{situation_step, SituationStepProps};
use crate::components::status_step::{status_step, StatusStepProps};
use crate::config::{ConfigError, WidgetConfig};
use crate::events::{between, config_error, plan_code, step_name, Seen, WidgetEvent};
use crate::i18n::{Locale, Msg};
use crate::model::{derive, Inputs};
use crate::shared::Shared;
use crate::state::Step;
use crate::state::{Action, State};
use crate::submit::Lifecycle;
use repay_engine::EngineError;

/// What the host page gives the widget.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct AppProps {
    /// The configuration, read and checked ([`WidgetConfig::from_json`]).
    pub config: Result<Shared<WidgetConfig>, ConfigError>,
    /// The language to use when the configuration names none (the browser's).
    #[prop_or_default]
    pub fallback_locale: Locale,
    /// Receives what the host page is told ([`WidgetEvent`]).
    #[prop_or_default]
    pub on_event: Option<Callback<WidgetEvent>>,
}

/// The widget.
#[component]
pub fn App(props: &AppProps) -> Html {
    let config = &props.config;
    let initial_locale = match config {
        Ok(config) => config.locale.unwrap_or(props.fallback_locale),
        Err(error) => error.locale.unwrap_or(props.fallback_locale),
    };
    // A reload resumes from the draft this tab kept for the account, if any.
    let state = {
        let config = config.clone();
        use_reducer(move || match config {
            Ok(config) => client::load_draft(&config.sending.account_reference).map_or_else(
                || State::new(initial_locale),
                |draft| State::restored(initial_locale, draft, config.scenario.policy.plans.len()),
            ),
            Err(_) => State::new(initial_locale),
        })
    };
    let dispatch = {
        let dispatcher = state.dispatcher();
        use_memo((), move |()| {
            Callback::from(move |action: Action| dispatcher.dispatch(action))
        })
    };
    // Recomputed only when an input the figures depend on changes.
    let checked = match config {
        Ok(config) => Some(config.clone()),
        Err(_) => None,
    };
    let model = use_memo((checked, Inputs::of(&state)), |(config, inputs)| {
        config
            .as_ref()
            .map(|config| derive(&config.scenario, inputs).map(Shared::new))
    });

    let sending = match config {
        Ok(config) => Some(config.sending.clone()),
        Err(_) => None,
    };
    // Every change worth keeping goes to session storage (never the budget figures), and
    // each new round of sending (a new proposal, "try again", a proposal resumed after a
    // reload) starts exactly one delivery. One effect for both: each
    // effect costs the bundle its own copy of Yew's effect machinery.
    {
        let started = use_mut_ref(|| 0_u32);
        let pending = state.pending.clone();
        let report = dispatch.reform(Action::Delivery);
        use_effect_with((state.draft(), state.round), move |(draft, round)| {
            if let Some(sending) = sending {
                client::save_draft(&sending.account_reference, draft);
                let new_round = *round > std::mem::replace(&mut *started.borrow_mut(), *round);
                if let (true, Some(pending)) = (new_round, pending) {
                    yew::platform::spawn_local(client::deliver(sending, pending, report));
                }
            }
        });
    }
    // What the customer sees, for the host page's events; or what makes the
    // configuration unusable.
    let seen: Result<Seen, EngineError> = match (config, &*model) {
        (Err(error), _) => Err(error.error.clone()),
        (Ok(_), Some(Err(error))) => Err(error.clone()),
        (Ok(_), model) => Ok(Seen {
            locale: state.locale,
            step: match state.lifecycle {
                Lifecycle::Accepted(_) => "confirmation",
                _ => step_name(state.step),
            },
            plan: model.as_ref().and_then(|model| {
                let model = model.as_ref().ok()?;
                let plan = model.plans.get(state.chosen?)?;
                Some((plan.offer as u32, plan_code(&plan.kind), plan.term_months))
            }),
            round: (
                state.round,
                state.pending.as_ref().map(|pending| pending.key.clone()),
            ),
            lifecycle: state.lifecycle.clone(),
        }),
    };
    // One effect tells the host page what changed and moves focus to a new step's
    // heading (never on the first render: the widget must not pull focus away from the
    // host page as it loads). An unusable configuration is logged once to the console.
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        let on_event = props.on_event.clone();
        let set_locale = dispatch.reform(Action::SetLocale);
        let wanted = config.as_ref().ok().and_then(|config| config.locale);
        let last = use_mut_ref(|| None::<(Result<Seen, EngineError>, Option<Locale>)>);
        use_effect_with((seen, wanted), move |(now, wanted)| {
            let before = last.borrow_mut().replace((now.clone(), *wanted));
            // A host's update that names another language switches to it.
            if let (Some((_, previous)), Some(locale)) = (&before, wanted) {
                if previous != wanted {
                    set_locale.emit(*locale);
                }
            }
            let before = before.map(|(seen, _)| seen);
            let events = match (&before, now) {
                (_, Err(error)) => {
                    let event = config_error(error);
                    web_sys::console::error_1(&event.console_text().into());
                    vec![event]
                }
                (Some(Ok(before)), Ok(now)) => {
                    if before.step != now.step {
                        if let Some(element) = heading.cast::<web_sys::HtmlElement>() {
                            let _ = element.focus();
                        }
                    }
                    between(Some(before), now)
                }
                (_, Ok(now)) => between(None, now),
            };
            if let Some(on_event) = on_event {
                events.into_iter().for_each(|event| on_event.emit(event));
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
    let body = match (config, &*model) {
        (Err(error), _) => config_error_panel(&ConfigErrorPanelProps {
            error: error.error.clone(),
            locale,
        }),
        (Ok(_), Some(Err(error))) => config_error_panel(&ConfigErrorPanelProps {
            error: error.clone(),
            locale,
        }),
        (Ok(config), Some(Ok(_))) if let Lifecycle::Accepted(receipt) = &state.lifecycle => {
            confirmation(&ConfirmationProps {
                receipt,
                config,
                locale,
                heading: heading.clone(),
            })
        }
        (Ok(config), Some(Ok(model))) => {
            let dispatch = (*dispatch).clone();
            let (heading, ids) = (heading.clone(), (*ids).clone());
            let step = match state.step {
                Step::Status => status_step(&StatusStepProps {
                    config: config.clone(),
                    model: model.clone(),
                    locale,
                    paying_now: state.paying_now,
                    dispatch: dispatch.clone(),
                    heading,
                }),
                Step::Situation => situation_step(&SituationStepProps {
                    state: (*state).clone(),
                    model: model.clone(),
                    dispatch: dispatch.clone(),
                    heading,
                    ids: ids.clone(),
                }),
                Step::Options => options_step(&OptionsStepProps {
                    config: config.clone(),
                    state: (*state).clone(),
                    model: model.clone(),
                    dispatch: dispatch.clone(),
                    heading,
                    ids: ids.clone(),
                }),
                Step::Details | Step::Review => {
                    match state.chosen.filter(|&o| o < model.plans.len()) {
                        Some(offer) if state.step == Step::Details => {
                            details_step(&DetailsStepProps {
                                model: model.clone(),
                                offer,
                                locale,
                                heading,
                            })
                        }
                        Some(offer) => review_step(&ReviewStepProps {
                            config: config.clone(),
                            state: (*state).clone(),
                            model: model.clone(),
                            offer,
                            dispatch: dispatch.clone(),
                            heading,
                            ids: ids.clone(),
                        }),
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
                        dispatch: dispatch.clone(),
                    }) }
                    { step }
                    { navigation(&NavigationProps {
                        state: (*state).clone(),
                        dispatch,
                        ids,
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

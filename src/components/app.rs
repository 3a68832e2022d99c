//! The root component: holds the state, derives the figures through the engine, and
//! lays out the current step with its navigation. Its effects are the effects layer's
//! hooks ([`crate::effects`]).

use yew::prelude::*;

use crate::actions::Action;
use crate::components::announce::announcement;
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
use crate::delivery::Lifecycle;
use crate::effects::{self, Effect};
use crate::events::{step_name, Seen, WidgetEvent};
use crate::i18n::{negotiate, Locale, Msg, Wording};
use crate::model::derive;
use crate::shared::Shared;
use crate::state::Step;
use repay_engine::EngineError;

/// What the host page gives the widget.
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct AppProps {
    /// The configuration, read and checked ([`WidgetConfig::from_json`]).
    pub config: Result<Shared<WidgetConfig>, ConfigError>,
    /// The reader's languages, best first (the host page's `lang`, then the browser's):
    /// the widget starts in the nearest the bank enables when the configuration names
    /// none ([`crate::i18n::negotiate`]).
    #[prop_or_default]
    pub preferred: Vec<String>,
    /// Receives what the host page is told ([`WidgetEvent`]).
    #[prop_or_default]
    pub on_event: Option<Callback<WidgetEvent>>,
    /// The first render is the server's (or must equal it): it starts from the
    /// configuration alone, without the tab's draft.
    #[prop_or_default]
    pub fresh: bool,
}

/// The widget.
#[component]
pub fn App(props: &AppProps) -> Html {
    let config = &props.config;
    // Every text this render reads is the bank's own wording where it gives one.
    let _wording = Wording::enter(config.as_ref().ok().and_then(|config| config.wording));
    let preferred = || props.preferred.iter().map(String::as_str);
    let initial_locale = match config {
        Ok(config) => config.start_locale(preferred()),
        Err(error) => error
            .locale
            .or_else(|| negotiate(preferred(), &Locale::ALL))
            .unwrap_or_default(),
    };
    // A reload resumes from the draft this tab kept for the account, if any.
    let state = {
        let config = config.clone();
        let fresh = props.fresh;
        use_reducer(move || effects::initial_state(&config, initial_locale, fresh))
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
    // The bank's offers, by key (hashed once per configuration): a choice follows its
    // offer when the list changes (`update`), and one whose offer is gone or changed is
    // dropped and said. Dispatched before anything is drawn from the new list, so nothing
    // is sent from a stale index.
    let keys = use_memo(checked.clone(), |config| {
        config
            .as_ref()
            .map(|config| crate::state::offer_keys(&config.scenario))
    });
    if let Some(keys) = keys.as_ref() {
        if state.answers.offer_keys != *keys {
            dispatch.emit(Action::Offers(keys.clone()));
        }
    }
    // `state.figures` counts the changes to what the figures depend on (the reducer
    // bumps it), so nothing is copied each render to find out whether they changed.
    let model = use_memo((checked, state.figures), |(config, _)| {
        config
            .as_ref()
            .map(|config| derive(&config.scenario, state.figure_inputs()).map(Shared::new))
    });

    effects::use_persistence_and_delivery(config.as_ref().ok().cloned(), &state, &dispatch);
    // What the customer sees, for the host page's events; or what makes the
    // configuration unusable.
    let seen: Result<Seen, EngineError> = match (config, &*model) {
        (Err(error), _) => Err(error.error.clone()),
        (Ok(_), Some(Err(error))) => Err(error.clone()),
        (Ok(_), model) => Ok(Seen {
            locale: state.answers.locale,
            step: match state.delivery.lifecycle() {
                Lifecycle::Accepted(_) => "confirmation",
                _ => step_name(state.answers.step),
            },
            plan: model.as_ref().and_then(|model| {
                let model = model.as_ref().ok()?;
                let plan = model.plans.get(state.answers.chosen?)?;
                Some((plan.offer as u32, plan.kind.offer_kind(), plan.term_months))
            }),
            round: (
                state.round,
                state
                    .delivery
                    .pending()
                    .map(|pending| pending.key().to_owned()),
            ),
            sending: state.delivery.lifecycle().into(),
        }),
    };
    effects::use_config_warnings(
        config
            .as_ref()
            .map(|config| config.ignored.clone())
            .unwrap_or_default(),
        props.on_event.clone(),
    );
    let heading = use_node_ref();
    effects::use_host_events(
        seen,
        config.as_ref().ok().and_then(|config| config.locale),
        heading.clone(),
        props.on_event.clone(),
        dispatch.reform(Action::SetLocale),
    );

    // Ids inside the widget carry a per-instance prefix: several widgets can share a page.
    let ids = use_memo((), |()| {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        AttrValue::from(format!("repay-widget-{n}"))
    });

    let locale = state.answers.locale;
    // The widget's one polite live region: the result of what was just typed or picked,
    // once it settles.
    let announced = effects::use_settled(
        (state.answers.step, locale),
        match &*model {
            Some(Ok(model)) if !matches!(state.delivery.lifecycle(), Lifecycle::Accepted(_)) => {
                announcement(&state, model)
            }
            _ => String::new(),
        },
    );
    let on_locale = dispatch.reform(Action::SetLocale);
    let body = match (config, &*model) {
        (Err(error), _) => config_error_panel(&ConfigErrorPanelProps {
            error: error.error.clone(),
            contact: error.contact.as_deref().cloned(),
            locale,
        }),
        (Ok(config), Some(Err(error))) => config_error_panel(&ConfigErrorPanelProps {
            error: error.clone(),
            contact: config.bank_contact.clone(),
            locale,
        }),
        (Ok(config), Some(Ok(model)))
            if let Lifecycle::Accepted(receipt) = state.delivery.lifecycle() =>
        {
            confirmation(&ConfirmationProps {
                receipt,
                config,
                plan: state
                    .answers
                    .chosen
                    .and_then(|offer| model.plans.get(offer)),
                advice: state
                    .answers
                    .chosen
                    .and_then(|offer| model.advice.plans.get(offer)),
                locale,
                heading: heading.clone(),
            })
        }
        (Ok(config), Some(Ok(model))) => {
            let dispatch = (*dispatch).clone();
            let effect: Callback<Effect> = effects::handler(
                config.clone(),
                state.clone(),
                model.clone(),
                dispatch.clone(),
            );
            let (heading, ids) = (heading.clone(), (*ids).clone());
            let step = match state.answers.step {
                Step::Status => status_step(&StatusStepProps {
                    config: config.clone(),
                    model: model.clone(),
                    locale,
                    paying_now: state.paying_now,
                    part_payment: AttrValue::from(state.part_payment.clone()),
                    dispatch: dispatch.clone(),
                    heading,
                    ids: ids.clone(),
                }),
                Step::Situation => situation_step(&SituationStepProps {
                    config: config.clone(),
                    state: &state,
                    model: model.clone(),
                    dispatch: dispatch.clone(),
                    heading,
                    ids: ids.clone(),
                }),
                Step::Options => options_step(&OptionsStepProps {
                    config: config.clone(),
                    state: &state,
                    model: model.clone(),
                    dispatch: dispatch.clone(),
                    effect: effect.clone(),
                    heading,
                    ids: ids.clone(),
                }),
                Step::Details | Step::Review => {
                    match state.answers.chosen.filter(|&o| o < model.plans.len()) {
                        Some(offer) if state.answers.step == Step::Details => {
                            let policy = &config.scenario.policy;
                            details_step(&DetailsStepProps {
                                model: model.clone(),
                                offer,
                                whole_schedule: state.whole_schedule,
                                dispatch: dispatch.clone(),
                                locale,
                                effect,
                                heading,
                                effects: policy.plan_effects_of(offer),
                            })
                        }
                        Some(offer) => review_step(&ReviewStepProps {
                            config: config.clone(),
                            state: &state,
                            model: model.clone(),
                            offer,
                            dispatch: dispatch.clone(),
                            effect,
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
                        current: state.answers.step,
                        chosen: state.answers.chosen.is_some(),
                        locale,
                        dispatch: dispatch.clone(),
                    }) }
                    { step }
                    { navigation(&NavigationProps {
                        problem: (state.answers.step == Step::Situation
                            && (model.budget.income.is_err() || model.budget.expenses.is_err()))
                            .then_some(Msg::FixFiguresFirst),
                        state: &state,
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
                { language_switch(&LanguageSwitchProps {
                    current: locale,
                    locales: config.as_ref().map_or_else(|_| Locale::ALL.to_vec(), |c| c.locales.clone()),
                    on_change: on_locale,
                }) }
            </header>
            { body }
            <div class="repay-widget__visually-hidden" aria-live="polite" data-testid="announcer">
                { announced }
            </div>
            // Shown only while a screen the server rendered waits for the program to
            // take it over (styles/widget.css): its buttons look ready but do not answer
            // yet. The same on both sides, so the takeover finds the server's nodes.
            <p class="repay-widget__waiting" role="status" data-testid="waiting">
                { Msg::WaitingForProgram.text(locale) }
            </p>
        </section>
    }
}

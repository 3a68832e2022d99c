//! The effects layer: everything the widget does to the world, in one place. Views
//! render and dispatch [`Action`]s (to the reducer) or [`Effect`]s (to here); nothing
//! else reads the clock, makes an id, touches storage, downloads a file, moves focus,
//! talks to the host page or the network.
//!
//! - [`initial_state`]: a reload resumes from the draft this tab kept.
//! - [`use_persistence_and_delivery`]: every change worth keeping goes to session
//!   storage, and each new round of sending starts exactly one delivery ([`client`]).
//! - [`use_host_events`]: the host page's events, focus on a new step's heading, an
//!   unusable configuration logged.
//! - [`use_settled`]: what the live region says, once the figures stop changing.
//! - [`handler`]: what the views ask for ([`Effect`]): sending (the proposal built by
//!   [`crate::submit::proposal`] given the time and a fresh id), downloads, printing.

pub mod browser;
pub mod client;

use repay_contract::Refusal;
use repay_engine::EngineError;
use yew::prelude::*;

use crate::actions::Action;
use crate::config::{ConfigError, WidgetConfig};
use crate::delivery::Report;
use crate::events::{between, config_error, Seen, WidgetEvent};
use crate::export;
use crate::i18n::Locale;
use crate::model::Model;
use crate::shared::Shared;
use crate::state::State;
use crate::submit;

/// What a view asks of the world.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Send the plan of offer `offer` as the customer's proposal (or, without consent,
    /// say that it is needed and move focus to the box, `consent`).
    Send { offer: usize, consent: NodeRef },
    /// Move focus to `target`, an element that stays on screen through the change just
    /// dispatched (after "Remove payment N", whose button goes with its row).
    Focus(NodeRef),
    /// Download the plan's payments as calendar reminders.
    Calendar { offer: usize },
    /// Download the plan's schedule as a spreadsheet.
    Spreadsheet { offer: usize },
    /// Print the page.
    Print,
}

/// The state a widget starts in: resumed from the draft this tab kept for the account,
/// if there is one, unless it starts `fresh` (from the configuration alone, as the
/// server renders it).
pub fn initial_state(
    config: &Result<Shared<WidgetConfig>, ConfigError>,
    locale: Locale,
    fresh: bool,
) -> State {
    match config {
        Ok(_) if fresh => State {
            awaiting_draft: true,
            ..State::new(locale)
        },
        Ok(config) => browser::load_draft(&config.sending.account_reference).map_or_else(
            || State::new(locale),
            |draft| State::restored(draft, &config.scenario),
        ),
        Err(_) => State::new(locale),
    }
}

/// Keeps the draft in session storage (never the budget figures) and starts one
/// delivery per round of sending: a new proposal, "try again", a proposal resumed
/// after a reload. After taking over a screen the server rendered, it first resumes the
/// tab's draft. One effect for both: each effect costs the bundle its own copy of
/// Yew's effect machinery.
#[hook]
pub fn use_persistence_and_delivery(
    config: Option<Shared<WidgetConfig>>,
    state: &State,
    dispatch: &Callback<Action>,
) {
    let started = use_mut_ref(|| 0_u32);
    let pending = state.delivery.pending().cloned();
    let report = dispatch.reform(Action::Delivery);
    let resume = dispatch.reform(Action::Resume);
    let deps = (state.draft(), state.round, state.awaiting_draft);
    use_effect_with(deps, move |(draft, round, awaiting)| {
        if let Some(config) = config {
            if *awaiting {
                // A screen the server rendered was taken over: the first render had to
                // be the server's, so the tab's draft is applied now, and nothing is
                // saved over it before.
                let draft = browser::load_draft(&config.sending.account_reference);
                resume.emit(draft.map(|draft| Box::new(State::restored(draft, &config.scenario))));
                return;
            }
            let sending = config.sending.clone();
            browser::save_draft(&sending.account_reference, draft);
            let new_round = *round > std::mem::replace(&mut *started.borrow_mut(), *round);
            if let (true, Some(pending)) = (new_round, pending) {
                yew::platform::spawn_local(client::deliver(sending, pending, report));
            }
        }
    });
}

/// Tells the host page what changed, moves focus to a new step's heading (never on the
/// first render: the widget must not pull focus away from the host page as it loads),
/// follows a host's update that names another language, and logs an unusable
/// configuration once to the console.
#[hook]
pub fn use_host_events(
    seen: Result<Seen, EngineError>,
    wanted: Option<Locale>,
    heading: NodeRef,
    on_event: Option<Callback<WidgetEvent>>,
    set_locale: Callback<Locale>,
) {
    let last = use_mut_ref(|| None::<(Result<Seen, EngineError>, Option<Locale>)>);
    use_effect_with((seen, wanted), move |(now, wanted)| {
        let before = last.borrow_mut().replace((now.clone(), *wanted));
        if let (Some((_, previous)), Some(locale)) = (&before, wanted) {
            if previous != wanted {
                set_locale.emit(*locale);
            }
        }
        let before = before.map(|(seen, _)| seen);
        let events = match (&before, now) {
            (_, Err(error)) => {
                let event = config_error(error);
                browser::log_error(&event.console_text());
                vec![event]
            }
            (Some(Ok(before)), Ok(now)) => {
                if before.step != now.step {
                    browser::focus(&heading);
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

/// How long an announcement's text must stay the same before the live region says it:
/// longer than the pause between keystrokes, short enough to follow the last one.
pub const SETTLE_MS: u32 = 800;

/// `text` once it has stayed the same for [`SETTLE_MS`], for the widget's live region: a
/// screen reader hears the settled result once, not one announcement per keystroke. What
/// a step says when it opens is not news (focus is on its heading): moving to another
/// `scope` empties the region at once and announces only later changes.
#[hook]
pub fn use_settled<S: PartialEq + Clone + 'static>(scope: S, text: String) -> String {
    let shown = use_state(String::new);
    let last = use_mut_ref(|| (scope.clone(), text.clone()));
    {
        let shown = shown.clone();
        use_effect_with((scope, text), move |(scope, text)| {
            let mut last = last.borrow_mut();
            // A wait still running when the text changes again is dropped, unsaid.
            let waiting = if last.0 != *scope {
                shown.set(String::new());
                None
            } else if last.1 != *text {
                let text = text.clone();
                Some(gloo_timers::callback::Timeout::new(SETTLE_MS, move || {
                    shown.set(text)
                }))
            } else {
                None
            };
            *last = (scope.clone(), text.clone());
            move || drop(waiting)
        });
    }
    (*shown).clone()
}

/// Tells the product team, once per configuration, about each theme variable it dropped:
/// a console warning and a `repay:error` event of kind `ignored`.
#[hook]
pub fn use_config_warnings(ignored: Vec<EngineError>, on_event: Option<Callback<WidgetEvent>>) {
    use_effect_with(ignored, move |ignored| {
        for error in ignored {
            let event = crate::events::ignored(error);
            browser::log_warning(&event.console_text());
            if let Some(on_event) = &on_event {
                on_event.emit(event);
            }
        }
    });
}

/// Carries out what the views ask, for the configuration, state and model of this
/// render (the reducer's handle: the state is not copied).
pub fn handler(
    config: Shared<WidgetConfig>,
    state: UseReducerHandle<State>,
    model: Shared<Model>,
    dispatch: Callback<Action>,
) -> Callback<Effect> {
    Callback::from(move |effect: Effect| {
        // Files made here (calendar, spreadsheet) say what the screen says.
        let _wording = crate::i18n::Wording::enter(config.wording);
        handle(&config, &state, &model, &dispatch, effect);
    })
}

/// Carries out one effect (see [`handler`]).
fn handle(
    config: &Shared<WidgetConfig>,
    state: &UseReducerHandle<State>,
    model: &Shared<Model>,
    dispatch: &Callback<Action>,
    effect: Effect,
) {
    match effect {
        Effect::Send { offer, consent } => {
            if !state.answers.consent {
                dispatch.emit(Action::AskConsent);
                browser::focus(&consent);
            } else if !state.is_locked() {
                let built = browser::new_proposal_id().and_then(|id| {
                    submit::proposal(config, state, model, offer, browser::now_rfc3339(), id)
                });
                dispatch.emit(match built {
                    Some(pending) => Action::Send(Box::new(pending)),
                    // The browser cannot make a proposal id (no `crypto`).
                    None => Action::Delivery(Report::Refused(Refusal::new(
                        repay_contract::RefusalCode::Other("widget_unavailable".to_owned()),
                        "",
                    ))),
                });
            }
        }
        Effect::Calendar { offer } => {
            if let Some(plan) = model.plans.get(offer) {
                let file =
                    export::calendar_file(plan, state.answers.locale, &browser::now_rfc3339());
                browser::download(&file);
            }
        }
        Effect::Spreadsheet { offer } => {
            if let Some(plan) = model.plans.get(offer) {
                browser::download(&export::spreadsheet_file(plan, state.answers.locale));
            }
        }
        Effect::Print => browser::print(),
        Effect::Focus(target) => browser::focus(&target),
    }
}

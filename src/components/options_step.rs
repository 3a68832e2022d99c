//! Step 3, "Your options": every plan the policy offers, side by side, recomputed by the
//! engine as the customer changes a term or the first payment date; the plan that fits
//! the budget is suggested, and charts compare them.

use std::rc::Rc;

use repay_engine::policy::PlanOffer;
use repay_engine::PlanKind;
use yew::prelude::*;

use crate::shared::Shared;

use crate::actions::Action;
use crate::components::balance_chart::{balance_chart, BalanceChartProps};
use crate::components::bank_contact::bank_contact_line;
use crate::components::custom_plan::{custom_plan, CustomPlanProps};
use crate::components::plan_card::{plan_card, PlanCardProps};
use crate::components::suggestion::suggestion;
use crate::components::text_field::{text_field, TextFieldProps};
use crate::config::WidgetConfig;
use crate::effects::Effect;
use crate::format;
use crate::i18n::{fill, Msg};
use crate::labels;
use crate::model::Model;
use crate::state::State;

#[derive(Debug, Clone, PartialEq)]
pub struct OptionsStepProps<'a> {
    pub config: Shared<WidgetConfig>,
    pub state: &'a State,
    pub model: Shared<Model>,
    pub dispatch: Callback<Action>,
    /// The effects layer (focus after removing a custom payment).
    pub effect: Callback<Effect>,
    pub heading: NodeRef,
    pub ids: AttrValue,
}

/// The latest date a custom plan's payments may reach: its term from the snapshot's
/// date, within the policy's longest term.
fn custom_latest(config: &WidgetConfig, offer: usize) -> Option<jiff::civil::Date> {
    let policy = &config.scenario.policy;
    match policy.plans.get(offer) {
        Some(PlanOffer::Custom {
            max_term_months, ..
        }) => repay_engine::calendar::add_months(
            config.scenario.account.as_of,
            (*max_term_months).min(policy.max_term_months),
        ),
        _ => None,
    }
}

#[inline(never)]
pub fn options_step(props: &OptionsStepProps<'_>) -> Html {
    let locale = props.state.answers.locale;
    let ids = &props.ids;
    let model = &props.model;
    let policy = &props.config.scenario.policy;
    let (earliest, latest) = model.first_payment_window;
    let first_payment_error = model
        .first_payment
        .err()
        .and_then(|e| labels::input_error(e, locale))
        .map(AttrValue::from);
    let custom_errors = Rc::new(model.custom_errors.clone());
    let custom_notes = Rc::new(model.custom_notes.clone());
    // The suggested plan first; the rest in the bank's order. (The chosen plan stays where
    // it was chosen: a card that moved away from under the customer's finger would lose
    // them.)
    let suggested = model.suggested();
    let order = suggested
        .into_iter()
        .chain((0..model.plans.len()).filter(move |&o| Some(o) != suggested));
    // Not in arrears, there is nothing to bring up to date: that offer is no choice.
    let in_arrears = props.config.scenario.account.in_arrears();
    let cards = order
        .filter_map(|offer| model.plans.get(offer))
        .filter(|plan| in_arrears || plan.kind != PlanKind::BringCurrent)
        .map(|plan| {
            let offer = plan.offer;
            let children = if plan.kind == PlanKind::Custom {
                html! {
                    { custom_plan(&CustomPlanProps {
                        rows: props.state.answers.custom_rows.clone(),
                        errors: custom_errors.clone(),
                        notes: custom_notes.clone(),
                        locale,
                        dispatch: props.dispatch.clone(),
                        effect: props.effect.clone(),
                        ids: ids.clone(),
                    }) }
                }
            } else {
                html! {}
            };
            html! {
                <li key={offer}>
                    { plan_card(&PlanCardProps {
                        model: props.model.clone(),
                        offer,
                        terms: policy.plans[offer].terms(policy.max_term_months),
                        chosen: props.state.answers.chosen == Some(offer),
                        suggested: model.suggested() == Some(offer),
                        effects: policy.plan_effects_of(offer),
                        custom_latest: custom_latest(&props.config, offer),
                        review_days: props.config.review_days,
                        locale,
                        dispatch: props.dispatch.clone(),
                        ids: ids.clone(),
                        children,
                    }) }
                </li>
            }
        });
    html! {
        <div class="repay-widget__step" data-testid="options">
            <h2 class="repay-widget__heading" tabindex="-1" ref={props.heading.clone()}>
                { Msg::StepOptions.text(locale) }
            </h2>
            <p class="repay-widget__intro">{ Msg::OptionsIntro.text(locale) }</p>
            if props.state.offers_changed {
                <p class="repay-widget__note repay-widget__note--warning" role="alert" data-testid="offers-changed">
                    { Msg::OffersChanged.text(locale) }
                </p>
            }
            { suggestion(&props.config, model, ids, locale, &props.dispatch) }
            { text_field(&TextFieldProps { id: AttrValue::from(format!("{ids}-first-payment")), kind: AttrValue::Static("date"), label: AttrValue::from(Msg::FirstPaymentLabel.text(locale)), hint: Some(AttrValue::from(fill(Msg::FirstPaymentHint.text(locale), &[("date", &format::date(model.default_first_payment, locale))]))), value: AttrValue::from(props.state.answers.first_payment.clone()), min: Some(AttrValue::from(repay_engine::account::iso_date(earliest))), max: Some(AttrValue::from(repay_engine::account::iso_date(latest))), error: first_payment_error, on_input: props.dispatch.reform(Action::SetFirstPayment), ..TextFieldProps::default() }) }
            <ul class="repay-widget__plans">{ for cards }</ul>
            // The comparison is one tap away, not in the way of the plans.
            <details class="repay-widget__section repay-widget__more" data-testid="compare">
                <summary class="repay-widget__subheading">{ Msg::CompareInCharts.text(locale) }</summary>
                { balance_chart(&BalanceChartProps { model: props.model.clone(), locale, ids: ids.clone() }) }
            </details>
            { bank_contact_line(props.config.bank_contact.as_ref(), Msg::ContactLeadOptions, locale) }
        </div>
    }
}

//! The suggestion, and why it was made: from the reason the customer gave and their
//! budget, under the bank's policy (`suggestions`). It says when the suggested plan does
//! not fit the budget and what does; when nothing fits, or the customer disputes a
//! charge, it leads to a person instead of a plan.

use repay_engine::guidance::{MissedReason, Why};
use yew::prelude::*;

use crate::actions::Action;
use crate::components::bank_contact::bank_contact;
use crate::components::debt_advice::debt_advice;
use crate::components::slot;
use crate::config::WidgetConfig;
use crate::format;
use crate::i18n::{fill, Locale, Msg};
use crate::labels;
use crate::model::Model;
use crate::state::Step;

/// Why a plan suits the reason given, in a sentence.
fn reason_text(reason: MissedReason) -> Msg {
    match reason {
        MissedReason::Forgot => Msg::WhyForgot,
        MissedReason::TemporaryEmergency => Msg::WhyEmergency,
        MissedReason::IncomeLoss => Msg::WhyIncomeLoss,
        MissedReason::Illness => Msg::WhyIllness,
        MissedReason::Dispute | MissedReason::Other => Msg::WhySuitsReason,
    }
}

/// The suggestion box at the top of the options step; with nothing to go on (no
/// reason, no budget), an offer to say more, which leads to the situation step.
#[inline(never)]
pub(crate) fn suggestion(
    config: &WidgetConfig,
    model: &Model,
    ids: &str,
    locale: Locale,
    dispatch: &Callback<Action>,
) -> Html {
    let Some(suggestion) = model.suggestion else {
        return html! {
            <section class="repay-widget__suggestion" data-testid="suggestion">
                <p>{ Msg::TellUsIntro.text(locale) }</p>
                <button type="button" class="repay-widget__button repay-widget__button--secondary"
                    data-testid="tell-us"
                    onclick={dispatch.reform(|_: MouseEvent| Action::GoTo(Step::Situation))}>
                    { Msg::TellUs.text(locale) }
                </button>
            </section>
        };
    };
    let affordable = model
        .budget
        .affordability
        .as_ref()
        .map(|a| format::money(&a.affordable_monthly, locale))
        .unwrap_or_default();
    let plan_link = |offer: usize, testid: &'static str| {
        model.plans.get(offer).map(|plan| {
            html! {
                <a class="repay-widget__link" href={format!("#{ids}-plan-{offer}")}
                    data-testid={testid}>
                    { labels::plan_name(plan, locale) }
                </a>
            }
        })
    };
    let mut lines: Vec<Html> = Vec::new();
    let mut needs_person = false;
    // "Costs least", with the figures it was compared on and the next cheapest.
    let compared_lines = |msg: Msg, lines: &mut Vec<Html>| {
        let Some(compared) = suggestion.compared else {
            return;
        };
        lines.push(html! {
            <p data-testid="suggest-compared">{ fill(msg.text(locale), &[
                ("amount", &affordable),
                ("cost", &format::money(&compared.cost, locale)),
                ("date", &format::date(compared.horizon.0, locale)),
            ]) }</p>
        });
        if let Some((offer, cost)) = compared.next {
            if let Some(plan) = model.plans.get(offer) {
                lines.push(html! {
                    <p data-testid="suggest-next">{ fill(Msg::SuggestNext.text(locale), &[
                        ("plan", labels::plan_name(plan, locale)),
                        ("cost", &format::money(&cost, locale)),
                    ]) }</p>
                });
            }
        }
    };
    match suggestion.why {
        Why::SuitsReason {
            reason,
            fits_budget,
        } => {
            lines.push(html! { <p>{ reason_text(reason).text(locale) }</p> });
            match fits_budget {
                Some(true) => {
                    lines.push(html! {
                        <p>{ fill(Msg::SuggestFits.text(locale), &[("amount", &affordable)]) }</p>
                    });
                    compared_lines(Msg::SuggestReasonCheapest, &mut lines);
                }
                Some(false) => {
                    // A payment made once is not "each payment".
                    let once = suggestion
                        .plan
                        .and_then(|offer| model.plans.get(offer))
                        .is_some_and(|plan| plan.payments() == 1);
                    let msg = if once {
                        Msg::SuggestOnceDoesNotFit
                    } else {
                        Msg::SuggestDoesNotFit
                    };
                    lines.push(html! {
                        <p>{ fill(msg.text(locale), &[("amount", &affordable)]) }</p>
                    });
                    match suggestion
                        .fits_instead
                        .and_then(|offer| plan_link(offer, "fits-instead-link"))
                    {
                        Some(link) => lines.push(html! {
                            <p>{ Msg::SuggestInstead.text(locale) }{ link }</p>
                        }),
                        None => needs_person = true,
                    }
                }
                None => compared_lines(Msg::SuggestReasonCheapest, &mut lines),
            }
            if reason == MissedReason::Forgot {
                if let Some(url) = config.auto_debit_url() {
                    lines.push(html! {
                        <p><a class="repay-widget__link" href={url.clone()} target="_blank" rel="noopener">
                            { Msg::ChannelAutoDebit.text(locale) }
                        </a></p>
                    });
                }
            }
        }
        Why::FitsBudget => match suggestion.compared {
            Some(compared) => compared_lines(
                if compared.agreed_on_the_spot {
                    Msg::SuggestFitsCheapestInstant
                } else {
                    Msg::SuggestFitsCheapest
                },
                &mut lines,
            ),
            None => lines.push(html! {
                <p>{ fill(Msg::SuggestFitsOne.text(locale), &[("amount", &affordable)]) }</p>
            }),
        },
        Why::NothingFits => {
            lines.push(html! {
                <p>{ fill(Msg::SuggestNothingFits.text(locale), &[("amount", &affordable)]) }</p>
            });
            needs_person = true;
        }
        Why::Dispute => {
            lines.push(html! { <p>{ Msg::SuggestDispute.text(locale) }</p> });
            let dispute = config
                .bank_contact
                .as_ref()
                .and_then(|c| c.dispute_url.as_ref());
            if let Some(url) = dispute {
                lines.push(html! {
                    <p><a class="repay-widget__link" href={url.clone()} target="_blank" rel="noopener"
                        data-testid="dispute-link">
                        { Msg::DisputeLink.text(locale) }
                    </a></p>
                });
            }
            needs_person = true;
        }
    }
    let heading = suggestion
        .plan
        .and_then(|offer| plan_link(offer, "suggested-link"))
        .map(|link| {
        html! { <p class="repay-widget__suggested-plan">{ Msg::SuggestHeading.text(locale) }{ link }</p> }
    });
    let person = needs_person
        .then(|| bank_contact(config.bank_contact.as_ref(), Msg::ContactLeadNoFit, locale));
    // Free debt advice where a person is needed, and where a hardship plan is suggested.
    let hardship = suggestion
        .plan
        .and_then(|offer| model.plans.get(offer))
        .is_some_and(|plan| plan.kind == repay_engine::PlanKind::Hardship);
    let advice = (needs_person || hardship)
        .then(|| debt_advice(&config.debt_advice, "debt-advice-suggested", locale));
    html! {
        <section class="repay-widget__suggestion" data-testid="suggestion">
            { slot(heading) }
            { for lines }
            { slot(person) }
            { slot(advice) }
        </section>
    }
}

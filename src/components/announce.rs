//! What the widget's one polite live region says on each step: the result of what the
//! customer just typed or picked, in one sentence or a few. The region shows it only once
//! it has stayed the same for a moment ([`crate::effects::use_settled`]), so a screen
//! reader hears the settled figures once, not one announcement per keystroke; the figures
//! on screen change at once as before.
//!
//! - Status: what paying part now would still avoid, or why the amount is not usable.
//! - Situation: what the budget leaves each month, or why a figure is not usable.
//! - Options: after a term, a choice or the first payment date, that plan's payments and
//!   extra cost (the chosen plan's, after the date), or why the date is not usable; after
//!   a payment of the customer's own plan, what is wrong with it, else that plan's figures.

use repay_engine::Plan;

use crate::components::pay_now::part_lines;
use crate::components::situation_step::affordable_text;
use crate::format;
use crate::i18n::{fill, Locale, Msg};
use crate::labels;
use crate::model::{Field, Model};
use crate::state::{PlanChange, State, Step};

/// The problem with a field, in words, if it has one.
fn problem<T>(field: &Field<T>, locale: Locale) -> Option<String> {
    field
        .as_ref()
        .err()
        .and_then(|error| labels::input_error(*error, locale))
}

/// Each field named with its problem, "{field}: {problem}.", those without one left out;
/// empty when none has one.
fn field_problems(
    fields: impl IntoIterator<Item = (String, Option<String>)>,
    locale: Locale,
) -> String {
    let said: Vec<String> = fields
        .into_iter()
        .filter_map(|(field, problem)| {
            problem.map(|problem| {
                fill(
                    Msg::FieldProblemLive.text(locale),
                    &[("field", &field), ("problem", &problem)],
                )
            })
        })
        .collect();
    said.join(" ")
}

/// One plan's figures in a sentence: "Equal monthly instalments: 12 × ¥772.85, extra cost
/// ¥1,245.00." (the amount per payment read the same as on screen).
pub(crate) fn plan_summary(plan: &Plan, locale: Locale) -> String {
    fill(
        Msg::PlanSummaryLive.text(locale),
        &[
            ("plan", labels::plan_name(plan, locale)),
            ("payments", &labels::payment(plan, locale).1),
            ("cost", &format::money(&plan.total_cost, locale)),
        ],
    )
}

/// What the live region says for `state`'s step, before it settles.
pub(crate) fn announcement(state: &State, model: &Model) -> String {
    let locale = state.answers.locale;
    let plan = |offer: usize| model.plans.iter().find(|plan| plan.offer == offer);
    match state.answers.step {
        Step::Status if state.paying_now => match &model.part_payment {
            Err(_) => problem(&model.part_payment, locale).unwrap_or_default(),
            Ok(None) => String::new(),
            Ok(Some(part)) => {
                let (summary, outcomes) = part_lines(part, &model.part_then, locale);
                let mut text = summary;
                for line in outcomes {
                    text.push(' ');
                    text.push_str(&fill(
                        Msg::PartOutcomeLive.text(locale),
                        &[("harm", &line.harm), ("effect", &line.effect)],
                    ));
                    if let Some(avoid_with) = line.avoid_with {
                        text.push(' ');
                        text.push_str(&avoid_with);
                    }
                }
                text
            }
        },
        Step::Situation => {
            let budget = &model.budget;
            let problems = field_problems(
                [
                    (
                        Msg::Income.text(locale).to_owned(),
                        problem(&budget.income, locale),
                    ),
                    (
                        Msg::Expenses.text(locale).to_owned(),
                        problem(&budget.expenses, locale),
                    ),
                ],
                locale,
            );
            if !problems.is_empty() {
                return problems;
            }
            budget
                .affordability
                .as_ref()
                .map(|a| affordable_text(a, locale))
                .unwrap_or_default()
        }
        Step::Options => match state.last_change {
            None => String::new(),
            Some(PlanChange::Plan(offer)) => plan(offer)
                .map(|plan| plan_summary(plan, locale))
                .unwrap_or_default(),
            Some(PlanChange::CustomRow(index)) => {
                let n = format::integer(i64::try_from(index + 1).unwrap_or(i64::MAX), locale);
                let (date, amount) = model.custom_errors.get(index).copied().unwrap_or_default();
                let problems = field_problems(
                    [(Msg::CustomDate, date), (Msg::CustomAmount, amount)].map(|(field, error)| {
                        (
                            fill(field.text(locale), &[("n", &n)]),
                            error.and_then(|e| labels::input_error(e, locale)),
                        )
                    }),
                    locale,
                );
                if !problems.is_empty() {
                    return problems;
                }
                model
                    .plans
                    .iter()
                    .find(|plan| plan.kind == repay_engine::PlanKind::Custom)
                    .map(|plan| plan_summary(plan, locale))
                    .unwrap_or_default()
            }
            Some(PlanChange::FirstPayment) => {
                if let Some(problem) = problem(&model.first_payment, locale) {
                    return fill(
                        Msg::FieldProblemLive.text(locale),
                        &[
                            ("field", Msg::FirstPaymentLabel.text(locale)),
                            ("problem", &problem),
                        ],
                    );
                }
                let date = model
                    .first_payment
                    .ok()
                    .flatten()
                    .unwrap_or(model.default_first_payment);
                let mut text = fill(
                    Msg::FirstPaymentMovedLive.text(locale),
                    &[("date", &format::date(date, locale))],
                );
                if let Some(chosen) = state.answers.chosen.and_then(plan) {
                    text.push(' ');
                    text.push_str(&plan_summary(chosen, locale));
                }
                text
            }
        },
        _ => String::new(),
    }
}

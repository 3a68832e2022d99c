//! What the widget shows, derived from the configuration and the state by the engine:
//! the status, one plan per offer (each with the customer's own term), the budget check
//! and the suggested plan. Pure and tested natively; the widget itself computes no money.

use jiff::civil::Date;
use repay_engine::advice::{advise, after_part, Advice, PayBy};
use repay_engine::affordability::{affordability, shortest_fitting_term, Affordability, Budget};
use repay_engine::calendar::{add_days, add_months};
use repay_engine::guidance::{suggest, Suggestion};
use repay_engine::plans::{default_first_payment, CustomPayment};
use repay_engine::policy::{PlanOffer, LEGAL_MAX_TERM_MONTHS};
use repay_engine::status::{part_payment, status, PartPayment, Status};
use repay_engine::{plan_for, EngineError, Money, Plan, PlanChoice, Scenario};

use crate::input::{parse_amount, parse_date, InputError};
use crate::state::{CustomRow, FigureInputs};

/// How far ahead a first payment date may be typed when no offer says otherwise.
const DEFAULT_FIRST_PAYMENT_WINDOW_DAYS: u32 = 60;

/// What the engine made of a custom payment that is more than is owed on its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomNote {
    /// Counted as this amount: what was still owed on its date.
    CountedAs(Money),
    /// Everything is repaid before it: it is not needed.
    NotNeeded,
}

/// How a plan's term was chosen, so the card can say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermBasis {
    /// The customer picked it.
    Chosen,
    /// The shortest term whose payments fit the budget given: the cheapest that fits.
    ShortestFitting,
    /// The shortest term the bank offers (no budget, or no term fits it): the cheapest.
    Shortest,
}

/// A typed field's outcome: nothing typed, a value, or why the text is not usable.
pub type Field<T> = Result<Option<T>, InputError>;

/// The budget check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetView {
    pub income: Field<Money>,
    pub expenses: Field<Money>,
    /// Present once both figures are usable.
    pub affordability: Option<Affordability>,
}

/// Everything the steps render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Model {
    pub status: Status,
    /// One plan per offer, in the policy's order (so a plan's index is its offer).
    pub plans: Vec<Plan>,
    pub budget: BudgetView,
    pub first_payment: Field<Date>,
    /// The dates a first payment may be typed for.
    pub first_payment_window: (Date, Date),
    /// The first payment date of every instalment and hardship plan when none is typed:
    /// the earliest of the offers' defaults, so it is a date each of them allows.
    pub default_first_payment: Date,
    /// The choice each plan was computed for, by offer, in the engine's canonical form
    /// (only the fields the offer uses) with its term and first payment date spelt out:
    /// what a proposal for that plan sends, so the term and dates the customer sees are
    /// exactly what is sent.
    pub choices: Vec<PlanChoice>,
    /// Per custom row: the date's and the amount's problem, if any.
    pub custom_errors: Vec<(Option<InputError>, Option<InputError>)>,
    /// Per custom row: what the engine made of a payment that is more than is owed.
    pub custom_notes: Vec<Option<CustomNote>>,
    /// What paying the typed part of the overdue amount now would still avoid.
    pub part_payment: Field<PartPayment>,
    /// For each outcome of the part payment that it does not stop: what more, paid by
    /// when, stops it ([`repay_engine::advice::after_part`]).
    pub part_then: Vec<Option<PayBy>>,
    /// Every claim the status and the plans make, with the figures each rests on.
    pub advice: Advice,
    /// How each plan's term was chosen (instalment and hardship plans; `None` for the
    /// others).
    pub term_basis: Vec<Option<TermBasis>>,
    /// The plan suggested from the reason and the budget, and why; `None` with nothing
    /// to go on.
    pub suggestion: Option<Suggestion>,
}

impl Model {
    /// The suggested plan's offer, if a plan is suggested.
    pub fn suggested(&self) -> Option<usize> {
        self.suggestion.and_then(|s| s.plan)
    }
}

fn field<T>(text: &str, parse: impl FnOnce(&str) -> Result<T, InputError>) -> Field<T> {
    match parse(text) {
        Ok(value) => Ok(Some(value)),
        Err(InputError::Empty) => Ok(None),
        Err(error) => Err(error),
    }
}

/// Derives the model.
///
/// # Errors
///
/// The engine's error, which a checked configuration cannot produce (sums past
/// `Decimal`'s range); the widget shows it as a configuration error.
pub fn derive(scenario: &Scenario, inputs: FigureInputs<'_>) -> Result<Model, EngineError> {
    let account = &scenario.account;
    let policy = &scenario.policy;
    let currency = account.currency;

    let longest_wait = policy
        .plans
        .iter()
        .filter_map(PlanOffer::latest_first_payment_days)
        .max()
        .unwrap_or(DEFAULT_FIRST_PAYMENT_WINDOW_DAYS);
    let window = (
        account.as_of,
        add_days(account.as_of, i64::from(longest_wait)).unwrap_or(account.as_of),
    );
    let default_first = policy
        .plans
        .iter()
        .filter_map(PlanOffer::latest_first_payment_days)
        .map(|days| default_first_payment(account.as_of, days, &policy.working_days))
        .min()
        .unwrap_or_else(|| add_months(account.as_of, 1).unwrap_or(account.as_of));
    let first_payment = field(inputs.first_payment, |t| parse_date(t, window.0, window.1));

    let (custom_rows, custom_errors) = custom_payments(scenario, inputs.custom_rows);
    let custom_payments: Vec<CustomPayment> = custom_rows.iter().flatten().copied().collect();

    let income = field(inputs.income, |t| parse_amount(t, currency));
    let expenses = field(inputs.expenses, |t| parse_amount(t, currency));
    let budget = match (&income, &expenses) {
        (Ok(Some(income)), Ok(Some(expenses))) => Some(Budget::new(*income, *expenses)?),
        _ => None,
    };

    let typed_first = first_payment.ok().flatten();
    // The affordable amount is known before the plans: it depends on the budget only.
    let affordable = match &budget {
        Some(budget) => Some(affordability(budget, policy, &[])?.affordable_monthly),
        None => None,
    };
    let mut plans = Vec::with_capacity(policy.plans.len());
    let mut term_basis = Vec::with_capacity(policy.plans.len());
    let mut choices = Vec::with_capacity(policy.plans.len());
    for offer in 0..policy.plans.len() {
        let base_choice = PlanChoice {
            first_payment_date: first_payment_for(&policy.plans[offer], typed_first, default_first),
            ..PlanChoice::default()
        };
        // The customer's own term; else, with a budget, the shortest term that fits it;
        // else the offer's default, its shortest term.
        let (term, basis) = match (inputs.terms.get(&offer), affordable) {
            (Some(&months), _) => (Some(months), TermBasis::Chosen),
            (None, Some(affordable)) => {
                match shortest_fitting_term(account, policy, offer, &base_choice, affordable)? {
                    Some(months) => (Some(months), TermBasis::ShortestFitting),
                    None => (None, TermBasis::Shortest),
                }
            }
            (None, None) => (None, TermBasis::Shortest),
        };
        term_basis.push(
            matches!(
                policy.plans[offer],
                PlanOffer::Instalment { .. } | PlanOffer::Hardship { .. }
            )
            .then_some(basis),
        );
        let choice = PlanChoice {
            term_months: term,
            custom_payments: if matches!(policy.plans[offer], PlanOffer::Custom { .. }) {
                custom_payments.clone()
            } else {
                Vec::new()
            },
            ..base_choice.clone()
        };
        let plan = plan_for(account, policy, offer, &choice)?;
        choices.push(
            PlanChoice {
                term_months: Some(plan.term_months),
                ..choice
            }
            .for_offer(&policy.plans[offer]),
        );
        plans.push(plan);
    }
    let affordability = match &budget {
        Some(budget) => Some(affordability(budget, policy, &plans)?),
        None => None,
    };
    let custom_notes = plans
        .iter()
        .find(|plan| plan.kind == repay_engine::PlanKind::Custom)
        .map(|plan| custom_notes(plan, &custom_rows))
        .unwrap_or_default();
    let part = field(inputs.part_payment, |t| {
        let paid = parse_amount(t, currency)?;
        if paid.is_zero() {
            return Err(InputError::Zero);
        }
        Ok(paid)
    });
    let part_payment = match part {
        Ok(Some(paid)) => Ok(Some(part_payment(account, policy, paid)?)),
        Ok(None) => Ok(None),
        Err(error) => Err(error),
    };
    let part_then = match &part_payment {
        Ok(Some(part)) => after_part(account, policy, part)?,
        _ => Vec::new(),
    };
    Ok(Model {
        status: status(account, policy)?,
        suggestion: suggest(policy, &plans, inputs.reason, affordability.as_ref())?,
        advice: advise(account, policy, &plans)?,
        part_then,
        term_basis,
        part_payment,
        budget: BudgetView {
            income,
            expenses,
            affordability,
        },
        plans,
        first_payment,
        first_payment_window: window,
        default_first_payment: default_first,
        choices,
        custom_errors,
        custom_notes,
    })
}

/// The first payment date a plan is computed for: the typed one; else, for instalment and
/// hardship plans, the shared default (a settlement without a typed date is paid today).
fn first_payment_for(offer: &PlanOffer, typed: Option<Date>, default: Date) -> Option<Date> {
    typed.or_else(|| offer.latest_first_payment_days().map(|_| default))
}

/// Per custom row, whether the engine counted less than was typed: the schedule holds
/// one row per payment of more than nothing, in order, and stops once all is repaid.
fn custom_notes(plan: &Plan, rows: &[Option<CustomPayment>]) -> Vec<Option<CustomNote>> {
    let mut schedule = plan.schedule.iter().filter(|row| row.number > 0);
    rows.iter()
        .map(|payment| {
            let payment = payment.as_ref()?;
            if payment.amount.is_zero() {
                return None;
            }
            match schedule.next() {
                None => Some(CustomNote::NotNeeded),
                Some(paid) if paid.total.amount() < payment.amount.amount() => {
                    Some(CustomNote::CountedAs(paid.total))
                }
                Some(_) => None,
            }
        })
        .collect()
}

/// Per row of the customer's own plan: the payment it gives when complete, and its
/// problems.
#[allow(clippy::type_complexity)]
fn custom_payments(
    scenario: &Scenario,
    rows: &[CustomRow],
) -> (
    Vec<Option<CustomPayment>>,
    Vec<(Option<InputError>, Option<InputError>)>,
) {
    let account = &scenario.account;
    // Dates up to the legal longest term; the policy's own limit is the engine's verdict.
    let latest = add_months(account.as_of, LEGAL_MAX_TERM_MONTHS).unwrap_or(account.as_of);
    let mut payments = Vec::new();
    let mut errors = Vec::with_capacity(rows.len());
    for row in rows {
        let date = field(&row.date, |t| parse_date(t, account.as_of, latest));
        let amount = field(&row.amount, |t| parse_amount(t, account.currency));
        errors.push((date.err(), amount.err()));
        payments.push(match (date, amount) {
            (Ok(Some(date)), Ok(Some(amount))) => Some(CustomPayment { date, amount }),
            _ => None,
        });
    }
    (payments, errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::State;
    use repay_engine::{PlanKind, Verdict};

    const CN: &str = include_str!("../crates/engine/data/cn-card.json");

    fn inputs() -> State {
        State::new(crate::i18n::Locale::ZhCn)
    }

    fn scenario() -> Scenario {
        Scenario::from_json(CN).unwrap()
    }

    #[test]
    fn without_a_budget_every_offer_has_its_default_plan() {
        let model = derive(&scenario(), inputs().figure_inputs()).unwrap();
        assert_eq!(model.plans.len(), 8);
        assert_eq!(model.status.days_past_due, 18);
        assert_eq!(model.budget.affordability, None);
        assert_eq!(model.suggested(), None);
    }

    #[test]
    fn a_budget_picks_terms_that_fit_and_suggests_a_plan() {
        let mut inputs = inputs();
        inputs.budget.income = "6000".into();
        inputs.budget.expenses = "5,400".into();
        let model = derive(&scenario(), inputs.figure_inputs()).unwrap();
        let affordability = model.budget.affordability.as_ref().unwrap();
        assert_eq!(affordability.affordable_monthly.to_string(), "300.00");
        // The flat-fee offer has no term that fits 300 a month; the hardship plan does.
        let hardship = model
            .plans
            .iter()
            .position(|p| p.kind == PlanKind::Hardship)
            .unwrap();
        assert_eq!(model.plans[hardship].term_months, 29);
        assert_eq!(model.suggested(), Some(hardship));
        // A term the customer picked wins over the suggestion.
        inputs.answers.terms.insert(hardship, 48);
        let model = derive(&scenario(), inputs.figure_inputs()).unwrap();
        assert_eq!(model.plans[hardship].term_months, 48);
    }

    #[test]
    fn the_default_first_payment_is_one_every_spread_allows_and_is_sent() {
        // 20 January plus a month is 31 days on; these offers allow 30 at most.
        let json = CN.replace(
            "\"latest_first_payment_days\": 35",
            "\"latest_first_payment_days\": 30",
        );
        let mut s = Scenario::from_json(&json).unwrap();
        s.account.as_of = jiff::civil::date(2027, 1, 20);
        s.account.due_date = jiff::civil::date(2027, 1, 2);
        let model = derive(&s, inputs().figure_inputs()).unwrap();
        assert_eq!(model.default_first_payment, jiff::civil::date(2027, 2, 19));
        for (offer, plan) in model.plans.iter().enumerate() {
            let choice = &model.choices[offer];
            match plan.kind {
                PlanKind::Instalment { .. } | PlanKind::Hardship => {
                    assert_eq!(plan.first_payment_date.0, model.default_first_payment);
                    assert_eq!(choice.first_payment_date, Some(model.default_first_payment));
                    assert_eq!(choice.term_months, Some(plan.term_months));
                    assert!(!matches!(
                        &plan.verdict,
                        Verdict::NotAllowed { reasons }
                            if reasons.contains(&repay_engine::PlanReason::FirstPaymentTooLate)
                    ));
                }
                // Only what the offer uses goes into the proposal.
                _ => {
                    assert_eq!(choice.first_payment_date, None, "{:?}", plan.kind);
                    assert_eq!(choice.term_months, None);
                }
            }
            // The choice sent recomputes to the plan shown.
            let again = repay_engine::plan_for(&s.account, &s.policy, offer, choice).unwrap();
            assert_eq!(&again, plan);
        }
    }

    #[test]
    fn bad_figures_are_reported_per_field_and_stop_nothing_else() {
        let mut inputs = inputs();
        inputs.budget.income = "lots".into();
        inputs.budget.expenses = "-3".into();
        inputs.answers.first_payment = "2030-01-01".into();
        let model = derive(&scenario(), inputs.figure_inputs()).unwrap();
        assert_eq!(model.budget.income, Err(InputError::NotANumber));
        assert_eq!(model.budget.expenses, Err(InputError::Negative));
        assert!(matches!(
            model.first_payment,
            Err(InputError::TooLate { .. })
        ));
        assert_eq!(model.plans.len(), 8, "plans still show with their defaults");
    }

    #[test]
    fn a_custom_plan_uses_the_rows_that_are_complete() {
        let mut inputs = inputs();
        inputs.answers.custom_rows = vec![
            CustomRow {
                date: "2026-12-05".into(),
                amount: "5000".into(),
            },
            CustomRow {
                date: "2027-01-05".into(),
                amount: "5000".into(),
            },
            CustomRow {
                date: "".into(),
                amount: "abc".into(),
            },
        ];
        let model = derive(&scenario(), inputs.figure_inputs()).unwrap();
        let custom = model
            .plans
            .iter()
            .position(|p| p.kind == PlanKind::Custom)
            .unwrap();
        assert!(matches!(
            model.plans[custom].verdict,
            Verdict::NeedsReview { .. }
        ));
        assert_eq!(model.custom_errors[2], (None, Some(InputError::NotANumber)));
        let choice = &model.choices[custom];
        assert_eq!(choice.custom_payments.len(), 2);
    }

    #[test]
    fn a_custom_payment_above_what_is_owed_is_noted_on_its_row() {
        let mut inputs = inputs();
        let row = |date: &str, amount: &str| CustomRow {
            date: date.into(),
            amount: amount.into(),
        };
        // 8650.74 is owed today; with interest to 5 January, the second 5000 is more
        // than the rest, and a third payment comes after everything is repaid.
        inputs.answers.custom_rows = vec![
            row("2026-12-05", "5000"),
            row("2027-01-05", "5000"),
            row("", ""),
            row("2027-02-05", "100"),
        ];
        let model = derive(&scenario(), inputs.figure_inputs()).unwrap();
        let custom = model
            .plans
            .iter()
            .position(|p| p.kind == PlanKind::Custom)
            .unwrap();
        let counted = model.plans[custom].schedule[1].total;
        assert!(counted.amount() < repay_engine::rust_decimal::Decimal::from(5000));
        assert_eq!(
            model.custom_notes,
            vec![
                None,
                Some(CustomNote::CountedAs(counted)),
                None,
                Some(CustomNote::NotNeeded)
            ]
        );
    }

    #[test]
    fn the_reason_given_steers_the_suggestion() {
        use repay_engine::guidance::{MissedReason, Why};
        let mut inputs = inputs();
        inputs.budget.income = "9000".into();
        inputs.budget.expenses = "8200".into();
        // With no reason the budget decides: a long plan, reviewed.
        let model = derive(&scenario(), inputs.figure_inputs()).unwrap();
        assert_eq!(model.suggestion.unwrap().why, Why::FitsBudget);
        let by_budget = model.suggested().unwrap();
        // "I forgot": pay the overdue amount, said not to fit 400 a month, with the
        // budget's plan offered instead.
        inputs.answers.reason = Some(MissedReason::Forgot);
        let model = derive(&scenario(), inputs.figure_inputs()).unwrap();
        let suggestion = model.suggestion.unwrap();
        assert_eq!(
            model.plans[suggestion.plan.unwrap()].kind,
            PlanKind::BringCurrent
        );
        assert_eq!(suggestion.fits_instead, Some(by_budget));
    }

    #[test]
    fn a_part_payment_is_worked_out_by_the_engine_or_its_problem_named() {
        use repay_engine::status::PartEffect;
        let mut inputs = inputs();
        inputs.part_payment = "500".into();
        let model = derive(&scenario(), inputs.figure_inputs()).unwrap();
        let part = model.part_payment.unwrap().unwrap();
        assert_eq!(part.still_overdue.to_string(), "360.00");
        assert!(part
            .outcomes
            .iter()
            .any(|o| matches!(o.effect, PartEffect::Smaller { .. })));
        for (typed, error) in [("0", InputError::Zero), ("-5", InputError::Negative)] {
            inputs.part_payment = typed.into();
            let model = derive(&scenario(), inputs.figure_inputs()).unwrap();
            assert_eq!(model.part_payment, Err(error), "{typed}");
        }
        inputs.part_payment = String::new();
        assert_eq!(
            derive(&scenario(), inputs.figure_inputs())
                .unwrap()
                .part_payment,
            Ok(None)
        );
    }
}

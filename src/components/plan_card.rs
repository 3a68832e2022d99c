//! One plan, side by side with the others: what each payment is, how many, until when,
//! what it costs and its true annual rate, whether the bank approves it at once — or
//! why it is not available.

use repay_engine::advice::{PlanAdvice, Stop};
use repay_engine::guidance::PlanEffects;
use repay_engine::{PlanKind, PlanReason, Verdict};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::{fact, slot};

use crate::actions::Action;
use crate::format;
use crate::i18n::{fill, Locale, Msg};
use crate::labels;
use crate::model::{Model, TermBasis};
use crate::shared::Shared;

#[derive(Debug, Clone, PartialEq)]
pub struct PlanCardProps {
    pub model: Shared<Model>,
    /// Which plan of the model this card shows.
    pub offer: usize,
    /// The terms the customer can pick for this plan (empty: no term control).
    pub terms: Vec<u32>,
    pub chosen: bool,
    pub suggested: bool,
    /// What agreeing means for the credit record and if a payment is missed, from the
    /// policy (`None`: the policy does not say, and the card says nothing).
    pub effects: Option<PlanEffects>,
    /// For the customer's own plan: the latest date its payments may reach.
    pub custom_latest: Option<jiff::civil::Date>,
    pub review_days: Option<u32>,
    pub locale: Locale,
    pub dispatch: Callback<Action>,
    pub ids: AttrValue,
    /// Shown inside the card, under its figures (the customer's own payments).
    pub children: Html,
}

/// The verdict as the customer reads it.
pub(crate) fn verdict_text(verdict: &Verdict, review_days: Option<u32>, locale: Locale) -> String {
    match verdict {
        Verdict::ApprovedInstantly => Msg::ApprovedInstantly.text(locale).to_owned(),
        Verdict::NeedsReview { .. } => match review_days {
            Some(days) => fill(
                Msg::NeedsReviewDays.count(locale, i64::from(days)),
                &[("days", &days.to_string())],
            ),
            None => Msg::NeedsReview.text(locale).to_owned(),
        },
        Verdict::NotAllowed { .. } => Msg::NotAvailable.text(locale).to_owned(),
    }
}

/// The card (a view function: the model changes on every recomputation, so a component
/// would re-render all cards anyway).
pub fn plan_card(props: &PlanCardProps) -> Html {
    let locale = props.locale;
    let offer = props.offer;
    let Some(plan) = props.model.plans.get(offer) else {
        return html! {};
    };
    let money = |m: &repay_engine::Money| format::money(m, locale);
    let name = labels::plan_name(plan, locale);
    let title_id = format!("{}-plan-{offer}", props.ids);
    let payments = plan.payments();
    let (payment_label, payment_text) = labels::payment(plan, locale);
    let rate = match &plan.annualised_rate {
        Some(rate) => fill(
            Msg::RateValue.text(locale),
            &[
                ("effective", &format::percent(&rate.effective, locale)),
                ("nominal", &format::percent(&rate.nominal, locale)),
            ],
        ),
        None => Msg::NoRate.text(locale).to_owned(),
    };
    let allowed = !matches!(plan.verdict, Verdict::NotAllowed { .. });
    let reasons_of = |reason: PlanReason| match &plan.verdict {
        Verdict::NotAllowed { reasons } => reasons.contains(&reason),
        _ => false,
    };
    // The customer's own plan before any payment is typed: no figures nobody typed.
    let empty_custom = plan.kind == PlanKind::Custom && reasons_of(PlanReason::CustomEmpty);
    if empty_custom {
        return html! {
            <article class="repay-widget__plan" aria-labelledby={title_id.clone()} data-testid={format!("plan-{offer}")}>
                <h3 class="repay-widget__plan-title" id={title_id}>{ labels::plan_name(plan, locale) }</h3>
                // The same shape as a card with figures, so that the editor the customer
                // is typing in stays where it is when the first payment completes.
                { slot(None) }
                <details class="repay-widget__plan-more">
                    <summary class="repay-widget__plan-line" data-testid={format!("plan-{offer}-line")}>
                        <span class="repay-widget__visually-hidden">{ &name }{ Msg::ForPlan.text(locale) }</span>
                        { Msg::CustomLine.text(locale) }
                    </summary>
                    <p class="repay-widget__note" data-testid="custom-empty">{ Msg::CustomStartEmpty.text(locale) }</p>
                    { props.children.clone() }
                </details>
            </article>
        };
    }
    // How much the typed payments leave unpaid, and by when the rest must come.
    let missing = (plan.kind == PlanKind::Custom && reasons_of(PlanReason::CustomDoesNotCover))
        .then(|| plan.schedule.last().map(|row| row.remaining_balance))
        .flatten()
        .map(|left| {
            let text = match props.custom_latest {
                Some(latest) => fill(
                    Msg::CustomMissingBy.text(locale),
                    &[("amount", &money(&left)), ("date", &format::date(latest, locale))],
                ),
                None => fill(Msg::CustomMissing.text(locale), &[("amount", &money(&left))]),
            };
            html! { <p class="repay-widget__note repay-widget__note--warning" data-testid="custom-missing">{ text }</p> }
        });
    let reasons = match &plan.verdict {
        Verdict::NotAllowed { reasons } => html! {
            <ul class="repay-widget__reasons" data-testid={format!("plan-{offer}-reasons")}>
                { for reasons.iter().map(|r| html! { <li>{ labels::plan_reason(*r, locale) }</li> }) }
            </ul>
        },
        _ => html! {},
    };
    let term_control = (!props.terms.is_empty()).then(|| {
        let select_id = format!("{}-term-{offer}", props.ids);
        let on_change = props.dispatch.reform(move |event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            Action::SetTerm { offer, months: value.parse().unwrap_or(1) }
        });
        let options = props.terms.iter().map(|&n| {
            html! {
                <option value={n.to_string()} selected={n == plan.term_months}>
                    { fill(Msg::MonthsOption.count(locale, i64::from(n)), &[("n", &n.to_string())]) }
                </option>
            }
        });
        html! {
            <div class="repay-widget__field repay-widget__field--inline">
                <label class="repay-widget__label" for={select_id.clone()}>
                    { if plan.kind.ends_in_review() {
                        Msg::PeriodLabel.text(locale)
                    } else {
                        Msg::TermLabel.text(locale)
                    } }
                    <span class="repay-widget__visually-hidden">{ Msg::ForPlan.text(locale) }{ name }</span>
                </label>
                <select class="repay-widget__input" id={select_id} onchange={on_change}
                    data-testid={format!("plan-{offer}-term")}>
                    { for options }
                </select>
            </div>
        }
    });
    let choose = allowed.then(|| {
        html! {
            <button type="button"
                class={classes!("repay-widget__button", (!props.chosen).then_some("repay-widget__button--secondary"))}
                aria-pressed={if props.chosen { "true" } else { "false" }}
                data-testid={format!("choose-plan-{offer}")}
                onclick={props.dispatch.reform(move |_: MouseEvent| Action::Choose(offer))}>
                // One name that says which plan, whether or not it is pressed: the state is
                // aria-pressed's to tell (and the look's).
                { Msg::ChoosePlan.text(locale) }
                <span class="repay-widget__visually-hidden">{ Msg::ForPlan.text(locale) }{ name }</span>
            </button>
        }
    });
    let class = classes!(
        "repay-widget__plan",
        props.chosen.then_some("repay-widget__plan--chosen"),
        props.suggested.then_some("repay-widget__plan--suggested"),
        (!allowed).then_some("repay-widget__plan--unavailable"),
    );
    // One line to compare by, always shown: the payments, the extra cost, the verdict.
    let short_verdict = match plan.verdict {
        Verdict::ApprovedInstantly => Msg::VerdictShortInstant,
        Verdict::NeedsReview { .. } => Msg::VerdictShortReview,
        Verdict::NotAllowed { .. } => Msg::NotAvailable,
    };
    let line = fill(
        Msg::PlanLine.text(locale),
        &[
            ("payments", &payment_text),
            ("cost", &money(&plan.total_cost)),
            ("verdict", short_verdict.text(locale)),
        ],
    );
    let notes = plan_notes(&props.model, offer, !props.terms.is_empty(), locale);
    // The suggested and the chosen plan open; the others are one line until opened.
    // The customer's own plan stays open once payments are typed: they are editing it.
    let featured = props.suggested || props.chosen || plan.kind == PlanKind::Custom;
    html! {
        <article {class} aria-labelledby={title_id.clone()} data-testid={format!("plan-{offer}")}>
            <h3 class="repay-widget__plan-title" id={title_id.clone()}>{ labels::plan_name(plan, locale) }</h3>
            { slot(props.suggested.then(|| html! {
                <p class="repay-widget__badge" data-testid="suggested">{ Msg::SuggestedBadge.text(locale) }</p>
            })) }
            <details class="repay-widget__plan-more" open={featured}>
                // Its name first, for whoever hears the line without the heading above it.
                <summary class="repay-widget__plan-line" data-testid={format!("plan-{offer}-line")}>
                    <span class="repay-widget__visually-hidden">{ &name }{ Msg::ForPlan.text(locale) }</span>
                    { line }
                </summary>
                <p class="repay-widget__verdict" data-testid={format!("plan-{offer}-verdict")}>
                    { verdict_text(&plan.verdict, props.review_days, locale) }
                </p>
                { reasons }
                { slot(missing) }
                <dl class="repay-widget__plan-figures">
                    <div>
                        <dt>{ payment_label.text(locale) }</dt>
                        <dd data-testid={format!("plan-{offer}-payment")}>{ payment_text }</dd>
                    </div>
                    { fact("", Msg::LastPayment.text(locale), format::date(plan.end_date.0, locale), None) }
                    <div>
                        <dt>{ Msg::ExtraCost.text(locale) }</dt>
                        <dd data-testid={format!("plan-{offer}-cost")}>{ money(&plan.total_cost) }</dd>
                    </div>
                    { slot((!plan.amount_waived.is_zero()).then(|| html! {
                        { fact("", Msg::Waived.text(locale), money(&plan.amount_waived), None) }
                    })) }
                    { fact("", if plan.review_date.is_some() { Msg::TotalPaidUntilReview } else { Msg::TotalPaid }.text(locale), money(&plan.total_paid), None) }
                    <div>
                        <dt>{ Msg::TrueRate.text(locale) }</dt>
                        <dd data-testid={format!("plan-{offer}-rate")}>{ rate }</dd>
                    </div>
                </dl>
                { slot(plan.ends_early().then(|| html! {
                    <p class="repay-widget__note" data-testid={format!("plan-{offer}-ends-early")}>
                        { fill(Msg::EndsEarly.count(locale, i64::try_from(payments).unwrap_or(i64::MAX)), &[
                            ("payments", &format::integer(i64::try_from(payments).unwrap_or(i64::MAX), locale)),
                            ("months", &format::integer(i64::from(plan.term_months), locale)),
                        ]) }
                    </p>
                })) }
                { notes }
                { slot(props.effects.map(|effects| plan_effects(&effects, offer, locale))) }
                { statements(plan, format!("plan-{offer}-statements"), locale) }
                { slot(term_control) }
                { props.children.clone() }
                { slot(choose) }
            </details>
        </article>
    }
}

/// What the plan states beyond its figures, as the proposal carries it: the charges it
/// repays as principal, and what the agreement says (`testid`: where it is shown).
pub(crate) fn statements(plan: &repay_engine::Plan, testid: String, locale: Locale) -> Html {
    if plan.statements.is_empty() {
        return html! {};
    }
    html! {
        <ul class="repay-widget__effects" data-testid={testid}>
            { for plan.statements.iter().map(|s| html! { <li>{ labels::statement(s, plan, locale) }</li> }) }
        </ul>
    }
}

/// What agreeing means beyond the figures: the credit record, and a missed payment.
pub(crate) fn plan_effects(effects: &PlanEffects, offer: usize, locale: Locale) -> Html {
    let (credit, missed) = labels::plan_effects(effects, locale);
    html! {
        <ul class="repay-widget__effects" data-testid={format!("plan-{offer}-effects")}>
            <li>{ credit }</li>
            <li>{ missed }</li>
        </ul>
    }
}

/// What the engine claims about a plan beyond its figures ([`PlanAdvice`]): how its term
/// was chosen, what it leaves on the card, why its true rate differs from the rate it
/// states, the day a payment on a non-working day is taken, and each harm that comes
/// before its first payment, whether the plan stops it and what avoids it otherwise.
pub(crate) fn plan_notes(model: &Model, offer: usize, has_term: bool, locale: Locale) -> Html {
    let Some(advice) = model.advice.plans.get(offer) else {
        return html! {};
    };
    let money = |m: &repay_engine::Money| format::money(m, locale);
    let date = |d: repay_engine::plans::DateText| format::date(d.0, locale);
    let mut notes: Vec<(&'static str, String)> = Vec::new();
    if has_term {
        match model.term_basis.get(offer).copied().flatten() {
            Some(TermBasis::Shortest) => {
                notes.push(("term-basis", Msg::TermShortest.text(locale).to_owned()));
            }
            Some(TermBasis::ShortestFitting) => {
                if let Some(check) = &model.budget.affordability {
                    notes.push((
                        "term-basis",
                        fill(
                            Msg::TermFitting.text(locale),
                            &[("amount", &money(&check.affordable_monthly))],
                        ),
                    ));
                }
            }
            Some(TermBasis::Chosen) | None => {}
        }
    }
    if let Some(left) = &advice.left_on_card {
        notes.push((
            "left-on-card",
            fill(
                Msg::LeftOnCard.text(locale),
                &[
                    ("amount", &money(&left.amount)),
                    ("rate", &format::percent(&left.yearly_rate, locale)),
                    ("interest", &money(&left.monthly_interest)),
                ],
            ),
        ));
    }
    if let Some(review) = &advice.review {
        let [when, until] = review_lines(review, locale);
        notes.push(("review", when));
        notes.push(("period", until));
    }
    if let Some(note) = &advice.rate {
        let days = format::integer(i64::from(note.first_period_days), locale);
        let stated = format::percent(&note.stated, locale);
        let text = if note.fees {
            Some(fill(
                Msg::RateNoteFee.text(locale),
                &[("effective", &format::percent(&note.effective, locale))],
            ))
        } else if note.first_period_days < note.month_days && note.nominal > note.stated {
            Some(fill(
                Msg::RateNoteShorter.text(locale),
                &[("stated", &stated), ("days", &days)],
            ))
        } else if note.first_period_days > note.month_days && note.nominal != note.stated {
            Some(fill(
                Msg::RateNoteLonger.text(locale),
                &[("stated", &stated), ("days", &days)],
            ))
        } else if note.effective > note.stated {
            Some(fill(
                Msg::RateNoteCompound.text(locale),
                &[("stated", &stated)],
            ))
        } else {
            None
        };
        if let Some(text) = text {
            notes.push(("rate-note", text));
        }
    }
    if let (Some(taken), Some(plan)) = (advice.first_taken_on, model.plans.get(offer)) {
        notes.push((
            "taken-on",
            fill(
                Msg::TakenOn.text(locale),
                &[
                    ("date", &date(plan.first_payment_date)),
                    ("taken", &date(taken)),
                ],
            ),
        ));
    }
    for text in before_first_lines(advice, false, locale) {
        notes.push(("before-first", text));
    }
    if notes.is_empty() {
        return html! {};
    }
    html! {
        <ul class="repay-widget__notes" data-testid={format!("plan-{offer}-notes")}>
            { for notes.into_iter().map(|(kind, text)| html! {
                <li data-testid={format!("plan-{offer}-{kind}")}>{ text }</li>
            }) }
        </ul>
    }
}

/// What a plan that ends in a review says about it ([`repay_engine::advice::ReviewNote`]): the day and what is
/// owed then, and what the period itself charges.
pub(crate) fn review_lines(
    review: &repay_engine::advice::ReviewNote,
    locale: Locale,
) -> [String; 2] {
    let rate = |r: &repay_engine::rust_decimal::Decimal| format::percent(r, locale);
    let when = fill(
        Msg::ReviewNote.text(locale),
        &[
            ("date", &format::date(review.date.0, locale)),
            ("amount", &format::money(&review.owed, locale)),
            ("rate", &rate(&review.card_rate)),
        ],
    );
    let until = match review.charges_frozen {
        Some(true) => Msg::PeriodFrozen.text(locale).to_owned(),
        Some(false) => fill(
            Msg::PeriodNotFrozen.text(locale),
            &[("rate", &rate(&review.card_rate))],
        ),
        None => fill(
            Msg::PeriodReducedRate.text(locale),
            &[
                ("rate", &rate(&review.period_rate)),
                ("card", &rate(&review.card_rate)),
            ],
        ),
    };
    [when, until]
}

/// Each harm that comes before a plan's first payment: whether the plan stops it, and
/// what avoids it otherwise (unless agreeing the plan does), in words. `agreed`: the bank
/// has agreed the plan, so what agreeing stops no longer happens.
pub(crate) fn before_first_lines(advice: &PlanAdvice, agreed: bool, locale: Locale) -> Vec<String> {
    let date = |d: repay_engine::plans::DateText| format::date(d.0, locale);
    advice
        .before_first_payment
        .iter()
        .map(|before| {
            let harm = labels::harm_title(&before.deadline.harm, locale);
            let on = date(before.deadline.date);
            // What paying by a day would avoid, in the same sentence group, unless
            // agreeing the plan stops it and nothing more is needed.
            let (msg, pay) = match (before.stop, before.avoid) {
                (Stop::Agreed | Stop::PausedWhileReviewed | Stop::OnceAgreed, _) if agreed => {
                    (Msg::BeforeFirstNowAgreed, None)
                }
                (Stop::Agreed, _) => (Msg::BeforeFirstAgreed, None),
                (Stop::PausedWhileReviewed, None) => (Msg::BeforeFirstPaused, None),
                (Stop::PausedWhileReviewed, pay) => (Msg::BeforeFirstPausedAvoid, pay),
                (Stop::OnceAgreed, None) => (Msg::BeforeFirstOnceAgreed, None),
                (Stop::OnceAgreed, pay) => (Msg::BeforeFirstOnceAgreedAvoid, pay),
                (Stop::NotStopped, None) => (Msg::BeforeFirstNotStopped, None),
                (Stop::NotStopped, pay) => (Msg::BeforeFirstNotStoppedAvoid, pay),
            };
            let mut values = vec![("harm", harm), ("date", on)];
            if let Some(pay) = pay {
                values.push(("amount", format::money(&pay.amount, locale)));
                values.push(("by", date(pay.by)));
            }
            let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
            fill(msg.text(locale), &values)
        })
        .collect()
}

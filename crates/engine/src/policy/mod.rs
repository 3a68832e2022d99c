//! The bank's policy: every figure the engine uses that a bank sets — grace days, interest
//! and penalty rates, the late fee (违约金) rule, delinquency stages and their
//! consequences, the plans offered and their limits, rounding, affordability. Nothing of
//! this is a constant in code; the example files under `data/` are illustrative only.

pub mod tables;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::calendar::{NonWorkingDaysWire, WorkingDays};
use crate::error::{EngineError, InvalidReason};
use crate::money::{Currency, Money, RoundingRule};
use crate::numbers::{parse_decimal, parse_share};
pub use tables::{
    Agreement, CreditRecord, IfMissed, MissedReason, OfferKind, PlanEffects, PlanEffectsTable,
    Severity, SeverityTable, SuggestionTable, WhileReviewed,
};

/// The longest term any plan may have unless a policy says less: Chinese regulation caps
/// instalments and personalised repayment agreements at five years.
pub const LEGAL_MAX_TERM_MONTHS: u32 = 60;

/// The most plan offers a policy may hold. The options step shows every offer as a
/// card with its simulated schedule; at 16 it opened in a median of 141 ms in headless
/// Chromium on the project's 2-core machine, against 114 ms for the samples' 8 (and
/// 13 s for 10,000). More choices than this are not read by an anxious customer either.
pub const MAX_PLAN_OFFERS: usize = 16;

// The policy's enums are externally tagged (`{"daily": "0.0005"}`, `{"instalment": {…}}`):
// serde reads that form directly, while an internal `"kind"` tag needs a buffering
// deserializer that cost the widget about 10 KB brotli.

/// An interest rate as the bank states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum RateWire {
    /// A daily rate, e.g. `{"daily": "0.0005"}` (万分之五).
    Daily(#[cfg_attr(feature = "schema", schemars(with = "crate::schema::Share"))] String),
    /// An annual percentage rate with its day-count basis (365 or 360 days a year).
    Annual {
        #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Share"))]
        rate: String,
        day_count: u32,
    },
}

/// What penalty interest is charged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PenaltyBase {
    /// The overdue amount only, on top of ordinary interest on the balance.
    OverdueAmount,
    /// The whole statement balance, replacing the ordinary rate (a US-style penalty APR).
    StatementBalance,
}

/// Penalty interest (罚息): a higher rate from some day past due on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PenaltyWire {
    pub rate: RateWire,
    /// Days past due from which penalty interest accrues.
    pub from_day: u32,
    pub applies_to: PenaltyBase,
}

/// How the late fee (违约金) is computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum LateFeeAmountWire {
    /// A fixed amount, e.g. `{"fixed": "40.00"}`.
    Fixed(#[cfg_attr(feature = "schema", schemars(with = "crate::schema::Amount"))] String),
    /// A share of the unpaid minimum payment, e.g. `{"share_of_unpaid_minimum": "0.05"}`.
    ShareOfUnpaidMinimum(
        #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Share"))] String,
    ),
}

/// The late-fee rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LateFeeWire {
    pub amount: LateFeeAmountWire,
    /// The fee is never below this (after the share is applied), if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Amount>"))]
    pub min: Option<String>,
    /// The fee is never above this, if given (e.g. a US safe-harbour amount).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Amount>"))]
    pub max: Option<String>,
    /// Charged again every statement cycle the minimum stays unpaid, not just once.
    pub per_cycle: bool,
    /// Days in a statement cycle, for repeated fees and the cost of waiting.
    #[cfg_attr(feature = "schema", schemars(range(min = 1)))]
    pub cycle_days: u32,
}

/// What a delinquency stage brings with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Consequence {
    LateFee,
    PenaltyInterest,
    CreditBureauReport,
    CardSuspension,
    Collections,
    LegalAction,
    WriteOff,
}

/// A delinquency stage, entered on `from_day` days past due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StageWire {
    /// A stable code the widget translates, e.g. `"early"`, `"reported"`, `"charged_off"`.
    pub code: String,
    pub from_day: u32,
    #[serde(default)]
    pub consequences: Vec<Consequence>,
    /// Days of notice the bank gives before the stage starts (e.g. before 征信 reporting).
    #[serde(default)]
    pub notice_days: u32,
    /// What a payment made now must reach to stop this stage from starting; by default,
    /// everything that brings the account current.
    #[serde(default)]
    pub avoided_by: AvoidedByWire,
}

/// What a payment made now must reach to stop a stage from starting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum AvoidedByWire {
    /// Everything that brings the account current: the overdue amount with the fees and
    /// penalty interest charged since (the default).
    #[default]
    AmountToBringCurrent,
    /// The overdue amount, without the charges added since (e.g. a bank that reports
    /// only an unpaid minimum).
    OverdueAmount,
    /// This share of the overdue amount, e.g. `{"share_of_overdue": "0.5"}`.
    ShareOfOverdue(#[cfg_attr(feature = "schema", schemars(with = "crate::schema::Share"))] String),
}

/// What a payment must reach to stop a stage, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AvoidedBy {
    AmountToBringCurrent,
    OverdueAmount,
    ShareOfOverdue(Decimal),
}

/// Whether a plan is approved on the spot or reviewed by the bank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Approval {
    Instant,
    Review,
    /// Instant up to and including this many months; longer terms are reviewed.
    InstantUpToMonths(u32),
}

/// How an instalment plan is priced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum PricingWire {
    /// A flat monthly fee on the original principal (typical Chinese card 分期),
    /// e.g. `"0.006"` for 0.6 % a month.
    FlatFee {
        #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Share"))]
        monthly_fee_rate: String,
    },
    /// Level payments (等额本息) at an annual rate, monthly compounding.
    Annuity {
        #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Share"))]
        annual_rate: String,
    },
    /// Equal principal (等额本金), interest on the remaining balance.
    EqualPrincipal {
        #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Share"))]
        annual_rate: String,
    },
}

/// One kind of plan the bank offers, with its limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum PlanOfferWire {
    /// Pay everything owed now.
    PayInFull { approval: Approval },
    /// Pay what is overdue (with fees and penalty interest) now.
    BringCurrent { approval: Approval },
    /// Instalments over one of `terms` months.
    Instalment {
        pricing: PricingWire,
        #[cfg_attr(
            feature = "schema",
            schemars(length(min = 1), inner(range(min = 1, max = 60)))
        )]
        terms: Vec<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Amount>"))]
        min_instalment: Option<String>,
        /// Share of the amount owed to pay up front, e.g. `"0.1"`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Share>"))]
        min_down_payment_share: Option<String>,
        /// The first instalment is due at most this many days after `as_of`.
        latest_first_payment_days: u32,
        approval: Approval,
    },
    /// Hardship / personalised instalments (个性化分期 / 停息挂账-style).
    Hardship {
        #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Months"))]
        min_term_months: u32,
        #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Months"))]
        max_term_months: u32,
        /// Multiplies the normal rate: `"0"` suspends interest, `"0.5"` halves it.
        #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Share"))]
        interest_rate_factor: String,
        /// Share of penalty interest charged so far that is waived (减免罚息), `"0"`–`"1"`.
        #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Share"))]
        penalty_waiver_share: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Amount>"))]
        min_instalment: Option<String>,
        latest_first_payment_days: u32,
        approval: Approval,
    },
    /// Pay everything later (延期还款), interest accruing meanwhile.
    Deferral {
        max_days: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Amount>"))]
        fee: Option<String>,
        approval: Approval,
    },
    /// A one-off payment of less than what is owed.
    Settlement {
        /// The largest share of the amount owed the bank will forgo, e.g. `"0.3"`.
        #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Share"))]
        discount_cap_share: String,
        latest_payment_days: u32,
        approval: Approval,
    },
    /// A lower rate for a period, then a review (CCD2 Art. 35's reduced borrowing rate,
    /// CONC 7.3's reduced interest): level payments that would repay everything owed over
    /// `repay_over_months` at `annual_rate`, made for one of `period_months`; then the
    /// bank reviews the customer's situation with them, and what is still owed stays on
    /// the card's usual terms unless something else is agreed.
    ReducedRate {
        /// The yearly rate charged during the period, e.g. `"0.05"`.
        #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Share"))]
        annual_rate: String,
        /// The periods offered, in months, before the review.
        #[cfg_attr(
            feature = "schema",
            schemars(length(min = 1), inner(range(min = 1, max = 60)))
        )]
        period_months: Vec<u32>,
        /// The months the level payment is worked out over (at least the longest period).
        #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Months"))]
        repay_over_months: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Amount>"))]
        min_instalment: Option<String>,
        latest_first_payment_days: u32,
        approval: Approval,
    },
    /// Token payments for a period, then a review (CONC 7.3's token payments, CCD2
    /// Art. 35's partial repayment): a small fixed amount a month for one of
    /// `period_months`, while the bank holds back its other steps.
    TokenPayments {
        /// What the customer pays each month, e.g. `"1.00"`.
        #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Amount"))]
        amount: String,
        /// The periods offered, in months, before the review.
        #[cfg_attr(
            feature = "schema",
            schemars(length(min = 1), inner(range(min = 1, max = 60)))
        )]
        period_months: Vec<u32>,
        /// `true`: no interest or fees are added during the period. `false`: interest at
        /// the card's ordinary rate keeps accruing on what is owed, monthly.
        charges_frozen: bool,
        latest_first_payment_days: u32,
        approval: Approval,
    },
    /// Amounts and dates the customer picks, checked against these limits.
    Custom {
        #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Months"))]
        max_term_months: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Amount>"))]
        min_payment: Option<String>,
        approval: Approval,
    },
}

/// The policy as it travels in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PolicyWire {
    /// A name for people, e.g. "Example Bank CNY card (illustrative)".
    pub name: String,
    /// Days after the due date before a payment counts as late (宽限期).
    pub grace_days: u32,
    pub rounding: RoundingRule,
    /// Ordinary interest on the balance.
    pub interest: RateWire,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub penalty: Option<PenaltyWire>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_fee: Option<LateFeeWire>,
    pub stages: Vec<StageWire>,
    #[cfg_attr(feature = "schema", schemars(length(min = 1, max = MAX_PLAN_OFFERS)))]
    pub plans: Vec<PlanOfferWire>,
    /// The share of disposable income a customer can be expected to repay, e.g. `"0.5"`.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Share"))]
    pub affordability_share: String,
    /// The longest term of any plan, at most 60 months.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Months"))]
    pub max_term_months: u32,
    /// How much each consequence harms the customer, so the status leads with what
    /// matters most. Defaults as documented per field.
    #[serde(default)]
    pub severity: SeverityTable,
    /// The kinds of plan that suit each reason for a missed payment, best first.
    #[serde(default)]
    pub suggestions: SuggestionTable,
    /// Per kind of offer: what agreeing means for the credit record, and what happens if
    /// a payment is missed.
    #[serde(default)]
    pub plan_effects: PlanEffectsTable,
    /// What happens to charges and reporting while the bank reviews a proposal.
    #[serde(default)]
    pub while_reviewed: WhileReviewed,
    /// Whether the bank takes a plan from a customer who is not in arrears yet but fears
    /// the next payment (FCA PS24/2's customers at risk of payment difficulty, CCD2
    /// Art. 36's early detection). `false` (the default): every plan for an account with
    /// nothing past due is not allowed, `before_arrears_not_offered`.
    #[serde(default)]
    pub before_arrears: bool,
    /// The days the bank does not take payments (its weekend and holidays): no date the
    /// widget proposes falls on one, and a date the customer picks on one says when the
    /// payment is taken instead. None given: every day is a working day.
    #[serde(default)]
    pub non_working_days: NonWorkingDaysWire,
}

/// A checked rate: the daily rate interest accrues at, and the yearly rate the bank
/// states, which monthly plans use (`annual / 12` a month).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DailyRate {
    /// The rate per day: `{"daily": r}` as given, or `annual / day_count`.
    pub daily: Decimal,
    /// The rate per year: an annual rate exactly as stated (on a 360-day basis too, so
    /// 24.99 % stays 24.99 %, not 24.99 × 365/360), or a daily rate × 365.
    pub yearly: Decimal,
}

impl DailyRate {
    fn from_wire(path: &str, wire: &RateWire) -> Result<Self, EngineError> {
        match wire {
            RateWire::Daily(rate) => {
                let daily = parse_share(&format!("{path}.daily"), rate)?;
                Ok(Self {
                    daily,
                    yearly: daily * Decimal::from(365),
                })
            }
            RateWire::Annual { rate, day_count } => {
                let annual = parse_decimal(&format!("{path}.annual.rate"), rate)?;
                if annual.is_sign_negative() {
                    return Err(EngineError::invalid(
                        format!("{path}.annual.rate"),
                        InvalidReason::Negative,
                    ));
                }
                if !matches!(day_count, 360 | 365) {
                    return Err(EngineError::invalid(
                        format!("{path}.annual.day_count"),
                        InvalidReason::NotAllowed,
                    ));
                }
                Ok(Self {
                    daily: annual / Decimal::from(*day_count),
                    yearly: annual,
                })
            }
        }
    }
}

/// A checked late-fee rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LateFeeRule {
    pub amount: LateFeeAmount,
    pub min: Option<Money>,
    pub max: Option<Money>,
    pub per_cycle: bool,
    pub cycle_days: u32,
}

/// How a late fee is computed, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LateFeeAmount {
    Fixed(Money),
    ShareOfUnpaidMinimum(Decimal),
}

impl LateFeeRule {
    /// The fee charged once for an unpaid minimum of `unpaid_minimum`.
    pub fn fee_for(&self, unpaid_minimum: Money, rounding: RoundingRule) -> Money {
        let mut fee = match self.amount {
            LateFeeAmount::Fixed(amount) => amount,
            LateFeeAmount::ShareOfUnpaidMinimum(share) => Money::round(
                unpaid_minimum.amount() * share,
                unpaid_minimum.currency(),
                rounding,
            ),
        };
        if let Some(min) = self.min {
            fee = fee.at_least(min);
        }
        if let Some(max) = self.max {
            fee = fee.at_most(max);
        }
        fee
    }
}

/// A checked delinquency stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    pub code: String,
    pub from_day: u32,
    pub consequences: Vec<Consequence>,
    pub notice_days: u32,
    pub avoided_by: AvoidedBy,
}

/// A checked penalty rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Penalty {
    pub rate: DailyRate,
    pub from_day: u32,
    pub applies_to: PenaltyBase,
}

/// A checked policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub name: String,
    pub grace_days: u32,
    pub rounding: RoundingRule,
    pub interest: DailyRate,
    pub penalty: Option<Penalty>,
    pub late_fee: Option<LateFeeRule>,
    /// Sorted by `from_day`, the first starting at day 0 or later.
    pub stages: Vec<Stage>,
    pub plans: Vec<PlanOffer>,
    pub affordability_share: Decimal,
    pub max_term_months: u32,
    pub severity: SeverityTable,
    pub suggestions: SuggestionTable,
    pub plan_effects: PlanEffectsTable,
    pub while_reviewed: WhileReviewed,
    pub before_arrears: bool,
    pub working_days: WorkingDays,
}

impl Policy {
    /// Checks a policy for accounts in `currency`.
    ///
    /// # Errors
    ///
    /// [`EngineError::Invalid`] naming the first wrong field, e.g. `plans[2].terms[0]`.
    pub fn from_wire(wire: &PolicyWire, currency: Currency) -> Result<Self, EngineError> {
        let amount = |path: &str, text: &str| -> Result<Money, EngineError> {
            let money = Money::parse(text, currency).map_err(|r| EngineError::invalid(path, r))?;
            if money.is_negative() {
                return Err(EngineError::invalid(path, InvalidReason::Negative));
            }
            Ok(money)
        };
        let interest = DailyRate::from_wire("interest", &wire.interest)?;
        let penalty = wire
            .penalty
            .as_ref()
            .map(|p| {
                Ok::<_, EngineError>(Penalty {
                    rate: DailyRate::from_wire("penalty.rate", &p.rate)?,
                    from_day: p.from_day,
                    applies_to: p.applies_to,
                })
            })
            .transpose()?;
        let late_fee = match &wire.late_fee {
            None => None,
            Some(fee) => {
                let kind = match &fee.amount {
                    LateFeeAmountWire::Fixed(a) => {
                        LateFeeAmount::Fixed(amount("late_fee.amount.fixed", a)?)
                    }
                    LateFeeAmountWire::ShareOfUnpaidMinimum(share) => {
                        LateFeeAmount::ShareOfUnpaidMinimum(parse_share(
                            "late_fee.amount.share_of_unpaid_minimum",
                            share,
                        )?)
                    }
                };
                let min = fee
                    .min
                    .as_deref()
                    .map(|t| amount("late_fee.min", t))
                    .transpose()?;
                let max = fee
                    .max
                    .as_deref()
                    .map(|t| amount("late_fee.max", t))
                    .transpose()?;
                if let (Some(min), Some(max)) = (min, max) {
                    if min.amount() > max.amount() {
                        return Err(EngineError::invalid(
                            "late_fee.min",
                            InvalidReason::ExceedsOther {
                                other: "late_fee.max",
                            },
                        ));
                    }
                }
                if fee.cycle_days == 0 {
                    return Err(EngineError::invalid(
                        "late_fee.cycle_days",
                        InvalidReason::NotAllowed,
                    ));
                }
                Some(LateFeeRule {
                    amount: kind,
                    min,
                    max,
                    per_cycle: fee.per_cycle,
                    cycle_days: fee.cycle_days,
                })
            }
        };
        let mut stages: Vec<Stage> = wire
            .stages
            .iter()
            .enumerate()
            .map(|(index, s)| {
                Ok::<_, EngineError>(Stage {
                    code: s.code.clone(),
                    from_day: s.from_day,
                    consequences: s.consequences.clone(),
                    notice_days: s.notice_days,
                    avoided_by: match &s.avoided_by {
                        AvoidedByWire::AmountToBringCurrent => AvoidedBy::AmountToBringCurrent,
                        AvoidedByWire::OverdueAmount => AvoidedBy::OverdueAmount,
                        AvoidedByWire::ShareOfOverdue(share) => {
                            AvoidedBy::ShareOfOverdue(parse_share(
                                &format!("stages[{index}].avoided_by.share_of_overdue"),
                                share,
                            )?)
                        }
                    },
                })
            })
            .collect::<Result<_, _>>()?;
        crate::numbers::sort_small_by_key(&mut stages, |s| s.from_day);
        if wire.max_term_months == 0 || wire.max_term_months > LEGAL_MAX_TERM_MONTHS {
            return Err(EngineError::invalid(
                "max_term_months",
                InvalidReason::NotAllowed,
            ));
        }
        if wire.plans.is_empty() {
            return Err(EngineError::invalid("plans", InvalidReason::Empty));
        }
        if wire.plans.len() > MAX_PLAN_OFFERS {
            return Err(EngineError::invalid(
                "plans",
                InvalidReason::TooMany {
                    max: MAX_PLAN_OFFERS,
                },
            ));
        }
        if let Some(path) = wire.plan_effects.first_invalid() {
            return Err(EngineError::invalid(
                format!("{path}.if_missed.plan_ends_after"),
                InvalidReason::NotAllowed,
            ));
        }
        let plans = wire
            .plans
            .iter()
            .enumerate()
            .map(|(index, offer)| {
                PlanOffer::from_wire(
                    &format!("plans[{index}]"),
                    offer,
                    wire.max_term_months,
                    currency,
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            name: wire.name.clone(),
            grace_days: wire.grace_days,
            rounding: wire.rounding,
            interest,
            penalty,
            late_fee,
            stages,
            plans,
            affordability_share: parse_share("affordability_share", &wire.affordability_share)?,
            max_term_months: wire.max_term_months,
            severity: wire.severity,
            suggestions: wire.suggestions.clone(),
            plan_effects: wire.plan_effects,
            while_reviewed: wire.while_reviewed,
            before_arrears: wire.before_arrears,
            working_days: WorkingDays::from_wire("non_working_days", &wire.non_working_days)?,
        })
    }

    /// The stage an account is in at `days_past_due`, if any has started.
    pub fn stage_at(&self, days_past_due: i64) -> Option<&Stage> {
        self.stages
            .iter()
            .rev()
            .find(|s| i64::from(s.from_day) <= days_past_due)
    }
}

impl PlanOfferWire {
    /// This offer's kind: its key in `plans[…]`.
    pub fn kind(&self) -> OfferKind {
        match self {
            Self::PayInFull { .. } => OfferKind::PayInFull,
            Self::BringCurrent { .. } => OfferKind::BringCurrent,
            Self::Instalment { .. } => OfferKind::Instalment,
            Self::Hardship { .. } => OfferKind::Hardship,
            Self::Deferral { .. } => OfferKind::Deferral,
            Self::Settlement { .. } => OfferKind::Settlement,
            Self::ReducedRate { .. } => OfferKind::ReducedRate,
            Self::TokenPayments { .. } => OfferKind::TokenPayments,
            Self::Custom { .. } => OfferKind::Custom,
        }
    }
}

/// The hasher behind [`PlanOffer::key`]: FNV-1a (the `fnv` crate), fed every integer
/// as little-endian bytes at 64 bits. The standard library's hasher promises neither the
/// same algorithm across Rust releases nor the same input across platforms (it hashes a
/// `usize`, such as a list's length, at the platform's width: 4 bytes in the browser's
/// wasm32, 8 on the bank's server), and a key must be the same on both.
#[derive(Default)]
struct KeyHasher(fnv::FnvHasher);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0.finish()
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
    }
    fn write_u8(&mut self, n: u8) {
        self.write_u64(n.into());
    }
    fn write_u16(&mut self, n: u16) {
        self.write_u64(n.into());
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(n.into());
    }
    fn write_u64(&mut self, n: u64) {
        self.0.write(&n.to_le_bytes());
    }
    fn write_u128(&mut self, n: u128) {
        self.0.write(&n.to_le_bytes());
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_i8(&mut self, n: i8) {
        self.write_i64(n.into());
    }
    fn write_i16(&mut self, n: i16) {
        self.write_i64(n.into());
    }
    fn write_i32(&mut self, n: i32) {
        self.write_i64(n.into());
    }
    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }
    fn write_i128(&mut self, n: i128) {
        self.write_u128(n as u128);
    }
    fn write_isize(&mut self, n: isize) {
        self.write_i64(n as i64);
    }
}

/// How a checked instalment offer is priced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pricing {
    FlatFee { monthly_fee_rate: Decimal },
    Annuity { annual_rate: Decimal },
    EqualPrincipal { annual_rate: Decimal },
}

/// A checked plan offer: the wire form with every figure parsed once, when the policy
/// is read, instead of on every recomputation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PlanOffer {
    PayInFull {
        approval: Approval,
    },
    BringCurrent {
        approval: Approval,
    },
    Instalment {
        pricing: Pricing,
        terms: Vec<u32>,
        min_instalment: Option<Money>,
        min_down_payment_share: Option<Decimal>,
        latest_first_payment_days: u32,
        approval: Approval,
    },
    Hardship {
        min_term_months: u32,
        max_term_months: u32,
        interest_rate_factor: Decimal,
        penalty_waiver_share: Decimal,
        min_instalment: Option<Money>,
        latest_first_payment_days: u32,
        approval: Approval,
    },
    Deferral {
        max_days: u32,
        fee: Option<Money>,
        approval: Approval,
    },
    Settlement {
        discount_cap_share: Decimal,
        latest_payment_days: u32,
        approval: Approval,
    },
    ReducedRate {
        annual_rate: Decimal,
        period_months: Vec<u32>,
        repay_over_months: u32,
        min_instalment: Option<Money>,
        latest_first_payment_days: u32,
        approval: Approval,
    },
    TokenPayments {
        amount: Money,
        period_months: Vec<u32>,
        charges_frozen: bool,
        latest_first_payment_days: u32,
        approval: Approval,
    },
    Custom {
        max_term_months: u32,
        min_payment: Option<Money>,
        approval: Approval,
    },
}

impl PlanOffer {
    /// The offer's identity, derived from everything it says (its kind, terms, prices,
    /// limits and approval): two offers with the same key are the same offer, wherever
    /// they stand in the list. A choice kept by index would follow the list when the
    /// bank reorders it; kept with its key it follows the offer, and an offer whose terms
    /// changed has another key. The same in the customer's browser and on the bank's
    /// server ([`KeyHasher`]), so a proposal carries it ([`crate::proposal::Proposal`]'s
    /// `offer_key`) and the bank compares it. Stable within one engine version; after an
    /// upgrade a key may differ, which reads as "changed", the safe way.
    pub fn key(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = KeyHasher::default();
        self.hash(&mut hasher);
        hasher.finish()
    }

    /// [`Self::key`] as a proposal writes it: 16 lowercase hex digits.
    pub fn key_text(&self) -> String {
        format!("{:016x}", self.key())
    }

    /// How many days after `as_of` the first payment may come, for the offers whose
    /// first payment date the customer picks (the monthly plans: instalment, hardship,
    /// reduced rate and token payments).
    pub fn latest_first_payment_days(&self) -> Option<u32> {
        match self {
            Self::Instalment {
                latest_first_payment_days,
                ..
            }
            | Self::Hardship {
                latest_first_payment_days,
                ..
            }
            | Self::ReducedRate {
                latest_first_payment_days,
                ..
            }
            | Self::TokenPayments {
                latest_first_payment_days,
                ..
            } => Some(*latest_first_payment_days),
            _ => None,
        }
    }

    /// The terms in months a customer can pick for this offer, shortest first, within
    /// `max_term`: an instalment offer's terms, every month of a hardship offer's range,
    /// the periods before a review; none for the other kinds.
    pub fn terms(&self, max_term: u32) -> Vec<u32> {
        let mut terms: Vec<u32> = match self {
            Self::Instalment { terms, .. } => terms.clone(),
            Self::Hardship {
                min_term_months,
                max_term_months,
                ..
            } => (*min_term_months..=*max_term_months).collect(),
            Self::ReducedRate { period_months, .. } | Self::TokenPayments { period_months, .. } => {
                period_months.clone()
            }
            _ => Vec::new(),
        };
        terms.retain(|&t| t <= max_term);
        crate::numbers::sort_small_by_key(&mut terms, |t| *t);
        terms.dedup();
        terms
    }

    /// Checks an offer at `path` for a policy whose longest term is `max_term`.
    ///
    /// # Errors
    ///
    /// [`EngineError::Invalid`] naming the field, e.g. `plans[2].instalment.terms[0]`.
    fn from_wire(
        path: &str,
        offer: &PlanOfferWire,
        max_term: u32,
        currency: Currency,
    ) -> Result<Self, EngineError> {
        let path = &format!("{path}.{}", offer.kind().code());
        let field = |name: &str| format!("{path}.{name}");
        let amount = |name: &str, text: &Option<String>| -> Result<Option<Money>, EngineError> {
            let Some(text) = text else {
                return Ok(None);
            };
            let money =
                Money::parse(text, currency).map_err(|r| EngineError::invalid(field(name), r))?;
            if money.is_negative() {
                return Err(EngineError::invalid(field(name), InvalidReason::Negative));
            }
            Ok(Some(money))
        };
        let term = |name: String, months: u32| -> Result<u32, EngineError> {
            if months == 0 || months > max_term {
                Err(EngineError::invalid(name, InvalidReason::TermOutsidePolicy))
            } else {
                Ok(months)
            }
        };
        Ok(match offer {
            PlanOfferWire::PayInFull { approval } => Self::PayInFull {
                approval: *approval,
            },
            PlanOfferWire::BringCurrent { approval } => Self::BringCurrent {
                approval: *approval,
            },
            PlanOfferWire::Instalment {
                pricing,
                terms,
                min_instalment,
                min_down_payment_share,
                latest_first_payment_days,
                approval,
            } => {
                let pricing = match pricing {
                    PricingWire::FlatFee { monthly_fee_rate } => Pricing::FlatFee {
                        monthly_fee_rate: parse_share(
                            &field("pricing.flat_fee.monthly_fee_rate"),
                            monthly_fee_rate,
                        )?,
                    },
                    PricingWire::Annuity { annual_rate } => Pricing::Annuity {
                        annual_rate: parse_share(
                            &field("pricing.annuity.annual_rate"),
                            annual_rate,
                        )?,
                    },
                    PricingWire::EqualPrincipal { annual_rate } => Pricing::EqualPrincipal {
                        annual_rate: parse_share(
                            &field("pricing.equal_principal.annual_rate"),
                            annual_rate,
                        )?,
                    },
                };
                Self::Instalment {
                    pricing,
                    terms: periods(&field("terms"), terms, &term)?,
                    min_instalment: amount("min_instalment", min_instalment)?,
                    min_down_payment_share: min_down_payment_share
                        .as_deref()
                        .map(|share| parse_share(&field("min_down_payment_share"), share))
                        .transpose()?,
                    latest_first_payment_days: *latest_first_payment_days,
                    approval: *approval,
                }
            }
            PlanOfferWire::Hardship {
                min_term_months,
                max_term_months,
                interest_rate_factor,
                penalty_waiver_share,
                min_instalment,
                latest_first_payment_days,
                approval,
            } => {
                let min_term_months = term(field("min_term_months"), *min_term_months)?;
                let max_term_months = term(field("max_term_months"), *max_term_months)?;
                if min_term_months > max_term_months {
                    return Err(EngineError::invalid(
                        field("min_term_months"),
                        InvalidReason::ExceedsOther {
                            other: "max_term_months",
                        },
                    ));
                }
                Self::Hardship {
                    min_term_months,
                    max_term_months,
                    interest_rate_factor: parse_share(
                        &field("interest_rate_factor"),
                        interest_rate_factor,
                    )?,
                    penalty_waiver_share: parse_share(
                        &field("penalty_waiver_share"),
                        penalty_waiver_share,
                    )?,
                    min_instalment: amount("min_instalment", min_instalment)?,
                    latest_first_payment_days: *latest_first_payment_days,
                    approval: *approval,
                }
            }
            PlanOfferWire::Deferral {
                max_days,
                fee,
                approval,
            } => Self::Deferral {
                max_days: *max_days,
                fee: amount("fee", fee)?,
                approval: *approval,
            },
            PlanOfferWire::Settlement {
                discount_cap_share,
                latest_payment_days,
                approval,
            } => Self::Settlement {
                discount_cap_share: parse_share(&field("discount_cap_share"), discount_cap_share)?,
                latest_payment_days: *latest_payment_days,
                approval: *approval,
            },
            PlanOfferWire::ReducedRate {
                annual_rate,
                period_months,
                repay_over_months,
                min_instalment,
                latest_first_payment_days,
                approval,
            } => {
                let period_months = periods(&field("period_months"), period_months, &term)?;
                let repay_over_months = term(field("repay_over_months"), *repay_over_months)?;
                if period_months.iter().any(|&p| p > repay_over_months) {
                    return Err(EngineError::invalid(
                        field("period_months"),
                        InvalidReason::ExceedsOther {
                            other: "repay_over_months",
                        },
                    ));
                }
                Self::ReducedRate {
                    annual_rate: parse_share(&field("annual_rate"), annual_rate)?,
                    period_months,
                    repay_over_months,
                    min_instalment: amount("min_instalment", min_instalment)?,
                    latest_first_payment_days: *latest_first_payment_days,
                    approval: *approval,
                }
            }
            PlanOfferWire::TokenPayments {
                amount: token,
                period_months,
                charges_frozen,
                latest_first_payment_days,
                approval,
            } => {
                let token = amount("amount", &Some(token.clone()))?
                    .filter(|m| !m.is_zero())
                    .ok_or_else(|| {
                        EngineError::invalid(field("amount"), InvalidReason::NotAllowed)
                    })?;
                Self::TokenPayments {
                    amount: token,
                    period_months: periods(&field("period_months"), period_months, &term)?,
                    charges_frozen: *charges_frozen,
                    latest_first_payment_days: *latest_first_payment_days,
                    approval: *approval,
                }
            }
            PlanOfferWire::Custom {
                max_term_months,
                min_payment,
                approval,
            } => Self::Custom {
                max_term_months: term(field("max_term_months"), *max_term_months)?,
                min_payment: amount("min_payment", min_payment)?,
                approval: *approval,
            },
        })
    }
}

/// Checks a list of terms or periods in months at `path` (an instalment's `terms`, a
/// review plan's `period_months`): at least one, each a term the policy allows (`term`).
fn periods(
    path: &str,
    months: &[u32],
    term: &impl Fn(String, u32) -> Result<u32, EngineError>,
) -> Result<Vec<u32>, EngineError> {
    if months.is_empty() {
        return Err(EngineError::invalid(path, InvalidReason::Missing));
    }
    months
        .iter()
        .enumerate()
        .map(|(i, m)| term(format!("{path}[{i}]"), *m))
        .collect()
}

//! The customer-facing names of engine values: plans, stages, reasons, consequences,
//! input errors, channels. Every text comes from the message catalog.

use repay_engine::guidance::{CreditRecord, PlanEffects, Severity};
use repay_engine::plans::{PlanReason, PricingMethod, Statement};
use repay_engine::policy::Consequence;
use repay_engine::status::Harm;
use repay_engine::{Plan, PlanKind};

use crate::config::{ContactChannel, PaymentChannelKind};
use crate::format;
use crate::i18n::{fill, Locale, Msg};
use crate::input::InputError;
use crate::state::{ContactTime, MissedReason};

/// The plan's name, e.g. "Equal monthly instalments".
pub(crate) fn plan_name(plan: &Plan, locale: Locale) -> &'static str {
    let msg = match plan.kind {
        PlanKind::PayInFull => Msg::PlanPayInFull,
        PlanKind::BringCurrent => Msg::PlanBringCurrent,
        PlanKind::Instalment {
            method: PricingMethod::FlatFee,
        } => Msg::PlanFlatFee,
        PlanKind::Instalment {
            method: PricingMethod::Annuity,
        } => Msg::PlanAnnuity,
        PlanKind::Instalment {
            method: PricingMethod::EqualPrincipal,
        } => Msg::PlanEqualPrincipal,
        PlanKind::Hardship => Msg::PlanHardship,
        PlanKind::Deferral => Msg::PlanDeferral,
        PlanKind::Settlement => Msg::PlanSettlement,
        PlanKind::ReducedRate => Msg::PlanReducedRate,
        PlanKind::TokenPayments => Msg::PlanTokenPayments,
        PlanKind::Custom => Msg::PlanCustom,
    };
    msg.text(locale)
}

/// A delinquency stage's name from its code; a code the widget does not know is shown
/// as the bank wrote it.
pub(crate) fn stage_name(code: &str, locale: Locale) -> String {
    let msg = match code {
        "reminder" => Msg::StageReminder,
        "late" => Msg::StageLate,
        "reported" => Msg::StageReported,
        "suspended" => Msg::StageSuspended,
        "collections" => Msg::StageCollections,
        "legal" => Msg::StageLegal,
        "penalty_rate" => Msg::StagePenaltyRate,
        "charged_off" => Msg::StageChargedOff,
        _ => return fill(Msg::StageOther.text(locale), &[("code", code)]),
    };
    msg.text(locale).to_owned()
}

/// What happens, as a title that reads the same before and after the date: "A late
/// fee of ¥43.00", "Reported to the credit bureau".
pub(crate) fn harm_title(harm: &Harm, locale: Locale) -> String {
    match (harm.consequence, harm.amount) {
        (Consequence::LateFee, Some(amount)) => fill(
            Msg::HarmLateFeeOf.text(locale),
            &[("amount", &format::money(&amount, locale))],
        ),
        (consequence, _) => self::consequence(consequence, locale).to_owned(),
    }
}

/// Everything that happens on one date, as one line: "Passed to collections; the card
/// is suspended".
pub(crate) fn harms_title(harms: &[Harm], locale: Locale) -> String {
    harms
        .iter()
        .enumerate()
        .map(|(index, harm)| {
            let title = harm_title(harm, locale);
            // After the separator a title goes on the same sentence: "collections; the
            // card", not "collections; The card" (a script without case is unchanged).
            let mut chars = title.chars();
            match chars.next() {
                Some(first) if index > 0 => first.to_lowercase().chain(chars).collect(),
                _ => title,
            }
        })
        .collect::<Vec<_>>()
        .join(Msg::HarmSeparator.text(locale))
}

/// How much a harm weighs, as the policy ranks it.
pub(crate) fn severity(severity: Severity, locale: Locale) -> &'static str {
    match severity {
        Severity::High => Msg::SeverityHigh,
        Severity::Medium => Msg::SeverityMedium,
        Severity::Low => Msg::SeverityLow,
    }
    .text(locale)
}

pub(crate) fn consequence(consequence: Consequence, locale: Locale) -> &'static str {
    let msg = match consequence {
        Consequence::LateFee => Msg::ConsequenceLateFee,
        Consequence::PenaltyInterest => Msg::ConsequencePenaltyInterest,
        Consequence::CreditBureauReport => Msg::ConsequenceCreditBureau,
        Consequence::CardSuspension => Msg::ConsequenceSuspension,
        Consequence::Collections => Msg::ConsequenceCollections,
        Consequence::LegalAction => Msg::ConsequenceLegal,
        Consequence::WriteOff => Msg::ConsequenceWriteOff,
    };
    msg.text(locale)
}

pub(crate) fn plan_reason(reason: PlanReason, locale: Locale) -> &'static str {
    let msg = match reason {
        PlanReason::TermNotOffered => Msg::WhyTermNotOffered,
        PlanReason::InstalmentBelowMinimum => Msg::WhyInstalmentBelowMinimum,
        PlanReason::DownPaymentBelowMinimum => Msg::WhyDownPaymentBelowMinimum,
        PlanReason::DownPaymentAboveOwed => Msg::WhyDownPaymentAboveOwed,
        PlanReason::FirstPaymentTooLate => Msg::WhyFirstPaymentTooLate,
        PlanReason::FirstPaymentInPast => Msg::WhyFirstPaymentInPast,
        PlanReason::NothingOverdue => Msg::WhyNothingOverdue,
        PlanReason::DeferralNotOffered => Msg::WhyDeferralNotOffered,
        PlanReason::DiscountAboveCap => Msg::WhyDiscountAboveCap,
        PlanReason::CustomDoesNotCover => Msg::WhyCustomDoesNotCover,
        PlanReason::CustomPaymentBelowMinimum => Msg::WhyCustomBelowMinimum,
        PlanReason::CustomDatesOutOfOrder => Msg::WhyCustomDatesOutOfOrder,
        PlanReason::CustomTermTooLong => Msg::WhyCustomTermTooLong,
        PlanReason::CustomEmpty => Msg::WhyCustomEmpty,
        PlanReason::ReviewedByBank => Msg::WhyReviewedByBank,
        PlanReason::BeforeArrearsNotOffered => Msg::WhyBeforeArrearsNotOffered,
    };
    msg.text(locale)
}

/// What a plan states beyond its figures ([`Statement`]), in words, from its own figures.
pub(crate) fn statement(statement: &Statement, plan: &Plan, locale: Locale) -> String {
    let msg = match statement {
        Statement::ChargesFolded {
            late_fees,
            penalty_interest,
        } => {
            let msg = match (late_fees.is_zero(), penalty_interest.is_zero()) {
                (false, false) => Msg::StatementFoldedBoth,
                (false, true) => Msg::StatementFoldedFees,
                _ => Msg::StatementFoldedPenalty,
            };
            return fill(
                msg.text(locale),
                &[
                    ("amount", &format::money(&plan.starting_balance(), locale)),
                    ("fees", &format::money(late_fees, locale)),
                    ("penalty", &format::money(penalty_interest, locale)),
                ],
            );
        }
        Statement::AnnualFeeContinues => Msg::StatementAnnualFeeContinues,
        Statement::AnnualFeeWaived => Msg::StatementAnnualFeeWaived,
        Statement::OtherChargesContinue => Msg::StatementOtherChargesContinue,
        Statement::OtherChargesStop => Msg::StatementOtherChargesStop,
        Statement::CollectionStops => Msg::StatementCollectionStops,
        Statement::NoNewCards => Msg::StatementNoNewCards,
    };
    msg.text(locale).to_owned()
}

/// The message for a typed value that cannot be used; `None` for an empty optional field.
pub(crate) fn input_error(error: InputError, locale: Locale) -> Option<String> {
    let text = match error {
        InputError::Empty => return None,
        InputError::NotANumber => Msg::ErrNotANumber.text(locale).to_owned(),
        InputError::Negative => Msg::ErrNegative.text(locale).to_owned(),
        InputError::Zero => Msg::ErrZero.text(locale).to_owned(),
        InputError::TooManyDecimals { max } => fill(
            Msg::ErrTooManyDecimals.text(locale),
            &[("max", &max.to_string())],
        ),
        InputError::TooLarge => Msg::ErrTooLarge.text(locale).to_owned(),
        InputError::NotADate => Msg::ErrNotADate.text(locale).to_owned(),
        InputError::TooEarly { earliest } => fill(
            Msg::ErrTooEarly.text(locale),
            &[("date", &format::date(earliest, locale))],
        ),
        InputError::TooLate { latest } => fill(
            Msg::ErrTooLate.text(locale),
            &[("date", &format::date(latest, locale))],
        ),
    };
    Some(text)
}

pub(crate) fn payment_channel(kind: PaymentChannelKind, locale: Locale) -> &'static str {
    let msg = match kind {
        PaymentChannelKind::OnlineBanking => Msg::ChannelOnlineBanking,
        PaymentChannelKind::MobileApp => Msg::ChannelMobileApp,
        PaymentChannelKind::BankTransfer => Msg::ChannelBankTransfer,
        PaymentChannelKind::AutoDebit => Msg::ChannelAutoDebit,
    };
    msg.text(locale)
}

pub(crate) fn contact_channel(channel: ContactChannel, locale: Locale) -> &'static str {
    let msg = match channel {
        ContactChannel::Phone => Msg::ContactPhone,
        ContactChannel::Sms => Msg::ContactSms,
        ContactChannel::Email => Msg::ContactEmail,
        ContactChannel::InApp => Msg::ContactInApp,
    };
    msg.text(locale)
}

pub(crate) fn contact_time(time: ContactTime, locale: Locale) -> &'static str {
    let msg = match time {
        ContactTime::Anytime => Msg::TimeAnytime,
        ContactTime::Morning => Msg::TimeMorning,
        ContactTime::Afternoon => Msg::TimeAfternoon,
        ContactTime::Evening => Msg::TimeEvening,
    };
    msg.text(locale)
}

pub(crate) fn missed_reason(reason: MissedReason, locale: Locale) -> &'static str {
    let msg = match reason {
        MissedReason::Forgot => Msg::ReasonForgot,
        MissedReason::TemporaryEmergency => Msg::ReasonEmergency,
        MissedReason::IncomeLoss => Msg::ReasonIncomeLoss,
        MissedReason::Illness => Msg::ReasonIllness,
        MissedReason::Dispute => Msg::ReasonDispute,
        MissedReason::Other => Msg::ReasonOther,
    };
    msg.text(locale)
}

/// The payments of a plan, the same words on every screen: "¥910.74" for one payment,
/// "12 × ¥772.85", "21 × ¥392.86, then ¥394.54" when the last absorbs rounding, and the
/// first and last of payments that change (falling instalments, the customer's own).
pub(crate) fn payment(plan: &Plan, locale: Locale) -> (Msg, String) {
    let rows: Vec<&repay_engine::plans::Instalment> =
        plan.schedule.iter().filter(|row| row.number > 0).collect();
    let money = |m: &repay_engine::Money| format::money(m, locale);
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return (Msg::Payment, money(&plan.instalment_amount));
    };
    let count = rows.len();
    if count == 1 {
        return (Msg::Payment, money(&first.total));
    }
    let n = |n: usize| format::integer(i64::try_from(n).unwrap_or(i64::MAX), locale);
    let leading = rows.iter().take_while(|r| r.total == first.total).count();
    let text = if leading == count {
        fill(
            Msg::PaymentsTimes.text(locale),
            &[("n", &n(count)), ("amount", &money(&first.total))],
        )
    } else if leading == count - 1 {
        fill(
            Msg::PaymentsThen.text(locale),
            &[
                ("n", &n(leading)),
                ("amount", &money(&first.total)),
                ("last", &money(&last.total)),
            ],
        )
    } else {
        fill(
            Msg::PaymentsVarying.text(locale),
            &[
                ("n", &n(count)),
                ("first", &money(&first.total)),
                ("last", &money(&last.total)),
            ],
        )
    };
    (Msg::PaymentsLabel, text)
}

/// What agreeing to a plan means, in two sentences: for the credit record, and if a
/// payment is missed.
pub(crate) fn plan_effects(effects: &PlanEffects, locale: Locale) -> (String, String) {
    let credit = match effects.credit_record {
        CreditRecord::UpToDate => Msg::CreditUpToDate,
        CreditRecord::ReportingPaused => Msg::CreditReportingPaused,
        CreditRecord::ReportedAsArrangement => Msg::CreditArrangement,
        CreditRecord::ReportedAsSettled => Msg::CreditSettled,
        CreditRecord::LateUntilPaid => Msg::CreditLateUntilPaid,
    }
    .text(locale)
    .to_owned();
    let missed = effects.if_missed;
    let n = i64::from(missed.plan_ends_after);
    let mut text = fill(
        Msg::MissedEnds.count(locale, n),
        &[("n", &format::integer(n, locale))],
    );
    if missed.charges_resume {
        text.push_str(Msg::ChargesResume.text(locale));
    }
    (credit, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn harm(consequence: Consequence) -> Harm {
        Harm {
            consequence,
            severity: Severity::High,
            amount: None,
        }
    }

    #[test]
    fn harms_on_one_date_read_as_one_sentence() {
        let harms = [
            harm(Consequence::Collections),
            harm(Consequence::CardSuspension),
        ];
        assert_eq!(
            harms_title(&harms, Locale::EnUs),
            "Passed to collections; the card is suspended"
        );
        assert_eq!(harms_title(&harms, Locale::ZhCn), "转入催收；卡片被停用");
    }
}

//! The customer-facing names of engine values: plans, stages, reasons, consequences,
//! input errors, channels. Every text comes from the message catalog.

use repay_engine::plans::{PlanReason, PricingMethod};
use repay_engine::policy::Consequence;
use repay_engine::status::EventKind;
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

/// Whether a known stage's name already says `consequence` ("Card suspended" needs no
/// "card suspended" under it).
pub(crate) fn stage_says(code: &str, consequence: Consequence) -> bool {
    matches!(
        (code, consequence),
        ("reported", Consequence::CreditBureauReport)
            | ("suspended", Consequence::CardSuspension)
            | ("collections", Consequence::Collections)
            | ("legal", Consequence::LegalAction)
            | ("penalty_rate", Consequence::PenaltyInterest)
            | ("charged_off", Consequence::WriteOff)
    )
}

/// What happens at a timeline event, as its title: the stage's name, or the charge.
pub(crate) fn event_title(kind: &EventKind, locale: Locale) -> String {
    match kind {
        EventKind::StageStarts { code, .. } => stage_name(code, locale),
        EventKind::LateFee { amount } => fill(
            Msg::EventLateFee.text(locale),
            &[("amount", &format::money(amount, locale))],
        ),
        EventKind::PenaltyInterestStarts => Msg::EventPenalty.text(locale).to_owned(),
    }
}

/// What a timeline event does to the customer, in a sentence: a stage's consequences
/// ("reported to the credit bureau"), else its title.
pub(crate) fn event_summary(kind: &EventKind, locale: Locale) -> String {
    match kind {
        EventKind::StageStarts { consequences, .. } if !consequences.is_empty() => consequences
            .iter()
            .map(|c| consequence(*c, locale))
            .collect::<Vec<_>>()
            .join(Msg::ListSeparator.text(locale)),
        _ => event_title(kind, locale),
    }
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
    };
    msg.text(locale)
}

/// The message for a typed value that cannot be used; `None` for an empty optional field.
pub(crate) fn input_error(error: InputError, locale: Locale) -> Option<String> {
    let text = match error {
        InputError::Empty => return None,
        InputError::NotANumber => Msg::ErrNotANumber.text(locale).to_owned(),
        InputError::Negative => Msg::ErrNegative.text(locale).to_owned(),
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

/// The payment line of a plan: its label ("Each payment" or "Payment") and the amount,
/// as "up to …" when the payments differ (falling instalments, a last one that absorbs
/// rounding).
pub(crate) fn payment(plan: &Plan, locale: Locale) -> (Msg, String) {
    let mut payments = plan.schedule.iter().filter(|row| row.number > 0);
    let count = payments.clone().count();
    let label = if count > 1 {
        Msg::EachPayment
    } else {
        Msg::Payment
    };
    let amount = format::money(&plan.instalment_amount, locale);
    if count > 1 && payments.any(|row| row.total != plan.instalment_amount) {
        (label, fill(Msg::UpTo.text(locale), &[("amount", &amount)]))
    } else {
        (label, amount)
    }
}

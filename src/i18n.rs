//! The message catalog: every string the customer reads, in zh-CN and en-US.
//!
//! A message is a [`Msg`] variant and its text is one `match` arm holding both languages,
//! so a missing translation does not compile and an unused key fails `clippy -D warnings`
//! (dead code).

use repay_engine::InvalidReason;

/// The languages the widget speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    EnUs,
    ZhCn,
}

impl Locale {
    /// All supported locales, in the order the language switch shows them.
    pub const ALL: [Locale; 2] = [Locale::ZhCn, Locale::EnUs];

    /// The BCP 47 tag, for `lang` attributes and `Intl`.
    pub fn tag(self) -> &'static str {
        match self {
            Self::EnUs => "en-US",
            Self::ZhCn => "zh-CN",
        }
    }

    /// Picks a supported locale for a BCP 47 tag: any `zh` tag is Chinese, any `en` tag
    /// English, anything else `None`.
    ///
    /// ```
    /// use repay_widget::i18n::Locale;
    /// assert_eq!(Locale::from_tag("zh-Hans-CN"), Some(Locale::ZhCn));
    /// assert_eq!(Locale::from_tag("en-GB"), Some(Locale::EnUs));
    /// assert_eq!(Locale::from_tag("fr-FR"), None);
    /// ```
    pub fn from_tag(tag: &str) -> Option<Self> {
        let language = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match language.as_str() {
            "zh" => Some(Self::ZhCn),
            "en" => Some(Self::EnUs),
            _ => None,
        }
    }

    /// The language's own name, shown on the switch whatever the current language is.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::EnUs => "English",
            Self::ZhCn => "中文",
        }
    }
}

/// A message key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Msg {
    WidgetTitle,
    LanguageLabel,
    StatusHeading,
    ReminderEarly,
    ReminderLater,
    NotYetDue,
    OverdueAmount,
    DaysPastDue,
    DueDate,
    AsOf,
    ChargedSoFar,
    LateFees,
    PenaltyInterest,
    ConfigErrorTitle,
    ConfigErrorBody,
    ConfigErrorField,
    ConfigErrorJson,
    ReasonNotADecimal,
    ReasonTooPrecise,
    ReasonNegative,
    ReasonOverflow,
    ReasonUnsupportedCurrency,
    ReasonUnsupportedLocale,
    ReasonImpossibleDate,
    ReasonMissing,
    ReasonUnknownField,
    ReasonWrongType,
    ReasonExceedsOther,
    ReasonBeforeOther,
    ReasonCurrencyMismatch,
    ReasonAfterOther,
    ReasonNotAllowed,
    ReasonTermOutsidePolicy,
}

impl Msg {
    /// The text in `locale`. Placeholders are `{name}`; fill them with [`fill`].
    pub(crate) fn text(self, locale: Locale) -> &'static str {
        let (en, zh) = match self {
            Self::WidgetTitle => ("Your card repayment", "信用卡还款"),
            Self::LanguageLabel => ("Language", "语言"),
            Self::StatusHeading => ("Where you stand", "您目前的情况"),
            Self::ReminderEarly => (
                "A payment slipped past its date. It happens, and it is quick to put right.",
                "这期还款错过了日期。这很常见，处理起来也很快。",
            ),
            Self::ReminderLater => (
                "Your payment is overdue. Let's look at what you can do — there are options.",
                "您的还款已逾期。我们一起看看有哪些办法——总有可行的选择。",
            ),
            Self::NotYetDue => ("Nothing is overdue yet.", "目前没有逾期款项。"),
            Self::OverdueAmount => ("Overdue amount", "逾期金额"),
            Self::DaysPastDue => ("{days} days past due", "已逾期 {days} 天"),
            Self::DueDate => ("Payment was due on", "原定还款日"),
            Self::AsOf => ("Figures as of {date}", "数据截至 {date}"),
            Self::ChargedSoFar => ("Charged so far", "已产生的费用"),
            Self::LateFees => ("Late fees", "违约金"),
            Self::PenaltyInterest => ("Penalty interest", "罚息"),
            Self::ConfigErrorTitle => (
                "This repayment tool could not start",
                "还款工具未能启动",
            ),
            Self::ConfigErrorBody => (
                "The page gave it settings it cannot use. Your account is not affected; please contact your bank or try again later.",
                "页面提供的设置无法使用。您的账户不受影响；请联系银行或稍后再试。",
            ),
            Self::ConfigErrorField => ("Setting “{path}” {reason}.", "设置项“{path}”{reason}。"),
            Self::ConfigErrorJson => (
                "The settings are not valid JSON (line {line}, column {column}).",
                "设置不是有效的 JSON（第 {line} 行，第 {column} 列）。",
            ),
            Self::ReasonNotADecimal => ("is not a number", "不是有效数字"),
            Self::ReasonTooPrecise => (
                "has more than {max} decimal places",
                "小数位超过 {max} 位",
            ),
            Self::ReasonNegative => ("must not be negative", "不能为负数"),
            Self::ReasonOverflow => ("is too large", "数值过大"),
            Self::ReasonUnsupportedCurrency => (
                "is not a supported currency",
                "不是支持的币种",
            ),
            Self::ReasonUnsupportedLocale => (
                "is not a supported language (zh-CN or en-US)",
                "不是支持的语言（zh-CN 或 en-US）",
            ),
            Self::ReasonImpossibleDate => (
                "is not a valid date (YYYY-MM-DD)",
                "不是有效日期（格式 YYYY-MM-DD）",
            ),
            Self::ReasonMissing => ("is missing", "缺失"),
            Self::ReasonUnknownField => ("is not a known setting", "不是可识别的设置"),
            Self::ReasonWrongType => ("has the wrong type", "类型不正确"),
            Self::ReasonExceedsOther => ("is larger than “{other}”", "大于“{other}”"),
            Self::ReasonBeforeOther => ("is before “{other}”", "早于“{other}”"),
            Self::ReasonAfterOther => ("is after “{other}”", "晚于“{other}”"),
            Self::ReasonNotAllowed => ("is not an allowed value", "不是允许的取值"),
            Self::ReasonTermOutsidePolicy => (
                "is outside the terms the policy allows",
                "超出政策允许的期限",
            ),
            Self::ReasonCurrencyMismatch => (
                "uses a different currency",
                "币种不一致",
            ),
        };
        match locale {
            Locale::EnUs => en,
            Locale::ZhCn => zh,
        }
    }

    /// The message for an engine refusal reason.
    pub(crate) fn for_reason(reason: &InvalidReason) -> Self {
        match reason {
            InvalidReason::NotADecimal => Self::ReasonNotADecimal,
            InvalidReason::TooPrecise { .. } => Self::ReasonTooPrecise,
            InvalidReason::Negative => Self::ReasonNegative,
            InvalidReason::Overflow => Self::ReasonOverflow,
            InvalidReason::UnsupportedCurrency => Self::ReasonUnsupportedCurrency,
            InvalidReason::UnsupportedLocale => Self::ReasonUnsupportedLocale,
            InvalidReason::ImpossibleDate => Self::ReasonImpossibleDate,
            InvalidReason::Missing => Self::ReasonMissing,
            InvalidReason::UnknownField => Self::ReasonUnknownField,
            InvalidReason::WrongType => Self::ReasonWrongType,
            InvalidReason::ExceedsOther { .. } => Self::ReasonExceedsOther,
            InvalidReason::BeforeOther { .. } => Self::ReasonBeforeOther,
            InvalidReason::CurrencyMismatch => Self::ReasonCurrencyMismatch,
            InvalidReason::AfterOther { .. } => Self::ReasonAfterOther,
            InvalidReason::NotAllowed => Self::ReasonNotAllowed,
            InvalidReason::TermOutsidePolicy => Self::ReasonTermOutsidePolicy,
        }
    }
}

/// Replaces each `{name}` in `template` with its value.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_owned();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// A refusal reason as a sentence fragment in `locale`, placeholders filled.
pub(crate) fn reason_text(reason: &InvalidReason, locale: Locale) -> String {
    let template = Msg::for_reason(reason).text(locale);
    match reason {
        InvalidReason::TooPrecise { max_decimals } => {
            fill(template, &[("max", &max_decimals.to_string())])
        }
        InvalidReason::ExceedsOther { other }
        | InvalidReason::BeforeOther { other }
        | InvalidReason::AfterOther { other } => fill(template, &[("other", other)]),
        _ => template.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_every_placeholder() {
        let text = fill(Msg::DaysPastDue.text(Locale::ZhCn), &[("days", "18")]);
        assert_eq!(text, "已逾期 18 天");
    }

    #[test]
    fn too_precise_names_the_limit_in_both_languages() {
        let reason = InvalidReason::TooPrecise { max_decimals: 2 };
        assert_eq!(
            reason_text(&reason, Locale::EnUs),
            "has more than 2 decimal places"
        );
        assert_eq!(reason_text(&reason, Locale::ZhCn), "小数位超过 2 位");
    }
}

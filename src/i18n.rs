//! The message catalog: every string the customer reads, in every locale the widget
//! speaks.
//!
//! The texts are data: one file per locale in `locales/` (TOML a translator edits
//! without reading Rust), compiled by `build.rs` into [`Msg`] and a static table per
//! locale, and checked there against the reference, `en-US.toml`: a missing or unknown
//! key, a placeholder that differs, or a counted text without its language's CLDR
//! plural forms fails the build with the key's name. A key no code uses is dead code,
//! which `clippy -D warnings` refuses.

use repay_engine::InvalidReason;

/// The languages the widget speaks: the contract's, which the proposal names.
pub use repay_contract::Locale;

use crate::format::{DatePart, Facts};

include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// CLDR's plural categories: which form of a counted message a number takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Msg {
    /// The text in `locale` (a counted message's `other` form). Placeholders are
    /// `{name}`; fill them with [`fill`].
    pub(crate) fn text(self, locale: Locale) -> &'static str {
        catalog(locale).0[self as usize]
    }

    /// The form of a counted message for `n` in `locale`, by CLDR's plural rules.
    pub(crate) fn count(self, locale: Locale, n: i64) -> &'static str {
        let category = plural_category(locale, n);
        if category == Plural::Other {
            return self.text(locale);
        }
        catalog(locale)
            .1
            .iter()
            .find(|(msg, form, _)| *msg == self && *form == category)
            .map_or_else(|| self.text(locale), |(_, _, text)| text)
    }
}

#[cfg(target_arch = "wasm32")]
impl Plural {
    /// The category CLDR names `name` (`"one"`, `"other"`, …); anything else is `Other`.
    fn named(name: &str) -> Self {
        match name {
            "zero" => Self::Zero,
            "one" => Self::One,
            "two" => Self::Two,
            "few" => Self::Few,
            "many" => Self::Many,
            _ => Self::Other,
        }
    }
}

/// The CLDR plural category of the whole number `n` in `locale`, from the browser's
/// `Intl.PluralRules`: CLDR's own rules at no cost to the bundle. (The `intl_pluralrules`
/// crate, which the native build uses, added 5.1 KB brotli to it; the browser's first
/// `PluralRules` takes 0.7 ms in a fresh page on the build machine, median of 15, where
/// a first `NumberFormat` takes 38 ms: see `crate::format`.) A browser test holds the two
/// to the same categories for every locale.
#[cfg(target_arch = "wasm32")]
pub fn plural_category(locale: Locale, n: i64) -> Plural {
    let locales = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(locale.tag()));
    let rules = js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new());
    // A count the widget shows is far below 2^53: the conversion is exact.
    let category: String = rules.select(n as f64).into();
    Plural::named(&category)
}

/// The CLDR plural category of the whole number `n` in `locale`, from `intl_pluralrules`
/// (natively: tests and tools; the browser uses its own `Intl.PluralRules`).
#[cfg(not(target_arch = "wasm32"))]
pub fn plural_category(locale: Locale, n: i64) -> Plural {
    use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
    // CLDR's plural rules are per language: zh-HK counts as zh does.
    let language = locale.tag().split('-').next().unwrap_or_default();
    let category = language
        .parse::<unic_langid::LanguageIdentifier>()
        .ok()
        .and_then(|id| PluralRules::create(id, PluralRuleType::CARDINAL).ok())
        .and_then(|rules| rules.select(n).ok());
    match category {
        Some(PluralCategory::ZERO) => Plural::Zero,
        Some(PluralCategory::ONE) => Plural::One,
        Some(PluralCategory::TWO) => Plural::Two,
        Some(PluralCategory::FEW) => Plural::Few,
        Some(PluralCategory::MANY) => Plural::Many,
        Some(PluralCategory::OTHER) | None => Plural::Other,
    }
}

impl Msg {
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
            InvalidReason::DuplicateKey => Self::ReasonDuplicateKey,
            InvalidReason::Empty => Self::ReasonEmpty,
            InvalidReason::TooMany { .. } => Self::ReasonTooMany,
        }
    }
}

/// The locale for a reader whose languages are `preferred` (BCP 47 tags, best first: the
/// host page's `lang`, then the browser's), among the `enabled` ones: the first tag that
/// an enabled locale serves, exactly or by [`Locale::candidates`]; `None` when none does.
pub fn negotiate<'a>(
    preferred: impl IntoIterator<Item = &'a str>,
    enabled: &[Locale],
) -> Option<Locale> {
    preferred.into_iter().find_map(|tag| {
        Locale::exact(tag)
            .filter(|locale| enabled.contains(locale))
            .or_else(|| {
                Locale::candidates(tag)
                    .into_iter()
                    .find(|locale| enabled.contains(locale))
            })
    })
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
        InvalidReason::TooMany { max } => fill(template, &[("max", &max.to_string())]),
        InvalidReason::UnsupportedLocale => {
            let tags: Vec<&str> = Locale::ALL.iter().map(|l| l.tag()).collect();
            fill(template, &[("tags", &tags.join(", "))])
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
    fn every_catalog_the_build_compiled_is_a_locale_the_widget_speaks() {
        assert_eq!(KEYS.len(), ALL_MESSAGES.len());
        for tag in CATALOG_TAGS {
            let locale = Locale::from_tag(tag).expect("a catalog's file name is a locale's tag");
            for (msg, key) in ALL_MESSAGES.iter().zip(KEYS) {
                assert!(!msg.text(locale).trim().is_empty(), "{tag}: {key}");
            }
        }
    }

    #[test]
    fn no_text_is_left_in_another_language() {
        // Two locales of different languages never share a text: one equal to the other
        // language's is a text left untranslated.
        let language = |locale: Locale| locale.tag().split('-').next().unwrap_or_default();
        for a in Locale::ALL {
            for b in Locale::ALL {
                if language(a) == language(b) {
                    continue;
                }
                for (msg, key) in ALL_MESSAGES.iter().zip(KEYS) {
                    assert_ne!(
                        msg.text(a),
                        msg.text(b),
                        "`{key}` reads the same in {} and {}",
                        a.tag(),
                        b.tag()
                    );
                }
            }
        }
    }

    #[test]
    fn counts_follow_cldr_plural_rules() {
        // English: "one" is exactly 1; every other count, 0 included, is "other".
        let en = |n| Msg::DaysPastDue.count(Locale::EnUs, n);
        assert_eq!(en(1), "{days} day past due");
        for n in [0, 2, 11, 21, 101] {
            assert_eq!(en(n), "{days} days past due", "{n}");
        }
        // Chinese has only "other".
        for n in [0, 1, 2] {
            assert_eq!(
                Msg::DaysPastDue.count(Locale::ZhCn, n),
                Msg::DaysPastDue.text(Locale::ZhCn)
            );
        }
        assert_eq!(plural_category(Locale::ZhCn, 1), Plural::Other);
        assert_eq!(plural_category(Locale::EnUs, 1), Plural::One);
    }

    #[test]
    fn the_reader_gets_the_nearest_enabled_locale() {
        let all = Locale::ALL;
        assert_eq!(negotiate(["en-AU"], &all), Some(Locale::EnGb));
        assert_eq!(negotiate(["en-CA"], &all), Some(Locale::EnUs));
        assert_eq!(negotiate(["zh-SG"], &all), Some(Locale::ZhCn));
        // The page's language first, then the browser's, each in order.
        assert_eq!(
            negotiate(["fr-FR", "en-GB", "zh-CN"], &all),
            Some(Locale::EnGb)
        );
        // Only what the bank enables: en-AU falls back to en-US.
        let us_and_cn = [Locale::ZhCn, Locale::EnUs];
        assert_eq!(negotiate(["en-AU"], &us_and_cn), Some(Locale::EnUs));
        assert_eq!(negotiate(["en-GB"], &[Locale::ZhCn]), None);
        assert_eq!(negotiate(["de", "fr"], &all), None);
        assert_eq!(negotiate([], &all), None);
    }

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

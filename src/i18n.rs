//! The message catalog: every string the customer reads, in every locale the widget
//! speaks.
//!
//! The texts are data: one file per locale in `locales/` (TOML a translator edits
//! without reading Rust), compiled by `build.rs` into [`Msg`] and a static table per
//! locale, and checked there against the reference, `en-US.toml`: a missing or unknown
//! key, a placeholder that differs, or a counted text without its language's CLDR
//! plural forms fails the build with the key's name. A key no code uses is dead code,
//! which `clippy -D warnings` refuses.

use repay_engine::{EngineError, InvalidReason};

/// The languages the widget speaks: the contract's, which the proposal names.
pub use repay_contract::Locale;

/// A locale's CLDR facts for numbers, amounts and dates (compiled by `build.rs` from the
/// locale's `[format]`).
#[derive(Debug)]
pub(crate) struct Facts {
    pub(crate) decimal: &'static str,
    pub(crate) group: &'static str,
    /// The sizes of the last group of digits and of the groups before it; 0, none.
    pub(crate) grouping: (usize, usize),
    /// The text before and after an amount's number; `¤` stands for the symbol.
    pub(crate) currency: (&'static str, &'static str),
    /// The text before and after a percentage's number.
    pub(crate) percent: (&'static str, &'static str),
    pub(crate) date: &'static [DatePart],
    /// The months' names, when `date` uses them.
    pub(crate) months: [&'static str; 12],
    /// The symbol of each currency that has one in the locale.
    pub(crate) symbols: &'static [(&'static str, &'static str)],
}

/// A piece of a date pattern.
#[derive(Debug)]
pub(crate) enum DatePart {
    Text(&'static str),
    Year,
    Month,
    MonthName,
    Day,
}

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
    /// The text in `locale` (a counted message's `other` form): the bank's own wording
    /// if the configuration being rendered gives one ([`Wording`]), else the catalog's.
    /// Placeholders are `{name}`; fill them with [`fill`].
    pub(crate) fn text(self, locale: Locale) -> &'static str {
        Wording::find(locale, self, Plural::Other).unwrap_or(catalog(locale).0[self as usize])
    }

    /// The form of a counted message for `n` in `locale`, by CLDR's plural rules.
    pub(crate) fn count(self, locale: Locale, n: i64) -> &'static str {
        let category = plural_category(locale, n);
        if category == Plural::Other {
            return self.text(locale);
        }
        Wording::find(locale, self, category)
            .or_else(|| {
                catalog(locale)
                    .1
                    .iter()
                    .find(|(msg, form, _)| *msg == self && *form == category)
                    .map(|(_, _, text)| *text)
            })
            .unwrap_or_else(|| self.text(locale))
    }

    /// The message a catalog calls `key`.
    fn from_key(key: &str) -> Option<Self> {
        KEYS.iter()
            .position(|k| *k == key)
            .and_then(|index| ALL_MESSAGES.get(index).copied())
    }

    /// The plural categories this message has in `locale`'s catalog (`other` alone for
    /// a plain text).
    fn categories(self, locale: Locale) -> Vec<Plural> {
        let mut categories: Vec<Plural> = catalog(locale)
            .1
            .iter()
            .filter(|(msg, ..)| *msg == self)
            .map(|(_, form, _)| *form)
            .collect();
        categories.push(Plural::Other);
        categories
    }
}

impl Plural {
    const NAMES: [(&'static str, Plural); 6] = [
        ("zero", Plural::Zero),
        ("one", Plural::One),
        ("two", Plural::Two),
        ("few", Plural::Few),
        ("many", Plural::Many),
        ("other", Plural::Other),
    ];
}

/// A bank's own wording for some messages (`messages` in the configuration), checked
/// against the catalogs: a known locale, a known key, the same kind (plain or counted),
/// the locale's plural forms, the same placeholders. Its texts live as long as the page;
/// a configuration read again with the same wording (a host's `update()` with fresh
/// figures) gets the wording read before, so only wording that changes is kept again.
#[derive(Debug, PartialEq, Eq)]
pub struct Wording {
    texts: Vec<(Locale, Msg, Plural, &'static str)>,
}

thread_local! {
    /// The wording of the widget being rendered, if its configuration gives any.
    static ACTIVE: std::cell::Cell<Option<&'static Wording>> = const { std::cell::Cell::new(None) };
    /// Every distinct wording read so far on this page.
    static READ: std::cell::RefCell<Vec<&'static Wording>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// While alive, [`Msg::text`] and [`Msg::count`] read this wording first; dropped, the
/// wording before it again. The widget holds one through each render and each effect
/// (several widgets on a page each render with their own).
pub(crate) struct WordingScope(Option<&'static Wording>);

impl Drop for WordingScope {
    fn drop(&mut self) {
        ACTIVE.with(|active| active.set(self.0));
    }
}

/// The names of `text`'s placeholders, sorted, each once. (A sorted `Vec`: the
/// `BTreeSet` this was first written with cost the bundle about 2 KB brotli.)
/// A message's forms as a configuration gives them.
type Forms<'a> = Vec<(Plural, &'a String)>;

fn placeholder_set(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

impl Wording {
    /// Makes `wording` the one texts are read from until the scope is dropped.
    pub(crate) fn enter(wording: Option<&'static Wording>) -> WordingScope {
        WordingScope(ACTIVE.with(|active| active.replace(wording)))
    }

    fn find(locale: Locale, msg: Msg, form: Plural) -> Option<&'static str> {
        let wording = ACTIVE.with(std::cell::Cell::get)?;
        wording
            .texts
            .iter()
            .find(|(l, m, f, _)| *l == locale && *m == msg && *f == form)
            .map(|(.., text)| *text)
    }

    /// Checks a configuration's `messages`; `None` when it gives none.
    ///
    /// # Errors
    ///
    /// [`EngineError::Invalid`] at `messages.<tag>` for a locale the widget does not
    /// speak, at `messages.<tag>.<key>` for an unknown key or form (`unknown_field`:
    /// a counted text is given as `key.one`, `key.other`, …, a plain one as `key`),
    /// forms other than the locale's (`plural_forms`), placeholders other than the
    /// catalog's (`placeholders`), or an empty text (`empty`).
    pub fn read(
        messages: &std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
    ) -> Result<Option<&'static Wording>, EngineError> {
        let mut texts = Vec::new();
        for (tag, given) in messages {
            let Some(locale) = Locale::exact(tag) else {
                let path = format!("messages.{tag}");
                return Err(EngineError::invalid(path, InvalidReason::UnsupportedLocale));
            };
            // Each message's forms, by key: `key` for a text, `key.one`, `key.other`, …
            // for a counted text's forms.
            let mut by_message: Vec<(Msg, &str, Forms<'_>)> = Vec::new();
            for (name, text) in given {
                let invalid =
                    |reason| EngineError::invalid(format!("messages.{tag}.{name}"), reason);
                let (key, form) = match name.split_once('.') {
                    None => (name.as_str(), None),
                    Some((key, form)) => (key, Some(form)),
                };
                let msg = Msg::from_key(key).ok_or_else(|| invalid(InvalidReason::UnknownField))?;
                let form = match (form, COUNTED.contains(&msg)) {
                    (None, false) => Plural::Other,
                    (Some(form), true) => Plural::NAMES
                        .iter()
                        .find(|(n, _)| *n == form)
                        .map(|(_, p)| *p)
                        .ok_or_else(|| invalid(InvalidReason::UnknownField))?,
                    _ => return Err(invalid(InvalidReason::UnknownField)),
                };
                match by_message.iter_mut().find(|(m, ..)| *m == msg) {
                    Some((_, _, forms)) => forms.push((form, text)),
                    None => by_message.push((msg, key, vec![(form, text)])),
                }
            }
            for (msg, key, forms) in by_message {
                let invalid =
                    |reason| EngineError::invalid(format!("messages.{tag}.{key}"), reason);
                let expected = msg.categories(locale);
                if COUNTED.contains(&msg)
                    && (forms.len() != expected.len()
                        || forms.iter().any(|(f, _)| !expected.contains(f)))
                {
                    let names: Vec<String> = Plural::NAMES
                        .iter()
                        .filter(|(_, p)| expected.contains(p))
                        .map(|(n, _)| format!("{key}.{n}"))
                        .collect();
                    return Err(invalid(InvalidReason::PluralForms {
                        expected: names.join(", "),
                    }));
                }
                // The catalog's own placeholders for this message, in every form.
                let other = placeholder_set(catalog(locale).0[msg as usize]);
                let mut allowed = other.clone();
                for (m, _, text) in catalog(locale).1 {
                    if *m == msg {
                        allowed.extend(placeholder_set(text));
                    }
                }
                allowed.sort_unstable();
                for (form, text) in forms {
                    if text.trim().is_empty() {
                        return Err(invalid(InvalidReason::Empty));
                    }
                    let names = placeholder_set(text);
                    let fits = if form == Plural::Other {
                        names == other
                    } else {
                        names.iter().all(|name| allowed.binary_search(name).is_ok())
                    };
                    if !fits {
                        let expected: Vec<String> =
                            other.iter().map(|n| format!("{{{n}}}")).collect();
                        let expected = if expected.is_empty() {
                            "(none)".to_owned()
                        } else {
                            expected.join(" ")
                        };
                        return Err(invalid(InvalidReason::Placeholders { expected }));
                    }
                    texts.push((locale, msg, form, text.as_str()));
                }
            }
        }
        if texts.is_empty() {
            return Ok(None);
        }
        let same = |wording: &Wording| wording.texts.iter().eq(texts.iter());
        if let Some(known) = READ.with(|read| read.borrow().iter().copied().find(|w| same(w))) {
            return Ok(Some(known));
        }
        let texts = texts
            .into_iter()
            .map(|(locale, msg, form, text)| {
                let text: &'static str = Box::leak(text.to_owned().into_boxed_str());
                (locale, msg, form, text)
            })
            .collect();
        let wording: &'static Wording = Box::leak(Box::new(Wording { texts }));
        READ.with(|read| read.borrow_mut().push(wording));
        Ok(Some(wording))
    }
}

#[cfg(target_arch = "wasm32")]
impl Plural {
    /// The category CLDR names `name` (`"one"`, `"other"`, …); anything else is `Other`.
    fn named(name: &str) -> Self {
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(Self::Other, |(_, category)| *category)
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
            InvalidReason::Placeholders { .. } => Self::ReasonPlaceholders,
            InvalidReason::PluralForms { .. } => Self::ReasonPluralForms,
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
        InvalidReason::Placeholders { expected } | InvalidReason::PluralForms { expected } => {
            fill(template, &[("expected", expected)])
        }
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
    #[cfg(not(target_arch = "wasm32"))]
    fn traditional_chinese_catalogs_hold_no_simplified_character() {
        // Big5 is Traditional Chinese's character set: a character it cannot write (这,
        // 账, 还) is a Simplified one left in a zh-HK or zh-TW text.
        for locale in [Locale::ZhHk, Locale::ZhTw] {
            for (msg, key) in ALL_MESSAGES.iter().zip(KEYS) {
                let text = msg.text(locale);
                let (_, _, unwritable) = encoding_rs::BIG5.encode(text);
                let simplified: String = text
                    .chars()
                    .filter(|c| encoding_rs::BIG5.encode(&c.to_string()).2)
                    .collect();
                assert!(
                    !unwritable,
                    "`{key}` in {} has {simplified:?}: {text}",
                    locale.tag()
                );
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

    fn wording(json: &str) -> Result<Option<&'static Wording>, EngineError> {
        Wording::read(&serde_json::from_str(json).unwrap())
    }

    fn refusal(json: &str) -> (String, InvalidReason) {
        match wording(json).unwrap_err() {
            EngineError::Invalid { path, reason } => (path, reason),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_banks_wording_replaces_the_catalogs_while_its_widget_renders() {
        let ours = wording(
            r#"{"en-US": {"step_options": "Ways to repay",
                          "days_past_due.one": "{days} day late", "days_past_due.other": "{days} days late"},
                "zh-CN": {"step_options": "还款方式"}}"#,
        )
        .unwrap();
        assert_eq!(Msg::StepOptions.text(Locale::EnUs), "Your options");
        {
            let _scope = Wording::enter(ours);
            assert_eq!(Msg::StepOptions.text(Locale::EnUs), "Ways to repay");
            assert_eq!(Msg::StepOptions.text(Locale::ZhCn), "还款方式");
            // Not overridden in en-GB: the catalog's.
            assert_eq!(Msg::StepOptions.text(Locale::EnGb), "Your options");
            assert_eq!(Msg::DaysPastDue.count(Locale::EnUs, 1), "{days} day late");
            assert_eq!(Msg::DaysPastDue.count(Locale::EnUs, 3), "{days} days late");
            assert_eq!(Msg::Back.text(Locale::EnUs), "Back");
            // Another widget on the page, without wording, inside this one's render.
            let _inner = Wording::enter(None);
            assert_eq!(Msg::StepOptions.text(Locale::EnUs), "Your options");
        }
        assert_eq!(Msg::StepOptions.text(Locale::EnUs), "Your options");
        assert_eq!(wording("{}").unwrap(), None);
    }

    #[test]
    fn the_same_wording_read_again_is_the_one_kept_before() {
        // A host's update() with fresh figures reads the same messages again: nothing
        // more is kept. Other wording is kept on its own.
        let json = r#"{"en-US": {"back": "Go back", "step_options": "Ways to repay"}}"#;
        let first = wording(json).unwrap().unwrap();
        let again = wording(json).unwrap().unwrap();
        assert!(std::ptr::eq(first, again));
        let other = wording(r#"{"en-US": {"back": "Previous"}}"#)
            .unwrap()
            .unwrap();
        assert!(!std::ptr::eq(first, other));
        let _scope = Wording::enter(Some(other));
        assert_eq!(Msg::Back.text(Locale::EnUs), "Previous");
    }

    #[test]
    fn a_banks_wording_that_does_not_fit_is_refused_naming_it() {
        assert_eq!(
            refusal(r#"{"fr-FR": {"back": "Retour"}}"#),
            (
                "messages.fr-FR".to_owned(),
                InvalidReason::UnsupportedLocale
            )
        );
        assert_eq!(
            refusal(r#"{"en-US": {"bakc": "Go back"}}"#),
            (
                "messages.en-US.bakc".to_owned(),
                InvalidReason::UnknownField
            )
        );
        assert_eq!(
            refusal(r#"{"en-US": {"as_of": "Figures as of today"}}"#),
            (
                "messages.en-US.as_of".to_owned(),
                InvalidReason::Placeholders {
                    expected: "{date}".into()
                }
            )
        );
        assert_eq!(
            refusal(r#"{"en-US": {"back": "Back to {step}"}}"#),
            (
                "messages.en-US.back".to_owned(),
                InvalidReason::Placeholders {
                    expected: "(none)".into()
                }
            )
        );
        // A counted text gives its locale's forms: Chinese has only "other".
        assert_eq!(
            refusal(
                r#"{"zh-CN": {"days_past_due.one": "逾期 {days} 天", "days_past_due.other": "逾期 {days} 天"}}"#
            ),
            (
                "messages.zh-CN.days_past_due".to_owned(),
                InvalidReason::PluralForms {
                    expected: "days_past_due.other".into()
                }
            )
        );
        assert_eq!(
            refusal(r#"{"en-US": {"days_past_due.other": "{days} days late"}}"#),
            (
                "messages.en-US.days_past_due".to_owned(),
                InvalidReason::PluralForms {
                    expected: "days_past_due.one, days_past_due.other".into()
                }
            )
        );
        assert_eq!(
            refusal(r#"{"en-US": {"days_past_due": "{days} days late"}}"#),
            (
                "messages.en-US.days_past_due".to_owned(),
                InvalidReason::UnknownField
            )
        );
        assert_eq!(
            refusal(r#"{"en-US": {"back.one": "Back"}}"#),
            (
                "messages.en-US.back.one".to_owned(),
                InvalidReason::UnknownField
            )
        );
        assert_eq!(
            refusal(r#"{"en-US": {"back": " "}}"#),
            ("messages.en-US.back".to_owned(), InvalidReason::Empty)
        );
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

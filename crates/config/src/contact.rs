//! How a customer reaches a person at the bank: numbers to call (which a `tel:` link can
//! only dial), opening hours, chat and dispute pages, and texts in the customer's
//! language; and the free, independent debt advice the bank points customers to.

use repay_engine::{EngineError, InvalidReason};
use serde::Deserialize;

use crate::links::{check_link, LinkUse, Page};
use crate::Locale;

/// A text the bank gives: one string for every language (a name, a number), or one per
/// language, `{"en-GB": "…", "zh-HK": "…"}`. A language without its own text reads the
/// other of its kind: British and American English each other's, Hong Kong and Taiwan
/// Traditional Chinese each other's; never Simplified for Traditional, never another
/// script. [`check_texts`] refuses a configuration that leaves a language it enables
/// without a text it can read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(with = "LocalizedTextSchema"))]
pub struct LocalizedText {
    /// The text for every language, given as a plain string.
    pub same: Option<String>,
    pub en_us: Option<String>,
    pub en_gb: Option<String>,
    pub zh_cn: Option<String>,
    pub zh_hk: Option<String>,
    pub zh_tw: Option<String>,
}

/// The two forms a bank text is written in, for the schema.
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum LocalizedTextSchema {
    /// The same text in every language.
    Same(String),
    /// A text per language; at least one.
    PerLanguage(PerLanguage),
}

/// A text per language, as written in the configuration.
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(extend("minProperties" = 1)))]
#[serde(deny_unknown_fields)]
struct PerLanguage {
    #[serde(rename = "en-US", default)]
    en_us: Option<String>,
    #[serde(rename = "en-GB", default)]
    en_gb: Option<String>,
    #[serde(rename = "zh-CN", default)]
    zh_cn: Option<String>,
    #[serde(rename = "zh-HK", default)]
    zh_hk: Option<String>,
    #[serde(rename = "zh-TW", default)]
    zh_tw: Option<String>,
}

impl<'de> Deserialize<'de> for LocalizedText {
    /// A string, or an object of texts by language tag (at least one), through serde's
    /// string-or-map visitor rather than an untagged enum, which would buffer the value.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;
        impl<'de> serde::de::Visitor<'de> for Text {
            type Value = LocalizedText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text, or an object of texts by language tag")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
                Ok(LocalizedText {
                    same: Some(text.to_owned()),
                    ..LocalizedText::default()
                })
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                map: M,
            ) -> Result<Self::Value, M::Error> {
                let texts =
                    PerLanguage::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                let text = LocalizedText {
                    same: None,
                    en_us: texts.en_us,
                    en_gb: texts.en_gb,
                    zh_cn: texts.zh_cn,
                    zh_hk: texts.zh_hk,
                    zh_tw: texts.zh_tw,
                };
                if text.first().is_none() {
                    return Err(serde::de::Error::invalid_length(
                        0,
                        &"at least one language",
                    ));
                }
                Ok(text)
            }
        }
        deserializer.deserialize_any(Text)
    }
}

impl LocalizedText {
    /// The text a reader of `locale` reads, if the bank gave one: their own, else the
    /// other of their kind (en-GB and en-US, zh-HK and zh-TW), else the text for every
    /// language.
    pub fn text(&self, locale: Locale) -> Option<&str> {
        let (own, kin) = match locale {
            Locale::EnUs => (&self.en_us, &self.en_gb),
            Locale::EnGb => (&self.en_gb, &self.en_us),
            Locale::ZhCn => (&self.zh_cn, &None),
            Locale::ZhHk => (&self.zh_hk, &self.zh_tw),
            Locale::ZhTw => (&self.zh_tw, &self.zh_hk),
        };
        own.as_deref().or(kin.as_deref()).or(self.same.as_deref())
    }

    /// The text in `locale`. A checked configuration has one for every language it
    /// enables ([`check_texts`]); otherwise the first the bank gave.
    pub fn get(&self, locale: Locale) -> &str {
        self.text(locale)
            .or_else(|| self.first())
            .unwrap_or_default()
    }

    fn first(&self) -> Option<&str> {
        [
            &self.same,
            &self.en_us,
            &self.en_gb,
            &self.zh_cn,
            &self.zh_hk,
            &self.zh_tw,
        ]
        .into_iter()
        .find_map(|text| text.as_deref())
    }
}

/// Checks that every text in `texts` can be read in each of `locales`.
///
/// # Errors
///
/// The first text without one, as `{path}.{tag}` (e.g.
/// `payment_channels[2].details[0].value.zh-HK`), [`InvalidReason::Missing`].
pub(crate) fn check_texts<'a>(
    texts: impl IntoIterator<Item = (String, &'a LocalizedText)>,
    locales: &[Locale],
) -> Result<(), EngineError> {
    for (path, text) in texts {
        if let Some(locale) = locales.iter().find(|l| text.text(**l).is_none()) {
            let path = format!("{path}.{}", locale.tag());
            return Err(EngineError::invalid(path, InvalidReason::Missing));
        }
    }
    Ok(())
}

/// How a customer reaches a person at the bank.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BankContactWire {
    /// The numbers to call, in the order to offer them: 1 to 4.
    #[cfg_attr(feature = "schema", schemars(length(min = 1, max = MAX_BANK_PHONES)))]
    pub phones: Vec<BankPhoneWire>,
    /// When the phones are answered, in the bank's own words and with its time zone,
    /// e.g. "Monday to Friday, 9:00–18:00 (Beijing time)".
    pub hours: LocalizedText,
    /// A chat or call-back page: an `https://` address or a path on the bank's site.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Link>"))]
    pub chat_url: Option<String>,
    /// Where the customer disputes a charge (a page or form on the bank's site): offered
    /// instead of a plan to a customer who says a charge is wrong.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Link>"))]
    pub dispute_url: Option<String>,
}

impl BankContactWire {
    /// Checks the numbers and resolves the links against `page`.
    ///
    /// # Errors
    ///
    /// The first thing wrong, its path under `bank_contact`.
    pub(crate) fn check(&mut self, page: &dyn Page) -> Result<(), EngineError> {
        let count = self.phones.len();
        if !(1..=MAX_BANK_PHONES).contains(&count) {
            let reason = match count {
                0 => InvalidReason::Empty,
                _ => InvalidReason::TooMany {
                    max: MAX_BANK_PHONES,
                },
            };
            return Err(EngineError::invalid("bank_contact.phones", reason));
        }
        for (i, phone) in self.phones.iter().enumerate() {
            if !is_phone_number(&phone.number) {
                let path = format!("bank_contact.phones[{i}].number");
                return Err(EngineError::invalid(path, InvalidReason::NotAllowed));
            }
        }
        for (path, url) in [
            ("bank_contact.chat_url", &mut self.chat_url),
            ("bank_contact.dispute_url", &mut self.dispute_url),
        ] {
            if let Some(url) = url {
                *url = check_link(path, url, LinkUse::Link, page)?;
            }
        }
        Ok(())
    }

    /// The bank's contact from a configuration that is otherwise wrong, so that the
    /// panel saying so can still offer a person to talk to: `None` when the contact
    /// itself is missing or wrong.
    pub fn salvage(json: &str, page: &dyn Page) -> Option<Self> {
        /// Every other field ignored, whatever it holds.
        #[derive(Deserialize)]
        struct ContactOnly {
            #[serde(default)]
            bank_contact: Option<BankContactWire>,
        }
        let mut contact = serde_json::from_str::<ContactOnly>(json)
            .ok()?
            .bank_contact?;
        contact.check(page).ok()?;
        Some(contact)
    }

    /// A `tel:` link for `number` (checked by [`is_phone_number`]): its `+` and digits.
    pub fn tel_link(number: &str) -> String {
        let dial: String = number
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        format!("tel:{dial}")
    }
}

/// One number to call.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BankPhoneWire {
    /// As the customer dials it: digits, spaces and hyphens, with an optional leading
    /// `+`, e.g. `"+1 800-555-0199"`. It becomes a `tel:` link.
    #[cfg_attr(feature = "schema", schemars(pattern(PHONE_PATTERN)))]
    pub number: String,
    /// What the number is for, e.g. "From abroad"; absent for the main number.
    #[serde(default)]
    pub label: Option<LocalizedText>,
}

/// A phone number's form, for the schema ([`is_phone_number`] also counts its digits,
/// 3 to 20).
pub const PHONE_PATTERN: &str = r"^\+?[0-9][0-9 -]*$";

/// The most numbers `bank_contact.phones` may list.
pub const MAX_BANK_PHONES: usize = 4;

/// Whether `number` is a phone number as [`BankPhoneWire::number`] describes: a `tel:`
/// link made from it can only dial.
fn is_phone_number(number: &str) -> bool {
    let digits = number.chars().filter(char::is_ascii_digit).count();
    let rest = number.strip_prefix('+').unwrap_or(number);
    (3..=20).contains(&digits)
        && rest.starts_with(|c: char| c.is_ascii_digit())
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
}

/// A free debt-advice service independent of the bank, which the widget points the
/// customer to (the EU Consumer Credit Directive 2023/2225 Art. 36; the UK's CONC 7 and
/// PS24/2): on the first screen, wherever no plan fits or hardship is suggested, and on
/// the confirmation.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DebtAdviceWire {
    /// Its name, e.g. "National Debtline".
    pub name: LocalizedText,
    /// What it does for the customer, in a sentence.
    pub about: LocalizedText,
    /// A number to call, as [`BankPhoneWire::number`]: it becomes a `tel:` link.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(pattern(PHONE_PATTERN)))]
    pub phone: Option<String>,
    /// When the phone is answered, in its own words and time zone.
    #[serde(default)]
    pub hours: Option<LocalizedText>,
    /// Its website: an `https://` address.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Link>"))]
    pub url: Option<String>,
    /// The entry is an example whose details the bank has not verified: the widget says
    /// so beside it.
    #[serde(default)]
    pub illustrative: bool,
}

/// The most services `debt_advice` may list.
pub const MAX_DEBT_ADVICE: usize = 4;

/// Checks `debt_advice`: at most [`MAX_DEBT_ADVICE`] services, each reachable by phone
/// or web, its number one a `tel:` link can only dial, its website resolved against
/// `page`.
///
/// # Errors
///
/// The first thing wrong, its path under `debt_advice`.
pub(crate) fn check_debt_advice(
    services: &mut [DebtAdviceWire],
    page: &dyn Page,
) -> Result<(), EngineError> {
    if services.len() > MAX_DEBT_ADVICE {
        let reason = InvalidReason::TooMany {
            max: MAX_DEBT_ADVICE,
        };
        return Err(EngineError::invalid("debt_advice", reason));
    }
    for (i, service) in services.iter_mut().enumerate() {
        if service.phone.is_none() && service.url.is_none() {
            let path = format!("debt_advice[{i}].phone");
            return Err(EngineError::invalid(path, InvalidReason::Missing));
        }
        if let Some(number) = &service.phone {
            if !is_phone_number(number) {
                let path = format!("debt_advice[{i}].phone");
                return Err(EngineError::invalid(path, InvalidReason::NotAllowed));
            }
        }
        if let Some(url) = &mut service.url {
            *url = check_link(&format!("debt_advice[{i}].url"), url, LinkUse::Link, page)?;
        }
    }
    Ok(())
}

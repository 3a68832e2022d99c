//! How a customer reaches a person at the bank: numbers to call (which a `tel:` link can
//! only dial), opening hours, chat and dispute pages, and texts in the customer's
//! language.

use repay_engine::{EngineError, InvalidReason};
use serde::Deserialize;

use crate::links::{check_link, LinkUse, Page};
use crate::Locale;

/// A text the bank gives in Chinese and English, and if it likes in British English and
/// Traditional Chinese: en-GB readers otherwise get the en-US text; zh-HK and zh-TW
/// readers the other Traditional text, else the zh-CN one.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LocalizedText {
    #[serde(rename = "en-US")]
    pub en_us: String,
    #[serde(rename = "zh-CN")]
    pub zh_cn: String,
    #[serde(rename = "en-GB", default)]
    pub en_gb: Option<String>,
    #[serde(rename = "zh-HK", default)]
    pub zh_hk: Option<String>,
    #[serde(rename = "zh-TW", default)]
    pub zh_tw: Option<String>,
}

impl LocalizedText {
    /// The text in `locale`.
    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::EnUs => &self.en_us,
            Locale::ZhCn => &self.zh_cn,
            Locale::EnGb => self.en_gb.as_deref().unwrap_or(&self.en_us),
            // Traditional readers get the other Traditional text before the Simplified.
            Locale::ZhHk => self
                .zh_hk
                .as_deref()
                .or(self.zh_tw.as_deref())
                .unwrap_or(&self.zh_cn),
            Locale::ZhTw => self
                .zh_tw
                .as_deref()
                .or(self.zh_hk.as_deref())
                .unwrap_or(&self.zh_cn),
        }
    }
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

//! The configuration a host page gives the widget, read and checked in one place.

#[cfg(feature = "schema")]
pub mod schema;

use repay_engine::account::AccountSnapshotWire;
use repay_engine::policy::PolicyWire;
use repay_engine::scenario::ScenarioWire;
use repay_engine::{EngineError, InvalidReason, Scenario};
use serde::Deserialize;

use std::collections::BTreeMap;

use crate::delivery::Json;
use crate::i18n::Locale;
use crate::links::{check_link, LinkUse, Page};

/// The configuration as it arrives from the host page (JSON).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WidgetConfigWire {
    /// The language to start in, one of `locales`; absent means "follow the reader": the
    /// host page's `lang`, then the browser's languages, each to the nearest enabled
    /// locale (en-AU reads en-GB, any other English en-US), else the first of `locales`.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<repay_contract::Locale>"))]
    pub locale: Option<String>,
    /// The bank's own wording: per locale, texts that replace the catalog's by key
    /// (docs/messages.md lists every key with its placeholders), e.g.
    /// `{"en-US": {"step_options": "Ways to repay"}}`; a counted text gives each of its
    /// locale's plural forms as `key.one`, `key.other`, ….
    #[serde(default)]
    pub messages: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
    /// The languages the bank enables, in the order the switch shows them; absent means
    /// every language the widget speaks.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<Vec<repay_contract::Locale>>", length(min = 1))
    )]
    pub locales: Option<Vec<String>>,
    /// The customer's account on the bank's "today".
    pub account: AccountSnapshotWire,
    /// The bank's policy: rates, fees, stages and the plans it offers.
    pub policy: PolicyWire,
    /// Where the customer can pay the overdue amount now, in the bank's order.
    #[serde(default)]
    pub payment_channels: Vec<PaymentChannelWire>,
    /// The terms the customer agrees to when sending a proposal.
    pub terms: TermsWire,
    /// How the bank can contact the customer about a proposal; default phone, SMS, email.
    #[serde(default = "default_contact_channels")]
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub contact_channels: Vec<ContactChannel>,
    /// Business days within which the bank answers a proposal that needs review.
    #[serde(default)]
    pub review_days: Option<u32>,
    /// How the customer reaches a person at the bank: phone numbers, when they are
    /// answered, and a chat or call-back page. Offered where the widget suggests talking
    /// to the bank.
    #[serde(default)]
    pub bank_contact: Option<BankContactWire>,
    /// Where the customer signs up for the bank's payment reminders (SMS, app, email):
    /// offered on the confirmation, beside automatic payments.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::config::schema::Link>")
    )]
    pub reminders_url: Option<String>,
    /// Where proposals go: `POST {endpoint}` (`https://…`, a path on this site, or
    /// `http://localhost…` / `http://127.0.0.1…` while developing).
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::config::schema::endpoint")
    )]
    pub endpoint: String,
    /// The bank's reference for the account: sent with the proposal, and it keeps the
    /// drafts of two accounts on one page apart.
    #[cfg_attr(
        feature = "schema",
        schemars(
            length(min = 1, max = 64),
            pattern(crate::config::schema::NO_CONTROL_PATTERN)
        )
    )]
    pub account_reference: String,
    /// A CSRF token to send with every proposal, read from a cookie.
    #[serde(default)]
    pub csrf: Option<CsrfWire>,
    /// Whether the browser sends the bank's cookies with a proposal (fetch's `credentials`).
    #[serde(default)]
    pub credentials: Credentials,
    /// How long one attempt to send may take, 1 to 120 seconds; 15 when absent.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = MAX_TIMEOUT_SECONDS)))]
    pub timeout_seconds: Option<u32>,
    /// How the widget looks.
    #[serde(default)]
    pub theme: ThemeWire,
}

/// The widget's look, from the configuration's `theme`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ThemeWire {
    /// Values for the widget's CSS custom properties, named without the `--repay-`
    /// prefix: `{"color-accent": "#0b5cad", "radius": "4px"}`. See [`THEME_VARIABLES`].
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::config::schema::theme_variables")
    )]
    pub variables: BTreeMap<String, String>,
    /// Render inside a shadow root holding this stylesheet, out of reach of the host
    /// page's styles.
    #[serde(default)]
    pub shadow_dom: Option<ShadowDomWire>,
}

/// The stylesheet a widget in a shadow root loads (the host page's styles do not reach it).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ShadowDomWire {
    /// `repay-widget.css`: an `https://` address or a path on this site.
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::config::schema::stylesheet")
    )]
    pub stylesheet: String,
    /// Its Subresource Integrity hash (`sha384-…`, from the bundle's `integrity.json`).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(pattern(crate::config::schema::INTEGRITY_PATTERN))
    )]
    pub integrity: Option<String>,
}

/// The CSS custom properties a host may set, without their `--repay-` prefix. Every one
/// is declared in `styles/widget.css` (a test checks) and documented in `docs/embedding.md`.
pub const THEME_VARIABLES: [&str; 20] = [
    "color-surface",
    "color-text",
    "color-muted",
    "color-accent",
    "color-accent-text",
    "color-border",
    "color-emphasis-bg",
    "color-danger",
    "color-focus",
    "color-good",
    "color-series-0",
    "color-series-1",
    "color-series-2",
    "color-series-3",
    "font",
    "font-size",
    "radius",
    "space",
    "density",
    "max-width",
];

/// What a theme variable may hold: a value that can only paint, never make the browser
/// fetch something (`url(…)`, `image-set(…)`, `src(…)`) or break out of its declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ThemeValue {
    /// `#0b5cad`, a colour keyword, or `rgb()`/`hsl()`/`oklch()`… of numbers.
    Colour,
    /// `0`, or a number with a unit: `4px`, `1.25rem`, `60%`.
    Length,
    /// A number: `0.8`.
    Number,
    /// Font family names, quoted or not, separated by commas.
    FontFamilies,
}

impl ThemeValue {
    pub(crate) fn of(name: &str) -> Self {
        match name {
            "font" => Self::FontFamilies,
            "density" => Self::Number,
            "font-size" | "radius" | "space" | "max-width" => Self::Length,
            _ => Self::Colour,
        }
    }

    fn allows(self, value: &str) -> bool {
        let value = value.trim();
        match self {
            Self::Colour => is_colour(value),
            Self::Length => is_length(value),
            Self::Number => is_number(value),
            Self::FontFamilies => value.split(',').all(is_font_family),
        }
    }
}

/// `1`, `0.8`, `.5`: digits with at most one decimal point.
fn is_number(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    digits > 0
        && text.chars().all(|c| c.is_ascii_digit() || c == '.')
        && text.matches('.').count() <= 1
}

fn is_length(text: &str) -> bool {
    const UNITS: [&str; 11] = [
        "px", "rem", "em", "%", "vw", "vh", "vmin", "vmax", "ch", "ex", "pt",
    ];
    text == "0"
        || UNITS.iter().any(|unit| {
            text.len() > unit.len()
                && text[text.len() - unit.len()..].eq_ignore_ascii_case(unit)
                && is_number(&text[..text.len() - unit.len()])
        })
}

fn is_colour(text: &str) -> bool {
    const FUNCTIONS: [&str; 9] = [
        "rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch",
    ];
    if let Some(hex) = text.strip_prefix('#') {
        return matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    if text.chars().all(|c| c.is_ascii_alphabetic()) {
        // A colour keyword (`rebeccapurple`, `transparent`, `currentColor`).
        return !text.is_empty();
    }
    let Some((function, rest)) = text.split_once('(') else {
        return false;
    };
    let Some(arguments) = rest.strip_suffix(')') else {
        return false;
    };
    FUNCTIONS.iter().any(|f| function.eq_ignore_ascii_case(f))
        && arguments
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " .,%/+-".contains(c))
}

/// `Noto Sans`, `"PingFang SC"`, `微软雅黑`: a name in any script, optionally in one
/// pair of quotes, without the characters that could start anything but a name
/// (a function's parentheses, an escape, a declaration's or rule's end, a quote inside).
fn is_font_family(name: &str) -> bool {
    let name = name.trim();
    let inner = ['"', '\''].iter().find_map(|quote| {
        name.strip_prefix(*quote)
            .and_then(|rest| rest.strip_suffix(*quote))
    });
    let inner = inner.unwrap_or(name);
    !inner.trim().is_empty()
        && !inner
            .chars()
            .any(|c| c.is_control() || "\"'(){}[];:<>\\/@!*,#$%&=?^`|~+".contains(c))
}

/// Checks the theme: known variables, each with a value of its kind ([`ThemeValue`]),
/// and a stylesheet address that cannot run script.
/// Checks the theme. A variable that is unknown, or whose value is not allowed, is a
/// cosmetic mistake that must not take the tool away from a customer: it is dropped (the
/// widget keeps its default for it) and returned as a warning for the product team. The
/// shadow root's stylesheet is a security matter and stays an error.
fn check_theme(theme: &mut ThemeWire, page: &dyn Page) -> Result<Vec<EngineError>, EngineError> {
    let mut ignored = Vec::new();
    theme.variables.retain(|name, value| {
        let path = format!("theme.variables.{name}");
        let reason = if !THEME_VARIABLES.contains(&name.as_str()) {
            InvalidReason::UnknownField
        } else if value.len() > THEME_VALUE_MAX || !ThemeValue::of(name).allows(value) {
            InvalidReason::NotAllowed
        } else {
            return true;
        };
        ignored.push(EngineError::invalid(path, reason));
        false
    });
    if let Some(shadow) = &mut theme.shadow_dom {
        shadow.stylesheet = check_link(
            "theme.shadow_dom.stylesheet",
            &shadow.stylesheet,
            LinkUse::Link,
            page,
        )?;
        let sri = ["sha256-", "sha384-", "sha512-"];
        if let Some(integrity) = &shadow.integrity {
            if !sri.iter().any(|prefix| integrity.starts_with(prefix)) {
                let path = "theme.shadow_dom.integrity";
                return Err(EngineError::invalid(path, InvalidReason::NotAllowed));
            }
        }
    }
    Ok(ignored)
}

/// Where the bank's CSRF token is read from and which header carries it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CsrfWire {
    /// The cookie holding the token (readable by script, on the host page's site).
    #[cfg_attr(
        feature = "schema",
        schemars(pattern(crate::config::schema::TOKEN_PATTERN))
    )]
    pub cookie: String,
    /// The request header the endpoint expects it in, e.g. `X-CSRF-Token`.
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::config::schema::csrf_header")
    )]
    pub header: String,
}

/// fetch's `credentials` mode for proposals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Credentials {
    Omit,
    #[default]
    SameOrigin,
    Include,
}

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
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::config::schema::Link>")
    )]
    pub chat_url: Option<String>,
    /// Where the customer disputes a charge (a page or form on the bank's site): offered
    /// instead of a plan to a customer who says a charge is wrong.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::config::schema::Link>")
    )]
    pub dispute_url: Option<String>,
}

impl BankContactWire {
    /// Checks the numbers and resolves the links against `page`.
    ///
    /// # Errors
    ///
    /// The first thing wrong, its path under `bank_contact`.
    fn check(&mut self, page: &dyn Page) -> Result<(), EngineError> {
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

/// The kinds of payment channel the widget knows how to present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentChannelKind {
    OnlineBanking,
    MobileApp,
    BankTransfer,
    AutoDebit,
}

/// One labelled detail of a channel, e.g. the account number for a transfer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ChannelDetail {
    pub label: LocalizedText,
    pub value: String,
}

/// A way to pay, from the bank's configuration.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PaymentChannelWire {
    pub kind: PaymentChannelKind,
    /// Overrides the widget's own name for the channel.
    #[serde(default)]
    pub label: Option<LocalizedText>,
    /// Where the channel opens: an `https://` address or a path on the bank's site.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::config::schema::Link>")
    )]
    pub url: Option<String>,
    #[serde(default)]
    pub details: Vec<ChannelDetail>,
}

/// The bank's terms for proposals.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TermsWire {
    /// An `https://` address or a path on the bank's site.
    #[cfg_attr(feature = "schema", schemars(with = "crate::config::schema::Link"))]
    pub url: String,
    /// The version the customer agrees to; sent with the proposal.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub version: String,
}

/// How the bank may contact the customer: the contract's channels.
pub use repay_contract::ContactChannel;

pub(crate) fn default_contact_channels() -> Vec<ContactChannel> {
    vec![
        ContactChannel::Phone,
        ContactChannel::Sms,
        ContactChannel::Email,
    ]
}

/// The language a configuration asks for, read on its own: a configuration refused
/// for any other reason still has its error shown in the customer's language.
#[derive(Deserialize)]
struct LocaleOnly {
    #[serde(default)]
    locale: Option<String>,
}

fn locale_of(json: &str) -> Option<Locale> {
    let asked = serde_json::from_str::<LocaleOnly>(json).ok()?.locale?;
    Locale::from_tag(&asked)
}

/// Headers that cannot carry the CSRF token, lowercase: see [`csrf_header_is_free`].
pub(crate) const CSRF_TAKEN_HEADERS: [&str; 23] = [
    "content-type",
    "idempotency-key",
    "accept-charset",
    "accept-encoding",
    "access-control-request-headers",
    "access-control-request-method",
    "connection",
    "content-length",
    "cookie",
    "cookie2",
    "date",
    "dnt",
    "expect",
    "host",
    "keep-alive",
    "origin",
    "referer",
    "set-cookie",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "via",
];
/// Prefixes of headers browsers forbid scripts to set.
pub(crate) const CSRF_TAKEN_PREFIXES: [&str; 2] = ["proxy-", "sec-"];
/// The longest theme value, in bytes.
pub(crate) const THEME_VALUE_MAX: usize = 200;

/// Whether `header` can carry the CSRF token: not a header the widget sets itself
/// (`Content-Type`, `Idempotency-Key`: the token would replace it and break every send),
/// nor one the browser forbids scripts to set (it would be dropped without a word).
fn csrf_header_is_free(header: &str) -> bool {
    let lower = header.to_ascii_lowercase();
    !CSRF_TAKEN_HEADERS.contains(&lower.as_str())
        && !CSRF_TAKEN_PREFIXES
            .iter()
            .any(|prefix| lower.starts_with(prefix))
}

/// How proposals are sent, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sending {
    pub endpoint: String,
    pub account_reference: String,
    pub csrf: Option<CsrfWire>,
    pub credentials: Credentials,
    pub timeout_ms: u32,
}

/// The longest a single attempt may be given.
pub(crate) const MAX_TIMEOUT_SECONDS: u32 = 120;
const DEFAULT_TIMEOUT_SECONDS: u32 = 15;

/// A configuration that cannot be used, with the language it asked for when that much
/// could be read, so the error panel speaks the customer's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{error}")]
pub struct ConfigError {
    pub error: EngineError,
    pub locale: Option<Locale>,
    /// The bank's contact, if that part of the configuration is right: the panel that
    /// says the tool could not start still offers a person to talk to.
    pub contact: Option<Box<BankContactWire>>,
}

impl ConfigError {
    fn new(error: EngineError, locale: Option<Locale>) -> Self {
        Self {
            error,
            locale,
            contact: None,
        }
    }
}

/// A checked configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WidgetConfig {
    /// The locale the host asked for, if any (one of `locales`).
    pub locale: Option<Locale>,
    /// The locales the bank enables, in the switch's order: at least one.
    pub locales: Vec<Locale>,
    /// The bank's own wording, checked against the catalogs ([`crate::i18n::Wording`]).
    pub messages: Option<&'static crate::i18n::Wording>,
    /// The account and the policy, checked by the engine.
    pub scenario: Scenario,
    pub payment_channels: Vec<PaymentChannelWire>,
    pub terms: TermsWire,
    pub contact_channels: Vec<ContactChannel>,
    pub review_days: Option<u32>,
    pub bank_contact: Option<BankContactWire>,
    pub reminders_url: Option<String>,
    pub sending: Sending,
    pub theme: ThemeWire,
    /// Theme variables dropped as unknown or not allowed (the widget uses its defaults
    /// for them): told to the product team as warnings, never shown to the customer.
    pub ignored: Vec<EngineError>,
    /// The account and policy as the host wrote them (`{"account":…,"policy":…}`):
    /// proposals carry them so the bank can tell the figures the customer saw from its
    /// own records.
    pub scenario_json: Json,
}

impl WidgetConfig {
    /// The bank's page for setting up automatic payments, if a channel offers one.
    pub fn auto_debit_url(&self) -> Option<&String> {
        self.payment_channels.iter().find_map(|channel| {
            channel
                .url
                .as_ref()
                .filter(|_| channel.kind == PaymentChannelKind::AutoDebit)
        })
    }

    /// Reads and checks a configuration from JSON, for a widget on `page`: its addresses
    /// are resolved against the page and kept resolved ([`crate::links`]).
    ///
    /// # Errors
    ///
    /// The engine's error for the first thing wrong, its path starting at the
    /// configuration's root (`account.overdue_amount`).
    pub fn from_json(json: &str, page: &dyn Page) -> Result<Self, ConfigError> {
        Self::read(json, page).map_err(|mut error| {
            error.contact = BankContactWire::salvage(json, page).map(Box::new);
            error
        })
    }

    fn read(json: &str, page: &dyn Page) -> Result<Self, ConfigError> {
        let mut wire: WidgetConfigWire = repay_engine::read_json(json)
            .map_err(|error| ConfigError::new(error, locale_of(json)))?;
        let locale = match &wire.locale {
            None => None,
            Some(tag) => Some(Locale::from_tag(tag).ok_or_else(|| {
                let error = EngineError::invalid("locale", InvalidReason::UnsupportedLocale);
                ConfigError::new(error, None)
            })?),
        };
        let locales = match &wire.locales {
            None => Locale::ALL.to_vec(),
            Some(tags) if tags.is_empty() => {
                let error = EngineError::invalid("locales", InvalidReason::Empty);
                return Err(ConfigError::new(error, locale));
            }
            Some(tags) => {
                let mut locales = Vec::with_capacity(tags.len());
                for (index, tag) in tags.iter().enumerate() {
                    let Some(found) = Locale::exact(tag) else {
                        let path = format!("locales[{index}]");
                        let error = EngineError::invalid(&path, InvalidReason::UnsupportedLocale);
                        return Err(ConfigError::new(error, locale));
                    };
                    if !locales.contains(&found) {
                        locales.push(found);
                    }
                }
                locales
            }
        };
        if locale.is_some_and(|locale| !locales.contains(&locale)) {
            let error = EngineError::invalid("locale", InvalidReason::NotAllowed);
            return Err(ConfigError::new(error, locale));
        }
        let messages = crate::i18n::Wording::read(&wire.messages)
            .map_err(|error| ConfigError::new(error, locale))?;
        let scenario_wire = ScenarioWire {
            account: wire.account.clone(),
            policy: wire.policy.clone(),
        };
        let scenario =
            Scenario::from_wire(&scenario_wire).map_err(|error| ConfigError::new(error, locale))?;
        let invalid = |error| ConfigError::new(error, locale);
        let link = |path: &str, address: &str| {
            check_link(path, address, LinkUse::Link, page).map_err(invalid)
        };
        for (i, channel) in wire.payment_channels.iter_mut().enumerate() {
            if let Some(url) = &mut channel.url {
                *url = link(&format!("payment_channels[{i}].url"), url)?;
            }
        }
        wire.terms.url = link("terms.url", &wire.terms.url)?;
        if let Some(url) = &mut wire.reminders_url {
            *url = link("reminders_url", url)?;
        }
        if let Some(contact) = &mut wire.bank_contact {
            contact.check(page).map_err(invalid)?;
        }
        if wire.terms.version.trim().is_empty() {
            let error = EngineError::invalid("terms.version", InvalidReason::Missing);
            return Err(invalid(error));
        }
        if wire.contact_channels.is_empty() {
            return Err(invalid(EngineError::invalid(
                "contact_channels",
                InvalidReason::Missing,
            )));
        }
        let endpoint =
            check_link("endpoint", &wire.endpoint, LinkUse::Endpoint, page).map_err(invalid)?;
        let reference = wire.account_reference.trim();
        if reference.is_empty() {
            let error = EngineError::invalid("account_reference", InvalidReason::Missing);
            return Err(invalid(error));
        }
        if reference.len() > 64 || reference.chars().any(char::is_control) {
            let error = EngineError::invalid("account_reference", InvalidReason::NotAllowed);
            return Err(invalid(error));
        }
        if let Some(csrf) = &wire.csrf {
            let token = |c: char| c.is_ascii_alphanumeric() || "-_.".contains(c);
            for (path, name) in [("csrf.cookie", &csrf.cookie), ("csrf.header", &csrf.header)] {
                if name.is_empty() || !name.chars().all(token) {
                    return Err(invalid(EngineError::invalid(
                        path,
                        InvalidReason::NotAllowed,
                    )));
                }
            }
            if !csrf_header_is_free(&csrf.header) {
                let error = EngineError::invalid("csrf.header", InvalidReason::NotAllowed);
                return Err(invalid(error));
            }
        }
        let mut theme = wire.theme;
        let ignored = check_theme(&mut theme, page).map_err(invalid)?;
        let timeout = wire.timeout_seconds.unwrap_or(DEFAULT_TIMEOUT_SECONDS);
        if !(1..=MAX_TIMEOUT_SECONDS).contains(&timeout) {
            let error = EngineError::invalid("timeout_seconds", InvalidReason::NotAllowed);
            return Err(invalid(error));
        }
        Ok(Self {
            locale,
            locales,
            messages,
            scenario,
            payment_channels: wire.payment_channels,
            terms: wire.terms,
            contact_channels: wire.contact_channels,
            review_days: wire.review_days,
            bank_contact: wire.bank_contact,
            reminders_url: wire.reminders_url,
            sending: Sending {
                endpoint,
                account_reference: reference.to_owned(),
                csrf: wire.csrf,
                credentials: wire.credentials,
                timeout_ms: timeout * 1000,
            },
            theme,
            ignored,
            scenario_json: scenario_as_written(json)?,
        })
    }
}

/// The account and the policy exactly as the host wrote them, read a second time as raw
/// JSON (the first reading refused repeated keys and checked every field): proposals
/// carry this text, so the bank sees what the customer's figures came from, and the
/// widget needs no writer for the policy's types.
fn scenario_as_written(json: &str) -> Result<Json, ConfigError> {
    /// Every other field is skipped.
    #[derive(Deserialize, serde::Serialize)]
    struct AsWritten<'a> {
        #[serde(borrow)]
        account: &'a serde_json::value::RawValue,
        #[serde(borrow)]
        policy: &'a serde_json::value::RawValue,
    }
    let written: AsWritten<'_> = serde_json::from_str(json).map_err(|error| {
        // Unreachable after the typed reading succeeded; a malformed-JSON error if not.
        ConfigError::new(EngineError::from_json(error), None)
    })?;
    Ok(Json::of(&written))
}

// Native only: the configuration's links are resolved by the `url` crate here.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::links::native::TestPage;

    /// Reads `json`, the error without the salvaged contact (tested on its own below),
    /// so that cases compare the error and its language.
    fn read_config(json: &str) -> Result<WidgetConfig, ConfigError> {
        WidgetConfig::from_json(json, &TestPage::new()).map_err(|error| ConfigError {
            contact: None,
            ..error
        })
    }

    #[test]
    fn a_wrong_configuration_still_offers_the_banks_contact_when_that_part_is_right() {
        let page = TestPage::new();
        let broken = DEMO.replace(
            "\"overdue_amount\": \"860.00\"",
            "\"overdue_amount\": \"lots\"",
        );
        assert_ne!(broken, DEMO);
        let error = WidgetConfig::from_json(&broken, &page).unwrap_err();
        let contact = error.contact.expect("the contact is salvaged");
        assert_eq!(contact.phones[0].number, "400 000 0000");
        assert_eq!(
            BankContactWire::tel_link(&contact.phones[0].number),
            "tel:4000000000"
        );
        // Its links are checked as in a good configuration, and resolved.
        assert_eq!(
            contact.chat_url.as_deref(),
            Some("https://bank.example/help/chat")
        );
        // Not JSON at all, or a contact that is itself wrong: no contact.
        assert_eq!(
            WidgetConfig::from_json("{", &page).unwrap_err().contact,
            None
        );
        let bad_phone = broken.replace("\"400 000 0000\"", "\"call us\"");
        assert_eq!(
            WidgetConfig::from_json(&bad_phone, &page)
                .unwrap_err()
                .contact,
            None
        );
        let bad_link = broken.replace("\"/help/dispute\"", "\"javascript:alert(1)\"");
        assert_eq!(
            WidgetConfig::from_json(&bad_link, &page)
                .unwrap_err()
                .contact,
            None
        );
        assert_eq!(
            BankContactWire::tel_link("+1 800-555-0199"),
            "tel:+18005550199"
        );
    }

    const DEMO: &str = include_str!("../../crates/engine/data/cn-card.json");

    #[test]
    fn the_demo_configuration_is_valid() {
        let config = read_config(DEMO).unwrap();
        assert_eq!(config.locale, Some(Locale::ZhCn));
        assert!(config.scenario.account.days_past_due() > 0);
    }

    #[test]
    fn the_bank_enables_its_languages_and_each_is_checked() {
        let with = |locale: serde_json::Value, locales: serde_json::Value| {
            let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
            value["locale"] = locale;
            value["locales"] = locales;
            read_config(&value.to_string())
        };
        let path = |error: ConfigError| match error.error {
            EngineError::Invalid { path, reason } => (path, reason),
            other => panic!("{other:?}"),
        };
        // Absent: every language the widget speaks.
        let config = read_config(DEMO).unwrap();
        assert_eq!(config.locales, Locale::ALL.to_vec());
        let config = with(
            "en-GB".into(),
            serde_json::json!(["en-GB", "zh-CN", "en-GB"]),
        )
        .unwrap();
        assert_eq!(
            config.locales,
            [Locale::EnGb, Locale::ZhCn],
            "repeats dropped"
        );
        assert_eq!(config.locale, Some(Locale::EnGb));
        assert_eq!(
            path(
                with(
                    serde_json::Value::Null,
                    serde_json::json!(["zh-CN", "fr-FR"])
                )
                .unwrap_err()
            ),
            ("locales[1]".to_owned(), InvalidReason::UnsupportedLocale)
        );
        assert_eq!(
            path(with(serde_json::Value::Null, serde_json::json!([])).unwrap_err()),
            ("locales".to_owned(), InvalidReason::Empty)
        );
        // The language to start in must be one the bank enables.
        assert_eq!(
            path(with("zh-CN".into(), serde_json::json!(["en-US"])).unwrap_err()),
            ("locale".to_owned(), InvalidReason::NotAllowed)
        );
    }

    #[test]
    fn the_banks_contact_is_read_and_each_part_checked() {
        let with_contact = |contact: serde_json::Value| {
            let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
            value["bank_contact"] = contact;
            read_config(&value.to_string())
        };
        let hours = serde_json::json!({"en-US": "Every day, 8:00–22:00 (Beijing time)", "zh-CN": "每天 8:00–22:00（北京时间）"});
        let config = with_contact(serde_json::json!({
            "phones": [{"number": "+86 21-5555 0100"}, {"number": "021 5555 0101", "label": {"en-US": "From abroad", "zh-CN": "境外拨打"}}],
            "hours": hours,
            "chat_url": "/help/chat",
        }))
        .unwrap();
        let contact = config.bank_contact.unwrap();
        assert_eq!(contact.phones[0].number, "+86 21-5555 0100");
        assert_eq!(
            contact.hours.get(Locale::ZhCn),
            "每天 8:00–22:00（北京时间）"
        );
        assert_eq!(
            contact.chat_url.as_deref(),
            Some("https://bank.example/help/chat"),
            "resolved against the page"
        );
        let refused = |contact: serde_json::Value| with_contact(contact).unwrap_err().error;
        let phone =
            |number: &str| serde_json::json!({"phones": [{"number": number}], "hours": hours});
        for number in [
            "",
            "12",
            "+",
            "+-1",
            "javascript:alert(1)",
            "1;ext=2",
            "１２３４５",
            "1 (800) 555-0199",
        ] {
            assert_eq!(
                refused(phone(number)),
                EngineError::invalid("bank_contact.phones[0].number", InvalidReason::NotAllowed),
                "{number}"
            );
        }
        assert_eq!(
            refused(serde_json::json!({"phones": [], "hours": hours})),
            EngineError::invalid("bank_contact.phones", InvalidReason::Empty)
        );
        let five: Vec<_> = (0..5)
            .map(|_| serde_json::json!({"number": "95555"}))
            .collect();
        assert_eq!(
            refused(serde_json::json!({"phones": five, "hours": hours})),
            EngineError::invalid("bank_contact.phones", InvalidReason::TooMany { max: 4 })
        );
        let chat = serde_json::json!({"phones": [{"number": "95555"}], "hours": hours, "chat_url": "javascript:alert(1)"});
        assert!(matches!(
            refused(chat),
            EngineError::Invalid { path, .. } if path == "bank_contact.chat_url"
        ));
    }

    #[test]
    fn errors_name_the_path_from_the_root() {
        let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
        value["account"]["overdue_amount"] = "lots".into();
        assert_eq!(
            read_config(&value.to_string()),
            Err(ConfigError::new(
                EngineError::invalid("account.overdue_amount", InvalidReason::NotADecimal),
                Some(Locale::ZhCn)
            ))
        );
    }

    #[test]
    fn a_parse_failure_is_placed_where_the_text_stops_being_json() {
        let at = |json: &str| match read_config(json).map(|_| ()) {
            Err(ConfigError {
                error: EngineError::MalformedJson { line, column, .. },
                ..
            }) => (line, column),
            other => panic!("{other:?}"),
        };
        // serde_json places it at the last character it read: here the final comma.
        assert_eq!(at("{\n  \"locale\": \"en-US\","), (2, 20));
        assert_eq!(at("{\n  locale: 1}"), (2, 3));
        assert_eq!(at("{\"a\": 1} }"), (1, 10));
    }

    #[test]
    fn links_that_could_run_script_or_leave_for_plain_http_are_refused_in_every_field() {
        type Set = fn(&mut serde_json::Value, &str);
        let fields: [(&str, Set); 5] = [
            ("terms.url", |v, bad| v["terms"]["url"] = bad.into()),
            ("payment_channels[0].url", |v, bad| {
                v["payment_channels"][0]["url"] = bad.into();
            }),
            ("reminders_url", |v, bad| v["reminders_url"] = bad.into()),
            ("theme.shadow_dom.stylesheet", |v, bad| {
                v["theme"] = serde_json::json!({"shadow_dom": {"stylesheet": bad}});
            }),
            ("endpoint", |v, bad| v["endpoint"] = bad.into()),
        ];
        for (path, set) in fields {
            for bad in [
                "javascript:alert(1)",
                "java\tscript:alert(1)",
                "http://bank.example",
                "ht\ttp://evil.example",
                "data:text/html,x",
            ] {
                let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
                set(&mut value, bad);
                assert_eq!(
                    read_config(&value.to_string()).map(drop),
                    Err(ConfigError::new(
                        EngineError::invalid(path, InvalidReason::NotAllowed),
                        Some(Locale::ZhCn)
                    )),
                    "{path}: {bad:?}"
                );
            }
        }
    }

    #[test]
    fn links_are_kept_as_the_browser_resolves_them() {
        let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
        value["terms"]["url"] = "terms/v3".into();
        value["endpoint"] = "/\\api.bank.example/proposals".into();
        value["theme"] = serde_json::json!({"shadow_dom": {"stylesheet": "/repay/w.css"}});
        let config = read_config(&value.to_string()).unwrap();
        assert_eq!(config.terms.url, "https://bank.example/cards/terms/v3");
        // Written as a path but reaching another host: used as that host's address.
        assert_eq!(
            config.sending.endpoint,
            "https://api.bank.example/proposals"
        );
        assert_eq!(
            config.theme.shadow_dom.unwrap().stylesheet,
            "https://bank.example/repay/w.css"
        );
    }

    #[test]
    fn the_demo_names_its_payment_channels_and_terms() {
        let config = read_config(DEMO).unwrap();
        assert!(!config.payment_channels.is_empty());
        assert_eq!(config.terms.version, "2026-09");
    }

    #[test]
    fn the_us_sample_customer_is_valid_too() {
        let us = include_str!("../../crates/engine/data/us-card.json");
        let config = read_config(us).unwrap();
        assert_eq!(config.locale, Some(Locale::EnUs));
        assert_eq!(config.scenario.account.currency.code(), "USD");
    }

    /// Every bank text (an object with "en-US" and "zh-CN") in `value`, with its path.
    fn bank_texts<'a>(
        value: &'a serde_json::Value,
        path: String,
        out: &mut Vec<(String, &'a serde_json::Map<String, serde_json::Value>)>,
    ) {
        match value {
            serde_json::Value::Object(map) => {
                if map.contains_key("en-US") && map.contains_key("zh-CN") {
                    out.push((path.clone(), map));
                }
                for (key, inner) in map {
                    bank_texts(inner, format!("{path}.{key}"), out);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, inner) in items.iter().enumerate() {
                    bank_texts(inner, format!("{path}[{i}]"), out);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn each_samples_bank_texts_are_written_for_each_chinese_it_enables() {
        // A bank text without zh-HK or zh-TW falls back to another Chinese: in a sample,
        // a Traditional reader would see Simplified labels (路由号码) in a Traditional
        // widget. English readers of en-GB may read the en-US text.
        for sample in [
            DEMO,
            include_str!("../../crates/engine/data/us-card.json"),
            include_str!("../../crates/engine/data/hk-card.json"),
            include_str!("../../crates/engine/data/uk-card.json"),
        ] {
            let config = read_config(sample).unwrap();
            let value: serde_json::Value = serde_json::from_str(sample).unwrap();
            let mut texts = Vec::new();
            bank_texts(&value, String::new(), &mut texts);
            assert!(!texts.is_empty());
            for locale in config.locales.iter().filter(|l| l.tag().starts_with("zh")) {
                for (path, text) in &texts {
                    assert!(
                        text.contains_key(locale.tag()),
                        "{}: {path} has no {} text",
                        config.sending.account_reference,
                        locale.tag()
                    );
                }
            }
        }
    }

    #[test]
    fn the_hong_kong_and_uk_sample_customers_are_valid_and_enable_their_languages() {
        let hk = read_config(include_str!("../../crates/engine/data/hk-card.json")).unwrap();
        assert_eq!(hk.locale, Some(Locale::ZhHk));
        assert_eq!(hk.locales, [Locale::ZhHk, Locale::EnGb, Locale::ZhCn]);
        assert_eq!(hk.scenario.account.currency.code(), "HKD");
        let uk = read_config(include_str!("../../crates/engine/data/uk-card.json")).unwrap();
        assert_eq!(uk.locale, Some(Locale::EnGb));
        assert_eq!(uk.locales, [Locale::EnGb]);
        assert_eq!(uk.scenario.account.currency.code(), "GBP");
        assert!(uk.scenario.policy.penalty.is_none());
    }

    #[test]
    fn theme_variables_are_known_and_stay_one_value_or_are_ignored_with_a_warning() {
        let with = |variables: serde_json::Value| {
            let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
            value["theme"] = serde_json::json!({ "variables": variables });
            read_config(&value.to_string()).map(|c| {
                (
                    c.theme.variables.keys().cloned().collect::<Vec<_>>(),
                    c.ignored,
                )
            })
        };
        assert_eq!(
            with(serde_json::json!({"color-accent": "#123456", "density": "0.8"})),
            Ok((vec!["color-accent".into(), "density".into()], vec![]))
        );
        // A typo in a cosmetic setting does not take the tool away: the variable is
        // dropped, the rest kept, and the product team is told which and why.
        let ignored =
            |name: &str, reason| EngineError::invalid(format!("theme.variables.{name}"), reason);
        assert_eq!(
            with(serde_json::json!({"colour-accent": "red", "radius": "4px"})),
            Ok((
                vec!["radius".into()],
                vec![ignored("colour-accent", InvalidReason::UnknownField)]
            ))
        );
        assert_eq!(
            with(serde_json::json!({"--repay-radius": "4px"})),
            Ok((
                vec![],
                vec![ignored("--repay-radius", InvalidReason::UnknownField)]
            ))
        );
        for bad in ["red; background: url(x)", "}", "", "a\\62"] {
            assert_eq!(
                with(serde_json::json!({"color-text": bad})),
                Ok((
                    vec![],
                    vec![ignored("color-text", InvalidReason::NotAllowed)]
                )),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn theme_values_are_colours_lengths_numbers_or_font_names_and_never_fetch() {
        let with = |name: &str, text: &str| {
            let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
            value["theme"] = serde_json::json!({ "variables": { name: text } });
            read_config(&value.to_string()).map(|c| c.ignored)
        };
        let good = [
            ("color-accent", "#0d6147"),
            ("color-accent", "#FFF"),
            ("color-text", "rebeccapurple"),
            ("color-surface", "transparent"),
            ("color-border", "rgb(12 34 56 / 50%)"),
            ("color-border", "rgba(12, 34, 56, 0.5)"),
            ("color-focus", "oklch(62% 0.2 250deg)"),
            ("color-good", "hsl(140 60% 30%)"),
            ("radius", "0"),
            ("radius", "3px"),
            ("font-size", "1.125rem"),
            ("max-width", "60rem"),
            ("space", "4%"),
            ("density", "0.8"),
            (
                "font",
                "\"PingFang SC\", 'Noto Sans', system-ui, sans-serif",
            ),
            ("font", "微软雅黑, sans-serif"),
        ];
        for (name, text) in good {
            assert_eq!(with(name, text), Ok(vec![]), "{name}: {text}");
        }
        let bad = [
            ("color-accent", "url(https://tracker.example/x.png)"),
            ("color-accent", "URL(x)"),
            (
                "color-surface",
                "image-set(\"https://tracker.example/x.png\" 1x)",
            ),
            ("color-accent", "rgb(var(--x))"),
            ("color-accent", "#12345"),
            ("color-accent", "#zzz"),
            ("color-accent", "red blue"),
            ("color-accent", "expression(alert(1))"),
            ("radius", "3 px"),
            ("radius", "calc(1px + url(x))"),
            ("radius", "red"),
            ("density", "-1"),
            ("density", "1.2.3"),
            ("density", "1e3"),
            ("font", "url(https://fonts.example/f.woff2)"),
            ("font", "\"Noto\" Sans\""),
            ("font", "Noto, , serif"),
            ("font", "a: b"),
        ];
        for (name, text) in bad {
            assert_eq!(
                with(name, text),
                Ok(vec![EngineError::invalid(
                    format!("theme.variables.{name}"),
                    InvalidReason::NotAllowed
                )]),
                "{name}: {text}"
            );
        }
    }

    #[test]
    fn the_csrf_header_cannot_be_one_the_widget_or_the_browser_sets() {
        let with = |header: &str| {
            let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
            value["csrf"] = serde_json::json!({ "cookie": "csrf", "header": header });
            read_config(&value.to_string()).map(drop)
        };
        assert_eq!(with("X-CSRF-Token"), Ok(()));
        for header in [
            "Idempotency-Key",
            "idempotency-key",
            "Content-Type",
            "Cookie",
            "Origin",
            "Sec-Fetch-Site",
            "Proxy-Authorization",
        ] {
            assert_eq!(
                with(header),
                Err(ConfigError::new(
                    EngineError::invalid("csrf.header", InvalidReason::NotAllowed),
                    Some(Locale::ZhCn)
                )),
                "{header}"
            );
        }
    }

    #[test]
    fn a_policy_offers_at_least_one_plan_and_at_most_sixteen() {
        let with = |count: usize| {
            let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
            let plans = value["policy"]["plans"].as_array().unwrap().clone();
            value["policy"]["plans"] = plans.iter().cycle().take(count).cloned().collect();
            read_config(&value.to_string()).map(drop)
        };
        let refused = |reason| {
            Err(ConfigError::new(
                EngineError::invalid("policy.plans", reason),
                Some(Locale::ZhCn),
            ))
        };
        assert_eq!(with(0), refused(InvalidReason::Empty));
        assert_eq!(with(1), Ok(()));
        assert_eq!(with(16), Ok(()));
        assert_eq!(with(17), refused(InvalidReason::TooMany { max: 16 }));
        assert_eq!(with(10_000), refused(InvalidReason::TooMany { max: 16 }));
    }

    #[test]
    fn json_nested_past_the_limit_is_said_to_be_too_deep_and_where() {
        let mut theme = String::new();
        for _ in 0..10_000 {
            theme.push('[');
        }
        for _ in 0..10_000 {
            theme.push(']');
        }
        let json = DEMO.replacen("{", &format!("{{\n  \"theme\": {theme},"), 1);
        assert_eq!(
            read_config(&json).map(drop),
            Err(ConfigError::new(
                // The root object is the first level: the theme's 127th `[` is the 128th.
                EngineError::TooDeep {
                    line: 2,
                    column: 138,
                    limit: 127
                },
                // The language is read on its own, so even this error is in Chinese.
                Some(Locale::ZhCn)
            ))
        );
    }

    #[test]
    fn every_theme_variable_is_declared_in_the_stylesheet() {
        let css = include_str!("../../styles/widget.css");
        for name in THEME_VARIABLES {
            assert!(
                css.contains(&format!("var(--repay-{name},")),
                "--repay-{name}"
            );
        }
    }

    #[test]
    fn the_theme_names_its_wrong_or_unknown_fields() {
        let with = |theme: serde_json::Value| {
            let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
            value["theme"] = theme;
            read_config(&value.to_string()).map(|c| c.theme)
        };
        let refused = |path: &str, reason| {
            Err(ConfigError::new(
                EngineError::invalid(path, reason),
                Some(Locale::ZhCn),
            ))
        };
        let shadow =
            serde_json::json!({"shadow_dom": {"stylesheet": "/w.css", "integrity": "sha384-x"}});
        assert_eq!(
            with(shadow).unwrap().shadow_dom,
            Some(ShadowDomWire {
                stylesheet: "https://bank.example/w.css".into(),
                integrity: Some("sha384-x".into())
            })
        );
        assert_eq!(
            with(serde_json::json!({"colours": {}})),
            refused("theme.colours", InvalidReason::UnknownField)
        );
        assert_eq!(
            with(serde_json::json!({"variables": ["red"]})),
            refused("theme.variables", InvalidReason::WrongType)
        );
        assert_eq!(
            with(serde_json::json!({"variables": {"radius": 4}})),
            refused("theme.variables.radius", InvalidReason::WrongType)
        );
        assert_eq!(
            with(serde_json::json!({"shadow_dom": {}})),
            refused("theme.shadow_dom.stylesheet", InvalidReason::Missing)
        );
        assert_eq!(
            with(serde_json::json!("dark")),
            refused("theme", InvalidReason::WrongType)
        );
    }

    #[test]
    fn the_shadow_stylesheet_cannot_run_script() {
        let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
        value["theme"] = serde_json::json!({"shadow_dom": {"stylesheet": "javascript:x"}});
        assert_eq!(
            read_config(&value.to_string()).map(drop),
            Err(ConfigError::new(
                EngineError::invalid("theme.shadow_dom.stylesheet", InvalidReason::NotAllowed),
                Some(Locale::ZhCn)
            ))
        );
    }

    #[test]
    fn an_unsupported_locale_is_named() {
        let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
        value["locale"] = "fr-FR".into();
        assert_eq!(
            read_config(&value.to_string()),
            Err(ConfigError::new(
                EngineError::invalid("locale", InvalidReason::UnsupportedLocale),
                None
            ))
        );
    }
}

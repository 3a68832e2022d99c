//! The widget's configuration, defined once: the JSON a bank's page gives the widget (its
//! wire types, [`WidgetConfigWire`]) and every check of it ([`Config::read_with`]), pure, so
//! that the widget in the browser, the dev-bank, the `repay` tool and the schema
//! generator read a configuration with one strictness. Split by concern: [`theme`] (the
//! look), [`contact`] (a person at the bank), [`sending`] (how proposals go), [`links`]
//! (every address, judged as a browser resolves it), [`schema`] (what the JSON Schema
//! states beyond the types, from the same constants the checks use).
//!
//! The one check left to the widget is the bank's own wording (`messages`), which is
//! held to the widget's message catalogs.

pub mod contact;
pub mod links;
#[cfg(feature = "schema")]
pub mod schema;
pub mod sending;
pub mod theme;

use std::collections::BTreeMap;

use repay_engine::account::AccountSnapshotWire;
use repay_engine::policy::PolicyWire;
use repay_engine::scenario::ScenarioWire;
use repay_engine::{EngineError, InvalidReason, Scenario};
use serde::Deserialize;

pub use contact::{
    BankContactWire, BankPhoneWire, DebtAdviceWire, LocalizedText, MAX_BANK_PHONES,
    MAX_DEBT_ADVICE, PHONE_PATTERN,
};
pub use repay_contract::Locale;
pub use sending::{
    Credentials, CsrfWire, Sending, CSRF_TAKEN_HEADERS, CSRF_TAKEN_PREFIXES, MAX_TIMEOUT_SECONDS,
};
pub use theme::{ShadowDomWire, ThemeValue, ThemeWire, THEME_VALUE_MAX, THEME_VARIABLES};

use crate::links::{check_link, LinkUse, Page};
use crate::sending::{csrf_header_is_free, DEFAULT_TIMEOUT_SECONDS};
use crate::theme::check_theme;

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
    /// Free debt advice independent of the bank, where the customer's market expects the
    /// bank to point to it (EU CCD2 Art. 36, UK CONC 7): 0 to 4 services, in the order
    /// to offer them.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_DEBT_ADVICE)))]
    pub debt_advice: Vec<DebtAdviceWire>,
    /// Where the customer signs up for the bank's payment reminders (SMS, app, email):
    /// offered on the confirmation, beside automatic payments.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Link>"))]
    pub reminders_url: Option<String>,
    /// Where proposals go: `POST {endpoint}` (`https://…`, a path on this site, or
    /// `http://localhost…` / `http://127.0.0.1…` while developing).
    #[cfg_attr(feature = "schema", schemars(schema_with = "crate::schema::endpoint"))]
    pub endpoint: String,
    /// The bank's reference for the account: sent with the proposal, and it keeps the
    /// drafts of two accounts on one page apart.
    #[cfg_attr(
        feature = "schema",
        schemars(length(min = 1, max = 64), pattern(crate::schema::NO_CONTROL_PATTERN))
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
    /// What to type or look for: one string, or one per language (a path in the app, a
    /// payee's name, a reference written out).
    pub value: LocalizedText,
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
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::Link>"))]
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
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Link"))]
    pub url: String,
    /// The version the customer agrees to; sent with the proposal.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub version: String,
}

/// How the bank may contact the customer: the contract's channels.
pub use repay_contract::ContactChannel;

pub fn default_contact_channels() -> Vec<ContactChannel> {
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
    pub fn new(error: EngineError, locale: Option<Locale>) -> Self {
        Self {
            error,
            locale,
            contact: None,
        }
    }
}
/// The bank's own wording as written (`messages`): per locale, texts by key.
pub type WordingWire = BTreeMap<String, BTreeMap<String, String>>;

/// A checked configuration. The bank's own wording (`W`) can be checked only by the
/// widget, against its catalogs ([`Config::read_with`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config<W> {
    /// The locale the host asked for, if any (one of `locales`).
    pub locale: Option<Locale>,
    /// The locales the bank enables, in the switch's order: at least one.
    pub locales: Vec<Locale>,
    /// The bank's own wording (`messages`), as the wording check made it.
    pub wording: W,
    /// The account and the policy, checked by the engine.
    pub scenario: Scenario,
    pub payment_channels: Vec<PaymentChannelWire>,
    pub terms: TermsWire,
    pub contact_channels: Vec<ContactChannel>,
    pub review_days: Option<u32>,
    pub bank_contact: Option<BankContactWire>,
    pub debt_advice: Vec<DebtAdviceWire>,
    pub reminders_url: Option<String>,
    pub sending: Sending,
    pub theme: ThemeWire,
    /// Theme variables dropped as unknown or not allowed (the widget uses its defaults
    /// for them): told to the product team as warnings, never shown to the customer.
    pub ignored: Vec<EngineError>,
}

impl<W> Config<W> {
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
    /// are resolved against the page and kept resolved ([`crate::links`]); the bank's
    /// wording is checked by `wording` (the widget holds it to its catalogs).
    ///
    /// # Errors
    ///
    /// The engine's error for the first thing wrong, its path starting at the
    /// configuration's root (`account.overdue_amount`), with the bank's contact when
    /// that part of the configuration is right.
    pub fn read_with(
        json: &str,
        page: &dyn Page,
        wording: impl FnOnce(&WordingWire) -> Result<W, EngineError>,
    ) -> Result<Self, ConfigError> {
        Self::check(json, page, wording).map_err(|mut error| {
            error.contact = BankContactWire::salvage(json, page).map(Box::new);
            error
        })
    }

    fn check(
        json: &str,
        page: &dyn Page,
        check_wording: impl FnOnce(&WordingWire) -> Result<W, EngineError>,
    ) -> Result<Self, ConfigError> {
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
        let wording =
            check_wording(&wire.messages).map_err(|error| ConfigError::new(error, locale))?;
        // Moved out, not copied: the rest of the configuration is checked below.
        let scenario_wire = ScenarioWire {
            account: wire.account,
            policy: wire.policy,
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
        contact::check_debt_advice(&mut wire.debt_advice, page).map_err(invalid)?;
        let texts = bank_texts(
            &wire.payment_channels,
            wire.bank_contact.as_ref(),
            &wire.debt_advice,
        );
        contact::check_texts(texts, &locales).map_err(invalid)?;
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
            wording,
            scenario,
            payment_channels: wire.payment_channels,
            terms: wire.terms,
            contact_channels: wire.contact_channels,
            review_days: wire.review_days,
            bank_contact: wire.bank_contact,
            debt_advice: wire.debt_advice,
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
        })
    }
}

impl WidgetConfigWire {
    /// Every text the bank gives in this configuration, with its path
    /// (`payment_channels[0].details[0].value`).
    pub fn bank_texts(&self) -> Vec<(String, &LocalizedText)> {
        bank_texts(
            &self.payment_channels,
            self.bank_contact.as_ref(),
            &self.debt_advice,
        )
    }
}

/// Every text the bank gives in a configuration, with its path.
fn bank_texts<'a>(
    payment_channels: &'a [PaymentChannelWire],
    bank_contact: Option<&'a BankContactWire>,
    debt_advice: &'a [DebtAdviceWire],
) -> Vec<(String, &'a LocalizedText)> {
    let mut texts = Vec::new();
    for (i, channel) in payment_channels.iter().enumerate() {
        if let Some(label) = &channel.label {
            texts.push((format!("payment_channels[{i}].label"), label));
        }
        for (j, detail) in channel.details.iter().enumerate() {
            let path = format!("payment_channels[{i}].details[{j}]");
            texts.push((format!("{path}.label"), &detail.label));
            texts.push((format!("{path}.value"), &detail.value));
        }
    }
    if let Some(contact) = bank_contact {
        texts.push(("bank_contact.hours".to_owned(), &contact.hours));
        for (i, phone) in contact.phones.iter().enumerate() {
            if let Some(label) = &phone.label {
                texts.push((format!("bank_contact.phones[{i}].label"), label));
            }
        }
    }
    for (i, service) in debt_advice.iter().enumerate() {
        texts.push((format!("debt_advice[{i}].name"), &service.name));
        texts.push((format!("debt_advice[{i}].about"), &service.about));
        if let Some(hours) = &service.hours {
            texts.push((format!("debt_advice[{i}].hours"), hours));
        }
    }
    texts
}

/// Reads a configuration's JSON into its wire types, as strictly as [`Config::read_with`]
/// (unknown fields, repeated keys and wrong shapes refused, named by path), without the
/// checks that need the page it is on: for tools that read configuration files, such as
/// the dev-bank and the `repay` CLI.
///
/// # Errors
///
/// The engine's error for the first thing wrong, its path from the configuration's root.
pub fn read_wire(json: &str) -> Result<WidgetConfigWire, EngineError> {
    repay_engine::read_json(json)
}

/// The account and policy in `json`, read as strictly as the widget reads them: a whole
/// widget configuration ([`read_wire`]), or a scenario of exactly `account` and `policy`;
/// unknown fields and repeated keys are refused either way. For the tools that take
/// either: the `repay` CLI and the verifier (`crates/verifier`).
///
/// # Errors
///
/// The engine's error for the first thing wrong, its path from the document's root.
pub fn read_scenario(json: &str) -> Result<Scenario, EngineError> {
    let keys: Option<Vec<String>> = serde_json::from_str::<serde_json::Map<_, _>>(json)
        .ok()
        .map(|map| map.keys().cloned().collect());
    let scenario_only = keys.is_some_and(|keys| keys == ["account", "policy"]);
    let wire = if scenario_only {
        repay_engine::read_json::<ScenarioWire>(json)?
    } else {
        let config = read_wire(json)?;
        ScenarioWire {
            account: config.account,
            policy: config.policy,
        }
    };
    Scenario::from_wire(&wire)
}

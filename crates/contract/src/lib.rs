//! The proposal contract, version 1: the body of `POST {endpoint}` and every answer to
//! it, defined once. The widget builds and serialises these types; the dev-bank (and a
//! bank's own Rust service) reads them with the same derive; `docs/schemas/` holds the
//! JSON Schemas generated from them, and `docs/contract.md` explains them field by field.
//!
//! Nothing here touches a browser or a server: it compiles to wasm for the widget and
//! natively for the bank.

use repay_engine::proposal::{Difference, Proposal};
use repay_engine::scenario::ScenarioWire;
use repay_engine::{Currency, Money, PlanReason};
use serde::{Deserialize, Serialize};

/// The contract version this crate speaks.
pub const SCHEMA_VERSION: u32 = 1;

/// The longest message the contract accepts, in characters.
pub const MAX_MESSAGE_CHARS: usize = 500;
/// The longest account reference, terms version or widget version, in characters.
pub const MAX_TEXT_CHARS: usize = 64;
/// Those texts, without control characters (what [`check_fields`] checks), for the schema.
pub const TEXT_PATTERN: &str = r"^[^\u0000-\u001F\u007F-\u009F]+$";
/// A proposal id: what [`is_uuid`] accepts, for the schema.
pub const UUID_PATTERN: &str = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

/// The body of `POST {endpoint}`.
///
/// `S` and `P` are how the scenario and the proposal's plan are held. The bank reads
/// the scenario as the engine's [`ScenarioWire`] and the plan as a JSON tree, to compare
/// with its own recomputation (the defaults). The widget carries both as the JSON that
/// was read and computed (`serde_json::value::RawValue`), written into the body as they
/// are: a proposal resumed after a reload is then sent byte for byte as it was first,
/// and the widget's bundle carries no second reader for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Submission<S = ScenarioWire, P = serde_json::Value> {
    #[cfg_attr(feature = "schema", schemars(extend("const" = SCHEMA_VERSION)))]
    pub schema_version: u32,
    /// A UUID made by the widget; also the `Idempotency-Key` header.
    #[cfg_attr(feature = "schema", schemars(pattern(UUID_PATTERN)))]
    pub proposal_id: String,
    /// The bank's reference for the account, from the widget's configuration.
    #[cfg_attr(feature = "schema", schemars(length(min = 1, max = MAX_TEXT_CHARS), pattern(TEXT_PATTERN)))]
    pub account_reference: String,
    /// The account and policy the widget computed with. Never used to compute anything:
    /// the bank recomputes from its own records, and compares these with them only to
    /// explain a difference (`records_changed`).
    pub scenario: S,
    /// The chosen plan as the engine computed it.
    pub proposal: Proposal<P>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<MissedReason>,
    /// Present only when the customer chose to share it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<BudgetFigures>,
    pub contact: Contact,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(length(max = MAX_MESSAGE_CHARS)))]
    pub message: Option<String>,
    pub consent: Consent,
    pub locale: Locale,
    #[cfg_attr(feature = "schema", schemars(length(min = 1, max = MAX_TEXT_CHARS), pattern(TEXT_PATTERN)))]
    pub widget_version: String,
}

/// Why the payment was missed, as the customer said: the engine's, which suggests a
/// plan from it.
pub use repay_engine::guidance::MissedReason;

/// How the customer wants to be contacted. The configuration's `contact_channels` says
/// which of these the bank offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContactChannel {
    Phone,
    Sms,
    Email,
    InApp,
}

impl ContactChannel {
    pub const ALL: [ContactChannel; 4] = [Self::Phone, Self::Sms, Self::Email, Self::InApp];
}

/// When the customer prefers to be contacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContactTime {
    #[default]
    Anytime,
    Morning,
    Afternoon,
    Evening,
}

impl ContactTime {
    pub const ALL: [ContactTime; 4] = [
        ContactTime::Anytime,
        ContactTime::Morning,
        ContactTime::Afternoon,
        ContactTime::Evening,
    ];
}

/// The customer's language: the widget's, and the one the bank should answer in. Each
/// has its message catalog, `locales/<tag>.toml` in the widget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Locale {
    #[default]
    #[serde(rename = "en-US")]
    EnUs,
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en-GB")]
    EnGb,
    #[serde(rename = "zh-HK")]
    ZhHk,
    #[serde(rename = "zh-TW")]
    ZhTw,
}

impl Locale {
    /// Every locale, in the order the widget's language switch shows them.
    pub const ALL: [Locale; 5] = [
        Locale::ZhCn,
        Locale::ZhHk,
        Locale::ZhTw,
        Locale::EnUs,
        Locale::EnGb,
    ];

    /// The BCP 47 tag, as the contract writes it and for `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Self::EnUs => "en-US",
            Self::ZhCn => "zh-CN",
            Self::EnGb => "en-GB",
            Self::ZhHk => "zh-HK",
            Self::ZhTw => "zh-TW",
        }
    }

    /// The locale written exactly as `tag` (letter case aside), if there is one.
    ///
    /// ```
    /// use repay_contract::Locale;
    /// assert_eq!(Locale::exact("en-gb"), Some(Locale::EnGb));
    /// assert_eq!(Locale::exact("en-AU"), None);
    /// ```
    pub fn exact(tag: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|locale| locale.tag().eq_ignore_ascii_case(tag))
    }

    /// The locales that can serve a reader of the BCP 47 `tag`, best first: the same
    /// language written for the same place, then for the nearest place, then the
    /// language's default.
    ///
    /// - Chinese: Hong Kong and Macao read zh-HK, then zh-TW (Traditional both); Taiwan
    ///   and Traditional without a place (`zh-Hant`) read zh-TW, then zh-HK; every
    ///   other Chinese reader (mainland China, Singapore, Simplified, none) zh-CN
    ///   first. Each can fall back to the others: some Chinese is better than none.
    /// - English: en-GB for Britain and the countries that write as it does (Australia,
    ///   New Zealand, Ireland and others), then en-US, which every other English reader
    ///   gets first.
    /// - Any other language has none.
    ///
    /// ```
    /// use repay_contract::Locale;
    /// assert_eq!(Locale::candidates("en-AU"), [Locale::EnGb, Locale::EnUs]);
    /// assert_eq!(Locale::candidates("en"), [Locale::EnUs, Locale::EnGb]);
    /// assert_eq!(Locale::candidates("zh-Hans-SG")[0], Locale::ZhCn);
    /// assert_eq!(Locale::candidates("zh-MO")[0], Locale::ZhHk);
    /// assert_eq!(Locale::candidates("zh-Hant")[0], Locale::ZhTw);
    /// assert_eq!(Locale::candidates("fr-FR"), []);
    /// ```
    pub fn candidates(tag: &str) -> Vec<Self> {
        let mut parts = tag.split(['-', '_']).map(str::to_ascii_uppercase);
        let language = parts.next().unwrap_or_default();
        // The region is the first two-letter or three-digit subtag after the language
        // (a four-letter one is the script).
        let region =
            parts.find(|p| p.len() == 2 || (p.len() == 3 && p.chars().all(|c| c.is_ascii_digit())));
        let traditional = tag
            .split(['-', '_'])
            .any(|part| part.eq_ignore_ascii_case("hant"));
        match language.as_str() {
            "ZH" if matches!(region.as_deref(), Some("HK" | "MO")) => {
                vec![Self::ZhHk, Self::ZhTw, Self::ZhCn]
            }
            "ZH" if region.as_deref() == Some("TW") || traditional => {
                vec![Self::ZhTw, Self::ZhHk, Self::ZhCn]
            }
            "ZH" => vec![Self::ZhCn, Self::ZhHk, Self::ZhTw],
            "EN" if region
                .as_deref()
                .is_some_and(|r| BRITISH_ENGLISH.contains(&r)) =>
            {
                vec![Self::EnGb, Self::EnUs]
            }
            "EN" => vec![Self::EnUs, Self::EnGb],
            _ => Vec::new(),
        }
    }

    /// The best locale for a BCP 47 tag among all, if its language is spoken here.
    ///
    /// ```
    /// use repay_contract::Locale;
    /// assert_eq!(Locale::from_tag("zh-Hans-CN"), Some(Locale::ZhCn));
    /// assert_eq!(Locale::from_tag("en-GB"), Some(Locale::EnGb));
    /// assert_eq!(Locale::from_tag("en-CA"), Some(Locale::EnUs));
    /// assert_eq!(Locale::from_tag("fr-FR"), None);
    /// ```
    pub fn from_tag(tag: &str) -> Option<Self> {
        Self::exact(tag).or_else(|| Self::candidates(tag).first().copied())
    }

    /// The language's own name, shown on the switch whatever the current language is.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::EnUs => "English (US)",
            Self::ZhCn => "简体中文",
            Self::EnGb => "English (UK)",
            Self::ZhHk => "繁體中文（香港）",
            Self::ZhTw => "繁體中文（台灣）",
        }
    }
}

/// The regions (ISO 3166) whose English readers get en-GB first: British spelling and
/// day-month dates.
const BRITISH_ENGLISH: [&str; 12] = [
    "GB", "IE", "AU", "NZ", "ZA", "IN", "SG", "HK", "MT", "CY", "GI", "IM",
];

/// The customer's budget, shared with consent: decimal amounts in the account's
/// currency, at minor units (`"5400.50"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BudgetFigures {
    #[cfg_attr(feature = "schema", schemars(with = "repay_engine::schema::Amount"))]
    pub monthly_income: String,
    #[cfg_attr(feature = "schema", schemars(with = "repay_engine::schema::Amount"))]
    pub essential_expenses: String,
}

impl BudgetFigures {
    /// The figures as the contract writes them.
    pub fn new(monthly_income: Money, essential_expenses: Money) -> Self {
        Self {
            monthly_income: monthly_income.to_string(),
            essential_expenses: essential_expenses.to_string(),
        }
    }
}

/// How the bank may contact the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub channel: ContactChannel,
    pub time: ContactTime,
}

/// The customer's agreement to the bank's terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Consent {
    #[cfg_attr(feature = "schema", schemars(length(min = 1, max = MAX_TEXT_CHARS), pattern(TEXT_PATTERN)))]
    pub terms_version: String,
    /// When the customer agreed, RFC 3339 (`2026-11-28T10:15:00.000Z`).
    #[cfg_attr(feature = "schema", schemars(extend("format" = "date-time")))]
    pub agreed_at: String,
}

/// A field the server refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FieldError {
    /// Dotted path from the body's root, e.g. `scenario.account.due_date`.
    pub path: String,
    /// The engine's reason code, e.g. `impossible_date`.
    pub code: String,
}

/// Checks what the types cannot: the lengths, forms and characters the schema states.
/// Returns the first field at fault with its code. The bank runs it before anything is
/// stored, so a refused body never is.
///
/// # Errors
///
/// The first field at fault: `not_a_uuid`, `missing`, `too_long`, `control_character`,
/// `not_a_time`, `negative`, or the engine's code for an amount it cannot read.
pub fn check_fields<P>(submission: &Submission<ScenarioWire, P>) -> Result<(), FieldError> {
    let fault = |path: &str, code: &str| {
        Err(FieldError {
            path: path.to_owned(),
            code: code.to_owned(),
        })
    };
    if !is_uuid(&submission.proposal_id) {
        return fault("proposal_id", "not_a_uuid");
    }
    for (path, text) in [
        ("account_reference", submission.account_reference.as_str()),
        (
            "consent.terms_version",
            submission.consent.terms_version.as_str(),
        ),
        ("widget_version", submission.widget_version.as_str()),
    ] {
        if text.trim().is_empty() {
            return fault(path, "missing");
        }
        if text.chars().count() > MAX_TEXT_CHARS {
            return fault(path, "too_long");
        }
        if text.chars().any(char::is_control) {
            return fault(path, "control_character");
        }
    }
    if let Some(message) = &submission.message {
        if message.chars().count() > MAX_MESSAGE_CHARS {
            return fault("message", "too_long");
        }
        // Line breaks are text; other control characters are not.
        if message
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        {
            return fault("message", "control_character");
        }
    }
    if submission
        .consent
        .agreed_at
        .parse::<jiff::Timestamp>()
        .is_err()
    {
        return fault("consent.agreed_at", "not_a_time");
    }
    if let Some(budget) = &submission.budget {
        // Money in the account's currency, read by the engine's own parser. (A currency
        // the engine does not know is refused with the scenario.)
        if let Ok(currency) = Currency::from_code(&submission.scenario.account.currency) {
            for (path, text) in [
                ("budget.monthly_income", &budget.monthly_income),
                ("budget.essential_expenses", &budget.essential_expenses),
            ] {
                match Money::parse(text, currency) {
                    Ok(money) if money.is_negative() => return fault(path, "negative"),
                    Ok(_) => {}
                    Err(reason) => return fault(path, reason.code()),
                }
            }
        }
    }
    Ok(())
}

/// A version 4 UUID as the widget writes it: 36 characters, lowercase hex and dashes.
pub fn is_uuid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(b),
        })
}

/// A version 4 UUID from 16 random bytes, in the form [`is_uuid`] accepts.
///
/// ```
/// use repay_contract::{is_uuid, uuid_v4};
/// assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
/// assert!(is_uuid(&uuid_v4([0xa7; 16])));
/// ```
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut text = String::with_capacity(36);
    for (i, byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            text.push('-');
        }
        for nibble in [byte >> 4, byte & 0x0f] {
            text.push(char::from_digit(u32::from(nibble), 16).unwrap_or('0'));
        }
    }
    text
}

/// What happens to an accepted proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AcceptedStatus {
    /// Stored; the bank has not decided yet.
    Received,
    /// Within the policy's instant approval.
    Approved,
    /// The bank reviews it.
    UnderReview,
}

/// The answer to an accepted proposal (201, or 200 when it is a repeat).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Accepted {
    pub reference: String,
    pub status: AcceptedStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The secret that lets whoever sent the proposal look it up
    /// (`GET /api/proposals/{reference}` with `Authorization: Bearer {access_token}`).
    /// Given only in the answers to the proposal's own requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    /// True when this answers a repeat of a proposal already stored.
    #[serde(default)]
    pub duplicate: bool,
}

/// The answer to `GET {endpoint}/{reference}` (200): the accepted proposal as the bank
/// stored it, and the answer it gave, without the access token. Never the budget, the
/// message or the contact details, which only the bank's back office reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Lookup<P = serde_json::Value> {
    pub reference: String,
    /// The proposal the customer sent: the offer, the choice and the plan.
    pub proposal: Proposal<P>,
    /// The bank's answer to it.
    pub answer: Accepted,
}

/// A refusal's code: what went wrong, for machines. Written and read as its snake_case
/// text; a code this version does not know (a newer bank's) is kept as
/// [`RefusalCode::Other`], never refused, so the widget can still name it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RefusalCode {
    /// A field is wrong (`fields` names it).
    Invalid,
    /// The body is not JSON the contract can read.
    MalformedJson,
    /// No `Idempotency-Key`, or two.
    MissingIdempotencyKey,
    /// Over 256 KB.
    BodyTooLarge,
    /// The body or the answer took too long.
    RequestTimeout,
    /// Not `application/json`.
    UnsupportedMediaType,
    /// `schema_version` is not one the bank reads.
    UnsupportedSchemaVersion,
    /// The header is not the body's `proposal_id`.
    IdempotencyKeyMismatch,
    /// The key was used for a different body.
    IdempotencyConflict,
    /// No such account, or not the signed-in customer's.
    UnknownAccount,
    /// Terms the bank never published.
    UnknownTermsVersion,
    /// The bank's recomputation differs.
    FiguresDiffer,
    /// The policy does not allow the plan.
    Rejected,
    /// Slow down (429).
    RateLimited,
    /// The bank failed (5xx).
    ServerError,
    /// The bank could not store the proposal (5xx).
    StorageFailure,
    /// No session, or one that has ended (401).
    SignInRequired,
    /// The session's CSRF token is missing or wrong (403).
    CsrfFailed,
    /// The customer name or passcode is wrong (the dev-bank's sign-in).
    SignInFailed,
    /// No such proposal for this caller (the lookup).
    NotFound,
    /// Any other code: a newer bank's, or `http_{status}` for an answer whose code could
    /// not be read.
    Other(String),
}

impl RefusalCode {
    /// Every code this version knows.
    pub const KNOWN: [RefusalCode; 20] = [
        Self::Invalid,
        Self::MalformedJson,
        Self::MissingIdempotencyKey,
        Self::BodyTooLarge,
        Self::RequestTimeout,
        Self::UnsupportedMediaType,
        Self::UnsupportedSchemaVersion,
        Self::IdempotencyKeyMismatch,
        Self::IdempotencyConflict,
        Self::UnknownAccount,
        Self::UnknownTermsVersion,
        Self::FiguresDiffer,
        Self::Rejected,
        Self::RateLimited,
        Self::ServerError,
        Self::StorageFailure,
        Self::SignInRequired,
        Self::CsrfFailed,
        Self::SignInFailed,
        Self::NotFound,
    ];

    /// The code as the contract writes it: the one place each is spelled.
    pub fn code(&self) -> &str {
        match self {
            Self::Invalid => "invalid",
            Self::MalformedJson => "malformed_json",
            Self::MissingIdempotencyKey => "missing_idempotency_key",
            Self::BodyTooLarge => "body_too_large",
            Self::RequestTimeout => "request_timeout",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::UnsupportedSchemaVersion => "unsupported_schema_version",
            Self::IdempotencyKeyMismatch => "idempotency_key_mismatch",
            Self::IdempotencyConflict => "idempotency_conflict",
            Self::UnknownAccount => "unknown_account",
            Self::UnknownTermsVersion => "unknown_terms_version",
            Self::FiguresDiffer => "figures_differ",
            Self::Rejected => "rejected",
            Self::RateLimited => "rate_limited",
            Self::ServerError => "server_error",
            Self::StorageFailure => "storage_failure",
            Self::SignInRequired => "sign_in_required",
            Self::CsrfFailed => "csrf_failed",
            Self::SignInFailed => "sign_in_failed",
            Self::NotFound => "not_found",
            Self::Other(code) => code,
        }
    }

    /// The code written `code`: a known one, or [`RefusalCode::Other`].
    pub fn from_code(code: &str) -> Self {
        Self::KNOWN
            .into_iter()
            .find(|known| known.code() == code)
            .unwrap_or_else(|| Self::Other(code.to_owned()))
    }
}

impl Serialize for RefusalCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for RefusalCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Ok(Self::from_code(&code))
    }
}

/// Every refusal (4xx and 5xx): a machine-readable `error` code and the details that
/// apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Refusal {
    /// `invalid`, `rejected`, `figures_differ`, `unknown_terms_version`,
    /// `idempotency_conflict`, `rate_limited`, `sign_in_required`… (`docs/contract.md`
    /// lists every code). A client keeps a code it does not know.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub error: RefusalCode,
    /// A sentence for the bank's staff and logs, in English; never shown to customers.
    #[serde(default)]
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// For `figures_differ`: each field where the proposal differs from the bank's
    /// recomputation. Written for the bank's staff and tools, which read it as JSON; a
    /// widget does not read it back (`skip_deserializing`), which keeps a JSON-tree
    /// reader out of its bundle.
    #[serde(default, skip_serializing_if = "Vec::is_empty", skip_deserializing)]
    pub differences: Vec<Difference>,
    /// For `rejected`: the policy's reasons.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<PlanReason>,
    /// For `figures_differ`: the parts of the bank's records that differ from the inputs
    /// the widget computed with (`account.as_of`, `policy`), when they do.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub records_changed: Vec<String>,
}

impl Refusal {
    pub fn new(error: RefusalCode, message: impl Into<String>) -> Self {
        Self {
            error,
            message: message.into(),
            fields: Vec::new(),
            differences: Vec::new(),
            reasons: Vec::new(),
            records_changed: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_have_one_form() {
        assert!(is_uuid("6f1c2a9e-2b1d-4c61-9a55-0d7a8f3b2c10"));
        for text in [
            "6F1C2A9E-2B1D-4C61-9A55-0D7A8F3B2C10",
            "6f1c2a9e2b1d4c619a550d7a8f3b2c10",
            "6f1c2a9e-2b1d-4c61-9a55-0d7a8f3b2c10x",
            "",
        ] {
            assert!(!is_uuid(text), "{text}");
        }
    }

    #[test]
    fn made_uuids_are_version_4_and_read_back() {
        assert_eq!(uuid_v4([0xff; 16]), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        for seed in 0..=255_u8 {
            let id = uuid_v4([seed; 16]);
            assert!(is_uuid(&id), "{id}");
            assert_eq!(&id[14..15], "4");
            assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"), "{id}");
        }
    }

    #[test]
    fn locales_read_their_own_tags() {
        for locale in Locale::ALL {
            assert_eq!(Locale::from_tag(locale.tag()), Some(locale));
            let json = serde_json::to_string(&locale).unwrap();
            assert_eq!(json, format!("\"{}\"", locale.tag()));
        }
    }

    #[test]
    fn refusal_codes_are_read_as_written_and_an_unknown_one_is_kept() {
        for code in RefusalCode::KNOWN {
            let text = serde_json::to_string(&code).unwrap();
            assert_eq!(text, format!("\"{}\"", code.code()));
            assert_eq!(serde_json::from_str::<RefusalCode>(&text).unwrap(), code);
        }
        let mut codes: Vec<&str> = RefusalCode::KNOWN.iter().map(RefusalCode::code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(
            codes.len(),
            RefusalCode::KNOWN.len(),
            "two codes spelled alike"
        );
        let newer: Refusal =
            serde_json::from_str(r#"{"error":"account_frozen","message":"…"}"#).unwrap();
        assert_eq!(newer.error, RefusalCode::Other("account_frozen".into()));
        assert_eq!(newer.error.code(), "account_frozen");
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn the_contract_docs_name_every_refusal_code() {
        let docs = include_str!("../../../docs/contract.md");
        for code in RefusalCode::KNOWN {
            assert!(
                docs.contains(&format!("`{}`", code.code())),
                "docs/contract.md does not name `{}`",
                code.code()
            );
        }
    }

    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn the_contract_docs_list_every_locale_the_contract_accepts() {
        let docs = include_str!("../../../docs/contract.md");
        let row = docs
            .lines()
            .find(|line| line.starts_with("| `locale` |"))
            .expect("docs/contract.md has a row for `locale`");
        for locale in Locale::ALL {
            assert!(row.contains(&format!("`{}`", locale.tag())), "{row}");
        }
    }
}

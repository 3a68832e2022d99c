//! Reads the configuration's wire types from parsed JSON ([`crate::json`]), by hand.
//!
//! The rules are serde's, as the engine's derived readers apply them (natively, the
//! bank's tools and the CLI read the same types through serde, and a property test holds
//! the two to the same answers): members in the text's order, an unknown member refused
//! where it is, then missing members in the type's order; enums externally tagged
//! (`"half_up"`, `{"daily": "0.0005"}`, `{"instalment": {…}}`); counts are JSON integers
//! from 0 to `u32::MAX`; `null` is "absent" only for optional members. An error names
//! the path from the root, as `policy.plans[2].instalment.terms[1]`.
//!
//! By hand because it is the first code the widget runs: serde's readers for these types,
//! with the reader that took them from `JSON.parse`'s result, were about 75 KB of the
//! module, which V8 compiled before the first figure could show; the parser, these
//! readers and the checks after them come to about 48 KB. The readers of the bigger
//! types are kept out of line: inlined into one another, they came to 3 KB more.

use repay_engine::account::{AccountSnapshotWire, PaymentWire};
use repay_engine::money::RoundingRule;
use repay_engine::policy::{
    Approval, Consequence, LateFeeAmountWire, LateFeeWire, PenaltyBase, PenaltyWire, PlanOfferWire,
    PolicyWire, PricingWire, RateWire, StageWire,
};
use repay_engine::{EngineError, InvalidReason};

use crate::config::{
    default_contact_channels, ChannelDetail, ContactChannel, Credentials, CsrfWire, LocalizedText,
    PaymentChannelKind, PaymentChannelWire, ShadowDomWire, TermsWire, ThemeWire, WidgetConfigWire,
};
use crate::json::Value;

type Read<T> = Result<T, EngineError>;

/// Where a value is: the steps from the root, kept on the stack and written out only
/// for an error.
#[derive(Clone, Copy)]
pub struct At<'p> {
    up: Option<&'p At<'p>>,
    step: Step<'p>,
}

#[derive(Clone, Copy)]
enum Step<'p> {
    Root,
    Key(&'p str),
    Index(usize),
}

impl<'p> At<'p> {
    /// The configuration itself.
    pub const ROOT: At<'static> = At {
        up: None,
        step: Step::Root,
    };

    fn key<'a>(&'a self, key: &'a str) -> At<'a> {
        At {
            up: Some(self),
            step: Step::Key(key),
        }
    }

    fn index(&self, index: usize) -> At<'_> {
        At {
            up: Some(self),
            step: Step::Index(index),
        }
    }

    /// `policy.plans[2].terms`, or `.` for the root.
    #[inline(never)]
    fn path(&self) -> String {
        let mut steps = Vec::new();
        let mut at = Some(self);
        while let Some(here) = at {
            steps.push(here.step);
            at = here.up;
        }
        let mut path = String::new();
        for step in steps.iter().rev() {
            match step {
                Step::Root => {}
                Step::Key(key) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                }
                Step::Index(index) => {
                    path.push('[');
                    path.push_str(&index.to_string());
                    path.push(']');
                }
            }
        }
        if path.is_empty() {
            path.push('.');
        }
        path
    }

    #[inline(never)]
    fn refuse(&self, reason: InvalidReason) -> EngineError {
        EngineError::invalid(self.path(), reason)
    }

    fn wrong(&self) -> EngineError {
        self.refuse(InvalidReason::WrongType)
    }
}

/// Calls `each` with every member of the object at `at` in order; `each` says whether it
/// knows the key, and an unknown one is refused.
fn members<'v>(
    value: &'v Value,
    at: &At,
    mut each: impl FnMut(&str, &'v Value, &At) -> Read<bool>,
) -> Read<()> {
    let Value::Object(members) = value else {
        return Err(at.wrong());
    };
    for (key, value) in members {
        let here = at.key(key);
        if !each(key, value, &here)? {
            return Err(here.refuse(InvalidReason::UnknownField));
        }
    }
    Ok(())
}

/// A member that must be there.
fn need<T>(slot: Option<T>, at: &At, name: &str) -> Read<T> {
    slot.ok_or_else(|| at.key(name).refuse(InvalidReason::Missing))
}

fn text(value: &Value, at: &At) -> Read<String> {
    match value {
        Value::Text(text) => Ok(text.clone()),
        _ => Err(at.wrong()),
    }
}

/// A JSON integer from 0 to `u32::MAX` (`-0` is 0).
fn count(value: &Value, at: &At) -> Read<u32> {
    let Value::Number(number) = value else {
        return Err(at.wrong());
    };
    match number.strip_prefix('-') {
        Some(digits) if digits.bytes().all(|b| b == b'0') => Ok(0),
        Some(_) => Err(at.wrong()),
        None => number.parse().map_err(|_| at.wrong()),
    }
}

fn flag(value: &Value, at: &At) -> Read<bool> {
    match value {
        Value::Bool(flag) => Ok(*flag),
        _ => Err(at.wrong()),
    }
}

fn list<T>(value: &Value, at: &At, read: fn(&Value, &At) -> Read<T>) -> Read<Vec<T>> {
    let Value::List(items) = value else {
        return Err(at.wrong());
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| read(item, &at.index(i)))
        .collect()
}

/// An optional member: `null` is absent.
fn optional<T>(value: &Value, at: &At, read: fn(&Value, &At) -> Read<T>) -> Read<Option<T>> {
    match value {
        Value::Null => Ok(None),
        value => read(value, at).map(Some),
    }
}

fn optional_text(value: &Value, at: &At) -> Read<Option<String>> {
    optional(value, at, text)
}

/// An object of two text members, both required: `names` in the type's order (which is
/// the order a missing one is reported in).
#[inline(never)]
fn text_pair(value: &Value, at: &At, names: [&str; 2]) -> Read<(String, String)> {
    let mut found: [Option<String>; 2] = [None, None];
    members(value, at, |key, value, here| {
        let Some(slot) = names.iter().position(|name| *name == key) else {
            return Ok(false);
        };
        found[slot] = Some(text(value, here)?);
        Ok(true)
    })?;
    let [first, second] = found;
    Ok((need(first, at, names[0])?, need(second, at, names[1])?))
}

/// An externally tagged enum's variant, one of `names`: its name, and its content unless
/// it was given as a bare name. As serde does, an object's first member names the
/// variant (an unknown name is refused as not allowed), and it must be the only one.
fn variant<'v>(
    value: &'v Value,
    at: &At,
    names: &[&'static str],
) -> Read<(&'static str, Option<&'v Value>)> {
    let (name, content, more) = match value {
        Value::Text(name) => (name.as_str(), None, false),
        Value::Object(members) if !members.is_empty() => (
            members[0].0.as_str(),
            Some(&members[0].1),
            members.len() > 1,
        ),
        _ => return Err(at.wrong()),
    };
    let known = names
        .iter()
        .find(|known| **known == name)
        .ok_or_else(|| at.refuse(InvalidReason::NotAllowed))?;
    if more {
        return Err(at.wrong());
    }
    Ok((known, content))
}

/// A variant that carries nothing: a bare name, or `{"name": null}`.
fn unit(content: Option<&Value>, at: &At, name: &str) -> Read<()> {
    match content {
        None | Some(Value::Null) => Ok(()),
        Some(_) => Err(at.key(name).wrong()),
    }
}

/// A variant's content, which this variant must have (a bare name is of the wrong type,
/// at the variant's path).
fn content<'v>(content: Option<&'v Value>, at: &At, name: &str) -> Read<&'v Value> {
    content.ok_or_else(|| at.key(name).wrong())
}

/// An enum whose variants carry nothing, by name.
fn name_of<T: Copy>(value: &Value, at: &At, variants: &[(&'static str, T)]) -> Read<T> {
    let names: Vec<&'static str> = variants.iter().map(|(name, _)| *name).collect();
    let (name, inside) = variant(value, at, &names)?;
    unit(inside, at, name)?;
    let found = variants.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    found.ok_or_else(|| at.refuse(InvalidReason::NotAllowed))
}

/// The configuration, and apart from it its `theme`, whose error waits until the locale
/// is known (so that the panel can name it in the customer's language).
pub fn widget_config(value: &Value, at: &At) -> Read<(WidgetConfigWire, Read<ThemeWire>)> {
    let mut locale = None;
    let mut account = None;
    let mut policy = None;
    let mut payment_channels = None;
    let mut terms = None;
    let mut contact_channels = None;
    let mut review_days = None;
    let mut reminders_url = None;
    let mut endpoint = None;
    let mut account_reference = None;
    let mut csrf = None;
    let mut credentials = None;
    let mut timeout_seconds = None;
    let mut theme = None;
    members(value, at, |key, value, here| {
        match key {
            "locale" => locale = optional_text(value, here)?,
            "account" => account = Some(account_snapshot(value, here)?),
            "policy" => policy = Some(policy_wire(value, here)?),
            "payment_channels" => payment_channels = Some(list(value, here, payment_channel)?),
            "terms" => terms = Some(terms_wire(value, here)?),
            "contact_channels" => contact_channels = Some(list(value, here, contact_channel)?),
            "review_days" => review_days = optional(value, here, count)?,
            "reminders_url" => reminders_url = optional_text(value, here)?,
            "endpoint" => endpoint = Some(text(value, here)?),
            "account_reference" => account_reference = Some(text(value, here)?),
            "csrf" => csrf = optional(value, here, csrf_wire)?,
            "credentials" => credentials = Some(credentials_of(value, here)?),
            "timeout_seconds" => timeout_seconds = optional(value, here, count)?,
            "theme" => theme = Some(value),
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    let wire = WidgetConfigWire {
        locale,
        account: need(account, at, "account")?,
        policy: need(policy, at, "policy")?,
        payment_channels: payment_channels.unwrap_or_default(),
        terms: need(terms, at, "terms")?,
        contact_channels: contact_channels.unwrap_or_else(default_contact_channels),
        review_days,
        reminders_url,
        endpoint: need(endpoint, at, "endpoint")?,
        account_reference: need(account_reference, at, "account_reference")?,
        csrf,
        credentials: credentials.unwrap_or_default(),
        timeout_seconds,
    };
    let theme = theme.map_or_else(
        || Ok(ThemeWire::default()),
        |value| theme_wire(value, &at.key("theme")),
    );
    Ok((wire, theme))
}

/// The theme: CSS custom property values by name (which are known, and whether each
/// value stays one CSS value, is checked with the configuration), and the shadow root's
/// stylesheet.
fn theme_wire(value: &Value, at: &At) -> Read<ThemeWire> {
    let mut theme = ThemeWire::default();
    members(value, at, |key, value, here| {
        match key {
            "variables" => members(value, here, |name, value, inner| {
                theme.variables.push((name.to_owned(), text(value, inner)?));
                Ok(true)
            })?,
            "shadow_dom" => {
                let (mut stylesheet, mut integrity) = (None, None);
                members(value, here, |key, value, inner| {
                    match key {
                        "stylesheet" => stylesheet = Some(text(value, inner)?),
                        "integrity" => integrity = Some(text(value, inner)?),
                        _ => return Ok(false),
                    }
                    Ok(true)
                })?;
                // An empty address is as good as none.
                let stylesheet = stylesheet.filter(|address| !address.is_empty());
                theme.shadow_dom = Some(ShadowDomWire {
                    stylesheet: need(stylesheet, here, "stylesheet")?,
                    integrity,
                });
            }
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(theme)
}

fn payment_channel(value: &Value, at: &At) -> Read<PaymentChannelWire> {
    let (mut kind, mut label, mut url, mut details) = (None, None, None, None);
    members(value, at, |key, value, here| {
        match key {
            "kind" => kind = Some(channel_kind(value, here)?),
            "label" => label = optional(value, here, localized)?,
            "url" => url = optional_text(value, here)?,
            "details" => details = Some(list(value, here, channel_detail)?),
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(PaymentChannelWire {
        kind: need(kind, at, "kind")?,
        label,
        url,
        details: details.unwrap_or_default(),
    })
}

fn channel_kind(value: &Value, at: &At) -> Read<PaymentChannelKind> {
    use PaymentChannelKind as K;
    name_of(
        value,
        at,
        &[
            ("online_banking", K::OnlineBanking),
            ("mobile_app", K::MobileApp),
            ("bank_transfer", K::BankTransfer),
            ("auto_debit", K::AutoDebit),
        ],
    )
}

fn channel_detail(value: &Value, at: &At) -> Read<ChannelDetail> {
    let (mut label, mut text_value) = (None, None);
    members(value, at, |key, value, here| {
        match key {
            "label" => label = Some(localized(value, here)?),
            "value" => text_value = Some(text(value, here)?),
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(ChannelDetail {
        label: need(label, at, "label")?,
        value: need(text_value, at, "value")?,
    })
}

fn localized(value: &Value, at: &At) -> Read<LocalizedText> {
    let (en_us, zh_cn) = text_pair(value, at, ["en-US", "zh-CN"])?;
    Ok(LocalizedText { en_us, zh_cn })
}

fn terms_wire(value: &Value, at: &At) -> Read<TermsWire> {
    let (url, version) = text_pair(value, at, ["url", "version"])?;
    Ok(TermsWire { url, version })
}

fn contact_channel(value: &Value, at: &At) -> Read<ContactChannel> {
    use ContactChannel as C;
    name_of(
        value,
        at,
        &[
            ("phone", C::Phone),
            ("sms", C::Sms),
            ("email", C::Email),
            ("in_app", C::InApp),
        ],
    )
}

fn csrf_wire(value: &Value, at: &At) -> Read<CsrfWire> {
    let (cookie, header) = text_pair(value, at, ["cookie", "header"])?;
    Ok(CsrfWire { cookie, header })
}

#[inline(never)]
fn credentials_of(value: &Value, at: &At) -> Read<Credentials> {
    name_of(
        value,
        at,
        &[
            ("omit", Credentials::Omit),
            ("same-origin", Credentials::SameOrigin),
            ("include", Credentials::Include),
        ],
    )
}

#[inline(never)]
fn account_snapshot(value: &Value, at: &At) -> Read<AccountSnapshotWire> {
    let mut fields: [Option<String>; 9] = Default::default();
    const NAMES: [&str; 9] = [
        "currency",
        "statement_balance",
        "minimum_due",
        "overdue_amount",
        "due_date",
        "as_of",
        "credit_limit",
        "fees_charged",
        "penalty_interest_charged",
    ];
    let mut last_payment = None;
    members(value, at, |key, value, here| {
        if key == "last_payment" {
            last_payment = optional(value, here, payment)?;
        } else if let Some(i) = NAMES.iter().position(|name| *name == key) {
            fields[i] = Some(text(value, here)?);
        } else {
            return Ok(false);
        }
        Ok(true)
    })?;
    let [currency, statement_balance, minimum_due, overdue_amount, due_date, as_of, credit_limit, fees_charged, penalty_interest_charged] =
        fields;
    Ok(AccountSnapshotWire {
        currency: need(currency, at, NAMES[0])?,
        statement_balance: need(statement_balance, at, NAMES[1])?,
        minimum_due: need(minimum_due, at, NAMES[2])?,
        overdue_amount: need(overdue_amount, at, NAMES[3])?,
        due_date: need(due_date, at, NAMES[4])?,
        as_of: need(as_of, at, NAMES[5])?,
        credit_limit: need(credit_limit, at, NAMES[6])?,
        fees_charged: fees_charged.unwrap_or_else(|| "0".into()),
        penalty_interest_charged: penalty_interest_charged.unwrap_or_else(|| "0".into()),
        last_payment,
    })
}

fn payment(value: &Value, at: &At) -> Read<PaymentWire> {
    let (amount, date) = text_pair(value, at, ["amount", "date"])?;
    Ok(PaymentWire { amount, date })
}

#[inline(never)]
fn policy_wire(value: &Value, at: &At) -> Read<PolicyWire> {
    let (mut name, mut grace_days, mut rounding, mut interest) = (None, None, None, None);
    let (mut penalty, mut late_fee, mut stages, mut plans) = (None, None, None, None);
    let (mut affordability_share, mut max_term_months) = (None, None);
    members(value, at, |key, value, here| {
        match key {
            "name" => name = Some(text(value, here)?),
            "grace_days" => grace_days = Some(count(value, here)?),
            "rounding" => rounding = Some(rounding_rule(value, here)?),
            "interest" => interest = Some(rate(value, here)?),
            "penalty" => penalty = optional(value, here, penalty_wire)?,
            "late_fee" => late_fee = optional(value, here, late_fee_wire)?,
            "stages" => stages = Some(list(value, here, stage)?),
            "plans" => plans = Some(list(value, here, plan_offer)?),
            "affordability_share" => affordability_share = Some(text(value, here)?),
            "max_term_months" => max_term_months = Some(count(value, here)?),
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(PolicyWire {
        name: need(name, at, "name")?,
        grace_days: need(grace_days, at, "grace_days")?,
        rounding: need(rounding, at, "rounding")?,
        interest: need(interest, at, "interest")?,
        penalty,
        late_fee,
        stages: need(stages, at, "stages")?,
        plans: need(plans, at, "plans")?,
        affordability_share: need(affordability_share, at, "affordability_share")?,
        max_term_months: need(max_term_months, at, "max_term_months")?,
    })
}

fn rounding_rule(value: &Value, at: &At) -> Read<RoundingRule> {
    name_of(
        value,
        at,
        &[
            ("half_up", RoundingRule::HalfUp),
            ("half_even", RoundingRule::HalfEven),
        ],
    )
}

fn rate(value: &Value, at: &At) -> Read<RateWire> {
    let (name, inside) = variant(value, at, &["daily", "annual"])?;
    match name {
        "daily" => Ok(RateWire::Daily(text(
            content(inside, at, name)?,
            &at.key(name),
        )?)),
        _ => {
            let here = at.key(name);
            let (mut rate, mut day_count) = (None, None);
            members(content(inside, at, name)?, &here, |key, value, inner| {
                match key {
                    "rate" => rate = Some(text(value, inner)?),
                    "day_count" => day_count = Some(count(value, inner)?),
                    _ => return Ok(false),
                }
                Ok(true)
            })?;
            Ok(RateWire::Annual {
                rate: need(rate, &here, "rate")?,
                day_count: need(day_count, &here, "day_count")?,
            })
        }
    }
}

#[inline(never)]
fn penalty_wire(value: &Value, at: &At) -> Read<PenaltyWire> {
    let (mut rate_wire, mut from_day, mut applies_to) = (None, None, None);
    members(value, at, |key, value, here| {
        match key {
            "rate" => rate_wire = Some(rate(value, here)?),
            "from_day" => from_day = Some(count(value, here)?),
            "applies_to" => {
                applies_to = Some(name_of(
                    value,
                    here,
                    &[
                        ("overdue_amount", PenaltyBase::OverdueAmount),
                        ("statement_balance", PenaltyBase::StatementBalance),
                    ],
                )?);
            }
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(PenaltyWire {
        rate: need(rate_wire, at, "rate")?,
        from_day: need(from_day, at, "from_day")?,
        applies_to: need(applies_to, at, "applies_to")?,
    })
}

#[inline(never)]
fn late_fee_wire(value: &Value, at: &At) -> Read<LateFeeWire> {
    let (mut amount, mut min, mut max, mut per_cycle, mut cycle_days) =
        (None, None, None, None, None);
    members(value, at, |key, value, here| {
        match key {
            "amount" => amount = Some(late_fee_amount(value, here)?),
            "min" => min = optional_text(value, here)?,
            "max" => max = optional_text(value, here)?,
            "per_cycle" => per_cycle = Some(flag(value, here)?),
            "cycle_days" => cycle_days = Some(count(value, here)?),
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(LateFeeWire {
        amount: need(amount, at, "amount")?,
        min,
        max,
        per_cycle: need(per_cycle, at, "per_cycle")?,
        cycle_days: need(cycle_days, at, "cycle_days")?,
    })
}

fn late_fee_amount(value: &Value, at: &At) -> Read<LateFeeAmountWire> {
    let (name, inside) = variant(value, at, &["fixed", "share_of_unpaid_minimum"])?;
    let make = match name {
        "fixed" => LateFeeAmountWire::Fixed,
        _ => LateFeeAmountWire::ShareOfUnpaidMinimum,
    };
    Ok(make(text(content(inside, at, name)?, &at.key(name))?))
}

fn stage(value: &Value, at: &At) -> Read<StageWire> {
    let (mut code, mut from_day, mut consequences, mut notice_days) = (None, None, None, None);
    members(value, at, |key, value, here| {
        match key {
            "code" => code = Some(text(value, here)?),
            "from_day" => from_day = Some(count(value, here)?),
            "consequences" => consequences = Some(list(value, here, consequence)?),
            "notice_days" => notice_days = Some(count(value, here)?),
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    Ok(StageWire {
        code: need(code, at, "code")?,
        from_day: need(from_day, at, "from_day")?,
        consequences: consequences.unwrap_or_default(),
        notice_days: notice_days.unwrap_or_default(),
    })
}

fn consequence(value: &Value, at: &At) -> Read<Consequence> {
    use Consequence as C;
    name_of(
        value,
        at,
        &[
            ("late_fee", C::LateFee),
            ("penalty_interest", C::PenaltyInterest),
            ("credit_bureau_report", C::CreditBureauReport),
            ("card_suspension", C::CardSuspension),
            ("collections", C::Collections),
            ("legal_action", C::LegalAction),
            ("write_off", C::WriteOff),
        ],
    )
}

fn approval(value: &Value, at: &At) -> Read<Approval> {
    let (name, inside) = variant(value, at, &["instant", "review", "instant_up_to_months"])?;
    match name {
        "instant" => unit(inside, at, name).map(|()| Approval::Instant),
        "review" => unit(inside, at, name).map(|()| Approval::Review),
        _ => count(content(inside, at, name)?, &at.key(name)).map(Approval::InstantUpToMonths),
    }
}

fn pricing(value: &Value, at: &At) -> Read<PricingWire> {
    let (name, inside) = variant(value, at, &["flat_fee", "annuity", "equal_principal"])?;
    let (make, member): (fn(String) -> PricingWire, &str) = match name {
        "flat_fee" => (
            |monthly_fee_rate| PricingWire::FlatFee { monthly_fee_rate },
            "monthly_fee_rate",
        ),
        "annuity" => (
            |annual_rate| PricingWire::Annuity { annual_rate },
            "annual_rate",
        ),
        _ => (
            |annual_rate| PricingWire::EqualPrincipal { annual_rate },
            "annual_rate",
        ),
    };
    let here = at.key(name);
    let mut rate_text = None;
    members(content(inside, at, name)?, &here, |key, value, inner| {
        if key != member {
            return Ok(false);
        }
        rate_text = Some(text(value, inner)?);
        Ok(true)
    })?;
    Ok(make(need(rate_text, &here, member)?))
}

/// The members of one plan offer, however many its variant has.
#[derive(Default)]
struct OfferMembers {
    approval: Option<Approval>,
    pricing: Option<PricingWire>,
    terms: Option<Vec<u32>>,
    min_instalment: Option<String>,
    min_down_payment_share: Option<String>,
    min_payment: Option<String>,
    fee: Option<String>,
    interest_rate_factor: Option<String>,
    penalty_waiver_share: Option<String>,
    discount_cap_share: Option<String>,
    latest_first_payment_days: Option<u32>,
    latest_payment_days: Option<u32>,
    min_term_months: Option<u32>,
    max_term_months: Option<u32>,
    max_days: Option<u32>,
}

fn plan_offer(value: &Value, at: &At) -> Read<PlanOfferWire> {
    let (name, inside) = variant(
        value,
        at,
        &[
            "pay_in_full",
            "bring_current",
            "instalment",
            "hardship",
            "deferral",
            "settlement",
            "custom",
        ],
    )?;
    // Which members each variant has, besides `approval`.
    let known: &[&str] = match name {
        "pay_in_full" | "bring_current" => &[],
        "instalment" => &[
            "pricing",
            "terms",
            "min_instalment",
            "min_down_payment_share",
            "latest_first_payment_days",
        ],
        "hardship" => &[
            "min_term_months",
            "max_term_months",
            "interest_rate_factor",
            "penalty_waiver_share",
            "min_instalment",
            "latest_first_payment_days",
        ],
        "deferral" => &["max_days", "fee"],
        "settlement" => &["discount_cap_share", "latest_payment_days"],
        _ => &["max_term_months", "min_payment"],
    };
    let here = at.key(name);
    let mut m = OfferMembers::default();
    members(content(inside, at, name)?, &here, |key, value, inner| {
        if key != "approval" && !known.contains(&key) {
            return Ok(false);
        }
        match key {
            "approval" => m.approval = Some(approval(value, inner)?),
            "pricing" => m.pricing = Some(pricing(value, inner)?),
            "terms" => m.terms = Some(list(value, inner, count)?),
            "min_instalment" => m.min_instalment = optional_text(value, inner)?,
            "min_down_payment_share" => m.min_down_payment_share = optional_text(value, inner)?,
            "min_payment" => m.min_payment = optional_text(value, inner)?,
            "fee" => m.fee = optional_text(value, inner)?,
            "interest_rate_factor" => m.interest_rate_factor = Some(text(value, inner)?),
            "penalty_waiver_share" => m.penalty_waiver_share = Some(text(value, inner)?),
            "discount_cap_share" => m.discount_cap_share = Some(text(value, inner)?),
            "latest_first_payment_days" => m.latest_first_payment_days = Some(count(value, inner)?),
            "latest_payment_days" => m.latest_payment_days = Some(count(value, inner)?),
            "min_term_months" => m.min_term_months = Some(count(value, inner)?),
            "max_term_months" => m.max_term_months = Some(count(value, inner)?),
            _ => m.max_days = Some(count(value, inner)?),
        }
        Ok(true)
    })?;
    // Missing members in each variant's own order, as serde reports them.
    Ok(match name {
        "pay_in_full" => PlanOfferWire::PayInFull {
            approval: need(m.approval, &here, "approval")?,
        },
        "bring_current" => PlanOfferWire::BringCurrent {
            approval: need(m.approval, &here, "approval")?,
        },
        "instalment" => PlanOfferWire::Instalment {
            pricing: need(m.pricing, &here, "pricing")?,
            terms: need(m.terms, &here, "terms")?,
            min_instalment: m.min_instalment,
            min_down_payment_share: m.min_down_payment_share,
            latest_first_payment_days: need(
                m.latest_first_payment_days,
                &here,
                "latest_first_payment_days",
            )?,
            approval: need(m.approval, &here, "approval")?,
        },
        "hardship" => PlanOfferWire::Hardship {
            min_term_months: need(m.min_term_months, &here, "min_term_months")?,
            max_term_months: need(m.max_term_months, &here, "max_term_months")?,
            interest_rate_factor: need(m.interest_rate_factor, &here, "interest_rate_factor")?,
            penalty_waiver_share: need(m.penalty_waiver_share, &here, "penalty_waiver_share")?,
            min_instalment: m.min_instalment,
            latest_first_payment_days: need(
                m.latest_first_payment_days,
                &here,
                "latest_first_payment_days",
            )?,
            approval: need(m.approval, &here, "approval")?,
        },
        "deferral" => PlanOfferWire::Deferral {
            max_days: need(m.max_days, &here, "max_days")?,
            fee: m.fee,
            approval: need(m.approval, &here, "approval")?,
        },
        "settlement" => PlanOfferWire::Settlement {
            discount_cap_share: need(m.discount_cap_share, &here, "discount_cap_share")?,
            latest_payment_days: need(m.latest_payment_days, &here, "latest_payment_days")?,
            approval: need(m.approval, &here, "approval")?,
        },
        _ => PlanOfferWire::Custom {
            max_term_months: need(m.max_term_months, &here, "max_term_months")?,
            min_payment: m.min_payment,
            approval: need(m.approval, &here, "approval")?,
        },
    })
}

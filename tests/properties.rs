//! Property tests of what the widget reads from outside: the host's configuration and
//! the amounts and dates the customer types. Whatever the input, a typed error or a
//! value, never a panic. The configuration's reader is the same code natively and in the
//! browser, and here it is also held to the answers of serde's derived readers.
#![cfg(not(target_arch = "wasm32"))]

use jiff::civil::date;
use proptest::prelude::*;
use repay_engine::{Currency, EngineError};
use repay_widget::config::{WidgetConfig, WidgetConfigWire};
use repay_widget::input::{parse_amount, parse_date, InputError};
use repay_widget::links::native::TestPage;
use serde_json::Value;

const CN: &str = include_str!("../crates/engine/data/cn-card.json");
const US: &str = include_str!("../crates/engine/data/us-card.json");

/// A JSON value of any shape, small.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..3)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// The configuration's wire types as serde's derived readers read them over serde_json,
/// with paths: how the engine's own tools read the same types. Keys are made unique
/// first, as `JSON.parse` (and the widget's parser) make them, and `theme` is set aside.
fn serde_reads(text: &str) -> Result<WidgetConfigWire, EngineError> {
    let mut value: Value = serde_json::from_str(text).map_err(EngineError::from_json)?;
    if let Some(members) = value.as_object_mut() {
        members.remove("theme");
    }
    let text = value.to_string();
    let mut reader = serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(&mut reader).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if inner.is_data() {
            EngineError::from_shape_message(&inner.to_string(), &path)
        } else {
            EngineError::from_json(inner)
        }
    })
}

/// The widget's own reader ([`repay_widget::json`], [`repay_widget::wire`]).
fn widget_reads(text: &str) -> Result<WidgetConfigWire, EngineError> {
    let value = repay_widget::json::parse(text)?;
    repay_widget::wire::widget_config(&value, &repay_widget::wire::At::ROOT).map(|(wire, _)| wire)
}

/// The value at a path as the widget writes it (`policy.plans[2].terms`) in `config`.
fn value_at<'v>(config: &'v Value, path: &str) -> Option<&'v Value> {
    let pointer: String = path
        .split('.')
        .flat_map(|part| part.split('['))
        .filter(|step| !step.is_empty())
        .map(|step| format!("/{}", step.trim_end_matches(']')))
        .collect();
    config.pointer(&pointer)
}

/// Where the two may differ: the widget reads a struct from an object only and an enum
/// from a name or a one-member object only, and refuses anything else as of the wrong
/// type where it is. serde also reads a struct from an array, by position (accepting
/// it, or refusing inside it), and serde_json words an enum of the wrong shape as a
/// syntax error ("expected value"), although the text is JSON.
fn serde_quirk(
    config: &Value,
    widget: &Result<WidgetConfigWire, EngineError>,
    serde: &Result<WidgetConfigWire, EngineError>,
) -> bool {
    let Err(EngineError::Invalid {
        path,
        reason: repay_engine::InvalidReason::WrongType,
    }) = widget
    else {
        return false;
    };
    matches!(
        (value_at(config, path), serde),
        (Some(Value::Array(_)), _) | (Some(_), Err(EngineError::MalformedJson { .. }))
    )
}

/// Every (path, value) leaf-or-node of `value`, as JSON pointers.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                pointers(child, format!("{at}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

prop_compose! {
    /// A sample configuration with one value anywhere replaced by a value of any shape,
    /// or removed; and that value's JSON pointer.
    fn damaged_config()(
        which in 0usize..2,
        pick in any::<prop::sample::Index>(),
        replacement in any_json(),
        remove in any::<bool>(),
    ) -> (Value, String) {
        let mut config: Value = serde_json::from_str([CN, US][which]).unwrap();
        let mut all = Vec::new();
        pointers(&config, String::new(), &mut all);
        let pointer = all[pick.index(all.len())].clone();
        let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", ""));
        if remove && !key.is_empty() {
            match config.pointer_mut(parent) {
                Some(Value::Object(map)) => { map.remove(key); }
                Some(Value::Array(items)) => {
                    if let Ok(i) = key.parse::<usize>() { if i < items.len() { items.remove(i); } }
                }
                _ => {}
            }
        } else if let Some(slot) = config.pointer_mut(&pointer) {
            *slot = replacement;
        }
        (config, pointer)
    }
}

/// Shapes a random damage rarely makes, each read by both readers.
#[test]
fn the_widgets_reader_answers_as_serdes_for_each_enum_and_count_form() {
    use serde_json::json;
    let approval = "/policy/plans/0/pay_in_full/approval";
    let cases: Vec<(&str, Option<Value>)> = vec![
        (approval, Some(json!("instant"))),
        (approval, Some(json!({ "instant": null }))),
        (approval, Some(json!({ "instant": 1 }))),
        (approval, Some(json!({ "instant_up_to_months": 6 }))),
        (approval, Some(json!("instant_up_to_months"))),
        (approval, Some(json!({ "instant_up_to_months": "6" }))),
        (approval, Some(json!("soon"))),
        (approval, Some(json!({ "soon": 1 }))),
        (approval, Some(json!({ "review": null, "instant": null }))),
        (approval, Some(json!({}))),
        (approval, Some(json!(null))),
        (approval, None),
        ("/policy/interest", Some(json!("daily"))),
        (
            "/policy/interest",
            Some(json!({ "annual": { "rate": "0.2" } })),
        ),
        (
            "/policy/interest",
            Some(json!({ "annual": { "rate": "0.2", "day_count": 365, "x": 1 } })),
        ),
        ("/policy/interest", Some(json!({ "annual": "0.2" }))),
        ("/policy/penalty", Some(json!(null))),
        ("/policy/penalty", None),
        ("/policy/penalty/applies_to", Some(json!("everything"))),
        ("/policy/late_fee/amount", Some(json!({ "fixed": 40 }))),
        ("/policy/late_fee/min", Some(json!(null))),
        (
            "/policy/plans/2/instalment/pricing",
            Some(json!({ "annuity": { "annual_rate": "0.1" } })),
        ),
        (
            "/policy/plans/2/instalment/pricing",
            Some(json!({ "annuity": { "monthly_fee_rate": "0.1" } })),
        ),
        (
            "/policy/plans/2/instalment/pricing",
            Some(json!({ "flat_fee": {} })),
        ),
        ("/policy/plans/2/instalment/terms", Some(json!([]))),
        ("/policy/plans/2/instalment/terms", Some(json!(null))),
        ("/policy/plans/2/instalment/min_instalment", None),
        ("/policy/plans/2/instalment/latest_first_payment_days", None),
        ("/policy/plans/4/hardship/approval", None),
        (
            "/policy/plans/7",
            Some(json!({ "custom": { "max_term_months": 6, "approval": "review", "fee": "1" } })),
        ),
        ("/policy/plans/7", Some(json!({ "lottery": {} }))),
        ("/policy/stages/0/consequences", None),
        (
            "/policy/stages/0/consequences",
            Some(json!(["late_fee", "jail"])),
        ),
        ("/policy/stages/0/notice_days", Some(json!(null))),
        ("/policy/rounding", Some(json!("half_even"))),
        ("/policy/rounding", Some(json!("HALF_UP"))),
        ("/policy/grace_days", Some(json!(0))),
        ("/policy/grace_days", Some(json!(4_294_967_295_u64))),
        ("/policy/grace_days", Some(json!(4_294_967_296_u64))),
        ("/policy/grace_days", Some(json!(-1))),
        ("/policy/grace_days", Some(json!(3.0))),
        ("/policy/grace_days", Some(json!(1e2))),
        ("/policy/grace_days", Some(json!(true))),
        ("/account/fees_charged", None),
        ("/account/last_payment", Some(json!(null))),
        ("/account/last_payment", Some(json!({ "amount": "1.00" }))),
        ("/account/extra", Some(json!("x"))),
        ("/credentials", Some(json!("include"))),
        ("/credentials", Some(json!("same_origin"))),
        ("/credentials", Some(json!(null))),
        ("/contact_channels", None),
        ("/contact_channels", Some(json!(["in_app"]))),
        ("/payment_channels", Some(json!(null))),
        ("/payment_channels/0/kind", Some(json!("cash"))),
        ("/payment_channels/0/label", Some(json!({ "en-US": "Pay" }))),
        ("/payment_channels/0/label", Some(json!(null))),
        ("/csrf", Some(json!({ "cookie": "c", "header": "X-C" }))),
        ("/csrf", Some(json!({ "cookie": "c" }))),
        ("/review_days", Some(json!(null))),
        ("/timeout_seconds", Some(json!(30))),
        ("/locale", Some(json!(null))),
        ("/endpoint", None),
        ("/theme", Some(json!(7))),
        ("/surprise", Some(json!(1))),
    ];
    for (pointer, change) in cases {
        let mut config: Value = serde_json::from_str(CN).unwrap();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        match (config.pointer_mut(parent), change) {
            (Some(Value::Object(map)), Some(value)) => {
                map.insert(key.to_owned(), value);
            }
            (Some(Value::Object(map)), None) => {
                map.remove(key);
            }
            (Some(Value::Array(items)), Some(value)) => {
                items[key.parse::<usize>().unwrap()] = value
            }
            other => panic!("{pointer}: {other:?}"),
        }
        let text = config.to_string();
        let (widget, serde) = (widget_reads(&text), serde_reads(&text));
        if !serde_quirk(&config, &widget, &serde) {
            assert_eq!(widget, serde, "{pointer}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_text_as_a_configuration_is_a_typed_error_or_a_configuration(text in "\\PC{0,300}") {
        let _ = WidgetConfig::from_json(&text, &TestPage::new());
    }

    /// One value anywhere in a sample configuration replaced by a value of any shape, or
    /// removed: refused with a typed error naming a path (or accepted), never a panic.
    #[test]
    fn a_configuration_damaged_anywhere_is_refused_with_a_typed_error(
        (config, _) in damaged_config(),
    ) {
        if let Err(error) = WidgetConfig::from_json(&config.to_string(), &TestPage::new()) {
            match error.error {
                EngineError::Invalid { path, .. } => prop_assert!(!path.is_empty()),
                EngineError::MalformedJson { .. } | EngineError::TooDeep { .. } => {}
            }
        }
    }

    /// The widget's hand-written reader and serde's derived one give the same answer for
    /// a sample configuration damaged anywhere: the same wire values, or the same error
    /// at the same path.
    #[test]
    fn the_widgets_reader_answers_as_serdes_for_a_damaged_configuration(
        (config, pointer) in damaged_config(),
    ) {
        let text = config.to_string();
        let (widget, serde) = (widget_reads(&text), serde_reads(&text));
        if !serde_quirk(&config, &widget, &serde) {
            prop_assert_eq!(widget, serde, "{}", pointer);
        }
    }

    /// Any JSON value serde_json writes, compact or pretty, the widget's parser reads; and
    /// what it writes back, serde_json reads as it reads the original (numbers keep their
    /// digits: serde_json's own reading of some floats is off in the last place).
    #[test]
    fn the_widgets_parser_reads_all_json_and_writes_it_back_unchanged(value in any_json(), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_string_pretty(&value).unwrap() } else { value.to_string() };
        let parsed = repay_widget::json::parse(&text);
        prop_assert!(parsed.is_ok(), "{}: {:?}", text, parsed);
        let mut written = String::new();
        parsed.unwrap().write(&mut written);
        let original: Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(serde_json::from_str::<Value>(&written).unwrap(), original);
    }

    /// Text made of JSON's own characters: the widget's parser accepts exactly what
    /// serde_json accepts (beyond serde_json, it also takes numbers too large for an
    /// `f64`: the configuration reads none).
    #[test]
    fn the_widgets_parser_accepts_what_serde_json_accepts(text in "[\\[\\]{}\":,0-9.eE+\\- \n\\\\utrfalsn]{0,24}") {
        let ours = repay_widget::json::parse(&text);
        match serde_json::from_str::<Value>(&text) {
            Ok(_) => prop_assert!(ours.is_ok(), "{:?}: {:?}", text, ours),
            Err(error) if error.to_string().starts_with("number out of range") => {}
            Err(error) => prop_assert!(
                matches!(ours, Err(EngineError::MalformedJson { .. })),
                "{:?}: serde_json {}, ours {:?}", text, error, ours
            ),
        }
    }

    #[test]
    fn any_typed_amount_is_a_typed_error_or_an_amount_the_currency_can_hold(
        text in "\\PC{0,24}",
        code in prop::sample::select(vec!["CNY", "USD", "JPY", "KWD"]),
    ) {
        let currency = Currency::from_code(code).unwrap();
        match parse_amount(&text, currency) {
            Ok(money) => {
                prop_assert!(!money.is_negative());
                // What parsed prints back in canonical form and parses to the same amount.
                prop_assert_eq!(parse_amount(&money.to_string(), currency), Ok(money));
            }
            Err(InputError::Empty) => {
                let ignored = ",，_'¥￥$€£\u{a0}\u{3000}";
                let blank = text.chars().all(|c| c.is_whitespace() || ignored.contains(c));
                prop_assert!(blank, "{:?} read as empty", text);
            }
            Err(_) => {}
        }
    }

    #[test]
    fn amounts_typed_with_grouping_and_full_width_digits_read_as_written(
        units in 0u64..10_000_000_000,
        cents in 0u32..100,
    ) {
        let cny = Currency::from_code("CNY").unwrap();
        let plain = format!("{units}.{cents:02}");
        let grouped = {
            let digits = units.to_string();
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 { out.push(','); }
                out.push(c);
            }
            format!("¥{out}.{cents:02}")
        };
        let full_width: String = plain
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap(),
                '.' => '．',
                other => other,
            })
            .collect();
        let expected = parse_amount(&plain, cny).unwrap();
        prop_assert_eq!(expected.to_string(), plain);
        prop_assert_eq!(parse_amount(&grouped, cny), Ok(expected));
        prop_assert_eq!(parse_amount(&full_width, cny), Ok(expected));
    }

    #[test]
    fn any_typed_date_is_a_typed_error_or_a_date_in_the_window(text in "\\PC{0,14}") {
        let (earliest, latest) = (date(2026, 11, 28), date(2027, 1, 2));
        if let Ok(day) = parse_date(&text, earliest, latest) {
            prop_assert!(earliest <= day && day <= latest);
        }
    }
}

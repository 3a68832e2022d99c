//! Property tests of what the widget reads from outside: the host's configuration and
//! the amounts and dates the customer types. Whatever the input, a typed error or a
//! value, never a panic.
#![cfg(not(target_arch = "wasm32"))]

use jiff::civil::date;
use proptest::prelude::*;
use repay_engine::{Currency, EngineError};
use repay_widget::config::WidgetConfig;
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

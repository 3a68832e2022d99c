//! Property tests of what the widget reads from outside: the host's configuration and
//! the amounts and dates the customer types. Whatever the input, a typed error or a
//! value, never a panic.
#![cfg(not(target_arch = "wasm32"))]

use jiff::civil::date;
use proptest::prelude::*;
use repay_engine::{Currency, EngineError};
use repay_widget::config::WidgetConfig;
use repay_widget::input::{parse_amount, parse_date, InputError};
use repay_widget::links::native::PageAt;
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

/// An error's path (`policy.plans[2].instalment.terms`) as a JSON pointer
/// (`/policy/plans/2/instalment/terms`).
fn as_pointer(path: &str) -> String {
    let mut pointer = String::new();
    for part in path.split('.') {
        let mut rest = part;
        if let Some(at) = rest.find('[') {
            pointer.push('/');
            pointer.push_str(&rest[..at]);
            rest = &rest[at..];
            while let Some(end) = rest.find(']') {
                pointer.push('/');
                pointer.push_str(&rest[1..end]);
                rest = &rest[end + 1..];
            }
        } else {
            pointer.push('/');
            pointer.push_str(rest);
        }
    }
    pointer
}

/// Whether one pointer is the other or holds it.
fn related(a: &str, b: &str) -> bool {
    let holds =
        |outer: &str, inner: &str| inner == outer || inner.starts_with(&format!("{outer}/"));
    holds(a, b) || holds(b, a)
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

    /// A sample configuration's text with a span cut out and random text put in: most
    /// of it still gets past the JSON parser to the checks behind it. Either it is read,
    /// or the error names a path, or a line and column inside the text.
    #[test]
    fn text_damaged_anywhere_is_a_typed_error_or_a_configuration(
        which in 0usize..2,
        at in any::<prop::sample::Index>(),
        cut in 0usize..40,
        insert in "\\PC{0,12}",
    ) {
        let sample = [CN, US][which];
        let mut start = at.index(sample.len());
        while !sample.is_char_boundary(start) { start -= 1; }
        let mut end = (start + cut).min(sample.len());
        while !sample.is_char_boundary(end) { end -= 1; }
        let text = format!("{}{insert}{}", &sample[..start], &sample[end..]);
        if let Err(error) = WidgetConfig::from_json(&text, &PageAt::new()) {
            match error.error {
                EngineError::Invalid { path, .. } => prop_assert!(!path.is_empty()),
                EngineError::MalformedJson { line, column, .. } => {
                    let lines: Vec<&str> = text.split('\n').collect();
                    prop_assert!((1..=lines.len()).contains(&line), "line {} of {}", line, lines.len());
                    // serde_json counts the column in bytes, and 0 past a line's end.
                    prop_assert!(column <= lines[line - 1].len() + 1, "column {} on line {}", column, line);
                }
                EngineError::TooDeep { .. } => prop_assert!(false, "a sample is not deep"),
            }
        }
    }

    /// One value anywhere in a sample configuration replaced by a value of any shape, or
    /// removed: refused with a typed error at the damaged place (the value itself, what
    /// holds it, or what it holds), or accepted; never a panic.
    #[test]
    fn a_configuration_damaged_anywhere_is_refused_at_the_damage(
        (config, pointer) in damaged_config(),
    ) {
        if let Err(error) = WidgetConfig::from_json(&config.to_string(), &PageAt::new()) {
            match error.error {
                EngineError::Invalid { path, reason } => {
                    let named = as_pointer(&path);
                    prop_assert!(
                        related(&named, &pointer),
                        "damage at {} reported at {} ({:?})", pointer, path, reason
                    );
                }
                EngineError::MalformedJson { .. } | EngineError::TooDeep { .. } => {
                    prop_assert!(false, "a damaged value is still JSON");
                }
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

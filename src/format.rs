//! Locale formatting through the browser's `Intl`, exact from decimal strings.
//!
//! `Intl.NumberFormat` formats a numeric *string* without converting it to a float, so
//! the amount shown is exactly the engine's amount.

use jiff::civil::Date;
use js_sys::{Array, Intl, Object, Reflect};
use repay_engine::account::iso_date;
use repay_engine::Money;
use wasm_bindgen::JsValue;

use crate::i18n::Locale;

fn options(pairs: &[(&str, &str)]) -> Object {
    let options = Object::new();
    for (key, value) in pairs {
        // Setting a plain property on a fresh object cannot fail.
        let _ = Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    options
}

fn locales(locale: Locale) -> Array {
    Array::of1(&JsValue::from_str(locale.tag()))
}

/// An amount with its currency, e.g. `¥860.00` or `$1,234.56`.
pub fn money(money: &Money, locale: Locale) -> String {
    let format = Intl::NumberFormat::new(
        &locales(locale),
        &options(&[("style", "currency"), ("currency", money.currency().code())]),
    );
    format
        .format()
        .call1(&JsValue::UNDEFINED, &JsValue::from_str(&money.to_string()))
        .ok()
        .and_then(|text| text.as_string())
        // Intl is in every supported browser; the plain form keeps the figure visible anyway.
        .unwrap_or_else(|| format!("{} {}", money.currency().code(), money))
}

/// A calendar date in the locale's long form, e.g. `10 November 2026` / `2026年11月10日`.
pub fn date(date: Date, locale: Locale) -> String {
    // A date-only ISO string is read as midnight UTC, and formatted in UTC below, so the
    // calendar day never shifts with the browser's time zone.
    let js_date = js_sys::Date::new(&JsValue::from_str(&iso_date(date)));
    let format = Intl::DateTimeFormat::new(
        &locales(locale),
        &options(&[
            ("year", "numeric"),
            ("month", "long"),
            ("day", "numeric"),
            ("timeZone", "UTC"),
        ]),
    );
    format
        .format()
        .call1(&JsValue::UNDEFINED, &js_date)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| iso_date(date))
}

/// An integer in the locale's digits and grouping.
pub fn integer(value: i64, locale: Locale) -> String {
    let format = Intl::NumberFormat::new(&locales(locale), &Object::new());
    format
        .format()
        .call1(&JsValue::UNDEFINED, &JsValue::from_str(&value.to_string()))
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| value.to_string())
}

/// A rate given as a fraction (`"0.138881"`) as a percentage with two decimals: `13.89%`.
pub fn percent(fraction: &repay_engine::rust_decimal::Decimal, locale: Locale) -> String {
    let format = Intl::NumberFormat::new(
        &locales(locale),
        &options(&[
            ("style", "percent"),
            ("minimumFractionDigits", "2"),
            ("maximumFractionDigits", "2"),
        ]),
    );
    format
        .format()
        .call1(
            &JsValue::UNDEFINED,
            &JsValue::from_str(&fraction.to_string()),
        )
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| format!("{fraction}"))
}

//! Locale formatting through the browser's `Intl`, exact from decimal strings.
//!
//! `Intl.NumberFormat` formats a numeric *string* without converting it to a float, so
//! the amount shown is exactly the engine's amount. Building an `Intl` formatter is
//! slow next to using one, and a step shows a hundred figures, so each formatter is
//! built once per language and kind and kept.

use std::cell::RefCell;

use jiff::civil::Date;
use js_sys::{Array, Function, Intl, Object, Reflect};
use repay_engine::account::iso_date;
use repay_engine::Money;
use wasm_bindgen::JsValue;

use crate::i18n::Locale;

/// What a formatter formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Amounts in this ISO 4217 currency.
    Money(&'static str),
    /// Calendar dates, long form.
    Date,
    Integer,
    /// Fractions as percentages with two decimals.
    Percent,
}

thread_local! {
    static FORMATTERS: RefCell<Vec<(Locale, Kind, Function)>> = const { RefCell::new(Vec::new()) };
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let options = Object::new();
    for (key, value) in pairs {
        // Setting a plain property on a fresh object cannot fail.
        let _ = Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    options
}

/// The bound `format` function for `locale` and `kind`, built on first use.
fn formatter(locale: Locale, kind: Kind) -> Function {
    FORMATTERS.with(|cache| {
        if let Some((_, _, format)) = cache
            .borrow()
            .iter()
            .find(|(l, k, _)| *l == locale && *k == kind)
        {
            return format.clone();
        }
        let locales = Array::of1(&JsValue::from_str(locale.tag()));
        let format = match kind {
            Kind::Money(currency) => Intl::NumberFormat::new(
                &locales,
                &options(&[("style", "currency"), ("currency", currency)]),
            )
            .format(),
            Kind::Date => Intl::DateTimeFormat::new(
                &locales,
                &options(&[
                    ("year", "numeric"),
                    ("month", "long"),
                    ("day", "numeric"),
                    ("timeZone", "UTC"),
                ]),
            )
            .format(),
            Kind::Integer => Intl::NumberFormat::new(&locales, &Object::new()).format(),
            Kind::Percent => Intl::NumberFormat::new(
                &locales,
                &options(&[
                    ("style", "percent"),
                    ("minimumFractionDigits", "2"),
                    ("maximumFractionDigits", "2"),
                ]),
            )
            .format(),
        };
        cache.borrow_mut().push((locale, kind, format.clone()));
        format
    })
}

fn apply(locale: Locale, kind: Kind, value: &JsValue) -> Option<String> {
    formatter(locale, kind)
        .call1(&JsValue::UNDEFINED, value)
        .ok()?
        .as_string()
}

/// An amount with its currency, e.g. `¥860.00` or `$1,234.56`.
pub fn money(money: &Money, locale: Locale) -> String {
    let code = money.currency().code();
    apply(
        locale,
        Kind::Money(code),
        &JsValue::from_str(&money.to_string()),
    )
    // Intl is in every supported browser; the plain form keeps the figure visible anyway.
    .unwrap_or_else(|| format!("{code} {money}"))
}

/// A calendar date in the locale's long form, e.g. `10 November 2026` / `2026年11月10日`.
pub fn date(date: Date, locale: Locale) -> String {
    // A date-only ISO string is read as midnight UTC, and formatted in UTC, so the
    // calendar day never shifts with the browser's time zone.
    let js_date = js_sys::Date::new(&JsValue::from_str(&iso_date(date)));
    apply(locale, Kind::Date, &js_date).unwrap_or_else(|| iso_date(date))
}

/// An integer in the locale's digits and grouping.
pub fn integer(value: i64, locale: Locale) -> String {
    apply(
        locale,
        Kind::Integer,
        &JsValue::from_str(&value.to_string()),
    )
    .unwrap_or_else(|| value.to_string())
}

/// A rate given as a fraction (`"0.138881"`) as a percentage with two decimals: `13.89%`.
pub fn percent(fraction: &repay_engine::rust_decimal::Decimal, locale: Locale) -> String {
    apply(
        locale,
        Kind::Percent,
        &JsValue::from_str(&fraction.to_string()),
    )
    .unwrap_or_else(|| format!("{fraction}"))
}

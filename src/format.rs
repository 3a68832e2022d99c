//! Locale formatting of amounts, dates, integers and rates, exact from the engine's
//! decimals, in plain Rust.
//!
//! The output is, character for character, what the browser's `Intl` gives for the two
//! locales the widget speaks and every currency the engine knows (CLDR's symbols and
//! patterns); a browser test compares the two across all of them. (One difference on
//! purpose: a small negative rate is `0.00%`, where `Intl` writes `-0.00%`.) It is written
//! out here rather than asked of `Intl` because the first `Intl` formatter a page builds
//! makes the browser load its locale data: 11–27 ms in a fresh page on the benchmark
//! machine, longer than everything else the first render does.

use jiff::civil::Date;
use repay_engine::rust_decimal::{Decimal, RoundingStrategy};
use repay_engine::Money;

use crate::i18n::Locale;

/// CLDR's symbol for a currency in English (US) and in Chinese (China), for the currencies
/// that have one; any other is written as its code and a no-break space (`CHF 1.00`).
const SYMBOLS: &[(&str, &str, &str)] = &[
    ("AUD", "A$", "AU$"),
    ("CAD", "CA$", "CA$"),
    ("CNY", "CN¥", "¥"),
    ("EUR", "€", "€"),
    ("GBP", "£", "£"),
    ("HKD", "HK$", "HK$"),
    ("JPY", "¥", "JP¥"),
    ("KRW", "₩", "₩"),
    ("NZD", "NZ$", "NZ$"),
    ("TWD", "NT$", "NT$"),
    ("USD", "$", "US$"),
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Writes a plain decimal string (`-1234567.50`) with its integer digits grouped in
/// threes (`-1,234,567.50`), after `prefix` and the sign. Both locales group so.
fn grouped(plain: &str, prefix: &str) -> String {
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain),
    };
    let (whole, fraction) = digits.split_at(digits.find('.').unwrap_or(digits.len()));
    let mut out = String::with_capacity(plain.len() + prefix.len() + whole.len() / 3 + 1);
    out.push_str(sign);
    out.push_str(prefix);
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out.push_str(fraction);
    out
}

/// An amount with its currency, e.g. `$1,234.56`, `¥860.00` (Chinese), `KWD 1.500`.
pub fn money(money: &Money, locale: Locale) -> String {
    let code = money.currency().code();
    let symbol = SYMBOLS
        .iter()
        .find(|(known, ..)| *known == code)
        .map(|&(_, english, chinese)| match locale {
            Locale::EnUs => english.to_owned(),
            Locale::ZhCn => chinese.to_owned(),
        })
        .unwrap_or_else(|| format!("{code}\u{a0}"));
    // The engine keeps every amount at its currency's minor units, so its canonical
    // string has exactly the decimals to show.
    grouped(&money.to_string(), &symbol)
}

/// A calendar date in the locale's long form: `September 5, 2026` / `2026年9月5日`.
pub fn date(date: Date, locale: Locale) -> String {
    let (year, month, day) = (date.year(), date.month(), date.day());
    match locale {
        Locale::EnUs => {
            let name = MONTHS[usize::from(month.unsigned_abs()) - 1];
            format!("{name} {day}, {year}")
        }
        Locale::ZhCn => format!("{year}年{month}月{day}日"),
    }
}

/// An integer with its digits grouped: `1,234`.
pub fn integer(value: i64, _locale: Locale) -> String {
    grouped(&value.to_string(), "")
}

/// A rate given as a fraction (`0.138881`) as a percentage with two decimals, rounded half
/// away from zero as `Intl` does: `13.89%`. A rate that rounds to zero is `0.00%`, unsigned.
/// (The engine's rates stay far below the largest `Decimal`; a fraction too large to
/// multiply by 100 is written by appending two zeros to its whole part instead.)
pub fn percent(fraction: &Decimal, _locale: Locale) -> String {
    let Some(percentage) = fraction.checked_mul(Decimal::ONE_HUNDRED) else {
        return grouped(&format!("{}00", fraction.trunc()), "") + ".00%";
    };
    let mut hundredths =
        percentage.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    hundredths.rescale(2);
    if hundredths.is_zero() {
        hundredths.set_sign_positive(true);
    }
    let mut text = grouped(&hundredths.to_string(), "");
    text.push('%');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use repay_engine::Currency;

    fn amount(text: &str, code: &str) -> Money {
        Money::parse(text, Currency::from_code(code).unwrap()).unwrap()
    }

    #[test]
    fn groups_the_whole_part_only() {
        assert_eq!(grouped("0.50", "$"), "$0.50");
        assert_eq!(grouped("999", ""), "999");
        assert_eq!(grouped("1000", ""), "1,000");
        assert_eq!(grouped("-1234567.891", "X"), "-X1,234,567.891");
        assert_eq!(grouped("123456", ""), "123,456");
    }

    #[test]
    fn money_carries_the_locale_symbol_and_the_currency_decimals() {
        let en = Locale::EnUs;
        let zh = Locale::ZhCn;
        assert_eq!(money(&amount("1234.5", "USD"), en), "$1,234.50");
        assert_eq!(money(&amount("1234.5", "USD"), zh), "US$1,234.50");
        assert_eq!(money(&amount("860", "CNY"), zh), "¥860.00");
        assert_eq!(money(&amount("860", "CNY"), en), "CN¥860.00");
        assert_eq!(money(&amount("1234567", "JPY"), zh), "JP¥1,234,567");
        assert_eq!(money(&amount("1.5", "KWD"), en), "KWD\u{a0}1.500");
        assert_eq!(money(&amount("-0.5", "EUR"), en), "-€0.50");
    }

    #[test]
    fn dates_are_written_in_each_locale_long_form() {
        let day = jiff::civil::date(2026, 9, 5);
        assert_eq!(date(day, Locale::EnUs), "September 5, 2026");
        assert_eq!(date(day, Locale::ZhCn), "2026年9月5日");
        assert_eq!(
            date(jiff::civil::date(2027, 12, 31), Locale::EnUs),
            "December 31, 2027"
        );
    }

    #[test]
    fn rates_round_half_away_from_zero_to_two_decimals() {
        let rate = |text: &str| percent(&text.parse().unwrap(), Locale::EnUs);
        assert_eq!(rate("0.138881"), "13.89%");
        assert_eq!(rate("0.00005"), "0.01%");
        assert_eq!(rate("0.000049"), "0.00%");
        assert_eq!(rate("-0.000001"), "0.00%");
        assert_eq!(rate("0.2"), "20.00%");
        assert_eq!(rate("12.5"), "1,250.00%");
        assert_eq!(integer(-1234567, Locale::ZhCn), "-1,234,567");
        assert_eq!(
            percent(&Decimal::MAX, Locale::EnUs),
            "7,922,816,251,426,433,759,354,395,033,500.00%"
        );
    }
}

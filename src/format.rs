//! Locale formatting of amounts, dates, integers and rates, exact from the engine's
//! decimals, driven by each locale's CLDR facts (`[format]` in `locales/<tag>.toml`:
//! decimal and group symbols, grouping, currency and percent patterns, the date
//! pattern, month names, currency symbols), with no code per locale.
//!
//! The output is, character for character, what the browser's `Intl` gives for every
//! locale the widget speaks and every currency the engine knows (CLDR's symbols and
//! patterns); a browser test compares the two across all of them. (One difference on
//! purpose: a small negative rate is `0.00%`, where `Intl` writes `-0.00%`.) It is written
//! out here rather than asked of `Intl` because the first `Intl` formatter a page builds
//! makes the browser load its locale data: 11–27 ms in a fresh page on the benchmark
//! machine (38 ms median of 15 on the build machine), longer than everything else the
//! first render does.

use jiff::civil::Date;
use repay_engine::rust_decimal::{Decimal, RoundingStrategy};
use repay_engine::Money;

use crate::i18n::{facts, DatePart, Facts, Locale};

/// Writes a plain decimal string (`-1234567.50`) in `facts`' symbols and grouping
/// (`-1,234,567.50`), with `before` and `after` around the number and the sign first.
fn written(plain: &str, facts: &Facts, before: &str, after: &str) -> String {
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let mut out = String::with_capacity(plain.len() + before.len() + after.len() + whole.len() / 2);
    out.push_str(sign);
    out.push_str(before);
    let (primary, secondary) = facts.grouping;
    let len = whole.len();
    for (index, digit) in whole.chars().enumerate() {
        let left = len - index;
        let breaks = primary > 0
            && index > 0
            && (left == primary
                || (left > primary && secondary > 0 && (left - primary) % secondary == 0));
        if breaks {
            out.push_str(facts.group);
        }
        out.push(digit);
    }
    if let Some(fraction) = fraction {
        out.push_str(facts.decimal);
        out.push_str(fraction);
    }
    out.push_str(after);
    out
}

/// An amount with its currency, e.g. `$1,234.56`, `¥860.00` (Chinese), `KWD 1.500`: the
/// locale's symbol where it has one, otherwise the code and a no-break space (CLDR's
/// spacing between a code and digits).
pub fn money(money: &Money, locale: Locale) -> String {
    let facts = facts(locale);
    let code = money.currency().code();
    let symbol = facts
        .symbols
        .iter()
        .find(|(known, _)| *known == code)
        .map_or_else(
            || format!("{code}\u{a0}"),
            |(_, symbol)| (*symbol).to_owned(),
        );
    let (before, after) = facts.currency;
    // The engine keeps every amount at its currency's minor units, so its canonical
    // string has exactly the decimals to show.
    written(
        &money.to_string(),
        facts,
        &before.replace('¤', &symbol),
        &after.replace('¤', &symbol),
    )
}

/// A calendar date in the locale's long form: `September 5, 2026` / `2026年9月5日`.
pub fn date(date: Date, locale: Locale) -> String {
    let facts = facts(locale);
    let month = usize::from(date.month().unsigned_abs());
    let mut out = String::new();
    for part in facts.date {
        match part {
            DatePart::Text(text) => out.push_str(text),
            DatePart::Year => out.push_str(&date.year().to_string()),
            DatePart::Month => out.push_str(&month.to_string()),
            DatePart::MonthName => out.push_str(facts.months[month - 1]),
            DatePart::Day => out.push_str(&date.day().to_string()),
        }
    }
    out
}

/// An integer with its digits grouped: `1,234`.
pub fn integer(value: i64, locale: Locale) -> String {
    written(&value.to_string(), facts(locale), "", "")
}

/// A rate given as a fraction (`0.138881`) as a percentage with two decimals, rounded half
/// away from zero as `Intl` does: `13.89%`. A rate that rounds to zero is `0.00%`, unsigned.
/// (The engine's rates stay far below the largest `Decimal`; a fraction too large to
/// multiply by 100 is written by appending two zeros to its whole part instead.)
pub fn percent(fraction: &Decimal, locale: Locale) -> String {
    let facts = facts(locale);
    let (before, after) = facts.percent;
    let Some(percentage) = fraction.checked_mul(Decimal::ONE_HUNDRED) else {
        let whole = format!("{}00.00", fraction.trunc());
        return written(&whole, facts, before, after);
    };
    let mut hundredths =
        percentage.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    hundredths.rescale(2);
    if hundredths.is_zero() {
        hundredths.set_sign_positive(true);
    }
    written(&hundredths.to_string(), facts, before, after)
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
        let en = facts(Locale::EnUs);
        assert_eq!(written("0.50", en, "$", ""), "$0.50");
        assert_eq!(written("999", en, "", ""), "999");
        assert_eq!(written("1000", en, "", ""), "1,000");
        assert_eq!(written("-1234567.891", en, "X", ""), "-X1,234,567.891");
        assert_eq!(written("123456", en, "", ""), "123,456");
        // A pattern with a secondary grouping (#,##,##0), and a symbol after the number.
        let indian = Facts {
            grouping: (3, 2),
            ..*facts(Locale::EnUs)
        };
        assert_eq!(
            written("-12345678.5", &indian, "", " ¤"),
            "-1,23,45,678.5 ¤"
        );
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

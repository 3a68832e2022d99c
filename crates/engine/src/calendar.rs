//! Calendar arithmetic on civil dates: monthly due dates that clamp to the month's end
//! (31 January → 28 or 29 February) and whole-day distances.

use jiff::civil::Date;

/// `anchor` plus `months` months, the day clamped to the target month's last day.
///
/// Each due date is computed from the same anchor, so a plan starting on 31 January
/// falls due on 28/29 February and then on 31 March again, never drifting to the 28th.
///
/// # Examples
///
/// ```
/// use jiff::civil::date;
/// use repay_engine::calendar::add_months;
/// assert_eq!(add_months(date(2026, 1, 31), 1), Some(date(2026, 2, 28)));
/// assert_eq!(add_months(date(2028, 1, 31), 1), Some(date(2028, 2, 29)));
/// assert_eq!(add_months(date(2026, 1, 31), 2), Some(date(2026, 3, 31)));
/// ```
///
/// `None` only past the year 9999.
pub fn add_months(anchor: Date, months: u32) -> Option<Date> {
    let zero_based =
        i64::from(anchor.year()) * 12 + i64::from(anchor.month() - 1) + i64::from(months);
    let year = i16::try_from(zero_based.div_euclid(12)).ok()?;
    let month = i8::try_from(zero_based.rem_euclid(12) + 1).ok()?;
    let first = Date::new(year, month, 1).ok()?;
    let day = anchor.day().min(first.days_in_month());
    Date::new(year, month, day).ok()
}

/// `date` plus `days` days; `None` only past the year 9999.
pub fn add_days(date: Date, days: i64) -> Option<Date> {
    let days = i32::try_from(days).ok()?;
    date.checked_add(jiff::Span::new().try_days(days).ok()?)
        .ok()
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    // Civil dates carry no time zone, so every day here is exactly 24 hours.
    to.duration_since(from).as_hours() / 24
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn month_ends_clamp_without_drifting() {
        let anchor = date(2026, 8, 31);
        let dates: Vec<_> = (0..7).map(|n| add_months(anchor, n).unwrap()).collect();
        assert_eq!(
            dates,
            vec![
                date(2026, 8, 31),
                date(2026, 9, 30),
                date(2026, 10, 31),
                date(2026, 11, 30),
                date(2026, 12, 31),
                date(2027, 1, 31),
                date(2027, 2, 28),
            ]
        );
    }

    #[test]
    fn crosses_years_and_stops_at_the_calendar_end() {
        assert_eq!(add_months(date(2026, 12, 15), 1), Some(date(2027, 1, 15)));
        assert_eq!(add_months(date(2026, 11, 15), 60), Some(date(2031, 11, 15)));
        assert_eq!(add_months(date(9999, 12, 1), 1), None);
    }

    #[test]
    fn counts_days_both_ways() {
        assert_eq!(days_between(date(2026, 11, 10), date(2026, 11, 28)), 18);
        assert_eq!(days_between(date(2026, 11, 28), date(2026, 11, 10)), -18);
        assert_eq!(add_days(date(2026, 12, 25), 10), Some(date(2027, 1, 4)));
    }
}

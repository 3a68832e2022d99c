//! Calendar arithmetic on civil dates: monthly due dates that clamp to the month's end
//! (31 January → 28 or 29 February), whole-day distances, and the bank's working days
//! (its weekend and holidays), on which a payment it collects is actually taken.

use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Serialize};

/// A date that serialises as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateText(pub Date);

impl Serialize for DateText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&crate::account::iso_date(self.0))
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for DateText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "date".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        crate::schema::Date::json_schema(generator)
    }
}

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

/// A day of the week, as a policy names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DayOfWeek {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl DayOfWeek {
    fn of(date: Date) -> Self {
        match date.weekday() {
            Weekday::Monday => Self::Monday,
            Weekday::Tuesday => Self::Tuesday,
            Weekday::Wednesday => Self::Wednesday,
            Weekday::Thursday => Self::Thursday,
            Weekday::Friday => Self::Friday,
            Weekday::Saturday => Self::Saturday,
            Weekday::Sunday => Self::Sunday,
        }
    }
}

/// The days the bank does not take payments it collects (a Direct Debit, an instalment):
/// its weekend, and its holidays. A policy that gives none works every day.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct NonWorkingDaysWire {
    /// The weekend, e.g. `["saturday", "sunday"]`.
    pub weekdays: Vec<DayOfWeek>,
    /// Holidays, `YYYY-MM-DD`, e.g. `["2026-12-25", "2026-12-28"]`.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<crate::schema::Date>"))]
    pub dates: Vec<String>,
}

/// The bank's working days, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkingDays {
    weekdays: Vec<DayOfWeek>,
    /// Sorted, each once.
    holidays: Vec<Date>,
}

/// The most holidays a policy may list: ten years of any market's public holidays.
pub const MAX_HOLIDAYS: usize = 400;

impl WorkingDays {
    /// Checks the wire form; `path` names the field in errors.
    ///
    /// # Errors
    ///
    /// [`crate::EngineError::Invalid`] at `path.dates[i]` for a date that is not
    /// `YYYY-MM-DD`, at `path.dates` for more than [`MAX_HOLIDAYS`], and at
    /// `path.weekdays` when every day of the week is off (no payment could ever be taken).
    pub fn from_wire(path: &str, wire: &NonWorkingDaysWire) -> Result<Self, crate::EngineError> {
        use crate::error::{EngineError, InvalidReason};
        if wire.dates.len() > MAX_HOLIDAYS {
            return Err(EngineError::invalid(
                format!("{path}.dates"),
                InvalidReason::TooMany { max: MAX_HOLIDAYS },
            ));
        }
        let mut holidays = wire
            .dates
            .iter()
            .enumerate()
            .map(|(index, text)| {
                crate::account::parse_iso_date(text).ok_or_else(|| {
                    EngineError::invalid(
                        format!("{path}.dates[{index}]"),
                        InvalidReason::ImpossibleDate,
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        holidays.sort_unstable();
        holidays.dedup();
        let mut weekdays = wire.weekdays.clone();
        weekdays.dedup();
        if (0..7).all(|offset| {
            let day = add_days(jiff::civil::date(2026, 1, 5), offset).unwrap_or(Date::MIN);
            weekdays.contains(&DayOfWeek::of(day))
        }) {
            return Err(EngineError::invalid(
                format!("{path}.weekdays"),
                InvalidReason::NotAllowed,
            ));
        }
        Ok(Self { weekdays, holidays })
    }

    /// Whether the bank takes payments on `date`.
    pub fn is_working(&self, date: Date) -> bool {
        !self.weekdays.contains(&DayOfWeek::of(date)) && self.holidays.binary_search(&date).is_err()
    }

    /// The first working day on or after `date`: when a payment due on `date` is taken.
    pub fn on_or_after(&self, date: Date) -> Date {
        let mut day = date;
        // At most a weekend of six days and a run of holidays: bounded by the list.
        for _ in 0..=(7 + self.holidays.len()) {
            if self.is_working(day) {
                return day;
            }
            match add_days(day, 1) {
                Some(next) => day = next,
                None => break,
            }
        }
        date
    }

    /// The last working day on or before `date` and not before `earliest`; `date` itself
    /// when there is none in between (a payment can still be made that day by the
    /// customer's own means).
    pub fn on_or_before(&self, date: Date, earliest: Date) -> Date {
        let mut day = date;
        while day >= earliest {
            if self.is_working(day) {
                return day;
            }
            match add_days(day, -1) {
                Some(previous) => day = previous,
                None => break,
            }
        }
        date
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn uk_christmas() -> WorkingDays {
        WorkingDays::from_wire(
            "policy.non_working_days",
            &NonWorkingDaysWire {
                weekdays: vec![DayOfWeek::Saturday, DayOfWeek::Sunday],
                dates: vec!["2026-12-28".into(), "2026-12-25".into()],
            },
        )
        .unwrap()
    }

    #[test]
    fn a_payment_due_on_a_holiday_weekend_is_taken_on_the_next_working_day() {
        let days = uk_christmas();
        // Friday 25 December (holiday), the weekend, Monday 28 (substitute Boxing Day).
        assert!(!days.is_working(date(2026, 12, 26)));
        assert_eq!(days.on_or_after(date(2026, 12, 25)), date(2026, 12, 29));
        assert_eq!(days.on_or_after(date(2026, 12, 24)), date(2026, 12, 24));
        // A default date moves back to the last working day before it, not before today.
        assert_eq!(
            days.on_or_before(date(2026, 12, 26), date(2026, 11, 28)),
            date(2026, 12, 24)
        );
        assert_eq!(
            days.on_or_before(date(2026, 12, 26), date(2026, 12, 25)),
            date(2026, 12, 26)
        );
    }

    #[test]
    fn a_week_with_no_working_day_and_a_wrong_holiday_are_refused() {
        let all = NonWorkingDaysWire {
            weekdays: vec![
                DayOfWeek::Monday,
                DayOfWeek::Tuesday,
                DayOfWeek::Wednesday,
                DayOfWeek::Thursday,
                DayOfWeek::Friday,
                DayOfWeek::Saturday,
                DayOfWeek::Sunday,
            ],
            dates: Vec::new(),
        };
        assert!(WorkingDays::from_wire("w", &all).is_err());
        let bad = NonWorkingDaysWire {
            weekdays: Vec::new(),
            dates: vec!["2026-02-30".into()],
        };
        let error = WorkingDays::from_wire("w", &bad).unwrap_err();
        assert!(error.to_string().contains("w.dates[0]"), "{error}");
    }

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

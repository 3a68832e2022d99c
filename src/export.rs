//! The schedule as files the customer keeps: calendar reminders (iCalendar, RFC 5545)
//! and a spreadsheet (CSV, RFC 4180). Pure: each file is built from the plan, the
//! language and, for the calendar, the time it is made; the download itself is
//! [`crate::effects`]' job.

use repay_engine::account::iso_date;
use repay_engine::Plan;

use crate::format;
use crate::i18n::{fill, Locale, Msg};

/// A file for the customer to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub name: String,
    /// Its media type, with the charset.
    pub mime: &'static str,
    pub contents: String,
}

/// The plan's payments as calendar events with reminders, in the customer's language.
/// `now` is the time the file is made, RFC 3339 in UTC (`2026-11-28T10:15:00.000Z`).
pub fn calendar_file(plan: &Plan, locale: Locale, now: &str) -> File {
    // A plan the bank still reviews says so on every reminder: the dates hold once agreed.
    let provisional = match plan.verdict {
        repay_engine::Verdict::NeedsReview { .. } => Msg::IcsProvisional.text(locale),
        _ => "",
    };
    let summary = |n: usize, total: usize, amount: &str| {
        let text = fill(
            Msg::IcsSummary.text(locale),
            &[
                ("n", &n.to_string()),
                ("total", &total.to_string()),
                ("amount", amount),
            ],
        );
        format!("{provisional}{text}")
    };
    let reminder = |amount: &str| fill(Msg::IcsReminder.text(locale), &[("amount", amount)]);
    let amount = |m: &repay_engine::Money| format::money(m, locale);
    let texts = IcsTexts {
        summary: &summary,
        reminder: &reminder,
        amount: &amount,
    };
    let first = iso_date(plan.first_payment_date.0);
    let uid = format!("repay-{first}-{}-{}", plan.offer, plan.term_months);
    File {
        name: format!("repayment-schedule-{first}.ics"),
        mime: "text/calendar;charset=utf-8",
        contents: ics(plan, &texts, &ics_stamp(now), &uid),
    }
}

/// The schedule's column headings, in the customer's language: the same on screen and
/// in the spreadsheet.
pub fn schedule_headings(locale: Locale) -> [&'static str; 7] {
    [
        Msg::Number,
        Msg::DueOn,
        Msg::Principal,
        Msg::Interest,
        Msg::Fee,
        Msg::Payment,
        Msg::BalanceAfter,
    ]
    .map(|m| m.text(locale))
}

/// The plan's schedule as a spreadsheet, its headings in the customer's language.
pub fn spreadsheet_file(plan: &Plan, locale: Locale) -> File {
    let headers = schedule_headings(locale);
    File {
        name: format!(
            "repayment-schedule-{}.csv",
            iso_date(plan.first_payment_date.0)
        ),
        mime: "text/csv;charset=utf-8",
        contents: csv(plan, headers),
    }
}

/// An RFC 3339 UTC time as an iCalendar UTC stamp, `YYYYMMDDTHHMMSSZ`.
fn ics_stamp(now: &str) -> String {
    let digits: String = now.chars().filter(char::is_ascii_digit).take(14).collect();
    let (date, time) = digits.split_at(8.min(digits.len()));
    format!("{date}T{time}Z")
}

/// The longest content line RFC 5545 allows, in octets, before folding.
const ICS_LINE_OCTETS: usize = 75;

/// The texts a calendar event needs, already in the customer's language.
pub struct IcsTexts<'a> {
    /// The event title for payment `n` of `total`, given its amount.
    pub summary: &'a dyn Fn(usize, usize, &str) -> String,
    /// The reminder's text the day before.
    pub reminder: &'a dyn Fn(&str) -> String,
    /// An amount as the customer reads it (`¥772.79`).
    pub amount: &'a dyn Fn(&repay_engine::Money) -> String,
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            other => out.push(other),
        }
    }
    out
}

/// Appends a content line, folded at 75 octets without splitting a character, and CRLF.
fn push_line(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > ICS_LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

fn compact_date(date: jiff::civil::Date) -> String {
    iso_date(date).replace('-', "")
}

/// An iCalendar file with one all-day event per payment, each with a reminder the day
/// before. `stamp` is the creation time as `YYYYMMDDTHHMMSSZ`; `uid_base` makes the
/// events' identifiers stable, so downloading twice updates rather than duplicates.
pub fn ics(plan: &Plan, texts: &IcsTexts<'_>, stamp: &str, uid_base: &str) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//repay-widget//Repayment schedule//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push_line(&mut out, line);
    }
    let payments: Vec<_> = plan.schedule.iter().filter(|row| row.number > 0).collect();
    let total = payments.len();
    for (index, row) in payments.iter().enumerate() {
        let amount = (texts.amount)(&row.total);
        let day = row.due_date.0;
        let next_day = repay_engine::calendar::add_days(day, 1).unwrap_or(day);
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(
            &mut out,
            &format!("UID:{uid_base}-{}@repay-widget", row.number),
        );
        push_line(&mut out, &format!("DTSTAMP:{stamp}"));
        push_line(
            &mut out,
            &format!("DTSTART;VALUE=DATE:{}", compact_date(day)),
        );
        push_line(
            &mut out,
            &format!("DTEND;VALUE=DATE:{}", compact_date(next_day)),
        );
        push_line(
            &mut out,
            &format!(
                "SUMMARY:{}",
                escape_text(&(texts.summary)(index + 1, total, &amount))
            ),
        );
        push_line(&mut out, "TRANSP:TRANSPARENT");
        push_line(&mut out, "BEGIN:VALARM");
        push_line(&mut out, "ACTION:DISPLAY");
        push_line(&mut out, "TRIGGER:-P1D");
        push_line(
            &mut out,
            &format!("DESCRIPTION:{}", escape_text(&(texts.reminder)(&amount))),
        );
        push_line(&mut out, "END:VALARM");
        push_line(&mut out, "END:VEVENT");
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

/// Quotes a CSV field when it needs it (RFC 4180).
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// The schedule as CSV: translated headers, ISO dates and plain decimal amounts (what a
/// spreadsheet reads exactly), CRLF lines and a byte-order mark so spreadsheet programs
/// read the Chinese headers as UTF-8.
pub fn csv(plan: &Plan, headers: [&str; 7]) -> String {
    let mut out = String::from("\u{feff}");
    let line = |fields: &[String]| {
        fields
            .iter()
            .map(|f| csv_field(f))
            .collect::<Vec<_>>()
            .join(",")
            + "\r\n"
    };
    out.push_str(&line(&headers.map(str::to_owned)));
    for row in &plan.schedule {
        out.push_str(&line(&[
            row.number.to_string(),
            iso_date(row.due_date.0),
            row.principal.to_string(),
            row.interest.to_string(),
            row.fee.to_string(),
            row.total.to_string(),
            row.remaining_balance.to_string(),
        ]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calendar_is_stamped_with_the_time_it_is_made() {
        assert_eq!(ics_stamp("2026-11-28T10:15:07.123Z"), "20261128T101507Z");
    }
    use repay_engine::{plan_for, PlanChoice, Scenario};

    fn plan() -> Plan {
        let s = Scenario::from_json(include_str!("../crates/engine/data/cn-card.json")).unwrap();
        let choice = PlanChoice {
            term_months: Some(3),
            ..PlanChoice::default()
        };
        plan_for(&s.account, &s.policy, 2, &choice).unwrap()
    }

    fn texts_ics(plan: &Plan) -> String {
        let summary = |n: usize, total: usize, amount: &str| {
            format!("信用卡还款 第 {n}/{total} 期：{amount}, 请按时还款; 谢谢")
        };
        let reminder = |amount: &str| format!("明天需还款：{amount}");
        let amount = |m: &repay_engine::Money| format!("¥{m}");
        ics(
            plan,
            &IcsTexts {
                summary: &summary,
                reminder: &reminder,
                amount: &amount,
            },
            "20261128T101500Z",
            "repay-2026-11-28-2-3",
        )
    }

    #[test]
    fn one_event_per_payment_with_a_reminder_the_day_before() {
        let text = texts_ics(&plan());
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 3);
        assert_eq!(text.matches("TRIGGER:-P1D").count(), 3);
        assert!(text.contains("DTSTART;VALUE=DATE:20261228\r\n"));
        assert!(text.contains("DTEND;VALUE=DATE:20261229\r\n"));
        assert!(text.contains("UID:repay-2026-11-28-2-3-1@repay-widget\r\n"));
        // Commas and semicolons in text are escaped.
        assert!(text.contains("\\, 请按时还款\\; 谢谢"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let text = texts_ics(&plan());
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        }
        // Unfolding (removing CRLF + space) gives back the whole summary.
        let unfolded = text.replace("\r\n ", "");
        assert!(
            unfolded.contains("SUMMARY:信用卡还款 第 1/3 期：¥2935.48\\, 请按时还款\\; 谢谢\r\n")
        );
    }

    #[test]
    fn the_spreadsheet_has_exact_amounts() {
        let text = csv(
            &plan(),
            [
                "期次",
                "还款日",
                "本金",
                "利息",
                "手续费",
                "还款金额",
                "剩余本金",
            ],
        );
        let lines: Vec<_> = text.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "\u{feff}期次,还款日,本金,利息,手续费,还款金额,剩余本金"
        );
        assert_eq!(lines[1], "1,2026-12-28,2883.58,0.00,51.90,2935.48,5767.16");
        assert_eq!(lines.len(), 5, "header, three payments, final empty line");
        assert_eq!(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
    }
}

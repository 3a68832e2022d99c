//! The account snapshot: what the bank knows about the card on its "today" (`as_of`).
//!
//! On the wire every amount is a decimal string and every date ISO 8601 (`YYYY-MM-DD`);
//! [`AccountSnapshot::from_wire`] checks each field and names the first one that is wrong.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::error::{EngineError, InvalidReason};
use crate::money::{Currency, Money};

/// The snapshot as it travels in JSON, before any checking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AccountSnapshotWire {
    /// ISO 4217 code, e.g. `"CNY"`.
    #[cfg_attr(feature = "schema", schemars(pattern(crate::schema::CURRENCY_PATTERN)))]
    pub currency: String,
    /// The balance on the last statement.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Amount"))]
    pub statement_balance: String,
    /// The minimum payment that statement asked for.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Amount"))]
    pub minimum_due: String,
    /// What is past due now: the part of the minimum that was not paid by the due date.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Amount"))]
    pub overdue_amount: String,
    /// The due date that was missed.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Date"))]
    pub due_date: String,
    /// The bank's "today" for this snapshot; the engine never reads a clock.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Date"))]
    pub as_of: String,
    /// The card's credit limit.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Amount"))]
    pub credit_limit: String,
    /// Late fees (违约金) charged so far.
    #[serde(default = "zero_text")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Amount"))]
    pub fees_charged: String,
    /// Penalty interest (罚息) charged so far.
    #[serde(default = "zero_text")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Amount"))]
    pub penalty_interest_charged: String,
    /// The most recent payment received, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_payment: Option<PaymentWire>,
}

/// A payment on the wire: an amount and the date it was received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PaymentWire {
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Amount"))]
    pub amount: String,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::Date"))]
    pub date: String,
}

/// A payment received.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payment {
    pub amount: Money,
    pub date: Date,
}

fn zero_text() -> String {
    "0".to_owned()
}

/// A checked account snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountSnapshot {
    pub currency: Currency,
    pub statement_balance: Money,
    pub minimum_due: Money,
    pub overdue_amount: Money,
    pub due_date: Date,
    pub as_of: Date,
    pub credit_limit: Money,
    pub fees_charged: Money,
    pub penalty_interest_charged: Money,
    pub last_payment: Option<Payment>,
}

impl AccountSnapshot {
    /// Parses and checks a snapshot from JSON.
    ///
    /// # Errors
    ///
    /// [`EngineError::MalformedJson`] for text that is not a snapshot object (unknown or
    /// missing fields included), [`EngineError::Invalid`] naming the first wrong field.
    ///
    /// # Examples
    ///
    /// ```
    /// use repay_engine::AccountSnapshot;
    /// let json = r#"{"currency":"CNY","statement_balance":"8600.00","minimum_due":"860.00",
    ///   "overdue_amount":"860.00","due_date":"2026-11-10","as_of":"2026-11-28",
    ///   "credit_limit":"20000"}"#;
    /// let account = AccountSnapshot::from_json(json)?;
    /// assert_eq!(account.days_past_due(), 18);
    /// # Ok::<(), repay_engine::EngineError>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Self, EngineError> {
        let wire: AccountSnapshotWire = crate::read_json(json)?;
        Self::from_wire(&wire)
    }

    /// Checks a snapshot already read from JSON.
    ///
    /// # Errors
    ///
    /// [`EngineError::Invalid`] naming the first wrong field.
    pub fn from_wire(wire: &AccountSnapshotWire) -> Result<Self, EngineError> {
        let currency = Currency::from_code(&wire.currency)
            .map_err(|reason| EngineError::invalid("currency", reason))?;
        let amount = |path: &str, text: &str| -> Result<Money, EngineError> {
            let money = Money::parse(text, currency)
                .map_err(|reason| EngineError::invalid(path, reason))?;
            if money.is_negative() {
                return Err(EngineError::invalid(path, InvalidReason::Negative));
            }
            Ok(money)
        };
        let account = Self {
            currency,
            statement_balance: amount("statement_balance", &wire.statement_balance)?,
            minimum_due: amount("minimum_due", &wire.minimum_due)?,
            overdue_amount: amount("overdue_amount", &wire.overdue_amount)?,
            due_date: date("due_date", &wire.due_date)?,
            as_of: date("as_of", &wire.as_of)?,
            credit_limit: amount("credit_limit", &wire.credit_limit)?,
            fees_charged: amount("fees_charged", &wire.fees_charged)?,
            penalty_interest_charged: amount(
                "penalty_interest_charged",
                &wire.penalty_interest_charged,
            )?,
            last_payment: match &wire.last_payment {
                None => None,
                Some(payment) => Some(Payment {
                    amount: amount("last_payment.amount", &payment.amount)?,
                    date: date("last_payment.date", &payment.date)?,
                }),
            },
        };
        account.check_consistency()?;
        Ok(account)
    }

    fn check_consistency(&self) -> Result<(), EngineError> {
        if self.overdue_amount.amount() > self.statement_balance.amount() {
            return Err(EngineError::invalid(
                "overdue_amount",
                InvalidReason::ExceedsOther {
                    other: "statement_balance",
                },
            ));
        }
        if self.minimum_due.amount() > self.statement_balance.amount() {
            return Err(EngineError::invalid(
                "minimum_due",
                InvalidReason::ExceedsOther {
                    other: "statement_balance",
                },
            ));
        }
        if let Some(payment) = self.last_payment {
            if payment.date > self.as_of {
                return Err(EngineError::invalid(
                    "last_payment.date",
                    InvalidReason::AfterOther { other: "as_of" },
                ));
            }
        }
        Ok(())
    }

    /// Everything owed today: the statement balance plus the late fees and penalty
    /// interest charged since.
    ///
    /// # Errors
    ///
    /// [`InvalidReason::Overflow`] only for sums past `Decimal`'s range, which checked
    /// inputs cannot reach.
    pub fn total_owed(&self) -> Result<Money, InvalidReason> {
        self.statement_balance
            .checked_add(self.fees_charged)?
            .checked_add(self.penalty_interest_charged)
    }

    /// What brings the account current today: the overdue amount with the fees and
    /// penalty interest charged since.
    ///
    /// # Errors
    ///
    /// As [`AccountSnapshot::total_owed`].
    pub fn amount_to_bring_current(&self) -> Result<Money, InvalidReason> {
        self.overdue_amount
            .checked_add(self.fees_charged)?
            .checked_add(self.penalty_interest_charged)
    }

    /// The part of the statement's minimum payment that is still unpaid: the minimum less
    /// a payment received after the due date (a payment on or before it is already out of
    /// `overdue_amount`), never below zero and never more than what is overdue. This is
    /// what a late fee defined as a share of the unpaid minimum (违约金 on 最低还款额未还部分)
    /// is charged on.
    ///
    /// # Examples
    ///
    /// ```
    /// use repay_engine::AccountSnapshot;
    /// // 150.00 was due on 10 November; 30.00 came on 15 November.
    /// let json = r#"{"currency":"USD","statement_balance":"2000.00","minimum_due":"150.00",
    ///   "overdue_amount":"150.00","due_date":"2026-11-10","as_of":"2026-11-28",
    ///   "credit_limit":"5000","last_payment":{"amount":"30.00","date":"2026-11-15"}}"#;
    /// let account = AccountSnapshot::from_json(json)?;
    /// assert_eq!(account.unpaid_minimum().to_string(), "120.00");
    /// # Ok::<(), repay_engine::EngineError>(())
    /// ```
    pub fn unpaid_minimum(&self) -> Money {
        let zero = Money::zero(self.currency);
        let paid_since_due = match self.last_payment {
            Some(payment) if payment.date > self.due_date => payment.amount,
            _ => zero,
        };
        // Both are checked, non-negative amounts in one currency: the subtraction cannot fail.
        self.minimum_due
            .checked_sub(paid_since_due)
            .unwrap_or(zero)
            .at_least(zero)
            .at_most(self.overdue_amount)
    }

    /// Whether anything is past due: an overdue amount, and its due date passed. An
    /// account that is not is one whose customer may fear the next payment.
    pub fn in_arrears(&self) -> bool {
        !self.overdue_amount.is_zero() && self.days_past_due() > 0
    }

    /// Whole days from the missed due date to `as_of`; 0 when the due date has not passed.
    pub fn days_past_due(&self) -> i64 {
        // Civil dates have no time zone, so every day is exactly 24 hours here.
        (self.as_of.duration_since(self.due_date).as_hours() / 24).max(0)
    }
}

fn date(path: &str, text: &str) -> Result<Date, EngineError> {
    parse_iso_date(text).ok_or_else(|| EngineError::invalid(path, InvalidReason::ImpossibleDate))
}

/// Reads exactly `YYYY-MM-DD` into a real calendar date (no 30 February). Hand-rolled
/// rather than jiff's full ISO 8601 parser, which also accepts forms a bank should not
/// send and adds tens of kilobytes to the widget.
pub fn parse_iso_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> i16 {
        bytes[range]
            .iter()
            .fold(0, |n, digit| n * 10 + i16::from(digit - b'0'))
    };
    let month = i8::try_from(number(5..7)).ok()?;
    let day = i8::try_from(number(8..10)).ok()?;
    Date::new(number(0..4), month, day).ok()
}

/// Writes a date as `YYYY-MM-DD`, the one form the engine reads and writes.
pub fn iso_date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wire() -> AccountSnapshotWire {
        AccountSnapshotWire {
            currency: "CNY".into(),
            statement_balance: "8600.00".into(),
            minimum_due: "860.00".into(),
            overdue_amount: "860.00".into(),
            due_date: "2026-11-10".into(),
            as_of: "2026-11-28".into(),
            credit_limit: "20000.00".into(),
            fees_charged: "43.00".into(),
            penalty_interest_charged: "7.74".into(),
            last_payment: None,
        }
    }

    #[test]
    fn counts_days_past_due_from_the_missed_date() {
        let account = AccountSnapshot::from_wire(&wire()).unwrap();
        assert_eq!(account.days_past_due(), 18);
    }

    #[test]
    fn not_yet_due_is_zero_days_past_due() {
        let mut w = wire();
        w.as_of = "2026-11-01".into();
        assert_eq!(AccountSnapshot::from_wire(&w).unwrap().days_past_due(), 0);
    }

    #[test]
    fn days_cross_leap_years_exactly() {
        let mut w = wire();
        w.due_date = "2028-02-28".into();
        w.as_of = "2028-03-01".into();
        assert_eq!(AccountSnapshot::from_wire(&w).unwrap().days_past_due(), 2);
    }

    #[test]
    fn names_the_wrong_field() {
        let mut w = wire();
        w.overdue_amount = "86O.00".into();
        assert_eq!(
            AccountSnapshot::from_wire(&w),
            Err(EngineError::invalid(
                "overdue_amount",
                InvalidReason::NotADecimal
            ))
        );
        let mut w = wire();
        w.due_date = "2026-02-30".into();
        assert_eq!(
            AccountSnapshot::from_wire(&w),
            Err(EngineError::invalid(
                "due_date",
                InvalidReason::ImpossibleDate
            ))
        );
        let mut w = wire();
        w.fees_charged = "-1".into();
        assert_eq!(
            AccountSnapshot::from_wire(&w),
            Err(EngineError::invalid(
                "fees_charged",
                InvalidReason::Negative
            ))
        );
    }

    #[test]
    fn reads_only_real_calendar_dates_in_the_plain_form() {
        assert_eq!(
            parse_iso_date("2028-02-29"),
            Some(Date::constant(2028, 2, 29))
        );
        for text in [
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-11-31",
            "2026-1-01",
            "20261101",
            "2026-11-01T00:00",
            "+2026-11-01",
            "２０２６-11-01",
            "",
            "0000-00-00",
        ] {
            assert_eq!(parse_iso_date(text), None, "{text:?}");
        }
        assert_eq!(iso_date(Date::constant(987, 3, 4)), "0987-03-04");
    }

    #[test]
    fn overdue_above_the_balance_is_inconsistent() {
        let mut w = wire();
        w.overdue_amount = "9000.00".into();
        assert_eq!(
            AccountSnapshot::from_wire(&w),
            Err(EngineError::invalid(
                "overdue_amount",
                InvalidReason::ExceedsOther {
                    other: "statement_balance"
                }
            ))
        );
    }

    #[test]
    fn bad_json_is_malformed_and_a_wrong_shape_names_the_field() {
        assert!(matches!(
            AccountSnapshot::from_json("{"),
            Err(EngineError::MalformedJson { .. })
        ));
        assert!(matches!(
            AccountSnapshot::from_json(&format!("{} x", serde_json::to_string(&wire()).unwrap())),
            Err(EngineError::MalformedJson { .. })
        ));
        let mut value = serde_json::to_value(wire()).unwrap();
        value["surprise"] = serde_json::json!(1);
        assert_eq!(
            AccountSnapshot::from_json(&value.to_string()),
            Err(EngineError::invalid(
                "surprise",
                InvalidReason::UnknownField
            ))
        );
        let mut value = serde_json::to_value(wire()).unwrap();
        value.as_object_mut().unwrap().remove("due_date");
        assert_eq!(
            AccountSnapshot::from_json(&value.to_string()),
            Err(EngineError::invalid("due_date", InvalidReason::Missing))
        );
        let mut value = serde_json::to_value(wire()).unwrap();
        value["overdue_amount"] = serde_json::json!(860);
        assert_eq!(
            AccountSnapshot::from_json(&value.to_string()),
            Err(EngineError::invalid(
                "overdue_amount",
                InvalidReason::WrongType
            ))
        );
    }
}

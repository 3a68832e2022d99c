//! JSON Schema for the values the wire types carry as text: amounts, shares and dates.
//! The wire types name them with `#[schemars(with = …)]`, so the generated schemas
//! (`crates/schemas`, `docs/schemas/`) state the forms the engine's readers accept.
//! Built only with the `schema` feature, never into the widget's bundle.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};

/// A decimal amount as [`crate::Money::parse`] reads it: digits, at most one point, no
/// sign, grouping or currency symbol; the currency's minor units are checked by the
/// engine.
pub const AMOUNT_PATTERN: &str = r"^[0-9]{1,15}(\.[0-9]{1,3})?$";
/// A share or a rate as a plain decimal (`"0.05"`, `"0.0005"`).
pub const SHARE_PATTERN: &str = r"^[0-9]{1,6}(\.[0-9]{1,10})?$";
/// A calendar date, `YYYY-MM-DD`; the engine refuses impossible ones.
pub const DATE_PATTERN: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
/// An ISO 4217 currency code.
pub const CURRENCY_PATTERN: &str = "^[A-Z]{3}$";
/// The most months any plan may run.
pub const MAX_MONTHS: u32 = 60;

/// Declares a marker type whose schema is a string with a description and a pattern,
/// for a wire type's text field to name with `#[schemars(with = …)]`. Exported for the
/// widget's own text fields (its links).
#[macro_export]
macro_rules! text_schema {
    ($(#[$doc:meta])* $name:ident, $schema_name:literal, $description:literal, $pattern:expr) => {
        $(#[$doc])*
        pub struct $name;

        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                $schema_name.into()
            }

            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({
                    "description": $description,
                    "type": "string",
                    "pattern": $pattern,
                })
            }
        }
    };
}

text_schema!(
    /// An amount in the account's currency, as text.
    Amount,
    "amount",
    "A decimal amount in the account's currency, e.g. \"1234.50\": digits and at most one point, no sign, grouping or symbol.",
    AMOUNT_PATTERN
);

text_schema!(
    /// A share or a rate, as text.
    Share,
    "share",
    "A share or rate as a plain decimal, e.g. \"0.05\" for 5 %.",
    SHARE_PATTERN
);

text_schema!(
    /// A date, as text.
    Date,
    "date",
    "A calendar date, YYYY-MM-DD.",
    DATE_PATTERN
);

text_schema!(
    /// A computed annualised rate, as a fraction with six decimals (`"0.182500"`).
    Rate,
    "rate",
    "A rate as a fraction with six decimals: \"0.182500\" is 18.25 %.",
    r"^-?[0-9]+\.[0-9]{6}$"
);

/// A computed amount as the engine writes it ([`crate::Money`]): exactly at the
/// currency's minor units, negative only where a plan says so.
const MONEY_PATTERN: &str = r"^-?[0-9]{1,15}(\.[0-9]{1,3})?$";

/// A number of months a plan may run, 1 to 60.
pub struct Months;

impl JsonSchema for Months {
    fn schema_name() -> Cow<'static, str> {
        "months".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_MONTHS,
        })
    }
}

impl JsonSchema for crate::Money {
    fn schema_name() -> Cow<'static, str> {
        "money".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An amount as the engine writes it: exactly at the currency's minor units.",
            "type": "string",
            "pattern": MONEY_PATTERN,
        })
    }
}

//! The repayment engine: exact money in a currency's minor units, civil dates, the
//! account snapshot and the bank's policy; the overdue status, every repayment plan with
//! its true annualised rate, affordability, and proposals that a bank can verify.
//! See `docs/engine.md`.
//!
//! Everything here is pure: "today" is the snapshot's `as_of` date, never a clock, so the
//! same inputs give the same answers in the browser, in a test and in the bank's back office.

pub mod account;
pub mod advice;
pub mod affordability;
pub mod calendar;
pub mod error;
pub mod guidance;
mod json;
pub mod money;
mod numbers;
pub mod plans;
pub mod policy;
pub mod proposal;
pub mod rates;
pub mod scenario;
#[cfg(feature = "schema")]
pub mod schema;
pub mod status;

pub use account::AccountSnapshot;
pub use error::{EngineError, InvalidReason};
pub use json::read_json;
pub use money::{Currency, Money, RoundingRule};
pub use plans::{all_plans, plan_for, Plan, PlanChoice, PlanKind, PlanReason, Verdict};
pub use policy::Policy;
pub use scenario::Scenario;

/// Re-exported so callers name the same `Decimal` the engine uses.
pub use rust_decimal;

/// The engine's version, recorded in every proposal so a recomputation can name what it ran.
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

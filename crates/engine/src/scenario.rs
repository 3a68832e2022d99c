//! A scenario: one account under one bank policy — everything the engine needs. A widget
//! configuration is a scenario with more fields (locale, endpoint, …), which the engine
//! ignores, so the `repay` tool reads the widget's configuration files as they are.

use serde::{Deserialize, Serialize};

use crate::account::{AccountSnapshot, AccountSnapshotWire};
use crate::error::EngineError;
use crate::policy::{Policy, PolicyWire};

/// A scenario as it travels in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ScenarioWire {
    pub account: AccountSnapshotWire,
    pub policy: PolicyWire,
}

/// A checked scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    pub account: AccountSnapshot,
    pub policy: Policy,
}

impl Scenario {
    /// Reads and checks a scenario (or a whole widget configuration) from JSON.
    ///
    /// # Errors
    ///
    /// [`EngineError::MalformedJson`] for text that is not such an object,
    /// [`EngineError::Invalid`] naming the first wrong field from the root
    /// (`account.due_date`, `policy.plans[2].terms[0]`).
    pub fn from_json(json: &str) -> Result<Self, EngineError> {
        let wire: ScenarioWire = crate::read_json(json)?;
        Self::from_wire(&wire)
    }

    /// Checks a scenario already read from JSON.
    ///
    /// # Errors
    ///
    /// As [`Scenario::from_json`].
    pub fn from_wire(wire: &ScenarioWire) -> Result<Self, EngineError> {
        let account = AccountSnapshot::from_wire(&wire.account).map_err(|e| e.under("account"))?;
        let policy =
            Policy::from_wire(&wire.policy, account.currency).map_err(|e| e.under("policy"))?;
        Ok(Self { account, policy })
    }
}

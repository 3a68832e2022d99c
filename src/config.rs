//! The configuration a host page gives the widget, read and checked in one place.

use repay_engine::account::AccountSnapshotWire;
use repay_engine::error::read_json;
use repay_engine::policy::PolicyWire;
use repay_engine::scenario::ScenarioWire;
use repay_engine::{EngineError, InvalidReason, Scenario};
use serde::Deserialize;

use crate::i18n::Locale;

/// The configuration as it arrives from the host page (JSON).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WidgetConfigWire {
    /// `"zh-CN"` or `"en-US"`; absent means "follow the browser".
    #[serde(default)]
    pub locale: Option<String>,
    /// The customer's account on the bank's "today".
    pub account: AccountSnapshotWire,
    /// The bank's policy: rates, fees, stages and the plans it offers.
    pub policy: PolicyWire,
}

/// A configuration that cannot be used, with the language it asked for when that much
/// could be read, so the error panel speaks the customer's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{error}")]
pub struct ConfigError {
    pub error: EngineError,
    pub locale: Option<Locale>,
}

impl ConfigError {
    fn new(error: EngineError, locale: Option<Locale>) -> Self {
        Self { error, locale }
    }
}

/// A checked configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WidgetConfig {
    /// The locale the host asked for, if any.
    pub locale: Option<Locale>,
    /// The account and the policy, checked by the engine.
    pub scenario: Scenario,
}

impl WidgetConfig {
    /// Reads and checks a configuration from JSON.
    ///
    /// # Errors
    ///
    /// The engine's error for the first thing wrong, its path starting at the
    /// configuration's root (`account.overdue_amount`).
    pub fn from_json(json: &str) -> Result<Self, ConfigError> {
        let wire: WidgetConfigWire =
            read_json(json).map_err(|error| ConfigError::new(error, None))?;
        let locale = match &wire.locale {
            None => None,
            Some(tag) => Some(Locale::from_tag(tag).ok_or_else(|| {
                let error = EngineError::invalid("locale", InvalidReason::UnsupportedLocale);
                ConfigError::new(error, None)
            })?),
        };
        let scenario = Scenario::from_wire(&ScenarioWire {
            account: wire.account,
            policy: wire.policy,
        })
        .map_err(|error| ConfigError::new(error, locale))?;
        Ok(Self { locale, scenario })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEMO: &str = include_str!("../crates/engine/data/cn-card.json");

    #[test]
    fn the_demo_configuration_is_valid() {
        let config = WidgetConfig::from_json(DEMO).unwrap();
        assert_eq!(config.locale, Some(Locale::ZhCn));
        assert!(config.scenario.account.days_past_due() > 0);
    }

    #[test]
    fn errors_name_the_path_from_the_root() {
        let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
        value["account"]["overdue_amount"] = "lots".into();
        assert_eq!(
            WidgetConfig::from_json(&value.to_string()),
            Err(ConfigError::new(
                EngineError::invalid("account.overdue_amount", InvalidReason::NotADecimal),
                Some(Locale::ZhCn)
            ))
        );
    }

    #[test]
    fn an_unsupported_locale_is_named() {
        let mut value: serde_json::Value = serde_json::from_str(DEMO).unwrap();
        value["locale"] = "fr-FR".into();
        assert_eq!(
            WidgetConfig::from_json(&value.to_string()),
            Err(ConfigError::new(
                EngineError::invalid("locale", InvalidReason::UnsupportedLocale),
                None
            ))
        );
    }
}

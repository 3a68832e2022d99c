//! The panel shown instead of the widget when the host's configuration is unusable:
//! it names the setting and what is wrong with it, never a blank area.

use repay_engine::EngineError;
use yew::prelude::*;

use crate::components::bank_contact::bank_contact;
use crate::config::BankContactWire;
use crate::i18n::{fill, reason_text, Locale, Msg};

#[derive(Debug, Clone, PartialEq)]
pub struct ConfigErrorPanelProps {
    pub error: EngineError,
    /// The bank's contact, when the configuration's `bank_contact` itself could be read.
    pub contact: Option<BankContactWire>,
    pub locale: Locale,
}

/// A translated explanation of a configuration error.
#[inline(never)]
pub fn config_error_panel(props: &ConfigErrorPanelProps) -> Html {
    let locale = props.locale;
    let detail = match &props.error {
        EngineError::Invalid { path, reason } => fill(
            Msg::ConfigErrorField.text(locale),
            &[("path", path), ("reason", &reason_text(reason, locale))],
        ),
        EngineError::MalformedJson { line, column, .. } => fill(
            Msg::ConfigErrorJson.text(locale),
            &[("line", &line.to_string()), ("column", &column.to_string())],
        ),
        EngineError::TooDeep {
            line,
            column,
            limit,
        } => fill(
            Msg::ConfigErrorTooDeep.text(locale),
            &[
                ("limit", &limit.to_string()),
                ("line", &line.to_string()),
                ("column", &column.to_string()),
            ],
        ),
    };
    html! {
        <div class="repay-widget__error" role="alert" data-testid="config-error">
            <h2 class="repay-widget__heading">{ Msg::ConfigErrorTitle.text(locale) }</h2>
            <p>{ Msg::ConfigErrorBody.text(locale) }</p>
            <p class="repay-widget__error-detail" data-testid="config-error-detail">{ detail }</p>
            { bank_contact(props.contact.as_ref(), Msg::ContactLeadError, locale) }
        </div>
    }
}

//! The events schema names every event the widget fires, under the name it fires it
//! with, and describes each detail as the widget writes it.

use repay_widget::events::{
    ErrorDetail, PlanChange, Ready, StepChange, Submit, Submitted, WidgetEvent,
};
use serde_json::Value;

/// One event of each kind, as the widget makes them.
fn every_event() -> Vec<WidgetEvent> {
    vec![
        WidgetEvent::Ready(Ready {
            locale: repay_widget::i18n::Locale::ZhHk,
            step: "status",
        }),
        WidgetEvent::StepChange(StepChange { step: "review" }),
        WidgetEvent::PlanChange(PlanChange {
            offer: 2,
            plan: repay_engine::guidance::OfferKind::Instalment,
            months: 12,
        }),
        WidgetEvent::Submit(Submit {
            proposal_id: "id-1".into(),
        }),
        WidgetEvent::Submitted(Submitted {
            proposal_id: "id-1".into(),
            reference: "RP-1".into(),
            status: repay_contract::AcceptedStatus::Approved,
        }),
        WidgetEvent::Error(ErrorDetail::Failed {
            offline: true,
            cause: "offline",
        }),
    ]
}

#[test]
fn every_event_is_named_and_its_detail_has_the_described_fields() {
    let schema = repay_schemas::events();
    let properties = schema["properties"].as_object().unwrap();
    let events = every_event();
    let names: Vec<String> = events
        .iter()
        .map(|event| format!("repay:{}", event.name()))
        .collect();
    let described: Vec<&String> = properties.keys().collect();
    assert_eq!(described.len(), names.len(), "{described:?}");
    for (event, name) in events.iter().zip(&names) {
        let detail: Value = serde_json::from_str(&event.detail()).unwrap();
        let part = &properties[name.as_str()];
        // The detail's part: its own schema, or the definition it refers to.
        let part = match part.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let name = reference.trim_start_matches("#/$defs/");
                &schema["$defs"][name]
            }
            None => part,
        };
        let keys: Vec<&String> = detail.as_object().unwrap().keys().collect();
        if let Some(fields) = part.get("properties").and_then(Value::as_object) {
            for key in &keys {
                assert!(
                    fields.contains_key(key.as_str()),
                    "{name}: {key} is not described"
                );
            }
        } else {
            // A tagged union (repay:error): one of its variants describes the detail.
            let variants = part["oneOf"].as_array().unwrap();
            assert!(
                variants.iter().any(|variant| keys
                    .iter()
                    .all(|key| variant["properties"].get(key.as_str()).is_some())),
                "{name}: {detail}"
            );
        }
    }
}

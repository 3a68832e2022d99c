//! The JSON Schemas in `docs/schemas/`, generated from the Rust types that read and
//! write what they describe: the widget's configuration (`repay_config`, with
//! the engine's account and policy), the proposal's submission and every answer
//! (`repay_contract`), the events the widget fires (`repay_widget::events`), and what
//! the verifier reads and answers (`repay_verifier`). `cargo xtask schemas` writes them,
//! and `docs/openapi.json` ([`openapi`]) from them; `tests/drift.rs` fails when a
//! checked-in file differs from what the types generate.

pub mod openapi;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{json, Value};

/// The four schemas: file name and contents.
pub fn all() -> Vec<(&'static str, Value)> {
    vec![
        ("config.schema.json", config()),
        ("submission.schema.json", submission()),
        ("answer.schema.json", answer()),
        ("events.schema.json", events()),
        ("verifier.schema.json", verifier()),
    ]
}

fn generator() -> SchemaGenerator {
    SchemaSettings::draft2020_12().into_generator()
}

/// Drops schemars' integer formats (`uint32`, `uint`…): JSON Schema defines none of
/// them, so strict validators refuse the schema; the `minimum` and `maximum` beside them
/// already say what they mean.
pub(crate) fn drop_integer_formats(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let integer_format = map
                .get("format")
                .and_then(Value::as_str)
                .is_some_and(|f| f.starts_with("uint") || f.starts_with("int"));
            if integer_format {
                map.remove("format");
            }
            map.values_mut().for_each(drop_integer_formats);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_integer_formats),
        _ => {}
    }
}

/// Puts `$schema`, `$id`, the title and the description first, then the rest.
fn headed(schema: Schema, file: &str, title: &str, description: &str) -> Value {
    let mut out = serde_json::Map::new();
    out.insert(
        "$schema".into(),
        "https://json-schema.org/draft/2020-12/schema".into(),
    );
    out.insert(
        "$id".into(),
        format!("https://repay-widget.invalid/schemas/{file}").into(),
    );
    out.insert("title".into(), title.into());
    out.insert("description".into(), description.into());
    if let Value::Object(rest) = schema.to_value() {
        for (key, value) in rest {
            if !matches!(key.as_str(), "$schema" | "title" | "description") {
                out.insert(key, value);
            }
        }
    }
    let mut out = Value::Object(out);
    drop_integer_formats(&mut out);
    out
}

fn root<T: JsonSchema>() -> Schema {
    generator().into_root_schema_for::<T>()
}

/// The widget's configuration.
pub fn config() -> Value {
    headed(
        root::<repay_config::WidgetConfigWire>(),
        "config.schema.json",
        "Repayment widget configuration",
        "An account snapshot and the bank's policy (a scenario), with what the widget needs to present them. docs/engine.md and docs/embedding.md explain every field. Generated from the Rust types (crates/schemas): do not edit.",
    )
}

/// The body of `POST {endpoint}`, with the plan as the engine writes it.
pub fn submission() -> Value {
    headed(
        root::<
            repay_contract::Submission<repay_engine::scenario::ScenarioWire, repay_engine::Plan>,
        >(),
        "submission.schema.json",
        "Proposal submission, contract version 1",
        "The body of POST {endpoint}. docs/contract.md explains every field. Generated from the Rust types (crates/schemas): do not edit.",
    )
}

/// Every answer: an accepted proposal (2xx) or a refusal (4xx, 5xx).
pub fn answer() -> Value {
    // Answers are what the bank writes: described as serialised (a refusal's
    // `differences` is written for the bank's tools even though a widget skips it).
    let mut generator = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    // Each titled with its type's name, which generated code (TypeScript…) takes.
    let accepted = titled(
        inline::<repay_contract::Accepted>(&mut generator),
        "Accepted",
    );
    let refusal = titled(inline::<repay_contract::Refusal>(&mut generator), "Refusal");
    let mut schema = Schema::from(serde_json::Map::from_iter([(
        "oneOf".to_owned(),
        json!([accepted, refusal]),
    )]));
    let definitions = generator.take_definitions(true);
    if !definitions.is_empty() {
        schema.insert("$defs".into(), Value::Object(definitions));
    }
    headed(
        schema,
        "answer.schema.json",
        "Proposal answers, contract version 1",
        "What POST {endpoint} answers: an accepted proposal (201, or 200 for a repeat) or a refusal (every 4xx and 5xx). docs/contract.md explains every field. Generated from the Rust types (crates/schemas): do not edit.",
    )
}

/// The widget's events: an object with one property per event, its DOM name, holding
/// that event's `detail` (as the widget writes it).
pub fn events() -> Value {
    let generator = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    headed(
        generator.into_root_schema_for::<repay_widget::events::EventDetails>(),
        "events.schema.json",
        "Repayment widget events",
        "The DOM events the widget fires on its host element, by name, each with its CustomEvent detail. docs/embedding.md#events explains them. Generated from the Rust types (crates/schemas): do not edit.",
    )
}

/// What the verifier module (`crates/verifier`) reads and answers: `propose`'s choice,
/// and the answers of `propose` and `verify`, as it writes them.
pub fn verifier() -> Value {
    let generator = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    headed(
        generator.into_root_schema_for::<repay_verifier::Interface>(),
        "verifier.schema.json",
        "Repayment verifier interface",
        "What the verifier's propose and verify read and answer (docs/verifier.md). Generated from the Rust types (crates/schemas): do not edit.",
    )
}

/// `schema` with `title` first.
fn titled(schema: Value, title: &str) -> Value {
    let mut out = serde_json::Map::from_iter([("title".to_owned(), Value::from(title))]);
    if let Value::Object(rest) = schema {
        out.extend(rest);
    }
    Value::Object(out)
}

/// `T`'s own schema, its parts under `$defs`.
fn inline<T: JsonSchema>(generator: &mut SchemaGenerator) -> Value {
    T::json_schema(generator).to_value()
}

/// A schema as the file holds it: two-space indented, with a final newline.
pub fn text(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

//! `docs/openapi.json`: the proposal endpoint and the lookup as OpenAPI 3.1, for a bank's
//! code generators and API gateways. Made from the same schemas as `docs/schemas/`
//! (OpenAPI 3.1's schema objects are JSON Schema 2020-12): the request body is
//! `submission.schema.json`'s root, the answers `answer.schema.json`'s two, the lookup
//! the contract's `Lookup`; their `$defs` become `components/schemas`. What the types
//! cannot say (the headers, which status carries which code, `Retry-After`) is stated
//! here once, as docs/contract.md states it.

use schemars::generate::SchemaSettings;
use serde_json::{json, Map, Value};

/// A component name used twice for two different schemas.
#[derive(Debug, thiserror::Error)]
#[error("components/schemas/{0} would be two different schemas")]
pub struct Clash(pub String);

/// Moves `schema`'s `$defs` into `components`, refusing a name already there with other
/// contents; returns the schema without them, its references pointing at `components`.
fn take_defs(mut schema: Value, components: &mut Map<String, Value>) -> Result<Value, Clash> {
    if let Some(Value::Object(defs)) = schema.as_object_mut().and_then(|s| s.remove("$defs")) {
        for (name, mut def) in defs {
            point_at_components(&mut def);
            match components.get(&name) {
                Some(existing) if *existing != def => return Err(Clash(name)),
                Some(_) => {}
                None => {
                    components.insert(name, def);
                }
            }
        }
    }
    if let Some(object) = schema.as_object_mut() {
        object.remove("$schema");
        object.remove("$id");
    }
    point_at_components(&mut schema);
    Ok(schema)
}

/// Every `#/$defs/NAME` reference in `value` as `#/components/schemas/NAME`.
fn point_at_components(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                match inner {
                    Value::String(target) if key == "$ref" => {
                        if let Some(name) = target.strip_prefix("#/$defs/") {
                            *target = format!("#/components/schemas/{name}");
                        }
                    }
                    _ => point_at_components(inner),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(point_at_components),
        _ => {}
    }
}

fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn json_body(name: &str, description: &str) -> Value {
    json!({
        "description": description,
        "content": { "application/json": { "schema": schema_ref(name) } }
    })
}

/// A refusal answer, with `Retry-After` where the status carries it.
fn refusal(description: &str, retry_after: bool) -> Value {
    let mut answer = json_body("Refusal", description);
    if retry_after {
        answer["headers"] = json!({
            "Retry-After": {
                "description": "Seconds to wait before sending the same request again.",
                "schema": { "type": "integer", "minimum": 0 }
            }
        });
    }
    answer
}

/// The OpenAPI document.
///
/// # Errors
///
/// [`Clash`] when two of the types would give one component name two schemas.
pub fn document() -> Result<Value, Clash> {
    let mut components = Map::new();
    let submission = take_defs(crate::submission(), &mut components)?;
    let answer = take_defs(crate::answer(), &mut components)?;
    // The lookup's proposal is the submission's, described as the submission describes
    // it; its `answer` is the answers' `Accepted`, as the bank writes it.
    let lookup = {
        let mut schema = SchemaSettings::draft2020_12()
            .into_generator()
            .into_root_schema_for::<repay_contract::Lookup<repay_engine::Plan>>()
            .to_value();
        if let Some(Value::Object(defs)) = schema.get_mut("$defs") {
            defs.remove("Accepted");
        }
        crate::drop_integer_formats(&mut schema);
        take_defs(schema, &mut components)?
    };
    for variant in answer["oneOf"].as_array().into_iter().flatten() {
        if let Some(name) = variant["title"].as_str() {
            if components
                .insert(name.to_owned(), variant.clone())
                .is_some()
            {
                return Err(Clash(name.to_owned()));
            }
        }
    }
    components.insert("ProposalSubmission".into(), submission);
    components.insert("Lookup".into(), lookup);

    Ok(json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Repayment proposals",
            "version": format!("contract {}", repay_contract::SCHEMA_VERSION),
            "description": "The endpoint the repayment widget sends the customer's proposal to (the configuration's `endpoint`), and the lookup of an accepted proposal. docs/contract.md explains every field and answer; the dev-bank (crates/dev-bank) implements it. Generated from the Rust types (crates/schemas): do not edit."
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "servers": [{
            "url": "/api",
            "description": "The dev-bank. A bank's endpoint is wherever its configuration's `endpoint` says."
        }],
        "paths": {
            "/proposals": {
                "post": {
                    "operationId": "submitProposal",
                    "summary": "Send a repayment proposal",
                    "description": "The bank recomputes the plan from its own records and compares; a repeat of the same request (the same Idempotency-Key and body) gets the same answer, marked `duplicate`. Only completed answers (2xx, 4xx) are replayed; a 5xx is decided afresh when retried.",
                    "security": [{ "session": [] }],
                    "parameters": [
                        {
                            "name": "Idempotency-Key",
                            "in": "header",
                            "required": true,
                            "description": "The body's `proposal_id`: a retry sends the same one.",
                            "schema": { "type": "string", "pattern": repay_contract::UUID_PATTERN }
                        },
                        {
                            "name": "X-CSRF-Token",
                            "in": "header",
                            "required": true,
                            "description": "The token that goes with the session (or the header the configuration's `csrf` names).",
                            "schema": { "type": "string" }
                        }
                    ],
                    "requestBody": {
                        "required": true,
                        "description": "At most 256 KB.",
                        "content": { "application/json": { "schema": schema_ref("ProposalSubmission") } }
                    },
                    "responses": {
                        "201": json_body("Accepted", "Accepted and stored."),
                        "200": json_body("Accepted", "The same request again: the same answer, `duplicate: true`."),
                        "400": refusal("`missing_idempotency_key`, `malformed_json`.", false),
                        "401": refusal("`sign_in_required`: no session, or one that has ended.", false),
                        "403": refusal("`csrf_failed`.", false),
                        "408": refusal("`request_timeout`: retry with the same key.", false),
                        "413": refusal("`body_too_large`.", false),
                        "415": refusal("`unsupported_media_type`.", false),
                        "422": refusal("`invalid`, `unsupported_schema_version`, `idempotency_key_mismatch`, `idempotency_conflict`, `unknown_account`, `unknown_terms_version`, `figures_differ`, `rejected`.", false),
                        "429": refusal("`rate_limited`.", true),
                        "500": refusal("`server_error`, `storage_failure`: retry with the same key.", false),
                        "503": refusal("`server_error` when the bank has too many connections open: retry with the same key.", true)
                    }
                }
            },
            "/proposals/{reference}": {
                "get": {
                    "operationId": "lookUpProposal",
                    "summary": "Look up an accepted proposal",
                    "description": "Only for whoever sent it: the proposal's access token, in the session of the customer who holds its account. A wrong or missing token, another customer's proposal and an unknown reference all get the same 404.",
                    "security": [{ "session": [], "accessToken": [] }],
                    "parameters": [{
                        "name": "reference",
                        "in": "path",
                        "required": true,
                        "description": "The reference the 201 answer gave.",
                        "schema": { "type": "string" }
                    }],
                    "responses": {
                        "200": json_body("Lookup", "The proposal and the bank's answer."),
                        "401": refusal("`sign_in_required`.", false),
                        "404": refusal("`not_found`.", false),
                        "429": refusal("`rate_limited`.", true)
                    }
                }
            }
        },
        "components": {
            "schemas": components,
            "securitySchemes": {
                "session": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": "repay_session",
                    "description": "The bank's own session: the customer is signed in on the bank's page (the dev-bank's cookie is `repay_session`)."
                },
                "accessToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "The `access_token` of the proposal's 201 answer."
                }
            }
        }
    }))
}

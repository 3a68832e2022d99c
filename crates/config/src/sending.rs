//! How proposals are sent: the endpoint, the account's reference, the CSRF token's
//! cookie and header, fetch's credentials mode and each attempt's time limit.

use serde::Deserialize;

/// Where the bank's CSRF token is read from and which header carries it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CsrfWire {
    /// The cookie holding the token (readable by script, on the host page's site).
    #[cfg_attr(feature = "schema", schemars(pattern(crate::schema::TOKEN_PATTERN)))]
    pub cookie: String,
    /// The request header the endpoint expects it in, e.g. `X-CSRF-Token`.
    #[cfg_attr(
        feature = "schema",
        schemars(schema_with = "crate::sending::csrf_header")
    )]
    pub header: String,
}

/// fetch's `credentials` mode for proposals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Credentials {
    Omit,
    #[default]
    SameOrigin,
    Include,
}

/// Headers that cannot carry the CSRF token, lowercase: see [`csrf_header_is_free`].
pub const CSRF_TAKEN_HEADERS: [&str; 23] = [
    "content-type",
    "idempotency-key",
    "accept-charset",
    "accept-encoding",
    "access-control-request-headers",
    "access-control-request-method",
    "connection",
    "content-length",
    "cookie",
    "cookie2",
    "date",
    "dnt",
    "expect",
    "host",
    "keep-alive",
    "origin",
    "referer",
    "set-cookie",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "via",
];
/// Prefixes of headers browsers forbid scripts to set.
pub const CSRF_TAKEN_PREFIXES: [&str; 2] = ["proxy-", "sec-"];

/// Whether `header` can carry the CSRF token: not a header the widget sets itself
/// (`Content-Type`, `Idempotency-Key`: the token would replace it and break every send),
/// nor one the browser forbids scripts to set (it would be dropped without a word).
pub(crate) fn csrf_header_is_free(header: &str) -> bool {
    let lower = header.to_ascii_lowercase();
    !CSRF_TAKEN_HEADERS.contains(&lower.as_str())
        && !CSRF_TAKEN_PREFIXES
            .iter()
            .any(|prefix| lower.starts_with(prefix))
}

/// How proposals are sent, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sending {
    pub endpoint: String,
    pub account_reference: String,
    pub csrf: Option<CsrfWire>,
    pub credentials: Credentials,
    pub timeout_ms: u32,
}

/// The longest a single attempt may be given.
pub const MAX_TIMEOUT_SECONDS: u32 = 120;
pub(crate) const DEFAULT_TIMEOUT_SECONDS: u32 = 15;

/// [`csrf_header`]'s part of the JSON Schema, from the same lists the check uses.
#[cfg(feature = "schema")]
mod schema {
    use schemars::{json_schema, Schema, SchemaGenerator};

    use super::{CSRF_TAKEN_HEADERS, CSRF_TAKEN_PREFIXES};
    use crate::schema::any_case;

    /// The CSRF header: an HTTP token that is none of the headers it cannot be.
    pub fn csrf_header(_: &mut SchemaGenerator) -> Schema {
        let taken: Vec<String> = CSRF_TAKEN_HEADERS.iter().map(|h| any_case(h)).collect();
        let prefixes: Vec<String> = CSRF_TAKEN_PREFIXES.iter().map(|p| any_case(p)).collect();
        let pattern = format!(
            "^(?!({})$)(?!{})[A-Za-z0-9._-]+$",
            taken.join("|"),
            prefixes.join("|")
        );
        json_schema!({
            "description": "The request header that carries the token: not one the widget sets itself (Content-Type, Idempotency-Key) nor one browsers forbid scripts to set (Cookie, Origin, Sec-…, Proxy-…).",
            "type": "string",
            "pattern": pattern,
        })
    }
}

#[cfg(feature = "schema")]
pub use schema::csrf_header;

//! The typed extractor for `POST /api/proposals`: a request becomes a
//! [`ValidSubmission`] only if everything the contract says of its headers and body
//! holds; anything else is refused with the [`ApiError`] naming what is wrong, before
//! the handler runs and before anything is stored.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderMap, StatusCode};
use repay_engine::EngineError;

use crate::{ApiError, AppState, MAX_BODY_BYTES};
use repay_contract::{
    self as contract, FieldError, Refusal, RefusalCode, Submission, SCHEMA_VERSION,
};

/// A submission whose headers and every field are as the contract says.
#[derive(Debug)]
pub struct ValidSubmission {
    /// Its `Idempotency-Key`, which equals its `proposal_id`.
    pub key: String,
    pub submission: Submission,
}

impl FromRequest<AppState> for ValidSubmission {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        if !is_json(request.headers()) {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                RefusalCode::UnsupportedMediaType,
                "send the proposal as application/json",
            ));
        }
        let key = idempotency_key(request.headers())?;
        // The body limit is a layer (crate::router): reading fails with 413 past it. The
        // time limit is for the whole body: tower-http's body timeout is per frame, and a
        // client sending a byte at a time would reset it forever.
        let reading = Bytes::from_request(request, state);
        let bytes = tokio::time::timeout(state.limits.body_timeout, reading)
            .await
            .map_err(|_| ApiError::body_timeout())?
            .map_err(|rejection| match rejection.status() {
                StatusCode::PAYLOAD_TOO_LARGE => ApiError::body_too_large(),
                status => ApiError::new(status, RefusalCode::MalformedJson, rejection.body_text()),
            })?;
        let submission = read(&bytes)?;
        contract::check_fields(&submission).map_err(ApiError::invalid_field)?;
        if submission.proposal_id != key {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                RefusalCode::IdempotencyKeyMismatch,
                "the Idempotency-Key header must equal proposal_id",
            ));
        }
        Ok(Self { key, submission })
    }
}

/// The one `Idempotency-Key` header, as text.
fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let mut keys = headers.get_all("idempotency-key").iter();
    let (Some(key), None) = (keys.next(), keys.next()) else {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            RefusalCode::MissingIdempotencyKey,
            "send the proposal id in exactly one Idempotency-Key header",
        ));
    };
    key.to_str().map(str::to_owned).map_err(|_| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            RefusalCode::MissingIdempotencyKey,
            "the Idempotency-Key header is not text",
        )
    })
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
}

/// Reads the body: UTF-8 text, a schema version this server speaks, JSON of the
/// submission's shape with no key repeated.
fn read(bytes: &[u8]) -> Result<Submission, ApiError> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            RefusalCode::MalformedJson,
            "the body is not UTF-8 text",
        ));
    };
    // A version this server cannot read is refused before its shape is checked.
    let version = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("schema_version").and_then(serde_json::Value::as_u64));
    if version.is_some_and(|v| v != u64::from(SCHEMA_VERSION)) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            RefusalCode::UnsupportedSchemaVersion,
            format!("this server reads schema_version {SCHEMA_VERSION}"),
        ));
    }
    repay_engine::read_json(text).map_err(|error| {
        let status = match error {
            EngineError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            EngineError::MalformedJson { .. } | EngineError::TooDeep { .. } => {
                StatusCode::BAD_REQUEST
            }
        };
        ApiError::from_engine(status, error, "")
    })
}

impl ApiError {
    /// A refusal of one field (422 `invalid`).
    pub fn invalid_field(field: FieldError) -> Self {
        let mut refusal = Refusal::new(
            RefusalCode::Invalid,
            format!("{} is not allowed ({})", field.path, field.code),
        );
        refusal.fields.push(field);
        Self {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            refusal: Box::new(refusal),
        }
    }

    /// 413 `body_too_large`, from the extractor or the body-limit layer alike.
    pub(crate) fn body_too_large() -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            RefusalCode::BodyTooLarge,
            format!("the body is over {MAX_BODY_BYTES} bytes"),
        )
    }

    fn body_timeout() -> Self {
        Self::new(
            StatusCode::REQUEST_TIMEOUT,
            RefusalCode::RequestTimeout,
            "the body did not arrive in time; send it again",
        )
    }

    /// The refusal for an engine error, its paths under `prefix`.
    pub fn from_engine(status: StatusCode, error: EngineError, prefix: &str) -> Self {
        let refusal = match error {
            EngineError::Invalid { path, reason } => {
                let path = if prefix.is_empty() {
                    path
                } else {
                    format!("{prefix}.{path}")
                };
                let mut refusal = Refusal::new(RefusalCode::Invalid, format!("{path} {reason}"));
                refusal.fields.push(FieldError {
                    path,
                    code: reason.code().to_owned(),
                });
                refusal
            }
            EngineError::MalformedJson { line, column, .. } => Refusal::new(
                RefusalCode::MalformedJson,
                format!("the body is not JSON (line {line}, column {column})"),
            ),
            EngineError::TooDeep {
                line,
                column,
                limit,
            } => Refusal::new(
                RefusalCode::MalformedJson,
                format!(
                    "the body nests more than {limit} levels deep (line {line}, column {column})"
                ),
            ),
        };
        Self {
            status,
            refusal: Box::new(refusal),
        }
    }
}

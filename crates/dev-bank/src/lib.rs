//! The dev-bank: the reference endpoint that receives repayment proposals, for
//! development, tests and as a starting point for banks. It implements the contract in
//! `docs/contract.md`: it checks the body, looks the account up in **the bank's own
//! records** (SQLite: the account's snapshot and the policy in force), **recomputes the
//! proposal from those records** and the customer's choice, and refuses one whose figures
//! differ; it answers a repeated request with the answer already given (idempotency),
//! keeps every answer in SQLite, and shows an accepted proposal only to whoever holds its
//! access token.

pub mod contract;
pub mod faults;
pub mod store;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use repay_engine::proposal::verify;
use repay_engine::scenario::ScenarioWire;
use repay_engine::{EngineError, Scenario};
use serde::Serialize;

use crate::contract::{Accepted, AcceptedStatus, FieldError, Refusal, Submission, SCHEMA_VERSION};
use crate::faults::{Fault, FaultDraw, Faults};
use crate::store::{AccountRecords, Store, StoreError};

/// The largest body accepted: a 60-month schedule with its inputs is about 40 KB.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// How the dev-bank runs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The SQLite file; `None` keeps everything in memory.
    pub db: Option<PathBuf>,
    /// The one origin allowed to call from a browser on another origin (CORS).
    pub cors_origin: Option<String>,
    pub faults: Faults,
    /// Accounts to put on the bank's records at start, over the seeded ones: (account
    /// reference, configuration file). The file's account becomes the reference's
    /// snapshot; its policy becomes the next version of the policy named by the file's
    /// stem (`cn-card`) when it differs from the one in force.
    pub accounts: Vec<(String, PathBuf)>,
}

/// Shared by every request.
#[derive(Clone)]
pub struct AppState {
    store: Arc<Store>,
    faults: Arc<FaultDraw>,
    cors_origin: Option<HeaderValue>,
}

impl AppState {
    /// Opens the store and prepares the faults.
    ///
    /// # Errors
    ///
    /// [`ServeError::Store`] when the database cannot be opened.
    pub fn new(options: &Options) -> Result<Self, ServeError> {
        let cors_origin = match &options.cors_origin {
            Some(origin) => Some(HeaderValue::from_str(origin).map_err(|_| {
                ServeError::Options(format!("--cors-origin {origin:?} is not a valid origin"))
            })?),
            None => None,
        };
        let store = Store::open(options.db.as_deref()).map_err(ServeError::Store)?;
        for (reference, file) in &options.accounts {
            let unreadable = |why: String| {
                ServeError::Options(format!("--account {reference}={}: {why}", file.display()))
            };
            let text = std::fs::read_to_string(file).map_err(|e| unreadable(e.to_string()))?;
            let wire: ScenarioWire =
                repay_engine::read_json(&text).map_err(|e| unreadable(e.to_string()))?;
            Scenario::from_wire(&wire).map_err(|e| unreadable(e.to_string()))?;
            let policy_id = file
                .file_stem()
                .and_then(|stem| stem.to_str())
                .unwrap_or("policy");
            store
                .lock()
                .put_account(reference, policy_id, &wire.account, &wire.policy)
                .map_err(ServeError::Store)?;
        }
        Ok(Self {
            store: Arc::new(store),
            faults: Arc::new(FaultDraw::new(options.faults.clone())),
            cors_origin,
        })
    }
}

/// What `GET /api/health` answers.
#[derive(Debug, Serialize)]
struct Health {
    status: &'static str,
    engine_version: &'static str,
    accepted_proposals: u64,
}

fn json(status: StatusCode, value: &impl Serialize) -> Response {
    (status, Json(value)).into_response()
}

fn refuse(status: StatusCode, refusal: Refusal) -> Response {
    json(status, &refusal)
}

fn storage_failure(error: &StoreError) -> Response {
    eprintln!("dev-bank: {error}");
    refuse(
        StatusCode::INTERNAL_SERVER_ERROR,
        Refusal::new(
            "storage_failure",
            "the proposal could not be stored; try again",
        ),
    )
}

async fn health(State(app): State<AppState>) -> Response {
    match app.store.lock().accepted_count() {
        Ok(accepted_proposals) => json(
            StatusCode::OK,
            &Health {
                status: "ok",
                engine_version: repay_engine::ENGINE_VERSION,
                accepted_proposals,
            },
        ),
        Err(error) => storage_failure(&error),
    }
}

/// The field errors of an engine refusal, with paths from the body's root.
fn field_errors(error: EngineError, prefix: &str) -> Refusal {
    match error {
        EngineError::Invalid { path, reason } => {
            let path = if prefix.is_empty() {
                path
            } else {
                format!("{prefix}.{path}")
            };
            let mut refusal = Refusal::new("invalid", format!("{path} {reason}"));
            refusal.fields.push(FieldError {
                path,
                code: reason.code().to_owned(),
            });
            refusal
        }
        EngineError::MalformedJson { line, column, .. } => Refusal::new(
            "malformed_json",
            format!("the body is not JSON (line {line}, column {column})"),
        ),
        EngineError::TooDeep {
            line,
            column,
            limit,
        } => Refusal::new(
            "malformed_json",
            format!("the body nests more than {limit} levels deep (line {line}, column {column})"),
        ),
    }
}

/// The top-level parts of the bank's records that differ from the inputs the widget
/// computed with: each account field by name (`account.as_of`), the policy as a whole.
fn changed_inputs(sent: &ScenarioWire, ours: &ScenarioWire) -> Vec<String> {
    let fields = |account: &repay_engine::account::AccountSnapshotWire| match serde_json::to_value(
        account,
    ) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let (sent_account, our_account) = (fields(&sent.account), fields(&ours.account));
    let mut keys: Vec<&String> = sent_account.keys().chain(our_account.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut changed: Vec<String> = keys
        .into_iter()
        .filter(|key| sent_account.get(*key) != our_account.get(*key))
        .map(|key| format!("account.{key}"))
        .collect();
    if sent.policy != ours.policy {
        changed.push("policy".to_owned());
    }
    changed
}

/// An answer decided: accepted with its status and the records it was recomputed from,
/// or refused with its status and reasons.
type Decision<'a> = Result<(StatusCode, Accepted, &'a AccountRecords), Box<(StatusCode, Refusal)>>;

/// Decides the answer to a well-formed request from the bank's own `records` for its
/// account: look up, recompute, compare, verdict. Nothing the client sent is used to
/// compute: its `scenario` is checked and compared, only to explain a difference.
fn decide<'a>(submission: &Submission, records: Option<&'a AccountRecords>) -> Decision<'a> {
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    Scenario::from_wire(&submission.scenario)
        .map_err(|e| Box::new((unprocessable, field_errors(e, "scenario"))))?;
    let Some(records) = records else {
        let mut refusal = Refusal::new(
            "unknown_account",
            "the bank has no account with this account_reference",
        );
        refusal.fields.push(FieldError {
            path: "account_reference".to_owned(),
            code: "unknown_account".to_owned(),
        });
        return Err(Box::new((unprocessable, refusal)));
    };
    let ours = Scenario::from_wire(&records.scenario).map_err(|error| {
        eprintln!("dev-bank: the records of an account cannot be read: {error}");
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            Refusal::new(
                "server_error",
                "the bank's records cannot be read; try again later",
            ),
        )
    })?;
    let differences = verify(&submission.proposal, &ours.account, &ours.policy)
        .map_err(|e| Box::new((unprocessable, field_errors(e, "proposal"))))?;
    if !differences.is_empty() {
        let changed = changed_inputs(&submission.scenario, &records.scenario);
        let mut refusal = if changed.is_empty() {
            Refusal::new(
                "figures_differ",
                "the proposal's figures are not what the bank computes for this account under its policy in force",
            )
        } else {
            Refusal::new(
                "figures_differ",
                format!(
                    "the bank's records for this account have changed since the page was loaded ({}): reload the page to see the current figures",
                    changed.join(", ")
                ),
            )
        };
        refusal.differences = differences;
        refusal.records_changed = changed;
        return Err(Box::new((unprocessable, refusal)));
    }
    // Recomputed from the bank's records and identical: the plan's verdict is the bank's.
    let accepted = |status| -> Decision<'a> {
        Ok((
            StatusCode::CREATED,
            Accepted {
                reference: String::new(),
                status,
                message: None,
                access_token: None,
                duplicate: false,
            },
            records,
        ))
    };
    let verdict = &submission.proposal.plan["verdict"];
    match verdict["status"].as_str() {
        Some("approved_instantly") => accepted(AcceptedStatus::Approved),
        Some("needs_review") => accepted(AcceptedStatus::UnderReview),
        _ => {
            let mut refusal =
                Refusal::new("rejected", "the bank's policy does not allow this plan");
            refusal.reasons =
                serde_json::from_value(verdict["reasons"].clone()).unwrap_or_default();
            Err(Box::new((unprocessable, refusal)))
        }
    }
}

/// `POST /api/proposals`.
async fn submit(State(app): State<AppState>, headers: HeaderMap, body: Body) -> Response {
    let faults = app.faults.faults().clone();
    if !faults.delay.is_zero() {
        tokio::time::sleep(faults.delay).await;
    }
    if let Some(status) = faults.force_status {
        let response = refuse(
            StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            Refusal::new(
                if status == 429 {
                    "rate_limited"
                } else {
                    "forced"
                },
                "forced by --force-status",
            ),
        );
        return if status == 429 {
            rate_limited(response)
        } else {
            response
        };
    }
    let fault = app.faults.draw();
    if fault == Fault::Limit {
        return rate_limited(refuse(
            StatusCode::TOO_MANY_REQUESTS,
            Refusal::new("rate_limited", "injected rate limit; try again in a second"),
        ));
    }
    if let Fault::Fail(status) = fault {
        return refuse(
            StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            Refusal::new("server_error", "injected failure; try again"),
        );
    }

    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
        });
    if !is_json {
        return refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Refusal::new(
                "unsupported_media_type",
                "send the proposal as application/json",
            ),
        );
    }
    if headers.get_all("idempotency-key").iter().count() > 1 {
        return refuse(
            StatusCode::BAD_REQUEST,
            Refusal::new(
                "missing_idempotency_key",
                "send exactly one Idempotency-Key header",
            ),
        );
    }
    let Some(key) = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
    else {
        return refuse(
            StatusCode::BAD_REQUEST,
            Refusal::new(
                "missing_idempotency_key",
                "send the proposal id in an Idempotency-Key header",
            ),
        );
    };
    let bytes: Bytes = match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
        Ok(bytes) => bytes,
        Err(_) => {
            return refuse(
                StatusCode::PAYLOAD_TOO_LARGE,
                Refusal::new(
                    "body_too_large",
                    format!("the body is over {MAX_BODY_BYTES} bytes"),
                ),
            )
        }
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return refuse(
            StatusCode::BAD_REQUEST,
            Refusal::new("malformed_json", "the body is not UTF-8 text"),
        );
    };
    // A version this server cannot read is refused before its shape is checked.
    let version = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("schema_version").and_then(serde_json::Value::as_u64));
    if version.is_some_and(|v| v != u64::from(SCHEMA_VERSION)) {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            Refusal::new(
                "unsupported_schema_version",
                format!("this server reads schema_version {SCHEMA_VERSION}"),
            ),
        );
    }
    let submission: Submission = match repay_engine::read_json(text) {
        Ok(submission) => submission,
        Err(error @ (EngineError::MalformedJson { .. } | EngineError::TooDeep { .. })) => {
            return refuse(StatusCode::BAD_REQUEST, field_errors(error, ""));
        }
        Err(error) => return refuse(StatusCode::UNPROCESSABLE_ENTITY, field_errors(error, "")),
    };
    if let Err(field) = contract::check_fields(&submission) {
        let mut refusal = Refusal::new(
            "invalid",
            format!("{} is not allowed ({})", field.path, field.code),
        );
        refusal.fields.push(field);
        return refuse(StatusCode::UNPROCESSABLE_ENTITY, refusal);
    }
    if submission.proposal_id != key {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            Refusal::new(
                "idempotency_key_mismatch",
                "the Idempotency-Key header must equal proposal_id",
            ),
        );
    }
    let canonical = serde_json::to_string(&submission).unwrap_or_default();
    let identity = without_budget(&submission);

    let response = {
        let store = app.store.lock();
        match store.find(&key) {
            Err(error) => return storage_failure(&error),
            Ok(Some(stored))
                if serde_json::from_str(&stored.body)
                    .ok()
                    .map(|s| without_budget(&s))
                    == Some(identity.clone()) =>
            {
                // The same request again: the same answer, marked as a repeat.
                let mut answer: serde_json::Value =
                    serde_json::from_str(&stored.answer).unwrap_or_default();
                if answer.get("reference").is_some() {
                    answer["duplicate"] = true.into();
                }
                let status = if stored.status == 201 {
                    StatusCode::OK
                } else {
                    StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK)
                };
                json(status, &answer)
            }
            Ok(Some(_)) => refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                Refusal::new(
                    "idempotency_conflict",
                    "this Idempotency-Key was used for a different proposal",
                ),
            ),
            Ok(None) => {
                let records = match store.account(&submission.account_reference) {
                    Ok(records) => records,
                    Err(error) => return storage_failure(&error),
                };
                let (status, answer, accepted_as) = match decide(&submission, records.as_ref()) {
                    Ok((status, mut accepted, records)) => {
                        let made = store
                            .new_reference()
                            .and_then(|r| Ok((r, store.new_access_token()?)));
                        match made {
                            Ok((reference, token)) => {
                                accepted.reference = reference.clone();
                                accepted.access_token = Some(token.clone());
                                (
                                    status,
                                    serde_json::to_string(&accepted).unwrap_or_default(),
                                    Some((reference, token, records)),
                                )
                            }
                            Err(error) => return storage_failure(&error),
                        }
                    }
                    Err(refused) => (
                        refused.0,
                        serde_json::to_string(&refused.1).unwrap_or_default(),
                        None,
                    ),
                };
                if let Err(error) = store.save(
                    &key,
                    &canonical,
                    status.as_u16(),
                    &answer,
                    accepted_as.as_ref().map(|(reference, token, records)| {
                        (reference.as_str(), token.as_str(), *records)
                    }),
                ) {
                    return storage_failure(&error);
                }
                let value: serde_json::Value = serde_json::from_str(&answer).unwrap_or_default();
                json(status, &value)
            }
        }
    };
    if fault == Fault::Drop {
        // Stored, but the answer never arrives: the connection breaks mid-response.
        let broken = futures_util::stream::once(async {
            Err::<Bytes, std::io::Error>(std::io::Error::other(
                "connection dropped by fault injection",
            ))
        });
        return Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from_stream(broken))
            .unwrap_or(response);
    }
    response
}

/// Adds `Retry-After: 1` to a 429 answer.
fn rate_limited(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    response
}

/// Whether two secrets are equal, in a time that does not depend on where they differ.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}

/// `GET /api/proposals/{reference}` with `Authorization: Bearer {access_token}`: the
/// accepted proposal (the plan and choice) and the answer, for whoever sent it. Never the
/// budget, the message or the contact details. A wrong, missing or unknown token is
/// answered exactly like an unknown reference, so neither can be probed.
async fn lookup(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path(reference): Path<String>,
) -> Response {
    let not_found = || {
        refuse(
            StatusCode::NOT_FOUND,
            Refusal::new(
                "not_found",
                "no proposal with this reference and access token",
            ),
        )
    };
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let Some(token) = token else {
        return not_found();
    };
    match app.store.lock().by_reference(&reference) {
        Ok(Some(row)) if same_secret(&row.access_token, token) => {
            let body: serde_json::Value =
                serde_json::from_str(&row.stored.body).unwrap_or_default();
            let mut answer: serde_json::Value =
                serde_json::from_str(&row.stored.answer).unwrap_or_default();
            if let Some(answer) = answer.as_object_mut() {
                answer.remove("access_token");
                answer.remove("duplicate");
            }
            json(
                StatusCode::OK,
                &serde_json::json!({
                    "reference": reference,
                    "proposal": body["proposal"],
                    "answer": answer,
                }),
            )
        }
        Ok(_) => not_found(),
        Err(error) => storage_failure(&error),
    }
}

/// Logs one line per request: method, path and status — never a body, so no personal
/// data reaches the log.
async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    println!("{method} {path} {}", response.status().as_u16());
    response
}

/// Allows the configured origin, and answers its preflight requests.
/// What makes two requests "the same proposal" for idempotency: everything but the
/// budget, which the widget never keeps in storage and so cannot repeat after a reload.
fn without_budget(submission: &Submission) -> Submission {
    Submission {
        budget: None,
        ..submission.clone()
    }
}

async fn cors(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let allowed = app
        .cors_origin
        .clone()
        .filter(|origin| request.headers().get(header::ORIGIN) == Some(origin));
    let preflight = request.method() == Method::OPTIONS;
    let mut response = if preflight {
        StatusCode::NO_CONTENT.into_response()
    } else {
        next.run(request).await
    };
    if let Some(origin) = allowed {
        let headers = response.headers_mut();
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.insert(header::VARY, HeaderValue::from_static("origin"));
        headers.insert(
            header::ACCESS_CONTROL_EXPOSE_HEADERS,
            HeaderValue::from_static("retry-after"),
        );
        if preflight {
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_METHODS,
                HeaderValue::from_static("GET, POST"),
            );
            headers.insert(
                header::ACCESS_CONTROL_ALLOW_HEADERS,
                HeaderValue::from_static("content-type, idempotency-key, x-csrf-token"),
            );
            headers.insert(
                header::ACCESS_CONTROL_MAX_AGE,
                HeaderValue::from_static("600"),
            );
        }
    }
    response
}

/// The dev-bank's routes.
pub fn router(app: AppState) -> Router {
    Router::new()
        .route("/api/health", get(health))
        .route("/api/proposals", axum::routing::post(submit))
        .route("/api/proposals/{reference}", get(lookup))
        .layer(middleware::from_fn_with_state(app.clone(), cors))
        .layer(middleware::from_fn(log_request))
        .with_state(app)
}

/// Errors that stop the server from starting.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source} (is another dev-bank already running? pick another port with --addr)")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("{0}")]
    Store(StoreError),
    #[error("{0}")]
    Options(String),
    #[error("the server stopped: {0}")]
    Serve(std::io::Error),
}

/// Binds `addr` (port 0 picks a free one) and returns the listener with its real address.
///
/// # Errors
///
/// [`ServeError::Bind`] when the address is taken or not allowed.
pub async fn bind(addr: SocketAddr) -> Result<(tokio::net::TcpListener, SocketAddr), ServeError> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| ServeError::Bind { addr, source })?;
    let local = listener
        .local_addr()
        .map_err(|source| ServeError::Bind { addr, source })?;
    Ok((listener, local))
}

/// Serves the dev-bank on `listener` until `shutdown` resolves.
///
/// # Errors
///
/// [`ServeError::Serve`] when the server fails while running.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    axum::serve(listener, router(app))
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(ServeError::Serve)
}

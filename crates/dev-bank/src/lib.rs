//! The dev-bank: the reference endpoint that receives repayment proposals, for
//! development, tests and as a starting point for banks. It implements the contract in
//! `docs/contract.md`: it checks the body, looks the account up in **the bank's own
//! records** (SQLite: the account's snapshot and the policy in force), **recomputes the
//! proposal from those records** and the customer's choice, and refuses one whose figures
//! differ; it answers a repeated request with the answer already given (idempotency),
//! keeps every answer in SQLite, and shows an accepted proposal only to whoever holds its
//! access token. Every proposal and lookup comes from a signed-in customer
//! ([`session`]) and is honoured only for an account that customer holds.
//!
//! It is laid out as axum's own examples are, so that a bank can read it:
//!
//! - [`router`]: the routes, under tower-http's layers for CORS, the body limit (413 at
//!   once on a declared `Content-Length` over it) and the time limit of a request;
//! - [`extract::ValidSubmission`]: the typed extractor that refuses a request the
//!   contract does not allow, as an [`ApiError`], and a body that does not arrive in
//!   time;
//! - [`session::SignedIn`]: the customer behind a request (the bank's own sign-in,
//!   stood in for by `POST /api/session`), or a 401 before the body is read;
//! - [`faults::inject`]: fault injection for the tests, as a middleware;
//! - [`decision::decide`]: the decision, pure over the bank's records;
//! - [`serve`]: the connection loop, with a time limit on request headers and a cap on
//!   open connections (hyper's own settings, which `axum::serve` does not expose).

pub mod decision;
pub mod extract;
pub mod faults;
pub mod session;
pub mod store;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use repay_engine::scenario::ScenarioWire;
use repay_engine::Scenario;
use serde::Serialize;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::decision::{decide, unknown_account, without_budget, Records};
use crate::extract::ValidSubmission;
use crate::faults::{FaultDraw, Faults};
use crate::session::SignedIn;
use crate::store::{Store, StoreError};
use repay_contract::{Accepted, Lookup, Refusal, RefusalCode};

/// The largest body accepted: a 60-month schedule with its inputs is about 40 KB.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// Time and connection limits: what a slow or greedy client can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A request's headers must arrive within this, or the connection is closed.
    pub header_timeout: Duration,
    /// A request's whole body must arrive within this, or it is answered 408.
    pub body_timeout: Duration,
    /// A whole request must be answered within this, or it is answered 408.
    pub request_timeout: Duration,
    /// Connections open at once; one more is answered 503 and closed.
    pub max_connections: usize,
    /// Connections one client (one peer address) may hold open at once, below
    /// `max_connections`, so that one client cannot hold every place.
    pub max_per_client: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_connections: 256,
            max_per_client: 32,
        }
    }
}

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
    /// stem (`cn-card`) when it differs from the one in force; its `terms.version`
    /// becomes terms the bank has published.
    pub accounts: Vec<(String, PathBuf)>,
    pub limits: Limits,
    /// The passcode every customer signs in with (`POST /api/session`); `None` is
    /// [`DEMO_PASSCODE`].
    pub passcode: Option<String>,
    /// Whoever sends `Authorization: Bearer` this is an operator, and `/api/health`
    /// tells them how many proposals were accepted; `None`: nobody is.
    pub operator_token: Option<String>,
}

/// The passcode of the illustrative customers unless `--passcode` says otherwise.
pub const DEMO_PASSCODE: &str = "demo";

/// Shared by every request.
#[derive(Clone)]
pub struct AppState {
    store: Arc<Store>,
    faults: Arc<FaultDraw>,
    cors_origin: Option<HeaderValue>,
    limits: Limits,
    passcode: String,
    operator_token: Option<String>,
}

impl AppState {
    /// Opens the store and prepares the faults.
    ///
    /// # Errors
    ///
    /// [`ServeError::Store`] when the database cannot be opened, [`ServeError::Options`]
    /// for an option that cannot be used.
    pub fn new(options: &Options) -> Result<Self, ServeError> {
        let cors_origin = match &options.cors_origin {
            Some(origin) => Some(HeaderValue::from_str(origin).map_err(|_| {
                ServeError::Options(format!("--cors-origin {origin:?} is not a valid origin"))
            })?),
            None => None,
        };
        if options.faults.delay > faults::MAX_DELAY {
            return Err(ServeError::Options(format!(
                "--delay-ms is at most {} (under the request time limit)",
                faults::MAX_DELAY.as_millis()
            )));
        }
        let store = Store::open(options.db.as_deref()).map_err(ServeError::Store)?;
        for (reference, file) in &options.accounts {
            let unreadable = |why: String| {
                ServeError::Options(format!("--account {reference}={}: {why}", file.display()))
            };
            let text = std::fs::read_to_string(file).map_err(|e| unreadable(e.to_string()))?;
            // Read as the widget reads a configuration: one reader, one strictness.
            let config = repay_config::read_wire(&text).map_err(|e| unreadable(e.to_string()))?;
            let wire = ScenarioWire {
                account: config.account,
                policy: config.policy,
            };
            Scenario::from_wire(&wire).map_err(|e| unreadable(e.to_string()))?;
            let policy_id = file
                .file_stem()
                .and_then(|stem| stem.to_str())
                .unwrap_or("policy");
            let records = store.lock();
            records
                .put_account(reference, policy_id, &wire.account, &wire.policy)
                .map_err(ServeError::Store)?;
            // An account new to the bank is held by a customer named as its reference.
            records
                .put_holder(reference, reference)
                .map_err(ServeError::Store)?;
            records
                .put_terms_version(&config.terms.version)
                .map_err(ServeError::Store)?;
        }
        Ok(Self {
            store: Arc::new(store),
            faults: Arc::new(FaultDraw::new(options.faults.clone())),
            cors_origin,
            limits: options.limits,
            passcode: options
                .passcode
                .clone()
                .unwrap_or_else(|| DEMO_PASSCODE.to_owned()),
            operator_token: options.operator_token.clone().filter(|t| !t.is_empty()),
        })
    }

    /// The time and connection limits it was started with, for [`serve_router`].
    pub fn limits(&self) -> Limits {
        self.limits
    }
}

/// A refusal as an HTTP answer: its status and the contract's JSON body. Every handler,
/// extractor and middleware refuses with one.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    /// Boxed: refusals travel in `Result`s, which stay small.
    pub refusal: Box<Refusal>,
}

impl ApiError {
    pub fn new(status: StatusCode, error: RefusalCode, message: impl Into<String>) -> Self {
        Self {
            status,
            refusal: Box::new(Refusal::new(error, message)),
        }
    }

    /// 429 with `Retry-After: 1`.
    pub fn rate_limited(message: &str) -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            RefusalCode::RateLimited,
            message,
        )
    }

    fn storage_failure(error: &StoreError) -> Self {
        eprintln!("dev-bank: {error}");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            RefusalCode::StorageFailure,
            "the proposal could not be stored; try again",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.refusal)).into_response();
        if self.status == StatusCode::TOO_MANY_REQUESTS
            || self.status == StatusCode::SERVICE_UNAVAILABLE
        {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        response
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        Self::storage_failure(&error)
    }
}

/// What `GET /api/health` answers: `ok` to anyone; to an operator also the engine's
/// version and how many proposals were accepted.
#[derive(Debug, Serialize)]
struct Health {
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    engine_version: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accepted_proposals: Option<u64>,
}

async fn health(State(app): State<AppState>, headers: HeaderMap) -> Result<Json<Health>, ApiError> {
    let operator = app
        .operator_token
        .as_deref()
        .is_some_and(|expected| bearer(&headers).is_some_and(|token| same_secret(token, expected)));
    if !operator {
        return Ok(Json(Health {
            status: "ok",
            engine_version: None,
            accepted_proposals: None,
        }));
    }
    Ok(Json(Health {
        status: "ok",
        engine_version: Some(repay_engine::ENGINE_VERSION),
        accepted_proposals: Some(app.store.lock().accepted_count()?),
    }))
}

/// The token of an `Authorization: Bearer` header, if there is one.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
}

/// `POST /api/proposals`: a valid submission from a signed-in customer, answered once
/// per idempotency key. An account the customer does not hold is answered as an unknown
/// one, before anything is looked up or stored. A repeat gets the answer already given;
/// a new one is decided from the bank's records, and the answer is stored with it,
/// unless it is a server error, which is never stored.
async fn submit(
    State(app): State<AppState>,
    signed_in: SignedIn,
    ValidSubmission { key, submission }: ValidSubmission,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    let store = app.store.lock();
    if !store.holds(&signed_in.customer, &submission.account_reference)? {
        return Err(unknown_account());
    }
    // Only a completed answer is replayed. A server error stored by an older dev-bank is
    // forgotten, and the request decided afresh.
    let stored = match store.find(&key)? {
        Some(stored) if StatusCode::from_u16(stored.status).is_ok_and(|s| s.is_server_error()) => {
            store.forget(&key)?;
            None
        }
        stored => stored,
    };
    if let Some(stored) = stored {
        let same = serde_json::from_str(&stored.body)
            .ok()
            .map(|s| without_budget(&s))
            == Some(without_budget(&submission));
        if !same {
            return Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                RefusalCode::IdempotencyConflict,
                "this Idempotency-Key was used for a different proposal",
            ));
        }
        // The same request again: the same answer, marked as a repeat.
        let mut answer: serde_json::Value =
            serde_json::from_str(&stored.answer).unwrap_or_default();
        if answer.get("reference").is_some() {
            answer["duplicate"] = true.into();
        }
        let status = match stored.status {
            201 => StatusCode::OK,
            other => StatusCode::from_u16(other).unwrap_or(StatusCode::OK),
        };
        return Ok((status, Json(answer)));
    }
    let account = store.account(&submission.account_reference)?;
    let records = Records {
        account: account.as_ref(),
        terms_known: store.knows_terms_version(&submission.consent.terms_version)?,
    };
    let canonical = serde_json::to_string(&submission).unwrap_or_default();
    match decide(&submission, records) {
        Ok(decision) => {
            let reference = store.new_reference()?;
            let token = store.new_access_token()?;
            let answer = serde_json::to_value(Accepted {
                reference: reference.clone(),
                status: decision.status,
                message: None,
                access_token: Some(token.clone()),
                duplicate: false,
            })
            .unwrap_or_default();
            store.save(
                &key,
                &canonical,
                StatusCode::CREATED.as_u16(),
                &answer.to_string(),
                Some((reference.as_str(), token.as_str(), decision.records)),
            )?;
            Ok((StatusCode::CREATED, Json(answer)))
        }
        Err(refused) => {
            // A refusal is the bank's answer and is replayed; a server error (the bank's
            // records could not be read) is not an answer: a retry after the bank
            // recovers is decided afresh, as Stripe replays only completed results.
            if !refused.status.is_server_error() {
                let text = serde_json::to_string(&refused.refusal).unwrap_or_default();
                store.save(&key, &canonical, refused.status.as_u16(), &text, None)?;
            }
            Err(refused)
        }
    }
}

/// Whether two secrets are equal, in a time that does not depend on where they differ.
pub(crate) fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}

/// `GET /api/proposals/{reference}` with `Authorization: Bearer {access_token}`, from
/// the signed-in holder of the proposal's account: the accepted proposal (the plan and
/// choice) and the answer. Never the budget, the message or the contact details. A
/// wrong, missing or unknown token, and another customer's proposal, are answered exactly
/// like an unknown reference, so none can be probed.
async fn lookup(
    State(app): State<AppState>,
    signed_in: SignedIn,
    headers: HeaderMap,
    Path(reference): Path<String>,
) -> Result<Json<Lookup>, ApiError> {
    let not_found = || {
        ApiError::new(
            StatusCode::NOT_FOUND,
            RefusalCode::NotFound,
            "no proposal with this reference and access token",
        )
    };
    let token = bearer(&headers).ok_or_else(not_found)?;
    let store = app.store.lock();
    let row = store
        .by_reference(&reference)?
        .filter(|row| same_secret(&row.access_token, token))
        .ok_or_else(not_found)?;
    let body: serde_json::Value = serde_json::from_str(&row.stored.body).unwrap_or_default();
    let account = body["account_reference"].as_str().unwrap_or_default();
    if !store.holds(&signed_in.customer, account)? {
        return Err(not_found());
    }
    let unreadable = || {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            RefusalCode::StorageFailure,
            "a stored proposal cannot be read back",
        )
    };
    let proposal = serde_json::from_value(body["proposal"].clone()).map_err(|_| unreadable())?;
    let answer: Accepted = serde_json::from_str(&row.stored.answer).map_err(|_| unreadable())?;
    Ok(Json(Lookup {
        reference,
        proposal,
        answer: Accepted {
            access_token: None,
            duplicate: false,
            ..answer
        },
    }))
}

/// Logs one line per request: method, path and status — never a body, so no personal
/// data reaches the log.
async fn log_request(request: axum::extract::Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    println!("{method} {path} {}", response.status().as_u16());
    response
}

/// Gives the answers tower-http's layers make on their own (a body over the limit, a
/// request out of time) the contract's JSON body, as every other refusal has.
async fn contract_errors(request: axum::extract::Request, next: Next) -> Response {
    let response = next.run(request).await;
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_json {
        return response;
    }
    match response.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::body_too_large().into_response(),
        StatusCode::REQUEST_TIMEOUT => ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            RefusalCode::RequestTimeout,
            "the request took too long; send it again",
        )
        .into_response(),
        _ => response,
    }
}

/// The dev-bank's routes, under its layers (outermost first): the log, the contract's
/// JSON for the layers' own answers, CORS for the one allowed origin, the time limit of a
/// whole request, the body limit. (A body's own time limit is in the extractor.)
pub fn router(app: AppState) -> Router {
    let cors = match &app.cors_origin {
        Some(origin) => CorsLayer::new()
            .allow_origin(AllowOrigin::list([origin.clone()]))
            .allow_methods([Method::GET, Method::POST, Method::DELETE])
            .allow_credentials(true)
            .allow_headers([
                header::CONTENT_TYPE,
                header::AUTHORIZATION,
                header::HeaderName::from_static("idempotency-key"),
                header::HeaderName::from_static("x-csrf-token"),
            ])
            .expose_headers([header::RETRY_AFTER])
            .max_age(Duration::from_secs(600)),
        None => CorsLayer::new(),
    };
    let limits = app.limits;
    let proposals = post(submit).layer(middleware::from_fn_with_state(
        app.faults.clone(),
        faults::inject,
    ));
    Router::new()
        .route("/api/health", get(health))
        .route(
            "/api/session",
            post(session::sign_in).merge(delete(session::sign_out)),
        )
        .route("/api/proposals", proposals)
        .route("/api/proposals/{reference}", get(lookup))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.request_timeout,
        ))
        .layer(cors)
        .layer(middleware::from_fn(contract_errors))
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

/// What a connection over the cap is told before it is closed: 503, try again soon.
fn too_many_connections() -> Vec<u8> {
    let body = serde_json::to_string(&Refusal::new(
        RefusalCode::ServerError,
        "too many connections; try again soon",
    ))
    .unwrap_or_default();
    format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n\
         retry-after: 1\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// The connections each client holds open, by peer address; a place is given back when
/// its guard is dropped.
#[derive(Clone, Default)]
struct PerClient(Arc<std::sync::Mutex<std::collections::HashMap<std::net::IpAddr, usize>>>);

struct ClientPlace {
    clients: PerClient,
    ip: std::net::IpAddr,
}

impl PerClient {
    /// A place for one more connection from `ip`, if it holds fewer than `max`.
    fn take(&self, ip: std::net::IpAddr, max: usize) -> Option<ClientPlace> {
        let mut open = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let count = open.entry(ip).or_insert(0);
        if *count >= max {
            return None;
        }
        *count += 1;
        Some(ClientPlace {
            clients: self.clone(),
            ip,
        })
    }
}

impl Drop for ClientPlace {
    fn drop(&mut self) {
        let mut open = self
            .clients
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(count) = open.get_mut(&self.ip) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

/// Serves the dev-bank on `listener` until `shutdown` resolves: each connection by
/// hyper's HTTP/1 server with a time limit on its request headers, at most
/// `max_connections` at once and `max_per_client` from one peer address. When every place
/// is taken, the connections that sit idle between requests are closed (after any request
/// they are answering), so that keep-alive connections cannot keep a customer out.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) {
    let limits = app.limits;
    serve_router(listener, limits, router(app), shutdown).await;
}

/// Runs a server as the dev-bank's binary and the demo site's do: binds `addr`, prints
/// "`name` listening on http://…" (the line `cargo xtask serve` and the tests read to
/// learn the port), and serves `router` under `limits` until Ctrl-C.
///
/// # Errors
///
/// [`ServeError::Bind`] when the address is taken or not allowed.
pub async fn run(
    name: &str,
    addr: SocketAddr,
    limits: Limits,
    router: Router,
) -> Result<(), ServeError> {
    let (listener, local) = bind(addr).await?;
    println!("{name} listening on http://{local}");
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    serve_router(listener, limits, router, shutdown).await;
    Ok(())
}

/// [`serve`]'s connection loop for any router: the dev-bank's routes with others beside
/// them (the demo site's pages, `crates/demo-site`), under the same limits.
pub async fn serve_router(
    listener: tokio::net::TcpListener,
    limits: Limits,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tokio::io::AsyncWriteExt;

    let open = Arc::new(tokio::sync::Semaphore::new(limits.max_connections));
    let clients = PerClient::default();
    let full = Arc::new(tokio::sync::Notify::new());
    let service = hyper_util::service::TowerToHyperService::new(router);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            () = &mut shutdown => return,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // A connection that failed while being accepted: the next one is fine.
                Err(_) => continue,
            },
        };
        let refuse = |mut stream: tokio::net::TcpStream| {
            tokio::spawn(async move {
                let _ = stream.write_all(&too_many_connections()).await;
                let _ = stream.shutdown().await;
            });
        };
        let Some(place) = clients.take(peer.ip(), limits.max_per_client) else {
            refuse(stream);
            continue;
        };
        let Ok(permit) = open.clone().try_acquire_owned() else {
            // Full: idle connections make room for whoever comes next.
            full.notify_waiters();
            refuse(stream);
            continue;
        };
        let service = service.clone();
        let full = full.clone();
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout)
                .serve_connection(TokioIo::new(stream), service);
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                () = full.notified() => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
            drop(permit);
            drop(place);
        });
    }
}

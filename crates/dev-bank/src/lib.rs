//! The dev-bank: the reference endpoint that receives repayment proposals, for
//! development, tests and as a starting point for banks.
//!
//! Today it answers a health check (so the widget and `cargo xtask serve` can tell it is
//! up); the proposal contract is added on top of this router.

use std::net::SocketAddr;

use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

/// What `GET /api/health` answers.
#[derive(Debug, Serialize)]
struct Health {
    status: &'static str,
    engine_version: &'static str,
}

async fn health() -> Json<Health> {
    Json(Health {
        status: "ok",
        engine_version: repay_engine::ENGINE_VERSION,
    })
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

/// The dev-bank's routes.
pub fn router() -> Router {
    Router::new()
        .route("/api/health", get(health))
        .layer(middleware::from_fn(log_request))
}

/// Errors that stop the server from starting.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {source} (is another dev-bank already running? pick another port with --addr)")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
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
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    axum::serve(listener, router())
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(ServeError::Serve)
}

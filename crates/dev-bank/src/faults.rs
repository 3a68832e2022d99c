//! Fault injection for the tests: failures, delays, dropped connections and forced
//! answers, drawn from a seeded generator so a test run is repeatable. [`inject`] is a
//! middleware on the proposal route, so the handler knows nothing of it.

use repay_contract::RefusalCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::ApiError;

/// Which faults to inject, in per-mille (‰) so no float is involved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Faults {
    /// Share of proposal requests answered 500 or 503 before anything is stored.
    pub fail_per_mille: u32,
    /// Share of proposal requests answered 429 with `Retry-After: 1`, before anything is
    /// stored: a rate limit that passes.
    pub limit_per_mille: u32,
    /// Share of proposal requests whose connection is dropped after the proposal is
    /// stored: the answer is lost, so only an idempotent retry recovers it.
    pub drop_per_mille: u32,
    /// Added to every proposal request before it is handled (at most
    /// [`MAX_DELAY`], under the server's request timeout).
    pub delay: Duration,
    /// Answer every proposal request with this status (422 or 429) instead.
    pub force_status: Option<u16>,
    /// Seed for the draws.
    pub seed: u64,
}

/// What to do with one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    None,
    /// Answer this 5xx status without handling the request.
    Fail(u16),
    /// Answer 429 with `Retry-After: 1` without handling the request.
    Limit,
    /// Handle the request, then drop the connection instead of answering.
    Drop,
}

/// Draws faults for successive requests.
pub struct FaultDraw {
    faults: Faults,
    state: Mutex<u64>,
}

impl FaultDraw {
    pub fn new(faults: Faults) -> Self {
        let seed = faults.seed.max(1);
        Self {
            faults,
            state: Mutex::new(seed),
        }
    }

    pub fn faults(&self) -> &Faults {
        &self.faults
    }

    /// A number in 0..1000 from an xorshift generator.
    fn next_per_mille(&self) -> u32 {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        u32::try_from(*state % 1000).unwrap_or(0)
    }

    /// The fault for the next proposal request.
    pub fn draw(&self) -> Fault {
        let fail = self.next_per_mille();
        if fail < self.faults.fail_per_mille {
            return Fault::Fail(if fail.is_multiple_of(2) { 500 } else { 503 });
        }
        // Drawn only when switched on, so a seed gives the same draws as before this flag.
        if self.faults.limit_per_mille > 0 && self.next_per_mille() < self.faults.limit_per_mille {
            return Fault::Limit;
        }
        if self.next_per_mille() < self.faults.drop_per_mille {
            return Fault::Drop;
        }
        Fault::None
    }
}

/// The longest `--delay-ms`: under the request timeout, so a delayed request is answered.
pub const MAX_DELAY: Duration = Duration::from_secs(20);

/// Applies the next drawn fault to a proposal request: delays it, answers it with an
/// injected status before the handler sees it, or lets the handler store it and then
/// breaks the connection instead of answering.
pub async fn inject(State(draw): State<Arc<FaultDraw>>, request: Request, next: Next) -> Response {
    let faults = draw.faults();
    if !faults.delay.is_zero() {
        tokio::time::sleep(faults.delay).await;
    }
    if let Some(status) = faults.force_status {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        return if status == StatusCode::TOO_MANY_REQUESTS {
            ApiError::rate_limited("forced by --force-status").into_response()
        } else {
            ApiError::new(
                status,
                RefusalCode::Other("forced".to_owned()),
                "forced by --force-status",
            )
            .into_response()
        };
    }
    match draw.draw() {
        Fault::Limit => {
            ApiError::rate_limited("injected rate limit; try again in a second").into_response()
        }
        Fault::Fail(status) => ApiError::new(
            StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            RefusalCode::ServerError,
            "injected failure; try again",
        )
        .into_response(),
        Fault::Drop => {
            // Handled and stored, but the answer never arrives: the body breaks mid-way.
            let handled = next.run(request).await;
            let broken = futures_util::stream::once(async {
                Err::<Bytes, std::io::Error>(std::io::Error::other(
                    "connection dropped by fault injection",
                ))
            });
            let mut response = Response::new(Body::from_stream(broken));
            *response.status_mut() = handled.status();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                header::HeaderValue::from_static("application/json"),
            );
            response
        }
        Fault::None => next.run(request).await,
    }
}

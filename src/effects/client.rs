//! Sending a proposal over the network: one `fetch` per attempt (gloo-net) with its own
//! timeout, retries with backoff (Yew's timers, gloo-timers underneath), and waiting for
//! the network while offline. What the answers mean and when to retry is decided in
//! [`crate::submit`].

use std::time::Duration;

use gloo_net::http::Request;
use web_sys::{AbortSignal, RequestCredentials};
use yew::Callback;

use crate::config::{Credentials, Sending};
use crate::delivery::{Pending, Progress, Receipt, Report, Trouble};
use crate::effects::browser;
use crate::submit::{backoff_ms, classify, Outcome, MAX_ATTEMPTS, MAX_RETRY_AFTER_SECONDS};

/// What one attempt brought back: the status, `Retry-After` and the body, if any.
type Reply = (u16, Option<String>, Option<String>);

/// The CSRF token the bank's page holds now, if the bank uses one.
fn csrf_token(sending: &Sending) -> Option<String> {
    sending
        .csrf
        .as_ref()
        .and_then(|csrf| browser::cookie(&csrf.cookie))
}

/// One attempt, carrying `token` as the CSRF header. `Err` when no answer arrived: a
/// network error, the timeout, or an answer the browser withheld (CORS).
async fn attempt(
    sending: &Sending,
    key: &str,
    token: Option<&str>,
    body: String,
) -> Result<Reply, gloo_net::Error> {
    let mut request = Request::post(&sending.endpoint)
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", key)
        .credentials(match sending.credentials {
            Credentials::Omit => RequestCredentials::Omit,
            Credentials::SameOrigin => RequestCredentials::SameOrigin,
            Credentials::Include => RequestCredentials::Include,
        });
    if let (Some(csrf), Some(token)) = (&sending.csrf, token) {
        request = request.header(&csrf.header, token);
    }
    // The timeout covers reading the answer too.
    let signal = AbortSignal::timeout_with_u32(sending.timeout_ms);
    let response = request
        .abort_signal(Some(&signal))
        .body(body)?
        .send()
        .await?;
    let retry_after = response.headers().get("Retry-After");
    let text = response.text().await.ok();
    Ok((response.status(), retry_after, text))
}

/// Sends `pending` until the bank answers or the automatic attempts run out, reporting
/// every change; while the browser is offline it waits for the network. Each attempt
/// repeats the same key and body, so the bank stores the proposal once whatever happens
/// to the answers.
pub async fn deliver(sending: Sending, pending: Pending, report: Callback<Report>) {
    let body = pending.json();
    let mut attempts = 0;
    loop {
        attempts += 1;
        report.emit(Report::Progress(Progress::Sending));
        let token = csrf_token(&sending);
        let outcome = match attempt(&sending, pending.key(), token.as_deref(), body.clone()).await {
            Ok((status, retry_after, text)) => {
                classify(status, retry_after.as_deref(), text.as_deref())
            }
            Err(_) => Outcome::Retry {
                after_seconds: None,
                trouble: Trouble::Unreachable,
            },
        };
        let (after_seconds, trouble) = match outcome {
            Outcome::Accepted(accepted) => {
                report.emit(Report::Accepted(Receipt {
                    reference: accepted.reference,
                    status: accepted.status,
                    message: accepted.message,
                    first_due: pending.first_due,
                }));
                return;
            }
            Outcome::Refused(refusal) => {
                report.emit(Report::Refused(refusal));
                return;
            }
            // The page signed in afresh while this attempt was on its way (the browser
            // sent the new session with the token read before it): nothing was decided,
            // so the same proposal goes again at once with the new token.
            Outcome::Held(Trouble::SignedOut)
                if attempts < MAX_ATTEMPTS && token.is_some() && csrf_token(&sending) != token =>
            {
                continue;
            }
            Outcome::Held(trouble) => {
                report.emit(Report::Progress(Progress::Failed { trouble }));
                return;
            }
            Outcome::Retry {
                after_seconds,
                trouble,
            } => (after_seconds, trouble),
        };
        if !browser::online() {
            // Offline: wait for the network, then start afresh. Polling once a second
            // costs nothing and needs no listener to clean up.
            report.emit(Report::Progress(Progress::Failed {
                trouble: Trouble::Offline,
            }));
            while !browser::online() {
                yew::platform::time::sleep(Duration::from_secs(1)).await;
            }
            attempts = 0;
            continue;
        }
        // A bank asking for a long pause gets it from the customer's "try again".
        let too_long = after_seconds.is_some_and(|s| s > MAX_RETRY_AFTER_SECONDS);
        if attempts >= MAX_ATTEMPTS || too_long {
            report.emit(Report::Progress(Progress::Failed { trouble }));
            return;
        }
        let wait_ms =
            after_seconds.map_or_else(|| backoff_ms(attempts, browser::random_u32()), |s| s * 1000);
        report.emit(Report::Progress(Progress::Retrying {
            seconds: wait_ms.div_ceil(1000),
            trouble,
        }));
        yew::platform::time::sleep(Duration::from_millis(u64::from(wait_ms))).await;
    }
}

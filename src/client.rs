//! Sending a proposal, the browser's side: one `fetch` per attempt with its own timeout,
//! retries with backoff, and the draft kept in session storage so that a reload loses
//! nothing. What the answers mean and when to retry is decided in [`crate::submit`].

use std::time::Duration;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, RequestCredentials, RequestInit, Response};
use yew::Callback;

use crate::config::{Credentials, Sending};
use crate::state::Draft;
use crate::submit::{
    backoff_ms, classify, uuid_v4, AcceptedStatus, Answer, Lifecycle, Outcome, Pending, Receipt,
    MAX_ATTEMPTS, MAX_RETRY_AFTER_SECONDS,
};

/// A new proposal id from the browser's `crypto.getRandomValues`.
pub fn new_proposal_id() -> Option<String> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let mut bytes = [0_u8; 16];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(uuid_v4(bytes))
}

/// The current time, RFC 3339 in UTC (`2026-11-28T10:15:00.000Z`).
pub fn now_rfc3339() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

fn storage_key(account_reference: &str) -> String {
    format!("repay-widget:{account_reference}")
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// The draft saved for this account in this tab, if any.
pub fn load_draft(account_reference: &str) -> Option<Draft> {
    let text = session_storage()?
        .get_item(&storage_key(account_reference))
        .ok()??;
    Draft::decode(&text)
}

/// Saves the draft. Storage may be full or switched off: the widget then works on
/// without it, as it would in a browser that forgets.
pub fn save_draft(account_reference: &str, draft: &Draft) {
    if let Some(storage) = session_storage() {
        let _ = storage.set_item(&storage_key(account_reference), &draft.encode());
    }
}

/// The value of the cookie `name` on the host page, for a CSRF header.
fn cookie(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let cookies = js_sys::Reflect::get(&document, &"cookie".into())
        .ok()?
        .as_string()?;
    cookies.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == name).then(|| value.to_owned())
    })
}

/// What one attempt brought back: the status, `Retry-After` and the body, if any.
type Reply = (u16, Option<String>, Option<String>);

/// One attempt. `Err` when no answer arrived: a network error, the timeout, or an
/// answer the browser withheld (CORS).
async fn attempt(sending: &Sending, pending: &Pending) -> Result<Reply, JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let headers = Headers::new()?;
    headers.set("Content-Type", "application/json")?;
    headers.set("Idempotency-Key", &pending.key)?;
    if let Some(csrf) = &sending.csrf {
        if let Some(token) = cookie(&csrf.cookie) {
            headers.set(&csrf.header, &token)?;
        }
    }
    let init = RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(pending.body()));
    init.set_credentials(match sending.credentials {
        Credentials::Omit => RequestCredentials::Omit,
        Credentials::SameOrigin => RequestCredentials::SameOrigin,
        Credentials::Include => RequestCredentials::Include,
    });
    // The timeout covers reading the answer too.
    init.set_signal(Some(&AbortSignal::timeout_with_u32(sending.timeout_ms)));
    let response: Response =
        JsFuture::from(window.fetch_with_str_and_init(&sending.endpoint, &init))
            .await?
            .dyn_into()?;
    let retry_after = response.headers().get("Retry-After").ok().flatten();
    let text = JsFuture::from(response.text()?).await?.as_string();
    Ok((response.status(), retry_after, text))
}

/// Reads an answer's JSON with the browser's parser, field by field.
fn read_answer(text: &str) -> Option<Answer> {
    let value = js_sys::JSON::parse(text).ok()?;
    let get = |key: &str| js_sys::Reflect::get(&value, &key.into()).ok();
    let text = |key: &str| get(key).and_then(|v| v.as_string());
    let reasons = get("reasons")
        .filter(js_sys::Array::is_array)
        .map(|list| {
            js_sys::Array::from(&list)
                .iter()
                .filter_map(|r| r.as_string())
                .collect()
        })
        .unwrap_or_default();
    Some(Answer {
        reference: text("reference"),
        status: text("status").and_then(|s| AcceptedStatus::from_code(&s)),
        message: text("message"),
        error: text("error"),
        reasons,
    })
}

fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Sends `pending` until the bank answers or the automatic attempts run out, reporting
/// every change; while the browser is offline it waits for the network. Each attempt repeats the same key and body, so the bank stores the
/// proposal once whatever happens to the answers.
pub async fn deliver(sending: Sending, pending: Pending, report: Callback<Lifecycle>) {
    let mut attempts = 0;
    loop {
        attempts += 1;
        report.emit(Lifecycle::Sending);
        let outcome = match attempt(&sending, &pending).await {
            Ok((status, retry_after, text)) => classify(
                status,
                retry_after.as_deref(),
                text.as_deref().and_then(read_answer),
            ),
            Err(_) => Outcome::Retry {
                after_seconds: None,
            },
        };
        let after_seconds = match outcome {
            Outcome::Accepted {
                reference,
                status,
                message,
            } => {
                report.emit(Lifecycle::Accepted(Receipt {
                    reference,
                    status,
                    message,
                    first_due: pending.first_due.clone(),
                }));
                return;
            }
            Outcome::Refused(refusal) => {
                report.emit(Lifecycle::NeedsAttention(refusal));
                return;
            }
            Outcome::Retry { after_seconds } => after_seconds,
        };
        if !online() {
            // Offline: wait for the network, then start afresh. Polling once a second
            // costs nothing and needs no listener to clean up.
            report.emit(Lifecycle::Failed { offline: true });
            while !online() {
                yew::platform::time::sleep(Duration::from_secs(1)).await;
            }
            attempts = 0;
            continue;
        }
        // A bank asking for a long pause gets it from the customer's "try again".
        let too_long = after_seconds.is_some_and(|s| s > MAX_RETRY_AFTER_SECONDS);
        if attempts >= MAX_ATTEMPTS || too_long {
            report.emit(Lifecycle::Failed { offline: false });
            return;
        }
        let wait_ms = after_seconds.map_or_else(
            || backoff_ms(attempts, (js_sys::Math::random() * 4_294_967_296.0) as u32),
            |s| s * 1000,
        );
        report.emit(Lifecycle::Retrying {
            seconds: wait_ms.div_ceil(1000),
        });
        yew::platform::time::sleep(Duration::from_millis(u64::from(wait_ms))).await;
    }
}

//! Who is asking: the bank's own sign-in, as a bank's web page already has it. The
//! dev-bank stands in for that sign-in with two routes and one extractor:
//!
//! - `POST /api/session` with `{ "customer", "passcode" }` signs a customer in: the
//!   answer sets `repay_session` (the session token: `HttpOnly`, so no script on the
//!   page can read it) and `repay_csrf` (the token the widget sends back in
//!   `X-CSRF-Token`, read from this cookie as its configuration's `csrf` says). Both are
//!   `SameSite=Strict` and last [`SESSION_SECONDS`].
//! - `DELETE /api/session` signs out.
//! - [`SignedIn`] is the customer behind a request: a session that has not ended, and
//!   on every request that changes something, the CSRF token that goes with it. A
//!   request without one is refused before its body is read.
//!
//! A real bank replaces the two routes with its own sign-in and keeps the rest: the
//! proposal's `account_reference` is honoured only for a customer who holds that account
//! (`holders` in the store), checked on every request.

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use cookie::{Cookie, SameSite};
use repay_contract::RefusalCode;
use serde::{Deserialize, Serialize};

use crate::store::SESSION_SECONDS;
use crate::{same_secret, ApiError, AppState};

/// The cookie that carries the session token.
pub const SESSION_COOKIE: &str = "repay_session";
/// The cookie the page's widget reads the CSRF token from.
pub const CSRF_COOKIE: &str = "repay_csrf";
/// The header the CSRF token comes back in.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The customer a request comes from.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub customer: String,
    token: String,
}

impl ApiError {
    /// 401: no session, or one that has ended.
    pub fn sign_in_required() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            RefusalCode::SignInRequired,
            "sign in to the bank again; nothing was sent or stored",
        )
    }
}

/// The value of the cookie `name` in the request's `Cookie` headers, if one is there.
fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == name)
        .map(|cookie| cookie.value().to_owned())
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, ApiError> {
        let token =
            cookie(&parts.headers, SESSION_COOKIE).ok_or_else(ApiError::sign_in_required)?;
        let session = app
            .store
            .lock()
            .session(&token)?
            .ok_or_else(ApiError::sign_in_required)?;
        let safe = matches!(parts.method, Method::GET | Method::HEAD);
        let csrf = parts
            .headers
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        if !safe && !same_secret(csrf, &session.csrf) {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                RefusalCode::CsrfFailed,
                "the request did not carry this session's X-CSRF-Token: reload the page",
            ));
        }
        Ok(Self {
            customer: session.customer,
            token,
        })
    }
}

/// What `POST /api/session` reads.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    customer: String,
    passcode: String,
}

/// What a sign-in answers (with its cookies).
#[derive(Debug, Serialize)]
struct SignedInAnswer {
    customer: String,
    expires_in: u32,
}

fn set_cookie(name: &'static str, value: String, http_only: bool, max_age: i64) -> HeaderValue {
    let cookie = Cookie::build((name, value))
        .path("/")
        .http_only(http_only)
        .same_site(SameSite::Strict)
        .max_age(cookie::time::Duration::seconds(max_age));
    HeaderValue::from_str(&cookie.to_string()).unwrap_or(HeaderValue::from_static(""))
}

/// `POST /api/session`: signs a customer in with the dev-bank's passcode (the same for
/// every customer; `--passcode`). A wrong customer or passcode gets one answer, 401.
pub async fn sign_in(
    State(app): State<AppState>,
    body: Result<Json<SignIn>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
    let failed = || {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            RefusalCode::SignInFailed,
            "no customer with this name and passcode",
        )
    };
    let Json(sign_in) = body.map_err(|rejection| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            RefusalCode::MalformedJson,
            rejection.body_text(),
        )
    })?;
    let store = app.store.lock();
    let passcode_ok = same_secret(&sign_in.passcode, &app.passcode);
    if !(store.is_customer(&sign_in.customer)? && passcode_ok) {
        return Err(failed());
    }
    let session = store.new_session(&sign_in.customer)?;
    let age = i64::from(SESSION_SECONDS);
    let mut response = Json(SignedInAnswer {
        customer: session.customer,
        expires_in: SESSION_SECONDS,
    })
    .into_response();
    let headers = response.headers_mut();
    headers.append(
        header::SET_COOKIE,
        set_cookie(SESSION_COOKIE, session.token, true, age),
    );
    headers.append(
        header::SET_COOKIE,
        set_cookie(CSRF_COOKIE, session.csrf, false, age),
    );
    Ok(response)
}

/// The bank's own sign-in, as a page the bank's server renders for a customer it already
/// knows (the demo site, `crates/demo-site`): the customer's session, kept when the
/// request already carries one of theirs, else a new one. Returns the `Set-Cookie`
/// values to send with the page (none when the session is kept), so that the cookies are
/// there before any script on the page runs.
///
/// # Errors
///
/// [`ApiError::sign_in_required`] when `customer` holds no account at the bank.
pub fn open_for_page(
    app: &AppState,
    request: &HeaderMap,
    customer: &str,
) -> Result<Vec<HeaderValue>, ApiError> {
    let store = app.store.lock();
    if !store.is_customer(customer)? {
        return Err(ApiError::sign_in_required());
    }
    if let Some(token) = cookie(request, SESSION_COOKIE) {
        let theirs = store.session(&token)?;
        if theirs.is_some_and(|session| session.customer == customer) {
            return Ok(Vec::new());
        }
    }
    let session = store.new_session(customer)?;
    let age = i64::from(SESSION_SECONDS);
    Ok(vec![
        set_cookie(SESSION_COOKIE, session.token, true, age),
        set_cookie(CSRF_COOKIE, session.csrf, false, age),
    ])
}

/// `DELETE /api/session`: ends the session and clears its cookies.
pub async fn sign_out(
    State(app): State<AppState>,
    signed_in: SignedIn,
) -> Result<Response, ApiError> {
    app.store.lock().end_session(&signed_in.token)?;
    let mut response = StatusCode::NO_CONTENT.into_response();
    let headers = response.headers_mut();
    headers.append(
        header::SET_COOKIE,
        set_cookie(SESSION_COOKIE, String::new(), true, 0),
    );
    headers.append(
        header::SET_COOKIE,
        set_cookie(CSRF_COOKIE, String::new(), false, 0),
    );
    Ok(response)
}

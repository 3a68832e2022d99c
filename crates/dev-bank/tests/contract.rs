//! Every answer of the proposal contract, against a real dev-bank with SQLite storage:
//! through its router (`oneshot`), and over real HTTP on loopback where the socket is
//! what is tested (a burst of concurrent connections, slow and greedy clients).

use std::net::SocketAddr;

use axum::Router;
use http_body_util::BodyExt;
use tower::ServiceExt;

use dev_bank::faults::Faults;
use dev_bank::{AppState, Options};
use repay_engine::proposal::Proposal;
use repay_engine::scenario::ScenarioWire;
use repay_engine::{PlanChoice, Scenario};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const CN: &str = include_str!("../../engine/data/cn-card.json");

/// A running dev-bank: its router, and the same bank listening on loopback, with the
/// session its requests are sent in.
#[derive(Clone, Copy)]
struct Bank {
    addr: SocketAddr,
    router: &'static Router,
    /// Requests go over a socket of their own instead of through the router.
    socket: bool,
    /// The `Cookie` and `X-CSRF-Token` headers of a signed-in customer; `None` sends as
    /// a stranger.
    session: Option<&'static (String, String)>,
}

impl Bank {
    fn over_socket(self) -> Self {
        Self {
            socket: true,
            ..self
        }
    }

    /// The same bank, asked by someone who has not signed in.
    fn as_stranger(self) -> Self {
        Self {
            session: None,
            ..self
        }
    }

    /// The same bank, asked by `customer` after signing in with `passcode`; `None` when
    /// the sign-in is refused.
    async fn signed_in_as(self, customer: &str, passcode: &str) -> Option<Self> {
        let body = json!({ "customer": customer, "passcode": passcode }).to_string();
        let request = axum::http::Request::builder()
            .method("POST")
            .uri("/api/session")
            .header("content-type", "application/json")
            .body(axum::body::Body::from(body))
            .unwrap();
        let response = self.router.clone().oneshot(request).await.unwrap();
        if response.status() != 200 {
            return None;
        }
        let cookies: Vec<String> = response
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
            .collect();
        let csrf = cookies
            .iter()
            .find_map(|c| c.strip_prefix("repay_csrf="))
            .unwrap()
            .to_owned();
        let session = Box::leak(Box::new((cookies.join("; "), csrf)));
        Some(Self {
            session: Some(session),
            ..self
        })
    }
}

/// The operator's token of every test bank.
const OPERATOR: &str = "operator-secret";

/// `GET /api/health` as the operator, who is told how many proposals were accepted.
async fn operator_health(bank: Bank) -> Answer {
    let authorization = format!("Bearer {OPERATOR}");
    request(
        bank,
        "GET",
        "/api/health",
        &[("Authorization", &authorization)],
        "",
    )
    .await
}

/// A dev-bank with `options`, asked by the CN sample's customer, signed in.
async fn start(options: Options) -> Bank {
    let options = Options {
        operator_token: Some(OPERATOR.to_owned()),
        ..options
    };
    let (listener, addr) = dev_bank::bind(([127, 0, 0, 1], 0).into()).await.unwrap();
    let app = AppState::new(&options).unwrap();
    // Leaked: each test's bank lives as long as the test process, and is Copy.
    let router = Box::leak(Box::new(dev_bank::router(app.clone())));
    tokio::spawn(dev_bank::serve(listener, app, std::future::pending()));
    let bank = Bank {
        addr,
        router,
        socket: false,
        session: None,
    };
    let passcode = options
        .passcode
        .as_deref()
        .unwrap_or(dev_bank::DEMO_PASSCODE);
    bank.signed_in_as("wang", passcode).await.unwrap()
}

/// A response as read off the socket; `None` body when the connection broke.
struct Answer {
    status: u16,
    head: String,
    body: Option<Value>,
}

/// A request through the bank's router, as the server would hand it over.
async fn request(
    bank: Bank,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Answer {
    let mut headers = headers.to_vec();
    if let Some((cookie, csrf)) = bank.session {
        headers.push(("Cookie", cookie));
        headers.push(("X-CSRF-Token", csrf));
    }
    let headers = headers.as_slice();
    if bank.socket {
        return request_socket(bank.addr, method, path, headers, body).await;
    }
    let mut builder = axum::http::Request::builder()
        .method(method)
        .uri(path)
        .header("content-length", body.len());
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    let request = builder
        .body(axum::body::Body::from(body.to_owned()))
        .unwrap();
    let response = bank.router.clone().oneshot(request).await.unwrap();
    let status = response.status().as_u16();
    let head = response
        .headers()
        .iter()
        .map(|(name, value)| format!("{name}: {}\r\n", value.to_str().unwrap_or("")))
        .collect();
    // A body that breaks (a dropped connection) is no body.
    let body = match response.into_body().collect().await {
        Ok(collected) => serde_json::from_slice(&collected.to_bytes()).ok(),
        Err(_) => None,
    };
    Answer { status, head, body }
}

/// A request written on a socket to the listening bank, and the answer read off it.
async fn request_socket(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Answer {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut text = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.push_str(body);
    stream.write_all(text.as_bytes()).await.unwrap();
    let mut raw = Vec::new();
    let complete = stream.read_to_end(&mut raw).await.is_ok();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, rest) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let chunked = head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked");
    let body_text = if chunked {
        // Keep the chunk data; a broken connection leaves no terminating chunk.
        if !rest.ends_with("0\r\n\r\n") {
            None
        } else {
            Some(rest.lines().skip(1).step_by(2).collect::<Vec<_>>().join(""))
        }
    } else {
        Some(rest.to_owned())
    };
    let body = if complete {
        body_text.and_then(|t| serde_json::from_str(&t).ok())
    } else {
        None
    };
    Answer {
        status,
        head: head.to_owned(),
        body,
    }
}

/// `GET /api/proposals/{reference}` with the proposal's access token, if any.
async fn lookup(addr: Bank, reference: &str, token: Option<&str>) -> Answer {
    let authorization = token.map(|t| format!("Bearer {t}"));
    let headers: Vec<(&str, &str)> = authorization
        .as_deref()
        .map(|a| vec![("Authorization", a)])
        .unwrap_or_default();
    request(
        addr,
        "GET",
        &format!("/api/proposals/{reference}"),
        &headers,
        "",
    )
    .await
}

/// The reference and access token of an accepted answer.
fn receipt(answer: &Value) -> (String, String) {
    (
        answer["reference"].as_str().unwrap().to_owned(),
        answer["access_token"].as_str().unwrap().to_owned(),
    )
}

async fn post(addr: Bank, body: &Value) -> Answer {
    let key = body["proposal_id"].as_str().unwrap_or("none").to_owned();
    request(
        addr,
        "POST",
        "/api/proposals",
        &[
            ("Content-Type", "application/json"),
            ("Idempotency-Key", &key),
        ],
        &body.to_string(),
    )
    .await
}

/// A submission for offer `offer` of the CNY example, as the widget builds it.
fn submission(id: &str, offer: usize, term: Option<u32>) -> Value {
    submission_from(serde_json::from_str(CN).unwrap(), id, offer, term)
}

/// A submission for account `CN-6225-0042` computed from `wire`, whatever it says.
fn submission_from(wire: ScenarioWire, id: &str, offer: usize, term: Option<u32>) -> Value {
    let scenario = Scenario::from_wire(&wire).unwrap();
    let choice = PlanChoice {
        term_months: term,
        ..PlanChoice::default()
    };
    let proposal = Proposal::new(&scenario.account, &scenario.policy, offer, &choice).unwrap();
    json!({
        "schema_version": 1,
        "proposal_id": id,
        "account_reference": "CN-6225-0042",
        "scenario": wire,
        "proposal": proposal,
        "reason": "income_loss",
        "contact": { "channel": "sms", "time": "evening" },
        "consent": { "terms_version": "2026-09", "agreed_at": "2026-11-28T10:15:00Z" },
        "locale": "zh-CN",
        "widget_version": "0.1.0"
    })
}

const ID: &str = "6f1c2a9e-2b1d-4c61-9a55-0d7a8f3b2c10";

#[tokio::test]
async fn an_instantly_approved_proposal_is_stored_once_and_can_be_looked_up() {
    let addr = start(Options::default()).await;
    let body = submission(ID, 2, Some(12));
    let first = post(addr, &body).await;
    assert_eq!(first.status, 201, "{:?}", first.body);
    let answer = first.body.unwrap();
    assert_eq!(answer["status"], "approved");
    let (reference, token) = receipt(&answer);

    // The same request again (a retry whose answer was lost): the same answer.
    let again = post(addr, &body).await;
    assert_eq!(again.status, 200);
    let repeat = again.body.unwrap();
    assert_eq!(receipt(&repeat), (reference.clone(), token.clone()));
    assert_eq!(repeat["duplicate"], true);

    let found = lookup(addr, &reference, Some(&token)).await;
    assert_eq!(found.status, 200);
    let found = found.body.unwrap();
    assert_eq!(found["proposal"]["plan"], body["proposal"]["plan"]);
    assert_eq!(found["answer"]["status"], "approved");
    let health = operator_health(addr).await;
    assert_eq!(health.body.unwrap()["accepted_proposals"], 1);
}

/// Each seeded sample customer (the demo page's four) can send a plan under its own
/// reference, in its own language, and the bank approves it from its own records.
#[tokio::test]
async fn every_sample_customer_is_on_the_records_and_its_plan_is_approved() {
    let addr = start(Options::default()).await;
    let samples = [
        ("wang", "CN-6225-0042", CN),
        (
            "jordan",
            "US-4111-0042",
            include_str!("../../engine/data/us-card.json"),
        ),
        (
            "chan",
            "HK-4563-0042",
            include_str!("../../engine/data/hk-card.json"),
        ),
        (
            "okafor",
            "UK-4929-0042",
            include_str!("../../engine/data/uk-card.json"),
        ),
        (
            "byrne",
            "IE-5412-0042",
            include_str!("../../engine/data/ie-card.json"),
        ),
    ];
    // And the sixth, whose payment is not yet due.
    let before_due =
        dev_bank::store::before_due::config(dev_bank::store::before_due::BASE).unwrap();
    let samples = samples
        .into_iter()
        .chain([("murphy", "IE-5412-0077", before_due.as_str())]);
    for (n, (customer, reference, config)) in samples.enumerate() {
        let customer = addr.signed_in_as(customer, "demo").await.unwrap();
        let config: Value = serde_json::from_str(config).unwrap();
        let mut body = submission_from(
            serde_json::from_value(config.clone()).unwrap(),
            &format!("b2f5c0de-0000-4000-8000-00000000010{n}"),
            2,
            Some(12),
        );
        body["account_reference"] = json!(reference);
        body["locale"] = config["locale"].clone();
        body["consent"]["terms_version"] = config["terms"]["version"].clone();
        let answer = post(customer, &body).await;
        assert_eq!(answer.status, 201, "{reference}: {:?}", answer.body);
        assert_eq!(answer.body.unwrap()["status"], "approved", "{reference}");
    }
}

#[tokio::test]
async fn the_bank_recomputes_from_its_own_records_never_from_the_scenario_sent() {
    let addr = start(Options::default()).await;
    let ours: ScenarioWire = serde_json::from_str(CN).unwrap();
    let refused = |answer: Answer| {
        assert_eq!(answer.status, 422);
        let body = answer.body.unwrap();
        assert_eq!(body["error"], "figures_differ", "{body}");
        assert!(!body["differences"].as_array().unwrap().is_empty());
        body["records_changed"].clone()
    };

    // A rewritten policy: no interest, instant approval of every term.
    let mut generous = ours.clone();
    let generous_json = serde_json::to_string(&generous.policy)
        .unwrap()
        .replace("\"0.006\"", "\"0\"")
        .replace("{\"instant_up_to_months\":12}", "\"instant\"");
    generous.policy = serde_json::from_str(&generous_json).unwrap();
    assert_ne!(generous.policy, ours.policy);
    let answer = post(addr, &submission_from(generous, ID, 2, Some(24))).await;
    assert_eq!(refused(answer), json!(["policy"]));

    // A smaller balance.
    let mut smaller = ours.clone();
    smaller.account.statement_balance = "1000.00".into();
    let answer = post(
        addr,
        &submission_from(smaller, "b2f5c0de-0000-4000-8000-000000000002", 2, Some(12)),
    )
    .await;
    assert_eq!(refused(answer), json!(["account.statement_balance"]));

    // Another customer's account and policy under this account's reference.
    let us: ScenarioWire =
        serde_json::from_str(include_str!("../../engine/data/us-card.json")).unwrap();
    let answer = post(
        addr,
        &submission_from(us, "b2f5c0de-0000-4000-8000-000000000003", 2, Some(12)),
    )
    .await;
    let changed = refused(answer);
    assert!(changed
        .as_array()
        .unwrap()
        .contains(&json!("account.currency")));

    // An account the bank does not know.
    let mut unknown = submission(ID, 2, Some(12));
    unknown["proposal_id"] = json!("b2f5c0de-0000-4000-8000-000000000004");
    unknown["account_reference"] = json!("CN-0000-0000");
    let answer = post(addr, &unknown).await;
    assert_eq!(answer.status, 422);
    let body = answer.body.unwrap();
    assert_eq!(body["error"], "unknown_account");
    assert_eq!(body["fields"][0]["path"], "account_reference");

    let health = operator_health(addr).await;
    assert_eq!(
        health.body.unwrap()["accepted_proposals"],
        0,
        "nothing stored"
    );
}

/// A passing bank error is not an answer: while the records cannot be read the bank says
/// 500, and once they are back the same request (same key, same body) is decided afresh
/// and accepted, never replayed as the 500.
#[tokio::test]
async fn a_server_error_is_not_replayed_after_the_bank_recovers() {
    let dir = std::env::temp_dir().join(format!("dev-bank-recover-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("bank.sqlite");
    let _ = std::fs::remove_file(&db);
    let addr = start(Options {
        db: Some(db.clone()),
        ..Options::default()
    })
    .await;
    // Another process writes the account's records badly for a moment.
    let records = dev_bank::store::Store::open(Some(&db)).unwrap();
    let wire: ScenarioWire = serde_json::from_str(CN).unwrap();
    let mut broken = wire.account.clone();
    broken.statement_balance = "-1.00".to_owned();
    records
        .lock()
        .put_account("CN-6225-0042", "cn-card", &broken, &wire.policy)
        .unwrap();
    let body = submission(ID, 2, Some(12));
    for _ in 0..3 {
        let answer = post(addr, &body).await;
        assert_eq!(answer.status, 500, "{:?}", answer.body);
    }
    // The records are back: the very same retry is accepted.
    records
        .lock()
        .put_account("CN-6225-0042", "cn-card", &wire.account, &wire.policy)
        .unwrap();
    let answer = post(addr, &body).await;
    assert_eq!(answer.status, 201, "{:?}", answer.body);
    let reference = answer.body.unwrap()["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    // And from then on it is replayed as any completed answer is.
    let again = post(addr, &body).await;
    assert_eq!(again.status, 200);
    assert_eq!(again.body.unwrap()["reference"], reference.as_str());
    // A 500 an older dev-bank stored under a key is forgotten, not replayed.
    let other = "0b6a7f42-8c1e-4f0d-9d5b-3e2a1c0f9b77";
    let body = submission(other, 2, Some(12));
    records
        .lock()
        .save(
            other,
            &body.to_string(),
            500,
            r#"{"error":"server_error","message":""}"#,
            None,
        )
        .unwrap();
    let answer = post(addr, &body).await;
    assert_eq!(answer.status, 201, "{:?}", answer.body);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn records_that_changed_since_the_page_was_loaded_are_named() {
    // The bank's snapshot moved on a day (the page still has yesterday's figures).
    let dir = std::env::temp_dir().join(format!("dev-bank-records-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("cn-card.json");
    std::fs::write(
        &file,
        CN.replace("\"as_of\": \"2026-11-28\"", "\"as_of\": \"2026-11-29\""),
    )
    .unwrap();
    let addr = start(Options {
        accounts: vec![("CN-6225-0042".to_owned(), file.clone())],
        ..Options::default()
    })
    .await;
    let answer = post(addr, &submission(ID, 2, Some(12))).await;
    assert_eq!(answer.status, 422);
    let body = answer.body.unwrap();
    assert_eq!(body["error"], "figures_differ");
    assert_eq!(body["records_changed"], json!(["account.as_of"]));
    assert!(
        body["message"].as_str().unwrap().contains("reload"),
        "{body}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_proposal_is_shown_only_to_whoever_holds_its_access_token() {
    let addr = start(Options::default()).await;
    let mut body = submission(ID, 2, Some(12));
    body["budget"] = json!({ "monthly_income": "6000.00", "essential_expenses": "5400.00" });
    body["message"] = json!("I lost my job in October.");
    let first = post(addr, &body).await;
    assert_eq!(first.status, 201);
    let (reference, token) = receipt(&first.body.unwrap());
    let other = post(
        addr,
        &submission("b2f5c0de-0000-4000-8000-000000000005", 2, Some(6)),
    )
    .await;
    let (other_reference, other_token) = receipt(&other.body.unwrap());

    // References are random, not a count: nothing to step through.
    for r in [&reference, &other_reference] {
        assert!(r.starts_with("RP-") && r.len() == 15, "{r}");
        assert!(
            r[3..]
                .chars()
                .all(|c| c.is_ascii_uppercase() || ('2'..='9').contains(&c)),
            "{r}"
        );
    }
    assert_ne!(reference, other_reference);

    for (token, why) in [
        (None, "no token"),
        (Some("0".repeat(32)), "a wrong token"),
        (Some(other_token.clone()), "another proposal's token"),
        (Some(token[..31].to_owned()), "a prefix of the token"),
    ] {
        let answer = lookup(addr, &reference, token.as_deref()).await;
        assert_eq!(answer.status, 404, "{why}");
        assert_eq!(answer.body.unwrap()["error"], "not_found", "{why}");
    }
    let found = lookup(addr, &reference, Some(&token)).await;
    assert_eq!(found.status, 200);
    let text = found.body.unwrap().to_string();
    for private in [
        "6000.00",
        "budget",
        "I lost my job",
        "message\":\"I",
        "contact",
        "access_token",
    ] {
        assert!(
            !text.contains(private),
            "the lookup shows {private}: {text}"
        );
    }
    assert_eq!(lookup(addr, "RP-000001", Some(&token)).await.status, 404);
}

/// A submission of the UK sample for its own account, as its widget builds it.
fn uk_submission(id: &str) -> Value {
    let config: Value =
        serde_json::from_str(include_str!("../../engine/data/uk-card.json")).unwrap();
    let mut body = submission_from(
        serde_json::from_value(config.clone()).unwrap(),
        id,
        2,
        Some(12),
    );
    body["account_reference"] = json!("UK-4929-0042");
    body["locale"] = config["locale"].clone();
    body["consent"]["terms_version"] = config["terms"]["version"].clone();
    body
}

/// The bank's figures, in any form: what a stranger must never be shown.
fn shows_figures(answer: &Answer) -> bool {
    let text = answer
        .body
        .as_ref()
        .map(Value::to_string)
        .unwrap_or_default();
    [
        "expected",
        "records_changed",
        "differences",
        "access_token",
        "reference\"",
    ]
    .iter()
    .any(|part| text.contains(part))
}

/// The proposal belongs to the signed-in customer: a stranger is refused before the body
/// is read, another customer's account is answered as an unknown one (on the first
/// request and on a replay of the owner's key), no answer shows the bank's figures to
/// anyone but the holder, and health tells only the operator what was accepted.
#[tokio::test]
async fn the_bank_answers_only_the_customer_who_holds_the_account() {
    let bank = start(Options::default()).await;
    let stranger = bank.as_stranger();
    let okafor = bank.signed_in_as("okafor", "demo").await.unwrap();
    let right = uk_submission("c0ffee00-0000-4000-8000-000000000001");
    let mut altered = right.clone();
    altered["proposal"]["plan"]["total_paid"] = json!("1.00");
    let mut guessed = right.clone();
    guessed["scenario"]["account"]["statement_balance"] = json!("100.00");

    // Not signed in: the right figures, altered ones and a guessed balance get one
    // answer, 401, and nothing is stored.
    for body in [&right, &altered, &guessed] {
        let answer = post(stranger, body).await;
        assert_eq!(answer.status, 401, "{:?}", answer.body);
        assert_eq!(answer.body.as_ref().unwrap()["error"], "sign_in_required");
        assert!(!shows_figures(&answer), "{:?}", answer.body);
    }
    // Signed in as another customer (wang holds CN-6225-0042 only): the account is
    // unknown, exactly as a reference the bank never issued.
    let mut unknown = right.clone();
    unknown["account_reference"] = json!("UK-0000-0000");
    let not_theirs = post(bank, &right).await;
    let nobodys = post(bank, &unknown).await;
    assert_eq!(not_theirs.status, 422);
    assert_eq!(not_theirs.body, nobodys.body);
    assert_eq!(
        not_theirs.body.as_ref().unwrap()["error"],
        "unknown_account"
    );
    for body in [&altered, &guessed] {
        let answer = post(bank, &body.clone()).await;
        assert_eq!(
            answer.body, nobodys.body,
            "another customer's account is unknown"
        );
    }
    // A session without its CSRF token changes nothing.
    let mut forged = okafor;
    let (cookie, _) = okafor.session.unwrap();
    forged.session = Some(Box::leak(Box::new((cookie.clone(), "0".repeat(32)))));
    let answer = post(forged, &right).await;
    assert_eq!(answer.status, 403);
    assert_eq!(answer.body.as_ref().unwrap()["error"], "csrf_failed");
    assert_eq!(
        operator_health(bank).await.body.unwrap()["accepted_proposals"],
        0
    );

    // The holder may be told what differs, with the bank's figures.
    let answer = post(okafor, &altered).await;
    assert_eq!(answer.body.as_ref().unwrap()["error"], "figures_differ");
    assert!(shows_figures(&answer));
    // The holder's proposal is accepted; replayed by another customer, its key gives
    // them nothing.
    let mut first = right.clone();
    first["proposal_id"] = json!("c0ffee00-0000-4000-8000-000000000002");
    let accepted = post(okafor, &first).await;
    assert_eq!(accepted.status, 201);
    let (reference, token) = receipt(&accepted.body.unwrap());
    let replayed = post(bank, &first).await;
    assert_eq!(replayed.body, nobodys.body);
    // Looked up by another customer or a stranger, with the right token: not found.
    assert_eq!(lookup(okafor, &reference, Some(&token)).await.status, 200);
    let theirs = lookup(bank, &reference, Some(&token)).await;
    assert_eq!(theirs.status, 404);
    assert_eq!(
        theirs.body,
        lookup(bank, "RP-AAAAAAAAAAAA", Some(&token)).await.body
    );
    assert_eq!(lookup(stranger, &reference, Some(&token)).await.status, 401);

    // Health: "ok" to anyone, the count only to the operator.
    let anyone = request(stranger, "GET", "/api/health", &[], "").await;
    assert_eq!(anyone.body.unwrap(), json!({ "status": "ok" }));
    assert_eq!(
        operator_health(bank).await.body.unwrap()["accepted_proposals"],
        1
    );

    // Sign-in: a wrong passcode and an unknown customer get the same refusal.
    assert!(bank.signed_in_as("okafor", "guess").await.is_none());
    assert!(bank.signed_in_as("nobody", "demo").await.is_none());
    // After signing out, the session is gone.
    let (cookie, csrf) = okafor.session.unwrap();
    let out = request(
        okafor,
        "DELETE",
        "/api/session",
        &[("Cookie", cookie), ("X-CSRF-Token", csrf)],
        "",
    )
    .await;
    assert_eq!(out.status, 204);
    let mut again = right.clone();
    again["proposal_id"] = json!("c0ffee00-0000-4000-8000-000000000003");
    assert_eq!(post(okafor, &again).await.status, 401);
}

#[tokio::test]
async fn a_plan_the_bank_reviews_is_accepted_under_review() {
    let addr = start(Options::default()).await;
    let answer = post(addr, &submission(ID, 4, None)).await;
    assert_eq!(answer.status, 201);
    assert_eq!(answer.body.unwrap()["status"], "under_review");
}

#[tokio::test]
async fn a_plan_the_policy_does_not_allow_is_rejected_with_its_reasons() {
    let addr = start(Options::default()).await;
    let answer = post(addr, &submission(ID, 2, Some(5))).await;
    assert_eq!(answer.status, 422);
    let body = answer.body.unwrap();
    assert_eq!(body["error"], "rejected");
    assert_eq!(body["reasons"], json!(["term_not_offered"]));
}

#[tokio::test]
async fn tampered_figures_are_refused_with_the_differences() {
    let addr = start(Options::default()).await;
    let mut body = submission(ID, 2, Some(12));
    body["proposal"]["plan"]["schedule"][0]["fee"] = "0.00".into();
    let answer = post(addr, &body).await;
    assert_eq!(answer.status, 422);
    let refusal = answer.body.unwrap();
    assert_eq!(refusal["error"], "figures_differ");
    assert_eq!(refusal["differences"][0]["path"], "/plan/schedule/0/fee");
    assert_eq!(refusal["differences"][0]["expected"], "51.90");
}

#[tokio::test]
async fn a_repeated_key_is_refused_whichever_copy_a_parser_would_keep() {
    // The tampered copy first and the original last: a parser that keeps the last copy
    // would approve the original, one that keeps the first would book the tampered one.
    let addr = start(Options::default()).await;
    let body = submission(ID, 2, Some(12)).to_string();
    let total = serde_json::from_str::<Value>(&body).unwrap()["proposal"]["plan"]["total_paid"]
        .as_str()
        .unwrap()
        .to_owned();
    let doubled = body.replace(
        &format!("\"total_paid\":\"{total}\""),
        &format!("\"total_paid\":\"2109.66\",\"total_paid\":\"{total}\""),
    );
    assert_ne!(doubled, body);
    let answer = request(
        addr,
        "POST",
        "/api/proposals",
        &[
            ("Content-Type", "application/json"),
            ("Idempotency-Key", ID),
        ],
        &doubled,
    )
    .await;
    assert_eq!(answer.status, 422);
    let refusal = answer.body.unwrap();
    assert_eq!(refusal["fields"][0]["path"], "proposal.plan.total_paid");
    assert_eq!(refusal["fields"][0]["code"], "duplicate_key");
    let health = operator_health(addr).await;
    assert_eq!(health.body.unwrap()["accepted_proposals"], 0);
}

#[tokio::test]
async fn a_choice_field_the_plan_does_not_use_is_refused() {
    let addr = start(Options::default()).await;
    let mut body = submission(ID, 7, None);
    assert_eq!(body["proposal"]["plan"]["kind"], "custom");
    body["proposal"]["choice"]["down_payment"] = json!("100.00");
    let answer = post(addr, &body).await;
    assert_eq!(answer.status, 422);
    let refusal = answer.body.unwrap();
    assert_eq!(refusal["error"], "figures_differ");
    assert_eq!(refusal["differences"][0]["path"], "/choice/down_payment");
}

/// One acceptable form (#29): a member added to the plan even as `null`, elements past
/// the schedule's end even as `null`s, a choice member written as `null`, or a zero down
/// payment spelt out are not the engine's proposal, and nothing of them is stored.
#[tokio::test]
async fn a_second_spelling_of_a_proposal_is_refused_with_its_path() {
    let addr = start(Options::default()).await;
    type Change = Box<dyn Fn(&mut Value)>;
    // (what is changed, the difference's path)
    let differing: Vec<(Change, &str)> = vec![
        (
            Box::new(|b| b["proposal"]["plan"]["x"] = Value::Null),
            "/plan/x",
        ),
        (
            Box::new(|b| {
                let schedule = b["proposal"]["plan"]["schedule"].as_array_mut().unwrap();
                schedule.extend(std::iter::repeat_n(Value::Null, 5));
            }),
            "/plan/schedule/12",
        ),
        (
            Box::new(|b| b["proposal"]["choice"]["down_payment"] = json!("0.00")),
            "/choice/down_payment",
        ),
        (
            Box::new(|b| b["proposal"]["choice"]["deferral_days"] = json!(0)),
            "/choice/deferral_days",
        ),
    ];
    // Refusals are stored under their key: each case has its own.
    let id = |i: usize| format!("6f1c2a9e-2b1d-4c61-9a55-0d7a8f3b2c{i:02}");
    for (i, (change, path)) in differing.into_iter().enumerate() {
        let mut body = submission(&id(i), 2, Some(12));
        assert_eq!(
            body["proposal"]["plan"]["schedule"]
                .as_array()
                .unwrap()
                .len(),
            12
        );
        change(&mut body);
        let answer = post(addr, &body).await;
        assert_eq!(answer.status, 422, "{path}: {:?}", answer.body);
        let refusal = answer.body.unwrap();
        assert_eq!(refusal["error"], "figures_differ", "{path}");
        assert_eq!(refusal["differences"][0]["path"], path, "{refusal}");
    }
    // A choice member that is there has a value.
    for (i, member) in ["term_months", "first_payment_date", "down_payment"]
        .into_iter()
        .enumerate()
    {
        let mut body = submission(&id(50 + i), 2, Some(12));
        body["proposal"]["choice"][member] = Value::Null;
        let answer = post(addr, &body).await;
        assert_eq!(answer.status, 422, "{member}: {:?}", answer.body);
        let refusal = answer.body.unwrap();
        assert_eq!(refusal["error"], "invalid", "{member}");
        assert_eq!(
            refusal["fields"][0]["path"],
            format!("proposal.choice.{member}"),
            "{refusal}"
        );
    }
    let health = operator_health(addr).await;
    assert_eq!(
        health.body.unwrap()["accepted_proposals"],
        0,
        "nothing stored"
    );
}

#[tokio::test]
async fn one_key_cannot_carry_two_proposals() {
    let addr = start(Options::default()).await;
    assert_eq!(post(addr, &submission(ID, 2, Some(12))).await.status, 201);
    let other = post(addr, &submission(ID, 2, Some(6))).await;
    assert_eq!(other.status, 422);
    assert_eq!(other.body.unwrap()["error"], "idempotency_conflict");
}

#[tokio::test]
async fn a_repeat_without_the_shared_budget_is_the_same_proposal() {
    // The widget never stores budget figures, so a proposal resumed after a reload
    // comes again without them; the bank must still see it as the same one.
    let addr = start(Options::default()).await;
    let mut with_budget = submission(ID, 2, Some(12));
    with_budget["budget"] = json!({ "monthly_income": "6000.00", "essential_expenses": "5400.00" });
    assert_eq!(post(addr, &with_budget).await.status, 201);
    let resumed = post(addr, &submission(ID, 2, Some(12))).await;
    assert_eq!(resumed.status, 200);
    assert_eq!(resumed.body.unwrap()["duplicate"], true);
}

#[tokio::test]
async fn the_bank_keeps_the_first_copy_with_its_shared_budget() {
    let file = std::env::temp_dir().join(format!("dev-bank-budget-{}.sqlite3", std::process::id()));
    let _ = std::fs::remove_file(&file);
    let addr = start(Options {
        db: Some(file.clone()),
        ..Options::default()
    })
    .await;
    let mut with_budget = submission(ID, 2, Some(12));
    with_budget["budget"] = json!({ "monthly_income": "6000.00", "essential_expenses": "5400.00" });
    assert_eq!(post(addr, &with_budget).await.status, 201);
    assert_eq!(post(addr, &submission(ID, 2, Some(12))).await.status, 200);
    let stored = dev_bank::store::Store::open(Some(&file))
        .unwrap()
        .lock()
        .find(ID)
        .unwrap()
        .unwrap();
    let body: Value = serde_json::from_str(&stored.body).unwrap();
    assert_eq!(body["budget"]["monthly_income"], "6000.00");
    let _ = std::fs::remove_file(&file);
}

#[tokio::test]
async fn every_field_is_held_to_the_contract_and_nothing_it_forbids_is_stored() {
    let addr = start(Options::default()).await;
    // (what is changed, the field named, its code)
    type Change = Box<dyn Fn(&mut Value)>;
    let cases: Vec<(Change, &str, &str)> = vec![
        (
            Box::new(|b| b["message"] = json!("x".repeat(501))),
            "message",
            "too_long",
        ),
        (
            Box::new(|b| b["message"] = json!("hi\u{0000}")),
            "message",
            "control_character",
        ),
        (
            Box::new(|b| b["locale"] = json!("fr-FR")),
            "locale",
            "not_allowed",
        ),
        (
            Box::new(|b| b["reason"] = json!("bored")),
            "reason",
            "not_allowed",
        ),
        (
            Box::new(|b| b["contact"]["channel"] = json!("pigeon")),
            "contact.channel",
            "not_allowed",
        ),
        (
            Box::new(|b| b["contact"]["time"] = json!("midnight")),
            "contact.time",
            "not_allowed",
        ),
        (
            Box::new(|b| b["consent"]["agreed_at"] = json!("yesterday")),
            "consent.agreed_at",
            "not_a_time",
        ),
        (
            Box::new(|b| b["consent"]["terms_version"] = json!(" ")),
            "consent.terms_version",
            "missing",
        ),
        (
            Box::new(|b| b["account_reference"] = json!("")),
            "account_reference",
            "missing",
        ),
        (
            Box::new(|b| b["account_reference"] = json!("CN-6225\u{0000}")),
            "account_reference",
            "control_character",
        ),
        (
            Box::new(|b| b["account_reference"] = json!("C".repeat(65))),
            "account_reference",
            "too_long",
        ),
        (
            Box::new(|b| {
                b["budget"] = json!({ "monthly_income": "lots", "essential_expenses": "1" })
            }),
            "budget.monthly_income",
            "not_a_decimal",
        ),
        (
            Box::new(|b| {
                b["budget"] = json!({ "monthly_income": "1", "essential_expenses": "-1" })
            }),
            "budget.essential_expenses",
            "negative",
        ),
        (
            Box::new(|b| {
                b["budget"] = json!({ "monthly_income": "1.234", "essential_expenses": "1" })
            }),
            "budget.monthly_income",
            "too_precise",
        ),
        (
            Box::new(|b| b["proposal_id"] = json!("not-a-uuid")),
            "proposal_id",
            "not_a_uuid",
        ),
    ];
    for (change, path, code) in cases {
        let mut body = submission(ID, 2, Some(12));
        change(&mut body);
        let key = body["proposal_id"].as_str().unwrap().to_owned();
        let answer = request(
            addr,
            "POST",
            "/api/proposals",
            &[
                ("Content-Type", "application/json"),
                ("Idempotency-Key", &key),
            ],
            &body.to_string(),
        )
        .await;
        assert_eq!(answer.status, 422, "{path}: {:?}", answer.body);
        let answer = answer.body.unwrap();
        assert_eq!(answer["error"], "invalid", "{path}");
        assert_eq!(answer["fields"][0]["path"], path);
        assert_eq!(answer["fields"][0]["code"], code, "{path}");
    }

    // A 64 KB key, two keys, and a body that is not UTF-8.
    let body = submission(ID, 2, Some(12)).to_string();
    let long_key = "k".repeat(64 * 1024);
    let json_type = ("Content-Type", "application/json");
    let long = request(
        addr,
        "POST",
        "/api/proposals",
        &[json_type, ("Idempotency-Key", &long_key)],
        &body,
    )
    .await;
    assert!((400..500).contains(&long.status), "{}", long.status);
    let two = request(
        addr,
        "POST",
        "/api/proposals",
        &[json_type, ("Idempotency-Key", ID), ("Idempotency-Key", ID)],
        &body,
    )
    .await;
    assert_eq!(two.status, 400);
    let not_utf8 = String::from_utf8_lossy(&[0xff, 0xfe]).into_owned();
    let broken = request(
        addr,
        "POST",
        "/api/proposals",
        &[json_type, ("Idempotency-Key", ID)],
        &body.replace("\"sms\"", &format!("\"{not_utf8}\"")),
    )
    .await;
    assert!((400..500).contains(&broken.status));

    let health = operator_health(addr).await;
    assert_eq!(
        health.body.unwrap()["accepted_proposals"],
        0,
        "nothing stored"
    );
}

#[tokio::test]
async fn bad_requests_get_a_clear_4xx_never_a_500() {
    let addr = start(Options::default()).await;
    let body = submission(ID, 2, Some(12)).to_string();
    let json_type = ("Content-Type", "application/json");
    let key = ("Idempotency-Key", ID);
    // (headers, body, expected status, expected error code)
    type Case<'a> = (Vec<(&'a str, &'a str)>, String, u16, &'a str);
    let cases: Vec<Case> = vec![
        (
            vec![json_type],
            body.clone(),
            400,
            "missing_idempotency_key",
        ),
        (
            vec![("Content-Type", "text/plain"), key],
            body.clone(),
            415,
            "unsupported_media_type",
        ),
        (
            vec![json_type, ("Idempotency-Key", "another-key")],
            body.clone(),
            422,
            "idempotency_key_mismatch",
        ),
        (
            vec![json_type, key],
            "{\"schema_version\": 1,".to_owned(),
            400,
            "malformed_json",
        ),
        (
            vec![json_type, key],
            body.replace("\"schema_version\":1", "\"schema_version\":2"),
            422,
            "unsupported_schema_version",
        ),
        (
            vec![json_type, key],
            body.replace("\"locale\":", "\"surprise\":1,\"locale\":"),
            422,
            "invalid",
        ),
        (
            vec![json_type, key],
            body.replace("\"due_date\":\"2026-11-10\"", "\"due_date\":\"2026-02-30\""),
            422,
            "invalid",
        ),
        (
            vec![json_type, key],
            format!("{{\"padding\": \"{}\"}}", "x".repeat(300_000)),
            413,
            "body_too_large",
        ),
    ];
    let mut bodies = Vec::new();
    for (headers, body, status, error) in cases {
        let answer = request(addr, "POST", "/api/proposals", &headers, &body).await;
        assert_eq!(answer.status, status, "{error}: {:?}", answer.body);
        let answer = answer.body.unwrap();
        assert_eq!(answer["error"], error);
        bodies.push(answer);
    }
    // The two `invalid` answers name the field at fault from the body's root.
    assert_eq!(bodies[5]["fields"][0]["path"], "surprise");
    assert_eq!(bodies[6]["fields"][0]["path"], "scenario.account.due_date");
}

#[tokio::test]
async fn rate_limiting_says_when_to_retry() {
    let addr = start(Options {
        faults: Faults {
            force_status: Some(429),
            ..Faults::default()
        },
        ..Options::default()
    })
    .await;
    let answer = post(addr, &submission(ID, 2, Some(12))).await;
    assert_eq!(answer.status, 429);
    assert!(
        answer.head.to_ascii_lowercase().contains("retry-after: 1"),
        "{}",
        answer.head
    );
}

#[tokio::test]
async fn an_injected_rate_limit_passes_and_stores_nothing_meanwhile() {
    let addr = start(Options {
        faults: Faults {
            limit_per_mille: 1000,
            ..Faults::default()
        },
        ..Options::default()
    })
    .await;
    let answer = post(addr, &submission(ID, 2, Some(12))).await;
    assert_eq!(answer.status, 429);
    assert_eq!(answer.body.unwrap()["error"], "rate_limited");
    assert!(answer.head.to_ascii_lowercase().contains("retry-after: 1"));
    let health = operator_health(addr).await;
    assert_eq!(health.body.unwrap()["accepted_proposals"], 0);
}

#[tokio::test]
async fn injected_failures_store_nothing_and_dropped_answers_are_recovered_by_retrying() {
    let failing = start(Options {
        faults: Faults {
            fail_per_mille: 1000,
            ..Faults::default()
        },
        ..Options::default()
    })
    .await;
    let answer = post(failing, &submission(ID, 2, Some(12))).await;
    assert!(matches!(answer.status, 500 | 503), "{}", answer.status);
    let health = operator_health(failing).await;
    assert_eq!(health.body.unwrap()["accepted_proposals"], 0);

    // Half the answers are lost after the proposal is stored; retrying with the same key
    // gets the stored answer, and the bank holds exactly one proposal.
    let flaky = start(Options {
        faults: Faults {
            drop_per_mille: 500,
            seed: 12,
            ..Faults::default()
        },
        ..Options::default()
    })
    .await;
    let body = submission(ID, 2, Some(12));
    let mut reference = None;
    let mut dropped = 0;
    for _ in 0..20 {
        let answer = post(flaky, &body).await;
        match answer.body {
            Some(body) if body.get("reference").is_some() => {
                reference = Some(body["reference"].clone());
                break;
            }
            _ => dropped += 1,
        }
    }
    assert_eq!(dropped, 3, "with seed 12 the first three answers are lost");
    assert!(reference.is_some());
    let health = operator_health(flaky).await;
    assert_eq!(health.body.unwrap()["accepted_proposals"], 1);
}

#[tokio::test]
async fn proposals_survive_a_restart_with_a_database_file() {
    let file = std::env::temp_dir().join(format!("dev-bank-test-{}.sqlite3", std::process::id()));
    let _ = std::fs::remove_file(&file);
    let options = Options {
        db: Some(file.clone()),
        ..Options::default()
    };
    let first = start(options.clone()).await;
    let answer = post(first, &submission(ID, 2, Some(12))).await;
    assert_eq!(answer.status, 201);
    let (reference, token) = receipt(&answer.body.unwrap());
    let second = start(options).await;
    let found = lookup(second, &reference, Some(&token)).await;
    assert_eq!(found.status, 200);
    let _ = std::fs::remove_file(&file);
}

#[tokio::test]
async fn the_configured_origin_may_call_from_the_browser() {
    let addr = start(Options {
        cors_origin: Some("https://bank.example".into()),
        ..Options::default()
    })
    .await;
    let preflight = request(
        addr,
        "OPTIONS",
        "/api/proposals",
        &[
            ("Origin", "https://bank.example"),
            ("Access-Control-Request-Method", "POST"),
        ],
        "",
    )
    .await;
    // A successful preflight (tower-http's CorsLayer answers 200; browsers take any 2xx).
    assert_eq!(preflight.status, 200);
    let head = preflight.head.to_ascii_lowercase();
    assert!(
        head.contains("access-control-allow-origin: https://bank.example"),
        "{head}"
    );
    assert!(head.contains("idempotency-key"), "{head}");
    // Another origin's preflight is not allowed: no allow-origin, so the browser stops.
    let foreign = request(
        addr,
        "OPTIONS",
        "/api/proposals",
        &[
            ("Origin", "https://evil.example"),
            ("Access-Control-Request-Method", "POST"),
        ],
        "",
    )
    .await;
    assert!(!foreign
        .head
        .to_ascii_lowercase()
        .contains("access-control-allow-origin"));
    let other = request(
        addr,
        "GET",
        "/api/health",
        &[("Origin", "https://evil.example")],
        "",
    )
    .await;
    assert!(!other
        .head
        .to_ascii_lowercase()
        .contains("access-control-allow-origin"));
}

/// A proposal id for the burst: a valid v4 UUID per `n`.
fn burst_id(n: usize) -> String {
    format!("6f1c2a9e-2b1d-4c61-9a55-{n:012x}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_concurrent_and_malformed_requests_stores_each_valid_proposal_once() {
    const PROPOSALS: usize = 30;
    const COPIES: usize = 3;
    // Many customers at once, who here all come from the one loopback address: the
    // per-client share is the whole server (the share is tested in tests/limits.rs).
    let addr = start(Options {
        limits: dev_bank::Limits {
            max_per_client: dev_bank::Limits::default().max_connections,
            ..dev_bank::Limits::default()
        },
        ..Options::default()
    })
    .await;
    let mut valid = Vec::new();
    let mut broken = Vec::new();
    for n in 0..PROPOSALS {
        let body = submission(&burst_id(n), 2 + n % 2, Some(12));
        for _ in 0..COPIES {
            let body = body.clone();
            valid.push(tokio::spawn(async move {
                (n, post(addr.over_socket(), &body).await)
            }));
        }
        // Between them, requests that must each get a clear 4xx and change nothing.
        let key = burst_id(1000 + n);
        let malformed: Vec<(Vec<(&str, String)>, String)> = vec![
            (
                vec![("Idempotency-Key", key.clone())],
                "{\"schema_version\": 1,".into(),
            ),
            (vec![("Idempotency-Key", key.clone())], String::new()),
            (vec![("Idempotency-Key", key.clone())], "[]".into()),
            (vec![], submission(&key, 2, Some(12)).to_string()),
            (vec![("Idempotency-Key", key.clone())], "x".repeat(300_000)),
        ];
        for (headers, body) in malformed {
            broken.push(tokio::spawn(async move {
                let mut all = vec![("Content-Type", "application/json".to_owned())];
                all.extend(headers);
                let borrowed: Vec<(&str, &str)> = all
                    .iter()
                    .map(|(name, value)| (*name, value.as_str()))
                    .collect();
                request(
                    addr.over_socket(),
                    "POST",
                    "/api/proposals",
                    &borrowed,
                    &body,
                )
                .await
                .status
            }));
        }
        // And a connection that sends half a request and hangs up.
        broken.push(tokio::spawn(async move {
            let mut stream = tokio::net::TcpStream::connect(addr.addr).await.unwrap();
            let _ = stream
                .write_all(b"POST /api/proposals HTTP/1.1\r\nContent-Length: 5000\r\n\r\n{\"sch")
                .await;
            drop(stream);
            400
        }));
    }
    let mut references: Vec<Option<String>> = vec![None; PROPOSALS];
    for task in valid {
        let (n, answer) = task.await.unwrap();
        assert!(matches!(answer.status, 200 | 201), "{n}: {}", answer.status);
        let reference = answer.body.unwrap()["reference"]
            .as_str()
            .unwrap()
            .to_owned();
        // Every copy of a proposal got the same reference.
        let first = references[n].get_or_insert_with(|| reference.clone());
        assert_eq!(*first, reference, "proposal {n}");
    }
    for task in broken {
        let status = task.await.unwrap();
        assert!(
            (400..500).contains(&status),
            "a malformed request got {status}"
        );
    }
    let mut distinct: Vec<String> = references.into_iter().map(Option::unwrap).collect();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), PROPOSALS, "one reference per proposal");
    let health = operator_health(addr).await;
    assert_eq!(health.body.unwrap()["accepted_proposals"], PROPOSALS);
}

#[tokio::test]
async fn consent_to_terms_the_bank_never_published_is_refused_and_not_stored() {
    let bank = start(Options::default()).await;
    let mut body = submission("6f1c2a9e-2b1d-4c61-9a55-0d7a8f3b2c71", 2, Some(12));
    body["consent"]["terms_version"] = json!("1999-01");
    let answer = post(bank, &body).await;
    assert_eq!(answer.status, 422);
    let refusal = answer.body.unwrap();
    assert_eq!(refusal["error"], "unknown_terms_version");
    assert_eq!(
        refusal["fields"],
        json!([{ "path": "consent.terms_version", "code": "unknown_terms_version" }])
    );
    let health = operator_health(bank).await;
    assert_eq!(health.body.unwrap()["accepted_proposals"], 0);
    // The version the bank published for this card is accepted.
    body["consent"]["terms_version"] = json!("2026-09");
    body["proposal_id"] = json!("6f1c2a9e-2b1d-4c61-9a55-0d7a8f3b2c72");
    assert_eq!(post(bank, &body).await.status, 201);
}

#[tokio::test]
async fn a_body_nested_past_the_limit_is_named_as_too_deep() {
    let bank = start(Options::default()).await;
    let key = "6f1c2a9e-2b1d-4c61-9a55-0d7a8f3b2c73";
    let body = format!(
        "{{\"schema_version\": 1, \"message\": {}{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let answer = request(
        bank,
        "POST",
        "/api/proposals",
        &[
            ("Content-Type", "application/json"),
            ("Idempotency-Key", key),
        ],
        &body,
    )
    .await;
    assert_eq!(answer.status, 400);
    let refusal = answer.body.unwrap();
    assert_eq!(refusal["error"], "malformed_json");
    let message = refusal["message"].as_str().unwrap();
    assert!(
        message.contains("more than 127 levels deep (line 1, column"),
        "{message}"
    );
}

#[tokio::test]
async fn a_declared_length_over_the_limit_is_refused_by_the_router_with_the_contracts_body() {
    let bank = start(Options::default()).await;
    let request = axum::http::Request::builder()
        .method("POST")
        .uri("/api/proposals")
        .header("content-type", "application/json")
        .header("idempotency-key", "6f1c2a9e-2b1d-4c61-9a55-0d7a8f3b2c74")
        .header("content-length", "10737418240")
        .body(axum::body::Body::empty())
        .unwrap();
    let response = bank.router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), 413);
    let body: Value =
        serde_json::from_slice(&response.into_body().collect().await.unwrap().to_bytes()).unwrap();
    assert_eq!(body["error"], "body_too_large");
}

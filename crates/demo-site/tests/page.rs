//! The demo site through its router (`oneshot`), over a folder laid out as `cargo xtask
//! dist` writes it, with the guide's own `example.html` snippet as the page.

use std::path::PathBuf;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use tower::ServiceExt;

const SAMPLES: [(&str, &str, &str); 6] = [
    ("cn", "cn-card.json", "zh-CN"),
    ("us", "us-card.json", "en-US"),
    ("hk", "hk-card.json", "zh-HK"),
    ("uk", "uk-card.json", "en-GB"),
    ("ie", "ie-card.json", "en-GB"),
    ("ie-before-due", "ie-card.json", "en-GB"),
];
const IMPORT_MAP: &str = "'sha256-demoImportMapHash='";

/// The guide's `example.html` block, as `cargo xtask dist` takes it.
fn guide_page() -> String {
    let guide = include_str!("../../../docs/embedding.md");
    let start = guide
        .find("```html example.html\n")
        .expect("the guide's page")
        + 21;
    let end = start + guide[start..].find("```").expect("the block's end");
    guide[start..end].to_owned()
}

/// A folder as `cargo xtask dist` writes it (the files the site reads, and a stylesheet).
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("demo-site-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("example.html"), guide_page()).unwrap();
    std::fs::write(dir.join("repay-widget.css"), ".repay-widget{}").unwrap();
    std::fs::write(
        dir.join("integrity.json"),
        format!(r#"{{"files":{{}},"csp":{{"script-src":"{IMPORT_MAP}"}}}}"#),
    )
    .unwrap();
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../engine/data");
    for (_, file, _) in SAMPLES {
        std::fs::copy(data.join(file), dir.join(file)).unwrap();
    }
    dir
}

fn site(name: &str) -> Router {
    let bank = dev_bank::AppState::new(&dev_bank::Options::default()).unwrap();
    let site = demo_site::Site::open(&folder(name)).unwrap();
    demo_site::router(bank, site)
}

async fn get(
    router: &Router,
    uri: &str,
    cookie: Option<&str>,
) -> (StatusCode, header::HeaderMap, String) {
    let mut request = Request::builder()
        .uri(uri)
        .header(header::HOST, "demo.test");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = router
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    (
        parts.status,
        parts.headers,
        String::from_utf8(bytes.to_vec()).unwrap(),
    )
}

/// The text between `open` and the next `close` in `html`.
fn between<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
    let start = html.find(open).unwrap_or_else(|| panic!("no {open}")) + open.len();
    let end = start + html[start..].find(close).unwrap();
    &html[start..end]
}

#[tokio::test]
async fn each_samples_page_holds_its_first_screen_and_its_configuration() {
    let router = site("samples");
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../engine/data");
    for (key, file, lang) in SAMPLES {
        let uri = format!("/?customer={key}");
        let (status, headers, html) = get(&router, &uri, None).await;
        assert_eq!(status, StatusCode::OK, "{key}");
        assert_eq!(
            headers[header::CONTENT_SECURITY_POLICY],
            format!("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {IMPORT_MAP}; style-src 'self'")
        );
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        // The screen is the one the widget renders for this configuration and address.
        let mut config = std::fs::read_to_string(data.join(file)).unwrap();
        if key == "ie-before-due" {
            config = dev_bank::store::before_due::config(&config).unwrap();
        }
        let screen =
            repay_widget::server::render(&config, &format!("http://demo.test{uri}"), None).unwrap();
        assert!(screen.contains(&format!("data-repay-rendered=\"{lang}\"")));
        assert_eq!(
            between(
                &html,
                "<div id=\"repayment\" class=\"repay-widget-slot\">",
                "\n    <script"
            ),
            format!("{screen}</div>"),
            "{key}: the host holds the rendered screen and nothing else"
        );
        // The configuration block holds the sample, with no `<` that could end it.
        let block = between(&html, "id=\"repayment-config\">", "</script>");
        assert!(!block.contains('<'));
        let written: serde_json::Value = serde_json::from_str(block).unwrap();
        let sample: serde_json::Value = serde_json::from_str(&config).unwrap();
        assert_eq!(written, sample, "{key}");
        assert!(html.contains(&format!(
            "<a href=\"/?customer={key}\" aria-current=\"page\">"
        )));
        let nav = between(&html, "<nav aria-label=\"Sample customers", "</nav>");
        assert_eq!(nav.matches("aria-current").count(), 1, "{key}: {nav}");
        assert!(
            !html.contains("repay-widget-placeholder"),
            "{key}: no placeholder"
        );
    }
    // The account not yet due is the bank's sixth customer's, as the page says.
    let (_, _, html) = get(&router, "/?customer=ie-before-due", None).await;
    assert!(html.contains("Nothing is overdue yet."), "{html}");
    assert!(html.contains("IE-5412-0077"));
    // Without a choice: the first sample.
    let (status, _, html) = get(&router, "/", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("data-repay-rendered=\"zh-CN\""));
}

#[tokio::test]
async fn the_page_signs_its_customer_in_once_and_the_session_is_the_dev_banks() {
    let router = site("session");
    let (_, headers, _) = get(&router, "/?customer=uk", None).await;
    let cookies: Vec<&str> = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|value| value.to_str().unwrap())
        .collect();
    assert_eq!(cookies.len(), 2);
    assert!(cookies[0].starts_with("repay_session=") && cookies[0].contains("HttpOnly"));
    assert!(cookies[1].starts_with("repay_csrf=") && !cookies[1].contains("HttpOnly"));
    let pair = |cookie: &str| cookie.split(';').next().unwrap().to_owned();
    let (session, csrf) = (pair(cookies[0]), pair(cookies[1]));
    let cookie = format!("{session}; {csrf}");
    // The same customer's page again: the session is kept (the CSRF token stays).
    let (_, headers, _) = get(&router, "/?customer=uk", Some(&cookie)).await;
    assert_eq!(headers.get_all(header::SET_COOKIE).iter().count(), 0);
    // Another customer's page: that customer's session.
    let (_, headers, _) = get(&router, "/?customer=hk", Some(&cookie)).await;
    assert_eq!(headers.get_all(header::SET_COOKIE).iter().count(), 2);
    // It is the dev-bank's session: signing out with it and its token works.
    let request = Request::builder()
        .method("DELETE")
        .uri("/api/session")
        .header(header::COOKIE, &cookie)
        .header("x-csrf-token", csrf.trim_start_matches("repay_csrf="))
        .body(Body::empty())
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn other_paths_are_the_folders_files_or_the_dev_bank() {
    let router = site("files");
    let (status, _, body) = get(&router, "/?customer=fr", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        body.contains("use cn, us, hk, uk, ie or ie-before-due"),
        "{body}"
    );
    let (status, headers, body) = get(&router, "/repay-widget.css", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, ".repay-widget{}");
    assert!(headers.contains_key(header::CONTENT_SECURITY_POLICY));
    assert_eq!(headers[header::CACHE_CONTROL], "no-cache");
    let (status, _, _) = get(&router, "/api/health", None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = get(&router, "/missing.js", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = get(&router, "/favicon.ico", None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
}

#[test]
fn a_folder_without_the_page_is_named_in_the_error() {
    let dir = folder("missing");
    std::fs::remove_file(dir.join("example.html")).unwrap();
    let error = demo_site::Site::open(&dir).unwrap_err().to_string();
    assert!(
        error.contains("example.html") && error.contains("cargo xtask dist"),
        "{error}"
    );
    std::fs::write(dir.join("example.html"), "<html><h1>x</h1></html>").unwrap();
    let error = demo_site::Site::open(&dir).unwrap_err().to_string();
    assert!(error.contains("no host element"), "{error}");
}

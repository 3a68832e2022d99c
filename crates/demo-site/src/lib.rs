//! The demo bank's page as a bank's server writes it: the guide's `example.html` from the
//! release folder, with the sample customer's configuration in it and the widget's first
//! screen already rendered into its host element (`repay_widget::server::render`), so that
//! the figures show with the page and the bundle takes them over when it arrives. Beside
//! it, in the same process and origin, the dev-bank's own routes (`/api/…`): the page is
//! served to a signed-in customer, as a bank's account page is, and the widget sends its
//! proposal to the dev-bank in that session.
//!
//! - [`Site::open`] reads the folder `cargo xtask dist` writes (the page, the five
//!   samples, the CSP source of the page's import map in `integrity.json`);
//! - [`router`]: `GET /?customer=cn|us|hk|uk|ie` renders the page for that sample (the
//!   default is the first), and `?customer=ie-before-due` the Irish sample's account
//!   before its due date (`dev_bank::store::before_due`), held by the dev-bank's sixth
//!   customer; every other path is a file of the folder, or the dev-bank.
//!
//! Opening the page signs the browser in as the sample's customer: the demo stands in
//! for the bank's sign-in, which comes before any account page. It is for development on
//! the loopback address, never for a network others reach.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use dev_bank::AppState;
use serde::Deserialize;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// A sample customer of the demo: the query key, the configuration file in the folder,
/// the dev-bank customer who holds its account, and how the page's list names it.
struct Sample {
    key: &'static str,
    file: &'static str,
    holder: &'static str,
    label: &'static str,
    /// The account before its due date (`dev_bank::store::before_due`), not as the file
    /// has it.
    before_due: bool,
}

const SAMPLES: [Sample; 6] = [
    Sample {
        key: "cn",
        file: "cn-card.json",
        holder: "wang",
        label: "王女士 · CNY card · 中文",
        before_due: false,
    },
    Sample {
        key: "us",
        file: "us-card.json",
        holder: "jordan",
        label: "Ms. Jordan · USD card · English",
        before_due: false,
    },
    Sample {
        key: "hk",
        file: "hk-card.json",
        holder: "chan",
        label: "陳小姐 · HKD card · 繁體中文",
        before_due: false,
    },
    Sample {
        key: "uk",
        file: "uk-card.json",
        holder: "okafor",
        label: "Mr. Okafor · GBP card · English (UK)",
        before_due: false,
    },
    Sample {
        key: "ie",
        file: "ie-card.json",
        holder: "byrne",
        label: "Ms. Byrne · EUR card · English (Ireland)",
        before_due: false,
    },
    Sample {
        key: "ie-before-due",
        file: "ie-card.json",
        holder: dev_bank::store::before_due::CUSTOMER,
        label: "Mr. Murphy · EUR card · not yet due",
        before_due: true,
    },
];

/// Why the site cannot start.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error("cannot read {path}: {source} (build the folder with `cargo xtask dist`)")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not as `cargo xtask dist` writes it: {why}")]
    Folder { path: PathBuf, why: &'static str },
}

/// The guide's page cut where the site writes into it.
#[derive(Debug, Clone)]
struct Template {
    /// Up to the end of the page's `<h1>`: the list of samples goes after it.
    head: String,
    /// Up to the host element's opening tag: the rendered screen goes inside it.
    before_screen: String,
    /// From the host element's end to the configuration block's opening tag.
    before_config: String,
    /// From the configuration block's end.
    tail: String,
}

const H1_END: &str = "</h1>";
const HOST_OPEN: &str = "<div id=\"repayment\" class=\"repay-widget-slot\">";
const CONFIG_OPEN: &str = "<script type=\"application/json\" id=\"repayment-config\">";

impl Template {
    fn cut(page: &str) -> Result<Self, &'static str> {
        let (head, rest) = split_after(page, H1_END).ok_or("no </h1>")?;
        let (before_screen, rest) = split_after(rest, HOST_OPEN).ok_or("no host element")?;
        // The host holds only its placeholder paragraph: the first </div> closes it.
        let at = rest
            .find("</div>")
            .ok_or("the host element is not closed")?;
        let (before_config, rest) =
            split_after(&rest[at..], CONFIG_OPEN).ok_or("no configuration block")?;
        let end = rest
            .find("</script>")
            .ok_or("the configuration block is not closed")?;
        Ok(Self {
            head: head.to_owned(),
            before_screen: before_screen.to_owned(),
            before_config: before_config.to_owned(),
            tail: rest[end..].to_owned(),
        })
    }
}

/// `text` split just after the first `marker`.
fn split_after<'a>(text: &'a str, marker: &str) -> Option<(&'a str, &'a str)> {
    let at = text.find(marker)? + marker.len();
    Some(text.split_at(at))
}

/// The release folder, read once at start.
#[derive(Debug)]
pub struct Site {
    folder: PathBuf,
    template: Template,
    configs: Vec<String>,
    csp: HeaderValue,
}

/// The CSP of docs/embedding.md, with the import map's source from `integrity.json`.
fn strict_csp(import_maps: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {import_maps}; style-src 'self'"
    )
}

impl Site {
    /// Reads the folder `cargo xtask dist` writes: `example.html`, the samples and
    /// `integrity.json`.
    ///
    /// # Errors
    ///
    /// [`SiteError`] naming the file that is missing or not as expected.
    pub fn open(folder: &Path) -> Result<Self, SiteError> {
        let read = |name: &str| {
            let path = folder.join(name);
            std::fs::read_to_string(&path).map_err(|source| SiteError::Read { path, source })
        };
        let not_as_written = |name: &str, why| SiteError::Folder {
            path: folder.join(name),
            why,
        };
        let template = Template::cut(&read("example.html")?)
            .map_err(|why| not_as_written("example.html", why))?;
        let configs = SAMPLES
            .iter()
            .map(|sample| {
                let config = read(sample.file)?;
                if !sample.before_due {
                    return Ok(config);
                }
                dev_bank::store::before_due::config(&config)
                    .map_err(|_| not_as_written(sample.file, "not a configuration"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let manifest: serde_json::Value = serde_json::from_str(&read("integrity.json")?)
            .map_err(|_| not_as_written("integrity.json", "not JSON"))?;
        let import_maps = manifest
            .pointer("/csp/script-src")
            .and_then(serde_json::Value::as_str)
            .ok_or_else(|| not_as_written("integrity.json", "no csp.script-src"))?;
        let csp = HeaderValue::from_str(&strict_csp(import_maps)).map_err(|_| {
            not_as_written("integrity.json", "csp.script-src is not a header value")
        })?;
        Ok(Self {
            folder: folder.to_owned(),
            template,
            configs,
            csp,
        })
    }

    /// The page for the sample at `index`, at the address `page` (absolute: the
    /// configuration's links are resolved against it, as the browser resolves them).
    fn page(&self, index: usize, page: &str) -> Result<String, repay_widget::server::RenderError> {
        let config = &self.configs[index];
        let screen = repay_widget::server::render(config, page, None)?;
        let template = &self.template;
        let mut out = String::with_capacity(template.head.len() + screen.len() + 2 * config.len());
        out.push_str(&template.head);
        out.push_str(&samples_list(index));
        out.push_str(&template.before_screen);
        out.push_str(&screen);
        out.push_str(&template.before_config);
        // As the guide asks: no text in the configuration can end the block.
        out.push_str(&config.trim().replace('<', "\\u003c"));
        out.push_str(&template.tail);
        Ok(out)
    }
}

/// The demo's own part of the page: the samples, each a link, the shown one marked.
fn samples_list(current: usize) -> String {
    let mut list =
        String::from("\n    <nav aria-label=\"Sample customers (illustrative demo data)\"><ul>");
    for (i, sample) in SAMPLES.iter().enumerate() {
        let mark = if i == current {
            " aria-current=\"page\""
        } else {
            ""
        };
        list.push_str(&format!(
            "<li><a href=\"/?customer={}\"{mark}>{}</a></li>",
            sample.key, sample.label
        ));
    }
    list.push_str("</ul></nav>");
    list
}

#[derive(Clone)]
struct Shared {
    bank: AppState,
    site: Arc<Site>,
}

#[derive(Debug, Deserialize)]
struct Which {
    customer: Option<String>,
}

fn text(status: StatusCode, message: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response()
}

/// `GET /?customer=KEY`: the page for that sample, signed in as its customer.
async fn page(
    State(shared): State<Shared>,
    Query(which): Query<Which>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    let index = match which.customer.as_deref() {
        None => 0,
        Some(key) => match SAMPLES.iter().position(|sample| sample.key == key) {
            Some(index) => index,
            None => {
                return text(
                    StatusCode::NOT_FOUND,
                    format!("no sample customer {key:?}: use cn, us, hk, uk, ie or ie-before-due"),
                )
            }
        },
    };
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return text(StatusCode::BAD_REQUEST, "the request has no Host".into());
    };
    let address = format!("http://{host}{uri}");
    let html = match shared.site.page(index, &address) {
        Ok(html) => html,
        Err(error) => {
            return text(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("the first screen could not be rendered: {error}"),
            )
        }
    };
    let cookies =
        match dev_bank::session::open_for_page(&shared.bank, &headers, SAMPLES[index].holder) {
            Ok(cookies) => cookies,
            Err(error) => return error.into_response(),
        };
    let mut response = (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CONTENT_SECURITY_POLICY, shared.site.csp.clone()),
            // The page holds this customer's figures: as any account page.
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        html,
    )
        .into_response();
    for cookie in cookies {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// The demo site: the page at `/`, the folder's files, and the dev-bank's routes.
pub fn router(bank: AppState, site: Site) -> Router {
    let files = ServeDir::new(&site.folder);
    let csp = site.csp.clone();
    let shared = Shared {
        bank: bank.clone(),
        site: Arc::new(site),
    };
    let pages = Router::new()
        .route("/", get(page))
        // The page names no icon, so the browser asks for this one: nothing, not a 404
        // in the developer's console.
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .with_state(shared)
        .fallback_service(files)
        // The folder's own pages (example.html…) under the same CSP; a rebuilt bundle
        // is fetched again rather than taken from the cache.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ));
    dev_bank::router(bank).merge(pages)
}

//! Where the widget's configuration addresses are resolved: the page it runs on, by the
//! browser's own URL parser. How addresses are judged is [`repay_config::links`].

pub use repay_config::links::*;

/// The page the widget runs on, resolved by the browser's own URL parser.
pub struct BrowserPage;

impl Page for BrowserPage {
    fn resolve(&self, address: &str) -> Option<Resolved> {
        let document = web_sys::window()?.document()?;
        let base = document.base_uri().ok().flatten()?;
        let url = web_sys::Url::new_with_base(address, &base).ok()?;
        Some(Resolved {
            href: url.href(),
            protocol: url.protocol(),
            hostname: url.hostname(),
            origin: url.origin(),
        })
    }

    fn origin(&self) -> String {
        web_sys::window()
            .and_then(|window| window.location().origin().ok())
            .unwrap_or_default()
    }
}

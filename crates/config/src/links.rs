//! The addresses a configuration gives (payment channels, terms, reminders, the
//! shadow-DOM stylesheet, the proposal endpoint), judged by what the browser will make
//! of them.
//!
//! A text check of the address ("starts with `/` but not `//`") is not how a browser
//! reads it: `/\evil.example/x` resolves to `https://evil.example/x`, tabs and newlines
//! anywhere are dropped (`ht\ttps://`, `/\n/evil.example`), the scheme's case does not
//! matter. So the address is first resolved against the page by a WHATWG URL parser —
//! in the widget the browser's own (`new URL(address, document.baseURI)`, the widget's
//! `BrowserPage`), natively the `url` crate ([`native::PageAt`]), which implements the
//! same standard — and [`check_link`] then
//! judges the result, in one place: a link is allowed if it resolves to this page's
//! origin (over `http:` or `https:`) or to `https:`; the endpoint may also be plain HTTP to this machine while
//! developing. What was judged is what is used: the widget keeps the resolved address.

use repay_engine::{EngineError, InvalidReason};

/// An address as a URL parser resolved it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The whole address, absolute: what the widget uses from then on.
    pub href: String,
    /// The scheme with its colon, lower case: `https:`.
    pub protocol: String,
    /// The host without port, lower case (`localhost`).
    pub hostname: String,
    /// `scheme://host[:port]`, or `null` for schemes without one.
    pub origin: String,
}

/// Where the configuration's addresses are resolved: the page the widget is on.
pub trait Page {
    /// `address` resolved against the page's base URL, or `None` when it is not a URL.
    fn resolve(&self, address: &str) -> Option<Resolved>;
    /// The page's own origin: `https://bank.example`.
    fn origin(&self) -> String;
}

/// What an address is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkUse {
    /// A link or stylesheet: this site or `https:`.
    Link,
    /// Where proposals go: as a link, or `http://localhost` / `http://127.0.0.1` while
    /// developing.
    Endpoint,
}

/// The longest address accepted.
const MAX_ADDRESS: usize = 2048;

/// Resolves `address` against `page` and returns the absolute address to use, or the
/// configuration error naming `path` when it could lead anywhere but this site or an
/// `https:` address.
///
/// # Errors
///
/// [`InvalidReason::NotAllowed`] at `path`.
pub fn check_link(
    path: &str,
    address: &str,
    use_: LinkUse,
    page: &dyn Page,
) -> Result<String, EngineError> {
    let refused = || EngineError::invalid(path, InvalidReason::NotAllowed);
    // An empty address resolves to the page itself; nothing configured means that.
    if address.trim().is_empty() || address.len() > MAX_ADDRESS {
        return Err(refused());
    }
    let resolved = page.resolve(address).ok_or_else(refused)?;
    // Same origin over the web's own schemes only: `blob:` and the like share the
    // page's origin but hold whatever a script put in them.
    let web = matches!(resolved.protocol.as_str(), "http:" | "https:");
    let same_site = web && resolved.origin == page.origin();
    let local = matches!(resolved.hostname.as_str(), "localhost" | "127.0.0.1");
    let allowed = same_site
        || resolved.protocol == "https:"
        || (use_ == LinkUse::Endpoint && resolved.protocol == "http:" && local);
    if allowed {
        Ok(resolved.href)
    } else {
        Err(refused())
    }
}

/// A page at a fixed address, resolved by the `url` crate (the WHATWG URL standard, as
/// browsers parse): for native code, the server rendering the first screen and the tests.
#[cfg(not(target_arch = "wasm32"))]
pub mod native {
    use super::{Page, Resolved};

    /// The page native tests put the widget on.
    pub const PAGE: &str = "https://bank.example/cards/repay?card=0042";

    /// A page at a fixed address.
    pub struct PageAt(pub url::Url);

    impl PageAt {
        /// The page at [`PAGE`].
        pub fn new() -> Self {
            Self::default()
        }
    }

    impl Default for PageAt {
        fn default() -> Self {
            Self(url::Url::parse(PAGE).unwrap_or_else(|_| unreachable!("PAGE is a URL")))
        }
    }

    impl Page for PageAt {
        fn resolve(&self, address: &str) -> Option<Resolved> {
            let url = self.0.join(address).ok()?;
            let origin = url.origin().ascii_serialization();
            Some(Resolved {
                protocol: format!("{}:", url.scheme()),
                hostname: url.host_str().unwrap_or_default().to_owned(),
                href: url.into(),
                origin,
            })
        }

        fn origin(&self) -> String {
            self.0.origin().ascii_serialization()
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::native::PageAt;
    use super::*;

    fn judged(address: &str, use_: LinkUse) -> Option<String> {
        check_link("terms.url", address, use_, &PageAt::new()).ok()
    }

    #[test]
    fn paths_on_this_site_and_https_addresses_are_used_resolved() {
        let cases = [
            ("/terms/v3", "https://bank.example/terms/v3"),
            ("terms", "https://bank.example/cards/terms"),
            ("../help", "https://bank.example/help"),
            ("?tab=2", "https://bank.example/cards/repay?tab=2"),
            ("https://help.bank.example/x", "https://help.bank.example/x"),
            ("HTTPS://Help.Bank.Example/x", "https://help.bank.example/x"),
            ("//other.example/x", "https://other.example/x"),
        ];
        for (address, href) in cases {
            assert_eq!(
                judged(address, LinkUse::Link).as_deref(),
                Some(href),
                "{address}"
            );
        }
    }

    #[test]
    fn addresses_that_run_script_or_leave_for_plain_http_are_refused_however_written() {
        for address in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "http://evil.example/x",
            "h\ttp://evil.example",
            "ftp://bank.example/x",
            "blob:https://bank.example/uuid",
            "",
            "   ",
        ] {
            assert_eq!(judged(address, LinkUse::Link), None, "{address:?}");
        }
    }

    #[test]
    fn the_usual_bypasses_are_judged_as_the_host_the_browser_goes_to() {
        // On a plain-HTTP page, "a path on this site" written to reach another host
        // resolves to that host over HTTP: refused.
        let page = PageAt(url::Url::parse("http://intranet.bank/cards/repay").unwrap());
        let check = |address| check_link("terms.url", address, LinkUse::Link, &page).ok();
        for address in [
            "/\\evil.example/x",
            "/\\/evil.example/x",
            "\\\\evil.example/x",
            "//evil.example/x",
            "/\t/evil.example/x",
            "/\n/evil.example/x",
            "/\r\n/evil.example/x",
        ] {
            assert_eq!(
                page.resolve(address).unwrap().hostname,
                "evil.example",
                "{address:?}"
            );
            assert_eq!(check(address), None, "{address:?}");
        }
        assert_eq!(
            check("/terms").as_deref(),
            Some("http://intranet.bank/terms")
        );
        // %2f is not a slash to the parser: a path on this site.
        assert_eq!(
            check("/%2f%2fevil.example/x").as_deref(),
            Some("http://intranet.bank/%2f%2fevil.example/x")
        );
        // On an https page the same texts reach evil.example over https: allowed as any
        // https address is, and used as that address, never as a path on this site.
        let https = PageAt::new();
        assert_eq!(
            check_link("terms.url", "/\\evil.example/x", LinkUse::Link, &https).as_deref(),
            Ok("https://evil.example/x")
        );
    }

    #[test]
    fn the_endpoint_may_be_plain_http_to_this_machine_only() {
        for address in [
            "http://localhost:8787/api",
            "http://127.0.0.1/api",
            "HTTP://LOCALHOST/api",
        ] {
            assert!(judged(address, LinkUse::Endpoint).is_some(), "{address}");
            assert_eq!(judged(address, LinkUse::Link), None, "{address}");
        }
        for address in [
            "http://localhost.evil.example/api",
            "http://127.0.0.1.evil.example/api",
            "http://evil.example/localhost",
            "http://localhost@evil.example/api",
        ] {
            assert_eq!(judged(address, LinkUse::Endpoint), None, "{address}");
        }
    }
}

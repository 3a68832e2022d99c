//! The first screen rendered natively, on the bank's server (feature `ssr`): the same
//! component, catalogs and formatter as in the browser, started from the configuration
//! alone (no draft: the server has none), as the HTML Yew's `ServerRenderer` writes.
//!
//! The fragment is the element `mount` would add to the host element, with the screen
//! already in it, so that `mount` finds it and takes it over ([`crate::embed`]):
//!
//! ```html
//! <div class="repay-widget-host" data-repay-rendered="en-GB">…the screen…</div>
//! ```
//!
//! In shadow-DOM mode the screen is inside a declarative shadow root, with the
//! configuration's stylesheet (and its integrity) as `mount` would link it. Nothing in
//! the fragment is a script or a style attribute: a strict CSP holds. The theme's custom
//! properties are set by `mount` through the CSSOM, as without server rendering.

use yew::ServerRenderer;

use crate::components::app::{App, AppProps};
use crate::config::{ConfigError, WidgetConfig};
use crate::i18n::Locale;
use crate::links::native::PageAt;
use crate::shared::Shared;
use crate::{HOLDER_CLASS, RENDERED_ATTRIBUTE};

/// Why a first screen could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The page's address is not an absolute URL.
    #[error("the page address {0:?} is not an absolute URL")]
    Page(String),
    /// The configuration cannot be used: the widget would show its error panel, which
    /// the bank's server should not send.
    #[error("the configuration cannot be used: {0}")]
    Config(ConfigError),
    /// The language asked for is not the one the widget starts in with this
    /// configuration: the configuration names another, or does not enable it.
    #[error("the widget would start in {starts} with this configuration, not {asked} (its `locale` and `locales` decide)")]
    Locale {
        asked: &'static str,
        starts: &'static str,
    },
}

/// The widget's first screen for `config_json` on the page at `page` (an absolute URL:
/// the configuration's addresses are resolved against it, as the browser does), in
/// `locale`, or without one in the language the widget starts in for the configuration
/// alone (its `locale`, else the first it enables).
///
/// # Errors
///
/// [`RenderError`]: the page is not a URL, the configuration cannot be used, or it makes
/// the widget start in another language than `locale`.
pub fn render(
    config_json: &str,
    page: &str,
    locale: Option<Locale>,
) -> Result<String, RenderError> {
    let page = url::Url::parse(page).map_err(|_| RenderError::Page(page.to_owned()))?;
    // Checked here first, so a bad configuration is an error and not an error panel.
    let checked =
        WidgetConfig::from_json(config_json, &PageAt(page.clone())).map_err(RenderError::Config)?;
    if let Some(asked) = locale {
        let starts = checked.start_locale(std::iter::once(asked.tag()));
        if starts != asked {
            return Err(RenderError::Locale {
                asked: asked.tag(),
                starts: starts.tag(),
            });
        }
    }
    let starts = checked.start_locale(locale.iter().map(|l| l.tag()));
    let shadow = checked.theme.shadow_dom.clone();
    let json = config_json.to_owned();
    let renderer = ServerRenderer::<App>::with_props(move || AppProps {
        config: WidgetConfig::from_json(&json, &PageAt(page)).map(Shared::new),
        preferred: locale.map(|l| vec![l.tag().to_owned()]).unwrap_or_default(),
        on_event: None,
        fresh: true,
    });
    let screen = futures::executor::block_on(renderer.render());
    let opening = format!(
        r#"<div class="{HOLDER_CLASS}" {RENDERED_ATTRIBUTE}="{}">"#,
        starts.tag()
    );
    Ok(match shadow {
        None => format!("{opening}{screen}</div>"),
        Some(sheet) => {
            let integrity = sheet.integrity.map_or_else(String::new, |integrity| {
                format!(
                    r#" integrity="{}" crossorigin="anonymous""#,
                    attribute(&integrity)
                )
            });
            format!(
                r#"{opening}<template shadowrootmode="open"><link rel="stylesheet" href="{}"{integrity}><div>{screen}</div></template></div>"#,
                attribute(&sheet.stylesheet)
            )
        }
    })
}

/// `value` as an HTML attribute value between double quotes.
fn attribute(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

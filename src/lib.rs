//! The self-service repayment widget: a Yew component a bank mounts into its own page.
//!
//! It renders what [`repay_engine`] computes and computes no money itself. Pages mount it
//! through the JavaScript API in `embed` (`mount`, then `update` and `destroy`), which is
//! compiled for the browser only; Rust hosts mount it through [`mount`].

pub mod actions;
pub mod components;
pub mod config;
pub mod delivery;
pub mod draft;
pub mod effects;
#[cfg(target_arch = "wasm32")]
pub mod embed;
pub mod events;
pub mod export;
pub mod format;
pub mod i18n;
pub mod input;
mod labels;
pub mod links;
pub mod model;
#[cfg(all(feature = "ssr", not(target_arch = "wasm32")))]
pub mod server;
pub mod shared;
pub mod state;
pub mod submit;

use web_sys::Element;
use yew::AppHandle;

/// The class of the element a widget lives in, inside its host element.
pub const HOLDER_CLASS: &str = "repay-widget-host";
/// Marks a holder whose screen the bank's server rendered ([`server`]); its value is the
/// language it was rendered in.
pub const RENDERED_ATTRIBUTE: &str = "data-repay-rendered";

use crate::components::app::{App, AppProps};
use crate::config::{ThemeWire, WidgetConfig};
use crate::shared::Shared;

/// Mounts the widget into `root` with a configuration given as JSON text, for Rust
/// hosts (pages use the JavaScript API in `embed`).
///
/// A configuration that cannot be used shows a translated error panel inside `root`
/// naming the setting at fault; it never leaves the area blank. The panic hook in place
/// stays in place.
pub fn mount(root: Element, config_json: &str) -> AppHandle<App> {
    let config = WidgetConfig::from_json(config_json, &crate::links::BrowserPage).map(Shared::new);
    if let Ok(config) = &config {
        apply_theme(&root, &config.theme);
    }
    render(
        root,
        AppProps {
            config,
            preferred: reader_languages(),
            on_event: None,
            fresh: false,
        },
    )
}

/// Renders the widget. Yew installs its own panic hook on render unless one was set
/// through it: it is handed the hook already in place (the host's, or the default), so
/// mounting the widget never replaces a host's hook.
pub(crate) fn render(root: Element, props: AppProps) -> AppHandle<App> {
    yew::set_custom_panic_hook(std::panic::take_hook());
    yew::Renderer::<App>::with_root_and_props(root, props).render()
}

/// Sets the theme's CSS custom properties on `element` through the CSSOM, which a strict
/// `style-src` allows (a `style` attribute it would not).
pub(crate) fn apply_theme(element: &Element, theme: &ThemeWire) {
    use wasm_bindgen::JsCast;
    let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() else {
        return;
    };
    let style = element.style();
    for (name, value) in &theme.variables {
        let _ = style.set_property(&format!("--repay-{name}"), value);
    }
}

/// The reader's languages, best first: the host page's `lang` (what the page around the
/// widget is written in), then the browser's languages in the reader's order.
pub fn reader_languages() -> Vec<String> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let page = window
        .document()
        .and_then(|document| document.document_element())
        .and_then(|root| root.get_attribute("lang"))
        .filter(|lang| !lang.trim().is_empty());
    let languages = window.navigator().languages();
    let browser = languages.iter().filter_map(|tag| tag.as_string());
    page.into_iter().chain(browser).collect()
}

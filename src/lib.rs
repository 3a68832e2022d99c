//! The self-service repayment widget: a Yew component a bank mounts into its own page.
//!
//! It renders what [`repay_engine`] computes and computes no money itself. The host page
//! gives it a configuration (JSON) and an element to live in; see [`mount`].

pub mod client;
pub mod components;
pub mod config;
pub mod export;
pub mod format;
pub mod i18n;
pub mod input;
#[cfg(target_arch = "wasm32")]
pub mod js_de;
mod labels;
pub mod model;
pub mod shared;
pub mod state;
pub mod submit;

use web_sys::Element;
use yew::AppHandle;

use crate::components::app::{App, AppProps};
use crate::i18n::Locale;

/// Mounts the widget into `root` with a configuration given as JSON text.
///
/// A configuration that cannot be used shows a translated error panel inside `root`
/// naming the setting at fault; it never leaves the area blank.
pub fn mount(root: Element, config_json: &str) -> AppHandle<App> {
    let props = AppProps {
        config_json: config_json.to_owned().into(),
        fallback_locale: browser_locale(),
    };
    yew::Renderer::<App>::with_root_and_props(root, props).render()
}

/// The browser's preferred supported language, or English.
pub fn browser_locale() -> Locale {
    web_sys::window()
        .and_then(|window| window.navigator().language())
        .and_then(|tag| Locale::from_tag(&tag))
        .unwrap_or_default()
}

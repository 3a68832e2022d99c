//! The JavaScript API a host page uses (docs/embedding.md):
//!
//! ```js
//! import init, { mount } from "./repay-widget.js";
//! await init();
//! const widget = mount(element, config); // config: an object or JSON text
//! widget.update(config);
//! widget.destroy();
//! ```
//!
//! `repay-widget-auto.js` mounts marked elements through `mount` (in JavaScript: the
//! bundle stays smaller).
//!
//! Each widget lives in one `<div class="repay-widget-host">` it adds to the host
//! element (with a shadow root in shadow-DOM mode); `destroy` removes that element and
//! with it everything the widget added. When the host already holds one that the bank's
//! server rendered (`repay_widget::server`, `data-repay-rendered`), `mount` takes that
//! screen over (Yew's hydration) instead of drawing it again. Events go to the host element.

use js_sys::Object;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CustomEvent, CustomEventInit, Element, HtmlElement, ShadowRootInit, ShadowRootMode};
use yew::{AppHandle, Callback};

use crate::components::app::{App, AppProps};
use crate::config::{ConfigError, WidgetConfig};
use crate::events::WidgetEvent;
use crate::shared::Shared;

type Checked = Result<Shared<WidgetConfig>, ConfigError>;

/// The declarations `mount` and `update` name: the configuration's type, and the
/// events' details (which `repay-widget.d.ts` also adds to `HTMLElementEventMap`), both
/// generated from the JSON Schemas in `types/` by `cargo xtask dist`.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
import type { RepayWidgetConfig } from "./types/config.js";
export type { RepayWidgetConfig } from "./types/config.js";
export type { RepayWidgetEventDetails } from "./types/events.js";
"#;

/// A mounted widget, as JavaScript holds it.
#[wasm_bindgen]
pub struct Widget {
    mounted: Option<Mounted>,
}

struct Mounted {
    host: Element,
    /// The element the widget added to the host; it holds everything else.
    holder: HtmlElement,
    app: AppHandle<App>,
    config: Checked,
    on_event: Callback<WidgetEvent>,
}

/// Mounts a widget into `element` with `config`: an object or JSON text, as documented
/// in the contract. A configuration that cannot be used shows an error panel in the
/// widget, logs one console error and fires `repay:error`; it never throws.
///
/// # Errors
///
/// A `TypeError` when `element` is not an element.
#[wasm_bindgen]
pub fn mount(
    #[wasm_bindgen(unchecked_param_type = "Element")] element: JsValue,
    #[wasm_bindgen(unchecked_param_type = "RepayWidgetConfig | string")] config: JsValue,
) -> Result<Widget, JsError> {
    let host = element
        .dyn_into::<Element>()
        .map_err(|_| JsError::new("repay-widget: mount(element, config) needs an element"))?;
    Ok(Widget {
        mounted: Some(Mounted::new(host, read(&config))),
    })
}

#[wasm_bindgen]
impl Widget {
    /// Gives the widget a new configuration. For the same account and offers, what the
    /// customer chose and typed stays, budget included; otherwise the widget starts
    /// again from the account's draft in session storage. Does nothing after `destroy`.
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RepayWidgetConfig | string")] config: JsValue,
    ) {
        if let Some(mounted) = self.mounted.take() {
            self.mounted = Some(mounted.update(read(&config)));
        }
    }

    /// Removes the widget and everything it added to the page. A proposal already on
    /// its way still reaches the bank; the draft stays in session storage, so mounting
    /// the same account again resumes it.
    pub fn destroy(&mut self) {
        if let Some(mounted) = self.mounted.take() {
            mounted.destroy();
        }
    }
}

impl Mounted {
    fn new(host: Element, config: Checked) -> Self {
        let document = web_sys::window()
            .and_then(|window| window.document())
            .expect_throw("repay-widget needs a document");
        let taken_over = rendered(&host, &config);
        let (holder, root, rendered_in) = match taken_over {
            Some((holder, root, locale)) => (holder, root, Some(locale)),
            None => {
                let (holder, root) = fresh_holder(&document, &config);
                (holder, root, None)
            }
        };
        if let Ok(config) = &config {
            crate::apply_theme(&holder, &config.theme);
        }
        if rendered_in.is_none() {
            // The bank's placeholder ("While it loads") gives way to the widget.
            if let Ok(placeholders) = host.query_selector_all(":scope > .repay-widget-placeholder")
            {
                for index in 0..placeholders.length() {
                    if let Some(placeholder) = placeholders.get(index) {
                        let _ = host.remove_child(&placeholder);
                    }
                }
            }
            let _ = host.append_child(&holder);
        }
        let target = host.clone();
        // Yew renders, and so reports, in a microtask: a host that adds its listeners
        // right after `mount` returns still hears `ready` (or `error`).
        let on_event = Callback::from(move |event: WidgetEvent| announce(&target, &event));
        // A screen the server rendered starts in the language it was rendered in, from
        // the configuration alone, and is taken over as it is (the tab's draft follows).
        // The bundle is its own WebAssembly instance, so its panic hook is its own: Yew's,
        // which logs a panic to the console (the widget is built not to panic).
        let fresh = rendered_in.is_some();
        let preferred = rendered_in
            .into_iter()
            .chain(crate::reader_languages())
            .collect();
        let renderer = yew::Renderer::<App>::with_root_and_props(
            root,
            AppProps {
                config: config.clone(),
                preferred,
                on_event: Some(on_event.clone()),
                fresh,
            },
        );
        let app = if fresh {
            renderer.hydrate()
        } else {
            renderer.render()
        };
        Self {
            host,
            holder,
            app,
            config,
            on_event,
        }
    }

    fn update(mut self, config: Checked) -> Self {
        let same_account = match (&self.config, &config) {
            (Ok(old), Ok(new)) => {
                // The offers may change: each choice follows its offer by key.
                old.sending.account_reference == new.sending.account_reference
                    && old.theme.shadow_dom == new.theme.shadow_dom
            }
            _ => false,
        };
        if !same_account {
            let host = self.host.clone();
            self.destroy();
            return Self::new(host, config);
        }
        let _ = self.holder.remove_attribute("style");
        if let Ok(new) = &config {
            crate::apply_theme(&self.holder, &new.theme);
        }
        self.app.update(AppProps {
            config: config.clone(),
            preferred: crate::reader_languages(),
            on_event: Some(self.on_event.clone()),
            fresh: false,
        });
        self.config = config;
        self
    }

    fn destroy(self) {
        self.app.destroy();
        self.holder.remove();
    }
}

/// The configuration as text: JSON text as given, an object through `JSON.stringify`;
/// anything else (`null` when a page could not load one) is an empty text, which the
/// error panel reports as not JSON.
/// A new holder for the widget, with a shadow root holding the configuration's
/// stylesheet in shadow-DOM mode: the holder, and the element the widget renders into.
fn fresh_holder(document: &web_sys::Document, config: &Checked) -> (HtmlElement, Element) {
    let holder: HtmlElement = document
        .create_element("div")
        .expect_throw("repay-widget: createElement")
        .unchecked_into();
    holder.set_class_name(crate::HOLDER_CLASS);
    let shadow = config
        .as_ref()
        .ok()
        .and_then(|c| c.theme.shadow_dom.as_ref());
    let root: Element = match shadow.and_then(|sheet| {
        let shadow_root = holder
            .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .ok()?;
        let link = document.create_element("link").ok()?;
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", &sheet.stylesheet);
        if let Some(integrity) = &sheet.integrity {
            let _ = link.set_attribute("integrity", integrity);
            let _ = link.set_attribute("crossorigin", "anonymous");
        }
        let root = document.create_element("div").ok()?;
        shadow_root.append_child(&link).ok()?;
        shadow_root.append_child(&root).ok()?;
        Some(root)
    }) {
        Some(root) => root,
        None => holder.clone().into(),
    };
    (holder, root)
}

/// The screen the bank's server rendered into `host` (`crate::server`): its holder, the
/// element the screen is in, and the language it was rendered in. One that cannot be
/// taken over — the configuration cannot be used, or its shadow root is missing (a
/// browser without declarative shadow DOM) — is removed, and the widget renders afresh.
fn rendered(host: &Element, config: &Checked) -> Option<(HtmlElement, Element, String)> {
    let selector = format!(
        ":scope > .{}[{}]",
        crate::HOLDER_CLASS,
        crate::RENDERED_ATTRIBUTE
    );
    let holder = host.query_selector(&selector).ok()??;
    let root = config.as_ref().ok().and_then(|config| {
        match (&config.theme.shadow_dom, holder.shadow_root()) {
            (None, None) => Some(holder.clone()),
            // The screen's element follows the stylesheet's link. (`:scope` names no
            // element in a shadow root, so a `:scope > div` query finds nothing there.)
            (Some(_), Some(shadow)) => shadow
                .last_element_child()
                .filter(|element| element.tag_name() == "DIV"),
            _ => None,
        }
    });
    let Some(root) = root else {
        holder.remove();
        return None;
    };
    let locale = holder
        .get_attribute(crate::RENDERED_ATTRIBUTE)
        .unwrap_or_default();
    // Taken over once: from here it is a widget like any other.
    let _ = holder.remove_attribute(crate::RENDERED_ATTRIBUTE);
    Some((holder.unchecked_into(), root, locale))
}

fn read(config: &JsValue) -> Checked {
    let text = match config.as_string() {
        Some(text) => text,
        None if config.is_object() => js_sys::JSON::stringify(config)
            .map(String::from)
            .unwrap_or_default(),
        None => String::new(),
    };
    WidgetConfig::from_json(&text, &crate::links::BrowserPage).map(Shared::new)
}

/// Dispatches `event` on the host element as a bubbling, composed `CustomEvent`.
fn announce(host: &Element, event: &WidgetEvent) {
    let detail = js_sys::JSON::parse(&event.detail()).unwrap_or_else(|_| Object::new().into());
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    let name = format!("repay:{}", event.name());
    if let Ok(event) = CustomEvent::new_with_event_init_dict(&name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

//! The browser's services the widget uses, each behind one small function that cannot
//! fail loudly: the clock, random ids, session storage, downloads, printing, cookies and
//! whether the network is up. Where the browser refuses (storage blocked in a sandboxed
//! frame, no `crypto`), the widget carries on without.
//!
//! Storage stays on web-sys rather than gloo-storage: gloo-storage reaches
//! `sessionStorage` through `expect_throw`, which throws where a page or a sandboxed
//! frame blocks storage, and the widget must keep working there.

use crate::draft::Draft;
use crate::export::File;

/// The current time, RFC 3339 in UTC (`2026-11-28T10:15:00.000Z`).
pub fn now_rfc3339() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// A new proposal id from the browser's `crypto.getRandomValues`.
pub fn new_proposal_id() -> Option<String> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let mut bytes = [0_u8; 16];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(repay_contract::uuid_v4(bytes))
}

/// A random number for the retries' jitter.
pub fn random_u32() -> u32 {
    (js_sys::Math::random() * 4_294_967_296.0) as u32
}

fn storage_key(account_reference: &str) -> String {
    format!("repay-widget:{account_reference}")
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// The draft saved for this account in this tab, if any.
pub fn load_draft(account_reference: &str) -> Option<Draft> {
    let text = session_storage()?
        .get_item(&storage_key(account_reference))
        .ok()??;
    Draft::decode(&text)
}

/// Saves the draft. Storage may be full or switched off: the widget then works on
/// without it, as it would in a browser that forgets.
pub fn save_draft(account_reference: &str, draft: &Draft) {
    if let Some(storage) = session_storage() {
        let _ = storage.set_item(&storage_key(account_reference), &draft.encode());
    }
}

/// Offers `file` as a download through a temporary `blob:` link (gloo-file's object URL,
/// revoked when dropped): no request, no inline script, fine under a strict CSP.
pub fn download(file: &File) {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let blob = gloo_file::Blob::new_with_options(file.contents.as_str(), Some(file.mime));
    let url = gloo_file::ObjectUrl::from(blob);
    if let Ok(link) = document
        .create_element("a")
        .map(|e| e.unchecked_into::<web_sys::HtmlAnchorElement>())
    {
        link.set_href(&url);
        link.set_download(&file.name);
        link.click();
    }
}

/// Opens the browser's print dialog.
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// The value of the cookie `name` on the host page, for a CSRF header.
pub fn cookie(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let cookies = js_sys::Reflect::get(&document, &"cookie".into())
        .ok()?
        .as_string()?;
    cookies.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == name).then(|| value.to_owned())
    })
}

/// Whether the browser believes it is online.
pub fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Moves focus to `element`, if it is rendered.
/// Closes the disclosure `details` and moves focus to its `summary`: after a choice made
/// inside it, the choice is shown on the summary and the keyboard stays where it was.
pub fn close_disclosure(details: &yew::NodeRef, summary: &yew::NodeRef) {
    if let Some(details) = details.cast::<web_sys::Element>() {
        let _ = details.remove_attribute("open");
    }
    focus(summary);
}

pub fn focus(element: &yew::NodeRef) {
    if let Some(element) = element.cast::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}

/// Writes `text` to the console as a warning, for the product team.
pub fn log_warning(text: &str) {
    web_sys::console::warn_1(&text.into());
}

/// Writes `text` to the console as an error, for the product team.
pub fn log_error(text: &str) {
    web_sys::console::error_1(&text.into());
}

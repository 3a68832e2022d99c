//! The demo: mounts the widget into `index.html`'s `#repay-demo` with the configuration
//! in the page's `#repay-demo-config` JSON block. The configuration is data, not code:
//! it stays out of the bundle.

fn main() {
    let document = web_sys::window().and_then(|window| window.document());
    let element = |id: &str| document.as_ref()?.get_element_by_id(id);
    let Some(root) = element("repay-demo") else {
        web_sys::console::error_1(&"repay-widget demo: no element with id \"repay-demo\"".into());
        return;
    };
    // A missing block mounts with an empty configuration: the widget's error panel says so.
    let config = element("repay-demo-config")
        .and_then(|block| block.text_content())
        .unwrap_or_default();
    // The handle lives as long as the page: the demo never unmounts.
    std::mem::forget(repay_widget::mount(root, &config));
}

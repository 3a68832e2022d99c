//! The demo: mounts the widget into `index.html`'s `#repay-demo` with embedded demo data.

const DEMO_CONFIG: &str = include_str!("../crates/engine/data/cn-card.json");

fn main() {
    let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("repay-demo"))
    else {
        web_sys::console::error_1(&"repay-widget demo: no element with id \"repay-demo\"".into());
        return;
    };
    // The handle lives as long as the page: the demo never unmounts.
    std::mem::forget(repay_widget::mount(root, DEMO_CONFIG));
}

//! A minimal Yew page: one button counting its clicks. `cargo xtask bench` builds it the
//! way the widget is built and measures it beside the widget, as the floor no Yew page
//! goes below on this machine.

use yew::prelude::*;

/// One button counting its clicks.
#[component]
pub fn Counter() -> Html {
    let count = use_state(|| 0_u32);
    let onclick = {
        let count = count.clone();
        Callback::from(move |_| count.set(*count + 1))
    };
    html! {
        <button type="button" data-testid="counter" {onclick}>{ *count }</button>
    }
}

/// Renders the counter into the page's body once the module starts.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    yew::Renderer::<Counter>::new().render();
}

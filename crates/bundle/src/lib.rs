//! The bundle pages import (`repay-widget.js` and its wasm): the JavaScript API of
//! `repay_widget::embed` (`mount`, `Widget.update`, `Widget.destroy`), built as a
//! cdylib. The code lives in the `repay-widget` crate.

#[cfg(target_arch = "wasm32")]
pub use repay_widget::embed::{mount, Widget};

/// Talc instead of Rust's default dlmalloc: smaller in the bundle, and faster at the many
/// small allocations a Yew page makes. The page runs the widget on one thread.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

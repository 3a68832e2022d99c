//! Browser tests of the widget's components, in headless Chromium
//! (`cargo xtask test` runs them through wasm-bindgen-test-runner).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const DEMO: &str = include_str!("../crates/engine/data/cn-card.json");

fn fresh_root() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

fn by_test_id(root: &Element, id: &str) -> Element {
    root.query_selector(&format!("[data-testid=\"{id}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={id}"))
}

fn text(root: &Element, id: &str) -> String {
    by_test_id(root, id).text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn shows_the_overdue_status_in_the_configured_language() {
    let root = fresh_root();
    let _app = repay_widget::mount(root.clone(), DEMO);
    yew::scheduler::flush().await;

    assert_eq!(
        by_test_id(&root, "repay-widget")
            .get_attribute("lang")
            .as_deref(),
        Some("zh-CN")
    );
    assert!(
        text(&root, "overdue-amount").contains("860.00"),
        "{}",
        text(&root, "overdue-amount")
    );
    assert_eq!(text(&root, "days-past-due"), "已逾期 18 天");
    assert!(text(&root, "due-date").contains("2026年11月10日"));
}

#[wasm_bindgen_test]
async fn switches_language_on_click() {
    let root = fresh_root();
    let _app = repay_widget::mount(root.clone(), DEMO);
    yew::scheduler::flush().await;

    let english = by_test_id(&root, "language-en-US");
    english.dyn_ref::<HtmlElement>().unwrap().click();
    yew::scheduler::flush().await;

    assert_eq!(
        by_test_id(&root, "repay-widget")
            .get_attribute("lang")
            .as_deref(),
        Some("en-US")
    );
    assert_eq!(
        english.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    assert_eq!(text(&root, "days-past-due"), "18 days past due");
    assert!(text(&root, "overdue-amount").contains("860.00"));
}

#[wasm_bindgen_test]
async fn a_bad_configuration_names_the_field_instead_of_a_blank_area() {
    let root = fresh_root();
    let bad = DEMO.replace(
        "\"860.00\",\n    \"due_date\"",
        "\"eight hundred\",\n    \"due_date\"",
    );
    assert_ne!(bad, DEMO, "the test must actually break the configuration");
    let _app = repay_widget::mount(root.clone(), &bad);
    yew::scheduler::flush().await;

    let detail = text(&root, "config-error-detail");
    assert!(detail.contains("account.overdue_amount"), "{detail}");
    assert!(detail.contains("不是有效数字"), "{detail}");
    assert_eq!(
        by_test_id(&root, "config-error")
            .get_attribute("role")
            .as_deref(),
        Some("alert")
    );
}

#[wasm_bindgen_test]
async fn invalid_json_is_reported_with_its_position() {
    let root = fresh_root();
    let _app = repay_widget::mount(root.clone(), "{\"locale\": \"en-US\",");
    yew::scheduler::flush().await;
    assert!(text(&root, "config-error-detail").contains("line 1"));
}

//! The first screen rendered natively (feature `ssr`): every sample in every language
//! it enables renders, with its figures, and nothing that needs a browser.

#![cfg(all(feature = "ssr", not(target_arch = "wasm32")))]

use repay_widget::i18n::Locale;
use repay_widget::server::render;

const PAGE: &str = "https://bank.example/cards/repay";

fn sample(name: &str) -> String {
    let path = format!("{}/crates/engine/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn every_sample_renders_in_each_language_it_enables() {
    for name in [
        "cn-card.json",
        "us-card.json",
        "hk-card.json",
        "uk-card.json",
    ] {
        let config = sample(name);
        for locale in Locale::ALL {
            let html = render(&config, PAGE, Some(locale)).unwrap();
            assert!(
                html.contains("data-testid=\"overdue-amount\""),
                "{name} {locale:?}: {html}"
            );
        }
    }
}

#[test]
fn a_configuration_that_cannot_be_used_is_an_error_not_a_panel() {
    assert!(render("{}", PAGE, None).is_err());
    assert!(render(&sample("cn-card.json"), "not a url", None).is_err());
}

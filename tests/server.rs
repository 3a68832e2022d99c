//! The first screen rendered natively (feature `ssr`): every sample in every language
//! it enables renders, in that language and with its figures; a language the widget
//! would not start in is refused, not rendered wrongly.

#![cfg(all(feature = "ssr", not(target_arch = "wasm32")))]

use repay_widget::i18n::Locale;
use repay_widget::server::{render, RenderError};

const PAGE: &str = "https://bank.example/cards/repay";
const SAMPLES: [&str; 5] = [
    "cn-card.json",
    "us-card.json",
    "hk-card.json",
    "uk-card.json",
    "ie-card.json",
];

fn sample(name: &str) -> String {
    let path = format!("{}/crates/engine/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

/// The sample without its `locale`, and the languages it enables.
fn open_to_every_language(name: &str) -> (String, Vec<Locale>) {
    let mut config: serde_json::Value = serde_json::from_str(&sample(name)).unwrap();
    config.as_object_mut().unwrap().remove("locale");
    let enabled = match config["locales"].as_array() {
        Some(tags) => tags
            .iter()
            .map(|tag| Locale::exact(tag.as_str().unwrap()).unwrap())
            .collect(),
        None => Locale::ALL.to_vec(),
    };
    (config.to_string(), enabled)
}

#[test]
fn every_sample_renders_in_each_language_it_enables() {
    for name in SAMPLES {
        let (config, enabled) = open_to_every_language(name);
        for locale in Locale::ALL {
            let rendered = render(&config, PAGE, Some(locale));
            if enabled.contains(&locale) {
                let html = rendered.unwrap();
                let lang = format!(r#"<section lang="{}""#, locale.tag());
                assert!(html.contains(&lang), "{name} {locale:?}: {html}");
                assert!(html.contains(r#"data-testid="overdue-amount""#));
            } else {
                assert!(
                    matches!(rendered, Err(RenderError::Locale { .. })),
                    "{name} does not enable {locale:?}"
                );
            }
        }
    }
}

#[test]
fn the_configurations_own_language_is_the_one_rendered() {
    let hk = sample("hk-card.json");
    assert!(render(&hk, PAGE, None)
        .unwrap()
        .contains(r#"<section lang="zh-HK""#));
    assert!(render(&hk, PAGE, Some(Locale::ZhHk)).is_ok());
    let error = render(&hk, PAGE, Some(Locale::EnGb)).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the widget would start in zh-HK with this configuration, not en-GB (its `locale` and `locales` decide)"
    );
}

#[test]
fn a_configuration_that_cannot_be_used_is_an_error_not_a_panel() {
    assert!(matches!(
        render("{}", PAGE, None),
        Err(RenderError::Config(_))
    ));
    assert!(matches!(
        render(&sample("cn-card.json"), "cards/repay", None),
        Err(RenderError::Page(_))
    ));
}

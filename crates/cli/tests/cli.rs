//! The `repay` tool as a bank's tester uses it: simulate, propose, verify, render, and clear
//! failures for bad input.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::{Command, Output};

fn repay(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_repay"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("repay runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn scratch(name: &str, contents: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("repay-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn simulate_prints_status_and_every_plan() {
    let out = repay(&["simulate", "../engine/data/us-card.json", "--term", "12"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["status"]["days_past_due"], 34);
    assert_eq!(json["plans"].as_array().unwrap().len(), 8);
    assert_eq!(json["plans"][2]["term_months"], 12);
}

#[test]
fn a_proposal_verifies_and_a_tampered_one_does_not() {
    let out = repay(&[
        "propose",
        "../engine/data/cn-card.json",
        "3",
        "--term",
        "12",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let proposal = text(&out.stdout);
    let good = scratch("good.json", &proposal);
    let out = repay(&[
        "verify",
        "../engine/data/cn-card.json",
        good.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));

    let mut tampered: serde_json::Value = serde_json::from_str(&proposal).unwrap();
    tampered["plan"]["schedule"][0]["interest"] = "0.00".into();
    let bad = scratch("bad.json", &tampered.to_string());
    let out = repay(&[
        "verify",
        "../engine/data/cn-card.json",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("/plan/schedule/0/interest"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_proposal_with_a_repeated_key_is_refused_naming_it() {
    let out = repay(&["propose", "../engine/data/cn-card.json", "2"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let proposal = text(&out.stdout);
    let doubled = proposal.replacen(
        "\"total_paid\": ",
        "\"total_paid\": \"1.00\", \"total_paid\": ",
        1,
    );
    assert_ne!(doubled, proposal);
    let file = scratch("doubled.json", &doubled);
    let out = repay(&[
        "verify",
        "../engine/data/cn-card.json",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("plan.total_paid appears more than once"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn bad_input_exits_2_naming_the_problem() {
    let out = repay(&["simulate", "../engine/data/missing.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read ../engine/data/missing.json"));

    let broken =
        include_str!("../../engine/data/cn-card.json").replace("\"2026-11-10\"", "\"2026-02-30\"");
    let file = scratch("broken.json", &broken);
    let out = repay(&["simulate", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("account.due_date"),
        "{}",
        text(&out.stderr)
    );

    let out = repay(&["propose", "../engine/data/cn-card.json", "42"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("OFFER 42"));

    let out = repay(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("usage:"));
}

/// The tool reads a configuration as strictly as the widget does: a field the widget
/// would refuse is refused here too, by path, whether in the configuration or in a bare
/// scenario; a bare scenario of account and policy is read as before.
#[test]
fn a_configuration_the_widget_refuses_is_refused_here_too() {
    let cn: serde_json::Value =
        serde_json::from_str(include_str!("../../engine/data/cn-card.json")).unwrap();
    let mut typo = cn.clone();
    typo["endpiont"] = serde_json::json!("/api/proposals");
    let file = scratch("typo.json", &typo.to_string());
    let out = repay(&["simulate", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert!(
        text(&out.stderr).contains("endpiont"),
        "{}",
        text(&out.stderr)
    );

    let scenario = serde_json::json!({ "account": cn["account"], "policy": cn["policy"] });
    let file = scratch("scenario.json", &scenario.to_string());
    assert_eq!(
        repay(&["simulate", file.to_str().unwrap()]).status.code(),
        Some(0)
    );
    let mut odd = scenario.clone();
    odd["account"]["nickname"] = serde_json::json!("x");
    let file = scratch("odd.json", &odd.to_string());
    let out = repay(&["simulate", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("account.nickname"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn render_prints_the_first_screen_the_widget_library_renders() {
    let args = [
        "render",
        "../engine/data/hk-card.json",
        "--page",
        "https://bank.example/cards/repay",
        "--locale",
        "zh-HK",
    ];
    let out = repay(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let config = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../engine/data/hk-card.json"),
    )
    .unwrap();
    let rendered = repay_widget::server::render(
        &config,
        "https://bank.example/cards/repay",
        repay_widget::i18n::Locale::exact("zh-HK"),
    )
    .unwrap();
    assert_eq!(text(&out.stdout).trim_end(), rendered);
    assert!(rendered.contains(r#"<section lang="zh-HK""#), "{rendered}");
}

#[test]
fn render_needs_the_page_and_a_language_the_widget_speaks() {
    let out = repay(&["render", "../engine/data/hk-card.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--page URL"));
    let out = repay(&[
        "render",
        "../engine/data/hk-card.json",
        "--page",
        "https://bank.example/",
        "--locale",
        "fr-FR",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("zh-CN, zh-HK, zh-TW, en-US, en-GB"));
    let out = repay(&[
        "render",
        "../engine/data/hk-card.json",
        "--page",
        "cards/repay",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("is not an absolute URL"));
}

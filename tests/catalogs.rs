//! The message catalogs' build-time checks (`build/catalogs.rs`, run by `build.rs`): the
//! catalogs in `locales/` pass, and each kind of mistake a translator can make fails
//! naming its file and key.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../build/catalogs.rs"]
#[allow(dead_code)]
mod catalogs;

use catalogs::{
    check, document, hold_to, parse, parse_glossary, read, read_glossary, slips, REFERENCE,
};

/// A sound `[format]`, put in front of each test's catalog that has none of its own.
const FORMAT: &str = r##"
[format]
decimal = "."
group = ","
currency = "¤#,##0.00"
percent = "#,##0%"
date = "y年M月d日"
"##;

const REFERENCE_TEXT: &str = r##"
[messages]
as_of = "Figures as of {date}"
back = "Back"
days_past_due = { one = "{days} day past due", other = "{days} days past due" }
"##;

/// What the checks say of a catalog for `tag` written as `text`, against the small
/// reference above.
fn problems(tag: &str, text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let with_format = |text: &str| {
        if text.contains("[format]") {
            text.to_owned()
        } else {
            format!("{FORMAT}{text}")
        }
    };
    let reference = parse(REFERENCE, &with_format(REFERENCE_TEXT), &mut problems).unwrap();
    assert_eq!(
        problems,
        Vec::<String>::new(),
        "the test's reference is sound"
    );
    if let Some(catalog) = parse(tag, &with_format(text), &mut problems) {
        check(&reference, &catalog, &mut problems);
    }
    problems
}

#[test]
fn the_catalogs_in_locales_pass() {
    let mut problems = Vec::new();
    let mut catalogs = Vec::new();
    for entry in std::fs::read_dir("locales").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            catalogs.extend(read(&path, &mut problems));
        }
    }
    let reference = catalogs.iter().find(|c| c.tag == REFERENCE).unwrap();
    for catalog in &catalogs {
        check(reference, catalog, &mut problems);
        // Every locale has its glossary, and keeps to it.
        let path = format!("locales/glossary/{}.toml", catalog.tag);
        let glossary = read_glossary(std::path::Path::new(&path), &mut problems).unwrap();
        hold_to(&glossary, catalog, &mut problems);
    }
    assert_eq!(problems, Vec::<String>::new());
    assert!(catalogs.len() >= 2);
}

/// What `tag`'s real glossary says of a catalog whose one text is `text`.
fn glossary_problems(tag: &str, text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let glossary = std::fs::read_to_string(format!("locales/glossary/{tag}.toml")).unwrap();
    let glossary = parse_glossary(tag, &glossary, &mut problems).unwrap();
    let catalog = format!("{FORMAT}\n[messages]\nback = {text:?}\n");
    let catalog = parse(tag, &catalog, &mut problems).unwrap();
    hold_to(&glossary, &catalog, &mut problems);
    problems
}

#[test]
fn the_glossary_refuses_a_planted_instalment_in_american_english() {
    assert_eq!(
        glossary_problems("en-US", "Pay the first Instalment now"),
        vec![
            "locales/en-US.toml: `back` says \"instalment\"; locales/glossary/en-US.toml says to use installment (American spelling)"
        ]
    );
    assert_eq!(
        glossary_problems("en-US", "Pay in three instalments").len(),
        1
    );
    // Whole words: "tick" is not in "sticky", and "installments" is not "instalment".
    assert_eq!(
        glossary_problems("en-US", "A sticky bar; three installments"),
        Vec::<String>::new()
    );
    assert_eq!(glossary_problems("en-GB", "three installments").len(), 1);
}

#[test]
fn a_traditional_locale_refuses_simplified_text_and_the_mainland_terms() {
    let problems = glossary_problems("zh-TW", "請联系銀行");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("\"联\""), "{problems:?}");
    assert_eq!(glossary_problems("zh-TW", "請聯繫銀行").len(), 1);
    assert_eq!(
        glossary_problems("zh-TW", "請聯絡銀行"),
        Vec::<String>::new()
    );
    assert_eq!(glossary_problems("zh-HK", "需銀行審批").len(), 1);
    assert_eq!(
        glossary_problems("zh-HK", "需銀行審核"),
        Vec::<String>::new()
    );
    assert_eq!(glossary_problems("zh-CN", "帮您渡过这段时间").len(), 1);
    assert_eq!(glossary_problems("zh-CN", "请聯系银行").len(), 1);
}

#[test]
fn a_glossary_entry_needs_what_to_avoid_and_what_to_use() {
    let mut problems = Vec::new();
    parse_glossary("en-US", "[[avoid]]\ntext = \"tick\"\n", &mut problems);
    assert_eq!(
        problems,
        vec!["locales/glossary/en-US.toml: [[avoid]] number 1 needs `use` and one of `text` or `characters`"]
    );
}

/// docs/messages.md is the catalogs' reference as `document` writes it; with
/// `REPAY_BLESS=1` (what `cargo xtask schemas` sets) the test writes it instead.
#[test]
fn the_messages_reference_is_generated_from_the_catalogs() {
    let mut problems = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir("locales")
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    paths.sort();
    let catalogs: Vec<_> = paths
        .iter()
        .filter_map(|p| read(p, &mut problems))
        .collect();
    let generated = document(&catalogs);
    let path = "docs/messages.md";
    if std::env::var_os("REPAY_BLESS").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let checked_in = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "{path} differs from the catalogs: run `cargo xtask schemas` and review the diff"
    );
    assert!(generated.contains("| `days_past_due` | `{days}` |"));
}

#[test]
fn a_sound_translation_passes() {
    let zh = r##"
[messages]
as_of = "数据截至 {date}"
back = "返回"
days_past_due = { other = "已逾期 {days} 天" }
"##;
    assert_eq!(problems("zh-CN", zh), Vec::<String>::new());
}

#[test]
fn a_missing_or_unknown_key_is_named() {
    let text = r##"
[messages]
as_of = "Figures as of {date}"
bak = "Back"
days_past_due = { one = "{days} day past due", other = "{days} days past due" }
"##;
    assert_eq!(
        problems("en-GB", text),
        [
            "locales/en-GB.toml: `back` is missing (it is in en-US)",
            "locales/en-GB.toml: `bak` is not a key of en-US",
        ]
    );
}

#[test]
fn a_placeholder_that_differs_is_named() {
    let text = r##"
[messages]
as_of = "数据截至 {day}"
back = "返回"
days_past_due = { other = "已逾期 {days} 天" }
"##;
    assert_eq!(
        problems("zh-CN", text),
        [r##"locales/zh-CN.toml: `as_of` has placeholders {"day"}, en-US has {"date"}"##]
    );
}

#[test]
fn counted_texts_need_exactly_their_languages_plural_forms() {
    // Chinese counts with `other` only; English needs `one` too.
    let zh = r##"
[messages]
as_of = "数据截至 {date}"
back = "返回"
days_past_due = { one = "已逾期 {days} 天", other = "已逾期 {days} 天" }
"##;
    assert_eq!(
        problems("zh-HK", zh),
        [
            r##"locales/zh-HK.toml: `days_past_due` gives the forms {"one", "other"}; zh-HK counts whole numbers with {"other"}"##
        ]
    );
    let en = r##"
[messages]
as_of = "Figures as of {date}"
back = "Back"
days_past_due = { other = "{days} days past due" }
"##;
    assert_eq!(
        problems("en-GB", en),
        [
            r##"locales/en-GB.toml: `days_past_due` gives the forms {"other"}; en-GB counts whole numbers with {"one", "other"}"##
        ]
    );
}

#[test]
fn plain_and_counted_texts_keep_their_kind() {
    let text = r##"
[messages]
as_of = "Figures as of {date}"
back = "Back"
days_past_due = "{days} days past due"
"##;
    assert_eq!(
        problems("en-GB", text),
        ["locales/en-GB.toml: `days_past_due` must be a table of plural forms as in en-US"]
    );
}

#[test]
fn a_form_with_a_placeholder_the_reference_never_fills_is_named() {
    let text = r##"
[messages]
as_of = "Figures as of {date}"
back = "Back"
days_past_due = { one = "{count} day past due", other = "{days} days past due" }
"##;
    assert_eq!(
        problems("en-GB", text),
        ["locales/en-GB.toml: `days_past_due.one` has {count}, which en-US does not fill"]
    );
}

#[test]
fn broken_toml_and_unknown_categories_are_named() {
    assert!(problems("en-GB", "[messages]\nback = \"Back")[0]
        .starts_with("locales/en-GB.toml: not valid TOML"));
    let text = r##"
[messages]
as_of = "Figures as of {date}"
back = "Back"
days_past_due = { single = "{days} day past due", other = "{days} days past due" }
"##;
    assert!(problems("en-GB", text).contains(
        &"locales/en-GB.toml: `days_past_due.single` is not a CLDR plural category (zero, one, two, few, many, other)".to_owned()
    ));
}

#[test]
fn format_facts_that_cannot_be_used_are_named() {
    let text = r##"
[format]
decimal = "."
currency = "#,##0.00"
percent = "%"
date = "EEEE, MMMM d, y"
misc = "x"

[format.symbols]
usd = "$"

[messages]
as_of = "Figures as of {date}"
back = "Back"
days_past_due = { one = "{days} day past due", other = "{days} days past due" }
"##;
    assert_eq!(
        problems("en-GB", text),
        [
            "locales/en-GB.toml: `format.group` is missing",
            "locales/en-GB.toml: `format.percent` has no number (# and 0)",
            "locales/en-GB.toml: `format.currency` has no ¤ for the symbol",
            "locales/en-GB.toml: `format.date` has `EEEE`, which is not y, M, MMMM or d",
            "locales/en-GB.toml: `format.symbols.usd` must be an ISO 4217 code with its symbol as text",
            "locales/en-GB.toml: `format.misc` is not a known fact",
        ]
    );
    // Month names are needed once the date names its month.
    let text = text
        .replace("EEEE, ", "")
        .replace("group = ", "")
        .replace("decimal = \".\"", "decimal = \".\"\ngroup = \",\"")
        .replace("currency = \"#", "currency = \"¤#")
        .replace("percent = \"%\"", "percent = \"#,##0%\"")
        .replace("misc = \"x\"", "")
        .replace("usd", "USD");
    assert_eq!(
        problems("en-GB", &text),
        ["locales/en-GB.toml: `format.date` names the month (MMMM) but `format.months` is missing"]
    );
}

/// The sample banks' own texts (channel labels and values, phone labels, hours, debt
/// advice) are held to the same glossaries as the catalogs, in each language the sample
/// enables, as that reader reads them: no Simplified character reaches a Traditional
/// reader, no "instalment" an American one.
#[test]
fn the_samples_bank_texts_keep_to_each_languages_glossary() {
    use repay_widget::i18n::Locale;
    let mut problems = Vec::new();
    for sample in ["cn", "us", "hk", "uk", "ie"] {
        let path = format!("crates/engine/data/{sample}-card.json");
        let wire = repay_config::read_wire(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let enabled: Vec<Locale> = match &wire.locales {
            None => Locale::ALL.to_vec(),
            Some(tags) => tags.iter().filter_map(|t| Locale::exact(t)).collect(),
        };
        for locale in enabled {
            let file = format!("locales/glossary/{}.toml", locale.tag());
            let glossary = read_glossary(std::path::Path::new(&file), &mut problems).unwrap();
            for (at, text) in wire.bank_texts() {
                let Some(read) = text.text(locale) else {
                    continue;
                };
                for (found, instead) in slips(&glossary, read) {
                    problems.push(format!(
                        "{path}: {at} reads \"{found}\" in {}; use {instead}",
                        locale.tag()
                    ));
                }
            }
        }
    }
    assert_eq!(problems, Vec::<String>::new());
    // The check finds what it is for: the CN sample's value as it was, in Simplified,
    // before it was given per language.
    let traditional = read_glossary(
        std::path::Path::new("locales/glossary/zh-HK.toml"),
        &mut problems,
    )
    .unwrap();
    assert_eq!(
        slips(&traditional, "我的 › 信用卡 › 还款"),
        [("还".to_owned(), "繁體字")]
    );
}

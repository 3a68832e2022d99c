//! The message catalogs' compiler and checker, shared by `build.rs` (which compiles
//! `locales/*.toml` into the widget) and `tests/catalogs.rs` (which shows that each check
//! fails a catalog naming its key). It reads files and strings only.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

pub const REFERENCE: &str = "en-US";
/// CLDR's plural categories, in CLDR's order; `other` is always last and always there.
const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// One message in one locale: its form per plural category (a plain text is `other`).
type Forms = BTreeMap<&'static str, String>;

pub struct Catalog {
    pub tag: String,
    /// Keys in file order.
    order: Vec<String>,
    texts: BTreeMap<String, Forms>,
    counted: BTreeSet<String>,
}

fn category_name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::ZERO => "zero",
        PluralCategory::ONE => "one",
        PluralCategory::TWO => "two",
        PluralCategory::FEW => "few",
        PluralCategory::MANY => "many",
        PluralCategory::OTHER => "other",
    }
}

/// The plural categories a language uses for whole numbers (the widget counts days,
/// months, payments and characters): those CLDR's rules give for 0 to 1,000,000.
fn integer_categories(tag: &str) -> Result<BTreeSet<&'static str>, String> {
    // CLDR's plural rules are per language: zh-HK counts as zh does.
    let language = tag.split('-').next().unwrap_or(tag);
    let id: LanguageIdentifier = language
        .parse()
        .map_err(|e| format!("{tag}: not a language tag ({e:?})"))?;
    let rules = PluralRules::create(id, PluralRuleType::CARDINAL)
        .map_err(|e| format!("{tag}: CLDR has no plural rules for it ({e})"))?;
    let mut found = BTreeSet::new();
    for n in (0..=1_000u64).chain([10_000, 100_000, 1_000_000]) {
        let category = rules
            .select(n)
            .map_err(|e| format!("{tag}: plural rules failed on {n} ({e})"))?;
        found.insert(category_name(category));
    }
    Ok(found)
}

fn placeholders(text: &str) -> BTreeSet<String> {
    text.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

/// Reads the catalog in the file at `path`, named for its locale's tag.
pub fn read(path: &Path, problems: &mut Vec<String>) -> Option<Catalog> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            problems.push(format!("{}: cannot read it ({e})", path.display()));
            return None;
        }
    };
    let tag = path.file_stem()?.to_str()?.to_owned();
    parse(&tag, &text, problems)
}

/// Reads the catalog of locale `tag` from its file's `text`, adding what is wrong to
/// `problems`.
pub fn parse(tag: &str, text: &str, problems: &mut Vec<String>) -> Option<Catalog> {
    let tag = tag.to_owned();
    let file = format!("locales/{tag}.toml");
    let table: toml::Table = match text.parse() {
        Ok(table) => table,
        Err(e) => {
            problems.push(format!("{file}: not valid TOML: {e}"));
            return None;
        }
    };
    for key in table.keys().filter(|k| *k != "messages") {
        problems.push(format!("{file}: unknown table `{key}` (only [messages])"));
    }
    let Some(toml::Value::Table(messages)) = table.get("messages") else {
        problems.push(format!("{file}: no [messages] table"));
        return None;
    };
    let mut catalog = Catalog {
        tag,
        order: Vec::new(),
        texts: BTreeMap::new(),
        counted: BTreeSet::new(),
    };
    // toml's tables are sorted; the file's order comes from the text itself.
    for line in text.lines() {
        if let Some((key, _)) = line.split_once(" = ") {
            let key = key.trim();
            if messages.contains_key(key) && !catalog.order.iter().any(|k| k == key) {
                catalog.order.push(key.to_owned());
            }
        }
    }
    for (key, value) in messages {
        if !key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            problems.push(format!("{file}: key `{key}` is not snake_case"));
            continue;
        }
        let mut forms = Forms::new();
        match value {
            toml::Value::String(text) => {
                forms.insert("other", text.clone());
            }
            toml::Value::Table(by_category) => {
                catalog.counted.insert(key.clone());
                for (category, text) in by_category {
                    let Some(&name) = CATEGORIES.iter().find(|c| **c == category) else {
                        problems.push(format!(
                            "{file}: `{key}.{category}` is not a CLDR plural category ({})",
                            CATEGORIES.join(", ")
                        ));
                        continue;
                    };
                    match text {
                        toml::Value::String(text) => {
                            forms.insert(name, text.clone());
                        }
                        _ => problems.push(format!("{file}: `{key}.{category}` is not text")),
                    }
                }
            }
            _ => {
                problems.push(format!(
                    "{file}: `{key}` is neither text nor a table of forms"
                ));
                continue;
            }
        }
        if forms.get("other").is_none_or(|t| t.trim().is_empty()) {
            problems.push(format!("{file}: `{key}` has no text (or no `other` form)"));
        }
        catalog.texts.insert(key.clone(), forms);
    }
    if catalog.order.len() != catalog.texts.len() {
        problems.push(format!(
            "{file}: write each message as `key = ...` on its own line"
        ));
    }
    Some(catalog)
}

pub fn check(reference: &Catalog, catalog: &Catalog, problems: &mut Vec<String>) {
    let file = format!("locales/{}.toml", catalog.tag);
    for key in reference.texts.keys() {
        if !catalog.texts.contains_key(key) {
            problems.push(format!("{file}: `{key}` is missing (it is in {REFERENCE})"));
        }
    }
    for key in catalog.texts.keys() {
        if !reference.texts.contains_key(key) {
            problems.push(format!("{file}: `{key}` is not a key of {REFERENCE}"));
        }
    }
    let categories = match integer_categories(&catalog.tag) {
        Ok(categories) => categories,
        Err(e) => {
            problems.push(format!("{file}: {e}"));
            return;
        }
    };
    for (key, forms) in &catalog.texts {
        let Some(expected) = reference.texts.get(key) else {
            continue;
        };
        let counted = reference.counted.contains(key);
        if counted != catalog.counted.contains(key) {
            problems.push(format!(
                "{file}: `{key}` must be {} as in {REFERENCE}",
                if counted {
                    "a table of plural forms"
                } else {
                    "plain text"
                }
            ));
            continue;
        }
        let other = |forms: &Forms| placeholders(forms.get("other").map_or("", String::as_str));
        if other(forms) != other(expected) {
            problems.push(format!(
                "{file}: `{key}` has placeholders {:?}, {REFERENCE} has {:?}",
                other(forms),
                other(expected)
            ));
        }
        let allowed: BTreeSet<String> = expected.values().flat_map(|t| placeholders(t)).collect();
        // (`other` is held to the reference's above.)
        for (category, text) in forms.iter().filter(|(c, _)| **c != "other") {
            for name in placeholders(text).difference(&allowed) {
                problems.push(format!(
                    "{file}: `{key}.{category}` has {{{name}}}, which {REFERENCE} does not fill"
                ));
            }
        }
        if counted {
            let given: BTreeSet<&str> = forms.keys().copied().collect();
            if given != categories {
                problems.push(format!(
                    "{file}: `{key}` gives the forms {given:?}; {} counts whole numbers with {categories:?}",
                    catalog.tag
                ));
            }
        }
    }
}

fn camel(key: &str) -> String {
    key.split(['_', '-'])
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + &chars.as_str().to_ascii_lowercase()
            })
        })
        .collect()
}

pub fn generate(reference: &Catalog, catalogs: &[Catalog]) -> String {
    let mut out =
        String::from("// @generated by build.rs from locales/*.toml: edit those files.\n\n");
    let keys = &reference.order;
    out.push_str("/// A message key: one per text in `locales/en-US.toml`.\n");
    out.push_str(
        "#[derive(Debug, Clone, Copy, PartialEq, Eq)]\n#[repr(u16)]\npub(crate) enum Msg {\n",
    );
    for key in keys {
        let _ = writeln!(out, "    {},", camel(key));
    }
    out.push_str("}\n\n");
    out.push_str("/// Each key's name in the catalog files, in the order of [`Msg`].\n#[cfg(test)]\npub(crate) const KEYS: &[&str] = &[\n");
    for key in keys {
        let _ = writeln!(out, "    {key:?},");
    }
    out.push_str("];\n\n#[cfg(test)]\npub(crate) const ALL_MESSAGES: &[Msg] = &[\n");
    for key in keys {
        let _ = writeln!(out, "    Msg::{},", camel(key));
    }
    out.push_str("];\n\n");
    let _ = writeln!(
        out,
        "/// The locales with a catalog, by tag.\n#[cfg(test)]\npub(crate) const CATALOG_TAGS: &[&str] = &{:?};\n",
        catalogs.iter().map(|c| c.tag.as_str()).collect::<Vec<_>>()
    );
    for catalog in catalogs {
        let name = catalog.tag.replace('-', "_").to_ascii_uppercase();
        let _ = writeln!(
            out,
            "/// `locales/{}.toml`: each message's text (a counted one's `other` form).\nstatic {name}: [&str; {}] = [",
            catalog.tag,
            keys.len()
        );
        for key in keys {
            let text = &catalog.texts[key]["other"];
            let _ = writeln!(out, "    {text:?},");
        }
        out.push_str("];\n\n");
        let _ = writeln!(
            out,
            "/// `locales/{}.toml`: the forms of counted messages other than `other`.\nstatic {name}_FORMS: &[(Msg, Plural, &str)] = &[",
            catalog.tag
        );
        for key in keys {
            for (category, text) in &catalog.texts[key] {
                if *category != "other" {
                    let _ = writeln!(
                        out,
                        "    (Msg::{}, Plural::{}, {text:?}),",
                        camel(key),
                        camel(category)
                    );
                }
            }
        }
        out.push_str("];\n\n");
    }
    out.push_str("/// The catalog of `locale`: its texts and its extra plural forms.\nfn catalog(locale: Locale) -> (&'static [&'static str], &'static [(Msg, Plural, &'static str)]) {\n    match locale {\n");
    for catalog in catalogs {
        let name = catalog.tag.replace('-', "_").to_ascii_uppercase();
        let _ = writeln!(
            out,
            "        Locale::{} => (&{name}, {name}_FORMS),",
            camel(&catalog.tag)
        );
    }
    out.push_str("    }\n}\n");
    out
}

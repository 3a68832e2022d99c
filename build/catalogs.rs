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
    format: Option<Format>,
}

/// A locale's CLDR facts for numbers, amounts and dates, read from `[format]`.
struct Format {
    decimal: String,
    group: String,
    /// The sizes of the last group and of the groups before it (0: no grouping).
    grouping: (usize, usize),
    /// The text before and after the number in an amount; `¤` marks the symbol.
    currency: (String, String),
    percent: (String, String),
    date: Vec<DatePart>,
    months: Option<Vec<String>>,
    symbols: BTreeMap<String, String>,
}

#[derive(Debug, PartialEq)]
enum DatePart {
    Text(String),
    Year,
    Month,
    MonthName,
    Day,
}

/// A CLDR number pattern (`¤#,##0.00`, `#,##0%`, `#,##0.00 ¤`): the text before and
/// after its number, and its grouping.
fn number_pattern(pattern: &str) -> Result<(String, String, (usize, usize)), String> {
    let is_number = |c: char| matches!(c, '#' | '0' | ',' | '.');
    let start = pattern.find(is_number).ok_or("has no number (# and 0)")?;
    let end = pattern.rfind(is_number).map_or(start, |i| i + 1);
    let number = &pattern[start..end];
    let whole = number.split('.').next().unwrap_or(number);
    let groups: Vec<&str> = whole.split(',').collect();
    let grouping = match groups.as_slice() {
        [_] => (0, 0),
        [.., secondary, primary] if groups.len() > 2 => (primary.len(), secondary.len()),
        [_, primary] => (primary.len(), primary.len()),
        _ => return Err("has an empty group".into()),
    };
    if grouping.0 == 0 && groups.len() > 1 {
        return Err("has an empty group".into());
    }
    Ok((
        pattern[..start].to_owned(),
        pattern[end..].to_owned(),
        grouping,
    ))
}

/// A CLDR date pattern: `y` the year, `M` the month's number, `MMMM` its name, `d` the
/// day, text in single quotes or any other character as it is.
fn date_pattern(pattern: &str) -> Result<Vec<DatePart>, String> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            for quoted in chars.by_ref() {
                if quoted == '\'' {
                    break;
                }
                text.push(quoted);
            }
            continue;
        }
        if !c.is_ascii_alphabetic() {
            text.push(c);
            continue;
        }
        let mut run = 1;
        while chars.peek() == Some(&c) {
            chars.next();
            run += 1;
        }
        let part = match (c, run) {
            ('y', _) => DatePart::Year,
            ('M', 1) => DatePart::Month,
            ('M', 4) => DatePart::MonthName,
            ('d', 1) => DatePart::Day,
            _ => {
                return Err(format!(
                    "has `{}`, which is not y, M, MMMM or d",
                    c.to_string().repeat(run)
                ))
            }
        };
        if !text.is_empty() {
            parts.push(DatePart::Text(std::mem::take(&mut text)));
        }
        parts.push(part);
    }
    if !text.is_empty() {
        parts.push(DatePart::Text(text));
    }
    Ok(parts)
}

/// Reads `[format]`, adding what is wrong to `problems`, each named by its key.
fn read_format(file: &str, table: &toml::Table, problems: &mut Vec<String>) -> Option<Format> {
    let text = |key: &str, problems: &mut Vec<String>| match table.get(key) {
        Some(toml::Value::String(value)) => Some(value.clone()),
        Some(_) => {
            problems.push(format!("{file}: `format.{key}` is not text"));
            None
        }
        None => {
            problems.push(format!("{file}: `format.{key}` is missing"));
            None
        }
    };
    let decimal = text("decimal", problems);
    let group = text("group", problems);
    let pattern = |key: &str, problems: &mut Vec<String>| {
        let value = text(key, problems)?;
        number_pattern(&value)
            .map_err(|e| problems.push(format!("{file}: `format.{key}` {e}")))
            .ok()
    };
    let currency = pattern("currency", problems);
    let percent = pattern("percent", problems);
    if let Some((before, after, _)) = &currency {
        if !(before.contains('¤') || after.contains('¤')) {
            problems.push(format!("{file}: `format.currency` has no ¤ for the symbol"));
        }
    }
    let date = text("date", problems).and_then(|value| {
        date_pattern(&value)
            .map_err(|e| problems.push(format!("{file}: `format.date` {e}")))
            .ok()
    });
    let months = match table.get("months") {
        None => None,
        Some(toml::Value::Array(names)) => {
            let names: Vec<String> = names
                .iter()
                .filter_map(|n| n.as_str().map(str::to_owned))
                .collect();
            if names.len() != 12 {
                problems.push(format!(
                    "{file}: `format.months` needs the 12 months' names"
                ));
            }
            Some(names)
        }
        Some(_) => {
            problems.push(format!("{file}: `format.months` is not a list of names"));
            None
        }
    };
    if date
        .as_ref()
        .is_some_and(|d| d.contains(&DatePart::MonthName))
        && months.is_none()
    {
        problems.push(format!(
            "{file}: `format.date` names the month (MMMM) but `format.months` is missing"
        ));
    }
    let mut symbols = BTreeMap::new();
    match table.get("symbols") {
        Some(toml::Value::Table(given)) => {
            for (code, symbol) in given {
                let is_code = code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase());
                match symbol.as_str() {
                    Some(symbol) if is_code && !symbol.is_empty() => {
                        symbols.insert(code.clone(), symbol.to_owned());
                    }
                    _ => problems.push(format!(
                        "{file}: `format.symbols.{code}` must be an ISO 4217 code with its symbol as text"
                    )),
                }
            }
        }
        Some(_) => problems.push(format!("{file}: `format.symbols` is not a table")),
        None => {}
    }
    for key in table.keys() {
        if ![
            "decimal", "group", "currency", "percent", "date", "months", "symbols",
        ]
        .contains(&key.as_str())
        {
            problems.push(format!("{file}: `format.{key}` is not a known fact"));
        }
    }
    let (currency_before, currency_after, grouping) = currency?;
    let (percent_before, percent_after, _) = percent?;
    Some(Format {
        decimal: decimal?,
        group: group?,
        grouping,
        currency: (currency_before, currency_after),
        percent: (percent_before, percent_after),
        date: date?,
        months,
        symbols,
    })
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
    let (tag, text) = read_tagged(path, problems)?;
    parse(&tag, &text, problems)
}

/// A locale's file: its tag (the file's stem) and its text.
fn read_tagged(path: &Path, problems: &mut Vec<String>) -> Option<(String, String)> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            problems.push(format!("{}: cannot read it ({e})", path.display()));
            return None;
        }
    };
    let tag = path.file_stem()?.to_str()?.to_owned();
    Some((tag, text))
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
    for key in table.keys().filter(|k| *k != "messages" && *k != "format") {
        problems.push(format!(
            "{file}: unknown table `{key}` (only [format] and [messages])"
        ));
    }
    let format = match table.get("format") {
        Some(toml::Value::Table(format)) => read_format(&file, format, problems),
        _ => {
            problems.push(format!("{file}: no [format] table"));
            None
        }
    };
    let Some(toml::Value::Table(messages)) = table.get("messages") else {
        problems.push(format!("{file}: no [messages] table"));
        return None;
    };
    let mut catalog = Catalog {
        tag,
        order: Vec::new(),
        texts: BTreeMap::new(),
        counted: BTreeSet::new(),
        format,
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

/// A locale's glossary (`locales/glossary/<tag>.toml`): what its texts never say, and
/// what they say instead. A `text` is matched without regard to case, as a whole word
/// where it is written in letters ("tick" is not in "sticky"); each of `characters` is
/// matched alone (the Simplified characters a Traditional locale never shows).
pub struct Glossary {
    pub tag: String,
    avoid: Vec<Avoid>,
}

struct Avoid {
    /// A word or phrase, or (with `characters`) none.
    text: Option<String>,
    characters: Option<String>,
    instead: String,
}

/// Reads the glossary of locale `tag` from its file's `text`, adding what is wrong to
/// `problems`.
pub fn parse_glossary(tag: &str, text: &str, problems: &mut Vec<String>) -> Option<Glossary> {
    let file = format!("locales/glossary/{tag}.toml");
    let table: toml::Table = match text.parse() {
        Ok(table) => table,
        Err(e) => {
            problems.push(format!("{file}: not valid TOML: {e}"));
            return None;
        }
    };
    let mut avoid = Vec::new();
    let entries = match table.get("avoid") {
        Some(toml::Value::Array(entries)) => entries.as_slice(),
        _ => {
            problems.push(format!("{file}: no [[avoid]] entries"));
            return None;
        }
    };
    for (index, entry) in entries.iter().enumerate() {
        let field = |name: &str| {
            entry
                .get(name)
                .and_then(toml::Value::as_str)
                .map(str::to_owned)
        };
        let (text, characters, instead) = (field("text"), field("characters"), field("use"));
        match (text.is_some() != characters.is_some(), instead) {
            (true, Some(instead)) => avoid.push(Avoid {
                text: text.map(|t| t.to_lowercase()),
                characters,
                instead,
            }),
            _ => problems.push(format!(
                "{file}: [[avoid]] number {} needs `use` and one of `text` or `characters`",
                index + 1
            )),
        }
    }
    Some(Glossary {
        tag: tag.to_owned(),
        avoid,
    })
}

/// Reads `locales/glossary/<tag>.toml`.
pub fn read_glossary(path: &Path, problems: &mut Vec<String>) -> Option<Glossary> {
    let (tag, text) = read_tagged(path, problems)?;
    parse_glossary(&tag, &text, problems)
}

/// Whether `text` (lower case) holds `word` (lower case), as a whole word where the word
/// begins and ends with a letter.
fn says(text: &str, word: &str) -> bool {
    let lettered = |c: Option<char>| c.is_some_and(char::is_alphabetic);
    let word_start = word.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    let word_end = word.chars().last().is_some_and(|c| c.is_ascii_alphabetic());
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let joined_before = word_start && lettered(before);
        let joined_after = word_end && lettered(after);
        !(joined_before || joined_after)
    })
}

/// Holds `catalog`'s texts to `glossary`: each text that says what the glossary avoids
/// is a problem naming the key, what it says and what to say instead.
/// What `text` says that `glossary` says to avoid: each word or character found, with
/// what to use instead. The catalogs are held to it at build time ([`hold_to`]); the
/// sample configurations' bank texts by `tests/catalogs.rs`.
pub fn slips<'a>(glossary: &'a Glossary, text: &str) -> Vec<(String, &'a str)> {
    let lower = text.to_lowercase();
    glossary
        .avoid
        .iter()
        .filter_map(|avoid| {
            let found = match (&avoid.text, &avoid.characters) {
                (Some(word), _) => says(&lower, word).then(|| word.clone()),
                (None, Some(characters)) => text
                    .chars()
                    .find(|c| characters.contains(*c))
                    .map(String::from),
                (None, None) => None,
            };
            found.map(|found| (found, avoid.instead.as_str()))
        })
        .collect()
}

pub fn hold_to(glossary: &Glossary, catalog: &Catalog, problems: &mut Vec<String>) {
    let file = format!("locales/{}.toml", catalog.tag);
    for (key, forms) in &catalog.texts {
        for (category, text) in forms {
            let name = if *category == "other" {
                key.clone()
            } else {
                format!("{key}.{category}")
            };
            for (found, instead) in slips(glossary, text) {
                problems.push(format!(
                    "{file}: `{name}` says \"{found}\"; locales/glossary/{}.toml says to use {instead}",
                    glossary.tag
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
    out.push_str("/// Each key's name in the catalog files, in the order of [`Msg`].\npub(crate) const KEYS: &[&str] = &[\n");
    for key in keys {
        let _ = writeln!(out, "    {key:?},");
    }
    out.push_str("];\n\n/// Every message, in the order of [`KEYS`].\npub(crate) const ALL_MESSAGES: &[Msg] = &[\n");
    for key in keys {
        let _ = writeln!(out, "    Msg::{},", camel(key));
    }
    out.push_str("];\n\n/// The messages whose text depends on a count.\npub(crate) const COUNTED: &[Msg] = &[\n");
    for key in keys.iter().filter(|k| reference.counted.contains(*k)) {
        let _ = writeln!(out, "    Msg::{},", camel(key));
    }
    out.push_str("];\n\n");
    let _ = writeln!(
        out,
        "/// The locales with a catalog, by tag.\n#[cfg(test)]\npub(crate) const CATALOG_TAGS: &[&str] = &{:?};\n",
        catalogs.iter().map(|c| c.tag.as_str()).collect::<Vec<_>>()
    );
    for catalog in catalogs {
        let name = static_name(&catalog.tag);
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
    locale_match(
        &mut out,
        catalogs,
        "/// The catalog of `locale`: its texts and its extra plural forms.\nfn catalog(locale: Locale) -> (&'static [&'static str], &'static [(Msg, Plural, &'static str)])",
        |name| format!("(&{name}, {name}_FORMS)"),
    );
    for catalog in catalogs {
        let Some(format) = &catalog.format else {
            continue;
        };
        let name = static_name(&catalog.tag);
        let date: Vec<String> = format
            .date
            .iter()
            .map(|part| match part {
                DatePart::Text(text) => format!("DatePart::Text({text:?})"),
                other => format!("DatePart::{other:?}"),
            })
            .collect();
        let months: Vec<String> = match &format.months {
            Some(names) => names.iter().map(|n| format!("{n:?}")).collect(),
            None => vec!["\"\"".to_owned(); 12],
        };
        let symbols: Vec<String> = format
            .symbols
            .iter()
            .map(|(code, symbol)| format!("({code:?}, {symbol:?})"))
            .collect();
        let _ = writeln!(
            out,
            "/// `locales/{}.toml`'s `[format]`.\nstatic {name}_FACTS: Facts = Facts {{\n    decimal: {:?},\n    group: {:?},\n    grouping: ({}, {}),\n    currency: ({:?}, {:?}),\n    percent: ({:?}, {:?}),\n    date: &[{}],\n    months: [{}],\n    symbols: &[{}],\n}};\n",
            catalog.tag,
            format.decimal,
            format.group,
            format.grouping.0,
            format.grouping.1,
            format.currency.0,
            format.currency.1,
            format.percent.0,
            format.percent.1,
            date.join(", "),
            months.join(", "),
            symbols.join(", "),
        );
    }
    locale_match(
        &mut out,
        catalogs,
        "/// The CLDR facts `locale` writes numbers, amounts and dates with.\npub(crate) fn facts(locale: Locale) -> &'static Facts",
        |name| format!("&{name}_FACTS"),
    );
    out
}

/// The Rust name of a locale's statics: `EN_US` for `en-US`.
fn static_name(tag: &str) -> String {
    tag.replace('-', "_").to_ascii_uppercase()
}

/// Writes the function `signature` as a `match` over every locale with a catalog, each
/// arm the value `arm` makes of the locale's static name: the build fails if the
/// contract has a locale without a catalog, or a catalog has no locale.
fn locale_match(
    out: &mut String,
    catalogs: &[Catalog],
    signature: &str,
    arm: impl Fn(&str) -> String,
) {
    let _ = writeln!(out, "{signature} {{\n    match locale {{");
    for catalog in catalogs {
        let value = arm(&static_name(&catalog.tag));
        let _ = writeln!(out, "        Locale::{} => {value},", camel(&catalog.tag));
    }
    out.push_str("    }\n}\n\n");
}

/// The reference of every message, for product teams overriding texts
/// (`docs/messages.md`): each key with its placeholders and its text in each locale,
/// the reference's first.
// tests/catalogs.rs writes docs/messages.md with it; build.rs does not use it.
#[allow(dead_code)]
pub fn document(catalogs: &[Catalog]) -> String {
    let mut ordered: Vec<&Catalog> = catalogs.iter().filter(|c| c.tag == REFERENCE).collect();
    ordered.extend(catalogs.iter().filter(|c| c.tag != REFERENCE));
    let Some(reference) = ordered.first() else {
        return String::new();
    };
    let cell = |text: &str| text.replace('|', "\\|").replace('\n', " ");
    let mut out = String::from(
        "# Messages\n\n\
         Generated from `locales/*.toml` by `cargo xtask schemas`: do not edit. A test fails\n\
         when this file and the catalogs differ.\n\n\
         Every text the widget shows, by key, with its `{placeholders}` and its text in each\n\
         locale: what a translator edits in `locales/<tag>.toml`. A counted text has one\n\
         form per CLDR plural category of the language (`one`, `other`, …), written\n\
         `one: … / other: …` below.\n\n",
    );
    out.push_str("| key | placeholders |");
    for catalog in &ordered {
        let _ = write!(out, " {} |", catalog.tag);
    }
    out.push_str("\n| --- | --- |");
    for _ in &ordered {
        out.push_str(" --- |");
    }
    out.push('\n');
    for key in &reference.order {
        let names: BTreeSet<String> = reference.texts[key]
            .values()
            .flat_map(|text| placeholders(text))
            .collect();
        let names: Vec<String> = names.iter().map(|n| format!("`{{{n}}}`")).collect();
        let _ = write!(out, "| `{key}` | {} |", names.join(" "));
        for catalog in &ordered {
            let forms = &catalog.texts[key];
            let text = if catalog.counted.contains(key) {
                CATEGORIES
                    .iter()
                    .filter_map(|c| forms.get(c).map(|t| format!("{c}: {t}")))
                    .collect::<Vec<_>>()
                    .join(" / ")
            } else {
                forms["other"].clone()
            };
            let _ = write!(out, " {} |", cell(&text));
        }
        out.push('\n');
    }
    out
}

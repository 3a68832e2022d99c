//! Compiles the message catalogs in `locales/` (one TOML file per locale, which a
//! translator edits without reading Rust) into the widget's `Msg` keys and static text
//! tables, checked against the reference catalog, `en-US.toml`:
//!
//! - every key of the reference is in every locale, and no locale has a key the reference
//!   lacks;
//! - a text has the same `{placeholders}` as the reference's (a counted text's `other`
//!   form has the reference's `other` placeholders, and no form has one the reference's
//!   forms do not);
//! - a counted text gives exactly the CLDR plural categories of its language for whole
//!   numbers (English `one` and `other`, Chinese `other`): from `intl_pluralrules`.
//!
//! - no text says what its locale's glossary (`locales/glossary/<tag>.toml`) avoids: en-US
//!   never "instalment", a Traditional locale never a Simplified character.
//!
//! Any problem fails the build with the file and the key's name. The generated code is
//! `$OUT_DIR/catalog.rs`, included by `src/i18n.rs`. The checks live in
//! `build/catalogs.rs`, which `tests/catalogs.rs` tests.

#[path = "build/catalogs.rs"]
mod catalogs;

use std::fs;
use std::path::Path;

use catalogs::{check, generate, hold_to, read, read_glossary, Catalog, REFERENCE};

fn main() {
    println!("cargo::rerun-if-changed=locales");
    println!("cargo::rerun-if-changed=build/catalogs.rs");
    let dir = Path::new("locales");
    let mut problems = Vec::new();
    let mut paths: Vec<_> = fs::read_dir(dir)
        .expect("the locales folder")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    for path in &paths {
        println!("cargo::rerun-if-changed={}", path.display());
    }
    let catalogs: Vec<Catalog> = paths
        .iter()
        .filter_map(|path| read(path, &mut problems))
        .collect();
    let Some(reference) = catalogs.iter().find(|c| c.tag == REFERENCE) else {
        panic!("locales/{REFERENCE}.toml, the reference catalog, is missing");
    };
    for catalog in &catalogs {
        check(reference, catalog, &mut problems);
    }
    // Each locale's glossary: words its texts never use (locales/glossary/).
    let glossaries = dir.join("glossary");
    println!("cargo::rerun-if-changed={}", glossaries.display());
    for catalog in &catalogs {
        let path = glossaries.join(format!("{}.toml", catalog.tag));
        println!("cargo::rerun-if-changed={}", path.display());
        if let Some(glossary) = read_glossary(&path, &mut problems) {
            hold_to(&glossary, catalog, &mut problems);
        }
    }
    if !problems.is_empty() {
        panic!(
            "the message catalogs have {} problem(s):\n  {}",
            problems.len(),
            problems.join("\n  ")
        );
    }
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("catalog.rs");
    fs::write(out, generate(reference, &catalogs)).expect("write catalog.rs");
}

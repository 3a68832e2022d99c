//! Shortens the names the wasm module and its JavaScript glue use for each other.
//!
//! wasm-bindgen names every import `__wbg_<name>_<16 hex digits>` and the module
//! `./<crate>_bg.js`; those hex digits do not compress, and they appear twice (in the
//! wasm and in the glue). binaryen's `--minify-imports-and-exports-and-modules` renames
//! them all to one or two letters and prints the mapping; this module applies the same
//! mapping to the glue. Saves about 3 KB brotli. Every change is checked: a name the glue
//! does not hold exactly where expected stops the build.

use std::fs;
use std::path::Path;

use crate::cmd::Env;
use crate::error::TaskError;
use crate::minify::integrity;

/// The features the release wasm uses (binaryen cannot read them from it: Trunk's
/// wasm-opt run strips the `target_features` section).
const FEATURES: [&str; 8] = [
    "--enable-bulk-memory",
    "--enable-bulk-memory-opt",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
    "--enable-call-indirect-overlong",
];

fn broken(cause: impl Into<String>) -> TaskError {
    TaskError::setup(
        cause,
        "wasm-bindgen or binaryen changed their output: update xtask/src/shorten.rs",
    )
}

/// The mapping binaryen prints: imports as (module, old, new), exports as (old, new).
#[derive(Debug, Default, PartialEq)]
pub struct Mapping {
    pub imports: Vec<(String, String, String)>,
    pub exports: Vec<(String, String)>,
}

/// Reads binaryen's mapping: `{"imports": [["m", "old", "new"], …], "exports": [["old",
/// "new"], …]}` (with trailing commas, so not JSON).
pub fn parse_mapping(text: &str) -> Result<Mapping, TaskError> {
    let mut mapping = Mapping::default();
    let mut in_exports = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("\"exports\"") {
            in_exports = true;
        }
        if !line.starts_with('[') || line.len() < 2 {
            continue;
        }
        let strings: Vec<String> = line
            .split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect();
        match (in_exports, strings.as_slice()) {
            (false, [module, old, new]) => {
                mapping
                    .imports
                    .push((module.clone(), old.clone(), new.clone()));
            }
            (true, [old, new]) => mapping.exports.push((old.clone(), new.clone())),
            _ => return Err(broken(format!("unexpected mapping line {line:?}"))),
        }
    }
    if mapping.imports.is_empty() || mapping.exports.is_empty() {
        return Err(broken("binaryen printed no mapping"));
    }
    Ok(mapping)
}

/// Reads one unsigned LEB128 number at `*at`.
fn leb(bytes: &[u8], at: &mut usize) -> Option<usize> {
    let mut value = 0usize;
    for shift in (0..35).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= usize::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// The module name of the wasm's first import.
pub fn first_import_module(wasm: &[u8]) -> Option<String> {
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        at += 1;
        let size = leb(wasm, &mut at)?;
        if id == 2 {
            let mut inner = at;
            let _count = leb(wasm, &mut inner)?;
            let len = leb(wasm, &mut inner)?;
            let name = wasm.get(inner..inner + len)?;
            return String::from_utf8(name.to_vec()).ok();
        }
        at += size;
    }
    None
}

/// Applies `mapping` to the unminified glue: the import module's key, each import's key
/// in the imports object, each `wasm.<export>`.
pub fn rename_glue(glue: &str, mapping: &Mapping, new_module: &str) -> Result<String, TaskError> {
    let old_module = &mapping.imports[0].0;
    if mapping
        .imports
        .iter()
        .any(|(module, _, _)| module != old_module)
    {
        return Err(broken("the wasm imports from more than one module"));
    }
    let key = format!("\"{old_module}\": ");
    if glue.matches(&key).count() != 1 {
        return Err(broken(format!(
            "the glue does not name {old_module:?} once"
        )));
    }
    let mut out = glue.replace(&key, &format!("\"{new_module}\": "));
    for (_, old, new) in &mapping.imports {
        let key = format!(" {old}: function(");
        if out.matches(&key).count() != 1 {
            return Err(broken(format!(
                "the glue does not define import {old} once"
            )));
        }
        out = out.replace(&key, &format!(" {new}: function("));
    }
    for (old, new) in &mapping.exports {
        out = replace_member(&out, &format!("wasm.{old}"), &format!("wasm.{new}"));
    }
    Ok(out)
}

/// Replaces `from` with `to` wherever `from` is not followed by more of an identifier.
fn replace_member(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(from) {
        let after = rest[at + from.len()..].chars().next();
        let whole = !after.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$');
        out.push_str(&rest[..at]);
        out.push_str(if whole { to } else { from });
        rest = &rest[at + from.len()..];
    }
    out.push_str(rest);
    out
}

/// Shortens the names in `dist`'s wasm and glue and updates their integrity in
/// `index.html`.
pub fn shorten(env: &Env, dist: &Path) -> Result<(), TaskError> {
    let (glue_path, wasm_path) = crate::dist::find_bundle(dist)?;
    let before_wasm = fs::read(&wasm_path).map_err(TaskError::io("reading the wasm"))?;
    let before_glue = fs::read_to_string(&glue_path).map_err(TaskError::io("reading the glue"))?;
    let shown = wasm_path.display().to_string();
    let mut args: Vec<&str> = FEATURES.to_vec();
    args.extend([
        "--minify-imports-and-exports-and-modules",
        // As in index.html's wasm-opt parameters: no whole-function inlining of large
        // functions with one caller, which would rebuild the giant functions.
        "--one-caller-inline-max-function-size=100",
        // One more pass once the names are short: about 0.1 KB.
        "-Oz",
        &shown,
        "-o",
        &shown,
    ]);
    let printed = env.query("wasm-opt", &args).ok_or_else(|| {
        TaskError::setup(
            "wasm-opt could not shorten the names",
            "run `cargo xtask setup`",
        )
    })?;
    let mapping = parse_mapping(&printed)?;
    let after_wasm = fs::read(&wasm_path).map_err(TaskError::io("reading the wasm"))?;
    let module = first_import_module(&after_wasm)
        .ok_or_else(|| broken("the shortened wasm has no readable import"))?;
    let after_glue = rename_glue(&before_glue, &mapping, &module)?;
    fs::write(&glue_path, &after_glue).map_err(TaskError::io("writing the glue"))?;
    let index_path = dist.join("index.html");
    let index = fs::read_to_string(&index_path).map_err(TaskError::io("reading index.html"))?;
    let index = index
        .replace(&integrity(&before_wasm), &integrity(&after_wasm))
        .replace(
            &integrity(before_glue.as_bytes()),
            &integrity(after_glue.as_bytes()),
        );
    fs::write(&index_path, index).map_err(TaskError::io("writing index.html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAPPING: &str = r#"{
 "imports": [
  ["./x_bg.js", "__wbg_log_0123456789abcdef", "a"],
  ["./x_bg.js", "__wbindgen_init_externref_table", "b"],
 ],
"exports": [
  ["memory", "c"],
  ["mount", "d"]
 ]
}"#;

    #[test]
    fn reads_binaryens_mapping() {
        let mapping = parse_mapping(MAPPING).unwrap();
        assert_eq!(mapping.imports.len(), 2);
        assert_eq!(mapping.imports[0].1, "__wbg_log_0123456789abcdef");
        assert_eq!(
            mapping.exports,
            vec![("memory".into(), "c".into()), ("mount".into(), "d".into())]
        );
    }

    #[test]
    fn renames_the_glue_where_it_names_the_module_imports_and_exports() {
        let glue = "const import0 = {\n  __proto__: null,\n  __wbg_log_0123456789abcdef: function(a) { console.log(a); },\n  __wbindgen_init_externref_table: function() { wasm.memory; },\n};\nreturn { \"./x_bg.js\": import0 };\nwasm.mount(e); wasm.mountAll(); wasm.memory.buffer;";
        let mapping = parse_mapping(MAPPING).unwrap();
        let renamed = rename_glue(glue, &mapping, "a").unwrap();
        assert_eq!(
            renamed,
            "const import0 = {\n  __proto__: null,\n  a: function(a) { console.log(a); },\n  b: function() { wasm.c; },\n};\nreturn { \"a\": import0 };\nwasm.d(e); wasm.mountAll(); wasm.c.buffer;"
        );
        assert!(rename_glue("no imports here", &mapping, "a").is_err());
    }

    #[test]
    fn finds_the_first_import_module() {
        // magic, version, a type section (id 1, 4 bytes), an import section naming "a".
        let wasm = [
            0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 2, 7, 1, 1, b'a', 1, b'b', 0, 0,
        ];
        assert_eq!(first_import_module(&wasm).as_deref(), Some("a"));
    }
}

//! No module cycles: in the widget (`src/`), the engine, the configuration and the
//! dev-bank (`crates/*/src/`), the
//! top-level modules depend on each other as a tree-like graph, so each can be read and
//! changed knowing only what it uses. Checked by a test of this crate (`cargo test
//! --workspace`, so in `cargo xtask test`).
//!
//! A module's dependencies are the `crate::name` paths its files name outside comments
//! and outside their `#[cfg(test)]` part (a `use`, a path in code or in an attribute such
//! as `schemars(with = "crate::schema::Amount")`), each counted for the top-level module
//! the file belongs to; a child module using its parent (`super::`) is part of it.
//! `cargo-modules` draws the same graph from rust-analyzer's analysis, but takes minutes
//! to install and run on these 2-core machines for a check this small.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Each top-level module of the crate whose sources are under `root`, and the other
/// top-level modules its files name.
pub fn graph(root: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    collect(root, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let Ok(relative) = file.strip_prefix(root) else {
            continue;
        };
        let Some(top) = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .map(|name| name.trim_end_matches(".rs").to_owned())
        else {
            continue;
        };
        if matches!(top.as_str(), "lib" | "main" | "bin") {
            continue;
        }
        let text = fs::read_to_string(&file).unwrap_or_default();
        let used = graph.entry(top.clone()).or_default();
        for name in named_modules(&text) {
            if name != top {
                used.insert(name);
            }
        }
    }
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for used in graph.values_mut() {
        used.retain(|name| modules.contains(name));
    }
    graph
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module names `text` refers to as `crate::name` or in
/// `crate::{name, other::thing}`, before its tests and outside line comments.
fn named_modules(text: &str) -> BTreeSet<String> {
    let code: String = text
        .split("#[cfg(test)]")
        .next()
        .unwrap_or_default()
        .split("#[cfg(all(test")
        .next()
        .unwrap_or_default()
        .lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    let ident = |s: &str| -> String {
        s.trim()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut names = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inside = group.split('}').next().unwrap_or_default();
            names.extend(inside.split(',').map(ident).filter(|n| !n.is_empty()));
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                names.insert(name);
            }
        }
    }
    names
}

/// A cycle in `graph` as the modules along it (`a → b → a`), if there is one.
pub fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_owned());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> &'static Path {
        Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
    }

    #[test]
    fn the_widget_and_the_engine_have_no_module_cycles() {
        for crate_src in [
            "src",
            "crates/engine/src",
            "crates/config/src",
            "crates/dev-bank/src",
        ] {
            let graph = graph(&root().join(crate_src));
            assert!(graph.len() > 3, "{crate_src}: {graph:?}");
            if let Some(cycle) = cycle(&graph) {
                panic!("{crate_src}: modules in a circle: {}", cycle.join(" → "));
            }
        }
    }

    #[test]
    fn a_cycle_is_found_and_named() {
        let text = "use crate::b::Thing;\n// crate::c in a comment\n#[cfg(test)]\nuse crate::d;";
        assert_eq!(
            named_modules(text),
            BTreeSet::from(["b".to_owned()]),
            "comments and tests do not count"
        );
        assert_eq!(
            named_modules("use crate::{x, y::Z};"),
            BTreeSet::from(["x".to_owned(), "y".to_owned()])
        );
        let edges = |pairs: &[(&str, &str)]| {
            let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            for (from, to) in pairs {
                graph
                    .entry((*from).to_owned())
                    .or_default()
                    .insert((*to).to_owned());
                graph.entry((*to).to_owned()).or_default();
            }
            graph
        };
        assert_eq!(cycle(&edges(&[("a", "b"), ("b", "c")])), None);
        assert_eq!(
            cycle(&edges(&[("a", "b"), ("b", "c"), ("c", "a")])),
            Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
        );
    }
}

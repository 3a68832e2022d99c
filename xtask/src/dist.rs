//! `cargo xtask dist`: the versioned, self-contained folder a bank copies to its own
//! server or CDN (docs/embedding.md): the bundle under stable names, the auto-mount
//! script, an integrity manifest, the example pages written from the guide's snippets,
//! the sample configurations and the docs.

use std::fs;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::error::TaskError;
use crate::minify::integrity;

/// The bundle's files under their stable names, in the folder.
pub const JS: &str = "repay-widget.js";
pub const WASM: &str = "repay-widget_bg.wasm";
pub const CSS: &str = "repay-widget.css";
pub const AUTO_JS: &str = "repay-widget-auto.js";
pub const ELEMENT_JS: &str = "repay-widget-element.js";
/// The command that prints a page's import-map CSP sources (`npx repay-widget-csp`).
pub const CSP_JS: &str = "repay-widget-csp.js";

/// The sample configuration the guide's `example.html` holds in its page.
const SAMPLE: &str = "us-card.json";

/// The files of the folder the guide's snippets are written to.
const SNIPPETS: [&str; 4] = [
    "example.js",
    "example.html",
    "example-auto.html",
    "example-element.html",
];

fn read(path: &Path) -> Result<Vec<u8>, TaskError> {
    fs::read(path).map_err(TaskError::io(format!("reading {}", path.display())))
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) -> Result<(), TaskError> {
    fs::write(path, bytes).map_err(TaskError::io(format!("writing {}", path.display())))
}

/// The wasm-bindgen glue and its module in Trunk's release build: the `.js` file with a
/// `_bg.wasm` beside it.
pub fn find_bundle(build: &Path) -> Result<(PathBuf, PathBuf), TaskError> {
    let entries = fs::read_dir(build).map_err(TaskError::io("reading dist"))?;
    for entry in entries {
        let path = entry.map_err(TaskError::io("reading dist"))?.path();
        let Some(stem) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if let Some(stem) = stem.strip_suffix("_bg.wasm") {
            let js = build.join(format!("{stem}.js"));
            if js.exists() {
                return Ok((js, path));
            }
        }
    }
    Err(TaskError::setup(
        "the release build in dist/ has no wasm-bindgen glue and module",
        "run `cargo xtask build` and read its errors",
    ))
}

/// Makes the glue's default `init()` fetch the module under its stable name with its
/// integrity: a `Request` carrying `integrity` instead of a bare URL.
///
/// # Errors
///
/// When the glue does not hold exactly one default module URL (a new wasm-bindgen wrote
/// it differently): the folder must not ship unchecked.
pub fn pin_wasm(glue: &str, wasm_integrity: &str) -> Result<String, TaskError> {
    let marker = "_bg.wasm\",import.meta.url)";
    let found: Vec<usize> = glue.match_indices(marker).map(|(at, _)| at).collect();
    let [at] = found[..] else {
        return Err(TaskError::setup(
            format!(
                "the glue holds {} default module URLs (`new URL(\"…_bg.wasm\",import.meta.url)`), not one",
                found.len()
            ),
            "read how this wasm-bindgen's glue finds its module and update xtask/src/dist.rs",
        ));
    };
    let start = glue[..at].rfind("new URL(\"").ok_or_else(|| {
        TaskError::setup(
            "the glue's default module URL is not `new URL(\"…\")`",
            "update xtask/src/dist.rs for this wasm-bindgen",
        )
    })?;
    let end = at + marker.len();
    Ok(format!(
        "{}new Request(new URL(\"{WASM}\",import.meta.url),{{integrity:\"{wasm_integrity}\"}}){}",
        &glue[..start],
        &glue[end..]
    ))
}

/// The fenced blocks of `markdown` whose info string names a file (```` ```js example.js ````),
/// as (file, text).
pub fn snippets(markdown: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut lines = markdown.lines();
    while let Some(line) = lines.next() {
        let Some(info) = line.strip_prefix("```") else {
            continue;
        };
        let Some((_, file)) = info.trim().split_once(' ') else {
            // An unnamed block: skip to its end.
            for inner in lines.by_ref() {
                if inner.starts_with("```") {
                    break;
                }
            }
            continue;
        };
        let mut text = String::new();
        for inner in lines.by_ref() {
            if inner.starts_with("```") {
                break;
            }
            text.push_str(inner);
            text.push('\n');
        }
        found.push((file.trim().to_owned(), text));
    }
    found
}

/// Fills each configuration placeholder (a JSON block holding `{ … }`) with `json`, every
/// `<` written `\u003c` as the guide asks, so that no text in it can end the block.
pub fn fill_config(html: &str, json: &str) -> String {
    const PLACEHOLDER: &str = ">{ … }</script>";
    html.replace(
        PLACEHOLDER,
        &format!(">{}</script>", json.trim().replace('<', "\\u003c")),
    )
}

/// Fills each `integrity="sha384-…"` placeholder with the hash of the file its tag
/// names (`href` or `src`), from `hash_of`.
///
/// # Errors
///
/// When a tag with a placeholder names a file `hash_of` does not know.
pub fn fill_integrity(
    html: &str,
    hash_of: impl Fn(&str) -> Option<String>,
) -> Result<String, TaskError> {
    const PLACEHOLDER: &str = "integrity=\"sha384-…\"";
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find(PLACEHOLDER) {
        let tag_start = rest[..at].rfind('<').unwrap_or(0);
        let tag_end = rest[at..].find('>').map_or(rest.len(), |end| at + end);
        let tag = &rest[tag_start..tag_end];
        let file = ["href=\"", "src=\""]
            .iter()
            .find_map(|attr| {
                let value = &tag[tag.find(attr)? + attr.len()..];
                value.split('"').next()
            })
            .unwrap_or_default();
        let hash = hash_of(file).ok_or_else(|| {
            TaskError::setup(
                format!(
                    "a snippet asks for the integrity of {file:?}, which the folder does not hold"
                ),
                "fix the snippet in docs/embedding.md",
            )
        })?;
        out.push_str(&rest[..at]);
        out.push_str(&format!("integrity=\"{hash}\""));
        rest = &rest[at + PLACEHOLDER.len()..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Fills each import-map entry `"./FILE":"sha384-…"` with the hash of FILE, from
/// `hash_of`: the import map's `integrity` is what the browser checks on every import of
/// FILE, static or dynamic, with or without a preload.
///
/// # Errors
///
/// When an entry names a file `hash_of` does not know.
pub fn fill_import_map(
    html: &str,
    hash_of: impl Fn(&str) -> Option<String>,
) -> Result<String, TaskError> {
    const PLACEHOLDER: &str = "\":\"sha384-…\"";
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find(PLACEHOLDER) {
        let key_start = rest[..at].rfind('"').map_or(0, |quote| quote + 1);
        let file = rest[key_start..at].trim_start_matches("./");
        let hash = hash_of(file).ok_or_else(|| {
            TaskError::setup(
                format!("an import map asks for the integrity of {file:?}, which the folder does not hold"),
                "fix the snippet in docs/embedding.md",
            )
        })?;
        out.push_str(&rest[..at]);
        out.push_str(&format!("\":\"{hash}\""));
        rest = &rest[at + PLACEHOLDER.len()..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The CSP source (`'sha256-…'`) of each inline `<script type="importmap">` in `html`:
/// a strict `script-src` allows an inline import map only by its hash.
pub fn import_map_sources(html: &str) -> Vec<String> {
    const OPEN: &str = "<script type=\"importmap\">";
    let mut sources = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(OPEN) {
        rest = &rest[at + OPEN.len()..];
        let Some(end) = rest.find("</script>") else {
            break;
        };
        sources.push(format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&rest[..end]))
        ));
        rest = &rest[end..];
    }
    sources
}

/// The strict CSP of docs/embedding.md for a page whose inline import maps have these
/// `script-src` sources ([`import_map_sources`]).
pub fn strict_csp(sources: &[String]) -> String {
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    for source in sources {
        script_src.push(' ');
        script_src.push_str(source);
    }
    format!("default-src 'self'; script-src {script_src}; style-src 'self'")
}

/// Puts the demo page's own bundle under integrity on every path, as the guide's pages
/// are: Trunk's loader imports the glue (an import carries no integrity), so the glue
/// gets its own module script element with its integrity first (every later import of
/// the URL gets that checked copy, or nothing: it fails closed) and an import map entry;
/// the loader passes the wasm to `init` by URL (so it becomes a `Request` with the
/// wasm's integrity). `glue` and `wasm` are the files' names at the site's root.
///
/// # Errors
///
/// When the page does not hold Trunk's loader as expected (a new Trunk wrote it
/// differently): the demo must not ship unchecked.
pub fn pin_demo_loader(
    html: &str,
    (glue, glue_integrity): (&str, &str),
    (wasm, wasm_integrity): (&str, &str),
) -> Result<String, TaskError> {
    let loader = "<script type=\"module\">\nimport init";
    let wasm_url = format!("module_or_path: '/{wasm}'");
    if html.matches(loader).count() != 1 || html.matches(&wasm_url).count() != 1 {
        return Err(TaskError::setup(
            "dist/index.html does not hold Trunk's loader as xtask expects",
            "update dist::pin_demo_loader for this Trunk version",
        ));
    }
    let import_map = format!(
        "<script type=\"importmap\">{{\"integrity\":{{\"/{glue}\":\"{glue_integrity}\"}}}}</script>\n\
         <script type=\"module\" src=\"/{glue}\" integrity=\"{glue_integrity}\"></script>\n"
    );
    Ok(html
        .replacen(loader, &format!("{import_map}{loader}"), 1)
        .replacen(
            &wasm_url,
            &format!("module_or_path: new Request('/{wasm}', {{ integrity: '{wasm_integrity}' }})"),
            1,
        ))
}

/// Pins the demo page in `build` (Trunk's release build) with [`pin_demo_loader`].
///
/// # Errors
///
/// When the build cannot be read or written, or its loader is not as expected.
pub fn pin_demo(build: &Path) -> Result<(), TaskError> {
    let (glue, wasm) = find_bundle(build)?;
    let name = |path: &Path| {
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned()
    };
    let index = build.join("index.html");
    let html = String::from_utf8(read(&index)?)
        .map_err(|_| TaskError::setup("dist/index.html is not UTF-8", "rebuild"))?;
    let pinned = pin_demo_loader(
        &html,
        (&name(&glue), &integrity(&read(&glue)?)),
        (&name(&wasm), &integrity(&read(&wasm)?)),
    )?;
    write(&index, pinned)
}

/// The folder banks copy: `target/dist/repay-widget-<version>/`.
pub fn folder(root: &Path) -> PathBuf {
    root.join(concat!(
        "target/dist/repay-widget-",
        env!("CARGO_PKG_VERSION")
    ))
}

/// The bundle's files in `folder`: the glue, the module, the stylesheet.
pub fn bundle(folder: &Path) -> Vec<PathBuf> {
    [JS, WASM, CSS]
        .iter()
        .map(|name| folder.join(name))
        .collect()
}

/// Writes the folder from Trunk's release build in `build`, all but its manifest
/// ([`manifest`]); returns its path and the CSP sources of its example pages' import maps.
pub fn assemble(root: &Path, build: &Path) -> Result<(PathBuf, Vec<String>), TaskError> {
    let out = folder(root);
    if out.exists() {
        fs::remove_dir_all(&out).map_err(TaskError::io(format!("clearing {}", out.display())))?;
    }
    let schemas = out.join("docs/schemas");
    fs::create_dir_all(&schemas).map_err(TaskError::io(format!("creating {}", out.display())))?;

    let (glue_path, module) = find_bundle(build)?;
    let wasm = read(&module)?;
    let glue = String::from_utf8(read(&glue_path)?)
        .map_err(|_| TaskError::setup("the glue is not UTF-8", "rebuild"))?;
    write(&out.join(WASM), &wasm)?;
    write(&out.join(JS), pin_wasm(&glue, &integrity(&wasm))?)?;
    write(&out.join(CSS), read(&build.join("widget.css"))?)?;
    for script in [AUTO_JS, ELEMENT_JS, CSP_JS] {
        write(&out.join(script), read(&root.join("embed").join(script))?)?;
    }
    // wasm-bindgen's declarations of the glue, from the Rust signatures.
    write(
        &out.join(JS.replace(".js", ".d.ts")),
        read(&glue_path.with_extension("d.ts"))?,
    )?;
    for sample in [
        "cn-card.json",
        "us-card.json",
        "hk-card.json",
        "uk-card.json",
        "ie-card.json",
    ] {
        write(
            &out.join(sample),
            read(&root.join("crates/engine/data").join(sample))?,
        )?;
    }
    for doc in [
        "embedding.md",
        "contract.md",
        "engine.md",
        "verifier.md",
        "openapi.json",
    ] {
        write(
            &out.join("docs").join(doc),
            read(&root.join("docs").join(doc))?,
        )?;
    }
    let schema_dir = root.join("docs/schemas");
    for entry in fs::read_dir(&schema_dir).map_err(TaskError::io("reading docs/schemas"))? {
        let path = entry.map_err(TaskError::io("reading docs/schemas"))?.path();
        if let Some(name) = path.file_name() {
            write(&schemas.join(name), read(&path)?)?;
        }
    }

    // The guide's snippets, in order: example.html needs example.js's hash. The
    // example page holds the sample configuration, as a bank's page holds its customer's.
    let guide = String::from_utf8(read(&root.join("docs/embedding.md"))?)
        .map_err(|_| TaskError::setup("docs/embedding.md is not UTF-8", "fix it"))?;
    let blocks = snippets(&guide);
    let mut script_sources: Vec<String> = Vec::new();
    let sample = String::from_utf8(read(&out.join(SAMPLE))?)
        .map_err(|_| TaskError::setup(format!("{SAMPLE} is not UTF-8"), "fix it"))?;
    for name in SNIPPETS {
        let Some((_, text)) = blocks.iter().find(|(file, _)| file == name) else {
            return Err(TaskError::setup(
                format!("docs/embedding.md has no ```… {name} block"),
                "restore the snippet in docs/embedding.md",
            ));
        };
        let hash_of = |file: &str| {
            let path = out.join(file);
            path.is_file()
                .then(|| read(&path).ok())
                .flatten()
                .map(|b| integrity(&b))
        };
        let text = fill_import_map(&fill_config(text, &sample), hash_of)?;
        let text = fill_integrity(&text, hash_of)?;
        for source in import_map_sources(&text) {
            if !script_sources.contains(&source) {
                script_sources.push(source);
            }
        }
        write(&out.join(name), text)?;
    }

    Ok((out, script_sources))
}

/// Writes `integrity.json` in `out`: every file's size and integrity, and the CSP
/// sources of the example pages' import maps.
pub fn manifest(out: &Path, script_sources: &[String]) -> Result<(), TaskError> {
    let version = env!("CARGO_PKG_VERSION");
    // The manifest: every file but itself.
    let mut files: Vec<PathBuf> = Vec::new();
    collect(out, &mut files)?;
    files.sort();
    let mut manifest = format!(
        "{{\n  \"name\": \"repay-widget\",\n  \"version\": \"{version}\",\n  \"files\": {{\n"
    );
    for (i, path) in files.iter().enumerate() {
        let bytes = read(path)?;
        let name = path.strip_prefix(out).unwrap_or(path).to_string_lossy();
        let comma = if i + 1 < files.len() { "," } else { "" };
        manifest.push_str(&format!(
            "    \"{name}\": {{ \"bytes\": {}, \"integrity\": \"{}\" }}{comma}\n",
            bytes.len(),
            integrity(&bytes)
        ));
    }
    // What the example pages' strict CSP must add to `script-src`: their import maps.
    manifest.push_str(&format!(
        "  }},\n  \"csp\": {{ \"script-src\": \"{}\" }}\n}}\n",
        script_sources.join(" ")
    ));
    write(&out.join("integrity.json"), manifest)
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), TaskError> {
    for entry in fs::read_dir(dir).map_err(TaskError::io(format!("reading {}", dir.display())))? {
        let path = entry.map_err(TaskError::io("reading the folder"))?.path();
        if path.is_dir() {
            collect(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_module_is_fetched_with_its_integrity() {
        let glue = "a;e===void 0&&(e=new URL(\"repay_widget_bg.wasm\",import.meta.url));b";
        assert_eq!(
            pin_wasm(glue, "sha384-X").unwrap(),
            "a;e===void 0&&(e=new Request(new URL(\"repay-widget_bg.wasm\",import.meta.url),{integrity:\"sha384-X\"}));b"
        );
        assert!(pin_wasm("no module here", "sha384-X").is_err());
    }

    #[test]
    fn named_blocks_are_snippets_and_others_are_not() {
        let guide = "# T\n```html\n<p>not me</p>\n```\n```js example.js\nlet a;\n```\n";
        assert_eq!(
            snippets(guide),
            vec![("example.js".to_owned(), "let a;\n".to_owned())]
        );
    }

    #[test]
    fn the_configuration_block_gets_the_sample_that_cannot_end_it() {
        let html = "<div></div>\n<script type=\"application/json\" id=\"c\">{ … }</script>\n";
        let json = "{\n  \"name\": \"</script><script>alert(1)</script>\"\n}\n";
        let filled = fill_config(html, json);
        assert_eq!(
            filled,
            "<div></div>\n<script type=\"application/json\" id=\"c\">{\n  \"name\": \"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>\"\n}</script>\n"
        );
        let inside = &filled[filled.find("\">").unwrap() + 2..filled.rfind("</script>").unwrap()];
        let value: serde_json::Value = serde_json::from_str(inside).unwrap();
        assert_eq!(value["name"], "</script><script>alert(1)</script>");
        assert_eq!(fill_config("<p>no block</p>", json), "<p>no block</p>");
    }

    #[test]
    fn placeholders_get_the_named_files_hash() {
        let html = "<link rel=\"stylesheet\" href=\"a.css\" integrity=\"sha384-…\">\n<script type=\"module\" src=\"b.js\" integrity=\"sha384-…\"></script>";
        let filled = fill_integrity(html, |file| Some(format!("sha384-{file}"))).unwrap();
        assert_eq!(
            filled,
            "<link rel=\"stylesheet\" href=\"a.css\" integrity=\"sha384-a.css\">\n<script type=\"module\" src=\"b.js\" integrity=\"sha384-b.js\"></script>"
        );
        assert!(fill_integrity(html, |_| None).is_err());
    }

    #[test]
    fn the_demo_loader_gets_an_import_map_and_fetches_the_wasm_with_its_integrity() {
        let html = "<head>\n<script type=\"module\">\nimport init, * as b from '/g.js';\nconst wasm = await init({ module_or_path: '/g_bg.wasm' });\n</script>";
        let pinned =
            pin_demo_loader(html, ("g.js", "sha384-G"), ("g_bg.wasm", "sha384-W")).unwrap();
        assert_eq!(
            pinned,
            "<head>\n<script type=\"importmap\">{\"integrity\":{\"/g.js\":\"sha384-G\"}}</script>\n<script type=\"module\" src=\"/g.js\" integrity=\"sha384-G\"></script>\n<script type=\"module\">\nimport init, * as b from '/g.js';\nconst wasm = await init({ module_or_path: new Request('/g_bg.wasm', { integrity: 'sha384-W' }) });\n</script>"
        );
        assert!(pin_demo_loader("<p>", ("g.js", "x"), ("g_bg.wasm", "y")).is_err());
    }

    #[test]
    fn import_map_entries_get_the_named_files_hash_and_the_map_its_csp_source() {
        let html = "<script type=\"importmap\">{\"integrity\":{\"./b.js\":\"sha384-…\"}}</script>";
        let filled = fill_import_map(html, |file| Some(format!("sha384-{file}"))).unwrap();
        assert_eq!(
            filled,
            "<script type=\"importmap\">{\"integrity\":{\"./b.js\":\"sha384-b.js\"}}</script>"
        );
        assert!(fill_import_map(html, |_| None).is_err());
        // `printf '{}' | openssl dgst -sha256 -binary | base64`
        assert_eq!(
            import_map_sources("<p><script type=\"importmap\">{}</script>"),
            vec!["'sha256-RBNvo1WzZ4oRRq0W9+hknpT7T8If536DEMBg9hyq/4o='".to_owned()]
        );
        assert!(import_map_sources("<script type=\"module\">{}</script>").is_empty());
        assert_eq!(
            strict_csp(&["'sha256-A'".to_owned()]),
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-A'; style-src 'self'"
        );
    }
}

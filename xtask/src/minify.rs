//! Minifies the release build's JavaScript glue and style sheets with esbuild (Trunk's
//! own minifier cannot read current wasm-bindgen output and ships it unminified), then
//! updates the Subresource Integrity hashes Trunk wrote into `index.html` so the page
//! still loads.

use std::fs;
use std::path::Path;

use base64::Engine as _;
use sha2::{Digest, Sha384};

use crate::cmd::Env;
use crate::error::TaskError;

/// The Subresource Integrity value of `bytes` (sha384, base64).
pub fn integrity(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

/// Minifies every `.js` and `.css` file in `dist` and rewrites its integrity in
/// `index.html`.
pub fn minify_assets(env: &Env, dist: &Path) -> Result<(), TaskError> {
    let index_path = dist.join("index.html");
    let mut index =
        fs::read_to_string(&index_path).map_err(TaskError::io("reading dist/index.html"))?;
    let scripts = fs::read_dir(dist).map_err(TaskError::io("reading dist"))?;
    for entry in scripts {
        let path = entry.map_err(TaskError::io("reading dist"))?.path();
        let kind: &[&str] = match path.extension().and_then(|e| e.to_str()) {
            Some("js") => &["--format=esm", "--target=es2022"],
            Some("css") => &["--target=chrome100,firefox100,safari15"],
            _ => continue,
        };
        let before =
            fs::read(&path).map_err(TaskError::io(format!("reading {}", path.display())))?;
        let shown = path.display().to_string();
        let outfile = format!("--outfile={shown}");
        let mut args = vec![shown.as_str(), "--minify", "--allow-overwrite"];
        args.extend_from_slice(kind);
        args.extend_from_slice(&[&outfile, "--log-level=warning"]);
        env.run(&mut env.command("esbuild", &args))?;
        let after = fs::read(&path).map_err(TaskError::io(format!("reading {shown}")))?;
        index = index.replace(&integrity(&before), &integrity(&after));
    }
    fs::write(&index_path, index).map_err(TaskError::io("writing dist/index.html"))
}

#[cfg(test)]
mod tests {
    use super::integrity;

    #[test]
    fn integrity_is_sha384_in_base64() {
        // `printf abc | openssl dgst -sha384 -binary | base64`
        assert_eq!(
            integrity(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }
}

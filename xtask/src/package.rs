//! The npm package `cargo xtask dist` makes of the folder (docs/embedding.md, "From
//! npm"): `xtask/package.mjs` writes its TypeScript declarations (generated from the
//! JSON Schemas and the scripts, never written by hand) and its `package.json`; then
//! `npm pack` writes the tarball beside the folder
//! (`target/dist/repay-widget-<version>.tgz`), which a bank installs with `npm install`
//! or publishes to its own registry.
//!
//! And the verifier's package, `repay-verifier` (docs/verifier.md): the engine's propose
//! and verify as one WebAssembly module (`crates/verifier`, built for
//! `wasm32-unknown-unknown`), its Node wrapper, the declarations and `package.json`
//! (`xtask/verifier.mjs`), packed as `target/dist/repay-verifier-<version>.tgz`. The
//! module itself is what a JVM or .NET service loads.

use std::path::{Path, PathBuf};

use crate::cmd::Env;
use crate::error::TaskError;

/// The package's name on a registry.
pub const NAME: &str = "repay-widget";

/// Runs `xtask/{script}` on a package's `folder`: `node SCRIPT SCHEMAS_DIR FOLDER VERSION`.
fn generate_with(env: &Env, script: &str, folder: &Path) -> Result<(), TaskError> {
    let schemas = env.root.join("docs/schemas");
    let script = env.root.join("xtask").join(script);
    env.run(&mut env.command(
        "node",
        &[
            &script.to_string_lossy(),
            &schemas.to_string_lossy(),
            &folder.to_string_lossy(),
            env!("CARGO_PKG_VERSION"),
        ],
    ))
}

/// Writes the declarations and `package.json` into `folder`.
pub fn generate(env: &Env, folder: &Path) -> Result<(), TaskError> {
    generate_with(env, "package.mjs", folder)
}

/// The verifier package's name on a registry.
pub const VERIFIER: &str = "repay-verifier";

/// Builds the verifier module and writes its package's folder beside the widget's
/// (`target/dist/repay-verifier-<version>/`); returns the folder.
pub fn verifier(env: &Env) -> Result<PathBuf, TaskError> {
    env.run(&mut env.command(
        "cargo",
        &[
            "build",
            "--release",
            "--locked",
            "-p",
            "repay-verifier",
            "--target",
            "wasm32-unknown-unknown",
        ],
    ))?;
    let module = env
        .target_dir()
        .join("wasm32-unknown-unknown/release/repay_verifier.wasm");
    let folder = env.root.join(format!(
        "target/dist/{VERIFIER}-{}",
        env!("CARGO_PKG_VERSION")
    ));
    if folder.exists() {
        std::fs::remove_dir_all(&folder)
            .map_err(TaskError::io(format!("clearing {}", folder.display())))?;
    }
    std::fs::create_dir_all(&folder)
        .map_err(TaskError::io(format!("creating {}", folder.display())))?;
    let copy = |from: &Path, to: &str| {
        std::fs::copy(from, folder.join(to))
            .map(|_| ())
            .map_err(TaskError::io(format!("copying {}", from.display())))
    };
    copy(&module, "repay-verifier.wasm")?;
    copy(&env.root.join("crates/verifier/js/index.js"), "index.js")?;
    generate_with(env, "verifier.mjs", &folder)?;
    Ok(folder)
}

/// Packs `folder` (a package named `name`) with `npm pack` into its parent; returns the
/// tarball's path.
pub fn pack(env: &Env, folder: &Path, name: &str) -> Result<PathBuf, TaskError> {
    let parent = folder.parent().unwrap_or(folder);
    let tarball = parent.join(format!("{name}-{}.tgz", env!("CARGO_PKG_VERSION")));
    if tarball.exists() {
        std::fs::remove_file(&tarball).map_err(TaskError::io("removing the old tarball"))?;
    }
    let mut command = env.command(
        "npm",
        &[
            "pack",
            "--silent",
            "--pack-destination",
            &parent.to_string_lossy(),
        ],
    );
    command.current_dir(folder);
    env.run(&mut command)?;
    if !tarball.is_file() {
        return Err(TaskError::setup(
            format!("`npm pack` wrote no {}", tarball.display()),
            "read npm's output above",
        ));
    }
    Ok(tarball)
}

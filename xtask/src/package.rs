//! The npm package `cargo xtask dist` makes of the folder (docs/embedding.md, "From
//! npm"): `xtask/package.mjs` writes its TypeScript declarations (generated from the
//! JSON Schemas and the scripts, never written by hand) and its `package.json`; then
//! `npm pack` writes the tarball beside the folder
//! (`target/dist/repay-widget-<version>.tgz`), which a bank installs with `npm install`
//! or publishes to its own registry.

use std::path::{Path, PathBuf};

use crate::cmd::Env;
use crate::error::TaskError;

/// The package's name on a registry.
pub const NAME: &str = "repay-widget";

/// Writes the declarations and `package.json` into `folder`.
pub fn generate(env: &Env, folder: &Path) -> Result<(), TaskError> {
    let schemas = env.root.join("docs/schemas");
    let script = env.root.join("xtask/package.mjs");
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

/// Packs `folder` with `npm pack` into its parent; returns the tarball's path.
pub fn pack(env: &Env, folder: &Path) -> Result<PathBuf, TaskError> {
    let parent = folder.parent().unwrap_or(folder);
    let tarball = parent.join(format!("{NAME}-{}.tgz", env!("CARGO_PKG_VERSION")));
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

//! `cargo deny check` without network access: cargo-deny reads advisories from a git
//! repository, so the RustSec snapshot this machine keeps (`../shared/advisory-db`) is
//! copied to `target/advisory-db/` (where deny.toml's `db-path` points) as a one-commit
//! repository, under the folder name cargo-deny derives from RustSec's address.

use std::fs;
use std::path::{Path, PathBuf};

use crate::cmd::Env;
use crate::error::TaskError;

/// The folder name cargo-deny gives RustSec's default database.
const DB_FOLDER: &str = "advisory-db-3157b0e258782691";

/// Where the machine keeps the snapshot, for checkouts that are not beside it.
const MACHINE_SNAPSHOT: &str = "/work/shared/advisory-db";

/// Where the snapshot is: `$REPAY_ADVISORY_DB`, or `shared/advisory-db` beside the
/// repository or beside any of its parents, or the machine's own copy (CI checks out
/// elsewhere).
fn snapshot(root: &Path) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("REPAY_ADVISORY_DB") {
        return Some(PathBuf::from(path));
    }
    root.ancestors()
        .skip(1)
        .map(|dir| dir.join("shared/advisory-db"))
        .chain([PathBuf::from(MACHINE_SNAPSHOT)])
        .find(|path| path.join("SNAPSHOT.txt").is_file())
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), TaskError> {
    fs::create_dir_all(to).map_err(TaskError::io(format!("creating {}", to.display())))?;
    for entry in fs::read_dir(from).map_err(TaskError::io(format!("reading {}", from.display())))? {
        let path = entry.map_err(TaskError::io("reading the snapshot"))?.path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            fs::copy(&path, &target)
                .map_err(TaskError::io(format!("copying {}", path.display())))?;
        }
    }
    Ok(())
}

/// Prepares the database (once per snapshot) and runs every check of deny.toml.
pub fn check(env: &Env) -> Result<(), TaskError> {
    let source = snapshot(&env.root).ok_or_else(|| {
        TaskError::setup(
            "no RustSec advisory snapshot (shared/advisory-db beside the repository)",
            "set REPAY_ADVISORY_DB to the snapshot's folder",
        )
    })?;
    let db = env.root.join("target/advisory-db").join(DB_FOLDER);
    let stamp = |dir: &Path| fs::read(dir.join("SNAPSHOT.txt")).ok();
    if stamp(&db).is_none() || stamp(&db) != stamp(&source) || !db.join(".git").is_dir() {
        if db.exists() {
            fs::remove_dir_all(&db).map_err(TaskError::io("clearing target/advisory-db"))?;
        }
        copy_dir(&source, &db)?;
        let git = |args: &[&str]| {
            let mut command = env.command("git", args);
            command.current_dir(&db);
            env.run(&mut command)
        };
        git(&["init", "-q"])?;
        git(&["add", "-A"])?;
        git(&[
            "-c",
            "user.name=xtask",
            "-c",
            "user.email=xtask@localhost",
            "commit",
            "-q",
            "-m",
            "RustSec snapshot",
        ])?;
    }
    env.run(&mut env.command("cargo", &["deny", "--offline", "check"]))
}

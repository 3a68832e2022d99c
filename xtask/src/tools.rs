//! Installs what the tasks need, skipping whatever is already there at the right version.
//!
//! Cargo tools go to the user's cargo prefix (`~/.cargo/bin`), npm tools to the
//! git-ignored `node_modules/` at the repository root, Chromium from Debian's apt. Nothing
//! lands in tracked files.

use std::fs;
use std::path::Path;

use crate::cmd::Env;
use crate::error::TaskError;

/// The oldest rustc the workspace builds with (its `rust-version`).
const MIN_RUSTC: (u32, u32) = (1, 95);
/// Trunk 0.22 needs a newer rustc than these machines have (TOOLCHAIN.md).
const TRUNK_REQUIREMENT: &str = "~0.21";
const TRUNK_SERIES: &str = "trunk 0.21.";
/// cargo-deny 0.20 builds with rustc 1.95 and reads deny.toml's current format.
const DENY_REQUIREMENT: &str = "~0.20";
const DENY_SERIES: &str = "cargo-deny 0.20.";
const WASM_OPT_VERSION: &str = "wasm-opt version 132";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Kept in node_modules: the package-lock.json that node_modules was installed from.
const NPM_STAMP: &str = "node_modules/.xtask-installed-lock.json";

/// Makes sure every tool is installed, in order of what the later checks need.
pub fn ensure_all(env: &Env) -> Result<(), TaskError> {
    check_rustc(env)?;
    ensure_wasm_target(env)?;
    ensure_apt_packages(env)?;
    ensure_npm_tools(env)?;
    ensure_trunk(env)?;
    ensure_wasm_bindgen(env)?;
    ensure_cargo_deny(env)?;
    fetch_crates(env)?;
    println!("xtask: all tools present");
    Ok(())
}

/// Downloads every crate Cargo.lock names, for every target, before any step runs
/// offline: on a machine with an empty cargo cache the builds fetch only what their own
/// targets need, and `cargo deny --offline` (its `cargo metadata`) then stops at the
/// first crate no build downloaded. Quick when the cache already holds them.
fn fetch_crates(env: &Env) -> Result<(), TaskError> {
    env.run(&mut env.command("cargo", &["fetch", "--locked"]))
        .map_err(|_| {
            TaskError::setup(
                "`cargo fetch --locked` could not download the workspace's crates",
                "check that crates.io is reachable and read cargo's error above",
            )
        })
}

fn check_rustc(env: &Env) -> Result<(), TaskError> {
    let version = env.query("rustc", &["--version"]).ok_or_else(|| {
        TaskError::setup(
            "rustc is not on PATH",
            "install Rust with rustup (https://rustup.rs), then open a new shell",
        )
    })?;
    let numbers: Vec<u32> = version
        .split_whitespace()
        .nth(1)
        .unwrap_or("")
        .split('.')
        .filter_map(|n| n.parse().ok())
        .collect();
    let found = (
        numbers.first().copied().unwrap_or(0),
        numbers.get(1).copied().unwrap_or(0),
    );
    if found < MIN_RUSTC {
        return Err(TaskError::setup(
            format!(
                "{version} is older than the {}.{} this workspace needs",
                MIN_RUSTC.0, MIN_RUSTC.1
            ),
            "rustup update stable",
        ));
    }
    Ok(())
}

fn ensure_wasm_target(env: &Env) -> Result<(), TaskError> {
    let installed = env
        .query("rustup", &["target", "list", "--installed"])
        .unwrap_or_default();
    if installed
        .lines()
        .any(|t| t.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    println!("xtask: adding the wasm32-unknown-unknown target");
    env.run(&mut env.command("rustup", &["target", "add", "wasm32-unknown-unknown"]))
        .map_err(|_| {
            TaskError::setup(
                "the wasm32-unknown-unknown target could not be added",
                "run `rustup target add wasm32-unknown-unknown` and read its error",
            )
        })
}

fn ensure_apt_packages(env: &Env) -> Result<(), TaskError> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    let packages = ["chromium", "chromium-driver"];
    let is_root = env.query("id", &["-u"]).as_deref() == Some("0");
    let sudo_works = !is_root && env.query("sudo", &["-n", "true"]).is_some();
    if !is_root && !sudo_works {
        return Err(TaskError::setup(
            "Chromium and its driver are missing, and installing them needs root (apt)",
            format!(
                "sudo apt-get update && sudo apt-get install -y {}",
                packages.join(" ")
            ),
        ));
    }
    println!("xtask: installing {} with apt-get", packages.join(", "));
    let apt = |args: &[&str]| {
        let mut command = if is_root {
            env.command("apt-get", args)
        } else {
            let mut with_sudo = vec!["-n", "apt-get"];
            with_sudo.extend_from_slice(args);
            env.command("sudo", &with_sudo)
        };
        command.env("DEBIAN_FRONTEND", "noninteractive");
        env.run(&mut command)
    };
    let mut install = vec!["install", "-y", "--no-install-recommends"];
    install.extend_from_slice(&packages);
    apt(&["update"]).and_then(|()| apt(&install)).map_err(|_| {
        TaskError::setup(
            "apt-get could not install Chromium",
            format!(
                "run `apt-get update && apt-get install -y {}` as root and read its error",
                packages.join(" ")
            ),
        )
    })?;
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        Ok(())
    } else {
        Err(TaskError::setup(
            format!("apt-get finished but {CHROMIUM} or {CHROMEDRIVER} is still missing"),
            "check that Debian's chromium and chromium-driver packages are available here",
        ))
    }
}

fn ensure_npm_tools(env: &Env) -> Result<(), TaskError> {
    let lock_path = env.root.join("package-lock.json");
    let lock = fs::read(&lock_path).map_err(TaskError::io("reading package-lock.json"))?;
    let stamp = env.root.join(NPM_STAMP);
    let up_to_date = fs::read(&stamp).is_ok_and(|installed| installed == lock)
        && env.root.join("node_modules/.bin/wasm-opt").exists();
    if !up_to_date {
        if env.query("npm", &["--version"]).is_none() {
            return Err(TaskError::setup(
                "npm is not on PATH",
                "install Node.js 18 or newer with npm (e.g. `apt-get install -y nodejs npm`)",
            ));
        }
        println!("xtask: installing npm tools (binaryen, playwright-core, axe-core)");
        env.run(&mut env.command("npm", &["ci", "--no-audit", "--no-fund"]))
            .map_err(|_| {
                TaskError::setup(
                    "`npm ci` failed",
                    "check that the npm registry is reachable and read npm's error above",
                )
            })?;
        fs::write(&stamp, &lock).map_err(TaskError::io(format!("writing {NPM_STAMP}")))?;
    }
    let version = env.query("wasm-opt", &["--version"]).unwrap_or_default();
    if !version.starts_with(WASM_OPT_VERSION) {
        return Err(TaskError::setup(
            format!("wasm-opt on PATH is {version:?}, not binaryen 132 from npm"),
            "rm -rf node_modules && cargo xtask setup",
        ));
    }
    Ok(())
}

fn ensure_cargo_deny(env: &Env) -> Result<(), TaskError> {
    let version = env.query("cargo-deny", &["--version"]).unwrap_or_default();
    if version.starts_with(DENY_SERIES) {
        return Ok(());
    }
    println!("xtask: installing cargo-deny {DENY_REQUIREMENT} (about 3 minutes on 2 cores)");
    cargo_install(
        env,
        &["cargo-deny", "--version", DENY_REQUIREMENT, "--locked"],
    )
}

fn ensure_trunk(env: &Env) -> Result<(), TaskError> {
    let version = env.query("trunk", &["--version"]).unwrap_or_default();
    if version.starts_with(TRUNK_SERIES) {
        return Ok(());
    }
    println!("xtask: installing trunk {TRUNK_REQUIREMENT} (about 10 minutes on 2 cores)");
    cargo_install(env, &["trunk", "--version", TRUNK_REQUIREMENT, "--locked"])
}

fn ensure_wasm_bindgen(env: &Env) -> Result<(), TaskError> {
    let wanted = locked_version(&env.root, "wasm-bindgen")?;
    let version = env
        .query("wasm-bindgen", &["--version"])
        .unwrap_or_default();
    let runner = env
        .query("wasm-bindgen-test-runner", &["--version"])
        .unwrap_or_default();
    if version == format!("wasm-bindgen {wanted}") && runner.ends_with(&wanted) {
        return Ok(());
    }
    println!("xtask: installing wasm-bindgen-cli {wanted} to match Cargo.lock (about 4 minutes)");
    // Not `--locked`: one of its pinned dependencies is no longer in the registry.
    let exact = format!("={wanted}");
    cargo_install(env, &["wasm-bindgen-cli", "--version", &exact])
}

fn cargo_install(env: &Env, args: &[&str]) -> Result<(), TaskError> {
    let mut full = vec!["install"];
    full.extend_from_slice(args);
    env.run(&mut env.command("cargo", &full)).map_err(|_| {
        TaskError::setup(
            format!("`cargo {}` failed", full.join(" ")),
            "check that crates.io is reachable and read cargo's error above",
        )
    })
}

/// The version of `package` that Cargo.lock pins.
pub fn locked_version(root: &Path, package: &str) -> Result<String, TaskError> {
    let lock =
        fs::read_to_string(root.join("Cargo.lock")).map_err(TaskError::io("reading Cargo.lock"))?;
    let name_line = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == name_line {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
            {
                return Ok(version.to_owned());
            }
        }
    }
    Err(TaskError::setup(
        format!("Cargo.lock does not pin {package}"),
        "run `cargo generate-lockfile` and commit Cargo.lock",
    ))
}

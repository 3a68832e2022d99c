//! `cargo xtask …`: the project's tasks, in Rust so they run wherever cargo does.
//!
//! - `setup`: install every tool the other tasks need (idempotent).
//! - `serve`: the demo bank's page rendered on its server, with the dev-bank beside it
//!   (`crates/demo-site`, over the release folder); `serve --client`: the dev-bank and
//!   `trunk serve` (the page rendered in the browser, rebuilt on every change).
//! - `test`: everything CI checks, ending with the test summary line.
//! - `build`: the release build, the folder banks copy (`target/dist/repay-widget-<version>/`)
//!   and the size report; `dist` is the same, for whoever looks for it by that name.
//! - `bench`: one table of bundle sizes, startup, interaction latency and the engine's
//!   criterion figures, beside a minimal Yew counter built the same way.
//! - `csp PAGE.html`: the `script-src` sources a strict CSP needs for the page's inline
//!   import maps, and the whole CSP line.

mod bench;
mod cmd;
#[cfg(test)]
mod cycles;
mod deny;
mod dist;
mod error;
mod minify;
mod package;
mod shorten;
mod sizes;
mod tools;

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, ExitCode, Stdio};

use cmd::{Env, TestCounts};
use error::TaskError;

const USAGE: &str =
    "usage: cargo xtask <setup | serve [--client] [--port N] | test | build | dist | bench [--short] | schemas | csp PAGE.html>";
/// The dev-bank's port; `Trunk.toml`'s `[[proxy]]` points here.
const DEV_BANK_PORT: u16 = 8787;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = Env::new().and_then(|env| match args.first().map(String::as_str) {
        Some("setup") => tools::ensure_all(&env),
        Some("serve") => serve(&env, &args[1..]),
        Some("test") => test(&env),
        Some("build" | "dist") => {
            tools::ensure_all(&env).and_then(|()| release_build(&env).map(drop))
        }
        Some("bench") => {
            let mode = match args.get(1).map(String::as_str) {
                None => Ok(bench::Mode::Full),
                Some("--short") => Ok(bench::Mode::Short),
                Some(_) => Err(TaskError::Usage(USAGE.into())),
            };
            mode.and_then(|mode| {
                tools::ensure_all(&env)
                    .and_then(|()| release_build(&env))
                    .and_then(|sizes| bench::bench(&env, mode, &sizes))
            })
        }
        // docs/schemas/ regenerated from the Rust types, and docs/messages.md from the
        // message catalogs (its drift test writes it when blessed).
        Some("schemas") => {
            env.run(&mut env.command("cargo", &["run", "-q", "-p", "repay-schemas"]))?;
            let mut messages = env.command(
                "cargo",
                &[
                    "test",
                    "-q",
                    "-p",
                    "repay-widget",
                    "--test",
                    "catalogs",
                    "the_messages_reference",
                ],
            );
            env.run(messages.env("REPAY_BLESS", "1"))
        }
        Some("csp") => match args.get(1) {
            Some(page) => {
                let html = std::fs::read_to_string(page)
                    .map_err(TaskError::io(format!("reading {page}")))?;
                let sources = dist::import_map_sources(&html);
                if sources.is_empty() {
                    println!("{page} has no inline import map: script-src needs no hash");
                }
                for source in &sources {
                    println!("{source}");
                }
                println!("Content-Security-Policy: {}", dist::strict_csp(&sources));
                Ok(())
            }
            None => Err(TaskError::Usage(USAGE.into())),
        },
        _ => Err(TaskError::Usage(USAGE.into())),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error}");
            ExitCode::FAILURE
        }
    }
}

fn check_port_free(port: u16, who: &str, fix: &str) -> Result<(), TaskError> {
    TcpListener::bind(("127.0.0.1", port))
        .map(drop)
        .map_err(|_| {
            TaskError::setup(
                format!("port {port} on 127.0.0.1 (for {who}) is in use"),
                fix,
            )
        })
}

/// Ends a background child when dropped, so no server outlives the task.
struct Background(Child);

impl Drop for Background {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(env: &Env, args: &[String]) -> Result<(), TaskError> {
    let mut port = 8080;
    let mut client = false;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--client" => client = true,
            "--port" => {
                let value = rest.next().ok_or_else(|| TaskError::Usage(USAGE.into()))?;
                port = value.parse().map_err(|_| {
                    TaskError::Usage(format!("--port {value:?} is not a port number\n{USAGE}"))
                })?;
            }
            _ => return Err(TaskError::Usage(USAGE.into())),
        }
    }
    tools::ensure_all(env)?;
    if client {
        serve_client(env, port)
    } else {
        serve_rendered(env, port)
    }
}

/// The demo page as a bank's server writes it (crates/demo-site): the release folder,
/// the first screen rendered into the page, the dev-bank's routes in the same process.
fn serve_rendered(env: &Env, port: u16) -> Result<(), TaskError> {
    check_port_free(
        port,
        "the demo site",
        "stop the process using it, or `cargo xtask serve --port 8081`",
    )?;
    println!(
        "xtask: building the release folder the demo site serves (a few minutes the first time)"
    );
    release_build(env)?;
    env.run(&mut env.command("cargo", &["build", "--quiet", "-p", "demo-site"]))?;
    let folder = dist::folder(&env.root);
    let addr = format!("127.0.0.1:{port}");
    println!("xtask: the demo, rendered on the server, at http://{addr}/ (?customer=cn, us, hk, uk, ie, or ie-before-due for an account not yet overdue; Ctrl-C stops it)");
    println!("xtask: `cargo xtask serve --client` instead rebuilds the widget on every change");
    env.run(&mut env.command(
        &env.debug_binary("demo-site").to_string_lossy(),
        &["--addr", &addr, "--folder", &folder.to_string_lossy()],
    ))
}

/// The demo page rendered in the browser by `trunk serve` (rebuilt on every change), with
/// the dev-bank on [`DEV_BANK_PORT`], where Trunk.toml's proxy sends `/api/`.
fn serve_client(env: &Env, port: u16) -> Result<(), TaskError> {
    check_port_free(
        DEV_BANK_PORT,
        "the dev-bank",
        "stop the process using it (`ss -ltnp | grep 8787`); Trunk.toml's proxy expects the dev-bank there",
    )?;
    check_port_free(
        port,
        "trunk serve",
        "stop the process using it, or `cargo xtask serve --port 8081`",
    )?;

    env.run(&mut env.command("cargo", &["build", "--quiet", "-p", "dev-bank"]))?;
    let addr = format!("127.0.0.1:{DEV_BANK_PORT}");
    let dev_bank = env.debug_binary("dev-bank");
    let mut child = env
        .command(&dev_bank.to_string_lossy(), &["--addr", &addr])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|source| TaskError::Spawn {
            command: dev_bank.display().to_string(),
            source,
            fix: "run `cargo build -p dev-bank` and read its error".into(),
        })?;
    let stdout = child.stdout.take();
    let bank = Background(child);
    let mut lines = stdout.map(|s| BufReader::new(s).lines());
    let first = lines
        .as_mut()
        .and_then(|l| l.next())
        .and_then(Result::ok)
        .unwrap_or_default();
    if !first.starts_with("dev-bank listening") {
        return Err(TaskError::setup(
            "the dev-bank did not start (see its error above)",
            format!(
                "run `{} --addr {addr}` by hand to see why",
                dev_bank.display()
            ),
        ));
    }
    println!("xtask: {first}");
    // Keep echoing the dev-bank's request log.
    if let Some(lines) = lines {
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                println!("dev-bank: {line}");
            }
        });
    }
    println!("xtask: the demo will be at http://127.0.0.1:{port}/ once Trunk has built it (Ctrl-C stops both)");
    let port_text = port.to_string();
    let result = env.run(&mut env.command(
        "trunk",
        &[
            "serve",
            "--offline",
            "--address",
            "127.0.0.1",
            "--port",
            &port_text,
        ],
    ));
    drop(bank);
    result
}

/// The release build and the folder banks copy; returns the bundle's sizes (reported).
pub(crate) fn release_build(env: &Env) -> Result<Vec<sizes::Row>, TaskError> {
    env.run(&mut env.command("trunk", &["build", "--release", "--offline"]))?;
    let build = env.root.join("dist");
    shorten::shorten(env, &build)?;
    minify::minify_assets(env, &build)?;
    dist::pin_demo(&build)?;
    let (folder, script_sources) = dist::assemble(&env.root, &build)?;
    package::generate(env, &folder)?;
    dist::manifest(&folder, &script_sources)?;
    let tarball = package::pack(env, &folder, package::NAME)?;
    let verifier = package::pack(env, &package::verifier(env)?, package::VERIFIER)?;
    println!("xtask: the folder banks copy: {}", folder.display());
    println!("xtask: the npm package: {}", tarball.display());
    println!("xtask: the verifier's npm package: {}", verifier.display());
    let example = std::fs::read_to_string(folder.join("example.html"))
        .map_err(TaskError::io("reading example.html"))?;
    println!(
        "xtask: the example pages' CSP (your own import map: `cargo xtask csp PAGE.html`):\n  Content-Security-Policy: {}",
        dist::strict_csp(&dist::import_map_sources(&example))
    );
    sizes::report(&folder, &dist::bundle(&folder))
}

/// One check of `cargo xtask test`.
struct Step {
    name: &'static str,
    outcome: Result<TestCounts, TaskError>,
}

fn test(env: &Env) -> Result<(), TaskError> {
    tools::ensure_all(env)?;
    let mut steps: Vec<Step> = Vec::new();
    let mut step = |name: &'static str, outcome: Result<TestCounts, TaskError>| {
        if let Err(error) = &outcome {
            eprintln!("xtask: step {name} failed: {error}");
        }
        let ok = outcome.is_ok();
        steps.push(Step { name, outcome });
        ok
    };
    let quiet = |result: Result<(), TaskError>| result.map(|()| TestCounts::default());

    step(
        "fmt",
        quiet(env.run(&mut env.command("cargo", &["fmt", "--all", "--", "--check"]))),
    );
    step(
        "clippy (native)",
        quiet(env.run(&mut env.command(
            "cargo",
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        ))),
    );
    step(
        "clippy (native, all features)",
        quiet(env.run(&mut env.command(
            "cargo",
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--all-features",
                "--",
                "-D",
                "warnings",
            ],
        ))),
    );
    step(
        "clippy (wasm32)",
        quiet(env.run(&mut env.command(
            "cargo",
            &[
                "clippy",
                "-p",
                "repay-widget",
                "-p",
                "repay-engine",
                "-p",
                "repay-widget-bundle",
                "-p",
                "repay-config",
                "-p",
                "repay-verifier",
                "--target",
                "wasm32-unknown-unknown",
                "--all-targets",
                "--all-features",
                "--",
                "-D",
                "warnings",
            ],
        ))),
    );
    step(
        "cargo deny (advisories, licences, duplicate versions, sources)",
        quiet(deny::check(env)),
    );
    step(
        "native tests",
        // Every feature: the server rendering (`ssr`) and the schemas are tested too.
        env.run_counting(&mut env.command("cargo", &["test", "--workspace", "--all-features"])),
    );
    step("browser tests (wasm, headless Chromium)", {
        let mut command = env.command(
            "cargo",
            &[
                "test",
                "-p",
                "repay-widget",
                "--target",
                "wasm32-unknown-unknown",
                "--test",
                "web",
            ],
        );
        command.env("CHROMEDRIVER", tools::CHROMEDRIVER);
        env.run_counting(&mut command)
    });
    let sizes = match release_build(env) {
        Ok(sizes) => {
            step("release build and sizes", Ok(TestCounts::default()));
            Some(sizes)
        }
        Err(error) => {
            step("release build and sizes", Err(error));
            None
        }
    };
    let skipped = || {
        Err(TaskError::setup(
            "skipped: the release build failed",
            "fix the build first",
        ))
    };
    match &sizes {
        Some(sizes) => {
            step(
                "end-to-end tests (release build, dev-bank, Chromium)",
                end_to_end(env),
            );
            step(
                "benchmark, short (a few loads, figures printed, nothing judged)",
                quiet(bench::bench(env, bench::Mode::Short, sizes)),
            );
        }
        None => {
            step(
                "end-to-end tests (release build, dev-bank, Chromium)",
                skipped(),
            );
            step(
                "benchmark, short (a few loads, figures printed, nothing judged)",
                skipped(),
            );
        }
    }

    println!("\nxtask test:");
    let mut counts = TestCounts::default();
    let mut failed_names = Vec::new();
    for step in &steps {
        match &step.outcome {
            Ok(step_counts) => {
                println!("  ok    {}", step.name);
                counts = counts.plus(*step_counts);
            }
            Err(_) => {
                println!("  FAIL  {}", step.name);
                failed_names.push(step.name);
            }
        }
    }
    // A failed step that ran no counted test (fmt, clippy, the build) counts as one failure.
    let failed = counts.failed.max(failed_names.len() as u64);
    println!("summary: {} passed, {failed} failed", counts.passed);
    if failed_names.is_empty() {
        Ok(())
    } else {
        Err(TaskError::Steps {
            failed: failed_names.len(),
            total: steps.len(),
            names: failed_names.join(", "),
        })
    }
}

fn end_to_end(env: &Env) -> Result<TestCounts, TaskError> {
    env.run(&mut env.command(
        "cargo",
        &[
            "build",
            "--quiet",
            "-p",
            "dev-bank",
            "-p",
            "repay-cli",
            "-p",
            "demo-site",
        ],
    ))?;
    // The verifier crate's answers, natively, for tests/e2e/verifier.test.mjs.
    env.run(&mut env.command(
        "cargo",
        &[
            "build",
            "--quiet",
            "-p",
            "repay-verifier",
            "--example",
            "verifier",
        ],
    ))?;
    let dir = env.root.join("tests/e2e");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map_err(TaskError::io("reading tests/e2e"))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.to_string_lossy().ends_with(".test.mjs"))
        .map(|path| path.to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut args = vec!["--test", "--test-reporter=tap", "--test-concurrency=1"];
    args.extend(files.iter().map(String::as_str));
    let mut command = env.command("node", &args);
    command
        .env("REPAY_DIST", env.root.join("dist"))
        .env("REPAY_FOLDER", dist::folder(&env.root))
        .env("REPAY_DEV_BANK", env.debug_binary("dev-bank"))
        .env("REPAY_CLI", env.debug_binary("repay"))
        .env("REPAY_DEMO_SITE", env.debug_binary("demo-site"))
        .env(
            "REPAY_VERIFIER_NATIVE",
            env.debug_binary("examples/verifier"),
        )
        .env(
            "REPAY_VERIFIER_PACKAGE",
            env.root.join(format!(
                "target/dist/{}-{}.tgz",
                package::VERIFIER,
                env!("CARGO_PKG_VERSION")
            )),
        )
        .env("CHROMIUM", tools::CHROMIUM);
    if !Path::new(tools::CHROMIUM).exists() {
        return Err(TaskError::setup("Chromium is missing", "cargo xtask setup"));
    }
    env.run_counting(&mut command)
}

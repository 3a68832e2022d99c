//! Running the project's tools: one environment (the repository root, tools first on
//! `PATH`) for every command, and test-count parsing of what the test runners print.

use std::ffi::OsString;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::TaskError;

/// Where commands run and which tools they see.
pub struct Env {
    pub root: PathBuf,
    path: OsString,
}

impl Env {
    /// The environment for the repository holding this xtask.
    pub fn new() -> Result<Self, TaskError> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("xtask lives one folder below the repository root")
            .to_path_buf();
        // npm tools (wasm-opt, Playwright) first, then cargo-installed tools, then the rest.
        let mut dirs = vec![root.join("node_modules/.bin"), cargo_bin_dir()];
        if let Some(path) = std::env::var_os("PATH") {
            dirs.extend(std::env::split_paths(&path));
        }
        let path = std::env::join_paths(dirs).map_err(|e| {
            TaskError::setup(
                format!("PATH cannot be built: {e}"),
                "remove stray ':' from PATH",
            )
        })?;
        Ok(Self { root, path })
    }

    /// A command for `program`, run at the repository root with the tools' `PATH`.
    pub fn command(&self, program: &str, args: &[&str]) -> Command {
        let mut command = Command::new(program);
        command
            .args(args)
            .current_dir(&self.root)
            .env("PATH", &self.path);
        command
    }

    /// Cargo's target directory: `CARGO_TARGET_DIR` or a `build.target-dir` setting when
    /// there is one (as many CI systems set), else `target/` at the root. Asked of cargo
    /// itself, so every way of setting it counts.
    pub fn target_dir(&self) -> PathBuf {
        self.query(
            "cargo",
            &[
                "metadata",
                "--format-version",
                "1",
                "--no-deps",
                "--offline",
            ],
        )
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|metadata| metadata["target_directory"].as_str().map(PathBuf::from))
        .unwrap_or_else(|| self.root.join("target"))
    }

    /// A binary of the workspace built by `cargo build` in the debug profile.
    pub fn debug_binary(&self, name: &str) -> PathBuf {
        self.target_dir().join("debug").join(name)
    }

    /// The trimmed standard output of a quick query, or `None` if the program is missing
    /// or fails.
    pub fn query(&self, program: &str, args: &[&str]) -> Option<String> {
        let output = self
            .command(program, args)
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .ok()?;
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
    }

    /// Runs `command` with the terminal's output and fails unless it succeeds.
    pub fn run(&self, command: &mut Command) -> Result<(), TaskError> {
        let shown = describe(command);
        let status = command.status().map_err(|source| TaskError::Spawn {
            command: shown.clone(),
            source,
            fix: "install it, or run `cargo xtask setup`".into(),
        })?;
        if status.success() {
            Ok(())
        } else {
            Err(TaskError::Failed {
                command: shown,
                status: status.to_string(),
            })
        }
    }

    /// Runs a test command, echoing its output and counting the tests it reports.
    pub fn run_counting(&self, command: &mut Command) -> Result<TestCounts, TaskError> {
        let shown = describe(command);
        let mut child =
            command
                .stdout(Stdio::piped())
                .spawn()
                .map_err(|source| TaskError::Spawn {
                    command: shown.clone(),
                    source,
                    fix: "install it, or run `cargo xtask setup`".into(),
                })?;
        let mut counts = TestCounts::default();
        if let Some(stdout) = child.stdout.take() {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                println!("{line}");
                counts.add_line(&line);
            }
        }
        let status = child
            .wait()
            .map_err(TaskError::io(format!("waiting for {shown}")))?;
        if status.success() {
            Ok(counts)
        } else {
            Err(TaskError::Failed {
                command: shown,
                status: status.to_string(),
            })
        }
    }
}

/// Where `cargo install` puts binaries.
pub fn cargo_bin_dir() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Tests passed and failed, as the runners report them.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TestCounts {
    pub passed: u64,
    pub failed: u64,
}

impl TestCounts {
    /// Reads one output line: cargo's and wasm-bindgen-test's `test result: ok. 3 passed;
    /// 0 failed; …` and node's TAP `# pass 3` / `# fail 0`.
    fn add_line(&mut self, line: &str) {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("test result: ") {
            for part in rest.split(';') {
                let mut words = part.split_whitespace().rev();
                let (Some(label), Some(number)) = (words.next(), words.next()) else {
                    continue;
                };
                let Ok(number) = number.parse::<u64>() else {
                    continue;
                };
                match label {
                    "passed" => self.passed += number,
                    "failed" => self.failed += number,
                    _ => {}
                }
            }
        } else if let Some(number) = line.strip_prefix("# pass ") {
            self.passed += number.trim().parse::<u64>().unwrap_or(0);
        } else if let Some(number) = line.strip_prefix("# fail ") {
            self.failed += number.trim().parse::<u64>().unwrap_or(0);
        }
    }

    pub fn plus(self, other: TestCounts) -> TestCounts {
        TestCounts {
            passed: self.passed + other.passed,
            failed: self.failed + other.failed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cargo_and_tap_summaries() {
        let mut counts = TestCounts::default();
        counts.add_line("test result: ok. 12 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s");
        counts.add_line("test result: FAILED. 3 passed; 1 failed; 0 ignored");
        counts.add_line("# pass 4");
        counts.add_line("# fail 0");
        counts.add_line("running 12 tests");
        assert_eq!(
            counts,
            TestCounts {
                passed: 19,
                failed: 1
            }
        );
    }
}

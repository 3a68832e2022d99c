//! The xtask's one error type: every failure is one line saying what went wrong and how
//! to fix it.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum TaskError {
    /// Something the tasks need is missing or wrong, and there is a fix to apply.
    #[error("{cause}\n  fix: {fix}")]
    Setup { cause: String, fix: String },
    /// A command could not be started at all.
    #[error("could not run `{command}`: {source}\n  fix: {fix}")]
    Spawn {
        command: String,
        source: std::io::Error,
        fix: String,
    },
    /// A command ran and failed.
    #[error("`{command}` failed ({status})")]
    Failed { command: String, status: String },
    /// A step of `cargo xtask test` failed; the output above says why.
    #[error("{failed} of {total} steps failed: {names}")]
    Steps {
        failed: usize,
        total: usize,
        names: String,
    },
    /// The release bundle is over its size budget.
    #[error("the bundle is {actual} bytes brotli, over the budget of {budget} bytes\n  fix: find what grew with `twiggy top` on the wasm, or drop a dependency")]
    OverBudget { actual: u64, budget: u64 },
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Usage(String),
}

impl TaskError {
    pub fn setup(cause: impl Into<String>, fix: impl Into<String>) -> Self {
        Self::Setup {
            cause: cause.into(),
            fix: fix.into(),
        }
    }

    pub fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> Self {
        let context = context.into();
        move |source| Self::Io { context, source }
    }
}

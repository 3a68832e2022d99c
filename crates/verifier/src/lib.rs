//! The engine's `propose` and `verify` for any backend: the same Rust as the widget,
//! the dev-bank and the `repay` CLI, compiled to one WebAssembly module
//! (`repay-verifier.wasm`, made by `cargo xtask dist`) that a bank's service calls
//! in-process: from Node with the npm package `repay-verifier` (its `index.js`), from the
//! JVM or .NET through a standard WebAssembly runtime (Wasmtime's bindings, Chicory…),
//! as docs/verifier.md shows.
//!
//! Every call takes JSON text and answers JSON text, the same documents the contract and
//! the CLI use:
//!
//! - [`propose`]: a configuration (or a scenario of `account` and `policy`), an offer's
//!   index and a choice (`PlanChoiceWire`) → `{ "proposal": … }` or `{ "error": … }`;
//! - [`verify`]: a configuration (or scenario) and a proposal → `{ "differences": [] }`
//!   when the proposal is exactly what the engine computes, the differences when not,
//!   or `{ "error": … }` when either cannot be read.
//!
//! An error is `{ "code", "path", "message" }`: the engine's reason code
//! (`not_a_decimal`, `duplicate_key`, `malformed_json`…), the field's path (empty when
//! the document is not JSON) and a sentence for logs.
//!
//! The module's interface ([`abi`]) is a C ABI over the module's memory, not
//! wasm-bindgen: wasm-bindgen's bindings are JavaScript, which the JVM and .NET runtimes
//! do not run, and the component model is not yet in their WebAssembly runtimes. Five
//! functions, pointers and lengths in, one pointer-and-length out.

use repay_engine::proposal::{Difference, PlanChoiceWire, Proposal};
use repay_engine::EngineError;
use serde::Serialize;

/// The engine version that computes and verifies (a proposal of another version is a
/// difference at `/engine_version`).
pub const ENGINE_VERSION: &str = repay_engine::ENGINE_VERSION;

/// Why a call could not be answered: a document that cannot be read or used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VerifierError {
    /// The engine's reason (`not_a_decimal`, `duplicate_key`, `not_allowed`…), or
    /// `malformed_json` and `too_deep` for a document that cannot be read at all.
    pub code: String,
    /// The field at fault, a dotted path from the document's root (`choice.term_months`,
    /// `account.overdue_amount`); empty when the document is not JSON.
    pub path: String,
    /// A sentence for logs, in English.
    pub message: String,
}

impl From<&EngineError> for VerifierError {
    fn from(error: &EngineError) -> Self {
        let (code, path) = match error {
            EngineError::Invalid { path, reason } => (reason.code(), path.as_str()),
            EngineError::MalformedJson { .. } => ("malformed_json", ""),
            EngineError::TooDeep { .. } => ("too_deep", ""),
        };
        Self {
            code: code.to_owned(),
            path: path.to_owned(),
            message: error.to_string(),
        }
    }
}

/// What [`propose`] answers: `{ "proposal": … }` or `{ "error": … }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Proposed {
    /// The plan as the engine writes it ([`repay_engine::Plan`]).
    Proposal(
        #[cfg_attr(feature = "schema", schemars(with = "Proposal<repay_engine::Plan>"))] Proposal,
    ),
    Error(VerifierError),
}

/// What [`verify`] answers: `{ "differences": […] }` (empty when the proposal is exactly
/// what the engine computes) or `{ "error": … }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    Differences(Vec<Difference>),
    Error(VerifierError),
}

/// What the module reads and answers, for the JSON Schema the package's TypeScript
/// declarations are made from (never built, only described).
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[allow(dead_code)]
pub struct Interface {
    /// `propose`'s choice.
    pub choice: PlanChoiceWire,
    /// `propose`'s answer.
    pub proposed: Proposed,
    /// `verify`'s answer.
    pub verification: Verification,
}

fn written(answer: &impl Serialize) -> String {
    serde_json::to_string(answer).unwrap_or_default()
}

/// The proposal for the policy's offer `offer` and `choice` (a `PlanChoiceWire`'s
/// JSON), for the account and policy in `scenario`.
pub fn proposed(scenario: &str, offer: usize, choice: &str) -> Proposed {
    let made = (|| {
        let scenario = repay_config::read_scenario(scenario)?;
        let choice: PlanChoiceWire = repay_engine::read_json(choice)?;
        let choice = choice.to_choice(&scenario.account)?;
        // An offer the policy does not have is the engine's `offer` / `not_allowed`.
        Proposal::new(&scenario.account, &scenario.policy, offer, &choice)
    })();
    match made {
        Ok(proposal) => Proposed::Proposal(proposal),
        Err(failure) => Proposed::Error((&failure).into()),
    }
}

/// [`proposed`], as JSON.
pub fn propose(scenario: &str, offer: usize, choice: &str) -> String {
    written(&proposed(scenario, offer, choice))
}

/// Every difference between `proposal` and what the engine computes for the account
/// and policy in `scenario`.
pub fn verification(scenario: &str, proposal: &str) -> Verification {
    let checked = (|| {
        let scenario = repay_config::read_scenario(scenario)?;
        let proposal = Proposal::from_json(proposal)?;
        repay_engine::proposal::verify(&proposal, &scenario.account, &scenario.policy)
    })();
    match checked {
        Ok(differences) => Verification::Differences(differences),
        Err(failure) => Verification::Error((&failure).into()),
    }
}

/// [`verification`], as JSON.
pub fn verify(scenario: &str, proposal: &str) -> String {
    written(&verification(scenario, proposal))
}

/// The module's exports. Text goes in through memory the caller asks the module for
/// (`repay_alloc`), written as UTF-8; an answer comes back as one `u64`, its address in
/// the high 32 bits and its length in bytes in the low 32, which the caller reads and
/// then gives back (`repay_free`). Text that is not UTF-8 is answered as malformed JSON.
///
/// | export | parameters | result |
/// | --- | --- | --- |
/// | `repay_alloc` | `len` | the address of `len` bytes for the caller to write |
/// | `repay_free` | `ptr, len` | (nothing): gives back memory from `repay_alloc` or an answer |
/// | `repay_propose` | `scenario_ptr, scenario_len, offer, choice_ptr, choice_len` | the answer |
/// | `repay_verify` | `scenario_ptr, scenario_len, proposal_ptr, proposal_len` | the answer |
/// | `repay_engine_version` | | the engine version, as text |
#[cfg(target_arch = "wasm32")]
pub mod abi {
    /// `len` bytes the caller owns until it gives them back with `repay_free`.
    #[no_mangle]
    pub extern "C" fn repay_alloc(len: usize) -> *mut u8 {
        Box::into_raw(vec![0u8; len].into_boxed_slice()).cast::<u8>()
    }

    /// Gives back what `repay_alloc` or an answer handed out.
    ///
    /// # Safety
    ///
    /// `ptr` and `len` are exactly those of one allocation or answer, given back once.
    #[no_mangle]
    pub unsafe extern "C" fn repay_free(ptr: *mut u8, len: usize) {
        if !ptr.is_null() {
            // SAFETY: the caller gives back one of this module's boxed slices, whole.
            drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)) });
        }
    }

    /// The text the caller wrote at `ptr`, or `None` when it is not UTF-8.
    ///
    /// # Safety
    ///
    /// `ptr` holds `len` initialised bytes.
    unsafe fn text<'a>(ptr: *const u8, len: usize) -> Option<&'a str> {
        if len == 0 {
            return Some("");
        }
        // SAFETY: the caller wrote `len` bytes there (the export's contract).
        std::str::from_utf8(unsafe { std::slice::from_raw_parts(ptr, len) }).ok()
    }

    /// Hands `answer` to the caller: its address and length in one `u64`.
    fn answer(answer: String) -> u64 {
        let bytes = answer.into_bytes().into_boxed_slice();
        let len = bytes.len() as u64;
        let ptr = Box::into_raw(bytes).cast::<u8>() as usize as u64;
        (ptr << 32) | len
    }

    fn not_utf8() -> String {
        r#"{"error":{"code":"malformed_json","path":"","message":"the text is not UTF-8"}}"#
            .to_owned()
    }

    /// [`crate::propose`].
    ///
    /// # Safety
    ///
    /// Each pointer holds its length's bytes.
    #[no_mangle]
    pub unsafe extern "C" fn repay_propose(
        scenario_ptr: *const u8,
        scenario_len: usize,
        offer: u32,
        choice_ptr: *const u8,
        choice_len: usize,
    ) -> u64 {
        // SAFETY: as the export's contract says.
        let texts = unsafe {
            (
                text(scenario_ptr, scenario_len),
                text(choice_ptr, choice_len),
            )
        };
        answer(match texts {
            (Some(scenario), Some(choice)) => crate::propose(scenario, offer as usize, choice),
            _ => not_utf8(),
        })
    }

    /// [`crate::verify`].
    ///
    /// # Safety
    ///
    /// Each pointer holds its length's bytes.
    #[no_mangle]
    pub unsafe extern "C" fn repay_verify(
        scenario_ptr: *const u8,
        scenario_len: usize,
        proposal_ptr: *const u8,
        proposal_len: usize,
    ) -> u64 {
        // SAFETY: as the export's contract says.
        let texts = unsafe {
            (
                text(scenario_ptr, scenario_len),
                text(proposal_ptr, proposal_len),
            )
        };
        answer(match texts {
            (Some(scenario), Some(proposal)) => crate::verify(scenario, proposal),
            _ => not_utf8(),
        })
    }

    /// [`crate::ENGINE_VERSION`], as an answer.
    #[no_mangle]
    pub extern "C" fn repay_engine_version() -> u64 {
        answer(crate::ENGINE_VERSION.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CN: &str = include_str!("../../engine/data/cn-card.json");

    #[test]
    fn what_it_proposes_it_verifies_and_a_changed_figure_is_a_difference() {
        let Proposed::Proposal(mut proposal) = proposed(CN, 2, r#"{"term_months":12}"#) else {
            panic!("no proposal");
        };
        let text = serde_json::to_string(&proposal).unwrap();
        assert_eq!(verify(CN, &text), r#"{"differences":[]}"#);
        proposal.plan["total_paid"] = "1.00".into();
        let text = serde_json::to_string(&proposal).unwrap();
        let Verification::Differences(differences) = verification(CN, &text) else {
            panic!("not verified");
        };
        assert_eq!(differences.len(), 1);
        assert_eq!(differences[0].path, "/plan/total_paid");
    }

    #[test]
    fn what_cannot_be_read_is_an_error_naming_its_field() {
        let error = |answer: Proposed| match answer {
            Proposed::Error(error) => (error.code, error.path),
            Proposed::Proposal(_) => panic!("proposed"),
        };
        assert_eq!(
            error(proposed(CN, 99, "{}")),
            ("not_allowed".to_owned(), "offer".to_owned())
        );
        assert_eq!(
            error(proposed(CN, 2, r#"{"term_months":"12"}"#)).1,
            "term_months"
        );
        assert_eq!(error(proposed("{", 2, "{}")).0, "malformed_json");
        assert!(verify(CN, "not json").starts_with(r#"{"error":{"code":"malformed_json""#));
    }
}

// The npm package `repay-verifier` (docs/verifier.md): the engine's propose and verify
// for a bank's Node.js service, in-process and synchronous. The WebAssembly module beside
// this file (repay-verifier.wasm, crates/verifier) is the same Rust as the widget, the
// dev-bank and the `repay` CLI; this file only moves text in and out of its memory.

import { readFileSync } from "node:fs";

/** @typedef {import("./types.js").Proposal} Proposal */
/** @typedef {import("./types.js").PlanChoiceWire} PlanChoiceWire */
/** @typedef {import("./types.js").Proposed} Proposed */
/** @typedef {import("./types.js").Verification} Verification */

const module = new WebAssembly.Module(readFileSync(new URL("./repay-verifier.wasm", import.meta.url)));
const { exports: wasm } = new WebAssembly.Instance(module, {});
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Text in the module's memory, for one call.
 * @param {string} text
 * @returns {[number, number]} its address and length
 */
function put(text) {
  const bytes = encoder.encode(text);
  const ptr = /** @type {number} */ (wasm.repay_alloc(bytes.length));
  new Uint8Array(/** @type {WebAssembly.Memory} */ (wasm.memory).buffer, ptr, bytes.length).set(bytes);
  return [ptr, bytes.length];
}

/**
 * The text of an answer, given back to the module once read.
 * @param {bigint} packed its address (high 32 bits) and length (low 32)
 * @returns {string}
 */
function take(packed) {
  const ptr = Number(packed >> 32n);
  const len = Number(packed & 0xffffffffn);
  const memory = /** @type {WebAssembly.Memory} */ (wasm.memory);
  const text = decoder.decode(new Uint8Array(memory.buffer, ptr, len));
  wasm.repay_free(ptr, len);
  return text;
}

/**
 * JSON text as it is, or a value written as JSON: text is passed through unchanged, so
 * that a document with a repeated key is refused as the bank's own reader must refuse it.
 * @param {unknown} value
 * @returns {string}
 */
const text = (value) => (typeof value === "string" ? value : JSON.stringify(value));

/** The engine version that computes and verifies. */
export const engineVersion = take(/** @type {bigint} */ (wasm.repay_engine_version()));

/**
 * Computes the proposal for the policy's offer `offer` and the customer's `choice`.
 * @param {string | object} config the widget configuration (or `{ account, policy }`), as JSON text or a value
 * @param {number} offer the offer's index in `policy.plans`
 * @param {string | PlanChoiceWire} [choice] the choice (term, first payment date…)
 * @returns {Proposed}
 */
export function propose(config, offer, choice = {}) {
  if (!Number.isInteger(offer) || offer < 0 || offer > 0xffffffff) {
    throw new TypeError("repay-verifier: offer is an index in policy.plans");
  }
  const [configPtr, configLen] = put(text(config));
  const [choicePtr, choiceLen] = put(text(choice));
  try {
    return JSON.parse(take(/** @type {bigint} */ (wasm.repay_propose(configPtr, configLen, offer, choicePtr, choiceLen))));
  } finally {
    wasm.repay_free(configPtr, configLen);
    wasm.repay_free(choicePtr, choiceLen);
  }
}

/**
 * Recomputes `proposal` from the bank's own account and policy and lists every
 * difference. Pass the proposal as the JSON text that arrived, so that a repeated key
 * is refused rather than read one way here and another way by whoever books it.
 * @param {string | object} config the bank's own configuration (or `{ account, policy }`), as JSON text or a value
 * @param {string | Proposal} proposal the submission's `proposal`
 * @returns {Verification}
 */
export function verify(config, proposal) {
  const [configPtr, configLen] = put(text(config));
  const [proposalPtr, proposalLen] = put(text(proposal));
  try {
    return JSON.parse(take(/** @type {bigint} */ (wasm.repay_verify(configPtr, configLen, proposalPtr, proposalLen))));
  } finally {
    wasm.repay_free(configPtr, configLen);
    wasm.repay_free(proposalPtr, proposalLen);
  }
}

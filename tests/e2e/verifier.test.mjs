// The verifier for any backend (docs/verifier.md): the npm package `repay-verifier`
// (target/dist/repay-verifier-<version>.tgz, the engine as WebAssembly), installed
// without a network into a project of its own, gives the same answer as the Rust crate
// natively (crates/verifier's example) and the `repay` CLI, for every sample's offers and
// for tampered proposals: a changed figure, another engine version, another offer, a
// repeated key, text that is not JSON; and its declarations type-check a bank's use.

import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { REPAY_CLI, installOffline, typeCheck } from "./harness.mjs";

const TARBALL = resolve(process.env.REPAY_VERIFIER_PACKAGE ?? "target/dist/repay-verifier-0.1.0.tgz");
const NATIVE = resolve(process.env.REPAY_VERIFIER_NATIVE ?? "target/debug/examples/verifier");
const SAMPLES = ["cn-card.json", "us-card.json", "hk-card.json", "uk-card.json", "ie-card.json"];

let project;
let verifier;

before(async () => {
  project = mkdtempSync(join(tmpdir(), "repay-verifier-"));
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "bank-service", private: true, type: "module" }));
  installOffline(project, TARBALL);
  verifier = await import(join(project, "node_modules/repay-verifier/index.js"));
});

after(() => {
  rmSync(project, { recursive: true, force: true });
});

/** A file in the project holding `text`. */
function file(name, text) {
  const path = join(project, name);
  writeFileSync(path, text);
  return path;
}

/** The Rust crate's answer, natively. */
const native = (...args) => JSON.parse(execFileSync(NATIVE, args, { encoding: "utf8" }));

/** The CLI's verdict: "verified", the differing paths, or "refused" (bad input). */
function cli(config, proposal) {
  const run = spawnSync(REPAY_CLI, ["verify", config, proposal], { encoding: "utf8" });
  if (run.status === 0) return "verified";
  if (run.status === 1) return [...run.stdout.matchAll(/^ {2}(\/\S*): expected/gm)].map((m) => m[1]);
  return "refused";
}

/** The Node package's answer as the CLI says it. */
function asCli(answer) {
  if (answer.error) return "refused";
  return answer.differences.length === 0 ? "verified" : answer.differences.map((d) => d.path);
}

test("every sample's offers: the Node package proposes what the Rust crate and the CLI propose, and all three verify it", () => {
  let checked = 0;
  for (const sample of SAMPLES) {
    const configText = readFileSync(join("crates/engine/data", sample), "utf8");
    const config = file(sample, configText);
    const offers = JSON.parse(configText).policy.plans.length;
    const choice = file("choice.json", "{}");
    for (let offer = 0; offer < offers; offer++) {
      const fromNode = verifier.propose(configText, offer, "{}");
      assert.deepEqual(fromNode, native("propose", config, String(offer), choice), `${sample} offer ${offer}`);
      if (fromNode.error) continue;
      const cliProposal = JSON.parse(execFileSync(REPAY_CLI, ["propose", config, String(offer)], { encoding: "utf8" }));
      assert.deepEqual(fromNode.proposal, cliProposal, `${sample} offer ${offer}: the CLI's proposal`);
      const proposal = file("proposal.json", JSON.stringify(fromNode.proposal));
      assert.deepEqual(verifier.verify(configText, fromNode.proposal), { differences: [] });
      assert.deepEqual(native("verify", config, proposal), { differences: [] });
      assert.equal(cli(config, proposal), "verified", `${sample} offer ${offer}`);
      checked++;
    }
  }
  assert.ok(checked >= 25, `${checked} proposals`);
});

test("tampered proposals get the same answer from the three", () => {
  const configText = readFileSync("crates/engine/data/cn-card.json", "utf8");
  const config = file("cn.json", configText);
  const { proposal } = verifier.propose(configText, 2, { term_months: 12 });
  const text = JSON.stringify(proposal);
  const changed = (edit) => {
    const copy = structuredClone(proposal);
    edit(copy);
    return JSON.stringify(copy);
  };
  const cases = [
    ["as proposed", text, "verified"],
    ["a changed payment", changed((p) => (p.plan.schedule[3].total = "1.00")), ["/plan/schedule/3/total"]],
    ["a changed total", changed((p) => (p.plan.total_paid = "1.00")), ["/plan/total_paid"]],
    ["another engine version", changed((p) => (p.engine_version = "0.0.1")), ["/engine_version"]],
    ["another offer's key", changed((p) => (p.offer_key = "0000000000000000")), ["/offer_key"]],
    ["a choice the offer does not use", changed((p) => (p.choice.down_payment = "10.00")), null],
    ["a repeated key", text.replace('"schema_version":1,', '"schema_version":1,"schema_version":1,'), "refused"],
    ["not JSON", text.slice(0, 40), "refused"],
  ];
  for (const [what, body, expected] of cases) {
    const fromNode = verifier.verify(configText, body);
    assert.deepEqual(fromNode, native("verify", config, file("tampered.json", body)), `${what}: Node and the Rust crate`);
    assert.deepEqual(asCli(fromNode), cli(config, file("tampered.json", body)), `${what}: Node and the CLI`);
    if (expected) assert.deepEqual(asCli(fromNode), expected, what);
    else assert.notEqual(asCli(fromNode), "verified", what);
  }
  assert.equal(verifier.verify(configText, cases[6][1]).error.code, "duplicate_key");
  // A bank's records that cannot be read are named by field.
  const broken = configText.replace('"overdue_amount": "860.00"', '"overdue_amount": "8,60"');
  assert.notEqual(broken, configText);
  const refused = verifier.verify(broken, text);
  assert.equal(refused.error.path, "account.overdue_amount");
  assert.deepEqual(refused, native("verify", file("broken.json", broken), file("p.json", text)));
  assert.equal(verifier.engineVersion, proposal.engine_version);
});

test("the verifier's declarations type-check a bank's use of it", () => {
  writeFileSync(
    join(project, "service.ts"),
    `import { propose, verify, engineVersion } from "repay-verifier";
import type { Proposal, Verification } from "repay-verifier";

export function check(records: string, body: string): string[] {
  const answer: Verification = verify(records, body);
  if ("error" in answer) return [answer.error.code + " at " + answer.error.path];
  return answer.differences.map((d) => d.path);
}
export function made(records: string): string | undefined {
  const answer = propose(records, 2, { term_months: 12 });
  if ("error" in answer) return undefined;
  const proposal: Proposal = answer.proposal;
  return \`\${proposal.offer_key} \${proposal.choice.term_months} \${proposal.plan.total_paid} \${engineVersion}\`;
}
// @ts-expect-error a term is a number of months
propose("{}", 2, { term_months: "12" });
`,
  );
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022"], types: [], skipLibCheck: false },
      files: ["service.ts"],
    }),
  );
  assert.equal(typeCheck(project), "");
});

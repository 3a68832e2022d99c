// The npm package `repay-verifier`'s generated parts: run by `cargo xtask dist`
// (xtask/src/package.rs) as
//   node xtask/verifier.mjs SCHEMAS_DIR FOLDER VERSION
// once FOLDER holds the module (repay-verifier.wasm) and its wrapper (index.js):
// - FOLDER/types.d.ts from docs/schemas/verifier.schema.json (generated from the Rust
//   types), by json-schema-to-typescript;
// - FOLDER/index.d.ts from index.js's JSDoc, by tsc;
// - FOLDER/package.json.

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";

const [schemas, folder, version] = process.argv.slice(2);
if (!schemas || !folder || !version) {
  console.error("usage: node xtask/verifier.mjs SCHEMAS_DIR FOLDER VERSION");
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const schema = JSON.parse(readFileSync(join(schemas, "verifier.schema.json"), "utf8"));
schema.title = "VerifierInterface";
// Each definition is named as the Rust type it comes from: without a title, a union
// (`Proposed`, `Verification`) would be written out where it is used, unnamed.
for (const [name, definition] of Object.entries(schema.$defs ?? {})) {
  if (definition.oneOf || definition.anyOf) definition.title ??= name;
}
const types = await compile(schema, schema.title, {
  bannerComment:
    "// Generated from docs/schemas/verifier.schema.json (itself generated from the Rust types) by\n" +
    "// `cargo xtask dist` with json-schema-to-typescript: do not edit.\n",
  additionalProperties: false,
  unreachableDefinitions: false,
  strictIndexSignatures: true,
  format: true,
});
writeFileSync(join(folder, "types.d.ts"), types);

execFileSync(
  join(root, "node_modules/.bin/tsc"),
  [
    "--allowJs",
    "--declaration",
    "--emitDeclarationOnly",
    "--strict",
    "--target",
    "es2022",
    "--module",
    "nodenext",
    "--moduleResolution",
    "nodenext",
    "--lib",
    "es2022",
    "--types",
    "node",
    "--typeRoots",
    join(root, "node_modules/@types"),
    "--outDir",
    folder,
    join(folder, "index.js"),
  ],
  { stdio: "inherit" },
);

const manifest = {
  name: "repay-verifier",
  version,
  description:
    "The repayment engine's propose and verify for a bank's Node.js service: the same Rust as the widget, as WebAssembly, synchronous and in-process",
  license: "MIT OR Apache-2.0",
  type: "module",
  main: "./index.js",
  types: "./index.d.ts",
  exports: {
    ".": { types: "./index.d.ts", default: "./index.js" },
    "./types": { types: "./types.d.ts" },
    "./repay-verifier.wasm": "./repay-verifier.wasm",
    "./package.json": "./package.json",
  },
  engines: { node: ">=18" },
};
writeFileSync(join(folder, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);

// The npm package `repay-verifier`'s generated parts: run by `cargo xtask dist`
// (xtask/src/package.rs) as
//   node xtask/verifier.mjs SCHEMAS_DIR FOLDER VERSION
// once FOLDER holds the module (repay-verifier.wasm) and its wrapper (index.js):
// - FOLDER/types.d.ts from docs/schemas/verifier.schema.json (generated from the Rust
//   types), by json-schema-to-typescript;
// - FOLDER/index.d.ts from index.js's JSDoc, by tsc;
// - FOLDER/package.json.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { schemaTypes, scriptDeclarations } from "./declarations.mjs";

const [schemas, folder, version] = process.argv.slice(2);
if (!schemas || !folder || !version) {
  console.error("usage: node xtask/verifier.mjs SCHEMAS_DIR FOLDER VERSION");
  process.exit(2);
}

const { text } = await schemaTypes(schemas, "verifier.schema.json", "VerifierInterface");
writeFileSync(join(folder, "types.d.ts"), text);
scriptDeclarations([join(folder, "index.js")], folder, { lib: "es2022", module: "nodenext", types: "node" });

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

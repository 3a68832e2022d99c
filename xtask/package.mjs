// The npm package's generated parts: run by `cargo xtask dist` (xtask/src/package.rs) as
//   node xtask/package.mjs SCHEMAS_DIR FOLDER VERSION
//
// The TypeScript declarations (never written by hand):
// - FOLDER/types/{config,submission,answer,events}.d.ts from the JSON Schemas in
//   SCHEMAS_DIR (themselves generated from the Rust types), by json-schema-to-typescript;
//   events.d.ts also adds each event, by its name, to HTMLElementEventMap, so that
//   `element.addEventListener("repay:submitted", (event) => event.detail.reference)`
//   is typed;
// - FOLDER/repay-widget-element.d.ts and repay-widget-auto.d.ts from the scripts
//   themselves (their JSDoc), by tsc; the element's tag is added to
//   HTMLElementTagNameMap as the script defines it.
// FOLDER/repay-widget.d.ts is wasm-bindgen's, from the Rust signatures (src/embed.rs).
//
// And FOLDER/package.json: every entry point with its declarations (in this order: a
// `types` condition must come before `default`), the wasm, the stylesheet and
// integrity.json as files for a bundler to copy and a server to serve.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { schemaTypes, scriptDeclarations } from "./declarations.mjs";

const [schemas, folder, version] = process.argv.slice(2);
if (!schemas || !folder || !version) {
  console.error("usage: node xtask/package.mjs SCHEMAS_DIR FOLDER VERSION");
  process.exit(2);
}

/** Each schema, the name of its root type, and the file it becomes. */
const TYPES = [
  ["config.schema.json", "RepayWidgetConfig", "config.d.ts"],
  ["submission.schema.json", "ProposalSubmission", "submission.d.ts"],
  ["answer.schema.json", "ProposalAnswer", "answer.d.ts"],
  ["events.schema.json", "RepayWidgetEventDetails", "events.d.ts"],
];

mkdirSync(join(folder, "types"), { recursive: true });
for (const [source, name, file] of TYPES) {
  let { schema, text } = await schemaTypes(schemas, source, name);
  if (file === "events.d.ts") {
    const events = Object.keys(schema.properties)
      .map((event) => `    ${JSON.stringify(event)}: CustomEvent<${name}[${JSON.stringify(event)}]>;`)
      .join("\n");
    text +=
      "\n// Each event, on the host element (or the <repay-widget> element), with its detail.\n" +
      `declare global {\n  interface HTMLElementEventMap {\n${events}\n  }\n}\n`;
  }
  writeFileSync(join(folder, "types", file), text);
}

// The scripts' declarations, from their JSDoc. wasm-bindgen's Widget is disposable
// (`Symbol.dispose`).
const scripts = ["repay-widget-element.js", "repay-widget-auto.js"];
scriptDeclarations(
  scripts.map((script) => join(folder, script)),
  folder,
  { lib: "es2022,dom,esnext.disposable", module: "es2022", types: "" },
);
const element = join(folder, "repay-widget-element.d.ts");
const script = readFileSync(join(folder, "repay-widget-element.js"), "utf8");
const defined = [...script.matchAll(/customElements\.define\("([a-z0-9-]+)", (\w+)\)/g)];
if (defined.length !== 1) {
  console.error("repay-widget-element.js must define exactly one element");
  process.exit(1);
}
const [, tag, className] = defined[0];
writeFileSync(
  element,
  readFileSync(element, "utf8") +
    `declare global {\n  interface HTMLElementTagNameMap {\n    ${JSON.stringify(tag)}: ${className};\n  }\n}\n`,
);

/** An entry point: its declarations first, then the module. */
const entry = (file) => ({ types: `./${file.replace(/\.js$/, ".d.ts")}`, default: `./${file}` });
const manifest = {
  name: "repay-widget",
  version,
  description:
    "Self-service repayment widget for overdue credit-card accounts: WebAssembly, one stylesheet, a custom element, typed",
  license: "MIT OR Apache-2.0",
  type: "module",
  main: "./repay-widget.js",
  types: "./repay-widget.d.ts",
  exports: {
    ".": entry("repay-widget.js"),
    "./element": entry("repay-widget-element.js"),
    "./auto": entry("repay-widget-auto.js"),
    "./types/config": { types: "./types/config.d.ts" },
    "./types/submission": { types: "./types/submission.d.ts" },
    "./types/answer": { types: "./types/answer.d.ts" },
    "./types/events": { types: "./types/events.d.ts" },
    "./repay-widget.css": "./repay-widget.css",
    "./repay-widget_bg.wasm": "./repay-widget_bg.wasm",
    "./integrity.json": "./integrity.json",
    "./schemas/*": "./docs/schemas/*",
    "./openapi.json": "./docs/openapi.json",
    "./package.json": "./package.json",
  },
  // `npx repay-widget-csp PAGE.html`: the CSP sources of a page's own import maps.
  bin: { "repay-widget-csp": "./repay-widget-csp.js" },
  // Importing these runs them: a bundler must keep them, and the stylesheet.
  sideEffects: ["./repay-widget-element.js", "./repay-widget-auto.js", "*.css"],
};
writeFileSync(join(folder, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);

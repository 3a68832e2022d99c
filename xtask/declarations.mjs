// What the npm packages' generation scripts (package.mjs, verifier.mjs) share: a type
// declaration file from one of docs/schemas' JSON Schemas, and declarations from a
// script's JSDoc.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The TypeScript of `schemas/source` with its root type named `name`: each union
 * definition named as the Rust type it comes from (otherwise it is written out, unnamed,
 * where it is used). Returns the schema too, for what the caller adds.
 */
export async function schemaTypes(schemas, source, name) {
  const schema = JSON.parse(readFileSync(join(schemas, source), "utf8"));
  // The root type's name: the schema's title is a sentence for people.
  schema.title = name;
  for (const [key, definition] of Object.entries(schema.$defs ?? {})) {
    if (definition.oneOf || definition.anyOf) definition.title ??= key;
  }
  const text = await compile(schema, name, {
    bannerComment:
      `// Generated from docs/schemas/${source} (itself generated from the Rust types) by\n` +
      "// `cargo xtask dist` with json-schema-to-typescript: do not edit.\n",
    additionalProperties: false,
    unreachableDefinitions: false,
    strictIndexSignatures: true,
    format: true,
  });
  return { schema, text };
}

/**
 * Writes the declarations of `scripts` (their JSDoc) into `outDir` with the repository's
 * tsc: `lib`, `module` and `types` as the scripts need them.
 */
export function scriptDeclarations(scripts, outDir, { lib, module, types }) {
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
      module,
      "--moduleResolution",
      module === "nodenext" ? "nodenext" : "bundler",
      "--lib",
      lib,
      "--types",
      types,
      "--typeRoots",
      join(root, "node_modules/@types"),
      "--outDir",
      outDir,
      ...scripts,
    ],
    { stdio: "inherit" },
  );
}

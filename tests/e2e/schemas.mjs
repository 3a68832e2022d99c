// The JSON Schemas of docs/schemas, loaded once into ajv for the tests that check what
// travels against them.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const root = new URL("../../", import.meta.url);

/** Reads a JSON file of the repository, by its path from the root. */
export const readJson = (path) => JSON.parse(readFileSync(new URL(path, root), "utf8"));

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
for (const name of ["config", "submission", "answer"]) {
  ajv.addSchema(readJson(`docs/schemas/${name}.schema.json`), `${name}.schema.json`);
}

/** Whether `value` matches `docs/schemas/{schema}.schema.json`. */
export const isValid = (schema, value) => ajv.getSchema(`${schema}.schema.json`)(value);

/** Fails unless `value` matches `docs/schemas/{schema}.schema.json`. */
export function assertValid(schema, value, what) {
  const validate = ajv.getSchema(`${schema}.schema.json`);
  assert.ok(validate(value), `${what}: ${ajv.errorsText(validate.errors)}`);
}

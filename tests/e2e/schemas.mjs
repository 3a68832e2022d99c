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

// docs/openapi.json: its components (JSON Schema 2020-12, referring to each other as
// `#/components/schemas/NAME`), in an ajv of their own: the document's other parts are
// not JSON Schema keywords.
const openapi = readJson("docs/openapi.json");
const openapiAjv = new Ajv2020({ strict: false, allErrors: true });
addFormats(openapiAjv);
openapiAjv.addSchema({ $id: "openapi.json", components: openapi.components });

/**
 * Fails unless `value` is what docs/openapi.json says `method path` answers with
 * `status` (or, with `status` "request", its request body).
 */
export function assertOpenApi(method, path, status, value, what) {
  const operation = openapi.paths[path][method];
  const part = status === "request" ? operation.requestBody : operation.responses[String(status)];
  assert.ok(part, `${what}: docs/openapi.json has no ${status} for ${method} ${path}`);
  const { $ref } = part.content["application/json"].schema;
  const validate = openapiAjv.compile({ $ref: `openapi.json${$ref}` });
  assert.ok(validate(value), `${what}: ${openapiAjv.errorsText(validate.errors)}`);
}

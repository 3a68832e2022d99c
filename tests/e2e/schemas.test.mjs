// The JSON Schemas in docs/schemas describe what actually travels: the example
// configurations, the example submission and answers validate, and so do the answers
// the real dev-bank gives to the example submission (which must also still recompute
// exactly — a stale example is refused with figures_differ). docs/openapi.json says the
// same, status by status, of the endpoint and the lookup.

import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { after, before, test } from "node:test";
import { signedIn, startDevBank } from "./harness.mjs";
import { assertOpenApi, assertValid, isValid, readJson as read } from "./schemas.mjs";

const root = new URL("../../", import.meta.url);

test("the example configurations match the configuration schema", () => {
  for (const file of ["cn-card.json", "us-card.json"]) {
    assertValid("config", read(`crates/engine/data/${file}`), file);
  }
});

test("the schema describes the theme as the widget reads it", () => {
  const config = read("crates/engine/data/cn-card.json");
  const themed = {
    ...config,
    theme: {
      variables: { "color-accent": "#0d6147", density: "0.8" },
      shadow_dom: { stylesheet: "/repay/repay-widget.css", integrity: "sha384-abc" },
    },
  };
  assertValid("config", themed, "a themed configuration");
  assertValid(
    "config",
    {
      ...config,
      theme: {
        variables: {
          "color-border": "rgb(12 34 56 / 50%)",
          radius: "0",
          "font-size": "1.125rem",
          font: "\"PingFang SC\", 'Noto Sans', 微软雅黑, sans-serif",
        },
      },
    },
    "every kind of theme value",
  );
  for (const theme of [
    { variables: { "colour-accent": "red" } },
    { variables: { "color-text": "red; background: url(x)" } },
    { variables: { "color-accent": "url(https://tracker.example/x.png)" } },
    { variables: { "color-surface": "image-set(\"https://tracker.example/x.png\" 1x)" } },
    { variables: { radius: "red" } },
    { variables: { density: "-1" } },
    { variables: { font: "url(https://fonts.example/f.woff2)" } },
    { shadow_dom: { stylesheet: "/\\evil.example/x.css" } },
    { shadow_dom: { stylesheet: "javascript:alert(1)" } },
    { shadow_dom: {} },
    { dark: true },
  ]) {
    assert.equal(isValid("config", { ...config, theme }), false, JSON.stringify(theme));
  }
});

test("the schema holds the configuration's limits: plan offers, the CSRF header", () => {
  const config = read("crates/engine/data/cn-card.json");
  const plans = config.policy.plans;
  const withPlans = (count) => ({
    ...config,
    policy: { ...config.policy, plans: Array.from({ length: count }, (_, i) => plans[i % plans.length]) },
  });
  assert.equal(isValid("config", withPlans(0)), false);
  assert.equal(isValid("config", withPlans(1)), true);
  assert.equal(isValid("config", withPlans(16)), true);
  assert.equal(isValid("config", withPlans(17)), false);
  const withHeader = (header) => ({ ...config, csrf: { cookie: "csrf", header } });
  assert.equal(isValid("config", withHeader("X-CSRF-Token")), true);
  for (const header of ["Idempotency-Key", "content-type", "Cookie", "Sec-Fetch-Site", "Proxy-Authorization"]) {
    assert.equal(isValid("config", withHeader(header)), false, header);
  }
});

test("the example submission and answers match their schemas", () => {
  assertValid("submission", read("docs/examples/submission.json"), "submission.json");
  for (const file of readdirSync(new URL("docs/examples/", root))) {
    if (file !== "submission.json") assertValid("answer", read(`docs/examples/${file}`), file);
  }
});

test("the schema refuses what the contract refuses", () => {
  const submission = read("docs/examples/submission.json");
  const validate = (value) => isValid("submission", value);
  assert.equal(validate({ ...submission, surprise: 1 }), false, "unknown field");
  assert.equal(validate({ ...submission, schema_version: 2 }), false, "schema version");
  assert.equal(validate({ ...submission, message: "x".repeat(501) }), false, "message too long");
  const config = read("crates/engine/data/cn-card.json");
  const configValidate = (value) => isValid("config", value);
  assert.equal(configValidate({ ...config, terms: { url: "javascript:alert(1)", version: "1" } }), false, "script link");
});

let bank;
let session;
before(async () => {
  bank = await startDevBank();
  session = await signedIn(bank.url);
});
after(async () => {
  await bank?.close();
});

async function post(body, headers = {}) {
  const response = await fetch(`${bank.url}/api/proposals`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "idempotency-key": body.proposal_id,
      ...session,
      ...headers,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

test("the dev-bank's answers match the answer schema", async () => {
  const submission = read("docs/examples/submission.json");
  const accepted = await post(submission);
  assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
  assertValid("answer", accepted.body, "accepted");
  const repeat = await post(submission);
  assert.equal(repeat.status, 200);
  assert.equal(repeat.body.duplicate, true);
  assertValid("answer", repeat.body, "duplicate");

  const tampered = structuredClone(submission);
  tampered.proposal_id = "00000000-0000-4000-8000-000000000001";
  tampered.proposal.plan.total_paid = "1.00";
  const differs = await post(tampered);
  assert.equal(differs.status, 422);
  assert.equal(differs.body.error, "figures_differ");
  assertValid("answer", differs.body, "figures_differ");

  const wrongType = await post(submission, { "content-type": "text/plain" });
  assert.equal(wrongType.status, 415);
  assertValid("answer", wrongType.body, "unsupported_media_type");

  const stranger = await post(submission, { cookie: "", "x-csrf-token": "" });
  assert.equal(stranger.status, 401);
  assertValid("answer", stranger.body, "sign_in_required");
});

test("the dev-bank's real answers are what docs/openapi.json says, status by status", async () => {
  const submission = read("docs/examples/submission.json");
  submission.proposal_id = "00000000-0000-4000-8000-00000000a001";
  assertOpenApi("post", "/proposals", "request", submission, "the example submission");
  const accepted = await post(submission);
  assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
  assertOpenApi("post", "/proposals", 201, accepted.body, "accepted");
  const repeat = await post(submission);
  assertOpenApi("post", "/proposals", repeat.status, repeat.body, "duplicate");

  const answers = [
    await post({ ...submission, proposal_id: "00000000-0000-4000-8000-00000000a002", surprise: 1 }),
    await post(submission, { "content-type": "text/plain" }),
    await post(submission, { cookie: "", "x-csrf-token": "" }),
    await post(submission, { "x-csrf-token": "wrong" }),
    await fetch(`${bank.url}/api/proposals`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": "00000000-0000-4000-8000-00000000a003", ...session },
      body: "{ not json",
    }).then(async (response) => ({ status: response.status, body: await response.json() })),
  ];
  assert.deepEqual(answers.map((answer) => answer.status), [422, 415, 401, 403, 400]);
  for (const answer of answers) assertOpenApi("post", "/proposals", answer.status, answer.body, answer.body.error);

  const lookup = (reference, token) =>
    fetch(`${bank.url}/api/proposals/${reference}`, {
      headers: { ...session, authorization: `Bearer ${token}` },
    }).then(async (response) => ({ status: response.status, body: await response.json() }));
  const found = await lookup(accepted.body.reference, accepted.body.access_token);
  assert.equal(found.status, 200);
  assertOpenApi("get", "/proposals/{reference}", 200, found.body, "the lookup");
  assert.deepEqual(found.body.proposal, submission.proposal);
  const missing = await lookup("RP-AAAAAAAAAAAA", accepted.body.access_token);
  assert.equal(missing.status, 404);
  assertOpenApi("get", "/proposals/{reference}", 404, missing.body, "not found");
});

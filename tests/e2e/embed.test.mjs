// The folder banks copy (`cargo xtask dist`), in real Chromium: the guide's snippet under
// the strict CSP with integrity on every file, auto-mounting several widgets, the API
// (update, destroy, bad configurations), events without personal data, the shadow-DOM
// mode against hostile host styles, theme variables and a right-to-left page.

import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  AXE,
  axeViolations,
  chooseLanguage,
  launchBrowser,
  offeredLanguages,
  openRecordedPage,
  serveStatic,
  signInContext,
  startDevBank,
  walkToReview,
} from "./harness.mjs";

const FOLDER = process.env.REPAY_FOLDER ?? "target/dist/repay-widget-0.1.0";
const INTEGRITY = JSON.parse(readFileSync(join(FOLDER, "integrity.json"), "utf8"));
// The guide's strict CSP, with the one inline script it allows: the import map, by hash.
const CSP = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${INTEGRITY.csp["script-src"]}; style-src 'self'`;
const SAMPLE = JSON.parse(readFileSync(join(FOLDER, "us-card.json"), "utf8"));
const EVENTS = ["ready", "step-change", "plan-change", "submit", "submitted", "error"];

let browser;
let bank;
let site;
let openSite;
// The folder under a CSP that lacks the import map's hash: the map is blocked, as on a
// page whose CSP was written for another build.
let mapBlockedSite;
const CSP_WITHOUT_MAP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

before(async () => {
  browser = await launchBrowser();
  bank = await startDevBank();
  site = await serveStatic(FOLDER, { "content-security-policy": CSP }, bank.url);
  // The same folder without a CSP, so a test can add a hostile stylesheet of its own.
  openSite = await serveStatic(FOLDER, {}, bank.url);
  mapBlockedSite = await serveStatic(FOLDER, { "content-security-policy": CSP_WITHOUT_MAP }, bank.url);
});

after(async () => {
  await site?.close();
  await openSite?.close();
  await mapBlockedSite?.close();
  await bank?.close();
  await browser?.close();
});

/** The browser asks every site for a favicon; the example pages have none. */
async function noFavicon(page) {
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
}

/** Records every repay:* event that reaches the document, before the page's own script. */
async function recordEvents(page) {
  await noFavicon(page);
  await page.addInitScript((names) => {
    window.__events = [];
    for (const name of names) {
      document.addEventListener(`repay:${name}`, (event) => {
        window.__events.push({ type: event.type, detail: event.detail, bubbles: event.bubbles, composed: event.composed });
      });
    }
  }, EVENTS);
}

const events = (page) => page.evaluate(() => window.__events);

test("the guide's snippet runs under the strict CSP, checks every file's integrity, and sends a proposal", async () => {
  const requests = [];
  const infos = [];
  const warnings = [];
  const { context, page, problems } = await openRecordedPage(
    browser,
    `${site.url}/example.html`,
    {},
    async (page, context) => {
      await signInContext(context, site.url, "jordan");
      await recordEvents(page);
      page.on("request", (request) => {
        if (!request.url().endsWith("/favicon.ico")) requests.push(request.url());
      });
      page.on("console", (message) => {
        if (message.type() === "info") infos.push(message.text());
        if (message.type() === "warning") warnings.push(message.text());
      });
    },
  );
  const widget = page.getByTestId("repay-widget");
  await widget.waitFor();
  assert.equal(await widget.getAttribute("lang"), "en-US");
  assert.match(await page.getByTestId("overdue-amount").textContent(), /\$/);

  // Every script and stylesheet the page names carries the integrity of the file in the
  // folder. The fetch preloads carry none (Chromium ignores it there): the wasm's is in
  // the glue's fetch, which the preloaded response must match (the next test tampers).
  const manifest = INTEGRITY.files;
  const tagged = await page.evaluate(() =>
    [...document.querySelectorAll("link[href], script[src]")].map((el) => ({
      file: el.getAttribute("href") ?? el.getAttribute("src"),
      preload: el.getAttribute("rel") === "preload",
      integrity: el.getAttribute("integrity"),
    })),
  );
  const checked = tagged.filter((asset) => !asset.preload);
  assert.ok(checked.length >= 3, JSON.stringify(tagged));
  for (const { file, integrity } of checked) {
    assert.equal(integrity, manifest[file].integrity, file);
  }
  assert.deepEqual(
    tagged.filter((asset) => asset.preload).map((asset) => [asset.file, asset.integrity]),
    [["repay-widget_bg.wasm", null]],
  );
  // The glue is imported by the page's script; its own module script element (checked
  // above, with its integrity) fetches it first, and the import map holds the same
  // integrity for every import of it.
  assert.ok(checked.some((asset) => asset.file === "repay-widget.js"), "the glue's own element");
  const importMap = await page.evaluate(() =>
    JSON.parse(document.querySelector('script[type="importmap"]').textContent),
  );
  assert.deepEqual(importMap, {
    integrity: { "./repay-widget.js": manifest["repay-widget.js"].integrity },
  });
  // The glue fetches the wasm with the wasm's integrity.
  const glue = readFileSync(join(FOLDER, "repay-widget.js"), "utf8");
  assert.ok(glue.includes(manifest["repay-widget_bg.wasm"].integrity));
  // The preload was used, not fetched a second time, and warned of nothing.
  assert.equal(requests.filter((url) => url.endsWith("/repay-widget_bg.wasm")).length, 1);
  assert.deepEqual(warnings, []);
  // The configuration is in the page, as the server wrote it: the sample customer's,
  // with every "<" escaped, and no request of its own.
  const block = await page.evaluate(() => document.getElementById("repayment-config").textContent);
  assert.ok(!block.includes("<"), "the JSON block has no raw <");
  assert.deepEqual(JSON.parse(block), JSON.parse(readFileSync(join(FOLDER, "us-card.json"), "utf8")));
  assert.deepEqual(
    requests.filter((url) => url.endsWith(".json")),
    [],
  );

  await walkToReview(widget);
  await page.getByTestId("send").click();
  const reference = (await page.getByTestId("reference").textContent({ timeout: 30_000 })).trim();
  assert.match(reference, /^RP-/);
  // The snippet's own listener heard the acceptance.
  await page.waitForFunction(() => window.__events.some((e) => e.type === "repay:submitted"));
  assert.ok(infos.some((text) => text.includes(reference)), infos.join("\n"));

  const heard = await events(page);
  const types = heard.map((e) => e.type);
  assert.equal(types[0], "repay:ready");
  for (const name of ["step-change", "plan-change", "submit", "submitted"]) {
    assert.ok(types.includes(`repay:${name}`), `${name} in ${types}`);
  }
  assert.ok(heard.every((e) => e.bubbles && e.composed));
  assert.deepEqual(heard[0].detail, { locale: "en-US", step: "status" });
  const plan = heard.filter((e) => e.type === "repay:plan-change").at(-1).detail;
  assert.deepEqual(plan, { offer: 2, plan: "instalment", months: 12 });
  const submit = heard.find((e) => e.type === "repay:submit").detail;
  const submitted = heard.find((e) => e.type === "repay:submitted").detail;
  assert.equal(submitted.proposalId, submit.proposalId);
  assert.equal(submitted.reference, reference);
  // No amounts, no names, nothing typed: only ids, codes, steps and counts.
  const details = JSON.stringify(heard.map((e) => e.detail));
  assert.doesNotMatch(details, /\d+\.\d\d/, details);
  assert.doesNotMatch(details, /Jordan|\$/, details);

  // Nothing but this site: the bundle and the endpoint.
  const foreign = requests.filter((url) => !url.startsWith(site.url));
  assert.deepEqual(foreign, []);
  assert.deepEqual(problems, []);
  await context.close();
});

/**
 * How each file is changed on its way to the browser, as a host or CDN that was broken
 * into would: script gets a line of its own that records that it ran, the stylesheet a
 * rule that shows that it applied, the wasm a flipped byte.
 */
function tampered(file, body) {
  if (file.endsWith(".js")) {
    return Buffer.concat([body, Buffer.from(`\n;(window.__ran ??= []).push(${JSON.stringify(file)});\n`)]);
  }
  if (file.endsWith(".css")) {
    return Buffer.concat([body, Buffer.from("\nhtml { --tampered: yes; }\n")]);
  }
  const changed = Buffer.from(body);
  changed[changed.length - 1] ^= 0xff;
  return changed;
}

/** The example page without the glue's own script element, as a host may leave it out. */
async function withoutGlueElement(page) {
  await page.route("**/example.html", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/^.*<script type="module" src="repay-widget\.js".*\n/m, "");
    await route.fulfill({ response, body: html });
  });
}

// Every file the pages run, changed in turn: the glue (imported; checked by its own
// script element and by the import map), also on a page without the element (the map
// alone) and under a CSP that blocks the map (the element alone), each page's own script,
// the wasm and the stylesheet.
const TAMPERING = [
  ["example.html", "repay-widget.js", ""],
  ["example.html", "repay-widget.js", "no glue element"],
  ["example.html", "repay-widget.js", "map blocked"],
  ["example.html", "example.js", ""],
  ["example.html", "repay-widget_bg.wasm", ""],
  ["example.html", "repay-widget.css", ""],
  ["example-auto.html", "repay-widget.js", ""],
  ["example-auto.html", "repay-widget.js", "map blocked"],
  ["example-auto.html", "repay-widget-auto.js", ""],
];

for (const [pageName, file, variant] of TAMPERING) {
  const how = {
    "": "",
    "no glue element": " (page without the glue's own script element)",
    "map blocked": " (a CSP without the import map's hash)",
  }[variant];
  test(`${pageName}: a changed ${file} is refused and none of it runs${how}`, async () => {
    const origin = variant === "map blocked" ? mapBlockedSite : site;
    const { context, page, problems } = await openRecordedPage(
      browser,
      `${origin.url}/${pageName}`,
      {},
      async (page) => {
        await noFavicon(page);
        if (variant === "no glue element") await withoutGlueElement(page);
        await page.route(`**/${file}`, async (route) => {
          const response = await route.fetch();
          await route.fulfill({ response, body: tampered(file, await response.body()) });
        });
      },
    );
    await page.waitForLoadState("load");
    await page.waitForTimeout(1500);
    assert.ok(
      problems.some((p) => p.includes("integrity") && p.includes(file)),
      problems.join("\n"),
    );
    assert.equal(await page.evaluate(() => window.__ran ?? null), null, "changed code ran");
    if (file.endsWith(".css")) {
      const applied = await page.evaluate(() =>
        getComputedStyle(document.documentElement).getPropertyValue("--tampered"),
      );
      assert.equal(applied, "", "the changed stylesheet applied");
    } else {
      assert.equal(await page.getByTestId("repay-widget").count(), 0);
    }
    await context.close();
  });
}

test("the page without the glue's own element still starts the widget: the import map alone checks the glue", async () => {
  const { context, page, problems } = await openRecordedPage(
    browser,
    `${site.url}/example.html`,
    {},
    async (page) => {
      await noFavicon(page);
      await withoutGlueElement(page);
    },
  );
  await page.getByTestId("repay-widget").waitFor();
  assert.equal(await page.locator('script[src="repay-widget.js"]').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("under a CSP without the import map's hash the pages still start, the glue checked by its own element", async () => {
  for (const pageName of ["example.html", "example-auto.html"]) {
    const { context, page, problems } = await openRecordedPage(
      browser,
      `${mapBlockedSite.url}/${pageName}`,
      {},
      noFavicon,
    );
    await page.getByTestId("repay-widget").first().waitFor();
    // The one console error is the blocked map's.
    assert.equal(problems.length, 1, problems.join("\n"));
    assert.match(problems[0], /Content Security Policy/);
    await context.close();
  }
});

test("the auto-mount page runs two independent widgets, each with its own ids and language", async () => {
  const { context, page, problems } = await openRecordedPage(
    browser,
    `${site.url}/example-auto.html`,
    {},
    noFavicon,
  );
  const widgets = page.getByTestId("repay-widget");
  await widgets.nth(1).waitFor();
  assert.equal(await widgets.count(), 2);
  assert.equal(await widgets.nth(0).getAttribute("lang"), "zh-CN");
  assert.equal(await widgets.nth(1).getAttribute("lang"), "en-US");
  const duplicates = await page.evaluate(() => {
    const ids = [...document.querySelectorAll("[id]")].map((el) => el.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  });
  assert.deepEqual(duplicates, []);
  // Moving on in one leaves the other where it was.
  await widgets.nth(1).getByTestId("see-options").click();
  await widgets.nth(1).getByTestId("options").waitFor();
  assert.equal(await widgets.nth(0).getByTestId("options").count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
  // axe is injected as an inline script, which the strict CSP rightly refuses.
  const open = await openRecordedPage(browser, `${openSite.url}/example-auto.html`, {}, noFavicon);
  await open.page.getByTestId("repay-widget").nth(1).waitFor();
  await open.page.addScriptTag({ path: AXE });
  assert.deepEqual(await axeViolations(open.page), []);
  await open.context.close();
});

test("auto-mount takes inline JSON, and a configuration URL that fails shows the error panel", async () => {
  const us = readFileSync(join(FOLDER, "us-card.json"), "utf8");
  const page404 = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<link rel="stylesheet" href="repay-widget.css">
<script type="module" src="repay-widget-auto.js"></script></head><body>
<div id="inline" data-repay-widget><script type="application/json">${us}</script></div>
<div id="missing" data-repay-widget data-config-url="no-such.json"></div>
</body></html>`;
  const { context, page, problems } = await openRecordedPage(
    browser,
    `${site.url}/auto-test.html`,
    {},
    async (page) => {
      await noFavicon(page);
      await page.route("**/auto-test.html", (route) =>
        route.fulfill({ contentType: "text/html", body: page404, headers: { "content-security-policy": CSP } }),
      );
    },
  );
  await page.locator("#inline").getByTestId("repay-widget").waitFor();
  await page.locator("#missing").getByTestId("config-error").waitFor();
  assert.equal(await page.locator("#inline").getByTestId("config-error").count(), 0);
  assert.ok(problems.some((p) => p.includes("no-such.json") && p.includes("404")), problems.join("\n"));
  await context.close();
});

// A configuration names where proposals go and which numbers to call: markup injected
// into a page without a CSP must not be able to mount one from the attacker's server.
test("auto-mount fetches a configuration from another origin only when the page's script opts in", async () => {
  let asked = 0;
  const foreign = await serveStatic(FOLDER, { "access-control-allow-origin": "*" });
  // The page is served for real from loopback (a page Playwright fulfils has no address
  // space of its own, and Chromium then refuses it any request to loopback).
  const root = mkdtempSync(join(tmpdir(), "repay-auto-origin-"));
  cpSync(FOLDER, root, { recursive: true });
  const pageWith = (origins) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
<link rel="stylesheet" href="repay-widget.css">
<script type="module" src="repay-widget-auto.js"${origins ? ` data-config-origins="${origins}"` : ""}></script></head><body>
<div id="foreign" data-repay-widget data-config-url="${foreign.url}/us-card.json"></div>
<div id="own" data-repay-widget data-config-url="us-card.json"></div>
</body></html>`;
  writeFileSync(join(root, "closed.html"), pageWith(null));
  writeFileSync(join(root, "opted-in.html"), pageWith(foreign.url));
  // No CSP on these pages: the script's own rule is all that stands in the way.
  const own = await serveStatic(root);
  try {
    for (const [file, mounted] of [
      ["closed.html", false],
      ["opted-in.html", true],
    ]) {
      asked = 0;
      const { context, page, problems } = await openRecordedPage(browser, `${own.url}/${file}`, {}, async (page) => {
        await noFavicon(page);
        page.on("request", (request) => {
          if (request.url().startsWith(foreign.url)) asked += 1;
        });
      });
      try {
        await page.locator("#own").getByTestId("repay-widget").waitFor();
        const panel = page.locator("#foreign").getByTestId("config-error");
        if (mounted) {
          await page.locator("#foreign").getByTestId("see-options").waitFor();
          assert.equal(await panel.count(), 0, problems.join("\n"));
          assert.equal(asked, 1);
        } else {
          await panel.waitFor();
          assert.equal(asked, 0, "nothing is fetched from another origin");
          assert.ok(
            problems.some((p) => p.includes("another origin") && p.includes("data-config-origins")),
            problems.join("\n"),
          );
        }
      } finally {
        await context.close();
      }
    }
  } finally {
    await own.close();
    await foreign.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test("update keeps what the customer typed, another account starts afresh, destroy removes everything", async () => {
  const { context, page, problems } = await openRecordedPage(browser, `${site.url}/example.html`, {}, recordEvents);
  const widget = page.getByTestId("repay-widget");
  await widget.waitFor();
  await widget.getByTestId("see-options").click();
  await widget.getByTestId("tell-us").click();
  const income = widget.locator(".repay-widget__input").first();
  await income.fill("4200");
  // Same account, another language: same step, the typed income still there.
  await page.evaluate(async () => {
    const config = await (await fetch("us-card.json")).json();
    window.repayWidget.update({ ...config, locale: "zh-CN" });
  });
  await page.waitForFunction(() => document.querySelector("[data-testid=repay-widget]")?.lang === "zh-CN");
  assert.equal(await widget.getByTestId("situation").count(), 1);
  assert.equal(await widget.locator(".repay-widget__input").first().inputValue(), "4200");
  // Another account: its own status.
  await page.evaluate(async () => {
    window.repayWidget.update(await (await fetch("cn-card.json")).text());
  });
  await page.getByTestId("days-past-due").waitFor();
  assert.match(await page.getByTestId("overdue-amount").textContent(), /860\.00/);
  // Destroy: the host element holds nothing but the page's own blank lines (mount took
  // the placeholder away), and later calls do nothing.
  const left = await page.evaluate(() => {
    window.repayWidget.destroy();
    window.repayWidget.destroy();
    window.repayWidget.update("{}");
    const host = document.getElementById("repayment");
    return { elements: host.children.length, text: host.textContent.trim() };
  });
  assert.deepEqual(left, { elements: 0, text: "" });
  assert.deepEqual(problems, []);
  await context.close();
});

// Plans by identity (#29), through update(): the bank's page hands the widget a new
// configuration while the customer is at the review. Offers 2 and 3 swapped: the review
// still shows the plan the customer chose, consent kept. That offer then changed: the
// choice and consent are gone, and the options say why.
test("update() after the bank reorders or changes its offers never shows a plan the customer did not choose", async () => {
  const { context, page, problems } = await openRecordedPage(browser, `${site.url}/example.html`, {}, recordEvents);
  await page.getByTestId("repay-widget").waitFor();
  await walkToReview(page, { term: "12" });
  const summary = () => page.getByTestId("review-summary").textContent();
  const chosen = await summary();
  // The page's CSP allows no eval: the rewrite is named, and done inside the page.
  const update = (change) =>
    page.evaluate(async (change) => {
      const config = await (await fetch("us-card.json")).json();
      const plans = config.policy.plans;
      [plans[2], plans[3]] = [plans[3], plans[2]];
      if (change === "swap and change") {
        const kind = Object.keys(plans[3])[0];
        plans[3][kind].approval = plans[3][kind].approval === "instant" ? "review" : "instant";
      }
      window.repayWidget.update(config);
    }, change);

  await update("swap");
  await page.getByTestId("review").waitFor();
  assert.equal(await summary(), chosen, "still the plan the customer chose");
  assert.equal(await page.getByTestId("consent").isChecked(), true);

  await update("swap and change");
  await page.getByTestId("options").waitFor();
  assert.match(await page.getByTestId("offers-changed").textContent(), /plans have changed since you chose one/);
  assert.equal(await page.getByTestId("review").count(), 0);
  assert.equal(await page.locator("[data-testid^=choose-plan-][aria-pressed=true]").count(), 0, "nothing is chosen");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a theme typo is ignored: the widget runs with its defaults, one console warning and one repay:error of kind ignored per variable", async () => {
  const { context, page, problems } = await openRecordedPage(browser, `${site.url}/example.html`, {}, recordEvents);
  const warnings = [];
  page.on("console", (message) => {
    if (message.type() === "warning") warnings.push(message.text());
  });
  await page.getByTestId("repay-widget").waitFor();
  const result = await page.evaluate(async () => {
    const { mount } = await import("./repay-widget.js");
    const config = await (await fetch("us-card.json")).json();
    // A leading "--", and a value that would fetch (theme values paint only).
    config.theme = { variables: { "--repay-radius": "4px", "color-surface": "url(https://tracker.example/x.png)", radius: "3px" } };
    const element = document.createElement("div");
    document.body.append(element);
    const heard = [];
    element.addEventListener("repay:error", (event) => heard.push(event.detail));
    mount(element, config);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The theme's custom properties are set on the widget's holder, inside the element.
    const holder = element.firstElementChild;
    return {
      heard,
      shown: element.querySelector("[data-testid=overdue-amount]")?.textContent ?? null,
      radius: holder.style.getPropertyValue("--repay-radius"),
      surface: holder.style.getPropertyValue("--repay-color-surface"),
    };
  });
  assert.deepEqual(result.heard, [
    { kind: "ignored", field: "theme.variables.--repay-radius", reason: "unknown_field" },
    { kind: "ignored", field: "theme.variables.color-surface", reason: "not_allowed" },
  ]);
  assert.match(result.shown, /75\.00/);
  assert.equal(result.radius.trim(), "3px", "the good variable still applies");
  assert.equal(result.surface, "", "the refused value is not applied");
  assert.equal(warnings.filter((w) => w.includes("repay-widget")).length, 2, warnings.join("\n"));
  assert.deepEqual(problems, []);
  await context.close();
});

test("each kind of bad configuration shows the panel naming the field, logs one error and fires repay:error", async () => {
  const { context, page, problems } = await openRecordedPage(browser, `${site.url}/example.html`, {}, recordEvents);
  await page.getByTestId("repay-widget").waitFor();
  const cases = [
    ["not JSON", "{\"locale\": \"en-US\",", "", "malformed_json"],
    ["a missing field", { drop: "account" }, "account", "missing"],
    ["a wrong type", { set: ["review_days", "three"] }, "review_days", "wrong_type"],
    ["an unsupported currency", { set: ["account.currency", "XYZ"] }, "account.currency", "unsupported_currency"],
    ["an unsupported locale", { set: ["locale", "fr-FR"] }, "locale", "unsupported_locale"],
    // Written as paths on this (plain-HTTP) site, resolved by the browser to another host.
    ["a terms link that leaves the site", { set: ["terms.url", "/\\evil.example/terms"] }, "terms.url", "not_allowed"],
    ["an endpoint that leaves the site", { set: ["endpoint", "/\t/evil.example/api"] }, "endpoint", "not_allowed"],
    ["a CSRF header the widget sets itself", { set: ["csrf", { cookie: "csrf", header: "Idempotency-Key" }] }, "csrf.header", "not_allowed"],
    ["a policy without plans", { set: ["policy.plans", []] }, "policy.plans", "empty"],
    ["a policy with too many plans", { set: ["policy.plans", Array(17).fill(SAMPLE.policy.plans[0])] }, "policy.plans", "too_many"],
    // Valid JSON nested past the limit: said to be too deep, not "not JSON".
    ["a theme nested 10,000 levels deep", JSON.stringify(SAMPLE).replace("{", `{"theme":${"[".repeat(10_000)}${"]".repeat(10_000)},`), "", "too_deep"],
  ];
  for (const [name, change, field, reason] of cases) {
    const before = problems.length;
    const result = await page.evaluate(async ([change, field]) => {
      const { mount } = await import("./repay-widget.js");
      let config = change;
      if (typeof change === "object") {
        config = await (await fetch("us-card.json")).json();
        if (change.drop) delete config[change.drop];
        if (change.set) {
          const [path, value] = change.set;
          const keys = path.split(".");
          let at = config;
          for (const key of keys.slice(0, -1)) at = at[key];
          at[keys.at(-1)] = value;
        }
      }
      const element = document.createElement("div");
      document.body.append(element);
      const heard = new Promise((resolve) =>
        element.addEventListener("repay:error", (event) => resolve(event.detail), { once: true }),
      );
      mount(element, config);
      const late = new Promise((resolve) => setTimeout(() => resolve("no repay:error within 5 s"), 5000));
      const detail = await Promise.race([heard, late]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const panel = element.querySelector("[data-testid=config-error-detail]");
      return { detail, panel: panel?.textContent ?? null, blank: element.textContent.trim() === "" };
    }, [change, field]);
    assert.deepEqual(result.detail, { kind: "config", field, reason }, name);
    assert.ok(result.panel, `${name}: no panel`);
    if (field) assert.ok(result.panel.includes(field), `${name}: ${result.panel}`);
    if (reason === "too_deep") assert.match(result.panel, /more than 127 levels deep \(line 1, column \d+\)/, name);
    assert.equal(result.blank, false, name);
    const logged = problems.slice(before);
    assert.equal(logged.length, 1, `${name}: ${logged.join("\n")}`);
    assert.ok(logged[0].includes("repay-widget"), logged[0]);
  }
  // Only a non-element is refused by throwing.
  const thrown = await page.evaluate(async () => {
    const { mount } = await import("./repay-widget.js");
    try {
      mount(null, {});
      return null;
    } catch (error) {
      return error.message;
    }
  });
  assert.match(thrown, /needs an element/);
  await context.close();
});

test("in shadow-DOM mode the host's styles do not reach in; theme variables, events and RTL still work", async () => {
  const { context, page, problems } = await openRecordedPage(
    browser,
    `${openSite.url}/example.html`,
    {},
    noFavicon,
  );
  await page.getByTestId("repay-widget").waitFor();
  // A host page with careless global styles.
  await page.addStyleTag({ content: "button { background: rgb(255, 0, 0) !important; font-family: monospace !important; }" });
  const result = await page.evaluate(async () => {
    const { mount } = await import("./repay-widget.js");
    const config = await (await fetch("cn-card.json")).json();
    config.theme = {
      variables: { radius: "3px", "color-accent": "#0d6147" },
      shadow_dom: { stylesheet: "/repay-widget.css" },
    };
    const element = document.createElement("div");
    document.body.append(element);
    const ready = new Promise((resolve) => {
      element.addEventListener("repay:ready", (e) => resolve(e.detail), { once: true });
      element.addEventListener("repay:error", (e) => resolve(e.detail), { once: true });
    });
    const widget = mount(element, config);
    const readyDetail = await ready;
    const shadow = element.querySelector(".repay-widget-host").shadowRoot;
    // Wait for the shadow root's stylesheet.
    for (let i = 0; i < 50 && getComputedStyle(shadow.querySelector(".repay-widget")).borderRadius !== "3px"; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const inside = shadow.querySelector(".repay-widget");
    const radius = getComputedStyle(inside).borderRadius;
    const shadowButton = getComputedStyle(shadow.querySelector("button")).backgroundColor;
    const lightButton = getComputedStyle(document.querySelector("#repayment button")).backgroundColor;
    // Right to left: the page mirrors and nothing overflows.
    document.documentElement.dir = "rtl";
    const direction = getComputedStyle(inside).direction;
    const overflow = document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth;
    widget.destroy();
    return {
      readyDetail,
      radius,
      shadowButton,
      lightButton,
      direction,
      overflow,
      left: element.innerHTML,
    };
  });
  assert.deepEqual(result.readyDetail, { locale: "zh-CN", step: "status" });
  assert.equal(result.radius, "3px");
  assert.equal(result.lightButton, "rgb(255, 0, 0)", "the light-DOM widget is reachable (the test's premise)");
  assert.notEqual(result.shadowButton, "rgb(255, 0, 0)");
  assert.equal(result.direction, "rtl");
  assert.ok(result.overflow <= 0, `horizontal overflow of ${result.overflow}px`);
  assert.equal(result.left, "");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the whole flow works by keyboard alone at 320 px, with no horizontal scrolling at any step", async () => {
  const { context, page, problems } = await openRecordedPage(
    browser,
    `${site.url}/example.html`,
    { viewport: { width: 320, height: 640 } },
    async (page, context) => {
      await noFavicon(page);
      await signInContext(context, site.url, "jordan");
    },
  );
  const widget = page.getByTestId("repay-widget");
  await widget.waitFor();
  const noSideways = async (where) => {
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    assert.ok(overflow <= 0, `${where}: ${overflow}px of horizontal scrolling at 320 px`);
  };
  /** Tabs forward until `locator` has focus (never clicking), then presses `key`. */
  const press = async (locator, key = "Enter", limit = 40) => {
    for (let presses = 0; presses < limit; presses += 1) {
      if (await locator.evaluate((el) => el === document.activeElement)) {
        await page.keyboard.press(key);
        return;
      }
      await page.keyboard.press("Tab");
    }
    assert.fail(`${await locator.getAttribute("data-testid")} never got keyboard focus`);
  };

  await noSideways("status");
  await press(page.getByTestId("see-options"));
  await page.getByTestId("options").waitFor();
  await press(page.getByTestId("tell-us"));
  await page.getByTestId("situation").waitFor();
  await noSideways("situation");
  await press(page.getByTestId("continue"));
  await page.getByTestId("options").waitFor();
  // A plan's line opens its figures from the keyboard, as a disclosure does.
  await press(page.getByTestId("plan-2-line"));
  await page.getByTestId("plan-2-term").waitFor();
  await noSideways("options");
  // A select is changed from the keyboard with the arrow keys.
  const term = page.getByTestId("plan-2-term");
  const before = await term.inputValue();
  await press(term, "ArrowDown");
  assert.notEqual(await term.inputValue(), before);
  await press(page.getByTestId("choose-plan-2"));
  await press(page.getByTestId("continue"));
  await page.getByTestId("details").waitFor();
  await noSideways("details");
  await press(page.getByTestId("continue"));
  await page.getByTestId("review").waitFor();
  await noSideways("review");
  await press(page.getByTestId("consent"), "Space");
  assert.equal(await page.getByTestId("consent").isChecked(), true);
  await press(page.getByTestId("send"));
  const reference = page.getByTestId("reference");
  await reference.waitFor({ timeout: 30_000 });
  assert.match(await reference.textContent(), /RP-/);
  await noSideways("confirmation");
  // The confirmation's heading has focus, so a screen reader announces it.
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), "H2");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a reload in the middle of the flow restores what was chosen and typed, never the budget", async () => {
  const { context, page, problems } = await openRecordedPage(browser, `${site.url}/example.html`, {}, noFavicon);
  await walkToReview(page, { term: "18", budget: ["5000", "3000"], consent: false });
  await page.locator("textarea").fill("Please call after six.");

  await page.reload();
  await page.getByTestId("review").waitFor();
  assert.equal(await page.locator("textarea").inputValue(), "Please call after six.");
  // 18 payments: "18 × $x", or "17 × $x, then $y" when the last absorbs the rounding.
  assert.match(await page.getByTestId("review-summary").textContent(), /(^|\D)18 ×|(^|\D)17 × [^,]+, then/);
  // Back to the options: the plan and its term are still chosen.
  await page.getByTestId("back").click();
  await page.getByTestId("details").waitFor();
  await page.getByTestId("back").click();
  assert.equal(await page.getByTestId("plan-2-term").inputValue(), "18");
  // Back to the situation: the budget was never stored, so it is empty.
  await page.getByTestId("back").click();
  await page.getByTestId("situation").waitFor();
  const fields = page.locator(".repay-widget__input");
  assert.equal(await fields.nth(0).inputValue(), "");
  assert.equal(await fields.nth(1).inputValue(), "");
  const stored = await page.evaluate(() => JSON.stringify(Object.entries(sessionStorage)));
  assert.doesNotMatch(stored, /5000|3000/);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Opens example.html rewritten: the page's `lang`, the configuration's `locale` line
 * dropped, and `locales` set if given; the browser's languages are `browser`. */
async function openNegotiated(pageLang, browserLocale, locales = null) {
  const { context, page, problems } = await openRecordedPage(
    browser,
    `${openSite.url}/example.html`,
    { locale: browserLocale },
    async (page) => {
      await noFavicon(page);
      await page.route("**/example.html", async (route) => {
        const response = await route.fetch();
        let html = (await response.text())
          .replace('<html lang="en">', pageLang ? `<html lang="${pageLang}">` : "<html>")
          .replace('"locale": "en-US",', locales ? `"locales": ${JSON.stringify(locales)},` : "");
        await route.fulfill({ response, body: html });
      });
    },
  );
  await page.getByTestId("repay-widget").waitFor();
  return { context, page, problems };
}

test("without a configured language the widget follows the page's lang, then the browser's, to the nearest the bank enables", async () => {
  // The page is written in Australian English; the browser prefers Chinese: the page wins,
  // and en-AU reads British English (day first).
  let { context, page, problems } = await openNegotiated("en-AU", "zh-CN");
  assert.equal(await page.getByTestId("repay-widget").getAttribute("lang"), "en-GB");
  assert.match(await page.getByTestId("repay-widget").textContent(), /25 October 2026/);
  const offered = await offeredLanguages(page);
  assert.deepEqual(offered, ["zh-CN", "zh-HK", "zh-TW", "en-US", "en-GB"], "every language the widget speaks");
  assert.deepEqual(problems, []);
  await context.close();

  // No page language: the browser's, en-NZ, also reads British English.
  ({ context, page, problems } = await openNegotiated(null, "en-NZ"));
  assert.equal(await page.getByTestId("repay-widget").getAttribute("lang"), "en-GB");
  await context.close();

  // A bank that enables only zh-CN and en-US: en-AU falls back to en-US, and the
  // switch shows those two.
  ({ context, page, problems } = await openNegotiated("en-AU", "en-AU", ["zh-CN", "en-US"]));
  assert.equal(await page.getByTestId("repay-widget").getAttribute("lang"), "en-US");
  assert.match(await page.getByTestId("repay-widget").textContent(), /October 25, 2026/);
  const switches = await page.locator(".repay-widget__language").evaluateAll((buttons) => buttons.map((b) => b.lang));
  assert.deepEqual(switches, ["zh-CN", "en-US"]);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Opens example.html with `messages` added to its configuration. */
async function openWithWording(messages) {
  const { context, page, problems } = await openRecordedPage(browser, `${openSite.url}/example.html`, {}, async (page) => {
    await noFavicon(page);
    await page.route("**/example.html", async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace('"locale": "en-US",', `"locale": "en-US", "messages": ${JSON.stringify(messages)},`);
      await route.fulfill({ response, body: html });
    });
  });
  await page.getByTestId("repay-widget").waitFor();
  return { context, page, problems };
}

test("the bank's own wording replaces the widget's texts, and wording that does not fit is refused by name", async () => {
  let { context, page, problems } = await openWithWording({
    "en-US": {
      see_options: "Other ways to repay",
      "days_past_due.one": "{days} day late",
      "days_past_due.other": "{days} days late",
    },
  });
  assert.equal((await page.getByTestId("see-options").textContent()).trim(), "Other ways to repay");
  assert.match(await page.getByTestId("repay-widget").textContent(), /34 days late/);
  // The language the bank did not reword keeps the catalog's text.
  await chooseLanguage(page, "zh-CN");
  assert.equal((await page.getByTestId("see-options").textContent()).trim(), "查看其他方案");
  assert.deepEqual(problems, []);
  await context.close();

  ({ context, page, problems } = await openWithWording({ "en-US": { as_of: "Figures as of today" } }));
  const error = page.getByTestId("config-error");
  await error.waitFor();
  assert.match(await error.textContent(), /messages\.en-US\.as_of/);
  assert.match(await error.textContent(), /placeholders \{date\}/);
  await context.close();
});

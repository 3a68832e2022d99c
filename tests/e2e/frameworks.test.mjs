// The custom element in pages built as banks build them: React and Vue from npm (pinned
// in package.json), the widget from its npm package installed without a network, each
// page bundled by esbuild with the package left to the import map, which holds the
// element and the glue to their integrity. Served under the strict CSP that the
// package's own `repay-widget-csp` prints for the pages, each sends a proposal to the
// real dev-bank once, and the page's own listener hears the acceptance.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { build } from "esbuild";
import { acceptedProposals, installOffline, launchBrowser, openRecordedPage, serveStatic, signInContext, startDevBank, walkToReview } from "./harness.mjs";

const FOLDER = resolve(process.env.REPAY_FOLDER ?? "target/dist/repay-widget-0.1.0");
const TARBALL = `${FOLDER}.tgz`;
const SAMPLE = readFileSync(join(FOLDER, "us-card.json"), "utf8");
const PAGES = [
  ["react", "tests/frameworks/react.jsx"],
  ["vue", "tests/frameworks/vue.js"],
];

let dir;
let site;
let bank;
let browser;

const sha384 = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;

/** A page as a bank's server writes it: the bundle, the import map, the configuration. */
function page(name, files, bundle) {
  const importMap = JSON.stringify({
    imports: { "repay-widget/element": "./repay-widget/repay-widget-element.js" },
    integrity: {
      "./repay-widget/repay-widget-element.js": files["repay-widget-element.js"].integrity,
      "./repay-widget/repay-widget.js": files["repay-widget.js"].integrity,
    },
  });
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Your credit card (${name})</title>
  <link rel="stylesheet" href="repay-widget/repay-widget.css" integrity="${files["repay-widget.css"].integrity}">
  <script type="importmap">${importMap}</script>
  <link rel="preload" href="repay-widget/repay-widget_bg.wasm" as="fetch" crossorigin>
  <script type="module" src="${name}.js" integrity="${sha384(bundle)}"></script>
</head>
<body>
  <main>
    <h1>Your credit card</h1>
    <div id="app"></div>
    <script type="application/json" id="repayment-config">${SAMPLE.trim().replace(/</g, "\\u003c")}</script>
  </main>
</body>
</html>
`;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "repay-frameworks-"));
  const project = join(dir, "project");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "bank-front-end", private: true, type: "module" }));
  installOffline(project, TARBALL);
  const installed = join(project, "node_modules/repay-widget");
  const served = join(dir, "site");
  mkdirSync(served);
  cpSync(installed, join(served, "repay-widget"), { recursive: true });
  const { files } = JSON.parse(readFileSync(join(installed, "integrity.json"), "utf8"));
  for (const [name, entry] of PAGES) {
    await build({
      entryPoints: [resolve(entry)],
      bundle: true,
      format: "esm",
      minify: true,
      jsx: "automatic",
      outfile: join(served, `${name}.js`),
      // The widget is the import map's (integrity-checked); the framework is bundled.
      external: ["repay-widget/element"],
      nodePaths: [resolve("node_modules")],
      define: { "process.env.NODE_ENV": '"production"', __VUE_OPTIONS_API__: "false", __VUE_PROD_DEVTOOLS__: "false", __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false" },
      logLevel: "error",
    });
    writeFileSync(join(served, `${name}.html`), page(name, files, readFileSync(join(served, `${name}.js`))));
  }
  // The policy the package's own command prints for these pages.
  const printed = execFileSync(
    join(project, "node_modules/.bin/repay-widget-csp"),
    PAGES.map(([name]) => join(served, `${name}.html`)),
    { encoding: "utf8" },
  );
  const csp = printed.match(/^Content-Security-Policy: (.*)$/m)[1];
  bank = await startDevBank();
  site = await serveStatic(served, { "content-security-policy": csp }, bank.url);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await bank?.close();
  rmSync(dir, { recursive: true, force: true });
});

for (const [name] of PAGES) {
  test(`a page built with ${name === "react" ? "React" : "Vue"} sends a proposal once through <repay-widget>`, async () => {
    const before = await acceptedProposals(bank.url);
    const { context, page, problems } = await openRecordedPage(browser, `${site.url}/${name}.html`, { viewport: { width: 390, height: 844 } }, async (page, context) => {
      await signInContext(context, site.url, "jordan");
      await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
    });
    const element = page.locator("repay-widget");
    await element.getByTestId("repay-widget").waitFor();
    // The framework gave the configuration as a property, not through the child block.
    assert.equal(await element.evaluate((el) => typeof el.config), "object");
    await walkToReview(element);
    await page.getByTestId("send").click();
    const reference = (await page.getByTestId("reference").textContent({ timeout: 30_000 })).trim();
    assert.match(reference, /^RP-/);
    assert.equal(await page.getByTestId("page-heard").textContent(), `Proposal ${reference} received`);
    assert.equal(await acceptedProposals(bank.url), before + 1);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

// The custom element <repay-widget> from the folder banks copy, in real Chromium under
// the guide's strict CSP: the guide's page (example-element.html) sends a proposal to
// the real dev-bank once, with the events on the element; configured by property, it
// follows a new configuration (`update`), is destroyed when removed, kept when moved and
// resumed when put back; and a changed element script does not run.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { acceptedProposals, launchBrowser, openRecordedPage, serveStatic, signInContext, startDevBank, walkToReview } from "./harness.mjs";

const FOLDER = process.env.REPAY_FOLDER ?? "target/dist/repay-widget-0.1.0";
const INTEGRITY = JSON.parse(readFileSync(join(FOLDER, "integrity.json"), "utf8"));
const CSP = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${INTEGRITY.csp["script-src"]}; style-src 'self'`;
const SAMPLE = JSON.parse(readFileSync(join(FOLDER, "us-card.json"), "utf8"));
const PHONE = { viewport: { width: 390, height: 844 } };

let browser;
let bank;
let site;

before(async () => {
  browser = await launchBrowser();
  bank = await startDevBank();
  site = await serveStatic(FOLDER, { "content-security-policy": CSP }, bank.url);
});

after(async () => {
  await site?.close();
  await bank?.close();
  await browser?.close();
});

async function noFavicon(page) {
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
}

test("the guide's <repay-widget> page sends a proposal once under the strict CSP, its events on the element", async () => {
  const { context, page, problems } = await openRecordedPage(browser, `${site.url}/example-element.html`, PHONE, async (page, context) => {
    await signInContext(context, site.url, "jordan");
    await noFavicon(page);
    await page.addInitScript(() => {
      window.__heard = [];
      document.addEventListener("repay:submitted", (event) => {
        window.__heard.push({ target: event.target.localName, detail: event.detail });
      });
    });
  });
  const element = page.locator("repay-widget");
  await element.getByTestId("repay-widget").waitFor();
  // The placeholder gave way; the configuration came from the child JSON block.
  assert.equal(await element.locator(".repay-widget-placeholder").count(), 0);
  assert.equal(await element.getByTestId("repay-widget").getAttribute("lang"), "en-US");
  assert.equal(await element.evaluate((el) => el.config), undefined);
  await walkToReview(element);
  await page.getByTestId("send").click();
  const reference = (await page.getByTestId("reference").textContent({ timeout: 30_000 })).trim();
  assert.match(reference, /^RP-/);
  const heard = await page.evaluate(() => window.__heard);
  assert.deepEqual(heard.map((e) => [e.target, e.detail.reference]), [["repay-widget", reference]]);
  assert.equal(await acceptedProposals(bank.url), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test("configured by property, the element follows a new configuration, and is destroyed when removed", async () => {
  const { context, page, problems } = await openRecordedPage(browser, `${site.url}/example-element.html`, PHONE, async (page) => {
    await noFavicon(page);
  });
  await page.locator("repay-widget").getByTestId("repay-widget").waitFor();
  // A second element, made by script as a framework makes it: the property before it is
  // in the page.
  await page.evaluate((config) => {
    const element = document.createElement("repay-widget");
    element.id = "second";
    element.config = { ...config, account_reference: "US-4111-0099", locale: "zh-CN" };
    document.querySelector("main").append(element);
  }, SAMPLE);
  const second = page.locator("#second");
  await second.getByTestId("repay-widget").waitFor();
  assert.equal(await second.getByTestId("repay-widget").getAttribute("lang"), "zh-CN");
  await second.getByTestId("see-options").click();
  await second.getByTestId("options").waitFor();

  // A new configuration for the same account: the widget follows it (another
  // language) and stays where the customer was.
  await page.evaluate((config) => {
    document.getElementById("second").config = JSON.stringify({ ...config, account_reference: "US-4111-0099", locale: "en-GB" });
  }, SAMPLE);
  await page.waitForFunction(() => document.querySelector("#second [data-testid=repay-widget]")?.lang === "en-GB");
  assert.equal(await second.getByTestId("options").count(), 1, "still on the options");

  // Moved within the page: the same widget, not a new one.
  await page.evaluate(() => {
    const element = document.getElementById("second");
    window.__host = element.querySelector(".repay-widget-host");
    document.querySelector("main").prepend(element);
  });
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
  assert.ok(await page.evaluate(() => window.__host.isConnected && document.getElementById("second").contains(window.__host)));

  // Removed: the widget is destroyed (its host element is gone); put back, it resumes.
  await page.evaluate(() => {
    window.__removed = document.getElementById("second");
    window.__removed.remove();
  });
  await page.waitForFunction(() => window.__removed.querySelector(".repay-widget-host") === null);
  await page.evaluate(() => document.querySelector("main").append(window.__removed));
  await second.getByTestId("options").waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("a changed element script does not run", async () => {
  const { context, page } = await openRecordedPage(browser, `${site.url}/example-element.html`, PHONE, async (page) => {
    await noFavicon(page);
    await page.route("**/repay-widget-element.js", async (route) => {
      const response = await route.fetch();
      const body = `${await response.text()}\n;window.__ran = true;\n`;
      await route.fulfill({ response, body });
    });
  });
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => window.__ran ?? false), false);
  assert.equal(await page.evaluate(() => customElements.get("repay-widget") === undefined), true);
  assert.equal(await page.locator(".repay-widget-placeholder").count(), 1, "the placeholder stays");
  await context.close();
});

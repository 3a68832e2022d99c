// The demo page from the release build, in real Chromium: the widget mounts, shows the
// status the engine computes from the demo data, switches language by keyboard, and logs
// no console error.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, openRecordedPage, serveStatic, startDevBank } from "./harness.mjs";

let site;
let browser;

before(async () => {
  site = await serveStatic();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

test("the demo page mounts the widget with the demo customer's status", async () => {
  const { context, page, problems } = await openRecordedPage(browser, `${site.url}/`);
  const widget = page.getByTestId("repay-widget");
  await widget.waitFor();
  assert.equal(await widget.getAttribute("lang"), "zh-CN");
  assert.match(await page.getByTestId("overdue-amount").textContent(), /860\.00/);
  assert.equal(await page.getByTestId("days-past-due").textContent(), "已逾期 18 天");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the language switch works by keyboard alone", async () => {
  const { context, page, problems } = await openRecordedPage(browser, `${site.url}/`);
  await page.getByTestId("repay-widget").waitFor();
  const english = page.getByTestId("language-en-US");
  // Tab from the top of the page until the English button has focus.
  for (let presses = 0; presses < 10; presses += 1) {
    if (await english.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press("Tab");
  }
  assert.ok(await english.evaluate((el) => el === document.activeElement), "English button never got focus");
  await page.keyboard.press("Enter");
  assert.equal(await page.getByTestId("repay-widget").getAttribute("lang"), "en-US");
  assert.equal(await page.getByTestId("days-past-due").textContent(), "18 days past due");
  assert.equal(await english.getAttribute("aria-pressed"), "true");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the dev-bank starts on a free port and answers its health check", async () => {
  const bank = await startDevBank();
  try {
    const response = await fetch(`${bank.url}/api/health`);
    assert.equal(response.status, 200);
    assert.equal((await response.json()).status, "ok");
  } finally {
    await bank.close();
  }
});

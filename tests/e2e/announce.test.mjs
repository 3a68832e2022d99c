// What a screen reader hears while the customer types or picks (#19, WCAG 4.1.3), in real
// Chromium on the release build: the widget's polite live region says the settled result
// once, not once per keystroke, and figures that change after a term or the first payment
// date are announced, not changed silently.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { chooseLanguage, launchBrowser, openPlan, openRecordedPage, serveStatic, startDevBank } from "./harness.mjs";

const PHONE = { viewport: { width: 390, height: 844 } };
/** Longer than the widget's settling time (800 ms), so the last announcement is in. */
const SETTLED_MS = 1500;

let browser;
let site;
// The page signs its sample customer in at the dev-bank, as a bank's page is opened
// after its own sign-in.
let bank;

before(async () => {
  browser = await launchBrowser();
  bank = await startDevBank();
  site = await serveStatic(undefined, {}, bank.url);
});

after(async () => {
  await browser?.close();
  await site?.close();
  await bank?.close();
});

/** Records every text the live region takes from now on (empty ones left out). */
async function recordAnnouncements(page) {
  await page.evaluate(() => {
    const region = document.querySelector("[data-testid=announcer]");
    window.announced = [];
    new MutationObserver(() => {
      const text = region.textContent.trim();
      if (text) window.announced.push(text);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  });
}

async function announced(page) {
  await page.waitForTimeout(SETTLED_MS);
  return page.evaluate(() => window.announced.splice(0));
}

async function open(locale) {
  const opened = await openRecordedPage(browser, `${site.url}/`, PHONE);
  const { page } = opened;
  await page.getByTestId("repay-widget").waitFor();
  if ((await page.getByTestId("repay-widget").getAttribute("lang")) !== locale) {
    await chooseLanguage(page, locale);
  }
  assert.equal(await page.getByTestId("announcer").getAttribute("aria-live"), "polite");
  return opened;
}

for (const locale of ["zh-CN", "en-US"]) {
  test(`${locale}: typing the budget is announced once, when the figures settle`, async () => {
    const { context, page, problems } = await open(locale);
    await page.getByTestId("see-options").click();
    await page.getByTestId("tell-us").click();
    await page.getByTestId("situation").waitFor();
    await recordAnnouncements(page);
    const fields = page.locator(".repay-widget__input");
    await fields.nth(0).pressSequentially("12000", { delay: 80 });
    await fields.nth(1).pressSequentially("8000", { delay: 80 });
    const result = (await page.getByTestId("affordable").textContent()).trim();
    assert.deepEqual(await announced(page), [result]);

    // A figure that is not usable is announced with the field it belongs to, once.
    await fields.nth(1).pressSequentially("x", { delay: 80 });
    const heard = await announced(page);
    assert.equal(heard.length, 1, heard.join(" | "));
    assert.match(heard[0], locale === "zh-CN" ? /每月必要开支.*请输入数字金额/ : /Essential monthly expenses.*in numbers/);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${locale}: a term or first payment date that changes figures is announced`, async () => {
    const { context, page, problems } = await open(locale);
    await page.getByTestId("see-options").click();
    await page.getByTestId("options").waitFor();
    await recordAnnouncements(page);
    assert.deepEqual(await announced(page), [], "opening the step is not news");

    // A plan that is not chosen: its new figures, under its name.
    await openPlan(page, 2);
    await page.getByTestId("plan-2-term").selectOption("12");
    const line = (await page.getByTestId("plan-2-payment").textContent()).trim();
    let heard = await announced(page);
    assert.equal(heard.length, 1, heard.join(" | "));
    assert.ok(heard[0].includes(line), `${heard[0]} / ${line}`);
    assert.ok(heard[0].startsWith((await page.getByTestId("plan-2").locator("h3").textContent()).trim()), heard[0]);

    // The first payment date moves every plan's dates: said once, with the chosen plan.
    await page.getByTestId("choose-plan-2").click();
    await announced(page);
    const date = page.locator("input[type=date]").first();
    await date.fill("2026-12-20");
    heard = await announced(page);
    assert.equal(heard.length, 1, heard.join(" | "));
    assert.match(heard[0], locale === "zh-CN" ? /2026年12月20日/ : /December 20, 2026/);
    const moved = (await page.getByTestId("plan-2-payment").textContent()).trim();
    assert.ok(heard[0].includes(moved), `${heard[0]} / ${moved}`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`${locale}: what a part payment would avoid is announced once it is typed`, async () => {
    const { context, page, problems } = await open(locale);
    await page.getByTestId("pay-now").click();
    await recordAnnouncements(page);
    await page.getByTestId("part-payment").locator("input").pressSequentially("500", { delay: 80 });
    const heard = await announced(page);
    assert.equal(heard.length, 1, heard.join(" | "));
    const first = (await page.getByTestId("part-result").locator("p").first().textContent()).trim();
    assert.ok(heard[0].startsWith(first), `${heard[0]} / ${first}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

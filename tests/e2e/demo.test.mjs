// The demo page from the release build, in real Chromium: the widget mounts, shows the
// status the engine computes from the demo data, works by keyboard alone, has no
// accessibility violations axe-core can find, and logs no console error.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AXE,
  axeViolations,
  chooseLanguage,
  launchBrowser,
  offeredLanguages,
  openPlan,
  openRecordedPage,
  serveStatic,
  startDevBank,
} from "./harness.mjs";

let site;
// The page signs its sample customer in at the dev-bank, as a bank's page is opened
// after its own sign-in.
let bank;
let browser;

before(async () => {
  bank = await startDevBank();
  site = await serveStatic(undefined, {}, bank.url);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await bank?.close();
});

/** Presses Tab until `locator` has focus (at most `limit` times). */
async function tabTo(page, locator, limit = 15) {
  for (let presses = 0; presses < limit; presses += 1) {
    if (await locator.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  assert.fail("the element never got keyboard focus");
}

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

test("the Hong Kong and UK sample customers open in their language and currency, and the demo switches between them", async () => {
  const { context, page, problems } = await openRecordedPage(browser, `${site.url}/?customer=hk`, {
    viewport: { width: 390, height: 844 },
  });
  const widget = page.getByTestId("repay-widget");
  await widget.waitFor();
  assert.equal(await widget.getAttribute("lang"), "zh-HK");
  assert.equal((await page.getByTestId("overdue-amount").textContent()).trim(), "HK$466.00");
  assert.equal(await page.getByTestId("days-past-due").textContent(), "已逾期 25 天");
  // The Hong Kong bank enables three languages, in its order.
  const options = await offeredLanguages(page);
  assert.deepEqual(options, ["zh-HK", "en-GB", "zh-CN"]);
  await page.addScriptTag({ path: AXE });
  assert.deepEqual(await axeViolations(page), [], "axe, Hong Kong");

  await page.locator("#demo-customer").selectOption("uk");
  await page.waitForFunction(() =>
    document.querySelector("[data-testid=repay-widget]")?.getAttribute("lang") === "en-GB",
  );
  assert.equal((await page.getByTestId("overdue-amount").textContent()).trim(), "£46.40");
  assert.equal(await page.getByTestId("days-past-due").textContent(), "22 days overdue");
  // One language: no switch at all.
  assert.equal(await page.locator("[data-testid^=language]").count(), 0);
  // A UK card has no penalty interest: no fact and no column of zeros for it.
  assert.equal(await page.getByTestId("penalty-interest").count(), 0);
  assert.match(await page.getByTestId("fees-charged").textContent(), /£12\.00/);
  const columns = await page.getByTestId("waiting-cost").locator("th[scope=col]").allTextContents();
  assert.deepEqual(columns, ["Wait", "Interest", "Late payment fees", "Total"]);
  assert.deepEqual(await axeViolations(page), [], "axe, UK");
  assert.deepEqual(problems, []);
  await context.close();
});

for (const file of ["repay-widget-bundle.js", "repay-widget-bundle_bg.wasm"]) {
  test(`the demo page refuses a changed ${file} and runs none of it`, async () => {
    const { context, page, problems } = await openRecordedPage(browser, `${site.url}/`, {}, async (page) => {
      await page.route(`**/${file}`, async (route) => {
        const response = await route.fetch();
        const body = Buffer.from(await response.body());
        const changed = file.endsWith(".js")
          ? Buffer.concat([body, Buffer.from("\n;window.__ran = true;\n")])
          : Buffer.concat([body.subarray(0, -1), Buffer.from([body.at(-1) ^ 0xff])]);
        await route.fulfill({ response, body: changed });
      });
    });
    await page.waitForLoadState("load");
    await page.waitForTimeout(1500);
    assert.ok(problems.some((p) => p.includes("integrity") && p.includes(file)), problems.join("\n"));
    assert.equal(await page.evaluate(() => window.__ran ?? null), null, "changed code ran");
    assert.equal(await page.getByTestId("repay-widget").count(), 0);
    await context.close();
  });
}

test("the language switch and the pay-now panel work by keyboard alone", async () => {
  const { context, page, problems } = await openRecordedPage(browser, `${site.url}/`);
  await page.getByTestId("repay-widget").waitFor();
  // Five languages are behind a disclosure that names the current one. Arrow keys on it
  // change nothing; Enter opens it, and the language changes only when one is chosen,
  // which closes it onto its summary, focused.
  const summary = page.getByTestId("language").locator("summary");
  await tabTo(page, summary);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.getByTestId("repay-widget").getAttribute("lang"), "zh-CN", "arrow keys change nothing");
  await page.keyboard.press("Enter");
  const english = page.getByTestId("language-en-US");
  await tabTo(page, english);
  assert.equal(await page.getByTestId("repay-widget").getAttribute("lang"), "zh-CN", "moving through the languages changes nothing");
  await page.keyboard.press("Enter");
  assert.equal(await page.getByTestId("repay-widget").getAttribute("lang"), "en-US");
  assert.ok(await summary.evaluate((el) => el === document.activeElement), "focus is on the summary");
  assert.equal(await page.getByTestId("language").evaluate((details) => details.open), false, "closed once chosen");
  assert.equal(await summary.textContent(), "Language: English (US)");
  assert.equal(await page.getByTestId("days-past-due").textContent(), "18 days past due");

  const payNow = page.getByTestId("pay-now");
  await tabTo(page, payNow);
  await page.keyboard.press("Enter");
  assert.equal(await payNow.getAttribute("aria-expanded"), "true");
  assert.match(await page.getByTestId("pay-now-panel").textContent(), /910\.74/);
  // The button keeps focus after it opens the panel.
  assert.ok(await payNow.evaluate((el) => el === document.activeElement), "focus stayed on the button");
  assert.deepEqual(problems, []);
  await context.close();
});

/** Walks the whole flow, calling `check(stepName)` on each step. */
async function walkTheFlow(page, check) {
  await page.getByTestId("pay-now").click();
  await page.getByTestId("pay-now-panel").waitFor();
  await check("status");
  await page.getByTestId("see-options").click();
  await page.getByTestId("tell-us").click();
  await page.getByTestId("situation").waitFor();
  const fields = page.locator(".repay-widget__input");
  await fields.nth(0).fill("6000");
  await fields.nth(1).fill("oops");
  await check("situation (with an input error)");
  await fields.nth(1).fill("5400");
  await page.getByTestId("affordable").waitFor();
  await page.getByTestId("continue").click();
  await page.getByTestId("options").waitFor();
  await openPlan(page, 2);
  await page.getByTestId("plan-2-term").selectOption("12");
  await page.getByTestId("choose-plan-2").click();
  await page.getByTestId("compare").locator("summary").first().click();
  await page.getByTestId("repay-widget").locator(".repay-widget__details summary").click();
  await check("options");
  await page.getByTestId("continue").click();
  await page.getByTestId("details").waitFor();
  await check("details");
  await page.getByTestId("continue").click();
  await page.getByTestId("review").waitFor();
  await check("review");
}

// Every language on a phone; the two reference languages on a desktop too.
for (const [width, languages] of [
  [390, ["zh-CN", "zh-HK", "zh-TW", "en-US", "en-GB"]],
  [1280, ["zh-CN", "en-US"]],
]) {
  for (const language of languages) {
    test(`every step has no accessibility violations at ${width}px in ${language}`, async () => {
      const { context, page, problems } = await openRecordedPage(browser, `${site.url}/`, {
        viewport: { width, height: 900 },
      });
      await page.getByTestId("repay-widget").waitFor();
      await chooseLanguage(page, language);
      await page.addScriptTag({ path: AXE });
      await walkTheFlow(page, async (step) => {
        assert.deepEqual(await axeViolations(page), [], `axe on ${step}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        assert.ok(overflow <= 0, `${step}: the page scrolls sideways by ${overflow}px`);
      });
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

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

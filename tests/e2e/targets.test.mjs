// Targets and focus (#32): the controls that matter most are targets a thumb can hit
// (WCAG 2.5.8: at least 44 px here), and the sticky Back/Continue bar never covers the
// control that has focus (WCAG 2.4.11). Through the demo site, in Chromium.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, openPlan, openRecordedPage, startDemoSite, walkToReview } from "./harness.mjs";

const FOLDER = process.env.REPAY_FOLDER ?? "target/dist/repay-widget-0.1.0";
const noIcon = (page) => page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));

let browser;
let demo;

before(async () => {
  browser = await launchBrowser();
  demo = await startDemoSite(FOLDER);
});

after(async () => {
  await demo?.close();
  await browser?.close();
});

/** Opens `customer`'s page at `width` and waits for the takeover. */
async function open(customer, width) {
  const opened = await openRecordedPage(browser, `${demo.url}/?customer=${customer}`, { viewport: { width, height: 844 } }, noIcon);
  await opened.page.waitForFunction(() => document.querySelector(".repay-widget-host:not([data-repay-rendered])"));
  return opened;
}

for (const customer of ["cn", "us", "hk", "uk"]) {
  for (const width of [320, 390]) {
    test(`${customer} at ${width} px: Tab never lands on a control behind the sticky bar`, async () => {
      const { context, page, problems } = await open(customer, width);
      await page.getByTestId("see-options").click();
      await page.getByTestId("options").waitFor();
      await openPlan(page, 2);
      await page.getByTestId("choose-plan-2").click();
      await page.locator(".repay-widget__nav--sticky").waitFor();
      await page.getByTestId("options").locator("h2").focus();
      const covered = [];
      let stops = 0;
      for (let i = 0; i < 600; i += 1) {
        await page.keyboard.press("Tab");
        const where = await page.evaluate(() => {
          const focused = document.activeElement;
          const bar = document.querySelector(".repay-widget__nav--sticky");
          if (!focused?.closest("[data-testid=repay-widget]") || !bar) return null;
          if (bar.contains(focused)) return { inBar: true };
          const box = focused.getBoundingClientRect();
          return { name: focused.outerHTML.slice(0, 80), bottom: box.bottom, barTop: bar.getBoundingClientRect().top };
        });
        if (!where) break;
        if (where.inBar) continue;
        stops += 1;
        if (where.bottom > where.barTop + 0.5) covered.push(where.name);
      }
      assert.ok(stops >= 10, `${stops} Tab stops on the options step`);
      assert.deepEqual(covered, [], "controls the bar covers, even in part");
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test("the ways to pay now and the automatic-payment link are buttons at least 44 px high", async () => {
  const { context, page, problems } = await open("uk", 390);
  await page.getByTestId("pay-now").click();
  await page.getByTestId("pay-now-panel").waitFor();
  const ways = page.getByTestId("pay-now-panel").locator(".repay-widget__channel a");
  assert.ok((await ways.count()) > 0, "the UK sample has ways to pay with a page");
  for (const box of await ways.evaluateAll((links) => links.map((a) => a.getBoundingClientRect().height))) {
    assert.ok(box >= 44, `a way to pay ${box}px high`);
  }
  await page.getByTestId("pay-now").click();
  await walkToReview(page);
  await page.getByTestId("send").click();
  await page.getByTestId("reference").waitFor({ timeout: 30_000 });
  const auto = page.getByRole("link", { name: "Set up a Direct Debit" });
  const height = (await auto.boundingBox()).height;
  assert.ok(height >= 44, `automatic payments ${height}px high`);
  assert.deepEqual(problems, []);
  await context.close();
});

// A plan's line, which opens its figures, is named with the plan's name first: a screen
// reader moving from line to line hears which plan each is (#32).
test("each plan's line is named with the plan's name", async () => {
  const { context, page, problems } = await open("us", 390);
  await page.getByTestId("see-options").click();
  await page.getByTestId("options").waitFor();
  const plans = page.locator("article.repay-widget__plan");
  const count = await plans.count();
  assert.ok(count >= 5, `${count} plans`);
  for (let i = 0; i < count; i += 1) {
    const plan = plans.nth(i);
    const name = (await plan.locator("h3").textContent()).trim();
    const line = (await plan.locator("summary").textContent()).trim();
    assert.ok(line.startsWith(`${name}: `), `"${line}" does not start with "${name}: "`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

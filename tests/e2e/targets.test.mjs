// Targets and focus (#32): the controls that matter most are targets a thumb can hit
// (WCAG 2.5.8: at least 44 px here), and the sticky Back/Continue bar never covers the
// control that has focus (WCAG 2.4.11). Through the demo site, in Chromium.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, openPlan, openRecordedPage, startDemoSite, walkToReview } from "./harness.mjs";

const FOLDER = process.env.REPAY_FOLDER ?? "target/dist/repay-widget-0.1.0";

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
  const opened = await openRecordedPage(browser, `${demo.url}/?customer=${customer}`, { viewport: { width, height: 844 } });
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

// The longest schedule on a phone: grouped by year, only the years of the first twelve
// payments shown until the customer asks for the rest (it was about 16 screens long), and every row printed.
test("a long schedule shows its first year on a phone, the rest on request and in print", async () => {
  const { context, page, problems } = await open("us", 390);
  await page.getByTestId("see-options").click();
  await openPlan(page, 2);
  const terms = await page.getByTestId("plan-2-term").locator("option").evaluateAll((options) => options.map((o) => Number(o.value)));
  const longest = Math.max(...terms);
  assert.ok(longest >= 24, `the longest term is ${longest} months`);
  await page.getByTestId("plan-2-term").selectOption(String(longest));
  await page.getByTestId("choose-plan-2").click();
  await page.getByTestId("continue").click();
  await page.getByTestId("details").waitFor();
  const payments = page.getByTestId("schedule").locator("tbody tr:not(.repay-widget__year-row)");
  const visible = () => payments.evaluateAll((rows) => rows.filter((row) => row.getClientRects().length > 0).length);
  assert.equal(await payments.count(), longest);
  // The years of the first twelve payments (two, for a plan starting in December).
  const first = await visible();
  assert.ok(first >= 12 && first < 24, `${first} payments shown before asking`);
  const more = await page.getByTestId("schedule-more").textContent();
  assert.ok(more.startsWith(`Show the ${longest - first} later payments, to 20`), more);
  const folded = await page.getByTestId("schedule").boundingBox();
  await page.getByTestId("schedule-more").click();
  assert.equal(await visible(), longest);
  assert.equal(await page.getByTestId("schedule-more").getAttribute("aria-expanded"), "true");
  await page.getByTestId("schedule-more").click();
  await page.emulateMedia({ media: "print" });
  assert.equal(await visible(), longest, "every payment prints");
  await page.emulateMedia({ media: "screen" });
  assert.ok(folded.height < 844 * 4, `the folded schedule is ${folded.height}px high`);
  assert.deepEqual(problems, []);
  await context.close();
});

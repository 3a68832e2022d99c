// Free, independent debt advice (#32): where the bank's market expects it, the widget
// points to it on the first screen, wherever no plan fits, and on the confirmation; a
// bank that lists none shows none. Through the demo site (the samples' pages rendered on
// the server, the dev-bank beside them) in Chromium at 390 px.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AXE, acceptedProposals, axeViolations, launchBrowser, openRecordedPage, startDemoSite, walkToReview } from "./harness.mjs";

const FOLDER = process.env.REPAY_FOLDER ?? "target/dist/repay-widget-0.1.0";
const PHONE = { viewport: { width: 390, height: 844 } };

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

for (const [customer, names] of [
  ["uk", ["MoneyHelper", "StepChange Debt Charity", "National Debtline"]],
  ["ie", ["MABS (Money Advice and Budgeting Service)"]],
  ["hk", ["明愛向晴軒"]],
  ["us", ["National Foundation for Credit Counseling (NFCC)"]],
  ["cn", []],
]) {
  test(`the ${customer} sample's first screen ${names.length ? "names its free debt advice" : "lists none, as its bank gives none"}`, async () => {
    // axe-core is put into the page by the test: the page's CSP would refuse it.
    const { context, page, problems } = await openRecordedPage(browser, `${demo.url}/?customer=${customer}`, { ...PHONE, bypassCSP: true });
    await page.waitForFunction(() => document.querySelector(".repay-widget-host:not([data-repay-rendered])"));
    const advice = page.getByTestId("debt-advice");
    if (names.length === 0) {
      assert.equal(await advice.count(), 0);
    } else {
      const text = await advice.textContent();
      for (const name of names) assert.ok(text.includes(name), `${customer}: ${name} in ${text}`);
      // Each service is a number a tap dials, at least 44 px high.
      const box = await advice.locator(".repay-widget__phone").first().boundingBox();
      assert.ok(box.height >= 44, `a ${box.height}px target`);
      await page.addScriptTag({ path: AXE });
      assert.deepEqual(await axeViolations(page), []);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("where no plan fits the customer's budget, and after a proposal is sent, the UK customer is pointed to free debt advice", async () => {
  const { context, page, problems } = await openRecordedPage(browser, `${demo.url}/?customer=uk`, PHONE);
  await page.getByTestId("see-options").click();
  await page.getByTestId("tell-us").click();
  await page.getByTestId("situation").waitFor();
  const fields = page.locator(".repay-widget__input");
  await fields.nth(0).fill("1000");
  await fields.nth(1).fill("995");
  const noFit = page.getByTestId("debt-advice-no-fit");
  await noFit.waitFor();
  assert.match(await noFit.textContent(), /National Debtline/);
  await context.close();

  const sent = await openRecordedPage(browser, `${demo.url}/?customer=uk`, PHONE);
  await walkToReview(sent.page);
  await sent.page.getByTestId("send").click();
  await sent.page.getByTestId("reference").waitFor({ timeout: 30_000 });
  const afterwards = sent.page.getByTestId("debt-advice-after");
  assert.match(await afterwards.textContent(), /MoneyHelper/);
  assert.equal(await acceptedProposals(demo.url), 1);
  assert.deepEqual([...problems, ...sent.problems], []);
  await sent.context.close();
});

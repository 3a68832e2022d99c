// What regulated markets require (#32), end to end with the release build, the real
// dev-bank and Chromium at 390 px:
// - before arrears: a customer whose payment is not yet due, at a bank that takes plans
//   before anything is late, is told plainly that nothing is overdue, offered the plans
//   (a lower rate for a while, then a review, here), and sends one to the dev-bank,
//   which holds the same account as not overdue and recomputes it; the demo page's
//   sixth customer (`?customer=ie-before-due`) is that account, rendered by the server;
// - China's 个性化分期: what its agreement states is shown with the plan and on the
//   review, and the proposal the bank books carries it.

import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { AXE, acceptedProposals, axeViolations, launchBrowser, openPlan, openRecordedPage, serveStatic, startDemoSite, startDevBank, walkToReview } from "./harness.mjs";

const PHONE = { viewport: { width: 390, height: 844 } };

/** The Irish sample before its due date: nothing past due, the minimum still to come. */
function beforeArrears() {
  const config = JSON.parse(readFileSync("crates/engine/data/ie-card.json", "utf8"));
  config.account.overdue_amount = "0.00";
  config.account.fees_charged = "0.00";
  config.account.due_date = "2026-12-04";
  return config;
}

let browser;
let dir;

before(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), "repay-arrears-"));
});

after(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

test("a customer not yet in arrears sees nothing overdue, chooses a reduced rate and sends it once", async () => {
  const config = beforeArrears();
  // The bank's records say the same: the account as it stands before the due date (the
  // file's stem names the policy, so this is the sample's policy, its next version).
  const file = join(dir, "ie-card.json");
  writeFileSync(file, JSON.stringify(config));
  const bank = await startDevBank(["--account", `${config.account_reference}=${file}`]);
  const site = await serveStatic(undefined, {}, bank.url);
  try {
    const { context, page, problems } = await openRecordedPage(browser, `${site.url}/?customer=ie`, { ...PHONE, bypassCSP: true }, async (page) => {
      await page.route("**/ie-card.json", (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify(config) }));
    });
    const posted = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && new URL(request.url()).pathname === "/api/proposals") posted.push(JSON.parse(request.postData()));
    });
    await page.getByTestId("next-due").waitFor();
    assert.equal(await page.getByTestId("next-due").textContent(), "Your next payment of at least €73.80 is due on 4 December 2026.");
    assert.match(await page.getByTestId("before-arrears").textContent(), /set up a plan with the bank now, before anything is late/);
    for (const absent of ["days-past-due", "timeline", "waiting-cost", "pay-now"]) {
      assert.equal(await page.getByTestId(absent).count(), 0, `${absent} is shown`);
    }
    assert.match(await page.getByTestId("debt-advice").textContent(), /MABS/);
    await page.addScriptTag({ path: AXE });
    assert.deepEqual(await axeViolations(page), []);

    await page.getByTestId("see-options").click();
    await page.getByTestId("options").waitFor();
    assert.equal(await page.getByTestId("plan-1").count(), 0, "nothing to bring up to date");
    await openPlan(page, 3);
    assert.match(await page.getByTestId("plan-3-review").textContent(), /^On 24 March 2027 the bank reviews this plan with you\. €2,351\.04 will still be owed then/);
    await page.getByTestId("choose-plan-3").click();
    await page.getByTestId("continue").click();
    await page.getByTestId("details").waitFor();
    await page.getByTestId("continue").click();
    await page.getByTestId("review").waitFor();
    // Before sending: what is owed at the review, and the rate until then.
    assert.match(await page.getByTestId("review-then").textContent(), /€2,351\.04 will still be owed then.*Until then the rate is 5\.00% a year instead of 22\.90%\./);
    assert.match(await page.getByTestId("review-summary").textContent(), /You pay until the review€139\.26/);
    await page.getByTestId("consent").check();
    await page.getByTestId("send").click();
    await page.getByTestId("reference").waitFor({ timeout: 30_000 });
    assert.equal(await acceptedProposals(bank.url), 1);
    assert.equal(posted.length, 1);
    assert.equal(posted[0].proposal.plan.kind, "reduced_rate");
    assert.equal(posted[0].proposal.plan.review_date, "2027-03-24");
    assert.match(await page.getByTestId("debt-advice-after").textContent(), /MABS/);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await site.close();
    await bank.close();
  }
});

test("the demo page's customer not yet due is rendered by the server as such and sends a plan once", async () => {
  const demo = await startDemoSite(process.env.REPAY_FOLDER ?? "target/dist/repay-widget-0.1.0");
  try {
    const { context, page, problems } = await openRecordedPage(browser, `${demo.url}/?customer=ie-before-due`, PHONE);
    assert.equal(await page.getByTestId("next-due").textContent(), "Your next payment of at least €73.80 is due on 4 December 2026.");
    assert.equal(await page.getByTestId("days-past-due").count(), 0);
    await walkToReview(page, { offer: 3, term: null });
    await page.getByTestId("send").click();
    await page.getByTestId("reference").waitFor({ timeout: 30_000 });
    assert.equal(await acceptedProposals(demo.url), 1);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await demo.close();
  }
});

test("a 个性化分期 proposal carries what its agreement states, as the customer saw it", async () => {
  const demo = await startDemoSite(process.env.REPAY_FOLDER ?? "target/dist/repay-widget-0.1.0");
  try {
    const { context, page, problems } = await openRecordedPage(browser, `${demo.url}/?customer=cn`, PHONE);
    const posted = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && new URL(request.url()).pathname === "/api/proposals") posted.push(JSON.parse(request.postData()));
    });
    await page.getByTestId("see-options").click();
    await page.getByTestId("options").waitFor();
    // Offer 4 is the 个性化分期 (cn-card.json).
    await openPlan(page, 4);
    const said = await page.getByTestId("plan-4-statements").textContent();
    assert.match(said, /本计划涵盖的 ¥8,643\.00 中包含已收取的违约金 ¥43\.00，计入本金。/);
    assert.match(said, /银行同意后，将停止就这笔欠款进行催收。/);
    assert.match(said, /还清之前，您不能向本行申请新的信用卡。/);
    await page.getByTestId("choose-plan-4").click();
    await page.getByTestId("continue").click();
    await page.getByTestId("details").waitFor();
    await page.getByTestId("continue").click();
    await page.getByTestId("review").waitFor();
    assert.equal(await page.getByTestId("review-statements").textContent(), said);
    await page.getByTestId("consent").check();
    await page.getByTestId("send").click();
    await page.getByTestId("reference").waitFor({ timeout: 30_000 });
    assert.equal(await acceptedProposals(demo.url), 1);
    assert.deepEqual(posted[0].proposal.plan.statements, [
      { code: "charges_folded", late_fees: "43.00", penalty_interest: "0.00" },
      { code: "annual_fee_continues" },
      { code: "other_charges_stop" },
      { code: "collection_stops" },
      { code: "no_new_cards" },
    ]);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await demo.close();
  }
});

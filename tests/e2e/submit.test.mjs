// Sending a proposal from the release build in real Chromium to the real dev-bank, with
// each of its faults switched on: whatever the network does, the bank ends up holding
// exactly one proposal and the widget shows its reference. The body the widget sends
// must match the submission schema, and the dev-bank's recomputation must agree with it
// (it refuses differing figures), so an accepted proposal is exactly what the engine
// computes.

import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  acceptedProposals,
  AXE,
  axeViolations,
  launchBrowser,
  openRecordedPage,
  serveStatic,
  signedIn,
  signInContext,
  startDevBank,
  walkToReview,
} from "./harness.mjs";
import { assertValid } from "./schemas.mjs";

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** A dev-bank with `faults` and the release build served in front of it. */
async function bankAndSite(faults = []) {
  const bank = await startDevBank(faults);
  const site = await serveStatic(undefined, {}, bank.url);
  return {
    bank,
    site,
    stored: () => acceptedProposals(bank.url),
    close: async () => {
      await site.close();
      await bank.close();
    },
  };
}

/**
 * Opens the demo, records every proposal the page posts, and walks to the review.
 * `settings` are added to the demo customer's configuration.
 */
async function openAtReview(url, { budget = false, consent = true, settings = null } = {}) {
  const configure = async (page, context) => {
    if (!settings) return;
    await context.addCookies([{ name: "XSRF-TOKEN", value: "t0k3n", url }]);
    await page.route("**/cn-card.json", async (route) => {
      const response = await route.fetch();
      const config = { ...(await response.json()), ...settings };
      await route.fulfill({ response, body: JSON.stringify(config) });
    });
  };
  const opened = await openRecordedPage(browser, url, {}, configure);
  const { page } = opened;
  const posted = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/api/proposals") {
      const headers = request.headers();
      posted.push({ key: headers["idempotency-key"], headers, body: JSON.parse(request.postData()) });
    }
  });
  await page.getByTestId("repay-widget").waitFor();
  await walkToReview(page, { budget: budget ? ["6000", "5400"] : null, consent });
  return { ...opened, posted };
}

/** Waits for the confirmation and returns the reference it shows. */
async function reference(page) {
  const shown = page.getByTestId("reference");
  await shown.waitFor({ timeout: 30_000 });
  return (await shown.textContent()).trim();
}

/** Every post repeated one proposal: one key, and the body it names. */
function assertOneProposal(posted) {
  assert.ok(posted.length >= 1, "nothing was posted");
  const keys = new Set(posted.map((p) => p.key));
  assert.equal(keys.size, 1, `one idempotency key for every attempt, got ${[...keys]}`);
  for (const { key, body } of posted) assert.equal(body.proposal_id, key);
}

test("a proposal with a shared budget is sent once, matches the schema, and leaves no budget in storage", async () => {
  const env = await bankAndSite();
  try {
    const { context, page, posted, problems } = await openAtReview(`${env.site.url}/`, {
      budget: true,
      consent: false,
    });
    await page.addScriptTag({ path: AXE });
    // Sending without consent says so next to the box, and sends nothing.
    await page.getByTestId("send").click();
    await page.getByTestId("consent-error").waitFor();
    assert.equal(await page.getByTestId("consent").getAttribute("aria-invalid"), "true");
    // A screen reader hears it: the error is an alert, and focus moves to the box.
    assert.equal(await page.getByTestId("consent-error").getAttribute("role"), "alert");
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), "consent");
    assert.deepEqual(await axeViolations(page), [], "axe with the consent error");
    assert.equal(posted.length, 0);
    await page.getByTestId("consent").check();
    await page.getByLabel(/分享我的收支数字/).check();
    const draft = await page.evaluate(() => JSON.stringify(Object.values(sessionStorage)));
    assert.ok(!draft.includes("6000") && !draft.includes("5400"), "budget figures in storage");
    await page.getByTestId("send").click();
    assert.match(await reference(page), /^RP-[A-Z2-9]{12}$/);
    assert.match(await page.getByTestId("first-due").textContent(), /772\.79/);
    assert.deepEqual(await axeViolations(page), [], "axe on the confirmation");
    // How to keep the next due date: the bank's automatic payments and reminders, on
    // this site (the configuration's paths, as the browser resolved them).
    const next = page.getByTestId("next-time").locator("a");
    const origin = new URL(page.url()).origin;
    assert.deepEqual(await next.evaluateAll((links) => links.map((a) => a.getAttribute("href"))), [
      `${origin}/online-banking/card/auto-debit`,
      `${origin}/online-banking/alerts`,
    ]);
    assert.equal(posted.length, 1);
    const { body } = posted[0];
    assertValid("submission", body, "the body the widget sent");
    assert.equal(body.budget.monthly_income, "6000.00");
    assert.equal(body.proposal.choice.term_months, 12);
    assert.equal(await env.stored(), 1);
    // After acceptance only the receipt is kept: a reload shows the confirmation again.
    const kept = await page.evaluate(() => JSON.stringify(Object.values(sessionStorage)));
    assert.ok(!kept.includes("proposal_id"), "the sent body is no longer kept");
    await page.reload();
    assert.match(await reference(page), /^RP-[A-Z2-9]{12}$/);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await env.close();
  }
});

// Seeds chosen so that the first two attempts meet the fault and a later one passes.
const faultModes = [
  ["server errors (500/503)", ["--fail-per-mille", "500", "--seed", "12"]],
  ["rate limiting (429, Retry-After)", ["--limit-per-mille", "500", "--seed", "10"]],
  ["answers lost after storing", ["--drop-per-mille", "500", "--seed", "10"]],
  ["a slow bank", ["--delay-ms", "2500"]],
];

for (const [name, faults] of faultModes) {
  test(`with ${name} the bank holds exactly one proposal and its reference is shown`, async () => {
    const env = await bankAndSite(faults);
    try {
      const { context, page, posted, problems } = await openAtReview(`${env.site.url}/`);
      await page.getByTestId("send").click();
      const shown = await reference(page);
      assertOneProposal(posted);
      if (!name.startsWith("a slow")) assert.ok(posted.length >= 3, `${posted.length} attempts`);
      assert.equal(await env.stored(), 1);
      // Whoever sent it (holding its key) gets the same answer again, with the access
      // token that alone shows the proposal; without it the reference shows nothing.
      // (The bank's faults meet this client too: it retries as the widget does.)
      const session = await signedIn(env.bank.url);
      let again = null;
      for (let attempt = 0; attempt < 30 && !again?.access_token; attempt++) {
        try {
          const answer = await fetch(`${env.bank.url}/api/proposals`, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              "idempotency-key": posted[0].key,
              ...session,
            },
            body: JSON.stringify(posted[0].body),
          });
          if (answer.ok) again = await answer.json();
        } catch {
          // A dropped answer: ask again with the same key.
        }
      }
      assert.equal(again.reference, shown);
      const lookup = `${env.bank.url}/api/proposals/${shown}`;
      assert.equal((await fetch(lookup, { headers: session })).status, 404);
      assert.equal(
        (await fetch(lookup, { headers: { authorization: `Bearer ${again.access_token}` } })).status,
        401,
        "a stranger with the token",
      );
      const found = await (
        await fetch(lookup, {
          headers: { authorization: `Bearer ${again.access_token}`, ...session },
        })
      ).json();
      assert.deepEqual(found.proposal, posted[0].body.proposal);
      // Failed attempts are expected network errors in the console; nothing else.
      const unexpected = problems.filter((p) => !/Failed to load resource|net::ERR/.test(p));
      assert.deepEqual(unexpected, []);
      await context.close();
    } finally {
      await env.close();
    }
  });
}

test("offline at the moment of sending, the proposal goes once the browser is back online", async () => {
  const env = await bankAndSite();
  try {
    const { context, page, posted } = await openAtReview(`${env.site.url}/`);
    await context.setOffline(true);
    await page.getByTestId("send").click();
    await page.getByTestId("send-status").getByText(/断网/).waitFor();
    assert.equal(await page.getByTestId("send").getAttribute("aria-disabled"), "true");
    assert.equal(await env.stored(), 0);
    await context.setOffline(false);
    await reference(page);
    assertOneProposal(posted);
    assert.equal(await env.stored(), 1);
    await context.close();
  } finally {
    await env.close();
  }
});

test("a reload while the proposal is on its way resumes it with the same key", async () => {
  const env = await bankAndSite(["--delay-ms", "1500"]);
  try {
    const { context, page, posted } = await openAtReview(`${env.site.url}/`);
    const message = page.getByLabel(/想告诉银行的其他情况/);
    await message.fill("我下个月可以多还一些。");
    await page.getByTestId("send").click();
    await page.waitForTimeout(300);
    await page.reload();
    // The draft came back with the proposal: the message is there, as typed.
    assert.equal(await message.inputValue(), "我下个月可以多还一些。");
    await reference(page);
    assertOneProposal(posted);
    assert.ok(posted.length >= 2, "the resumed proposal was posted again");
    assert.equal(await env.stored(), 1);
    await context.close();
  } finally {
    await env.close();
  }
});

test("a refusal is shown plainly, stores nothing, and lets the customer change the plan", async () => {
  const env = await bankAndSite(["--force-status", "422"]);
  try {
    const { context, page, posted } = await openAtReview(`${env.site.url}/`);
    await page.getByTestId("send").click();
    await page.getByTestId("send-status").getByText(/代码 forced/).waitFor();
    assert.equal(posted.length, 1, "a 4xx is never retried");
    assert.equal(await env.stored(), 0);
    // What to do next: whom to call, beside the refusal.
    const numbers = page.getByTestId("review").getByTestId("bank-contact").locator("a[href^='tel:']");
    assert.equal(await numbers.first().getAttribute("href"), "tel:4000000000");
    await page.getByTestId("back").click();
    await page.getByTestId("details").waitFor();
    await context.close();
  } finally {
    await env.close();
  }
});

test("consent to terms the bank never published is refused by the bank, which says to reload", async () => {
  const env = await bankAndSite();
  try {
    const { context, page, posted } = await openAtReview(`${env.site.url}/`, {
      settings: { terms: { url: "/legal/repayment-arrangement-terms", version: "1999-01" } },
    });
    await page.getByTestId("send").click();
    await page.getByTestId("send-status").getByText(/银行条款已更新。请刷新页面/).waitFor();
    assert.equal(posted.length, 1, "a 4xx is never retried");
    assert.equal(posted[0].body.consent.terms_version, "1999-01");
    assert.equal(await env.stored(), 0);
    await context.close();
  } finally {
    await env.close();
  }
});

test("the CSRF token goes in the configured header, and each attempt has its own timeout", async () => {
  const env = await bankAndSite(["--delay-ms", "1500"]);
  try {
    const settings = { csrf: { cookie: "XSRF-TOKEN", header: "X-CSRF-Token" }, timeout_seconds: 1 };
    const { context, page, posted } = await openAtReview(`${env.site.url}/`, { settings });
    // Everything the polite status region says while the attempts go on.
    await page.evaluate(() => {
      const region = document.querySelector("[data-testid=review] [role=status]");
      window.__said = [];
      new MutationObserver(() => window.__said.push(region.textContent)).observe(region, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
    await page.getByTestId("send").click();
    // Every attempt gives up after a second; after five the customer is offered "try again".
    const button = page.getByTestId("send");
    await page.getByTestId("send-status").getByText(/暂时无法连接银行/).waitFor({ timeout: 40_000 });
    // Said assertively to a screen reader, once; the polite region said "sending" only.
    assert.match(await page.getByTestId("send-alert").textContent(), /暂时无法连接银行/);
    const said = await page.evaluate(() => [...new Set(window.__said)].filter((text) => text !== ""));
    assert.equal(said.length, 1, `the status region said: ${JSON.stringify(said)}`);
    assert.equal(await button.textContent(), "重试");
    assert.equal(await button.getAttribute("aria-disabled"), null);
    assert.equal(posted.length, 5);
    assertOneProposal(posted);
    for (const { headers } of posted) assert.equal(headers["x-csrf-token"], "t0k3n");
    assert.ok((await env.stored()) <= 1);
    await context.close();
  } finally {
    await env.close();
  }
});

// A bank that fails and then recovers (#29): while every answer is a 500, the customer is
// told that the bank's system is failing (not that their network is), that the proposal is
// kept and will not be booked twice, and when to try again; once the bank is back on the
// same records, "try again" books it, once.
test("a bank that fails and then recovers: told plainly, tried again, booked once", async () => {
  const dir = mkdtempSync(join(tmpdir(), "repay-recover-"));
  const db = join(dir, "bank.sqlite");
  let bank = await startDevBank(["--db", db, "--force-status", "500"]);
  const addr = new URL(bank.url).host;
  const site = await serveStatic(undefined, {}, bank.url);
  try {
    const { context, page, posted, problems } = await openAtReview(`${site.url}/`);
    await page.getByTestId("send").click();
    // Five attempts with backoff (1 + 2 + 4 + 8 s at most), then the customer is told.
    const status = page.getByTestId("send-status");
    await status.getByText(/银行系统暂时出现故障/).waitFor({ timeout: 40_000 });
    const said = await status.textContent();
    assert.match(said, /不会被重复受理/, said);
    assert.match(said, /请过几分钟再试/, said);
    assert.doesNotMatch(said, /无法连接银行/, "the bank answered: the network is not to blame");
    assert.match(await page.getByTestId("send-alert").textContent(), /银行系统暂时出现故障/);
    assert.equal(posted.length, 5);
    assert.equal(await page.getByTestId("send").textContent(), "重试");

    // The bank comes back, on the same address and the same records.
    await bank.close();
    bank = await startDevBank(["--addr", addr, "--db", db]);
    await page.getByTestId("send").click();
    assert.match(await reference(page), /^RP-[A-Z2-9]{12}$/);
    assert.equal(posted.length, 6);
    assertOneProposal(posted);
    assert.equal(await acceptedProposals(bank.url), 1);
    assert.deepEqual(problems.filter((p) => !/500/.test(p)), []);
    await context.close();
  } finally {
    await site.close();
    await bank.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

// The proposal belongs to the signed-in customer (#29): once the bank's sign-in has ended,
// the bank answers 401 and decides nothing. The customer is told to sign in again, the
// proposal is kept and not retried on its own, and after signing in "Try again" books
// it, once, under the same key.
test("a customer whose sign-in ended is told so, signs in again and books the plan once", async () => {
  const env = await bankAndSite();
  try {
    const { context, page, posted, problems } = await openAtReview(`${env.site.url}/`);
    await context.clearCookies();
    await page.getByTestId("send").click();
    const status = page.getByTestId("send-status");
    await status.getByText(/您已退出银行登录/).waitFor({ timeout: 20_000 });
    assert.match(await status.textContent(), /方案已保存在本页/);
    assert.match(await page.getByTestId("send-alert").textContent(), /重新登录银行/);
    assert.equal(await page.getByTestId("send").textContent(), "重试");
    assert.equal(posted.length, 1, "an ended sign-in is not retried on its own");
    assert.equal(await env.stored(), 0);

    await signInContext(context, env.site.url, "wang");
    await page.getByTestId("send").click();
    assert.match(await reference(page), /^RP-[A-Z2-9]{12}$/);
    assert.equal(posted.length, 2);
    assertOneProposal(posted);
    assert.equal(await env.stored(), 1);
    assert.deepEqual(problems.filter((p) => !/401/.test(p)), []);
    await context.close();
  } finally {
    await env.close();
  }
});

// The page signs in afresh while an attempt is on its way (the demo does so after every
// load, a bank when it renews a session): the browser may send the new session with the
// CSRF token the widget read before. The bank answers 403 csrf_failed, nothing was
// decided, and the widget sends the same proposal again at once with the new token.
test("a sign-in renewed while an attempt is on its way: sent again with the new token, booked once", async () => {
  const env = await bankAndSite();
  try {
    const { context, page, posted, problems } = await openAtReview(`${env.site.url}/`);
    let raced = false;
    await page.route("**/api/proposals", async (route) => {
      if (raced) return route.continue();
      raced = true;
      await signInContext(context, env.site.url, "wang");
      await route.fulfill({
        status: 403,
        contentType: "application/json",
        body: JSON.stringify({ error: "csrf_failed", message: "the token is not this session's" }),
      });
    });
    await page.getByTestId("send").click();
    assert.match(await reference(page), /^RP-[A-Z2-9]{12}$/);
    assert.equal(posted.length, 2, "the refused attempt and one more");
    assert.notEqual(posted[0].headers["x-csrf-token"], posted[1].headers["x-csrf-token"]);
    assertOneProposal(posted);
    assert.equal(await env.stored(), 1);
    assert.deepEqual(problems.filter((p) => !/403/.test(p)), []);
    await context.close();
  } finally {
    await env.close();
  }
});

// Plans by identity (#29): the CN customer chose offer 2 (flat-fee instalments, 12 × ¥772.79)
// and reached the review with consent given. The bank then swaps offers 2 and 3: after a
// reload the review still shows the flat-fee plan, never the annuity plan now in its
// place. Then the bank reprices it: the choice and the consent are gone, the options say
// why, and "Send" is not reachable until a plan is chosen again.
test("a reload after the bank reorders or changes its offers never books a plan the customer did not choose", async () => {
  const env = await bankAndSite();
  let rewrite = (plans) => plans;
  try {
    const { context, page, problems } = await openRecordedPage(browser, `${env.site.url}/`, {}, async (page) => {
      await page.route("**/cn-card.json", async (route) => {
        const response = await route.fetch();
        const config = await response.json();
        config.policy.plans = rewrite(config.policy.plans);
        await route.fulfill({ response, body: JSON.stringify(config) });
      });
    });
    await page.getByTestId("repay-widget").waitFor();
    await walkToReview(page, { term: "12" });
    const summary = () => page.getByTestId("review-summary").textContent();
    assert.match(await summary(), /772\.79/);

    rewrite = (plans) => {
      [plans[2], plans[3]] = [plans[3], plans[2]];
      return plans;
    };
    await page.reload();
    await page.getByTestId("review").waitFor();
    assert.match(await summary(), /772\.79/, "still the flat-fee plan the customer chose");
    assert.doesNotMatch(await summary(), /768\.61/, "never the annuity plan now in its place");
    assert.equal(await page.getByTestId("consent").isChecked(), true);

    rewrite = (plans) => {
      [plans[2], plans[3]] = [plans[3], plans[2]];
      plans[3] = JSON.parse(JSON.stringify(plans[3]).replace('"0.006"', '"0.007"'));
      return plans;
    };
    await page.reload();
    await page.getByTestId("options").waitFor();
    assert.match(await page.getByTestId("offers-changed").textContent(), /银行的方案有了变化/);
    assert.equal(await page.getByTestId("review").count(), 0);
    assert.equal(await page.locator("[data-testid^=choose-plan-][aria-pressed=true]").count(), 0, "nothing is chosen");
    assert.equal(await env.stored(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await env.close();
  }
});

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

// What each announcement must say, worked out apart from the page it is checked on: the
// engine's figures for the CN sample (`repay simulate crates/engine/data/cn-card.json
// --term 12`: the flat-fee plan is 11 × 772.79 then 772.85, wherever it starts; 12,000
// income less 8,000 expenses at the policy's affordability share of 0.5 is 2,000 a month;
// 500 paid of the 910.74 it takes today to be up to date, 860.00 overdue with 43.00 in
// fees and 7.74 in penalty interest, leaves 410.74) in the catalogs' words.
const EXPECTED = {
  "zh-CN": {
    money: (amount) => `¥${amount}`,
    affordable: "您每月大约可拿出 ¥2,000.00 用于还款。",
    stillOverdue: "还需还款 ¥410.74 才能让账户恢复正常。",
    movedDate: /2026年12月20日/,
  },
  "en-US": {
    money: (amount) => `CN¥${amount}`,
    affordable: "You could put about CN¥2,000.00 a month towards repayment.",
    stillOverdue: "CN¥410.74 would still be needed to bring your account up to date.",
    movedDate: /December 20, 2026/,
  },
};

for (const locale of ["zh-CN", "en-US"]) {
  const expected = EXPECTED[locale];
  test(`${locale}: typing the budget is announced once, when the figures settle`, async () => {
    const { context, page, problems } = await open(locale);
    await page.getByTestId("see-options").click();
    await page.getByTestId("tell-us").click();
    await page.getByTestId("situation").waitFor();
    await recordAnnouncements(page);
    const fields = page.locator(".repay-widget__input");
    await fields.nth(0).pressSequentially("12000", { delay: 80 });
    await fields.nth(1).pressSequentially("8000", { delay: 80 });
    assert.deepEqual(await announced(page), [expected.affordable]);

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
    let heard = await announced(page);
    assert.equal(heard.length, 1, heard.join(" | "));
    for (const amount of ["772.79", "772.85"]) {
      assert.ok(heard[0].includes(expected.money(amount)), `${heard[0]} lacks ${amount}`);
    }
    assert.ok(heard[0].startsWith((await page.getByTestId("plan-2").locator("h3").textContent()).trim()), heard[0]);

    // The first payment date moves every plan's dates: said once, with the chosen plan.
    await page.getByTestId("choose-plan-2").click();
    await announced(page);
    const date = page.locator("input[type=date]").first();
    await date.fill("2026-12-20");
    heard = await announced(page);
    assert.equal(heard.length, 1, heard.join(" | "));
    assert.match(heard[0], expected.movedDate);
    assert.ok(heard[0].includes(expected.money("772.79")), heard[0]);
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
    assert.ok(heard[0].startsWith(expected.stillOverdue), heard[0]);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

// The customer's own plan: a payment typed wrong is announced with the field it belongs
// to, once; put right, the plan's new figures are (#32).
test("en-US: a payment of the customer's own plan typed wrong is announced with its field", async () => {
  const opened = await openRecordedPage(browser, `${site.url}/?customer=us`, PHONE);
  const { context, page, problems } = opened;
  await page.getByTestId("see-options").click();
  await page.getByTestId("options").waitFor();
  // The US sample's offer 7 is the customer's own plan: its line opens the editor.
  await page.getByTestId("plan-7-line").click();
  const amount = page.locator("input[id$='-custom-amount-0']");
  await amount.waitFor();
  await recordAnnouncements(page);
  await amount.pressSequentially("12x", { delay: 80 });
  let heard = await announced(page);
  assert.equal(heard.length, 1, heard.join(" | "));
  assert.match(heard[0], /^Amount of payment 1: .*numbers/);
  await amount.fill("");
  await amount.pressSequentially("200", { delay: 80 });
  heard = await announced(page);
  assert.equal(heard.length, 1, heard.join(" | "));
  assert.ok(heard[0].startsWith("Your own plan: "), heard[0]);
  assert.deepEqual(problems, []);
  await context.close();
});

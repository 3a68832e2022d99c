// Phone-first details a bank's accessibility sign-off checks (#19), in real Chromium on
// the release build: every control on a step has a name of its own, focus lands
// somewhere meaningful after removing a payment, and "See other options" goes to the
// options.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  chooseLanguage,
  launchBrowser,
  openPlan,
  openRecordedPage,
  serveStatic,
  startDevBank,
  walkToReview,
} from "./harness.mjs";

const PHONE = { viewport: { width: 390, height: 844 } };

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

/** The accessible names of the step's buttons and form fields, as a screen reader lists them. */
async function controlNames(page) {
  return page.evaluate(() => {
    const widget = document.querySelector("[data-testid=repay-widget]");
    const name = (el) => {
      if (el.labels?.length) return [...el.labels].map((l) => l.textContent).join(" ").trim();
      return (el.getAttribute("aria-label") ?? el.textContent).replace(/\s+/g, " ").trim();
    };
    return [...widget.querySelectorAll("button, select, input, textarea")]
      .filter((el) => el.type !== "radio" && !el.closest("[role=group]"))
      .map(name);
  });
}

for (const locale of ["zh-CN", "en-US"]) {
  test(`${locale}: on the options step no two controls share a name, chosen or not`, async () => {
    const { context, page, problems } = await openRecordedPage(browser, `${site.url}/`, PHONE);
    await page.getByTestId("repay-widget").waitFor();
    if ((await page.getByTestId("repay-widget").getAttribute("lang")) !== locale) {
      await chooseLanguage(page, locale);
    }
    await page.getByTestId("see-options").click();
    await page.getByTestId("options").waitFor();
    const before = await controlNames(page);
    await openPlan(page, 2);
    await page.getByTestId("choose-plan-2").click();
    const after = await controlNames(page);
    for (const names of [before, after]) {
      const repeated = names.filter((n, i) => names.indexOf(n) !== i);
      assert.deepEqual(repeated, [], names.join(" | "));
    }
    // Choosing a plan presses its button; its name stays the same.
    const plans = (names) => names.filter((n) => /选择此方案|Choose this plan/.test(n));
    assert.deepEqual(plans(after), plans(before));
    assert.equal(plans(before).length, 7, "every plan but the empty custom one");
    assert.equal(await page.getByTestId("choose-plan-2").getAttribute("aria-pressed"), "true");
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("removing a payment of the customer's own plan puts focus on 'Add a payment'", async () => {
  const { context, page } = await openRecordedPage(browser, `${site.url}/`, PHONE);
  await page.getByTestId("see-options").click();
  await openPlan(page, 7);
  await page.getByTestId("add-custom-row").click();
  await page.getByTestId("add-custom-row").click();
  await page.getByTestId("custom-row-1").getByRole("button").click();
  await page.waitForFunction(() => document.activeElement?.dataset.testid === "add-custom-row");
  assert.equal(await page.locator("[data-testid^=custom-row-]").count(), 2);
  await context.close();
});

for (const locale of ["zh-CN", "en-US"]) {
  test(`${locale}: the options step fits in two phone screens, and Continue is in sight once a plan is chosen`, async () => {
    const { context, page, problems } = await openRecordedPage(browser, `${site.url}/`, PHONE);
    await page.getByTestId("repay-widget").waitFor();
    if ((await page.getByTestId("repay-widget").getAttribute("lang")) !== locale) {
      await chooseLanguage(page, locale);
    }
    await page.getByTestId("see-options").click();
    const step = page.getByTestId("options");
    await step.waitFor();
    const { height } = await step.boundingBox();
    assert.ok(height <= 2 * PHONE.viewport.height, `the options step is ${height} px tall`);
    await openPlan(page, 2);
    await page.getByTestId("choose-plan-2").click();
    const inSight = await page.getByTestId("continue").evaluate((button) => {
      const box = button.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight;
    });
    assert.ok(inSight, "Continue is on screen without scrolling");
    await page.getByTestId("continue").click();
    await page.getByTestId("details").waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("Continue does not move on silently past a budget figure that cannot be used", async () => {
  const { context, page } = await openRecordedPage(browser, `${site.url}/?customer=us`, PHONE);
  await page.getByTestId("see-options").click();
  await page.getByTestId("tell-us").click();
  const fields = page.locator(".repay-widget__input");
  await fields.nth(0).fill("3000");
  await fields.nth(1).fill("lots");
  const next = page.getByTestId("continue");
  assert.equal(await next.getAttribute("aria-disabled"), "true");
  const hint = await page.locator(`[id="${await next.getAttribute("aria-describedby")}"]`).textContent();
  assert.match(hint, /Correct the figures marked above/);
  await next.click({ force: true });
  assert.equal(await page.getByTestId("situation").count(), 1, "still on the situation step");
  await fields.nth(1).fill("2500");
  assert.equal(await next.getAttribute("aria-disabled"), null);
  await next.click();
  await page.getByTestId("options").waitFor();
  await context.close();
});

/**
 * What is cut off on screen: the page scrolling sideways, and any piece of text with a
 * figure in it (an amount, a date, a count) that reaches past the widget's edge or past
 * the box that scrolls or clips it. Hidden elements (folded away) are skipped.
 */
async function clipped(page) {
  return page.evaluate(() => {
    const widget = document.querySelector("[data-testid=repay-widget]");
    const edge = widget.getBoundingClientRect();
    const found = [];
    if (document.documentElement.scrollWidth > window.innerWidth) found.push("the page scrolls sideways");
    for (const element of widget.querySelectorAll("*")) {
      if ([...element.childNodes].every((node) => node.nodeType !== Node.TEXT_NODE)) continue;
      const text = element.textContent.trim();
      if (!/\d/.test(text)) continue;
      if (!element.checkVisibility()) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.right > edge.right + 0.5 || box.left < edge.left - 0.5) found.push(`${text} (past the widget's edge)`);
      for (let parent = element.parentElement; parent && parent !== widget; parent = parent.parentElement) {
        if (/(auto|scroll|hidden|clip)/.test(getComputedStyle(parent).overflowX)) {
          const frame = parent.getBoundingClientRect();
          if (box.right > frame.right + 0.5 || box.left < frame.left - 0.5) found.push(`${text} (cut by its box)`);
          break;
        }
      }
    }
    return found;
  });
}

/** Each language with a sample customer who reads it: Hong Kong's in HK$, the UK's in £. */
const READERS = [
  ["zh-CN", "us"],
  ["en-US", "us"],
  ["zh-HK", "hk"],
  ["zh-TW", "us"],
  ["en-GB", "uk"],
];

for (const width of [320, 390]) {
  for (const [locale, customer] of READERS) {
    test(`${locale} at ${width} px: no figure is cut off and nothing scrolls sideways, on every step`, async () => {
      const { context, page, problems } = await openRecordedPage(browser, `${site.url}/?customer=${customer}`, {
        viewport: { width, height: 800 },
      });
      await page.getByTestId("repay-widget").waitFor();
      if ((await page.getByTestId("repay-widget").getAttribute("lang")) !== locale) {
        await chooseLanguage(page, locale);
      }
      const check = async (step) => assert.deepEqual(await clipped(page), [], `${step} at ${width} px`);
      await page.getByTestId("pay-now").click();
      await page.getByTestId("timeline").locator("summary").click();
      await check("status");
      await page.getByTestId("see-options").click();
      await page.getByTestId("tell-us").click();
      const fields = page.locator(".repay-widget__input");
      await fields.nth(0).fill("3000");
      await fields.nth(1).fill("2500");
      await check("situation");
      await page.getByTestId("continue").click();
      await openPlan(page, 2);
      await check("options");
      await page.getByTestId("choose-plan-2").click();
      await page.getByTestId("continue").click();
      await page.getByTestId("details").waitFor();
      await check("details");
      await page.getByTestId("continue").click();
      await page.getByTestId("review").waitFor();
      await check("review");
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test("at 390 px a Chinese date in a half-row fact box stays on one line", async () => {
  // The US customer's due date, 2026年10月25日, is the longest form a date takes.
  const { context, page, problems } = await openRecordedPage(browser, `${site.url}/?customer=us`, PHONE);
  await page.getByTestId("repay-widget").waitFor();
  for (const locale of ["zh-CN", "zh-HK", "zh-TW"]) {
    await chooseLanguage(page, locale);
    const due = page.getByTestId("due-date");
    assert.equal((await due.textContent()).trim(), "2026年10月25日");
    const lines = await due.evaluate((dd) => {
      const range = document.createRange();
      range.selectNodeContents(dd);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    });
    assert.equal(lines, 1, `${locale}: the date breaks over ${lines} lines`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

/** WCAG 1.4.12's text-spacing override, as the bookmarklets auditors use apply it. */
const TEXT_SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-block-end: 2em !important; }`;

for (const width of [320, 390, 1280]) {
  for (const spacing of [false, true]) {
    test(`the charts' words are never cut off at ${width} px${spacing ? " with the text-spacing override" : ""}`, async () => {
      const { context, page, problems } = await openRecordedPage(browser, `${site.url}/?customer=us`, {
        viewport: { width, height: 800 },
      });
      await page.getByTestId("repay-widget").waitFor();
      await chooseLanguage(page, "en-US");
      if (spacing) await page.addStyleTag({ content: TEXT_SPACING });
      await page.getByTestId("see-options").click();
      await page.getByTestId("compare").locator("summary").first().click();
      await page.getByTestId("charts").waitFor();
      // The longest label: a plan's whole name and its cost, e.g. "Equal monthly installments · $405.99".
      const labels = page.locator(".repay-widget__bar-label");
      assert.ok((await labels.count()) >= 3);
      assert.deepEqual(await clipped(page), [], `at ${width} px`);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test("the balance drawing is described by its legend: each plan from what it starts at to the day it is paid off", async () => {
  const { context, page, problems } = await openRecordedPage(browser, `${site.url}/?customer=us`, PHONE);
  await page.getByTestId("repay-widget").waitFor();
  await chooseLanguage(page, "en-US");
  await page.getByTestId("see-options").click();
  await page.getByTestId("compare").locator("summary").first().click();
  const drawing = page.getByTestId("charts").locator("svg[role=img]");
  const description = await drawing.evaluate((svg) =>
    svg
      .getAttribute("aria-describedby")
      .split(" ")
      .map((id) => svg.getRootNode().getElementById(id).textContent)
      .join(" "),
  );
  const items = description.match(/: from \$[\d,.]+ to nothing on [A-Z][a-z]+ \d+, \d{4}/g) ?? [];
  assert.equal(items.length, await page.locator(".repay-widget__legend-item").count(), description);
  assert.ok(items.length >= 3, description);
  assert.deepEqual(problems, []);
  await context.close();
});

/** A `prepare` for openRecordedPage: the CN sample customer's bank enables `locales` only. */
function enabling(locales) {
  return (page) =>
    page.route("**/cn-card.json", async (route) => {
      const response = await route.fetch();
      const config = { ...(await response.json()), locales };
      await route.fulfill({ response, json: config });
    });
}

test("in forced colours (high contrast) the pressed language and the chosen plan keep an outline", async () => {
  // Two languages are buttons, one of them pressed.
  const { context, page, problems } = await openRecordedPage(
    browser,
    `${site.url}/`,
    PHONE,
    enabling(["zh-CN", "en-US"]),
  );
  await page.emulateMedia({ forcedColors: "active" });
  await page.getByTestId("repay-widget").waitFor();
  const outline = (locator) =>
    locator.evaluate((el) => {
      const style = getComputedStyle(el);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
  const pressed = page.locator(".repay-widget__language[aria-pressed=true]");
  assert.deepEqual(await outline(pressed), { style: "solid", width: 3 });
  const other = page.locator(".repay-widget__language[aria-pressed=false]").first();
  assert.equal((await outline(other)).style, "none", "only the pressed language is outlined");
  await page.getByTestId("see-options").click();
  await openPlan(page, 2);
  await page.getByTestId("choose-plan-2").click();
  assert.deepEqual(await outline(page.getByTestId("choose-plan-2")), { style: "solid", width: 3 });
  assert.deepEqual(problems, []);
  await context.close();
});

test("at 320 px the review's checkboxes keep their size beside long labels", async () => {
  const { context, page, problems } = await openRecordedPage(browser, `${site.url}/`, {
    viewport: { width: 320, height: 800 },
  });
  await page.getByTestId("repay-widget").waitFor();
  await chooseLanguage(page, "en-US");
  // With a budget, so that "Share my budget figures" is there beside the consent.
  await walkToReview(page, { budget: ["5000", "3000"], consent: false });
  const boxes = await page.locator("input[type=checkbox]").evaluateAll((inputs) =>
    inputs.map((input) => {
      const { width, height } = input.getBoundingClientRect();
      return [Math.round(width), Math.round(height)];
    }),
  );
  assert.ok(boxes.length >= 2, JSON.stringify(boxes));
  for (const [width, height] of boxes) {
    assert.equal(width, height, `square: ${JSON.stringify(boxes)}`);
    assert.ok(width >= 18, `at least 18 px: ${JSON.stringify(boxes)}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

// The first screen rendered on the server (`repay render`, the widget compiled natively)
// against the same screen rendered in Chromium by the release build: for each sample, the
// two are the same DOM, element for element, attribute for attribute, text for text. The
// comments Yew adds for hydration, and how a text is split into text nodes, are the only
// differences allowed.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  REPAY_CLI,
  acceptedProposals,
  launchBrowser,
  serverRenderedExample,
  openRecordedPage,
  serveStatic,
  signInContext,
  startDemoSite,
  startDevBank,
  walkToReview,
  watchStartup,
} from "./harness.mjs";

const FOLDER = process.env.REPAY_FOLDER ?? "target/dist/repay-widget-0.1.0";

let browser;
let folderSite;

before(async () => {
  browser = await launchBrowser();
  folderSite = await serveStatic(FOLDER);
});

after(async () => {
  await folderSite?.close();
  await browser?.close();
});

/**
 * In the page: the first difference between the widget on screen and `html` parsed as
 * the browser parses it (comments left out), or null when there is none.
 */
function firstDifference(html) {
  const find = (root) => {
    const found = root.querySelector("[data-testid=repay-widget]");
    if (found) return found;
    for (const element of root.querySelectorAll("*")) {
      if (element.shadowRoot) {
        const inside = find(element.shadowRoot);
        if (inside) return inside;
      }
    }
    return null;
  };
  const template = document.createElement("template");
  template.innerHTML = html;
  const walker = document.createTreeWalker(template.content, NodeFilter.SHOW_COMMENT);
  const comments = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  for (const comment of comments) comment.remove();
  // Adjacent texts are one text node in parsed HTML and may be several in the DOM Yew
  // builds: both are compared as the browser normalises them.
  template.content.normalize();
  const server = template.content.querySelector("[data-testid=repay-widget]");
  const client = find(document)?.cloneNode(true);
  client?.normalize();
  const describe = (node) =>
    node.nodeType === Node.ELEMENT_NODE ? node.outerHTML.slice(0, 300) : JSON.stringify(node.textContent);
  const compare = (a, b, path) => {
    if (!a || !b) return `${path}: ${a ? "only on the server" : "only in the browser"}: ${describe(a ?? b)}`;
    if (a.nodeType !== b.nodeType || a.nodeName !== b.nodeName) {
      return `${path}: server ${describe(a)} / browser ${describe(b)}`;
    }
    if (a.nodeType === Node.TEXT_NODE) {
      return a.textContent === b.textContent ? null : `${path}: server ${describe(a)} / browser ${describe(b)}`;
    }
    const names = new Set([...a.getAttributeNames(), ...b.getAttributeNames()]);
    for (const name of names) {
      if (a.getAttribute(name) !== b.getAttribute(name)) {
        return `${path} [${name}]: server ${JSON.stringify(a.getAttribute(name))} / browser ${JSON.stringify(b.getAttribute(name))}`;
      }
    }
    const kids = (node) => [...node.childNodes].filter((n) => n.nodeType !== Node.COMMENT_NODE);
    const [ak, bk] = [kids(a), kids(b)];
    for (let i = 0; i < Math.max(ak.length, bk.length); i += 1) {
      const found = compare(ak[i], bk[i], `${path} > ${(ak[i] ?? bk[i]).nodeName.toLowerCase()}[${i}]`);
      if (found) return found;
    }
    return null;
  };
  return compare(server, client, "section");
}

// Each sample in each language it enables (all five where it names none), with that
// language as its `locale`: the server's screen (`repay render`) against the browser's
// (the folder's example page, mounted in the browser).
const EVERY_LOCALE = ["zh-CN", "zh-HK", "zh-TW", "en-US", "en-GB"];
for (const customer of ["cn", "us", "hk", "uk"]) {
  const sample = JSON.parse(readFileSync(join(FOLDER, `${customer}-card.json`), "utf8"));
  for (const locale of sample.locales ?? EVERY_LOCALE) {
    test(`the ${customer} sample's first screen in ${locale} is the same rendered on the server and in the browser`, async () => {
      const config = { ...sample, locale };
      const text = JSON.stringify(config);
      const dir = mkdtempSync(join(tmpdir(), "repay-same-"));
      try {
        const url = `${folderSite.url}/example.html`;
        writeFileSync(join(dir, "config.json"), text);
        const html = execFileSync(REPAY_CLI, ["render", join(dir, "config.json"), "--page", url], { encoding: "utf8" });
        assert.ok(html.includes(`data-repay-rendered="${locale}"`));
        const example = readFileSync(join(FOLDER, "example.html"), "utf8");
        const pageHtml = example.replace(
          /(<script type="application\/json" id="repayment-config">)[\s\S]*?(<\/script>)/,
          (_, open, close) => `${open}${text.replaceAll("<", "\\u003c")}${close}`,
        );
        const { context, page, problems } = await openRecordedPage(browser, url, {}, async (page) => {
          await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
          await page.route("**/example.html", (route) =>
            route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: pageHtml }),
          );
        });
        await page.getByTestId("overdue-amount").waitFor();
        assert.equal(await page.evaluate(firstDifference, html), null);
        assert.deepEqual(problems, []);
        await context.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
}

// The guide's strict CSP holds for a server-rendered page: the fragment adds no inline
// script and no style attribute. The figures are on screen before the program arrives;
// the widget takes them over without drawing them again (no layout shift, no error), the
// customer's draft comes back after the takeover, and the plan they chose is booked once.
test("a server-rendered page is taken over under the strict CSP, resumes the draft after the takeover, and sends once", async () => {
  const integrity = JSON.parse(readFileSync(join(FOLDER, "integrity.json"), "utf8"));
  const csp = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${integrity.csp["script-src"]}; style-src 'self'`;
  const bank = await startDevBank();
  const rendered = await serveStatic(FOLDER, { "content-security-policy": csp }, bank.url);
  try {
    const url = `${rendered.url}/example.html`;
    const html = serverRenderedExample(FOLDER, url);
    const { context, page, problems } = await openRecordedPage(browser, url, { viewport: { width: 390, height: 844 } }, async (page, context) => {
      await signInContext(context, rendered.url, "jordan");
      await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
      // The page as the bank's server sends it: with the strict CSP.
      await page.route("**/example.html", (route) =>
        route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", headers: { "content-security-policy": csp }, body: html }),
      );
      await watchStartup(page);
      await page.addInitScript(() => {
        // Every element the widget removes or adds in the server's screen, counted when
        // the widget says it is ready.
        window.__redrawn = 0;
        document.addEventListener("repay:ready", () => {
          window.__atReady = window.__redrawn;
        });
        document.addEventListener("DOMContentLoaded", () => {
          // Watched from before the takeover, or the count below proves nothing.
          window.__watchedInTime = window.__ready === undefined;
          const screen = document.querySelector("[data-testid=repay-widget]");
          new MutationObserver((records) => {
            for (const record of records) {
              const elements = [...record.removedNodes, ...record.addedNodes].filter((n) => n.nodeType === Node.ELEMENT_NODE);
              window.__redrawn += elements.length;
            }
          }).observe(screen, { subtree: true, childList: true });
        });
      });
    });
    // Taken over: `ready`, with nothing drawn again and nothing moved; the buttons answer.
    await page.waitForFunction(() => window.__atReady !== undefined);
    assert.equal(await page.evaluate(() => window.__watchedInTime), true, "watched from before the takeover");
    assert.equal(await page.evaluate(() => window.__atReady), 0, "elements of the server's screen drawn again");
    assert.equal(await page.locator(".repay-widget-host").count(), 1, "one widget, the server's");
    const shift = await page.evaluate(() => window.__shift);
    assert.ok(shift <= 0.01, `layout shift ${shift}`);
    // The draft: the customer walks to the review, then the page is loaded again, as
    // the server renders it (the first screen), and the widget resumes at the review.
    await walkToReview(page);
    await page.reload();
    await page.getByTestId("review").waitFor();
    assert.ok(await page.getByTestId("consent").isChecked(), "the consent came back with the draft");
    await page.getByTestId("send").click();
    await page.getByTestId("reference").waitFor({ timeout: 30_000 });
    assert.equal(await acceptedProposals(bank.url), 1);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await rendered.close();
    await bank.close();
  }
});

// Without a rendered screen: until the program arrives, the host keeps one screen's height
// and shows the bank's placeholder; what follows is below the screen, so nothing the
// customer sees moves when the widget arrives, and the placeholder gives way to it.
test("mounted in the browser, the page shows a placeholder in the widget's space and nothing moves", async () => {
  const integrity = JSON.parse(readFileSync(join(FOLDER, "integrity.json"), "utf8"));
  const csp = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${integrity.csp["script-src"]}; style-src 'self'`;
  const strict = await serveStatic(FOLDER, { "content-security-policy": csp });
  try {
    let release;
    const held = new Promise((resolve) => {
      release = resolve;
    });
    const { context, page, problems } = await openRecordedPage(
      browser,
      `${strict.url}/example.html`,
      { viewport: { width: 390, height: 844 } },
      async (page) => {
        await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
        // Something of the bank's after the widget, to see whether it moves.
        await page.route("**/example.html", async (route) => {
          const response = await route.fetch();
          const html = (await response.text()).replace("</main>", '<p id="after">Your other accounts</p></main>');
          await route.fulfill({ response, body: html });
        });
        // The program is held back until the placeholder has been looked at.
        await page.route("**/repay-widget_bg.wasm", async (route) => {
          await held;
          await route.continue();
        });
        await watchStartup(page);
      },
    );
    const placeholder = page.locator(".repay-widget-placeholder");
    await placeholder.waitFor();
    assert.match(await placeholder.textContent(), /Loading your repayment options/);
    const slot = await page.locator("#repayment").boundingBox();
    assert.ok(slot.height >= 844, `the slot keeps a screen's height, not ${slot.height}px`);
    const after = await page.locator("#after").boundingBox();
    assert.ok(after.y >= 844, `what follows is below the screen, not at ${after.y}px`);
    release();
    await page.waitForFunction(() => window.__ready !== undefined);
    await page.getByTestId("overdue-amount").waitFor();
    assert.equal(await placeholder.count(), 0, "the placeholder gave way to the widget");
    assert.equal(await page.getByTestId("waiting").isVisible(), false, "no waiting notice without a rendered screen");
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
    const shift = await page.evaluate(() => window.__shift);
    assert.ok(shift <= 0.01, `layout shift ${shift}`);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await strict.close();
  }
});

// Without script of the page's own: repay-widget-auto.js takes a rendered screen over in
// a marked element (once), and mounts the other marked element afresh.
test("auto-mount takes over a screen the server rendered into a marked element", async () => {
  const folderSite = await serveStatic(FOLDER);
  try {
    const at = `${folderSite.url}/example-auto.html`;
    const fragment = execFileSync(REPAY_CLI, ["render", join(FOLDER, "cn-card.json"), "--page", at], {
      encoding: "utf8",
    }).trim();
    const example = readFileSync(join(FOLDER, "example-auto.html"), "utf8");
    const marked = '<div data-repay-widget data-config-url="cn-card.json"></div>';
    assert.ok(example.includes(marked), "example-auto.html has the CN element");
    const html = example.replace(marked, `<div data-repay-widget data-config-url="cn-card.json">${fragment}</div>`);
    const { context, page, problems } = await openRecordedPage(browser, at, {}, async (page) => {
      await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
      await page.route("**/example-auto.html", (route) =>
        route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
      );
    });
    const first = page.locator("[data-repay-widget]").first();
    // Both widgets there: the CN one taken over (no longer marked as rendered), the US
    // one mounted afresh.
    await page.locator("[data-repay-widget]").nth(1).getByTestId("overdue-amount").waitFor();
    await page.waitForFunction(
      () => document.querySelectorAll(".repay-widget-host:not([data-repay-rendered])").length === 2,
    );
    assert.equal(await first.locator(".repay-widget-host").count(), 1, "the server's screen, not a second widget");
    await first.getByTestId("see-options").click();
    await first.getByTestId("options").waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await folderSite.close();
  }
});

// The demo site (`cargo xtask serve`): the bank's server renders the page with the
// customer's first screen in it and signs the customer in with the page, as an account
// page comes after the bank's sign-in. Every customer's page arrives with their figures
// and language; the widget takes one over and books the plan chosen once.
test("the demo site's page arrives with the figures, is taken over and sends once", async () => {
  const demo = await startDemoSite(FOLDER);
  try {
    for (const [customer, lang, figure] of [
      ["cn", "zh-CN", "¥"],
      ["us", "en-US", "$"],
      ["hk", "zh-HK", "HK$"],
      ["uk", "en-GB", "£"],
    ]) {
      const response = await fetch(`${demo.url}/?customer=${customer}`);
      assert.equal(response.status, 200, customer);
      const html = await response.text();
      assert.ok(html.includes(`data-repay-rendered="${lang}"`), `${customer}: rendered in ${lang}`);
      assert.ok(html.includes('data-testid="overdue-amount"') && html.includes(figure), `${customer}: the figures`);
      assert.match(response.headers.get("content-security-policy"), /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
      assert.equal(response.headers.getSetCookie().length, 2, `${customer}: signed in with the page`);
    }
    let release;
    const held = new Promise((resolve) => {
      release = resolve;
    });
    const { context, page, problems } = await openRecordedPage(
      browser,
      `${demo.url}/?customer=us`,
      { viewport: { width: 390, height: 844 } },
      async (page) => {
        // The program is held back: the figures are there, and the customer is told
        // that the buttons will answer in a moment.
        await page.route("**/repay-widget_bg.wasm", async (route) => {
          await held;
          await route.continue();
        });
        await watchStartup(page);
      },
    );
    const waiting = page.getByTestId("waiting");
    await waiting.waitFor({ state: "visible" });
    assert.equal(await waiting.textContent(), "Still loading: the buttons will work in a moment.");
    assert.match(await page.getByTestId("overdue-amount").textContent(), /\$/);
    const notice = await waiting.boundingBox();
    assert.ok(notice.y + notice.height <= 844 && notice.y > 600, `the notice at the foot of the screen: ${JSON.stringify(notice)}`);
    // The customer has moved on the page and put focus on a button before the takeover:
    // both stay where they are.
    await page.getByTestId("see-options").focus();
    await page.evaluate(() => {
      window.scrollTo(0, 200);
      window.__focused = document.activeElement;
    });
    release();
    await page.waitForFunction(() => window.__ready !== undefined);
    await waiting.waitFor({ state: "hidden" });
    assert.equal(await page.evaluate(() => document.activeElement === window.__focused), true, "focus kept");
    assert.equal(await page.evaluate(() => window.scrollY), 200, "scroll kept");
    assert.equal(await page.locator(".repay-widget-host").count(), 1, "one widget, the server's");
    assert.equal(await page.locator("[data-repay-rendered]").count(), 0, "taken over");
    const shift = await page.evaluate(() => window.__shift);
    assert.ok(shift <= 0.01, `layout shift ${shift}`);
    await walkToReview(page);
    await page.getByTestId("send").click();
    await page.getByTestId("reference").waitFor({ timeout: 30_000 });
    assert.equal(await acceptedProposals(demo.url), 1);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await demo.close();
  }
});

// Shadow-DOM mode, with a theme: the server's screen arrives inside a declarative shadow
// root linking the stylesheet with its integrity; the widget takes it over there, and the
// theme's variables are set once it has. A browser that does not attach declarative
// shadow roots (simulated: the attribute it would not know) leaves the screen in an inert
// <template>; the widget then starts afresh in a shadow root of its own, and shows once.
for (const attached of [true, false]) {
  test(`a server-rendered screen in the shadow DOM is ${attached ? "taken over there" : "replaced where the browser does not attach it"}`, async () => {
    const integrity = JSON.parse(readFileSync(join(FOLDER, "integrity.json"), "utf8"));
    const csp = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${integrity.csp["script-src"]}; style-src 'self'`;
    const folderSite = await serveStatic(FOLDER, { "content-security-policy": csp });
    const dir = mkdtempSync(join(tmpdir(), "repay-shadow-"));
    try {
      const url = `${folderSite.url}/example.html`;
      const config = JSON.parse(readFileSync(join(FOLDER, "us-card.json"), "utf8"));
      config.theme = {
        variables: { "color-accent": "#0d6147" },
        shadow_dom: { stylesheet: "repay-widget.css", integrity: integrity.files["repay-widget.css"].integrity },
      };
      const text = JSON.stringify(config);
      writeFileSync(join(dir, "config.json"), text);
      let fragment = execFileSync(REPAY_CLI, ["render", join(dir, "config.json"), "--page", url], { encoding: "utf8" }).trim();
      assert.ok(fragment.includes('<template shadowrootmode="open">'), "a declarative shadow root");
      if (!attached) fragment = fragment.replace("shadowrootmode=", "data-unknown-mode=");
      const example = readFileSync(join(FOLDER, "example.html"), "utf8");
      const html = example
        .replace(/(<div id="repayment"[^>]*>)[\s\S]*?(<\/div>)/, (_, open, close) => `${open}${fragment}${close}`)
        .replace(/(<script type="application\/json" id="repayment-config">)[\s\S]*?(<\/script>)/, (_, open, close) => `${open}${text.replaceAll("<", "\\u003c")}${close}`);
      const { context, page, problems } = await openRecordedPage(browser, url, { viewport: { width: 390, height: 844 } }, async (page) => {
        await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
        await page.route("**/example.html", (route) =>
          route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", headers: { "content-security-policy": csp }, body: html }),
        );
        await watchStartup(page);
        await page.addInitScript(() => {
          document.addEventListener("DOMContentLoaded", () => {
            // The server's screen as the page arrived, to tell a takeover from a redraw.
            window.__served = document.querySelector(".repay-widget-host")?.shadowRoot?.querySelector("[data-testid=repay-widget]");
          });
        });
      });
      await page.waitForFunction(() => window.__ready !== undefined);
      const state = await page.evaluate(() => {
        const hosts = document.querySelectorAll(".repay-widget-host");
        const host = hosts[0];
        const shadow = host?.shadowRoot;
        return {
          hosts: hosts.length,
          rendered: document.querySelectorAll("[data-repay-rendered]").length,
          templates: host?.querySelectorAll("template").length ?? 0,
          widgets: shadow?.querySelectorAll("[data-testid=repay-widget]").length ?? 0,
          figures: shadow?.querySelector("[data-testid=overdue-amount]")?.textContent ?? null,
          served: window.__served !== undefined && window.__served !== null,
          same: window.__served === shadow?.querySelector("[data-testid=repay-widget]"),
          accent: host ? getComputedStyle(shadow.querySelector("[data-testid=repay-widget]")).getPropertyValue("--repay-color-accent").trim() : null,
        };
      });
      assert.equal(state.hosts, 1, "one widget");
      assert.equal(state.rendered, 0, "no rendered screen left behind");
      assert.equal(state.templates, 0, "no inert template left behind");
      assert.equal(state.widgets, 1, "the widget in the shadow root");
      assert.match(state.figures, /\$/);
      assert.equal(state.accent, "#0d6147", "the theme's variable reaches the widget");
      assert.equal(state.served, attached, "the browser attached the server's shadow root");
      // Taken over: the very elements the server sent, not a second drawing of them.
      if (attached) assert.equal(state.same, true, "the server's screen taken over, not replaced");
      if (attached) {
        const shift = await page.evaluate(() => window.__shift);
        assert.ok(shift <= 0.01, `layout shift ${shift}`);
      }
      // It answers: the options open.
      await page.getByTestId("see-options").click();
      await page.getByTestId("options").waitFor();
      assert.deepEqual(problems, []);
      await context.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await folderSite.close();
    }
  });
}

// The browser half of `cargo xtask bench`: startup and interaction in headless Chromium,
// for the widget (the folder banks copy, its example page) and for the Yew counter floor.
// Prints one JSON object; xtask prints the table.
//
//   node bench/browser.mjs <widget folder> <counter folder>
//
// BENCH_LOADS, BENCH_PHONE_LOADS and BENCH_CHANGES set how many of each are taken
// (`cargo xtask test` runs it with a few, so that it cannot break unseen).

import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { launchBrowser, openPlan, serveStatic, serverRenderedExample, watchStartup } from "../tests/e2e/harness.mjs";
import { median, startupSummary, summary } from "./stats.mjs";

const [widgetDir, counterDir] = process.argv.slice(2);
/** A count from the environment, or `fallback`. */
function count(name, fallback) {
  const value = Number.parseInt(process.env[name] ?? "", 10);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
const LOADS = count("BENCH_LOADS", 20);
const CHANGES = count("BENCH_CHANGES", 100);
/** Cold loads of each page under a mid-range phone's conditions (each takes seconds). */
const PHONE_LOADS = count("BENCH_PHONE_LOADS", 10);
/**
 * A mid-range phone on a mobile network, as #17 states it: the CPU 4× slower than this
 * machine's, 1.6 Mbps down, 750 kbps up, 150 ms round trip.
 */
const PHONE = { cpuSlowdown: 4, downBytesPerSecond: 1_600_000 / 8, upBytesPerSecond: 750_000 / 8, latencyMs: 150 };

/**
 * Milliseconds from navigation, for one cold load: until `selector` is in the page; or,
 * with `painted`, until the browser painted it (its Element Timing entry, asked for as
 * soon as the element appears, before any frame). Watching paints slows both pages
 * down, so the two are measured in separate loads.
 */
async function coldLoad(browser, url, selector, painted = false, phone = false, extra = {}) {
  // A new context each time: an empty cache, as a customer's first visit.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  if (phone) {
    // Chromium's own throttling, as DevTools applies it: the CPU and the network.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: PHONE.cpuSlowdown });
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: PHONE.latencyMs,
      downloadThroughput: PHONE.downBytesPerSecond,
      uploadThroughput: PHONE.upBytesPerSecond,
    });
  }
  await page.route("**/favicon.ico", (route) => route.fulfill({ status: 204 }));
  // When the widget answers a tap (`repay:ready`), and how far the page moved until then.
  if (extra.ready) await watchStartup(page);
  await page.addInitScript(
    ([selector, painted]) => {
      if (painted) {
        new PerformanceObserver((entries) => {
          for (const entry of entries.getEntries()) window.__time = entry.renderTime;
        }).observe({ type: "element", buffered: true });
      }
      new MutationObserver((_, observer) => {
        const element = document.querySelector(selector);
        if (element) {
          if (painted) element.setAttribute("elementtiming", "bench");
          else window.__time = performance.now();
          observer.disconnect();
        }
      }).observe(document, { subtree: true, childList: true });
    },
    [selector, painted],
  );
  await page.goto(url);
  await page.waitForFunction(() => window.__time !== undefined);
  const time = await page.evaluate(() => window.__time);
  if (!extra.ready) {
    await context.close();
    return time;
  }
  await page.waitForFunction(() => window.__ready !== undefined);
  // Shifts a frame after being ready count too.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
  const [ready, shift] = await page.evaluate(() => [window.__ready, window.__shift]);
  await context.close();
  return { time, ready, shift };
}

/**
 * `LOADS` cold loads of each page, taken in turns (one of each, then again) so that
 * whatever else the machine is doing weighs on both alike; before them, one load of
 * each that is not counted (the browser's own first-use costs).
 */
async function startup(browser, pages, painted = false, phone = false, loads = LOADS) {
  for (const { url, selector, ...extra } of pages) await coldLoad(browser, url, selector, painted, phone, extra);
  const times = pages.map(() => []);
  for (let i = 0; i < loads; i += 1) {
    for (const [index, { url, selector, ...extra }] of pages.entries()) {
      times[index].push(await coldLoad(browser, url, selector, painted, phone, extra));
    }
  }
  return times;
}

/**
 * Runs `act` (in the page) `CHANGES` times and measures, for each, the time from the
 * input to the first DOM change and to the next frame.
 */
async function interaction(page, act) {
  const dom = [];
  const frame = [];
  for (let i = 0; i < CHANGES; i += 1) {
    const [toDom, toFrame] = await page.evaluate(async ([act, i]) => {
      const run = new Function("i", act);
      let changed;
      const observer = new MutationObserver(() => {
        changed ??= performance.now();
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      const start = performance.now();
      run(i);
      await new Promise((resolve) => requestAnimationFrame(() => resolve()));
      const painted = performance.now();
      observer.disconnect();
      return [(changed ?? painted) - start, painted - start];
    }, [act, i]);
    dom.push(toDom);
    frame.push(toFrame);
  }
  return { dom, frame };
}

const browser = await launchBrowser();
const widgetSite = await serveStatic(widgetDir);
const counterSite = await serveStatic(counterDir);
// The same files as a CDN serves them, for the phone's loads.
// The phone's widget pages come from a copy of the folder (links to its files) that also
// holds the example page as the bank's server writes it, with the first screen rendered
// (`repay render`), so that both go through the same throttled network.
const cdnDir = mkdtempSync(join(tmpdir(), "repay-bench-"));
for (const name of readdirSync(widgetDir)) symlinkSync(resolve(widgetDir, name), join(cdnDir, name));
const widgetCdn = await serveStatic(cdnDir, {}, null, { brotli: true });
const serverUrl = `${widgetCdn.url}/example-rendered.html`;
writeFileSync(join(cdnDir, "example-rendered.html"), serverRenderedExample(widgetDir, serverUrl));
const counterCdn = await serveStatic(counterDir, {}, null, { brotli: true });
try {
  const pages = [
    { url: `${widgetSite.url}/example.html`, selector: "[data-testid=overdue-amount]" },
    { url: `${counterSite.url}/`, selector: "[data-testid=counter]" },
  ];
  const [widgetStart, counterStart] = await startup(browser, pages);
  const [widgetPaint, counterPaint] = await startup(browser, pages, true);
  // On the phone: the page mounting the widget in the browser, the same page with its
  // first screen rendered on the server (`repay render`), and the counter, in turns.
  const phonePages = [
    { url: `${widgetCdn.url}/example.html`, selector: "[data-testid=overdue-amount]", ready: true },
    { url: `${counterCdn.url}/`, selector: "[data-testid=counter]" },
    { url: serverUrl, selector: "[data-testid=overdue-amount]", ready: true },
  ];
  const [clientPhone, counterPhone, serverPhone] = await startup(browser, phonePages, false, true, PHONE_LOADS);
  const widgetPhone = clientPhone.map((load) => load.time);
  const at = (loads, key) => loads.map((load) => load[key]);

  // The widget: the options step with its plans, plan 2 opened, then its term changed.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${widgetSite.url}/example.html`);
  await page.getByTestId("see-options").click();
  await page.getByTestId("options").waitFor();
  await openPlan(page, 2);
  await page.getByTestId("plan-2-term").waitFor({ timeout: 10_000 });
  const widget = await interaction(
    page,
    `const select = document.querySelector("[data-testid=plan-2-term]");
     select.selectedIndex = (i + 1) % select.options.length;
     select.dispatchEvent(new Event("change", { bubbles: true }));`,
  );
  await context.close();

  const counterContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const counterPage = await counterContext.newPage();
  await counterPage.goto(`${counterSite.url}/`);
  await counterPage.getByTestId("counter").waitFor();
  const counter = await interaction(counterPage, `document.querySelector("[data-testid=counter]").click();`);
  await counterContext.close();

  console.log(
    JSON.stringify({
      loads: LOADS,
      changes: CHANGES,
      startup: {
        ...startupSummary(widgetStart, counterStart),
        painted: { widget: median(widgetPaint), counter: median(counterPaint) },
      },
      phone: { loads: PHONE_LOADS, ...startupSummary(widgetPhone, counterPhone) },
      phoneServer: {
        loads: PHONE_LOADS,
        first: startupSummary(at(serverPhone, "time"), counterPhone),
        ready: startupSummary(at(serverPhone, "ready"), counterPhone),
        clientReady: median(at(clientPhone, "ready")),
        shift: { client: Math.max(...at(clientPhone, "shift")), server: Math.max(...at(serverPhone, "shift")) },
      },
      interaction: {
        widget: { dom: summary(widget.dom), frame: summary(widget.frame) },
        counter: { dom: summary(counter.dom), frame: summary(counter.frame) },
      },
    }),
  );
} finally {
  await widgetSite.close();
  await counterSite.close();
  await widgetCdn.close();
  rmSync(cdnDir, { recursive: true, force: true });
  await counterCdn.close();
  await browser.close();
}

// Shared pieces of the end-to-end tests: a static server for the release build, the real
// dev-bank on a free port, and Debian's Chromium driven by playwright-core.
// `cargo xtask test` sets REPAY_DIST, REPAY_DEV_BANK, REPAY_CLI, REPAY_DEMO_SITE and CHROMIUM.

import { execFileSync, spawn } from "node:child_process";
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer, request as httpRequest } from "node:http";
import { extname, join, normalize } from "node:path";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { brotliCompressSync, constants as zlib } from "node:zlib";
import { chromium } from "playwright-core";

export const DIST = process.env.REPAY_DIST ?? "dist";
// `cargo xtask test` names the binary; run by hand, it is in cargo's target directory.
export const DEV_BANK =
  process.env.REPAY_DEV_BANK ?? `${process.env.CARGO_TARGET_DIR ?? "target"}/debug/dev-bank`;
/** The `repay` command-line tool (crates/cli), which renders the first screen natively. */
export const DEMO_SITE =
  process.env.REPAY_DEMO_SITE ?? `${process.env.CARGO_TARGET_DIR ?? "target"}/debug/demo-site`;
export const REPAY_CLI =
  process.env.REPAY_CLI ?? `${process.env.CARGO_TARGET_DIR ?? "target"}/debug/repay`;
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
/** axe-core's browser script, for `page.addScriptTag({ path: AXE })`. */
export const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
};

/**
 * Forwards `request` to `backend` (an `http://host:port` origin) as it is, like Trunk's
 * proxy; a backend connection that breaks breaks the browser's too.
 */
function forward(request, response, backend) {
  const upstream = httpRequest(
    new URL(request.url, backend),
    { method: request.method, headers: request.headers },
    (answer) => {
      response.writeHead(answer.statusCode, { ...answer.headers, connection: "close" });
      answer.on("error", () => response.destroy());
      answer.on("aborted", () => response.destroy());
      answer.pipe(response);
    },
  );
  upstream.on("error", () => response.destroy());
  request.pipe(upstream);
}

/**
 * Serves `root` on a free loopback port; `headers` are added to every answer. With
 * `api`, requests under `/api/` go to that backend (the dev-bank), so the page's
 * same-site endpoint `/api/proposals` reaches it. Connections are not kept alive: a
 * request that loses its connection on a reused socket is re-sent by Chromium itself,
 * unseen by the page, and the tests want the widget's own retries to be what recovers.
 * With `brotli`, files are served as a CDN would: compressed (quality 11, once each)
 * with `Content-Encoding: br` to a browser that accepts it.
 */
export async function serveStatic(root = DIST, headers = {}, api = null, { brotli = false } = {}) {
  const compressed = new Map();
  const server = createServer((request, response) => {
    if (api && request.url.startsWith("/api/")) {
      forward(request, response, api);
      return;
    }
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(normalize(root))) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    const br = brotli && /\bbr\b/.test(request.headers["accept-encoding"] ?? "");
    response.writeHead(200, {
      "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream",
      connection: "close",
      ...(br ? { "content-encoding": "br" } : {}),
      ...headers,
    });
    if (br) {
      if (!compressed.has(file)) {
        const quality = { [zlib.BROTLI_PARAM_QUALITY]: 11 };
        compressed.set(file, brotliCompressSync(readFileSync(file), { params: quality }));
      }
      response.end(compressed.get(file));
    } else {
      createReadStream(file).pipe(response);
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The operator's token of every dev-bank the tests start. */
const OPERATOR = "e2e-operator";

/** How many proposals the dev-bank at `bankUrl` has accepted, as its operator is told. */
export async function acceptedProposals(bankUrl) {
  const answer = await fetch(`${bankUrl}/api/health`, {
    headers: { authorization: `Bearer ${OPERATOR}` },
  });
  return (await answer.json()).accepted_proposals;
}

/** Starts the real dev-bank on a free port and resolves once it says where it listens. */
export async function startDevBank(args = []) {
  // Every browser request reaches the dev-bank through the test's one proxy, so the
  // proxy is the one client the per-client share would count: it gets the whole server.
  return startServer(DEV_BANK, "dev-bank", ["--max-per-client", "256", ...args]);
}

/**
 * Starts the demo site (crates/demo-site: the page rendered on its server, the dev-bank
 * beside it) on a free port, serving `folder`; `url` is where it listens.
 */
export async function startDemoSite(folder) {
  return startServer(DEMO_SITE, "demo-site", ["--folder", folder]);
}

async function startServer(binary, name, args) {
  const child = spawn(binary, ["--addr", "127.0.0.1:0", "--operator-token", OPERATOR, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`${name} exited early with ${code}`)));
    lines.on("line", (line) => {
      const match = line.match(/^(\S+) listening on (http:\/\/\S+)$/);
      if (match && match[1] === name) resolve(match[2]);
    });
  });
  child.removeAllListeners("exit");
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill("SIGTERM");
      }),
  };
}

/**
 * Signs `customer` in at the dev-bank (`POST /api/session`, passcode "demo") and returns
 * the headers their own requests carry: the session cookie and the CSRF token.
 */
export async function signedIn(bankUrl, customer = "wang") {
  const response = await fetch(`${bankUrl}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ customer, passcode: "demo" }),
  });
  if (!response.ok) throw new Error(`sign-in as ${customer}: ${response.status}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(";")[0]);
  const csrf = cookies.find((c) => c.startsWith("repay_csrf=")).slice("repay_csrf=".length);
  return { cookie: cookies.join("; "), "x-csrf-token": csrf };
}

/**
 * Signs `customer` in at the dev-bank behind `siteUrl` within a browser context, as the
 * bank's own sign-in would before the page with the widget opens: the session's cookies
 * are then the context's.
 */
export async function signInContext(context, siteUrl, customer) {
  const answer = await context.request.post(`${siteUrl}/api/session`, {
    data: { customer, passcode: "demo" },
  });
  if (!answer.ok()) throw new Error(`sign-in as ${customer}: ${answer.status()}`);
}

/** Launches headless Chromium with the flags this closed network needs. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Opens a page that records console errors and uncaught exceptions; `prepare(page,
 * context)` runs before the page loads (routes, cookies).
 */
export async function openRecordedPage(browser, url, options = {}, prepare = null) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await prepare?.(page, context);
  const problems = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  await page.goto(url);
  return { context, page, problems };
}

/**
 * Switches the widget in `scope` to `locale` as a customer does: a bank with two languages
 * shows two buttons, one with more shows a list box (src/components/language_switch.rs).
 */
export async function chooseLanguage(scope, locale) {
  // Three or more languages sit behind a disclosure: opened first.
  const picker = scope.getByTestId("language");
  if ((await picker.count()) > 0 && !(await picker.evaluate((details) => details.open))) {
    await picker.locator("summary").click();
  }
  await scope.getByTestId(`language-${locale}`).click();
}

/** The languages a widget offers, in its order (their tags). */
export async function offeredLanguages(scope) {
  return scope.locator("[data-testid^=language-]").evaluateAll((all) => all.map((b) => b.lang));
}

/** Runs axe-core's WCAG 2.0/2.1/2.2 A and AA rules on the widget and returns the violations. */
export async function axeViolations(page) {
  return page.evaluate(async () => {
    const result = await window.axe.run("[data-testid=repay-widget]", {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

/** Opens plan `offer`'s figures on the options step, if they are folded into its line. */
export async function openPlan(scope, offer) {
  const more = scope.getByTestId(`plan-${offer}`).locator("details");
  if (!(await more.evaluate((details) => details.open))) {
    await scope.getByTestId(`plan-${offer}-line`).click();
  }
}

/**
 * Walks a widget (a page or a locator holding one) from its status to the review, with
 * plan `offer` (2 unless said) at `term` months (`null`: the plan's own term); `budget` is
 * [income, expenses] to type on the way, and `consent` ticks the box at the end.
 */
export async function walkToReview(scope, { offer = 2, term = "12", budget = null, consent = true } = {}) {
  // "See other options" goes to the options; the situation is one tap from there.
  await scope.getByTestId("see-options").click();
  await scope.getByTestId("options").waitFor();
  if (budget) {
    await scope.getByTestId("tell-us").click();
    await scope.getByTestId("situation").waitFor();
    const fields = scope.locator(".repay-widget__input");
    await fields.nth(0).fill(budget[0]);
    await fields.nth(1).fill(budget[1]);
    await scope.getByTestId("affordable").waitFor();
    await scope.getByTestId("continue").click();
  }
  await openPlan(scope, offer);
  if (term !== null) await scope.getByTestId(`plan-${offer}-term`).selectOption(term);
  await scope.getByTestId(`choose-plan-${offer}`).click();
  await scope.getByTestId("continue").click();
  await scope.getByTestId("details").waitFor();
  await scope.getByTestId("continue").click();
  await scope.getByTestId("review").waitFor();
  if (consent) await scope.getByTestId("consent").check();
}

/**
 * The release folder's (`folder`) example page with its first screen rendered on the server
 * (`repay render`, for the page at `url`) inside the host element, as a bank's server
 * writes it.
 */
export function serverRenderedExample(folder, url) {
  const example = readFileSync(join(folder, "example.html"), "utf8");
  const config = example.match(/<script type="application\/json" id="repayment-config">([\s\S]*?)<\/script>/)[1];
  const dir = mkdtempSync(join(tmpdir(), "repay-ssr-"));
  try {
    const file = join(dir, "config.json");
    writeFileSync(file, config);
    const fragment = execFileSync(REPAY_CLI, ["render", file, "--page", url], { encoding: "utf8" }).trim();
    // The screen goes where the placeholder is.
    const page = example.replace(/(<div id="repayment"[^>]*>)[\s\S]*?(<\/div>)/, (_, open, close) => `${open}${fragment}${close}`);
    if (page === example) throw new Error("the example page has no host element");
    return page;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Before `page` loads: records in the page when the widget said it is ready
 * (`window.__ready`, ms from navigation) and how far the page has moved so far
 * (`window.__shift`, the layout shifts summed as CLS sums them).
 */
export async function watchStartup(page) {
  await page.addInitScript(() => {
    window.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
    document.addEventListener("repay:ready", () => {
      window.__ready = performance.now();
    });
  });
}

/**
 * Installs an npm tarball `cargo xtask dist` packed into the project at `dir`, as a
 * bank's team would, with no network: the packages have no dependencies to fetch.
 */
export function installOffline(dir, tarball) {
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--silent", tarball], {
    cwd: dir,
    stdio: ["ignore", "inherit", "inherit"],
  });
}

/** What `tsc -p project` prints (the repository's TypeScript): nothing when it type-checks. */
export function typeCheck(project) {
  const tsc = new URL("../../node_modules/.bin/tsc", import.meta.url).pathname;
  try {
    return execFileSync(tsc, ["-p", project], { encoding: "utf8" });
  } catch (error) {
    return `${error.stdout}${error.stderr}`;
  }
}

#!/usr/bin/env node
// `npx repay-widget-csp PAGE.html…` (docs/embedding.md, "Content Security Policy"): prints
// the CSP source of each inline import map in your pages, and the strict policy that
// allows them. A strict `script-src` allows an inline import map only by the SHA-256 of
// exactly its text, every space and line break included, so a map of your own (another
// path, a CDN address, more entries) needs its own. Run it on the page as your server
// sends it. Node.js only; it runs nothing of the page.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

const OPEN = '<script type="importmap">';
const CLOSE = "</script>";

/** The `'sha256-…'` source of each inline import map in `html`. */
function importMapSources(html) {
  const sources = [];
  let at = html.indexOf(OPEN);
  while (at !== -1) {
    const start = at + OPEN.length;
    const end = html.indexOf(CLOSE, start);
    if (end === -1) break;
    const hash = createHash("sha256").update(html.slice(start, end), "utf8").digest("base64");
    sources.push(`'sha256-${hash}'`);
    at = html.indexOf(OPEN, end);
  }
  return sources;
}

/** The guide's strict policy with these `script-src` sources. */
function strictCsp(sources) {
  const scripts = ["'self'", "'wasm-unsafe-eval'", ...sources].join(" ");
  return `default-src 'self'; script-src ${scripts}; style-src 'self'`;
}

const pages = process.argv.slice(2);
if (pages.length === 0) {
  console.error("usage: repay-widget-csp PAGE.html…");
  process.exit(2);
}
const all = [];
for (const page of pages) {
  const sources = importMapSources(readFileSync(page, "utf8"));
  if (sources.length === 0) console.log(`${page}: no inline import map`);
  for (const source of sources) {
    console.log(`${page}: ${source}`);
    if (!all.includes(source)) all.push(source);
  }
}
console.log(`Content-Security-Policy: ${strictCsp(all)}`);

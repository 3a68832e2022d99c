// The npm package `cargo xtask dist` packs (target/dist/repay-widget-<version>.tgz), as a
// bank's front-end team takes it: installed into a project of its own with
// `npm install <tarball>` and no network, its entry points resolve, and an example
// written against its declarations type-checks (`tsc --noEmit`, strict), including the
// lines the declarations must refuse (tests/package/example.ts).

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { installOffline, typeCheck } from "./harness.mjs";

const FOLDER = resolve(process.env.REPAY_FOLDER ?? "target/dist/repay-widget-0.1.0");
const TARBALL = `${FOLDER}.tgz`;

let project;

before(() => {
  project = mkdtempSync(join(tmpdir(), "repay-package-"));
  cpSync("tests/package", project, { recursive: true });
  installOffline(project, TARBALL);
});

after(() => {
  rmSync(project, { recursive: true, force: true });
});

test("the tarball installs offline with the folder's files under their integrity", () => {
  const installed = join(project, "node_modules/repay-widget");
  const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
  assert.equal(manifest.name, "repay-widget");
  assert.equal(manifest.type, "module");
  // Each entry point's declarations come first, and every file it names is there.
  for (const [entry, target] of Object.entries(manifest.exports)) {
    if (typeof target === "object") {
      assert.equal(Object.keys(target)[0], "types", entry);
      for (const file of Object.values(target)) assert.ok(existsSync(join(installed, file)), `${entry}: ${file}`);
    } else if (!target.includes("*")) {
      assert.ok(existsSync(join(installed, target)), `${entry}: ${target}`);
    }
  }
  // The files are the folder's, byte for byte, as integrity.json lists them.
  const integrity = JSON.parse(readFileSync(join(installed, "integrity.json"), "utf8"));
  for (const file of ["repay-widget.js", "repay-widget_bg.wasm", "repay-widget.css", "repay-widget-element.js", "package.json"]) {
    assert.deepEqual(readFileSync(join(installed, file)), readFileSync(join(FOLDER, file)), file);
    assert.ok(integrity.files[file], `${file} in integrity.json`);
  }
});

test("an example written against the declarations type-checks, and what they must refuse does not", () => {
  // @ts-expect-error lines that type-checked would fail here as unused directives.
  assert.equal(typeCheck(project), "");
});

test("the package's repay-widget-csp prints the example page's import-map source, as integrity.json has it", () => {
  const installed = join(project, "node_modules/repay-widget");
  const integrity = JSON.parse(readFileSync(join(installed, "integrity.json"), "utf8"));
  const printed = execFileSync(join(project, "node_modules/.bin/repay-widget-csp"), [join(installed, "example.html")], {
    encoding: "utf8",
  });
  const [source] = integrity.csp["script-src"].split(" ");
  assert.ok(printed.includes(`example.html: ${source}\n`), printed);
  assert.ok(
    printed.endsWith(`Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval' ${source}; style-src 'self'\n`),
    printed,
  );
});

// The bench's statistics (bench/stats.mjs), checked against figures worked out by hand,
// so that the bench cannot lose one of them unseen (cargo xtask test does not run the
// bench itself).

import assert from "node:assert/strict";
import { test } from "node:test";
import { median, percentile, ratioInterval, startupSummary, summary } from "../../bench/stats.mjs";

test("percentiles are nearest-rank, in any order of input", () => {
  const values = [50, 10, 40, 20, 30];
  assert.equal(median(values), 30);
  assert.equal(percentile(values, 25), 20);
  assert.equal(percentile(values, 75), 40);
  assert.equal(percentile(values, 95), 50);
  assert.equal(percentile(values, 0), 10);
  assert.deepEqual(summary(values), { p50: 30, p95: 50 });
});

test("a page twice as slow on every load has a ratio of exactly 2", () => {
  const counter = [100, 110, 90, 105, 95, 120, 80, 100];
  const widget = counter.map((ms) => ms * 2);
  assert.deepEqual(ratioInterval(widget, counter), [2, 2]);
  const result = startupSummary(widget, counter);
  assert.equal(result.widget, 200);
  assert.equal(result.counter, 100);
  assert.deepEqual(result.spread.counter, [90, 105]);
  assert.deepEqual(result.ratioInterval, [2, 2]);
});

test("the ratio's interval holds the ratio of the medians and is the same on every run", () => {
  const widget = [180, 170, 200, 190, 175, 210, 185, 195, 172, 205];
  const counter = [100, 98, 120, 104, 96, 110, 101, 99, 97, 115];
  const [low, high] = ratioInterval(widget, counter);
  const ratio = median(widget) / median(counter);
  assert.ok(low <= ratio && ratio <= high, `${low} ≤ ${ratio} ≤ ${high}`);
  assert.deepEqual(ratioInterval(widget, counter), [low, high]);
});

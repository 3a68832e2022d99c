// The statistics of `cargo xtask bench` (bench/browser.mjs): medians and percentiles of
// load times, and where the ratio of two pages' medians lies. Pure, so that
// tests/e2e/bench-stats.test.mjs checks them without a browser.

/** Resamplings behind a ratio's interval. */
export const RESAMPLES = 2000;

/** The `p`th percentile of `values` (nearest rank). */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(Math.max(rank, 0), sorted.length - 1)];
}

export const median = (values) => percentile(values, 50);

/**
 * Where the ratio of the two pages' startup medians lies, given how this run's loads
 * spread: the 2.5th and 97.5th percentiles of that ratio over `RESAMPLES` resamplings
 * of the loads. Loads are resampled in pairs (the widget's i-th load with the
 * counter's i-th, taken one after the other), so that what the machine was doing at
 * the time weighs on both; the generator is seeded, so the same loads give the same
 * interval.
 */
export function ratioInterval(widget, counter) {
  let seed = 0x5eed;
  const random = () => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const ratios = [];
  for (let r = 0; r < RESAMPLES; r += 1) {
    const picks = widget.map(() => Math.floor(random() * widget.length));
    ratios.push(median(picks.map((i) => widget[i])) / median(picks.map((i) => counter[i])));
  }
  return [percentile(ratios, 2.5), percentile(ratios, 97.5)];
}

export const summary = (values) => ({ p50: percentile(values, 50), p95: percentile(values, 95) });

/** Two pages' cold loads: the medians, each page's middle half, where the ratio lies. */
export const startupSummary = (widget, counter) => ({
  widget: median(widget),
  counter: median(counter),
  // The middle half of the loads: how much one page's loads spread in this run.
  spread: {
    widget: [percentile(widget, 25), percentile(widget, 75)],
    counter: [percentile(counter, 25), percentile(counter, 75)],
  },
  ratioInterval: ratioInterval(widget, counter),
});

//! `cargo xtask bench`: one table of the widget's performance beside a floor.
//!
//! - bundle: wasm, JS, CSS, raw / gzip / brotli, against the brotli budget;
//! - startup: navigation to the first computed figures, median of 20 cold loads in
//!   headless Chromium, beside a minimal Yew counter built the same way
//!   (`bench/counter`) and measured in the same run; with the middle half of each
//!   page's loads, where the ratio of the medians lies given those loads, and when the
//!   same figures were painted;
//! - startup on a mid-range phone: the same cold start with Chromium's CPU throttled 4×,
//!   the network at 1.6 Mbps down, 750 kbps up and 150 ms round trip, and every file
//!   served brotli-compressed as a CDN would, widget against the counter in one run;
//! - the server-rendered screen, on the phone: the same example page with its first
//!   screen rendered by `repay render`, to the first figures and until the widget
//!   answers a tap (`repay:ready`), and the layout shift during startup on both paths;
//! - interaction: changing a plan's term 100 times, input → DOM change and input → next
//!   frame, p50 and p95, beside 100 clicks on the counter;
//! - engine: criterion's medians (`cargo bench -p repay-engine`).
//!
//! `cargo xtask test` runs it short ([`Mode::Short`]): a few loads and changes and
//! criterion's quick mode, figures printed and no target judged, so that the benchmark
//! cannot break unseen.

use serde_json::Value;

use crate::cmd::Env;
use crate::error::TaskError;
use crate::sizes::{measure, Row, BUDGET_BROTLI_BYTES};
use crate::{dist, minify, shorten, tools};

/// Startup on this machine, to the DOM, stays below this many times the floor's.
const STARTUP_TARGET: f64 = 1.8;
/// Startup on a mid-range phone, the widget mounted in the browser, may take at most this
/// many times the floor's (#31: no worse than before the server-rendered screen).
const PHONE_STARTUP_TARGET: f64 = 2.45;
/// On the phone, the first figures of a page whose server rendered them, against the
/// floor's (#31).
const SERVER_FIRST_TARGET: f64 = 0.6;
/// On the phone, until a server-rendered widget answers a tap, against the floor's first
/// figures (#31: no worse than the figures took before).
const SERVER_READY_TARGET: f64 = 2.5;
/// The layout shift during startup, on either path (CLS).
const SHIFT_TARGET: f64 = 0.01;
/// Input → DOM, p95, at most this many milliseconds.
const INPUT_TO_DOM_P95_MS: f64 = 4.0;

/// The benchmark names and medians criterion printed: a name on its own line, then
/// `time: [low median high]`.
pub fn criterion_medians(output: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut name = String::new();
    for line in output.lines() {
        if let Some((head, times)) = line.split_once("time:") {
            if !head.trim().is_empty() {
                name = head.trim().to_owned();
            }
            let inside = times.trim().trim_start_matches('[').trim_end_matches(']');
            let parts: Vec<&str> = inside.split_whitespace().collect();
            if let [_, _, median, unit, _, _] = parts[..] {
                found.push((name.clone(), format!("{median} {unit}")));
            }
        } else if !line.starts_with(' ') && !line.trim().is_empty() {
            name = line.trim().to_owned();
        }
    }
    found
}

fn ms(value: &Value) -> f64 {
    value.as_f64().unwrap_or(f64::NAN)
}

/// How much is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every load and change, each target judged: `cargo xtask bench`.
    Full,
    /// A few loads and changes, nothing judged: the run inside `cargo xtask test`.
    Short,
}

impl Mode {
    /// Loads on this machine, loads on the phone profile, term changes.
    fn counts(self) -> (u32, u32, u32) {
        match self {
            Self::Full => (20, 10, 100),
            Self::Short => (3, 2, 10),
        }
    }

    fn verdict(self, met: bool) -> &'static str {
        match (self, met) {
            (Self::Short, _) => "not judged (short run)",
            (Self::Full, true) => "met",
            (Self::Full, false) => "NOT met",
        }
    }

    /// A startup ratio and its verdict: three decimals, so that 1.503× does not read
    /// as 1.50×.
    fn startup_note(self, ratio: f64) -> String {
        self.ratio_note(ratio, STARTUP_TARGET)
    }

    fn ratio_note(self, ratio: f64, target: f64) -> String {
        format!(
            "{ratio:.3}× the floor; target ≤ {target}×: {}",
            self.verdict(ratio <= target)
        )
    }
}

/// The rows of one set of cold loads (`bench/browser.mjs`'s `startupSummary`): the
/// medians and their ratio against `target`, each page's middle half, and where the
/// ratio lies given those loads.
fn startup_rows(mode: Mode, what: &str, measured: &Value, loads: u64, target: f64) {
    let (widget, floor) = (ms(&measured["widget"]), ms(&measured["counter"]));
    row(
        &format!("{what}: navigation → first figures (median of {loads} cold loads)"),
        &format!("{widget:.0} ms"),
        &format!("{floor:.0} ms"),
        &mode.ratio_note(widget / floor, target),
    );
    let spread = |page: &str| {
        let quartiles = &measured["spread"][page];
        format!("{:.0}–{:.0} ms", ms(&quartiles[0]), ms(&quartiles[1]))
    };
    row(
        &format!("{what}: the middle half of those loads (25th–75th percentile)"),
        &spread("widget"),
        &spread("counter"),
        "how far one run's loads spread: the medians move between runs too",
    );
    let interval = &measured["ratioInterval"];
    row(
        &format!(
            "{what}: where that ratio lies, given this run's loads (95% of 2,000 resamplings)"
        ),
        &format!("{:.3}–{:.3}×", ms(&interval[0]), ms(&interval[1])),
        "",
        &format!("an interval that holds {target}× means another run may give the other verdict"),
    );
}

fn row(what: &str, widget: &str, floor: &str, note: &str) {
    println!("| {what} | {widget} | {floor} | {note} |");
}

fn sizes_row(label: &str, rows: &[Row], name: &str) {
    if let Some(file) = rows.iter().find(|file| file.name == name) {
        row(
            label,
            &format!(
                "{:.1} / {:.1} / {:.1} KB",
                file.raw as f64 / 1000.0,
                file.gzip as f64 / 1000.0,
                file.brotli as f64 / 1000.0
            ),
            "",
            "raw / gzip / brotli",
        );
    }
}

/// Measures the release folder (`widget_sizes` are its sizes, from
/// [`crate::release_build`]) and the counter, which it builds, and prints the table.
pub fn bench(env: &Env, mode: Mode, widget_sizes: &[Row]) -> Result<(), TaskError> {
    let folder = dist::folder(&env.root);

    // The floor: the counter, through exactly the same pipeline.
    let counter = env.root.join("target/bench/counter");
    let shown = counter.display().to_string();
    env.run(&mut env.command(
        "trunk",
        &[
            "build",
            "bench/counter/index.html",
            "--release",
            "--offline",
            "--dist",
            &shown,
        ],
    ))?;
    shorten::shorten(env, &counter)?;
    minify::minify_assets(env, &counter)?;
    let (glue, wasm) = dist::find_bundle(&counter)?;
    let counter_sizes = measure(&[glue, wasm])?;

    let (loads, phone_loads, changes) = mode.counts();
    println!(
        "\nxtask: measuring in headless Chromium ({loads} loads, {phone_loads} on the phone profile and {changes} changes each)"
    );
    let script = env.root.join("bench/browser.mjs").display().to_string();
    let mut command = env.command("node", &[&script, &folder.display().to_string(), &shown]);
    env.run(&mut env.command("cargo", &["build", "--quiet", "-p", "repay-cli"]))?;
    command
        .env("CHROMIUM", tools::CHROMIUM)
        .env("REPAY_CLI", env.debug_binary("repay"))
        .env("BENCH_LOADS", loads.to_string())
        .env("BENCH_PHONE_LOADS", phone_loads.to_string())
        .env("BENCH_CHANGES", changes.to_string());
    let output = command.output().map_err(|source| TaskError::Spawn {
        command: "node bench/browser.mjs".into(),
        source,
        fix: "run `cargo xtask setup`".into(),
    })?;
    if !output.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&output.stderr));
        return Err(TaskError::Failed {
            command: "node bench/browser.mjs".into(),
            status: output.status.to_string(),
        });
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let measured: Value = text
        .lines()
        .rev()
        .find_map(|line| serde_json::from_str(line).ok())
        .ok_or_else(|| {
            TaskError::setup("bench/browser.mjs printed no figures", "run it by hand")
        })?;

    println!("\nxtask: criterion (cargo bench -p repay-engine)");
    let mut args = vec!["bench", "-q", "-p", "repay-engine", "--bench", "plans"];
    if mode == Mode::Short {
        args.extend(["--", "--quick"]);
    }
    let criterion = env
        .command("cargo", &args)
        .output()
        .map_err(TaskError::io("running cargo bench"))?;
    if !criterion.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&criterion.stderr));
        return Err(TaskError::Failed {
            command: "cargo bench -p repay-engine".into(),
            status: criterion.status.to_string(),
        });
    }
    let engine = criterion_medians(&String::from_utf8_lossy(&criterion.stdout));

    let start = &measured["startup"];
    let interaction = &measured["interaction"];
    let (w, c) = (&interaction["widget"], &interaction["counter"]);
    let total = widget_sizes.last().map_or(0, |row| row.brotli);
    let sizes = widget_sizes;

    println!("\n| measure | widget | floor: Yew counter | target / note |");
    println!("| --- | --- | --- | --- |");
    sizes_row("bundle: wasm", sizes, dist::WASM);
    sizes_row("bundle: JS", sizes, dist::JS);
    sizes_row("bundle: CSS", sizes, dist::CSS);
    row(
        "bundle: total brotli",
        &format!("{:.1} KB", total as f64 / 1000.0),
        &format!(
            "{:.1} KB",
            counter_sizes.last().map_or(0, |row| row.brotli) as f64 / 1000.0
        ),
        &format!(
            "budget {} KB: {}",
            BUDGET_BROTLI_BYTES / 1000,
            if total <= BUDGET_BROTLI_BYTES {
                "met"
            } else {
                "OVER"
            }
        ),
    );
    let loads = measured["loads"].as_u64().unwrap_or(0);
    startup_rows(mode, "startup", start, loads, STARTUP_TARGET);
    let painted = &start["painted"];
    let (widget_paint, floor_paint) = (ms(&painted["widget"]), ms(&painted["counter"]));
    let paint_ratio = widget_paint / floor_paint;
    row(
        &format!(
            "startup: navigation → those figures painted (Element Timing; median of {loads} other cold loads)"
        ),
        &format!("{widget_paint:.0} ms"),
        &format!("{floor_paint:.0} ms"),
        &mode.startup_note(paint_ratio),
    );
    let phone = &measured["phone"];
    startup_rows(
        mode,
        "startup on a mid-range phone (CPU 4× slower, 1.6 Mbps, 150 ms RTT, brotli)",
        phone,
        phone["loads"].as_u64().unwrap_or(0),
        PHONE_STARTUP_TARGET,
    );
    let server = &measured["phoneServer"];
    let server_loads = server["loads"].as_u64().unwrap_or(0);
    let counter_first = ms(&phone["counter"]);
    row(
        &format!("server-rendered page on the phone: navigation → first figures (median of {server_loads} cold loads)"),
        &format!("{:.0} ms", ms(&server["first"]["widget"])),
        &format!("{counter_first:.0} ms"),
        &mode.ratio_note(ms(&server["first"]["widget"]) / counter_first, SERVER_FIRST_TARGET),
    );
    row(
        "server-rendered page on the phone: navigation → the widget answers a tap (`repay:ready`)",
        &format!("{:.0} ms", ms(&server["ready"]["widget"])),
        &format!("{counter_first:.0} ms (its first figures)"),
        &mode.ratio_note(
            ms(&server["ready"]["widget"]) / counter_first,
            SERVER_READY_TARGET,
        ),
    );
    row(
        "mounted in the browser, on the phone: navigation → the widget answers a tap",
        &format!("{:.0} ms", ms(&server["clientReady"])),
        "",
        "for comparison with the line above",
    );
    for (path, key) in [
        ("mounted in the browser", "client"),
        ("server-rendered", "server"),
    ] {
        let shift = ms(&server["shift"][key]);
        row(
            &format!(
                "{path}, on the phone: layout shift until ready (CLS, the largest of the loads)"
            ),
            &format!("{shift:.4}"),
            "",
            &format!(
                "target ≤ {SHIFT_TARGET}: {}",
                mode.verdict(shift <= SHIFT_TARGET)
            ),
        );
    }
    for (label, key) in [("input → DOM", "dom"), ("input → next frame", "frame")] {
        for p in ["p50", "p95"] {
            let value = ms(&w[key][p]);
            let note = if key == "dom" && p == "p95" {
                format!(
                    "target < {INPUT_TO_DOM_P95_MS} ms: {}",
                    mode.verdict(value < INPUT_TO_DOM_P95_MS)
                )
            } else {
                String::new()
            };
            row(
                &format!("term change (widget) / click (counter): {label} {p}"),
                &format!("{value:.1} ms"),
                &format!("{:.1} ms", ms(&c[key][p])),
                &note,
            );
        }
    }
    for (name, median) in &engine {
        row(&format!("engine: {name}"), median, "", "criterion median");
    }
    if engine.is_empty() {
        row(
            "engine",
            "no figures",
            "",
            "criterion printed none: run `cargo bench -p repay-engine`",
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{criterion_medians, Mode};

    #[test]
    fn a_ratio_just_over_the_target_does_not_read_as_on_it() {
        let full = Mode::Full;
        assert_eq!(
            full.startup_note(117.1 / 64.9),
            "1.804× the floor; target ≤ 1.8×: NOT met"
        );
        assert_eq!(
            full.startup_note(1.8),
            "1.800× the floor; target ≤ 1.8×: met"
        );
        assert_eq!(
            full.ratio_note(1.6016, 1.6),
            "1.602× the floor; target ≤ 1.6×: NOT met"
        );
    }

    #[test]
    fn a_short_run_judges_nothing() {
        assert_eq!(
            Mode::Short.ratio_note(3.0, 1.6),
            "3.000× the floor; target ≤ 1.6×: not judged (short run)"
        );
    }

    #[test]
    fn reads_criterions_medians() {
        let output = "status and every plan, 60-month term\n                        time:   [61.863 µs 62.245 µs 62.683 µs]\nread and check the configuration\n                        time:   [26.1 µs 26.5 µs 26.9 µs]\n";
        assert_eq!(
            criterion_medians(output),
            vec![
                (
                    "status and every plan, 60-month term".into(),
                    "62.245 µs".into()
                ),
                ("read and check the configuration".into(), "26.5 µs".into()),
            ]
        );
    }

    #[test]
    fn the_floor_is_built_with_the_widgets_wasm_opt_passes() {
        let params = |page: &str| {
            let at = page.find("data-wasm-opt-params=\"").unwrap() + 22;
            page[at..].split('"').next().unwrap().to_owned()
        };
        assert_eq!(
            params(include_str!("../../index.html")),
            params(include_str!("../../bench/counter/index.html"))
        );
    }
}

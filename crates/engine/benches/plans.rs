//! How long recomputing everything takes — the work behind every keystroke in the
//! widget: the status and every plan the policy offers, at a 60-month term (the longest
//! schedules), for the illustrative CNY account. Target: under 200 µs natively.
//!
//! Criterion is a native-only dev-dependency; on wasm32 this target is an empty program
//! so that `cargo clippy --all-targets --target wasm32-unknown-unknown` still builds.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {

    use criterion::{criterion_group, Criterion};
    use repay_engine::status::status;
    use repay_engine::{all_plans, PlanChoice, Scenario};
    use std::hint::black_box;

    fn recompute_everything(c: &mut Criterion) {
        let s = Scenario::from_json(include_str!("../data/cn-card.json")).unwrap();
        let choice = PlanChoice {
            term_months: Some(60),
            ..PlanChoice::default()
        };
        c.bench_function("status and every plan, 60-month term", |b| {
            b.iter(|| {
                let status = status(black_box(&s.account), black_box(&s.policy)).unwrap();
                let plans = all_plans(
                    black_box(&s.account),
                    black_box(&s.policy),
                    black_box(&choice),
                )
                .unwrap();
                (status, plans)
            })
        });
        c.bench_function("read and check the configuration", |b| {
            b.iter(|| Scenario::from_json(black_box(include_str!("../data/cn-card.json"))).unwrap())
        });
    }

    criterion_group!(benches, recompute_everything);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::benches();
    criterion::Criterion::default()
        .configure_from_args()
        .final_summary();
}

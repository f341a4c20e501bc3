//! Benchmarks of the exact optimizer, natively (criterion): 12 months (the pooled dynamic
//! program) and 36 months (the branch and bound, packs expiring), for volumes of 25,000 and up
//! to 1,000,000 calls a month, level and uneven. Run: `cargo bench --bench optimizer`.
//! The page's own measurement, in Chromium, is `scripts/bench-web.mjs`.

#![cfg_attr(target_arch = "wasm32", allow(unused))]

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{Criterion, criterion_group};
    use std::hint::black_box;

    use packwise::engine::catalog::builtin;
    use packwise::engine::optimize::optimize_line;
    use packwise::engine::{Lang, Line};

    /// Uneven volumes up to `max`: a deterministic wave, not multiples of 1,000 (the hard case for
    /// the pooled solver, which then tracks a residue per month).
    fn uneven(months: usize, max: u64) -> Vec<u64> {
        (0..months as u64).map(|m| max / 2 + (m * 7_919 + 3_571) % (max / 2)).collect()
    }

    fn bench(c: &mut Criterion) {
        let cases: Vec<(&str, Vec<u64>)> = vec![
            ("12 months × 25,000", vec![25_000; 12]),
            ("12 months uneven ≤ 1,000,000", uneven(12, 1_000_000)),
            ("36 months × 25,000", vec![25_000; 36]),
            ("36 months uneven ≤ 1,000,000", uneven(36, 1_000_000)),
        ];
        for (name, calls) in cases {
            let line = Line::new("活体人脸核身", calls);
            c.bench_function(name, |b| b.iter(|| optimize_line(builtin(), black_box(&line), 0, Lang::En).unwrap()));
            let o = optimize_line(builtin(), &line, 0, Lang::En).unwrap();
            eprintln!(
                "{name}: total {:?}, proven {}, {} purchases",
                o.quote.total,
                o.proven_optimal,
                o.line.packs.len()
            );
        }
    }

    criterion_group! {
        name = benches;
        config = Criterion::default().sample_size(10);
        targets = bench
    }
    /// What `criterion_main!` would generate, made public for the wasm-aware `main` below.
    pub fn run() {
        benches();
        Criterion::default().configure_from_args().final_summary();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::run();
}

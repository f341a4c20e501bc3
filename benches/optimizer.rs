//! Benchmarks of the exact optimizer, natively (criterion): 12 months (within the validity) and
//! 36 months (packs expiring), for volumes of 25,000 and up to 1,000,000 calls a month, level and
//! uneven; then a scaling table (time and proof status by horizon, 12 to 120 months, and by
//! number of lines, 1 to 50, and a format-2 line with a commitment and a free quota). Run: `cargo bench --bench
//! optimizer`.
//! The page's own measurement, in Chromium, is `scripts/bench-web.mjs`.

#![cfg_attr(target_arch = "wasm32", allow(unused))]

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{Criterion, criterion_group};
    use std::hint::black_box;

    use packwise::engine::catalog::builtin;
    use packwise::engine::optimize::{optimize_estimate, optimize_line};
    use packwise::engine::{Estimate, Lang, Line};
    use std::time::Instant;

    /// Uneven volumes up to `max`: a deterministic wave, not multiples of 1,000 (the hard case for
    /// the cohort program, which then tracks a residue for every month the packs last ran out).
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

    /// The median of three timed runs of `f`, in milliseconds, with its last result.
    fn timed<T>(mut f: impl FnMut() -> T) -> (f64, T) {
        let mut times = Vec::new();
        let mut last = None;
        for _ in 0..3 {
            let start = Instant::now();
            last = Some(f());
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(|a, b| a.total_cmp(b));
        (times[1], last.expect("three runs"))
    }

    /// Time and proof status by horizon (one line of uneven volumes up to 10⁶) and by number of
    /// lines (12 months each), printed as a table.
    fn scaling() {
        eprintln!("scaling (median of 3 runs):");
        eprintln!("  {:<34} {:>10}  proof", "case", "time");
        for months in [12usize, 24, 36, 60, 120] {
            let line = Line::new("活体人脸核身", uneven(months, 1_000_000));
            let (ms, o) = timed(|| optimize_line(builtin(), &line, 0, Lang::En).unwrap());
            let proof = match (o.proven_optimal, o.lower_bound, o.quote.total) {
                (true, _, _) => "proven optimal".to_string(),
                (false, Some(lb), Some(t)) if !t.is_zero() => {
                    format!(
                        "best found, {:.3} % above the proven lower bound",
                        (t - lb) / t * rust_decimal::Decimal::ONE_HUNDRED
                    )
                }
                _ => "best found, not proven".to_string(),
            };
            eprintln!("  {:<34} {:>7.1} ms  {proof}", format!("1 line, {months} months uneven ≤ 10⁶"), ms);
        }
        // Format 2: a line of uneven months whose service has a free quota, two tiers (a cliff), a
        // commitment with its own overage and two pack sizes (the optimizer chooses, month by
        // month, the commitment or not, and the packs): 12 months (within the packs' validity)
        // and 36 (packs expiring).
        for months in [12usize, 36] {
            let sheet = format!(
                r#"{{"price_list":{{"mode":"replace","list":{{"format":2,"currency":"USD",
                    "pack_products":[{{"id":"p","name":"P","validity_months":12,
                        "sizes":[{{"calls":5000,"price":"70"}},{{"calls":50000,"price":"600"}}]}}],
                    "services":[{{"id":"s","name":"S","packs":"p",
                        "postpaid":{{"tiers":[{{"up_to":10000,"price":"0.02"}},{{"price":"0.015"}}]}},
                        "free_quota":{{"calls":1000}},
                        "commitments":[{{"id":"c","name":"C","monthly_fee":"12000","calls":1000000,
                            "overage":{{"tiers":[{{"price":"0.01"}}]}}}}]}}]}}}},
                  "lines":[{{"service":"s","calls":{:?}}}]}}"#,
                uneven(months, 2_000_000)
            );
            let e = Estimate::from_json(&sheet).expect("the benchmark's sheet is valid");
            let (ms, (_, _, s)) = timed(|| optimize_estimate(builtin(), &e, Lang::En).unwrap());
            eprintln!(
                "  {:<34} {:>7.1} ms  {}",
                format!("1 line, {months} months, commitment+free"),
                ms,
                if s[0].proven_optimal { "proven optimal" } else { "best found, not proven" }
            );
        }
        for lines in [1usize, 10, 50] {
            let e = Estimate::new(
                (0..lines).map(|i| Line::new("活体人脸核身", uneven(12, 100_000 + 20_000 * i as u64))).collect(),
            );
            let (ms, (_, _, s)) = timed(|| optimize_estimate(builtin(), &e, Lang::En).unwrap());
            let proven = s.iter().filter(|x| x.proven_optimal).count();
            eprintln!(
                "  {:<34} {:>7.1} ms  {proven} of {lines} proven",
                format!("{lines} line{} × 12 months", if lines == 1 { "" } else { "s" }),
                ms
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
        scaling();
        benches();
        Criterion::default().configure_from_args().final_summary();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::run();
}

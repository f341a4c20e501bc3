//! The optimizer on volume ranges (low / likely / high, one plan for all three), natively: a
//! table of seeded ranges of 活体人脸核身 — uneven volumes that are not multiples of 1,000, low
//! and high cases of different spreads, several weightings — by horizon (12, 24, 36 and 60
//! months), twelve ranges of volumes past the postpaid table's last tier (12, 24 and 36 months
//! up to 250,777, 400,777, 900,777 and 3,000,777 calls a month, and 60 months up to 900,777:
//! `--only 12/10`, `12/9`, `12/7`, `12/8`, and so on) and 10 lines × 12 months, with the time,
//! whether the plan is proven and its gap to the proven lower bound. Run:
//! `cargo bench --bench ranges`. With `-- --json` it also prints each range and its plan as a
//! JSON line on stdout, for `scripts/ranges-mip.py` (an independent exact model of the same
//! ranges); with `-- --only 24/2` it runs the second range of 24 months alone.

#![cfg_attr(target_arch = "wasm32", allow(unused))]

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::table();
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use packwise::engine::catalog::builtin;
    use packwise::engine::optimize::{Optimized, optimize_estimate, optimize_line_weighted};
    use packwise::engine::terms::Weights;
    use packwise::engine::{Estimate, Lang, Line};
    use rust_decimal::Decimal;
    use std::time::Instant;

    /// A small deterministic generator (xorshift), so every run measures the same ranges.
    struct Seeded(u64);

    impl Seeded {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn within(&mut self, low: u64, high: u64) -> u64 {
            low + self.next() % (high - low + 1)
        }
    }

    /// A seeded range: likely volumes between a tenth of `level` and `level` (never a multiple of
    /// 1,000), low 40–80 % and high 120–220 % of them, each month its own.
    pub fn range(seed: u64, months: usize, level: u64) -> Line {
        let mut r = Seeded(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let likely: Vec<u64> = (0..months).map(|_| r.within(level / 10, level) | 1).collect();
        let (down, up) = (r.within(40, 80), r.within(120, 220));
        let mut line = Line::new("活体人脸核身", likely.clone());
        line.calls_low = Some(likely.iter().map(|c| c * (down + r.within(0, 5)) / 100).collect());
        line.calls_high = Some(likely.iter().map(|c| c * (up + r.within(0, 10)) / 100).collect());
        line
    }

    /// The weightings the table tries: the default, a cautious one and a lopsided one.
    pub fn weights(k: u64) -> Weights {
        let w = |l, m, h| Weights { low: Decimal::new(l, 2), likely: Decimal::new(m, 2), high: Decimal::new(h, 2) };
        match k % 3 {
            0 => Weights::default(),
            1 => w(10, 30, 60),
            _ => w(40, 55, 5),
        }
    }

    /// The gap between a plan's expected cost and its proven lower bound, in percent of the cost.
    fn gap(o: &Optimized) -> Option<Decimal> {
        let expected = o.range.as_ref()?.expected?;
        let lower = o.lower_bound?;
        (!expected.is_zero()).then(|| ((expected - lower) / expected * Decimal::ONE_HUNDRED).round_dp(4))
    }

    /// Optimizes the seeded range `seed` of `months` months up to `level` calls a month, prints its
    /// row of the table (and, with `json`, the range and its plan on stdout) and returns the time.
    fn row(months: usize, seed: u64, level: u64, json: bool) -> f64 {
        let line = range(seed * 31 + months as u64, months, level);
        let w = weights(seed);
        let start = Instant::now();
        let o = optimize_line_weighted(builtin(), &line, 0, w, Lang::En).expect("the range optimizes");
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let g = gap(&o);
        if json {
            let row = serde_json::json!({
                "months": months, "level": level,
                "weights": {"low": w.low, "likely": w.likely, "high": w.high},
                "line": o.line,
                "expected": o.range.as_ref().and_then(|r| r.expected),
                "lower_bound": o.lower_bound, "proven": o.proven_optimal,
            });
            println!("{row}");
        }
        let name = format!("{months} months ≤ {level}/month, weights {}/{}/{}", w.low, w.likely, w.high);
        eprintln!(
            "  {:<44} {:>6.1} ms  {:>8}  {:>8} %  {}",
            name,
            ms,
            o.range.as_ref().and_then(|r| r.expected).map_or("-".into(), |e| e.round().to_string()),
            g.map_or("-".into(), |g| g.to_string()),
            if o.proven_optimal { "proven" } else { "not proven" }
        );
        ms
    }

    pub fn table() {
        let args: Vec<String> = std::env::args().collect();
        let json = args.iter().any(|a| a == "--json");
        // `--only 24/2`: the second range of 24 months alone (and the 10 lines), to look at one.
        let only = args.iter().position(|a| a == "--only").and_then(|i| {
            let (m, s) = args.get(i + 1)?.split_once('/')?;
            Some((m.parse::<usize>().ok()?, s.parse::<u64>().ok()?))
        });
        eprintln!("volume ranges (one run each; 活体人脸核身, seeded uneven volumes):");
        eprintln!("  {:<44} {:>9}  {:>8}  {:>9}  proof", "case", "time", "expected", "gap");
        let mut worst = [0f64; 2];
        for months in [12usize, 24, 36, 60] {
            for seed in 1..=6u64 {
                if only.is_some_and(|o| o != (months, seed)) {
                    continue;
                }
                let level = [4_000, 12_000, 30_000, 60_000, 90_000, 150_000][(seed as usize - 1) % 6] + 777;
                let ms = row(months, seed, level, json);
                let k = usize::from(months > 24);
                worst[k] = worst[k].max(ms);
            }
        }
        // Volumes past the postpaid table's last tier (200,000 a month, then sales only), where
        // packs must cover most of the high case's months, and from 400,777 the likely case's
        // too: tracked apart from the seeded ranges (seed 10: up to 250,777 a month, 9: 400,777,
        // 7: 900,777, 8: 3,000,777).
        eprintln!("  large volumes (the high case past the postpaid table's 200,000 a month):");
        for (months, seed, level) in [
            (12, 10, 250_777),
            (12, 9, 400_777),
            (12, 7, 900_777),
            (12, 8, 3_000_777),
            (24, 10, 250_777),
            (24, 9, 400_777),
            (24, 7, 900_777),
            (24, 8, 3_000_777),
            (36, 9, 400_777),
            (36, 7, 900_777),
            (36, 8, 3_000_777),
            (60, 7, 900_777),
        ] {
            if only.is_none_or(|o| o == (months, seed)) {
                row(months, seed, level, json);
            }
        }
        let e = Estimate::new((0..10).map(|i| range(1_000 + i, 12, 20_000 + 9_000 * i)).collect());
        let start = Instant::now();
        let (_, _, s) = optimize_estimate(builtin(), &e, Lang::En).expect("the ranges optimize");
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let proven = s.iter().filter(|x| x.proven_optimal).count();
        eprintln!("  {:<44} {:>6.1} ms  {proven} of 10 proven", "10 lines × 12 months", ms);
        eprintln!("  slowest: {:.0} ms up to 24 months, {:.0} ms at 36–60 months", worst[0], worst[1]);
    }
}

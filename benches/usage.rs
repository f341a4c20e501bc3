//! Benchmark of reading a usage export, natively (criterion): a FOCUS file of 100,000 rows (27
//! columns, 5 SKUs, two years of hourly charges) summed by month, unfiltered and for one SKU.
//! Run: `cargo bench --bench usage`. The page reads files in its Web Worker; its measurement, in
//! Chromium, is `scripts/bench-web.mjs`.

#![cfg_attr(target_arch = "wasm32", allow(unused))]

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{Criterion, criterion_group};
    use std::hint::black_box;

    use packwise::engine::usage::{self, Filter, Options};

    const HEADER: &str = "BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargeCategory,ChargeDescription,ChargePeriodStart,ChargePeriodEnd,ConsumedQuantity,ConsumedUnit,EffectiveCost,BilledCost,ListCost,ListUnitPrice,PricingQuantity,PricingUnit,ProviderName,PublisherName,RegionId,RegionName,ResourceId,ServiceCategory,ServiceName,SkuId,SkuPriceId,SubAccountId";

    /// `rows` FOCUS rows: hourly charges from 2024-01, SKUs in turn, deterministic counts.
    pub fn focus(rows: usize) -> String {
        let skus = ["ocr-general", "ocr-idcard", "ocr-bankcard", "face-liveness", "face-compare"];
        let mut out = String::with_capacity(rows * 330);
        out.push_str(HEADER);
        out.push('\n');
        for i in 0..rows {
            let hour = i / skus.len();
            let (day, h) = (hour / 24, hour % 24);
            // Months of 28 days keep the arithmetic simple; the dates are real ones.
            let (month, d) = (day / 28, day % 28 + 1);
            let (y, m) = (2024 + month / 12, month % 12 + 1);
            let sku = skus[i % skus.len()];
            let calls = 40 + (i * 7_919 % 113);
            out.push_str(&format!(
                "acct-001,Example Co,USD,{y}-{m:02}-01T00:00:00Z,{y}-{m:02}-28T00:00:00Z,Usage,{sku} API calls,\
                 {y}-{m:02}-{d:02}T{h:02}:00:00Z,{y}-{m:02}-{d:02}T{h:02}:59:59Z,{calls},Requests,0.{calls},0.{calls},0.{calls},\
                 0.0015,{calls},1 Request,Example Cloud,Example Cloud,ap-east-1,Asia East 1,res-{r},AI and Machine Learning,\
                 Vision,{sku},{sku}-std,sub-{s}\n",
                r = i % 97,
                s = i % 3,
            ));
        }
        out
    }

    fn bench(c: &mut Criterion) {
        let text = focus(100_000);
        let all = usage::read(&text, &Options::default()).unwrap();
        eprintln!(
            "usage file: 100,000 FOCUS rows, {:.1} MB, {} months; {} rows used",
            text.len() as f64 / 1e6,
            all.months.len(),
            all.rows_used
        );
        c.bench_function("read 100,000 FOCUS rows", |b| {
            b.iter(|| usage::read(black_box(&text), &Options::default()).unwrap())
        });
        let one = Options { filters: vec![Filter::parse("SkuId=ocr-idcard").unwrap()], ..Options::default() };
        c.bench_function("read 100,000 FOCUS rows, one SKU", |b| {
            b.iter(|| usage::read(black_box(&text), &one).unwrap())
        });
    }

    criterion_group!(benches, bench);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

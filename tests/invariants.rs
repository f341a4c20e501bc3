//! The books always balance: properties that hold for any estimate of the built-in price list,
//! checked on random ones (services, months, purchases in any month, free packs, postpaid on or
//! off, negotiated prices, discounts and volume ranges).
//! Run: `cargo test --release --test invariants` (debug works too, slower).
#![cfg(not(target_arch = "wasm32"))] // native only: the browser suite is tests/web.rs

use proptest::prelude::*;
use rust_decimal::Decimal;

use packwise::app::share;
use packwise::engine::catalog::builtin;
use packwise::engine::optimize::optimize_estimate;
use packwise::engine::quote::settle_line;
use packwise::engine::terms::{Case, Discount, DiscountScope};
use packwise::engine::{Estimate, Lang, Line, PackPurchase, quote, total_of};

/// A random line of a built-in service: its packs are sizes it sells, bought within its months.
fn line() -> impl Strategy<Value = Line> {
    let services: Vec<String> = builtin().services.iter().map(|s| s.id.clone()).collect();
    (
        prop::sample::select(services),
        prop::collection::vec(0u64..300_000, 1..=14),
        prop::collection::vec((0usize..8, 1u64..4, 0u32..14), 0..4),
        prop::sample::select(vec![0u64, 500, 20_000]),
        any::<bool>(),
        prop::option::of(1i64..200),
        prop::option::of((0i64..=100, 0usize..3)),
        prop::option::of((0u64..=100, 0u64..=300)),
        // Held calls' months (a free pack's 12 where none).
        prop::option::of(1u32..=12),
    )
        .prop_map(|(service, calls, buys, free, postpaid, negotiated, discount, spread, held)| {
            let s = builtin().service(&service).unwrap();
            let sizes: Vec<u64> =
                builtin().packs_of(s).map(|p| p.offered().map(|(z, _)| z.calls).collect()).unwrap_or_default();
            let months = calls.len() as u32;
            let mut l = Line::new(service, calls);
            if !sizes.is_empty() {
                l.packs = buys
                    .into_iter()
                    .map(|(k, count, m)| PackPurchase { size: sizes[k % sizes.len()], count, month: m % months + 1 })
                    .collect();
            }
            l.free_calls = free;
            l.free_months = held;
            l.postpaid = postpaid;
            l.negotiated_price = negotiated.map(|n| Decimal::new(n, 2));
            l.discount = discount.map(|(p, k)| Discount {
                percent: Decimal::new(p, 0),
                applies_to: [DiscountScope::All, DiscountScope::Postpaid, DiscountScope::Packs][k],
            });
            if let Some((below, above)) = spread {
                l.calls_low = Some(l.calls.iter().map(|c| c * (100 - below) / 100).collect());
                l.calls_high = Some(l.calls.iter().map(|c| c + c * above / 100).collect());
            }
            l
        })
}

fn estimate() -> impl Strategy<Value = Estimate> {
    (prop::collection::vec(line(), 1..=3), prop::option::of(0i64..=50)).prop_map(|(lines, d)| {
        let mut e = Estimate::new(lines);
        e.discount = d.map(|p| Discount { percent: Decimal::new(p, 0), applies_to: DiscountScope::All });
        e
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    /// Every call is accounted for once, month by month; every purchase's calls are used,
    /// expired or still unused; the quote is deterministic; the total is the sum of the rounded
    /// lines, each in whole fen; each case of a range costs what that case priced alone costs.
    #[test]
    fn the_books_balance(e in estimate()) {
        let q = quote(builtin(), &e, Lang::Zh).unwrap();
        prop_assert_eq!(&q, &quote(builtin(), &e, Lang::Zh).unwrap());
        for (i, (l, lq)) in e.lines.iter().zip(&q.lines).enumerate() {
            let (_, s) = settle_line(builtin(), l, i).unwrap();
            for m in &s.months {
                prop_assert_eq!(m.calls, m.from_free + m.from_packs + m.postpaid_calls + m.refused);
            }
            for (p, o) in l.packs.iter().zip(&s.purchases) {
                prop_assert_eq!(o.used + o.expired + o.left, p.size * p.count);
            }
            // The free (or held) calls too: drawn, expired or left, what the purchases' are not.
            let bought = |f: fn(&packwise::engine::settle::PurchaseOutcome) -> u64| s.purchases.iter().map(f).sum::<u64>();
            prop_assert_eq!(
                s.from_free + (s.expired - bought(|o| o.expired)) + (s.unused - bought(|o| o.left)),
                l.free_calls
            );
            prop_assert_eq!(s.calls, l.calls.iter().sum::<u64>());
            if let Some(t) = lq.total {
                prop_assert_eq!(t, t.round_dp(2));
                prop_assert!(t >= Decimal::ZERO);
                // A discount never raises the bill.
                if let Some(d) = lq.discount {
                    prop_assert!(d.before.is_none_or(|b| t <= b));
                }
            }
            if let Some(r) = lq.range {
                // Each case priced as an estimate of its own (the line with that case's calls,
                // the same packs and terms) is what the range says it costs.
                for c in Case::ALL {
                    let alone = Estimate { lines: vec![l.case(c)], discount: e.discount, ..Estimate::default() };
                    prop_assert_eq!(r.get(c), quote(builtin(), &alone, Lang::Zh).unwrap().total, "{:?}", c);
                }
            }
        }
        prop_assert_eq!(q.total, total_of(q.lines.iter().map(|l| l.total)).unwrap());
    }

    /// Share links and the JSON export give back the very estimate.
    #[test]
    fn share_links_and_exports_round_trip(e in estimate()) {
        prop_assert_eq!(&Estimate::from_json(&e.to_json()).unwrap(), &e);
        let link = format!("#{}", share::encode(&e));
        prop_assert_eq!(share::decode(&link, builtin()).unwrap().unwrap(), e);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, .. ProptestConfig::default() })]

    /// The optimizer's plan, re-priced by the quote, is what it reports, and never worse than
    /// postpaid only or the visitor's own plan (by expected cost for a range). Volumes are kept
    /// small so every plan is proven.
    #[test]
    fn the_optimizer_never_loses_to_the_plans_it_is_compared_with(mut e in estimate()) {
        for l in &mut e.lines {
            l.calls.truncate(6);
            for c in &mut l.calls { *c /= 10; }
            l.packs.retain(|p| p.month as usize <= l.calls.len());
            for v in [&mut l.calls_low, &mut l.calls_high].into_iter().flatten() {
                v.truncate(6);
                for c in v.iter_mut() { *c /= 10; }
            }
        }
        let (q, plan, summaries) = optimize_estimate(builtin(), &e, Lang::En).unwrap();
        let again = quote(builtin(), &plan, Lang::En).unwrap();
        prop_assert_eq!(again.total, q.total);
        for s in summaries.iter().filter(|s| s.proven_optimal && e.lines[s.line].postpaid) {
            // With postpaid on nothing is refused, so the plan never costs more money. (With it
            // off, covering more calls may cost more.) For a range the savings compare expected
            // costs made of rounded case totals: within a fen.
            let slack = if e.lines[s.line].has_range() { Decimal::new(-1, 2) } else { Decimal::ZERO };
            for saving in [s.saving_vs_yours, s.saving_vs_postpaid_only].into_iter().flatten() {
                prop_assert!(saving >= slack, "line {} saving {}", s.line, saving);
            }
        }
    }
}

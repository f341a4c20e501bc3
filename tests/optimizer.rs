//! The optimizer is exact: on many small random instances no plan found by exhaustive enumeration
//! (priced by the engine's own settlement) beats it, and on the hand-worked cases it finds the
//! known optimum. Run: `cargo test --release --test optimizer` (debug works too, slower).
#![cfg(not(target_arch = "wasm32"))] // native only: the browser suite is tests/web.rs

use proptest::prelude::*;
use rust_decimal::Decimal;

use packwise::engine::catalog::{Catalog, builtin, parse_price_list};
use packwise::engine::optimize::{
    PackPlan, Problem, branch_and_bound, cohort_program, coupled_bound, evaluate, optimize_line,
    optimize_line_weighted, solve_ranged,
};
use packwise::engine::quote::settle_line;
use packwise::engine::rating::{self, Charge};
use packwise::engine::terms::{Case, Discount, DiscountScope, Factors, Weights};
use packwise::engine::{EstimateError, Lang, Line, PackPurchase};

/// (refused calls, calls needing a price from sales, money): how the optimizer ranks plans,
/// computed here with the engine's settlement, independently of the optimizer.
fn engine_key(catalog: &Catalog, line: &Line) -> (u64, u64, Decimal) {
    let (_, s) = settle_line(catalog, line, 0).unwrap();
    let sales: u64 = s
        .months
        .iter()
        .filter(|m| matches!(m.charge, Charge::ContactSales { .. } | Charge::Unpriced(_)))
        .map(|m| m.postpaid_calls)
        .sum();
    let f = Factors::of(line.discount.as_ref());
    let usage = s.months.iter().filter_map(|m| m.charge.amount()).sum::<Decimal>() + s.minimum_cost;
    let money = (s.pack_cost + s.commitment_cost) * f.packs + usage * f.postpaid;
    (s.refused, sales, money)
}

/// The expected key of a line with a range: each case's key weighted by `w` (hundredths).
fn expected_key(catalog: &Catalog, line: &Line, w: [u64; 3]) -> (u64, u64, Decimal) {
    Case::ALL.iter().zip(w).fold((0, 0, Decimal::ZERO), |acc, (c, w)| {
        let k = engine_key(catalog, &line.case(*c));
        (acc.0 + w * k.0, acc.1 + w * k.1, acc.2 + Decimal::new(w as i64, 2) * k.2)
    })
}

/// Every plan buying 0..=max packs of each size in each month, ranked by `key` — and, where the
/// service has commitments, taking any one (or none) in each month.
fn brute_force<K: Ord + Copy>(catalog: &Catalog, line: &Line, max: u64, key: impl Fn(&Line) -> K) -> K {
    let service = catalog.service(&line.service).unwrap();
    let ids: Vec<Option<String>> =
        std::iter::once(None).chain(service.commitments.iter().map(|c| Some(c.id.clone()))).collect();
    let months = line.calls.len();
    let mut pick = vec![0usize; months];
    let mut best: Option<K> = None;
    loop {
        let mut l = line.clone();
        l.commitments = pick
            .iter()
            .enumerate()
            .filter_map(|(m, &k)| {
                ids[k].clone().map(|id| packwise::engine::CommitmentTerm { id, month: m as u32 + 1, months: Some(1) })
            })
            .collect();
        let k = brute_packs(catalog, &l, max, &key);
        if best.is_none_or(|b| k < b) {
            best = Some(k);
        }
        let mut i = 0;
        loop {
            if i == months {
                return best.unwrap();
            }
            pick[i] += 1;
            if pick[i] < ids.len() {
                break;
            }
            pick[i] = 0;
            i += 1;
        }
    }
}

/// Every plan buying 0..=max packs of each size in each month (the line's commitments as they
/// are), ranked by `key`.
fn brute_packs<K: Ord + Copy>(catalog: &Catalog, line: &Line, max: u64, key: &impl Fn(&Line) -> K) -> K {
    let service = catalog.service(&line.service).unwrap();
    let sizes: Vec<u64> =
        catalog.packs_of(service).map(|p| p.offered().map(|(s, _)| s.calls).collect()).unwrap_or_default();
    let slots: Vec<(u32, u64)> =
        (1..=line.calls.len() as u32).flat_map(|m| sizes.iter().map(move |s| (m, *s))).collect();
    let mut counts = vec![0u64; slots.len()];
    let mut best: Option<K> = None;
    loop {
        let mut l = line.clone();
        l.packs = slots
            .iter()
            .zip(&counts)
            .filter(|(_, c)| **c > 0)
            .map(|(&(month, size), &count)| PackPurchase { size, count, month })
            .collect();
        let k = key(&l);
        if best.is_none_or(|b| k < b) {
            best = Some(k);
        }
        // Next combination (odometer).
        let mut i = 0;
        loop {
            if i == counts.len() {
                return best.unwrap();
            }
            counts[i] += 1;
            if counts[i] <= max {
                break;
            }
            counts[i] = 0;
            i += 1;
        }
    }
}

fn list(sizes: &[(u64, u32)], validity: u32, tiers: &[(Option<u64>, Option<u32>)], basis: &str) -> Catalog {
    list_mode(sizes, validity, tiers, basis, "reached")
}

fn list_mode(
    sizes: &[(u64, u32)],
    validity: u32,
    tiers: &[(Option<u64>, Option<u32>)],
    basis: &str,
    mode: &str,
) -> Catalog {
    let sizes: Vec<String> =
        sizes.iter().map(|(c, p)| format!(r#"{{"calls":{c},"price":"{}"}}"#, Decimal::new(*p as i64, 2))).collect();
    let tiers: Vec<String> = tiers
        .iter()
        .map(|(up, price)| {
            let up = up.map_or(String::new(), |u| format!(r#""up_to":{u},"#));
            match price {
                Some(p) => format!(r#"{{{up}"price":"{}"}}"#, Decimal::new(*p as i64, 2)),
                None => format!(r#"{{{up}"contact_sales":true}}"#),
            }
        })
        .collect();
    parse_price_list(&format!(
        r#"{{"format":1,"pack_products":[{{"id":"p","name":"P","validity_months":{validity},"sizes":[{}]}}],
            "services":[{{"id":"s","name":"S","packs":"p","postpaid":{{"basis":"{basis}","mode":"{mode}","tiers":[{}]}}}}]}}"#,
        sizes.join(","),
        tiers.join(",")
    ))
    .unwrap()
}

fn check(catalog: &Catalog, line: &Line, max: u64) -> Result<(), TestCaseError> {
    let o = optimize_line(catalog, line, 0, Lang::En).unwrap();
    prop_assert!(o.proven_optimal);
    let mine = engine_key(catalog, &o.line);
    let best = brute_force(catalog, line, max, |l| engine_key(catalog, l));
    prop_assert!(
        mine <= best,
        "optimizer {:?} worse than brute force {:?} for {:?}; plan {:?}",
        mine,
        best,
        line,
        o.line.packs
    );
    // The engine's quote of the plan agrees with the ranking.
    prop_assert_eq!(o.quote.refused_calls, mine.0);
    Ok(())
}

/// A range of service "s": `likely` calls, each month's low `d` under it and high `u` over it
/// (`spread[m] = (d, u)`), with postpaid on or off; and `weights` (in hundredths) as weights.
fn range_line(likely: &[u64], spread: &[(u64, u64)], postpaid: bool, weights: [u64; 3]) -> (Line, Weights) {
    let mut line = Line::new("s", likely.to_vec());
    line.postpaid = postpaid;
    line.calls_low = Some(likely.iter().zip(spread).map(|(v, (d, _))| v.saturating_sub(*d)).collect());
    line.calls_high = Some(likely.iter().zip(spread).map(|(v, (_, u))| v + u).collect());
    let w = Weights {
        low: Decimal::new(weights[0] as i64, 2),
        likely: Decimal::new(weights[1] as i64, 2),
        high: Decimal::new(weights[2] as i64, 2),
    };
    (line, w)
}

/// Calls held on the line: a free pack (`months: None`) or calls left in packs bought before
/// month 1, lasting `months` (at most the packs' `validity`).
fn hold(line: &mut Line, held: Option<(u64, Option<u32>)>, validity: u32) {
    if let Some((calls, months)) = held {
        line.free_calls = calls;
        line.free_months = months.map(|m| m.min(validity));
    }
}

/// What `hold` takes: none, a free pack, or held calls lasting 1–6 months.
fn held() -> impl Strategy<Value = Option<(u64, Option<u32>)>> {
    prop::option::of((1u64..15, prop::option::of(1u32..=6)))
}

/// A tier table: 1–3 tiers with increasing bounds, prices in fen, maybe a contact-sales top.
fn tiers() -> impl Strategy<Value = Vec<(Option<u64>, Option<u32>)>> {
    (prop::collection::vec((1u64..25, 1u32..200), 0..3), 1u32..200, any::<bool>()).prop_map(|(steps, top, sales)| {
        let mut bound = 0;
        let mut t: Vec<(Option<u64>, Option<u32>)> = steps
            .into_iter()
            .map(|(w, p)| {
                bound += w;
                (Some(bound), Some(p))
            })
            .collect();
        t.push((None, if sales && !t.is_empty() { None } else { Some(top) }));
        t
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, .. ProptestConfig::default() })]

    /// Horizons within the validity: nothing expires, the cohort program is exact at once.
    #[test]
    fn no_enumerated_plan_beats_the_pooled_optimum(
        demand in prop::collection::vec(0u64..25, 1..=4),
        sizes in prop::sample::subsequence(vec![(5u64, 60u32), (10, 100), (20, 170), (30, 240)], 1..=2),
        tiers in tiers(),
        free in 0u64..15,
        months in prop::option::of(1u32..=4),
        postpaid in any::<bool>(),
        total_basis in any::<bool>(),
    ) {
        let c = list(&sizes, 12, &tiers, if total_basis { "total_volume" } else { "postpaid_volume" });
        let mut line = Line::new("s", demand);
        line.free_calls = free;
        // Or calls left in packs bought before month 1, expiring inside the horizon.
        line.free_months = months;
        line.postpaid = postpaid;
        check(&c, &line, 2)?;
    }

    /// Horizons longer than the validity (packs expire inside): the cohort program, proven by its
    /// lower envelope or, past a cliff, by the branch and bound.
    #[test]
    fn no_enumerated_plan_beats_the_search_when_packs_expire(
        demand in prop::collection::vec(0u64..25, 3..=5),
        size in prop::sample::select(vec![(10u64, 80u32), (15, 100), (20, 150)]),
        validity in 1u32..=2,
        tiers in tiers(),
        postpaid in any::<bool>(),
    ) {
        let c = list(&[size], validity, &tiers, "postpaid_volume");
        let mut line = Line::new("s", demand);
        line.postpaid = postpaid;
        check(&c, &line, 3)?;
    }

    /// The cohort program alone, with no search to close a gap: over horizons of several
    /// validities, the plan it reports is priced exactly as the engine prices it, its lower bound
    /// never exceeds what enumeration finds, and a plan it calls proven is never beaten.
    #[test]
    fn the_cohort_programs_own_proof_and_bound_hold(
        demand in prop::collection::vec(0u64..40, 5..=7),
        size in prop::sample::select(vec![(10u64, 80u32), (15, 100), (20, 150)]),
        validity in 1u32..=3,
        tiers in tiers(),
        free in 0u64..15,
        months in prop::option::of(1u32..=3),
        postpaid in any::<bool>(),
    ) {
        let c = list(&[size], validity, &tiers, "postpaid_volume");
        let mut line = Line::new("s", demand);
        line.postpaid = postpaid;
        line.free_calls = free;
        line.free_months = months.map(|m| m.min(validity));
        let p = problem(&c, &line);
        let s = cohort_program(&p, 0, &mut |_| ()).unwrap();
        let key = |cost| cost_key(&p, cost);
        prop_assert_eq!(key(s.plan.cost), engine_key(&c, &planned(&line, &p, &s.plan.buys)));
        let best = brute_force(&c, &line, 3, |l| engine_key(&c, l));
        prop_assert!(key(s.lower_bound) <= best, "bound {:?} above an enumerated plan {:?}", s.lower_bound, best);
        if s.proven {
            prop_assert!(key(s.plan.cost) <= best, "proven {:?} but enumeration found {:?}", s.plan.cost, best);
        }
    }

    /// Two sizes expiring inside the horizon, with a free pack (drawn first, expiring too).
    #[test]
    fn no_enumerated_plan_beats_the_search_with_two_sizes_and_a_free_pack(
        demand in prop::collection::vec(0u64..30, 2..=4),
        sizes in prop::sample::subsequence(vec![(5u64, 45u32), (10, 80), (25, 190)], 2),
        validity in 1u32..=2,
        tiers in tiers(),
        free in 0u64..12,
        months in prop::option::of(1u32..=2),
        postpaid in any::<bool>(),
    ) {
        let c = list(&sizes, validity, &tiers, "postpaid_volume");
        let mut line = Line::new("s", demand);
        line.postpaid = postpaid;
        line.free_calls = free;
        line.free_months = months.map(|m| m.min(validity));
        check(&c, &line, 2)?;
    }

    /// Graduated tiers (each tier prices its own slice), within the validity.
    #[test]
    fn no_enumerated_plan_beats_the_optimum_with_graduated_tiers(
        demand in prop::collection::vec(0u64..25, 1..=4),
        sizes in prop::sample::subsequence(vec![(5u64, 60u32), (10, 100), (20, 170)], 1..=2),
        tiers in tiers(),
        postpaid in any::<bool>(),
    ) {
        let c = list_mode(&sizes, 12, &tiers, "postpaid_volume", "graduated");
        let mut line = Line::new("s", demand);
        line.postpaid = postpaid;
        check(&c, &line, 2)?;
    }

    /// A negotiated price for the contact-sales tier and a discount: the optimizer prices them
    /// exactly as the quote does.
    #[test]
    fn no_enumerated_plan_beats_the_optimum_with_a_negotiated_price_and_a_discount(
        demand in prop::collection::vec(0u64..25, 1..=3),
        sizes in prop::sample::subsequence(vec![(5u64, 60u32), (10, 100), (20, 170)], 1..=2),
        tiers in tiers(),
        negotiated in 1i64..200,
        all_calls in any::<bool>(),
        percent in 0i64..=100,
        scope in prop::sample::select(vec![DiscountScope::All, DiscountScope::Postpaid, DiscountScope::Packs]),
        validity in 1u32..=12,
    ) {
        let c = list(&sizes, validity, &tiers, "postpaid_volume");
        let mut line = Line::new("s", demand);
        line.negotiated_price = Some(Decimal::new(negotiated, 2));
        // Or a contract price for every call, in place of the table's.
        line.negotiated_all_calls = all_calls;
        line.discount = Some(Discount { percent: Decimal::new(percent, 0), applies_to: scope });
        check(&c, &line, 2)?;
    }

    /// A range of volumes: one plan for every case, of least expected cost, within the validity
    /// and with packs expiring inside the horizon.
    #[test]
    fn no_enumerated_plan_has_a_lower_expected_cost(
        likely in prop::collection::vec(0u64..20, 1..=3),
        spread in prop::collection::vec((0u64..10, 0u64..12), 3),
        sizes in prop::sample::subsequence(vec![(5u64, 45u32), (10, 80), (20, 150)], 1..=2),
        tiers in tiers(),
        validity in 1u32..=12,
        weights in prop::sample::select(vec![[25u64, 50, 25], [10, 20, 70], [0, 100, 0], [50, 0, 50]]),
        postpaid in any::<bool>(),
        held in held(),
    ) {
        let c = list(&sizes, validity, &tiers, "postpaid_volume");
        let (mut line, w) = range_line(&likely, &spread, postpaid, weights);
        hold(&mut line, held, validity);
        let o = optimize_line_weighted(&c, &line, 0, w, Lang::En).unwrap();
        prop_assert!(o.proven_optimal);
        let mine = expected_key(&c, &o.line, weights);
        let best = brute_force(&c, &line, 2, |l| expected_key(&c, l, weights));
        prop_assert!(mine <= best, "optimizer {:?} worse than brute force {:?} for {:?}; plan {:?}", mine, best, line, o.line.packs);
        // Each case's figures are the engine's quote of the plan, and no case alone does worse
        // than its own best plan.
        let sc = o.range.unwrap();
        for (k, case) in Case::ALL.iter().enumerate() {
            let alone = packwise::engine::quote_line(&c, &o.line.case(*case), 0, Lang::En).unwrap();
            prop_assert_eq!(sc.cases[k].total, alone.total);
            prop_assert_eq!(sc.cases[k].refused_calls, alone.refused_calls);
            if let (Some(r), 0) = (sc.cases[k].regret, alone.refused_calls) {
                prop_assert!(r >= Decimal::ZERO, "negative regret {} in {:?}", r, case);
            }
        }
    }

    /// A range's lower bound is a bound: with the search cut short (no choice at all, or a few),
    /// what it reports — the cases coupled by their shared purchases, their bounds, each case's
    /// optimum alone — never exceeds the expected cost of the best plan exhaustive enumeration
    /// finds, and a plan called proven is never beaten.
    #[test]
    fn a_range_bound_never_exceeds_an_enumerated_plan(
        likely in prop::collection::vec(0u64..20, 1..=3),
        spread in prop::collection::vec((0u64..10, 0u64..12), 3),
        sizes in prop::sample::subsequence(vec![(5u64, 45u32), (10, 80), (20, 150)], 1..=2),
        tiers in tiers(),
        validity in 1u32..=12,
        weights in prop::sample::select(vec![[25u64, 50, 25], [10, 20, 70], [0, 100, 0], [40, 55, 5]]),
        postpaid in any::<bool>(),
        limit in prop::sample::select(vec![0u64, 3, 30, 3_000_000]),
        held in held(),
    ) {
        let c = list(&sizes, validity, &tiers, "postpaid_volume");
        let (mut line, w) = range_line(&likely, &spread, postpaid, weights);
        hold(&mut line, held, validity);
        check_range_bound(&c, &line, w, weights, limit)?;
    }

    /// The optimizer's integer month costs are the engine's rating rule: on random tables (either
    /// mode and basis, contact-sales tiers, a negotiated price, a discount) every volume costs
    /// in units exactly what the quote's decimals say, scaled by the discount.
    #[test]
    fn integer_month_costs_match_the_engine(
        bounds in proptest::collection::btree_set(1u64..5_000, 0..5),
        prices in proptest::collection::vec((0u32..3_000, 0u32..4, any::<bool>()), 6),
        graduated in any::<bool>(),
        total_basis in any::<bool>(),
        negotiated in proptest::option::of((0u32..5_000, any::<bool>())),
        percent in proptest::option::of((0u32..10_000, 0usize..3)),
        u in 0u64..6_000,
        extra in 0u64..3_000,
    ) {
        let bounds: Vec<u64> = bounds.into_iter().collect();
        let tiers: Vec<String> = (0..=bounds.len())
            .map(|i| {
                let (mantissa, scale, sales) = prices[i];
                let price = if sales && i > 0 {
                    r#""contact_sales":true"#.to_string()
                } else {
                    format!(r#""price":"{}""#, Decimal::new(i64::from(mantissa), scale))
                };
                match bounds.get(i) {
                    Some(b) => format!(r#"{{"up_to":{b},{price}}}"#),
                    None => format!("{{{price}}}"),
                }
            })
            .collect();
        let mode = if graduated { "graduated" } else { "reached" };
        let basis = if total_basis { "total_volume" } else { "postpaid_volume" };
        let c = parse_price_list(&format!(
            r#"{{"format":1,"services":[{{"id":"s","name":"S","postpaid":{{"mode":"{mode}","basis":"{basis}","tiers":[{}]}}}}]}}"#,
            tiers.join(",")
        ))
        .unwrap();
        let postpaid = &c.services[0].postpaid;
        let negotiated = negotiated
            .map(|(n, all_calls)| packwise::engine::rating::Negotiated { price: Decimal::new(i64::from(n), 3), all_calls });
        let discount = percent.map(|(p, scope)| Discount {
            percent: Decimal::new(i64::from(p), 2),
            applies_to: [DiscountScope::All, DiscountScope::Postpaid, DiscountScope::Packs][scope],
        });
        let p = Problem::with_terms(vec![u + extra], &[], 0, 12, postpaid, true, negotiated, discount).expect("the amounts fit");
        let mine = p.month_cost(u, u + extra);
        let factor = Factors::of(discount.as_ref()).postpaid;
        match rating::charge(&rating::tariff(postpaid, negotiated), u, u + extra).unwrap() {
            Charge::Priced { amount, .. } => prop_assert_eq!(p.to_decimal(mine.money), (amount * factor).normalize()),
            Charge::Nothing => prop_assert_eq!(mine, packwise::engine::optimize::Cost::ZERO),
            _ => prop_assert_eq!((mine.sales, mine.money), (u, 0)),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    /// A range over more months, all within the packs' validity (the search month by month, its
    /// states merged, purchases put off until some case needs them): one size bought 0 to 3 times
    /// a month, every such plan enumerated.
    #[test]
    fn no_enumerated_plan_over_more_months_has_a_lower_expected_cost(
        likely in prop::collection::vec(0u64..20, 4..=6),
        spread in prop::collection::vec((0u64..10, 0u64..14), 6),
        size in prop::sample::select(vec![(5u64, 45u32), (10, 80), (20, 150)]),
        tiers in tiers(),
        weights in prop::sample::select(vec![[25u64, 50, 25], [10, 20, 70], [40, 55, 5]]),
        postpaid in any::<bool>(),
        graduated in any::<bool>(),
        held in held(),
    ) {
        let c = list_mode(&[size], 12, &tiers, "postpaid_volume", if graduated { "graduated" } else { "reached" });
        let (mut line, w) = range_line(&likely, &spread, postpaid, weights);
        hold(&mut line, held, 12);
        let o = optimize_line_weighted(&c, &line, 0, w, Lang::En).unwrap();
        prop_assert!(o.proven_optimal);
        let mine = expected_key(&c, &o.line, weights);
        let best = brute_force(&c, &line, 3, |l| expected_key(&c, l, weights));
        prop_assert!(mine <= best, "optimizer {:?} worse than brute force {:?} for {:?}; plan {:?}", mine, best, line, o.line.packs);
    }

    /// The optimizer's lower envelope is what it says: the least any volume of at least `u`, and
    /// at most the month's calls, costs (a contact-sales volume counting as forbidden), on random
    /// reached tables with cliffs.
    #[test]
    fn the_lower_envelope_is_the_least_cost_of_any_larger_volume(
        bounds in proptest::collection::btree_set(1u64..400, 1..5),
        prices in proptest::collection::vec((0u32..3_000, any::<bool>()), 6),
        negotiated in proptest::option::of(0u32..3_000),
    ) {
        let bounds: Vec<u64> = bounds.into_iter().collect();
        let tiers: Vec<String> = (0..=bounds.len())
            .map(|i| {
                let (mantissa, sales) = prices[i];
                let price = if sales { r#""contact_sales":true"#.to_string() } else { format!(r#""price":"{}""#, Decimal::new(i64::from(mantissa), 3)) };
                match bounds.get(i) {
                    Some(b) => format!(r#"{{"up_to":{b},{price}}}"#),
                    None => format!("{{{price}}}"),
                }
            })
            .collect();
        let c = parse_price_list(&format!(
            r#"{{"format":1,"services":[{{"id":"s","name":"S","postpaid":{{"tiers":[{}]}}}}]}}"#,
            tiers.join(",")
        ))
        .unwrap();
        let negotiated = negotiated.map(|n| Decimal::new(i64::from(n), 3).into());
        let p = Problem::with_terms(vec![0], &[], 0, 12, &c.services[0].postpaid, true, negotiated, None).expect("the amounts fit");
        let top = bounds.last().copied().unwrap_or(0) + 2;
        let money = |u: u64| {
            let m = p.month_cost(u, u);
            if m.sales > 0 { packwise::engine::optimize::FORBIDDEN } else { m.money }
        };
        for u in 1..=top {
            // Past the last bound the cost only grows, so `top` bounds the search.
            let least = (u..=top).map(money).min().unwrap();
            prop_assert_eq!(p.envelope(u, top), least, "at {}", u);
            // A month of fewer calls weighs no volume beyond them.
            let calls = u + (top - u) / 2;
            let least = (u..=calls).map(money).min().unwrap();
            prop_assert_eq!(p.envelope(u, calls), least, "at {} of {}", u, calls);
        }
    }

    /// The same for tables priced per block of calls, rounded up or prorated, with flat fees
    /// (format 2): a month reaches the tiers its calls are billed as (9 calls billed as 10 reach a
    /// tier starting at 10), so the envelope of a month of `calls` is the least cost of any volume
    /// from `u` up to them, and never falls as `u` grows to them.
    #[test]
    fn the_lower_envelope_sees_the_blocks_a_month_is_billed_as(
        bounds in proptest::collection::btree_set(1u64..120, 1..4),
        prices in proptest::collection::vec((1u32..3_000, 0u32..50), 4),
        unit in proptest::sample::select(vec![1u64, 2, 4, 5, 8, 10]),
        round_up in any::<bool>(),
    ) {
        let bounds: Vec<u64> = bounds.into_iter().collect();
        let tiers: Vec<String> = (0..=bounds.len())
            .map(|i| {
                let (mantissa, fee) = prices[i];
                let price = format!(r#""price":"{}","flat_fee":"{fee}""#, Decimal::new(i64::from(mantissa), 2));
                match bounds.get(i) {
                    Some(b) => format!(r#"{{"up_to":{b},{price}}}"#),
                    None => format!("{{{price}}}"),
                }
            })
            .collect();
        let partial = if round_up { r#","partial_unit":"round_up""# } else { "" };
        let c = parse_price_list(&format!(
            r#"{{"format":2,"currency":"USD","services":[{{"id":"s","name":"S","postpaid":{{"mode":"reached","unit":{unit}{partial},"tiers":[{}]}}}}]}}"#,
            tiers.join(",")
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        let p = Problem::with_terms(vec![0], &[], 0, 12, &c.services[0].postpaid, true, None, None).expect("the amounts fit");
        let money = |u: u64| p.month_cost(u, u).money;
        let top = bounds.last().copied().unwrap_or(0) + 2 * unit + 2;
        let mut months: Vec<u64> = bounds.iter().flat_map(|&b| [b.saturating_sub(unit), b.saturating_sub(1), b, b + 1]).collect();
        months.push(top);
        for calls in months.into_iter().filter(|&c| c > 0) {
            let mut least = i128::MAX;
            let mut above = i128::MAX;
            for u in (1..=calls).rev() {
                least = least.min(money(u));
                let envelope = p.envelope(u, calls);
                prop_assert_eq!(envelope, least, "at {} of {}", u, calls);
                prop_assert!(envelope <= above, "falls after {} of {}", u, calls);
                above = envelope;
            }
        }
    }

    /// A service priced on request rates at the negotiated price, as the quote does.
    #[test]
    fn an_on_request_service_rates_at_the_negotiated_price(price in 1u32..100_000, u in 1u64..1_000_000) {
        let postpaid = packwise::engine::catalog::Postpaid::Unpriced {
            reason: packwise::engine::catalog::Unpriced::OnRequest,
            source: None,
        };
        let negotiated = Some(Decimal::new(i64::from(price), 4).into());
        let p = Problem::with_terms(vec![u], &[], 0, 12, &postpaid, true, negotiated, None).expect("the amounts fit");
        let Charge::Priced { amount, .. } = rating::charge(&rating::tariff(&postpaid, negotiated), u, u).unwrap() else {
            return Err(TestCaseError::fail("the negotiated price prices it"));
        };
        prop_assert_eq!(p.to_decimal(p.month_cost(u, u).money), amount);
        let bare = Problem::with_terms(vec![u], &[], 0, 12, &postpaid, true, None, None).expect("the amounts fit");
        prop_assert_eq!(bare.month_cost(u, u).sales, u);
    }
}

/// A random format 2 service: its postpaid table (reached or graduated, prices per call or per
/// 10 calls, prorated or rounded up, flat fees), a free quota, a minimum, up to two commitments
/// with their own overage tables, and packs of up to two sizes.
#[derive(Debug, Clone)]
struct Sheet {
    graduated: bool,
    unit10: bool,
    round_up: bool,
    bound: u64,
    prices: (u32, u32),
    fees: (u32, u32),
    quota: Option<(u64, Option<u32>)>,
    minimum: Option<u32>,
    commitments: Vec<(u32, u64, Option<u32>)>,
    /// No sizes: the service sells no packs.
    sizes: Vec<(u64, u32)>,
    validity: u32,
    /// The second tier's price comes from sales.
    sales: bool,
    /// Tiers read from the month's total volume (not with blocks rounded up).
    total_basis: bool,
}

fn sheet() -> impl Strategy<Value = Sheet> {
    (
        (any::<bool>(), any::<bool>(), any::<bool>(), 20u64..80, (1u32..40, 1u32..40), (0u32..60, 0u32..60)),
        (proptest::option::of((5u64..40, proptest::option::of(1u32..3))), proptest::option::of(0u32..300)),
        proptest::collection::vec((0u32..400, 10u64..80, proptest::option::of(1u32..30)), 0..3),
        proptest::collection::btree_map(30u64..60, 100u32..2_000, 0..3),
        (1u32..4, proptest::bool::weighted(0.15), any::<bool>()),
    )
        .prop_map(
            |(
                (graduated, unit10, round_up, bound, prices, fees),
                (quota, minimum),
                commitments,
                sizes,
                (validity, sales, total_basis),
            )| {
                Sheet {
                    graduated,
                    unit10,
                    round_up,
                    bound,
                    prices,
                    fees,
                    quota,
                    minimum,
                    commitments,
                    sizes: sizes.into_iter().collect(),
                    validity,
                    sales,
                    total_basis: total_basis && !(unit10 && round_up),
                }
            },
        )
}

/// The buyer's side of a line: a free pack, postpaid off, a discount, a negotiated price.
#[derive(Clone, Debug)]
struct Buyer {
    free_calls: u64,
    /// Months the free calls last (calls held from packs bought before month 1); `None`: the
    /// validity. Held to the sheet's validity where used.
    free_months: Option<u32>,
    postpaid: bool,
    discount: Option<(u32, usize)>,
    negotiated: Option<u32>,
}

fn buyer() -> impl Strategy<Value = Buyer> {
    (
        proptest::option::of((10u64..80, proptest::option::of(1u32..=3))),
        proptest::bool::weighted(0.85),
        proptest::option::of((0u32..3_000, 0usize..3)),
        proptest::option::of(1u32..50),
    )
        .prop_map(|(free, postpaid, discount, negotiated)| Buyer {
            free_calls: free.map_or(0, |f| f.0),
            free_months: free.and_then(|f| f.1),
            postpaid,
            discount,
            negotiated,
        })
}

impl Buyer {
    fn line(&self, calls: Vec<u64>, validity: u32) -> Line {
        let mut line = Line::new("s", calls);
        line.free_calls = self.free_calls;
        line.free_months = self.free_months.map(|m| m.min(validity));
        line.postpaid = self.postpaid;
        line.discount = self.discount.map(|(p, scope)| Discount {
            percent: Decimal::new(i64::from(p), 2),
            applies_to: [DiscountScope::All, DiscountScope::Postpaid, DiscountScope::Packs][scope],
        });
        line.negotiated_price = self.negotiated.map(|n| Decimal::new(i64::from(n), 2));
        line
    }
}

impl Sheet {
    fn list(&self) -> Catalog {
        let cents = |c: u32| Decimal::new(i64::from(c), 2);
        let fee = |f: u32| if f == 0 { String::new() } else { format!(r#","flat_fee":"{}""#, cents(f)) };
        let unit = if self.unit10 {
            format!(r#""unit":10,"partial_unit":"{}","#, if self.round_up { "round_up" } else { "prorate" })
        } else {
            String::new()
        };
        let mode = if self.graduated { "graduated" } else { "reached" };
        let basis = if self.total_basis { "total_volume" } else { "postpaid_volume" };
        let second = if self.sales {
            r#""contact_sales":true"#.to_string()
        } else {
            format!(r#""price":"{}""#, cents(self.prices.1))
        };
        let postpaid = format!(
            r#"{{"mode":"{mode}","basis":"{basis}",{unit}"tiers":[{{"up_to":{},"price":"{}"{}}},{{{second}{}}}]}}"#,
            self.bound,
            cents(self.prices.0),
            fee(self.fees.0),
            fee(self.fees.1)
        );
        let mut extra = String::new();
        if let Some((calls, months)) = self.quota {
            let months = months.map_or(String::new(), |m| format!(r#","months":{m}"#));
            extra += &format!(r#","free_quota":{{"calls":{calls}{months}}}"#);
        }
        if let Some(m) = self.minimum {
            extra += &format!(r#","minimum":{{"monthly":"{}"}}"#, cents(m));
        }
        if !self.commitments.is_empty() {
            let items: Vec<String> = self
                .commitments
                .iter()
                .enumerate()
                .map(|(i, (fee, calls, over))| {
                    let over = over
                        .map_or(String::new(), |o| format!(r#","overage":{{"tiers":[{{"price":"{}"}}]}}"#, cents(o)));
                    format!(r#"{{"id":"c{i}","name":"C{i}","monthly_fee":"{}","calls":{calls}{over}}}"#, cents(*fee))
                })
                .collect();
            extra += &format!(r#","commitments":[{}]"#, items.join(","));
        }
        let sizes: Vec<String> =
            self.sizes.iter().map(|(c, p)| format!(r#"{{"calls":{c},"price":"{}"}}"#, cents(*p))).collect();
        let (products, packs) = if sizes.is_empty() {
            (String::new(), String::new())
        } else {
            (
                format!(
                    r#""pack_products":[{{"id":"p","name":"P","validity_months":{},"sizes":[{}]}}],"#,
                    self.validity,
                    sizes.join(",")
                ),
                r#""packs":"p","#.to_string(),
            )
        };
        parse_price_list(&format!(
            r#"{{"format":2,"currency":"USD",{products}
               "services":[{{"id":"s","name":"S",{packs}"postpaid":{postpaid}{extra}}}]}}"#
        ))
        .unwrap_or_else(|e| panic!("{e}"))
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    /// Format 2's models — blocks of calls, flat fees, a free quota, a minimum, commitments
    /// chosen month by month — planned exactly: no plan of packs and commitments enumerated
    /// (priced by the engine's own settlement) beats the optimizer's, and a plan it proves has
    /// its own cost as its bound.
    #[test]
    fn no_enumerated_plan_of_packs_and_commitments_beats_the_optimum(
        sheet in sheet(),
        buyer in buyer(),
        calls in proptest::collection::vec(0u64..90, 1..4),
    ) {
        // Up to 3 packs of a size a month cover any month (a pack holds at least 30 calls), so the
        // enumeration sees every plan worth having.
        let c = sheet.list();
        let line = buyer.line(calls, sheet.validity);
        check_enumerated(&c, &line, |l| engine_key(&c, l), &(&sheet, &buyer))?;
    }

    /// The same for a range of volumes: one plan of packs and commitments for the three cases,
    /// none of the enumerated ones with a lower expected cost.
    #[test]
    fn no_enumerated_plan_of_packs_and_commitments_has_a_lower_expected_cost(
        sheet in sheet(),
        buyer in buyer(),
        calls in proptest::collection::vec(0u64..60, 1..3),
        spread in (0u64..60, 0u64..60),
    ) {
        let c = sheet.list();
        let mut line = buyer.line(calls, sheet.validity);
        spread_range(&mut line, spread);
        check_enumerated(&c, &line, |l| expected_key(&c, l, [25, 50, 25]), &(&sheet, &buyer))?;
    }
}

fn liveness(calls: Vec<u64>) -> Line {
    Line::new("活体人脸核身", calls)
}

#[test]
fn a_year_of_25000_liveness_calls_costs_215000_with_20wan_plus_10wan() {
    // The documents' example buys 3 × 10万 (225,000); 20万 + 10万 covers the same 300,000 calls
    // for 140,000 + 75,000 = 215,000.
    let mut line = liveness(vec![25_000; 12]);
    line.packs = vec![PackPurchase { size: 100_000, count: 3, month: 1 }];
    let o = optimize_line(builtin(), &line, 0, Lang::Zh).unwrap();
    assert_eq!(o.quote.total.unwrap().to_string(), "215000.00");
    // Two plans tie at 215,000: 20万 + 10万, or 20万 and four months postpaid (4 × 25,000 × 0.75).
    assert!(o.line.packs.iter().any(|p| p.size == 200_000), "{:?}", o.line.packs);
    assert!(o.proven_optimal);
    assert_eq!(o.yours.total.unwrap().to_string(), "225000.00");
    assert_eq!(o.saving_vs_yours.unwrap().to_string(), "10000.00");
    // Postpaid only: 12 × 25,000 × 0.75 = 225,000.
    assert_eq!(o.postpaid_only.total.unwrap().to_string(), "225000.00");
    assert_eq!(o.lower_bound.unwrap().to_string(), "215000.00");
    // With postpaid off the same plan covers every call.
    line.postpaid = false;
    let o = optimize_line(builtin(), &line, 0, Lang::Zh).unwrap();
    assert_eq!((o.quote.total.unwrap().to_string(), o.quote.refused_calls), ("215000.00".to_string(), 0));
}

#[test]
fn the_worked_examples_need_no_better_plan_or_find_one() {
    // 15,000 calls in one month: one 1万 pack + 5,000 postpaid (12,250) vs 2 × 1万 (16,000) vs
    // postpaid only (15,000 × 0.75 = 11,250): postpaid only is cheapest.
    let mut line = liveness(vec![15_000]);
    line.packs = vec![PackPurchase { size: 10_000, count: 1, month: 1 }];
    let o = optimize_line(builtin(), &line, 0, Lang::En).unwrap();
    assert_eq!(o.quote.total.unwrap().to_string(), "11250.00");
    assert!(o.line.packs.is_empty());
    assert_eq!(o.saving_vs_yours.unwrap().to_string(), "1000.00");
    // 999 calls: a 1,000-call pack (930) beats 999 postpaid calls (999).
    let o = optimize_line(builtin(), &liveness(vec![999]), 0, Lang::En).unwrap();
    assert_eq!(o.quote.total.unwrap().to_string(), "930.00");
}

#[test]
fn contact_sales_is_avoided_when_packs_can_cover_it() {
    // 250,000 calls in a month reach 20万及以上 (contact sales) postpaid; packs cover them.
    let o = optimize_line(builtin(), &liveness(vec![250_000]), 0, Lang::En).unwrap();
    assert!(o.quote.total.is_some() && !o.quote.contact_sales);
    assert!(o.postpaid_only.total.is_none());
    // Without packs there is no way round it: the plan says so.
    let o = optimize_line(builtin(), &Line::new("照片人脸核身", vec![250_000]), 0, Lang::En).unwrap();
    assert!(o.quote.contact_sales && o.line.packs.is_empty());
}

#[test]
fn long_horizons_rebuy_as_packs_expire() {
    // 36 months of 25,000 calls.
    let o = optimize_line(builtin(), &liveness(vec![25_000; 36]), 0, Lang::En).unwrap();
    // Not three yearly 20万 + 10万 (645,000): 10万 + 20万 for the first year, then a 20万 pack
    // every 8 months (8 × 25,000 = 200,000): 75,000 + 4 × 140,000 = 635,000.
    assert_eq!(o.quote.total.unwrap().to_string(), "635000.00");
    assert!(o.proven_optimal);
    assert_eq!(o.quote.expired_calls, 0);
    assert_eq!(o.method, "cohort_dp");
}

#[test]
fn bad_plan_requests_get_clear_errors_quickly() {
    let err = |line: Line| optimize_line(builtin(), &line, 0, Lang::En).unwrap_err();
    assert_eq!(err(liveness(vec![])).to_string(), "lines[0].calls: give the calls of at least one month, like [15000]");
    assert_eq!(err(liveness(vec![1; 10_000])).to_string(), "lines[0].calls: 10000 months; the most is 120 (ten years)");
    let started = std::time::Instant::now();
    let e = err(liveness(vec![1_000_000_000_000; 12]));
    assert!(
        matches!(e, EstimateError::TooLarge { .. }) && e.to_string().contains("too large to optimize exactly"),
        "{e}"
    );
    assert_eq!((e.code(), e.path().to_string().as_str()), ("too_large", "lines[0].calls"));
    assert!(started.elapsed().as_secs() < 2, "refused without trying");
    // A free pack of 10^12 calls and 36 months of big volumes: refused or solved, never a
    // giant allocation.
    let mut huge_free = liveness(vec![25_000; 12]);
    huge_free.free_calls = 1_000_000_000_000;
    let o = optimize_line(builtin(), &huge_free, 0, Lang::En).unwrap();
    assert_eq!(o.quote.total.unwrap().to_string(), "0.00");
    let e = err(liveness(vec![900_000_000; 36]));
    assert!(e.to_string().contains("too large to optimize exactly"), "{e}");
    assert!(
        packwise::engine::Estimate::from_json(
            r#"{"lines":[{"service":"x","calls":[1],"packs":[{"size":1000,"month":-1}]}]}"#
        )
        .unwrap_err()
        .to_string()
        .starts_with("lines[0].packs[0].month: must be a whole number ≥ 0, not -1")
    );
}

#[test]
fn the_search_and_the_pooled_solver_agree_where_both_apply() {
    // Within the validity the branch and bound must find the pooled optimum too.
    let line = liveness(vec![9_000, 12_000, 900, 30_000, 1_001]);
    let c = builtin();
    let o = optimize_line(c, &line, 0, Lang::En).unwrap();
    let service = c.service("活体人脸核身").unwrap();
    let prices: Vec<(u64, Decimal)> = c.packs_of(service).unwrap().offered().map(|(s, p)| (s.calls, p)).collect();
    let p = Problem::new(line.calls.clone(), &prices, 0, 12, &service.postpaid, true).expect("the amounts fit");
    let start = PackPlan::packs(vec![], evaluate(&p, &[]));
    assert_eq!(start.cost.money, 4_090_085, "postpaid only (fen): 7,650 + 9,000 + 900 + 22,500 + 850.85");
    let s = branch_and_bound(&p, start, 5_000_000);
    assert!(s.proven);
    assert_eq!(p.to_decimal(s.plan.cost.money), o.quote.total.unwrap().normalize());
}

#[test]
fn a_month_billed_in_blocks_reaches_the_tier_its_calls_round_up_to() {
    // Per 1,000 calls, rounded up: 8,500 postpaid calls are billed as 9,000 (7,650), 9,500 as
    // 10,000 (the next tier: 7,500). Month 1 is covered by 1,000 calls held from before; a pack
    // bought then anyway (3,000 calls, 2,600, valid 2 months) serves month 2 and lets its last
    // 1,000 calls expire, so month 3 goes postpaid at 9,500: 2,600 + 7,500 = 10,100. Buying only
    // when the calls run out costs more (a pack in month 2 carries 1,000 into month 3, leaving
    // 8,500: 10,250; packs in months 2 and 3: 10,300). The bound must let the carried month
    // reach the tier its calls are billed as, or it would prove 10,250.
    let json = r#"{"format":2,"currency":"USD",
        "pack_products":[{"id":"p","name":"P","validity_months":2,"sizes":[{"calls":3000,"price":"2600"}]}],
        "services":[{"id":"s","name":"S","packs":"p","postpaid":{"mode":"reached","unit":1000,
            "partial_unit":"round_up","tiers":[{"up_to":5000,"price":"3000"},{"up_to":10000,"price":"850"},
            {"price":"750"}]}}]}"#;
    let c = parse_price_list(json).unwrap();
    let mut line = Line::new("s", vec![1_000, 2_000, 9_500]);
    line.free_calls = 1_000;
    let o = optimize_line(&c, &line, 0, Lang::En).unwrap();
    assert_eq!(o.quote.total, Some(Decimal::new(10_100, 0)));
    assert!(o.proven_optimal);
    assert_eq!(o.line.packs.iter().map(|p| (p.month, p.size, p.count)).collect::<Vec<_>>(), [(1, 3_000, 1)]);
}

#[test]
fn a_huge_pack_beside_a_cliff_is_answered_at_once_without_huge_tables() {
    // A 10¹² pack and a tier cliff the plan cannot use (a pack leaves 1 of the month's 11 calls
    // at 0.09; 2 calls would cost 0.02): the gap's search would need tables sized by the huge
    // pack, so it is skipped and the gap stated, rather than taking gigabytes (a tab would die).
    let json = r#"{"format":1,
        "pack_products":[{"id":"p","name":"P","validity_months":1,"sizes":[{"calls":10,"price":"0.05"},{"calls":1000000000000,"price":"1000000"}]}],
        "services":[{"id":"s","name":"S","packs":"p","postpaid":{"mode":"reached","tiers":[
            {"up_to":2,"price":"0.09"},{"price":"0.01"}]}}]}"#;
    let c = parse_price_list(json).unwrap();
    let o = optimize_line(&c, &Line::new("s", vec![0, 11, 0]), 0, Lang::En).unwrap();
    assert_eq!(o.quote.total, Some(Decimal::new(10, 2)), "two packs at 0.05 (none: 0.11; one: 0.14)");
    assert!(!o.proven_optimal);
    assert_eq!(o.lower_bound, Some(Decimal::new(7, 2)), "the envelope's bound: a pack and 2 calls at 0.01");
    assert!(o.explanation.contains("at most CNY 0.03 above"), "the gap is stated: {}", o.explanation);
    // A cheap huge pack past the grid: bought as one pack, not reconstructed through a table of
    // 10¹¹ entries.
    let json = json.replace(r#""price":"1000000""#, r#""price":"0.1""#);
    let c = parse_price_list(&json).unwrap();
    let o = optimize_line(&c, &Line::new("s", vec![30, 40, 50]), 0, Lang::En).unwrap();
    assert!(o.proven_optimal, "{:?} {:?} {:?} {}", o.line.packs, o.quote.total, o.lower_bound, o.explanation);
    assert_eq!(
        o.line.packs.iter().map(|p| p.size).collect::<Vec<_>>(),
        vec![1_000_000_000_000; 3],
        "{:?}",
        o.line.packs
    );
}

#[test]
fn a_contact_sales_tier_below_priced_ones_keeps_the_bound_a_bound() {
    // Up to 6 postpaid calls need sales, 7 to 27 cost 0.56 each. Paying for 7 calls is the least
    // any small postpaid volume can cost, so the bound's month cost must be 3.92 there, not
    // "forbidden": otherwise the bound rises above a plan that buys packs early and lets them
    // expire, and a worse plan is called proven. Found by an independent review's random search.
    let list = r#"{"format":1,"pack_products":[{"id":"p","name":"P","validity_months":2,"sizes":[{"calls":4,"price":"2.47"}]}],
        "services":[{"id":"s","name":"S","packs":"p","postpaid":{"basis":"postpaid_volume","mode":"reached","tiers":[
        {"up_to":7,"contact_sales":true},{"up_to":28,"price":"0.56"},{"price":"1.37"}]}}]}"#;
    let c = parse_price_list(list).unwrap();
    let mut line = Line::new("s", vec![12, 0, 6, 7]);
    line.free_calls = 10;
    let o = optimize_line(&c, &line, 0, Lang::En).unwrap();
    let best = brute_force(&c, &line, 5, |l| engine_key(&c, l));
    assert_eq!(engine_key(&c, &o.line), best);
    assert_eq!(o.quote.total, Some(Decimal::new(11_33, 2)), "1 pack in month 1, 2 in month 2");
    assert!(o.proven_optimal);
}

#[test]
fn a_range_with_extreme_prices_and_weights_is_answered_without_overflow() {
    // A 1,000-call pack and every call postpaid at the most a list allows, a cheap large pack, months of
    // millions of calls, a low case of none and a weight of 1 %: the coupling's multipliers move pack prices
    // by steps the size of the gap, and must neither overflow nor push a price below nothing.
    let json = r#"{"format":1,
        "pack_products":[{"id":"p","name":"P","validity_months":12,"sizes":[{"calls":1000,"price":"1000000000000"},{"calls":1000000,"price":"0.01"}]}],
        "services":[{"id":"s","name":"S","packs":"p","postpaid":{"tiers":[{"price":"1000000000000"}]}}]}"#;
    let c = parse_price_list(json).unwrap();
    let mut line = Line::new("s", vec![2_000_001, 1, 1_999_999]);
    line.calls_low = Some(vec![0, 0, 0]);
    line.calls_high = Some(vec![4_000_001, 3, 3_999_999]);
    let w = Weights { low: Decimal::new(1, 2), likely: Decimal::new(1, 2), high: Decimal::new(98, 2) };
    let s = solve_ranged(&c, &line, 0, w, 3_000_000).unwrap();
    let bound = coupled_bound(&c, &line, 0, w, 40).unwrap();
    let mut planned = line.clone();
    planned.packs = s.packs.clone();
    let mine = expected_key(&c, &planned, [1, 1, 98]);
    assert!(bound.is_some() && s.lower_bound.is_some(), "both bounds in money: {bound:?} {:?}", s.lower_bound);
    for lower in [s.lower_bound, bound].into_iter().flatten() {
        assert!(lower <= mine.2, "bound {lower} above the plan's expected cost {:?}", mine);
    }
}

#[test]
fn a_range_past_three_times_the_validity_is_searched_within_the_limit_it_is_given() {
    // One 10-call pack lasting 1 month, reached tiers, 5 months: past three validities. Given a
    // limit, the search must use it there too (a factor for long ranges, since taken back, once
    // rounded it to 0: no search at all, not proven).
    let c = list(&[(10, 39)], 1, &[(Some(13), Some(28)), (Some(32), Some(9)), (None, Some(2))], "postpaid_volume");
    let mut line = Line::new("s", vec![10, 23, 1, 22, 13]);
    line.calls_low = Some(vec![4, 7, 0, 11, 8]);
    line.calls_high = Some(vec![20, 53, 4, 27, 24]);
    let s = solve_ranged(&c, &line, 0, Weights::default(), 10_000_000).unwrap();
    let mut planned = line.clone();
    planned.packs = s.packs.clone();
    let best = brute_force(&c, &line, 3, |l| expected_key(&c, l, [25, 50, 25]));
    assert_eq!(expected_key(&c, &planned, [25, 50, 25]), best, "the optimizer's plan {:?}", s.packs);
    assert!(s.proven, "bound {:?} for the enumerated optimum {best:?}", s.lower_bound);
}

#[test]
fn a_range_past_twice_the_validity_is_bounded_below_a_plan_known_by_hand() {
    // One 10-call pack at 0.39 lasting 3 months, reached tiers (≤ 13 at 0.28, ≤ 32 at 0.09, then
    // 0.02), 7 months. Buying 1 pack in month 1, 2 in month 2, 2 in month 4 and 3 in month 5
    // costs 4.2250 in expectation, and no plan of up to 3 packs a month less (enumerated). A coupling that gave each month its own
    // multiplier (a pack dearer in one month than the next) broke the cohort program's premise,
    // that a purchase put off to a month that needs it costs no more: its bound came to 4.44,
    // and a plan of 4.2625 was called proven.
    let c = list(&[(10, 39)], 3, &[(Some(13), Some(28)), (Some(32), Some(9)), (None, Some(2))], "postpaid_volume");
    let mut line = Line::new("s", vec![0, 10, 1, 23, 22, 13, 11]);
    line.calls_low = Some(vec![0, 4, 0, 7, 11, 8, 5]);
    line.calls_high = Some(vec![5, 20, 4, 53, 27, 24, 21]);
    let w = Weights::default();
    let mut known = line.clone();
    known.packs = [(1, 1), (2, 2), (4, 2), (5, 3)]
        .iter()
        .map(|&(month, count)| PackPurchase { size: 10, count, month })
        .collect();
    let known = expected_key(&c, &known, [25, 50, 25]);
    assert_eq!(known, (0, 0, Decimal::new(4_2250, 4)), "the plan known by hand");
    assert_eq!(brute_force(&c, &line, 3, |l| expected_key(&c, l, [25, 50, 25])), known, "the enumerated optimum");
    let s = solve_ranged(&c, &line, 0, w, 3_000_000).unwrap();
    let mut planned = line.clone();
    planned.packs = s.packs.clone();
    assert!(expected_key(&c, &planned, [25, 50, 25]) <= known, "the optimizer's plan {:?}", s.packs);
    let bound = coupled_bound(&c, &line, 0, w, 40).unwrap();
    for lower in [s.lower_bound, bound].into_iter().flatten() {
        assert!(lower <= known.2, "bound {lower} above the plan known by hand");
    }
}

#[test]
fn a_range_plan_buys_later_and_less_than_any_cases_own_plan_where_that_is_cheaper() {
    // A seeded range of `cargo bench --bench ranges` (12 months of 活体人脸核身, weights
    // 0.40/0.55/0.05). Its optimum, 57,162.38 in expectation, was found by an independent exact
    // model (a mixed-integer programme of the documents' rules: packs drawn first in, first out,
    // reached tiers on the postpaid volume, solved to optimality by HiGHS): 2 × 1万 in month 5 and
    // 1 × 1万 in month 10: low 37,132.50, likely 67,515.20, high 103,520.35, so 0.40 × 37,132.50
    // + 0.55 × 67,515.20 + 0.05 × 103,520.35 = 57,162.3775. By hand, the low case: months 1–4
    // postpaid at 0.85 (2,978 + 6,877 + 2,140 + 1,980 = 13,975 calls: 11,878.75), 3 × 8,000 of
    // packs, and month 12 short by 1,475 calls (31,475 from month 5 on, 30,000 in packs): 1,253.75;
    // 37,132.50. Before the local moves the optimizer answered 57,764.17 (4 × 1千 + 4 × 1万 in
    // month 1).
    let mut line = liveness(vec![5415, 12505, 4197, 3883, 5573, 6413, 4675, 6091, 11819, 5793, 8099, 9593]);
    line.calls_low = Some(vec![2978, 6877, 2140, 1980, 2842, 3527, 2618, 3289, 6500, 2954, 4373, 5372]);
    line.calls_high = Some(vec![8393, 19882, 6631, 6096, 8526, 9811, 7012, 9562, 18083, 8921, 12958, 15348]);
    let w = Weights { low: Decimal::new(40, 2), likely: Decimal::new(55, 2), high: Decimal::new(5, 2) };
    let o = optimize_line_weighted(builtin(), &line, 0, w, Lang::En).unwrap();
    let expected = o.range.as_ref().and_then(|r| r.expected).unwrap();
    assert_eq!(expected.to_string(), "57162.38", "{:?}", o.line.packs);
    assert!(o.lower_bound.unwrap() <= expected);
    // The exact model's plan, priced by the engine, costs the same.
    let mut mip = line.clone();
    mip.packs =
        vec![PackPurchase { size: 10_000, count: 2, month: 5 }, PackPurchase { size: 10_000, count: 1, month: 10 }];
    let w = [40, 55, 5];
    assert_eq!(expected_key(builtin(), &mip, w).2.round_dp(2), expected);
    let low = packwise::engine::quote::quote_line(builtin(), &mip.case(Case::Low), 0, Lang::En).unwrap();
    assert_eq!(low.total.unwrap().to_string(), "37132.50");
}

#[test]
fn a_two_year_range_is_proven_optimal() {
    // A seeded range of `cargo bench --bench ranges` (24 months of 活体人脸核身 up to 4,777 a
    // month, weights 0.10/0.30/0.60), past the packs' validity. Its optimum, 52,978.40 in
    // expectation (1 × 1万 in months 1, 2, 8 and 15), was proven by the independent exact model
    // (`scripts/ranges-mip.py`, HiGHS). With 40 subgradient steps of coupling the stated bound was 52,781.07
    // (0.37 % under), with 120 it was 0.03 % under; with each case's cohort program as the
    // search's bound past the validity, the search finishes and proves it.
    let mut line = liveness(vec![
        4723, 1225, 1383, 3659, 1451, 1367, 1607, 3653, 517, 1921, 1893, 2175, 2837, 1885, 1033, 1873, 1685, 833, 4501,
        3657, 1127, 2339, 1443, 4105,
    ]);
    line.calls_low = Some(vec![
        3636, 918, 1009, 2744, 1088, 1052, 1205, 2849, 382, 1459, 1400, 1631, 2071, 1376, 774, 1386, 1230, 633, 3285,
        2669, 833, 1824, 1111, 2996,
    ]);
    line.calls_high = Some(vec![
        6659, 1727, 1922, 5086, 2118, 1995, 2185, 5260, 708, 2804, 2763, 3153, 3915, 2601, 1487, 2659, 2342, 1166,
        6121, 5156, 1600, 3321, 1962, 5952,
    ]);
    let w = Weights { low: Decimal::new(10, 2), likely: Decimal::new(30, 2), high: Decimal::new(60, 2) };
    let o = optimize_line_weighted(builtin(), &line, 0, w, Lang::En).unwrap();
    let expected = o.range.as_ref().and_then(|r| r.expected).unwrap();
    assert_eq!(expected.to_string(), "52978.40", "{:?}", o.line.packs);
    assert!(o.proven_optimal, "bound {:?}", o.lower_bound);
    assert_eq!(o.lower_bound, Some(expected));
}

#[test]
fn a_range_plan_can_wait_for_its_pack_with_a_bridge() {
    // A seeded range of `cargo bench --bench ranges` (24 months of 活体人脸核身 up to 90,777 a
    // month, weights 0.40/0.55/0.05). The independent exact model (`scripts/ranges-mip.py`,
    // HiGHS) proved its optimum: 1 × 20万 in months 3 and 7, 2 × 1千 in month 15 and 1 × 20万 in
    // month 16, 763,139.10 in expectation. The local moves alone stopped at the third 20万 in
    // month 14 (763,278.32): putting it off two months costs more without the 2,000 calls that
    // bridge the wait, and those cost more without the wait.
    let mut line = liveness(vec![
        67559, 63865, 88117, 21765, 63659, 85793, 41439, 25773, 10275, 36525, 79681, 57825, 17049, 82797, 89995, 37877,
        27951, 18055, 54015, 50551, 40725, 55045, 54435, 13207,
    ]);
    line.calls_low = Some(vec![
        38508, 38319, 51107, 12623, 36285, 53191, 23620, 15463, 5856, 21915, 49402, 35851, 10229, 50506, 53097, 23483,
        16491, 10652, 32949, 28814, 23620, 33577, 33749, 7792,
    ]);
    line.calls_high = Some(vec![
        150656, 138587, 198263, 46794, 140049, 188744, 89922, 57989, 23118, 79259, 178485, 127793, 38189, 179669,
        201588, 82571, 60094, 40082, 119913, 110706, 88780, 121649, 120301, 29319,
    ]);
    let w = Weights { low: Decimal::new(40, 2), likely: Decimal::new(55, 2), high: Decimal::new(5, 2) };
    let o = optimize_line_weighted(builtin(), &line, 0, w, Lang::En).unwrap();
    let expected = o.range.as_ref().and_then(|r| r.expected).unwrap();
    assert_eq!(expected.to_string(), "763139.10", "{:?}", o.line.packs);
    let packs: Vec<(u32, u64, u64)> = o.line.packs.iter().map(|p| (p.month, p.size, p.count)).collect();
    assert_eq!(packs, vec![(3, 200_000, 1), (7, 200_000, 1), (15, 1_000, 2), (16, 200_000, 1)]);
    // Proven: the search under the envelope keeps every state it reaches (a month's few over
    // its share under the beam too) and finishes, and its optimum is this plan's cost. The
    // visitor is told so in both languages.
    assert!(o.proven_optimal, "bound {:?}", o.lower_bound);
    assert_eq!(o.lower_bound, Some(expected));
    assert!(o.explanation.contains("Every purchase choice in every month was compared"), "{}", o.explanation);
    let zh = optimize_line_weighted(builtin(), &line, 0, w, Lang::Zh).unwrap();
    assert!(zh.explanation.contains("已比较每个月的所有购买选择"), "{}", zh.explanation);
}

/// A plan whose packs wait says why not month 1. 活体人脸核身 growing from 40,000 to 59,968 calls a
/// month (592,474 in 12 months): one 50万 pack (340,000) and 92,474 calls postpaid, every
/// postpaid month within 10,000–100,000 (× 0.75 = 69,355.50): 409,355.50, whether the pack is
/// bought in month 1 (months 11–12 postpaid: 32,506 + 59,968) or month 3 (months 1, 2 and
/// 10,974 of month 12), so it waits and is paid later. 300,000 calls in each of months 3–4:
/// in month 1 the 50万 pack costs the same too; where it would lapse first, what that costs. A
/// plan buying in month 1 says nothing of it.
#[test]
fn a_plan_whose_packs_wait_says_why_not_month_one() {
    let growing = [40_000, 41_500, 43_056, 44_670, 46_345, 48_083, 49_886, 51_757, 53_698, 55_711, 57_800, 59_968];
    let line = Line::new("活体人脸核身", growing.to_vec());
    let o = optimize_line(builtin(), &line, 0, Lang::Zh).unwrap();
    assert_eq!(o.quote.total.unwrap().to_string(), "409355.50");
    assert_eq!(o.line.packs.iter().map(|p| p.size).collect::<Vec<_>>(), [500_000]);
    assert_eq!(o.line.packs[0].month, 3, "put off while it costs no more");
    assert!(
        o.explanation.ends_with("第 3 月才买：按这些用量，同样的资源包在第 1 月买费用相同，晚买即晚付款；若用量可能更高，请填写低 / 高估计，让方案按三种情况选择购买月份。"),
        "{}",
        o.explanation
    );
    let line = Line::new("活体人脸核身", vec![0, 0, 300_000, 300_000]);
    let o = optimize_line(builtin(), &line, 0, Lang::En).unwrap();
    assert_eq!((o.quote.total.unwrap().to_string(), o.line.packs[0].month), ("408000.00".to_string(), 3));
    assert!(
        o.explanation.ends_with(
            "The packs wait until month 3: at these volumes, bought in month 1 they cost the same, so they are bought, and paid for, later; if calls may come in higher, give a low and high estimate so the plan picks the month for all three cases."
        ),
        "{}",
        o.explanation
    );
    // 60,000 calls a month in months 12–23: a 20万 pack (140,000) in month 12 and a 50万
    // (340,000) in month 15, 20,000 calls postpaid (15,000): 495,000. The 20万 bought in month 1
    // would lapse after month 12 with 140,000 calls left: months 13–14 postpaid (120,000) and
    // 40,000 after the 50万, 160,000 × 0.75 = 120,000 + 480,000 = 600,000, 105,000 more.
    let mut calls = vec![0; 11];
    calls.extend([60_000; 12]);
    let o = optimize_line(builtin(), &Line::new("活体人脸核身", calls), 0, Lang::En).unwrap();
    assert_eq!(o.quote.total.unwrap().to_string(), "495000.00");
    assert!(
        o.explanation
            .ends_with("The packs wait until month 12: bought in month 1 they would cost CNY 105,000.00 more."),
        "{}",
        o.explanation
    );
    // Worked example two's 1万 pack is bought in month 1: nothing to say.
    let line = Line::new("活体人脸核身", vec![15_000]);
    let o = optimize_line(builtin(), &line, 0, Lang::En).unwrap();
    assert!(!o.explanation.contains("wait"), "{}", o.explanation);
}

/// What deciding up front wastes in each case is said: 12 months of 8,000 / 30,000 / 40,000
/// calls of 活体人脸核身 at 0.25/0.5/0.25. One 10万 pack (75,000) in month 1 is the plan: the
/// likely case pays 75,000 + 260,000 × 0.75 = 270,000 (postpaid only is 270,000 too), the high
/// 75,000 + 380,000 × 0.75 = 360,000, and the low case's 96,000 calls leave 4,000 of the pack
/// to expire at the end of month 12 for 75,000 (postpaid, 8,000 a month is in the 0.85 tier:
/// 96,000 × 0.85 = 81,600). Expected: 18,750 + 135,000 + 90,000 = 243,750 against postpaid
/// only's 20,400 + 135,000 + 90,000 = 245,400.
#[test]
fn each_case_says_the_pack_calls_it_leaves_to_expire() {
    let mut line = Line::new("活体人脸核身", vec![30_000; 12]);
    line.calls_low = Some(vec![8_000; 12]);
    line.calls_high = Some(vec![40_000; 12]);
    let o = optimize_line(builtin(), &line, 0, Lang::En).unwrap();
    assert_eq!(o.line.packs, [PackPurchase { size: 100_000, count: 1, month: 1 }]);
    let cases = &o.range.as_ref().unwrap().cases;
    let said: Vec<(String, u64, u64)> =
        cases.iter().map(|c| (c.total.unwrap().to_string(), c.expired_calls, c.unused_calls)).collect();
    assert_eq!(
        said,
        [("75000.00".to_string(), 4_000, 0), ("270000.00".to_string(), 0, 0), ("360000.00".to_string(), 0, 0)]
    );
}

/// The integer problem of `line`, of service "s" of `c` at its packs' validity.
fn problem(c: &Catalog, line: &Line) -> Problem {
    let service = c.service("s").unwrap();
    let packs = c.packs_of(service).unwrap();
    let prices: Vec<(u64, Decimal)> = packs.offered().map(|(s, p)| (s.calls, p)).collect();
    Problem::new(line.calls.clone(), &prices, line.free_calls, packs.validity_months, &service.postpaid, line.postpaid)
        .expect("the amounts fit")
        .with_free_months(line.free_months)
}

/// `line` with the purchases `buys` of problem `p` (month, size index, count) as its packs.
fn planned(line: &Line, p: &Problem, buys: &[(u32, usize, u64)]) -> Line {
    let mut planned = line.clone();
    planned.packs =
        buys.iter().map(|&(month, k, count)| PackPurchase { size: p.sizes[k].calls, count, month }).collect();
    planned
}

/// A cost of problem `p` ranked as [`engine_key`] ranks a plan.
fn cost_key(p: &Problem, cost: packwise::engine::optimize::Cost) -> (u64, u64, Decimal) {
    (cost.refused, cost.sales, p.to_decimal(cost.money))
}

/// `line` as a range: each month's low `spread.0` % under its calls and its high `spread.1` %
/// over them.
fn spread_range(line: &mut Line, spread: (u64, u64)) {
    line.calls_low = Some(line.calls.iter().map(|x| x * (100 - spread.0) / 100).collect());
    line.calls_high = Some(line.calls.iter().map(|x| x + x * spread.1 / 100).collect());
}

/// The optimizer's plan for `line`, against every enumerated plan ranked by `key` (up to 3 packs
/// of a size a month): none ranks better, and a plan called proven ranks as the best (`case`
/// names the instance in a failure).
fn check_enumerated<K: Ord + Copy + std::fmt::Debug>(
    c: &Catalog,
    line: &Line,
    key: impl Fn(&Line) -> K,
    case: &dyn std::fmt::Debug,
) -> Result<(), TestCaseError> {
    let o = optimize_line(c, line, 0, Lang::En).unwrap();
    let found = key(&o.line);
    let best = brute_force(c, line, 3, &key);
    prop_assert!(found <= best, "optimizer {:?} > enumeration {:?} for {:?}", found, best, case);
    if o.proven_optimal {
        prop_assert_eq!(found, best, "{:?}", case);
    }
    Ok(())
}

/// A range's lower bound is a bound: with the search cut short after `limit` choices, what it
/// reports never exceeds the expected cost of the best enumerated plan, nor does the coupled
/// bound alone, and a plan called proven is never beaten.
fn check_range_bound(c: &Catalog, line: &Line, w: Weights, weights: [u64; 3], limit: u64) -> Result<(), TestCaseError> {
    let s = solve_ranged(c, line, 0, w, limit).unwrap();
    let best = brute_force(c, line, 2, |l| expected_key(c, l, weights));
    // (Enumeration buys at most 2 packs of a size a month: the optimizer may refuse fewer
    // calls with more, so only a money-only optimum is compared with a money bound.)
    if let (Some(lower), (0, 0, money)) = (s.lower_bound, best) {
        prop_assert!(
            lower <= money,
            "bound {} above the enumerated plan {:?} for {:?} (limit {})",
            lower,
            best,
            line,
            limit
        );
    }
    // The coupled bound alone, from a poor plan to beat (no packs), however many rounds.
    if let (Some(lower), (0, 0, money)) = (coupled_bound(c, line, 0, w, limit.min(40) as usize).unwrap(), best) {
        prop_assert!(lower <= money, "coupled bound {} above the enumerated plan {:?} for {:?}", lower, best, line);
    }
    let mut planned = line.clone();
    planned.packs = s.packs.clone();
    let mine = expected_key(c, &planned, weights);
    if s.proven {
        prop_assert!(mine <= best, "a plan called proven, {:?}, is beaten by {:?} for {:?}", mine, best, line);
    }
    Ok(())
}

/// Calls held from a pack bought before month 1 (`calls`), lasting months strictly below the
/// `validity` (so they are not a free pack's): `None` where the validity is 1 month.
fn early(validity: u32, calls: u64, m: u32) -> Option<(u64, Option<u32>)> {
    (validity > 1).then(|| (calls, Some(1 + m % (validity - 1))))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 60, .. ProptestConfig::default() })]

    // Held calls expiring before a pack bought in month 1 would, inside the horizon, on the
    // paths the generators above reach seldom: ranges past the validity, the branch and bound
    // alone, and the commitments' program.

    /// Ranges past the validity with a held lot expiring before it (best first + depth first,
    /// cohort tables).
    #[test]
    fn range_past_validity_held_early(
        likely in prop::collection::vec(0u64..20, 3..=4),
        spread in prop::collection::vec((0u64..10, 0u64..12), 4),
        sizes in prop::sample::subsequence(vec![(5u64, 45u32), (10, 80), (20, 150)], 1..=2),
        tiers in tiers(),
        validity in 2u32..=3,
        weights in prop::sample::select(vec![[25u64, 50, 25], [10, 20, 70], [40, 55, 5]]),
        postpaid in any::<bool>(),
        free in 1u64..25,
        m in 0u32..10,
    ) {
        let c = list(&sizes, validity, &tiers, "postpaid_volume");
        let (mut line, w) = range_line(&likely, &spread, postpaid, weights);
        hold(&mut line, early(validity, free, m), validity);
        let o = optimize_line_weighted(&c, &line, 0, w, Lang::En).unwrap();
        let mine = expected_key(&c, &o.line, weights);
        let best = brute_force(&c, &line, 2, |l| expected_key(&c, l, weights));
        prop_assert!(mine <= best, "optimizer {:?} worse than brute force {:?} for {:?}; plan {:?}", mine, best, line, o.line.packs);
        if let (Some(lower), (0, 0, money)) = (o.lower_bound, best) {
            prop_assert!(lower <= money, "bound {} above {:?}", lower, best);
        }
    }

    /// The branch and bound alone (from no plan) with the held lot, past the validity, with
    /// limits; compared with enumeration through `evaluate` and the engine.
    #[test]
    fn branch_and_bound_alone_held_early(
        demand in prop::collection::vec(0u64..30, 3..=5),
        size in prop::sample::select(vec![(10u64, 80u32), (15, 100), (20, 150)]),
        validity in 2u32..=3,
        tiers in tiers(),
        free in 1u64..30,
        m in 0u32..10,
        postpaid in any::<bool>(),
        limit in prop::sample::select(vec![0u64, 5, 50, 10_000_000]),
    ) {
        let c = list(&[size], validity, &tiers, "postpaid_volume");
        let mut line = Line::new("s", demand);
        line.postpaid = postpaid;
        hold(&mut line, early(validity, free, m), validity);
        let p = problem(&c, &line);
        let start = PackPlan::packs(vec![], evaluate(&p, &[]));
        let s = branch_and_bound(&p, start, limit);
        let key = |cost| cost_key(&p, cost);
        prop_assert_eq!(key(s.plan.cost), engine_key(&c, &planned(&line, &p, &s.plan.buys)));
        let best = brute_force(&c, &line, 3, |l| engine_key(&c, l));
        if best.0 == 0 && best.1 == 0 && s.lower_bound.refused == 0 && s.lower_bound.sales == 0 {
            prop_assert!(p.to_decimal(s.lower_bound.money) <= best.2, "bound {:?} > {:?}", s.lower_bound, best);
        }
        if s.proven {
            prop_assert!(key(s.plan.cost) <= best, "proven {:?} beaten by {:?}", s.plan.cost, best);
        }
    }

    /// Format 2 (commitments menu), held lot expiring before the validity.
    #[test]
    fn menu_held_early(
        sheet in sheet(),
        buyer in buyer(),
        calls in proptest::collection::vec(0u64..90, 2..=3),
        m in 0u32..10,
        free in 10u64..120,
    ) {
        let mut sheet = sheet;
        if sheet.validity < 2 { sheet.validity = 2 + m % 2; }
        let c = sheet.list();
        let mut line = buyer.line(calls, sheet.validity);
        line.free_calls = free;
        line.free_months = Some(1 + m % (sheet.validity - 1));
        check_enumerated(&c, &line, |l| engine_key(&c, l), &(&sheet, &line))?;
    }

    /// Range bounds with cut-short searches, past and within the validity.
    #[test]
    fn range_bound_held_early(
        likely in prop::collection::vec(0u64..20, 2..=4),
        spread in prop::collection::vec((0u64..10, 0u64..12), 4),
        sizes in prop::sample::subsequence(vec![(5u64, 45u32), (10, 80), (20, 150)], 1..=2),
        tiers in tiers(),
        validity in prop::sample::select(vec![2u32, 3, 12]),
        weights in prop::sample::select(vec![[25u64, 50, 25], [10, 20, 70], [40, 55, 5]]),
        postpaid in any::<bool>(),
        limit in prop::sample::select(vec![0u64, 3, 30, 300, 3_000_000]),
        free in 1u64..25,
        m in 0u32..10,
    ) {
        let c = list(&sizes, validity, &tiers, "postpaid_volume");
        let (mut line, w) = range_line(&likely, &spread, postpaid, weights);
        let v = validity.min(likely.len() as u32);
        hold(&mut line, early(v.max(2), free, m), validity);
        check_range_bound(&c, &line, w, weights, limit)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, .. ProptestConfig::default() })]

    /// Format 2 ranges (commitments chosen by the search), past the validity, held lot early.
    #[test]
    fn menu_range_past_validity_held_early(
        sheet in sheet(),
        buyer in buyer(),
        calls in proptest::collection::vec(0u64..60, 3),
        spread in (0u64..60, 0u64..60),
        m in 0u32..10,
        free in 10u64..120,
    ) {
        let mut sheet = sheet;
        sheet.validity = 2;
        if sheet.sizes.len() > 1 { sheet.sizes.truncate(1); }
        let c = sheet.list();
        let mut line = buyer.line(calls, sheet.validity);
        line.free_calls = free;
        line.free_months = Some(1 + m % (sheet.validity - 1));
        spread_range(&mut line, spread);
        check_enumerated(&c, &line, |l| expected_key(&c, l, [25, 50, 25]), &(&sheet, &line))?;
    }
}

#[test]
fn calls_held_for_one_month_are_planned_around() {
    // 40,000 calls a month for 6 months of 活体人脸核身, 50,000 calls held through month 1: month
    // 1 draws 40,000 of them and 10,000 expire; months 2–6 need 200,000 calls, exactly one 20万
    // pack bought in month 2 (140,000), against 5 × 40,000 × 0.75 = 150,000 postpaid or two 10万
    // packs at 75,000 each.
    let mut line = liveness(vec![40_000; 6]);
    (line.free_calls, line.free_months) = (50_000, Some(1));
    let o = optimize_line(builtin(), &line, 0, Lang::En).unwrap();
    assert!(o.proven_optimal);
    assert_eq!(o.line.packs, vec![PackPurchase { size: 200_000, count: 1, month: 2 }]);
    assert_eq!(o.quote.total.unwrap().to_string(), "140000.00");
    assert_eq!(o.quote.expired_calls, 10_000);
}

#[test]
fn a_cases_waste_is_the_plans_packs_not_the_calls_held() {
    // 80,000 calls held through month 2; 10,000 / 30,000 / 60,000 calls a month for 6 months.
    // The plan buys nothing (postpaid alone at the likely volume): in the low case 60,000 held
    // calls expire (10,000 drawn in each of months 1 and 2), which the quote says, but deciding
    // up front wasted none of them.
    let mut line = liveness(vec![30_000; 6]);
    line.calls_low = Some(vec![10_000; 6]);
    line.calls_high = Some(vec![60_000; 6]);
    (line.free_calls, line.free_months) = (80_000, Some(2));
    let o = optimize_line(builtin(), &line, 0, Lang::En).unwrap();
    assert!(o.line.packs.is_empty(), "{:?}", o.line.packs);
    let low = &o.range.as_ref().unwrap().cases[0];
    assert_eq!((low.case, low.expired_calls, low.unused_calls), (Case::Low, 0, 0));
    let quoted = packwise::engine::quote_line(builtin(), &o.line.case(Case::Low), 0, Lang::En).unwrap();
    assert_eq!(quoted.expired_calls, 60_000);
}

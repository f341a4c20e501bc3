//! Break-even analysis of one service, for one month of use: what a month's calls cost postpaid
//! only, with one pack of each size (the overage postpaid), and with the cheapest combination of
//! packs; and from how many calls each pack costs no more than postpaid.
//!
//! Everything is exact: curves are sampled at every tier boundary on both sides (so the cliffs of
//! 阶梯到达 pricing are drawn as cliffs) and at every pack size, and break-even volumes are solved
//! per tier, not read off a plot.

use rust_decimal::Decimal;
use serde::Serialize;

use super::catalog::{PackProduct, Postpaid, Service};
use super::optimize::{Knapsack, Problem, gcd};
use super::rating::{self, Tariff};

/// What a curve shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CurveKind {
    PostpaidOnly,
    /// One pack of this size, calls beyond it postpaid.
    OnePack {
        size: u64,
    },
    /// The cheapest combination of packs (and postpaid) for each volume.
    Cheapest,
}

/// A curve: (calls in the month, cost), `None` where the cost must come from sales.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Curve {
    pub kind: CurveKind,
    pub points: Vec<(u64, Option<Decimal>)>,
}

/// From how many calls in a month one pack of `size` costs no more than postpaid alone.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BreakEven {
    pub size: u64,
    pub price: Decimal,
    /// The smallest volume from which the pack is no dearer than postpaid (`None`: never, within
    /// the priced tiers).
    pub from_calls: Option<u64>,
    /// Postpaid's cost at that volume.
    pub postpaid_cost: Option<Decimal>,
}

/// Most steps the cheapest-combination curve may take.
const CHEAPEST_BUDGET: u128 = 20_000_000;

/// Postpaid cost of `x` calls in a month with nothing else bought.
fn postpaid(p: &Problem, x: u64) -> Option<Decimal> {
    let c = p.month_cost(x, x);
    (c.sales == 0 && c.refused == 0).then(|| p.to_decimal(c.money))
}

/// The largest interesting volume: a quarter past the last tier boundary; for a flat price, a
/// fifth past the second largest pack.
pub fn default_max(service: &Service, product: Option<&PackProduct>) -> u64 {
    let last_bound = match &service.postpaid {
        Postpaid::Tiers(t) => t.tiers.iter().filter_map(|t| t.up_to).max().unwrap_or(0),
        _ => 0,
    };
    if last_bound > 0 {
        return (last_bound + last_bound / 4).max(10_000);
    }
    let mut sizes: Vec<u64> = product.map(|p| p.offered().map(|(s, _)| s.calls).collect()).unwrap_or_default();
    sizes.sort_unstable();
    let reference = sizes.iter().rev().nth(1).or(sizes.last()).copied().unwrap_or(10_000);
    (reference + reference / 5).max(10_000)
}

fn prices(product: Option<&PackProduct>) -> Vec<(u64, Decimal)> {
    product.map(|p| p.offered().map(|(s, price)| (s.calls, price)).collect()).unwrap_or_default()
}

/// Break-even volumes of every offered size against postpaid, for services with a tier table.
pub fn break_evens(service: &Service, product: Option<&PackProduct>) -> Vec<BreakEven> {
    let tariff = rating::tariff(&service.postpaid, None);
    let Tariff::Rates(rates) = &tariff else { return Vec::new() };
    prices(product)
        .iter()
        .map(|&(size, price)| {
            // Below the pack's size the pack costs `price`; past it, `price` plus the postpaid
            // overage, which is no cheaper than postpaid for the same volume. So the break-even
            // is the first volume up to the size whose postpaid cost reaches the price. Within a
            // tier the cost never falls as calls grow (across tiers it can: 阶梯到达's cliffs),
            // so each tier is searched by bisection, in order.
            let reaches = |x: u64| tariff.price_of(x).is_some_and(|c| c >= price);
            let from = rates.rows.iter().find_map(|row| {
                let (mut lo, mut hi) = (row.from.max(1), row.last.unwrap_or(u64::MAX).min(size));
                if lo > hi || !reaches(hi) {
                    return None;
                }
                while lo < hi {
                    let mid = lo + (hi - lo) / 2;
                    if reaches(mid) { hi = mid } else { lo = mid + 1 }
                }
                Some(lo)
            });
            BreakEven { size, price, from_calls: from, postpaid_cost: from.and_then(|x| tariff.price_of(x)) }
        })
        .collect()
}

/// The curves for volumes 0..=max: postpaid only, one pack of each size, and the cheapest plan.
pub fn curves(service: &Service, product: Option<&PackProduct>, max: u64, samples: usize) -> Vec<Curve> {
    let prices = prices(product);
    let p = Problem::new(vec![0], &prices, 0, 12, &service.postpaid, true);
    let mut xs: Vec<u64> = (0..=samples as u64).map(|i| max * i / samples.max(1) as u64).collect();
    if let Postpaid::Tiers(t) = &service.postpaid {
        for tier in &t.tiers {
            for x in [tier.from.saturating_sub(1), tier.from] {
                xs.push(x);
            }
        }
    }
    for &(s, _) in &prices {
        xs.extend([s, s + 1]);
    }
    xs.retain(|x| *x <= max);
    xs.sort_unstable();
    xs.dedup();

    let mut out =
        vec![Curve { kind: CurveKind::PostpaidOnly, points: xs.iter().map(|&x| (x, postpaid(&p, x))).collect() }];
    for &(size, price) in &prices {
        let points = xs
            .iter()
            .map(|&x| {
                let over = x.saturating_sub(size);
                (x, if over == 0 { Some(price) } else { postpaid(&p, over).map(|c| c + price) })
            })
            .collect();
        out.push(Curve { kind: CurveKind::OnePack { size }, points });
    }
    let g = p.sizes.iter().map(|s| s.calls).reduce(gcd).unwrap_or(1).max(1);
    let s_max = p.sizes.iter().map(|s| s.calls).max().unwrap_or(0);
    // The cheapest-combination curve tries every purchase total in steps of the sizes' gcd; a
    // custom list with odd sizes could make that millions of steps per point, so it is left out
    // past a budget (the other curves are still exact).
    let steps = (max.saturating_add(s_max) / g) as u128;
    if !prices.is_empty() && steps.saturating_mul(xs.len() as u128) <= CHEAPEST_BUDGET {
        let knap = Knapsack::new(&p.sizes, g, max + s_max);
        let points = xs
            .iter()
            .map(|&x| {
                let mut best: Option<i128> = None;
                let mut c = 0u64;
                while c < x + s_max {
                    let k = knap.cost[(c / g) as usize];
                    if k != i128::MAX {
                        let m = p.month_cost(x.saturating_sub(c), x);
                        if m.sales == 0 && m.refused == 0 {
                            let total = k + m.money;
                            best = Some(best.map_or(total, |b| b.min(total)));
                        }
                    }
                    c += g;
                }
                (x, best.map(|b| p.to_decimal(b)))
            })
            .collect();
        out.push(Curve { kind: CurveKind::Cheapest, points });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::catalog::builtin;
    use rust_decimal_macros::dec;

    fn liveness() -> (&'static Service, Option<&'static PackProduct>) {
        let c = builtin();
        let s = c.service("活体人脸核身").unwrap();
        (s, c.packs_of(s))
    }

    #[test]
    fn break_evens_are_exact_volumes() {
        let (s, p) = liveness();
        let b = break_evens(s, p);
        // 1,000-call pack (930): postpaid reaches 930 at 930 calls (1 元 each).
        assert_eq!((b[0].size, b[0].from_calls), (1000, Some(930)));
        // 1万 pack (8,000): 8,000 / 0.85 = 9,411.76 → from 9,412 calls (9,412 × 0.85 = 8,000.20).
        assert_eq!((b[1].size, b[1].from_calls, b[1].postpaid_cost), (10_000, Some(9_412), Some(dec!(8000.20))));
        // 10万 pack (75,000): 75,000 / 0.75 = 100,000, the tier's end is 99,999; at 100,000 the
        // price is 0.68 (68,000 < 75,000); so never within 10万, the pack alone never pays off.
        assert_eq!((b[2].size, b[2].from_calls), (100_000, None));
        // 20万 (140,000): 0.68 × x ≥ 140,000 → x ≥ 205,883 > 199,999; beyond is contact sales.
        assert_eq!(b[3].from_calls, None);
    }

    #[test]
    fn curves_show_the_cliffs_and_the_cheapest_plan_never_loses() {
        let (s, p) = liveness();
        let cs = curves(s, p, 250_000, 50);
        let postpaid = &cs[0];
        let at = |c: &Curve, x: u64| c.points.iter().find(|(px, _)| *px == x).and_then(|(_, y)| *y);
        assert_eq!(at(postpaid, 9_999), Some(dec!(8499.15)));
        assert_eq!(at(postpaid, 10_000), Some(dec!(7500)), "a cliff, not a slope");
        assert_eq!(at(postpaid, 200_000), None, "contact sales");
        let cheapest = cs.last().unwrap();
        assert_eq!(cheapest.kind, CurveKind::Cheapest);
        for (i, &(x, y)) in cheapest.points.iter().enumerate() {
            for c in &cs[..cs.len() - 1] {
                if let (Some(best), Some(other)) = (y, c.points[i].1) {
                    assert!(best <= other, "at {x}: cheapest {best} > {other} ({:?})", c.kind);
                }
            }
        }
        // 250,000 calls: postpaid alone needs sales. 20万 + 50,000 postpaid costs 177,500, but
        // 1 × 1,000 + 5 × 1万 (40,930) leave 199,000 postpaid at 0.68 (135,320): 176,250.
        assert_eq!(at(cheapest, 250_000), Some(dec!(176250)));
    }

    #[test]
    fn odd_custom_sizes_cannot_make_the_chart_huge() {
        let c = crate::engine::catalog::parse_price_list(
            r#"{"format":1,"pack_products":[{"id":"p","name":"P","sizes":[{"calls":7,"price":"1"},{"calls":1000000000000,"price":"5"}]}],
                "services":[{"id":"s","name":"S","packs":"p","postpaid":{"tiers":[{"up_to":1000,"price":"1"},{"price":"0.5"}]}}]}"#,
        )
        .unwrap();
        let s = &c.services[0];
        let started = std::time::Instant::now();
        let cs = curves(s, c.packs_of(s), default_max(s, c.packs_of(s)), 120);
        assert!(cs.iter().all(|c| c.kind != CurveKind::Cheapest), "left out past the budget");
        assert!(started.elapsed().as_secs() < 2);
    }
}

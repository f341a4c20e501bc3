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
use super::limits;
use super::optimize::{FORBIDDEN, Knapsack, Problem, Terms, gcd};
use super::terms::Discount;

/// What a curve shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CurveKind {
    PostpaidOnly,
    /// One pack of this size, calls beyond it postpaid.
    OnePack {
        size: u64,
    },
    /// The service's commitment at this index taken (format 2), calls beyond it at its overage.
    Commitment {
        index: usize,
    },
    /// The cheapest combination of packs, a commitment and postpaid for each volume.
    Cheapest,
}

/// A curve: (calls in the month, cost), `None` where the cost must come from sales.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Curve {
    pub kind: CurveKind,
    pub points: Vec<(u64, Option<Decimal>)>,
}

/// From how many calls in a month one pack, or one commitment, costs no more than postpaid alone.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BreakEven {
    /// [`CurveKind::OnePack`] or [`CurveKind::Commitment`].
    pub kind: CurveKind,
    /// The pack's price or the commitment's monthly fee, as the buyer pays it (after the
    /// discount where it applies to them).
    pub price: Decimal,
    /// Postpaid's cost at [`BreakEven::from_calls`].
    pub postpaid_cost: Option<Decimal>,
    /// Every run of volumes at which it is no dearer than postpaid, in order: (first, last), the
    /// last `None` where the run goes on to the most calls a month the format takes. A reached
    /// tier's cliff can end a run: the 1万 pack is no dearer from 9,412 calls to 9,999 only.
    pub no_dearer: Vec<(u64, Option<u64>)>,
    /// From how many calls either cost needs a price from sales (a tier marked 联系商务 with no
    /// negotiated price), so that the two cannot be compared: the runs say nothing past it.
    pub unpriced_from: Option<u64>,
}

impl BreakEven {
    /// The smallest volume at which it is no dearer than postpaid (`None`: at no volume).
    pub fn from_calls(&self) -> Option<u64> {
        self.no_dearer.first().map(|r| r.0)
    }
}

/// Most steps the cheapest-combination curve may take.
const CHEAPEST_BUDGET: u128 = 20_000_000;

/// The buyer's terms a chart prices with, as the quote applies them: the negotiated price for
/// the volumes the list leaves to sales, and the discount the line gets (its own, else the
/// estimate's).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BuyerTerms {
    pub negotiated: Option<super::rating::Negotiated>,
    pub discount: Option<Discount>,
}

impl BuyerTerms {
    /// A line's terms as it is priced in an estimate whose own discount is `estimate`: its
    /// negotiated price, and its discount or else the estimate's ([`Discount::for_line`]).
    pub fn of(line: &super::Line, estimate: Option<Discount>) -> BuyerTerms {
        BuyerTerms { negotiated: line.negotiated(), discount: Discount::for_line(line.discount, estimate) }
    }
}

/// One month of a service, as the chart prices it: the service's own terms (its free quota for
/// month 1, its minimum, its commitments), the pack sizes offered, and the buyer's negotiated
/// price and discount where given.
struct MonthOf {
    p: Problem,
    /// Free calls of the month, drawn first.
    quota: u64,
}

impl MonthOf {
    /// `None` where the amounts are past what the optimizer's units hold (a custom list at the
    /// format's limits): the chart is then left out, the quote is not affected.
    fn new(service: &Service, prices: &[(u64, Decimal)], buyer: BuyerTerms) -> Option<MonthOf> {
        let terms = Terms {
            quota: service.free_quota.as_ref(),
            minimum: service.minimum,
            commitments: &service.commitments,
            negotiated: buyer.negotiated,
            discount: buyer.discount,
            ..Terms::postpaid(&service.postpaid, true)
        };
        let p = Problem::build(vec![0], prices, 0, 12, &terms).ok()?;
        let quota = service.free_quota.as_ref().map_or(0, |q| q.calls_in(1));
        Some(MonthOf { p, quota })
    }

    /// What `x` calls cost with choice `k` (0: no commitment) and `packed` calls from packs
    /// (their price not included); `None` where a price must come from sales.
    fn cost(&self, k: usize, packed: u64, x: u64) -> Option<i128> {
        let u = x.saturating_sub(self.quota).saturating_sub(self.p.choices[k].calls).saturating_sub(packed);
        let c = self.p.month_cost_with(k, u, x);
        (c.sales == 0 && c.refused == 0 && c.money < FORBIDDEN).then_some(c.money)
    }

    fn decimal(&self, units: Option<i128>) -> Option<Decimal> {
        units.map(|u| self.p.to_decimal(u))
    }

    /// Volumes where a cost may jump or change slope: each postpaid tier's start, as a total and
    /// past the free quota; the end of each commitment's calls, and its own overage tiers' starts
    /// past it.
    fn breakpoints(&self, service: &Service) -> Vec<u64> {
        breakpoints(service, self.quota)
    }
}

/// [`MonthOf::breakpoints`] for a month with `quota` free calls.
fn breakpoints(service: &Service, quota: u64) -> Vec<u64> {
    let mut out = vec![quota];
    let starts = |p: &Postpaid| match p {
        Postpaid::Tiers(t) => t.tiers.iter().map(|tier| tier.from).collect(),
        _ => Vec::new(),
    };
    for from in starts(&service.postpaid) {
        out.extend([from, from.saturating_add(quota)]);
    }
    for c in &service.commitments {
        let end = quota.saturating_add(c.calls);
        out.push(end);
        out.extend(starts(c.table(&service.postpaid)).into_iter().map(|from| from.saturating_add(end)));
    }
    out
}

/// Most multiples of one pack size counted as breakpoints.
const MULTIPLES: u64 = 64;

/// Volumes up to `max` where a service's cheapest month may jump or change slope, each with the
/// volumes beside it: tier starts, the free quota's end, commitments' ends and their overage
/// tiers, where each pack and commitment starts and stops being no dearer than postpaid, and
/// each pack size's multiples (up to 64 of them) past the free quota.
pub fn volumes(service: &Service, product: Option<&PackProduct>, terms: BuyerTerms, max: u64) -> Vec<u64> {
    let quota = service.free_quota.as_ref().map_or(0, |q| q.calls_in(1));
    let mut points = breakpoints(service, quota);
    // Where a pack or a commitment starts or stops being no dearer than postpaid: the cheapest
    // month turns there.
    for b in break_evens(service, product, terms) {
        for (first, last) in b.no_dearer {
            points.push(first);
            points.extend(last.map(|l| l.saturating_add(1)));
        }
    }
    for (size, _) in prices(product) {
        points.extend((1..=MULTIPLES).map(|k| quota.saturating_add(size.saturating_mul(k))).take_while(|x| *x <= max));
    }
    let mut out: Vec<u64> =
        points.into_iter().flat_map(|b| [b.saturating_sub(1), b, b.saturating_add(1)]).filter(|x| *x <= max).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// What pricing one volume (up to `max`) of a service's cheapest month takes, in rating steps:
/// every purchase total on the packs' grid up to the volume, under every choice of commitment,
/// each rated through the tiers. `u128::MAX` where its purchase table would be too large.
pub fn work(service: &Service, product: Option<&PackProduct>, max: u64) -> u128 {
    let sizes: Vec<u64> = prices(product).iter().map(|p| p.0).collect();
    let g = sizes.iter().copied().reduce(gcd).unwrap_or(1).max(1);
    let s_max = sizes.iter().copied().max().unwrap_or(0);
    if max.saturating_add(s_max) / g > TABLE_LIMIT {
        return u128::MAX;
    }
    let totals = if sizes.is_empty() { 1 } else { (max / g) as u128 + 2 };
    let tiers = |p: &Postpaid| match p {
        Postpaid::Tiers(t) => t.tiers.len() as u128,
        _ => 1,
    };
    let rating: u128 = std::iter::once(tiers(&service.postpaid))
        .chain(service.commitments.iter().map(|c| tiers(c.table(&service.postpaid))))
        .sum();
    totals.saturating_mul(rating + 1)
}

/// The largest interesting volume: a quarter past the last tier boundary or the largest
/// commitment; for a flat price, a fifth past the second largest pack.
pub fn default_max(service: &Service, product: Option<&PackProduct>) -> u64 {
    let last_bound = match &service.postpaid {
        Postpaid::Tiers(t) => t.tiers.iter().filter_map(|t| t.up_to).max().unwrap_or(0),
        _ => 0,
    };
    let quota = service.free_quota.as_ref().map_or(0, |q| q.calls);
    let committed = service.commitments.iter().map(|c| c.calls.saturating_add(quota)).max().unwrap_or(0);
    let reference = last_bound.max(committed);
    if reference > 0 {
        return reference.saturating_add(reference / 4).max(10_000);
    }
    let mut sizes: Vec<u64> = product.map(|p| p.offered().map(|(s, _)| s.calls).collect()).unwrap_or_default();
    sizes.sort_unstable();
    let reference = sizes.iter().rev().nth(1).or(sizes.last()).copied().unwrap_or(10_000);
    (reference + reference / 5).max(10_000)
}

fn prices(product: Option<&PackProduct>) -> Vec<(u64, Decimal)> {
    product.map(|p| p.offered().map(|(s, price)| (s.calls, price)).collect()).unwrap_or_default()
}

/// Break-even volumes against postpaid of every offered size, then of every commitment, for
/// services with a tier table.
pub fn break_evens(service: &Service, product: Option<&PackProduct>, terms: BuyerTerms) -> Vec<BreakEven> {
    if !matches!(service.postpaid, Postpaid::Tiers(_)) {
        return Vec::new();
    }
    let prices = prices(product);
    let Some(m) = MonthOf::new(service, &prices, terms) else { return Vec::new() };
    let mut bounds = m.breakpoints(service);
    // Past a pack, its overage crosses the tiers' starts that many calls later.
    let shifted: Vec<u64> = prices
        .iter()
        .flat_map(|&(size, _)| bounds.iter().map(move |b| b.saturating_add(size)).chain([m.quota.saturating_add(size)]))
        .collect();
    bounds.extend(shifted);
    bounds.push(1);
    bounds.retain(|b| *b >= 1);
    bounds.sort_unstable();
    bounds.dedup();
    // Between two breakpoints each cost is a line (or, for blocks rounded up, a staircase along
    // one: the volume is then found to the block), so whether postpaid costs at least as much
    // changes at most once there: each stretch's ends are compared, and where they differ the
    // volume it changes at is found by bisection. The runs where it holds are gathered in order,
    // up to the format's most calls a month (a run reaching it has no end).
    let limit = limits::MAX_CALLS_PER_MONTH;
    let runs = |with: &dyn Fn(u64) -> Option<i128>| -> Vec<(u64, Option<u64>)> {
        let reaches = |x: u64| m.cost(0, 0, x).zip(with(x)).is_some_and(|(c, w)| c >= w);
        let mut out = Vec::new();
        let mut open: Option<u64> = None;
        let mut at = |x: u64, holds: bool, out: &mut Vec<(u64, Option<u64>)>| match (holds, open) {
            (true, None) => open = Some(x),
            (false, Some(first)) => {
                out.push((first, Some(x - 1)));
                open = None;
            }
            _ => {}
        };
        for (i, &lo) in bounds.iter().enumerate().take_while(|(_, lo)| **lo <= limit) {
            let hi = bounds.get(i + 1).map_or(limit, |n| (n - 1).min(limit));
            let (first, last) = (reaches(lo), reaches(hi));
            at(lo, first, &mut out);
            if first != last {
                let (mut a, mut b) = (lo + 1, hi);
                while a < b {
                    let mid = a + (b - a) / 2;
                    if reaches(mid) == last { b = mid } else { a = mid + 1 }
                }
                at(a, last, &mut out);
            }
        }
        if let Some(first) = open {
            out.push((first, None));
        }
        out
    };
    // A price from sales starts at a tier's start (as a total, past the quota or past a pack),
    // so the first breakpoint without both costs is where comparing stops.
    let unpriced = |with: &dyn Fn(u64) -> Option<i128>| {
        bounds.iter().copied().find(|&x| x <= limit && (m.cost(0, 0, x).is_none() || with(x).is_none()))
    };
    let point = |kind, price, with: &dyn Fn(u64) -> Option<i128>| {
        let no_dearer = runs(with);
        BreakEven {
            kind,
            price,
            postpaid_cost: no_dearer.first().and_then(|&(x, _)| m.decimal(m.cost(0, 0, x))),
            no_dearer,
            unpriced_from: unpriced(with),
        }
    };
    // The prices as the buyer pays them (discounted where the discount applies to packs).
    let mut out: Vec<BreakEven> =
        m.p.sizes
            .iter()
            .map(|s| {
                // One pack of the size, what it does not cover postpaid.
                let with = |x: u64| m.cost(0, s.calls, x).map(|c| c + s.price);
                point(CurveKind::OnePack { size: s.calls }, m.p.to_decimal(s.price), &with)
            })
            .collect();
    for i in 0..service.commitments.len() {
        let with = |x: u64| m.cost(i + 1, 0, x);
        out.push(point(CurveKind::Commitment { index: i }, m.p.to_decimal(m.p.choices[i + 1].fee), &with));
    }
    out
}

/// What one month of a service costs at its cheapest — packs bought for it, a commitment or not,
/// and postpaid — for any volume up to a maximum: the break-even chart's cheapest curve, and an
/// offer's curve in a comparison of vendors.
pub struct OneMonth {
    m: MonthOf,
    /// The cheapest way to buy each total of calls, on the sizes' grid, up to `top`.
    knap: Knapsack,
    /// `cover[j]`: the cheapest purchase of at least `j·g` calls (a suffix minimum of `knap`).
    cover: Vec<i128>,
    g: u64,
    top: u64,
}

/// Most entries of a [`OneMonth`]'s purchase table (16 MB).
const TABLE_LIMIT: u64 = 1 << 20;

impl OneMonth {
    /// For volumes up to `max`; `None` where the amounts are past the optimizer's units, or the
    /// packs' grid would take more than `budget` steps a volume (odd sizes in a custom list).
    pub fn new(
        service: &Service,
        product: Option<&PackProduct>,
        terms: BuyerTerms,
        max: u64,
        budget: u128,
    ) -> Option<OneMonth> {
        let m = MonthOf::new(service, &prices(product), terms)?;
        OneMonth::of(m, max, budget)
    }

    fn of(m: MonthOf, max: u64, budget: u128) -> Option<OneMonth> {
        let g = m.p.sizes.iter().map(|s| s.calls).reduce(gcd).unwrap_or(1).max(1);
        let s_max = m.p.sizes.iter().map(|s| s.calls).max().unwrap_or(0);
        // Without packs, only 0 calls are bought.
        let top = if m.p.sizes.is_empty() { 0 } else { max.saturating_add(s_max) };
        let per_point = if m.p.sizes.is_empty() { 2 } else { (max / g) as u128 + 2 };
        if top / g > TABLE_LIMIT || per_point.saturating_mul(m.p.choices.len() as u128) > budget {
            return None;
        }
        let knap = Knapsack::new(&m.p.sizes, g, top);
        let mut cover = knap.cost.clone();
        for j in (0..cover.len().saturating_sub(1)).rev() {
            cover[j] = cover[j].min(cover[j + 1]);
        }
        Some(OneMonth { m, knap, cover, g, top })
    }

    /// The least `x` calls in one month can cost (`None`: a price must come from sales).
    pub fn cheapest(&self, x: u64) -> Option<Decimal> {
        self.m.decimal(self.cheapest_units(x))
    }

    fn cheapest_units(&self, x: u64) -> Option<i128> {
        let m = &self.m;
        let mut best: Option<i128> = None;
        let mut consider = |bought: i128, month: Option<i128>| {
            if let Some(month) = month.filter(|_| bought != i128::MAX) {
                let total = bought.saturating_add(month);
                best = Some(best.map_or(total, |b| b.min(total)));
            }
        };
        for k in 0..m.p.choices.len() {
            // What packs must serve under this choice.
            let d = x.saturating_sub(self.m.quota).saturating_sub(m.p.choices[k].calls);
            // Purchases short of it (the rest postpaid), each exact total on the grid...
            let mut c = 0u64;
            while c < d && c <= self.top {
                consider(self.knap.cost[(c / self.g) as usize], m.cost(k, c, x));
                c += self.g;
            }
            // ...or the cheapest purchase covering it: every such month costs the same.
            if let Some(&cover) = self.cover.get(d.div_ceil(self.g) as usize) {
                consider(cover, m.cost(k, d, x));
            }
        }
        best
    }

    /// Volumes where the month's cost may jump or change slope (tier starts, the free quota's
    /// end, each pack size and commitment's end past it), each with the volume before it.
    pub fn breakpoints(&self, service: &Service) -> Vec<u64> {
        let mut out = Vec::new();
        for b in self.m.breakpoints(service).into_iter().chain(self.m.p.sizes.iter().map(|s| s.calls + self.m.quota)) {
            out.extend([b.saturating_sub(1), b, b.saturating_add(1)]);
        }
        out
    }
}

/// The curves for volumes 0..=max: postpaid only, one pack of each size, each commitment, and the
/// cheapest plan. Empty where the service's amounts are past the optimizer's units.
pub fn curves(
    service: &Service,
    product: Option<&PackProduct>,
    terms: BuyerTerms,
    max: u64,
    samples: usize,
) -> Vec<Curve> {
    let prices = prices(product);
    let Some(m) = MonthOf::new(service, &prices, terms) else { return Vec::new() };
    let mut xs: Vec<u64> = (0..=samples as u64).map(|i| max.saturating_mul(i) / samples.max(1) as u64).collect();
    // Both sides of every jump: tier starts (a reached tier's cliff, a flat fee), the end of what
    // a pack or a commitment covers.
    for b in m.breakpoints(service) {
        xs.extend([b.saturating_sub(1), b]);
    }
    for covers in prices.iter().map(|p| p.0).chain(service.commitments.iter().map(|c| c.calls)) {
        let end = covers.saturating_add(m.quota);
        xs.extend([end, end.saturating_add(1)]);
    }
    xs.retain(|x| *x <= max);
    xs.sort_unstable();
    xs.dedup();

    let curve = |kind, f: &dyn Fn(u64) -> Option<i128>| Curve {
        kind,
        points: xs.iter().map(|&x| (x, m.decimal(f(x)))).collect(),
    };
    let mut out = vec![curve(CurveKind::PostpaidOnly, &|x| m.cost(0, 0, x))];
    for s in &m.p.sizes {
        out.push(curve(CurveKind::OnePack { size: s.calls }, &|x| m.cost(0, s.calls, x).map(|c| c + s.price)));
    }
    for k in 1..m.p.choices.len() {
        out.push(curve(CurveKind::Commitment { index: k - 1 }, &|x| m.cost(k, 0, x)));
    }
    // The cheapest combination tries every purchase total in steps of the sizes' gcd under every
    // choice; a custom list with odd sizes could make that millions of steps per point, so it is
    // left out past a budget (the other curves are still exact).
    let points: Vec<(u64, Option<Decimal>)> = match (!prices.is_empty() || m.p.choices.len() > 1)
        .then(|| OneMonth::of(m, max, CHEAPEST_BUDGET / xs.len().max(1) as u128))
        .flatten()
    {
        Some(one) => xs.iter().map(|&x| (x, one.cheapest(x))).collect(),
        None => return out,
    };
    out.push(Curve { kind: CurveKind::Cheapest, points });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::catalog::builtin;
    use crate::engine::terms::DiscountScope;
    use rust_decimal_macros::dec;

    fn liveness() -> (&'static Service, Option<&'static PackProduct>) {
        let c = builtin();
        let s = c.service("活体人脸核身").unwrap();
        (s, c.packs_of(s))
    }

    #[test]
    fn comparing_stops_where_postpaid_is_priced_by_sales() {
        let (s, p) = liveness();
        // From 200,000 calls postpaid is 联系商务: no pack can be compared with it there.
        let all = break_evens(s, p, BuyerTerms::default());
        assert!(all.iter().all(|b| b.unpriced_from == Some(200_000)), "{all:?}");
        // Priced at a negotiated 0.70, every volume compares; the 20万 pack (140,000) costs what
        // 200,000 calls do, and no more from there.
        let negotiated = BuyerTerms { negotiated: Some(dec!(0.70).into()), discount: None };
        let all = break_evens(s, p, negotiated);
        assert!(all.iter().all(|b| b.unpriced_from.is_none()), "{all:?}");
        let twenty = all.iter().find(|b| b.kind == CurveKind::OnePack { size: 200_000 }).unwrap();
        assert_eq!(twenty.from_calls(), Some(200_000));
    }

    #[test]
    fn break_evens_are_exact_volumes() {
        let (s, p) = liveness();
        let b = break_evens(s, p, BuyerTerms::default());
        // 1,000-call pack (930): postpaid reaches 930 at 930 calls (1 元 each).
        assert_eq!((b[0].kind, b[0].from_calls()), (CurveKind::OnePack { size: 1000 }, Some(930)));
        // 1万 pack (8,000): 8,000 / 0.85 = 9,411.76 → from 9,412 calls (9,412 × 0.85 = 8,000.20).
        assert_eq!(
            (b[1].kind, b[1].from_calls(), b[1].postpaid_cost),
            (CurveKind::OnePack { size: 10_000 }, Some(9_412), Some(dec!(8000.20)))
        );
        // 10万 pack (75,000): 75,000 / 0.75 = 100,000, the tier's end is 99,999; at 100,000 the
        // price is 0.68 (68,000 < 75,000); so never within 10万, the pack alone never pays off.
        assert_eq!((b[2].kind, b[2].from_calls()), (CurveKind::OnePack { size: 100_000 }, None));
        // 20万 (140,000): 0.68 × x ≥ 140,000 → x ≥ 205,883 > 199,999; beyond is contact sales.
        assert_eq!(b[3].from_calls(), None);
        // Each holds only up to its tier's cliff: at 1,001 calls postpaid is 1,001 × 0.85 =
        // 850.85 < 930 + 1; at 10,000 it is 7,500 < 8,000. Past its calls a pack's overage is
        // priced in a lower tier than postpaid's whole volume, so it never wins again.
        assert_eq!(b[0].no_dearer, [(930, Some(1_000))]);
        assert_eq!(b[1].no_dearer, [(9_412, Some(9_999))]);
        assert!(b[2].no_dearer.is_empty() && b[3].no_dearer.is_empty());
    }

    #[test]
    fn a_discount_on_packs_moves_where_each_pack_pays() {
        let (s, p) = liveness();
        let packs_off = |percent| BuyerTerms {
            negotiated: None,
            discount: Some(Discount { percent: Decimal::from(percent), applies_to: DiscountScope::Packs }),
        };
        let b = break_evens(s, p, packs_off(15));
        // The 1万 pack at 8,000 × 0.85 = 6,800: no dearer than 8,000 calls at 0.85 (6,800.00)
        // and on, but not than 7,999 (6,799.15). Past its calls it costs 6,800 + 0.85 × (x −
        // 10,000) against 0.75 × x, no more up to 17,000 (12,750 both); from 20,000 its overage
        // is at 0.75 too (0.75 × x − 700); at 100,000 postpaid drops to 0.68 (68,000 against
        // 74,300); from 110,000 both are 0.68 × x (the overage reaches 0.68 at 100,000); and
        // from 200,000 postpaid is left to sales.
        assert_eq!((b[1].price, b[1].from_calls(), b[1].postpaid_cost), (dec!(6800), Some(8_000), Some(dec!(6800))));
        assert_eq!(b[1].no_dearer, [(8_000, Some(17_000)), (20_000, Some(99_999)), (110_000, Some(199_999))]);
        // The 10万 pack at 63,750 pays from 85,000 calls (85,000 × 0.75).
        assert_eq!((b[2].price, b[2].from_calls()), (dec!(63750), Some(85_000)));
        // A discount on postpaid only leaves the packs' prices, and postpaid cheaper: the 1万 pack
        // would need 8,000 / (0.85 × 0.85) = 11,072.66 calls, past its tier (at 10,000 postpaid is
        // 10,000 × 0.75 × 0.85 = 6,375), so it never pays off.
        let postpaid_off = BuyerTerms {
            negotiated: None,
            discount: Some(Discount { percent: Decimal::from(15), applies_to: DiscountScope::Postpaid }),
        };
        let b = break_evens(s, p, postpaid_off);
        assert_eq!((b[1].price, b[1].from_calls()), (dec!(8000), None));
    }

    #[test]
    fn curves_show_the_cliffs_and_the_cheapest_plan_never_loses() {
        let (s, p) = liveness();
        let cs = curves(s, p, BuyerTerms::default(), 250_000, 50);
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
        let cs = curves(s, c.packs_of(s), BuyerTerms::default(), default_max(s, c.packs_of(s)), 120);
        assert!(cs.iter().all(|c| c.kind != CurveKind::Cheapest), "left out past the budget");
        assert!(started.elapsed().as_secs() < 2);
    }

    fn sheet(service: &str) -> crate::engine::catalog::Catalog {
        crate::engine::catalog::parse_price_list(&format!(
            r#"{{"format":2,"currency":"USD","services":[{{"id":"s","name":"S",{service}}}]}}"#
        ))
        .unwrap()
    }

    #[test]
    fn a_commitment_has_its_curve_and_its_break_even() {
        // 800 a month for 1,000,000 calls, overage 1.00 per 1,000; postpaid 1.20 per 1,000.
        let c = sheet(
            r#""postpaid":{"unit":1000,"tiers":[{"price":"1.20"}]},
               "commitments":[{"id":"m1","name":"1M","monthly_fee":"800","calls":1000000,
                   "overage":{"unit":1000,"tiers":[{"price":"1.00"}]}}]"#,
        );
        let s = &c.services[0];
        let max = default_max(s, None);
        assert_eq!(max, 1_250_000, "a quarter past the commitment's calls");
        let cs = curves(s, None, BuyerTerms::default(), max, 50);
        let kinds: Vec<CurveKind> = cs.iter().map(|c| c.kind).collect();
        assert_eq!(kinds, [CurveKind::PostpaidOnly, CurveKind::Commitment { index: 0 }, CurveKind::Cheapest]);
        let at = |c: &Curve, x: u64| c.points.iter().find(|(px, _)| *px == x).and_then(|(_, y)| *y);
        // 1,200,000 calls: 800 + 200 with it, 1,440 without; 500,000: 600 without, 800 with.
        assert_eq!(at(&cs[1], 1_200_000), Some(dec!(1000)));
        assert_eq!(at(&cs[0], 1_200_000), Some(dec!(1440)));
        assert_eq!(at(&cs[2], 1_200_000), Some(dec!(1000)));
        assert_eq!(
            (at(&cs[0], 500_000), at(&cs[1], 500_000), at(&cs[2], 500_000)),
            (Some(dec!(600)), Some(dec!(800)), Some(dec!(600)))
        );
        // The end of its included calls is drawn on both sides.
        assert_eq!((at(&cs[1], 1_000_000), at(&cs[1], 1_000_001)), (Some(dec!(800)), Some(dec!(800.001))));
        // It pays from 800 / 0.0012 = 666,666.67 → 666,667 calls (800.0004 postpaid).
        let b = break_evens(s, None, BuyerTerms::default());
        assert_eq!(b.len(), 1);
        assert_eq!(
            (b[0].kind, b[0].price, b[0].from_calls(), b[0].postpaid_cost),
            (CurveKind::Commitment { index: 0 }, dec!(800), Some(666_667), Some(dec!(800.0004)))
        );
    }

    #[test]
    fn a_commitment_with_a_cheaper_overage_pays_past_its_calls() {
        // Postpaid 0.50 per 1,000; 800 for 1,000,000 calls, then 0.10 per 1,000: 0.0005·x =
        // 800 + 0.0001·(x − 1,000,000) at x = 1,750,000.
        let c = sheet(
            r#""postpaid":{"unit":1000,"tiers":[{"price":"0.50"}]},
               "commitments":[{"id":"m1","name":"1M","monthly_fee":"800","calls":1000000,
                   "overage":{"unit":1000,"tiers":[{"up_to":2000000,"price":"0.10"},{"price":"0.05","flat_fee":"30"}]}}]"#,
        );
        let s = &c.services[0];
        let b = break_evens(s, None, BuyerTerms::default());
        assert_eq!((b[0].from_calls(), b[0].postpaid_cost), (Some(1_750_000), Some(dec!(875))));
        // From there the overage (0.0001, then 0.00005 + 30) stays under postpaid's 0.0005.
        assert_eq!(b[0].no_dearer, [(1_750_000, None)]);
        // The overage table's second tier (reached) starts 2,000,000 calls past the commitment's
        // end: its cliff and flat fee are drawn on both sides.
        let cs = curves(s, None, BuyerTerms::default(), 3_500_000, 10);
        let at = |x: u64| cs[1].points.iter().find(|(px, _)| *px == x).and_then(|(_, y)| *y);
        assert_eq!(at(2_999_999), Some(dec!(999.9999)), "800 + 1,999,999 × 0.0001");
        assert_eq!(at(3_000_000), Some(dec!(930)), "reached: 800 + 2,000,000 × 0.00005 + 30");
    }

    #[test]
    fn flat_fees_free_quotas_and_minimums_are_steps_of_the_postpaid_curve() {
        // Graduated: the first 100 at 1 with a fee of 5, then 0.5 with a fee of 20; 500 free a
        // month; a minimum of 30.
        let c = sheet(
            r#""postpaid":{"mode":"graduated","tiers":[{"up_to":100,"up_to_included":true,"price":"1","flat_fee":"5"},
                {"price":"0.5","flat_fee":"20"}]},"free_quota":{"calls":500},"minimum":{"monthly":"30"}"#,
        );
        let s = &c.services[0];
        let cs = curves(s, None, BuyerTerms::default(), 2_000, 80);
        let at = |x: u64| cs[0].points.iter().find(|(px, _)| *px == x).and_then(|(_, y)| *y);
        // Free up to 500 (raised to the minimum), then 1 a call with the first tier's fee.
        assert_eq!(at(500), Some(dec!(30)));
        assert_eq!(at(525), Some(dec!(30)), "25 + 5 = 30: the minimum still");
        // 600 calls: 100 past the quota, 100 + 5 = 105; 601: 100 + 5 + 0.5 + 20 = 125.5.
        assert_eq!((at(600), at(601)), (Some(dec!(105)), Some(dec!(125.5))));
    }

    #[test]
    fn a_pack_breaks_even_past_the_free_quota() {
        // 1,000 free a month, then 1 a call; a 1,000-call pack at 900.
        let c = crate::engine::catalog::parse_price_list(
            r#"{"format":2,"currency":"USD","pack_products":[{"id":"p","name":"P","sizes":[{"calls":1000,"price":"900"}]}],
                "services":[{"id":"s","name":"S","packs":"p","postpaid":{"tiers":[{"price":"1"}]},"free_quota":{"calls":1000}}]}"#,
        )
        .unwrap();
        let s = &c.services[0];
        let b = break_evens(s, c.packs_of(s), BuyerTerms::default());
        // Postpaid reaches 900 at 1,000 + 900 calls.
        assert_eq!((b[0].from_calls(), b[0].postpaid_cost), (Some(1_900), Some(dec!(900))));
        // Past 2,000 calls both pay 1 a call more: no dearer at any volume from 1,900.
        assert_eq!(b[0].no_dearer, [(1_900, None)]);
    }
}

//! The optimization problem of one line in exact integer form: monthly demand, the offered pack
//! sizes with prices, the free pack, the validity, and the cost of a month's postpaid volume.
//!
//! Money is carried as an `i128` count of 10^-scale 元, where `scale` is the largest number of
//! decimal places of any price involved (at most 8 by price-list validation, plus at most 6 from
//! a discount factor, whose percentage has at most 4 decimal places): exact, and fast
//! enough for dynamic programming. Results are converted back to `Decimal` and re-priced by the
//! engine, so what the visitor sees is the engine's own arithmetic.

use rust_decimal::Decimal;
use std::cmp::Ordering;

use crate::engine::catalog::Postpaid;
use crate::engine::rating::{self, Rated, Tariff};
use crate::engine::terms::{Discount, Factors};

/// A money figure standing for "not allowed" (a refusal with postpaid off); far above any price.
pub const FORBIDDEN: i128 = i128::MAX / 4;

/// A purchase plan found by a solver: packs (month 1-based, size index, count) and its cost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackPlan {
    pub buys: Vec<(u32, usize, u64)>,
    pub cost: Cost,
}

/// What a month or a plan costs, compared lexicographically: first the calls refused (postpaid
/// off), then the calls whose price must come from sales, then money. A plan that refuses fewer
/// calls is better whatever it costs; a plan with a known price beats one that needs sales.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cost {
    pub refused: u64,
    pub sales: u64,
    pub money: i128,
}

impl Cost {
    pub const ZERO: Cost = Cost { refused: 0, sales: 0, money: 0 };
    pub const INF: Cost = Cost { refused: u64::MAX, sales: u64::MAX, money: i128::MAX };

    pub fn money(m: i128) -> Cost {
        Cost { refused: 0, sales: 0, money: m }
    }

    pub fn is_inf(&self) -> bool {
        *self == Cost::INF
    }

    /// Saturating sum (INF stays INF).
    pub fn plus(self, o: Cost) -> Cost {
        if self.is_inf() || o.is_inf() {
            return Cost::INF;
        }
        Cost {
            refused: self.refused.saturating_add(o.refused),
            sales: self.sales.saturating_add(o.sales),
            money: self.money.saturating_add(o.money),
        }
    }
}

impl Ord for Cost {
    fn cmp(&self, o: &Self) -> Ordering {
        (self.refused, self.sales, self.money).cmp(&(o.refused, o.sales, o.money))
    }
}

impl PartialOrd for Cost {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// One offered pack size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    pub calls: u64,
    /// Price in 10^-scale 元.
    pub price: i128,
}

/// The integer problem of one line.
#[derive(Clone, Debug)]
pub struct Problem {
    /// Calls per month, month 1 first.
    pub demand: Vec<u64>,
    /// Offered sizes, ascending.
    pub sizes: Vec<Size>,
    pub free_calls: u64,
    /// Months a pack lasts, its purchase month included.
    pub validity: u32,
    pub postpaid_on: bool,
    /// Money unit: 10^-scale 元.
    pub scale: u32,
    /// What calls beyond the packs cost, in units, the discount applied: the engine's rating rule
    /// ([`rating`](crate::engine::rating)) on integer prices.
    tariff: Tariff<i128>,
    /// The same at list prices in decimals, for settling a plan with the engine's own rules.
    pub listed: Tariff<Decimal>,
}

impl Problem {
    /// Builds the problem at list prices; `prices` are (calls, price) of the offered sizes.
    pub fn new(
        demand: Vec<u64>,
        prices: &[(u64, Decimal)],
        free_calls: u64,
        validity: u32,
        postpaid: &Postpaid,
        postpaid_on: bool,
    ) -> Problem {
        Problem::with_terms(demand, prices, free_calls, validity, postpaid, postpaid_on, None, None)
    }

    /// Builds the problem with the visitor's negotiated price (for unpriced volumes) and
    /// discount: pack prices and postpaid charges scaled exactly as the quote scales them.
    #[allow(clippy::too_many_arguments)]
    pub fn with_terms(
        demand: Vec<u64>,
        prices: &[(u64, Decimal)],
        free_calls: u64,
        validity: u32,
        postpaid: &Postpaid,
        postpaid_on: bool,
        negotiated: Option<Decimal>,
        discount: Option<Discount>,
    ) -> Problem {
        let factors = Factors::of(discount.as_ref());
        let pack_price = |p: Decimal| (p * factors.packs).normalize();
        let rate = |p: Decimal| (p * factors.postpaid).normalize();
        let listed = rating::tariff(postpaid, negotiated);
        let scale = prices.iter().map(|(_, p)| pack_price(*p).scale()).max().unwrap_or(0);
        let scale = listed.prices().map(|p| rate(p).scale()).fold(scale, u32::max);
        let mut sizes: Vec<Size> = prices
            .iter()
            .filter(|(c, _)| *c > 0)
            .map(|(c, p)| Size { calls: *c, price: to_units(pack_price(*p), scale) })
            .collect();
        sizes.sort_by_key(|s| s.calls);
        Problem {
            demand,
            sizes,
            free_calls,
            validity: validity.max(1),
            postpaid_on,
            scale,
            tariff: Tariff::new(postpaid, negotiated, |p| to_units(rate(p), scale)),
            listed,
        }
    }

    /// Whether calls beyond the packs are billed (otherwise refused).
    fn postpays(&self) -> bool {
        self.postpaid_on && self.tariff.offered()
    }

    /// The cost of `u` calls beyond the packs in a month whose total volume is `total`.
    pub fn month_cost(&self, u: u64, total: u64) -> Cost {
        if u == 0 {
            return Cost::ZERO;
        }
        if !self.postpays() {
            return Cost { refused: u, sales: 0, money: 0 };
        }
        match self.tariff.rate(u, total, &mut |_| ()) {
            Ok(Rated::Nothing) => Cost::ZERO,
            Ok(Rated::Priced { amount, .. }) => Cost::money(amount),
            Ok(Rated::ContactSales { .. } | Rated::Unpriced(_)) => Cost { refused: 0, sales: u, money: 0 },
            // Past the units' range: no plan of the optimizer's may take it.
            Err(_) => Cost::money(FORBIDDEN),
        }
    }

    /// The lower envelope of a month's postpaid money: the least money any postpaid volume of at
    /// least `u` costs (`f̃`), which is non-decreasing in `u`. Used only for the search's lower
    /// bounds, which only run when packs exist: then the optimum refuses nothing and needs no price
    /// from sales (enough packs cover any month), so refusals and contact-sales volumes are
    /// forbidden here — a bound over the plans that can still win.
    pub fn envelope(&self, u: u64, total: u64) -> i128 {
        if u == 0 {
            return 0;
        }
        if !self.postpays() {
            return FORBIDDEN;
        }
        let own = self.month_cost(u, total);
        let own = if own.sales > 0 { FORBIDDEN } else { own.money };
        // Where more calls can cost less (a reached tier's cliff), the least is this tier's own
        // cost (it grows within the tier) or a later tier's cost at its first volume.
        self.tariff.cheapest_later_start(u).map_or(own, |(_, later)| own.min(later))
    }

    /// Whether a month can cost less with more postpaid calls (a reached tier's cliff), so that
    /// the lower envelope differs from the month cost somewhere.
    pub fn has_cliffs(&self) -> bool {
        self.postpaid_on && self.tariff.has_cliffs()
    }

    pub fn months(&self) -> usize {
        self.demand.len()
    }

    pub fn to_decimal(&self, units: i128) -> Decimal {
        Decimal::from_i128_with_scale(units, self.scale)
    }

    /// [`Problem::to_decimal`] for sums, which may not fit a `Decimal`: `None` then.
    pub fn try_to_decimal(&self, units: i128) -> Option<Decimal> {
        Decimal::try_from_i128_with_scale(units, self.scale).ok()
    }
}

/// A price in units of 10^-scale 元 (exact: `scale` is at least the price's own scale).
pub fn to_units(d: Decimal, scale: u32) -> i128 {
    let mut d = d;
    d.rescale(scale);
    d.mantissa()
}

/// The cheapest way to buy exactly `c` calls, for every `c` that is a multiple of `g` up to `max`
/// (index `c / g`), with the pack added last (for reconstruction). Unbounded knapsack, exact.
pub struct Knapsack {
    pub g: u64,
    steps: Vec<usize>,
    /// `cost[c / g]`: least money for exactly `c` calls; `i128::MAX` where no combination gives `c`.
    pub cost: Vec<i128>,
    last: Vec<u8>,
}

impl Knapsack {
    pub fn new(sizes: &[Size], g: u64, max: u64) -> Knapsack {
        let n = (max / g) as usize + 1;
        let steps: Vec<usize> = sizes.iter().map(|s| usize::try_from(s.calls / g).unwrap_or(usize::MAX)).collect();
        let mut cost = vec![i128::MAX; n];
        let mut last = vec![u8::MAX; n];
        cost[0] = 0;
        for q in 1..n {
            for (k, s) in sizes.iter().enumerate() {
                let step = steps[k];
                if step <= q && cost[q - step] != i128::MAX {
                    let c = cost[q - step] + s.price;
                    if c < cost[q] {
                        cost[q] = c;
                        last[q] = k as u8;
                    }
                }
            }
        }
        Knapsack { g, steps, cost, last }
    }

    /// The packs (size index, count) of the cheapest way to buy `calls` (a multiple of `g`).
    pub fn packs(&self, calls: u64) -> Vec<(usize, u64)> {
        let mut q = (calls / self.g) as usize;
        let mut counts: Vec<(usize, u64)> = Vec::new();
        while q > 0 && q < self.last.len() && self.last[q] != u8::MAX {
            let k = self.last[q] as usize;
            match counts.iter_mut().find(|(i, _)| *i == k) {
                Some((_, n)) => *n += 1,
                None => counts.push((k, 1)),
            }
            q -= self.steps[k];
        }
        counts
    }
}

/// Greatest common divisor.
pub fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

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

use crate::engine::catalog::{Commitment, FreeQuota, Postpaid};
use crate::engine::rating::{self, Negotiated, Rated, Tariff};
use crate::engine::terms::{Discount, Factors};

/// A money figure standing for "not allowed" (a refusal with postpaid off); far above any price.
pub const FORBIDDEN: i128 = i128::MAX / 4;

/// A purchase plan found by a solver: packs (month 1-based, size index, count), each month's
/// choice (an index into [`Problem::choices`]; empty: choice 0 every month) and its cost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackPlan {
    pub buys: Vec<(u32, usize, u64)>,
    pub cost: Cost,
    pub taken: Vec<usize>,
}

impl PackPlan {
    /// Packs alone (no commitment taken).
    pub fn packs(buys: Vec<(u32, usize, u64)>, cost: Cost) -> PackPlan {
        PackPlan { buys, cost, taken: Vec::new() }
    }
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

/// What a month can be bought with besides packs: nothing (choice 0), or one of the service's
/// commitments, each with its fee, its calls and what calls beyond it cost.
#[derive(Clone, Debug)]
pub struct Choice {
    /// The commitment's id (empty for choice 0).
    pub id: String,
    /// The monthly fee, in units, discounted like packs.
    pub fee: i128,
    /// Calls the fee includes, drawn before packs.
    pub calls: u64,
    /// What calls beyond it and the packs cost, in units: the commitment's overage table, or the
    /// service's postpaid table.
    tariff: Tariff<i128>,
    /// The same at list prices in decimals, for settling a plan with the engine's own rules.
    pub listed: Tariff<Decimal>,
}

/// What the problem is built from: the service's rules and the buyer's terms.
pub struct Terms<'a> {
    pub postpaid: &'a Postpaid,
    pub postpaid_on: bool,
    pub negotiated: Option<Negotiated>,
    pub discount: Option<Discount>,
    /// Free calls every month (format 2).
    pub quota: Option<&'a FreeQuota>,
    /// The least a month's usage charge can be (format 2).
    pub minimum: Option<Decimal>,
    /// The commitments a month can take (format 2).
    pub commitments: &'a [Commitment],
}

impl<'a> Terms<'a> {
    /// A service's postpaid table alone, at list prices.
    pub fn postpaid(postpaid: &'a Postpaid, postpaid_on: bool) -> Terms<'a> {
        Terms { postpaid, postpaid_on, negotiated: None, discount: None, quota: None, minimum: None, commitments: &[] }
    }
}

/// The integer problem of one line.
#[derive(Clone, Debug)]
pub struct Problem {
    /// Calls per month that packs may serve (after the free quota), month 1 first.
    pub demand: Vec<u64>,
    /// Every call of each month (the volume a total-basis table reads).
    pub calls: Vec<u64>,
    /// Offered sizes, ascending.
    pub sizes: Vec<Size>,
    pub free_calls: u64,
    /// The last month (1-based) the free pack's calls can be drawn: the validity, or earlier for
    /// calls left in packs bought before month 1 (`Line::free_months`).
    pub free_last: u32,
    /// Months a pack lasts, its purchase month included.
    pub validity: u32,
    pub postpaid_on: bool,
    /// Money unit: 10^-scale 元, divided by `per`.
    pub scale: u32,
    /// Every amount is carried times this (the least common multiple of the tables' units, so a
    /// price per 1,000 calls is a whole number of units per call).
    pub per: i128,
    /// The month's minimum usage charge in units (0 where none): every month costs at least it.
    pub floor: i128,
    /// Choice 0 (no commitment), then each commitment.
    pub choices: Vec<Choice>,
    /// The free quota, for settling a plan.
    pub quota: Option<FreeQuota>,
    /// The minimum at list prices, for settling a plan.
    pub minimum: Option<Decimal>,
}

/// The amounts are past what the optimizer can hold exactly (prices and volumes at the limits of
/// the format, with units of many decimal places).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLarge;

impl Problem {
    /// Sets each size's price to `from`'s moved by `adjust[k]` for each pack of size `k`: a
    /// range's case priced with a multiplier per size (`couple`, and the search's bounds).
    /// `None` (prices left part-moved) where a price would overflow.
    pub fn move_prices(&mut self, from: &Problem, adjust: &[i128]) -> Option<()> {
        for (k, (s, orig)) in self.sizes.iter_mut().zip(&from.sizes).enumerate() {
            s.price = orig.price.checked_add(adjust.get(k).copied().unwrap_or(0))?;
        }
        Some(())
    }

    /// The free pack's calls last `months` (month 1 included; `None`: a pack's validity). Where
    /// they outlive the validity they are held to it.
    pub fn with_free_months(mut self, months: Option<u32>) -> Problem {
        self.free_last = months.map_or(self.validity, |m| m.clamp(1, self.validity));
        self
    }

    /// Builds the problem at list prices; `prices` are (calls, price) of the offered sizes.
    pub fn new(
        demand: Vec<u64>,
        prices: &[(u64, Decimal)],
        free_calls: u64,
        validity: u32,
        postpaid: &Postpaid,
        postpaid_on: bool,
    ) -> Result<Problem, TooLarge> {
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
        negotiated: Option<Negotiated>,
        discount: Option<Discount>,
    ) -> Result<Problem, TooLarge> {
        let terms = Terms { negotiated, discount, ..Terms::postpaid(postpaid, postpaid_on) };
        Problem::build(demand, prices, free_calls, validity, &terms)
    }

    /// Builds the problem of a line's `calls` under `terms`: amounts scaled exactly as the quote
    /// scales them (the discount's factors on each kind of charge), in integer units of one
    /// scale. `TooLarge` where the amounts could pass what the units hold.
    pub fn build(
        calls: Vec<u64>,
        prices: &[(u64, Decimal)],
        free_calls: u64,
        validity: u32,
        terms: &Terms,
    ) -> Result<Problem, TooLarge> {
        let factors = Factors::of(terms.discount.as_ref());
        let prepaid = |p: Decimal| (p * factors.packs).normalize();
        let usage = |p: Decimal| (p * factors.postpaid).normalize();
        let tables: Vec<Tariff<Decimal>> = std::iter::once(rating::tariff(terms.postpaid, terms.negotiated))
            .chain(terms.commitments.iter().map(|c| rating::tariff(c.table(terms.postpaid), terms.negotiated)))
            .collect();
        // The scale holds every amount's decimals; `per` every table's unit.
        let mut scale = prices.iter().map(|(_, p)| prepaid(*p).scale()).max().unwrap_or(0);
        for t in &tables {
            scale = t.prices().map(|p| usage(p).scale()).fold(scale, u32::max);
        }
        scale = terms.minimum.map_or(scale, |m| scale.max(usage(m).scale()));
        scale = terms.commitments.iter().map(|c| prepaid(c.monthly_fee).scale()).fold(scale, u32::max);
        let per = tables.iter().map(|t| i128::from(t.unit())).fold(1, lcm);
        let units = |d: Decimal| to_units(d, scale).and_then(|u| u.checked_mul(per)).ok_or(TooLarge);
        // The largest amount a month can reach must stay far below `FORBIDDEN`.
        let mut largest = 0i128;
        let mut choices = Vec::with_capacity(tables.len());
        for (k, listed) in tables.into_iter().enumerate() {
            let tariff = Tariff::new_checked(listed_source(terms, k), terms.negotiated, |p| units(usage(p)))?;
            largest = tariff.prices().fold(largest, i128::max);
            let (id, fee, calls) = match k.checked_sub(1).map(|i| &terms.commitments[i]) {
                None => (String::new(), 0, 0),
                Some(c) => (c.id.clone(), units(prepaid(c.monthly_fee))?, c.calls),
            };
            largest = largest.max(fee);
            choices.push(Choice { id, fee, calls, tariff, listed });
        }
        let mut sizes: Vec<Size> = Vec::with_capacity(prices.len());
        for (c, p) in prices.iter().filter(|(c, _)| *c > 0) {
            let price = units(prepaid(*p))?;
            largest = largest.max(price);
            sizes.push(Size { calls: *c, price });
        }
        sizes.sort_by_key(|s| s.calls);
        let floor = terms.minimum.map(|m| units(usage(m))).transpose()?.unwrap_or(0);
        let most_calls = calls.iter().copied().max().unwrap_or(0).max(free_calls);
        let months = calls.len() as i128 + 2;
        if largest
            .checked_mul(i128::from(most_calls).max(1))
            .and_then(|x| x.checked_mul(months))
            .is_none_or(|x| x >= FORBIDDEN / 4)
        {
            return Err(TooLarge);
        }
        let quota = terms.quota.cloned();
        let demand = calls
            .iter()
            .enumerate()
            .map(|(m, &v)| v.saturating_sub(quota.as_ref().map_or(0, |q| q.calls_in(m as u32 + 1))))
            .collect();
        Ok(Problem {
            demand,
            calls,
            sizes,
            free_calls,
            free_last: validity.max(1),
            validity: validity.max(1),
            postpaid_on: terms.postpaid_on,
            scale,
            per,
            floor,
            choices,
            quota,
            minimum: terms.minimum,
        })
    }

    /// Whether calls beyond the packs are billed under choice `k` (otherwise refused).
    fn postpays(&self, k: usize) -> bool {
        self.postpaid_on && self.choices[k].tariff.offered()
    }

    /// What a month of `total` calls costs with `u` calls beyond the packs and no commitment:
    /// the postpaid charge, raised to the minimum.
    pub fn month_cost(&self, u: u64, total: u64) -> Cost {
        self.month_cost_with(0, u, total)
    }

    /// [`Problem::month_cost`] under choice `k` (its fee included).
    pub fn month_cost_with(&self, k: usize, u: u64, total: u64) -> Cost {
        let c = &self.choices[k];
        let floor = Cost::money(self.floor.saturating_add(c.fee));
        if u == 0 {
            return floor;
        }
        if !self.postpays(k) {
            return Cost { refused: u, ..floor };
        }
        match c.tariff.rate(u, total, &mut |_| ()) {
            Ok(Rated::Nothing) => floor,
            Ok(Rated::Priced { amount, .. }) => Cost::money(amount.max(self.floor).saturating_add(c.fee)),
            Ok(Rated::ContactSales { .. } | Rated::Unpriced(_)) => Cost { sales: u, ..floor },
            // Past the units' range (refused when the problem was built): no plan may take it.
            Err(_) => Cost::money(FORBIDDEN),
        }
    }

    /// The month's cost above what every month pays whatever its volume (the minimum): what the
    /// cohort program weighs, adding the minimum of every month once.
    pub fn extra_cost(&self, u: u64, total: u64) -> Cost {
        let c = self.month_cost(u, total);
        Cost { money: c.money.saturating_sub(self.floor), ..c }
    }

    /// The calls packs must serve in month `m` (0-based) under choice `k`.
    pub fn demand_with(&self, k: usize, m: usize) -> u64 {
        self.demand[m].saturating_sub(self.choices[k].calls)
    }

    /// [`Problem::envelope`] under choice `k` (its fee included).
    pub fn envelope_with(&self, k: usize, u: u64, total: u64) -> i128 {
        let fee = self.choices[k].fee;
        if u == 0 {
            return fee;
        }
        if !self.postpays(k) {
            return FORBIDDEN;
        }
        let own = self.month_cost_with(k, u, total);
        let own = if own.sales > 0 { FORBIDDEN } else { own.money.saturating_sub(self.floor) };
        self.choices[k]
            .tariff
            .cheapest_later_start_within(u, total)
            .map_or(own, |(_, later)| own.min(later.max(self.floor).saturating_sub(self.floor).saturating_add(fee)))
    }

    /// Whether a month under choice `k` can cost less with more postpaid calls.
    pub fn has_cliffs_with(&self, k: usize) -> bool {
        self.postpaid_on && self.choices[k].tariff.has_cliffs()
    }

    /// The lower envelope of a month's money above the minimum: the least any postpaid volume of
    /// at least `u` and at most the month's `total` calls costs (`f̃`), which is non-decreasing in
    /// `u` up to `total`. (A month never has more postpaid calls than calls, so a cheaper volume
    /// beyond them bounds nothing: leaving it out lifts the bound of a month whose calls stop
    /// short of a cliff, e.g. 9,000 postpaid calls of a 9,500-call month at 0.85, not 0.75
    /// for 10,000.) Used only for the search's lower
    /// bounds, which only run when packs exist: then the optimum refuses nothing and needs no price
    /// from sales (enough packs cover any month), so refusals and contact-sales volumes are
    /// forbidden here — a bound over the plans that can still win.
    pub fn envelope(&self, u: u64, total: u64) -> i128 {
        self.envelope_with(0, u, total)
    }

    /// Whether a month can cost less with more postpaid calls (a reached tier's cliff), so that
    /// the lower envelope differs from the month cost somewhere.
    pub fn has_cliffs(&self) -> bool {
        self.has_cliffs_with(0)
    }

    pub fn months(&self) -> usize {
        self.demand.len()
    }

    pub fn to_decimal(&self, units: i128) -> Decimal {
        self.try_to_decimal(units).unwrap_or(Decimal::MAX)
    }

    /// [`Problem::to_decimal`] for sums, which may not fit a `Decimal`: `None` then.
    pub fn try_to_decimal(&self, units: i128) -> Option<Decimal> {
        let d = Decimal::try_from_i128_with_scale(units, self.scale).ok()?;
        if self.per == 1 { Some(d) } else { d.checked_div(Decimal::from_i128_with_scale(self.per, 0)) }
    }
}

/// The table choice `k` prices with: the service's postpaid table, or commitment `k`'s table.
fn listed_source<'t>(terms: &Terms<'t>, k: usize) -> &'t Postpaid {
    match k.checked_sub(1).map(|i| &terms.commitments[i]) {
        Some(c) => c.table(terms.postpaid),
        None => terms.postpaid,
    }
}

/// Least common multiple (of units: each divides a power of ten, so it stays small).
fn lcm(a: i128, b: i128) -> i128 {
    let g = gcd(a as u64, b as u64) as i128;
    a / g * b
}

/// An amount in units of 10^-scale of the currency, exactly; `None` where `scale` is below the
/// amount's own or the units pass an `i128` (`Decimal::rescale` would round silently).
pub fn to_units(d: Decimal, scale: u32) -> Option<i128> {
    let up = scale.checked_sub(d.scale())?;
    10i128.checked_pow(up).and_then(|f| d.mantissa().checked_mul(f))
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
                    let c = cost[q - step].saturating_add(s.price);
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

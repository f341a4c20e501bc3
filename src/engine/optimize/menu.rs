//! The exact program for a line whose service offers commitments (format 2): each month takes
//! one choice from a menu — no commitment, or one of the commitments, each with its fee, the calls
//! it includes (drawn before packs) and what calls beyond it cost — and packs are bought to
//! cover what the choices leave.
//!
//! # The program
//! It is the cohort program of `cohort`, with a choice in every month. Putting a purchase off until
//! the packs on hand run short, under the month's chosen commitment, still never costs more, and
//! such a month drains every older pack; so the state of a purchase month `t` is the calls `r`
//! carried into it, and after buying, the month's cohort serves the following months. Without a
//! choice a cohort's walk through those months is fixed; with one, every covered month may take
//! any choice whose calls the cohort covers (paying its fee, saving packs), or become the next
//! purchase month. So for each purchase month `t` the walk is a small program of its own,
//! `L_t(m, a)` over the months the cohort lasts and the calls `a` it has left, and
//!
//! `V(t, r) = min over choices k with r < d_t(k), over purchases c, of K(c) + G_k(a = r + c)`,
//! `G_k(a) = cost_k(t, d_t(k) − a) + next month` (`Z(t+1)` where the month ran short, else
//! `L_t(t+1, a − d_t(k))`), computed for every `r` of a residue class at once as an unbounded
//! knapsack backwards, as in `cohort`.
//!
//! # Proof
//! Within a pack's validity nothing expires, putting a purchase off changes no draw, and the
//! program with the true month costs is exact at once. Past it, the argument needs month costs
//! that never fall as postpaid calls grow; where a table has cliffs the program runs with each
//! choice's lower envelope for a proven bound, and with the true costs for the plan, which the
//! bound proves where they meet; otherwise the gap is stated.
//!
//! Balances live on residue classes modulo the gcd of the pack sizes: a class per remainder a
//! month's choices can leave. Work and memory are counted first and a line too large for a
//! browser tab is refused.

use std::collections::{BTreeMap, BTreeSet};

use super::problem::{Cost, FORBIDDEN, Knapsack, PackPlan, Problem, gcd};
use super::search::evaluate_with;

/// What the program found.
pub struct Planned {
    pub plan: PackPlan,
    pub proven: bool,
    pub lower_bound: Cost,
}

/// The program's fixed data: months, choices, the packs' grid.
struct Menu<'a> {
    p: &'a Problem,
    g: u64,
    s_max: u64,
    /// Each size in grid steps, with its price.
    packs: Vec<(u64, i128)>,
    /// `d[m][k]`: the calls packs must serve in month `m` under choice `k`.
    d: Vec<Vec<u64>>,
    /// The residues of the calls a month can be entered with.
    residues: Vec<Vec<u64>>,
    /// More residues than [`RESIDUE_LIMIT`]: the sets were not finished, and the line is refused.
    overflow: bool,
}

/// Most residues kept over all months (each is a grid of its own): past it the program would
/// outgrow a browser tab before its work could even be counted.
const RESIDUE_LIMIT: usize = 1 << 20;

/// A function of the calls on hand, one grid per residue class: `values[i][j]` for `a = residue
/// + j·g` of `residues[i]`.
#[derive(Clone, Default)]
struct Grids {
    residues: Vec<u64>,
    values: Vec<Vec<i128>>,
}

impl Grids {
    fn get(&self, a: u64, g: u64) -> i128 {
        match self.residues.binary_search(&(a % g)) {
            Ok(i) => self.values[i].get((a / g) as usize).copied().unwrap_or(FORBIDDEN),
            Err(_) => FORBIDDEN,
        }
    }
}

/// Values of `L_t(m, a)` already known, by (t, m, a).
type Memo = BTreeMap<(usize, usize, u64), i128>;

/// The program's values: `v[t]` the purchase states of month `t` (carried `r < d_t(0)`), `z[t]`
/// the value of entering month `t` with nothing.
struct Values {
    v: Vec<Grids>,
    z: Vec<i128>,
}

impl<'a> Menu<'a> {
    fn new(p: &'a Problem) -> Option<Menu<'a>> {
        let g = p.sizes.iter().map(|s| s.calls).reduce(gcd)?.max(1);
        let s_max = p.sizes.iter().map(|s| s.calls).max()?;
        let packs = p.sizes.iter().map(|s| (s.calls / g, s.price)).collect();
        let d: Vec<Vec<u64>> =
            p.demand.iter().map(|&x| p.choices.iter().map(|c| x.saturating_sub(c.calls)).collect()).collect();
        // A month is entered with nothing, the free pack, or what an earlier month left after its
        // choice: residues modulo g.
        let t_n = p.months();
        let mut sets: Vec<BTreeSet<u64>> = vec![BTreeSet::from([0]); t_n + 1];
        sets[0].insert(p.free_calls % g);
        let mut total = sets[0].len();
        let mut overflow = false;
        'months: for m in 0..t_n {
            let here: Vec<u64> = sets[m].iter().copied().collect();
            for &r in &here {
                for &dk in &d[m] {
                    if sets[m + 1].insert((r + g - dk % g) % g) {
                        total += 1;
                        if total > RESIDUE_LIMIT {
                            overflow = true;
                            break 'months;
                        }
                    }
                }
            }
        }
        let residues = sets.into_iter().map(|s| s.into_iter().collect()).collect();
        Some(Menu { p, g, s_max, packs, d, residues, overflow })
    }

    fn months(&self) -> usize {
        self.p.months()
    }

    /// The last month a cohort bought in month `t` is valid (within the horizon).
    fn last(&self, t: usize) -> usize {
        (t + self.p.validity as usize - 1).min(self.months() - 1)
    }

    /// The last month (0-based, within the horizon) the free pack's calls can be drawn.
    fn free_last(&self) -> usize {
        (self.p.free_last.max(1) as usize - 1).min(self.months().saturating_sub(1))
    }

    /// Every call a cohort bought in month `t` could serve before it expires.
    fn full(&self, t: usize) -> u64 {
        (t..=self.last(t)).map(|m| self.d[m][0]).sum()
    }

    /// The grid of residue `rho` in purchase month `t`: its number of points. It stops below the
    /// month's calls plus the largest pack (a cohort left with a whole largest pack after its
    /// month is never needed: that pack can be bought when the others run short), or at the
    /// first point that covers every call the cohort could serve (beyond it nothing changes).
    /// In `u64`: a `usize` is 32 bits in WebAssembly, where a grid of 10¹² calls cut to them
    /// made [`Menu::size`] smaller than natively.
    fn points(&self, t: usize, rho: u64) -> u64 {
        let (g, full, top) = (self.g, self.full(t), self.d[t][0].saturating_add(self.s_max));
        let to_full = if full > rho { (full - rho).div_ceil(g) + 1 } else { 1 };
        let to_top = if top > rho { (top - 1 - rho) / g + 1 } else { 1 };
        to_full.min(to_top)
    }

    /// The most calls a purchase in month `t` can leave on hand.
    fn most(&self, t: usize) -> u64 {
        let g = self.g;
        self.residues[t].iter().map(|&rho| rho + (self.points(t, rho) - 1) * g).max().unwrap_or(0)
    }

    /// Work units and bytes, to refuse a problem too large for a browser tab. A cohort's walk
    /// through the months it lasts visits every residue those months can be entered with, each
    /// looked up in sorted sets (counted 16 units).
    fn size(&self) -> (u128, u128) {
        if self.overflow {
            return (u128::MAX, u128::MAX);
        }
        let k = self.p.choices.len() as u128;
        let mut work = 0u128;
        let mut bytes = 0u128;
        for t in 0..self.months() {
            let n = self.points(t, 0) as u128;
            let classes = self.residues[t].len() as u128;
            // As `walk` lays it out: each month's residues, up to what the cohort can have left.
            let mut most = self.most(t).max(self.p.free_calls);
            let mut walk = 0u128;
            for m in t..=self.last(t) {
                most = most.saturating_sub(self.d[m].iter().copied().min().unwrap_or(0));
                let residues = self.residues[(m + 1).min(self.months())].len() as u128;
                walk += residues * (most / self.g + 1) as u128;
            }
            work += classes * n * k * (self.packs.len() as u128 + 2) + walk * k * 8;
            bytes += classes * ((self.d[t][0] / self.g + 1) as u128 * 16 + 48);
        }
        (work, bytes + self.points(0, 0) as u128 * 48 * k)
    }

    /// `L_t(t+1, ·)`: what a cohort bought in month `t` is worth from month `t+1` on, with `a`
    /// calls left after month `t`; over every residue a month-`t` choice can leave, up to what a
    /// purchase in `t` can leave.
    fn walk(&self, t: usize, vals: &Values, cost: &impl Fn(usize, usize, u64) -> i128) -> Grids {
        let (t_n, g) = (self.months(), self.g);
        let last = self.last(t);
        let after = |m: usize| if m >= t_n { 0 } else { vals.z[m] };
        // What the cohort can have left entering month m, at most.
        let mut most = self.most(t).max(self.p.free_calls);
        let mut residues: BTreeSet<u64> = self.residues[t].iter().copied().collect();
        let mut layers: Vec<(Vec<u64>, u64)> = Vec::new();
        for m in t..=last {
            let next: BTreeSet<u64> =
                residues.iter().flat_map(|&r| self.d[m].iter().map(move |&dk| (r + g - dk % g) % g)).collect();
            most = most.saturating_sub(self.d[m].iter().copied().min().unwrap_or(0));
            residues = next;
            layers.push((residues.iter().copied().collect(), most));
        }
        // Backwards from the cohort's last month: past it, the cohort has expired.
        let mut later: Option<Grids> = None;
        for (i, m) in (t + 1..last + 1).enumerate().rev() {
            let (res, most) = &layers[i];
            let mut grids = Grids { residues: res.clone(), values: Vec::with_capacity(res.len()) };
            for &rho in res {
                let n = if *most >= rho { ((most - rho) / g) as usize + 1 } else { 0 };
                let mut row = Vec::with_capacity(n);
                for j in 0..n {
                    let a = rho + j as u64 * g;
                    // A purchase month (some choice needs more than the cohort has)...
                    let mut best = if a < self.d[m][0] { vals.v[m].get(a, g) } else { FORBIDDEN };
                    // ...or a month the cohort covers under choice k.
                    for (k, &dk) in self.d[m].iter().enumerate() {
                        if a >= dk {
                            let rest = match &later {
                                Some(l) if m < last => l.get(a - dk, g),
                                _ => after(m + 1),
                            };
                            best = best.min(cost(m, k, 0).saturating_add(rest).min(FORBIDDEN));
                        }
                    }
                    row.push(best);
                }
                grids.values.push(row);
            }
            later = Some(grids);
        }
        later.unwrap_or_default()
    }

    /// `G_k` over the grid of residue `rho` in purchase month `t`, and its knapsack closure: the
    /// least cost from month `t` on with `r = rho + j·g` carried, buying first, under choice `k`.
    fn closure(
        &self,
        t: usize,
        k: usize,
        rho: u64,
        walk: &Grids,
        vals: &Values,
        cost: &impl Fn(usize, usize, u64) -> i128,
    ) -> (Vec<i128>, Vec<u64>) {
        let (t_n, g) = (self.months(), self.g);
        let dk = self.d[t][k];
        // Within what `size` let through, so it fits a usize anywhere.
        let n = self.points(t, rho) as usize;
        let next_z = if t + 1 >= t_n { 0 } else { vals.z[t + 1] };
        let w: Vec<i128> = (0..n)
            .map(|j| {
                let a = rho + j as u64 * g;
                // Short of the month's calls, or a cohort that expires with the month: nothing
                // is carried into the next.
                let rest = if a <= dk || t >= self.last(t) { next_z } else { walk.get(a - dk, g) };
                cost(t, k, dk.saturating_sub(a)).saturating_add(rest).min(FORBIDDEN)
            })
            .collect();
        // Past the grid: where it reaches every call the cohort can serve, a larger purchase
        // serves them all too (the grid's last value); otherwise it is one no plan needs.
        let tail = if rho + (n as u64 - 1) * g >= self.full(t) { w[n - 1] } else { FORBIDDEN };
        let mut best = vec![0i128; n];
        let mut via = vec![0u64; n];
        for j in (0..n).rev() {
            let (mut b, mut at) = (w[j], j as u64);
            for &(step, price) in &self.packs {
                let i = j as u64 + step;
                let (next, next_at) = if i < n as u64 { (best[i as usize], via[i as usize]) } else { (tail, i) };
                let c = price.saturating_add(next);
                if c < b {
                    b = c;
                    at = next_at;
                }
            }
            best[j] = b.min(FORBIDDEN);
            via[j] = at;
        }
        (best, via)
    }

    /// The program backwards, under `cost(m, k, u)` (the money of month `m` under choice `k` with
    /// `u` calls beyond packs, above the minimum every month pays).
    fn run(&self, cost: &impl Fn(usize, usize, u64) -> i128) -> Values {
        let t_n = self.months();
        let g = self.g;
        let mut vals = Values { v: vec![Grids::default(); t_n], z: vec![0; t_n + 1] };
        for t in (0..t_n).rev() {
            let walk = if t + 1 < t_n { self.walk(t, &vals, cost) } else { Grids::default() };
            let mut grids = Grids { residues: self.residues[t].clone(), values: Vec::new() };
            for &rho in &self.residues[t] {
                // Purchase states: carried r < d_t(0); each choice k with r < d_t(k) may be taken.
                let states = if self.d[t][0] > rho { (self.d[t][0] - rho).div_ceil(g) as usize } else { 0 };
                let mut row = vec![FORBIDDEN; states];
                for k in 0..self.p.choices.len() {
                    let (best, _) = self.closure(t, k, rho, &walk, &vals, cost);
                    for (j, slot) in row.iter_mut().enumerate() {
                        if rho + (j as u64) * g < self.d[t][k] {
                            *slot = (*slot).min(best.get(j).copied().unwrap_or(FORBIDDEN));
                        }
                    }
                }
                grids.values.push(row);
            }
            vals.v[t] = grids;
            // Entering month t with nothing: a purchase month, or a month a choice covers alone.
            let next = vals.z[t + 1];
            let mut z = if self.d[t][0] > 0 { vals.v[t].get(0, g) } else { FORBIDDEN };
            for (k, &dk) in self.d[t].iter().enumerate() {
                if dk == 0 {
                    z = z.min(cost(t, k, 0).saturating_add(next).min(FORBIDDEN));
                }
            }
            vals.z[t] = z;
        }
        vals
    }

    /// The plan the values choose, read forwards: purchases (month 1-based, calls) and each
    /// month's choice.
    fn read(&self, vals: &Values, cost: &impl Fn(usize, usize, u64) -> i128) -> (Vec<(u32, u64)>, Vec<usize>) {
        let (t_n, g) = (self.months(), self.g);
        let mut buys = Vec::new();
        let mut taken = vec![0usize; t_n];
        // The calls on hand entering month m, and the last month of the cohort holding them
        // (the free pack's own, then each purchase's).
        let (mut m, mut a, mut last) = (0usize, self.p.free_calls, self.free_last());
        let mut memo = Memo::new();
        while m < t_n {
            if a > 0 && m > last {
                a = 0;
            }
            let here = self.walk_value(last, m, a, vals, cost, &mut memo);
            // A month the calls on hand cover under some choice, where that is the best move.
            let covered = self.d[m].iter().enumerate().find_map(|(k, &dk)| {
                if a < dk || (a == 0 && dk > 0) {
                    return None;
                }
                let left = if m == last { 0 } else { a - dk };
                let rest = self.walk_value(last, m + 1, left, vals, cost, &mut memo);
                let v = cost(m, k, 0).saturating_add(rest).min(FORBIDDEN);
                (v == here).then_some((k, left))
            });
            if let Some((k, left)) = covered {
                taken[m] = k;
                a = left;
                m += 1;
                continue;
            }
            // A purchase month: the choice, and the calls on hand after buying.
            let (rho, j) = (a % g, (a / g) as usize);
            let walk = self.walk(m, vals, cost);
            let found = (0..self.p.choices.len()).filter(|&k| a < self.d[m][k]).find_map(|k| {
                let (best, via) = self.closure(m, k, rho, &walk, vals, cost);
                (best.get(j).copied() == Some(here)).then(|| (k, rho + via[j] * g))
            });
            let (k, x) = found.unwrap_or((0, a));
            taken[m] = k;
            if x > a {
                buys.push((m as u32 + 1, x - a));
            }
            let dk = self.d[m][k];
            (a, last) = if x > dk && m < self.last(m) { (x - dk, self.last(m)) } else { (0, self.last(m)) };
            m += 1;
        }
        (buys, taken)
    }

    /// `L_t(m, a)` for one state of a cohort valid through month `last` (0-based), by its
    /// definition (the reading of a plan asks a few). States are kept in `memo`: without it the
    /// choices of every covered month would multiply.
    fn walk_value(
        &self,
        last: usize,
        m: usize,
        a: u64,
        vals: &Values,
        cost: &impl Fn(usize, usize, u64) -> i128,
        memo: &mut Memo,
    ) -> i128 {
        let t_n = self.months();
        if m >= t_n {
            return 0;
        }
        if a == 0 || m > last {
            return vals.z[m];
        }
        if let Some(v) = memo.get(&(last, m, a)) {
            return *v;
        }
        let mut best = if a < self.d[m][0] { vals.v[m].get(a, self.g) } else { FORBIDDEN };
        for (k, &dk) in self.d[m].iter().enumerate() {
            if a >= dk {
                let left = if m == last { 0 } else { a - dk };
                let rest = self.walk_value(last, m + 1, left, vals, cost, memo);
                best = best.min(cost(m, k, 0).saturating_add(rest).min(FORBIDDEN));
            }
        }
        memo.insert((last, m, a), best);
        best
    }
}

/// Without packs every month is on its own: the cheapest choice of each (ranked by calls
/// refused, calls needing a price from sales, money).
pub fn choices_alone(p: &Problem) -> PackPlan {
    let taken: Vec<usize> = (0..p.months())
        .map(|m| {
            (0..p.choices.len()).min_by_key(|&k| p.month_cost_with(k, p.demand_with(k, m), p.calls[m])).unwrap_or(0)
        })
        .collect();
    let cost = evaluate_with(p, &[], &taken);
    PackPlan { buys: Vec::new(), cost, taken }
}

/// Work units and bytes the program would take; `None` when no pack is offered.
pub fn size(p: &Problem) -> Option<(u128, u128)> {
    Menu::new(p).map(|m| m.size())
}

/// The cheapest packs and choices (see the module docs); `None` when no pack is offered.
pub fn solve(p: &Problem) -> Option<Planned> {
    let menu = Menu::new(p)?;
    let money = |c: Cost| if c.refused > 0 || c.sales > 0 { FORBIDDEN } else { c.money };
    let exact = |m: usize, k: usize, u: u64| money(p.month_cost_with(k, u, p.calls[m])).saturating_sub(p.floor);
    let base = p.floor.saturating_mul(p.months() as i128);
    let plan_of = |cost: &dyn Fn(usize, usize, u64) -> i128| -> (PackPlan, i128) {
        let cost = |m: usize, k: usize, u: u64| cost(m, k, u);
        let vals = menu.run(&cost);
        let value = menu.walk_value(menu.free_last(), 0, p.free_calls, &vals, &cost, &mut Memo::new());
        let (calls, taken) = menu.read(&vals, &cost);
        let buys = packs_for(p, menu.g, &calls);
        let cost = evaluate_with(p, &buys, &taken);
        (PackPlan { buys, cost, taken }, value.saturating_add(base))
    };
    let within = p.months() <= p.validity as usize;
    let cliffs = (0..p.choices.len()).any(|k| p.has_cliffs_with(k));
    let (plan, value) = plan_of(&exact);
    if within || !cliffs {
        debug_assert_eq!(plan.cost.money, value, "the program's value is the plan's cost");
        let lower_bound = plan.cost;
        return Some(Planned { plan, proven: true, lower_bound });
    }
    // Past the validity, with cliffs: the envelope's optimum bounds every plan.
    let envelope = |m: usize, k: usize, u: u64| p.envelope_with(k, u, p.calls[m]);
    let (low_plan, low) = plan_of(&envelope);
    let plan = if low_plan.cost < plan.cost { low_plan } else { plan };
    let proven = plan.cost.refused == 0 && plan.cost.sales == 0 && plan.cost.money <= low;
    let lower_bound = if proven { plan.cost } else { Cost::money(low).min(plan.cost) };
    Some(Planned { plan, proven, lower_bound })
}

/// Purchases of exact totals (month, calls) as packs: the cheapest combination for each.
fn packs_for(p: &Problem, g: u64, calls: &[(u32, u64)]) -> Vec<(u32, usize, u64)> {
    let max = calls.iter().map(|c| c.1).max().unwrap_or(0);
    let knap = Knapsack::new(&p.sizes, g, max);
    let mut buys: Vec<(u32, usize, u64)> = Vec::new();
    for &(month, c) in calls {
        for (k, n) in knap.packs(c) {
            buys.push((month, k, n));
        }
    }
    buys.sort();
    buys
}

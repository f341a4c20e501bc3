//! The exact optimizer for one volume over any horizon, expiry included: a dynamic program over
//! the months in which packs are bought, whose state is a single cohort of packs.
//!
//! # Why one cohort is enough
//! Buying in a month whose packs on hand already cover its calls can be put off to the next month
//! at no cost: nothing of the new packs is drawn that month, they expire a month later, and every
//! month after is served at least as well. With a month cost that never falls as its postpaid
//! volume grows, that never costs more; so some optimal plan buys only in months the packs on hand
//! cannot cover. Such a month drains all the older packs (first in, first out), so after it only
//! the packs bought that month are left. The state at a purchase month `t` is therefore just the
//! calls `r < demand[t]` carried into it; after buying `c` calls the month settles and the cohort
//! `r + c − demand[t]` serves the following months until it runs short (the next decision) or
//! expires (the next decision, with nothing carried).
//!
//! `V(t, r) = min over c of K(c) + W(t, r + c)`, where `K` is the cheapest way to buy exactly `c`
//! calls and `W(t, a)` the month's postpaid cost plus the value where the cohort lands. For each
//! residue `r mod g` (`g` the gcd of the pack sizes; the residue is fixed by the month the packs
//! last ran out) `V` is computed over the whole grid of `a` at once, as an unbounded knapsack
//! backwards: `V[j] = min(W[j], pₖ + V[j + sₖ/g])`.
//!
//! # Proof
//! The reached-tier rule has cliffs (10,001 calls can cost less than 9,900), where the argument
//! above does not hold. Within the validity it is not needed (nothing expires: putting a purchase
//! off changes no draw), so the program with the true month cost is exact at once. Past it, when
//! the tiers have cliffs, the program first runs with the month cost's lower envelope
//! `f̃(u) = min of f(u')` over `u ≤ u' ≤` the month's calls (no month goes postpaid for more),
//! which never falls there, so the program is exact for it and its
//! optimum is a lower bound on every plan; its plan, priced by the true rules, usually costs
//! exactly that, which proves it. If not, the program runs with the true month cost for a second
//! plan, and the branch and bound (`search`) starts from the better one to close the gap within
//! its budgets (skipped when its tables would not fit a browser tab); otherwise the gap is
//! reported.
//!
//! The same program's values, kept for every state ([`Table`]), bound what any packs on hand can
//! still cost: the search over a range's cases uses them past the validity.
//!
//! Time O(Σₜ Rₜ · Qₜ · m): `Rₜ` residues in month `t` (at most one per earlier month), `Qₜ` the
//! calls a cohort bought in month `t` can serve before it expires, plus the largest pack, over
//! `g`, and `m` pack sizes. Memory: each state's choice (8 bytes), and the values of one validity's
//! months.

use std::collections::BTreeSet;

use super::problem::{Cost, FORBIDDEN, Knapsack, PackPlan, Problem, gcd};
use super::search::{self, evaluate};

/// The result: the plan, whether it is proven optimal, and a proven lower bound.
pub struct Solved {
    pub plan: PackPlan,
    pub proven: bool,
    pub lower_bound: Cost,
    /// Whether the branch and bound had to close a gap the program left.
    pub searched: bool,
}

impl Solved {
    /// A plan the program proved by itself.
    fn proven(plan: PackPlan) -> Solved {
        Solved { lower_bound: plan.cost, plan, proven: true, searched: false }
    }
}

/// Where the calls available in a purchase month leave the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Landing {
    /// The horizon ends.
    End,
    /// The next purchase month, with nothing carried.
    Reset(usize),
    /// The next purchase month `t` with `r` calls carried (`0 < r < demand[t]`, or `r = 0`).
    At(usize, u64),
}

/// The shape of the program: months, residues, grid sizes.
struct Shape<'a> {
    p: &'a Problem,
    g: u64,
    s_max: u64,
    /// Each size in grid steps (a pack may be far larger than any grid: `u64`, not `usize`,
    /// which is 32 bits in WebAssembly).
    steps: Vec<u64>,
    /// `before[t]`: calls demanded in months `0..t`.
    before: Vec<u64>,
    /// Residues present in each month.
    residues: Vec<Vec<u64>>,
    /// Where the free pack (lasting to `Problem::free_last`) leaves month 0.
    root: Landing,
    /// The longest grid of any month and residue.
    widest: u64,
}

impl<'a> Shape<'a> {
    fn new(p: &'a Problem) -> Option<Shape<'a>> {
        let g = p.sizes.iter().map(|s| s.calls).reduce(gcd)?.max(1);
        let t_n = p.months();
        let mut before = vec![0u64; t_n + 1];
        for t in 0..t_n {
            before[t + 1] = before[t].saturating_add(p.demand[t]);
        }
        let steps = p.sizes.iter().map(|s| s.calls / g).collect();
        let s_max = p.sizes.iter().map(|s| s.calls).max()?;
        let mut shape = Shape { p, g, s_max, steps, before, residues: Vec::new(), root: Landing::End, widest: 0 };
        shape.root = if t_n == 0 {
            Landing::End
        } else if p.free_calls > 0 {
            shape.walk(0, p.free_calls, p.free_last.max(1) as usize - 1)
        } else {
            Landing::At(0, 0)
        };
        let mut sets: Vec<BTreeSet<u64>> = vec![BTreeSet::from([0]); t_n];
        if let Landing::At(t, r) = shape.root {
            sets[t].insert(r % g);
        }
        let v = p.validity as usize;
        for t in 0..t_n {
            let here: Vec<u64> = sets[t].iter().copied().collect();
            // A cohort bought in month t lands in month t2 only if it can reach it: the calls of
            // months t..t2 are at most the grid's top (see `grid`).
            let top = shape.top(t);
            let tail = &mut sets[t + 1..];
            for (i, set) in tail.iter_mut().take(v.saturating_sub(1)).enumerate() {
                let off = shape.before[t + 1 + i] - shape.before[t];
                if off > top {
                    break;
                }
                for &rho in &here {
                    set.insert((rho + g - off % g) % g);
                }
            }
        }
        shape.residues = sets.into_iter().map(|s| s.into_iter().collect()).collect();
        let s = &shape;
        let widest = (0..t_n).flat_map(|t| s.residues[t].iter().map(move |&rho| s.grid(t, rho).0)).max();
        shape.widest = widest.unwrap_or(0);
        Some(shape)
    }

    /// The last month a cohort bought in month `t` is valid (within the horizon).
    fn last(&self, t: usize) -> usize {
        (t + self.p.validity as usize - 1).min(self.p.months() - 1)
    }

    /// The most calls a purchase in month `t` may leave available (see `grid`).
    fn top(&self, t: usize) -> u64 {
        self.p.demand[t].saturating_add(self.s_max - 1)
    }

    /// State `(t, r)`: the index of its residue in month `t` and its place on that residue's grid.
    fn slot(&self, t: usize, r: u64) -> (usize, usize) {
        let k = self.residues[t].binary_search(&(r % self.g)).expect("every landing residue is tracked");
        (k, (r / self.g) as usize)
    }

    /// A cohort of `left` calls, after month `t − 1`, valid through month `last`: where it runs
    /// short or expires.
    fn walk(&self, t: usize, left: u64, last: usize) -> Landing {
        let t_n = self.p.months();
        let last = last.min(t_n.saturating_sub(1));
        let start = self.before[t];
        let mut t2 = t;
        while t2 <= last {
            if self.before[t2 + 1] - start > left {
                return Landing::At(t2, left - (self.before[t2] - start));
            }
            t2 += 1;
        }
        if t2 >= t_n { Landing::End } else { Landing::Reset(t2) }
    }

    /// The grid for residue `rho` in month `t`, and the first `a` that covers every call the
    /// cohort can serve before it expires (beyond it nothing changes). The grid stops there, or
    /// below `demand[t] + largest pack`: a cohort left with at least the largest pack after its
    /// month is never needed, since the last pack of such a purchase can be bought when the
    /// others run short instead, at the same price and expiring later.
    ///
    /// Counted in `u64`: in WebAssembly a `usize` is 32 bits, and a grid of 10¹² calls cut to
    /// them made [`Shape::size`] smaller there than natively (it must never pass a program too
    /// large to run; the program itself only runs on grids [`size`] let through).
    fn grid(&self, t: usize, rho: u64) -> (u64, u64) {
        let full = self.before[self.last(t) + 1] - self.before[t];
        let top = self.top(t);
        let to_full = if full > rho { (full - rho).div_ceil(self.g) + 1 } else { 1 };
        let to_top = if top >= rho { (top - rho) / self.g + 1 } else { 1 };
        (to_full.min(to_top), full)
    }

    /// States (carried calls `r < demand[t]`, or `r = 0`) of residue `rho` in month `t` (in
    /// `u64`, as [`Shape::grid`]).
    fn states(&self, t: usize, rho: u64) -> u64 {
        let v = self.p.demand[t].max(1);
        if rho < v { (v - 1 - rho) / self.g + 1 } else { 0 }
    }

    /// Work units and bytes the program takes.
    fn size(&self) -> (u128, u128) {
        let mut work = 0u128;
        let mut states = 0u128;
        let mut window = vec![0u128; self.p.months()];
        for (t, rs) in self.residues.iter().enumerate() {
            for &rho in rs {
                work += self.grid(t, rho).0 as u128 * (self.steps.len() as u128 + 2);
                let s = self.states(t, rho) as u128;
                states += s;
                window[t] += s;
            }
        }
        let v = self.p.validity as usize;
        let widest = (0..window.len()).map(|t| window[t..window.len().min(t + v + 1)].iter().sum::<u128>()).max();
        // The grid's temporaries: W and V (16 bytes each) and the choices (8).
        let temp = self.widest as u128 * 40;
        // Past the validity with cliffs the program may run twice (the envelope, then the costs).
        let runs = if self.p.months() > self.p.validity as usize && self.p.has_cliffs() { 2 } else { 1 };
        (work * runs, states * 8 + widest.unwrap_or(0) * 16 + temp)
    }
}

/// Work units (both runs, where the proof needs two) and bytes the program would take, to refuse
/// problems too large for a browser tab; `None` when no pack is offered.
pub fn size(p: &Problem) -> Option<(u128, u128)> {
    Shape::new(p).map(|s| s.size())
}

/// The program's money: 64 bits where the figures fit (its inner loop, a third of a 60-month
/// range's time, then moves half the bytes), else 128. Every figure is held within
/// [`Value::CAP`]: one that reaches it means "forbidden, or at least this much", and [`plan_of`]
/// trusts a 64-bit run only where its optimum stays below. The tables the search keeps
/// ([`Table`]) stay in 128 bits: in 64 they took no less time, and their smaller size changed
/// how the search spends its memory.
trait Value: Copy + Ord + std::ops::Add<Output = Self> {
    /// The ceiling, a quarter of the range: two figures below it add without overflow.
    const CAP: Self;
    const ZERO: Self;
    /// `x` held within `−CAP..=CAP`.
    fn of(x: i128) -> Self;
}

impl Value for i64 {
    const CAP: i64 = i64::MAX / 4;
    const ZERO: i64 = 0;
    fn of(x: i128) -> i64 {
        x.clamp(-(Self::CAP as i128), Self::CAP as i128) as i64
    }
}

impl Value for i128 {
    const CAP: i128 = FORBIDDEN;
    const ZERO: i128 = 0;
    fn of(x: i128) -> i128 {
        x.clamp(-FORBIDDEN, FORBIDDEN)
    }
}

/// One run of the program: the optimum's value and each state's chosen `a` (as a grid index) for
/// reading the plan back.
struct Run<V> {
    value: V,
    choice: Vec<Vec<Vec<u64>>>,
    /// Every state's value, where kept (`run(…, true)`; else empty).
    values: Vec<Vec<Vec<V>>>,
}

fn run<V: Value>(s: &Shape, month_cost: impl Fn(usize, u64) -> i128, keep: bool) -> Run<V> {
    let p = s.p;
    let t_n = p.months();
    let v = p.validity as usize;
    let g = s.g;
    // Values of each month's states by residue index, kept while a later purchase may land there.
    let mut values: Vec<Vec<Vec<V>>> = vec![Vec::new(); t_n];
    let mut choice: Vec<Vec<Vec<u64>>> = vec![Vec::new(); t_n];
    let mut reset = vec![V::ZERO; t_n + 1];
    let mut w: Vec<V> = Vec::new();
    let mut best: Vec<V> = Vec::new();
    let mut via: Vec<u64> = Vec::new();
    let packs: Vec<(u64, V)> = s.steps.iter().zip(&p.sizes).map(|(&step, size)| (step, V::of(size.price))).collect();
    let packs = &packs[..];
    for t in (0..t_n).rev() {
        if t + v + 1 < t_n && !keep {
            values[t + v + 1] = Vec::new();
        }
        let d = p.demand[t];
        let last = s.last(t);
        let covered = if last + 1 >= t_n { V::ZERO } else { reset[last + 1] };
        let mut vals_t = Vec::with_capacity(s.residues[t].len());
        let mut choice_t = Vec::with_capacity(s.residues[t].len());
        for &rho in &s.residues[t] {
            // Within what `size` let through, so it fits a usize anywhere.
            let (n, full) = s.grid(t, rho);
            let n = n as usize;
            let a_of = |j: usize| rho + j as u64 * g;
            // W over the grid: short of the month's calls, the month's own cost; then the
            // stretches landing in each later month (a contiguous run of that month's states);
            // then everything the cohort can serve, served.
            w.clear();
            let mut j = 0;
            while j < n && a_of(j) < d {
                w.push((V::of(month_cost(t, d - a_of(j))) + reset[t + 1]).min(V::CAP));
                j += 1;
            }
            // `t2` indexes `before`, `residues` and `values` alike.
            #[allow(clippy::needless_range_loop)]
            for t2 in t + 1..=last {
                if j >= n {
                    break;
                }
                let off = s.before[t2] - s.before[t];
                let end = s.before[t2 + 1] - s.before[t];
                if a_of(j) >= end {
                    continue;
                }
                let k = s.residues[t2].binary_search(&((rho + g - off % g) % g)).expect("landing residue tracked");
                let row = &values[t2][k][..];
                let q = ((a_of(j) - off) / g) as usize;
                // The grid points landing here: from `j` up to the first `a` reaching `end`.
                let stop = (((end - rho).div_ceil(g)) as usize).min(n);
                w.extend_from_slice(&row[q..q + (stop - j)]);
                j = stop;
            }
            debug_assert!(j == n || a_of(j) >= full);
            w.resize(n, covered);
            // Buying: V[j] = min(W[j], price + V[j + step]). Past the grid: everything covered
            // if the grid reaches that far, else a cohort no optimal plan leaves (see `grid`).
            // (Slices, not vectors, in this loop: it is the program's time.)
            let tail = if a_of(n - 1) >= full { covered } else { V::CAP };
            best.clear();
            best.resize(n, V::ZERO);
            via.clear();
            via.resize(n, 0);
            let (wv, bv, vv) = (&w[..n], &mut best[..n], &mut via[..n]);
            for j in (0..n).rev() {
                let mut b = wv[j];
                let mut at = j as u64;
                for &(step, price) in packs {
                    let i = j as u64 + step;
                    let (next, next_at) = if i < n as u64 { (bv[i as usize], vv[i as usize]) } else { (tail, i) };
                    // Both at most CAP (a quarter of the range): no overflow.
                    let c = price + next;
                    if c < b {
                        b = c;
                        at = next_at;
                    }
                }
                bv[j] = b.min(V::CAP);
                vv[j] = at;
            }
            let states = s.states(t, rho).min(n as u64) as usize;
            vals_t.push(best[..states].to_vec());
            choice_t.push(via[..states].to_vec());
        }
        values[t] = vals_t;
        choice[t] = choice_t;
        let (k, _) = s.slot(t, 0);
        reset[t] = values[t][k][0];
    }
    let value = match s.root {
        Landing::End => V::ZERO,
        Landing::Reset(t) => reset[t],
        Landing::At(t, r) => {
            let (k, q) = s.slot(t, r);
            values[t][k][q]
        }
    };
    Run { value, choice, values: if keep { values } else { Vec::new() } }
}

/// Reads the plan back from the choices: purchases as (month 1-based, calls).
fn read_plan(s: &Shape, choice: &[Vec<Vec<u64>>]) -> Vec<(u32, u64)> {
    let p = s.p;
    let t_n = p.months();
    let v = p.validity as usize;
    let mut buys = Vec::new();
    let mut at = s.root;
    loop {
        let (t, r) = match at {
            Landing::End => break,
            Landing::Reset(t) => (t, 0),
            Landing::At(t, r) => (t, r),
        };
        let (k, q) = s.slot(t, r);
        let a = r % s.g + choice[t][k][q] * s.g;
        if a > r {
            buys.push((t as u32 + 1, a - r));
        }
        let d = p.demand[t];
        at = if a < d {
            if t + 1 >= t_n { Landing::End } else { Landing::Reset(t + 1) }
        } else {
            s.walk(t + 1, a - d, t + v - 1)
        };
        if let Landing::At(t2, _) | Landing::Reset(t2) = at {
            debug_assert!(t2 > t);
        }
    }
    buys
}

/// Solves exactly (see the module docs); where a gap is left, searches every plan for at most
/// `search_limit` choices. `None` when no pack is offered.
pub fn solve(p: &Problem, search_limit: u64, on_plan: &mut dyn FnMut(&PackPlan)) -> Option<Solved> {
    let s = Shape::new(p)?;
    // The envelope's optimum is a lower bound; its plan, priced by the true rules, usually costs
    // exactly that, which proves it.
    let (plan, low) = match first_pass(&s) {
        Pass::Exact(plan) => return Some(Solved::proven(plan)),
        Pass::Envelope(plan, low) => (plan, low),
    };
    let proves = |c: Cost| c.refused == 0 && c.sales == 0 && c.money <= low;
    if proves(plan.cost) {
        return Some(Solved::proven(plan));
    }
    let (other, _) = plan_of(&s, exact_cost(p));
    let plan = if other.cost < plan.cost { other } else { plan };
    if proves(plan.cost) {
        return Some(Solved::proven(plan));
    }
    // A cliff the plan cannot use leaves a gap: the branch and bound over every plan, starting
    // from this one, closes it when it finishes within its budget.
    on_plan(&plan);
    if search::memory(p) > super::MEMORY_LIMIT {
        // The search's tables would not fit a browser tab: the gap stands, stated.
        return Some(Solved { lower_bound: Cost::money(low).min(plan.cost), plan, proven: false, searched: false });
    }
    let searched = search::solve_one(p, plan, search_limit);
    let lower_bound = if searched.proven { searched.plan.cost } else { searched.lower_bound.max(Cost::money(low)) };
    Some(Solved {
        proven: searched.proven,
        lower_bound: lower_bound.min(searched.plan.cost),
        plan: searched.plan,
        searched: true,
    })
}

/// The program's relaxed optimum alone, for the coupling of a range's cases: a lower bound on
/// every plan of `p` (the exact optimum within the validity or without cliffs, the envelope's
/// past it) and the plan that attains it, priced by the rules. Unlike [`solve`], it neither runs
/// the program again with the rules' costs nor searches: the coupling wants the relaxed optimum
/// and the steps its plan buys, and the bound is the same. `None` where no pack is offered.
pub fn relaxed(p: &Problem) -> Option<(PackPlan, Cost)> {
    Some(match first_pass(&Shape::new(p)?) {
        Pass::Exact(plan) => {
            let cost = plan.cost;
            (plan, cost)
        }
        Pass::Envelope(plan, low) => {
            let low = Cost::money(low).min(plan.cost);
            (plan, low)
        }
    })
}

/// The program's first pass (see [`first_pass`]).
enum Pass {
    /// With the rules' costs, where they are exact for it: the plan is the optimum.
    Exact(PackPlan),
    /// Under the month cost's lower envelope: the plan, priced by the rules, and the envelope's
    /// optimum, a lower bound on every plan.
    Envelope(PackPlan, i128),
}

/// The program run once on `s`: with the rules' costs within the validity or without cliffs
/// (where it is exact), else under the envelope, which [`solve`] and [`relaxed`] both start from.
fn first_pass(s: &Shape) -> Pass {
    let p = s.p;
    // The program weighs each month's cost above the minimum every month pays anyway; the plan's
    // cost by the rules includes it, so the program's values are compared with `base` added.
    let base = p.floor.saturating_mul(p.months() as i128);
    if p.months() <= p.validity as usize || !p.has_cliffs() {
        let (plan, value) = plan_of(s, exact_cost(p));
        debug_assert_eq!(plan.cost.money, value + base, "the program's value is the plan's cost");
        return Pass::Exact(plan);
    }
    let (plan, low) = plan_of(s, |t, u| p.envelope(u, p.calls[t]));
    Pass::Envelope(plan, low.saturating_add(base))
}

/// A month's cost by the rules as the program weighs it: calls refused or priced by sales are
/// forbidden.
fn exact_cost(p: &Problem) -> impl Fn(usize, u64) -> i128 + '_ {
    move |t, u| {
        let c = p.extra_cost(u, p.calls[t]);
        if c.refused > 0 || c.sales > 0 { FORBIDDEN } else { c.money }
    }
}

/// The program's optimum under `month_cost`, its plan in packs, and the plan's cost by the rules.
fn plan_of(s: &Shape, month_cost: impl Fn(usize, u64) -> i128) -> (PackPlan, i128) {
    let p = s.p;
    // In 64 bits where the optimum fits. Costs are never negative, so every state on the
    // optimum's path is worth at most the optimum; below the ceiling the two widths agree on
    // every figure, so they make the same choice at each of those states (a price past the
    // ceiling, held at it, makes any path through it worth at least the ceiling).
    let below = |x: i128| x.unsigned_abs() < i64::CAP as u128;
    let narrow = Some(run::<i64>(s, &month_cost, false)).filter(|r| below(i128::from(r.value)));
    let (value, choice) = match narrow {
        Some(r) => (i128::from(r.value), r.choice),
        None => {
            let r = run::<i128>(s, &month_cost, false);
            (r.value, r.choice)
        }
    };
    let calls = read_plan(s, &choice);
    drop(choice);
    // A purchase is a path of packs within the grid, then at most one pack past it (where the
    // grid ends, everything is covered): a knapsack over the widest grid, plus that last pack.
    let max_c = calls.iter().map(|c| c.1).max().unwrap_or(0).min((s.widest + 1).saturating_mul(s.g));
    let knap = Knapsack::new(&p.sizes, s.g, max_c);
    let mut buys: Vec<(u32, usize, u64)> = Vec::new();
    for (month, c) in calls {
        let within = |c: u64| c / s.g < knap.cost.len() as u64 && knap.cost[(c / s.g) as usize] != i128::MAX;
        let (rest, last) = if within(c) {
            (c, None)
        } else {
            let best = (0..p.sizes.len())
                .filter(|&k| c >= p.sizes[k].calls && within(c - p.sizes[k].calls))
                .min_by_key(|&k| p.sizes[k].price + knap.cost[((c - p.sizes[k].calls) / s.g) as usize]);
            match best {
                Some(k) => (c - p.sizes[k].calls, Some(k)),
                None => (0, None),
            }
        };
        for (k, n) in knap.packs(rest) {
            buys.push((month, k, n));
        }
        if let Some(k) = last {
            match buys.iter_mut().find(|b| b.0 == month && b.1 == k) {
                Some(b) => b.2 += 1,
                None => buys.push((month, k, 1)),
            }
        }
    }
    buys.sort();
    let cost = evaluate(p, &buys);
    (PackPlan::packs(buys, cost), value)
}

/// The program's values under the month cost's lower envelope, kept for every state: for any
/// packs on hand, a lower bound on what the months left can cost (see [`Table::after`]). The
/// search past the validity uses it for each case of a range, where it is far tighter than its
/// own pooled bound (which lets one purchase renew every older pack's validity).
pub struct Table {
    g: u64,
    demand: Vec<u64>,
    residues: Vec<Vec<u64>>,
    values: Vec<Vec<Vec<i128>>>,
}

impl Table {
    /// The table of `p` (its prices as given: a range's case with its multipliers per size
    /// already in them), or `None` where no pack is offered, the months have commitments to choose, or it
    /// would take more than `work` units (as [`size`] counts them) or its states more than
    /// `bytes`.
    pub fn new(p: &Problem, work: u128, bytes: u128) -> Option<Table> {
        if p.choices.len() > 1 {
            return None;
        }
        let s = Shape::new(p)?;
        if s.size().0 > work {
            return None;
        }
        let states: u128 = (0..p.months())
            .flat_map(|t| s.residues[t].iter().map(move |&rho| (t, rho)))
            .map(|(t, rho)| s.states(t, rho) as u128)
            .sum();
        if states.saturating_mul(24) > bytes {
            return None;
        }
        let run = run::<i128>(&s, |t, u| p.envelope(u, p.calls[t]), true);
        Some(Table { g: s.g, demand: p.demand.clone(), residues: s.residues, values: run.values })
    }

    /// The bytes its values and residues take.
    pub fn bytes(&self) -> u128 {
        let values: usize = self.values.iter().flatten().map(Vec::len).sum();
        let residues: usize = self.residues.iter().map(Vec::len).sum();
        (values * 16 + residues * 8) as u128
    }

    /// A lower bound on months `t..` with `r < demand[t]` calls carried into month `t` (every one
    /// drawn in it). Where `r`'s residue is not one the program tracked (a pack expired with calls
    /// left while a younger one was on hand), the nearest tracked state above `r` is a bound too:
    /// more calls carried never cost more under the envelope. `None` where there is none.
    fn at(&self, t: usize, r: u64) -> Option<i128> {
        let g = self.g;
        // The state of `r` itself, where the program tracked it: the highest of the bounds below
        // (every other is a state with more calls carried), found without weighing them all.
        if let Ok(k) = self.residues[t].binary_search(&(r % g))
            && let Some(&v) = usize::try_from(r / g).ok().and_then(|q| self.values[t][k].get(q))
        {
            return Some(v);
        }
        self.residues[t]
            .iter()
            .zip(&self.values[t])
            .filter_map(|(&rho, row)| {
                let q = if r > rho { (r - rho).div_ceil(g) } else { 0 };
                row.get(usize::try_from(q).ok()?).copied()
            })
            .max()
    }

    /// A lower bound on months `m..` (0-based) from the packs `queue` (last month valid, 1-based,
    /// and calls left, in draw order) and `extra`, a lot bought in month `m` and drawn last: the
    /// packs serve the months until they first fall short, and from there the program's value. An
    /// optimum under the envelope buys only in such a month (a purchase put off to the next month
    /// settles alike and lasts longer), and that month draws every pack on hand.
    pub fn after(&self, m: usize, queue: &[(u32, u64)], extra: Option<(u32, u64)>) -> Option<i128> {
        let lots = queue.len() + usize::from(extra.is_some());
        let lot = |i: usize| if i < queue.len() { queue[i] } else { extra.unwrap_or((0, 0)) };
        let mut total: u64 = queue.iter().map(|l| l.1).sum::<u64>().saturating_add(extra.map_or(0, |e| e.1));
        // The lot drawn from and what it has left.
        let (mut i, mut left) = (0, lot(0).1);
        for t in m..self.demand.len() {
            let d = self.demand[t];
            if total < d {
                return self.at(t, total);
            }
            let mut need = d;
            while need > 0 {
                let take = need.min(left);
                left -= take;
                need -= take;
                total -= take;
                if left == 0 {
                    i += 1;
                    left = lot(i).1;
                }
            }
            // Lots are drawn and expire oldest first: what expires leads the queue.
            while i < lots && lot(i).0 <= t as u32 + 1 {
                total -= left;
                i += 1;
                left = lot(i).1;
            }
        }
        Some(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::catalog::builtin;
    use rust_decimal::Decimal;

    /// 活体人脸核身 over `months` months of uneven volumes around `level`.
    fn problem(months: u64, level: u64) -> Problem {
        let service = builtin().service("活体人脸核身").unwrap();
        let prices: Vec<(u64, Decimal)> =
            builtin().packs_of(service).unwrap().offered().map(|(s, p)| (s.calls, p)).collect();
        let demand = (0..months).map(|m| level / 3 + (level * (m * 7 % 11)) / 10 + m * 13).collect();
        Problem::new(demand, &prices, 0, 12, &service.postpaid, true).unwrap()
    }

    /// The program in 64 and in 128 bits, under the rules' costs and under the envelope, past the
    /// validity (where a state is kept for a later purchase to land in): the same value and the
    /// same choice in every state.
    #[test]
    fn the_two_widths_agree_on_every_state() {
        for (months, level) in [(13, 4_777), (30, 30_777), (40, 150_777)] {
            let p = problem(months, level);
            let s = Shape::new(&p).unwrap();
            let envelope = |t: usize, u: u64| p.envelope(u, p.calls[t]);
            for keep in [false, true] {
                let (narrow, wide) = (run::<i64>(&s, exact_cost(&p), keep), run::<i128>(&s, exact_cost(&p), keep));
                assert_eq!(i128::from(narrow.value), wide.value, "{months} months at {level}");
                assert_eq!(narrow.choice, wide.choice, "{months} months at {level}");
                let widened: Vec<Vec<Vec<i128>>> = narrow
                    .values
                    .iter()
                    .map(|t| t.iter().map(|r| r.iter().map(|&v| i128::from(v)).collect()).collect())
                    .collect();
                assert_eq!(widened, wide.values);
                let (narrow, wide) = (run::<i64>(&s, envelope, keep), run::<i128>(&s, envelope, keep));
                assert_eq!((i128::from(narrow.value), &narrow.choice), (wide.value, &wide.choice));
            }
        }
    }

    fn envelope(q: &Problem) -> impl Fn(usize, u64) -> i128 + '_ {
        move |t, u| q.envelope(u, q.calls[t])
    }

    /// A price past what 64 bits hold (a pack no plan buys), held at the ceiling: the program
    /// finds the same value as in 128 bits and a plan without that pack, at no less than the
    /// optimum with it cheap.
    #[test]
    fn a_price_past_64_bits_is_weighed_in_128() {
        let p = problem(30, 30_777);
        let mut dear = p.clone();
        dear.sizes[0].price = i128::from(i64::MAX) * 1_000;
        let (value, dear_value) = (plan_of(&Shape::new(&p).unwrap(), envelope(&p)).1, {
            let s = Shape::new(&dear).unwrap();
            let (plan, value) = plan_of(&s, envelope(&dear));
            assert!(plan.buys.iter().all(|b| b.1 != 0), "{:?}", plan.buys);
            assert_eq!(value, run::<i128>(&s, envelope(&dear), false).value);
            value
        });
        assert!(value > 0 && value < i128::from(i64::CAP));
        assert!(dear_value >= value);
    }

    /// Packs priced just under the 64-bit ceiling's half and no postpaid, over months of millions
    /// of calls: every price fits 64 bits, but the optimum (several packs) is past the ceiling, so
    /// the 64-bit run only says "at least the ceiling"; the program weighs it again in 128 bits
    /// for the figure.
    #[test]
    fn an_optimum_past_the_64_bit_ceiling_is_weighed_in_128() {
        let service = builtin().service("活体人脸核身").unwrap();
        let prices: Vec<(u64, Decimal)> =
            builtin().packs_of(service).unwrap().offered().map(|(s, p)| (s.calls, p)).collect();
        let mut p =
            Problem::new(vec![2_000_001, 3_000_003, 2_500_007], &prices, 0, 12, &service.postpaid, false).unwrap();
        for z in &mut p.sizes {
            z.price = i128::from(i64::CAP / 2 + 1) + i128::from(z.calls);
        }
        let s = Shape::new(&p).unwrap();
        assert_eq!(run::<i64>(&s, exact_cost(&p), false).value, i64::CAP);
        let (plan, value) = plan_of(&s, exact_cost(&p));
        assert!(value > i128::from(i64::CAP), "{value}");
        assert_eq!(value, run::<i128>(&s, exact_cost(&p), false).value);
        assert_eq!(plan.cost.money, value, "{:?}", plan.buys);
    }
}

//! The plan for an uncertain volume: one purchase plan (sizes, counts, months, decided up front)
//! that minimises the expected cost over the low, likely and high cases, with their weights.
//!
//! Depth-first branch and bound over the months, like [`super::search`], with one state per case
//! (the queue of packs each case has left) and the same purchases in all of them. Costs are
//! weighted with the weights as integers (`0.25` → 25 at scale 2), so the comparison is exact.
//! The bound is the weighted sum of each case's own relaxed optimum from its state
//! ([`super::search::Bound`]): no plan can do better in a case than that case's bound, so the sum
//! is admissible. States already reached as cheaply in every case are not explored again. It
//! stops after `limit` choices and then reports the best plan found as not proven, with the
//! lower bound it proved (never below the weighted sum of the cases' own optima).

use std::collections::BTreeMap;

use super::problem::{Cost, Knapsack, PackPlan, Problem, gcd};
use super::search::{Bound, Queue, settle_month};

/// One case: its problem (its calls; the same packs, prices and rules) and its integer weight.
pub struct Weighted<'a> {
    pub problem: &'a Problem,
    pub weight: i128,
}

/// `c` counted `w` times: the weighted cost of one case.
pub fn times(c: Cost, w: i128) -> Cost {
    if c.is_inf() {
        return Cost::INF;
    }
    let n = |x: u64| (x as i128).saturating_mul(w).clamp(0, u64::MAX as i128) as u64;
    Cost { refused: n(c.refused), sales: n(c.sales), money: c.money.saturating_mul(w) }
}

/// The weighted cost of a plan over every case.
pub fn evaluate(cases: &[Weighted], buys: &[(u32, usize, u64)]) -> Cost {
    cases.iter().fold(Cost::ZERO, |acc, c| acc.plus(times(super::search::evaluate(c.problem, buys), c.weight)))
}

/// The result of a bounded search.
pub struct Searched {
    pub plan: PackPlan,
    pub proven: bool,
    pub lower_bound: Cost,
}

struct Ctx<'a, 'b> {
    cases: &'a [Weighted<'b>],
    bounds: Vec<Bound>,
    knap: Knapsack,
    options: Vec<Vec<(u64, i128)>>,
    best: PackPlan,
    seen: BTreeMap<(usize, Vec<Queue>), Cost>,
    path: Vec<(u32, u64)>,
    expanded: u64,
    limit: u64,
    aborted: bool,
}

fn lower_bound_rest(ctx: &Ctx, queues: &[Queue], from: usize) -> Cost {
    let mut money = 0i128;
    for ((c, b), q) in ctx.cases.iter().zip(&ctx.bounds).zip(queues) {
        let total: u64 = q.iter().map(|x| x.1).sum();
        let expiry = q.iter().map(|x| x.0).max().unwrap_or(0) as usize;
        money = money.saturating_add(b.walk(from, total, expiry.saturating_sub(1)).saturating_mul(c.weight));
    }
    Cost::money(money)
}

fn dfs(ctx: &mut Ctx, m: usize, queues: Vec<Queue>, cost: Cost) {
    if ctx.aborted {
        return;
    }
    if m == ctx.cases[0].problem.months() {
        if cost < ctx.best.cost {
            let mut buys: Vec<(u32, usize, u64)> = Vec::new();
            for &(mo, calls) in &ctx.path {
                for (k, n) in ctx.knap.packs(calls) {
                    buys.push((mo, k, n));
                }
            }
            buys.sort();
            ctx.best = PackPlan { buys, cost };
        }
        return;
    }
    if cost.plus(lower_bound_rest(ctx, &queues, m)) >= ctx.best.cost {
        return;
    }
    let key = (m, queues.clone());
    if ctx.seen.get(&key).is_some_and(|c| *c <= cost) {
        return;
    }
    ctx.seen.insert(key, cost);
    let options = std::mem::take(&mut ctx.options[m]);
    for &(calls, price) in &options {
        ctx.expanded += 1;
        if ctx.expanded > ctx.limit {
            ctx.aborted = true;
            break;
        }
        let mut next = cost;
        let mut after = queues.clone();
        for (c, q) in ctx.cases.iter().zip(after.iter_mut()) {
            let month = settle_month(c.problem, q, m, calls);
            next = next.plus(times(Cost::money(price).plus(month), c.weight));
        }
        if next >= ctx.best.cost {
            continue;
        }
        if calls > 0 {
            ctx.path.push((m as u32 + 1, calls));
        }
        dfs(ctx, m + 1, after, next);
        if calls > 0 {
            ctx.path.pop();
        }
    }
    ctx.options[m] = options;
}

/// Searches for the plan of least weighted cost, starting from `incumbent` (its `cost` weighted);
/// `floor` is a proven lower bound known beforehand (the weighted sum of the cases' optima).
/// Every case must share sizes, prices, free calls and validity, and have the same months.
pub fn solve(cases: &[Weighted], incumbent: PackPlan, floor: Cost, limit: u64) -> Searched {
    let p0 = cases[0].problem;
    let t_n = p0.months();
    let Some(g) = p0.sizes.iter().map(|s| s.calls).reduce(gcd) else {
        return Searched { lower_bound: incumbent.cost, plan: incumbent, proven: true };
    };
    let s_max = p0.sizes.iter().map(|s| s.calls).max().unwrap_or(0);
    // The most any case could draw from packs bought in month m before they expire.
    let window = |m: usize| -> u64 {
        cases
            .iter()
            .map(|c| c.problem.demand[m..t_n.min(m + p0.validity as usize)].iter().sum::<u64>())
            .max()
            .unwrap_or(0)
    };
    let max_c = (0..t_n).map(|m| window(m) + s_max).max().unwrap_or(0);
    let knap = Knapsack::new(&p0.sizes, g, max_c);
    let options = (0..t_n)
        .map(|m| {
            let cap = window(m) + s_max;
            let mut o: Vec<(u64, i128)> = (1..)
                .map(|q: u64| q * g)
                .take_while(|c| *c < cap)
                .filter_map(|c| {
                    let k = knap.cost[(c / g) as usize];
                    (k != i128::MAX).then_some((c, k))
                })
                .collect();
            o.reverse();
            o.push((0, 0));
            o
        })
        .collect();
    let start: Queue = if p0.free_calls > 0 { vec![(p0.validity, p0.free_calls)] } else { Vec::new() };
    let queues = vec![start; cases.len()];
    let mut ctx = Ctx {
        cases,
        bounds: cases.iter().map(|c| Bound::new(c.problem, g)).collect(),
        knap,
        options,
        best: incumbent,
        seen: BTreeMap::new(),
        path: Vec::new(),
        expanded: 0,
        limit,
        aborted: false,
    };
    let root = lower_bound_rest(&ctx, &queues, 0).max(floor);
    dfs(&mut ctx, 0, queues, Cost::ZERO);
    let proven = !ctx.aborted;
    let lower_bound = if proven { ctx.best.cost } else { root.min(ctx.best.cost) };
    Searched { plan: ctx.best, proven, lower_bound }
}

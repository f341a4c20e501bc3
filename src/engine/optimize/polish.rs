//! A range's plan improved by local moves on how many calls it buys each month, before the search
//! starts from it (a cheaper plan to beat cuts more of the search) and after the search stops
//! short of a proof.
//!
//! A plan is seen as the calls it buys in each month, each month's calls bought as the cheapest
//! combination of packs giving exactly that many (packs bought the same month expire together, so
//! any combination with the same calls is drawn the same way: the cheapest is never worse). The
//! moves: one pack's calls more or fewer in a month, moved to another month within a validity,
//! swapped for another size, or a month's whole purchase moved anywhere. Any move that lowers the
//! expected cost is kept, and the scan goes on from there until a full pass finds none or the
//! budget of evaluations is spent. Where none helps, one compound move is tried before stopping:
//! a month's whole purchase put off a few months, with a few smaller packs bridging the wait
//! (each alone costs more; together they can cost less), and the single moves go on from any that
//! helps, so the plan is never worse than the single moves alone would leave it. For a plan the
//! search left unproven, where neither helps, two months' whole purchases are also moved together
//! ([`polish_pairs`]; pairs in month order, as far as the budget goes: up to about 0.1 s more
//! natively on the benchmark's unproven ranges of large volumes, where it finds nothing). Every
//! plan it returns is priced by the rules (`search::evaluate_cases`), so it can only be cheaper
//! than the plan it was given; it proves nothing and changes no bound.
//!
//! Why it is needed: each case's plan alone, and the plans the coupled cases suggest, buy when
//! *one* case wants to; the shared optimum often buys later and less than any of them (measured
//! against an exact mixed-integer model on the seeded ranges of `cargo bench --bench ranges`,
//! `scripts/ranges-mip.py`).

use super::problem::{Cost, Knapsack, PackPlan, gcd};
use super::search::{Weighted, evaluate_cases};

/// Grid steps a knapsack table may take here (16 bytes and one byte each): larger problems keep
/// their plan as it is.
const MAX_STEPS: u64 = 1 << 20;
/// How many months a whole purchase is put off with a bridge, and how many packs of one smaller
/// size the bridge may be.
const BRIDGE_MONTHS: usize = 3;
const BRIDGE_PACKS: u64 = 3;
/// At most how many months each of two whole purchases is moved together, either way: at 36
/// months and up to 150,777 calls a month the plan the search left bought 50万 in month 2 and 20万
/// in month 11, and neither alone moved was cheaper; moved to months 1 and 7 together they save
/// 561 元.
const PAIR_MONTHS: isize = 4;

/// Improves `plan` for `cases` (a range's, sharing sizes) with at most `budget` evaluations;
/// `None` where no move helps or the problem is too large for the tables.
pub fn polish(cases: &[Weighted], plan: &PackPlan, budget: u64) -> Option<PackPlan> {
    polish_counted(cases, plan, budget).0
}

/// [`polish`], and where no single move and no bridge helps, two months' whole purchases moved
/// together: for a plan the search left unproven (before the search it changed which plans the
/// search went on to prove; see `solve`).
pub fn polish_pairs(cases: &[Weighted], plan: &PackPlan, budget: u64) -> Option<PackPlan> {
    climb(cases, plan, budget, true).unwrap_or((None, 0)).0
}

/// [`polish`], with the evaluations it spent (at most one past `budget`).
fn polish_counted(cases: &[Weighted], plan: &PackPlan, budget: u64) -> (Option<PackPlan>, u64) {
    climb(cases, plan, budget, false).unwrap_or((None, 0))
}

/// The hill climb; `None` where the problem has no months, no packs or too large a table.
/// With `pairs`, two purchases moved together where nothing else helps.
fn climb(cases: &[Weighted], plan: &PackPlan, budget: u64, pairs: bool) -> Option<(Option<PackPlan>, u64)> {
    let p = cases.first()?.problem;
    let g = p.sizes.iter().map(|s| s.calls).reduce(gcd)?.max(1);
    let t_n = p.months();
    if t_n == 0 {
        return None;
    }
    // No plan needs more calls than the largest case's whole demand and one more pack.
    let s_max = p.sizes.iter().map(|s| s.calls).max()?;
    let demand = cases.iter().map(|c| c.problem.demand.iter().fold(0u64, |a, &d| a.saturating_add(d))).max()?;
    let top = demand.saturating_add(s_max).div_ceil(g).saturating_mul(g);
    let mut q = vec![0u64; t_n];
    for &(month, k, n) in &plan.buys {
        let at = (month as usize).checked_sub(1).filter(|&t| t < t_n)?;
        q[at] = q[at].saturating_add(p.sizes[k].calls.saturating_mul(n));
    }
    let top = top.max(q.iter().copied().max().unwrap_or(0));
    if top / g >= MAX_STEPS {
        return None;
    }
    let knap = Knapsack::new(&p.sizes, g, top);
    let buyable = |c: u64| c <= top && knap.cost[(c / g) as usize] != i128::MAX;
    let buys_of = |q: &[u64]| -> Vec<(u32, usize, u64)> {
        let mut buys = Vec::new();
        for (t, &c) in q.iter().enumerate() {
            for (k, n) in knap.packs(c) {
                buys.push((t as u32 + 1, k, n));
            }
        }
        buys.sort();
        buys
    };
    if !q.iter().all(|&c| buyable(c)) {
        return None;
    }
    let mut evaluations = 1u64;
    let mut best = evaluate_cases(cases, &buys_of(&q), &plan.taken);
    let start = plan.cost;
    let sizes: Vec<u64> = p.sizes.iter().map(|s| s.calls).collect();
    let window = p.validity as usize;
    // Tries `next`; keeps it where it is cheaper.
    let attempt = |q: &mut Vec<u64>, next: Vec<u64>, best: &mut Cost, evaluations: &mut u64| -> bool {
        if !next.iter().all(|&c| buyable(c)) {
            return false;
        }
        *evaluations += 1;
        let cost = evaluate_cases(cases, &buys_of(&next), &plan.taken);
        if cost < *best {
            *best = cost;
            *q = next;
            true
        } else {
            false
        }
    };
    let bridge = |q: &mut Vec<u64>, best: &mut Cost, evaluations: &mut u64| -> bool {
        for t in 0..t_n {
            let whole = q[t];
            for t2 in t + 1..(t + 1 + BRIDGE_MONTHS).min(t_n) {
                for tb in t..t2 {
                    for &s in sizes.iter().filter(|&&s| s < whole) {
                        for n in 1..=BRIDGE_PACKS {
                            if *evaluations >= budget {
                                return false;
                            }
                            let mut next = q.clone();
                            next[t2] = next[t2].saturating_add(whole);
                            next[t] = 0;
                            next[tb] = next[tb].saturating_add(s.saturating_mul(n));
                            if attempt(q, next, best, evaluations) {
                                return true;
                            }
                        }
                    }
                }
            }
        }
        false
    };
    // Two months' whole purchases each moved by up to `PAIR_MONTHS` either way (both moved).
    let pair = |q: &mut Vec<u64>, best: &mut Cost, evaluations: &mut u64| -> bool {
        let bought: Vec<usize> = (0..t_n).filter(|&t| q[t] > 0).collect();
        let shift = |t: usize, d: isize| t.checked_add_signed(d).filter(|&x| x < t_n);
        let moves = || (-PAIR_MONTHS..=PAIR_MONTHS).filter(|&d| d != 0);
        for (i, &a) in bought.iter().enumerate() {
            for &b in &bought[i + 1..] {
                for da in moves() {
                    for db in moves() {
                        let (Some(a2), Some(b2)) = (shift(a, da), shift(b, db)) else { continue };
                        if *evaluations >= budget {
                            return false;
                        }
                        let mut next = q.clone();
                        next[a] = 0;
                        next[b] = 0;
                        next[a2] = next[a2].saturating_add(q[a]);
                        next[b2] = next[b2].saturating_add(q[b]);
                        if attempt(q, next, best, evaluations) {
                            return true;
                        }
                    }
                }
            }
        }
        false
    };
    loop {
        let mut improved = false;
        'pass: for t in 0..t_n {
            for &s in &sizes {
                // (One pack moves within a validity either way; a whole purchase anywhere.)
                let near = t.saturating_sub(window)..(t + window + 1).min(t_n);
                for t2 in near {
                    if evaluations >= budget {
                        break 'pass;
                    }
                    let mut next = q.clone();
                    if t2 == t {
                        // One pack's calls more, then fewer.
                        next[t] = q[t].saturating_add(s);
                        if attempt(&mut q, next, &mut best, &mut evaluations) {
                            improved = true;
                            continue;
                        }
                        if q[t] >= s {
                            let mut next = q.clone();
                            next[t] -= s;
                            improved |= attempt(&mut q, next, &mut best, &mut evaluations);
                        }
                    } else if q[t] >= s {
                        // One pack's calls moved to another month.
                        next[t] -= s;
                        next[t2] = next[t2].saturating_add(s);
                        improved |= attempt(&mut q, next, &mut best, &mut evaluations);
                    }
                }
                // One pack's calls swapped for another size's, the same month.
                for &s2 in &sizes {
                    if s2 != s && q[t] >= s && evaluations < budget {
                        let mut next = q.clone();
                        next[t] = q[t] - s + s2;
                        improved |= attempt(&mut q, next, &mut best, &mut evaluations);
                    }
                }
            }
            // The month's whole purchase moved.
            for t2 in 0..t_n {
                if t2 != t && q[t] > 0 && evaluations < budget {
                    let mut next = q.clone();
                    next[t2] = next[t2].saturating_add(next[t]);
                    next[t] = 0;
                    improved |= attempt(&mut q, next, &mut best, &mut evaluations);
                }
            }
        }
        if evaluations >= budget {
            break;
        }
        // Only where no single move helps (so the plan is never worse than the single moves
        // alone would leave it): a month's whole purchase put off by up to `BRIDGE_MONTHS`, with
        // a few smaller packs bought in a month between to bridge the wait. Neither move alone
        // is cheaper where the wait needs the bridge and the bridge is only worth its price with
        // the wait.
        if !improved {
            improved = bridge(&mut q, &mut best, &mut evaluations);
        }
        if !improved && pairs {
            improved = pair(&mut q, &mut best, &mut evaluations);
        }
        if !improved || evaluations >= budget {
            break;
        }
    }
    Some(((best < start).then(|| PackPlan { buys: buys_of(&q), cost: best, taken: plan.taken.clone() }), evaluations))
}

#[cfg(test)]
pub(super) mod tests {
    use super::super::search::tests::{depth_first, past_validity, seeded, weighted};
    use super::*;
    use crate::engine::catalog::builtin;
    use crate::engine::optimize::problem::Problem;
    use rust_decimal::Decimal;

    /// A range of 活体人脸核身 over 24 months (uneven volumes), its cases at 0.25/0.5/0.25.
    fn problems() -> Vec<Problem> {
        let service = builtin().service("活体人脸核身").unwrap();
        let prices: Vec<(u64, Decimal)> =
            builtin().packs_of(service).unwrap().offered().map(|(s, p)| (s.calls, p)).collect();
        [(40u64, 3_001u64), (100, 7_013), (180, 11_027)]
            .iter()
            .map(|&(pct, base)| {
                let demand = (0..24u64).map(|m| (base + 997 * (m % 5)) * pct / 100).collect();
                Problem::new(demand, &prices, 0, 12, &service.postpaid, true).unwrap()
            })
            .collect()
    }

    #[test]
    fn polish_keeps_to_its_budget_and_returns_only_a_cheaper_plan_priced_by_the_rules() {
        let ps = problems();
        let cases: Vec<Weighted> =
            ps.iter().zip([25, 50, 25]).map(|(p, weight)| Weighted { problem: p, weight }).collect();
        // A poor start: one 100万 pack in month 1.
        let k = ps[0].sizes.iter().position(|s| s.calls == 1_000_000).unwrap();
        let buys = vec![(1, k, 1)];
        let start = PackPlan::packs(buys.clone(), evaluate_cases(&cases, &buys, &[]));
        for budget in [0, 1, 7, 50, 400] {
            let (plan, spent) = polish_counted(&cases, &start, budget);
            assert!(spent <= budget.max(1) + 1, "{spent} evaluations for a budget of {budget}");
            if let Some(plan) = plan {
                assert!(plan.cost < start.cost);
                assert_eq!(plan.cost, evaluate_cases(&cases, &plan.buys, &[]));
            }
        }
        // Given room, it finds a far cheaper plan than the start, which it cannot improve again.
        let (plan, _) = polish_counted(&cases, &start, 1_000_000);
        let plan = plan.expect("a cheaper plan");
        assert!(plan.cost.money * 10 < start.cost.money * 9, "{:?} against {:?}", plan.cost, start.cost);
        assert!(polish(&cases, &plan, 1_000_000).is_none());
    }

    /// Small random ranges past a validity: from the plan the single moves leave (from no plan),
    /// two purchases moved together sometimes find a cheaper one, which is priced by the rules and
    /// never below the optimum (the depth-first search alone, run to the end); where they find
    /// none, nothing is returned.
    #[test]
    fn two_purchases_moved_together_go_past_where_the_single_moves_stop() {
        let (mut helped, mut tried) = (0, 0);
        where_single_moves_stop(|round, cases, single| {
            // Where the single moves and the bridge stop, they find nothing more themselves.
            assert!(polish(cases, single, 1_000_000).is_none(), "round {round}");
            let Some(optimum) = depth_first(cases, single.clone(), 2_000_000) else { return };
            tried += 1;
            if let Some(plan) = polish_pairs(cases, single, 1_000_000) {
                helped += 1;
                assert!(plan.cost < single.cost, "round {round}");
                assert_eq!(plan.cost, evaluate_cases(cases, &plan.buys, &plan.taken), "round {round}");
                assert!(plan.cost >= optimum.cost, "round {round}: {:?} below {:?}", plan.cost, optimum.cost);
            }
        });
        assert!(tried >= 250 && helped > 0, "{helped} of {tried}");
    }

    /// 300 small random ranges past a validity, each with the plan the single moves and the
    /// bridge leave from no plan: `check(round, cases, plan)` for each (where two purchases moved
    /// together sometimes find a cheaper one).
    pub(in crate::engine::optimize) fn where_single_moves_stop(mut check: impl FnMut(usize, &[Weighted], &PackPlan)) {
        let mut next = seeded(0x2545_F491_4F6C_DD1D);
        for round in 0..300 {
            let mode = if round % 2 == 0 { "reached" } else { "graduated" };
            let (_, _, _, _, problems) = past_validity(&mut next, round, mode);
            let cases = weighted(&problems);
            let none = super::super::search::no_packs(&cases);
            let single = polish(&cases, &none, 1_000_000).unwrap_or(none);
            check(round, &cases, &single);
        }
    }
}

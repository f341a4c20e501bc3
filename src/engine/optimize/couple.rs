//! A range's cases coupled by their shared purchases (a Lagrangian relaxation), for a lower bound
//! far closer to the plan than the cases' own optima, and for plans to try.
//!
//! Every case of a range must buy the same packs. Relax that: solve each case alone by the cohort
//! program with its packs' prices moved by `μ_c,m` for every `g` calls bought in month `m` (the
//! multiplier of "case `c` buys in month `m` what the others buy"), where `Σ_c w_c·μ_c,m ≤ 0` in
//! every month. For a plan shared by all cases, buying `Q_m` steps of `g` calls in month `m`,
//! `Σ_c w_c·(cost_c + Σ_m μ_c,m·Q_m) = cost + Σ_m (Σ_c w_c·μ_c,m)·Q_m ≤ cost`, and each case's
//! term is at least its optimum at the moved prices; so `Σ w_c·optimum_c(μ_c)` is a lower bound
//! on every shared plan's expected cost, whatever the multipliers. Subgradient steps move them
//! towards agreement on how much to buy (the low case's packs cheaper, the high case's dearer),
//! which lifts the bound. Each case's optimum on the way is a shared plan too: the best of them
//! often beats every case's own plan. The same multipliers then price the search's per-case
//! bounds (`search::solve_coupled`), which stay admissible for the same reason.
//!
//! Two phases. The first moves one multiplier per case, the same in every month (agreement on how
//! much to buy over the whole horizon): few rounds settle it. The second, from the first's best,
//! moves each month's on its own (agreement on when), in steps a quarter of Polyak's. It lifts the
//! bound at the root little, but the search's bounds deeper down much more, where the months
//! before are settled: on the benchmark's 60-month ranges twenty rounds of it narrowed most
//! gaps the search leaves by a quarter to a half. Past twice a pack's validity alone: short of it
//! the search proves every range of the benchmark on the first phase's multipliers.
//!
//! All in integers: the multipliers are whole money units per `g` calls, never low enough to
//! make a pack cost less than nothing (a relaxation would then buy without end), and the case
//! that balances them rounds so that each month's sum stays at most 0.

use super::cohort;
use super::problem::{FORBIDDEN, PackPlan, Problem};
use super::search::{self, Weighted};

/// What coupling found.
pub struct Coupled {
    /// Each case's multipliers (money units per `g` calls bought in each month, unweighted) of
    /// the best bound.
    pub adjust: Vec<Vec<i128>>,
    /// The first phase's best multipliers (the same in every month), where the second moved
    /// them: the search prices a second bound with them (see `search::solve_coupled`).
    pub whole: Option<Vec<Vec<i128>>>,
    /// The best lower bound on the expected cost (weighted units).
    pub lower_bound: i128,
    /// The cheapest shared plan among the cases' relaxed optima, where one beats `incumbent`.
    pub plan: Option<PackPlan>,
}

/// The phase of the coupling: one multiplier per case for every month, or one for each month.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Whole,
    Monthly,
}

/// Couples `cases` (a range's, sharing sizes and rules, without commitments) for at most
/// `rounds` rounds of the cohort program per case with one multiplier per case, then `monthly`
/// rounds with one per case and month, each phase until the bound meets `incumbent`.
/// `None` where a case's relaxed optimum is not a money figure (postpaid off refusing calls, a
/// volume only sales can price) or no pack is offered.
pub fn couple(cases: &[Weighted], incumbent: &PackPlan, rounds: usize, monthly: usize) -> Option<Coupled> {
    let g = cases[0].problem.sizes.iter().map(|s| s.calls).reduce(super::problem::gcd)?;
    let steps: Vec<i128> = cases[0].problem.sizes.iter().map(|s| (s.calls / g) as i128).collect();
    let months = cases[0].problem.months();
    // μ ≥ −least price per step, rounded towards 0: every moved price stays at least 0.
    let least = cases[0].problem.sizes.iter().zip(&steps).map(|(s, &n)| s.price / n).min()?;
    let target = (incumbent.cost.refused == 0 && incumbent.cost.sales == 0).then_some(incumbent.cost.money)?;
    // μ ≤ the plan to beat's cost per largest step: a pack dearer than that is never bought,
    // so a higher multiplier lifts no bound, and every moved price stays far from overflow.
    let most = steps.iter().copied().max()?;
    let cap = (target / most).max(1);
    // The case of largest weight balances the others' multipliers.
    let balance = (0..cases.len()).max_by_key(|&c| cases[c].weight)?;
    let weight = |c: usize| cases[c].weight;
    let mut moved: Vec<Problem> = cases.iter().map(|c| c.problem.clone()).collect();
    let mut best =
        Coupled { adjust: vec![vec![0; months]; cases.len()], whole: None, lower_bound: i128::MIN, plan: None };
    let mut best_plan = incumbent.cost;
    for (phase, rounds) in [(Phase::Whole, rounds), (Phase::Monthly, monthly)] {
        let mut mu = best.adjust.clone();
        if phase == Phase::Monthly && rounds > 0 {
            best.whole = Some(mu.clone());
        }
        // The second phase starts near the first's optimum: its steps start at a quarter.
        let mut halvings = if phase == Phase::Monthly { 2 } else { 0 };
        let mut stale = 0;
        for _ in 0..rounds {
            let mut value = 0i128;
            // Each case's steps of `g` calls bought in each month.
            let mut bought = Vec::with_capacity(cases.len());
            for (c, p) in moved.iter_mut().enumerate() {
                if p.move_prices(cases[c].problem, g, &mu[c]).is_none() {
                    return Some(best);
                }
                let (plan, low) = cohort::relaxed(p)?;
                if low.refused > 0 || low.sales > 0 || low.money >= FORBIDDEN / 2 {
                    return None;
                }
                value = value.saturating_add(low.money.saturating_mul(weight(c)));
                let mut q = vec![0i128; months];
                for &(m, k, n) in &plan.buys {
                    q[m as usize - 1] += (p.sizes[k].calls.saturating_mul(n) / g) as i128;
                }
                bought.push(q);
                // The case's plan, shared by every case.
                let shared = search::evaluate_cases(cases, &plan.buys, &[]);
                if shared < best_plan {
                    best_plan = shared;
                    best.plan = Some(PackPlan::packs(plan.buys, shared));
                }
            }
            if value > best.lower_bound {
                best.lower_bound = value;
                best.adjust = mu.clone();
                stale = 0;
            } else {
                stale += 1;
                if stale >= 3 {
                    halvings += 1;
                    stale = 0;
                }
            }
            let top = best_plan.money.min(target);
            // The direction that lifts the bound: w_c·(q_c − q_balance) for each other case, in
            // each month, or over the whole horizon (the same in every month).
            let mut d: Vec<Vec<i128>> = (0..cases.len())
                .map(|c| {
                    let diff = |m: usize| weight(c).saturating_mul(bought[c][m] - bought[balance][m]);
                    if c == balance { vec![0; months] } else { (0..months).map(diff).collect() }
                })
                .collect();
            let norm: i128 = match phase {
                Phase::Monthly => d.iter().flatten().map(|x| x.saturating_mul(*x)).fold(0, i128::saturating_add),
                Phase::Whole => {
                    for dc in &mut d {
                        let total = dc.iter().copied().fold(0, i128::saturating_add);
                        dc.fill(total);
                    }
                    d.iter().map(|dc| dc.first().map_or(0, |x| x.saturating_mul(*x))).fold(0, i128::saturating_add)
                }
            };
            if norm == 0 || value >= top || halvings > 12 {
                break;
            }
            // Polyak's step towards the best plan's cost, halved as the rounds stop improving,
            // and halved again until the balancing case's multipliers keep its prices at least 0.
            let gap = top - value;
            let next = loop {
                let mut next = mu.clone();
                let mut fits = true;
                for m in 0..months {
                    for c in (0..cases.len()).filter(|&c| c != balance) {
                        let step = gap.saturating_mul(d[c][m]) / norm / (1i128 << halvings);
                        next[c][m] = mu[c][m].saturating_add(step).clamp(-least, cap);
                    }
                    let others: i128 = (0..cases.len())
                        .filter(|&c| c != balance)
                        .map(|c| weight(c).saturating_mul(next[c][m]))
                        .fold(0, i128::saturating_add);
                    // Rounded down, and lowered to the cap: Σ w·μ ≤ 0 either way.
                    next[balance][m] = others.saturating_neg().div_euclid(weight(balance)).min(cap);
                    fits &= next[balance][m] >= -least;
                }
                if fits {
                    break Some(next);
                }
                halvings += 1;
                if halvings > 12 {
                    break None;
                }
            };
            match next {
                Some(next) => mu = next,
                None => break,
            }
        }
    }
    if best.whole.as_ref() == Some(&best.adjust) {
        best.whole = None;
    }
    Some(best)
}

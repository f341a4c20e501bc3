//! A range's cases coupled by their shared purchases (a Lagrangian relaxation), for a lower bound
//! far closer to the plan than the cases' own optima, and for plans to try.
//!
//! Every case of a range must buy the same packs. Relax that: solve each case alone by the cohort
//! program with its packs' prices moved by `μ_c` for every `g` calls (the multiplier of "case `c`
//! buys what the others buy"), where `Σ w_c·μ_c ≤ 0`. For a plan shared by all cases, buying `Q`
//! steps of `g` calls, `Σ w_c·(cost_c + μ_c·Q) = cost + (Σ w_c·μ_c)·Q ≤ cost`, and each case's
//! term is at least its optimum at the moved prices; so `Σ w_c·optimum_c(μ_c)` is a lower bound
//! on every shared plan's expected cost, whatever the multipliers. Subgradient steps move them
//! towards agreement on how much to buy (the low case's packs cheaper, the high case's dearer),
//! which lifts the bound. Each case's optimum on the way is a shared plan too: the best of them
//! often beats every case's own plan. The same multipliers then price the search's per-case
//! bounds (`search::solve_coupled`), which stay admissible for the same reason.
//!
//! All in integers: the multipliers are whole money units per `g` calls, never low enough to
//! make a pack cost less than nothing (a relaxation would then buy without end), and the case
//! that balances them rounds so that the sum stays at most 0.

use super::cohort;
use super::problem::{FORBIDDEN, PackPlan, Problem};
use super::search::{self, Weighted};

/// What coupling found.
pub struct Coupled {
    /// Each case's multiplier (money units per `g` calls, unweighted) of the best bound.
    pub adjust: Vec<i128>,
    /// The best lower bound on the expected cost (weighted units).
    pub lower_bound: i128,
    /// The cheapest shared plan among the cases' relaxed optima, where one beats `incumbent`.
    pub plan: Option<PackPlan>,
}

/// Couples `cases` (a range's, sharing sizes and rules, without commitments) for at most
/// `rounds` rounds of the cohort program per case, or until the bound meets `incumbent`.
/// `None` where a case's relaxed optimum is not a money figure (postpaid off refusing calls, a
/// volume only sales can price) or no pack is offered.
pub fn couple(cases: &[Weighted], incumbent: &PackPlan, rounds: usize) -> Option<Coupled> {
    let g = cases[0].problem.sizes.iter().map(|s| s.calls).reduce(super::problem::gcd)?;
    let steps: Vec<i128> = cases[0].problem.sizes.iter().map(|s| (s.calls / g) as i128).collect();
    // μ_c ≥ −least price per step, rounded towards 0: every moved price stays at least 0.
    let least = cases[0].problem.sizes.iter().zip(&steps).map(|(s, &n)| s.price / n).min()?;
    let target = (incumbent.cost.refused == 0 && incumbent.cost.sales == 0).then_some(incumbent.cost.money)?;
    // μ_c ≤ the plan to beat's cost per largest step: a pack dearer than that is never bought,
    // so a higher multiplier lifts no bound, and every moved price stays far from overflow.
    let most = steps.iter().copied().max()?;
    let cap = (target / most).max(1);
    // The case of largest weight balances the others' multipliers.
    let balance = (0..cases.len()).max_by_key(|&c| cases[c].weight)?;
    let weight = |c: usize| cases[c].weight;
    let mut moved: Vec<Problem> = cases.iter().map(|c| c.problem.clone()).collect();
    let mut mu = vec![0i128; cases.len()];
    let mut best = Coupled { adjust: mu.clone(), lower_bound: i128::MIN, plan: None };
    let mut best_plan = incumbent.cost;
    let mut halvings = 0u32;
    let mut stale = 0;
    for _ in 0..rounds {
        let mut value = 0i128;
        let mut bought = Vec::with_capacity(cases.len());
        for (c, p) in moved.iter_mut().enumerate() {
            if p.move_prices(cases[c].problem, g, mu[c]).is_none() {
                return Some(best);
            }
            let (plan, low) = cohort::relaxed(p)?;
            if low.refused > 0 || low.sales > 0 || low.money >= FORBIDDEN / 2 {
                return None;
            }
            value = value.saturating_add(low.money.saturating_mul(weight(c)));
            let q: u64 = plan.buys.iter().map(|&(_, k, n)| p.sizes[k].calls.saturating_mul(n) / g).sum();
            bought.push(q as i128);
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
        // The direction that lifts the bound: w_c·(q_c − q_balance) for each other case.
        let d: Vec<i128> = (0..cases.len())
            .map(|c| if c == balance { 0 } else { weight(c).saturating_mul(bought[c] - bought[balance]) })
            .collect();
        let norm: i128 = d.iter().map(|x| x.saturating_mul(*x)).fold(0, i128::saturating_add);
        if norm == 0 || value >= top || halvings > 12 {
            break;
        }
        // Polyak's step towards the best plan's cost, halved as the rounds stop improving, and
        // halved again until the balancing case's multiplier keeps its prices at least 0.
        let gap = top - value;
        let next = loop {
            let mut next = mu.clone();
            for c in (0..cases.len()).filter(|&c| c != balance) {
                let step = gap.saturating_mul(d[c]) / norm / (1i128 << halvings);
                next[c] = mu[c].saturating_add(step).clamp(-least, cap);
            }
            let others: i128 = (0..cases.len())
                .filter(|&c| c != balance)
                .map(|c| weight(c).saturating_mul(next[c]))
                .fold(0, i128::saturating_add);
            // Rounded down, and lowered to the cap: Σ w·μ ≤ 0 either way.
            next[balance] = others.saturating_neg().div_euclid(weight(balance)).min(cap);
            if next[balance] >= -least {
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
    Some(best)
}

//! Which exact method solves which line (the cohort program for one volume, the search over the
//! cases for a range), the problem each is given, and the plan read back as purchases, each
//! bought when it is first needed.

use rust_decimal::Decimal;

use super::problem::{self, Cost, PackPlan, Problem, Terms, TooLarge};
use super::{MEMORY_LIMIT, Method, STATE_LIMIT, Solution, WORK_LIMIT, cohort, couple, menu, polish, search};

/// Most work units the coupling of a range's cases may take, all runs together, counting each
/// run as the program's two passes (it runs one): about 3 s natively at the most (at 60 months
/// and 150,777 a month a run takes about 12 ms).
const COUPLING_WORK: u128 = 6_400_000_000;
/// Most runs of the cohort program per case in the coupling: the seeded ranges of
/// `cargo bench --bench ranges` need at most 35 to find the best multipliers per step, and
/// the multipliers per size get up to 40 more (`couple`).
const COUPLING_RUNS: u128 = 88;
/// Months priced (one month of one case is one unit) by the local moves on a range's plan, before
/// the search and again after it where it stopped short: about 0.3 s natively at most.
const POLISH_WORK: u64 = 6_000_000;
use crate::engine::catalog::{Catalog, PackDraw};
use crate::engine::error::{EstimateError, TooLargeSize, TooLargeWhy};
use crate::engine::estimate::{CommitmentTerm, Line, PackPurchase};
use crate::engine::money::floor_yuan;
use crate::engine::quote::resolve;
use crate::engine::settle;
use crate::engine::terms::{Case, Weights};

/// Finds line `index`'s plan (see [`optimize_line_weighted`]). Where a first plan is known before
/// its proof is (a search closing a gap), `first` gets it, not yet proven.
pub fn solve_line(
    catalog: &Catalog,
    line: &Line,
    index: usize,
    weights: Weights,
    first: &mut dyn FnMut(&Solution),
) -> Result<Solution, EstimateError> {
    line.check_shape(index)?;
    if line.has_range() {
        solve_ranged_with(catalog, line, index, weights, STATE_LIMIT, first)
    } else {
        solve_single(catalog, line, index, first)
    }
}

fn too_large(index: usize, why: TooLargeWhy, months: usize, calls: &[u64]) -> EstimateError {
    let size = TooLargeSize { why, months, calls: calls.iter().copied().max().unwrap_or(0) };
    EstimateError::TooLarge { path: crate::engine::path::line(index).key("calls"), size }
}

/// The integer problem of a line with one volume (or one case of a range).
fn problem_of(catalog: &Catalog, line: &Line, index: usize) -> Result<Problem, EstimateError> {
    let r = resolve(catalog, line, index)?;
    let prices: Vec<(u64, Decimal)> =
        r.product.map(|p| p.offered().map(|(s, price)| (s.calls, price)).collect()).unwrap_or_default();
    let terms = Terms {
        postpaid: &r.service.postpaid,
        postpaid_on: line.postpaid,
        negotiated: line.negotiated(),
        discount: line.discount,
        quota: r.service.free_quota.as_ref(),
        minimum: r.service.minimum,
        commitments: &r.service.commitments,
    };
    Problem::build(line.calls.clone(), &prices, line.free_calls, r.validity, &terms)
        .map(|p| p.with_free_months(line.free_months))
        .map_err(|TooLarge| too_large(index, TooLargeWhy::Amounts, line.calls.len(), &line.calls))
}

fn packs_of(p: &Problem, buys: &[(u32, usize, u64)]) -> Vec<PackPurchase> {
    buys.iter().map(|&(month, k, count)| PackPurchase { size: p.sizes[k].calls, count, month }).collect()
}

fn solve_single(
    catalog: &Catalog,
    line: &Line,
    index: usize,
    first: &mut dyn FnMut(&Solution),
) -> Result<Solution, EstimateError> {
    let p = problem_of(catalog, line, index)?;
    let bound = |c: Cost| (c.refused == 0 && c.sales == 0).then(|| p.try_to_decimal(c.money)).flatten().map(floor_yuan);
    let menu = p.choices.len() > 1;
    let size = if menu { menu::size(&p) } else { cohort::size(&p) };
    let (plan, proven, lower, method) = match size {
        None if !menu => {
            // No pack is offered and nothing to choose: postpaid is the plan.
            let plan = menu::choices_alone(&p);
            let cost = plan.cost;
            (plan, true, cost, Method::CohortDp)
        }
        None => {
            // No pack is offered, but each month chooses its commitment; a free pack carried over
            // the months ties them together, so the search proves the choices, starting from each
            // month's cheapest on its own.
            let s = search::solve_one(&p, menu::choices_alone(&p), STATE_LIMIT);
            (s.plan, s.proven, s.lower_bound, Method::ChoiceSearch)
        }
        Some((work, memory)) => {
            if work == u128::MAX {
                return Err(too_large(index, TooLargeWhy::States, p.months(), &p.demand));
            }
            if work > WORK_LIMIT || memory > MEMORY_LIMIT {
                let (steps, mb) = (work.min(u64::MAX as u128) as u64, (memory >> 20).min(u64::MAX as u128) as u64);
                return Err(too_large(index, TooLargeWhy::Work { steps, mb }, p.months(), &p.demand));
            }
            if menu {
                let s = menu::solve(&p).expect("a pack is offered");
                if s.proven {
                    (s.plan, true, s.lower_bound, Method::CohortDp)
                } else {
                    // Past the validity with a cliff the program could not prove: the search closes
                    // the gap, as for a line without commitments.
                    let found = search::solve_one(&p, s.plan, STATE_LIMIT);
                    let cost = found.plan.cost;
                    let lower = if found.proven { cost } else { found.lower_bound.max(s.lower_bound).min(cost) };
                    (found.plan, found.proven, lower, Method::CohortDpSearch)
                }
            } else {
                let mut early = |plan: &PackPlan| {
                    first(&Solution {
                        packs: packs_of(&p, &plan.buys),
                        commitments: Vec::new(),
                        proven: false,
                        lower_bound: None,
                        method: Method::CohortDpSearch,
                        alone: Vec::new(),
                        alone_commitments: Vec::new(),
                        searching: true,
                    })
                };
                let s = cohort::solve(&p, STATE_LIMIT, &mut early).expect("a pack is offered");
                let method = if s.searched { Method::CohortDpSearch } else { Method::CohortDp };
                (s.plan, s.proven, s.lower_bound, method)
            }
        }
    };
    // Among equally cheap plans, show the one that buys each pack when it is first needed: the
    // money is paid later, the 7-day refund window covers a pack that turns out unneeded, and
    // less can expire.
    let (taken, plan_cost) = (plan.taken, plan.cost);
    let buys = buy_when_needed_by(&p, plan.buys, &taken, |b| search::evaluate_with(&p, b, &taken));
    Ok(Solution {
        packs: packs_of(&p, &buys),
        commitments: terms_of(&p, &taken),
        proven,
        // (In money only where the plan refuses nothing and needs no price from sales.)
        lower_bound: if plan_cost.refused == 0 && plan_cost.sales == 0 { bound(lower) } else { None },
        method,
        alone: Vec::new(),
        alone_commitments: Vec::new(),
        searching: false,
    })
}

/// Each month's choice as the commitments a line takes.
fn terms_of(p: &Problem, taken: &[usize]) -> Vec<CommitmentTerm> {
    let ids: Vec<Option<&str>> = taken.iter().map(|&k| (k > 0).then(|| p.choices[k].id.as_str())).collect();
    CommitmentTerm::runs(&ids)
}

/// The weights as integers at one scale (`0.25, 0.5, 0.25` → `25, 50, 25` at scale 2).
fn integer_weights(w: Weights) -> ([i128; 3], u32) {
    let scale = Case::ALL.iter().map(|c| w.get(*c).normalize().scale()).max().unwrap_or(0);
    // Weights are checked to be at most 1 with few decimals: their units always fit.
    let units = Case::ALL.map(|c| problem::to_units(w.get(c).normalize(), scale).unwrap_or(0));
    (units, scale)
}

/// A line with a range: the plan of least expected cost over its cases, the search stopping
/// after `limit` choices (tests cut it short to check the bounds it reports).
pub fn solve_ranged(
    catalog: &Catalog,
    line: &Line,
    index: usize,
    weights: Weights,
    limit: u64,
) -> Result<Solution, EstimateError> {
    solve_ranged_with(catalog, line, index, weights, limit, &mut |_| ())
}

/// [`solve_ranged`], giving `first` a plan while it runs, unproven, with the bound so far: past
/// the validity, the best of the cases' own plans (and no plan) with their floor before the
/// coupling, then the plan the search starts from (the coupling's and the local moves' too) with
/// the coupled bound (at 36 or 60 months each step takes seconds in a browser); within the
/// validity that second plan, once the search month by month runs long or stops short (a few
/// hundred thousand calls a month). The page shows the latest meanwhile.
fn solve_ranged_with(
    catalog: &Catalog,
    line: &Line,
    index: usize,
    weights: Weights,
    limit: u64,
    first: &mut dyn FnMut(&Solution),
) -> Result<Solution, EstimateError> {
    let problems: Vec<Problem> =
        Case::ALL.iter().map(|c| problem_of(catalog, &line.case(*c), index)).collect::<Result<_, _>>()?;
    if problems.iter().map(search::memory).sum::<u128>() > MEMORY_LIMIT {
        return Err(too_large(index, TooLargeWhy::RangeMemory, problems[2].months(), &problems[2].demand));
    }
    // Each case alone: its best plan, for the regret, a first plan to beat and a floor.
    let alone: Vec<Solution> = Case::ALL
        .iter()
        .map(|c| solve_single(catalog, &line.case(*c), index, &mut |_| ()))
        .collect::<Result<_, _>>()?;
    let (w, w_scale) = integer_weights(weights);
    let cases: Vec<search::Weighted> =
        problems.iter().zip(w).map(|(p, weight)| search::Weighted { problem: p, weight }).collect();
    let buys_of = |packs: &[PackPurchase]| -> Vec<(u32, usize, u64)> {
        packs
            .iter()
            .filter_map(|b| Some((b.month, problems[0].sizes.iter().position(|s| s.calls == b.size)?, b.count)))
            .collect()
    };
    // No plan and each case's own plan, shared by every case: the first plans to beat, and the
    // local moves' starts below.
    let none = search::no_packs(&cases);
    let own: Vec<PackPlan> = alone
        .iter()
        .map(|o| {
            let (buys, taken) = (buys_of(&o.packs), taken_of(&problems[0], &o.commitments));
            PackPlan { cost: search::evaluate_cases(&cases, &buys, &taken), buys, taken }
        })
        .collect();
    let mut incumbent = own.iter().fold(&none, |best, p| if p.cost < best.cost { p } else { best }).clone();
    let mut floor = if alone.iter().all(|o| o.proven) {
        alone.iter().zip(&cases).fold(Cost::ZERO, |acc, (o, c)| {
            let cost = search::evaluate_with(c.problem, &buys_of(&o.packs), &taken_of(c.problem, &o.commitments));
            acc.plus(search::times(cost, c.weight))
        })
    } else {
        Cost::ZERO
    };
    // The plan as the line's purchases (each bought when first needed), its proof and its bound
    // in 元: weighted units over 10^w_scale, floored (still a lower bound). A bound in money says
    // something only where the plan refuses nothing and needs no price from sales (else the plan
    // ranks by those first, and its money may be below any bound).
    let solution = |plan: PackPlan, proven: bool, lower: Cost, searching: bool| {
        let money_only = |c: Cost| c.refused == 0 && c.sales == 0;
        // (A first plan's bound of nothing, where neither the cases alone nor their coupling
        // gave one, says nothing either.)
        let lower_bound = (money_only(lower) && money_only(plan.cost) && !(searching && lower == Cost::ZERO))
            .then(|| problems[0].try_to_decimal(lower.money / 10i128.pow(w_scale)))
            .flatten()
            .map(floor_yuan);
        let taken = plan.taken;
        let buys = buy_when_needed_by(&problems[1], plan.buys, &taken, |b| search::evaluate_cases(&cases, b, &taken));
        Solution {
            packs: packs_of(&problems[0], &buys),
            commitments: terms_of(&problems[0], &taken),
            proven,
            lower_bound,
            method: Method::CaseSearch,
            alone_commitments: if alone.iter().all(|o| o.commitments.is_empty()) {
                Vec::new()
            } else {
                alone.iter().map(|o| o.commitments.clone()).collect()
            },
            alone: alone.iter().map(|o| o.packs.clone()).collect(),
            searching,
        }
    };
    // Past the validity the coupling and the local moves below take seconds in a browser at 36
    // or 60 months: the best of the cases' own plans (or no plan) is shown meanwhile, with their
    // floor.
    let past_validity = problems[0].months() > problems[0].validity as usize;
    if past_validity && floor < incumbent.cost {
        first(&solution(incumbent.clone(), false, floor, true));
    }
    // The cases coupled by their shared purchases: a far higher floor, and plans to try. (Not
    // with commitments, which the cohort program does not choose.)
    let mut adjust = Vec::new();
    if problems[0].choices.len() == 1 && !problems[0].sizes.is_empty() {
        let work: u128 = problems.iter().filter_map(cohort::size).map(|(w, _)| w).sum();
        let runs = (COUPLING_WORK / work.max(1)).min(COUPLING_RUNS) as usize;
        if let Some(c) = couple::couple(&cases, &incumbent, runs) {
            if let Some(plan) = c.plan.filter(|p| p.cost < incumbent.cost) {
                incumbent = plan;
            }
            if c.lower_bound > floor.money && floor.refused == 0 && floor.sales == 0 {
                floor = Cost::money(c.lower_bound);
            }
            adjust = c.adjust;
        }
    }
    // Local moves from the best plan so far, no plan and each case's own plan (they reach
    // different plans from each): the shared optimum often buys later and less than any case's
    // own plan (see `polish`).
    let budget = POLISH_WORK / (problems[0].months().max(1) * cases.len()) as u64;
    let starts = [incumbent.clone(), none];
    for start in starts.iter().chain(&own) {
        if let Some(plan) = polish::polish(&cases, start, budget).filter(|p| p.cost < incumbent.cost) {
            incumbent = plan;
        }
    }
    // The plan the search starts from, with the bound so far, shown while it searches: at once
    // past the validity, and within it where the search month by month runs long (a quarter of
    // its work spent: about 100 ms natively at 12 months and a few hundred thousand calls a month)
    // or stops short.
    let shown = incumbent.clone();
    let mut show = || {
        if floor < shown.cost {
            first(&solution(shown.clone(), false, floor.min(shown.cost), true));
        }
    };
    if past_validity {
        show();
    }
    let s = search::solve_coupled_noting(&cases, incumbent, floor, limit, &adjust, &mut show);
    let s = after_search(&cases, s, budget);
    Ok(solution(s.plan, s.proven, s.lower_bound, false))
}

/// Where the search left the plan unproven, the local moves again, two purchases moved together
/// too (before the search, a cheaper start from them changed what the search went on to prove:
/// 60 months at up to 4,777 a month was left 0.0066 % short); a plan that meets the search's
/// bound is proven after all.
fn after_search(cases: &[search::Weighted], mut s: search::Searched, budget: u64) -> search::Searched {
    if let Some(plan) = (!s.proven).then(|| polish::polish_pairs(cases, &s.plan, budget)).flatten() {
        s.proven = plan.cost <= s.lower_bound;
        s.plan = plan;
    }
    s
}

/// The lower bound of a range's cases coupled by their shared purchases alone (see `couple`),
/// within `runs` runs of the cohort program a case, with no packs as the plan to beat, in money
/// to the fen: what the tests check against enumeration. `None` where coupling gives no money
/// bound.
pub fn coupled_bound(
    catalog: &Catalog,
    line: &Line,
    index: usize,
    weights: Weights,
    runs: usize,
) -> Result<Option<Decimal>, EstimateError> {
    line.check_shape(index)?;
    let problems: Vec<Problem> =
        Case::ALL.iter().map(|c| problem_of(catalog, &line.case(*c), index)).collect::<Result<_, _>>()?;
    if problems[0].choices.len() > 1 || problems[0].sizes.is_empty() {
        return Ok(None);
    }
    let (w, w_scale) = integer_weights(weights);
    let cases: Vec<search::Weighted> =
        problems.iter().zip(w).map(|(p, weight)| search::Weighted { problem: p, weight }).collect();
    let none = search::no_packs(&cases);
    Ok(couple::couple(&cases, &none, runs)
        .and_then(|c| problems[0].try_to_decimal(c.lower_bound.div_euclid(10i128.pow(w_scale))))
        .map(floor_yuan))
}

/// The commitments a line takes as each month's choice (an index into the problem's choices).
fn taken_of(p: &Problem, terms: &[CommitmentTerm]) -> Vec<usize> {
    (1..=p.months() as u32)
        .map(|m| {
            CommitmentTerm::in_month(terms, m).and_then(|id| p.choices.iter().position(|c| c.id == id)).unwrap_or(0)
        })
        .collect()
}

/// Moves each purchase to the first month its packs are drawn (or drops it if they never are)
/// wherever that leaves the plan's cost, given by `cost_of` (the expected cost over cases, for
/// a range), unchanged; first draws read from `p` with the months' choices `taken`.
fn buy_when_needed_by(
    p: &Problem,
    mut buys: Vec<(u32, usize, u64)>,
    taken: &[usize],
    cost_of: impl Fn(&[(u32, usize, u64)]) -> Cost,
) -> Vec<(u32, usize, u64)> {
    let cost = cost_of(&buys);
    let mut changed = true;
    while changed {
        changed = false;
        for i in 0..buys.len() {
            let Some(first) = first_draw(p, &buys, taken, i) else {
                let mut fewer = buys.clone();
                fewer.remove(i);
                if cost_of(&fewer) <= cost {
                    buys = fewer;
                    changed = true;
                    break;
                }
                continue;
            };
            if first > buys[i].0 {
                let mut later = buys.clone();
                later[i].0 = first;
                later.sort();
                if cost_of(&later) <= cost {
                    buys = later;
                    changed = true;
                    break;
                }
            }
        }
    }
    buys
}

/// The first month (1-based) in which purchase `i`'s packs are drawn, by the engine's settlement
/// (with each month's choice `taken`).
fn first_draw(p: &Problem, buys: &[(u32, usize, u64)], taken: &[usize], i: usize) -> Option<u32> {
    let committed: Vec<settle::Committed> = p
        .choices
        .iter()
        .map(|c| settle::Committed { id: c.id.clone(), fee: Decimal::ZERO, calls: c.calls, tariff: c.listed.clone() })
        .collect();
    let taken: Vec<Option<usize>> = taken.iter().map(|&k| (k > 0).then_some(k)).collect();
    let purchases: Vec<settle::Purchase> = buys
        .iter()
        .map(|&(month, k, count)| settle::Purchase {
            size: p.sizes[k].calls,
            count,
            month,
            price: p.to_decimal(p.sizes[k].price),
        })
        .collect();
    let s = settle::settle(&settle::Ledger {
        tariff: &p.choices[0].listed,
        calls: &p.calls,
        free_calls: p.free_calls,
        free_last: p.free_last,
        purchases: &purchases,
        postpaid_on: p.postpaid_on,
        pack_draw: PackDraw::EffectiveOrder,
        validity_months: p.validity,
        quota: p.quota.as_ref(),
        minimum: p.minimum,
        taken: &taken,
        commitments: &committed,
    })
    .ok()?;
    s.purchases.get(i)?.first_used
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::optimize::polish::tests::where_single_moves_stop;

    /// After a search that left its plan unproven, the local moves go on with two purchases moved
    /// together: from plans where the single moves stop (on small random ranges past the
    /// validity), some come out cheaper, priced by the rules, and proven only where they meet the
    /// search's bound.
    #[test]
    fn after_an_unproven_search_two_purchases_are_moved_together() {
        let mut cheaper = 0;
        where_single_moves_stop(|round, cases, single| {
            let left = |lower_bound| search::Searched { plan: single.clone(), proven: false, lower_bound };
            let s = after_search(cases, left(Cost::ZERO), 1_000_000);
            assert!(!s.proven && s.plan.cost <= single.cost, "round {round}");
            assert_eq!(s.plan.cost, search::evaluate_cases(cases, &s.plan.buys, &s.plan.taken), "round {round}");
            if s.plan.cost < single.cost {
                cheaper += 1;
                // With the search's bound at the cheaper plan's cost, it is proven.
                assert!(after_search(cases, left(s.plan.cost), 1_000_000).proven, "round {round}");
            }
        });
        assert!(cheaper > 0, "no plan came out cheaper");
    }

    /// Past the validity the page hears of a plan before the coupling runs (it takes seconds in a
    /// browser at 36 or 60 months): the best of the cases' own plans with their floor, then the
    /// plan the search starts from with the coupled bound; each unproven and still searching, the
    /// bounds never falling and never above the final plan's.
    #[test]
    fn past_the_validity_a_plan_is_shown_before_the_coupling_and_again_after_it() {
        let likely: Vec<u64> = (0..24).map(|m| 20_777 + (m * 7_919) % 60_000).collect();
        let mut line = Line::new("活体人脸核身", likely.clone());
        line.calls_low = Some(likely.iter().map(|c| c * 6 / 10).collect());
        line.calls_high = Some(likely.iter().map(|c| c * 17 / 10).collect());
        let catalog = crate::engine::catalog::builtin();
        let mut shown = Vec::new();
        let last = solve_line(catalog, &line, 0, Weights::default(), &mut |s| shown.push(s.clone())).unwrap();
        assert!(shown.len() >= 2, "{} plans shown", shown.len());
        assert!(shown.iter().all(|s| s.searching && !s.proven));
        let bounds: Vec<Decimal> = shown.iter().map(|s| s.lower_bound.unwrap()).collect();
        assert!(bounds.windows(2).all(|b| b[0] <= b[1]), "{bounds:?}");
        assert!(bounds[0] < bounds[1], "the coupling lifts the floor: {bounds:?}");
        assert!(bounds.iter().all(|b| *b <= last.lower_bound.unwrap()), "{bounds:?} {:?}", last.lower_bound);
    }
}

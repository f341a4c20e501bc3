//! The exact pack optimizer: for a line's monthly volumes, the purchase plan — which offered sizes,
//! how many, in which month — with the lowest total under the engine's rules (free pack first,
//! packs drawn in effective order and expiring after their validity, the postpaid tier found from
//! each month's postpaid volume, refusals when postpaid is off).
//!
//! Plans are compared by (calls refused, calls needing a price from sales, money): with postpaid
//! off the plan covers every call if any plan can, and refuses the fewest otherwise; a plan with a
//! known price beats one that reaches a "contact sales" tier.
//!
//! # Algorithm
//! - **One volume, any horizon**: `cohort` is a dynamic program over the months in which packs
//!   are bought. Putting a purchase off until the packs on hand run short never costs more (with
//!   the month cost's lower envelope; see its docs), and such a month drains every older pack, so
//!   the state is the calls carried into a purchase month and the purchase step is an unbounded
//!   knapsack over a grid of the packs' gcd. Within the validity nothing expires and the plan is
//!   exact at once; past it, a second run with the envelope gives a lower bound, which proves the
//!   plan when they meet (the documents' tiers, 120 months of up to 10⁶ calls: proven in about
//!   0.35 s natively). Where a reached tier's cliff leaves a gap, `search`, a branch and bound
//!   over every plan with the whole queue of packs as its state, starts from the plan and closes
//!   it within a budget of choices, or reports the gap.
//!
//! All are checked against exhaustive enumeration of every plan on many small random instances
//! (tests/optimizer.rs). The chosen plan is then priced by the engine itself, so the figures shown
//! are the engine's, not the optimizer's.

mod cohort;
mod problem;
mod search;

pub use cohort::{Solved, solve as cohort_program};
pub use problem::{Cost, Knapsack, PackPlan, Problem, gcd};
pub use search::{evaluate, solve_one as branch_and_bound};

use rust_decimal::Decimal;
use serde::Serialize;

use super::catalog::Catalog;
use super::error::EstimateError;
use super::estimate::{Line, PackPurchase};
use super::lang::Lang;
use super::money::round_yuan;
use super::money::{group_u64, yuan};
use super::quote::{LineQuote, quote_line, resolve};
use super::terms::{Case, Weights};

/// Most work units the cohort program may do (about 1.5 s natively, a few in the browser).
pub const WORK_LIMIT: u128 = 400_000_000;
/// Most memory the optimizer may take, in bytes: a phone's browser tab must survive it.
pub const MEMORY_LIMIT: u128 = 96 * 1024 * 1024;
/// Most purchase choices the branch and bound tries before it stops (about a second natively).
pub const STATE_LIMIT: u64 = 3_000_000;

/// The optimizer's answer for one line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Optimized {
    /// The line with the optimal plan as its packs.
    pub line: Line,
    /// The engine's quote of that line.
    pub quote: LineQuote,
    /// The same volumes with no packs at all.
    pub postpaid_only: LineQuote,
    /// The visitor's own plan.
    pub yours: LineQuote,
    /// What the optimal plan saves against the visitor's plan and against postpaid only.
    pub saving_vs_yours: Option<Decimal>,
    pub saving_vs_postpaid_only: Option<Decimal>,
    /// Whether no cheaper plan can exist (always, up to the validity; for longer horizons, unless
    /// the search hit its limit).
    pub proven_optimal: bool,
    /// A proven lower bound on any plan's total, where one is known.
    pub lower_bound: Option<Decimal>,
    /// `cohort_dp` (proven, or not, by the dynamic program alone), `cohort_dp_search` (a search
    /// over every plan had to close a gap) or `scenario_branch_and_bound`.
    pub method: &'static str,
    /// Why this plan is cheapest, in words.
    pub explanation: String,
    /// For a line with a range of volumes: the plan's expected cost and how it fares in each case.
    pub scenarios: Option<ScenarioPlan>,
}

/// How the plan for an uncertain volume fares.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScenarioPlan {
    pub weights: Weights,
    /// The weighted sum of the cases' totals, to the fen.
    pub expected: Option<Decimal>,
    /// The visitor's own plan's expected cost.
    pub your_expected: Option<Decimal>,
    /// Low, likely, high.
    pub cases: Vec<CaseOutcome>,
}

/// The plan in one case, against the best plan for that case alone.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CaseOutcome {
    pub case: Case,
    pub calls: u64,
    /// What the plan costs in this case.
    pub total: Option<Decimal>,
    /// Calls the plan refuses in this case (postpaid off): a plan may cost less than the case's
    /// best alone by refusing calls, so the regret is then negative.
    pub refused_calls: u64,
    /// What the best plan for this case alone costs, and its packs.
    pub best_alone: Option<Decimal>,
    pub best_alone_packs: Vec<PackPurchase>,
    /// `total − best_alone`: what deciding up front costs if this case comes true.
    pub regret: Option<Decimal>,
}

/// What the optimizer found for one line, beside the line's quote in `quote --optimize`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    pub line: usize,
    pub proven_optimal: bool,
    pub method: &'static str,
    pub lower_bound: Option<Decimal>,
    /// The line's totals with your packs and with none (for a range: in the likely case; the
    /// savings then compare expected costs, see `scenarios`).
    pub your_total: Option<Decimal>,
    pub postpaid_only_total: Option<Decimal>,
    pub saving_vs_yours: Option<Decimal>,
    pub saving_vs_postpaid_only: Option<Decimal>,
    pub explanation: String,
    /// For a line with a range of volumes: expected cost, cases and regrets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scenarios: Option<ScenarioPlan>,
}

/// Optimizes every line of an estimate: the quote of the optimal plans (each line's `packs` is
/// its plan), the optimized estimate, and a summary per line.
/// `builtin` is extended or replaced by the price list the estimate carries, if any.
pub fn optimize_estimate(
    builtin: &Catalog,
    estimate: &super::estimate::Estimate,
    lang: Lang,
) -> Result<(super::quote::Quote, super::estimate::Estimate, Vec<Summary>), EstimateError> {
    estimate.check_shape()?;
    let catalog = estimate.catalog(builtin)?;
    let catalog = catalog.as_ref();
    let mut lines = Vec::new();
    let mut quotes = Vec::new();
    let mut summaries = Vec::new();
    for (i, line) in estimate.lines.iter().enumerate() {
        let line = estimate.priced_line(i).unwrap_or(std::borrow::Cow::Borrowed(line));
        let o = optimize_line_weighted(catalog, &line, i, estimate.weights(), lang)?;
        summaries.push(Summary {
            line: i,
            proven_optimal: o.proven_optimal,
            method: o.method,
            lower_bound: o.lower_bound,
            your_total: o.yours.total,
            postpaid_only_total: o.postpaid_only.total,
            saving_vs_yours: o.saving_vs_yours,
            saving_vs_postpaid_only: o.saving_vs_postpaid_only,
            explanation: o.explanation,
            scenarios: o.scenarios,
        });
        lines.push(o.line);
        quotes.push(o.quote);
    }
    let quote = super::quote::Quote::of_lines(catalog, quotes, lang)
        .map_err(|_| EstimateError::Overflow { path: crate::engine::path::Path::root().key("lines") })?;
    let optimized = super::estimate::Estimate {
        lines,
        discount: estimate.discount,
        scenario_weights: estimate.scenario_weights,
        price_list: estimate.price_list.clone(),
    };
    Ok((quote, optimized, summaries))
}

fn too_large(index: usize, what: String) -> EstimateError {
    EstimateError::Field { path: crate::engine::path::line(index).key("calls"), message: what }
}

/// Finds the cheapest purchase plan for line `index` of an estimate (for a range of volumes,
/// with the default weights of the cases).
pub fn optimize_line(catalog: &Catalog, line: &Line, index: usize, lang: Lang) -> Result<Optimized, EstimateError> {
    optimize_line_weighted(catalog, line, index, Weights::default(), lang)
}

/// Finds the cheapest purchase plan for line `index`; a line with a range of volumes gets the
/// plan of least expected cost under `weights`.
pub fn optimize_line_weighted(
    catalog: &Catalog,
    line: &Line,
    index: usize,
    weights: Weights,
    lang: Lang,
) -> Result<Optimized, EstimateError> {
    let solution = solve_line(catalog, line, index, weights, &mut |_| ())?;
    finish(catalog, line, index, weights, lang, &solution)
}

/// How a plan was found and proven.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// The cohort dynamic program, proven (or not) by itself.
    CohortDp,
    /// The cohort program, then a branch and bound over every plan to close a gap it left.
    CohortDpSearch,
    /// The branch and bound over the low, likely and high cases at once.
    ScenarioBranchAndBound,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::CohortDp => "cohort_dp",
            Method::CohortDpSearch => "cohort_dp_search",
            Method::ScenarioBranchAndBound => "scenario_branch_and_bound",
        }
    }

    pub fn from_name(s: &str) -> Option<Method> {
        [Method::CohortDp, Method::CohortDpSearch, Method::ScenarioBranchAndBound].into_iter().find(|m| m.as_str() == s)
    }
}

/// What the optimizer decides for one line: the costly part, which the page runs in a Web Worker
/// and sends back as JSON ([`Solution::from_value`] reads it back). [`finish`] prices it into an
/// [`Optimized`], cheaply.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Solution {
    /// The plan.
    pub packs: Vec<PackPurchase>,
    pub proven: bool,
    /// A proven lower bound on any plan's total (the expected total, for a range), to the fen.
    pub lower_bound: Option<Decimal>,
    pub method: Method,
    /// For a line with a range: the best plan for each case alone (low, likely, high).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alone: Vec<Vec<PackPurchase>>,
}

impl Solution {
    /// Reads a solution written by `serde_json` (by hand, not by a derived `Deserialize`: that
    /// would add its code, and a float parser for decimals, to the WebAssembly bundle).
    pub fn from_value(v: &serde_json::Value) -> Option<Solution> {
        let packs = |v: &serde_json::Value| -> Option<Vec<PackPurchase>> {
            v.as_array()?
                .iter()
                .map(|p| {
                    Some(PackPurchase {
                        size: p.get("size")?.as_u64()?,
                        count: p.get("count")?.as_u64()?,
                        month: u32::try_from(p.get("month")?.as_u64()?).ok()?,
                    })
                })
                .collect()
        };
        let lower_bound = match v.get("lower_bound")? {
            serde_json::Value::Null => None,
            b => Some(b.as_str()?.parse::<Decimal>().ok()?),
        };
        let alone = match v.get("alone") {
            None => Vec::new(),
            Some(a) => a.as_array()?.iter().map(packs).collect::<Option<_>>()?,
        };
        Some(Solution {
            packs: packs(v.get("packs")?)?,
            proven: v.get("proven")?.as_bool()?,
            lower_bound,
            method: Method::from_name(v.get("method")?.as_str()?)?,
            alone,
        })
    }
}

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
        solve_ranged(catalog, line, index, weights)
    } else {
        solve_single(catalog, line, index, first)
    }
}

/// Prices a [`Solution`] for line `index`: its quote beside postpaid only and the visitor's own
/// plan, the savings, the explanation and, for a range, each case against its best plan alone.
pub fn finish(
    catalog: &Catalog,
    line: &Line,
    index: usize,
    weights: Weights,
    lang: Lang,
    solution: &Solution,
) -> Result<Optimized, EstimateError> {
    let yours = quote_line(catalog, line, index, lang)?;
    let mut optimal = line.clone();
    optimal.packs = solution.packs.clone();
    let quote = quote_line(catalog, &optimal, index, lang)?;
    let mut bare = line.clone();
    bare.packs.clear();
    let postpaid_only = quote_line(catalog, &bare, index, lang)?;
    let (saving_vs_yours, saving_vs_postpaid_only, explanation, scenarios) = if line.has_range() {
        // With a range of volumes, the plans are compared by their expected cost.
        let expected = |q: &LineQuote| q.range.and_then(|r| weights.expected(&r));
        let (mine, theirs, none) = (expected(&quote), expected(&yours), expected(&postpaid_only));
        let saving = |other: Option<Decimal>| other.zip(mine).map(|(a, b)| a - b);
        let mut cases = Vec::new();
        for (k, c) in Case::ALL.iter().enumerate() {
            let total = quote.range.and_then(|r| r.get(*c));
            let refused_calls = quote_line(catalog, &optimal.case(*c), index, lang).map_or(0, |q| q.refused_calls);
            let mut alone = line.case(*c);
            alone.packs = solution.alone.get(k).cloned().unwrap_or_default();
            let best_alone = quote_line(catalog, &alone, index, lang)?.total;
            cases.push(CaseOutcome {
                case: *c,
                calls: line.calls_of(*c).iter().sum(),
                total,
                refused_calls,
                best_alone,
                best_alone_packs: alone.packs,
                regret: total.zip(best_alone).map(|(a, b)| a - b),
            });
        }
        (
            saving(theirs),
            saving(none),
            explain_scenarios(mine, solution.proven, weights, lang),
            Some(ScenarioPlan { weights, expected: mine, your_expected: theirs, cases }),
        )
    } else {
        let saving = |other: &LineQuote| other.total.zip(quote.total).map(|(a, b)| a - b);
        (
            saving(&yours),
            saving(&postpaid_only),
            explain(&quote, solution.proven, solution.method, solution.lower_bound, lang),
            None,
        )
    };
    Ok(Optimized {
        saving_vs_yours,
        saving_vs_postpaid_only,
        line: optimal,
        quote,
        postpaid_only,
        yours,
        proven_optimal: solution.proven,
        lower_bound: solution.lower_bound,
        method: solution.method.as_str(),
        explanation,
        scenarios,
    })
}

/// The integer problem of a line with one volume (or one case of a range).
fn problem_of(catalog: &Catalog, line: &Line, index: usize) -> Result<Problem, EstimateError> {
    let r = resolve(catalog, line, index)?;
    let prices: Vec<(u64, Decimal)> =
        r.product.map(|p| p.offered().map(|(s, price)| (s.calls, price)).collect()).unwrap_or_default();
    let validity = r.product.map_or(12, |p| p.validity_months);
    Ok(Problem::with_terms(
        line.calls.clone(),
        &prices,
        line.free_calls,
        validity,
        &r.service.postpaid,
        line.postpaid,
        line.negotiated_price,
        line.discount,
    ))
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
    let bound = |c: Cost| (c.refused == 0 && c.sales == 0).then(|| p.try_to_decimal(c.money)).flatten().map(round_yuan);
    let (plan, proven, lower, method) = match cohort::size(&p) {
        None => {
            // No pack is offered: the plan is to buy nothing.
            let cost = search::evaluate(&p, &[]);
            (PackPlan { buys: Vec::new(), cost }, true, cost, Method::CohortDp)
        }
        Some((work, memory)) => {
            if work > WORK_LIMIT || memory > MEMORY_LIMIT {
                return Err(too_large(
                    index,
                    format!(
                        "too large to optimize exactly here: {} months of up to {} calls with these pack sizes would take about {} steps and {} MB (the most is {} steps and {} MB); try fewer months or smaller volumes",
                        p.months(),
                        group_u64(p.demand.iter().copied().max().unwrap_or(0)),
                        group_u64(work.min(u64::MAX as u128) as u64),
                        group_u64((memory >> 20).min(u64::MAX as u128) as u64),
                        group_u64(WORK_LIMIT as u64),
                        MEMORY_LIMIT >> 20
                    ),
                ));
            }
            let mut early = |plan: &PackPlan| {
                first(&Solution {
                    packs: packs_of(&p, &plan.buys),
                    proven: false,
                    lower_bound: None,
                    method: Method::CohortDpSearch,
                    alone: Vec::new(),
                })
            };
            let s = cohort::solve(&p, STATE_LIMIT, &mut early).expect("a pack is offered");
            let method = if s.searched { Method::CohortDpSearch } else { Method::CohortDp };
            (s.plan, s.proven, s.lower_bound, method)
        }
    };
    // Among equally cheap plans, show the one that buys each pack when it is first needed: the
    // money is paid later, the 7-day refund window covers a pack that turns out unneeded, and
    // less can expire.
    let buys = buy_when_needed(&p, plan.buys);
    Ok(Solution { packs: packs_of(&p, &buys), proven, lower_bound: bound(lower), method, alone: Vec::new() })
}

/// The weights as integers at one scale (`0.25, 0.5, 0.25` → `25, 50, 25` at scale 2).
fn integer_weights(w: Weights) -> ([i128; 3], u32) {
    let scale = Case::ALL.iter().map(|c| w.get(*c).normalize().scale()).max().unwrap_or(0);
    let units = Case::ALL.map(|c| problem::to_units(w.get(c), scale));
    (units, scale)
}

/// A line with a range: the plan of least expected cost over its cases.
fn solve_ranged(catalog: &Catalog, line: &Line, index: usize, weights: Weights) -> Result<Solution, EstimateError> {
    let problems: Vec<Problem> =
        Case::ALL.iter().map(|c| problem_of(catalog, &line.case(*c), index)).collect::<Result<_, _>>()?;
    if problems.iter().map(search::memory).sum::<u128>() > MEMORY_LIMIT {
        return Err(too_large(
            index,
            "too large to optimize exactly here: the high case needs more memory than a browser tab should use; try fewer months or smaller volumes".into(),
        ));
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
    let mut incumbent = PackPlan { buys: Vec::new(), cost: search::evaluate_cases(&cases, &[]) };
    for o in &alone {
        let buys = buys_of(&o.packs);
        let cost = search::evaluate_cases(&cases, &buys);
        if cost < incumbent.cost {
            incumbent = PackPlan { buys, cost };
        }
    }
    let floor = if alone.iter().all(|o| o.proven) {
        alone.iter().zip(&cases).fold(Cost::ZERO, |acc, (o, c)| {
            acc.plus(search::times(search::evaluate(c.problem, &buys_of(&o.packs)), c.weight))
        })
    } else {
        Cost::ZERO
    };
    let s = search::solve(&cases, incumbent, floor, STATE_LIMIT);
    let buys = buy_when_needed_by(&problems[1], s.plan.buys, |b| search::evaluate_cases(&cases, b));
    // Weighted units over 10^w_scale, floored (still a lower bound), then to 元.
    let lower_bound = (s.lower_bound.refused == 0 && s.lower_bound.sales == 0)
        .then(|| problems[0].try_to_decimal(s.lower_bound.money / 10i128.pow(w_scale)))
        .flatten()
        .map(round_yuan);
    Ok(Solution {
        packs: packs_of(&problems[0], &buys),
        proven: s.proven,
        lower_bound,
        method: Method::ScenarioBranchAndBound,
        alone: alone.into_iter().map(|o| o.packs).collect(),
    })
}

fn explain_scenarios(expected: Option<Decimal>, proven: bool, w: Weights, lang: Lang) -> String {
    let (lo, li, hi) = (w.low.normalize(), w.likely.normalize(), w.high.normalize());
    let cost = expected.map(yuan).unwrap_or_else(|| "—".into());
    match (proven, lang) {
        (true, Lang::Zh) => format!(
            "同一购买方案（事先决定）在低/中/高三种用量下的加权期望费用（权重 {lo} / {li} / {hi}）最低：{cost} 元；分支定界遍历了每个月的所有购买选择，没有方案的期望费用更低。"
        ),
        (true, Lang::En) => format!(
            "One plan, decided up front, with the least expected cost over the low, likely and high cases (weights {lo} / {li} / {hi}): {cost} 元. A branch-and-bound search covered every purchase choice in every month; no plan has a lower expected cost."
        ),
        (false, Lang::Zh) => format!(
            "按权重 {lo} / {li} / {hi} 的期望费用 {cost} 元：组合太多，搜索在上限处停止，这是找到的最佳方案，但未证明最优。"
        ),
        (false, Lang::En) => format!(
            "Expected cost {cost} 元 with weights {lo} / {li} / {hi}: the combinations are too many and the search stopped at its limit; this is the best plan found, not proven optimal."
        ),
    }
}

/// Moves each purchase to the first month its packs are drawn (or drops it if they never are)
/// wherever that leaves the plan's cost unchanged.
fn buy_when_needed(p: &Problem, buys: Vec<(u32, usize, u64)>) -> Vec<(u32, usize, u64)> {
    buy_when_needed_by(p, buys, |b| search::evaluate(p, b))
}

/// [`buy_when_needed`] with the plan's cost given by `cost_of` (the expected cost over cases),
/// first draws read from `p`.
fn buy_when_needed_by(
    p: &Problem,
    mut buys: Vec<(u32, usize, u64)>,
    cost_of: impl Fn(&[(u32, usize, u64)]) -> Cost,
) -> Vec<(u32, usize, u64)> {
    let cost = cost_of(&buys);
    let mut changed = true;
    while changed {
        changed = false;
        for i in 0..buys.len() {
            let Some(first) = first_draw(p, &buys, i) else {
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

/// The first month (1-based) in which purchase `i`'s packs are drawn, by the engine's settlement.
fn first_draw(p: &Problem, buys: &[(u32, usize, u64)], i: usize) -> Option<u32> {
    let purchases: Vec<super::settle::Purchase> = buys
        .iter()
        .map(|&(month, k, count)| super::settle::Purchase {
            size: p.sizes[k].calls,
            count,
            month,
            price: p.to_decimal(p.sizes[k].price),
        })
        .collect();
    let s = super::settle::settle(&super::settle::Ledger {
        tariff: &p.listed,
        calls: &p.demand,
        free_calls: p.free_calls,
        purchases: &purchases,
        postpaid_on: p.postpaid_on,
        pack_draw: super::catalog::PackDraw::EffectiveOrder,
        validity_months: p.validity,
    })
    .ok()?;
    s.purchases.get(i)?.first_used
}

fn explain(q: &LineQuote, proven: bool, method: Method, lower_bound: Option<Decimal>, lang: Lang) -> String {
    let total = q.total.map(yuan);
    let how = match (method, lang) {
        (Method::CohortDp, Lang::Zh) => "动态规划遍历了每个月购买任意规格、任意数量资源包的所有组合（含资源包过期）",
        (Method::CohortDp, Lang::En) => {
            "A dynamic program covered every combination of sizes and counts in every month, expiry included"
        }
        (_, Lang::Zh) => "动态规划与分支定界搜索遍历了每个月的所有购买选择（含资源包过期）",
        (_, Lang::En) => {
            "A dynamic program and a branch-and-bound search covered every purchase choice in every month, expiry included"
        }
    };
    let gap = lower_bound.zip(q.total).map(|(lb, t)| (yuan(lb), yuan(t - lb)));
    match (proven, total, lang) {
        (true, Some(t), Lang::Zh) => format!("{how}：没有任何方案低于 {t} 元。"),
        (true, Some(t), Lang::En) => format!("{how}: no plan costs less than {t} 元."),
        (true, None, Lang::Zh) => format!("{how}；部分价格需联系商务，此方案需要报价的调用最少。"),
        (true, None, Lang::En) => format!(
            "{how}; part of the price must come from sales, and this plan needs the fewest calls priced by sales."
        ),
        (false, _, Lang::Zh) => match gap {
            Some((lb, d)) => format!(
                "阶梯价格的断点使证明未能完成（搜索有步数和内存上限）：这是找到的最便宜方案；任何方案都不低于 {lb} 元，此方案最多贵 {d} 元。"
            ),
            None => "搜索在上限处停止：这是找到的最便宜方案，但未证明最优。".to_string(),
        },
        (false, _, Lang::En) => match gap {
            Some((lb, d)) => format!(
                "A tier's price cliff kept the proof from closing (the search has a step and a memory budget): this is the cheapest plan found; no plan costs less than {lb} 元, so it is at most {d} 元 above the optimum."
            ),
            None => "The search stopped at its limit: this is the cheapest plan found, not proven optimal.".to_string(),
        },
    }
}

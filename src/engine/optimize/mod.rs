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
//! - **A range of volumes** (low, likely, high, with their weights): `search` again, over the
//!   cases at once, for the one plan of least expected cost. `couple` first relaxes "every case
//!   buys the same packs" with Lagrange multipliers on the packs' prices, solving each case by
//!   the cohort program: first with one case paying for every pack (where a high case past the
//!   postpaid table's last tier decides what must be bought, that is the optimum), then the
//!   best multipliers per step, found exactly, and one per pack size, which lifts it further
//!   (where one case paying is below the multipliers per step): a lower bound well above the
//!   cases' own optima, plans to start from, and the multipliers that also lift the search's
//!   per-case bounds; `polish` improves the best
//!   plan by local moves. Where the packs outlast the horizon the search goes month by month,
//!   each case's packs one balance, and proves the plan (every seeded range of 12 months, in
//!   under a second; where it stops short, at a few hundred thousand calls a month, the search
//!   under the envelope below runs after it); past the validity it goes month by month under the
//!   month cost's lower envelope, one state standing for every state it dominates
//!   (`search/pareto.rs`), then depth first unless its bound is already within 10⁻⁴ of the
//!   plan, each case also bounded by its cohort program's table: every seeded range of 24 months
//!   is proven, 5 of 6 of 36 months (the sixth ends with a stated gap of 0.94 %), and 4 of 6 of
//!   60 months (the others 0.0011 and 0.32 %); of twelve ranges past the postpaid table's last
//!   tier, seven are proven (README, `cargo bench --bench ranges`).
//!
//! All are checked against exhaustive enumeration of every plan on many small random instances
//! (tests/optimizer.rs). The chosen plan is then priced by the engine itself, so the figures shown
//! are the engine's, not the optimizer's.
//!
//! The pieces: `problem` (the integer problem of a line, its month costs from the engine's
//! rating rule), `cohort` and `search` (the two exact methods), `couple` (a range's bound), `polish`
//! (local moves on a range's plan), `solve` (which method for which
//! line, and the plan read back as purchases), `solution` (what the solvers decide: the part the
//! page runs in a Web Worker), `outcome` (a solution priced by the engine beside postpaid only and
//! the visitor's own plan) and `words` (why the plan is cheapest, in words).

mod cohort;
mod couple;
mod menu;
mod outcome;
mod polish;
mod problem;
mod search;
mod solution;
mod solve;
mod words;

pub use cohort::{Solved, solve as cohort_program};
pub use outcome::{CaseOutcome, Optimized, RangePlan, Summary, price_solution};
pub use problem::{Cost, FORBIDDEN, Knapsack, PackPlan, Problem, Terms, TooLarge, gcd};
pub use search::{evaluate, solve_one as branch_and_bound};
pub use solution::{Method, Proof, Solution};
pub use solve::{coupled_bound, solve_line, solve_ranged};

use super::catalog::Catalog;
use super::error::EstimateError;
use super::estimate::Line;
use super::lang::Lang;
use super::terms::Weights;

/// Most work units the cohort program may do (about 1.5 s natively, a few in the browser).
pub const WORK_LIMIT: u128 = 400_000_000;
/// Most memory the optimizer may take, in bytes: a phone's browser tab must survive it.
pub const MEMORY_LIMIT: u128 = 96 * 1024 * 1024;
/// Most purchase choices the branch and bound tries before it stops (about a second natively).
pub const STATE_LIMIT: u64 = 3_000_000;

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
        summaries.push(Summary::of(i, &o));
        lines.push(o.line);
        quotes.push(o.quote);
    }
    let quote = super::quote::Quote::of_lines(catalog, quotes, lang)
        .map_err(|_| EstimateError::Overflow { path: crate::engine::path::Path::root().key("lines") })?
        .with_vat(estimate.vat);
    let optimized = super::estimate::Estimate {
        lines,
        discount: estimate.discount,
        scenario_weights: estimate.scenario_weights,
        price_list: estimate.price_list.clone(),
        vat: estimate.vat,
    };
    Ok((quote, optimized, summaries))
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
    price_solution(catalog, line, index, weights, lang, &solution)
}

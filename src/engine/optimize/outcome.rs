//! A [`Solution`] priced by the engine: the plan's quote beside postpaid only and the visitor's
//! own plan, the savings, and for a range of volumes how the plan fares in each case against
//! that case's best plan alone. Cheap: the page prices the worker's solutions with it.

use rust_decimal::Decimal;
use serde::Serialize;

use super::Solution;
use super::words::{explain, explain_range};
use crate::engine::catalog::Catalog;
use crate::engine::error::EstimateError;
use crate::engine::estimate::{CommitmentTerm, Line, PackPurchase};
use crate::engine::lang::Lang;
use crate::engine::quote::{LineQuote, quote_line};
use crate::engine::terms::{Case, Weights};

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
    /// over every plan had to close a gap) or `scenario_branch_and_bound` (the search over a
    /// range's cases; the name is the API's, kept as it was first published).
    pub method: &'static str,
    /// Why this plan is cheapest, in words.
    pub explanation: String,
    /// For a line with a range of volumes: the plan's expected cost and how it fares in each case.
    /// (Written as `scenarios` in JSON, the key the API first published.)
    #[serde(rename = "scenarios")]
    pub range: Option<RangePlan>,
}

/// How the plan for an uncertain volume fares.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RangePlan {
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
    /// Calls of the plan's packs that expire unused in this case (paid for, never drawn), and
    /// those still in valid packs after the last month (a free pack's or calls held from before
    /// month 1 are not counted: the plan did not buy them).
    pub expired_calls: u64,
    pub unused_calls: u64,
    /// What the best plan for this case alone costs, its packs and its commitments.
    pub best_alone: Option<Decimal>,
    pub best_alone_packs: Vec<PackPurchase>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub best_alone_commitments: Vec<CommitmentTerm>,
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
    /// savings then compare expected costs, see `range`).
    pub your_total: Option<Decimal>,
    pub postpaid_only_total: Option<Decimal>,
    pub saving_vs_yours: Option<Decimal>,
    pub saving_vs_postpaid_only: Option<Decimal>,
    pub explanation: String,
    /// For a line with a range of volumes: expected cost, cases and regrets.
    #[serde(skip_serializing_if = "Option::is_none")]
    /// (Written as `scenarios` in JSON, the key the API first published.)
    #[serde(rename = "scenarios")]
    pub range: Option<RangePlan>,
}

impl Summary {
    /// Line `line`'s summary of what the optimizer found.
    pub fn of(line: usize, o: &Optimized) -> Summary {
        Summary {
            line,
            proven_optimal: o.proven_optimal,
            method: o.method,
            lower_bound: o.lower_bound,
            your_total: o.yours.total,
            postpaid_only_total: o.postpaid_only.total,
            saving_vs_yours: o.saving_vs_yours,
            saving_vs_postpaid_only: o.saving_vs_postpaid_only,
            explanation: o.explanation.clone(),
            range: o.range.clone(),
        }
    }
}

/// Prices a [`Solution`] for line `index`: its quote beside postpaid only and the visitor's own
/// plan, the savings, the explanation and, for a range, each case against its best plan alone.
pub fn price_solution(
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
    optimal.commitments = solution.commitments.clone();
    let quote = quote_line(catalog, &optimal, index, lang)?;
    // Postpaid only: no packs, no commitment.
    let mut bare = line.clone();
    bare.packs.clear();
    bare.commitments.clear();
    let postpaid_only = quote_line(catalog, &bare, index, lang)?;
    let (saving_vs_yours, saving_vs_postpaid_only, explanation, range) = if line.has_range() {
        // With a range of volumes, the plans are compared by their expected cost.
        let expected = |q: &LineQuote| q.range.and_then(|r| weights.expected(&r));
        let (mine, theirs, none) = (expected(&quote), expected(&yours), expected(&postpaid_only));
        let saving = |other: Option<Decimal>| other.zip(mine).map(|(a, b)| a - b);
        let mut cases = Vec::new();
        for (k, c) in Case::ALL.iter().enumerate() {
            let total = quote.range.and_then(|r| r.get(*c));
            let in_case = quote_line(catalog, &optimal.case(*c), index, lang).ok();
            let of = |f: fn(&LineQuote) -> u64| in_case.as_ref().map_or(0, f);
            // The plan's packs only: calls held from before month 1 are not the plan's to waste.
            let (refused_calls, expired_calls, unused_calls) = (
                of(|q| q.refused_calls),
                of(|q| q.packs.iter().map(|p| p.expired_calls).sum()),
                of(|q| q.packs.iter().map(|p| p.unused_calls).sum()),
            );
            let mut alone = line.case(*c);
            alone.packs = solution.alone.get(k).cloned().unwrap_or_default();
            alone.commitments = solution.alone_commitments.get(k).cloned().unwrap_or_default();
            let best_alone = quote_line(catalog, &alone, index, lang)?.total;
            cases.push(CaseOutcome {
                case: *c,
                calls: line.calls_of(*c).iter().sum(),
                total,
                refused_calls,
                expired_calls,
                unused_calls,
                best_alone,
                best_alone_packs: alone.packs,
                best_alone_commitments: alone.commitments,
                regret: total.zip(best_alone).map(|(a, b)| a - b),
            });
        }
        (
            saving(theirs),
            saving(none),
            explain_range(mine, solution.proof(), solution.lower_bound, weights, &catalog.currency, lang),
            Some(RangePlan { weights, expected: mine, your_expected: theirs, cases }),
        )
    } else {
        let saving = |other: &LineQuote| other.total.zip(quote.total).map(|(a, b)| a - b);
        let mut explanation =
            explain(&quote, solution.proof(), solution.method, solution.lower_bound, &catalog.currency, lang);
        if let Some(when) = first_purchase_words(catalog, &optimal, index, &quote, lang) {
            explanation.push_str(lang.pick("", " "));
            explanation.push_str(&when);
        }
        (saving(&yours), saving(&postpaid_only), explanation, None)
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
        range,
    })
}

/// Why the plan's first packs wait for their month, where that is not month 1 (a buyer asks
/// "why not now?"): the same packs bought in month 1 cost the same (then the plan pays later) or
/// more, by how much. `None` where the plan buys in month 1, or nothing.
fn first_purchase_words(catalog: &Catalog, plan: &Line, index: usize, quote: &LineQuote, lang: Lang) -> Option<String> {
    let first = plan.packs.iter().filter(|p| p.count > 0).map(|p| p.month).min().filter(|m| *m > 1)?;
    let mut sooner = plan.clone();
    for p in sooner.packs.iter_mut().filter(|p| p.month == first) {
        p.month = 1;
    }
    let now = quote_line(catalog, &sooner, index, lang).ok()?.total?;
    let extra = now - quote.total?;
    let money = |a: Decimal| crate::engine::money::amount_with_currency(a, &catalog.currency, lang);
    Some(match (extra.is_zero(), lang) {
        // The same at these volumes only: more calls than planned can make the wait dearer.
        (true, Lang::Zh) => format!(
            "第 {first} 月才买：按这些用量，同样的资源包在第 1 月买费用相同，晚买即晚付款；若用量可能更高，请填写低 / 高估计，让方案按三种情况选择购买月份。"
        ),
        (true, Lang::En) => format!(
            "The packs wait until month {first}: at these volumes, bought in month 1 they cost the same, so they are bought, and paid for, later; if calls may come in higher, give a low and high estimate so the plan picks the month for all three cases."
        ),
        (false, Lang::Zh) if extra > Decimal::ZERO => {
            format!("第 {first} 月才买：同样的资源包在第 1 月买要多花 {}。", money(extra))
        }
        (false, Lang::En) if extra > Decimal::ZERO => {
            format!("The packs wait until month {first}: bought in month 1 they would cost {} more.", money(extra))
        }
        _ => return None,
    })
}

//! What a history would have cost, month by month: postpaid only, the visitor's own plan (where
//! the line has packs or commitments) and the cheapest plan, which the optimizer finds for the
//! history's volumes with hindsight. Every figure is the engine's quote of that plan
//! ([`Optimized`]); this only sets them side by side.

use rust_decimal::Decimal;
use serde::Serialize;

use super::month::Month;
use crate::engine::catalog::Catalog;
use crate::engine::error::EstimateError;
use crate::engine::estimate::{CommitmentTerm, Line, PackPurchase};
use crate::engine::lang::Lang;
use crate::engine::optimize::{Optimized, optimize_line};
use crate::engine::quote::LineQuote;

/// The history priced three ways.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hindsight {
    pub months: Vec<HindsightMonth>,
    /// Totals (`null` where a price must come from sales, or postpaid is not offered).
    pub postpaid_only: Option<Decimal>,
    /// The visitor's plan, where the line has one.
    pub yours: Option<Decimal>,
    pub cheapest: Option<Decimal>,
    /// The cheapest plan: what to have bought, and whether no plan could have cost less.
    pub plan: Vec<PackPurchase>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub commitments: Vec<CommitmentTerm>,
    pub proven: bool,
    /// What the cheapest plan would have saved against postpaid only and against the visitor's.
    pub saving_vs_postpaid_only: Option<Decimal>,
    pub saving_vs_yours: Option<Decimal>,
}

/// One month of the history.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HindsightMonth {
    /// The calendar month, where the line's months are known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub month: Option<Month>,
    pub calls: u64,
    pub postpaid_only: Option<Decimal>,
    pub yours: Option<Decimal>,
    pub cheapest: Option<Decimal>,
}

/// Whether a line has a plan of its own to set beside the others.
pub fn has_own_plan(line: &Line) -> bool {
    !line.packs.is_empty() || !line.commitments.is_empty()
}

/// The three set side by side, from the optimizer's answer for the history's line (`months`:
/// the line's calendar months, or empty).
pub fn of(line: &Line, months: &[Month], o: &Optimized) -> Hindsight {
    let own = has_own_plan(line);
    let month_costs = |q: &LineQuote| -> Vec<Option<Decimal>> { q.months.iter().map(|m| m.cost).collect() };
    let (postpaid, yours, cheapest) = (month_costs(&o.postpaid_only), month_costs(&o.yours), month_costs(&o.quote));
    let rows = line
        .calls
        .iter()
        .enumerate()
        .map(|(i, &calls)| HindsightMonth {
            month: months.get(i).copied(),
            calls,
            postpaid_only: postpaid.get(i).copied().flatten(),
            yours: if own { yours.get(i).copied().flatten() } else { None },
            cheapest: cheapest.get(i).copied().flatten(),
        })
        .collect();
    Hindsight {
        months: rows,
        postpaid_only: o.postpaid_only.total,
        yours: if own { o.yours.total } else { None },
        cheapest: o.quote.total,
        plan: o.line.packs.clone(),
        commitments: o.line.commitments.clone(),
        proven: o.proven_optimal,
        saving_vs_postpaid_only: o.saving_vs_postpaid_only,
        saving_vs_yours: if own { o.saving_vs_yours } else { None },
    }
}

/// The history of `line` (its calls, for the months `line.usage_months` names) priced three
/// ways, the cheapest plan found by the optimizer.
pub fn hindsight(catalog: &Catalog, line: &Line, index: usize, lang: Lang) -> Result<Hindsight, EstimateError> {
    let plain = Line { calls_low: None, calls_high: None, ..line.clone() };
    let o = optimize_line(catalog, &plain, index, lang)?;
    Ok(of(&plain, &line.usage_months, &o))
}

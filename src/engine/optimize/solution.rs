//! What the optimizer decides for one line, before it is priced: the plan, its proof and how it
//! was found. The page's Web Worker sends it back as JSON.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::engine::estimate::PackPurchase;

/// How a plan was found and proven.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// The cohort dynamic program, proven (or not) by itself.
    CohortDp,
    /// The cohort program, then a branch and bound over every plan to close a gap it left.
    CohortDpSearch,
    /// The branch and bound over the low, likely and high cases at once (its name in JSON is the
    /// one the API first published).
    #[serde(rename = "scenario_branch_and_bound")]
    CaseSearch,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::CohortDp => "cohort_dp",
            Method::CohortDpSearch => "cohort_dp_search",
            Method::CaseSearch => "scenario_branch_and_bound",
        }
    }

    pub fn from_name(s: &str) -> Option<Method> {
        [Method::CohortDp, Method::CohortDpSearch, Method::CaseSearch].into_iter().find(|m| m.as_str() == s)
    }
}

/// What the optimizer decides for one line: the costly part, which the page runs in a Web Worker
/// and sends back as JSON ([`Solution::from_value`] reads it back). [`price_solution`] prices it into an
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

//! What the optimizer decides for one line, before it is priced: the plan, its proof and how it
//! was found. The page's Web Worker sends it back as JSON.

use rust_decimal::Decimal;
use serde::Serialize;

use serde_json::Value;

use crate::engine::estimate::{CommitmentTerm, PackPurchase};
use crate::engine::json::{self, Res};
use crate::engine::path::Path;

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
    /// No pack is offered: the branch and bound over each month's commitment (format 2).
    ChoiceSearch,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::CohortDp => "cohort_dp",
            Method::CohortDpSearch => "cohort_dp_search",
            Method::CaseSearch => "scenario_branch_and_bound",
            Method::ChoiceSearch => "choice_search",
        }
    }

    pub const ALL: [Method; 4] = [Method::CohortDp, Method::CohortDpSearch, Method::CaseSearch, Method::ChoiceSearch];

    pub fn from_name(s: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// Where a plan's proof stands, for its words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Proof {
    /// No plan is cheaper.
    Proven,
    /// A first plan: the search for a cheaper one (or the proof) still runs.
    Searching,
    /// The search stopped at its limit (or a plan needs a price it cannot weigh).
    Stopped,
}

/// What the optimizer decides for one line: the costly part, which the page runs in a Web Worker
/// and sends back as JSON ([`Solution::read`] reads it back). [`price_solution`](super::price_solution)
/// prices it into an [`Optimized`](super::Optimized), cheaply.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Solution {
    /// The plan: packs, and the commitments taken (format 2).
    pub packs: Vec<PackPurchase>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub commitments: Vec<CommitmentTerm>,
    pub proven: bool,
    /// A proven lower bound on any plan's total (the expected total, for a range), to the fen.
    pub lower_bound: Option<Decimal>,
    pub method: Method,
    /// For a line with a range: the best plan for each case alone (low, likely, high), its
    /// packs and (where the service has commitments) its commitments.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alone: Vec<Vec<PackPurchase>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alone_commitments: Vec<Vec<CommitmentTerm>>,
    /// A first plan, sent while the search for a cheaper one (or the proof that there is none)
    /// still runs: its words say so, not that the search stopped.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub searching: bool,
}

impl Solution {
    /// Where its proof stands.
    pub fn proof(&self) -> Proof {
        match (self.proven, self.searching) {
            (true, _) => Proof::Proven,
            (false, true) => Proof::Searching,
            (false, false) => Proof::Stopped,
        }
    }

    /// Reads a solution written by `serde_json`, every problem with its path under `path` (by
    /// the format's readers, not a derived `Deserialize`: that would add its code, and a float
    /// parser for decimals, to the WebAssembly bundle).
    pub fn read(v: &Value, path: &Path) -> Res<Solution> {
        let map = json::object(
            v,
            path,
            "a solution",
            &["packs", "commitments", "proven", "lower_bound", "method", "alone", "alone_commitments", "searching"],
        )?;
        let packs = |v: &Value, at: &Path| -> Res<Vec<PackPurchase>> {
            json::array(v, at)?.iter().enumerate().map(|(i, p)| PackPurchase::read(p, &at.at(i))).collect()
        };
        let packs_read = packs(json::required(map, path, "packs")?, &path.key("packs"))?;
        let commitments = match json::optional(map, "commitments") {
            None => Vec::new(),
            Some(c) => {
                let at = path.key("commitments");
                json::array(c, &at)?
                    .iter()
                    .enumerate()
                    .map(|(i, c)| CommitmentTerm::read(c, &at.at(i)))
                    .collect::<Res<_>>()?
            }
        };
        let proven = json::boolean(json::required(map, path, "proven")?, &path.key("proven"))?;
        let lower_bound =
            json::optional(map, "lower_bound").map(|b| json::amount(b, &path.key("lower_bound"))).transpose()?;
        let names = Method::ALL.map(Method::as_str);
        let method = json::one_of(json::required(map, path, "method")?, &path.key("method"), &names)?;
        let alone = match json::optional(map, "alone") {
            None => Vec::new(),
            Some(a) => {
                let at = path.key("alone");
                json::array(a, &at)?.iter().enumerate().map(|(i, p)| packs(p, &at.at(i))).collect::<Res<_>>()?
            }
        };
        let terms = |v: &Value, at: &Path| -> Res<Vec<CommitmentTerm>> {
            json::array(v, at)?.iter().enumerate().map(|(i, c)| CommitmentTerm::read(c, &at.at(i))).collect()
        };
        let alone_commitments = match json::optional(map, "alone_commitments") {
            None => Vec::new(),
            Some(a) => {
                let at = path.key("alone_commitments");
                json::array(a, &at)?.iter().enumerate().map(|(i, c)| terms(c, &at.at(i))).collect::<Res<_>>()?
            }
        };
        let searching =
            json::optional(map, "searching").map(|s| json::boolean(s, &path.key("searching"))).transpose()?;
        Ok(Solution {
            searching: searching.unwrap_or(false),
            packs: packs_read,
            alone_commitments,
            commitments,
            proven,
            lower_bound,
            method: Method::from_name(method).unwrap_or(Method::CohortDp),
            alone,
        })
    }
}

//! The optimizer's messages between the page and its Web Worker, as JSON text: a [`Request`]
//! carries one line, with the estimate's weights and own price list, as an estimate; the worker
//! answers with the line's [`Solution`] (first a plan not yet proven, where the proof takes a
//! search, then the final one), which the page prices with [`price_solution`](crate::engine::optimize::price_solution).
//! Pure: the worker's side is [`answer`], tested natively (`cargo test --test solver`); the
//! browser's plumbing is `crate::worker`.

use serde::Serialize;
use serde_json::Value;

use crate::engine::catalog::Catalog;
use crate::engine::estimate::{CustomPrices, Estimate};
use crate::engine::optimize::{Solution, solve_line};
use crate::engine::terms::Weights;
use crate::engine::{EstimateError, Line};

/// One line to optimize.
#[derive(Clone, Debug, Serialize)]
pub struct Request {
    /// The sender's number for this request; the answer carries it back.
    pub seq: u64,
    /// The line's place in the estimate, for the paths in error messages.
    pub index: usize,
    /// An estimate of that one line, with the weights and the price list.
    pub estimate: Value,
}

impl Request {
    pub fn new(seq: u64, index: usize, line: &Line, weights: Weights, prices: Option<&CustomPrices>) -> Request {
        let estimate = Estimate {
            lines: vec![line.clone()],
            discount: None,
            scenario_weights: (weights != Weights::default()).then_some(weights),
            price_list: prices.cloned(),
        };
        Request { seq, index, estimate: serde_json::to_value(&estimate).unwrap_or(Value::Null) }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a request (by hand: see [`Solution::from_value`]).
    pub fn read(text: &str) -> Option<Request> {
        let mut v: Value = serde_json::from_str(text).ok()?;
        Some(Request {
            seq: v.get("seq")?.as_u64()?,
            index: usize::try_from(v.get("index")?.as_u64()?).ok()?,
            estimate: v.get_mut("estimate")?.take(),
        })
    }
}

/// What the worker sends back.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Answer {
    pub seq: u64,
    /// False for a first plan whose proof is still running; the final answer follows.
    pub last: bool,
    /// (A field, not flattened into the answer: flattening costs the WebAssembly bundle kilobytes.)
    pub outcome: Outcome,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Solution(Solution),
    /// The error's message, as the page shows it.
    Error(String),
}

impl Answer {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads an answer; a message that is not one becomes an error answer (for its `seq`, if it
    /// has one, with its `error` text, if it has one: the worker's own report of a failure).
    pub fn read(text: &str) -> Answer {
        let v: Value = serde_json::from_str(text).unwrap_or_default();
        let seq = v.get("seq").and_then(Value::as_u64).unwrap_or(0);
        let outcome = v.get("outcome");
        let outcome = match (outcome.and_then(|o| o.get("solution")), outcome.and_then(|o| o.get("error"))) {
            (Some(s), _) => Solution::from_value(s).map(Outcome::Solution),
            (None, Some(e)) => e.as_str().map(|e| Outcome::Error(e.to_string())),
            _ => v.get("error").and_then(Value::as_str).map(|e| Outcome::Error(e.to_string())),
        };
        let outcome =
            outcome.unwrap_or_else(|| Outcome::Error("unreadable answer from the background worker".to_string()));
        let last = v.get("last").and_then(Value::as_bool).unwrap_or(true);
        Answer { seq, last, outcome }
    }
}

/// The worker's side: solves a request's line against `builtin` (extended or replaced by the
/// request's price list), sending a first plan to `early` if the proof takes a search; returns the
/// final answer's JSON.
pub fn answer(builtin: &Catalog, request: &str, early: &mut dyn FnMut(String)) -> String {
    let (seq, outcome) = match Request::read(request) {
        None => (0, Err(EstimateError::Syntax { message: "unreadable request".to_string() })),
        Some(r) => (
            r.seq,
            solve(builtin, &r, &mut |s| {
                early(Answer { seq: r.seq, last: false, outcome: Outcome::Solution(s.clone()) }.to_json())
            }),
        ),
    };
    let outcome = match outcome {
        Ok(s) => Outcome::Solution(s),
        Err(e) => Outcome::Error(e.to_string()),
    };
    Answer { seq, last: true, outcome }.to_json()
}

fn solve(builtin: &Catalog, r: &Request, early: &mut dyn FnMut(&Solution)) -> Result<Solution, EstimateError> {
    let estimate = Estimate::from_value(&r.estimate)?;
    let catalog = estimate.catalog(builtin)?;
    let line = estimate.lines.first().ok_or(EstimateError::Syntax { message: "the request has no line".into() })?;
    solve_line(&catalog, line, r.index, estimate.weights(), early)
}

//! The estimate: what a visitor plans to use. One type serves the `quote` CLI, the JS API, share
//! links, exports and browser storage, so an estimate saved anywhere prices the same everywhere.
//!
//! ```json
//! {"lines":[{"service":"活体人脸核身","calls":[15000],"packs":[{"size":10000,"count":1}],
//!            "free_calls":0,"postpaid":true}]}
//! ```
//! Reading checks shape and ranges and names the field of any problem
//! (`lines[0].calls[2]: must be a whole number ≥ 0, not -5`); checks that need the price list
//! (the service exists, the pack size is sold) happen when the estimate is priced.

use serde::{Deserialize, Serialize};

use super::count;
use super::error::EstimateError;
use super::limits;

/// What a visitor plans to use: one line per service.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Estimate {
    #[serde(default)]
    pub lines: Vec<Line>,
}

/// One service's calls and purchases.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    /// The service's catalog id or its exact name as the documents print it.
    pub service: String,
    /// Calls per month, month 1 first.
    #[serde(deserialize_with = "count::calls_list")]
    pub calls: Vec<u64>,
    /// Packs bought (at the start of month 1 unless `month` says otherwise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub packs: Vec<PackPurchase>,
    /// A free pack of this many calls, drawn before any purchased pack.
    #[serde(default, deserialize_with = "count::pack_calls", skip_serializing_if = "is_zero")]
    pub free_calls: u64,
    /// Whether calls beyond the packs are billed postpaid (true) or refused (false).
    #[serde(default = "yes")]
    pub postpaid: bool,
}

/// Packs of one size bought at the start of one month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackPurchase {
    /// Calls in one pack: one of the sizes the service's pack product offers.
    #[serde(deserialize_with = "count::pack_calls")]
    pub size: u64,
    #[serde(default = "one", deserialize_with = "count::pack_count")]
    pub count: u64,
    /// The month the packs take effect, 1-based.
    #[serde(default = "first_month", deserialize_with = "count::month")]
    pub month: u32,
}

fn yes() -> bool {
    true
}
fn one() -> u64 {
    1
}
fn first_month() -> u32 {
    1
}
fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Line {
    /// A line of one month of calls, postpaid on, no packs.
    pub fn new(service: impl Into<String>, calls: Vec<u64>) -> Line {
        Line { service: service.into(), calls, packs: Vec::new(), free_calls: 0, postpaid: true }
    }

    /// Adds `count` packs of `size` calls bought in month 1.
    pub fn with_packs(mut self, size: u64, count: u64) -> Line {
        self.packs.push(PackPurchase { size, count, month: 1 });
        self
    }
}

impl Estimate {
    /// Reads an estimate from JSON text.
    pub fn from_json(json: &str) -> Result<Estimate, EstimateError> {
        if json.trim().is_empty() {
            return Err(EstimateError::Syntax {
                message: "the input is empty; expected an estimate like {\"lines\":[…]}".into(),
            });
        }
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| EstimateError::Syntax { message: e.to_string() })?;
        Estimate::from_value(value)
    }

    /// Reads an estimate from a JSON value, naming the path of the first problem.
    pub fn from_value(value: serde_json::Value) -> Result<Estimate, EstimateError> {
        if !value.is_object() {
            return Err(EstimateError::Field {
                path: String::new(),
                message: "an estimate must be a JSON object like {\"lines\":[…]}".into(),
            });
        }
        let est: Estimate = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            EstimateError::Field {
                path: if path == "." { String::new() } else { path },
                message: e.into_inner().to_string(),
            }
        })?;
        est.check_shape()?;
        Ok(est)
    }

    /// The checks that need no price list: sizes of lists and the months packs are bought in.
    pub fn check_shape(&self) -> Result<(), EstimateError> {
        if self.lines.len() > limits::MAX_LINES {
            return Err(EstimateError::Field {
                path: "lines".into(),
                message: format!("{} lines; the most is {}", self.lines.len(), limits::MAX_LINES),
            });
        }
        for (i, line) in self.lines.iter().enumerate() {
            let months = line.calls.len();
            if months == 0 {
                return Err(EstimateError::Field {
                    path: format!("lines[{i}].calls"),
                    message: "give the calls of at least one month, like [15000]".into(),
                });
            }
            if months > limits::MAX_MONTHS {
                return Err(EstimateError::Field {
                    path: format!("lines[{i}].calls"),
                    message: format!("{months} months; the most is {} (ten years)", limits::MAX_MONTHS),
                });
            }
            if line.packs.len() > limits::MAX_PURCHASES {
                return Err(EstimateError::Field {
                    path: format!("lines[{i}].packs"),
                    message: format!("{} purchases; the most is {}", line.packs.len(), limits::MAX_PURCHASES),
                });
            }
            for (j, p) in line.packs.iter().enumerate() {
                if p.month as usize > months {
                    return Err(EstimateError::Field {
                        path: format!("lines[{i}].packs[{j}].month"),
                        message: format!(
                            "month {} is after the last month of calls (month {months}); add calls for it or buy earlier",
                            p.month
                        ),
                    });
                }
            }
        }
        Ok(())
    }

    /// The estimate as compact JSON (the CLI's input; what share links and storage carry).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{\"lines\":[]}".to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(json: &str) -> String {
        Estimate::from_json(json).unwrap_err().to_string()
    }

    #[test]
    fn reads_the_cli_contract_with_defaults() {
        let e = Estimate::from_json(
            r#"{"lines":[{"service":"活体人脸核身","calls":[15000],"packs":[{"size":10000,"count":1}],"free_calls":0,"postpaid":true}]}"#,
        )
        .unwrap();
        assert_eq!(e.lines[0], Line::new("活体人脸核身", vec![15000]).with_packs(10000, 1));
        let e = Estimate::from_json(r#"{"lines":[{"service":"x","calls":[1],"packs":[{"size":1000}]}]}"#).unwrap();
        assert_eq!(e.lines[0].packs[0], PackPurchase { size: 1000, count: 1, month: 1 });
        assert!(e.lines[0].postpaid);
    }

    #[test]
    fn round_trips_through_json() {
        let mut line = Line::new("eid", vec![1, 2, 3]).with_packs(1000, 2);
        line.free_calls = 500;
        line.postpaid = false;
        line.packs.push(PackPurchase { size: 5000, count: 1, month: 3 });
        let e = Estimate { lines: vec![line, Line::new("ekyc", vec![0])] };
        assert_eq!(Estimate::from_json(&e.to_json()).unwrap(), e);
    }

    #[test]
    fn names_the_field_of_each_problem() {
        assert!(err("").contains("the input is empty"));
        assert!(err("{").starts_with("not valid JSON: EOF while parsing"));
        assert_eq!(err("[1]"), "an estimate must be a JSON object like {\"lines\":[…]}");
        assert!(
            err(r#"{"lines":[{"service":"x","calls":[1,-5]}]}"#)
                .starts_with("lines[0].calls[1]: must be a whole number ≥ 0, not -5")
        );
        assert!(
            err(r#"{"lines":[{"service":"x","calls":[2.5]}]}"#)
                .starts_with("lines[0].calls[0]: must be a whole number, not 2.5")
        );
        assert!(
            err(r#"{"lines":[{"service":"x","calls":[1e30]}]}"#)
                .contains("lines[0].calls[0]: 1000000000000000000000000000000 is too large")
        );
        assert!(
            err(r#"{"lines":[{"service":"x","calls":["abc"]}]}"#)
                .starts_with("lines[0].calls[0]: must be a number, not the text \"abc\"")
        );
        assert!(err(r#"{"lines":[{"service":"x"}]}"#).starts_with("lines[0]: missing field `calls`"));
        assert!(
            err(r#"{"lines":[{"service":"x","calls":[1],"extra":1}]}"#)
                .starts_with("lines[0].extra: unknown field `extra`")
        );
        assert_eq!(
            err(r#"{"lines":[{"service":"x","calls":[]}]}"#),
            "lines[0].calls: give the calls of at least one month, like [15000]"
        );
        assert!(
            err(r#"{"lines":[{"service":"x","calls":[1],"packs":[{"size":1000,"month":0}]}]}"#)
                .starts_with("lines[0].packs[0].month: months count from 1")
        );
        assert!(
            err(r#"{"lines":[{"service":"x","calls":[1],"packs":[{"size":1000,"month":2}]}]}"#)
                .starts_with("lines[0].packs[0].month: month 2 is after the last month of calls (month 1)")
        );
        assert!(
            err(r#"{"lines":[{"service":"x","calls":[1],"packs":[{"size":1000,"count":2000000}]}]}"#)
                .starts_with("lines[0].packs[0].count: 2,000,000 is too large: the most allowed is 1,000,000")
        );
        let months = vec!["1"; 121].join(",");
        assert_eq!(
            err(&format!(r#"{{"lines":[{{"service":"x","calls":[{months}]}}]}}"#)),
            "lines[0].calls: 121 months; the most is 120 (ten years)"
        );
        assert!(
            err(r#"{"lines":[{"service":"x","calls":[1],"postpaid":"yes"}]}"#)
                .starts_with("lines[0].postpaid: invalid type: string \"yes\", expected a boolean")
        );
    }
}

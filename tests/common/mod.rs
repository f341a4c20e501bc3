//! Helpers shared by the integration tests.
#![allow(dead_code)]

use packwise::engine::catalog;
use packwise::engine::{Estimate, EstimateError, Lang, LineQuote, Quote, quote};

/// Prices an estimate given as JSON with the built-in price list, in Chinese.
pub fn quote_json(json: &str) -> Result<Quote, EstimateError> {
    quote(catalog::builtin(), &Estimate::from_json(json)?, Lang::Zh)
}

/// Prices one line: `service`, monthly `calls`, and `(size, count)` packs bought in month 1.
pub fn line(service: &str, calls: &[u64], packs: &[(u64, u64)]) -> LineQuote {
    let packs: Vec<String> = packs.iter().map(|(s, c)| format!(r#"{{"size":{s},"count":{c}}}"#)).collect();
    let json = format!(
        r#"{{"lines":[{{"service":{},"calls":{:?},"packs":[{}]}}]}}"#,
        serde_json::to_string(service).unwrap(),
        calls,
        packs.join(",")
    );
    quote_json(&json).unwrap_or_else(|e| panic!("{json}: {e}")).lines.remove(0)
}

/// An amount as the quote writes it ("12250.00"), or "null".
pub fn money(d: Option<rust_decimal::Decimal>) -> String {
    d.map_or_else(|| "null".to_string(), |d| d.to_string())
}

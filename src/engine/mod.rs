//! The rule engine: pure Rust, no web dependencies, tested natively with `cargo test`.
//!
//! - [`catalog`]: the price list as validated data (built-in: `data/price-list.json`);
//! - [`estimate`]: what a visitor plans to use (the CLI's input, share links, storage);
//! - [`quote()`]: prices an estimate, with the arithmetic spelled out;
//! - [`rating`] and [`settle`]: the billing rules of the price documents.
//!
//! ```
//! use packwise::engine::{catalog, quote, Estimate, Lang, Line};
//!
//! let estimate = Estimate::new(vec![Line::new("活体人脸核身", vec![15_000]).with_packs(10_000, 1)]);
//! let q = quote(catalog::builtin(), &estimate, Lang::Zh).unwrap();
//! assert_eq!(q.total.unwrap().to_string(), "12250.00");
//! assert_eq!(q.lines[0].explanation, "(15,000 − 10,000) × 0.85 + 8,000 = 12,250");
//! ```

pub mod breakeven;
pub mod budget;
pub mod catalog;
pub mod doc_rule;
pub mod error;
pub mod estimate;
pub mod examples;
pub mod explain;
pub mod growth;
pub mod json;
pub mod lang;
pub mod limits;
pub mod list_rule;
pub mod money;
pub mod number;
pub mod offers;
pub mod optimize;
pub mod path;
pub mod quote;
pub mod rating;
pub mod settle;
pub mod terms;
pub mod usage;
pub mod vat;

pub use error::{EstimateError, TooLargeSize, TooLargeWhy};
pub use estimate::{CommitmentTerm, CustomCatalog, Estimate, Line, ListMode, PackPurchase};
pub use lang::{Lang, Text};
pub use quote::{LineQuote, Quote, quote, quote_line, total_of};

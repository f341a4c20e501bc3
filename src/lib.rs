//! packwise: an exact, offline pricing calculator for per-call cloud services.
//!
//! The [`engine`] prices estimates against the price documents' rules and is pure Rust; the web
//! app ([`ui`], Leptos, built by Trunk from `src/main.rs`) and the `quote` CLI are thin layers
//! over it; [`app`] holds the page's model (inputs, edits, share links, exports, texts), also pure
//! and tested natively.

pub mod app;
pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(target_arch = "wasm32")]
pub mod worker;

#[cfg(all(target_arch = "wasm32", feature = "js-api"))]
pub mod js;

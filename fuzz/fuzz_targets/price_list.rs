//! Fuzz target `price_list`: see `fuzz/checks.rs`. Run: `scripts/fuzz` (or `cargo +nightly fuzz run price_list`
//! from `fuzz/`).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::price_list(data));

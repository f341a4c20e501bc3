//! Fuzz target `optimize`: see `fuzz/checks.rs`. Run: `scripts/fuzz` (or `cargo +nightly fuzz run optimize`
//! from `fuzz/`).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::optimize(data));

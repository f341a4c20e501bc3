//! Fuzz target `usage`: see `fuzz/checks.rs`. Run: `scripts/fuzz` (or `cargo +nightly fuzz run usage`
//! from `fuzz/`).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::usage(data));

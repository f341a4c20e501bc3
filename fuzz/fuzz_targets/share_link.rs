//! Fuzz target `share_link`: see `fuzz/checks.rs`. Run: `scripts/fuzz` (or `cargo +nightly fuzz run share_link`
//! from `fuzz/`).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::share_link(data));

//! Fuzz target `typed_sheet`: see `fuzz/checks.rs`. Run: `scripts/fuzz typed_sheet` (or
//! `cargo +nightly fuzz run typed_sheet` from `fuzz/`).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::typed_sheet(data));

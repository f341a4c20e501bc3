//! Finds the price documents for `tests/trace.rs` (the check of every number of the built-in
//! price list against the line it cites). They are the vendor's text and are not part of this
//! repository: they are looked for in `$PACKWISE_PRICE_DOCUMENTS`, then in
//! `../shared/price-documents/` beside the clone.
//!
//! Found: the tests get their folder as `PACKWISE_PRICE_DOCUMENTS_DIR` and the cfg
//! `price_documents`. Not found: the trace tests are reported as ignored, with the reason —
//! except under `CI=true`, where they run and fail, so CI can never pass without the check.

use std::path::PathBuf;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(price_documents)");
    println!("cargo::rerun-if-env-changed=PACKWISE_PRICE_DOCUMENTS");
    println!("cargo::rerun-if-env-changed=CI");
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let default = manifest.join("../shared/price-documents");
    println!("cargo::rerun-if-changed={}", default.display());
    let dir = std::env::var_os("PACKWISE_PRICE_DOCUMENTS").map(PathBuf::from).unwrap_or(default);
    let found = dir.join("001_460f23b38131a04b.txt").is_file();
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    println!("cargo::rustc-env=PACKWISE_PRICE_DOCUMENTS_DIR={}", dir.display());
    if found || ci {
        println!("cargo::rustc-cfg=price_documents");
    }
}

//! Browser tests: the engine and the page running as WebAssembly in headless Chromium.
//! Run: `scripts/test` (or `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target
//! wasm32-unknown-unknown --test web`).
#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use packwise::engine::{Estimate, Lang, catalog, quote};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_engine_prices_worked_example_two_inside_the_browser() {
    let e = Estimate::from_json(
        r#"{"lines":[{"service":"活体人脸核身","calls":[15000],"packs":[{"size":10000,"count":1}]}]}"#,
    )
    .unwrap();
    let q = quote(catalog::builtin(), &e, Lang::Zh).unwrap();
    assert_eq!(q.total.unwrap().to_string(), "12250.00");
    assert_eq!(q.lines[0].explanation, "(15,000 − 10,000) × 0.85 + 8,000 = 12,250");
}

#[wasm_bindgen_test]
fn the_page_mounts_and_shows_a_quote() {
    let document = document();
    let host = document.create_element("section").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let _mounted = mount_to(host.clone().unchecked_into(), packwise::ui::App);
    let text = host.text_content().unwrap_or_default();
    assert!(text.contains("12250.00"), "{text}");
}

//! Every worked example of the FaceID price document (001:79-106), to the exact figure and in
//! the document's own arithmetic. Run: `cargo test --test worked_examples`.
#![cfg(not(target_arch = "wasm32"))] // native only: the browser suite is tests/web.rs

mod common;
use common::{line, money, quote_json};

#[test]
fn prepaid_example_one_three_100k_packs_for_300k_calls() {
    // 001:85 — 3 * 75,000 = 225,000（元）: a year's 300,000 calls of 活体人脸核身 on 3 × 10万 packs.
    let l = line("活体人脸核身", &[300_000], &[(100_000, 3)]);
    assert_eq!(money(l.total), "225000.00");
    assert_eq!(l.explanation, "3 × 75,000 = 225,000");
    // The same year spread over twelve months of 25,000 costs the same.
    let l = line("活体人脸核身", &[25_000; 12], &[(100_000, 3)]);
    assert_eq!(money(l.total), "225000.00");
    assert_eq!((l.pack_calls, l.postpaid_calls, l.expired_calls, l.unused_calls), (300_000, 0, 0, 0));
    assert_eq!(l.explanation, "3 × 75,000 = 225,000");
}

#[test]
fn prepaid_example_two_overage_goes_postpaid_at_the_overage_tier() {
    // 001:89 — （15,000 - 10,000） * 0.85 + 8,000 = 12,250（元）
    let l = line("活体人脸核身", &[15_000], &[(10_000, 1)]);
    assert_eq!(money(l.total), "12250.00");
    assert_eq!(l.pack_cost.to_string(), "8000.00");
    assert_eq!(money(l.postpaid_cost), "4250.00");
    assert_eq!(l.postpaid_calls, 5_000);
    assert_eq!(l.months[0].tier, Some(1), "5,000 overage calls are in the 1000 ≤ x < 1万 tier (0.85), not 0.75");
    assert_eq!(l.explanation, "(15,000 − 10,000) × 0.85 + 8,000 = 12,250");
}

#[test]
fn postpaid_example_one_1000_liveness_calls() {
    // 001:96 — 1,000 * 1 = 1,000（元）, as the document prints it.
    let l = line("活体人脸核身", &[1_000], &[]);
    assert_eq!(money(l.total), "1000.00");
    assert_eq!(l.explanation, "1,000 × 1 = 1,000");
}

#[test]
fn postpaid_example_one_decides_the_first_boundary() {
    // The header (001:24) prints 0<调用量<1000 and 1000≤调用量<1万, which would put exactly 1,000
    // calls at 0.85 (850 元); the example (001:96) prices them at 1 元. The calculator follows the
    // example (assumption `first-tier-includes-1000`, shown on every affected line), so the
    // second tier starts at 1,001.
    assert_eq!(money(line("活体人脸核身", &[999], &[]).total), "999.00");
    assert_eq!(money(line("活体人脸核身", &[1_000], &[]).total), "1000.00");
    assert_eq!(money(line("活体人脸核身", &[1_001], &[]).total), "850.85");
    let l = line("活体人脸核身", &[1_000], &[]);
    assert!(l.assumptions.iter().any(|a| a.contains("1,000 次仍属第一档")), "{:?}", l.assumptions);
    // The boundaries no example touches stay as printed: 1万 is in 1万≤x<10万, 20万 is 联系商务.
    assert_eq!(money(line("活体人脸核身", &[10_000], &[]).total), "7500.00");
    assert_eq!(money(line("活体人脸核身", &[200_000], &[]).total), "null");
}

#[test]
fn postpaid_example_two_3000_photo_calls() {
    // 001:101 — 3,000 * 0.85 = 2,550（元）
    let l = line("照片人脸核身", &[3_000], &[]);
    assert_eq!(money(l.total), "2550.00");
    assert_eq!(l.explanation, "3,000 × 0.85 = 2,550");
}

#[test]
fn postpaid_example_three_20000_liveness_compare_calls() {
    // 001:106 — 20,000 * 0.11 = 2,200（元）
    let l = line("活体人脸比对", &[20_000], &[]);
    assert_eq!(money(l.total), "2200.00");
    assert_eq!(l.explanation, "20,000 × 0.11 = 2,200");
}

#[test]
fn the_examples_add_up_in_one_estimate() {
    let q = quote_json(
        r#"{"lines":[
            {"service":"活体人脸核身","calls":[300000],"packs":[{"size":100000,"count":3}]},
            {"service":"活体人脸核身","calls":[15000],"packs":[{"size":10000,"count":1}]},
            {"service":"照片人脸核身","calls":[3000]},
            {"service":"活体人脸比对","calls":[20000]}]}"#,
    )
    .unwrap();
    // 225,000 + 12,250 + 2,550 + 2,200
    assert_eq!(money(q.total), "242000.00");
}

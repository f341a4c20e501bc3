//! The billing rules of the documents, one test each, with figures worked out by hand in the
//! comments. Run: `cargo test --test rules`.
#![cfg(not(target_arch = "wasm32"))] // native only: the browser suite is tests/web.rs

mod common;
use common::{line, money, quote_json};

#[test]
fn packs_expire_twelve_months_after_purchase_and_the_rest_is_reported() {
    // One 10万 pack (75,000) for 14 months of 5,000 liveness calls: months 1-12 draw 60,000,
    // 40,000 expire at the end of month 12, months 13-14 are postpaid: 2 × 5,000 × 0.85 = 8,500.
    let l = line("活体人脸核身", &[5_000; 14], &[(100_000, 1)]);
    assert_eq!(l.expired_calls, 40_000);
    assert_eq!(l.months[11].expired_calls, 40_000);
    assert_eq!(l.packs[0].valid_through_month, 12);
    assert_eq!(l.postpaid_calls, 10_000);
    assert_eq!(money(l.total), "83500.00");
    assert_eq!(l.explanation, "2 × 5,000 × 0.85 + 75,000 = 83,500");
}

#[test]
fn a_pack_bought_later_lasts_from_its_own_month() {
    let q = quote_json(
        r#"{"lines":[{"service":"活体人脸核身","calls":[0,0,0,1000,1000,1000,1000,1000,1000,1000,1000,1000,1000,1000,1000,1000],
            "packs":[{"size":10000,"count":1,"month":4}]}]}"#,
    )
    .unwrap();
    let l = &q.lines[0];
    // Valid months 4..=15; months 4-13 use its 10,000 calls…
    assert_eq!(l.packs[0].valid_through_month, 15);
    assert_eq!((l.pack_calls, l.expired_calls), (10_000, 0));
    assert_eq!((l.months[12].pack_calls, l.months[13].pack_calls), (1_000, 0));
    // …and months 14-16 are postpaid at 1 元 (1,000 calls is still the first tier):
    // 3 × 1,000 × 1 + 8,000 = 11,000.
    assert_eq!(l.postpaid_calls, 3_000);
    assert_eq!(money(l.total), "11000.00");
    assert_eq!(l.explanation, "3 × 1,000 × 1 + 8,000 = 11,000");
}

#[test]
fn postpaid_off_refuses_what_the_packs_do_not_cover() {
    let q = quote_json(
        r#"{"lines":[{"service":"活体人脸核身","calls":[15000],"packs":[{"size":10000}],"postpaid":false}]}"#,
    )
    .unwrap();
    let l = &q.lines[0];
    assert_eq!((l.refused_calls, l.postpaid_calls), (5_000, 0));
    assert_eq!(money(l.total), "8000.00");
    // The refused calls are said beside the arithmetic (it read "8,000", as if nothing was left).
    assert_eq!(l.explanation, "8,000（5,000 次被拒绝）");
    // Without packs everything is refused and nothing is owed: "0", not "0 = 0".
    let q = quote_json(r#"{"lines":[{"service":"照片人脸核身","calls":[300],"postpaid":false}]}"#).unwrap();
    assert_eq!((q.lines[0].refused_calls, money(q.total)), (300, "0.00".to_string()));
    assert_eq!(q.lines[0].explanation, "0（300 次被拒绝）");
}

#[test]
fn twenty_wan_and_above_is_contact_sales_and_no_number_is_invented() {
    let l = line("活体人脸核身", &[200_000], &[]);
    assert!(l.contact_sales);
    assert_eq!((money(l.total), money(l.postpaid_cost)), ("null".into(), "null".into()));
    assert_eq!(l.explanation, "200,000 × 联系商务 = 联系商务");
    // A pack in front: the known part is shown beside the word, never summed into a number.
    let l = line("活体人脸核身", &[260_000], &[(10_000, 1)]);
    assert_eq!(l.explanation, "(260,000 − 10,000) × 联系商务 + 8,000 = 8,000 + 联系商务");
    // The grand total is unknown as soon as one line is.
    let q = quote_json(
        r#"{"lines":[{"service":"照片人脸核身","calls":[3000]},{"service":"活体人脸核身","calls":[200000]}]}"#,
    )
    .unwrap();
    assert_eq!(money(q.total), "null");
    // Packs can take a month below the ceiling: 250,000 calls with a 10万 pack leave 150,000
    // postpaid, in 10万≤x<20万: 150,000 × 0.68 + 75,000 = 177,000.
    assert_eq!(money(line("活体人脸核身", &[250_000], &[(100_000, 1)]).total), "177000.00");
}

#[test]
fn ekyc_is_listed_honestly_as_price_on_request() {
    let q = quote_json(r#"{"lines":[{"service":"eKYC","calls":[1000]}]}"#).unwrap();
    let l = &q.lines[0];
    assert_eq!((money(l.total), l.contact_sales), ("null".to_string(), true));
    assert_eq!(l.explanation, "1,000 × 询价 = 询价");
    assert!(l.notes.iter().any(|n| n.contains("不支持退款")));
    assert!(matches!(
        quote_json(r#"{"lines":[{"service":"ekyc","calls":[1],"packs":[{"size":1000}]}]}"#),
        Err(packwise::engine::EstimateError::NoPacks { .. })
    ));
    // No calls, nothing owed: the line is complete.
    assert_eq!(money(line("ekyc", &[0], &[]).total), "0.00");
}

#[test]
fn ocr_counts_per_side_and_has_no_invented_prices() {
    let c = packwise::engine::catalog::builtin();
    let id = c.service("身份证 OCR").unwrap();
    assert_eq!(id.calls_per_unit.as_ref().map(|u| u.calls), Some(2));
    let l = line("ocr_id_card", &[2_000], &[]);
    assert_eq!(money(l.total), "null");
    assert_eq!(l.missing_price.map(|m| m.word(packwise::engine::Lang::En)), Some("price not listed"));
    for s in ["通用印刷体识别", "通用印刷体识别（高速版）", "通用印刷体识别（高精度版）"]
    {
        let s = c.service(s).unwrap();
        assert!(s.packs.is_none() && matches!(s.postpaid, packwise::engine::catalog::Postpaid::Unpriced { .. }));
    }
}

#[test]
fn enhanced_editions_sell_packs_but_their_overage_price_is_unlisted() {
    let l = line("增强版人脸核身（权威库）-微信", &[800], &[(1_000, 1)]);
    assert_eq!(money(l.total), "1150.00");
    let l = line("增强版人脸核身（自传照片）-微信", &[1_500], &[(1_000, 1)]);
    assert_eq!(money(l.total), "null");
    assert_eq!(l.explanation, "(1,500 − 1,000) × 未列价格 + 280 = 280 + 未列价格");
}

#[test]
fn free_calls_are_drawn_before_purchased_packs() {
    let q = quote_json(
        r#"{"lines":[{"service":"活体人脸核身","calls":[15000],"free_calls":1000,"packs":[{"size":10000}]}]}"#,
    )
    .unwrap();
    let l = &q.lines[0];
    assert_eq!((l.free_calls_used, l.pack_calls, l.postpaid_calls), (1_000, 10_000, 4_000));
    // 4,000 × 0.85 + 8,000 = 11,400
    assert_eq!(money(l.total), "11400.00");
    assert_eq!(l.explanation, "(15,000 − 11,000) × 0.85 + 8,000 = 11,400");
}

#[test]
fn the_tier_of_each_month_comes_from_that_months_postpaid_volume() {
    // Month 1: 15,000 − 10,000 = 5,000 × 0.85 = 4,250. Month 2: 15,000 × 0.75 = 11,250.
    let l = line("活体人脸核身", &[15_000, 15_000], &[(10_000, 1)]);
    assert_eq!((l.months[0].tier, l.months[1].tier), (Some(1), Some(2)));
    assert_eq!(money(l.total), "23500.00");
    assert_eq!(l.explanation, "(15,000 − 10,000) × 0.85 + 15,000 × 0.75 + 8,000 = 23,500");
}

#[test]
fn rounding_happens_once_per_line_half_away_from_zero() {
    // 7 × 0.15 = 1.05 (活体人脸比对, first tier): exact. Unit prices of the documents never need
    // rounding, so check it on a custom list: 3 calls × 0.0035 = 0.0105 → 0.01; 0.005 → 0.01.
    let list = r#"{"format":1,"services":[{"id":"s","name":"S","postpaid":{"tiers":[{"price":"0.0035"}]}},
                  {"id":"t","name":"T","postpaid":{"tiers":[{"price":"0.0025"}]}}]}"#;
    let c = packwise::engine::catalog::parse_price_list(list).unwrap();
    let e = packwise::engine::Estimate::from_json(
        r#"{"lines":[{"service":"s","calls":[3,3]},{"service":"t","calls":[2]}]}"#,
    )
    .unwrap();
    let q = packwise::engine::quote(&c, &e, packwise::engine::Lang::En).unwrap();
    // Line s: 0.0105 + 0.0105 = 0.021 → 0.02 (per month it would be 0.01 + 0.01 = 0.02 too, but
    // the months are shown unrounded-summed); line t: 0.005 → 0.01 (half away from zero).
    assert_eq!(money(q.lines[0].total), "0.02");
    assert_eq!(money(q.lines[1].total), "0.01");
    assert_eq!(money(q.total), "0.03");
}

#[test]
fn a_cliff_in_tier_reached_pricing_is_pointed_out() {
    let l = line("活体人脸核身", &[9_999], &[]);
    // 9,999 × 0.85 = 8,499.15, but 10,000 × 0.75 = 7,500.
    assert_eq!(l.hints.len(), 1);
    assert_eq!((l.hints[0].cheaper_calls, l.hints[0].cheaper_cost.to_string()), (10_000, "7500.00".to_string()));
    assert!(line("活体人脸核身", &[5_000], &[]).hints.is_empty());
}

#[test]
fn services_are_found_by_id_name_english_name_or_alias() {
    for name in ["liveness_verification", "活体人脸核身", "Liveness face verification", " 活体人脸核身 "] {
        assert_eq!(line(name, &[1], &[]).service_id, "liveness_verification", "{name}");
    }
    assert_eq!(line("E证通", &[1], &[]).service_id, "eid");
}

#[test]
fn every_service_in_the_catalog_prices_without_error() {
    for s in &packwise::engine::catalog::builtin().services {
        let l = line(&s.id, &[0, 1, 999, 1000, 1001, 10_000, 250_000], &[]);
        assert_eq!(l.months.len(), 7, "{}", s.id);
    }
}

#[test]
fn a_pack_bought_before_it_is_needed_gets_the_refund_note() {
    // A second 1万 pack in month 1 is not touched until month 2: it was bought early.
    let q = quote_json(r#"{"lines":[{"service":"活体人脸核身","calls":[9000,9000],"packs":[{"size":10000,"count":1},{"size":10000,"count":1,"month":1}]}]}"#).unwrap();
    let l = &q.lines[0];
    assert!(!l.packs[0].untouched_in_first_month);
    assert!(l.packs[1].untouched_in_first_month);
    assert!(l.notes.iter().any(|n| n.contains("7 天内未使用可无理由全额退款")), "{:?}", l.notes);
    // eKYC takes no packs and refunds nothing: its note says so.
    let q = quote_json(r#"{"lines":[{"service":"ekyc","calls":[1]}]}"#).unwrap();
    assert!(q.lines[0].notes.iter().any(|n| n.contains("不支持退款")));
}

#[test]
fn month_rows_carry_the_vendors_notices() {
    // One 1万 pack, 4,500 calls a month: 1,000 left after month 2 (under 20 %), out in month 3.
    let l = line("活体人脸核身", &[4_500, 4_500, 4_500], &[(10_000, 1)]);
    assert!(l.months[0].alerts.is_empty());
    assert_eq!(l.months[1].alerts[0].message, "最后购买的1万次资源包余额不足 20%（剩 1,000 次），会收到余量提醒。");
    assert_eq!(l.months[2].alerts[0].message, "最后购买的1万次资源包已用完，会收到通知。");
}

/// Which services the list prices at all: 活体人脸核身 has tiers (001:26) and packs; the OCR
/// services have none in the documents (000:2, 000:22), so the page plans nothing for them until
/// a negotiated price is given.
#[test]
fn a_service_the_documents_give_no_price_for_has_none() {
    let list = packwise::engine::catalog::builtin();
    assert!(list.service("活体人脸核身").unwrap().has_prices());
    assert!(!list.service("身份证识别 OCR").unwrap().has_prices());
    assert!(!list.service("通用印刷体识别").unwrap().has_prices());
}

#[test]
fn calls_held_from_an_earlier_pack_expire_when_it_does() {
    // 30,000 calls left in a pack bought before month 1, usable through month 2; 10,000 calls a
    // month. Months 1 and 2 draw 10,000 each, the 10,000 left expire at the end of month 2, and
    // months 3 and 4 are postpaid: 10,000 × 0.75 = 7,500 each (10,000 ≤ x < 100,000).
    let held = r#"{"lines":[{"service":"活体人脸核身","calls":[10000,10000,10000,10000],"free_calls":30000,"free_months":2}]}"#;
    let l = &quote_json(held).unwrap().lines[0];
    assert_eq!((l.free_calls_used, l.expired_calls, l.postpaid_calls), (20_000, 10_000, 20_000));
    assert_eq!(money(l.total), "15000.00");
    assert_eq!(l.explanation, "2 × 10,000 × 0.75 = 15,000");
    // Months that cost nothing say what served them: packs held, not a gift.
    assert_eq!(l.months[0].explanation, "0（10,000 次由已有资源包抵扣）");
    // A free pack given in month 1 lasts the packs' 12 months: only month 4 is postpaid.
    let free = held.replace(r#","free_months":2"#, "");
    let l = &quote_json(&free).unwrap().lines[0];
    assert_eq!((l.free_calls_used, l.expired_calls, l.postpaid_calls), (30_000, 0, 10_000));
    assert_eq!(money(l.total), "7500.00");
    assert_eq!(l.months[0].explanation, "0（10,000 次免费）");
}

#[test]
fn held_calls_cannot_outlast_the_packs_validity() {
    let e = quote_json(r#"{"lines":[{"service":"活体人脸核身","calls":[10000],"free_calls":5000,"free_months":13}]}"#)
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "lines[0].free_months: 13 months is past the packs' validity of 12 months: calls held in a pack last at most 12 months from month 1"
    );
    let e = quote_json(r#"{"lines":[{"service":"活体人脸核身","calls":[10000],"free_months":0}]}"#).unwrap_err();
    assert_eq!(e.to_string(), "lines[0].free_months: calls held last at least 1 month (month 1), not 0");
}

//! From a price to a buying decision: negotiated prices, discounts, overridden built-in prices and
//! uncertain volumes, each to the exact figure worked by hand. Run: `cargo test --test decisions`.
#![cfg(not(target_arch = "wasm32"))] // native only: the browser suite is tests/web.rs

mod common;
use common::{money, quote_json};
use packwise::engine::{Estimate, Lang, catalog, quote};

fn err(json: &str) -> String {
    quote_json(json).unwrap_err().to_string()
}

#[test]
fn a_negotiated_price_fills_the_contact_sales_tier() {
    // 250,000 calls reach 20万及以上 (联系商务, 001:26): 250,000 × 0.6 = 150,000.
    let q = quote_json(r#"{"lines":[{"service":"活体人脸核身","calls":[250000],"negotiated_price":"0.6"}]}"#).unwrap();
    let l = &q.lines[0];
    assert_eq!(money(l.total), "150000.00");
    assert_eq!(money(q.total), "150000.00");
    assert!(l.negotiated && !l.contact_sales);
    assert_eq!(l.explanation, "250,000 × 0.6（协商价） = 150,000");
    assert_eq!(l.months[0].tier, Some(4));
    // Without it the total stays unknown, as before.
    let q = quote_json(r#"{"lines":[{"service":"活体人脸核身","calls":[250000]}]}"#).unwrap();
    assert_eq!(money(q.total), "null");
}

#[test]
fn a_negotiated_price_reaches_only_when_the_overage_does() {
    // 300,000 calls, one 10万 pack (75,000, 001:13): 200,000 overage reach 20万 →
    // 200,000 × 0.6 + 75,000 = 195,000.
    let q = quote_json(
        r#"{"lines":[{"service":"活体人脸核身","calls":[300000],"packs":[{"size":100000}],"negotiated_price":"0.6"}]}"#,
    )
    .unwrap();
    assert_eq!(money(q.total), "195000.00");
    assert_eq!(q.lines[0].explanation, "(300,000 − 100,000) × 0.6（协商价） + 75,000 = 195,000");
    // 250,000 with the pack: 150,000 overage stay in the listed 0.68 tier; nothing negotiated.
    let q = quote_json(
        r#"{"lines":[{"service":"活体人脸核身","calls":[250000],"packs":[{"size":100000}],"negotiated_price":"0.6"}]}"#,
    )
    .unwrap();
    assert_eq!(money(q.total), "177000.00"); // 150,000 × 0.68 + 75,000
    assert!(!q.lines[0].negotiated);
}

#[test]
fn a_negotiated_price_for_every_call_takes_the_lists_place() {
    // A contract price: 15,000 calls, one 1万 pack (8,000, 001:9), 0.5 for every call beyond it:
    // (15,000 − 10,000) × 0.5 + 8,000 = 10,500, not the list's 0.85 (12,250, worked example two).
    let line = r#"{"service":"活体人脸核身","calls":[15000],"packs":[{"size":10000}],"negotiated_price":"0.5""#;
    let q = quote_json(&format!(r#"{{"lines":[{line},"negotiated_all_calls":true}}]}}"#)).unwrap();
    assert_eq!(money(q.total), "10500.00");
    assert!(q.lines[0].negotiated);
    assert_eq!(q.lines[0].explanation, "(15,000 − 10,000) × 0.5（协商价） + 8,000 = 10,500");
    assert_eq!(q.lines[0].months[0].tier, None, "no tier of the list's");
    // Without the flag the list prices every volume, and the price is not used.
    let q = quote_json(&format!(r#"{{"lines":[{line}}}]}}"#)).unwrap();
    assert_eq!((money(q.total), q.lines[0].negotiated), ("12250.00".to_string(), false));
    // The cheapest plan at that price: postpaid alone, 15,000 × 0.5 = 7,500 (every pack costs
    // more a call: 1万 at 0.80).
    let e = Estimate::from_json(
        r#"{"lines":[{"service":"活体人脸核身","calls":[15000],"negotiated_price":"0.5","negotiated_all_calls":true}]}"#,
    )
    .unwrap();
    let q = quote(catalog::builtin(), &e, Lang::En).unwrap();
    assert_eq!(money(q.total), "7500.00");
    let best = packwise::engine::optimize::optimize_line(catalog::builtin(), &e.lines[0], 0, Lang::En).unwrap();
    assert_eq!(money(best.quote.total), "7500.00");
    assert!(best.line.packs.is_empty());
    // It needs the price.
    assert_eq!(
        err(r#"{"lines":[{"service":"活体人脸核身","calls":[15000],"negotiated_all_calls":true}]}"#),
        "lines[0].negotiated_all_calls: a negotiated price for every call needs the price: give \"negotiated_price\" too"
    );
}

#[test]
fn a_negotiated_price_prices_a_service_on_request() {
    // eKYC is priced on request (002:34): 1,000 calls at a negotiated 1.2 = 1,200.
    let e = Estimate::from_json(r#"{"lines":[{"service":"ekyc","calls":[1000],"negotiated_price":"1.2"}]}"#).unwrap();
    let q = quote(catalog::builtin(), &e, Lang::En).unwrap();
    assert_eq!(money(q.total), "1200.00");
    assert_eq!(q.lines[0].explanation, "1,000 × 1.2 (negotiated) = 1,200");
}

#[test]
fn a_discount_scales_the_exact_sum_before_rounding() {
    let line = r#"{"service":"活体人脸核身","calls":[15000],"packs":[{"size":10000}]"#;
    // 10 % on all: 12,250 × 0.9 = 11,025.
    let q = quote_json(&format!(r#"{{"lines":[{line},"discount":{{"percent":"10"}}}}]}}"#)).unwrap();
    let l = &q.lines[0];
    assert_eq!(money(l.total), "11025.00");
    assert_eq!(l.explanation, "((15,000 − 10,000) × 0.85 + 8,000) × 0.9 = 11,025");
    let d = l.discount.unwrap();
    assert_eq!((money(d.before), money(d.amount)), ("12250.00".into(), "1225.00".into()));
    // On postpaid only: 5,000 × 0.85 × 0.9 + 8,000 = 11,825.
    let q = quote_json(&format!(r#"{{"lines":[{line},"discount":{{"percent":"10","applies_to":"postpaid"}}}}]}}"#))
        .unwrap();
    assert_eq!(money(q.total), "11825.00");
    assert_eq!(q.lines[0].explanation, "(15,000 − 10,000) × 0.85 × 0.9 + 8,000 = 11,825");
    // On packs only: 4,250 + 8,000 × 0.9 = 11,450.
    let q =
        quote_json(&format!(r#"{{"lines":[{line},"discount":{{"percent":"10","applies_to":"packs"}}}}]}}"#)).unwrap();
    assert_eq!(money(q.total), "11450.00");
    assert_eq!(q.lines[0].explanation, "(15,000 − 10,000) × 0.85 + 8,000 × 0.9 = 11,450");
    // 15 % on the estimate, a line's own 10 % wins: 12,250 × 0.9 + 1,000 × 1 × 0.85 = 11,875.
    let q = quote_json(&format!(
        r#"{{"discount":{{"percent":"15"}},"lines":[{line},"discount":{{"percent":"10"}}}},
        {{"service":"活体人脸核身","calls":[1000]}}]}}"#
    ))
    .unwrap();
    assert_eq!((money(q.lines[0].total), money(q.lines[1].total)), ("11025.00".into(), "850.00".into()));
    assert_eq!(money(q.total), "11875.00");
    // Rounded once per line, after the discount: 3 × 1 × 0.667 = 2.001 → 2.00.
    let q = quote_json(r#"{"lines":[{"service":"活体人脸核身","calls":[3],"discount":{"percent":"33.3"}}]}"#).unwrap();
    assert_eq!(money(q.total), "2.00");
}

#[test]
fn an_extend_list_can_override_a_built_in_services_prices() {
    // A negotiated table for 活体人脸核身: 0.7 up to 10万, then 0.5; the documents' packs stay.
    let e = Estimate::from_json(
        r#"{"price_list":{"mode":"extend","list":{"format":1,"services":[{"id":"liveness_verification",
        "name":"活体人脸核身","postpaid":{"tiers":[{"up_to":100000,"price":"0.7"},{"price":"0.5"}]}}]}},
        "lines":[{"service":"活体人脸核身","calls":[250000],"packs":[{"size":10000}]}]}"#,
    )
    .unwrap();
    let q = quote(catalog::builtin(), &e, Lang::Zh).unwrap();
    // 240,000 overage reach the 0.5 tier: 120,000 + 8,000.
    assert_eq!(money(q.total), "128000.00");
    assert!(
        q.lines[0].notes[0].starts_with("内置价格已被你的价目表覆盖：后付费阶梯单价 0.7 / 0.5 元/次"),
        "{:?}",
        q.lines[0].notes
    );
}

#[test]
fn a_range_prices_the_low_likely_and_high_cases_with_the_same_packs() {
    // One 1万 pack; low 10,000 (all from the pack: 8,000), likely 15,000 (12,250), high 20,000
    // (10,000 overage reach 1万 at 0.75: 7,500 + 8,000 = 15,500).
    let q = quote_json(
        r#"{"lines":[{"service":"活体人脸核身","calls":[15000],"calls_low":[10000],"calls_high":[20000],
        "packs":[{"size":10000}]},{"service":"活体人脸核身","calls":[1000]}]}"#,
    )
    .unwrap();
    let r = q.lines[0].range.unwrap();
    assert_eq!(
        (money(r.low), money(r.likely), money(r.high)),
        ("8000.00".into(), "12250.00".into(), "15500.00".into())
    );
    assert_eq!(money(q.lines[0].total), "12250.00");
    // The second line has no range and counts 1,000 in every case.
    let r = q.range.unwrap();
    assert_eq!(
        (money(r.low), money(r.likely), money(r.high)),
        ("9000.00".into(), "13250.00".into(), "16500.00".into())
    );
    assert!(quote_json(r#"{"lines":[{"service":"活体人脸核身","calls":[1]}]}"#).unwrap().range.is_none());
}

#[test]
fn bad_terms_are_named_by_their_field() {
    let l = |extra: &str| format!(r#"{{"lines":[{{"service":"活体人脸核身","calls":[15000,2000]{extra}}}]}}"#);
    assert_eq!(
        err(&l(r#","negotiated_price":"-0.6""#)),
        "lines[0].negotiated_price: price -0.6 is negative; prices must be ≥ 0"
    );
    assert_eq!(
        err(&l(r#","negotiated_price":0.6"#)),
        "lines[0].negotiated_price: write prices as strings so nothing is lost to rounding: \"0.6\", not 0.6"
    );
    assert_eq!(
        err(&l(r#","discount":{"percent":"150"}"#)),
        "lines[0].discount.percent: a discount is from 0 to 100 percent, not 150"
    );
    assert_eq!(
        err(&l(r#","calls_low":[20000,1000]"#)),
        "lines[0].calls_low[0]: month 1: the low case (20,000) is above the likely calls (15,000)"
    );
    assert_eq!(
        err(&l(r#","calls_high":[20000,1000]"#)),
        "lines[0].calls_high[1]: month 2: the high case (1,000) is below the likely calls (2,000)"
    );
    assert_eq!(
        err(&l(r#","calls_high":[20000]"#)),
        "lines[0].calls_high: 1 months, but `calls` has 2: give one value per month"
    );
    assert_eq!(err(&l(r#","calls_low":[-1,0]"#)), "lines[0].calls_low[0]: must be a whole number ≥ 0, not -1");
    assert_eq!(
        err(&format!(r#"{{"scenario_weights":{{"low":"0.3","likely":"0.5","high":"0.3"}},{}"#, &l("")[1..])),
        "scenario_weights: the weights add up to 1.1; they must add up to exactly 1"
    );
    assert_eq!(
        err(r#"{"discount":{"percent":"10","on":"all"},"lines":[]}"#),
        "discount.on: unknown field `on`; expected one of `percent`, `applies_to`"
    );
}

#[test]
fn the_new_fields_round_trip_through_json() {
    let json = r#"{"lines":[{"service":"活体人脸核身","calls":[15000],"packs":[{"size":10000,"count":1,"month":1}],"postpaid":true,"negotiated_price":"0.6","discount":{"percent":"7.5","applies_to":"packs"},"calls_low":[10000],"calls_high":[20000]}],"discount":{"percent":"10","applies_to":"all"},"scenario_weights":{"low":"0.2","likely":"0.6","high":"0.2"}}"#;
    let e = Estimate::from_json(json).unwrap();
    assert_eq!(e.to_json(), json);
    assert_eq!(Estimate::from_json(&e.to_json()).unwrap(), e);
}

#[test]
fn an_uncertain_volume_gets_the_plan_of_least_expected_cost() {
    use packwise::engine::optimize::optimize_estimate;
    // Six months of 15,000 liveness checks, maybe 8,000, maybe 40,000; weights 0.25 / 0.5 / 0.25.
    let e = Estimate::from_json(
        r#"{"lines":[{"service":"活体人脸核身","calls":[15000,15000,15000,15000,15000,15000],
        "calls_low":[8000,8000,8000,8000,8000,8000],"calls_high":[40000,40000,40000,40000,40000,40000]}]}"#,
    )
    .unwrap();
    let (q, _, summaries) = optimize_estimate(catalog::builtin(), &e, Lang::En).unwrap();
    let s = summaries[0].range.as_ref().unwrap();
    // Postpaid only: low 6 × 8,000 × 0.85 = 40,800; likely 6 × 15,000 × 0.75 = 67,500;
    // high 6 × 40,000 × 0.75 = 180,000. Expected 0.25 × 40,800 + 0.5 × 67,500 + 0.25 × 180,000.
    assert_eq!(money(s.expected), "88950.00");
    assert!(summaries[0].proven_optimal);
    let r = q.range.unwrap();
    assert_eq!(
        (money(r.low), money(r.likely), money(r.high)),
        ("40800.00".into(), "67500.00".into(), "180000.00".into())
    );
    // Alone, the low case would buy 4 × 1万 (32,000) and pay 8,000 × 0.85 in month 6: 38,800,
    // so deciding up front costs 2,000 if it comes true; the high case alone would buy one 20万
    // pack (140,000) and pay 40,000 × 0.75: 170,000, regret 10,000.
    let regrets: Vec<(String, String)> = s.cases.iter().map(|c| (money(c.best_alone), money(c.regret))).collect();
    assert_eq!(
        regrets,
        vec![
            ("38800.00".into(), "2000.00".into()),
            ("67500.00".into(), "0.00".into()),
            ("170000.00".into(), "10000.00".into())
        ]
    );
    // Other weights, another plan: a buyer sure of the high case buys its best plan alone.
    // (At 0.2 / 0.8 packs still lose: the 20万 pack saves 10,000 high but costs 72,500 likely.)
    let sure = e.to_json().replacen('{', r#"{"scenario_weights":{"low":"0","likely":"0","high":"1"},"#, 1);
    let (_, plan, summaries) =
        optimize_estimate(catalog::builtin(), &Estimate::from_json(&sure).unwrap(), Lang::En).unwrap();
    assert_eq!(money(summaries[0].range.as_ref().unwrap().expected), "170000.00");
    assert_eq!(plan.lines[0].packs.iter().map(|p| (p.size, p.count)).collect::<Vec<_>>(), vec![(200000, 1)]);
    assert!(summaries[0].proven_optimal);
}

/// VAT stated for the list's prices splits the total as an invoice does, and prices nothing
/// differently: worked example two (12,250.00) plus 6 % is 735.00 VAT, 12,985.00 with it; with
/// 6 % included, 12,250 / 1.06 = 11,556.603… → 11,556.60 before it, 693.40 VAT.
#[test]
fn vat_stated_splits_the_total() {
    let doc = |vat: &str| {
        format!(r#"{{"lines":[{{"service":"活体人脸核身","calls":[15000],"packs":[{{"size":10000}}]}}],"vat":{vat}}}"#)
    };
    let q = quote_json(&doc(r#"{"percent":"6","included":false}"#)).unwrap();
    let v = q.vat.unwrap();
    assert_eq!(
        (money(q.total), v.vat.to_string(), v.with_vat.to_string()),
        ("12250.00".into(), "735.00".into(), "12985.00".into())
    );
    let q = quote_json(&doc(r#"{"percent":"6","included":true}"#)).unwrap();
    let v = q.vat.unwrap();
    assert_eq!(
        (v.before_vat.to_string(), v.vat.to_string(), money(q.total)),
        ("11556.60".into(), "693.40".into(), "12250.00".into())
    );
    let e = Estimate::from_json(&doc(r#"{"percent":"6","included":true}"#)).unwrap();
    assert_eq!(Estimate::from_json(&e.to_json()).unwrap(), e, "written back as read");
    assert!(err(&doc(r#"{"percent":"6"}"#)).contains("vat"));
    assert!(err(&doc(r#"{"percent":"x","included":true}"#)).contains("vat.percent"));
    // Without a total (a price from sales) there is nothing to split.
    let q =
        quote_json(r#"{"lines":[{"service":"活体人脸核身","calls":[250000]}],"vat":{"percent":"6","included":false}}"#)
            .unwrap();
    assert!(q.vat.is_none());
}

/// A dated line's cost by calendar year adds up to its total: 15,000 calls a month for 14 months
/// from 2027-11 with a 10万 pack (75,000) in month 1. Months 1–6 draw 90,000 of its calls, month 7
/// the last 10,000 and 5,000 postpaid (× 0.85 = 4,250), months 8–14 are postpaid (7 × 15,000 ×
/// 0.75 = 78,750). 2027 (months 1–2): 75,000; 2028 (months 3–14): 83,000; the line 158,000.
#[test]
fn a_dated_line_costs_by_calendar_year_add_up_to_its_total() {
    let q = quote_json(
        r#"{"lines":[{"service":"活体人脸核身","calls":[15000,15000,15000,15000,15000,15000,15000,15000,15000,15000,15000,15000,15000,15000],
            "packs":[{"size":100000}],"first_month":"2027-11"}]}"#,
    )
    .unwrap();
    let e = Estimate::from_json(
        r#"{"lines":[{"service":"活体人脸核身","calls":[15000,15000,15000,15000,15000,15000,15000,15000,15000,15000,15000,15000,15000,15000],"first_month":"2027-11"}]}"#,
    )
    .unwrap();
    let years = q.lines[0].by_year(&e.lines[0].calendar());
    let shown: Vec<(u16, String)> = years.iter().map(|(y, c)| (*y, money(*c))).collect();
    assert_eq!(shown, [(2027, "75000.00".to_string()), (2028, "83000.00".to_string())]);
    assert_eq!(money(q.total), "158000.00");
    assert!(q.lines[0].by_year(&[]).is_empty(), "no dates, no years");
    // Two lines: the years of both; a line without dates leaves the estimate without years.
    let calendar = e.lines[0].calendar();
    let both = packwise::engine::quote::by_year([(&q.lines[0], &calendar[..]), (&q.lines[0], &calendar[..])]).unwrap();
    assert_eq!(both.iter().map(|(_, c)| money(*c)).collect::<Vec<_>>(), ["150000.00", "166000.00"]);
    assert!(packwise::engine::quote::by_year([(&q.lines[0], &calendar[..]), (&q.lines[0], &[][..])]).is_none());
}

/// The estimate month by month, its lines together, by calendar month where they are dated:
/// 活体人脸核身 15,000 calls in 2027-11 and 2027-12 with a 1万 pack in the first (worked example
/// two, 12,250; then 15,000 × 0.75 = 11,250), 照片人脸核身 3,000 calls in 2027-12 and 2028-01
/// (each 3,000 × 0.85 = 2,550, the tier 3,000 calls reach, 001:27): 2027-11 12,250; 2027-12
/// 11,250 + 2,550 = 13,800; 2028-01 2,550; in all 28,600, the total. A line starting in
/// 2028-03 leaves 2028-02 at 0; undated lines go by month number; dated beside undated, none.
#[test]
fn the_estimate_month_by_month_puts_each_line_at_its_dates() {
    use packwise::engine::quote::by_month;
    let doc = |photo_from: &str| {
        format!(
            r#"{{"lines":[{{"service":"活体人脸核身","calls":[15000,15000],"packs":[{{"size":10000}}],"first_month":"2027-11"}},
                {{"service":"照片人脸核身","calls":[3000,3000],"first_month":"{photo_from}"}}]}}"#
        )
    };
    let e = Estimate::from_json(&doc("2027-12")).unwrap();
    let q = quote(catalog::builtin(), &e, Lang::En).unwrap();
    let calendars: Vec<_> = e.lines.iter().map(|l| l.calendar().into_owned()).collect();
    let months = by_month(q.lines.iter().zip(calendars.iter().map(Vec::as_slice))).unwrap();
    let shown: Vec<(u32, String, String)> =
        months.iter().map(|m| (m.month, m.date.unwrap().to_string(), money(m.cost))).collect();
    assert_eq!(
        shown,
        [
            (1, "2027-11".to_string(), "12250.00".to_string()),
            (2, "2027-12".to_string(), "13800.00".to_string()),
            (3, "2028-01".to_string(), "2550.00".to_string())
        ]
    );
    assert_eq!(money(q.total), "28600.00");
    // A gap: 2028-01 and 2028-02 cost nothing.
    let e = Estimate::from_json(&doc("2028-03")).unwrap();
    let q = quote(catalog::builtin(), &e, Lang::En).unwrap();
    let calendars: Vec<_> = e.lines.iter().map(|l| l.calendar().into_owned()).collect();
    let months = by_month(q.lines.iter().zip(calendars.iter().map(Vec::as_slice))).unwrap();
    let costs: Vec<String> = months.iter().map(|m| money(m.cost)).collect();
    assert_eq!(costs, ["12250.00", "11250.00", "0.00", "0.00", "2550.00", "2550.00"]);
    assert_eq!(months.last().unwrap().date.unwrap().to_string(), "2028-04");
    // Undated: month 1 of each line together; one dated beside one undated: none.
    let undated = [(&q.lines[0], &[][..]), (&q.lines[1], &[][..])];
    let months = by_month(undated).unwrap();
    assert_eq!(months.iter().map(|m| money(m.cost)).collect::<Vec<_>>(), ["14800.00", "13800.00"]);
    assert!(months.iter().all(|m| m.date.is_none()));
    assert!(by_month([(&q.lines[0], &calendars[0][..]), (&q.lines[1], &[][..])]).is_none());
    // Dates further apart than a budget's months (20 years): none, not a table of decades.
    let far = Estimate::from_json(&doc("2047-12")).unwrap();
    let q = quote(catalog::builtin(), &far, Lang::En).unwrap();
    let calendars: Vec<_> = far.lines.iter().map(|l| l.calendar().into_owned()).collect();
    assert!(by_month(q.lines.iter().zip(calendars.iter().map(Vec::as_slice))).is_none());
    // A month without a price says why: ID card OCR's price is not listed (000:2).
    let e = Estimate::from_json(
        r#"{"lines":[{"service":"活体人脸核身","calls":[15000]},{"service":"身份证识别 OCR","calls":[30000]}]}"#,
    )
    .unwrap();
    let q = quote(catalog::builtin(), &e, Lang::En).unwrap();
    let months = by_month(q.lines.iter().map(|l| (l, &[][..]))).unwrap();
    assert_eq!((months[0].cost, months[0].missing), (None, Some(packwise::engine::explain::Missing::NotListed)));
    // 15,000 × 0.75 = 11,250.00 of it is priced.
    assert_eq!(months[0].priced.map(|p| p.to_string()).as_deref(), Some("11250.00"));
}

/// A range beside a line waiting for a price: what has a price comes to in each case. 15,000
/// calls with one 1万 pack: (15,000 − 10,000) × 0.85 + 8,000 = 12,250 likely and low; 18,000
/// high: (18,000 − 10,000) × 0.85 + 8,000 = 14,800. eKYC (international) is priced on request,
/// so the whole range waits, and the part with a price is 12,250 – 14,800.
#[test]
fn a_range_beside_a_line_without_a_price_says_what_has_one() {
    use packwise::engine::quote::{priced_range_part, range_of};
    let e = Estimate::from_json(
        r#"{"lines":[{"service":"活体人脸核身","calls":[15000],"calls_high":[18000],"packs":[{"size":10000,"count":1}]},
                     {"service":"eKYC","calls":[6500]}]}"#,
    )
    .unwrap();
    let q = quote(catalog::builtin(), &e, Lang::Zh).unwrap();
    let whole = range_of(q.lines.iter()).unwrap().unwrap();
    assert_eq!((whole.low, whole.high), (None, None));
    let part = priced_range_part(q.lines.iter()).unwrap().unwrap();
    assert_eq!(
        (money(part.low), money(part.likely), money(part.high)),
        ("12250.00".into(), "12250.00".into(), "14800.00".into())
    );
    // Every line priced: nothing waits, so no part.
    let priced =
        Estimate::from_json(r#"{"lines":[{"service":"活体人脸核身","calls":[15000],"calls_high":[18000]}]}"#).unwrap();
    let q = quote(catalog::builtin(), &priced, Lang::Zh).unwrap();
    assert_eq!(priced_range_part(q.lines.iter()).unwrap().unwrap().high, None);
}

/// A range whose low and high cases pass the postpaid table's last tier (200,000 a month) in
/// month 2: no case has a total, and what has a price in each is its other months at 0.68 (the
/// 10万–20万 tier): low 2 × 100,000 × 0.68 = 136,000, likely 2 × 150,000 × 0.68 = 204,000, high
/// 150,000 × 0.68 = 102,000 (its month 1 needs sales too). Where only the high case waits, the
/// low case's total stands: 6 × 100,000 × 0.68 = 408,000.
#[test]
fn a_range_past_the_last_tier_says_what_has_a_price_in_each_case() {
    use packwise::engine::quote::{priced_range_part, range_of};
    let e = Estimate::from_json(
        r#"{"lines":[{"service":"活体人脸核身","calls":[150000,250000,150000],
            "calls_low":[100000,210000,100000],"calls_high":[250000,350000,150000]}]}"#,
    )
    .unwrap();
    let q = quote(catalog::builtin(), &e, Lang::Zh).unwrap();
    let whole = range_of(q.lines.iter()).unwrap().unwrap();
    assert_eq!((whole.low, whole.likely, whole.high), (None, None, None));
    let part = priced_range_part(q.lines.iter()).unwrap().unwrap();
    assert_eq!(
        (money(part.low), money(part.likely), money(part.high)),
        ("136000.00".into(), "204000.00".into(), "102000.00".into())
    );
    let e = Estimate::from_json(
        r#"{"lines":[{"service":"活体人脸核身","calls":[150000,150000,150000,150000,150000,150000],
            "calls_low":[100000,100000,100000,100000,100000,100000],
            "calls_high":[150000,250000,250000,250000,250000,250000]}]}"#,
    )
    .unwrap();
    let q = quote(catalog::builtin(), &e, Lang::Zh).unwrap();
    let whole = range_of(q.lines.iter()).unwrap().unwrap();
    assert_eq!((money(whole.low), whole.high), ("408000.00".into(), None));
    let part = priced_range_part(q.lines.iter()).unwrap().unwrap();
    assert_eq!((part.low, money(part.high)), (None, "102000.00".into()));
}

/// The whole estimate's expected cost: one 10,000-call pack (8,000) and 15,000 likely calls,
/// 10,000 low, 20,000 high. Low 8,000 (the pack covers them); likely
/// (15,000 − 10,000) × 0.85 + 8,000 = 12,250; high 10,000 postpaid calls reach the 1万–10万
/// tier, 10,000 × 0.75 + 8,000 = 15,500. Weighted 0.1 / 0.3 / 0.6: 800 + 3,675 + 9,300 =
/// 13,775.00; at the default weights (0.25 / 0.5 / 0.25), 2,000 + 6,125 + 3,875 = 12,000.00.
/// No range, no expected cost.
#[test]
fn a_quote_with_a_range_gives_its_expected_cost_at_the_estimates_weights() {
    let q = |weights: &str| {
        let json = format!(
            r#"{{{weights}"lines":[{{"service":"活体人脸核身","calls":[15000],"calls_low":[10000],"calls_high":[20000],"packs":[{{"size":10000}}]}}]}}"#
        );
        quote(catalog::builtin(), &Estimate::from_json(&json).unwrap(), Lang::En).unwrap()
    };
    let weighted = q(r#""scenario_weights":{"low":"0.1","likely":"0.3","high":"0.6"},"#);
    let r = weighted.range.unwrap();
    assert_eq!(
        (r.low, r.likely, r.high),
        (
            Some(rust_decimal_macros::dec!(8000.00)),
            Some(rust_decimal_macros::dec!(12250.00)),
            Some(rust_decimal_macros::dec!(15500.00))
        )
    );
    assert_eq!(weighted.expected, Some(rust_decimal_macros::dec!(13775.00)));
    assert_eq!(q("").expected, Some(rust_decimal_macros::dec!(12000.00)));
    let json = serde_json::to_value(&weighted).unwrap();
    assert_eq!(json["expected"], "13775.00");
    let plain = Estimate::from_json(r#"{"lines":[{"service":"活体人脸核身","calls":[15000]}]}"#).unwrap();
    let plain = quote(catalog::builtin(), &plain, Lang::En).unwrap();
    assert_eq!(plain.expected, None);
    assert!(serde_json::to_value(&plain).unwrap().get("expected").is_none());
}

/// A 100,000-call pack bought in month 1 of three months of 15,000: 55,000 calls are left after
/// the last month, usable through month 12 (the pack's 12 months, the month bought in counted).
#[test]
fn unused_calls_say_how_long_they_last() {
    let e = Estimate::from_json(
        r#"{"lines":[{"service":"活体人脸核身","calls":[15000,15000,15000],"packs":[{"size":100000}]}]}"#,
    )
    .unwrap();
    let q = quote(catalog::builtin(), &e, Lang::En).unwrap();
    assert_eq!((q.lines[0].unused_calls, q.lines[0].unused_valid_through()), (55_000, Some(12)));
    let none = Estimate::from_json(r#"{"lines":[{"service":"活体人脸核身","calls":[15000]}]}"#).unwrap();
    assert_eq!(quote(catalog::builtin(), &none, Lang::En).unwrap().lines[0].unused_valid_through(), None);
}

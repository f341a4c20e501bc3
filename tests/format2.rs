//! Price-list format 2, priced by the library: each rating model of another vendor's sheet —
//! prices per block of units (prorated or rounded up), flat fees per tier, a free quota every
//! month, a monthly minimum, commitment tiers — to figures worked by hand. Run: `cargo test
//! --test format2`.
#![cfg(not(target_arch = "wasm32"))]

use packwise::engine::catalog::builtin;
use packwise::engine::{Estimate, Lang, Quote, quote};
use rust_decimal::Decimal;

/// Prices `lines` (JSON) against a one-service format 2 list whose service is `service` (JSON
/// members after its id and name).
fn priced(service: &str, lines: &str) -> Quote {
    let json = format!(
        r#"{{"price_list":{{"mode":"replace","list":{{"format":2,"currency":"USD",
            "services":[{{"id":"s","name":"S",{service}}}]}}}},"lines":{lines}}}"#
    );
    quote(builtin(), &Estimate::from_json(&json).unwrap_or_else(|e| panic!("{e}")), Lang::En).unwrap()
}

fn total(q: &Quote) -> String {
    q.total.map_or_else(|| "none".into(), |t| t.to_string())
}

#[test]
fn prices_per_block_round_up_or_prorate() {
    // The first 1,000 free, then 2.00 per 1,000, graduated. 3,200 calls round up to 4,000:
    // 3 units × 2.00 = 6.00; prorated, 2,200 × 0.002 = 4.40.
    let tiers = r#""tiers":[{"up_to":1000,"up_to_included":true,"price":"0"},{"price":"2.00"}]"#;
    let up = format!(r#""postpaid":{{"mode":"graduated","unit":1000,"partial_unit":"round_up",{tiers}}}"#);
    let q = priced(&up, r#"[{"service":"s","calls":[3200]}]"#);
    assert_eq!(total(&q), "6.00");
    assert_eq!(q.currency, "USD");
    assert_eq!(q.lines[0].explanation, "⌈3,200 / 1,000⌉ = 4: 1 × 0 + 3 × 2 = 6");
    let pro = format!(r#""postpaid":{{"mode":"graduated","unit":1000,{tiers}}}"#);
    let q = priced(&pro, r#"[{"service":"s","calls":[3200]}]"#);
    assert_eq!(total(&q), "4.40");
    assert_eq!(q.lines[0].explanation, "3,200 / 1,000 = 3.2: 1 × 0 + 2.2 × 2 = 4.40");
    // Reached with a fee and blocks rounded up: 9,000 calls stay in the first tier (9 × 3.00 +
    // 10 = 37.00), while 9,500 round up to 10,000, the next tier: 10 × 2.50 = 25.00.
    let cliff = r#""postpaid":{"unit":1000,"partial_unit":"round_up","tiers":[
        {"up_to":10000,"price":"3.00","flat_fee":"10"},{"price":"2.50"}]}"#;
    assert_eq!(total(&priced(cliff, r#"[{"service":"s","calls":[9000]}]"#)), "37.00");
    assert_eq!(total(&priced(cliff, r#"[{"service":"s","calls":[9500]}]"#)), "25.00");
}

#[test]
fn flat_fees_for_the_tier_reached_or_each_tier_entered() {
    let tiers =
        r#""tiers":[{"up_to":100,"up_to_included":true,"price":"1","flat_fee":"5"},{"price":"0.5","flat_fee":"20"}]"#;
    // Graduated, 150 calls: 100 + 5 + 25 + 20 = 150.00; reached: 150 × 0.5 + 20 = 95.00.
    let g = format!(r#""postpaid":{{"mode":"graduated",{tiers}}}"#);
    let q = priced(&g, r#"[{"service":"s","calls":[150]}]"#);
    assert_eq!(total(&q), "150.00");
    assert_eq!(q.lines[0].explanation, "100 × 1 + 5 fee + 50 × 0.5 + 20 fee = 150");
    let r = format!(r#""postpaid":{{"mode":"reached",{tiers}}}"#);
    assert_eq!(total(&priced(&r, r#"[{"service":"s","calls":[150]}]"#)), "95.00");
}

#[test]
fn a_free_quota_every_month_or_for_the_first_months() {
    // 500 free a month, then 0.01 a call; 3 months of 2,000: 3 × 1,500 × 0.01 = 45.00.
    let quota = r#""postpaid":{"tiers":[{"price":"0.01"}]},"free_quota":{"calls":500}"#;
    let q = priced(quota, r#"[{"service":"s","calls":[2000,2000,2000]}]"#);
    assert_eq!(total(&q), "45.00");
    assert_eq!(q.lines[0].months[0].free_quota_calls, 500);
    // Only in the first 2 months: 15 + 15 + 20 = 50.00.
    let two = r#""postpaid":{"tiers":[{"price":"0.01"}]},"free_quota":{"calls":500,"months":2}"#;
    let q = priced(two, r#"[{"service":"s","calls":[2000,2000,2000]}]"#);
    assert_eq!(total(&q), "50.00");
    assert_eq!(q.lines[0].explanation, "2 × (2,000 − 500 free) × 0.01 + 2,000 × 0.01 = 50");
    // A month under its quota costs nothing, and what it leaves lapses: 300 + 700 calls, 0 + 2.00.
    let q = priced(quota, r#"[{"service":"s","calls":[300,700]}]"#);
    assert_eq!(total(&q), "2.00");
    // Its own arithmetic says why (it read "0 = 0").
    assert_eq!(q.lines[0].months[0].explanation, "0 (300 calls free)");
    assert_eq!(priced(quota, r#"[{"service":"s","calls":[300]}]"#).lines[0].explanation, "0 (300 calls free)");
    // Graduated tiers after the quota: 8,000 calls, 1,000 free, then 5,000 at 0.1 and the rest
    // at 0.05 = 500 + 100 = 600. The slices add up to 7,000: the quota is said before them (it
    // read "5,000 × 0.1 + 2,000 × 0.05 = 600", as if 8,000 were 7,000).
    let graduated = r#""postpaid":{"mode":"graduated","tiers":[{"up_to":5000,"up_to_included":true,"price":"0.1"},
        {"price":"0.05"}]},"free_quota":{"calls":1000}"#;
    let q = priced(graduated, r#"[{"service":"s","calls":[8000]}]"#);
    assert_eq!(total(&q), "600.00");
    assert_eq!(q.lines[0].explanation, "(8,000 − 1,000 free): 5,000 × 0.1 + 2,000 × 0.05 = 600");
}

#[test]
fn a_monthly_minimum_raises_the_usage_charge() {
    // Minimum 100 a month at 0.5 a call, months of 100 and 400 calls: 100 + 200 = 300.00, the
    // first month raised by 50.
    let min = r#""postpaid":{"tiers":[{"price":"0.5"}]},"minimum":{"monthly":"100"}"#;
    let q = priced(min, r#"[{"service":"s","calls":[100,400]}]"#);
    assert_eq!(total(&q), "300.00");
    let raises: Vec<String> = q.lines[0].months.iter().map(|m| m.minimum_raise.to_string()).collect();
    assert_eq!(raises, ["50.00", "0.00"]);
    assert_eq!(q.lines[0].explanation, "(100 × 0.5 + 50 to the minimum of 100) + 400 × 0.5 = 300");
    assert_eq!(q.lines[0].months[0].explanation, "100 × 0.5 + 50 to the minimum of 100 = 100");
    assert_eq!(q.lines[0].minimum_cost.to_string(), "50.00");
    // A month with no calls pays the minimum too; a 10 % discount on postpaid takes 10 % of it:
    // (100 + 100) × 0.9 = 180.00.
    let q = priced(min, r#"[{"service":"s","calls":[0,200],"discount":{"percent":"10","applies_to":"postpaid"}}]"#);
    assert_eq!(total(&q), "180.00");
}

#[test]
fn a_commitment_includes_calls_for_a_fee_and_prices_the_rest_by_its_overage() {
    // 800 a month for 1,000,000 calls, overage 1.00 per 1,000; standard postpaid 1.20 per 1,000.
    let service = r#""postpaid":{"unit":1000,"tiers":[{"price":"1.20"}]},
        "commitments":[{"id":"m1","name":"1M","monthly_fee":"800","calls":1000000,
                        "overage":{"unit":1000,"tiers":[{"price":"1.00"}]}}]"#;
    // 1,200,000 calls: with it 800 + 200 = 1,000.00; without 1,440.00.
    let with = priced(service, r#"[{"service":"s","calls":[1200000],"commitments":[{"id":"m1"}]}]"#);
    assert_eq!(total(&with), "1000.00");
    assert_eq!(with.lines[0].commitment_cost.to_string(), "800.00");
    assert_eq!(with.lines[0].months[0].commitment_calls, 1_000_000);
    assert_eq!(with.lines[0].explanation, "(1,200,000 − 1,000,000 committed) / 1,000 × 1 + 800 commitment = 1,000");
    assert_eq!(total(&priced(service, r#"[{"service":"s","calls":[1200000]}]"#)), "1440.00");
    // 500,000 calls: without it 600.00 is cheaper than the 800.00 fee.
    assert_eq!(total(&priced(service, r#"[{"service":"s","calls":[500000]}]"#)), "600.00");
    assert_eq!(total(&priced(service, r#"[{"service":"s","calls":[500000],"commitments":[{"id":"m1"}]}]"#)), "800.00");
    // Taken from month 2 for one month of three: 1,440 + 1,000 + 1,440 = 3,880.00.
    let q = priced(
        service,
        r#"[{"service":"s","calls":[1200000,1200000,1200000],"commitments":[{"id":"m1","month":2,"months":1}]}]"#,
    );
    assert_eq!(total(&q), "3880.00");
}

#[test]
fn quota_commitment_packs_and_overage_in_their_order() {
    // 20,000 calls: 1,000 free, then the commitment's 10,000 (fee 50), then a 5,000-call pack
    // (20), then 4,000 × 0.004 overage = 16: 50 + 20 + 16 = 86.00.
    let json = r#"{"price_list":{"mode":"replace","list":{"format":2,"currency":"USD",
        "pack_products":[{"id":"p","name":"P","sizes":[{"calls":5000,"price":"20"}]}],
        "services":[{"id":"s","name":"S","packs":"p","postpaid":{"tiers":[{"price":"0.005"}]},
          "free_quota":{"calls":1000},
          "commitments":[{"id":"c","name":"C","monthly_fee":"50","calls":10000,"overage":{"tiers":[{"price":"0.004"}]}}]}]}},
        "lines":[{"service":"s","calls":[20000],"packs":[{"size":5000}],"commitments":[{"id":"c"}]}]}"#;
    let q = quote(builtin(), &Estimate::from_json(json).unwrap(), Lang::En).unwrap();
    assert_eq!(total(&q), "86.00");
    let m = &q.lines[0].months[0];
    assert_eq!((m.free_quota_calls, m.commitment_calls, m.pack_calls, m.postpaid_calls), (1000, 10000, 5000, 4000));
}

#[test]
fn a_line_naming_a_commitment_its_service_lacks_names_the_field() {
    let service =
        r#""postpaid":{"tiers":[{"price":"1"}]},"commitments":[{"id":"a","name":"A","monthly_fee":"1","calls":10}]"#;
    let json = format!(
        r#"{{"price_list":{{"mode":"replace","list":{{"format":2,"currency":"USD","services":[{{"id":"s","name":"S",{service}}}]}}}},
        "lines":[{{"service":"s","calls":[100],"commitments":[{{"id":"b"}}]}}]}}"#
    );
    let e = quote(builtin(), &Estimate::from_json(&json).unwrap(), Lang::En).unwrap_err();
    assert_eq!(e.to_string(), "lines[0].commitments[0].id: S has no commitment \"b\"; its commitments: a");
    // Two commitments in one month, or one past the last month, are refused as the line is read.
    let two = r#"{"lines":[{"service":"s","calls":[1,2,3],"commitments":[{"id":"a"},{"id":"b","month":3}]}]}"#;
    assert_eq!(
        Estimate::from_json(two).unwrap_err().to_string(),
        "lines[0].commitments[1]: month 3 already has a commitment (commitments[0], \"a\"): a month takes one at most"
    );
    let late = r#"{"lines":[{"service":"s","calls":[1],"commitments":[{"id":"a","month":2}]}]}"#;
    assert!(
        Estimate::from_json(late)
            .unwrap_err()
            .to_string()
            .starts_with("lines[0].commitments[0].month: month 2 is after")
    );
    // The built-in list has no commitments.
    let none = r#"{"lines":[{"service":"活体人脸核身","calls":[1],"commitments":[{"id":"x"}]}]}"#;
    let e = quote(builtin(), &Estimate::from_json(none).unwrap(), Lang::En).unwrap_err();
    assert_eq!(
        e.to_string(),
        "lines[0].commitments[0].id: Liveness face verification (活体人脸核身) has no commitments, so none called \"x\""
    );
    let _ = Decimal::ZERO;
}

mod optimized {
    use super::*;
    use packwise::engine::optimize::optimize_estimate;

    fn best(service: &str, packs: &str, lines: &str) -> (String, Vec<String>, bool) {
        let json = format!(
            r#"{{"price_list":{{"mode":"replace","list":{{"format":2,"currency":"USD",
                "pack_products":[{{"id":"p","name":"P","validity_months":12,"sizes":{packs}}}],
                "services":[{{"id":"s","name":"S","packs":"p",{service}}}]}}}},"lines":{lines}}}"#
        );
        let e = Estimate::from_json(&json).unwrap_or_else(|e| panic!("{e}"));
        let (q, plan, s) = optimize_estimate(builtin(), &e, Lang::En).unwrap();
        let terms = plan.lines[0]
            .commitments
            .iter()
            .map(|c| format!("{}@{}+{}", c.id, c.month, c.months.map_or("end".into(), |n| n.to_string())))
            .collect();
        (total(&q), terms, s[0].proven_optimal)
    }

    const COMMITMENT: &str = r#""postpaid":{"unit":1000,"tiers":[{"price":"1.20"}]},
        "commitments":[{"id":"m1","name":"1M","monthly_fee":"800","calls":1000000,
                        "overage":{"unit":1000,"tiers":[{"price":"1.00"}]}}]"#;
    /// Packs dearer than any of it, so the plan is the commitments alone.
    const DEAR: &str = r#"[{"calls":1000,"price":"5"}]"#;

    #[test]
    fn the_optimizer_takes_a_commitment_where_it_pays() {
        // 1,200,000 calls a month: the commitment (1,000.00) beats postpaid (1,440.00).
        let (t, terms, proven) = best(COMMITMENT, DEAR, r#"[{"service":"s","calls":[1200000,1200000]}]"#);
        assert_eq!((t.as_str(), terms, proven), ("2000.00", vec!["m1@1+end".to_string()], true));
        // 500,000 a month: postpaid (600.00) beats the fee.
        let (t, terms, _) = best(COMMITMENT, DEAR, r#"[{"service":"s","calls":[500000,500000]}]"#);
        assert_eq!((t.as_str(), terms.len()), ("1200.00", 0));
        // Mixed months: the commitment only where the month is large.
        let (t, terms, proven) =
            best(COMMITMENT, DEAR, r#"[{"service":"s","calls":[1200000,500000,1200000,1200000,500000]}]"#);
        assert_eq!(t, "4200.00", "1,000 + 600 + 1,000 + 1,000 + 600");
        assert_eq!(terms, ["m1@1+1", "m1@3+2"]);
        assert!(proven);
    }

    #[test]
    fn packs_and_a_commitment_share_a_month() {
        // 1,100,000 calls: the commitment's overage is 100 × 1.00 = 100; a 100,000-call pack at
        // 90 covers it for less: 800 + 90 = 890.
        let packs = r#"[{"calls":100000,"price":"90"}]"#;
        let (t, terms, proven) = best(COMMITMENT, packs, r#"[{"service":"s","calls":[1100000]}]"#);
        assert_eq!((t.as_str(), terms, proven), ("890.00", vec!["m1@1+end".to_string()], true));
    }

    #[test]
    fn a_free_quota_and_a_commitment_are_planned_together_in_twelve_months() {
        let service = r#""postpaid":{"tiers":[{"up_to":10000,"price":"0.02"},{"price":"0.015"}]},
            "free_quota":{"calls":1000},
            "commitments":[{"id":"c","name":"C","monthly_fee":"150","calls":12000,"overage":{"tiers":[{"price":"0.01"}]}}]"#;
        let packs = r#"[{"calls":5000,"price":"70"},{"calls":50000,"price":"600"}]"#;
        let calls: Vec<u64> = (0..12).map(|m| 4_000 + (m * 7_919 + 3_571) % 16_000).collect();
        let lines = format!(r#"[{{"service":"s","calls":{calls:?}}}]"#);
        let (_, _, proven) = best(service, packs, &lines);
        assert!(proven);
    }
}

#[test]
fn a_negotiated_price_is_per_call_whatever_the_tables_unit() {
    // 2.00 per 1,000 up to 10,000 calls, then contact sales; 0.0015 a call negotiated. 20,000
    // calls reach the sales tier: 20 blocks of 1,000 at 1.50 = 30.00.
    let service = r#""postpaid":{"unit":1000,"tiers":[{"up_to":10000,"price":"2.00"},{"contact_sales":true}]}"#;
    let q = priced(service, r#"[{"service":"s","calls":[20000],"negotiated_price":"0.0015"}]"#);
    assert_eq!(total(&q), "30.00");
    // Without it, a price from sales.
    assert_eq!(total(&priced(service, r#"[{"service":"s","calls":[20000]}]"#)), "none");
}

#[test]
fn hints_read_the_table_that_priced_the_month_and_its_minimum() {
    let service = r#""postpaid":{"tiers":[{"up_to":1000,"price":"1"},{"price":"0.5"}]},
        "commitments":[{"id":"a","name":"A","monthly_fee":"10","calls":100,"overage":{"tiers":[{"price":"2"}]}}]"#;
    // Without the commitment, 999 calls cost 999 and 1,000 would cost 500: a hint.
    let q = priced(service, r#"[{"service":"s","calls":[999]}]"#);
    assert_eq!(q.lines[0].hints.len(), 1);
    assert_eq!(q.lines[0].hints[0].cheaper_cost.to_string(), "500.00");
    // With it, the 999 calls beyond its 100 are priced by its own flat table: no cliff, no hint
    // (the service's table would have claimed one).
    let q = priced(service, r#"[{"service":"s","calls":[1099],"commitments":[{"id":"a"}]}]"#);
    assert_eq!(total(&q), "2008.00", "10 + 999 × 2");
    assert!(q.lines[0].hints.is_empty());
    // A minimum of 1,000 raises both volumes to it: nothing cheaper, no hint.
    let floor = r#""postpaid":{"tiers":[{"up_to":1000,"price":"1"},{"price":"0.5"}]},"minimum":{"monthly":"1000"}"#;
    let q = priced(floor, r#"[{"service":"s","calls":[999]}]"#);
    assert_eq!(total(&q), "1000.00");
    assert!(q.lines[0].hints.is_empty());
    // A minimum of 700: 999 calls cost 999, 1,000 would cost 700 (500 raised): a hint at 700.
    let floor = floor.replace("\"1000\"}", "\"700\"}");
    let q = priced(&floor, r#"[{"service":"s","calls":[999]}]"#);
    assert_eq!(q.lines[0].hints[0].cheaper_cost.to_string(), "700.00");
}

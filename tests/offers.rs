//! Offers compared (`engine::offers`) and the example sheets (`data/examples/`), to figures worked
//! by hand: each offer at its cheapest plan, converted at the given rates, ranked, and the volumes
//! where two offers change places, checked against their month costs on both sides. Run: `cargo
//! test --test offers`.
#![cfg(not(target_arch = "wasm32"))]

use packwise::engine::catalog::{Catalog, Postpaid, builtin};
use packwise::engine::examples::{EXAMPLES, example};
use packwise::engine::offers::{Comparison, Offers, compare};
use packwise::engine::{Estimate, Lang, Line, quote};
use serde_json::{Value, json};

/// An example sheet as an offer's `price_list` (replacing the built-in list).
fn sheet(key: &str) -> Value {
    let list: Value = serde_json::from_str(example(key).expect("the example exists").json).unwrap();
    json!({"mode": "replace", "list": list})
}

fn compared(doc: &Value) -> Comparison {
    let offers = Offers::from_json(&doc.to_string(), builtin()).unwrap_or_else(|e| panic!("{e}"));
    compare(builtin(), &offers, Lang::En).unwrap_or_else(|e| panic!("{e}"))
}

fn money(d: Option<rust_decimal::Decimal>) -> String {
    d.map_or_else(|| "none".into(), |d| d.to_string())
}

fn refused(doc: Value) -> (String, String) {
    let e = Offers::from_json(&doc.to_string(), builtin()).unwrap_err();
    (e.path().to_string(), e.to_string())
}

/// A one-month total of `calls` calls of `service` on an example sheet.
fn priced(key: &str, service: &str, calls: u64) -> String {
    let list = example(key).unwrap().catalog().unwrap();
    let e = Estimate::new(vec![Line::new(service, vec![calls])]);
    money(quote(list, &e, Lang::En).unwrap().total)
}

mod examples {
    use super::*;

    #[test]
    fn every_sheet_parses_states_its_currency_sources_and_that_it_is_an_example() {
        assert!(EXAMPLES.len() >= 3);
        for e in EXAMPLES {
            let list: &Catalog = e.catalog().unwrap_or_else(|| panic!("{} does not parse", e.key));
            assert!(["USD", "CNY"].contains(&list.currency.as_str()), "{}", e.key);
            assert!(e.json.contains("\"format\": 2"), "{}: format 2 states its currency", e.key);
            let note = list.assumptions.iter().find(|n| n.id.as_deref() == Some("example-sheet"));
            let note = note.unwrap_or_else(|| panic!("{}: no example note", e.key));
            assert!(note.text.en.contains("not a quote") && note.text.zh.contains("并非报价"));
            assert!(!list.sources.is_empty());
            for url in list.sources.values() {
                assert!(url.starts_with("https://") && url.contains("read 2026-12-02"), "{}: {url}", e.key);
            }
            // Every price names its source, and the source is one of the sheet's.
            let known = |s: &Option<String>| {
                s.as_ref().is_some_and(|s| list.sources.keys().any(|k| s == k || s.starts_with(&format!("{k}:"))))
            };
            for s in &list.services {
                if let Postpaid::Tiers(t) = &s.postpaid {
                    assert!(known(&t.source), "{} {}: postpaid without a source", e.key, s.id);
                }
                if let Some(q) = &s.free_quota {
                    assert!(known(&q.source), "{} {}: free quota without a source", e.key, s.id);
                }
            }
            for p in &list.pack_products {
                assert!(known(&p.source), "{} {}: packs without a source", e.key, p.id);
            }
        }
    }

    #[test]
    fn the_sheets_price_their_own_worked_examples() {
        // Alibaba Cloud's licence plate recognition, graduated: 10,000 × 0.15 + 5,000 × 0.1 = 2,000.
        assert_eq!(priced("alibaba-cloud-cn", "plate_recognition", 15_000), "2000.00");
        // Tencent Cloud international OCR, the tier reached prices every call: 90,000 calls are in
        // the 10,000–99,999 tier (0.014); after the 1,000 free calls a month, 89,000 × 0.014.
        assert_eq!(priced("tencentcloud-intl-ocr", "general_print", 90_000), "1246.00");
        // 10,999 calls leave 9,999 past the free 1,000: the first tier, 9,999 × 0.021 = 209.979.
        assert_eq!(priced("tencentcloud-intl-ocr", "general_print", 10_999), "209.98");
        // Google Cloud Vision text detection: the first 1,000 units free, then 1.50 per 1,000,
        // prorated: 2,200 × 0.0015 = 3.30.
        assert_eq!(priced("google-cloud-vision", "text_detection", 3_200), "3.30");
        // Past 5,000,000 units: 4,999,000 × 0.0015 + 1,000,000 × 0.0006 = 7,498.50 + 600.
        assert_eq!(priced("google-cloud-vision", "text_detection", 6_000_000), "8098.50");
        // Baidu's VAT invoice recognition, 30,000 calls: 1,000 free, then (graduated, the
        // sheet's stated reading) 20,000 × 0.05 + 9,000 × 0.04 = 1,360.
        assert_eq!(priced("baidu-ai-cloud-ocr", "vat_invoice", 30_000), "1360.00");
        // Alibaba Cloud international: 15,000 liveness checks at USD 0.026.
        assert_eq!(priced("alibaba-cloud-intl-ekyc", "face_verify", 15_000), "390.00");
    }
}

mod comparison {
    use super::*;

    /// The built-in 活体人脸核身 against two example sheets, one in USD: 15,000 checks a month.
    fn identity() -> Value {
        json!({"currency": "CNY", "rates": {"USD": "7.10"}, "calls": [15000],
            "vendors": [
                {"name": "Tencent Cloud (the documents)", "service": "活体人脸核身"},
                {"name": "Alibaba Cloud intl", "service": "face_verify", "price_list": sheet("alibaba-cloud-intl-ekyc")},
                {"name": "Alibaba Cloud CN", "service": "financial_verification", "price_list": sheet("alibaba-cloud-cn")}]})
    }

    #[test]
    fn the_built_in_service_and_two_example_sheets_ranked_in_one_currency() {
        let c = compared(&identity());
        assert_eq!(c.currency, "CNY");
        let v = &c.vendors;
        // 15,000 checks postpaid: 15,000 × 0.75 = 11,250 (no pack plan is cheaper in one month).
        assert_eq!(
            (money(v[0].total), money(v[0].converted), v[0].rank),
            ("11250.00".into(), "11250.00".into(), Some(2))
        );
        // 15,000 × USD 0.026 = USD 390.00, at 7.10: 2,769.00.
        assert_eq!(
            (v[1].currency.as_str(), money(v[1].total), money(v[1].converted)),
            ("USD", "390.00".into(), "2769.00".into())
        );
        assert_eq!(v[1].rank, Some(1));
        // 15,000 × 1 = 15,000.
        assert_eq!((money(v[2].converted), v[2].rank), ("15000.00".into(), Some(3)));
        // Each saves against the next dearer one: 11,250 − 2,769 and 15,000 − 11,250.
        assert_eq!(
            (money(v[1].saving_vs_next), money(v[0].saving_vs_next), money(v[2].saving_vs_next)),
            ("8481.00".into(), "3750.00".into(), "none".into())
        );
        assert_eq!(money(v[1].price_per_call), "0.1846", "2,769 / 15,000");
        assert!(v.iter().all(|x| x.optimization.proven_optimal));
    }

    /// The built-in service against two typed sheets whose month costs cross: a commitment of
    /// 3,000 for 10,000 calls (then 0.2) against 0.85 a call between 1,001 and 9,999.
    fn crossing() -> Value {
        json!({"currency": "CNY", "rates": {"USD": "7.10"}, "calls": [15000],
            "vendors": [
                {"name": "A", "service": "活体人脸核身"},
                {"name": "B", "service": "b", "price_list": {"mode": "replace", "list": {"format": 2, "currency": "USD",
                    "services": [{"id": "b", "name": "B", "postpaid": {"unit": 1000, "tiers": [{"price": "1.20"}]}, "free_quota": {"calls": 1000}}]}}},
                {"name": "D", "service": "d", "price_list": {"mode": "replace", "list": {"format": 2, "currency": "CNY",
                    "services": [{"id": "d", "name": "D", "postpaid": {"tiers": [{"price": "1"}]},
                        "commitments": [{"id": "c", "name": "10k", "monthly_fee": "3000", "calls": 10000, "overage": {"tiers": [{"price": "0.2"}]}}]}]}}}]})
    }

    #[test]
    fn the_volumes_where_two_offers_change_places_hold_on_both_sides() {
        let c = compared(&crossing());
        let v = &c.vendors;
        // A: 11,250 postpaid; B: 14,000 × 0.0012 = USD 16.80 → 119.28; D: 3,000 + 5,000 × 0.2.
        assert_eq!(
            v.iter().map(|x| (money(x.converted), x.rank.unwrap())).collect::<Vec<_>>(),
            [("11250.00".into(), 3), ("119.28".into(), 1), ("4000.00".into(), 2)]
        );
        assert_eq!(v[2].plan.commitments.len(), 1, "D's plan takes its commitment");
        // D (3,000 from 3,000 calls on) against A (0.85 a call): 3,529 × 0.85 = 2,999.65 < 3,000
        // < 3,530 × 0.85 = 3,000.50. B is cheapest at every volume past 0.
        assert_eq!(c.crossovers.len(), 1, "{:?}", c.crossovers);
        let x = &c.crossovers[0];
        assert_eq!((x.calls, x.cheaper, x.dearer), (3530, 2, 0));
        assert_eq!((x.cheaper_cost.to_string(), x.dearer_cost.to_string()), ("3000.00".into(), "3000.50".into()));
        // Checked against the month costs on both sides.
        let one = |k: usize, calls: u64| {
            let doc = crossing();
            let mut o = Offers::from_json(&doc.to_string(), builtin()).unwrap();
            let vendor = o.offers.remove(k);
            let mut e = vendor.estimate;
            e.lines[0].calls = vec![calls];
            packwise::engine::optimize::optimize_estimate(builtin(), &e, Lang::En).unwrap().0.total.unwrap()
        };
        assert!(one(0, 3529) < one(2, 3529));
        assert!(one(2, 3530) < one(0, 3530));
        // The curves say the same at their points.
        let at = |k: usize, calls: u64| c.curves[k].iter().find(|p| p.0 == calls).and_then(|p| p.1);
        assert_eq!((at(0, 3530), at(2, 3530)), (Some(one(0, 3530)), Some(one(2, 3530))));
    }

    #[test]
    fn a_range_is_ranked_by_its_expected_cost() {
        let mut doc = identity();
        doc["calls_low"] = json!([5000]);
        doc["calls_high"] = json!([40000]);
        let c = compared(&doc);
        // Alibaba CN at 1 a call: 5,000 / 15,000 / 40,000, expected 0.25 × 5,000 + 0.5 × 15,000 +
        // 0.25 × 40,000 = 18,750.
        let cn = &c.vendors[2];
        assert_eq!(money(cn.converted_expected), "18750.00");
        assert_eq!(money(cn.converted_range.unwrap().high), "40000.00");
        // Intl: USD 0.026 → expected USD 487.50 → 3,461.25; the documents' 活体人脸核身 between.
        assert_eq!(
            (money(c.vendors[1].expected), money(c.vendors[1].converted_expected)),
            ("487.50".into(), "3461.25".into())
        );
        assert_eq!(c.vendors.iter().map(|v| v.rank.unwrap()).collect::<Vec<_>>(), [2, 1, 3]);
    }

    #[test]
    fn an_example_sheet_named_by_its_key_prices_as_the_sheet() {
        let mut by_key = identity();
        by_key["vendors"][1] =
            json!({"name": "Alibaba Cloud intl", "service": "face_verify", "example": "alibaba-cloud-intl-ekyc"});
        let c = compared(&by_key);
        assert_eq!(money(c.vendors[1].converted), "2769.00");
        let o = Offers::from_json(&by_key.to_string(), builtin()).unwrap();
        assert_eq!(o.offers[1].example.as_deref(), Some("alibaba-cloud-intl-ekyc"));
        // The result says so too, with the sheet's note (an example, not a quote): a program
        // that shows the comparison had no way to tell.
        assert_eq!(c.vendors[1].example.as_deref(), Some("alibaba-cloud-intl-ekyc"));
        assert_eq!(c.vendors[0].example, None);
        assert!(
            c.vendors[1].assumptions.iter().any(|a| a.contains("不是报价") || a.contains("not a quote")),
            "{:?}",
            c.vendors[1].assumptions
        );
    }

    #[test]
    fn a_new_accounts_free_pack_comes_with_an_offer_unless_it_says() {
        // Baidu's iOCR gives a new account 500 calls once: 3,000 calls in one month cost
        // (3,000 − 500) × 0.05 = 125 (graduated, all in the first tier); with "free_calls": 0, 150.
        let doc = |free: Option<u64>| {
            let mut v = json!({"name": "Baidu", "service": "iocr_general", "example": "baidu-ai-cloud-ocr"});
            if let Some(f) = free {
                v["free_calls"] = json!(f);
            }
            json!({"currency": "CNY", "calls": [3000], "vendors": [{"name": "A", "service": "活体人脸核身"}, v]})
        };
        assert_eq!(money(compared(&doc(None)).vendors[1].converted), "125.00");
        assert_eq!(money(compared(&doc(Some(0))).vendors[1].converted), "150.00");
    }

    #[test]
    fn an_offer_can_hold_calls_left_at_that_vendor() {
        // The incumbent's leftover: 30,000 calls held through month 2 of four months of 10,000
        // calls of 活体人脸核身, so only months 3 and 4 are postpaid, 2 × 10,000 × 0.75 =
        // 15,000; the newcomer holds none: 4 × 7,500 = 30,000 (no pack plan is cheaper).
        let doc = json!({"currency": "CNY", "calls": [10000, 10000, 10000, 10000], "vendors": [
            {"name": "Incumbent", "service": "活体人脸核身", "free_calls": 30000, "free_months": 2},
            {"name": "Newcomer", "service": "活体人脸核身"}
        ]});
        let c = compared(&doc);
        assert_eq!(
            (money(c.vendors[0].converted), money(c.vendors[1].converted)),
            ("15000.00".into(), "30000.00".into())
        );
    }

    #[test]
    fn an_offer_too_fine_to_draw_is_left_out_and_said_to_be() {
        // Packs of 1,000 and 1,001 calls (a grid of 1 call) with 100,000 calls a month: its
        // cheapest month takes too long to draw on the page; the other curve is drawn.
        let doc = json!({"currency": "CNY", "calls": [100000], "vendors": [
            {"name": "Flat", "service": "f", "price_list": {"mode": "replace", "list": {"format": 1,
                "services": [{"id": "f", "name": "F", "postpaid": {"tiers": [{"price": "0.5"}]}}]}}},
            {"name": "Odd", "service": "o", "price_list": {"mode": "replace", "list": {"format": 1,
                "pack_products": [{"id": "p", "name": "P", "sizes": [{"calls": 1000, "price": "300"}, {"calls": 1001, "price": "300"}]}],
                "services": [{"id": "o", "name": "O", "packs": "p", "postpaid": {"tiers": [{"up_to": 10, "price": "1"}, {"up_to": 20, "price": "1"}, {"price": "1"}]}}]}}}]});
        let started = std::time::Instant::now();
        let c = compared(&doc);
        assert_eq!(c.curves_left_out, [1]);
        assert!(c.curves[1].is_empty() && !c.curves[0].is_empty());
        assert!(started.elapsed().as_secs() < 5);
    }
}

mod bad_input {
    use super::*;

    #[test]
    fn each_problem_names_its_field() {
        let base = || {
            json!({"currency": "CNY", "rates": {"USD": "7.10"}, "calls": [15000],
                "vendors": [{"name": "A", "service": "活体人脸核身"},
                    {"name": "B", "service": "face_verify", "price_list": sheet("alibaba-cloud-intl-ekyc")}]})
        };
        // A currency without a rate.
        let mut d = base();
        d["rates"] = json!({});
        let (path, message) = refused(d);
        assert_eq!(path, "rates.USD");
        assert!(message.contains("vendors[1] (\"B\") prices in USD"), "{message}");
        // A rate of 0, or not a decimal.
        let mut d = base();
        d["rates"]["USD"] = json!("0");
        assert_eq!(
            refused(d),
            (
                "rates.USD".into(),
                "rates.USD: a rate is a decimal above 0: one USD in CNY, as an exact decimal in a string".into()
            )
        );
        let mut d = base();
        d["rates"]["USD"] = json!("seven");
        assert_eq!(refused(d).0, "rates.USD");
        // A number: asked as a string, as prices are (it said "a decimal above 0" of 7.1).
        let mut d = base();
        d["rates"]["USD"] = json!(7.1);
        assert!(refused(d).1.contains("write the rate as a string so nothing is lost to rounding: \"7.1\""));
        let mut d = base();
        d["rates"]["usd"] = json!("7");
        assert_eq!(refused(d).0, "rates.usd");
        // A service the offer's list lacks.
        let mut d = base();
        d["vendors"][1]["service"] = json!("活体人脸核身");
        let (path, message) = refused(d);
        assert_eq!(path, "vendors[1].service");
        assert!(message.contains("no service is called"), "{message}");
        // A list that fails validation: its own path under the offer.
        let mut d = base();
        d["vendors"][1]["price_list"]["list"]["services"][0]["postpaid"]["tiers"][0]["price"] = json!("-1");
        assert_eq!(refused(d).0, "vendors[1].price_list.list.services[0].postpaid.tiers[0].price");
        // Too few or too many offers.
        let mut d = base();
        d["vendors"] = json!([{"name": "A", "service": "活体人脸核身"}]);
        assert_eq!(refused(d), ("vendors".into(), "vendors: 1 offers; compare 2 to 6".into()));
        let mut d = base();
        d["vendors"] = json!(vec![json!({"name": "A", "service": "活体人脸核身"}); 7]);
        assert_eq!(refused(d).0, "vendors");
        // Volumes of different lengths, and a bad volume.
        let mut d = base();
        d["calls_low"] = json!([1, 2]);
        let (path, message) = refused(d);
        assert_eq!(path, "calls_low");
        assert!(message.contains("2 months, but `calls` has 1"), "{message}");
        let mut d = base();
        d["calls"] = json!([-5]);
        assert_eq!(refused(d).0, "calls[0]");
        // An offer's own discount, at its place.
        let mut d = base();
        d["vendors"][0]["discount"] = json!({"percent": "150"});
        assert_eq!(refused(d).0, "vendors[0].discount.percent");
        // An example sheet that does not exist, or beside a list.
        let mut d = base();
        d["vendors"][0]["example"] = json!("nope");
        let (path, message) = refused(d);
        assert_eq!(path, "vendors[0].example");
        assert!(message.contains("google-cloud-vision"), "{message}");
        let mut d = base();
        d["vendors"][1]["example"] = json!("alibaba-cloud-intl-ekyc");
        assert_eq!(refused(d).0, "vendors[1].example");
        // No name.
        let mut d = base();
        d["vendors"][0]["name"] = json!("");
        assert_eq!(refused(d).0, "vendors[0].name");
    }
}

#[test]
fn a_plan_that_changes_its_commitment_between_months_is_told() {
    use packwise::engine::estimate::CommitmentTerm;
    use packwise::engine::offers::Plan;
    let term = |id: &str, month, months| CommitmentTerm { id: id.into(), month, months: Some(months) };
    let one = Plan { packs: vec![], commitments: vec![term("40k", 1, 6), term("40k", 9, 4)] };
    assert!(!one.changes_commitment(), "one commitment, with a gap, is one commitment");
    let two = Plan { packs: vec![], commitments: vec![term("40k", 1, 8), term("70k", 9, 4)] };
    assert!(two.changes_commitment());
    assert!(!Plan { packs: vec![], commitments: vec![] }.changes_commitment());
}

/// VAT stated on offers turns their converted amounts to the comparison's basis, which can change
/// the ranking: 15,000 calls cost 11,250.00 on both built-in services (15,000 × 0.75), one before
/// 6 % VAT, one with it. Paid: 11,925.00 against 11,250.00. Net: 11,250.00 against
/// 11,250 / 1.06 = 10,613.2075… → 10,613.21. Each offer's own total stays at its prices; the
/// month curves (and so the crossovers) are on the same basis.
#[test]
fn vat_stated_on_offers_is_compared_like_with_like() {
    let doc = |basis: Option<&str>| {
        let mut d = json!({"currency": "CNY", "calls": [15000], "vendors": [
            {"name": "A", "service": "活体人脸核身", "vat": {"percent": "6", "included": false}},
            {"name": "B", "service": "照片人脸核身", "vat": {"percent": "6", "included": true}}]});
        if let Some(b) = basis {
            d["vat_basis"] = json!(b);
        }
        d
    };
    let row = |c: &Comparison, i: usize| {
        let v = &c.vendors[i];
        (money(v.total), money(v.converted), v.rank, money(v.saving_vs_next))
    };
    let paid = compared(&doc(None));
    assert_eq!(row(&paid, 0), ("11250.00".into(), "11925.00".into(), Some(2), "none".into()));
    assert_eq!(row(&paid, 1), ("11250.00".into(), "11250.00".into(), Some(1), "675.00".into()));
    let at = |c: &Comparison, k: usize| c.curves[k].iter().find(|(x, _)| *x == 15_000).and_then(|p| p.1);
    assert_eq!((money(at(&paid, 0)), money(at(&paid, 1))), ("11925.00".into(), "11250.00".into()));
    let net = compared(&doc(Some("net")));
    assert_eq!(row(&net, 0), ("11250.00".into(), "11250.00".into(), Some(2), "none".into()));
    assert_eq!(row(&net, 1), ("11250.00".into(), "10613.21".into(), Some(1), "636.79".into()));
    // Not stated: as printed, ranked level.
    let mut plain = doc(None);
    plain["vendors"][0].as_object_mut().unwrap().remove("vat");
    plain["vendors"][1].as_object_mut().unwrap().remove("vat");
    let c = compared(&plain);
    assert_eq!((c.vendors[0].rank, c.vendors[1].rank), (Some(1), Some(1)));
    // Said where it is wrong.
    let mut bad = doc(Some("gross"));
    assert_eq!(refused(bad.clone()).0, "vat_basis");
    bad["vat_basis"] = json!("paid");
    bad["vendors"][1]["vat"] = json!({"percent": "-6", "included": true});
    let (path, message) = refused(bad);
    assert_eq!(path, "vendors[1].vat.percent");
    assert!(message.contains("a VAT rate is from 0 to 100 percent, not -6"), "{message}");
}

/// A dated profile (`first_month`, as a line's) dates every offer's months, and is read and
/// refused as a line's. 活体人脸核身, 300,000 calls in each of months 3 and 4 from 2027-11: the
/// cheapest plan is one 50万 pack (340,000) in month 3, 2028-01, which serves 500,000 of the
/// 600,000; the other 100,000 are postpaid, at the 0.68 that 100,000 postpaid calls reach (the
/// tier from 100,000 to 200,000): 340,000 + 100,000 × 0.68 = 408,000.
#[test]
fn a_dated_profile_dates_every_offers_plan() {
    let doc = json!({"calls": [0, 0, 300000, 300000], "first_month": "2027-11",
        "vendors": [{"name": "A", "service": "活体人脸核身"}, {"name": "B", "service": "照片人脸核身"}]});
    let c = compared(&doc);
    assert_eq!(c.first_month.map(|m| m.to_string()).as_deref(), Some("2027-11"));
    let a = &c.vendors[0];
    assert_eq!(money(a.total), "408000.00");
    assert_eq!(a.plan.packs.iter().map(|p| (p.month, p.count, p.size)).collect::<Vec<_>>(), vec![(3, 1, 500_000)]);
    assert_eq!(serde_json::to_value(&c).unwrap()["first_month"], json!("2027-11"));
    // Undated, it says nothing of dates.
    let mut undated = doc.clone();
    undated.as_object_mut().unwrap().remove("first_month");
    let c = compared(&undated);
    assert_eq!((c.first_month, money(c.vendors[0].total)), (None, "408000.00".into()));
    assert!(serde_json::to_value(&c).unwrap().get("first_month").is_none());
    // A date that is not one is told at the document's field, not at an offer's.
    let mut d = doc.clone();
    d["first_month"] = json!("2027-13");
    assert_eq!(refused(d).0, "first_month");
    let mut d = doc.clone();
    d["first_month"] = json!("9999-12");
    assert_eq!(refused(d).0, "first_month", "its months would run past 9999-12");
    // The profile's, not an offer's.
    let mut d = doc;
    d["vendors"][1]["first_month"] = json!("2027-11");
    assert_eq!(refused(d).0, "vendors[1].first_month");
}

/// A comparison in dollars of the built-in list (CNY) and a sheet in RMB, the yuan's everyday
/// name, with the rate given for RMB: one rate for the yuan, whichever name gives it. 15,000
/// checks: Tencent 11,250.00 元 × 0.14 = USD 1,575.00; the RMB sheet 15,000 × 0.6 = 9,000 元 ×
/// 0.14 = USD 1,260.00. Two rates for the yuan under its two names are refused.
#[test]
fn a_rate_for_rmb_is_the_yuans() {
    let rmb = json!({"mode": "replace", "list": {"format": 2, "currency": "RMB", "services": [
        {"id": "b", "name": "B", "group": "custom", "postpaid": {"tiers": [{"price": "0.6"}]}}]}});
    let doc = |rates: Value| {
        json!({"currency": "USD", "rates": rates, "calls": [15000], "vendors": [
            {"name": "Tencent", "service": "活体人脸核身"}, {"name": "B", "service": "b", "price_list": rmb}]})
    };
    let c = compared(&doc(json!({"RMB": "0.14"})));
    assert_eq!((money(c.vendors[0].converted), money(c.vendors[1].converted)), ("1575.00".into(), "1260.00".into()));
    let (path, said) = refused(doc(json!({"RMB": "0.14", "CNY": "0.15"})));
    assert_eq!(path, "rates.RMB");
    assert!(said.contains("CNY is given two different rates"), "{said}");
}

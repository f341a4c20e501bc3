//! Vendors compared across several services (`engine::budget`), to figures worked by hand from
//! the price documents and the example sheets: each line's offers at their cheapest plans, added
//! up by vendor, ranked, and the cheapest offer of each line together. Run: `cargo test --test
//! budget`.
#![cfg(not(target_arch = "wasm32"))]

use packwise::engine::budget::{Budget, BudgetComparison, Compared, compare_budget, compare_doc};
use packwise::engine::{Lang, catalog::builtin, estimate::ListCache};
use serde_json::{Value, json};

fn compared(doc: &Value) -> BudgetComparison {
    let budget = Budget::from_value(doc, builtin(), &mut ListCache::default()).unwrap_or_else(|e| panic!("{e}"));
    compare_budget(builtin(), &budget, Lang::En).unwrap_or_else(|e| panic!("{e}"))
}

fn money(d: Option<rust_decimal::Decimal>) -> String {
    d.map_or_else(|| "none".into(), |d| d.to_string())
}

fn refused(doc: Value) -> (String, String) {
    let e = Budget::from_value(&doc, builtin(), &mut ListCache::default()).unwrap_err();
    (e.path().to_string(), e.to_string())
}

/// Liveness checks and ID card OCR for two months, at Tencent Cloud (the built-in list and the
/// international OCR sheet) and at Alibaba Cloud (its two example sheets), in CNY at 7.10 a dollar.
fn two_services() -> Value {
    json!({"currency": "CNY", "rates": {"USD": "7.10"}, "lines": [
        {"calls": [15000, 12000], "vendors": [
            {"name": "Tencent", "service": "活体人脸核身"},
            {"name": "Alibaba", "service": "financial_verification", "example": "alibaba-cloud-cn"}]},
        {"calls": [4000, 4500], "vendors": [
            {"name": "Tencent", "service": "mainland_id_card", "example": "tencentcloud-intl-ocr"},
            {"name": "Alibaba", "service": "id_ocr", "example": "alibaba-cloud-intl-ekyc"}]}]})
}

#[test]
fn each_vendor_is_added_up_across_the_lines_and_ranked() {
    let b = compared(&two_services());
    // Liveness at Tencent: postpaid is cheapest, 15,000 × 0.75 + 12,000 × 0.75 = 20,250 (001's
    // tier 1万–10万); at Alibaba 1 元 a check: 27,000.
    // ID cards at Tencent: 1,000 free a month, then 0.2 USD: (3,000 + 3,500) × 0.2 = 1,300 USD
    // = 9,230 元; at Alibaba 0.018 USD: 8,500 × 0.018 = 153 USD = 1,086.30 元.
    let costs = |v: usize| b.vendors[v].costs.iter().map(|c| money(*c)).collect::<Vec<_>>();
    assert_eq!(b.vendors[0].name, "Tencent");
    assert_eq!(costs(0), ["20250.00", "9230.00"]);
    assert_eq!(costs(1), ["27000.00", "1086.30"]);
    // Tencent 29,480, Alibaba 28,086.30: Alibaba is cheaper for both by 1,393.70.
    assert_eq!(money(b.vendors[0].total), "29480.00");
    assert_eq!(money(b.vendors[1].total), "28086.30");
    assert_eq!((b.vendors[0].rank, b.vendors[1].rank), (Some(2), Some(1)));
    assert_eq!(money(b.vendors[1].saving_vs_next), "1393.70");
    assert_eq!(b.vendors[0].saving_vs_next, None);
    // The best mix: Tencent's liveness and Alibaba's OCR, 20,250 + 1,086.30 = 21,336.30; each
    // vendor alone costs that much more: 8,143.70 and 6,750.
    let mix = b.best_mix.as_ref().unwrap();
    assert_eq!((mix.offers.as_slice(), mix.total.to_string().as_str()), (&[0, 1][..], "21336.30"));
    assert_eq!(money(b.vendors[0].above_mix), "8143.70");
    assert_eq!(money(b.vendors[1].above_mix), "6750.00");
    // Every vendor has a total: nothing to compare apart.
    assert_eq!(b.shared, None);
    // Each line's comparison is the one a comparison of that line alone gives.
    assert_eq!(b.lines[1].vendors[0].total.unwrap().to_string(), "1300.00");
    assert_eq!(b.lines[0].vendors[0].rank, Some(1));
}

/// The budget month by month (the cash flow): month 1 at Tencent 15,000 × 0.75 = 11,250 and
/// (4,000 − 1,000) × USD 0.2 = USD 600 = 4,260 元, 15,510.00; month 2 9,000 + USD 700 = 4,970,
/// 13,970.00 (29,480 together, Tencent's total). Alibaba: 15,000 + USD 72 = 511.20, 15,511.20;
/// 12,000 + USD 81 = 575.10, 12,575.10. The best mix: 11,250 + 511.20 and 9,000 + 575.10.
#[test]
fn a_budget_month_by_month_adds_up_to_its_totals() {
    use packwise::engine::budget::months;
    let b = compared(&two_services());
    let m = months(&b).unwrap();
    let row = |k: usize| (m[k].vendors.iter().map(|c| money(*c)).collect::<Vec<_>>(), money(m[k].mix));
    assert_eq!(row(0), (vec!["15510.00".to_string(), "15511.20".to_string()], "11761.20".to_string()));
    assert_eq!(row(1), (vec!["13970.00".to_string(), "12575.10".to_string()], "9575.10".to_string()));
    assert_eq!((m.len(), m[0].date), (2, None));
    // Dated a month apart, the lines are put side by side by calendar month.
    let mut doc = two_services();
    doc["lines"][0]["first_month"] = json!("2027-01");
    doc["lines"][1]["first_month"] = json!("2027-02");
    let m = months(&compared(&doc)).unwrap();
    let tencent: Vec<String> = m.iter().map(|x| money(x.vendors[0])).collect();
    assert_eq!(tencent, ["11250.00", "13260.00", "4970.00"]);
    assert_eq!(m.iter().map(|x| x.date.unwrap().to_string()).collect::<Vec<_>>(), ["2027-01", "2027-02", "2027-03"]);
    // One dated and one not: not put side by side.
    doc["lines"][1].as_object_mut().unwrap().remove("first_month");
    assert_eq!(months(&compared(&doc)), None);
    // A price below the fen: each month 1,001 × 0.0033 = 3.3033, shown 3.30, the line 9.9099 →
    // 9.91; the last month takes the fen, so the months add up to the total (3.30, 3.30, 3.31).
    let doc = json!({"lines": [{"calls": [1001, 1001, 1001], "vendors": [
        {"name": "A", "service": "活体人脸核身", "negotiated_price": "0.0033", "negotiated_all_calls": true},
        {"name": "B", "service": "financial_verification", "example": "alibaba-cloud-cn"}]},
        {"calls": [1, 1, 1], "vendors": [{"name": "A", "service": "活体人脸核身"}]}]});
    let b = compared(&doc);
    assert_eq!(money(b.lines[0].vendors[0].converted), "9.91");
    let a: Vec<String> = months(&b).unwrap().iter().map(|m| money(m.vendors[0])).collect();
    assert_eq!(a, ["4.30", "4.30", "4.31"], "3.30 + 1 call at 1 元 a month (the second line)");
    // Eleven months of 1,002 calls at 0.0033 (3.3066, shown 3.31) and a month of none: 36.37
    // for the line, 4 fen under the months shown; the dearest month takes them, not the empty one.
    let doc = json!({"lines": [{"calls": [1002, 1002, 1002, 1002, 1002, 1002, 1002, 1002, 1002, 1002, 1002, 0],
        "vendors": [{"name": "A", "service": "活体人脸核身", "negotiated_price": "0.0033", "negotiated_all_calls": true}]}]});
    let b = compared(&doc);
    let a: Vec<String> = months(&b).unwrap().iter().map(|m| money(m.vendors[0])).collect();
    assert_eq!(money(b.vendors[0].total), "36.37");
    assert_eq!((a[9].as_str(), a[10].as_str(), a[11].as_str()), ("3.31", "3.27", "0.00"));
    // A vendor whose offer for a line lists no price (the documents' ID card OCR): each month says
    // what its priced line comes to (15,000 × 0.75, then 12,000 × 0.75) and why the rest waits.
    let mut doc = two_services();
    doc["lines"][1]["vendors"][0] = json!({"name": "Tencent", "service": "ocr_id_card"});
    let m = months(&compared(&doc)).unwrap();
    use packwise::engine::explain::Missing;
    assert_eq!(m[0].vendors[0], None);
    assert_eq!(m[0].waiting[0], Some((rust_decimal_macros::dec!(11250.00), Some(Missing::NotListed))));
    assert_eq!(m[1].waiting[0].map(|w| w.0.to_string()), Some("9000.00".to_string()));
    assert_eq!((money(m[0].vendors[1]), m[0].waiting[1]), ("15511.20".to_string(), None));
    // A vendor without an offer for a line has no figure in its months.
    let mut doc = two_services();
    doc["lines"][1]["vendors"].as_array_mut().unwrap().remove(1);
    let m = months(&compared(&doc)).unwrap();
    assert_eq!((money(m[0].vendors[0]), money(m[0].vendors[1])), ("15510.00".to_string(), "none".to_string()));
}

#[test]
fn a_vendor_missing_a_line_has_no_total_and_the_mix_still_counts_its_offers() {
    let mut doc = two_services();
    doc["lines"][1]["vendors"][0]["name"] = json!("Baidu");
    doc["lines"][1]["vendors"][0]["service"] = json!("iocr_general");
    doc["lines"][1]["vendors"][0]["example"] = json!("baidu-ai-cloud-ocr");
    let b = compared(&doc);
    let names: Vec<&str> = b.vendors.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["Tencent", "Alibaba", "Baidu"]);
    // Tencent offers no OCR here and Baidu no liveness check: neither has a total or a rank.
    assert_eq!(b.vendors[0].offers, [Some(0), None]);
    assert_eq!((b.vendors[0].total, b.vendors[0].rank, b.vendors[0].above_mix), (None, None, None));
    assert_eq!(b.vendors[2].offers, [None, Some(0)]);
    assert_eq!((b.vendors[2].total, b.vendors[2].rank), (None, None));
    // Alibaba alone is ranked, with nothing to save against.
    assert_eq!((b.vendors[1].rank, b.vendors[1].saving_vs_next), (Some(1), None));
    // The mix still takes Tencent's liveness, and Baidu's OCR: a new account's 500 free calls,
    // then 0.05 元 a call, (4,000 − 500) × 0.05 + 4,500 × 0.05 = 400 (against Alibaba's
    // 1,086.30): 20,250 + 400 = 20,650.
    assert_eq!(money(b.lines[1].vendors[0].total), "400.00");
    let mix = b.best_mix.unwrap();
    assert_eq!((mix.offers, mix.total.to_string()), (vec![0, 0], "20650.00".into()));
}

#[test]
fn a_vendor_with_two_offers_for_a_line_counts_its_cheaper() {
    // Both liveness offers named Tencent (the built-in 活体人脸核身 at 20,250, the 1 元 sheet at
    // 27,000): one vendor's two services for the line, and the cheaper, 20,250, counts.
    let mut doc = two_services();
    doc["lines"][0]["vendors"][1]["name"] = json!("Tencent");
    let b = compared(&doc);
    assert_eq!(b.vendors[0].offers, [Some(0), Some(0)]);
    assert_eq!(money(b.vendors[0].costs[0]), "20250.00");
    // Alibaba now offers no liveness check: no total.
    assert_eq!((b.vendors[1].offers[0], b.vendors[1].total), (None, None));
    // Listed second, the cheaper offer is still the one taken.
    let mut doc = two_services();
    doc["lines"][0]["vendors"][0]["name"] = json!("Alibaba");
    let b = compared(&doc);
    let alibaba = b.vendors.iter().find(|v| v.name == "Alibaba").unwrap();
    assert_eq!((alibaba.offers[0], money(alibaba.costs[0])), (Some(0), "20250.00".to_string()));
}

#[test]
fn a_line_only_one_vendor_does_is_its_alone() {
    // Only Alibaba's sheet reads ID cards here: Tencent has no total, and the mix takes Alibaba's.
    let mut doc = two_services();
    doc["lines"][1]["vendors"] =
        json!([{"name": "Alibaba", "service": "id_ocr", "example": "alibaba-cloud-intl-ekyc"}]);
    let b = compared(&doc);
    assert_eq!(b.lines[1].vendors[0].rank, Some(1));
    assert_eq!((b.vendors[0].offers.clone(), b.vendors[0].total), (vec![Some(0), None], None));
    assert_eq!(money(b.vendors[1].total), "28086.30");
    assert_eq!(b.best_mix.as_ref().unwrap().offers, [0, 0]);
    // The liveness line, which both price, compared apart: Tencent 20,250, Alibaba 27,000.
    let shared = b.shared.as_ref().unwrap();
    assert_eq!(shared.lines, [0]);
    assert_eq!((money(Some(shared.totals[0])), money(Some(shared.totals[1]))), ("20250.00".into(), "27000.00".into()));
}

#[test]
fn a_line_with_a_range_counts_its_expected_cost() {
    let doc = json!({"lines": [
        {"calls": [10000], "calls_low": [5000], "calls_high": [20000], "vendors": [
            {"name": "Alibaba", "service": "financial_verification", "example": "alibaba-cloud-cn"},
            {"name": "Tencent", "service": "活体人脸核身"}]},
        {"calls": [4000], "vendors": [
            {"name": "Alibaba", "service": "financial_verification", "example": "alibaba-cloud-cn"},
            {"name": "Tencent", "service": "活体人脸核身"}]}],
        "scenario_weights": {"low": "0.25", "likely": "0.5", "high": "0.25"}});
    let b = compared(&doc);
    // Alibaba at 1 元: 0.25 × 5,000 + 0.5 × 10,000 + 0.25 × 20,000 = 11,250 expected, and
    // 4,000 for the line without a range: 15,250.
    assert_eq!(money(b.vendors[0].costs[0]), "11250.00");
    assert_eq!(money(b.vendors[0].total), "15250.00");
    // Tencent, postpaid in each case (one plan for all three; no pack beats it): 5,000 × 0.85,
    // 10,000 × 0.75 and 20,000 × 0.75 (4,250 / 7,500 / 15,000) → 1,062.50 + 3,750 + 3,750 =
    // 8,562.50; and 4,000 × 0.85 = 3,400: 11,962.50.
    assert_eq!(money(b.vendors[1].costs[0]), "8562.50");
    assert_eq!(money(b.vendors[1].total), "11962.50");
    assert_eq!(b.vendors[1].rank, Some(1));
    assert_eq!(money(b.vendors[1].saving_vs_next), "3287.50");
}

#[test]
fn the_comparison_entry_takes_either_document() {
    let one = json!({"calls": [15000], "vendors": [{"name": "A", "service": "活体人脸核身"},
        {"name": "B", "service": "financial_verification", "example": "alibaba-cloud-cn"}]});
    assert!(matches!(compare_doc(builtin(), &one, Lang::En), Ok(Compared::Offers(_))));
    let Ok(Compared::Budget(b)) = compare_doc(builtin(), &two_services(), Lang::En) else { panic!("a budget") };
    assert_eq!(money(b.best_mix.map(|m| m.total)), "21336.30");
    // Its JSON: the lines' comparisons and each vendor's sums.
    let v = serde_json::to_value(compare_doc(builtin(), &two_services(), Lang::En).unwrap()).unwrap();
    assert_eq!(v["vendors"][1]["total"], "28086.30");
    assert_eq!(v["lines"][0]["vendors"][0]["converted"], "20250.00");
    assert_eq!(v["best_mix"]["offers"], json!([0, 1]));
}

#[test]
fn each_problem_names_its_place_in_the_budget() {
    // A service the offer's list lacks, on the second line.
    let mut d = two_services();
    d["lines"][1]["vendors"][1]["service"] = json!("活体人脸核身");
    let (path, message) = refused(d);
    assert_eq!(path, "lines[1].vendors[1].service");
    assert!(message.contains("no service is called"), "{message}");
    // A month's calls, on its line.
    let mut d = two_services();
    d["lines"][0]["calls"][1] = json!(-5);
    assert_eq!(refused(d).0, "lines[0].calls[1]");
    // A rate missing is the document's.
    let mut d = two_services();
    d["rates"] = json!({});
    let (path, message) = refused(d);
    assert_eq!(path, "rates.USD");
    assert!(message.contains("vendors[0] (\"Tencent\") prices in USD"), "{message}");
    // No line, a line of no offer, a line without volumes, a key a line does not have.
    assert_eq!(refused(json!({"lines": []})), ("lines".into(), "lines: 0 lines; a budget compares 1 to 20".into()));
    let mut d = two_services();
    d["lines"][0]["vendors"] = json!([]);
    assert_eq!(
        refused(d),
        ("lines[0].vendors".into(), "lines[0].vendors: 0 offers; a budget's line has 1 to 6".into())
    );
    let mut d = two_services();
    d["lines"][1].as_object_mut().unwrap().remove("calls");
    assert_eq!(refused(d).0, "lines[1].calls");
    let mut d = two_services();
    d["lines"][0]["currency"] = json!("USD");
    assert_eq!(refused(d).0, "lines[0].currency");
    // Volumes beside the lines belong to a line.
    let mut d = two_services();
    d["calls"] = json!([1]);
    assert_eq!(refused(d).0, "calls");
}

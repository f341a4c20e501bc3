//! The optimizer's worker protocol (`packwise::app::solver`), natively: what the page sends to its
//! Web Worker and what comes back gives, once priced by `price_solution`, exactly what the optimizer gives
//! on the page's thread; a first plan comes before a proof that takes a search; bad requests get
//! an error answer, never a panic. Run: `cargo test --test solver`.
#![cfg(not(target_arch = "wasm32"))]

use packwise::app::solver::{Answer, Outcome, Request, answer};
use packwise::engine::catalog::builtin;
use packwise::engine::estimate::Estimate;
use packwise::engine::optimize::{Method, price_solution, optimize_line_weighted};
use packwise::engine::terms::Weights;
use packwise::engine::{Lang, Line};
use rust_decimal::Decimal;

fn uneven(months: u64) -> Vec<u64> {
    (0..months).map(|m| 500_000 + (m * 7_919 + 3_571) % 500_000).collect()
}

/// Sends `line` (line `index` of `estimate`) through the protocol and prices the answer.
fn through_worker(estimate: &Estimate, index: usize) -> (Vec<Answer>, packwise::engine::optimize::Optimized) {
    let line = &estimate.lines[index];
    let request = Request::new(7, index, line, estimate.weights(), estimate.price_list.as_ref()).to_json();
    let mut early = Vec::new();
    let last = answer(builtin(), &request, &mut |text| early.push(Answer::read(&text)));
    let last = Answer::read(&last);
    assert_eq!((last.seq, last.last), (7, true));
    let Outcome::Solution(s) = &last.outcome else { panic!("an error: {:?}", last.outcome) };
    let catalog = estimate.catalog(builtin()).unwrap();
    let o = price_solution(&catalog, line, index, estimate.weights(), Lang::En, s).unwrap();
    early.push(last);
    (early, o)
}

#[test]
fn a_long_horizon_answered_by_the_worker_is_the_optimizers_own_plan() {
    let e = Estimate::new(vec![Line::new("活体人脸核身", vec![25_000]), Line::new("活体人脸核身", uneven(60))]);
    let (answers, o) = through_worker(&e, 1);
    assert_eq!(answers.len(), 1, "proven by the program itself: no early plan");
    let direct = optimize_line_weighted(builtin(), &e.lines[1], 1, Weights::default(), Lang::En).unwrap();
    assert_eq!(o, direct);
    assert!(o.proven_optimal);
    assert_eq!(o.method, "cohort_dp");
    // 36 months of 25,000: 10万 + 20万 for the first year, then a 20万 pack every 8 months.
    let e = Estimate::new(vec![Line::new("活体人脸核身", vec![25_000; 36])]);
    let (_, o) = through_worker(&e, 0);
    assert_eq!(o.quote.total, Some(Decimal::new(635_000, 0)));
}

#[test]
fn a_range_and_a_negotiated_price_travel_with_the_line() {
    let mut line = Line::new("活体人脸核身", vec![300_000; 3]);
    line.calls_low = Some(vec![100_000; 3]);
    line.calls_high = Some(vec![600_000; 3]);
    line.negotiated_price = Some(Decimal::new(6, 1));
    let mut e = Estimate::new(vec![line]);
    e.scenario_weights =
        Some(Weights { low: Decimal::new(2, 1), likely: Decimal::new(5, 1), high: Decimal::new(3, 1) });
    let (_, o) = through_worker(&e, 0);
    let direct = optimize_line_weighted(builtin(), &e.lines[0], 0, e.weights(), Lang::En).unwrap();
    assert_eq!(o, direct);
    assert_eq!(o.method, "scenario_branch_and_bound");
    assert_eq!(o.range.unwrap().cases.len(), 3);
}

#[test]
fn the_estimates_own_price_list_is_the_one_solved_and_a_cliff_sends_a_first_plan() {
    // A reached tier whose cliff the envelope can use but no plan can (1 call at 0.09; 3 calls
    // would cost 0.03): the program's bound is below the plan, so the search proves it, after
    // the first plan went out unproven.
    let json = r#"{"price_list":{"mode":"replace","list":{"format":1,
        "pack_products":[{"id":"p","name":"P","validity_months":1,"sizes":[{"calls":10,"price":"0.8"}]}],
        "services":[{"id":"s","name":"S","packs":"p","postpaid":{"mode":"reached","tiers":[
            {"up_to":2,"price":"0.09"},{"up_to":3,"price":"0.01"},{"price":"0.01"}]}}]}},
        "lines":[{"service":"s","calls":[0,1,0]}]}"#;
    let e = Estimate::from_json(json).unwrap();
    let (answers, o) = through_worker(&e, 0);
    assert_eq!(answers.len(), 2);
    assert!(!answers[0].last);
    let Outcome::Solution(first) = &answers[0].outcome else { panic!() };
    assert!(!first.proven);
    assert!(o.proven_optimal);
    assert_eq!(o.method, Method::CohortDpSearch.as_str());
    assert_eq!(o.quote.total, Some(Decimal::new(9, 2)), "one call postpaid at 0.09; a pack costs 0.80");
}

#[test]
fn bad_requests_get_an_error_answer() {
    let last = Answer::read(&answer(builtin(), "not json", &mut |_| panic!("no early answer")));
    assert_eq!(last.seq, 0);
    assert!(matches!(&last.outcome, Outcome::Error(m) if m.contains("unreadable request")));
    let r = Request::new(3, 4, &Line::new("no such service", vec![10]), Weights::default(), None).to_json();
    let last = Answer::read(&answer(builtin(), &r, &mut |_| ()));
    assert_eq!(last.seq, 3);
    let Outcome::Error(m) = &last.outcome else { panic!("{last:?}") };
    assert!(m.starts_with("lines[4].service"), "{m}");
    // Too large: refused with the line's own path, not hung.
    let r =
        Request::new(4, 0, &Line::new("活体人脸核身", vec![900_000_000_000; 120]), Weights::default(), None).to_json();
    let last = Answer::read(&answer(builtin(), &r, &mut |_| ()));
    assert!(matches!(&last.outcome, Outcome::Error(m) if m.contains("too large")), "{last:?}");
    assert!(matches!(Answer::read("{\"seq\":9}").outcome, Outcome::Error(_)));
    assert_eq!(Answer::read("{\"seq\":9}").seq, 9);
}

#[test]
fn the_workers_own_failure_report_keeps_its_message() {
    let a = Answer::read(
        r#"{"seq":5,"last":true,"error":"the background worker failed: RuntimeError: unreachable","crashed":true}"#,
    );
    assert_eq!(a.seq, 5);
    assert_eq!(a.outcome, Outcome::Error("the background worker failed: RuntimeError: unreachable".into()));
}

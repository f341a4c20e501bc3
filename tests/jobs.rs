//! The optimizer's jobs for its Web Worker (`packwise::app::jobs`), natively: what the page sends
//! and what comes back gives, once priced by `price_solution`, exactly what the optimizer gives on
//! the page's thread, and `optimizeAsync` gets `optimize`'s own JSON; a first plan comes before a
//! proof that takes a search; bad requests get an error answer, never a panic; the worker reads
//! a price list once for all the requests that carry it; and the page's queues drop stale
//! answers, keep only the newest waiting job, resend what a crashed worker held and fall back to
//! the page where no worker runs. Run: `cargo test --test jobs`.
#![cfg(not(target_arch = "wasm32"))]

use packwise::app::jobs::{
    Action, Answer, Answered, Dispatch, Latest, Outcome, Request, WorkerState, answer, optimized,
};
use packwise::engine::catalog::builtin;
use packwise::engine::estimate::{Estimate, ListCache};
use packwise::engine::optimize::{Method, optimize_estimate, optimize_line_weighted, price_solution};
use packwise::engine::terms::Weights;
use packwise::engine::{Lang, Line};
use rust_decimal::Decimal;

fn uneven(months: u64) -> Vec<u64> {
    (0..months).map(|m| 500_000 + (m * 7_919 + 3_571) % 500_000).collect()
}

/// Sends `line` (line `index` of `estimate`) through the protocol and prices the answer.
fn through_worker(estimate: &Estimate, index: usize) -> (Vec<Answer>, packwise::engine::optimize::Optimized) {
    let line = &estimate.lines[index];
    let request = Request::plan(7, index, line, estimate.weights(), estimate.price_list.as_ref()).to_json();
    let mut early = Vec::new();
    let last = answer(builtin(), &request, &mut ListCache::default(), Some(optimized), &mut |text| {
        early.push(Answer::read(&text))
    });
    let last = Answer::read(&last);
    assert_eq!((last.seq, last.last), (7, true));
    let Outcome::Solution(s) = &last.outcome else { panic!("not a plan: {:?}", last.outcome) };
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
    // A reached tier whose cliff the envelope can use but no plan can (1 call at 0.09; 2 calls,
    // within the month's 11, would cost 0.02): the program's bound (a pack and 2 calls, 0.07) is
    // below every plan (no pack 0.11, one 0.14, two 0.10), so the search proves the plan, after the
    // first plan went out unproven.
    let json = r#"{"price_list":{"mode":"replace","list":{"format":1,
        "pack_products":[{"id":"p","name":"P","validity_months":1,"sizes":[{"calls":10,"price":"0.05"}]}],
        "services":[{"id":"s","name":"S","packs":"p","postpaid":{"mode":"reached","tiers":[
            {"up_to":2,"price":"0.09"},{"price":"0.01"}]}}]}},
        "lines":[{"service":"s","calls":[0,11,0]}]}"#;
    let e = Estimate::from_json(json).unwrap();
    let (answers, o) = through_worker(&e, 0);
    assert_eq!(answers.len(), 2);
    assert!(!answers[0].last);
    let Outcome::Solution(first) = &answers[0].outcome else { panic!() };
    assert!(!first.proven);
    // Its words say the proof still runs, not that a cliff kept it from closing.
    let early = price_solution(&e.catalog(builtin()).unwrap(), &e.lines[0], 0, e.weights(), Lang::En, first).unwrap();
    assert!(
        early.explanation.starts_with("This is the cheapest plan found so far, while the search looks"),
        "{}",
        early.explanation
    );
    assert!(o.proven_optimal);
    assert_eq!(o.method, Method::CohortDpSearch.as_str());
    assert_eq!(o.quote.total, Some(Decimal::new(10, 2)), "two packs at 0.05; one leaves 1 call at 0.09");
}

#[test]
fn a_range_past_the_validity_sends_its_first_plan_before_the_search() {
    // 24 months of 活体人脸核身 (packs valid 12): the coupling and the search past the validity
    // can take seconds in a browser, so plans go out first, unproven: the best of the cases' own
    // (with their floor), then the one the search starts from (with the coupled bound).
    let likely: Vec<u64> = (0..24u64).map(|m| 2_000 + (m * 1_733) % 2_500).collect();
    let mut line = Line::new("活体人脸核身", likely.clone());
    line.calls_low = Some(likely.iter().map(|c| c * 3 / 5).collect());
    line.calls_high = Some(likely.iter().map(|c| c * 17 / 10).collect());
    let e = Estimate::new(vec![line]);
    let (answers, o) = through_worker(&e, 0);
    assert_eq!(answers.len(), 3, "two first plans, then the final one");
    assert!(answers.last().unwrap().last);
    let line = &e.lines[0];
    let last_cost = o.range.clone().unwrap().expected.unwrap();
    let mut bounds = Vec::new();
    for a in &answers[..2] {
        assert!(!a.last);
        let Outcome::Solution(first) = &a.outcome else { panic!("not a plan") };
        assert!(!first.proven);
        let early = price_solution(builtin(), line, 0, e.weights(), Lang::En, first).unwrap();
        // Its words say the search still runs, not that it stopped at its limit.
        assert!(early.explanation.contains("found so far, while the search"), "{}", early.explanation);
        assert!(!early.explanation.contains("limit"), "{}", early.explanation);
        // Its bound is proven: never above the final plan, which is never dearer.
        let early_cost = early.range.unwrap().expected.unwrap();
        assert!(first.lower_bound.unwrap() <= last_cost && last_cost <= early_cost, "{first:?} {o:?}");
        bounds.push(first.lower_bound.unwrap());
    }
    assert!(bounds[0] <= bounds[1], "the coupling never lowers the bound: {bounds:?}");
    let direct = optimize_line_weighted(builtin(), line, 0, e.weights(), Lang::En).unwrap();
    assert_eq!(o, direct);
    // Within the validity the search proves at once: no first plan.
    let mut short = e.lines[0].clone();
    short.calls.truncate(12);
    short.calls_low.as_mut().unwrap().truncate(12);
    short.calls_high.as_mut().unwrap().truncate(12);
    let (answers, _) = through_worker(&Estimate::new(vec![short]), 0);
    assert_eq!(answers.len(), 1);
}

fn failure(a: &Answer) -> &packwise::app::jobs::Failure {
    match &a.outcome {
        Outcome::Failed(f) => f,
        other => panic!("not a failure: {other:?}"),
    }
}

#[test]
fn bad_requests_get_an_error_answer_with_the_field_at_fault() {
    let mut lists = ListCache::default();
    let mut ask = |text: &str| {
        Answer::read(&answer(builtin(), text, &mut lists, Some(optimized), &mut |_| panic!("no early answer")))
    };
    let a = ask("not json");
    assert_eq!(a.seq, 0);
    assert!(failure(&a).message.starts_with("unreadable request: not valid JSON"), "{a:?}");
    let a = ask(r#"{"seq":3,"task":"line","estimate":{"lines":[]}}"#);
    assert_eq!((a.seq, failure(&a).path.as_str()), (3, "index"));
    assert_eq!(failure(&a).message, "unreadable request: index: missing");
    let a = ask(r#"{"seq":4,"task":"sleep","estimate":{}}"#);
    assert_eq!(
        failure(&a).message,
        "unreadable request: task: \"sleep\" is not one of \"line\", \"optimize\", \"usage\""
    );
    assert_eq!(a.seq, 4, "the request's number, read from what does read");
    let r = Request::plan(3, 4, &Line::new("no such service", vec![10]), Weights::default(), None).to_json();
    let a = ask(&r);
    assert_eq!(a.seq, 3);
    assert_eq!((failure(&a).path.as_str(), failure(&a).code.as_str()), ("lines[4].service", "unknown_service"));
    // Too large: refused with the line's own path, not hung.
    let r =
        Request::plan(4, 0, &Line::new("活体人脸核身", vec![900_000_000_000; 120]), Weights::default(), None).to_json();
    let a = ask(&r);
    assert!(failure(&a).message.contains("too large"));
    // With its size, read back from the answer's JSON, for the page to say in its language.
    let size = failure(&a).too_large.expect("a too_large failure carries its size");
    assert_eq!((failure(&a).code.as_str(), size.months, size.calls), ("too_large", 120, 900_000_000_000));
    assert!(
        matches!(size.why, packwise::engine::TooLargeWhy::Work { .. } | packwise::engine::TooLargeWhy::Amounts),
        "{size:?}"
    );
    // An answer that does not read is a failure for its request, not a panic.
    let a = Answer::read(r#"{"seq":9}"#);
    assert_eq!((a.seq, a.last), (9, true));
    assert_eq!(failure(&a).message, "unreadable answer from the background worker: outcome: missing");
    let a = Answer::read(r#"{"seq":9,"last":true,"outcome":{"solution":{"packs":[{"size":-1}]}}}"#);
    assert_eq!(failure(&a).path, "outcome.solution.packs[0].size");
}

#[test]
fn a_usage_file_is_read_in_the_worker_and_its_months_come_back() {
    use packwise::engine::usage::{Filter, Month, Options};
    let options = Options { filters: vec![Filter::new("SkuId", "ocr-general").unwrap()], ..Options::default() };
    let request = Request::usage(9, options.clone(), Lang::En);
    assert_eq!(Request::read(&request.to_json()), Ok(request.clone()));
    // Rows that do not read left out: said in the request, and read back.
    let skipping = Request::usage(9, Options { skip_bad_rows: true, ..options.clone() }, Lang::En);
    assert!(skipping.to_json().contains("\"skip_bad_rows\":true"));
    assert_eq!(Request::read(&skipping.to_json()), Ok(skipping));
    // The worker puts the file's text after the request, on the next line.
    let text = format!("{}\n{}", request.to_json(), include_str!("usage/focus-two-skus.csv"));
    let a =
        Answer::read(&answer(builtin(), &text, &mut ListCache::default(), None, &mut |_| panic!("no early answer")));
    assert_eq!((a.seq, a.last), (9, true));
    let Outcome::Usage(h) = &a.outcome else { panic!("not a history: {:?}", a.outcome) };
    assert_eq!(h.calls, [10_000, 8_600, 9_050, 12_345]);
    assert_eq!(h.months[0], Month::new(2025, 11).unwrap());
    assert_eq!(**h, packwise::engine::usage::read(include_str!("usage/focus-two-skus.csv"), &options).unwrap());
    // A broken file: its message in the request's language, the line as the path.
    let request = Request::usage(10, Options::default(), Lang::Zh).to_json();
    let text = format!("{request}\n{}", include_str!("usage/broken-row.csv"));
    let a = Answer::read(&answer(builtin(), &text, &mut ListCache::default(), None, &mut |_| ()));
    assert_eq!(failure(&a).message, "第 3 行，“调用量”列：“12a”不是数字（可写作 15000、15,000、1.5万）");
    assert_eq!((failure(&a).path.as_str(), failure(&a).code.as_str()), ("file:3", "bad_count"));
    // No file at all: the file is empty.
    let a = Answer::read(&answer(builtin(), &request, &mut ListCache::default(), None, &mut |_| ()));
    assert_eq!(failure(&a).code, "empty");
}

#[test]
fn the_workers_own_failure_report_keeps_its_message() {
    let a = Answer::read(
        r#"{"seq":5,"last":true,"crashed":true,"outcome":{"error":{"message":"the background worker failed: RuntimeError: unreachable","path":"","code":"worker_failed"}}}"#,
    );
    assert_eq!((a.seq, a.crashed), (5, true));
    assert_eq!(failure(&a).message, "the background worker failed: RuntimeError: unreachable");
    assert_eq!(failure(&a).code, "worker_failed");
}

#[test]
fn requests_round_trip_in_both_languages() {
    use packwise::app::jobs::Task;
    for lang in [Lang::Zh, Lang::En] {
        let r = Request::optimize(1, serde_json::json!({"lines": []}), lang);
        assert_eq!(Request::read(&r.to_json()), Ok(r));
    }
    let r = Request::plan(2, 3, &Line::new("活体人脸核身", vec![1]), Weights::default(), None);
    assert_eq!(Request::read(&r.to_json()).map(|r| r.task), Ok(Task::Line { index: 3 }));
}

#[test]
fn optimize_async_gets_optimizes_own_json() {
    let e = Estimate::new(vec![Line::new("活体人脸核身", vec![25_000; 14])]);
    let value = serde_json::to_value(&e).unwrap();
    let text = answer(
        builtin(),
        &Request::optimize(11, value, Lang::En).to_json(),
        &mut ListCache::default(),
        Some(optimized),
        &mut |_| {},
    );
    let a = Answer::read(&text);
    assert_eq!((a.seq, a.last, &a.outcome), (11, true, &Outcome::Optimized));
    let (quote, estimate, optimization) = optimize_estimate(builtin(), &e, Lang::En).unwrap();
    let direct = serde_json::to_string(&packwise::app::jobs::OptimizeResult {
        quote: &quote,
        estimate: &estimate,
        optimization: &optimization,
    })
    .unwrap();
    assert_eq!(text, format!("{{\"seq\":11,\"last\":true,\"outcome\":{{\"optimized\":{direct}}}}}"));
    // Its errors carry the path and the code, as `optimize` throws them.
    let bad = serde_json::json!({"lines": [{"service": "活体人脸核身", "calls": [-1]}]});
    let ask = |optimize| {
        let r = Request::optimize(12, bad.clone(), Lang::En).to_json();
        Answer::read(&answer(builtin(), &r, &mut ListCache::default(), optimize, &mut |_| {}))
    };
    let a = ask(Some(optimized));
    assert_eq!((failure(&a).path.as_str(), failure(&a).code.as_str()), ("lines[0].calls[0]", "invalid_field"));
    // The page's worker is not asked this task, and says so rather than carry its code.
    let a = ask(None);
    assert_eq!((failure(&a).path.as_str(), failure(&a).code.as_str()), ("task", "unsupported"));
}

#[test]
fn the_worker_reads_a_price_list_once_for_every_request_carrying_it() {
    let json = r#"{"price_list":{"mode":"extend","list":{"format":1,
        "services":[{"id":"sms","name":"SMS","postpaid":{"tiers":[{"price":"0.05"}]}}]}},
        "lines":[{"service":"sms","calls":[1000,2000]},{"service":"活体人脸核身","calls":[15000]}]}"#;
    let e = Estimate::from_json(json).unwrap();
    let mut lists = ListCache::default();
    let mut totals = Vec::new();
    for (i, line) in e.lines.iter().enumerate() {
        let r = Request::plan(i as u64 + 1, i, line, e.weights(), e.price_list.as_ref()).to_json();
        let a = Answer::read(&answer(builtin(), &r, &mut lists, None, &mut |_| {}));
        let Outcome::Solution(s) = a.outcome else { panic!("{:?}", a.outcome) };
        let catalog = e.catalog(builtin()).unwrap();
        totals.push(price_solution(&catalog, line, i, e.weights(), Lang::En, &s).unwrap().quote.total);
    }
    assert_eq!(lists.len(), 1, "one list read for two requests");
    // 3,000 × 0.05; 15,000 postpaid reach the 1万 tier: 15,000 × 0.75, cheaper than any pack.
    assert_eq!(totals, vec![Some(Decimal::new(150, 0)), Some(Decimal::new(11_250, 0))]);
}

#[test]
fn a_crashed_worker_is_replaced_and_gets_every_waiting_request() {
    let mut d: Dispatch<&str> = Dispatch::default();
    let send = |d: &mut Dispatch<&'static str>, job| d.send(|_| job).map(|(seq, _)| seq);
    assert_eq!(send(&mut d, "a"), None, "no worker started yet: the caller runs it on the page");
    d.started(true);
    let (a, b, c) = (send(&mut d, "a").unwrap(), send(&mut d, "b").unwrap(), send(&mut d, "c").unwrap());
    assert_eq!((a, b, c), (1, 2, 3));
    assert_eq!(d.send(|seq| if seq == 4 { "d" } else { "?" }).map(|(_, j)| *j), Some("d"), "made for its number");
    assert_eq!(d.unsent(4), Some("d"));
    // A first plan for b: b waits on; a's last answer: a is done.
    assert_eq!(d.answered(b, false), Some("b"));
    assert_eq!(d.answered(a, true), Some("a"));
    assert_eq!(d.answered(a, true), None, "answered once");
    // The worker traps: a new one gets b and c, oldest first, under their numbers.
    assert_eq!(d.waiting().collect::<Vec<_>>(), vec![(2, &"b"), (3, &"c")]);
    // Posting c to the new worker fails: c runs on the page.
    assert_eq!(d.unsent(c), Some("c"));
    assert_eq!(d.answered(b, true), Some("b"));
    // What to do with each answer, as the page's worker plumbing is told: a trap answers its
    // request with the failure and replaces the worker while one runs.
    let crash = |seq| {
        Answer::read(&format!(
            r#"{{"seq":{seq},"last":true,"crashed":true,"outcome":{{"error":{{"message":"trap"}}}}}}"#
        ))
    };
    let first = |seq| Answer::read(&format!(r#"{{"seq":{seq},"last":false,"outcome":{{"optimized":{{}}}}}}"#));
    let b2 = send(&mut d, "b2").unwrap();
    assert_eq!(d.on_answer(&first(b2)), Action::Deliver(Some("b2")), "a first answer: the job waits on");
    assert_eq!(d.on_answer(&crash(b2)), Action::Restart(Some("b2")));
    assert_eq!(d.restarted(true), Vec::<&str>::new(), "a new worker: nothing runs on the page");
    assert_eq!(
        d.on_answer(&crash(99)),
        Action::Restart(None),
        "a report for no waiting request still replaces the worker"
    );
    // The worker dies for good: what waits runs on the page, and nothing more is sent.
    let e = send(&mut d, "e").unwrap();
    assert_eq!(e, 6, "numbers are never reused");
    assert_eq!(d.gone(), vec!["e"]);
    assert_eq!((d.state(), send(&mut d, "f")), (WorkerState::Unavailable, None));
    // A late trap report after that starts nothing; a worker that cannot start gives up at once.
    assert_eq!(d.on_answer(&crash(5)), Action::Deliver(None));
    let mut d: Dispatch<&str> = Dispatch::default();
    d.started(true);
    let g = send(&mut d, "g").unwrap();
    assert_eq!(d.on_answer(&crash(0)), Action::GiveUp(vec!["g"]), "the worker failed to start: {g} runs on the page");
    let mut d: Dispatch<&str> = Dispatch::default();
    d.started(true);
    let h = send(&mut d, "h").unwrap();
    assert_eq!(d.on_answer(&crash(h)), Action::Restart(Some("h")));
    assert_eq!(d.restarted(false), Vec::<&str>::new(), "h was answered; nothing else waits");
}

#[test]
fn a_planner_sends_one_job_at_a_time_and_drops_stale_answers() {
    let mut q: Latest<u64> = Latest::default();
    let g1 = q.edit();
    assert_eq!(q.submit(g1), Some(1), "nothing in the worker: sent at once");
    // Two more edits while it runs: only the newest waits.
    let g2 = q.edit();
    assert_eq!(q.submit(g2), None);
    let g3 = q.edit();
    assert_eq!(q.submit(g3), None);
    // g1's first plan is stale (newer work waits) and g1 is still in the worker.
    assert_eq!(q.answer(g1, false), Answered::Drop);
    // g1's last answer: dropped, and g3 (not g2) goes out.
    assert_eq!(q.answer(g1, true), Answered::Next(3));
    // g3's first plan is shown while its proof runs, then its final answer.
    assert_eq!(q.answer(g3, false), Answered::Show);
    assert_eq!(q.answer(g3, true), Answered::Show);
    // An answer for an edit that is no longer the newest, with nothing waiting: dropped.
    let g4 = q.edit();
    assert_eq!(q.submit(g4), Some(4));
    q.edit();
    assert_eq!(q.answer(g4, true), Answered::Drop);
}

#[test]
fn a_planner_without_a_worker_runs_on_the_page() {
    let mut q: Latest<u64> = Latest::default();
    let g1 = q.edit();
    assert_eq!(q.submit(g1), Some(1));
    q.not_sent(); // no worker here: the caller ran it on the page
    let g2 = q.edit();
    assert_eq!(q.submit(g2), Some(2), "nothing is in a worker: the next job goes out at once");
    // The worker dies with g2 in it while g3 waits: the page runs g3, the newest.
    let g3 = q.edit();
    assert_eq!(q.submit(g3), None);
    assert_eq!(q.worker_gone(g2), 3);
    let g4 = q.edit();
    assert_eq!(q.submit(g4), Some(4), "nothing in the worker any more");
    assert_eq!(q.worker_gone(g4), 4, "nothing waiting: the job that was in the worker");
}

/// A usage file whose count column is not found says so in its path (the page then looks for a
/// column headed with the line's service); a row's problem names its line; a missing date column
/// is neither.
#[test]
fn a_usage_failure_says_where_it_is() {
    use packwise::app::jobs::{COUNT_COLUMN, usage_failure};
    use packwise::engine::usage::{Options, read};
    let path = |text: &str| usage_failure(&read(text, &Options::default()).unwrap_err(), Lang::En).path;
    assert_eq!(path("月份,活体人脸核身\n2025-01,5\n"), COUNT_COLUMN);
    assert_eq!(path("月份,调用量\n2025-01,abc\n"), "file:2");
    assert_eq!(path("服务,调用量\nx,5\n"), "file");
}

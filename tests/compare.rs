//! Scenarios side by side, natively: saving under names, storage and share-link round trips,
//! the comparison's figures and its CSV. Run: `cargo test --test compare`.
#![cfg(not(target_arch = "wasm32"))] // native only: the browser suite is tests/web.rs

use packwise::app::compare::{self, CompareError, MAX_SAVED, Scenarios};
use packwise::engine::catalog::builtin;
use packwise::engine::{Estimate, Lang};

fn est(json: &str) -> Estimate {
    Estimate::from_json(json).unwrap()
}

fn two() -> Scenarios {
    let mut s = Scenarios::default();
    // A: worked example two, 12,250. B: the same month with 10 % off: 11,025.
    s.save("A", est(r#"{"lines":[{"service":"活体人脸核身","calls":[15000],"packs":[{"size":10000}]}]}"#)).unwrap();
    s.save(
        "B 折扣",
        est(r#"{"discount":{"percent":"10"},"lines":[{"service":"活体人脸核身","calls":[15000],"packs":[{"size":10000}]}]}"#),
    )
    .unwrap();
    s
}

#[test]
fn scenarios_are_saved_by_name_and_round_trip() {
    let mut s = two();
    assert_eq!(s.save("  ", Estimate::default()), Err(CompareError::NoName));
    // Same name replaces in place.
    s.save("A", est(r#"{"lines":[{"service":"活体人脸核身","calls":[1000]}]}"#)).unwrap();
    assert_eq!(s.saved.len(), 2);
    assert_eq!(s.saved[0].estimate.lines[0].calls, vec![1000]);
    assert_eq!(Scenarios::from_json(&s.to_json()).unwrap(), s);
    let link = Scenarios::encode(&s.saved.iter().collect::<Vec<_>>());
    assert!(link.starts_with("c="));
    assert_eq!(Scenarios::decode(&format!("#{link}")).unwrap().unwrap(), s);
    assert_eq!(Scenarios::decode("#e=abc").unwrap(), None);
    for i in 0..MAX_SAVED - 2 {
        s.save(&format!("n{i}"), Estimate::default()).unwrap();
    }
    assert_eq!(s.save("one more", Estimate::default()), Err(CompareError::Full));
}

#[test]
fn broken_stored_or_linked_scenarios_say_where() {
    let e = Scenarios::from_json(r#"[{"name":"A","estimate":{"lines":[{"service":"x","calls":[-1]}]}}]"#).unwrap_err();
    assert_eq!(
        e.message(Lang::En),
        "The saved scenarios cannot be read: [0].estimate.lines[0].calls[0]: must be a whole number ≥ 0, not -1"
    );
    assert!(matches!(Scenarios::from_json("{"), Err(CompareError::Unreadable(_))));
    assert!(matches!(Scenarios::from_json(r#"{"a":1}"#), Err(CompareError::Unreadable(_))));
    assert!(matches!(Scenarios::decode("#c=%%%"), Err(CompareError::Unreadable(_))));
}

#[test]
fn the_comparison_prices_each_scenario_and_exports_csv() {
    let s = two();
    let chosen: Vec<_> = s.saved.iter().collect();
    let cols = compare::compare(builtin(), &chosen, Lang::Zh);
    let totals: Vec<String> = cols.iter().map(|c| c.total.unwrap().to_string()).collect();
    assert_eq!(totals, vec!["12250.00", "11025.00"]);
    assert_eq!(cols[1].months, vec![Some("11025.00".parse().unwrap())]);
    // The cheapest plan for 15,000 calls: postpaid only at 0.75 (15,000 × 0.75 = 11,250) beats
    // the pack; with 10 % off, 10,125.
    assert_eq!(cols[0].cheapest.unwrap().to_string(), "11250.00");
    assert_eq!(cols[1].cheapest.unwrap().to_string(), "10125.00");
    assert!(cols.iter().all(|c| c.proven));
    let csv = compare::csv(&cols, Lang::Zh);
    assert!(csv.starts_with("\u{feff}项目,A,B 折扣\r\n合计,12250.00,11025.00\r\n"), "{csv}");
    assert!(csv.contains("第 1 项,活体人脸核身: 12250.00,活体人脸核身: 11025.00"), "{csv}");
}

#[test]
fn a_comparison_link_adds_its_scenarios_to_the_page_with_a_notice() {
    use packwise::app::page::{Notice, Page, Saved};
    let s = two();
    let link = format!("#{}", Scenarios::encode(&s.saved.iter().collect::<Vec<_>>()));
    let page = Page::open(&link, Saved::default());
    assert_eq!(page.scenarios(), &s);
    assert_eq!(page.notices(), &[Notice::ScenariosLoaded(2)]);
    // A broken one says why; stored scenarios that cannot be read say so too, and the page opens.
    let page = Page::open("#c=e30", Saved { scenarios: Some("[1]".into()), ..Saved::default() });
    assert_eq!(page.notices().len(), 2);
    assert!(page.notices().iter().all(|n| matches!(n, Notice::BadScenarios(_))));
    assert_eq!(page.estimate().lines.len(), 1, "the default estimate");
}

#[test]
fn one_damaged_stored_scenario_does_not_cost_the_others() {
    let text = r#"[{"name":"A","estimate":{"lines":[]}},{"name":"B","estimate":{"lines":[{"calls":[1]}]}},{"name":"C","estimate":{}}]"#;
    let (s, problem) = Scenarios::read_lenient(text);
    assert_eq!(s.saved.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(), ["A", "C"]);
    assert_eq!(
        problem.unwrap().message(Lang::En),
        "The saved scenarios cannot be read: [1].estimate.lines[0].service: missing"
    );
    assert!(Scenarios::from_json(text).is_err(), "a link must be read whole");
}

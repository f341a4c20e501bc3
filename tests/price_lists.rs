//! Custom price lists: carried by an estimate (extending or replacing the built-in list), priced
//! like the built-in one, and refused with every problem named when they are malformed or hostile.
//! Run: `cargo test --test price_lists`.
#![cfg(not(target_arch = "wasm32"))] // native only: the browser suite is tests/web.rs

use packwise::engine::catalog::{builtin, parse_price_list};
use packwise::engine::{Estimate, EstimateError, Lang};

fn quote(json: &str) -> Result<packwise::engine::Quote, EstimateError> {
    packwise::engine::quote(builtin(), &Estimate::from_json(json)?, Lang::En)
}

/// An OCR interface priced by hand, as a visitor would add it: graduated tiers and a pack.
const OCR: &str = r#"{"format":1,"pack_products":[{"id":"my_ocr_pack","name":"OCR pack","validity_months":12,
    "sizes":[{"calls":10000,"price":"150","list_price":"200"}]}],
  "services":[{"id":"my_ocr","name":"通用印刷体识别（标准版）","packs":"my_ocr_pack",
    "postpaid":{"mode":"graduated","tiers":[{"up_to":1000,"up_to_included":true,"price":"0"},{"up_to":100000,"price":"0.02"},{"price":"0.015"}]}}]}"#;

#[test]
fn an_estimate_prices_its_own_ocr_service() {
    let q = quote(&format!(
        r#"{{"price_list":{{"mode":"extend","list":{OCR}}},"lines":[{{"service":"my_ocr","calls":[25000]}},{{"service":"活体人脸核身","calls":[3000]}}]}}"#
    ))
    .unwrap();
    // Graduated: 1,000 free, 24,000 × 0.02 = 480.
    assert_eq!(q.lines[0].total.unwrap().to_string(), "480.00");
    assert_eq!(q.lines[0].explanation, "1,000 × 0 + 24,000 × 0.02 = 480");
    // The built-in services are still there: 3,000 × 0.85.
    assert_eq!(q.lines[1].total.unwrap().to_string(), "2550.00");
    // With the pack: 150 for 10,000 calls, then 15,000 postpaid: 1,000 × 0 + 14,000 × 0.02 = 280.
    let q = quote(&format!(
        r#"{{"price_list":{{"list":{OCR}}},"lines":[{{"service":"my_ocr","calls":[25000],"packs":[{{"size":10000}}]}}]}}"#
    ))
    .unwrap();
    assert_eq!(q.lines[0].total.unwrap().to_string(), "430.00");
    assert_eq!(q.lines[0].packs[0].list_price.unwrap().to_string(), "200.00");
}

#[test]
fn a_replacing_list_can_be_in_another_currency() {
    let q = quote(r#"{"price_list":{"mode":"replace","list":{"format":1,"currency":"USD","services":[{"id":"sms","name":"SMS","postpaid":{"tiers":[{"price":"0.0075"}]}}]}},
        "lines":[{"service":"sms","calls":[3]}]}"#).unwrap();
    assert_eq!(q.currency, "USD");
    assert_eq!(q.total.unwrap().to_string(), "0.02", "3 × 0.0075 = 0.0225, rounded half away from zero");
    // The built-in services are gone.
    assert!(matches!(
        quote(
            r#"{"price_list":{"mode":"replace","list":{"format":1,"services":[]}},"lines":[{"service":"eid","calls":[1]}]}"#
        ),
        Err(EstimateError::UnknownService { .. })
    ));
}

#[test]
fn every_problem_of_a_carried_list_is_named_with_its_path() {
    let e = quote(r#"{"price_list":{"list":{"format":1,"services":[
        {"id":"a","name":"A","postpaid":{"tiers":[{"up_to":100,"price":"1"},{"up_to":50,"price":"0.9"},{"price":"abc"}]}},
        {"id":"eid","name":"B","postpaid":null}]}},"lines":[]}"#).unwrap_err();
    let EstimateError::PriceList { problems } = &e else { panic!("{e:?}") };
    let paths: Vec<String> = problems.0.iter().map(|e| e.path.to_string()).collect();
    assert_eq!(
        paths,
        vec![
            "price_list.list.services[0].postpaid.tiers[1].up_to",
            "price_list.list.services[0].postpaid.tiers[2].price"
        ]
    );
    assert_eq!(e.code(), "invalid_price_list");
    assert_eq!(e.path(), "price_list.list.services[0].postpaid.tiers[1].up_to");
    // Valid on its own, but another id under a built-in name would pass for it.
    let e = quote(
        r#"{"price_list":{"list":{"format":1,"services":[{"id":"mine","name":"E证通（权威库）","postpaid":null}]}},"lines":[]}"#,
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("price_list.list.services[0]: \"E证通（权威库）\" already names the built-in service"),
        "{e}"
    );
    // The shape of the carrier itself.
    assert!(
        quote(r#"{"price_list":{"mode":"merge","list":{}},"lines":[]}"#)
            .unwrap_err()
            .to_string()
            .starts_with("price_list.mode: \"merge\" is not one of")
    );
    assert!(
        quote(r#"{"price_list":{"mode":"extend"},"lines":[]}"#)
            .unwrap_err()
            .to_string()
            .starts_with("price_list.list: missing")
    );
}

#[test]
fn hostile_lists_are_refused_quickly_with_a_clear_message() {
    let started = std::time::Instant::now();
    // Over 1 MB.
    let big = format!(r#"{{"format":1,"services":[],"id":"{}"}}"#, "x".repeat(1_100_000));
    assert!(parse_price_list(&big).unwrap_err().to_string().contains("the most accepted is 1,000,000 (1 MB)"));
    // Nested 10,000 deep.
    let deep = format!(r#"{{"format":1,"services":[{}{}]}}"#, "[".repeat(10_000), "]".repeat(10_000));
    assert!(parse_price_list(&deep).unwrap_err().to_string().contains("recursion limit"));
    // 100,000 tiers, compactly written (still over 1 MB) and 101 tiers (over the count limit).
    let tiers: Vec<String> = (1..=100_000).map(|i| format!(r#"{{"up_to":{i},"price":"1"}}"#)).collect();
    let many =
        format!(r#"{{"format":1,"services":[{{"id":"s","name":"S","postpaid":{{"tiers":[{}]}}}}]}}"#, tiers.join(","));
    assert!(parse_price_list(&many).unwrap_err().to_string().contains("1 MB"));
    let tiers: Vec<String> = (1..=101).map(|i| format!(r#"{{"up_to":{i},"price":"1"}}"#)).collect();
    let many = format!(
        r#"{{"format":1,"services":[{{"id":"s","name":"S","postpaid":{{"tiers":[{},{{"price":"1"}}]}}}}]}}"#,
        tiers.join(",")
    );
    assert_eq!(
        parse_price_list(&many).unwrap_err().to_string(),
        "services[0].postpaid.tiers: 102 tiers; the most accepted is 100"
    );
    // A name made of markup is just a name (the page shows it as text).
    let c = parse_price_list(
        r#"{"format":1,"services":[{"id":"x","name":"<img src=x onerror=alert(1)>","postpaid":null}]}"#,
    )
    .unwrap();
    assert_eq!(c.services[0].name.zh, "<img src=x onerror=alert(1)>");
    assert!(started.elapsed().as_secs() < 3);
}

#[test]
fn the_built_in_list_round_trips_through_the_carrier() {
    // Replacing the built-in list with itself changes nothing.
    let list: serde_json::Value = serde_json::from_str(packwise::engine::catalog::BUILTIN_JSON).unwrap();
    let e = format!(
        r#"{{"price_list":{{"mode":"replace","list":{list}}},"lines":[{{"service":"活体人脸核身","calls":[15000],"packs":[{{"size":10000}}]}}]}}"#
    );
    assert_eq!(quote(&e).unwrap().total.unwrap().to_string(), "12250.00");
}

/// One vector of `tests/vectors/invalid-price-lists.json`: a list (or raw text) and every problem
/// the parser must report, each with its path and kind.
#[derive(serde::Deserialize)]
struct ListVector {
    name: String,
    list: Option<serde_json::Value>,
    text: Option<String>,
    problems: Vec<Expected>,
}

#[derive(serde::Deserialize, Debug, PartialEq)]
struct Expected {
    path: String,
    kind: String,
}

#[test]
fn every_price_list_vector_gives_exactly_its_problems() {
    let vectors: Vec<ListVector> =
        serde_json::from_str(include_str!("vectors/invalid-price-lists.json")).expect("the vectors are JSON");
    assert!(vectors.len() >= 40, "{} vectors", vectors.len());
    for v in &vectors {
        let text = v.text.clone().unwrap_or_else(|| v.list.as_ref().map(|l| l.to_string()).unwrap_or_default());
        let got: Vec<Expected> = match parse_price_list(&text) {
            Ok(_) => Vec::new(),
            Err(e) => {
                e.0.iter()
                    .map(|p| Expected {
                        path: p.path.to_string(),
                        kind: serde_json::to_value(p.kind).unwrap().as_str().unwrap().to_string(),
                    })
                    .collect()
            }
        };
        assert_eq!(got, v.problems, "{}", v.name);
    }
}

/// A note's headline: in both languages or one string for both, read with the note; anything
/// else refused at its path. The built-in list's is its accounts' reading (001:2).
#[test]
fn a_notes_headline_is_read_or_refused_at_its_path() {
    let list = |headline: &str| {
        format!(
            r#"{{"format":1,"assumptions":[{{"zh":"说明","en":"Note","applies_to":["a"],"headline":{headline}}}],
            "services":[{{"id":"a","name":"A","postpaid":{{"tiers":[{{"price":"1"}}]}}}}]}}"#
        )
    };
    let c = parse_price_list(&list(r#"{"zh":"只适用于老账号","en":"Old accounts only"}"#)).unwrap();
    let h = c.assumptions[0].headline.as_ref().unwrap();
    assert_eq!((h.get(Lang::Zh), h.get(Lang::En)), ("只适用于老账号", "Old accounts only"));
    let c = parse_price_list(&list(r#""Old accounts only""#)).unwrap();
    assert_eq!(c.assumptions[0].headline.as_ref().unwrap().get(Lang::Zh), "Old accounts only");
    let e = parse_price_list(&list("5")).unwrap_err();
    assert!(e.to_string().contains("assumptions[0].headline"), "{e}");
    let e = parse_price_list(&list(r#"{"zh":"只适用于老账号"}"#)).unwrap_err();
    assert!(e.to_string().contains("assumptions[0].headline"), "{e}");
    let builtin = builtin().assumptions.iter().filter(|n| n.headline.is_some()).count();
    assert_eq!(builtin, 1);
}

//! The JavaScript API in headless Chromium: the exported functions called with JS objects, as a
//! page would. Run: `cargo test --target wasm32-unknown-unknown --features js-api --test web_api`
//! (scripts/test does).
#![cfg(all(target_arch = "wasm32", feature = "js-api"))]

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

use packwise::js::{
    catalog_js, hindsight_js, optimize_async, optimize_js, quote_js, read_usage_js, usage_js, validate_catalog_js,
};

wasm_bindgen_test_configure!(run_in_browser);

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

fn get(v: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(v.clone(), |v, k| {
        let key: JsValue = match k.parse::<u32>() {
            Ok(i) => i.into(),
            Err(_) => (*k).into(),
        };
        js_sys::Reflect::get(&v, &key).unwrap()
    })
}

#[wasm_bindgen_test]
fn quote_takes_a_plain_object_and_returns_12250() {
    let q = quote_js(
        js(r#"{"lines":[{"service":"活体人脸核身","calls":[15000],"packs":[{"size":10000,"count":1}]}]}"#),
        None,
    )
    .unwrap();
    assert_eq!(get(&q, &["total"]).as_string().as_deref(), Some("12250.00"));
    assert_eq!(
        get(&q, &["lines", "0", "explanation"]).as_string().as_deref(),
        Some("(15,000 − 10,000) × 0.85 + 8,000 = 12,250")
    );
    assert_eq!(get(&q, &["lines", "0", "postpaid_calls"]).as_f64(), Some(5000.0));
    // Plain objects, not Maps.
    assert!(js_sys::Object::get_prototype_of(&q) == js_sys::Object::get_prototype_of(&js_sys::Object::new().into()));
    let en = quote_js(js(r#"{"lines":[{"service":"eKYC","calls":[10]}]}"#), Some(js(r#"{"lang":"en"}"#))).unwrap();
    assert!(get(&en, &["total"]).is_null());
    assert_eq!(
        get(&en, &["lines", "0", "explanation"]).as_string().as_deref(),
        Some("10 × price on request = price on request")
    );
}

#[wasm_bindgen_test]
fn errors_are_thrown_with_a_path_and_a_code() {
    let err = quote_js(js(r#"{"lines":[{"service":"活体人脸核身","calls":[100,100,-5]}]}"#), None).unwrap_err();
    let err: js_sys::Error = err.into();
    assert_eq!(String::from(err.message()), "lines[0].calls[2]: must be a whole number ≥ 0, not -5");
    assert_eq!(get(&err.clone().into(), &["path"]).as_string().as_deref(), Some("lines[0].calls[2]"));
    assert_eq!(get(&err.into(), &["code"]).as_string().as_deref(), Some("invalid_field"));
    let err: js_sys::Error = quote_js(js(r#"{"lines":[{"service":"nope","calls":[1]}]}"#), None).unwrap_err().into();
    assert_eq!(get(&err.into(), &["code"]).as_string().as_deref(), Some("unknown_service"));
    // NaN (what Number("abc") gives) and Infinity are named where they are, not read as null.
    let calls = js(r#"{"lines":[{"service":"活体人脸核身","calls":[100,0]}]}"#);
    let month = get(&calls, &["lines", "0", "calls"]);
    js_sys::Reflect::set(&month, &1.into(), &f64::NAN.into()).unwrap();
    let err: js_sys::Error = quote_js(calls.clone(), None).unwrap_err().into();
    assert!(
        String::from(err.message()).starts_with("lines[0].calls[1]: NaN is not a number"),
        "{}",
        String::from(err.message())
    );
    js_sys::Reflect::set(&month, &1.into(), &f64::NEG_INFINITY.into()).unwrap();
    let err: js_sys::Error = quote_js(calls, None).unwrap_err().into();
    assert!(
        String::from(err.message()).starts_with("lines[0].calls[1]: -Infinity is not"),
        "{}",
        String::from(err.message())
    );
}

#[wasm_bindgen_test]
fn optimize_catalog_and_validate() {
    let o = optimize_js(js(r#"{"lines":[{"service":"活体人脸核身","calls":[25000,25000,25000,25000,25000,25000,25000,25000,25000,25000,25000,25000]}]}"#), None).unwrap();
    assert_eq!(get(&o, &["quote", "total"]).as_string().as_deref(), Some("215000.00"));
    assert_eq!(get(&o, &["optimization", "0", "proven_optimal"]).as_bool(), Some(true));
    let list = catalog_js().unwrap();
    assert_eq!(get(&list, &["format"]).as_f64(), Some(1.0));
    let ok = validate_catalog_js(list).unwrap();
    assert_eq!(get(&ok, &["valid"]).as_bool(), Some(true));
    let bad = validate_catalog_js(js(r#"{"format":1,"services":[{"id":"s","name":"S","postpaid":{"tiers":[{"up_to":10,"price":"1"},{"up_to":5,"price":"x"}]}}]}"#)).unwrap();
    assert_eq!(get(&bad, &["valid"]).as_bool(), Some(false));
    assert_eq!(get(&bad, &["errors", "0", "path"]).as_string().as_deref(), Some("services[0].postpaid.tiers[1].up_to"));
    assert_eq!(get(&bad, &["errors", "0", "code"]).as_string().as_deref(), Some("tiers_not_increasing"));
    assert_eq!(get(&bad, &["errors", "1", "path"]).as_string().as_deref(), Some("services[0].postpaid.tiers[1].price"));
}

/// 60 months of uneven volumes up to 10⁶ (the optimizer's benchmark).
fn long_estimate() -> String {
    let calls: Vec<String> = (0..60u64).map(|m| (500_000 + (m * 7_919 + 3_571) % 500_000).to_string()).collect();
    format!(r#"{{"lines":[{{"service":"活体人脸核身","calls":[{}]}}]}}"#, calls.join(","))
}

async fn settled(p: js_sys::Promise) -> Result<JsValue, JsValue> {
    wasm_bindgen_futures::JsFuture::from(p).await
}

#[wasm_bindgen_test]
async fn optimize_async_answers_from_a_worker_exactly_as_optimize_does() {
    let e = long_estimate();
    let sync = optimize_js(js(&e), None).unwrap();
    let in_worker = settled(optimize_async(js(&e), None)).await.unwrap();
    assert!(packwise::worker::available(), "the worker started and answered (no fallback to the page)");
    assert_eq!(get(&in_worker, &["optimization", "0", "proven_optimal"]).as_bool(), Some(true));
    assert_eq!(get(&in_worker, &["optimization", "0", "method"]).as_string().as_deref(), Some("cohort_dp"));
    let text = |v: &JsValue| js_sys::JSON::stringify(v).unwrap().as_string().unwrap();
    let (a, b) = (text(&in_worker), text(&sync));
    assert!(a == b, "the worker's answer differs from optimize's ({} and {} characters)", a.len(), b.len());
    // Errors reject with the same path and code as `optimize` throws.
    let err = settled(optimize_async(js(r#"{"lines":[{"service":"活体人脸核身","calls":[100,-5]}]}"#), None))
        .await
        .unwrap_err();
    assert_eq!(get(&err, &["path"]).as_string().as_deref(), Some("lines[0].calls[1]"));
    assert_eq!(get(&err, &["code"]).as_string().as_deref(), Some("invalid_field"));
    assert_eq!(get(&err, &["name"]).as_string().as_deref(), Some("PackwiseError"));
    // A line too large to plan exactly: its own code (not a field's), at its calls.
    let huge = r#"{"lines":[{"service":"活体人脸核身","calls":[900000000000,900000000000,900000000000]}]}"#;
    let err = settled(optimize_async(js(huge), None)).await.unwrap_err();
    assert_eq!(get(&err, &["code"]).as_string().as_deref(), Some("too_large"));
    assert_eq!(get(&err, &["path"]).as_string().as_deref(), Some("lines[0].calls"));
    // Its size as natively: the program's grids are counted in u64, not in WebAssembly's 32-bit
    // usize, which cut 120 months of 10¹² calls to 1,905,843,441,840 steps (the CLI said
    // 1,920,001,904,016); a count cut short could let a program too large to run through.
    let months = vec!["1000000000000"; 120].join(",");
    let all = format!(r#"{{"lines":[{{"service":"活体人脸核身","calls":[{months}]}}]}}"#);
    let err = optimize_js(js(&all), None).unwrap_err();
    let message = get(&err, &["message"]).as_string().unwrap();
    assert!(message.contains("would take about 1,920,001,904,016 steps and 1,152,038 MB"), "{message}");
}

#[wasm_bindgen_test]
async fn optimize_async_works_without_workers() {
    let global = js_sys::global();
    let worker = js_sys::Reflect::get(&global, &"Worker".into()).unwrap();
    js_sys::Reflect::set(&global, &"Worker".into(), &JsValue::UNDEFINED).unwrap();
    let o = settled(optimize_async(
        js(r#"{"lines":[{"service":"活体人脸核身","calls":[25000,25000,25000,25000,25000,25000,25000,25000,25000,25000,25000,25000]}]}"#),
        None,
    ))
    .await;
    js_sys::Reflect::set(&global, &"Worker".into(), &worker).unwrap();
    assert_eq!(get(&o.unwrap(), &["quote", "total"]).as_string().as_deref(), Some("215000.00"));
}

#[wasm_bindgen_test]
fn usage_reads_an_export_into_an_estimate_as_the_cli_does() {
    let focus = include_str!("usage/focus-two-skus.csv").to_string();
    let e = usage_js(focus.clone().into(), Some(js(r#"{"service":"活体人脸核身","filters":{"SkuId":"ocr-general"}}"#)))
        .unwrap();
    assert_eq!(
        js_sys::JSON::stringify(&get(&e, &["lines", "0", "calls"])).unwrap().as_string().as_deref(),
        Some("[10000,8600,9050,12345]")
    );
    assert_eq!(get(&e, &["lines", "0", "usage_months", "1"]).as_string().as_deref(), Some("2025-12"));
    let h = read_usage_js(focus.clone().into(), None).unwrap();
    assert_eq!(get(&h, &["count_column"]).as_string().as_deref(), Some("ConsumedQuantity"));
    assert_eq!(get(&h, &["choices", "0", "column"]).as_string().as_deref(), Some("ChargeCategory"));
    let f =
        usage_js(focus.clone().into(), Some(js(r#"{"service":"活体人脸核身","forecast":2,"growth":"5"}"#))).unwrap();
    assert_eq!(get(&f, &["lines", "0", "forecast", "growth"]).as_string().as_deref(), Some("5"));
    // A broken row: thrown with where it is.
    let err = usage_js(
        JsValue::from(include_str!("usage/broken-row.csv")),
        Some(js(r#"{"service":"活体人脸核身","lang":"en"}"#)),
    )
    .unwrap_err();
    assert_eq!(get(&err, &["code"]).as_string().as_deref(), Some("bad_count"));
    assert_eq!(get(&err, &["path"]).as_string().as_deref(), Some("file"));
    assert!(get(&err, &["message"]).as_string().unwrap().starts_with("line 3, column"));
    // The history priced in hindsight: postpaid only 7,500 + 7,310 + 7,692.50 + 9,258.75.
    let h = hindsight_js(e, None).unwrap();
    assert_eq!(get(&h, &["postpaid_only"]).as_string().as_deref(), Some("31761.25"));
    assert_eq!(get(&h, &["months", "3", "month"]).as_string().as_deref(), Some("2026-02"));
    let err = usage_js(focus.clone().into(), Some(js(r#"{"service":"nope"}"#))).unwrap_err();
    assert_eq!(get(&err, &["code"]).as_string().as_deref(), Some("unknown_service"));
    // The file's bytes (Node's readFileSync gives a Buffer, a Uint8Array) read as UTF-8.
    let bytes: JsValue = js_sys::Uint8Array::from(focus.as_bytes()).into();
    let b = usage_js(bytes, Some(js(r#"{"service":"活体人脸核身","filters":{"SkuId":"ocr-general"}}"#))).unwrap();
    assert_eq!(get(&b, &["lines", "0", "calls", "3"]).as_f64(), Some(12345.0));
}

/// An option that is wrong is refused with its name, never read as the default: a line index
/// of "1" priced line 0 in silence, and `lang: "fr"` gave Chinese.
#[wasm_bindgen_test]
fn options_that_are_wrong_are_refused_by_name() {
    let two = r#"{"lines":[{"service":"活体人脸核身","calls":[10000],"usage_months":["2025-01"]},
        {"service":"活体人脸核身","calls":[20000],"usage_months":["2025-01"]}]}"#;
    // Line 1: 20,000 postpaid at the 0.75 tier.
    let h = hindsight_js(js(two), Some(js(r#"{"line":1}"#))).unwrap();
    assert_eq!(get(&h, &["postpaid_only"]).as_string().as_deref(), Some("15000.00"));
    for (options, message) in [
        (r#"{"line":"1"}"#, "line: the line's index, a whole number from 0, not a value that is not a number"),
        (r#"{"line":-1}"#, "line: the line's index, a whole number from 0, not -1"),
        (r#"{"line":1.5}"#, "line: the line's index, a whole number from 0, not 1.5"),
        (r#"{"line":2}"#, "line: the estimate has no line 2 (its lines are 0 to 1)"),
        (r#"{"lang":"fr"}"#, r#"lang: "zh" or "en", not "fr""#),
    ] {
        let err = hindsight_js(js(two), Some(js(options))).unwrap_err();
        assert_eq!(get(&err, &["message"]).as_string().as_deref(), Some(message), "{options}");
        assert_eq!(get(&err, &["code"]).as_string().as_deref(), Some("invalid_option"), "{options}");
    }
    let one = js(r#"{"lines":[{"service":"活体人脸核身","calls":[15000]}]}"#);
    let err = quote_js(one, Some(js(r#"{"lang":"EN-gb"}"#)));
    assert!(err.is_ok(), "a language tag with a region is the language");
    let err = quote_js(js(r#"{"lines":[]}"#), Some(js(r#"{"lang":5}"#))).unwrap_err();
    assert_eq!(get(&err, &["path"]).as_string().as_deref(), Some("lang"));
    // Options that are not an object (it gave Chinese for `quote(e, "en")`).
    let err = quote_js(js(r#"{"lines":[]}"#), Some(JsValue::from("en"))).unwrap_err();
    assert_eq!(
        get(&err, &["message"]).as_string().as_deref(),
        Some(r#"options: an object like {lang: "en"}, not "en""#)
    );
    let csv = "month,calls\n2025-01,100\n".to_string();
    let err = usage_js(csv.clone().into(), Some(js("{}"))).unwrap_err();
    assert_eq!(get(&err, &["path"]).as_string().as_deref(), Some("service"));
    let err = usage_js(csv.into(), Some(js(r#"{"service":"活体人脸核身","growth":"5"}"#))).unwrap_err();
    assert_eq!(get(&err, &["path"]).as_string().as_deref(), Some("growth"));
    let err = usage_js(JsValue::from(5), Some(js(r#"{"service":"活体人脸核身"}"#))).unwrap_err();
    assert_eq!(get(&err, &["path"]).as_string().as_deref(), Some("text"));
    let bad: JsValue = js_sys::Uint8Array::from(&[0xd4u8, 0xc2, 0xb7, 0xdd][..]).into();
    let err = usage_js(bad, Some(js(r#"{"service":"活体人脸核身"}"#))).unwrap_err();
    assert!(get(&err, &["message"]).as_string().unwrap().contains("not UTF-8"));
}

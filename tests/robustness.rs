//! The fuzz targets' checks (`fuzz/checks.rs`) on the stable toolchain: random and mutated
//! inputs — seeded from the test vectors and the examples — to every parser that takes text from
//! outside, plus every crash the fuzzer ever found, kept as a regression case. A short, bounded
//! pass that `scripts/test` always runs; `scripts/fuzz` runs the real fuzzer for longer.
//! Run: `cargo test --release --test robustness`.
#![cfg(not(target_arch = "wasm32"))] // native only: the browser suite is tests/web.rs

#[path = "../fuzz/checks.rs"]
mod checks;

use proptest::prelude::*;

/// Seeds: the estimates and price lists of the test vectors, the built-in list, share links.
fn seeds() -> Vec<String> {
    let mut out = Vec::new();
    let parity: serde_json::Value =
        serde_json::from_str(include_str!("vectors/api-parity.json")).expect("api-parity.json is JSON");
    for case in parity.as_array().into_iter().flatten() {
        for key in ["estimate", "comparison"] {
            if !case[key].is_null() {
                out.push(case[key].to_string());
            }
        }
    }
    let invalid: serde_json::Value = serde_json::from_str(include_str!("vectors/invalid-price-lists.json"))
        .expect("invalid-price-lists.json is JSON");
    for case in invalid.as_array().into_iter().flatten() {
        match (&case["list"], &case["text"]) {
            (serde_json::Value::Null, serde_json::Value::String(t)) => out.push(t.clone()),
            (list, _) => out.push(list.to_string()),
        }
    }
    out.push(include_str!("../data/price-list.json").to_string());
    out
}

/// `text` with a few bytes changed, inserted or cut (each edit: where, which byte, how).
fn mutate(text: &str, edits: Vec<(u16, u8, u8)>) -> Vec<u8> {
    let mut b = text.as_bytes().to_vec();
    for (at, byte, how) in edits {
        if b.is_empty() {
            break;
        }
        let at = at as usize % b.len();
        match how {
            0 => b[at] = byte,
            1 => b.insert(at, byte),
            _ => b.truncate(at),
        }
    }
    b
}

/// Up to five edits for [`mutate`].
fn edits() -> impl Strategy<Value = Vec<(u16, u8, u8)>> {
    prop::collection::vec((any::<u16>(), any::<u8>(), 0u8..3), 0..6)
}

/// A seed with a few bytes changed, inserted or cut: mostly-valid input that reaches deep.
fn mutated() -> impl Strategy<Value = Vec<u8>> {
    let seeds = seeds();
    (0..seeds.len(), edits()).prop_map(move |(i, e)| mutate(&seeds[i], e))
}

/// The usage files of the tests, mutated, and tables of random cells: dates, counts, quotes,
/// separators and headers that the reader must take or refuse with a message.
fn usage_files() -> impl Strategy<Value = Vec<u8>> {
    let files: Vec<&'static str> = vec![
        include_str!("usage/focus-two-skus.csv"),
        include_str!("usage/chinese-bom.csv"),
        include_str!("usage/broken-row.csv"),
    ];
    let mutated = (0..files.len(), edits()).prop_map(move |(i, e)| mutate(files[i], e));
    let cell = prop_oneof![
        "20[0-9]{2}[-/.][01]?[0-9]([-/.][0-3]?[0-9])?(T[0-9:]{8}Z)?",
        "[0-3]?[0-9]/[01]?[0-9]/20[0-9]{2}",
        "-?[0-9,]{0,12}(\\.[0-9]{0,3})?(万|k)?",
        "\"[^\"]{0,12}\"",
        "\\PC{0,8}",
    ];
    let table = (
        prop_oneof![Just("date,calls"), Just("日期;调用量"), Just("ChargePeriodStart\tConsumedQuantity\tSkuId")],
        prop::collection::vec(prop::collection::vec(cell, 1..4), 0..30),
    )
        .prop_map(|(header, rows)| {
            let sep = if header.contains(';') {
                ";"
            } else if header.contains('\t') {
                "\t"
            } else {
                ","
            };
            let body: Vec<String> = rows.iter().map(|r| r.join(sep)).collect();
            format!("{header}\n{}\n", body.join("\n")).into_bytes()
        });
    prop_oneof![mutated, table]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn estimates_never_panic(data in mutated()) {
        checks::estimate(&data);
    }

    #[test]
    fn price_lists_never_panic(data in mutated()) {
        checks::price_list(&data);
    }

    #[test]
    fn share_links_never_panic(s in "(#?(e|c)=)?[A-Za-z0-9_+/=%-]{0,200}") {
        checks::share_link(s.as_bytes());
    }

    #[test]
    fn usage_files_never_panic(data in usage_files()) {
        checks::usage(&data);
    }

    #[test]
    fn typed_volumes_never_panic(s in "\\PC{0,40}|[0-9.,万千亿kKmM% -]{0,30}") {
        checks::volume(s.as_bytes());
    }

    #[test]
    fn typed_sheets_never_panic(s in "[A-Za-z 乙厂]{0,8}\\|(CNY|usd|元|RMB|US\\$|)\\|[A-Za-z ]{0,8}(\\|[0-9.,万kK元 -]{0,9}){0,8}") {
        checks::typed_sheet(s.as_bytes());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 60, .. ProptestConfig::default() })]

    #[test]
    fn the_optimizer_never_panics(data in mutated()) {
        checks::optimize(&data);
    }

    #[test]
    fn comparisons_never_panic(data in mutated()) {
        checks::comparison(&data);
    }
}

/// The typed sheet's check on quotes that are accepted (so its read-back and pricing run), and
/// on the same quotes cut anywhere.
#[test]
fn typed_sheets_accepted_read_back() {
    use packwise::app::custom::{ServiceDraft, TierDraft, sheet};
    let quotes = [
        "Vendor C|CNY|Liveness|50,000|0.60|20万|0.50||0.42|100,000|45,000",
        "乙厂|usd|OCR|1k|0.02|10万|0.015||0.01",
        "C|元|x||0.6",
    ];
    for q in quotes {
        checks::typed_sheet(q.as_bytes());
        for cut in (0..q.len()).filter(|&k| q.is_char_boundary(k)) {
            checks::typed_sheet(&q.as_bytes()[..cut]);
        }
    }
    // The first is a sheet indeed (the check's round trip ran on it).
    let d = ServiceDraft {
        name: "x".into(),
        tiers: vec![TierDraft { price: "0.6".into(), ..TierDraft::default() }],
        ..ServiceDraft::default()
    };
    assert!(sheet(&d, "C", "元", packwise::engine::Lang::En).is_ok());
}

/// Share links made from the seeds, mutated: the decoder sees real base64 of near-valid JSON.
#[test]
fn mutated_share_links_never_panic() {
    use base64::Engine as _;
    for (i, seed) in seeds().iter().enumerate() {
        let mut b = seed.clone().into_bytes();
        if !b.is_empty() {
            let at = (i * 7919) % b.len();
            b[at] = b[at].wrapping_add(1);
        }
        let link = format!("#e={}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&b));
        checks::share_link(link.as_bytes());
        checks::share_link(link.replacen("#e=", "#c=", 1).as_bytes());
        checks::comparison(link.replacen("#e=", "#o=", 1).as_bytes());
    }
}

/// Inputs the fuzzer or a reviewer found, kept so they stay fixed.
#[test]
fn known_hard_inputs_stay_handled() {
    let huge = "9".repeat(10_000);
    for t in [
        // 10,000 characters pasted into a volume field.
        huge.as_str(),
        "1.5万万",
        "－５",
        "1e30",
        "١٢٣",
        // A weighted lower bound too large for a Decimal (found in review).
        r#"{"scenario_weights":{"low":"0.1234","likely":"0.5","high":"0.3766"},"discount":{"percent":"12.3456"},"lines":[{"service":"活体人脸核身","calls":[200000],"calls_high":[200000]}]}"#,
        r#"{"lines":[{"service":"活体人脸核身","calls":[0],"calls_low":[0],"calls_high":[0]}]}"#,
        r#"{"lines":[{"service":"ekyc","calls":[1000000000000],"negotiated_price":"1000000000000"}]}"#,
        "#c=e30",
        "#e=",
    ] {
        checks::volume(t.as_bytes());
        checks::estimate(t.as_bytes());
        checks::optimize(t.as_bytes());
        checks::share_link(t.as_bytes());
        checks::price_list(t.as_bytes());
    }
    // A usage file whose months fall off a cliff: the fitted growth was −100 %, which no
    // estimate may carry (found by the fuzzer).
    checks::usage(include_bytes!("usage/fuzz-cliff.csv"));
}

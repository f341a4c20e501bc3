//! The `quote` CLI's contract: estimate JSON on stdin, quote JSON on stdout; bad input exits
//! non-zero with one message on stderr naming the field, and nothing on stdout.
//! Run: `cargo test --test cli`.
#![cfg(not(target_arch = "wasm32"))] // native only: the browser suite is tests/web.rs

use std::io::Write;
use std::process::{Command, Stdio};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn quote(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quote"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The CLI may exit before reading everything (it does not, but a closed pipe is no failure).
    let _ = child.stdin.take().unwrap().write_all(stdin);
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn json(run: &Run) -> serde_json::Value {
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

fn fails(input: &str, field_and_problem: &str) {
    let run = quote(&[], input.as_bytes());
    assert_eq!(run.code, 1, "{input}");
    assert!(run.stdout.is_empty(), "nothing on stdout for {input}");
    assert_eq!(run.stderr.lines().count(), 1, "one line: {}", run.stderr);
    assert!(run.stderr.contains(field_and_problem), "{input}\n  got: {}\n want: {field_and_problem}", run.stderr);
    assert!(!run.stderr.contains("panicked"));
}

#[test]
fn prices_the_contract_example() {
    let q = json(&quote(
        &[],
        r#"{"lines":[{"service":"活体人脸核身","calls":[15000],"packs":[{"size":10000,"count":1}],"free_calls":0,"postpaid":true}]}"#.as_bytes(),
    ));
    assert_eq!(q["total"], "12250.00");
    let l = &q["lines"][0];
    assert_eq!(l["service"], "活体人脸核身");
    assert_eq!(l["total"], "12250.00");
    assert_eq!(l["pack_cost"], "8000.00");
    assert_eq!(l["postpaid_cost"], "4250.00");
    assert_eq!(l["postpaid_calls"], 5000);
    assert_eq!(l["refused_calls"], 0);
    assert_eq!(l["expired_calls"], 0);
    assert_eq!(l["contact_sales"], false);
    assert_eq!(l["explanation"], "(15,000 − 10,000) × 0.85 + 8,000 = 12,250");
}

#[test]
fn answers_for_every_service_by_id_and_by_name() {
    let list = quote(&["--list"], b"");
    assert_eq!(list.code, 0);
    // The documents' tier tables are reached: the tier a month reaches prices all its calls.
    assert!(list.stdout.contains("活体人脸核身  [后付费阶梯 ×5（到达）"), "{}", list.stdout);
    let catalog = packwise::engine::catalog::builtin();
    assert_eq!(list.stdout.lines().count(), catalog.services.len());
    for s in &catalog.services {
        for name in [&s.id, &s.name.zh] {
            let input =
                format!(r#"{{"lines":[{{"service":{},"calls":[1500]}}]}}"#, serde_json::to_string(name).unwrap());
            let q = json(&quote(&["--compact"], input.as_bytes()));
            assert_eq!(q["lines"][0]["service_id"], s.id.as_str());
            let total = &q["lines"][0]["total"];
            assert_eq!(total.is_null(), q["lines"][0]["contact_sales"] == true, "{name}");
        }
    }
}

#[test]
fn contact_sales_gives_a_null_total() {
    let q = json(&quote(&[], r#"{"lines":[{"service":"活体人脸核身","calls":[300000]}]}"#.as_bytes()));
    assert!(q["total"].is_null());
    assert_eq!(q["lines"][0]["contact_sales"], true);
    assert_eq!(q["lines"][0]["explanation"], "300,000 × 联系商务 = 联系商务");
}

#[test]
fn speaks_english_on_request() {
    let q = json(&quote(&["--lang", "en"], br#"{"lines":[{"service":"eKYC","calls":[10]}]}"#));
    assert_eq!(q["lines"][0]["explanation"], "10 × price on request = price on request");
    assert_eq!(q["lines"][0]["service_name"], "eKYC (international)");
}

#[test]
fn bad_input_names_the_field_and_the_problem() {
    fails("", "the input is empty");
    fails("not json", "not valid JSON");
    fails(r#"{"lines":[{"service":"人脸","calls":[1]}]}"#, r#"lines[0].service: no service is called "人脸""#);
    fails(
        r#"{"lines":[{"service":"活体人脸核身","calls":[100,-5]}]}"#,
        "lines[0].calls[1]: must be a whole number ≥ 0, not -5",
    );
    fails(
        r#"{"lines":[{"service":"活体人脸核身","calls":[1.5]}]}"#,
        "lines[0].calls[0]: must be a whole number, not 1.5",
    );
    fails(
        r#"{"lines":[{"service":"活体人脸核身","calls":["abc"]}]}"#,
        r#"lines[0].calls[0]: must be a number, not the text "abc""#,
    );
    fails(
        r#"{"lines":[{"service":"活体人脸核身","calls":[1e30]}]}"#,
        "lines[0].calls[0]: 1e+30 is too large: the most allowed is 1,000,000,000,000",
    );
    fails(
        r#"{"lines":[{"service":"活体人脸核身","calls":[18446744073709551616]}]}"#,
        "lines[0].calls[0]: 1.8446744073709552e+19 is too large",
    );
    fails(
        r#"{"lines":[{"service":"活体人脸核身","calls":[1],"packs":[{"size":5000}]}]}"#,
        "lines[0].packs[0].size: Liveness face verification (活体人脸核身) sells no 5,000-call pack; offered sizes: 1,000, 10,000, 100,000, 200,000, 500,000, 1,000,000",
    );
    fails(
        r#"{"lines":[{"service":"手机号在网时长/状态查询","calls":[1],"packs":[{"size":1000000}]}]}"#,
        r#"lines[0].packs[0].size: Mobile number tenure / status lookup (手机号在网时长/状态查询) sells no 1,000,000-call pack (the price table shows "-": not offered)"#,
    );
    fails(
        r#"{"lines":[{"service":"活体人脸核身","calls":[1],"packs":[{"size":1000,"count":-1}]}]}"#,
        "lines[0].packs[0].count: must be a whole number ≥ 0, not -1",
    );
    fails(
        r#"{"lines":[{"service":"照片人脸核身","calls":[1],"packs":[{"size":1000}]}]}"#,
        "lines[0].packs: Photo face verification (照片人脸核身) has no prepaid packs",
    );
    fails(r#"{"lines":[{"calls":[1]}]}"#, "lines[0].service: missing");
    fails(r#"{"line":[]}"#, "line: unknown field `line`; expected one of `lines`");
}

#[test]
fn huge_but_valid_numbers_are_exact_not_overflowing() {
    // 120 months of 10^12 calls with a million 100万 packs a month: big, valid, exact.
    let months = vec!["1000000000000"; 120].join(",");
    let input = format!(
        r#"{{"lines":[{{"service":"活体人脸核身","calls":[{months}],"packs":[{{"size":1000000,"count":1000000}}]}}]}}"#
    );
    let q = json(&quote(&["--compact"], input.as_bytes()));
    // 10^6 packs × 660,000 = 660,000,000,000 元; every month is far beyond 20万 → contact sales.
    assert_eq!(q["lines"][0]["pack_cost"], "660000000000.00");
    assert!(q["total"].is_null());
    let q = json(&quote(&[], format!(r#"{{"lines":[{{"service":"eid","calls":[{months}]}}]}}"#).as_bytes()));
    // 120 × 10^12 × 1.5 = 1.8 × 10^14
    assert_eq!(q["total"], "180000000000000.00");
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let run = quote(&["--lang", "fr"], b"");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--lang: \"fr\" is not zh or en"));
    assert_eq!(quote(&["--help"], b"").code, 0);
    let run = quote(&["--price-list", "/nonexistent.json"], b"{}");
    assert_eq!(run.code, 1);
    assert!(run.stderr.starts_with("quote: --price-list /nonexistent.json:"));
}

#[test]
fn optimize_replaces_the_packs_with_the_cheapest_plan() {
    let calls = ["25000"; 12].join(",");
    let input = format!(
        r#"{{"lines":[{{"service":"活体人脸核身","calls":[{calls}],"packs":[{{"size":100000,"count":3}}]}}]}}"#
    );
    let q = json(&quote(&["--optimize"], input.as_bytes()));
    assert_eq!(q["total"], "215000.00");
    let o = &q["optimization"][0];
    assert_eq!(o["proven_optimal"], true);
    assert_eq!(o["your_total"], "225000.00");
    assert_eq!(o["saving_vs_yours"], "10000.00");
    for p in q["lines"][0]["packs"].as_array().unwrap() {
        assert!(p["size"].is_u64() && p["count"].is_u64() && p["month"].is_u64(), "{p}");
    }
    // The optimized estimate prices to the same total with the plain CLI.
    let again = json(&quote(&[], serde_json::to_string(&q["estimate"]).unwrap().as_bytes()));
    assert_eq!(again["total"], "215000.00");
}

/// Format 2 from a file: the commitment example worked by hand (800 a month for 1,000,000
/// calls, overage 1.00 per 1,000; 1,200,000 calls cost 1,000.00 with it), a monthly minimum
/// raising a small month (50,000 calls at 1.20 per 1,000 = 60, raised by 40 to 100), and the
/// optimizer taking the commitment only where it pays.
#[test]
fn prices_and_plans_a_format_2_sheet_from_a_file() {
    let dir = std::env::temp_dir().join(format!("packwise-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("sheet.json");
    std::fs::write(
        &path,
        r#"{"format":2,"currency":"USD","services":[{"id":"s","name":"S",
            "postpaid":{"unit":1000,"tiers":[{"price":"1.20"}]},"minimum":{"monthly":"100"},
            "commitments":[{"id":"m1","name":"1M","monthly_fee":"800","calls":1000000,
                "overage":{"unit":1000,"tiers":[{"price":"1.00"}]}}]}]}"#,
    )
    .unwrap();
    let path = path.to_str().unwrap();
    let estimate = br#"{"lines":[{"service":"s","calls":[1200000,50000],"commitments":[{"id":"m1","month":1}]}]}"#;
    // Taken in both months: 800 + 200, then 800 + 100 (the 50,000 calls are inside it, so the
    // month's usage charge is 0, and the minimum counts usage charges only: raised by 100).
    let q = json(&quote(&["--lang", "en", "--price-list", path], estimate));
    assert_eq!(q["currency"], "USD");
    assert_eq!(q["lines"][0]["months"][0]["cost"], "1000.00");
    assert_eq!(q["lines"][0]["months"][1]["commitment_fee"], "800.00");
    assert_eq!(q["lines"][0]["months"][1]["minimum_raise"], "100.00");
    assert_eq!(q["total"], "1900.00");
    // The optimizer keeps it for month 1 only: 1,000 + 100 (60 raised to the minimum).
    let o = json(&quote(&["--optimize", "--price-list", path], estimate));
    assert_eq!(o["total"], "1100.00");
    assert_eq!(o["estimate"]["lines"][0]["commitments"], serde_json::json!([{"id":"m1","month":1,"months":1}]));
    assert_eq!(o["lines"][0]["months"][1]["minimum_raise"], "40.00");
    // The list says each term.
    // A new account's free pack and tiers' flat fees are terms too (Baidu's example sheet gives
    // iOCR 500 calls once).
    let baidu = format!("{}/data/examples/baidu-ai-cloud-ocr.json", env!("CARGO_MANIFEST_DIR"));
    let listed = quote(&["--list", "--lang", "en", "--price-list", &baidu], b"").stdout;
    assert!(listed.contains("a free pack of 500 calls for a new account (once)"), "{listed}");
    let list = quote(&["--list", "--lang", "en", "--price-list", path], b"");
    assert!(list.stdout.contains("a monthly minimum of USD 100.00"), "{}", list.stdout);
    assert!(list.stdout.contains("commitment “1M”: USD 800.00 a month for 1,000,000 calls"), "{}", list.stdout);
    // A commitment the service lacks is named with its path.
    let bad = quote(&["--price-list", path], br#"{"lines":[{"service":"s","calls":[1],"commitments":[{"id":"m9"}]}]}"#);
    assert_ne!(bad.code, 0);
    assert!(bad.stderr.contains("lines[0].commitments[0].id"), "{}", bad.stderr);
    // An estimate's own list that extends the file's (in its currency, USD) adds a service to
    // it: 2,000 calls at 0.50 per 1,000 = 1.00, and the file's service beside it (1.20 for its
    // 1,000 calls, raised to the minimum of 100). It was checked against the built-in list (CNY)
    // when read, so no list could extend the file's.
    let extended = br#"{"price_list":{"mode":"extend","list":{"format":2,"currency":"USD","services":[
        {"id":"t","name":"T","postpaid":{"unit":1000,"tiers":[{"price":"0.50"}]}}]}},
        "lines":[{"service":"t","calls":[2000]},{"service":"s","calls":[1000]}]}"#;
    let q = json(&quote(&["--price-list", path], extended));
    assert_eq!((q["lines"][0]["total"].as_str(), q["lines"][1]["total"].as_str()), (Some("1.00"), Some("100.00")));
    // A list in another currency than the file's is told so against the file's.
    let cny = br#"{"price_list":{"mode":"extend","list":{"format":2,"currency":"CNY","services":[
        {"id":"t","name":"T","postpaid":{"tiers":[{"price":"0.50"}]}}]}},"lines":[{"service":"t","calls":[2]}]}"#;
    let bad = quote(&["--price-list", path], cny);
    assert!(bad.stderr.contains("the list is in CNY but the list it extends is in USD"), "{}", bad.stderr);
    std::fs::remove_dir_all(&dir).ok();
}

fn usage_file(name: &str) -> String {
    format!("{}/tests/usage/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn a_usage_export_becomes_an_estimate_ready_for_optimize() {
    let file = usage_file("focus-two-skus.csv");
    let e = json(&quote(&["--usage", &file, "--service", "活体人脸核身", "--filter", "SkuId=ocr-general"], b""));
    assert_eq!(
        e,
        serde_json::json!({"lines": [{"service": "liveness_verification", "calls": [10000, 8600, 9050, 12345],
            "postpaid": true, "usage_months": ["2025-11", "2025-12", "2026-01", "2026-02"]}]})
    );
    // Without a filter, a line of ID card OCR sums both SKUs (310 + 4,200 + 5,800 in November);
    // the CLI says which filter keeps its own rows.
    let mixed = quote(&["--usage", &file, "--service", "ocr_id_card"], b"");
    assert_eq!(mixed.code, 0);
    let summed: serde_json::Value = serde_json::from_str(&mixed.stdout).unwrap();
    assert_eq!(summed["lines"][0]["calls"][0], 10_310);
    assert!(
        mixed.stderr.contains(r#"several values of "SkuId"; --filter "SkuId=ocr-idcard" keeps this service's alone"#),
        "{}",
        mixed.stderr
    );
    // The estimate goes straight into --optimize.
    let planned = json(&quote(&["--optimize"], e.to_string().as_bytes()));
    assert!(planned["total"].is_string());
    assert_eq!(planned["estimate"]["lines"][0]["usage_months"][0], "2025-11");

    // A forecast: 12 months of exactly 10 % growth, the next 3 to the call.
    let dir = std::env::temp_dir().join(format!("packwise-cli-usage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let history = [10000, 11000, 12100, 13310, 14641, 16105, 17716, 19487, 21436, 23579, 25937, 28531];
    let rows: String = history.iter().enumerate().map(|(i, c)| format!("2025年{}月,\"{c}\"\n", i + 1)).collect();
    let path = dir.join("growth.csv");
    std::fs::write(&path, format!("\u{feff}月份,调用量\n{rows}")).unwrap();
    let path = path.to_str().unwrap();
    let f = json(&quote(&["--usage", path, "--service", "liveness_verification", "--forecast", "3"], b""));
    let line = &f["lines"][0];
    assert_eq!(line["calls"], serde_json::json!([31384, 34523, 37975]));
    assert_eq!(line["forecast"]["growth"], "10.00");
    assert_eq!(line["forecast"]["months"], serde_json::json!(["2026-01", "2026-02", "2026-03"]));
    assert_eq!(line["forecast"]["history"], serde_json::json!(["2025-01", "2025-12"]));
    assert!(line["calls_low"].is_array() && line["calls_high"].is_array());
    // The same months a year before: at the fitted 10 % (× 1.1¹² a year) a history growing
    // exactly 10 % comes to the curve's own months; at 0 %, last year's January to March.
    let same = ["--usage", path, "--service", "liveness_verification", "--forecast", "3", "--same-months"];
    let s = json(&quote(&same, b""));
    assert_eq!(s["lines"][0]["calls"], serde_json::json!([31384, 34523, 37975]));
    assert_eq!(s["lines"][0]["forecast"]["same_months"], true);
    let flat = json(&quote(&[&same[..], &["--growth", "0"]].concat(), b""));
    assert_eq!(flat["lines"][0]["calls"], serde_json::json!([10000, 11000, 12100]));
    let run = quote(&["--usage", path, "--service", "liveness_verification", "--same-months"], b"");
    assert!(run.stderr.contains("--same-months goes with --forecast N"), "{}", run.stderr);
    let h = json(&quote(&["--usage", path, "--service", "liveness_verification", "--hindsight"], b""));
    assert_eq!(h["months"].as_array().unwrap().len(), 12);
    assert!(h["postpaid_only"].is_string() && h["cheapest"].is_string());
    // Saved by a Chinese spreadsheet, in GB18030: read as the page reads it (it was refused as
    // not UTF-8).
    let gb = dir.join("gb18030.csv");
    let (bytes, _, _) = encoding_rs::GB18030.encode("月份,调用量\n2025年1月,\"1,200\"\n2025年2月,3400\n");
    assert!(std::str::from_utf8(&bytes).is_err());
    std::fs::write(&gb, &bytes).unwrap();
    let g = json(&quote(&["--usage", gb.to_str().unwrap(), "--service", "liveness_verification"], b""));
    assert_eq!(g["lines"][0]["calls"], serde_json::json!([1200, 3400]));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bad_usage_file_or_option_is_named() {
    let broken = usage_file("broken-row.csv");
    let run = quote(&["--usage", &broken, "--service", "liveness_verification"], b"");
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("broken-row.csv: line 3, column \"调用量\": \"12a\" is not a number"),
        "{}",
        run.stderr
    );
    let run = quote(&["--usage", &broken, "--service", "nope"], b"");
    assert!(run.stderr.contains("--service: \"nope\" is not a service of the price list"), "{}", run.stderr);
    let run = quote(&["--usage", &broken], b"");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--usage needs --service"));
    let run = quote(&["--forecast", "3"], b"");
    assert!(run.stderr.contains("--forecast goes with --usage FILE"), "{}", run.stderr);
    let run = quote(&["--usage", &broken, "--service", "x", "--forecast", "121"], b"");
    assert!(run.stderr.contains("--forecast: \"121\": Too large: at most 120"), "{}", run.stderr);
    // A monthly growth says its rule (it said "at least 0" of -150, though -5 is read), in English.
    let run = quote(&["--usage", &broken, "--service", "x", "--forecast", "3", "--growth", "-150"], b"");
    assert!(
        run.stderr.contains("--growth: \"-150\": Write a percentage: a monthly growth is above −100 %"),
        "{}",
        run.stderr
    );
    // Flags that would be ignored are refused (--usage with --optimize printed the estimate only).
    let run = quote(&["--usage", &broken, "--service", "x", "--optimize"], b"");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "--usage FILE and --optimize do not go together (--usage writes an estimate: pipe it into quote --optimize)"
        ),
        "{}",
        run.stderr
    );
    let run = quote(&["--compare", "--optimize"], b"");
    assert!(run.stderr.contains("--compare and --optimize do not go together"), "{}", run.stderr);
    let run = quote(&["--usage", "/nonexistent.csv", "--service", "liveness_verification"], b"");
    assert_eq!(run.code, 1);
    assert!(run.stderr.starts_with("quote: --usage /nonexistent.csv: "), "{}", run.stderr);
}

#[test]
fn a_budget_of_two_services_is_compared_by_vendor() {
    let doc = r#"{"lines": [
        {"calls": [15000], "vendors": [{"name": "A", "service": "活体人脸核身"},
            {"name": "B", "service": "financial_verification", "example": "alibaba-cloud-cn"}]},
        {"calls": [4000], "vendors": [{"name": "A", "service": "活体人脸核身"},
            {"name": "B", "service": "financial_verification", "example": "alibaba-cloud-cn"}]}]}"#;
    let run = quote(&["--compare", "--compact"], doc.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    // A: 15,000 × 0.75 + 4,000 × 0.85 = 14,650 (001's tiers); B at 1 元: 19,000.
    assert_eq!(v["vendors"][0]["total"], "14650.00");
    assert_eq!(v["vendors"][1]["total"], "19000.00");
    assert_eq!(v["vendors"][0]["saving_vs_next"], "4350.00");
    // A problem says its line.
    let run = quote(&["--compare"], doc.replace("[4000]", "[-1]").as_bytes());
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("lines[1].calls[0]"), "{}", run.stderr);
}

#[test]
fn usage_rows_that_do_not_read_are_left_out_on_request_and_said() {
    let path = std::env::temp_dir().join(format!("packwise-bad-rows-{}.csv", std::process::id()));
    std::fs::write(&path, "month,calls\n2025-01,100\n2025-01,abc\n2025-02,50\n").unwrap();
    let file = path.to_str().unwrap();
    let run = quote(&["--usage", file, "--service", "活体人脸核身", "--compact"], b"");
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("line 3, column \"calls\": \"abc\" is not a number"), "{}", run.stderr);
    let run = quote(&["--usage", file, "--service", "活体人脸核身", "--skip-bad-rows", "--compact"], b"");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["lines"][0]["calls"], serde_json::json!([100, 50]));
    assert!(run.stderr.contains("left out 1 rows that do not read: line 3 (calls: \"abc\")"), "{}", run.stderr);
    std::fs::remove_file(&path).ok();
}

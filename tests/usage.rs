//! Usage files read into monthly history, forecast and priced in hindsight, with sums worked by
//! hand from the files in `tests/usage/`. Run with `cargo test --test usage`.

use packwise::engine::usage::forecast::forecast;
use packwise::engine::usage::hindsight::hindsight;
use packwise::engine::usage::{self, Filter, Month, Options, Role, UsageError};
use packwise::engine::{Lang, Line, catalog};
use rust_decimal_macros::dec;

fn file(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/usage/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn months(h: &usage::History) -> Vec<String> {
    h.months.iter().map(Month::to_string).collect()
}

fn filtered(column: &str, value: &str) -> Options {
    Options { filters: vec![Filter::new(column, value).unwrap()], ..Options::default() }
}

#[test]
fn a_focus_export_of_two_skus_across_a_year_end() {
    let text = file("focus-two-skus.csv");
    // Every SKU: November 4,200 + 310 + 5,800; December 7,100 + 1,650 (23:00 UTC on the 31st
    // stays in December) + 95 − 150 (a credit); January 9,050 + 402; February 12,345. The
    // purchase and the tax have no ConsumedQuantity: skipped.
    let all = usage::read(&text, &Options::default()).unwrap();
    assert!(all.focus);
    assert_eq!((all.date_column.as_str(), all.count_column.as_str()), ("ChargePeriodStart", "ConsumedQuantity"));
    assert_eq!(months(&all), ["2025-11", "2025-12", "2026-01", "2026-02"]);
    assert_eq!(all.calls, [10_310, 8_695, 9_452, 12_345]);
    assert_eq!((all.rows, all.rows_used, all.rows_without_count), (12, 10, 2));
    let sku = all.choices.iter().find(|c| c.column == "SkuId").unwrap();
    assert_eq!(sku.values, [("ocr-general".to_string(), 8), ("ocr-idcard".to_string(), 3), (String::new(), 1)]);

    // One SKU: general 10,000 / 8,600 / 9,050 / 12,345.
    let general = usage::read(&text, &filtered("SkuId", "ocr-general")).unwrap();
    assert_eq!(general.calls, [10_000, 8_600, 9_050, 12_345]);
    assert_eq!(general.rows_filtered, 4);
    // The ID-card SKU has no row in February: the file's period still runs to February, with 0.
    let idcard = usage::read(&text, &filtered("skuid", "ocr-idcard")).unwrap();
    assert_eq!(months(&idcard), ["2025-11", "2025-12", "2026-01", "2026-02"]);
    assert_eq!(idcard.calls, [310, 95, 402, 0]);
    assert_eq!(idcard.empty_months, [Month::new(2026, 2).unwrap()]);
    assert_eq!(usage::read(&text, &filtered("SkuId", "ocr-none")), Err(UsageError::NoRows { filtered: true }));
}

#[test]
fn a_chinese_file_with_a_bom_quoted_thousands_and_a_missing_month() {
    let h = usage::read(&file("chinese-bom.csv"), &Options::default()).unwrap();
    assert_eq!((h.date_column.as_str(), h.count_column.as_str()), ("日期", "调用量（次）"));
    // October 1,200 + 3,400; November 1.5万; December no row; January 12,000 + 800.
    assert_eq!(months(&h), ["2025-10", "2025-11", "2025-12", "2026-01"]);
    assert_eq!(h.calls, [4_600, 15_000, 0, 12_800]);
    assert_eq!(h.empty_months, [Month::new(2025, 12).unwrap()]);
    assert_eq!(h.headers, ["日期", "产品名称", "调用量（次）"]);
}

#[test]
fn a_broken_row_is_named_by_line_and_column() {
    let e = usage::read(&file("broken-row.csv"), &Options::default()).unwrap_err();
    assert_eq!(e, UsageError::BadCount { line: 3, column: "调用量".into(), text: "12a".into() });
    assert_eq!(e.to_string(), "line 3, column \"调用量\": \"12a\" is not a number (write 15000, 15,000 or 15k)");
    assert_eq!(e.message(Lang::Zh), "第 3 行，“调用量”列：“12a”不是数字（可写作 15000、15,000、1.5万）");
    let e = usage::read("date,calls\n2025-11-01,5\n2025-13-01,5\n", &Options::default()).unwrap_err();
    assert_eq!(e, UsageError::BadDate { line: 3, column: "date".into(), text: "2025-13-01".into() });
    let e = usage::read("date,calls\n,5\n", &Options::default()).unwrap_err();
    assert_eq!(e, UsageError::MissingDate { line: 2, column: "date".into() });
    let e = usage::read("date,calls\n\"2025-11-01,5\n", &Options::default());
    assert!(e.is_err());
}

/// Rows that do not read, left out where the reader is asked to (a buyer's export with a typo, a
/// note and a row without its date), each listed with its line; the rest summed: 100 + 200 in
/// 2025-01 and 50 in 2025-02. A problem of the whole file (no count column) is still refused.
#[test]
fn rows_that_do_not_read_can_be_left_out_and_are_listed() {
    let text = "month,calls\n2025-01,100\n2025-01,abc\n2025-01,200\n,7\nlater,5\n2025-02,50\n";
    let e = usage::read(text, &Options::default()).unwrap_err();
    assert_eq!(e, UsageError::BadCount { line: 3, column: "calls".into(), text: "abc".into() });
    assert!(e.skips());
    let skip = Options { skip_bad_rows: true, ..Options::default() };
    let h = usage::read(text, &skip).unwrap();
    assert_eq!(h.calls, [300, 50]);
    assert_eq!((h.rows, h.rows_used, h.rows_skipped), (6, 3, 3));
    let said: Vec<(u64, &str, &str)> = h.skipped.iter().map(|r| (r.line, r.column.as_str(), r.text.as_str())).collect();
    assert_eq!(said, [(3, "calls", "abc"), (5, "month", ""), (6, "month", "later")]);
    // The page's words for them.
    let words = packwise::app::usage::summary("usage.csv", &h, Lang::En);
    assert!(
        words.contains(
            &"3 rows that do not read were left out (not counted): line 3 \"abc\", line 5 (no date), line 6 \"later\""
                .to_string()
        ),
        "{words:?}"
    );
    let e = usage::read("month,notes\n2025-01,x\n", &skip).unwrap_err();
    assert!(!e.skips() && e.code() == "no_column", "{e:?}");
}

/// `2026-02,13,500` unquoted: the thousands comma splits the count into `13` and `500`. The row
/// may as well hold a column the header does not name, so it is read as written (13), and said,
/// with both cells; a trailing empty cell, a longer row or a later text cell is not this.
#[test]
fn a_count_that_may_be_split_by_its_thousands_comma_is_said() {
    let text = "月份,调用量\n2026-01,8347\n2026-02,13,500\n2026-03,9120\n";
    let h = usage::read(text, &Options::default()).unwrap();
    assert_eq!(h.calls, [8347, 13, 9120]);
    let said: Vec<(u64, &str)> = h.split_counts.iter().map(|r| (r.line, r.text.as_str())).collect();
    assert_eq!(said, [(3, "13,500")]);
    let words = packwise::app::usage::summary("paste", &h, Lang::Zh);
    assert!(words.iter().any(|w| w.contains("第 3 行“13,500”读作 13；已按所写读入")), "{words:?}");
    // Quoted, it is 13,500; these are not a split count.
    let h = usage::read("月份,调用量\n2026-02,\"13,500\"\n", &Options::default()).unwrap();
    assert_eq!((h.calls.clone(), h.split_counts.len()), (vec![13_500], 0));
    for text in [
        "date,calls,cost\n2026-01,120,150,\n",
        "date,calls,cost,note\n2026-01,120,150,ok, checked\n",
        "month,calls\n2026-02,13,note\n",
        "month,calls\n2026-02,13,500,7\n",
    ] {
        assert!(usage::read(text, &Options::default()).unwrap().split_counts.is_empty(), "{text}");
    }
}

#[test]
fn total_rows_are_skipped_and_said() {
    // A spreadsheet's footer, and a subtotal with its label in another column.
    let h = usage::read("month,service,calls\n2025-01,ocr,100\n2025-02,ocr,200\nTotal,,300\n", &Options::default())
        .unwrap();
    assert_eq!((h.calls.clone(), h.rows, h.rows_total), (vec![100, 200], 2, 1));
    let h =
        usage::read("月份,服务,调用量\n2025-01,ocr,100\n,合计：,100\n2025-02,ocr,5\n", &Options::default()).unwrap();
    assert_eq!((h.calls.clone(), h.rows_total), (vec![100, 5], 1));
    assert_eq!(h.comma_decimal, None);
}

#[test]
fn separators_are_found_and_columns_can_be_named() {
    // Semicolon-separated, as European spreadsheets save CSV: a point between thousands, a comma
    // before decimals.
    let semi = usage::read("Month;Service;Requests\n2025-11;ocr;1.234\n2025-12;ocr;\"2.000,0\"\n", &Options::default());
    let semi = semi.unwrap();
    assert_eq!(semi.calls, [1_234, 2_000]);
    // The reading is said: the first count whose comma was taken as a decimal mark.
    let said = usage::CommaDecimal { line: 3, text: "2.000,0".into(), read: "2000.0".into() };
    assert_eq!(semi.comma_decimal, Some(said));
    let three = usage::read("Month;Requests\n2024-01;\"3,000\"\n", &Options::default()).unwrap();
    assert_eq!((three.calls.clone(), three.comma_decimal.map(|c| c.read)), (vec![3], Some("3.000".into())));
    let semi = usage::read("Month;Requests\n2025-11;12,5\n", &Options::default());
    assert_eq!(semi, Err(UsageError::Fraction { month: Month::new(2025, 11).unwrap(), sum: dec!(12.5) }));
    assert_eq!(
        semi.unwrap_err().message(Lang::En),
        "2025-11 sums to 12.5, not a whole number of calls: is the count column money, in thousands, or mistyped?"
    );
    let tab = usage::read("day\tok calls\tfailed calls\n2025-11-02\t7\t1\n", &Options::default());
    assert_eq!(
        tab,
        Err(UsageError::Ambiguous { role: Role::Count, candidates: vec!["ok calls".into(), "failed calls".into()] })
    );
    let named = Options { count_column: Some("ok calls".into()), ..Options::default() };
    let h = usage::read("day\tok calls\tfailed calls\n2025-11-02\t7\t1\n", &named).unwrap();
    assert_eq!((h.calls.clone(), h.delimiter.as_str()), (vec![7], "\t"));
    let e = usage::read("when,n\n2025-11,1\n", &Options::default()).unwrap_err();
    assert_eq!(e, UsageError::NoColumn { role: Role::Date, headers: vec!["when".into(), "n".into()] });
    assert!(e.to_string().contains("among the file's columns: \"when\", \"n\""));
    let missing = Options { date_column: Some("Datum".into()), ..Options::default() };
    assert_eq!(
        usage::read("date,calls\n2025-11,1\n", &missing),
        Err(UsageError::UnknownColumn {
            role: Role::Date,
            name: "Datum".into(),
            headers: vec!["date".into(), "calls".into()]
        })
    );
    assert_eq!(Filter::parse("SkuId"), Err(UsageError::BadFilter { text: "SkuId".into() }));
}

#[test]
fn day_first_and_month_first_dates_follow_the_file() {
    let day_first = "date,calls\n03/11/2025,100\n25/11/2025,50\n02/12/2025,7\n";
    assert_eq!(usage::read(day_first, &Options::default()).unwrap().calls, [150, 7]);
    let month_first = "date,calls\n03/11/2025,100\n11/25/2025,50\n";
    let h = usage::read(month_first, &Options::default()).unwrap();
    assert_eq!(
        (months(&h), h.calls),
        (
            vec![
                "2025-03".to_string(),
                "2025-04".into(),
                "2025-05".into(),
                "2025-06".into(),
                "2025-07".into(),
                "2025-08".into(),
                "2025-09".into(),
                "2025-10".into(),
                "2025-11".into()
            ],
            vec![100, 0, 0, 0, 0, 0, 0, 0, 50]
        )
    );
    let unknown = "date,calls\n03/11/2025,100\n";
    assert_eq!(
        usage::read(unknown, &Options::default()),
        Err(UsageError::AmbiguousDate { line: 2, column: "date".into(), text: "03/11/2025".into() })
    );
    // A row left out by a filter still says which way round the file writes its dates.
    let filtered = "date,sku,calls\n03/11/2025,a,100\n25/12/2025,b,7\n";
    let h = usage::read(filtered, &Options { filters: vec![Filter::new("sku", "a").unwrap()], ..Options::default() })
        .unwrap();
    assert_eq!((months(&h), h.calls), (vec!["2025-11".to_string(), "2025-12".into()], vec![100, 0]));
    let mixed = "date,calls\n25/11/2025,100\n11/26/2025,1\n";
    assert_eq!(
        usage::read(mixed, &Options::default()),
        Err(UsageError::MixedDateOrder { line: 3, column: "date".into(), text: "11/26/2025".into() })
    );
}

#[test]
fn corrections_are_summed_and_a_month_below_zero_is_refused() {
    let h = usage::read("date,calls\n2025-11-01,500\n2025-11-20,-120\n", &Options::default()).unwrap();
    assert_eq!(h.calls, [380]);
    assert_eq!(
        usage::read("date,calls\n2025-11-01,100\n2025-11-20,-120\n", &Options::default()),
        Err(UsageError::BelowZero { month: Month::new(2025, 11).unwrap(), sum: dec!(-20) })
    );
    let e = usage::read("date,calls\n2015-01-01,1\n2025-11-01,1\n", &Options::default()).unwrap_err();
    assert_eq!(e.to_string(), "from 2015-01 to 2025-11 is 131 months; the most is 120: export the latest months only");
    assert_eq!(usage::read("", &Options::default()), Err(UsageError::Empty));
    assert_eq!(usage::read("\u{feff}\n\n", &Options::default()), Err(UsageError::Empty));
    assert_eq!(usage::read("date,calls\n", &Options::default()), Err(UsageError::HeaderOnly));
    // A count past any month's: too large, not "not a number".
    let huge = usage::read("date,calls\n2025-11-01,1e30\n", &Options::default()).unwrap_err();
    assert_eq!(huge.code(), "bad_count");
    assert_eq!(
        huge.to_string(),
        "line 2, column \"calls\": \"1e30\" is too large (a month holds at most 1,000,000,000,000 calls)"
    );
    // An Excel file or an archive (its bytes as the page reads them): not text, said so, and no
    // garbage offered as headers.
    let xlsx = "PK\u{3}\u{4}\u{14}\u{0}\u{6}\u{0}\u{8}\u{0}\u{0}\u{0}!\u{0}b\u{fffd}h^\n[Content_Types].xml";
    assert_eq!(usage::read(xlsx, &Options::default()), Err(UsageError::NotText { line: 1 }));
    assert_eq!(usage::headers(xlsx), Err(UsageError::NotText { line: 1 }));
    assert_eq!(UsageError::NotText { line: 1 }.code(), "unreadable");
    assert_eq!(
        UsageError::NotText { line: 3 }.message(Lang::Zh),
        "第 3 行起不是文本：这不是 UTF-8 的 CSV 文件（Excel 表格或 UTF-16 文本请先另存为 CSV UTF-8）"
    );
    assert_eq!(usage::read("\0\0\0", &Options::default()), Err(UsageError::Empty));
    let note = format!("date,calls\n2025-11-01,{}\n", "x".repeat(70));
    assert!(matches!(usage::read(&note, &Options::default()), Err(UsageError::BadCount { .. })));
    // NULs padding the end of a file are no reason to refuse it.
    assert_eq!(usage::read("date,calls\n2025-11-01,100\n\0\0\0", &Options::default()).unwrap().calls, [100]);
    // Too large in a semicolon file too (its count read with a decimal comma).
    let huge = usage::read("date;calls\n2025-11-01;123456789012345678901234,5\n", &Options::default()).unwrap_err();
    assert!(matches!(huge, UsageError::CountTooLarge { line: 2, .. }), "{huge:?}");
    // And left out with the rows that do not read, where asked.
    let skipped = Options { skip_bad_rows: true, ..Options::default() };
    let h = usage::read("date,calls\n2025-11-01,1e30\n2025-11-02,5\n", &skipped).unwrap();
    assert_eq!((h.calls.clone(), h.rows_skipped), (vec![5], 1));
    assert_eq!(UsageError::HeaderOnly.message(Lang::Zh), "文件只有标题行，没有数据行");
    // A column of counts alone: said as such, with what a file needs (the code stays no_header).
    let one = usage::read("calls\n6200\n6900\n7400\n", &Options::default()).unwrap_err();
    assert_eq!(one, UsageError::OneColumn { name: "calls".into() });
    assert_eq!(one.code(), "no_header");
    assert_eq!(
        one.to_string(),
        "only one column (\"calls\"): a usage file needs a date (or month) column and a count column, like month,calls then 2026-05,6200"
    );
    assert_eq!(usage::read("\n\n", &Options::default()), Err(UsageError::Empty));
    assert_eq!(usage::read(";;\n", &Options::default()), Err(UsageError::NoHeader));
    let big = "x".repeat(usage::MAX_BYTES + 1);
    let e = usage::read(&big, &Options::default()).unwrap_err();
    assert_eq!(e, UsageError::TooLarge { bytes: usage::MAX_BYTES as u64 + 1 });
    assert!(e.to_string().starts_with("the file is 67,108,865 bytes; the most read is 67,108,864 (64 MB)"));
}

#[test]
fn a_ten_percent_history_forecasts_ten_percent() {
    let mut text = String::from("month,calls\n");
    let history = [10000, 11000, 12100, 13310, 14641, 16105, 17716, 19487, 21436, 23579, 25937, 28531];
    for (m, c) in Month::new(2025, 1).unwrap().run(12).iter().zip(history) {
        text += &format!("{m},{c}\n");
    }
    let h = usage::read(&text, &Options::default()).unwrap();
    assert_eq!(h.calls, history);
    let f = forecast(&h.calls, 4, None).unwrap();
    assert_eq!(f.growth, dec!(10.00));
    // 10,000 × 1.1^12…15 = 31,384.28, 34,522.71, 37,974.98, 41,772.48.
    assert_eq!(f.calls, [31_384, 34_523, 37_975, 41_772]);
}

#[test]
fn hindsight_prices_the_history_three_ways() {
    // 活体人脸核身, 15,000 calls a month for 3 months. Postpaid only: the month's 15,000 calls
    // reach the 0.75 元 tier: 3 × 11,250 = 33,750 元. The visitor's plan, one 10,000-call pack
    // (8,000 元) a month, the other 5,000 at the 0.85 元 tier: 3 × 12,250 = 36,750 元 (the
    // documents' worked example, three times). With hindsight nothing beats postpaid only.
    let mut line = Line::new("活体人脸核身", vec![15_000; 3]);
    for m in 1..=3 {
        line.packs.push(packwise::engine::PackPurchase { size: 10_000, count: 1, month: m });
    }
    line.usage_months = Month::new(2025, 11).unwrap().run(3);
    let h = hindsight(catalog::builtin(), &line, 0, Lang::En).unwrap();
    assert_eq!(h.postpaid_only, Some(dec!(33750.00)));
    assert_eq!(h.yours, Some(dec!(36750.00)));
    assert_eq!(h.cheapest, Some(dec!(33750.00)));
    assert_eq!(h.saving_vs_yours, Some(dec!(3000.00)));
    assert!(h.plan.is_empty() && h.proven);
    assert_eq!(h.months[0].postpaid_only, Some(dec!(11250.00)));
    assert_eq!(h.months[0].yours, Some(dec!(12250.00)));
    assert_eq!(h.months[0].cheapest, Some(dec!(11250.00)));
    assert_eq!(h.months[2].month, Month::new(2026, 1));
}

/// A forecast's note may say the line's range is its own (`own_range`); documents before it, or
/// with `false`, read as the forecast's interval, and anything but a boolean is refused there.
#[test]
fn a_forecast_note_reads_own_range_as_a_boolean() {
    let doc = |own: &str| {
        format!(
            r#"{{"lines":[{{"service":"活体人脸核身","calls":[1000,1100],"calls_low":[900,950],"calls_high":[1200,1300],
            "forecast":{{"growth":"10","months":["2026-01","2026-02"],"history":["2025-01","2025-12"]{own}}}}}]}}"#
        )
    };
    let read = |own: &str| packwise::engine::Estimate::from_json(&doc(own));
    let own = |e: &packwise::engine::Estimate| e.lines[0].forecast.as_ref().unwrap().own_range;
    assert!(!own(&read("").unwrap()));
    assert!(!own(&read(r#","own_range":false"#).unwrap()));
    let kept = read(r#","own_range":true"#).unwrap();
    assert!(own(&kept));
    assert_eq!(packwise::engine::Estimate::from_json(&kept.to_json()).unwrap(), kept);
    let e = read(r#","own_range":"yes""#).unwrap_err();
    assert_eq!(e.path().to_string(), "lines[0].forecast.own_range");
}

#[test]
fn a_history_or_forecast_drops_purchases_made_for_other_months() {
    let h = usage::read("month,calls\n2025-05,28400\n2025-06,30100\n2025-07,31900\n", &Options::default()).unwrap();
    // The page's first example: 15,000 calls with a 1万 pack in month 1, months with no
    // calendar. Its month 1 was not May 2025: the pack goes, rather than moving to May.
    let mut line = Line::new("活体人脸核身", vec![15_000]).with_packs(10_000, 1);
    assert_eq!(h.apply(&mut line), 1);
    assert!(line.packs.is_empty());
    // A pack bought in the history's own month 2 stays when the history is applied again.
    line = line.with_packs(10_000, 2);
    line.packs[0].month = 2;
    assert_eq!(h.apply(&mut line), 0);
    assert_eq!(line.packs.len(), 1);
    // A forecast starts in 2025-08, another month 1: dropped. Made again (another growth), the
    // same months: a purchase in its month 3 is kept, one past its months is dropped.
    let f = forecast(&h.calls, 6, None).unwrap();
    assert_eq!(h.apply_forecast(&f, &mut line), 1);
    line = line.with_packs(100_000, 1).with_packs(1_000, 1);
    (line.packs[0].month, line.packs[1].month) = (3, 6);
    let shorter = forecast(&h.calls, 4, Some(dec!(2))).unwrap();
    assert_eq!(h.apply_forecast(&shorter, &mut line), 1);
    assert_eq!((line.packs.len(), line.packs[0].month, line.calls.len()), (1, 3, 4));
}

#[test]
fn rows_without_a_header_are_all_usage() {
    // Rows copied from a spreadsheet without their headings (tab separated): the first row is
    // May's usage, not a header, and its columns are named by place.
    let text = "2025-05\t28400\n2025-06\t30100\n2025-07\t31900\n";
    assert_eq!(usage::headers(text).unwrap(), ["column 1", "column 2"]);
    let h = usage::read(text, &Options::default()).unwrap();
    assert_eq!(months(&h), ["2025-05", "2025-06", "2025-07"]);
    assert_eq!(h.calls, [28_400, 30_100, 31_900]);
    // Named by the visitor, the same.
    let named =
        Options { date_column: Some("column 1".into()), count_column: Some("column 2".into()), ..Options::default() };
    assert_eq!(usage::read(text, &named).unwrap().calls, [28_400, 30_100, 31_900]);
    // A count before the date, and a third column of words.
    let h = usage::read("1200,2025-11-03,api\n800,2025-11-20,api\n500,2025-12-01,api\n", &Options::default()).unwrap();
    assert_eq!((months(&h), h.calls.clone()), (vec!["2025-11".to_string(), "2025-12".to_string()], vec![2_000, 500]));
    // A header of words is still a header, and so is a wide table's of bare months.
    assert_eq!(usage::headers("month,calls\n2025-05,1\n").unwrap(), ["month", "calls"]);
    assert_eq!(usage::headers("Service,202510,202511\nOCR,5,6\n").unwrap(), ["Service", "202510", "202511"]);
    // An index beside the count: two numbers, so the visitor names the count (nothing guessed).
    let indexed = "1,2025-10,100\n2,2025-11,200\n3,2025-12,300\n";
    assert!(matches!(usage::read(indexed, &Options::default()), Err(UsageError::NoColumn { .. })));
    let named = Options { count_column: Some("column 3".into()), ..Options::default() };
    assert_eq!(usage::read(indexed, &named).unwrap().calls, [100, 200, 300]);
}

#[test]
fn pasted_counts_with_thousands_commas_keep_them() {
    // Rows copied from a spreadsheet: tab separated, the counts written 6,200. A comma on every
    // line as often as a tab is no separator there: read as one, May was 200 calls.
    let tabbed = "2026年5月\t6,200\n2026年6月\t6,900\n";
    let h = usage::read(tabbed, &Options::default()).unwrap();
    assert_eq!(
        (months(&h), h.calls.clone(), h.delimiter.as_str()),
        (vec!["2026-05".into(), "2026-06".into()], vec![6_200, 6_900], "\t")
    );
    // With a header of words too.
    let h = usage::read("月份\t调用量\n2026-05\t6,200\n2026-06\t6,900\n", &Options::default()).unwrap();
    assert_eq!(h.calls, [6_200, 6_900]);
    // Separated by spaces (as a table copied from a web page or a document): the last run of
    // spaces on each line parts the date from the count.
    for spaced in [
        "2026-05 6,200\n2026-06   6,900\n",
        "month calls\n2026-05 6,200\n2026-06 6,900\n",
        "2026-05 6200\n2026-06 6900\n",
    ] {
        let h = usage::read(spaced, &Options::default()).unwrap();
        assert_eq!(
            (months(&h), h.calls.clone()),
            (vec!["2026-05".into(), "2026-06".into()], vec![6_200, 6_900]),
            "{spaced:?}"
        );
    }
    // Dates with spaces in them, counts after them.
    let h = usage::read("May 2026 6,200\nJun 2026 6,900\n", &Options::default()).unwrap();
    assert_eq!(h.calls, [6_200, 6_900]);
    // A comma-separated file stays one, spaces after its commas or not.
    let h = usage::read("2026-05, 6200\n2026-06, 6900\n", &Options::default()).unwrap();
    assert_eq!((h.calls.clone(), h.delimiter.as_str()), (vec![6_200, 6_900], ","));
    let h = usage::read("month,calls\n2026-05 ,6200\n2026-06 ,6900\n", &Options::default()).unwrap();
    assert_eq!(h.calls, [6_200, 6_900]);
    // A date with a stray number after it is no date: refused, not read as the 6th of May.
    assert!(matches!(usage::read("date,calls\n2026-05 6,200\n", &Options::default()), Err(UsageError::BadDate { .. })));
    // A count too large for any month, pasted without a header: said as too large, at its row.
    let huge = usage::read("2026-05\t99999999999999999999999\n", &Options::default());
    assert!(matches!(huge, Err(UsageError::CountTooLarge { line: 1, .. })), "{huge:?}");
    // Past the first lines, a row parted by spaces that does not read is said at its line, not
    // left out unsaid.
    let mut long: String = (1..=12).map(|m| format!("2025-{m:02} 1,000\n")).collect();
    long.push_str("2026-01 abc\n");
    assert!(
        matches!(usage::read(&long, &Options::default()), Err(UsageError::BadCount { line: 13, .. })),
        "{:?}",
        usage::read(&long, &Options::default())
    );
    // Another column beside the date and the count is not taken into the date (two SKUs of a
    // day added up, or a second number read as the count): not read as spaced rows.
    for other in [
        "2025-05-03 search 1200\n2025-05-03 maps 300\n",
        "2025-05-03 1200 300\n2025-05-04 1100 200\n",
        "api 2025-05 1200\napi 2025-06 1300\n",
    ] {
        assert!(
            usage::read(other, &Options::default()).is_err(),
            "{other:?}: {:?}",
            usage::read(other, &Options::default())
        );
    }
    // Dates with a day before the month's name, a weekday, a time's AM/PM or zone: all part of
    // the date, the count after them.
    for dated in [
        "3 Nov 2025 1,000\n4 Dec 2025 2,000\n",
        "Date Calls\n3 Nov 2025 1,000\n4 Dec 2025 2,000\n",
        "Mon 3 Nov 2025 1,000\nThu 4 Dec 2025 2,000\n",
        "2025-11-03 4:00 PM 1,000\n2025-12-04 9:00 AM 2,000\n",
        "11/13/2025 4:00 PM 1000\n12/14/2025 4:00 PM 2000\n",
        "2025-11-03 16:00 UTC 1,000\n2025-12-04 16:00 UTC 2,000\n",
    ] {
        let h = usage::read(dated, &Options::default()).unwrap_or_else(|e| panic!("{dated:?}: {e}"));
        assert_eq!(h.calls, [1_000, 2_000], "{dated:?}");
    }
    // Korean dates pasted without a header.
    let h = usage::read("2025년 11월 3일\t1000\n2025년 12월 3일\t2000\n", &Options::default()).unwrap();
    assert_eq!(h.calls, [1_000, 2_000]);
    // A count too large, parted by spaces: said as too large.
    let huge = usage::read("2026-05 99999999999999999999999\n2026-06 1\n", &Options::default());
    assert!(matches!(huge, Err(UsageError::CountTooLarge { line: 1, .. })), "{huge:?}");
    // A row past the first lines with another column beside its date is not added into its month.
    let mut long: String = (1..=12).map(|m| format!("2025-{m:02} 1,000\n")).collect();
    long.push_str("2025-05-03 search 1200\n");
    let h = usage::read(&long, &Options::default()).unwrap();
    assert_eq!((h.calls[4], h.rows_without_count), (1_000, 1));
    // A total among the rows is skipped as in any file; a time of day stays part of the date.
    let h = usage::read("2025-05 1,000\n2025-06 2,000\nTotal 3,000\n", &Options::default()).unwrap();
    assert_eq!((h.calls.clone(), h.rows_total), (vec![1_000, 2_000], 1));
    let h = usage::read("2025-05-03 16:00 1,000\n2025-06-01 09:30 2,000\n", &Options::default()).unwrap();
    assert_eq!(h.calls, [1_000, 2_000]);
}

#[test]
fn the_forecasts_interval_is_students_for_a_short_history() {
    // Eight months fitted: 6.27 % a month (the median of the 28 slopes between two months of
    // the logarithms), from a level of 15,891 (the line through the months' median offset),
    // residuals' s = 0.05863 (6 degrees of freedom). The 80 % interval takes Student's t =
    // 1.440, not the normal's 1.2816 (too narrow for a spread measured on 8 months). Month 1:
    // 16,887 × exp(∓1.440 × 0.05863 × √(1 + 1/8 + 4.5² / 42)) = 15,173 – 18,795; month 3
    // (x − x̄ = 6.5): 19,071 → 16,860 – 21,573 (worked in a separate script).
    let h = [10_000, 11_500, 11_000, 13_000, 12_500, 14_800, 14_000, 16_500];
    let f = forecast(&h, 3, None).unwrap();
    assert_eq!((f.growth, f.level, f.spread), (dec!(6.27), 15_891, dec!(6.0)));
    assert_eq!(f.calls, [16_887, 17_946, 19_071]);
    assert_eq!(f.calls_low, [15_173, 16_001, 16_860]);
    assert_eq!(f.calls_high, [18_795, 20_127, 21_573]);
    assert_eq!(usage::forecast::t90(6), 1.440);
    assert_eq!(usage::forecast::t90(1_000), usage::forecast::Z);
}

/// Typed calls dated from a first month: read, written back, checked against a history's own
/// months and the last month a date can have; editing the calls keeps a forecast's dates; a
/// forecast for the same months keeps the purchases made for them.
#[test]
fn typed_calls_dated_from_a_first_month() {
    use packwise::engine::Estimate;
    let doc = r#"{"lines":[{"service":"活体人脸核身","calls":[1000,1100,1200],"first_month":"2027-11"}]}"#;
    let e = Estimate::from_json(doc).unwrap();
    let calendar: Vec<String> = e.lines[0].calendar().iter().map(|m| m.to_string()).collect();
    assert_eq!(calendar, ["2027-11", "2027-12", "2028-01"], "it runs over the year's end");
    assert_eq!(Estimate::from_json(&e.to_json()).unwrap(), e, "written back as read");
    assert!(e.to_json().contains(r#""first_month":"2027-11""#));
    // Not with a history's months, not past 9999-12, not a month that is none.
    let with = |extra: &str| {
        Estimate::from_json(&format!(r#"{{"lines":[{{"service":"活体人脸核身","calls":[1,2]{extra}}}]}}"#))
            .unwrap_err()
            .to_string()
    };
    let both = with(r#","first_month":"2027-01","usage_months":["2025-01","2025-02"]"#);
    assert!(both.contains("lines[0].first_month") && both.contains("first_month is for typed calls"), "{both}");
    let late = with(r#","first_month":"9999-12""#);
    assert!(late.contains("the months from 9999-12 run past 9999-12"), "{late}");
    let none = with(r#","first_month":"2027-13""#);
    assert!(none.contains("lines[0].first_month") && none.contains("\"2027-13\" is not a month"), "{none}");

    // A forecast's months stay as the typed calls' first month when a month is typed over.
    let h = usage::read("month,calls\n2025-05,28400\n2025-06,30100\n2025-07,31900\n", &Options::default()).unwrap();
    let mut line = Line::new("活体人脸核身", vec![15_000]);
    line.first_month = Month::new(2030, 1);
    h.apply_forecast(&forecast(&h.calls, 6, None).unwrap(), &mut line);
    assert_eq!(line.first_month, None, "the forecast's months are its calendar");
    assert_eq!(line.calendar()[0], Month::new(2025, 8).unwrap());
    line.keep_dates();
    assert!(line.forecast.is_none() && line.calendar().len() == 6);
    assert_eq!((line.first_month, line.calendar()[5]), (Month::new(2025, 8), Month::new(2026, 1).unwrap()));
    // Typed calls dated 2025-08 with a pack in month 2: a forecast from 2025-08 keeps it.
    line = line.with_packs(10_000, 1);
    line.packs[0].month = 2;
    assert_eq!(h.apply_forecast(&forecast(&h.calls, 6, None).unwrap(), &mut line), 0);
    assert_eq!(line.packs.len(), 1);
}

/// A finance sheet whose count column is headed with the service's name (`月份, 活体人脸核身`):
/// no header says "calls", so the reader cannot tell; the import for that service reads the
/// counts from the column its name heads (3,100 and 2,900), and from a file of two services'
/// columns, each service's own.
#[test]
fn a_count_column_headed_with_the_services_name_is_read_for_that_service() {
    let text = "月份,活体人脸核身\n2025-01,\"3,100\"\n2025-02,2900\n";
    let e = usage::read(text, &Options::default()).unwrap_err();
    assert_eq!(e.count_headers(), Some(&["月份".to_string(), "活体人脸核身".to_string()][..]));
    let ask = |service: &str| usage::Import { service: service.into(), ..usage::Import::default() };
    let made = usage::import(catalog::builtin(), text, &ask("活体人脸核身")).unwrap();
    assert_eq!(made.estimate.lines[0].calls, [3_100, 2_900]);
    assert_eq!(made.history.count_column, "活体人脸核身");
    let two = "月份,活体人脸核身,身份证识别\n2025-01,3100,40\n";
    let calls =
        |service: &str| usage::import(catalog::builtin(), two, &ask(service)).unwrap().estimate.lines[0].calls.clone();
    assert_eq!((calls("活体人脸核身"), calls("ocr_id_card")), (vec![3_100], vec![40]));
    // A column of money under the service's name is no count of calls.
    for money in ["月份,活体人脸核身费用\n2025-01,100\n", "月份,活体人脸核身（元）\n2025-01,100\n"]
    {
        let refused = usage::import(catalog::builtin(), money, &ask("活体人脸核身")).unwrap_err();
        assert_eq!(refused.code(), "no_column", "{money}");
    }
    // A service no header names: still asked for.
    let refused = usage::import(catalog::builtin(), two, &ask("ocr_general_basic")).unwrap_err();
    assert_eq!(refused.code(), "no_column", "{refused}");
    // A month without its year is said to be one.
    let e = usage::read("月份,调用量\n1月,100\n2月,200\n", &Options::default()).unwrap_err();
    assert_eq!(e.message(Lang::Zh), "第 2 行，“月份”列：“1月”没有年份，看不出是哪一年：请写成 2025年1月 或 2025-01");
    let e = usage::read("month,calls\nJan,100\n", &Options::default()).unwrap_err();
    assert!(e.message(Lang::En).contains("\"Jan\" has no year"), "{}", e.message(Lang::En));
}

/// A year laid out across, as finance does (months as columns, a row per service, a total row
/// and a total column): read as a row per service and month, each service's row picked for its
/// line (the page picks it; the CLI says the filter) — liveness 3,100 / 2,900 / 3,300, ID cards
/// 40 / 50 / 0 (an empty cell) — and the total
/// row and column never counted. Any file's reader reads it, so its headers are the long ones.
#[test]
fn a_year_laid_out_across_is_read_by_service_and_month() {
    let text = "\u{feff}项目,2025-01,2025-02,2025-03,合计\n活体人脸核身,\"3,100\",2900,3300,9300\n身份证识别,40,50,,90\n合计,3140,2950,3300,9390\n";
    let all = usage::read(text, &Options::default()).unwrap();
    assert_eq!(all.headers, ["服务（项目）", "month", "calls"]);
    assert_eq!(all.calls, [3_140, 2_950, 3_300], "both services summed until one is picked");
    // The row naming the line's service, as the page picks it (the CLI says which filter).
    let picked = |service: &str| {
        let f = usage::service_value(&all.choices, catalog::builtin(), service).unwrap();
        assert_eq!(f.column, "服务（项目）");
        usage::read(text, &Options { filters: vec![f], ..Options::default() }).unwrap().calls
    };
    assert_eq!(picked("活体人脸核身"), [3_100, 2_900, 3_300]);
    assert_eq!(picked("ocr_id_card"), [40, 50, 0]);
    assert_eq!(usage::headers(text).unwrap(), ["服务（项目）", "month", "calls"]);
    // A label holding the delimiter and a quote is written back quoted, and read as it was.
    let quoted = "服务,2025-01,2025-02\n\"活体人脸核身, \"\"A\"\"\",7,8\n";
    let h = usage::read(quoted, &Options::default()).unwrap();
    assert_eq!(h.calls, [7, 8]);
    let label =
        Options { filters: vec![Filter::new("服务", "活体人脸核身, \"A\"").unwrap()], ..Options::default() };
    assert_eq!(usage::read(quoted, &label).unwrap().calls, [7, 8]);
    // A file with a date column is read as before.
    let long = usage::read("月份,调用量\n2025-01,5\n2025-02,6\n", &Options::default()).unwrap();
    assert_eq!(long.headers, ["月份", "调用量"]);
}

/// What a sheet across is not: a header-less file whose rows are a label, two dates and a count
/// is read as before (5,000 and 6,000), and a sheet whose one label is as long as the file,
/// repeated for each of its 1,000 months, is not grown into a file of 500 MB (it is read as it
/// is, and has no date column).
#[test]
fn a_file_that_is_not_a_sheet_across_is_read_as_it_is() {
    let headerless = "活体人脸核身,2025-01-01,2025-01-31,5000\n活体人脸核身,2025-02-01,2025-02-28,6000\n";
    assert_eq!(usage::read(headerless, &Options::default()).unwrap().calls, [5_000, 6_000]);
    let months: Vec<String> = (0..1_000).map(|k| format!("{}-{:02}", 2000 + k / 12, k % 12 + 1)).collect();
    let ones = vec!["1"; 1_000].join(",");
    let huge = format!("项目,{}\n{},{ones}\n", months.join(","), "x".repeat(500_000));
    let e = usage::read(&huge, &Options::default()).unwrap_err();
    assert_eq!(e.code(), "no_column", "{e}");
}

/// A sheet saved from a spreadsheet as it shows its months: across, headed `Jan-25` … (Excel's
/// `mmm-yy`), or down, `25年1月` …; and a date column saved unformatted, as the spreadsheet's
/// date serials (45658 is 2025-01-01, 45689 2025-02-01, 45716.5 noon on 2025-02-28).
#[test]
fn a_spreadsheets_months_and_date_serials_are_read() {
    let across = "Service,Jan-25,Feb-25,Mar-25\nLiveness,\"38,412\",41977,40105\n";
    let h = usage::read(across, &Options::default()).unwrap();
    assert_eq!(months(&h), ["2025-01", "2025-02", "2025-03"]);
    assert_eq!(h.calls, [38_412, 41_977, 40_105]);
    let down = usage::read("月份,调用量\n24年12月,900\n25年1月,1200\n", &Options::default()).unwrap();
    assert_eq!((months(&down), down.calls), (vec!["2024-12".to_string(), "2025-01".to_string()], vec![900, 1_200]));
    // January 1,000 + 250; February 2,000 + 300 (its last day at noon still February).
    let serials = "date,calls\n45658,1000\n45688,250\n45689,2000\n45716.5,300\n";
    let s = usage::read(serials, &Options::default()).unwrap();
    assert_eq!((months(&s), s.calls), (vec!["2025-01".to_string(), "2025-02".to_string()], vec![1_250, 2_300]));
    // A five-digit number before 1970 in the date column is still no date.
    let e = usage::read("date,calls\n12345,1000\n", &Options::default()).unwrap_err();
    assert!(e.message(Lang::En).contains("12345"), "{e}");
}

/// A year with a Double 11: 28,000 growing 3 % a month to October's 36,534, then 85,000 in
/// November and 64,000 in December. The growth is the median of the slopes between every two
/// months, 3.00 % (a least-squares fit took the peak for growth: 7.73 %, and began next year
/// at 55,378 a month); the curve's level in December is 38,759, so next January is 39,922.
/// The same months a year before at that growth: November 85,000 × 1.03¹² = 121,190 (not
/// 207,711), December 64,000 × 1.03¹² = 91,249.
#[test]
fn a_seasons_peak_at_the_end_of_a_year_is_not_taken_for_growth() {
    use packwise::engine::usage::forecast::same_months;
    let year = [28_000, 28_840, 29_705, 30_596, 31_514, 32_460, 33_433, 34_436, 35_470, 36_534, 85_000, 64_000];
    let f = forecast(&year, 12, None).unwrap();
    assert_eq!((f.fitted_growth, f.level, f.calls[0]), (Some(dec!(3.00)), 38_759, 39_922));
    let same = same_months(&year, f).unwrap();
    assert_eq!((same.calls[10], same.calls[11]), (121_190, 91_249));
}

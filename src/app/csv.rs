//! The quote as CSV, for a spreadsheet: one row per month of each line, then the line's
//! subtotal, then the grand total (and, where the estimate states the VAT of its prices, the VAT,
//! the total before it and with it). UTF-8 with a byte-order mark so Excel reads the Chinese.
//! Columns keep their places: format 2's figures (free quota, commitment, its calls and fee, the
//! minimum's raise) come after the math, the calendar month (a line imported from usage, forecast
//! from it, or typed from a first month) and the discount after those, then the line's number (two lines of one
//! service told apart; on the line's rows), the packs bought that month and the currency (on
//! every row). Until 2026-12 a total's row held its currency in the math column; it is now in
//! the currency column only.

use crate::engine::usage::Month;
use crate::engine::{Lang, Quote};

fn cell(s: &str) -> String {
    // Quote everything that could break a row, and neutralise formula injection (=, +, -, @);
    // a plain number (a discount's -220.00) is no formula and stays a number.
    let number = s.parse::<rust_decimal::Decimal>().is_ok();
    let s = if s.starts_with(['=', '+', '-', '@']) && !number { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

/// One CSV row of cells, each quoted as needed and safe from formula injection.
pub fn row(cells: &[String]) -> String {
    cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",")
}

/// The CSV text of a quote; `calendars[i]` holds line `i`'s calendar months, where it has them
/// (`Line::calendar`).
pub fn quote_csv(q: &Quote, calendars: &[Vec<Month>], lang: Lang) -> String {
    written(q, calendars, lang.pick("总计", "Total"), 1, lang)
}

/// The CSV of line `n`'s plan alone (1-based; the cheapest plan's export): the quote's, its
/// summing rows named for the line (`第 2 项`, `Line 2`), not as the estimate's total, so that
/// it is not read as the whole budget.
pub fn line_csv(q: &Quote, calendar: &[Month], n: usize, lang: Lang) -> String {
    let name = match lang {
        Lang::Zh => format!("第 {n} 项合计"),
        Lang::En => format!("Line {n} total"),
    };
    written(q, &[calendar.to_vec()], &name, n, lang)
}

/// [`quote_csv`], its summing rows named from `total` ("总计", "总计（低情形）", …), its lines
/// numbered from `first` (the estimate's line number of a line exported alone).
fn written(q: &Quote, calendars: &[Vec<Month>], total: &str, first: usize, lang: Lang) -> String {
    let header: Vec<String> = match lang {
        Lang::Zh => [
            "服务",
            "月份",
            "调用量",
            "赠送抵扣",
            "资源包抵扣",
            "后付费调用",
            "被拒绝",
            "过期作废",
            "资源包费用",
            "后付费费用",
            "小计",
            "计算过程",
            "每月免费额度",
            "承诺套餐",
            "承诺套餐抵扣",
            "承诺套餐费用",
            "最低消费补足",
            "日历月",
            "折扣",
            "项号",
            "本月购买",
            "币种",
        ],
        Lang::En => [
            "Service",
            "Month",
            "Calls",
            "Free",
            "From packs",
            "Postpaid calls",
            "Refused",
            "Expired",
            "Pack cost",
            "Postpaid cost",
            "Subtotal",
            "Math",
            "Free quota",
            "Commitment",
            "From the commitment",
            "Commitment fee",
            "Minimum raise",
            "Calendar month",
            "Discount",
            "Line",
            "Bought this month",
            "Currency",
        ],
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    // An amount, or why it has none, in the arithmetic's words (a line's reason: 联系商务,
    // 询价, 未列价格).
    let money_or = |d: Option<rust_decimal::Decimal>, why: Option<crate::engine::explain::Missing>| {
        d.map_or_else(
            || why.unwrap_or(crate::engine::explain::Missing::ContactSales).word(lang).to_string(),
            |d| d.to_string(),
        )
    };
    // The first reason a line gives, for the totals.
    let why = q.lines.iter().find_map(|l| l.missing_price);
    // An amount, or where it waits for a price what has one and why (in the arithmetic's words).
    let waits = |amount: Option<rust_decimal::Decimal>, part: Option<rust_decimal::Decimal>, why| match (amount, part) {
        (None, Some(p)) => format!("{p} + {}", money_or(None, why)),
        _ => money_or(amount, why),
    };
    // A summing row (a total, a range's case) to its end: its line's number where it is a
    // line's, no packs, and the currency, where every row has it.
    let summing = |mut cells: Vec<String>, line: Option<usize>| {
        cells.resize(header.len() - 3, String::new());
        cells.extend([line.map_or_else(String::new, |i| (i + first).to_string()), String::new(), q.currency.clone()]);
        cells
    };
    let mut out = String::from("\u{feff}");
    out.push_str(&row(&header));
    out.push_str("\r\n");
    for (i, l) in q.lines.iter().enumerate() {
        let calendar = calendars.get(i).map(Vec::as_slice).unwrap_or_default();
        let money = |d| money_or(d, l.missing_price);
        for m in &l.months {
            // The month's part of the line's discount (its cost is after it, the figures before
            // it), so that the row adds up; empty without one.
            let list = m.postpaid_cost.map(|p| p + m.packs_bought + m.commitment_fee + m.minimum_raise);
            let discount = match (l.discount, m.cost, list) {
                (Some(_), Some(cost), Some(list)) => (cost - list).to_string(),
                _ => String::new(),
            };
            out.push_str(&row(&[
                l.service_name.clone(),
                m.month.to_string(),
                m.calls.to_string(),
                m.free_calls.to_string(),
                m.pack_calls.to_string(),
                m.postpaid_calls.to_string(),
                m.refused_calls.to_string(),
                m.expired_calls.to_string(),
                m.packs_bought.to_string(),
                money(m.postpaid_cost),
                money(m.cost),
                m.explanation.clone(),
                m.free_quota_calls.to_string(),
                m.commitment.clone().unwrap_or_default(),
                m.commitment_calls.to_string(),
                m.commitment_fee.to_string(),
                m.minimum_raise.to_string(),
                calendar.get((m.month as usize).wrapping_sub(1)).map(ToString::to_string).unwrap_or_default(),
                discount,
                (i + first).to_string(),
                super::format::bought_in(l.packs.iter().map(|p| (p.month, p.count, p.size)), m.month, lang),
                q.currency.clone(),
            ]));
            out.push_str("\r\n");
        }
        out.push_str(&row(&[
            l.service_name.clone(),
            lang.pick("合计", "all").to_string(),
            l.calls.to_string(),
            l.free_calls_used.to_string(),
            l.pack_calls.to_string(),
            l.postpaid_calls.to_string(),
            l.refused_calls.to_string(),
            l.expired_calls.to_string(),
            l.pack_cost.to_string(),
            money(l.postpaid_cost),
            money(l.total),
            l.explanation.clone(),
            l.free_quota_calls.to_string(),
            String::new(),
            l.commitment_calls.to_string(),
            l.commitment_cost.to_string(),
            l.minimum_cost.to_string(),
            String::new(),
            l.discount.map(|d| d.amount.map_or_else(|| money(None), |a| (-a).to_string())).unwrap_or_default(),
            (i + first).to_string(),
            String::new(),
            q.currency.clone(),
        ]));
        out.push_str("\r\n");
        // A range of volumes: the line's low and high cases, their totals where the subtotal is.
        if let Some(r) = l.range {
            for (case, total) in [(lang.pick("低情形", "low case"), r.low), (lang.pick("高情形", "high case"), r.high)]
            {
                let cells = in_subtotal(vec![l.service_name.clone(), case.to_string()], money(total));
                out.push_str(&row(&summing(cells, Some(i))));
                out.push_str("\r\n");
            }
        }
    }
    let money = |d| money_or(d, why);
    out.push_str(&row(&summing(in_subtotal(vec![total.to_string()], money(q.total)), None)));
    out.push_str("\r\n");
    // Where some calls wait for a price: what the rest comes to.
    if let Ok(Some(part)) = crate::engine::quote::priced_part(&q.lines) {
        let name = lang.pick("有价格部分合计", "Total of what has a price").to_string();
        out.push_str(&row(&summing(in_subtotal(vec![name], part.to_string()), None)));
        out.push_str("\r\n");
    }
    if let Some(r) = q.range {
        // Where a line waits for a price, what has one in that case, and why the rest waits.
        let part = crate::engine::quote::priced_range_part(q.lines.iter()).ok().flatten();
        for (case, amount, priced) in [
            (lang.pick("{t}（低情形）", "{t}, low case"), r.low, part.and_then(|p| p.low)),
            (lang.pick("{t}（高情形）", "{t}, high case"), r.high, part.and_then(|p| p.high)),
        ] {
            let case = case.replace("{t}", total);
            out.push_str(&row(&summing(in_subtotal(vec![case], waits(amount, priced, why)), None)));
            out.push_str("\r\n");
        }
        // The cases weighted: what the estimate is expected to cost.
        if let Some(e) = q.expected {
            let name = lang.pick("{t}（期望费用）", "{t}, expected cost").replace("{t}", total);
            out.push_str(&row(&summing(in_subtotal(vec![name], money(Some(e))), None)));
            out.push_str("\r\n");
        }
    }
    // The total split by the VAT stated for the prices: the VAT and the other side of it.
    if let Some(v) = q.vat {
        let p = crate::engine::money::plain(v.percent);
        let rows = [
            (format!("{}{p}%", lang.pick("增值税 ", "VAT ")), v.vat),
            (lang.pick("{t}（不含税）", "{t} before VAT").replace("{t}", total), v.before_vat),
            (lang.pick("{t}（含税）", "{t} with VAT").replace("{t}", total), v.with_vat),
        ];
        for (name, amount) in rows {
            out.push_str(&row(&summing(in_subtotal(vec![name], money(Some(amount))), None)));
            out.push_str("\r\n");
        }
    }
    // Two lines or more: each month, the lines together (at its date where they are dated), the
    // figure a budget is planned by.
    let dated =
        || q.lines.iter().enumerate().map(|(i, l)| (l, calendars.get(i).map(Vec::as_slice).unwrap_or_default()));
    if let Some(months) = crate::engine::quote::by_month(dated()).filter(|_| q.lines.len() > 1) {
        let name = lang.pick("各月合计（所有项）", "Each month, all lines");
        for m in months {
            // A month waiting for a price: what its priced lines come to, and why.
            let mut cells =
                in_subtotal(vec![name.to_string(), m.month.to_string()], waits(m.cost, m.priced, m.missing));
            // Its date in the calendar month's column.
            cells.resize(CALENDAR_COLUMN, String::new());
            cells.push(m.date.map(|d| d.to_string()).unwrap_or_default());
            out.push_str(&row(&summing(cells, None)));
            out.push_str("\r\n");
        }
    }
    // With VAT stated and every month priced: each month on the other side of it, adding up to
    // the total's (the VAT of a monthly bill).
    let months =
        q.vat.and_then(|_| crate::engine::quote::by_month(dated())).filter(|ms| ms.iter().all(|m| m.cost.is_some()));
    if let (Some(split), Some(months)) = (q.vat, months) {
        let vat = crate::engine::vat::Vat { percent: split.percent, included: split.included };
        let name = match (split.included, lang) {
            (true, Lang::Zh) => "各月合计（不含税）",
            (false, Lang::Zh) => "各月合计（含税）",
            (true, Lang::En) => "Each month, before VAT",
            (false, Lang::En) => "Each month, with VAT",
        };
        let sides = vat.other_side_parts(&months.iter().map(|m| m.cost).collect::<Vec<_>>());
        for (m, side) in months.iter().zip(sides) {
            let mut cells = in_subtotal(vec![name.to_string(), m.month.to_string()], money(side));
            cells.resize(CALENDAR_COLUMN, String::new());
            cells.push(m.date.map(|d| d.to_string()).unwrap_or_default());
            out.push_str(&row(&summing(cells, None)));
            out.push_str("\r\n");
        }
    }
    // What the figures rest on, for whoever reads the file without the page: the price list's
    // readings for every line, then each line's (once each).
    let mut said: Vec<&str> = Vec::new();
    for a in q.assumptions.iter().chain(q.lines.iter().flat_map(|l| l.assumptions.iter())) {
        if !said.contains(&a.as_str()) {
            said.push(a);
            out.push_str(&row(&[lang.pick("假设", "Assumption").to_string(), a.clone()]));
            out.push_str("\r\n");
        }
    }
    out
}

/// A range plan's own rows, after its months (the cheapest plan's CSV): its expected cost at the
/// weights, and each case's cost with the pack calls it leaves to expire unused.
pub fn range_plan_rows(r: &crate::engine::optimize::RangePlan, lang: Lang) -> String {
    let t = super::text::texts(lang);
    let amount = |d: Option<rust_decimal::Decimal>| d.map_or_else(String::new, |d| d.to_string());
    let mut out = format!("{}\r\n", row(&[t.expected_cost.to_string(), amount(r.expected)]));
    for c in &r.cases {
        let name = super::format::case_name(c.case, lang);
        let expiring = lang.pick("资源包过期未用（次）", "Pack calls expiring unused");
        out.push_str(&row(&[name.to_string(), amount(c.total), expiring.to_string(), c.expired_calls.to_string()]));
        out.push_str("\r\n");
    }
    out
}

/// The row that says why a plan is the one to buy, in the optimizer's words: proven the cheapest,
/// or how far above the optimum it can be (`说明,…最多比最优贵 17,980.48 元（0.88%）`), so that a
/// plan's file forwarded on keeps it.
pub fn plan_why_row(explanation: &str, lang: Lang) -> String {
    format!("{}\r\n", row(&[lang.pick("说明", "Why this plan").to_string(), explanation.to_string()]))
}

/// The row that dates an export (`导出日期,2026-12-05`), at its end.
pub fn exported_on(today: &str, lang: Lang) -> String {
    format!("{}\r\n", row(&[lang.pick("导出日期", "Exported on").to_string(), today.to_string()]))
}

/// Where the quote CSV's header puts the calendar month (its 18th column, `日历月`).
const CALENDAR_COLUMN: usize = 17;

/// A summing row: its first cells, then `amount` in the subtotal column (the quote CSV's 11th).
fn in_subtotal(mut cells: Vec<String>, amount: String) -> Vec<String> {
    cells.resize(10, String::new());
    cells.push(amount);
    cells
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::edit::default_estimate;
    use crate::engine::{catalog, quote};

    #[test]
    fn vat_stated_adds_its_rows_after_the_total() {
        let mut e = default_estimate();
        e.vat = Some(crate::engine::vat::Vat { percent: rust_decimal::Decimal::from(6), included: false });
        let csv = quote_csv(&quote(catalog::builtin(), &e, Lang::En).unwrap(), &[], Lang::En);
        let rows: Vec<&str> = csv.trim_end().split("\r\n").collect();
        // 12,250.00 before 6 %: 735.00, 12,985.00 with it.
        assert_eq!(rows[4], "VAT 6%,,,,,,,,,,735.00,,,,,,,,,,,CNY");
        assert_eq!(rows[5], "Total before VAT,,,,,,,,,,12250.00,,,,,,,,,,,CNY");
        assert_eq!(rows[6], "Total with VAT,,,,,,,,,,12985.00,,,,,,,,,,,CNY");
    }

    #[test]
    fn the_worked_example_exports_with_its_math() {
        let q = quote(catalog::builtin(), &default_estimate(), Lang::Zh).unwrap();
        let csv = quote_csv(&q, &[], Lang::Zh);
        assert!(csv.starts_with('\u{feff}'));
        let all: Vec<&str> = csv.trim_end().split("\r\n").collect();
        // The figures, then what they rest on: the list's readings, then the line's (the tier
        // boundary read from example one, and the accounts the prices are for), 4 + 2.
        let rows: Vec<&str> = all.iter().copied().take_while(|r| !r.starts_with("假设,")).collect();
        assert_eq!(rows.len(), 4);
        assert_eq!(all.len(), 4 + 6);
        assert!(all[4].starts_with("假设,\"后付费阶梯按当月转入后付费的调用量确定（示例二"), "{}", all[4]);
        assert!(all[8].starts_with("假设,适用的账号"), "{}", all[8]);
        assert!(all[9].starts_with("假设,\"档位边界"), "{}", all[9]);
        assert_eq!(
            rows[1],
            "活体人脸核身,1,15000,0,10000,5000,0,0,8000.00,4250.00,12250.00,\"(15,000 − 10,000) × 0.85 + 8,000 = 12,250\",0,,0,0.00,0.00,,,1,1 × 1万次,CNY"
        );
        assert!(rows[0].ends_with(",日历月,折扣,项号,本月购买,币种"), "{}", rows[0]);
        assert_eq!(rows[0].split(',').nth(CALENDAR_COLUMN), Some("日历月"));
        // The total's currency in its own column, not the math's.
        assert_eq!(rows[3], "总计,,,,,,,,,,12250.00,,,,,,,,,,,CNY");
    }

    /// Two dated lines: after the totals, each month with the lines together at its date
    /// (`tests/decisions.rs` works the figures: 12,250; 11,250 + 2,550 = 13,800; 2,550).
    #[test]
    fn two_lines_export_each_month_together() {
        let e = crate::engine::Estimate::from_json(
            r#"{"lines":[{"service":"活体人脸核身","calls":[15000,15000],"packs":[{"size":10000}],"first_month":"2027-11"},
                {"service":"照片人脸核身","calls":[3000,3000],"first_month":"2027-12"}]}"#,
        )
        .unwrap();
        let q = quote(catalog::builtin(), &e, Lang::En).unwrap();
        let calendars: Vec<Vec<Month>> = e.lines.iter().map(|l| l.calendar().into_owned()).collect();
        let csv = quote_csv(&q, &calendars, Lang::En);
        let rows: Vec<&str> = csv.trim_end().split("\r\n").take_while(|r| !r.starts_with("Assumption,")).collect();
        let n = rows.len();
        assert_eq!(rows[n - 3], "\"Each month, all lines\",1,,,,,,,,,12250.00,,,,,,,2027-11,,,,CNY");
        assert!(rows[n - 2].contains(",13800.00,") && rows[n - 2].contains(",2027-12,"), "{}", rows[n - 2]);
        assert!(rows[n - 1].contains(",2550.00,") && rows[n - 1].contains(",2028-01,"), "{}", rows[n - 1]);
        // One line: its own rows say it.
        let one = quote(catalog::builtin(), &default_estimate(), Lang::En).unwrap();
        assert!(!quote_csv(&one, &[], Lang::En).contains("Each month"));
    }

    /// VAT included in the prices: each month before it, by running sums adding up to the
    /// total's. 12,250 × 100 / 106 = 11,556.60; 26,050 × 100 / 106 = 24,575.47, less 11,556.60
    /// is 13,018.87; 28,600 × 100 / 106 = 26,981.13, less 24,575.47 is 2,405.66.
    #[test]
    fn each_month_is_exported_on_the_other_side_of_the_vat() {
        let e = crate::engine::Estimate::from_json(
            r#"{"vat":{"percent":"6","included":true},
                "lines":[{"service":"活体人脸核身","calls":[15000,15000],"packs":[{"size":10000}],"first_month":"2027-11"},
                {"service":"照片人脸核身","calls":[3000,3000],"first_month":"2027-12"}]}"#,
        )
        .unwrap();
        let q = quote(catalog::builtin(), &e, Lang::En).unwrap();
        assert_eq!(q.vat.unwrap().before_vat, rust_decimal_macros::dec!(26981.13));
        let calendars: Vec<Vec<Month>> = e.lines.iter().map(|l| l.calendar().into_owned()).collect();
        let csv = quote_csv(&q, &calendars, Lang::En);
        let rows: Vec<&str> =
            csv.trim_end().split("\r\n").filter(|r| r.starts_with("\"Each month, before VAT\"")).collect();
        assert_eq!(
            rows,
            [
                "\"Each month, before VAT\",1,,,,,,,,,11556.60,,,,,,,2027-11,,,,CNY",
                "\"Each month, before VAT\",2,,,,,,,,,13018.87,,,,,,,2027-12,,,,CNY",
                "\"Each month, before VAT\",3,,,,,,,,,2405.66,,,,,,,2028-01,,,,CNY",
            ]
        );
        // One line, VAT left out: 12,250 with 6 % is 12,985.00.
        let mut one = default_estimate();
        one.vat = Some(crate::engine::vat::Vat { percent: rust_decimal::Decimal::from(6), included: false });
        let csv = quote_csv(&quote(catalog::builtin(), &one, Lang::Zh).unwrap(), &[], Lang::Zh);
        assert!(csv.contains("\r\n各月合计（含税）,1,,,,,,,,,12985.00,"), "{csv}");
    }

    /// A range and a month beside a line without a price: what has a price, and why the rest
    /// waits (12,250 likely and low, (18,000 − 10,000) × 0.85 + 8,000 = 14,800 high; ID card
    /// OCR not listed).
    #[test]
    fn a_range_and_a_month_waiting_for_a_price_say_what_has_one() {
        let e = crate::engine::Estimate::from_json(
            r#"{"lines":[{"service":"活体人脸核身","calls":[15000],"calls_high":[18000],"packs":[{"size":10000}]},
                {"service":"ocr_id_card","calls":[4000]}]}"#,
        )
        .unwrap();
        let csv = quote_csv(&quote(catalog::builtin(), &e, Lang::En).unwrap(), &[], Lang::En);
        assert!(csv.contains("\r\n\"Total, low case\",,,,,,,,,,12250.00 + price not listed,"), "{csv}");
        assert!(csv.contains("\r\n\"Total, high case\",,,,,,,,,,14800.00 + price not listed,"), "{csv}");
        assert!(csv.contains("\r\n\"Each month, all lines\",1,,,,,,,,,12250.00 + price not listed,"), "{csv}");
    }

    /// One line's plan exported alone names its sums for the line, not as the estimate's total:
    /// worked example two as line 2, 12,250.00, with 6 % VAT on top 735.00 and 12,985.00.
    #[test]
    fn a_lines_plan_alone_is_not_called_the_total() {
        let q = quote(catalog::builtin(), &default_estimate(), Lang::Zh).unwrap();
        let vat = crate::engine::vat::Vat { percent: rust_decimal::Decimal::from(6), included: false };
        let csv = line_csv(&q.clone().with_vat(Some(vat)), &[], 2, Lang::Zh);
        let rows: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert!(rows[1].ends_with(",2,1 × 1万次,CNY"), "the line's number in the estimate: {}", rows[1]);
        assert_eq!(rows[3], "第 2 项合计,,,,,,,,,,12250.00,,,,,,,,,,,CNY");
        assert_eq!(rows[5], "第 2 项合计（不含税）,,,,,,,,,,12250.00,,,,,,,,,,,CNY");
        assert_eq!(rows[6], "第 2 项合计（含税）,,,,,,,,,,12985.00,,,,,,,,,,,CNY");
        assert!(!csv.contains("总计"), "{csv}");
        let en = line_csv(&q, &[], 2, Lang::En);
        assert!(en.contains("\r\nLine 2 total,"), "{en}");
    }

    /// The optimizer's example (`tests/optimizer.rs`): 8,000 / 30,000 / 40,000 a month for 12
    /// months, one 10万 pack: expected 18,750 + 135,000 + 90,000 = 243,750.00; the low case's
    /// 4,000 pack calls expire.
    #[test]
    fn a_range_plans_csv_ends_with_its_expected_cost_and_each_cases_waste() {
        let mut line = crate::engine::Line::new("活体人脸核身", vec![30_000; 12]);
        line.calls_low = Some(vec![8_000; 12]);
        line.calls_high = Some(vec![40_000; 12]);
        let o = crate::engine::optimize::optimize_line(catalog::builtin(), &line, 0, Lang::En).unwrap();
        let text = range_plan_rows(o.range.as_ref().unwrap(), Lang::En);
        let rows: Vec<&str> = text.trim_end().split("\r\n").collect();
        assert_eq!(
            rows,
            [
                "Expected cost,243750.00",
                "Low,75000.00,Pack calls expiring unused,4000",
                "Likely,270000.00,Pack calls expiring unused,0",
                "High,360000.00,Pack calls expiring unused,0"
            ]
        );
        // Why it is the plan, in the optimizer's words, quoted where they hold a comma.
        let why = plan_why_row(&o.explanation, Lang::En);
        assert!(o.proven_optimal);
        assert!(why.starts_with("Why this plan,\"One plan, decided up front, "), "{why}");
        assert!(why.ends_with("no plan has a lower expected cost.\"\r\n"), "{why}");
        assert!(why.contains("243,750.00"), "{why}");
    }

    #[test]
    fn a_discount_and_a_range_are_in_the_rows() {
        // 20,000 checks of 活体人脸比对 at 0.11, 10 % off the line; low 10,000, high 30,000.
        let e = crate::engine::Estimate::from_json(
            r#"{"lines":[{"service":"活体人脸比对","calls":[20000],"calls_low":[10000],"calls_high":[30000],
                "discount":{"percent":"10"}}]}"#,
        )
        .unwrap();
        let csv = quote_csv(&quote(catalog::builtin(), &e, Lang::En).unwrap(), &[], Lang::En);
        let rows: Vec<&str> = csv.trim_end().split("\r\n").collect();
        // 2,200 postpaid, 1,980 after the discount: the month's row says the 220 it took off.
        assert!(rows[1].contains(",2200.00,1980.00,") && rows[1].ends_with(",-220.00,1,,CNY"), "{}", rows[1]);
        assert!(rows[2].ends_with(",-220.00,1,,CNY"), "{}", rows[2]);
        // Low 10,000 × 0.11 × 0.9 = 990; high 30,000 × 0.11 × 0.9 = 2,970.
        assert_eq!(rows[3], "Liveness face comparison,low case,,,,,,,,,990.00,,,,,,,,,1,,CNY");
        assert_eq!(rows[4], "Liveness face comparison,high case,,,,,,,,,2970.00,,,,,,,,,1,,CNY");
        assert_eq!(rows[5], "Total,,,,,,,,,,1980.00,,,,,,,,,,,CNY");
        assert_eq!(rows[6], "\"Total, low case\",,,,,,,,,,990.00,,,,,,,,,,,CNY");
        assert_eq!(rows[7], "\"Total, high case\",,,,,,,,,,2970.00,,,,,,,,,,,CNY");
        // Weighted 0.25 / 0.5 / 0.25: 247.50 + 990.00 + 742.50.
        assert_eq!(rows[8], "\"Total, expected cost\",,,,,,,,,,1980.00,,,,,,,,,,,CNY");
    }

    #[test]
    fn the_months_of_a_discounted_line_add_up_to_it() {
        // 1,001 checks of 活体人脸比对 a month at 0.13 for 3 months, 10 % off: 130.13 a month at
        // list, 117.117 after the discount. The line is rounded once: 351.351 → 351.35. Each month
        // rounded alone would sum to 351.36; the discount's shares are running sums (13.01 of
        // 130.13 − 117.12, then 26.03 of 260.26 − 234.23 less it, then 39.04 of 390.39 − 351.35
        // less those): 13.01, 13.02 and 13.01, so the months are 117.12, 117.11 and 117.12 and
        // add up to the line.
        let e = crate::engine::Estimate::from_json(
            r#"{"lines":[{"service":"活体人脸比对","calls":[1001,1001,1001],"discount":{"percent":"10"}}]}"#,
        )
        .unwrap();
        let q = quote(catalog::builtin(), &e, Lang::En).unwrap();
        let costs: Vec<String> = q.lines[0].months.iter().map(|m| m.cost.unwrap().to_string()).collect();
        assert_eq!(costs, ["117.12", "117.11", "117.12"]);
        assert_eq!(q.lines[0].total.unwrap().to_string(), "351.35");
        let csv = quote_csv(&q, &[], Lang::En);
        let rows: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert!(rows[1].ends_with(",-13.01,1,,CNY") && rows[2].ends_with(",-13.02,1,,CNY"), "{}\n{}", rows[1], rows[2]);
        assert!(rows[3].ends_with(",-13.01,1,,CNY") && rows[4].ends_with(",-39.04,1,,CNY"), "{}\n{}", rows[3], rows[4]);
    }

    #[test]
    fn a_month_priced_by_sales_leaves_the_others_shares_as_they_were() {
        // As above, with 250,000 checks (a price from sales) in month 2: months 1, 3 and 4 take
        // the discount's shares 13.01, 13.02 and 13.01 of their 39.04.
        let e = crate::engine::Estimate::from_json(
            r#"{"lines":[{"service":"活体人脸比对","calls":[1001,250000,1001,1001],"discount":{"percent":"10"}}]}"#,
        )
        .unwrap();
        let q = quote(catalog::builtin(), &e, Lang::En).unwrap();
        let costs: Vec<Option<String>> = q.lines[0].months.iter().map(|m| m.cost.map(|c| c.to_string())).collect();
        assert_eq!(costs, [Some("117.12".into()), None, Some("117.11".into()), Some("117.12".into())]);
    }

    #[test]
    fn a_months_row_agrees_with_itself_below_a_fen() {
        // 1 call a month at 0.005: each month's charge is 0.01 to the fen, and so is its cost; the
        // line, rounded once, is 0.015 → 0.02 (the months' 0.03 differ from it by the fen that
        // rounding each month's figures makes).
        let e = crate::engine::Estimate::from_json(
            r#"{"price_list":{"mode":"replace","list":{"format":1,"services":[{"id":"s","name":"S",
                "postpaid":{"tiers":[{"price":"0.005"}]}}]}},"lines":[{"service":"s","calls":[1,1,1]}]}"#,
        )
        .unwrap();
        let q = quote(catalog::builtin(), &e, Lang::En).unwrap();
        for m in &q.lines[0].months {
            assert_eq!(
                (m.postpaid_cost.unwrap().to_string(), m.cost.unwrap().to_string()),
                ("0.01".into(), "0.01".into())
            );
        }
        assert_eq!(q.lines[0].total.unwrap().to_string(), "0.02");
    }

    #[test]
    fn format_2_figures_have_their_own_columns() {
        let e = crate::engine::Estimate::from_json(
            r#"{"price_list":{"mode":"replace","list":{"format":2,"currency":"USD","services":[{"id":"s","name":"S",
                "postpaid":{"unit":1000,"tiers":[{"price":"1.20"}]},"free_quota":{"calls":1000},"minimum":{"monthly":"100"},
                "commitments":[{"id":"m1","name":"1M","monthly_fee":"800","calls":1000000,
                    "overage":{"unit":1000,"tiers":[{"price":"1.00"}]}}]}]}},
                "lines":[{"service":"s","calls":[1201000,51000],"commitments":[{"id":"m1","month":1,"months":1}]}]}"#,
        )
        .unwrap();
        let csv = quote_csv(&quote(catalog::builtin(), &e, Lang::En).unwrap(), &[], Lang::En);
        let rows: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert!(rows[0].ends_with(
            ",Math,Free quota,Commitment,From the commitment,Commitment fee,Minimum raise,Calendar month,Discount,Line,Bought this month,Currency"
        ));
        // Month 1: 1,000 free, 1,000,000 in the commitment (800), 200,000 at 1.00 per 1,000.
        assert!(rows[1].starts_with("S,1,1201000,0,0,200000,0,0,0.00,200.00,1000.00,"), "{}", rows[1]);
        assert!(rows[1].ends_with(",1000,m1,1000000,800.00,0.00,,,1,,USD"), "{}", rows[1]);
        // Month 2: 50,000 at 1.20 per 1,000 = 60, raised by 40 to the minimum.
        assert!(rows[2].ends_with(",1000,,0,0.00,40.00,,,1,,USD"), "{}", rows[2]);
        assert!(rows[3].ends_with(",2000,,1000000,800.00,40.00,,,1,,USD"), "{}", rows[3]);
        assert!(
            rows[4].starts_with("Total,") && rows[4].contains(",1100.00,") && rows[4].ends_with(",USD"),
            "{}",
            rows[4]
        );
    }

    #[test]
    fn an_imported_history_exports_its_calendar_months() {
        let mut line = crate::engine::Line::new("活体人脸核身", vec![15_000, 9_000]);
        line.usage_months = Month::new(2025, 12).unwrap().run(2);
        let e = crate::engine::Estimate::new(vec![line.clone()]);
        let csv = quote_csv(&quote(catalog::builtin(), &e, Lang::En).unwrap(), &[line.calendar().to_vec()], Lang::En);
        let rows: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert!(rows[0].ends_with(",Calendar month,Discount,Line,Bought this month,Currency"));
        assert!(
            rows[1].starts_with("Liveness face verification,1,15000,") && rows[1].ends_with(",2025-12,,1,,CNY"),
            "{}",
            rows[1]
        );
        assert!(rows[2].ends_with(",2026-01,,1,,CNY"), "{}", rows[2]);
    }

    #[test]
    fn cells_cannot_break_rows_or_run_formulas() {
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!((cell("-1+2"), cell("-220.00")), ("'-1+2".to_string(), "-220.00".to_string()));
    }
}

//! The quote as CSV, for a spreadsheet: one row per month of each line, then the line's
//! subtotal, then the grand total. UTF-8 with a byte-order mark so Excel reads the Chinese.

use crate::engine::{Lang, Quote};

fn cell(s: &str) -> String {
    // Quote everything that could break a row, and neutralise formula injection (=, +, -, @).
    let s = if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

/// One CSV row of cells, each quoted as needed and safe from formula injection.
pub fn row(cells: &[String]) -> String {
    cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",")
}

/// The CSV text of a quote.
pub fn quote_csv(q: &Quote, lang: Lang) -> String {
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
        ],
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    let money = |d: Option<rust_decimal::Decimal>| {
        d.map_or_else(|| lang.pick("联系商务", "contact sales").to_string(), |d| d.to_string())
    };
    let mut out = String::from("\u{feff}");
    out.push_str(&row(&header));
    out.push_str("\r\n");
    for l in &q.lines {
        for m in &l.months {
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
        ]));
        out.push_str("\r\n");
    }
    let mut total = vec![lang.pick("总计", "Total").to_string()];
    total.resize(10, String::new());
    total.push(money(q.total));
    total.push(q.currency.clone());
    out.push_str(&row(&total));
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::edit::default_estimate;
    use crate::engine::{catalog, quote};

    #[test]
    fn the_worked_example_exports_with_its_math() {
        let q = quote(catalog::builtin(), &default_estimate(), Lang::Zh).unwrap();
        let csv = quote_csv(&q, Lang::Zh);
        assert!(csv.starts_with('\u{feff}'));
        let rows: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(rows.len(), 4);
        assert_eq!(
            rows[1],
            "活体人脸核身,1,15000,0,10000,5000,0,0,8000.00,4250.00,12250.00,\"(15,000 − 10,000) × 0.85 + 8,000 = 12,250\""
        );
        assert!(rows[3].starts_with("总计,") && rows[3].ends_with(",12250.00,CNY"));
    }

    #[test]
    fn cells_cannot_break_rows_or_run_formulas() {
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}

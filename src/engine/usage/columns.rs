//! Which columns of a usage file hold the date and the count: FOCUS's `ChargePeriodStart` and
//! `ConsumedQuantity` where both are there, otherwise a header that names a date or a count in
//! English or Chinese; a column the caller names wins. Headers are compared without case,
//! spaces, `_`, `-` or brackets (`Usage Date` = `usage_date` = `UsageDate`).

use super::error::{Role, UsageError};

/// Headers of a date column, most specific first.
const DATE_NAMES: [&str; 30] = [
    "chargeperiodstart",
    "usagedate",
    "usagestartdate",
    "usagestarttime",
    "billingdate",
    "billingperiod",
    "billingmonth",
    "billmonth",
    "date",
    "day",
    "month",
    "period",
    "time",
    "timestamp",
    "starttime",
    "日期",
    "时间",
    "月份",
    "账单月份",
    "账期",
    "账单日期",
    "统计日期",
    "使用日期",
    "调用日期",
    "消费时间",
    "计费时间",
    "计费日期",
    "统计时间",
    "日",
    "月",
];

/// Headers of a count column, most specific first.
const COUNT_NAMES: [&str; 25] = [
    "consumedquantity",
    "usagequantity",
    "usageamount",
    "calls",
    "callcount",
    "requests",
    "requestcount",
    "count",
    "quantity",
    "usage",
    "volume",
    "invocations",
    "调用量",
    "调用次数",
    "用量",
    "使用量",
    "次数",
    "使用次数",
    "请求次数",
    "计费次数",
    "计费量",
    "数量",
    "总调用量",
    "成功调用次数",
    "计费用量",
];

/// Words in a header that suggest a date or a count, for headers not in the lists above.
const DATE_WORDS: [&str; 6] = ["date", "month", "day", "日期", "月份", "时间"];
const COUNT_WORDS: [&str; 7] = ["quantity", "calls", "count", "调用", "次数", "用量", "usage"];

/// Headers whose few values are worth offering as filters (a service, a SKU, a unit, …).
const CHOICE_WORDS: [&str; 18] = [
    "service",
    "sku",
    "product",
    "unit",
    "category",
    "region",
    "api",
    "action",
    "provider",
    "产品",
    "服务",
    "计费项",
    "接口",
    "地域",
    "单位",
    "类型",
    "规格",
    "项目",
];

/// Words of a choice column that names the work a row is for (a service, a SKU, an API), whose
/// values a month should not add up unasked, unlike a region's.
const WORK_WORDS: [&str; 10] = ["service", "sku", "product", "api", "action", "产品", "服务", "计费项", "接口", "规格"];

/// Whether a column's header names the work its rows are for ([`WORK_WORDS`]): one of its words
/// (split at spaces, `_`, `-`, `.` and a lower-to-upper case change: `ServiceName`, `sku_id`)
/// is one of them, or a Chinese one is in it ("Transaction type" and "Capital" are not).
pub fn names_work(header: &str) -> bool {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut lower_before = false;
    for c in header.trim().chars() {
        let separator = c.is_whitespace() || "_-.()（）".contains(c);
        if (separator || (c.is_uppercase() && lower_before)) && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if !separator {
            word.extend(c.to_lowercase());
        }
        lower_before = c.is_lowercase();
    }
    words.push(word);
    WORK_WORDS.iter().any(|w| if w.is_ascii() { words.iter().any(|x| x == w) } else { header.contains(w) })
}

/// A header as compared: lower case, without spaces, `_`, `-`, `.` or brackets.
pub fn normalize(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '.' | '(' | ')' | '（' | '）' | '[' | ']' | '"' | '\u{3000}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The column `name` names: the header as written, else the same once normalized.
pub fn named(headers: &[String], name: &str, role: Role) -> Result<usize, UsageError> {
    let exact = headers.iter().position(|h| h.trim() == name.trim());
    let loose = || {
        let n = normalize(name);
        headers.iter().position(|h| normalize(h) == n)
    };
    exact.or_else(loose).ok_or_else(|| UsageError::UnknownColumn {
        role,
        name: name.trim().to_string(),
        headers: headers.to_vec(),
    })
}

/// The date and count columns found by their headers (where not named).
pub fn find(headers: &[String], role: Role, exclude: Option<usize>) -> Result<usize, UsageError> {
    let (names, words): (&[&str], &[&str]) = match role {
        Role::Date => (&DATE_NAMES, &DATE_WORDS),
        _ => (&COUNT_NAMES, &COUNT_WORDS),
    };
    let normalized: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    let usable = |i: &usize| Some(*i) != exclude;
    // The first name of the list that some header has: FOCUS's first.
    for name in names {
        let hits: Vec<usize> = (0..headers.len()).filter(usable).filter(|&i| normalized[i] == *name).collect();
        match hits.as_slice() {
            [] => continue,
            [one] => return Ok(*one),
            many => {
                return Err(UsageError::Ambiguous {
                    role,
                    candidates: many.iter().map(|&i| headers[i].clone()).collect(),
                });
            }
        }
    }
    let hits: Vec<usize> =
        (0..headers.len()).filter(usable).filter(|&i| words.iter().any(|w| normalized[i].contains(w))).collect();
    match hits.as_slice() {
        [one] => Ok(*one),
        [] => Err(UsageError::NoColumn { role, headers: headers.to_vec() }),
        many => Err(UsageError::Ambiguous { role, candidates: many.iter().map(|&i| headers[i].clone()).collect() }),
    }
}

/// The columns whose values may be offered as filters.
pub fn choices(headers: &[String], skip: &[usize]) -> Vec<usize> {
    (0..headers.len())
        .filter(|i| !skip.contains(i))
        .filter(|&i| {
            let n = normalize(&headers[i]);
            CHOICE_WORDS.iter().any(|w| n.contains(w))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_column_of_services_is_told_by_its_words() {
        for h in ["ServiceName", "SkuId", "sku_id", "Product", "API name", "产品名称", "计费项"] {
            assert!(names_work(h), "{h}");
        }
        for h in ["Transaction type", "Capital", "Region", "ChargeCategory", "地域"] {
            assert!(!names_work(h), "{h}");
        }
    }

    #[test]
    fn finds_focus_columns_first() {
        let headers = h(&["BilledCost", "ChargePeriodStart", "ChargePeriodEnd", "ConsumedQuantity", "PricingQuantity"]);
        assert_eq!(find(&headers, Role::Date, None), Ok(1));
        assert_eq!(find(&headers, Role::Count, None), Ok(3));
    }

    #[test]
    fn finds_chinese_and_loose_headers() {
        let headers = h(&["\u{feff}账单月份", "产品名称", "调用量（次）"]);
        assert_eq!(find(&headers, Role::Date, None), Ok(0));
        assert_eq!(find(&headers, Role::Count, None), Ok(2));
        let headers = h(&["Usage Date", "API", "Success Count"]);
        assert_eq!(find(&headers, Role::Date, None), Ok(0));
        // "Usage Date" says usage too, but it is the date column.
        assert_eq!(find(&headers, Role::Count, Some(0)), Ok(2));
    }

    #[test]
    fn says_when_it_cannot_choose() {
        let headers = h(&["date", "success calls", "failed calls"]);
        assert_eq!(
            find(&headers, Role::Count, None),
            Err(UsageError::Ambiguous { role: Role::Count, candidates: h(&["success calls", "failed calls"]) })
        );
        assert_eq!(named(&headers, "failed_calls", Role::Count), Ok(2));
        let headers = h(&["when", "n"]);
        assert!(matches!(find(&headers, Role::Date, None), Err(UsageError::NoColumn { role: Role::Date, .. })));
    }
}

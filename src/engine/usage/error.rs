//! What can be wrong with a usage file, with where: the line (as a spreadsheet numbers it) and
//! the column's header. Text is made only in [`UsageError::message`] (zh or en) and `Display`
//! (en); the kind and position stay typed for callers and tests.

use std::fmt;

use rust_decimal::Decimal;

use super::month::Month;
use crate::engine::money::group_u64;
use crate::engine::{Lang, limits};

/// Which column a problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The date of each row (`ChargePeriodStart`, `date`, `日期`, …).
    Date,
    /// The calls of each row (`ConsumedQuantity`, `calls`, `调用量`, …).
    Count,
    /// A column named by a filter (`SkuId=…`).
    Filter,
}

/// The codes of the problems of one row that `skip_bad_rows` leaves out (the page offers it
/// where a read fails with one of them).
pub const SKIPPED_CODES: [&str; 3] = ["bad_count", "bad_date", "missing_date"];

/// What is wrong with a usage file or the options it was read with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UsageError {
    /// Nothing in the file (or only blank lines).
    Empty,
    /// A header row and nothing under it.
    HeaderOnly,
    /// Over [`super::MAX_BYTES`].
    TooLarge { bytes: u64 },
    /// No row with two or more cells to take as the header.
    NoHeader,
    /// Rows of one cell only, the first of them `name` (a column of counts without its months).
    OneColumn { name: String },
    /// The CSV itself does not read (a quote left open, bytes that are not UTF-8).
    Unreadable { line: u64, message: String },
    /// Not text at all (a NUL byte, first on `line`): a spreadsheet's own file (`.xlsx`, `.xls`),
    /// an archive or an image, or text saved as UTF-16, not a CSV in UTF-8.
    NotText { line: u64 },
    /// No column plays `role`: the headers found are listed.
    NoColumn { role: Role, headers: Vec<String> },
    /// The column the caller named is not there.
    UnknownColumn { role: Role, name: String, headers: Vec<String> },
    /// Several columns could play `role`: the caller must name one.
    Ambiguous { role: Role, candidates: Vec<String> },
    /// A date that does not read as one.
    BadDate { line: u64, column: String, text: String },
    /// A row with calls but no date.
    MissingDate { line: u64, column: String },
    /// `03/11/2025` where nothing in the file says whether days or months come first.
    AmbiguousDate { line: u64, column: String, text: String },
    /// Dates written day-first and month-first in the same file.
    MixedDateOrder { line: u64, column: String, text: String },
    /// A count that does not read as a number.
    BadCount { line: u64, column: String, text: String },
    /// A count that reads as a number past any month's (`1e30`).
    CountTooLarge { line: u64, column: String, text: String },
    /// No row left to sum (none at all, or none matching the filters).
    NoRows { filtered: bool },
    /// A month whose rows sum below zero (more corrections than usage).
    BelowZero { month: Month, sum: Decimal },
    /// A month whose rows sum to a fraction of a call.
    Fraction { month: Month, sum: Decimal },
    /// A month past the most calls a month can have.
    MonthTooLarge { month: Month },
    /// More months from the first row to the last than an estimate holds.
    TooManyMonths { first: Month, last: Month, months: i64 },
    /// A filter not written `COLUMN=VALUE`.
    BadFilter { text: String },
}

impl Role {
    fn name(self, lang: Lang) -> &'static str {
        match self {
            Role::Date => lang.pick("日期列", "date column"),
            Role::Count => lang.pick("用量列", "count column"),
            Role::Filter => lang.pick("筛选列", "filter column"),
        }
    }
}

fn list(items: &[String]) -> String {
    let shown: Vec<String> = items.iter().take(30).map(|h| format!("\"{h}\"")).collect();
    let more = if items.len() > 30 { format!(", … ({} in all)", items.len()) } else { String::new() };
    shown.join(", ") + &more
}

impl UsageError {
    /// Where no count column was found, or several: the headers it could be among.
    pub fn count_headers(&self) -> Option<&[String]> {
        match self {
            UsageError::NoColumn { role: Role::Count, headers } => Some(headers),
            UsageError::Ambiguous { role: Role::Count, candidates } => Some(candidates),
            _ => None,
        }
    }

    /// A short code for programs (`bad_date`, `no_column`, …).
    pub fn code(&self) -> &'static str {
        match self {
            UsageError::Empty => "empty",
            // The code programs knew before the message told the two apart.
            UsageError::HeaderOnly => "empty",
            UsageError::TooLarge { .. } => "too_large",
            // (As `no_header`: the code programs knew before the message told the two apart.)
            UsageError::NoHeader | UsageError::OneColumn { .. } => "no_header",
            UsageError::Unreadable { .. } | UsageError::NotText { .. } => "unreadable",
            UsageError::NoColumn { .. } => "no_column",
            UsageError::UnknownColumn { .. } => "unknown_column",
            UsageError::Ambiguous { .. } => "ambiguous_column",
            UsageError::BadDate { .. } => "bad_date",
            UsageError::MissingDate { .. } => "missing_date",
            UsageError::AmbiguousDate { .. } => "ambiguous_date",
            UsageError::MixedDateOrder { .. } => "mixed_date_order",
            // (As `bad_count`: the code programs knew before the message told the two apart.)
            UsageError::BadCount { .. } | UsageError::CountTooLarge { .. } => "bad_count",
            UsageError::NoRows { .. } => "no_rows",
            UsageError::BelowZero { .. } => "below_zero",
            UsageError::Fraction { .. } => "fraction",
            UsageError::MonthTooLarge { .. } => "month_too_large",
            UsageError::TooManyMonths { .. } => "too_many_months",
            UsageError::BadFilter { .. } => "bad_filter",
        }
    }

    /// Whether the problem is one row's that reading with `skip_bad_rows` leaves out (a count
    /// or a date that does not read, calls without a date), by its code ([`SKIPPED_CODES`]).
    pub fn skips(&self) -> bool {
        SKIPPED_CODES.contains(&self.code())
    }

    /// The line of the file the problem is on, where it is on one.
    pub fn line(&self) -> Option<u64> {
        match self {
            UsageError::Unreadable { line, .. }
            | UsageError::NotText { line }
            | UsageError::BadDate { line, .. }
            | UsageError::MissingDate { line, .. }
            | UsageError::AmbiguousDate { line, .. }
            | UsageError::MixedDateOrder { line, .. }
            | UsageError::BadCount { line, .. }
            | UsageError::CountTooLarge { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// The message, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            UsageError::Empty => lang.pick("文件是空的", "the file is empty").into(),
            UsageError::HeaderOnly => {
                lang.pick("文件只有标题行，没有数据行", "the file has its header row and no rows under it").into()
            }
            UsageError::TooLarge { bytes } => {
                let (b, max) = (group_u64(*bytes), group_u64(super::MAX_BYTES as u64));
                if zh {
                    format!("文件有 {b} 字节，最多读取 {max} 字节（64 MB）：请先按服务或月份筛选导出")
                } else {
                    format!("the file is {b} bytes; the most read is {max} (64 MB): export fewer rows (one service, fewer months)")
                }
            }
            UsageError::NoHeader => lang
                .pick("找不到表头：需要一行至少两列的列名（CSV，逗号、分号或制表符分隔）", "no header row found: a CSV needs a row of at least two column names (comma, semicolon or tab separated)")
                .into(),
            UsageError::OneColumn { name } => {
                if zh {
                    format!("只有一列（“{name}”）：用量文件需要日期（或月份）列和调用量列，如第一行 month,calls，下一行 2026-05,6200")
                } else {
                    format!("only one column (\"{name}\"): a usage file needs a date (or month) column and a count column, like month,calls then 2026-05,6200")
                }
            }
            UsageError::NotText { line } => {
                if zh {
                    format!("第 {line} 行起不是文本：这不是 UTF-8 的 CSV 文件（Excel 表格或 UTF-16 文本请先另存为 CSV UTF-8）")
                } else {
                    format!(
                        "from line {line} this is not text: not a CSV file in UTF-8 (save a spreadsheet, or text in UTF-16, as CSV UTF-8 first)"
                    )
                }
            }
            UsageError::Unreadable { line, message } => {
                if zh { format!("第 {line} 行无法读取：{message}") } else { format!("line {line} does not read: {message}") }
            }
            UsageError::NoColumn { role, headers } => {
                let h = list(headers);
                match (role, zh) {
                    (Role::Date, true) => format!("找不到日期列（如 ChargePeriodStart、date、日期、月份）；文件的列：{h}。请指定日期列"),
                    (Role::Date, false) => format!("no date column (like ChargePeriodStart, date, 日期, month) among the file's columns: {h}; name the date column"),
                    (_, true) => format!("找不到用量列（如 ConsumedQuantity、calls、调用量、次数）；文件的列：{h}。请指定用量列"),
                    (_, false) => format!("no count column (like ConsumedQuantity, calls, 调用量, quantity) among the file's columns: {h}; name the count column"),
                }
            }
            UsageError::UnknownColumn { role, name, headers } => {
                let (r, h) = (role.name(lang), list(headers));
                if zh { format!("{r}“{name}”不在文件中；文件的列：{h}") } else { format!("{r} \"{name}\" is not in the file; its columns: {h}") }
            }
            UsageError::Ambiguous { role, candidates } => {
                let (r, c) = (role.name(lang), list(candidates));
                if zh { format!("有多个可能的{r}：{c}，请指定一个") } else { format!("more than one {r} could be meant: {c}; name one") }
            }
            UsageError::BadDate { line, column, text } if super::month::is_yearless(text) => {
                if zh {
                    format!("第 {line} 行，“{column}”列：“{text}”没有年份，看不出是哪一年：请写成 2025年1月 或 2025-01")
                } else {
                    format!("line {line}, column \"{column}\": \"{text}\" has no year, so which year is not known: write Jan 2025 or 2025-01")
                }
            }
            UsageError::BadDate { line, column, text } => {
                if zh {
                    format!("第 {line} 行，“{column}”列：“{text}”不是日期（可写作 2025-11-03、2025/11、2025年11月）")
                } else {
                    format!("line {line}, column \"{column}\": \"{text}\" is not a date (write 2025-11-03, 2025/11 or Nov 2025)")
                }
            }
            UsageError::MissingDate { line, column } => {
                if zh { format!("第 {line} 行，“{column}”列：有用量却没有日期") } else { format!("line {line}, column \"{column}\": calls without a date") }
            }
            UsageError::AmbiguousDate { line, column, text } => {
                if zh {
                    format!("第 {line} 行，“{column}”列：“{text}”可以是日/月/年，也可以是月/日/年，文件中没有其他日期能区分；请改写为 2025-11-03 这样的格式")
                } else {
                    format!("line {line}, column \"{column}\": \"{text}\" could be day/month/year or month/day/year and no other date in the file tells which; write dates like 2025-11-03")
                }
            }
            UsageError::MixedDateOrder { line, column, text } => {
                if zh {
                    format!("第 {line} 行，“{column}”列：“{text}”与文件中其他日期的日、月顺序相反")
                } else {
                    format!("line {line}, column \"{column}\": \"{text}\" puts day and month the other way round from other dates in the file")
                }
            }
            // A number, but past any count (`1e30`): said as the calls field says it.
            UsageError::CountTooLarge { line, column, text } => {
                let max = group_u64(crate::engine::limits::MAX_CALLS_PER_MONTH);
                if zh {
                    format!("第 {line} 行，“{column}”列：“{text}”太大了（一个月最多 {max} 次）")
                } else {
                    format!("line {line}, column \"{column}\": \"{text}\" is too large (a month holds at most {max} calls)")
                }
            }
            UsageError::BadCount { line, column, text } => {
                if zh {
                    format!("第 {line} 行，“{column}”列：“{text}”不是数字（可写作 15000、15,000、1.5万）")
                } else {
                    format!("line {line}, column \"{column}\": \"{text}\" is not a number (write 15000, 15,000 or 15k)")
                }
            }
            UsageError::NoRows { filtered: true } => lang.pick("没有符合筛选条件的行", "no row matches the filters").into(),
            UsageError::NoRows { filtered: false } => lang.pick("文件中没有带用量的行", "no row of the file has a count").into(),
            UsageError::BelowZero { month, sum } => {
                if zh { format!("{month} 的合计为 {sum}，小于 0（冲正多于用量）") } else { format!("{month} sums to {sum}, below zero (more corrections than usage)") }
            }
            UsageError::Fraction { month, sum } => {
                // Calls are whole: a fraction is a column of money, of thousands, or a typo.
                if zh {
                    format!("{month} 的合计为 {sum}，不是整数次调用：用量列是否是金额、以千次计，或有笔误？")
                } else {
                    format!("{month} sums to {sum}, not a whole number of calls: is the count column money, in thousands, or mistyped?")
                }
            }
            UsageError::MonthTooLarge { month } => {
                let max = group_u64(limits::MAX_CALLS_PER_MONTH);
                if zh { format!("{month} 的合计超过每月 {max} 次") } else { format!("{month} sums to more than {max} calls") }
            }
            UsageError::TooManyMonths { first, last, months } => {
                let max = limits::MAX_MONTHS;
                if zh {
                    format!("从 {first} 到 {last} 共 {months} 个月，最多 {max} 个月：请只导出最近的月份")
                } else {
                    format!("from {first} to {last} is {months} months; the most is {max}: export the latest months only")
                }
            }
            UsageError::BadFilter { text } => {
                if zh { format!("筛选条件“{text}”应写作 列名=值，例如 SkuId=ocr-general") } else { format!("filter \"{text}\" must be written COLUMN=VALUE, like SkuId=ocr-general") }
            }
        }
    }
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for UsageError {}

//! Usage history from a usage or billing export: a CSV of dated rows summed into calls per
//! calendar month, ready to be a line's `calls` (with its `usage_months`), to forecast from
//! ([`forecast`]) or to price in hindsight ([`hindsight`]).
//!
//! ```
//! use packwise::engine::usage::{self, Options};
//!
//! let csv = "\u{feff}日期,调用量\n2025-11-03,\"12,000\"\n2026-01-20,1.5万\n";
//! let h = usage::read(csv, &Options::default()).unwrap();
//! assert_eq!(h.calls, [12_000, 0, 15_000]); // December had no rows: 0
//! assert_eq!(h.months[0].to_string(), "2025-11");
//! ```
//! The file: comma, semicolon or tab separated (the one the first lines use most), a UTF-8 BOM,
//! quoted fields, title lines above the header skipped. Columns are found by header
//! ([`columns`]) or named; rows are summed by the calendar month of their date as written
//! (FOCUS times are UTC and are not moved); a row without a count (FOCUS's purchases and taxes)
//! is skipped, and so is a total or subtotal row (`Total`, `合计`, … where the date would be);
//! negative counts (corrections) are summed, and a month below zero is refused;
//! filters keep rows whose column equals a value (`SkuId=…`, all of them). A sheet with the
//! months across (`服务, 2025-01, 2025-02, …`, a row per service) is read as a row per service and
//! month ([`wide`]).

mod columns;
pub use columns::names_work;
mod error;
pub mod forecast;
pub mod hindsight;
mod import;
pub mod month;
mod service;
pub use service::{count_column_named, named_service, names_service, other_service, service_value};

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use error::{Role, SKIPPED_CODES, UsageError};
pub use import::{Import, ImportError, Imported, import};
pub use month::Month;
use month::{DateRead, is_day_name, is_month_name, read_date, read_serial};

use super::estimate::{ForecastNote, Line};
use super::limits;
use super::number::{CountProblem, read_count};
use forecast::Forecast;

/// The largest usage file read: 64 MB.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;
/// Most distinct values a column may have to be offered as a filter.
const MAX_CHOICES: usize = 20;

/// How to read a file: columns named by the caller (otherwise found by header) and filters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub date_column: Option<String>,
    pub count_column: Option<String>,
    pub filters: Vec<Filter>,
    /// Leave out rows whose count or date does not read ([`UsageError::skips`]), each said in
    /// [`History::skipped`], instead of refusing the file at the first.
    pub skip_bad_rows: bool,
}

/// Keep the rows whose `column` is `value` (both compared trimmed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    pub column: String,
    pub value: String,
}

impl Filter {
    /// Reads `SkuId=ocr-general`.
    pub fn parse(text: &str) -> Result<Filter, UsageError> {
        match text.split_once('=') {
            Some((c, v)) if !c.trim().is_empty() => Filter::new(c, v),
            _ => Err(UsageError::BadFilter { text: text.to_string() }),
        }
    }

    pub fn new(column: &str, value: &str) -> Result<Filter, UsageError> {
        Ok(Filter { column: column.trim().to_string(), value: value.trim().to_string() })
    }
}

/// The months of a usage file and what was read to find them. (Read back from JSON where the
/// page's worker sends it.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    /// Every calendar month from the first row's to the last row's (rows left out by the
    /// filters count here: the file's period).
    pub months: Vec<Month>,
    /// Calls in each of those months (0 where no row fell in it).
    pub calls: Vec<u64>,
    /// The file's headers.
    pub headers: Vec<String>,
    /// The date and count columns used (their headers).
    pub date_column: String,
    pub count_column: String,
    /// Whether the columns are FOCUS's (`ChargePeriodStart`, `ConsumedQuantity`).
    pub focus: bool,
    /// The separator found: `,`, `;` or `\t`.
    pub delimiter: String,
    pub filters: Vec<Filter>,
    /// Data rows in the file.
    pub rows: u64,
    /// Rows summed.
    pub rows_used: u64,
    /// Rows left out by the filters.
    pub rows_filtered: u64,
    /// Rows without a count (skipped).
    pub rows_without_count: u64,
    /// Total and subtotal rows (skipped): a date cell of `Total`, `合计`, `总计`, `小计`, ….
    #[serde(default)]
    pub rows_total: u64,
    /// In a semicolon-separated file a comma is a decimal mark (`1.234,5`): the first count it
    /// changed, so the page can say how the file was read (`"3,000"` is 3 there).
    #[serde(default)]
    pub comma_decimal: Option<CommaDecimal>,
    /// Rows left out because their count or date did not read (with `skip_bad_rows`): how many,
    /// and the first [`MAX_SKIPPED_LISTED`] of them.
    #[serde(default)]
    pub rows_skipped: u64,
    #[serde(default)]
    pub skipped: Vec<SkippedRow>,
    /// Rows one cell longer than the header, whose count (the last column) is 1–3 digits and
    /// whose extra cell starts with 3: perhaps `13,500` unquoted, read as 13 (`text` is the two cells as one, `13,500`).
    /// Read as written (it may be a column the header does not name); the page says so.
    #[serde(default)]
    pub split_counts: Vec<SkippedRow>,
    /// Months between the first and last that had no row.
    pub empty_months: Vec<Month>,
    /// Columns with a few values each (a service, a SKU, a unit), to filter by.
    pub choices: Vec<Choice>,
}

/// A row left out: its line, the column that did not read, and what it held (empty for a date
/// missing beside calls).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRow {
    pub line: u64,
    pub column: String,
    pub text: String,
}

/// The most skipped rows a history lists (the rest are counted in `rows`, not summed).
pub const MAX_SKIPPED_LISTED: usize = 100;

/// A count whose comma was read as a decimal mark: its line, its text and the number read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommaDecimal {
    pub line: u64,
    pub text: String,
    pub read: String,
}

/// Whether a date cell names a total or subtotal row rather than a date.
fn is_total(text: &str) -> bool {
    let t = text.trim().trim_end_matches([':', '：']).trim().to_lowercase();
    ["total", "grand total", "subtotal", "sub-total", "sum", "合计", "总计", "小计", "汇总", "总和", "合計", "總計"]
        .contains(&t.as_str())
}

/// A column whose values may pick the rows of one service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub column: String,
    /// Each value and how many rows have it, in the order first seen.
    pub values: Vec<(String, u64)>,
    /// The values of the rows summed (after the filters, with a count), none empty, and how
    /// many of those rows have each: where there are two or more, each month adds them up.
    #[serde(default)]
    pub summed: Vec<(String, u64)>,
}

impl History {
    /// `line` with this history as its calls: one per month, the calendar months beside them,
    /// no range or forecast; its purchases and commitments fitted to the months
    /// ([`fit_purchases`]). Returns how many of them were dropped.
    pub fn apply(&self, line: &mut Line) -> usize {
        let dropped = fit_purchases(line, self.months.first().copied(), self.calls.len());
        line.calls = self.calls.clone();
        line.usage_months = self.months.clone();
        line.forecast = None;
        line.first_month = None;
        line.growth = None;
        line.calls_low = None;
        line.calls_high = None;
        dropped
    }

    /// The `count` calendar months after the history's last.
    pub fn next_months(&self, count: usize) -> Vec<Month> {
        self.months.last().and_then(|m| m.next()).map(|m| m.run(count)).unwrap_or_default()
    }

    /// How many months a forecast for a line starting at `start` leaves out after the history's
    /// last ([`forecast_from`](forecast::forecast_from)): those before `start`, 0 where it is
    /// not after the month after the history's last, or not given.
    pub fn months_before(&self, start: Option<Month>) -> usize {
        let next = self.months.last().and_then(|m| m.next());
        next.zip(start).map_or(0, |(next, start)| usize::try_from(next.until(start)).unwrap_or(0))
    }

    /// The calendar months of forecast `f` of this history.
    pub fn forecast_months(&self, f: &Forecast) -> Vec<Month> {
        let all = self.next_months(f.skipped + f.calls.len());
        all.get(f.skipped..).map(<[Month]>::to_vec).unwrap_or_default()
    }

    /// `line` with `f`, forecast from this history, as its calls (likely, low and high) for
    /// the months after the history's last; its purchases and commitments fitted to the months
    /// ([`fit_purchases`]). Returns how many of them were dropped.
    pub fn apply_forecast(&self, f: &Forecast, line: &mut Line) -> usize {
        let (Some(&from), Some(&to)) = (self.months.first(), self.months.last()) else { return 0 };
        let months = self.forecast_months(f);
        let dropped = fit_purchases(line, months.first().copied(), f.calls.len());
        line.calls = f.calls.clone();
        line.calls_low = Some(f.calls_low.clone());
        line.calls_high = Some(f.calls_high.clone());
        line.usage_months = Vec::new();
        line.first_month = None;
        line.growth = None;
        let fitted_growth = f.fitted_growth.filter(|g| *g != f.growth);
        let history = [from, to];
        line.forecast = Some(ForecastNote {
            growth: f.growth,
            fitted_growth,
            months,
            history,
            own_range: false,
            same_months: f.same_months,
        });
        dropped
    }
}

/// A line's purchases and commitments name months of its calls: where new calls start at the
/// same calendar month (a forecast made again with another growth), those within the `months`
/// are kept (also where typed calls were given that first month); where they start elsewhere,
/// or the line had no calendar (its months typed, like the page's first example with its 1万
/// pack), its month 1 was another month, so all are
/// dropped rather than moved to a month nobody chose. Returns how many were dropped.
fn fit_purchases(line: &mut Line, first: Option<Month>, months: usize) -> usize {
    let before = line.packs.len() + line.commitments.len();
    if first.is_some() && line.calendar().first().copied() == first {
        line.keep_purchases_within(months);
    } else {
        line.packs.clear();
        line.commitments.clear();
    }
    before - line.packs.len() - line.commitments.len()
}

/// Reads a usage file: see the module's documentation.
pub fn read(text: &str, options: &Options) -> Result<History, UsageError> {
    let spaced = spaced(text).or_else(|| wide(text));
    let text = spaced.as_deref().unwrap_or(text);
    let (mut reader, delimiter) = open(text)?;
    let mut record = csv::StringRecord::new();
    let Header { names: headers, data } = header(&mut reader, &mut record)?;
    if data.is_some() {
        // No header: its first row is usage too, read again from the top.
        reader = open(text)?.0;
    }
    let focus = columns::named(&headers, "ChargePeriodStart", Role::Date).is_ok()
        && columns::named(&headers, "ConsumedQuantity", Role::Count).is_ok();
    let date = match (&options.date_column, data) {
        (Some(name), _) => columns::named(&headers, name, Role::Date)?,
        (None, Some((date, _))) => date,
        (None, None) => columns::find(&headers, Role::Date, None)?,
    };
    let count = match (&options.count_column, data) {
        (Some(name), _) => columns::named(&headers, name, Role::Count)?,
        (None, Some((_, Some(count)))) if count != date => count,
        _ => columns::find(&headers, Role::Count, Some(date))?,
    };
    let filters: Vec<(usize, &str)> = options
        .filters
        .iter()
        .map(|f| columns::named(&headers, &f.column, Role::Filter).map(|i| (i, f.value.as_str())))
        .collect::<Result<_, _>>()?;
    let choice_columns = columns::choices(&headers, &[date, count]);
    let mut choices: Vec<Option<Vec<(String, u64)>>> = vec![Some(Vec::new()); choice_columns.len()];
    let mut summed: Vec<Vec<(String, u64)>> = vec![Vec::new(); choice_columns.len()];

    let mut sums: BTreeMap<Month, Decimal> = BTreeMap::new();
    // Dates like 03/11/2025, by what they could mean, with the first line each was on.
    let mut either: BTreeMap<(u8, u8, u16), (Decimal, u64, String)> = BTreeMap::new();
    let mut dates = Dates::default();
    // The first and last month of the rows left out by the filters.
    let mut period: Option<(Month, Month)> = None;
    let (mut rows, mut used, mut filtered, mut without_count, mut totals) = (0u64, 0u64, 0u64, 0u64, 0u64);
    // The first count whose comma was read as a decimal mark (a semicolon-separated file).
    let mut comma_decimal: Option<CommaDecimal> = None;
    let date_header = &headers[date];
    let count_header = &headers[count];
    // A row that does not read: refused, or left out and listed where the caller says so.
    let mut skipped: Vec<SkippedRow> = Vec::new();
    // Rows whose count may have been split by a thousands comma, read as written.
    let mut split: Vec<SkippedRow> = Vec::new();
    let mut left_out = 0u64;
    let mut skip = |list: &mut Vec<SkippedRow>, e: UsageError| -> Result<(), UsageError> {
        if !options.skip_bad_rows || !e.skips() {
            return Err(e);
        }
        left_out += 1;
        if list.len() < MAX_SKIPPED_LISTED {
            let (line, column, text) = match e {
                UsageError::BadCount { line, column, text }
                | UsageError::CountTooLarge { line, column, text }
                | UsageError::BadDate { line, column, text } => (line, column, text),
                UsageError::MissingDate { line, column } => (line, column, String::new()),
                other => return Err(other),
            };
            list.push(SkippedRow { line, column, text });
        }
        Ok(())
    };
    while reader.read_record(&mut record).map_err(unreadable)? {
        let line = record.position().map_or(0, |p| p.line());
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // A total (a spreadsheet's last row, or a subtotal between months) is no usage: summed,
        // it would count its months twice.
        if is_total(cell(date)) || (cell(date).is_empty() && record.iter().any(is_total)) {
            totals += 1;
            continue;
        }
        rows += 1;
        for (slot, &col) in choices.iter_mut().zip(&choice_columns) {
            // A column of too many values offers none.
            if let Some(values) = slot
                && !tally(values, cell(col))
            {
                *slot = None;
            }
        }
        if filters.iter().any(|&(col, value)| cell(col) != value) {
            // Still part of the file's period: a service without use in its last months has 0.
            // (Its date still tells which way round the file writes days and months.)
            if let DateRead::Month(m) | DateRead::DayFirst(m) | DateRead::MonthFirst(m) = dates.read(cell(date), line) {
                period = Some(period.map_or((m, m), |(a, b): (Month, Month)| (a.min(m), b.max(m))));
            }
            filtered += 1;
            continue;
        }
        let count_text = cell(count);
        // `13,500` unquoted in a comma-separated file whose last column is the count: two cells,
        // `13` and `500`, the row one longer than the header (not a trailing empty cell). It may
        // be a column the header does not name, so it is read as written, and said.
        let next = cell(count + 1);
        let digits = |t: &str, n: std::ops::RangeInclusive<usize>| {
            let t = t.strip_prefix('-').unwrap_or(t);
            n.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
        };
        let last_filled = record.iter().next_back().is_some_and(|c| !c.trim().is_empty());
        if delimiter == b','
            && count + 1 == headers.len()
            && record.len() == headers.len() + 1
            && last_filled
            && digits(count_text, 1..=3)
            && next.len() >= 3
            && next.bytes().take(3).all(|b| b.is_ascii_digit())
            && split.len() < MAX_SKIPPED_LISTED
        {
            split.push(SkippedRow { line, column: count_header.clone(), text: format!("{count_text},{next}") });
        }
        let local = local_number(count_text, delimiter);
        if comma_decimal.is_none() && count_text.contains(',') && local.contains('.') {
            comma_decimal = Some(CommaDecimal { line, text: count_text.to_string(), read: local.to_string() });
        }
        let amount = match read_count(&local) {
            Ok(a) => a,
            Err(CountProblem::Empty) => {
                without_count += 1;
                continue;
            }
            Err(_) => {
                let (column, text) = (count_header.clone(), count_text.to_string());
                let e = if too_large(&local) {
                    UsageError::CountTooLarge { line, column, text }
                } else {
                    UsageError::BadCount { line, column, text }
                };
                skip(&mut skipped, e)?;
                continue;
            }
        };
        let date_text = cell(date);
        if date_text.is_empty() {
            skip(&mut skipped, UsageError::MissingDate { line, column: date_header.clone() })?;
            continue;
        }
        let read = dates.read(date_text, line);
        if read == DateRead::Unreadable {
            let e = UsageError::BadDate { line, column: date_header.clone(), text: date_text.to_string() };
            skip(&mut skipped, e)?;
            continue;
        }
        let sum = match read {
            DateRead::Month(m) | DateRead::DayFirst(m) | DateRead::MonthFirst(m) => sums.entry(m).or_default(),
            DateRead::Either { a, b, year } => {
                &mut either.entry((a, b, year)).or_insert_with(|| (Decimal::ZERO, line, date_text.to_string())).0
            }
            // Refused or left out above.
            DateRead::Unreadable => continue,
        };
        *sum = sum
            .checked_add(amount)
            .ok_or(UsageError::MonthTooLarge { month: read.month(true).unwrap_or(Month::FIRST) })?;
        used += 1;
        for (values, &col) in summed.iter_mut().zip(&choice_columns) {
            let v = cell(col);
            if !v.is_empty() {
                tally(values, v);
            }
        }
    }
    if rows == 0 {
        return Err(UsageError::HeaderOnly);
    }
    settle_order(&mut sums, either, dates.clues, date_header)?;
    if used == 0 {
        return Err(UsageError::NoRows { filtered: !filters.is_empty() });
    }
    let (Some((&first, _)), Some((&last, _))) = (sums.first_key_value(), sums.last_key_value()) else {
        return Err(UsageError::NoRows { filtered: !filters.is_empty() });
    };
    let (first, last) = period.map_or((first, last), |(a, b)| (first.min(a), last.max(b)));
    let span = first.until(last) + 1;
    if span > limits::MAX_MONTHS as i64 {
        return Err(UsageError::TooManyMonths { first, last, months: span });
    }
    let months = first.run(span as usize);
    let mut calls = Vec::with_capacity(months.len());
    let mut empty_months = Vec::new();
    for &m in &months {
        let sum = match sums.get(&m) {
            Some(s) => *s,
            None => {
                empty_months.push(m);
                Decimal::ZERO
            }
        };
        if sum.is_sign_negative() && !sum.is_zero() {
            return Err(UsageError::BelowZero { month: m, sum: sum.normalize() });
        }
        if !sum.fract().is_zero() {
            return Err(UsageError::Fraction { month: m, sum: sum.normalize() });
        }
        let n = u64::try_from(sum).ok().filter(|&n| n <= limits::MAX_CALLS_PER_MONTH);
        calls.push(n.ok_or(UsageError::MonthTooLarge { month: m })?);
    }
    let choices = choice_columns
        .iter()
        .zip(choices)
        .zip(summed)
        .filter_map(|((&col, values), summed)| {
            let values = values?;
            (values.len() >= 2).then(|| Choice { column: headers[col].clone(), values, summed })
        })
        .collect();
    Ok(History {
        months,
        calls,
        date_column: headers[date].clone(),
        count_column: headers[count].clone(),
        headers,
        focus,
        delimiter: (delimiter as char).to_string(),
        filters: options.filters.clone(),
        rows,
        rows_used: used,
        rows_filtered: filtered,
        rows_without_count: without_count,
        rows_total: totals,
        comma_decimal,
        rows_skipped: left_out,
        skipped,
        split_counts: split,
        empty_months,
        choices,
    })
}

/// Counts a row of value `v` in `values` (each value and its rows, in the order first seen);
/// false where `v` is new and there are [`MAX_CHOICES`] already (it is not counted).
fn tally(values: &mut Vec<(String, u64)>, v: &str) -> bool {
    match values.iter().position(|(x, _)| x == v) {
        Some(i) => values[i].1 += 1,
        None if values.len() < MAX_CHOICES => values.push((v.to_string(), 1)),
        None => return false,
    }
    true
}

/// The reader of a file's text (a BOM dropped; too large or empty refused), and its separator.
fn open(text: &str) -> Result<(csv::Reader<&[u8]>, u8), UsageError> {
    if text.len() > MAX_BYTES {
        return Err(UsageError::TooLarge { bytes: text.len() as u64 });
    }
    // (NULs padding the end are no text, and go.)
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).trim_end_matches('\0');
    if text.trim().is_empty() {
        return Err(UsageError::Empty);
    }
    // A spreadsheet's own file, an archive, an image, text in UTF-16: its bytes read as columns
    // would be offered as headers.
    if let Some(at) = text.find('\0') {
        return Err(UsageError::NotText { line: text[..at].matches('\n').count() as u64 + 1 });
    }
    let delimiter = sniff(text);
    let reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    Ok((reader, delimiter))
}

fn unreadable(e: csv::Error) -> UsageError {
    let line = e.position().map_or(0, |p| p.line());
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "not UTF-8 text (save the file as CSV UTF-8)".to_string(),
        _ => e.to_string(),
    };
    UsageError::Unreadable { line, message }
}

/// A file's header, or the names given to the columns of a file without one.
struct Header {
    names: Vec<String>,
    /// Where the file has no header (its first row holds a written date and a count, like rows
    /// pasted from a spreadsheet without their headings): the column of that first date, and of
    /// the count where one column alone holds a number (with two, an index or a price beside
    /// the count, the visitor names it).
    data: Option<(usize, Option<usize>)>,
}

/// The header: the first row with two or more cells that are not empty (title lines above it
/// skipped). A row with a date written with its separators or its month's name (`2025-05`,
/// `2025/05/03`, `2025年5月`, `May 2025`: not a bare `202505`, which a wide table's header may
/// be) and a number in it is no header but
/// usage: the columns are then named `column 1`, `column 2`, ….
fn header(reader: &mut csv::Reader<&[u8]>, record: &mut csv::StringRecord) -> Result<Header, UsageError> {
    let names = header_row(reader, record)?;
    let written = |c: &str| {
        (c.contains(['-', '/', '.', '年', '년']) || c.contains(|ch: char| ch.is_ascii_alphabetic()))
            && !matches!(read_date(c), DateRead::Unreadable)
    };
    let Some(date) = names.iter().position(|c| written(c)) else { return Ok(Header { names, data: None }) };
    // A number, or one past any count (said as too large at its row).
    let number = |c: &str| read_count(c).is_ok() || too_large(c);
    let numbers: Vec<usize> =
        (0..names.len()).filter(|&i| i != date && !names[i].is_empty() && number(&names[i])).collect();
    if numbers.is_empty() {
        return Ok(Header { names, data: None });
    }
    let count = if let [one] = numbers.as_slice() { Some(*one) } else { None };
    let names = (1..=names.len()).map(|i| format!("column {i}")).collect();
    Ok(Header { names, data: Some((date, count)) })
}

/// A count past any month's as written (`1e30`, 25 digits): too long to read, and made of a
/// number's characters only (a long note is no number). Said as too large, not as no number.
fn too_large(text: &str) -> bool {
    read_count(text) == Err(CountProblem::TooLong)
        && text.chars().all(|c| c.is_ascii_digit() || ".,+-eE '_".contains(c))
}

/// The date and count columns a sheet with the months across is read with ([`wide`]).
pub const ACROSS_COLUMNS: [&str; 2] = ["month", "calls"];

/// A sheet with the months across, as finance lays a year out (`服务, 2025-01, 2025-02, …, 合计`
/// and a row per service): a header with two or more dates, after one or more columns that are
/// not. Made into a file of a row per row and month (`服务, month, calls`), each row's own columns
/// kept (a total row and a total column left out, an empty cell no row), so that it is read as
/// any other, and a row naming the line's service is picked as any service column's is: the
/// first of its own columns is named as the work where its header does not say so
/// ([`names_work`]; `项目` becomes `服务（项目）`, an empty one `服务`). `None` for any other file.
fn wide(text: &str) -> Option<String> {
    // Told from the first lines, so that any other file (most) is not gone through again; a
    // file whose first row is data (a header-less file of a label, dates and a count) is read
    // as it is.
    let mut end = text.len().min(65_536);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let (mut first, _) = open(&text[..end]).ok()?;
    let mut record = csv::StringRecord::new();
    let Header { names: head, data: None } = header(&mut first, &mut record).ok()? else { return None };
    let is_date = |h: &str| !matches!(read_date(h), DateRead::Unreadable) && read_count(h).is_err();
    let dates: Vec<usize> = (0..head.len()).filter(|&i| is_date(&head[i])).collect();
    let own: Vec<usize> = (0..head.len()).filter(|&i| !dates.contains(&i) && !is_total(&head[i])).collect();
    if dates.len() < 2 || own.is_empty() || own[0] > dates[0] {
        return None;
    }
    let (mut reader, delimiter) = open(text).ok()?;
    header_row(&mut reader, &mut record).ok()?;
    let mut out = String::new();
    // A sheet's short labels make it a few times longer; a long label repeated for every month
    // is no such sheet.
    let most = MAX_BYTES.min(text.len().saturating_mul(8).saturating_add(65_536));
    let mut names: Vec<String> = own.iter().map(|&i| head[i].clone()).collect();
    if !names.iter().any(|n| names_work(n)) {
        names[0] = if names[0].is_empty() { "服务".to_string() } else { format!("服务（{}）", names[0]) };
    }
    write_row(&mut out, names.iter().map(String::as_str).chain(ACROSS_COLUMNS), delimiter);
    while reader.read_record(&mut record).ok()? {
        let cell = |i: usize| record.get(i).unwrap_or("").trim();
        // A total row (its label a total's word) and an empty row are no service's.
        if own.iter().all(|&i| cell(i).is_empty()) || own.iter().any(|&i| is_total(cell(i))) {
            continue;
        }
        for &d in &dates {
            if cell(d).is_empty() {
                continue;
            }
            let row: Vec<&str> = own.iter().map(|&i| cell(i)).chain([head[d].as_str(), cell(d)]).collect();
            // Each cell a row repeats its row's own cells: past what a file may hold so, the
            // sheet is read as it is (and says it has no date column) rather than grown.
            if out.len() + row.iter().map(|c| c.len() + 3).sum::<usize>() > most {
                return None;
            }
            write_row(&mut out, row, delimiter);
        }
    }
    Some(out)
}

/// One row of a CSV file parted by `delimiter`, each cell quoted where it holds the delimiter,
/// a quote or a line break (a quote doubled), as the reader reads it back.
fn write_row<'a>(out: &mut String, cells: impl IntoIterator<Item = &'a str>, delimiter: u8) {
    let delimiter = char::from(delimiter);
    for (k, cell) in cells.into_iter().enumerate() {
        if k > 0 {
            out.push(delimiter);
        }
        if cell.contains([delimiter, '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out.push('\n');
}

/// The first row with two or more cells that are not empty, as written.
fn header_row(reader: &mut csv::Reader<&[u8]>, record: &mut csv::StringRecord) -> Result<Vec<String>, UsageError> {
    // The first row of one cell, to name where every row has one.
    let mut one: Option<String> = None;
    loop {
        if !reader.read_record(record).map_err(unreadable)? {
            return Err(one.map_or(UsageError::NoHeader, |name| UsageError::OneColumn { name }));
        }
        let cells: Vec<&str> =
            record.iter().map(|c| c.trim().trim_start_matches('\u{feff}')).filter(|c| !c.is_empty()).collect();
        if cells.len() >= 2 {
            return Ok(record.iter().map(|h| h.trim().trim_start_matches('\u{feff}').to_string()).collect());
        }
        if let ([cell], None) = (cells.as_slice(), &one) {
            one = Some(cell.chars().take(40).collect());
        }
    }
}

/// The headers of a file, from its first lines (the page reads them before the whole file, so
/// the columns can be named even where reading the file fails).
pub fn headers(start: &str) -> Result<Vec<String>, UsageError> {
    let spaced = spaced(start).or_else(|| wide(start));
    let (mut reader, _) = open(spaced.as_deref().unwrap_or(start))?;
    header(&mut reader, &mut csv::StringRecord::new()).map(|h| h.names)
}

/// The dates of a file as they are read: the last one read (rows of one day come together, so
/// it is read once for them all), and the first line whose date reads only day-first, and only
/// month-first, with its text — the clues to the file's order.
#[derive(Default)]
struct Dates {
    last: (String, Option<DateRead>),
    clues: [Option<(u64, String)>; 2],
}

impl Dates {
    /// What `text` (on `line`) says, its clue to the order kept.
    fn read(&mut self, text: &str, line: u64) -> DateRead {
        let read = match self.last {
            (ref t, Some(read)) if t == text => read,
            _ => {
                // A date column's date serial (`45658`) is a date there.
                let read = match read_date(text) {
                    DateRead::Unreadable => read_serial(text).map_or(DateRead::Unreadable, DateRead::Month),
                    read => read,
                };
                self.last = (text.to_string(), Some(read));
                read
            }
        };
        if let DateRead::DayFirst(_) | DateRead::MonthFirst(_) = read {
            let clue = &mut self.clues[usize::from(matches!(read, DateRead::MonthFirst(_)))];
            if clue.is_none() {
                *clue = Some((line, text.to_string()));
            }
        }
        read
    }
}

/// Dates like 03/11/2025 put into months: day-first if some date of the file can only be
/// day-first (25/11/2025), month-first if some can only be month-first; refused if the file's
/// dates go both ways, or where such a date is left and nothing says which.
fn settle_order(
    sums: &mut BTreeMap<Month, Decimal>,
    either: BTreeMap<(u8, u8, u16), (Decimal, u64, String)>,
    clues: [Option<(u64, String)>; 2],
    column: &str,
) -> Result<(), UsageError> {
    let column = column.to_string();
    let day_first = match clues {
        [Some(d), Some(m)] => {
            let (line, text) = if d.0 > m.0 { d } else { m };
            return Err(UsageError::MixedDateOrder { line, column, text });
        }
        [Some(_), None] => true,
        [None, Some(_)] => false,
        [None, None] => {
            return match either.into_values().min_by_key(|(_, line, _)| *line) {
                Some((_, line, text)) => Err(UsageError::AmbiguousDate { line, column, text }),
                None => Ok(()),
            };
        }
    };
    for ((a, b, year), (sum, _, _)) in either {
        let read = DateRead::Either { a, b, year };
        let Some(m) = read.month(day_first) else { continue };
        let into = sums.entry(m).or_default();
        *into = into.checked_add(sum).ok_or(UsageError::MonthTooLarge { month: m })?;
    }
    Ok(())
}

/// A count as the file writes it: in a semicolon-separated file (as European spreadsheets save
/// CSV), `1.234,5` and `12.000` use a point between thousands and a comma before decimals.
fn local_number(text: &str, delimiter: u8) -> std::borrow::Cow<'_, str> {
    if delimiter != b';' {
        return text.into();
    }
    let digits = text.trim_start_matches(['-', '+']);
    let grouped = |s: &str| {
        let mut groups = s.split('.');
        groups.next().is_some_and(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()))
            && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
    };
    let (whole, fraction) = digits.split_once(',').unwrap_or((digits, ""));
    if (text.contains(',') || whole.contains('.'))
        && (grouped(whole) || !whole.contains('.'))
        && fraction.bytes().all(|b| b.is_ascii_digit())
    {
        let sign = &text[..text.len() - digits.len()];
        let fraction = if fraction.is_empty() { String::new() } else { format!(".{fraction}") };
        return format!("{sign}{}{fraction}", whole.replace('.', "")).into();
    }
    text.into()
}

/// The separator the first lines use most, outside quotes: `,` `;` or tab (`,` on a tie); a tab
/// wherever every one of them has one (rows copied from a spreadsheet, whose counts may be
/// written `6,200`: as many commas as tabs).
fn sniff(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let (mut lines, mut tabbed) = (0usize, 0usize);
    for line in text.lines().filter(|l| !l.trim().is_empty()).take(10) {
        lines += 1;
        tabbed += usize::from(line.contains('\t'));
        let mut quoted = false;
        for b in line.bytes() {
            match b {
                b'"' => quoted = !quoted,
                b',' if !quoted => counts[0] += 1,
                b';' if !quoted => counts[1] += 1,
                b'\t' if !quoted => counts[2] += 1,
                _ => {}
            }
        }
    }
    if lines > 0 && tabbed == lines {
        return b'\t';
    }
    let best = (0..3).max_by_key(|&i| (counts[i], std::cmp::Reverse(i))).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// Rows whose date and count are parted by spaces (a table copied from a web page or a document:
/// `2026-05 6,200`, `May 2026 6200`), with a tab in place of the last run of spaces on each line
/// (and on a header of two words), so they read as a tab-separated file; `None` where the first
/// lines are not all such rows (a tab, a semicolon, a quote or a comma before the count in any
/// of them: a file with its own separator).
fn spaced(text: &str) -> Option<String> {
    // The line's date and count, parted at its last run of spaces.
    fn parts(line: &str) -> Option<(&str, &str)> {
        let line = line.trim();
        let at = line.rfind(char::is_whitespace)?;
        Some((line[..at].trim_end(), line[at..].trim_start()))
    }
    // A word or a number beside the date that the date reads the same without: another column
    // (`2025-05-03 search 1200`, `api 2025-05 1200`, `2025-05-03 1200 300`), not one file of
    // dates and counts.
    fn extra(date: &str) -> bool {
        let tokens: Vec<&str> = date.split_whitespace().collect();
        let [first, second, ..] = tokens[..] else { return false };
        let (before_last, last) = (tokens[tokens.len() - 2], tokens[tokens.len() - 1]);
        // A word no date has in it: not a month's or a day's name, nor a time's AM, PM or zone.
        let word = |t: &str| {
            let lower = t.to_ascii_lowercase();
            !t.is_empty()
                && t.bytes().all(|b| b.is_ascii_alphabetic())
                && !is_month_name(t)
                && !is_day_name(t)
                && !["am", "pm", "utc", "gmt", "z"].contains(&lower.as_str())
        };
        let number = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        let read = read_date(date);
        let same = |rest: Option<&str>| rest.is_some_and(|r| read_date(r) == read);
        // Last: a word or a number the date reads the same without, not after a time (4:00 PM).
        let trailing = (word(last) || number(last))
            && !before_last.contains(':')
            && same(date.rsplit_once(char::is_whitespace).map(|(rest, _)| rest));
        // First: a word, or a number not followed by a month's name (`3 Nov 2025` is a day).
        let leading = (word(first) || (number(first) && !is_month_name(second.trim_end_matches(['.', ',']))))
            && same(date.split_once(char::is_whitespace).map(|(_, rest)| rest));
        trailing || leading
    }
    // A count, or digits too many for one (said as too large at its row).
    let count_like = |count: &str| {
        crate::engine::number::read_count(count).is_ok() || count.bytes().all(|b| b.is_ascii_digit() || b == b',')
    };
    let row = |line: &str| {
        parts(line).is_some_and(|(date, count)| {
            !date.contains(',')
                && count.bytes().any(|b| b.is_ascii_digit())
                && count_like(count)
                && read_date(date) != DateRead::Unreadable
                && !extra(date)
        })
    };
    // A total (skipped when read), a row like any other here.
    let total = |line: &str| parts(line).is_some_and(|(words, _)| is_total(words));
    let header = |line: &str| line.split_whitespace().count() == 2 && !line.contains(',');
    let first: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(10).collect();
    if first.iter().any(|l| l.contains(['\t', ';', '"'])) {
        return None;
    }
    let rows = first.iter().enumerate().filter(|&(k, l)| !(k == 0 && !row(l) && header(l)));
    if !rows.clone().any(|(_, l)| row(l)) || !rows.clone().all(|(_, l)| row(l) || total(l)) {
        return None;
    }
    // Every line parted so, the rows past the first lines too: one that does not read is then
    // said at its line, as any file's is.
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        // (A row with another column beside its date stays whole: one cell, a row without a
        // count, counted and said, not added into its month.)
        match parts(body).filter(|(date, _)| !extra(date)) {
            Some((date, count)) => {
                out.push_str(date);
                out.push('\t');
                out.push_str(count);
                out.push_str(&line[body.len()..]);
            }
            None => out.push_str(line),
        }
    }
    Some(out)
}

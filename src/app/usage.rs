//! The page's usage import, as plain values tested natively: the choices the visitor makes
//! (columns, filters, history or forecast, horizon, growth), the words of the preview, the
//! forecast made from what is typed, and the notes a line shows once its calls come from usage.
//! The file is read in the Web Worker (`crate::app::jobs`, task `usage`); `crate::ui::usage`
//! only wires this to the DOM.

use rust_decimal::Decimal;

use crate::app::input;
use crate::app::text::{fill, texts};
use crate::engine::catalog::Catalog;
use crate::engine::money::group_u64;
use crate::engine::usage::forecast::{Forecast, ForecastError, forecast_from, same_months};
use crate::engine::usage::month::Month;
use crate::engine::usage::{Filter, History, Options, other_service, service_value};
use crate::engine::{Lang, Line};

/// What the visitor has chosen for the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choices {
    pub date_column: Option<String>,
    pub count_column: Option<String>,
    pub filters: Vec<Filter>,
    /// Rows whose count or date does not read are left out (and listed), not the file refused.
    pub skip_bad_rows: bool,
    /// The filter chosen for the line's service ([`Choices::pick_line_service`]), while it
    /// stands.
    pub line_pick: Option<Filter>,
    /// Whether the file was looked at for the line's service (once a file).
    pub looked: bool,
}

impl Choices {
    /// The reader's options.
    pub fn options(&self) -> Options {
        Options {
            date_column: self.date_column.clone(),
            count_column: self.count_column.clone(),
            filters: self.filters.clone(),
            skip_bad_rows: self.skip_bad_rows,
        }
    }

    /// Where a file sums the rows of several services and one value of its service column is
    /// the line's (`service`, on `catalog`): keeps that value's rows ([`service_value`]). Only
    /// once a file, and only where no filter is chosen. True where it chose one (the file is to
    /// be read again).
    pub fn pick_line_service(&mut self, h: &History, catalog: &Catalog, service: &str) -> bool {
        if std::mem::replace(&mut self.looked, true) || !self.filters.is_empty() {
            return false;
        }
        let Some(f) = service_value(&h.choices, catalog, service) else { return false };
        self.filters.push(f.clone());
        self.line_pick = Some(f);
        true
    }

    /// Where the file's count column was not found and one of its `headers` names the line's
    /// service (`service`, on `catalog`: `月份, 活体人脸核身`), reads the counts from it
    /// ([`count_column_named`](crate::engine::usage::count_column_named)), unless a count column
    /// was chosen. True where it chose one (the file is to be read again).
    pub fn pick_count_column(&mut self, headers: &[String], catalog: &Catalog, service: &str) -> bool {
        if self.count_column.is_some() {
            return false;
        }
        self.count_column = crate::engine::usage::count_column_named(headers, catalog, service);
        self.count_column.is_some()
    }

    /// Keeps only rows whose `column` is `value`; an empty `value` removes the filter.
    pub fn set_filter(&mut self, column: &str, value: Option<&str>) {
        if self.line_pick.as_ref().is_some_and(|f| f.column == column) {
            self.line_pick = None;
        }
        self.filters.retain(|f| f.column != column);
        if let Some(v) = value {
            self.filters.push(Filter { column: column.to_string(), value: v.to_string() });
        }
    }

    /// The value a column is filtered on.
    pub fn filter_of(&self, column: &str) -> Option<&str> {
        self.filters.iter().find(|f| f.column == column).map(|f| f.value.as_str())
    }
}

/// The first few of `total` things said, in a list, with an ellipsis where there are more.
fn first_few(shown: Vec<String>, total: usize, lang: Lang) -> String {
    let more = if total > shown.len() { lang.pick("……", ", …") } else { "" };
    format!("{}{more}", shown.join(lang.pick("、", ", ")))
}

/// What the import chose for the line by itself, while it stands: the rows of the line's
/// service (`service`, its name), with where to choose otherwise.
pub fn line_pick_words(c: &Choices, service: &str, lang: Lang) -> Option<String> {
    let f = c.line_pick.as_ref()?;
    Some(fill(texts(lang).usage_line_pick, &[("column", &f.column), ("value", &f.value), ("service", service)]))
}

/// Where the rows summed are another service's ([`other_service`]): said, with the column's
/// values, before the visitor applies them to this line (`name`, its service's name).
pub fn other_service_words(h: &History, catalog: &Catalog, service: &str, name: &str, lang: Lang) -> Option<String> {
    let (column, values) = other_service(&h.choices, catalog, service)?;
    let shown: Vec<String> = values.iter().take(4).cloned().collect();
    let values = first_few(shown, values.len(), lang);
    Some(fill(texts(lang).usage_other_service, &[("service", name), ("column", &column), ("values", &values)]))
}

/// The lines saying what was found: months and rows, rows skipped, empty months.
pub fn summary(name: &str, h: &History, lang: Lang) -> Vec<String> {
    let t = texts(lang);
    let (Some(from), Some(to)) = (h.months.first(), h.months.last()) else { return Vec::new() };
    // Rows pasted are read as a file named in the language of the moment: named in today's.
    let name = if [Lang::Zh, Lang::En].iter().any(|&l| texts(l).usage_pasted == name) { t.usage_pasted } else { name };
    let mut out = vec![fill(
        t.usage_found,
        &[
            ("name", name),
            ("from", &from.to_string()),
            ("to", &to.to_string()),
            ("months", &h.months.len().to_string()),
            ("rows", &group_u64(h.rows)),
        ],
    )];
    if h.rows_without_count > 0 {
        out.push(fill(t.usage_skipped, &[("n", &group_u64(h.rows_without_count))]));
    }
    if h.rows_skipped > 0 {
        // The first few, where they are: "第 3 行“abc”".
        let shown: Vec<String> = h
            .skipped
            .iter()
            .take(5)
            .map(|r| match (lang, r.text.is_empty()) {
                (Lang::Zh, false) => format!("第 {} 行“{}”", r.line, r.text),
                (Lang::En, false) => format!("line {} \"{}\"", r.line, r.text),
                // Calls without a date.
                (Lang::Zh, true) => format!("第 {} 行（无日期）", r.line),
                (Lang::En, true) => format!("line {} (no date)", r.line),
            })
            .collect();
        let rows = first_few(shown, h.rows_skipped as usize, lang);
        out.push(fill(t.usage_bad_rows, &[("n", &group_u64(h.rows_skipped)), ("rows", &rows)]));
    }
    if !h.split_counts.is_empty() {
        let rows: Vec<String> = h
            .split_counts
            .iter()
            .take(5)
            .map(|r| {
                let read = r.text.split(',').next().unwrap_or_default();
                match lang {
                    Lang::Zh => format!("第 {} 行“{}”读作 {read}", r.line, r.text),
                    Lang::En => format!("line {} \"{}\" read as {read}", r.line, r.text),
                }
            })
            .collect();
        out.push(fill(t.usage_split_counts, &[("rows", &first_few(rows, h.split_counts.len(), lang))]));
    }
    if h.rows_total > 0 {
        out.push(fill(t.usage_totals, &[("n", &group_u64(h.rows_total))]));
    }
    if h.rows_filtered > 0 {
        out.push(fill(t.usage_filtered, &[("n", &group_u64(h.rows_filtered))]));
    }
    // Rows of several services (or SKUs, APIs) added up, no one chosen: said, with where to
    // choose one.
    for c in h.choices.iter().filter(|c| c.summed.len() > 1 && crate::engine::usage::names_work(&c.column)) {
        let shown: Vec<String> = c
            .summed
            .iter()
            .take(4)
            .map(|(v, n)| match lang {
                Lang::Zh => format!("{v}（{} 行）", group_u64(*n)),
                Lang::En => format!("{v} ({} row{})", group_u64(*n), if *n == 1 { "" } else { "s" }),
            })
            .collect();
        let values = first_few(shown, c.summed.len(), lang);
        let n = c.summed.len().to_string();
        out.push(fill(t.usage_mixed, &[("column", &c.column), ("n", &n), ("values", &values)]));
    }
    if let Some(c) = &h.comma_decimal {
        let read =
            c.read.parse::<rust_decimal::Decimal>().map_or_else(|_| c.read.clone(), |d| d.normalize().to_string());
        out.push(fill(t.usage_comma_decimal, &[("line", &c.line.to_string()), ("text", &c.text), ("read", &read)]));
    }
    if !h.empty_months.is_empty() {
        let months: Vec<String> = h.empty_months.iter().map(ToString::to_string).collect();
        out.push(fill(t.usage_empty_months, &[("months", &months.join(lang.pick("、", ", ")))]));
    }
    out
}

/// The forecast for the horizon and growth typed (`growth` blank: the fitted one), from the
/// line's first month `start` where it is later than the month after the history's last (a line
/// dated for next year keeps its year), or what is wrong with them, in `lang`.
pub fn forecast_typed(
    h: &History,
    horizon: &str,
    growth: &str,
    start: Option<Month>,
    same: bool,
    lang: Lang,
) -> Result<Forecast, ForecastInput> {
    let said = |field, e: input::InputError| ForecastInput { field: Some(field), message: e.message(lang) };
    let months = input::parse_months(horizon).map_err(|e| said(ForecastField::Horizon, e))? as usize;
    let growth = match growth.trim() {
        "" => None,
        g => Some(input::parse_percent(g).map_err(|e| said(ForecastField::Growth, e))?),
    };
    let made = forecast_from(&h.calls, h.months_before(start), months, growth);
    // Same months as a year before: from the curve's interval and growth, the history's months.
    let made = if same { made.and_then(|f| same_months(&h.calls, f)) } else { made };
    made.map_err(|e| {
        let message = match (&e, lang) {
            (ForecastError::TooLarge { month }, Lang::Zh) => format!(
                "预测在第 {month} 月超过每月 {} 次：请减少预测月数或降低增长率",
                group_u64(crate::engine::limits::MAX_CALLS_PER_MONTH)
            ),
            (ForecastError::ShortForSeason { months }, Lang::Zh) => {
                format!("按去年同月推算需要 12 个月的历史；这份历史只有 {months} 个月")
            }
            (ForecastError::Start { skipped }, Lang::Zh) => format!(
                "本项的起始月份在历史最后一个月之后 {} 个月：预测最多从其后第 {} 个月开始，请把起始月份提前",
                skipped + 1,
                crate::engine::limits::MAX_MONTHS
            ),
            (e, _) => e.to_string(),
        };
        ForecastInput { field: None, message }
    })
}

/// A column's name as the page shows it: the names a file without a header is given by place
/// (`column 2`, [`crate::engine::usage::headers`]) said in the page's language (`第 2 列`), and
/// those a sheet with the months across is given (`month`, `calls`) in Chinese (`月份`, `调用量`;
/// a header of those words means that column too); a header's own names as written.
pub fn column_label(name: &str, lang: Lang) -> String {
    use crate::engine::usage::ACROSS_COLUMNS;
    let numbered = name.strip_prefix("column ").filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    match (lang, numbered) {
        (Lang::Zh, Some(n)) => format!("第 {n} 列"),
        (Lang::Zh, None) if name == ACROSS_COLUMNS[0] => "月份".to_string(),
        (Lang::Zh, None) if name == ACROSS_COLUMNS[1] => "调用量".to_string(),
        _ => name.to_string(),
    }
}

/// Where forecast `f` starts later than the month after the history's last (at the line's own
/// first month, or at this month where `from_now`): that month, and the months between, grown
/// through and left out.
pub fn skipped_words(h: &History, f: &Forecast, from_now: bool, lang: Lang) -> Option<String> {
    let start = h.forecast_months(f).first().copied().filter(|_| f.skipped > 0)?;
    let from = h.next_months(1).first().copied()?;
    let t = texts(lang);
    Some(fill(
        if from_now { t.usage_forecast_skips_to_now } else { t.usage_forecast_skips },
        &[("start", &start.to_string()), ("n", &f.skipped.to_string()), ("from", &from.to_string())],
    ))
}

/// Where forecast `f` starts before `now` (the visitor's month: a history that ended a while
/// ago): the words saying that its first months are already past, and the month to start at
/// instead, `now`. A plan for months gone buys packs for calls already made.
pub fn past_words(h: &History, f: &Forecast, now: Month, lang: Lang) -> Option<String> {
    let start = h.forecast_months(f).first().copied().filter(|start| *start < now)?;
    // Only where a forecast can start this month (at most 120 months after the history).
    if h.months_before(Some(now)) >= crate::engine::limits::MAX_MONTHS {
        return None;
    }
    let n = start.until(now);
    Some(fill(
        texts(lang).usage_forecast_past,
        &[("start", &start.to_string()), ("n", &n.to_string()), ("now", &now.to_string())],
    ))
}

/// Where forecast `f` of history `h` grows from: the fitted curve's level at the history's last
/// month with calls, beside what that month had (a December above the curve is not where the
/// curve goes on from); or, made of the same months a year before, which months those are.
pub fn start_words(h: &History, f: &Forecast, lang: Lang) -> Option<String> {
    let t = texts(lang);
    if f.same_months {
        let (from, to) = (h.months.get(h.months.len().checked_sub(12)?)?, h.months.last()?);
        let g = f.growth.to_string();
        return Some(fill(t.usage_start_same, &[("from", &from.to_string()), ("to", &to.to_string()), ("g", &g)]));
    }
    let k = h.calls.len().checked_sub(1 + f.trailing_zero_months)?;
    let (month, actual) = (h.months.get(k)?, *h.calls.get(k)?);
    let text = if h.calls.len() >= 12 { t.usage_start_fitted_season } else { t.usage_start_fitted };
    Some(fill(text, &[("month", &month.to_string()), ("level", &group_u64(f.level)), ("actual", &group_u64(actual))]))
}

/// A forecast's field in the page's form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ForecastField {
    Horizon,
    Growth,
}

/// Why the form's forecast cannot be made: the field at fault (none where the two together
/// cannot, a forecast past the limit), and the message in the page's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForecastInput {
    pub field: Option<ForecastField>,
    pub message: String,
}

/// Puts forecast `f` of history `h` in `line`: its months of calls, with the forecast's 80 %
/// interval as the range, or with the line's own range kept (`keep`: its low and high
/// percentages, as typed, applied to the forecast's calls).
/// Returns how many purchases and commitments were dropped (they were for other months).
pub fn use_forecast(h: &History, f: &Forecast, line: &mut Line, keep: Option<(Decimal, Decimal)>) -> usize {
    let dropped = h.apply_forecast(f, line);
    if let Some((below, above)) = keep {
        crate::app::edit::set_spread(line, below, above);
    }
    dropped
}

/// After "applied": the line's purchases and commitments dropped with its old months (`n` ≥ 1).
pub fn dropped_words(n: usize, lang: Lang) -> String {
    let t = texts(lang);
    match n {
        1 => t.usage_dropped_one.to_string(),
        n => fill(t.usage_dropped, &[("n", &n.to_string())]),
    }
}

/// The line's own range ([`edit::own_spread`](crate::app::edit::own_spread)), in words for the
/// choice of keeping it (`−30 % / +40 %`), where it has one.
pub fn own_range_words(line: &Line) -> Option<String> {
    let (below, above) = crate::app::edit::own_spread(line)?;
    Some(format!("−{} % / +{} %", below.normalize(), above.normalize()))
}

/// What the fit says, in words: the growth fitted, months of 0 at the end left out, a spread
/// that could not be measured, and where the fitted growth (not `typed`) carries a short history
/// far, what it comes to.
pub fn fitted_text(f: &Forecast, typed: bool, lang: Lang) -> Vec<String> {
    let t = texts(lang);
    let mut out = vec![match f.fitted_growth {
        Some(g) => fill(
            if f.spread_measured { t.usage_growth_fitted } else { t.usage_growth_fitted_plain },
            &[("g", &g.to_string()), ("n", &f.months_fitted.to_string()), ("s", &f.spread.to_string())],
        ),
        None => t.usage_growth_none.to_string(),
    }];
    if f.stopped() {
        out.push(match f.trailing_zero_months {
            1 => t.usage_trailing_zero_one.to_string(),
            n => fill(t.usage_trailing_zero, &[("n", &n.to_string())]),
        });
    }
    if !f.spread_measured {
        out.push(if f.stopped() { t.usage_no_spread_stopped } else { t.usage_no_spread }.to_string());
    }
    // A short history's growth carried far past it: what it comes to, so that the visitor sees
    // it before a plan is made for it (3 months at 19.9 % a month make 102,697 calls in month 12).
    let horizon = f.calls.len();
    if !typed && !f.growth.is_zero() && f.months_fitted < SHORT_HISTORY && horizon > f.months_fitted {
        out.push(fill(
            t.usage_short_history,
            &[
                ("n", &f.months_fitted.to_string()),
                ("h", &horizon.to_string()),
                ("g", &f.growth.to_string()),
                ("calls", &group_u64(f.calls.last().copied().unwrap_or(0))),
            ],
        ));
    }
    out
}

/// The months a forecast runs to unless another is typed: the line's, where it plans more than
/// one month of typed or forecast calls (a 24-month budget is forecast for 24), else a year.
pub fn default_horizon(line: Option<&Line>) -> usize {
    match line {
        Some(l) if l.calls.len() > 1 && l.usage_months.is_empty() => l.calls.len(),
        _ => 12,
    }
}

/// Fewer months of history than this, forecast further than they reach: the page says what the
/// fitted growth comes to.
const SHORT_HISTORY: usize = 6;

/// What low and high are, under the forecast's table.
pub fn range_words(f: &Forecast, lang: Lang) -> &'static str {
    let t = texts(lang);
    match (f.stopped(), f.spread_measured) {
        (true, _) if f.range_too_wide.is_some() => t.usage_forecast_range_wide_stopped,
        (false, _) if f.range_too_wide.is_some() => t.usage_forecast_range_wide,
        (true, true) => t.usage_forecast_range_stopped,
        (true, false) => t.usage_forecast_range_none_stopped,
        (false, true) => t.usage_forecast_range,
        (false, false) => t.usage_forecast_range_none,
    }
}

/// The note a line shows where its calls come from usage: the months imported, or the forecast.
pub fn line_note(line: &Line, lang: Lang) -> Option<String> {
    let t = texts(lang);
    if let Some(f) = &line.forecast {
        let (from, to) = (f.months.first()?, f.months.last()?);
        // A low case of 0 throughout is a stopped service's (`Forecast::stopped`), not an interval.
        let low_zero =
            line.calls_low.as_ref().is_some_and(|l| l.iter().all(|c| *c == 0)) && line.calls.iter().any(|c| *c > 0);
        // High the forecast itself (too short a history to measure a spread): with low the
        // forecast too, no range; with low 0, a stopped service's, with no interval measured.
        let high_flat = line.calls_high.as_ref().is_none_or(|h| *h == line.calls);
        let flat = high_flat && line.calls_low.as_ref().is_none_or(|l| *l == line.calls);
        let text = match (f.own_range, low_zero) {
            _ if flat => t.usage_forecast_note_plain,
            (false, true) if high_flat => t.usage_forecast_note_stopped_plain,
            (true, _) if !line.has_range() => t.usage_forecast_note_plain,
            (true, _) => t.usage_forecast_note_own,
            (false, true) => t.usage_forecast_note_stopped,
            (false, false) => t.usage_forecast_note,
        };
        let note = fill(
            text,
            &[
                ("from", &from.to_string()),
                ("to", &to.to_string()),
                ("g", &f.growth.to_string()),
                ("hfrom", &f.history[0].to_string()),
                ("hto", &f.history[1].to_string()),
            ],
        );
        return Some(if f.same_months { format!("{note}{}", t.usage_same_months_note) } else { note });
    }
    let (from, to) = (line.usage_months.first()?, line.usage_months.last()?);
    Some(fill(t.usage_history_note, &[("from", &from.to_string()), ("to", &to.to_string())]))
}

/// Whether a line's plan is priced in hindsight: its calls are a usage history (no range).
pub fn is_history(line: &Line) -> bool {
    !line.usage_months.is_empty() && line.forecast.is_none() && !line.has_range()
}

/// A growth as typed back into the field (`10.00` → `10`).
pub fn growth_text(g: Decimal) -> String {
    g.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::usage::{self, Month};

    /// A year whose December is above its curve: the forecast says it grows from the curve's
    /// level, not December's calls, and offers the same months; made of the same months, it says
    /// which, its line note says so, and the estimate keeps it (read back as written).
    #[test]
    fn a_forecast_says_where_it_grows_from() {
        let rows: String = [900, 800, 1_000, 1_000, 1_100, 1_000, 1_000, 900, 1_200, 1_100, 1_300, 3_000]
            .iter()
            .enumerate()
            .map(|(i, c)| format!("2025-{:02},{c}\n", i + 1))
            .collect();
        let h = usage::read(&format!("month,calls\n{rows}"), &Options::default()).unwrap();
        let f = forecast_typed(&h, "12", "0", None, false, Lang::En).unwrap();
        let said = start_words(&h, &f, Lang::En).unwrap();
        let level = group_u64(f.level);
        assert!(said.starts_with(&format!("The forecast grows from the fitted curve's level in 2025-12: {level} calls (that month itself had 3,000).")), "{said}");
        assert!(said.contains("Same months as a year before"), "{said}");
        let same = forecast_typed(&h, "12", "0", None, true, Lang::En).unwrap();
        assert_eq!(same.calls[11], 3_000, "December as it was");
        assert!(
            start_words(&h, &same, Lang::Zh).unwrap().starts_with("每个月取去年同月（2025-01 至 2025-12 中的那个月）")
        );
        let mut line = Line::new("活体人脸核身", vec![1]);
        use_forecast(&h, &same, &mut line, None);
        assert!(
            line_note(&line, Lang::En)
                .unwrap()
                .ends_with("Each month is the same month a year before, grown at this rate.")
        );
        // Made longer, it goes on with the same months: at 0 %, January and February again.
        let mut longer = line.clone();
        crate::app::edit::set_months(&mut longer, 14);
        assert_eq!(longer.calls[12..], [900, 800]);
        let e = crate::engine::Estimate::new(vec![line]);
        assert!(e.to_json().contains("\"same_months\":true"));
        let back = crate::engine::Estimate::from_json(&e.to_json()).unwrap();
        assert!(back.lines[0].forecast.as_ref().unwrap().same_months);
        // Less than a year of history: no same months to take (the page offers none).
        let short = usage::read("month,calls\n2025-01,5\n2025-02,6\n", &Options::default()).unwrap();
        let e = forecast_typed(&short, "3", "", None, true, Lang::Zh).unwrap_err();
        assert_eq!(e.message, "按去年同月推算需要 12 个月的历史；这份历史只有 2 个月");
    }

    #[test]
    fn the_summary_says_what_was_skipped_and_how_commas_were_read() {
        let h = usage::read("Month;Requests\n2024-01;\"3,000\"\n2024-02;5\nTotal;\"8,000\"\n", &Options::default())
            .unwrap();
        let lines = summary("u.csv", &h, Lang::En);
        assert!(lines.contains(&"Total or subtotal rows skipped (not counted twice): 1".to_string()), "{lines:?}");
        assert!(lines.iter().any(|l| l.contains("“3,000” on line 2 is 3.")), "{lines:?}");
        assert!(summary("u.csv", &h, Lang::Zh).iter().any(|l| l.contains("第 2 行的“3,000”读作 3。")));
    }

    fn history() -> History {
        usage::read(
            "日期,产品,调用量\n2025-10-08,ocr,1200\n2025-11-02,ocr,1.5万\n2026-01-05,ocr,\"12,000\"\n2026-01-09,ocr,\n2026-01-09,face,9\n",
            &Options { filters: vec![Filter { column: "产品".into(), value: "ocr".into() }], ..Options::default() },
        )
        .unwrap()
    }

    #[test]
    fn the_preview_says_what_was_found_and_left_out() {
        let h = history();
        assert_eq!(
            summary("usage.csv", &h, Lang::En),
            [
                "usage.csv: 2025-10 to 2026-01, 4 months, from 5 rows",
                "Rows without a count (purchases, taxes) skipped: 1",
                "Rows left out by the filters: 1",
                "Months without rows count as 0: 2025-12",
            ]
        );
        assert_eq!(summary("u.csv", &h, Lang::Zh)[0], "u.csv：2025-10 至 2026-01，共 4 个月，读自 5 行");
        // Rows pasted on a Chinese page, the page then switched to English: named in English.
        assert!(summary("粘贴的内容", &h, Lang::En)[0].starts_with("pasted rows: 2025-10"));
        assert!(summary("pasted rows", &h, Lang::Zh)[0].starts_with("粘贴的内容：2025-10"));
    }

    /// A FOCUS file of two SKUs: each month adds both up until one is chosen, and the preview
    /// says so (of the rows summed, ocr-general on 7 and ocr-idcard on 3; the purchase and the
    /// tax rows have no count, and the tax row no SKU; one service, so no word of `ServiceName`).
    /// A filter on another column leaves one SKU summed: nothing to say then either.
    #[test]
    fn rows_of_several_services_added_up_are_said() {
        let text = include_str!("../../tests/usage/focus-two-skus.csv");
        let h = usage::read(text, &Options::default()).unwrap();
        let lines = summary("f.csv", &h, Lang::En);
        let mixed: Vec<&String> = lines.iter().filter(|l| l.contains("adds them all up")).collect();
        assert_eq!(
            mixed,
            ["The column “SkuId” has 2 values (ocr-general (7 rows), ocr-idcard (3 rows)), and each month adds them \
              all up: where some are other services, choose this line's value under “SkuId” above"]
        );
        let zh = summary("f.csv", &h, Lang::Zh);
        assert!(zh.iter().any(|l| l.starts_with("“SkuId”列有 2 个值（ocr-general（7 行）、")), "{zh:?}");
        let chosen = Options {
            filters: vec![Filter { column: "SkuId".into(), value: "ocr-idcard".into() }],
            ..Options::default()
        };
        let h = usage::read(text, &chosen).unwrap();
        assert!(!summary("f.csv", &h, Lang::En).iter().any(|l| l.contains("adds them all up")));
        let other = "Month,Service,Sku,Calls\n2026-01,ocr,a,5\n2026-01,face,b,7\n2026-02,ocr,a,6\n";
        let by_service =
            Options { filters: vec![Filter { column: "Service".into(), value: "ocr".into() }], ..Options::default() };
        let h = usage::read(other, &by_service).unwrap();
        assert_eq!(h.calls, [5, 6]);
        assert!(
            !summary("o.csv", &h, Lang::En).iter().any(|l| l.contains("adds them all up")),
            "Sku a alone is summed"
        );
    }

    /// The same file on a line of ID card OCR: its SKU ocr-idcard's rows alone, chosen by the
    /// import and said (310 in November, 95 in December, 402 in January, none in February);
    /// on a line of general print OCR, ocr-general's (4,200 + 5,800 = 10,000; 7,100 + 1,650 −
    /// 150 = 8,600; 9,050; 12,345). Once a file: the visitor's "all" stands.
    #[test]
    fn a_file_of_several_services_keeps_the_lines_own() {
        let text = include_str!("../../tests/usage/focus-two-skus.csv");
        let cat = crate::engine::catalog::builtin();
        let mut c = Choices::default();
        let h = usage::read(text, &c.options()).unwrap();
        assert!(c.pick_line_service(&h, cat, "ocr_id_card"));
        let h = usage::read(text, &c.options()).unwrap();
        assert_eq!(h.calls, [310, 95, 402, 0]);
        assert_eq!(
            line_pick_words(&c, "ID card OCR", Lang::En).unwrap(),
            "The file holds several services: only the rows whose “SkuId” is “ocr-idcard” are summed, this line's \
             service (ID card OCR); to choose otherwise, change “SkuId” above"
        );
        assert!(!summary("f.csv", &h, Lang::En).iter().any(|l| l.contains("adds them all up")));
        // All SKUs chosen again: nothing said, nothing chosen again.
        c.set_filter("SkuId", None);
        assert_eq!(line_pick_words(&c, "ID card OCR", Lang::En), None);
        let h = usage::read(text, &c.options()).unwrap();
        assert!(!c.pick_line_service(&h, cat, "ocr_id_card"));
        assert!(c.filters.is_empty());
        let mut c = Choices::default();
        assert!(c.pick_line_service(&h, cat, "ocr_general_basic"));
        assert_eq!(usage::read(text, &c.options()).unwrap().calls, [10_000, 8_600, 9_050, 12_345]);
        // The same file on a liveness check's line: its SKUs are OCR's, and the preview says so.
        let h = usage::read(text, &Options::default()).unwrap();
        assert_eq!(
            other_service_words(&h, cat, "活体人脸核身", "Liveness face verification", Lang::En).unwrap(),
            "No row of this file names this line's service (Liveness face verification): “SkuId” holds \
             ocr-general, ocr-idcard, which belong to other services; check the file, or import it on their line"
        );
        assert_eq!(other_service_words(&h, cat, "ocr_id_card", "ID card OCR", Lang::En), None);
        // A filter the visitor chose first is left alone.
        let mut c = Choices::default();
        c.set_filter("ServiceName", Some("OCR"));
        assert!(!c.pick_line_service(&h, cat, "ocr_id_card"));
    }

    /// The ID cards of a FOCUS file (310, 95, 402, then 0) forecast for a year: an interval
    /// past any month's calls is said, not refused.
    #[test]
    fn a_forecast_whose_interval_runs_away_says_why_it_has_no_range() {
        let h =
            usage::read("Month,Calls\n2025-11,310\n2025-12,95\n2026-01,402\n2026-02,0\n", &Options::default()).unwrap();
        let f = forecast_typed(&h, "12", "", None, false, Lang::En).unwrap();
        assert!(range_words(&f, Lang::En).starts_with("Low is 0: the service may have stopped; the history strays"));
        assert_eq!(f.calls_high, f.calls);
        let h = usage::read("Month,Calls\n2025-11,310\n2025-12,95\n2026-01,402\n", &Options::default()).unwrap();
        let f = forecast_typed(&h, "60", "", None, false, Lang::Zh).unwrap();
        assert!(f.range_too_wide.is_some(), "{f:?}");
        assert!(range_words(&f, Lang::Zh).starts_with("历史偏离拟合太远"));
    }

    #[test]
    fn a_column_named_by_place_is_said_in_the_pages_language() {
        assert_eq!(column_label("column 2", Lang::Zh), "第 2 列");
        assert_eq!(column_label("column 2", Lang::En), "column 2");
        assert_eq!(column_label("column x", Lang::Zh), "column x");
        assert_eq!(column_label("调用量", Lang::Zh), "调用量");
        // A sheet across's columns, named by the reader: their meaning in Chinese beside them.
        let across = usage::headers("项目,2025-01,2025-02\n活体人脸核身,1,2\n").unwrap();
        let labels: Vec<String> = across.iter().map(|c| column_label(c, Lang::Zh)).collect();
        assert_eq!(labels, ["服务（项目）", "月份", "调用量"]);
        assert_eq!(column_label("calls", Lang::En), "calls");
    }

    /// A line dated for next year keeps its year: a history ending 2026-11 of 1,000 calls a
    /// month, grown 10 % a month, fills a line that starts 2027-01 from 1,000 × 1.1² = 1,210
    /// (December grown through and left out), not from December's 1,100; used, the line's
    /// months stay 2027's, and forecast again it starts there again.
    #[test]
    fn a_forecast_starts_at_the_lines_own_first_month() {
        let h = usage::read(
            "Month,Calls
2026-09,1000
2026-10,1000
2026-11,1000
",
            &Options::default(),
        )
        .unwrap();
        let start = Month::new(2027, 1);
        let f = forecast_typed(&h, "2", "10%", start, false, Lang::En).unwrap();
        assert_eq!((f.skipped, f.calls.clone()), (1, vec![1_210, 1_331]));
        assert_eq!(h.forecast_months(&f), [Month::new(2027, 1).unwrap(), Month::new(2027, 2).unwrap()]);
        assert_eq!(
            skipped_words(&h, &f, false, Lang::En).unwrap(),
            "The forecast starts at the line's first month, 2027-01: the 1 month(s) after the history (from 2026-12) are grown through but left out."
        );
        let mut line = Line::new("活体人脸核身", vec![5_000; 12]);
        line.first_month = start;
        use_forecast(&h, &f, &mut line, None);
        assert_eq!((line.calls.clone(), line.calendar().first().copied()), (vec![1_210, 1_331], start));
        let again = forecast_typed(&h, "2", "10%", line.calendar().first().copied(), false, Lang::En).unwrap();
        assert_eq!(again, f);
        // A line that starts within the history, or none dated: the month after it.
        for start in [Month::new(2026, 10), None] {
            let f = forecast_typed(&h, "2", "10%", start, false, Lang::En).unwrap();
            assert_eq!((f.skipped, f.calls.clone()), (0, vec![1_100, 1_210]));
            assert_eq!(skipped_words(&h, &f, false, Lang::En), None);
        }
        // Past the most months a forecast runs: said, in the form's words.
        let e = forecast_typed(&h, "2", "10%", Month::new(2037, 1), false, Lang::Zh).unwrap_err();
        assert_eq!(e.field, None);
        assert!(e.message.starts_with("本项的起始月份在历史最后一个月之后 122 个月"), "{}", e.message);
    }

    /// A history that ended a while ago (2026-09 to 2026-11) read in 2027-04: its forecast
    /// starts in 2026-12, four months before this one, and says so; started at this month it
    /// grows through the four (1,000 × 1.1⁵ = 1,610.51, so 1,611) and says that instead.
    #[test]
    fn a_forecast_whose_months_are_past_says_so() {
        let h = usage::read("Month,Calls\n2026-09,1000\n2026-10,1000\n2026-11,1000\n", &Options::default()).unwrap();
        let now = Month::new(2027, 4).unwrap();
        let f = forecast_typed(&h, "2", "10%", None, false, Lang::En).unwrap();
        assert_eq!(
            past_words(&h, &f, now, Lang::En).unwrap(),
            "The forecast starts at 2026-12, 4 month(s) before this month (2027-04): a plan for months already past buys packs for calls already made."
        );
        assert_eq!(past_words(&h, &f, Month::new(2026, 12).unwrap(), Lang::En), None);
        // A history too old to start a forecast at this month (120 months after it or more):
        // nothing offered that would fail.
        assert_eq!(past_words(&h, &f, Month::new(2036, 12).unwrap(), Lang::En), None);
        assert!(past_words(&h, &f, Month::new(2036, 11).unwrap(), Lang::En).is_some());
        let from_now = forecast_typed(&h, "2", "10%", Some(now), false, Lang::En).unwrap();
        assert_eq!((from_now.skipped, from_now.calls.clone()), (4, vec![1_611, 1_772]));
        assert_eq!(past_words(&h, &from_now, now, Lang::En), None);
        assert_eq!(
            skipped_words(&h, &from_now, true, Lang::Zh).unwrap(),
            "预测从本月 2027-04 开始：历史之后的 4 个月（自 2026-12 起）按同样的增长推算，但不计入本项。"
        );
    }

    /// Two months with calls measure no spread: low and high are the forecast itself, and
    /// neither the table's words nor the line's note call them an 80 % interval.
    #[test]
    fn a_forecast_without_a_measured_spread_claims_no_interval() {
        let h = usage::read("Month,Calls\n2026-01,1000\n2026-02,1100\n", &Options::default()).unwrap();
        let f = forecast_typed(&h, "3", "", None, false, Lang::En).unwrap();
        assert!(!f.spread_measured);
        assert!(range_words(&f, Lang::En).starts_with("Fewer than 3 months with calls"));
        assert!(!fitted_text(&f, false, Lang::En).iter().any(|l| l.contains("deviation")));
        let mut line = Line::new("活体人脸核身", vec![1]);
        use_forecast(&h, &f, &mut line, None);
        let note = line_note(&line, Lang::En).unwrap();
        assert!(!note.contains("80%"), "{note}");
        assert!(note.starts_with("Volumes forecast for 2026-03 to 2026-05 at 10"), "{note}");
        // A service that stopped (12,000, 13,000, then 0): low 0, and still no interval claimed.
        let h = usage::read("Month,Calls\n2025-01,12000\n2025-02,13000\n2025-03,0\n", &Options::default()).unwrap();
        let f = forecast_typed(&h, "3", "", None, false, Lang::En).unwrap();
        assert!(f.stopped() && !f.spread_measured);
        assert!(!range_words(&f, Lang::En).contains("80%"), "{}", range_words(&f, Lang::En));
        assert!(!range_words(&f, Lang::Zh).contains("80%"));
        use_forecast(&h, &f, &mut line, None);
        for lang in [Lang::En, Lang::Zh] {
            let note = line_note(&line, lang).unwrap();
            assert!(!note.contains("80%") && note.contains("0"), "{note}");
        }
    }

    #[test]
    fn a_forecast_runs_as_long_as_the_lines_plan() {
        assert_eq!(default_horizon(None), 12);
        assert_eq!(default_horizon(Some(&Line::new("x", vec![15_000]))), 12);
        assert_eq!(default_horizon(Some(&Line::new("x", vec![1; 24]))), 24);
        let h = history();
        let mut l = Line::new("x", vec![1]);
        h.apply(&mut l);
        assert_eq!(default_horizon(Some(&l)), 12, "a history's months are not a plan's");
    }

    #[test]
    fn a_forecast_used_keeps_the_lines_own_range_where_asked() {
        let h = history();
        let f = forecast_typed(&h, "2", "5%", None, false, Lang::En).unwrap();
        let mut line = Line::new("x", vec![10_000]);
        crate::app::edit::set_spread(&mut line, Decimal::from(30), Decimal::from(40));
        assert_eq!(own_range_words(&line).as_deref(), Some("−30 % / +40 %"));
        let own = crate::app::edit::spread(&line);
        // Kept: the forecast's calls (from the fitted 12,000 of January at 5 %: 12,600 and
        // 13,230), low 30 % under them (12,600 × 0.7 = 8,820) and high 40 % over (12,600 × 1.4 =
        // 17,640; 13,230 × 1.4 = 18,522).
        let mut kept = line.clone();
        use_forecast(&h, &f, &mut kept, own);
        assert_eq!(kept.calls, [12_600, 13_230]);
        assert_eq!(
            (kept.calls_low.clone().unwrap(), kept.calls_high.clone().unwrap()),
            (vec![8_820, 9_261], vec![17_640, 18_522])
        );
        assert!(line_note(&kept, Lang::En).unwrap().ends_with("low and high are this line's own range."));
        // Not kept: the forecast's interval, said so by the line's note.
        let mut replaced = line.clone();
        use_forecast(&h, &f, &mut replaced, None);
        assert_eq!(
            (replaced.calls_low.as_ref(), replaced.calls_high.as_ref()),
            (Some(&f.calls_low), Some(&f.calls_high))
        );
        assert!(line_note(&replaced, Lang::En).unwrap().ends_with("low and high are an 80% prediction interval."));
        // Over a forecast's interval, another forecast takes its own interval: the first one's
        // month-1 percentages are not offered as the line's range.
        assert_eq!((crate::app::edit::own_spread(&replaced), own_range_words(&replaced)), (None, None));
        let g = forecast_typed(&h, "3", "8%", None, false, Lang::En).unwrap();
        let keep = crate::app::edit::own_spread(&replaced);
        use_forecast(&h, &g, &mut replaced, keep);
        assert_eq!(
            replaced.calls_low.as_deref(),
            Some(&[1, 0, 0][..]),
            "3 months fitted: t = 3.078 for 1 degree of freedom, around 12,960, 13,997 and 15,117"
        );
        // A range typed afterwards is the line's own, and the estimate says so when read back.
        crate::app::edit::set_side(&mut replaced, true, Decimal::from(50));
        assert!(replaced.forecast.as_ref().unwrap().own_range);
        let e = crate::engine::Estimate::new(vec![replaced.clone()]);
        assert!(e.to_json().contains("\"own_range\":true"));
        assert_eq!(crate::engine::Estimate::from_json(&e.to_json()).unwrap(), e);
        crate::app::edit::set_spread(&mut replaced, Decimal::ZERO, Decimal::ZERO);
        assert!(line_note(&replaced, Lang::Zh).unwrap().ends_with("的用量。"));
    }

    #[test]
    fn the_forecast_follows_what_is_typed() {
        let h = history();
        assert_eq!(h.calls, [1200, 15000, 0, 12000]);
        let f = forecast_typed(&h, "3", "", None, false, Lang::En).unwrap();
        assert_eq!(f.growth, f.fitted_growth.unwrap());
        let f = forecast_typed(&h, "2", "5%", None, false, Lang::En).unwrap();
        assert_eq!(f.growth, Decimal::from(5));
        // 1,200, 15,000, 0, 12,000: three months fitted, none of 0 at the end.
        assert_eq!(fitted_text(&f, false, Lang::En).len(), 1);
        let short = usage::read("date,calls\n2025-10,5\n2025-11,7\n2025-12,0\n", &Options::default()).unwrap();
        let stopped = forecast_typed(&short, "1", "", None, false, Lang::En).unwrap();
        assert_eq!(
            fitted_text(&stopped, false, Lang::En)[1..],
            [
                "The last month had no calls (has the service stopped?): it is left out of the fit, the forecast goes on from the last month with calls, and its low case is 0 (the service may have stopped).",
                "Fewer than 3 months with calls: how far the history strays from the fit cannot be measured, so high equals the likely calls (and low is 0).",
            ]
        );
        // Three months growing fast, forecast for a year: the growth's end is said.
        let fast = usage::read("date,calls\n2025-10,8347\n2025-11,9120\n2025-12,12000\n", &Options::default()).unwrap();
        let year = forecast_typed(&fast, "12", "", None, false, Lang::En).unwrap();
        let words = fitted_text(&year, false, Lang::En);
        let last = crate::engine::money::group_u64(*year.calls.last().unwrap());
        assert_eq!(
            words.last().unwrap(),
            &format!(
                "Fitted to 3 months only and forecasting 12 months: at {}% a month, month 12 comes to {last} calls. If that rate will not hold, type the growth you expect.",
                year.growth
            )
        );
        // Typed growth, or a forecast no longer than the history: nothing to warn of.
        assert!(
            !fitted_text(&forecast_typed(&fast, "12", "2", None, false, Lang::En).unwrap(), true, Lang::En)
                .iter()
                .any(|w| w.contains("only"))
        );
        assert!(
            !fitted_text(&forecast_typed(&fast, "3", "", None, false, Lang::En).unwrap(), false, Lang::En)
                .iter()
                .any(|w| w.contains("only"))
        );
        let e = forecast_typed(&h, "0", "", None, false, Lang::En).unwrap_err();
        assert_eq!((e.field, e.message.as_str()), (Some(ForecastField::Horizon), "Must be at least 1"));
        let e = forecast_typed(&h, "3", "abc", None, false, Lang::En).unwrap_err();
        assert_eq!((e.field, e.message), (Some(ForecastField::Growth), input::InputError::Growth.message(Lang::En)));
        let mut line = Line::new("x", vec![]);
        h.apply_forecast(&f, &mut line);
        assert_eq!(
            line_note(&line, Lang::En).unwrap(),
            format!(
                "Volumes forecast for 2026-02 to 2026-03 at 5% a month, fitted to usage from 2025-10 to 2026-01; low and high are an 80% prediction interval."
            )
        );
        assert!(!is_history(&line));
        h.apply(&mut line);
        assert!(is_history(&line));
        assert_eq!(line.usage_months[0], Month::new(2025, 10).unwrap());
        assert_eq!(
            line_note(&line, Lang::Zh).unwrap(),
            "用量来自导入的历史：2025-10 至 2026-01（第 1 月为 2025-10）。"
        );
    }

    #[test]
    fn filters_are_set_and_cleared_by_column() {
        let mut c = Choices::default();
        c.set_filter("SkuId", Some("a"));
        c.set_filter("SkuId", Some("b"));
        assert_eq!(c.filter_of("SkuId"), Some("b"));
        assert_eq!(c.options().filters.len(), 1);
        c.set_filter("SkuId", None);
        assert!(c.filters.is_empty());
    }
}

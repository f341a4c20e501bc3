//! Scenarios side by side: estimates saved under a name (kept in browser storage and carried
//! together by one share link, `#c=`), and the comparison of two to four of them — totals with
//! their low–high range, each line, each month, and the cheapest plan of each — as figures the
//! page renders and the CSV export writes. Everything is priced by the engine.
//!
//! Stored and shared as JSON: `[{"name": "Plan A", "estimate": {"lines": […]}}, …]`. Several
//! tabs of the page share what is stored: each save, rename or delete is a [`Change`] applied to
//! what storage holds at that moment (not to a tab's own copy), so no tab writes over another's.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rust_decimal::Decimal;
use serde_json::Value;

use crate::engine::catalog::Catalog;
use crate::engine::json;
use crate::engine::optimize::optimize_estimate;
use crate::engine::path::Path;
use crate::engine::quote::CaseTotals;
use crate::engine::terms::Case;
use crate::engine::usage::Month;

pub use super::format::figure_why;
use crate::engine::{Estimate, Lang, quote, total_of};

/// The most scenarios kept.
pub const MAX_SAVED: usize = 12;
/// How many are compared at once.
pub const MAX_COMPARED: usize = 4;
/// The longest name.
pub const MAX_NAME: usize = 60;
/// The fragment key of a link carrying scenarios.
pub const PREFIX: &str = "c=";

/// Whether a fragment (with or without the `#`) carries scenarios at all, readable or not.
pub fn holds_scenarios(fragment: &str) -> bool {
    super::share::payload(fragment, PREFIX).is_some()
}

/// An estimate saved under a name.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub name: String,
    pub estimate: Estimate,
}

/// What went wrong saving or reading scenarios.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompareError {
    /// The name is empty.
    NoName,
    /// The name is longer than [`MAX_NAME`] characters.
    LongName,
    /// [`MAX_SAVED`] are kept already (and the name is new).
    Full,
    /// Renaming to a name another scenario has.
    Taken(String),
    /// The scenario is gone (deleted in another tab).
    Gone(String),
    /// The stored scenarios are not readable: where, and why.
    Unreadable(Unreadable),
    /// A scenarios link is cut short or damaged.
    BadLink(super::share::ShareError),
    /// A scenarios link's content is not readable: where, and why.
    LinkUnreadable(Unreadable),
}

/// Why saved scenarios (stored, or in a link) do not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// The text is not JSON: where it stops reading, counted from 1.
    NotJson { line: usize, column: usize },
    /// A scenario or one of its fields, by its path (`[1].estimate.lines[0].calls[0]: …`).
    At(String),
}

impl Unreadable {
    /// Why, in `lang` (a field's problem is said as the engine says it, with its path).
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Unreadable::NotJson { line, column }, Lang::Zh) => {
                format!("不是有效的 JSON（第 {line} 行第 {column} 列）")
            }
            (Unreadable::NotJson { line, column }, Lang::En) => format!("not JSON (line {line}, column {column})"),
            (Unreadable::At(why), _) => why.clone(),
        }
    }
}

impl CompareError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CompareError::NoName, Lang::Zh) => "请先给方案起个名字。".into(),
            (CompareError::NoName, Lang::En) => "Give the scenario a name first.".into(),
            (CompareError::LongName, Lang::Zh) => format!("名字最多 {MAX_NAME} 个字符。"),
            (CompareError::LongName, Lang::En) => format!("A name has at most {MAX_NAME} characters."),
            (CompareError::Full, Lang::Zh) => format!("最多保存 {MAX_SAVED} 个方案：请先删除一个。"),
            (CompareError::Full, Lang::En) => format!("At most {MAX_SAVED} scenarios are kept: delete one first."),
            (CompareError::Taken(n), Lang::Zh) => format!("已有名为“{n}”的方案：请换一个名字。"),
            (CompareError::Taken(n), Lang::En) => format!("A scenario is already called “{n}”: choose another name."),
            (CompareError::Gone(n), Lang::Zh) => format!("方案“{n}”已在另一个标签页中删除。"),
            (CompareError::Gone(n), Lang::En) => format!("The scenario “{n}” was deleted in another tab."),
            (CompareError::Unreadable(why), Lang::Zh) => format!("保存的方案无法读取：{}", why.message(lang)),
            (CompareError::Unreadable(why), Lang::En) => format!("The saved scenarios cannot be read: {}", why.message(lang)),
            // Cut short or too long: as any link; not readable text: not scenarios.
            (CompareError::BadLink(super::share::ShareError::NotText), Lang::Zh) => {
                "方案链接已损坏：内容不是方案数据。".into()
            }
            (CompareError::BadLink(super::share::ShareError::NotText), Lang::En) => {
                "The scenarios link is damaged: it does not hold scenarios.".into()
            }
            (CompareError::BadLink(super::share::ShareError::Garbled), Lang::Zh) => {
                "链接中的已存方案不完整或已损坏（可能复制时被截断），没有载入。".into()
            }
            (CompareError::BadLink(super::share::ShareError::Garbled), Lang::En) => {
                "The saved scenarios in the link are incomplete or damaged (perhaps cut off when copied): they are not loaded.".into()
            }
            (CompareError::BadLink(e), _) => e.message(lang),
            (CompareError::LinkUnreadable(why), Lang::Zh) => format!("方案链接中的内容无法读取：{}", why.message(lang)),
            (CompareError::LinkUnreadable(why), Lang::En) => {
                format!("The scenarios in the link cannot be read: {}", why.message(lang))
            }
        }
    }
}

/// One change a visitor makes to the saved scenarios.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// Saves an estimate under a name (replacing one of that name).
    Save {
        name: String,
        estimate: Estimate,
    },
    Rename {
        from: String,
        to: String,
    },
    Delete {
        name: String,
    },
    /// The scenarios a comparison link brought (beside the visitor's own: [`Scenarios::merge`]).
    Import(Scenarios),
}

/// The saved scenarios, in the order they were first saved.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scenarios {
    pub saved: Vec<Scenario>,
}

impl Scenarios {
    /// Saves `estimate` under `name` (trimmed); a scenario of the same name is replaced in place.
    pub fn save(&mut self, name: &str, estimate: Estimate) -> Result<(), CompareError> {
        let name = checked_name(name)?;
        match self.saved.iter().position(|s| s.name == name) {
            Some(i) => self.saved[i].estimate = estimate,
            None if self.saved.len() >= MAX_SAVED => return Err(CompareError::Full),
            None => self.saved.push(Scenario { name: name.to_string(), estimate }),
        }
        Ok(())
    }

    /// Whether saving under `name` (as typed) would replace a saved scenario.
    pub fn replaces(&self, name: &str) -> bool {
        checked_name(name).is_ok_and(|n| self.get(n).is_some())
    }

    pub fn remove(&mut self, name: &str) {
        self.saved.retain(|s| s.name != name);
    }

    /// Gives scenario `from` the name `to` (trimmed), keeping its place.
    pub fn rename(&mut self, from: &str, to: &str) -> Result<(), CompareError> {
        let to = checked_name(to)?;
        if from == to {
            return Ok(());
        }
        if self.get(to).is_some() {
            return Err(CompareError::Taken(to.to_string()));
        }
        let s = self.saved.iter_mut().find(|s| s.name == from).ok_or_else(|| CompareError::Gone(from.to_string()))?;
        s.name = to.to_string();
        Ok(())
    }

    /// Applies one change.
    pub fn apply(&mut self, change: &Change) -> Result<(), CompareError> {
        match change {
            Change::Save { name, estimate } => self.save(name, estimate.clone()),
            Change::Rename { from, to } => self.rename(from, to),
            Change::Delete { name } => {
                self.remove(name);
                Ok(())
            }
            Change::Import(other) => self.merge(other.clone()),
        }
    }

    pub fn get(&self, name: &str) -> Option<&Scenario> {
        self.saved.iter().find(|s| s.name == name)
    }

    /// `[{"name": …, "estimate": …}, …]`.
    pub fn to_json(&self) -> String {
        let items: Vec<Value> = self
            .saved
            .iter()
            .map(|s| {
                let estimate = serde_json::to_value(&s.estimate).unwrap_or(Value::Null);
                serde_json::json!({"name": s.name, "estimate": estimate})
            })
            .collect();
        Value::Array(items).to_string()
    }

    /// Reads scenarios written by [`Scenarios::to_json`]; a problem names the scenario and the
    /// field (`[1].estimate.lines[0].calls[0]: …`).
    pub fn from_json(text: &str) -> Result<Scenarios, CompareError> {
        match Scenarios::read_lenient(text) {
            (s, None) => Ok(s),
            (_, Some(e)) => Err(e),
        }
    }

    /// Reads what can be read of stored scenarios: every readable one, and the first problem
    /// with the others (so one damaged entry does not cost the rest).
    pub fn read_lenient(text: &str) -> (Scenarios, Option<CompareError>) {
        let bad = |m: String| CompareError::Unreadable(Unreadable::At(m));
        let mut out = Scenarios::default();
        let value: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                let at = Unreadable::NotJson { line: e.line(), column: e.column() };
                return (out, Some(CompareError::Unreadable(at)));
            }
        };
        let Value::Array(items) = value else { return (out, Some(bad("expected a list of scenarios".into()))) };
        let mut first = None;
        if items.len() > MAX_SAVED {
            first = Some(bad(format!("{} scenarios; the most is {MAX_SAVED}", items.len())));
        }
        for (i, item) in items.iter().enumerate().take(MAX_SAVED) {
            let read = || -> Result<(String, Estimate), CompareError> {
                let at = Path::root().at(i);
                let field = |e: json::FieldError| bad(e.to_string());
                let map =
                    json::object(item, &at, "a scenario like {\"name\": …, \"estimate\": …}", &["name", "estimate"])
                        .map_err(field)?;
                let name =
                    json::string(json::required(map, &at, "name").map_err(field)?, &at.key("name")).map_err(field)?;
                let estimate = json::required(map, &at, "estimate").map_err(field)?;
                let estimate = Estimate::from_value(estimate).map_err(|e| bad(format!("[{i}].estimate.{e}")))?;
                Ok((name.to_string(), estimate))
            };
            let saved = read().and_then(|(name, e)| {
                out.save(&name, e).map_err(|e| bad(format!("[{i}].name: {}", e.message(Lang::En))))
            });
            if let Err(e) = saved {
                first.get_or_insert(e);
            }
        }
        (out, first)
    }

    /// The fragment carrying `chosen` scenarios, without the `#`: `c=…`.
    pub fn encode(chosen: &[&Scenario]) -> String {
        let s = Scenarios { saved: chosen.iter().map(|s| (*s).clone()).collect() };
        format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(s.to_json()))
    }

    /// Reads a fragment (with or without `#`): `Ok(None)` if it carries no scenarios.
    pub fn decode(fragment: &str) -> Result<Option<Scenarios>, CompareError> {
        use super::share;
        let Some(payload) = share::payload(fragment, PREFIX) else { return Ok(None) };
        let text = share::payload_text(payload).map_err(CompareError::BadLink)?;
        Scenarios::from_json(&text).map(Some).map_err(|e| match e {
            CompareError::Unreadable(why) => CompareError::LinkUnreadable(why),
            e => e,
        })
    }

    /// Adds `other`'s scenarios, as far as room allows. One whose name is taken by a different
    /// scenario is added under the first free `name (2)`, `name (3)`, … (a link never writes over
    /// a scenario of the visitor's own); one already kept under its name is left as it is.
    /// All or nothing: where they do not all fit, none is added.
    pub fn merge(&mut self, other: Scenarios) -> Result<(), CompareError> {
        let mut merged = self.clone();
        for s in other.saved {
            let name = merged.place_for(&s);
            merged.save(&name, s.estimate)?;
        }
        *self = merged;
        Ok(())
    }

    /// The name `s` is (or would be) kept under by [`Scenarios::merge`]: its own where it is free
    /// or holds the same estimate, else the first free `name (k)` or one holding the same.
    fn place_for(&self, s: &Scenario) -> String {
        let name = s.name.trim();
        let fits = |n: &str| self.get(n).is_none_or(|kept| kept.estimate == s.estimate);
        if fits(name) {
            return name.to_string();
        }
        (2..)
            .map(|k| {
                let suffix = format!(" ({k})");
                let room = MAX_NAME.saturating_sub(suffix.chars().count());
                format!("{}{suffix}", name.chars().take(room).collect::<String>())
            })
            .find(|n| fits(n))
            .unwrap_or_else(|| name.to_string())
    }

    /// The names `linked`'s scenarios are kept under after [`Scenarios::merge`] (to tick them
    /// for the comparison), as far as they were kept.
    pub fn placed(&self, linked: &Scenarios) -> Vec<String> {
        linked.saved.iter().map(|s| self.place_for(s)).filter(|n| self.get(n).is_some()).collect()
    }
}

/// The names of the scenarios ticked for the comparison, as kept between visits
/// (`["低量", "高量"]`): at most [`MAX_COMPARED`] names; anything else kept there reads as none
/// ticked (a scenario since deleted is left out where the comparison is drawn).
pub fn read_compared(text: &str) -> Vec<String> {
    let names: Vec<String> = serde_json::from_str(text).unwrap_or_default();
    let mut out: Vec<String> = Vec::new();
    for name in names.iter().filter_map(|n| checked_name(n).ok()) {
        if !out.iter().any(|o| o == name) && out.len() < MAX_COMPARED {
            out.push(name.to_string());
        }
    }
    out
}

/// [`read_compared`]'s text for `names`.
pub fn write_compared(names: &[String]) -> String {
    Value::from(names.to_vec()).to_string()
}

/// A scenario's name, trimmed: not empty, at most [`MAX_NAME`] characters.
fn checked_name(name: &str) -> Result<&str, CompareError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CompareError::NoName);
    }
    if name.chars().count() > MAX_NAME {
        return Err(CompareError::LongName);
    }
    Ok(name)
}

/// One scenario in a comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub name: String,
    /// What went wrong pricing it (the other figures are then empty).
    pub error: Option<String>,
    pub total: Option<Decimal>,
    /// Low, likely and high totals, where a line gives a range.
    pub range: Option<CaseTotals>,
    /// Where a case waits for a price: what has one in it (`engine::quote::priced_range_part`).
    pub range_priced: Option<CaseTotals>,
    /// Their expected cost at the scenario's weights: what its cheapest plan's expected cost is
    /// set against.
    pub expected: Option<Decimal>,
    /// The total split by the VAT the scenario states for its prices.
    pub vat: Option<crate::engine::vat::VatSplit>,
    /// Each line: its service's name and total.
    pub lines: Vec<(String, Option<Decimal>)>,
    /// Each month: the cost of all lines (after discounts), each line's months at their
    /// calendar months where every line is dated (`engine::quote::by_month`).
    pub months: Vec<Option<Decimal>>,
    /// Where a month waits for a price: what the lines priced in it come to.
    pub month_priced: Vec<Option<Decimal>>,
    /// The calendar month of `months[0]`, where the lines are dated.
    pub first_month: Option<Month>,
    /// Where a line has no price: why (the first such line's), and each line's.
    pub missing: Option<crate::engine::explain::Missing>,
    pub line_missing: Vec<Option<crate::engine::explain::Missing>>,
    /// Where a line has no price: what the rest comes to (`engine::quote::priced_part`).
    pub priced: Option<Decimal>,
    /// The cheapest plan's total (its expected cost for lines with a range), and whether every
    /// line's plan is proven optimal; `None` where it cannot be worked out.
    pub cheapest: Option<Decimal>,
    pub proven: bool,
    /// What the cheapest plan buys, in words (each line's, after its service's name where there
    /// are several).
    pub plan: Option<String>,
}

/// A month's cost in a comparison, and where it waits for a price what has one.
pub type MonthFigure = (Option<Decimal>, Option<Decimal>);

impl Column {
    /// A case's total and, where it waits for a price, what has one in it (a scenario without a
    /// range: its total, in every case).
    pub fn case(&self, case: Case) -> (Option<Decimal>, Option<Decimal>) {
        match self.range {
            Some(r) => (r.get(case), self.range_priced.and_then(|p| p.get(case))),
            None => (self.total, self.priced),
        }
    }

    /// A case's figure as written ([`format::case_figure`](super::format::case_figure)): where
    /// it waits for a price, what has one and why.
    pub fn case_figure(&self, case: Case, money: impl Fn(Decimal) -> String, lang: Lang) -> String {
        let (whole, part) = self.case(case);
        super::format::case_figure(whole, part, self.missing, money, lang)
    }

    /// The figure the scenarios are ranked on, as written: the expected cost where a line has a
    /// range (its words where a case waits for a price, not the likely total), else the total.
    pub fn expected_figure(&self, money: impl Fn(Decimal) -> String, lang: Lang) -> String {
        match self.range {
            Some(_) => super::format::case_figure(self.expected, None, self.missing, money, lang),
            None => figure(self, self.total, self.priced, money, lang),
        }
    }

    /// Its month `i` (from 0): the cost, and what has a price where it waits for one.
    fn month(&self, i: usize) -> Option<MonthFigure> {
        Some((*self.months.get(i)?, self.month_priced.get(i).copied().flatten()))
    }
}

/// Prices `chosen` scenarios with `builtin` (each extended by its own list) side by side.
pub fn compare(builtin: &Catalog, chosen: &[&Scenario], lang: Lang) -> Vec<Column> {
    chosen.iter().take(MAX_COMPARED).map(|s| column(builtin, s, lang)).collect()
}

fn column(builtin: &Catalog, s: &Scenario, lang: Lang) -> Column {
    let mut col = Column {
        name: s.name.clone(),
        error: None,
        total: None,
        range: None,
        range_priced: None,
        expected: None,
        vat: None,
        lines: Vec::new(),
        months: Vec::new(),
        month_priced: Vec::new(),
        first_month: None,
        missing: None,
        line_missing: Vec::new(),
        priced: None,
        cheapest: None,
        proven: false,
        plan: None,
    };
    let q = match quote(builtin, &s.estimate, lang) {
        Ok(q) => q,
        Err(e) => {
            col.error = Some(super::format::problem(&e, lang));
            return col;
        }
    };
    col.total = q.total;
    col.range = q.range;
    col.range_priced = crate::engine::quote::priced_range_part(q.lines.iter()).ok().flatten();
    col.expected = q.expected;
    col.vat = q.vat;
    col.missing = q.lines.iter().find_map(|l| l.missing_price);
    col.line_missing = q.lines.iter().map(|l| l.missing_price).collect();
    col.priced = crate::engine::quote::priced_part(&q.lines).ok().flatten();
    col.lines = q.lines.iter().map(|l| (l.service_name.clone(), l.total)).collect();
    let calendars: Vec<Vec<Month>> = s.estimate.lines.iter().map(|l| l.calendar().into_owned()).collect();
    match crate::engine::quote::by_month(q.lines.iter().zip(calendars.iter().map(Vec::as_slice))) {
        Some(months) => {
            col.first_month = months.first().and_then(|m| m.date);
            col.month_priced = months.iter().map(|m| m.priced).collect();
            col.months = months.into_iter().map(|m| m.cost).collect();
        }
        // Lines dated and not, side by side: month by month number.
        None => {
            let months = q.lines.iter().map(|l| l.months.len()).max().unwrap_or(0);
            let costs = |m: usize| q.lines.iter().map(move |l| l.months.get(m).map_or(Some(Decimal::ZERO), |x| x.cost));
            col.months = (0..months).map(|m| total_of(costs(m)).ok().flatten()).collect();
            // A month waiting for a price: what the lines that have that month and a price for it
            // come to, where any has.
            col.month_priced = (0..months)
                .map(|m| {
                    let had = q.lines.iter().filter_map(|l| Some(l.months.get(m)?.cost));
                    let priced: Vec<Option<Decimal>> = had.clone().filter(Option::is_some).collect();
                    let waits = had.into_iter().any(|c| c.is_none());
                    (waits && !priced.is_empty()).then(|| total_of(priced).ok().flatten()).flatten()
                })
                .collect();
        }
    }
    if let Ok((best, plan, summaries)) = optimize_estimate(builtin, &s.estimate, lang) {
        col.proven = summaries.iter().all(|x| x.proven_optimal);
        let catalog = s.estimate.catalog(builtin).ok();
        let words: Vec<String> = plan
            .lines
            .iter()
            .zip(&col.lines)
            .map(|(l, (name, _))| {
                let words = super::format::plan_words(l, catalog.as_ref().and_then(|c| c.service(&l.service)), lang);
                if plan.lines.len() > 1 { format!("{name}{}{words}", lang.pick("：", ": ")) } else { words }
            })
            .collect();
        col.plan = Some(words.join(lang.pick("；", "; ")));
        col.cheapest = if summaries.iter().any(|x| x.range.is_some()) {
            best.range.and_then(|r| s.estimate.weights().expected(&r))
        } else {
            best.total
        };
    }
    col
}

/// The scenarios' months side by side: by calendar month where every scenario's are dated (from
/// the earliest to the latest, "2027-01"), else by month number ("第 1 月"); each scenario's cost
/// there (`None` where it has no such month; `Some((None, part))` where a price is missing, with
/// what has one in it, if anything).
pub fn month_rows(columns: &[Column], lang: Lang) -> Vec<(String, Vec<Option<MonthFigure>>)> {
    let t = super::text::texts(lang);
    let dated = !columns.is_empty() && columns.iter().all(|c| c.first_month.is_some() || c.months.is_empty());
    if dated {
        let first = columns.iter().filter_map(|c| c.first_month).min();
        let span = |first: Month| {
            columns
                .iter()
                .filter_map(|c| Some(usize::try_from(first.until(c.first_month?)).ok()? + c.months.len()))
                .max()
        };
        if let Some((first, span)) = first.and_then(|f| Some((f, span(f)?))) {
            let span = span.min(crate::engine::quote::MAX_MONTHS_SIDE_BY_SIDE);
            return first
                .run(span)
                .into_iter()
                .map(|date| {
                    let cells = columns
                        .iter()
                        .map(|c| {
                            let at = usize::try_from(c.first_month?.until(date)).ok()?;
                            c.month(at)
                        })
                        .collect();
                    (date.to_string(), cells)
                })
                .collect();
        }
    }
    let n = columns.iter().map(|c| c.months.len()).max().unwrap_or(0);
    (0..n)
        .map(|m| {
            let label = super::text::fill(t.month_n, &[("n", &(m + 1).to_string())]);
            (label, columns.iter().map(|c| c.month(m)).collect())
        })
        .collect()
}

/// A scenario's figure as written: `money` of it, or where it has no price the words of why,
/// after what has one (`30,750.00 元 + 未列价格`) where `part` gives it.
pub fn figure(
    c: &Column,
    d: Option<Decimal>,
    part: Option<Decimal>,
    money: impl Fn(Decimal) -> String,
    lang: Lang,
) -> String {
    figure_why(d, part, c.missing, money, lang)
}

/// How much more each scenario costs than the least of them, by the figure they are ranked on
/// (the expected cost where a line has a range, else the total): 0 for the cheapest. `None` for
/// a scenario without that figure; all `None` where fewer than two have one.
pub fn above_least(columns: &[Column]) -> Vec<Option<Decimal>> {
    let amount = |c: &Column| if c.range.is_some() { c.expected } else { c.total };
    let amounts: Vec<Option<Decimal>> = columns.iter().map(amount).collect();
    if amounts.iter().flatten().count() < 2 {
        return vec![None; columns.len()];
    }
    let least = amounts.iter().flatten().min().copied();
    amounts.into_iter().map(|a| Some(a? - least?)).collect()
}

/// Where some scenario states its VAT: each scenario's total before VAT and with it (the
/// figures a budget and an invoice are read by), in that order; `None` for a scenario that does
/// not state it. Empty where none does.
pub fn vat_rows(columns: &[Column], lang: Lang) -> Vec<(String, Vec<Option<Decimal>>)> {
    if columns.iter().all(|c| c.vat.is_none()) {
        return Vec::new();
    }
    let t = super::text::texts(lang);
    vec![
        (t.compare_before_vat.to_string(), columns.iter().map(|c| c.vat.map(|v| v.before_vat)).collect()),
        (t.compare_with_vat.to_string(), columns.iter().map(|c| c.vat.map(|v| v.with_vat)).collect()),
    ]
}

/// The cheapest plans' label: an expected cost only where some scenario gives a range.
pub fn cheapest_label(columns: &[Column], lang: Lang) -> &'static str {
    let t = super::text::texts(lang);
    if columns.iter().any(|c| c.range.is_some()) { t.compare_cheapest } else { t.compare_cheapest_plain }
}

/// The comparison as CSV (UTF-8 with a BOM so spreadsheet programs read the Chinese): one row
/// per figure, one column per scenario.
pub fn csv(columns: &[Column], lang: Lang) -> String {
    let t = super::text::texts(lang);
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut head = vec![t.compare_figure.to_string()];
    head.extend(columns.iter().map(|c| c.name.clone()));
    rows.push(head);
    let each = |f: &dyn Fn(&Column) -> String| columns.iter().map(f).collect::<Vec<_>>();
    let mut row = |label: String, cells: Vec<String>| {
        let mut r = vec![label];
        r.extend(cells);
        rows.push(r);
    };
    let plain = |d: Decimal| d.to_string();
    row(t.total.to_string(), each(&|c| figure(c, c.total, c.priced, plain, lang)));
    let case = |c: &Column, case| c.case_figure(case, plain, lang);
    for (label, cells) in vat_rows(columns, lang) {
        row(label, cells.into_iter().map(|d| d.map(plain).unwrap_or_default()).collect());
    }
    if columns.iter().any(|c| c.range.is_some()) {
        row(t.case_low.to_string(), each(&|c| case(c, Case::Low)));
        row(t.case_high.to_string(), each(&|c| case(c, Case::High)));
        row(t.expected_cost.to_string(), each(&|c| c.expected_figure(plain, lang)));
    }
    let above = above_least(columns);
    if above.iter().any(Option::is_some) {
        row(t.compare_above.to_string(), above.iter().map(|d| d.map(plain).unwrap_or_default()).collect());
    }
    row(cheapest_label(columns, lang).to_string(), each(&|c| figure(c, c.cheapest, None, plain, lang)));
    row(t.compare_plan.to_string(), each(&|c| c.plan.clone().unwrap_or_default()));
    let n_lines = columns.iter().map(|c| c.lines.len()).max().unwrap_or(0);
    for i in 0..n_lines {
        row(
            super::text::fill(t.line, &[("n", &(i + 1).to_string())]),
            each(&|c| {
                c.lines.get(i).map_or_else(String::new, |(label, total)| {
                    let why = c.line_missing.get(i).copied().flatten();
                    format!("{label}{}{}", lang.pick("：", ": "), figure_why(*total, None, why, plain, lang))
                })
            }),
        );
    }
    for (label, cells) in month_rows(columns, lang) {
        let cells = cells
            .into_iter()
            .zip(columns)
            .map(|(d, c)| d.map_or_else(String::new, |(d, part)| figure(c, d, part, plain, lang)))
            .collect();
        row(label, cells);
    }
    row(t.compare_error.to_string(), each(&|c| c.error.clone().unwrap_or_default()));
    let mut out = String::from("\u{feff}");
    for r in rows {
        out.push_str(&super::csv::row(&r));
        out.push_str("\r\n");
    }
    out
}

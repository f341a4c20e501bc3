//! The estimate: what a visitor plans to use. One type serves the `quote` CLI, the JS API, share
//! links, exports and browser storage, so an estimate saved anywhere prices the same everywhere.
//!
//! ```json
//! {"lines":[{"service":"活体人脸核身","calls":[15000],"packs":[{"size":10000,"count":1}],
//!            "free_calls":0,"postpaid":true}]}
//! ```
//! A buyer's own terms ride along: a line's `negotiated_price` (per call, for volumes the list
//! leaves to sales), a `discount` on the estimate or a line (the line's wins), `calls_low` and
//! `calls_high` around `calls` for an uncertain volume, and the `scenario_weights` of those cases.
//! Reading checks shape and ranges and names the field of any problem
//! (`lines[0].calls[2]: must be a whole number ≥ 0, not -5`); checks that need the price list
//! (the service exists, the pack size is sold) happen when the estimate is priced.

use serde::{Serialize, Serializer, ser::SerializeStruct};
use serde_json::Value;
use std::borrow::Cow;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::catalog::{self, Catalog, CatalogErrors, merge, parse_price_list_value};
use super::json::{FieldError, Items, PerMonth, Wrong};
use super::list_rule::ListRule;
use super::terms::{Case, Discount, Weights};
use super::usage::Month;

use super::error::EstimateError;
use super::json::{self, Res};
use super::limits;
use super::path::{self, Path};

/// What a visitor plans to use: one line per service, and optionally a price list of their own
/// that extends or replaces the built-in one (so custom services travel with the estimate).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Estimate {
    pub lines: Vec<Line>,
    /// A discount on every line that has none of its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discount: Option<Discount>,
    /// How much the low, likely and high cases count where lines give ranges (default
    /// 0.25 / 0.5 / 0.25).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scenario_weights: Option<Weights>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price_list: Option<CustomCatalog>,
    /// The VAT the list's prices include or leave out, where the buyer states it: the quote then
    /// splits its total ([`super::vat::Vat::split`]). Pricing is unchanged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vat: Option<super::vat::Vat>,
}

/// A price list carried by an estimate: `{"mode": "extend", "list": {"format": 1, …}}`, read and
/// validated once where it comes in (estimate JSON, the JS API, a file, the page's editor).
/// It keeps the typed list and the catalog built from it for pricing, and the JSON it was read
/// from to travel on exactly as given (storage, share links, exports). Cloning it shares all
/// three; they are dropped with the last estimate holding them.
#[derive(Clone, Debug)]
pub struct CustomCatalog {
    pub mode: ListMode,
    /// The list as read, for writing the estimate back out.
    source: Arc<Value>,
    /// The list itself, validated.
    own: Arc<Catalog>,
    /// The list it was read on (the built-in one, or the CLI's `--price-list`) extended or
    /// replaced by it: what the estimate is priced with.
    in_force: Arc<Catalog>,
    /// Whether it was read on the built-in list (else `in_force` is made anew for each base).
    on_builtin: bool,
}

impl CustomCatalog {
    /// `list`, read from `source`, combined with the built-in one; every problem of the
    /// combination at once.
    pub fn new(mode: ListMode, source: Value, list: Catalog) -> Result<CustomCatalog, CatalogErrors> {
        CustomCatalog::new_on(mode, source, list, catalog::builtin())
    }

    /// [`CustomCatalog::new`] on another list than the built-in one (the CLI's `--price-list`):
    /// a list that extends is checked against the list it extends.
    pub fn new_on(
        mode: ListMode,
        source: Value,
        list: Catalog,
        base: &Catalog,
    ) -> Result<CustomCatalog, CatalogErrors> {
        let on_builtin = std::ptr::eq(base, catalog::builtin());
        let own = Arc::new(list);
        let in_force = match mode {
            ListMode::Replace => {
                let mut list = own.as_ref().clone();
                merge::name_groups(&mut list);
                Arc::new(list)
            }
            ListMode::Extend => Arc::new(merge::extend(base, &own)?),
        };
        Ok(CustomCatalog { mode, source: Arc::new(source), own, in_force, on_builtin })
    }

    /// Reads and checks a list given as JSON.
    pub fn read(mode: ListMode, source: Value) -> Result<CustomCatalog, CatalogErrors> {
        CustomCatalog::read_on(mode, source, catalog::builtin())
    }

    /// [`CustomCatalog::read`] on another list than the built-in one.
    pub fn read_on(mode: ListMode, source: Value, base: &Catalog) -> Result<CustomCatalog, CatalogErrors> {
        let list = parse_price_list_value(&source)?;
        CustomCatalog::new_on(mode, source, list, base)
    }

    /// The list as it was read.
    pub fn source(&self) -> &Value {
        &self.source
    }

    /// The list as given (its own services and packs only).
    pub fn own(&self) -> &Catalog {
        &self.own
    }

    /// The price list in force: the built-in one extended or replaced by this one.
    pub fn in_force(&self) -> &Arc<Catalog> {
        &self.in_force
    }
}

impl PartialEq for CustomCatalog {
    fn eq(&self, other: &CustomCatalog) -> bool {
        self.mode == other.mode && (Arc::ptr_eq(&self.source, &other.source) || self.source == other.source)
    }
}

impl Serialize for CustomCatalog {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("CustomCatalog", 2)?;
        st.serialize_field("mode", &self.mode)?;
        st.serialize_field("list", &*self.source)?;
        st.end()
    }
}

/// How a carried price list combines with the built-in one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ListMode {
    /// Adds its services to the built-in ones and may give new prices to built-in ones (same
    /// id); other ids and names must be new.
    Extend,
    /// Replaces the built-in list.
    Replace,
}

/// One service's calls and purchases.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Line {
    /// The service's catalog id or its exact name as the documents print it.
    pub service: String,
    /// Calls per month, month 1 first.
    pub calls: Vec<u64>,
    /// Packs bought (at the start of month 1 unless `month` says otherwise).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub packs: Vec<PackPurchase>,
    /// A free pack of this many calls, drawn before any purchased pack.
    #[serde(skip_serializing_if = "is_zero")]
    pub free_calls: u64,
    /// How many months the free pack's calls can be drawn, month 1 included: for calls left in
    /// packs bought before month 1, the months they have left (1 to the packs' validity). `None`:
    /// the validity, as a free pack given in month 1 lasts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub free_months: Option<u32>,
    /// Whether calls beyond the packs are billed postpaid (true) or refused (false).
    pub postpaid: bool,
    /// A price per call from sales, for volumes the list leaves unpriced (a 联系商务 tier, a
    /// service priced on request or not listed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub negotiated_price: Option<Decimal>,
    /// Whether the negotiated price prices every call, in place of the list's prices (a contract
    /// price), not only the volumes the list leaves unpriced.
    #[serde(skip_serializing_if = "is_false")]
    pub negotiated_all_calls: bool,
    /// This line's discount; it wins over the estimate's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discount: Option<Discount>,
    /// The low case of an uncertain volume, month by month (≤ `calls`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calls_low: Option<Vec<u64>>,
    /// The high case (≥ `calls`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calls_high: Option<Vec<u64>>,
    /// Commitment tiers of the service taken, each for a run of months (format 2 lists).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub commitments: Vec<CommitmentTerm>,
    /// Where `calls` is a usage history: the calendar month of each entry (`"2025-11"`, one per
    /// month, consecutive). Pricing ignores it; the page labels months and prices the history
    /// in hindsight.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub usage_months: Vec<Month>,
    /// Where `calls` is a forecast from a usage history: how it was made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forecast: Option<ForecastNote>,
    /// The calendar month of month 1, where typed calls are given dates (a plan for 2027 from
    /// `"2027-01"`). A history or a forecast has its own months instead, so not with them.
    /// Pricing ignores it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_month: Option<Month>,
    /// Where typed calls grow from month 1 by this percentage a month, compounded
    /// ([`super::growth::compound`]): the months follow it exactly, and months added to the line
    /// continue it. Pricing reads `calls` alone; the page keeps the rate while the months follow it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub growth: Option<Decimal>,
}

/// How a line's calls were forecast: the monthly growth in percent (and the fitted one where it
/// was typed), the calendar months forecast (one per entry of `calls`) and the first and last
/// month of the history fitted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ForecastNote {
    pub growth: Decimal,
    /// What the fit said, where the growth used was typed instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fitted_growth: Option<Decimal>,
    pub months: Vec<Month>,
    pub history: [Month; 2],
    /// The line's low and high are its own range (kept when the forecast was used, or typed
    /// since), not the forecast's 80 % interval. Absent (false) in documents before it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub own_range: bool,
    /// Each month is the history's same month a year before, grown
    /// ([`same_months`](super::usage::forecast::same_months)), not the fitted curve. Absent
    /// (false) in documents before it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub same_months: bool,
}

/// A commitment taken from `month` for `months` months (to the last month where absent).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CommitmentTerm {
    /// The commitment's id in the service's list.
    pub id: String,
    /// The first month, 1-based.
    pub month: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub months: Option<u32>,
}

impl CommitmentTerm {
    /// Reads `{"id": "c1", "month": 1, "months": 3}` (month defaults to 1, months to the end).
    pub fn read(v: &Value, path: &Path) -> Res<CommitmentTerm> {
        read_commitment(v, path)
    }

    /// Whether month `m` (1-based) falls in the term.
    pub fn covers(&self, m: u32) -> bool {
        m >= self.month && self.months.is_none_or(|n| m < self.month.saturating_add(n))
    }

    /// The commitment `terms` take in month `m` (1-based), if any.
    pub fn in_month(terms: &[CommitmentTerm], m: u32) -> Option<&str> {
        terms.iter().find(|t| t.covers(m)).map(|t| t.id.as_str())
    }

    /// The terms of a line whose month `m` (0-based) takes commitment `ids[m]` (`None`: none):
    /// one term per run of months taking the same one; a run reaching the last month runs to the
    /// end.
    pub fn runs(ids: &[Option<&str>]) -> Vec<CommitmentTerm> {
        let mut terms = Vec::new();
        let mut m = 0;
        while m < ids.len() {
            let id = ids[m];
            let run = ids[m..].iter().take_while(|x| **x == id).count();
            if let Some(id) = id {
                let to_end = m + run >= ids.len();
                terms.push(CommitmentTerm {
                    id: id.to_string(),
                    month: m as u32 + 1,
                    months: (!to_end).then_some(run as u32),
                });
            }
            m += run;
        }
        terms
    }
}

impl Line {
    /// The commitment the line takes in month `m` (1-based), if any.
    pub fn commitment_in(&self, m: u32) -> Option<&str> {
        CommitmentTerm::in_month(&self.commitments, m)
    }
}

/// Packs of one size bought at the start of one month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PackPurchase {
    /// Calls in one pack: one of the sizes the service's pack product offers.
    pub size: u64,
    pub count: u64,
    /// The month the packs take effect, 1-based.
    pub month: u32,
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Line {
    /// A line of one month of calls, postpaid on, no packs.
    pub fn new(service: impl Into<String>, calls: Vec<u64>) -> Line {
        Line {
            service: service.into(),
            calls,
            packs: Vec::new(),
            free_calls: 0,
            free_months: None,
            postpaid: true,
            negotiated_price: None,
            negotiated_all_calls: false,
            discount: None,
            calls_low: None,
            calls_high: None,
            commitments: Vec::new(),
            usage_months: Vec::new(),
            forecast: None,
            first_month: None,
            growth: None,
        }
    }

    /// After the months change: fewer months keep their calendar months (still the history's or
    /// the forecast's); more months are no longer all imported or forecast, so the line is then
    /// typed calls from the same first month ([`Line::keep_dates`]).
    pub fn fit_calendar(&mut self) {
        let first = self.calendar().first().copied();
        let n = self.calls.len();
        let cut = |months: &mut Vec<Month>| {
            months.len() >= n && {
                months.truncate(n);
                true
            }
        };
        if !self.usage_months.is_empty() && !cut(&mut self.usage_months) {
            self.usage_months.clear();
        }
        if let Some(f) = &mut self.forecast
            && !cut(&mut f.months)
        {
            self.forecast = None;
        }
        if self.is_typed() {
            self.first_month = self.first_month.or(first);
        }
    }

    /// The line's calls are typed from now on, no longer an imported history or a forecast: the
    /// calendar they had stays, as the month the typed calls start.
    pub fn keep_dates(&mut self) {
        self.first_month = self.calendar().first().copied();
        self.usage_months.clear();
        self.forecast = None;
    }

    /// Drops the purchases and commitments that start after month `months` (1-based).
    pub fn keep_purchases_within(&mut self, months: usize) {
        self.packs.retain(|p| p.month as usize <= months);
        self.commitments.retain(|c| c.month as usize <= months);
    }

    /// Whether the line's calls are typed: not an imported history or a forecast, which have
    /// their own months (a first month dates typed calls only).
    pub fn is_typed(&self) -> bool {
        self.usage_months.is_empty() && self.forecast.is_none()
    }

    /// The calendar months of the line's calls, where it is a history or a forecast or its
    /// calls are given a first month; empty where they are not dated.
    pub fn calendar(&self) -> Cow<'_, [Month]> {
        match (&self.forecast, self.first_month) {
            (Some(f), _) => Cow::Borrowed(&f.months),
            (None, Some(first)) if self.usage_months.is_empty() => Cow::Owned(first.run(self.calls.len())),
            _ => Cow::Borrowed(&self.usage_months),
        }
    }

    /// Whether the line holds calls from packs bought before month 1 (free calls lasting the
    /// months it gives), not a free pack given in month 1.
    pub fn holds_calls(&self) -> bool {
        self.free_calls > 0 && self.free_months.is_some()
    }

    /// The last month (1-based) the free pack's calls can be drawn, for packs lasting `validity`
    /// months.
    pub fn free_last(&self, validity: u32) -> u32 {
        self.free_months.unwrap_or(validity)
    }

    /// The line's negotiated price, and whether it prices every call ([`super::rating::Negotiated`]).
    pub fn negotiated(&self) -> Option<super::rating::Negotiated> {
        super::rating::Negotiated::of(self.negotiated_price, self.negotiated_all_calls)
    }

    /// The line's growth where its months follow it ([`Line::off_growth`]): the one months added
    /// or a month 1 typed again continue.
    pub fn followed_growth(&self) -> Option<Decimal> {
        self.growth.filter(|_| self.is_typed() && self.off_growth().is_none())
    }

    /// The first month (1-based) whose calls are not what the line's growth gives from month 1
    /// ([`super::growth::compound`]), with those calls; `None` where the months follow it (or
    /// the line has none).
    pub fn off_growth(&self) -> Option<(usize, u64)> {
        let g = self.growth?;
        let first = *self.calls.first()?;
        let follows = super::growth::compound(first, g, self.calls.len());
        self.calls
            .iter()
            .zip(follows)
            .position(|(c, f)| *c != f)
            .map(|m| (m + 1, super::growth::compound(first, g, m + 1)[m]))
    }

    /// Whether the line gives a low and/or high case.
    pub fn has_range(&self) -> bool {
        self.calls_low.is_some() || self.calls_high.is_some()
    }

    /// The calls of one case: `calls` for the likely case and for a bound the line does not give.
    pub fn calls_of(&self, case: Case) -> &[u64] {
        match case {
            Case::Low => self.calls_low.as_deref().unwrap_or(&self.calls),
            Case::Likely => &self.calls,
            Case::High => self.calls_high.as_deref().unwrap_or(&self.calls),
        }
    }

    /// This line with the calls of `case` as its calls (and no range).
    pub fn case(&self, case: Case) -> Line {
        let mut l = self.clone();
        l.calls = self.calls_of(case).to_vec();
        // The likely months' growth is not the case's.
        l.growth = None;
        l.calls_low = None;
        l.calls_high = None;
        l
    }

    /// This line as it is priced in an estimate whose own discount is `estimate`: with the
    /// discount it gets ([`Discount::for_line`]).
    pub fn with_discount_of(&self, estimate: Option<Discount>) -> Cow<'_, Line> {
        match Discount::for_line(self.discount, estimate) {
            d if d == self.discount => Cow::Borrowed(self),
            discount => Cow::Owned(Line { discount, ..self.clone() }),
        }
    }

    /// Adds `count` packs of `size` calls bought in month 1.
    pub fn with_packs(mut self, size: u64, count: u64) -> Line {
        self.packs.push(PackPurchase { size, count, month: 1 });
        self
    }

    /// The checks of one line (at `index`) that need no price list: how many months and
    /// purchases, and that packs are bought within the months of calls.
    pub fn check_shape(&self, index: usize) -> Result<(), EstimateError> {
        let field = |path: Path, wrong: Wrong| EstimateError::Field { path, wrong };
        let at = |key: &'static str| path::line(index).key(key);
        let months = self.calls.len();
        if months == 0 {
            return Err(field(at("calls"), Wrong::NoMonths));
        }
        if months > limits::MAX_MONTHS {
            let what = Items::MonthsOfCalls;
            return Err(field(at("calls"), Wrong::TooMany { count: months, most: limits::MAX_MONTHS, what }));
        }
        if self.packs.len() > limits::MAX_PURCHASES {
            let (count, most, what) = (self.packs.len(), limits::MAX_PURCHASES, Items::Purchases);
            return Err(field(at("packs"), Wrong::TooMany { count, most, what }));
        }
        for (key, bound, case) in
            [("calls_low", &self.calls_low, Case::Low), ("calls_high", &self.calls_high, Case::High)]
        {
            let Some(bound) = bound else { continue };
            if bound.len() != months {
                let entry = PerMonth::Value;
                return Err(field(at(key), Wrong::NotPerMonth { count: bound.len(), months, entry }));
            }
            for (m, (&b, &c)) in bound.iter().zip(&self.calls).enumerate() {
                let high = case == Case::High;
                if (high && b < c) || (!high && b > c) {
                    let wrong = Wrong::WrongSide { month: m + 1, high, bound: b, likely: c };
                    return Err(field(at(key).at(m), wrong));
                }
            }
        }
        let calendar = |place: Path, list: &[Month]| -> Result<(), EstimateError> {
            if !list.is_empty() && list.len() != months {
                let entry = PerMonth::Month;
                return Err(field(place, Wrong::NotPerMonth { count: list.len(), months, entry }));
            }
            if let Some(i) = list.windows(2).position(|w| w[0].next() != Some(w[1])) {
                let wrong = Wrong::MonthGap { month: list[i + 1].to_string(), after: list[i].to_string() };
                return Err(field(place.at(i + 1), wrong));
            }
            Ok(())
        };
        calendar(at("usage_months"), &self.usage_months)?;
        if let Some(f) = &self.forecast {
            calendar(at("forecast").key("months"), &f.months)?;
            if !self.usage_months.is_empty() {
                return Err(field(at("forecast"), Wrong::HistoryAndForecast));
            }
        }
        if let Some(first) = self.first_month {
            if !self.is_typed() {
                return Err(field(at("first_month"), Wrong::FirstMonthAndCalendar));
            }
            let run = first.run(months);
            if let Some(last) = run.last().filter(|_| run.len() < months) {
                let wrong = Wrong::CalendarEnds { first: first.to_string(), last: last.to_string() };
                return Err(field(at("first_month"), wrong));
            }
        }
        for (j, c) in self.commitments.iter().enumerate() {
            if c.month as usize > months {
                let wrong = Wrong::AfterLastMonth { month: c.month, last: months, purchase: false };
                return Err(field(at("commitments").at(j).key("month"), wrong));
            }
            if let Some((i, other)) = self.commitments[..j]
                .iter()
                .enumerate()
                .find(|(_, o)| (c.month..=months as u32).any(|m| c.covers(m) && o.covers(m)))
            {
                let both = (c.month..=months as u32).find(|&m| c.covers(m) && other.covers(m)).unwrap_or(c.month);
                let wrong = Wrong::MonthTaken { month: both, other: i, id: other.id.clone() };
                return Err(field(at("commitments").at(j), wrong));
            }
        }
        for (j, p) in self.packs.iter().enumerate() {
            if p.month as usize > months {
                let wrong = Wrong::AfterLastMonth { month: p.month, last: months, purchase: true };
                return Err(field(at("packs").at(j).key("month"), wrong));
            }
        }
        Ok(())
    }
}

impl Estimate {
    /// An estimate of these lines, priced with the built-in list.
    pub fn new(lines: Vec<Line>) -> Estimate {
        Estimate { lines, ..Estimate::default() }
    }

    /// Line `i` as it is priced: with the discount it gets ([`Discount::for_line`]).
    pub fn priced_line(&self, i: usize) -> Option<Cow<'_, Line>> {
        Some(self.lines.get(i)?.with_discount_of(self.discount))
    }

    /// The weights of the low, likely and high cases.
    pub fn weights(&self) -> Weights {
        self.scenario_weights.unwrap_or_default()
    }

    /// Whether any line gives a range of volumes.
    pub fn has_ranges(&self) -> bool {
        self.lines.iter().any(Line::has_range)
    }

    /// Reads an estimate from JSON text.
    pub fn from_json(json: &str) -> Result<Estimate, EstimateError> {
        Estimate::from_json_on(json, catalog::builtin())
    }

    /// [`Estimate::from_json`] for pricing with `base` in place of the built-in list (the CLI's
    /// `--price-list`): a list the estimate carries to extend it is checked against `base`.
    pub fn from_json_on(json: &str, base: &Catalog) -> Result<Estimate, EstimateError> {
        if json.trim().is_empty() {
            return Err(EstimateError::Syntax {
                message: "the input is empty; expected an estimate like {\"lines\":[…]}".into(),
            });
        }
        let value: Value = serde_json::from_str(json).map_err(|e| EstimateError::Syntax { message: e.to_string() })?;
        Estimate::from_value_on(&value, base, &mut ListCache::default())
    }

    /// Reads an estimate from a JSON value, naming the path of the first problem.
    pub fn from_value(value: &Value) -> Result<Estimate, EstimateError> {
        Estimate::from_value_with(value, &mut ListCache::default())
    }

    /// [`Estimate::from_value`], taking a price list the estimate carries from `lists` where it
    /// was read before (the optimizer's worker gets the same list with every request).
    pub fn from_value_with(value: &Value, lists: &mut ListCache) -> Result<Estimate, EstimateError> {
        Estimate::from_value_on(value, catalog::builtin(), lists)
    }

    /// [`Estimate::from_value_with`] for pricing with `base` (see [`Estimate::from_json_on`]).
    pub fn from_value_on(value: &Value, base: &Catalog, lists: &mut ListCache) -> Result<Estimate, EstimateError> {
        let est = read_estimate(value, lists, base).map_err(|e| match e {
            ReadError::Field(p) => EstimateError::Field { path: p.path, wrong: p.wrong },
            ReadError::List(problems) => EstimateError::PriceList { problems },
        })?;
        est.check_shape()?;
        Ok(est)
    }

    /// The checks that need no price list: sizes of lists and the months packs are bought in.
    pub fn check_shape(&self) -> Result<(), EstimateError> {
        if self.lines.len() > limits::MAX_LINES {
            let (count, most, what) = (self.lines.len(), limits::MAX_LINES, Items::Lines);
            return Err(EstimateError::Field {
                path: Path::root().key("lines"),
                wrong: Wrong::TooMany { count, most, what },
            });
        }
        for (i, line) in self.lines.iter().enumerate() {
            line.check_shape(i)?;
        }
        Ok(())
    }

    /// The price list to price this estimate with: `base`, or the estimate's own list combined
    /// with it. Combined with the built-in list when it was read; with another base (the CLI's
    /// `--price-list`) it is combined anew, and problems come back with their paths.
    pub fn catalog<'a>(&'a self, base: &'a Catalog) -> Result<Cow<'a, Catalog>, EstimateError> {
        let Some(custom) = &self.price_list else { return Ok(Cow::Borrowed(base)) };
        if custom.mode == ListMode::Replace || (custom.on_builtin && std::ptr::eq(base, catalog::builtin())) {
            return Ok(Cow::Borrowed(custom.in_force()));
        }
        merge::extend(base, custom.own())
            .map(Cow::Owned)
            .map_err(|e| EstimateError::PriceList { problems: e.under(&list_path()) })
    }

    /// The estimate as compact JSON (the CLI's input; what share links and storage carry).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{\"lines\":[]}".to_string())
    }
}

/// A list no longer than `max`, checked before its items are read.
fn bounded<'a>(v: &'a Value, path: &Path, max: usize, what: Items) -> Res<&'a Vec<Value>> {
    let items = json::array(v, path)?;
    if items.len() > max {
        return Err(FieldError { path: path.clone(), wrong: Wrong::TooMany { count: items.len(), most: max, what } });
    }
    Ok(items)
}

/// `price_list.list`, where an estimate's own list sits.
fn list_path() -> Path {
    Path::root().key("price_list").key("list")
}

/// What went wrong reading an estimate: a field, or its price list (every problem of it).
enum ReadError {
    Field(json::FieldError),
    List(CatalogErrors),
}

impl From<json::FieldError> for ReadError {
    fn from(e: json::FieldError) -> ReadError {
        ReadError::Field(e)
    }
}

/// Price lists carried by estimates, as read and combined with the built-in one, keyed by their
/// JSON: reading a list again (parsing, validating, merging) is skipped where the same list
/// comes again. Holds the last few.
#[derive(Default)]
pub struct ListCache {
    lists: Vec<CustomCatalog>,
}

impl ListCache {
    /// How many lists are kept.
    const KEPT: usize = 4;

    fn read(&mut self, mode: ListMode, source: &Value, base: &Catalog) -> Result<CustomCatalog, CatalogErrors> {
        // Kept only for the built-in list (another base is the CLI's, read once).
        if !std::ptr::eq(base, catalog::builtin()) {
            return CustomCatalog::read_on(mode, source.clone(), base);
        }
        if let Some(known) = self.lists.iter().find(|c| c.mode == mode && *c.source() == *source) {
            return Ok(known.clone());
        }
        let read = CustomCatalog::read(mode, source.clone())?;
        if self.lists.len() == Self::KEPT {
            self.lists.remove(0);
        }
        self.lists.push(read.clone());
        Ok(read)
    }

    /// How many lists are held (for tests).
    pub fn len(&self) -> usize {
        self.lists.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lists.is_empty()
    }
}

fn read_estimate(v: &Value, lists: &mut ListCache, base: &Catalog) -> Result<Estimate, ReadError> {
    let root = Path::root();
    let map = json::object(
        v,
        &root,
        "a JSON object like {\"lines\":[…]}",
        &["lines", "discount", "scenario_weights", "price_list", "vat"],
    )?;
    let discount = json::optional(map, "discount").map(|d| Discount::read(d, &root.key("discount"))).transpose()?;
    let scenario_weights =
        json::optional(map, "scenario_weights").map(|w| Weights::read(w, &root.key("scenario_weights"))).transpose()?;
    let price_list = json::optional(map, "price_list").map(|v| read_custom(v, lists, base)).transpose()?;
    let lines = match json::optional(map, "lines") {
        None => Vec::new(),
        Some(lines) => {
            let lines_path = root.key("lines");
            let lines = bounded(lines, &lines_path, limits::MAX_LINES, Items::Lines)?;
            lines.iter().enumerate().map(|(i, l)| read_line(l, &lines_path.at(i))).collect::<Res<_>>()?
        }
    };
    let vat = json::optional(map, "vat").map(|v| super::vat::Vat::read(v, &root.key("vat"))).transpose()?;
    Ok(Estimate { lines, discount, scenario_weights, price_list, vat })
}

fn read_custom(v: &Value, lists: &mut ListCache, base: &Catalog) -> Result<CustomCatalog, ReadError> {
    let path = Path::root().key("price_list");
    let map = json::object(v, &path, "{\"mode\": \"extend\", \"list\": {…}}", &["mode", "list"])?;
    let mode = match json::optional(map, "mode") {
        None => ListMode::Extend,
        Some(m) => match json::one_of(m, &path.key("mode"), &["extend", "replace"])? {
            "replace" => ListMode::Replace,
            _ => ListMode::Extend,
        },
    };
    let list = json::required(map, &path, "list")?;
    json::any_object(list, &list_path(), "a price list (format 1)")?;
    limits::check_price_list_size(json::encoded_len(list))
        .map_err(|t| FieldError { path: list_path(), wrong: Wrong::List(ListRule::TooBig(t)) })?;
    lists.read(mode, list, base).map_err(|e| ReadError::List(e.under(&list_path())))
}

fn read_line(v: &Value, path: &Path) -> Res<Line> {
    let map = json::object(
        v,
        path,
        "a line like {\"service\": \"活体人脸核身\", \"calls\": [15000]}",
        &[
            "service",
            "calls",
            "calls_low",
            "calls_high",
            "packs",
            "free_calls",
            "free_months",
            "postpaid",
            "negotiated_price",
            "negotiated_all_calls",
            "discount",
            "commitments",
            "usage_months",
            "forecast",
            "first_month",
            "growth",
        ],
    )?;
    let service = json::string(json::required(map, path, "service")?, &path.key("service"))?.to_string();
    let calls_path = path.key("calls");
    let calls = json::required(map, path, "calls").map_err(|p| FieldError { path: p.path, wrong: Wrong::NoCalls })?;
    let calls = bounded(calls, &calls_path, limits::MAX_MONTHS, Items::MonthsOfCalls)?;
    let calls = calls.iter().enumerate().map(|(i, c)| json::calls(c, &calls_path.at(i))).collect::<Res<_>>()?;
    let bound = |key: &'static str| -> Res<Option<Vec<u64>>> {
        let Some(v) = json::optional(map, key) else { return Ok(None) };
        let at = path.key(key);
        let items = bounded(v, &at, limits::MAX_MONTHS, Items::Months)?;
        items.iter().enumerate().map(|(i, c)| json::calls(c, &at.at(i))).collect::<Res<_>>().map(Some)
    };
    let calls_low = bound("calls_low")?;
    let calls_high = bound("calls_high")?;
    let negotiated_price =
        json::optional(map, "negotiated_price").map(|p| json::price(p, &path.key("negotiated_price"))).transpose()?;
    let at = path.key("negotiated_all_calls");
    let negotiated_all_calls =
        json::optional(map, "negotiated_all_calls").map(|b| json::boolean(b, &at)).transpose()?.unwrap_or(false);
    if negotiated_all_calls && negotiated_price.is_none() {
        return Err(FieldError { path: at, wrong: Wrong::Rule(super::doc_rule::DocRule::AllCallsWithoutPrice) });
    }
    let discount = json::optional(map, "discount").map(|d| Discount::read(d, &path.key("discount"))).transpose()?;
    let packs = match json::optional(map, "packs") {
        None => Vec::new(),
        Some(p) => {
            let packs_path = path.key("packs");
            let items = bounded(p, &packs_path, limits::MAX_PURCHASES, Items::Purchases)?;
            items.iter().enumerate().map(|(j, p)| read_purchase(p, &packs_path.at(j))).collect::<Res<_>>()?
        }
    };
    let free_calls = match json::optional(map, "free_calls") {
        None => 0,
        Some(f) => json::whole(f, &path.key("free_calls"), limits::MAX_PACK_CALLS)?,
    };
    let free_months = match json::optional(map, "free_months") {
        None => None,
        Some(m) => match json::whole(m, &path.key("free_months"), limits::MAX_MONTHS as u64)? {
            0 => return Err(json::rule(&path.key("free_months"), super::doc_rule::DocRule::FreeMonthsZero)),
            m => Some(m as u32),
        },
    };
    let postpaid = match json::optional(map, "postpaid") {
        None => true,
        Some(b) => json::boolean(b, &path.key("postpaid"))?,
    };
    let commitments = match json::optional(map, "commitments") {
        None => Vec::new(),
        Some(c) => {
            let at = path.key("commitments");
            let items = bounded(c, &at, limits::MAX_PURCHASES, Items::Commitments)?;
            items.iter().enumerate().map(|(j, c)| read_commitment(c, &at.at(j))).collect::<Res<_>>()?
        }
    };
    let usage_months = match json::optional(map, "usage_months") {
        None => Vec::new(),
        Some(v) => read_months(v, &path.key("usage_months"))?,
    };
    let forecast = json::optional(map, "forecast").map(|v| read_forecast(v, &path.key("forecast"))).transpose()?;
    let first_month =
        json::optional(map, "first_month").map(|v| read_month(v, &path.key("first_month"))).transpose()?;
    let growth = json::optional(map, "growth").map(|v| json::amount(v, &path.key("growth"))).transpose()?;
    let line = Line {
        service,
        calls,
        packs,
        free_calls,
        free_months,
        postpaid,
        negotiated_price,
        negotiated_all_calls,
        discount,
        calls_low,
        calls_high,
        commitments,
        usage_months,
        forecast,
        first_month,
        growth,
    };
    check_growth(&line, path)?;
    Ok(line)
}

/// A document's growth is one its typed months follow (a promise of the document: pricing reads
/// `calls` alone, and a case's months, or any line the engine derives, carry none).
fn check_growth(line: &Line, path: &Path) -> Res<()> {
    let Some(g) = line.growth else { return Ok(()) };
    let wrong = |at: Path, wrong: Wrong| Err(FieldError { path: at, wrong });
    if !super::growth::in_range(g) {
        return wrong(path.key("growth"), Wrong::GrowthRange(g.to_string()));
    }
    if !line.is_typed() {
        return wrong(path.key("growth"), Wrong::GrowthAndCalendar);
    }
    match line.off_growth() {
        Some((month, follows)) => {
            let calls = line.calls[month - 1];
            wrong(path.key("calls").at(month - 1), Wrong::OffGrowth { month, calls, follows })
        }
        None => Ok(()),
    }
}

/// `"2025-11"`.
fn read_month(v: &Value, path: &Path) -> Res<Month> {
    let text = json::string(v, path)?;
    Month::parse(text).ok_or_else(|| FieldError { path: path.clone(), wrong: Wrong::NotMonth(text.to_string()) })
}

/// `["2025-11", "2025-12", …]`.
fn read_months(v: &Value, path: &Path) -> Res<Vec<Month>> {
    let items = bounded(v, path, limits::MAX_MONTHS, Items::Months)?;
    items.iter().enumerate().map(|(i, m)| read_month(m, &path.at(i))).collect()
}

/// `{"growth": "10.00", "months": ["2026-11", …], "history": ["2025-11", "2026-10"]}`.
fn read_forecast(v: &Value, path: &Path) -> Res<ForecastNote> {
    let map = json::object(
        v,
        path,
        "{\"growth\": \"10\", \"months\": [\"2026-11\", …], \"history\": [\"2025-11\", \"2026-10\"]}",
        &["growth", "fitted_growth", "months", "history", "own_range", "same_months"],
    )?;
    let growth_at = |key: &'static str| -> Res<Decimal> {
        let g = json::amount(json::required(map, path, key)?, &path.key(key))?;
        if !super::growth::in_range(g) {
            return Err(FieldError { path: path.key(key), wrong: Wrong::GrowthRange(g.to_string()) });
        }
        Ok(g)
    };
    let growth = growth_at("growth")?;
    let fitted_growth = json::optional(map, "fitted_growth").map(|_| growth_at("fitted_growth")).transpose()?;
    let months = read_months(json::required(map, path, "months")?, &path.key("months"))?;
    let at = path.key("history");
    let history = bounded(json::required(map, path, "history")?, &at, 2, Items::Months)?;
    let [from, to] = history.as_slice() else {
        return Err(FieldError { path: at, wrong: Wrong::NotFromTo });
    };
    let (from, to) = (read_month(from, &at.at(0))?, read_month(to, &at.at(1))?);
    if from > to {
        return Err(FieldError { path: at, wrong: Wrong::Backwards { from: from.to_string(), to: to.to_string() } });
    }
    // The forecast follows the history, right after it or from a later first month of the line
    // (the months between grown through and left out).
    if let Some(&first) = months.first()
        && first <= to
    {
        let wrong = Wrong::ForecastGap { first: first.to_string(), last: to.to_string() };
        return Err(FieldError { path: path.key("months").at(0), wrong });
    }
    let own_range = json::optional(map, "own_range").map(|b| json::boolean(b, &path.key("own_range"))).transpose()?;
    let same_months =
        json::optional(map, "same_months").map(|b| json::boolean(b, &path.key("same_months"))).transpose()?;
    Ok(ForecastNote {
        growth,
        fitted_growth,
        months,
        history: [from, to],
        own_range: own_range.unwrap_or(false),
        same_months: same_months.unwrap_or(false),
    })
}

fn read_commitment(v: &Value, path: &Path) -> Res<CommitmentTerm> {
    let map =
        json::object(v, path, "a commitment taken like {\"id\": \"c1\", \"month\": 1}", &["id", "month", "months"])?;
    let id = json::string(json::required(map, path, "id")?, &path.key("id"))?;
    json::nonempty(id, &path.key("id"))?;
    let month = match json::optional(map, "month") {
        None => 1,
        Some(m) => json::month(m, &path.key("month"))?,
    };
    let months = json::optional(map, "months").map(|m| json::month(m, &path.key("months"))).transpose()?;
    Ok(CommitmentTerm { id: id.to_string(), month, months })
}

impl PackPurchase {
    /// Reads `{"size": 10000, "count": 1, "month": 1}` (count and month default to 1).
    pub fn read(v: &Value, path: &Path) -> Res<PackPurchase> {
        read_purchase(v, path)
    }
}

fn read_purchase(v: &Value, path: &Path) -> Res<PackPurchase> {
    let map = json::object(v, path, "a purchase like {\"size\": 10000, \"count\": 1}", &["size", "count", "month"])?;
    let size = json::whole(json::required(map, path, "size")?, &path.key("size"), limits::MAX_PACK_CALLS)?;
    let count = match json::optional(map, "count") {
        None => 1,
        Some(c) => json::whole(c, &path.key("count"), limits::MAX_PACK_COUNT)?,
    };
    let month = match json::optional(map, "month") {
        None => 1,
        Some(m) => json::month(m, &path.key("month"))?,
    };
    Ok(PackPurchase { size, count, month })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(json: &str) -> String {
        Estimate::from_json(json).unwrap_err().to_string()
    }

    #[test]
    fn reads_the_cli_contract_with_defaults() {
        let e = Estimate::from_json(
            r#"{"lines":[{"service":"活体人脸核身","calls":[15000],"packs":[{"size":10000,"count":1}],"free_calls":0,"postpaid":true}]}"#,
        )
        .unwrap();
        assert_eq!(e.lines[0], Line::new("活体人脸核身", vec![15000]).with_packs(10000, 1));
        let e = Estimate::from_json(r#"{"lines":[{"service":"x","calls":[1],"packs":[{"size":1000}]}]}"#).unwrap();
        assert_eq!(e.lines[0].packs[0], PackPurchase { size: 1000, count: 1, month: 1 });
        assert!(e.lines[0].postpaid);
    }

    /// A growth's months are checked against it: 10,000 at 10 % is 10,000, 11,000, 12,100.
    #[test]
    fn a_lines_growth_is_one_its_months_follow() {
        let e =
            Estimate::from_json(r#"{"lines":[{"service":"x","calls":[10000,11000,12100],"growth":"10"}]}"#).unwrap();
        assert_eq!(e.lines[0].growth, Some(Decimal::from(10)));
        assert!(e.to_json().contains(r#""growth":"10""#), "{}", e.to_json());
        assert_eq!(
            err(r#"{"lines":[{"service":"x","calls":[10000,11000,12000],"growth":"10"}]}"#),
            "lines[0].calls[2]: month 3 has 12000 calls, but the line's growth from month 1 gives 12100: give the \
             months it gives, or no growth"
        );
        assert!(err(r#"{"lines":[{"service":"x","calls":[1],"growth":"-100"}]}"#).starts_with("lines[0].growth: -100"));
        assert!(err(r#"{"lines":[{"service":"x","calls":[1],"growth":5}]}"#).starts_with("lines[0].growth"));
        assert_eq!(
            err(r#"{"lines":[{"service":"x","calls":[1],"usage_months":["2025-11"],"growth":"0"}]}"#),
            "lines[0].growth: a usage history or a forecast has its own months: growth is for typed calls"
        );
    }

    #[test]
    fn round_trips_through_json() {
        let mut line = Line::new("eid", vec![1, 2, 3]).with_packs(1000, 2);
        line.free_calls = 500;
        line.free_months = Some(3);
        line.postpaid = false;
        line.packs.push(PackPurchase { size: 5000, count: 1, month: 3 });
        let e = Estimate::new(vec![line, Line::new("ekyc", vec![0])]);
        assert_eq!(Estimate::from_json(&e.to_json()).unwrap(), e);
    }

    #[test]
    fn a_history_or_a_forecast_travels_with_its_calendar_months() {
        let history = r#"{"lines":[{"service":"x","calls":[1,2,3],"usage_months":["2025-11","2025-12","2026-01"]}]}"#;
        let e = Estimate::from_json(history).unwrap();
        assert_eq!(e.lines[0].calendar().len(), 3);
        assert_eq!(Estimate::from_json(&e.to_json()).unwrap(), e);
        let forecast = r#"{"lines":[{"service":"x","calls":[5,6],"calls_low":[4,5],"calls_high":[6,7],
            "forecast":{"growth":"10.00","months":["2026-02","2026-03"],"history":["2025-11","2026-01"]}}]}"#;
        let mut e = Estimate::from_json(forecast).unwrap();
        assert_eq!(e.lines[0].forecast.as_ref().unwrap().growth.to_string(), "10.00");
        assert_eq!(Estimate::from_json(&e.to_json()).unwrap(), e);
        // Months cut keep their calendar months; months added end the forecast.
        e.lines[0].calls.pop();
        e.lines[0].fit_calendar();
        assert_eq!(e.lines[0].calendar().iter().map(ToString::to_string).collect::<Vec<_>>(), ["2026-02"]);
        e.lines[0].calls.extend([7, 8]);
        e.lines[0].fit_calendar();
        assert!(e.lines[0].forecast.is_none());
        assert_eq!(
            err(
                r#"{"lines":[{"service":"x","calls":[1],"forecast":{"growth":"1","months":["2025-12"],"history":["2025-01","2025-12"]}}]}"#
            ),
            "lines[0].forecast.months[0]: 2025-12 is not after the history's last month, 2025-12"
        );
        // A forecast from the line's own first month, later than the month after the history.
        let later = r#"{"lines":[{"service":"x","calls":[1],"forecast":{"growth":"1","months":["2026-02"],"history":["2025-01","2025-12"]}}]}"#;
        assert_eq!(
            Estimate::from_json(later).unwrap().lines[0].calendar().first().map(ToString::to_string).as_deref(),
            Some("2026-02")
        );
        assert_eq!(
            err(r#"{"lines":[{"service":"x","calls":[1,2],"usage_months":["2025-11","2026-01"]}]}"#),
            "lines[0].usage_months[1]: 2026-01 does not follow 2025-11: the months must run on without a gap"
        );
        assert_eq!(
            err(r#"{"lines":[{"service":"x","calls":[1,2],"usage_months":["2025-11"]}]}"#),
            "lines[0].usage_months: 1 months, but `calls` has 2: give one month per entry"
        );
        assert_eq!(
            err(r#"{"lines":[{"service":"x","calls":[1],"usage_months":["2025-13"]}]}"#),
            "lines[0].usage_months[0]: \"2025-13\" is not a month like \"2025-11\""
        );
        assert_eq!(
            err(
                r#"{"lines":[{"service":"x","calls":[1],"forecast":{"growth":"-100","months":["2026-01"],"history":["2025-01","2025-12"]}}]}"#
            ),
            "lines[0].forecast.growth: -100: a monthly growth is above −100 % and at most 1,000 %"
        );
        assert_eq!(
            err(
                r#"{"lines":[{"service":"x","calls":[1,2],"forecast":{"growth":"1","months":["2026-01"],"history":["2025-01","2025-12"]}}]}"#
            ),
            "lines[0].forecast.months: 1 months, but `calls` has 2: give one month per entry"
        );
        assert_eq!(
            err(
                r#"{"lines":[{"service":"x","calls":[1],"usage_months":["2025-12"],"forecast":{"growth":"1","months":["2026-01"],"history":["2025-01","2025-12"]}}]}"#
            ),
            "lines[0].forecast: a line is a usage history (usage_months) or a forecast, not both"
        );
    }

    #[test]
    fn names_the_field_of_each_problem() {
        assert!(err("").contains("the input is empty"));
        assert!(err("{").starts_with("not valid JSON: EOF while parsing"));
        assert_eq!(err("[1]"), "must be a JSON object like {\"lines\":[…]}, not a list");
        assert_eq!(
            err(r#"{"lines":[{"service":"x","calls":[1,-5]}]}"#),
            "lines[0].calls[1]: must be a whole number ≥ 0, not -5"
        );
        assert_eq!(
            err(r#"{"lines":[{"service":"x","calls":[2.5]}]}"#),
            "lines[0].calls[0]: must be a whole number, not 2.5"
        );
        assert!(
            err(r#"{"lines":[{"service":"x","calls":[1e30]}]}"#).starts_with("lines[0].calls[0]: 1e+30 is too large")
        );
        assert_eq!(
            err(r#"{"lines":[{"service":"x","calls":["abc"]}]}"#),
            "lines[0].calls[0]: must be a number, not the text \"abc\""
        );
        assert_eq!(
            err(r#"{"lines":[{"service":"x"}]}"#),
            "lines[0].calls: missing: give the calls per month, like [15000]"
        );
        assert_eq!(err(r#"{"lines":[{"calls":[1]}]}"#), "lines[0].service: missing");
        assert!(
            err(r#"{"lines":[{"service":"x","calls":[1],"extra":1}]}"#)
                .starts_with("lines[0].extra: unknown field `extra`; expected one of `service`, `calls`")
        );
        assert_eq!(
            err(r#"{"lines":[{"service":"x","calls":[]}]}"#),
            "lines[0].calls: give the calls of at least one month, like [15000]"
        );
        assert!(
            err(r#"{"lines":[{"service":"x","calls":[1],"packs":[{"size":1000,"month":0}]}]}"#)
                .starts_with("lines[0].packs[0].month: months count from 1")
        );
        assert!(
            err(r#"{"lines":[{"service":"x","calls":[1],"packs":[{"size":1000,"month":2}]}]}"#)
                .starts_with("lines[0].packs[0].month: month 2 is after the last month of calls (month 1)")
        );
        assert_eq!(
            err(r#"{"lines":[{"service":"x","calls":[1],"packs":[{"size":1000,"count":2000000}]}]}"#),
            "lines[0].packs[0].count: 2000000 is too large: the most allowed is 1,000,000"
        );
        let months = vec!["1"; 121].join(",");
        assert_eq!(
            err(&format!(r#"{{"lines":[{{"service":"x","calls":[{months}]}}]}}"#)),
            "lines[0].calls: 121 months; the most is 120 (ten years)"
        );
        assert_eq!(
            err(r#"{"lines":[{"service":"x","calls":[1],"postpaid":"yes"}]}"#),
            "lines[0].postpaid: must be true or false, not the text \"yes\""
        );
        assert_eq!(err(r#"{"lines":{}}"#), "lines: must be a list […], not an object");
        let many = vec![r#"{"service":"x","calls":[1]}"#; 201].join(",");
        assert_eq!(err(&format!(r#"{{"lines":[{many}]}}"#)), "lines: 201 lines; the most is 200");
    }
}

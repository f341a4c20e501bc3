//! Vendors compared across several services: one comparison of offers per line of work (each
//! line a volume profile and its offers, read and priced as [`super::offers`] reads and prices a
//! comparison), whose offers of one vendor, by name, are added up. A buyer who needs liveness
//! checks and ID card OCR sees what each vendor would cost for both, which vendor is cheapest for
//! everything, and what the cheapest offer of each line would come to together (the best mix).
//!
//! The document (the `quote --compare` input with `lines`; what the page will keep):
//!
//! ```text
//! {"currency": "CNY", "rates": {"USD": "7.10"}, "vat_basis": "paid", "scenario_weights": {...},
//!  "lines": [{"calls": [...], "calls_low": [...], "calls_high": [...], "first_month": "2027-01",
//!             "vendors": [{"name": "A", "service": "…", …}, …]},
//!            {"calls": [...], "vendors": [{"name": "A", "service": "…"}, …]}]}
//! ```
//!
//! The currency, rates, VAT basis and case weights are the whole document's; each line is a
//! comparison's profile and its 1 to 6 offers (one where only one vendor does its work), written
//! as a comparison writes them. A problem is
//! told at its place (`lines[1].vendors[0].service`, `lines[0].calls[3]`; `rates.USD` stays
//! the document's). Offers are the same vendor's where their names are the same; where a vendor
//! makes two offers for one line (two of its services that do the work), its cheaper one counts.
//! What a line costs at an offer is what its comparison ranks by: the expected cost for a range,
//! else the total, converted.
//!
//! ```
//! use packwise::engine::{budget, catalog, Lang};
//!
//! let doc: serde_json::Value = serde_json::from_str(r#"{"lines": [
//!   {"calls": [15000], "vendors": [{"name": "A", "service": "活体人脸核身"},
//!     {"name": "B", "service": "financial_verification", "example": "alibaba-cloud-cn"}]},
//!   {"calls": [10000], "vendors": [{"name": "A", "service": "活体人脸核身"},
//!     {"name": "B", "service": "financial_verification", "example": "alibaba-cloud-cn"}]}]}"#).unwrap();
//! let budget::Compared::Budget(b) = budget::compare_doc(catalog::builtin(), &doc, Lang::En).unwrap() else {
//!     panic!("a document with lines is a budget")
//! };
//! // A, postpaid: 15,000 × 0.75 + 10,000 × 0.75 = 18,750; B at 1 元 a check: 25,000.
//! assert_eq!(b.vendors[0].total.unwrap().to_string(), "18750.00");
//! assert_eq!(b.vendors[1].total.unwrap().to_string(), "25000.00");
//! ```

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value};

use super::catalog::Catalog;
use super::doc_rule::DocRule;
use super::error::EstimateError;
use super::estimate::ListCache;
use super::explain::Missing;
use super::json::{self, FieldError};
use super::lang::Lang;
use super::offers::{Comparison, Curves, Offers, assemble_with, compare, ranking_cost, ranks, solve_offer};
use super::optimize::Solution;
use super::path::{Path, Seg};
use super::quote::MAX_MONTHS_SIDE_BY_SIDE;
use super::usage::Month;
use super::vat::{Conversion, VatBasis};

/// The most lines a budget compares (each line's offers are planned one by one).
pub const MAX_BUDGET_LINES: usize = 20;

/// The document's own keys; every other key of a comparison belongs to a line.
const SHARED_KEYS: [&str; 4] = ["currency", "rates", "vat_basis", "scenario_weights"];
/// A line's keys: its volume profile and its offers.
pub const LINE_KEYS: [&str; 5] = ["calls", "calls_low", "calls_high", "first_month", "vendors"];

/// A budget's lines, each read as a comparison of its own with the document's currency, rates,
/// VAT basis and weights.
#[derive(Clone, Debug, PartialEq)]
pub struct Budget {
    pub lines: Vec<Offers>,
}

impl Budget {
    /// Reads a budget document, taking price lists read before from `lists`; a problem names its
    /// field.
    pub fn from_value(v: &Value, base: &Catalog, lists: &mut ListCache) -> Result<Budget, EstimateError> {
        let root = Path::root();
        let field = |e: FieldError| EstimateError::Field { path: e.path, wrong: e.wrong };
        let mut keys: Vec<&str> = SHARED_KEYS.to_vec();
        keys.push("lines");
        let map = json::object(v, &root, "a budget like {\"lines\":[{\"calls\":[…],\"vendors\":[…]}]}", &keys)
            .map_err(field)?;
        let at = root.key("lines");
        let lines = json::array(json::required(map, &root, "lines").map_err(field)?, &at).map_err(field)?;
        if !(1..=MAX_BUDGET_LINES).contains(&lines.len()) {
            return Err(field(json::rule(&at, DocRule::BudgetLines(lines.len()))));
        }
        let mut read = Vec::with_capacity(lines.len());
        for (j, line) in lines.iter().enumerate() {
            let here = at.at(j);
            let lm =
                json::object(line, &here, "a line like {\"calls\":[…],\"vendors\":[…]}", &LINE_KEYS).map_err(field)?;
            // The line as a comparison of its own: its profile and offers, the document's terms.
            let mut doc = Map::new();
            for key in SHARED_KEYS {
                if let Some(x) = map.get(key) {
                    doc.insert(key.into(), x.clone());
                }
            }
            doc.extend(lm.iter().map(|(k, x)| (k.clone(), x.clone())));
            let offers = Offers::read_at_least(&Value::Object(doc), base, lists, true, 1)
                .map_err(|e| e.map_path(|p| place(p, j)))?;
            read.push(offers);
        }
        Ok(Budget { lines: read })
    }
}

/// Where a path of line `j`'s comparison sits in the budget: the shared terms are the document's,
/// all else the line's.
fn place(path: Path, j: usize) -> Path {
    match path.segments().first() {
        Some(Seg::Key(k)) if SHARED_KEYS.contains(&k.as_ref()) => path,
        _ => path.under(&Path::root().key("lines").at(j)),
    }
}

/// What a budget shows: each line's comparison, and each vendor across the lines.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BudgetComparison {
    pub currency: String,
    pub vat_basis: VatBasis,
    /// Each line's comparison, in the document's order.
    pub lines: Vec<Comparison>,
    /// Each vendor, in the order its name first appears.
    pub vendors: Vec<VendorBudget>,
    /// The cheapest offer of each line, together; `None` where a line has no priced offer.
    pub best_mix: Option<Mix>,
    /// Where some vendor has no total (a line without its offer or price) but some lines have a
    /// price at every vendor: those lines, and what they come to at each.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared: Option<Shared>,
}

/// The lines every vendor prices, added up by vendor: where a total is missing, what the vendors
/// can still be compared on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Shared {
    /// The lines (indexes into `lines`).
    pub lines: Vec<usize>,
    /// What they come to at each vendor, in the order of `vendors`.
    pub totals: Vec<Decimal>,
}

/// One vendor's offers across the lines.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VendorBudget {
    pub name: String,
    /// For each line, the vendor's offer there (its index in that line's `vendors`; its cheapest
    /// where it makes several), if any.
    pub offers: Vec<Option<usize>>,
    /// For each line, what it costs at that offer (converted; the expected cost for a range);
    /// `None` where the vendor makes no offer or a price must come from sales.
    pub costs: Vec<Option<Decimal>>,
    /// What every line costs at this vendor together; `None` unless each line has a price here.
    pub total: Option<Decimal>,
    /// 1 for the cheapest vendor for everything (equal totals share a rank); `None` without a
    /// total.
    pub rank: Option<usize>,
    /// How much less this vendor costs than the next dearer one.
    pub saving_vs_next: Option<Decimal>,
    /// How much more this vendor costs than the best mix (0 where it is the best offer of every
    /// line).
    pub above_mix: Option<Decimal>,
}

impl VendorBudget {
    /// Whether the vendor's offer on line `line` waits for a price from sales: an offer, and no
    /// cost.
    pub fn waits_for_price(&self, line: usize) -> bool {
        self.offers.get(line).is_some_and(Option::is_some) && self.costs.get(line).is_some_and(Option::is_none)
    }
}

/// The cheapest offer of each line (the first of equal ones), and their sum.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mix {
    /// For each line, its cheapest offer's index in that line's `vendors`, and what the line
    /// costs there.
    pub offers: Vec<usize>,
    pub costs: Vec<Decimal>,
    pub total: Decimal,
}

/// Compares each line's offers (each solved here) and adds them up by vendor.
pub fn compare_budget(base: &Catalog, budget: &Budget, lang: Lang) -> Result<BudgetComparison, EstimateError> {
    let mut solutions = Vec::new();
    for (j, offers) in budget.lines.iter().enumerate() {
        for i in 0..offers.offers.len() {
            solutions.push(solve_offer(base, offers, i).map_err(|e| e.map_path(|p| place(p, j)))?);
        }
    }
    assemble_budget(base, budget, solutions, lang)
}

/// Compares each line's offers from their plans (found in the page's worker; every line's
/// offers in order, line after line) and adds them up by vendor. A budget's lines are ranked,
/// not drawn: no month curves.
pub fn assemble_budget(
    base: &Catalog,
    budget: &Budget,
    solutions: Vec<Solution>,
    lang: Lang,
) -> Result<BudgetComparison, EstimateError> {
    let mut solutions = solutions.into_iter();
    let lines = budget
        .lines
        .iter()
        .enumerate()
        .map(|(j, offers)| {
            let n = offers.offers.len();
            let own: Vec<Solution> = solutions.by_ref().take(n).collect();
            assemble_with(base, offers, &own, Curves::none(n), lang).map_err(|e| e.map_path(|p| place(p, j)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(add_up(lines))
}

/// What line comparison `c`'s offer `i` costs: what the comparison ranks it by.
fn cost(c: &Comparison, i: usize) -> Option<Decimal> {
    c.vendors.get(i).and_then(ranking_cost)
}

/// The cheapest priced of offers `among` of line comparison `c` (the first of equal ones), and
/// its cost.
fn cheapest(c: &Comparison, among: impl IntoIterator<Item = usize>) -> Option<(Decimal, usize)> {
    among.into_iter().filter_map(|i| Some((cost(c, i)?, i))).min_by_key(|(k, i)| (*k, *i))
}

/// Adds each line's comparison up by vendor and finds the best mix.
pub fn add_up(lines: Vec<Comparison>) -> BudgetComparison {
    let mut names: Vec<&str> = Vec::new();
    for c in &lines {
        for v in &c.vendors {
            if !names.contains(&v.name.as_str()) {
                names.push(&v.name);
            }
        }
    }
    let mix = lines.iter().map(|c| cheapest(c, 0..c.vendors.len())).collect::<Option<Vec<_>>>().and_then(|best| {
        let total = best.iter().try_fold(Decimal::ZERO, |a, (k, _)| a.checked_add(*k))?;
        Some(Mix {
            offers: best.iter().map(|(_, i)| *i).collect(),
            costs: best.iter().map(|(k, _)| *k).collect(),
            total,
        })
    });
    let mut vendors: Vec<VendorBudget> = names
        .iter()
        .map(|name| {
            // On each line, the vendor's cheapest offer (the first of equal ones, or of none
            // priced).
            let (offers, costs): (Vec<Option<usize>>, Vec<Option<Decimal>>) = lines
                .iter()
                .map(|c| {
                    let own: Vec<usize> = (0..c.vendors.len()).filter(|&i| c.vendors[i].name == *name).collect();
                    match cheapest(c, own.iter().copied()) {
                        Some((k, i)) => (Some(i), Some(k)),
                        None => (own.first().copied(), None),
                    }
                })
                .unzip();
            let total = costs.iter().try_fold(Decimal::ZERO, |a, k| a.checked_add((*k)?));
            let above_mix = total.zip(mix.as_ref()).map(|(t, m)| t - m.total);
            VendorBudget { name: name.to_string(), offers, costs, total, rank: None, saving_vs_next: None, above_mix }
        })
        .collect();
    let totals: Vec<Option<Decimal>> = vendors.iter().map(|v| v.total).collect();
    for (v, (rank, saving)) in vendors.iter_mut().zip(ranks(&totals)) {
        v.rank = rank;
        v.saving_vs_next = saving;
    }
    let (currency, vat_basis) =
        lines.first().map(|c| (c.currency.clone(), c.vat_basis)).unwrap_or_else(|| ("CNY".into(), VatBasis::default()));
    let shared = shared(&vendors, lines.len());
    BudgetComparison { currency, vat_basis, lines, vendors, best_mix: mix, shared }
}

/// The lines every vendor prices and their sum at each, where some vendor has no total and there
/// are two vendors or more ([`Shared`]).
fn shared(vendors: &[VendorBudget], lines: usize) -> Option<Shared> {
    if vendors.len() < 2 || vendors.iter().all(|v| v.total.is_some()) {
        return None;
    }
    let common: Vec<usize> =
        (0..lines).filter(|&j| vendors.iter().all(|v| v.costs.get(j).is_some_and(Option::is_some))).collect();
    if common.is_empty() {
        return None;
    }
    let totals = vendors
        .iter()
        .map(|v| common.iter().try_fold(Decimal::ZERO, |a, &j| a.checked_add(v.costs[j]?)))
        .collect::<Option<Vec<_>>>()?;
    Some(Shared { lines: common, totals })
}

/// One month of a budget ([`months`]): what the lines cost in it at each vendor, and at the best
/// mix, converted as the totals are.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BudgetMonth {
    /// From 1, the budget's first month.
    pub month: u32,
    /// Its calendar month, where the lines' months are dated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Month>,
    /// At each vendor, in the order of `vendors`: `None` where the vendor makes no offer for a
    /// line with calls that month, or a price must come from sales.
    pub vendors: Vec<Option<Decimal>>,
    /// Where a vendor's month waits for a price from sales (and it makes an offer for every line
    /// that month): what its priced lines come to, and why the rest has no price (the first
    /// line's reason); in the order of `vendors`.
    pub waiting: Vec<Option<(Decimal, Option<Missing>)>>,
    /// At each line's cheapest offer (the best mix), where every line has one.
    pub mix: Option<Decimal>,
}

/// The budget month by month, for the buyer's cash flow: each line's months at each vendor's offer
/// there (the likely volumes: a range's cases are in its expected cost, not its months), converted
/// so that a line's months add up to its converted total ([`Conversion::apply_parts`]), and added
/// up by month. Where every line is dated, by calendar month from the first line's first to the
/// last's last (a month no line has costs 0); where none is, by month number. `None` where some
/// lines are dated and some not, the dates span more than [`MAX_MONTHS_SIDE_BY_SIDE`] months, or
/// a sum overflows.
pub fn months(b: &BudgetComparison) -> Option<Vec<BudgetMonth>> {
    let dated = b.lines.iter().filter(|c| c.first_month.is_some()).count();
    let first = match dated {
        0 => None,
        n if n == b.lines.len() => b.lines.iter().filter_map(|c| c.first_month).min(),
        _ => return None,
    };
    // Each line's offers' months, converted; and where the line's month 1 falls.
    let converted: Vec<Vec<Vec<Option<Decimal>>>> = b
        .lines
        .iter()
        .map(|c| {
            c.vendors
                .iter()
                .map(|v| {
                    let parts: Vec<Option<Decimal>> = v.quote.months.iter().map(|m| m.cost).collect();
                    let mut months = Conversion::new(v.rate, v.vat, b.vat_basis).apply_parts(&parts);
                    // Months shown to the fen may stray a few fen from the line's total, rounded
                    // once (a price below the fen): the dearest month (the last of equals) takes
                    // the difference, so that the months add up to the total the table shows and
                    // none goes below 0.
                    let sum = months.iter().try_fold(Decimal::ZERO, |a, m| a.checked_add((*m)?));
                    let dearest = months.iter().enumerate().max_by_key(|(_, m)| **m).map(|(k, _)| k);
                    if let (Some(sum), Some(total), Some(k)) = (sum, v.converted, dearest)
                        && let Some(Some(m)) = months.get_mut(k)
                    {
                        *m += total - sum;
                    }
                    months
                })
                .collect()
        })
        .collect();
    let starts: Vec<usize> = b
        .lines
        .iter()
        .map(|c| match (first, c.first_month) {
            (Some(f), Some(m)) => usize::try_from(f.until(m)).ok(),
            _ => Some(0),
        })
        .collect::<Option<_>>()?;
    // Each line's months (its offers share its profile).
    let lengths: Vec<usize> = b.lines.iter().map(|c| c.vendors.first().map_or(0, |v| v.quote.months.len())).collect();
    let span = starts.iter().zip(&lengths).map(|(s, n)| s + n).max().unwrap_or(0);
    if span > MAX_MONTHS_SIDE_BY_SIDE {
        return None;
    }
    // What the offers `pick(j)` of the lines come to in month `k` (from 0), and where a line's
    // offer has no price that month, why (its total then is of the priced lines); `None` where a
    // line with that month has no offer picked, or a sum overflows.
    let sum = |k: usize, pick: &dyn Fn(usize) -> Option<usize>| -> Option<(Decimal, Option<Option<Missing>>)> {
        let (mut total, mut waits) = (Decimal::new(0, 2), None);
        for (j, (start, months)) in starts.iter().zip(&lengths).enumerate() {
            let Some(at) = k.checked_sub(*start) else { continue };
            if at >= *months {
                continue;
            }
            let i = pick(j)?;
            match converted[j].get(i)?.get(at).copied().flatten() {
                Some(cost) => total = total.checked_add(cost)?,
                None => waits = waits.or(Some(b.lines[j].vendors.get(i)?.quote.missing_price)),
            }
        }
        Some((total, waits))
    };
    let whole = |s: Option<(Decimal, Option<Option<Missing>>)>| s.filter(|(_, w)| w.is_none()).map(|(t, _)| t);
    let part = |s: Option<(Decimal, Option<Option<Missing>>)>| s.and_then(|(t, w)| Some((t, w?)));
    let dates = first.map(|f| f.run(span));
    Some(
        (0..span)
            .map(|k| {
                let at: Vec<_> = b.vendors.iter().map(|v| sum(k, &|j| v.offers.get(j).copied().flatten())).collect();
                BudgetMonth {
                    month: u32::try_from(k + 1).unwrap_or(u32::MAX),
                    date: dates.as_ref().and_then(|d| d.get(k).copied()),
                    vendors: at.iter().copied().map(whole).collect(),
                    waiting: at.into_iter().map(part).collect(),
                    mix: whole(b.best_mix.as_ref().and_then(|m| sum(k, &|j| m.offers.get(j).copied()))),
                }
            })
            .collect(),
    )
}

/// A comparison of one profile's offers, or a budget of several lines'.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Compared {
    Offers(Box<Comparison>),
    Budget(BudgetComparison),
}

/// Compares a comparison document, or a budget where it has `lines` (what `quote --compare` and
/// the JavaScript API's `compare` take).
pub fn compare_doc(base: &Catalog, v: &Value, lang: Lang) -> Result<Compared, EstimateError> {
    if v.get("lines").is_some() {
        let budget = Budget::from_value(v, base, &mut ListCache::default())?;
        Ok(Compared::Budget(compare_budget(base, &budget, lang)?))
    } else {
        let offers = Offers::from_value(v, base, &mut ListCache::default())?;
        Ok(Compared::Offers(Box::new(compare(base, &offers, lang)?)))
    }
}

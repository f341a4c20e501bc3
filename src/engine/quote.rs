//! Pricing an estimate against a price list: the quote the CLI prints, the page shows and the JS
//! API returns.
//!
//! Amounts are exact decimals throughout and are rounded to 0.01 元 (half away from zero) once,
//! at the end of each line; the grand total adds the rounded lines. A line whose price must come
//! from sales has `total: null`, and so does the grand total — unless the visitor gives the
//! negotiated price. A discount scales the line's exact sum before that one rounding. A line with
//! a range of volumes is priced in its low, likely and high cases with the same purchases.

use rust_decimal::Decimal;
use serde::Serialize;

use super::catalog::{Catalog, PackProduct, Postpaid, Service};
use super::doc_rule::DocRule;
use super::error::{EstimateError, Overflow, UnknownHint};
use super::estimate::{Estimate, Line};
use super::explain::{self, Missing};
use super::json::Wrong;
use super::lang::Lang;
use super::money::{amount_with_currency, cents, group_u64, pack_size, round_yuan};
use super::path::{self, Path};
use super::rating::{self, Tariff};
use super::settle::{self, Alert, Committed, Ledger, Month, Purchase, Settlement};
pub use super::terms::CaseTotals;
use super::terms::{Case, Discount, DiscountScope, Factors};
use super::vat::{Vat, VatSplit};

/// The priced estimate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quote {
    /// ISO code of every amount (`CNY`).
    pub currency: String,
    /// The sum of the lines, or `null` if any line needs a price from sales.
    pub total: Option<Decimal>,
    pub lines: Vec<LineQuote>,
    /// The totals of the low, likely and high cases, where any line gives a range.
    pub range: Option<CaseTotals>,
    /// What the estimate is expected to cost: the cases' totals weighted by its
    /// `scenario_weights`, to the fen, where it has a range and every case a total.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<Decimal>,
    /// Readings of the documents that apply to every line.
    pub assumptions: Vec<String>,
    /// The total split by the VAT the estimate states for its prices (before, VAT, with).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vat: Option<VatSplit>,
}

/// Month costs in the low and high cases of an uncertain volume.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CaseMonths {
    pub low: Vec<Option<Decimal>>,
    pub high: Vec<Option<Decimal>>,
}

/// A discount as applied to one line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DiscountQuote {
    pub percent: Decimal,
    pub applies_to: DiscountScope,
    /// The line's total at list prices (`null` where a price must come from sales).
    pub before: Option<Decimal>,
    /// What the discount takes off (`before − total`).
    pub amount: Option<Decimal>,
}

/// One priced line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LineQuote {
    /// The service's name as the documents print it.
    pub service: String,
    pub service_id: String,
    /// The service's name in the quote's language.
    pub service_name: String,
    /// Packs, commitment fees, postpaid (and overage) cost and the minimum's raise, less the
    /// discount, or `null` if part of it must come from sales.
    pub total: Option<Decimal>,
    /// At list prices (before any discount), like every figure of the months.
    pub pack_cost: Decimal,
    /// At list prices; `null` if a month's postpaid price must come from sales.
    pub postpaid_cost: Option<Decimal>,
    /// The commitments' fees (format 2), at list prices.
    pub commitment_cost: Decimal,
    /// What raised months' usage charges to the service's minimum (format 2), at list prices.
    pub minimum_cost: Decimal,
    /// The discount this line gets, if any.
    pub discount: Option<DiscountQuote>,
    /// The negotiated price per call the line gives, if any.
    pub negotiated_price: Option<Decimal>,
    /// Whether the negotiated price prices every call beyond the packs, in place of the list's
    /// prices.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub negotiated_all_calls: bool,
    /// Whether the negotiated price priced any calls (the explanation marks where).
    pub negotiated: bool,
    /// The line's total in its low, likely and high cases, where it gives a range.
    pub range: Option<CaseTotals>,
    /// Each month's cost (as `months[].cost`) in the low and high cases, where it gives a range.
    pub case_months: Option<CaseMonths>,
    pub calls: u64,
    /// Calls of the months' free quotas (format 2).
    pub free_quota_calls: u64,
    pub free_calls_used: u64,
    /// Calls the commitments covered (format 2).
    pub commitment_calls: u64,
    pub pack_calls: u64,
    pub postpaid_calls: u64,
    pub refused_calls: u64,
    pub expired_calls: u64,
    /// Calls left in packs that are still valid after the last month.
    pub unused_calls: u64,
    /// True where the line needs a price from sales (`total` is then `null`).
    pub contact_sales: bool,
    /// Why the price is missing: `contact_sales`, `on_request` or `not_listed`.
    pub missing_price: Option<Missing>,
    /// `total` divided by the calls served, to 4 decimal places.
    pub price_per_call: Option<Decimal>,
    /// The arithmetic, in the documents' style: `(15,000 − 10,000) × 0.85 + 8,000 = 12,250`.
    pub explanation: String,
    pub packs: Vec<PackLine>,
    pub months: Vec<MonthQuote>,
    /// Cheaper ways to reach the same result, where the quote can see one.
    pub hints: Vec<Hint>,
    /// What the calculator assumed for this service, and other facts from the documents.
    pub assumptions: Vec<String>,
    pub notes: Vec<String>,
}

/// A pack purchase as priced.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PackLine {
    pub size: u64,
    pub count: u64,
    pub month: u32,
    pub price: Decimal,
    /// The regular price, where `price` is a promotion.
    pub list_price: Option<Decimal>,
    pub cost: Decimal,
    /// The last month the packs can be drawn.
    pub valid_through_month: u32,
    pub used_calls: u64,
    pub expired_calls: u64,
    pub unused_calls: u64,
    /// No call was drawn from these packs in the month they were bought: they were bought early,
    /// and unused packs can be refunded within the refund window.
    pub untouched_in_first_month: bool,
}

/// One month of a line.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthQuote {
    pub month: u32,
    pub calls: u64,
    /// Calls of the month's free quota (format 2).
    pub free_quota_calls: u64,
    pub free_calls: u64,
    /// The commitment taken this month (its id), the calls it covered and its fee (format 2).
    pub commitment: Option<String>,
    pub commitment_calls: u64,
    pub commitment_fee: Decimal,
    pub pack_calls: u64,
    pub postpaid_calls: u64,
    pub refused_calls: u64,
    /// The tier the postpaid volume reached: its index in the tiers of the table that priced the
    /// month (the service's, or in a commitment month the commitment's own overage table).
    pub tier: Option<usize>,
    /// The month's postpaid bill (shown to the fen; the line rounds its exact sum).
    pub postpaid_cost: Option<Decimal>,
    pub packs_bought: Decimal,
    /// What raised the month's usage charge to the minimum (format 2; 0 where none).
    pub minimum_raise: Decimal,
    /// What the month costs: its postpaid (or overage) bill, the minimum's raise, the
    /// commitment's fee and the packs bought in it, each to the fen, less the month's share of
    /// the line's discount (the shares add up to the line's discount; `null` where a price must
    /// come from sales).
    pub cost: Option<Decimal>,
    pub expired_calls: u64,
    /// Calls left in valid packs at the end of the month.
    pub balance: u64,
    pub explanation: String,
    /// The vendor's notices this month: a pack under 20 % or run out, calls expiring (000:15).
    pub alerts: Vec<AlertQuote>,
}

/// A notice, with its words in the quote's language.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AlertQuote {
    #[serde(flatten)]
    pub alert: Alert,
    pub message: String,
}

/// A cheaper way the quote noticed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hint {
    /// `cheaper_at_higher_volume`: under 阶梯到达, more calls would cost less.
    pub kind: &'static str,
    pub month: u32,
    pub calls: u64,
    pub cost: Decimal,
    pub cheaper_calls: u64,
    pub cheaper_cost: Decimal,
    pub message: String,
}

/// Prices an estimate with `base` (the built-in list, or the CLI's `--price-list`) extended or
/// replaced by the price list the estimate carries, if any. Fails on the first problem, naming
/// its field.
pub fn quote(base: &Catalog, estimate: &Estimate, lang: Lang) -> Result<Quote, EstimateError> {
    estimate.check_shape()?;
    let catalog = estimate.catalog(base)?;
    let lines = (0..estimate.lines.len())
        .filter_map(|i| Some((i, estimate.priced_line(i)?)))
        .map(|(i, line)| quote_line(&catalog, &line, i, lang))
        .collect::<Result<Vec<_>, _>>()?;
    let q = Quote::of_lines(&catalog, lines, lang)
        .map_err(|_| EstimateError::Overflow { path: Path::root().key("lines") })?;
    Ok(q.with_vat(estimate.vat).with_weights(estimate.weights()))
}

impl Quote {
    /// The quote of priced lines: their grand total and the list's assumptions for every line.
    pub fn of_lines(catalog: &Catalog, lines: Vec<LineQuote>, lang: Lang) -> Result<Quote, Overflow> {
        Ok(Quote {
            currency: catalog.currency.clone(),
            total: total_of(lines.iter().map(|l| l.total))?,
            range: range_of(lines.iter())?,
            lines,
            assumptions: global_assumptions(catalog, lang),
            vat: None,
            expected: None,
        })
    }

    /// The quote with its expected cost at `weights` (where it has a range).
    pub fn with_weights(self, weights: super::terms::Weights) -> Quote {
        let expected = expected_of(self.lines.iter(), weights);
        Quote { expected, ..self }
    }

    /// The quote with its total split by `vat` (where it has a total).
    pub fn with_vat(self, vat: Option<Vat>) -> Quote {
        let vat = vat.zip(self.total).map(|(v, t)| v.split(t));
        Quote { vat, ..self }
    }
}

impl LineQuote {
    /// The last month (1-based, past the horizon where so) in which the packs still holding
    /// calls after the last month can be drawn: how long the unused calls last. `None` where
    /// none are left.
    pub fn unused_valid_through(&self) -> Option<u32> {
        self.packs.iter().filter(|p| p.unused_calls > 0).map(|p| p.valid_through_month).max()
    }

    /// What the line costs in each calendar year its months fall in (`calendar`: the line's
    /// dates, month 1 first), in order: the months' costs summed, so the years add up to the
    /// line's total; a year's `None` where one of its months needs a price from sales. Empty
    /// where the months have no dates.
    pub fn by_year(&self, calendar: &[super::usage::Month]) -> Vec<(u16, Option<Decimal>)> {
        let mut years: Vec<(u16, Option<Decimal>)> = Vec::new();
        for (m, date) in self.months.iter().zip(calendar) {
            match years.last_mut() {
                Some((y, sum)) if *y == date.year() => *sum = sum.zip(m.cost).and_then(|(a, b)| a.checked_add(b)),
                _ => years.push((date.year(), m.cost)),
            }
        }
        years
    }
}

/// What priced lines cost in each calendar year, each line with its dates: their
/// [`LineQuote::by_year`] summed year by year, in order; `None` where a line's months have no
/// dates (the years would leave it out).
pub fn by_year<'a>(
    lines: impl IntoIterator<Item = (&'a LineQuote, &'a [super::usage::Month])>,
) -> Option<Vec<(u16, Option<Decimal>)>> {
    let mut years: std::collections::BTreeMap<u16, Option<Decimal>> = std::collections::BTreeMap::new();
    for (line, calendar) in lines {
        if calendar.is_empty() && !line.months.is_empty() {
            return None;
        }
        for (y, cost) in line.by_year(calendar) {
            let sum = years.entry(y).or_insert(Some(Decimal::ZERO));
            *sum = sum.zip(cost).and_then(|(a, b)| a.checked_add(b));
        }
    }
    Some(years.into_iter().collect())
}

/// One month of the estimate, its lines together ([`by_month`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EstimateMonth {
    /// From 1, the estimate's first month.
    pub month: u32,
    /// Its calendar month, where the lines' months are dated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<super::usage::Month>,
    /// What the lines cost in it (their months' costs summed, so the months add up to the
    /// total); `None` where a line's month needs a price.
    pub cost: Option<Decimal>,
    /// Why it has no cost: the reason of the first line whose month has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing: Option<super::explain::Missing>,
    /// Where it has no cost: what the lines priced in it come to (`None` where none is).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priced: Option<Decimal>,
}

/// The most months [`by_month`] puts side by side: lines dated further apart than this are not
/// one budget's months (a table of centuries would freeze a page).
pub const MAX_MONTHS_SIDE_BY_SIDE: usize = 2 * super::limits::MAX_MONTHS;

/// What priced lines cost month by month, together, each line with its dates: where every line
/// is dated, by calendar month from the first line's first to the last's last (a month no line
/// has costs 0); where none is, by month number, month 1 of every line together. `None` where
/// some lines are dated and some not (they cannot be put side by side), where the dates span
/// more than [`MAX_MONTHS_SIDE_BY_SIDE`] months, or where a sum overflows.
pub fn by_month<'a>(
    lines: impl IntoIterator<Item = (&'a LineQuote, &'a [super::usage::Month])>,
) -> Option<Vec<EstimateMonth>> {
    let lines: Vec<_> = lines.into_iter().filter(|(l, _)| !l.months.is_empty()).collect();
    let first = match (lines.iter().all(|(_, c)| c.is_empty()), lines.iter().all(|(_, c)| !c.is_empty())) {
        (true, _) => None,
        (false, true) => lines.iter().filter_map(|(_, c)| c.first().copied()).min(),
        (false, false) => return None,
    };
    // Each line's months at their place from the first.
    let place = |calendar: &[super::usage::Month], i: usize| -> Option<usize> {
        match (first, calendar.get(i)) {
            (Some(first), Some(date)) => usize::try_from(first.until(*date)).ok(),
            (None, _) => Some(i),
            (Some(_), None) => None,
        }
    };
    // Each month: what its priced lines come to, whether a line waits for a price, and why.
    let mut months: Vec<(Decimal, bool, Option<super::explain::Missing>, bool)> = Vec::new();
    for (line, calendar) in lines {
        for (i, m) in line.months.iter().enumerate() {
            let at = place(calendar, i).filter(|at| *at < MAX_MONTHS_SIDE_BY_SIDE)?;
            if months.len() <= at {
                months.resize(at + 1, (Decimal::new(0, 2), false, None, false));
            }
            let (sum, waits, missing, priced) = &mut months[at];
            match m.cost {
                Some(c) => {
                    *sum = sum.checked_add(c)?;
                    *priced = true;
                }
                None => {
                    *waits = true;
                    *missing = missing.or(line.missing_price);
                }
            }
        }
    }
    let dates = first.map(|f| f.run(months.len()));
    Some(
        months
            .into_iter()
            .enumerate()
            .map(|(i, (sum, waits, missing, priced))| EstimateMonth {
                month: u32::try_from(i + 1).unwrap_or(u32::MAX),
                date: dates.as_ref().and_then(|d| d.get(i).copied()),
                cost: (!waits).then_some(sum),
                missing,
                priced: (waits && priced).then_some(sum),
            })
            .collect(),
    )
}

/// The low, likely and high totals of priced lines, where any gives a range (a line without one
/// counts its total in every case).
pub fn range_of<'a>(lines: impl Iterator<Item = &'a LineQuote> + Clone) -> Result<Option<CaseTotals>, Overflow> {
    if lines.clone().all(|l| l.range.is_none()) {
        return Ok(None);
    }
    let case = |c: Case| total_of(lines.clone().map(|l| l.range.map_or(l.total, |r| r.get(c))));
    Ok(Some(CaseTotals { low: case(Case::Low)?, likely: case(Case::Likely)?, high: case(Case::High)? }))
}

/// What priced lines are expected to cost at `weights`: their cases' totals ([`range_of`])
/// weighted, to the fen; `None` without a range, or where a case has no total.
pub fn expected_of<'a>(
    lines: impl Iterator<Item = &'a LineQuote> + Clone,
    weights: super::terms::Weights,
) -> Option<Decimal> {
    weights.expected(&range_of(lines).ok().flatten()?)
}

/// The grand total of lines' (rounded) totals, or `None` as soon as one line needs a price from
/// sales.
pub fn total_of(totals: impl IntoIterator<Item = Option<Decimal>>) -> Result<Option<Decimal>, Overflow> {
    let mut total = Decimal::ZERO;
    for line_total in totals {
        let Some(t) = line_total else { return Ok(None) };
        total = total.checked_add(t).ok_or(Overflow)?;
    }
    Ok(Some(round_yuan(total)))
}

/// Where some of the lines' calls need a price: what the rest comes to, the part of the total
/// that can be said now (the rest waits for a price): each priced line's total, and the months
/// of the others that have one. `None` where every line is priced, or nothing is.
pub fn priced_part<'a>(lines: impl IntoIterator<Item = &'a LineQuote>) -> Result<Option<Decimal>, Overflow> {
    priced_case(lines, Case::Likely)
}

/// [`priced_part`] for each case of a range (the low and high cases' own months where a line
/// has them): the range of what has a price. `None` where no line has a range.
pub fn priced_range_part<'a>(
    lines: impl IntoIterator<Item = &'a LineQuote> + Clone,
) -> Result<Option<CaseTotals>, Overflow> {
    if lines.clone().into_iter().all(|l| l.range.is_none()) {
        return Ok(None);
    }
    Ok(Some(CaseTotals {
        low: priced_case(lines.clone(), Case::Low)?,
        likely: priced_case(lines.clone(), Case::Likely)?,
        high: priced_case(lines, Case::High)?,
    }))
}

/// What has a price comes to in `case`: each line's total in that case where it has one, else
/// its months of that case that have a price; `None` where nothing waits for a price, or nothing
/// has one.
fn priced_case<'a>(lines: impl IntoIterator<Item = &'a LineQuote>, case: Case) -> Result<Option<Decimal>, Overflow> {
    let (mut parts, mut waits) = (Vec::new(), false);
    for line in lines {
        let total = match (case, line.range) {
            (Case::Likely, _) | (_, None) => line.total,
            (c, Some(r)) => r.get(c),
        };
        match total {
            Some(t) => parts.push(t),
            None => {
                waits = true;
                let months: Vec<Option<Decimal>> = match (case, &line.case_months) {
                    (Case::Low, Some(m)) => m.low.clone(),
                    (Case::High, Some(m)) => m.high.clone(),
                    _ => line.months.iter().map(|m| m.cost).collect(),
                };
                parts.extend(months.into_iter().flatten());
            }
        }
    }
    if !waits || parts.is_empty() {
        return Ok(None);
    }
    total_of(parts.into_iter().map(Some))
}

/// The price list's assumptions that apply to every line, in `lang`.
pub fn global_assumptions(catalog: &Catalog, lang: Lang) -> Vec<String> {
    catalog.assumptions.iter().filter(|n| n.applies_to.is_empty()).map(|n| n.text.get(lang).to_string()).collect()
}

/// A line resolved against the price list: the service, its packs and the priced purchases.
pub struct Resolved<'a> {
    pub service: &'a Service,
    pub product: Option<&'a PackProduct>,
    /// Months a pack lasts, its purchase month included (12 where the service sells none: a
    /// free pack's).
    pub validity: u32,
    pub purchases: Vec<Purchase>,
    /// The line's negotiated price (and whether it prices every call) and discount.
    pub negotiated: Option<rating::Negotiated>,
    pub discount: Option<Discount>,
    /// What calls beyond the packs cost: the service's postpaid prices with the negotiated price.
    pub tariff: Tariff<Decimal>,
    /// The commitments the line takes (format 2), and which one each month takes.
    pub committed: Vec<Committed>,
    pub taken: Vec<Option<usize>>,
    /// The line's free calls are held from packs bought before month 1 (they last the months
    /// the line gives), not a free pack given in month 1.
    pub held: bool,
}

/// Finds the line's service and prices its purchases; errors name the field.
pub fn resolve<'a>(catalog: &'a Catalog, line: &Line, index: usize) -> Result<Resolved<'a>, EstimateError> {
    let path = path::line(index);
    let service = find_service(catalog, &line.service, &path.key("service"))?;
    let product = catalog.packs_of(service);
    let mut purchases = Vec::with_capacity(line.packs.len());
    for (j, p) in line.packs.iter().enumerate() {
        let Some(product) = product else {
            return Err(EstimateError::NoPacks {
                path: path.key("packs"),
                service: service.name.clone(),
                why: match &service.postpaid {
                    Postpaid::Unpriced { reason: super::catalog::Unpriced::OnRequest, .. } => {
                        super::error::NoPacksWhy::PayAsYouGoOnly
                    }
                    _ => super::error::NoPacksWhy::NotInList,
                },
            });
        };
        let size = product.size(p.size);
        let price = size.and_then(|s| s.price).ok_or_else(|| EstimateError::PackNotOffered {
            path: path.key("packs").at(j).key("size"),
            service: service.name.clone(),
            size: p.size,
            listed: size.is_some(),
            offered: product.offered().map(|(s, _)| s.calls).collect(),
        })?;
        purchases.push(Purchase { size: p.size, count: p.count, month: p.month, price });
    }
    let validity = product.map_or(12, |p| p.validity_months);
    if let Some(months) = line.free_months.filter(|&m| m > validity && line.free_calls > 0) {
        let wrong = Wrong::Rule(DocRule::FreePastValidity { months, validity });
        return Err(EstimateError::Field { path: path.key("free_months"), wrong });
    }
    let (committed, taken) = resolve_commitments(service, line, &path)?;
    Ok(Resolved {
        service,
        product,
        validity,
        purchases,
        negotiated: line.negotiated(),
        discount: line.discount,
        tariff: rating::tariff(&service.postpaid, line.negotiated()),
        committed,
        taken,
        held: line.holds_calls(),
    })
}

/// The commitments a line takes, each priced (its overage table, or the service's postpaid one),
/// and the one taken in each month; an id the service lacks names its field.
fn resolve_commitments(
    service: &Service,
    line: &Line,
    path: &Path,
) -> Result<(Vec<Committed>, Vec<Option<usize>>), EstimateError> {
    let mut committed: Vec<(String, Committed)> = Vec::new();
    let mut taken = vec![None; if line.commitments.is_empty() { 0 } else { line.calls.len() }];
    for (j, term) in line.commitments.iter().enumerate() {
        let Some(c) = service.commitment(&term.id) else {
            let offered = service.commitments.iter().map(|c| c.id.clone()).collect();
            return Err(EstimateError::Field {
                path: path.key("commitments").at(j).key("id"),
                wrong: Wrong::Rule(DocRule::NoCommitment {
                    service: service.name.clone(),
                    id: term.id.clone(),
                    offered,
                }),
            });
        };
        let k = match committed.iter().position(|(id, _)| *id == c.id) {
            Some(k) => k,
            None => {
                let tariff = rating::tariff(c.table(&service.postpaid), line.negotiated());
                committed
                    .push((c.id.clone(), Committed { id: c.id.clone(), fee: c.monthly_fee, calls: c.calls, tariff }));
                committed.len() - 1
            }
        };
        for (m, slot) in taken.iter_mut().enumerate() {
            if term.covers(m as u32 + 1) {
                *slot = Some(k);
            }
        }
    }
    Ok((committed.into_iter().map(|(_, c)| c).collect(), taken))
}

fn find_service<'a>(catalog: &'a Catalog, name: &str, path: &Path) -> Result<&'a Service, EstimateError> {
    if let Some(s) = catalog.service(name) {
        return Ok(s);
    }
    let unknown = |hint| EstimateError::UnknownService { path: path.clone(), name: name.to_string(), hint };
    if name.trim().is_empty() {
        return Err(EstimateError::Field { path: path.clone(), wrong: Wrong::Rule(DocRule::NoService) });
    }
    if let Some(pp) = catalog.pack_product_named(name) {
        let users: Vec<String> = catalog.services_using(&pp.id).map(|s| s.name.zh.clone()).collect();
        if !users.is_empty() {
            return Err(unknown(UnknownHint::PackProduct(users)));
        }
    }
    let q = name.trim().to_ascii_lowercase();
    let close: Vec<String> = catalog
        .services
        .iter()
        .filter(|s| {
            [&s.id, &s.name.zh, &s.name.en].iter().any(|n| {
                let n = n.to_ascii_lowercase();
                n.contains(&q) || q.contains(&n)
            })
        })
        .map(|s| s.name.zh.clone())
        .collect();
    Err(unknown(if close.is_empty() { UnknownHint::Nothing } else { UnknownHint::Close(close) }))
}

/// Prices one line of an estimate; `index` is its place in the estimate, used in error paths.
/// The page prices each line on its own, so one broken line never hides the others.
/// A line with a range is priced in each case with the same purchases.
pub fn quote_line(catalog: &Catalog, line: &Line, index: usize, lang: Lang) -> Result<LineQuote, EstimateError> {
    let overflow = |_| EstimateError::Overflow { path: path::line(index) };
    let (r, s) = settle_line(catalog, line, index)?;
    let mut q = price_line(catalog, r, &s, lang).map_err(overflow)?;
    if line.has_range() {
        let case = |c: Case| -> Result<(Option<Decimal>, Vec<Option<Decimal>>), EstimateError> {
            let (r, s) = settle_line(catalog, &line.case(c), index)?;
            let months = month_costs(&s.months, r.discount.as_ref());
            Ok((line_money(&r, &s).map_err(overflow)?.rounded(), months))
        };
        let (low, low_months) = case(Case::Low)?;
        let (high, high_months) = case(Case::High)?;
        q.range = Some(CaseTotals { low, likely: q.total, high });
        q.case_months = Some(CaseMonths { low: low_months, high: high_months });
    }
    Ok(q)
}

/// What each month costs after `discount`, to the fen; `None` where a price must come from
/// sales. A month costs its figures as shown (packs bought, a commitment's fee, the postpaid or
/// overage charge, the raise to the minimum, each to the fen) less its share of the line's
/// discount. The line is rounded once, so the shares are taken as running sums (the discount on
/// the months so far, at list and after it, each rounded, less the shares before): they add up to
/// the line's discount to the fen, and where the months' figures are whole fen, as every listed
/// price makes them, the months add up to the line's total.
fn month_costs(months: &[Month], discount: Option<&Discount>) -> Vec<Option<Decimal>> {
    let factors = Factors::of(discount);
    let (mut before, mut after, mut taken) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    months
        .iter()
        .map(|m| {
            let charge = m.charge.amount()?;
            let shown = [m.packs_bought, m.commitment_fee, charge, m.minimum_raise]
                .into_iter()
                .try_fold(Decimal::ZERO, |sum, part| sum.checked_add(round_yuan(part)))?;
            if discount.is_none() {
                return Some(shown);
            }
            let prepaid = m.packs_bought.checked_add(m.commitment_fee)?;
            let usage = charge.checked_add(m.minimum_raise)?;
            before = before.checked_add(prepaid.checked_add(usage)?)?;
            after = after.checked_add(factors.apply(prepaid, usage)?)?;
            let off = round_yuan(before).checked_sub(round_yuan(after))?;
            let share = off.checked_sub(taken)?;
            taken = off;
            shown.checked_sub(share)
        })
        .collect()
}

/// A line's money before rounding.
struct LineMoney {
    /// After the discount; `None` where a price must come from sales.
    total: Option<Decimal>,
    /// At list prices.
    before: Option<Decimal>,
    /// What is known after the discount (packs and priced months), for a line missing a price.
    known: Decimal,
}

impl LineMoney {
    /// The line's total, rounded once to the fen.
    fn rounded(&self) -> Option<Decimal> {
        self.total.map(round_yuan)
    }
}

/// The line's sums: prepaid (packs and commitment fees) and usage (postpaid or overage charges
/// and the raises to the minimum), each scaled by the discount's factor before one rounding.
fn line_money(r: &Resolved, s: &Settlement) -> Result<LineMoney, Overflow> {
    let factors = Factors::of(r.discount.as_ref());
    let add = |a: Decimal, b: Decimal| a.checked_add(b).ok_or(Overflow);
    let prepaid = add(s.pack_cost, s.commitment_cost)?;
    let known_usage = s.months.iter().filter_map(|m| m.charge.amount()).try_fold(s.minimum_cost, add)?;
    let known = factors.apply(prepaid, known_usage).ok_or(Overflow)?;
    let (total, before) = match s.postpaid_cost {
        Some(pp) => {
            let usage = add(pp, s.minimum_cost)?;
            (Some(factors.apply(prepaid, usage).ok_or(Overflow)?), Some(add(prepaid, usage)?))
        }
        None => (None, None),
    };
    Ok(LineMoney { total, before, known })
}

/// Resolves and settles one line month by month, without pricing words: what the quote and the
/// optimizer's tests build on.
pub fn settle_line<'a>(
    catalog: &'a Catalog,
    line: &Line,
    index: usize,
) -> Result<(Resolved<'a>, Settlement), EstimateError> {
    line.check_shape(index)?;
    let r = resolve(catalog, line, index)?;
    let ledger = Ledger {
        tariff: &r.tariff,
        calls: &line.calls,
        free_calls: line.free_calls,
        free_last: line.free_last(r.validity),
        purchases: &r.purchases,
        postpaid_on: line.postpaid,
        pack_draw: catalog.pack_draw,
        validity_months: r.validity,
        quota: r.service.free_quota.as_ref(),
        minimum: r.service.minimum,
        taken: &r.taken,
        commitments: &r.committed,
    };
    let s = settle::settle(&ledger).map_err(|_| EstimateError::Overflow { path: path::line(index) })?;
    Ok((r, s))
}

fn price_line(catalog: &Catalog, r: Resolved, s: &Settlement, lang: Lang) -> Result<LineQuote, Overflow> {
    let service = r.service;
    let missing = s.months.iter().find_map(|m| m.charge.missing());
    let money = line_money(&r, s)?;
    let total = money.rounded();
    let discount = r.discount.filter(|d| !d.percent.is_zero()).map(|d| {
        let before = money.before.map(round_yuan);
        DiscountQuote {
            percent: d.percent,
            applies_to: d.applies_to,
            before,
            amount: before.zip(total).map(|(b, t)| b - t),
        }
    });
    let served = s.calls - s.refused;
    let price_per_call = match total {
        Some(t) if served > 0 => Some((t / Decimal::from(served)).round_dp(4).normalize()),
        _ => None,
    };
    let packs = pack_lines(&r, s);
    Ok(LineQuote {
        service: service.name.zh.clone(),
        service_id: service.id.clone(),
        service_name: service.name.get(lang).to_string(),
        total,
        pack_cost: round_yuan(s.pack_cost),
        postpaid_cost: s.postpaid_cost.map(round_yuan),
        commitment_cost: round_yuan(s.commitment_cost),
        minimum_cost: round_yuan(s.minimum_cost),
        discount,
        negotiated_price: r.negotiated.map(|n| n.price),
        negotiated_all_calls: r.negotiated.is_some_and(|n| n.all_calls),
        negotiated: s.months.iter().any(|m| m.charge.negotiated()),
        range: None,
        case_months: None,
        calls: s.calls,
        free_quota_calls: s.from_quota,
        free_calls_used: s.from_free,
        commitment_calls: s.from_commitment,
        pack_calls: s.from_packs,
        postpaid_calls: s.postpaid_calls,
        refused_calls: s.refused,
        expired_calls: s.expired,
        unused_calls: s.unused,
        contact_sales: missing.is_some(),
        missing_price: missing,
        price_per_call,
        explanation: explain::line_formula(
            &s.months,
            &r.purchases,
            total,
            money.known,
            discount.is_some().then_some(r.discount).flatten().as_ref(),
            r.held,
            lang,
        ),
        hints: hints(&r, &s.months, &catalog.currency, lang),
        months: month_quotes(&r, s, lang),
        assumptions: assumptions(catalog, &r, lang),
        notes: notes(&r, missing, &packs, lang),
        packs,
    })
}

fn month_quotes(r: &Resolved, s: &Settlement, lang: Lang) -> Vec<MonthQuote> {
    s.months
        .iter()
        .zip(month_costs(&s.months, r.discount.as_ref()))
        .map(|(m, cost)| MonthQuote {
            month: m.month,
            calls: m.calls,
            free_quota_calls: m.from_quota,
            free_calls: m.from_free,
            commitment: m.commitment.and_then(|k| r.committed.get(k)).map(|c| c.id.clone()),
            commitment_calls: m.from_commitment,
            commitment_fee: round_yuan(m.commitment_fee),
            pack_calls: m.from_packs,
            postpaid_calls: m.postpaid_calls,
            refused_calls: m.refused,
            tier: m.charge.tier(),
            postpaid_cost: m.charge.amount().map(round_yuan),
            packs_bought: round_yuan(m.packs_bought),
            minimum_raise: round_yuan(m.minimum_raise),
            cost,
            expired_calls: m.expired,
            balance: m.balance,
            explanation: explain::month_formula(m, &r.purchases, r.held, lang),
            // Calls held from an earlier pack: the vendor's 20 % notice is of that pack's size,
            // which the line does not give, so only their running out is said.
            alerts: m
                .alerts
                .iter()
                .filter(|a| !(r.held && matches!(a, Alert::Low { free: true, .. })))
                .map(|a| AlertQuote { alert: *a, message: alert_message(*a, r.held, lang) })
                .collect(),
        })
        .collect()
}

fn pack_lines(r: &Resolved, s: &Settlement) -> Vec<PackLine> {
    r.purchases
        .iter()
        .zip(&s.purchases)
        .map(|(p, o)| PackLine {
            size: p.size,
            count: p.count,
            month: p.month,
            price: cents(p.price),
            list_price: r.product.and_then(|pp| pp.size(p.size)).and_then(|s| s.list_price).map(cents),
            cost: round_yuan(o.cost),
            valid_through_month: o.last_valid,
            used_calls: o.used,
            expired_calls: o.expired,
            unused_calls: o.left,
            untouched_in_first_month: o.first_used != Some(p.month),
        })
        .collect()
}

/// What the calculator assumed for this line: the list's for this service, the service's own and
/// its pack product's.
fn assumptions(catalog: &Catalog, r: &Resolved, lang: Lang) -> Vec<String> {
    let scoped = catalog.assumptions.iter().filter(|n| n.applies_to.contains(&r.service.id));
    let packs = r.product.map_or(&[][..], |p| &p.assumptions[..]);
    scoped.chain(&r.service.assumptions).chain(packs).map(|n| n.text.get(lang).to_string()).collect()
}

/// The service's notes, what to do about a missing price, and packs that could have waited.
fn notes(r: &Resolved, missing: Option<Missing>, packs: &[PackLine], lang: Lang) -> Vec<String> {
    let mut notes: Vec<String> = r.service.notes.iter().map(|n| n.text.get(lang).to_string()).collect();
    if let Some(m) = missing {
        notes.push(m.advice(lang).to_string());
    }
    let refund_days = r.product.and_then(|p| p.refund_unused_within_days).filter(|_| r.service.refundable);
    if let Some(days) = refund_days {
        for p in packs.iter().filter(|p| p.untouched_in_first_month && p.count > 0) {
            let (m, n, size) = (p.month, group_u64(p.count), group_u64(p.size));
            notes.push(match lang {
                Lang::Zh => format!(
                    "第 {m} 月购买的 {n} × {}资源包当月没有使用：购买后 {days} 天内未使用可无理由全额退款，也可以等需要时再买。",
                    pack_size(p.size, lang)
                ),
                Lang::En if p.count == 1 => format!(
                    "The {size}-call pack bought in month {m} is not used that month: an unused pack can be refunded in full within {days} days of purchase, or bought when needed."
                ),
                Lang::En => format!(
                    "The {n} × {size}-call packs bought in month {m} are not used that month: an unused pack can be refunded in full within {days} days of purchase, or bought when needed."
                ),
            });
        }
    }
    notes
}

fn alert_message(a: Alert, held: bool, lang: Lang) -> String {
    match (a, lang) {
        (Alert::Exhausted { free: true, .. }, Lang::Zh) if held => "已有资源包已用完，会收到通知。".to_string(),
        (Alert::Exhausted { free: true, .. }, Lang::En) if held => {
            "The calls held have run out: a notice is sent.".to_string()
        }
        (Alert::Low { free: true, left, .. }, Lang::Zh) => {
            format!("赠送资源包余额不足 20%（剩 {} 次），会收到余量提醒。", group_u64(left))
        }
        (Alert::Low { free: true, left, .. }, Lang::En) => {
            format!("The free pack is under 20 % ({} calls left): a balance notice is sent.", group_u64(left))
        }
        (Alert::Low { free: false, size, left }, Lang::Zh) => {
            format!(
                "最后购买的{}资源包余额不足 20%（剩 {} 次），会收到余量提醒。",
                pack_size(size, Lang::Zh),
                group_u64(left)
            )
        }
        (Alert::Low { free: false, size, left }, Lang::En) => format!(
            "The last pack bought ({} calls) is under 20 % ({} left): a balance notice is sent.",
            group_u64(size),
            group_u64(left)
        ),
        (Alert::Exhausted { free: true, .. }, Lang::Zh) => "赠送资源包已用完，会收到通知。".to_string(),
        (Alert::Exhausted { free: true, .. }, Lang::En) => "The free pack has run out: a notice is sent.".to_string(),
        (Alert::Exhausted { free: false, size }, Lang::Zh) => {
            format!("最后购买的{}资源包已用完，会收到通知。", pack_size(size, Lang::Zh))
        }
        (Alert::Exhausted { free: false, size }, Lang::En) => {
            format!("The last pack bought ({} calls) has run out: a notice is sent.", group_u64(size))
        }
        (Alert::Expiring { calls }, Lang::Zh) => format!("本月末有 {} 次资源包余量过期作废。", group_u64(calls)),
        (Alert::Expiring { calls }, Lang::En) => {
            format!("{} calls expire unused at the end of this month.", group_u64(calls))
        }
    }
}

/// Months whose postpaid (or overage) volume sits just below a tier that would cost less: by the
/// table that priced the month (a commitment's own overage table in its months), with the month's
/// minimum applied to both volumes (a month raised to it either way gets no hint).
fn hints(r: &Resolved, months: &[Month], currency: &str, lang: Lang) -> Vec<Hint> {
    let money = |a: Decimal| amount_with_currency(a, currency, lang);
    let floor = |a: Decimal| r.service.minimum.map_or(a, |m| a.max(m));
    months
        .iter()
        .filter_map(|m| {
            let tariff = m.commitment.and_then(|k| r.committed.get(k)).map_or(&r.tariff, |c| &c.tariff);
            let amount = floor(m.charge.amount()?);
            let cliff = rating::cheaper_at_higher_volume(tariff, m.postpaid_calls, amount)?;
            let cliff = rating::Cliff { cost: floor(cliff.cost), ..cliff };
            if cliff.cost >= amount {
                return None;
            }
            let message = match lang {
                Lang::Zh => format!(
                    "按阶梯到达计费，第 {} 月 {} 次后付费调用需 {}，而 {} 次只需 {}：用量接近档位时，多用反而更便宜。",
                    m.month,
                    group_u64(m.postpaid_calls),
                    money(amount),
                    group_u64(cliff.calls),
                    money(cliff.cost)
                ),
                Lang::En => format!(
                    "Tier-reached pricing: month {}'s {} postpaid calls cost {}, but {} calls would cost only {}. Near a tier boundary, more calls cost less.",
                    m.month,
                    group_u64(m.postpaid_calls),
                    money(amount),
                    group_u64(cliff.calls),
                    money(cliff.cost)
                ),
            };
            Some(Hint {
                kind: "cheaper_at_higher_volume",
                month: m.month,
                calls: m.postpaid_calls,
                cost: round_yuan(amount),
                cheaper_calls: cliff.calls,
                cheaper_cost: round_yuan(cliff.cost),
                message,
            })
        })
        .collect()
}

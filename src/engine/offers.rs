//! Offers compared: which vendor, and how to buy there, for one volume profile. An offer is a
//! price list and one of its services (the built-in list's, an example sheet's, a list the buyer
//! loads), with the buyer's own terms there (a discount, a negotiated price). Each is priced at its
//! own cheapest plan — packs and commitments, found by the exact optimizer — in its own currency,
//! converted to the comparison's at rates the buyer gives (exact decimals; nothing is fetched),
//! ranked, and drawn as one month's cost against the monthly volume, with the volumes where the
//! ranking changes.
//!
//! The document (the `quote --compare` input, what the page shares and stores):
//!
//! ```text
//! {"currency": "CNY", "rates": {"USD": "7.10"}, "vat_basis": "paid",
//!  "calls": [...], "calls_low": [...], "calls_high": [...], "first_month": "2027-01",
//!  "scenario_weights": {...},
//!  "vendors": [{"name": "…", "service": "…", "price_list": {"mode": "replace", "list": {…}},
//!               "discount": {…}, "negotiated_price": "0.6", "vat": {"percent": "6", "included": true}},
//!              {"name": "…", "service": "…", "example": "google-cloud-vision"}, …]}
//! ```
//!
//! An offer names its list by `price_list`, or one of the example sheets by `example` (its key),
//! or neither for the built-in list. Its `vat` and the comparison's `vat_basis` put every
//! converted amount on one VAT basis ([`super::vat`]). `first_month` dates the profile's months
//! (optional, as a line's), so that every offer's plan says when it buys.
//!
//! Each offer is read as a one-line estimate by the estimate's own reader, so every rule of a
//! line (volumes, discounts, lists) is the estimate's; a problem's path is then told in the
//! document's terms (`lines[0].service` → `vendors[1].service`, `price_list…` →
//! `vendors[1].price_list…`, `lines[0].calls[3]` → `calls[3]`).
//!
//! ```
//! use packwise::engine::{catalog, offers::{compare, Offers}, Lang};
//!
//! let doc = r#"{"currency": "CNY", "calls": [15000],
//!   "vendors": [{"name": "A", "service": "活体人脸核身"}, {"name": "B", "service": "照片人脸核身"}]}"#;
//! let list = catalog::builtin();
//! let c = compare(list, &Offers::from_json(doc, list).unwrap(), Lang::En).unwrap();
//! // 15,000 calls of 活体人脸核身 cost least postpaid: 15,000 × 0.75.
//! assert_eq!(c.vendors[0].converted.unwrap().to_string(), "11250.00");
//! ```

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::breakeven::{BuyerTerms, OneMonth, volumes, work};
use super::catalog::Catalog;
use super::doc_rule::DocRule;
use super::error::EstimateError;
use super::estimate::{CommitmentTerm, Estimate, ListCache, PackPurchase};
use super::json::{self, FieldError, Wrong};
use super::lang::Lang;
use super::limits;
use super::money::round_yuan;
use super::optimize::{Solution, Summary, price_solution, solve_line};
use super::path::{Path, Seg};
use super::quote::{LineQuote, resolve};
use super::terms::{CaseTotals, Discount, Weights};
use super::usage::Month;
use super::vat::{Conversion, Vat, VatBasis};

/// The fewest and the most offers a comparison holds.
pub const MIN_OFFERS: usize = 2;
pub const MAX_OFFERS: usize = 6;

/// Most rating steps the offers' month curves may take in all (each volume of each offer tries
/// every purchase total up to it on its packs' grid, under every commitment, each rated through
/// the tiers): about half a second natively at most; the page spreads it over short tasks.
const CURVE_BUDGET: u128 = 300_000_000;
/// Sampled volumes of the month curves, beside every price breakpoint.
const SAMPLES: u64 = 120;

/// One offer: its name, and the one-line estimate it is priced as (the profile's volumes, its
/// service, its list and the buyer's terms there); `example` where its list is one of the example
/// sheets, named by its key (`"example": "google-cloud-vision"` in the document).
#[derive(Clone, Debug, PartialEq)]
pub struct Offer {
    pub name: String,
    pub estimate: Estimate,
    pub example: Option<String>,
    /// The VAT its prices include or leave out, where the buyer states it ([`Vat`]).
    pub vat: Option<Vat>,
}

/// A comparison of 2 to 6 offers for one volume profile.
#[derive(Clone, Debug, PartialEq)]
pub struct Offers {
    /// The currency the offers are compared in.
    pub currency: String,
    /// One unit of each other currency, in the comparison's (`"USD": 7.10`).
    pub rates: BTreeMap<String, Decimal>,
    /// Whether amounts are compared with VAT or before it (offers whose VAT is stated).
    pub vat_basis: VatBasis,
    pub offers: Vec<Offer>,
}

const KEYS: [&str; 9] = [
    "currency",
    "rates",
    "vat_basis",
    "calls",
    "calls_low",
    "calls_high",
    "first_month",
    "scenario_weights",
    "vendors",
];
/// The profile's keys, each read as the offer's one line's.
const PROFILE_KEYS: [&str; 4] = ["calls", "calls_low", "calls_high", "first_month"];
const OFFER_KEYS: [&str; 10] = [
    "name",
    "service",
    "price_list",
    "example",
    "discount",
    "negotiated_price",
    "negotiated_all_calls",
    "free_calls",
    "free_months",
    "vat",
];

impl Offers {
    /// Reads a comparison document; offers without a list of their own take `base`'s; a problem
    /// names its field.
    pub fn from_json(text: &str, base: &Catalog) -> Result<Offers, EstimateError> {
        Offers::from_value(&parse(text)?, base, &mut ListCache::default())
    }

    /// [`Offers::from_json`] on a parsed document, taking price lists read before from `lists`.
    pub fn from_value(v: &Value, base: &Catalog, lists: &mut ListCache) -> Result<Offers, EstimateError> {
        Offers::read(v, base, lists, true)
    }

    /// Reads a document; with `rates_needed` false, an offer in a currency without a rate is
    /// let through (the page reads back a comparison whose rates are still being typed).
    pub fn read(v: &Value, base: &Catalog, lists: &mut ListCache, rates_needed: bool) -> Result<Offers, EstimateError> {
        Offers::read_at_least(v, base, lists, rates_needed, MIN_OFFERS)
    }

    /// [`Offers::read`] with at least `min` offers: a budget's line may have only one (the one
    /// vendor that does its work), where a comparison needs two.
    pub fn read_at_least(
        v: &Value,
        base: &Catalog,
        lists: &mut ListCache,
        rates_needed: bool,
        min: usize,
    ) -> Result<Offers, EstimateError> {
        let root = Path::root();
        let field = |e: FieldError| EstimateError::Field { path: e.path, wrong: e.wrong };
        let map = json::object(v, &root, "a comparison like {\"calls\":[…],\"vendors\":[…]}", &KEYS).map_err(field)?;
        let currency = match json::optional(map, "currency") {
            None => base.currency.clone(),
            Some(c) => currency_code(c, &root.key("currency")).map_err(field)?,
        };
        let mut rates = BTreeMap::new();
        if let Some(r) = json::optional(map, "rates") {
            let at = root.key("rates");
            for (code, rate) in json::any_object(r, &at, "rates like {\"USD\": \"7.10\"}").map_err(field)? {
                let here = at.key(code.clone());
                // Kept under its ISO code (a rate for RMB is CNY's).
                let iso = currency_code(&Value::String(code.clone()), &here).map_err(field)?;
                // One unit of `code` in the comparison's currency, as a string (exact), above 0.
                let rate = match rate {
                    Value::Number(n) => {
                        let (rate, code, currency) = (n.to_string(), code.clone(), currency.clone());
                        return Err(field(json::rule(&here, DocRule::RateAsNumber { rate, code, currency })));
                    }
                    _ => json::price(rate, &here).ok().filter(|r| !r.is_zero()).ok_or_else(|| {
                        field(json::rule(&here, DocRule::NotRate { code: code.clone(), currency: currency.clone() }))
                    })?,
                };
                if iso == currency && rate != Decimal::ONE {
                    return Err(field(json::rule(&here, DocRule::OwnRate(code.clone()))));
                }
                if rates.insert(iso.clone(), rate).is_some_and(|was| was != rate) {
                    return Err(field(json::rule(&here, DocRule::TwoRates(iso))));
                }
            }
        }
        let vat_basis = match json::optional(map, "vat_basis") {
            None => VatBasis::default(),
            Some(b) => VatBasis::read(b, &root.key("vat_basis")).map_err(field)?,
        };
        let vendors = json::required(map, &root, "vendors").map_err(field)?;
        let at = root.key("vendors");
        let vendors = json::array(vendors, &at).map_err(field)?;
        if !(min..=MAX_OFFERS).contains(&vendors.len()) {
            let n = vendors.len();
            return Err(field(json::rule(
                &at,
                if min == MIN_OFFERS { DocRule::Offers(n) } else { DocRule::LineOffers(n) },
            )));
        }
        let mut offers = Vec::with_capacity(vendors.len());
        for (i, vendor) in vendors.iter().enumerate() {
            let here = at.at(i);
            let vm = json::object(vendor, &here, "an offer like {\"name\": \"A\", \"service\": \"…\"}", &OFFER_KEYS)
                .map_err(field)?;
            let name =
                json::string(json::required(vm, &here, "name").map_err(field)?, &here.key("name")).map_err(field)?;
            json::nonempty(name, &here.key("name")).map_err(field)?;
            if name.chars().count() > limits::MAX_TEXT_CHARS {
                return Err(field(json::rule(&here.key("name"), DocRule::NameTooLong)));
            }
            json::required(vm, &here, "service").map_err(field)?;
            let vat = json::optional(vm, "vat").map(|v| Vat::read(v, &here.key("vat"))).transpose().map_err(field)?;
            // The offer as a one-line estimate, read by the estimate's own reader.
            let mut line = Map::new();
            for key in ["service", "discount", "negotiated_price", "negotiated_all_calls", "free_calls", "free_months"]
            {
                if let Some(x) = vm.get(key) {
                    line.insert(key.into(), x.clone());
                }
            }
            for key in PROFILE_KEYS {
                if let Some(x) = map.get(key) {
                    line.insert(key.into(), x.clone());
                }
            }
            if !line.contains_key("calls") {
                return Err(EstimateError::Field { path: root.key("calls"), wrong: Wrong::NoCalls });
            }
            let mut estimate = Map::new();
            estimate.insert("lines".into(), json!([Value::Object(line)]));
            for (from, key) in [(vm, "price_list"), (map, "scenario_weights")] {
                if let Some(x) = from.get(key) {
                    estimate.insert(key.into(), x.clone());
                }
            }
            // An example sheet by its key, in place of a list.
            let example = match json::optional(vm, "example") {
                None => None,
                Some(_) if vm.contains_key("price_list") => {
                    return Err(field(json::rule(&here.key("example"), DocRule::ExampleAndList)));
                }
                Some(k) => {
                    let key = json::string(k, &here.key("example")).map_err(field)?;
                    let Some(sheet) = super::examples::example(key) else {
                        return Err(field(json::rule(&here.key("example"), DocRule::NoExample(key.to_string()))));
                    };
                    let list: Value = serde_json::from_str(sheet.json).unwrap_or_default();
                    estimate.insert("price_list".into(), json!({"mode": "replace", "list": list}));
                    Some(key.to_string())
                }
            };
            let mut estimate =
                Estimate::from_value_on(&Value::Object(estimate), base, lists).map_err(|e| relocate(e, i))?;
            // The service must be in the offer's list; a new account's free pack comes with it,
            // as a new line of the estimate gets it, unless the offer says otherwise.
            let free = {
                let catalog = estimate.catalog(base).map_err(|e| relocate(e, i))?;
                let r = resolve(&catalog, &estimate.lines[0], 0).map_err(|e| relocate(e, i))?;
                r.service.free_calls.filter(|_| !vm.contains_key("free_calls"))
            };
            if let Some(free) = free {
                estimate.lines[0].free_calls = free;
            }
            let catalog = estimate.catalog(base).map_err(|e| relocate(e, i))?;
            if rates_needed && catalog.currency != currency && !rates.contains_key(&catalog.currency) {
                let code = catalog.currency.clone();
                return Err(EstimateError::Field {
                    path: root.key("rates").key(code.clone()),
                    wrong: Wrong::Rule(DocRule::RateMissing {
                        vendor: i,
                        name: name.to_string(),
                        code,
                        currency: currency.clone(),
                    }),
                });
            }
            offers.push(Offer { name: name.to_string(), estimate, example, vat });
        }
        Ok(Offers { currency, rates, vat_basis, offers })
    }

    /// One unit of `currency` in the comparison's (1 for its own).
    pub fn rate(&self, currency: &str) -> Option<Decimal> {
        if currency == self.currency { Some(Decimal::ONE) } else { self.rates.get(currency).copied() }
    }

    /// How offer `i`'s amounts, billed in `currency`, become the comparison's: at its rate, on
    /// the comparison's VAT basis for the offer's VAT ([`Conversion`]). `None` without a rate.
    pub fn conversion(&self, i: usize, currency: &str) -> Option<Conversion> {
        let vat = self.offers.get(i).and_then(|o| o.vat);
        Some(Conversion::new(self.rate(currency)?, vat, self.vat_basis))
    }

    /// The case weights the offers share.
    pub fn weights(&self) -> Weights {
        self.offers.first().map(|o| o.estimate.weights()).unwrap_or_default()
    }
}

/// A comparison document's text as JSON (of one profile's offers, or a budget's lines).
pub fn parse(text: &str) -> Result<Value, EstimateError> {
    if text.trim().is_empty() {
        return Err(EstimateError::Syntax {
            message: "the input is empty; expected a comparison like {\"calls\":[…],\"vendors\":[…]}".into(),
        });
    }
    serde_json::from_str(text).map_err(|e| EstimateError::Syntax { message: e.to_string() })
}

/// A three-letter currency code.
fn currency_code(v: &Value, path: &Path) -> Result<String, FieldError> {
    let code = json::string(v, path)?;
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(super::money::iso_currency(code).to_string())
    } else {
        Err(json::rule(path, DocRule::NotCurrency(code.to_string())))
    }
}

/// A problem of offer `i`'s one-line estimate, told at its place in the comparison document.
fn relocate(e: EstimateError, i: usize) -> EstimateError {
    e.map_path(|p| place(&p, i))
}

/// Where a path of offer `i`'s estimate sits in the document: the volumes are the document's,
/// the service, terms and list the offer's.
fn place(path: &Path, i: usize) -> Path {
    let vendor = Path::root().key("vendors").at(i);
    let line = Path::root().key("lines").at(0);
    match path.strip_prefix(&line) {
        Some(rest) => match rest.segments().first() {
            Some(Seg::Key(k)) if PROFILE_KEYS.contains(&k.as_ref()) => rest,
            _ => rest.under(&vendor),
        },
        None if matches!(path.segments().first(), Some(Seg::Key(k)) if k == "price_list") => path.under(&vendor),
        None => path.clone(),
    }
}

/// Offer `i`'s cheapest plan: what the page's worker computes for each offer.
pub fn solve_offer(base: &Catalog, offers: &Offers, i: usize) -> Result<Solution, EstimateError> {
    let estimate = &offers.offers[i].estimate;
    let catalog = estimate.catalog(base).map_err(|e| relocate(e, i))?;
    solve_line(&catalog, &estimate.lines[0], 0, estimate.weights(), &mut |_| ()).map_err(|e| of_offer(&e, offers, i))
}

/// An error of planning offer `i` (a line too large to optimize), told as that offer's.
pub fn of_offer(e: &EstimateError, offers: &Offers, i: usize) -> EstimateError {
    let name = offers.offers.get(i).map_or("", |o| o.name.as_str());
    let path = Path::root().key("vendors").at(i);
    match e {
        // Kept as it is (the page says it in its language), at the offer's place.
        EstimateError::TooLarge { size, .. } => EstimateError::TooLarge { path, size: *size },
        _ => EstimateError::Field {
            path,
            wrong: Wrong::Rule(DocRule::OfOffer { name: name.to_string(), problem: Box::new(e.clone()) }),
        },
    }
}

/// What a comparison shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub currency: String,
    /// Amounts with VAT (`paid`) or before it (`net`), for offers whose VAT is stated.
    pub vat_basis: VatBasis,
    /// The calendar month of the profile's first month, where the document dates them: each
    /// offer's purchases are then said with their dates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_month: Option<Month>,
    /// In the document's order.
    pub vendors: Vec<VendorResult>,
    /// The monthly volumes where one offer becomes cheaper than another, ascending.
    pub crossovers: Vec<Crossover>,
    /// Each offer's month cost against the monthly volume (converted), in the document's order;
    /// empty for an offer left out.
    pub curves: Vec<MonthCurve>,
    /// Offers whose curve would take too long to draw here (packs on a very fine grid of calls
    /// against a long tier table): no points, and no crossovers with them.
    pub curves_left_out: Vec<usize>,
}

/// An offer's month cost (converted) at each monthly volume drawn; `None` where a price must come
/// from sales.
pub type MonthCurve = Vec<(u64, Option<Decimal>)>;

/// One offer at its cheapest plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VendorResult {
    pub name: String,
    /// The example sheet the offer was priced with (its key in `examples`), if any: an example
    /// of the vendor's public prices on a date, not a quote.
    pub example: Option<String>,
    /// The service as the document names it, its id and its name in the comparison's language.
    pub service: String,
    pub service_id: String,
    pub service_name: String,
    /// The buyer's terms the offer was priced with there: a discount, a negotiated price (for the
    /// volume the list leaves to sales), as the document gives them.
    pub discount: Option<Discount>,
    pub negotiated_price: Option<Decimal>,
    /// Whether the negotiated price prices every call, in place of the list's prices.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub negotiated_all_calls: bool,
    /// The offer's own currency, and one unit of it in the comparison's.
    pub currency: String,
    pub rate: Decimal,
    /// The VAT its prices include or leave out, where stated: its converted amounts are on the
    /// comparison's basis, its own (`total`, `range`, `expected`, the quote) at its prices.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vat: Option<Vat>,
    /// The plan's total in the offer's currency (the likely case), and converted.
    pub total: Option<Decimal>,
    pub converted: Option<Decimal>,
    /// For a range: each case's total, and the expected cost, in both currencies.
    pub range: Option<CaseTotals>,
    pub converted_range: Option<CaseTotals>,
    pub expected: Option<Decimal>,
    pub converted_expected: Option<Decimal>,
    /// Converted, per call of the likely case (4 decimals).
    pub price_per_call: Option<Decimal>,
    /// 1 for the cheapest (the expected cost for a range); equal amounts share a rank; `null`
    /// where a price must come from sales.
    pub rank: Option<usize>,
    /// How much less this offer costs than the next dearer one (converted).
    pub saving_vs_next: Option<Decimal>,
    pub plan: Plan,
    pub optimization: Summary,
    /// The plan priced: months, arithmetic, notes (in the offer's currency).
    pub quote: LineQuote,
    /// The assumptions of the offer's price list that hold for all its services (an example
    /// sheet's "an example, not a quote" among them), as a quote lists them.
    pub assumptions: Vec<String>,
}

/// An offer's cheapest plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plan {
    pub packs: Vec<PackPurchase>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub commitments: Vec<CommitmentTerm>,
}

impl Plan {
    /// Whether the plan takes more than one commitment over its months: the optimizer chooses
    /// one a month, and a vendor's contract may not let a buyer change it so freely, which the
    /// price sheet does not say (the page says to check).
    pub fn changes_commitment(&self) -> bool {
        self.commitments.iter().any(|c| c.id != self.commitments[0].id)
    }
}

/// From `calls` a month on, offer `cheaper` costs less than offer `dearer` (indices in the
/// document's order; costs converted, at that volume).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Crossover {
    pub calls: u64,
    pub cheaper: usize,
    pub dearer: usize,
    pub cheaper_cost: Decimal,
    pub dearer_cost: Decimal,
}

/// Compares the offers, each solved here (the CLI, the JavaScript API).
pub fn compare(base: &Catalog, offers: &Offers, lang: Lang) -> Result<Comparison, EstimateError> {
    let solutions = (0..offers.offers.len()).map(|i| solve_offer(base, offers, i)).collect::<Result<Vec<_>, _>>()?;
    assemble(base, offers, &solutions, lang)
}

/// Compares the offers from their solutions (found in the page's worker): prices each plan,
/// converts, ranks, and draws the month curves with their crossovers.
pub fn assemble(
    base: &Catalog,
    offers: &Offers,
    solutions: &[Solution],
    lang: Lang,
) -> Result<Comparison, EstimateError> {
    assemble_with(base, offers, solutions, CurveWork::new(base, offers).finish(), lang)
}

/// [`assemble`] with the month curves already drawn (the page draws them in short tasks).
pub fn assemble_with(
    base: &Catalog,
    offers: &Offers,
    solutions: &[Solution],
    curves: Curves,
    lang: Lang,
) -> Result<Comparison, EstimateError> {
    let weights = offers.weights();
    let mut vendors = Vec::with_capacity(offers.offers.len());
    for (i, (offer, solution)) in offers.offers.iter().zip(solutions).enumerate() {
        let estimate = &offer.estimate;
        let catalog = estimate.catalog(base).map_err(|e| relocate(e, i))?;
        let line = &estimate.lines[0];
        let o = price_solution(&catalog, line, 0, weights, lang, solution).map_err(|e| relocate(e, i))?;
        let no_rate = || EstimateError::Field {
            path: Path::root().key("rates").key(catalog.currency.clone()),
            wrong: Wrong::Rule(DocRule::NoRate(catalog.currency.clone())),
        };
        let rate = offers.rate(&catalog.currency).ok_or_else(no_rate)?;
        let conversion = offers.conversion(i, &catalog.currency).ok_or_else(no_rate)?;
        let convert = |d: Option<Decimal>| d.and_then(|d| conversion.apply(d));
        let range = o.quote.range;
        let converted_range =
            range.map(|r| CaseTotals { low: convert(r.low), likely: convert(r.likely), high: convert(r.high) });
        let expected = range.as_ref().and_then(|r| weights.expected(r));
        let converted_expected = converted_range.as_ref().and_then(|r| weights.expected(r));
        let converted = convert(o.quote.total);
        let calls: u64 = line.calls.iter().fold(0u64, |a, c| a.saturating_add(*c));
        let price_per_call = converted
            .filter(|_| calls > 0)
            .and_then(|c| c.checked_div(Decimal::from(calls)))
            .map(|p| p.round_dp_with_strategy(4, rust_decimal::RoundingStrategy::MidpointAwayFromZero).normalize());
        vendors.push(VendorResult {
            name: offer.name.clone(),
            example: offer.example.clone(),
            service: line.service.clone(),
            service_id: o.quote.service_id.clone(),
            service_name: o.quote.service_name.clone(),
            discount: line.discount,
            negotiated_price: line.negotiated_price,
            negotiated_all_calls: line.negotiated_all_calls,
            currency: catalog.currency.clone(),
            rate,
            vat: offer.vat,
            total: o.quote.total,
            converted,
            range,
            converted_range,
            expected,
            converted_expected,
            price_per_call,
            rank: None,
            saving_vs_next: None,
            plan: Plan { packs: o.line.packs.clone(), commitments: o.line.commitments.clone() },
            optimization: Summary::of(0, &o),
            quote: o.quote,
            assumptions: super::quote::global_assumptions(&catalog, lang),
        });
    }
    rank(&mut vendors);
    let Curves { curves, crossovers, left_out } = curves;
    Ok(Comparison {
        currency: offers.currency.clone(),
        vat_basis: offers.vat_basis,
        first_month: offers.offers.first().and_then(|o| o.estimate.lines[0].first_month),
        vendors,
        crossovers,
        curves,
        curves_left_out: left_out,
    })
}

impl VendorResult {
    /// The negotiated price the offer was priced with, and whether it priced every call.
    pub fn negotiated(&self) -> Option<super::rating::Negotiated> {
        super::rating::Negotiated::of(self.negotiated_price, self.negotiated_all_calls)
    }
}

/// What an offer is ranked by: the expected cost for a range, else the total (converted).
pub fn ranking_cost(v: &VendorResult) -> Option<Decimal> {
    if v.range.is_some() { v.converted_expected } else { v.converted }
}

/// Each amount's rank (1 for the least; equal amounts share one; `None` without an amount) and
/// how much less it is than the next dearer amount.
pub fn ranks(amounts: &[Option<Decimal>]) -> Vec<(Option<usize>, Option<Decimal>)> {
    let mut keys: Vec<Decimal> = amounts.iter().flatten().copied().collect();
    keys.sort();
    keys.dedup();
    amounts
        .iter()
        .map(|a| {
            let Some(k) = a else { return (None, None) };
            let r = keys.iter().position(|x| x == k).unwrap_or(0);
            (Some(r + 1), keys.get(r + 1).map(|next| *next - *k))
        })
        .collect()
}

/// Ranks the offers and sets each one's saving against the next dearer offer.
fn rank(vendors: &mut [VendorResult]) {
    rank_among(vendors, |_| true);
}

/// Ranks the offers `among` picks (by index) and sets each one's saving against the next dearer
/// of them; the others get no rank and no saving (the page's offers of another kind of work).
pub fn rank_among(vendors: &mut [VendorResult], among: impl Fn(usize) -> bool) {
    let amounts: Vec<Option<Decimal>> =
        vendors.iter().enumerate().map(|(i, v)| if among(i) { ranking_cost(v) } else { None }).collect();
    for (v, (rank, saving)) in vendors.iter_mut().zip(ranks(&amounts)) {
        v.rank = rank;
        v.saving_vs_next = saving;
    }
}

/// Each offer's cheapest month against the monthly volume, converted, drawn up to half again the
/// profile's largest month at samples and at every price breakpoint of the offers, and the
/// volumes where two offers change places. A month is billed in its offer's currency to the fen,
/// then converted and rounded to the fen (as the totals are). An offer whose curve would take more
/// than its share of the budget is left out, and said to be.
///
/// The work is done in steps ([`CurveWork::step`]), so that the page can spread it over short
/// tasks; [`assemble`] does it at once.
pub struct CurveWork {
    xs: Vec<u64>,
    pricers: Vec<Option<(OneMonth, Conversion)>>,
    /// `values[k][i]`: offer `k`'s month at `xs[i]`, priced so far.
    values: Vec<Vec<Option<Decimal>>>,
    /// The next (offer, volume) to price.
    next: (usize, usize),
}

impl CurveWork {
    pub fn new(base: &Catalog, offers: &Offers) -> CurveWork {
        let profile = offers
            .offers
            .first()
            .map(|o| {
                let l = &o.estimate.lines[0];
                l.calls.iter().chain(l.calls_high.iter().flatten()).copied().max().unwrap_or(0)
            })
            .unwrap_or(0);
        let max = profile.saturating_add(profile / 2).max(1_000);
        let mut xs: Vec<u64> = (0..=SAMPLES).map(|i| max.saturating_mul(i) / SAMPLES).collect();
        let mut works = Vec::with_capacity(offers.offers.len());
        for o in &offers.offers {
            let line = &o.estimate.lines[0];
            xs.extend(line.calls.iter().copied());
            let work = o.estimate.catalog(base).ok().and_then(|catalog| {
                let r = resolve(&catalog, line, 0).ok()?;
                xs.extend(volumes(r.service, r.product, BuyerTerms::of(line, o.estimate.discount), max));
                Some(work(r.service, r.product, max))
            });
            works.push(work);
        }
        xs.retain(|x| *x <= max);
        xs.sort_unstable();
        xs.dedup();
        // Each offer's share of the budget, for its points and the bisections that find crossings.
        let points = xs.len() as u128 + 64 * offers.offers.len() as u128;
        let share = CURVE_BUDGET / offers.offers.len().max(1) as u128;
        let pricers: Vec<Option<(OneMonth, Conversion)>> = offers
            .offers
            .iter()
            .zip(works)
            .enumerate()
            .map(|(i, (o, work))| {
                work.filter(|w| w.saturating_mul(points) <= share)?;
                let catalog = o.estimate.catalog(base).ok()?;
                let line = &o.estimate.lines[0];
                let r = resolve(&catalog, line, 0).ok()?;
                let conversion = offers.conversion(i, &catalog.currency)?;
                let one =
                    OneMonth::new(r.service, r.product, BuyerTerms::of(line, o.estimate.discount), max, u128::MAX)?;
                Some((one, conversion))
            })
            .collect();
        let values = vec![Vec::with_capacity(xs.len()); pricers.len()];
        CurveWork { xs, pricers, values, next: (0, 0) }
    }

    /// Offer `k`'s month at `x`: billed to the fen, converted (on the VAT basis), rounded to the
    /// fen.
    fn at(&self, k: usize, x: u64) -> Option<Decimal> {
        let (one, conversion) = self.pricers[k].as_ref()?;
        conversion.apply(one.cheapest(x).map(round_yuan)?)
    }

    /// Prices up to `n` more volumes; true once every volume of every offer is priced.
    pub fn step(&mut self, n: usize) -> bool {
        for _ in 0..n {
            let (k, i) = self.next;
            if k >= self.pricers.len() {
                return true;
            }
            let v = if self.pricers[k].is_some() { self.at(k, self.xs[i]) } else { None };
            self.values[k].push(v);
            self.next = if i + 1 < self.xs.len() { (k, i + 1) } else { (k + 1, 0) };
        }
        self.next.0 >= self.pricers.len()
    }

    /// The curves and their crossovers (pricing what [`CurveWork::step`] has not).
    pub fn finish(mut self) -> Curves {
        while !self.step(usize::MAX) {}
        let mut crossovers = Vec::new();
        let n = self.pricers.len();
        for a in 0..n {
            for b in a + 1..n {
                let order = |x: u64| self.at(a, x).zip(self.at(b, x)).map(|(ca, cb)| ca.cmp(&cb));
                let mut last: Option<(u64, std::cmp::Ordering)> = None;
                for (j, &x) in self.xs.iter().enumerate() {
                    let Some(now) = self.values[a][j].zip(self.values[b][j]).map(|(ca, cb)| ca.cmp(&cb)) else {
                        continue;
                    };
                    if now == std::cmp::Ordering::Equal {
                        continue;
                    }
                    if let Some((from, before)) = last
                        && before != now
                    {
                        // The first volume past `from` with the new order.
                        let (mut lo, mut hi) = (from, x);
                        while hi - lo > 1 {
                            let mid = lo + (hi - lo) / 2;
                            if order(mid) == Some(now) { hi = mid } else { lo = mid }
                        }
                        let (cheaper, dearer) = if now == std::cmp::Ordering::Less { (a, b) } else { (b, a) };
                        if let (Some(c), Some(d)) = (self.at(cheaper, hi), self.at(dearer, hi)) {
                            crossovers.push(Crossover { calls: hi, cheaper, dearer, cheaper_cost: c, dearer_cost: d });
                        }
                    }
                    last = Some((x, now));
                }
            }
        }
        crossovers.sort_by_key(|c| (c.calls, c.cheaper, c.dearer));
        // The curves, with each crossover's volume and the one before it among their points.
        let mut points: Vec<(usize, u64)> = self.xs.iter().copied().enumerate().collect();
        let mut extra: Vec<u64> = crossovers.iter().flat_map(|c| [c.calls - 1, c.calls]).collect();
        extra.sort_unstable();
        extra.dedup();
        extra.retain(|x| self.xs.binary_search(x).is_err());
        points.extend(extra.iter().map(|x| (usize::MAX, *x)));
        points.sort_by_key(|p| p.1);
        let curves = (0..n)
            .map(|k| {
                if self.pricers[k].is_none() {
                    return Vec::new();
                }
                points
                    .iter()
                    .map(|&(i, x)| (x, if i == usize::MAX { self.at(k, x) } else { self.values[k][i] }))
                    .collect()
            })
            .collect();
        let left_out = (0..n).filter(|k| self.pricers[*k].is_none()).collect();
        Curves { curves, crossovers, left_out }
    }
}

/// The offers' month curves, their crossovers, and the offers left out.
pub struct Curves {
    pub curves: Vec<MonthCurve>,
    pub crossovers: Vec<Crossover>,
    pub left_out: Vec<usize>,
}

impl Curves {
    /// No curves for `n` offers: a budget's lines are ranked, not drawn.
    pub fn none(n: usize) -> Curves {
        Curves { curves: vec![Vec::new(); n], crossovers: Vec::new(), left_out: Vec::new() }
    }
}

//! The JavaScript API: the engine for any web page, as an ES module built from this crate with
//! the `js-api` feature (`scripts/build-pkg` writes `pkg/`).
//!
//! ```js
//! import init, { quote, optimize, optimizeAsync, catalog, validateCatalog } from "./pkg/packwise.js";
//! await init();
//! const q = quote({ lines: [{ service: "活体人脸核身", calls: [15000], packs: [{ size: 10000, count: 1 }] }] });
//! q.total; // "12250.00"
//! ```
//! Inputs and outputs are plain objects of the same shapes as the `quote` CLI's JSON; money is a
//! decimal string. Errors are thrown as `Error`s whose message names the field and which carry
//! `path` (`lines[0].calls[2]`) and `code` (`invalid_field`, `unknown_service`, …).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::app::jobs::{Answer, OptimizeResult, Outcome, Request};
use crate::engine::catalog::{self, BUILTIN_JSON, ErrorKind, parse_price_list_value};
use crate::engine::json::Wrong;
use crate::engine::optimize::optimize_estimate;
use crate::engine::{Estimate, EstimateError, Lang, quote};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Money as a decimal string, e.g. "12250.00"; never a float. */
export type Money = string;

/** What a visitor plans to use (the `quote` CLI's input). */
export interface Estimate {
  lines: Line[];
  /** A discount on every line without its own. */
  discount?: Discount;
  /** How much the low, likely and high cases count (default 0.25 / 0.5 / 0.25; sum exactly 1). */
  scenario_weights?: { low: Money; likely: Money; high: Money };
  /** A price list of the estimate's own, extending or replacing the built-in one. */
  price_list?: { mode?: "extend" | "replace"; list: PriceList };
  /** The VAT the list's prices include or leave out, where stated: the quote splits its total. */
  vat?: Vat;
}

export interface Line {
  /** Catalog id or the name as the price documents print it, e.g. "活体人脸核身". */
  service: string;
  /** Calls per month, month 1 first: whole numbers from 0 to 10^12, 1 to 120 months. */
  calls: number[];
  /** Packs bought; count defaults to 1 and month (1-based) to 1. */
  packs?: PackPurchase[];
  /** A free pack, drawn first; or calls left in packs bought before month 1. */
  free_calls?: number;
  /** Months `free_calls` last, month 1 included (1 to the packs' validity; default the
   *  validity): for calls held from a pack bought before month 1, the months it has left. */
  free_months?: number;
  /** Commitment tiers of the service taken (format 2 lists): each from `month` for `months` months
   *  (to the last month where absent); a month takes one at most. */
  commitments?: CommitmentTerm[];
  /** Calls beyond the packs are billed postpaid (default) or refused. */
  postpaid?: boolean;
  /** A price per call from sales, e.g. "0.6": prices what the list leaves to sales (联系商务, on request, not listed). */
  negotiated_price?: Money;
  /** The negotiated price prices every call beyond the packs, in place of the list's prices (a contract price); needs `negotiated_price`. */
  negotiated_all_calls?: boolean;
  /** This line's discount; wins over the estimate's. */
  discount?: Discount;
  /** The low and high cases of an uncertain volume, month by month (low ≤ calls ≤ high, same length). */
  calls_low?: number[];
  calls_high?: number[];
  /** Where `calls` is a usage history: each month's calendar month ("2025-11"), consecutive. */
  usage_months?: string[];
  /** Where `calls` is a forecast: the monthly growth in percent, the months forecast and the
   *  first and last month of the history fitted; `own_range` where the line's low and high are
   *  its own (kept or typed), not the forecast's 80 % interval; `same_months` where each month is
   *  the history's same month a year before, grown, not the fitted curve. */
  forecast?: { growth: Money; fitted_growth?: Money; months: string[]; history: [string, string]; own_range?: boolean; same_months?: boolean };
  /** Typed calls' dates: the calendar month of month 1 ("2027-01"); not with `usage_months` or
   *  `forecast`, which have their own. Pricing ignores it. */
  first_month?: string;
  /** Typed calls growing from month 1 by this percentage a month, compounded (e.g. "5"): every
   *  month must be what it gives (rounded half up to a whole call); the page carries it into
   *  months added. Pricing reads `calls` alone. */
  growth?: Money;
}

/** A percentage off (0–100, e.g. "15"), applied before the line's single rounding. */
export interface Discount { percent: Money; applies_to?: "all" | "postpaid" | "packs"; }

/** A total in the low, likely and high cases. */
export interface CaseTotals { low: Money | null; likely: Money | null; high: Money | null; }

export interface PackPurchase { size: number; count?: number; month?: number; }

/** A commitment of the service's list, e.g. { id: "growth", month: 1, months: 6 }. */
export interface CommitmentTerm { id: string; month?: number; months?: number; }

export interface Options { /** Words in explanations, notes and messages: "zh" (default) or "en". */ lang?: "zh" | "en"; }

export interface Quote {
  currency: string;
  /** The sum of the lines, or null if any line needs a price from sales. */
  total: Money | null;
  lines: LineQuote[];
  /** The totals of the low, likely and high cases, where any line gives a range. */
  range: CaseTotals | null;
  /** The cases' totals weighted by the estimate's `scenario_weights`, to the fen, where it has a range and every case a total. */
  expected?: Money;
  assumptions: string[];
  /** The total split by the estimate's `vat`: before it, the VAT, with it (before + vat = with). */
  vat?: { percent: Money; included: boolean; before_vat: Money; vat: Money; with_vat: Money };
}

export interface LineQuote {
  service: string;
  service_id: string;
  service_name: string;
  total: Money | null;
  /** At list prices, before any discount. */
  pack_cost: Money;
  postpaid_cost: Money | null;
  /** Commitments' monthly fees, and what the monthly minimum added (format 2), at list prices. */
  commitment_cost: Money;
  minimum_cost: Money;
  discount: { percent: Money; applies_to: "all" | "postpaid" | "packs"; before: Money | null; amount: Money | null } | null;
  negotiated_price: Money | null;
  /** Present (true) where the negotiated price prices every call beyond the packs, in place of the list's prices. */
  negotiated_all_calls?: boolean;
  /** Whether the negotiated price priced any calls (marked in the explanation). */
  negotiated: boolean;
  range: CaseTotals | null;
  /** Each month's cost in the low and high cases, where the line gives a range. */
  case_months: { low: (Money | null)[]; high: (Money | null)[] } | null;
  calls: number;
  /** Calls drawn from the service's free quota of each month (format 2). */
  free_quota_calls: number;
  free_calls_used: number;
  /** Calls drawn from commitments' included calls (format 2). */
  commitment_calls: number;
  pack_calls: number;
  postpaid_calls: number;
  refused_calls: number;
  expired_calls: number;
  unused_calls: number;
  contact_sales: boolean;
  missing_price: "contact_sales" | "on_request" | "not_listed" | null;
  price_per_call: Money | null;
  /** The arithmetic in the documents' style: "(15,000 − 10,000) × 0.85 + 8,000 = 12,250". */
  explanation: string;
  packs: PackLine[];
  months: MonthQuote[];
  hints: Hint[];
  assumptions: string[];
  notes: string[];
}

export interface PackLine {
  size: number; count: number; month: number; price: Money; list_price: Money | null; cost: Money;
  valid_through_month: number; used_calls: number; expired_calls: number; unused_calls: number;
  untouched_in_first_month: boolean;
}

export interface MonthQuote {
  month: number; calls: number; free_quota_calls: number; free_calls: number;
  /** The commitment taken this month (its id), its included calls used and its fee (format 2). */
  commitment: string | null; commitment_calls: number; commitment_fee: Money;
  pack_calls: number; postpaid_calls: number;
  refused_calls: number; tier: number | null; postpaid_cost: Money | null; packs_bought: Money;
  /** What the service's monthly minimum added to this month's usage charge (format 2). */
  minimum_raise: Money;
  /** Postpaid, commitment fee, minimum raise and packs bought this month, after the line's
   *  discount. */ cost: Money | null;
  expired_calls: number; balance: number; explanation: string; alerts: Alert[];
}

export type Alert =
  | { kind: "low"; free: boolean; size: number; left: number; message: string }
  | { kind: "exhausted"; free: boolean; size: number; message: string }
  | { kind: "expiring"; calls: number; message: string };

export interface Hint {
  kind: "cheaper_at_higher_volume"; month: number; calls: number; cost: Money;
  cheaper_calls: number; cheaper_cost: Money; message: string;
}

export interface Optimization {
  line: number; proven_optimal: boolean; method: "cohort_dp" | "cohort_dp_search" | "scenario_branch_and_bound" | "choice_search";
  lower_bound: Money | null;
  /** Totals with your packs and with none; for a line with a range, in the likely case (the
   *  savings and lower_bound then compare expected costs). */
  your_total: Money | null; postpaid_only_total: Money | null;
  saving_vs_yours: Money | null; saving_vs_postpaid_only: Money | null; explanation: string;
  /** For a line with a range: the plan's expected cost, and each case against its best plan alone. */
  scenarios?: RangePlan;
}

export interface RangePlan {
  weights: { low: Money; likely: Money; high: Money };
  expected: Money | null;
  your_expected: Money | null;
  cases: {
    case: "low" | "likely" | "high"; calls: number; total: Money | null; refused_calls: number;
    /** The plan's pack calls that expire unused in this case, and those left in valid packs after the last month. */
    expired_calls: number; unused_calls: number;
    best_alone: Money | null; best_alone_packs: PackPurchase[]; best_alone_commitments?: CommitmentTerm[];
    regret: Money | null;
  }[];
}

export interface Optimized {
  /** The quote of the cheapest plans: each line's packs and commitments are its plan. */
  quote: Quote;
  /** The estimate with each line's packs and commitments replaced by its cheapest plan. */
  estimate: Estimate;
  optimization: Optimization[];
}

/** A price list, format 1 or 2 (schema/price-list.schema.json; format 2 adds blocks of units,
 *  flat fees, free quotas, minimums and commitments, and must state its currency). */
export interface PriceList { format: 1 | 2; currency?: string; services: unknown[]; [key: string]: unknown; }

export interface Validation {
  valid: boolean;
  /** Every problem, each with the path of the field to fix and its kind. */
  errors: { path: string; code: CatalogProblem; message: string }[];
  services: number;
}

export type CatalogProblem =
  | "syntax" | "shape" | "too_large" | "duplicate" | "unknown_reference" | "tiers_not_increasing"
  | "tiers_incomplete" | "tier_price" | "pack_price" | "pack_sizes" | "invalid_price"
  | "negative_price" | "price_out_of_range" | "invalid";

/** What the functions throw: an Error with the field's path and a stable code. */
export interface PackwiseError extends Error { path: string; code: string; }

/** Prices an estimate. Throws a PackwiseError naming the field for bad input. */
export function quote(estimate: Estimate, options?: Options): Quote;
/** Finds the cheapest purchase plan of every line (exact; see the optimizer's proof flags). */
export function optimize(estimate: Estimate, options?: Options): Optimized;
/** `optimize` in a Web Worker, so a long horizon never blocks the page (on the page where
 * workers are missing). Rejects with a PackwiseError as `optimize` throws one. */
export function optimizeAsync(estimate: Estimate, options?: Options): Promise<Optimized>;
/** The built-in price list (format 1), every number with its source line. */
export function catalog(): PriceList;
/** Checks a price list; never throws for a bad list: the result lists every problem. */
export function validateCatalog(priceList: PriceList): Validation;

/** Offers compared for one volume profile (the `quote --compare` input). */
export interface ComparisonDoc {
  /** The currency the offers are compared in (default "CNY"). */
  currency?: string;
  /** One unit of each other currency in the comparison's, e.g. { USD: "7.10" } (exact decimals). */
  rates?: { [code: string]: Money };
  /** Amounts compared with VAT ("paid", the default) or before it ("net"), for offers that state it. */
  vat_basis?: "paid" | "net";
  calls: number[];
  calls_low?: number[];
  calls_high?: number[];
  /** The calendar month of `calls[0]`, e.g. "2027-01": every offer's purchases are then dated. */
  first_month?: string;
  scenario_weights?: { low: Money; likely: Money; high: Money };
  /** 2 to 6 offers: a service of the built-in list, or of the offer's own `price_list`. */
  vendors: {
    name: string; service: string;
    /** The offer's own list, or `example`: one of `examples()` by its key; neither: the built-in list. */
    price_list?: { mode?: "extend" | "replace"; list: PriceList };
    example?: string;
    discount?: Discount; negotiated_price?: Money; negotiated_all_calls?: boolean;
    /** The VAT the offer's prices include (`included: true`) or leave out, in percent (0–100). */
    vat?: Vat;
  }[];
}

/** Vendors compared across several services: each line a volume profile and its 1 to 6 offers
 *  (written as a ComparisonDoc writes them), the currency, rates, VAT basis and weights shared.
 *  Offers of one vendor are added up across the lines by name. */
export interface BudgetDoc {
  currency?: string;
  rates?: { [code: string]: Money };
  vat_basis?: "paid" | "net";
  scenario_weights?: { low: Money; likely: Money; high: Money };
  /** 1 to 20 lines. */
  lines: (Pick<ComparisonDoc, "calls" | "calls_low" | "calls_high" | "first_month" | "vendors">)[];
}

/** A budget compared: each line's comparison, and each vendor's sums across the lines. */
export interface Budget {
  currency: string;
  vat_basis: "paid" | "net";
  lines: Comparison[];
  vendors: {
    name: string;
    /** For each line, the vendor's offer there (an index into that line's vendors), or null. */
    offers: (number | null)[];
    /** For each line, its converted cost there (the expected cost for a range); null without an offer or a price. */
    costs: (Money | null)[];
    /** Every line at this vendor; null unless each line has a price here. */
    total: Money | null;
    rank: number | null;
    saving_vs_next: Money | null;
    /** How much more than the best mix. */
    above_mix: Money | null;
  }[];
  /** The cheapest offer of each line (indices into each line's vendors), what each line costs there, and their sum. */
  best_mix: { offers: number[]; costs: Money[]; total: Money } | null;
  /** Where some vendor has no total: the lines every vendor prices (indexes into `lines`) and
   *  what they come to at each vendor, in the order of `vendors`. */
  shared?: { lines: number[]; totals: Money[] };
}

/** VAT on an offer's prices, as the buyer states it. */
export interface Vat { percent: Money; included: boolean }

export interface Comparison {
  currency: string;
  /** What the converted amounts are: with VAT ("paid") or before it ("net"). */
  vat_basis: "paid" | "net";
  /** The document's `first_month`, where it dates the months. */
  first_month?: string;
  vendors: VendorResult[];
  /** From `calls` a month on, offer `cheaper` costs less than offer `dearer` (indices into vendors). */
  crossovers: { calls: number; cheaper: number; dearer: number; cheaper_cost: Money; dearer_cost: Money }[];
  /** Each offer's cheapest month (converted) at each monthly volume drawn: [calls, cost]. */
  curves: [number, Money | null][][];
  /** Offers whose curve would take too long to draw (indices into vendors): no points, no crossovers. */
  curves_left_out: number[];
}

export interface VendorResult {
  name: string;
  /** The example sheet the offer was priced with (its key in \`examples()\`): an example of the
   *  vendor's public prices on a date, not a quote. */
  example: string | null;
  service: string; service_id: string; service_name: string;
  /** The offer's own currency, and one unit of it in the comparison's. */
  currency: string; rate: Money;
  /** The VAT stated for the offer: its converted amounts are on the comparison's `vat_basis`. */
  vat?: Vat;
  /** In the offer's currency (at its prices), and converted (on the VAT basis). */
  total: Money | null; converted: Money | null;
  range: CaseTotals | null; converted_range: CaseTotals | null;
  expected: Money | null; converted_expected: Money | null;
  price_per_call: Money | null;
  /** 1 for the cheapest (by expected cost for a range); null where a price must come from sales. */
  rank: number | null;
  saving_vs_next: Money | null;
  plan: { packs: PackPurchase[]; commitments?: CommitmentTerm[] };
  optimization: Optimization;
  quote: LineQuote;
  /** The assumptions of the offer's price list for all its services (an example sheet's: an example, not a quote). */
  assumptions: string[];
}

/** How to read a usage export (CSV: FOCUS, or a date and a count column). */
export interface UsageOptions extends Options {
  /** The service the usage is of: its id or name in the price list. */
  service: string;
  /** Keep the rows whose column equals the value, e.g. ["SkuId=ocr-general"] or { SkuId: "ocr-general" }. */
  filters?: string[] | Record<string, string>;
  /** The date and count columns by header, where they are not found by themselves. */
  dateColumn?: string;
  countColumn?: string;
  /** Leave out rows whose count or date does not read (listed in `skipped`), instead of throwing at the first. */
  skipBadRows?: boolean;
  /** Forecast this many months (1–120) after the history instead of returning the history. */
  forecast?: number;
  /** The forecast's monthly growth in percent (e.g. "5"), instead of the fitted one. */
  growth?: string | number;
  /** Each month forecast from the history's same month a year before, grown (its season kept); 12 months of history needed. */
  sameMonths?: boolean;
}

/** What a usage file holds, summed by calendar month. */
export interface UsageHistory {
  /** Every month from the file's first to its last ("2025-11"), and the calls of each (0 where no row). */
  months: string[]; calls: number[];
  headers: string[]; date_column: string; count_column: string;
  /** Whether the columns are FOCUS's (ChargePeriodStart, ConsumedQuantity). */
  focus: boolean; delimiter: string;
  filters: { column: string; value: string }[];
  rows: number; rows_used: number; rows_filtered: number; rows_without_count: number;
  /** Total and subtotal rows skipped (a date cell of "Total", "合计", …). */
  rows_total: number;
  /** With skipBadRows: how many rows did not read and were left out, and the first 100 of them. */
  rows_skipped: number;
  skipped: { line: number; column: string; text: string }[];
  /** Rows one cell longer than the header whose count may have been split by a thousands comma ("13,500" unquoted, read as 13). */
  split_counts: { line: number; column: string; text: string }[];
  /** In a semicolon-separated file whose commas are decimal marks: the first count so read. */
  comma_decimal: { line: number; text: string; read: string } | null;
  empty_months: string[];
  /** Columns with a few values each (a service, a SKU), to filter by: [value, rows]. */
  choices: { column: string; values: [string, number][] }[];
}

/** A usage export as an estimate of one line (ready for optimize): the history's months as
 *  `calls` with `usage_months`, or with `forecast` the next months with `calls_low` /
 *  `calls_high` and the growth used. Throws a PackwiseError (`path`: "file", whose message
 *  names the line and column, or the option at fault: "service", "forecast", "growth", "lang",
 *  "text", "filters"…; `code`: "bad_date", "no_column", "invalid_option", …). */
export function usage(text: string | Uint8Array, options: UsageOptions): Estimate;
/** What a usage history (a line with `usage_months`, e.g. from `usage()`) would have cost,
 *  month by month: postpaid only, the line's own plan (where it has packs or commitments) and
 *  the cheapest plan chosen knowing the volumes, as `quote --usage … --hindsight` prints it. */
export function hindsight(estimate: Estimate, options?: Options & { line?: number }): {
  months: { month?: string; calls: number; postpaid_only: Money | null; yours: Money | null; cheapest: Money | null }[];
  postpaid_only: Money | null; yours: Money | null; cheapest: Money | null;
  plan: PackPurchase[]; commitments?: CommitmentTerm[]; proven: boolean;
  saving_vs_postpaid_only: Money | null; saving_vs_yours: Money | null;
};
/** The months a usage export holds and the columns used, without making an estimate. */
export function readUsage(text: string | Uint8Array, options?: Omit<UsageOptions, "service" | "forecast" | "growth">): UsageHistory;

/** Compares 2 to 6 offers, each at its cheapest plan. Throws a PackwiseError naming the field
 *  (`rates.USD`, `vendors[1].service`, …). */
export function compare(doc: ComparisonDoc, options?: Options): Comparison;
/** Compares vendors across several services: a comparison per line, added up by vendor name
 *  (errors at `lines[1].vendors[0].service`, …). */
export function compare(doc: BudgetDoc, options?: Options): Budget;
/** The example sheets shipped with the library (other vendors' public sheets, read on a date;
 *  examples, not quotes), each by its key. */
export function examples(): { key: string; list: PriceList }[];
/* The API ends here (scripts/pkg-meta.mjs copies it up to this line into node.d.ts). */
"#;

/// An `Error` carrying `path` and `code`.
fn error(e: EstimateError) -> JsValue {
    error_of(&e.to_string(), &e.path().to_string(), e.code())
}

fn error_of(message: &str, path: &str, code: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    err.set_name("PackwiseError");
    let _ = js_sys::Reflect::set(&err, &"path".into(), &path.into());
    let _ = js_sys::Reflect::set(&err, &"code".into(), &code.into());
    err.into()
}

fn input(value: JsValue, what: &str) -> Result<serde_json::Value, JsValue> {
    // JSON has no NaN or Infinity: read as data they would become null, and the message would
    // name a null the caller never wrote (`Number("abc")` is NaN).
    if let Some((path, n)) = not_finite(&value, crate::engine::path::Path::root(), 0) {
        return Err(error(EstimateError::Field {
            path,
            wrong: Wrong::said(format!("{n} is not a number a document can hold: give a finite number")),
        }));
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        error(EstimateError::Field {
            path: crate::engine::path::Path::root(),
            wrong: Wrong::said(format!("{what} is not plain data: {e}")),
        })
    })
}

/// The first number in `value` that is NaN or infinite, with its path and how JavaScript writes
/// it; arrays and plain objects are searched (to a depth past any document's).
fn not_finite(
    value: &JsValue,
    at: crate::engine::path::Path,
    depth: usize,
) -> Option<(crate::engine::path::Path, String)> {
    if let Some(n) = value.as_f64() {
        let written = if n.is_nan() {
            "NaN"
        } else if n > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        };
        return (!n.is_finite()).then(|| (at, written.to_string()));
    }
    if depth > 16 || !value.is_object() {
        return None;
    }
    if js_sys::Array::is_array(value) {
        let a = js_sys::Array::from(value);
        return (0..a.length()).find_map(|i| not_finite(&a.get(i), at.at(i as usize), depth + 1));
    }
    let object = js_sys::Object::from(value.clone());
    js_sys::Object::entries(&object).iter().find_map(|entry| {
        let pair = js_sys::Array::from(&entry);
        let key = pair.get(0).as_string()?;
        not_finite(&pair.get(1), at.key(key), depth + 1)
    })
}

fn output<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| {
        error(EstimateError::Field {
            path: crate::engine::path::Path::root(),
            wrong: Wrong::said(format!("could not return the result: {e}")),
        })
    })
}

/// An option given (not absent, `undefined` or `null`).
fn option(options: &Option<JsValue>, key: &str) -> Option<JsValue> {
    let o = options.as_ref().filter(|o| o.is_object())?;
    js_sys::Reflect::get(o, &key.into()).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

/// The options' language: Chinese where none is given; anything but a `zh` or `en` tag is
/// refused, as the CLI's `--lang` refuses it (a typo would otherwise give Chinese without a word).
fn lang(options: &Option<JsValue>) -> Result<Lang, JsValue> {
    // Options that are not an object (`quote(e, "en")`) are refused too: every function reads
    // its language here first.
    if let Some(o) = options.as_ref().filter(|o| !o.is_undefined() && !o.is_null() && !o.is_object()) {
        let shown = o.as_string().map_or_else(|| "a value that is not an object".into(), |t| format!("{t:?}"));
        return Err(error_of(
            &format!("options: an object like {{lang: \"en\"}}, not {shown}"),
            "options",
            "invalid_option",
        ));
    }
    let Some(v) = option(options, "lang") else { return Ok(Lang::default()) };
    v.as_string().as_deref().and_then(Lang::from_tag).ok_or_else(|| {
        let shown = v.as_string().map_or_else(|| "a value that is not a string".into(), |t| format!("{t:?}"));
        error_of(&format!("lang: \"zh\" or \"en\", not {shown}"), "lang", "invalid_option")
    })
}

/// Prices an estimate.
#[wasm_bindgen(js_name = quote, skip_typescript)]
pub fn quote_js(estimate: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    let e = Estimate::from_value(&input(estimate, "the estimate")?).map_err(error)?;
    output(&quote(catalog::builtin(), &e, lang(&options)?).map_err(error)?)
}

/// Finds the cheapest purchase plan of every line.
#[wasm_bindgen(js_name = optimize, skip_typescript)]
pub fn optimize_js(estimate: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    optimize_value(&input(estimate, "the estimate")?, lang(&options)?)
}

fn optimize_value(estimate: &serde_json::Value, lang: Lang) -> Result<JsValue, JsValue> {
    let e = Estimate::from_value(estimate).map_err(error)?;
    let (quote, estimate, optimization) = optimize_estimate(catalog::builtin(), &e, lang).map_err(error)?;
    output(&OptimizeResult { quote: &quote, estimate: &estimate, optimization: &optimization })
}

/// `optimize` in the Web Worker of `crate::worker` (a request of `crate::app::jobs`), falling
/// back to the page's thread.
#[wasm_bindgen(js_name = optimizeAsync, skip_typescript)]
pub fn optimize_async(estimate: JsValue, options: Option<JsValue>) -> js_sys::Promise {
    let checked = lang(&options).and_then(|lang| Ok((lang, input(estimate, "the estimate")?)));
    js_sys::Promise::new(&mut |resolve, reject| {
        let (lang, value) = match &checked {
            Ok((lang, v)) => (*lang, v.clone()),
            Err(e) => {
                let _ = reject.call1(&JsValue::NULL, e);
                return;
            }
        };
        let here = {
            let (value, resolve, reject) = (value.clone(), resolve.clone(), reject.clone());
            move || {
                let _ = match optimize_value(&value, lang) {
                    Ok(v) => resolve.call1(&JsValue::NULL, &v),
                    Err(e) => reject.call1(&JsValue::NULL, &e),
                };
            }
        };
        let request = |seq: u64| Request::optimize(seq, value, lang).to_json();
        let (ok, fail) = (resolve.clone(), reject.clone());
        let answered = move |answer: Answer, text: String| {
            let _ = match answer.outcome {
                // The result as the worker wrote it, its fields in their order.
                Outcome::Optimized => {
                    let answer = js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL);
                    let outcome = js_sys::Reflect::get(&answer, &"outcome".into()).unwrap_or(JsValue::NULL);
                    ok.call1(
                        &JsValue::NULL,
                        &js_sys::Reflect::get(&outcome, &"optimized".into()).unwrap_or(JsValue::NULL),
                    )
                }
                Outcome::Failed(f) => fail.call1(&JsValue::NULL, &error_of(&f.message, &f.path, &f.code)),
                Outcome::Solution(_) | Outcome::Usage(_) => {
                    fail.call1(&JsValue::NULL, &error_of("the worker answered another request", "", "worker_failed"))
                }
            };
        };
        if !crate::worker::run(request, answered, here.clone()) {
            here();
        }
    })
}

/// Compares 2 to 6 offers for one volume profile, or a budget's lines of offers (`engine::budget`).
#[wasm_bindgen(js_name = compare, skip_typescript)]
pub fn compare_js(doc: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    let doc = input(doc, "the comparison")?;
    output(&crate::engine::budget::compare_doc(catalog::builtin(), &doc, lang(&options)?).map_err(error)?)
}

/// Reads a usage export's options: the filters, columns, forecast and growth.
fn usage_options(options: &Option<JsValue>) -> Result<crate::engine::usage::Import, JsValue> {
    use crate::engine::usage::{Filter, Import};
    let fail = |path: &str, message: String| error_of(&message, path, "invalid_option");
    let mut import = Import::default();
    let get = |key: &str| option(options, key);
    let text = |key: &str| -> Result<Option<String>, JsValue> {
        match get(key) {
            None => Ok(None),
            Some(v) => v.as_string().map(Some).ok_or_else(|| fail(key, format!("{key} must be a string"))),
        }
    };
    import.service = text("service")?.unwrap_or_default();
    import.options.date_column = text("dateColumn")?;
    import.options.count_column = text("countColumn")?;
    if let Some(v) = get("skipBadRows") {
        import.options.skip_bad_rows =
            v.as_bool().ok_or_else(|| fail("skipBadRows", "skipBadRows must be true or false".into()))?;
    }
    if let Some(f) = get("filters") {
        let bad = |e: crate::engine::usage::UsageError| fail("filters", e.to_string());
        if js_sys::Array::is_array(&f) {
            for item in js_sys::Array::from(&f).iter() {
                let t =
                    item.as_string().ok_or_else(|| fail("filters", "filters are strings like \"SkuId=ocr\"".into()))?;
                import.options.filters.push(Filter::parse(&t).map_err(bad)?);
            }
        } else {
            for entry in js_sys::Object::entries(&js_sys::Object::from(f)).iter() {
                let pair = js_sys::Array::from(&entry);
                let (c, v) = (pair.get(0).as_string().unwrap_or_default(), pair.get(1).as_string());
                let v = v.ok_or_else(|| fail("filters", format!("filters.{c} must be a string")))?;
                import.options.filters.push(Filter::new(&c, &v).map_err(bad)?);
            }
        }
    }
    let typed = |key: &str, v: JsValue| {
        v.as_string().or_else(|| v.as_f64().map(|f| f.to_string())).unwrap_or_else(|| format!("{key}?"))
    };
    let lang = lang(options)?;
    if let Some(n) = get("forecast") {
        let t = typed("forecast", n);
        let months = crate::app::input::parse_months(&t)
            .map_err(|e| fail("forecast", format!("forecast {t:?}: {}", e.message(lang))))?;
        import.forecast = Some(months as usize);
    }
    if let Some(g) = get("growth") {
        if import.forecast.is_none() {
            return Err(fail(
                "growth",
                "growth is the forecast's: give forecast (the months to forecast) with it".into(),
            ));
        }
        let t = typed("growth", g);
        let d = crate::app::input::parse_percent(&t)
            .map_err(|e| fail("growth", format!("growth {t:?}: {}", e.message(lang))))?;
        import.growth = Some(d);
    }
    if let Some(v) = get("sameMonths") {
        import.same_months =
            v.as_bool().ok_or_else(|| fail("sameMonths", "sameMonths must be true or false".into()))?;
        if import.same_months && import.forecast.is_none() {
            return Err(fail("sameMonths", "sameMonths is the forecast's: give forecast with it".into()));
        }
    }
    Ok(import)
}

fn usage_error(e: crate::engine::usage::ImportError, lang: Lang) -> JsValue {
    use crate::engine::usage::ImportError;
    let message = match &e {
        ImportError::Usage(u) => u.message(lang),
        e => e.to_string(),
    };
    error_of(&message, e.field(), e.code())
}

/// A usage file's text: a string, or its bytes (a `Uint8Array`, as Node's `readFileSync` gives a
/// `Buffer`) in UTF-8.
fn usage_text(text: JsValue) -> Result<String, JsValue> {
    if let Some(t) = text.as_string() {
        return Ok(t);
    }
    let fail = |message: &str| error_of(message, "text", "invalid_option");
    if !text.is_instance_of::<js_sys::Uint8Array>() {
        return Err(fail("text: the usage file's text (a string) or its bytes (a Uint8Array)"));
    }
    String::from_utf8(js_sys::Uint8Array::from(text).to_vec()).map_err(|_| {
        fail("text: the bytes are not UTF-8; decode them first, e.g. new TextDecoder(\"gb18030\").decode(bytes)")
    })
}

/// A usage export as an estimate: its history, or a forecast from it.
#[wasm_bindgen(js_name = usage, skip_typescript)]
pub fn usage_js(text: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    let text = usage_text(text)?;
    let import = usage_options(&options)?;
    if import.service.trim().is_empty() {
        let message = "service: required, the id or name of the service the usage is of (e.g. \"活体人脸核身\")";
        return Err(error_of(message, "service", "invalid_option"));
    }
    let lang = lang(&options)?;
    let made = crate::engine::usage::import(catalog::builtin(), &text, &import).map_err(|e| usage_error(e, lang))?;
    output(&made.estimate)
}

/// A usage history priced three ways.
#[wasm_bindgen(js_name = hindsight, skip_typescript)]
pub fn hindsight_js(estimate: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    let e = Estimate::from_value(&input(estimate, "the estimate")?).map_err(error)?;
    let lang = lang(&options)?;
    // The line's index: a whole number from 0 (a line index given as "1", -1 or 1.5 is refused,
    // not read as line 0).
    let index = match option(&options, "line") {
        None => 0,
        Some(v) => v.as_f64().filter(|i| i.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(i)).ok_or_else(|| {
            let shown = v.as_f64().map_or_else(|| "a value that is not a number".into(), |i| i.to_string());
            error_of(&format!("line: the line's index, a whole number from 0, not {shown}"), "line", "invalid_option")
        })? as usize,
    };
    let catalog = e.catalog(catalog::builtin()).map_err(error)?;
    let line = e.priced_line(index).ok_or_else(|| {
        let message = match e.lines.len() {
            0 => "line: the estimate has no lines".to_string(),
            n => format!("line: the estimate has no line {index} (its lines are 0 to {})", n - 1),
        };
        error_of(&message, "line", "invalid_option")
    })?;
    output(&crate::engine::usage::hindsight::hindsight(&catalog, &line, index, lang).map_err(error)?)
}

/// What a usage export holds.
#[wasm_bindgen(js_name = readUsage, skip_typescript)]
pub fn read_usage_js(text: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    let text = usage_text(text)?;
    let import = usage_options(&options)?;
    let lang = lang(&options)?;
    let h = crate::engine::usage::read(&text, &import.options)
        .map_err(|e| usage_error(crate::engine::usage::ImportError::Usage(e), lang))?;
    output(&h)
}

/// The example sheets, each by its key.
#[wasm_bindgen(js_name = examples, skip_typescript)]
pub fn examples_js() -> Result<JsValue, JsValue> {
    let all: Vec<serde_json::Value> = crate::engine::examples::EXAMPLES
        .iter()
        .map(|e| {
            let list: serde_json::Value = serde_json::from_str(e.json).unwrap_or_default();
            serde_json::json!({"key": e.key, "list": list})
        })
        .collect();
    output(&all)
}

/// The built-in price list (format 1), every number with its source line.
#[wasm_bindgen(js_name = catalog, skip_typescript)]
pub fn catalog_js() -> Result<JsValue, JsValue> {
    let v: serde_json::Value = serde_json::from_str(BUILTIN_JSON).unwrap_or_default();
    output(&v)
}

/// Checks a price list; never throws for a bad list: the result lists every problem.
#[wasm_bindgen(js_name = validateCatalog, skip_typescript)]
pub fn validate_catalog_js(price_list: JsValue) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct ListError {
        path: String,
        code: ErrorKind,
        message: String,
    }
    #[derive(Serialize)]
    struct Validation {
        valid: bool,
        errors: Vec<ListError>,
        services: usize,
    }
    let value = input(price_list, "the price list")?;
    let result = if let Err(t) = crate::engine::limits::check_price_list_size(crate::engine::json::encoded_len(&value))
    {
        Validation {
            valid: false,
            errors: vec![ListError { path: String::new(), code: ErrorKind::TooLarge, message: t.to_string() }],
            services: 0,
        }
    } else {
        match parse_price_list_value(&value) {
            Ok(c) => Validation { valid: true, errors: Vec::new(), services: c.services.len() },
            Err(e) => Validation {
                valid: false,
                errors: e
                    .0
                    .into_iter()
                    .map(|p| ListError { path: p.path.to_string(), code: p.kind, message: p.message() })
                    .collect(),
                services: 0,
            },
        }
    };
    output(&result)
}

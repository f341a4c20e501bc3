// Type-checks the JavaScript API as a page would use it (tsc --noEmit, run by scripts/test).
// Not executed: scripts/api-parity.mjs runs the same calls in Node and compares with the CLI.
import init, { quote, optimize, optimizeAsync, catalog, validateCatalog, compare, examples, usage, readUsage } from "../../pkg/packwise.js";
import type { Estimate, Quote, LineQuote, Optimized, PackwiseError, PriceList, Validation, Money, Comparison, ComparisonDoc, Budget, BudgetDoc, UsageHistory } from "../../pkg/packwise.js";

export async function example(): Promise<Money | null> {
  await init();
  const estimate: Estimate = {
    lines: [{ service: "活体人脸核身", calls: [15000], packs: [{ size: 10000, count: 1 }] }],
  };
  const q: Quote = quote(estimate);
  const line: LineQuote = q.lines[0];
  const explained: string = line.explanation;
  const en: Quote = quote(estimate, { lang: "en" });
  const best: Optimized = optimize({ lines: [{ service: "活体人脸核身", calls: Array(12).fill(25000) }] });
  const proven: boolean = best.optimization[0].proven_optimal;
  // The same in a Web Worker: five years of volumes never block the page.
  const later: Optimized = await optimizeAsync({ lines: [{ service: "活体人脸核身", calls: Array(60).fill(600000) }] }, { lang: "en" });
  const how: "cohort_dp" | "cohort_dp_search" | "scenario_branch_and_bound" | "choice_search" = later.optimization[0].method;
  const decided: Quote = quote({
    discount: { percent: "10", applies_to: "all" },
    scenario_weights: { low: "0.25", likely: "0.5", high: "0.25" },
    lines: [{ service: "活体人脸核身", calls: [250000], calls_low: [200000], calls_high: [300000], negotiated_price: "0.6" }],
  });
  const high: Money | null | undefined = decided.range?.high;
  const expected: Money | null | undefined = best.optimization[0].scenarios?.expected;
  const list: PriceList = catalog();
  const check: Validation = validateCatalog(list);
  const firstProblem: string | undefined = check.errors[0]?.path;
  const kind: "tiers_not_increasing" | string | undefined = check.errors[0]?.code;
  // A vendor's sheet in format 2: prices per 1,000 calls, a free quota, a commitment taken.
  const sheet: PriceList = {
    format: 2,
    currency: "USD",
    services: [{ id: "s", name: "S", postpaid: { unit: 1000, tiers: [{ price: "1.20" }] }, free_quota: { calls: 1000 },
      commitments: [{ id: "m1", name: "1M", monthly_fee: "800", calls: 1000000 }] }],
  };
  const committed: Quote = quote({
    price_list: { mode: "replace", list: sheet },
    lines: [{ service: "s", calls: [1200000], commitments: [{ id: "m1", month: 1, months: 1 }] }],
  });
  const fee: Money = committed.lines[0].months[0].commitment_fee;
  const taken: string | null = committed.lines[0].months[0].commitment;
  const raise: Money = committed.lines[0].minimum_cost;
  void [fee, taken, raise];
  // Vendors compared: the documents' service against an example sheet in USD.
  const sheets = examples();
  const doc: ComparisonDoc = {
    currency: "CNY",
    rates: { USD: "7.10" },
    vat_basis: "net",
    calls: [15000],
    first_month: "2027-01",
    vendors: [
      { name: "Tencent", service: "活体人脸核身", vat: { percent: "6", included: true } },
      { name: "Alibaba intl", service: "face_verify", price_list: { mode: "replace", list: sheets[4].list } },
    ],
  };
  const compared: Comparison = compare(doc, { lang: "en" });
  const first: number | null = compared.vendors[0].rank;
  const converted: Money | null = compared.vendors[1].converted;
  const from: number | undefined = compared.crossovers[0]?.calls;
  const basis: "paid" | "net" = compared.vat_basis;
  const dates: string | undefined = compared.first_month;
  const vat: boolean | undefined = compared.vendors[0].vat?.included;
  void [first, converted, from, basis, dates, vat];
  // A budget: liveness and ID card OCR, each vendor added up across them.
  const budgetDoc: BudgetDoc = {
    rates: { USD: "7.10" },
    lines: [
      { calls: [15000], vendors: [{ name: "Tencent", service: "活体人脸核身" }, { name: "Alibaba", service: "financial_verification", example: "alibaba-cloud-cn" }] },
      { calls: [4000], vendors: [{ name: "Tencent", service: "mainland_id_card", example: "tencentcloud-intl-ocr" }, { name: "Alibaba", service: "id_ocr", example: "alibaba-cloud-intl-ekyc" }] },
    ],
  };
  const budget: Budget = compare(budgetDoc, { lang: "en" });
  const both: Money | null = budget.vendors[0].total;
  const mixed: Money | undefined = budget.best_mix?.total;
  const lineRank: number | null = budget.lines[1].vendors[0].rank;
  void [both, mixed, lineRank];
  const csv = "日期,调用量\n2025-11-03,12000\n";
  const history: Estimate = usage(csv, { service: "活体人脸核身", filters: { SkuId: "x" } });
  const months: string[] | undefined = history.lines[0].usage_months;
  const dated: Estimate = {
    lines: [{ service: "活体人脸核身", calls: [15000, 15000], first_month: "2027-01" }],
    vat: { percent: "6", included: false },
  };
  const withVat: Money | undefined = quote(dated).vat?.with_vat;
  void withVat;
  const forecastOf: Estimate = usage(csv, { service: "活体人脸核身", forecast: 12, growth: "5", lang: "en" });
  const growth: Money | undefined = forecastOf.lines[0].forecast?.growth;
  const read: UsageHistory = readUsage(csv, { filters: ["SkuId=x"] });
  const found: [string, number][] | undefined = read.choices[0]?.values;
  void [months, growth, found, read.count_column];
  // Fields the results carry, declared: a comparison's offers left out of the curves, a usage
  // file's total rows and comma decimals, a typed growth's fitted one.
  const leftOut: number[] = compared.curves_left_out;
  const totals: number = read.rows_total;
  const comma: { line: number; text: string; read: string } | null = read.comma_decimal;
  const fitted: Money | undefined = forecastOf.lines[0].forecast?.fitted_growth;
  void [leftOut, totals, comma, fitted];
  try {
    quote({ lines: [{ service: "活体人脸核身", calls: [-5] }] });
  } catch (e) {
    const err = e as PackwiseError;
    const where: string = err.path;
    const what: string = err.code;
    void [where, what];
  }
  void [explained, en, proven, how, firstProblem, kind, high, expected];
  return q.total;
}

// The JavaScript library and the native CLI give the same answers: runs every estimate (and
// comparison of offers) of
// tests/vectors/api-parity.json through pkg/ (in Node) and through target/release/quote, and
// compares the JSON (or, for bad input, the error message), and the total where a case states it;
// then the usage files of tests/usage/ through `usage()` and `quote --usage`.
// Usage: node scripts/api-parity.mjs
import fs from "node:fs";
import { execFileSync } from "node:child_process";
import { initSync, quote, optimize, compare, usage } from "../pkg/packwise.js";

initSync({ module: fs.readFileSync(new URL("../pkg/packwise_bg.wasm", import.meta.url)) });
const cases = JSON.parse(fs.readFileSync(new URL("../tests/vectors/api-parity.json", import.meta.url), "utf8"));
const cli = new URL("../target/release/quote", import.meta.url).pathname;
// JSON with object keys sorted, so key order (struct order vs the CLI's sorted maps) does not matter.
const canonical = (v) =>
  Array.isArray(v) ? `[${v.map(canonical).join(",")}]`
  : v && typeof v === "object" ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(",")}}`
  : JSON.stringify(v);
let failed = 0;
for (const [i, c] of cases.entries()) {
  const args = ["--compact", "--lang", c.lang ?? "zh", ...(c.optimize ? ["--optimize"] : []), ...(c.comparison ? ["--compare"] : [])];
  let native, fromJs;
  try {
    const stdin = JSON.stringify(c.comparison ?? c.estimate);
    native = { ok: JSON.parse(execFileSync(cli, args, { input: stdin, stdio: ["pipe", "pipe", "pipe"] }).toString()) };
  } catch (e) {
    native = { error: e.stderr.toString().trim().replace(/^quote: /, "") };
  }
  try {
    fromJs = { ok: c.comparison ? compare(c.comparison, { lang: c.lang })
      : c.optimize ? optimize(c.estimate, { lang: c.lang }) : quote(c.estimate, { lang: c.lang }) };
    if (c.optimize) fromJs.ok = { ...fromJs.ok.quote, optimization: fromJs.ok.optimization, estimate: fromJs.ok.estimate };
  } catch (e) {
    fromJs = { error: e.message, path: e.path, code: e.code };
    if (!e.path && e.path !== "") { console.error(`case ${i}: thrown error has no path`); failed++; }
  }
  const same = c.error ? native.error === fromJs.error : canonical(native.ok) === canonical(fromJs.ok);
  // Where the case states its total (worked by hand), both must give exactly it.
  if (c.total && (native.ok?.total !== c.total || fromJs.ok?.total !== c.total)) {
    failed++;
    console.error(`case ${i}: expected total ${c.total}; CLI ${native.ok?.total}, JS ${fromJs.ok?.total}`);
  }
  // A comparison's converted totals, worked by hand, in the vendors' order.
  const converted = (r) => r?.vendors?.map((v) => v.converted).join(" ");
  if (c.converted && (converted(native.ok) !== c.converted.join(" ") || converted(fromJs.ok) !== c.converted.join(" "))) {
    failed++;
    console.error(`case ${i}: expected ${c.converted}; CLI ${converted(native.ok)}, JS ${converted(fromJs.ok)}`);
  }
  // A budget's vendors' totals across its lines, worked by hand, in the vendors' order.
  const totals = (r) => r?.vendors?.map((v) => v.total).join(" ");
  if (c.totals && (totals(native.ok) !== c.totals.join(" ") || totals(fromJs.ok) !== c.totals.join(" "))) {
    failed++;
    console.error(`case ${i}: expected ${c.totals}; CLI ${totals(native.ok)}, JS ${totals(fromJs.ok)}`);
  }
  if (!same || Boolean(c.error) !== Boolean(native.error)) {
    failed++;
    console.error(`case ${i}: the CLI and the JS API differ\n  CLI: ${JSON.stringify(native).slice(0, 300)}\n  JS:  ${JSON.stringify(fromJs).slice(0, 300)}`);
  }
}
// Usage files: the estimate `quote --usage` prints and the one `usage()` returns, or their message.
const usages = [
  { file: "focus-two-skus.csv", service: "活体人脸核身", filters: ["SkuId=ocr-general"], calls: [10000, 8600, 9050, 12345] },
  { file: "chinese-bom.csv", service: "liveness_verification", forecast: 3, growth: "5" },
  { file: "chinese-bom.csv", service: "liveness_verification", forecast: 3 },
  { file: "broken-row.csv", service: "活体人脸核身", error: true },
];
for (const u of usages) {
  const path = new URL(`../tests/usage/${u.file}`, import.meta.url).pathname;
  const args = ["--usage", path, "--service", u.service, "--compact", "--lang", "en",
    ...(u.filters ?? []).flatMap((f) => ["--filter", f]), ...(u.forecast ? ["--forecast", String(u.forecast)] : []),
    ...(u.growth ? ["--growth", u.growth] : [])];
  let native, fromJs;
  try {
    native = { ok: JSON.parse(execFileSync(cli, args, { stdio: ["pipe", "pipe", "pipe"] }).toString()) };
  } catch (e) {
    native = { error: e.stderr.toString().trim().replace(`quote: --usage ${path}: `, "") };
  }
  try {
    fromJs = { ok: usage(fs.readFileSync(path, "utf8"), { service: u.service, filters: u.filters, forecast: u.forecast, growth: u.growth, lang: "en" }) };
  } catch (e) {
    fromJs = { error: e.message };
  }
  const same = u.error ? native.error === fromJs.error && native.error : canonical(native.ok) === canonical(fromJs.ok);
  const calls = u.calls && JSON.stringify(fromJs.ok?.lines?.[0]?.calls) !== JSON.stringify(u.calls);
  if (!same || calls) {
    failed++;
    console.error(`usage ${u.file}: the CLI and the JS API differ\n  CLI: ${JSON.stringify(native).slice(0, 300)}\n  JS:  ${JSON.stringify(fromJs).slice(0, 300)}`);
  }
}
console.log(failed ? `api parity: ${failed} of ${cases.length + usages.length} cases differ` : `api parity: all ${cases.length} cases and ${usages.length} usage files agree`);
process.exit(failed ? 1 : 0);

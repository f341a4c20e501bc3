// Runs Lighthouse at its mobile defaults on a built site and prints medians (see scripts/lighthouse,
// which installs Lighthouse and then runs this). Usage: node scripts/lighthouse.mjs [dist] [--runs N] [--check] [--save DIR]
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { serve } from "./lib/browser.mjs";

const args = process.argv.slice(2);
const dir = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--runs" && args[i - 1] !== "--save") ?? "dist";
const runs = Number(args[args.indexOf("--runs") + 1] ?? 3) || 3;
const check = args.includes("--check");
// --save DIR keeps each run's full report (lhr-N.json) for a closer look at its audits.
const save = args.includes("--save") ? args[args.indexOf("--save") + 1] : null;

const require = createRequire(new URL("../.tools/lighthouse/", import.meta.url));
const load = async (name) => import(pathToFileURL(require.resolve(name)).href);
const lighthouse = (await load("lighthouse")).default;
const chromeLauncher = await load("chrome-launcher");

const server = await serve(dir);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME || "/usr/bin/chromium",
  chromeFlags: [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-quic",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
try {
  for (let i = 0; i < runs; i++) {
    const { lhr } = await lighthouse(server.url, { port: chrome.port, output: "json", logLevel: "error" });
    if (save) {
      const fs = await import("node:fs");
      fs.mkdirSync(save, { recursive: true });
      fs.writeFileSync(`${save}/lhr-${i + 1}.json`, JSON.stringify(lhr));
    }
    const a = lhr.audits;
    const r = {
      performance: lhr.categories.performance.score * 100,
      accessibility: lhr.categories.accessibility.score * 100,
      "best-practices": lhr.categories["best-practices"].score * 100,
      seo: lhr.categories.seo.score * 100,
      fcp: a["first-contentful-paint"].numericValue,
      lcp: a["largest-contentful-paint"].numericValue,
      tbt: a["total-blocking-time"].numericValue,
      cls: a["cumulative-layout-shift"].numericValue,
      tti: a.interactive?.numericValue ?? NaN,
      bytes: a["total-byte-weight"].numericValue,
    };
    results.push(r);
    // Audits that count towards a score and did not pass.
    const failing = Object.values(lhr.categories)
      .flatMap((c) => c.auditRefs.filter((ref) => ref.weight > 0).map((ref) => lhr.audits[ref.id]))
      .filter((x) => x.score !== null && x.score < 1 && x.scoreDisplayMode !== "informative")
      .map((x) => x.id);
    console.log(`run ${i + 1}: performance ${r.performance}, accessibility ${r.accessibility}, best practices ${r["best-practices"]}, SEO ${r.seo}` +
      (failing.length ? `; failing audits: ${failing.join(", ")}` : ""));
  }
} finally {
  await chrome.kill();
  await server.close();
}
const m = (k) => median(results.map((r) => r[k]));
console.log(`lighthouse (mobile defaults, median of ${runs}):`);
console.log(`  performance ${m("performance")}, accessibility ${m("accessibility")}, best practices ${m("best-practices")}, SEO ${m("seo")}`);
console.log(`  FCP ${(m("fcp") / 1000).toFixed(2)} s, LCP ${(m("lcp") / 1000).toFixed(2)} s, TBT ${m("tbt").toFixed(0)} ms, CLS ${m("cls").toFixed(3)}, TTI ${(m("tti") / 1000).toFixed(2)} s, transfer ${(m("bytes") / 1024).toFixed(1)} KB`);
if (check) {
  const low = ["accessibility", "best-practices", "seo"].filter((k) => m(k) < 100);
  if (low.length) {
    console.error(`lighthouse: below 100: ${low.join(", ")}`);
    process.exit(1);
  }
}

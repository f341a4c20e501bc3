// Screenshots of the calculator in headless Chromium, Chinese and English, phone (360 px) and
// desktop (1280 px) widths, written to docs/: the first visit (screenshot-*), and a buying
// decision (decision-*): a negotiated price, a discount, a range of volumes with its plan, and
// two saved scenarios compared; and the cheapest-plan panel for five years of uneven volumes
// (plan-*, found in the Web Worker and proven; plan-no-worker-* where workers are missing). Usage: node scripts/screenshots.mjs [dist] [outdir]
// (build first: trunk build --release). Prints any console error the page logged.
import { serve, launch, openPage, appReady } from "./lib/browser.mjs";

const dir = process.argv[2] ?? "dist";
const out = process.argv[3] ?? "docs";
const server = await serve(dir);
// The buying decision: 10 % off everything; six months of about 15,000 liveness checks (maybe
// 40 % fewer, maybe 150 % more); eKYC at a negotiated 1.2 per check.
const decision = {
  discount: { percent: "10" },
  lines: [
    { service: "活体人脸核身", calls: Array(6).fill(15000), calls_low: Array(6).fill(9000), calls_high: Array(6).fill(37500) },
    { service: "ekyc", calls: Array(6).fill(1000), negotiated_price: "1.2" },
  ],
};
const b64 = (s) => Buffer.from(s).toString("base64url");
const scenarios = JSON.stringify([
  { name: "A · postpaid", estimate: decision },
  { name: "B · 10万 pack", estimate: { ...decision, lines: [{ ...decision.lines[0], packs: [{ size: 100000 }] }, decision.lines[1]] } },
]);
const browser = await launch();
let problems = 0;
try {
  for (const lang of ["zh", "en"]) {
    for (const [name, width, height] of [["phone", 360, 780], ["desktop", 1280, 900]]) {
      const { page, context, errors } = await openPage(browser, server.url, { width, height });
      await page.evaluate((l) => localStorage.setItem("packwise.lang", l), lang === "zh" ? "zh-CN" : "en");
      await page.reload();
      await appReady(page);
      await page.waitForFunction(() => document.querySelector(".optimizer")?.getAttribute("aria-busy") === "false");
      const file = `${out}/screenshot-${lang}-${name}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(`wrote ${file}`);
      for (const e of errors) { console.error(`  ${lang} ${name}: ${e}`); problems++; }
      await context.close();
    }
    for (const [name, width, height] of [["phone", 360, 780], ["desktop", 1280, 900]]) {
      const { page, context, errors } = await openPage(browser, server.url, { width, height });
      await page.evaluate(([l, s]) => {
        localStorage.setItem("packwise.lang", l);
        localStorage.setItem("packwise.scenarios.v1", s);
      }, [lang === "zh" ? "zh-CN" : "en", scenarios]);
      // A fresh load of the link (on the open page it would be a hash change, read or not
      // before a reload depending on timing): the page as a visitor opening it sees it.
      await page.goto("about:blank");
      await page.goto(`${server.url}#e=${b64(JSON.stringify(decision))}`);
      await appReady(page);
      await page.waitForSelector("#grand-range");
      await page.check("#scenario-0");
      await page.check("#scenario-1");
      await page.waitForSelector("table.comparison");
      await page.waitForTimeout(900);
      const file = `${out}/decision-${lang}-${name}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(`wrote ${file}`);
      for (const e of errors) { console.error(`  ${lang} ${name}: ${e}`); problems++; }
      await context.close();
    }
    // Five years of uneven volumes up to 1,000,000 a month: the plan panel.
    const five = { lines: [{ service: "活体人脸核身", calls: Array.from({ length: 60 }, (_, m) => 500000 + ((m * 7919 + 3571) % 500000)) }] };
    for (const [name, width, height, workers] of [["phone", 360, 780, true], ["desktop", 1280, 900, true], ["phone", 360, 780, false]]) {
      const { page, context, errors } = await openPage(browser, server.url, { width, height });
      if (!workers) await page.addInitScript(() => { window.Worker = undefined; });
      await page.evaluate(([l, e]) => {
        localStorage.setItem("packwise.lang", l);
        localStorage.setItem("packwise.estimate.v1", e);
      }, [lang === "zh" ? "zh-CN" : "en", JSON.stringify(five)]);
      await page.reload();
      await appReady(page, 60000);
      await page.waitForFunction(() => document.querySelector(".optimizer")?.getAttribute("aria-busy") === "false", null, { timeout: 60000 });
      const file = `${out}/plan-${workers ? "" : "no-worker-"}${lang}-${name}.png`;
      await page.locator(".optimizer").screenshot({ path: file });
      console.log(`wrote ${file}`);
      for (const e of errors) { console.error(`  ${lang} ${name}: ${e}`); problems++; }
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
process.exit(problems ? 1 : 0);

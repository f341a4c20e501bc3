// Screenshots of the calculator in headless Chromium, Chinese and English, phone (360 px) and
// desktop (1280 px) widths, written to docs/: the first visit (screenshot-*), and a buying
// decision (decision-*): a negotiated price, a discount, a range of volumes with its plan, and
// two saved scenarios compared; and the cheapest-plan panel for five years of uneven volumes
// (plan-*, found in the Web Worker and proven; plan-no-worker-* where workers are missing); and
// another vendor's sheet typed in as a custom service (vendor-*: prices per 1,000 calls, a free
// quota, a minimum and a commitment taken in two of three months, with the cheapest plan); and
// vendors compared (compare-*: four OCR sheets of the examples for a year of growing volumes,
// ranked in CNY, with the volumes where the ranking changes); and a year of usage imported
// (usage-preview-*: the months found, columns, filter and forecast; hindsight-*: the year
// priced postpaid only, with the line's pack and at the cheapest plan); and the whole estimate at
// each vendor (budget-*: liveness checks and ID card OCR for a year, each line at the
// comparison's vendors of its kind of work, added up, with the best mix and the months at each
// vendor). Usage:
// node scripts/screenshots.mjs [dist] [outdir]
// (build first: scripts/release-build). Prints any console error the page logged.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
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
// Another vendor's OCR sheet (format 2), extending the built-in list: 1.20 per 1,000 calls
// (1.00 past 1,000,000), the first 1,000 calls of every month free, a minimum of 100 a month,
// and a commitment of 800 a month for 1,000,000 calls with an overage of 1.00 per 1,000.
const vendor = {
  price_list: { mode: "extend", list: { format: 2, currency: "CNY", services: [{
    id: "vendor_ocr", name: { zh: "B 厂商 OCR", en: "Vendor B OCR" }, group: "custom",
    postpaid: { mode: "graduated", unit: 1000, tiers: [{ up_to: 1000000, up_to_included: true, price: "1.20" }, { price: "1.00" }] },
    free_quota: { calls: 1000 }, minimum: { monthly: "100" },
    commitments: [{ id: "c1m", name: "1M", monthly_fee: "800", calls: 1000000, overage: { unit: 1000, tiers: [{ price: "1.00" }] } }],
  }] } },
  lines: [{ service: "vendor_ocr", calls: [1200000, 1200000, 50000], commitments: [{ id: "c1m", month: 1, months: 2 }] }],
};
// Four vendors' OCR for a year of growing volumes (a range), compared in CNY at 7.10 a dollar.
const ocr = {
  currency: "CNY", rates: { USD: "7.10" },
  calls: [8000, 9000, 10000, 12000, 15000, 18000, 20000, 22000, 25000, 28000, 30000, 32000],
  calls_low: [6000, 7000, 8000, 9000, 11000, 13000, 15000, 16000, 18000, 20000, 22000, 24000],
  calls_high: [10000, 12000, 14000, 16000, 20000, 24000, 27000, 30000, 34000, 38000, 41000, 44000],
  vendors: [
    { name: "Tencent Cloud intl", service: "general_print", example: "tencentcloud-intl-ocr" },
    { name: "Google Cloud Vision", service: "text_detection", example: "google-cloud-vision" },
    { name: "Baidu AI Cloud", service: "iocr_general", example: "baidu-ai-cloud-ocr" },
    { name: "Alibaba Cloud intl", service: "id_ocr", example: "alibaba-cloud-intl-ekyc" },
  ],
};
// A year of liveness checks and ID card OCR, compared at Tencent Cloud (the documents; its ID
// card OCR lists no price) and two example sheets, in CNY at 7.10 a dollar.
const budgetEstimate = { lines: [
  { service: "活体人脸核身", calls: [15000, 15000, 16000, 17000, 18000, 20000, 21000, 22000, 24000, 25000, 27000, 30000], first_month: "2027-01" },
  { service: "ocr_id_card", calls: [4000, 4200, 4400, 4600, 4800, 5000, 5200, 5400, 5600, 5800, 6000, 6200], first_month: "2027-01" },
] };
const budgetOffers = {
  currency: "CNY", rates: { USD: "7.10" },
  calls: budgetEstimate.lines[0].calls, first_month: "2027-01",
  vendors: [
    { name: "腾讯云", service: "活体人脸核身" },
    { name: "Alibaba Cloud intl", service: "face_verify", example: "alibaba-cloud-intl-ekyc" },
    { name: "Alibaba Cloud", service: "financial_verification", example: "alibaba-cloud-cn" },
    { name: "Tencent Cloud intl", service: "general_print", example: "tencentcloud-intl-ocr" },
  ],
};
const browser = await launch();
let problems = 0;
/**
 * A page of the build at `width`×`height`, in `lang`, with `stored` in its storage (key → text)
 * and `init` run before its scripts, opened at `fragment` (a fresh load, as a visitor opening a
 * link sees it), once the app has mounted.
 */
const visit = async (lang, width, height, { fragment = "", stored = {}, init, timeout = 30000 } = {}) => {
  const opened = await openPage(browser, server.url, { width, height });
  if (init) await opened.page.addInitScript(init);
  await opened.page.evaluate((items) => { for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v); },
    { "packwise.lang": lang === "zh" ? "zh-CN" : "en", ...stored });
  await opened.page.goto("about:blank");
  await opened.page.goto(server.url + fragment);
  await appReady(opened.page, timeout);
  return opened;
};
/** Writes a screenshot of `target` (a locator, or the page: the whole of it) to `file`. */
const shoot = async (target, file) => {
  // Everything drawn: a part the page skips while it is off screen (`content-visibility: auto`)
  // would show as a blank in a picture taller than the window.
  // (Set through the CSSOM: the release build's Content-Security-Policy refuses a style element.)
  const page = target.goto ? target : target.page();
  await page.evaluate(() => {
    for (const e of document.querySelectorAll("*")) {
      if (getComputedStyle(e).contentVisibility === "auto") e.style.contentVisibility = "visible";
    }
  });
  await (target.goto ? target.screenshot({ path: file, fullPage: true }) : target.screenshot({ path: file }));
  console.log(`wrote ${file}`);
};
/** Counts and prints a page's errors, and closes it. */
const finish = async ({ context, errors }, what) => {
  for (const e of errors) { console.error(`  ${what}: ${e}`); problems++; }
  await context.close();
};
/** The sticky total bar of a phone hidden, so it covers nothing in an element's screenshot. */
const noTotalBar = (page) => page.evaluate(() => document.querySelectorAll(".total-bar").forEach((e) => { e.style.display = "none"; }));
try {
  for (const lang of ["zh", "en"]) {
    for (const [name, width, height] of [["phone", 360, 780], ["desktop", 1280, 900]]) {
      const opened = await visit(lang, width, height);
      const { page } = opened;
      await page.waitForFunction(() => document.querySelector(".optimizer")?.getAttribute("aria-busy") === "false");
      await shoot(page, `${out}/screenshot-${lang}-${name}.png`);
      await finish(opened, `${lang} ${name}`);
    }
    for (const [name, width, height] of [["phone", 360, 780], ["desktop", 1280, 900]]) {
      // A fresh load of the link (on the open page it would be a hash change, read or not
      // before a reload depending on timing): the page as a visitor opening it sees it.
      const opened = await visit(lang, width, height,
        { fragment: `#e=${b64(JSON.stringify(decision))}`, stored: { "packwise.scenarios.v1": scenarios } });
      const { page } = opened;
      await page.waitForSelector("#grand-range");
      await page.check("#scenario-0");
      await page.check("#scenario-1");
      await page.waitForSelector("table.comparison");
      await page.waitForTimeout(900);
      await shoot(page, `${out}/decision-${lang}-${name}.png`);
      await finish(opened, `${lang} ${name}`);
    }
    // Five years of uneven volumes up to 1,000,000 a month: the plan panel.
    const five = { lines: [{ service: "活体人脸核身", calls: Array.from({ length: 60 }, (_, m) => 500000 + ((m * 7919 + 3571) % 500000)) }] };
    for (const [name, width, height, workers] of [["phone", 360, 780, true], ["desktop", 1280, 900, true], ["phone", 360, 780, false]]) {
      const opened = await visit(lang, width, height, {
        stored: { "packwise.estimate.v1": JSON.stringify(five) },
        init: workers ? undefined : () => { window.Worker = undefined; },
        timeout: 60000,
      });
      const { page } = opened;
      await page.waitForFunction(() => document.querySelector(".optimizer")?.getAttribute("aria-busy") === "false", null, { timeout: 60000 });
      await shoot(page.locator(".optimizer"), `${out}/plan-${workers ? "" : "no-worker-"}${lang}-${name}.png`);
      await finish(opened, `${lang} ${name}`);
    }
    for (const [name, width, height] of [["phone", 360, 780], ["desktop", 1280, 900]]) {
      const opened = await visit(lang, width, height, { fragment: `#e=${b64(JSON.stringify(vendor))}` });
      const { page } = opened;
      await page.waitForSelector(".commitments-box");
      await page.waitForFunction(() => document.querySelector(".optimizer")?.getAttribute("aria-busy") === "false");
      // The break-even chart open, with the commitment's curve; the phone's sticky total bar
      // hidden so it does not cover the line in an element screenshot.
      await page.locator("details.breakeven > summary").first().click();
      await page.waitForSelector("details.breakeven svg");
      await noTotalBar(page);
      await page.waitForTimeout(500);
      await shoot(page.locator("article.line").first(), `${out}/vendor-${lang}-${name}.png`);
      await finish(opened, `${lang} ${name}`);
    }
    for (const [name, width, height] of [["phone", 360, 780], ["desktop", 1280, 900]]) {
      const opened = await visit(lang, width, height, { fragment: `#o=${b64(JSON.stringify(ocr))}` });
      const { page } = opened;
      await page.waitForSelector("table.vendors-table");
      await noTotalBar(page);
      await page.waitForTimeout(500);
      await shoot(page.locator("section.vendors"), `${out}/compare-${lang}-${name}.png`);
      await finish(opened, `${lang} ${name}`);
    }
    for (const [name, width, height] of [["phone", 360, 780], ["desktop", 1280, 900]]) {
      const opened = await visit(lang, width, height,
        { fragment: `#e=${b64(JSON.stringify(budgetEstimate))}&o=${b64(JSON.stringify(budgetOffers))}` });
      const { page } = opened;
      await page.waitForSelector("table.vendors-table");
      await page.locator("details.vendors-budget > summary").click();
      await page.waitForSelector("table.vendors-budget-table", { timeout: 60000 });
      // Its months at each vendor too (the cash flow), folded under the table.
      await page.locator("details.vendors-budget-months > summary").click();
      await noTotalBar(page);
      await page.waitForTimeout(500);
      await shoot(page.locator("details.vendors-budget"), `${out}/budget-${lang}-${name}.png`);
      await finish(opened, `${lang} ${name}`);
    }
    // A year of usage imported: daily rows of two products (zh: a console export with Chinese
    // headers; en: FOCUS with two SKUs), about 6 % growth a month with noise.
    {
      const dirTmp = fs.mkdtempSync(path.join(os.tmpdir(), "packwise-shots-"));
      const file = path.join(dirTmp, lang === "zh" ? "调用明细-2025.csv" : "focus-2025.csv");
      const rows = [lang === "zh" ? "日期,产品名称,调用量（次）" : "ChargePeriodStart,ConsumedQuantity,ConsumedUnit,ServiceName,SkuId,ChargeCategory"];
      for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= 28; d++) {
          const base = Math.round(330 * Math.pow(1.06, m - 1) * (1 + 0.25 * Math.sin(m * 1.7 + d / 9)));
          const date = `2025-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
          if (lang === "zh") {
            rows.push(`${date},活体人脸核身,"${base.toLocaleString("en-US")}"`, `${date},OCR,${Math.round(base / 3)}`);
          } else {
            rows.push(`${date}T00:00:00Z,${base},Requests,FaceID,liveness,Usage`, `${date}T00:00:00Z,${Math.round(base / 3)},Requests,FaceID,ocr,Usage`);
          }
        }
      }
      fs.writeFileSync(file, "\ufeff" + rows.join("\n") + "\n");
      for (const [name, width, height] of [["phone", 360, 780], ["desktop", 1280, 900]]) {
        const opened = await visit(lang, width, height);
        const { page } = opened;
        await noTotalBar(page);
        await page.click("details.usage-import > summary");
        await page.setInputFiles("#l1-usage-file", file);
        await page.waitForSelector("table.usage-months");
        await page.getByLabel(lang === "zh" ? "产品名称" : "SkuId").selectOption(lang === "zh" ? "活体人脸核身" : "liveness");
        await page.waitForFunction(() => document.querySelector(".usage-result")?.getAttribute("aria-busy") === "false");
        await page.waitForTimeout(300);
        await shoot(page.locator("details.usage-import"), `${out}/usage-preview-${lang}-${name}.png`);
        await page.click(".usage-apply button");
        await page.waitForSelector("table.hindsight-table");
        await page.waitForFunction(() => document.querySelector(".optimizer")?.getAttribute("aria-busy") === "false");
        await page.waitForTimeout(300);
        await shoot(page.locator("section.optimizer"), `${out}/hindsight-${lang}-${name}.png`);
        await finish(opened, `${lang} ${name}`);
      }
      fs.rmSync(dirTmp, { recursive: true });
    }
    // The same sheet typed into the custom-service form (desktop).
    {
      const opened = await visit(lang, 1280, 900);
      const { page } = opened;
      await page.locator("details.custom-editor > summary").click();
      await page.fill("#custom-name", lang === "zh" ? "B 厂商 OCR" : "Vendor B OCR");
      await page.check("input[name=custom-mode] >> nth=1");
      await page.fill("#custom-unit", "1000");
      const tier = page.locator("details.custom-editor .tier-row");
      await tier.nth(0).locator("input[type=text]").nth(0).fill("1000000");
      await tier.nth(0).locator("input[type=text]").nth(1).fill("1.20");
      await page.locator("details.custom-editor fieldset.rows").first().locator("button.ghost").last().click();
      await tier.nth(1).locator("input[type=text]").nth(1).fill("1.00");
      await page.locator("#custom-terms > summary").click();
      await page.fill("#custom-quota", "1000");
      await page.fill("#custom-minimum", "100");
      await page.click("#custom-add-commitment");
      const c = page.locator("#custom-terms .commitment-row:not(.row-head)").first().locator("input");
      for (const [i, v] of ["1M", "800", "100万", "1.00"].entries()) await c.nth(i).fill(v);
      await page.waitForTimeout(300);
      await shoot(page.locator("section.custom"), `${out}/vendor-form-${lang}-desktop.png`);
      await finish(opened, `${lang} form`);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
process.exit(problems ? 1 : 0);

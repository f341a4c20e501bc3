// Smoke test of the release build in a real browser: loads dist/ in headless Chromium and checks
// the calculator renders the worked example's 12,250 with no console error or panic; then walks
// through what a visitor does — a share link, editing, a 24-month plan from the optimizer's
// worker, a custom price list, two scenarios compared, printing, a phone, a usage export imported (and rows pasted),
// priced in hindsight and forecast, the library's example
// page — and fails on any console error, failed request or Content-Security-Policy violation on
// any of those pages (scripts/lib/browser.mjs listens for `securitypolicyviolation`).
// Usage: node scripts/smoke.mjs [dist]   (scripts/test runs it after `scripts/release-build`)
import { serve, launch, openPage, appReady } from "./lib/browser.mjs";

const dir = process.argv[2] ?? "dist";
const server = await serve(dir);
const browser = await launch();
let failed = false;
/**
 * Walks a visitor through `opened` (a page of openPage): `go(steps)` pushes each step it has
 * done. A step that throws, or any console error, failed request or policy violation on the page,
 * fails the smoke test, saying how far it got; otherwise the steps are printed after `what`.
 * The page is closed after.
 */
const walk = async (opened, what, go) => {
  const steps = [];
  try {
    await go(steps);
  } catch (e) {
    opened.errors.push(`${what} stopped after ${steps.join(", ") || "nothing"}: ${e.message}`);
  }
  if (opened.errors.length) {
    failed = true;
    console.error("smoke: " + opened.errors.join("\n  "));
  } else {
    console.log(`smoke: ${what} ${steps.join(", ")}`);
  }
  await opened.context.close();
};
let first;
try {
  first = await openPage(browser, server.url);
  const { page, errors } = first;
  await appReady(page);
  await page.waitForFunction(() => document.getElementById("grand-total")?.textContent === "12,250.00 元", null, { timeout: 15000 });
  if (errors.length) {
    failed = true;
    console.error("smoke: the release build logged errors:\n  " + errors.join("\n  "));
  } else {
    console.log("smoke: release build loads and shows 12,250 in Chromium");
  }
  // Printing: the break-even chart, built on first open, builds itself for print (beforeprint),
  // so it is in the printed page, not only in a second print.
  // (A <details> toggle event comes after `afterprint`: what is there at `afterprint` printed.)
  const before = await page.evaluate(() => {
    addEventListener("afterprint", () => { window.__printedChart = !!document.querySelector("details.breakeven svg"); });
    return !!document.querySelector("details.breakeven svg");
  });
  const pdf = await page.pdf();
  const after = await page.evaluate(() => window.__printedChart === true);
  if (before || !after || pdf.length < 1000) {
    failed = true;
    console.error(`smoke: printing did not build the break-even chart (before ${before}, after ${after})`);
  } else {
    console.log("smoke: printing builds the break-even chart");
  }
  // On a 360 px phone, in both languages, the pack table (with its − and + buttons) fits without
  // scrolling sideways. (Wide data tables, like the break-even one, may scroll.)
  let fits = true;
  for (const lang of ["zh-CN", "en"]) {
    const phone = await openPage(browser, server.url, { width: 360, height: 780 });
    await phone.page.evaluate((l) => localStorage.setItem("packwise.lang", l), lang);
    await phone.page.reload();
    await appReady(phone.page);
    await phone.page.waitForSelector("table.packs");
    const over = await phone.page.evaluate(() =>
      [...document.querySelectorAll(".table-wrap:has(table.packs)")].map((w) => w.scrollWidth - w.clientWidth),
    );
    if (over.some((px) => px > 0)) {
      fits = false;
      console.error(`smoke: at 360 px (${lang}) the pack table is wider than the screen by ${over.join(", ")} px`);
    }
    if (phone.errors.length) {
      fits = false;
      console.error(`smoke: at 360 px (${lang}): ${phone.errors.join("; ")}`);
    }
    await phone.context.close();
  }
  if (fits) console.log("smoke: the pack table fits a 360 px phone in zh and en");
  failed ||= !fits;
  // A visitor's journey on one page: the policy must not block any of it.
  const journey = await openPage(browser, server.url + "#e=" + Buffer.from(JSON.stringify({
    lines: [{ service: "活体人脸核身", calls: [20000], packs: [{ size: 10000, count: 1 }] }],
  })).toString("base64url"));
  const total = (text) => journey.page.waitForFunction((t) => document.getElementById("grand-total")?.textContent === t, text, { timeout: 20000 });
  await walk(journey, "no error or policy violation through", async (steps) => {
    await appReady(journey.page);
    await total("15,500.00 元");
    steps.push("a share link (15,500.00 元)");
    await journey.page.fill("#l1-calls", "15000");
    await total("12,250.00 元");
    steps.push("editing (12,250.00 元)");
    // 24 months: the plan comes from the worker.
    await journey.page.fill("#l1-months", "24");
    await journey.page.waitForFunction(() => {
      const o = document.querySelector(".optimizer");
      return o?.getAttribute("aria-busy") === "false" && o.dataset.where === "worker" && o.dataset.ms;
    }, null, { timeout: 30000 });
    steps.push("a 24-month plan from the worker");
    // A custom price list, pasted: its service is offered and prices 3,000 × 0.05.
    await journey.page.click("details.list-loader > summary");
    await journey.page.fill("#list-text", JSON.stringify({
      format: 1, services: [{ id: "sms", name: "短信 SMS", postpaid: { tiers: [{ price: "0.05" }] } }],
    }));
    await journey.page.click("#list-load");
    await journey.page.waitForFunction(() => [...document.querySelectorAll("select option")].some((o) => o.textContent.includes("SMS")), null, { timeout: 15000 });
    steps.push("a custom price list");
    // Two scenarios compared.
    for (const name of ["A", "B"]) {
      await journey.page.fill("#scenario-name", name);
      await journey.page.click("form.save-scenario button[type=submit]");
      await journey.page.waitForFunction((n) => [...document.querySelectorAll(".scenarios li span")].some((s) => s.textContent === n), name);
    }
    await journey.page.waitForSelector("table.comparison", { timeout: 15000 });
    steps.push("two scenarios compared");
    // Vendors compared, from a link pasted into the open page: Google Cloud Vision's text
    // detection for 3,200 units, (3,200 − 1,000) × 0.0015 = 3.30 USD → 23.43 元 at 7.10, each
    // offer planned in the worker.
    const offers = { currency: "CNY", rates: { USD: "7.10" }, calls: [3200], vendors: [
      { name: "Tencent Cloud", service: "活体人脸核身" },
      { name: "Google", service: "text_detection", example: "google-cloud-vision" }] };
    await journey.page.evaluate((h) => { location.hash = h; }, "o=" + Buffer.from(JSON.stringify(offers)).toString("base64url"));
    await journey.page.waitForFunction(() => {
      const t = document.querySelector("table.vendors-table")?.textContent ?? "";
      return t.includes("3.30 USD") && t.includes("23.43 元") && location.hash === "";
    }, null, { timeout: 20000 });
    steps.push("vendors compared from a pasted link");
    // A rate typed, then (the focus still in it) the foreign offer moved to the built-in list:
    // the rate box goes while it has the focus, and the browser still tells it it was changed
    // (this trapped the page once). Both offers in 元 then, with no rate.
    await journey.page.fill("#vendors-rate-USD", "7.2");
    await journey.page.locator("section.vendors .offer-row").nth(1).locator("select").first().selectOption({ index: 0 });
    await journey.page.waitForFunction(() => !document.querySelector("#vendors-rate-USD")
      && !(document.querySelector("table.vendors-table")?.textContent ?? "USD").includes("USD"), null, { timeout: 20000 });
    steps.push("a rate box taken away while it had the focus");
    await journey.page.pdf();
    steps.push("printing");
  });
  // Usage imported: a FOCUS export of two SKUs read in the worker, one SKU picked, applied as
  // the line's history (the default line's 1万 pack, bought for its old month 1, is removed and
  // the page says so: postpaid only, 10,000 × 0.75 + 8,600 × 0.85 + 9,050 × 0.85 + 12,345 ×
  // 0.75 = 31,761.25 元), priced in hindsight (cheapest, a 10,000-call pack in month 2,
  // 31,261.25 元), then forecast.
  const imported = await openPage(browser, server.url);
  await walk(imported, "usage import:", async (done) => {
    const p = imported.page;
    await appReady(p);
    await p.click("details.usage-import > summary");
    await p.setInputFiles("#l1-usage-file", new URL("../tests/usage/focus-two-skus.csv", import.meta.url).pathname);
    const months = (t) => p.waitForFunction((x) => (document.querySelector("table.usage-months")?.textContent ?? "").includes(x), t, { timeout: 15000 });
    await months("10,310");
    done.push("a FOCUS file read (10,310 calls in 2025-11)");
    await p.getByLabel("SkuId").selectOption("ocr-general");
    await months("8,600");
    done.push("one SKU");
    await p.click(".usage-apply button");
    await p.waitForFunction(() => document.getElementById("grand-total")?.textContent === "31,761.25 元"
      && (document.querySelector(".usage-import .saving")?.textContent ?? "").includes("已移除"), null, { timeout: 15000 });
    await p.waitForFunction(() => {
      const t = document.querySelector("table.hindsight-table")?.textContent ?? "";
      return t.includes("31,761.25") && t.includes("31,261.25") && t.includes("2026-02");
    }, null, { timeout: 30000 });
    done.push("applied as history, priced in hindsight");
    await p.fill("#l1-usage-horizon", "3");
    await p.fill("#l1-usage-growth", "5");
    await p.click(".usage-forecast-form button.primary");
    await p.waitForFunction(() => (document.querySelector(".usage-note")?.textContent ?? "").includes("2026-03"), null, { timeout: 15000 });
    done.push("a forecast of 3 months at 5 %");
    // A growth out of range: the field is marked and names the message; "applied" goes (it is
    // no longer what the line holds); a switch of language keeps what was typed.
    await p.waitForFunction(() => document.querySelector(".usage-import .saving") !== null, null, { timeout: 15000 });
    await p.fill("#l1-usage-growth", "-150");
    await p.waitForFunction(() => {
      const g = document.getElementById("l1-usage-growth");
      const said = document.getElementById(g?.getAttribute("aria-describedby") ?? "-")?.textContent ?? "";
      return g?.getAttribute("aria-invalid") === "true" && said.includes("−100")
        && document.querySelector(".usage-import .saving") === null;
    }, null, { timeout: 15000 });
    await p.click(".lang button[lang=en]");
    await p.waitForFunction(() => document.documentElement.lang === "en"
      && document.getElementById("l1-usage-growth")?.value === "-150"
      && document.getElementById("l1-usage-horizon")?.value === "3", null, { timeout: 15000 });
    await p.click(".lang button[lang=zh-CN]");
    await p.fill("#l1-usage-growth", "5");
    done.push("a wrong growth marked and named, kept across a switch of language");
    // A file whose count column is ambiguous: the message, then the column named in its select.
    await p.setInputFiles("#l1-usage-file", { name: "calls.csv", mimeType: "text/csv",
      buffer: Buffer.from("date,ok calls,failed calls\n2025-11-02,700,3\n2025-12-09,800,5\n") });
    await p.waitForFunction(() => (document.querySelector(".usage-import .error-box")?.textContent ?? "").includes("ok calls"), null, { timeout: 15000 });
    await p.selectOption("#l1-usage-count", "ok calls");
    await months("800");
    done.push("an ambiguous column named");
    // Rows pasted from a spreadsheet (tab separated), as on a phone with no file to choose.
    await p.click("details.usage-paste > summary");
    await p.fill("#l1-usage-paste", "month\tcalls\n2026-05\t6200\n2026-06\t6900\n2026-07\t7400\n");
    await p.click("details.usage-paste button");
    await months("6,900");
    done.push("rows pasted");
  });
  // The build carries Brotli and gzip copies of its files, and they are what a browser gets:
  // the copy decompresses to the file itself.
  {
    const zlib = await import("node:zlib");
    const fs = await import("node:fs");
    const files = fs.readdirSync(dir).filter((f) => /\.(html|js|wasm|css)$/.test(f));
    const missing = files.filter((f) => !fs.existsSync(`${dir}/${f}.br`) || !fs.existsSync(`${dir}/${f}.gz`));
    const wasm = files.find((f) => f.endsWith(".wasm"));
    const r = await fetch(server.url + wasm, { headers: { "accept-encoding": "br" } });
    const same = r.headers.get("content-encoding") === "br" && r.headers.get("vary") === "Accept-Encoding"
      // (fetch undoes the encoding: the body is the copy decompressed)
      && Buffer.from(await r.arrayBuffer()).equals(fs.readFileSync(`${dir}/${wasm}`))
      && zlib.brotliDecompressSync(fs.readFileSync(`${dir}/${wasm}.br`)).equals(fs.readFileSync(`${dir}/${wasm}`));
    if (missing.length || !same) {
      failed = true;
      console.error(`smoke: precompressed copies: missing for ${missing.join(", ") || "none"}; the WebAssembly served as Brotli: ${same}`);
    } else {
      console.log(`smoke: every file has its Brotli and gzip copy, and the WebAssembly is served from its Brotli copy`);
    }
  }
  // The test server serves nothing outside its root, however the path is encoded.
  const escape = await fetch(server.url + "..%2F" + "dist-old/index.html");
  if (escape.status !== 403) {
    failed = true;
    console.error(`smoke: the test server answered ${escape.status} for a path outside its root`);
  }
  // The library example page: plain JS importing pkg/.
  const embed = await openPage(browser, server.url + "embed.html");
  await embed.page.waitForFunction(() => document.getElementById("total")?.textContent.includes("12250.00"), null, { timeout: 15000 });
  const math = await embed.page.evaluate(() => document.getElementById("math").textContent);
  if (math !== "(15,000 − 10,000) × 0.85 + 8,000 = 12,250" || embed.errors.length) {
    failed = true;
    console.error(`smoke: embed.html: ${math} ${embed.errors.join("; ")}`);
  } else {
    console.log("smoke: embed.html prices 12,250 with the library");
  }
} catch (e) {
  failed = true;
  console.error(`smoke: ${e.message}${first?.errors.length ? "\n  " + first.errors.join("\n  ") : ""}`);
} finally {
  await browser.close();
  await server.close();
}
process.exit(failed ? 1 : 0);

// Smoke test of the release build in a real browser: loads dist/ in headless Chromium and checks
// the calculator renders the worked example's 12,250 with no console error or panic.
// Usage: node scripts/smoke.mjs [dist]   (scripts/test runs it after `trunk build --release`)
import { serve, launch, openPage, appReady } from "./lib/browser.mjs";

const dir = process.argv[2] ?? "dist";
const server = await serve(dir);
const browser = await launch();
let failed = false;
try {
  const { page, errors } = await openPage(browser, server.url);
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
    await phone.context.close();
  }
  if (fits) console.log("smoke: the pack table fits a 360 px phone in zh and en");
  failed ||= !fits;
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
  console.error(`smoke: ${e.message}`);
} finally {
  await browser.close();
  await server.close();
}
process.exit(failed ? 1 : 0);

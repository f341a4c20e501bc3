// Smoke test of the release build in a real browser: loads dist/ in headless Chromium and checks
// the calculator renders the worked example's 12,250 with no console error or panic.
// Usage: node scripts/smoke.mjs [dist]   (scripts/test runs it after `trunk build --release`)
import { serve, launch, openPage } from "./lib/browser.mjs";

const dir = process.argv[2] ?? "dist";
const server = await serve(dir);
const browser = await launch();
let failed = false;
try {
  const { page, errors } = await openPage(browser, server.url);
  await page.waitForFunction(() => document.getElementById("grand-total")?.textContent === "12,250.00 元", null, { timeout: 15000 });
  if (errors.length) {
    failed = true;
    console.error("smoke: the release build logged errors:\n  " + errors.join("\n  "));
  } else {
    console.log("smoke: release build loads and shows 12,250 in Chromium");
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

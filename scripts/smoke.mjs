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
  await page.waitForFunction(() => document.body.innerText.includes("12250"), null, { timeout: 15000 });
  if (errors.length) {
    failed = true;
    console.error("smoke: the release build logged errors:\n  " + errors.join("\n  "));
  } else {
    console.log("smoke: release build loads and shows 12,250 in Chromium");
  }
} catch (e) {
  failed = true;
  console.error(`smoke: ${e.message}`);
} finally {
  await browser.close();
  await server.close();
}
process.exit(failed ? 1 : 0);

// Screenshots of the calculator in headless Chromium, Chinese and English, phone (360 px) and
// desktop (1280 px) widths, written to docs/. Usage: node scripts/screenshots.mjs [dist] [outdir]
// (build first: trunk build --release). Prints any console error the page logged.
import { serve, launch, openPage } from "./lib/browser.mjs";

const dir = process.argv[2] ?? "dist";
const out = process.argv[3] ?? "docs";
const server = await serve(dir);
const browser = await launch();
let problems = 0;
try {
  for (const lang of ["zh", "en"]) {
    for (const [name, width, height] of [["phone", 360, 780], ["desktop", 1280, 900]]) {
      const { page, context, errors } = await openPage(browser, server.url, { width, height });
      await page.evaluate((l) => localStorage.setItem("packwise.lang", l), lang === "zh" ? "zh-CN" : "en");
      await page.reload();
      await page.waitForSelector("#grand-total");
      await page.waitForTimeout(700); // the cheapest plan appears a quarter-second after load
      const file = `${out}/screenshot-${lang}-${name}.png`;
      await page.screenshot({ path: file, fullPage: true });
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

// Browser tests of the built site as a static host serves it, in headless Chromium:
//   1. under a base path (/tools/packwise/): a share link opens its own quote, embed.html prices
//      with the library, nothing 404s, and nothing outside the base is reachable;
//   2. offline after the first visit: with the browser context offline, a reload still quotes
//      and restores the estimate saved on the first visit;
//   3. a new build replaces the old offline cache, with no mix of the two;
//   4. on a phone (360 px), zh and en, with every fold open, nothing widens the page (a note's
//      web address once made it scroll sideways);
// and no page of any of these reports a Content-Security-Policy violation.
// Usage: scripts/build-site --base /tools/packwise/ --dist dist-sub && node scripts/site-test.mjs dist-sub
// (scripts/test does both).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { serve, launch, openPage, appReady, guardPolicy } from "./lib/browser.mjs";

const dir = process.argv[2] ?? "dist-sub";
const base = "/tools/packwise/";
const server = await serve(dir, { base });
const browser = await launch();
let failed = 0;
const check = (ok, what) => {
  console.log(`site-test: ${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failed++;
};
const link = (estimate) => `#e=${Buffer.from(JSON.stringify(estimate)).toString("base64url")}`;
const totalIs = (page, text) =>
  page
    .waitForFunction((t) => document.getElementById("grand-total")?.textContent === t, text, { timeout: 15000 })
    .then(() => true, () => false);
const origin = new URL(server.url).origin;

try {
  // 1. Under a base path, through a share link: (20,000 − 10,000) × 0.75 + 8,000 = 15,500.
  {
    const shared = { lines: [{ service: "活体人脸核身", calls: [20000], packs: [{ size: 10000, count: 1 }] }] };
    const { page, context, errors } = await openPage(browser, server.url + link(shared));
    check(await totalIs(page, "15,500.00 元"), `${base}#e=… shows its own quote, 15,500.00 元`);
    check(new URL(page.url()).pathname === base && !page.url().includes("#e="), "the link is read and cleared, the page stays under the base");
    const embed = await openPage(browser, server.url + "embed.html");
    const priced = await embed.page
      .waitForFunction(() => document.getElementById("total")?.textContent.includes("12250.00"), null, { timeout: 15000 })
      .then(() => true, () => false);
    check(priced, `${base}embed.html prices 12,250 with the library`);
    // Calls that are not a count: the library's message in place of the total, and no arithmetic
    // left from the quote before.
    await embed.page.fill("#calls", "1.5");
    const refused = await embed.page.evaluate(() => [document.getElementById("total").className, document.getElementById("math").textContent]);
    check(refused[0] === "error" && refused[1] === "", `embed.html says why 1.5 calls cannot be priced and keeps no old arithmetic (${refused})`);
    check(errors.length === 0 && embed.errors.length === 0, `no console error or failed request (${[...errors, ...embed.errors].join("; ")})`);
    const outside = await fetch(`${origin}/index.html`);
    check(outside.status === 404, `nothing is served outside the base (${outside.status})`);
    const robots = await fetch(server.url + "robots.txt");
    check(robots.ok && (await robots.text()).includes("User-agent"), "robots.txt is served");
    await embed.context.close();
    await context.close();
  }

  // 4. A phone's width: the page never scrolls sideways, every fold open (a table scrolls in its
  //    own frame).
  for (const locale of ["zh-CN", "en-US"]) {
    const { page, context } = await openPage(browser, server.url, { width: 360, height: 800, locale });
    await appReady(page);
    if (locale === "en-US") await page.evaluate(() => document.querySelector('button[lang="en"]')?.click());
    await page.evaluate(() => document.querySelectorAll("details").forEach((d) => d.setAttribute("open", "")));
    await page.waitForTimeout(1500);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    check(wide <= 360, `at 360 px (${locale}), every fold open, the page is ${wide} px wide`);
    await context.close();
  }

  // 1b. The snapshot of the default page (scripts/prerender.mjs), with the app's script blocked
  //     so only the HTML speaks: a first visit sees the default quote at once; a share link, a
  //     changed saved estimate or English never see the default's figures.
  {
    const html = await (await fetch(server.url)).text();
    check(html.includes('id="app-snapshot"') && html.includes("12,250.00 元") && !/rel="(module)?preload"/.test(html),
      "the page's HTML holds the default quote (12,250.00 元) and preloads nothing");
    const shown = async (suffix, storage) => {
      const context = await browser.newContext();
      await context.route(/packwise-web-[0-9a-f]+\.js$/, (r) => r.abort());
      const page = await context.newPage();
      if (storage) {
        await page.goto(server.url + "robots.txt");
        await page.evaluate((s) => { for (const [k, v] of Object.entries(s)) localStorage.setItem(k, v); }, storage);
      }
      await page.goto(server.url + suffix);
      const visible = await page.evaluate(() => {
        const s = document.getElementById("app-snapshot");
        return !!s && getComputedStyle(s).visibility === "visible" && s.querySelector("#grand-total")?.textContent === "12,250.00 元";
      });
      await context.close();
      return visible;
    };
    check(await shown("", null), "before the app loads, a first visit sees the default quote");
    const shared = { lines: [{ service: "活体人脸核身", calls: [20000], packs: [{ size: 10000, count: 1 }] }] };
    check(!(await shown(link(shared), null)), "a share link never shows the default's quote while the app loads");
    check(!(await shown("#x=1&" + link(shared).slice(1), null)), "nor one after another part of the fragment (#x=1&e=…)");
    check(!(await shown("", { "packwise.scenarios.v1": "[]" })), "saved scenarios never show the snapshot's empty comparison");
    const saved = JSON.stringify({ lines: [{ service: "活体人脸核身", calls: [3000] }] });
    check(!(await shown("", { "packwise.estimate.v1": saved })), "a changed saved estimate never shows the default's quote");
    check(!(await shown("", { "packwise.lang": "en" })), "English never shows the Chinese snapshot");
    // What an earlier visit that never edited left (the default, as the app saves it) and the
    // saved Chinese: the snapshot is still the page.
    const defaultSaved = JSON.stringify({ lines: [{ service: "活体人脸核身", calls: [15000], packs: [{ size: 10000, count: 1, month: 1 }], postpaid: true }] });
    check(await shown("", { "packwise.estimate.v1": defaultSaved, "packwise.lang": "zh-CN" }), "the default saved, in Chinese, still sees the snapshot");
    // A browser without WebAssembly: a notice says the calculator could not load, above the
    // default quote, rather than an inert page that looks alive.
    for (const [suffix, what] of [["", "the default quote stays, read-only"], [link(shared), "the page says so and shows no figures"]]) {
      const context = await browser.newContext();
      await context.addInitScript(() => { delete globalThis.WebAssembly; });
      const page = await context.newPage();
      page.on("pageerror", () => {});
      await page.goto(server.url + suffix);
      const notice = await page
        .waitForFunction(() => document.getElementById("load-failed")?.textContent, null, { timeout: 15000 })
        .then((h) => h.jsonValue(), () => "");
      const snapshotShown = await page.evaluate(() => getComputedStyle(document.getElementById("app-snapshot")).visibility === "visible");
      check(/could not load/.test(notice) && snapshotShown === (suffix === ""), `without WebAssembly, a notice says the calculator could not load; ${what}`);
      await context.close();
    }
  }

  // 2. Offline after one visit: 3,000 calls from the 1万 pack cost 8,000.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const violations = [];
  await guardPolicy(context, violations);
  {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(server.url);
    await appReady(page);
    const controlled = await page
      .waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 })
      .then(() => true, () => false);
    check(controlled, "the first visit installs the offline worker and it takes the page");
    await page.fill("#l1-calls", "3000");
    check(await totalIs(page, "8,000.00 元"), "typing 3,000 calls gives 8,000.00 元 (saved)");
    await context.setOffline(true);
    const blocked = await page.evaluate(() => fetch("/tools/packwise/robots.txt?x=1").then(() => false, () => true));
    check(blocked, "the network is really off");
    await page.reload();
    await appReady(page);
    check(await totalIs(page, "8,000.00 元"), "offline, a reload still quotes and restores the saved estimate");
    check((await page.inputValue("#l1-calls")) === "3,000", "the saved calls are back in their field");
    await page.fill("#l1-calls", "15000");
    check(await totalIs(page, "12,250.00 元"), "offline, editing still quotes: 12,250.00 元");
    check(errors.length === 0, `no page error offline (${errors.join("; ")})`);
    await context.setOffline(false);
    await page.close();
  }

  // 3. A new build: its own cache replaces the old one once no page of the old build is open.
  {
    const v2 = fs.mkdtempSync(path.join(os.tmpdir(), "packwise-v2-"));
    fs.cpSync(dir, v2, { recursive: true });
    const index = path.join(v2, "index.html");
    fs.writeFileSync(index, fs.readFileSync(index, "utf8").replace("</head>", "<meta name=\"build\" content=\"v2\" />\n</head>"));
    execFileSync("node", [path.resolve("scripts/sw.mjs")], { env: { ...process.env, TRUNK_STAGING_DIR: v2, TRUNK_PROFILE: "release" }, stdio: "ignore" });
    // Its precompressed copies too, as its build would write them.
    execFileSync("node", [path.resolve("scripts/precompress.mjs"), v2], { stdio: "ignore" });
    const v2Cache = /const CACHE = "([^"]+)"/.exec(fs.readFileSync(path.join(v2, "sw.js"), "utf8"))[1];
    server.setRoot(v2);
    let page = await context.newPage();
    await page.goto(server.url);
    check((await page.locator('meta[name="build"]').count()) === 1, "online, the next visit gets the new build's page at once");
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    await page.waitForFunction(() => navigator.serviceWorker.getRegistration().then((r) => !!(r?.waiting || r?.active?.scriptURL)), null, { timeout: 15000 });
    await page.close();
    page = await context.newPage();
    await page.goto(server.url);
    const keys = await page
      .waitForFunction((name) => caches.keys().then((k) => (k.length === 1 && k[0] === name ? k : null)), v2Cache, { timeout: 20000 })
      .then((h) => h.jsonValue(), async () => page.evaluate(() => caches.keys()));
    check(Array.isArray(keys) && keys.length === 1 && keys[0] === v2Cache, `only the new build's cache is left (${JSON.stringify(keys)})`);
    await context.setOffline(true);
    await page.reload();
    await appReady(page);
    check(await totalIs(page, "12,250.00 元"), "offline again, the new build quotes from its own cache");
    check((await page.locator('meta[name="build"]').count()) === 1, "offline, the page is the new build's, not a mix");
    await context.setOffline(false);
    check(violations.length === 0, `no Content-Security-Policy violation online, offline or after the update (${violations.join("; ")})`);
    fs.rmSync(v2, { recursive: true, force: true });
  }
  await context.close();
} catch (e) {
  failed++;
  console.error(`site-test: ${e.stack ?? e}`);
} finally {
  await browser.close();
  await server.close();
}
console.log(failed ? `site-test: ${failed} failed` : "site-test: all passed");
process.exit(failed ? 1 : 0);

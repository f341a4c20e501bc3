// Several tabs of the page in one browser, as a visitor has them: saved scenarios are merged, not
// written over (tab A saves "north", tab B — opened earlier — "south", tab A "east": a new tab
// lists all three); a delete or a rename in one tab reaches the others and never comes back; two
// saves under one name leave the later in every tab; another tab's estimate is offered with a
// notice, never put in place of the one a tab shows; a reload keeps the tab's own estimate, and a
// link's tab reloaded shows the link's again with the visitor's own offered back. No page reports an error or a
// Content-Security-Policy violation. Usage: node scripts/tabs-test.mjs [dist]
// (build first: scripts/release-build; scripts/test runs it).
import { serve, launch, appReady, guardPolicy, watch } from "./lib/browser.mjs";

const dir = process.argv[2] ?? "dist";
const server = await serve(dir);
const browser = await launch();
let failed = 0;
const check = (ok, what) => {
  console.log(`tabs-test: ${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failed++;
};

const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
const errors = [];
await guardPolicy(context, errors);
const open = async () => {
  const page = await context.newPage();
  watch(page, errors);
  await page.goto(server.url);
  await appReady(page);
  return page;
};
const names = (page) => page.$$eval(".scenarios li .check span", (s) => s.map((x) => x.textContent));
const showsNames = (page, want) =>
  page
    .waitForFunction((w) => JSON.stringify([...document.querySelectorAll(".scenarios li .check span")].map((x) => x.textContent)) === w, JSON.stringify(want), { timeout: 10000 })
    .then(() => true, () => false);
const save = async (page, name) => {
  await page.fill("#scenario-name", name);
  await page.click("form.save-scenario button[type=submit]");
  await page.waitForFunction((n) => [...document.querySelectorAll(".scenarios li .check span")].some((s) => s.textContent === n), name);
};
// The first line's calls (a line's ids change when an estimate is opened).
const calls = (page) => page.locator(".lines input[id$='-calls']").first();
const item = (page, name) => page.locator(".scenarios li", { has: page.locator(`.check span:text-is("${name}")`) });

try {
  await (await open()).evaluate(() => localStorage.setItem("packwise.lang", "en"));
  const tabB = await open();
  const tabA = await open();
  await save(tabA, "north");
  await save(tabB, "south");
  await save(tabA, "east");
  const tabC = await open();
  check(JSON.stringify(await names(tabC)) === JSON.stringify(["north", "south", "east"]), `a tab opened afterwards lists north, south and east (${await names(tabC)})`);
  check(await showsNames(tabA, ["north", "south", "east"]) && await showsNames(tabB, ["north", "south", "east"]), "tabs A and B show all three too");

  // A delete in B reaches A and C; A's next save does not bring it back.
  await item(tabB, "north").locator("button.danger").click();
  check(await showsNames(tabA, ["south", "east"]), "a delete in tab B reaches tab A");
  await save(tabA, "west");
  check(await showsNames(tabC, ["south", "east", "west"]), "tab A's next save does not bring the deleted scenario back");

  // A rename in C reaches the others.
  await item(tabC, "east").getByRole("button", { name: "Rename" }).click();
  await tabC.fill(".rename-scenario input", "east coast");
  await tabC.click(".rename-scenario button[type=submit]");
  check(await showsNames(tabA, ["south", "east coast", "west"]) && await showsNames(tabB, ["south", "east coast", "west"]), "a rename in tab C reaches tabs A and B");

  // Two saves under one name: the later wins, in both tabs.
  await calls(tabA).fill("1000");
  await calls(tabB).fill("2000");
  await save(tabA, "same");
  await save(tabB, "same");
  const opened = async (page) => {
    await item(page, "same").getByRole("button", { name: "Open" }).click();
    return calls(page).inputValue();
  };
  check(await opened(tabA) === "2,000" && await opened(tabB) === "2,000", "two saves of \"same\": the later (2,000 calls) is what both tabs open");

  // Another tab's estimate: noticed, not put in place.
  await calls(tabA).fill("3000");
  const notice = await tabC
    .waitForFunction(() => document.querySelector(".notice .open-other") !== null, null, { timeout: 10000 })
    .then(() => true, () => false);
  const kept = await calls(tabC).inputValue();
  check(notice && kept === "15,000", `tab C says another tab saved a different estimate and keeps its own (${kept})`);
  await tabC.click(".notice .open-other");
  check((await calls(tabC).inputValue()) === "3,000" && (await tabC.locator(".notice .open-other").count()) === 0, "its button opens that estimate (3,000 calls)");
  // A reload keeps the tab's own estimate, though another tab saved since; a new tab opens the
  // last one saved.
  await tabB.reload();
  await appReady(tabB);
  check((await calls(tabB).inputValue()) === "2,000", `tab B, reloaded after tab A saved 3,000 calls, shows its own 2,000 (${await calls(tabB).inputValue()})`);
  check((await tabB.locator(".notice .open-other").count()) === 1, "and offers tab A's with the other-tab notice");
  const tabD = await open();
  check((await calls(tabD).inputValue()) === "3,000", `a new tab opens the estimate saved last (${await calls(tabD).inputValue()})`);
  // A tab opened with a share link over the visitor's own estimate (3,000 calls), reloaded: the
  // link's estimate again, with its notice offering the own one back (not as another tab's), and
  // a new tab still opens the visitor's own.
  const shared = { lines: [{ service: "活体人脸核身", calls: [20000], packs: [{ size: 10000, count: 1 }] }] };
  const tabE = await context.newPage();
  watch(tabE, errors);
  await tabE.goto(server.url + "#e=" + Buffer.from(JSON.stringify(shared)).toString("base64url"));
  await appReady(tabE);
  await tabE.reload();
  await appReady(tabE);
  const buttons = await tabE.locator(".notice .open-other").allTextContents();
  check((await calls(tabE).inputValue()) === "20,000" && JSON.stringify(buttons) === JSON.stringify(["Back to my own estimate"]),
    `a link's tab, reloaded, shows the link's 20,000 calls and offers the own estimate back (${await calls(tabE).inputValue()}, ${buttons})`);
  const tabF = await open();
  check((await calls(tabF).inputValue()) === "3,000", `a new tab still opens the visitor's own (${await calls(tabF).inputValue()})`);
  check(errors.length === 0, `no console error, failed request or policy violation (${errors.join("; ")})`);
} catch (e) {
  failed++;
  console.error(`tabs-test: ${e.stack ?? e}`);
} finally {
  await browser.close();
  await server.close();
}
console.log(failed ? `tabs-test: ${failed} failed` : "tabs-test: all passed");
process.exit(failed ? 1 : 0);

// Puts the default estimate's page into a release build's index.html, so the quote is on screen
// before the WebAssembly arrives, and makes the app load after that first paint. Trunk runs it
// after each release build (Trunk.toml, stage post_build), before scripts/sw.mjs hashes the files.
//
// The snapshot is rendered by the app itself: the staged build is opened in headless Chromium
// (fresh storage, 中文, the default estimate), and once the app is ready and its cheapest plan
// found, the page's DOM — with what inputs hold written into their attributes, and no timings —
// becomes `<div id="app-snapshot" inert>` before `<div id="app">`. The app mounts into `#app` and
// removes the snapshot in the same task (src/ui/mod.rs), so no frame shows both or neither.
//
// The snapshot only stands for a visit that would open the default page. A small script in the
// head hides it (`visibility: hidden`, keeping its place, so nothing shifts) when the address
// holds a share link (#e=, #c=), when the saved language is not 中文, when the saved estimate
// differs from the default, when scenarios are saved, or when storage cannot be read; the visitor
// then sees their own page when the app mounts, never a flash of the default.
//
// Loading: Trunk's loader imports the JavaScript and preloads the WebAssembly at once, which puts
// 400 KB in front of the first paint on a slow link. Here the loader is replaced (see below).
//
// Usage (normally by Trunk): TRUNK_STAGING_DIR=dist/.stage TRUNK_PROFILE=release node scripts/prerender.mjs
import fs from "node:fs";
import path from "node:path";
import { serve, launch } from "./lib/browser.mjs";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("prerender: TRUNK_STAGING_DIR is not set (Trunk sets it for hooks)");
  process.exit(1);
}
if (process.env.TRUNK_PROFILE !== "release") process.exit(0);

const ESTIMATE_KEY = "packwise.estimate.v1";
const LANG_KEY = "packwise.lang";
const SCENARIOS_KEY = "packwise.scenarios.v1";
const index = path.join(dir, "index.html");
let html = fs.readFileSync(index, "utf8");
if (html.includes('id="app-snapshot"')) {
  console.error("prerender: index.html already holds a snapshot");
  process.exit(0);
}
const mark = '<div id="app" hidden></div>';
if (!html.includes(mark)) {
  console.error(`prerender: index.html has no ${mark} to put the snapshot before`);
  process.exit(1);
}

// The base the build is served under: where Trunk put the stylesheet (`/` or `/tools/packwise/`).
const css = html.match(/<link rel="stylesheet" href="([^"]*\/)[^"/]*\.css"/);
if (!css) {
  console.error("prerender: no stylesheet link in index.html, so the base path is unknown");
  process.exit(1);
}
const base = css[1];

const server = await serve(dir, { base });
const browser = await launch();
let snapshot, estimate;
try {
  const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(server.url);
  await page.waitForFunction(() => document.documentElement.dataset.app === "ready", null, { timeout: 60000 });
  await page.waitForFunction(
    () => [...document.querySelectorAll(".optimizer")].every((o) => o.getAttribute("aria-busy") === "false"),
    null,
    { timeout: 60000 },
  );
  if (errors.length) throw new Error(`the page logged errors: ${errors.join("; ")}`);
  snapshot = await page.evaluate(() => {
    const root = document.getElementById("app");
    // What the fields hold lives in properties; a snapshot needs it in attributes.
    for (const input of root.querySelectorAll("input")) {
      if (input.type === "checkbox" || input.type === "radio") input.toggleAttribute("checked", input.checked);
      else input.setAttribute("value", input.value);
    }
    for (const select of root.querySelectorAll("select")) {
      for (const option of select.options) option.toggleAttribute("selected", option.selected);
    }
    for (const area of root.querySelectorAll("textarea")) area.textContent = area.value;
    // Timings of this run, which would make every build different.
    for (const el of root.querySelectorAll("[data-ms], [data-sent], [data-answered], [data-where]")) {
      for (const a of ["data-ms", "data-sent", "data-answered", "data-where"]) el.removeAttribute(a);
    }
    return root.innerHTML.replace(/<!---->/g, "");
  });
  // The default estimate as the app saves it, for the check below. A first visit does not save
  // it (nothing to keep until an edit), so: an edit to the first line's calls, then back.
  const calls = page.locator("#app #l1-calls");
  if ((await calls.count()) !== 1) throw new Error("the default page has no #l1-calls field to edit and put back");
  const value = await calls.inputValue();
  await calls.fill(String(Number(value.replace(/\D/g, "")) + 1));
  await page.waitForFunction((key) => localStorage.getItem(key) !== null, ESTIMATE_KEY);
  const edited = await page.evaluate((key) => localStorage.getItem(key), ESTIMATE_KEY);
  await calls.fill(value);
  estimate = await page
    .waitForFunction(([key, before]) => { const e = localStorage.getItem(key); return e !== before && e; }, [ESTIMATE_KEY, edited])
    .then((h) => h.jsonValue());
  if (errors.length) throw new Error(`the page logged errors: ${errors.join("; ")}`);
  await context.close();
} catch (e) {
  console.error(`prerender: ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  await server.close();
}
if (process.exitCode) process.exit();
if (!estimate) {
  console.error("prerender: the app saved no estimate, so a changed one could not be told apart");
  process.exit(1);
}

// Hides the snapshot for a visit that will not open the default page (see the top of this file):
// a share or comparison link anywhere in the fragment (`#e=…`, `#p=o&e=…`, percent-encoded as a
// chat app may leave it: `#e%3D…`), a saved language
// other than Chinese, a saved estimate other than the default, saved scenarios (the comparison
// below would change), or storage that cannot be read (a notice would appear at the top).
// (The estimate the app opens is this tab's own, in sessionStorage, where it has one.)
const check = `<script>(function(){try{var s=localStorage,t=sessionStorage.getItem(${JSON.stringify(ESTIMATE_KEY)}),e=t!==null?t:s.getItem(${JSON.stringify(ESTIMATE_KEY)}),l=s.getItem(${JSON.stringify(LANG_KEY)});` +
  `if(/(^#|&|%26)[ec](=|%3D)/i.test(location.hash)||(l&&!/^zh/i.test(l))||s.getItem(${JSON.stringify(SCENARIOS_KEY)})!==null||(e!==null&&e!==${JSON.stringify(estimate).replace(/</g, "\\u003c")}))` +
  `throw 0}catch(_){document.documentElement.classList.add("snapshot-stale")}})()</script>`;
// (The rule that hides it, `.snapshot-stale #app-snapshot`, is in style/main.css: the page's
// Content-Security-Policy allows no inline styles.)
// (Replacements by function: a `$&` in the page's text must stay as it is.)
html = html.replace("</head>", () => `${check}\n</head>`);
html = html.replace(mark, () => `<div id="app-snapshot" inert>${snapshot}</div>\n    ${mark}`);

// The loader, in place of Trunk's: no preloads; the import once the snapshot is on screen (after
// the browser has reported its largest paint, the snapshot's tagline, where it reports one; else
// after the first frame; at once when the snapshot is hidden; at most 600 ms); the WebAssembly
// compiled by streaming in a worker made from a Blob, which posts the compiled module to the page
// (decoding stays off the page's thread, and V8 keeps the compiled code of a module compiled by
// streaming in its code cache, so a later visit compiles next to nothing on the page's thread:
// `WebAssembly.compile(bytes)` compiled some 2,000 functions lazily there on every visit; where a
// worker or streaming is missing, that is the fallback), checked against Trunk's integrity hash. If the app cannot start (no WebAssembly, a failed download, an error
// before it is ready), a notice says so instead of leaving an inert page.
const trunkLoader = html.match(
  /<script type="module">\s*import init, \* as bindings from '([^']+)';\s*const wasm = await init\(\{ module_or_path: '([^']+)' \}\);[\s\S]*?<\/script>/,
);
if (!trunkLoader) {
  console.error("prerender: Trunk's loader script was not found in index.html");
  process.exit(1);
}
const [, jsUrl, wasmUrl] = trunkLoader;
const escaped = (url) => url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const integrity = html.match(new RegExp(`<link rel="preload" href="${escaped(wasmUrl)}"[^>]*integrity="([^"]+)"`))?.[1];
const jsIntegrity = html.match(new RegExp(`<link rel="modulepreload" href="${escaped(jsUrl)}"[^>]*integrity="([^"]+)"`))?.[1];
if (!integrity || !jsIntegrity) {
  console.error("prerender: Trunk's integrity hashes of the script and the WebAssembly were not found in index.html");
  process.exit(1);
}
html = html.replace(/<link rel="(?:modulepreload|preload)"[^>]*>/g, "");
const failedText = {
  stale: "计算器未能加载（需要 WebAssembly）。请刷新页面，或换用新版浏览器。 The calculator could not load (it needs WebAssembly). Reload the page, or try a current browser.",
  snapshot: "计算器未能加载（需要 WebAssembly）：下面是默认估算的报价，只能查看。请刷新页面，或换用新版浏览器。 The calculator could not load (it needs WebAssembly): below is the default estimate's quote, for reading only. Reload the page, or try a current browser.",
};
// Trunk's integrity hash of the JavaScript stays with it: the import below is checked against it
// through an import map (the WebAssembly's is checked by the fetch).
const importMap = `<script type="importmap">${JSON.stringify({ integrity: { [jsUrl]: jsIntegrity } })}</script>`;
const loader = `${importMap}
<script type="module">
const root = document.documentElement;
const failed = () => {
  if (root.dataset.app === "ready" || document.getElementById("load-failed")) return;
  const p = document.createElement("p");
  p.id = "load-failed";
  p.className = "notice error";
  p.setAttribute("role", "alert");
  p.textContent = root.classList.contains("snapshot-stale") ? ${JSON.stringify(failedText.stale)} : ${JSON.stringify(failedText.snapshot)};
  document.body.prepend(p);
};
addEventListener("error", failed);
try {
  await new Promise((go) => {
    const P = globalThis.PerformanceObserver;
    setTimeout(go, 600);
    if (root.classList.contains("snapshot-stale")) go();
    else if (P && (P.supportedEntryTypes || []).includes("largest-contentful-paint")) new P(() => setTimeout(go, 0)).observe({ type: "largest-contentful-paint", buffered: true });
    else requestAnimationFrame(() => setTimeout(go, 0));
  });
  const url = new URL(${JSON.stringify(wasmUrl)}, location.href).href, integrity = ${JSON.stringify(integrity)};
  const compiled = await new Promise((ok, no) => {
    const code = "onmessage=async(e)=>{try{postMessage(await WebAssembly.compileStreaming(fetch(e.data[0],{integrity:e.data[1]})))}catch(x){postMessage(String(x))}}";
    const src = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
    const w = new Worker(src);
    URL.revokeObjectURL(src);
    // (A failure comes as its text; nothing here names WebAssembly, which may be missing.)
    const fail = (e) => { w.terminate(); no(e); };
    w.onmessage = (e) => (typeof e.data === "string" ? fail(e.data) : ok(e.data));
    w.onerror = fail;
    w.onmessageerror = fail;
    w.postMessage([url, integrity]);
  }).catch(async () => WebAssembly.compile(await (await fetch(url, { integrity })).arrayBuffer()));
  // (The worker stays: V8 writes the code cache from it once the module has tiered up.)
  const bindings = await import(${JSON.stringify(jsUrl)});
  const wasm = await bindings.default({ module_or_path: compiled });
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
} catch (e) {
  failed();
  throw e;
}
</script>`;
html = html.replace(trunkLoader[0], () => loader);
fs.writeFileSync(index, html);
console.error(`prerender: the default page (${(snapshot.length / 1024).toFixed(1)} KB of HTML) is in index.html; the app loads once it is on screen`);

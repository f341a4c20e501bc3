// The npm package as another project gets it: `npm pack pkg`, installed by path into a new
// project in a temporary folder; then Node imports it by name and quotes the worked example
// (12,250.00, no init call), and esbuild (from npm) bundles a page that imports it by name and
// quotes in headless Chromium. Usage: scripts/build-pkg && node scripts/package-test.mjs
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { serve, launch, openPage } from "./lib/browser.mjs";

const root = path.resolve(new URL("..", import.meta.url).pathname);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "packwise-package-"));
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"] }).toString();
let failed = false;
const check = (ok, what) => {
  console.log(`package-test: ${ok ? "ok  " : "FAIL"} ${what}`);
  failed ||= !ok;
};
try {
  const tarball = run("npm", ["pack", path.join(root, "pkg"), "--pack-destination", tmp, "--json"], root);
  const [{ filename, files }] = JSON.parse(tarball);
  const names = files.map((f) => f.path).sort();
  check(["LICENSE", "README.md", "node.js", "node.d.ts", "package.json", "packwise.d.ts", "packwise.js", "packwise_bg.wasm"].every((f) => names.includes(f)),
    `npm pack: ${filename} holds ${names.join(", ")}`);
  const project = path.join(tmp, "project");
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "uses-packwise", private: true, type: "module" }));
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", path.join(tmp, filename)], project);

  // Node, by name, no init call.
  fs.writeFileSync(path.join(project, "quote.mjs"), `import { quote } from "packwise";
const q = quote({ lines: [{ service: "活体人脸核身", calls: [15000], packs: [{ size: 10000, count: 1 }] }] });
console.log(q.total + " " + q.lines[0].explanation);
`);
  const out = run("node", ["quote.mjs"], project).trim();
  check(out === "12250.00 (15,000 − 10,000) × 0.85 + 8,000 = 12,250", `Node imports it by name and quotes: ${out}`);

  // TypeScript in a Node project without the DOM's library, by name: `exports`' node condition
  // gives it node.d.ts (the page's declarations name RequestInfo, Response, BufferSource).
  fs.writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify({ compilerOptions: {
    target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2022"], types: [],
    strict: true, noEmit: true, skipLibCheck: false }, files: ["check.ts"] }));
  fs.writeFileSync(path.join(project, "check.ts"), `import { quote } from "packwise";
const total: string | null = quote({ lines: [{ service: "活体人脸核身", calls: [15000] }] }).total;
export { total };
`);
  let typed = "";
  try {
    run(path.join(root, "node_modules/.bin/tsc"), ["-p", project], project);
  } catch (e) {
    typed = (e.stdout ?? "").toString() + (e.stderr ?? "").toString();
  }
  check(typed === "", `TypeScript in a Node project without the DOM's types takes the package by name${typed ? ": " + typed : ""}`);

  // A page bundled by esbuild, the WebAssembly emitted beside the bundle.
  // (optimizeAsync answers too: in a bundle on the page's thread, its worker having no glue to import.)
  fs.writeFileSync(path.join(project, "page.js"), `import init, { quote, optimizeAsync } from "packwise";
import wasm from "packwise/packwise_bg.wasm";
await init({ module_or_path: wasm });
const q = quote({ lines: [{ service: "活体人脸核身", calls: [15000], packs: [{ size: 10000, count: 1 }] }] });
const o = await optimizeAsync({ lines: [{ service: "活体人脸核身", calls: [15000, 15000] }] });
document.getElementById("total").textContent = q.total + " " + o.quote.total;
`);
  const outdir = path.join(project, "site");
  run(path.join(root, "node_modules/.bin/esbuild"), ["page.js", "--bundle", "--format=esm", "--platform=browser",
    "--loader:.wasm=file", `--outdir=${outdir}`, "--log-level=warning"], project);
  fs.writeFileSync(path.join(outdir, "index.html"),
    `<!doctype html><meta charset="utf-8"><title>t</title><link rel="icon" href="data:,"><p id="total">…</p><script type="module" src="./page.js"></script>`);
  const emitted = fs.readdirSync(outdir).sort();
  const server = await serve(outdir);
  const browser = await launch();
  try {
    const { page, errors } = await openPage(browser, server.url);
    const total = await page.waitForFunction(() => document.getElementById("total")?.textContent !== "…", null, { timeout: 15000 })
      .then(() => page.evaluate(() => document.getElementById("total").textContent));
    // 2 × 15,000 at 0.75 postpaid: no pack plan is cheaper.
    check(total === "12250.00 22500.00" && !errors.length,
      `a page bundled by esbuild (${emitted.join(", ")}) quotes in Chromium: ${total}${errors.length ? "; " + errors.join("; ") : ""}`);
  } finally {
    await browser.close();
    await server.close();
  }
} catch (e) {
  check(false, `${e.message}${e.stderr ? "\n" + e.stderr : ""}`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

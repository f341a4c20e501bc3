// Shared by the browser scripts (smoke test, screenshots, benchmarks): serves a built `dist/`
// on a free localhost port and launches the system Chromium headless through playwright-core.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { chromium } from "playwright-core";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ts": "text/plain",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves `dir` (its precompressed .br/.gz copies where the browser takes them, else gzip made
 * on the fly, like a static host; with `cache`, hashed files may be kept by the browser) at `base` (default `/`, or a path like
 * `/tools/packwise/` as on another site: nothing outside it is served); resolves to
 * { url, close, setRoot } — `url` ends with the base, `setRoot(dir)` serves another build.
 */
export function serve(dir, { base = "/", cache = false } = {}) {
  let root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (!url.pathname.startsWith(base)) { res.writeHead(404).end("not found"); return; }
    let file;
    try {
      file = path.resolve(root, "./" + decodeURIComponent(url.pathname.slice(base.length)));
    } catch {
      res.writeHead(400).end("bad path");
      return;
    }
    // Inside the root only: `/..%2Fdist-old/x` resolves beside it, and a prefix check on the
    // text (`/work/dist` is a prefix of `/work/dist-old`) would let it through.
    const rel = path.relative(root, file);
    if (rel.startsWith("..") || path.isAbsolute(rel)) { res.writeHead(403).end("forbidden"); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) { res.writeHead(404).end("not found"); return; }
    let body = fs.readFileSync(file);
    // `cache`: files whose names carry their content hash may be kept, as a host would let them
    // be (the code cache of a repeat visit needs the HTTP cache); otherwise nothing is kept.
    const hashed = /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(file);
    const headers = {
      "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "cache-control": cache && hashed ? "public, max-age=31536000, immutable" : "no-store",
    };
    // As a host set up for the build's precompressed copies (nginx brotli_static/gzip_static,
    // Caddy precompressed): the .br or .gz beside the file where the browser takes it, else
    // gzip made here, like a host that compresses on the fly.
    // (An encoding with q=0 is refused; a copy older than its file is stale and not sent.)
    const accepts = (req.headers["accept-encoding"] ?? "").split(",").map((e) => e.trim().split(";"))
      .filter(([, q]) => !/^\s*q=0(\.0*)?\s*$/.test(q ?? "")).map(([e]) => e);
    const fresh = (copy) => fs.existsSync(copy) && fs.statSync(copy).mtimeMs >= fs.statSync(file).mtimeMs;
    const copy = [["br", ".br"], ["gzip", ".gz"]].find(([enc, ext]) => accepts.includes(enc) && fresh(file + ext));
    if (copy) {
      body = fs.readFileSync(file + copy[1]);
      headers["content-encoding"] = copy[0];
    } else if (accepts.includes("gzip")) {
      body = zlib.gzipSync(body, { level: 9 });
      headers["content-encoding"] = "gzip";
    }
    headers["vary"] = "Accept-Encoding";
    headers["content-length"] = body.length;
    res.writeHead(200, headers).end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}${base}`,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
        setRoot: (d) => { root = path.resolve(d); },
      });
    });
  });
}

/** The system Chromium, headless, with the flags this machine needs (root, closed network). */
export function launch() {
  const executablePath = process.env.CHROME || "/usr/bin/chromium";
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

/**
 * Waits until the app has mounted (`<html data-app="ready">`). A release build's page shows a
 * snapshot of the default page before that (scripts/prerender.mjs): it looks the same but is
 * inert, so checks that type or click must wait for the live app.
 */
export function appReady(page, timeout = 30000) {
  return page.waitForFunction(() => document.documentElement.dataset.app === "ready", null, { timeout });
}

/**
 * Records in `errors` every Content-Security-Policy violation in any page of `context` (the
 * `securitypolicyviolation` event, reported through a binding, so a policy that blocked the
 * console would still be heard), and in its workers (Chromium logs each refusal to the console).
 */
export async function guardPolicy(context, errors) {
  await context.exposeBinding("__packwisePolicyViolation", ({ page }, text) => errors.push(`CSP violation on ${page.url()}: ${text}`));
  await context.addInitScript(() => {
    addEventListener("securitypolicyviolation", (e) =>
      globalThis.__packwisePolicyViolation(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
}

/** Records a page's console errors (a policy's refusal is one), failed requests and uncaught exceptions (a Wasm panic is one) in `errors`. */
export function watch(page, errors) {
  page.on("console", (m) => { if (m.type() === "error") errors.push(`console: ${m.text()} ${m.location()?.url ?? ""}`); });
  page.on("response", (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`); });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
}

/** Opens a page that records console errors, policy violations and uncaught exceptions. */
export async function openPage(browser, url, { width = 1280, height = 900, locale = "zh-CN" } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale, deviceScaleFactor: 1 });
  const errors = [];
  await guardPolicy(context, errors);
  const page = await context.newPage();
  watch(page, errors);
  await page.goto(url);
  return { page, context, errors };
}

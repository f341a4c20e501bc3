// Writes the pages' Content-Security-Policy into a release build: a <meta http-equiv> first in
// the <head> of index.html and embed.html, so it holds on any static host (no server header to
// configure). Trunk runs it last among the post-build hooks (Trunk.toml): after prerender.mjs and
// sw.mjs have written the page's inline scripts, so the hashes are those of the scripts the build
// ships, computed here, never by hand. Debug builds (`trunk serve`) get no policy: Trunk's live
// reload injects a script of its own.
//
// The policy (the same for both pages; only the hashes differ):
//   default-src 'self'                     everything from the page's own origin, nothing else
//   script-src 'self' 'wasm-unsafe-eval'   the app's files, WebAssembly compiled from them, and
//              'sha256-…'                  each inline script by its hash (no 'unsafe-inline' or
//                                          'unsafe-eval')
//   style-src 'self' ['sha256-…']          the stylesheet (and embed.html's one inline style)
//   img-src 'self' data:                   the icon, an SVG data: URL
//   worker-src 'self' blob:                the offline service worker (sw.js), and the
//                                          optimizer's worker, made from a Blob (src/worker.rs)
//   object-src 'none'; base-uri 'none'; form-action 'none'
//
// Usage (normally by Trunk): TRUNK_STAGING_DIR=dist/.stage TRUNK_PROFILE=release node scripts/csp.mjs
//        node scripts/csp.mjs --check dist    checks a built folder: each page has the policy
//                                             first in its head, every inline script and style
//                                             has its hash there, and no other hash is (exit 1
//                                             on any mismatch; scripts/test runs it)
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const PAGES = ["index.html", "embed.html"];
const META = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"\s*\/?>/;

const hash = (text) => `'sha256-${crypto.createHash("sha256").update(text, "utf8").digest("base64")}'`;

/** The text of each inline <script> (no src) and <style> of a page, as the browser hashes it. */
function inline(html) {
  const scripts = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  return { scripts, styles };
}

/** The policy for a page whose inline scripts and styles are these. */
export function policy({ scripts, styles }) {
  const list = (xs) => [...new Set(xs.map(hash))].join(" ");
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval'${scripts.length ? " " + list(scripts) : ""}`,
    `style-src 'self'${styles.length ? " " + list(styles) : ""}`,
    "img-src 'self' data:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/** Problems with the policy of one built page (none: an empty list). */
function check(file) {
  const html = fs.readFileSync(file, "utf8");
  const meta = html.match(META);
  if (!meta) return [`${file}: no Content-Security-Policy meta`];
  const problems = [];
  const first = html.match(/<head>\s*<meta charset="utf-8"\s*\/?>\s*(<[^>]*>)/);
  if (!first || !META.test(first[1])) problems.push(`${file}: the policy is not the first element after the charset`);
  const before = html.slice(0, meta.index);
  if (/<script|<style/.test(before)) problems.push(`${file}: a script or style comes before the policy`);
  const rest = html.slice(0, meta.index) + html.slice(meta.index + meta[0].length);
  const want = policy(inline(rest));
  if (meta[1] !== want) problems.push(`${file}: the policy and the page's inline scripts disagree:\n  has:  ${meta[1]}\n  want: ${want}`);
  if (/'unsafe-inline'|'unsafe-eval'/.test(meta[1])) problems.push(`${file}: the policy allows unsafe-inline or unsafe-eval`);
  return problems;
}

if (process.argv[2] === "--check") {
  const dir = process.argv[3] ?? "dist";
  const problems = PAGES.flatMap((p) => check(path.join(dir, p)));
  if (problems.length) {
    console.error("csp: " + problems.join("\ncsp: "));
    process.exit(1);
  }
  console.log(`csp: ${PAGES.join(" and ")} in ${dir} carry a policy that matches their inline scripts`);
} else {
  const dir = process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error("csp: TRUNK_STAGING_DIR is not set (Trunk sets it for hooks); use --check DIR to check a build");
    process.exit(1);
  }
  if (process.env.TRUNK_PROFILE !== "release") process.exit(0);
  for (const name of PAGES) {
    const file = path.join(dir, name);
    let html = fs.readFileSync(file, "utf8").replace(META, "");
    const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(inline(html))}" />`;
    if (!/<meta charset="utf-8"\s*\/?>/.test(html)) {
      console.error(`csp: ${name} has no <meta charset="utf-8"> to put the policy after`);
      process.exit(1);
    }
    html = html.replace(/<meta charset="utf-8"\s*\/?>/, (m) => `${m}\n    ${meta}`);
    fs.writeFileSync(file, html);
  }
  console.error(`csp: the policy is in ${PAGES.join(" and ")}`);
}

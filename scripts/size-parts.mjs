// Where the app's WebAssembly goes, by part: twiggy's list of every function and data segment of
// the release build (after wasm-bindgen, before wasm-opt, which drops the names), grouped by the
// crate or module each belongs to, with each part's share applied to the gzipped file the visitor
// downloads.
//
//   scripts/release-build && node scripts/size-parts.mjs [dist]
//
// Needs twiggy (`cargo install twiggy`) and wasm-bindgen (scripts/setup installs it). Generic code is counted where its name starts: a Leptos
// view's rendering code, monomorphised for one of our components, counts as Leptos; that is the
// cost of each distinct view shape (see src/ui/widgets.rs).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const dir = process.argv[2] ?? "dist";
// The build's module before wasm-bindgen (names kept): scripts/release-build's on the nightly
// (target/size/), or stable's, whichever was built last.
const named = ["target/size/wasm32-unknown-unknown/web/packwise-web.wasm", "target/wasm32-unknown-unknown/web/packwise-web.wasm"]
  .filter((f) => fs.existsSync(f)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0] ?? "target/wasm32-unknown-unknown/web/packwise-web.wasm";
const shipped = fs.readdirSync(dir).find((f) => /^packwise-web-.*_bg\.wasm$/.test(f));
if (!fs.existsSync(named) || !shipped) {
  console.error(`size-parts: build first (scripts/release-build): need ${named} and ${dir}/packwise-web-*_bg.wasm`);
  process.exit(1);
}
// Through wasm-bindgen as Trunk does (it drops the glue's descriptors), keeping the names.
const tmp = fs.mkdtempSync(path.join(fs.realpathSync("/tmp"), "packwise-size-"));
execFileSync("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-dir", tmp, "--out-name", "app", named]);
let csv;
try {
  csv = execFileSync("twiggy", ["top", "-n", "1000000", "--format", "csv", path.join(tmp, "app_bg.wasm")], { maxBuffer: 1 << 28 }).toString();
} catch {
  console.error("size-parts: twiggy is missing (cargo install twiggy)");
  process.exit(1);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

// Parts, first match by position in the name wins (`<F as tachys::…>` is Leptos).
const PARTS = [
  ["Leptos (rendering, reactivity; views' monomorphised code)", /\b(tachys|reactive_graph|leptos[a-z_]*|any_spawner|throw_error|or_poisoned|either_of|next_tuple|slotmap|send_wrapper|guardian|oco_ref|futures[a-z_]*|pin_project[a-z_]*)::/],
  ["wasm-bindgen, js-sys, web-sys (the browser's API)", /\b(wasm_bindgen[a-z_]*|js_sys|web_sys|console_error_panic_hook)::/],
  ["engine: price list (parse, merge, JSON paths)", /\bpackwise::engine::(catalog|json|path|lang)\b/],
  ["engine: optimizer", /\bpackwise::engine::optimize\b/],
  ["vendors compared (engine::offers, app::vendors, ui::vendors)", /\bpackwise::(engine::offers|app::vendors|ui::vendors)\b/],
  ["usage history (engine::usage, growth, app::usage, ui::usage, csv)", /\bpackwise::(engine::(usage|growth)|app::usage|ui::usage)\b|\bcsv(_core)?::/],
  ["engine: break-even", /\bpackwise::engine::breakeven\b/],
  ["engine: pricing (estimate, quote, settle, rating, explain, money, terms)", /\bpackwise::engine::/],
  ["page model: charts' figures", /\bpackwise::app::(figures|chart)\b/],
  ["page model: custom services and lists", /\bpackwise::app::custom\b/],
  ["page model: scenarios compared", /\bpackwise::app::compare\b/],
  ["page model: the rest (page, edits, input, share, CSV, texts, jobs)", /\bpackwise::app::/],
  ["components: planner, plan, charts (ui/plan.rs) and worker", /\bpackwise::(ui::plan|worker)\b/],
  ["components: custom services and lists (ui/custom.rs)", /\bpackwise::ui::custom\b/],
  ["components: comparison (ui/compare_view.rs)", /\bpackwise::ui::compare_view\b/],
  ["components: terms (ui/terms.rs)", /\bpackwise::ui::terms\b/],
  ["components: the calculator (line, quote, summary, fields, state, app)", /\bpackwise::/],
  ["exact decimals (rust_decimal)", /\brust_decimal::/],
  ["JSON and serde", /\b(serde_json|serde_core|serde)::/],
  ["Rust's std, core, alloc (formatting, collections, allocator)", /\b(core|alloc|std|dlmalloc|hashbrown|compiler_builtins|memchr|itoa|ryu|base64)\b/],
];
const parts = new Map(PARTS.map(([name]) => [name, 0]));
let data = 0, other = 0, code = 0;
for (const line of csv.split("\n").slice(1)) {
  const m = line.match(/^"?(.*?)"?,(\d+),/);
  if (!m) continue;
  const [, rawName, sizeText] = m;
  // The nightly names symbols with v0 mangling: `packwise[7e13bd4ff8bb8d3d]::…`; drop the hashes.
  const name = rawName.replace(/\[[0-9a-f]{16}\]/g, "");
  const size = Number(sizeText);
  if (/custom section|function names|^type\[|^import |^export |^table|^elem|^global/.test(name)) continue;
  if (/^data segment|^data\[/.test(name)) { data += size; continue; }
  code += size;
  let best = null, at = Infinity;
  for (const [part, re] of PARTS) {
    const hit = re.exec(name);
    if (hit && hit.index < at) { at = hit.index; best = part; }
  }
  if (best) parts.set(best, parts.get(best) + size); else other += size;
}
const total = code + data;
const gz = zlib.gzipSync(fs.readFileSync(path.join(dir, shipped)), { level: 9 }).length;
console.log(`the app's WebAssembly: ${(gz / 1024).toFixed(1)} KB gzipped (${shipped}); by part, as a share of the named build (${(total / 1024).toFixed(0)} KB of code and data before wasm-opt):`);
const rows = [...parts, ["data (texts in two languages, the built-in price list)", data], ["other", other]].sort((a, b) => b[1] - a[1]);
for (const [name, size] of rows) {
  const share = size / total;
  console.log(`  ${(100 * share).toFixed(1).padStart(5)} %  ~${((share * gz) / 1024).toFixed(1).padStart(5)} KB gz  ${name}`);
}

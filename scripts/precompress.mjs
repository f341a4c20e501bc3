// Writes the precompressed copies a static host serves in place of each file: `NAME.br`
// (Brotli, quality 11, the densest) and `NAME.gz` (gzip -9) beside every html, js, wasm, css and
// json file of a build, sub-folders included (pkg/). Hosts that compress on the fly use a faster
// setting (Brotli 4–6: the WebAssembly about 15 % larger); with these files nginx
// (`brotli_static on; gzip_static on;`) and Caddy (`file_server { precompressed br gzip }`) send
// the smaller ones as they are (README, "Put it on any static host"). A copy no smaller than its
// file is not written; copies left from an earlier build are replaced.
// Usage: node scripts/precompress.mjs DIR   (Trunk runs it last after a release build, in its
// staging folder: TRUNK_STAGING_DIR, TRUNK_PROFILE=release)
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("precompress: give the folder (or run as Trunk's hook, with TRUNK_STAGING_DIR)");
  process.exit(2);
}
if (!process.argv[2] && process.env.TRUNK_PROFILE !== "release") process.exit(0);

const COMPRESSED = /\.(html|js|mjs|wasm|css|json)$/;
const walk = (d) => fs.readdirSync(d, { withFileTypes: true })
  .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
let raw = 0, br = 0, gz = 0;
for (const file of walk(dir)) {
  if (/\.(br|gz)$/.test(file)) {
    // A copy whose file changed is rewritten below; one whose file is gone, removed (only
    // copies of the kinds written here: a .gz the site ships as such stays).
    const of = file.replace(/\.(br|gz)$/, "");
    if (COMPRESSED.test(of) && !fs.existsSync(of)) fs.rmSync(file);
    continue;
  }
  if (!COMPRESSED.test(file)) continue;
  const body = fs.readFileSync(file);
  const text = !file.endsWith(".wasm");
  const b = zlib.brotliCompressSync(body, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_MODE]: text ? zlib.constants.BROTLI_MODE_TEXT : zlib.constants.BROTLI_MODE_GENERIC,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
  const g = zlib.gzipSync(body, { level: 9 });
  for (const [ext, copy] of [[".br", b], [".gz", g]]) {
    if (copy.length < body.length) fs.writeFileSync(file + ext, copy);
    else fs.rmSync(file + ext, { force: true });
  }
  raw += body.length; br += Math.min(b.length, body.length); gz += Math.min(g.length, body.length);
}
const kb = (n) => (n / 1024).toFixed(1) + " KB";
console.error(`precompress: ${dir}: ${kb(raw)} → ${kb(br)} Brotli (q11), ${kb(gz)} gzip (-9)`);

// Makes a release build work offline after the first visit: writes `sw.js`, a service worker that
// keeps the app's files (index.html, the JavaScript, the WebAssembly, the CSS) under a cache named
// by a hash of their contents, and adds its registration to index.html. Trunk runs it after each
// build (Trunk.toml, stage post_build) in the staging folder; debug builds (`trunk serve`) get no
// service worker, so development never sees a stale build.
//
// How the worker serves: pages (navigations) from the network first, falling back to the cached
// index.html when offline, so a new deployment is picked up as soon as the visitor is online;
// the app's files, whose names carry their content hash, from the cache first. A new build has a
// new cache name; its worker takes over once no page of the old build is open, then deletes the
// old cache, so a page never mixes the files of two builds. Everything is relative to the
// worker's scope, so the same build works at `/` or under a base path (`/tools/packwise/`).
//
// Usage (normally by Trunk): TRUNK_STAGING_DIR=dist/.stage TRUNK_PROFILE=release node scripts/sw.mjs
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("sw: TRUNK_STAGING_DIR is not set (Trunk sets it for hooks)");
  process.exit(1);
}
if (process.env.TRUNK_PROFILE !== "release") process.exit(0);

const index = path.join(dir, "index.html");
let html = fs.readFileSync(index, "utf8");
const registration =
  '<script>if("serviceWorker"in navigator&&isSecureContext)addEventListener("load",()=>navigator.serviceWorker.register("./sw.js").catch(()=>{}));</script>';
if (!html.includes('register("./sw.js")')) {
  html = html.replace("</body>", `${registration}\n</body>`);
  fs.writeFileSync(index, html);
}

// The app's own files, at the top of the build: the page, its script, WebAssembly and styles.
const files = fs
  .readdirSync(dir)
  .filter((f) => /\.(html|js|wasm|css)$/.test(f) && f !== "sw.js" && f !== "embed.html")
  .sort();
const digest = crypto.createHash("sha256");
for (const f of files) digest.update(`${f}\0`).update(fs.readFileSync(path.join(dir, f)));
const version = digest.digest("hex").slice(0, 16);
const precache = ["./", ...files];

const worker = `// packwise offline worker, written by scripts/sw.mjs for this build only.
const CACHE = "packwise-${version}";
const FILES = ${JSON.stringify(precache)};

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: "reload" })))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("packwise-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request).catch(() =>
        caches.open(CACHE).then((cache) => cache.match(request, { ignoreSearch: true }).then((hit) => hit || cache.match("./"))),
      ),
    );
    return;
  }
  event.respondWith(caches.open(CACHE).then((cache) => cache.match(request).then((hit) => hit || fetch(request))));
});
`;
fs.writeFileSync(path.join(dir, "sw.js"), worker);
console.error(`sw: ${files.length} files kept offline as packwise-${version}`);

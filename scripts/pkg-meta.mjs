// Makes pkg/ an npm package (scripts/build-pkg runs it after wasm-bindgen): node.js, the entry
// for Node ≥ 20 (instantiates the WebAssembly at import, so `import { quote } from "packwise"`
// needs no init call); package.json, from Cargo.toml's name, version, description and license;
// the package's README.md and the project's LICENSE. Usage: node scripts/pkg-meta.mjs pkg
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2] ?? "pkg";
const cargo = fs.readFileSync(new URL("../Cargo.toml", import.meta.url), "utf8");
const field = (name) => cargo.match(new RegExp(`^${name} = "([^"]*)"`, "m"))?.[1];
const [name, version, description, license] = ["name", "version", "description", "license"].map(field);
if (!name || !version) {
  console.error("pkg-meta: Cargo.toml has no name or version");
  process.exit(1);
}

fs.writeFileSync(path.join(dir, "node.js"), `// The library in Node (≥ 20): the WebAssembly is read from beside this file and instantiated
// when the module is imported, so \`import { quote } from "${name}"\` needs no init call.
import { readFileSync } from "node:fs";
import { initSync } from "./packwise.js";

initSync({ module: readFileSync(new URL("./packwise_bg.wasm", import.meta.url)) });

export * from "./packwise.js";
export { default } from "./packwise.js";
`);

// The declarations. wasm-bindgen's file has the API (src/js.rs's TYPES) and then the loader's,
// which name the DOM's types (RequestInfo, Response, BufferSource): node.d.ts is the API alone,
// for a Node project without the DOM's library (the WebAssembly is instantiated on import, so it
// needs no loader). The stream classes wasm-bindgen-futures exports are not the API: their
// declarations go (they also need the \`esnext\` library for Symbol.dispose).
const dts = path.join(dir, "packwise.d.ts");
let types = fs.readFileSync(dts, "utf8").replace(/\nexport class IntoUnderlying\w+ \{[^}]*\}\n/g, "\n");
if (/IntoUnderlying|Symbol\.dispose/.test(types.replace(/readonly __wbg_intounderlying\w+_free[^\n]*\n/g, ""))) {
  console.error("pkg-meta: packwise.d.ts still declares the stream classes");
  process.exit(1);
}
fs.writeFileSync(dts, types);
const start = types.indexOf("/** Money as a decimal string");
const endMark = "/* The API ends here";
const end = types.indexOf(endMark);
if (start < 0 || end < start) {
  console.error("pkg-meta: packwise.d.ts has no API section (src/js.rs's TYPES) to copy into node.d.ts");
  process.exit(1);
}
fs.writeFileSync(path.join(dir, "node.d.ts"), `// The library's API in Node (≥ 20): the WebAssembly is instantiated when the module is imported.
${types.slice(start, end)}
/** Nothing to do in Node (the module is ready on import); kept so that code written for the page runs. */
export default function init(module_or_path?: unknown): Promise<unknown>;
`);

const pkg = {
  name,
  version,
  description,
  license,
  type: "module",
  main: "./node.js",
  module: "./packwise.js",
  types: "./packwise.d.ts",
  exports: {
    // Node first, with its own declarations (no DOM types); then pages and bundlers.
    ".": {
      node: { types: "./node.d.ts", default: "./node.js" },
      types: "./packwise.d.ts",
      default: "./packwise.js",
    },
    "./packwise_bg.wasm": "./packwise_bg.wasm",
    "./package.json": "./package.json",
  },
  files: ["packwise.js", "packwise_bg.wasm", "packwise.d.ts", "packwise_bg.wasm.d.ts", "node.js", "node.d.ts", "README.md", "LICENSE"],
  // Only the Node entry does something when imported (it instantiates the WebAssembly).
  sideEffects: ["./node.js"],
  engines: { node: ">=20" },
  keywords: ["pricing", "calculator", "cloud", "faceid", "ocr", "ekyc", "webassembly"],
};
fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify(pkg, null, 2) + "\n");

fs.copyFileSync(new URL("../LICENSE", import.meta.url), path.join(dir, "LICENSE"));
fs.writeFileSync(path.join(dir, "README.md"), `# ${name}

${description}. Exact decimal money, the arithmetic shown, the cheapest purchase plan; offline,
in WebAssembly.

In Node (≥ 20), nothing to initialise:

\`\`\`js
import { quote } from "${name}";
const q = quote({ lines: [{ service: "活体人脸核身", calls: [15000], packs: [{ size: 10000, count: 1 }] }] });
q.total; // "12250.00"
q.lines[0].explanation; // "(15,000 − 10,000) × 0.85 + 8,000 = 12,250"
\`\`\`

In a page, initialise once (the WebAssembly is fetched from beside \`packwise.js\`); with a
bundler, give it the URL of \`${name}/packwise_bg.wasm\` as the bundler emits it (esbuild:
\`--loader:.wasm=file\`):

\`\`\`js
import init, { quote } from "${name}";
import wasm from "${name}/packwise_bg.wasm";
await init({ module_or_path: wasm });
\`\`\`

Also: \`optimize\`, \`optimizeAsync\` (in a Web Worker where there is one and \`packwise.js\` is
served as its own file; in a bundle, on the page's thread), \`compare\` (vendors
compared), \`usage\` / \`readUsage\` / \`hindsight\` (a usage export into an estimate), \`catalog\`,
\`validateCatalog\`, \`examples\`; TypeScript declarations included. Errors are thrown as
\`PackwiseError\`s naming the field (\`path\`, \`code\`).
`);
console.error(`pkg-meta: ${dir}/ is the npm package ${name}@${version}`);

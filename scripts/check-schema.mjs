// The built-in price list conforms to the published JSON Schema (schema/price-list.schema.json),
// and the schema agrees with the parser on the price-list vectors (tests/vectors/
// invalid-price-lists.json, which tests/price_lists.rs runs through the parser): it accepts every
// list the parser accepts and rejects every list the parser refuses, except the vectors that say
// why a schema cannot see their problem (an order, a reference, a duplicate).
// Usage: node scripts/check-schema.mjs
import fs from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";

const read = (p) => JSON.parse(fs.readFileSync(new URL(`../${p}`, import.meta.url), "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(read("schema/price-list.schema.json"));
let failed = 0;
if (!validate(read("data/price-list.json"))) {
  failed++;
  console.error("check-schema: data/price-list.json does not conform:", validate.errors);
}
const bad = [
  { format: 3, services: [] },
  { format: 2, services: [] }, // a format 2 list states its currency
  { format: 1, services: [{ id: "s", name: "S", postpaid: { tiers: [{ price: 0.85 }] } }] },
  { format: 1, services: [{ id: "s", name: "S", nam: "typo" }] },
  { format: 1, pack_products: [{ id: "p", name: "P", sizes: [{ calls: -1, price: "1" }] }], services: [] },
];
for (const b of bad) {
  if (validate(b)) {
    failed++;
    console.error("check-schema: the schema accepts an invalid list:", JSON.stringify(b));
  }
}
const vectors = read("tests/vectors/invalid-price-lists.json");
let agreed = 0;
for (const v of vectors) {
  if (!("list" in v)) continue; // raw text that is not JSON: nothing for a schema to see
  const accepted = validate(v.list);
  const parserAccepts = v.problems.length === 0;
  const want = parserAccepts ? true : !v.schema_rejects;
  if (accepted !== want) {
    failed++;
    console.error(`check-schema: "${v.name}": the schema ${accepted ? "accepts" : "rejects"} it, the parser ${parserAccepts ? "accepts" : "refuses"} it`);
  } else {
    agreed++;
  }
}
console.log(failed ? `check-schema: ${failed} problems` : `check-schema: the built-in list conforms; invalid lists are refused; the schema agrees with the parser on ${agreed} vectors`);
process.exit(failed ? 1 : 0);

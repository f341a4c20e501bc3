// The built-in price list conforms to the published JSON Schema (schema/price-list.schema.json),
// and the schema rejects what it can see is wrong. Usage: node scripts/check-schema.mjs
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
  { format: 2, services: [] },
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
console.log(failed ? `check-schema: ${failed} problems` : "check-schema: the built-in list conforms; invalid lists are refused");
process.exit(failed ? 1 : 0);

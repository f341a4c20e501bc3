// Type-checks the library's Node entry as a Node project without the DOM's library would use it
// (tsc --noEmit, run by scripts/test): its declarations must not name the DOM's types.
import { quote, optimize, usage } from "../../../pkg/node.js";
import type { Estimate, Quote, Money } from "../../../pkg/node.js";

export function example(): Money | null {
  const estimate: Estimate = { lines: [{ service: "活体人脸核身", calls: [15000], packs: [{ size: 10000, count: 1 }] }] };
  const q: Quote = quote(estimate, { lang: "en" });
  const best = optimize(estimate);
  const history: Estimate = usage(new Uint8Array([109, 111, 110, 116, 104, 44, 99, 97, 108, 108, 115, 10]), { service: "活体人脸核身" });
  void [best.optimization[0].proven_optimal, history.lines.length];
  return q.total;
}

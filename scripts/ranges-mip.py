#!/usr/bin/env python3
"""An independent exact model of the range benchmark, to see how far the optimizer's range plans
and bounds are from the optimum: a mixed-integer programme of 活体人脸核身's rules solved by HiGHS,
its plan then priced by the engine's own `quote`, so the figure compared is the engine's.

    pip install highspy   # once; not needed by the build or the tests
    cargo bench --bench ranges -- --json 2>/dev/null > /tmp/ranges.jsonl
    scripts/ranges-mip.py /tmp/ranges.jsonl [seconds per range, default 60] [--windows MONTHS]

The model (basic_authority packs and the postpaid table of data/price-list.json, which the
script reads): packs bought in month s serve months s..s+11; every case draws the same purchases
first in, first out, and a month goes postpaid only when every pack on hand is empty (binary
variables say which lot is still open); postpaid calls take the price of the tier their volume
reaches (0 < u ≤ 1,000 at 1, then 0.85, 0.75, 0.68; 200,000 and more only through sales, which
the model forbids). Where one case never needs more calls than another in any month, it never
draws more from any lot up to any month either; those inequalities are added (they cut no plan,
and at 36 months at up to 150,777 a month they lift the bound HiGHS reaches in 300 s from
2,036,503 to 2,045,142). It prints, per range: the optimizer's expected cost and stated bound, the
model's plan priced by `quote`, its proven bound and whether HiGHS proved it. With `--windows
MONTHS` it asks instead whether any window of that many months (every third of it) can be bought
more cheaply with the optimizer's purchases outside it fixed: per window, the model's best and
whether it is proven.
"""
import json, subprocess, sys
from decimal import Decimal

import highspy
import numpy as np

LIST = json.load(open("data/price-list.json"))
PACKS = next(p for p in LIST["pack_products"] if p["id"] == "basic_authority")
SIZES = [(s["calls"], float(s["price"])) for s in PACKS["sizes"] if s.get("offered", True)]
V = PACKS["validity_months"]
SERVICE = next(s for s in LIST["services"] if s["id"] == "liveness_verification")
TIERS, low = [], 1
for t in SERVICE["postpaid"]["tiers"]:
    if t.get("contact_sales"):
        break
    top = t["up_to"] if t.get("up_to_included") else t["up_to"] - 1
    TIERS.append((low, top, float(t["price"])))
    low = top + 1


def solve(row, seconds, window=None):
    """The model's plan, its bound and whether it is proven; with `window` (first month, months
    after the last, from 0) every purchase outside it is the optimizer's."""
    line, w = row["line"], row["weights"]
    vols = [line["calls_low"], line["calls"], line["calls_high"]]
    weights = [float(w["low"]), float(w["likely"]), float(w["high"])]
    t_n = len(line["calls"])
    h = highspy.Highs()
    h.silent()
    inf = highspy.kHighsInf

    def var(lo, hi, cost, integer=False):
        i = h.getNumCol()
        h.addVar(lo, hi)
        h.changeColCost(i, cost)
        if integer:
            h.changeColIntegrality(i, highspy.HighsVarType.kInteger)
        return i

    def row_(lo, hi, idx, val):
        h.addRow(lo, hi, len(idx), np.array(idx, dtype=np.int32), np.array(val, dtype=np.float64))

    # No month buys more of a size than the whole horizon's largest case needs (and one more).
    need = sum(max(v[m] for v in vols) for m in range(t_n))
    most = [need // size + 1 for size, _ in SIZES]
    buy = {(m, k): var(0, most[k], SIZES[k][1], True) for m in range(t_n) for k in range(len(SIZES))}
    if window:
        ours = {(p["month"] - 1, [size for size, _ in SIZES].index(p["size"])): p["count"] for p in line["packs"]}
        for (m, k), i in buy.items():
            if not window[0] <= m < window[1]:
                h.changeColBounds(i, ours.get((m, k), 0), ours.get((m, k), 0))
    big = sum(n * size for n, (size, _) in zip(most, SIZES))
    cap = TIERS[-1][1]
    draws = []
    for c in range(3):
        v, wc = vols[c], weights[c]
        active = lambda m: range(max(0, m - V + 1), m + 1)
        x = {(s, m): var(0, v[m], 0) for m in range(t_n) for s in active(m)}
        draws.append(x)
        post = {}
        for m in range(t_n):
            parts, chosen = [], []
            for lo, hi, price in TIERS:
                t, u = var(0, 1, 0, True), var(0, hi, wc * price)
                row_(-inf, 0, [u, t], [1, -hi])
                row_(0, inf, [u, t], [1, -lo])
                parts.append(u)
                chosen.append(t)
            row_(-inf, 1, chosen, [1] * len(chosen))
            post[m] = parts
            idx = [x[(s, m)] for s in active(m)] + parts
            row_(v[m], v[m], idx, [1] * len(idx))
        for s in range(t_n):
            ms = range(s, min(t_n, s + V))
            row_(-inf, 0, [x[(s, m)] for m in ms] + [buy[(s, k)] for k in range(len(SIZES))],
                 [1] * len(ms) + [-size for size, _ in SIZES])
        for m in range(t_n):
            for s in active(m):
                still = var(0, 1, 0, True)  # lot s has calls left after month m
                drawn = [x[(s, mm)] for mm in range(s, m + 1)]
                row_(-inf, 0, [buy[(s, k)] for k in range(len(SIZES))] + drawn + [still],
                     [size for size, _ in SIZES] + [-1] * len(drawn) + [-big])
                for u in post[m]:
                    row_(-inf, cap, [u, still], [1, cap])
                for s2 in active(m):
                    if s2 > s:
                        row_(-inf, v[m], [x[(s2, m)], still], [1, v[m]])
    # The same lots drawn first in, first out by a case that never needs more in any month leave
    # each lot at least as full, so up to every month it has drawn at most as much from each lot
    # (valid inequalities: no plan is cut, but the branch and bound closes its bound sooner).
    for c in range(2):
        if all(a <= b for a, b in zip(vols[c], vols[c + 1])):
            lower, upper = draws[c], draws[c + 1]
            for s in range(t_n):
                for m in range(s, min(t_n, s + V)):
                    ms = range(s, m + 1)
                    row_(-inf, 0, [lower[(s, mm)] for mm in ms] + [upper[(s, mm)] for mm in ms],
                         [1] * len(ms) + [-1] * len(ms))
    h.setOptionValue("time_limit", float(seconds))
    h.setOptionValue("mip_rel_gap", 1e-7)
    h.run()
    sol = h.getSolution().col_value
    plan = [{"size": SIZES[k][0], "count": round(sol[i]), "month": m + 1} for (m, k), i in buy.items() if round(sol[i]) > 0]
    return plan, h.getInfo().mip_dual_bound, h.getModelStatus() == highspy.HighsModelStatus.kOptimal


def priced(row, plan):
    line = dict(row["line"], packs=plan)
    out = subprocess.run(["cargo", "run", "-q", "--release", "--bin", "quote", "--", "--compact"],
                         input=json.dumps({"lines": [line], "scenario_weights": row["weights"]}),
                         capture_output=True, text=True, check=True).stdout
    r, w = json.loads(out)["range"], row["weights"]
    return sum(Decimal(w[k]) * Decimal(r[k]) for k in ("low", "likely", "high")).quantize(Decimal("0.01"))


def windows(row, seconds, months):
    """Each window of `months` months, every third of it, re-bought by the model around ours."""
    t_n, step = len(row["line"]["calls"]), max(1, months // 3)
    print(f"{row['months']} months up to {row['level']}: ours {row['expected']}", flush=True)
    for first in range(0, max(1, t_n - months + step), step):
        plan, bound, proven = solve(row, seconds, (first, min(t_n, first + months)))
        print(f"  months {first + 1}–{min(t_n, first + months)}: {priced(row, plan)} "
              f"({bound:,.2f}, {'proven' if proven else 'time limit'})", flush=True)


if __name__ == "__main__":
    args, months = sys.argv[1:], None
    if "--windows" in args:
        at = args.index("--windows")
        months, args = int(args[at + 1]), args[:at] + args[at + 2:]
    if months:
        for text in open(args[0]):
            windows(json.loads(text), float(args[1]) if len(args) > 1 else 60, months)
        sys.exit()
    seconds = float(args[1]) if len(args) > 1 else 60
    print("months  level  optimizer (stated bound)  exact model (its bound, proven?)  optimizer above the model")
    for text in open(args[0]):
        row = json.loads(text)
        plan, bound, proven = solve(row, seconds)
        model, mine = priced(row, plan), Decimal(row["expected"])
        print(f"{row['months']:>6} {row['level']:>6}  {mine:>12} ({row['lower_bound']:>10})  {model:>12} ({bound:,.2f}, "
              f"{'proven' if proven else 'time limit'})  {(mine - model) / model * 100:+.3f} %", flush=True)

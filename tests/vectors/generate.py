#!/usr/bin/env python3
"""Regenerates tier-boundaries.json and pack-prices.json straight from the price document 001,
independently of the Rust engine (a second implementation of the table reading, in Python with
exact decimals), so the Rust tests compare the engine against figures it did not compute.

Run from the repository root: python3 tests/vectors/generate.py ../shared/price-documents
"""
import json, re, sys
from decimal import Decimal
from pathlib import Path

docs = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/price-documents")
lines = (docs / "001_460f23b38131a04b.txt").read_text(encoding="utf-8").splitlines()

def cells(n):
    row = re.sub(r"</?nobr>", "", lines[n - 1])
    return [c.strip() for c in row.strip().strip("|").split("|")]

def yuan(s):
    return Decimal(s.replace(",", "").replace("元/次", "").replace("元", "").strip())

# Postpaid table 001:26-32, boundaries from the header 001:24: 0<x<1000, 1000≤x<1万, 1万≤x<10万,
# 10万≤x<20万, 20万及以上 — except that postpaid example one (001:96) prices exactly 1,000 calls
# at the first tier's 1 元, so the first tier is 0<x≤1000 (assumption first-tier-includes-1000).
# `bounds` are the first volume of each next tier.
bounds = [1001, 10000, 100000, 200000]
boundaries = []
for n in range(26, 33):
    c = cells(n)
    service, prices = c[0], c[1:5]
    assert "联系商务" in c[5], c
    def cost(x):
        for i, b in enumerate(bounds):
            if x < b:
                return str((yuan(prices[i]) * x).quantize(Decimal("0.01")))
        return None  # 联系商务
    for x in [1, 999] + [v for b in bounds for v in (b - 1, b)]:
        boundaries.append({"service": service, "calls": x, "total": cost(x), "source": f"001:24, 001:{n}"})

# Pack table 001:12-19, sizes from the header 001:10; E证通 001:51-66
sizes = [1000, 10000, 100000, 200000, 500000, 1000000]
packs = []
for n in range(12, 20):
    c = cells(n)
    for size, cell in zip(sizes, c[1:7]):
        packs.append({"pack_product": c[0], "size": size,
                      "price": None if cell == "-" else str(yuan(cell).quantize(Decimal("0.01"))),
                      "source": f"001:10, 001:{n}"})
eid = [(1000, 54), (5000, 58), (10000, 62), (100000, 66)]
for size, n in eid:
    price = re.sub(r"</?td>", "", lines[n - 1]).strip()
    packs.append({"pack_product": "E证通（权威库）", "size": size, "price": str(yuan(price).quantize(Decimal("0.01"))),
                  "source": f"001:{n - 1}-{n}"})

out = Path(__file__).parent
(out / "tier-boundaries.json").write_text(json.dumps(boundaries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
(out / "pack-prices.json").write_text(json.dumps(packs, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"{len(boundaries)} boundary cases, {len(packs)} pack prices")

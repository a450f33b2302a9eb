#!/usr/bin/env python3
"""Writes ONE plan (terraform show -json shape) holding N copies of the resources of
testdata/token/plan.json, every copy with its own addresses and its own ids and ARNs (as a real
plan has). Usage: python3 benches/big_plan.py N OUT.json"""
import json, os, sys

n, out = int(sys.argv[1]), sys.argv[2]
src = os.path.join(os.path.dirname(__file__), "..", "testdata", "token", "plan.json")
plan = json.load(open(src))
base = json.dumps(plan["planned_values"]["root_module"]["resources"])
ids = ["eu-west-1_TestPool1", "api123", "auth1", "http1", "jwt1", "m2mclient123", "res1"]
res = []
for i in range(n):
    t = base
    for k in ids:
        t = t.replace(k, f"{k}u{i}")
    for r in json.loads(t):
        r["address"] += f"_{i}"
        r["name"] += f"_{i}"
        res.append(r)
plan["planned_values"]["root_module"]["resources"] = res
with open(out, "w") as f:
    json.dump(plan, f, indent=2)

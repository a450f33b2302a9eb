#!/usr/bin/env python3
"""Writes ONE root module holding N copies of the bundled example stack (each copy's resources,
data sources and variables renamed with a _cK suffix; one provider and terraform block).
Usage: python3 benches/one_root.py N OUTDIR"""
import os, re, sys

n, out = int(sys.argv[1]), sys.argv[2]
src = os.path.join(os.path.dirname(__file__), "..", "testdata", "example")
files = {f: open(os.path.join(src, f)).read() for f in sorted(os.listdir(src)) if f.endswith(".tf")}
text = "\n".join(files.values())
res = re.findall(r'^resource "([^"]+)" "([^"]+)"', text, re.M)
data = re.findall(r'^data "([^"]+)" "([^"]+)"', text, re.M)
var = re.findall(r'^variable "([^"]+)"', text, re.M)


def strip_blocks(t, kinds):
    out, i = [], 0
    pat = re.compile(r'^(%s)\b[^{]*\{' % "|".join(kinds), re.M)
    while True:
        m = pat.search(t, i)
        if not m:
            out.append(t[i:])
            return "".join(out)
        out.append(t[i:m.start()])
        depth, j = 0, m.end() - 1
        while j < len(t):
            if t[j] == "{":
                depth += 1
            elif t[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        i = j + 1


os.makedirs(out, exist_ok=True)
for k in range(1, n + 1):
    for f, t in files.items():
        s = "_c%d" % k
        for ty, nm in res:
            t = t.replace('resource "%s" "%s"' % (ty, nm), 'resource "%s" "%s%s"' % (ty, nm, s))
            t = re.sub(r'(?<![\w.])%s\.%s(?![\w-])' % (re.escape(ty), re.escape(nm)), "%s.%s%s" % (ty, nm, s), t)
        for ty, nm in data:
            t = t.replace('data "%s" "%s"' % (ty, nm), 'data "%s" "%s%s"' % (ty, nm, s))
            t = re.sub(r'data\.%s\.%s(?![\w-])' % (re.escape(ty), re.escape(nm)), "data.%s.%s%s" % (ty, nm, s), t)
        for nm in var:
            t = t.replace('variable "%s"' % nm, 'variable "%s%s"' % (nm, s))
            t = re.sub(r'var\.%s(?![\w-])' % re.escape(nm), "var.%s%s" % (nm, s), t)
        # each copy serves its own domain (a real root never holds 1,000 records of one name)
        t = t.replace('"chinmayto.com"', '"c%d.chinmayto.com"' % k)
        if k > 1:
            t = strip_blocks(t, ["provider", "terraform"])
        open(os.path.join(out, "c%d_%s" % (k, f)), "w").write(t)

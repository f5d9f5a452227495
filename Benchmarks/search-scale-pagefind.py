#!/usr/bin/env python3
"""Writes one simple HTML page per filing (the same public fields the beian index holds) and a
measuring page, for Pagefind to index: the side-by-side comparison of Benchmarks/search-scale.

Usage: search-scale-pagefind.py FILINGS.json OUT_DIR
"""
import html
import json
import os
import sys

filings = json.load(open(sys.argv[1], encoding="utf-8"))
out = sys.argv[2]
PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{alg}</title></head>
<body><main data-pagefind-body><h1>{alg}</h1><p>主体名称：{entity}</p><p>备案编号：网信算备{digits}号</p>
<p>应用产品：{products}</p><p>主要用途：{purpose}</p><p>{type} · {role} · {status}</p></main></body></html>
"""
for f in filings:
    digits = f["number"][4:-1]
    d = os.path.join(out, "filings", digits)
    os.makedirs(d, exist_ok=True)
    e = {k: html.escape(v) for k, v in [("alg", f["algorithmName"]), ("entity", f["entityName"]), ("digits", digits),
                                         ("products", "、".join(f["products"]) or "--"), ("purpose", f["purpose"]),
                                         ("type", f["type"]), ("role", f["role"]), ("status", f["status"])]}
    with open(os.path.join(d, "index.html"), "w", encoding="utf-8") as fh:
        fh.write(PAGE.format(**e))

# The measuring page: Pagefind's JS API, first ten results' data loaded, as its UI would show.
with open(os.path.join(out, "search.html"), "w", encoding="utf-8") as fh:
    fh.write("""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Pagefind</title></head>
<body><ol id="r"></ol>
<script type="module">
const q = new URLSearchParams(location.search).get("q") || "";
const pagefind = await import("/pagefind/pagefind.js");
const search = await pagefind.search(q);
const data = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
const ol = document.getElementById("r");
for (const d of data) {
  const li = document.createElement("li"), a = document.createElement("a");
  a.href = d.url; a.textContent = d.meta.title;
  li.append(a); ol.append(li);
}
window.__pf = { q, count: search.results.length, at: performance.now(), urls: data.map(d => d.url) };
</script></body></html>
""")
print(f"{len(filings)} pages", file=sys.stderr)

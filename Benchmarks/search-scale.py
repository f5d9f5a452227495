#!/usr/bin/env python3
"""Measures first queries on the beian search index and on Pagefind, side by side.

Usage: search-scale.py WORK_DIR   (WORK_DIR holds filings.json, site/ from search-scale-index,
and optionally pf/ with a Pagefind index; see Benchmarks/search-scale).

For every query: a fresh page load with the browser cache cleared (a first query, script
included), then the bytes fetched (Performance API: transferSize as served by
`python3 -m http.server`, i.e. uncompressed, plus the gzip size of the same files) and the time
from navigation start to the first results in the DOM. Prints a table; writes results.json.
"""
import bisect
import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

WORK = sys.argv[1]
filings = json.load(open(os.path.join(WORK, "filings.json"), encoding="utf-8"))


# ---- the tokenizer (mirror of Tokenizer.swift), for the truth ----
def norm(c):
    if 0xFF01 <= c <= 0xFF5E:
        c -= 0xFEE0
    elif c == 0x3000:
        c = 0x20
    if 0x41 <= c <= 0x5A:
        c += 0x20
    return c


def is_word(c):
    if c < 0x80:
        return 0x30 <= c <= 0x39 or 0x61 <= c <= 0x7A
    if c < 0xC0 or c in (0xD7, 0xF7):
        return False
    if 0x2000 <= c <= 0x2BFF or 0xFE00 <= c <= 0xFE6F or 0xFF00 <= c <= 0xFF65 or 0xFFE0 <= c <= 0xFFFF or 0x1F000 <= c <= 0x1FAFF:
        return False
    if 0x3000 <= c <= 0x303F:
        return 0x3005 <= c <= 0x3007
    return c < 0xE0000


def segments(s):
    out, run = [], []
    for ch in s:
        c = norm(ord(ch))
        if is_word(c):
            run.append(chr(c))
        elif run:
            out.append("".join(run))
            run = []
    if run:
        out.append("".join(run))
    return out


def spaced(s):
    return " " + " ".join(segments(s)) + " "


DOCS = []
for f in filings:
    digits = f["number"][4:-1]
    DOCS.append((digits, spaced(" | ".join([f["entityName"], f["algorithmName"]] + f["products"] + [f["purpose"]])),
                 spaced(" | ".join([f["entityName"], f["algorithmName"]] + f["products"]))))


def truth(q):
    """How many filings the query must find (all terms, substring of a name/purpose or number prefix)."""
    pieces = q.split()
    n = 0
    for digits, text, _ in DOCS:
        ok = True
        for p in pieces:
            m = re.fullmatch(r"(网信算备)?([0-9]{4,21})号?", p)
            if m:
                hit = digits.startswith(m.group(2))
                if not hit and not m.group(1) and len(m.group(2)) <= 8:
                    hit = m.group(2) in text
                if not hit:
                    ok = False
                    break
            else:
                if not all(s in text for s in segments(p)):
                    ok = False
                    break
        n += ok
    return n


# ---- Pagefind's own contract, for its truth: whole words ----
# Pagefind indexes words, not substrings: it splits a page into words (runs of letters or digits;
# Chinese text cut into words by a dictionary segmenter in its extended build) and a query term
# matches a word that starts with it. Judging it only against beian's substring truth would
# count as misses what it never promises to find, so each query also gets a word truth: the
# filings whose page text (the fields search-scale-pagefind.py writes) has, for every query
# word, a word starting with it. Chinese is cut with jieba (PyPI) when it is installed — close
# to, not the same as, Pagefind's segmenter (charabia, also jieba's dictionary); without jieba
# the word truth of a Chinese query is not computed ("-").
try:
    import jieba
    jieba.setLogLevel(60)
except ImportError:
    jieba = None
WORD_RUN = re.compile(r"[0-9a-z]+|[\u3400-\u9fff\uf900-\ufaff]+")


def words(text, query=False):
    """The words of `text`; for a query with Chinese and no jieba, None (not computable). A
    page's Chinese runs are left out without jieba: no query that could match them is judged."""
    text = "".join(chr(norm(ord(ch))) for ch in text)
    out = []
    for m in WORD_RUN.finditer(text):
        w = m.group(0)
        if w[0].isascii():
            out.append(w)
        elif jieba is not None:
            out.extend(x for x in jieba.cut(w) if x.strip())
        elif query:
            return None
    return out


def page_text(f):
    return " ".join([f["algorithmName"], "主体名称", f["entityName"], "备案编号", "网信算备" + f["number"][4:-1] + "号", "应用产品",
                     "、".join(f["products"]) or "--", "主要用途", f["purpose"], f["type"], f["role"], f["status"]])


WORD_DOCS = None


def word_truth(q):
    """How many filings Pagefind's contract finds: every query word starts a word of the page (None: not computable)."""
    global WORD_DOCS
    terms = words(q, query=True)
    if not terms:
        return None
    if WORD_DOCS is None:
        WORD_DOCS = [sorted(set(words(page_text(f)) or [])) for f in filings]
    n = 0
    for ws in WORD_DOCS:
        ok = True
        for t in terms:
            i = bisect.bisect_left(ws, t)
            if i == len(ws) or not ws[i].startswith(t):
                ok = False
                break
        n += ok
    return n


# ---- the queries: picked from the data, deterministically ----
by_entity = {}
for f in filings:
    by_entity.setdefault(f["entityName"], []).append(f)
big = max(by_entity, key=lambda e: (len(by_entity[e]), e))
single = sorted(e for e, fs in by_entity.items() if len(fs) == 1)[len(by_entity) // 3]
f0 = filings[12345 % len(filings)]
f1 = filings[67890 % len(filings)]
core = single[2:-4]
alg = f1["algorithmName"]
purpose_segs = [s for s in segments(f0["purpose"]) if len(s) >= 6]
QUERIES = [
    ("full entity name (largest entity)", big),
    ("full entity name (one filing)", single),
    ("full algorithm name", alg),
    ("2-char fragment inside an entity name", single[3:5]),
    ("2-char fragment inside an algorithm name", alg[len(alg) // 2 - 1:len(alg) // 2 + 1]),
    ("2-char fragment, very common (智能)", "智能"),
    ("1 character (猫)", "猫"),
    ("full number 网信算备…号", f0["number"]),
    ("bare 21-digit number", f1["number"][4:-1]),
    ("number prefix, 4 digits", "1101"),
    ("number prefix, 6 digits (district)", f0["number"][4:10]),
    ("number prefix, 10 digits", f1["number"][4:14]),
    ("number prefix, 13 digits (entity)", by_entity[big][0]["number"][4:17]),
    ("latin word (APP)", "APP"),
    ("latin word, lower case (ai)", "ai"),
    ("product name", re.sub(r"（.*$", "", next(f for f in filings[500:] if f["products"])["products"][0])),
    ("two terms (北京 推荐)", "北京 推荐"),
    ("two terms (entity core + 生成)", core[:2] + " 生成"),
    ("purpose phrase", purpose_segs[0][:6] if purpose_segs else "通知栏"),
    ("no hit", "不存在的备案查询词"),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(directory):
    """python3 -m http.server on a free port; its request log (stderr) goes to a file we read."""
    port = free_port()
    log = open(os.path.join(WORK, f"server-{port}.log"), "w")
    p = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", directory],
                         stdout=subprocess.DEVNULL, stderr=log)
    p.log_path = log.name
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    return p, f"http://127.0.0.1:{port}"


opts = webdriver.ChromeOptions()
opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
    opts.add_argument(a)
driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
# The client exports no globals; its "beian-search" events (first results shown, count final)
# are kept as window.__beianSearch by this listener, added to every page before its scripts.
driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source":
    "document.addEventListener('beian-search', e => { window.__beianSearch = e.detail; }, true);"})
driver.execute_cdp_cmd("Network.enable", {})
driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})

RESOURCES = """
  const n = performance.getEntriesByType('navigation')[0];
  const r = performance.getEntriesByType('resource');
  return [n.transferSize + r.reduce((a, e) => a + e.transferSize, 0),
          n.decodedBodySize + r.reduce((a, e) => a + e.decodedBodySize, 0),
          r.map(e => new URL(e.name).pathname)];
"""


HEADER_BYTES = 180  # what http.server sends before each body (status line, Server, Date, type, length, modified)


def served(server, root, since):
    """Bytes served since a log offset: bodies as on disk + headers, their gzip size, request count."""
    with open(server.log_path, encoding="utf-8", errors="replace") as f:
        f.seek(since)
        lines = f.read()
    paths = re.findall(r'"GET (\S+) HTTP', lines)
    raw = 0
    for path in paths:
        f = os.path.join(root, urllib.parse.unquote(path.split("?")[0]).lstrip("/"))
        if os.path.isdir(f):
            f = os.path.join(f, "index.html")
        raw += HEADER_BYTES + (os.path.getsize(f) if os.path.isfile(f) else 0)
    return raw, gz_size(root, [p.split("?")[0] for p in paths]) + HEADER_BYTES * len(paths), len(paths)


def log_offset(server):
    return os.path.getsize(server.log_path)


def gz_size(root, paths):
    total = 0
    for p in paths:
        f = os.path.join(root, urllib.parse.unquote(p).lstrip("/"))
        if os.path.isdir(f):
            f = os.path.join(f, "index.html")
        if os.path.isfile(f):
            total += len(gzip.compress(open(f, "rb").read(), 6))
    return total


def median_run(runs):
    """The run with the median time to first results (judged on medians, not on the best run)."""
    return sorted(runs, key=lambda r: r["at"])[len(runs) // 2]


def measure_beian(server, base, root, q, repeat=3):
    runs = []
    for _ in range(repeat):
        driver.execute_cdp_cmd("Network.clearBrowserCache", {})
        since = log_offset(server)
        driver.get(f"{base}/search/?q={urllib.parse.quote(q)}")
        WebDriverWait(driver, 30).until(lambda d: d.execute_script("return window.__beianSearch && window.__beianSearch.q") == q)
        at, ms = driver.execute_script("return [__beianSearch.at, __beianSearch.ms]")
        transferred, decoded, paths = driver.execute_script(RESOURCES)
        # The count may be made exact after the results show, with a few more fetches.
        WebDriverWait(driver, 30).until(lambda d: d.execute_script("return window.__beianSearch.final"))
        count, exact = driver.execute_script("return [__beianSearch.count, __beianSearch.exact]")
        total, _, all_paths = driver.execute_script(RESOURCES)
        time.sleep(0.05)
        raw, gz, n = served(server, root, since)
        runs.append(dict(at=at, ms=ms, count=count, exact=exact, transferred=transferred, decoded=decoded,
                         served=raw, gzip=gz, requests=n, withCount=total))
    return median_run(runs)


def measure_pagefind(server, base, root, q, repeat=3):
    runs = []
    for _ in range(repeat):
        driver.execute_cdp_cmd("Network.clearBrowserCache", {})
        since = log_offset(server)
        driver.get(f"{base}/search.html?q={urllib.parse.quote(q)}")
        WebDriverWait(driver, 120).until(lambda d: d.execute_script("return window.__pf && window.__pf.q") == q)
        at, count = driver.execute_script("return [__pf.at, __pf.count]")
        time.sleep(0.05)
        raw, gz, n = served(server, root, since)
        runs.append(dict(at=at, count=count, served=raw, gzip=gz, requests=n))
    return median_run(runs)


def typed_second_query(base, q1, q2):
    """Bytes a second, typed query costs once the page and script are loaded (cache on)."""
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": False})
    driver.get(f"{base}/search/?q={urllib.parse.quote(q1)}")
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return window.__beianSearch && window.__beianSearch.q") == q1)
    before = driver.execute_script("return performance.getEntriesByType('resource').reduce((a, e) => a + e.transferSize, 0)")
    driver.execute_script("const i = document.getElementById('bs-q'); i.value = arguments[0]; i.form.requestSubmit();", q2)
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return window.__beianSearch.q") == q2)
    after = driver.execute_script("return performance.getEntriesByType('resource').reduce((a, e) => a + e.transferSize, 0)")
    ms = driver.execute_script("return __beianSearch.ms")
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    return after - before, ms


def substring_check(base, count=100):
    """Random substrings (2–8 characters) of entity and algorithm names, each AND-ed with its
    filing's full number: the filing must come back. Typed on one loaded page."""
    import random
    rng = random.Random(7)
    cases = []
    while len(cases) < count:
        f = rng.choice(filings)
        name = rng.choice([f["entityName"], f["algorithmName"]])
        if len(name) < 2:
            continue
        n = rng.randint(2, min(8, len(name)))
        i = rng.randint(0, len(name) - n)
        if segments(name[i:i + n]):
            cases.append((name[i:i + n], f["number"][4:-1]))
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": False})
    driver.get(f"{base}/search/")
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.getElementById('search-app').getAttribute('data-state')") == "idle")
    missed = []
    for sub, digits in cases:
        q = f"{sub} {digits}"
        driver.execute_script("const i = document.getElementById('bs-q'); i.value = arguments[0]; i.form.requestSubmit();", q)
        WebDriverWait(driver, 30).until(lambda d: d.execute_script("return window.__beianSearch && window.__beianSearch.q === arguments[0] && window.__beianSearch.final", q))
        shown = driver.execute_script("return Array.from(document.querySelectorAll('#bs-results h3 a')).map(a => a.href)")
        if not any(digits in h for h in shown):
            missed.append(sub)
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    return len(cases), missed


results = {"queries": []}
server, base = serve(os.path.join(WORK, "site"))
pf_dir = os.path.join(WORK, "pf")
pf_server, pf_base = serve(pf_dir) if os.path.isdir(os.path.join(pf_dir, "pagefind")) else (None, None)
try:
    for label, q in QUERIES:
        row = {"label": label, "q": q, "truth": truth(q), "words": word_truth(q),
               "beian": measure_beian(server, base, os.path.join(WORK, "site"), q)}
        if pf_base:
            row["pagefind"] = measure_pagefind(pf_server, pf_base, pf_dir, q)
        results["queries"].append(row)
        print(f"  measured: {label}", file=sys.stderr)
    results["typedSecond"] = typed_second_query(base, QUERIES[0][1], QUERIES[3][1])
    results["substrings"] = substring_check(base)
finally:
    driver.quit()
    server.terminate()
    if pf_server:
        pf_server.terminate()

json.dump(results, open(os.path.join(WORK, "results.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=1)


def kb(x):
    return f"{x / 1024:.1f}"


def found(n, truth_n):
    if n is None:
        return "-"
    return f"{n}" + ("" if n == truth_n else " ≠")


head = (f"{'query':40} {'q':16} {'truth':>6} | {'beian KB':>8} {'gzip':>5} {'req':>3} {'ms':>5} {'found':>7}")
if pf_base:
    head += f" | {'pagefind KB':>11} {'gzip':>5} {'req':>3} {'ms':>6} {'found':>6} {'words':>6}"
print(head)
print("-" * len(head))
for r in results["queries"]:
    b = r["beian"]
    q = r["q"] if len(r["q"]) <= 14 else r["q"][:13] + "…"
    line = (f"{r['label']:40.40} {q:{16 - sum(1 for ch in q if ord(ch) > 0x2E80)}} {r['truth']:>6} | {kb(b['served']):>8} {kb(b['gzip']):>5} {b['requests']:>3} "
            f"{b['at']:>5.0f} {found(b['count'], r['truth']) + ('' if b['exact'] else '~'):>7}")
    if pf_base:
        p = r["pagefind"]
        w = r.get("words")
        line += (f" | {kb(p['served']):>11} {kb(p['gzip']):>5} {p['requests']:>3} {p['at']:>6.0f} {found(p['count'], r['truth']):>6}"
                 f" {('-' if w is None else str(w) + ('' if p['count'] == w else ' ≠')):>6}")
    print(line)


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2]


bs = [r["beian"] for r in results["queries"]]
n = len(bs)
print(f"""
Bytes are what python3 -m http.server sent (bodies + {HEADER_BYTES} B of headers per response, uncompressed);
'gzip' is the same files gzip-compressed, as a CDN would send them. 'ms' is from navigation start to the first
results in the DOM (fresh page, browser cache cleared, the median of 3 runs). '~' marks a count the client shows as an
estimate (约); '≠' after 'found' a count that differs from the substring truth (beian's contract: every filing with all
terms as substrings of a name or the purpose, or the number prefix); 'words' is Pagefind's own contract (every query
word starts a word of the page; Chinese cut by jieba, '-' without it), '≠' there a count that differs from it.
Targets are judged on medians.""")
print(f"beian:    median {kb(median([b['served'] for b in bs]))} KB (max {kb(max(b['served'] for b in bs))} KB), "
      f"median {kb(median([b['gzip'] for b in bs]))} KB gzip; {sum(b['served'] < 50 * 1024 for b in bs)}/{n} queries under 50 KB "
      f"({sum(b['gzip'] < 50 * 1024 for b in bs)}/{n} gzip); first results median {median([b['at'] for b in bs]):.0f} ms after navigation "
      f"(max {max(b['at'] for b in bs):.0f}), the query itself median {median([b['ms'] for b in bs]):.0f} ms; "
      f"{sum(b['count'] == r['truth'] for b, r in zip(bs, results['queries']))}/{n} counts equal the truth "
      f"(Performance API cross-check: median {kb(median([b['transferred'] for b in bs]))} KB)")
second = results["typedSecond"]
print(f"          a second query typed on the loaded page: {kb(second[0])} KB, {second[1]:.0f} ms")
total, missed = results["substrings"]
print(f"          random substrings of names (2–8 characters) found: {total - len(missed)}/{total}" + (f"; missed: {missed}" if missed else ""))
if pf_base:
    ps = [r["pagefind"] for r in results["queries"]]
    print(f"pagefind: median {kb(median([p['served'] for p in ps]))} KB (max {kb(max(p['served'] for p in ps))} KB), "
          f"median {kb(median([p['gzip'] for p in ps]))} KB gzip; first results median {median([p['at'] for p in ps]):.0f} ms "
          f"(max {max(p['at'] for p in ps):.0f}); {sum(p['count'] == r['truth'] for p, r in zip(ps, results['queries']))}/{n} counts equal the substring truth, "
          f"{sum(p['count'] == r['words'] for p, r in zip(ps, results['queries']) if r['words'] is not None)}/"
          f"{sum(r['words'] is not None for r in results['queries'])} its own whole-word truth; "
          f"{sum(p['count'] < r['truth'] for p, r in zip(ps, results['queries']))} queries find fewer than they should, "
          f"{sum(p['count'] == 0 and r['truth'] > 0 for p, r in zip(ps, results['queries']))} find nothing")

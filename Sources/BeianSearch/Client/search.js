// beian 备案查询: the search client. Plain JavaScript, no dependencies, no build step.
// It reads the index that Sources/BeianSearch writes; the tokenizer below mirrors
// Tokenizer.swift exactly (norm, isWord, segments), the decoders mirror PostingCodec.swift.
// Data is only ever put into the page with textContent, never innerHTML.
(function () {
"use strict";
var app = document.getElementById("search-app");
if (!app) return;
var BASE = app.getAttribute("data-base") || "/search/";
if (BASE.slice(-1) !== "/") BASE += "/";
var PAGE = 10, DEBOUNCE = 180, MAX_NUMBER_PAGES = 8;

// ---- tokenizer (mirror of Tokenizer.swift) ----
function norm(c) {
  if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0; else if (c === 0x3000) c = 0x20;
  if (c >= 0x41 && c <= 0x5A) c += 0x20;
  return c;
}
function isWord(c) {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A);
  if (c < 0xC0 || c === 0xD7 || c === 0xF7) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;
  if (c >= 0x3000 && c <= 0x303F) return c >= 0x3005 && c <= 0x3007;
  if (c >= 0xFE00 && c <= 0xFE6F) return false;
  if (c >= 0xFF00 && c <= 0xFF65) return false;
  if (c >= 0xFFE0 && c <= 0xFFFF) return false;
  if (c >= 0x1F000 && c <= 0x1FAFF) return false;
  return c < 0xE0000;
}
function segments(s) {
  var out = [], run = [];
  for (var ch of s) {
    var c = norm(ch.codePointAt(0));
    if (isWord(c)) run.push(c); else if (run.length) { out.push(run); run = []; }
  }
  if (run.length) out.push(run);
  return out;
}
function str(cps) { return String.fromCodePoint.apply(null, cps); }
// Word characters only (what "exact" and "prefix" compare) and segments kept apart (what "contains" searches).
function folded(s) { return segments(s).map(str).join(""); }
function spaced(s) { return " " + segments(s).map(str).join(" ") + " "; }
var NUM_PREFIX = "网信算备";
// Digits of a filing-number query (mirror of Tokenizer.numberQuery), or null.
function numberQuery(p) {
  var s = p.trim(), explicit = s.indexOf(NUM_PREFIX) === 0;
  if (explicit) s = s.slice(NUM_PREFIX.length);
  if (s.slice(-1) === "号") s = s.slice(0, -1);
  s = str(Array.from(s).map(function (ch) { return norm(ch.codePointAt(0)); }));
  if (!/^[0-9]{4,21}$/.test(s)) return null;
  return { digits: s, explicit: explicit };
}
function fnv(key) {
  var h = 0x811c9dc5, b = new TextEncoder().encode(key);
  for (var i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 16777619) >>> 0;
  return h;
}

// ---- decoding (mirror of PostingCodec.swift) ----
var AL = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_", DV = {};
for (var i = 0; i < 64; i++) DV[AL.charCodeAt(i)] = i;
// Varints from s[from…]; onValue gets each number. Returns nothing.
function varints(s, from, onValue) {
  var v = 0, m = 1;
  for (var i = from; i < s.length; i++) {
    var d = DV[s.charCodeAt(i)];
    if (d >= 32) { v += (d - 32) * m; m *= 32; } else { onValue(v + d * m); v = 0; m = 1; }
  }
}
function gaps(s, from, base) {
  var out = [], prev = base - 1;
  varints(s, from, function (g) { prev += g + 1; out.push(prev); });
  return out;
}
// One window's block: gaps, "!" complement or "~" bitmap.
function block(s, start, len) {
  var out = [], i, k;
  if (s[0] === "!") {
    var miss = gaps(s, 1, start), j = 0;
    for (i = start; i < start + len; i++) { if (miss[j] === i) j++; else out.push(i); }
  } else if (s[0] === "~") {
    for (k = 1; k < s.length; k++) {
      var bits = DV[s.charCodeAt(k)];
      for (i = 0; i < 6; i++) if (bits & (1 << i)) out.push(start + (k - 1) * 6 + i);
    }
  } else out = gaps(s, 0, start);
  return out;
}

// ---- fetching ----
var M = null, cache = new Map();
function get(path) {
  var p = cache.get(path);
  if (!p) {
    p = fetch(BASE + path + "?v=" + M.h).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status + " " + path);
      return r.json();
    });
    p.catch(function () { cache.delete(path); });
    cache.set(path, p);
  }
  return p;
}
var manifestP = null;
function manifest() {
  if (!manifestP) {
    manifestP = fetch(BASE + "manifest.json", { cache: "no-cache" }).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status + " manifest.json");
      return r.json();
    }).then(function (m) { M = m; return m; });
    manifestP.catch(function () { manifestP = null; });
  }
  return manifestP;
}

// ---- posting lists ----
// A list knows its count per window without fetching; load(w) gives the sorted ids of window w.
function List(x) {
  this.count = 0; this.inline = null; this.win = new Map();
  var W = M.window, self = this;
  if (typeof x === "string" && x) {
    this.inline = gaps(x, 0, 0); this.count = this.inline.length;
    this.inline.forEach(function (d, i) {
      var w = Math.floor(d / W), r = self.win.get(w);
      if (r) r.c++; else self.win.set(w, { c: 1, at: i });
    });
  } else if (Array.isArray(x)) {
    this.count = x[0];
    for (var i = 1; i < x.length; i += 3) this.win.set(x[i], { c: x[i + 1], f: x[i + 2] });
  }
}
List.fromIDs = function (ids) {
  var l = new List(""), W = M.window;
  l.inline = ids; l.count = ids.length;
  ids.forEach(function (d, i) {
    var w = Math.floor(d / W), r = l.win.get(w);
    if (r) r.c++; else l.win.set(w, { c: 1, at: i });
  });
  return l;
};
List.prototype.wc = function (w) { var r = this.win.get(w); return r ? r.c : 0; };
List.prototype.load = function (w) {
  var r = this.win.get(w);
  if (!r) return Promise.resolve([]);
  if (this.inline) return Promise.resolve(this.inline.slice(r.at, r.at + r.c));
  if (!r.p) {
    var W = M.window;
    r.p = get("b/" + r.f + ".json").then(function (o) { return block(o[w], w * W, Math.min(W, M.docs - w * W)); });
    r.p.catch(function () { r.p = null; });
  }
  return r.p;
};

// ---- sorted-array set operations ----
function inter(a, b) {
  var out = [], i = 0, j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) i++; else if (a[i] > b[j]) j++; else { out.push(a[i]); i++; j++; }
  }
  return out;
}
function union(a, b) {
  var out = [], i = 0, j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) out.push(a[i++]);
    else if (i >= a.length || b[j] < a[i]) out.push(b[j++]);
    else { out.push(a[i]); i++; j++; }
  }
  return out;
}
function minus(a, b) {
  var out = [], j = 0;
  for (var i = 0; i < a.length; i++) { while (j < b.length && b[j] < a[i]) j++; if (b[j] !== a[i]) out.push(a[i]); }
  return out;
}

// ---- query plan ----
// A text clause looks up at most four bigrams that cover the token (first and last always),
// a number clause a number-prefix term or the sorted number index, plus the digits as text.
function textKeys(tok) {
  var L = tok.length;
  if (L <= 2) return [str(tok)];
  var K = Math.min(Math.ceil(L / 2), 4), keys = [];
  for (var i = 0; i < K; i++) {
    var at = Math.round(i * (L - 2) / (K - 1)), k = str(tok.slice(at, at + 2));
    if (keys.indexOf(k) < 0) keys.push(k);
  }
  return keys;
}
function parse(q, f) {
  var plan = { text: [], nums: [], facets: [], tokens: [] }, seen = {};
  q.split(/[\s\u3000]+/).forEach(function (piece) {
    if (!piece) return;
    var n = numberQuery(piece);
    if (n) {
      // The digits may also be part of a name (12306): searched as text too, except for an
      // explicit 网信算备… or, for long prefixes, unless the number index finds nothing.
      var alt = n.explicit ? null : textClause(n.digits.split("").map(function (c) { return c.charCodeAt(0); }));
      plan.nums.push({ digits: n.digits, alt: alt, lazyAlt: n.digits.length > M.numTerms[1] });
      plan.tokens.push(n.digits);
    } else segments(piece).forEach(function (seg) {
      var t = str(seg);
      if (seen[t]) return;
      seen[t] = 1;
      plan.text.push(textClause(seg)); plan.tokens.push(t);
    });
  });
  if (f.type) plan.facets.push("@t" + f.type);
  if (f.role !== "") plan.facets.push("@r" + f.role);
  if (f.prov) plan.facets.push("@p" + f.prov);
  if (f.status !== "") plan.facets.push("@s" + f.status);
  return plan;
}
function textClause(tok) { return { tok: str(tok), len: tok.length, keys: textKeys(tok) }; }
function shardOf(key) { return "s/" + (fnv(key) % M.shards) + ".json"; }
// Fetches the shards of the given keys (in parallel): key → entry.
async function entries(keys) {
  var shards = Array.from(new Set(keys.map(shardOf))), got = await Promise.all(shards.map(get)), out = {};
  got.forEach(function (s) { keys.forEach(function (k) { if (s[k] !== undefined) out[k] = s[k]; }); });
  return out;
}
function setLists(c, es) {
  var e = c.keys.map(function (k) { return es[k] || []; });
  c.n = e.map(function (x) { return new List(x[0]); });
  c.p = e.map(function (x) { return new List(x[3]); });
  c.s = new List(e[0][1]);
  c.e = new List(c.len >= 2 ? e[e.length - 1][2] : "");
  c.df = e.length === 1 ? (e[0][4] !== undefined ? e[0][4] : union(c.n[0].inline || [], c.p[0].inline || []).length) : -1;
}
// Turns a plan into lists: every shard it needs, the number index for long prefixes.
async function resolve(plan) {
  var keys = [];
  plan.text.forEach(function (c) { keys = keys.concat(c.keys); });
  plan.nums.forEach(function (n) {
    if (n.digits.length <= M.numTerms[1]) keys.push("#" + n.digits);
    if (n.alt && !n.lazyAlt) keys = keys.concat(n.alt.keys);
  });
  keys = keys.concat(plan.facets);
  var r = await Promise.all([entries(keys), Promise.all(plan.nums.map(numberDocs))]), es = r[0], late = [];
  plan.text.forEach(function (c) { setLists(c, es); });
  plan.nums.forEach(function (n, i) {
    var ids = r[1][i];
    n.list = ids ? List.fromIDs(ids) : new List((es["#" + n.digits] || [])[0]);
    n.exact = n.digits.length === 21;
    if (n.alt && n.lazyAlt && ids && ids.length) n.alt = null;
    if (n.alt && n.lazyAlt) late.push(n.alt);
    else if (n.alt) setLists(n.alt, es);
  });
  if (late.length) {
    var more = await entries([].concat.apply([], late.map(function (c) { return c.keys; })));
    late.forEach(function (c) { setLists(c, more); });
  }
  plan.facetLists = plan.facets.map(function (k) { return new List((es[k] || [])[0]); });
  return plan;
}

// ---- sorted number index (prefixes longer than the number terms) ----
function frontDecoded(s, withIDs) {
  var out = [], prev = "", i = 0;
  while (i < s.length) {
    var shared = DV[s.charCodeAt(i++)], n = prev.slice(0, shared) + s.substr(i, 21 - shared);
    i += 21 - shared;
    var id = -1;
    if (withIDs) { var v = 0, m = 1, d; while ((d = DV[s.charCodeAt(i++)]) >= 32) { v += (d - 32) * m; m *= 32; } id = v + d * m; }
    out.push({ n: n, id: id }); prev = n;
  }
  return out;
}
// Position of the first number ≥ key (upper: > key) in the sorted index.
function locate(key, upper) {
  function before(x) { return upper ? x <= key : x < key; }
  var part = 0;
  while (part + 1 < M.np.length && before(M.np[part + 1])) part++;
  return get("n/d" + part + ".json").then(function (s) {
    var firsts = frontDecoded(s, false), page = part * M.numPart, k = 0;
    while (k + 1 < firsts.length && before(firsts[k + 1].n)) k++;
    page += k;
    return get("n/" + page + ".json").then(function (t) {
      var nums = frontDecoded(t, true), j = 0;
      while (j < nums.length && before(nums[j].n)) j++;
      return page * M.numPage + j;
    });
  });
}
function numberDocs(n) {
  if (n.digits.length <= M.numTerms[1] || M.docs === 0) return Promise.resolve(null);
  var lo = n.digits + "000000000000000000000".slice(n.digits.length), hi = n.digits + "999999999999999999999".slice(n.digits.length);
  return Promise.all([locate(lo, false), locate(hi, true)]).then(function (r) {
    var from = r[0], to = r[1], pages = [];
    if (to <= from) return [];
    for (var p = Math.floor(from / M.numPage); p <= Math.floor((to - 1) / M.numPage) && pages.length < MAX_NUMBER_PAGES; p++) pages.push(p);
    n.truncated = pages.length === MAX_NUMBER_PAGES && Math.floor((to - 1) / M.numPage) >= pages[0] + MAX_NUMBER_PAGES;
    return Promise.all(pages.map(function (p) { return get("n/" + p + ".json"); })).then(function (texts) {
      var ids = [];
      texts.forEach(function (t, i) {
        frontDecoded(t, true).forEach(function (e, j) {
          var pos = pages[i] * M.numPage + j;
          if (pos >= from && pos < to) ids.push(e.id);
        });
      });
      return ids.sort(function (a, b) { return a - b; });
    });
  });
}

// ---- evaluation: best-first over windows ----
// Classes: 0 exact number, 1 exact entity name, 2 exact algorithm/product name, 3 prefix,
// 4 substring of a name, 5 purpose only. Results are ordered by class, then id (newest first).
function Search(plan) {
  this.plan = plan; this.found = []; this.units = []; this.done = 0; this.byWindow = new Map();
  this.removed = 0; this.estFound = [0, 0]; this.estSum = [0, 0];
  var NW = Math.ceil(M.docs / M.window), self = this;
  if (!plan.text.length && !plan.nums.length && !plan.facets.length) NW = 0;
  for (var w = 0; w < NW; w++) {
    var b = this.bound(w);
    if (b < 9) this.units.push({ w: w, names: true, b: b });
    if (this.purposePossible(w)) this.units.push({ w: w, names: false, b: 5 });
  }
  this.units.sort(function (a, b) { return a.b - b.b || a.w - b.w || (a.names ? -1 : 1); });
  this.units.forEach(function (u) { u.est = self.estimate(u); });
}
function textBest(c, w) {
  if (c.n.some(function (l) { return l.wc(w) === 0; })) return 9;
  if (c.s.wc(w) > 0) return c.e.wc(w) > 0 ? 1 : 3;
  return 4;
}
Search.prototype.facetsOK = function (w) { return this.plan.facetLists.every(function (l) { return l.wc(w) > 0; }); };
Search.prototype.bound = function (w) {
  if (!this.facetsOK(w)) return 9;
  var b = 9, worst = 0;
  this.plan.text.forEach(function (c) { var x = textBest(c, w); b = Math.min(b, x); worst = Math.max(worst, x); });
  this.plan.nums.forEach(function (n) {
    var x = n.list.wc(w) > 0 ? (n.exact ? 0 : 3) : 9;
    if (n.alt) x = Math.min(x, textBest(n.alt, w));
    b = Math.min(b, x); worst = Math.max(worst, x);
  });
  if (!this.plan.text.length && !this.plan.nums.length) return 4;
  return worst >= 9 ? 9 : b;
};
function textPurpose(c, w) { return c.p.every(function (l) { return l.wc(w) > 0; }); }
Search.prototype.purposePossible = function (w) {
  if (!this.facetsOK(w) || !this.plan.text.length && !this.plan.nums.length) return false;
  var any = false, all = true;
  this.plan.text.forEach(function (c) { var p = textPurpose(c, w); any = any || p; all = all && (p || textBest(c, w) < 9); });
  this.plan.nums.forEach(function (n) {
    var p = !!n.alt && textPurpose(n.alt, w); any = any || p;
    all = all && (p || n.list.wc(w) > 0 || (!!n.alt && textBest(n.alt, w) < 9));
  });
  return any && all;
};
// Expected matches of a unit, from window counts only (independence between clauses).
Search.prototype.estimate = function (u) {
  var size = Math.min(M.window, M.docs - u.w * M.window), f = 1;
  function frac(x) { return Math.min(1, x / size); }
  function textEst(c) {
    var ls = u.names ? c.n : c.p;
    return Math.min.apply(null, ls.map(function (l) { return l.wc(u.w); }));
  }
  this.plan.text.forEach(function (c) { f *= frac(textEst(c)); });
  this.plan.nums.forEach(function (n) { f *= frac(n.list.wc(u.w) + (n.alt ? textEst(n.alt) : 0)); });
  this.plan.facetLists.forEach(function (l) { f *= frac(l.wc(u.w)); });
  return size * f;
};
// Loads a text clause's lists for window w: names ids with classes, and (if asked) purpose ids.
function textWindow(c, w, withPurpose) {
  var k = c.n.length, loads = c.n.map(function (l) { return l.load(w); }).concat([c.s.load(w), c.e.load(w)]);
  if (withPurpose) loads = loads.concat(c.p.map(function (l) { return l.load(w); }));
  return Promise.all(loads).then(function (r) {
    var names = r[0], i;
    for (i = 1; i < k; i++) names = inter(names, r[i]);
    var starts = inter(r[k], names), both = inter(starts, r[k + 1]), cls = new Map();
    names.forEach(function (d) { cls.set(d, 4); });
    starts.forEach(function (d) { cls.set(d, 3); });
    both.forEach(function (d) { cls.set(d, 1); });
    var any = names;
    if (withPurpose) {
      var purpose = r[k + 2];
      for (i = k + 3; i < r.length; i++) purpose = inter(purpose, r[i]);
      any = union(names, purpose);
    }
    return { names: names, cls: cls, any: any };
  });
}
function numWindow(n, w, withPurpose) {
  return Promise.all([n.list.load(w), n.alt ? textWindow(n.alt, w, withPurpose) : null]).then(function (r) {
    var cls = new Map(), names = r[0], any = r[0];
    names.forEach(function (d) { cls.set(d, n.exact ? 0 : 3); });
    if (r[1]) {
      r[1].cls.forEach(function (x, d) { cls.set(d, Math.min(x, cls.has(d) ? cls.get(d) : 9)); });
      names = union(names, r[1].names); any = union(any, r[1].any);
    }
    return { names: names, cls: cls, any: any };
  });
}
// Matches in window w: ids matching every clause in names (with each clause's classes), and
// (withPurpose) ids matching every clause in names or purpose.
Search.prototype.evalWindow = function (w, withPurpose) {
  var key = w + (withPurpose ? "p" : "n"), cached = this.byWindow.get(key), self = this;
  if (cached) return cached;
  var plan = this.plan;
  var jobs = plan.text.map(function (c) { return textWindow(c, w, withPurpose); })
    .concat(plan.nums.map(function (n) { return numWindow(n, w, withPurpose); }));
  var p = Promise.all([Promise.all(jobs), Promise.all(plan.facetLists.map(function (l) { return l.load(w); }))]).then(function (r) {
    var clauses = r[0], names = null, any = null;
    var f = r[1].reduce(function (a, b) { return a ? inter(a, b) : b; }, null);
    if (!clauses.length) return { names: f || [], any: f || [], cls: [] };
    clauses.forEach(function (c) {
      names = names ? inter(names, c.names) : c.names;
      any = any ? inter(any, c.any) : c.any;
    });
    if (f) { names = inter(names, f); any = inter(any, f); }
    return { names: names, any: any, cls: clauses.map(function (c) { return c.cls; }) };
  });
  this.byWindow.set(key, p);
  p.catch(function () { self.byWindow.delete(key); });
  return p;
};
Search.prototype.step = function () {
  var u = this.units[this.done], self = this;
  return this.evalWindow(u.w, !u.names).then(function (r) {
    var got;
    if (u.names) {
      got = r.names.map(function (d) {
        var c = 9;
        r.cls.forEach(function (m) { c = Math.min(c, m.has(d) ? m.get(d) : 9); });
        return { d: d, c: r.cls.length ? c : 4 };
      });
    } else got = minus(r.any, r.names).map(function (d) { return { d: d, c: 5 }; });
    self.estFound[u.names ? 0 : 1] += got.length; self.estSum[u.names ? 0 : 1] += u.est;
    self.found = self.found.concat(got);
    self.found.sort(function (a, b) { return a.c - b.c || a.d - b.d; });
    self.done++;
  });
};
// Results that no unevaluated window can precede.
Search.prototype.settled = function () {
  if (this.done >= this.units.length) return this.found.length;
  var u = this.units[this.done], n = 0;
  while (n < this.found.length && (this.found[n].c < u.b || (this.found[n].c === u.b && this.found[n].d < u.w * M.window))) n++;
  return n;
};
Search.prototype.need = function (k) {
  var self = this;
  if (this.settled() >= k || this.done >= this.units.length) return Promise.resolve();
  return this.step().then(function () { return self.need(k); });
};
// [count, exact?]
Search.prototype.total = function () {
  var plan = this.plan;
  if (this.done >= this.units.length) return [this.found.length, true];
  if (plan.text.length === 1 && !plan.nums.length && !plan.facets.length && plan.text[0].len <= 2 && plan.text[0].df >= 0) return [plan.text[0].df, true];
  var sum = this.found.length, self = this;
  this.units.slice(this.done).forEach(function (u) {
    var i = u.names ? 0 : 1, ratio = self.estSum[i] > 0 ? self.estFound[i] / self.estSum[i] : 1;
    sum += u.est * Math.min(1, ratio);
  });
  return [Math.max(this.found.length, Math.round(sum)), false];
};

// ---- verification against the shown text ----
function record(d) {
  return get("d/" + Math.floor(d / M.chunk) + ".json").then(function (a) { return a[d % M.chunk]; });
}
function purposeOf(d) {
  return get("p/" + Math.floor(d / M.chunk) + ".json").then(function (a) { return a[d % M.chunk]; });
}
function productName(p) { var m = /^(.*)[（(][^（(]*[）)]$/.exec(p); return m ? m[1] : p; }
function products(rec) { return rec[7] ? rec[7].split("、") : []; }
// The true class of a shown result, or -1 when a long token is not really in its text.
function classify(plan, rec, purpose) {
  var names = [rec[1], rec[0]].concat(products(rec)).map(spaced).join(""), anchored = [rec[1], rec[0]].concat(products(rec).map(productName));
  var inP = purpose == null ? null : spaced(purpose), cls = 9, inNames = true, ok = true;
  function check(t) {
    if (names.indexOf(t) >= 0) return true;
    inNames = false;
    if (inP === null) return null;
    return inP.indexOf(t) >= 0;
  }
  var unknown = false;
  plan.text.forEach(function (c) {
    var r = check(c.tok);
    if (r === null) unknown = true; else if (!r) ok = false;
  });
  plan.nums.forEach(function (n) {
    if (rec[2].indexOf(n.digits) === 0) { cls = Math.min(cls, rec[2] === n.digits ? 0 : 3); return; }
    var r = n.alt ? check(n.alt.tok) : false;
    if (r === null) unknown = true; else if (!r) ok = false;
  });
  if (!ok) return -1;
  if (unknown) return null;
  if (!plan.text.length && !plan.nums.length) return 4;
  if (!inNames) return Math.min(cls, 5);
  if (plan.text.length) {
    var q = plan.text.map(function (c) { return c.tok; }).join(""), first = plan.text[0].tok;
    var fs = anchored.map(folded);
    if (fs[0] === q) cls = Math.min(cls, 1);
    else if (fs.slice(1).indexOf(q) >= 0) cls = Math.min(cls, 2);
    else if (fs.some(function (x) { return x.indexOf(first) === 0; })) cls = Math.min(cls, 3);
  }
  return Math.min(cls, 4);
}
// Settles a page: fetches the shown records, drops false matches, moves demoted ones.
Search.prototype.page = function (n) {
  var self = this, want = (n + 1) * PAGE;
  return this.need(want).then(function () {
    var shown = self.found.slice(n * PAGE, Math.min(want, self.settled()));
    return Promise.all(shown.map(function (r) {
      if (r.rec) return r;
      return record(r.d).then(function (rec) {
        var c = classify(self.plan, rec, null);
        if (c === null || c === 5) return purposeOf(r.d).then(function (p) { r.purpose = p; return [rec, classify(self.plan, rec, p)]; });
        return [rec, c];
      }).then(function (x) {
        if (x.rec) return x;
        r.rec = x[0];
        if (x[1] < 0) { r.drop = true; } else if (x[1] > r.c) { r.c = x[1]; r.moved = true; }
        return r;
      });
    })).then(function () {
      var changed = false;
      self.found = self.found.filter(function (r) { if (r.drop) { changed = true; self.removed++; } return !r.drop; });
      if (self.found.some(function (r) { return r.moved; })) {
        changed = true;
        self.found.forEach(function (r) { r.moved = false; });
        self.found.sort(function (a, b) { return a.c - b.c || a.d - b.d; });
      }
      return changed ? self.page(n) : shown;
    });
  });
};

// ---- rendering ----
function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}
// Appends s to parent with every occurrence of a token wrapped in <mark> (tokens are normalised).
function highlight(parent, s, tokens) {
  var chars = Array.from(s), cps = chars.map(function (c) { return norm(c.codePointAt(0)); }), on = new Array(chars.length).fill(false);
  tokens.forEach(function (t) {
    var tc = Array.from(t).map(function (c) { return c.codePointAt(0); });
    for (var i = 0; i + tc.length <= cps.length; i++) {
      var j = 0;
      while (j < tc.length && cps[i + j] === tc[j]) j++;
      if (j === tc.length) for (j = 0; j < tc.length; j++) on[i + j] = true;
    }
  });
  var i = 0;
  while (i < chars.length) {
    var j = i;
    while (j < chars.length && on[j] === on[i]) j++;
    var part = chars.slice(i, j).join("");
    parent.appendChild(on[i] ? el("mark", null, part) : document.createTextNode(part));
    i = j;
  }
  return parent;
}
function link(template, key, value) { return template.split("{" + key + "}").join(value); }
function snippet(text, tokens) {
  var f = text, at = -1, lower = str(Array.from(f).map(function (c) { return norm(c.codePointAt(0)); }));
  tokens.some(function (t) { at = lower.indexOf(t); return at >= 0; });
  if (f.length <= 80 || at < 30) return f.length > 80 ? Array.from(f).slice(0, 80).join("") + "…" : f;
  return "…" + Array.from(f).slice(at - 20, at + 60).join("") + (f.length > at + 60 ? "…" : "");
}
function renderItem(r, plan) {
  var rec = r.rec, li = el("li", "bs-item"), tokens = plan.tokens;
  var h = el("h3", "bs-title"), a = el("a");
  a.href = link(M.filing, "id", rec[2]);
  highlight(a, rec[0], tokens);
  h.appendChild(a);
  if (rec[6] === 1) h.appendChild(el("span", "bs-badge bs-cancelled", M.statuses[1]));
  li.appendChild(h);
  var meta = el("dl", "bs-meta");
  function row(label, fill) { var dd = el("dd"); meta.appendChild(el("dt", null, label)); fill(dd); meta.appendChild(dd); }
  row("主体名称", function (dd) {
    if (M.entity) { var e = el("a"); e.href = link(M.entity, "entity", rec[2].slice(6, 13)); highlight(e, rec[1], tokens); dd.appendChild(e); }
    else highlight(dd, rec[1], tokens);
  });
  row("备案编号", function (dd) { highlight(dd, NUM_PREFIX + rec[2] + "号", tokens); });
  row("应用产品", function (dd) { if (rec[7]) highlight(dd, rec[7], tokens); else dd.textContent = "--"; });
  row("类别", function (dd) {
    dd.textContent = [M.types[rec[3]][1], M.roles[rec[4]], (M.provinces[rec[5]] || ["", ""])[1], M.statuses[rec[6]]].filter(Boolean).join(" · ");
  });
  row(rec[6] === 1 && rec[9] ? "注销日期" : "备案日期", function (dd) { dd.textContent = rec[6] === 1 && rec[9] ? rec[9] : rec[8]; });
  if (r.c === 5 && r.purpose) row("主要用途", function (dd) { highlight(dd, snippet(r.purpose, tokens), tokens); });
  li.appendChild(meta);
  return li;
}

// ---- the page ----
var ui = {};
function option(sel, value, label) { var o = el("option", null, label); o.value = value; sel.appendChild(o); }
function build() {
  app.textContent = "";
  app.classList.add("bs");
  var form = el("form", "bs-form");
  form.setAttribute("role", "search");
  form.setAttribute("action", "");
  var label = el("label", "bs-label", "查询备案：主体名称、备案编号、算法名称、应用产品或主要用途");
  label.htmlFor = "bs-q";
  var row = el("div", "bs-row"), input = el("input", "bs-input");
  input.id = "bs-q"; input.type = "search"; input.name = "q"; input.autocomplete = "off"; input.spellcheck = false;
  input.setAttribute("enterkeyhint", "search");
  input.setAttribute("aria-describedby", "bs-hint");
  input.setAttribute("aria-controls", "bs-results");
  var go = el("button", "bs-go", "查询"); go.type = "submit";
  row.appendChild(input); row.appendChild(go);
  form.appendChild(label); form.appendChild(row);
  form.appendChild(el("p", "bs-hint", "可输入名称中的任意连续文字（至少一个字）或备案编号的前 4 位以上数字；多个关键词用空格分开，须同时匹配。")).id = "bs-hint";
  var facets = el("fieldset", "bs-facets");
  facets.appendChild(el("legend", null, "筛选"));
  function select(name, text, opts) {
    var l = el("label", "bs-facet"), s = el("select");
    s.name = name; s.id = "bs-" + name;
    l.appendChild(el("span", null, text)); l.appendChild(s);
    option(s, "", "全部");
    opts.forEach(function (o) { option(s, o[0], o[1]); });
    facets.appendChild(l);
    return s;
  }
  ui.type = select("type", "算法类别", M ? M.types : []);
  ui.role = select("role", "角色", M ? M.roles.map(function (r, i) { return [String(i), r]; }) : []);
  ui.prov = select("prov", "省份", M ? M.provinces : []);
  ui.status = select("status", "状态", M ? M.statuses.map(function (s, i) { return [String(i), s]; }) : []);
  form.appendChild(facets);
  var status = el("p", "bs-status"); status.id = "bs-status";
  status.setAttribute("role", "status"); status.setAttribute("aria-live", "polite");
  var heading = el("h2", "bs-heading", "查询结果"); heading.id = "bs-heading"; heading.tabIndex = -1;
  var list = el("ol", "bs-results"); list.id = "bs-results"; list.setAttribute("aria-labelledby", "bs-heading");
  var extra = el("div", "bs-extra");
  var pager = el("nav", "bs-pager"); pager.setAttribute("aria-label", "结果分页");
  [form, status, heading, list, extra, pager].forEach(function (x) { app.appendChild(x); });
  ui.form = form; ui.input = input; ui.status = status; ui.heading = heading; ui.list = list; ui.extra = extra; ui.pager = pager;

  form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); run(readForm(), "push"); });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(readForm(), "auto"); }, DEBOUNCE);
  });
  [ui.type, ui.role, ui.prov, ui.status].forEach(function (s) {
    s.addEventListener("change", function () { clearTimeout(timer); run(readForm(), "push"); });
  });
  window.addEventListener("popstate", function () { var s = fromURL(); fill(s); run(s, "none"); });
}
var timer = 0, seq = 0, committed = true, current = null;
function readForm() {
  return { q: ui.input.value, type: ui.type.value, role: ui.role.value, prov: ui.prov.value, status: ui.status.value, page: 1 };
}
function fromURL() {
  var p = new URLSearchParams(location.search);
  return { q: p.get("q") || "", type: p.get("type") || "", role: p.get("role") || "", prov: p.get("prov") || "", status: p.get("status") || "", page: Math.max(1, parseInt(p.get("page"), 10) || 1) };
}
function fill(s) { ui.input.value = s.q; ui.type.value = s.type; ui.role.value = s.role; ui.prov.value = s.prov; ui.status.value = s.status; }
function toURL(s) {
  var p = new URLSearchParams();
  if (s.q.trim()) p.set("q", s.q.trim());
  ["type", "role", "prov", "status"].forEach(function (k) { if (s[k] !== "") p.set(k, s[k]); });
  if (s.page > 1) p.set("page", String(s.page));
  var qs = p.toString();
  return location.pathname + (qs ? "?" + qs : "");
}
function remember(s, mode) {
  var url = toURL(s);
  if (mode === "none") return;
  if (url === location.pathname + location.search) { if (mode === "push") committed = true; return; }
  if (mode === "push" || (mode === "auto" && committed)) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
  committed = mode === "push";
}
function say(text) { ui.status.textContent = text; }
function setState(name) { app.setAttribute("data-state", name); ui.list.setAttribute("aria-busy", name === "loading" ? "true" : "false"); }
function run(s, mode) {
  var my = ++seq, t0 = performance.now();
  remember(s, mode);
  var plan = parse(s.q, s);
  ui.extra.textContent = ""; ui.pager.textContent = "";
  var f = { q: s.q.trim() };
  if (!plan.text.length && !plan.nums.length && !plan.facets.length) {
    ui.list.textContent = "";
    ui.heading.hidden = true;
    setState("idle");
    var partial = s.q.trim().indexOf(NUM_PREFIX) === 0 || /^[0-9０-９]{1,3}$/.test(s.q.trim());
    say(partial ? "请输入备案编号的至少 4 位数字。" : "共收录 " + M.docs + " 条算法备案。请输入查询内容。");
    return Promise.resolve();
  }
  setState("loading");
  say("正在查询…");
  var search = current && current.key === JSON.stringify([s.q.trim(), s.type, s.role, s.prov, s.status]) ? current.search : null;
  var ready = search ? Promise.resolve(search) : resolve(plan).then(function (p) { return new Search(p); });
  return ready.then(function (sr) {
    if (my !== seq) return;
    current = { key: JSON.stringify([s.q.trim(), s.type, s.role, s.prov, s.status]), search: sr };
    return sr.page(s.page - 1).then(function (shown) {
      if (my !== seq) return;
      show(sr, shown, s, f);
      var ms = performance.now() - t0;
      window.__beianSearch = { q: s.q, ms: ms, count: sr.total()[0], at: performance.now() };
      app.dispatchEvent(new CustomEvent("beian-search", { detail: window.__beianSearch }));
    });
  }).catch(function (err) {
    if (my !== seq) return;
    setState("error");
    ui.list.textContent = ""; ui.heading.hidden = true;
    say("查询失败：无法加载搜索索引，请检查网络后重试。");
    var retry = el("button", "bs-retry", "重试");
    retry.type = "button";
    retry.addEventListener("click", function () { run(s, "none"); });
    ui.extra.appendChild(el("p", "bs-error", "错误信息：" + (err && err.message ? err.message : String(err))));
    ui.extra.appendChild(retry);
  });
}
function show(sr, shown, s, f) {
  var t = sr.total(), count = t[0], pages = Math.max(1, Math.ceil(count / PAGE));
  ui.list.textContent = "";
  if (!shown.length && s.page > 1) {
    setState("results");
    ui.heading.hidden = true;
    say("共 " + count + " 条结果，第 " + s.page + " 页没有更多结果");
    pager(s, false);
    return;
  }
  if (!shown.length) {
    setState("empty");
    ui.heading.hidden = true;
    say("共 0 条结果");
    var box = el("div", "bs-empty");
    box.appendChild(el("p", null, f.q ? "没有找到与“" + f.q + "”相关的备案。" : "没有符合筛选条件的备案。"));
    var tips = el("ul");
    ["检查是否有错别字，或只输入名称中的一部分（如“网易”）。", "备案编号至少输入前 4 位数字，可带或不带“网信算备”“号”。", "减少关键词或取消筛选条件。"].forEach(function (x) { tips.appendChild(el("li", null, x)); });
    box.appendChild(tips);
    ui.extra.appendChild(box);
    return;
  }
  setState("results");
  ui.heading.hidden = false;
  say((t[1] ? "共 " : "约 ") + count + " 条结果" + (pages > 1 || s.page > 1 ? "，第 " + s.page + " 页" + (t[1] ? "，共 " + pages + " 页" : "") : ""));
  var frag = document.createDocumentFragment();
  shown.forEach(function (r) { frag.appendChild(renderItem(r, sr.plan)); });
  ui.list.appendChild(frag);
  ui.list.start = (s.page - 1) * PAGE + 1;
  var more = t[1] ? s.page < pages : sr.found.length > s.page * PAGE || sr.done < sr.units.length;
  pager(s, more);
}
function pager(s, more) {
  if (s.page <= 1 && !more) return;
  if (s.page > 1) ui.pager.appendChild(pageButton("上一页", s, s.page - 1));
  ui.pager.appendChild(el("span", "bs-page", "第 " + s.page + " 页"));
  if (more) ui.pager.appendChild(pageButton("下一页", s, s.page + 1));
}
function pageButton(text, s, page) {
  var b = el("button", "bs-pagebtn", text);
  b.type = "button";
  b.addEventListener("click", function () {
    var next = Object.assign({}, s, { page: page });
    run(next, "push").then(function () { ui.heading.focus(); });
  });
  return b;
}

function start() {
  var first = fromURL();
  var css = document.createElement("link");
  css.rel = "stylesheet"; css.href = BASE + "search.css";
  if (!document.querySelector('link[href="' + css.href + '"],link[href="' + BASE + 'search.css"]')) document.head.appendChild(css);
  app.setAttribute("data-state", "loading");
  manifest().then(function () {
    build(); fill(first);
    run(first, "none");
  }).catch(function () {
    app.setAttribute("data-state", "error");
    app.textContent = "";
    app.appendChild(el("p", "bs-error", "查询暂时不可用：无法加载搜索索引。请稍后刷新页面重试，或浏览备案清单。"));
  });
}
start();
})();

// beian 备案查询: the search client. Plain JavaScript, no dependencies, no build step.
// It reads the index Sources/BeianSearch writes; the tokenizer mirrors Tokenizer.swift (norm,
// isWord, segments) and the decoders PostingCodec.swift: change both sides together.
// Filing data reaches the page only through textContent, never innerHTML.
(() => {
"use strict";
const app = document.getElementById("search-app");
if (!app) return;
let BASE = app.getAttribute("data-base") || "/search/";
if (!BASE.endsWith("/")) BASE += "/";
// Where result links point: data-pages is the pages' path prefix ("/" on the Chinese page,
// "/en/" on the English one), joined to the manifest's site-relative patterns (`links`).
// Without it, or with a manifest from before `links`, the manifest's absolute patterns.
let PAGES = app.getAttribute("data-pages");
if (PAGES != null && !PAGES.endsWith("/")) PAGES += "/";
// The page's language (<html lang>): "en…" is English, anything else Chinese.
const EN = /^en\b/i.test(document.documentElement.lang || "");
// Results per page; typing pause before searching; number-index pages one prefix may read;
// block files worth fetching after the page is shown to make the count exact.
// When a token's inline lists leave at most DEFER candidates in all, they are checked against
// their text instead of fetching its long lists.
const PAGE = 10, DEBOUNCE = 180, NUMBER_PAGES = 8, EAGER_FILES = 6, DEFER = 2 * PAGE;

// ---- tokenizer (mirror of Tokenizer.swift) ----
const norm = c => {
  if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0; else if (c === 0x3000) c = 0x20;
  return c >= 0x41 && c <= 0x5A ? c + 0x20 : c;
};
const isWord = c => {
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A);
  if (c < 0xC0 || c === 0xD7 || c === 0xF7) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;
  if (c >= 0x3000 && c <= 0x303F) return c >= 0x3005 && c <= 0x3007;
  if (c >= 0xFE00 && c <= 0xFE6F) return false;
  if (c >= 0xFF00 && c <= 0xFF65) return false;
  if (c >= 0xFFE0 && c <= 0xFFFF) return false;
  if (c >= 0x1F000 && c <= 0x1FAFF) return false;
  return c < 0xE0000;
};
// Runs of word characters, normalised: arrays of code points.
const segments = s => {
  const out = [];
  let run = [];
  for (const ch of s) {
    const c = norm(ch.codePointAt(0));
    if (isWord(c)) run.push(c); else if (run.length) { out.push(run); run = []; }
  }
  if (run.length) out.push(run);
  return out;
};
const str = cps => String.fromCodePoint(...cps);
// Word characters only (what "exact" and "prefix" compare); segments apart (what "contains" searches).
const folded = s => segments(s).map(str).join("");
const spaced = s => " " + segments(s).map(str).join(" ") + " ";
const NUM = "网信算备";
// A filing-number query (mirror of Tokenizer.numberQuery): 4–21 digits, 网信算备 and 号 optional.
const numberQuery = p => {
  let s = p.trim();
  const explicit = s.startsWith(NUM);
  if (explicit) s = s.slice(NUM.length);
  if (s.endsWith("号")) s = s.slice(0, -1);
  s = str(Array.from(s, ch => norm(ch.codePointAt(0))));
  return /^[0-9]{4,21}$/.test(s) ? { digits: s, explicit } : null;
};
const utf8 = new TextEncoder();
const fnv = key => {
  let h = 0x811c9dc5;
  for (const b of utf8.encode(key)) h = Math.imul(h ^ b, 16777619) >>> 0;
  return h;
};

// ---- decoding (mirror of PostingCodec.swift) ----
const AL = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_", DV = {};
for (let i = 0; i < 64; i++) DV[AL.charCodeAt(i)] = i;
// Varints from s[i…] until `stop` says so; returns [values, next index].
const varints = (s, i, stop) => {
  const out = [];
  let v = 0, m = 1;
  for (; i < s.length && !(stop && out.length === stop); i++) {
    const d = DV[s.charCodeAt(i)];
    if (d >= 32) { v += (d - 32) * m; m *= 32; } else { out.push(v + d * m); v = 0; m = 1; }
  }
  return [out, i];
};
const gaps = (s, from, base) => { let prev = base - 1; return varints(s, from)[0].map(g => prev += g + 1); };
// One window's block: gaps, "!" + the missing ids, or "~" + a bitmap.
const block = (s, start, len) => {
  if (s[0] === "~") {
    const out = [];
    for (let k = 1; k < s.length; k++) for (let i = 0, b = DV[s.charCodeAt(k)]; i < 6; i++) if (b & (1 << i)) out.push(start + (k - 1) * 6 + i);
    return out;
  }
  if (s[0] !== "!") return gaps(s, 0, start);
  const miss = new Set(gaps(s, 1, start)), out = [];
  for (let i = start; i < start + len; i++) if (!miss.has(i)) out.push(i);
  return out;
};

// ---- fetching: each file once (a failed fetch may be retried) ----
let M;
const cache = new Map();
const load = (url, opts) => fetch(url, opts).then(r => {
  if (!r.ok) throw new Error("HTTP " + r.status + " " + url);
  return r.json();
});
const get = path => {
  let p = cache.get(path);
  if (!p) {
    p = load(BASE + path + "?v=" + M.h);
    p.catch(() => cache.delete(path));
    cache.set(path, p);
  }
  return p;
};

// ---- sorted id sets ----
const inter = (a, b) => {
  const out = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] < b[j]) i++; else if (a[i] > b[j]) j++; else { out.push(a[i]); i++; j++; }
  }
  return out;
};
const union = (a, b) => {
  const out = [];
  let i = 0, j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) out.push(a[i++]);
    else if (i >= a.length || b[j] < a[i]) out.push(b[j++]);
    else { out.push(a[i]); i++; j++; }
  }
  return out;
};

// ---- posting lists: counts per window known up front, ids loaded window by window ----
class List {
  constructor(x) {
    this.count = 0; this.ids = null; this.win = new Map();
    if (typeof x === "string") this.setIDs(gaps(x, 0, 0));
    else if (Array.isArray(x)) {
      this.count = x[0];
      for (let i = 1; i < x.length; i += 3) this.win.set(x[i], { c: x[i + 1], f: x[i + 2] });
    }
  }
  setIDs(ids) {
    this.ids = ids; this.count = ids.length;
    ids.forEach((d, i) => {
      const w = Math.floor(d / M.window), r = this.win.get(w);
      if (r) r.c++; else this.win.set(w, { c: 1, at: i });
    });
    return this;
  }
  wc(w) { const r = this.win.get(w); return r ? r.c : 0; }
  // The block file still to fetch for window w, if any.
  need(w) { const r = this.win.get(w); return r && !this.ids && !r.p ? r.f : null; }
  load(w) {
    const r = this.win.get(w);
    if (!r) return [];
    if (this.ids) return this.ids.slice(r.at, r.at + r.c);
    if (!r.p) {
      r.p = get("b/" + r.f + ".json").then(o => block(o[w], w * M.window, M.window));
      r.p.catch(() => { r.p = null; });
    }
    return r.p;
  }
}
// The intersection of lists in window w (null for no lists).
const all = async (lists, w) => (await Promise.all(lists.map(l => l.load(w)))).reduce((a, b) => a ? inter(a, b) : b, null);

// ---- the query plan ----
// A token needs at most four bigrams: the first (its list of name starts ranks prefixes), the
// last, and for long tokens the least common middle ones (manifest bitset), so candidates come
// from short lists; the shown results are verified against their text.
const common = k => { const b = fnv(k) % M.cb; return (DV[M.cm.charCodeAt(Math.floor(b / 6))] >> (b % 6)) & 1; };
const keysOf = tok => {
  const L = tok.length, bg = i => str(tok.slice(i, i + 2));
  if (L <= 2) return [str(tok)];
  const mid = [];
  for (let i = 1; i <= L - 3; i++) mid.push(i);
  mid.sort((a, b) => common(bg(a)) - common(bg(b)) || Math.abs(2 * a - L + 2) - Math.abs(2 * b - L + 2) || a - b);
  const keys = [bg(0), bg(L - 2)].concat(mid.slice(0, L >= 8 ? 2 : L >= 5 ? 1 : 0).map(bg));
  return [...new Set(keys)];
};
const clause = tok => ({ tok: str(tok), len: tok.length, keys: keysOf(tok) });
const parse = (q, f) => {
  const plan = { text: [], nums: [], facets: [], tokens: [], exact: null }, seen = new Set();
  const pieces = q.split(/[\s\u3000]+/).filter(Boolean);
  for (const piece of pieces) {
    const n = numberQuery(piece);
    if (n) {
      // The digits may also be in a name (12306): searched as text too, except after 网信算备,
      // and for a long prefix only when no number starts with it.
      plan.nums.push({ digits: n.digits, alt: n.explicit ? null : clause(Array.from(n.digits, c => c.charCodeAt(0))), lazy: n.digits.length > M.numTerms[1] });
      plan.tokens.push(n.digits);
    } else for (const seg of segments(piece)) {
      const t = str(seg);
      if (!seen.has(t)) { seen.add(t); plan.text.push(clause(seg)); plan.tokens.push(t); }
    }
  }
  if (pieces.length === 1 && plan.text.length) plan.exact = folded(pieces[0]);
  if (f.type) plan.facets.push("@t" + f.type);
  if (f.role !== "") plan.facets.push("@r" + f.role);
  if (f.prov) plan.facets.push("@p" + f.prov);
  if (f.status !== "") plan.facets.push("@s" + f.status);
  return plan;
};
// Entries of the given terms: every shard they live in, fetched in parallel.
const entries = async keys => {
  const out = {}, shards = [...new Set(keys.map(k => "s/" + fnv(k) % M.shards + ".json"))];
  for (const s of await Promise.all(shards.map(get))) for (const k of keys) if (Object.hasOwn(s, k)) out[k] = s[k];
  return out;
};
// Short lists come inline with their shard: their intersection (`inl`, `pinl`) rules out
// windows before any block is fetched.
const inlineOf = lists => {
  const own = lists.filter(l => l.ids);
  return own.length ? new List().setIDs(own.reduce((a, l) => a ? inter(a, l.ids) : l.ids, null)) : null;
};
const setLists = (c, es) => {
  const e = c.keys.map(k => es[k] || []);
  c.n = e.map(x => new List(x[0]));
  c.p = e.map(x => new List(x[2]));
  c.s = new List(e[0][1]);
  c.inl = inlineOf(c.n); c.pinl = inlineOf(c.p);
  c.defer = !!c.inl && c.inl.count <= DEFER && c.n.concat(c.s).some(l => !l.ids);
  c.pdefer = !!c.pinl && c.pinl.count <= DEFER && c.p.some(l => !l.ids);
  c.df = e.length > 1 ? -1 : e[0][3] !== undefined ? e[0][3] : union(c.n[0].ids || [], c.p[0].ids || []).length;
};
const resolve = async plan => {
  const keys = plan.facets.slice();
  for (const c of plan.text) keys.push(...c.keys);
  for (const n of plan.nums) {
    if (n.digits.length <= M.numTerms[1]) keys.push("#" + n.digits);
    if (n.alt && !n.lazy) keys.push(...n.alt.keys);
  }
  // Exact names: shard x/(h % xs), key h in base 36, for h = fnv(folded query) (ExactNames.swift).
  const h = plan.exact && fnv(plan.exact);
  const [es, ids, xs] = await Promise.all([entries(keys), Promise.all(plan.nums.map(numberDocs)), h && get("x/" + h % M.xs + ".json")]), late = [];
  plan.text.forEach(c => setLists(c, es));
  plan.nums.forEach((n, i) => {
    n.list = ids[i] ? new List().setIDs(ids[i]) : new List((es["#" + n.digits] || [])[0]);
    n.whole = n.digits.length === 21;
    if (n.alt && n.lazy && n.list.count) n.alt = null;
    if (n.alt) (n.lazy ? late.push(n.alt) : setLists(n.alt, es));
  });
  if (late.length) { const more = await entries(late.flatMap(c => c.keys)); late.forEach(c => setLists(c, more)); }
  const ex = (xs && xs[h.toString(36)]) || [];
  plan.E = new List(ex[0]); plan.O = new List(ex[1]);
  plan.F = plan.facets.map(k => new List((es[k] || [])[0]));
  plan.all = plan.text.concat(plan.nums);
  return plan;
};

// ---- the sorted number index, for prefixes longer than the number terms ----
const frontCoded = (s, withIDs) => {
  const out = [];
  let prev = "", i = 0;
  while (i < s.length) {
    const shared = DV[s.charCodeAt(i++)], n = prev.slice(0, shared) + s.substr(i, 21 - shared);
    i += 21 - shared;
    let id = -1;
    if (withIDs) [[id], i] = varints(s, i, 1);
    out.push({ n, id });
    prev = n;
  }
  return out;
};
// Ids of the numbers starting with n.digits: manifest parts → page firsts → pages (a page is
// named by its first number; page sizes vary, so walk the firsts, at most NUMBER_PAGES pages).
const numberDocs = async n => {
  if (n.digits.length <= M.numTerms[1] || !M.docs) return null;
  const lo = n.digits + "0".repeat(21 - n.digits.length), hi = n.digits + "9".repeat(21 - n.digits.length);
  let p0 = 0;
  while (p0 + 1 < M.np.length && M.np[p0 + 1] <= lo) p0++;
  let p1 = p0;
  while (p1 + 1 < M.np.length && M.np[p1 + 1] <= hi && p1 - p0 <= NUMBER_PAGES / M.numPart + 1) p1++;
  const parts = [];
  for (let p = p0; p <= p1; p++) parts.push(p);
  const firsts = (await Promise.all(parts.map(p => get("n/d" + p + ".json")))).flatMap(t => frontCoded(t, false).map(e => e.n));
  let k = 0;
  while (k + 1 < firsts.length && firsts[k + 1] <= lo) k++;
  const pages = [];
  for (; k < firsts.length && firsts[k] <= hi && pages.length < NUMBER_PAGES; k++) pages.push(firsts[k]);
  const ids = [];
  (await Promise.all(pages.map(f => get("n/" + f + ".json")))).forEach(t => frontCoded(t, true).forEach(e => {
    if (e.n.startsWith(n.digits)) ids.push(e.id);
  }));
  return ids.sort((a, b) => a - b);
};

// ---- evaluation: best-first over windows ----
// Classes: 0 whole number, 1 exact entity name, 2 exact algorithm or product name, 3 prefix of
// a name or number, 4 elsewhere in a name, 5 only in the purpose. Order: class, then id
// (ids are newest first). Each window has up to three units — classes ≤ 3, names, purpose —
// and a unit is evaluated only when a result it might hold is needed, best possible class first.
const namesOK = (c, w) => c.digits ? c.list.wc(w) > 0 || (!!c.alt && namesOK(c.alt, w)) : c.n.every(l => l.wc(w) > 0) && (!c.inl || c.inl.wc(w) > 0);
const purposeOK = (c, w) => c.digits ? !!c.alt && purposeOK(c.alt, w) : c.p.every(l => l.wc(w) > 0) && (!c.pinl || c.pinl.wc(w) > 0);
const topBound = (c, w) => c.digits
  ? Math.min(c.list.wc(w) ? (c.whole ? 0 : 3) : 9, c.alt ? topBound(c.alt, w) : 9)
  : c.s.wc(w) && namesOK(c, w) ? 3 : 9;
// A deferred token's candidates in window w (noted as unconfirmed), else null.
const deferred = (sr, defer, inl, w) => {
  if (!defer) return null;
  const ids = inl.load(w);
  ids.forEach(d => sr.unsure.add(d));
  return ids;
};
const namesIn = async (sr, c, w) => c.digits
  ? union(await c.list.load(w), c.alt && namesOK(c.alt, w) ? await namesIn(sr, c.alt, w) : [])
  : deferred(sr, c.defer, c.inl, w) || await all(blockedFirst(c.n, c.inl, w), w);
const purposeIn = async (sr, c, w) => c.digits
  ? (c.alt ? purposeIn(sr, c.alt, w) : [])
  : deferred(sr, c.pdefer, c.pinl, w) || all(blockedFirst(c.p, c.pinl, w), w);
// The lists to intersect in window w: the inline intersection, then the blocked lists (none
// fetched when the inline ones already leave nothing).
const blockedFirst = (lists, inl, w) => inl ? (inl.wc(w) ? [inl].concat(lists.filter(l => !l.ids)) : [inl]) : lists;
// Ids with class ≤ 3 of one clause in window w, as [id, class] (s ⊂ names of the first key).
const topIn = async (sr, c, w) => {
  if (c.digits) {
    const own = (await c.list.load(w)).map(d => [d, c.whole ? 0 : 3]);
    return c.alt && topBound(c.alt, w) < 9 ? own.concat(await topIn(sr, c.alt, w)) : own;
  }
  const few = deferred(sr, c.defer, c.inl, w);
  if (few) return few.map(d => [d, 3]);
  let ids = await c.s.load(w);
  if (c.n.length > 1 && ids.length) ids = inter(ids, await all(blockedFirst(c.n.slice(1), inlineOf(c.n.slice(1)), w), w));
  return ids.map(d => [d, 3]);
};
class Search {
  constructor(plan) {
    this.plan = plan; this.found = []; this.byDoc = new Map(); this.units = []; this.done = 0;
    // Ids only the inline lists vouch for (checked against their text before they count),
    // and ids known to match (exact names, verified text).
    this.unsure = new Set(); this.sure = new Set();
    this.calib = [[0, 0], [0, 0], [0, 0]];
    const cl = plan.all, nw = plan.all.length || plan.F.length ? M.ids / M.window : 0;
    for (let w = 0; w < nw; w++) {
      if (!plan.F.every(l => l.wc(w))) continue;
      if (!cl.length) { this.units.push({ w, k: 1, b: 4 }); continue; }
      if (cl.every(c => namesOK(c, w))) {
        const b = Math.min(plan.E.wc(w) ? 1 : 9, plan.O.wc(w) ? 2 : 9, ...cl.map(c => topBound(c, w)));
        if (b <= 3) this.units.push({ w, k: 0, b });
        this.units.push({ w, k: 1, b: 4 });
      }
      if (cl.every(c => namesOK(c, w) || purposeOK(c, w)) && cl.some(c => purposeOK(c, w))) this.units.push({ w, k: 2, b: 5 });
    }
    this.units.sort((a, b) => a.b - b.b || a.w - b.w || a.k - b.k);
    this.units.forEach(u => { u.est = this.estimate(u); });
  }
  // Expected new results of a unit, from window counts only.
  estimate(u) {
    const p = this.plan, w = u.w, size = M.window - (w ? 0 : M.ids - M.docs);
    const least = (lists, inl) => Math.min(...lists.concat(inl || []).map(l => l.wc(w)));
    const names = c => c.digits ? c.list.wc(w) + (c.alt ? names(c.alt) : 0) : least(c.n, c.inl);
    const any = c => Math.min(size, names(c) + (c.digits ? (c.alt ? any(c.alt) : 0) : least(c.p, c.pinl)));
    const top = p.E.wc(w) + p.O.wc(w) + p.all.reduce((a, c) => a + (c.digits ? c.list.wc(w) : c.s.wc(w)), 0);
    const frac = f => p.F.reduce((a, l) => a * l.wc(w) / size, p.all.reduce((a, c) => a * Math.min(1, f(c) / size), 1)) * size;
    if (u.k === 0) return Math.min(top, frac(names));
    if (u.k === 1) return Math.max(0, frac(names) - (p.all.length ? top : 0));
    return Math.max(0, frac(any) - frac(names));
  }
  async evaluate(u) {
    const p = this.plan, w = u.w, F = await all(p.F, w);
    let out;
    if (u.k === 0) {
      const cand = new Map(), add = (d, c) => cand.set(d, Math.min(c, cand.has(d) ? cand.get(d) : 9));
      for (const [l, k] of [[p.E, 1], [p.O, 2]]) for (const d of await l.load(w)) { add(d, k); this.sure.add(d); }
      for (const c of p.all) if (topBound(c, w) < 9) (await topIn(this, c, w)).forEach(([d, k]) => add(d, k));
      out = [...cand].sort((a, b) => a[0] - b[0]);
      if (p.all.length > 1) {
        const ok = await all(p.all.map(c => ({ load: () => namesIn(this, c, w) })), w);
        out = out.filter(([d]) => ok.includes(d));
      }
    } else {
      let ids = null;
      for (const c of p.all) {
        const x = u.k === 1 ? await namesIn(this, c, w) : union(await namesIn(this, c, w), await purposeIn(this, c, w));
        ids = ids ? inter(ids, x) : x;
      }
      out = (ids || F || []).map(d => [d, u.k === 1 ? 4 : 5]);
    }
    return F ? out.filter(([d]) => F.includes(d)) : out;
  }
  merge(u, got) {
    let fresh = 0;
    for (const [d, c] of got) {
      const e = this.byDoc.get(d);
      if (e) e.c = Math.min(e.c, c); else { fresh++; this.byDoc.set(d, { d, c }); }
    }
    this.calib[u.k][0] += fresh; this.calib[u.k][1] += u.est;
    this.found = [...this.byDoc.values()].sort((a, b) => a.c - b.c || a.d - b.d);
  }
  // Results that no unevaluated unit can precede.
  settled() {
    const u = this.units[this.done];
    if (!u) return this.found.length;
    let n = 0;
    while (n < this.found.length && (this.found[n].c < u.b || (this.found[n].c === u.b && this.found[n].d < u.w * M.window))) n++;
    return n;
  }
  // Evaluates units, best first, until k results are settled. Units expected to be needed
  // anyway are evaluated together, so their fetches overlap.
  async need(k) {
    while (this.settled() < k && this.done < this.units.length) {
      const batch = [];
      for (let want = (k - this.settled()) * 1.5; this.done + batch.length < this.units.length && batch.length < 8;) {
        const u = this.units[this.done + batch.length];
        if (batch.length && (u.b !== batch[0].b || want <= 0)) break;
        batch.push(u);
        want -= u.est;
      }
      const got = await Promise.all(batch.map(u => this.evaluate(u)));
      batch.forEach((u, i) => this.merge(u, got[i]));
      this.done += batch.length;
    }
  }
  // Results only the inline lists vouch for, not yet checked against their text.
  unconfirmed() { return this.found.filter(r => !r.rec && this.unsure.has(r.d) && !this.sure.has(r.d)); }
  // After a page is shown: finish the remaining units and check the unconfirmed results too
  // when that costs few fetches, so the count is exact.
  async finish() {
    if (!await this.finishUnits()) return false;
    const open = this.unconfirmed();
    if (open.length > PAGE) return false;
    await Promise.all(open.map(r => verify(this.plan, r)));
    for (const r of open) if (r.drop) this.byDoc.delete(r.d);
    this.found = [...this.byDoc.values()].sort((a, b) => a.c - b.c || a.d - b.d);
    return true;
  }
  async finishUnits() {
    const rest = this.units.slice(this.done), files = new Set(), p = this.plan;
    for (const u of rest) {
      for (const c of p.all) for (const l of (c.digits ? [c.list].concat(c.alt ? c.alt.n.concat(c.alt.p) : []) : c.n.concat(c.p, [c.s]))) files.add(l.need(u.w));
      for (const l of p.F) files.add(l.need(u.w));
    }
    files.delete(null);
    if (!rest.length) return true;
    if (files.size > EAGER_FILES) return false;
    const got = await Promise.all(rest.map(u => this.evaluate(u)));
    rest.forEach((u, i) => this.merge(u, got[i]));
    this.done = this.units.length;
    return true;
  }
  // [count, exact?]
  total() {
    const p = this.plan, t = p.text[0];
    if (this.done >= this.units.length) return [this.found.length, !this.unconfirmed().length];
    if (p.text.length === 1 && !p.nums.length && !p.F.length && t.keys.length === 1 && t.len <= 2 && t.df >= 0) return [t.df, true];
    let sum = this.found.length;
    for (const u of this.units.slice(this.done)) {
      const [got, est] = this.calib[u.k];
      sum += u.est * (est > 0 ? Math.min(1, got / est) : 1);
    }
    return [Math.max(this.found.length, Math.round(sum)), false];
  }
  // Settles page n: fetches the shown records, drops false matches, moves demoted ones.
  async page(n) {
    for (;;) {
      await this.need((n + 1) * PAGE);
      const shown = this.found.slice(n * PAGE, Math.min((n + 1) * PAGE, this.settled()));
      await Promise.all(shown.map(r => r.rec ? r : verify(this.plan, r)));
      if (!shown.some(r => r.drop || r.moved)) return shown;
      for (const r of shown) { if (r.drop) this.byDoc.delete(r.d); r.moved = false; }
      this.found = [...this.byDoc.values()].sort((a, b) => a.c - b.c || a.d - b.d);
    }
  }
}

// ---- verification against the shown text ----
const chunkOf = (dir, d) => get(dir + "/" + Math.floor(d / M.chunk) + ".json").then(a => a[d % M.chunk]);
const productName = p => { const m = /^(.*)[（(][^（(]*[）)]$/.exec(p); return m ? m[1] : p; };
const products = rec => rec[7] ? rec[7].split("、") : [];
// The class of a result by its text: -1 when a token is not really there, null when the
// purpose is needed to tell.
const classify = (plan, rec, purpose) => {
  const names = [rec[1], rec[0], ...products(rec)].map(spaced).join(""), P = purpose == null ? null : spaced(purpose);
  let inNames = true, unknown = false, ok = true, cls = 9;
  const test = t => {
    if (names.includes(t)) return;
    inNames = false;
    if (P === null) unknown = true; else if (!P.includes(t)) ok = false;
  };
  plan.text.forEach(c => test(c.tok));
  for (const n of plan.nums) {
    if (rec[2].startsWith(n.digits)) cls = Math.min(cls, n.whole ? 0 : 3);
    else if (n.alt) test(n.alt.tok); else ok = false;
  }
  if (!ok) return -1;
  if (unknown) return null;
  if (!plan.all.length) return 4;
  if (!inNames) return Math.min(cls, 5);
  if (plan.text.length) {
    const q = plan.exact, an = [rec[1], rec[0], ...products(rec).map(productName)].map(folded);
    if (q && an[0] === q) cls = Math.min(cls, 1);
    else if (q && an.slice(1).includes(q)) cls = Math.min(cls, 2);
    else if (an.some(x => x.startsWith(plan.text[0].tok))) cls = Math.min(cls, 3);
  }
  return Math.min(cls, 4);
};
// Could every token missing from the names be in the purpose, by the purpose lists?
const has = (ids, d) => {
  let lo = 0, hi = ids.length;
  while (lo < hi) { const m = (lo + hi) >> 1; if (ids[m] < d) lo = m + 1; else hi = m; }
  return ids[lo] === d;
};
const purposeMay = (plan, rec, d) => {
  const names = [rec[1], rec[0], ...products(rec)].map(spaced).join(""), w = Math.floor(d / M.window);
  return plan.text.concat(plan.nums.map(n => n.alt).filter(Boolean))
    .every(c => names.includes(c.tok) || c.p.every(l => l.ids ? has(l.ids, d) : l.wc(w) > 0));
};
const verify = async (plan, r) => {
  // A purpose-only match needs its purpose (to verify and to show): fetched alongside.
  const [rec, purpose] = await Promise.all([chunkOf("d", r.d), r.c === 5 ? chunkOf("p", r.d) : null]);
  let c = classify(plan, rec, purpose);
  if (c === null && purposeMay(plan, rec, r.d)) { r.purpose = await chunkOf("p", r.d); c = classify(plan, rec, r.purpose); }
  else if (c === null) c = -1;
  else r.purpose = purpose;
  r.rec = rec;
  if (c < 0) r.drop = true; else if (c > r.c) { r.c = c; r.moved = true; }
  return r;
};

// ---- UI text: Chinese, or English on an English page ----
// The Chinese strings are here; an English page fetches search-en.json beside the manifest:
// `ui`, these keys in English, and `names`, the facet names (ClientAssets.english). Templates
// fill in {n}, {page}, {pages}; in a list of parts, "{q}" is the query as typed and [text] is
// Chinese text. Filer text (names, products, numbers, purposes) stays as filed: on an English
// page the element holding it says lang="zh-CN" (`filed`), as do Chinese parts and a typed
// query with CJK characters.
let T = {
  label: "查询备案：主体名称、备案编号、算法名称、应用产品或主要用途",
  go: "查询",
  hint: "可输入名称中任意连续的文字（一个字也可以）或备案编号前 4 位以上的数字；多个关键词用空格分开，须同时匹配。",
  filters: "筛选", all: "全部", type: "算法类别", role: "角色", prov: "省份", status: "状态",
  heading: "查询结果", pager: "结果分页", prev: "上一页", next: "下一页", page: "第 {n} 页",
  entity: "主体名称", number: "备案编号", products: "应用产品", category: "类别",
  cancelledOn: "注销日期", approvedOn: "备案日期", purpose: "主要用途",
  exact: "共 {n} 条结果", one: "共 {n} 条结果", about: "约 {n} 条结果", pageOf: "，第 {page} 页，共 {pages} 页", pageAbout: "，第 {page} 页",
  noMore: "：这一页没有更多结果",
  idle: "共收录 {n} 条算法备案，请输入查询内容。",
  fewDigits: "请输入备案编号的至少 4 位数字。",
  searching: "正在查询…",
  none: ["没有找到与“{q}”相关的备案。"],
  noFilter: ["没有符合筛选条件的备案。"],
  tips: [["检查是否有错别字，或只输入名称中的一部分（如“网易”）。"], ["备案编号至少输入前 4 位数字，可带或不带“网信算备”“号”。"], ["减少关键词或取消筛选条件。"]],
  failed: "查询失败：无法加载搜索索引，请检查网络后重试。",
  retry: "重试", error: "错误信息：",
  unavailable: EN ? "Search is unavailable for now: the search index could not be loaded. Reload the page later, or browse the list of filings."
    : "查询暂时不可用：无法加载搜索索引。请稍后刷新页面重试，或浏览备案清单。",
};
const fmt = (s, v) => s.replace(/\{(\w+)\}/g, (m, k) => k in v ? v[k] : m);
const filed = e => { if (EN) e.lang = "zh-CN"; return e; };
const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]|[\uD840-\uD87F]/;
// Parts as nodes and strings, for append().
const parts = (list, q) => list.map(p => {
  if (Array.isArray(p)) return filed(el("span", null, p[0]));
  if (p !== "{q}") return fmt(p, { q });
  const e = el("span", null, q);
  if (CJK.test(q)) e.lang = "zh-CN";
  return e;
});
const num = n => EN ? n.toLocaleString("en-GB") : String(n);
// Facet names: the manifest's (Chinese), or on an English page the English ones (a province
// without one shows its code). Set once the manifest is loaded.
let NAMES;
const names = en => ({
  types: M.types.map((t, i) => [t[0], en ? en.types[i] : t[1]]),
  roles: en ? en.roles : M.roles,
  provinces: M.provinces.map(p => [p[0], en ? en.provinces[p[0]] || p[0] : p[1]]),
  statuses: en ? en.statuses : M.statuses,
});
// An ISO date as the page's language writes it: 2026-12-02, or 2 December 2026.
const DATE = EN && new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const dateText = iso => {
  const m = DATE && /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(iso);
  return m ? DATE.format(Date.UTC(+m[1], +m[2] - 1, +m[3])) : iso;
};
// Result links: the site-relative pattern under data-pages, else the manifest's absolute one.
const linkPattern = key => PAGES != null && M.links && M.links[key] ? PAGES + M.links[key] : M[key];

// ---- rendering: DOM nodes and textContent only ----
const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
};
// Appends s to parent with every occurrence of a (normalised) token inside <mark>.
const highlight = (parent, s, tokens) => {
  const chars = Array.from(s), cps = chars.map(c => norm(c.codePointAt(0))), on = chars.map(() => false);
  for (const t of tokens) {
    const tc = Array.from(t, c => c.codePointAt(0));
    for (let i = 0; i + tc.length <= cps.length; i++) {
      if (tc.every((c, j) => cps[i + j] === c)) tc.forEach((_, j) => { on[i + j] = true; });
    }
  }
  for (let i = 0, j; i < chars.length; i = j) {
    for (j = i; j < chars.length && on[j] === on[i];) j++;
    const part = chars.slice(i, j).join("");
    parent.appendChild(on[i] ? el("mark", null, part) : document.createTextNode(part));
  }
  return parent;
};
const fillIn = (template, key, value) => template.split("{" + key + "}").join(value);
// About 80 characters of the purpose around the first matching token.
const snippet = (text, tokens) => {
  const chars = Array.from(text), low = str(chars.map(c => norm(c.codePointAt(0))));
  const at = Math.max(0, ...tokens.map(t => Array.from(low.slice(0, Math.max(0, low.indexOf(t)))).length));
  const from = at < 30 ? 0 : at - 20;
  return (from ? "…" : "") + chars.slice(from, from + 80).join("") + (chars.length > from + 80 ? "…" : "");
};
const renderItem = (r, plan) => {
  const rec = r.rec, li = el("li", "bs-item"), tokens = plan.tokens, h = el("h3", "bs-title"), a = el("a"), meta = el("dl", "bs-meta");
  a.href = fillIn(linkPattern("filing"), "id", rec[2]);
  h.appendChild(highlight(filed(a), rec[0], tokens));
  if (rec[6] === 1) h.appendChild(el("span", "bs-badge bs-cancelled", NAMES.statuses[1]));
  const row = (label, fill) => { const dd = el("dd"); meta.appendChild(el("dt", null, label)); fill(dd); meta.appendChild(dd); };
  row(T.entity, dd => {
    if (!M.entity) return highlight(filed(dd), rec[1], tokens);
    const e = el("a");
    e.href = fillIn(linkPattern("entity"), "entity", rec[2].slice(6, 13));
    dd.appendChild(highlight(filed(e), rec[1], tokens));
  });
  row(T.number, dd => highlight(filed(dd), NUM + rec[2] + "号", tokens));
  row(T.products, dd => rec[7] ? highlight(filed(dd), rec[7], tokens) : (dd.textContent = "--"));
  row(T.category, dd => { const N = NAMES; dd.textContent = [N.types[rec[3]][1], N.roles[rec[4]], (N.provinces[rec[5]] || [])[1], N.statuses[rec[6]]].filter(Boolean).join(" · "); });
  row(rec[9] ? T.cancelledOn : T.approvedOn, dd => { dd.textContent = dateText(rec[9] || rec[8]); });
  if (r.c === 5 && r.purpose) row(T.purpose, dd => highlight(filed(dd), snippet(r.purpose, tokens), tokens));
  li.append(h, meta);
  return li;
};

// ---- the page ----
const ui = {};
let timer = 0, seq = 0, committed = true, current = null;
const build = () => {
  app.textContent = "";
  app.classList.add("bs");
  const form = el("form", "bs-form"), label = el("label", "bs-label", T.label);
  const row = el("div", "bs-row"), input = el("input", "bs-input"), go = el("button", "bs-go", T.go);
  const hint = el("p", "bs-hint", T.hint);
  form.setAttribute("role", "search");
  label.htmlFor = "bs-q";
  Object.assign(input, { id: "bs-q", type: "search", name: "q", autocomplete: "off", spellcheck: false });
  input.setAttribute("enterkeyhint", "search");
  input.setAttribute("aria-describedby", "bs-hint");
  input.setAttribute("aria-controls", "bs-results");
  hint.id = "bs-hint";
  go.type = "submit";
  row.append(input, go);
  const facets = el("fieldset", "bs-facets");
  facets.appendChild(el("legend", null, T.filters));
  const select = (name, text, opts) => {
    const l = el("label", "bs-facet"), s = el("select");
    s.name = name; s.id = "bs-f-" + name;
    for (const [value, label] of [["", T.all]].concat(opts)) { const o = el("option", null, label); o.value = value; s.appendChild(o); }
    l.append(el("span", null, text), s);
    facets.appendChild(l);
    s.addEventListener("change", () => { clearTimeout(timer); run(readForm(), "push"); });
    return s;
  };
  ui.type = select("type", T.type, NAMES.types);
  ui.role = select("role", T.role, NAMES.roles.map((r, i) => [String(i), r]));
  ui.prov = select("prov", T.prov, NAMES.provinces);
  ui.status = select("status", T.status, NAMES.statuses.map((s, i) => [String(i), s]));
  form.append(label, row, hint, facets);
  const status = el("p", "bs-status"), heading = el("h2", "bs-heading", T.heading), list = el("ol", "bs-results");
  status.id = "bs-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  heading.id = "bs-heading";
  heading.tabIndex = -1;
  list.id = "bs-results";
  list.setAttribute("aria-labelledby", "bs-heading");
  Object.assign(ui, { input, status, heading, list, extra: el("div", "bs-extra"), pager: el("nav", "bs-pager") });
  ui.pager.setAttribute("aria-label", T.pager);
  app.append(form, status, heading, list, ui.extra, ui.pager);
  form.addEventListener("submit", e => { e.preventDefault(); clearTimeout(timer); run(readForm(), "push"); });
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => run(readForm(), "auto"), DEBOUNCE); });
  window.addEventListener("popstate", () => { const s = fromURL(); fill(s); run(s, "none"); });
};
const readForm = () => ({ q: ui.input.value, type: ui.type.value, role: ui.role.value, prov: ui.prov.value, status: ui.status.value, page: 1 });
const FILTERS = ["type", "role", "prov", "status"];
const fromURL = () => {
  const p = new URLSearchParams(location.search), s = { q: p.get("q") || "", page: Math.max(1, parseInt(p.get("page"), 10) || 1) };
  for (const k of FILTERS) s[k] = p.get(k) || "";
  return s;
};
const fill = s => { ui.input.value = s.q; for (const k of FILTERS) ui[k].value = s[k]; };
const toURL = s => {
  const p = new URLSearchParams();
  if (s.q.trim()) p.set("q", s.q.trim());
  for (const k of FILTERS) if (s[k] !== "") p.set(k, s[k]);
  if (s.page > 1) p.set("page", String(s.page));
  const qs = p.toString();
  return location.pathname + (qs ? "?" + qs : "");
};
// History: a typed query replaces the entry it started (one entry per search, not per key);
// Enter, a filter, a page or the first keystroke after those push a new one.
const remember = (s, mode) => {
  const url = toURL(s);
  if (mode === "none") { committed = true; return; }
  if (url !== location.pathname + location.search) {
    if (mode === "push" || committed) history.pushState(null, "", url); else history.replaceState(null, "", url);
  }
  committed = mode === "push";
};
const say = text => { ui.status.textContent = text; };
const setState = name => { app.setAttribute("data-state", name); ui.list.setAttribute("aria-busy", String(name === "loading")); };
const countText = (t, s) => {
  const pages = Math.ceil(t[0] / PAGE), v = { n: num(t[0]), page: s.page, pages };
  return fmt(t[1] ? (t[0] === 1 ? T.one : T.exact) : T.about, v) + (pages > 1 || s.page > 1 ? fmt(t[1] ? T.pageOf : T.pageAbout, v) : "");
};
const run = async (s, mode) => {
  const my = ++seq, t0 = performance.now(), q = s.q.trim();
  remember(s, mode);
  const plan = parse(s.q, s);
  ui.extra.textContent = ""; ui.pager.textContent = "";
  if (!plan.text.length && !plan.nums.length && !plan.facets.length) {
    ui.list.textContent = ""; ui.heading.hidden = true;
    setState("idle");
    say(q.startsWith("网信") || /^[0-9０-９]{1,3}$/.test(q) ? T.fewDigits : fmt(T.idle, { n: num(M.docs) }));
    return;
  }
  setState("loading");
  say(T.searching);
  const key = JSON.stringify([q, s.type, s.role, s.prov, s.status]);
  try {
    const search = current && current.key === key ? current.search : new Search(await resolve(plan));
    if (my !== seq) return;
    current = { key, search };
    const shown = await search.page(s.page - 1);
    if (my !== seq) return;
    show(search, shown, s, q);
    // A "beian-search" event on the app when the first results show and again once the count
    // is final (what the browser tests and benchmarks listen for; the page exports no globals).
    const info = { q: s.q, ms: performance.now() - t0, at: performance.now(), count: search.total()[0], final: false };
    app.dispatchEvent(new CustomEvent("beian-search", { detail: { ...info } }));
    if (!search.total()[1] && await search.finish() && my === seq && shown.length) say(countText(search.total(), s));
    [info.count, info.exact, info.final] = [...search.total(), true];
    app.dispatchEvent(new CustomEvent("beian-search", { detail: info }));
  } catch (err) {
    if (my !== seq) return;
    setState("error");
    ui.list.textContent = ""; ui.heading.hidden = true;
    say(T.failed);
    const retry = el("button", "bs-retry", T.retry);
    retry.type = "button";
    retry.addEventListener("click", () => run(s, "none"));
    ui.extra.append(el("p", "bs-error", T.error + (err && err.message ? err.message : String(err))), retry);
  }
};
const show = (search, shown, s, q) => {
  const t = search.total();
  ui.list.textContent = "";
  if (!shown.length) {
    ui.heading.hidden = true;
    if (s.page > 1) {
      setState("results");
      say(countText(t, s) + T.noMore);
      return pager(s, false);
    }
    setState("empty");
    say(countText([0, true], s));
    const box = el("div", "bs-empty"), tips = el("ul"), none = el("p");
    none.append(...parts(q ? T.none : T.noFilter, q));
    box.appendChild(none);
    for (const x of T.tips) { const li = el("li"); li.append(...parts(x)); tips.appendChild(li); }
    box.appendChild(tips);
    ui.extra.appendChild(box);
    return;
  }
  setState("results");
  ui.heading.hidden = false;
  say(countText(t, s));
  ui.list.append(...shown.map(r => renderItem(r, search.plan)));
  ui.list.start = (s.page - 1) * PAGE + 1;
  pager(s, t[1] ? s.page * PAGE < t[0] : search.found.length > s.page * PAGE || search.done < search.units.length);
};
const pager = (s, more) => {
  const button = (text, page) => {
    const b = el("button", "bs-pagebtn", text);
    b.type = "button";
    b.addEventListener("click", () => run(Object.assign({}, s, { page }), "push").then(() => ui.heading.focus()));
    return b;
  };
  if (s.page > 1) ui.pager.appendChild(button(T.prev, s.page - 1));
  if (s.page > 1 || more) ui.pager.appendChild(el("span", "bs-page", fmt(T.page, { n: s.page })));
  if (more) ui.pager.appendChild(button(T.next, s.page + 1));
};

const start = async () => {
  const first = fromURL(), css = el("link");
  css.rel = "stylesheet";
  css.href = BASE + "search.css";
  if (!document.querySelector('link[href$="search.css"]')) document.head.appendChild(css);
  app.setAttribute("data-state", "loading");
  let en;
  try {
    [M, en] = await Promise.all([load(BASE + "manifest.json", { cache: "no-cache" }), EN && load(BASE + "search-en.json", { cache: "no-cache" })]);
  } catch (err) {
    app.setAttribute("data-state", "error");
    app.textContent = "";
    app.appendChild(el("p", "bs-error", T.unavailable));
    return;
  }
  if (en) T = en.ui;
  NAMES = names(en && en.names);
  build();
  fill(first);
  run(first, "none");
};
start();
})();

#!/usr/bin/env python3
"""Generates N synthetic filings (JSON array of PublicFiling) from fragments of the real CAC list.

Usage: search-scale-generate.py CSV N OUT.json [SEED]

Names are recombined from real ones so that their characters, bigrams and lengths look like
the registry's: an entity name is a real place prefix + a real two-to-four-character core + a
real company suffix; an algorithm name is a brand (entity core or a real product name) + a
real algorithm-name tail; products are real product names with real forms; purposes are real.
Filings per entity follow a heavy tail (most have one or two, a few have dozens), regions
follow the real distribution, and every number carries a correct check digit.
"""
import csv
import json
import random
import re
import sys

CSV, N, OUT = sys.argv[1], int(sys.argv[2]), sys.argv[3]
SEED = int(sys.argv[4]) if len(sys.argv) > 4 else 20260101
rng = random.Random(SEED)

rows = [r for r in csv.DictReader(open(CSV, encoding="utf-8-sig")) if r["num_check_ok"] == "true" and len(r["num_digits"]) == 21]

PLACES = ["北京", "上海", "深圳", "广州", "杭州", "南京", "成都", "武汉", "苏州", "厦门", "重庆", "天津", "西安", "长沙", "合肥", "郑州", "济南", "青岛", "福州", "宁波"]
SUFFIXES = ["有限公司", "科技有限公司", "信息技术有限公司", "网络科技有限公司", "智能科技有限公司", "数字科技有限公司",
            "计算机系统有限公司", "信息服务有限公司", "文化传媒有限公司", "人工智能科技有限公司", "网络技术有限公司", "软件有限公司"]
FORMS = ["APP", "网站", "小程序", "公众账号", "其他"]


def core_of(entity):
    s = re.sub(r"[（(].*?[）)]", "", entity)
    for p in sorted(PLACES + ["北京市", "上海市", "深圳市", "广州市", "杭州市", "浙江", "江苏", "广东", "中国"], key=len, reverse=True):
        if s.startswith(p):
            s = s[len(p):]
            break
    for suf in sorted(SUFFIXES + ["股份有限公司", "有限责任公司", "集团有限公司", "公司"], key=len, reverse=True):
        if s.endswith(suf):
            s = s[: -len(suf)]
            break
    return s if 2 <= len(s) <= 6 else None


cores = sorted({c for c in (core_of(r["主体名称"]) for r in rows) if c})
tails = []
for r in rows:
    name = r["算法名称"]
    m = re.search(r"(个性化|智能|推荐|搜索|检索|排序|生成|合成|大模型|内容|信息|图像|语音|视频|文本|对话|数字人|调度|过滤|安全|审核).*算法.*$", name)
    if m and 4 <= len(m.group(0)) <= 16:
        tails.append(m.group(0))
tails = sorted(set(tails))
products = sorted({re.sub(r"[（(][^（(]*[）)]$", "", p) for r in rows for p in r["应用产品"].split("、") if p and p != "--"})
products = [p for p in products if 2 <= len(p) <= 14]
purposes = sorted({r["主要用途"] for r in rows if r["主要用途"]})
regions = [r["num_region"] for r in rows]
dates = sorted({r["period"] for r in rows})
TYPES = {"01": "生成合成类", "02": "个性化推送类", "03": "排序精选类", "04": "信息检索类", "05": "内容过滤类", "06": "调度决策类"}
type_weights = [("01", 70), ("02", 10), ("03", 4), ("04", 6), ("05", 4), ("06", 6)]


def check_digit(body):
    s = 0
    for c in body:
        s = (s * 2 + int(c)) % 10
    return (1 - 2 * s) % 10


def pick_type():
    x = rng.uniform(0, 100)
    for code, w in type_weights:
        x -= w
        if x <= 0:
            return code
    return "01"


filings = []
entity_ids = set()
seq = {}
while len(filings) < N:
    # One entity and its filings: mostly one or two, sometimes dozens (Pareto tail).
    k = min(int(rng.paretovariate(1.6)), 60, N - len(filings))
    core = rng.choice(cores)
    if rng.random() < 0.5:
        core = core[:2] + rng.choice(cores)[:2]
    place = rng.choice(PLACES)
    entity = (place + ("市" if rng.random() < 0.4 else "") + core + rng.choice(SUFFIXES))
    while True:
        eid = str(rng.randrange(1_000_000, 10_000_000))
        if eid not in entity_ids:
            entity_ids.add(eid)
            break
    region = rng.choice(regions)
    brands = [core] + [rng.choice(products) for _ in range(2)]
    for _ in range(k):
        t = pick_type()
        period = rng.choice(dates)
        year = int(period[:4])
        key = (eid, t)
        seq[key] = seq.get(key, 0) + 1
        body = f"{region}{eid}{t}{year % 100:02d}{seq[key]:03d}"
        number = body + str(check_digit(body))
        brand = rng.choice(brands)
        algorithm = brand + rng.choice(tails)
        supporter = rng.random() < 0.2
        prods = [] if supporter else [f"{rng.choice(brands)}（{rng.choice(FORMS)}）" for _ in range(rng.choice([1, 1, 1, 2, 3]))]
        cancelled = rng.random() < 0.01
        month = int(period[5:7])
        day = rng.randint(1, 28)
        f = {
            "number": f"网信算备{number}号", "algorithmName": algorithm, "type": TYPES[t],
            "role": "服务技术支持者" if supporter else "服务提供者", "entityName": entity, "entityID": eid,
            "region": region, "products": list(dict.fromkeys(prods)), "purpose": rng.choice(purposes), "disclosure": "",
            "approvedOn": {"year": year, "month": month, "day": day},
            "status": "已注销" if cancelled else "已备案", "notes": [], "history": [], "imported": False,
        }
        if cancelled:
            f["cancelledOn"] = {"year": 2026, "month": 1, "day": 15}
        filings.append(f)

json.dump(filings, open(OUT, "w", encoding="utf-8"), ensure_ascii=False)
print(f"{len(filings)} filings, {len(entity_ids)} entities, {len(cores)} name cores, {len(tails)} algorithm tails, "
      f"{len(products)} product names, {len(purposes)} purposes", file=sys.stderr)

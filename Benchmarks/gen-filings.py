#!/usr/bin/env python3
"""Writes N realistic synthetic filings as a CAC-format list CSV (for `beian import`).

    gen-filings.py N OUT.csv [--seed S]

Entity, algorithm and product names are recombined from fragments of real published rows
(Tests/BeianImportTests/Fixtures/lists.csv), so the Chinese text has the lengths and the
vocabulary of the real lists. Numbers are valid: real region codes, unique 7-digit entity ids,
type codes, years 22–26, per-entity-and-type sequences and correct check digits. About 3 filings
per entity, like the real lists; one in twenty is a 服务技术支持者 with no products.
"""
import csv, os, random, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "..", "Tests", "BeianImportTests", "Fixtures", "lists.csv")
TYPES = ["生成合成类", "个性化推送类", "排序精选类", "信息检索类", "内容过滤类", "调度决策类"]
FORMS = ["APP", "网站", "小程序", "公众账号"]
CITIES = ["北京", "上海", "深圳", "杭州", "广州", "成都", "南京", "武汉", "西安", "苏州", "厦门", "合肥", "长沙", "天津", "重庆"]
STEMS = ["星", "云", "智", "海", "天", "易", "联", "数", "科", "信", "达", "华", "盛", "博", "启", "新", "睿", "途", "光", "川",
         "锦", "瑞", "宸", "鸿", "泽", "悦", "朗", "峰", "航", "卓", "澜", "逸", "恒", "跃", "昊", "铭", "蓝", "橙", "青", "墨"]
SUFFIX = ["科技有限公司", "网络科技有限公司", "信息技术有限公司", "智能科技有限公司", "数字科技有限公司", "软件有限公司", "传媒有限公司"]
ALGO = [["文本生成算法", "图像生成算法", "语音合成算法", "数字人合成算法", "视频生成算法", "对话生成算法", "大模型算法", "智能客服算法"],
        ["个性化推荐算法", "信息推送算法", "短视频推荐算法", "商品推荐算法"],
        ["内容排序算法", "热榜精选算法", "搜索排序算法"],
        ["信息检索算法", "商品搜索算法", "图片检索算法"],
        ["内容审核过滤算法", "垃圾信息过滤算法", "评论过滤算法"],
        ["配送调度算法", "派单调度算法", "运力调度算法"]]

def check_digit(body):
    s = 0
    for c in body: s = (s * 2 + int(c)) % 10
    return str((1 - 2 * s) % 10)

def main():
    n = int(sys.argv[1]); out = sys.argv[2]
    rnd = random.Random(int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 2026)
    rows = list(csv.DictReader(open(SOURCE, encoding="utf-8")))
    regions = sorted({r["备案编号"][4:10] for r in rows if len(r["备案编号"]) == 26})
    purposes = [r["主要用途"] for r in rows if r["主要用途"]]
    products = [p for r in rows for p in re.split("、(?![^（]*）)", r["应用产品"]) if "（" in p]
    used_ids = set(); written = 0; period_of = lambda y: f"20{y:02d}-{rnd.choice(['01','03','05','07','09','11'])}"
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["list", "period", "row", "序号", "算法名称", "算法类别", "角色", "主体名称", "应用产品", "主要用途", "备案编号", "备注"])
        while written < n:
            eid = rnd.randrange(1000000, 9999999)
            if eid in used_ids: continue
            used_ids.add(eid)
            region = rnd.choice(regions)
            brand = "".join(rnd.sample(STEMS, 2))
            entity = f"{rnd.choice(CITIES)}{brand}{rnd.choice(SUFFIX)}"
            seqs = {}
            for _ in range(min(n - written, rnd.choice([1, 1, 2, 3, 3, 4, 6]))):
                t = rnd.randrange(6); code = f"{t + 1:02d}"; year = rnd.randrange(22, 27)
                seqs[code] = seqs.get(code, 0) + 1
                body = f"{region}{eid:07d}{code}{year:02d}{seqs[code]:03d}"
                supporter = rnd.random() < 0.05
                prods = "--" if supporter else "、".join(
                    rnd.sample([f"{brand}{p.split('（')[0][-2:]}（{rnd.choice(FORMS)}）" for p in rnd.sample(products, 3)], rnd.randrange(1, 3)))
                w.writerow(["algorithm", period_of(year), written + 1, written + 1, f"{brand}{rnd.choice(ALGO[t])}",
                            TYPES[t], "服务技术支持者" if supporter else "服务提供者", entity, prods,
                            rnd.choice(purposes), f"网信算备{body}{check_digit(body)}号", ""])
                written += 1
    print(f"wrote {written} filings of {len(used_ids)} entities to {out}", file=sys.stderr)

if __name__ == "__main__":
    main()

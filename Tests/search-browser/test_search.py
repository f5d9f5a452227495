#!/usr/bin/env python3
"""Drives the search client in headless Chromium against a site written by SiteWriterTests.

Usage: test_search.py SITE_DIR. Serves SITE_DIR with `python3 -m http.server` on 127.0.0.1,
runs every check, prints one line per check and `N passed, N failed` last.
"""
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import traceback
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

SITE = sys.argv[1]
EXP = json.load(open(SITE + "/expected.json", encoding="utf-8"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PORT = free_port()
BASE = f"http://127.0.0.1:{PORT}"
server = subprocess.Popen(
    [sys.executable, "-m", "http.server", str(PORT), "--bind", "127.0.0.1", "--directory", SITE],
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for _ in range(100):
    try:
        socket.create_connection(("127.0.0.1", PORT), timeout=0.2).close()
        break
    except OSError:
        time.sleep(0.05)

opts = webdriver.ChromeOptions()
opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1200,900"):
    opts.add_argument(a)
driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=opts)
driver.set_page_load_timeout(20)
# The published client exports no globals: it dispatches a "beian-search" event on the app
# when the first results show and once the count is final. This test-only listener, added to
# every page before its scripts run, keeps the last one as window.__beianSearch.
driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source":
    "document.addEventListener('beian-search', e => { window.__beianSearch = e.detail; }, true);"})

# Test-only access to the client's tokenizer and key choice: a second copy of the client's
# source (Sources/BeianSearch/Client/search.js, which EmbeddedClientTests keeps equal to the
# compiled-in one) that does not start, run in the page, exporting them to the test alone.
CLIENT = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../Sources/BeianSearch/Client/search.js"),
              encoding="utf-8").read()
HOOKED = CLIENT.replace("\nstart();\n})();", """
window.__beianTest = {
  tokenize: s => segments(s).map(str),
  keys: async s => { M = M || await load(BASE + "manifest.json"); return keysOf(segments(s)[0]); },
};
})();""")
assert HOOKED != CLIENT, "search.js no longer ends with start(); })(); - update the test hook"

passed, failed = 0, 0


def check(fn):
    global passed, failed
    try:
        fn()
        passed += 1
        print(f"ok    {fn.__name__}")
    except Exception as e:  # noqa: BLE001 - a failed check of any kind is reported, not fatal
        failed += 1
        detail = "".join(traceback.format_exception_only(type(e), e)).strip()
        print(f"FAIL  {fn.__name__}: {detail}")
    return fn


# ---- helpers ----
def state():
    return driver.find_element(By.ID, "search-app").get_attribute("data-state")


def wait_state(*states, timeout=10):
    WebDriverWait(driver, timeout).until(lambda d: state() in states)


def wait_query(q, timeout=10):
    """Waits until the client has shown results (or the empty state) for q."""
    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script("return window.__beianSearch && window.__beianSearch.q") == q
        and d.execute_script("return window.__beianSearch.final") and state() in ("results", "empty"))


def open_query(q, extra=""):
    driver.get(f"{BASE}/search/?q={urllib.parse.quote(q)}{extra}")
    wait_query(q)


def status():
    return driver.find_element(By.ID, "bs-status").text


def count():
    m = re.match(r"^(共|约) (\d+) 条结果", status())
    assert m, f"status {status()!r}"
    assert m.group(1) == "共", f"count is an estimate: {status()!r}"
    return int(m.group(2))


def items():
    return driver.find_elements(By.CSS_SELECTOR, "#bs-results > li")


def numbers_shown():
    return [re.sub(r"\D", "", li.find_element(By.XPATH, ".//dt[text()='备案编号']/following-sibling::dd[1]").text) for li in items()]


def type_query(q):
    box = driver.find_element(By.ID, "bs-q")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    box.send_keys(q)
    wait_query(q)


def expect_count(name):
    e = EXP[name]
    open_query(e["q"])
    got = count() if e["count"] else 0
    assert got == e["count"], f"{e['q']}: shown {got}, expected {e['count']}"
    shown = len(items())
    assert shown == min(10, e["count"]), f"{shown} items on page 1"


def resources_bytes():
    return driver.execute_script("""
      const r = performance.getEntriesByType('resource'), n = performance.getEntriesByType('navigation')[0];
      let t = n ? n.transferSize : 0, d = n ? n.decodedBodySize : 0;
      for (const e of r) { t += e.transferSize; d += e.decodedBodySize; }
      return [t, d, r.length, r.map(e => e.name.replace(/^https?:[/][/][^/]+/, '') + ' ' + e.transferSize)];
    """)


# ---- checks ----
@check
def tokenizer_matches_swift():
    driver.get(f"{BASE}/search/")
    wait_state("idle")
    exported = driver.execute_script("return Object.keys(window).filter(k => /beian/i.test(k))")
    assert exported == [], f"the published client exports globals: {exported}"
    driver.execute_script(HOOKED)
    for case in EXP["tokenizer"]:
        got = driver.execute_script("return window.__beianTest.tokenize(arguments[0])", case["text"])
        assert got == case["segments"], f"{case['text']}: js {got} swift {case['segments']}"


@check
def key_choice_matches_swift():
    driver.get(f"{BASE}/search/")
    wait_state("idle")
    driver.execute_script(HOOKED)
    for case in EXP["keys"]:
        got = driver.execute_async_script(
            "window.__beianTest.keys(arguments[0]).then(arguments[arguments.length - 1])", case["text"])
        assert got == case["keys"], f"{case['text']}: js {got} swift {case['keys']}"


@check
def idle_page_invites_a_query():
    driver.get(f"{BASE}/search/")
    wait_state("idle")
    assert f"共收录 {EXP['docs']} 条" in status(), status()
    assert driver.find_element(By.CSS_SELECTOR, "label[for='bs-q']").text


@check
def full_entity_name_ranks_the_entity_first():
    expect_count("entity")
    name = EXP["entity"]["q"]
    entities = [li.find_element(By.XPATH, ".//dt[text()='主体名称']/following-sibling::dd[1]").text for li in items()]
    assert all(e == name for e in entities), entities
    assert set(numbers_shown()) <= set(EXP["entityFirstNumbers"])


@check
def a_website_domain_finds_its_filing():
    # SPEC §13: people meet a website, not a company name. The host is shown after the
    # products, the match marked.
    open_query("shop.audit.example.cn")
    assert count() == 1, status()
    number = numbers_shown()[0]
    assert number.startswith("1101089999999"), number
    shown = items()[0].find_element(By.XPATH, ".//dt[text()='应用产品']/following-sibling::dd[1]")
    assert shown.text.endswith("、shop.audit.example.cn"), shown.text
    assert [m.text for m in shown.find_elements(By.TAG_NAME, "mark")], "the match is marked"
    open_query("audit.example")
    assert number in numbers_shown(), numbers_shown()


@check
def two_character_fragment_inside_a_name():
    expect_count("fragment")
    marks = [m.text for m in driver.find_elements(By.CSS_SELECTOR, "#bs-results mark")]
    assert "易传" in marks, marks


@check
def full_number_with_prefix_and_suffix():
    expect_count("number")
    assert numbers_shown() == ["110101135224302220011"]


@check
def bare_full_number():
    expect_count("bareNumber")
    assert numbers_shown()[0] == "110101135224302220011"


@check
def number_prefix_eight_digits():
    expect_count("prefix8")
    assert all(n.startswith("11010113") for n in numbers_shown())


@check
def number_prefix_ten_digits():
    expect_count("prefix10")
    assert all(n.startswith("4403052959") for n in numbers_shown())


@check
def number_prefix_four_digits_pages():
    expect_count("prefix4")
    assert all(n.startswith("4403") for n in numbers_shown())


@check
def product_name():
    expect_count("product")


@check
def two_terms_must_both_match():
    expect_count("twoTerms")
    for li in items():
        text = li.text
        assert "腾讯" in text, text


@check
def latin_word_any_case():
    expect_count("latin")
    marks = [m.text for m in driver.find_elements(By.CSS_SELECTOR, "#bs-results mark")]
    assert "XMusic" in marks, marks


@check
def purpose_only_match_shows_the_purpose():
    expect_count("purposeOnly")
    dd = driver.find_elements(By.XPATH, "//dt[text()='主要用途']/following-sibling::dd[1]")
    assert dd and "通知栏" in dd[0].text, [d.text for d in dd]


@check
def no_hit_shows_the_empty_state():
    open_query(EXP["none"]["q"])
    assert state() == "empty"
    assert status() == "共 0 条结果", status()
    assert "没有找到" in driver.find_element(By.CSS_SELECTOR, ".bs-empty").text


@check
def data_is_text_never_markup():
    expect_count("hostile")
    app = driver.find_element(By.ID, "search-app")
    assert not app.find_elements(By.CSS_SELECTOR, "#bs-results b, #bs-results img, #bs-results script")
    assert "<b>粗体</b>推荐算法" in app.text
    assert "<img src=x onerror=alert(1)>测试科技有限公司" in app.text


@check
def every_two_character_substring_is_found():
    driver.get(f"{BASE}/search/")
    wait_state("idle")
    for name in EXP["substringNames"]:
        chars = list(name)
        for i in range(len(chars) - 1):
            sub = "".join(chars[i:i + 2])
            type_query(sub)
            assert state() == "results", f"{sub} of {name}: {status()}"
            assert count() >= 1


@check
def results_as_you_type_and_deep_link():
    driver.get(f"{BASE}/search/")
    wait_state("idle")
    box = driver.find_element(By.ID, "bs-q")
    for ch in "网易新":
        box.send_keys(ch)
        time.sleep(0.05)
    wait_query("网易新")
    assert state() == "results"
    assert "q=" + urllib.parse.quote("网易新") in driver.current_url, driver.current_url


@check
def back_and_forward_restore_the_query():
    a, b = EXP["entity"]["q"], EXP["product"]["q"]
    open_query(a)
    type_query(b)
    assert urllib.parse.quote(b) in driver.current_url
    driver.back()
    wait_query(a)
    assert driver.find_element(By.ID, "bs-q").get_attribute("value") == a
    assert count() == EXP["entity"]["count"]
    driver.forward()
    wait_query(b)
    assert driver.find_element(By.ID, "bs-q").get_attribute("value") == b
    assert count() == EXP["product"]["count"]


@check
def paging_through_results():
    open_query(EXP["entity"]["q"])
    first = numbers_shown()
    driver.find_element(By.XPATH, "//button[text()='下一页']").click()
    WebDriverWait(driver, 10).until(lambda d: "page=2" in d.current_url and state() == "results" and numbers_shown() != first)
    second = numbers_shown()
    assert len(second) == 10 and not set(first) & set(second)
    assert driver.find_element(By.ID, "bs-results").get_attribute("start") == "11"
    assert driver.switch_to.active_element.get_attribute("id") == "bs-heading"
    assert "第 2 页" in status()
    driver.back()
    WebDriverWait(driver, 10).until(lambda d: "page=2" not in d.current_url and numbers_shown() == first)


@check
def facet_filters_type_and_status():
    open_query(EXP["entity"]["q"])
    Select(driver.find_element(By.ID, "bs-f-type")).select_by_visible_text("生成合成类")
    WebDriverWait(driver, 10).until(lambda d: "type=01" in d.current_url and state() in ("results", "empty"))
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return window.__beianSearch.count") == EXP["tencentGenerative"])
    driver.get(f"{BASE}/search/?status=1")
    wait_state("results")
    assert count() == EXP["cancelled"], status()
    assert all("已注销" in li.text for li in items())


@check
def home_page_form_works_without_script():
    driver.get(f"{BASE}/index.html")
    box = driver.find_element(By.NAME, "q")
    box.send_keys("腾讯")
    box.submit()
    wait_query("腾讯")
    assert "/search/?q=" in driver.current_url
    assert state() == "results"


@check
def keyboard_and_screen_reader_basics():
    driver.get(f"{BASE}/search/")
    wait_state("idle")
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    assert driver.switch_to.active_element.get_attribute("id") == "bs-q"
    driver.switch_to.active_element.send_keys("网易" + Keys.ENTER)
    wait_query("网易")
    st = driver.find_element(By.ID, "bs-status")
    assert st.get_attribute("aria-live") == "polite" and st.get_attribute("role") == "status"
    assert re.match(r"^共 \d+ 条结果", st.text), st.text
    assert driver.find_element(By.ID, "bs-results").tag_name == "ol"
    links = driver.find_elements(By.CSS_SELECTOR, "#bs-results li h3 a")
    assert links and all(re.search(r"/filings/\d{21}/$", a.get_attribute("href")) for a in links)
    for sel in ("bs-f-type", "bs-f-role", "bs-f-prov", "bs-f-status"):
        assert driver.find_element(By.ID, sel).find_element(By.XPATH, "..").tag_name == "label"


@check
def error_state_when_the_index_is_missing():
    driver.get(f"{BASE}/broken/?q=%E8%85%BE%E8%AE%AF")
    wait_state("error")
    assert "无法加载" in driver.find_element(By.ID, "search-app").text


@check
def error_state_when_a_shard_fails_then_retry():
    driver.get(f"{BASE}/search/")
    wait_state("idle")
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/search/s/*"]})
    box = driver.find_element(By.ID, "bs-q")
    box.send_keys("百度" + Keys.ENTER)
    wait_state("error")
    assert "查询失败" in status()
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
    driver.find_element(By.CSS_SELECTOR, ".bs-retry").click()
    wait_state("results", "empty")


# ---- the English page (/en/search/: lang="en", data-pages="/en/", the same index) ----
EN = EXP["en"]

# Text nodes and labelling attributes with CJK characters outside an element whose lang is
# zh…: untranslated UI strings on an English page (filer text must sit inside lang="zh-CN").
UNDECLARED_CJK = r"""
  const cjk = /[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]|[\uD840-\uD87F][\uDC00-\uDFFF]/;
  const zh = e => { const l = e && e.closest('[lang]'); return !!l && /^zh/i.test(l.getAttribute('lang')); };
  const bad = [];
  if (cjk.test(document.title) && !zh(document.querySelector('title'))) bad.push('title: ' + document.title);
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n; (n = w.nextNode());) {
    const p = n.parentElement;
    if (p && !p.closest('script,style') && cjk.test(n.data) && !zh(p)) bad.push(p.tagName + ': ' + n.data);
  }
  for (const e of document.body.querySelectorAll('*'))
    for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'value'])
      if (e.hasAttribute(a) && cjk.test(e.getAttribute(a)) && !zh(e)) bad.push(e.tagName + ' @' + a + ': ' + e.getAttribute(a));
  return bad;
"""


def assert_no_undeclared_cjk(where):
    bad = driver.execute_script(UNDECLARED_CJK)
    assert bad == [], f"{where}: CJK outside lang=zh: {bad[:5]}"


def open_en(q, extra="", page="/en/search/"):
    driver.get(f"{BASE}{page}?q={urllib.parse.quote(q)}{extra}")
    wait_query(q)


def en_count():
    m = re.match(r"^(About )?([\d,]+) results?\b", status())
    assert m, f"status {status()!r}"
    assert not m.group(1), f"count is an estimate: {status()!r}"
    return int(m.group(2).replace(",", ""))


def path_of(href):
    return urllib.parse.urlsplit(href).path


def numbers_shown_en():
    return [re.sub(r"\D", "", li.find_element(By.XPATH, ".//dt[text()='Filing number']/following-sibling::dd[1]").text) for li in items()]


def options(name):
    return [o.text for o in Select(driver.find_element(By.ID, "bs-f-" + name)).options]


@check
def undeclared_cjk_check_catches_chinese_on_an_english_page():
    # The check below must be able to fail: Chinese UI text, or a label, not declared zh.
    open_en("网易")
    assert driver.execute_script(UNDECLARED_CJK) == []
    driver.execute_script("""
      const app = document.getElementById('search-app');
      app.querySelector('dt').textContent = '主体名称';
      app.querySelector('nav').setAttribute('aria-label', '结果分页');""")
    bad = driver.execute_script(UNDECLARED_CJK)
    assert bad == ["DT: 主体名称", "NAV @aria-label: 结果分页"], bad


@check
def chinese_page_declares_no_languages_and_keeps_iso_dates():
    d = EXP["dates"]
    open_query(d["number"])
    assert driver.find_elements(By.CSS_SELECTOR, "#search-app [lang]") == []
    dd = driver.find_element(By.XPATH, "//dt[text()='备案日期']/following-sibling::dd[1]").text
    assert dd == d["approvedISO"], dd
    link = driver.find_element(By.CSS_SELECTOR, "#bs-results li h3 a").get_attribute("href")
    assert path_of(link) == f"/filings/{d['number']}/", link
    assert options("type") == ["全部"] + EN["zhTypes"], options("type")


@check
def english_idle_page_and_facets():
    driver.get(f"{BASE}/en/search/")
    wait_state("idle")
    assert status() == f"{EXP['docs']} algorithm filings on record. Type what to look for.", status()
    assert driver.find_element(By.CSS_SELECTOR, "label[for='bs-q']").text.startswith("Search the filings")
    assert driver.find_element(By.CSS_SELECTOR, ".bs-go").text == "Search"
    assert driver.find_element(By.CSS_SELECTOR, ".bs-facets legend").text == "Filter"
    labels = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".bs-facet > span")]
    assert labels == ["Algorithm type", "Role", "Province", "Status"], labels
    assert options("type") == ["All"] + EN["types"], options("type")
    assert options("role") == ["All"] + EN["roles"], options("role")
    assert options("prov") == ["All"] + EN["provinces"], options("prov")
    assert options("status") == ["All"] + EN["statuses"], options("status")
    assert driver.find_element(By.ID, "bs-results").get_attribute("aria-labelledby") == "bs-heading"
    assert driver.find_element(By.ID, "bs-heading").get_attribute("textContent") == "Search results"
    assert_no_undeclared_cjk("idle")


@check
def english_results_link_under_en_with_english_labels():
    for name in ("entity", "fragment", "number", "prefix10", "prefix4", "product", "twoTerms", "latin", "purposeOnly", "hostile"):
        e = EXP[name]
        open_en(e["q"])
        got = en_count()
        assert got == e["count"], f"{e['q']}: shown {got}, expected {e['count']}"
        assert len(items()) == min(10, e["count"])
        for li in items():
            a = li.find_element(By.CSS_SELECTOR, "h3 a")
            assert re.fullmatch(r"/en/filings/\d{21}/", path_of(a.get_attribute("href"))), a.get_attribute("href")
            assert a.get_attribute("lang") == "zh-CN"
            for ent in li.find_elements(By.CSS_SELECTOR, "dd a"):
                assert re.fullmatch(r"/en/entities/\d{7}/", path_of(ent.get_attribute("href"))), ent.get_attribute("href")
            dts = [dt.text for dt in li.find_elements(By.TAG_NAME, "dt")]
            assert dts[:4] == ["Entity", "Filing number", "Products", "Classification"], dts
            assert dts[4] in ("Filed on", "Cancelled on") and dts[5:] in ([], ["Main purpose"]), dts
        assert_no_undeclared_cjk(e["q"])
    open_en(EXP["purposeOnly"]["q"])
    dd = driver.find_elements(By.XPATH, "//dt[text()='Main purpose']/following-sibling::dd[1]")
    assert dd and EXP["purposeOnly"]["q"] in dd[0].text and dd[0].get_attribute("lang") == "zh-CN"


@check
def english_dates_and_classification():
    d = EXP["dates"]
    open_en(d["number"])
    li = items()[0]
    dd = lambda label: li.find_element(By.XPATH, f".//dt[text()='{label}']/following-sibling::dd[1]")
    assert dd("Filed on").text == d["approved"], dd("Filed on").text
    assert re.fullmatch(r"\d{1,2} [A-Z][a-z]+ \d{4}", d["approved"]), d["approved"]
    parts = dd("Classification").text.split(" · ")
    assert parts[0] == d["type"] and parts[1] == d["role"] and parts[3] == "Filed", parts
    assert dd("Filing number").text == f"网信算备{d['number']}号" and dd("Filing number").get_attribute("lang") == "zh-CN"
    driver.get(f"{BASE}/en/search/?status=1")
    wait_state("results")
    assert en_count() == EXP["cancelled"], status()
    for li in items():
        assert li.find_element(By.CSS_SELECTOR, ".bs-badge").text == "Cancelled"
        assert li.find_elements(By.XPATH, ".//dt[text()='Cancelled on']")
    driver.get(f"{BASE}/en/search/?q={d['cancelledNumber']}")
    wait_query(d["cancelledNumber"])
    got = items()[0].find_element(By.XPATH, ".//dt[text()='Cancelled on']/following-sibling::dd[1]").text
    assert got == d["cancelled"], got
    assert_no_undeclared_cjk("cancelled")


@check
def english_facet_filter_by_english_name():
    open_en(EXP["entity"]["q"])
    Select(driver.find_element(By.ID, "bs-f-type")).select_by_visible_text(EN["types"][0])
    WebDriverWait(driver, 10).until(lambda d: "type=01" in d.current_url and state() in ("results", "empty"))
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return window.__beianSearch.count") == EXP["tencentGenerative"])
    assert all(EN["types"][0] in li.text for li in items())
    assert_no_undeclared_cjk("filtered")


@check
def english_paging_empty_and_errors():
    open_en(EXP["entity"]["q"])
    first = numbers_shown_en()
    assert re.match(r"^\d+ results, page 1 of \d+$", status()), status()
    driver.find_element(By.XPATH, "//button[text()='Next page']").click()
    WebDriverWait(driver, 10).until(lambda d: "page=2" in d.current_url and state() == "results" and numbers_shown_en() != first)
    assert re.match(r"^\d+ results, page 2 of \d+$", status()), status()
    assert driver.find_element(By.CSS_SELECTOR, ".bs-page").text == "Page 2"
    assert driver.find_element(By.XPATH, "//button[text()='Previous page']")
    assert driver.find_element(By.CSS_SELECTOR, ".bs-pager").get_attribute("aria-label") == "Result pages"
    assert_no_undeclared_cjk("page 2")
    q = EXP["none"]["q"]
    open_en(q)
    assert state() == "empty" and status() == "0 results", status()
    box = driver.find_element(By.CSS_SELECTOR, ".bs-empty")
    assert box.find_element(By.TAG_NAME, "p").text == f"No filing matches “{q}”.", box.text
    assert box.find_element(By.CSS_SELECTOR, "p span").get_attribute("lang") == "zh-CN"
    assert_no_undeclared_cjk("empty")
    open_en("NoSuchWordAnywhere")
    assert driver.find_element(By.CSS_SELECTOR, ".bs-empty p span").get_attribute("lang") == ""
    driver.get(f"{BASE}/en/broken/")
    wait_state("error")
    assert driver.find_element(By.ID, "search-app").text.startswith("Search is unavailable for now")
    assert_no_undeclared_cjk("no index")
    driver.get(f"{BASE}/en/search/")
    wait_state("idle")
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/search/s/*"]})
    try:
        driver.find_element(By.ID, "bs-q").send_keys("百度" + Keys.ENTER)
        wait_state("error")
        assert status().startswith("Search failed"), status()
        assert driver.find_element(By.CSS_SELECTOR, ".bs-retry").text == "Try again"
        assert driver.find_element(By.CSS_SELECTOR, ".bs-error").text.startswith("Error: ")
        assert_no_undeclared_cjk("shard failed")
    finally:
        driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})


@check
def english_page_without_data_pages_links_as_the_manifest_says():
    open_en(EXP["number"]["q"], page="/en/plain/")
    link = items()[0].find_element(By.CSS_SELECTOR, "h3 a").get_attribute("href")
    assert path_of(link) == f"/filings/{EXP['dates']['number']}/", link


@check
def manifest_from_before_english_names_still_works():
    # Chinese page: as before.
    driver.get(f"{BASE}/old/?q={urllib.parse.quote(EXP['entity']['q'])}")
    wait_query(EXP["entity"]["q"])
    assert count() == EXP["entity"]["count"]
    assert all(re.fullmatch(r"/filings/\d{21}/", path_of(a.get_attribute("href")))
               for a in driver.find_elements(By.CSS_SELECTOR, "#bs-results li h3 a"))
    assert options("type") == ["全部"] + EN["zhTypes"]
    # English page: English, links as the old manifest's absolute patterns say.
    open_en(EXP["entity"]["q"], page="/en/old/")
    assert en_count() == EXP["entity"]["count"]
    assert options("type") == ["All"] + EN["types"]
    assert all(re.fullmatch(r"/filings/\d{21}/", path_of(a.get_attribute("href")))
               for a in driver.find_elements(By.CSS_SELECTOR, "#bs-results li h3 a"))
    assert_no_undeclared_cjk("old manifest")


@check
def first_query_bytes_and_time():
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    q = EXP["entity"]["q"]
    open_query(q)
    transferred, decoded, n, names = resources_bytes()
    ms = driver.execute_script("return window.__beianSearch.ms")
    at = driver.execute_script("return window.__beianSearch.at")
    print(f"      first query {q}: {n} resources, {transferred} bytes transferred, {decoded} decoded, "
          f"search {ms:.1f} ms, results at {at:.0f} ms after navigation")
    assert transferred < 50_000, names
    assert not any("search-en.json" in n for n in names), names
    # The English page fetches its strings too (search-en.json): everything else within the
    # same budget, the strings on top.
    driver.get(f"{BASE}/en/search/?q={urllib.parse.quote(q)}")
    wait_query(q)
    en_transferred, _, n, en_names = resources_bytes()
    strings = sum(int(x.rsplit(" ", 1)[1]) for x in en_names if "/search-en.json" in x)
    print(f"      same query on the English page: {n} resources, {en_transferred} bytes transferred, "
          f"{strings} of them search-en.json")
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": False})
    assert 0 < strings < 4_000 and en_transferred - strings < 50_000, en_names


driver.quit()
server.terminate()
server.wait(timeout=5)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)

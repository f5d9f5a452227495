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
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": False})
    assert transferred < 50_000, names


driver.quit()
server.terminate()
server.wait(timeout=5)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)

"""The portal loads nothing from other origins, and its Content-Security-Policy breaks nothing.

Builds the demo registry with the real `beian build` (search index included) after adding an
announcement whose images live on a "tracker" — a second local server on another port, so
another origin — then serves the site and drives headless Chromium over every kind of page:
- every page carries the policy, and the browser logs no CSP violation (the policy blocks
  nothing the portal itself needs: stylesheet, search client, search index);
- the search page finds the demo's filings with the policy in force;
- the tracker receives no request at all;
- a probe that breaks the policy on purpose is reported, so the log check can fail.

Usage: check_csp.py BEIAN_EXECUTABLE REPOSITORY_ROOT. Prints `N passed, N failed` last.
"""
import http.server
import os
import shutil
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import common

RESULTS = []


def check(name, ok, detail=""):
    RESULTS.append(bool(ok))
    print(f"{'ok  ' if ok else 'FAIL'}  csp: {name}" + ("" if ok else f" — {detail}"))


class Tracker:
    """A server on another origin that records every request it gets."""

    def __init__(self):
        self.hits = []
        hits = self.hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/gif")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


def build(beian, root, work, tracker):
    for name in ("bundles", "content"):
        shutil.copytree(os.path.join(root, name), os.path.join(work, name))
    origin = f"http://127.0.0.1:{tracker.port}"
    with open(os.path.join(work, "content/announcements/2026-05-01-tracker.md"), "w", encoding="utf-8") as f:
        f.write("---\ntitle: 外链图片公告\ndate: 2026-05-01\n---\n"
                f"![跟踪像素]({origin}/md-image.png) 与 ![](//127.0.0.1:{tracker.port}/md-protocol-relative.png)\n\n"
                "| 左 | 右 |\n|:--|--:|\n| 1 | 2 |\n")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1780000000", LANG="C.UTF-8")
    r = subprocess.run([beian, "build", "--out", "site"], cwd=work, env=env, capture_output=True, text=True)
    check("beian build succeeds", r.returncode == 0, r.stdout + r.stderr)
    return os.path.join(work, "site")


def violations(driver):
    """CSP messages the browser logged since the last call."""
    return [e["message"] for e in driver.get_log("browser")
            if "Content Security Policy" in e["message"] or "Refused to" in e["message"]]


def main():
    if len(sys.argv) != 3:
        print("usage: check_csp.py BEIAN_EXECUTABLE REPOSITORY_ROOT")
        return 64
    beian, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    tracker = Tracker()
    work = tempfile.mkdtemp()
    try:
        site = build(beian, root, work, tracker)
        if not os.path.isfile(os.path.join(site, "index.html")):
            return finish()
        filing = next(p for p in sorted(os.listdir(os.path.join(site, "filings"))) if p.isdigit())
        entity = sorted(os.listdir(os.path.join(site, "entities")))[0]
        pages = ["/", "/list/", f"/filings/{filing}/", f"/entities/{entity}/", "/announcements/",
                 "/announcements/2026-05-01-tracker/", "/search/", "/stats/", "/no/such/page/"]
        with common.serve(site) as base:
            driver = common.chromium(logging=True)
            try:
                for path in pages:
                    driver.get(base + path)
                    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
                    meta = driver.execute_script(
                        "const m = document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]');"
                        "return m ? m.content : null")
                    check(f"{path} carries the policy", meta and "default-src 'self'" in meta and "img-src 'self'" in meta, meta)
                    styled = driver.execute_script(
                        "return [...document.styleSheets].some(s => s.href && s.href.includes('style.css'))")
                    check(f"{path} has its stylesheet", styled)
                    found = violations(driver)
                    check(f"{path}: the browser logged no CSP violation", not found, found[:3])
                driver.get(base + "/announcements/2026-05-01-tracker/")
                links = driver.execute_script("return [...document.querySelectorAll('main a')].map(a => a.href)")
                images = driver.execute_script("return document.images.length")
                check("the remote images became links, not images",
                      images == 0 and any("md-image.png" in h for h in links), f"{images} images, links {links}")

                # Search works under the policy: the client, its stylesheet and the index load.
                query = "海棠出行"
                driver.get(f"{base}/search/?q={urllib.parse.quote(query)}")
                try:
                    WebDriverWait(driver, 15).until(
                        lambda d: d.find_element(By.ID, "search-app").get_attribute("data-state") in ("results", "empty", "error"))
                except Exception as e:  # noqa: BLE001
                    check("the search client starts", False, repr(e))
                state = driver.find_element(By.ID, "search-app").get_attribute("data-state")
                shown = driver.find_elements(By.CSS_SELECTOR, "#bs-results > li")
                check(f"search for {query} shows results with the policy in force",
                      state == "results" and len(shown) > 0 and query in shown[0].text, f"state={state}, {len(shown)} results")
                found = violations(driver)
                check("search: the browser logged no CSP violation", not found, found[:3])

                # The log check can fail: something the policy forbids is reported.
                driver.execute_script(
                    "const i = document.createElement('img');"
                    f"i.src = 'http://127.0.0.1:{tracker.port}/probe.png'; document.body.append(i);"
                    "const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.body.append(s);")
                time.sleep(0.5)
                found = violations(driver)
                check("a forbidden image and inline script are blocked and reported",
                      any("probe.png" in m for m in found) and driver.execute_script("return window.__inline") is None, found[:3])
            finally:
                driver.quit()
        check("the tracker received no request", not tracker.hits, tracker.hits)
    finally:
        tracker.httpd.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    return finish()


def finish():
    passed = sum(RESULTS)
    failed = len(RESULTS) - passed
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not RESULTS else 0


if __name__ == "__main__":
    sys.exit(main())

"""`beian serve` and `beian preview` in headless Chromium.

serve (on a copy of the demo registry and content):
- a page open in the browser reloads by itself after an announcement file is saved, and
  shows the new text (no refresh by the test);
- a broken front matter shows the error overlay with the file:line, over the last good page;
  fixing the file removes it and shows the page again;
- traversal attempts (`..`, `%2e%2e`, encoded slashes) get 404, 50 concurrent requests 200;
- a second `serve` on the same port exits 2 with O954; SIGINT stops the first cleanly (exit 0).
preview (of a demo bundle, `--out`): every page marked 预览 · 未备案, the disclosure shown,
no 备案编号 of the stand-in, no credit code, ID number, phone or email anywhere in the output.

Usage: check_serve.py BEIAN_EXECUTABLE REPOSITORY_ROOT. Prints `N passed, N failed` last.
"""
import concurrent.futures
import http.client
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import common

RESULTS = []


def check(name, ok, detail=""):
    RESULTS.append(bool(ok))
    print(f"{'ok  ' if ok else 'FAIL'}  serve: {name}" + ("" if ok else f" — {detail}"))


def start_serve(beian, bundles, content, port=0):
    """Starts `beian serve`; returns (process, base URL) once it says where it serves."""
    env = dict(os.environ, LANG="C.UTF-8", SOURCE_DATE_EPOCH="1780000000")
    proc = subprocess.Popen([beian, "serve", "--registry", bundles, "--content", content, "--port", str(port), "--lang", "en"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l) for l in proc.stdout] and None, daemon=True).start()
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            if proc.poll() is not None:
                break
            continue
        m = re.search(r"serving (http://127\.0\.0\.1:\d+)/", line)
        if m:
            return proc, m.group(1)
    return proc, None


def raw_get(base, target, method="GET"):
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    conn.putrequest(method, target, skip_accept_encoding=True)  # sent byte for byte
    conn.endheaders()
    reply = conn.getresponse()
    body = reply.read()
    conn.close()
    return reply.status, body


def serve_checks(beian, root, work):
    bundles = os.path.join(work, "bundles")
    content = os.path.join(work, "content")
    shutil.copytree(os.path.join(root, "bundles"), bundles, symlinks=True)
    shutil.copytree(os.path.join(root, "content"), content, symlinks=True)
    with open(os.path.join(work, "secret.txt"), "w") as f:
        f.write("SECRET-OUTSIDE")
    proc, base = start_serve(beian, bundles, content)
    check("serve starts and prints its address", base, proc.stderr.read() if proc.poll() is not None else "")
    if not base:
        proc.send_signal(signal.SIGINT)  # lets it remove its private output
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        return
    name = "2026-09-15-open-data"
    path = os.path.join(content, "announcements", name + ".md")
    original = open(path, encoding="utf-8").read()
    driver = common.chromium()
    try:
        driver.get(f"{base}/announcements/{name}/")
        heading = driver.find_element(By.TAG_NAME, "h1").text
        check("the announcement page opens", heading, driver.page_source[:300])
        driver.execute_script("window.__beianMarker = 1")
        # Save the announcement with a new sentence: the page reloads by itself and shows it.
        started = time.time()
        with open(path, "w", encoding="utf-8") as f:
            f.write(original + "\n\n浏览器自动刷新检查：第一次保存。\n")
        try:
            WebDriverWait(driver, 15, poll_frequency=0.05).until(lambda d: "浏览器自动刷新检查：第一次保存" in d.page_source)
            reloaded = driver.execute_script("return window.__beianMarker === undefined")
            check("the open page reloaded by itself and shows the new text", reloaded, "same document: not a reload")
            print(f"      save → reloaded page: {time.time() - started:.2f} s (demo registry)")
        except Exception as e:
            check("the open page reloaded by itself and shows the new text", False, repr(e))

        # Broken front matter: the overlay names the file and line; the last good page stays.
        broken = original.replace("date: ", "date: [broken", 1)
        with open(path, "w", encoding="utf-8") as f:
            f.write(broken)
        try:
            WebDriverWait(driver, 15, poll_frequency=0.05).until(lambda d: d.find_elements(By.ID, "beian-overlay"))
            overlay = driver.find_element(By.ID, "beian-overlay").text
            check("a broken front matter shows the overlay with file:line",
                  re.search(re.escape(name) + r"\.md:\d+:\d+", overlay) and "C801" in overlay, overlay)
            check("the overlay is shown over the last good page", "浏览器自动刷新检查" in driver.page_source)
            check("the overlay is visible", driver.find_element(By.ID, "beian-overlay").is_displayed())
        except Exception as e:
            check("a broken front matter shows the overlay with file:line", False, repr(e))
        with open(path, "w", encoding="utf-8") as f:
            f.write(original + "\n\n浏览器自动刷新检查：修正之后。\n")
        try:
            WebDriverWait(driver, 15, poll_frequency=0.05).until(
                lambda d: "修正之后" in d.page_source and not d.find_elements(By.ID, "beian-overlay"))
            check("fixing the file removes the overlay and shows the page", True)
        except Exception as e:
            check("fixing the file removes the overlay and shows the page", False, repr(e))
        on_disk = [f for f in os.listdir(work) if f.startswith("site")]
        check("serve writes no site into the project", not on_disk, on_disk)
    finally:
        driver.quit()

    for target in ["/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/secret.txt", "/..%2fsecret.txt",
                   "/announcements%2f..%2f..%2fsecret.txt", "/announcements/../../secret.txt", "/.beian-site"]:
        status, body = raw_get(base, target)
        check(f"{target} is 404", status == 404 and b"SECRET-OUTSIDE" not in body, status)
    status, body = raw_get(base, "/", "HEAD")
    check("HEAD / is 200 without a body", status == 200 and body == b"", status)
    with concurrent.futures.ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(lambda i: raw_get(base, ["/", "/list/", "/announcements/", "/filings.csv", "/search/"][i % 5])[0], range(50)))
    check("50 concurrent requests all succeed", statuses.count(200) == 50, statuses)

    # A second server on the same port: exit 2, O954.
    port = base.rsplit(":", 1)[1]
    second = subprocess.run([beian, "serve", "--registry", bundles, "--content", content, "--port", port, "--lang", "en"],
                            capture_output=True, text=True, timeout=60)
    check("a port in use exits 2 with O954", second.returncode == 2 and "O954" in second.stderr, (second.returncode, second.stderr))

    proc.send_signal(signal.SIGINT)
    try:
        code = proc.wait(timeout=10)
        check("SIGINT stops serve cleanly", code == 0, code)
    except subprocess.TimeoutExpired:
        proc.kill()
        check("SIGINT stops serve cleanly", False, "still running after 10 s")


def preview_checks(beian, root, work):
    bundle = os.path.join(root, "bundles", "xingchen-tech")
    out = os.path.join(work, "preview")
    run = subprocess.run([beian, "preview", bundle, "--out", out, "--lang", "en"], capture_output=True, text=True, timeout=120)
    check("preview --out succeeds", run.returncode == 0, run.stderr)
    if run.returncode != 0:
        return
    entity = open(os.path.join(bundle, "entity.yaml"), encoding="utf-8").read()
    private = re.findall(r"(?:credit_code|id_number|mobile|email):\s*\"?([^\"\n#]+?)\"?\s*(?:#.*)?$", entity, re.M)
    check("the demo entity has private values to look for", len(private) >= 4, private)
    pages, leaks = [], []
    for folder, _, files in os.walk(out):
        for f in files:
            text = open(os.path.join(folder, f), encoding="utf-8", errors="replace").read()
            if f.endswith(".html"):
                pages.append((os.path.relpath(os.path.join(folder, f), out), text))
            leaks += [(f, p) for p in private if p.strip() and p.strip() in text]
    check("no credit code, ID number, phone or email in the preview", not leaks, leaks)
    unmarked = [p for p, t in pages if "预览 · 未备案" not in t]
    check("every preview page is marked 预览 · 未备案", pages and not unmarked, unmarked)
    check("no stand-in 备案编号 shown", not any(re.search(r"网信算备\d{21}号", t) for _, t in pages))
    filing_pages = [p for p, _ in pages if p.startswith("filings/")]
    check("a filing page per algorithm and the entity page",
          len(filing_pages) >= 3 and any(p.startswith("entities/") for p, _ in pages), [p for p, _ in pages])
    driver = common.chromium()
    try:
        with common.serve(out) as base:
            driver.get(f"{base}/{filing_pages[0].removesuffix('index.html')}")
            banner = driver.find_elements(By.CLASS_NAME, "beian-preview-banner")
            check("the preview banner is shown in the browser", banner and banner[0].is_displayed() and "未备案" in banner[0].text)
            disclosure = open(os.path.join(bundle, "algorithms", "comment-filter", "algorithm.yaml"), encoding="utf-8").read()
            body = driver.find_element(By.TAG_NAME, "body").text
            check("the disclosure is rendered", "备案编号待分配" in body and len(body) > 200, body[:300])
    finally:
        driver.quit()

    bad = os.path.join(work, "bad-bundle")
    shutil.copytree(bundle, bad, symlinks=True)
    with open(os.path.join(bad, "entity.yaml"), "a", encoding="utf-8") as f:
        f.write("unknown_field: 1\n")
    run = subprocess.run([beian, "preview", bad, "--out", os.path.join(work, "bad-preview"), "--lang", "en"],
                         capture_output=True, text=True, timeout=120)
    check("an invalid draft shows its diagnostics instead (exit 1)",
          run.returncode == 1 and "entity.yaml:" in run.stderr and not os.path.exists(os.path.join(work, "bad-preview")),
          (run.returncode, run.stderr))


def main():
    beian, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    work = tempfile.mkdtemp(prefix="beian-serve-check-")
    try:
        serve_checks(beian, root, work)
        preview_checks(beian, root, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    passed = sum(RESULTS)
    print(f"{passed} passed, {len(RESULTS) - passed} failed")
    sys.exit(0 if passed == len(RESULTS) else 1)


if __name__ == "__main__":
    main()

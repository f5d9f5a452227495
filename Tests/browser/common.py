"""Shared helpers for the browser checks: a local static server and a headless Chromium."""
import contextlib
import functools
import http.server
import os
import shutil
import socketserver
import threading

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        # Serve 404.html for missing pages, as a static host would.
        if code == 404:
            root = self.directory
            page = os.path.join(root, "404.html")
            if os.path.exists(page):
                body = open(page, "rb").read()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
        super().send_error(code, message, explain)


@contextlib.contextmanager
def serve(site):
    """Serves `site` on 127.0.0.1 at a free port; yields the base URL without a trailing slash."""
    handler = functools.partial(_QuietHandler, directory=site)
    socketserver.TCPServer.allow_reuse_address = True
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as httpd:
        port = httpd.server_address[1]
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            httpd.shutdown()


def chromium(width=1280, height=900, reduced_motion=False, logging=False):
    """A headless Chromium driven by Debian's chromedriver; with `logging`, its console
    (CSP violations included) is kept for `driver.get_log("browser")`."""
    options = webdriver.ChromeOptions()
    if logging:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={width},{height}", "--lang=zh-CN", "--force-color-profile=srgb",
                "--hide-scrollbars"):
        options.add_argument(arg)
    if reduced_motion:
        options.add_argument("--force-prefers-reduced-motion")
    chromium_path = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium_path:
        options.binary_location = chromium_path
    service = Service(shutil.which("chromedriver"))
    return webdriver.Chrome(service=service, options=options)

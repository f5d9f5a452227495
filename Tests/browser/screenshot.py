#!/usr/bin/env python3
"""Screenshots of a built site: screenshot.py SITE OUTDIR PATH [PATH…] (--phone for 390 px wide,
--dark for the dark colour scheme, --print for the print stylesheet)."""
import os
import sys
import time

from common import chromium, serve


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    phone = "--phone" in sys.argv
    dark = "--dark" in sys.argv
    printed = "--print" in sys.argv
    site, out, paths = args[0], args[1], args[2:]
    os.makedirs(out, exist_ok=True)
    with serve(site) as base:
        driver = chromium(390 if phone else 1280, 844 if phone else 900)
        if dark or printed:
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
                "media": "print" if printed else "",
                "features": [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]})
        try:
            for path in paths:
                driver.get(base + path)
                time.sleep(0.3)
                height = driver.execute_script("return document.documentElement.scrollHeight")
                driver.set_window_size(390 if phone else 1280, min(height + 20, 4000))
                name = path.strip("/").replace("/", "_") or "home"
                prefix = ("phone-" if phone else "") + ("dark-" if dark else "") + ("print-" if printed else "")
                file = os.path.join(out, prefix + name + ".png")
                driver.save_screenshot(file)
                print(file)
        finally:
            driver.quit()


if __name__ == "__main__":
    main()

"""Screenshot pages of a built site in Debian's Chromium: ``python scripts/shot.py SITE URL_PATH OUT.png``."""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def main(site: str, paths: list[str], out_prefix: str, *, dark: bool = False) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900},
                                color_scheme="dark" if dark else "light")
        page.on("console", lambda m: print("console:", m.type, m.text))
        for i, path in enumerate(paths):
            page.goto(f"http://127.0.0.1:{server.server_port}/{path}")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=f"{out_prefix}{i}.png", full_page=True)
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[3:], sys.argv[2], dark="DARK" in __import__("os").environ)

"""Lighthouse scores of one concept page per language, printed.

``python scripts/lighthouse.py [SITE_DIR [PAGE ...]]`` serves a built site on 127.0.0.1
with gzip (as any real host would) and runs npm's ``lighthouse`` with Debian's
Chromium against the pages given, or /adagrad/, /ru/adagrad/ and /zh/adagrad/
(mobile, the default).
Needs ``npx lighthouse`` (npm i lighthouse) and ``chromium`` on the PATH.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-encoded when the browser accepts it."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def lighthouse(url: str, command: list[str]) -> dict[str, int]:
    """Category scores (0–100) for one URL."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [*command, url, "--quiet", f"--chrome-flags={CHROME_FLAGS}",
             "--only-categories=performance,accessibility,best-practices,seo",
             "--output=json", f"--output-path={report}"],
            check=True, env={**os.environ, "CHROME_PATH": shutil.which("chromium") or ""})
        data = json.loads(report.read_text())
    failing = [f"{a}" for c in data["categories"].values() for ref in c["auditRefs"]
               if ref["weight"] and (a := ref["id"]) and data["audits"][a]["score"] is not None
               and data["audits"][a]["score"] < 1 and c["id"] != "performance"]
    scores = {k: round(v["score"] * 100) for k, v in data["categories"].items()}
    metrics = {m: data["audits"][m]["displayValue"] for m in
               ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                "cumulative-layout-shift")}
    print(url, scores, metrics, "failing:", failing or "none")
    return scores


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    installed = shutil.which("lighthouse")
    command = [installed] if installed else ["npx", "--yes", "lighthouse"]
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for page in sys.argv[2:] or ("adagrad/", "ru/adagrad/", "zh/adagrad/"):
            lighthouse(f"http://127.0.0.1:{server.server_port}/{page}", command)
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()

"""Build timings and page weights, printed: ``python scripts/benchmark.py``.

Measures a clean build (empty figure cache), a warm build (cache reused), a
build with figures turned off, one figure's render time, and the gzip weight
of a concept page in each language with everything it loads.
"""

from __future__ import annotations

import gzip
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def timed_build(site: Path, cache: Path, project: Path = ROOT, **env: str) -> float:
    """Seconds for one ``mkdocs build --strict`` of ``project``; raises if it fails."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "VAULTSITE_CACHE": str(cache),
                   "PYTHONPATH": str(project), **env}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                   cwd=project, env=environment, check=True, capture_output=True)
    return time.perf_counter() - start


LANGUAGE_WORDS = {"": ("Concept", "links to", "Details"), ".ru": ("Понятие", "ссылается на", "Подробности"),
                  ".zh": ("概念", "链接到", "细节")}


def synthetic_project(folder: Path, concepts: int = 300) -> Path:
    """A vault of ``concepts`` notes in three languages, with this project's code and config.

    Each note has three wikilinks (one to a heading), two tags, a callout and two
    formulas; no figures or notebooks, so the build measures the page pipeline.
    """
    import shutil

    docs = folder / "docs"
    docs.mkdir(parents=True)
    for name in ("overrides", "snippets", "vaultsite"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "notebooks").mkdir()
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (folder / "mkdocs.yml").write_text(re.sub(r"^nav:\n(?:[ #].*\n|\n)*", "", config,
                                              flags=re.MULTILINE), encoding="utf-8")
    for suffix, (word, links, details) in LANGUAGE_WORDS.items():
        shutil.copy(ROOT / "docs" / f"tags{suffix}.md", docs / f"tags{suffix}.md")
        (docs / f"notes{suffix}.md").write_text(
            f"---\ntitle: Notes{suffix}\n---\n\n# Notes\n\n## 000 {{ #note-000 }}\n\nText.\n",
            encoding="utf-8")
        (docs / f"graph{suffix}.md").write_text(
            f"---\ntitle: Graph{suffix}\n---\n\n# Graph\n\n```graph\n```\n", encoding="utf-8")
        home = ", ".join(f"[[{word} {i:03d}]]" for i in range(0, concepts, 10))
        (docs / f"index{suffix}.md").write_text(f"---\ntitle: Home\n---\n\n# Home\n\n{home}\n",
                                                encoding="utf-8")
        for i in range(concepts):
            a, b, c = ((i + 1) % concepts, (i * 7 + 3) % concepts, (i * 13 + 5) % concepts)
            (docs / f"c{i:03d}{suffix}.md").write_text(
                f"---\ntitle: {word} {i:03d}\nnotes: [\"000\"]\n---\n\n# {word} {i:03d}\n\n"
                f"#synthetic #group{i % 10}\n\nThis {links} [[{word} {a:03d}]] and "
                f"[[{word} {b:03d}|another]], with $x_{{{i}}}^2 + \\eta$.\n\n"
                f"> [!note] {details}\n> It also {links} [[{word} {c:03d}#{details}]].\n\n"
                f"$$\nf(x) = \\frac{{1}}{{2}} x^2 + {i}\n$$\n\n## {details}\n\nMore text.\n",
                encoding="utf-8")
    return folder


def figure_render_seconds(name: str = "adagrad.units_figure", repeat: int = 5) -> float:
    """Median seconds to draw and save one figure, modules already imported."""
    from vaultsite.figures import render_svgs

    render_svgs(name, "en", salt="warm-up")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        render_svgs(name, "en", salt="x")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def page_weight(site: Path, page: str) -> dict[str, int]:
    """Gzip bytes of a page and of every local file it loads, by kind."""
    html_path = site / page / "index.html"
    html = html_path.read_text(encoding="utf-8")
    weights = {"html": len(gzip.compress(html.encode(), mtime=0))}
    refs = re.findall(r'<(?:script|img)[^>]+src="([^"]+)"|<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    for src, href in refs:
        path = (html_path.parent / (src or href)).resolve()
        if not path.is_file():
            continue
        kind = {".js": "js", ".css": "css", ".svg": "figures"}.get(path.suffix, "other")
        weights[kind] = weights.get(kind, 0) + len(gzip.compress(path.read_bytes(), mtime=0))
    if "<math" in html:
        font = site / "assets" / "fonts" / "stix-two-math.woff2"
        weights["font"] = font.stat().st_size  # woff2 is already compressed
    return weights


def copy_of_project(folder: Path) -> Path:
    """This project's vault, code and config, copied, so edits never touch the checkout."""
    import shutil

    for name in ("docs", "overrides", "snippets", "vaultsite", "notebooks"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def serve_reload_seconds(project: Path, cache: Path, edits: list[tuple[str, str]],
                         *options: str) -> list[tuple[float, str]]:
    """Seconds from each file edit to "Reloading browsers" in ``mkdocs serve``, with what was redrawn.

    PYTHONPATH points at the project's own packages.
    """
    import threading

    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project),
                   "VAULTSITE_CACHE": str(cache)}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", "127.0.0.1:8765", *options], cwd=project,
        env=environment,
        stderr=subprocess.PIPE, text=True)
    lines: list[tuple[float, str]] = []

    def read() -> None:
        assert server.stderr is not None
        for line in server.stderr:
            lines.append((time.perf_counter(), line.rstrip()))

    threading.Thread(target=read, daemon=True).start()

    def wait_for(text: str, after: int, timeout: float = 1200) -> int:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            for i in range(after, len(lines)):
                if text in lines[i][1]:
                    return i
            time.sleep(0.02)
        msg = f"mkdocs serve never printed {text!r}"
        raise TimeoutError(msg)

    results = []
    try:
        seen = wait_for("Serving on", 0)
        for relative, addition in edits:
            time.sleep(1.0)
            path = project / relative
            start_index = len(lines)
            start = time.perf_counter()
            path.write_text(path.read_text(encoding="utf-8") + addition, encoding="utf-8")
            seen = wait_for("Reloading browsers", start_index)
            what = [ln.split("vaultsite: ", 1)[1] for _, ln in lines[start_index:seen]
                    if "vaultsite: drew" in ln or "afresh" in ln]
            results.append((lines[seen][0] - start, "; ".join(what) or "nothing redrawn"))
    finally:
        server.terminate()
        server.wait()
    return results


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        clean = timed_build(base / "site", base / "cache")
        warm = timed_build(base / "site2", base / "cache")
        # same cache: notebooks are not executed again, figures are not drawn at all
        no_figures = timed_build(base / "site3", base / "cache", VAULTSITE_FIGURES="false")
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        figure = figure_render_seconds()
        print(f"clean build (empty figure cache): {clean:6.2f} s")
        print(f"warm build (figures cached):      {warm:6.2f} s")
        print(f"build with figures off:           {no_figures:6.2f} s")
        print(f"one figure (adagrad.units_figure): {figure * 1000:5.0f} ms")
        print(f"peak build memory:                {peak_mb:6.0f} MiB")
        figures = list((base / "site" / "assets" / "figures").glob("*.svg"))
        print(f"figures in the site:              {len(figures):6d}")
        edits = [("docs/adagrad.ru.md", "\nОдна новая строка.\n"),
                 ("docs/momentum.md", "\nOne more line.\n"),
                 ("docs/rmsprop.zh.md", "\n再加一行。\n"),
                 ("snippets/adagrad.py", "\n# an edit that changes the module's hash\n")]
        results = serve_reload_seconds(copy_of_project(base / "project"), base / "cache", edits)
        for (path, _), (seconds, drawn) in zip(edits, results, strict=True):
            print(f"serve: edit {path} to reload: {seconds:6.2f} s ({drawn[:90]})")
        for page in ("adagrad", "ru/adagrad", "zh/adagrad"):
            weights = page_weight(base / "site", page)
            detail = ", ".join(f"{k} {v / 1024:.1f}" for k, v in sorted(weights.items()))
            print(f"/{page}/ weight (KiB, gzip):      {sum(weights.values()) / 1024:6.1f} ({detail})")
        synthetic = synthetic_project(base / "synthetic")
        timed_build(base / "synthetic-site", base / "synthetic-cache", synthetic)
        synthetic_warm = timed_build(base / "synthetic-site2", base / "synthetic-cache", synthetic)
        print(f"synthetic vault (300 concepts × 3 languages): warm build {synthetic_warm:6.2f} s "
              f"(this site: {warm:.2f} s)")
        if "--synthetic-serve" in sys.argv:  # minutes per edit: the reload rebuilds 900 pages
            for seconds, drawn in serve_reload_seconds(
                    synthetic, base / "synthetic-cache", [("docs/c100.ru.md", "\nЕщё строка.\n")]):
                print(f"synthetic vault: serve: edit docs/c100.ru.md to reload: {seconds:6.2f} s "
                      f"({drawn[:60]})")


if __name__ == "__main__":
    main()

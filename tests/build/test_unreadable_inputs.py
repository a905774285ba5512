"""Every input the build cannot read fails with docs/<file>:<line>, what is wrong and what to do.

The readers are tested on exact bytes; a small project (one concept in three
languages, with copies of snippets/, vaultsite/ and notebooks/) is then built
for real, once per broken input, to show that the build says the same.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.sitebuild import ROOT, build
from vaultsite.errors import VaultProblemError
from vaultsite.images import decode_error
from vaultsite.notebooks import read_notebook
from vaultsite.vault import markdown_offset, read_note

PNG_1PX = bytes.fromhex(  # a valid 1×1 red PNG (Pillow wrote it once), kept as bytes
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415478"
    "9c63f8cfc0000003010100c9fe92ef0000000049454e44ae426082")


@pytest.mark.parametrize(("data", "message"), [
    (b"---\ntitle: A\n---\n# A\n\nok \xff here\n",
     "docs/n.md:6: not valid UTF-8: byte 0xff at column 4; re-save the file as UTF-8"),
    (b"---\r\ntitle: A\r\n---\r\n\r\n# A\r\n\xe9t\xe9\r\n",
     "docs/n.md:6: not valid UTF-8: byte 0xe9 at column 1; re-save the file as UTF-8"),
    (b"---\ntitle: Step: size\n---\n# A\n",
     "docs/n.md:2: front matter is not valid YAML: mapping values are not allowed here; fix the "
     "YAML between the two --- lines (quote a value that holds ': ' or ' #')"),
    (b"---\ntitle: A\naliases: [B, C\n---\n",
     "docs/n.md:4: front matter is not valid YAML: while parsing a flow sequence, expected ',' or "
     "']', but got '<stream end>'; fix the YAML between the two --- lines (quote a value that "
     "holds ': ' or ' #')"),
    (b"---\n- title\n---\n# A\n",
     "docs/n.md:2: front matter is not a set of `key: value` lines; write `title: …` and "
     "`aliases: […]` between the two --- lines"),
])
def test_unreadable_note_names_line_and_fix(data: bytes, message: str) -> None:
    """A note that is not UTF-8 or whose front matter is not YAML names its line, with CRLF too."""
    with pytest.raises(VaultProblemError) as raised:
        read_note("n.md", data)
    assert str(raised.value.problem) == message


@pytest.mark.parametrize("data", [
    "\ufeff---\ntitle: Adam\naliases: [A]\n---\n\n# Adam\n".encode(),
    b"---\r\ntitle: Adam\r\naliases: [A]\r\n---\r\n\r\n# Adam\r\n",
    b"---\rtitle: Adam\raliases: [A]\r---\r\r# Adam\r",
])
def test_bom_and_line_endings_read_like_plain_utf8(data: bytes) -> None:
    """A BOM, CRLF or CR endings give the same note as plain LF UTF-8."""
    plain = read_note("adam.md", b"---\ntitle: Adam\naliases: [A]\n---\n\n# Adam\n")
    note = read_note("adam.md", data)
    assert (note, note.text, note.title) == (plain, plain.text, "Adam")


def test_a_note_without_aliases_has_none() -> None:
    """No `aliases:` is valid: the note is named by its title, stem and H1."""
    note = read_note("adam.md", b"---\ntitle: Adam\n---\n# Adam optimizer\n")
    assert (note.aliases, note.names) == ((), ("adam", "adam", "Adam", "Adam optimizer"))


def test_markdown_offset_counts_blank_lines_mkdocs_drops() -> None:
    """The body MkDocs keeps after front matter and blank lines starts on the right line."""
    text = "---\ntitle: A\n---\n\n\n# A\nx\n"
    assert markdown_offset(text, "# A\nx\n") == 5


@pytest.mark.parametrize(("source", "message"), [
    (b"# %%\nx = 1\n# %%\ny = (\n",
     "notebooks/nb.py:4: not valid Python: '(' was never closed; fix the cell"),
    (b"x = 1\n",
     "notebooks/nb.py:1: not a jupytext percent-format notebook: start each cell with a `# %%` "
     "line (`# %% [markdown]` for text)"),
    (b"# ---\n# jupyter:\n#   kernelspec: [python\n# ---\n\n# %%\nx = 1\n",
     "notebooks/nb.py:4: the jupytext header is not valid YAML (expected ',' or ']', but got "
     "'<stream end>'); fix it or delete the header"),
    (b"# %%\nx = '\xff'\n",
     "notebooks/nb.py:2: not valid UTF-8 (byte 0xff); re-save the file as UTF-8"),
])
def test_unreadable_notebook_names_line_and_fix(tmp_path: Path, source: bytes,
                                                message: str) -> None:
    """A notebook that is not UTF-8, not Python, not percent format or has a bad header."""
    path = tmp_path / "nb.py"
    path.write_bytes(source)
    with pytest.raises(ValueError, match=re.escape(message)):
        read_notebook(path)


@pytest.mark.parametrize(("data", "suffix", "error"), [
    (PNG_1PX, ".png", None),
    (PNG_1PX[:45], ".png", "cannot be decoded as an image (image file is truncated)"),
    (PNG_1PX[:30], ".png", "cannot be decoded: not a PNG, JPEG, GIF, WebP or BMP image"),
    (b"GIF89a? no", ".gif", "cannot be decoded: not a PNG, JPEG, GIF, WebP or BMP image"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"/>', ".svg", None),
    (b"<svg><g></svg>", ".svg", "not valid SVG XML (mismatched tag: line 1, column 10)"),
    (b"<html/>", ".svg", "not an SVG (root <html>)"),
])
def test_image_decoding(data: bytes, suffix: str, error: str | None) -> None:
    """A truncated or foreign image is refused with why; a valid one passes."""
    assert decode_error(data, suffix) == error


# --- the same problems through a real build of a small project -----------------------

NOTE = "---\ntitle: {title}\n---\n\n# {title}\n\nThe rate $\\eta$ of [[{link}]].\n"
PAGES = {
    "index": ("Home", "Дом", "首页"),
    "demo": ("Demo", "Демо", "演示"),
    "notes": ("Original notes", "Исходные заметки", "原始笔记"),
}


def small_project(target: Path) -> Path:
    """One concept, a home, notes and tags page in three languages; real config and code copies."""
    docs = target / "docs"
    docs.mkdir(parents=True)
    for stem, titles in PAGES.items():
        for suffix, title in zip(("", ".ru", ".zh"), titles, strict=True):
            link = "Demo" if stem != "demo" else "Home"
            (docs / f"{stem}{suffix}.md").write_text(NOTE.format(title=title, link=link),
                                                     encoding="utf-8")
    for suffix in ("", ".ru", ".zh"):
        shutil.copy(ROOT / "docs" / f"tags{suffix}.md", docs / f"tags{suffix}.md")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^nav:\n(?:[ #].*\n|\n)*", "", config, flags=re.MULTILINE)
    (target / "mkdocs.yml").write_text(
        config + "\nnav:\n  - index.md\n  - demo.md\n  - notes.md\n  - tags.md\n",
        encoding="utf-8")
    for folder in ("overrides", "snippets", "vaultsite"):
        shutil.copytree(ROOT / folder, target / folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
    (target / "notebooks").mkdir()
    return target


def _append(path: str, text: str) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        file = project / path
        file.write_text(file.read_text(encoding="utf-8") + text, encoding="utf-8")
    return edit


def _write(path: str, data: bytes) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_bytes(data)
    return edit


def _both(*edits: Callable[[Path], None]) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        for one in edits:
            one(project)
    return edit


# (what to break, the line the build must print); line 8 is the first after the note's text
BROKEN_INPUTS = [
    (_write("docs/demo.ru.md", "---\ntitle: Демо\n---\n\n# Демо\n".encode() + b"\xff\xfe\n"),
     "docs/demo.ru.md:6: not valid UTF-8: byte 0xff at column 1; re-save the file as UTF-8"),
    (_write("docs/demo.md", b"---\ntitle: Demo: a\n---\n# Demo\n"),
     "docs/demo.md:2: front matter is not valid YAML: mapping values are not allowed here"),
    (_write("docs/demo.zh.md", "---\r\ntitle: 演示\r\n---\r\n\r\n# 演示\r\n\r\n[[无此页]]\r\n"
            .encode()),
     "docs/demo.zh.md:7: unresolved wikilink [[无此页]]"),
    (_both(_write("notebooks/nb.py", b"# %%\nx = (\n"),
           _append("docs/demo.md", "\n```notebook\nnb\n```\n")),
     "docs/demo.md:9: notebooks/nb.py:2: not valid Python: '(' was never closed; fix the cell"),
    (_both(_write("snippets/broken.py", b"def f(:\n    pass\n"),
           _append("docs/demo.md", "\n```snippet\nbroken.f\n```\n")),
     "docs/demo.md:9: cannot import snippets/broken.py: snippets/broken.py:1: SyntaxError: "
     "invalid syntax"),
    (_both(_write("snippets/broken.py", b"import numpy\nimport no_such_package\n"),
           _append("docs/demo.md", "\n```snippet\nbroken.f\n```\n")),
     "docs/demo.md:9: cannot import snippets/broken.py: snippets/broken.py:2: "
     "ModuleNotFoundError: No module named 'no_such_package'"),
    (_both(_write("snippets/broken.py", b"def zero_figure(lang):\n    return 1 / 0\n"),
           _append("docs/demo.md", "\n```figure\nbroken.zero_figure\nA figure.\n```\n")),
     "docs/demo.md:9: figure broken.zero_figure('en') raised snippets/broken.py:2: "
     "ZeroDivisionError: division by zero; call it in Python to see the whole traceback"),
    (_write("docs/images/loss.png", PNG_1PX[:45]),
     "docs/images/loss.png:1: cannot be decoded as an image (image file is truncated); "
     "re-export the image"),
    (_append("docs/demo.ru.md", "\nСм. [[Несуществующая заметка]].\n"),
     "docs/demo.ru.md:9: unresolved wikilink [[Несуществующая заметка]]"),
    (lambda project: (project / "docs" / "demo.zh.md").unlink(),
     "docs/demo.md:1: missing translation (demo: zh): add the file demo.zh.md"),
    (_append("docs/demo.md", "\n![[lost screenshot.png]]\n"),
     "docs/demo.md:9: missing file ![[lost screenshot.png]]"),
    (_append("docs/demo.md", "\n```snippet\ncore.nothing_here\n```\n"),
     "docs/demo.md:9: snippets/core.py has no `nothing_here`"),
    (_both(_append("docs/demo.md", "\n![[Home]]\n"), _append("docs/index.md", "\n![[Demo]]\n")),
     "docs/demo.md:9: embed cycle: demo.md → index.md → demo.md; a note cannot show itself"),
    (_append("docs/demo.md", "\n![[Home#Nowhere]]\n"),
     "docs/demo.md:9: ![[Home#Nowhere]]: index.md has no heading “Nowhere”. Its headings: Home"),
    (_append("docs/demo.ru.md", "\n![[Home#^nope]]\n"),
     "docs/demo.ru.md:9: ![[Home#^nope]]: index.ru.md has no block ^nope; mark one with ^nope"),
    (_append("docs/demo.md", "\nSo \\frac{1}{2} is half.\n"),
     "docs/demo.md:9: the page shows a TeX command as text: '\\\\frac{1}{2} is half.'"),
]


@pytest.fixture(scope="module")
def project_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for the small builds: the math font is made once."""
    return tmp_path_factory.mktemp("small-cache")


@pytest.mark.parametrize(("edit", "message"), BROKEN_INPUTS)
def test_build_names_file_line_and_fix(tmp_path: Path, project_cache: Path,
                                       edit: Callable[[Path], None], message: str) -> None:
    """A broken input fails the strict build with its docs/<file>:<line> message, no traceback."""
    project = small_project(tmp_path / "project")
    edit(project)
    result = build(project, tmp_path / "site", project_cache)
    assert result.returncode != 0
    assert message in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stderr


def test_build_uses_the_checkout_it_builds(tmp_path: Path, project_cache: Path) -> None:
    """A copy whose snippet differs shows its own code, not the installed checkout's."""
    project = small_project(tmp_path / "project")
    _append("snippets/core.py", "\n\ndef only_in_this_copy() -> str:\n    return 'copy'\n")(project)
    _append("docs/demo.md", "\n```snippet\ncore.only_in_this_copy\n```\n")(project)
    result = build(project, tmp_path / "site", project_cache)
    assert result.returncode == 0, result.stderr[-3000:]
    html = (tmp_path / "site" / "demo" / "index.html").read_text(encoding="utf-8")
    assert "only_in_this_copy" in html


def test_bom_crlf_and_no_aliases_build_the_same_page(tmp_path: Path, project_cache: Path) -> None:
    """A note saved with a BOM and CRLF builds to the same bytes as the LF one."""
    plain = small_project(tmp_path / "plain")
    variant = small_project(tmp_path / "variant")
    text = (variant / "docs" / "demo.md").read_text(encoding="utf-8")
    crlf = text.replace("\n", "\r\n").encode()
    (variant / "docs" / "demo.md").write_bytes(b"\xef\xbb\xbf" + crlf)
    pages = []
    for project in (plain, variant):
        result = build(project, project / "site", project_cache)
        assert result.returncode == 0, result.stderr[-3000:]
        pages.append((project / "site" / "demo" / "index.html").read_bytes())
    assert pages[0] == pages[1] and b"<math " in pages[0]

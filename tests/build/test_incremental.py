"""The page cache: an edit re-renders its page and the pages that show its title, nothing else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.build.test_unreadable_inputs import small_project
from tests.sitebuild import build
from vaultsite.pipeline import Language, PageContext, page_inputs
from vaultsite.vault import Vault, parse_note
from vaultsite.wikilinks import name_index

NOTES = {
    "a.ru.md": "---\ntitle: Первая\n---\n# Первая\nСм. [[Вторая#Раздел]].\n",
    "b.ru.md": "---\ntitle: Вторая\n---\n# Вторая\n## Раздел\n",
    "c.ru.md": "---\ntitle: Третья\n---\n# Третья\nНичего.\n",
}


def _inputs(notes: dict[str, str], path: str = "a.ru.md") -> list[str]:
    vault = Vault(tuple(parse_note(p, t) for p, t in notes.items()))
    language = Language("ru", vault, name_index(vault), {}, {}, heading_slug=str.lower,
                        tag_anchor=str.lower)
    note = next(n for n in vault.notes if n.path == path)
    return page_inputs(PageContext(language, note, (), {"tags": "../tags/"}))


@pytest.mark.parametrize(("edit", "changes"), [
    (("b.ru.md", "## Раздел\n", "## Новый раздел\n"), True),  # a links to that heading
    (("b.ru.md", "title: Вторая", "title: Вторая\naliases: [Два]"), False),  # same title, path
    (("c.ru.md", "Ничего.", "Совсем ничего."), False),  # a does not link to c
    (("a.ru.md", "См.", "Смотри"), True),  # the page itself
])
def test_page_inputs_follow_what_the_page_shows(edit: tuple[str, str, str], changes: bool) -> None:
    """A page's cache key changes with its text and the headings it links to, not with others."""
    path, old, new = edit
    edited = {**NOTES, path: NOTES[path].replace(old, new)}
    assert (_inputs(edited) != _inputs(NOTES)) == changes


def test_renaming_a_linked_note_changes_the_linking_page() -> None:
    """A link shows its target's title, so a new title re-renders the pages linking to it."""
    edited = {**NOTES, "b.ru.md": NOTES["b.ru.md"].replace("title: Вторая",
                                                           "title: Вторая\naliases: [Вторая]")
              .replace("# Вторая", "# Вторая заметка")}
    assert _inputs(edited) != _inputs(NOTES)


def _afresh(log: str) -> list[str]:
    """The pages each language's build rendered afresh, from the build log."""
    return sorted(page for line in re.findall(r"rendered \d+ page\(s\) afresh: (.*)", log)
                  for page in line.split(", "))


def test_an_edit_renders_only_its_page_and_the_site_is_unchanged(tmp_path: Path) -> None:
    """After one note's edit, only it (and the tags pages) render again; the site equals a
    build from an empty cache."""
    project = small_project(tmp_path / "project")
    cache = tmp_path / "cache"
    assert build(project, tmp_path / "first", cache).returncode == 0
    note = project / "docs" / "demo.ru.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nЕщё строка.\n", encoding="utf-8")
    again = build(project, tmp_path / "again", cache)
    assert again.returncode == 0, again.stderr[-2000:]
    assert _afresh(again.stderr) == ["demo.ru.md", "tags.md", "tags.ru.md", "tags.zh.md"]
    fresh = build(project, tmp_path / "fresh", tmp_path / "empty-cache")
    files = sorted(p.relative_to(tmp_path / "fresh") for p in (tmp_path / "fresh").rglob("*")
                   if p.is_file())
    differing = [str(f) for f in files if (tmp_path / "fresh" / f).read_bytes()
                 != (tmp_path / "again" / f).read_bytes()]
    assert fresh.returncode == 0 and files and differing == []


def test_a_new_title_renders_the_pages_that_link_to_it(tmp_path: Path) -> None:
    """Renaming the Russian demo note re-renders the Russian pages that link to it, only."""
    project = small_project(tmp_path / "project")
    cache = tmp_path / "cache"
    assert build(project, tmp_path / "first", cache).returncode == 0
    note = project / "docs" / "demo.ru.md"
    note.write_text(note.read_text(encoding="utf-8").replace("Демо", "Демонстрация"),
                    encoding="utf-8")
    again = build(project, tmp_path / "again", cache)
    assert again.returncode == 0, again.stderr[-2000:]
    # index.ru.md and notes.ru.md link to [[Demo]]; the English and Chinese pages do not change
    assert _afresh(again.stderr) == ["demo.ru.md", "index.ru.md", "notes.ru.md", "tags.md",
                                     "tags.ru.md", "tags.zh.md"]

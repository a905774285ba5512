"""Figure and snippet blocks: names resolve, figures are deterministic and cached."""

from __future__ import annotations

from pathlib import Path

import pytest

from vaultsite import snippet_source
from vaultsite.blocks import find_blocks
from vaultsite.embed import expand_blocks
from vaultsite.figures import FigureFile, cached_figure, render_svgs, round_coordinates
from vaultsite.snippet_source import SnippetNameError, dependency_digest, lookup, source_of

FIGURE = "adagrad.units_figure"


def test_figure_block_is_parsed() -> None:
    """A figure fence gives its function name, alt text and line."""
    (block,) = find_blocks("x\n\n```figure\nadagrad.units_figure\nPaths on a bowl.\n```\n", "figure")
    assert (block.names, block.text, block.line) == (("adagrad.units_figure",), "Paths on a bowl.", 3)


def test_snippet_block_expands_to_module_source() -> None:
    """A snippet fence becomes a Python fence holding the function's own source."""
    out, problems = expand_blocks("```snippet\nadagrad.update_note\n```", page_path="a.md",
                                  lang="en", figures={})
    assert problems == []
    assert out == ('```python title="snippets/adagrad.py"\n'
                   + source_of("adagrad.update_note").rstrip() + "\n```")


def test_figure_block_expands_to_image_caption_and_code(tmp_path: Path) -> None:
    """A figure fence becomes an image with size, a caption, and the folded figure code."""
    figure = FigureFile(tmp_path / "f.svg", "assets/figures/f.svg", 600, 300)
    out, _ = expand_blocks("```figure\nadagrad.units_figure\nPaths.\n```", page_path="sub/a.ru.md",
                           lang="ru", figures={FIGURE: figure})
    assert out.startswith('<figure class="vault-figure" markdown="span">\n'
                          '![Paths.](../assets/figures/f.svg){ width="600" height="300" loading="lazy" }\n'
                          "<figcaption>Paths.</figcaption>\n</figure>\n\n"
                          '??? example "Код, нарисовавший этот рисунок"\n\n'
                          '    ```python title="snippets/adagrad.py"\n    def units_figure(lang: str)')


@pytest.mark.parametrize(("block", "message"), [
    ("```snippet\nadagrad.update_nothing\n```", "snippets/adagrad.py has no `update_nothing`."),
    ("```snippet\nadagard.update_note\n```", "no module snippets/adagard.py. Closest: adagrad."),
    ("```snippet\n```", "empty ```snippet block: name a module.function"),
])
def test_bad_snippet_names_are_reported(block: str, message: str) -> None:
    """A block naming a missing module or function is a problem at its line."""
    out, problems = expand_blocks("text\n" + block, page_path="a.md", lang="en", figures={})
    assert out == "text\n" + block
    assert [p.line for p in problems] == [2]
    assert problems[0].message.startswith(message)


def test_figure_without_alt_text_is_reported(tmp_path: Path) -> None:
    """A figure needs alt text in the page's language."""
    figure = FigureFile(tmp_path / "f.svg", "assets/figures/f.svg", 1, 1)
    _, problems = expand_blocks("```figure\nadagrad.units_figure\n```", page_path="a.md",
                                lang="en", figures={FIGURE: figure})
    assert problems[0].message == "figure adagrad.units_figure has no alt text: describe it on the next line"


def test_lookup_suggests_close_names() -> None:
    """An unknown function name comes with the closest existing ones."""
    with pytest.raises(SnippetNameError, match=r"Closest: adagrad\.units_figure"):
        lookup("adagrad.unit_figure")


def test_svg_is_identical_across_renders() -> None:
    """Rendering the same figure twice gives the same bytes, its phone layout too."""
    first, second = render_svgs(FIGURE, "en", salt="s"), render_svgs(FIGURE, "en", salt="s")
    assert first == second and first[1] is not None


def test_svg_keeps_text_as_text() -> None:
    """Labels stay <text>, so Chinese and Russian render in the reader's fonts."""
    svg = render_svgs(FIGURE, "zh", salt="s")[0].decode()
    assert "梯度下降" in svg and "<text" in svg


def test_cached_figure_is_drawn_once(tmp_path: Path) -> None:
    """The second request for an unchanged figure reads the cache."""
    first, drawn_first = cached_figure(FIGURE, "ru", cache_dir=tmp_path)
    second, drawn_second = cached_figure(FIGURE, "ru", cache_dir=tmp_path)
    assert (drawn_first, drawn_second) == (True, False)
    assert first == second and first.cache_path.exists()


def test_languages_get_separate_files(tmp_path: Path) -> None:
    """Each language's figure has its own site path."""
    en, _ = cached_figure(FIGURE, "en", cache_dir=tmp_path)
    zh, _ = cached_figure(FIGURE, "zh", cache_dir=tmp_path)
    assert en.site_path != zh.site_path and en.site_path.startswith("assets/figures/adagrad.units_figure.en.")


def test_digest_follows_imports_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Editing a module changes the digest of modules importing it, and no other."""
    (tmp_path / "base.py").write_text("X = 1\n")
    (tmp_path / "user.py").write_text("from snippets import base\n")
    (tmp_path / "other.py").write_text("from snippets.core import Array\n")
    monkeypatch.setattr(snippet_source, "package_dir", lambda: tmp_path)
    before = {m: dependency_digest(m) for m in ("base", "user", "other")}
    (tmp_path / "base.py").write_text("X = 2\n")
    after = {m: dependency_digest(m) for m in ("base", "user", "other")}
    assert [m for m in before if before[m] != after[m]] == ["base", "user"]


def test_coordinates_are_rounded_to_a_tenth_of_a_point() -> None:
    """Path data and x/y positions lose all but one decimal; sizes, transforms and text stay."""
    svg = (b'<svg width="460.8pt" height="273.6pt"><path d="M 33.50024 253.59976 \nL -0.04 3.0"/>'
           b'<use xlink:href="#m1" x="48.704421" y="203.68"/>'
           b'<text x="40.701482" transform="rotate(-0 40.701482 239.796635)">0.12345</text></svg>')
    assert round_coordinates(svg) == (
        b'<svg width="460.8pt" height="273.6pt"><path d="M 33.5 253.6 \nL -0.0 3.0"/>'
        b'<use xlink:href="#m1" x="48.7" y="203.7"/>'
        b'<text x="40.7" transform="rotate(-0 40.701482 239.796635)">0.12345</text></svg>')

# Expanding ```figure, ```explorable, ```snippet and ```notebook blocks into Markdown that
# shows them.
from __future__ import annotations

import html
import posixpath
import re
import textwrap
from collections.abc import Collection, Iterable, Mapping

from vaultsite.blocks import parse_block
from vaultsite.errors import VaultProblem
from vaultsite.explorables import controls_html
from vaultsite.figures import FigureFile
from vaultsite.narrow import PHONE_MEDIA
from vaultsite.segments import Segment, join, split
from vaultsite.snippet_source import SnippetNameError, source_of
from vaultsite.strings import text


def code_fence(names: tuple[str, ...]) -> str:
    """One Python fence per module with the source of the named objects."""
    by_module: dict[str, list[str]] = {}
    for name in names:
        by_module.setdefault(name.partition(".")[0], []).append(source_of(name).rstrip())
    return "\n\n".join(
        f'```python title="snippets/{module}.py"\n' + "\n\n".join(sources) + "\n```"
        for module, sources in by_module.items()
    )


def figure_markdown(name: str, alt: str, figure: FigureFile, *, page_path: str,
                    lang: str) -> str:
    """The figure, its caption, and the folded code of its figure function.

    A figure whose labels are too small on phones, and has no phone layout to
    serve them instead (see ``narrow_pictures``), scrolls sideways there.
    """
    src = posixpath.relpath(figure.site_path, posixpath.dirname(page_path) or ".")
    quoted = html.escape(alt, quote=True)
    kind = " vault-figure--scroll" if figure.scrolls_on_phones else ""
    code = textwrap.indent(code_fence((name,)), "    ")
    return (
        f'<figure class="vault-figure{kind}" markdown="span">\n'
        f'![{quoted}]({src}){{ width="{figure.width}" height="{figure.height}" loading="lazy" }}\n'
        f"<figcaption>{html.escape(alt)}</figcaption>\n</figure>\n\n"
        f'??? example "{text("figure_code", lang)}"\n\n{code}\n'
    )


_IMG = re.compile(r'<img\b[^>]*?\bsrc="([^"]*)"[^>]*>')


def narrow_pictures(page_html: str, figures: Iterable[FigureFile]) -> str:
    """Each figure image with a phone layout becomes a ``<picture>`` serving it to phones.

    Done on the page's HTML, where MkDocs has made the image's ``src`` relative
    to the page's address: the phone layout sits beside the figure's file.
    """
    narrow = {figure.site_path: figure.narrow for figure in figures if figure.narrow}

    def picture(match: re.Match[str]) -> str:
        src = match.group(1)
        site_path = next((p for p in narrow if src == p or src.endswith("/" + p)), None)
        if site_path is None:
            return match.group(0)
        phone = narrow[site_path]
        srcset = src[:len(src) - len(site_path)] + phone.site_path
        return (f'<picture><source media="{PHONE_MEDIA}" srcset="{srcset}" '
                f'width="{phone.width}" height="{phone.height}">{match.group(0)}</picture>')

    return _IMG.sub(picture, page_html)


def notebook_markdown(name: str, *, page_path: str, lang: str) -> str:
    """A download button for the .ipynb and a placeholder the rendered notebook replaces."""
    href = posixpath.relpath(ipynb_site_path(name), posixpath.dirname(page_path) or ".")
    return (f'[{text("download_notebook", lang)} ({name}.ipynb)]({href})'
            '{ .md-button download }\n\n'
            f'<div class="vault-notebook" data-notebook="{name}"></div>\n')


def ipynb_site_path(name: str) -> str:
    """Where a notebook's .ipynb is served."""
    return f"assets/notebooks/{name}.ipynb"


def expand_blocks(
    markdown: str,
    *,
    page_path: str,
    lang: str,
    figures: Mapping[str, FigureFile],
    notebooks: Collection[str] = (),
    explorables: Mapping[str, str] | None = None,
) -> tuple[str, list[VaultProblem]]:
    """Replace figure, explorable, snippet and notebook fences; other fences stay as they are.

    ``figures`` maps ``module.function`` to the already rendered file,
    ``explorables`` to the URL of its computed data from this page, and ``notebooks``
    names the executed notebooks; one missing failed earlier and was reported then.
    """
    explorables = explorables or {}
    problems: list[VaultProblem] = []

    def expand(segment: Segment) -> str:
        block = parse_block(segment.text, segment.line)
        if block is None:
            return segment.text
        if not block.names:
            problems.append(VaultProblem(page_path, segment.line,
                                         f"empty ```{block.kind} block: name a module.function"))
            return segment.text
        rendered = {"notebook": notebooks, "explorable": explorables}.get(block.kind)
        if rendered is not None and block.names[0] not in rendered:
            return segment.text  # it failed to render, and that was reported then
        try:
            if block.kind == "snippet":
                expanded = code_fence(block.names)
            elif block.kind == "notebook":
                expanded = notebook_markdown(block.names[0], page_path=page_path, lang=lang)
            elif block.kind == "explorable":
                if not block.text:
                    msg = (f"explorable {block.names[0]} says nothing: on the next lines, tell "
                           "the reader what to try")
                    raise SnippetNameError(msg)
                expanded = controls_html(block.names[0], block.text, explorables[block.names[0]],
                                         lang=lang)
            elif block.names[0] in figures:
                if not block.text:
                    msg = f"figure {block.names[0]} has no alt text: describe it on the next line"
                    raise SnippetNameError(msg)
                expanded = figure_markdown(block.names[0], block.text, figures[block.names[0]],
                                           page_path=page_path, lang=lang)
            else:
                return segment.text
        except SnippetNameError as error:
            problems.append(VaultProblem(page_path, segment.line, str(error.args[0])))
            return segment.text
        return textwrap.indent(expanded, block.indent)

    segments = [Segment(s.kind, expand(s), s.line) if s.kind == "fence" else s
                for s in split(markdown)]
    return join(segments), problems

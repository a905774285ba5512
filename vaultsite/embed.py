# Expanding ```figure, ```explorable, ```snippet and ```notebook blocks into Markdown that
# shows them.
from __future__ import annotations

import html
import posixpath
import textwrap
from collections.abc import Collection, Mapping

from vaultsite.blocks import parse_block
from vaultsite.errors import VaultProblem
from vaultsite.explorables import controls_html
from vaultsite.figures import FigureFile
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
    """The figure, its caption, and the folded code of its figure function."""
    src = posixpath.relpath(figure.site_path, posixpath.dirname(page_path) or ".")
    quoted = html.escape(alt, quote=True)
    code = textwrap.indent(code_fence((name,)), "    ")
    return (
        f'<figure class="vault-figure" markdown="span">\n'
        f'![{quoted}]({src}){{ width="{figure.width}" height="{figure.height}" loading="lazy" }}\n'
        f"<figcaption>{html.escape(alt)}</figcaption>\n</figure>\n\n"
        f'??? example "{text("figure_code", lang)}"\n\n{code}\n'
    )


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
        try:
            if block.kind == "snippet":
                expanded = code_fence(block.names)
            elif block.kind == "notebook":
                if block.names[0] not in notebooks:
                    return segment.text
                expanded = notebook_markdown(block.names[0], page_path=page_path, lang=lang)
            elif block.kind == "explorable":
                if block.names[0] not in explorables:
                    return segment.text
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

"""Write a figure notebook and its three Lab pages for every snippet module that draws figures.

``python scripts/make_lab.py`` creates, for each ``snippets/<module>.py`` with
``*_figure`` functions, ``notebooks/<module>.py`` (jupytext percent format) and
``docs/lab/<module>-figures.md`` / ``.ru.md`` / ``.zh.md``. Existing files are kept, so
edited notebooks and pages are never overwritten. No test checks that a notebook
calls every figure function of its module: a figure added after its notebook was
written needs its cell added by hand.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from vaultsite.blocks import find_blocks  # noqa: E402
from vaultsite.snippet_source import load_module  # noqa: E402
from vaultsite.vault import front_matter  # noqa: E402

PAGE_TEXT = {
    "en": ("Lab: {title}", "This notebook draws every figure of the page [[{title}]] with the same "
           "tested functions, in English. Download it, change a hyperparameter or the language "
           "argument (`\"ru\"`, `\"zh\"`) and run it again."),
    "ru": ("Лаборатория: {title}", "Этот блокнот рисует все рисунки страницы [[{title}]] теми же "
           "проверенными функциями (подписи на английском). Скачайте его, поменяйте "
           "гиперпараметр или аргумент языка (`\"ru\"`, `\"zh\"`) и запустите снова."),
    "zh": ("实验：{title}", "这个笔记本用同样经过测试的函数绘制页面 [[{title}]] 的所有图（图中文字为英文）。"
           "下载后可以修改超参数或语言参数（`\"ru\"`、`\"zh\"`）再运行。"),
}


def figure_functions(module: str) -> list[str]:
    """Names of a module's figure functions, in source order."""
    loaded = load_module(module)
    functions = [(inspect.getsourcelines(f)[1], n) for n, f in vars(loaded).items()
                 if n.endswith("_figure") and inspect.isfunction(f) and f.__module__ == loaded.__name__]
    return [n for _, n in sorted(functions)]


def concept_page(module: str) -> str | None:
    """The English page whose figure blocks call this module."""
    for page in sorted((ROOT / "docs").glob("*.md")):
        if page.name.count(".") == 1 and any(
                b.names and b.names[0].startswith(module + ".")
                for b in find_blocks(page.read_text(encoding="utf-8"), "figure")):
            return page.stem
    return None


def notebook_source(module: str, title: str, figures: list[str]) -> str:
    """A percent-format notebook that draws each figure of ``module``."""
    cells = [
        "# ---\n# jupyter:\n#   jupytext:\n#     formats: py:percent\n#   kernelspec:\n"
        "#     display_name: Python 3\n#     language: python\n#     name: python3\n# ---\n",
        f"# %% [markdown]\n# # {title}: the figures\n#\n"
        f"# Every figure of the page, drawn by `snippets/{module}.py`, the module the\n"
        "# tests check. Each figure function takes a language code: try `\"ru\"` or `\"zh\"`.\n",
        f"# %%\n# %matplotlib inline\n# %config InlineBackend.figure_formats = [\"svg\"]\n"
        f"from snippets import {module}\n",
    ]
    loaded = load_module(module)
    for name in figures:
        doc = (inspect.getdoc(getattr(loaded, name)) or name).splitlines()[0]
        cells.append(f"# %% [markdown]\n# ## `{name}`\n#\n# {doc}\n")
        cells.append(f'# %%\n{module}.{name}("en")\n')
    return "\n".join(cells)


def main() -> None:
    for path in sorted((ROOT / "snippets").glob("*.py")):
        module = path.stem
        figures = figure_functions(module) if not module.startswith("_") else []
        stem = concept_page(module) if figures else None
        if not figures or stem is None:
            continue
        titles = {lang: str(front_matter((ROOT / "docs" / f"{stem}{'' if lang == 'en' else '.' + lang}.md")
                                         .read_text(encoding="utf-8")).get("title"))
                  for lang in PAGE_TEXT}
        notebook = ROOT / "notebooks" / f"{module}.py"
        if not notebook.exists():
            notebook.write_text(notebook_source(module, titles["en"], figures), encoding="utf-8")
        for lang, (heading, body) in PAGE_TEXT.items():
            lab_stem = module.replace("_", "-") + "-figures"  # unique: not the concept's own stem
            page = ROOT / "docs" / "lab" / f"{lab_stem}{'' if lang == 'en' else '.' + lang}.md"
            if page.exists():
                continue
            page.parent.mkdir(exist_ok=True)
            title = heading.format(title=titles[lang])
            page.write_text(f"---\ntitle: \"{title}\"\n---\n\n# {title}\n\n"
                            f"{body.format(title=titles[lang])}\n\n```notebook\n{module}\n```\n",
                            encoding="utf-8")
            print("wrote", page.relative_to(ROOT))


if __name__ == "__main__":
    main()

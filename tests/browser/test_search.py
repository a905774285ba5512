"""Site search, typed into the search box of each language's pages."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout


def _search(page: Any, url: str, query: str) -> list[str]:
    """Type ``query`` into the search box; return the result pages' locations in order."""
    page.goto(url)
    page.click("label.md-search__icon[for='__search']", force=True)
    page.fill("input.md-search__input", query)
    for _ in range(3):  # a query typed while the worker still builds the index waits
        # Material searches on keyup; fill() types Cyrillic and Chinese without one
        page.press("input.md-search__input", "End")
        try:
            page.wait_for_selector(".md-search-result__item", timeout=10_000)
            break
        except PlaywrightTimeout:
            pass
    else:
        return []
    page.wait_for_timeout(300)
    return page.eval_on_selector_all(
        ".md-search-result__item > a", "as => as.map(a => new URL(a.href).pathname)")


# (language root, query, the page that must be among the first five results; the
# Lab page of the same concept, titled after it, often comes first). Each page
# says its query, unless a comment says otherwise.
QUERIES = [
    ("", "momentum", "/momentum/"),
    ("", "saddle point", "/critical-points/"),
    ("", "warmup", "/lr-scheduling/"),
    ("", "stopping conditions", "/stopping-conditions/"),
    ("", "sign descent", "/step-size/"),
    ("", "bias correction", "/adam/"),
    ("", "learning rate decay", "/lr-scheduling/"),
    ("", "batch size", "/batch-size/"),
    ("", "Hessian", "/critical-points/"),
    ("", "early stopping", "/stopping-conditions/"),
    ("", "moving average", "/rmsprop/"),
    ("", "Taylor", "/critical-points/"),
    ("", "chasm", "/local-minima/"),
    ("", "cosine", "/lr-scheduling/"),
    # "gradient" matches the tag "gradient descent" of most pages: a tag must not
    # outweigh the page that is about the query
    ("", "noisy gradient", "/batch-size/"),
    ("", "gradient scale", "/adam/"),
    ("", "loss function", "/gradient-descent/"),
    ("ru/", "инерция", "/ru/momentum/"),
    ("ru/", "сходимость", "/ru/step-size/"),
    ("ru/", "импульс", "/ru/momentum/"),  # the page says "импульса", "импульсом"
    ("ru/", "остановка", "/ru/stopping-conditions/"),  # the page says "остановки"
    ("ru/", "седловая точка", "/ru/critical-points/"),
    ("ru/", "условия остановки", "/ru/stopping-conditions/"),
    ("ru/", "поправка на смещение", "/ru/adam/"),
    ("ru/", "седловой точки", "/ru/critical-points/"),
    ("ru/", "скорости обучения", "/ru/lr-scheduling/"),
    ("ru/", "размера батча", "/ru/batch-size/"),
    ("ru/", "затухание шага", "/ru/lr-scheduling/"),
    ("ru/", "разогрева", "/ru/lr-scheduling/"),
    ("ru/", "локального минимума", "/ru/local-minima/"),
    ("ru/", "матрица Гессе", "/ru/critical-points/"),
    ("ru/", "гессиана", "/ru/critical-points/"),
    ("ru/", "скользящему среднему", "/ru/rmsprop/"),
    ("ru/", "выбор шага", "/ru/step-size/"),
    ("ru/", "критических точек", "/ru/critical-points/"),
    ("ru/", "пропасти", "/ru/local-minima/"),
    ("ru/", "мини-батчи", "/ru/batch-size/"),
    ("ru/", "градиентный спуск", "/ru/gradient-descent/"),
    # Chinese: jieba cuts most of these compounds into words (自 / 适应)
    ("zh/", "学习率", "/zh/lr-scheduling/"),
    ("zh/", "鞍点", "/zh/critical-points/"),
    ("zh/", "动量", "/zh/momentum/"),
    ("zh/", "批次", "/zh/batch-size/"),
    ("zh/", "自适应", "/zh/adaptive-formulations/"),
    ("zh/", "自适应方法", "/zh/adaptive-formulations/"),
    ("zh/", "学习率衰减", "/zh/lr-scheduling/"),
    ("zh/", "学习率调度", "/zh/lr-scheduling/"),
    ("zh/", "海森矩阵", "/zh/critical-points/"),
    ("zh/", "偏差修正", "/zh/adam/"),
    ("zh/", "批次大小", "/zh/batch-size/"),
    ("zh/", "小批量", "/zh/batch-size/"),
    ("zh/", "大批量", "/zh/batch-size/"),
    ("zh/", "局部最小值", "/zh/local-minima/"),
    ("zh/", "梯度下降", "/zh/gradient-descent/"),
    ("zh/", "停止条件", "/zh/stopping-conditions/"),
    ("zh/", "符号下降", "/zh/step-size/"),
    ("zh/", "早停", "/zh/stopping-conditions/"),
    ("zh/", "预热", "/zh/lr-scheduling/"),
    ("zh/", "泰勒展开", "/zh/critical-points/"),
    ("zh/", "一阶矩", "/zh/adam/"),
    ("zh/", "滑动平均", "/zh/rmsprop/"),
    ("zh/", "深谷", "/zh/local-minima/"),
    ("zh/", "梯度范数", "/zh/stuck-training/"),
]


@pytest.mark.parametrize(("root", "query", "expected"), QUERIES)
def test_search_finds_the_page(page: Any, site_url: str, root: str, query: str,
                               expected: str) -> None:
    """A real query finds its page among the top five results."""
    results = _search(page, f"{site_url}/{root}", query)
    top = list(dict.fromkeys(results))[:5]
    assert expected in top, results[:8]


@pytest.mark.parametrize(("root", "query", "prefix"), [
    ("", "momentum", "/"), ("ru/", "momentum", "/ru/"), ("zh/", "momentum", "/zh/")])
def test_search_stays_in_the_readers_language(page: Any, site_url: str, root: str, query: str,
                                               prefix: str) -> None:
    """Every result of a search on a language's pages is a page of that language."""
    results = _search(page, f"{site_url}/{root}", query)
    others = [r for r in results if (prefix == "/" and r.startswith(("/ru/", "/zh/")))
              or (prefix != "/" and not r.startswith(prefix))]
    assert results and others == []

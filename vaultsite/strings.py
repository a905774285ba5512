# The few interface strings the build writes into pages, in each language.
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "figure_code": {"en": "Code that drew this figure", "ru": "Код, нарисовавший этот рисунок",
                    "zh": "绘制此图的代码"},
    "from_note": {"en": "From note", "ru": "Из заметки", "zh": "来自笔记"},
    "from_notes": {"en": "From notes", "ru": "Из заметок", "zh": "来自笔记"},
    "download_notebook": {"en": "Download the notebook", "ru": "Скачать блокнот",
                          "zh": "下载笔记本"},
    "linked_from": {"en": "Linked from", "ru": "Ссылки на эту страницу", "zh": "链接到本页"},
    "link_graph": {"en": "Link graph", "ru": "Граф ссылок", "zh": "链接图"},
    "link_graph_of": {"en": "Pages linked with {}", "ru": "Страницы, связанные ссылками с «{}»",
                      "zh": "与“{}”互相链接的页面"},
    "whole_graph": {"en": "All concepts and their links", "ru": "Все понятия и ссылки между ними",
                    "zh": "全部概念及其链接"},
    "with_tags": {"en": "The same, with tags", "ru": "То же, с тегами", "zh": "同一张图，加上标签"},
    "embedded_from": {"en": "From", "ru": "Из страницы", "zh": "摘自"},
    "zoom_open": {"en": "Open the figure full size", "ru": "Открыть рисунок в полный размер",
                  "zh": "以原尺寸打开此图"},
    "zoom_dialog": {"en": "The figure at full size", "ru": "Рисунок в полный размер",
                    "zh": "原尺寸图"},
    "zoom_close": {"en": "Close", "ru": "Закрыть", "zh": "关闭"},
    "explore": {"en": "Try other settings", "ru": "Попробуйте другие настройки",
                "zh": "试试其他设置"},
    "diverged": {"en": "diverged", "ru": "расходится", "zh": "发散"},
    "never": {"en": "never", "ru": "никогда", "zh": "从未"},
    "notebook_figure": {"en": "Figure drawn by the notebook cell above",
                        "ru": "Рисунок, выведенный ячейкой блокнота выше",
                        "zh": "上方笔记本单元格绘制的图"},
}

NOTE_LANGUAGES = {  # the language each original note was written in
    "000": "ru", "001": "ru", "002": "ru", "003": "zh", "004": "zh",
}

LANGUAGE_IN = {
    "en": {"ru": "Russian", "zh": "Chinese", "en": "English"},
    "ru": {"ru": "русский", "zh": "китайский", "en": "английский"},
    "zh": {"ru": "俄语", "zh": "中文", "en": "英语"},
}


def text(key: str, lang: str) -> str:
    """An interface string in ``lang``."""
    return STRINGS[key][lang]

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
    "embedded_from": {"en": "From", "ru": "Из страницы", "zh": "摘自"},
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

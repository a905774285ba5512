"""A small vault shared by the link tests: three concepts in three languages."""

from __future__ import annotations

import pytest
from pymdownx.slugs import slugify

from vaultsite.vault import Vault, parse_note
from vaultsite.wikilinks import name_index

NOTES = {
    "adagrad.md": "---\ntitle: AdaGrad\n---\n# AdaGrad\n## The weakness\n",
    "adagrad.ru.md": "---\ntitle: AdaGrad\n---\n# AdaGrad\n## Проблема алгоритма\n",
    "adagrad.zh.md": "---\ntitle: AdaGrad\n---\n# AdaGrad\n",
    "rmsprop.md": "---\ntitle: RMSprop\n---\n# RMSprop\n## The brake\n",
    "rmsprop.ru.md": ("---\ntitle: Градиентный спуск RmsProp\naliases: [RMSprop]\n---\n"
                      "# Градиентный спуск RmsProp\n## Тормоз\n"),
    "rmsprop.zh.md": "---\ntitle: RMSprop\n---\n# RMSprop\n",
    "basics/momentum.md": "---\ntitle: Momentum\n---\n# Momentum\n",
    "basics/momentum.ru.md": ("---\ntitle: Градиентный спуск с инерцией\n---\n"
                              "# Градиентный спуск с инерцией\n"),
    "basics/momentum.zh.md": "---\ntitle: 动量法\n---\n# 动量法\n",
}
ASSETS = ("images/loss.png", "images/a/dup.png", "images/b/dup.png")


@pytest.fixture
def vault() -> Vault:
    """The shared three-concept vault."""
    return Vault(tuple(parse_note(p, t) for p, t in NOTES.items()), ASSETS)


@pytest.fixture
def index(vault: Vault) -> dict[str, set[str]]:
    """Its name index."""
    return name_index(vault)


@pytest.fixture
def slug() -> object:
    """The same heading slugify the site configures for toc."""
    function = slugify(case="lower")
    return lambda heading: function(heading, "-")

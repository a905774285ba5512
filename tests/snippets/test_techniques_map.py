"""The map of techniques: its boxes name real pages and its arrows tell note 003's story."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure

from snippets import techniques_map as tm
from snippets.plotting import LANGUAGES

CONTRIBUTING = Path(__file__).resolve().parents[2] / "CONTRIBUTING.md"


def page_titles() -> dict[str, dict[str, str]]:
    """Stem → {lang: title}, read from the table in CONTRIBUTING.md."""
    titles = {}
    for line in CONTRIBUTING.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].startswith("`"):
            titles[cells[0].strip("`")] = dict(zip(LANGUAGES, cells[1:], strict=True))
    return titles


@pytest.mark.parametrize("lang", LANGUAGES)
def test_box_titles_are_page_titles(lang: str) -> None:
    """Every box carries the exact title of its concept page in that language."""
    titles = page_titles()
    for key, node in tm.NODES.items():
        assert tm.node_title(lang, key) == titles[node.stem][lang]


def test_every_method_descends_from_gradient_descent() -> None:
    """Momentum, AdaGrad, RMSprop and Adam are all reached by arrows from gradient descent."""
    assert tm.reachable_from("gd") == {"gd", "momentum", "adagrad", "rmsprop", "adam"}


def test_roots_are_gradient_descent_and_scheduling() -> None:
    """Only gradient descent and scheduling have no incoming arrow."""
    assert {key for key in tm.NODES if not tm.parents(key)} == {"gd", "scheduling"}


def test_adam_combines_momentum_and_rmsprop() -> None:
    """Adam's arrows come from momentum, RMSprop and the schedule (note: Momentum+RMSprop)."""
    assert set(tm.parents("adam")) == {"momentum", "rmsprop", "scheduling"}


def test_rmsprop_refines_adagrad() -> None:
    """RMSprop's only parent is AdaGrad."""
    assert tm.parents("rmsprop") == ["adagrad"]


@pytest.mark.parametrize("toward", [(5.0, 0.3), (-2.0, 4.0), (0.0, -1.0), (3.0, 3.0)])
def test_box_exit_lies_on_the_box_edge(toward: tuple[float, float]) -> None:
    """The arrow's end point is on the rectangle around the box centre."""
    center = np.array([1.0, 2.0])
    offset = tm.box_exit(center, np.array(toward)) - center
    assert max(abs(offset[0]) / tm.BOX_HALF_WIDTH,
               abs(offset[1]) / tm.BOX_HALF_HEIGHT) == pytest.approx(1.0, rel=1e-12)


def test_boxes_do_not_overlap() -> None:
    """No two boxes share any area."""
    for (_, a), (_, b) in combinations(tm.NODES.items(), 2):
        dx, dy = np.abs(np.subtract(a.center, b.center))
        assert dx >= 2 * tm.BOX_HALF_WIDTH or dy >= 2 * tm.BOX_HALF_HEIGHT


def test_reachable_from_follows_arrows_only() -> None:
    """From RMSprop only Adam is reached; from Adam nothing but itself."""
    assert tm.reachable_from("rmsprop") == {"rmsprop", "adam"}
    assert tm.reachable_from("adam") == {"adam"}
    assert tm.reachable_from("adagrad") == {"adagrad", "rmsprop", "adam"}


def test_parents_of_roots_and_joins() -> None:
    """Gradient descent has no parent; momentum and AdaGrad have only gradient descent."""
    assert (tm.parents("gd"), tm.parents("momentum"), tm.parents("adagrad")) == ([], ["gd"], ["gd"])


@pytest.mark.parametrize(("toward", "exit_point"), [
    ((2.9, 0.0), (1.45, 0.0)),      # straight right: the half width
    ((0.0, -5.0), (0.0, -0.62)),    # straight down: the half height
    ((2.9, 1.24), (1.45, 0.62)),    # exactly through the corner
    ((1.0, 1.0), (0.62, 0.62)),     # 45°: the top side is hit first
])
def test_box_exit_by_hand(toward: tuple[float, float], exit_point: tuple[float, float]) -> None:
    """From a box centred at 0 (half sizes 1.45 × 0.62) the segment leaves where the sides say."""
    assert tm.box_exit(np.zeros(2), np.array(toward)).tolist() == pytest.approx(exit_point,
                                                                               rel=1e-12)


def test_box_exit_of_a_custom_box() -> None:
    """A 1 × 3 half-size box at (1, 1) toward (5, 1) is left at (2, 1)."""
    assert tm.box_exit(np.array([1.0, 1.0]), np.array([5.0, 1.0]), half_width=1.0,
                       half_height=3.0).tolist() == [2.0, 1.0]


@pytest.mark.parametrize(("lang", "roles"), [
    ("en", ["θ ← θ − η·g", "history of directions: m", "history of magnitudes: σ",
            "recent gradients weigh more: α", "momentum + RMSprop", "η depends on t: ηᵗ"]),
    ("ru", ["θ ← θ − η·g", "история направлений: m", "история величин: σ",
            "свежие градиенты весомее: α", "инерция + RMSprop", "η зависит от t: ηᵗ"]),
    ("zh", ["θ ← θ − η·g", "历史方向：m", "历史幅度：σ", "动态权重：α", "Momentum + RMSprop",
            "η 随 t 变化：ηᵗ"]),
])
def test_node_roles(lang: str, roles: list[str]) -> None:
    """The boxes' second lines are note 003's words for what each method adds."""
    assert [tm.node_role(lang, key) for key in tm.NODES] == roles


@pytest.mark.parametrize("lang", LANGUAGES)
def test_map_figure(lang: str) -> None:
    """The map draws one box per node and one arrow per edge."""
    fig = tm.map_figure(lang)
    assert isinstance(fig, Figure)
    assert len(fig.axes[0].patches) == len(tm.NODES) + len(tm.EDGES)

"""The shared loop and the path measures every optimizer page uses."""

from __future__ import annotations

import numpy as np

from snippets import core


def test_as_point_makes_a_float_vector() -> None:
    """A scalar int becomes the 1-D float64 array [3.0]."""
    point = core.as_point(3)
    assert (point.dtype, point.tolist()) == (np.float64, [3.0])


def test_as_point_copies() -> None:
    """Editing the result leaves the input untouched."""
    x = np.array([1.0, 2.0])
    core.as_point(x)[0] = 9.0
    assert x.tolist() == [1.0, 2.0]


def test_trajectory_halves_on_a_toy_optimizer() -> None:
    """x ← x − g with g = x/2 from 8, three steps: 8, 4, 2, 1, one row per iterate."""
    path = core.trajectory(lambda x: x, lambda s, g: s - g, lambda s: s,
                           lambda x: 0.5 * x, 8, steps=3)
    assert path.tolist() == [[8.0], [4.0], [2.0], [1.0]]


def test_trajectory_keeps_state_apart_from_params() -> None:
    """The state may hold more than x: params picks x, and grad_fn sees only x."""
    path = core.trajectory(lambda x: (x, 0), lambda s, g: (s[0] + g, s[1] + 1),
                           lambda s: s[0] * 1, lambda x: x + 1.0, [0.0, 1.0], steps=2)
    # x1 = x0 + (x0 + 1) = (1, 3); x2 = x1 + (x1 + 1) = (3, 7)
    assert path.tolist() == [[0.0, 1.0], [1.0, 3.0], [3.0, 7.0]]


def test_step_lengths() -> None:
    """Steps (0,0)→(3,4)→(3,4)→(3,5) have lengths 5, 0, 1."""
    path = np.array([[0.0, 0.0], [3.0, 4.0], [3.0, 4.0], [3.0, 5.0]])
    assert core.step_lengths(path).tolist() == [5.0, 0.0, 1.0]


def test_distances() -> None:
    """Distances of (0,0), (3,4) and (6,4) to (3,0) are 3, 4 and 5."""
    path = np.array([[0.0, 0.0], [3.0, 4.0], [6.0, 4.0]])
    assert core.distances(path, [3, 0]).tolist() == [3.0, 4.0, 5.0]


def test_fed_path_step_lengths_of_plain_steps() -> None:
    """x ← x − 0.5·g fed g = (3, 4), then (0, −2): steps of length 2.5, then 1."""
    def halve(x: np.ndarray, g: np.ndarray) -> np.ndarray:
        return x - 0.5 * g
    path = core.fed_path(lambda x: x + 1.0, halve, lambda x: x,
                         np.array([[3.0, 4.0], [0.0, -2.0]]))
    assert core.step_lengths(path).tolist() == [2.5, 1.0]
    one = core.fed_path(lambda x: x, halve, lambda x: x, np.array([[0.0, 2.0]]))
    assert core.step_lengths(one).tolist() == [1.0]


def test_fed_path_starts_at_zero_and_keeps_signs() -> None:
    """x ← x − g fed (1, −2) then (0.5, 0) from init(0) = 3: iterates (3, 3), (2, 5), (1.5, 5)."""
    path = core.fed_path(lambda x: x + 3.0, lambda x, g: x - g, lambda x: x,
                         np.array([[1.0, -2.0], [0.5, 0.0]]))
    assert path.tolist() == [[3.0, 3.0], [2.0, 5.0], [1.5, 5.0]]


def test_fed_path_passes_one_lr_per_step() -> None:
    """x ← x − lr·g fed g = 1, 1, 1 with lr = 1, 0.5, 0.25: iterates 0, −1, −1.5, −1.75."""
    def step(x: np.ndarray, g: np.ndarray, *, lr: float) -> np.ndarray:
        return x - lr * g
    path = core.fed_path(lambda x: x, step, lambda x: x, np.ones((3, 1)), lrs=[1.0, 0.5, 0.25])
    assert path[:, 0].tolist() == [0.0, -1.0, -1.5, -1.75]


def test_descend_1d_by_hand() -> None:
    """f′(x) = 2x from 8 with lr 0.25 halves x: 8, 4, 2, one float per iterate."""
    path = core.descend_1d(lambda x: 2 * x, 8.0, lr=0.25, steps=2)
    assert (path.shape, path.dtype, path.tolist()) == ((3,), np.float64, [8.0, 4.0, 2.0])


def test_tick_labels_on_a_log_axis_are_powers_of_ten() -> None:
    """10⁻⁴, 10⁰ and 10² with superscript digits and a superscript minus."""
    assert core.tick_labels((1e-4, 1.0, 100.0), log=True) == ("10⁻⁴", "10⁰", "10²")


def test_tick_labels_share_the_finest_ticks_decimals() -> None:
    """−0.5, 0, 2.5 all get one decimal; the minus is U+2212, as matplotlib draws it."""
    assert core.tick_labels((-0.5, 0.0, 2.5), log=False) == ("−0.5", "0.0", "2.5")


def test_tick_labels_of_whole_numbers_have_no_point() -> None:
    """Ticks 0, 2500, 10000 read as integers; 0.0005 steps get four decimals."""
    assert core.tick_labels((0.0, 2500.0, 10_000.0), log=False) == ("0", "2500", "10000")
    assert core.tick_labels((0.0, 0.0005, 0.002), log=False) == ("0.0000", "0.0005", "0.0020")


def test_tick_labels_on_a_log_axis_between_powers_are_decimals() -> None:
    """A log axis ticked at 0.2 and 1 is not all powers of ten: both are plain decimals."""
    assert core.tick_labels((0.2, 1.0), log=True) == ("0.2", "1.0")


def test_tick_labels_of_no_ticks_are_none() -> None:
    """An axis without ticks names none (and does not fail)."""
    assert core.tick_labels((), log=False) == ()

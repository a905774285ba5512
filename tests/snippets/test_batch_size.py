"""Tests for snippets.batch_size against content brief C8."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from snippets import batch_size as bs


# Computed inside each test, never at import: a mutation run imports the tests once and
# then switches mutants on, so a module-level result would hide them.
def data() -> tuple[np.ndarray, np.ndarray]:
    """The page's 20 examples."""
    return bs.dataset()


def theta0_grads() -> np.ndarray:
    """The 20 per-example gradients at θ₀ = (−1, 2)."""
    return bs.example_grads(bs.THETA0, *bs.dataset())


def test_dataset_follows_the_brief() -> None:
    """x = linspace(−1, 1, 20); y(−1) = −2.5 − 0.3·sin 9 = −2.6236355, y(1) = 3.6236355."""
    x, y = data()
    assert x.shape == y.shape == (20,)
    assert (x[0], x[1], x[-1]) == (-1.0, pytest.approx(-1 + 2 / 19, rel=1e-15), 1.0)
    assert (y[0], y[-1]) == pytest.approx((-2.6236355456, 3.6236355456), rel=1e-10)
    assert bs.dataset(3)[1].tolist() == pytest.approx([-2.5 - 0.3 * np.sin(9), 0.5,
                                                       3.5 + 0.3 * np.sin(9)], rel=1e-15)


def test_example_grads_by_hand() -> None:
    """θ = (1, 0), x = (2, 0), y = (1, 1): residuals 1, −1, so 2r·(x, 1) = (4, 2), (0, −2)."""
    grads = bs.example_grads(np.array([1.0, 0.0]), np.array([2.0, 0.0]), np.array([1.0, 1.0]))
    assert grads.tolist() == [[4.0, 2.0], [0.0, -2.0]]


def test_first_example_gradient_at_theta0() -> None:
    """At θ₀ = (−1, 2), x = −1: residual 1 + 2 + 2.6236355, so g = (−11.247271, 11.247271)."""
    assert theta0_grads()[0].tolist() == pytest.approx([-11.2472710912, 11.2472710912], rel=1e-10)


def test_loss_by_hand() -> None:
    """x = (2, 0), y = (1, 1): (w, b) = (1, 0) gives residuals 1, −1, MSE 1; (0, 1) gives 0."""
    x, y = np.array([2.0, 0.0]), np.array([1.0, 1.0])
    assert bs.loss(np.array([1.0, 0.0]), np.array([0.0, 1.0]), x, y).tolist() == [1.0, 0.0]
    assert bs.loss(np.array([[1.0, 0.5]]), np.array([[0.0, 0.0]]), x, y).tolist() == [[1.0, 0.5]]


def test_gradient_spread_by_hand() -> None:
    """Gradients (1, 1) and (3, 1): mean (2, 1), deviations ±(1, 0), so σ² = 1; a centred
    cross (±1, 0), (0, ±2) has σ² = (1 + 1 + 4 + 4)/4 = 2.5."""
    assert bs.gradient_spread(np.array([[1.0, 1.0], [3.0, 1.0]])) == 1.0
    cross = np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 2.0], [0.0, -2.0]])
    assert bs.gradient_spread(cross) == 2.5


def test_batch_variance_by_hand() -> None:
    """For the cross and B = 2: (4 − 2)/(4 − 1)·2.5/2 = 5/6, and the six pair means agree."""
    cross = np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 2.0], [0.0, -2.0]])
    # pair means: (0, 0) twice, (±0.5, ±1) four times with ‖·‖² = 1.25: 5/6 on average
    assert bs.batch_variance_formula(cross, batch_size=2) == pytest.approx(5 / 6, rel=1e-15)
    assert bs.batch_variance_exact(cross, batch_size=2) == pytest.approx(5 / 6, rel=1e-15)
    assert bs.batch_variance_exact(cross, batch_size=1) == 2.5


def test_mean_example_gradient_is_full_gradient() -> None:
    """The mean of the 20 per-example gradients is the gradient of the full MSE."""
    h = 1e-6
    x, y = data()
    ups, downs = bs.THETA0 + np.eye(2) * h, bs.THETA0 - np.eye(2) * h
    numeric = [(bs.loss(up[0], up[1], x, y) - bs.loss(down[0], down[1], x, y)) / (2 * h)
               for up, down in zip(ups, downs, strict=True)]
    assert theta0_grads().mean(axis=0) == pytest.approx(numeric, rel=1e-6)


@pytest.mark.parametrize(("batch_size", "brief", "digits"),
                         [(1, 35.855, 3), (2, 16.984, 3), (19, 0.0993, 4)])
def test_exact_variance_matches_brief(batch_size: int, brief: float, digits: int) -> None:
    """Enumerating every batch gives the brief's variance, to the digits it prints."""
    exact = bs.batch_variance_exact(theta0_grads(), batch_size=batch_size)
    assert exact == pytest.approx(brief, abs=0.5 * 10.0**-digits)


@pytest.mark.parametrize("batch_size", [1, 2, 3, 4, 5, 15, 16, 17, 18, 19, 20])
def test_formula_equals_enumeration(batch_size: int) -> None:
    """(N − B)/(N − 1)·σ²/B equals the mean over all C(N, B) batches."""
    grads = theta0_grads()
    exact = bs.batch_variance_exact(grads, batch_size=batch_size)
    formula = bs.batch_variance_formula(grads, batch_size=batch_size)
    assert formula == pytest.approx(exact, rel=1e-9, abs=1e-12)


def test_full_batch_has_no_variance() -> None:
    """With B = N the only batch is the whole data set: variance 0."""
    grads = theta0_grads()
    assert bs.batch_variance_exact(grads, batch_size=20) == 0.0
    assert bs.batch_variance_formula(grads, batch_size=20) == 0.0


def test_single_example_spread_matches_brief() -> None:
    """σ² of the 20 gradients at θ₀ is 35.855, the brief's B = 1 variance."""
    assert bs.gradient_spread(theta0_grads()) == pytest.approx(35.855375, rel=1e-7)


def test_variance_decreases_with_batch_size() -> None:
    """A larger batch always gives a less noisy gradient."""
    grads = theta0_grads()
    variances = [bs.batch_variance_formula(grads, batch_size=b) for b in range(1, 21)]
    assert np.all(np.diff(variances) < 0)


def test_updates_per_epoch() -> None:
    """N = 20: 20 updates per epoch for B = 1, 1 for B = 20, 7 for B = 3."""
    assert bs.updates_per_epoch(20, batch_size=1) == 20
    assert bs.updates_per_epoch(20, batch_size=20) == 1
    assert bs.updates_per_epoch(20, batch_size=3) == 7


def test_epoch_sees_every_example_once() -> None:
    """The batches of one epoch partition the data: each example exactly once."""
    batches = bs.epoch_batches(20, batch_size=3, rng=np.random.default_rng(0))
    assert len(batches) == 7
    assert sorted(np.concatenate(batches).tolist()) == list(range(20))


def test_shuffle_changes_batches_between_epochs() -> None:
    """Two consecutive epochs cut the data into different batches."""
    rng = np.random.default_rng(0)
    first = bs.epoch_batches(20, batch_size=5, rng=rng)
    second = bs.epoch_batches(20, batch_size=5, rng=rng)
    assert any(not np.array_equal(a, b) for a, b in zip(first, second, strict=True))


def test_path_length_counts_updates() -> None:
    """A path holds the start plus epochs·⌈N/B⌉ updates."""
    path = bs.minibatch_path(bs.THETA0, *data(), batch_size=3, lr=0.1, epochs=4)
    assert path.shape == (4 * 7 + 1, 2)
    assert path[0] == pytest.approx(bs.THETA0)


def full_batch_first_step() -> list[float]:
    """θ¹ for B = N, η = 0.1 from (−1, 2), by hand.

    The residual is r = −x + 2 − y; with mean(x) = mean(sin 9x) = 0 (odd, symmetric x) the
    b gradient is 2·mean(r) = 2·1.5 = 3, and the w gradient is 2·mean(r·x) =
    −8·mean(x²) − 0.6·mean(x·sin 9x).
    """
    x = np.linspace(-1.0, 1.0, 20)
    grad_w = float(-8 * np.mean(x**2) - 0.6 * np.mean(x * np.sin(9 * x)))
    return [-1.0 - 0.1 * grad_w, 2.0 - 0.1 * 3.0]


def test_full_batch_path_is_plain_gradient_descent() -> None:
    """With B = N the shuffle does not matter, and the first step is the full-gradient step."""
    paths = [bs.minibatch_path(bs.THETA0, *data(), batch_size=20, lr=0.1, epochs=5, seed=s)
             for s in (0, 1)]
    assert paths[0] == pytest.approx(paths[1], rel=1e-12)
    assert paths[0][1].tolist() == pytest.approx(full_batch_first_step(), rel=1e-12)
    assert paths[0][1].tolist() == pytest.approx([-0.6983817869, 1.7], rel=1e-9)


def single_example_step(seed: int) -> list[float]:
    """θ¹ for B = 1, η = 0.1 from (−1, 2): the example is default_rng(seed).permutation(20)[0]."""
    x = np.linspace(-1.0, 1.0, 20)
    i = int(np.random.default_rng(seed).permutation(20)[0])
    r = -x[i] + 2.0 - (3.0 * x[i] + 0.5 + 0.3 * np.sin(9.0 * x[i]))  # residual at θ₀
    return [-1.0 - 0.2 * r * x[i], 2.0 - 0.2 * r]


def test_minibatch_path_default_seed_is_0() -> None:
    """Without a seed the shuffle is default_rng(0): the first B = 1 step uses its first index."""
    path = bs.minibatch_path(bs.THETA0, *data(), batch_size=1, lr=0.1, epochs=1)
    assert path[1].tolist() == pytest.approx(single_example_step(0), rel=1e-12)


def test_batch_paths_use_the_figure_settings() -> None:
    """B = 1 and B = 20 over 8 epochs (161 and 9 iterates), η = 0.1, shuffled with seed 1."""
    paths = bs.batch_paths()
    assert {size: path.shape for size, path in paths.items()} == {1: (161, 2), 20: (9, 2)}
    assert paths[20][1].tolist() == pytest.approx(full_batch_first_step(), rel=1e-12)
    assert paths[1][1].tolist() == pytest.approx(single_example_step(1), rel=1e-12)


def test_excess_loss_is_zero_at_least_squares() -> None:
    """At the least-squares line L − min L is 0; at θ₀ it is mean((−x + 2 − y)²) − min L."""
    x, y = data()
    best = np.linalg.lstsq(np.column_stack([x, np.ones_like(x)]), y, rcond=None)[0]
    excess = bs.excess_loss(np.array([best, bs.THETA0]))
    assert excess[0] == pytest.approx(0.0, abs=1e-12)
    best_loss = np.mean((best[0] * x + best[1] - y) ** 2)
    assert excess[1] == pytest.approx(np.mean((-x + 2 - y) ** 2) - best_loss, rel=1e-12)


def test_best_fit_by_the_normal_equations() -> None:
    """x is symmetric about 0, so w* = 3 + 0.3·mean(x sin 9x)/mean(x²) and b* = 0.5."""
    x = np.linspace(-1.0, 1.0, 20)
    slope = 3 + 0.3 * np.mean(x * np.sin(9 * x)) / np.mean(x**2)
    assert bs.best_fit() == pytest.approx([slope, 0.5], rel=1e-12)


@pytest.mark.parametrize("level", [0.8, 4.0, 12.0])
def test_level_set_is_where_the_loss_equals_the_level(level: float) -> None:
    """Every point of the curve has L = level (L computed from the data), and the curve closes."""
    x, y = bs.dataset()
    curve = bs.level_set(level, points=37)
    assert curve.shape == (37, 2)
    assert bs.loss(curve[:, 0], curve[:, 1], x, y) == pytest.approx(np.full(37, level), rel=1e-12)
    assert curve[0] == pytest.approx(curve[-1])
    assert np.ptp(curve[:, 0]) > 0 and np.ptp(curve[:, 1]) > 0


def test_single_example_paths_depend_on_shuffle() -> None:
    """With B = 1 the seed of the shuffle changes the path, and the same seed repeats it."""
    def run(seed: int) -> np.ndarray:
        return bs.minibatch_path(bs.THETA0, *data(), batch_size=1, lr=0.1, epochs=2, seed=seed)
    assert np.array_equal(run(3), run(3))
    assert not np.allclose(run(3), run(4))


def test_small_batch_gets_further_per_epoch() -> None:
    """After 8 epochs B = 1 (160 updates) is far closer to the minimum than B = 20 (8 updates)."""
    paths = bs.batch_paths()
    assert bs.excess_loss(paths[1])[-1] < 0.01 * bs.excess_loss(paths[20])[-1]


def test_full_batch_wins_at_equal_updates() -> None:
    """Over 160 updates each, B = 20 ends lower than B = 1, which jitters at constant η."""
    small = bs.excess_loss(bs.batch_paths()[1])
    large = bs.excess_loss(bs.batch_paths(epochs=160)[20])
    assert large[-1] < small[-1]
    assert np.all(np.diff(large) < 0)
    assert np.any(np.diff(small[40:]) > 0)


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_paths_figure_smoke(lang: str) -> None:
    """Paths panel: 2 paths and the minimum over contours; loss panel: 2 curves and a marker."""
    fig = bs.paths_figure(lang)
    assert isinstance(fig, Figure)
    ax, ax_loss = fig.axes
    assert len(ax.lines) == 3
    assert len(ax.collections) > 0
    assert len(ax_loss.lines) == 3


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_variance_figure_smoke(lang: str) -> None:
    """The variance figure draws σ²/B, the formula and the enumerated points."""
    fig = bs.variance_figure(lang)
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    assert len(ax.lines) == 3


# --- the explorable: any batch size B ---

B_GRID = tuple(float(b) for b in range(1, 21))


def hand_minibatch(batch_size: int) -> np.ndarray:
    """8 epochs of η = 0.1 from (−1, 2), each a default_rng(1) permutation cut into batches of
    B; each batch steps by 2·(mean r·x, mean r), r = w·x + b − y, one example list at a time."""
    x = np.linspace(-1.0, 1.0, 20)
    y = 3.0 * x + 0.5 + 0.3 * np.sin(9.0 * x)
    rng = np.random.default_rng(1)
    w, b = -1.0, 2.0
    path = [(w, b)]
    for _ in range(8):
        order = rng.permutation(20).tolist()
        for start in range(0, 20, batch_size):
            batch = order[start:start + batch_size]
            r = [w * x[i] + b - y[i] for i in batch]
            grad_w = 2 * sum(ri * x[i] for ri, i in zip(r, batch, strict=True)) / len(batch)
            grad_b = 2 * sum(r) / len(batch)
            w, b = w - 0.1 * grad_w, b - 0.1 * grad_b
            path.append((w, b))
    return np.array(path)


def least_squares() -> tuple[float, float]:
    """θ* by the textbook formulas w* = Σ(x − x̄)(y − ȳ)/Σ(x − x̄)², b* = ȳ − w*·x̄."""
    x = np.linspace(-1.0, 1.0, 20)
    y = 3.0 * x + 0.5 + 0.3 * np.sin(9.0 * x)
    slope = float(np.sum((x - x.mean()) * (y - y.mean())) / np.sum((x - x.mean()) ** 2))
    return slope, float(y.mean() - slope * x.mean())


def hand_excess(theta: np.ndarray) -> float:
    """mean((w·x + b − y)²) at θ minus the same at θ*."""
    x = np.linspace(-1.0, 1.0, 20)
    y = 3.0 * x + 0.5 + 0.3 * np.sin(9.0 * x)
    w_best, b_best = least_squares()
    return float(np.mean((theta[0] * x + theta[1] - y) ** 2)
                 - np.mean((w_best * x + b_best - y) ** 2))


def path_length(path: np.ndarray) -> float:
    """The summed length of a path's steps."""
    return float(np.sum(np.hypot(*np.diff(path, axis=0).T)))


def test_paths_explorable_grid() -> None:
    """B = 1, 2, …, 20, starting at B = 1 (the first value)."""
    (slider,) = bs.paths_explorable().sliders
    assert (slider.name, slider.values, slider.initial) == ("batch_size", B_GRID, None)


@pytest.mark.parametrize("batch_size", B_GRID)
def test_path_frame_path_is_the_hand_loop(batch_size: float) -> None:
    """The drawn path is the loop in this file, 8·⌈20/B⌉ updates from (−1, 2)."""
    path = bs.path_frame(batch_size=batch_size).series[0].points
    assert path == pytest.approx(hand_minibatch(int(batch_size)), rel=1e-12, abs=1e-14)


@pytest.mark.parametrize("batch_size", B_GRID)
def test_path_frame_numbers(batch_size: float) -> None:
    """The box: 8·⌈20/B⌉ updates and L − min L at the hand loop's last iterate."""
    numbers = bs.path_frame(batch_size=batch_size).numbers
    assert numbers["updates"] == 8 * -(-20 // int(batch_size))
    end = hand_minibatch(int(batch_size))[-1]
    assert numbers["excess"] == pytest.approx(hand_excess(end), rel=1e-10)


def test_path_frame_draws_the_minimum() -> None:
    """The path is line and markers; the minimum θ* of L is one marker; both on the panel."""
    path, best = bs.path_frame(batch_size=5.0).series
    assert (path.panel, path.style, best.panel, best.style) == (0, "both", 0, "markers")
    assert best.points.tolist() == [pytest.approx(least_squares(), rel=1e-12)]


@pytest.mark.parametrize(("batch_size", "excess", "digits"),
                         [(1.0, 0.0024, 4), (2.0, 0.0004, 4), (3.0, 0.0004, 4), (20.0, 1.88, 2)])
def test_path_frame_page_values(batch_size: float, excess: float, digits: int) -> None:
    """Page: "After 8 epochs L − min L is 0.0024 at B = 1, 0.0004 at B = 2 and 3, and 1.88 at
    B = 20" (and "B = 20 has made 8 steps and still has L − min L = 1.88")."""
    assert round(float(bs.path_frame(batch_size=batch_size).numbers["excess"]), digits) == excess


def test_path_frame_updates_of_the_caption() -> None:
    """Caption: "B = 1 makes 160 zigzagging steps …; B = 20 makes 8 straight steps"."""
    assert [bs.path_frame(batch_size=b).numbers["updates"] for b in (1.0, 20.0)] == [160.0, 8.0]


def test_path_frame_straighter_and_shorter_where_b_divides_20() -> None:
    """Page: "over B = 1, 2, 4, 5, 10, 20, which divide the 20 examples evenly, the path gets
    straighter and shorter": its length and its length over the start-to-end distance fall."""
    lengths, windings = [], []
    for b in (1.0, 2.0, 4.0, 5.0, 10.0, 20.0):
        path = bs.path_frame(batch_size=b).series[0].points
        lengths.append(path_length(path))
        windings.append(lengths[-1] / float(np.hypot(*(path[-1] - path[0]))))
    assert np.all(np.diff(lengths) < 0) and np.all(np.diff(windings) < 0)


def test_path_frame_small_last_batch_bends_the_path() -> None:
    """Page: "B = 19 makes as many updates as B = 10, but every epoch ends on a single example,
    and its path is half again as long" (5.07 against 3.36)."""
    nineteen, ten = (bs.path_frame(batch_size=b) for b in (19.0, 10.0))
    assert nineteen.numbers["updates"] == ten.numbers["updates"] == 16.0
    ratio = path_length(nineteen.series[0].points) / path_length(ten.series[0].points)
    assert round(ratio, 1) == 1.5

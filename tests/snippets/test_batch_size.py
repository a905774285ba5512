"""Tests for snippets.batch_size against content brief C8."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from snippets import batch_size as bs

X, Y = bs.dataset()
GRADS = bs.example_grads(bs.THETA0, X, Y)


def test_dataset_follows_the_brief() -> None:
    """x = linspace(−1, 1, 20) and y = 3x + 0.5 + 0.3·sin 9x."""
    assert X.shape == Y.shape == (20,)
    assert X[0] == -1.0
    assert X[-1] == 1.0
    assert Y == pytest.approx(3 * X + 0.5 + 0.3 * np.sin(9 * X), rel=1e-12)


def test_mean_example_gradient_is_full_gradient() -> None:
    """The mean of the 20 per-example gradients is the gradient of the full MSE."""
    h = 1e-6
    numeric = [(bs.loss(*(bs.THETA0 + e), X, Y) - bs.loss(*(bs.THETA0 - e), X, Y)) / (2 * h)
               for e in np.eye(2) * h]
    assert GRADS.mean(axis=0) == pytest.approx(numeric, rel=1e-6)


@pytest.mark.parametrize(("batch_size", "brief", "digits"),
                         [(1, 35.855, 3), (2, 16.984, 3), (19, 0.0993, 4)])
def test_exact_variance_matches_brief(batch_size: int, brief: float, digits: int) -> None:
    """Enumerating every batch gives the brief's variance, to the digits it prints."""
    exact = bs.batch_variance_exact(GRADS, batch_size=batch_size)
    assert exact == pytest.approx(brief, abs=0.5 * 10.0**-digits)


@pytest.mark.parametrize("batch_size", [1, 2, 3, 4, 5, 15, 16, 17, 18, 19, 20])
def test_formula_equals_enumeration(batch_size: int) -> None:
    """(N − B)/(N − 1)·σ²/B equals the mean over all C(N, B) batches."""
    exact = bs.batch_variance_exact(GRADS, batch_size=batch_size)
    formula = bs.batch_variance_formula(GRADS, batch_size=batch_size)
    assert formula == pytest.approx(exact, rel=1e-9, abs=1e-12)


def test_full_batch_has_no_variance() -> None:
    """With B = N the only batch is the whole data set: variance 0."""
    assert bs.batch_variance_exact(GRADS, batch_size=20) == 0.0
    assert bs.batch_variance_formula(GRADS, batch_size=20) == 0.0


def test_single_example_variance_is_the_spread() -> None:
    """For B = 1 the variance is σ² itself."""
    spread = bs.gradient_spread(GRADS)
    assert bs.batch_variance_formula(GRADS, batch_size=1) == pytest.approx(spread, rel=1e-12)


def test_without_replacement_is_below_sigma2_over_b() -> None:
    """Sampling without replacement is never noisier than σ²/B, and strictly less for B > 1."""
    spread = bs.gradient_spread(GRADS)
    variances = [bs.batch_variance_formula(GRADS, batch_size=b) for b in range(2, 21)]
    assert all(v < spread / b for v, b in zip(variances, range(2, 21), strict=True))


def test_variance_decreases_with_batch_size() -> None:
    """A larger batch always gives a less noisy gradient."""
    variances = [bs.batch_variance_formula(GRADS, batch_size=b) for b in range(1, 21)]
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
    path = bs.minibatch_path(bs.THETA0, X, Y, batch_size=3, lr=0.1, epochs=4)
    assert path.shape == (4 * 7 + 1, 2)
    assert path[0] == pytest.approx(bs.THETA0)


def test_full_batch_path_is_plain_gradient_descent() -> None:
    """With B = N the shuffle does not matter: the path is deterministic GD."""
    paths = [bs.minibatch_path(bs.THETA0, X, Y, batch_size=20, lr=0.1, epochs=5, seed=s)
             for s in (0, 1)]
    theta = bs.THETA0.copy()
    for _ in range(5):
        theta = theta - 0.1 * bs.example_grads(theta, X, Y).mean(axis=0)
    assert paths[0] == pytest.approx(paths[1], rel=1e-12)
    assert paths[0][-1] == pytest.approx(theta, rel=1e-12)


def test_single_example_paths_depend_on_shuffle() -> None:
    """With B = 1 the seed of the shuffle changes the path, and the same seed repeats it."""
    def run(seed: int) -> np.ndarray:
        return bs.minibatch_path(bs.THETA0, X, Y, batch_size=1, lr=0.1, epochs=2, seed=seed)
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

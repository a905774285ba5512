"""The canyon where training stalls with a large gradient (content brief C5)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from snippets import stuck_training as st

# lr -> (final loss, ‖∇f‖, distance to the minimum) after 100 000 GD steps; the
# brief prints them to 4 significant digits, so they are compared at that precision.
BRIEF_TABLE = {
    1e-2: (69.26, 99.99, 723.9),
    3e-3: (36.82, 85.86, 776.4),
    1e-3: (31.37, 0.079, 792.0),
    1e-5: (31.99, 0.080, 799.9),
    1e-7: (32.00, 0.346, 800.0),
}


def _table_row(lr: float) -> np.ndarray:
    return st.final_stats(st.gd_paths())[st.TABLE_LRS.index(lr)]


def _half_last_digit(value: float) -> float:
    decimals = len(f"{value}".split(".")[1])
    return 0.5 * 10.0**-decimals + 1e-12


def test_start_loss() -> None:
    """The run starts at L(800, 0.5) = 75.07."""
    assert st.canyon(st.START[0], st.START[1]) == pytest.approx(75.07, abs=0.005)


def test_gradient_matches_finite_differences() -> None:
    """canyon_grad agrees with central differences of canyon."""
    point, h = np.array([123.0, 0.07]), 1e-6
    numeric = [(st.canyon(*(point + h * e)) - st.canyon(*(point - h * e))) / (2 * h)
               for e in np.eye(2)]
    assert st.canyon_grad(point) == pytest.approx(numeric, rel=1e-6)


def test_gradient_is_batched() -> None:
    """canyon_grad on a batch of points equals it point by point."""
    points = np.array([[800.0, 0.5], [-3.0, -0.01]])
    assert np.array_equal(st.canyon_grad(points), [st.canyon_grad(p) for p in points])


def test_surface_is_convex() -> None:
    """Each gradient component grows along its own axis: the stall is no local minimum."""
    line = np.linspace(-1000.0, 1000.0, 2001)
    along_x = st.canyon_grad(np.column_stack([line, np.zeros_like(line)]))[:, 0]
    along_y = st.canyon_grad(np.column_stack([np.zeros_like(line), line / 1000]))[:, 1]
    assert np.all(np.diff(along_x) > 0)
    assert np.all(np.diff(along_y) > 0)


@pytest.mark.parametrize("lr", st.TABLE_LRS)
def test_final_loss(lr: float) -> None:
    """The final loss after 100 000 GD steps matches the brief's table."""
    expected = BRIEF_TABLE[lr][0]
    assert _table_row(lr)[0] == pytest.approx(expected, abs=_half_last_digit(expected))


@pytest.mark.parametrize("lr", st.TABLE_LRS)
def test_final_gradient_norm(lr: float) -> None:
    """The final ‖∇f‖ after 100 000 GD steps matches the brief's table."""
    expected = BRIEF_TABLE[lr][1]
    assert _table_row(lr)[1] == pytest.approx(expected, abs=_half_last_digit(expected))


@pytest.mark.parametrize("lr", st.TABLE_LRS)
def test_final_distance(lr: float) -> None:
    """The final distance to the minimum after 100 000 GD steps matches the brief's table."""
    expected = BRIEF_TABLE[lr][2]
    assert _table_row(lr)[2] == pytest.approx(expected, abs=_half_last_digit(expected))


def test_large_lr_bounces_in_a_two_cycle() -> None:
    """With lr = 1e-2, y alternates between about +0.5 and −0.5 to the end."""
    y = st.gd_paths()[-1000:, st.TABLE_LRS.index(1e-2), 1]
    assert np.all(np.abs(np.abs(y) - 0.5) < 1e-3)
    assert np.all(np.sign(y[1:]) == -np.sign(y[:-1]))


def test_large_lr_is_stuck_with_a_large_gradient() -> None:
    """Over the last 1000 steps at lr = 1e-2 the loss falls by < 0.1 % while ‖∇f‖ > 99."""
    path = st.gd_paths()[-1001:, st.TABLE_LRS.index(1e-2)]
    loss = st.losses(path)
    assert (loss[0] - loss[-1]) / loss[0] < 1e-3
    assert np.all(st.gradient_norms(path) > 99)


def test_every_fixed_lr_stays_far_from_the_minimum() -> None:
    """No learning rate of the table gets within 700 of the minimum in 100 000 steps."""
    assert np.all(st.final_stats(st.gd_paths())[:, 2] > 700)


def test_constant_adagrad_stalls_at_loss_1_20() -> None:
    """Hung-yi Lee's AdaGrad with η = 0.1 ends at L = 1.20."""
    end = st.adaptive_path("adagrad")[-1]
    assert st.canyon(*end) == pytest.approx(1.20, abs=0.005)


def test_constant_adagrad_keeps_a_two_cycle_of_half_eta() -> None:
    """With constant η = 0.1, y hops between +0.05 and −0.05 = ±η/2."""
    y = st.adaptive_path("adagrad")[-100:, 1]
    assert np.abs(y) == pytest.approx(np.full(100, 0.05), rel=1e-6)
    assert np.all(np.sign(y[1:]) == -np.sign(y[:-1]))


def test_linear_decay_endpoints() -> None:
    """The decayed η starts at 0.1, halves midway and reaches 0 at the last step."""
    values = [st.linear_decay(t, start=0.1, total=100) for t in (0, 50, 100)]
    assert values == pytest.approx([0.1, 0.05, 0.0], abs=1e-15)


def test_decayed_adagrad_reaches_the_minimum() -> None:
    """AdaGrad with η decayed linearly 0.1 → 0 ends 9.1e-6 from the minimum."""
    distance = np.linalg.norm(st.adaptive_path("adagrad_decay")[-1])
    assert distance == pytest.approx(9.1e-6, abs=0.05e-6)


def test_adam_reaches_the_minimum() -> None:
    """Adam (lr = 0.01) ends closer than 1e-5 (the brief's 2.9e-6 is rounding-sensitive)."""
    assert np.linalg.norm(st.adaptive_path("adam")[-1]) < 1e-5


def test_cached_paths_are_read_only() -> None:
    """Cached paths cannot be edited by a caller."""
    with pytest.raises(ValueError, match="read-only"):
        st.gd_paths()[0, 0, 0] = 1.0
    # fresh arguments, so the runs are made (and frozen) here rather than found in the cache
    with pytest.raises(ValueError, match="read-only"):
        st.gd_paths(lrs=(0.25,), steps=1)[0, 0, 0] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        st.adaptive_path("adam", steps=3)[0, 0] = 1.0


def test_bounce_steps_by_hand() -> None:
    """steps = 40, count = 4: 2·⌊geomspace(1, 20, 4)⌋ = 2, 4, 14, 40, each with its odd
    predecessor, joined to steps 0..10."""
    assert st.bounce_steps(40, count=4).tolist() == [*range(11), 13, 14, 39, 40]


def test_bounce_steps_pair_odd_and_even() -> None:
    """Beyond the first steps, the thinned steps come in (odd, even) pairs ending at STEPS."""
    steps = st.bounce_steps(st.STEPS)
    tail = steps[steps > 10]
    assert steps[-1] == st.STEPS
    assert np.all(tail[1::2] - tail[::2] == 1)
    assert np.all(tail[1::2] % 2 == 0)


def test_canyon_by_hand() -> None:
    """f(0, 0) = 0 (log 2 cancels), f(100, 0) = 0.5, f(0, 0.1) = 10·log cosh 1 = 4.3378083."""
    assert st.canyon(np.array([0.0, 100.0, 0.0]), np.array([0.0, 0.0, 0.1])).tolist() == \
        pytest.approx([0.0, 0.5, 10 * np.log(np.cosh(1.0))], rel=1e-12, abs=1e-15)


def test_canyon_grad_and_norm_by_hand() -> None:
    """∇f(100, 0.1) = (0.01, 100·tanh 1) = (0.01, 76.159416); ‖∇f(0, 0)‖ = 0."""
    path = np.array([[100.0, 0.1], [0.0, 0.0]])
    np.testing.assert_allclose(st.canyon_grad(path), [[0.01, 100 * np.tanh(1.0)], [0.0, 0.0]],
                               rtol=1e-12)
    assert st.gradient_norms(path).tolist() == pytest.approx(
        [np.hypot(0.01, 100 * np.tanh(1.0)), 0.0], rel=1e-12)
    assert st.losses(path).tolist() == pytest.approx([0.5 + 10 * np.log(np.cosh(1.0)), 0.0])


def test_gradient_norms_of_a_batched_path() -> None:
    """A path of shape (steps, runs, 2) gives norms of shape (steps, runs); ‖∇f(100, 0)‖ = 0.01."""
    path = np.array([[[100.0, 0.0], [0.0, 0.0], [-100.0, 0.0]]])
    norms = st.gradient_norms(path)
    assert (norms.shape, norms[0].tolist()) == ((1, 3), pytest.approx([0.01, 0.0, 0.01], rel=1e-12))


def test_final_stats_by_hand() -> None:
    """A run ending at (0, 0) and one at (100, 0): rows (0, 0, 0) and (0.5, 0.01, 100)."""
    path = np.array([[[5.0, 5.0], [5.0, 5.0]], [[0.0, 0.0], [100.0, 0.0]]])
    np.testing.assert_allclose(st.final_stats(path), [[0.0, 0.0, 0.0], [0.5, 0.01, 100.0]],
                               rtol=1e-12)


def test_gd_paths_first_step() -> None:
    """η = 0.1 from (800, 0.5): ∇f = (0.08, 100·tanh 5), so x¹ = (799.992, 0.5 − 10·tanh 5)."""
    path = st.gd_paths(lrs=(0.1,), steps=1)
    assert path.shape == (2, 1, 2)
    assert path[1, 0].tolist() == pytest.approx([799.992, 0.5 - 10 * np.tanh(5.0)], rel=1e-12)


def test_adaptive_paths_first_steps() -> None:
    """AdaGrad (η = 0.1) and Adam (lr = 0.01) first move by η·sign(g) = −(0.1, 0.1), −(0.01, 0.01);
    over a 2-step run the decayed η is 0.1, then 0.1·(1 − ½) = 0.05."""
    start = st.START
    assert (st.adaptive_path("adagrad", steps=1)[1] - start).tolist() == pytest.approx(
        [-0.1, -0.1], rel=1e-12)
    assert (st.adaptive_path("adam", steps=1)[1] - start).tolist() == pytest.approx(
        [-0.01, -0.01], rel=1e-6)
    decayed = st.adaptive_path("adagrad_decay", steps=2)
    plain = st.adaptive_path("adagrad", steps=2)
    assert (decayed[1] - start).tolist() == pytest.approx([-0.1, -0.1], rel=1e-12)
    np.testing.assert_allclose(decayed[2] - decayed[1], 0.5 * (plain[2] - plain[1]), rtol=1e-9)


def test_log_spaced_steps_by_hand() -> None:
    """Three log-spaced steps up to 100 are 1, 10, 100; the default 400 keeps 310 distinct ones."""
    assert st.log_spaced_steps(100, count=3).tolist() == [1, 10, 100]
    steps = st.log_spaced_steps(st.STEPS)
    # 400 log-spaced values from 1 to 100 000, truncated: 310 distinct steps
    assert (steps[0], steps[-1], len(steps)) == (1, st.STEPS, 310)


@pytest.mark.parametrize(("lr", "label"), [
    (1e-2, "η = 10⁻²"), (3e-3, "η = 3·10⁻³"), (1e-7, "η = 10⁻⁷"), (20.0, "η = 2·10¹")])
def test_lr_labels(lr: float, label: str) -> None:
    """Legend labels write the step as a power of ten."""
    assert st._lr_label(lr) == label


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_stuck_curves_figure(lang: str) -> None:
    """Two panels, each with one line for lr = 1e-2 and one for 1e-3."""
    fig = st.stuck_curves_figure(lang)
    assert isinstance(fig, Figure)
    assert [len(ax.lines) for ax in fig.axes] == [2, 2]


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_canyon_paths_figure(lang: str) -> None:
    """Two contour panels, each with three paths and the minimum marker."""
    fig = st.canyon_paths_figure(lang)
    assert isinstance(fig, Figure)
    assert [len(ax.lines) for ax in fig.axes] == [4, 4]
    assert all(len(ax.collections) >= 1 for ax in fig.axes)


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_adaptive_figure(lang: str) -> None:
    """One panel with GD, two AdaGrad runs and Adam."""
    fig = st.adaptive_figure(lang)
    assert isinstance(fig, Figure)
    assert [len(ax.lines) for ax in fig.axes] == [4]

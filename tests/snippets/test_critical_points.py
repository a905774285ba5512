"""Tests for snippets.critical_points against content brief C3."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from snippets import critical_points as cp

ORIGIN = np.zeros(2)


def loss_at(w: np.ndarray) -> float:
    """``L`` as a function of one parameter vector, for the finite-difference Hessian."""
    return float(cp.loss(w[0], w[1]))


def test_gradient_vanishes_at_origin_and_on_valley() -> None:
    """The gradient is zero at the origin and at every point with w₁w₂ = 1."""
    for point in (ORIGIN, np.array([1.0, 1.0]), np.array([-2.0, -0.5]), np.array([4.0, 0.25])):
        assert np.allclose(cp.loss_grad(point), 0.0, atol=1e-15)


def test_analytic_gradient_matches_central_differences() -> None:
    """The analytic gradient agrees with central differences away from critical points."""
    point, h = np.array([0.7, -1.3]), 1e-6
    numeric = [(loss_at(point + e) - loss_at(point - e)) / (2 * h) for e in np.eye(2) * h]
    assert cp.loss_grad(point) == pytest.approx(numeric, rel=1e-6)


def test_finite_difference_hessian_at_origin() -> None:
    """Central differences give H(0, 0) = [[0, −2], [−2, 0]] to 1e-6."""
    numeric = cp.finite_difference_hessian(loss_at, ORIGIN)
    assert np.allclose(numeric, [[0.0, -2.0], [-2.0, 0.0]], atol=1e-6)


def test_analytic_hessian_matches_finite_differences_elsewhere() -> None:
    """The closed-form Hessian agrees with central differences at a generic point."""
    point = np.array([0.5, 0.3])
    numeric = cp.finite_difference_hessian(loss_at, point)
    assert np.allclose(cp.loss_hessian(point), numeric, atol=1e-6)


def test_origin_eigenvalues_are_plus_minus_two() -> None:
    """H(0, 0) has eigenvalues −2 and 2."""
    assert np.linalg.eigvalsh(cp.loss_hessian(ORIGIN)) == pytest.approx([-2.0, 2.0], rel=1e-12)


def test_origin_is_a_saddle() -> None:
    """Mixed eigenvalue signs classify the origin as a saddle point."""
    assert cp.classify_critical_point(cp.loss_hessian(ORIGIN)) == "saddle"


def test_escape_direction_is_diagonal() -> None:
    """The eigenvector of λ = −2 at the origin is (1, 1)/√2."""
    eigenvalue, u = cp.escape_direction(cp.loss_hessian(ORIGIN))
    assert eigenvalue == pytest.approx(-2.0, rel=1e-12)
    assert u == pytest.approx(np.array([1.0, 1.0]) / np.sqrt(2), rel=1e-12)


def test_loss_drops_along_u_and_rises_across() -> None:
    """L(0.1, 0.1) = 0.9801 < L(0, 0) = 1 < L(0.1, −0.1) = 1.0201."""
    assert loss_at(np.array([0.1, 0.1])) == pytest.approx(0.9801, rel=1e-6)
    assert loss_at(np.array([0.1, -0.1])) == pytest.approx(1.0201, rel=1e-6)
    assert loss_at(np.array([0.1, 0.1])) < loss_at(ORIGIN) < loss_at(np.array([0.1, -0.1]))


def test_taylor_error_numbers() -> None:
    """At θ′ = (0.5, 0.3) the quadratic model errs by 2.34e-4, 2.78e-5, 3.39e-6 (3 digits)."""
    errors = cp.taylor_errors(cp.TAYLOR_POINT, cp.TAYLOR_DIRECTION, [0.1, 0.05, 0.025])[:, 1]
    for got, brief in zip(errors, (2.34e-4, 2.78e-5, 3.39e-6), strict=True):
        assert got == pytest.approx(brief, abs=0.005 * brief)


def test_taylor_error_scales_as_r_cubed() -> None:
    """Halving r divides the quadratic model's error by about 2³ = 8."""
    radii = 0.1 * 0.5 ** np.arange(8)
    errors = cp.taylor_errors(cp.TAYLOR_POINT, cp.TAYLOR_DIRECTION, radii)[:, 1]
    ratios = errors[:-1] / errors[1:]
    assert np.all((ratios > 7.5) & (ratios < 8.5))
    assert ratios[-1] == pytest.approx(8.0, rel=0.01)


def test_linear_model_error_scales_as_r_squared() -> None:
    """Without the Hessian the error only falls as r²: ratios tend to 4."""
    radii = 0.1 * 0.5 ** np.arange(8)
    errors = cp.taylor_errors(cp.TAYLOR_POINT, cp.TAYLOR_DIRECTION, radii)[:, 0]
    assert (errors[-2] / errors[-1]) == pytest.approx(4.0, rel=0.01)


def test_gd_started_at_saddle_never_moves() -> None:
    """GD started exactly at (0, 0) stays there: the gradient is exactly zero."""
    path = cp.gd_path(ORIGIN, lr=0.1, steps=200)
    assert np.all(path == 0.0)


def test_escape_reaches_half_loss_at_step_38() -> None:
    """From 10⁻³·u with lr 0.1, L first drops below 0.5 at step 38."""
    _, u = cp.escape_direction(cp.loss_hessian(ORIGIN))
    path = cp.gd_path(1e-3 * u, lr=0.1, steps=100)
    assert cp.first_step_below(path, 0.5) == 38


def test_escape_reaches_tiny_loss_at_step_54() -> None:
    """From 10⁻³·u with lr 0.1, L first drops below 1e-6 at step 54."""
    _, u = cp.escape_direction(cp.loss_hessian(ORIGIN))
    path = cp.gd_path(1e-3 * u, lr=0.1, steps=100)
    assert cp.first_step_below(path, 1e-6) == 54


def test_escape_ends_at_one_one() -> None:
    """The escape path ends at the valley point (1, 1)."""
    assert cp.saddle_paths()["escape"][-1] == pytest.approx([1.0, 1.0], rel=1e-6)


def test_gd_along_positive_curvature_falls_into_saddle() -> None:
    """From (1.5, −1.5), on the line of v, GD converges to the saddle and stalls there."""
    end = cp.saddle_paths()["stable"][-1]
    assert np.linalg.norm(end) < 1e-8
    assert np.linalg.norm(cp.loss_grad(end)) < 1e-8
    assert loss_at(end) == pytest.approx(1.0, rel=1e-6)


def test_valley_hessian_is_only_semidefinite() -> None:
    """H(1, 1) has eigenvalues {0, 4}, so the second-order test is inconclusive."""
    hessian = cp.loss_hessian(np.array([1.0, 1.0]))
    assert np.linalg.eigvalsh(hessian) == pytest.approx([0.0, 4.0], abs=1e-12)
    assert cp.classify_critical_point(hessian) == "inconclusive"


def test_valley_points_are_global_minima() -> None:
    """Points with w₁w₂ = 1 reach L = 0, the lowest value L can take."""
    assert loss_at(np.array([2.0, 0.5])) == 0.0
    grid = np.linspace(-3, 3, 61)
    assert cp.loss(*np.meshgrid(grid, grid)).min() >= 0.0


def test_definite_hessians_classify_as_extrema() -> None:
    """All-positive eigenvalues give a minimum, all-negative a maximum."""
    assert cp.classify_critical_point([[2.0, 0.5], [0.5, 1.0]]) == "minimum"
    assert cp.classify_critical_point([[-2.0, 0.5], [0.5, -1.0]]) == "maximum"


def test_zero_second_derivative_cannot_decide() -> None:
    """x³ and x⁴ both have f″(0) = 0; only x⁴ has a minimum there (note 001 correction)."""
    for power in (3, 4):
        f = lambda x, p=power: float(x[0] ** p)  # noqa: E731
        second = cp.finite_difference_hessian(f, [0.0], step=1e-3)
        assert cp.classify_critical_point(second, tol=1e-5) == "inconclusive"


def test_loss_gradient_hessian_by_hand() -> None:
    """At (2, 3): L = (1 − 6)² = 25, ∇L = (−2·3·(−5), −2·2·(−5)) = (30, 20),
    H = [[2·9, 4·6 − 2], [22, 2·4]] = [[18, 22], [22, 8]]."""
    w = np.array([2.0, 3.0])
    assert cp.loss(w[0], w[1]) == 25.0
    assert cp.loss_grad(w).tolist() == [30.0, 20.0]
    assert cp.loss_hessian(w).tolist() == [[18.0, 22.0], [22.0, 8.0]]


def test_finite_difference_hessian_away_from_zero() -> None:
    """For x⁴ + 3 at 1 the central difference with step h is 12 + 8h²: 12 for h = 1e-4,
    and exactly 12.5 for h = 0.25."""
    def f(x: np.ndarray) -> float:
        return float(x[0] ** 4 + 3.0)
    assert cp.finite_difference_hessian(f, [1.0])[0, 0] == pytest.approx(12.0, rel=1e-6)
    assert cp.finite_difference_hessian(f, [1.0], step=0.25)[0, 0] == pytest.approx(12.5, rel=1e-12)


def test_finite_difference_hessian_mixed_term() -> None:
    """f = x·y² + x² at (1, 2): H = [[2, 2y], [2y, 2x]] = [[2, 4], [4, 2]]."""
    def f(p: np.ndarray) -> float:
        return float(p[0] * p[1] ** 2 + p[0] ** 2)
    np.testing.assert_allclose(cp.finite_difference_hessian(f, [1.0, 2.0]), [[2, 4], [4, 2]],
                               atol=1e-6)


def test_taylor_models_by_hand() -> None:
    """At (2, 3) with δ = (0.1, 0): 25 + 0.1·30 = 28, plus ½·0.01·18 = 28.09 = L(2.1, 3) exactly."""
    first, second = cp.taylor_models([2.0, 3.0], [0.1, 0.0])
    assert (first, second) == (pytest.approx(28.0, rel=1e-15), pytest.approx(28.09, rel=1e-14))
    errors = cp.taylor_errors([2.0, 3.0], [1.0, 0.0], [0.1])
    assert errors[0].tolist() == pytest.approx([0.09, 0.0], abs=1e-12)


@pytest.mark.parametrize(("eigenvalues", "verdict"), [
    ((1e-9, 1.0), "inconclusive"),    # |λ| = tol counts as zero
    ((-1e-9, 1.0), "inconclusive"),   # −tol is not negative enough for a saddle
    ((-1.0, 1e-9), "inconclusive"),   # nor +tol positive enough
    ((-1.0, 2e-9), "saddle"),
    ((1e-10, 1.0), "inconclusive"),   # default tol 1e-9
    ((1e-8, 1.0), "minimum"),
    ((-1e-8, -1.0), "maximum"),
])
def test_classify_at_the_tolerance(eigenvalues: tuple[float, float], verdict: str) -> None:
    """Eigenvalues within tol = 1e-9 of zero, boundary included, are treated as zero."""
    assert cp.classify_critical_point(np.diag(eigenvalues)) == verdict


def test_classify_a_scalar() -> None:
    """A 1×1 Hessian given as a number: 2 is a minimum, −2 a maximum."""
    assert (cp.classify_critical_point(2.0), cp.classify_critical_point(-2)) == (
        "minimum", "maximum")


def test_escape_direction_sign_and_axis() -> None:
    """diag(3, −1): λ = −1 along (0, ±1), reported with its first nonzero component positive."""
    eigenvalue, u = cp.escape_direction(np.diag([3.0, -1.0]))
    assert (eigenvalue, u.tolist()) == (-1.0, [0.0, 1.0])
    eigenvalue, u = cp.escape_direction([[-2.0, 0.0], [0.0, 5.0]])
    assert (eigenvalue, u.tolist()) == (-2.0, [1.0, 0.0])


def test_first_step_below_is_strict() -> None:
    """Losses 1, 0.25, 0: below 0.25 first at 2, below 0.5 at 1, below 0 never (−1)."""
    path = np.array([[0.0, 0.0], [1.0, 0.5], [1.0, 1.0]])
    assert [cp.first_step_below(path, t) for t in (0.25, 0.5, 0.0)] == [2, 1, -1]


def test_saddle_paths_settings() -> None:
    """η = 0.1, 100 steps; from (1.5, −1.5) the gradient is (9.75, −9.75), so x¹ = (0.525, −0.525);
    the escape run starts at 10⁻³·(1, 1)/√2."""
    paths = cp.saddle_paths()
    assert {name: path.shape for name, path in paths.items()} == {
        "at_saddle": (101, 2), "escape": (101, 2), "stable": (101, 2)}
    assert paths["stable"][1].tolist() == pytest.approx([0.525, -0.525], rel=1e-12)
    assert paths["escape"][0].tolist() == pytest.approx([1e-3 / np.sqrt(2)] * 2, rel=1e-12)
    assert paths["at_saddle"].tolist() == [[0.0, 0.0]] * 101


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_saddle_figure_smoke(lang: str) -> None:
    """The saddle figure has two axes: 5 lines on the contour plot, 4 on the slices."""
    fig = cp.saddle_figure(lang)
    assert isinstance(fig, Figure)
    ax, ax_slice = fig.axes
    assert len(ax.lines) == 5
    assert len(ax.collections) > 0
    assert len(ax_slice.lines) == 4


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_taylor_error_figure_smoke(lang: str) -> None:
    """The Taylor figure has one axis with two error curves and two reference slopes."""
    fig = cp.taylor_error_figure(lang)
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    assert len(ax.lines) == 4

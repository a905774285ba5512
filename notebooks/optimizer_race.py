# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Optimizer race
#
# Five optimizers from this site, run from the same start on two surfaces:
#
# * the **elongated bowl** f(x, y) = ½(x² + 50y²), 50 times steeper along y than along x;
# * the **chasm** f(x) = cos(πx/6) − 3·exp(−x²/(2·0.15²)), two wide shallow valleys
#   around a narrow deep well at 0.
#
# Every update rule comes from the `snippets` package, the same tested code the
# pages show. Change a learning rate below and run the notebook again.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["svg"]
from functools import partial

import numpy as np

from snippets import adagrad, adam, gradient_descent, local_minima, momentum, rmsprop
from snippets.core import distances, trajectory
from snippets.plotting import COLORS, new_figure, path_line
from snippets.surfaces import RAVINE_START, ravine_contour, ravine_grad

# %% [markdown]
# ## The contestants
#
# Each entry is an optimizer's `init / update / params` triple with its
# hyperparameters bound. Plain GD and momentum need a step fitted to the
# surface; the adaptive methods keep theirs. On the bowl the rates are roughly
# the best each method can take without diverging.

# %%
def contestants(*, gd_lr, momentum_lr, momentum_coefficient):
    """The five optimizers, with the surface-dependent rates given."""
    return {
        "gd": (gradient_descent.init, partial(gradient_descent.update, lr=gd_lr),
               gradient_descent.params),
        "momentum": (momentum.init, partial(momentum.update, lr=momentum_lr,
                                            momentum=momentum_coefficient), momentum.params),
        "adagrad": (adagrad.init, partial(adagrad.update_note, lr=0.5), adagrad.params),
        "rmsprop": (rmsprop.init, partial(rmsprop.update, lr=0.05, alpha=0.9), rmsprop.params),
        "adam": (adam.init, partial(adam.update, lr=0.1), adam.params),
    }


OPTIMIZERS = contestants(gd_lr=0.035, momentum_lr=0.01, momentum_coefficient=0.8)
STEPS = 150

paths = {name: trajectory(*triple, ravine_grad, RAVINE_START, steps=STEPS)
         for name, triple in OPTIMIZERS.items()}
for name, path in paths.items():
    print(f"{name:9s} distance to the minimum after {STEPS} steps: "
          f"{distances(path, [0, 0])[-1]:.2e}")

# %% [markdown]
# ## Paths on the elongated bowl
#
# Plain gradient descent falls down the steep axis first and then crawls;
# momentum overshoots and swings; AdaGrad heads straight in but slows down;
# RMSprop and Adam keep a steady pace until they circle the minimum.

# %%
fig, (ax_paths, ax_distance) = new_figure(2, width=11, height=4)
ravine_contour(ax_paths)
for name, path in paths.items():
    path_line(ax_paths, path[:60], method=name, label=name)
    ax_distance.semilogy(distances(path, [0, 0]) + 1e-16, color=COLORS[name], label=name)
ax_paths.set_title("first 60 steps from (−4, 1)")
ax_distance.set_title("distance to the minimum")
ax_distance.set_xlabel("step")
ax_distance.legend()
fig

# %% [markdown]
# ## The chasm: who finds the narrow well?
#
# The update rules work element-wise, so one run handles 400 evenly spaced
# starts on [−10, 10] at once (none exactly on a critical point, where AdaGrad's
# and RMSprop's 0/0 would be undefined). A start "finds the chasm" when it ends
# within 0.5 of 0.
#
# The result is the lesson of the chasm: every method finds it from about 5 % of
# the starts, the ones already above the well. Momentum and adaptive steps fix
# *how* a method descends, not *where*: none of them searches the whole line.

# %%
starts = np.linspace(-10.0, 10.0, 400)
CHASM_OPTIMIZERS = contestants(gd_lr=0.005, momentum_lr=0.005, momentum_coefficient=0.9)
ends = {name: trajectory(*triple, local_minima.chasm_grad, starts, steps=3000)[-1]
        for name, triple in CHASM_OPTIMIZERS.items()}
for name, end in ends.items():
    share = np.mean(local_minima.in_chasm(end))
    print(f"{name:9s} ends in the chasm from {share:6.1%} of the starts")

# %%
fig, (ax,) = new_figure(width=9, height=3.6)
grid = np.linspace(-10, 10, 2001)
ax.plot(grid, local_minima.chasm(grid), color=COLORS["neutral"], linewidth=1)
for offset, (name, end) in enumerate(ends.items()):
    found = local_minima.in_chasm(end)
    ax.scatter(starts[found], np.full(found.sum(), 1.3 + 0.25 * offset), s=6,
               color=COLORS[name], label=f"{name}: {found.mean():.0%}")
ax.set_xlabel("start x₀")
ax.set_title("starts from which each optimizer ends in the chasm (dots), and f")
ax.legend(loc="lower right", fontsize=8)
fig

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
# # Gradient descent: the figures
#
# Every figure of the page, drawn by `snippets/gradient_descent.py`, the module the
# tests check. Each figure function takes a language code: try `"ru"` or `"zh"`.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["svg"]
from snippets import gradient_descent

# %% [markdown]
# ## `step_sizes_figure`
#
# Six steps on ``x²`` from x = 2 for four step sizes, one panel each.

# %%
gradient_descent.step_sizes_figure("en")

# %% [markdown]
# ## `loss_curves_figure`
#
# ``f(x_t)`` on a log scale: three step sizes converge, the largest blows up.

# %%
gradient_descent.loss_curves_figure("en")

# %% [markdown]
# ## `descent_condition_figure`
#
# ``f(1 − 2α)`` against α for ``f = x²``: every α in (0, 1) lowers the loss.

# %%
gradient_descent.descent_condition_figure("en")

# %% [markdown]
# ## `second_order_figure`
#
# ``x²``, ``x³`` and ``x⁴`` near 0: the last two share ``f''(0) = 0`` but differ.

# %%
gradient_descent.second_order_figure("en")

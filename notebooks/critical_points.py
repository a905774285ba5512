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
# # Critical points: local minimum or saddle point: the figures
#
# Every figure of the page, drawn by `snippets/critical_points.py`, the module the
# tests check. Each figure function takes a language code: try `"ru"` or `"zh"`.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["svg"]
from snippets import critical_points

# %% [markdown]
# ## `saddle_figure`
#
# Contours of L with the saddle, the valley w₁w₂ = 1 and GD paths; slices along u and v.

# %%
critical_points.saddle_figure("en")

# %% [markdown]
# ## `taylor_error_figure`
#
# Error of the linear and quadratic Taylor models at (0.5, 0.3) against r, log-log.

# %%
critical_points.taylor_error_figure("en")

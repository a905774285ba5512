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
# # Local minima and the chasm: the figures
#
# Every figure of the page, drawn by `snippets/local_minima.py`, the module the
# tests check. Each figure function takes a language code: try `"ru"` or `"zh"`.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["svg"]
from snippets import local_minima

# %% [markdown]
# ## `two_minima_figure`
#
# A small step stops in the near minimum; one large first step jumps the hump.

# %%
local_minima.two_minima_figure("en")

# %% [markdown]
# ## `chasm_figure`
#
# The chasm function with the basin of the well, and a histogram of end points.

# %%
local_minima.chasm_figure("en")

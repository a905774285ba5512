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
# # Batch size: the figures
#
# Every figure of the page, drawn by `snippets/batch_size.py`, the module the
# tests check. Each figure function takes a language code: try `"ru"` or `"zh"`.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["svg"]
from snippets import batch_size

# %% [markdown]
# ## `paths_figure`
#
# Paths over (w, b) for equal epochs; the excess loss for equal numbers of updates.

# %%
batch_size.paths_figure("en")

# %% [markdown]
# ## `variance_figure`
#
# Variance of the minibatch gradient against B: enumeration, formula, and σ²/B.

# %%
batch_size.variance_figure("en")

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
# # Momentum: the figures
#
# Every figure of the page, drawn by `snippets/momentum.py`, the module the
# tests check. Each figure function takes a language code: try `"ru"` or `"zh"`.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["svg"]
from snippets import momentum

# %% [markdown]
# ## `escape_figure`
#
# The iterates on the loss curve, and x against the iteration.

# %%
momentum.escape_figure("en")

# %% [markdown]
# ## `lr_drop_figure`
#
# Step length per iteration: torch's form takes the new η at once, Hung-yi's drifts to it.

# %%
momentum.lr_drop_figure("en")

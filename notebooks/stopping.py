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
# # Stopping conditions: the figures
#
# Every figure of the page, drawn by `snippets/stopping.py`, the module the
# tests check. Each figure function takes a language code: try `"ru"` or `"zh"`.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["svg"]
from snippets import stopping

# %% [markdown]
# ## `six_conditions_figure`
#
# The demo's loss on log axes with the iteration at which each condition fires.

# %%
stopping.six_conditions_figure("en")

# %% [markdown]
# ## `early_stop_figure`
#
# Condition 5 (ε = 1e-4 and 1e-3) stops long before the loss is small.

# %%
stopping.early_stop_figure("en")

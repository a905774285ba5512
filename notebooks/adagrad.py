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
# # AdaGrad: the figures
#
# Every figure of the page, drawn by `snippets/adagrad.py` and
# `snippets/adagrad_vs_rmsprop.py`, the modules the tests check. Each figure function takes a
# language code: try `"ru"` or `"zh"`.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["svg"]
from snippets import adagrad, adagrad_vs_rmsprop

# %% [markdown]
# ## `units_figure`
#
# GD and momentum follow the steep axis first; AdaGrad heads off at 45°.

# %%
adagrad.units_figure("en")

# %% [markdown]
# ## `vanishing_step_figure`
#
# Distance and step length on a log scale: AdaGrad stalls, RMSprop keeps moving.

# %%
adagrad_vs_rmsprop.vanishing_step_figure("en")

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
# # Learning-rate decay and warmup: the figures
#
# Every figure of the page, drawn by `snippets/schedules.py`, the module the
# tests check. Each figure function takes a language code: try `"ru"` or `"zh"`.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["svg"]
from snippets import schedules

# %% [markdown]
# ## `schedules_figure`
#
# The Transformer, ResNet-110 and warmup-plus-cosine schedules side by side.

# %%
schedules.schedules_figure("en")

# %% [markdown]
# ## `adagrad_decay_figure`
#
# AdaGrad on the canyon with η = 0.1 constant vs decayed linearly to 0: η and the loss.

# %%
schedules.adagrad_decay_figure("en")

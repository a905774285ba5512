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
# # Adam: the figures
#
# Every figure of the page, drawn by `snippets/adam.py`, the module the
# tests check. Each figure function takes a language code: try `"ru"` or `"zh"`.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["svg"]
from snippets import adam

# %% [markdown]
# ## `bias_correction_figure`
#
# Step length under a constant gradient, with and without bias correction.

# %%
adam.bias_correction_figure("en")

# %% [markdown]
# ## `ravine_figure`
#
# Momentum swings along the steep axis; RMSprop and Adam head off at 45°.

# %%
adam.ravine_figure("en")

# %% [markdown]
# ## `spray_figure`
#
# Step length against t: after 9 900 silent steps HY's AdaGrad jumps ten times η.

# %%
adam.spray_figure("en")

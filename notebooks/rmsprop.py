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
# # RMSprop: the figures
#
# Every figure of the page, drawn by `snippets/adagrad_vs_rmsprop.py`, the module
# the tests check. Each figure function takes a language code: try `"ru"` or `"zh"`.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["svg"]
from snippets import adagrad_vs_rmsprop

# %% [markdown]
# ## `memory_figure`
#
# How much each past squared gradient counts after 40 steps: AdaGrad vs RMSprop.

# %%
adagrad_vs_rmsprop.memory_figure("en")

# %% [markdown]
# ## `brake_figure`
#
# Step length when the gradient jumps from 0.1 to 10 at step 101.

# %%
adagrad_vs_rmsprop.brake_figure("en")

# %% [markdown]
# ## `forgetting_figure`
#
# Paths on the elongated bowl and distance to the minimum: AdaGrad stalls, RMSprop arrives.

# %%
adagrad_vs_rmsprop.forgetting_figure("en")

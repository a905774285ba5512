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
# Every figure of the page, drawn by `snippets/rmsprop.py`, the module the
# tests check. Each figure function takes a language code: try `"ru"` or `"zh"`.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["svg"]
from snippets import rmsprop

# %% [markdown]
# ## `memory_figure`
#
# How much each past squared gradient counts after 40 steps: AdaGrad vs RMSprop.

# %%
rmsprop.memory_figure("en")

# %% [markdown]
# ## `brake_figure`
#
# Step length when the gradient jumps from 0.1 to 10 at step 101.

# %%
rmsprop.brake_figure("en")

# %% [markdown]
# ## `forgetting_figure`
#
# Paths on the elongated bowl and distance to the minimum: AdaGrad stalls, RMSprop arrives.

# %%
rmsprop.forgetting_figure("en")

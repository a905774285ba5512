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
# # Choosing the step size: the figures
#
# Every figure of the page, drawn by `snippets/step_size.py`, the module the
# tests check. Each figure function takes a language code: try `"ru"` or `"zh"`.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["svg"]
from snippets import step_size

# %% [markdown]
# ## `too_large_figure`
#
# On f = x², h = 0.9 overshoots, h = 1 oscillates, h = 1.1 diverges.

# %%
step_size.too_large_figure("en")

# %% [markdown]
# ## `too_small_figure`
#
# A small step crawls on a plateau and stays in the near one of two minima.

# %%
step_size.too_small_figure("en")

# %% [markdown]
# ## `lr_search_figure`
#
# The 0.1 → 0.01 → 0.001 search on f = 12.5x²: diverges, converges, crawls.

# %%
step_size.lr_search_figure("en")

# %% [markdown]
# ## `sign_descent_figure`
#
# Sign descent on sin x + 0.5x from 0 and 2.5, and how the step bounds the error.

# %%
step_size.sign_descent_figure("en")

# %% [markdown]
# ## `running_loss_figure`
#
# Noisy per-sample SGD losses and their running averages for N = 19 and N = 199.

# %%
step_size.running_loss_figure("en")

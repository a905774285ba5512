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
# # Adaptive methods side by side: the figures
#
# Every figure of the page, drawn by `snippets/formulations.py`, the module the
# tests check. Each figure function takes a language code: try `"ru"` or `"zh"`.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["svg"]
from snippets import formulations

# %% [markdown]
# ## `first_step_figure`
#
# First-step length against gradient scale: GD is proportional, the adaptive forms flat.

# %%
formulations.first_step_figure("en")

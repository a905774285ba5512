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
# # Stuck training is not a small gradient: the figures
#
# Every figure of the page, drawn by `snippets/stuck_training.py`, the module the
# tests check. Each figure function takes a language code: try `"ru"` or `"zh"`.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["svg"]
from snippets import stuck_training

# %% [markdown]
# ## `stuck_curves_figure`
#
# Loss and ‖∇f‖ against the step: η = 10⁻² stalls with ‖∇f‖ ≈ 100, η = 10⁻³ with ≈ 0.08.

# %%
stuck_training.stuck_curves_figure("en")

# %% [markdown]
# ## `canyon_paths_figure`
#
# Contours of the canyon with GD paths: none gets near the minimum in 100 000 steps.

# %%
stuck_training.canyon_paths_figure("en")

# %% [markdown]
# ## `adaptive_figure`
#
# Distance to the minimum: best GD, AdaGrad with constant and decayed η, Adam.

# %%
stuck_training.adaptive_figure("en")

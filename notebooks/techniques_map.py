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
# # The map of techniques: the figures
#
# Every figure of the page, drawn by `snippets/techniques_map.py`, the module the
# tests check. Each figure function takes a language code: try `"ru"` or `"zh"`.

# %%
# %matplotlib inline
# %config InlineBackend.figure_formats = ["svg"]
from snippets import techniques_map

# %% [markdown]
# ## `map_figure`
#
# Boxes for the methods and scheduling, arrows for what each one adds.

# %%
techniques_map.map_figure("en")

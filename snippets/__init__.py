"""Tested numpy code behind every formula of the site, one concept per module.

Compute functions are pure: arrays in, arrays out, hyperparameters keyword-only.
Figure functions take the page language and only draw what compute functions
return. Nothing here imports MkDocs.
"""

"""Renderings of the sample decrees.

The layout family (`python -m samples.render`) draws every variant from the gold records
alone, so extraction is scored on layouts that do not share our readers' assumptions.
"""

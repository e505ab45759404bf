"""Renderings of the sample decrees.

The layout family (`python -m samples.render`) draws every variant from the gold records
alone, so extraction is scored on layouts that do not share our readers' assumptions. The
older seed-text renderings (`seed_renderings`, with `content`, `pdf_doc` and `scan`) go
through `extract.text_reader`; tests/pdf still reads them.
"""

"""Renders seed decrees into PDFs, scans and page images that look like the real documents.

The seed texts come from converted PDFs; rendering them back gives readers inputs
whose expected content is known (the seed's own Line and Table blocks).
"""

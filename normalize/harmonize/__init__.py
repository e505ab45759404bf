"""Harmonisation across kecamatan: canonical jabatan and indicator concepts.

Each decree names positions and words indicators its own way; this package maps
titles onto one taxonomy of kecamatan positions and groups indicators into
concepts, so that the same measure can be compared between kecamatan.
"""

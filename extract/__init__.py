"""Readers that turn a decree file into a `Layout` of lines and tables."""

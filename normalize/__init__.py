"""Turns a `Layout` into canonical decree records."""

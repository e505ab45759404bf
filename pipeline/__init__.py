"""Orchestration of extract -> normalize -> store, and the `iki` command."""

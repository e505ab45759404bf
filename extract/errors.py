"""Errors every stage may raise; each names the file and the problem."""
from __future__ import annotations


class IkiError(Exception):
    """Base of the project's errors: a message a data officer can act on."""

    def __init__(self, source: str, problem: str):
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class ExtractError(IkiError):
    """The file could not be read as a decree (corrupt, encrypted, unsupported...)."""


class InputRefused(ExtractError):
    """The file exceeds a configured limit (pages, pixels, bytes)."""

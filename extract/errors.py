"""Errors every stage may raise; each names the file and the problem."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Message:
    """A problem as a text with %(name)s placeholders and their values.

    Said in English as it is (`str`); the screens say the same text in their
    language from its translation, the values (names, numbers, a Message
    within) filled in the same way.
    """

    template: str
    values: dict[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.template % {name: str(value) if isinstance(value, Message) else value
                                for name, value in self.values.items()} if self.values else self.template


class IkiError(Exception):
    """Base of the project's errors: a message a data officer can act on.

    `problem` may hold %(name)s placeholders filled from `values`, so that
    the screens can say it in their own language (`message`).
    """

    def __init__(self, source: str, problem: str, **values: object):
        self.message = Message(problem, values)
        self.source = source
        self.problem = str(self.message)
        super().__init__(f"{source}: {self.problem}")


class BadValue(ValueError):
    """A typed value a field's parser refuses, and why, as a Message."""

    def __init__(self, template: str, **values: object):
        self.message = Message(template, values)
        super().__init__(str(self.message))


class ExtractError(IkiError):
    """The file could not be read as a decree (corrupt, encrypted, unsupported...)."""


class InputRefused(ExtractError):
    """The file exceeds a configured limit (pages, pixels, bytes)."""

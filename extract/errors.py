"""Errors every stage may raise; each names the file and the problem."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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

    def as_data(self) -> dict[str, Any]:
        """The message as JSON holds it (a Message within as its own data, any other value not a number as text),
        so that a problem stored once is said later in the language of whoever reads it."""
        return {"template": self.template,
                "values": {name: value.as_data() if isinstance(value, Message)
                           else value if isinstance(value, int | float) else str(value)
                           for name, value in self.values.items()}}

    @staticmethod
    def from_data(data: dict[str, Any]) -> Message:
        return Message(data["template"], {name: Message.from_data(value) if isinstance(value, dict) else value
                                          for name, value in data["values"].items()})


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

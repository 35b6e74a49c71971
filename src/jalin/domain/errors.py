"""Errors the domain raises for bad input: each says what was wrong and why."""

from __future__ import annotations


class InvalidInput(ValueError):
    """A value a person typed or a file held cannot be used; the message says why."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field

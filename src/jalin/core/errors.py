"""Errors the services and selectors raise; every interface turns them into a clear message."""

from __future__ import annotations

from collections.abc import Sequence

from jalin.domain.errors import InvalidInput
from jalin.domain.matching import Candidate

__all__ = ["Conflict", "InvalidInput", "NotFound", "PersonNotFound"]


class NotFound(LookupError):
    """Nothing of the owner's answers to what was asked for."""


class PersonNotFound(NotFound):
    """A typed name named nobody, or several people; ``candidates`` are the closest ones."""

    def __init__(self, query: str, candidates: Sequence[Candidate]) -> None:
        self.query = query
        self.candidates = list(candidates)
        if not candidates:
            message = f"no person matches {query!r}"
        elif candidates[0].score >= 100 or len(candidates) > 1:
            message = f"{query!r} could mean several people"
        else:
            message = f"no person clearly matches {query!r}"
        super().__init__(message)


class Conflict(InvalidInput):
    """The change would contradict data already kept (an email that is someone else's …)."""

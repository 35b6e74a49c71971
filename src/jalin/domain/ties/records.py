"""What the model reads about one tie: the person's settings, their contacts and favours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple


class TieEvent(NamedTuple):
    """One contact with the person: when, how, who started it, what it was for.

    ``initiator`` is ``me``, ``them`` or ``mutual``; ``people`` counts everyone present
    besides the owner (1 for a one-to-one contact). ``answered`` is false for the owner's
    messages or emails that got no reply: they count as contact only from the owner's side.
    ``messages`` counts a chat conversation's messages, when the source counts them.
    """

    at: datetime
    channel: str = "message"
    initiator: str = "me"
    kind: str = "touch"
    minutes: int | None = None
    people: int = 1
    answered: bool = True
    messages: int = 0  # messages in a written exchange (both sides), when counted


@dataclass(frozen=True)
class TieFavour:
    """A favour between the owner and the person: ``given`` by the owner or ``received``."""

    on: date
    direction: str
    status: str = "done"


@dataclass(frozen=True)
class Tie:
    """Everything the model knows of one person, events sorted oldest first."""

    id: int
    name: str
    circles: frozenset[str] = frozenset()
    kin: bool = False
    layer: int | None = None  # assigned by the owner
    closeness: int | None = None  # the owner's rating, 1–10
    closeness_on: date | None = None
    cadence_days: int | None = None  # the owner's own cadence for this person
    known_since: date | None = None
    added_on: date | None = None
    events: tuple[TieEvent, ...] = ()
    favours: tuple[TieFavour, ...] = ()
    overlap: float | None = None  # share of the owner's other contacts this person knows

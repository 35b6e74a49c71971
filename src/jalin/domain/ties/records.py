"""What the model reads: one tie's settings, contacts and favours, or many ties' as columns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import NamedTuple

import numpy as np


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


EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def day_number(day: date | None) -> float:
    """Return ``day`` as days since 1970-01-01 (``nan`` for none): how dates become columns."""
    return float("nan") if day is None else float(day.toordinal() - EPOCH_ORDINAL)


@dataclass(frozen=True)
class Network:
    """Many ties' settings and favours as columns, in the order of their :class:`History`.

    Dates are day numbers (:func:`day_number`); absent values are ``nan`` (``-1`` for the
    layer). ``favour_tie`` gives the tie of each favour.
    """

    ids: np.ndarray
    names: tuple[str, ...]
    circles: tuple[frozenset[str], ...]
    kin: np.ndarray
    layer: np.ndarray
    closeness: np.ndarray
    closeness_day: np.ndarray
    cadence_days: np.ndarray
    known_since_day: np.ndarray
    added_on_day: np.ndarray
    overlap: np.ndarray
    favour_tie: np.ndarray
    favour_day: np.ndarray
    favour_given: np.ndarray
    favour_done: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)

    def slice(self, start: int, end: int) -> Network:
        """Return ties ``start`` to ``end`` (exclusive), their favours renumbered with them."""
        keep = (self.favour_tie >= start) & (self.favour_tie < end)
        return Network(
            ids=self.ids[start:end],
            names=self.names[start:end],
            circles=self.circles[start:end],
            kin=self.kin[start:end],
            layer=self.layer[start:end],
            closeness=self.closeness[start:end],
            closeness_day=self.closeness_day[start:end],
            cadence_days=self.cadence_days[start:end],
            known_since_day=self.known_since_day[start:end],
            added_on_day=self.added_on_day[start:end],
            overlap=self.overlap[start:end],
            favour_tie=self.favour_tie[keep] - start,
            favour_day=self.favour_day[keep],
            favour_given=self.favour_given[keep],
            favour_done=self.favour_done[keep],
        )

    @classmethod
    def from_ties(cls, ties: Sequence[Tie]) -> Network:
        """Return the columns of ``ties`` (their events go to :class:`History` instead)."""
        favours = [(i, f) for i, tie in enumerate(ties) for f in tie.favours]

        def column(values, dtype=np.float64) -> np.ndarray:
            return np.array(list(values), dtype=dtype)

        def maybe(value) -> float:
            return float("nan") if value is None else float(value)

        return cls(
            ids=column((t.id for t in ties), np.int64),
            names=tuple(t.name for t in ties),
            circles=tuple(frozenset(t.circles) for t in ties),
            kin=column((t.kin for t in ties), bool),
            layer=column((-1 if t.layer is None else t.layer for t in ties), np.int64),
            closeness=column(maybe(t.closeness) for t in ties),
            closeness_day=column(day_number(t.closeness_on) for t in ties),
            cadence_days=column(maybe(t.cadence_days or None) for t in ties),
            known_since_day=column(day_number(t.known_since) for t in ties),
            added_on_day=column(day_number(t.added_on) for t in ties),
            overlap=column(maybe(t.overlap) for t in ties),
            favour_tie=column((i for i, _ in favours), np.int64),
            favour_day=column(day_number(f.on) for _, f in favours),
            favour_given=column((f.direction == "given" for _, f in favours), bool),
            favour_done=column((f.status == "done" for _, f in favours), bool),
        )


@dataclass(frozen=True)
class Clock:
    """The moment of scoring as the model reads it: the epoch second, today's day number in
    the owner's zone, and that zone's offset from UTC in seconds."""

    at: float
    today: float
    offset: float

    @classmethod
    def of(cls, now: datetime) -> Clock:
        """Return the clock of the aware datetime ``now``."""
        offset = now.utcoffset()
        return cls(
            at=now.timestamp(),
            today=day_number(now.date()),
            offset=offset.total_seconds() if offset is not None else 0.0,
        )

    def days(self, stamps: np.ndarray) -> np.ndarray:
        """Return the day numbers, in the owner's zone, of epoch seconds ``stamps``."""
        return np.floor((stamps + self.offset) / 86400.0)

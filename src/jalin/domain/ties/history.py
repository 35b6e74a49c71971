"""The contacts of many ties as columns: what the model computes over, many ties at once.

A busy network holds millions of contacts; scoring them one Python object at a time costs
about ten microseconds each. :class:`History` holds them as numpy columns instead, the ties
one after another (tie ``i`` owns rows ``bounds[i]:bounds[i + 1]``, oldest first), so every
figure is a handful of array operations over the whole network.

A contact's *shape* (channel, who started it, its kind, whether it was answered, its length
and who was present) packs into one integer, which is how the database keeps it beside the
time (:func:`pack_shape`): reading a network's contacts is then reading two integer columns.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import numpy as np

from jalin.domain.ties.records import TieEvent
from jalin.domain.vocabulary import CHANNELS, INITIATORS, INTERACTION_KINDS

DAY = 86400.0

CHANNEL_CODES = {name: code for code, name in enumerate(CHANNELS)}
INITIATOR_CODES = {name: code for code, name in enumerate(INITIATORS)}
KIND_CODES = {name: code for code, name in enumerate(INTERACTION_KINDS)}

# Bit layout of a shape, lowest first: answered 1 bit, initiator 2, channel 4, kind 3, then
# messages, minutes and the people present beyond one, each capped so the whole fits in 47
# bits (a JSON-safe integer). The common one-to-one chat is a four-digit number, which keeps
# the text the database hands over short.
_FIELDS = (("answered", 1), ("initiator", 2), ("channel", 4), ("kind", 3),
           ("messages", 14), ("minutes", 14), ("others", 9))  # fmt: skip
_OFFSETS: dict[str, tuple[int, int]] = {}
_shift = 0
for _name, _bits in _FIELDS:
    _OFFSETS[_name] = (_shift, (1 << _bits) - 1)
    _shift += _bits


def pack_shape(
    *,
    channel: str,
    initiator: str,
    kind: str,
    answered: bool,
    messages: int = 0,
    minutes: int | None = None,
    people: int = 1,
) -> int:
    """Return one contact's shape as an integer (lengths capped at what the bits hold).

    Unknown codes raise ``KeyError``: they would otherwise be scored as another channel.
    """
    values = {
        "channel": CHANNEL_CODES[channel],
        "initiator": INITIATOR_CODES[initiator],
        "kind": KIND_CODES[kind],
        "answered": int(bool(answered)),
        "messages": messages or 0,
        "minutes": minutes or 0,
        "others": max(people or 1, 1) - 1,
    }
    shape = 0
    for name, (shift, mask) in _OFFSETS.items():
        shape |= min(int(values[name]), mask) << shift
    return shape


def event_shape(event: TieEvent) -> int:
    """Return the packed shape of a :class:`TieEvent`."""
    return pack_shape(
        channel=event.channel,
        initiator=event.initiator,
        kind=event.kind,
        answered=event.answered,
        messages=event.messages,
        minutes=event.minutes,
        people=event.people,
    )


def day_start(day: date) -> float:
    """Return the epoch second at which ``day`` begins (UTC): how dates meet contact times."""
    return datetime.combine(day, time(), UTC).timestamp()


@dataclass(frozen=True)
class History:
    """Contacts of many ties, oldest first within each tie, as numpy columns.

    ``at`` is the whole epoch second of each contact (as the database keeps it); ``bounds``
    has one more entry than there are ties. The other columns are decoded from the packed
    shapes.
    """

    bounds: np.ndarray
    at: np.ndarray
    channel: np.ndarray
    initiator: np.ndarray
    kind: np.ndarray
    answered: np.ndarray
    messages: np.ndarray
    minutes: np.ndarray
    people: np.ndarray

    @property
    def ties(self) -> int:
        """Return how many ties the history holds (some may have no contact)."""
        return len(self.bounds) - 1

    @property
    def tie_of_row(self) -> np.ndarray:
        """Return, for every contact, the index of its tie."""
        return np.repeat(np.arange(self.ties), np.diff(self.bounds))

    @classmethod
    def from_packed(cls, counts: Sequence[int], at: np.ndarray, shapes: np.ndarray) -> History:
        """Return the history of ties with ``counts`` contacts each, from their times and
        packed shapes laid end to end (each tie's contacts in any order: they are sorted)."""
        bounds = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(np.asarray(counts, dtype=np.int64), out=bounds[1:])
        at = np.asarray(at, dtype=np.float64)
        shapes = np.asarray(shapes, dtype=np.int64)
        if len(at) > 1:
            backwards = np.diff(at) < 0
            joins = bounds[1:-1] - 1  # the last row of a tie, then the next tie's first
            backwards[joins[(joins >= 0) & (joins < len(backwards))]] = False
            if backwards.any():
                tie = np.repeat(np.arange(len(counts)), np.diff(bounds))
                order = np.lexsort((shapes, at, tie))
                at, shapes = at[order], shapes[order]
        # Decoded one field at a time through one scratch column: a network of ten million
        # contacts would otherwise hold seven int64 copies at once.
        scratch = np.empty_like(shapes)

        def field(name: str, dtype: type, add: int = 0) -> np.ndarray:
            shift, mask = _OFFSETS[name]
            np.right_shift(shapes, shift, out=scratch)
            np.bitwise_and(scratch, mask, out=scratch)
            if add:
                np.add(scratch, add, out=scratch)
            return scratch.astype(dtype)

        return cls(
            bounds=bounds,
            at=at,
            channel=field("channel", np.int8),
            initiator=field("initiator", np.int8),
            kind=field("kind", np.int8),
            answered=field("answered", bool),
            messages=field("messages", np.int32),
            minutes=field("minutes", np.int32),
            people=field("others", np.int32, add=1),
        )

    @classmethod
    def from_events(cls, ties: Iterable[Sequence[TieEvent]]) -> History:
        """Return the history of ties given as sequences of :class:`TieEvent`."""
        counts, stamps, shapes = [], [], []
        for events in ties:
            counts.append(len(events))
            stamps.extend(math.floor(e.at.timestamp()) for e in events)
            shapes.extend(event_shape(e) for e in events)
        return cls.from_packed(
            counts, np.array(stamps, dtype=np.float64), np.array(shapes, dtype=np.int64)
        )

    def until(self, moment: float) -> History:
        """Return the contacts up to the epoch second ``moment`` (what was known then)."""
        keep = self.at <= moment
        if keep.all():
            return self
        counts = np.bincount(self.tie_of_row[keep], minlength=self.ties)
        bounds = np.zeros(self.ties + 1, dtype=np.int64)
        np.cumsum(counts, out=bounds[1:])
        return History(
            bounds=bounds,
            at=self.at[keep],
            channel=self.channel[keep],
            initiator=self.initiator[keep],
            kind=self.kind[keep],
            answered=self.answered[keep],
            messages=self.messages[keep],
            minutes=self.minutes[keep],
            people=self.people[keep],
        )

    def slice(self, start: int, end: int) -> History:
        """Return the contacts of ties ``start`` to ``end`` (exclusive), renumbered from 0."""
        low, high = self.bounds[start], self.bounds[end]
        return History(
            bounds=self.bounds[start : end + 1] - low,
            at=self.at[low:high],
            channel=self.channel[low:high],
            initiator=self.initiator[low:high],
            kind=self.kind[low:high],
            answered=self.answered[low:high],
            messages=self.messages[low:high],
            minutes=self.minutes[low:high],
            people=self.people[low:high],
        )

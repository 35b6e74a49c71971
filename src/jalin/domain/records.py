"""Plain records passed between the domain, the importers and the storing services.

They carry no database ids: a record names the people it concerns by a ``key`` that is unique
within one batch (a demo network, one imported file), and the storing service maps keys to
rows. Times are timezone-aware datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class AffiliationRecord:
    organisation: str
    title: str = ""
    kind: str = "work"  # "work" or "study"
    start: date | None = None
    end: date | None = None

    @property
    def is_current(self) -> bool:
        return self.end is None


@dataclass(frozen=True)
class PersonRecord:
    """Someone in the network, as a source describes them."""

    key: str
    name: str
    nickname: str = ""
    circles: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    affiliations: tuple[AffiliationRecord, ...] = ()
    birthday: tuple[int | None, int, int] | None = None
    city: str = ""
    met_how: str = ""
    met_on: date | None = None
    notes: str = ""
    closeness: int | None = None
    layer: int | None = None
    cadence_days: int | None = None
    added_on: date | None = None


@dataclass(frozen=True)
class InteractionRecord:
    """One contact between the owner and one or more people (a conversation, a call, a meeting).

    ``messages_me`` / ``messages_them`` count messages per side for chats; ``minutes`` is the
    length of a synchronous contact. ``external_key`` makes storing idempotent.
    """

    person_keys: tuple[str, ...]
    occurred_at: datetime
    channel: str = "message"
    initiator: str = "me"
    kind: str = "touch"
    summary: str = ""
    messages_me: int = 0
    messages_them: int = 0
    minutes: int | None = None
    external_key: str | None = None


@dataclass(frozen=True)
class LinkRecord:
    """``from_key`` is ``kind`` of ``to_key``: (ayu, budi, "sibling"), (rina, sari, "knows")."""

    from_key: str
    to_key: str
    kind: str


@dataclass(frozen=True)
class FavourRecord:
    """A favour between the owner and a person: ``given`` by the owner or ``received``."""

    person_key: str
    direction: str
    description: str
    status: str = "done"
    occurred_on: date | None = None


@dataclass(frozen=True)
class NetworkRecords:
    """A whole network to store at once: the demo, or a restored backup's content."""

    people: tuple[PersonRecord, ...] = ()
    interactions: tuple[InteractionRecord, ...] = ()
    links: tuple[LinkRecord, ...] = ()
    favours: tuple[FavourRecord, ...] = field(default_factory=tuple)

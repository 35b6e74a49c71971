"""What the relationship model reads of each contact, kept beside the people of it.

Every row of ``Participation`` (one person's part in one interaction) carries the owner, the
interaction's time as an epoch second and its packed shape (``jalin.domain.ties.pack_shape``:
channel, initiator, kind, whether answered, messages, minutes, people present). They are
derived from the interaction and its number of participants, and this module is the one
place that computes them: :func:`participation_rows` for rows about to be inserted,
:func:`refresh` after an interaction or its people changed.

Plain SQL on fixed table names, so that the migration that introduced the columns can use it
on a database of any age.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from django.db import connections

from jalin.domain.ties import pack_shape

INTERACTIONS = "core_interaction"
PARTICIPATION = "core_interaction_participants"
CHUNK = 900  # below SQLite's limit of bound parameters


def contact_shape(
    *,
    channel: str,
    initiator: str,
    kind: str,
    messages_me: int,
    messages_them: int,
    minutes: int | None,
    people: int,
) -> int:
    """Return the packed shape of an interaction with ``people`` participants.

    The owner's message nobody answered (the owner wrote, the other side did not) is marked
    unanswered: it keeps the owner's side going, not the tie.
    """
    answered = not (initiator == "me" and messages_me > 0 and messages_them == 0)
    return pack_shape(
        channel=channel,
        initiator=initiator,
        kind=kind,
        answered=answered,
        messages=messages_me + messages_them,
        minutes=minutes,
        people=people,
    )


def epoch(moment: datetime | str) -> int:
    """Return the epoch second of an aware datetime, or of the naive UTC text SQLite holds."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


def participation_rows(
    *,
    owner_id: int,
    interaction_id: int,
    occurred_at: datetime,
    channel: str,
    initiator: str,
    kind: str,
    messages_me: int,
    messages_them: int,
    minutes: int | None,
    people: Sequence[int],
) -> list[tuple[int, int, int, int, int]]:
    """Return ``(owner, interaction, person, at, shape)`` for each of ``people``: the rows to
    insert for a new interaction."""
    at = epoch(occurred_at)
    shape = contact_shape(
        channel=channel,
        initiator=initiator,
        kind=kind,
        messages_me=messages_me,
        messages_them=messages_them,
        minutes=minutes,
        people=len(people),
    )
    return [(owner_id, interaction_id, person, at, shape) for person in people]


PARTICIPATION_FIELDS = ("owner", "interaction", "person", "at", "shape")
"""The fields of :func:`participation_rows`, for ``jalin.core.bulk.insert_rows``."""


def _expected(cursor, ids: Sequence[int]) -> list[tuple[int, int, int, int]]:
    """Return ``(owner, at, shape, interaction)`` as they should be for these interactions."""
    marks = ", ".join(["%s"] * len(ids))
    cursor.execute(
        f"SELECT i.id, i.owner_id, i.occurred_at, i.channel, i.initiator, i.kind,"
        f" i.messages_me, i.messages_them, i.minutes,"
        f" (SELECT count(*) FROM {PARTICIPATION} p WHERE p.interaction_id = i.id)"
        f" FROM {INTERACTIONS} i WHERE i.id IN ({marks})",
        list(ids),
    )
    expected = []
    for pk, owner, at, channel, initiator, kind, mine, theirs, minutes, people in cursor.fetchall():
        shape = contact_shape(
            channel=channel,
            initiator=initiator,
            kind=kind,
            messages_me=mine,
            messages_them=theirs,
            minutes=minutes,
            people=people,
        )
        expected.append((owner, epoch(at), shape, pk))
    return expected


def refresh(interaction_ids: Iterable[int], *, using: str = "default") -> int:
    """Rewrite owner, time and shape of every participation row of these interactions from
    the interactions themselves; return how many interactions were refreshed.

    Call it after changing an interaction's time, channel, kind, initiator or lengths, or
    after adding or removing any of its people (the number present is part of the shape).
    """
    ids = sorted(set(interaction_ids))
    connection = connections[using]
    with connection.cursor() as cursor:
        for start in range(0, len(ids), CHUNK):
            rows = _expected(cursor, ids[start : start + CHUNK])
            cursor.executemany(
                f"UPDATE {PARTICIPATION} SET owner_id = %s, at = %s, shape = %s"
                f" WHERE interaction_id = %s",
                rows,
            )
    return len(ids)


def stale_rows(owner_id: int, *, using: str = "default") -> list[int]:
    """Return the ids of ``owner_id``'s interactions whose participation rows do not hold what
    :func:`refresh` would write: empty when every writer kept them."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {INTERACTIONS} WHERE owner_id = %s", [owner_id])
        ids = [row[0] for row in cursor.fetchall()]
        stale = set()
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            expected = {pk: (owner, at, shape) for owner, at, shape, pk in _expected(cursor, chunk)}
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT interaction_id, owner_id, at, shape FROM {PARTICIPATION}"
                f" WHERE interaction_id IN ({marks})",
                chunk,
            )
            for pk, *stored in cursor.fetchall():
                if tuple(stored) != expected[pk]:
                    stale.add(pk)
    return sorted(stale)

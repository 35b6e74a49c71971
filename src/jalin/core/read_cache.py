"""Figures read from the whole network, kept between requests until the network changes.

The network page's charts, its graph and the dashboard's health glance read every tie (and
the graph every who-knows-whom link): tens of milliseconds to hundreds on a network of
thousands. They change only when the scores do — every write that touches a tie (a logged
contact, an import, an undo, a merge, a person edited, a favour, the daily refresh) rescores
it — or the links do. The dashboard's figures of the day (today's list, the week's plan, the
birthdays coming) are read from the same scores and people, and change besides only when a
person is snoozed. So each is kept in Django's cache under a stamp of all three (of scores
and snoozes alone for what reads no link: counting a network's links costs milliseconds),
read in one small query, and of the day (the trends count quarters up to today).

The stamp is read from the database, not kept beside the figures: each web process has its
own cache, and a write served by one must reach the pages of every other.

A tie's strength over time is the same kind of figure for one person: scoring a busy tie at
every fortnight of a year takes a second or more (every contact copied for each moment), and
it changes only when that tie is rescored, so it is kept under the time of the tie's score.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db import connection

from jalin.core.models import Link, Person, TieScore

T = TypeVar("T")
KEPT_SECONDS = 24 * 3600


def network_stamp(owner: AbstractBaseUser, today: date, *, links: bool = True) -> str:
    """Return a stamp that changes whenever the owner's scores or links (unless ``links``
    is false) change, or someone is snoozed past ``today``: how many scores and links there
    are, the latest score's time, the newest link's id and how many people are snoozed, in
    one query (each on an index)."""
    scores, people = TieScore._meta.db_table, Person._meta.db_table
    parts = [
        f"(SELECT count(*) FROM {scores} WHERE owner_id = %s)",
        f"(SELECT max(computed_at) FROM {scores} WHERE owner_id = %s)",
        f"(SELECT count(*) FROM {people} WHERE owner_id = %s AND snoozed_until > %s)",
    ]
    params = [owner.pk, owner.pk, owner.pk, today]
    if links:
        parts += [
            f"(SELECT count(*) FROM {Link._meta.db_table} WHERE owner_id = %s)",
            f"(SELECT max(id) FROM {Link._meta.db_table} WHERE owner_id = %s)",
        ]
        params += [owner.pk, owner.pk]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)
        figures = "|".join(str(value) for value in cursor.fetchone())
    return hashlib.blake2b(figures.encode(), digest_size=12).hexdigest()


def kept(
    owner: AbstractBaseUser,
    name: str,
    today: date,
    compute: Callable[[], T],
    *,
    variant="",
    links: bool = True,
) -> T:
    """Return ``compute()`` for ``owner``, computed once per network stamp and day (and per
    ``variant``: whatever else the figures depend on, such as a setting); ``links``: false
    for figures that read no who-knows-whom link, kept whatever the links."""
    stamp = network_stamp(owner, today, links=links)
    key = f"jalin:{name}:{owner.pk}:{today.isoformat()}:{variant}:{stamp}"
    return cache.get_or_set(key, compute, KEPT_SECONDS)


def kept_for_tie(person: Person, name: str, today: date, compute: Callable[[], T]) -> T:
    """Return ``compute()`` for the owner's tie with ``person``, computed once per day and
    per score of the tie (a logged contact, an edit, a favour or a full rescore makes a new
    one)."""
    scored = TieScore.objects.filter(person=person).values_list("computed_at", flat=True).first()
    stamp = scored.isoformat() if scored else "unscored"
    key = f"jalin:{name}:{person.owner_id}:{person.pk}:{today.isoformat()}:{stamp}"
    return cache.get_or_set(key, compute, KEPT_SECONDS)

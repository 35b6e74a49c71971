"""Finding who can help with a need, from the database (:mod:`jalin.domain.helpers` ranks).

The database narrows the network to people who may match — an affiliation with the target
organisation, a title, tag or note holding the field's words, the city — and the links that
touch them; the domain decides what matches and how warm each path is. Nothing is held in
memory between requests: each search reads only those rows.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.utils import timezone

from jalin.core.models import Affiliation, Link, Need, Organisation, Person, TieScore
from jalin.core.people_search import people_with_any
from jalin.domain.helpers import (
    Edge,
    FirstHop,
    Helper,
    Match,
    PersonFacts,
    Target,
    match_person,
    rank_helpers,
)
from jalin.domain.normalise import fold_name

CHUNK = 900  # ids per IN list: below SQLite's limit of bound parameters


def need_target(need: Need) -> Target:
    """Return what ``need`` asks for, as the domain matches it."""
    organisation = need.organisation.name if need.organisation_id else ""
    return Target(organisation=organisation, field=need.field, city=need.city)


def helpers_for(
    owner: AbstractBaseUser, need: Need, *, depth: int = 2, limit: int | None = 20
) -> list[Helper]:
    """Return the ``limit`` best who can help with ``need`` (``None``: all), best first:
    people who match it (depth 1) and those linked to them who could introduce the owner
    (depth 2)."""
    target = need_target(need)
    matches = _matches(owner, target)
    excluded = frozenset({need.beneficiary_id} if need.beneficiary_id else ())
    ids = [m.person_id for m in matches]
    edges = _edges(owner, ids) if depth >= 2 else []
    hop_ids = set(ids) | {e.a for e in edges} | {e.b for e in edges}
    hops = _first_hops(owner, hop_ids)
    return rank_helpers(
        matches, hops, edges, today=timezone.localdate(), depth=depth, excluded=excluded,
        limit=limit,
    )  # fmt: skip


def _candidate_ids(owner: AbstractBaseUser, target: Target) -> set[int]:
    """Return the ids of the owner's people who may match ``target`` (a superset): those
    with an affiliation to its organisation when it names one (only they can match,
    :mod:`jalin.domain.helpers`), else those whose text holds its field's words or city
    (the full-text index of :mod:`jalin.core.people_search`)."""
    wanted = fold_name(target.organisation)
    if wanted:
        organisations = [
            pk
            for pk, key in Organisation.objects.filter(owner=owner).values_list("pk", "name_key")
            if key and (wanted in key or key in wanted)
        ]
        return set(
            Affiliation.objects.filter(owner=owner, organisation_id__in=organisations).values_list(
                "person_id", flat=True
            )
        )
    return people_with_any(owner, [*target.words, target.city])


def _matches(owner: AbstractBaseUser, target: Target) -> list[Match]:
    ids = sorted(_candidate_ids(owner, target))
    facts: dict[int, dict] = {}
    people, jobs, orgs = (Person._meta.db_table, Affiliation._meta.db_table,
                          Organisation._meta.db_table)  # fmt: skip
    for pk, name, city, notes, who in _in_chunks(
        f"SELECT id, name, city, notes, owner_id FROM {people}"
        " WHERE NOT archived AND id IN ({ids})", [], ids,
    ):  # fmt: skip
        if who == owner.pk:
            facts[pk] = {"name": name, "city": city, "notes": notes, "jobs": [], "tags": []}
    for pid, org, title, end in _in_chunks(
        f'SELECT a.person_id, o.name, a.title, a."end" FROM {jobs} a'
        f" JOIN {orgs} o ON o.id = a.organisation_id WHERE a.person_id IN ({{ids}})", [], ids,
    ):  # fmt: skip
        if pid in facts:
            facts[pid]["jobs"].append((org, title, end is None))
    for pid, tag in _in_chunks(
        "SELECT pt.person_id, t.name FROM core_person_tags pt JOIN core_tag t"
        " ON t.id = pt.tag_id WHERE pt.person_id IN ({ids})", [], ids,
    ):  # fmt: skip
        if pid in facts:
            facts[pid]["tags"].append(tag)
    matches = []
    for pk in ids:
        known = facts.get(pk)
        if known is None:
            continue
        match = match_person(
            target,
            PersonFacts(
                person_id=pk,
                name=known["name"],
                affiliations=tuple(known["jobs"]),
                city=known["city"],
                tags=tuple(known["tags"]),
                notes=known["notes"],
            ),
        )
        if match is not None:
            matches.append(match)
    return matches


def _in_chunks(sql: str, params: list, ids: list[int]) -> list[tuple]:
    """Return the rows of ``sql`` (with ``{ids}`` for an ``IN`` list) over ``ids`` in chunks.

    Plain SQL: thousands of links and scores are read for one search, and the ORM's
    per-row work would cost more than the database's.
    """
    rows: list[tuple] = []
    with connection.cursor() as cursor:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            cursor.execute(sql.format(ids=", ".join(["%s"] * len(chunk))), [*params, *chunk])
            rows.extend(cursor.fetchall())
    return rows


def _edges(owner: AbstractBaseUser, ids: Iterable[int]) -> list[Edge]:
    """Return the links that touch any of ``ids`` (either side), between the owner's people.

    One query per side, each on the covering index of its column (an ``OR`` of the two
    would scan all the owner's links). SQLite is told which index the "to" side takes: with
    statistics from an older layout it may prefer the owner's whole range.
    """
    ids = sorted(ids)
    table = Link._meta.db_table
    to_index = " INDEXED BY link_to" if connection.vendor == "sqlite" else ""
    found: set[tuple[int, int, str]] = set()
    for side, index in (("from_person_id", ""), ("to_person_id", to_index)):
        sql = (
            f"SELECT from_person_id, to_person_id, kind FROM {table}{index}"
            f" WHERE owner_id = %s AND {side} IN ({{ids}})"
        )
        found.update(_in_chunks(sql, [owner.pk], ids))
    return [Edge(a, b, kind) for a, b, kind in sorted(found)]


def _first_hops(owner: AbstractBaseUser, ids: Iterable[int]) -> dict[int, FirstHop]:
    """Return the people the owner could approach among ``ids``, with the stored figures
    the pre-ask check reads (people never scored, or archived, are left out)."""
    scores, people = TieScore._meta.db_table, Person._meta.db_table
    sql = (
        f"SELECT s.person_id, p.name, s.strength, s.balance, s.status, s.days_since_contact,"
        f" s.cadence_days, s.asks_only, p.owner_id FROM {scores} s"
        f" JOIN {people} p ON p.id = s.person_id"
        f" WHERE NOT p.archived AND s.person_id IN ({{ids}})"
    )  # by the person's unique index; the owner is checked on each row
    hops: dict[int, FirstHop] = {}
    for row in _in_chunks(sql, [], sorted(ids)):
        if row[-1] == owner.pk:
            hops[row[0]] = FirstHop._make(row[:-1])
    return hops

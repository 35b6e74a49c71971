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
    Warmth,
    match_person,
    rank_helpers,
    two_hop_floor,
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
    (depth 2).

    The direct paths are ranked first; the links are then read only where the first hop's
    tie is strong enough for a two-hop path to beat them (:func:`two_hop_floor`), which
    spares a search at a big employer most of its thousands of links.
    """
    target = need_target(need)
    matches = _matches(owner, target, sorted(_candidate_ids(owner, target)))
    excluded = frozenset({need.beneficiary_id} if need.beneficiary_id else ())
    ids = [m.person_id for m in matches]
    warmth = _warmth(owner, ids)

    def first_hops(batch: list[int]) -> dict[int, FirstHop]:
        return _first_hops(owner, batch)

    options = {"today": timezone.localdate(), "excluded": excluded, "limit": limit}
    direct = rank_helpers(matches, warmth, [], first_hops, depth=1, **options)
    if depth < 2:
        return direct
    edges, near = _edges(owner, ids, min_strength=two_hop_floor(direct, matches, limit))
    return rank_helpers(matches, warmth | near, edges, first_hops, depth=depth, **options)


def matches_for(owner: AbstractBaseUser, need: Need) -> list[Match]:
    """Return everyone of the owner's who matches ``need`` (not only the best helpers)."""
    target = need_target(need)
    return _matches(owner, target, sorted(_candidate_ids(owner, target)))


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
    return people_with_any(owner, [*sorted(target.words), target.city])


def _matches(owner: AbstractBaseUser, target: Target, ids: list[int]) -> list[Match]:
    """Return those of ``ids`` who match ``target``, from what the owner knows of them."""
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


def _edges(
    owner: AbstractBaseUser, ids: Iterable[int], *, min_strength: int = 0
) -> tuple[list[Edge], dict[int, Warmth]]:
    """Return the links between one of ``ids`` and someone the owner's tie with is at least
    ``min_strength``, with that tie's warmth by person: a path goes from the owner through
    the other side to one of ``ids``.

    The links are read from the smaller side: the people of ``ids`` (a big employer's
    thousands, most ties weak) or the strong ties (a generic field's tens of thousands of
    matches, few of them reachable through a strong tie).
    """
    ids = sorted(ids)
    strong = _strong_ties(owner, min_strength, len(ids)) if min_strength > 0 else None
    if strong is None:
        return _edges_of_matches(owner, ids, min_strength)
    wanted = set(ids)
    found = [
        edge
        for near, edge in _links_touching(owner, sorted(strong))
        if (edge.b if near == edge.a else edge.a) in wanted
    ]
    return found, strong


def _strong_ties(owner: AbstractBaseUser, min_strength: int, most: int) -> dict | None:
    """Return the warmth of the owner's ties of at least ``min_strength``, or ``None`` when
    there are more than ``most`` of them (on the covering index ``score_strong``)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT person_id, strength, balance FROM {TieScore._meta.db_table}"
            " WHERE owner_id = %s AND strength >= %s LIMIT %s",
            [owner.pk, min_strength, most + 1],
        )
        rows = cursor.fetchall()
    if len(rows) > most:
        return None
    return {pid: Warmth(strength, balance) for pid, strength, balance in rows}


def _links_touching(owner: AbstractBaseUser, ids: list[int]) -> list[tuple[int, Edge]]:
    """Return ``(the one of ids, link)`` for every link with one of ``ids`` on either side.

    One query per side, each on the covering index of its column (an ``OR`` of the two
    would scan all the owner's links). SQLite is told which index the "to" side takes: with
    statistics from an older layout it may prefer the owner's whole range.
    """
    table = Link._meta.db_table
    to_index = " INDEXED BY link_to" if connection.vendor == "sqlite" else ""
    found: list[tuple[int, Edge]] = []
    for side, index, near in (("from_person_id", "", 0), ("to_person_id", to_index, 1)):
        sql = (
            f"SELECT from_person_id, to_person_id, kind FROM {table}{index}"
            f" WHERE owner_id = %s AND {side} IN ({{ids}})"
        )
        found.extend((row[near], Edge(*row)) for row in _in_chunks(sql, [owner.pk], ids))
    return found


def _edges_of_matches(
    owner: AbstractBaseUser, ids: list[int], min_strength: int
) -> tuple[list[Edge], dict[int, Warmth]]:
    """Return the links that touch one of ``ids`` from someone the owner's tie with is at
    least ``min_strength``, and their warmth: one query per side joined to the scores on
    their covering index (SQLite is told which indexes, as in :func:`_links_touching`)."""
    links, scores = Link._meta.db_table, TieScore._meta.db_table
    sqlite = connection.vendor == "sqlite"
    found: list[Edge] = []
    warmth: dict[int, Warmth] = {}
    for side, other, index in (
        ("from_person_id", "to_person_id", ""),
        ("to_person_id", "from_person_id", " INDEXED BY link_to" if sqlite else ""),
    ):
        sql = (
            f"SELECT l.from_person_id, l.to_person_id, l.kind, s.strength, s.balance"
            f" FROM {links} l{index} JOIN {scores} s{' INDEXED BY score_warmth' * sqlite}"
            f" ON s.person_id = l.{other}"
            f" WHERE l.owner_id = %s AND s.owner_id = %s AND s.strength >= %s"
            f" AND l.{side} IN ({{ids}})"
        )
        rows = _in_chunks(sql, [owner.pk, owner.pk, min_strength], ids)
        found.extend(Edge(a, b, kind) for a, b, kind, _s, _b in rows)
        near = 1 if side == "from_person_id" else 0
        warmth.update((row[near], Warmth(row[3], row[4])) for row in rows)
    return found, warmth


def _warmth(owner: AbstractBaseUser, ids: Iterable[int]) -> dict[int, Warmth]:
    """Return the strength and balance of the owner's ties with those of ``ids`` who were
    scored, read from the covering index ``score_warmth``."""
    sql = (
        f"SELECT person_id, strength, balance FROM {TieScore._meta.db_table}"
        " WHERE owner_id = %s AND person_id IN ({ids})"
    )
    return {pid: Warmth(strength, balance) for pid, strength, balance in
            _in_chunks(sql, [owner.pk], sorted(ids))}  # fmt: skip


def _first_hops(owner: AbstractBaseUser, ids: Iterable[int]) -> dict[int, FirstHop]:
    """Return the people the owner could approach among ``ids``, with the stored figures
    the pre-ask check reads (people never scored, or archived, are left out)."""
    scores, people = TieScore._meta.db_table, Person._meta.db_table
    sql = (
        f"SELECT s.person_id, p.name, s.strength, s.balance, s.status, s.days_since_contact,"
        f" s.cadence_days, s.asks_only FROM {scores} s"
        f" JOIN {people} p ON p.id = s.person_id"
        f" WHERE NOT p.archived AND s.owner_id = %s AND p.owner_id = %s"
        f" AND s.person_id IN ({{ids}})"
    )
    return {row[0]: FirstHop._make(row) for row in _in_chunks(sql, [owner.pk] * 2, sorted(ids))}

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
from jalin.core.people_search import people_matching_any
from jalin.domain.helpers import (
    Edge,
    FirstHop,
    Helper,
    Match,
    PersonFacts,
    Target,
    Warmth,
    find_helpers,
    match_person,
)
from jalin.domain.normalise import fold_name
from jalin.domain.vocabulary import LINK_INVERSES, link_inverse

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

    Only the ids and tie figures of the people who may match are read in full; their
    facts and links are read as :func:`jalin.domain.helpers.find_helpers` asks, which at
    a big employer or a common field is a small share of them.
    """
    target = need_target(need)
    candidates, warmth = _candidates(owner, target)

    def read_matches(ids: list[int]) -> list[Match]:
        return _matches(owner, target, ids)

    def read_links(floors: dict[str, int] | None) -> tuple[list[Edge], dict[int, Warmth]]:
        return _edges(owner, candidates, floors)

    def first_hops(ids: list[int]) -> dict[int, FirstHop]:
        return _first_hops(owner, ids)

    return find_helpers(
        target, candidates, warmth, read_matches, read_links, first_hops,
        today=timezone.localdate(), depth=depth, limit=limit,
        excluded=frozenset({need.beneficiary_id} if need.beneficiary_id else ()),
    )  # fmt: skip


def matches_for(owner: AbstractBaseUser, need: Need) -> list[Match]:
    """Return everyone of the owner's who matches ``need`` (not only the best helpers)."""
    target = need_target(need)
    return _matches(owner, target, sorted(_candidates(owner, target)[0]))


def _candidates(owner: AbstractBaseUser, target: Target) -> tuple[set[int], dict[int, Warmth]]:
    """Return the ids of the owner's people who may match ``target`` (a superset), and the
    strength and balance of those scored: those with an affiliation to its organisation
    when it names one (only they can match, :mod:`jalin.domain.helpers`), else those whose
    text holds its field's words or city (the full-text index of
    :mod:`jalin.core.people_search`). One query, the scores joined on their covering index.
    """
    wanted = fold_name(target.organisation)
    if wanted:
        organisations = [
            pk
            for pk, key in Organisation.objects.filter(owner=owner).values_list("pk", "name_key")
            if key and (wanted in key or key in wanted)
        ]
        queries = [
            (f"SELECT person_id FROM {Affiliation._meta.db_table} WHERE owner_id = %s"
             f" AND organisation_id IN ({', '.join(['%s'] * len(chunk))})", [owner.pk, *chunk])
            for chunk in (organisations[at : at + CHUNK]
                          for at in range(0, len(organisations), CHUNK))
        ]  # fmt: skip
    else:
        query = people_matching_any(owner, [*sorted(target.words), target.city])
        queries = [query] if query else []
    ids: set[int] = set()
    warmth: dict[int, Warmth] = {}
    with connection.cursor() as cursor:
        for sql, params in queries:
            cursor.execute(
                f"WITH candidate(id) AS ({sql}) SELECT c.id, s.strength, s.balance"
                f" FROM candidate c LEFT JOIN {TieScore._meta.db_table} s"
                f" ON s.person_id = c.id AND s.owner_id = %s",
                [*params, owner.pk],
            )
            for pid, strength, balance in cursor.fetchall():
                ids.add(pid)
                if strength is not None:
                    warmth[pid] = Warmth(strength, balance)
    return ids, warmth


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
    owner: AbstractBaseUser, candidates: set[int], floors: dict[str, int] | None
) -> tuple[list[Edge], dict[int, Warmth]]:
    """Return the links between one of ``candidates`` and someone whose tie with the owner
    is at least ``floors[kind]`` strong (``kind`` as they are to the candidate; ``None``:
    any scored tie), with those ties' warmth: a path goes from the owner through the other
    side to the candidate.

    The links are read from the smaller side: the candidates (a big employer's thousands,
    most ties weak) or the ties strong enough for some kind (a common field's tens of
    thousands of candidates, few of them linked to a strong tie).
    """
    floors = floors or dict.fromkeys(LINK_INVERSES, 0)
    wanted = {kind: floor for kind, floor in floors.items() if floor <= 100}
    if not wanted:
        return [], {}
    least = min(wanted.values())
    strong = _strong_ties(owner, least, len(candidates)) if least > 0 else None
    if strong is None:
        return _warm_links(owner, sorted(candidates), wanted, listed="far")
    edges, warmth = _warm_links(owner, sorted(strong), wanted, listed="near")
    return [edge for edge in edges if edge.a in candidates or edge.b in candidates], warmth


def _strong_ties(owner: AbstractBaseUser, min_strength: int, most: int) -> list[int] | None:
    """Return the owner's people whose tie is at least ``min_strength`` strong, or ``None``
    when there are more than ``most`` of them (on the covering index ``score_strong``)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT person_id FROM {TieScore._meta.db_table}"
            " WHERE owner_id = %s AND strength >= %s LIMIT %s",
            [owner.pk, min_strength, most + 1],
        )
        rows = cursor.fetchall()
    if len(rows) > most:
        return None
    return [pid for (pid,) in rows]


def _warm_links(
    owner: AbstractBaseUser, ids: list[int], floors: dict[str, int], *, listed: str
) -> tuple[list[Edge], dict[int, Warmth]]:
    """Return the links with one of ``ids`` on their ``listed`` side ("near": the one who
    would introduce; "far": the one introduced) whose near side's tie is at least
    ``floors[kind]`` strong, kind as the near side is to the far (a kind not in ``floors``
    is not read), and the near sides' warmth.

    One query per direction of the link, each on the covering index of its listed column,
    joined to the scores on theirs (SQLite is told which indexes: with statistics from an
    older layout it may prefer the owner's whole range). The floors go into the query, so
    that the rows of links too weak to matter never reach Python.
    """
    links, scores = Link._meta.db_table, TieScore._meta.db_table
    sqlite = connection.vendor == "sqlite"
    found: list[Edge] = []
    warmth: dict[int, Warmth] = {}
    for near, far in (("from_person_id", "to_person_id"), ("to_person_id", "from_person_id")):
        # A link says from is ``kind`` of to; seen from its "to" side it is the inverse.
        seen_as = {kind: kind if near == "from_person_id" else link_inverse(kind)
                   for kind in LINK_INVERSES}  # fmt: skip
        kinds = [kind for kind in LINK_INVERSES if seen_as[kind] in floors]
        if not kinds:
            continue
        # Kinds and floors are the vocabulary's words and integers, not the user's input.
        least = " ".join(f"WHEN '{kind}' THEN {int(floors[seen_as[kind]])}" for kind in kinds)
        named = ", ".join(f"'{kind}'" for kind in kinds)
        column = near if listed == "near" else far
        index = " INDEXED BY link_to" if sqlite and column == "to_person_id" else ""
        sql = (
            f"SELECT l.from_person_id, l.to_person_id, l.kind, s.strength, s.balance"
            f" FROM {links} l{index} JOIN {scores} s{' INDEXED BY score_warmth' * sqlite}"
            f" ON s.person_id = l.{near}"
            f" WHERE l.owner_id = %s AND s.owner_id = %s AND l.{column} IN ({{ids}})"
            f" AND l.kind IN ({named})"
            f" AND s.strength >= CASE l.kind {least} END"
        )
        at = 0 if near == "from_person_id" else 1
        for a, b, kind, strength, balance in _in_chunks(sql, [owner.pk, owner.pk], ids):
            found.append(Edge(a, b, kind))
            warmth[(a, b)[at]] = Warmth(strength, balance)
    return found, warmth


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

"""Full-text search over the owner's people.

Migration 0010 makes the database note, with triggers, which people changed; before each
search their entries are rebuilt in one statement (a person's name, nickname, city and
notes, their organisations and titles, their tags), so no writer has to keep the index.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, transaction

from jalin.domain.normalise import fold_name

_TEXT = """
    coalesce(p.name, '') || ' ' || coalesce(p.nickname, '') || ' ' || coalesce(p.city, '')
    || ' ' || coalesce(p.notes, '') || ' ' || coalesce((
        SELECT {agg}(o.name || ' ' || a.title, ' ') FROM core_affiliation a
        JOIN core_organisation o ON o.id = a.organisation_id WHERE a.person_id = p.id), '')
    || ' ' || coalesce((
        SELECT {agg}(t.name, ' ') FROM core_person_tags pt
        JOIN core_tag t ON t.id = pt.tag_id WHERE pt.person_id = p.id), '')
"""
_DIRTY = "SELECT person_id FROM core_person_search_dirty"
_REFRESH = {
    "sqlite": [
        f"DELETE FROM core_person_fts WHERE rowid IN ({_DIRTY})",
        "INSERT INTO core_person_fts (rowid, owner_id, body)"
        f" SELECT p.id, p.owner_id, {_TEXT.format(agg='group_concat')} FROM core_person p"
        f" WHERE p.id IN ({_DIRTY})",
        "DELETE FROM core_person_search_dirty",
    ],
    "postgresql": [
        f"DELETE FROM core_person_search WHERE person_id IN ({_DIRTY})",
        "INSERT INTO core_person_search (person_id, owner_id, body)"
        f" SELECT p.id, p.owner_id, to_tsvector('simple', {_TEXT.format(agg='string_agg')})"
        f" FROM core_person p WHERE p.id IN ({_DIRTY})",
        "DELETE FROM core_person_search_dirty",
    ],
}


def refresh_index() -> int:
    """Rebuild the entries of the people changed since the last search; return how many."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM core_person_search_dirty")
        (dirty,) = cursor.fetchone()
        if dirty:
            for sql in _REFRESH[connection.vendor]:
                cursor.execute(sql)
    return dirty


def _terms(words: Iterable[str]) -> list[str]:
    """Return the words as search terms: folded, letters and digits only."""
    return sorted({t for w in words for t in re.findall(r"\w+", fold_name(w)) if t})


def people_with_any(owner: AbstractBaseUser, words: Iterable[str]) -> set[int]:
    """Return the ids of ``owner``'s people whose name, nickname, city, notes, tags,
    organisations or titles hold any of ``words`` (whole words, case and accents aside on
    SQLite; case aside on PostgreSQL)."""
    query = people_matching_any(owner, words)
    if query is None:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(*query)
        return {row[0] for row in cursor.fetchall()}


def people_matching_any(owner: AbstractBaseUser, words: Iterable[str]) -> tuple[str, list] | None:
    """Return ``(sql, params)`` selecting the ids of the people :func:`people_with_any`
    returns, for use as a subquery (a search can join them to what it reads next);
    ``None`` when ``words`` hold no word."""
    return _matching(owner, _terms(words), every=False, prefix=False)


def people_matching_all(owner: AbstractBaseUser, text: str) -> tuple[str, list] | None:
    """Return ``(sql, params)`` selecting the ids of ``owner``'s people whose indexed text
    holds every word of ``text``, each as the start of a word ("bud band" finds Budi of
    Bandung), for use as a subquery; ``None`` when ``text`` has no word.

    The people search box reads it: typing narrows the list, so every word must match,
    and a word being typed matches as a prefix.
    """
    return _matching(owner, _terms([text]), every=True, prefix=True)


def _matching(
    owner: AbstractBaseUser, terms: list[str], *, every: bool, prefix: bool
) -> tuple[str, list] | None:
    """Return ``(sql, params)`` selecting the owner's people whose index holds every (or
    any) of ``terms``, whole or as word starts, after bringing the index up to date."""
    if not terms:
        return None
    refresh_index()
    if connection.vendor == "postgresql":
        query = (" & " if every else " | ").join(f"{t}:*" if prefix else t for t in terms)
        return (
            "SELECT person_id FROM core_person_search"
            " WHERE owner_id = %s AND body @@ to_tsquery('simple', %s)",
            [owner.pk, query],
        )
    query = (" AND " if every else " OR ").join(f'"{t}"*' if prefix else f'"{t}"' for t in terms)
    return (
        "SELECT rowid FROM core_person_fts WHERE core_person_fts MATCH %s AND owner_id = %s",
        [query, owner.pk],
    )

"""Finding the person a typed name means: accent- and case-insensitive, tolerant of typos.

A name typed on the command line or in a search box resolves to one person only when the
answer is clear; otherwise the caller gets the closest candidates to show, and nothing is
guessed. The order of tests:

1. the folded query equals a person's folded name or nickname;
2. every word of the query starts a word of exactly one person's name (``budi s`` → Budi
   Santoso);
3. a fuzzy score (rapidfuzz ``WRatio``, 0–100) of at least ``CONFIDENT_SCORE`` that leads the
   runner-up by ``CLEAR_MARGIN``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from jalin.domain.normalise import fold_name

CONFIDENT_SCORE = 90.0
CLEAR_MARGIN = 5.0
SHOWN_CANDIDATES = 5
CANDIDATE_FLOOR = 50.0


@dataclass(frozen=True)
class NamedPerson:
    """A person as the matcher sees them: an id, a display name and other names they go by."""

    id: int
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    score: float


@dataclass(frozen=True)
class NameMatch:
    """The person found (``person_id``), or ``None`` with the closest ``candidates``."""

    person_id: int | None
    candidates: Sequence[Candidate] = field(default_factory=tuple)


def _words_start(query_words: list[str], name_words: list[str]) -> bool:
    return all(any(word.startswith(q) for word in name_words) for q in query_words)


def match_name(query: str, people: Iterable[NamedPerson]) -> NameMatch:
    """Return the one person ``query`` clearly names among ``people``, or candidates.

    Several people with the very same name make the answer ambiguous: the candidates are
    returned and the caller asks for more (an id, a fuller name).
    """
    folded_query = fold_name(query)
    people = list(people)
    if not folded_query or not people:
        return NameMatch(None)
    folded = {p.id: [fold_name(n) for n in (p.name, *p.aliases) if n] for p in people}
    by_id = {p.id: p for p in people}

    exact = [pid for pid, names in folded.items() if folded_query in names]
    if len(exact) == 1:
        return NameMatch(exact[0])

    query_words = folded_query.split()
    prefixed = [
        pid
        for pid, names in folded.items()
        if any(_words_start(query_words, n.split()) for n in names)
    ]
    if len(prefixed) == 1 and not exact:
        return NameMatch(prefixed[0])

    choices = {(pid, i): n for pid, names in folded.items() for i, n in enumerate(names)}
    scored: dict[int, float] = {}
    for _, score, (pid, _index) in process.extract(
        folded_query, choices, scorer=fuzz.WRatio, limit=None, score_cutoff=CANDIDATE_FLOOR
    ):
        scored[pid] = max(scored.get(pid, 0.0), score)
    for pid in exact + prefixed:
        scored[pid] = 100.0
    ranked = sorted(scored.items(), key=lambda item: (-item[1], by_id[item[0]].name))
    candidates = tuple(
        Candidate(pid, by_id[pid].name, round(score, 1)) for pid, score in ranked[:SHOWN_CANDIDATES]
    )
    if exact or len(prefixed) > 1:
        return NameMatch(None, candidates)
    if ranked and ranked[0][1] >= CONFIDENT_SCORE:
        runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
        if ranked[0][1] - runner_up >= CLEAR_MARGIN:
            return NameMatch(ranked[0][0], candidates)
    return NameMatch(None, candidates)

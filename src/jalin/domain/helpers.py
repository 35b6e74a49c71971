"""Who can help with a need: people who match it, and the warm paths that reach them.

A need names a target — an organisation, a field, a city. A person *matches* it by what the
owner knows of them (research: warm introductions travel along strong ties; Granovetter's
weak ties bring new information, but a request goes better through someone close):

* working at the organisation now (``MATCH_WEIGHTS["org"]``) or before (``"org_past"``);
* a title or field that holds the need's field words (``"field"``);
* living in the need's city (``"city"``); a tag or the notes naming the field (``"notes"``).

The weights combine as independent chances: ``m = 1 − Π(1 − w)``. When the need names an
organisation, only people with a tie to it match (the rest can still introduce one); the
field, city and tags then rank them.

The owner approaches a *first hop*: the match themself (a direct path), or someone linked to
the match — family or who-knows-whom — who can introduce them (a two-hop path). A path is as
strong as the owner's tie to the first hop (strength ÷ 100) times, for two hops, the weight of
the link (``LINK_WEIGHTS``: family closest, "knows" loosest). The first hop's give-and-take
balance ``b`` (−1 … 1) scales it by ``1 + BALANCE_WEIGHT·b``: asking someone who owes the
owner is easier than asking someone owed. A first hop the pre-ask check would not ask yet
(``reconnect-first``) is shown, marked, at ``COLD_FACTOR`` of its score.

``score = 100 × m × path × balance factor × verdict factor``; one entry per first hop (the
best of its paths), best first, ties broken by person id.

A big employer or a common field matches thousands of a large network's people, and each has
tens of links; :func:`find_helpers` reads only what could enter the best few. A path's score
is bounded before anything of the match is read — by the most any match of the target can
weigh (:attr:`Target.best_weight`) — so the candidates are read in the order of their own
tie's warmth until the next could no longer enter, and links only where the first hop's tie
is strong enough for the link's kind (:func:`two_hop_floors`).
"""

from __future__ import annotations

import heapq
import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from typing import NamedTuple

from jalin.domain.askcheck import AskCheck, AskContext, ask_check
from jalin.domain.normalise import fold_name
from jalin.domain.vocabulary import LINK_INVERSES, link_inverse

MATCH_WEIGHTS = {"org": 0.9, "org_past": 0.6, "field": 0.5, "city": 0.3, "notes": 0.3}
LINK_WEIGHTS = {
    "parent": 0.9, "child": 0.9, "sibling": 0.9, "spouse": 0.9, "relative": 0.7,
    "friend": 0.7, "colleague": 0.6, "knows": 0.5, "introduced": 0.5, "introduced_by": 0.5,
}  # fmt: skip
BALANCE_WEIGHT = 0.25
COLD_FACTOR = 0.6


@dataclass(frozen=True)
class Target:
    """What a need asks for, as text the owner typed."""

    organisation: str = ""
    field: str = ""
    city: str = ""

    @cached_property
    def words(self) -> frozenset[str]:
        """Return the field's words worth matching (folded, three letters or more)."""
        return frozenset(w for w in _words(self.field) if len(w) >= 3)

    @cached_property
    def organisation_key(self) -> str:
        """Return the organisation's name folded, as :func:`match_person` compares it."""
        return fold_name(self.organisation)

    @cached_property
    def best_weight(self) -> float:
        """Return the most anyone can match this target by: every signal it can give at once
        (the bound that lets a search skip reading who cannot enter its best few)."""
        possible = []
        if self.organisation_key:
            possible += ["org", "org_past"]
        if self.words:
            possible += ["field", "notes"]
        if self.city:
            possible.append("city")
        return _combined(possible)


@dataclass(frozen=True)
class PersonFacts:
    """What the owner knows of a person that a need can match."""

    person_id: int
    name: str
    affiliations: tuple[tuple[str, str, bool], ...] = ()  # (organisation, title, current)
    city: str = ""
    tags: tuple[str, ...] = ()
    notes: str = ""


def match_person(target: Target, facts: PersonFacts) -> Match | None:
    """Return how ``facts`` match ``target`` (module docstring), or ``None`` when they do not.

    Text is compared folded (without case or accents); an organisation matches when one
    name holds the other ("Mandiri" matches "Bank Mandiri"); field words match whole words
    of a title, a tag or the notes. A need naming an organisation matches only its people.
    """
    signals: list[str] = []
    found: list[tuple[str, str]] = []
    wanted_org = target.organisation_key
    words = target.words
    for organisation, title, current in facts.affiliations:
        key = _folded(organisation)
        in_field = bool(words & _words(title))
        if in_field:
            signals.append("field")
        if wanted_org and key and (wanted_org in key or key in wanted_org):
            signals.append("org" if current else "org_past")
            where = f"{organisation}" + (f" ({title})" if title else "")
            found.append(("works_at" if current else "worked_at", where))
        elif in_field:
            found.append(("is", title + (f" at {organisation}" if organisation else "")))
    if target.city and _folded(facts.city) == _folded(target.city):
        signals.append("city")
        found.append(("lives_in", facts.city))
    tagged = [t for t in facts.tags if _words(t) & words]
    if tagged:
        signals.append("notes")
        found.append(("tagged", ", ".join(tagged)))
    elif words and words & _words(facts.notes, cache=False):
        signals.append("notes")
        found.append(("notes_about", target.field))
    if not signals or (wanted_org and not {"org", "org_past"} & set(signals)):
        return None
    return Match(facts.person_id, facts.name, tuple(signals), tuple(found))


REASON_TEXT = {
    "works_at": "works at {}", "worked_at": "worked at {}", "is": "is {}",
    "lives_in": "lives in {}", "tagged": "tagged {}", "notes_about": "has notes about {}",
}  # fmt: skip
"""How each kind of match reads in English (the web translates the same codes)."""


# Organisations, titles, cities and tags repeat across thousands of people in a search.
_folded = lru_cache(maxsize=16384)(fold_name)


@lru_cache(maxsize=16384)
def _cached_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", fold_name(text)))


def _words(text: str, *, cache: bool = True) -> frozenset[str]:
    """Return the folded words of ``text`` (notes, unlike titles, are not worth caching)."""
    if cache:
        return _cached_words(text)
    return frozenset(re.findall(r"\w+", fold_name(text)))


@dataclass(frozen=True)
class Match:
    """A person who matches the need, and why (``reasons`` as the owner reads them)."""

    person_id: int
    name: str
    signals: tuple[str, ...]  # keys of MATCH_WEIGHTS
    found: tuple[tuple[str, str], ...]  # (a key of REASON_TEXT, what): ("works_at", "BCA")

    @property
    def reasons(self) -> tuple[str, ...]:
        """Return what matched, in English: "works at Bank Mandiri", "lives in Bandung"."""
        return tuple(REASON_TEXT[code].format(what) for code, what in self.found)

    @cached_property
    def weight(self) -> float:
        """Return how well the person matches, 0–1 (module docstring)."""
        return _combined(self.signals)


def _combined(signals: Iterable[str]) -> float:
    """Return the weights of ``signals`` combined as independent chances: ``1 − Π(1 − w)``."""
    miss = 1.0
    for signal in set(signals):
        miss *= 1 - MATCH_WEIGHTS[signal]
    return 1 - miss


class FirstHop(NamedTuple):
    """Someone the owner could approach, with the stored figures of their tie that the
    pre-ask check reads. A plain tuple: a search weighs thousands of them."""

    person_id: int
    name: str
    strength: int
    balance: float  # −1 (they gave more) … 1 (the owner did)
    status: str = "ok"
    days_since_contact: int | None = None
    cadence_days: float | None = None
    asks_only: bool = False

    def check(self, today: date) -> AskCheck:
        """Return the pre-ask check of asking this person (:mod:`jalin.domain.askcheck`)."""
        figures = {
            "strength": self.strength,
            "balance": self.balance,
            "status": self.status,
            "days_since_contact": self.days_since_contact,
            "cadence_days": None if self.cadence_days is None else round(self.cadence_days),
            "asks_only": bool(self.asks_only),
        }
        return ask_check(AskContext(name=self.name, figures=figures, today=today))


class Edge(NamedTuple):
    """A known link between two people of the network: ``a`` is ``kind`` of ``b``."""

    a: int
    b: int
    kind: str


@dataclass(frozen=True)
class Helper:
    """One first hop to approach for the need, by their best path."""

    person_id: int
    name: str
    path: tuple[str, ...]  # names from the first hop to the match
    path_ids: tuple[int, ...]
    score: float
    verdict: str
    why: str
    found: tuple[tuple[str, str], ...] = ()  # what matched (Match.found), for other languages
    relation: str | None = None  # how the first hop is linked to the match, on two hops
    strength: int = 0  # of the owner's tie with the first hop
    reconnect_reason: str = ""

    def as_json(self) -> dict:
        """Return the helper as ``jalin helpers --json`` prints it."""
        return {
            "person_id": self.person_id,
            "name": self.name,
            "path": list(self.path),
            "path_ids": list(self.path_ids),
            "score": self.score,
            "verdict": self.verdict,
            "why": self.why,
        }


class Warmth(NamedTuple):
    """The two stored figures of a tie that rank the paths through it."""

    strength: int
    balance: float


def path_warmth(tie: Warmth) -> float:
    """Return what the owner's tie with a first hop gives a path through them:
    ``strength ÷ 100 × (1 + BALANCE_WEIGHT·b)`` (module docstring)."""
    return tie.strength / 100 * (1 + BALANCE_WEIGHT * max(-1.0, min(1.0, tie.balance)))


def link_weight(kind: str) -> float:
    """Return the weight of a two-hop path through a link of ``kind``, as the first hop is
    to the match (``LINK_WEIGHTS``; a kind it does not name counts as "knows")."""
    return LINK_WEIGHTS.get(kind, LINK_WEIGHTS["knows"])


CHECK_BATCH = 32  # first hops whose full figures are read at a time, most promising first


def rank_helpers(
    matches: list[Match],
    warmth: Mapping[int, Warmth],
    edges: Iterable[Edge],
    first_hops: Callable[[list[int]], Mapping[int, FirstHop]],
    *,
    today: date,
    depth: int = 2,
    excluded: frozenset[int] = frozenset(),
    limit: int | None = None,
) -> list[Helper]:
    """Return the best ``limit`` helpers for a need (all without one), best first; the
    formulas are in the module docstring.

    ``warmth`` holds the strength and balance of everyone who could be approached;
    ``edges`` the links that touch a match; ``first_hops(ids)`` the full figures of those
    of ``ids`` who can still be asked (an archived person is left out); ``excluded`` the
    people who cannot help (the beneficiary). A large network offers thousands of paths:
    each first hop's best path is found by its score before the pre-ask check (which can
    only lower it), and the full figures are read and checked, most promising first, only
    until no unchecked hop could enter the list.
    """
    # The score before the check (``100 × m × path × balance``) taken apart, so that each
    # edge costs one product: the hop's part and the match's weight are computed once.
    weight = {m.person_id: (100 * m.weight, m) for m in matches if m.person_id not in excluded}
    warm: dict[int, float | None] = {}  # computed for the first hops met, not every tie given

    def warm_of(pid: int) -> float | None:
        if pid not in warm:
            tie = warmth.get(pid)
            warm[pid] = None if tie is None or pid in excluded else path_warmth(tie)
        return warm[pid]

    paths: dict[int, tuple[float, Match, str | None]] = {}
    for pid, (w, match) in weight.items():
        if (mine := warm_of(pid)) is not None:
            paths[pid] = (w * mine, match, None)
    if depth >= 2:
        weight_as = {kind: link_weight(kind) for kind in LINK_INVERSES}
        for a, b, kind in edges:
            # An edge says a is ``kind`` of b; read from b's side it is the inverse.
            for near, far, seen_as in ((a, b, kind), (b, a, "")):
                if far not in weight or (near_warm := warm_of(near)) is None:
                    continue
                seen_as = seen_as or link_inverse(kind)
                w, match = weight[far]
                bound = w * near_warm * weight_as.get(seen_as, LINK_WEIGHTS["knows"])
                current = paths.get(near)
                # Equal paths: the direct one, else the match with the lower id (whatever
                # order the links came in).
                if (
                    current is None
                    or bound > current[0]
                    or (bound == current[0] and current[2] and far < current[1].person_id)
                ):
                    paths[near] = (bound, match, seen_as)
    # The paths by score, popped best first: the checks below rarely read more than a few
    # batches, and sorting every path of a large search would cost more than all of them.
    order = [(-score, pid) for pid, (score, _m, _l) in paths.items()]
    heapq.heapify(order)
    checked: list[tuple[float, int, FirstHop, AskCheck]] = []  # (−score, id, hop, check)
    while order:
        batch = [heapq.heappop(order)[1] for _ in range(min(CHECK_BATCH, len(order)))]
        if _settled(checked, limit, paths[batch[0]][0]):
            break
        hops = first_hops(batch)
        for pid in batch:
            if _settled(checked, limit, paths[pid][0]):
                break
            hop = hops.get(pid)
            if hop is None:
                continue
            check = hop.check(today)
            cold = COLD_FACTOR if check.verdict == "reconnect-first" else 1.0
            checked.append((-round(paths[pid][0] * cold, 1), pid, hop, check))
    checked.sort(key=lambda item: item[:2])
    chosen = checked if limit is None else checked[:limit]
    return [
        _helper(hop, paths[pid][1], paths[pid][2], check, -score)
        for score, pid, hop, check in chosen
    ]


FIRST_READ = 32  # candidates read in a search's first round (at least its limit), doubling


def find_helpers(
    target: Target,
    candidates: Collection[int],
    warmth: Mapping[int, Warmth],
    read_matches: Callable[[list[int]], list[Match]],
    read_links: Callable[[Mapping[str, int] | None], tuple[list[Edge], Mapping[int, Warmth]]],
    first_hops: Callable[[list[int]], Mapping[int, FirstHop]],
    *,
    today: date,
    depth: int = 2,
    excluded: frozenset[int] = frozenset(),
    limit: int | None = None,
) -> list[Helper]:
    """Return what :func:`rank_helpers` returns over every match of ``target`` among
    ``candidates`` and every link touching them, reading only what could enter the best
    ``limit`` (module docstring).

    ``warmth`` holds the candidates' own ties; ``read_matches(ids)`` those of ``ids`` who
    match; ``read_links(floors)`` the links touching a candidate whose other side's tie is
    at least ``floors[kind]`` strong (``kind`` as that side is to the candidate; ``None``:
    every link), with that side's warmth. Direct paths come first: the candidates in the
    order of the most their own tie could give, read in rounds that double, until the
    ``limit``-th checked helper beats the next unread. Their score then sets the floors
    for the links, and the far sides those reach are read too.
    """
    checks = _remembered(first_hops)
    options = {"today": today, "excluded": excluded, "limit": limit}
    queue = [(-path_warmth(tie), pid) for pid, tie in warmth.items() if pid not in excluded]
    heapq.heapify(queue)
    matches: dict[int, Match] = {}
    size = len(queue) if limit is None else max(FIRST_READ, limit)
    direct: list[Helper] = []
    while queue:
        batch = [heapq.heappop(queue)[1] for _ in range(min(size, len(queue)))]
        matches.update((m.person_id, m) for m in read_matches(batch))
        direct = rank_helpers(list(matches.values()), warmth, [], checks, depth=1, **options)
        next_bound = 100 * target.best_weight * -queue[0][0] if queue else 0.0
        if not queue or _filled(direct, limit, next_bound):
            break
        size *= 2
    if depth < 2:
        return direct
    edges, near = read_links(two_hop_floors(direct, target, limit))
    reached = {pid for edge in edges for pid in edge[:2] if pid in candidates}
    unread = sorted(reached - matches.keys())
    matches.update((m.person_id, m) for m in read_matches(unread))
    return rank_helpers(
        list(matches.values()), {**warmth, **near}, edges, checks, depth=depth, **options
    )


def two_hop_floors(direct: list[Helper], target: Target, limit: int | None) -> dict | None:
    """Return, for each kind of link (as the first hop is to the match), the least strength
    of the owner's tie with a first hop for which a two-hop path through a link of that kind
    could still enter the best ``limit`` helpers, given the ``direct`` ones already ranked;
    ``None`` when those do not fill the list (every link may count). Above 100: none can.

    The best ``limit`` of all paths score at least the ``limit``-th direct one, and a two-hop
    path scores at most ``100 × m × strength ÷ 100 × (1 + BALANCE_WEIGHT) × the link's
    weight``, ``m`` the target's best weight; one strength point of margin keeps the
    rounding of scores on the safe side. A search at a big employer leaves most links unread.
    """
    if limit is None or len(direct) < limit:
        return None
    score = direct[limit - 1].score
    floors = {}
    for kind in LINK_INVERSES:
        per_point = target.best_weight * (1 + BALANCE_WEIGHT) * link_weight(kind)
        floors[kind] = max(0, math.floor(score / per_point) - 1)
    return floors


def _remembered(
    first_hops: Callable[[list[int]], Mapping[int, FirstHop]],
) -> Callable[[list[int]], Mapping[int, FirstHop]]:
    """Return ``first_hops`` reading each id once however often a search ranks again."""
    known: dict[int, FirstHop | None] = {}

    def read(ids: list[int]) -> dict[int, FirstHop]:
        unread = [pid for pid in ids if pid not in known]
        if unread:
            found = first_hops(unread)
            known.update((pid, found.get(pid)) for pid in unread)
        return {pid: hop for pid in ids if (hop := known[pid]) is not None}

    return read


def _filled(direct: list[Helper], limit: int | None, bound: float) -> bool:
    """Return whether the ``limit``-th of ``direct`` scores above ``bound``, the most an
    unread candidate's direct path could."""
    return limit is not None and len(direct) >= limit and direct[limit - 1].score > round(bound, 1)


def _settled(checked: list, limit: int | None, bound: float) -> bool:
    """Return whether ``limit`` checked hops all score above ``bound``, the most any hop not
    yet checked could score (sorts ``checked`` in passing)."""
    if limit is None or len(checked) < limit:
        return False
    checked.sort(key=lambda item: item[:2])
    return -checked[limit - 1][0] > round(bound, 1)


def _helper(hop: FirstHop, match: Match, link: str | None, check: AskCheck, score: float) -> Helper:
    what = ", ".join(match.reasons)
    if link is None:
        why = f"{hop.name}: {what}; strength {hop.strength}."
        names, ids = (hop.name,), (hop.person_id,)
    else:
        relation = link.replace("_", " ")
        why = (
            f"{hop.name} ({relation} of {match.name}) can introduce you to {match.name}, "
            f"who {what}; your tie with {hop.name}: strength {hop.strength}."
        )
        names, ids = (hop.name, match.name), (hop.person_id, match.person_id)
    reason = check.reasons[0] if check.reasons else ""
    if check.verdict == "reconnect-first":
        why += f" Reconnect first: {reason}."
    return Helper(
        hop.person_id, hop.name, names, ids, score, check.verdict, why, match.found, link,
        hop.strength, reason if check.verdict == "reconnect-first" else "",
    )  # fmt: skip

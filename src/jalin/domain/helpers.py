"""Who can help with a need: people who match it, and the warm paths that reach them.

A need names a target — an organisation, a field, a city. A person *matches* it by what the
owner knows of them (research: warm introductions travel along strong ties; Granovetter's
weak ties bring new information, but a request goes better through someone close):

* working at the organisation now (``MATCH_WEIGHTS["org"]``) or before (``"org_past"``);
* a title or field that holds the need's field words (``"field"``);
* living in the need's city (``"city"``); a tag or the notes naming the field (``"notes"``).

The weights combine as independent chances: ``m = 1 − Π(1 − w)``.

The owner approaches a *first hop*: the match themself (a direct path), or someone linked to
the match — family or who-knows-whom — who can introduce them (a two-hop path). A path is as
strong as the owner's tie to the first hop (strength ÷ 100) times, for two hops, the weight of
the link (``LINK_WEIGHTS``: family closest, "knows" loosest). The first hop's give-and-take
balance ``b`` (−1 … 1) scales it by ``1 + BALANCE_WEIGHT·b``: asking someone who owes the
owner is easier than asking someone owed. A first hop the pre-ask check would not ask yet
(``reconnect-first``) is shown, marked, at ``COLD_FACTOR`` of its score.

``score = 100 × m × path × balance factor × verdict factor``; one entry per first hop (the
best of its paths), best first, ties broken by person id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jalin.domain.normalise import fold_name
from jalin.domain.vocabulary import link_inverse

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

    @property
    def words(self) -> tuple[str, ...]:
        """Return the field's words worth matching (folded, three letters or more)."""
        return tuple(w for w in _words(self.field) if len(w) >= 3)


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
    of a title, a tag or the notes.
    """
    signals: list[str] = []
    reasons: list[str] = []
    wanted_org = fold_name(target.organisation)
    words = set(target.words)
    for organisation, title, current in facts.affiliations:
        key = fold_name(organisation)
        if wanted_org and key and (wanted_org in key or key in wanted_org):
            signals.append("org" if current else "org_past")
            where = f"{organisation}" + (f" ({title})" if title else "")
            reasons.append(("works at " if current else "worked at ") + where)
        elif words and words & set(_words(title)):
            signals.append("field")
            reasons.append(f"is {title}" + (f" at {organisation}" if organisation else ""))
    if target.city and fold_name(facts.city) == fold_name(target.city):
        signals.append("city")
        reasons.append(f"lives in {facts.city}")
    tagged = [t for t in facts.tags if set(_words(t)) & words]
    if tagged:
        signals.append("notes")
        reasons.append("tagged " + ", ".join(tagged))
    elif words and words & set(_words(facts.notes)):
        signals.append("notes")
        reasons.append("has notes about " + target.field)
    if not signals:
        return None
    return Match(facts.person_id, facts.name, tuple(signals), tuple(reasons))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold_name(text))


@dataclass(frozen=True)
class Match:
    """A person who matches the need, and why (``reasons`` as the owner reads them)."""

    person_id: int
    name: str
    signals: tuple[str, ...]  # keys of MATCH_WEIGHTS
    reasons: tuple[str, ...]  # "works at Bank Mandiri", "lives in Bandung": after "who"

    @property
    def weight(self) -> float:
        """Return how well the person matches, 0–1 (module docstring)."""
        miss = 1.0
        for signal in set(self.signals):
            miss *= 1 - MATCH_WEIGHTS[signal]
        return 1 - miss


@dataclass(frozen=True)
class FirstHop:
    """Someone the owner would approach, with the stored figures of their tie."""

    person_id: int
    name: str
    strength: int
    balance: float
    verdict: str  # "ask" or "reconnect-first" (jalin.domain.askcheck)
    reason: str  # the pre-ask check's first reason


@dataclass(frozen=True)
class Edge:
    """A known link between two people of the network (read in either direction)."""

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


def rank_helpers(
    matches: list[Match],
    hops: dict[int, FirstHop],
    edges: list[Edge],
    *,
    depth: int = 2,
    excluded: frozenset[int] = frozenset(),
) -> list[Helper]:
    """Return the helpers for a need, best first (formulas in the module docstring).

    ``hops`` holds the stored figures of everyone who could be approached; ``edges`` the
    links that touch a match; ``excluded`` the people who cannot help (the beneficiary).
    """
    best: dict[int, Helper] = {}
    by_id = {m.person_id: m for m in matches}
    for match in matches:
        if match.person_id in excluded:
            continue
        hop = hops.get(match.person_id)
        if hop is not None:
            _keep(best, _helper(hop, match, None))
    if depth >= 2:
        for edge in edges:
            # An edge says a is ``kind`` of b; read from b's side it is the inverse.
            for near, far, kind in (
                (edge.a, edge.b, edge.kind),
                (edge.b, edge.a, link_inverse(edge.kind)),
            ):
                match, hop = by_id.get(far), hops.get(near)
                if match is None or hop is None or near in excluded or far in excluded:
                    continue
                _keep(best, _helper(hop, match, kind))
    return sorted(best.values(), key=lambda h: (-h.score, h.person_id))


def _keep(best: dict[int, Helper], helper: Helper) -> None:
    current = best.get(helper.person_id)
    if current is None or (helper.score, -len(helper.path)) > (current.score, -len(current.path)):
        best[helper.person_id] = helper


def _helper(hop: FirstHop, match: Match, link: str | None) -> Helper:
    path = hop.strength / 100 * (1.0 if link is None else LINK_WEIGHTS.get(link, 0.5))
    balance = 1 + BALANCE_WEIGHT * max(-1.0, min(1.0, hop.balance))
    cold = COLD_FACTOR if hop.verdict == "reconnect-first" else 1.0
    score = round(100 * match.weight * path * balance * cold, 1)
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
    if hop.verdict == "reconnect-first":
        why += f" Reconnect first: {hop.reason}."
    return Helper(hop.person_id, hop.name, names, ids, score, hop.verdict, why)

"""Network health: is the network wide, strong, diverse and kept mutually? (§2.8)

Computed from the stored figures of every tie, the "knows" links between people, and the
number of people contacted each quarter. Formulas:

* **active network**: people with a two-way contact in the last 365 days, beside Dunbar's
  150 (and the 124.9 people Hill & Dunbar 2003 found actively contacted);
* **layers**: active people per layer beside the typical 1.5 / 5 / 15 / 50 / 150 / 500 (each
  layer's own size, not cumulative);
* **strength**: quartiles and a histogram in bands of 20;
* **diversity across circles**, by headcount and weighted by strength: Blau ``1 − Σ p²``,
  IQV ``Blau × K/(K − 1)``, Shannon ``H = −Σ p ln p`` and evenness ``H/ln K`` (a person in
  several circles counts in each);
* **ties at risk**: drifting or dormant ties in the inner layers (0–3);
* **asks-only index** of the network: the owner's asks after a silence ÷ all the owner's
  initiations, pooled over ties; and the ties flagged asks-only;
* **share of conversations I start**: the owner's initiations ÷ all initiations (12 months);
* **brokerage** (Burt 1992, networkx): effective size, efficiency and constraint of the owner
  in the graph of the owner, the active people and who knows whom — reported only when at
  least ``LINK_COVERAGE`` of the pairs that share a circle are known to know each other or
  not (missing links make constraint look low);
* **trend**: people contacted per quarter.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

import networkx as nx

from jalin.domain.cadence import LAYER_SIZES as CUMULATIVE_LAYER_SIZES

LAYER_SIZES = {
    layer: size - CUMULATIVE_LAYER_SIZES.get(layer - 1, 0)
    for layer, size in CUMULATIVE_LAYER_SIZES.items()
}
"""The typical number of people in each layer alone (cumulative 1.5/5/15/50/150/500)."""
DUNBAR_ACTIVE = 150
HILL_DUNBAR_ACTIVE = 124.9
LINK_COVERAGE = 0.5
ACTIVE_DAYS = 365
INNER_LAYERS = frozenset({0, 1, 2, 3})
AT_RISK_STATUSES = frozenset({"drifting", "dormant"})  # a close tie in one of these is at risk
OWNER = 0  # the owner's node in the brokerage graph (people ids start at 1)


@dataclass(frozen=True)
class HealthTie:
    """What health reads of one tie (from its stored figures)."""

    person_id: int
    strength: int
    layer: int
    status: str
    circles: frozenset[str]
    days_since_contact: int | None
    initiations_mine: int = 0
    initiations_theirs: int = 0
    asks_after_silence: int = 0
    my_initiations: int = 0
    asks_only: bool = False


def diversity(weights: dict[str, float]) -> dict[str, float | int]:
    """Return Blau, IQV, Shannon H and evenness of shares given as ``{circle: weight}``."""
    total = sum(weights.values())
    shares = [w / total for w in weights.values() if w > 0] if total else []
    k = len(shares)
    blau = 1 - sum(p * p for p in shares) if shares else 0.0
    shannon = -sum(p * math.log(p) for p in shares)
    return {
        "circles": k,
        "blau": round(blau, 3),
        "iqv": round(blau * k / (k - 1), 3) if k > 1 else 0.0,
        "shannon": round(shannon, 3),
        "evenness": round(shannon / math.log(k), 3) if k > 1 else 0.0,
    }


def brokerage(
    active: list[HealthTie],
    links: Iterable[tuple[int, int]],
    *,
    minimum_coverage: float = LINK_COVERAGE,
) -> dict[str, float | int | bool | str]:
    """Return the owner's effective size, efficiency and constraint, when links suffice.

    Links suffice when at least ``minimum_coverage`` of the pairs of active people who share
    a circle are linked: people mark those they know, rarely those they do not.
    """
    ids = {t.person_id for t in active}
    known = {(min(a, b), max(a, b)) for a, b in links if a in ids and b in ids and a != b}
    by_circle: dict[str, list[int]] = {}
    for tie in active:
        for circle in tie.circles:
            by_circle.setdefault(circle, []).append(tie.person_id)
    pairs = {
        (min(a, b), max(a, b)) for people in by_circle.values() for a, b in combinations(people, 2)
    }
    coverage = len(pairs & known) / len(pairs) if pairs else 0.0
    if not active or coverage < minimum_coverage:
        return {
            "reported": False,
            "link_coverage": round(coverage, 3),
            "reason": f"who knows whom is known for {coverage:.0%} of the pairs that share a"
            f" circle; brokerage needs {minimum_coverage:.0%}",
        }
    graph = nx.Graph()
    graph.add_edges_from((OWNER, pid) for pid in ids)
    graph.add_edges_from(known)
    size = nx.effective_size(graph, nodes=[OWNER])[OWNER]
    return {
        "reported": True,
        "link_coverage": round(coverage, 3),
        "effective_size": round(size, 2),
        "efficiency": round(size / len(ids), 3),
        "constraint": round(nx.constraint(graph, nodes=[OWNER])[OWNER], 3),
    }


def health_glance(ties: list[HealthTie]) -> dict:
    """Return the figures of health a dashboard shows at a glance (module docstring): the
    active network, the strength distribution, the ties at risk, the asks-only index and the
    share of conversations the owner starts; :func:`network_health` adds the rest."""
    active = [
        t for t in ties if t.days_since_contact is not None and t.days_since_contact <= ACTIVE_DAYS
    ]
    mine = sum(t.initiations_mine for t in ties)
    theirs = sum(t.initiations_theirs for t in ties)
    asks = sum(t.asks_after_silence for t in ties)
    my_opened = sum(t.my_initiations for t in ties)
    at_risk = [t for t in ties if t.status in AT_RISK_STATUSES and t.layer in INNER_LAYERS]
    return {
        "people": len(ties),
        "active": len(active),
        "strength": _distribution(sorted(t.strength for t in ties)),
        "at_risk": {
            "count": len(at_risk),
            "people": [
                t.person_id for t in sorted(at_risk, key=lambda t: (-t.strength, t.person_id))
            ],
        },
        "asks_only_index": round(asks / my_opened, 3) if my_opened else None,
        "asks_only_ties": sum(1 for t in ties if t.asks_only),
        "share_i_start": round(mine / (mine + theirs), 3) if mine + theirs else None,
    }


def network_health(
    ties: list[HealthTie],
    *,
    links: Iterable[tuple[int, int]] = (),
    quarters: list[tuple[str, int]] = (),
) -> dict:
    """Return the network's health figures (see the module docstring) as a JSON-ready dict."""
    glance = health_glance(ties)
    active = [
        t for t in ties if t.days_since_contact is not None and t.days_since_contact <= ACTIVE_DAYS
    ]
    layers = Counter(t.layer for t in active)
    headcount: Counter[str] = Counter()
    weighted: Counter[str] = Counter()
    for tie in active:
        for circle in tie.circles:
            headcount[circle] += 1
            weighted[circle] += tie.strength
    return {
        "people": glance["people"],
        "active": glance["active"],
        "active_reference": {"dunbar": DUNBAR_ACTIVE, "hill_dunbar": HILL_DUNBAR_ACTIVE},
        "layers": [
            {"layer": layer, "active": layers.get(layer, 0), "typical": typical}
            for layer, typical in LAYER_SIZES.items()
        ],
        "strength": glance["strength"],
        "diversity": {
            "headcount": diversity(dict(headcount)),
            "by_strength": diversity(dict(weighted)),
        },
        "at_risk": glance["at_risk"],
        "asks_only_index": glance["asks_only_index"],
        "asks_only_ties": glance["asks_only_ties"],
        "share_i_start": glance["share_i_start"],
        "brokerage": brokerage(active, links),
        "trend": [{"quarter": quarter, "people": count} for quarter, count in quarters],
    }


def _strongest_first(tie: HealthTie) -> tuple[int, int]:
    return -tie.strength, tie.person_id


def _distribution(values: list[int]) -> dict:
    if not values:
        return {"quartiles": None, "bands": {}}

    def at(q: float) -> int:
        """The value at quantile ``q`` of the sorted values (nearest rank)."""
        return values[min(len(values) - 1, int(q * len(values)))]

    bands = Counter(min(4, v // 20) for v in values)
    return {
        "quartiles": [at(0.25), at(0.5), at(0.75)],
        "bands": {f"{20 * b}-{20 * b + 19 if b < 4 else 100}": bands.get(b, 0) for b in range(5)},
    }

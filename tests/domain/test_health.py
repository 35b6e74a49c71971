"""Network health: diversity, brokerage and the rest, checked against the spec's numbers."""

from __future__ import annotations

from itertools import combinations

import pytest

from jalin.domain.health import HealthTie, brokerage, diversity, network_health


def tie(pid: int, circles=("friends",), **fields) -> HealthTie:
    defaults = dict(strength=50, layer=3, status="ok", days_since_contact=10)
    return HealthTie(person_id=pid, circles=frozenset(circles), **(defaults | fields))


def test_diversity_of_shares_60_20_15_5_matches_the_spec():
    # research/tie-strength.md §2.8: shares 60/20/15/5 give Blau 0.575, IQV 0.77.
    result = diversity({"family": 60, "friends": 20, "work": 15, "community": 5})
    assert result["blau"] == pytest.approx(0.575, abs=0.001)
    assert result["iqv"] == pytest.approx(0.767, abs=0.001)
    assert 0 < result["evenness"] < 1
    assert diversity({"family": 5})["evenness"] == 0.0


def clique(ids):
    return list(combinations(ids, 2))


@pytest.mark.parametrize(
    ("people", "links", "size", "constraint"),
    [
        # the spec's own checks against networkx 3.6.1
        (range(1, 6), [], 5, 0.2),
        (range(1, 6), clique(range(1, 6)), 1, 0.648),
        (range(1, 11), clique(range(1, 6)) + clique(range(6, 11)), 6, 0.324),
    ],
)
def test_brokerage_reproduces_the_spec_figures(people, links, size, constraint):
    active = [tie(pid) for pid in people]
    result = brokerage(active, links, minimum_coverage=0.0)
    assert result["reported"]
    assert result["effective_size"] == pytest.approx(size, abs=0.01)
    assert result["constraint"] == pytest.approx(constraint, abs=0.001)


def test_brokerage_is_not_reported_when_few_links_are_known():
    active = [tie(pid) for pid in range(1, 7)]
    result = brokerage(active, [(1, 2)])
    assert not result["reported"]
    assert "7%" in result["reason"]


def test_the_report_counts_the_active_the_at_risk_and_who_starts():
    ties = [
        tie(1, layer=1, initiations_mine=6, initiations_theirs=2, my_initiations=6,
            asks_after_silence=0),
        tie(2, layer=2, status="drifting", days_since_contact=90, strength=70),
        tie(3, layer=5, status="dormant", days_since_contact=900, circles=("work",),
            my_initiations=3, asks_after_silence=3, asks_only=True),
        tie(4, layer=4, days_since_contact=None),
    ]  # fmt: skip
    report = network_health(ties, quarters=[("2026-Q3", 2), ("2026-Q4", 3)])
    assert report["active"] == 2
    assert report["at_risk"] == {"count": 1, "people": [2]}
    assert report["share_i_start"] == 0.75
    assert report["asks_only_index"] == 0.333
    assert report["asks_only_ties"] == 1
    assert report["trend"][-1] == {"quarter": "2026-Q4", "people": 3}
    assert [row["active"] for row in report["layers"]] == [0, 1, 1, 0, 0, 0, 0]


def test_a_network_with_nobody_active_has_no_diversity():
    report = network_health([tie(1, days_since_contact=900, status="dormant")])
    assert report["active"] == 0
    assert report["diversity"]["headcount"] == {
        "circles": 0, "blau": 0.0, "iqv": 0.0, "shannon": 0.0, "evenness": 0.0,
    }  # fmt: skip

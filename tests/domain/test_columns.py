"""The columns the model computes over: packed contacts, sorted runs, whole-network scoring."""

from __future__ import annotations

import statistics
from datetime import UTC, date, datetime, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from jalin.domain.ties import (
    History,
    Network,
    Tie,
    TieEvent,
    TieFavour,
    fit_network,
    score_ties,
    tie_figures,
)
from jalin.domain.ties.segments import SortedRuns
from jalin.domain.vocabulary import CHANNELS, INITIATORS, INTERACTION_KINDS

NOW = datetime(2025, 7, 1, tzinfo=UTC)

events = st.builds(
    TieEvent,
    at=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2025, 6, 30)).map(
        lambda moment: moment.replace(microsecond=0, tzinfo=UTC)
    ),
    channel=st.sampled_from(CHANNELS),
    initiator=st.sampled_from(INITIATORS),
    kind=st.sampled_from(INTERACTION_KINDS),
    minutes=st.none() | st.integers(1, 16383),
    people=st.integers(1, 512),
    answered=st.booleans(),
    messages=st.integers(0, 16383),
)


@given(st.lists(st.lists(events, max_size=6), min_size=1, max_size=5))
def test_contacts_come_back_from_their_packed_form_sorted_within_each_tie(ties):
    history = History.from_events(ties)
    assert list(np.diff(history.bounds)) == [len(t) for t in ties]
    for i, tie in enumerate(ties):
        rows = range(history.bounds[i], history.bounds[i + 1])
        read = sorted(
            (
                history.at[r],
                CHANNELS[history.channel[r]],
                INITIATORS[history.initiator[r]],
                INTERACTION_KINDS[history.kind[r]],
                int(history.minutes[r]),  # 0 stands for unknown
                int(history.people[r]),
                bool(history.answered[r]),
                int(history.messages[r]),
            )
            for r in rows
        )
        written = sorted(
            (e.at.timestamp(), e.channel, e.initiator, e.kind, e.minutes or 0, e.people,
             e.answered, e.messages)
            for e in tie
        )  # fmt: skip
        assert read == written
        assert list(history.at[rows.start : rows.stop]) == sorted(e.at.timestamp() for e in tie)


@given(st.lists(st.lists(st.integers(0, 2**34 - 1), max_size=12), min_size=1, max_size=6))
def test_sorted_runs_give_the_median_and_decile_python_gives(groups):
    tie = np.repeat(np.arange(len(groups)), [len(g) for g in groups])
    values = np.array([v for g in groups for v in g], dtype=np.int64)
    runs = SortedRuns.of(tie, values, len(groups))
    medians, deciles = runs.median(), runs.decile(9)
    for i, group in enumerate(groups):
        if group:
            assert medians[i] == statistics.median(group)
        else:
            assert np.isnan(medians[i])
        if len(group) >= 2:
            assert np.isclose(deciles[i], statistics.quantiles(group, n=10)[8], rtol=1e-12)
        else:
            assert np.isnan(deciles[i])


def varied_ties(seed: int, count: int = 80) -> list[Tie]:
    """Return ties of every kind: placed, rated, kin, with a cadence, favours, silences."""
    rng = np.random.default_rng(seed)
    ties = []
    for number in range(1, count + 1):
        gap = float(rng.choice([2, 7, 30, 90, 365]))
        stop = float(rng.choice([0, 0, 30, 200, 900]))
        days = np.arange(stop, 1500, gap * rng.uniform(0.5, 1.5))
        contacts = tuple(
            TieEvent(
                NOW - timedelta(days=float(d), hours=float(rng.uniform(0, 20))),
                str(rng.choice(["message", "call", "meeting", "email"])),
                str(rng.choice(["me", "them", "mutual"])),
                str(rng.choice(["touch", "touch", "ask", "give", "thanks"])),
                minutes=int(rng.integers(5, 90)) if rng.random() < 0.3 else None,
                people=int(rng.choice([1, 1, 1, 3])),
                answered=bool(rng.random() < 0.9),
                messages=int(rng.integers(0, 20)),
            )
            for d in days[::-1]
        )
        ties.append(
            Tie(
                number,
                f"Person {number}",
                circles=frozenset(rng.choice(["family", "friends", "work", "community"], 1)),
                kin=bool(rng.random() < 0.1),
                layer=int(rng.integers(0, 6)) if rng.random() < 0.2 else None,
                closeness=int(rng.integers(1, 11)) if rng.random() < 0.3 else None,
                closeness_on=date(2024, 1, 1),
                cadence_days=int(rng.choice([14, 60])) if rng.random() < 0.15 else None,
                known_since=date(2015, 1, 1) if rng.random() < 0.3 else None,
                added_on=date(2021, 1, 1),
                events=contacts,
                favours=tuple(
                    TieFavour(date(2024, 1 + k, 1), str(rng.choice(["given", "received"])))
                    for k in range(int(rng.integers(0, 3)))
                ),
            )
        )
    return ties


@settings(max_examples=5, deadline=None)
@given(st.integers(0, 10_000))
def test_scoring_the_network_at_once_gives_each_tie_its_own_figures(seed):
    ties = varied_ties(seed)
    network, history = Network.from_ties(ties), History.from_events([t.events for t in ties])
    fit = fit_network(network, history, NOW)
    table = score_ties(network, history, NOW, fit=fit)
    assert [table.row(i).as_json() for i in range(len(ties))] == [
        tie_figures(tie, NOW, fit=fit).as_json() for tie in ties
    ]
    # And in slices, as a large network is scored.
    halves = [
        score_ties(network.slice(a, b), history.slice(a, b), NOW, fit=fit)
        for a, b in ((0, 30), (30, len(ties)))
    ]
    assert [r for half in halves for r in half.records()] == list(table.records())

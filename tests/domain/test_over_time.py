"""A tie's strength over time equals scoring each moment on its own, ahead included."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from jalin.domain.tiemodel import DEFAULT_MODEL
from jalin.domain.ties import Tie, TieEvent, TieFavour, default_fit
from jalin.domain.ties.figures import score_ties
from jalin.domain.ties.history import History
from jalin.domain.ties.over_time import strength_over_time
from jalin.domain.ties.records import Network

NOW = datetime(2026, 12, 7, 15, 30, tzinfo=UTC)

events = st.lists(
    st.builds(
        TieEvent,
        at=st.integers(min_value=0, max_value=900 * 86400).map(
            lambda s: NOW - timedelta(seconds=s)
        ),
        channel=st.sampled_from(["message", "call", "meeting", "email", "video"]),
        initiator=st.sampled_from(["me", "them", "mutual"]),
        kind=st.sampled_from(["touch", "ask", "give"]),
        messages=st.integers(min_value=0, max_value=40),
        minutes=st.none() | st.integers(min_value=1, max_value=240),
        people=st.integers(min_value=1, max_value=4),
        answered=st.booleans(),
    ),
    max_size=60,
)
favours = st.lists(
    st.builds(
        TieFavour,
        on=st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 6)),
        direction=st.sampled_from(["given", "received"]),
        status=st.sampled_from(["asked", "done"]),
    ),
    max_size=4,
)


@settings(max_examples=40, deadline=None)
@given(
    events,
    favours,
    st.sampled_from([None, 7, 30, 90]),
    st.sampled_from([None, 3, 8]),
    st.sampled_from([frozenset(), frozenset({"family"})]),
    st.booleans(),
)
def test_the_series_is_the_strength_scored_at_each_moment(
    happened, done, cadence, closeness, circles, fitted
):
    # A fitted network's record begins at its earliest contact; without a fit, at the tie's.
    fit = replace(default_fit(DEFAULT_MODEL), window_start=(NOW - timedelta(days=1200)).timestamp())
    fit = fit if fitted else None
    tie = Tie(
        id=1,
        name="Sari",
        circles=circles,
        kin="family" in circles,
        cadence_days=cadence,
        closeness=closeness,
        closeness_on=date(2026, 2, 1) if closeness else None,
        added_on=date(2024, 6, 1),
        events=tuple(sorted(happened, key=lambda e: e.at)),
        favours=tuple(done),
    )
    network, history = Network.from_ties([tie]), History.from_events([tie.events])
    days = [364, 300, 200, 100, 30, 14, 1, 0, -7, -30, -84]
    expected = [
        int(score_ties(network, history, NOW - timedelta(days=d), fit=fit).strength[0])
        for d in days
    ]
    assert strength_over_time(network, history, NOW, days, fit=fit) == expected


def test_silence_ahead_only_lowers_the_strength():
    weekly = tuple(TieEvent(NOW - timedelta(days=7 * k), channel="call") for k in range(52, 0, -1))
    tie = Tie(id=1, name="Budi", cadence_days=7, added_on=date(2025, 1, 1), events=weekly)
    network, history = Network.from_ties([tie]), History.from_events([tie.events])
    ahead = strength_over_time(network, history, NOW, [0, -14, -28, -56, -84])
    assert ahead == sorted(ahead, reverse=True)
    assert ahead[-1] < ahead[0]

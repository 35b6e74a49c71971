"""The relationship model: strength, rhythm and reciprocity of one tie (tiemodel's formulas)."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jalin.domain.tiemodel import DEFAULT_MODEL
from jalin.domain.ties import Tie, TieEvent, TieFavour, tie_figures
from jalin.domain.ties.history import History
from jalin.domain.ties.records import Clock, Network
from jalin.domain.ties.strength import components, event_weights

NOW = datetime(2025, 7, 1, tzinfo=ZoneInfo("Asia/Jakarta"))


def every(
    days: float,
    *,
    years: float,
    channel: str = "message",
    until: datetime = NOW,
    initiators: str = "me them",
    **fields,
) -> tuple[TieEvent, ...]:
    """Return contacts every ``days`` for ``years`` up to ``until``, initiators in turn."""
    turns = initiators.split()
    events, at, number = [], until - timedelta(days=365 * years), 0
    while at < until:
        events.append(TieEvent(at, channel, turns[number % len(turns)], **fields))
        at += timedelta(days=days)
        number += 1
    return tuple(events)


def strength(tie: Tie) -> int:
    return tie_figures(tie, NOW).strength


@pytest.mark.parametrize(
    ("days", "low", "high"), [(7, 0.99, 1.0), (30, 0.65, 0.75), (91, 0.44, 0.54), (365, 0.2, 0.32)]
)
def test_intensity_of_a_new_friend_follows_the_spec_table(days, low, high):
    # research/tie-strength.md §2.4: one in-person contact per week/month/quarter/year gives
    # 1.00/0.70/0.49/0.28 for a friend (h = 540 days) known too briefly to stretch it.
    events = every(days, years=20, channel="meeting")
    weights = event_weights(History.from_events([events]), DEFAULT_MODEL)
    ages = [(NOW - e.at).total_seconds() / 86400 for e in events]
    activity = sum(w * 2 ** (-age / 540) for w, age in zip(weights, ages, strict=True))
    saturation = 1 / (1 - 2 ** (-7 / 540))
    assert low <= min(1.0, math.log1p(activity) / math.log1p(saturation)) <= high


def test_the_prototype_ties_come_out_in_the_spec_order():
    known = date(2015, 7, 1)
    friend = Tie(
        1,
        "Sari",
        frozenset({"friends"}),
        closeness=8,
        closeness_on=NOW.date(),
        known_since=known,
        events=every(30, years=10, channel="meeting"),
    )
    silent = Tie(
        2,
        "Sari",
        frozenset({"friends"}),
        closeness=8,
        closeness_on=(NOW - timedelta(days=365)).date(),
        known_since=known,
        events=every(30, years=10, channel="meeting", until=NOW - timedelta(days=365)),
    )
    parent = Tie(
        3,
        "Ibu",
        frozenset({"family"}),
        kin=True,
        closeness=9,
        closeness_on=NOW.date(),
        known_since=date(1990, 1, 1),
        events=every(7, years=10, channel="call"),
    )
    acquaintance = Tie(
        4,
        "Rudi",
        frozenset({"community"}),
        closeness=3,
        closeness_on=NOW.date(),
        known_since=date(2018, 1, 1),
        events=every(365, years=7, channel="meeting"),
    )
    assert strength(parent) > strength(friend) > strength(silent) > strength(acquaintance)


def test_a_tie_the_owner_carries_is_marked_and_weighed_down():
    mine = every(91, years=5, channel="email", initiators="me me me me me me me me me them")
    carried = tie_figures(Tie(1, "Klien", frozenset({"work"}), events=mine), NOW)
    balanced = tie_figures(Tie(1, "Klien", frozenset({"work"}), events=every(91, years=5)), NOW)
    assert carried.reciprocity.share_theirs < balanced.reciprocity.share_theirs
    assert carried.components["reciprocity_factor"] < balanced.components.get(
        "reciprocity_factor", 1
    )


def test_you_carry_shows_with_eight_initiations_mostly_mine():
    events = every(20, years=1, initiators="me me me me me me me them")
    figures = tie_figures(Tie(1, "Dewi", events=events), NOW)
    assert figures.reciprocity.you_carry
    assert "you start almost every exchange" in figures.why


@pytest.mark.parametrize(
    ("silence_days", "status"),
    [(3, "ok"), (9, "due"), (20, "drifting"), (400, "dormant")],
)
def test_a_weekly_friend_goes_due_then_drifting_then_dormant(silence_days, status):
    last = NOW - timedelta(days=silence_days)
    events = every(7, years=2, until=last + timedelta(days=1))
    tie = Tie(1, "Ayu", frozenset({"friends"}), cadence_days=7, events=events)
    assert tie_figures(tie, NOW).status.value == status


def test_unanswered_messages_do_not_hide_that_they_went_quiet():
    quiet_since = NOW - timedelta(days=60)
    events = every(7, years=2, until=quiet_since)
    nudges = tuple(
        TieEvent(quiet_since + timedelta(days=d), "message", "me", answered=False)
        for d in (14, 35, 55)
    )
    tie = Tie(1, "Ayu", frozenset({"friends"}), cadence_days=7, events=events + nudges)
    figures = tie_figures(tie, NOW)
    assert figures.status.value in ("drifting", "dormant")
    assert figures.days_since_contact >= 59


def test_getting_in_touch_only_to_ask_is_flagged():
    asks = tuple(
        TieEvent(NOW - timedelta(days=d), "message", "me", "ask") for d in (700, 500, 320, 90)
    )
    replies = tuple(TieEvent(e.at + timedelta(hours=1), "message", "them", "give") for e in asks)
    tie = Tie(1, "Pak Joko", events=tuple(sorted(asks + replies, key=lambda e: e.at)))
    figures = tie_figures(tie, NOW)
    assert figures.reciprocity.asks_only
    assert figures.reciprocity.asks_only_index == 1.0
    assert "you mostly get in touch to ask" in figures.why


def test_a_friend_asked_now_and_then_is_not_asks_only():
    events = list(every(14, years=2))
    events[-3] = TieEvent(events[-3].at, "message", "me", "ask")
    figures = tie_figures(Tie(1, "Rina", events=tuple(events)), NOW)
    assert not figures.reciprocity.asks_only


def test_give_and_take_counts_done_favours_of_the_last_two_years():
    favours = (
        TieFavour(date(2025, 1, 5), "given"),
        TieFavour(date(2025, 3, 5), "given"),
        TieFavour(date(2024, 11, 1), "given"),
        TieFavour(date(2025, 2, 1), "received"),
        TieFavour(date(2025, 2, 2), "received", status="asked"),
        TieFavour(date(2020, 1, 1), "received"),
    )
    figures = tie_figures(Tie(1, "Budi", favours=favours), NOW)
    assert (figures.reciprocity.given, figures.reciprocity.received) == (3, 1)
    assert figures.reciprocity.balance == pytest.approx((3 - 1) / (3 + 1 + 2))


def test_figures_read_only_what_was_known_at_the_moment_scored():
    events = every(7, years=1)
    future = (TieEvent(NOW + timedelta(days=3), "meeting", "them"),)
    tie = Tie(1, "Ayu", frozenset({"friends"}), events=events)
    later = Tie(1, "Ayu", frozenset({"friends"}), events=events + future)
    assert tie_figures(tie, NOW) == tie_figures(later, NOW)


def test_every_figure_has_a_json_form_with_the_issue_fields():
    figures = tie_figures(Tie(7, "Ayu", frozenset({"friends"}), events=every(10, years=1)), NOW)
    data = figures.as_json()
    for key in (
        "person_id",
        "name",
        "strength",
        "layer",
        "status",
        "cadence_days",
        "days_since_contact",
        "mutuality",
        "balance",
        "asks_only_index",
        "asks_only",
        "components",
        "why",
    ):
        assert key in data
    assert data["person_id"] == 7
    assert 0 <= data["strength"] <= 100


# -- properties ---------------------------------------------------------------------------

offsets = st.lists(st.integers(min_value=1, max_value=2000), min_size=2, max_size=30, unique=True)
channels = st.sampled_from(["message", "call", "meeting", "email", "video"])


@settings(max_examples=150, deadline=None)
@given(offsets, channels, st.integers(min_value=0, max_value=1999))
def test_more_recent_contact_never_lowers_strength(days_ago, channel, closer_by):
    # Joint contacts, so that who started them (the reciprocity factor) stays out of it.
    days = sorted(days_ago, reverse=True)
    events = [TieEvent(NOW - timedelta(days=d), channel, "mutual") for d in days]
    newest = days[-1]
    moved = max(0, newest - closer_by)
    later = [*events[:-1], TieEvent(NOW - timedelta(days=moved), channel, "mutual")]
    base = dict(circles=frozenset({"friends"}), known_since=date(2010, 1, 1))
    assert strength(Tie(1, "A", events=tuple(later), **base)) >= strength(
        Tie(1, "A", events=tuple(events), **base)
    )


favour_lists = st.lists(
    st.builds(
        TieFavour,
        on=st.dates(min_value=date(2023, 8, 1), max_value=date(2025, 6, 30)),
        direction=st.sampled_from(["given", "received"]),
        status=st.sampled_from(["asked", "promised", "done", "declined"]),
    ),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(favour_lists, st.sampled_from(["asked", "done"]), st.integers(min_value=0, max_value=600))
def test_adding_an_ask_never_raises_the_balance(favours, status, days_ago):
    before = tie_figures(Tie(1, "A", favours=tuple(favours)), NOW).reciprocity.balance
    ask = TieFavour(NOW.date() - timedelta(days=days_ago), "received", status)
    asked_event = TieEvent(NOW - timedelta(days=days_ago), "message", "me", "ask")
    after = tie_figures(
        Tie(1, "A", favours=(*favours, ask), events=(asked_event,)), NOW
    ).reciprocity.balance
    assert after <= before


def test_components_are_all_between_zero_and_one():
    tie = Tie(
        1,
        "A",
        frozenset({"work"}),
        closeness=6,
        closeness_on=date(2024, 1, 1),
        events=every(3, years=3, kind="ask"),
        overlap=0.4,
    )
    parts = components(
        Network.from_ties([tie]),
        History.from_events([tie.events]),
        Clock.of(NOW),
        np.array([30.0]),
        np.array([0.5]),
        DEFAULT_MODEL,
    ).row(0)
    assert set(parts) == {"intensity", "recency", "duration", "services", "closeness", "overlap"}
    assert all(0 <= value <= 1 for value in parts.values())

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jalin.domain.cadence import (
    LAYER_CADENCE_DAYS,
    due_state,
    layer_from_closeness,
    resolve_cadence,
)


def test_a_persons_own_cadence_wins():
    cadence = resolve_cadence(own_days=10, layer=1, closeness=9, circles=["family"])
    assert (cadence.days, cadence.source) == (10, "own")


def test_an_assigned_layer_comes_before_the_closeness_rating():
    cadence = resolve_cadence(own_days=None, layer=3, closeness=10, circles=[])
    assert (cadence.days, cadence.source) == (LAYER_CADENCE_DAYS[3], "layer")


def test_the_closeness_rating_implies_a_layer():
    cadence = resolve_cadence(own_days=None, layer=None, closeness=9, circles=["friends"])
    assert (cadence.days, cadence.source) == (LAYER_CADENCE_DAYS[1], "closeness")


def test_kin_get_a_longer_cadence_for_the_same_closeness():
    friend = resolve_cadence(own_days=None, layer=None, closeness=7, circles=["friends"])
    kin = resolve_cadence(own_days=None, layer=None, closeness=7, circles=["family"])
    assert kin.days == round(friend.days * 1.5)


def test_the_closest_circle_sets_the_cadence_when_nothing_else_is_known():
    cadence = resolve_cadence(
        own_days=None, layer=None, closeness=None, circles=["community", "work"]
    )
    assert cadence.source == "circle"
    assert cadence.days == 90


def test_someone_in_no_circle_with_no_rating_is_never_due():
    cadence = resolve_cadence(own_days=None, layer=None, closeness=None, circles=[])
    assert cadence.days is None


def test_the_outer_layer_is_event_driven():
    assert resolve_cadence(own_days=None, layer=None, closeness=1, circles=[]).days is None


@pytest.mark.parametrize(("rating", "layer"), [(10, 1), (9, 1), (8, 2), (5, 3), (3, 4), (1, 5)])
def test_closeness_maps_to_layers(rating, layer):
    assert layer_from_closeness(rating) == layer


def test_due_counts_from_the_last_contact():
    state = due_state(
        last_contact=date(2026, 10, 1),
        added_on=date(2020, 1, 1),
        cadence_days=30,
        today=date(2026, 11, 5),
    )
    assert state.due_date == date(2026, 10, 31)
    assert state.overdue_days == 5
    assert state.days_since_contact == 35


def test_someone_never_contacted_is_due_one_cadence_after_being_added():
    state = due_state(
        last_contact=None, added_on=date(2026, 11, 1), cadence_days=7, today=date(2026, 11, 5)
    )
    assert state.due_date == date(2026, 11, 8)
    assert state.overdue_days == -3
    assert state.days_since_contact is None


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2026, 1, 1)),
    st.integers(min_value=0, max_value=400),
    st.integers(min_value=1, max_value=365),
)
def test_more_recent_contact_never_makes_someone_more_overdue(last, later_by, cadence):
    today = date(2026, 6, 1)
    from datetime import timedelta

    earlier = due_state(last_contact=last, added_on=last, cadence_days=cadence, today=today)
    recent = min(last + timedelta(days=later_by), today)
    later = due_state(last_contact=recent, added_on=last, cadence_days=cadence, today=today)
    assert later.overdue_days <= earlier.overdue_days
    assert later.overdue_ratio <= earlier.overdue_ratio

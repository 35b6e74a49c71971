"""The weekly plan: due and drifting ties first, birthdays and promises, circles mixed."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from jalin.domain.plan import (
    Candidate,
    birthday_in,
    settled,
    value_bound,
    week_dates,
    weekly_plan,
)

MONDAY = date(2026, 11, 30)


def tie(pid: int, status: str = "ok", priority: float = 0.0, **fields) -> Candidate:
    defaults = dict(name=f"P{pid}", strength=50, layer=3, days_since_contact=20, cadence_days=30)
    return Candidate(person_id=pid, status=status, priority=priority, **(defaults | fields))


def test_the_most_urgent_come_first_and_ties_in_touch_are_left_alone():
    plan = weekly_plan(
        [tie(1, "due", 0.5), tie(2, "drifting", 3.0), tie(3), tie(4, "due", 1.0)],
        budget=5,
        week_start=MONDAY,
    )
    assert [item.person_id for item in plan] == [2, 4, 1]
    assert plan[0].reasons == ("drifting: last contact 20 days ago, every 30 days",)


def test_a_birthday_this_week_and_a_promise_are_reasons_of_their_own():
    plan = weekly_plan(
        [tie(1, birthday=(12, 3)), tie(2, promises=("kirim CV ke HRD",)), tie(3, birthday=(1, 9))],
        budget=5,
        week_start=MONDAY,
    )
    assert [(item.person_id, item.reasons) for item in plan] == [
        (1, ("birthday on 2026-12-03",)),
        (2, ("you promised: kirim CV ke HRD",)),
    ]


def test_one_circle_does_not_take_the_whole_week():
    work = [tie(n, "due", 2.0, circles=frozenset({"work"})) for n in range(1, 5)]
    family = [tie(9, "due", 1.5, circles=frozenset({"family"}))]
    plan = weekly_plan(work + family, budget=3, week_start=MONDAY)
    assert 9 in [item.person_id for item in plan]


def test_a_fading_tie_is_revived_on_a_richer_channel():
    [item] = weekly_plan([tie(1, "drifting", 2.0, usual_channel="message")], budget=1,
                         week_start=MONDAY)  # fmt: skip
    assert item.channel == "call"


def candidate_lists(*, min_size=0, max_size=40, **fields):
    """Return a strategy of candidate lists with distinct ids; ``fields`` add strategies."""
    return st.lists(
        st.builds(
            tie,
            st.integers(min_value=1, max_value=10_000),
            st.sampled_from(["ok", "due", "drifting", "dormant"]),
            st.floats(min_value=0, max_value=20),
            circles=st.frozensets(st.sampled_from(["family", "friends", "work", "community"])),
            **fields,
        ),
        min_size=min_size,
        max_size=max_size,
        unique_by=lambda c: c.person_id,
    )


candidates = candidate_lists(birthday=st.none() | st.tuples(st.integers(1, 12), st.integers(1, 28)))


@settings(max_examples=200, deadline=None)
@given(candidates, st.integers(min_value=0, max_value=12))
def test_the_plan_never_exceeds_the_budget_and_is_the_same_for_the_same_data(people, budget):
    plan = weekly_plan(people, budget=budget, week_start=MONDAY)
    assert len(plan) <= budget
    assert len({item.person_id for item in plan}) == len(plan)
    assert weekly_plan(list(reversed(people)), budget=budget, week_start=MONDAY) == plan


many_candidates = candidate_lists(
    min_size=10,
    max_size=60,
    strength=st.integers(0, 100),
    birthday=st.none() | st.tuples(st.just(12), st.integers(1, 14)),
    promises=st.sampled_from([(), (), (), ("kirim CV",)]),
)


@settings(max_examples=300, deadline=None)
@given(
    many_candidates, st.integers(min_value=1, max_value=4), st.integers(min_value=1, max_value=20)
)
def test_a_settled_plan_from_the_most_urgent_is_the_plan_of_all(people, budget, page):
    # How the plan is read from the database: birthdays and promises whole, late ties by
    # the most they can be worth, ``page`` of them.
    week = week_dates(MONDAY)
    special = [c for c in people if birthday_in(c.birthday, week) or c.promises]
    late = sorted(
        (c for c in people if c.status != "ok" and c not in special),
        key=lambda c: (-value_bound(c.priority, c.strength), c.person_id),
    )
    read, rest = late[:page], late[page:]
    bound = value_bound(read[-1].priority, read[-1].strength) if rest else None
    plan = weekly_plan(read + special, budget=budget, week_start=MONDAY)
    if settled(plan, budget=budget, bound=bound):
        assert plan == weekly_plan(late + special, budget=budget, week_start=MONDAY)
    else:
        assert rest, "with every candidate read, the plan is settled"

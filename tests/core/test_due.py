from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from jalin.core.errors import InvalidInput
from jalin.core.selectors import due_list
from jalin.core.services.interactions import interaction_log

JAKARTA = ZoneInfo("Asia/Jakarta")
NOW = datetime(2026, 11, 28, 9, 0, tzinfo=JAKARTA)


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


def at(days_ago: int) -> datetime:
    return NOW - timedelta(days=days_ago)


def test_who_is_due_is_sorted_by_lateness_relative_to_cadence(make_person, owner):
    weekly = make_person("Weekly Friend", cadence_days=7, added_on=date(2026, 1, 1))
    yearly = make_person("Yearly Friend", cadence_days=365, added_on=date(2024, 1, 1))
    fine = make_person("Fine Friend", cadence_days=30, added_on=date(2026, 1, 1))
    interaction_log(owner=owner, people=[weekly], occurred_at=at(14))
    interaction_log(owner=owner, people=[yearly], occurred_at=at(400))
    interaction_log(owner=owner, people=[fine], occurred_at=at(3))
    due = due_list(owner)
    assert [d.person for d in due] == [weekly, yearly]
    assert due[0].state.overdue_days == 7
    assert due[0].last_interaction == date(2026, 11, 14)


def test_a_back_dated_interaction_counts_like_any_other(make_person, owner):
    person = make_person("Old Friend", cadence_days=30, added_on=date(2025, 1, 1))
    interaction_log(owner=owner, people=[person], occurred_at=at(90))
    assert [d.person for d in due_list(owner)] == [person]
    interaction_log(owner=owner, people=[person], occurred_at=at(10))
    assert due_list(owner) == []


def test_the_latest_interaction_wins_whatever_order_they_were_logged_in(make_person, owner):
    person = make_person("Old Friend", cadence_days=30, added_on=date(2025, 1, 1))
    interaction_log(owner=owner, people=[person], occurred_at=at(5))
    interaction_log(owner=owner, people=[person], occurred_at=at(200))
    assert due_list(owner) == []


def test_someone_without_a_cadence_is_never_due(make_person, owner):
    make_person("No Routine", added_on=date(2020, 1, 1))
    assert due_list(owner) == []


def test_archived_people_are_not_due(make_person, owner):
    person = make_person("Archived", cadence_days=7, added_on=(NOW - timedelta(days=10)).date())
    person.archived = True
    person.save()
    assert due_list(owner) == []


def test_due_lists_never_mix_owners(make_person, owner, other_owner):
    added = (NOW - timedelta(days=10)).date()  # never contacted: due a cadence after being added
    make_person("Mine", cadence_days=7, added_on=added)
    make_person("Theirs", cadence_days=7, added_on=added, who=other_owner)
    assert [d.person.name for d in due_list(owner)] == ["Mine"]
    assert [d.person.name for d in due_list(other_owner)] == ["Theirs"]


def test_an_interaction_cannot_be_in_the_future_or_with_anothers_person(
    make_person, owner, other_owner
):
    mine = make_person("Mine")
    theirs = make_person("Theirs", who=other_owner)
    with pytest.raises(InvalidInput, match="future"):
        interaction_log(owner=owner, people=[mine], occurred_at=NOW + timedelta(days=1))
    with pytest.raises(InvalidInput, match="not in your network"):
        interaction_log(owner=owner, people=[theirs])
    with pytest.raises(InvalidInput, match="channel"):
        interaction_log(owner=owner, people=[mine], channel="pigeon")
    assert not mine.interactions.exists()


def test_a_tie_silent_for_years_is_left_to_a_reconnect_not_a_daily_nudge(make_person, owner):
    person = make_person("Old Classmate", cadence_days=30, added_on=date(2020, 1, 1))
    interaction_log(owner=owner, people=[person], occurred_at=at(3 * 365))
    assert due_list(owner) == []
    assert person.score.status == "dormant"

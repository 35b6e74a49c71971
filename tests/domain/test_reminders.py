"""The scheduler's rules: which reminders a day brings, and when a digest is due."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from jalin.domain.plan import PlanItem
from jalin.domain.reminders import (
    Ask,
    birthday_reminders,
    digest_due,
    follow_up_reminders,
    keep_in_touch_reminders,
    next_birthday,
    next_occurrence,
    planned_days,
)

MONDAY = date(2026, 12, 7)


def item(pid: int, birthday: date | None = None) -> PlanItem:
    return PlanItem(pid, f"P{pid}", ("due",), "message", 1.0, birthday=birthday)


def test_the_next_birthday_rolls_into_next_year_and_keeps_29_february_on_the_28th():
    assert next_birthday(12, 7, MONDAY) == MONDAY
    assert next_birthday(12, 6, MONDAY) == date(2027, 12, 6)
    assert next_birthday(2, 29, date(2027, 1, 10)) == date(2027, 2, 28)
    assert next_birthday(2, 29, date(2028, 1, 10)) == date(2028, 2, 29)


def test_birthdays_are_reminded_within_a_week_once_each():
    specs = birthday_reminders([(1, "Sari", 12, 10), (2, "Budi", 12, 20), (3, "Tono", 1, 2)],
                               date(2026, 12, 28))  # fmt: skip
    assert [(s.person_id, s.due_on, s.key) for s in specs] == [
        (3, date(2027, 1, 2), "birthday:3:2027-01-02")
    ]
    assert [s.person_id for s in birthday_reminders([(1, "Sari", 12, 10)], MONDAY)] == [1]


def test_the_plan_is_spread_over_the_days_left_a_birthday_on_its_day():
    thursday = date(2026, 12, 10)
    plan = [item(1), item(2, birthday=date(2026, 12, 13)), item(3), item(4), item(5)]
    days = {i.person_id: d for i, d in planned_days(plan, thursday)}
    assert days == {1: thursday, 3: thursday, 4: date(2026, 12, 11), 5: date(2026, 12, 11),
                    2: date(2026, 12, 13)}  # fmt: skip
    sunday = date(2026, 12, 13)
    assert {d for _, d in planned_days(plan, sunday)} == {sunday}


def test_a_week_makes_one_keep_in_touch_reminder_a_person_and_none_for_a_birthday():
    specs = keep_in_touch_reminders([item(1), item(2, birthday=MONDAY)], MONDAY)
    assert [(s.key, s.kind, s.due_on) for s in specs] == [
        ("plan:1:2026-12-07", "keep_in_touch", MONDAY)
    ]
    later = keep_in_touch_reminders([item(1)], date(2026, 12, 9))
    assert later[0].key == specs[0].key  # the same week: the same reminder


def test_an_unanswered_ask_is_followed_up_after_a_week():
    asks = [
        Ask(1, "Kerja", 10, "Sari", date(2026, 11, 30), heard_since=False),
        Ask(1, "Kerja", 11, "Budi", date(2026, 11, 30), heard_since=True),
        Ask(2, "Sekolah", 10, "Sari", date(2026, 12, 3), heard_since=False),
    ]
    [follow_up] = follow_up_reminders(asks, MONDAY)
    assert (follow_up.key, follow_up.need_id, follow_up.due_on) == ("follow_up:1:10", 1, MONDAY)
    assert "Sari" in follow_up.title
    assert "Kerja" in follow_up.title


def test_a_recurring_reminder_comes_again_and_a_plain_one_does_not():
    assert next_occurrence(date(2026, 3, 1), recur_days=None, recur_yearly=True,
                           done_on=date(2026, 3, 2)) == date(2027, 3, 1)  # fmt: skip
    assert next_occurrence(MONDAY, recur_days=14, recur_yearly=False,
                           done_on=date(2026, 12, 9)) == date(2026, 12, 23)  # fmt: skip
    assert next_occurrence(MONDAY, recur_days=None, recur_yearly=False, done_on=MONDAY) is None


@pytest.mark.parametrize(
    ("frequency", "now", "sent_on", "due"),
    [
        ("off", datetime(2026, 12, 7, 9), None, False),
        ("daily", datetime(2026, 12, 7, 6, 59), None, False),  # before the hour
        ("daily", datetime(2026, 12, 7, 7), None, True),
        ("daily", datetime(2026, 12, 7, 20), date(2026, 12, 7), False),  # sent today
        ("daily", datetime(2026, 12, 8, 7, 15), date(2026, 12, 7), True),
        ("weekly", datetime(2026, 12, 7, 7), date(2026, 11, 30), True),
        ("weekly", datetime(2026, 12, 9, 7), date(2026, 12, 7), False),  # this week's went
        ("weekly", datetime(2026, 12, 9, 7), date(2026, 12, 1), True),  # the machine slept
    ],
)
def test_a_digest_goes_once_a_period_after_its_hour_and_catches_up(frequency, now, sent_on, due):
    assert digest_due(frequency, 7, sent_on, now) is due

"""Reminders that arrive: what the scheduler makes each day, and when a digest is due.

Monica's users most often complain that reminders were silently not sent. Here the rules are
plain functions of the day, and everything they make carries a *key* naming what it stands
for, so that making the day's reminders twice (two workers, a restart, a catch-up after the
machine slept) adds nothing twice:

* **birthdays** — a reminder on the day, made ``BIRTHDAY_NOTICE_DAYS`` ahead (29 February
  falls on the 28th in other years);
* **keep in touch** — the week's plan (:mod:`jalin.domain.plan`) spread over the days left
  of the week, a birthday on its day, the rest the most valuable first, ``TOUCHES_PER_DAY``
  a day;
* **follow-ups** — an ask for a need with no contact with that person since, after
  ``FOLLOW_UP_DAYS``;
* thank-yous and give-backs are made when a need closes (:mod:`jalin.core.services.needs`).

A digest (daily, or weekly on Mondays) is due once the owner's hour has come and none was
sent for the period; a machine that was off catches up the next time it runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from jalin.domain.plan import PlanItem, monday_of, week_dates

BIRTHDAY_NOTICE_DAYS = 7
FOLLOW_UP_DAYS = 7
TOUCHES_PER_DAY = 2


@dataclass(frozen=True)
class ReminderSpec:
    """A reminder the scheduler means to exist; ``title`` is English (the web words each
    kind in the owner's language)."""

    key: str
    kind: str
    due_on: date
    title: str
    person_id: int | None = None
    need_id: int | None = None


def next_birthday(month: int, day: int, today: date) -> date:
    """Return the first birthday on or after ``today`` (29 February → the 28th when the year
    has none)."""
    for year in (today.year, today.year + 1):
        try:
            moment = date(year, month, day)
        except ValueError:  # 29 February outside a leap year
            moment = date(year, month, day - 1)
        if moment >= today:
            return moment
    raise AssertionError("a birthday falls within a year")


def birthday_reminders(
    birthdays: Iterable[tuple[int, str, int, int]], today: date
) -> list[ReminderSpec]:
    """Return a reminder for each ``(person id, name, month, day)`` whose birthday falls
    within ``BIRTHDAY_NOTICE_DAYS`` of ``today``."""
    specs = []
    for person_id, name, month, day in birthdays:
        moment = next_birthday(month, day, today)
        if (moment - today).days <= BIRTHDAY_NOTICE_DAYS:
            specs.append(
                ReminderSpec(
                    f"birthday:{person_id}:{moment.isoformat()}",
                    "birthday",
                    moment,
                    f"{name}'s birthday",
                    person_id,
                )
            )
    return specs


def planned_days(plan: list[PlanItem], today: date) -> list[tuple[PlanItem, date]]:
    """Return the week's ``plan`` with a day for each: a birthday on its day, the others
    from ``today`` in plan order, ``TOUCHES_PER_DAY`` a day, the week's last day taking the
    rest."""
    days = [d for d in week_dates(monday_of(today)) if d >= today]
    spread, others = [], 0
    for item in plan:
        if item.birthday is not None and item.birthday >= today:
            spread.append((item, item.birthday))
        else:
            spread.append((item, days[min(others // TOUCHES_PER_DAY, len(days) - 1)]))
            others += 1
    return spread


def keep_in_touch_reminders(plan: list[PlanItem], today: date) -> list[ReminderSpec]:
    """Return a reminder for each person of the week's ``plan`` on their day
    (:func:`planned_days`), one per person and week; a birthday has its own."""
    week = monday_of(today).isoformat()
    return [
        ReminderSpec(
            f"plan:{item.person_id}:{week}",
            "keep_in_touch",
            day,
            f"Get in touch with {item.name}",
            item.person_id,
        )
        for item, day in planned_days(plan, today)
        if item.birthday is None
    ]


@dataclass(frozen=True)
class Ask:
    """An ask for a need, and whether the person has been in contact since."""

    need_id: int
    need_title: str
    person_id: int
    name: str
    asked_on: date
    heard_since: bool


def follow_up_reminders(asks: Iterable[Ask], today: date) -> list[ReminderSpec]:
    """Return a follow-up for each ask ``FOLLOW_UP_DAYS`` old or more with no contact since."""
    return [
        ReminderSpec(
            f"follow_up:{ask.need_id}:{ask.person_id}",
            "follow_up",
            today,
            f"Follow up with {ask.name} about: {ask.need_title}",
            ask.person_id,
            ask.need_id,
        )
        for ask in asks
        if not ask.heard_since and (today - ask.asked_on).days >= FOLLOW_UP_DAYS
    ]


def next_occurrence(
    due_on: date, *, recur_days: int | None, recur_yearly: bool, done_on: date
) -> date | None:
    """Return when a recurring reminder done on ``done_on`` comes again (``None``: it does
    not): a yearly one on its next anniversary after that day, one every N days N days after
    it was done."""
    if recur_yearly:
        return next_birthday(due_on.month, due_on.day, max(done_on, due_on) + timedelta(days=1))
    if recur_days:
        return done_on + timedelta(days=recur_days)
    return None


def digest_due(frequency: str, hour: int, sent_on: date | None, now: datetime) -> bool:
    """Return whether a digest of ``frequency`` (off, daily, weekly) should go out at ``now``
    (the owner's local time), the last one having gone on ``sent_on``."""
    if frequency == "off" or now.hour < hour:
        return False
    today = now.date()
    if frequency == "daily":
        return sent_on is None or sent_on < today
    return sent_on is None or sent_on < monday_of(today)

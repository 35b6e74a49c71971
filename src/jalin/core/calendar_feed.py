"""The private calendar feed: birthdays, the week's planned touches and open reminders as
iCalendar, for a phone's calendar to subscribe to (its address holds a secret token)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from icalendar import Calendar, Event

from jalin.core.models import Person, Reminder
from jalin.core.selectors import profile_for, reminders_coming, reminders_due, weekly_plan_for
from jalin.domain.plan import Reason, monday_of, reason_text
from jalin.domain.reminders import planned_days

FEED_DAYS = 60  # open reminders this far ahead are in the feed
REFRESH = timedelta(hours=6)  # how often a subscribed calendar should fetch the feed again
PRODUCT = "-//jalin//personal network keeper//EN"


def calendar_for(
    owner: AbstractBaseUser,
    *,
    today: date | None = None,
    host: str = "jalin",
    reminder_text: Callable[[Reminder], str] = lambda reminder: reminder.title,
    reason_text: Callable[[Reason], str] = reason_text,
) -> bytes:
    """Return ``owner``'s feed as an iCalendar file: each birthday as a yearly all-day event,
    each touch of the week's plan on its day, each open reminder on its due day (an overdue
    one on ``today``). Event ids are stable, so a calendar app updates rather than repeats.
    ``reminder_text`` and ``reason_text`` word them (the web passes the owner's language)."""
    today = today or timezone.localdate()
    stamp = timezone.now()
    feed = Calendar()
    feed.add("prodid", PRODUCT)
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", "jalin")
    feed.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    feed.add("x-published-ttl", "PT6H")
    for pid, name, year, month, day in _birthdays(owner):
        start = date(year or 2000, month, day)  # 2000 was a leap year
        feed.add_component(
            _event(f"birthday-{pid}@{host}", stamp, start, f"🎂 {name}", yearly=True)
        )
    plan = weekly_plan_for(owner, monday_of(today), profile_for(owner).weekly_budget)
    for item, day in planned_days(plan, today):
        if item.birthday is None:
            feed.add_component(
                _event(
                    f"touch-{item.person_id}-{monday_of(today)}@{host}",
                    stamp,
                    day,
                    item.name,
                    "; ".join(reason_text(r) for r in item.codes),
                )
            )
    for reminder in [*reminders_due(owner, today=today),
                     *reminders_coming(owner, today=today, days=FEED_DAYS)]:  # fmt: skip
        if reminder.kind == "birthday" or reminder.kind == "keep_in_touch":
            continue  # the birthdays and the plan above say it already
        feed.add_component(
            _event(
                f"reminder-{reminder.pk}@{host}",
                stamp,
                max(reminder.due_on, today),
                reminder_text(reminder),
            )
        )
    return feed.to_ical()


def _birthdays(owner: AbstractBaseUser) -> list[tuple]:
    return list(
        Person.objects.filter(
            owner=owner, archived=False, birthday_month__isnull=False, birthday_day__isnull=False
        )
        .order_by("pk")
        .values_list("pk", "name", "birthday_year", "birthday_month", "birthday_day")
    )


def _event(
    uid: str, stamp: datetime, day: date, summary: str, description: str = "", *, yearly=False
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("transp", "TRANSPARENT")
    if description:
        event.add("description", description)
    if yearly:
        event.add("rrule", {"freq": "yearly"})
    return event

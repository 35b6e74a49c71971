"""Reminders: making the day's (idempotently), done, snooze, and the owner's own."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from jalin.core.errors import InvalidInput, NotFound
from jalin.core.models import Participation, Person, Reminder
from jalin.core.selectors import profile_for, weekly_plan_for
from jalin.domain.errors import _
from jalin.domain.plan import monday_of
from jalin.domain.reminders import (
    BIRTHDAY_NOTICE_DAYS,
    Ask,
    ReminderSpec,
    birthday_reminders,
    follow_up_reminders,
    keep_in_touch_reminders,
    next_occurrence,
)

SNOOZE_MOST_DAYS = 366


def reminders_make(*, owner: AbstractBaseUser, today: date | None = None) -> int:
    """Make ``owner``'s reminders for ``today`` (:mod:`jalin.domain.reminders`): birthdays
    coming, the week's planned touches, follow-ups of unanswered asks. Making them again
    adds none twice (each has a key). Returns how many were added."""
    today = today or timezone.localdate()
    profile = profile_for(owner)
    specs = [
        *birthday_reminders(_birthdays(owner, today), today),
        *keep_in_touch_reminders(
            weekly_plan_for(owner, monday_of(today), profile.weekly_budget), today
        ),
        *follow_up_reminders(_asks(owner), today),
    ]
    made = _store(owner, specs)
    profile.reminders_made_on = today
    profile.save(update_fields=["reminders_made_on"])
    return made


def _store(owner: AbstractBaseUser, specs: list[ReminderSpec]) -> int:
    keys = [s.key for s in specs]
    with transaction.atomic():
        have = set(Reminder.objects.filter(owner=owner, key__in=keys).values_list("key", flat=True))
        new = [_reminder(owner, s) for s in dict.fromkeys(specs) if s.key not in have]
        # A second worker making the same reminders at the same moment loses the race
        # quietly on the key's unique constraint.
        Reminder.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def _reminder(owner: AbstractBaseUser, spec: ReminderSpec) -> Reminder:
    return Reminder(
        owner=owner, key=spec.key, kind=spec.kind, due_on=spec.due_on, title=spec.title,
        person_id=spec.person_id, need_id=spec.need_id,
    )  # fmt: skip


def _birthdays(owner: AbstractBaseUser, today: date) -> list[tuple[int, str, int, int]]:
    """Return the people whose birthday month is this one or, near its end, the next
    (on the birthday index)."""
    months = {today.month, (today + timedelta(days=BIRTHDAY_NOTICE_DAYS)).month}
    return list(
        Person.objects.filter(
            owner=owner, archived=False, birthday_month__in=months, birthday_day__isnull=False
        ).values_list("pk", "name", "birthday_month", "birthday_day")
    )


def _asks(owner: AbstractBaseUser) -> list[Ask]:
    """Return the asks of needs still waiting on them, and whether each person has been in
    touch since."""
    asks = Participation.objects.filter(
        owner=owner,
        interaction__kind="ask",
        interaction__need__status="asked",
    ).values_list(
        "interaction__need_id", "interaction__need__title", "person_id", "person__name",
        "interaction__occurred_at",
    )  # fmt: skip
    asks = list(asks)
    latest = dict(
        Participation.objects.filter(owner=owner, person_id__in={a[2] for a in asks})
        .values_list("person_id")
        .annotate(last=Max("interaction__occurred_at"))
    )
    return [
        Ask(need_id, title, pid, name, timezone.localdate(at), latest.get(pid, at) > at)
        for need_id, title, pid, name, at in asks
    ]


def reminder_get(owner: AbstractBaseUser, reminder_id: int) -> Reminder:
    """Return the owner's reminder ``reminder_id``, or raise :class:`NotFound`."""
    try:
        return Reminder.objects.select_related("person").get(owner=owner, pk=reminder_id)
    except Reminder.DoesNotExist:
        raise NotFound(_("no reminder %(id)s") % {"id": reminder_id}) from None


def reminder_done(*, owner: AbstractBaseUser, reminder: Reminder) -> Reminder | None:
    """Mark ``reminder`` done; return the next one when it recurs (else ``None``)."""
    _own(owner, reminder)
    now = timezone.now()
    reminder.done_at = now
    reminder.save(update_fields=["done_at"])
    again = next_occurrence(
        reminder.due_on, recur_days=reminder.recur_days, recur_yearly=reminder.recur_yearly,
        done_on=timezone.localdate(now),
    )  # fmt: skip
    if again is None:
        return None
    return Reminder.objects.create(
        owner=owner, person=reminder.person, kind=reminder.kind, title=reminder.title,
        due_on=again, recur_days=reminder.recur_days, recur_yearly=reminder.recur_yearly,
        need=reminder.need,
    )  # fmt: skip


def reminder_snooze(*, owner: AbstractBaseUser, reminder: Reminder, until: date) -> Reminder:
    """Hide ``reminder`` until ``until``; return it."""
    _own(owner, reminder)
    reminder.snoozed_until = _snooze_day(until)
    reminder.save(update_fields=["snoozed_until"])
    return reminder


def reminder_add(
    *,
    owner: AbstractBaseUser,
    title: str,
    due_on: date,
    person: Person | None = None,
    kind: str = "custom",
    recur_days: int | None = None,
    recur_yearly: bool = False,
) -> Reminder:
    """Add a reminder of the owner's own; return it."""
    title = title.strip()
    if not title:
        raise InvalidInput(_("a reminder needs a title"), field="title")
    if person is not None and person.owner_id != owner.pk:
        raise InvalidInput(_("that person is not in your network"), field="person")
    if recur_days is not None and recur_days < 1:
        raise InvalidInput(_("a reminder recurs every day at most"), field="recur_days")
    return Reminder.objects.create(
        owner=owner, person=person, kind=kind, title=title[:300], due_on=due_on,
        recur_days=recur_days, recur_yearly=recur_yearly,
    )  # fmt: skip


def person_snooze(*, owner: AbstractBaseUser, person: Person, until: date) -> Person:
    """Take ``person`` off today's list and the plan until ``until``; return them."""
    if person.owner_id != owner.pk:
        raise InvalidInput(_("that person is not in your network"), field="person")
    person.snoozed_until = _snooze_day(until)
    person.save(update_fields=["snoozed_until"])
    return person


def keep_in_touch_fulfilled(*, owner: AbstractBaseUser, person_ids: list[int]) -> int:
    """Mark done the open keep-in-touch reminders of ``person_ids`` (a contact with them
    was logged) and end their snooze; return how many reminders."""
    Person.objects.filter(owner=owner, pk__in=person_ids).exclude(
        snoozed_until__isnull=True
    ).update(snoozed_until=None)
    return Reminder.objects.filter(
        owner=owner, person_id__in=person_ids, kind="keep_in_touch", done_at__isnull=True
    ).update(done_at=timezone.now())


def _snooze_day(until: date) -> date:
    today = timezone.localdate()
    if until <= today:
        raise InvalidInput(_("a snooze ends after today"), field="until")
    if until > today + timedelta(days=SNOOZE_MOST_DAYS):
        raise InvalidInput(_("a snooze lasts a year at most"), field="until")
    return until


def _own(owner: AbstractBaseUser, reminder: Reminder) -> None:
    if reminder.owner_id != owner.pk:
        raise NotFound(_("no reminder %(id)s") % {"id": reminder.pk})

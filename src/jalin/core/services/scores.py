"""Computing and storing each person's relationship figures (``jalin.domain.ties``).

The domain scores plain records; this service reads the owner's people, contacts and favours
in a few queries, hands them over, and stores one :class:`TieScore` per person with the time
it was computed. It is the only writer of scores.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, transaction
from django.utils import timezone

from jalin.core.models import Favour, Interaction, Person, TieScore
from jalin.core.selectors import circle_slugs
from jalin.domain.cadence import KIN_CIRCLES
from jalin.domain.ties import Tie, TieEvent, TieFavour, tie_figures

BATCH = 500


def rescore(
    *,
    owner: AbstractBaseUser,
    person_ids: Iterable[int] | None = None,
    now: datetime | None = None,
) -> int:
    """Recompute and store the figures of ``owner``'s people (all, or ``person_ids``).

    Returns how many people were scored. Archived people keep no score.
    """
    now = now or timezone.now()
    people = Person.objects.filter(owner=owner, archived=False)
    if person_ids is not None:
        people = people.filter(pk__in=list(person_ids))
    scored = 0
    ids = list(people.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        rows = [_score(owner, tie, now) for tie in ties_of(owner, chunk)]
        with transaction.atomic():
            TieScore.objects.filter(owner=owner, person_id__in=chunk).delete()
            TieScore.objects.bulk_create(rows)
        scored += len(rows)
    return scored


def ties_of(owner: AbstractBaseUser, person_ids: list[int]) -> list[Tie]:
    """Return the domain's view of these people: settings, contacts (oldest first), favours."""
    circles = circle_slugs(person_ids)
    events: dict[int, list[TieEvent]] = defaultdict(list)
    for pid, at, channel, initiator, kind, minutes, mine, theirs, people in contact_rows(
        person_ids
    ):
        answered = not (initiator == "me" and mine > 0 and theirs == 0)
        events[pid].append(
            TieEvent(at, channel, initiator, kind, minutes, people, answered, mine + theirs)
        )
    favours: dict[int, list[TieFavour]] = defaultdict(list)
    for pid, on, direction, status in Favour.objects.filter(
        owner=owner, person_id__in=person_ids
    ).values_list("person_id", "occurred_on", "direction", "status"):
        favours[pid].append(TieFavour(on, direction, status))
    ties = []
    for person in Person.objects.filter(owner=owner, pk__in=person_ids).order_by("pk"):
        slugs = circles.get(person.pk, set())
        ties.append(
            Tie(
                id=person.pk,
                name=person.name,
                circles=frozenset(slugs),
                kin=bool(slugs & KIN_CIRCLES),
                layer=person.layer,
                closeness=person.closeness,
                cadence_days=person.cadence_days,
                known_since=person.met_on,
                added_on=person.added_on,
                events=tuple(sorted(events[person.pk], key=lambda e: e.at)),
                favours=tuple(favours[person.pk]),
            )
        )
    return ties


def contact_rows(person_ids: list[int]) -> list[tuple]:
    """Return ``(person, time, channel, initiator, kind, minutes, messages mine, messages
    theirs, people present)`` for every interaction of these people.

    One plain SELECT: going through the ORM converted each of a hundred thousand timestamps
    in Python at several times the cost of the query. People are the owner's, and so is every
    interaction they take part in. On SQLite the time is read as text and parsed in C.
    """
    through = Interaction.participants.through._meta.db_table
    table = Interaction._meta.db_table
    marks = ", ".join(["%s"] * len(person_ids))
    sqlite = connection.vendor == "sqlite"
    moment = "CAST(i.occurred_at AS TEXT)" if sqlite else "i.occurred_at"
    sql = (
        f"SELECT p.person_id, {moment}, i.channel, i.initiator, i.kind, i.minutes,"
        f" i.messages_me, i.messages_them,"
        f" (SELECT count(*) FROM {through} q WHERE q.interaction_id = p.interaction_id)"
        f" FROM {through} p JOIN {table} i ON i.id = p.interaction_id"
        f" WHERE p.person_id IN ({marks})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, person_ids)
        rows = cursor.fetchall()
    if sqlite:  # naive UTC text: parsed as UTC in one C call
        parse = datetime.fromisoformat
        return [(r[0], parse(r[1] + "+00:00"), *r[2:]) for r in rows]
    return rows


def _score(owner: AbstractBaseUser, tie: Tie, now: datetime) -> TieScore:
    figures = tie_figures(tie, now)
    data = figures.as_json()
    return TieScore(
        owner=owner,
        person_id=tie.id,
        strength=figures.strength,
        layer=figures.layer.value,
        status=figures.status.value,
        priority=figures.status.priority,
        cadence_days=figures.cadence.days,
        last_contact_at=figures.last_contact,
        asks_only=figures.reciprocity.asks_only,
        figures=data,
        computed_at=now,
    )


def rescore_stale(*, owner: AbstractBaseUser | None = None, today: date | None = None) -> int:
    """Rescore the networks (all, or ``owner``'s) whose scores predate ``today``; return how
    many people were scored.

    Figures depend on the day: silence grows, a tie falls due. The nightly task and the
    commands that show the day's list call this, so a list is never a day old.
    """
    from django.contrib.auth import get_user_model

    today = today or timezone.localdate()
    owners = [owner] if owner is not None else list(get_user_model().objects.all())
    scored = 0
    for someone in owners:
        newest = TieScore.objects.filter(owner=someone).order_by("-computed_at").first()
        people = Person.objects.filter(owner=someone, archived=False)
        if newest is None and not people.exists():
            continue
        if newest is None or timezone.localdate(newest.computed_at) < today:
            scored += rescore(owner=someone)
    return scored

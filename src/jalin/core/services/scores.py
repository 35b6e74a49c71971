"""Computing and storing each person's relationship figures (``jalin.domain.ties``).

The domain scores plain records; this service reads the owner's people, contacts and favours
in a few queries, hands them over, and stores one :class:`TieScore` per person with the time
it was computed. It is the only writer of scores.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from jalin.core.models import Favour, Interaction, Person, TieScore
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
    circles: dict[int, set[str]] = defaultdict(set)
    for pid, slug in Person.circles.through.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "circle__slug"
    ):
        circles[pid].add(slug)
    links = Interaction.participants.through.objects.filter(
        person_id__in=person_ids, interaction__owner=owner
    )
    rows = links.values_list(
        "person_id",
        "interaction_id",
        "interaction__occurred_at",
        "interaction__channel",
        "interaction__initiator",
        "interaction__kind",
        "interaction__minutes",
        "interaction__messages_me",
        "interaction__messages_them",
    )
    rows = list(rows)
    present: dict[int, int] = defaultdict(int)
    for interaction_id, count in _participant_counts({r[1] for r in rows}).items():
        present[interaction_id] = count
    events: dict[int, list[TieEvent]] = defaultdict(list)
    for pid, iid, at, channel, initiator, kind, minutes, mine, theirs in rows:
        answered = not (initiator == "me" and mine > 0 and theirs == 0)
        events[pid].append(
            TieEvent(at, channel, initiator, kind, minutes, max(1, present[iid]), answered)
        )
    favours: dict[int, list[TieFavour]] = defaultdict(list)
    for pid, on, direction, status in Favour.objects.filter(
        owner=owner, person_id__in=person_ids
    ).values_list("person_id", "occurred_on", "direction", "status"):
        favours[pid].append(TieFavour(on, direction, status))
    ties = []
    for person in Person.objects.filter(owner=owner, pk__in=person_ids).order_by("pk"):
        slugs = circles[person.pk]
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


def _participant_counts(interaction_ids: set[int]) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    through = Interaction.participants.through.objects
    ids = list(interaction_ids)
    for start in range(0, len(ids), BATCH):
        for iid in through.filter(interaction_id__in=ids[start : start + BATCH]).values_list(
            "interaction_id", flat=True
        ):
            counts[iid] += 1
    return counts


def _score(owner: AbstractBaseUser, tie: Tie, now: datetime) -> TieScore:
    figures = tie_figures(tie, now)
    data = figures.as_json()
    last = max((e.at for e in tie.events if e.at <= now and e.answered), default=None)
    return TieScore(
        owner=owner,
        person_id=tie.id,
        strength=figures.strength,
        layer=figures.layer.value,
        status=figures.status.value,
        priority=figures.status.priority,
        cadence_days=figures.cadence.days,
        last_contact_at=last,
        asks_only=figures.reciprocity.asks_only,
        figures=data,
        computed_at=now,
    )

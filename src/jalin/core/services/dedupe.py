"""Deciding suggested duplicates: merging two people into one (undoably), or keeping both.

A merge keeps everything: the merged person's contact points, interactions, links,
affiliations, favours, needs, reminders, circles, tags and notes move to the kept person, and
the merged person is archived with ``merged_into`` pointing at the kept one. What moved is
written down in a :class:`Merge`, so that :func:`merge_undo` puts every piece back.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from jalin.core.errors import InvalidInput, NotFound
from jalin.core.models import (
    Affiliation,
    ContactPoint,
    DuplicatePair,
    Favour,
    Interaction,
    Link,
    Merge,
    Need,
    Person,
    Reminder,
    SourceRecord,
)
from jalin.core.participation import refresh
from jalin.domain.errors import _

FILLED_FIELDS = (
    "nickname",
    "birthday_year",
    "birthday_month",
    "birthday_day",
    "city",
    "met_how",
    "met_on",
    "closeness",
    "layer",
    "cadence_days",
)
MOVED_BY_PERSON = (
    ("contact_points", ContactPoint, "person"),
    ("affiliations", Affiliation, "person"),
    ("favours", Favour, "person"),
    ("reminders", Reminder, "person"),
    ("needs", Need, "beneficiary"),
    ("source_records", SourceRecord, "person"),
)


def duplicates_list(owner: AbstractBaseUser):
    """Return the suggested pairs still to decide, best first, between active people."""
    return (
        DuplicatePair.objects.filter(owner=owner, status="suggested")
        .filter(a__archived=False, b__archived=False)
        .select_related("a", "b")
        .order_by("-score", "id")
    )


def _pair(owner, a: Person, b: Person) -> DuplicatePair | None:
    low, high = sorted((a.pk, b.pk))
    return DuplicatePair.objects.filter(owner=owner, a_id=low, b_id=high).first()


@transaction.atomic
def duplicate_skip(*, owner: AbstractBaseUser, a: Person, b: Person) -> DuplicatePair:
    """Record that ``a`` and ``b`` are different people; the pair is not suggested again."""
    if a.pk == b.pk:
        raise InvalidInput(_("a person cannot be a duplicate of themselves"))
    low, high = sorted((a.pk, b.pk))
    pair, _created = DuplicatePair.objects.get_or_create(
        owner=owner, a_id=low, b_id=high, defaults={"score": 0, "reasons": ["decided by you"]}
    )
    pair.status = "skipped"
    pair.decided_at = timezone.now()
    pair.save(update_fields=["status", "decided_at"])
    return pair


@transaction.atomic
def person_merge(
    *, owner: AbstractBaseUser, keep: Person, merge: Person, automatic: bool = False
) -> Merge:
    """Merge ``merge`` into ``keep``; return the :class:`Merge` that can undo it."""
    if keep.pk == merge.pk:
        raise InvalidInput(_("a person cannot be merged with themselves"))
    if keep.owner_id != owner.pk or merge.owner_id != owner.pk:
        raise NotFound("no such person")
    if merge.archived or keep.archived:
        raise InvalidInput(
            _("%(name)s is archived or merged already"),
            name=merge.name if merge.archived else keep.name,
        )
    moved: dict = {"fields": {}}
    for name, model, field in MOVED_BY_PERSON:
        rows = model.objects.filter(owner=owner, **{field: merge})
        moved[name] = list(rows.values_list("id", flat=True))
        rows.update(**{field: keep})
    through = Interaction.participants.through
    shared = set(through.objects.filter(person=keep).values_list("interaction_id", flat=True))
    merged_rows = through.objects.filter(person=merge)
    moved["interactions_shared"] = [
        r for r in merged_rows.values_list("interaction_id", flat=True) if r in shared
    ]
    moved["interactions"] = [
        r for r in merged_rows.values_list("interaction_id", flat=True) if r not in shared
    ]
    merged_rows.filter(interaction_id__in=moved["interactions_shared"]).delete()
    merged_rows.update(person=keep)
    refresh(moved["interactions_shared"])  # one person fewer at those
    moved["links"], moved["links_dropped"] = _move_links(owner, keep, merge)
    moved["circles"] = [c.pk for c in merge.circles.exclude(people=keep)]
    moved["tags"] = [t.pk for t in merge.tags.exclude(people=keep)]
    keep.circles.add(*moved["circles"])
    keep.tags.add(*moved["tags"])
    for field in FILLED_FIELDS:
        if getattr(keep, field) in (None, "") and getattr(merge, field) not in (None, ""):
            moved["fields"][field] = getattr(keep, field)
            setattr(keep, field, getattr(merge, field))
    if merge.notes:
        moved["fields"]["notes"] = keep.notes
        keep.notes = f"{keep.notes}\n\n{merge.notes}".strip()
    keep.updated_at = timezone.now()
    keep.save()
    merge.archived = True
    merge.merged_into = keep
    merge.save(update_fields=["archived", "merged_into"])
    DuplicatePair.objects.filter(
        owner=owner, a_id=min(keep.pk, merge.pk), b_id=max(keep.pk, merge.pk)
    ).update(status="merged", decided_at=timezone.now())
    Person.objects.filter(owner=owner, merged_into=merge).update(merged_into=keep)
    return Merge.objects.create(
        owner=owner, kept=keep, merged=merge, moved=_jsonable(moved), automatic=automatic
    )


def _move_links(owner, keep: Person, merge: Person) -> tuple[list, list]:
    moved, dropped = [], []
    for link in Link.objects.filter(owner=owner).filter(Q(from_person=merge) | Q(to_person=merge)):
        side = "from_person" if link.from_person_id == merge.pk else "to_person"
        other = link.to_person_id if side == "from_person" else link.from_person_id
        ends = (keep.pk, other) if side == "from_person" else (other, keep.pk)
        exists = Link.objects.filter(
            owner=owner, from_person_id=ends[0], to_person_id=ends[1], kind=link.kind
        ).exists()
        if other == keep.pk or exists:
            dropped.append(
                {
                    "from": link.from_person_id,
                    "to": link.to_person_id,
                    "kind": link.kind,
                    "note": link.note,
                    "source": link.source,
                }
            )
            link.delete()
        else:
            moved.append({"id": link.pk, "side": side})
            setattr(link, side, keep)
            link.save(update_fields=[side])
    return moved, dropped


def _jsonable(moved: dict) -> dict:
    fields = moved["fields"]
    moved["fields"] = {
        k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in fields.items()
    }
    return moved


@transaction.atomic
def merge_undo(*, owner: AbstractBaseUser, merge_id: int) -> Merge:
    """Undo a merge: the merged person comes back with everything that was theirs."""
    try:
        record = Merge.objects.select_related("kept", "merged").get(owner=owner, pk=merge_id)
    except Merge.DoesNotExist:
        raise NotFound(f"no merge with id {merge_id}") from None
    if record.undone_at:
        raise InvalidInput(_("that merge was undone already"))
    keep, merged, moved = record.kept, record.merged, record.moved
    for name, model, field in MOVED_BY_PERSON:
        model.objects.filter(owner=owner, pk__in=moved.get(name, [])).update(**{field: merged})
    through = Interaction.participants.through
    through.objects.filter(person=keep, interaction_id__in=moved.get("interactions", [])).update(
        person=merged
    )
    through.objects.bulk_create(
        [
            through(owner_id=owner.pk, interaction_id=i, person_id=merged.pk)
            for i in moved.get("interactions_shared", [])
        ],
        ignore_conflicts=True,
    )
    refresh(moved.get("interactions_shared", []))
    for link in moved.get("links", []):
        Link.objects.filter(owner=owner, pk=link["id"]).update(**{link["side"]: merged})
    for link in moved.get("links_dropped", []):
        Link.objects.get_or_create(
            owner=owner,
            from_person_id=link["from"],
            to_person_id=link["to"],
            kind=link["kind"],
            defaults={"note": link["note"], "source": link["source"]},
        )
    keep.circles.remove(*moved.get("circles", []))
    keep.tags.remove(*moved.get("tags", []))
    for field, value in moved.get("fields", {}).items():
        setattr(keep, field, value)
    keep.save()
    merged.archived = False
    merged.merged_into = None
    merged.save(update_fields=["archived", "merged_into"])
    DuplicatePair.objects.filter(
        owner=owner, a_id=min(keep.pk, merged.pk), b_id=max(keep.pk, merged.pk)
    ).update(status="suggested", decided_at=None)
    record.undone_at = timezone.now()
    record.save(update_fields=["undone_at"])
    return record

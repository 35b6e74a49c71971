"""Import batches: listing them, and undoing one."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from jalin.core.errors import InvalidInput, NotFound
from jalin.core.models import (
    Affiliation,
    ContactPoint,
    DuplicatePair,
    ImportBatch,
    Interaction,
    Person,
    SourceRecord,
)
from jalin.domain.errors import _


def batches_list(owner: AbstractBaseUser):
    """Return the owner's import batches, newest first."""
    return ImportBatch.objects.filter(owner=owner).order_by("-started_at", "-id")


@transaction.atomic
def import_batch_undo(*, owner: AbstractBaseUser, batch_id: int) -> dict[str, int]:
    """Remove what a batch added; return how many rows of each kind went.

    Interactions, people, contact points, affiliations, source links and duplicate
    suggestions the batch created are deleted. People the batch created who have since been
    given interactions from elsewhere (logged by hand, another import) are kept, so an undo
    never loses what the owner did after it.
    """
    try:
        batch = ImportBatch.objects.select_for_update().get(owner=owner, pk=batch_id)
    except ImportBatch.DoesNotExist:
        raise NotFound(f"no import with id {batch_id}") from None
    if batch.undone_at:
        raise InvalidInput(_("that import was undone already"))
    counts = {
        "interactions": Interaction.objects.filter(owner=owner, import_batch=batch)
        .delete()[1]
        .get("core.Interaction", 0)
    }
    created = Person.objects.filter(owner=owner, import_batch=batch)
    kept = list(created.filter(interactions__isnull=False).distinct())
    counts["people_kept"] = len(kept)
    counts["people"] = (
        created.exclude(pk__in=[p.pk for p in kept]).delete()[1].get("core.Person", 0)
    )
    for name, model in (
        ("contact_points", ContactPoint),
        ("affiliations", Affiliation),
        ("source_records", SourceRecord),
        ("duplicate_pairs", DuplicatePair),
    ):
        rows = model.objects.filter(owner=owner, import_batch=batch)
        if model is not DuplicatePair:
            rows = rows.exclude(person__in=kept)
        counts[name] = rows.delete()[0]
    batch.undone_at = timezone.now()
    batch.status = "undone"
    batch.save(update_fields=["undone_at", "status"])
    return counts

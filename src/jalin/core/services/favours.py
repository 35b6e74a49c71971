"""The favours ledger: what the owner did for people and what they did for the owner.

Done favours weigh in the tie's services component and give-and-take balance; a favour the
owner *promised* is a reason to write in the weekly plan until it is marked done.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from jalin.core.errors import InvalidInput, NotFound
from jalin.core.models import Favour, Need, Person
from jalin.core.services.scores import rescore
from jalin.domain import vocabulary as vocab
from jalin.domain.errors import _


@transaction.atomic
def favour_add(
    *,
    owner: AbstractBaseUser,
    person: Person,
    direction: str,
    description: str,
    status: str = "done",
    on: date | None = None,
    need: Need | None = None,
) -> Favour:
    """Record a favour ``given`` to or ``received`` from ``person``; rescore the tie."""
    if person.owner_id != owner.pk:
        raise InvalidInput(_("that person is not in your network"), field="person")
    if direction not in vocab.FAVOUR_DIRECTIONS:
        raise InvalidInput(
            _("a favour is given or received, not %(value)r"), field="direction", value=direction
        )
    if status not in vocab.FAVOUR_STATUSES:
        raise InvalidInput(
            _("a favour's status is one of %(allowed)s, not %(value)r"),
            field="status",
            allowed=", ".join(vocab.FAVOUR_STATUSES),
            value=status,
        )
    if not description.strip():
        raise InvalidInput(_("say what the favour was"), field="description")
    if need is not None and need.owner_id != owner.pk:
        raise InvalidInput(_("that need is not yours"), field="need")
    favour = Favour.objects.create(
        owner=owner,
        person=person,
        direction=direction,
        status=status,
        description=description.strip(),
        occurred_on=on or timezone.localdate(),
        need=need,
    )
    rescore(owner=owner, person_ids=[person.pk])
    return favour


@transaction.atomic
def favour_done(*, owner: AbstractBaseUser, favour_id: int) -> Favour:
    """Mark a favour (a promise, an ask) done today; rescore the tie."""
    favour = Favour.objects.filter(owner=owner, pk=favour_id).first()
    if favour is None:
        raise NotFound(_("no favour #%(id)s in your network") % {"id": favour_id})
    favour.status, favour.occurred_on = "done", timezone.localdate()
    favour.save(update_fields=["status", "occurred_on"])
    rescore(owner=owner, person_ids=[favour.person_id])
    return favour

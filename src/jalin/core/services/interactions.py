"""Logging contact with people."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from jalin.core.bulk import insert_rows
from jalin.core.errors import InvalidInput
from jalin.core.models import Interaction, Need, Participation, Person
from jalin.core.participation import PARTICIPATION_FIELDS, participation_rows
from jalin.core.services.reminders import keep_in_touch_fulfilled
from jalin.core.services.scores import rescore
from jalin.domain import vocabulary as vocab
from jalin.domain.errors import _
from jalin.domain.when import FUTURE_TOLERANCE


def _check(value: str, allowed: tuple[str, ...], field: str) -> str:
    if value not in allowed:
        raise InvalidInput(
            _("%(name)s must be one of %(allowed)s, not %(value)r"),
            field=field,
            name=field,
            allowed=", ".join(allowed),
            value=value,
        )
    return value


@transaction.atomic
def interaction_log(
    *,
    owner: AbstractBaseUser,
    people: Sequence[Person],
    occurred_at: datetime | None = None,
    channel: str = "message",
    kind: str = "touch",
    initiator: str = "me",
    summary: str = "",
    minutes: int | None = None,
    need: Need | None = None,
) -> Interaction:
    """Record that the owner was in touch with ``people``; return the interaction.

    A back-dated interaction counts like any other: the due date of every participant
    follows the latest interaction, whenever it was logged. The participants' scores are
    recomputed at once. ``need`` ties the contact to a need it was about (an ask, an
    introduction).
    """
    if not people:
        raise InvalidInput(_("an interaction needs at least one person"), field="people")
    if any(p.owner_id != owner.pk for p in people):
        raise InvalidInput(_("that person is not in your network"), field="people")
    moment = occurred_at or timezone.now()
    if timezone.is_naive(moment):
        raise InvalidInput(_("the time of an interaction needs a time zone"), field="when")
    if moment > timezone.now() + FUTURE_TOLERANCE:
        raise InvalidInput(_("an interaction cannot be in the future"), field="when")
    if minutes is not None and minutes < 0:
        raise InvalidInput(_("minutes cannot be negative"), field="minutes")
    if need is not None and need.owner_id != owner.pk:
        raise InvalidInput(_("that need is not yours"), field="need")
    interaction = Interaction.objects.create(
        owner=owner,
        occurred_at=moment,
        channel=_check(channel, vocab.CHANNELS, "channel"),
        kind=_check(kind, vocab.INTERACTION_KINDS, "kind"),
        initiator=_check(initiator, vocab.INITIATORS, "initiator"),
        summary=summary.strip(),
        minutes=minutes,
        need=need,
    )
    insert_rows(
        Participation,
        PARTICIPATION_FIELDS,
        participation_rows(
            owner_id=owner.pk,
            interaction_id=interaction.pk,
            occurred_at=moment,
            channel=interaction.channel,
            initiator=interaction.initiator,
            kind=interaction.kind,
            messages_me=0,
            messages_them=0,
            minutes=minutes,
            people=list(dict.fromkeys(p.pk for p in people)),
        ),
    )
    rescore(owner=owner, person_ids=[p.pk for p in people])
    keep_in_touch_fulfilled(owner=owner, person_ids=[p.pk for p in people])
    return interaction

"""Needs (*menitipkan*): open one, ask a helper, log an introduction, close it, thank.

A need moves ``open → asked → introduced →`` an outcome (``success``, ``no``,
``withdrawn``). Asks and introductions are interactions tied to the need, so they count in
the tie's figures like any contact. A need closed with success leaves the owner a reminder
to thank each person who helped and, later, to give back — a favour the owner owes, which
the weekly plan shows as a promise until it is done.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from jalin.core.errors import InvalidInput, NotFound
from jalin.core.models import Favour, Interaction, Need, Participation, Person, Reminder
from jalin.core.services.interactions import interaction_log
from jalin.core.services.links import link_get_or_create
from jalin.core.services.people import organisation_get_or_create
from jalin.core.services.scores import rescore
from jalin.domain import vocabulary as vocab
from jalin.domain.errors import _

THANK_WITHIN_DAYS = 2  # the thank-you reminder, after a success
GIVE_BACK_DAYS = 90  # the reminder to give back


def need_get(owner: AbstractBaseUser, need_id: int) -> Need:
    """Return ``owner``'s need ``need_id``; :class:`NotFound` for anyone else's or none."""
    need = Need.objects.filter(owner=owner, pk=need_id).select_related("beneficiary").first()
    if need is None:
        raise NotFound(_("no need #%(id)s in your network") % {"id": need_id})
    return need


@transaction.atomic
def need_create(
    *,
    owner: AbstractBaseUser,
    title: str,
    beneficiary: Person | None = None,
    kind: str = "other",
    organisation: str = "",
    field: str = "",
    city: str = "",
    notes: str = "",
    opened_on: date | None = None,
) -> Need:
    """Open a need for the owner or for ``beneficiary`` (someone in the network)."""
    title = title.strip()
    if not title:
        raise InvalidInput(_("a need needs a description"), field="title")
    if kind not in vocab.NEED_KINDS:
        raise InvalidInput(
            _("kind must be one of %(allowed)s, not %(value)r"),
            field="kind",
            allowed=", ".join(vocab.NEED_KINDS),
            value=kind,
        )
    if beneficiary is not None and beneficiary.owner_id != owner.pk:
        raise InvalidInput(_("that person is not in your network"), field="beneficiary")
    org = organisation_get_or_create(owner=owner, name=organisation) if organisation else None
    return Need.objects.create(
        owner=owner,
        beneficiary=beneficiary,
        kind=kind,
        title=title,
        organisation=org,
        field=field.strip(),
        city=city.strip(),
        notes=notes.strip(),
        opened_on=opened_on or timezone.localdate(),
    )


def _open(need: Need) -> None:
    if not need.is_open:
        raise InvalidInput(
            _("need #%(id)s is closed already (%(status)s)"), id=need.pk, status=need.status
        )


def _helper_check(owner: AbstractBaseUser, need: Need, person: Person) -> None:
    if person.owner_id != owner.pk:
        raise InvalidInput(_("that person is not in your network"), field="person")
    if need.beneficiary_id == person.pk:
        raise InvalidInput(
            _("%(name)s is who the need is for, not a helper"), field="person", name=person.name
        )


@transaction.atomic
def need_ask(
    *, owner: AbstractBaseUser, need: Need, helper: Person, summary: str = "", channel="message"
) -> Interaction:
    """Record that the owner asked ``helper`` for help with ``need``; return the ask."""
    _open(need)
    _helper_check(owner, need, helper)
    ask = interaction_log(
        owner=owner,
        people=[helper],
        channel=channel,
        kind="ask",
        summary=summary or need.title,
        need=need,
    )
    if need.status == "open":
        need.status = "asked"
        need.save(update_fields=["status"])
    return ask


@transaction.atomic
def need_introduce(
    *, owner: AbstractBaseUser, need: Need, introducer: Person, introduced: Person
) -> Interaction:
    """Record that ``introducer`` introduced the owner (or the beneficiary) to
    ``introduced`` for ``need``; return the introduction."""
    _open(need)
    _helper_check(owner, need, introducer)
    if introduced.owner_id != owner.pk:
        raise InvalidInput(_("that person is not in your network"), field="introduced")
    if introduced.pk == introducer.pk:
        raise InvalidInput(_("someone cannot introduce themselves"), field="introduced")
    intro = interaction_log(
        owner=owner,
        people=[introducer, introduced],
        channel="message",
        kind="intro",
        initiator="them",
        summary=f"{introducer.name} introduced {introduced.name}: {need.title}",
        need=need,
    )
    link_get_or_create(owner=owner, a=introduced, b=introducer, kind="introduced_by")
    need.status = "introduced"
    need.save(update_fields=["status"])
    return intro


def need_helpers_asked(need: Need) -> list[Person]:
    """Return who helped with ``need``: the people asked, and those who made an
    introduction (the first person of an introduction, as :func:`need_introduce` logs it),
    in the order they came in."""
    seen: dict[int, Person] = {}
    rows = (
        Participation.objects.filter(interaction__need=need, interaction__kind__in=("ask", "intro"))
        .select_related("person", "interaction")
        .order_by("interaction__occurred_at", "interaction_id", "id")
    )
    first_of: set[int] = set()
    for row in rows:
        if row.interaction.kind == "intro":
            if row.interaction_id in first_of:
                continue  # the person introduced, not a helper
            first_of.add(row.interaction_id)
        seen.setdefault(row.person_id, row.person)
    return list(seen.values())


@transaction.atomic
def need_close(
    *, owner: AbstractBaseUser, need: Need, outcome: str, on: date | None = None
) -> dict:
    """Close ``need`` with ``outcome``; after a success, each helper gets a thank-you
    reminder, a favour received, and a favour the owner owes with a reminder to give back.
    Returns what was created."""
    if outcome not in vocab.NEED_OUTCOMES:
        raise InvalidInput(
            _("outcome must be one of %(allowed)s, not %(value)r"),
            field="outcome",
            allowed=", ".join(vocab.NEED_OUTCOMES),
            value=outcome,
        )
    _open(need)
    today = on or timezone.localdate()
    need.status, need.closed_on = outcome, today
    need.save(update_fields=["status", "closed_on"])
    created = {"reminders": 0, "favours": 0}
    if outcome != "success":
        return created
    helpers = need_helpers_asked(need)
    for helper in helpers:
        Favour.objects.create(
            owner=owner, person=helper, direction="received", status="done",
            description=need.title, occurred_on=today, need=need,
        )  # fmt: skip
        Favour.objects.create(
            owner=owner, person=helper, direction="given", status="promised",
            description=f"give back to {helper.name} for: {need.title}", occurred_on=today,
            due_on=today + timedelta(days=GIVE_BACK_DAYS), need=need,
        )  # fmt: skip
        Reminder.objects.create(
            owner=owner, person=helper, kind="thank_you", need=need,
            title=f"Thank {helper.name} for: {need.title}",
            due_on=today + timedelta(days=THANK_WITHIN_DAYS),
        )  # fmt: skip
        Reminder.objects.create(
            owner=owner, person=helper, kind="give_back", need=need,
            title=f"Give back to {helper.name}", due_on=today + timedelta(days=GIVE_BACK_DAYS),
        )  # fmt: skip
        created["reminders"] += 2
        created["favours"] += 2
    if helpers:
        rescore(owner=owner, person_ids=[h.pk for h in helpers])
    return created

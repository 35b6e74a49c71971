"""Adding and editing people, with their contact points, circles and affiliation."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from jalin.core.errors import Conflict, InvalidInput
from jalin.core.models import Affiliation, Circle, ContactPoint, Organisation, Person, Tag
from jalin.core.services.scores import rescore
from jalin.domain import normalise
from jalin.domain.errors import _


def _circles(owner: AbstractBaseUser, wanted: Iterable[str]) -> list[Circle]:
    known = {c.slug: c for c in Circle.objects.filter(owner=owner)}
    by_name = {normalise.fold_name(c.name): c for c in known.values()}
    found = []
    for text in wanted:
        key = normalise.fold_name(text)
        circle = known.get(key) or by_name.get(key)
        if circle is None:
            raise InvalidInput(
                _("unknown circle %(circle)r (known: %(known)s)"),
                field="circles",
                circle=text,
                known=", ".join(sorted(known)),
            )
        found.append(circle)
    return found


def _tags(owner: AbstractBaseUser, names: Iterable[str]) -> list[Tag]:
    tags = []
    for name in {n.strip() for n in names if n.strip()}:
        tag, _created = Tag.objects.get_or_create(owner=owner, name=name)
        tags.append(tag)
    return tags


def organisation_get_or_create(*, owner: AbstractBaseUser, name: str) -> Organisation:
    """Return the owner's organisation called ``name`` (accent/case-insensitively), made once."""
    clean = normalise.clean_name(name)
    organisation, _created = Organisation.objects.get_or_create(
        owner=owner, name_key=normalise.fold_name(clean), defaults={"name": clean}
    )
    return organisation


def contact_points_add(
    *,
    owner: AbstractBaseUser,
    person: Person,
    phones: Iterable[str] = (),
    emails: Iterable[str] = (),
    source: str = "manual",
) -> list[ContactPoint]:
    """Add phones (stored E.164) and emails (lower-cased) to ``person``; return the new ones.

    A value the person already has is skipped; one that belongs to another person raises
    :class:`Conflict` naming that person, because a phone or an email identifies one person.
    """
    wanted = [("phone", normalise.phone_e164(p, settings.PHONE_REGION)) for p in phones]
    wanted += [("email", normalise.email_address(e)) for e in emails]
    added = []
    for kind, value in dict.fromkeys(wanted):
        holder = (
            ContactPoint.objects.filter(owner=owner, kind=kind, value=value)
            .select_related("person")
            .first()
        )
        if holder is not None:
            if holder.person_id == person.pk:
                continue
            raise Conflict(
                _("%(value)s belongs to %(name)s (#%(id)s)"),
                field=kind,
                value=value,
                name=holder.person.name,
                id=holder.person_id,
            )
        added.append(
            ContactPoint.objects.create(
                owner=owner, person=person, kind=kind, value=value, source=source
            )
        )
    return added


def _birthday_fields(birthday: str | None) -> dict:
    if not birthday:
        return {"birthday_year": None, "birthday_month": None, "birthday_day": None}
    year, month, day = normalise.birthday(birthday)
    return {"birthday_year": year, "birthday_month": month, "birthday_day": day}


@transaction.atomic
def person_create(
    *,
    owner: AbstractBaseUser,
    name: str,
    nickname: str = "",
    circles: Iterable[str] = (),
    tags: Iterable[str] = (),
    phones: Iterable[str] = (),
    emails: Iterable[str] = (),
    organisation: str = "",
    title: str = "",
    birthday: str | None = None,
    cadence_days: int | None = None,
    closeness: int | None = None,
    city: str = "",
    notes: str = "",
    met_how: str = "",
    added_on: date | None = None,
) -> Person:
    """Create a person in ``owner``'s network and return it; nothing is kept on bad input."""
    clean = normalise.clean_name(name)
    if title and not organisation:
        raise InvalidInput(_("a title needs an organisation"), field="title")
    person = Person(
        owner=owner,
        name=clean,
        name_key=normalise.fold_name(clean),
        nickname=nickname.strip(),
        cadence_days=normalise.cadence_days(cadence_days) if cadence_days is not None else None,
        closeness=normalise.closeness_rating(closeness) if closeness is not None else None,
        city=city.strip(),
        notes=notes.strip(),
        met_how=met_how.strip(),
        **_birthday_fields(birthday),
    )
    if added_on is not None:
        person.added_on = added_on
    circle_rows = _circles(owner, circles)
    person.save()
    person.circles.set(circle_rows)
    person.tags.set(_tags(owner, tags))
    contact_points_add(owner=owner, person=person, phones=phones, emails=emails)
    if organisation:
        Affiliation.objects.create(
            owner=owner,
            person=person,
            organisation=organisation_get_or_create(owner=owner, name=organisation),
            title=title.strip(),
        )
    rescore(owner=owner, person_ids=[person.pk])
    return person


@transaction.atomic
def person_update(
    *,
    owner: AbstractBaseUser,
    person: Person,
    name: str,
    nickname: str = "",
    circles: Iterable[str] = (),
    birthday: str | None = None,
    cadence_days: int | None = None,
    closeness: int | None = None,
    city: str = "",
    notes: str = "",
    phones: Iterable[str] = (),
    emails: Iterable[str] = (),
    organisation: str = "",
    title: str = "",
) -> Person:
    """Replace a person's editable fields; phones and emails given are added, never dropped.

    The current affiliation is replaced when the organisation or title changes; the old one
    is kept as past (with an end date) so the history is not lost.
    """
    if person.owner_id != owner.pk:
        raise InvalidInput(_("that person is not in your network"))
    person.name = normalise.clean_name(name)
    person.name_key = normalise.fold_name(person.name)
    person.nickname = nickname.strip()
    person.cadence_days = normalise.cadence_days(cadence_days) if cadence_days is not None else None
    person.closeness = normalise.closeness_rating(closeness) if closeness is not None else None
    person.city = city.strip()
    person.notes = notes.strip()
    for field_name, value in _birthday_fields(birthday).items():
        setattr(person, field_name, value)
    circle_rows = _circles(owner, circles)
    person.updated_at = timezone.now()
    person.save()
    person.circles.set(circle_rows)
    contact_points_add(owner=owner, person=person, phones=phones, emails=emails)
    _affiliation_replace(owner, person, organisation.strip(), title.strip())
    rescore(owner=owner, person_ids=[person.pk])
    return person


def _affiliation_replace(
    owner: AbstractBaseUser, person: Person, organisation: str, title: str
) -> None:
    current = person.affiliations.filter(end__isnull=True).select_related("organisation").first()
    if current is not None and (current.organisation.name, current.title) == (organisation, title):
        return
    if not organisation:
        if title:
            raise InvalidInput(_("a title needs an organisation"), field="title")
        if current is not None:
            current.end = timezone.localdate()
            current.save(update_fields=["end"])
        return
    if current is not None:
        current.end = timezone.localdate()
        current.save(update_fields=["end"])
    Affiliation.objects.create(
        owner=owner,
        person=person,
        organisation=organisation_get_or_create(owner=owner, name=organisation),
        title=title,
    )


def affiliation_add(
    *,
    owner: AbstractBaseUser,
    person: Person,
    organisation: str,
    title: str = "",
    kind: str = "work",
    start: date | None = None,
    end: date | None = None,
) -> Affiliation:
    """Record where ``person`` works or studies (or did, with an ``end``); a current job
    kept beside the others, as a CV lists them."""
    if person.owner_id != owner.pk:
        raise InvalidInput(_("that person is not in your network"), field="person")
    if not organisation.strip():
        raise InvalidInput(_("an affiliation needs an organisation"), field="organisation")
    if kind not in ("work", "study"):
        raise InvalidInput(_("an affiliation is work or study, not %(value)r"), value=kind)
    if start and end and end < start:
        raise InvalidInput(_("an affiliation cannot end before it starts"), field="end")
    return Affiliation.objects.create(
        owner=owner,
        person=person,
        organisation=organisation_get_or_create(owner=owner, name=organisation.strip()),
        title=title.strip(),
        kind=kind,
        start=start,
        end=end,
    )


@transaction.atomic
def people_bulk_edit(
    *,
    owner: AbstractBaseUser,
    person_ids: Iterable[int],
    add_circles: Iterable[str] = (),
    remove_circles: Iterable[str] = (),
    add_tags: Iterable[str] = (),
    cadence_days: int | None = None,
    clear_cadence: bool = False,
) -> int:
    """Change many people at once — after an import, typically — and return how many.

    Circles are added or removed, tags added, and the keep-in-touch cadence set or cleared
    (back to what their layer implies); everything else is left as it was. Every id must
    be one of the owner's people, or nothing changes.
    """
    wanted = sorted(set(person_ids))
    if not wanted:
        raise InvalidInput(_("choose at least one person"), field="people")
    add, remove = _circles(owner, add_circles), _circles(owner, remove_circles)
    tags = _tags(owner, add_tags)
    if cadence_days is not None and clear_cadence:
        raise InvalidInput(_("set a cadence or clear it, not both"), field="cadence_days")
    if not (add or remove or tags or cadence_days is not None or clear_cadence):
        raise InvalidInput(_("choose what to change"), field="people")
    found = set(Person.objects.filter(owner=owner, pk__in=wanted).values_list("pk", flat=True))
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        raise InvalidInput(
            _("no person with id %(ids)s in your network"),
            field="people",
            ids=", ".join(map(str, missing)),
        )
    in_circle, tagged = Person.circles.through, Person.tags.through
    in_circle.objects.bulk_create(
        [in_circle(person_id=pk, circle_id=c.pk) for pk in wanted for c in add],
        ignore_conflicts=True,
    )
    in_circle.objects.filter(person_id__in=wanted, circle__in=remove).delete()
    tagged.objects.bulk_create(
        [tagged(person_id=pk, tag_id=t.pk) for pk in wanted for t in tags], ignore_conflicts=True
    )
    changes: dict = {"updated_at": timezone.now()}
    if cadence_days is not None:
        changes["cadence_days"] = normalise.cadence_days(cadence_days)
    elif clear_cadence:
        changes["cadence_days"] = None
    Person.objects.filter(owner=owner, pk__in=wanted).update(**changes)
    if add or remove or "cadence_days" in changes:
        rescore(owner=owner, person_ids=wanted)
    return len(wanted)

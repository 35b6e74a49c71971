"""Storing a whole network of plain records at once (the demo network; later, imports)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from jalin.core.bulk import insert_rows
from jalin.core.errors import InvalidInput
from jalin.core.models import (
    Affiliation,
    Circle,
    ContactPoint,
    Favour,
    Interaction,
    Link,
    Organisation,
    Participation,
    Person,
    Tag,
)
from jalin.core.participation import PARTICIPATION_FIELDS, participation_rows
from jalin.core.services.scores import rescore
from jalin.domain import normalise
from jalin.domain.records import NetworkRecords, PersonRecord


@transaction.atomic
def network_store(
    *, owner: AbstractBaseUser, network: NetworkRecords, source: str
) -> dict[str, int]:
    """Store every person, interaction, link and favour of ``network``; return the counts.

    Records refer to each other by key; this maps keys to new rows. Bulk inserts keep a
    network of thousands of interactions to a few seconds on SQLite.
    """
    people = _store_people(owner, network.people, source)
    interactions = [
        Interaction(
            owner=owner,
            occurred_at=r.occurred_at,
            channel=r.channel,
            initiator=r.initiator,
            kind=r.kind,
            summary=r.summary,
            messages_me=r.messages_me,
            messages_them=r.messages_them,
            minutes=r.minutes,
            source=source,
            external_key=r.external_key,
        )
        for r in network.interactions
    ]
    Interaction.objects.bulk_create(interactions, batch_size=1000)
    rows = [
        values
        for row, record in zip(interactions, network.interactions, strict=True)
        for values in participation_rows(
            owner_id=owner.pk,
            interaction_id=row.pk,
            occurred_at=row.occurred_at,
            channel=row.channel,
            initiator=row.initiator,
            kind=row.kind,
            messages_me=row.messages_me,
            messages_them=row.messages_them,
            minutes=row.minutes,
            people=[people[key].pk for key in dict.fromkeys(record.person_keys)],
        )
    ]
    insert_rows(Participation, PARTICIPATION_FIELDS, rows)
    Link.objects.bulk_create(
        Link(
            owner=owner,
            from_person=people[r.from_key],
            to_person=people[r.to_key],
            kind=r.kind,
            source=source,
        )
        for r in network.links
    )
    Favour.objects.bulk_create(
        Favour(
            owner=owner,
            person=people[r.person_key],
            direction=r.direction,
            status=r.status,
            description=r.description,
            **({"occurred_on": r.occurred_on} if r.occurred_on else {}),
        )
        for r in network.favours
    )
    rescore(owner=owner)
    return {
        "people": len(people),
        "interactions": len(interactions),
        "links": len(network.links),
        "favours": len(network.favours),
    }


def _store_people(
    owner: AbstractBaseUser, records: tuple[PersonRecord, ...], source: str
) -> dict[str, Person]:
    circles = {c.slug: c for c in Circle.objects.filter(owner=owner)}
    people: dict[str, Person] = {}
    for record in records:
        name = normalise.clean_name(record.name)
        people[record.key] = Person(
            owner=owner,
            name=name,
            name_key=normalise.fold_name(name),
            nickname=record.nickname,
            birthday_year=record.birthday[0] if record.birthday else None,
            birthday_month=record.birthday[1] if record.birthday else None,
            birthday_day=record.birthday[2] if record.birthday else None,
            city=record.city,
            met_how=record.met_how,
            met_on=record.met_on,
            notes=record.notes,
            closeness=record.closeness,
            layer=record.layer,
            cadence_days=record.cadence_days,
            **({"added_on": record.added_on} if record.added_on else {}),
        )
    Person.objects.bulk_create(people.values(), batch_size=500)

    tags = {}
    for name in sorted({t for r in records for t in r.tags}):
        tags[name], _ = Tag.objects.get_or_create(owner=owner, name=name)
    circle_links, tag_links, points, affiliations = [], [], [], []
    organisations: dict[str, Organisation] = {}
    for record in records:
        person = people[record.key]
        for slug in record.circles:
            if slug not in circles:
                raise InvalidInput(f"{record.key}: unknown circle {slug!r}")
            circle_links.append(
                Person.circles.through(person_id=person.pk, circle_id=circles[slug].pk)
            )
        tag_links += [
            Person.tags.through(person_id=person.pk, tag_id=tags[t].pk) for t in record.tags
        ]
        points += [
            ContactPoint(
                owner=owner,
                person=person,
                kind="phone",
                source=source,
                value=normalise.phone_e164(p, settings.PHONE_REGION),
            )
            for p in record.phones
        ]
        points += [
            ContactPoint(
                owner=owner,
                person=person,
                kind="email",
                source=source,
                value=normalise.email_address(e),
            )
            for e in record.emails
        ]
        for aff in record.affiliations:
            key = normalise.fold_name(aff.organisation)
            if key not in organisations:
                organisations[key], _ = Organisation.objects.get_or_create(
                    owner=owner, name_key=key, defaults={"name": aff.organisation}
                )
            affiliations.append(
                Affiliation(
                    owner=owner,
                    person=person,
                    organisation=organisations[key],
                    title=aff.title,
                    kind=aff.kind,
                    start=aff.start,
                    end=aff.end,
                )
            )
    Person.circles.through.objects.bulk_create(circle_links, batch_size=2000)
    Person.tags.through.objects.bulk_create(tag_links, batch_size=2000)
    ContactPoint.objects.bulk_create(points, batch_size=1000)
    Affiliation.objects.bulk_create(affiliations, batch_size=1000)
    return people

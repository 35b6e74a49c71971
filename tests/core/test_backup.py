import copy
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from jalin.core.errors import Conflict, InvalidInput
from jalin.core.models import Favour, Link, Person, Reminder
from jalin.core.services.backup import backup_export, backup_restore
from jalin.core.services.interactions import interaction_log


@pytest.fixture
def network(owner, make_person):
    budi = make_person(
        "Budi Santoso",
        circles=["friends", "work"],
        phones=["0812-3456-7890"],
        organisation="Bank Mandiri",
        title="Analyst",
        birthday="1990-03-22",
        tags=["alumni"],
        closeness=8,
    )
    ani = make_person("Ani Wijaya", circles=["family"], emails=["ani@example.com"])
    Link.objects.create(owner=owner, from_person=ani, to_person=budi, kind="sibling")
    talk = interaction_log(
        owner=owner,
        people=[budi, ani],
        channel="meeting",
        kind="ask",
        summary="Kopi",
        occurred_at=datetime(2026, 5, 1, 19, 30, tzinfo=ZoneInfo("Asia/Jakarta")),
    )
    Favour.objects.create(
        owner=owner, person=budi, direction="received", description="CV", interaction=talk
    )
    Reminder.objects.create(
        owner=owner,
        person=ani,
        kind="birthday",
        title="Ani",
        due_on="2027-01-02",
        recur_yearly=True,
    )
    merged = make_person("Budi S.")
    merged.merged_into = budi
    merged.save()
    return owner


def _without_time(document):
    document = copy.deepcopy(document)
    document.pop("exported_at")
    document.pop("owner")
    return document


def test_a_backup_restores_exactly_into_an_empty_network(network, other_owner):
    exported = backup_export(owner=network)
    counts = backup_restore(owner=other_owner, document=copy.deepcopy(exported))
    assert counts["people"] == 3
    assert _without_time(backup_export(owner=other_owner)) == _without_time(exported)


def test_a_restored_network_keeps_relations(network, other_owner):
    backup_restore(owner=other_owner, document=backup_export(owner=network))
    budi = Person.objects.get(owner=other_owner, name="Budi Santoso")
    assert budi.interactions.get().participants.count() == 2
    assert Person.objects.get(owner=other_owner, name="Budi S.").merged_into == budi
    assert budi.favours.get().interaction.summary == "Kopi"
    assert {c.slug for c in budi.circles.all()} == {"friends", "work"}


def test_a_backup_never_restores_over_existing_data(network):
    with pytest.raises(Conflict, match="empty network"):
        backup_restore(owner=network, document=backup_export(owner=network))


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(format="other"), "not a jalin backup"),
        (lambda d: d.update(version=99), "version 99"),
        (lambda d: d["people"][1].update(birthday_month="March"), r"people\[1\]"),
        (lambda d: d["interactions"][0].update(channel="pigeon"), r"interactions\[0\].*channel"),
        (lambda d: d["contact_points"][0].update(person=42), "no people with ref 42"),
        (lambda d: d["people"][0].update(circles=[9]), "no circles with ref 9"),
        (lambda d: d.update(people="nope"), "people: expected a list"),
    ],
)
def test_a_malformed_backup_says_where_and_changes_nothing(network, other_owner, mutate, message):
    document = backup_export(owner=network)
    mutate(document)
    with pytest.raises(InvalidInput, match=message):
        backup_restore(owner=other_owner, document=document)
    assert not Person.objects.filter(owner=other_owner).exists()
    assert sorted(other_owner_circles(other_owner)) == ["community", "family", "friends", "work"]


def other_owner_circles(user):
    from jalin.core.models import Circle

    return Circle.objects.filter(owner=user).values_list("slug", flat=True)

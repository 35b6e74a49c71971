"""The people list a page at a time: in the order of the one query that defines it, however
it is read, and only ever the owner's people."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from jalin.core.models import Person, TieScore
from jalin.core.people_list import (
    SORTS,
    ListedRows,
    PeopleFilter,
    listed_rows,
    people_matching,
)


def test_every_window_of_every_order_is_the_one_querys_and_only_the_owners(
    owner, other_owner, make_person
):
    now = timezone.now()
    # Strengths with ties (the name decides), people never in contact, people not scored
    # yet, an archived person and another owner's strongest tie.
    # Made out of their names' order, so that the order by name is not the order by id.
    plan = [
        ("Joko", 50, 12), ("Hadi", None, None), ("Bayu", 70, None), ("Ayu", 70, 3),
        ("Eko", 20, None), ("Citra", 20, 40), ("Fajar", None, None), ("Dewi", 95, 1),
        ("Indah", 5, 200), ("Gita", 50, 3),
    ]  # fmt: skip
    for name, strength, days_ago in plan:
        person = make_person(name)
        if strength is None:
            TieScore.objects.filter(person=person).delete()
        else:
            TieScore.objects.filter(person=person).update(
                strength=strength,
                priority=strength / 10,
                status="drifting" if strength < 60 else "ok",
                last_contact_at=None if days_ago is None else now - timedelta(days=days_ago),
            )
    archived = make_person("Arsip")
    Person.objects.filter(pk=archived.pk).update(archived=True)
    TieScore.objects.filter(person=archived).update(strength=99, priority=9.9)
    stranger = make_person("Zaki", who=other_owner)
    TieScore.objects.filter(person=stranger).update(strength=100, priority=10, last_contact_at=now)

    for wanted in [PeopleFilter(sort=sort) for sort in SORTS] + [
        PeopleFilter(sort="strength", status="drifting"),
        PeopleFilter(sort="quiet", query="a"),
    ]:
        expected = list(listed_rows(people_matching(owner, wanted)))
        listed = ListedRows(owner, wanted)
        assert listed.count() == len(expected), wanted
        for width in (1, 3, 4):
            for start in range(0, len(expected) + 2):
                assert listed[start : start + width] == expected[start : start + width], (
                    wanted,
                    start,
                    width,
                )
    everyone = ListedRows(owner, PeopleFilter(sort="strength"))
    names = [row[1] for row in everyone[0:20]]
    assert names[:4] == ["Dewi", "Ayu", "Bayu", "Gita"]  # strongest first, ties by name
    assert names[-2:] == ["Fajar", "Hadi"]  # those not scored yet last, by name
    assert "Zaki" not in names
    assert "Arsip" not in names
    quiet = [row[1] for row in ListedRows(owner, PeopleFilter(sort="quiet"))[0:20]]
    assert quiet[:4] == ["Bayu", "Eko", "Fajar", "Hadi"]  # never in contact: first
    assert quiet[4] == "Indah"

from datetime import date, timedelta

import pytest

from jalin.core.errors import InvalidInput
from jalin.core.models import DuplicatePair, Favour, Link, Person
from jalin.core.services.backup import backup_export
from jalin.core.services.dedupe import duplicate_skip, duplicates_list, merge_undo, person_merge
from jalin.core.services.interactions import interaction_log

# Added ten days ago with a weekly cadence and never contacted: due today.
ADDED = date.today() - timedelta(days=10)


@pytest.fixture
def pair(owner, make_person):
    keep = make_person("Budi Santoso", circles=["work"], phones=["0812-3456-7890"])
    merge = make_person(
        "Budi S.",
        circles=["friends"],
        emails=["budi@example.com"],
        birthday="1990-03-22",
        organisation="Bank Mandiri",
        notes="Suka kopi",
        tags=["alumni"],
    )
    sister = make_person("Ani Santoso")
    Link.objects.create(owner=owner, from_person=sister, to_person=merge, kind="sibling")
    Link.objects.create(owner=owner, from_person=sister, to_person=keep, kind="sibling")
    interaction_log(owner=owner, people=[merge], summary="Kopi")
    interaction_log(owner=owner, people=[keep, merge], summary="Rapat")
    Favour.objects.create(owner=owner, person=merge, direction="received", description="CV")
    DuplicatePair.objects.create(owner=owner, a=keep, b=merge, score=92, reasons=["names alike"])
    return keep, merge


def test_a_merge_keeps_everything_of_both(owner, pair):
    keep, merge = pair
    person_merge(owner=owner, keep=keep, merge=merge)
    keep.refresh_from_db()
    merge.refresh_from_db()
    assert merge.archived
    assert merge.merged_into == keep
    assert set(keep.contact_points.values_list("value", flat=True)) == {
        "+6281234567890",
        "budi@example.com",
    }
    assert {i.summary for i in keep.interactions.all()} == {"Kopi", "Rapat"}
    assert keep.interactions.get(summary="Rapat").participants.count() == 1
    assert keep.favours.count() == 1
    assert {c.slug for c in keep.circles.all()} == {"work", "friends"}
    assert keep.birthday_text == "1990-03-22"
    assert "Suka kopi" in keep.notes
    assert keep.affiliations.get().organisation.name == "Bank Mandiri"
    assert Link.objects.filter(to_person=keep).count() == 1
    assert list(duplicates_list(owner)) == []


def test_undoing_a_merge_restores_both_people_exactly(owner, pair):
    keep, merge = pair
    before = backup_export(owner=owner)
    record = person_merge(owner=owner, keep=keep, merge=merge)
    merge_undo(owner=owner, merge_id=record.pk)
    after = backup_export(owner=owner)
    for document in (before, after):
        for key in ("exported_at", "merges", "duplicate_pairs"):
            document.pop(key)
        for person in document["people"]:
            person.pop("updated_at")
        # A link that the merge had to drop (it would have doubled another) comes back as a
        # new row: compare links by what they say, not by their order.
        document["links"] = sorted(
            (link["from_person"], link["to_person"], link["kind"]) for link in document["links"]
        )
    assert after == before
    assert [(p.a, p.b) for p in duplicates_list(owner)] == [(keep, merge)]


def test_a_merge_can_only_be_undone_once(owner, pair):
    record = person_merge(owner=owner, keep=pair[0], merge=pair[1])
    merge_undo(owner=owner, merge_id=record.pk)
    with pytest.raises(InvalidInput, match="undone already"):
        merge_undo(owner=owner, merge_id=record.pk)


def test_nobody_merges_with_themselves_or_with_anothers_person(owner, other_owner, pair):
    from jalin.core.errors import NotFound
    from jalin.core.services.people import person_create

    with pytest.raises(InvalidInput):
        person_merge(owner=owner, keep=pair[0], merge=pair[0])
    theirs = person_create(owner=other_owner, name="Budi Santoso")
    with pytest.raises(NotFound):
        person_merge(owner=owner, keep=pair[0], merge=theirs)
    assert not Person.objects.get(pk=theirs.pk).archived


def test_skipping_a_pair_keeps_it_out_of_the_queue(owner, pair):
    duplicate_skip(owner=owner, a=pair[1], b=pair[0])
    assert list(duplicates_list(owner)) == []
    assert DuplicatePair.objects.get().status == "skipped"


def test_merged_people_are_not_due(owner, make_person):
    from jalin.core.selectors import due_list

    keep = make_person("A", cadence_days=7, added_on=ADDED)
    merge = make_person("A2", cadence_days=7, added_on=ADDED)
    person_merge(owner=owner, keep=keep, merge=merge)
    assert [d.person for d in due_list(owner)] == [keep]

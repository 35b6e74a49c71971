import pytest

from jalin.core.errors import Conflict, InvalidInput
from jalin.core.models import ContactPoint, Person
from jalin.core.services.people import person_create, person_update


def test_it_creates_a_person_with_normalised_contact_points(make_person):
    person = make_person(
        "  Budi   Santoso ",
        circles=["friends"],
        phones=["0812-3456-7890"],
        emails=["Budi@Example.com"],
        organisation="Bank Mandiri",
        title="Analyst",
        birthday="--03-22",
        closeness=8,
    )
    assert person.name == "Budi Santoso"
    assert sorted(person.contact_points.values_list("kind", "value")) == [
        ("email", "budi@example.com"),
        ("phone", "+6281234567890"),
    ]
    assert [c.slug for c in person.circles.all()] == ["friends"]
    affiliation = person.affiliations.get()
    assert (affiliation.organisation.name, affiliation.title) == ("Bank Mandiri", "Analyst")
    assert (person.birthday_year, person.birthday_month, person.birthday_day) == (None, 3, 22)


def test_a_circle_can_be_named_by_its_slug_or_its_name(make_person):
    assert [c.slug for c in make_person("A", circles=["Family"]).circles.all()] == ["family"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"phones": ["12"]}, "phone"),
        ({"emails": ["nope"]}, "email"),
        ({"birthday": "1990-02-30"}, "birthday"),
        ({"closeness": 11}, "closeness"),
        ({"cadence_days": 0}, None),
        ({"circles": ["gereja"]}, "circles"),
        ({"title": "CEO"}, "title"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(make_person, owner, fields, field):
    with pytest.raises(InvalidInput) as caught:
        make_person("Budi Santoso", **fields)
    if field:
        assert caught.value.field == field
    assert not Person.objects.filter(owner=owner).exists()


def test_an_email_of_another_person_is_a_conflict_naming_them(make_person, owner):
    budi = make_person("Budi Santoso", emails=["budi@example.com"])
    with pytest.raises(Conflict, match=f"Budi Santoso \\(#{budi.pk}\\)"):
        make_person("Budi Lain", emails=["BUDI@example.com"])
    assert Person.objects.filter(owner=owner).count() == 1


def test_two_owners_may_both_know_the_same_email(make_person, other_owner):
    make_person("Budi Santoso", emails=["budi@example.com"])
    make_person("Budi Santoso", who=other_owner, emails=["budi@example.com"])
    assert ContactPoint.objects.filter(value="budi@example.com").count() == 2


def test_updating_keeps_the_old_job_as_past(make_person, owner):
    person = make_person("Sari Dewi", organisation="Gojek", title="PM")
    person_update(
        owner=owner, person=person, name="Sari Dewi", organisation="Tokopedia", title="Lead PM"
    )
    jobs = {(a.organisation.name, a.title, a.is_current) for a in person.affiliations.all()}
    assert jobs == {("Gojek", "PM", False), ("Tokopedia", "Lead PM", True)}


def test_one_owner_cannot_update_anothers_person(make_person, other_owner):
    person = make_person("Sari Dewi")
    with pytest.raises(InvalidInput):
        person_update(owner=other_owner, person=person, name="Taken Over")
    person.refresh_from_db()
    assert person.name == "Sari Dewi"


def test_an_owner_cannot_use_anothers_circles(owner, other_owner):
    # Circles are looked up among the owner's own, so another owner's are simply unknown.
    person = person_create(owner=other_owner, name="X", circles=["family"])
    assert person.circles.get().owner == other_owner

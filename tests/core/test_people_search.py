"""The full-text index over people stays current whatever writes them."""

from __future__ import annotations

from jalin.core.helper_search import helpers_for
from jalin.core.models import Person
from jalin.core.people_search import people_with_any
from jalin.core.services.needs import need_create
from jalin.core.services.people import affiliation_add, person_update
from tests.core.test_imports import VCARDS, run


def test_names_notes_tags_titles_and_organisations_are_found(owner, make_person):
    sari = make_person("Sari Wulandari", tags=["Perbankan"], notes="Dulu kuliah di Bandung")
    affiliation_add(owner=owner, person=sari, organisation="Bank Mandiri", title="HR Manager")
    assert people_with_any(owner, ["perbankan"]) == {sari.pk}
    assert people_with_any(owner, ["BANDUNG"]) == {sari.pk}
    assert people_with_any(owner, ["manager"]) == {sari.pk}
    assert people_with_any(owner, ["mandiri", "nothing"]) == {sari.pk}
    assert people_with_any(owner, ["wulandari"]) == {sari.pk}
    assert people_with_any(owner, ["Jakarta"]) == set()


def test_an_edit_an_import_and_a_deletion_keep_the_index_current(owner, make_person):
    budi = make_person("Budi Santoso", city="Medan")
    person_update(owner=owner, person=budi, name="Budi Santoso", city="Surabaya")
    assert people_with_any(owner, ["surabaya"]) == {budi.pk}
    assert people_with_any(owner, ["medan"]) == set()
    run(owner, VCARDS, "contacts.vcf")  # a Budi Santoso at Bank Mandiri, analyst
    [analyst] = people_with_any(owner, ["analyst"])
    assert Person.objects.get(pk=analyst).affiliations.get().title == "Analyst"
    Person.objects.filter(pk__in=[budi.pk, analyst]).delete()
    assert people_with_any(owner, ["surabaya", "analyst"]) == set()


def test_another_owners_people_are_never_found(owner, other_owner, make_person):
    make_person("Rahasia Orang", city="Bogor", who=other_owner)
    assert people_with_any(owner, ["bogor"]) == set()


def test_a_need_without_an_organisation_finds_helpers_by_field_and_city(owner, make_person):
    dewi = make_person("Dewi Lestari", city="Bandung")
    affiliation_add(owner=owner, person=dewi, organisation="Telkom", title="Data Analyst")
    make_person("Eko Prasetyo", city="Jakarta")
    need = need_create(owner=owner, title="Mentor", kind="advice", field="data analyst",
                       city="Bandung")  # fmt: skip
    [helper] = helpers_for(owner, need)
    assert helper.person_id == dewi.pk
    assert ("lives_in", "Bandung") in helper.found

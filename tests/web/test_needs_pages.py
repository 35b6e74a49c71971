"""The needs pages: open a need, see helpers and their paths, log the steps, close it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from jalin.core.models import Favour, Need, Reminder
from jalin.core.services.links import link_create
from jalin.core.services.needs import need_create
from jalin.core.services.people import affiliation_add, person_create


@pytest.fixture
def people(owner, make_person):
    rizky = make_person("Rizky Pratama", circles=["family"])
    sari = make_person("Sari Wulandari")
    budi = make_person("Budi Santoso", closeness=9)
    affiliation_add(owner=owner, person=sari, organisation="Bank Mandiri", title="HR Manager")
    link_create(owner=owner, a=budi, b=sari, kind="friend")
    return rizky, sari, budi


def test_a_need_is_opened_from_the_board_and_shows_its_helpers(signed_in, owner, people):
    response = signed_in.post(reverse("needs"), {
        "title": "Kerja untuk Rizky", "beneficiary": "rizky", "kind": "job",
        "organisation": "Mandiri", "field": "", "city": "",
    })  # fmt: skip
    need = Need.objects.get(owner=owner)
    assert response.status_code == 302
    assert need.beneficiary == people[0]
    page = signed_in.get(reverse("need_detail", args=[need.pk])).content.decode()
    assert "Budi Santoso (friend of Sari Wulandari) can introduce you to Sari Wulandari" in page
    assert "works at Bank Mandiri (HR Manager)" in page
    assert "<svg" in page
    board = signed_in.get(reverse("needs")).content.decode()
    assert "Kerja untuk Rizky" in board


def test_an_unknown_person_is_named_beside_the_field_and_nothing_is_stored(signed_in, owner):
    response = signed_in.post(reverse("needs"), {"title": "Sekolah", "beneficiary": "Nobody",
                                                 "kind": "school"})  # fmt: skip
    assert response.status_code == 200
    assert "no person matches" in response.content.decode()
    assert not Need.objects.exists()


def test_the_ask_the_introduction_and_a_success_in_clicks(signed_in, owner, people):
    rizky, sari, budi = people
    need = need_create(owner=owner, title="Kerja untuk Rizky", beneficiary=rizky,
                       organisation="Bank Mandiri")  # fmt: skip
    signed_in.post(reverse("need_ask", args=[need.pk, budi.pk]))
    signed_in.post(reverse("need_intro", args=[need.pk, budi.pk, sari.pk]))
    signed_in.post(reverse("need_close", args=[need.pk]), {"outcome": "success"})
    need.refresh_from_db()
    assert need.status == "success"
    assert Reminder.objects.filter(need=need, person=budi, kind="thank_you").exists()
    page = signed_in.get(reverse("need_detail", args=[need.pk])).content.decode()
    assert 'id="thanks"' in page
    person_page = signed_in.get(reverse("person_detail", args=[budi.pk])).content.decode()
    assert "give back to Budi Santoso for: Kerja untuk Rizky" in person_page


def test_a_favour_is_added_from_the_person_page(signed_in, owner, people):
    budi = people[2]
    signed_in.post(reverse("person_favour", args=[budi.pk]), {
        "direction": "received", "description": "Pinjam mobil", "status": "done",
    })  # fmt: skip
    assert Favour.objects.get(person=budi).direction == "received"


def test_nobody_reaches_another_owners_needs_or_people(signed_in, owner, other_owner, people):
    theirs = person_create(owner=other_owner, name="Rahasia")
    need = need_create(owner=other_owner, title="Rahasia juga")
    assert signed_in.get(reverse("need_detail", args=[need.pk])).status_code == 404
    mine = need_create(owner=owner, title="Punya saya", organisation="Bank Mandiri")
    assert signed_in.post(reverse("need_ask", args=[mine.pk, theirs.pk])).status_code == 404
    assert signed_in.post(reverse("need_close", args=[need.pk]),
                          {"outcome": "no"}).status_code == 404  # fmt: skip
    assert Need.objects.get(pk=need.pk).status == "open"


def test_the_needs_pages_read_in_indonesian(signed_in, owner, people):
    need = need_create(owner=owner, title="Kerja", beneficiary=people[0],
                       organisation="Bank Mandiri")  # fmt: skip
    signed_in.post(reverse("language"), {"language": "id", "next": "/needs/"})
    page = signed_in.get(reverse("need_detail", args=[need.pk])).content.decode()
    assert "Siapa yang bisa membantu" in page
    assert "bekerja di Bank Mandiri" in page

"""The people page: search over everything known of a person, filters, order, pages, and
changing many people at once — only ever the owner's."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from jalin.core.models import Person, TieScore
from jalin.core.services.interactions import interaction_log

HTMX = {"HX-Request": "true", "HX-Target": "people-results"}


def names_on(page: str, *candidates: str) -> set[str]:
    return {name for name in candidates if name in page}


def test_the_search_reads_titles_notes_tags_and_word_starts(signed_in, make_person):
    make_person("Budi Santoso", organisation="Bank Mandiri", title="Kepala Cabang")
    make_person("Sari Dewi", notes="Suka mendaki gunung", tags=["alumni-ui"])
    make_person("Ani Wijaya", emails=["ani@contoh.id"], city="Bandung")
    everyone = ("Budi Santoso", "Sari Dewi", "Ani Wijaya")

    def found(q: str) -> set[str]:
        page = signed_in.get(reverse("people"), {"q": q}, headers=HTMX).content.decode()
        return names_on(page, *everyone)

    assert found("kepala") == {"Budi Santoso"}  # a title
    assert found("mandiri") == {"Budi Santoso"}  # an organisation
    assert found("gunung") == {"Sari Dewi"}  # the notes
    assert found("alumni") == {"Sari Dewi"}  # a tag
    assert found("ban") == {"Budi Santoso", "Ani Wijaya"}  # Bank, Bandung: word starts
    assert found("ban mand") == {"Budi Santoso"}  # every word must match
    assert found("ani@contoh") == {"Ani Wijaya"}  # an email
    assert found("nobody-like-this") == set()


def test_filters_by_status_strength_and_circle_and_sorts_by_strength(signed_in, owner, make_person):
    kept = make_person("Dekat Sekali", circles=["family"], cadence_days=30)
    quiet = make_person("Lama Hilang", circles=["friends"], cadence_days=7)
    interaction_log(owner=owner, people=[kept], occurred_at=timezone.now() - timedelta(days=1))
    interaction_log(owner=owner, people=[quiet], occurred_at=timezone.now() - timedelta(days=80))
    status = TieScore.objects.get(person=quiet).status
    assert status in ("drifting", "dormant", "due")
    names = ("Dekat Sekali", "Lama Hilang")

    def shown(**params) -> set[str]:
        page = signed_in.get(reverse("people"), params, headers=HTMX).content.decode()
        return names_on(page, *names)

    assert shown(status=status) == {"Lama Hilang"}
    assert shown(status="ok") == {"Dekat Sekali"}
    assert shown(circle="family") == {"Dekat Sekali"}
    strong = TieScore.objects.get(person=kept).strength
    assert shown(strength=min(80, strong // 20 * 20)) == {"Dekat Sekali"}
    page = signed_in.get(reverse("people"), {"sort": "strength"}, headers=HTMX).content.decode()
    assert page.index("Dekat Sekali") < page.index("Lama Hilang")
    page = signed_in.get(reverse("people"), {"sort": "quiet"}, headers=HTMX).content.decode()
    assert page.index("Lama Hilang") < page.index("Dekat Sekali")
    # A value the form does not know is ignored, not an error.
    assert shown(status="nonsense", layer="99") == set(names)


def test_a_long_list_comes_in_pages_in_a_constant_number_of_queries(
    signed_in, owner, django_assert_num_queries
):
    Person.objects.bulk_create(
        [Person(owner=owner, name=f"Orang {n:03}", name_key=f"orang {n:03}") for n in range(120)]
    )
    # The session, the owner, the profile, the circles, the count, the page, its circles.
    with django_assert_num_queries(7):
        first = signed_in.get(reverse("people")).content.decode()
    assert "120 people" in first
    assert "Orang 000" in first
    assert "Orang 049" in first
    assert "Orang 050" not in first
    assert "page 1 of 3" in first
    third = signed_in.get(reverse("people"), {"page": 3}, headers=HTMX).content.decode()
    assert "Orang 100" in third
    assert "Orang 119" in third
    assert "Orang 099" not in third


def test_bulk_edit_adds_a_circle_tags_and_a_cadence_to_the_ticked_people(
    signed_in, owner, make_person
):
    a, b, untouched = make_person("Satu"), make_person("Dua"), make_person("Tiga")
    response = signed_in.post(
        reverse("people_bulk"),
        {"people": [a.pk, b.pk], "add_circle": "work", "add_tags": "expo 2026, vendor",
         "cadence_days": "45", "next": "/people/?q=a"},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == "/people/?q=a"
    for person in (a, b):
        person.refresh_from_db()
        assert [c.slug for c in person.circles.all()] == ["work"]
        assert sorted(t.name for t in person.tags.all()) == ["expo 2026", "vendor"]
        assert person.cadence_days == 45
        assert TieScore.objects.get(person=person).cadence_days == 45
    untouched.refresh_from_db()
    assert untouched.circles.count() == 0
    assert untouched.cadence_days is None
    page = signed_in.get(reverse("people")).content.decode()
    assert "2 people changed." in page
    signed_in.post(reverse("people_bulk"), {"people": [a.pk], "remove_circle": "work",
                                            "clear_cadence": "on"})  # fmt: skip
    a.refresh_from_db()
    assert a.circles.count() == 0
    assert a.cadence_days is None


def test_bulk_edit_with_another_owners_person_changes_nobody(signed_in, make_person, other_owner):
    mine = make_person("Punyaku")
    theirs = make_person("Punya Orang", who=other_owner)
    response = signed_in.post(
        reverse("people_bulk"), {"people": [mine.pk, theirs.pk], "add_circle": "work"}
    )
    assert response.status_code == 400
    assert f"no person with id {theirs.pk} in your network" in response.content.decode()
    assert mine.circles.count() == 0
    assert theirs.circles.count() == 0


def test_bulk_edit_without_a_change_or_a_person_says_so(signed_in, make_person):
    person = make_person("Satu")
    nothing = signed_in.post(reverse("people_bulk"), {"people": [person.pk]})
    assert nothing.status_code == 400
    assert "choose what to change" in nothing.content.decode()
    nobody = signed_in.post(reverse("people_bulk"), {"add_circle": "work"})
    assert nobody.status_code == 400
    assert person.circles.count() == 0


def test_the_people_page_lists_only_the_owners_people(signed_in, make_person, other_owner):
    make_person("Punyaku", notes="rahasia bersama")
    make_person("Punya Orang", who=other_owner, notes="rahasia bersama")
    page = signed_in.get(reverse("people"), {"q": "rahasia"}).content.decode()
    assert "Punyaku" in page
    assert "Punya Orang" not in page

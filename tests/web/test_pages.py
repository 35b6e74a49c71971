from datetime import date, timedelta

import pytest
from django.urls import reverse

from jalin.core.models import Interaction, Person
from jalin.core.services.people import person_create

# Added ten days ago with a weekly cadence and never contacted: due today.
ADDED = date.today() - timedelta(days=10)

PAGES = ["today", "people", "person_add"]
PERSON_PAGES = ["person_detail", "person_edit"]


@pytest.mark.parametrize("name", PAGES + PERSON_PAGES + ["person_log"])
def test_every_page_asks_a_stranger_to_log_in(client, make_person, name):
    person = make_person("Budi Santoso")
    args = [person.pk] if name.startswith("person_") and name != "person_add" else []
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", PERSON_PAGES)
def test_nobody_sees_another_owners_person(signed_in, other_owner, name):
    theirs = person_create(owner=other_owner, name="Rahasia")
    assert signed_in.get(reverse(name, args=[theirs.pk])).status_code == 404


def test_nobody_logs_contact_with_another_owners_person(signed_in, other_owner):
    theirs = person_create(owner=other_owner, name="Rahasia")
    response = signed_in.post(reverse("person_log", args=[theirs.pk]), {"channel": "call"})
    assert response.status_code == 404
    assert not Interaction.objects.exists()


def test_nobody_edits_another_owners_person(signed_in, other_owner):
    theirs = person_create(owner=other_owner, name="Rahasia")
    signed_in.post(reverse("person_edit", args=[theirs.pk]), {"name": "Taken"})
    theirs.refresh_from_db()
    assert theirs.name == "Rahasia"


def test_lists_show_only_the_owners_people(signed_in, make_person, other_owner):
    make_person("Budi Santoso", cadence_days=7, added_on=ADDED)
    person_create(owner=other_owner, name="Rahasia", cadence_days=7, added_on=ADDED)
    for page in ("people", "today"):
        content = signed_in.get(reverse(page)).content.decode()
        assert "Budi Santoso" in content
        assert "Rahasia" not in content


def test_login_with_the_right_password_leads_to_the_dashboard(client, django_user_model):
    from jalin.core.services.accounts import owner_create

    owner_create(username="sari", password="a-long-enough-Passw0rd")
    response = client.post(
        reverse("login"), {"username": "sari", "password": "a-long-enough-Passw0rd"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_a_session_signs_in_its_owner_until_it_expires_logs_out_or_the_owner_is_disabled(
    client, owner
):
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(owner)
    assert client.get(reverse("today")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get(reverse("today")).status_code == 302
    client.force_login(owner)
    owner.is_active = False
    owner.save()
    assert client.get(reverse("today")).status_code == 302
    owner.is_active = True
    owner.save()
    client.force_login(owner, backend="django.contrib.auth.backends.ModelBackend")  # before
    assert client.get(reverse("today")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("today")).status_code == 302


def test_login_with_a_wrong_password_says_so(client, owner):
    response = client.post(reverse("login"), {"username": "ayu", "password": "wrong"})
    assert response.status_code == 200
    assert "do not match" in response.content.decode()


def test_adding_a_person_from_the_web(signed_in, owner):
    response = signed_in.post(
        reverse("person_add"),
        {
            "name": "Sari Dewi",
            "circles": ["work"],
            "phones": "0812-1111-2222",
            "organisation": "Gojek",
            "title": "PM",
            "closeness": "7",
        },
    )
    person = Person.objects.get(owner=owner)
    assert response["Location"] == person.get_absolute_url()
    assert person.contact_points.get().value == "+6281211112222"


def test_a_bad_phone_is_shown_beside_its_field_and_nothing_is_added(signed_in, owner):
    response = signed_in.post(reverse("person_add"), {"name": "Sari Dewi", "phones": "12"})
    assert response.status_code == 200
    assert response.context["form"].errors["phones"]
    assert not Person.objects.exists()


def test_editing_a_person(signed_in, make_person):
    person = make_person("Sari Dewi", circles=["work"])
    response = signed_in.post(
        reverse("person_edit", args=[person.pk]),
        {"name": "Sari Dewi Lestari", "circles": ["work", "friends"], "cadence_days": "14"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.cadence_days) == ("Sari Dewi Lestari", 14)
    assert {c.slug for c in person.circles.all()} == {"work", "friends"}


def test_quick_log_with_htmx_returns_the_refreshed_timeline(signed_in, make_person):
    person = make_person("Budi Santoso")
    response = signed_in.post(
        reverse("person_log", args=[person.pk]),
        {"channel": "call", "kind": "thanks", "initiator": "me", "note": "Terima kasih"},
        headers={"HX-Request": "true"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert "Terima kasih" in content
    assert person.interactions.get().kind == "thanks"


def test_quick_log_with_a_future_date_shows_the_error_and_logs_nothing(signed_in, make_person):
    person = make_person("Budi Santoso")
    response = signed_in.post(
        reverse("person_log", args=[person.pk]),
        {"channel": "call", "kind": "touch", "initiator": "me", "when": "2999-01-01"},
        headers={"HX-Request": "true"},
    )
    assert "in the future" in response.content.decode()
    assert not person.interactions.exists()


def test_logged_it_on_today_takes_the_person_off_the_list(signed_in, make_person):
    person = make_person("Budi Santoso", cadence_days=7, added_on=ADDED)
    assert "Budi Santoso" in signed_in.get(reverse("today")).content.decode()
    response = signed_in.post(
        reverse("person_log", args=[person.pk]),
        {"channel": "message", "kind": "touch", "initiator": "me", "from": "today"},
        headers={"HX-Request": "true"},
    )
    assert "Logged a touch with Budi Santoso" in response.content.decode()
    assert "Budi Santoso" not in signed_in.get(reverse("today")).content.decode()


def test_people_search_with_htmx_returns_only_the_results(signed_in, make_person):
    make_person("Budi Santoso")
    make_person("Ani Wijaya")
    response = signed_in.get(
        reverse("people"),
        {"q": "budi"},
        headers={"HX-Request": "true", "HX-Target": "people-results"},
    )
    content = response.content.decode()
    assert "<html" not in content
    assert "Budi Santoso" in content
    assert "Ani Wijaya" not in content


def test_the_language_choice_is_remembered_for_the_owner(signed_in, owner, client):
    response = signed_in.post(reverse("language"), {"language": "id", "next": "/people/"})
    assert response["Location"] == "/people/"
    owner.jalin_profile.refresh_from_db()
    assert owner.jalin_profile.language == "id"
    content = signed_in.get(reverse("people")).content.decode()
    assert "Orang" in content


def test_the_language_switch_never_redirects_off_site(signed_in):
    response = signed_in.post(
        reverse("language"), {"language": "id", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")


def test_field_errors_are_shown_in_the_readers_language(signed_in, owner):
    signed_in.post(reverse("language"), {"language": "id"})
    response = signed_in.post(reverse("person_add"), {"name": "Sari Dewi", "phones": "12"})
    assert "bukan nomor telepon yang mungkin" in response.content.decode()


def test_the_timeline_shows_how_many_messages_each_side_wrote(signed_in, owner, make_person):
    from jalin.core.services.interactions import interaction_log

    person = make_person("Budi Santoso")
    chat = interaction_log(owner=owner, people=[person], summary="Ngobrol")
    chat.messages_me, chat.messages_them = 3, 4
    chat.save()
    content = signed_in.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "7 messages, 3 yours" in content


def test_the_person_page_shows_strength_and_how_the_tie_stands(signed_in, make_person):
    from django.utils import timezone

    from jalin.core.services.interactions import interaction_log

    person = make_person("Budi Santoso", cadence_days=7)
    interaction_log(
        owner=person.owner, people=[person], occurred_at=timezone.now() - timedelta(days=9)
    )
    page = signed_in.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "strength" in page
    assert f'<strong class="strength-figure">{person.score.strength}</strong>' in page
    assert "time to get in touch" in page


def test_today_marks_a_tie_that_is_drifting(signed_in, make_person):
    from django.utils import timezone

    from jalin.core.services.interactions import interaction_log

    person = make_person("Sari Dewi", cadence_days=7)
    interaction_log(
        owner=person.owner, people=[person], occurred_at=timezone.now() - timedelta(days=15)
    )
    page = signed_in.get(reverse("today")).content.decode()
    assert "Sari Dewi" in page
    assert '<mark class="drifting">drifting apart</mark>' in page

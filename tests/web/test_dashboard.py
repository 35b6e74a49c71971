"""The dashboard, reminders' done and snooze, settings, the calendar feed and the network
page: what each shows, that nobody reaches another owner's, and how few queries each takes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from jalin.core.models import Person, Reminder
from jalin.core.services.interactions import interaction_log
from jalin.core.services.links import link_create, link_delete
from jalin.core.services.people import person_create
from jalin.core.services.reminders import reminder_add

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "x"}


@pytest.fixture
def people(owner, make_person):
    """Twelve people due (ten days since a weekly touch), one with a birthday in five days."""
    now = timezone.now()
    made = []
    for n in range(12):
        person = make_person(f"Teman {n:02}", cadence_days=7, circles=["friends"])
        made.append(person)
    interaction_log(owner=owner, people=made, occurred_at=now - timedelta(days=10))
    soon = timezone.localdate() + timedelta(days=5)
    made.append(make_person("Ulang Tahun", birthday=f"1990-{soon.month:02}-{soon.day:02}"))
    link_create(owner=owner, a=made[0], b=made[1], kind="friend")
    return made


@pytest.mark.parametrize("name", ["home", "settings", "network", "network_graph"])
def test_the_new_pages_ask_a_stranger_to_log_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_dashboard_shows_the_day_in_a_handful_of_queries(
    signed_in, owner, people, make_person, django_assert_num_queries
):
    reminder_add(owner=owner, title="Kirim proposal", due_on=timezone.localdate())
    # Seventeen, one per section and the plan's few reads, however many people there are;
    # seven while the scores and people are unchanged (the figures of the day are kept).
    with django_assert_num_queries(17):
        page = signed_in.get(reverse("home")).content.decode()
    with django_assert_num_queries(7):
        signed_in.get(reverse("home"))
    more = [make_person(f"Lagi {n}", cadence_days=7, circles=["work"]) for n in range(12)]
    interaction_log(owner=owner, people=more, occurred_at=timezone.now() - timedelta(days=9))
    reminder_add(owner=owner, title="Bayar iuran", due_on=timezone.localdate(), person=more[0])
    with django_assert_num_queries(18):  # and the people the reminders are about
        signed_in.get(reverse("home"))
    assert "Kirim proposal" in page
    assert page.count('class="due-row"') == 1 + 8  # the reminder, and the 8 most urgent
    assert "See them all" in page
    assert "Ulang Tahun" in page  # a birthday coming
    assert "This week&#x27;s plan" in page or "This week's plan" in page
    assert "people in touch this year" in page


def test_a_reminder_is_done_or_snoozed_in_place(signed_in, owner, other_owner):
    mine = reminder_add(owner=owner, title="Telepon Ibu", due_on=timezone.localdate())
    theirs = reminder_add(owner=other_owner, title="Rahasia", due_on=timezone.localdate())
    response = signed_in.post(reverse("reminder_snooze", args=[mine.pk]), {"days": "3"}, **HTMX)
    assert "Snoozed until" in response.content.decode()
    mine.refresh_from_db()
    assert mine.snoozed_until == timezone.localdate() + timedelta(days=3)
    response = signed_in.post(reverse("reminder_done", args=[mine.pk]), **HTMX)
    assert "Done: Telepon Ibu." in response.content.decode()
    assert signed_in.post(reverse("reminder_done", args=[theirs.pk])).status_code == 404
    assert (
        signed_in.post(reverse("reminder_snooze", args=[theirs.pk]), {"days": "3"}).status_code
        == 404
    )
    assert Reminder.objects.get(pk=theirs.pk).done_at is None
    bad = signed_in.post(reverse("reminder_snooze", args=[mine.pk]), {"days": "400"}, **HTMX)
    assert bad.status_code == 400


def test_snoozing_a_person_takes_them_off_the_dashboard(signed_in, owner, people, other_owner):
    first = people[0]
    response = signed_in.post(reverse("person_snooze", args=[first.pk]), {"days": "7"}, **HTMX)
    assert "is off the list until" in response.content.decode()
    first.refresh_from_db()
    assert first.snoozed_until == timezone.localdate() + timedelta(days=7)
    theirs = person_create(owner=other_owner, name="Rahasia")
    assert (
        signed_in.post(reverse("person_snooze", args=[theirs.pk]), {"days": "7"}).status_code == 404
    )


def _due_names(page: str) -> set[str]:
    """Return who today's list on the dashboard ``page`` shows."""
    today = page.split('id="due-list"')[1].split("</ul>")[0]
    return {f"Teman {n:02}" for n in range(12) if f"<strong>Teman {n:02}</strong>" in today}


def test_the_kept_figures_of_the_day_follow_a_snooze_a_contact_and_the_budget(
    signed_in, owner, people
):
    first = signed_in.get(reverse("home")).content.decode()
    shown = _due_names(first)
    assert len(shown) == 8
    snoozed, touched = sorted(shown)[:2]
    person = Person.objects.get(owner=owner, name=snoozed)
    signed_in.post(reverse("person_snooze", args=[person.pk]), {"days": "7"}, **HTMX)
    after_snooze = _due_names(signed_in.get(reverse("home")).content.decode())
    assert snoozed not in after_snooze
    assert touched in after_snooze
    interaction_log(owner=owner, people=[Person.objects.get(owner=owner, name=touched)])
    after_contact = _due_names(signed_in.get(reverse("home")).content.decode())
    assert touched not in after_contact
    assert len(after_contact) == 8
    plan = signed_in.get(reverse("home")).content.decode().split('id="plan"')[1]
    profile = owner.jalin_profile
    profile.weekly_budget = 1
    profile.save()
    smaller = signed_in.get(reverse("home")).content.decode().split('id="plan"')[1]
    assert plan.split("</ol>")[0].count("<li>") > 1
    assert smaller.split("</ol>")[0].count("<li>") == 1


def test_settings_save_and_switch_the_language(signed_in, owner):
    page = signed_in.get(reverse("settings")).content.decode()
    assert "Calendar feed" in page
    assert "L2 · sympathy group" in page
    response = signed_in.post(reverse("settings"), {
        "language": "id", "time_zone": "Asia/Makassar", "weekly_budget": "6", "digest": "daily",
        "digest_hour": "6", "email": "ayu@example.org", "layer_2": "21",
    })  # fmt: skip
    assert response.status_code == 302
    profile = owner.jalin_profile
    profile.refresh_from_db()
    assert (profile.language, profile.time_zone, profile.weekly_budget) == (
        "id",
        "Asia/Makassar",
        6,
    )
    assert profile.layer_cadences == {"2": 21}
    assert "Pengaturan" in signed_in.get(reverse("settings")).content.decode()
    refused = signed_in.post(reverse("settings"), {
        "language": "id", "time_zone": "Mars/Olympus", "weekly_budget": "6", "digest": "daily",
        "digest_hour": "6", "email": "ayu@example.org",
    })  # fmt: skip
    assert refused.status_code == 200
    assert "Mars/Olympus" in refused.content.decode()
    profile.refresh_from_db()
    assert profile.time_zone == "Asia/Makassar"


def test_the_calendar_feed_works_by_its_secret_address_until_revoked(
    signed_in, client, owner, people
):
    signed_in.post(reverse("calendar_address"), {"action": "renew"})
    token = owner.jalin_profile.__class__.objects.get(user=owner).calendar_token
    assert len(token) >= 30
    signed_in.logout()
    response = client.get(reverse("calendar_feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    feed = Calendar.from_ical(response.content)
    summaries = [str(e["summary"]) for e in feed.walk("VEVENT")]
    assert any("Ulang Tahun" in s for s in summaries)
    assert client.get(reverse("calendar_feed", args=["not-the-token"])).status_code == 404
    client.force_login(owner)
    client.post(reverse("calendar_address"), {"action": "revoke"})
    assert client.get(reverse("calendar_feed", args=[token])).status_code == 404


def test_the_network_page_and_graph_hold_only_the_owners_people(
    signed_in, owner, other_owner, people, django_assert_max_num_queries
):
    person_create(owner=other_owner, name="Rahasia")
    with django_assert_max_num_queries(10):
        page = signed_in.get(reverse("network")).content.decode()
    assert 'id="network-data"' in page
    assert "chart-strength" in page
    with django_assert_max_num_queries(7):
        graph = signed_in.get(reverse("network_graph")).json()
    # Kept until the network changes: the next reads skip the figures' queries.
    with django_assert_max_num_queries(5):
        assert signed_in.get(reverse("network_graph")).json() == graph
    with django_assert_max_num_queries(5):
        signed_in.get(reverse("network"))
    names = {node[1] for node in graph["nodes"]}
    assert "Teman 00" in names
    assert "Rahasia" not in names
    assert [people[0].pk, people[1].pk, "friend"] in graph["links"]
    assert len(graph["nodes"]) == Person.objects.filter(owner=owner, score__isnull=False).count()
    link_create(owner=owner, a=people[2], b=people[3], kind="knows")
    relinked = signed_in.get(reverse("network_graph")).json()
    assert [people[2].pk, people[3].pk, "knows"] in relinked["links"]  # a new link shows
    link_delete(owner=owner, a=people[0], b=people[1])
    unlinked = signed_in.get(reverse("network_graph")).json()
    assert [people[0].pk, people[1].pk, "friend"] not in unlinked["links"]  # and one gone

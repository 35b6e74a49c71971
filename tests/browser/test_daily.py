"""The daily flows in a real browser: the morning routine on the dashboard, the person page's
chart and links, the network's charts and graph, the people list on a phone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from jalin.core.services.interactions import interaction_log
from jalin.core.services.links import link_create
from jalin.core.services.people import person_create
from jalin.core.services.reminders import reminder_add

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def owner(signed_in_page):
    return get_user_model().objects.get(username="ayu")


@pytest.fixture
def due_friends(owner):
    """Three friends on a weekly cadence, last touched ten days ago: all due today."""
    friends = [
        person_create(owner=owner, name=name, cadence_days=7, circles=["friends"])
        for name in ("Sari Dewi", "Budi Santoso", "Ani Wijaya")
    ]
    interaction_log(owner=owner, people=friends, occurred_at=timezone.now() - timedelta(days=10))
    return friends


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_the_morning_routine_on_the_dashboard(
    signed_in_page, live_server, owner, due_friends, page_errors
):
    reminder_add(owner=owner, title="Kirim proposal", due_on=timezone.localdate())
    page = signed_in_page
    page.goto(f"{live_server.url}/")
    today = page.locator("#today")
    expect(today.locator(".due-row")).to_have_count(3)

    today.locator(".due-row", has_text="Sari Dewi").get_by_role("button", name="Logged it").click()
    expect(today.get_by_text("Logged a touch with Sari Dewi.")).to_be_visible()
    today.locator(".due-row", has_text="Budi Santoso").get_by_role("button", name="Snooze").click()
    expect(today.locator(".due-row", has_text="Budi Santoso")).to_contain_text("off the list until")
    reminders = page.locator("#reminders")
    reminders.locator(".due-row", has_text="Kirim proposal").get_by_role(
        "button", name="Done"
    ).click()
    expect(reminders).to_contain_text("Done")

    page.reload()
    expect(today).not_to_contain_text("Sari Dewi")  # logged: off the list
    expect(today).not_to_contain_text("Budi Santoso")  # snoozed: off the list
    expect(today.locator(".due-row", has_text="Ani Wijaya")).to_be_visible()
    expect(page.locator("#reminders")).not_to_contain_text("Kirim proposal")
    assert page_errors == []


def test_the_person_page_draws_its_chart_and_edits_links_in_place(
    signed_in_page, live_server, owner, due_friends, page_errors
):
    sari, budi = due_friends[0], due_friends[1]
    for days in (200, 120, 60, 30):
        when = timezone.now() - timedelta(days=days)
        interaction_log(owner=owner, people=[sari], occurred_at=when, channel="call")
    page = signed_in_page
    page.goto(f"{live_server.url}/people/{sari.pk}/")
    expect(page.locator("#chart-strength-time[data-ready]")).to_have_count(1)
    points = page.evaluate(
        "Chart.getChart(document.getElementById('chart-strength-time')).data.datasets[0].data.length"
    )
    assert points > 20
    url = page.url
    links = page.locator("#links")
    links.get_by_label("is").select_option("sibling")
    links.get_by_label("of").fill("Budi Santoso")
    links.get_by_role("button", name="Add the link").click()
    expect(links.get_by_role("link", name="Budi Santoso")).to_be_visible()
    links.get_by_label("of").fill("Nobody Like This")
    links.get_by_role("button", name="Add the link").click()
    expect(links.get_by_role("alert")).to_be_visible()
    links.get_by_role("button", name="Remove the link with Budi Santoso").click()
    expect(links.get_by_role("link", name="Budi Santoso")).to_have_count(0)
    assert page.url == url  # htmx: no page load
    assert not sari.links_out.exists()
    assert not budi.links_out.exists()
    # 400 answers to the htmx form are expected; nothing else may complain.
    assert [e for e in page_errors if "400" not in e] == []


def test_the_network_page_draws_its_charts_and_a_searchable_graph(
    signed_in_page, live_server, owner, due_friends, page_errors
):
    link_create(owner=owner, a=due_friends[0], b=due_friends[1], kind="friend")
    page = signed_in_page
    page.goto(f"{live_server.url}/network/")
    graph = page.locator("#graph[data-ready]")
    expect(graph).to_have_attribute("data-ready", "3")
    for chart in ("chart-circles", "chart-layers", "chart-strength", "chart-trend"):
        assert page.evaluate(f"!!Chart.getChart(document.getElementById('{chart}'))"), chart
    page.locator("#graph-query").fill("sari")
    expect(page.locator("#graph")).to_have_attribute("data-found", "1")
    assert page_errors == []


def test_people_are_found_filtered_and_changed_at_once_on_a_phone(
    signed_in_page, live_server, owner, due_friends, page_errors
):
    person_create(owner=owner, name="Rudi Hartono", organisation="Bank Mandiri", title="Analis")
    page = signed_in_page
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/people/")
    expect(page.locator(".people-list li")).to_have_count(4)
    page.get_by_placeholder("Search names").fill("mandiri")
    expect(page.locator(".people-list li")).to_have_count(1)
    expect(page.locator(".people-list")).to_contain_text("Rudi Hartono")
    assert "q=mandiri" in page.url  # the search is in the address, to share or go back to
    page.get_by_placeholder("Search names").fill("")
    page.locator("#people-filter [name=circle]").select_option("friends")
    expect(page.locator(".people-list li")).to_have_count(3)
    page.get_by_label("Tick all on this page").check()
    page.get_by_text("Change the ticked people at once").click()
    page.get_by_label("Add to circle").select_option("work")
    page.get_by_label("Add tags").fill("alumni")
    page.get_by_role("button", name="Apply to the ticked people").click()
    expect(page.get_by_text("3 people changed.")).to_be_visible()
    assert all(p.tags.filter(name="alumni").exists() for p in due_friends)
    assert all(p.circles.filter(slug="work").exists() for p in due_friends)
    assert fits_the_screen(page)
    for path in ("/", f"/people/{due_friends[0].pk}/", "/network/", "/settings/", "/needs/"):
        page.goto(live_server.url + path)
        assert fits_the_screen(page), path
    assert page_errors == []


def test_the_language_switch_turns_every_page_indonesian(
    signed_in_page, live_server, due_friends, page_errors
):
    page = signed_in_page
    page.get_by_label("Language").select_option("id")
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=2, name="Hari ini")).to_be_visible()
    for path, heading in (
        ("/people/", "Orang"),
        ("/network/", "Jaringan Anda"),
        ("/settings/", "Pengaturan"),
    ):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert page_errors == []


def test_a_big_network_draws_and_shows_who_knows_whom_around_the_people_found(
    signed_in_page, live_server, owner, page_errors
):
    from jalin.core.models import Person
    from jalin.core.services.scores import rescore

    Person.objects.bulk_create(
        [Person(owner=owner, name=f"Kenalan {n:04}", name_key=f"kenalan {n:04}")
         for n in range(900)]
    )  # fmt: skip
    people = list(Person.objects.filter(owner=owner).order_by("pk"))
    for other in people[1:4]:
        link_create(owner=owner, a=people[0], b=other, kind="knows")
    link_create(owner=owner, a=people[5], b=people[6], kind="knows")
    rescore(owner=owner)
    page = signed_in_page
    page.goto(f"{live_server.url}/network/")
    expect(page.locator("#graph")).to_have_attribute("data-ready", "900", timeout=60_000)
    page.locator("#graph-query").fill("Kenalan 0000")
    expect(page.locator("#graph")).to_have_attribute("data-found", "1")
    # Only the found person's three links are drawn, not the network's four.
    expect(page.locator("#graph")).to_have_attribute("data-links", "3")
    assert page_errors == []

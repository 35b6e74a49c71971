from datetime import date, timedelta

from playwright.sync_api import expect

from jalin.core.models import Interaction

# Added ten days ago with a weekly cadence and never contacted: due today.
ADDED = date.today() - timedelta(days=10)


def test_add_a_person_log_contact_and_read_it_in_indonesian(
    signed_in_page, live_server, page_errors
):
    page = signed_in_page
    page.get_by_role("link", name="Add", exact=True).click()
    page.get_by_label("Name", exact=True).fill("Budi Santoso")
    page.get_by_label("Friends").check()
    page.get_by_label("Phone numbers").fill("0812-3456-7890")
    page.get_by_label("How close do you feel? (1–10)").fill("8")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Budi Santoso")
    expect(page.get_by_text("+6281234567890")).to_be_visible()

    url_before = page.url
    page.get_by_label("How", exact=True).select_option("call")
    page.get_by_label("Note").fill("Ngopi dan cerita kerjaan baru")
    page.get_by_role("button", name="Log it").click()

    timeline = page.locator("#timeline")
    expect(timeline).to_contain_text("Ngopi dan cerita kerjaan baru")
    expect(page.get_by_role("status")).to_have_text("Logged.")
    assert page.url == url_before  # htmx swapped the timeline; no page load
    assert Interaction.objects.get().channel == "call"

    page.get_by_label("Language").select_option("id")
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Linimasa")).to_be_visible()
    expect(page.get_by_role("link", name="Hari ini")).to_be_visible()
    expect(page.get_by_role("button", name="Catat")).to_be_visible()
    expect(page.locator("#timeline")).to_contain_text("telepon")
    assert page_errors == []


def test_the_today_list_empties_with_one_tap_on_a_phone(signed_in_page, live_server, page_errors):

    from django.contrib.auth import get_user_model

    from jalin.core.services.people import person_create

    owner = get_user_model().objects.get(username="ayu")
    person_create(owner=owner, name="Sari Dewi", cadence_days=7, added_on=ADDED)
    page = signed_in_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/today/")
    row = page.locator(".due-row", has_text="Sari Dewi")
    expect(row).to_be_visible()
    row.get_by_role("button", name="Logged it").click()
    expect(page.get_by_text("Logged a touch with Sari Dewi.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.reload()
    expect(page.get_by_text("Nobody is due today")).to_be_visible()
    assert page_errors == []

"""A relative's job need in the browser: open it, find helpers, ask, introduce, close, thank."""

from __future__ import annotations

from playwright.sync_api import expect


def test_a_job_need_from_helpers_to_the_thank_you(signed_in_page, live_server, page_errors):
    from django.contrib.auth import get_user_model

    from jalin.core.services.links import link_create
    from jalin.core.services.people import affiliation_add, person_create

    owner = get_user_model().objects.get(username="ayu")
    person_create(owner=owner, name="Rizky Pratama", circles=["family"])
    sari = person_create(owner=owner, name="Sari Wulandari")
    budi = person_create(owner=owner, name="Budi Santoso", closeness=9)
    affiliation_add(owner=owner, person=sari, organisation="Bank Mandiri", title="HR Manager")
    link_create(owner=owner, a=budi, b=sari, kind="friend")

    page = signed_in_page
    page.get_by_role("link", name="Needs").click()
    page.get_by_label("What is needed").fill("Kerja untuk Rizky")
    page.get_by_label("For", exact=True).fill("Rizky")
    page.get_by_label("Kind").select_option("job")
    page.get_by_label("Organisation").fill("Bank Mandiri")
    page.get_by_role("button", name="Open the need").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Kerja untuk Rizky")
    helpers = page.locator("#helpers")
    expect(helpers).to_contain_text("Budi Santoso (friend of Sari Wulandari) can introduce you")
    expect(page.locator(".path-graph svg")).to_be_visible()

    page.get_by_role("button", name="Log the ask to Budi Santoso").click()
    expect(page.locator("#steps")).to_contain_text("asking for help")
    page.get_by_role("button", name="Log the introduction: Budi Santoso → Sari Wulandari").click()
    expect(page.locator("#steps")).to_contain_text("introduction")

    page.get_by_label("Outcome").select_option("success")
    page.get_by_role("button", name="Close", exact=True).click()
    expect(page.locator("#thanks")).to_contain_text("Budi Santoso")

    page.locator("#thanks").get_by_role("link", name="Budi Santoso").click()
    expect(page.locator("#favours")).to_contain_text("give back to Budi Santoso")
    assert page_errors == []

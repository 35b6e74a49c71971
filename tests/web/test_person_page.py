"""The person page: ways to reach them, strength over time and why, links editable in
place, their needs and reminders — in a constant number of queries, only the owner's."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from jalin.core.models import Link
from jalin.core.services.favours import favour_add
from jalin.core.services.interactions import interaction_log
from jalin.core.services.links import link_create
from jalin.core.services.needs import need_ask, need_create
from jalin.core.services.people import affiliation_add
from jalin.core.services.reminders import reminder_add
from jalin.domain.ties.rhythm import REASONS
from jalin.web.labels import STATUS_REASON_LABELS

HTMX = {"HX-Request": "true", "HX-Target": "links"}


def page_of(client, person) -> str:
    return client.get(reverse("person_detail", args=[person.pk])).content.decode()


def test_phones_offer_a_call_and_whatsapp_and_emails_a_message(signed_in, make_person):
    person = make_person("Sari", phones=["+62 812-3456-7890"], emails=["sari@contoh.id"])
    page = page_of(signed_in, person)
    assert 'href="tel:+6281234567890"' in page
    assert 'href="https://wa.me/6281234567890"' in page
    assert 'href="mailto:sari@contoh.id"' in page


def test_the_profile_lists_circles_work_and_favours_in_order_and_only_the_owners(
    signed_in, owner, make_person, other_owner
):
    today = timezone.localdate()
    person = make_person("Sari", circles=["work", "friends"], organisation="Bank Jaya",
                         title="Analis", emails=["sari@contoh.id"])  # fmt: skip
    years_ago = today - timedelta(days=2000)
    affiliation_add(owner=owner, person=person, organisation="Kampus Lama", kind="study",
                    start=years_ago - timedelta(days=1000), end=years_ago)  # fmt: skip
    favour_add(owner=owner, person=person, direction="given", description="pinjam buku",
               on=today - timedelta(days=40))  # fmt: skip
    favour_add(owner=owner, person=person, direction="received", description="antar ke bandara",
               on=today - timedelta(days=2))  # fmt: skip
    theirs = make_person("Sari", who=other_owner, circles=["family"], organisation="Rahasia")
    favour_add(owner=other_owner, person=theirs, direction="given", description="rahasia kecil")
    page = page_of(signed_in, person)
    chips = page.split("<hgroup>")[1].split("</hgroup>")[0]
    assert chips.index("Friends") < chips.index("Work")  # the owner's order of circles
    assert "Family" not in chips
    facts = page.split('class="facts"')[1].split("</dl>")[0]
    assert facts.index("sari@contoh.id") < facts.index("Bank Jaya, Analis")
    assert facts.index("Bank Jaya, Analis") < facts.index("Kampus Lama")  # the current job first
    assert "works at" in facts
    assert "worked at" in facts
    favours = page.split('id="favours"')[1].split("</ul>")[0]
    assert favours.index("antar ke bandara") < favours.index("pinjam buku")  # newest first
    assert "Rahasia" not in page
    assert "rahasia kecil" not in page


def test_the_strength_chart_is_the_past_year_and_the_decay_ahead(signed_in, owner, make_person):
    person = make_person("Budi", cadence_days=14)
    now = timezone.now()
    for days in (400, 200, 120, 40, 3):
        interaction_log(owner=owner, people=[person], occurred_at=now - timedelta(days=days),
                        channel="call")  # fmt: skip
    chart = signed_in.get(reverse("person_strength_chart", args=[person.pk])).json()
    ahead = [s for s, a in zip(chart["strength"], chart["ahead"], strict=True) if a]
    past = [s for s, a in zip(chart["strength"], chart["ahead"], strict=True) if not a]
    assert len(past) == 27
    assert len(ahead) == 6
    assert len(chart["labels"]) == len(chart["days"]) == len(chart["strength"])
    person.score.refresh_from_db()
    assert past[-1] == person.score.strength  # today's point is the stored figure
    assert ahead == sorted(ahead, reverse=True)
    assert ahead[-1] < past[-1]
    assert max(past[:-1]) < past[-1] or past != sorted(past)  # contacts lift it, gaps lower it


def test_the_chart_starts_when_the_tie_was_known(signed_in, owner, make_person):
    person = make_person("Baru")
    interaction_log(owner=owner, people=[person], occurred_at=timezone.now() - timedelta(days=30))
    chart = signed_in.get(reverse("person_strength_chart", args=[person.pk])).json()
    assert chart["days"][0] >= (timezone.localdate() - timedelta(days=30)).isoformat()


def test_nobody_reads_another_owners_chart(signed_in, make_person, other_owner):
    theirs = make_person("Rahasia", who=other_owner)
    response = signed_in.get(reverse("person_strength_chart", args=[theirs.pk]))
    assert response.status_code == 404


def test_the_components_and_the_status_reason_are_explained(signed_in, owner, make_person):
    person = make_person("Budi", cadence_days=7)
    interaction_log(owner=owner, people=[person], occurred_at=timezone.now() - timedelta(days=9))
    page = page_of(signed_in, person)
    for name in ("intensity", "recency", "duration"):
        assert f"<span>{name}</span>" in page
    assert "a cadence has passed" in page
    assert 'id="chart-strength-time"' in page


def test_every_status_reason_has_a_label():
    assert set(STATUS_REASON_LABELS) == set(REASONS)


def test_a_link_is_added_by_name_and_removed_in_place(signed_in, owner, make_person):
    budi, sari = make_person("Budi Santoso"), make_person("Sari Dewi")
    url = reverse("person_link_add", args=[budi.pk])
    added = signed_in.post(url, {"kind": "sibling", "other": "sari dewi"}, headers=HTMX)
    assert added.status_code == 200
    assert "<html" not in added.content.decode()
    assert Link.objects.filter(
        owner=owner, from_person=budi, to_person=sari, kind="sibling"
    ).exists()
    assert "Sari Dewi" in added.content.decode()
    # Read from Sari's side the same link is hers too.
    assert "sibling of" in page_of(signed_in, sari)
    assert "Budi Santoso" in page_of(signed_in, sari)
    remove = reverse("person_link_remove", args=[budi.pk])
    for nobody in ("", "x", "999999"):
        refused = signed_in.post(remove, {"other": nobody, "kind": "sibling"}, headers=HTMX)
        assert refused.status_code == 404
    assert Link.objects.filter(owner=owner).exists()
    removed = signed_in.post(remove, {"other": sari.pk, "kind": "sibling"}, headers=HTMX)
    assert removed.status_code == 200
    assert not Link.objects.filter(owner=owner).exists()


def test_a_link_reads_from_each_side_and_only_the_owners(
    signed_in, owner, make_person, other_owner
):
    ayah, anak, teman = make_person("Ayah"), make_person("Anak"), make_person("Teman")
    link_create(owner=owner, a=ayah, b=anak, kind="parent")
    link_create(owner=owner, a=teman, b=ayah, kind="knows")
    theirs_a, theirs_b = (
        make_person("Rahasia", who=other_owner),
        make_person("Lain", who=other_owner),
    )
    link_create(owner=other_owner, a=theirs_a, b=theirs_b, kind="parent")
    links = page_of(signed_in, ayah).split('id="links"')[1].split("</ul>")[0]
    assert links.count("<li>") == 2
    assert "<li>parent of <a" in links
    assert ">Anak</a>" in links
    assert ">Teman</a>" in links
    child_side = page_of(signed_in, anak).split('id="links"')[1].split("</ul>")[0]
    assert "child of" in child_side
    assert ">Ayah</a>" in child_side
    assert "Rahasia" not in links + child_side


def test_a_bad_link_says_why_and_changes_nothing(signed_in, owner, make_person, other_owner):
    ayah, anak = make_person("Ayah"), make_person("Anak")
    make_person("Orang Lain", who=other_owner)
    link_create(owner=owner, a=ayah, b=anak, kind="parent")
    url = reverse("person_link_add", args=[ayah.pk])
    cycle = signed_in.post(url, {"kind": "child", "other": "Anak"}, headers=HTMX)
    assert cycle.status_code == 400
    assert "cycle" in cycle.content.decode()
    unknown = signed_in.post(url, {"kind": "knows", "other": "Orang Lain"}, headers=HTMX)
    assert unknown.status_code == 400
    assert "Nobody in your network" in unknown.content.decode() or "Which one?" in (
        unknown.content.decode()
    )
    itself = signed_in.post(url, {"kind": "knows", "other": "Ayah"}, headers=HTMX)
    assert itself.status_code == 400
    assert "themselves" in itself.content.decode()
    assert Link.objects.filter(owner=owner).count() == 1


def test_nobody_links_another_owners_person(signed_in, make_person, other_owner):
    mine = make_person("Punyaku")
    theirs = make_person("Punya Orang", who=other_owner)
    response = signed_in.post(
        reverse("person_link_add", args=[theirs.pk]), {"kind": "knows", "other": "Punyaku"}
    )
    assert response.status_code == 404
    assert not Link.objects.filter(from_person=mine).exists()
    assert not Link.objects.filter(to_person=mine).exists()


def test_needs_and_reminders_of_the_person_show_on_their_page(signed_in, owner, make_person):
    nephew, helper = make_person("Keponakan"), make_person("Pak Helper")
    for_him = need_create(
        owner=owner, title="Magang di bank", beneficiary=nephew, kind="internship"
    )
    need_ask(owner=owner, need=for_him, helper=helper)
    reminder_add(owner=owner, title="Kirim CV", due_on=timezone.localdate() + timedelta(days=3),
                 person=nephew)  # fmt: skip
    page = page_of(signed_in, nephew)
    assert "Magang di bank" in page
    assert "for them" in page
    assert "Kirim CV" in page
    assert "Magang di bank" in page_of(signed_in, helper)
    assert "they were asked" in page_of(signed_in, helper)


def test_the_person_page_takes_the_same_queries_however_much_there_is(
    signed_in, owner, make_person, django_assert_max_num_queries
):
    person, other = make_person("Budi", phones=["+62 812 1111 2222"]), make_person("Sari")
    interaction_log(owner=owner, people=[person], occurred_at=timezone.now() - timedelta(days=2))
    # The session, the owner and their settings, the person, their score, one read a part.
    with django_assert_max_num_queries(13) as few:
        page_of(signed_in, person)
    for n in range(5):
        friend = make_person(f"Teman {n}")
        link_create(owner=owner, a=person, b=friend, kind="friend")
        interaction_log(owner=owner, people=[person, friend],
                        occurred_at=timezone.now() - timedelta(days=n + 3))  # fmt: skip
        reminder_add(owner=owner, title=f"Ingat {n}", due_on=timezone.localdate(), person=person)
    link_create(owner=owner, a=other, b=person, kind="colleague")
    with django_assert_max_num_queries(len(few)):
        page = page_of(signed_in, person)
    assert page.count('class="due-row"') == 5


def test_the_timeline_shows_the_latest_and_the_older_a_page_at_a_time(
    signed_in, owner, make_person
):
    person = make_person("Sering Ngobrol")
    now = timezone.now()
    for n in range(45):
        interaction_log(owner=owner, people=[person], occurred_at=now - timedelta(days=n + 1),
                        summary=f"obrolan {n:02}")  # fmt: skip
    page = page_of(signed_in, person)
    assert "obrolan 00" in page
    assert "obrolan 29" in page
    assert "obrolan 30" not in page
    assert "Show older contacts" in page
    url = reverse("person_timeline", args=[person.pk])
    older = signed_in.get(url, {"from": 30}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in older
    assert "obrolan 30" in older
    assert "obrolan 44" in older
    assert "obrolan 29" not in older
    assert "Show older contacts" not in older
    assert "obrolan 44" in signed_in.get(url, {"from": 30}).content.decode()  # without htmx


def test_the_chart_is_computed_once_until_the_tie_is_rescored(
    signed_in, owner, make_person, monkeypatch
):
    from jalin.core.services import scores

    person = make_person("Budi", cadence_days=14)
    interaction_log(owner=owner, people=[person], occurred_at=timezone.now() - timedelta(days=20))
    computed = []
    real = scores.strength_over_time
    monkeypatch.setattr(scores, "strength_over_time",
                        lambda *args, **kw: computed.append(1) or real(*args, **kw))  # fmt: skip
    url = reverse("person_strength_chart", args=[person.pk])
    first = signed_in.get(url).json()
    assert signed_in.get(url).json() == first
    assert len(computed) == 1
    interaction_log(owner=owner, people=[person], occurred_at=timezone.now() - timedelta(hours=1))
    after = signed_in.get(url).json()
    assert len(computed) == 2
    assert after["strength"][-1] > first["strength"][-1]  # today's point has the new contact

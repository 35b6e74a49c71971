"""Needs and introductions: find helpers, ask, introduce, close, thank, give back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from jalin.core.errors import InvalidInput, NotFound
from jalin.core.helper_search import helpers_for
from jalin.core.models import Favour, Link, Need, Reminder, TieScore
from jalin.core.selectors import person_resolve, weekly_plan_for
from jalin.core.services.favours import favour_add
from jalin.core.services.interactions import interaction_log
from jalin.core.services.links import link_create, link_delete, links_import
from jalin.core.services.needs import (
    need_ask,
    need_close,
    need_create,
    need_get,
    need_introduce,
)
from jalin.core.services.people import affiliation_add
from jalin.domain import helpers
from jalin.domain.plan import monday_of


@pytest.fixture
def family(owner, make_person):
    """A nephew looking for work; Sari at Bank Mandiri, whom the owner barely knows;
    Budi, a close friend who knows Sari; Tono, who worked there, silent for a year."""
    nephew = make_person("Rizky Pratama", circles=["family"])
    sari = make_person("Sari Wulandari", circles=["work"])
    budi = make_person("Budi Santoso", circles=["friends"], closeness=9)
    tono = make_person("Tono Sugiarto", circles=["work"], cadence_days=30)
    affiliation_add(owner=owner, person=sari, organisation="Bank Mandiri", title="HR Manager")
    affiliation_add(owner=owner, person=tono, organisation="PT Bank Mandiri", title="Analyst",
                    end=timezone.localdate() - timedelta(days=400))  # fmt: skip
    now = timezone.now()
    for days in range(3, 200, 10):
        interaction_log(owner=owner, people=[budi], channel="meeting",
                        occurred_at=now - timedelta(days=days))  # fmt: skip
    interaction_log(owner=owner, people=[tono], occurred_at=now - timedelta(days=365))
    link_create(owner=owner, a=budi, b=sari, kind="friend")
    link_create(owner=owner, a=nephew, b=sari, kind="knows")
    return {"nephew": nephew, "sari": sari, "budi": budi, "tono": tono}


def job_need(owner, family):
    return need_create(
        owner=owner, title="Kerja untuk Rizky", beneficiary=family["nephew"], kind="job",
        organisation="Bank Mandiri", field="analyst",
    )  # fmt: skip


def test_helpers_are_direct_matches_and_warm_paths_with_reasons(owner, family):
    need = job_need(owner, family)
    found = helpers_for(owner, need)
    names = [h.name for h in found]
    assert set(names) == {"Sari Wulandari", "Budi Santoso", "Tono Sugiarto"}
    budi = next(h for h in found if h.name == "Budi Santoso")
    assert budi.path == ("Budi Santoso", "Sari Wulandari")
    assert "can introduce you to Sari Wulandari, who works at Bank Mandiri" in budi.why
    assert names.index("Budi Santoso") < names.index("Sari Wulandari")  # warm beats cold
    tono = next(h for h in found if h.name == "Tono Sugiarto")
    assert tono.verdict == "reconnect-first"
    assert "worked at PT Bank Mandiri" in tono.why
    # The nephew knows Sari too, but the need is for him: he is never a helper.
    assert all(family["nephew"].pk not in h.path_ids for h in found)
    assert [h.name for h in helpers_for(owner, need, depth=1)].count("Budi Santoso") == 0


def _bank(owner, make_person, strengths: list[int], outsiders: dict[str, tuple[int, int]]):
    """People at Bank Mandiri with the given strengths, and outsiders ``{name: (strength,
    index of the employee they are a sibling of)}``; the stored scores set to those."""
    staff = []
    for number, strength in enumerate(strengths):
        person = make_person(f"Staf {number:02}")
        affiliation_add(owner=owner, person=person, organisation="Bank Mandiri", title="Teller")
        staff.append((person, strength))
    everyone = list(staff)
    for name, (strength, sibling_of) in outsiders.items():
        person = make_person(name)
        link_create(owner=owner, a=person, b=staff[sibling_of][0], kind="sibling")
        everyone.append((person, strength))
    people = [person for person, _ in everyone]
    interaction_log(owner=owner, people=people, occurred_at=timezone.now() - timedelta(days=2))
    for person, strength in everyone:
        TieScore.objects.filter(person=person).update(strength=strength, balance=0.0)
    return need_create(owner=owner, title="Kerja", kind="job", organisation="Bank Mandiri")


@pytest.mark.parametrize("limit", [1, 3, 5])
def test_the_best_few_helpers_are_the_head_of_all_whichever_side_the_links_are_read_from(
    owner, make_person, limit
):
    # Three strong ties at the bank and many weak: reading the few strong ties' links
    # (Arif, a sibling of a weak one, is the best way in) …
    need = _bank(owner, make_person, [80, 78, 76] + [20] * 9, {"Arif": (99, 5), "Wati": (30, 6)})
    everyone = helpers_for(owner, need, limit=None)
    assert everyone[0].path[0] == "Arif"
    assert helpers_for(owner, need, limit=limit) == everyone[:limit]
    # … or, with strong ties everywhere, the bank's people's links.
    Need.objects.filter(pk=need.pk).delete()
    need = _bank(owner, make_person, [70, 75, 80], {f"Kak {n}": (95, n % 3) for n in range(6)})
    everyone = helpers_for(owner, need, limit=None)
    assert helpers_for(owner, need, limit=limit) == everyone[:limit]


@pytest.mark.parametrize("weak_staff", [0, 5])  # links read from the candidates' side, or the ties'
def test_a_two_hop_path_that_just_beats_the_direct_one_is_read(owner, make_person, weak_staff):
    # Sari works at the bank and did before: she matches by all a job there can give (0.96),
    # as the floors of the links assume, 0.96 × 50 = 48.0. Budi, her sibling who owes the
    # owner: 0.96 × 45 × 1.25 × 0.9 = 48.6, just above, two strength points over the floor.
    sari, budi = make_person("Sari Wulandari"), make_person("Budi Santoso")
    affiliation_add(owner=owner, person=sari, organisation="Bank Mandiri", title="Teller")
    affiliation_add(owner=owner, person=sari, organisation="PT Bank Mandiri", title="Teller",
                    end=timezone.localdate() - timedelta(days=400))  # fmt: skip
    staff = [make_person(f"Staf {n}") for n in range(weak_staff)]
    for person in staff:
        affiliation_add(owner=owner, person=person, organisation="Bank Mandiri", title="Driver")
    link_create(owner=owner, a=budi, b=sari, kind="sibling")
    interaction_log(owner=owner, people=[sari, budi, *staff],
                    occurred_at=timezone.now() - timedelta(days=2))  # fmt: skip
    for person, strength, balance in [(sari, 50, 0.0), (budi, 45, 1.0)] + [
        (person, 10, 0.0) for person in staff
    ]:
        TieScore.objects.filter(person=person).update(strength=strength, balance=balance)
    need = need_create(owner=owner, title="Kerja", kind="job", organisation="Bank Mandiri")
    [best] = helpers_for(owner, need, limit=1)
    assert (best.path, best.score) == (("Budi Santoso", "Sari Wulandari"), 48.6)


def test_another_owners_people_never_appear_in_helpers(owner, other_owner, family, make_person):
    stranger = make_person("Sari Mandiri", who=other_owner)
    affiliation_add(owner=other_owner, person=stranger, organisation="Bank Mandiri")
    found = helpers_for(owner, job_need(owner, family))
    assert stranger.pk not in {pid for h in found for pid in h.path_ids}


def test_a_need_goes_from_ask_to_introduction_to_success_and_thanks(owner, family):
    need = job_need(owner, family)
    need_ask(owner=owner, need=need, helper=family["budi"], summary="Bisa bantu Rizky?")
    assert need_get(owner, need.pk).status == "asked"
    need_introduce(owner=owner, need=need, introducer=family["budi"], introduced=family["sari"])
    assert need_get(owner, need.pk).status == "introduced"
    assert Link.objects.filter(
        owner=owner, from_person=family["sari"], to_person=family["budi"], kind="introduced_by"
    ).exists()
    created = need_close(owner=owner, need=need, outcome="success")
    assert created == {"reminders": 2, "favours": 2}
    assert set(Reminder.objects.filter(need=need).values_list("kind", "person")) == {
        ("thank_you", family["budi"].pk), ("give_back", family["budi"].pk)
    }  # fmt: skip
    owed = Favour.objects.get(need=need, direction="given")
    assert (owed.status, owed.person) == ("promised", family["budi"])
    assert Favour.objects.get(need=need, direction="received").status == "done"
    plan = weekly_plan_for(owner, monday_of(timezone.localdate()), budget=10)
    budi = next(item for item in plan if item.person_id == family["budi"].pk)
    assert any(reason.startswith("you promised: give back") for reason in budi.reasons)


def test_a_closed_need_takes_no_more_steps(owner, family):
    need = job_need(owner, family)
    need_close(owner=owner, need=need, outcome="withdrawn")
    with pytest.raises(InvalidInput, match="closed already"):
        need_ask(owner=owner, need=need, helper=family["budi"])
    with pytest.raises(InvalidInput, match="closed already"):
        need_close(owner=owner, need=need, outcome="success")
    assert not Reminder.objects.filter(need=need).exists()


def test_bad_needs_are_refused_and_change_nothing(owner, other_owner, family, make_person):
    stranger = make_person("Orang Lain", who=other_owner)
    with pytest.raises(InvalidInput, match="not in your network"):
        need_create(owner=owner, title="Sekolah", beneficiary=stranger)
    with pytest.raises(InvalidInput, match="kind must be one of"):
        need_create(owner=owner, title="Sekolah", kind="magic")
    need = job_need(owner, family)
    with pytest.raises(InvalidInput, match="outcome must be one of"):
        need_close(owner=owner, need=need, outcome="maybe")
    with pytest.raises(InvalidInput, match="who the need is for"):
        need_ask(owner=owner, need=need, helper=family["nephew"])
    with pytest.raises(NotFound, match="no need #"):
        need_get(other_owner, need.pk)
    assert Need.objects.get(pk=need.pk).status == "open"
    assert Need.objects.filter(owner=owner).count() == 1


def test_family_links_refuse_a_cycle_and_read_from_both_sides(owner, make_person):
    grandma, mother, child = (make_person(n) for n in ("Nenek Siti", "Ibu Ani", "Dodi"))
    link_create(owner=owner, a=grandma, b=mother, kind="parent")
    link_create(owner=owner, a=child, b=mother, kind="child")
    with pytest.raises(InvalidInput, match="cycle"):
        link_create(owner=owner, a=child, b=grandma, kind="parent")
    with pytest.raises(InvalidInput, match="already linked"):
        link_create(owner=owner, a=mother, b=grandma, kind="child")
    with pytest.raises(InvalidInput, match="themselves"):
        link_create(owner=owner, a=child, b=child, kind="knows")
    assert link_delete(owner=owner, a=mother, b=child) == 1
    with pytest.raises(NotFound):
        link_delete(owner=owner, a=mother, b=child)


def test_links_from_a_csv_are_all_or_nothing_and_name_the_line(owner, make_person, tmp_path):
    for name in ("Ani Wijaya", "Budi Santoso", "Citra Lestari"):
        make_person(name)
    good = tmp_path / "knows.csv"
    good.write_text("person,knows\nAni Wijaya,Budi Santoso\nBudi Santoso,Citra Lestari,friend\n")
    assert links_import(owner=owner, path=good, resolve=person_resolve) == {
        "created": 2, "existing": 0
    }  # fmt: skip
    assert links_import(owner=owner, path=good, resolve=person_resolve) == {
        "created": 0, "existing": 2
    }  # fmt: skip
    bad = tmp_path / "more.csv"
    bad.write_text("Ani Wijaya,Citra Lestari\nAni Wijaya,Nobody Here\n")
    with pytest.raises(InvalidInput, match=r"more\.csv:2: no person matches 'Nobody Here'"):
        links_import(owner=owner, path=bad, resolve=person_resolve)
    assert Link.objects.filter(owner=owner).count() == 2


def test_a_favour_weighs_in_the_balance_at_once(owner, make_person):
    from jalin.core.models import TieScore

    ayu = make_person("Ayu Lestari")
    favour_add(owner=owner, person=ayu, direction="received", description="Pinjam mobil")
    assert TieScore.objects.get(person=ayu).balance < 0
    with pytest.raises(InvalidInput, match="given or received"):
        favour_add(owner=owner, person=ayu, direction="sideways", description="?")


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize("organisation", ["Bank Mandiri", ""])
def test_the_best_few_are_the_head_of_the_full_ranking_on_a_random_network(
    owner, make_person, seed, organisation, monkeypatch
):
    import random

    # The candidates' facts read a few at a time: every round of the search against the
    # database, not one read of all forty.
    monkeypatch.setattr(helpers, "FIRST_READ", 1)
    rng = random.Random(seed)
    people = []
    for n in range(40):
        person = make_person(f"Orang {n:02}", city=rng.choice(["Bandung", "Medan", ""]))
        if rng.random() < 0.5:
            affiliation_add(owner=owner, person=person,
                            organisation=rng.choice(["Bank Mandiri", "PT Lain"]),
                            title=rng.choice(["Analyst", "Manager", "Teller"]))  # fmt: skip
        people.append(person)
    interaction_log(owner=owner, people=people, occurred_at=timezone.now() - timedelta(days=2))
    for person in people:
        TieScore.objects.filter(person=person).update(
            strength=rng.randrange(0, 100), balance=rng.uniform(-1, 1)
        )
    for _ in range(60):
        a, b = rng.sample(people, 2)
        if not Link.objects.filter(from_person__in=[a, b], to_person__in=[a, b]).exists():
            link_create(owner=owner, a=a, b=b, kind=rng.choice(["knows", "friend", "parent"]))
    need = need_create(owner=owner, title="Kerja", kind="job", organisation=organisation,
                       field="analyst", city="Bandung", beneficiary=people[0])  # fmt: skip
    everyone = helpers_for(owner, need, limit=None)
    assert everyone, "the network should hold some helpers"
    for limit in (1, 4, 10):
        assert helpers_for(owner, need, limit=limit) == everyone[:limit]
    assert helpers_for(owner, need, depth=1, limit=4) == helpers_for(owner, need, depth=1,
                                                                    limit=None)[:4]  # fmt: skip

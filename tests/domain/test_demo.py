"""The demo network: deterministic, well-formed, and showing every pattern the app explains."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from jalin.domain.cadence import due_state, resolve_cadence
from jalin.domain.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_network
from jalin.domain.normalise import email_address, phone_e164
from jalin.domain.records import NetworkRecords
from jalin.domain.vocabulary import (
    CHANNELS,
    FAVOUR_DIRECTIONS,
    FAVOUR_STATUSES,
    INITIATORS,
    INTERACTION_KINDS,
    LINK_INVERSES,
    SEEDED_CIRCLES,
)

JAKARTA = ZoneInfo("Asia/Jakarta")
AS_OF = datetime(2026, 11, 28, 9, 0, tzinfo=JAKARTA)
CASES = [
    (AS_OF, 2026),
    (datetime(2028, 2, 20, 23, 30, tzinfo=ZoneInfo("UTC")), 7),
    (datetime(2025, 1, 1, 0, 0, tzinfo=JAKARTA), 99),
]


@pytest.fixture(scope="module", params=CASES, ids=["2026-11-28", "2028-02-20-utc", "2025-new-year"])
def case(request) -> tuple[datetime, NetworkRecords]:
    as_of, seed = request.param
    return as_of, demo_network(as_of=as_of, seed=seed)


def contacts_by_person(network: NetworkRecords) -> dict[str, list]:
    found = defaultdict(list)
    for interaction in network.interactions:
        for key in interaction.person_keys:
            found[key].append(interaction)
    return found


def last_contact(network: NetworkRecords) -> dict[str, datetime]:
    return {
        key: max(i.occurred_at for i in found) for key, found in contacts_by_person(network).items()
    }


def test_it_gives_the_demo_login():
    assert (DEMO_USERNAME, DEMO_PASSWORD) == ("demo", "jalin-demo")


def test_it_returns_the_same_network_for_the_same_seed_and_date():
    assert demo_network(as_of=AS_OF, seed=5) == demo_network(as_of=AS_OF, seed=5)


def test_it_returns_a_different_network_for_another_seed():
    one, other = demo_network(as_of=AS_OF, seed=1), demo_network(as_of=AS_OF, seed=2)
    assert [p.name for p in one.people] != [p.name for p in other.people]
    assert one.interactions != other.interactions


def test_it_refuses_a_naive_as_of():
    with pytest.raises(ValueError, match="aware"):
        demo_network(as_of=datetime(2026, 11, 28, 9, 0))


def test_it_needs_no_network_access(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the demo must not touch the network")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert demo_network(as_of=AS_OF, seed=3).people


def test_it_imports_nothing_from_django():
    code = "import sys, jalin.domain.demo; print(any(m.startswith('django') for m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_it_has_about_150_people_in_all_four_circles(case):
    _, network = case
    assert 140 <= len(network.people) <= 160
    circles = Counter(c for p in network.people for c in p.circles)
    assert set(circles) == set(SEEDED_CIRCLES)
    assert min(circles.values()) >= 15
    assert sum(len(p.circles) > 1 for p in network.people) >= 5


def test_it_gives_unique_keys_names_phones_and_emails(case):
    _, network = case
    people = network.people
    assert len({p.key for p in people}) == len(people)
    assert len({p.name for p in people}) == len(people)
    phones = [phone_e164(phone) for p in people for phone in p.phones]
    emails = [email for p in people for email in p.emails]
    assert len(set(phones)) == len(phones) > 100
    assert len(set(emails)) == len(emails) > 100
    assert all(email_address(email) == email for email in emails)
    assert any(not p.phones for p in people)
    assert any(not p.emails for p in people)
    assert {phone[:3] for phone in phones} >= {"+62"}
    assert any(not phone.startswith("+62") for phone in phones)


def test_it_writes_indonesian_phones_in_local_form(case):
    _, network = case
    local = [phone for p in network.people for phone in p.phones if phone.startswith("08")]
    assert len(local) > 100
    assert all(len(phone.split("-")) == 3 for phone in local)


def test_it_fills_in_realistic_details(case):
    as_of, network = case
    people = network.people
    assert sum(p.birthday is not None for p in people) > len(people) * 0.7
    assert any(p.birthday and p.birthday[0] is None for p in people)
    assert sum(bool(p.affiliations) for p in people if "work" in p.circles) > 40
    assert sum(p.closeness is not None for p in people) > len(people) * 0.7
    assert all(1 <= p.closeness <= 10 for p in people if p.closeness is not None)
    assert all(0 <= p.layer <= 5 for p in people if p.layer is not None)
    assert any(p.cadence_days for p in people)
    assert any(p.nickname for p in people if "family" not in p.circles)
    assert len({p.city for p in people}) >= 8
    start = as_of.date() - timedelta(days=3 * 365)
    assert all(start <= p.added_on <= as_of.date() for p in people)


def test_it_mixes_indonesian_and_accented_international_names(case):
    _, network = case
    names = [p.name for p in network.people]
    assert any(not name.isascii() for name in names)
    assert sum(name.isascii() for name in names) > 100


def test_it_names_only_known_people(case):
    _, network = case
    keys = {p.key for p in network.people}
    assert all(set(i.person_keys) <= keys and i.person_keys for i in network.interactions)
    assert all({link.from_key, link.to_key} <= keys for link in network.links)
    assert all(favour.person_key in keys for favour in network.favours)


def test_it_has_a_few_thousand_interactions_some_in_groups(case):
    _, network = case
    assert 2000 <= len(network.interactions) <= 8000
    assert sum(len(i.person_keys) > 1 for i in network.interactions) >= 50


def test_it_keeps_every_interaction_in_the_three_years_before_as_of(case):
    as_of, network = case
    earliest = as_of - timedelta(days=3 * 365 + 2)
    for interaction in network.interactions:
        assert interaction.occurred_at.tzinfo is not None
        assert earliest <= interaction.occurred_at <= as_of
        assert 7 <= interaction.occurred_at.astimezone(JAKARTA).hour <= 22
        assert interaction.external_key is None


def test_it_uses_only_the_vocabulary(case):
    _, network = case
    interactions = network.interactions
    assert {i.channel for i in interactions} <= set(CHANNELS)
    assert {i.kind for i in interactions} == set(INTERACTION_KINDS)
    assert {i.initiator for i in interactions} == set(INITIATORS)
    assert {link.kind for link in network.links} <= set(LINK_INVERSES)
    assert {f.direction for f in network.favours} == set(FAVOUR_DIRECTIONS)
    assert {f.status for f in network.favours} <= set(FAVOUR_STATUSES)


def test_it_mostly_keeps_in_touch_rather_than_asks(case):
    _, network = case
    kinds = Counter(i.kind for i in network.interactions)
    assert kinds["touch"] > 0.7 * len(network.interactions)


def test_it_sizes_messages_and_synchronous_contacts(case):
    _, network = case
    for interaction in network.interactions:
        if interaction.channel == "message":
            assert interaction.messages_me + interaction.messages_them > 0
        if interaction.channel in ("call", "video", "meeting"):
            assert (interaction.minutes or 0) > 0


def test_it_links_families_and_acquaintances_without_self_links_or_repeats(case):
    _, network = case
    pairs = [frozenset((link.from_key, link.to_key)) for link in network.links]
    assert all(len(pair) == 2 for pair in pairs)
    assert len(set(pairs)) == len(pairs)
    kinds = Counter(link.kind for link in network.links)
    assert min(kinds["parent"], kinds["sibling"], kinds["spouse"]) > 0
    assert 100 <= kinds["knows"] + kinds["colleague"] + kinds["friend"] <= 200


def test_it_records_about_thirty_favours_in_the_past(case):
    as_of, network = case
    favours = network.favours
    assert 25 <= len(favours) <= 35
    assert all(f.occurred_on and f.occurred_on <= as_of.date() for f in favours)
    statuses = Counter(f.status for f in favours)
    assert statuses["done"] > len(favours) / 2
    assert statuses["promised"] + statuses["asked"] >= 2


def test_it_has_ties_dormant_for_two_years(case):
    as_of, network = case
    last = last_contact(network)
    dormant = [p for p in network.people if p.key in last and as_of - last[p.key] > timedelta(730)]
    assert len(dormant) >= 5


def test_it_has_ties_that_drifted_after_regular_contact(case):
    as_of, network = case
    drifting = 0
    for found in contacts_by_person(network).values():
        silence = as_of - max(i.occurred_at for i in found)
        before = [i for i in found if as_of - i.occurred_at < silence + timedelta(365)]
        drifting += timedelta(120) <= silence <= timedelta(366) and len(before) >= 5
    assert drifting >= 5


def initiations(network: NetworkRecords) -> dict[str, Counter]:
    found: dict[str, Counter] = defaultdict(Counter)
    for interaction in network.interactions:
        if len(interaction.person_keys) == 1:
            found[interaction.person_keys[0]][interaction.initiator] += 1
            if interaction.initiator == "me":
                found[interaction.person_keys[0]]["my_asks"] += interaction.kind == "ask"
    return found


def test_it_has_ties_the_owner_carries_and_ties_they_carry(case):
    _, network = case
    counts = initiations(network).values()
    mine = [
        c for c in counts if c["me"] + c["them"] >= 8 and c["me"] >= 0.85 * (c["me"] + c["them"])
    ]
    theirs = [
        c for c in counts if c["me"] + c["them"] >= 8 and c["them"] >= 0.75 * (c["me"] + c["them"])
    ]
    assert mine
    assert theirs


def test_it_has_someone_the_owner_only_contacts_to_ask(case):
    _, network = case
    asks_only = [
        c for c in initiations(network).values() if c["me"] >= 3 and c["my_asks"] > c["me"] / 2
    ]
    assert asks_only


def test_it_has_people_due_now_and_people_in_good_standing(case):
    as_of, network = case
    last, today = last_contact(network), as_of.date()
    ratios = []
    for person in network.people:
        cadence = resolve_cadence(
            own_days=person.cadence_days,
            layer=person.layer,
            closeness=person.closeness,
            circles=person.circles,
        )
        if cadence.days and person.key in last:
            state = due_state(
                last_contact=last[person.key].date(),
                added_on=person.added_on,
                cadence_days=cadence.days,
                today=today,
            )
            ratios.append(state.overdue_ratio)
    assert sum(1 <= ratio < 1.5 for ratio in ratios) >= 3
    assert sum(ratio < 1 for ratio in ratios) >= 50


def test_it_has_birthdays_in_the_next_two_weeks(case):
    as_of, network = case
    today = as_of.astimezone(JAKARTA).date()
    soon = {(day.month, day.day) for day in (today + timedelta(n) for n in range(1, 15))}
    assert sum(p.birthday[1:] in soon for p in network.people if p.birthday) >= 3
    for person in network.people:
        if person.birthday:
            year, month, day = person.birthday
            date(year or 2000, month, day)

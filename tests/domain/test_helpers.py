"""Who can help with a need: what matches, and how warm each path is."""

from __future__ import annotations

from datetime import date
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jalin.domain import helpers
from jalin.domain.helpers import (
    MATCH_WEIGHTS,
    Edge,
    FirstHop,
    Match,
    PersonFacts,
    Target,
    Warmth,
    find_helpers,
    match_person,
    rank_helpers,
    two_hop_floors,
)
from jalin.domain.vocabulary import link_inverse

BANK = Target(organisation="Bank Mandiri", field="data analyst", city="Bandung")


TODAY = date(2026, 12, 7)


def hop(pid: int, name: str, strength: int = 60, balance: float = 0.0, verdict: str = "ask"):
    """A first hop whose stored figures make the pre-ask check say ``verdict``."""
    status = "drifting" if verdict == "reconnect-first" else "ok"
    days = 200 if status == "drifting" else 5
    return FirstHop(pid, name, strength, balance, status, days, 30.0)


def rank(matches, hops: dict, edges, *, readable=None, **kwargs):
    """Rank with ``hops`` as the stored figures; only ``readable`` ids (default all) can be
    read in full, as an archived person cannot."""
    warmth = {pid: Warmth(h.strength, h.balance) for pid, h in hops.items()}
    allowed = hops.keys() if readable is None else readable

    def first_hops(ids):
        return {pid: hops[pid] for pid in ids if pid in hops and pid in allowed}

    return rank_helpers(matches, warmth, edges, first_hops, today=TODAY, **kwargs)


def test_a_current_job_at_the_organisation_matches_best_and_says_so():
    now = match_person(
        BANK, PersonFacts(1, "Sari", affiliations=(("PT Bank Mandiri", "HR", True),))
    )
    before = match_person(BANK, PersonFacts(2, "Budi", affiliations=(("Mandiri", "", False),)))
    assert now.reasons == ("works at PT Bank Mandiri (HR)",)
    assert before.reasons == ("worked at Mandiri",)
    assert now.weight > before.weight > 0


def test_field_words_city_tags_and_notes_match_folded():
    anywhere = Target(field="data analyst", city="Bandung")
    facts = PersonFacts(
        3, "Dewi", affiliations=(("Telkom", "Senior Data Analyst", True),), city="bandung",
        tags=("Analyst",), notes="",
    )  # fmt: skip
    match = match_person(anywhere, facts)
    assert set(match.signals) == {"field", "city", "notes"}
    assert "lives in bandung" in match.reasons
    assert match_person(anywhere, PersonFacts(4, "Eko", city="Jakarta", notes="suka kopi")) is None


def test_a_need_naming_an_organisation_matches_only_its_people():
    # An analyst elsewhere is no way into Bank Mandiri (unless linked to someone there).
    elsewhere = PersonFacts(5, "Fajar", affiliations=(("Telkom", "Data Analyst", True),))
    assert match_person(BANK, elsewhere) is None
    inside = PersonFacts(6, "Gita", affiliations=(("Bank Mandiri", "Data Analyst", True),))
    plain = PersonFacts(7, "Hadi", affiliations=(("Bank Mandiri", "Driver", True),))
    assert match_person(BANK, inside).signals == ("field", "org")
    assert match_person(BANK, inside).weight > match_person(BANK, plain).weight


def test_a_warm_two_hop_path_beats_a_cold_direct_match():
    sari = Match(10, "Sari", ("org",), (("works_at", "Bank Mandiri"),))
    hops = {10: hop(10, "Sari", strength=20), 11: hop(11, "Budi", strength=90)}
    # Budi is Sari's sibling: the edge reads "Sari is sibling of Budi".
    found = rank([sari], hops, [Edge(10, 11, "sibling")])
    assert [h.name for h in found] == ["Budi", "Sari"]
    assert found[0].path == ("Budi", "Sari")
    assert "sibling of Sari" in found[0].why
    assert rank([sari], hops, [Edge(10, 11, "sibling")], depth=1)[0].name == "Sari"


def test_the_link_is_read_from_the_side_of_the_one_asked():
    child = Match(20, "Rina", ("org",), (("works_at", "Bank Mandiri"),))
    # "Pak Ahmad is parent of Rina": asking Pak Ahmad, he is Rina's parent.
    [ahmad] = rank([child], {21: hop(21, "Pak Ahmad")}, [Edge(21, 20, "parent")])
    assert "parent of Rina" in ahmad.why
    [rina_side] = rank(
        [Match(21, "Pak Ahmad", ("org",), (("works_at", "Bank Mandiri"),))],
        {20: hop(20, "Rina")},
        [Edge(21, 20, "parent")],
    )
    assert "child of Pak Ahmad" in rina_side.why


def test_a_cold_tie_is_shown_marked_reconnect_first_and_lower():
    match = Match(30, "Tono", ("org",), (("works_at", "Bank Mandiri"),))
    warm = rank([match], {30: hop(30, "Tono", verdict="ask")}, [])[0]
    cold = rank([match], {30: hop(30, "Tono", verdict="reconnect-first")}, [])[0]
    assert cold.verdict == "reconnect-first"
    assert "Reconnect first: the tie is drifting" in cold.why
    assert cold.score < warm.score


def test_someone_who_owes_the_owner_ranks_above_someone_owed():
    match = Match(40, "Wati", ("org",), (("works_at", "Bank Mandiri"),))
    owes = rank([match], {40: hop(40, "Wati", balance=0.8)}, [])[0]
    owed = rank([match], {40: hop(40, "Wati", balance=-0.8)}, [])[0]
    assert owes.score > owed.score


def test_the_beneficiary_never_helps_and_each_first_hop_appears_once():
    a = Match(50, "Ani", ("org",), (("works_at", "Bank Mandiri"),))
    b = Match(51, "Bayu", ("org_past",), (("worked_at", "Bank Mandiri"),))
    hops = {50: hop(50, "Ani"), 51: hop(51, "Bayu"), 52: hop(52, "Citra", strength=95)}
    edges = [Edge(52, 50, "knows"), Edge(52, 51, "friend")]
    found = rank([a, b], hops, edges, excluded=frozenset({51}))
    assert [h.person_id for h in found].count(52) == 1
    assert 51 not in [h.person_id for h in found]
    assert all(51 not in h.path_ids for h in found)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 100), st.floats(-1, 1), st.booleans()), min_size=1,
             max_size=30),
    st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29),
                       st.sampled_from(["knows", "sibling", "parent", "friend"])), max_size=60),
    st.integers(1, 8),
)  # fmt: skip
def test_the_best_few_are_the_head_of_the_whole_ranking(people, links, limit):
    hops = {
        i: hop(i, f"P{i}", strength, balance, "reconnect-first" if cold else "ask")
        for i, (strength, balance, cold) in enumerate(people)
    }
    matches = [
        Match(i, f"P{i}", ("org",), (("works_at", "Bank Mandiri"),)) for i in hops if i % 3 == 0
    ]
    edges = [Edge(a, b, kind) for a, b, kind in links if a != b and a in hops and b in hops]
    everyone = rank(matches, hops, edges)
    assert rank(matches, hops, edges, limit=limit) == everyone[:limit]


def test_a_first_hop_who_cannot_be_read_gives_way_to_the_next():
    matches = [Match(i, f"P{i}", ("org",), (("works_at", "Bank Mandiri"),)) for i in range(3)]
    hops = {i: hop(i, f"P{i}", strength=90 - 10 * i) for i in range(3)}
    found = rank(matches, hops, [], readable={1, 2}, limit=2)
    assert [h.person_id for h in found] == [1, 2]


signals = st.sampled_from([("org",), ("org", "field"), ("org_past",), ("org_past", "city")])


def links_read(edges, hops, candidates, floors):
    """What the database returns for ``floors``: the links touching a candidate whose other
    side's tie is strong enough for the kind as that side is to the candidate, in any order,
    a link between two candidates once for each side; and who those other sides are."""
    read, near = [], set()
    for edge in edges:
        for this, far, seen_as in ((edge.a, edge.b, edge.kind), (edge.b, edge.a, "")):
            seen_as = seen_as or link_inverse(edge.kind)
            if far in candidates and (floors is None or hops[this].strength >= floors[seen_as]):
                read.append(edge)
                near.add(this)
    return read, near


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 100), st.floats(-1, 1), st.booleans(), signals),
             min_size=1, max_size=30),
    st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29),
                       st.sampled_from(["knows", "sibling", "parent", "friend", "colleague"])),
             max_size=60),
    st.integers(1, 8),
    st.randoms(use_true_random=False),
)  # fmt: skip
def test_links_below_the_two_hop_floors_never_change_the_best_few(people, links, limit, rng):
    hops = {
        i: hop(i, f"P{i}", strength, balance, "reconnect-first" if cold else "ask")
        for i, (strength, balance, cold, _) in enumerate(people)
    }
    matches = [
        Match(i, f"P{i}", people[i][3], (("works_at", "Bank Mandiri"),))
        for i in hops if i % 3 == 0
    ]  # fmt: skip
    edges = [Edge(a, b, kind) for a, b, kind in links if a != b and a in hops and b in hops]
    everyone = rank(matches, hops, edges)
    direct = rank(matches, hops, [], depth=1, limit=limit)
    floors = two_hop_floors(direct, BANK, limit)
    read, _near = links_read(edges, hops, {m.person_id for m in matches}, floors)
    rng.shuffle(read)
    assert rank(matches, hops, read, limit=limit) == everyone[:limit]


def test_the_two_hop_floors_keep_a_path_that_just_beats_the_direct_ones():
    sari = Match(1, "Sari", ("org",), (("works_at", "Bank Mandiri"),))
    hops = {1: hop(1, "Sari", strength=50), 2: hop(2, "Budi", strength=45, balance=1.0)}
    direct = rank([sari], hops, [], depth=1, limit=1)
    # Budi, Sari's sibling who owes the owner, scores 0.9 × 45 × 1.25 × 0.9 = 45.6 > 45.0.
    [best] = rank([sari], hops, [Edge(1, 2, "sibling")], limit=1)
    assert (best.name, direct[0].score) == ("Budi", 45.0)
    floors = two_hop_floors(direct, Target(organisation="Bank Mandiri"), 1)
    assert floors["sibling"] <= 45 < floors["knows"]  # a looser link needs a warmer tie
    assert two_hop_floors(direct, BANK, 2) is None  # one direct path does not fill two places


def test_the_best_weight_of_a_target_bounds_every_match_of_it():
    facts = PersonFacts(
        1, "Gita", affiliations=(("Bank Mandiri", "Data Analyst", True), ("Mandiri", "", False)),
        city="Bandung", tags=("data",),
    )  # fmt: skip
    assert match_person(BANK, facts).weight == BANK.best_weight
    assert Target(city="Bandung").best_weight == pytest.approx(MATCH_WEIGHTS["city"])
    assert Target(field="data").best_weight < Target(field="data", city="Medan").best_weight


def search(people, links, limit, *, depth=2):
    """Run :func:`find_helpers` for ``BANK`` over an in-memory network of ``people``
    (strength, balance, cold, the signals they match by or ``None``); return what it
    found, the whole ranking, and the ids whose facts it read."""
    hops = {
        i: hop(i, f"P{i}", strength, balance, "reconnect-first" if cold else "ask")
        for i, (strength, balance, cold, _) in enumerate(people)
    }
    matching = {
        i: Match(i, f"P{i}", wanted, (("works_at", "Bank Mandiri"),))
        for i, (*_, wanted) in enumerate(people) if wanted
    }  # fmt: skip
    # Some who may match do not: the full-text index finds more than match.
    candidates = set(matching) | {i for i in hops if i % 5 == 1}
    edges = [Edge(a, b, kind) for a, b, kind in links if a != b and a in hops and b in hops]
    read: list[int] = []

    def read_matches(ids):
        read.extend(ids)
        return [matching[i] for i in ids if i in matching]

    def read_links(floors):
        found, near = links_read(edges, hops, candidates, floors)
        return found, {i: Warmth(hops[i].strength, hops[i].balance) for i in near}

    def first_hops(ids):
        return {i: hops[i] for i in ids if i in hops}

    warmth = {i: Warmth(hops[i].strength, hops[i].balance) for i in candidates}
    found = find_helpers(
        BANK, candidates, warmth, read_matches, read_links, first_hops, today=TODAY,
        depth=depth, limit=limit,
    )  # fmt: skip
    everyone = rank(list(matching.values()), hops, edges if depth > 1 else [], depth=depth)
    return found, everyone, read


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 100), st.floats(-1, 1), st.booleans(),
                       st.one_of(st.none(), signals)), min_size=1, max_size=90),
    st.lists(st.tuples(st.integers(0, 89), st.integers(0, 89),
                       st.sampled_from(["knows", "sibling", "parent", "friend", "colleague"])),
             max_size=150),
    st.integers(1, 8),
    st.sampled_from([1, 2]),
)  # fmt: skip
def test_the_search_finds_the_head_of_the_whole_ranking(people, links, limit, depth):
    with mock.patch.object(helpers, "FIRST_READ", 1):  # as many rounds as can be
        found, everyone, _read = search(people, links, limit, depth=depth)
    assert found == everyone[:limit]


def test_the_search_reads_on_past_warm_ties_the_check_sends_back():
    # The first round's 32 warmest match but are drifting (reconnect first: 0.6 of 90 × 0.9
    # = 48.6); the next, at 60 and in touch, scores 54 and must be read before it stops.
    drifting = [(90, 0.0, True, ("org",))] * helpers.FIRST_READ
    found, everyone, read = search([*drifting, *[(60, 0.0, False, ("org",))] * 3], [], 1)
    assert found == everyone[:1]
    assert (found[0].person_id, found[0].score) == (len(drifting), 54.0)
    assert found[0].verdict != "reconnect-first"
    assert len(drifting) in read


def test_the_search_reads_the_facts_of_only_the_warmest_of_many_candidates():
    # 300 people at the bank, their ties spread from 1 to 100 strong; no links.
    people = [(1 + n % 100, 0.0, False, ("org",)) for n in range(300)]
    found, everyone, read = search(people, [], 3)
    assert found == everyone[:3]
    assert len(read) < 100
    assert {h.person_id for h in found} <= set(read)
    _found, _everyone, read_all = search(people, [], None)
    assert sorted(read_all) == list(range(300))

"""Stored relationship figures: computed by ``rescore``, refreshed when contact is logged."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from jalin.core.models import TieScore
from jalin.core.selectors import tie_scores
from jalin.core.services.interactions import interaction_log
from jalin.core.services.scores import rescore


def test_rescore_stores_one_score_per_person_with_its_time(owner, make_person):
    ayu, budi = make_person("Ayu Lestari"), make_person("Budi Santoso")
    now = timezone.now()
    for days in range(70, 0, -7):
        interaction_log(owner=owner, people=[ayu], occurred_at=now - timedelta(days=days))
    assert rescore(owner=owner, now=now) == 2
    scores = {s.person_id: s for s in tie_scores(owner)}
    assert scores[ayu.pk].strength > scores[budi.pk].strength
    assert scores[ayu.pk].computed_at == now
    assert scores[ayu.pk].figures["days_since_contact"] == 7
    assert scores[budi.pk].figures["days_since_contact"] is None


def test_logging_contact_rescores_only_the_people_in_it(owner, make_person):
    ayu, budi = make_person("Ayu Lestari"), make_person("Budi Santoso")
    rescore(owner=owner)
    before = TieScore.objects.get(person=budi).computed_at
    interaction_log(owner=owner, people=[ayu], channel="meeting")
    assert TieScore.objects.get(person=ayu).figures["days_since_contact"] == 0
    assert TieScore.objects.get(person=budi).computed_at == before


def test_a_group_meeting_counts_less_for_each_person_than_a_one_to_one(owner, make_person):
    ayu, budi, sari = (make_person(n) for n in ("Ayu Lestari", "Budi Santoso", "Sari Dewi"))
    now = timezone.now()
    for days in (40, 20, 2):
        moment = now - timedelta(days=days)
        interaction_log(owner=owner, people=[ayu], channel="meeting", occurred_at=moment)
        interaction_log(owner=owner, people=[budi, sari], channel="meeting", occurred_at=moment)
    rescore(owner=owner, now=now)
    intensity = {s.person_id: s.figures["components"]["intensity"] for s in tie_scores(owner)}
    assert intensity[ayu.pk] > intensity[budi.pk] == intensity[sari.pk]


def test_nobody_sees_another_owners_scores(owner, other_owner, make_person):
    make_person("Ayu Lestari")
    make_person("Ayu Lestari", who=other_owner)
    rescore(owner=owner)
    rescore(owner=other_owner)
    assert [s.person.owner_id for s in tie_scores(owner)] == [owner.pk]


def test_the_nightly_task_rescores_every_network_scored_before_today(
    owner, other_owner, make_person
):
    import time_machine

    from jalin.tasks import rescore_every_network

    make_person("Ayu Lestari")
    make_person("Budi Santoso", who=other_owner)
    with time_machine.travel(timezone.now() + timedelta(days=1), tick=False):
        rescore_every_network.call_local()
        today = timezone.localdate()
        assert {timezone.localdate(s.computed_at) for s in TieScore.objects.all()} == {today}


def _stored(owner) -> list[tuple]:
    fields = [f.name for f in TieScore._meta.concrete_fields if f.name not in ("id",)]
    return list(TieScore.objects.filter(owner=owner).order_by("person_id").values_list(*fields))


def test_rescoring_a_few_people_stores_what_rescoring_everyone_does(owner, make_person):
    # The two read their contacts differently (one scan of the network, or by id), and the
    # merged person's contacts must stay out of both.
    now = timezone.now()
    people = [make_person(f"Person {n}", cadence_days=14 + n) for n in range(8)]
    for n, person in enumerate(people):
        for days in range(3 + n, 400, 9 + 4 * n):
            interaction_log(
                owner=owner, people=[person, people[(n + 1) % 8]] if days % 5 == 0 else [person],
                channel=("message", "call", "meeting")[days % 3],
                occurred_at=now - timedelta(days=days, hours=n),
            )  # fmt: skip
    from jalin.core.services.dedupe import person_merge

    person_merge(owner=owner, keep=people[0], merge=people[7])
    rescore(owner=owner, now=now)
    whole = _stored(owner)
    rescore(owner=owner, person_ids=[p.pk for p in people[:3]], now=now)
    assert _stored(owner) == whole
    assert len(whole) == 7


def test_each_score_keeps_the_most_it_can_be_worth_to_a_plan(owner, make_person):
    from jalin.domain.plan import value_bound

    person = make_person("Ayu Lestari", cadence_days=7)
    interaction_log(owner=owner, people=[person], occurred_at=timezone.now() - timedelta(days=30))
    score = TieScore.objects.get(person=person)
    assert score.status in ("drifting", "dormant")
    assert score.plan_bound == value_bound(score.priority, score.strength) > score.priority

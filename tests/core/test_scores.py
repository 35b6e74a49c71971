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

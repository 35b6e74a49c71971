"""``jalin rescore`` and ``jalin strength``."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from jalin.core.services.interactions import interaction_log


def test_strength_json_has_the_issue_fields_for_everyone(jalin, owner, make_person):
    ayu = make_person("Ayu Lestari", circles=["friends"])
    make_person("Budi Santoso")
    for days in (30, 20, 10):
        interaction_log(
            owner=owner, people=[ayu], occurred_at=timezone.now() - timedelta(days=days)
        )
    assert jalin("rescore").exit_code == 0
    rows = jalin.json("strength")
    assert [r["name"] for r in rows] == ["Ayu Lestari", "Budi Santoso"]
    for key in ("person_id", "name", "strength", "layer", "status", "cadence_days",
                "days_since_contact", "mutuality", "balance", "asks_only_index", "asks_only",
                "components", "why"):  # fmt: skip
        assert key in rows[0]
    assert rows[0]["days_since_contact"] == 10
    assert "Strength" in rows[0]["why"]


def test_strength_of_one_person_by_a_fuzzy_name(jalin, owner, make_person):
    make_person("Ayu Lestari")
    make_person("Budi Santoso")
    jalin("rescore")
    [row] = jalin.json("strength", "budi")
    assert row["name"] == "Budi Santoso"


def test_strength_with_nobody_in_the_network_says_what_to_do(jalin, owner):
    result = jalin("strength")
    assert result.exit_code == 0
    assert "add people or import" in result.output


def test_scores_from_an_earlier_day_are_refreshed_before_they_are_shown(jalin, owner, make_person):
    import time_machine

    from jalin.core.models import TieScore

    start = timezone.now()
    ayu = make_person("Ayu Lestari", cadence_days=7)
    interaction_log(owner=owner, people=[ayu], occurred_at=start - timedelta(days=1))
    assert TieScore.objects.get(person=ayu).status == "ok"
    with time_machine.travel(start + timedelta(days=12), tick=False):
        [row] = jalin.json("today")
        assert row["name"] == "Ayu Lestari"
        assert row["status"] in ("due", "drifting")
        assert TieScore.objects.get(person=ayu).computed_at.date() == timezone.now().date()


def test_plan_json_names_at_most_the_budget_with_reasons_and_a_channel(jalin, owner, make_person):
    start = timezone.now()
    for number in range(4):
        person = make_person(f"Teman {number}", cadence_days=7, circles=["friends"])
        interaction_log(
            owner=owner, people=[person], occurred_at=start - timedelta(days=12 + number)
        )
    result = jalin.json("plan", "--budget", "2", "--week", "2026-W49")
    assert result["week"] == "2026-W49"
    assert [p["name"] for p in result["people"]] == ["Teman 3", "Teman 2"]
    assert all(p["reasons"] and p["channel"] for p in result["people"])


def test_plan_refuses_a_week_that_does_not_exist(jalin, owner):
    result = jalin("plan", "--week", "2026-W60")
    assert result.exit_code == 2
    assert "2026-W60" in result.output


def test_ask_check_json_has_the_verdict_and_why(jalin, owner, make_person):
    budi = make_person("Budi Santoso", cadence_days=30)
    interaction_log(owner=owner, people=[budi], occurred_at=timezone.now() - timedelta(days=200))
    result = jalin.json("ask-check", "budi", "--need", "referral")
    assert result["verdict"] == "reconnect-first"
    assert result["need"] == "referral"
    assert result["days_since_contact"] == 200
    assert result["cadence_days"] == 30
    assert result["reasons"]
    assert result["opener"]
    assert isinstance(result["strength"], int)


def test_health_json_reports_the_network(jalin, owner, make_person):
    for number, circle in enumerate(["family", "friends", "work"]):
        person = make_person(f"Orang {number}", circles=[circle])
        interaction_log(
            owner=owner, people=[person], occurred_at=timezone.now() - timedelta(days=3)
        )
    report = jalin.json("health")
    assert report["people"] == report["active"] == 3
    assert report["diversity"]["headcount"]["circles"] == 3
    assert report["brokerage"]["reported"] is False
    assert sum(row["people"] for row in report["trend"]) >= 3


def test_plan_brings_birthdays_and_promises_even_for_ties_in_touch(jalin, owner, make_person):
    from jalin.core.models import Favour

    start = timezone.now()
    birthday = make_person("Sari Dewi", birthday="--12-02")
    promised = make_person("Rudi Hartono")
    quiet = make_person("Ayu Lestari")
    for person in (birthday, promised, quiet):
        interaction_log(owner=owner, people=[person], occurred_at=start - timedelta(days=1))
    Favour.objects.create(owner=owner, person=promised, direction="given", status="promised",
                          description="kenalin ke HRD")  # fmt: skip
    result = jalin.json("plan", "--week", "2026-W49")
    reasons = {p["name"]: p["reasons"] for p in result["people"]}
    assert reasons == {
        "Sari Dewi": ["birthday on 2026-12-02"],
        "Rudi Hartono": ["you promised: kenalin ke HRD"],
    }


def test_show_gives_the_same_cadence_and_status_as_today(jalin, owner, make_person):
    budi = make_person("Budi Santoso", cadence_days=7)
    interaction_log(owner=owner, people=[budi], occurred_at=timezone.now() - timedelta(days=9))
    shown = jalin.json("show", "budi")
    [due] = jalin.json("today")
    assert (shown["cadence_days"], shown["cadence_source"]) == (7, "own")
    assert shown["status"] == due["status"] == "due"
    assert shown["why"] == due["why"]

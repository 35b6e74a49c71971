"""Today's list and the weekly plan read only the most urgent stored scores, and give what
reading every score would."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db.models import Q

from jalin.core import selectors
from jalin.core.models import Favour
from jalin.core.selectors import due_list, due_total, weekly_plan_for
from jalin.core.services.interactions import interaction_log
from jalin.domain.plan import monday_of, weekly_plan

JAKARTA = ZoneInfo("Asia/Jakarta")
NOW = datetime(2026, 11, 25, 9, 0, tzinfo=JAKARTA)
CIRCLES = ("family", "friends", "work", "community")


@pytest.fixture
def late_network(owner, make_person):
    """Seventy people, late by different amounts, in four circles; three with a birthday in
    the week and two with a promise the owner made."""
    with time_machine.travel(NOW, tick=False):
        people = []
        for n in range(70):
            birthday = f"--11-{24 + n % 3}" if n % 23 == 5 else None
            person = make_person(
                f"Person {n:02}",
                circles=[CIRCLES[n % 4]],
                cadence_days=(7, 14, 30)[n % 3],
                closeness=1 + n % 10,
                birthday=birthday,
                added_on=date(2025, 1, 1),
            )
            interaction_log(
                owner=owner, people=[person], occurred_at=NOW - timedelta(days=20 + (n * 7) % 90)
            )
            people.append(person)
        for person in people[10:12]:
            Favour.objects.create(
                owner=owner, person=person, direction="given", status="promised",
                description="kirim CV",
            )  # fmt: skip
        yield people


def full_plan(owner, week_start: date, budget: int):
    """The plan chosen from every candidate at once: what paging must reproduce."""
    week = selectors.week_dates(week_start)
    reasons = Q(status__in=("due", "drifting", "dormant")) | selectors._week_reasons(owner, week)
    candidates = selectors._candidates(owner, selectors._plan_rows(owner, reasons))
    return weekly_plan(candidates, budget=budget, week_start=week_start)


@pytest.mark.parametrize("budget", [1, 3, 8])
def test_the_plan_read_a_page_at_a_time_is_the_plan_of_every_candidate(
    owner, late_network, monkeypatch, budget
):
    monkeypatch.setattr(selectors, "PLAN_PAGE", 1)  # pages of 20 × budget: several reads
    pages = []
    reader = selectors._plan_rows
    monkeypatch.setattr(
        selectors, "_plan_rows", lambda *a, **k: pages.append(k.get("limit")) or reader(*a, **k)
    )
    monday = monday_of(NOW.date())
    with time_machine.travel(NOW, tick=False):
        plan = weekly_plan_for(owner, monday, budget)
        monkeypatch.setattr(selectors, "_plan_rows", reader)
        assert plan == full_plan(owner, monday, budget)
    assert len(plan) == budget
    if 20 * budget < 70:
        assert any(limit is not None and limit < 70 for limit in pages), "read in pages"


def test_today_lists_the_most_urgent_first_up_to_the_limit(owner, late_network):
    with time_machine.travel(NOW, tick=False):
        everyone = due_list(owner)
        assert len(everyone) == due_total(owner) > 5
        assert [d.person for d in due_list(owner, limit=5)] == [d.person for d in everyone[:5]]
        priorities = [d.score.priority for d in everyone]
        assert priorities == sorted(priorities, reverse=True)


def test_the_cli_says_how_many_more_are_due_beyond_the_limit(owner, late_network):
    from typer.testing import CliRunner

    from jalin.cli import app

    with time_machine.travel(NOW, tick=False):
        total = due_total(owner)
        shown = CliRunner().invoke(app, ["today", "--limit", "3"])
        assert shown.exit_code == 0, shown.output
        assert f"and {total - 3} more" in shown.output
        listed = CliRunner().invoke(app, ["today", "--limit", "0", "--json"])
        assert len(json.loads(listed.stdout)) == total

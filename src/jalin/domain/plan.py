"""The weekly plan: whom to contact this week to keep the most strength in the network.

Candidates are the owner's ties with their stored figures. Each gets a value for this week:

* a due, drifting or dormant tie is worth its priority: lateness against the cadence × layer
  weight, or for a dormant tie the value of one reconnect with a reason (not a nudge every
  week; :mod:`jalin.domain.ties.rhythm` sets both);
* a birthday this week adds ``BIRTHDAY_VALUE``; a promise the owner made and has not kept adds
  ``PROMISE_VALUE``: both are reasons to write that do not depend on silence;
* the strength still at stake breaks near-ties (``STRENGTH_WEIGHT`` per point).

The plan is then chosen greedily, highest value first, and each pick discounts the others of
its circles by ``DIVERSITY_DISCOUNT``, so a week does not go to one circle while another
drifts. Ties are broken by person id: the same data gives the same plan.

A network may hold tens of thousands of late ties; the plan needs only the most urgent.
:func:`settled` says when a plan chosen from the candidates of highest :func:`value_bound` is
the one all of them would give, so a reader can fetch them a page at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

DUE_STATUSES = ("due", "drifting")
"""The statuses of ties on today's list, worth their priority in a plan."""
LATE_STATUSES = (*DUE_STATUSES, "dormant")
"""The statuses of ties a plan considers without a birthday or a promise."""

BIRTHDAY_VALUE = 3.0
PROMISE_VALUE = 2.0
STRENGTH_WEIGHT = 0.01
DIVERSITY_DISCOUNT = 0.7
RICHER_CHANNEL = {"message": "call", "email": "call", "call": "meeting", "video": "meeting"}


@dataclass(frozen=True)
class Candidate:
    """A tie as the plan sees it: figures, circles and this week's reasons."""

    person_id: int
    name: str
    status: str
    priority: float
    strength: int
    layer: int
    circles: frozenset[str] = frozenset()
    days_since_contact: int | None = None
    cadence_days: int | None = None
    usual_channel: str | None = None
    birthday: tuple[int, int] | None = None  # (month, day)
    promises: tuple[str, ...] = ()  # what the owner promised and has not done


class Reason(NamedTuple):
    """Why a person is in the plan, as a code other languages word: ``due``, ``drifting``,
    ``dormant`` (``days`` of silence, ``every`` the cadence), ``birthday`` (``on``) or
    ``promise`` (``what``)."""

    code: str
    days: int | None = None
    every: int | None = None
    on: date | None = None
    what: str = ""


@dataclass(frozen=True)
class PlanItem:
    """One person to contact this week, why (in English, and as codes), and how."""

    person_id: int
    name: str
    reasons: tuple[str, ...]
    channel: str
    value: float
    circles: tuple[str, ...] = field(default=())
    codes: tuple[Reason, ...] = field(default=())
    birthday: date | None = None  # the day of this week it falls on


def monday_of(day: date) -> date:
    """Return the Monday of the ISO week ``day`` falls in."""
    return day - timedelta(days=day.weekday())


def week_dates(week_start: date) -> list[date]:
    """Return the seven days of the week starting ``week_start`` (a Monday)."""
    return [week_start + timedelta(days=n) for n in range(7)]


def birthday_in(birthday: tuple[int, int] | None, days: list[date]) -> date | None:
    """Return the day of the week on which ``(month, day)`` falls, if it does (29 Feb → 28)."""
    if birthday is None:
        return None
    month, day = birthday
    for moment in days:
        if (moment.month, moment.day) == (month, day):
            return moment
        if (month, day) == (2, 29) and (moment.month, moment.day) == (2, 28):
            leap = moment.year % 4 == 0 and (moment.year % 100 != 0 or moment.year % 400 == 0)
            if not leap:
                return moment
    return None


def _value_and_reasons(candidate: Candidate, days: list[date]) -> tuple[float, list[Reason]]:
    reasons: list[Reason] = []
    value = 0.0
    silence = candidate.days_since_contact
    if candidate.status in LATE_STATUSES:
        value += candidate.priority
        reasons.append(Reason(candidate.status, days=silence, every=candidate.cadence_days))
    birthday = birthday_in(candidate.birthday, days)
    if birthday is not None:
        value += BIRTHDAY_VALUE
        reasons.append(Reason("birthday", on=birthday))
    for promise in candidate.promises:
        value += PROMISE_VALUE
        reasons.append(Reason("promise", what=promise))
    if value:
        value += STRENGTH_WEIGHT * candidate.strength
    return value, reasons


def reason_text(reason: Reason) -> str:
    """Return ``reason`` in English, as the CLI prints it."""
    if reason.code in DUE_STATUSES:
        every = f", every {reason.every} days" if reason.every else ""
        return f"{reason.code}: last contact {reason.days} days ago{every}"
    if reason.code == "dormant":
        return f"dormant: reconnect after {reason.days} days of silence"
    if reason.code == "birthday":
        return f"birthday on {reason.on.isoformat()}"
    return f"you promised: {reason.what}"


def suggested_channel(candidate: Candidate) -> str:
    """Return how to get in touch: the usual channel, a richer one to revive a fading tie."""
    usual = candidate.usual_channel or "message"
    if candidate.status in ("drifting", "dormant"):
        return RICHER_CHANNEL.get(usual, usual)
    return usual


def weekly_plan(candidates: list[Candidate], *, budget: int, week_start: date) -> list[PlanItem]:
    """Return at most ``budget`` people to contact in the week from ``week_start``, best first.

    See the module docstring for the values; only candidates with a reason are chosen.
    """
    days = week_dates(week_start)
    valued = []
    for candidate in candidates:
        value, reasons = _value_and_reasons(candidate, days)
        if value > 0:
            valued.append((candidate, value, reasons))
    chosen: list[PlanItem] = []
    used: dict[str, int] = {}
    while valued and len(chosen) < max(0, budget):

        def worth(entry: tuple[Candidate, float, list[Reason]]) -> tuple[float, int]:
            """This week's value after the circle discount, then the lower id first."""
            candidate, value, _ = entry
            repeats = max((used.get(c, 0) for c in candidate.circles), default=0)
            return (value * DIVERSITY_DISCOUNT**repeats, -candidate.person_id)

        best = max(valued, key=worth)
        valued.remove(best)
        candidate, _value, reasons = best
        this_week = round(worth(best)[0], 3)
        for circle in candidate.circles:
            used[circle] = used.get(circle, 0) + 1
        chosen.append(
            PlanItem(
                person_id=candidate.person_id,
                name=candidate.name,
                reasons=tuple(reason_text(r) for r in reasons),
                channel=suggested_channel(candidate),
                value=this_week,
                circles=tuple(sorted(candidate.circles)),
                codes=tuple(reasons),
                birthday=next((r.on for r in reasons if r.code == "birthday"), None),
            )
        )
    return chosen


def settled(plan: list[PlanItem], *, budget: int, bound: float | None) -> bool:
    """Return whether ``plan``, chosen from some candidates, is what every candidate would
    give, when all the others are worth at most ``bound`` (``None``: there are no others).

    The others carry no birthday or promise (the reader fetches those always), so each is
    worth at most its :func:`value_bound`. A full plan whose every pick was worth more
    cannot change; one with room left would take them.
    """
    if bound is None:
        return True
    # Values are rounded to 3 places: demand a margin above the bound.
    return len(plan) >= budget and all(item.value > bound + 0.001 for item in plan)


def value_bound(priority: float, strength: float) -> float:
    """Return the most a late tie without a birthday or a promise this week is worth: its
    priority and the strength term (the circle discount only lowers it). A reader that
    fetches candidates in this order can stop where :func:`settled` says."""
    return priority + STRENGTH_WEIGHT * strength

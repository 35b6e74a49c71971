"""Cadence: the layers' default cadences, the due date, and a simple planning rule.

``LAYER_CADENCE_DAYS``, ``KIN_CADENCE_FACTOR`` and ``LAYER_SIZES`` are the model's
(:mod:`jalin.domain.tiemodel` reads them); the cadence people see, learned from their contacts
too, is :func:`jalin.domain.ties.rhythm.cadence_of`. :func:`resolve_cadence` is the simpler
rule the demo network is generated with (research/tie-strength.md §2.5):

* the person's own cadence, when the owner set one, wins;
* else the default of their closeness layer — the layer assigned, or implied by the closeness
  rating — lengthened ×1.5 for kin, whose ties decay far more slowly;
* else the default of their circles (the shortest, so the closest circle counts);
* else none: the person is kept, but never due (the outer layer is event-driven).

Due date (:func:`due_state`) = the day of the last contact + cadence; a person never
contacted is due one cadence after being added.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

LAYER_CADENCE_DAYS: dict[int, int | None] = {0: 3, 1: 7, 2: 30, 3: 90, 4: 365, 5: None, 6: None}
"""Default cadence per Dunbar layer: L0 intimate (~1.5 people) … L4 active (150), L5 (500)
and L6, the people known beyond the 500."""

LAYER_SIZES = {0: 1.5, 1: 5, 2: 15, 3: 50, 4: 150, 5: 500, 6: 1500}
"""Cumulative typical size of each layer, for comparing a network with Dunbar's numbers."""

KIN_CADENCE_FACTOR = 1.5
"""Kin ties survive silence far longer (Roberts & Dunbar 2015; Burt 2000)."""

CIRCLE_CADENCE_DAYS = {"family": 30, "friends": 90, "work": 90, "community": 180}
"""Fallback cadence by circle when neither a cadence nor a closeness is known [our default]."""

KIN_CIRCLES = frozenset({"family"})


def layer_from_closeness(rating: int) -> int:
    """Return the Dunbar layer implied by a closeness rating from 1 to 10.

    9–10 → L1 (support clique), 7–8 → L2 (sympathy group), 5–6 → L3 (affinity),
    3–4 → L4 (active network), 1–2 → L5. L0 (intimates) is only ever assigned by the owner.
    """
    if rating >= 9:
        return 1
    if rating >= 7:
        return 2
    if rating >= 5:
        return 3
    if rating >= 3:
        return 4
    return 5


@dataclass(frozen=True)
class Cadence:
    """A cadence in days (``None``: never due) and where it came from, for explanations."""

    days: int | None
    source: str  # "own", "layer", "closeness", "circle" or "none"


def resolve_cadence(
    *,
    own_days: int | None,
    layer: int | None,
    closeness: int | None,
    circles: Iterable[str],
) -> Cadence:
    """Return the cadence that applies to a person, following the rule in this module's doc."""
    if own_days:
        return Cadence(own_days, "own")
    circle_set = set(circles)
    is_kin = bool(circle_set & KIN_CIRCLES)
    if layer is not None or closeness is not None:
        source = "layer" if layer is not None else "closeness"
        effective_layer = layer if layer is not None else layer_from_closeness(closeness or 1)
        days = LAYER_CADENCE_DAYS[effective_layer]
        if days is None:
            return Cadence(None, source)
        return Cadence(round(days * KIN_CADENCE_FACTOR) if is_kin else days, source)
    circle_days = [CIRCLE_CADENCE_DAYS[c] for c in circle_set if c in CIRCLE_CADENCE_DAYS]
    if circle_days:
        return Cadence(min(circle_days), "circle")
    return Cadence(None, "none")


@dataclass(frozen=True)
class DueState:
    """When a person is due and by how much they are overdue (negative: days still to go)."""

    due_date: date
    overdue_days: int
    days_since_contact: int | None
    overdue_ratio: float
    """Days since the last contact (or since being added) divided by the cadence."""


def due_state(
    *, last_contact: date | None, added_on: date, cadence_days: int, today: date
) -> DueState:
    """Return when a person with ``cadence_days`` is due, seen from ``today``.

    The clock starts at the last interaction, or at the day the person was added when there
    was none. ``overdue_ratio`` orders the list of who is due: ten days late on a weekly tie
    matters more than ten days late on a yearly one.
    """
    start = last_contact if last_contact is not None else added_on
    due = start + timedelta(days=cadence_days)
    elapsed = (today - start).days
    return DueState(
        due_date=due,
        overdue_days=(today - due).days,
        days_since_contact=(today - last_contact).days if last_contact is not None else None,
        overdue_ratio=elapsed / cadence_days,
    )

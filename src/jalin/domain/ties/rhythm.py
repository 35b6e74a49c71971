"""A tie's rhythm: its layer, its cadence, and whether it is ok, due, drifting or dormant."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

from jalin.domain.cadence import layer_from_closeness
from jalin.domain.tiemodel import TieModel
from jalin.domain.ties.records import Tie
from jalin.domain.ties.strength import DAY, is_meaningful


def contact_times(tie: Tie, now: datetime, model: TieModel) -> list[datetime]:
    """Return the times of the meaningful two-way contacts up to ``now``, oldest first.

    A message nobody answered keeps the owner's side going, not the tie: unanswered nudges
    must not hide that the other person has gone quiet (the two-way filter of §1.7).
    """
    return [e.at for e in tie.events if e.at <= now and e.answered and is_meaningful(e, model)]


def gaps_in_days(times: list[datetime]) -> list[float]:
    """Return the gaps between consecutive contacts, in days (contacts on one day: one gap 0)."""
    return [(b - a).total_seconds() / DAY for a, b in pairwise(times)]


@dataclass(frozen=True)
class Layer:
    """A Dunbar layer (0 intimate … 5 outer) and where it came from."""

    value: int
    source: str  # "assigned", "closeness" or "contact rate"


def layer_of(tie: Tie, times: list[datetime], now: datetime, model: TieModel) -> Layer:
    """Return the tie's layer: assigned; else implied by the closeness rating; else by how
    often meaningful contact happened over the last year."""
    if tie.layer is not None:
        return Layer(tie.layer, "assigned")
    if tie.closeness is not None:
        return Layer(layer_from_closeness(tie.closeness), "closeness")
    year_ago = now - timedelta(days=365)
    rate = sum(1 for t in times if t >= year_ago)
    for minimum, layer in model.layer_rates:
        if rate >= minimum:
            return Layer(layer, "contact rate")
    return Layer(5, "contact rate")


@dataclass(frozen=True)
class Cadence:
    """How often to be in touch, in days (``None``: never due), and where it came from."""

    days: float | None
    source: str  # "own", "learned" or "layer"


def cadence_of(tie: Tie, layer: Layer, gaps: list[float], model: TieModel) -> Cadence:
    """Return the cadence: the owner's own; else the layer's default (kin × 1.5), replaced by
    the median gap between contacts (clamped around that default) once there are enough."""
    if tie.cadence_days:
        return Cadence(float(tie.cadence_days), "own")
    default = model.layer_cadence_days.get(layer.value)
    if default is None:
        return Cadence(None, "layer")
    default = default * (model.kin_cadence_factor if tie.kin else 1.0)
    if len(gaps) >= model.learned_cadence_min_gaps:
        low, high = model.learned_cadence_bounds
        learned = min(high * default, max(low * default, statistics.median(gaps)))
        return Cadence(learned, "learned")
    return Cadence(default, "layer")


@dataclass(frozen=True)
class Status:
    """ok / due / drifting / dormant, why, and how urgent (higher first)."""

    value: str
    reason: str
    ratio: float | None  # ρ = days since contact ÷ cadence
    priority: float


def _unanswered_at_end(tie: Tie, now: datetime) -> int:
    """Return how many of the owner's last messages in a row went unanswered."""
    count = 0
    for event in reversed([e for e in tie.events if e.at <= now]):
        if event.answered or event.initiator != "me":
            break
        count += 1
    return count


def status_of(
    tie: Tie,
    times: list[datetime],
    gaps: list[float],
    cadence: Cadence,
    layer: Layer,
    now: datetime,
    model: TieModel,
) -> Status:
    """Return the tie's status by the rule in :mod:`jalin.domain.tiemodel`."""
    if not times:
        # Never a two-way contact: silent since the first message, or since being added.
        one_sided = [e.at for e in tie.events if e.at <= now]
        if one_sided:
            times = one_sided[:1]
        elif tie.added_on is not None:
            times = [datetime.combine(tie.added_on, now.timetz())]
        else:
            return Status("ok", "no contact yet", None, 0.0)
    silence = (now - times[-1]).total_seconds() / DAY
    longest_usual = (
        statistics.quantiles(gaps, n=10)[8] if len(gaps) >= model.learned_cadence_min_gaps else 0.0
    )
    # The tie's own pace: a tie seen once a year is not drifting after a silent year. With
    # enough gaps their spread says it; with a few, their average (time since the first
    # contact ÷ contacts) times ``unusual_gaps``.
    if len(gaps) < model.learned_cadence_min_gaps and len(times) >= 2:
        longest_usual = model.unusual_gaps * (now - times[0]).total_seconds() / DAY / len(times)
    unusual = silence > longest_usual
    unanswered = _unanswered_at_end(tie, now) >= model.unanswered_messages
    if cadence.days is None:
        if silence > model.dormant_days and unusual:
            return Status("dormant", "silent for over two years", None, 0.0)
        if unanswered and silence > model.unanswered_days:
            return Status("drifting", "your last message went unanswered", None, 0.5)
        return Status("ok", "no cadence: kept without reminders", None, 0.0)
    ratio = silence / cadence.days
    weight = model.layer_priority.get(layer.value, 1.0)
    weight *= model.kin_priority_factor if tie.kin else 1.0
    priority = max(0.0, ratio - 1) * weight
    if (ratio >= model.dormant_ratio or silence > model.dormant_days) and unusual:
        return Status("dormant", "silent four cadences or more", ratio, priority)
    threshold = model.drifting_ratio_kin if tie.kin else model.drifting_ratio
    if ratio >= threshold and unusual:
        return Status("drifting", "silent longer than usual for this tie", ratio, priority)
    if unanswered and ratio >= model.due_ratio and silence > model.unanswered_days:
        urgency = max(priority, (model.drifting_ratio - 1) * weight)
        return Status("drifting", "your last message went unanswered", ratio, urgency)
    window = timedelta(days=model.activity_window_days)
    recent = sum(1 for t in times if t > now - window)
    before = sum(1 for t in times if now - 2 * window < t <= now - window)
    if before >= model.activity_min_previous and recent < model.activity_drop * before:
        urgency = max(priority, (model.drifting_ratio - 1) * weight)  # drifting before due
        return Status("drifting", "far fewer contacts than the months before", ratio, urgency)
    if ratio >= model.due_ratio:
        return Status("due", "a cadence has passed", ratio, priority)
    return Status("ok", "in touch", ratio, 0.0)

"""Tie strength: event weights, the six components and their weighted sum (tiemodel §2.2–2.4)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from jalin.domain.tiemodel import TieModel
from jalin.domain.ties.records import Tie, TieEvent

DAY = 86400.0


_WEIGHTS: dict[tuple, float] = {}


def event_weight(event: TieEvent, model: TieModel) -> float:
    """Return ``e = w × d × g × s`` for one contact: what it adds to the tie's intensity.

    Contacts repeat the same few shapes (a one-to-one chat, a call of a given length), so the
    weight of each shape is computed once per model.
    """
    shape = (id(model), event.channel, event.minutes, event.messages, event.people, event.kind)
    weight = _WEIGHTS.get(shape)
    if weight is None:
        if len(_WEIGHTS) > 10_000:
            _WEIGHTS.clear()
        weight = _WEIGHTS[shape] = _event_weight(event, model)
    return weight


def _event_weight(event: TieEvent, model: TieModel) -> float:
    weight = model.channel_weights.get(event.channel, model.meaningful_weight)
    low, high = model.duration_bounds
    if event.minutes and event.channel in model.synchronous_channels:
        weight *= min(high, max(low, math.sqrt(event.minutes / model.duration_reference_minutes)))
    elif event.messages and event.channel not in model.synchronous_channels:
        # A written exchange's length stands in for a call's duration.
        weight *= min(high, max(low, math.sqrt(event.messages / model.length_reference_messages)))
    weight /= math.sqrt(max(1, event.people))
    if event.kind in model.service_kinds:
        weight *= model.service_factor
    return weight


def is_meaningful(event: TieEvent, model: TieModel) -> bool:
    """Whether a contact counts for recency and cadence (a like or a comment does not)."""
    return model.channel_weights.get(event.channel, 0.0) >= model.meaningful_weight


def years_known(tie: Tie, now: datetime) -> float:
    """Return how long the owner has known the person: from the earliest date on record."""
    starts = [d for d in (tie.known_since, tie.added_on) if d is not None]
    if tie.events:
        starts.append(tie.events[0].at.date())
    if not starts:
        return 0.0
    return max(0.0, (now.date() - min(starts)).days / 365.25)


def half_life(tie: Tie, model: TieModel) -> float:
    """Return the tie's decay half-life in days: the longest of its circles' (kin: family)."""
    circles = set(tie.circles) | ({"family"} if tie.kin else set())
    lives = [model.half_life_days[c] for c in circles if c in model.half_life_days]
    return max(lives, default=model.default_half_life_days)


@dataclass(frozen=True)
class Components:
    """The components of a tie's strength, 0–1 each; ``None`` where there is no evidence."""

    intensity: float
    recency: float
    duration: float
    services: float
    closeness: float | None
    closeness_weight: float  # how much the rating still counts, by its age
    overlap: float | None

    def as_dict(self) -> dict[str, float]:
        """Return the components present, rounded, by name."""
        values = {
            "intensity": self.intensity,
            "recency": self.recency,
            "duration": self.duration,
            "services": self.services,
            "closeness": self.closeness,
            "overlap": self.overlap,
        }
        return {name: round(value, 3) for name, value in values.items() if value is not None}


def components(tie: Tie, now: datetime, cadence_days: float | None, model: TieModel) -> Components:
    """Return the components of ``tie`` at ``now`` (formulas in :mod:`jalin.domain.tiemodel`)."""
    duration = min(
        1.0, math.log1p(years_known(tie, now)) / math.log1p(model.duration_saturation_years)
    )
    h_eff = half_life(tie, model) * (1 + model.long_known_stretch * duration)
    activity = decayed_sum(
        ((e.at, event_weight(e, model)) for e in tie.events if e.at <= now), now, h_eff
    )
    saturation = 1 / (1 - 2 ** (-model.saturation_interval_days / h_eff))
    intensity = min(1.0, math.log1p(activity) / math.log1p(saturation))

    last = last_meaningful(tie.events, now, model)
    if last is None:
        recency = 0.0
    else:
        period = cadence_days or model.recency_days_without_cadence
        recency = 2 ** (-((now - last).total_seconds() / DAY) / (2 * period))

    services_count = decayed_sum(
        [(e.at, 1.0) for e in tie.events if e.kind in model.service_kinds and e.at <= now]
        + [
            (datetime.combine(f.on, now.timetz()), 1.0)
            for f in tie.favours
            if f.status == "done" and f.on <= now.date()
        ],
        now,
        model.services_half_life_days,
    )
    services = 1 - math.exp(-services_count / 2)

    closeness = closeness_weight = None
    if tie.closeness is not None:
        closeness = (tie.closeness - 1) / 9
        age = (now.date() - tie.closeness_on).days if tie.closeness_on else 0
        closeness_weight = 2 ** (-max(0, age) / model.closeness_half_life_days)
    return Components(
        intensity=intensity,
        recency=recency,
        duration=duration,
        services=services,
        closeness=closeness,
        closeness_weight=closeness_weight or 0.0,
        overlap=tie.overlap,
    )


def decayed_sum(
    items: Iterable[tuple[datetime, float]], now: datetime, half_life_days: float
) -> float:
    """Return ``Σ value × 2^(−age/half-life)`` over ``(time, value)`` pairs up to ``now``.

    Written as ``2^(t/h) × 2^(−now/h)`` summed over timestamps: one power per item and no
    timedelta, since a close tie has thousands of contacts.
    """
    end = now.timestamp()
    scale = 1 / (half_life_days * DAY)
    return sum(
        value * 2 ** ((stamp - end) * scale)
        for stamp, value in ((at.timestamp(), value) for at, value in items)
        if stamp <= end
    )


def last_meaningful(events: Iterable[TieEvent], now: datetime, model: TieModel) -> datetime | None:
    """Return the time of the latest meaningful contact up to ``now``, or ``None``."""
    return max((e.at for e in events if e.at <= now and is_meaningful(e, model)), default=None)


def blend(parts: Components, model: TieModel) -> float:
    """Return ``B``, the weighted mean of the components present, 0–1."""
    weights = model.component_weights
    pairs = [
        (weights["intensity"], parts.intensity),
        (weights["recency"], parts.recency),
        (weights["duration"], parts.duration),
        (weights["services"], parts.services),
    ]
    if parts.closeness is not None and parts.closeness_weight > 0:
        pairs.append((weights["closeness"] * parts.closeness_weight, parts.closeness))
    if parts.overlap is not None:
        pairs.append((weights["overlap"], parts.overlap))
    return sum(w * x for w, x in pairs) / sum(w for w, _ in pairs)


def reciprocity_factor(mutuality: float | None, initiations: int, model: TieModel) -> float:
    """Return ``M``: 1, or ``0.85 + 0.15·μ`` once there are enough initiations to judge."""
    if mutuality is None or initiations < model.reciprocity_min_initiations:
        return 1.0
    return model.reciprocity_floor + (1 - model.reciprocity_floor) * mutuality

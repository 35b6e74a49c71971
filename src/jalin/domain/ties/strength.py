"""Tie strength: event weights, the components and their weighted sum (tiemodel §2.2–2.4).

Every function works on many ties at once: contacts as :class:`History` columns, settings
as :class:`Network` columns, one value per tie out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from jalin.domain.tiemodel import TieModel
from jalin.domain.ties.history import DAY, History
from jalin.domain.ties.records import Clock, Network
from jalin.domain.ties.segments import last_row, per_tie_sum, take
from jalin.domain.vocabulary import CHANNELS, INTERACTION_KINDS

_TABLES: dict[int, tuple[TieModel, tuple[np.ndarray, np.ndarray, np.ndarray]]] = {}


def _channel_tables(model: TieModel) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return per channel code its weight and whether it is synchronous; per kind code
    whether it is a service (computed once per model)."""
    known = _TABLES.get(id(model))
    if known is not None and known[0] is model:
        return known[1]
    weights = np.array(
        [model.channel_weights.get(c, model.meaningful_weight) for c in CHANNELS], dtype=float
    )
    synchronous = np.array([c in model.synchronous_channels for c in CHANNELS])
    service = np.array([k in model.service_kinds for k in INTERACTION_KINDS])
    _TABLES[id(model)] = (model, (weights, synchronous, service))
    return weights, synchronous, service


def event_weights(history: History, model: TieModel) -> np.ndarray:
    """Return ``e = w × d × g × s`` of every contact: what it adds to its tie's intensity.

    ``d`` comes from a synchronous contact's minutes, or from a written exchange's number of
    messages, which stands in for a call's duration.
    """
    weights, synchronous, service = _channel_tables(model)
    low, high = model.duration_bounds
    sync = synchronous[history.channel]
    timed = sync & (history.minutes > 0)
    counted = ~sync & (history.messages > 0)
    length = np.ones(len(history.at))
    length[timed] = np.clip(
        np.sqrt(history.minutes[timed] / model.duration_reference_minutes), low, high
    )
    length[counted] = np.clip(
        np.sqrt(history.messages[counted] / model.length_reference_messages), low, high
    )
    weight = weights[history.channel] * length / np.sqrt(history.people)
    return np.where(service[history.kind], weight * model.service_factor, weight)


def meaningful(history: History, model: TieModel) -> np.ndarray:
    """Return which contacts count for recency and cadence (a like or a comment does not)."""
    weights, _, _ = _channel_tables(model)
    return weights[history.channel] >= model.meaningful_weight


def is_service(history: History, model: TieModel) -> np.ndarray:
    """Return which contacts were an ask, a give or an introduction."""
    return _channel_tables(model)[2][history.kind]


def half_lives(network: Network, model: TieModel) -> np.ndarray:
    """Return each tie's decay half-life in days: the longest of its circles' (kin: family)."""

    @cache
    def of(circles: frozenset[str], kin: bool) -> float:
        names = set(circles) | ({"family"} if kin else set())
        lives = [model.half_life_days[c] for c in names if c in model.half_life_days]
        return max(lives, default=model.default_half_life_days)

    return np.array(
        [of(c, bool(k)) for c, k in zip(network.circles, network.kin, strict=True)], dtype=float
    )


def years_known(network: Network, history: History, clock: Clock) -> np.ndarray:
    """Return how long the owner has known each person: from the earliest date on record
    (when met, when added, the first contact), in years."""
    starts = np.where(np.diff(history.bounds) > 0, history.bounds[:-1], -1)
    first = take(history.at, starts, np.nan)
    first_day = np.where(np.isnan(first), np.nan, clock.days(np.nan_to_num(first)))
    earliest = np.fmin(np.fmin(network.known_since_day, network.added_on_day), first_day)
    return np.where(np.isnan(earliest), 0.0, np.maximum(0.0, (clock.today - earliest) / 365.25))


@dataclass(frozen=True)
class Components:
    """The components of each tie's strength, 0–1; ``nan`` where there is no evidence."""

    intensity: np.ndarray
    recency: np.ndarray
    duration: np.ndarray
    services: np.ndarray
    closeness: np.ndarray
    closeness_weight: np.ndarray  # how much the rating still counts, by its age
    closeness_implied: np.ndarray  # from the rhythm, for ties the owner has not rated
    overlap: np.ndarray

    NAMES = ("intensity", "recency", "duration", "services", "closeness", "closeness_implied",
             "overlap")  # fmt: skip

    def row(self, index: int) -> dict[str, float]:
        """Return the components of one tie that are present, rounded, by name."""
        values = {name: float(getattr(self, name)[index]) for name in self.NAMES}
        return {name: round(v, 3) for name, v in values.items() if not np.isnan(v)}


def components(
    network: Network,
    history: History,
    clock: Clock,
    recency_period: np.ndarray,
    implied_closeness: np.ndarray,
    model: TieModel,
) -> Components:
    """Return the components of every tie (formulas in :mod:`jalin.domain.tiemodel`).

    ``recency_period`` is the period recency is judged against (``nan``: the model's default);
    ``implied_closeness`` what the rhythm says of a tie's closeness, used when unrated.
    """
    ties, tie = history.ties, history.tie_of_row
    duration = np.minimum(
        1.0,
        np.log1p(years_known(network, history, clock)) / np.log1p(model.duration_saturation_years),
    )
    h_eff = half_lives(network, model) * (1 + model.long_known_stretch * duration)
    age = clock.at - history.at
    activity = per_tie_sum(
        tie, event_weights(history, model) * np.exp2(-age / (h_eff[tie] * DAY)), ties
    )
    saturation = 1 / (1 - np.exp2(-model.saturation_interval_days / h_eff))
    intensity = np.minimum(1.0, np.log1p(activity) / np.log1p(saturation))

    last = take(history.at, last_row(tie, meaningful(history, model), ties), np.nan)
    period = np.where(np.isnan(recency_period), model.recency_days_without_cadence, recency_period)
    silence = (clock.at - np.nan_to_num(last)) / DAY
    recency = np.where(np.isnan(last), 0.0, np.exp2(-silence / (2 * period)))

    service = is_service(history, model)
    count = per_tie_sum(
        tie[service], np.exp2(-age[service] / (model.services_half_life_days * DAY)), ties
    )
    done = network.favour_done & (network.favour_day <= clock.today)
    count += per_tie_sum(
        network.favour_tie[done],
        np.exp2(-(clock.today - network.favour_day[done]) / model.services_half_life_days),
        ties,
    )
    services = 1 - np.exp(-count / 2)

    rated = ~np.isnan(network.closeness)
    closeness = np.where(rated, (network.closeness - 1) / 9, np.nan)
    rating_age = np.where(np.isnan(network.closeness_day), 0.0, clock.today - network.closeness_day)
    weight = np.where(
        rated, np.exp2(-np.maximum(0.0, rating_age) / model.closeness_half_life_days), 0.0
    )
    return Components(
        intensity=intensity,
        recency=recency,
        duration=duration,
        services=services,
        closeness=closeness,
        closeness_weight=weight,
        closeness_implied=np.where(rated, np.nan, implied_closeness),
        overlap=network.overlap,
    )


def blend(parts: Components, model: TieModel) -> np.ndarray:
    """Return ``B``, the weighted mean of the components present, 0–1, for every tie."""
    w = model.component_weights
    total = (
        w["intensity"] * parts.intensity
        + w["recency"] * parts.recency
        + w["duration"] * parts.duration
        + w["services"] * parts.services
    )
    weights = np.full(len(total), w["intensity"] + w["recency"] + w["duration"] + w["services"])
    rated = ~np.isnan(parts.closeness) & (parts.closeness_weight > 0)
    closeness_w = np.where(rated, w["closeness"] * parts.closeness_weight, 0.0)
    total += closeness_w * np.nan_to_num(parts.closeness)
    weights += closeness_w
    implied = ~np.isnan(parts.closeness_implied)
    implied_w = np.where(implied, w["closeness"] * model.implied_closeness_weight, 0.0)
    total += implied_w * np.nan_to_num(parts.closeness_implied)
    weights += implied_w
    known = ~np.isnan(parts.overlap)
    overlap_w = np.where(known, w["overlap"], 0.0)
    total += overlap_w * np.nan_to_num(parts.overlap)
    weights += overlap_w
    return total / weights


def reciprocity_factor(
    mutuality: np.ndarray, initiations: np.ndarray, model: TieModel
) -> np.ndarray:
    """Return ``M``: 1, or ``0.85 + 0.15·μ`` once there are enough initiations to judge."""
    judged = ~np.isnan(mutuality) & (initiations >= model.reciprocity_min_initiations)
    return np.where(
        judged,
        model.reciprocity_floor + (1 - model.reciprocity_floor) * np.nan_to_num(mutuality),
        1.0,
    )

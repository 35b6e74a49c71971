"""A tie's rhythm: its layer, its cadence, and whether it is ok, due, drifting or dormant.

Computed for many ties at once (columns in, columns out); :class:`Layer`, :class:`Cadence`
and :class:`Status` are one tie's values, as :class:`~jalin.domain.ties.figures.TieFigures`
shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from jalin.domain.cadence import layer_from_closeness
from jalin.domain.tiemodel import TieModel
from jalin.domain.ties.history import DAY, History
from jalin.domain.ties.layering import RhythmPosterior
from jalin.domain.ties.records import Clock, Network
from jalin.domain.ties.segments import (
    SortedRuns,
    first_row,
    last_row,
    per_tie_count,
    take,
    trailing_run,
)
from jalin.domain.ties.strength import meaningful

LAYER_SOURCES = ("assigned", "closeness", "contact rhythm")
CADENCE_SOURCES = ("own", "learned", "layer")
STATUSES = ("ok", "due", "drifting", "dormant")
REASONS = {
    "no-contact": "no contact yet",
    "in-touch": "in touch",
    "no-cadence": "no cadence: kept without reminders",
    "cadence-passed": "a cadence has passed",
    "silent-unusual": "silent longer than usual for this tie",
    "stopped": "they have stopped getting in touch",
    "unanswered": "your last message went unanswered",
    "fewer-contacts": "far fewer contacts than the months before",
    "silent-cadences": "silent four cadences or more",
    "silent-two-years": "silent for over two years",
}
"""Why a tie has its status: a code stored with the score, and the sentence it reads as."""
REASON_CODES = tuple(REASONS)


@dataclass(frozen=True)
class Layer:
    """A Dunbar layer (0 intimate … 6 beyond the 500) and where it came from."""

    value: int
    source: str  # one of LAYER_SOURCES


@dataclass(frozen=True)
class Cadence:
    """How often to be in touch, in days (``None``: never due), and where it came from."""

    days: float | None
    source: str  # one of CADENCE_SOURCES


@dataclass(frozen=True)
class Status:
    """ok / due / drifting / dormant, why, and how urgent (higher first)."""

    value: str
    reason: str
    ratio: float | None  # ρ = days since contact ÷ cadence
    priority: float


@dataclass(frozen=True)
class Rhythm:
    """The rhythm of every tie, as columns (codes index the tuples of this module)."""

    layer: np.ndarray
    layer_source: np.ndarray
    cadence_days: np.ndarray  # nan: never due
    cadence_source: np.ndarray
    status: np.ndarray
    reason: np.ndarray
    ratio: np.ndarray  # nan without a cadence
    priority: np.ndarray
    last_contact: np.ndarray  # epoch second of the last two-way contact, nan for none
    stopped: np.ndarray  # the rhythm model's probability that the other side stopped

    def layer_of(self, i: int) -> Layer:
        """Return tie ``i``'s layer."""
        return Layer(int(self.layer[i]), LAYER_SOURCES[self.layer_source[i]])

    def cadence_of(self, i: int) -> Cadence:
        """Return tie ``i``'s cadence."""
        days = self.cadence_days[i]
        return Cadence(
            None if np.isnan(days) else float(days), CADENCE_SOURCES[self.cadence_source[i]]
        )

    def status_of(self, i: int) -> Status:
        """Return tie ``i``'s status."""
        ratio = self.ratio[i]
        return Status(
            STATUSES[self.status[i]],
            REASONS[REASON_CODES[self.reason[i]]],
            None if np.isnan(ratio) else float(ratio),
            float(self.priority[i]),
        )


_CLOSENESS_LAYERS = np.array([5] + [layer_from_closeness(r) for r in range(1, 11)])


def stated_layers(network: Network) -> tuple[np.ndarray, np.ndarray]:
    """Return the layer the owner gave each tie and its source: assigned (0), implied by the
    closeness rating (1), or none (2, layer −1)."""
    assigned = network.layer >= 0
    rated = ~np.isnan(network.closeness)
    rating = np.clip(np.nan_to_num(network.closeness), 0, 10).astype(np.int64)
    layer = np.where(assigned, network.layer, np.where(rated, _CLOSENESS_LAYERS[rating], -1))
    return layer, np.where(assigned, 0, np.where(rated, 1, 2))


def layers(network: Network, posterior: RhythmPosterior) -> tuple[np.ndarray, np.ndarray]:
    """Return each tie's layer and its source: assigned; else implied by the closeness
    rating; else the layer its rhythm of contact implies (:mod:`.layering`)."""
    layer, source = stated_layers(network)
    return np.where(source < 2, layer, posterior.implied_layer), source


def recency_periods(network: Network, layer: np.ndarray, source: np.ndarray, model: TieModel):
    """Return the period recency is judged against: the cadence the owner set, else the one
    their assigned layer or closeness rating implies (kin × 1.5); ``nan`` otherwise.

    Not the learned cadence, nor a layer implied by contact: those move with the contacts
    themselves, and more recent contact must never lower strength.
    """
    default = _layer_cadences(layer, model)
    stated = np.where(
        source < 2, default * np.where(network.kin, model.kin_cadence_factor, 1.0), np.nan
    )
    return np.where(np.isnan(network.cadence_days), stated, network.cadence_days)


def _layer_cadences(layer: np.ndarray, model: TieModel) -> np.ndarray:
    table = np.array(
        [np.nan if model.layer_cadence_days.get(k) is None else model.layer_cadence_days[k]
         for k in range(7)]
    )  # fmt: skip
    return table[np.clip(layer, 0, 6)]


def rhythm(
    network: Network,
    history: History,
    clock: Clock,
    posterior: RhythmPosterior,
    model: TieModel,
) -> Rhythm:
    """Return the layer, cadence and status of every tie (rules in tiemodel's docstring)."""
    ties, tie, bounds = history.ties, history.tie_of_row, history.bounds
    layer, layer_source = layers(network, posterior)

    # Two-way meaningful contacts: an unanswered message keeps the owner's side going, not
    # the tie, and must not hide that the other person has gone quiet.
    two_way = history.answered & meaningful(history, model)
    rows = np.flatnonzero(two_way)
    times, owner = history.at[rows], tie[rows]
    same = owner[1:] == owner[:-1]
    gaps = SortedRuns.of(owner[1:][same], np.diff(times)[same], ties)  # seconds
    contacts = np.bincount(owner, minlength=ties)
    gap_count = np.diff(gaps.bounds)
    last_at = take(history.at, last_row(tie, two_way, ties), np.nan)
    first_at = take(history.at, first_row(tie, two_way, ties), np.nan)

    # Cadence: the owner's own; else the layer's default (kin × 1.5), replaced by the median
    # gap (clamped around that default) once there are enough gaps.
    default = _layer_cadences(layer, model) * np.where(network.kin, model.kin_cadence_factor, 1.0)
    low, high = model.learned_cadence_bounds
    enough = gap_count >= model.learned_cadence_min_gaps
    learned = np.clip(gaps.median() / DAY, low * default, high * default)
    own = ~np.isnan(network.cadence_days)
    use_learned = ~own & enough & ~np.isnan(default)
    cadence = np.where(own, network.cadence_days, np.where(use_learned, learned, default))
    cadence_source = np.where(own, 0, np.where(use_learned, 1, 2))

    # The silence counts from the last two-way contact; with none, from the first contact
    # of any kind, or from the day the person was added.
    any_contact = np.diff(bounds) > 0
    first_any = take(history.at, np.where(any_contact, bounds[:-1], -1), np.nan)
    added_at = clock.at - (clock.today - network.added_on_day) * DAY
    reference = np.where(contacts > 0, last_at, np.where(any_contact, first_any, added_at))
    nothing = np.isnan(reference)
    silence = (clock.at - np.nan_to_num(reference)) / DAY
    timed = np.where(contacts > 0, contacts, 1)

    # What is unusual for this tie: beyond its own 90th-percentile gap; with a few gaps,
    # ``unusual_gaps`` times its average gap (time since the first contact ÷ contacts).
    decile = gaps.decile(9) / DAY
    usual = np.where(enough, decile, 0.0)
    few = ~enough & (timed >= 2)
    average = (clock.at - np.nan_to_num(first_at)) / DAY / timed
    usual = np.where(few, model.unusual_gaps * average, usual)
    unusual = silence > usual
    stopped = posterior.stopped >= model.stopped_probability
    quiet = unusual | stopped
    unanswered = (
        trailing_run(tie, ~history.answered & (history.initiator == 0), bounds)
        >= model.unanswered_messages
    )

    ratio = silence / cadence
    weight = np.array([model.layer_priority.get(k, 1.0) for k in range(7)])[np.clip(layer, 0, 6)]
    weight = weight * np.where(network.kin, model.kin_priority_factor, 1.0)
    priority = np.maximum(0.0, np.nan_to_num(ratio) - 1) * weight
    stopped_urgency = (model.drifting_ratio - 1) * weight
    urgent = np.maximum(priority, stopped_urgency)  # drifting before due
    window = model.activity_window_days * DAY
    recent = per_tie_count(owner, times > clock.at - window, ties)
    before = per_tie_count(
        owner, (times > clock.at - 2 * window) & (times <= clock.at - window), ties
    )
    fewer = (before >= model.activity_min_previous) & (recent < model.activity_drop * before)
    threshold = np.where(network.kin, model.drifting_ratio_kin, model.drifting_ratio)
    two_years = silence > model.dormant_days

    code = {name: i for i, name in enumerate(REASON_CODES)}
    status = np.zeros(ties, dtype=np.int64)
    reason = np.full(ties, code["in-touch"])
    level = np.zeros(ties)
    has_cadence = ~np.isnan(cadence)
    # Rules from the last (weakest) to the first, so the first that holds is what stays.
    rules = [
        (has_cadence & (ratio >= model.due_ratio), 1, "cadence-passed", priority),
        (has_cadence & fewer, 2, "fewer-contacts", urgent),
        (has_cadence & unanswered & (ratio >= model.due_ratio) & (silence > model.unanswered_days),
         2, "unanswered", urgent),
        (has_cadence & stopped & (ratio >= model.due_ratio), 2, "stopped", urgent),
        (has_cadence & (ratio >= threshold) & quiet, 2, "silent-unusual", priority),
        (has_cadence & ((ratio >= model.dormant_ratio) | two_years) & quiet, 3,
         "silent-cadences", model.dormant_value * weight),
        # Without a cadence only the rhythm model says a tie has stopped: an acquaintance's
        # unanswered messages or years of silence are common while the tie goes on.
        (~has_cadence, 0, "no-cadence", 0.0),
        (~has_cadence & stopped, 2, "stopped", stopped_urgency),
        (~has_cadence & stopped & unanswered, 2, "unanswered", stopped_urgency),
        (~has_cadence & stopped & two_years, 3, "silent-two-years", model.dormant_value * weight),
        (nothing, 0, "no-contact", 0.0),
    ]  # fmt: skip
    for holds, value, why, urgency in rules:
        status = np.where(holds, value, status)
        reason = np.where(holds, code[why], reason)
        level = np.where(holds, urgency, level)
    return Rhythm(
        layer=layer,
        layer_source=layer_source,
        cadence_days=cadence,
        cadence_source=cadence_source,
        status=status,
        reason=reason,
        ratio=np.where(has_cadence & ~nothing, ratio, np.nan),
        priority=level,
        last_contact=last_at,
        stopped=posterior.stopped,
    )

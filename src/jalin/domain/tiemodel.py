"""Every weight, half-life and threshold of the relationship model, in one object.

The model is research/tie-strength.md §2; numbers marked [O] there are defaults we chose and
may tune with evidence. The formulas, with ``t`` the moment of scoring and ages in days:

**Event weight** (§2.2) ``e = w_channel × d × g × s``: ``w`` by channel (in person 1.0, video
0.8, call 0.7, letter 0.4, message and email 0.3); ``d = clip(√(minutes/30), 0.5, 2)`` for a
synchronous contact whose length is known, ``clip(√(messages/6), 0.5, 2)`` for a written
exchange whose messages are counted, else 1; ``g = 1/√(people present)``; ``s = 1.2`` for
an ask, a give or an introduction. A contact is *meaningful* when ``w ≥ 0.3``.

**Components** (§2.3), each 0–1:

* intensity ``I = min(1, ln(1+A)/ln(1+A_sat))`` with ``A = Σ e_k·2^(−age_k/h_eff)`` and
  ``A_sat = 1/(1 − 2^(−7/h_eff))``, one in-person contact a week held for ever;
* recency ``R = 2^(−Δ/(2T))``, ``Δ`` days since the last meaningful contact, ``T`` the cadence
  the owner set or the one their assigned layer or rating implies (``recency_days_without_
  cadence`` otherwise; never the learned cadence, which moves with the contacts themselves);
  0 when there was never one;
* duration ``D = min(1, ln(1 + years known)/ln 11)``;
* closeness ``C = (rating − 1)/9``, its weight ``× 2^(−rating age/365)``;
* services ``S = 1 − e^(−F/2)``, ``F`` the favours and asks both ways, each ``2^(−age/730)``;
* overlap ``O``: the share of the owner's other contacts this person knows (when known).

``h_eff = h × (1 + 0.5·D)``; ``h`` is the longest half-life of the person's circles (kin take
the family one).

**Strength** (§2.4) ``TS = round(100 × M × B)`` with ``B = Σ w_x·x / Σ w_x`` over the
components present (closeness only when rated, overlap only when known) and the reciprocity
factor ``M = 0.85 + 0.15·μ`` when there were at least 4 initiations in 12 months, else 1.
An unrated tie counts instead the closeness its rhythm implies (below) at half the closeness
weight: the classes' ``implied_closeness_by_layer`` averaged over the tie's posterior as if
it went on, so a recent contact never lowers it.

**Layer** (§2.5): the one assigned; else the one the closeness rating implies (9–10 → L1,
7–8 → L2, 5–6 → L3, 3–4 → L4, 1–2 → L5); else the one the tie's rhythm of contact implies.
The rhythm model (:mod:`jalin.domain.ties.layering`) is fitted by EM on the owner's whole
network: six classes L1 … L6 (L6 beyond the 500) in Dunbar's shares of
``rhythm_layer_sizes`` for the network's size, one-to-one contacts a Poisson process whose
rate is gamma-distributed in a class (shape ``rhythm_rate_shape``), chats of geometric length,
a start before the history with share ``s_k``, and a share ``p`` of ties the other person
stopped at a uniform moment after the last contact. A tie's *stopped probability* is its
posterior of having stopped. Networks with fewer than ``rhythm_min_ties`` ties with contact
keep the ``rhythm_default_*`` classes.

**Mutuality** (§2.7, 12 months, joint contacts left out) ``p = (n_them + 1)/(n_me + n_them +
2)``, ``μ = 1 − |2p − 1|``; a contact counts as an initiation only after ``REPLY_DAYS`` without
contact, otherwise it is a reply. "You carry this tie" when ``p < 0.25`` with 8+ initiations.

**Give and take** (24 months, favours done) ``b = (given − received)/(given + received + 2)``.

**Asks-only index** (36 months) ``AOI`` = my initiations that carry an ask after a silence
longer than the cadence (at most ``asks_silence_days``) ÷ all my initiations; flagged at
``AOI ≥ 0.5`` with 3+ initiations.

**Cadence** (§2.5): the person's own wins; else the layer's default (L0 3 days, L1 7, L2 30,
L3 90, L4 365, none beyond; kin × 1.5); with 5+ gaps between two-way contacts, the median gap
clamped to 0.5–2× that default.

**Status** (§2.6) with ``ρ = Δ/T``, ``Δ`` counted from the last two-way contact (an
unanswered message does not reset it). A tie is *quiet* when its silence is unusual for it —
longer than its own 90th percentile gap (with 5+ gaps), or than ``unusual_gaps`` times its
average gap (the time since the first contact ÷ the contacts) — or when its stopped
probability is at least ``stopped_probability``. With a cadence, the first rule that holds:
*dormant* when ``ρ ≥ 4`` or silent over two years, and quiet; *drifting* when ``ρ ≥ 1.5``
(kin 2.0) and quiet, or ``ρ ≥ 1`` and stopped, or ``ρ ≥ 1`` with the owner's last
``unanswered_messages`` messages unanswered and silent over ``unanswered_days``, or when the
last 90 days hold less than half the contacts of the 90 before; *due* when ``ρ ≥ 1``; else
*ok*. Without a cadence only the rhythm model speaks: *drifting* when stopped, *dormant*
when stopped and silent over two years; else *ok* (kept without reminders).

**Priority** ``= (ρ − 1) × layer weight × 0.6 for kin``; a drifting tie is at least as
urgent as one at ``ρ = 1.5``, a stopped tie without a cadence worth that much, a dormant
tie ``dormant_value ×`` its layer weight (one reconnect with a reason, not a nudge every
week).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import MappingProxyType

from jalin.domain.cadence import KIN_CADENCE_FACTOR, LAYER_CADENCE_DAYS


def _frozen(mapping: dict) -> MappingProxyType:
    return MappingProxyType(mapping)


@dataclass(frozen=True)
class TieModel:
    """The parameters of the relationship model (formulas in this module's docstring)."""

    channel_weights: MappingProxyType = field(
        default_factory=lambda: _frozen(
            {
                "meeting": 1.0,
                "event": 1.0,
                "video": 0.8,
                "call": 0.7,
                "letter": 0.4,
                "message": 0.3,
                "email": 0.3,
            }
        )
    )
    synchronous_channels: frozenset[str] = frozenset({"meeting", "event", "video", "call"})
    service_kinds: frozenset[str] = frozenset({"ask", "give", "intro"})
    service_factor: float = 1.2
    meaningful_weight: float = 0.3
    duration_reference_minutes: float = 30.0
    duration_bounds: tuple[float, float] = (0.5, 2.0)
    length_reference_messages: float = 6.0

    half_life_days: MappingProxyType = field(
        default_factory=lambda: _frozen(
            {"family": 1095.0, "friends": 540.0, "community": 365.0, "work": 180.0}
        )
    )
    default_half_life_days: float = 365.0
    long_known_stretch: float = 0.5
    saturation_interval_days: float = 7.0
    duration_saturation_years: float = 10.0
    closeness_half_life_days: float = 365.0
    services_half_life_days: float = 730.0
    recency_days_without_cadence: float = 365.0

    component_weights: MappingProxyType = field(
        default_factory=lambda: _frozen(
            {
                "closeness": 0.35,
                "intensity": 0.25,
                "recency": 0.15,
                "duration": 0.10,
                "services": 0.10,
                "overlap": 0.05,
            }
        )
    )
    reciprocity_floor: float = 0.85
    reciprocity_min_initiations: int = 4

    reply_days: float = 3.0
    mutuality_window_days: int = 365
    carry_share: float = 0.25
    carry_min_initiations: int = 8
    balance_window_days: int = 730
    asks_only_window_days: int = 1095  # 36 months: sparse ties need it; 24 missed a third
    asks_only_threshold: float = 0.5
    asks_only_min_initiations: int = 3
    asks_silence_days: float = 30.0

    layer_cadence_days: MappingProxyType = field(
        default_factory=lambda: _frozen(dict(LAYER_CADENCE_DAYS))
    )
    kin_cadence_factor: float = KIN_CADENCE_FACTOR
    learned_cadence_min_gaps: int = 5
    learned_cadence_bounds: tuple[float, float] = (0.5, 2.0)

    due_ratio: float = 1.0
    drifting_ratio: float = 1.5
    drifting_ratio_kin: float = 2.0
    own_gap_percentile: float = 0.9
    activity_window_days: int = 90
    activity_drop: float = 0.5
    activity_min_previous: int = 4
    dormant_ratio: float = 4.0
    unanswered_days: float = 30.0
    unanswered_messages: int = 2
    unusual_gaps: float = 3.0
    dormant_days: int = 730
    layer_priority: MappingProxyType = field(
        default_factory=lambda: _frozen({0: 5.0, 1: 4.0, 2: 3.0, 3: 2.0, 4: 1.0, 5: 0.5, 6: 0.25})
    )
    kin_priority_factor: float = 0.6
    stopped_probability: float = 0.5
    dormant_value: float = 0.5  # a dormant tie's priority: one reconnect, × layer weight

    # The rhythm model (jalin.domain.ties.layering): Dunbar's cumulative layer sizes, the
    # spread of contact rates within a layer (gamma shape: rates vary about ±50 %), and the
    # defaults a network too small to fit keeps: a contact every 2 days in L1 … every four
    # years in L6, chats of 9 … 2.5 messages, one tie in twelve stopped.
    rhythm_layer_sizes: tuple[int, ...] = (5, 15, 50, 150, 500)
    rhythm_rate_shape: float = 4.0
    rhythm_min_share: float = 0.005
    rhythm_default_people: int = 1500
    rhythm_min_ties: int = 50
    rhythm_iterations: int = 60
    rhythm_fit_sample: int = 20_000  # ties EM fits on; a larger network is sampled
    rhythm_fit_keep: int = 5_000  # … always with its busiest ties
    rhythm_tolerance: float = 1e-6
    rhythm_chat_channel: str = "message"
    rhythm_default_gap_days: tuple[float, ...] = (2.0, 7.0, 30.0, 120.0, 365.0, 1500.0)
    rhythm_default_extra_messages: tuple[float, ...] = (8.0, 6.0, 4.0, 3.0, 2.0, 1.5)
    rhythm_default_stopped_share: float = 0.08
    rhythm_default_unanswered: tuple[float, ...] = (0.05, 0.1, 0.15, 0.2, 0.3, 0.4)
    # The closeness a layer implies: the middle of its rating band ((9.5 − 1)/9 for L1 …).
    implied_closeness_by_layer: tuple[float, ...] = (0.944, 0.722, 0.5, 0.278, 0.056, 0.0)
    implied_closeness_weight: float = 0.5


DEFAULT_MODEL = TieModel()


def with_layer_cadences(model: TieModel, cadences: dict[int, int]) -> TieModel:
    """Return ``model`` with the owner's own default cadence for some layers (days by
    layer); the other layers keep the model's."""
    if not cadences:
        return model
    merged = {**model.layer_cadence_days, **{int(k): int(v) for k, v in cadences.items()}}
    return replace(model, layer_cadence_days=_frozen(merged))

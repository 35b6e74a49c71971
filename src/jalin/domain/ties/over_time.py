"""A tie's strength over time: what it was week by week, and where silence takes it.

Scoring a past moment is :func:`~jalin.domain.ties.figures.score_ties` at that moment (only
the contacts known then count). Every figure reads time relative to the moment of scoring,
so a tie scored ``d`` days ago is the same as a copy of it moved ``d`` days later — its
contacts of then, its dates, its favours and the beginning of the record shifted by ``d``
whole days — scored now. The
series is therefore one scoring of many shifted copies (one numpy pass) rather than one
scoring per moment; days ahead are copies moved earlier, with no contact added: the decay
if nobody gets in touch.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import numpy as np

from jalin.domain.tiemodel import DEFAULT_MODEL, TieModel
from jalin.domain.ties.figures import score_ties
from jalin.domain.ties.history import DAY, History
from jalin.domain.ties.layering import RhythmFit, rhythm_evidence
from jalin.domain.ties.records import Network


def strength_over_time(
    network: Network,
    history: History,
    now: datetime,
    days_back: Sequence[int],
    model: TieModel = DEFAULT_MODEL,
    fit: RhythmFit | None = None,
) -> list[int]:
    """Return the strength of the one tie of ``network`` and ``history`` as of ``d`` whole
    days before ``now`` for each ``d`` of ``days_back`` (a negative ``d``: days ahead, with
    no contact after ``now``), in that order — the same numbers as scoring each moment.
    """
    if len(network) != 1:
        raise ValueError("strength_over_time scores one tie")
    shifts = np.asarray(days_back, dtype=np.int64)
    copies = len(shifts)
    if copies == 0:
        return []
    now_at = now.timestamp()
    kept = [history.at <= now_at - d * DAY for d in shifts.tolist()]
    counts = np.array([mask.sum() for mask in kept], dtype=np.int64)
    bounds = np.zeros(copies + 1, dtype=np.int64)
    np.cumsum(counts, out=bounds[1:])

    def stacked(column: np.ndarray) -> np.ndarray:
        return np.concatenate([column[mask] for mask in kept])

    moved = np.concatenate(
        [history.at[mask] + d * DAY for mask, d in zip(kept, shifts.tolist(), strict=False)]
    )
    copied = History(
        bounds=bounds,
        at=moved,
        channel=stacked(history.channel),
        initiator=stacked(history.initiator),
        kind=stacked(history.kind),
        answered=stacked(history.answered),
        messages=stacked(history.messages),
        minutes=stacked(history.minutes),
        people=stacked(history.people),
    )
    # The record's beginning moves with each copy: the fit's, else (as scoring that moment
    # alone would take it) the copy's first contact the rhythm model reads, or the moment.
    evidence = rhythm_evidence(copied, model)
    if fit is not None and fit.window_start is not None:
        starts = fit.window_start + shifts * DAY
    else:
        starts = np.where(np.isnan(evidence.first), now_at, evidence.first)
    table = score_ties(
        _shifted_network(network, shifts), copied, now, model, fit, evidence, starts=starts
    )
    return [int(v) for v in table.strength]


def _shifted_network(network: Network, shifts: np.ndarray) -> Network:
    """Return ``len(shifts)`` copies of a one-tie ``network``, copy ``k``'s dates moved
    ``shifts[k]`` days later (``nan`` dates stay unknown)."""
    copies = len(shifts)
    favours = len(network.favour_tie)
    days = shifts.astype(np.float64)

    def repeat(column: np.ndarray) -> np.ndarray:
        return np.repeat(column[:1], copies)

    return Network(
        ids=repeat(network.ids),
        names=network.names[:1] * copies,
        circles=network.circles[:1] * copies,
        kin=repeat(network.kin),
        layer=repeat(network.layer),
        closeness=repeat(network.closeness),
        closeness_day=repeat(network.closeness_day) + days,
        cadence_days=repeat(network.cadence_days),
        known_since_day=repeat(network.known_since_day) + days,
        added_on_day=repeat(network.added_on_day) + days,
        overlap=repeat(network.overlap),
        favour_tie=np.repeat(np.arange(copies, dtype=np.int64), favours),
        favour_day=(network.favour_day[None, :] + days[:, None]).ravel(),
        favour_given=np.tile(network.favour_given, copies),
        favour_done=np.tile(network.favour_done, copies),
    )

"""The figures of every tie, put together, with the sentence a person reads to see why.

:func:`score_ties` scores a whole network in array operations (a full rescore, or the few
ties an import touched); :func:`tie_figures` scores one tie given as a :class:`Tie`. Both
are the same computation. A score is stored as the flat record :data:`STORED_FIELDS`
describes, and :func:`figures_json` turns a stored record back into what people read.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from jalin.domain.tiemodel import DEFAULT_MODEL, TieModel
from jalin.domain.ties.history import DAY, History
from jalin.domain.ties.layering import (
    RhythmEvidence,
    RhythmFit,
    default_fit,
    fit_rhythm,
    rhythm_evidence,
    rhythm_posterior,
)
from jalin.domain.ties.reciprocity import Reciprocity, ReciprocityColumns, reciprocity
from jalin.domain.ties.records import Clock, Network, Tie
from jalin.domain.ties.rhythm import (
    CADENCE_SOURCES,
    LAYER_SOURCES,
    REASON_CODES,
    REASONS,
    STATUSES,
    Cadence,
    Layer,
    Rhythm,
    Status,
    recency_periods,
    rhythm,
    stated_layers,
)
from jalin.domain.ties.strength import Components, blend, components, reciprocity_factor
from jalin.domain.vocabulary import CHANNELS

USUAL_CHANNEL_CONTACTS = 20


@dataclass(frozen=True)
class TieFigures:
    """Strength 0–100 with its components, layer, cadence, status and reciprocity."""

    person_id: int
    name: str
    strength: int
    components: dict[str, float]
    layer: Layer
    cadence: Cadence
    status: Status
    last_contact: datetime | None  # the last meaningful two-way contact
    days_since_contact: int | None
    reciprocity: Reciprocity
    usual_channel: str | None
    stopped: float  # the probability that the other side has stopped getting in touch
    why: str

    record: Mapping  # the stored form (STORED_FIELDS)

    def as_json(self) -> dict:
        """Return the figures as the JSON object ``jalin strength --json`` prints."""
        return figures_json(self.person_id, self.name, self.record)


@dataclass(frozen=True)
class FigureTable:
    """The figures of every tie of a network, as columns; :meth:`row` gives one tie's."""

    network: Network
    strength: np.ndarray
    parts: Components
    factor: np.ndarray
    rhythm: Rhythm
    mutual: ReciprocityColumns
    usual_channel: np.ndarray  # channel code, −1 for none
    days_since_contact: np.ndarray  # nan for never

    def __len__(self) -> int:
        return len(self.strength)

    def row(self, i: int) -> TieFigures:
        """Return tie ``i``'s figures."""
        record = dict(zip(STORED_FIELDS, self._values(i), strict=True))
        data = figures_json(int(self.network.ids[i]), self.network.names[i], record)
        return TieFigures(
            person_id=data["person_id"],
            name=data["name"],
            strength=data["strength"],
            components=data["components"],
            layer=self.rhythm.layer_of(i),
            cadence=self.rhythm.cadence_of(i),
            status=self.rhythm.status_of(i),
            last_contact=record["last_contact_at"],
            days_since_contact=data["days_since_contact"],
            reciprocity=self.mutual.row(i),
            usual_channel=data["usual_channel"],
            stopped=record["stopped"],
            why=data["why"],
            record=record,
        )

    def records(self) -> Iterator[tuple]:
        """Yield each tie's ``(person_id, *STORED_FIELDS)`` with ``None`` for absent values:
        the rows a store writes, built column by column."""
        lists = [self.network.ids.tolist()]
        for name, column in zip(STORED_FIELDS, self._columns(), strict=True):
            lists.append(_stored(name, column.tolist(), column.dtype.kind == "f"))
        return zip(*lists, strict=True)

    def _values(self, i: int) -> list:
        return [
            _stored(name, [column[i].item()], column.dtype.kind == "f")[0]
            for name, column in zip(STORED_FIELDS, self._columns(), strict=True)
        ]

    def _columns(self) -> list[np.ndarray]:
        """Return the columns in the order of :data:`STORED_FIELDS`."""
        r, m, p = self.rhythm, self.mutual, self.parts
        return [
            self.strength, r.layer, r.layer_source, r.status, r.reason, r.priority, r.ratio,
            r.cadence_days, r.cadence_source, r.last_contact, self.days_since_contact,
            m.mutuality, m.mine, m.theirs, m.share_theirs, m.you_carry, m.balance, m.given,
            m.received, m.asks_only_index, m.asks_after_silence, m.my_initiations, m.asks_only,
            self.usual_channel, p.intensity, p.recency, p.duration, p.services, p.closeness,
            p.closeness_implied, p.overlap, self.factor, r.stopped,
        ]  # fmt: skip


_CODES = {
    "layer_source": LAYER_SOURCES,
    "status": STATUSES,
    "status_reason": REASON_CODES,
    "cadence_source": CADENCE_SOURCES,
    "usual_channel": CHANNELS,
}


def _stored(name: str, values: list, floats: bool) -> list:
    """Return a column's values as stored: codes by name, ``None`` for nan or −1, times as
    aware datetimes."""
    codes = _CODES.get(name)
    if codes is not None:
        return [codes[v] if v >= 0 else None for v in values]
    if name == "last_contact_at":
        return [None if v != v else datetime.fromtimestamp(v, UTC) for v in values]
    if floats:
        return [None if v != v else v for v in values]
    return values


STORED_FIELDS = (
    "strength", "layer", "layer_source", "status", "status_reason", "priority", "ratio",
    "cadence_days", "cadence_source", "last_contact_at", "days_since_contact", "mutuality",
    "initiations_mine", "initiations_theirs", "share_theirs", "you_carry", "balance",
    "favours_given", "favours_received", "asks_only_index", "asks_after_silence",
    "my_initiations", "asks_only", "usual_channel", "intensity", "recency", "duration",
    "services", "closeness", "closeness_implied", "overlap", "reciprocity_factor", "stopped",
)  # fmt: skip
"""The flat record of one tie's figures that :meth:`FigureTable.records` yields after the
person's id. Sources, status, reason and channel are codes
(:mod:`jalin.domain.ties.rhythm`, the vocabulary's ``CHANNELS``); ``last_contact_at`` is an
aware datetime."""


def score_ties(
    network: Network,
    history: History,
    now: datetime,
    model: TieModel = DEFAULT_MODEL,
    fit: RhythmFit | None = None,
    evidence: RhythmEvidence | None = None,
    starts: np.ndarray | None = None,
) -> FigureTable:
    """Return every figure of every tie as of ``now``: a pure function of the records.

    ``network`` and ``history`` list the same ties in the same order. Only contacts up to
    ``now`` count, so scoring an old moment reproduces what was known then. ``fit`` is the
    owner's rhythm fit (:func:`~jalin.domain.ties.layering.fit_rhythm`); without one, the
    model's defaults. ``evidence`` is :func:`contact_evidence` of the same ties, when the
    caller has it already; ``starts``, when given, each tie's own beginning of the record
    (:func:`~jalin.domain.ties.layering.rhythm_posterior`).
    """
    clock = Clock.of(now)
    history = history.until(clock.at)
    if evidence is None:
        evidence = rhythm_evidence(history, model)
    posterior = rhythm_posterior(evidence, fit or default_fit(model), clock.at, model, starts)
    implied = posterior.ongoing @ np.asarray(model.implied_closeness_by_layer)
    rhythms = rhythm(network, history, clock, posterior, model)
    mutual = reciprocity(network, history, clock, rhythms.cadence_days, model)
    period = recency_periods(network, rhythms.layer, rhythms.layer_source, model)
    parts = components(network, history, clock, period, implied, model)
    factor = reciprocity_factor(mutual.mutuality, mutual.mine + mutual.theirs, model)
    strength = np.round(100 * factor * blend(parts, model)).astype(np.int64)
    last = rhythms.last_contact
    days = np.where(np.isnan(last), np.nan, np.floor((clock.at - np.nan_to_num(last)) / DAY))
    return FigureTable(
        network=network,
        strength=strength,
        parts=parts,
        factor=factor,
        rhythm=rhythms,
        mutual=mutual,
        usual_channel=usual_channels(history),
        days_since_contact=days,
    )


def contact_evidence(
    history: History, now: datetime, model: TieModel = DEFAULT_MODEL
) -> RhythmEvidence:
    """Return what the rhythm model reads of each tie's contacts up to ``now``: computed
    once for a network, it serves both :func:`fit_network` and :func:`score_ties`."""
    return rhythm_evidence(history.until(Clock.of(now).at), model)


def fit_network(
    network: Network,
    history: History,
    now: datetime,
    model: TieModel = DEFAULT_MODEL,
    evidence: RhythmEvidence | None = None,
) -> RhythmFit:
    """Return the rhythm model fitted to a whole network as of ``now``
    (:func:`~jalin.domain.ties.layering.fit_rhythm`): the owner's layers as their contacts
    show them. Ties the owner placed (a layer, a closeness rating) anchor their class."""
    if evidence is None:
        evidence = contact_evidence(history, now, model)
    layer, source = stated_layers(network)
    anchors = np.where(source < 2, np.clip(layer, 1, 6), 0)
    return fit_rhythm(evidence, Clock.of(now).at, model, anchors=anchors, people=len(network))


def tie_figures(
    tie: Tie, now: datetime, model: TieModel = DEFAULT_MODEL, fit: RhythmFit | None = None
) -> TieFigures:
    """Return every figure of one ``tie`` as of ``now`` (see :func:`score_ties`)."""
    table = score_ties(Network.from_ties([tie]), History.from_events([tie.events]), now, model, fit)
    return table.row(0)


def usual_channels(history: History, recent: int = USUAL_CHANNEL_CONTACTS) -> np.ndarray:
    """Return each tie's usual channel code: that of most of its last ``recent`` contacts
    (the one used latest wins a tie); −1 for a tie with no contact."""
    tie, ties = history.tie_of_row, history.ties
    rows = np.arange(len(tie))
    last = history.bounds[1:][tie] - rows <= recent
    key = tie[last] * len(CHANNELS) + history.channel[last]
    counts = np.bincount(key, minlength=ties * len(CHANNELS))
    latest = np.full(ties * len(CHANNELS), -1, dtype=np.int64)
    np.maximum.at(latest, key, rows[last])
    score = (counts * (len(tie) + 1) + latest + 1).reshape(ties, len(CHANNELS))
    best = score.argmax(axis=1)
    return np.where(np.diff(history.bounds) > 0, best, -1)


def why_sentence(
    *,
    strength: int,
    days: int | None,
    cadence_days: float | None,
    status: str,
    reason: str,
    you_carry: bool,
    mutuality: float | None,
    share_theirs: float,
    asks_only: bool,
    given: int,
    received: int,
) -> str:
    """Return one plain sentence explaining a tie's figures (English; interfaces translate)."""
    parts = [f"Strength {strength}"]
    if days is None:
        parts.append("no contact on record yet")
    elif cadence_days is None:
        parts.append(f"last contact {days} days ago, no regular cadence")
    else:
        parts.append(
            f"last contact {days} days ago against a cadence of {round(cadence_days)} days"
        )
    parts.append(f"{status}: {reason}")
    if you_carry:
        parts.append("you start almost every exchange")
    elif mutuality is not None and share_theirs > 0.75:
        parts.append("they start almost every exchange")
    if asks_only:
        parts.append("you mostly get in touch to ask for something")
    if given or received:
        parts.append(f"favours given {given}, received {received}")
    return "; ".join(parts) + "."


def figures_json(person_id: int, name: str, stored: Mapping) -> dict:
    """Return the JSON of ``jalin strength --json`` from one stored record (a mapping with
    the :data:`STORED_FIELDS`), the same as :meth:`TieFigures.as_json` gave when scored."""
    s = stored
    parts = {
        name_: round(s[name_], 3)
        for name_ in Components.NAMES
        if s[name_] is not None and not math.isnan(s[name_])
    }
    if s["reciprocity_factor"] != 1.0:
        parts["reciprocity_factor"] = round(s["reciprocity_factor"], 3)
    status, reason = s["status"], REASONS[s["status_reason"]]
    cadence = s["cadence_days"]
    days = None if s["days_since_contact"] is None else int(s["days_since_contact"])
    return {
        "person_id": person_id,
        "name": name,
        "strength": s["strength"],
        "layer": s["layer"],
        "layer_source": s["layer_source"],
        "status": status,
        "status_reason": reason,
        "priority": round(s["priority"], 3),
        "cadence_days": None if cadence is None else round(cadence),
        "cadence_source": s["cadence_source"],
        "days_since_contact": days,
        "mutuality": None if s["mutuality"] is None else round(s["mutuality"], 3),
        "initiations_mine": s["initiations_mine"],
        "initiations_theirs": s["initiations_theirs"],
        "you_carry": bool(s["you_carry"]),
        "balance": round(s["balance"], 3),
        "asks_only_index": None if s["asks_only_index"] is None else round(s["asks_only_index"], 3),
        "asks_only": bool(s["asks_only"]),
        "asks_after_silence": s["asks_after_silence"],
        "my_initiations": s["my_initiations"],
        "stopped_probability": round(s["stopped"], 3),
        "components": parts,
        "usual_channel": s["usual_channel"] or None,
        "why": why_sentence(
            strength=s["strength"],
            days=days,
            cadence_days=cadence,
            status=status,
            reason=reason,
            you_carry=bool(s["you_carry"]),
            mutuality=s["mutuality"],
            share_theirs=s["share_theirs"],
            asks_only=bool(s["asks_only"]),
            given=s["favours_given"],
            received=s["favours_received"],
        ),
    }

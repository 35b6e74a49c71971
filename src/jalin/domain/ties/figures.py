"""The figures of one tie, put together, with the sentence a person reads to see why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from jalin.domain.tiemodel import DEFAULT_MODEL, TieModel
from jalin.domain.ties.reciprocity import Reciprocity, reciprocity
from jalin.domain.ties.records import Tie
from jalin.domain.ties.rhythm import (
    Cadence,
    Layer,
    Status,
    cadence_of,
    contact_times,
    gaps_in_days,
    layer_of,
    status_of,
)
from jalin.domain.ties.strength import DAY, blend, components, reciprocity_factor


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
    why: str

    def as_json(self) -> dict:
        """Return the figures as the JSON object ``jalin strength --json`` prints."""
        r = self.reciprocity
        return {
            "person_id": self.person_id,
            "name": self.name,
            "strength": self.strength,
            "layer": self.layer.value,
            "layer_source": self.layer.source,
            "status": self.status.value,
            "priority": round(self.status.priority, 3),
            "cadence_days": None if self.cadence.days is None else round(self.cadence.days),
            "cadence_source": self.cadence.source,
            "days_since_contact": self.days_since_contact,
            "mutuality": None if r.mutuality is None else round(r.mutuality, 3),
            "initiations_mine": r.mine,
            "initiations_theirs": r.theirs,
            "you_carry": r.you_carry,
            "balance": round(r.balance, 3),
            "asks_only_index": None if r.asks_only_index is None else round(r.asks_only_index, 3),
            "asks_only": r.asks_only,
            "asks_after_silence": r.asks_after_silence,
            "my_initiations": r.my_initiations,
            "components": self.components,
            "usual_channel": self.usual_channel,
            "why": self.why,
        }


def tie_figures(tie: Tie, now: datetime, model: TieModel = DEFAULT_MODEL) -> TieFigures:
    """Return every figure of ``tie`` as of ``now``: a pure function of the records.

    Only events up to ``now`` count, so scoring an old moment reproduces what was known then.
    """
    times = contact_times(tie, now, model)
    gaps = gaps_in_days(times)
    layer = layer_of(tie, times, now, model)
    cadence = cadence_of(tie, layer, gaps, model)
    status = status_of(tie, times, gaps, cadence, layer, now, model)
    mutual = reciprocity(tie, now, cadence.days, model)
    parts = components(tie, now, recency_period(tie, layer, model), model)
    factor = reciprocity_factor(mutual.mutuality, mutual.mine + mutual.theirs, model)
    strength = round(100 * factor * blend(parts, model))
    days = None if not times else int((now - times[-1]).total_seconds() // DAY)
    values = parts.as_dict()
    if factor != 1.0:
        values["reciprocity_factor"] = round(factor, 3)
    return TieFigures(
        person_id=tie.id,
        name=tie.name,
        strength=strength,
        components=values,
        layer=layer,
        cadence=cadence,
        status=status,
        last_contact=times[-1] if times else None,
        days_since_contact=days,
        reciprocity=mutual,
        usual_channel=usual_channel(tie, now),
        why=_why(strength, days, cadence, status, mutual),
    )


def recency_period(tie: Tie, layer: Layer, model: TieModel) -> float | None:
    """Return the period recency is judged against: the cadence the owner set, else the one
    their assigned layer or closeness rating implies (kin × 1.5).

    Not the learned cadence, nor a layer implied by contact: those move with the contacts
    themselves, and more recent contact must never lower strength.
    """
    if tie.cadence_days:
        return float(tie.cadence_days)
    if layer.source in ("assigned", "closeness"):
        days = model.layer_cadence_days.get(layer.value)
        if days is not None:
            return days * (model.kin_cadence_factor if tie.kin else 1.0)
    return None


def usual_channel(tie: Tie, now: datetime, recent: int = 20) -> str | None:
    """Return the channel of most of the last ``recent`` contacts (the latest wins a tie)."""
    last = [e.channel for e in tie.events if e.at <= now][-recent:]
    if not last:
        return None
    return max(reversed(last), key=last.count)


def _why(
    strength: int, days: int | None, cadence: Cadence, status: Status, mutual: Reciprocity
) -> str:
    """Return one plain sentence explaining the figures (English; interfaces translate)."""
    parts = [f"Strength {strength}"]
    if days is None:
        parts.append("no contact on record yet")
    elif cadence.days is None:
        parts.append(f"last contact {days} days ago, no regular cadence")
    else:
        parts.append(
            f"last contact {days} days ago against a cadence of {round(cadence.days)} days"
        )
    parts.append(f"{status.value}: {status.reason}")
    if mutual.you_carry:
        parts.append("you start almost every exchange")
    elif mutual.mutuality is not None and mutual.share_theirs > 0.75:
        parts.append("they start almost every exchange")
    if mutual.asks_only:
        parts.append("you mostly get in touch to ask for something")
    if mutual.given or mutual.received:
        parts.append(f"favours given {mutual.given}, received {mutual.received}")
    return "; ".join(parts) + "."

"""Who keeps a tie going and who gives: mutuality, give and take, the asks-only index (§2.7)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from jalin.domain.tiemodel import TieModel
from jalin.domain.ties.records import Tie, TieEvent
from jalin.domain.ties.strength import DAY


def initiations(events: tuple[TieEvent, ...], model: TieModel) -> list[tuple[TieEvent, float]]:
    """Return the contacts that opened an exchange, each with the days of silence before it.

    A contact within ``reply_days`` of the one before is a reply, whoever sent it, so that a
    conversation's turns are not counted as initiations; joint contacts (a planned meeting)
    open nothing. The first contact follows an unknown (infinite) silence.
    """
    opened, previous = [], None
    for event in events:
        silence = float("inf") if previous is None else (event.at - previous).total_seconds() / DAY
        previous = event.at
        if silence > model.reply_days and event.initiator in ("me", "them"):
            opened.append((event, silence))
    return opened


@dataclass(frozen=True)
class Reciprocity:
    """How a tie is kept: mutuality, who carries it, the balance of favours, asks-only."""

    mine: int  # initiations by the owner in the mutuality window
    theirs: int
    mutuality: float | None  # μ, 1 = perfectly mutual; None without any initiation
    share_theirs: float  # p, the smoothed share of initiations that are theirs
    you_carry: bool
    balance: float  # b, −1 … 1: positive when the owner gave more
    given: int
    received: int
    asks_only_index: float | None  # None without any initiation of the owner's
    asks_after_silence: int
    my_initiations: int
    asks_only: bool


def reciprocity(
    tie: Tie, now: datetime, cadence_days: float | None, model: TieModel
) -> Reciprocity:
    """Return the reciprocity figures of ``tie`` at ``now`` (formulas in tiemodel)."""
    opened = initiations(tuple(e for e in tie.events if e.at <= now), model)
    year_ago = now - timedelta(days=model.mutuality_window_days)
    recent = [e for e, _ in opened if e.at >= year_ago]
    mine = sum(1 for e in recent if e.initiator == "me")
    theirs = len(recent) - mine
    share = (theirs + 1) / (mine + theirs + 2)
    mutuality = 1 - abs(2 * share - 1) if recent else None

    since = (now - timedelta(days=model.balance_window_days)).date()
    done = [f for f in tie.favours if f.status == "done" and since <= f.on <= now.date()]
    given = sum(1 for f in done if f.direction == "given")
    received = len(done) - given
    balance = (given - received) / (given + received + 2)

    window = now - timedelta(days=model.asks_only_window_days)
    silence_limit = min(cadence_days or model.asks_silence_days, model.asks_silence_days)
    my_opened = [(e, s) for e, s in opened if e.initiator == "me" and e.at >= window]
    asks = sum(1 for e, s in my_opened if e.kind == "ask" and s > silence_limit)
    index = asks / len(my_opened) if my_opened else None
    return Reciprocity(
        mine=mine,
        theirs=theirs,
        mutuality=mutuality,
        share_theirs=share,
        you_carry=share < model.carry_share and mine + theirs >= model.carry_min_initiations,
        balance=balance,
        given=given,
        received=received,
        asks_only_index=index,
        asks_after_silence=asks,
        my_initiations=len(my_opened),
        asks_only=index is not None
        and index >= model.asks_only_threshold
        and len(my_opened) >= model.asks_only_min_initiations,
    )

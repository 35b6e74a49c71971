"""Who keeps a tie going and who gives: mutuality, give and take, the asks-only index (§2.7).

Computed for many ties at once; :class:`Reciprocity` is one tie's values.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from jalin.domain.tiemodel import TieModel
from jalin.domain.ties.history import DAY, KIND_CODES, History
from jalin.domain.ties.records import Clock, Network
from jalin.domain.ties.segments import per_tie_count, previous_in_tie

ME, THEM = 0, 1


def initiations(history: History, model: TieModel) -> tuple[np.ndarray, np.ndarray]:
    """Return which contacts opened an exchange, and the days of silence before each.

    A contact within ``reply_days`` of the one before is a reply, whoever sent it, so that a
    conversation's turns are not counted as initiations; joint contacts (a planned meeting)
    open nothing. A tie's first contact follows an unknown (infinite) silence.
    """
    previous = previous_in_tie(history.tie_of_row, history.at, -np.inf)
    silence = (history.at - previous) / DAY
    opened = (silence > model.reply_days) & (history.initiator <= THEM)
    return opened, silence


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


@dataclass(frozen=True)
class ReciprocityColumns:
    """The reciprocity figures of every tie, as columns (``nan`` where :class:`Reciprocity`
    has ``None``)."""

    mine: np.ndarray
    theirs: np.ndarray
    mutuality: np.ndarray
    share_theirs: np.ndarray
    you_carry: np.ndarray
    balance: np.ndarray
    given: np.ndarray
    received: np.ndarray
    asks_only_index: np.ndarray
    asks_after_silence: np.ndarray
    my_initiations: np.ndarray
    asks_only: np.ndarray

    def row(self, i: int) -> Reciprocity:
        """Return tie ``i``'s reciprocity."""
        mutuality, index = self.mutuality[i], self.asks_only_index[i]
        return Reciprocity(
            mine=int(self.mine[i]),
            theirs=int(self.theirs[i]),
            mutuality=None if np.isnan(mutuality) else float(mutuality),
            share_theirs=float(self.share_theirs[i]),
            you_carry=bool(self.you_carry[i]),
            balance=float(self.balance[i]),
            given=int(self.given[i]),
            received=int(self.received[i]),
            asks_only_index=None if np.isnan(index) else float(index),
            asks_after_silence=int(self.asks_after_silence[i]),
            my_initiations=int(self.my_initiations[i]),
            asks_only=bool(self.asks_only[i]),
        )


def reciprocity(
    network: Network,
    history: History,
    clock: Clock,
    cadence_days: np.ndarray,
    model: TieModel,
) -> ReciprocityColumns:
    """Return the reciprocity figures of every tie (formulas in tiemodel)."""
    ties, tie = history.ties, history.tie_of_row
    opened, silence = initiations(history, model)
    recent = opened & (history.at >= clock.at - model.mutuality_window_days * DAY)
    mine = per_tie_count(tie, recent & (history.initiator == ME), ties)
    theirs = per_tie_count(tie, recent & (history.initiator == THEM), ties)
    share = (theirs + 1) / (mine + theirs + 2)
    mutuality = np.where(mine + theirs > 0, 1 - np.abs(2 * share - 1), np.nan)

    since = clock.today - model.balance_window_days
    done = network.favour_done & (network.favour_day >= since) & (network.favour_day <= clock.today)
    given = per_tie_count(network.favour_tie, done & network.favour_given, ties)
    received = per_tie_count(network.favour_tie, done & ~network.favour_given, ties)
    balance = (given - received) / (given + received + 2)

    window = clock.at - model.asks_only_window_days * DAY
    limit = np.fmin(
        np.where(cadence_days > 0, cadence_days, model.asks_silence_days), model.asks_silence_days
    )
    my_opened = opened & (history.initiator == ME) & (history.at >= window)
    asked = my_opened & (history.kind == KIND_CODES["ask"]) & (silence > limit[tie])
    my_count = per_tie_count(tie, my_opened, ties)
    asks = per_tie_count(tie, asked, ties)
    index = np.where(my_count > 0, asks / np.maximum(my_count, 1), np.nan)
    return ReciprocityColumns(
        mine=mine,
        theirs=theirs,
        mutuality=mutuality,
        share_theirs=share,
        you_carry=(share < model.carry_share) & (mine + theirs >= model.carry_min_initiations),
        balance=balance,
        given=given,
        received=received,
        asks_only_index=index,
        asks_after_silence=asks,
        my_initiations=my_count,
        asks_only=(my_count > 0)
        & (np.nan_to_num(index) >= model.asks_only_threshold)
        & (my_count >= model.asks_only_min_initiations),
    )

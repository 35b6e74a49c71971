"""Relationship intelligence: the figures of every tie, computed from plain records.

``records`` holds the inputs (one :class:`Tie`, or a :class:`Network` of settings as
columns) and ``history`` the contacts as columns; ``strength`` computes the event weights and
components, ``layering`` the layer a tie's rhythm implies and whether it stopped, ``rhythm``
the cadence, layer and status, ``reciprocity`` who initiates and who gives, and ``figures``
puts them together with a sentence of why. Every parameter is in
:mod:`jalin.domain.tiemodel`.
"""

from jalin.domain.ties.figures import (
    STORED_FIELDS,
    FigureTable,
    TieFigures,
    contact_evidence,
    figures_json,
    fit_network,
    score_ties,
    tie_figures,
)
from jalin.domain.ties.history import History, pack_shape
from jalin.domain.ties.layering import RhythmFit, default_fit, fit_rhythm, rhythm_evidence
from jalin.domain.ties.records import Network, Tie, TieEvent, TieFavour

__all__ = [
    "STORED_FIELDS",
    "FigureTable",
    "History",
    "Network",
    "RhythmFit",
    "Tie",
    "TieEvent",
    "TieFavour",
    "TieFigures",
    "contact_evidence",
    "default_fit",
    "figures_json",
    "fit_network",
    "fit_rhythm",
    "pack_shape",
    "rhythm_evidence",
    "score_ties",
    "tie_figures",
]

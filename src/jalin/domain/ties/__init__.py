"""Relationship intelligence: the figures of one tie, computed from plain records.

``records`` holds the inputs, ``strength`` the event weights and components, ``rhythm`` the
cadence, layer and status, ``reciprocity`` who initiates and who gives, and ``figures`` puts
them together with a sentence of why. Every parameter is in :mod:`jalin.domain.tiemodel`.
"""

from jalin.domain.ties.figures import TieFigures, tie_figures
from jalin.domain.ties.records import Tie, TieEvent, TieFavour

__all__ = ["Tie", "TieEvent", "TieFavour", "TieFigures", "tie_figures"]

"""Per-tie reductions over rows laid out tie after tie: sums, counts, last rows, quantiles.

numpy reduces whole arrays; the model needs the same reductions per tie. Each helper takes
the tie index of every row (sorted: a tie's rows are contiguous) and returns one value per
tie, with a stated value for ties that have no row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def per_tie_sum(tie: np.ndarray, values: np.ndarray, ties: int) -> np.ndarray:
    """Return the sum of ``values`` per tie (0 for a tie with no row)."""
    return np.bincount(tie, weights=values, minlength=ties).astype(np.float64, copy=False)


def per_tie_count(tie: np.ndarray, mask: np.ndarray, ties: int) -> np.ndarray:
    """Return how many rows of each tie ``mask`` selects."""
    return np.bincount(tie[mask], minlength=ties)


def last_row(tie: np.ndarray, mask: np.ndarray, ties: int) -> np.ndarray:
    """Return, per tie, the index of its last row that ``mask`` selects, or −1."""
    rows = np.flatnonzero(mask)
    found = np.full(ties, -1, dtype=np.int64)
    if len(rows):
        owners = tie[rows]
        ends = np.ones(len(rows), dtype=bool)
        ends[:-1] = owners[1:] != owners[:-1]
        found[owners[ends]] = rows[ends]
    return found


def first_row(tie: np.ndarray, mask: np.ndarray, ties: int) -> np.ndarray:
    """Return, per tie, the index of its first row that ``mask`` selects, or −1."""
    rows = np.flatnonzero(mask)
    found = np.full(ties, -1, dtype=np.int64)
    if len(rows):
        owners = tie[rows]
        starts = np.ones(len(rows), dtype=bool)
        starts[1:] = owners[1:] != owners[:-1]
        found[owners[starts]] = rows[starts]
    return found


def take(values: np.ndarray, rows: np.ndarray, missing: float) -> np.ndarray:
    """Return ``values[rows]`` as floats, with ``missing`` where the row is −1."""
    result = np.full(len(rows), missing, dtype=np.float64)
    present = rows >= 0
    result[present] = values[rows[present]]
    return result


def previous_in_tie(tie: np.ndarray, values: np.ndarray, missing: float) -> np.ndarray:
    """Return each row's previous value within its tie, ``missing`` on a tie's first row."""
    result = np.full(len(values), missing, dtype=np.float64)
    if len(values) > 1:
        same = tie[1:] == tie[:-1]
        result[1:][same] = values[:-1][same]
    return result


@dataclass(frozen=True)
class SortedRuns:
    """Whole-second values sorted within each tie: ``values[bounds[i]:bounds[i + 1]]``."""

    values: np.ndarray  # int64 seconds
    bounds: np.ndarray

    @classmethod
    def of(cls, tie: np.ndarray, seconds: np.ndarray, ties: int) -> SortedRuns:
        """Sort ``seconds`` (non-negative whole numbers below 2^34) within each tie.

        One sort of ``tie << 34 | value``, exact and far cheaper than a lexsort: the rows
        come grouped by tie already.
        """
        keys = np.sort((tie.astype(np.int64) << 34) | seconds.astype(np.int64))
        counts = np.bincount(tie, minlength=ties)
        bounds = np.zeros(ties + 1, dtype=np.int64)
        np.cumsum(counts, out=bounds[1:])
        return cls(values=keys & ((1 << 34) - 1), bounds=bounds)

    def median(self) -> np.ndarray:
        """Return the median per tie (``nan`` for a tie with none)."""
        counts = np.diff(self.bounds)
        result = np.full(len(counts), np.nan)
        some = counts > 0
        low = self.bounds[:-1][some] + (counts[some] - 1) // 2
        high = self.bounds[:-1][some] + counts[some] // 2
        result[some] = (self.values[low] + self.values[high]) / 2
        return result

    def decile(self, decile: int) -> np.ndarray:
        """Return the ``decile``-th of the ten-quantiles per tie, by the method Python's
        ``statistics.quantiles`` uses by default ("exclusive"); ``nan`` under 2 values."""
        counts = np.diff(self.bounds)
        result = np.full(len(counts), np.nan)
        some = counts >= 2
        n = counts[some]
        position = decile * (n + 1)
        j = np.clip(position // 10, 1, n - 1)
        delta = position - j * 10
        start = self.bounds[:-1][some]
        below, above = self.values[start + j - 1], self.values[start + j]
        result[some] = (below * (10 - delta) + above * delta) / 10
        return result


def trailing_run(tie: np.ndarray, mask: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """Return, per tie, how many of its last rows in a row ``mask`` selects."""
    breaks = last_row(tie, ~mask, len(bounds) - 1)
    ends = bounds[1:]
    starts = bounds[:-1]
    return np.where(breaks >= 0, ends - breaks - 1, ends - starts)

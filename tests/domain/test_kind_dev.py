"""The message-kind lexicon against its development set, ``data/kind_dev.tsv``.

The set is the one the lexicon was tuned on (English and Indonesian, casual and formal, with
hard cases), so these floors guard against regressions; they do not measure how well the
lexicon generalises.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from jalin.domain.kind import classify_kind

DEV = Path(__file__).parent / "data" / "kind_dev.tsv"
KINDS = ("ask", "give", "thanks", "intro", "touch")


def dev_rows() -> list[dict[str, str]]:
    with DEV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def macro_f1(rows: list[dict[str, str]]) -> float:
    """Return the mean over the kinds of the F1 of classifying the rows' texts."""
    hits, guessed, wanted = Counter(), Counter(), Counter()
    for row in rows:
        guess = classify_kind(row["text"])
        guessed[guess] += 1
        wanted[row["kind"]] += 1
        hits[guess] += guess == row["kind"]
    scores = []
    for kind in KINDS:
        precision = hits[kind] / guessed[kind] if guessed[kind] else 0.0
        recall = hits[kind] / wanted[kind] if wanted[kind] else 0.0
        total = precision + recall
        scores.append(2 * precision * recall / total if total else 0.0)
    return sum(scores) / len(scores)


def test_the_dev_set_is_well_formed():
    rows = dev_rows()
    assert len(rows) >= 300
    assert all(row["kind"] in KINDS and row["lang"] in {"id", "en"} for row in rows)
    assert all(row["text"].strip() and row["text"] == row["text"].strip() for row in rows)
    assert min(Counter(row["lang"] for row in rows).values()) > len(rows) // 3
    assert len({row["text"] for row in rows}) == len(rows)


def test_the_lexicon_reaches_its_floor_on_the_dev_set():
    assert macro_f1(dev_rows()) >= 0.95  # reached 0.995


@pytest.mark.parametrize("lang", ["id", "en"])
def test_each_language_reaches_the_floor(lang):
    assert macro_f1([row for row in dev_rows() if row["lang"] == lang]) >= 0.95

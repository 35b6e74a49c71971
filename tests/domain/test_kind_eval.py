"""The message-kind classifier against the held-out set ``data/kind_eval.tsv``.

The set was written apart from the lexicon and never used to tune it (the lexicon was tuned
on ``data/kind_dev.tsv``), so its figures measure how the classifier generalises; they are
reported by ``make eval`` in docs/evaluation.md. The floor here guards against regressions.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from tests.domain.test_kind_dev import KINDS, macro_f1

EVAL = Path(__file__).parent / "data" / "kind_eval.tsv"


def eval_rows() -> list[dict[str, str]]:
    with EVAL.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_the_held_out_set_has_300_labelled_messages_in_both_languages():
    rows = eval_rows()
    assert len(rows) >= 300
    assert {row["kind"] for row in rows} == set(KINDS)
    languages = Counter(row["lang"] for row in rows)
    assert set(languages) == {"en", "id"}
    assert min(languages.values()) > len(rows) // 3


def test_the_classifier_generalises_to_messages_it_was_not_tuned_on():
    assert macro_f1(eval_rows()) >= 0.82  # measured 0.874 (docs/evaluation.md)

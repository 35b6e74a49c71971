"""The rhythm model: the layers a network's contacts imply, and which ties have stopped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np

from jalin.domain.tiemodel import DEFAULT_MODEL
from jalin.domain.ties import (
    History,
    Network,
    RhythmFit,
    Tie,
    TieEvent,
    default_fit,
    fit_network,
    fit_rhythm,
    rhythm_evidence,
    score_ties,
)
from jalin.domain.ties.layering import class_shares

NOW = datetime(2025, 7, 1, tzinfo=UTC)
YEARS = 3
# Mean days between contacts in each class, L1 … L5 (a network of 300 has no L6).
CLASS_GAPS = (3.0, 10.0, 30.0, 100.0, 500.0)


def synthetic_network(seed: int, people: int = 300) -> tuple[list[Tie], np.ndarray]:
    """Return ties whose contacts come as Poisson processes at their class's rate (varying
    ±50 % between ties), and each tie's true class, 1 … 5, in Dunbar's shares."""
    rng = np.random.default_rng(seed)
    shares = class_shares(people, DEFAULT_MODEL)
    sizes = np.round(shares * people).astype(int)
    truth = np.repeat(np.arange(1, len(sizes) + 1), sizes)[:people]
    ties = []
    span = YEARS * 365.0
    for number, layer in enumerate(truth):
        gap = CLASS_GAPS[min(layer, len(CLASS_GAPS)) - 1] * rng.gamma(4.0, 0.25)
        count = rng.poisson(span / gap)
        days = np.sort(rng.uniform(0, span, count))
        events = tuple(
            TieEvent(NOW - timedelta(days=span - d), "message", "me" if k % 2 else "them")
            for k, d in enumerate(days)
        )
        ties.append(Tie(number + 1, f"Person {number + 1}", events=events))
    return ties, truth


def test_the_fit_recovers_the_layers_the_contacts_came_from():
    ties, truth = synthetic_network(seed=3)
    network, history = Network.from_ties(ties), History.from_events([t.events for t in ties])
    fit = fit_network(network, history, NOW)
    assert fit.ties > DEFAULT_MODEL.rhythm_min_ties
    assert fit.iterations >= 2
    # The classes' rates come out ordered and near the truth's, L1 fastest.
    gaps = 1 / np.asarray(fit.rates[: len(CLASS_GAPS)])
    assert list(gaps) == sorted(gaps)
    assert 0.5 < gaps[0] / CLASS_GAPS[0] < 2
    assert 0.5 < gaps[3] / CLASS_GAPS[3] < 2
    table = score_ties(network, history, NOW, fit=fit)
    implied = np.array([table.row(i).layer.value for i in range(len(ties))])
    assert (implied == truth).mean() > 0.7
    # … better than the model's default classes, which do not know this owner's pace.
    unfitted = score_ties(network, history, NOW)
    guessed = np.array([unfitted.row(i).layer.value for i in range(len(ties))])
    assert (implied == truth).mean() > (guessed == truth).mean() + 0.1
    for layer in range(2, len(CLASS_GAPS) + 1):
        assert implied[truth == layer].mean() > implied[truth == layer - 1].mean()


def test_a_small_network_keeps_the_default_classes():
    ties, _ = synthetic_network(seed=4, people=DEFAULT_MODEL.rhythm_min_ties - 1)
    history = History.from_events([t.events for t in ties])
    evidence = rhythm_evidence(history, DEFAULT_MODEL)
    assert fit_rhythm(evidence, NOW.timestamp(), DEFAULT_MODEL) == default_fit(DEFAULT_MODEL)


def test_the_longer_a_weekly_tie_is_silent_the_likelier_it_has_stopped():
    def weekly_until(silence: int) -> Tie:
        end = NOW - timedelta(days=silence)
        events = tuple(
            TieEvent(end - timedelta(days=7 * k), "message", "them") for k in range(100)
        )[::-1]
        return Tie(silence + 1, "Sari", events=events)

    silences = [0, 7, 14, 30, 60, 120, 240, 480]
    ties = [weekly_until(s) for s in silences]
    table = score_ties(Network.from_ties(ties), History.from_events([t.events for t in ties]), NOW)
    stopped = [table.row(i).stopped for i in range(len(ties))]
    assert stopped == sorted(stopped)
    assert stopped[0] < 0.05 < 0.95 < stopped[-1]


def test_a_fit_survives_its_json_form():
    ties, _ = synthetic_network(seed=5)
    fit = fit_network(Network.from_ties(ties), History.from_events([t.events for t in ties]), NOW)
    assert RhythmFit.from_json(fit.as_json()) == fit


def test_an_assigned_layer_anchors_the_tie_whatever_its_rhythm():
    ties, _ = synthetic_network(seed=6)
    placed = ties[-1]  # the slowest class
    ties[-1] = Tie(placed.id, placed.name, layer=1, events=placed.events)
    network, history = Network.from_ties(ties), History.from_events([t.events for t in ties])
    figures = score_ties(network, history, NOW, fit=fit_network(network, history, NOW))
    assert figures.row(len(ties) - 1).layer.value == 1


def test_a_large_network_fitted_on_a_weighted_sample_finds_the_same_layers():
    from dataclasses import replace

    from jalin.domain.ties.layering import fit_sample

    ties, _ = synthetic_network(seed=3, people=600)
    network, history = Network.from_ties(ties), History.from_events([t.events for t in ties])
    sampled = replace(DEFAULT_MODEL, rhythm_fit_sample=250, rhythm_fit_keep=60)
    evidence = rhythm_evidence(history, sampled)
    chosen, weight = fit_sample(evidence, np.zeros(len(ties), dtype=np.int64), sampled)
    assert len(chosen) <= 250
    assert np.isclose(weight.sum(), len(ties))  # the sample stands for the whole network
    busiest = np.argsort(-evidence.contacts, kind="stable")[:60]
    assert set(busiest) <= set(chosen)
    whole, part = fit_network(network, history, NOW), fit_network(network, history, NOW, sampled)
    assert np.allclose(part.rates[:5], whole.rates[:5], rtol=0.25)
    layers = [score_ties(network, history, NOW, fit=f) for f in (whole, part)]
    same = [a.row(i).layer.value == b.row(i).layer.value for a, b in [layers] for i in range(600)]
    assert np.mean(same) > 0.9

"""Which Dunbar layer a tie's rhythm implies, and whether the other person has stopped.

A person keeps about 5 people in their support clique, 15 in the sympathy group, 50, 150 and
500 in the wider layers, and many more beyond (research/tie-strength.md §1.3); the layers
differ above all in how often people are in touch. Counting the last year's contacts against
fixed thresholds (the spec's fallback) misplaces ties that are quiet by nature and every tie
of an owner who talks more or less than average. Instead, the owner's own network is fitted:

* each tie belongs to one of six classes, L1 … L5 and L6 (beyond the 500), held in the
  shares Dunbar's sizes give for the owner's number of people;
* in class ``k`` one-to-one contacts come as a Poisson process whose rate varies from tie to
  tie as a gamma distribution (shape ``α``, mean ``μ_k``), and a chat's length beyond its first
  message is geometric with mean ``m_k``;
* a relationship began before the history does with probability ``s_k``, else at a uniform
  moment within it; with probability ``p`` the other person stopped at a uniform moment
  after the last contact, and nothing came from them since;
* the owner's messages that nobody answered after that last contact are left out of the
  rate; each is as likely as ``u_k``, the share of the owner's openings that go unanswered in
  the class, if the tie goes on, and certain if it stopped.

Gamma rates make every likelihood closed-form (a negative binomial, and its integral over the
stopping time), so the classes' rates, lengths, shares and ``p`` are fitted by EM on the whole
network in a few array operations per step. Ties with an assigned layer anchor their class.

A tie's posterior gives its *implied layer* (the most probable class), its *implied
closeness* (the classes' typical closeness averaged over the posterior of the ongoing tie,
which ignores the silence so that recent contact never lowers it), and the probability that
it has stopped, which the status reads to call a tie drifting.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from jalin.domain.tiemodel import TieModel
from jalin.domain.ties.history import CHANNEL_CODES, DAY, History
from jalin.domain.ties.segments import first_row, last_row, per_tie_count, per_tie_sum, take

CLASSES = 6  # L1 … L5 and L6, the people beyond the 500


@dataclass(frozen=True)
class RhythmFit:
    """The owner's layers as their contacts show them: per class L1 … L6, the mean rate of
    contact a day, the mean length of a chat beyond its first message, and the share of ties
    older than the history; the share of ties that stopped; where the history starts."""

    rates: tuple[float, ...]
    extra_messages: tuple[float, ...]
    started_before: tuple[float, ...]
    stopped_share: float
    unanswered: tuple[float, ...] = (0.05, 0.1, 0.15, 0.2, 0.3, 0.4)
    window_start: float | None = None  # epoch second of the earliest contact on record
    people: int = 0  # the network's size, which sets the classes' shares (0: the default)
    ties: int = 0  # ties with contact the fit was made on (0: the model's defaults)
    iterations: int = 0

    def as_json(self) -> dict:
        """Return the fit as a JSON-ready dict (kept per owner between rescores)."""
        return {
            "rates": list(self.rates),
            "extra_messages": list(self.extra_messages),
            "started_before": list(self.started_before),
            "stopped_share": self.stopped_share,
            "unanswered": list(self.unanswered),
            "window_start": self.window_start,
            "people": self.people,
            "ties": self.ties,
            "iterations": self.iterations,
        }

    @classmethod
    def from_json(cls, data: dict) -> RhythmFit:
        """Return the fit stored by :meth:`as_json`."""
        return cls(
            rates=tuple(data["rates"]),
            extra_messages=tuple(data["extra_messages"]),
            started_before=tuple(data["started_before"]),
            stopped_share=data["stopped_share"],
            unanswered=tuple(data["unanswered"]),
            window_start=data.get("window_start"),
            people=data.get("people", 0),
            ties=data.get("ties", 0),
            iterations=data.get("iterations", 0),
        )


def default_fit(model: TieModel) -> RhythmFit:
    """Return the fit used before a network is big enough to fit: the model's defaults."""
    return RhythmFit(
        rates=tuple(1 / days for days in model.rhythm_default_gap_days),
        extra_messages=model.rhythm_default_extra_messages,
        started_before=(0.5,) * CLASSES,
        stopped_share=model.rhythm_default_stopped_share,
        unanswered=model.rhythm_default_unanswered,
    )


@dataclass(frozen=True)
class RhythmEvidence:
    """What the rhythm model reads of each tie: its one-to-one contacts up to the last one
    the other side took part in, when the first and last were, and its chats' lengths."""

    contacts: np.ndarray
    first: np.ndarray  # epoch seconds, nan without contact
    last: np.ndarray
    extra_messages: np.ndarray  # Σ (messages − 1) over counted chats
    chats: np.ndarray
    openings: np.ndarray  # the owner's one-to-one openings before the end
    unanswered: np.ndarray  # … of which nobody answered
    unanswered_since: np.ndarray  # the owner's unanswered messages after the last contact

    @property
    def ties(self) -> int:
        """Return how many ties the evidence covers."""
        return len(self.contacts)

    def take(self, ties: np.ndarray | slice) -> RhythmEvidence:
        """Return the evidence of the ties ``ties`` (indexes, or a slice), in that order."""
        return RhythmEvidence(**{name: getattr(self, name)[ties] for name in _EVIDENCE_FIELDS})


_EVIDENCE_FIELDS = (
    "contacts", "first", "last", "extra_messages", "chats", "openings", "unanswered",
    "unanswered_since",
)  # fmt: skip


def rhythm_evidence(history: History, model: TieModel) -> RhythmEvidence:
    """Return the evidence of every tie of ``history`` (see :class:`RhythmEvidence`)."""
    tie = history.tie_of_row
    ties = history.ties
    one_to_one = history.people <= 1
    # The owner's own unanswered messages at the end are left out: whether the other side
    # has stopped is exactly what is in question.
    mine = history.initiator == 0
    tail = ~(mine & ~history.answered)
    last_kept = last_row(tie, tail, ties)
    keep = one_to_one & (np.arange(len(tie)) <= np.repeat(last_kept, np.diff(history.bounds)))
    chat = CHANNEL_CODES[model.rhythm_chat_channel]
    counted = keep & (history.channel == chat) & (history.messages > 0)
    opening = keep & mine
    return RhythmEvidence(
        contacts=per_tie_count(tie, keep, ties).astype(np.float64),
        first=take(history.at, first_row(tie, keep, ties), np.nan),
        last=take(history.at, last_row(tie, keep, ties), np.nan),
        extra_messages=per_tie_sum(
            tie[counted], (history.messages[counted] - 1).astype(np.float64), ties
        ),
        chats=per_tie_count(tie, counted, ties).astype(np.float64),
        openings=per_tie_count(tie, opening, ties).astype(np.float64),
        unanswered=per_tie_count(tie, opening & ~history.answered, ties).astype(np.float64),
        unanswered_since=per_tie_count(tie, one_to_one & ~keep & mine, ties).astype(np.float64),
    )


def class_shares(people: int, model: TieModel) -> np.ndarray:
    """Return the prior share of each class for a network of ``people``: Dunbar's layer
    sizes filled in order, the rest beyond, each at least ``rhythm_min_share``. Without a
    size (0), a network of ``rhythm_default_people``."""
    people = people or model.rhythm_default_people
    bounds = [0, *model.rhythm_layer_sizes, max(people, model.rhythm_layer_sizes[-1] + 1)]
    filled = [min(b, people) for b in bounds]
    sizes = np.diff(np.array(filled, dtype=np.float64))
    shares = np.maximum(sizes / max(people, 1), model.rhythm_min_share)
    return shares / shares.sum()


@dataclass(frozen=True)
class RhythmPosterior:
    """Per tie: the probability of each class (L1 … L6), the same for the ongoing tie
    (silence ignored), and the probability that the other side has stopped."""

    layers: np.ndarray  # (ties, 6)
    ongoing: np.ndarray  # (ties, 6)
    stopped: np.ndarray  # (ties,)
    started_before: np.ndarray  # (ties, 6): P(class and older than the history)
    tie_log_likelihood: np.ndarray  # (ties,), up to the constants left out

    @property
    def log_likelihood(self) -> float:
        """Return the log-likelihood of all the ties together."""
        return float(self.tie_log_likelihood.sum())

    @property
    def implied_layer(self) -> np.ndarray:
        """Return the most probable layer of every tie, 1 … 6."""
        return self.layers.argmax(axis=1) + 1


def _log_minus(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Return ``log(e^a − e^b)`` (−inf where ``b ≥ a``)."""
    gap = np.minimum(b - a, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(b < a, a + np.log1p(-np.exp(gap)), -np.inf)


def rhythm_posterior(
    evidence: RhythmEvidence,
    fit: RhythmFit,
    now: float,
    model: TieModel,
    starts: np.ndarray | None = None,
) -> RhythmPosterior:
    """Return every tie's posterior under ``fit`` as of the epoch second ``now``.

    The record begins at the fit's ``window_start`` (else the earliest contact given);
    ``starts`` gives each tie a beginning of its own instead (a tie scored as if moved in
    time, :mod:`jalin.domain.ties.over_time`). Terms that are the same for every class of a
    tie (its gamma-function constants) are left out: they cancel in the posterior.
    """
    alpha = model.rhythm_rate_shape
    start = fit.window_start
    seen = ~np.isnan(evidence.first)
    if start is None:
        start = float(np.nanmin(evidence.first)) if seen.any() else now
    if starts is not None:
        start = np.asarray(starts, dtype=np.float64)
    window = np.maximum((now - start) / DAY, 1.0)
    n = evidence.contacts[:, None]
    first = np.where(seen, np.clip((evidence.first - start) / DAY, 0, window), 0.0)[:, None]
    last = np.where(seen, np.clip((evidence.last - start) / DAY, 0, window), 0.0)[:, None]
    if np.ndim(window):
        window = window[:, None]
    beta = alpha / np.asarray(fit.rates)[None, :]
    log_beta = alpha * np.log(beta)
    sb = np.asarray(fit.started_before)[None, :]
    stop = fit.stopped_share
    log_w = np.log(window)

    with np.errstate(divide="ignore", invalid="ignore"):
        # n ≥ 1 (constants Γ(α+n−1)/Γ(α) dropped): G(n, x) ∝ (α+n−1)·β^α/(β+x)^(α+n).
        live_before = np.log(alpha + n - 1) + log_beta - (alpha + n) * np.log(beta + window)
        live_inside = -log_w + _log_minus(
            log_beta - (alpha + n - 1) * np.log(beta + window - first),
            log_beta - (alpha + n - 1) * np.log(beta + window),
        )
        # Stopped at d ~ U[last, window] (density 1/window).
        stop_before = (
            -log_w
            + log_beta
            + _log_minus(
                -(alpha + n - 1) * np.log(beta + last),
                -(alpha + n - 1) * np.log(beta + window),
            )
        )
        p = alpha + n - 2  # the integral of G(n−1, ·): Γ(α+n−1)/(α+n−2)
        stop_inside = (
            -2 * log_w
            - np.log(p)
            + log_beta
            + _log_minus(
                _log_minus(-p * np.log(beta + last - first), -p * np.log(beta + window - first)),
                _log_minus(-p * np.log(beta + last), -p * np.log(beta + window)),
            )
        )
        log_sb, log_si = np.log(sb), np.log1p(-sb)
        live = np.logaddexp(log_sb + live_before, log_si + live_inside)
        stopped = np.logaddexp(log_sb + stop_before, log_si + stop_inside)
        q = 1 / (1 + np.asarray(fit.extra_messages))[None, :]
        lengths = evidence.chats[:, None] * np.log(q) + evidence.extra_messages[:, None] * np.log1p(
            -q
        )
        ignored = evidence.unanswered_since[:, None] * np.log(np.asarray(fit.unanswered))[None, :]
        log_live = math.log1p(-stop) + live + lengths + ignored
        log_stop = math.log(stop) + stopped + lengths
        joint = np.logaddexp(log_live, log_stop)
        # No contact at all: silence over the whole window, or since a start inside it.
        none_before = log_beta - alpha * np.log(beta + window)
        none_inside = (
            -log_w
            - math.log(alpha - 1)
            + log_beta
            + _log_minus(-(alpha - 1) * np.log(beta), -(alpha - 1) * np.log(beta + window))
        )
        silent = np.logaddexp(log_sb + none_before, log_si + none_inside)
        contacted = seen[:, None]
        joint = np.where(contacted, joint, silent)
        log_live = np.where(contacted, log_live, silent)
        log_stop = np.where(contacted, log_stop, -np.inf)
        prior = np.log(class_shares(fit.people, model))[None, :]
        scored = joint + prior
        total = np.logaddexp.reduce(scored, axis=1, keepdims=True)
        layers = np.exp(scored - total)
        ongoing_scored = log_live + prior
        ongoing = np.exp(
            ongoing_scored - np.logaddexp.reduce(ongoing_scored, axis=1, keepdims=True)
        )
        stopped_p = np.exp(np.logaddexp.reduce(log_stop + prior, axis=1) - total[:, 0])
        before = np.where(
            contacted,
            np.logaddexp(
                log_sb + math.log1p(-stop) + live_before,
                log_sb + math.log(stop) + stop_before,
            )
            + lengths,
            log_sb + none_before,
        )
        started_before = np.exp(before + prior - total)
    return RhythmPosterior(
        layers=layers,
        ongoing=ongoing,
        stopped=np.where(seen, stopped_p, 0.0),
        started_before=started_before,
        tie_log_likelihood=total[:, 0],
    )


def fit_rhythm(
    evidence: RhythmEvidence,
    now: float,
    model: TieModel,
    anchors: np.ndarray | None = None,
    people: int | None = None,
) -> RhythmFit:
    """Return the owner's fit by EM over ``evidence`` as of the epoch second ``now``.

    ``anchors`` holds each tie's assigned layer (1 … 6, 0 for none): such a tie counts fully
    in its class. A network with fewer than ``rhythm_min_ties`` contacted ties keeps the
    model's defaults. A large network is fitted on a weighted sample (:func:`fit_sample`):
    a dozen parameters need tens of thousands of ties, not every one.
    """
    seen = ~np.isnan(evidence.first)
    if seen.sum() < model.rhythm_min_ties:
        return default_fit(model)
    start = float(np.nanmin(evidence.first))
    people = people or evidence.ties
    fit = _initial_fit(evidence, start, now, model, people)
    ties = int(seen.sum())
    if anchors is None:
        anchors = np.zeros(evidence.ties, dtype=np.int64)
    chosen, weight = fit_sample(evidence, anchors, model)
    evidence, anchors, seen = evidence.take(chosen), anchors[chosen], seen[chosen]
    fixed = anchors > 0
    previous = -np.inf
    alpha = model.rhythm_rate_shape
    window = max((now - start) / DAY, 1.0)
    exposure = np.where(seen, window - np.nan_to_num((evidence.first - start) / DAY), window)
    for iteration in range(1, model.rhythm_iterations + 1):
        post = rhythm_posterior(evidence, fit, now, model)
        weights = post.layers
        if fixed.any():
            weights = weights.copy()
            weights[fixed] = np.eye(CLASSES)[anchors[fixed] - 1]
        weights = weights * weight[:, None]
        mass = weights.sum(axis=0) + 1e-12
        beta = alpha / np.asarray(fit.rates)
        rate = (evidence.contacts[:, None] + alpha) / (beta[None, :] + exposure[:, None])
        rates = np.sort((weights * rate).sum(axis=0) / mass)[::-1]
        chats = (weights * evidence.chats[:, None]).sum(axis=0)
        extra = (weights * evidence.extra_messages[:, None]).sum(axis=0)
        lengths = np.where(chats > 0, extra / np.maximum(chats, 1e-12), fit.extra_messages)
        openings = (weights * evidence.openings[:, None]).sum(axis=0)
        unanswered = ((weights * evidence.unanswered[:, None]).sum(axis=0) + 1) / (openings + 2)
        before = (post.started_before * weight[:, None]).sum(axis=0) / mass
        stopped = np.average(post.stopped[seen], weights=weight[seen])
        fit = RhythmFit(
            rates=tuple(float(r) for r in rates),
            extra_messages=tuple(float(max(x, 0.05)) for x in lengths),
            started_before=tuple(float(min(max(s, 0.02), 0.98)) for s in before),
            stopped_share=float(min(max(stopped, 0.01), 0.5)),
            unanswered=tuple(float(min(max(u, 0.01), 0.95)) for u in unanswered),
            window_start=start,
            people=people,
            ties=ties,
            iterations=iteration,
        )
        likelihood = float((post.tie_log_likelihood * weight).sum())
        if likelihood - previous < model.rhythm_tolerance * weight.sum():
            break
        previous = likelihood
    return fit


def fit_sample(
    evidence: RhythmEvidence, anchors: np.ndarray, model: TieModel
) -> tuple[np.ndarray, np.ndarray]:
    """Return the ties EM fits on and the weight of each: every tie of a network up to
    ``rhythm_fit_sample`` ties; beyond, the ``rhythm_fit_keep`` with the most contacts and
    the anchored ones (the inner layers are a few dozen ties and must all be there), and an
    even spread of the rest, each standing for the ties it was picked among."""
    ties = evidence.ties
    if ties <= model.rhythm_fit_sample:
        return np.arange(ties), np.ones(ties)
    keep = np.zeros(ties, dtype=bool)
    keep[np.argsort(-evidence.contacts, kind="stable")[: model.rhythm_fit_keep]] = True
    keep |= anchors > 0
    rest = np.flatnonzero(~keep)
    room = max(model.rhythm_fit_sample - int(keep.sum()), 1)
    step = max(len(rest) / room, 1.0)
    picked = rest[np.unique((np.arange(min(room, len(rest))) * step).astype(np.int64))]
    chosen = np.sort(np.concatenate([np.flatnonzero(keep), picked]))
    weight = np.where(keep[chosen], 1.0, len(rest) / max(len(picked), 1))
    return chosen, weight


def _initial_fit(
    evidence: RhythmEvidence, start: float, now: float, model: TieModel, people: int
) -> RhythmFit:
    """Return a starting point for EM: each class's rate from the raw rates of the ties
    ranked into it by Dunbar's sizes, the lengths and shares at the defaults."""
    window = max((now - start) / DAY, 1.0)
    seen = ~np.isnan(evidence.first)
    span = np.where(seen, window - np.nan_to_num((evidence.first - start) / DAY), window)
    raw = np.sort(evidence.contacts / np.maximum(span, 1.0))[::-1]
    shares = class_shares(people, model)
    edges = np.concatenate([[0], np.cumsum(shares) * len(raw)]).round().astype(int)
    defaults = default_fit(model)
    rates = []
    for k in range(CLASSES):
        band = raw[edges[k] : max(edges[k + 1], edges[k] + 1)]
        rates.append(float(np.median(band)) if len(band) and band.max() > 0 else 0.0)
    # A class with no contact at all still needs a rate: a tenth of the default's slowest.
    floor = min(defaults.rates) / 10
    rates = [max(r, floor) for r in rates]
    return RhythmFit(
        rates=tuple(sorted(rates, reverse=True)),
        extra_messages=defaults.extra_messages,
        started_before=defaults.started_before,
        stopped_share=defaults.stopped_share,
        unanswered=defaults.unanswered,
        window_start=start,
        people=people,
    )

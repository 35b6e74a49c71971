"""Computing and storing each person's relationship figures (``jalin.domain.ties``).

The domain scores a network as columns; this service reads them in a few queries and
stores one :class:`TieScore` row per person with the time it was computed. It is the only
writer of scores.

Reading a network's contacts is the costly part: millions of rows through the database
driver, one Python tuple each, would take longer than all the scoring. Each person's times
and packed shapes (``Participation.at`` and ``shape``) come instead as two comma-separated
strings from one ``GROUP BY`` over the ``participation_history`` index, and numpy parses
them in C.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

import numpy as np
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, transaction
from django.utils import timezone

from jalin.core.bulk import insert_rows
from jalin.core.models import Favour, Participation, Person, TieScore
from jalin.core.selectors import circle_slugs, profile_for
from jalin.domain.cadence import KIN_CIRCLES
from jalin.domain.plan import value_bound
from jalin.domain.tiemodel import DEFAULT_MODEL, with_layer_cadences
from jalin.domain.ties import (
    STORED_FIELDS,
    History,
    Network,
    RhythmFit,
    contact_evidence,
    fit_network,
    score_ties,
)
from jalin.domain.ties.over_time import strength_over_time
from jalin.domain.ties.records import day_number

CHUNK = 900  # people per query: below SQLite's limit of bound parameters
SCORING_CHUNK = 20_000  # people scored at once: bounds the memory of a full rescore
REFIT_SHARE = 0.1  # rescoring this share of a network or more refits the rhythm model


# Positions in a record of FigureTable.records(): the person id, then STORED_FIELDS.
PRIORITY = 1 + STORED_FIELDS.index("priority")
STRENGTH = 1 + STORED_FIELDS.index("strength")


def rescore(
    *,
    owner: AbstractBaseUser,
    person_ids: Iterable[int] | None = None,
    now: datetime | None = None,
) -> int:
    """Recompute and store the figures of ``owner``'s people (all, or ``person_ids``).

    Rescoring everyone refits the rhythm model (``jalin.domain.ties.layering``) to the
    network and keeps the fit on the owner's profile; rescoring a few people reads that fit.
    A network without a fit yet, or a rescore of a tenth of it or more (a large import; at
    least as many people as a fit needs), is refitted and rescored whole. Returns how many
    people were scored; archived people keep no score.
    """
    now = now or timezone.now()
    profile = profile_for(owner)
    everyone = Person.objects.filter(owner=owner, archived=False)
    wanted = None if person_ids is None else sorted(set(person_ids))
    if wanted is not None and (
        not profile.rhythm_fit
        # A few people (the usual logged contact) never refit: no need to count the network.
        or (
            len(wanted) >= DEFAULT_MODEL.rhythm_min_ties
            and len(wanted) >= REFIT_SHARE * everyone.count()
        )
    ):
        wanted = None
    people = everyone if wanted is None else everyone.filter(pk__in=wanted)
    rows = list(
        people.order_by("pk").values_list(
            "pk", "name", "layer", "closeness", "cadence_days", "met_on", "added_on"
        )
    )
    if not rows:
        if wanted is None:
            TieScore.objects.filter(owner=owner).delete()
        return 0
    network = _network(owner, rows)
    history = _history(owner, network.ids, whole=wanted is None)
    model = with_layer_cadences(DEFAULT_MODEL, profile.layer_cadences)
    evidence = contact_evidence(history, now, model)
    if wanted is None:
        fit = fit_network(network, history, now, model, evidence)
        profile.rhythm_fit = fit.as_json()
        profile.save(update_fields=["rhythm_fit"])
    else:
        fit = RhythmFit.from_json(profile.rhythm_fit)
    with transaction.atomic():
        stale = TieScore.objects.filter(owner=owner)
        if wanted is None:
            stale.delete()
        else:
            for start in range(0, len(wanted), CHUNK):
                stale.filter(person_id__in=wanted[start : start + CHUNK]).delete()
        for start in range(0, len(network), SCORING_CHUNK):
            end = min(start + SCORING_CHUNK, len(network))
            table = score_ties(
                network.slice(start, end),
                history.slice(start, end),
                now,
                model,
                fit,
                evidence.take(slice(start, end)),
            )
            insert_rows(
                TieScore,
                ("owner", "computed_at", "person", *STORED_FIELDS, "plan_bound"),
                (
                    (owner.pk, now, *record, value_bound(record[PRIORITY], record[STRENGTH]))
                    for record in table.records()
                ),
            )
    return len(network)


def _network(owner: AbstractBaseUser, rows: list[tuple]) -> Network:
    """Return the domain's columns for the people ``rows`` (id order) and their favours."""
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    circles = circle_slugs(ids.tolist()) if len(ids) <= CHUNK else _all_circles(owner)
    index = {pid: i for i, pid in enumerate(ids.tolist())}
    favour_tie, favour_day, favour_given, favour_done = [], [], [], []
    favours = Favour.objects.filter(owner=owner)
    if len(ids) <= CHUNK:
        favours = favours.filter(person_id__in=ids.tolist())
    for pid, on, direction, status in favours.values_list(
        "person_id", "occurred_on", "direction", "status"
    ):
        if pid in index:
            favour_tie.append(index[pid])
            favour_day.append(day_number(on))
            favour_given.append(direction == "given")
            favour_done.append(status == "done")
    slugs = tuple(frozenset(circles.get(r[0], ())) for r in rows)

    def column(position: int) -> np.ndarray:
        return np.array([np.nan if r[position] is None else r[position] for r in rows], float)

    return Network(
        ids=ids,
        names=tuple(r[1] for r in rows),
        circles=slugs,
        kin=np.array([bool(s & KIN_CIRCLES) for s in slugs], dtype=bool),
        layer=np.array([-1 if r[2] is None else r[2] for r in rows], dtype=np.int64),
        closeness=column(3),
        closeness_day=np.full(len(rows), np.nan),
        cadence_days=np.array([r[4] or np.nan for r in rows], dtype=float),
        known_since_day=np.array([day_number(r[5]) for r in rows]),
        added_on_day=np.array([day_number(r[6]) for r in rows]),
        overlap=np.full(len(rows), np.nan),
        favour_tie=np.array(favour_tie, dtype=np.int64),
        favour_day=np.array(favour_day, dtype=float),
        favour_given=np.array(favour_given, dtype=bool),
        favour_done=np.array(favour_done, dtype=bool),
    )


def _all_circles(owner: AbstractBaseUser) -> dict[int, set[str]]:
    """Return ``{person id: circle slugs}`` for every person of ``owner``."""
    return circle_slugs(Person.objects.filter(owner=owner))


def _history(owner: AbstractBaseUser, ids: np.ndarray, *, whole: bool) -> History:
    """Return the contacts of the people ``ids`` (sorted), as the domain's columns.

    ``whole`` reads the owner's every row in one scan; otherwise the people are read in
    chunks. Rows come a batch of people at a time and each batch's strings are parsed by
    numpy at once, so no more than a batch is ever held as text.
    """
    table = Participation._meta.db_table
    if connection.vendor == "postgresql":
        times = "string_agg(at::text, ',' ORDER BY at, shape)"
        shapes = "string_agg(shape::text, ',' ORDER BY at, shape)"
    else:  # SQLite: in the order of the index scan; History sorts any tie that is not
        times, shapes = "group_concat(at)", "group_concat(shape)"
    sql = (
        f"SELECT person_id, count(*), {times}, {shapes} FROM {table}"
        f" WHERE owner_id = %s{{people}} GROUP BY person_id ORDER BY person_id"
    )
    groups: list[np.ndarray] = []
    counts: list[np.ndarray] = []
    stamps: list[np.ndarray] = []
    packed: list[np.ndarray] = []

    def read(cursor) -> None:
        while batch := cursor.fetchmany(READ_BATCH):
            groups.append(np.array([row[0] for row in batch], dtype=np.int64))
            counts.append(np.array([row[1] for row in batch], dtype=np.int64))
            stamps.append(_numbers(row[2] for row in batch))
            packed.append(_numbers(row[3] for row in batch))

    with connection.cursor() as cursor:
        if whole:
            cursor.execute(sql.format(people=""), [owner.pk])
            read(cursor)
        else:
            wanted = ids.tolist()
            for start in range(0, len(wanted), CHUNK):
                chunk = wanted[start : start + CHUNK]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(
                    sql.format(people=f" AND person_id IN ({marks})"), [owner.pk, *chunk]
                )
                read(cursor)
    group = np.concatenate(groups) if groups else np.zeros(0, dtype=np.int64)
    count = np.concatenate(counts) if counts else np.zeros(0, dtype=np.int64)
    at = np.concatenate(stamps) if stamps else np.zeros(0, dtype=np.int64)
    shape = np.concatenate(packed) if packed else np.zeros(0, dtype=np.int64)
    stamps.clear()  # the batches, now copied into one column each
    packed.clear()
    # Groups come in id order; people not scored (archived) drop out with their rows.
    position = np.minimum(np.searchsorted(ids, group), max(len(ids) - 1, 0))
    scored = (ids[position] == group) if len(ids) else np.zeros(len(group), dtype=bool)
    if not scored.all():
        rows = np.repeat(scored, count)
        at, shape = at[rows], shape[rows]
        position, count = position[scored], count[scored]
    per_tie = np.zeros(len(ids), dtype=np.int64)
    per_tie[position] = count
    return History.from_packed(per_tie, at, shape)


READ_BATCH = 2000  # people per fetch while reading contacts


def _numbers(texts: Iterable[str]) -> np.ndarray:
    """Return the integers of comma-separated ``texts``, parsed in C."""
    joined = ",".join(texts)
    if not joined:
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(joined, dtype=np.int64, sep=",")


def rescore_stale(*, owner: AbstractBaseUser | None = None, today: date | None = None) -> int:
    """Rescore the networks (all, or ``owner``'s) whose scores predate ``today``; return how
    many people were scored.

    Figures depend on the day: silence grows, a tie falls due. The nightly task and the
    commands that show the day's list call this, so a list is never a day old.
    """
    from django.contrib.auth import get_user_model

    today = today or timezone.localdate()
    owners = [owner] if owner is not None else list(get_user_model().objects.all())
    scored = 0
    for someone in owners:
        newest = TieScore.objects.filter(owner=someone).order_by("-computed_at").first()
        people = Person.objects.filter(owner=someone, archived=False)
        if newest is None and not people.exists():
            continue
        if newest is None or timezone.localdate(newest.computed_at) < today:
            scored += rescore(owner=someone)
    return scored


SERIES_PAST_DAYS = 364  # the strength chart's year back …
SERIES_AHEAD_DAYS = 84  # … and twelve weeks ahead without contact
SERIES_STEP_DAYS = 14


def strength_series(
    *, owner: AbstractBaseUser, person: Person, now: datetime | None = None
) -> list[dict]:
    """Return the strength of the owner's tie with ``person`` every fortnight of the past
    year and the next twelve weeks, oldest first: ``{"day", "strength", "ahead"}`` with
    ``ahead`` true for the days to come, which assume no contact (the decay silence brings).

    Read only: nothing is stored. Days before the tie was known (added, or a first contact)
    are left out; an archived person has no series.
    """
    if person.owner_id != owner.pk or person.archived:
        return []
    now = now or timezone.now()
    row = Person.objects.filter(pk=person.pk).values_list(
        "pk", "name", "layer", "closeness", "cadence_days", "met_on", "added_on"
    )
    network = _network(owner, list(row))
    history = _history(owner, network.ids, whole=False)
    profile = profile_for(owner)
    model = with_layer_cadences(DEFAULT_MODEL, profile.layer_cadences)
    fit = RhythmFit.from_json(profile.rhythm_fit) if profile.rhythm_fit else None
    days_back = list(range(SERIES_PAST_DAYS, -SERIES_AHEAD_DAYS - 1, -SERIES_STEP_DAYS))
    if 0 not in days_back:
        days_back.append(0)
        days_back.sort(reverse=True)
    known = [day for day in (person.added_on, person.met_on) if day is not None]
    if len(history.at):
        known.append(datetime.fromtimestamp(history.at[0], tz=now.tzinfo).date())
    since = min(known) if known else now.date()
    today = timezone.localdate(now)
    wanted = [d for d in days_back if (today - since).days >= d]
    strengths = strength_over_time(network, history, now, wanted, model, fit)
    return [
        {"day": today - timedelta(days=d), "strength": s, "ahead": d < 0}
        for d, s in zip(wanted, strengths, strict=True)
    ]

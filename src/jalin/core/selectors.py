"""Reads: every query of the owner's data goes through here, filtered on the owner."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.db.models import (
    Case,
    Count,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)
from django.utils import timezone

from jalin.core.errors import NotFound, PersonNotFound
from jalin.core.models import (
    Affiliation,
    Circle,
    ContactPoint,
    Favour,
    Interaction,
    Link,
    Need,
    Organisation,
    Participation,
    Person,
    Profile,
    Reminder,
    TieScore,
)
from jalin.domain import vocabulary as vocab
from jalin.domain.askcheck import RECENT_DAYS, AskContext
from jalin.domain.cadence import Cadence, DueState, due_state
from jalin.domain.health import HealthTie
from jalin.domain.matching import NamedPerson, match_name
from jalin.domain.plan import (
    DUE_STATUSES,
    LATE_STATUSES,
    PlanItem,
    monday_of,
    settled,
    week_dates,
    weekly_plan,
)
from jalin.domain.plan import Candidate as PlanCandidate
from jalin.domain.reminders import next_birthday


def profile_for(user: AbstractBaseUser) -> Profile:
    """Return the owner's profile, creating an empty one for accounts made elsewhere.
    Read as SQL: every page of the web app reads it (see :func:`person_links`)."""
    found = list(
        Profile.objects.raw(f"SELECT * FROM {Profile._meta.db_table} WHERE user_id = %s", [user.pk])
    )
    if found:
        return found[0]
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def circles_of(owner: AbstractBaseUser) -> QuerySet[Circle]:
    return Circle.objects.filter(owner=owner)


def person_get(owner: AbstractBaseUser, person_id: int) -> Person:
    """Return the owner's person with ``person_id``; :class:`NotFound` for anyone else's.
    Read as SQL (see :func:`person_links`): every page of a person reads it first."""
    found = list(
        Person.objects.raw(
            f"SELECT * FROM {Person._meta.db_table} WHERE owner_id = %s AND id = %s",
            [owner.pk, person_id],
        )
    )
    if not found:
        raise NotFound(f"no person with id {person_id}")
    return found[0]


def person_with_score(owner: AbstractBaseUser, person_id: int) -> tuple[Person, TieScore | None]:
    """Return the owner's person with ``person_id`` and their tie's stored figures (as
    :func:`tie_score` gives them); :class:`NotFound` for anyone else's.

    Two reads as SQL rather than one join through the ORM, which takes a millisecond to
    build a join of seventy columns that SQLite answers in a tenth of that.
    """
    person = person_get(owner, person_id)
    score = tie_score(owner, person)
    if not person.archived:
        person._state.fields_cache["score"] = score  # ``person.score`` without a read
    return person, score


def person_resolve(owner: AbstractBaseUser, text: str) -> Person:
    """Return the one person ``text`` names: an id (``12`` or ``#12``) or a name, fuzzily.

    Raises :class:`PersonNotFound` with the closest candidates when the name is unknown or
    could mean several people.
    """
    stripped = text.strip().lstrip("#")
    if stripped.isdigit():
        try:
            return person_get(owner, int(stripped))
        except NotFound:
            raise PersonNotFound(text, []) from None
    rows = Person.objects.filter(owner=owner, archived=False).values_list("id", "name", "nickname")
    found = match_name(text, (NamedPerson(pid, name, (nick,)) for pid, name, nick in rows))
    if found.person_id is None:
        raise PersonNotFound(text, found.candidates)
    return Person.objects.get(owner=owner, pk=found.person_id)


def timeline(
    owner: AbstractBaseUser,
    person: Person,
    *,
    offset: int = 0,
    limit: int | None = None,
    participants: bool = True,
) -> list[Interaction]:
    """Return the person's interactions, newest first (``limit`` of them from ``offset``,
    or all), with all participants prefetched (unless ``participants`` is false).

    A page is picked on the participation index (the person's contacts in time order), so
    a tie of thousands of messages costs no more than one of ten. The text of a chat's
    messages, kept on request, can be long, and no timeline shows it: it is left unread.
    Written as SQL: the person page reads a page on every view (see :func:`person_links`).
    """
    columns = ", ".join(
        f"i.{field.column}" for field in Interaction._meta.concrete_fields if field.name != "text"
    )
    page = "LIMIT %s OFFSET %s" if limit is not None else ""
    sql = (
        f"SELECT {columns} FROM {Interaction._meta.db_table} i"
        f" WHERE i.owner_id = %s AND i.id IN (SELECT p.interaction_id"
        f" FROM {Participation._meta.db_table} p WHERE p.owner_id = %s AND p.person_id = %s"
        f" ORDER BY p.at DESC, p.interaction_id DESC {page})"
        " ORDER BY i.occurred_at DESC, i.id DESC"
    )
    params = [owner.pk, owner.pk, person.pk] + ([limit, offset] if limit is not None else [])
    rows = list(Interaction.objects.raw(sql, params))
    if limit is None:
        rows = rows[offset:]
    if participants:
        prefetch_related_objects(rows, "participants")
    return rows


def circle_slugs(people: QuerySet[Person] | Iterable[int]) -> dict[int, set[str]]:
    """Return ``{person id: circle slugs}`` for ``people`` (a queryset or ids), in one query."""
    circles: dict[int, set[str]] = {}
    for pid, slug in Person.circles.through.objects.filter(person__in=people).values_list(
        "person_id", "circle__slug"
    ):
        circles.setdefault(pid, set()).add(slug)
    return circles


def cadence_of(person: Person) -> Cadence:
    """Return the cadence the relationship model last gave ``person`` (:mod:`jalin.domain.ties`:
    their own, their layer's, or the rhythm of their contacts); ``None`` days when they have
    none or are not scored yet."""
    return score_cadence(TieScore.objects.filter(person=person).first())


def score_cadence(score: TieScore | None) -> Cadence:
    """Return the cadence a stored score carries (days rounded; ``None`` when it has none)."""
    if score is None:
        return Cadence(None, "none")
    days = round(score.cadence_days) if score.cadence_days else None
    return Cadence(days, score.cadence_source or "layer")


@dataclass(frozen=True)
class DuePerson:
    """Someone to reach: their stored figures, and when they fell due."""

    person: Person
    last_interaction: date | None
    cadence: Cadence
    state: DueState
    score: TieScore


def _awake(today: date | None = None) -> Q:
    """Return the filter of scores whose person is not snoozed on ``today``."""
    today = today or timezone.localdate()
    return Q(person__snoozed_until__isnull=True) | Q(person__snoozed_until__lte=today)


def _due_scores(owner: AbstractBaseUser, today: date | None = None) -> QuerySet[TieScore]:
    return TieScore.objects.filter(
        _awake(today), owner=owner, person__archived=False, status__in=DUE_STATUSES
    )


def due_total(owner: AbstractBaseUser) -> int:
    """Return how many people are due or drifting: the length of the whole day's list."""
    return _due_scores(owner).count()


def due_list(
    owner: AbstractBaseUser, *, today: date | None = None, limit: int | None = None
) -> list[DuePerson]:
    """Return who to reach today: stored status due or drifting, the most urgent first, at
    most ``limit`` of them (``None``: all).

    Status and priority are those of :mod:`jalin.domain.ties` as last scored (dormant ties
    are left to a reconnect with a reason, not a daily nudge). The due date is the last
    two-way contact, or the day the person was added, plus their cadence.
    """
    today = today or timezone.localdate()
    scores = _due_scores(owner, today).select_related("person").order_by("-priority", "person_id")
    if limit is not None:
        scores = scores[:limit]
    due = []
    for score in scores:
        person = score.person
        last = timezone.localdate(score.last_contact_at) if score.last_contact_at else None
        cadence = score_cadence(score)
        state = due_state(
            last_contact=last, added_on=person.added_on, cadence_days=cadence.days or 1, today=today
        )
        due.append(DuePerson(person, last, cadence, state, score))
    return due


def tie_score(owner: AbstractBaseUser, person: Person) -> TieScore | None:
    """Return the stored relationship figures of ``owner``'s tie with ``person`` (``None``
    while not scored, or once the person is archived, as :func:`tie_scores` leaves them)."""
    if person.archived:
        return None
    found = TieScore.objects.raw(
        f"SELECT * FROM {TieScore._meta.db_table} WHERE owner_id = %s AND person_id = %s",
        [owner.pk, person.pk],
    )  # as SQL, as person_get is
    return next(iter(found), None)


def tie_scores(owner: AbstractBaseUser, person: Person | None = None) -> list[TieScore]:
    """Return the stored relationship figures of ``owner``'s people, strongest first."""
    scores = TieScore.objects.filter(owner=owner, person__archived=False)
    if person is not None:
        scores = scores.filter(person=person)
    return list(scores.select_related("person").order_by("-strength", "person__name_key"))


PLAN_PAGE = 200  # the most urgent ties read at first for a weekly plan


def weekly_plan_for(owner: AbstractBaseUser, week_start: date, budget: int) -> list[PlanItem]:
    """Return ``owner``'s plan for the week from ``week_start`` (:mod:`jalin.domain.plan`).

    Candidates are the ties due, drifting or dormant, birthdays in the week, and promises the
    owner made. Birthdays and promises are few and read whole; late ties are read by the
    most they can be worth, a page at a time, until no tie left unread could change the plan.
    """
    week = week_dates(week_start)
    special = _plan_rows(owner, _week_reasons(owner, week))
    page = max(PLAN_PAGE, 20 * budget)
    while True:
        urgent = _plan_rows(owner, Q(status__in=LATE_STATUSES), limit=page + 1)
        more = len(urgent) > page
        urgent = urgent[:page]
        bound = urgent[-1].plan_bound if more else None
        rows = {row.person_id: row for row in urgent + special}
        plan = weekly_plan(_candidates(owner, rows.values()), budget=budget, week_start=week_start)
        if settled(plan, budget=budget, bound=bound):
            return plan
        page *= 4


def _week_reasons(owner: AbstractBaseUser, week: list[date]) -> Q:
    """Return the filter of ties with a birthday in ``week`` or a promise not yet kept.

    The people are looked up first (by the birthday index, and among the few promises), so
    the scores are then read by id rather than all joined to their people.
    """
    promised = Favour.objects.filter(owner=owner, direction="given", status="promised")
    days_by_month: dict[int, list[int]] = {}
    for day in week:
        days_by_month.setdefault(day.month, []).append(day.day)
        if (day.month, day.day) == (2, 28) and not calendar.isleap(day.year):
            days_by_month[2].append(29)
    birthdays = Q()
    for month, days in days_by_month.items():
        birthdays |= Q(birthday_month=month, birthday_day__in=days)
    ids = set(promised.values_list("person_id", flat=True))
    ids |= set(Person.objects.filter(birthdays, owner=owner).values_list("pk", flat=True))
    return Q(person_id__in=sorted(ids))


_PLAN_COLUMNS = (
    "person_id", "person__name", "status", "priority", "strength", "layer",
    "days_since_contact", "cadence_days", "usual_channel", "person__birthday_month",
    "person__birthday_day", "plan_bound",
)  # fmt: skip


def _plan_rows(owner: AbstractBaseUser, reasons: Q, limit: int | None = None) -> list[tuple]:
    rows = (
        TieScore.objects.filter(reasons, _awake(), owner=owner, person__archived=False)
        .order_by("-plan_bound", "person_id")
        .values_list(*_PLAN_COLUMNS, named=True)
    )
    return list(rows if limit is None else rows[:limit])


def _candidates(owner: AbstractBaseUser, rows: Iterable) -> list[PlanCandidate]:
    rows = list(rows)
    ids = [row.person_id for row in rows]
    circles = circle_slugs(ids)
    promises: dict[int, list[str]] = {}
    for pid, text in Favour.objects.filter(
        owner=owner, direction="given", status="promised", person_id__in=ids
    ).values_list("person_id", "description"):
        promises.setdefault(pid, []).append(text)
    return [
        PlanCandidate(
            person_id=row.person_id,
            name=row.person__name,
            status=row.status,
            priority=row.priority,
            strength=row.strength,
            layer=row.layer,
            circles=frozenset(circles.get(row.person_id, ())),
            days_since_contact=row.days_since_contact,
            cadence_days=None if row.cadence_days is None else round(row.cadence_days),
            usual_channel=row.usual_channel,
            birthday=_month_day(row.person__birthday_month, row.person__birthday_day),
            promises=tuple(promises.get(row.person_id, ())),
        )
        for row in rows
    ]


def _month_day(month: int | None, day: int | None) -> tuple[int, int] | None:
    return (month, day) if month and day else None


NEW_ROLE_DAYS = 120
OWED_THANKS_DAYS = 180


def ask_context(
    owner: AbstractBaseUser, person: Person, *, today: date | None = None
) -> AskContext:
    """Return what the pre-ask check reads about ``person`` (see :mod:`jalin.domain.askcheck`)."""
    today = today or timezone.localdate()
    score = TieScore.objects.filter(owner=owner, person=person).first()
    role = (
        Affiliation.objects.filter(
            owner=owner,
            person=person,
            end__isnull=True,
            start__gte=today - timedelta(days=NEW_ROLE_DAYS),
        )
        .select_related("organisation")
        .order_by("-start")
        .first()
    )
    mine = Interaction.objects.filter(owner=owner, participants=person)
    thanked = mine.filter(kind="thanks").aggregate(last=Max("occurred_at"))["last"]
    owed = [
        description
        for description, on in Favour.objects.filter(
            owner=owner,
            person=person,
            direction="received",
            status="done",
            occurred_on__gte=today - timedelta(days=OWED_THANKS_DAYS),
        ).values_list("description", "occurred_on")
        if thanked is None or timezone.localdate(thanked) < on
    ]
    last_summary = (
        mine.exclude(summary="").order_by("-occurred_at").values_list("summary", flat=True).first()
    )
    recent_asks = mine.filter(
        kind="ask", initiator="me", occurred_at__gte=timezone.now() - timedelta(days=RECENT_DAYS)
    ).count()
    return AskContext(
        name=person.name,
        figures=score.figures if score else {},
        today=today,
        birthday=person.birthday_month_day,
        new_role=f"{role.title} at {role.organisation.name}".strip() if role else "",
        owed_thanks=tuple(owed),
        last_summary=last_summary or "",
        recent_asks=recent_asks,
    )


TREND_QUARTERS = 8


_HEALTH_COLUMNS = (
    "person_id", "strength", "layer", "status", "days_since_contact", "initiations_mine",
    "initiations_theirs", "asks_after_silence", "my_initiations", "asks_only",
)  # fmt: skip


def health_ties(owner: AbstractBaseUser, *, with_circles: bool = False) -> list[HealthTie]:
    """Return each tie's stored figures as network health reads them (with the person's
    circles only when asked: the glance of the dashboard needs none)."""
    rows = TieScore.objects.filter(owner=owner, person__archived=False).values_list(
        *_HEALTH_COLUMNS
    )
    circles = (
        circle_slugs(Person.objects.filter(owner=owner, archived=False)) if with_circles else {}
    )
    return [
        HealthTie(
            person_id=pid,
            strength=strength,
            layer=layer,
            status=status,
            circles=frozenset(circles.get(pid, ())),
            days_since_contact=days,
            initiations_mine=mine,
            initiations_theirs=theirs,
            asks_after_silence=asks,
            my_initiations=opened,
            asks_only=asks_only,
        )
        for pid, strength, layer, status, days, mine, theirs, asks, opened, asks_only in rows
    ]


def health_inputs(
    owner: AbstractBaseUser,
) -> tuple[list[HealthTie], list[tuple[int, int]], list[tuple[str, int]]]:
    """Return what network health reads: each tie's stored figures, who knows whom, and the
    number of people contacted in each of the last ``TREND_QUARTERS`` quarters."""
    ties = health_ties(owner, with_circles=True)
    links = list(Link.objects.filter(owner=owner).values_list("from_person_id", "to_person_id"))
    return ties, links, people_by_quarter(owner, today=timezone.localdate())


def quarter_starts(today: date, quarters: int = TREND_QUARTERS) -> list[datetime]:
    """Return the first moments of the last ``quarters`` quarters up to ``today``'s, oldest
    first, in the current time zone."""
    start = date(today.year, ((today.month - 1) // 3) * 3 + 1, 1)
    starts = [start]
    for _ in range(quarters - 1):
        start = date(start.year - (start.month == 1), (start.month - 4) % 12 + 1, 1)
        starts.append(start)
    return [timezone.make_aware(datetime.combine(day, time())) for day in reversed(starts)]


def quarter_name(moment: date) -> str:
    """Return the quarter of ``moment`` as ``2026-Q4``."""
    return f"{moment.year}-Q{(moment.month - 1) // 3 + 1}"


def quarter_of(field: str, starts: list[datetime]) -> Case:
    """Return the index in ``starts`` of the quarter ``field`` (a moment) falls in, as a
    database expression: comparisons the database runs in its own code, where truncating
    each of a million moments to its quarter calls a function per row (on SQLite, Python's).
    """
    later = starts[1:]
    return Case(
        *(When(**{f"{field}__lt": start}, then=Value(i)) for i, start in enumerate(later)),
        default=Value(len(later)),
        output_field=IntegerField(),
    )


def people_by_quarter(owner: AbstractBaseUser, *, today: date) -> list[tuple[str, int]]:
    """Return the number of people contacted in each of the last ``TREND_QUARTERS``
    quarters that had any."""
    starts = quarter_starts(today)
    counts = (
        Interaction.participants.through.objects.filter(
            interaction__owner=owner, interaction__occurred_at__gte=starts[0]
        )
        .annotate(quarter=quarter_of("interaction__occurred_at", starts))
        .values("quarter")
        .annotate(people=Count("person_id", distinct=True))
        .order_by("quarter")
        .values_list("quarter", "people")
    )
    return [(quarter_name(starts[q]), n) for q, n in counts]


def started_by_quarter(owner: AbstractBaseUser, *, today: date) -> list[dict]:
    """Return, for each of the last ``TREND_QUARTERS`` quarters with any contact, how many
    the owner started, how many the others did, and how many were mutual."""
    starts = quarter_starts(today)
    rows = (
        Interaction.objects.filter(owner=owner, occurred_at__gte=starts[0])
        .annotate(quarter=quarter_of("occurred_at", starts))
        .values_list("quarter", "initiator")
        .annotate(n=Count("pk"))
        .order_by("quarter")
    )
    by_quarter: dict[int, dict[str, int]] = {}
    for quarter, initiator, n in rows:
        by_quarter.setdefault(quarter, {"me": 0, "them": 0, "mutual": 0})[initiator] += n
    return [{"quarter": quarter_name(starts[q]), **counts} for q, counts in by_quarter.items()]


def _reminders_open(
    owner: AbstractBaseUser, today: date, due: str, days: list[date], limit: int | None = None
) -> list[Reminder]:
    """Return the owner's reminders not done nor snoozed past ``today`` whose ``due_on``
    meets the condition ``due`` (SQL, on ``days``), soonest first, with their person and
    need. Written as SQL: the dashboard reads them on every view (see :func:`person_links`);
    the people and needs are read only when there are reminders."""
    on = connection.ops.adapt_datefield_value
    sql = (
        f"SELECT * FROM {Reminder._meta.db_table} WHERE owner_id = %s AND done_at IS NULL"
        f" AND (snoozed_until IS NULL OR snoozed_until <= %s) AND {due} ORDER BY due_on, id"
    )
    params = [owner.pk, on(today), *(on(day) for day in days)]
    if limit is not None:
        sql += " LIMIT %s"
        params.append(limit)
    reminders = list(Reminder.objects.raw(sql, params))
    prefetch_related_objects(reminders, "person", "need")
    return reminders


def reminders_due(
    owner: AbstractBaseUser, *, today: date | None = None, limit: int | None = None
) -> list[Reminder]:
    """Return ``owner``'s reminders due by ``today``, not done and not snoozed: the
    notifications of the dashboard and the digest, the oldest first."""
    today = today or timezone.localdate()
    return _reminders_open(owner, today, "due_on <= %s", [today], limit)


def reminders_coming(owner: AbstractBaseUser, *, today: date, days: int) -> list[Reminder]:
    """Return ``owner``'s open reminders due in the ``days`` after ``today``."""
    window = [today + timedelta(days=1), today + timedelta(days=days)]
    return _reminders_open(owner, today, "due_on BETWEEN %s AND %s", window)


def needs_open(owner: AbstractBaseUser) -> list[Need]:
    """Return ``owner``'s needs still open, asked or introduced, the newest first, with
    whom they are for and where. Written as SQL, as :func:`_reminders_open` is."""
    statuses = ", ".join(["%s"] * len(vocab.NEED_OPEN_STATUSES))
    needs = list(
        Need.objects.raw(
            f"SELECT * FROM {Need._meta.db_table} WHERE owner_id = %s AND status IN ({statuses})"
            " ORDER BY opened_on DESC, id DESC",
            [owner.pk, *vocab.NEED_OPEN_STATUSES],
        )
    )
    prefetch_related_objects(needs, "beneficiary", "organisation")
    return needs


def promises_open(owner: AbstractBaseUser) -> list[Favour]:
    """Return the favours ``owner`` promised and has not done, the soonest due first (those
    without a day last), with their person. Written as SQL, as :func:`_reminders_open` is."""
    favours = list(
        Favour.objects.raw(
            f"SELECT * FROM {Favour._meta.db_table} WHERE owner_id = %s AND direction = 'given'"
            " AND status = 'promised' ORDER BY due_on IS NULL, due_on, id",
            [owner.pk],
        )
    )
    prefetch_related_objects(favours, "person")
    return favours


@dataclass(frozen=True)
class Digest:
    """What a digest (and the dashboard's head) tells: reminders due, people to reach, the
    week's plan, what is coming, open needs and promises."""

    today: date
    reminders: list[Reminder]
    due: list[DuePerson]
    due_total: int
    plan: list[PlanItem]
    coming: list[Reminder]
    needs: list[Need]
    promises: list[Favour]

    @property
    def is_empty(self) -> bool:
        """Whether there is nothing at all to tell."""
        return not (self.reminders or self.due or self.plan or self.coming or self.needs)


DIGEST_DUE = 10  # people to reach listed in a digest
COMING_DAYS = 7


def digest_for(owner: AbstractBaseUser, *, today: date, with_plan: bool) -> Digest:
    """Return ``owner``'s digest for ``today`` (the week's plan too when ``with_plan``)."""
    profile = profile_for(owner)
    due = due_list(owner, today=today, limit=DIGEST_DUE)
    return Digest(
        today=today,
        reminders=reminders_due(owner, today=today),
        due=due,
        due_total=due_total(owner) if len(due) == DIGEST_DUE else len(due),
        plan=weekly_plan_for(owner, monday_of(today), profile.weekly_budget) if with_plan else [],
        coming=reminders_coming(owner, today=today, days=COMING_DAYS),
        needs=needs_open(owner),
        promises=promises_open(owner),
    )


@dataclass(frozen=True)
class Birthday:
    """A birthday coming: whose, on which day, and the age they turn (when the year is
    known)."""

    person: Person
    on: date
    turns: int | None


def birthdays_coming(owner: AbstractBaseUser, *, today: date, days: int = 30) -> list[Birthday]:
    """Return the birthdays of ``owner``'s people in the ``days`` from ``today``, soonest
    first (on the birthday index, by the months the window touches)."""
    months = {(today + timedelta(days=n)).month for n in range(0, days + 1, 28)}
    months.add((today + timedelta(days=days)).month)
    people = Person.objects.filter(
        owner=owner, archived=False, birthday_month__in=months, birthday_day__isnull=False
    )
    coming = []
    for person in people:
        on = next_birthday(person.birthday_month, person.birthday_day, today)
        if (on - today).days <= days:
            turns = on.year - person.birthday_year if person.birthday_year else None
            coming.append(Birthday(person, on, turns))
    return sorted(coming, key=lambda b: (b.on, b.person.name_key))


@dataclass(frozen=True)
class PersonLink:
    """A link of the person page, read from the person's side: they are ``kind`` of
    ``other`` ("Sari is the sibling of Budi")."""

    kind: str
    other: Person


def person_links(owner: AbstractBaseUser, person: Person) -> list[PersonLink]:
    """Return the person's family and who-knows-whom links, each read from their side,
    closest kinds first.

    One query of two halves, one per side of the link, each on its own index (an ``OR`` of
    the two would read every link of the owner); of the other person only the name is read.
    Written as SQL: the person page reads it on every view, and the ORM takes longer to
    build the two halves than the database takes to answer them.
    """
    links, people = Link._meta.db_table, Person._meta.db_table
    sides = ((0, "to_person", "from_person"), (1, "from_person", "to_person"))
    sql = " UNION ALL ".join(
        f"SELECT p.id, p.owner_id, p.name, p.name_key, l.kind AS link_kind, {inverse} AS inverse"
        f" FROM {links} l JOIN {people} p ON p.id = l.{other}_id"
        f" WHERE l.owner_id = %s AND l.{mine}_id = %s"
        for inverse, other, mine in sides
    )
    found = [
        PersonLink(vocab.link_inverse(other.link_kind) if other.inverse else other.link_kind, other)
        for other in Person.objects.raw(sql, [owner.pk, person.pk] * 2)
    ]
    order = {kind: i for i, kind in enumerate(vocab.LINK_INVERSES)}
    return sorted(found, key=lambda pl: (order.get(pl.kind, 99), pl.other.name_key, pl.other.pk))


@dataclass(frozen=True)
class PersonFacts:
    """What is known of a person beside their figures: the circles they are in, the ways
    to reach them (by kind), where they work or worked (current first, each with
    ``organisation_name``) and the favours either way (newest first)."""

    circles: list[Circle]
    contact_points: list[ContactPoint]
    affiliations: list[Affiliation]
    favours: list[Favour]


def person_facts(owner: AbstractBaseUser, person: Person) -> PersonFacts:
    """Return the person's :class:`PersonFacts`, each part read on its own index.

    Written as SQL, as :func:`person_links` is: the person page reads all four on every
    view, and building them takes the ORM ten times as long as running them.
    """
    mine = (owner.pk, person.pk)
    members = Person.circles.through._meta.db_table
    circles = Circle.objects.raw(
        f"SELECT c.* FROM {Circle._meta.db_table} c JOIN {members} m ON m.circle_id = c.id"
        " WHERE c.owner_id = %s AND m.person_id = %s ORDER BY c.id",
        mine,
    )
    points = ContactPoint.objects.raw(
        f"SELECT * FROM {ContactPoint._meta.db_table} WHERE owner_id = %s AND person_id = %s"
        " ORDER BY kind, id",
        mine,
    )
    affiliations = Affiliation.objects.raw(
        f"SELECT a.*, o.name AS organisation_name FROM {Affiliation._meta.db_table} a"
        f" JOIN {Organisation._meta.db_table} o ON o.id = a.organisation_id"
        " WHERE a.owner_id = %s AND a.person_id = %s"
        ' ORDER BY a."end" IS NOT NULL, a."end", a.start DESC, a.id',
        mine,
    )
    favours = Favour.objects.raw(
        f"SELECT * FROM {Favour._meta.db_table} WHERE owner_id = %s AND person_id = %s"
        " ORDER BY occurred_on DESC, id DESC",
        mine,
    )
    return PersonFacts(list(circles), list(points), list(affiliations), list(favours))


def person_needs(owner: AbstractBaseUser, person: Person) -> list[Need]:
    """Return the needs the person is the beneficiary of, or was asked or thanked about
    (an interaction with them linked to the need), open ones first, newest first.
    Written as SQL, as :func:`person_facts` is."""
    rows = Need.objects.raw(
        f"SELECT n.* FROM {Need._meta.db_table} n WHERE n.owner_id = %s"
        " AND (n.beneficiary_id = %s OR n.id IN (SELECT i.need_id"
        f" FROM {Interaction._meta.db_table} i JOIN {Participation._meta.db_table} p"
        " ON p.interaction_id = i.id"
        " WHERE i.owner_id = %s AND p.person_id = %s AND i.need_id IS NOT NULL))"
        " ORDER BY n.opened_on DESC, n.id DESC",
        [owner.pk, person.pk, owner.pk, person.pk],
    )
    return sorted(rows, key=lambda n: n.status not in vocab.NEED_OPEN_STATUSES)


def person_reminders(owner: AbstractBaseUser, person: Person) -> list[Reminder]:
    """Return the person's reminders not done (snoozed ones too), the soonest first.
    Written as SQL, as :func:`person_facts` is."""
    reminders = list(
        Reminder.objects.raw(
            f"SELECT * FROM {Reminder._meta.db_table}"
            " WHERE owner_id = %s AND person_id = %s AND done_at IS NULL ORDER BY due_on, id",
            [owner.pk, person.pk],
        )
    )
    for reminder in reminders:
        reminder.person = person  # known already: no join to read it again
    return reminders

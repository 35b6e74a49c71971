"""jalin's data model. Every row belongs to an owner (a Django user) and is read through it.

The vocabularies (channels, kinds, link kinds …) are defined once in ``jalin.domain.vocabulary``;
the choices here are built from them.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone

from jalin.domain import vocabulary as vocab


def _choices(codes: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(code, code) for code in codes]


class Owned(models.Model):
    """A row that belongs to one owner; every query filters on ``owner``."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True


class Profile(models.Model):
    """What an owner chose for themselves: language, time zone, routine budget, own names."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jalin_profile"
    )
    language = models.CharField(max_length=8, blank=True)
    time_zone = models.CharField(max_length=64, blank=True)
    weekly_budget = models.PositiveSmallIntegerField(default=10)
    own_names = models.JSONField(default=list, blank=True)
    own_emails = models.JSONField(default=list, blank=True)
    # The rhythm model's fit of this owner's layers (jalin.domain.ties.RhythmFit), refitted by
    # every full rescore and read by the rescores of a few people in between.
    rhythm_fit = models.JSONField(default=dict, blank=True)
    # The owner's own default cadence per layer ({"1": 7, …}; a layer left out keeps the
    # model's, jalin.domain.cadence.LAYER_CADENCE_DAYS).
    layer_cadences = models.JSONField(default=dict, blank=True)
    digest = models.CharField(
        max_length=8, default="weekly", choices=_choices(vocab.DIGEST_FREQUENCIES)
    )
    digest_hour = models.PositiveSmallIntegerField(default=7)
    digest_sent_on = models.DateField(null=True, blank=True)
    reminders_made_on = models.DateField(null=True, blank=True)
    # The secret of the private calendar feed's address; empty: no feed.
    calendar_token = models.CharField(max_length=64, blank=True, db_index=True)

    def __str__(self) -> str:
        return f"profile of {self.user}"


class ImportBatch(Owned):
    """One run of an import: what came in, what it created, and whether it was undone."""

    source_kind = models.CharField(max_length=32)
    filename = models.CharField(max_length=500)
    file_hash = models.CharField(max_length=64, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=16, default="running")
    counts = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]


class Circle(Owned):
    """A group the owner keeps people in: family, friends, work, community, or their own."""

    slug = models.SlugField(max_length=64)
    name = models.CharField(max_length=100)
    seeded = models.BooleanField(default=False)
    cadence_days = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["owner", "slug"], name="circle_unique_slug")]

    def __str__(self) -> str:
        return self.name


class Tag(Owned):
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="tag_unique_name")]

    def __str__(self) -> str:
        return self.name


class Organisation(Owned):
    name = models.CharField(max_length=200)
    name_key = models.CharField(max_length=200, db_index=True)
    domain = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    import_batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name_key"], name="organisation_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Person(Owned):
    """Someone in the owner's network."""

    name = models.CharField(max_length=200)
    name_key = models.CharField(max_length=200, db_index=True)
    nickname = models.CharField(max_length=100, blank=True)
    birthday_year = models.PositiveSmallIntegerField(null=True, blank=True)
    birthday_month = models.PositiveSmallIntegerField(null=True, blank=True)
    birthday_day = models.PositiveSmallIntegerField(null=True, blank=True)
    city = models.CharField(max_length=100, blank=True)
    met_how = models.CharField(max_length=300, blank=True)
    met_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    closeness = models.PositiveSmallIntegerField(null=True, blank=True)
    layer = models.PositiveSmallIntegerField(null=True, blank=True)
    cadence_days = models.PositiveIntegerField(null=True, blank=True)
    archived = models.BooleanField(default=False)
    snoozed_until = models.DateField(null=True, blank=True)  # off today's list until then
    circles = models.ManyToManyField(Circle, blank=True, related_name="people")
    tags = models.ManyToManyField(Tag, blank=True, related_name="people")
    added_on = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(default=timezone.now)
    # Set by the services, not auto_now, so that a restored backup keeps the original times.
    updated_at = models.DateTimeField(default=timezone.now)
    import_batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.SET_NULL)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )

    class Meta:
        ordering = ["name_key", "id"]
        indexes = [
            models.Index(fields=["owner", "archived", "name_key"]),
            models.Index(
                fields=["owner", "birthday_month", "birthday_day"], name="person_birthday"
            ),
            # Who is snoozed, counted for the stamp of the kept figures (jalin.core.read_cache);
            # partial, so that no other read of the people takes it for an index of owners.
            models.Index(
                fields=["owner", "snoozed_until"],
                name="person_snoozed",
                condition=Q(snoozed_until__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closeness__isnull=True) | Q(closeness__gte=1, closeness__lte=10),
                name="person_closeness_1_10",
            ),
            models.CheckConstraint(
                condition=Q(layer__isnull=True) | Q(layer__lte=5), name="person_layer_0_5"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return person_url(self.pk)

    @property
    def birthday_month_day(self) -> tuple[int, int] | None:
        """The birthday as ``(month, day)``, the year left out; ``None`` when unknown."""
        if self.birthday_month and self.birthday_day:
            return self.birthday_month, self.birthday_day
        return None

    @property
    def birthday_text(self) -> str:
        """The birthday as typed: ``1990-03-22``, or ``--03-22`` when the year is unknown."""
        if not self.birthday_month:
            return ""
        if self.birthday_year:
            return f"{self.birthday_year:04d}-{self.birthday_month:02d}-{self.birthday_day:02d}"
        return f"--{self.birthday_month:02d}-{self.birthday_day:02d}"

    @property
    def birthday_date(self) -> date | None:
        """The birthday as a date for display; a leap year stands in for an unknown year."""
        if not self.birthday_month:
            return None
        return date(self.birthday_year or 2000, self.birthday_month, self.birthday_day)


def person_url(person_id: int) -> str:
    """Return the address of a person's page. Long lists link every line to a person, and
    Django's ``reverse`` costs tens of microseconds a call, so each address is kept once
    made (per script prefix and URL configuration, all it depends on)."""
    return _person_url(person_id, get_script_prefix(), get_urlconf())


@lru_cache(maxsize=1 << 16)
def _person_url(person_id: int, _prefix: str, _urlconf) -> str:
    return reverse("person_detail", kwargs={"person_id": person_id})


class ContactPoint(Owned):
    """A way to reach a person: a phone in E.164, a lower-cased email, a profile URL …"""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contact_points")
    kind = models.CharField(max_length=16, choices=_choices(vocab.CONTACT_KINDS))
    value = models.CharField(max_length=300)
    label = models.CharField(max_length=100, blank=True)
    source = models.CharField(max_length=32, blank=True)
    import_batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "kind", "value"],
                condition=Q(kind__in=vocab.IDENTIFYING_CONTACT_KINDS),
                name="contact_point_identifies_one_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.value}"


class Affiliation(Owned):
    """Who works or studies where, with title and period."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="affiliations"
    )
    title = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=8, default="work", choices=_choices(("work", "study")))
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    import_batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["end", "-start", "id"]

    @property
    def is_current(self) -> bool:
        return self.end is None


class Link(Owned):
    """``from_person`` is ``kind`` of ``to_person`` (parent, sibling, knows, introduced_by …)."""

    from_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="links_out")
    to_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(max_length=16, choices=_choices(tuple(vocab.LINK_INVERSES)))
    note = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=32, blank=True)
    import_batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["id"]
        # Who is linked to a set of people, from either side (the unique constraint below
        # serves the from side): finding helpers reads both.
        indexes = [
            models.Index(fields=["owner", "to_person", "from_person", "kind"], name="link_to")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "from_person", "to_person", "kind"], name="link_unique"
            ),
            models.CheckConstraint(
                condition=~Q(from_person=models.F("to_person")), name="link_not_to_self"
            ),
        ]


class Need(Owned):
    """A request for help, for the owner (no beneficiary) or for someone in the network."""

    beneficiary = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="needs"
    )
    kind = models.CharField(max_length=16, default="other", choices=_choices(vocab.NEED_KINDS))
    title = models.CharField(max_length=300)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL)
    field = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=16, default="open", choices=_choices(vocab.NEED_STATUSES))
    opened_on = models.DateField(default=timezone.localdate)
    closed_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-opened_on", "-id"]

    @property
    def is_open(self) -> bool:
        """Return whether the need is still being worked on (no outcome yet)."""
        return self.status in vocab.NEED_OPEN_STATUSES


class Interaction(Owned):
    """A contact between the owner and one or more people: a conversation, call, meeting …"""

    # The (owner, occurred_at) index serves every lookup by owner or by owner and time; an
    # index on either alone would only slow the imports that write a hundred thousand rows.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    occurred_at = models.DateTimeField()
    channel = models.CharField(max_length=16, choices=_choices(vocab.CHANNELS))
    initiator = models.CharField(max_length=8, choices=_choices(vocab.INITIATORS))
    kind = models.CharField(max_length=8, choices=_choices(vocab.INTERACTION_KINDS))
    summary = models.TextField(blank=True)
    text = models.TextField(blank=True)
    messages_me = models.PositiveIntegerField(default=0)
    messages_them = models.PositiveIntegerField(default=0)
    minutes = models.PositiveIntegerField(null=True, blank=True)
    participants = models.ManyToManyField(
        Person, related_name="interactions", through="Participation"
    )
    source = models.CharField(max_length=32, default="manual")
    # NULL, not "", so that the unique constraint leaves rows without a key alone.
    external_key = models.CharField(max_length=200, null=True, blank=True)  # noqa: DJ001
    import_batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.SET_NULL)
    need = models.ForeignKey(
        Need, null=True, blank=True, on_delete=models.SET_NULL, related_name="interactions"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["owner", "occurred_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "external_key"],
                condition=Q(external_key__isnull=False),
                name="interaction_unique_external_key",
            )
        ]


class Participation(models.Model):
    """One person's part in an interaction, and what the relationship model reads of it.

    Scoring reads every contact of a network. The interaction's time (``at``, an epoch
    second) and its *shape* (channel, initiator, kind, length, people present: packed by
    ``jalin.domain.ties.pack_shape``) are kept here, beside the person, so that reading a
    network's contacts is one scan of the ``participation_history`` index. Both are derived
    from the interaction; ``jalin.core.participation`` is the one place that writes them.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    interaction = models.ForeignKey(Interaction, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.CASCADE)
    at = models.BigIntegerField(default=0)
    shape = models.BigIntegerField(default=0)

    class Meta:
        db_table = "core_interaction_participants"
        unique_together = [("interaction", "person")]
        indexes = [
            models.Index(fields=["owner", "person", "at", "shape"], name="participation_history")
        ]


class Favour(Owned):
    """A favour between the owner and a person: ``given`` by the owner, or ``received``."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="favours")
    direction = models.CharField(max_length=8, choices=_choices(vocab.FAVOUR_DIRECTIONS))
    status = models.CharField(
        max_length=16, default="done", choices=_choices(vocab.FAVOUR_STATUSES)
    )
    description = models.CharField(max_length=300)
    occurred_on = models.DateField(default=timezone.localdate)
    due_on = models.DateField(null=True, blank=True)
    need = models.ForeignKey(
        Need, null=True, blank=True, on_delete=models.SET_NULL, related_name="favours"
    )
    interaction = models.ForeignKey(
        Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="favours"
    )

    class Meta:
        ordering = ["-occurred_on", "-id"]


class Reminder(Owned):
    """Something to do on a day: keep in touch, a birthday, a follow-up, a thank-you."""

    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=16, choices=_choices(vocab.REMINDER_KINDS))
    title = models.CharField(max_length=300)
    due_on = models.DateField()
    recur_days = models.PositiveIntegerField(null=True, blank=True)
    recur_yearly = models.BooleanField(default=False)
    snoozed_until = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    need = models.ForeignKey(
        Need, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    # What a reminder made by the scheduler stands for ("birthday:12:2026-03-22"), so that
    # making the day's reminders again adds none twice; empty for the owner's own.
    key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["owner", "done_at", "due_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "key"], condition=~Q(key=""), name="reminder_key_once"
            )
        ]


class SourceRecord(Owned):
    """Which person a record of an imported source became, so a re-import adds nothing twice."""

    source = models.CharField(max_length=32)
    key = models.CharField(max_length=300)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="source_records")
    import_batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "source", "key"], name="source_record_unique_key"
            )
        ]


class DuplicatePair(Owned):
    """Two people who may be one: suggested by identity resolution, decided by the owner."""

    a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    status = models.CharField(
        max_length=12,
        default="suggested",
        choices=_choices(("suggested", "merged", "skipped")),
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    import_batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "a", "b"], name="duplicate_pair_unique"),
            models.CheckConstraint(condition=Q(a__lt=models.F("b")), name="duplicate_pair_ordered"),
        ]


class Merge(Owned):
    """A merge of ``merged`` into ``kept``, with what moved, so that it can be undone."""

    kept = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    merged = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    moved = models.JSONField(default=dict)
    automatic = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    undone_at = models.DateTimeField(null=True, blank=True)
    import_batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-created_at", "-id"]


class ImportJob(Owned):
    """Files uploaded on the import page, imported in the background one after another."""

    status = models.CharField(
        max_length=12,
        default="queued",
        choices=_choices(("queued", "running", "done", "failed")),
    )
    files = models.JSONField(default=list)
    options = models.JSONField(default=dict)
    results = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class TieScore(Owned):
    """A person's relationship figures as last computed (``jalin.domain.ties``).

    Pages and commands read these rows; they are recomputed when contact is logged or
    imported and by ``jalin rescore``, never per request. The columns are the domain's
    ``STORED_FIELDS``; :attr:`figures` gives them back as the explanation people read
    (components, reciprocity, the sentence of why) as of ``computed_at``.
    """

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="score")
    strength = models.PositiveSmallIntegerField()
    layer = models.PositiveSmallIntegerField()
    layer_source = models.CharField(max_length=16)
    status = models.CharField(max_length=8)
    status_reason = models.CharField(max_length=24)
    priority = models.FloatField(default=0.0)
    ratio = models.FloatField(null=True, blank=True)
    cadence_days = models.FloatField(null=True, blank=True)
    cadence_source = models.CharField(max_length=8)
    last_contact_at = models.DateTimeField(null=True, blank=True)
    days_since_contact = models.IntegerField(null=True, blank=True)
    mutuality = models.FloatField(null=True, blank=True)
    initiations_mine = models.PositiveIntegerField(default=0)
    initiations_theirs = models.PositiveIntegerField(default=0)
    share_theirs = models.FloatField(default=0.5)
    you_carry = models.BooleanField(default=False)
    balance = models.FloatField(default=0.0)
    favours_given = models.PositiveIntegerField(default=0)
    favours_received = models.PositiveIntegerField(default=0)
    asks_only_index = models.FloatField(null=True, blank=True)
    asks_after_silence = models.PositiveIntegerField(default=0)
    my_initiations = models.PositiveIntegerField(default=0)
    asks_only = models.BooleanField(default=False)
    usual_channel = models.CharField(max_length=16, null=True, blank=True)  # noqa: DJ001
    intensity = models.FloatField(default=0.0)
    recency = models.FloatField(default=0.0)
    duration = models.FloatField(default=0.0)
    services = models.FloatField(default=0.0)
    closeness = models.FloatField(null=True, blank=True)
    closeness_implied = models.FloatField(null=True, blank=True)
    overlap = models.FloatField(null=True, blank=True)
    reciprocity_factor = models.FloatField(default=1.0)
    stopped = models.FloatField(default=0.0)
    # The most the tie is worth to a weekly plan without a birthday or a promise
    # (domain.plan.value_bound): the order in which the plan reads late ties.
    plan_bound = models.FloatField(default=0.0)
    computed_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["owner", "status", "priority"]),
            # Today's list and the weekly plan read the most urgent first, a few at a time:
            # these hand them over in order without sorting a large network's late ties
            # (the status inside, so the filter needs no row). Not partial indexes: SQLite
            # cannot use one when the statuses come as bound parameters.
            models.Index(fields=["owner", "-priority", "person", "status"], name="score_urgency"),
            models.Index(fields=["owner", "-plan_bound", "person", "status"], name="score_plan"),
            # The helpers of a need weigh thousands of first hops by these two figures alone,
            # read by person or, the strong ties first, by strength.
            models.Index(fields=["person", "owner", "strength", "balance"], name="score_warmth"),
            models.Index(fields=["owner", "strength", "person", "balance"], name="score_strong"),
            # The people list sorted by last contact, a page at a time (``ListedRows``), and
            # filtered by layer or to the close ties at risk, counted without their rows.
            models.Index(fields=["owner", "last_contact_at", "person"], name="score_recency"),
            models.Index(fields=["owner", "layer", "status", "person"], name="score_layer"),
            # The latest score's time, read for the stamp of the kept figures.
            models.Index(fields=["owner", "computed_at"], name="score_computed"),
        ]

    @property
    def figures(self) -> dict:
        """Return the stored figures as ``jalin strength --json`` prints them."""
        from jalin.domain.ties import STORED_FIELDS, figures_json

        stored = {name: getattr(self, name) for name in STORED_FIELDS}
        return figures_json(self.person_id, self.person.name, stored)

"""Storing one file's records: people, contact points, interactions, suggested duplicates.

Used by :mod:`jalin.core.services.imports`, which owns the transaction. An
:class:`ImportSession` carries what several files of one run share; an :class:`ImportStore`
writes one file's records in chunks with bulk inserts, keeping its summary's counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from jalin.core.bulk import insert_objects, insert_returning_ids, insert_rows, rows_by_key
from jalin.core.errors import InvalidInput
from jalin.core.models import (
    Affiliation,
    Circle,
    ContactPoint,
    DuplicatePair,
    ImportBatch,
    Interaction,
    Organisation,
    Participation,
    Person,
    SourceRecord,
    Tag,
)
from jalin.core.participation import PARTICIPATION_FIELDS, participation_rows, refresh
from jalin.core.services.resolver import Resolver
from jalin.domain import normalise
from jalin.domain.errors import _
from jalin.domain.identity import (
    Identity,
    IdentityIndex,
    Suggestion,
    automatic_merge_blocked,
    linkedin_key,
)
from jalin.domain.vocabulary import CIRCLE_ALIASES
from jalin.importers.base import (
    BirthdayRecord,
    ChatSummary,
    ContactRecord,
    InteractionRecord,
    Skipped,
)

if TYPE_CHECKING:
    from jalin.core.services.imports import ImportSummary

CHUNK = 1000
INTERACTION_FIELDS = (
    "owner", "occurred_at", "channel", "initiator", "kind", "summary", "text", "messages_me",
    "messages_them", "minutes", "source", "external_key", "import_batch", "created_at",
)  # fmt: skip


class ImportSession:
    """What the files of one import run share: the owner's people, loaded once.

    Importing 400 chat exports one after another should not read the whole network 400 times.
    Each file is still stored in its own transaction; when one is rolled back (a fatal error, a
    dry run), the session forgets what it learnt and reloads on the next file.
    """

    def __init__(self, owner: AbstractBaseUser) -> None:
        self.owner = owner
        self._resolver: Resolver | None = None
        self._index: IdentityIndex | None = None
        self._organisations: dict[str, int] | None = None
        self.organisations: dict[int, set[int]] = defaultdict(set)  # person → organisation ids
        self.touched: set[int] = set()  # people created or matched, to rescore after the run

    def resolver(self, batch: ImportBatch) -> Resolver:
        if self._resolver is None:
            self._resolver = Resolver(self.owner, batch)
        self._resolver.start_file(batch)
        return self._resolver

    def organisations_for(self, names: Iterable[str]) -> dict[str, int]:
        """Return ``{name: organisation id}``, creating the missing ones in one insert.

        Names are matched accent- and case-insensitively; the answers are cached for the run.
        """
        if self._organisations is None:
            self._organisations = dict(
                Organisation.objects.filter(owner=self.owner).values_list("name_key", "id")
            )
        wanted = {name: normalise.fold_name(normalise.clean_name(name)) for name in names}
        missing = {key: name for name, key in wanted.items() if key not in self._organisations}
        if missing:
            rows = [(self.owner.pk, normalise.clean_name(n), k, "", "") for k, n in missing.items()]
            ids = insert_returning_ids(
                Organisation, ("owner", "name", "name_key", "domain", "city"), rows,
                scope={"owner": self.owner},
            )  # fmt: skip
            self._organisations.update(zip(missing, ids, strict=True))
        return {name: self._organisations[key] for name, key in wanted.items()}

    def index(self) -> IdentityIndex:
        if self._index is None:
            self._index = IdentityIndex(identities_of(self.owner).values())
        return self._index

    def forget(self) -> None:
        self._resolver = None
        self._index = None
        self._organisations = None
        self.organisations.clear()


class ImportStore:
    """Stores one file's records in chunks, keeping the counts of the summary."""

    def __init__(
        self, session: ImportSession, batch: ImportBatch, source: str, summary: ImportSummary
    ) -> None:
        owner = session.owner
        self.session = session
        self.owner = owner
        self.batch = batch
        self.source = source
        self.summary = summary
        self.resolver = session.resolver(batch)
        self.circles = {c.slug: c for c in Circle.objects.filter(owner=owner)}
        self.tags: dict[str, Tag] = {}
        self.contacts: list[ContactRecord] = []
        self.blocked_pairs: list[tuple[int, int, str]] = []
        self.interactions: list[InteractionRecord] = []
        self.chats: list[ChatSummary] = []

    def consume(self, records: Iterable, progress: Callable[[int], None] | None) -> None:
        for record in records:
            if isinstance(record, ContactRecord):
                self.summary.records += 1
                self.contacts.append(record)
                if len(self.contacts) >= CHUNK:
                    self._store_contacts()
            elif isinstance(record, InteractionRecord):
                self.summary.records += 1
                self.interactions.append(record)
                if len(self.interactions) >= CHUNK:
                    self._store_interactions()
            elif isinstance(record, BirthdayRecord):
                self.summary.records += 1
                self._store_birthday(record)
            elif isinstance(record, Skipped):
                self.summary.skipped.append({"line": record.line, "reason": record.reason})
            elif isinstance(record, ChatSummary):
                self.summary.add_chat(record)
                self.chats.append(record)
            if progress is not None:
                progress(self.summary.records)

    def finish(self) -> None:
        self._store_contacts()
        unknown_me = [c for c in self.chats if c.me is None and c.messages]
        if unknown_me and not self.interactions and not self.summary.interactions_created:
            authors = ", ".join(sorted(unknown_me[0].authors)[:8])
            raise InvalidInput(
                _(
                    "cannot tell which author is you in %(chat)s:"
                    " pass --me NAME (authors: %(authors)s)"
                ),
                field="me",
                chat=unknown_me[0].title or self.summary.file,
                authors=authors,
            )
        self._store_interactions()
        self.summary.persons_created = len(self.resolver.created)
        self.summary.persons_matched = len(self.resolver.matched - set(self.resolver.created))
        self.summary.duplicates_suggested = self._suggest_duplicates()

    # -- contacts ---------------------------------------------------------------------------

    def _contact_keys(self, record: ContactRecord) -> list[str]:
        keys = []
        for raw, _label in record.phones:
            phone = self.resolver.phone(raw)
            if phone is None:
                self.summary.skipped.append(
                    {"line": record.line, "reason": f"{raw!r} is not a phone number; kept the rest"}
                )
            else:
                keys.append(f"phone:{phone}")
        for raw, _label in record.emails:
            email = self.resolver.email(raw)
            if email is None:
                self.summary.skipped.append(
                    {"line": record.line, "reason": f"{raw!r} is not an email; kept the rest"}
                )
            else:
                keys.append(f"email:{email}")
        if record.linkedin and (handle := linkedin_key(record.linkedin)):
            keys.append(f"linkedin:{handle}")
        return list(dict.fromkeys(keys))

    def _store_contacts(self) -> None:
        if not self.contacts:
            return
        chunk, self.contacts = self.contacts, []
        known = dict(
            SourceRecord.objects.filter(
                owner=self.owner, source=self.source, key__in=[r.key for r in chunk]
            ).values_list("key", "person_id")
        )
        new_people: list[tuple[Person, ContactRecord, list[str]]] = []
        pending: dict[str, Person] = {}
        matched: list[tuple[int | Person, ContactRecord, list[str]]] = []
        blocked: list[tuple[int | Person, Person, str]] = []
        pending_keys: dict[int, list[str]] = {}
        for record in chunk:
            if not record.name.strip():
                self.summary.skipped.append({"line": record.line, "reason": "no name"})
                continue
            keys = self._contact_keys(record)
            target = known.get(record.key)
            reason = None
            if target is None:
                target = self.resolver.find_by_keys(keys)
                target = target or next((pending[k] for k in keys if k in pending), None)
                if target is not None:
                    reason = automatic_merge_blocked(
                        self._identity(record.name, keys),
                        self._identity_of(target, pending_keys),
                        same_source=self._listed_in_source(target),
                    )
            if target is None or reason is not None:
                person = self._new_person(record)
                new_people.append((person, record, keys))
                pending.update({k: person for k in keys if k not in pending})
                pending_keys[id(person)] = keys
                if reason is not None:
                    blocked.append((target, person, reason))
            else:
                matched.append((target, record, keys))
                if isinstance(target, Person):
                    pending_keys[id(target)] = [*pending_keys.get(id(target), []), *keys]
        insert_objects([p for p, _, _ in new_people], scope={"import_batch": self.batch})
        for person, _record, keys in new_people:
            self.resolver.created[person.pk] = None
            self.resolver.add_keys(person.pk, keys, self.source)
            self.resolver.remember(person.pk, [], person.name)
        for target, _record, keys in matched:
            person_id = target.pk if isinstance(target, Person) else target
            if not isinstance(target, Person):
                self.resolver.matched.add(person_id)
            self.resolver.add_keys(person_id, keys, self.source)
        self._store_details(
            [(p.pk, r, True) for p, r, _ in new_people]
            + [(t.pk if isinstance(t, Person) else t, r, False) for t, r, _ in matched]
        )
        links = [
            (self.owner.pk, self.source, r.key, pid, self.batch.pk)
            for pid, r in [(p.pk, r) for p, r, _ in new_people]
            + [(t.pk if isinstance(t, Person) else t, r) for t, r, _ in matched]
        ]
        self.resolver.flush()
        insert_rows(
            SourceRecord,
            ("owner", "source", "key", "person", "import_batch"),
            links,
            ignore_conflicts=True,
        )
        for link in links:
            self.resolver.sources[link[3]].add(self.source)
        self.blocked_pairs += [
            (t.pk if isinstance(t, Person) else t, p.pk, reason) for t, p, reason in blocked
        ]

    @staticmethod
    def _identity(name: str, keys: Iterable[str], pid: int = 0) -> Identity:
        keys = list(keys)
        return Identity(
            pid,
            name,
            phones=frozenset(k[6:] for k in keys if k.startswith("phone:")),
            emails=frozenset(k[6:] for k in keys if k.startswith("email:")),
            linkedin=next((k[9:] for k in keys if k.startswith("linkedin:")), ""),
        )

    def _identity_of(self, target: int | Person, pending_keys: dict[int, list[str]]) -> Identity:
        if isinstance(target, Person):
            return self._identity(target.name, pending_keys.get(id(target), []))
        return self._identity(
            self.resolver.names.get(target, ""), self.resolver.keys_of.get(target, ()), target
        )

    def _listed_in_source(self, target: int | Person) -> bool:
        """Whether this file's format already gave ``target`` an entry of its own."""
        if isinstance(target, Person):
            return True  # created from an earlier entry of this very file
        return self.source in self.resolver.sources.get(target, ())

    def _new_person(self, record: ContactRecord) -> Person:
        name = normalise.clean_name(record.name)
        notes = record.notes.strip()
        met_how = ""
        if record.initiated_by:
            met_how = (
                "they asked to connect" if record.initiated_by == "them" else "I asked to connect"
            )
        return Person(
            owner=self.owner,
            name=name,
            name_key=normalise.fold_name(name),
            nickname=record.nickname[:100],
            birthday_year=record.birthday[0] if record.birthday else None,
            birthday_month=record.birthday[1] if record.birthday else None,
            birthday_day=record.birthday[2] if record.birthday else None,
            city=record.city[:100],
            notes=notes,
            met_on=record.met_on,
            met_how=met_how,
            import_batch=self.batch,
        )

    def _store_details(self, rows: list[tuple[int, ContactRecord, bool]]) -> None:
        """Affiliations, circles and tags for new people; missing affiliations for matched."""
        affiliations, circle_links, tag_links = [], [], []
        have_affiliation = set(
            Affiliation.objects.filter(
                owner=self.owner, person_id__in=[pid for pid, _, new in rows if not new]
            ).values_list("person_id", "organisation_id")
        )
        organisation_ids = self.session.organisations_for(
            {a.organisation for _, r, _ in rows for a in r.affiliations if a.organisation.strip()}
        )
        for person_id, record, is_new in rows:
            for aff in record.affiliations:
                if not aff.organisation.strip():
                    continue
                organisation_id = organisation_ids[aff.organisation]
                if (person_id, organisation_id) in have_affiliation:
                    continue
                have_affiliation.add((person_id, organisation_id))
                self.session.organisations[person_id].add(organisation_id)
                affiliations.append(
                    (self.owner.pk, person_id, organisation_id, aff.title[:200], "work",
                     self.batch.pk)
                )  # fmt: skip
            if not is_new:
                continue
            for category in record.categories:
                slug = CIRCLE_ALIASES.get(normalise.fold_name(category))
                if slug in self.circles:
                    circle_links.append((person_id, self.circles[slug].pk))
                elif category.strip():
                    tag = self._tag(category.strip()[:100])
                    tag_links.append((person_id, tag.pk))
        insert_rows(
            Affiliation,
            ("owner", "person", "organisation", "title", "kind", "import_batch"),
            affiliations,
        )
        insert_rows(
            Person.circles.through, ("person", "circle"), circle_links, ignore_conflicts=True
        )
        insert_rows(Person.tags.through, ("person", "tag"), tag_links, ignore_conflicts=True)

    def _tag(self, name: str) -> Tag:
        if name not in self.tags:
            self.tags[name], _created = Tag.objects.get_or_create(owner=self.owner, name=name)
        return self.tags[name]

    # -- interactions -----------------------------------------------------------------------

    def _store_interactions(self) -> None:
        if not self.interactions:
            return
        chunk, self.interactions = self.interactions, []
        existing = rows_by_key(
            Interaction, "external_key", [r.external_key for r in chunk],
            ("id", "messages_me", "messages_them"), owner_id=self.owner.pk,
        )  # fmt: skip
        new_rows, participants, updated = [], [], []
        now, owner_id, batch_id = timezone.now(), self.owner.pk, self.batch.pk
        seen: set[str] = set()
        for record in chunk:
            if record.external_key in seen:
                continue
            seen.add(record.external_key)
            people = [
                self.resolver.reference(ref, self.source) for ref in record.participants if ref
            ]
            if not people:
                self.summary.skipped.append(
                    {"line": record.line, "reason": "nobody but you took part"}
                )
                continue
            found = existing.get(record.external_key)
            if found is not None:
                pk, messages_me, messages_them = found
                if record.messages_me + record.messages_them > messages_me + messages_them:
                    updated.append(Interaction(pk=pk, messages_me=record.messages_me,
                                               messages_them=record.messages_them))  # fmt: skip
                continue
            new_rows.append((
                owner_id, record.occurred_at, record.channel, record.initiator,
                record.kind, record.summary[:1000], record.text, record.messages_me,
                record.messages_them, record.minutes, self.source, record.external_key,
                batch_id, now,
            ))  # fmt: skip
            participants.append(dict.fromkeys(people))
        self.resolver.flush()
        ids = insert_returning_ids(Interaction, INTERACTION_FIELDS, new_rows,
                                   scope={"import_batch": self.batch})  # fmt: skip
        rows = []
        for pk, values, people in zip(ids, new_rows, participants, strict=True):
            rows.extend(
                participation_rows(
                    owner_id=owner_id, interaction_id=pk, occurred_at=values[1],
                    channel=values[2], initiator=values[3], kind=values[4],
                    messages_me=values[7], messages_them=values[8], minutes=values[9],
                    people=list(people),
                )
            )  # fmt: skip
        insert_rows(Participation, PARTICIPATION_FIELDS, rows)
        Interaction.objects.bulk_update(updated, ["messages_me", "messages_them"])
        refresh(i.pk for i in updated)
        self.summary.interactions_created += len(new_rows)
        self.summary.interactions_updated += len(updated)

    def _store_birthday(self, record: BirthdayRecord) -> None:
        keys = self.resolver.strong_keys(record.person)
        person_id = self.resolver.find_by_keys(keys) or self.resolver.find_by_exact_name(
            record.person.name
        )
        if person_id is None:
            self.summary.skipped.append(
                {
                    "line": record.line,
                    "reason": f"birthday of {record.person.name!r}: not in your network",
                }
            )
            return
        year, month, day = record.birthday
        self.resolver.flush()
        Person.objects.filter(pk=person_id, birthday_month__isnull=True).update(
            birthday_year=year, birthday_month=month, birthday_day=day
        )
        self.resolver.matched.add(person_id)

    # -- duplicates -------------------------------------------------------------------------

    def _suggest_duplicates(self) -> int:
        created = list(self.resolver.created)
        if not created:
            return 0
        index = self.session.index()
        for pid in created:
            keys = self.resolver.keys_of.get(pid, set())
            index.add(
                Identity(
                    pid,
                    self.resolver.names.get(pid, ""),
                    phones=frozenset(k[6:] for k in keys if k.startswith("phone:")),
                    emails=frozenset(k[6:] for k in keys if k.startswith("email:")),
                    linkedin=next((k[9:] for k in keys if k.startswith("linkedin:")), ""),
                    organisations=frozenset(self.session.organisations.get(pid, ())),
                )
            )
        pairs = list(index.suggestions_for(created))
        known_pairs = {(p.a, p.b) for p in pairs}
        for a, b, reason in self.blocked_pairs:
            low, high = min(a, b), max(a, b)
            if (low, high) not in known_pairs:
                pairs.append(Suggestion(low, high, 90.0, (reason,)))
                known_pairs.add((low, high))
        DuplicatePair.objects.bulk_create(
            [
                DuplicatePair(
                    owner=self.owner,
                    a_id=s.a,
                    b_id=s.b,
                    score=s.score,
                    reasons=list(s.reasons),
                    import_batch=self.batch,
                )
                for s in pairs
            ],
            ignore_conflicts=True,
        )
        return len(pairs)


def identities_of(owner: AbstractBaseUser) -> dict[int, Identity]:
    """Return every active person of ``owner`` as an :class:`Identity` for matching."""
    people = dict(Person.objects.filter(owner=owner, archived=False).values_list("id", "name"))
    phones: dict[int, set[str]] = {}
    emails: dict[int, set[str]] = {}
    handles: dict[int, str] = {}
    for pid, kind, value in ContactPoint.objects.filter(owner=owner).values_list(
        "person_id", "kind", "value"
    ):
        if kind == "phone":
            phones.setdefault(pid, set()).add(value)
        elif kind == "email":
            emails.setdefault(pid, set()).add(value)
        elif kind == "linkedin":
            handles[pid] = value
    organisations: dict[int, set[int]] = {}
    for pid, org in Affiliation.objects.filter(owner=owner).values_list(
        "person_id", "organisation_id"
    ):
        organisations.setdefault(pid, set()).add(org)
    return {
        pid: Identity(
            pid,
            name,
            frozenset(phones.get(pid, ())),
            frozenset(emails.get(pid, ())),
            handles.get(pid, ""),
            "",
            frozenset(organisations.get(pid, ())),
        )
        for pid, name in people.items()
    }

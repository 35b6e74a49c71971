"""Finding or creating the person an imported record means, within one owner's network.

The resolver loads the owner's strong keys (phones, emails, LinkedIn handles) and
names once, then answers from memory, so an import of a million messages asks the database
nothing per message. New people it creates are added to the same index.

Two rules from :mod:`jalin.domain.identity`: strong keys decide; names never merge two address
book entries. A *reference* to someone in a chat, mail or calendar ("Budi Santoso" wrote…) is
different: it attaches to the one person with exactly that name, because the name came from the
owner's own phone book, and otherwise creates that person.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser

from jalin.core.bulk import insert_rows
from jalin.core.models import ContactPoint, ImportBatch, Person, SourceRecord
from jalin.domain import normalise
from jalin.domain.errors import InvalidInput
from jalin.domain.identity import linkedin_key
from jalin.importers.base import PersonRef


class Resolver:
    def __init__(self, owner: AbstractBaseUser, batch: ImportBatch | None) -> None:
        self.owner = owner
        self.batch = batch
        self.by_key: dict[str, int] = {}
        self.by_name: dict[str, set[int]] = defaultdict(set)
        self.keys_of: dict[int, set[str]] = defaultdict(set)
        self.names: dict[int, str] = {}
        self.sources: dict[int, set[str]] = defaultdict(set)
        self.created: dict[int, None] = {}  # ordered, and quick to ask "was this one new?"
        self.matched: set[int] = set()
        self.unsaved_points: list[tuple] = []
        self.references: dict[PersonRef, int] = {}
        self.batch_id = batch.pk if batch else None
        for person_id, kind, value in ContactPoint.objects.filter(owner=owner).values_list(
            "person_id", "kind", "value"
        ):
            self.by_key[f"{kind}:{value}"] = person_id
            self.keys_of[person_id].add(f"{kind}:{value}")
        for person_id, source in SourceRecord.objects.filter(owner=owner).values_list(
            "person_id", "source"
        ):
            self.sources[person_id].add(source)
        for person_id, name, nickname in Person.objects.filter(
            owner=owner, archived=False
        ).values_list("id", "name", "nickname"):
            self.names[person_id] = name
            self.by_name[normalise.fold_name(name)].add(person_id)
            if nickname:
                self.by_name[normalise.fold_name(nickname)].add(person_id)

    # -- keys -------------------------------------------------------------------------------

    def phone(self, raw: str) -> str | None:
        """Return ``raw`` in E.164, or None when it is no phone number."""
        try:
            return normalise.phone_e164(raw, settings.PHONE_REGION)
        except InvalidInput:
            return None

    @staticmethod
    def email(raw: str) -> str | None:
        try:
            return normalise.email_address(raw)
        except InvalidInput:
            return None

    def strong_keys(self, ref: PersonRef) -> list[str]:
        """Return the strong keys of a reference, normalised as they are stored."""
        keys = []
        if ref.phone and (phone := self.phone(ref.phone)):
            keys.append(f"phone:{phone}")
        if ref.email and (email := self.email(ref.email)):
            keys.append(f"email:{email}")
        if ref.linkedin and (handle := linkedin_key(ref.linkedin)):
            keys.append(f"linkedin:{handle}")
        return keys

    def find_by_keys(self, keys: list[str]) -> int | None:
        for key in keys:
            if key in self.by_key:
                return self.by_key[key]
        return None

    def find_by_exact_name(self, name: str) -> int | None:
        found = self.by_name.get(normalise.fold_name(name), set())
        return next(iter(found)) if len(found) == 1 else None

    # -- writes -----------------------------------------------------------------------------

    def start_file(self, batch: ImportBatch | None) -> None:
        """Begin a new file of the same import run: new batch, fresh counts."""
        self.batch = batch
        self.batch_id = batch.pk if batch else None
        self.unsaved_points = []
        self.created = {}
        self.matched = set()

    def remember(self, person_id: int, keys: list[str], name: str = "") -> None:
        for key in keys:
            self.by_key.setdefault(key, person_id)
            self.keys_of[person_id].add(key)
        if name:
            self.names[person_id] = name
            self.by_name[normalise.fold_name(name)].add(person_id)

    def add_keys(self, person_id: int, keys: list[str], source: str) -> None:
        """Give ``person_id`` the strong keys no one has yet, as contact points.

        The rows are written by :meth:`flush`, in bulk.
        """
        for key in keys:
            if key in self.by_key:
                continue
            kind, value = key.split(":", 1)
            self.unsaved_points.append(
                (self.owner.pk, person_id, kind, value, "", source, self.batch_id)
            )
            self.by_key[key] = person_id
            self.keys_of[person_id].add(key)

    def flush(self) -> None:
        """Write the contact points added since the last flush."""
        insert_rows(
            ContactPoint,
            ("owner", "person", "kind", "value", "label", "source", "import_batch"),
            self.unsaved_points,
        )
        self.unsaved_points = []

    def create(self, name: str, keys: list[str], source: str, **fields) -> int:
        """Create a person with ``keys`` as contact points; return the new id."""
        clean = normalise.clean_name(name)
        person = Person.objects.create(
            owner=self.owner,
            name=clean,
            name_key=normalise.fold_name(clean),
            import_batch=self.batch,
            **fields,
        )
        self.created[person.pk] = None
        self.add_keys(person.pk, keys, source)
        self.remember(person.pk, [], clean)
        return person.pk

    def reference(self, ref: PersonRef, source: str) -> int:
        """Return the person a chat, mail or calendar reference means, creating them if new.

        Answers are remembered: a chat names the same few people thousands of times.
        """
        known = self.references.get(ref)
        if known is not None:
            if known not in self.created:
                self.matched.add(known)
            return known
        self.references[ref] = person_id = self._reference(ref, source)
        return person_id

    def _reference(self, ref: PersonRef, source: str) -> int:
        keys = self.strong_keys(ref)
        person_id = self.find_by_keys(keys)
        if person_id is None and ref.name:
            person_id = self.find_by_exact_name(ref.name)
        if person_id is None:
            name = ref.name or ref.email or ref.phone or ref.linkedin
            return self.create(name, keys, source)
        self.matched.add(person_id)
        self.add_keys(person_id, keys, source)
        return person_id

"""Importing files: one shared, transactional, idempotent way to store what importers read.

``import_file`` picks the importer (by name or by sniffing), streams its records, resolves who
each record means (:mod:`jalin.core.services.resolver`), and stores everything in one
transaction recorded as an :class:`ImportBatch`. A fatal error stores nothing from the file; a
malformed record is skipped and reported as ``line: reason``. Re-importing adds nothing twice:
contacts are remembered by their source key, interactions by their external key (a later export
of a chat only adds, or extends, what is new). ``dry_run`` does all of it and rolls back.
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from jalin.core.errors import InvalidInput
from jalin.core.models import (
    ImportBatch,
)
from jalin.core.services.import_store import ImportSession, ImportStore
from jalin.core.services.maintenance import query_statistics_refresh
from jalin.core.services.scores import rescore
from jalin.importers import registry
from jalin.importers.ahead import (
    ParseJob,
    default_workers,
    parse_ahead,
    paused_cycle_collection,
    stream_in_worker,
    worth_streaming,
)
from jalin.importers.base import (
    ChatSummary,
    FormatError,
    ImportOptions,
    ImportSource,
)


@dataclass
class ImportSummary:
    """What one file's import did; the CLI prints it and ``--json`` writes it as is."""

    file: str
    format: str
    records: int = 0
    persons_created: int = 0
    persons_matched: int = 0
    interactions_created: int = 0
    interactions_updated: int = 0
    duplicates_suggested: int = 0
    skipped: list[dict[str, Any]] = field(default_factory=list)
    messages: int | None = None
    authors: dict[str, int] | None = None
    conversations: int | None = None
    first_at: str | None = None
    last_at: str | None = None
    me: str | None = None
    batch_id: int | None = None
    dry_run: bool = False

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        if self.messages is None:
            for key in ("messages", "authors", "conversations", "first_at", "last_at", "me"):
                data.pop(key)
        return data

    def add_chat(self, chat: ChatSummary) -> None:
        self.messages = (self.messages or 0) + chat.messages
        self.conversations = (self.conversations or 0) + chat.conversations
        self.authors = self.authors or {}
        for author, count in chat.authors.items():
            self.authors[author] = self.authors.get(author, 0) + count
        if chat.first_at and (self.first_at is None or chat.first_at < self.first_at):
            self.first_at = chat.first_at
        if chat.last_at and (self.last_at is None or chat.last_at > self.last_at):
            self.last_at = chat.last_at
        self.me = self.me or chat.me


class _DryRun(Exception):
    pass


def file_hash(source: ImportSource) -> str:
    digest = hashlib.sha256()
    with source.open() as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def import_paths(
    *,
    owner: AbstractBaseUser,
    files: Sequence[tuple[Path, str]],
    options: ImportOptions,
    format: str | None = None,
    dry_run: bool = False,
    progress: Callable[[str], Callable[[int], None] | None] | None = None,
) -> Iterator[tuple[str, dict[str, Any] | FormatError | InvalidInput]]:
    """Import several files in order; yield ``(name, summary or error)`` for each.

    Every file is rolled back alone on an error (a savepoint in a group of files sharing a
    commit, see :class:`_CommitGroup`), so one bad file does not stop the others. Files are
    parsed ahead in worker processes (:mod:`jalin.importers.ahead`) while the one before is
    stored. ``progress(name)`` may return a callback for that file's record count. Last, the
    people the files created or matched are rescored (:func:`~jalin.core.services.scores.rescore`)
    and the database's statistics refreshed (:mod:`~jalin.core.services.maintenance`).
    """
    session = ImportSession(owner)
    plans: list[tuple[str, ImportSource, Any]] = []
    for path, name in files:
        source = ImportSource(name=name, open=lambda p=path: p.open("rb"))
        try:
            if not path.is_file():
                raise FormatError("no such file")
            importer = registry.by_name(format) if format else registry.choose(source.head(), name)
        except FormatError as error:
            importer = error
        plans.append((name, source, importer))
    jobs = [
        ParseJob(str(path), name, plan[2].NAME, replace(options, filename=name))
        for (path, name), plan in zip(files, plans, strict=True)
        if not isinstance(plan[2], FormatError) and plan[2].NAME != "backup"
    ]
    if len(jobs) == 1 and worth_streaming(jobs[0]):
        parsed = iter([stream_in_worker(jobs[0])])
    else:
        parsed = parse_ahead(jobs, default_workers(len(jobs)))
    done: list[tuple[str, dict[str, Any] | FormatError | InvalidInput]] = []
    group = _CommitGroup()
    for name, source, importer in plans:
        if isinstance(importer, FormatError):
            done.append((name, importer))
        elif importer.NAME == "backup":
            yield from group.commit(done)
            try:
                done.append((name, import_source(owner=owner, source=source, options=options,
                                                 format="backup", dry_run=dry_run)))  # fmt: skip
            except (FormatError, InvalidInput) as error:
                done.append((name, error))
        else:
            group.open()
            try:
                records = next(parsed)
                if isinstance(records, FormatError):
                    raise records
                result = import_file(
                    owner=owner, source=source, options=replace(options, filename=name),
                    format=importer.NAME, dry_run=dry_run, session=session, records=records,
                    progress=progress(name) if progress else None,
                ).as_json()  # fmt: skip
            except (FormatError, InvalidInput) as error:
                done.append((name, error))
            except BaseException:
                group.abort()
                raise
            else:
                done.append((name, result))
        if group.due():
            yield from group.commit(done)
    yield from group.commit(done)
    if not dry_run and session.touched:  # after the results: a caller shows them at once
        rescore(owner=owner, person_ids=session.touched)
        query_statistics_refresh()  # the network may be many times what it was


class _CommitGroup:
    """Several files' imports in one transaction, each file in its own savepoint.

    A commit writes every page the transaction touched; one per small chat file was a fifth
    of a many-file import. A file that fails still rolls back alone (its savepoint), and
    results are reported only once their group is committed, so nothing reported is lost
    if the run is stopped. A group ends after ``GROUP_SECONDS`` or ``GROUP_FILES`` files.
    """

    GROUP_SECONDS = 2.0
    GROUP_FILES = 100

    def __init__(self) -> None:
        self.atomic: Any = None
        self.started = 0.0
        self.files = 0

    def open(self) -> None:
        if self.atomic is None:
            self.atomic = transaction.atomic()
            self.atomic.__enter__()
            self.started, self.files = time.monotonic(), 0
        self.files += 1

    def due(self) -> bool:
        return self.atomic is not None and (
            self.files >= self.GROUP_FILES or time.monotonic() - self.started >= self.GROUP_SECONDS
        )

    def commit(self, done: list) -> Iterator:
        """Commit the open group, then yield and clear the results gathered in ``done``."""
        if self.atomic is not None:
            atomic, self.atomic = self.atomic, None
            atomic.__exit__(None, None, None)
        yield from done
        done.clear()

    def abort(self) -> None:
        if self.atomic is not None:
            atomic, self.atomic = self.atomic, None
            atomic.__exit__(*sys.exc_info())


def import_source(
    *,
    owner: AbstractBaseUser,
    source: ImportSource,
    options: ImportOptions,
    format: str | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    session: ImportSession | None = None,
) -> dict[str, Any]:
    """Import any supported file and return its summary as a JSON-ready dict.

    A jalin backup is restored whole into an empty network; every other format goes through
    :func:`import_file`. Errors are those of :func:`import_file`.
    """
    from jalin.core.services.backup import backup_restore

    importer = registry.by_name(format) if format else registry.choose(source.head(), source.name)
    if importer.NAME != "backup":
        summary = import_file(
            owner=owner,
            source=source,
            options=options,
            format=importer.NAME,
            dry_run=dry_run,
            progress=progress,
            session=session,
        )
        return summary.as_json()
    document = importer.load(source)
    if dry_run:
        return {"file": source.name, "format": "backup", "dry_run": True}
    return {
        "file": source.name,
        "format": "backup",
        **backup_restore(owner=owner, document=document),
    }


def import_file(
    *,
    owner: AbstractBaseUser,
    source: ImportSource,
    options: ImportOptions,
    format: str | None = None,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    session: ImportSession | None = None,
    records: Iterable | None = None,
) -> ImportSummary:
    """Import one file into ``owner``'s network and return what it did.

    ``records``, when given, are the file's records already parsed (see :func:`import_paths`).
    Raises :class:`FormatError` when the file cannot be read, and :class:`InvalidInput` when
    it cannot be stored as it is (a chat whose owner is unknown: pass ``--me``); either way
    nothing from the file is kept.
    """
    importer = registry.by_name(format) if format else registry.choose(source.head(), source.name)
    summary = ImportSummary(file=source.name, format=importer.NAME, dry_run=dry_run)
    session = session or ImportSession(owner)
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.create(
                owner=owner,
                source_kind=importer.NAME,
                filename=source.name,
                file_hash=file_hash(source),
            )
            store = ImportStore(session, batch, importer.NAME, summary)
            with paused_cycle_collection():
                records = importer.parse(source, options) if records is None else records
                store.consume(records, progress)
                store.finish()
            session.touched.update(store.resolver.created, store.resolver.matched)
            batch.finished_at = timezone.now()
            batch.status = "done"
            batch.counts = {k: v for k, v in summary.as_json().items() if isinstance(v, int)}
            batch.errors = summary.skipped
            batch.save()
            summary.batch_id = batch.pk
            if dry_run:
                raise _DryRun
    except _DryRun:
        summary.batch_id = None
        session.forget()
    except BaseException:
        session.forget()
        raise
    return summary


__all__ = [
    "FormatError",
    "ImportSession",
    "ImportSummary",
    "import_file",
    "import_paths",
    "import_source",
]

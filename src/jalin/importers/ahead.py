"""Reading several exports at once: parse in worker processes while the caller stores.

Importing a phone's worth of chats means parsing hundreds of files, which is pure computation
in the importers, while storing must happen one file at a time in the database. So the files
are parsed in worker processes, a few files ahead of the one being stored, and handed over in
their original order. The importers are plain Python, which is what makes them safe to run in
a fresh process.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.context
import os
import sys
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from queue import Empty

from jalin.importers import registry
from jalin.importers.base import FormatError, ImportOptions, ImportSource, Record

AHEAD_FILES = 64
AHEAD_BYTES = 64 * 1024 * 1024
STREAM_FROM_BYTES = 512 * 1024
"""A lone file at least this large is parsed in a worker that hands records over as it goes."""
STREAM_CHUNK = 500
_DONE = "done"


@dataclass(frozen=True)
class ParseJob:
    """One file to parse: where it is, its format, and the options to read it with."""

    path: str
    name: str
    format: str
    options: ImportOptions


def parse_file(job: ParseJob) -> list[Record]:
    """Return every record of one file (run in a worker process)."""
    with paused_cycle_collection():
        return list(parse_file_lazily(job))


@contextmanager
def paused_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while a file is parsed or stored.

    A parse allocates a million small objects that all stay alive until handed over; the
    collector would walk them again and again (a fifth of the parse time) to find no cycles.
    Storing a file's records is the same on the other side.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def default_workers(files: int) -> int:
    """Return how many processes to parse ``files`` files with: none for a single file."""
    return 0 if files < 2 else min(files, os.cpu_count() or 1, 4)


def parse_ahead(jobs: Sequence[ParseJob], workers: int) -> Iterator[list[Record] | FormatError]:
    """Yield each job's records (or its :class:`FormatError`), in order.

    At most ``AHEAD_FILES`` files, or ``AHEAD_BYTES`` of input, are parsed ahead of the one the
    caller is working on: memory stays bounded however many files there are, and a long file
    does not leave the other workers idle while short ones wait their turn. With ``workers`` 0
    everything runs here, one file after another.
    """
    if workers < 1:
        for job in jobs:
            try:
                yield parse_file(job)
            except FormatError as error:
                yield error
        return
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        pending: deque[tuple[Future, int]] = deque()
        upcoming = iter(jobs)
        queued_bytes = 0

        def fill() -> None:
            nonlocal queued_bytes
            while len(pending) < AHEAD_FILES and (not pending or queued_bytes < AHEAD_BYTES):
                job = next(upcoming, None)
                if job is None:
                    return
                size = _size(job.path)
                pending.append((pool.submit(parse_file, job), size))
                queued_bytes += size

        fill()
        while pending:
            future, size = pending.popleft()
            queued_bytes -= size
            fill()
            try:
                yield future.result()
            except FormatError as error:
                yield error


def _context() -> multiprocessing.context.BaseContext:
    """Return how to start workers: ``fork`` from a single-threaded process, else ``spawn``.

    A forked worker starts in milliseconds with the importers already loaded; a spawned one
    starts Python afresh and imports them (a third of a second, a fifth of a vCard import).
    Forking is safe only without other threads (one might hold a lock the child needs), so
    the web app's task runner, which has threads, spawns. The workers never touch the
    database connection they inherit.
    """
    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def stream_in_worker(job: ParseJob) -> Iterator[Record]:
    """Yield one file's records as a worker process parses them, a chunk at a time.

    The caller stores the first records while the worker reads on, so parsing and storing
    overlap even for a single file. A :class:`FormatError` in the worker is raised here, at
    the point the records stop.
    """
    context = _context()
    queue = context.Queue(maxsize=64)
    worker = context.Process(target=_stream, args=(job, queue), daemon=True)
    worker.start()
    try:
        while True:
            try:
                kind, payload = queue.get(timeout=1)
            except Empty:
                if worker.is_alive():
                    continue
                raise FormatError("the process reading the file stopped unexpectedly") from None
            if kind == _DONE:
                return
            if isinstance(payload, BaseException):
                raise payload
            yield from payload
    finally:
        worker.kill()
        worker.join()


def _stream(job: ParseJob, queue) -> None:
    chunk: list[Record] = []
    try:
        with paused_cycle_collection():
            for record in parse_file_lazily(job):
                chunk.append(record)
                if len(chunk) >= STREAM_CHUNK:
                    queue.put(("records", chunk))
                    chunk = []
        queue.put(("records", chunk))
        queue.put((_DONE, None))
    except Exception as error:  # handed to the caller, who decides what it means
        queue.put(("records", chunk))
        queue.put(("error", error))


def parse_file_lazily(job: ParseJob) -> Iterator[Record]:
    """Yield one file's records as its importer produces them."""
    importer = registry.by_name(job.format)
    path = Path(job.path)
    yield from importer.parse(ImportSource(job.name, lambda: path.open("rb")), job.options)


def worth_streaming(job: ParseJob) -> bool:
    """Whether a lone file is large enough for a worker to pay off."""
    return _size(job.path) >= STREAM_FROM_BYTES and (os.cpu_count() or 1) > 1

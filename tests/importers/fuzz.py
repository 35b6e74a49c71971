"""Property-test helpers shared by the importer tests: mutated real samples, and the check that
a parser either yields records of the kinds it may yield or refuses with ``FormatError``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import get_args

from hypothesis import strategies as st

from jalin.importers.base import FormatError, ImportOptions, Record
from tests.importers.conftest import realdata_path, source_from_bytes

EVERY_RECORD: tuple[type, ...] = get_args(Record)


@cache
def _read(path: Path) -> bytes:
    return path.read_bytes()


def samples_of(names: Iterable[str], head: int | None = None) -> list[bytes]:
    """Return the bytes of the named realdata samples (the first ``head`` bytes of each if given).

    Each name goes through ``realdata_path``, so a missing ../shared skips the test (fails it in
    CI); the files themselves are read once per session.
    """
    return [_read(realdata_path(name))[:head] for name in names]


@st.composite
def mutated(
    draw: st.DrawFn,
    samples: Sequence[bytes],
    pieces: Sequence[bytes] = (),
    *,
    edits: int = 6,
    cut: int = 80,
    noise: int = 8,
) -> bytes:
    """Draw one of ``samples`` and apply 1 to ``edits`` edits to it.

    Each edit, at a drawn position, replaces one byte with a random one, cuts 1 to ``cut`` bytes,
    or inserts either one of the format's ``pieces`` (delimiters, keywords, broken lines) or up to
    ``noise`` random bytes.
    """
    data = bytearray(draw(st.sampled_from(samples)))
    insertion = st.binary(max_size=noise)
    if pieces:
        insertion = st.sampled_from(pieces) | insertion
    for _ in range(draw(st.integers(1, edits))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["replace", "cut", "insert"]))
        if action == "replace" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif action == "cut":
            del data[at : at + draw(st.integers(1, cut))]
        else:
            data[at:at] = draw(insertion)
    return bytes(data)


def records_or_format_error(
    module: ModuleType,
    data: bytes,
    options: ImportOptions | None = None,
    allowed: tuple[type, ...] = EVERY_RECORD,
    *,
    last: type | None = None,
) -> list[Record]:
    """Parse ``data`` with ``module`` and return its records, or [] if it raised ``FormatError``.

    Any other exception fails the test, as does a record of a kind not in ``allowed``; with
    ``last``, so does a parse that succeeds without ending on a record of that kind.
    """
    try:
        records = list(module.parse(source_from_bytes(data), options or ImportOptions()))
    except FormatError:
        return []
    unexpected = [r for r in records if not isinstance(r, allowed)]
    assert not unexpected, unexpected
    if last is not None:
        assert records, f"no {last.__name__} at the end of a successful parse"
        assert isinstance(records[-1], last), records[-1]
    return records

"""jalin's own backup (``jalin export``): recognised here, restored by the backup service.

A backup is not a stream of records to merge into a network: it *is* a network, restored whole
into an empty one. ``parse`` therefore yields nothing; :func:`load` reads the document.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from jalin.importers.base import FormatError, ImportOptions, ImportSource, Record

NAME = "backup"
DESCRIPTION = "a jalin backup written by `jalin export`"

_MARK = re.compile(rb'"format"\s*:\s*"jalin-backup"')


def sniff(head: bytes, filename: str) -> float:
    """Return 1.0 for a JSON document that declares itself a jalin backup."""
    return (
        1.0 if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and _MARK.search(head) else 0.0
    )


def load(source: ImportSource) -> Any:
    """Return the backup document; :class:`FormatError` names the line of a JSON fault."""
    with source.open() as stream:
        raw = stream.read()
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise FormatError(f"a backup must be UTF-8 ({error.reason})") from None
    except json.JSONDecodeError as error:
        raise FormatError(error.msg, line=error.lineno) from None


def parse(source: ImportSource, options: ImportOptions) -> Iterator[Record]:
    """Yield nothing: a backup is restored whole (see the module doc)."""
    yield from ()

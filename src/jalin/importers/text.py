"""Reading an export's bytes as text: encodings, line ends and invisible characters.

Exports arrive as UTF-8 with or without a BOM, UTF-16 with or without a BOM, Windows-1252 from
an old Outlook, or with a charset declared inside (vCard 2.1). Lines end in LF, CRLF, or even
CR CR LF (iPhone mail). This module decides once per file and hands the parsers clean,
numbered lines (research/formats.md §1).
"""

from __future__ import annotations

import codecs
import io
from typing import BinaryIO

CHUNK = 1 << 20

_INVISIBLE = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\ufeff\u2066\u2067\u2068\u2069")
)
_SPACES = {ord("\u00a0"): " ", ord("\u202f"): " ", ord("\u2009"): " ", ord("\u2007"): " "}
_NORMALISE = {**_INVISIBLE, **_SPACES, ord("\u2011"): "-"}


def detect_encoding(open_stream, declared: str | None = None) -> str:
    """Return the encoding to read a file with; ``open_stream()`` opens its bytes afresh.

    Order: a declared charset; a BOM; UTF-16 without a BOM (every other byte zero in the
    first kilobytes); UTF-8 when the whole file decodes strictly; else Windows-1252, which
    decodes any byte (the usual culprit for non-UTF-8 address books, formats.md §1).
    """
    if declared:
        try:
            return codecs.lookup(declared).name
        except LookupError:
            pass
    with open_stream() as stream:
        head = stream.read(4096)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        utf16 = _utf16_without_bom(head)
        if utf16:
            return utf16
        decoder = codecs.getincrementaldecoder("utf-8")("strict")
        try:
            decoder.decode(head)
            while chunk := stream.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8"


def _utf16_without_bom(head: bytes) -> str | None:
    sample = head[:2048]
    if len(sample) < 8:
        return None
    even_zeros = sample[0::2].count(0) / len(sample[0::2])
    odd_zeros = sample[1::2].count(0) / len(sample[1::2])
    if even_zeros > 0.4 and odd_zeros < 0.05:
        return "utf-16-be"
    if odd_zeros > 0.4 and even_zeros < 0.05:
        return "utf-16-le"
    return None


def open_text(stream: BinaryIO, encoding: str) -> io.TextIOWrapper:
    """Wrap a binary stream as text with universal line ends (LF, CRLF and CR all end a line).

    Undecodable bytes (possible only with a declared charset that lies) become U+FFFD rather
    than stopping the import.
    """
    return io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline=None)


def normalise_invisible(text: str) -> str:
    """Return ``text`` with direction marks and BOMs removed and odd spaces made plain.

    Use it before matching a pattern (a timestamp, a phone number); store the original.
    """
    return text.translate(_NORMALISE)

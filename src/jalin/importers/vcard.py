"""vCard address books (.vcf), versions 2.1, 3.0 and 4.0: one contact per card.

The file is split into cards here, line by line from the bytes, so memory holds one card at a
time and a broken card is skipped (reported at its ``BEGIN:VCARD`` line) while the rest import.
vobject then reads each card's content lines (group, name, parameters, quoting). Around it, this
module handles what real exports do (research/formats.md §3):

* **Line ends and encodings.** LF, CRLF, CR and the iPhone's CR CR LF end lines. UTF-16 with or
  without a BOM is found by :func:`text.detect_encoding`; otherwise each property is decoded on
  its own: by its ``CHARSET`` (``UTF-8``, ``windows-1252``, ``SHIFT_JIS``…), else as UTF-8, else
  as Windows-1252, so one Latin-1 card does not turn a UTF-8 address book into mojibake.
* **Quoted-printable** (2.1): a value ending in ``=`` continues on the next, unindented line.
  Soft breaks are joined as bytes and decoded afterwards (a break may split a UTF-8 character),
  here rather than in vobject, which assumes UTF-8 when no charset is given. The Bat!'s
  ``Iksi=F1ski`` has none: it reads as Windows-1252 ``ñ`` (ISO-8859-2 would say ``ń``).
* **Folding**: a line starting with a blank continues the previous one. A line without a colon
  continues the previous value too: broken producers do not fold (tine20's ``LABEL``), and 2.1
  base64 blocks may not be indented.
* **Only the properties read here reach vobject**: photos, logos, sounds and keys are dropped
  as they stream past, and so are properties vobject trips on (``PROFILE:VCard``, an ``AGENT``
  nesting a card). A card vobject cannot read is retried without the lines it rejects.
* **Bare commas are escaped first**: vobject 0.9.9 reads every text value as a comma list and
  keeps the first item (``FN:A, B`` gives ``A``; py-vobject issue 55), yet 2.1 exporters and
  Gmail do not escape commas. N, ADR and ORG stay raw (``transform=False``) and are split here.
* **Labels**: ``itemN.X-ABLabel`` labels its group's TEL/EMAIL (Apple's ``_$!<Other>!$_``
  unwrapped); else the TYPE values are the label, lower-cased, without ``pref``/``voice``/
  ``internet``, from ``TYPE=`` lists, quoted lists and 2.1 bare types (``TEL;CELL;PREF``). A
  4.0 ``tel:`` URI loses its scheme; numbers are otherwise kept as written.
* **Birthdays**: ``1980-03-22``, ``19800322``, ``--0203``, ``--02-03`` (a time after ``T`` is
  ignored); ``X-APPLE-OMIT-YEAR`` or a year before 1900 means the year is unknown. An Android
  ``X-ANDROID-CUSTOM`` contact_event of type 3 is a birthday; its nickname rows are nicknames.
* **Names**: FN; else N (prefix, given, additional, family, suffix); else the first ORG (a
  company card); else the card is skipped. A TITLE without an ORG is no affiliation.
* **Categories** split on commas, escaped or not (Thunderbird writes ``a\\, b`` for two); the
  system groups ``My Contacts``, ``myContacts`` and ``starred`` are dropped.
* **Keys**: the UID (4.0's ``urn:uuid:`` removed, so 3.0 and 4.0 exports agree), else
  :func:`contact_key`. :func:`contact_key`, :func:`parse_birthday` and :func:`one_line` serve
  the CSV importers too.
"""

from __future__ import annotations

import binascii
import codecs
import functools
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from vobject.base import ContentLine, VObjectError, parseLine
from vobject.vcard import VCard3_0

from jalin.domain.errors import InvalidInput
from jalin.domain.normalise import birthday as checked_birthday
from jalin.domain.normalise import fold_name
from jalin.importers import text
from jalin.importers.base import (
    Affiliation,
    ContactRecord,
    FormatError,
    ImportOptions,
    ImportSource,
    Record,
    Skipped,
)

NAME = "vcard"
DESCRIPTION = "vCard address book (.vcf): phones, Google, Outlook, iCloud; 2.1, 3.0 and 4.0"

_STRUCTURED = frozenset({b"N", b"ADR", b"ORG", b"CATEGORIES"})
_WANTED = frozenset(
    b"FN N NICKNAME TEL EMAIL URL UID ADR ORG TITLE BDAY CATEGORIES NOTE X-ABLABEL "
    b"X-ANDROID-CUSTOM X-SOCIALPROFILE".split()
)
_NOISE_TYPES = frozenset({"pref", "voice", "internet", "x400"})
SYSTEM_GROUPS = frozenset({"my contacts", "mycontacts", "starred"})
_BOM = b"\xef\xbb\xbf"
_CHARSET = re.compile(rb';\s*CHARSET\s*=\s*"?([^;:,"]+)', re.IGNORECASE)
_QP_PARAM = re.compile(rb';\s*(?:ENCODING\s*=\s*)?"?QUOTED-PRINTABLE"?', re.IGNORECASE)
_BARE_COMMA = re.compile(r"(?<!\\)((?:\\\\)*),")
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")
_FULL_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")
_NOT_DIGIT = re.compile(r"\D")


def sniff(head: bytes, filename: str) -> float:
    """Return 0.95 when the file starts with ``BEGIN:VCARD`` (in UTF-8 or UTF-16), less when
    the marker only appears later or only the name says ``.vcf``."""
    if head.count(0) > len(head) // 4:
        head = head.replace(b"\x00", b"")
    sample = head.lstrip(b"\xef\xbb\xbf\xfe\xff \t\r\n").upper()
    if sample.startswith(b"BEGIN:VCARD"):
        return 0.95
    if b"BEGIN:VCARD" in sample:
        return 0.7
    return 0.3 if filename.lower().endswith((".vcf", ".vcard")) else 0.0


def parse(source: ImportSource, options: ImportOptions) -> Iterator[Record]:
    """Yield a :class:`ContactRecord` per card, or :class:`Skipped` for a card that is not
    closed, that vobject cannot read, or that names nobody. Raise :class:`FormatError` when
    the file holds no ``BEGIN:VCARD`` at all."""
    encoding = text.detect_encoding(source.open)
    honour_charset = not encoding.startswith("utf-16")
    seen: set[str] = set()
    found = False
    with source.open() as stream:
        for card in _cards(_physical_lines(stream, encoding)):
            found = True
            if not card.closed:
                yield Skipped(card.line, "card not closed by END:VCARD")
                continue
            yield _read_card(card, honour_charset, seen)
    if not found:
        raise FormatError("not a vCard file: no BEGIN:VCARD line")


def contact_key(
    source: str, name: str, emails: Sequence[tuple[str, str]], phones: Sequence[tuple[str, str]]
) -> str:
    """Return a stable key for an entry with no id of its own: ``source:`` plus a hash.

    The hash covers the folded name and the first email (lower-cased) or, when there is none,
    the digits of the first phone. Editing anything else (notes, labels, order of the file, a
    second number) keeps the key, so re-importing an edited export updates the same people;
    a renamed contact gets a new key and is left to identity resolution.
    """
    email = emails[0][0].strip().lower() if emails else ""
    phone = "" if email or not phones else _NOT_DIGIT.sub("", phones[0][0])
    basis = "\x1f".join((fold_name(text.normalise_invisible(name)), email, phone))
    return f"{source}:{hashlib.sha1(basis.encode()).hexdigest()[:20]}"


def unique_key(key: str, seen: set[str]) -> str:
    """Return ``key``, or ``key#2``, ``key#3``… when an earlier entry of the file had it."""
    candidate, number = key, 1
    while candidate in seen:
        number += 1
        candidate = f"{key}#{number}"
    seen.add(candidate)
    return candidate


def parse_birthday(raw: str, *, omit_year: bool = False) -> tuple[int | None, int, int] | None:
    """Return ``(year or None, month, day)`` from an ISO-like date, or ``None`` if it is none.

    Accepts ``1980-03-22``, ``19800322``, ``--0322``, ``--03-22``, surrounding blanks and a
    time after ``T``. A year before 1900 or in the future is a placeholder (Apple's 1604,
    ``0000``): the day is kept without it, as it is when ``omit_year`` says so.
    """
    value = raw.strip().split("T", 1)[0]
    full = _FULL_DATE.fullmatch(value)
    candidates = [] if full and omit_year else [value]
    candidates += [f"--{full[2]}{full[3]}"] if full else []
    for candidate in candidates:
        try:
            return checked_birthday(candidate)
        except InvalidInput:
            continue
    return None


@dataclass
class _Card:
    line: int
    lines: list[tuple[bytes, bytearray]] = field(default_factory=list)
    closed: bool = False


def _physical_lines(stream: BinaryIO, encoding: str) -> Iterator[tuple[int, bytes]]:
    """Yield ``(number, bytes)`` per line; LF, CRLF and CR end lines (CR CR LF ends two)."""
    lines: Iterable[bytes] = stream
    if encoding.startswith("utf-16"):
        lines = (line.encode("utf-8") for line in text.open_text(stream, encoding))
    number = 0
    for raw in lines:
        if raw.endswith(b"\n"):
            raw = raw[:-1]
        if raw.endswith(b"\r"):
            raw = raw[:-1]
        if raw.startswith(_BOM):
            raw = raw[3:]
        for piece in raw.split(b"\r") if b"\r" in raw else (raw,):
            number += 1
            yield number, piece


def _cards(lines: Iterable[tuple[int, bytes]]) -> Iterator[_Card]:
    """Group lines into cards of unfolded logical lines, keeping only the wanted properties."""
    card: _Card | None = None
    current: bytearray | None = None  # the logical line being unfolded; None when dropped
    soft_break = False  # the previous line ended in a quoted-printable "="
    depth = 0  # components nested in the card (a 2.1 AGENT card)
    last_name = b""
    for number, raw in lines:
        if soft_break:
            if current is not None:
                del current[-1]
                current += raw
            soft_break = raw.endswith(b"=")
            continue
        if not raw.strip():
            continue
        if raw[0] in b" \t":
            if current is not None:
                current += raw[1:]
            continue
        colon = raw.find(b":")
        if colon < 0:
            if current is not None:
                current += b"\\n" + raw
            continue
        head = raw[:colon]
        name = head.split(b";", 1)[0].strip().upper()
        name = name[name.find(b".") + 1 :]
        current = None
        if name == b"BEGIN":
            nested = card is not None and (depth or last_name == b"AGENT")
            if raw[colon + 1 :].strip().upper() == b"VCARD" and not nested:
                if card is not None:
                    yield card
                card, depth, last_name = _Card(number), 0, b""
            elif card is not None:
                depth += 1
        elif name == b"END" and card is not None:
            if depth:
                depth -= 1
            elif raw[colon + 1 :].strip().upper() == b"VCARD":
                card.closed = True
                yield card
                card = None
        elif card is not None and not depth:
            last_name = name
            if name in _WANTED:
                current = bytearray(raw)
                card.lines.append((name, current))
            soft_break = raw.endswith(b"=") and b"QUOTED-PRINTABLE" in head.upper()
    if card is not None:
        yield card


@functools.lru_cache(maxsize=64)
def _codec(charset: str) -> str | None:
    """Return Python's name for a declared charset, or None if it is no text encoding."""
    try:
        info = codecs.lookup(charset)
    except (LookupError, ValueError):  # unknown, or not even a name ("windows\x00-1252")
        return None
    return info.name if info._is_text_encoding else None


def _decode(data: bytes, charset: str | None) -> str:
    """Decode by the declared charset, else as UTF-8, else as Windows-1252 (never fails)."""
    if charset and (codec := _codec(charset)):
        try:
            return data.decode(codec, "replace")
        except UnicodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _decode_line(name: bytes, line: bytearray, honour_charset: bool) -> str:
    """Return one logical line as text: charset and quoted-printable decoded, and the bare
    commas of a single-valued property escaped so that vobject keeps the whole value."""
    colon = line.find(b":")
    head, value = bytes(line[:colon]), bytes(line[colon + 1 :])
    upper = head.upper() if b";" in head else b""
    charset = None
    if honour_charset and b"CHARSET" in upper and (match := _CHARSET.search(head)):
        charset = match[1].strip().decode("ascii", "replace")
    if b"QUOTED-PRINTABLE" in upper:
        head = _QP_PARAM.sub(b"", head)
        text_value = _decode(binascii.a2b_qp(value), charset)
        text_value = text_value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")
    else:
        text_value = _decode(value, charset)
    if name not in _STRUCTURED and "," in text_value:
        text_value = _BARE_COMMA.sub(r"\1\\,", text_value)
    return f"{_decode(head, charset)}:{text_value}"


def _read_card(card: _Card, honour_charset: bool, seen: set[str]) -> Record:
    """Read a card's content lines with vobject (leaving out lines it cannot read)."""
    children = []
    for name, line in card.lines:
        decoded = _decode_line(name, line, honour_charset)
        try:
            child = _Line(*parseLine(decoded), encoded=True)
            child.parentBehavior = VCard3_0
            child.autoBehavior()  # vobject's unescaping of the value, as in a whole card
        except (VObjectError, ValueError, LookupError):
            continue
        children.append(child)
    return _record(card.line, children, seen)


class _Line(ContentLine):
    """vobject's content line without its costly attribute hook.

    ``ContentLine.__setattr__`` routes every attribute through Python code (to map
    ``x_param`` names to parameters); it was most of the time of reading a large address
    book, and nothing here sets parameters through attributes.
    """

    __setattr__ = object.__setattr__


def _text(value: object) -> str:
    """Return a text value as vobject decoded it, with the ``\\:`` it leaves (Gmail) fixed."""
    return str(value).replace("\\:", ":").strip()


def _components(value: str, separator: str = ";") -> list[str]:
    """Split a structured value (N, ADR, ORG) on unescaped separators, then unescape."""
    if "\\" not in value:
        return value.split(separator)
    parts, current, chars = [], [], iter(value)
    for char in chars:
        if char == "\\":
            escaped = next(chars, "")
            current.append("\n" if escaped in "nN" and escaped else escaped)
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def one_line(text_value: str) -> str:
    """Return an address part on one line: its lines joined with commas, blanks collapsed."""
    lines = (" ".join(line.split()).strip(" ,") for line in text_value.splitlines())
    return ", ".join(line for line in lines if line)


def _label(line: ContentLine, labels: dict[str, str]) -> str:
    """Return a TEL/EMAIL label: its group's X-ABLabel, else its TYPE values."""
    if line.group and (label := labels.get(line.group.lower())):
        return label
    types = [t for value in line.params.get("TYPE", ()) for t in value.split(",")]
    types += line.singletonparams
    kept = (t.strip().lower() for t in types)
    return " ".join(dict.fromkeys(t for t in kept if t and t not in _NOISE_TYPES))


def _record(line: int, children: Iterable[ContentLine], seen: set[str]) -> Record:
    """Return the contact a card's content lines describe (see the module docstring)."""
    children = list(children)
    labels = {}
    for child in children:
        if child.name == "X-ABLABEL" and child.group:
            label = _text(child.value)
            match = _APPLE_LABEL.fullmatch(label)
            labels[child.group.lower()] = match[1] if match else label
    full_name = nickname = uid = linkedin = city = ""
    n: list[str] = []
    phones, emails, urls, addresses, notes, categories = [], [], [], [], [], []
    orgs, titles = [], []
    birthday = android_birthday = None
    for child in children:
        name, value = child.name, child.value
        if name == "FN":
            full_name = full_name or " ".join(_text(value).split())
        elif name == "N":
            n = n or [part.strip() for part in _components(value)]
        elif name == "TEL":
            number = _text(value)
            number = number[4:].strip() if number[:4].lower() == "tel:" else number
            if number:
                phones.append((number, _label(child, labels)))
        elif name == "EMAIL":
            address = _text(value)
            address = address[7:] if address[:7].lower() == "mailto:" else address
            if address:
                emails.append((address, _label(child, labels)))
        elif name in ("URL", "X-SOCIALPROFILE") and (url := _text(value)):
            if "linkedin.com/in/" in url.lower():
                linkedin = linkedin or url
            if name == "URL":
                urls.append(url)
        elif name == "UID":
            uid = uid or _text(value)
            uid = uid[9:] if uid[:9].lower() == "urn:uuid:" else uid
        elif name == "ADR":
            parts = [*map(one_line, _components(value)), "", "", "", "", "", "", ""]
            addresses.append(", ".join(p for p in parts[:7] if p))
            city = city or parts[3]
        elif name == "ORG":
            orgs.append([part.strip() for part in _components(value)])
        elif name == "TITLE":
            titles.append(_text(value))
        elif name == "BDAY" and birthday is None:
            birthday = parse_birthday(_text(value), omit_year="X-APPLE-OMIT-YEAR" in child.params)
        elif name == "CATEGORIES":
            items = value if isinstance(value, list) else [value]
            categories += [c.strip() for item in items for c in _text(item).split(",")]
        elif name == "NOTE":
            notes.append(_text(value))
        elif name == "NICKNAME":
            nickname = nickname or _text(value)
        elif name == "X-ANDROID-CUSTOM":
            kind, *data = [*_text(value).split(";"), "", "", ""]
            if kind.endswith("/nickname") and not nickname:
                nickname = data[0].strip()
            elif kind.endswith("/contact_event") and data[1].strip() == "3":
                android_birthday = android_birthday or parse_birthday(data[0])
    affiliations = tuple(
        Affiliation(org[0], titles[i] if i < len(titles) else "", ", ".join(filter(None, org[1:])))
        for i, org in enumerate(orgs)
        if org[0]
    )
    n += [""] * 5
    display = full_name or " ".join(p for p in (n[3], n[1], n[2], n[0], n[4]) if p)
    display = display or (affiliations[0].organisation if affiliations else "")
    if not display:
        return Skipped(line, "card names nobody: no FN, N or ORG")
    key = uid or unique_key(contact_key(NAME, display, emails, phones), seen)
    return ContactRecord(
        line=line,
        key=key,
        name=display,
        given_name=n[1],
        family_name=n[0],
        nickname=nickname,
        phones=tuple(phones),
        emails=tuple(emails),
        urls=tuple(urls),
        linkedin=linkedin,
        uid=uid,
        affiliations=affiliations,
        birthday=birthday or android_birthday,
        addresses=tuple(a for a in addresses if a),
        city=city,
        notes="\n".join(note for note in notes if note),
        categories=tuple(
            dict.fromkeys(c for c in categories if c and c.casefold() not in SYSTEM_GROUPS)
        ),
    )

"""LinkedIn's data export: ``Connections.csv``, ``messages.csv`` and ``Invitations.csv``.

One module reads all three, choosing by the header row (research/formats.md §6). Quirks handled:

* ``Connections.csv`` opens with a ``Notes:`` line, a quoted paragraph and a blank line before
  the header (a plain ``csv.DictReader`` would see no rows), often after a UTF-8 BOM; the
  header is looked for in the first rows and columns are mapped by name, because LinkedIn
  adds and drops columns (older exports have no ``URL``).
* ``Connected On`` is ``09 Dec 2014`` with English month names, read without the locale.
* Company and position hold quoted commas; ``CONTENT`` in ``messages.csv`` holds quoted line
  breaks, so a record's line is where it starts, not where it ends.
* Degrees in last names (``"Rangkuti, MBA"``) stay in the name: identity resolution strips
  them. A mononym's placeholder last name (``.``, ``-``, or the first name repeated) is dropped.
* ``messages.csv`` rows become conversations (:mod:`jalin.importers.conversations`): grouped by
  ``CONVERSATION ID`` (old exports have none: grouped by the other person) and split by
  silence. "Me" is whoever ``options.me_names`` names (as sender or recipient); otherwise
  the participant present in the most conversations (LinkedIn has no other way to say), else
  the ``DIRECTION`` column of old exports; when none of these tells, :class:`FormatError`
  asks for ``--me``. Drafts are not messages. A row with the wrong number of fields or an
  unreadable date is skipped with its line.
* ``Invitations.csv`` rows become contacts with who asked to connect (``Direction``
  ``OUTGOING`` is me) and the day it was sent as when we met.

``messages.csv`` is read whole before conversations are formed (a conversation's rows need
not be adjacent); the other two files stream row by row.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime

from jalin.importers.base import (
    Affiliation,
    ContactRecord,
    FormatError,
    ImportOptions,
    ImportSource,
    PersonRef,
    Record,
    Skipped,
)
from jalin.importers.conversations import Message, conversation_record, split_conversations
from jalin.importers.text import detect_encoding, open_text

NAME = "linkedin"
DESCRIPTION = "LinkedIn data export: Connections.csv, messages.csv, Invitations.csv"

PREAMBLE_ROWS = 10
"""How many rows may come before the header (the ``Notes:`` preamble takes three)."""

_SIGNATURES = {
    "connections": {"FIRST NAME", "LAST NAME", "CONNECTED ON"},
    "invitations": {"FROM", "TO", "SENT AT", "DIRECTION"},
    "messages": {"FROM", "TO", "DATE", "CONTENT"},
}
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3})[a-z]*[ -](\d{4})$")
_PLACEHOLDER_SURNAMES = {".", "-", "–", "_"}
_URL_SPLIT = re.compile(r"[;,\s]+")
_TRUE = {"true", "yes", "1"}
Rows = Iterator[tuple[int, list[str] | str]]
IsMe = Callable[[dict[str, str]], bool]


def sniff(head: bytes, filename: str) -> float:
    """Return 0.95 when a LinkedIn header row is among the first lines of ``head``, else 0.

    The header decides, not the file name: users rename files, and other CSVs share names.
    """
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff")
    for line in text.splitlines()[:PREAMBLE_ROWS]:
        if _kind_of([cell.strip().strip('"') for cell in line.split(",")]):
            return 0.95
    return 0.0


def parse(source: ImportSource, options: ImportOptions) -> Iterator[Record]:
    """Yield the records of one LinkedIn CSV, whichever of the three it is.

    Raises :class:`FormatError` when no LinkedIn header is found in the first rows.
    """
    rows = _rows(source)
    for line, row in rows:
        if isinstance(row, str):
            continue
        kind = _kind_of(row)
        if kind:
            columns = [name.strip().upper() for name in row]
            reader = {"connections": _connections, "invitations": _invitations}
            yield from reader.get(kind, _messages)(rows, columns, options)
            return
        if line > PREAMBLE_ROWS:
            break
    raise FormatError("no LinkedIn header (Connections, messages or Invitations) found")


def _kind_of(cells: list[str]) -> str | None:
    names = {cell.strip().upper() for cell in cells}
    for kind, required in _SIGNATURES.items():
        if required <= names:
            return kind
    return None


def _rows(source: ImportSource) -> Rows:
    """Yield ``(line where the row starts, cells)``; a row the csv module rejects is a string."""
    encoding = detect_encoding(source.open)
    with source.open() as stream:
        reader = csv.reader(open_text(stream, encoding))
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield start, f"unreadable row: {error}"
                continue
            if any(cell.strip() for cell in row):
                yield start, [cell.lstrip("\ufeff") for cell in row]


def _fields(row: list[str] | str, columns: list[str], line: int) -> dict[str, str] | Skipped:
    """Return a row's cells by column name, or why the row cannot be read."""
    if isinstance(row, str):
        return Skipped(line, row)
    if len(row) != len(columns):
        return Skipped(line, f"expected {len(columns)} fields, found {len(row)}")
    return {name: cell.strip() for name, cell in zip(columns, row, strict=True)}


def _connections(rows: Rows, columns: list[str], options: ImportOptions) -> Iterator[Record]:
    for line, row in rows:
        cells = _fields(row, columns, line)
        if isinstance(cells, Skipped):
            yield cells
            continue
        first, url = cells.get("FIRST NAME", ""), cells.get("URL", "")
        last = cells.get("LAST NAME", "")
        if last in _PLACEHOLDER_SURNAMES or last.casefold() == first.casefold():
            last = ""
        name = f"{first} {last}".strip()
        if not name and not url:
            yield Skipped(line, "a connection with neither a name nor a profile URL")
            continue
        email = cells.get("EMAIL ADDRESS", "")
        company, position = cells.get("COMPANY", ""), cells.get("POSITION", "")
        yield ContactRecord(
            line=line,
            key=url or f"line:{line}",
            name=name,
            given_name=first,
            family_name=last,
            emails=((email, ""),) if email else (),
            linkedin=url,
            affiliations=(Affiliation(company, position),) if company else (),
            met_on=connected_on(cells.get("CONNECTED ON", "")),
        )


def connected_on(value: str) -> date | None:
    """Return the date of ``09 Dec 2014`` (or ISO ``2014-12-09``); ``None`` when unreadable.

    Month names are matched on their first three English letters, never through the locale.
    """
    value = value.strip()
    match = _DAY_MONTH_YEAR.match(value)
    try:
        if match:
            month = _MONTHS.get(match.group(2).lower())
            return date(int(match.group(3)), month, int(match.group(1))) if month else None
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _invitations(rows: Rows, columns: list[str], options: ImportOptions) -> Iterator[Record]:
    me = {name.casefold() for name in options.me_names}
    for line, row in rows:
        cells = _fields(row, columns, line)
        if isinstance(cells, Skipped):
            yield cells
            continue
        direction = cells.get("DIRECTION", "").upper()
        if direction not in ("OUTGOING", "INCOMING") and me:
            direction = "OUTGOING" if cells.get("FROM", "").casefold() in me else "INCOMING"
        if direction == "OUTGOING":
            name, url, by = cells.get("TO", ""), cells.get("INVITEEPROFILEURL", ""), "me"
        elif direction == "INCOMING":
            name, url, by = cells.get("FROM", ""), cells.get("INVITERPROFILEURL", ""), "them"
        else:
            yield Skipped(line, f"unknown Direction {cells.get('DIRECTION', '')!r}")
            continue
        if not name and not url:
            yield Skipped(line, "an invitation naming no one")
            continue
        sent = sent_at(cells.get("SENT AT", ""))
        yield ContactRecord(
            line=line,
            key=url or f"line:{line}",
            name=name,
            linkedin=url,
            met_on=sent.astimezone(options.zone).date() if sent else None,
            initiated_by=by,
            notes=cells.get("MESSAGE", "") if options.keep_text else "",
        )


def sent_at(value: str) -> datetime | None:
    """Return the UTC instant of ``2024-03-15 09:30:00 UTC`` (or ISO ``2019-11-06T02:08:20``).

    LinkedIn writes UTC; a time without a zone is taken as UTC too. ``None`` when unreadable.
    """
    value = value.strip().removesuffix("UTC").strip()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _messages(rows: Rows, columns: list[str], options: ImportOptions) -> Iterator[Record]:
    chats: dict[str, list[tuple[int, datetime, dict[str, str]]]] = {}
    for line, row in rows:
        cells = _fields(row, columns, line)
        if isinstance(cells, Skipped):
            yield cells
            continue
        if cells.get("IS MESSAGE DRAFT", "").lower() in _TRUE:
            continue
        at = sent_at(cells.get("DATE", ""))
        if at is None:
            yield Skipped(line, f"unreadable DATE {cells.get('DATE', '')!r}")
            continue
        chats.setdefault(_chat_key(cells), []).append((line, at.astimezone(options.zone), cells))
    if not chats:
        return
    is_me, mine = _who_is_me(chats, options)
    for chat_key, rows_of_chat in chats.items():
        rows_of_chat.sort(key=lambda item: item[1])
        members = _members(rows_of_chat, is_me, mine)
        if not members:
            yield Skipped(rows_of_chat[0][0], "a conversation with no one but me")
            continue
        messages = [
            Message(
                line=line,
                at=at,
                author=None if is_me(cells) else _sender(cells),
                text=cells.get("CONTENT", "") or cells.get("SUBJECT", ""),
            )
            for line, at, cells in rows_of_chat
        ]
        title = rows_of_chat[0][2].get("CONVERSATION TITLE", "")
        for run in split_conversations(messages):
            yield conversation_record(
                run,
                chat_key=f"linkedin:{chat_key}",
                source="linkedin",
                members=members,
                keep_text=options.keep_text,
                group=title if len(members) > 1 else "",
            )


def _chat_key(cells: dict[str, str]) -> str:
    """The conversation id; old exports without one group by the other person."""
    if cells.get("CONVERSATION ID"):
        return cells["CONVERSATION ID"]
    outgoing = cells.get("DIRECTION", "").upper() == "OUTGOING"
    return "with:" + (cells.get("TO") if outgoing else cells.get("FROM", "")).casefold()


def _sender(cells: dict[str, str]) -> PersonRef:
    return PersonRef(name=cells.get("FROM", ""), linkedin=cells.get("SENDER PROFILE URL", ""))


def _recipients(cells: dict[str, str]) -> list[PersonRef]:
    urls = [u for u in _URL_SPLIT.split(cells.get("RECIPIENT PROFILE URLS", "")) if u]
    name = cells.get("TO", "")
    if len(urls) <= 1:
        return [PersonRef(name=name, linkedin=urls[0] if urls else "")]
    names = [n.strip() for n in name.split(",")]
    if len(names) != len(urls):
        names = [""] * len(urls)
    return [PersonRef(name=n, linkedin=u) for n, u in zip(names, urls, strict=True)]


def _identity(person: PersonRef) -> str:
    return person.linkedin or person.name.casefold()


def _who_is_me(chats: dict, options: ImportOptions) -> tuple[IsMe, set[str]]:
    """Return a test telling whether a row was written by the owner, and the names and profile
    URLs that are the owner's (see the module doc)."""
    rows = [cells for chat in chats.values() for _, _, cells in chat]
    names = {name.casefold() for name in options.me_names}
    named = {p.name.casefold() for cells in rows for p in [_sender(cells), *_recipients(cells)]}
    if names & named:
        test = lambda cells: cells.get("FROM", "").casefold() in names  # noqa: E731
        return test, _identities(rows, test) | names
    presence: Counter[str] = Counter()
    for chat in chats.values():
        people = {_identity(_sender(cells)) for _, _, cells in chat}
        people |= {_identity(p) for _, _, cells in chat for p in _recipients(cells)}
        presence.update(people - {""})
    ranked = presence.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        me = ranked[0][0]
        test = lambda cells: _identity(_sender(cells)) == me  # noqa: E731
        return test, _identities(rows, test) | {me}
    if all("DIRECTION" in cells for cells in rows):
        test = lambda cells: cells["DIRECTION"].upper() == "OUTGOING"  # noqa: E731
        received = {cells.get("TO", "").casefold() for cells in rows if not test(cells)}
        return test, _identities(rows, test) | received - {""}
    raise FormatError("cannot tell which sender is you in these messages: pass --me NAME")


def _identities(rows: list[dict[str, str]], is_me: IsMe) -> set[str]:
    """The profile URLs and names of the owner's own rows."""
    found = {key for cells in rows if is_me(cells) for key in _keys(_sender(cells))}
    return found - {""}


def _keys(person: PersonRef) -> tuple[str, str]:
    return _identity(person), person.name.casefold()


def _members(rows_of_chat: list, is_me: IsMe, mine: set[str]) -> tuple[PersonRef, ...]:
    """The conversation's other people: every sender and recipient who is not the owner."""
    found: dict[str, PersonRef] = {}
    for _, _, cells in rows_of_chat:
        people = _recipients(cells) if is_me(cells) else [_sender(cells), *_recipients(cells)]
        for person in people:
            key, name = _keys(person)
            if key and key not in mine and name not in mine:
                found.setdefault(key, person)
    return tuple(found.values())

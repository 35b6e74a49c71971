"""Google Contacts CSV exports ("Google CSV"), both header generations: one contact per row.

Quirks handled (research/formats.md §4):

* **Two generations of headers.** Legacy exports name the columns ``Name, Given Name,
  Additional Name, Family Name, … Group Membership`` with blocks ``E-mail 1 - Type`` /
  ``E-mail 1 - Value``; current ones ``First Name, Middle Name, Last Name, … File As,
  Organization Name, Organization Title, … Labels`` with ``E-mail 1 - Label``. Both map to
  one plan, column by column, by name: the number of repeated blocks (``Phone 3 - Value``…)
  depends on the data, so no position is assumed.
* **Several values in one cell**, joined by `` ::: `` (``0813-… ::: +62 819 …``), each
  taking the block's label. A leading ``* `` marks the primary value's label (``* Home``)
  and Google's system groups: ``* myContacts``, ``* My Contacts`` and ``* starred`` are
  dropped from the labels (categories); other groups keep their name without the star.
* **Quoted cells spanning lines** (notes, formatted addresses) and doubled quotes: the csv
  module reads the text stream as it comes; every record carries the line its row starts on.
* **Birthdays** ``1990-04-15`` and year-less `` --04-15`` (with Google's leading blank).
* Phone numbers stay as typed; a ``linkedin.com/in/`` website also fills ``linkedin``.
* Rows have no id, so the key is :func:`jalin.importers.vcard.contact_key`. A row naming
  nobody (no name parts, File As, nickname or organisation) is skipped.

The CSV helpers here (:func:`read_rows`, :func:`head_row`) serve the Outlook importer too.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

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
from jalin.importers.vcard import (
    SYSTEM_GROUPS,
    contact_key,
    one_line,
    parse_birthday,
    unique_key,
)

NAME = "google-csv"
DESCRIPTION = "Google Contacts CSV export (“Google CSV”, old and new column names)"

MULTI = ":::"  # Google writes " ::: "; the blanks are stripped from the parts
BLOCK = re.compile(
    r"(E-mail|Phone|Address|Website|Organization|Relation|Event|Custom Field|IM) (\d+) - (.+)",
    re.IGNORECASE,
)
_SIMPLE = {
    "name": "name",
    "given name": "given",
    "first name": "given",
    "additional name": "middle",
    "middle name": "middle",
    "family name": "family",
    "last name": "family",
    "name prefix": "prefix",
    "name suffix": "suffix",
    "nickname": "nickname",
    "file as": "file_as",
    "birthday": "birthday",
    "notes": "notes",
    "group membership": "groups",
    "labels": "groups",
    "organization name": "org",
    "organization title": "title",
    "organization department": "department",
}
_ADDRESS_PARTS = (
    "street",
    "extended address",
    "po box",
    "city",
    "region",
    "postal code",
    "country",
)


def sniff(head: bytes, filename: str) -> float:
    """Return 0.95 for a header with Google's group column (``Group Membership`` or
    ``Labels``) and its ``E-mail 1 - Value``-style blocks, 0.8 for the blocks alone."""
    columns = {cell.casefold() for cell in head_row(head)}
    blocks = any(BLOCK.fullmatch(cell) for cell in columns)
    if blocks and columns & {"group membership", "labels"}:
        return 0.95
    return 0.8 if blocks and columns & {"given name", "first name", "name"} else 0.0


def first_line(head: bytes) -> str:
    """Return the first line of a file whose first bytes are ``head``, decoded as
    :func:`text.detect_encoding` would decode the whole file."""
    encoding = text.detect_encoding(lambda: io.BytesIO(head))
    return next(iter(head.decode(encoding, "replace").splitlines()), "")


def head_row(head: bytes, delimiters: str = ",") -> list[str]:
    """Return the header cells of a CSV whose first bytes are ``head``, cleaned for matching.

    The delimiter is the one of ``delimiters`` that the first line holds most of.
    """
    line = first_line(head)
    delimiter = max(delimiters, key=line.count)
    return [clean_header(cell) for cell in next(csv.reader([line], delimiter=delimiter), [])]


def clean_header(cell: str) -> str:
    """Return a header cell without invisible characters, quotes and surrounding blanks."""
    return text.normalise_invisible(cell).strip().strip('"').strip()


def read_rows(
    source: ImportSource, delimiter: str = ","
) -> Iterator[tuple[int, list[str]] | Skipped]:
    """Yield ``(line where the row starts, cells)`` for every row, the header first.

    The file is decoded as :func:`text.detect_encoding` says and read as a stream, so quoted
    cells may span lines. A row the csv module rejects (a cell over its size limit) becomes
    :class:`Skipped` and reading goes on.
    """
    encoding = text.detect_encoding(source.open)
    with source.open() as stream:
        reader = csv.reader(text.open_text(stream, encoding), delimiter=delimiter)
        end = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                if reader.line_num == end:
                    return
                yield Skipped(end + 1, f"unreadable row: {error}")
                end = reader.line_num
                continue
            start, end = end + 1, reader.line_num
            yield start, row


def contact_rows(
    rows: Iterator[tuple[int, list[str]] | Skipped],
    plan_of: Callable[[list[str]], Any],
    record_of: Callable[[int, list[str], Any, set[str]], Record],
) -> Iterator[Record]:
    """Yield a record per non-empty row after the header, passing :class:`Skipped` through.

    ``plan_of(header)`` reads the header once; ``record_of(line, cells, plan, seen)`` makes a
    row's record (``seen`` keeps the file's keys unique). Shared by the contact CSV importers.
    """
    first = next(rows, None)
    if not isinstance(first, tuple):
        raise FormatError("empty file: no header row", line=1)
    plan = plan_of(first[1])
    seen: set[str] = set()
    for item in rows:
        if isinstance(item, Skipped):
            yield item
        elif any(cell.strip() for cell in item[1]):
            yield record_of(*item, plan, seen)


def split_multi(value: str) -> list[str]:
    """Return the values packed into one cell with `` ::: ``, stripped, empty ones left out."""
    return [part.strip() for part in value.split(MULTI) if part.strip()]


def parse(source: ImportSource, options: ImportOptions) -> Iterator[Record]:
    """Yield a :class:`ContactRecord` per row, or :class:`Skipped` for a row naming nobody.

    Raise :class:`FormatError` when the first row is not a Google Contacts header.
    """
    yield from contact_rows(read_rows(source), _plan, _record)


@dataclass
class _Plan:
    simple: dict[str, int] = field(default_factory=dict)
    blocks: dict[tuple[str, int], dict[str, int]] = field(default_factory=dict)


def _plan(header: list[str]) -> _Plan:
    plan = _Plan()
    for index, cell in enumerate(clean_header(c) for c in header):
        if match := BLOCK.fullmatch(cell):
            kind, number, part = match[1].casefold(), int(match[2]), match[3].casefold()
            part = "label" if part in ("type", "label") else part
            plan.blocks.setdefault((kind, number), {}).setdefault(part, index)
        elif (key := _SIMPLE.get(cell.casefold())) is not None:
            plan.simple.setdefault(key, index)
    names = {"name", "given", "family", "file_as"} & plan.simple.keys()
    if not names or not ("groups" in plan.simple or plan.blocks):
        raise FormatError(
            "not a Google Contacts CSV: the header has no Name/First Name and "
            "Group Membership/Labels or E-mail 1 - Value columns",
            line=1,
        )
    return plan


def _record(line: int, row: list[str], plan: _Plan, seen: set[str]) -> Record:
    def cell(index: int | None) -> str:
        return row[index].strip() if index is not None and index < len(row) else ""

    get = {key: cell(index) for key, index in plan.simple.items()}.get
    phones, emails, urls, addresses, affiliations = [], [], [], [], []
    city = ""
    for (kind, _number), parts in sorted(plan.blocks.items(), key=lambda item: item[0][1]):
        values = {part: cell(index) for part, index in parts.items()}
        label = values.get("label", "").removeprefix("* ").strip()
        if kind == "e-mail":
            emails += [(value, label) for value in split_multi(values.get("value", ""))]
        elif kind == "phone":
            phones += [(value, label) for value in split_multi(values.get("value", ""))]
        elif kind == "website":
            urls += split_multi(values.get("value", ""))
        elif kind == "organization" and values.get("name"):
            affiliations.append(
                Affiliation(values["name"], values.get("title", ""), values.get("department", ""))
            )
        elif kind == "address":
            formatted = values.get("formatted") or ", ".join(
                filter(None, (values.get(part, "") for part in _ADDRESS_PARTS))
            )
            if address := one_line(formatted):
                addresses.append(address)
            city = city or values.get("city", "")
    if get("org"):
        affiliations.insert(0, Affiliation(get("org"), get("title", ""), get("department", "")))
    parts = (get("prefix"), get("given"), get("middle"), get("family"), get("suffix"))
    name = get("name") or " ".join(p for p in parts if p) or get("file_as") or get("nickname")
    name = " ".join((name or (affiliations[0].organisation if affiliations else "")).split())
    if not name:
        return Skipped(line, "row names nobody: no name, File As, nickname or organisation")
    groups = (g.removeprefix("* ").strip() for g in split_multi(get("groups") or ""))
    return ContactRecord(
        line=line,
        key=unique_key(contact_key(NAME, name, emails, phones), seen),
        name=name,
        given_name=get("given") or "",
        family_name=get("family") or "",
        nickname=get("nickname") or "",
        phones=tuple(phones),
        emails=tuple(emails),
        urls=tuple(urls),
        linkedin=next((u for u in urls if "linkedin.com/in/" in u.lower()), ""),
        affiliations=tuple(affiliations),
        birthday=parse_birthday(get("birthday") or ""),
        addresses=tuple(addresses),
        city=city,
        notes=(get("notes") or "").strip(),
        categories=tuple(
            dict.fromkeys(g for g in groups if g and g.casefold() not in SYSTEM_GROUPS)
        ),
    )

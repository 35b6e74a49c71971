"""Outlook, Thunderbird and other address-book CSVs: one contact per row, columns by name.

Quirks handled (research/formats.md §5):

* **Translated headers.** Outlook names its columns in the language of Office (``Vorname``,
  ``Nachname``, ``E-Mail-Adresse``, ``Telefon geschäftlich`` …) and orders the tail by the
  translated names, so columns are found by name, never by position, through one table per
  language below (English, German, French; each includes the Thunderbird export's names).
  Dutch and Indonesian are left out until an export in those languages is seen.
* **Encoding and delimiter.** Outlook writes the ANSI code page (Windows-1252), European
  Excel writes semicolons: :func:`text.detect_encoding` picks the encoding, and the
  delimiter is whichever of comma, semicolon and tab the header line holds most of.
* **Ragged rows** (the German sample has 89 cells under 92 headers): missing cells are empty.
* **Placeholders**: Outlook's unset dates (``0.0.00``, ``0/0/00``) are no birthday.
  Dates are ``22.03.1980`` (day first), ``3/22/1980`` (month first unless the first number
  is over 12 or the options say ``dmy``) or ISO; Thunderbird splits them into Birth Year /
  Month / Day columns.
* **Exchange contacts** may hold an X.500 name instead of an address; the address is then
  taken from the display-name column's ``Name (address)``.
* Categories are separated by semicolons or commas; phone numbers stay as typed, labelled by
  their column (``work``, ``mobile``, ``home fax`` …).
* Rows have no id, so the key is :func:`jalin.importers.vcard.contact_key`; a row naming
  nobody (no name, display name or company) is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from jalin.importers.base import (
    Affiliation,
    ContactRecord,
    FormatError,
    ImportOptions,
    ImportSource,
    Record,
    Skipped,
)
from jalin.importers.google_csv import (
    BLOCK,
    clean_header,
    contact_rows,
    first_line,
    head_row,
    read_rows,
)
from jalin.importers.vcard import contact_key, one_line, parse_birthday, unique_key

NAME = "outlook-csv"
DESCRIPTION = "Outlook, Thunderbird or other address-book CSV (English, German, French headers)"

DELIMITERS = ",;\t"


def _columns(spec: str) -> dict[str, str]:
    """Read a table of ``header | header … = field`` lines into a lookup by folded header."""
    table = {}
    for line in spec.strip().splitlines():
        headers, target = line.rsplit("=", 1)
        table.update((h.strip().casefold(), target.strip()) for h in headers.split("|"))
    return table


# Outlook (desktop and web), Thunderbird and generic exports
ENGLISH = _columns("""
    Title = prefix
    First Name = first
    Middle Name = middle
    Last Name = last
    Suffix = suffix
    Name | Full Name | Display Name = display
    Nickname = nickname
    Company | Organization = company
    Department = department
    Job Title = title
    E-mail Address | Primary Email | Email | E-mail | Email Address = email 1
    E-mail 2 Address | Secondary Email = email 2
    E-mail 3 Address = email 3
    E-mail Display Name = email_display 1
    E-mail 2 Display Name = email_display 2
    E-mail 3 Display Name = email_display 3
    Business Phone | Work Phone = phone work
    Business Phone 2 = phone work 2
    Home Phone = phone home
    Home Phone 2 = phone home 2
    Mobile Phone | Mobile Number | Mobile = phone mobile
    Other Phone = phone other
    Primary Phone = phone main
    Company Main Phone = phone company
    Car Phone = phone car
    Business Fax = phone work fax
    Home Fax = phone home fax
    Other Fax = phone other fax
    Pager | Pager Number = phone pager
    Assistant's Phone = phone assistant
    Callback = phone callback
    ISDN = phone isdn
    Radio Phone = phone radio
    Telex = phone telex
    TTY/TDD Phone = phone tty
    Fax Number = phone fax
    Phone = phone
    Business Street | Business Street 2 | Business Street 3 = street work
    Work Address | Work Address 2 = street work
    Business City | Work City = city work
    Business State | Work State = region work
    Business Postal Code | Work ZipCode = code work
    Business Country/Region | Business Country | Work Country = country work
    Business Address PO Box = pobox work
    Home Street | Home Street 2 | Home Street 3 | Home Address | Home Address 2 = street home
    Home City = city home
    Home State = region home
    Home Postal Code | Home ZipCode = code home
    Home Country/Region | Home Country = country home
    Home Address PO Box = pobox home
    Other Street | Other Street 2 | Other Street 3 = street other
    Other City = city other
    Other State = region other
    Other Postal Code = code other
    Other Country/Region = country other
    Other Address PO Box = pobox other
    Birthday = birthday
    Birth Year = birth_year
    Birth Month = birth_month
    Birth Day = birth_day
    Notes = notes
    Categories = categories
    Web Page | Web Page 1 | Web Page 2 | Website = web
""")

# German Outlook and Thunderbird
GERMAN = _columns("""
    Anrede = prefix
    Vorname = first
    Weitere Vornamen = middle
    Nachname = last
    Anzeigename = display
    Spitzname = nickname
    Firma | Organisation = company
    Abteilung = department
    Position = title
    E-Mail-Adresse | Primäre E-Mail-Adresse = email 1
    E-Mail: Angezeigter Name = email_display 1
    E-Mail 2: Adresse | Sekundäre E-Mail-Adresse = email 2
    E-Mail 2: Angezeigter Name = email_display 2
    E-Mail 3: Adresse = email 3
    E-Mail 3: Angezeigter Name = email_display 3
    Telefon geschäftlich | Tel. dienstlich = phone work
    Telefon geschäftlich 2 = phone work 2
    Telefon (privat) | Telefon privat = phone home
    Telefon (privat 2) = phone home 2
    Mobiltelefon | Mobil-Tel.-Nr. = phone mobile
    Mobiltelefon 2 = phone mobile 2
    Weiteres Telefon = phone other
    Haupttelefon = phone main
    Telefon Firma = phone company
    Autotelefon = phone car
    Fax geschäftlich = phone work fax
    Fax privat = phone home fax
    Weiteres Fax = phone other fax
    Telefon Assistent = phone assistant
    Rückmeldung = phone callback
    Telefon für Hörbehinderte = phone tty
    Fax-Nummer = phone fax
    Pager-Nummer = phone pager
    Straße geschäftlich | Straße geschäftlich 2 | Straße geschäftlich 3 = street work
    Dienstlich: Adresse = street work
    Ort geschäftlich = city work
    Region geschäftlich = region work
    Postleitzahl geschäftlich | Dienstlich: PLZ = code work
    Land/Region geschäftlich | Dienstlich: Land = country work
    Postfach geschäftlich = pobox work
    Straße privat | Straße privat 2 | Straße privat 3 | Privat: Adresse = street home
    Ort privat = city home
    Bundesland/Kanton privat = region home
    Postleitzahl privat | Privat: PLZ = code home
    Land/Region privat | Privat: Land = country home
    Postfach privat = pobox home
    Weitere Straße | Weitere Straße 2 | Weitere Straße 3 = street other
    Weiterer Ort = city other
    Weiteres/r Bundesland/Kanton = region other
    Weitere Postleitzahl = code other
    Weiteres/e Land/Region = country other
    Weiteres Postfach = pobox other
    Geburtstag = birthday
    Geburtsjahr = birth_year
    Geburtsmonat = birth_month
    Notizen = notes
    Kategorien = categories
    Webseite | Webseite 1 | Webseite 2 = web
""")

# French Outlook and Thunderbird
FRENCH = _columns("""
    Titre = prefix
    Prénom = first
    Deuxième prénom = middle
    Nom = last
    Suffixe = suffix
    Nom à afficher = display
    Surnom = nickname
    Société = company
    Service = department
    Profession = title
    Adresse de messagerie | Adresse électronique principale = email 1
    Adresse électronique secondaire = email 2
    Téléphone (bureau) | Tél. professionnel = phone work
    Téléphone 2 (bureau) = phone work 2
    Téléphone (domicile) = phone home
    Téléphone 2 (domicile) = phone home 2
    Tél. mobile | Portable = phone mobile
    Téléphone (autre) = phone other
    Téléphone principal = phone main
    Téléphone (voiture) = phone car
    Télécopie (bureau) = phone work fax
    Télécopie (domicile) = phone home fax
    Télécopie (autre) = phone other fax
    Récepteur de radiomessagerie = phone pager
    Téléphone de l'assistant(e) = phone assistant
    Rue (bureau) | Adresse professionnelle = street work
    Ville (bureau) = city work
    Dép/Région (bureau) = region work
    Code postal (bureau) = code work
    Pays/Région (bureau) = country work
    Rue (domicile) | Adresse privée = street home
    Ville (domicile) = city home
    Dép/Région (domicile) = region home
    Code postal (domicile) = code home
    Pays/Région (domicile) = country home
    Rue (autre) = street other
    Ville (autre) = city other
    Dép/Région (autre) = region other
    Code postal (autre) = code other
    Pays/Région (autre) = country other
    Anniversaire = birthday
    Année de naissance = birth_year
    Mois = birth_month
    Jour = birth_day
    Notes = notes
    Catégories = categories
    Page Web | Site Web 1 | Site Web 2 = web
""")

COLUMNS = {**FRENCH, **GERMAN, **ENGLISH}
# Names only these exporters use: a header with one of them is surely theirs.
_MARKERS = frozenset(
    c.casefold()
    for c in (
        "E-mail Address", "Business Phone", "Mobile Phone", "Job Title", "Primary Email",
        "Display Name", "E-Mail-Adresse", "Mobiltelefon", "Telefon geschäftlich",
        "Primäre E-Mail-Adresse", "Adresse de messagerie", "Tél. mobile",
    )
)  # fmt: skip
_DATE = re.compile(r"(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})")
_EMBEDDED_EMAIL = re.compile(r"\(([^()\s]+@[^()\s]+)\)")
_PLACES = ("home", "work", "other")


def sniff(head: bytes, filename: str) -> float:
    """Return 0.9 when the header has a column only Outlook or Thunderbird write, 0.6 for a
    name or email column among other known ones, and a low score for Google's and
    LinkedIn's exports, which have importers of their own."""
    cells = [cell.casefold() for cell in head_row(head, DELIMITERS)]
    google = any(BLOCK.fullmatch(cell) for cell in cells) or "group membership" in cells
    if google or "connected on" in cells:
        return 0.05
    fields = {COLUMNS[cell].split()[0] for cell in cells if cell in COLUMNS}
    if _MARKERS.intersection(cells):
        return 0.9
    if len(fields) >= 2 and fields & {"first", "last", "display", "email"}:
        return 0.6
    return 0.0


def parse(source: ImportSource, options: ImportOptions) -> Iterator[Record]:
    """Yield a :class:`ContactRecord` per row, or :class:`Skipped` for a row naming nobody.

    Raise :class:`FormatError` when the header has neither a name nor an email column.
    """
    line = first_line(source.head())
    delimiter = max(DELIMITERS, key=line.count)
    yield from contact_rows(
        read_rows(source, delimiter),
        _plan,
        lambda line, cells, plan, seen: _record(line, cells, plan, options, seen),
    )


@dataclass
class _Plan:
    single: dict[str, int] = field(default_factory=dict)
    emails: dict[str, int] = field(default_factory=dict)  # slot → column
    displays: dict[str, int] = field(default_factory=dict)  # slot → column
    phones: list[tuple[str, int]] = field(default_factory=list)
    addresses: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    web: list[int] = field(default_factory=list)


def _plan(header: list[str]) -> _Plan:
    plan = _Plan()
    for index, cell in enumerate(header):
        target = COLUMNS.get(clean_header(cell).casefold())
        if target is None:
            continue
        kind, _, rest = target.partition(" ")
        if kind == "email":
            plan.emails.setdefault(rest, index)
        elif kind == "email_display":
            plan.displays.setdefault(rest, index)
        elif kind == "phone":
            plan.phones.append((rest, index))
        elif kind in ("street", "city", "region", "code", "country", "pobox"):
            plan.addresses.setdefault(rest, {}).setdefault(kind, []).append(index)
        elif kind == "web":
            plan.web.append(index)
        else:
            plan.single.setdefault(kind, index)
    if "birth_month" in plan.single and "birth_day" not in plan.single:
        # German Thunderbird calls the day of birth "Geburtstag", Outlook's birthday column.
        plan.single["birth_day"] = plan.single.pop("birthday", -1)
    if not ({"first", "last", "display", "company"} & plan.single.keys() or plan.emails):
        raise FormatError("no name or email column: not an address-book CSV", line=1)
    return plan


def _record(
    line: int, row: list[str], plan: _Plan, options: ImportOptions, seen: set[str]
) -> Record:
    def cell(index: int) -> str:
        return row[index].strip() if 0 <= index < len(row) else ""

    get = {key: cell(index) for key, index in plan.single.items()}
    emails = []
    for slot, index in sorted(plan.emails.items()):
        address = cell(index)
        if address and "@" not in address:  # an Exchange X.500 name
            shown = _EMBEDDED_EMAIL.search(cell(plan.displays.get(slot, -1)))
            address = shown[1] if shown else address
        if address:
            emails.append((address, ""))
    phones = [(cell(index), label) for label, index in plan.phones if cell(index)]
    addresses, city = [], ""
    for place in _PLACES + tuple(p for p in plan.addresses if p not in _PLACES):
        parts = plan.addresses.get(place, {})
        values = {kind: ", ".join(filter(None, map(cell, parts[kind]))) for kind in parts}
        order = ("street", "pobox", "city", "region", "code", "country")
        if address := one_line(", ".join(filter(None, (values.get(k, "") for k in order)))):
            addresses.append(address)
        city = city or values.get("city", "")
    urls = [cell(index) for index in plan.web if cell(index)]
    names = (get.get(part, "") for part in ("prefix", "first", "middle", "last", "suffix"))
    name = get.get("display") or " ".join(p for p in names if p) or get.get("company", "")
    if not name:
        return Skipped(line, "row names nobody: no name, display name or company")
    affiliation = Affiliation(
        get.get("company", ""), get.get("title", ""), get.get("department", "")
    )
    categories = re.split(r"[;,]", get.get("categories", ""))
    return ContactRecord(
        line=line,
        key=unique_key(contact_key(NAME, name, emails, phones), seen),
        name=" ".join(name.split()),
        given_name=get.get("first", ""),
        family_name=get.get("last", ""),
        nickname=get.get("nickname", ""),
        phones=tuple(phones),
        emails=tuple(emails),
        urls=tuple(urls),
        linkedin=next((u for u in urls if "linkedin.com/in/" in u.lower()), ""),
        affiliations=(affiliation,) if affiliation.organisation else (),
        birthday=_birthday(get, options),
        addresses=tuple(addresses),
        city=city,
        notes=get.get("notes", ""),
        categories=tuple(dict.fromkeys(c.strip() for c in categories if c.strip())),
    )


def _birthday(get: dict[str, str], options: ImportOptions) -> tuple[int | None, int, int] | None:
    """Return the birthday from Outlook's date column or Thunderbird's three columns."""
    if get.get("birth_month") and get.get("birth_day"):
        try:
            year, month, day = (
                int(get.get(k) or 0) for k in ("birth_year", "birth_month", "birth_day")
            )
        except ValueError:
            return None
        return parse_birthday(
            f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}{day:02d}"
        )
    value = get.get("birthday", "")
    match = _DATE.fullmatch(value)
    if not match:
        return parse_birthday(value) if value else None
    first, separator, second, third = int(match[1]), match[2], int(match[3]), int(match[4])
    if first > 31:
        year, month, day = first, second, third
    elif separator == "." or first > 12 or options.date_order == "dmy":
        day, month, year = first, second, third
    else:
        month, day, year = first, second, third
    if year < 100:
        year += 1900 if year > 30 else 2000
    return parse_birthday(f"{year:04d}-{month:02d}-{day:02d}")

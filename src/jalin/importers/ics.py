"""iCalendar (``.ics``): past meetings with other people, and Google's birthday calendar.

Read with ``icalendar`` and expanded with ``recurring-ical-events`` (research/formats.md §8);
named ``ics`` so as not to shadow the library. Quirks handled:

* A bare ``VEVENT`` (mail attachments); several calendars in one file; folded lines; quoted
  ``CN="acme, ädmin"``; Exchange's ``CN="'a@b.c'"`` and a ``CN`` repeating the address.
* Times in UTC; with a ``TZID`` that is an IANA name, a Windows name (``W. Europe Standard
  Time``) or one the file's ``VTIMEZONE`` defines (Outlook's ``"Canberra, Melbourne, Sydney"``);
  floating, read in ``options.zone`` (an unknown ``TZID``: in a valid ``X-WR-TIMEZONE``); or
  all-day. Before the library sees the file, Exchange 2010's empty ``TZID`` (``DTSTART;TZID=:``
  and a ``VTIMEZONE`` with ``TZID:``) becomes floating, and ``DTEND: 2024…`` loses its space.
* Recurrences (``RRULE``, ``RDATE``, ``EXDATE``, instances moved by ``RECURRENCE-ID``) expand
  up to ``options.now``, keeping a series' latest ``MAX_OCCURRENCES``; an instance is keyed by
  UID and recurrence instant, a single event by UID (the newest ``SEQUENCE`` wins). An
  unreadable ``RDATE``/``EXDATE``/``DTEND`` is dropped; an unreadable ``DTSTART`` skips the
  event, as does any error the libraries raise on one event or series.
* The owner: ``options.me_emails``, plus addresses whose ``CN`` is in ``options.me_names``;
  failing both, ``X-WR-CALNAME`` (Google names the main calendar after its owner). When no
  owner can be told and events name people, :class:`FormatError` asks for ``--me-email``.
* Participants: the organizer and attendees who did not decline; never the owner, a room or
  resource (``CUTYPE``), or a calendar address (``@resource.calendar.google.com``,
  ``@group.calendar.google.com``, the birthday calendar's ``@virtual``). No interaction comes
  from an event the owner declined, a cancelled one, a future one, or one with only the owner.
  It is ``video`` when the location, description or URL names Meet, Zoom, Teams …
* Birthday calendars (UIDs with ``BIRTHDAY``, Google's cake icon, a calendar named
  "…birthdays…" or "Ulang tahun", a yearly "X's birthday") give one :class:`BirthdayRecord`
  per person named in the titles, without a year: the event's year is not the birth year.

The library needs the whole document, so the file is read at once.
"""

from __future__ import annotations

import hashlib
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from itertools import islice
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from jalin.domain.kind import classify_kind
from jalin.importers.base import (
    BirthdayRecord,
    FormatError,
    ImportOptions,
    ImportSource,
    InteractionRecord,
    PersonRef,
    Record,
    Skipped,
)

if TYPE_CHECKING:  # icalendar is imported where a calendar is read: a tenth of a second
    from icalendar import Component

    Item = tuple[int, Component, Component]
"""An event with the line where it starts and the calendar that holds it."""

NAME = "icalendar"
DESCRIPTION = "iCalendar (.ics): past meetings with attendees, and birthday calendars"

MAX_OCCURRENCES = 2000
"""The most instances of one recurring series kept (the latest ones): ~8 years of workdays."""

_EARLIEST = date(1900, 1, 1)
_VIDEO = re.compile(
    r"meet\.google\.com|google meet|zoom\.us|\bzoom\b|teams\.microsoft\.com|teams\.live\.com"
    r"|microsoft teams|webex|whereby\.com|meet\.jit\.si|jitsi|skype",
    re.IGNORECASE,
)
_BIRTHDAY_WORDS = re.compile(r"birthday|ulang tahun|ultah|geburtstag|anniversaire|cumplea", re.I)
_BIRTHDAY_TITLES = (
    re.compile(r"^(?P<name>.+?)['’‘`]s?\s+(?:birthday|bday|b-day)\b", re.I),
    re.compile(
        r"^(?:happy\s+)?(?:birthday|bday|ulang\s+tahun|ultah|hbd|geburtstag)"
        r"(?:\s+(?:of|von|de|dari))?[\s:,–-]+(?P<name>.+)$",
        re.I,
    ),
    re.compile(r"^(?P<name>.+?)\s*(?:[-–:(]\s*|\s)(?:birthday|ulang\s+tahun|ultah)\)?$", re.I),
)
_NOT_PEOPLE = ("@resource.calendar.google.com", "@group.calendar.google.com", "@virtual")
_EMPTY_TZID_PARAM = re.compile(rb';TZID=(?:""|)(?=[:;])', re.IGNORECASE)
_EMPTY_TZID_BLOCK = re.compile(
    rb"^BEGIN:VTIMEZONE\r?\n(?:(?!END:VTIMEZONE).)*?^TZID:[ \t]*\r?\n.*?^END:VTIMEZONE\r?\n?",
    re.DOTALL | re.MULTILINE | re.IGNORECASE,
)
_SPACE_BEFORE_DATE = re.compile(
    rb"^((?:DTSTART|DTEND|DUE|RECURRENCE-ID|RDATE|EXDATE)(?:;[^:\r\n]*)?):[ \t]+",
    re.MULTILINE | re.IGNORECASE,
)


def sniff(head: bytes, filename: str) -> float:
    """Return 0.95 for a file opening with ``BEGIN:VCALENDAR`` (0.9: a bare ``VEVENT``; 0.8:
    ``BEGIN:VCALENDAR`` further on; 0.3: only a ``.ics`` name)."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:16].upper()
    if start.startswith(b"BEGIN:VCALENDAR"):
        return 0.95
    if start.startswith(b"BEGIN:VEVENT"):
        return 0.9
    if re.search(rb"(?im)^BEGIN:VCALENDAR\r?$", head):
        return 0.8
    return 0.3 if filename.lower().endswith((".ics", ".ical", ".ifb")) else 0.0


def parse(source: ImportSource, options: ImportOptions) -> Iterator[Record]:
    """Yield the meetings (and birthdays) of an iCalendar file, event by event.

    Raises :class:`FormatError` when the library cannot read the file, when it holds no
    calendar, or when events name people but nothing tells which of them is the owner.
    """
    with source.open() as stream:
        raw = stream.read()
    starts = [
        n for n, ln in enumerate(raw.splitlines(), 1) if ln.strip().upper() == b"BEGIN:VEVENT"
    ]
    import icalendar

    try:
        calendars = icalendar.Component.from_ical(_repair(raw), multiple=True)
    except Exception as error:  # the library raises many kinds (ValueError, KeyError …)
        raise FormatError(f"not a readable iCalendar file: {error}") from None
    if not calendars:
        raise FormatError("no VCALENDAR or VEVENT in the file")
    events: list[Item] = []
    for calendar in calendars:
        for event in calendar.walk("VEVENT"):
            line = starts[len(events)] if len(events) < len(starts) else 1
            events.append((line, event, calendar))
    owner = _owner(events, options)
    options = replace(options, now=options.now or datetime.now(UTC))
    born: set[tuple[str, int, int]] = set()
    for uid, group in _by_uid(events).items():
        line, first, calendar = group[0]
        if _is_birthday(first, calendar):
            yield from _birthdays(group, born)
            continue
        try:
            yield from _meetings(uid, group, owner, options)
        except Exception as error:  # a broken series must not stop the rest of the file
            yield Skipped(line, f"unreadable event: {error}")


def _repair(raw: bytes) -> bytes:
    """Undo the quirks the library rejects outright: empty TZIDs and spaces before dates."""
    raw = _EMPTY_TZID_BLOCK.sub(b"", raw)
    raw = _EMPTY_TZID_PARAM.sub(b"", raw)
    return _SPACE_BEFORE_DATE.sub(rb"\1:", raw)


def _by_uid(events: list[Item]) -> dict[str, list[Item]]:
    """Events grouped by UID (a series and its moved instances); no UID: a group of its own."""
    groups: dict[str, list] = {}
    for item in events:
        uid = str(item[1].get("UID", "")).strip()
        groups.setdefault(uid or f"line:{item[0]}", []).append(item)
    return groups


def _fold(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _people(event: Component) -> Iterator[tuple[str, str, dict, bool]]:
    """Yield ``(address, name, parameters, is_organizer)`` for the organizer and attendees."""
    organizer = event.get("ORGANIZER")
    if organizer is not None:
        yield (*_address(organizer), getattr(organizer, "params", {}), True)
    attendees = event.get("ATTENDEE", [])
    for attendee in attendees if isinstance(attendees, list) else [attendees]:
        yield (*_address(attendee), getattr(attendee, "params", {}), False)


def _address(value: object) -> tuple[str, str]:
    """Return ``(email, display name)`` of a CAL-ADDRESS, dropping a ``CN`` that repeats it."""
    text = str(value).strip()
    email = text[7:] if text.lower().startswith("mailto:") else text
    email = email.strip() if "@" in email else ""
    params = getattr(value, "params", {})
    name = str(params.get("CN", "")).strip().strip("'\"").strip()
    if name.casefold() == email.casefold() or name.lower().startswith("mailto:"):
        name = ""
    return email, name


def _owner(events: list[Item], options: ImportOptions) -> set[str]:
    """The owner's addresses, folded (see the module doc); empty when nothing tells."""
    mine = {email.casefold() for email in options.me_emails}
    names = {_fold(name) for name in options.me_names}
    if not mine and not names:
        for _, _, calendar in events:
            title = str(calendar.get("X-WR-CALNAME", "")).strip()
            if "@" in title and " " not in title:
                mine.add(title.casefold())
            elif title:
                names.add(_fold(title))
    for _, event, _ in events:
        for email, name, _, _ in _people(event):
            if email and name and _fold(name) in names:
                mine.add(email.casefold())
    if not mine and any(
        not _is_birthday(event, calendar) and any(_people(event)) for _, event, calendar in events
    ):
        raise FormatError("cannot tell which attendee is you: pass --me-email ADDRESS")
    return mine


def _is_birthday(event: Component, calendar: Component) -> bool:
    """Whether an event belongs to a birthday calendar (never a meeting)."""
    if _BIRTHDAY_WORDS.search(str(calendar.get("X-WR-CALNAME", ""))):
        return True
    if "BIRTHDAY" in str(event.get("UID", "")).upper():
        return True
    if "cake" in str(event.get("X-GOOGLE-CALENDAR-CONTENT-ICON", "")):
        return True
    rule = event.get("RRULE")
    yearly = hasattr(rule, "to_ical") and b"FREQ=YEARLY" in rule.to_ical().upper()
    return yearly and bool(_BIRTHDAY_WORDS.search(str(event.get("SUMMARY", ""))))


def birthday_name(title: str) -> str:
    """Return whose birthday an event title names (``"Budi's birthday"`` → ``"Budi"``), or ""."""
    title = " ".join(title.split())
    for pattern in _BIRTHDAY_TITLES:
        match = pattern.match(title)
        if match:
            return match.group("name").strip(" -–:,")
    return ""


def _birthdays(group: list[Item], born: set[tuple[str, int, int]]) -> Iterator[BirthdayRecord]:
    for line, event, _ in group:
        name, day = birthday_name(str(event.get("SUMMARY", ""))), _start(event)
        if not name or day is None:
            continue
        key = (_fold(name), day.month, day.day)
        if key not in born:
            born.add(key)
            yield BirthdayRecord(line, PersonRef(name=name), (None, day.month, day.day))


def _meetings(
    uid: str, group: list[Item], owner: set[str], options: ImportOptions
) -> Iterator[Record]:
    """Yield the interactions of one event or recurring series (see the module doc)."""
    line, first, calendar = group[0]
    if str(calendar.get("METHOD", "")).strip().upper() == "CANCEL":
        return
    options = replace(options, zone=_floating_zone(first, calendar, options.zone))
    marks = ("RRULE", "RDATE", "RECURRENCE-ID")
    recurring = any(mark in event for _, event, _ in group for mark in marks)
    if not recurring:
        line, event, _ = max(group, key=lambda item: _sequence(item[1]))
        if _start(event) is None:
            yield Skipped(line, "an event without a readable DTSTART")
            return
        occurrences = [(line, event, False)]
    else:
        occurrences = list(_expand(group, options))
    for line, event, instance in occurrences:
        record = _interaction(line, uid, event, instance, owner, options)
        if record is not None:
            yield record


def _sequence(event: Component) -> int:
    value = str(event.get("SEQUENCE", 0)).strip()
    return int(value) if value.isdigit() else 0


def _start(event: Component) -> date | None:
    """DTSTART as a date or datetime; ``None`` when missing, unreadable or a bare time."""
    from icalendar.prop import vBroken

    value = event.get("DTSTART")
    moment = getattr(value, "dt", None) if not isinstance(value, vBroken) else None
    return moment if isinstance(moment, date) else None


def _expand(group: list[Item], options: ImportOptions) -> Iterator[tuple[int, Component, bool]]:
    """The past instances of a series, the latest ``MAX_OCCURRENCES`` of them."""
    import icalendar
    import recurring_ical_events
    from icalendar.prop import vBroken

    series = icalendar.Calendar()
    lines = {}
    for line, event, _ in group:
        for name in ("RDATE", "EXDATE", "DTEND", "DURATION"):
            values = event.get(name)
            listed = values if isinstance(values, list) else [values]
            kept = [v for v in listed if not isinstance(v, vBroken)]
            if values is not None and len(kept) < len(listed):
                event.pop(name)
                if kept:
                    event[name] = kept if len(kept) > 1 else kept[0]
        if _start(event) is None:
            raise ValueError("an event without a readable DTSTART")
        moved = event.get("RECURRENCE-ID")
        lines[_instant_key(moved.dt) if moved is not None else None] = line
        series.add_component(event)
    latest: deque = deque(maxlen=MAX_OCCURRENCES)
    expansion = recurring_ical_events.of(series).after(_EARLIEST)
    for occurrence in islice(expansion, 50 * MAX_OCCURRENCES):  # FREQ=SECONDLY stops here
        if _moment(occurrence["DTSTART"].dt, options.zone) > options.now:
            break
        latest.append(occurrence)
    for occurrence in latest:
        key = (
            _instant_key(occurrence["RECURRENCE-ID"].dt) if "RECURRENCE-ID" in occurrence else None
        )
        yield lines.get(key, lines.get(None, group[0][0])), occurrence, True


def _moment(value: date, zone: tzinfo) -> datetime:
    """An aware instant: floating times in ``zone``, all-day dates at their midnight."""
    if not isinstance(value, datetime):
        return datetime.combine(value, time(), zone)
    return value.replace(tzinfo=zone) if value.tzinfo is None else value.astimezone(zone)


def _instant_key(value: date) -> str:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%dT%H%M%S" if isinstance(value, datetime) else "%Y%m%d")


def _interaction(
    line: int, uid: str, event: Component, instance: bool, owner: set[str], options: ImportOptions
) -> InteractionRecord | None:
    """The interaction one event or instance is, or ``None`` when it is none (module doc)."""
    if str(event.get("STATUS", "")).strip().upper() == "CANCELLED":
        return None
    start = _moment(_start(event), options.zone)
    if start > options.now:
        return None
    participants: dict[str, PersonRef] = {}
    organizer = ""
    for email, name, params, is_organizer in _people(event):
        folded = email.casefold()
        partstat = str(params.get("PARTSTAT", "")).upper()
        if is_organizer:
            organizer = "me" if folded in owner else "them" if email or name else ""
        if folded in owner:
            if partstat == "DECLINED" and not is_organizer:
                return None
            continue
        cutype = str(params.get("CUTYPE", "")).upper()
        if (partstat == "DECLINED" and not is_organizer) or cutype in ("ROOM", "RESOURCE"):
            continue
        if folded.endswith(_NOT_PEOPLE) or not (email or name):
            continue
        key = folded or _fold(name)
        if key not in participants or (name and not participants[key].name):
            participants[key] = PersonRef(name=name, email=email)
    if not participants:
        return None
    title = str(event.get("SUMMARY", "")).strip()
    end = _end(event, start, options.zone)
    return InteractionRecord(
        line=line,
        external_key=_key(uid, event, instance),
        occurred_at=start,
        ended_at=end,
        channel="video" if _is_video(event) else "meeting",
        initiator=organizer or "mutual",
        participants=tuple(participants.values()),
        kind=classify_kind(title),
        minutes=max(0, int((end - start).total_seconds() // 60)) if end else None,
        summary=title,
        text=str(event.get("DESCRIPTION", "")) if options.keep_text else "",
        group=title if len(participants) > 1 else "",
    )


def _end(event: Component, start: datetime, zone: tzinfo) -> datetime | None:
    """The end of a timed event (``DTEND``, else ``DTSTART`` + ``DURATION``); all-day: none."""
    from icalendar.prop import vBroken

    if not isinstance(_start(event), datetime):
        return None
    end = event.get("DTEND")
    if end is not None and not isinstance(end, vBroken) and isinstance(end.dt, datetime):
        return _moment(end.dt, zone)
    duration = event.get("DURATION")
    value = getattr(duration, "dt", None) if not isinstance(duration, vBroken) else None
    return start + value if isinstance(value, timedelta) else None


def _is_video(event: Component) -> bool:
    where = " ".join(str(event.get(k, "")) for k in ("LOCATION", "DESCRIPTION", "URL"))
    return bool(_VIDEO.search(where)) or "X-GOOGLE-CONFERENCE" in event or "CONFERENCE" in event


def _key(uid: str, event: Component, instance: bool) -> str:
    """UID for a single event, UID plus the recurrence instant for an instance of a series."""
    if uid.startswith("line:"):
        seed = f"{event.get('SUMMARY', '')}|{_start(event)}|{event.get('ORGANIZER', '')}"
        uid = hashlib.sha1(seed.encode()).hexdigest()[:20]
    if instance and "RECURRENCE-ID" in event:
        uid = f"{uid}/{_instant_key(event['RECURRENCE-ID'].dt)}"
    key = f"ics:{uid}"
    return key if len(key) <= 200 else f"ics:{hashlib.sha1(uid.encode()).hexdigest()}"


def _floating_zone(event: Component, calendar: Component, default: tzinfo) -> tzinfo:
    """The zone of times without an offset: ``X-WR-TIMEZONE`` for an unknown TZID, else ours."""
    start = event.get("DTSTART")
    if start is None or "TZID" not in getattr(start, "params", {}):
        return default
    try:
        return ZoneInfo(str(calendar.get("X-WR-TIMEZONE", "")).strip())
    except (ValueError, KeyError):
        return default
